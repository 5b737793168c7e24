"""The window's application-wide event filter: the reviewer's input counts as activity
(for time on task and the idle lock), and the number keys 1–5 answer the preference
wherever focus is, unless the reviewer is typing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from docket.ui.text_edit import PlainTextEdit

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})
_INPUT_CLASSES = (QKeyEvent, QMouseEvent, QWheelEvent)
"""The classes of the events in :data:`_INPUT` (PySide hands an event to Python as its
own class): a test of the class costs no call into Qt, where ``event.type()`` makes an
enum member in Python, a few microseconds on each of the forty-odd events of a move."""
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def typing_in(focus: object) -> bool:
    """Whether keys go into text the reviewer is writing (then 1–5 are just digits)."""
    return (
        isinstance(focus, (QLineEdit, QPlainTextEdit, PlainTextEdit, QAbstractSpinBox))
        or (isinstance(focus, QTextEdit) and not focus.isReadOnly())
        or (isinstance(focus, QComboBox) and focus.isEditable())
    )


class InputFilter(QObject):
    """Installed on the application by the window; removed when it closes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the application passes here (each widget's paint events too):
        # anything but input leaves after one test of its class.
        if not isinstance(event, _INPUT_CLASSES):
            return False
        kind = event.type()
        if kind not in _INPUT:
            return False
        w = self._window
        if w.session.locked:
            return False
        w.controller.clock.user_input()
        w.lock_watcher.user_input()
        if not isinstance(event, QKeyEvent) or kind != QEvent.Type.KeyPress or watched is None:
            return False
        key = event.key()
        return bool(
            Qt.Key.Key_1 <= key <= Qt.Key.Key_5
            and event.modifiers() in _PLAIN
            and not typing_in(QApplication.focusWidget())
            and w.isActiveWindow()
            and w.answer_panel.handle_number_key(key - Qt.Key.Key_0)
        )
