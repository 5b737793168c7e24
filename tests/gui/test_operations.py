"""The window's background operations: the outcome reaches the UI thread through one of
two callbacks, Cancel stops work at its next stage, and whatever waits for the runner to
be idle runs right after (never during) the operation."""

from __future__ import annotations

import threading
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from docket.errors import DocketError, ImportCancelledError
from docket.ui.operations import Operations


def _runner(qtbot: Any) -> Operations:
    parent = QWidget()
    qtbot.addWidget(parent)
    return Operations(parent)


def test_success_reaches_the_ui_thread_and_idle_work_runs_after(qtbot: Any) -> None:
    ops = _runner(qtbot)
    events: list[str] = []
    gate = threading.Event()

    def work(progress: Any) -> int:
        progress("Working", 0.5)
        assert gate.wait(10)
        return 42

    assert ops.run("T", "L", work, on_success=lambda r: events.append(f"ok {r} {threading.current_thread() is threading.main_thread()}"),
                   on_failure=lambda e: events.append("failed"))  # fmt: skip
    assert ops.busy()
    assert not ops.run("T", "L", work, on_success=print, on_failure=print)  # one at a time
    ops.when_idle(lambda: events.append("idle"))
    assert events == []
    gate.set()
    qtbot.waitUntil(lambda: len(events) == 2)
    assert events == ["ok 42 True", "idle"] and not ops.busy()
    ops.when_idle(lambda: events.append("now"))  # idle already: runs at once
    assert events[-1] == "now"


def test_failures_and_bugs_reach_on_failure_with_a_message(qtbot: Any) -> None:
    ops = _runner(qtbot)
    errors: list[DocketError] = []

    def user_error(progress: Any) -> None:
        raise DocketError("The bundle is not for you.")

    ops.run("T", "L", user_error, on_success=print, on_failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)

    def bug(progress: Any) -> None:
        raise KeyError("oops")

    ops.run("T", "L", bug, on_success=print, on_failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert str(errors[0]).startswith("The bundle is not for you.")
    assert "unexpectedly" in str(errors[1]) and "KeyError" in str(errors[1])


def test_cancel_stops_the_work_at_its_next_stage(qtbot: Any) -> None:
    ops = _runner(qtbot)
    errors: list[DocketError] = []
    stages: list[str] = []
    reached, go_on = threading.Event(), threading.Event()

    def work(progress: Any) -> None:
        progress("One", 0.1)
        stages.append("one")
        reached.set()
        assert go_on.wait(10)
        progress("Two", 0.5)  # raises once cancelled
        stages.append("two")

    ops.run("T", "L", work, on_success=print, on_failure=errors.append)
    qtbot.waitUntil(reached.is_set)
    dialog = ops.parent().findChild(QProgressDialog)
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    go_on.set()
    qtbot.waitUntil(lambda: bool(errors))
    assert stages == ["one"] and isinstance(errors[0], ImportCancelledError)


def test_background_work_shows_no_dialog_and_gives_way(qtbot: Any) -> None:
    """Background work reports progress to its callback only, and whatever waits for the
    runner to be idle (a lock, an import) stops it at its next stage and runs right after."""
    ops = _runner(qtbot)
    seen: list[tuple[str, float]] = []
    events: list[str] = []
    stages = threading.Event()

    def work(progress: Any) -> None:
        for i in range(1000):
            progress("Typesetting", i / 1000)
            stages.set()
            threading.Event().wait(0.01)

    assert ops.run(
        "T",
        "L",
        work,
        on_success=lambda _: events.append("done"),
        on_failure=lambda e: events.append(type(e).__name__),
        background=True,
        on_progress=lambda stage, f: seen.append((stage, f)),
    )
    assert ops.busy() and ops.background()
    qtbot.waitUntil(lambda: len(seen) >= 2)
    assert ops.parent().findChild(QProgressDialog) is None
    ops.when_idle(lambda: events.append("idle"))
    qtbot.waitUntil(lambda: "idle" in events, timeout=5_000)
    assert events == ["ImportCancelledError", "idle"] and not ops.busy()
    # Closing the window waits for background work, which stops at once.
    stages.clear()
    ended: list[str] = []
    ops.run(
        "T",
        "L",
        work,
        on_success=lambda _: ended.append("done"),
        on_failure=lambda e: ended.append(type(e).__name__),
        background=True,
    )
    assert stages.wait(5)
    ops.wait()  # returns: the work stopped at its next stage
    qtbot.waitUntil(lambda: ended == ["ImportCancelledError"])
    assert not ops.busy()


def test_a_real_bundle_imports_through_the_window(
    qtbot: Any, tmp_path: Any, key_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signed bundle for this reviewer, imported from the window as a user does (File >
    Import, a dropped file, or `docket BUNDLE`): off the UI thread, then the task list
    shows its tasks, the first opens, and the reviewer is told how many came."""
    from PySide6.QtWidgets import QMessageBox

    from docket import Workspace
    from docket.bundles import keys
    from docket.bundles.keys import PublicCard
    from docket.server.pack import pack
    from docket.settings import Settings
    from docket.ui.main_window import MainWindow
    from tests.helpers import pair_tasks

    server_key, server_card = keys.write_key_pair(
        keys.generate("server"), tmp_path / "server", passphrase=None
    )
    alice = PublicCard.load(key_path.with_suffix(".pub"))
    packed = pack(
        pair_tasks(tmp_path / "tasks.jsonl", 3),
        server=keys.load_secret_key(server_key),
        reviewers=[alice],
        out_dir=tmp_path / "out",
        project="real",
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    ws = Workspace.open(tmp_path / "ws", key_path)
    window = MainWindow(ws, key_path, Settings(), restore_layout=False, server_card=server_card)
    qtbot.addWidget(window)
    window.show()
    window.import_bundle(packed.bundles[0].path)
    assert window.operations.busy()  # the work runs on its own thread
    qtbot.waitUntil(lambda: told == ["Imported 3 tasks."], timeout=10_000)
    # Then the new tasks' formulas are typeset in the background, and that ends too.
    assert not window.operations.busy() or window.operations.background()
    qtbot.waitUntil(lambda: window.typesetting.runs == 1, timeout=30_000)
    assert ws.formulas_pending() == 0 and not window.operations.busy()
    assert window.task_list.model.rowCount() == 3
    assert window.controller.task is not None
    assert window.progress_label.text() == "0 / 3 answered"
    window.close()
    ws.close()


def test_a_stopped_runs_late_outcome_never_reaches_the_next_run(qtbot: Any) -> None:
    """Background work stopped for an import may still have its ``finished`` signal on
    the way; once its worker is gone Qt reports no sender. Its outcome (a count of
    typeset formulas) must not be taken for the import's."""
    from docket.ui.operations import _Worker

    ops = _runner(qtbot)
    got: list[Any] = []
    gate = threading.Event()

    def importing(progress: Any) -> str:
        assert gate.wait(10)
        return "imported"

    assert ops.run("T", "L", importing, on_success=got.append, on_failure=got.append)
    stale = _Worker(lambda progress: 7)
    ops._finished(stale, 7, None)  # the late signal of a run already ended
    assert got == [] and ops.busy()
    gate.set()
    qtbot.waitUntil(lambda: got == ["imported"])
    assert not ops.busy()


def test_the_window_gets_the_keyboard_back_when_the_dialog_closes(qtbot: Any) -> None:
    """The progress dialog, active while the work ran, hands activation back to the window
    when it closes (a window system does this for a modal dialog's parent; the offscreen
    platform does not, and keys then went to no widget)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow)
    ops = Operations(parent)
    go_on = threading.Event()
    done: list[int] = []
    ops.run("T", "L", lambda progress: go_on.wait(10) and 1, on_success=done.append,
            on_failure=print)  # fmt: skip
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)  # shown once the work has run for a moment
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    go_on.set()
    qtbot.waitUntil(lambda: done == [1])
    qtbot.waitUntil(parent.isActiveWindow)


_WINDOW_DESTROYED_MID_OPERATION = """
import gc, sys, threading, time
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from docket.ui.operations import Operations

app = QApplication(sys.argv)
parent = QWidget()
ops = Operations(parent)
started, release, ended = threading.Event(), threading.Event(), threading.Event()

def work(progress):
    started.set()
    release.wait(30)
    ended.set()
    return 1

ops.run("T", "L", work, on_success=print, on_failure=print, background=True)
assert started.wait(30)
shiboken6.delete(parent)  # the window destroyed (not closed) while the operation runs
del ops, parent
gc.collect()  # its runner is gone: its thread must not go with it
release.set()
assert ended.wait(30)
deadline = time.monotonic() + 30
from docket.ui import operations
while operations._LIVE and time.monotonic() < deadline:
    app.processEvents()
    operations._release_finished()
gc.collect()
print("threads left:", len(operations._LIVE))
"""


def test_a_window_destroyed_mid_operation_does_not_end_the_process(tmp_path: Any) -> None:
    """Qt aborts the process when a QThread is destroyed while it runs: a runner destroyed
    with its window (deleted without being closed, as a failed test's teardown or a script
    does) must leave its thread running to its end, and then let it go. Run in a process
    of its own, since the failure is an abort."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _WINDOW_DESTROYED_MID_OPERATION],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "threads left: 0" in done.stdout
