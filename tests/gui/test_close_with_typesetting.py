"""Closing the window never waits without a bound on the formula typesetter's worker
process: not when the worker died (killed) and not when it hangs (stopped), while the
window typesets in the background. The worker is gone after the close, and so is the
pool's thread that the interpreter joins at exit (a hung worker used to keep the process
from ever ending)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.settings import Settings
from docket.ui.main_window import MainWindow

CLOSE_BOUND_S = 5.0
"""Well above what a close takes (about 0.1 s), well below the old waits (20 s for a
hung worker's start, then for ever at exit)."""


def formula_tasks(count: int) -> list[Task]:
    """Tasks with many distinct formulas: typesetting them keeps the worker busy."""
    return [
        Task(
            f"t{i}",
            (Turn(Role.USER, f"Solve $x^{{{i}}} = 2$."),),
            (
                Response("a", " ".join(rf"$\frac{{{i}}}{{{j}}}$" for j in range(30))),
                Response("b", "No formula here."),
            ),
        )
        for i in range(count)
    ]


def pool_threads() -> list[threading.Thread]:
    """ProcessPoolExecutor's manager threads (the interpreter joins them at exit)."""
    return [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]


@pytest.mark.parametrize("fault", [signal.SIGKILL, signal.SIGSTOP], ids=["died", "hangs"])
def test_closing_does_not_wait_on_a_dead_or_hung_typesetting_worker(
    qtbot: Any, tmp_path: Path, key_path: Path, fault: signal.Signals
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(formula_tasks(60))
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    assert window.operations.background() or window.typesetting.start()  # now, not later
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=60_000)
    workers = multiprocessing.active_children()
    assert window.operations.background()
    try:
        for worker in workers:
            assert worker.pid is not None
            os.kill(worker.pid, fault)
        started = time.monotonic()
        window.close()
        took = time.monotonic() - started
        assert took < CLOSE_BOUND_S, f"closing took {took:.1f} s"
        assert not window.operations.busy()
        assert not any(worker.is_alive() for worker in workers)
        qtbot.waitUntil(lambda: not pool_threads(), timeout=int(CLOSE_BOUND_S * 1000))
        assert multiprocessing.active_children() == []
    finally:
        for worker in workers:  # never leave a stopped process behind a failed test
            if worker.is_alive() and worker.pid is not None:
                os.kill(worker.pid, signal.SIGKILL)
                worker.join(5)
        ws.close()
    # What was typeset before the fault is kept; the rest is typeset the next time.
    with Workspace.open(tmp_path / "ws", key_path) as again:
        assert 0 < again.formulas_pending() <= 60
