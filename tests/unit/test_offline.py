"""Offline by construction: the demo and a whole review work with the network blocked.

Each test runs a child Python process that first installs tests/offline_guard.py (socket
creation and name lookups raise, attempts are recorded even when caught, Qt's network
module cannot load), proves the guard is live there, then does the work, then fails if
anything tried the network. The window itself: tests/gui/test_offline_gui.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import pair_tasks, run_offline
from tests.offline_guard import GUARD_OK

REVIEW = """
from pathlib import Path
from docket.cli import main

work = Path(sys.argv[1])
keys, ring, bundles, ws = work / "keys", work / "ring", work / "bundles", work / "ws"


def cli(*args):
    code = main([str(a) for a in args])
    if code != 0:
        raise SystemExit(f"docket {' '.join(map(str, args))} exited with {code}")


cli("demo", "--no-window")  # the demo: keys, a signed bundle, a workspace, imported
for name in ("server", "alice"):
    cli("keygen", name, "--no-passphrase", "--out", keys)
cli("pack", sys.argv[2], "--server-key", keys / "server.key", "--reviewer", keys / "alice.pub",
    "--out", bundles, "--project", "offline")
bundle = bundles / "offline-alice.docket"
cli("import", bundle, "--workspace", ws, "--key", keys / "alice.key", "--server",
    keys / "server.pub")

import docket

with docket.Workspace.open(ws, keys / "alice.key") as w:
    tasks = list(w.tasks())
    for task in tasks:
        better = task.responses[1].id
        w.record(task.id, {"preference": {"better": better, "strength": "slight"}})
    print("ANSWERED", len(tasks), flush=True)
cli("export", "--workspace", ws, "--key", keys / "alice.key", "--out", work / "alice.docket-result")
ring.mkdir()
(ring / "alice.pub").write_text((keys / "alice.pub").read_text())
cli("verify", work / "alice.docket-result", "--server-key", keys / "server.key", "--keyring", ring)
loaded_qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
if loaded_qt:
    raise SystemExit(f"the command line loaded Qt: {loaded_qt}")
"""


def test_demo_and_a_whole_review_on_the_command_line_need_no_network(tmp_path: Path) -> None:
    tasks = pair_tasks(tmp_path / "tasks.jsonl")
    done = run_offline(REVIEW, str(tmp_path), str(tasks))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == GUARD_OK
    assert "ANSWERED 3" in lines
    assert "1 verified, 0 rejected" in lines
    assert lines[-1] == "NO NETWORK ATTEMPTS"
    assert (tmp_path / "alice.docket-result").stat().st_size > 0


def test_the_guard_stops_and_reports_a_connection() -> None:
    """The guard can fail a test: an uncaught attempt fails the child ..."""
    done = run_offline("import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n")
    assert done.returncode != 0
    assert "NetworkBlocked: offline test: network access attempted" in done.stderr


def test_the_guard_reports_an_attempt_that_was_caught() -> None:
    """... and so does one the code under test swallowed."""
    body = """
    import urllib.request
    try:
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    except OSError:
        pass
    """
    done = run_offline(body)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "NETWORK ATTEMPTS: [\"socket.create_connection(('127.0.0.1', 9)" in done.stdout
