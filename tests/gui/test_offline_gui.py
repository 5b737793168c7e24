"""Offline by construction, in the window: `docket demo --screenshot`, then `docket BUNDLE`
(what double-clicking a bundle runs) imports it into the last workspace, the reviewer
answers every task and exports, all in a child process whose network is blocked
(tests/offline_guard.py; tests/unit/test_offline.py has the command line and the proof
that the guard can fail a test). On Linux the child also checks that no Qt network
library was ever mapped into it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.verify import verify_results
from tests.helpers import pair_tasks, run_offline
from tests.offline_guard import GUARD_OK

pytestmark = pytest.mark.gui

CHILD = """
import faulthandler
import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from docket.cli import main
from docket.settings import Settings

faulthandler.dump_traceback_later(120, exit=True)  # a dialog nobody answers: fail, not hang
work = Path(sys.argv[1])
k = work / "keys"

# 1. The demo, as `docket demo --screenshot PNG`.
code = main(["demo", "--screenshot", str(work / "demo.png")])
print("DEMO", code, (work / "demo.png").stat().st_size, flush=True)

# 2. `docket BUNDLE` with a last workspace, key and server card: the window opens on the
#    workspace and imports the bundle; then every task is answered and the results exported.
Settings(last_workspace=str(work / "ws"), last_key=str(k / "alice.key"),
         server_card=str(k / "server.pub")).save()


def review(window):
    tasks = list(window.workspace.tasks())
    for _ in tasks:
        assert window.answer_panel.handle_number_key(4)  # "B better"
        window.submit_and_next()
    print("ANSWERED", sum(window.workspace.answer(t.id) is not None for t in tasks), flush=True)
    window.export_dialog()


def information(parent, title, text, *args):
    print("INFO", " ".join(text.split()), flush=True)
    if text.startswith("Imported"):
        QTimer.singleShot(0, lambda: review(parent))
    elif text.startswith("Wrote"):
        QTimer.singleShot(0, parent.close)  # the last window closed: the app quits
    return QMessageBox.StandardButton.Ok


def warning(parent, title, text, *args):
    print("WARNING", text, flush=True)
    os._exit(4)


QMessageBox.information = information
QMessageBox.warning = warning
QMessageBox.question = lambda *args: QMessageBox.StandardButton.Yes
QFileDialog.getSaveFileName = lambda *args: (str(work / "alice.docket-result"), "")
print("OPEN", main([str(work / "bundles" / "offline-alice.docket")]), flush=True)
"""


def test_demo_and_a_review_in_the_window_need_no_network(tmp_path: Path) -> None:
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    alice = keys.load_secret_key(tmp_path / "keys" / "alice.key")
    from docket.server.pack import pack

    pack(
        pair_tasks(tmp_path / "tasks.jsonl"),
        server=server,
        reviewers=[alice.card()],
        out_dir=tmp_path / "bundles",
        project="offline",
    )

    done = run_offline(CHILD, str(tmp_path), qt=True)
    out = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert out[0] == GUARD_OK
    demo = next(line for line in out if line.startswith("DEMO "))
    assert demo.split()[1] == "0" and int(demo.split()[2]) > 20_000
    assert "INFO Imported 3 tasks." in out
    assert "ANSWERED 3" in out
    assert any(line.startswith("INFO Wrote 3 answers (sequence 1)") for line in out)
    assert "OPEN 0" in out
    assert out[-1] == "NO NETWORK ATTEMPTS"

    verdict = verify_results(
        [tmp_path / "alice.docket-result"],
        server,
        [PublicCard.load(tmp_path / "keys" / "alice.pub")],
    )[0]
    assert verdict.ok, verdict.reason
    assert verdict.result is not None and len(verdict.result.answers) == 3
