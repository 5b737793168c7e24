"""The window's menus and shortcuts, as one table per menu.

Every command the reviewer has is an action here with its keys (and a tooltip naming
them), so the menus, the shortcuts and the F1 sheet say the same thing. Actions reach
the window through its public methods only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from docket.settings import THEME_CHOICES
from docket.ui.comparison_view import NEXT_CITATION_KEY
from docket.ui.dialogs import ShortcutSheet
from docket.ui.pii_marking import MARK_PII_KEYS
from docket.ui.suggestion_views import ACCEPT_ALL_KEY, ACCEPT_KEY
from docket.ui.window_layout import focus_sources

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

Keys = Sequence[str] | str | None


@dataclass(frozen=True, slots=True)
class WindowActions:
    """The actions whose state the window changes (enabled, checked)."""

    undo: QAction
    redo: QAction
    diff: QAction
    sync: QAction
    themes: dict[str, QAction]


def _action(
    window: MainWindow, menu: QMenu, text: str, keys: Keys, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    if keys:
        names = [keys] if isinstance(keys, str) else list(keys)
        action.setShortcuts([QKeySequence(k) for k in names])
        action.setToolTip(f"{text} ({', '.join(names)})")
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> WindowActions:
    bar = w.menuBar()
    file = bar.addMenu("&File")
    _action(w, file, "&Import bundle…", "Ctrl+I", w.import_bundle_dialog)
    _action(w, file, "&Export results…", "Ctrl+E", w.export_dialog)
    file.addSeparator()
    _action(w, file, "&Lock", "Ctrl+L", lambda: w.lock("manual"))
    _action(w, file, "Security &settings…", None, w.security_settings)
    file.addSeparator()
    _action(w, file, "&Quit", "Ctrl+Q", w.close)

    task = bar.addMenu("&Task")
    _action(w, task, "&Next task", ["J", "PgDown"], w.next_task)
    _action(w, task, "&Previous task", ["K", "PgUp"], w.previous_task)
    _action(w, task, "&Submit and next", ["Ctrl+Return", "Ctrl+Enter"], w.submit_and_next)
    _action(w, task, "Keep as &draft", "Ctrl+S", w.keep_draft)
    _action(w, task, "S&kip…", "S", w.skip)
    _action(w, task, "Accept the AI judge's su&ggestion", ACCEPT_KEY, w.accept_suggestion)
    _action(
        w, task, "Accept all the AI judge's suggestions", ACCEPT_ALL_KEY, w.accept_all_suggestions
    )
    task.addSeparator()
    undo = _action(w, task, "&Undo answer edit", "Ctrl+Z", w.controller.undo)
    redo = _action(w, task, "&Redo answer edit", "Ctrl+Shift+Z", w.controller.redo)
    task.addSeparator()
    _action(w, task, "Focus the &answer form", "A", w.focus_answer)
    _action(w, task, "Focus &flags", "F", w.answer_panel.focus_flags)
    _action(w, task, "Focus &rationale", "R", w.answer_panel.focus_rationale)
    _action(w, task, "Focus the re&write", "W", w.answer_panel.focus_rewrite)
    _action(w, task, "&Search tasks", "Ctrl+F", w.task_list.focus_search)
    task.addSeparator()
    cite = NEXT_CITATION_KEY
    _action(w, task, "Next &citation", cite, lambda: w.comparison.next_citation(1))
    _action(w, task, "Previous c&itation", f"Shift+{cite}", lambda: w.comparison.next_citation(-1))
    _action(w, task, "Mark selection as &PII…", MARK_PII_KEYS, lambda: w.pii_marker.mark())
    _action(w, task, "Focus the s&ources", "O", lambda: focus_sources(w))
    _action(w, task, "Find in &documents", "Ctrl+Shift+F", lambda: focus_sources(w, search=True))

    view = bar.addMenu("&View")
    diff = _action(w, view, "Show &differences", "D", w.toggle_diff)
    diff.setCheckable(True)
    sync = _action(w, view, "&Synchronised scrolling", None, w.toggle_sync)
    sync.setCheckable(True)
    sync.setChecked(w.settings.sync_scroll)
    view.addSeparator()
    _action(w, view, "Zoom &in", ["Ctrl++", "Ctrl+="], lambda: w.zoom(1))
    _action(w, view, "Zoom &out", "Ctrl+-", lambda: w.zoom(-1))
    _action(w, view, "&Reset zoom", "Ctrl+0", lambda: w.zoom(0))
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    group = QActionGroup(w)
    themes = {}
    for name in THEME_CHOICES:
        action = _action(w, theme_menu, name.capitalize(), None, partial(w.set_theme, name))
        action.setCheckable(True)
        action.setChecked(w.settings.theme == name)
        group.addAction(action)
        themes[name] = action
    view.addAction(w.tasks_dock.toggleViewAction())
    view.addAction(w.guidelines.toggleViewAction())

    help_menu = bar.addMenu("&Help")
    _action(w, help_menu, "&Keyboard shortcuts", "F1", lambda: ShortcutSheet(w).exec())
    return WindowActions(undo, redo, diff, sync, themes)
