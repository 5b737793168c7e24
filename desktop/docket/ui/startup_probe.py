"""The window's first paint with a task open: what waits for it, and the start-up
benchmark's probe.

The cycle collector is paused while the window starts (``docket.cli.app``: the objects
made while importing and building the window form few cycles, and its collections were
about 90 ms of the start on 100,000 tasks); :func:`resume_collector_after_first_paint`
starts it again once the window has painted its first task, or :data:`RESUME_AFTER_MS`
after the window was shown if no task paints by then (an empty workspace).

``tests/benchmarks/bench_cold_start.py`` and ``bench_startup_100k.py`` time the app from
the moment they start the process to the moment the window has painted its first task.
With ``DOCKET_QUIT_AFTER_FIRST_PAINT=1`` in the environment, the window (``docket``,
``docket WORKSPACE``, ``docket demo``) prints one line on standard output once it has
painted with a task open, ``docket: first paint, cpu_s=<seconds>``, the process's CPU
time so far (user and system, the interpreter's own start included), and closes as the
reviewer would. Nothing else changes, and without the variable nothing is installed.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

VARIABLE = "DOCKET_QUIT_AFTER_FIRST_PAINT"
PREFIX = "docket: first paint"
FIELD = "cpu_s"
RESUME_AFTER_MS = 3000


def cpu_seconds() -> float:
    """This process's CPU time so far (user and system)."""
    times = os.times()
    return times.user + times.system


class FirstPaintWatcher(QObject):
    """Watches the window's repaints; calls ``callback`` once, right after the first one
    with a task open (or after ``fallback_ms`` if given and no such paint came first)."""

    def __init__(
        self, window: MainWindow, callback: Callable[[], None], fallback_ms: int | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._done = False
        window.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A widget window repaints everything it shows in one UpdateRequest: the call is
        # queued behind it, so it runs once that paint is done.
        if (
            not self._done
            and event.type() == QEvent.Type.UpdateRequest
            and self._window.controller.task is not None
        ):
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        if not self._done:
            self._done = True
            self._window.removeEventFilter(self)
            self._callback()


def resume_collector_after_first_paint(window: MainWindow) -> None:
    """Start the cycle collector again once the window has painted its first task."""
    FirstPaintWatcher(window, gc.enable, fallback_ms=RESUME_AFTER_MS)


def install_if_asked(window: MainWindow) -> None:
    if not os.environ.get(VARIABLE):
        return

    def report() -> None:
        print(PREFIX, f"{FIELD}={cpu_seconds():.3f}", sep=", ", flush=True)
        sys.stdout.flush()
        window.close()
        QApplication.quit()

    FirstPaintWatcher(window, report)
