"""The window's application-wide input filter (docket.ui.input_filter): input counts as
activity; the other events (a move's paints among them) leave at once."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from docket.ui.input_filter import InputFilter


class FakeWindow(QObject):
    """What the filter reads of the window: the lock, the clocks, the number keys."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs = 0
        self.numbers: list[int] = []
        self.session = SimpleNamespace(locked=False)
        self.controller = SimpleNamespace(clock=SimpleNamespace(user_input=self._input))
        self.lock_watcher = SimpleNamespace(user_input=lambda: None)
        self.answer_panel = SimpleNamespace(handle_number_key=self._number)

    def _input(self) -> None:
        self.inputs += 1

    def _number(self, n: int) -> bool:
        self.numbers.append(n)
        return True

    def isActiveWindow(self) -> bool:
        return True


class CountingPaint(QPaintEvent):
    """A paint event that counts the calls of ``type()`` (a call into Qt making an enum
    member in Python): the filter must not need one to let it pass."""

    calls = 0

    def type(self) -> Any:
        CountingPaint.calls += 1
        return super().type()


def test_input_counts_and_other_events_pass_untested(qtbot: QtBot) -> None:
    window = FakeWindow()
    target = QWidget()
    qtbot.addWidget(target)
    events = InputFilter(window)  # type: ignore[arg-type]
    CountingPaint.calls = 0
    assert not events.eventFilter(target, CountingPaint(QRect(0, 0, 10, 10)))
    assert not events.eventFilter(target, QEvent(QEvent.Type.Timer))
    assert CountingPaint.calls == 0 and window.inputs == 0

    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(1, 1),
        QPointF(1, 1),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    wheel = QWheelEvent(
        QPointF(1, 1),
        QPointF(1, 1),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    assert not events.eventFilter(target, press)
    assert not events.eventFilter(target, wheel)
    release = QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    assert not events.eventFilter(target, release)  # a release is not input twice
    assert window.inputs == 2
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    assert events.eventFilter(target, key)  # 2 answers the preference
    assert window.inputs == 3 and window.numbers == [2]
    window.session.locked = True
    assert not events.eventFilter(target, key)  # locked: nothing counts, nothing answers
    assert window.inputs == 3 and window.numbers == [2]
