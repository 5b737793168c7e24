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
from docket.ui.i18n import LANGUAGES, SYSTEM, translate
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
        shown = ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in names
        )
        action.setToolTip(f"{text} ({shown})")
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> WindowActions:
    bar = w.menuBar()
    file = bar.addMenu(translate("window_menus", "&File"))
    _action(w, file, translate("window_menus", "&Import bundle…"), "Ctrl+I", w.import_bundle_dialog)
    _action(w, file, translate("window_menus", "&Export results…"), "Ctrl+E", w.export_dialog)
    file.addSeparator()
    _action(w, file, translate("window_menus", "&Lock"), "Ctrl+L", lambda: w.lock("manual"))
    _action(w, file, translate("window_menus", "Security &settings…"), None, w.security_settings)
    file.addSeparator()
    _action(w, file, translate("window_menus", "&Quit"), "Ctrl+Q", w.close)

    task = bar.addMenu(translate("window_menus", "&Task"))
    _action(w, task, translate("window_menus", "&Next task"), ["J", "PgDown"], w.next_task)
    _action(w, task, translate("window_menus", "&Previous task"), ["K", "PgUp"], w.previous_task)
    _action(
        w,
        task,
        translate("window_menus", "&Submit and next"),
        ["Ctrl+Return", "Ctrl+Enter"],
        w.submit_and_next,
    )
    _action(w, task, translate("window_menus", "Keep as &draft"), "Ctrl+S", w.keep_draft)
    _action(w, task, translate("window_menus", "S&kip…"), "S", w.skip)
    _action(
        w,
        task,
        translate("window_menus", "Accept the AI judge's su&ggestion"),
        ACCEPT_KEY,
        w.accept_suggestion,
    )
    _action(
        w,
        task,
        translate("window_menus", "Accept all the AI judge's suggestions"),
        ACCEPT_ALL_KEY,
        w.accept_all_suggestions,
    )
    task.addSeparator()
    undo = _action(
        w, task, translate("window_menus", "&Undo answer edit"), "Ctrl+Z", w.controller.undo
    )
    redo = _action(
        w, task, translate("window_menus", "&Redo answer edit"), "Ctrl+Shift+Z", w.controller.redo
    )
    task.addSeparator()
    _action(w, task, translate("window_menus", "Focus the &answer form"), "A", w.focus_answer)
    _action(w, task, translate("window_menus", "Focus &flags"), "F", w.answer_panel.focus_flags)
    _action(
        w, task, translate("window_menus", "Focus &rationale"), "R", w.answer_panel.focus_rationale
    )
    _action(
        w, task, translate("window_menus", "Focus the re&write"), "W", w.answer_panel.focus_rewrite
    )
    _action(w, task, translate("window_menus", "&Search tasks"), "Ctrl+F", w.task_list.focus_search)
    task.addSeparator()
    cite = NEXT_CITATION_KEY
    _action(
        w,
        task,
        translate("window_menus", "Next &citation"),
        cite,
        lambda: w.comparison.next_citation(1),
    )
    _action(
        w,
        task,
        translate("window_menus", "Previous c&itation"),
        f"Shift+{cite}",
        lambda: w.comparison.next_citation(-1),
    )
    _action(
        w,
        task,
        translate("window_menus", "Mark selection as &PII…"),
        MARK_PII_KEYS,
        lambda: w.pii_marker.mark(),
    )
    _action(w, task, translate("window_menus", "Focus the s&ources"), "O", lambda: focus_sources(w))
    _action(
        w,
        task,
        translate("window_menus", "Find in &documents"),
        "Ctrl+Shift+F",
        lambda: focus_sources(w, search=True),
    )

    view = bar.addMenu(translate("window_menus", "&View"))
    diff = _action(w, view, translate("window_menus", "Show &differences"), "D", w.toggle_diff)
    diff.setCheckable(True)
    sync = _action(
        w, view, translate("window_menus", "&Synchronised scrolling"), None, w.toggle_sync
    )
    sync.setCheckable(True)
    sync.setChecked(w.settings.sync_scroll)
    view.addSeparator()
    _action(w, view, translate("window_menus", "Zoom &in"), ["Ctrl++", "Ctrl+="], lambda: w.zoom(1))
    _action(w, view, translate("window_menus", "Zoom &out"), "Ctrl+-", lambda: w.zoom(-1))
    _action(w, view, translate("window_menus", "&Reset zoom"), "Ctrl+0", lambda: w.zoom(0))
    view.addSeparator()
    theme_menu = view.addMenu(translate("window_menus", "&Theme"))
    group = QActionGroup(w)
    themes = {}
    theme_names = {
        "system": translate("window_menus", "&System"),
        "light": translate("window_menus", "&Light"),
        "dark": translate("window_menus", "&Dark"),
    }
    for name in THEME_CHOICES:
        action = _action(w, theme_menu, theme_names[name], None, partial(w.set_theme, name))
        action.setCheckable(True)
        action.setChecked(w.settings.theme == name)
        group.addAction(action)
        themes[name] = action
    language_menu = view.addMenu(translate("window_menus", "&Language"))
    languages = QActionGroup(w)
    choices = {SYSTEM: translate("window_menus", "As the system")} | LANGUAGES
    for code, label in choices.items():
        action = _action(w, language_menu, label, None, partial(w.set_language, code))
        action.setCheckable(True)
        action.setChecked(w.settings.language == code)
        languages.addAction(action)
    view.addAction(w.tasks_dock.toggleViewAction())
    view.addAction(w.guidelines.toggleViewAction())

    help_menu = bar.addMenu(translate("window_menus", "&Help"))
    _action(
        w,
        help_menu,
        translate("window_menus", "&Keyboard shortcuts"),
        "F1",
        lambda: ShortcutSheet(w).exec(),
    )
    return WindowActions(undo, redo, diff, sync, themes)
