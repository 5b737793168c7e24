"""Keyboard input in the GUI tests: keys go to the widget meant to have the focus, once
it has it. QTest aborts the whole test process (an assertion in its headers) when a key
is sent to no widget, which is what ``QApplication.focusWidget()`` gives while no window
is active, as after a progress dialog closed on a loaded machine; and ``setFocus`` on an
inactive window gives nothing the focus yet. So the window is activated, the focus given
and both waited for."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active window and wait until it is (after an import's progress
    dialog, say, which may still hold the activation for a moment on a loaded machine)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def focus(qtbot: Any, widget: QWidget) -> QWidget:
    """Give ``widget`` the keyboard focus, its window made active first, and wait until it
    has it; returns the widget (to send keys to)."""
    activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


def focused(qtbot: Any) -> QWidget:
    """The widget that has the keyboard focus, waited for (never None)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget
