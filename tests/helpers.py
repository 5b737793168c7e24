"""Helpers shared by the tests (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from docket.core import Response, Role, Task, Turn

if TYPE_CHECKING:
    from docket import Workspace
    from docket.core.audit_chain import AuditEntry

ROOT = Path(__file__).resolve().parent.parent
MARKER = "ZEBRA-PLAINTEXT-MARKER-7f3a"


def require_binary(name: str) -> str:
    """The path of an external tool; skips the test with a reason when it is missing."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"the `{name}` binary is not installed (.ci/run installs it with apt-get)")
    return found


def sample_tasks() -> list[Task]:
    """A pair (ids r1/r2), a three-way task (x/y/z), and a multi-turn conversation pair."""
    return [
        Task(
            "pair",
            (Turn(Role.USER, f"Explain WAL mode. {MARKER}-prompt"),),
            (
                Response("r1", f"It is a journal. {MARKER}-response"),
                Response("r2", "It logs writes.", "m2"),
            ),
        ),
        Task(
            "three",
            (Turn(Role.USER, "Sort these numbers."),),
            (Response("x", "1 2 3"), Response("y", "3 2 1"), Response("z", "2 1 3")),
        ),
        Task(
            "chat",
            (
                Turn(Role.SYSTEM, "Be brief."),
                Turn(Role.USER, "Hi"),
                Turn(Role.ASSISTANT, "Hello!"),
                Turn(Role.USER, "What is 2+2?"),
            ),
            (Response("a", "4"), Response("b", "Four, I think.")),
        ),
    ]


DEMO_TASKS = ROOT / "resources" / "demo" / "tasks.jsonl"


def pair_tasks(path: Path, count: int = 3) -> Path:
    """The first ``count`` two-response tasks of the demo sample, written as a tasks file."""
    rows = [json.loads(line) for line in DEMO_TASKS.read_text(encoding="utf-8").splitlines()]
    pairs = [r for r in rows if len(r["responses"]) == 2][:count]
    path.write_text("".join(json.dumps(r) + "\n" for r in pairs), encoding="utf-8")
    return path


def run_offline(
    body: str, *args: str, qt: bool = False, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``body`` in a child Python behind tests/offline_guard.py: the guard is installed
    before anything else is imported, proves itself live (``self_test``), and the child
    exits 3 at the end (``finish``) if anything tried the network. Qt runs offscreen."""
    code = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from tests import offline_guard\n"
        "offline_guard.install()\n"
        f"offline_guard.self_test(qt={qt})\n" + textwrap.dedent(body) + "\noffline_guard.finish()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def recording_audit(
    rows: list[dict[str, Any]], before: list[AuditEntry] | None = None
) -> list[AuditEntry]:
    """``before`` followed by a "record" audit entry for each answer row, hash-chained as
    a workspace writes them: the log a result carrying ``rows`` must hold (merge checks
    that every answer is recorded and that a workspace's log only grows)."""
    from docket.core.audit_chain import GENESIS, AuditEntry, entry_hash
    from docket.core.rules import canonical_json

    entries = list(before or [])
    prev = entries[-1].hash if entries else GENESIS
    for row in rows:
        seq = len(entries) + 1
        body = canonical_json(row["answers"]).encode()
        detail = canonical_json(
            {"revision": row["revision"], "answers_sha256": hashlib.sha256(body).hexdigest()}
        )
        at = str(row["saved_at"])
        h = entry_hash(prev, seq, at, "record", row["task_id"], detail)
        entries.append(AuditEntry(seq, at, "record", row["task_id"], detail, prev, h))
        prev = h
    return entries


def forged_result(
    tmp: Path,
    change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    name: str,
    *,
    reviewer: str = "alice",
) -> Path:
    """A result signed with the reviewer's real key (``tmp/keys/<reviewer>.key``), for
    the genuine task bundle of the workspace ``tmp/ws-<reviewer>``, whose answer rows are
    ``change``d and whose audit log records exactly those rows: a hostile party that
    holds a valid key."""
    from docket import Workspace
    from docket.bundles import keys
    from docket.bundles.keys import PublicCard
    from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle

    key = keys.load_secret_key(tmp / "keys" / f"{reviewer}.key")
    with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
        bundle = ws.store.active_bundles()[-1]
        assert bundle.manifest_raw and bundle.signature and bundle.sealed and bundle.server_card
        answered = AnsweredBundle(
            bundle.id, bundle.project, bundle.manifest_raw, bundle.signature, bundle.sealed,
            PublicCard.loads(bundle.server_card),
        )  # fmt: skip
        rows = change([dict(r) for r in ws.store.latest_answers(bundle.id)])
        data, _ = build_result_bundle(
            reviewer=key,
            answered=answered,
            answers=rows,
            audit=recording_audit(rows),
            sequence=1,
            previous=None,
            chain="forged-workspace",
        )
    path = tmp / name
    path.write_bytes(data)
    return path


def verified_answers(result: Path, server: Any, card: Path) -> list[dict[str, Any]]:
    """The answer rows of a result bundle, as the server reads them after verifying it
    against the reviewer's card; fails the test if the server would refuse it."""
    from docket.bundles.keys import PublicCard
    from docket.server.verify import verify_results

    verdict = verify_results([result], server, [PublicCard.load(card)])[0]
    assert verdict.ok, verdict.reason
    assert verdict.result is not None
    return list(verdict.result.answers)


def workspace_tables(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the workspace (the search index's own tables too)."""
    db = ws.store._db
    names = [
        name
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if not sql.upper().startswith("CREATE VIRTUAL")
    ]
    return {n: sorted(db.execute(f"SELECT * FROM [{n}]").fetchall(), key=repr) for n in names}
