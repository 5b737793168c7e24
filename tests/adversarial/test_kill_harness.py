"""Crash safety: 200 seeded SIGKILLs at random points of imports, answers, drafts, undo and
exports (tests/adversarial/kill_harness.py); after each one the workspace is intact, the
audit chain verifies, everything acknowledged is there and no bundle is half-imported.

A longer run: ``make kill-test KILLS=2000``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.adversarial import kill_harness as harness

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks (POSIX only)")

HARNESS = Path(harness.__file__)


@pytest.mark.slow
@pytest.mark.timeout(450)  # above the harness's own 400 s, so that one fails as a test
def test_two_hundred_kills_lose_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HARNESS), str(tmp_path / "run"), "--kills", "200"],
        capture_output=True,
        text=True,
        timeout=400,
    )
    summary = json.loads(done.stdout)
    assert summary["failures"] == [], summary["failures"]
    assert done.returncode == 0, done.stderr
    assert summary["kills"] == 200
    # The kills landed inside the kinds of write, not only between them (loose bounds:
    # how much work fits in a life depends on the machine).
    for op in ("import", "answer", "draft", "export"):
        assert summary["killed_during"].get(op, 0) >= 1, summary["killed_during"]
    for op in ("import", "answer", "draft", "undo", "export", "lock"):
        assert summary["acknowledged"].get(op, 0) >= 1, summary["acknowledged"]
    assert summary["answers_checked"] >= harness.TASKS_PER_BUNDLE


def test_the_checks_catch_a_half_import_and_a_lost_answer(tmp_path: Path) -> None:
    """The harness's checks can fail: a bundle with a task missing and an acknowledged
    answer revision the workspace does not have are both reported."""
    setup = harness.prepare(tmp_path)
    from docket import Workspace
    from docket.bundles import keys

    with Workspace.open(setup["workspace"], setup["key"]) as ws:
        for bundle in setup["bundles"]:
            ws.import_bundle(bundle, setup["server_card"])
        task = ws.store.task_ids()[0]
        ws.record(task, harness.answer_for(ws, task, harness.random.Random(1)))
        with ws.store._db.conn:
            ws.store._db.execute("PRAGMA foreign_keys = OFF")
            ws.store._db.execute("DELETE FROM tasks WHERE id = ?", (ws.store.task_ids()[-1],))
    expect = harness.Expectations()
    expect.answer[task] = (2, "0" * 16)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    problems = harness.check(setup, setup["workspace"], expect, None, server)
    assert any("half-imported: 11 tasks" in p for p in problems), problems
    assert any(f"acknowledged answer {task} r2 lost" in p for p in problems), problems
