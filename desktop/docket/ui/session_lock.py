"""The window's lock: its state, and what locking and unlocking do to the window.

Locking hides every trace of the task and drops the key until the passphrase is given
again. The window covers the task first, so nothing stays on screen whatever happens
next; then the pending edit is saved (if that fails, it stays in memory and is handed
back after unlocking), the views are emptied, open dialogs and menus are dismissed, the
clipboard is cleared, and the workspace closes its database and forgets the key. A lock
asked for while a background operation runs (an import on its own connection) waits for
it and comes right after. Messages for the reviewer that arrive while locked (or while a
lock is pending) are held and shown after unlocking, never over the lock screen.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from docket.bundles import keys
from docket.errors import DocketError
from docket.ui.error_texts import error_text, short_text
from docket.ui.i18n import translate
from docket.ui.lock import SecuritySettingsDialog

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

LAYOUT_VERSION = 2


def layout_version(w: QWidget) -> int:
    """The version a dock layout is saved under: a right-to-left interface has its own
    (its docks are on the other side), so a change of language starts from the default."""
    return LAYOUT_VERSION + (100 if w.isRightToLeft() else 0)


class SessionLock(QObject):
    """Owns the lock state of one window.

    Signals: none; the window asks :attr:`locked` and :meth:`hold` decides where a
    message goes.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.locked = False
        self.pending: str | None = None
        self._held: list[tuple[str, str, bool]] = []
        self._task: str | None = None
        self._unsaved: dict[str, Any] | None = None
        self._dock_state = QByteArray()
        self._disabled: list[QAction] = []

    @property
    def unsaved(self) -> dict[str, Any] | None:
        """An edit that could not be saved before locking (handed back after unlocking)."""
        return self._unsaved

    def dock_state(self) -> QByteArray:
        """The dock layout to save while locked (the docks are hidden then)."""
        return self._dock_state

    def hold(self, title: str, message: str, error: bool) -> bool:
        """Keep a message for after unlocking; False when the window may show it now."""
        if self.locked or self.pending is not None:
            self._held.append((title, message, error))
            return True
        return False

    def request(self, why: str = "manual") -> None:
        w = self._window
        if self.locked or w.closed:
            return
        if w.operations.busy():
            if self.pending is None:
                self.pending = why
                w.operations.when_idle(self._pending_lock)
            return
        self._lock(why)

    def _pending_lock(self) -> None:
        why, self.pending = self.pending or "manual", None
        self._lock(why)

    def _lock(self, why: str) -> None:
        w = self._window
        self.locked = True  # first: a second request while this one runs is a no-op
        self._dock_state = w.saveState(layout_version(w))
        w.stack.setCurrentWidget(w.lock_screen)
        for dock in (w.tasks_dock, w.guidelines):
            dock.hide()
        w.menuBar().hide()
        w.statusBar().clearMessage()
        w.statusBar().hide()
        self._disabled = [a for a in w.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        w.lock_watcher.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

        c = w.controller
        w.scroll_memory.remember()
        if c.task is not None:
            self._task = c.task.id
        unsaved = c.suspend()
        if unsaved is not None:
            self._unsaved = unsaved
        w.comparison.clear()
        w.answer_panel.forget()
        w.reviews_panel.clear()
        w.sources.forget()
        w.guidelines.forget()
        w.task_list.clear()
        w.clipboard_guard.clear_now()
        try:
            w.workspace.lock()
        except DocketError as exc:  # the key is dropped even so (Workspace.lock)
            self._held.append(("Docket", error_text(exc), True))
        gc.collect()
        try:
            protected = keys.is_protected(w.key_path)
        except (OSError, DocketError):
            protected = True
        w.lock_screen.reset(
            w.workspace.reviewer,
            w.key_path.name,
            protected,
            why,
            unsaved=self._unsaved is not None,
        )

    def unlock(self, passphrase: str) -> None:
        """The lock screen's Unlock: the same key and its passphrase, or nothing."""
        w = self._window
        if not self.locked:
            return
        try:
            w.workspace.unlock(w.key_path, passphrase or None)
        except DocketError as exc:
            w.lock_screen.show_error(short_text(exc))
            return
        del passphrase
        self.locked = False
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        w.menuBar().show()
        w.statusBar().show()
        w.stack.setCurrentWidget(w.splitter)
        w.restoreState(self._dock_state, layout_version(w))
        w.task_list.reload()
        w.update_progress()
        target, self._task = self._task, None
        unsaved, self._unsaved = self._unsaved, None
        if target is not None and w.open_task(target):
            if unsaved is not None:  # not saved before locking: try again now
                w.answer_panel.set_answers(unsaved)
                w.controller.edit(dict(unsaved))
        else:
            w.open_first_task()
        w.controller.clock.set_active(w.isActiveWindow())
        w.lock_watcher.restart()
        held, self._held = self._held, []
        for title, message, error in held:
            w.notify(title, message, error=error)


def edit_security_settings(w: MainWindow) -> None:
    """File > Security settings: the idle lock and clipboard times, applied and saved."""
    s = w.settings
    dialog = SecuritySettingsDialog(s.lock_after_minutes, s.clipboard_clear_seconds, w)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    s.lock_after_minutes = dialog.lock_minutes.value()
    s.clipboard_clear_seconds = dialog.clipboard_seconds.value()
    w.lock_watcher.set_minutes(s.lock_after_minutes)
    w.clipboard_guard.set_seconds(s.clipboard_clear_seconds)
    try:
        s.save()
    except OSError as exc:
        w.notify(
            "Docket",
            translate("session_lock", "Could not save the settings: {exc}").format(exc=exc),
            error=True,
        )
