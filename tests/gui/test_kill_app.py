"""kill -9 right after an answer change: the change is there on reopening.

The app runs in a subprocess (offscreen). It opens the second task, the reviewer picks
"B better" (key 4), and the moment the autosave reports the commit, the parent kills
the process with SIGKILL. Reopened, the workspace is intact, the draft is there, and the
window returns to that task.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket import Workspace
from docket.store.review import ReviewStore
from tests.helpers import sample_tasks

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from docket import Workspace
    from docket.settings import Settings
    from docket.ui.app import application
    from docket.ui.main_window import MainWindow

    app = application()
    ws = Workspace.open(sys.argv[1], sys.argv[2])
    window = MainWindow(ws, Path(sys.argv[2]), Settings(), restore_layout=False)
    window.show()

    def go():
        if window.controller.task is None:  # the window has not opened its first task yet
            return
        poll.stop()
        window.open_task("chat")
        window.controller.saved.connect(lambda _: print("SAVED", flush=True))
        window.answer_panel.handle_number_key(4)
        print("EDITED", flush=True)

    poll = QTimer()
    poll.timeout.connect(go)
    poll.start(20)
    app.exec()
    """
)


def test_sigkill_right_after_an_answer_change_loses_nothing(tmp_path: Path, key_path: Path) -> None:
    directory = tmp_path / "ws"
    with Workspace.open(directory, key_path) as ws:
        ws.load_tasks(sample_tasks())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(directory), str(key_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            for line in child.stdout:
                lines.append(line.strip())
                if line.strip() == "SAVED":
                    child.send_signal(signal.SIGKILL)
                    break
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
        errors = child.stderr.read()
    assert lines[-2:] == ["EDITED", "SAVED"], (lines, errors)
    assert child.returncode == -signal.SIGKILL

    with Workspace.open(directory, key_path) as ws:
        assert ws.store.integrity_check() == "ok"
        assert ws.verify_audit() == 1
        order = ws.display_order("chat")
        draft = ReviewStore(ws.store).current("chat").answers
        assert draft == {"preference": {"better": order.id_of("B"), "strength": "slight"}}
        assert ws.store.get_meta("ui.last_task") == "chat"
