"""The main window: wiring only. Each feature is its own module (task list, comparison
view, answer panel, guidelines); the review state is in the store, reached through
:class:`~docket.ui.review_controller.ReviewController`."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTextEdit,
)

from docket.bundles import keys
from docket.core.display_order import display_order
from docket.errors import DocketError
from docket.render.theme import DARK, LIGHT, Theme
from docket.settings import Settings
from docket.ui.answer_panel import AnswerPanel
from docket.ui.comparison_view import ComparisonView
from docket.ui.dialogs import ShortcutSheet, SkipDialog, import_with_progress
from docket.ui.guidelines import GuidelinesDock
from docket.ui.lock import (
    ClipboardGuard,
    LockScreen,
    LockWatcher,
    SecuritySettingsDialog,
    native_lock_reason,
    register_session_notifications,
)
from docket.ui.palette import palette_for, system_prefers_dark
from docket.ui.review_controller import ReviewController
from docket.ui.reviews_panel import ReviewsPanel
from docket.ui.task_list import TaskListPanel
from docket.workspace import Workspace

LAYOUT_VERSION = 2
PREFETCH_DELAY_MS = 40
"""Render the next task this long after opening one: out of the way of painting this one."""


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: Workspace,
        key_path: Path,
        settings: Settings | None = None,
        *,
        restore_layout: bool = True,
        server_card: Path | None = None,
    ) -> None:
        super().__init__()
        self.server_card = server_card
        self.restore_layout = restore_layout
        self._closed = False
        self.workspace = workspace
        self.key_path = key_path
        self.settings = settings or Settings.load()
        self.setWindowTitle(f"Docket — {workspace.reviewer} — {workspace.directory.name}")
        self.setAcceptDrops(True)
        theme = self._theme()

        self.controller = ReviewController(workspace, self)
        self._scroll: dict[str, list[int]] = {}
        self._saved_scroll_task: str | None = None
        self._saved_scroll: list[int] = []
        self._load_saved_scroll()
        self.task_list = TaskListPanel(self.controller.review)
        self.task_list.setAccessibleName("Tasks")
        self.comparison = ComparisonView(theme)
        self.comparison.set_sync_scroll(self.settings.sync_scroll)
        self.comparison.set_zoom(self.settings.zoom)
        self.answer_panel = AnswerPanel()
        self.answer_panel.setMinimumWidth(320)
        self.reviews_panel = ReviewsPanel(theme)
        self.reviews_panel.hide()  # shown for adjudication tasks only
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setChildrenCollapsible(False)
        self.right.addWidget(self.reviews_panel)
        self.right.addWidget(self.answer_panel)
        # Left: the task list above the guidelines (both docks, so either can be hidden);
        # centre: the responses; right: the answer form.
        self.tasks_dock = QDockWidget("Tasks", self)
        self.tasks_dock.setObjectName("tasks")
        self.tasks_dock.setWidget(self.task_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tasks_dock)
        self.guidelines = GuidelinesDock(theme, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.guidelines)
        self.splitDockWidget(self.tasks_dock, self.guidelines, Qt.Orientation.Vertical)
        self.resizeDocks([self.tasks_dock], [360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.tasks_dock, self.guidelines], [600, 300], Qt.Orientation.Vertical)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.comparison)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 460])
        self.lock_screen = LockScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self._locked = False
        self._lock_pending: str | None = None
        self._later: list[tuple[str, str]] = []  # messages held while locked
        self._importing = False
        self._locked_task: str | None = None
        self._unsaved: dict[str, object] | None = None
        self._dock_state = QByteArray()
        self._enabled_actions: list[QAction] = []
        self.lock_watcher = LockWatcher(self.settings.lock_after_minutes, self)
        self.clipboard_guard = ClipboardGuard(self.settings.clipboard_clear_seconds, self)

        self.progress_label = QLabel()
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.progress_label)

        self._build_actions()
        self._connect()
        self._apply_theme(theme)
        self._restore_geometry()
        self._update_progress()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        QTimer.singleShot(0, self._open_first_task)
        self._reminder = QTimer(self)
        self._reminder.setInterval(60 * 60 * 1000)
        self._reminder.timeout.connect(self._remind_export)
        self._reminder.start()
        QTimer.singleShot(2000, self._remind_export)

    # --- construction --------------------------------------------------------------------

    def _action(
        self, text: str, keys: list[str] | str | None, slot: object, menu: object
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts(
                [QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)]
            )
            action.setToolTip(f"{text} ({', '.join([keys] if isinstance(keys, str) else keys)})")
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action("&Import bundle…", "Ctrl+I", self.import_bundle_dialog, file)
        self._action("&Export results…", "Ctrl+E", self.export_dialog, file)
        file.addSeparator()
        self._action("&Lock", "Ctrl+L", lambda: self.lock("manual"), file)
        self._action("Security &settings…", None, self.security_settings, file)
        file.addSeparator()
        self._action("&Quit", "Ctrl+Q", self.close, file)

        task = bar.addMenu("&Task")
        self._action("&Next task", ["J", "PgDown"], self.next_task, task)
        self._action("&Previous task", ["K", "PgUp"], self.previous_task, task)
        self._action("&Submit and next", ["Ctrl+Return", "Ctrl+Enter"], self.submit_and_next, task)
        self._action("Keep as &draft", "Ctrl+S", self.keep_draft, task)
        self._action("S&kip…", "S", self.skip, task)
        task.addSeparator()
        self.undo_action = self._action("&Undo answer edit", "Ctrl+Z", self.controller.undo, task)
        self.redo_action = self._action(
            "&Redo answer edit", "Ctrl+Shift+Z", self.controller.redo, task
        )
        task.addSeparator()
        self._action("Focus the &answer form", "A", self.focus_answer, task)
        self._action("Focus &flags", "F", self.answer_panel.focus_flags, task)
        self._action("Focus &rationale", "R", self.answer_panel.focus_rationale, task)
        self._action("&Search tasks", "Ctrl+F", self.task_list.focus_search, task)

        view = bar.addMenu("&View")
        self.diff_action = self._action("Show &differences", "D", self.toggle_diff, view)
        self.diff_action.setCheckable(True)
        self.sync_action = self._action("&Synchronised scrolling", None, self.toggle_sync, view)
        self.sync_action.setCheckable(True)
        self.sync_action.setChecked(self.settings.sync_scroll)
        view.addSeparator()
        self._action("Zoom &in", ["Ctrl++", "Ctrl+="], lambda: self.zoom(1), view)
        self._action("Zoom &out", "Ctrl+-", lambda: self.zoom(-1), view)
        self._action("&Reset zoom", "Ctrl+0", lambda: self.zoom(0), view)
        view.addSeparator()
        themes = view.addMenu("&Theme")
        for name in ("system", "light", "dark"):
            action = self._action(
                name.capitalize(), None, lambda _=False, n=name: self.set_theme(n), themes
            )
            action.setCheckable(True)
            action.setChecked(self.settings.theme == name)
        view.addAction(self.tasks_dock.toggleViewAction())
        view.addAction(self.guidelines.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        self._action("&Keyboard shortcuts", "F1", lambda: ShortcutSheet(self).exec(), help_menu)

    def _connect(self) -> None:
        c = self.controller
        self.task_list.taskActivated.connect(self.open_task)
        self.answer_panel.answersEdited.connect(c.edit)
        c.answersLoaded.connect(self._load_answers)
        c.issuesChanged.connect(self._show_issues)
        c.undoStateChanged.connect(self._undo_state)
        c.saved.connect(lambda _: self.save_label.setText("Saved"))
        c.taskUpdated.connect(self._task_updated)
        c.failed.connect(self._error)
        c.saveFailed.connect(self._save_failed)
        c.saveRecovered.connect(self._save_recovered)
        self.comparison.linkRequested.connect(self._open_link)
        self.guidelines.browser.linkRequested.connect(self._open_link)
        self.lock_watcher.lockRequested.connect(self.lock)
        self.lock_screen.unlockRequested.connect(self.unlock)

    # --- tasks ---------------------------------------------------------------------------

    def _open_first_task(self) -> None:
        last = self.controller.last_task()
        ids = [r.id for r in self.controller.review.task_rows()[:1]]
        target = last if last else (ids[0] if ids else None)
        if target is not None:
            try:
                self.open_task(target)
            except DocketError:
                if ids:
                    self.open_task(ids[0])
        self.task_list.view.setFocus()

    def open_task(self, task_id: str) -> None:
        c = self.controller
        if not c.open_task(task_id):
            if c.task is not None:
                self.task_list.select_task(c.task.id)
            return
        assert c.task is not None and c.order is not None and c.schema is not None
        self.comparison.set_task(c.task, c.order)
        self.answer_panel.set_task(c.schema, c.order, c.answers())
        if c.reviews is not None:
            self.reviews_panel.show_reviews(c.reviews, c.order)
            if not self.reviews_panel.isVisible():
                self.reviews_panel.show()
                total = sum(self.right.sizes()) or self.height()
                self.right.setSizes([int(total * 0.42), total - int(total * 0.42)])
        else:
            self.reviews_panel.hide()
        self.guidelines.set_guidelines(self.workspace.guidelines(task_id))
        self.task_list.select_task(task_id)
        self.save_label.setText("")
        scroll = self._scroll.get(task_id)
        if scroll is None and task_id == self._saved_scroll_task:
            scroll = self._saved_scroll
        if scroll:
            QTimer.singleShot(0, lambda: self.comparison.restore_scroll(scroll))
        QTimer.singleShot(PREFETCH_DELAY_MS, self._prefetch_next)

    def _prefetch_next(self) -> None:
        """Render and lay out the next task while the reviewer reads this one."""
        c = self.controller
        if c.task is None or self._closed:
            return
        following = self.task_list.next_task_id(c.task.id)
        if following is None:
            return
        try:
            task = self.workspace.task(following)
            order = display_order(self.workspace.reviewer, following, task.response_ids)
            self.comparison.prefetch(task, order)
        except DocketError:
            pass

    def _load_answers(self, answers: dict[str, object]) -> None:
        """After undo/redo: the store's answers, shown without counting as an edit."""
        self.answer_panel.set_answers(dict(answers))

    def _show_issues(self, issues: list[tuple[str, str]]) -> None:
        if issues:
            self.answer_panel.show_issues(issues)
            self.statusBar().showMessage(
                "Not submitted: " + "; ".join(m for _, m in issues[:2]), 8000
            )
        else:
            self.answer_panel.clear_issues()

    def _undo_state(self, can_undo: bool, can_redo: bool) -> None:
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)

    def _task_updated(self, task_id: str) -> None:
        self.task_list.model.refresh_task(task_id)
        self._update_progress()

    def _update_progress(self) -> None:
        done, total = self.task_list.model.progress()
        self.progress_label.setText(f"{done} / {total} answered")

    def _remember_scroll(self) -> None:
        """Scroll positions are kept in memory while the window is open and the current
        task's is saved on close (no disk write on every move)."""
        c = self.controller
        if c.task is not None:
            self._scroll[c.task.id] = self.comparison.scroll_state()

    def _save_scroll(self) -> None:
        c = self.controller
        if c.task is not None:
            values = ",".join(str(v) for v in self.comparison.scroll_state())
            self.workspace.store.set_meta("ui.scroll", f"{c.task.id}|{values}")

    def _load_saved_scroll(self) -> None:
        saved = self.workspace.store.get_meta("ui.scroll") or ""
        task_id, _, values = saved.partition("|")
        self._saved_scroll_task = task_id or None
        try:
            self._saved_scroll = [int(v) for v in values.split(",") if v]
        except ValueError:
            self._saved_scroll = []

    def next_task(self) -> None:
        self._step(self.task_list.next_task_id)

    def previous_task(self) -> None:
        self._step(self.task_list.previous_task_id)

    def _step(self, pick: object) -> None:
        c = self.controller
        if c.task is None:
            return
        target = pick(c.task.id)  # type: ignore[operator]
        if target is not None:
            self._remember_scroll()
            self.open_task(target)
        else:
            self.statusBar().showMessage("No more tasks in this direction.", 3000)

    def focus_answer(self) -> None:
        schema = self.controller.schema
        if schema is not None and schema.questions:
            self.answer_panel.focus_question(schema.questions[0].id)

    def submit_and_next(self) -> None:
        if self.controller.submit() is not None:
            self.statusBar().showMessage("Submitted.", 2000)
            self.next_task()

    def keep_draft(self) -> None:
        self.controller.keep_draft()
        self.statusBar().showMessage("Kept as draft.", 2000)

    def skip(self) -> None:
        if self.controller.task is None:
            return
        reason = SkipDialog.ask(self)
        if reason is not None:
            self.controller.skip(reason)
            self.next_task()

    # --- view ----------------------------------------------------------------------------

    def toggle_diff(self) -> None:
        self.comparison.set_diff(self.diff_action.isChecked())

    def toggle_sync(self) -> None:
        self.settings.sync_scroll = self.sync_action.isChecked()
        self.comparison.set_sync_scroll(self.settings.sync_scroll)

    def zoom(self, step: int) -> None:
        self.comparison.zoom(step)
        self.settings.zoom = self.comparison.zoom_level()

    def _theme(self) -> Theme:
        if self.settings.theme == "dark" or (
            self.settings.theme == "system" and system_prefers_dark()
        ):
            return DARK
        return LIGHT

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        for action in self.menuBar().findChildren(QAction):
            if action.text() in ("System", "Light", "Dark"):
                action.setChecked(action.text().lower() == name)
        self._apply_theme(self._theme())

    def _apply_theme(self, theme: Theme) -> None:
        QApplication.setPalette(palette_for(theme))
        self.task_list.model.set_theme(theme)
        self.reviews_panel.set_theme(theme)
        self.comparison.set_theme(theme)
        self.guidelines.set_theme(theme)

    # --- import / export -----------------------------------------------------------------

    def import_bundle_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import bundle", "", "Docket bundles (*.docket);;All files (*)"
        )
        if path:
            self.import_bundle(Path(path))

    def import_bundle(self, bundle: Path) -> None:
        if self._locked or self._importing:
            return
        if self.controller.has_unsaved():
            self._error(
                "Your last change is not saved yet (see the message before); import the "
                "bundle once it is."
            )
            return
        server = str(self.server_card) if self.server_card else self.settings.server_card
        if not server or not Path(server).exists():
            server, _ = QFileDialog.getOpenFileName(
                self, "The server's public card (server.pub)", "", "Public cards (*.pub)"
            )
            if not server or self._locked:
                return
            self.settings.server_card = server
        self.controller.flush()
        # A lock asked for while the worker runs waits for it (it has its own connection,
        # and cancelling leaves the workspace as it was); it comes right after.
        self._importing = True
        try:
            result = import_with_progress(self, self.workspace.opener(), bundle, Path(server))
        finally:
            self._importing = False
        if isinstance(result, DocketError):
            self._after_import(str(result), error=True)
            return
        current = self.controller.task.id if self.controller.task is not None else None
        self.controller.leave_task()
        self.controller.task = None  # the import may have changed or removed it
        self.comparison.clear_cache()
        self.task_list.model.reload()
        self._update_progress()
        ids = {r.id for r in self.controller.review.task_rows()}
        if current in ids:
            self.open_task(current)
        else:
            self._open_first_task()
        message = {
            "unchanged": "This bundle was already imported; nothing changed.",
            "updated": (
                f"Updated: {result.added} new, {result.updated} updated, "
                f"{result.removed} removed; answers kept."
            ),
        }.get(result.status, f"Imported {result.added} tasks.")
        self._after_import(message, error=False)

    def _after_import(self, message: str, *, error: bool) -> None:
        """Say how the import went, unless a lock came meanwhile: then lock first and
        say it after unlocking."""
        if self._lock_pending is not None:
            why, self._lock_pending = self._lock_pending, None
            self._later.append(("Import", message))
            self.lock(why)
        elif error:
            self._error(message)
        else:
            self.inform("Import", message)

    def export_dialog(self) -> None:
        self.controller.flush()
        rows = self.controller.review.task_rows()
        counts = {
            s: sum(1 for r in rows if r.status.value == s)
            for s in ("done", "flagged", "skipped", "draft")
        }
        summary = (
            f"Answered: {counts['done'] + counts['flagged']} (flagged: {counts['flagged']})\n"
            f"Skipped: {counts['skipped']}\n"
            f"Drafts not submitted: {counts['draft']} (not exported)\n"
            f"Tasks in total: {len(rows)}"
        )
        if (
            QMessageBox.question(
                self, "Export results", summary + "\n\nWrite the signed result bundle?"
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        default = str(
            self.workspace.directory.parent / f"{self.workspace.reviewer}-results.docket-result"
        )
        path, _ = QFileDialog.getSaveFileName(self, "Save result bundle", default)
        if not path:
            return
        try:
            done = self.workspace.export_results(path)
        except DocketError as exc:
            self._error(str(exc))
            return
        QMessageBox.information(
            self,
            "Export",
            f"Wrote {done.answers} answers (sequence {done.sequence}) to\n{done.path}",
        )

    def _remind_export(self) -> None:
        if self._closed or self._locked:
            return
        if self.controller.review.export_overdue():
            self.statusBar().showMessage(
                "Some answers are more than a day old and not exported yet "
                "(File > Export results).",
                15000,
            )

    # --- lock ----------------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self._locked

    def lock(self, why: str = "manual") -> None:
        """Hide every trace of the task and drop the key until the passphrase is given.

        The window covers the task first, so nothing stays on screen whatever happens
        next; then the pending edit is saved (if that fails, it stays in memory and is
        handed back after unlocking; messages wait until then), the views are emptied,
        open dialogs and menus are dismissed, the clipboard is cleared, and the workspace
        closes its database and forgets the key. An import whose worker is running
        finishes (or is cancelled) first."""
        if self._locked or self._closed:
            return
        if self._importing:
            self._lock_pending = why
            return
        self._locked = True  # first: a second request while this one runs is a no-op
        self._dock_state = self.saveState(LAYOUT_VERSION)
        self.stack.setCurrentWidget(self.lock_screen)
        for dock in (self.tasks_dock, self.guidelines):
            dock.hide()
        self.menuBar().hide()
        self.statusBar().clearMessage()
        self.statusBar().hide()
        self._enabled_actions = [a for a in self.findChildren(QAction) if a.isEnabled()]
        for action in self._enabled_actions:
            action.setEnabled(False)
        self.lock_watcher.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

        c = self.controller
        self._remember_scroll()
        if c.task is not None:
            self._locked_task = c.task.id
        unsaved = c.suspend()
        if unsaved is not None:
            self._unsaved = unsaved
        self.comparison.clear()
        self.answer_panel.forget()
        self.reviews_panel.clear()
        self.guidelines.forget()
        self.task_list.clear()
        self.clipboard_guard.clear_now()
        try:
            self.workspace.lock()
        except DocketError as exc:  # the key is dropped even so (Workspace.lock)
            self._later.append(("Docket", str(exc)))
        gc.collect()
        try:
            protected = keys.is_protected(self.key_path)
        except (OSError, DocketError):
            protected = True
        self.lock_screen.reset(
            self.workspace.reviewer,
            self.key_path.name,
            protected,
            why,
            unsaved=self._unsaved is not None,
        )

    def unlock(self, passphrase: str) -> None:
        """The lock screen's Unlock: the same key and its passphrase, or nothing."""
        if not self._locked:
            return
        try:
            self.workspace.unlock(self.key_path, passphrase or None)
        except DocketError as exc:
            self.lock_screen.show_error(exc.message)
            return
        del passphrase
        self._locked = False
        for action in self._enabled_actions:
            action.setEnabled(True)
        self._enabled_actions = []
        self.menuBar().show()
        self.statusBar().show()
        self.stack.setCurrentWidget(self.splitter)
        self.restoreState(self._dock_state, LAYOUT_VERSION)
        self.task_list.reload()
        self._update_progress()
        target, self._locked_task = self._locked_task, None
        ids = {r.id for r in self.controller.review.task_rows()}
        if target in ids:
            self.open_task(target)
            if self._unsaved is not None:  # not saved before locking: try again now
                self.answer_panel.set_answers(self._unsaved)
                self.controller.edit(dict(self._unsaved))
        else:
            self._open_first_task()
        self._unsaved = None
        self.controller.clock.set_active(self.isActiveWindow())
        self.lock_watcher.restart()
        later, self._later = self._later, []
        for title, message in later:
            self.inform(title, message)

    def security_settings(self) -> None:
        dialog = SecuritySettingsDialog(
            self.settings.lock_after_minutes, self.settings.clipboard_clear_seconds, self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.settings.lock_after_minutes = dialog.lock_minutes.value()
        self.settings.clipboard_clear_seconds = dialog.clipboard_seconds.value()
        self.lock_watcher.set_minutes(self.settings.lock_after_minutes)
        self.clipboard_guard.set_seconds(self.settings.clipboard_clear_seconds)
        try:
            self.settings.save()
        except OSError as exc:
            self._error(f"Could not save the settings: {exc}")

    if sys.platform == "win32":  # pragma: no cover - the session lock on Windows

        def showEvent(self, event: object) -> None:
            register_session_notifications(int(self.winId()))
            super().showEvent(event)  # type: ignore[arg-type]

        def nativeEvent(self, event_type: object, message: object) -> object:
            why = native_lock_reason(event_type, int(message))  # type: ignore[arg-type,call-overload]
            if why is not None:  # out of the native event handler before any work
                QTimer.singleShot(0, lambda: self.lock(why))
            return super().nativeEvent(event_type, message)  # type: ignore[arg-type]

    # --- events --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._locked:
            return super().eventFilter(watched, event)
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.controller.clock.user_input()
            self.lock_watcher.user_input()
        if kind == QEvent.Type.KeyPress and watched is not None:
            key = event.key()  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            focus = QApplication.focusWidget()
            typing = (
                isinstance(focus, (QLineEdit, QPlainTextEdit, QAbstractSpinBox))
                or (isinstance(focus, QTextEdit) and not focus.isReadOnly())
                or (isinstance(focus, QComboBox) and focus.isEditable())
            )
            if (
                not typing
                and Qt.Key.Key_1 <= key <= Qt.Key.Key_5
                and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self.isActiveWindow()
                and self.answer_panel.handle_number_key(key - Qt.Key.Key_0)
            ):
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self._locked:
            self.controller.clock.set_active(self.isActiveWindow())
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._locked:
            return
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_bundle(Path(url.toLocalFile()))
                break

    def _open_link(self, url: QUrl) -> None:
        answer = QMessageBox.question(
            self,
            "Open link?",
            f"Open this link in your web browser?\n\n{url.toString()}\n\n"
            "It was written by a model; it may be wrong or unsafe.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(url)

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("Not saved — retrying")
        self.save_label.setStyleSheet("color: #b3261e; font-weight: bold")
        self.save_label.setToolTip(message)
        self._error(
            f"{message}\n\nYour change is kept in this window and saved as soon as it can "
            "be; Docket retries every few seconds."
        )

    def _save_recovered(self) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setToolTip("")
        self.save_label.setText("Saved")
        self.statusBar().showMessage("Saved: the change that could not be saved is now.", 10000)

    def _error(self, message: str) -> None:
        if self._locked:  # no box over the lock screen: shown after unlocking
            self._later.append(("Docket", message))
            return
        QMessageBox.warning(self, "Docket", message)

    def inform(self, title: str, message: str) -> None:
        """Say what an action did (also in the status bar, for a record after the box)."""
        if self._locked:
            self._later.append((title, message))
            return
        self.statusBar().showMessage(message.replace("\n", " "), 10000)
        QMessageBox.information(self, title, message)

    def _restore_geometry(self) -> None:
        """Window size and dock layout from the last session (QSettings: geometry only).
        A layout saved by an older window version is ignored."""
        self.resize(1600, 1000)
        if not self.restore_layout:
            return
        qs = QSettings("Docket", "Docket")
        geometry, state = qs.value("window/geometry"), qs.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        if not self._locked:
            self.controller.flush()
        if (self.controller.has_unsaved() or self._unsaved is not None) and (
            QMessageBox.question(
                self,
                "Quit without saving?",
                "Your last change could not be saved (see the earlier message); Docket is "
                "still retrying.\n\nQuit anyway and lose that change?",
            )
            != QMessageBox.StandardButton.Yes
        ):
            event.ignore()
            return
        self._closed = True
        self._reminder.stop()
        self.lock_watcher.stop()
        self.clipboard_guard.clear_now()
        # The pending edit first: nothing after it may cost the reviewer's last change.
        for step in (
            self.controller.leave_task,
            self.controller.save_bookkeeping,
            self._save_scroll,
            self.settings.save,
        ):
            try:
                step()
            except DocketError as exc:
                self._error(str(exc))
            except OSError as exc:
                self._error(f"Could not save the window settings: {exc}")
        qs = QSettings("Docket", "Docket")
        qs.setValue("window/geometry", self.saveGeometry())
        qs.setValue(
            "window/state", self._dock_state if self._locked else self.saveState(LAYOUT_VERSION)
        )
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        super().closeEvent(event)
