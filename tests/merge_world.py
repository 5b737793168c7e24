"""Many real result bundles for the merge tests that need more than two per reviewer: the
watched inbox (tests/unit/test_merge_inbox.py) and concurrent merges
(tests/unit/test_merge_concurrency.py).

:func:`build_world` packs real AlpacaEval pairs for ``reviewers`` reviewers (overlap 2),
then each reviewer answers one task more (or revises one) before each of ``exports``
exports, so every result carries new answers and a longer audit log; reviewer 0's
workspace is also copied after its first export and that copy exports its own second
result: a fork of the original's second. Plain functions (no fixtures): each test module
wraps them in a fixture of the scope it needs.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard, SecretKey
from docket.server.pack import pack
from tests.reference_data import ALPACA_MODELS, alpaca_eval


@dataclass(frozen=True)
class World:
    root: Path
    server: SecretKey
    server_key: Path
    cards: list[PublicCard]
    ring: Path
    archive: Path
    results: dict[str, list[Path]]
    """Each reviewer's results in sequence order."""
    fork: Path
    """A second result of reviewer 0 from a copy of the workspace: a fork of its second."""

    @property
    def all_results(self) -> list[Path]:
        return [p for ps in self.results.values() for p in ps]


def _answer(ws: Workspace, task_id: str, note: str) -> dict[str, Any]:
    task = ws.task(task_id)
    longer = max(task.responses, key=lambda r: len(r.text))
    return {"preference": {"better": longer.id, "strength": "slight"}, "rationale": note}


def build_world(root: Path, *, reviewers: int, exports: int, tasks: int = 24) -> World:
    names = [f"rev{i}" for i in range(reviewers)]
    for name in ("server", *names):
        keys.write_key_pair(keys.generate(name), root / "keys", passphrase=None)
    server = keys.load_secret_key(root / "keys" / "server.key")
    a, b = (alpaca_eval(m) for m in ALPACA_MODELS[:2])
    with (root / "tasks.jsonl").open("w") as fh:
        for i in range(tasks):
            fh.write(json.dumps({
                "id": f"t{i:03d}", "prompt": a[i]["instruction"],
                "responses": [{"id": "m0", "model": ALPACA_MODELS[0], "text": a[i]["output"]},
                              {"id": "m1", "model": ALPACA_MODELS[1], "text": b[i]["output"]}],
            }) + "\n")  # fmt: skip
    cards = [PublicCard.load(root / "keys" / f"{n}.pub") for n in names]
    packed = pack(
        root / "tasks.jsonl",
        server=server,
        reviewers=cards,
        out_dir=root / "bundles",
        overlap=2,
        project="world",
    )
    assert packed.archive is not None
    results: dict[str, list[Path]] = {}
    fork = root / "out" / "rev0-fork-2.result"
    (root / "out").mkdir()
    for name, bundle in zip(names, packed.bundles, strict=True):
        ws_dir = root / f"ws-{name}"
        key = root / "keys" / f"{name}.key"
        results[name] = []
        with Workspace.open(ws_dir, key) as ws:
            ws.import_bundle(bundle.path, root / "keys" / "server.pub")
            ids = [t.id for t in ws.tasks()]
        for e in range(exports):
            with Workspace.open(ws_dir, key) as ws:
                task_id = ids[e % len(ids)]
                ws.record(task_id, _answer(ws, task_id, f"Seen in round {e + 1}."))
                out = root / "out" / f"{name}-{e + 1}.result"
                assert ws.export_results(out).sequence == e + 1
            results[name].append(out)
            if name == names[0] and e == 0:
                shutil.copytree(ws_dir, root / "ws-fork")
                with Workspace.open(root / "ws-fork", key) as ws:
                    ws.record(ids[-1], _answer(ws, ids[-1], "A second thought in the copy."))
                    assert ws.export_results(fork).sequence == 2
    ring = root / "ring"
    ring.mkdir()
    for n in names:
        shutil.copy(root / "keys" / f"{n}.pub", ring)
    return World(
        root, server, root / "keys" / "server.key", cards, ring, packed.archive, results, fork
    )


def table_rows(db_path: Path, server: SecretKey) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a merged database, sorted, the merge times left out
    (the only column that differs between two merges of the same bundles)."""
    from docket.server.merged_store import MergedStore

    with MergedStore.open(db_path, server) as store:
        tables = [
            r[0]
            for r in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
        ]
        out = {}
        for table in tables:
            columns = [
                c[1]
                for c in store.db.execute(f"PRAGMA table_info({table})").fetchall()
                if c[1] != "merged_at"
            ]
            rows = store.db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out
