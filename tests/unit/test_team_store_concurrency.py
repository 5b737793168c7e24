"""Concurrent merges into the team store: 8 ``docket merge`` processes over 200 overlapping
result bundles (each bundle several times, in every order: duplicates and replays of older
bundles after newer ones, and a fork of a reviewer's chain) end in exactly the rows one
sequential merge of the same 200 gives (the content hash of every table, the merge times
aside)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.db_copy import content_hash
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.reference_data import alpaca_eval

REVIEWERS = [f"rev{i}" for i in range(8)]
EXPORTS = 5
PROCESSES = 8
PATHS = 200


def _answer(ws: Workspace, task_id: str, note: str) -> dict[str, Any]:
    task = ws.task(task_id)
    better = max(task.responses, key=lambda r: len(r.text) + len(note))
    return {"preference": {"better": better.id, "strength": "slight"}, "rationale": note}


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("concurrent")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    rows = alpaca_eval("gpt-4o-2024-05-13"), alpaca_eval("claude-3-5-sonnet-20240620")
    with (tmp / "tasks.jsonl").open("w") as fh:
        for i in range(40):
            responses = [{"id": f"m{j}", "text": r[i]["output"]} for j, r in enumerate(rows)]
            fh.write(json.dumps({"id": f"t{i:02d}", "prompt": rows[0][i]["instruction"],
                                 "responses": responses}) + "\n")  # fmt: skip
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    packed = pack(tmp / "tasks.jsonl", server=server, reviewers=cards, out_dir=tmp / "bundles",
                  overlap=2, project="team")  # fmt: skip
    results: list[Path] = []
    first: Path | None = None
    for reviewer, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        ws_dir, key = tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key"
        with Workspace.open(ws_dir, key) as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            ids = [t.id for t in ws.tasks()]
        for n in range(1, EXPORTS + 1):
            if reviewer == REVIEWERS[0] and n == 3:  # the workspace copied: a fork to come
                shutil.copytree(ws_dir, tmp / "ws-fork")
            with Workspace.open(ws_dir, key) as ws:
                for task_id in ids[(n - 1) * 2 : n * 2]:
                    ws.record(task_id, _answer(ws, task_id, f"first look {n}"))
                ws.record(ids[0], _answer(ws, ids[0], f"look number {n}"))  # a new revision
                results.append(ws.export_results(tmp / f"{reviewer}-{n}.result").path)
            if reviewer == REVIEWERS[0] and n == 3:
                first = results[-1]
    with Workspace.open(tmp / "ws-fork", tmp / "keys" / f"{REVIEWERS[0]}.key") as ws:
        task_id = next(t.id for t in ws.tasks())
        ws.record(task_id, _answer(ws, task_id, "another thought"))
        fork = ws.export_results(tmp / "fork.result").path
    # 200 paths: every bundle several times under other names, the fork among them.
    distinct = [*results, fork]
    paths = []
    for i in range(PATHS):
        source = distinct[i % len(distinct)]
        copy = tmp / "inbox" / f"{i:03d}-{source.name}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(source, copy)
        paths.append(copy)
    random.Random(23).shuffle(paths)
    ring = tmp / "ring"
    ring.mkdir()
    for r in REVIEWERS:
        shutil.copy(tmp / "keys" / f"{r}.pub", ring)
    assert first is not None
    return {"tmp": tmp, "server": server, "cards": cards, "archive": packed.archive,
            "paths": paths, "fork_sibling": first, "ring": ring}  # fmt: skip


def _prepared(target: str, run: dict[str, Any]) -> None:
    """The task archive, and the fork's sibling merged first: the fork is then refused
    whatever the order (the sibling could lose the race otherwise)."""
    with MergedStore.open(target, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        merge_results([run["fork_sibling"]], server=run["server"], cards=run["cards"], store=store)


def _content(target: str, run: dict[str, Any]) -> Any:
    with MergedStore.open(target, run["server"]) as store:
        store.db.write(lambda: store.db.execute("UPDATE merged SET merged_at = ''"))
        return content_hash(store.db)


@pytest.mark.slow
def test_eight_concurrent_merges_end_as_one_sequential_merge(
    bundles: dict[str, Any], postgres_db: Any
) -> None:
    run = bundles
    sequential, concurrent = postgres_db("sequential"), postgres_db("concurrent")
    for target in (sequential, concurrent):
        _prepared(target, run)
    with MergedStore.open(sequential, run["server"]) as store:
        report = merge_results(run["paths"], server=run["server"], cards=run["cards"], store=store)
    accepted = report.count("accepted")
    assert accepted == len(REVIEWERS) * EXPORTS - 1  # every bundle once; the sibling before
    # The fork, each time it comes (its audit log disagrees with the sibling's first).
    rejected = [o for o in report.outcomes if o.status == "rejected"]
    forks = [p for p in run["paths"] if p.name.endswith("-fork.result")]
    assert [o.path for o in rejected] == forks and forks
    key = str(run["tmp"] / "keys" / "server.key")
    share = len(run["paths"]) // PROCESSES
    # Overlapping sets: each process takes its share and the start of the next one's.
    jobs = [(run["paths"] * 2)[i * share : (i + 1) * share + 5] for i in range(PROCESSES)]
    argv = ["--server-key", key, "--keyring", str(run["ring"]), "--db", concurrent]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "docket.cli", "merge", *map(str, job), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in jobs
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode in (0, 1), err  # 1: a bundle was rejected (the fork)
        assert "Traceback" not in err
    said = "".join(out for out, _ in outputs).splitlines()
    assert sum(line.startswith("OK  ") for line in said) == accepted
    assert {line.split(":")[0] for line in said if line.startswith("FAIL")} == {
        f"FAIL {p}" for p in forks
    }
    got, expected = _content(concurrent, run), _content(sequential, run)
    assert [t.table for t in got.tables if t not in expected.tables] == []
    assert got == expected
