"""The start-up benchmark's probe: say when the window first painted a task, then quit.

``tests/benchmarks/bench_cold_start.py`` times the packaged app from the moment it starts
the process to the moment the window has painted its first task. With
``DOCKET_QUIT_AFTER_FIRST_PAINT=1`` in the environment, the window (``docket``,
``docket WORKSPACE``, ``docket demo``) prints one line on standard output once it has
painted with a task open, ``docket: first paint, cpu_s=<seconds>``, the process's CPU
time so far (user and system, the interpreter's own start included), and closes as the
reviewer would. Nothing else changes, and without the variable nothing is installed.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

VARIABLE = "DOCKET_QUIT_AFTER_FIRST_PAINT"
PREFIX = "docket: first paint"
FIELD = "cpu_s"


def cpu_seconds() -> float:
    """This process's CPU time so far (user and system)."""
    times = os.times()
    return times.user + times.system


class FirstPaintProbe(QObject):
    """Watches the window's repaints; after the first one with a task open, reports and
    closes the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A widget window repaints everything it shows in one UpdateRequest: the report
        # is queued behind it, so it runs once that paint is done.
        if (
            not self._done
            and event.type() == QEvent.Type.UpdateRequest
            and self._window.controller.task is not None
        ):
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(PREFIX, f"{FIELD}={cpu_seconds():.3f}", sep=", ", flush=True)
        sys.stdout.flush()
        self._window.close()
        QApplication.quit()


def install_if_asked(window: MainWindow) -> None:
    if os.environ.get(VARIABLE):
        FirstPaintProbe(window)
