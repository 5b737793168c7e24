"""What the window keeps between sessions, and the order it saves in on closing.

- Geometry and dock layout: Qt's business, in QSettings (nothing from a task).
- Scroll positions: in memory per task while the window is open; the current task's is
  saved in the (encrypted) workspace on close, as a typed :class:`UiState`, since a
  task id is not for a plaintext settings file.
- Closing: the pending edit first (nothing after it may cost the reviewer's last
  change), then time accounting, the scroll position, and the settings; a change that
  could not be saved makes the window ask before quitting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from docket.core.review import ScrollPosition, UiState
from docket.errors import DocketError
from docket.ui.error_texts import error_text
from docket.ui.i18n import translate
from docket.ui.session_lock import layout_version

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow


class ScrollMemory:
    """Where the reviewer left each task's comparison view."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._positions: dict[str, list[int]] = {}
        self._saved = window.workspace.ui_state().scroll

    def remember(self) -> None:
        w = self._window
        if w.controller.task is not None:
            self._positions[w.controller.task.id] = w.comparison.scroll_state()

    def restore(self, task_id: str) -> None:
        scroll = self._positions.get(task_id)
        if scroll is None and self._saved is not None and self._saved.task_id == task_id:
            scroll = list(self._saved.values)
        if scroll:
            comparison = self._window.comparison
            QTimer.singleShot(0, lambda: comparison.restore_scroll(scroll))

    def save(self) -> None:
        w = self._window
        if w.controller.task is not None:
            position = ScrollPosition(w.controller.task.id, tuple(w.comparison.scroll_state()))
            w.workspace.save_ui_state(UiState(position))


def restore_geometry(w: MainWindow) -> None:
    """Window size and dock layout from the last session. A layout saved by an older
    window version is ignored."""
    w.resize(1600, 1000)
    if not w.restore_layout:
        return
    qs = QSettings("Docket", "Docket")
    if (geometry := qs.value("window/geometry")) is not None:
        w.restoreGeometry(geometry)
    if (state := qs.value("window/state")) is not None:
        w.restoreState(state, layout_version(w))


def may_close(w: MainWindow) -> bool:
    """Save the pending edit; if it cannot be saved, ask before losing it."""
    if not w.session.locked:
        w.controller.flush()
    if not w.controller.has_unsaved() and w.session.unsaved is None:
        return True
    answer = QMessageBox.question(
        w,
        translate("window_state", "Quit without saving?"),
        translate(
            "window_state",
            "Your last change could not be saved (see the earlier message); Docket is still "
            "retrying.\n\nQuit anyway and lose that change?",
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


def save_on_close(w: MainWindow) -> None:
    c = w.controller
    for step in (c.leave_task, c.save_bookkeeping, w.scroll_memory.save, w.settings.save):
        try:
            step()
        except DocketError as exc:
            w.notify("Docket", error_text(exc), error=True)
        except OSError as exc:
            w.notify(
                "Docket",
                translate("window_state", "Could not save the window settings: {exc}").format(
                    exc=exc
                ),
                error=True,
            )
    qs = QSettings("Docket", "Docket")
    qs.setValue("window/geometry", w.saveGeometry())
    locked = w.session.locked
    qs.setValue(
        "window/state", w.session.dock_state() if locked else w.saveState(layout_version(w))
    )
