"""Importing into a workspace that already holds work: the tasks are written in batches
inside one transaction on a connection whose page cache is enlarged for it; a cancel or a
refusal part-way, after batches were written, leaves every table exactly as it was (and
the connection's cache as it was), and the tasks read back are the tasks packed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import envelope, keys
from docket.core.schema import default_schema
from docket.core.tasks import Response, Role, Task, Turn
from docket.errors import BundleError, ImportCancelledError
from docket.server.pack import pack
from docket.store import workspace_store
from docket.store.workspace_store import BundleRecord, WorkspaceStore
from tests.helpers import workspace_tables as tables


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    server, alice = keys.generate("server"), keys.generate("alice")
    for k in (server, alice):
        keys.write_key_pair(k, tmp_path / "keys", passphrase=None)
    return {"keys": tmp_path / "keys", "dir": tmp_path}


def packed(setup: dict[str, Path], name: str, ids: list[str], *, size: int = 2_000) -> Path:
    """A bundle for alice (project "p": each one replaces the last) of the tasks ``ids``,
    each with three responses of about ``size`` characters that name the bundle."""
    source = setup["dir"] / f"{name}.jsonl"
    with source.open("w") as fh:
        for i in ids:
            responses = [{"id": f"r{j}", "text": f"{name} {i} {j} " + "x" * size} for j in range(3)]
            fh.write(json.dumps({"id": i, "prompt": f"{name}: {i}?", "responses": responses}))
            fh.write("\n")
    server = keys.load_secret_key(setup["keys"] / "server.key")
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    done = pack(
        source, server=server, reviewers=[alice.card()], out_dir=setup["dir"] / name, project="p"
    )
    return done.bundles[0].path


def cache_size(ws: Workspace) -> int:
    return int(ws.store._db.execute("PRAGMA cache_size").fetchone()[0])


def answer(ws: Workspace, task_id: str) -> None:
    ws.record(task_id, {"ranking": [list(ws.task(task_id).response_ids)]})


@pytest.mark.parametrize("stop", ["cancel", "refusal"])
def test_an_update_stopped_after_batches_were_written_leaves_every_table_as_it_was(
    setup: dict[str, Path], monkeypatch: pytest.MonkeyPatch, stop: str
) -> None:
    """The newer bundle keeps some answered tasks (updated in place, their responses
    replaced), drops others and adds new ones: stopped once several batches of that are
    written, by a cancel or by a task line refused further on, nothing of it remains."""
    first = packed(setup, "v1", [f"t{i}" for i in range(12)])
    # Keeps t0-t5 (t0 and t1 answered), drops t6-t11, adds n0-n29; the bad line last.
    second_ids = [f"t{i}" for i in range(6)] + [f"n{i}" for i in range(30)]
    second = packed(setup, "v2", second_ids)
    card = setup["keys"] / "server.pub"
    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        opened = cache_size(ws)
        ws.import_bundle(first, card)
        assert cache_size(ws) == opened != -workspace_store.IMPORT_CACHE_KIB
        answer(ws, "t0")
        answer(ws, "t1")
        before, cache_before = tables(ws), cache_size(ws)
        monkeypatch.setattr(workspace_store, "TASK_BATCH", 4)
        monkeypatch.setattr(envelope, "PROGRESS_STEP", 4096)
        written: list[int] = []

        def progress(stage: str, fraction: float) -> None:
            if stage != "Storing":
                return
            # The import's own connection sees what it wrote so far, uncommitted.
            (new,) = ws.store._db.execute(
                "SELECT count(*) FROM tasks WHERE id LIKE 'n%'"
            ).fetchone()
            written.append(new)
            assert cache_size(ws) == -workspace_store.IMPORT_CACHE_KIB
            if stop == "cancel" and new >= 12:
                raise ImportCancelledError("Import cancelled.")

        if stop == "refusal":
            # A task line that cannot be read, met only after most tasks were written
            # (the bundle is signed as it is: the refusal comes from reading it).
            from docket.bundles import task_bundle

            real = task_bundle.TaskReader.add

            def add(self: task_bundle.TaskReader, line: bytes) -> Any:
                if self.count == len(second_ids) - 1:
                    self.count += 1
                    raise BundleError("The bundle's task line 36 is malformed (test).")
                return real(self, line)

            monkeypatch.setattr(task_bundle.TaskReader, "add", add)
        with pytest.raises(ImportCancelledError if stop == "cancel" else BundleError):
            ws.import_bundle(second, card, progress=progress)
        assert max(written) >= 12, written  # several batches had been written
        assert tables(ws) == before
        assert cache_size(ws) == cache_before
        assert ws.store.integrity_check() == "ok"
        assert ws.verify_audit() == 3  # import, record, record
        monkeypatch.undo()
        done = ws.import_bundle(second, card)
        assert (done.status, done.added, done.updated, done.removed) == ("updated", 30, 6, 6)
        assert [t.id for t in ws.tasks()] == second_ids
        assert all(r.text.startswith("v2 t0 ") for r in ws.task("t0").responses)
        assert ws.answer("t0") is not None and ws.answer("t2") is None
        assert cache_size(ws) == cache_before


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
TASKS = st.lists(
    st.builds(
        lambda prompt, earlier, texts, meta: (prompt, earlier, texts, meta),
        TEXT.filter(str.strip),
        st.lists(
            st.tuples(st.sampled_from([Role.USER, Role.ASSISTANT, Role.SYSTEM]), TEXT), max_size=3
        ),
        st.lists(TEXT, min_size=2, max_size=4),
        st.dictionaries(st.sampled_from(["source_line", "dataset", "x"]), TEXT, max_size=2),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TASKS)
def test_tasks_written_in_batches_read_back_as_given(
    tmp_path: Path, given_tasks: list[Any]
) -> None:
    """Whatever the texts (any Unicode, empty ones) and however the batches fall, each
    task is stored as it was given, in its order, its empty parts spelled as before."""
    tasks = [
        Task(
            f"t{n}",
            (*(Turn(role, content) for role, content in earlier), Turn(Role.USER, prompt)),
            tuple(Response(f"r{j}", text, None) for j, text in enumerate(texts)),
            meta=meta,
        )
        for n, (prompt, earlier, texts, meta) in enumerate(given_tasks)
    ]
    path = tmp_path / f"w{abs(hash(repr(given_tasks)))}.db"
    store = WorkspaceStore.open(path, b"k" * 32)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(workspace_store, "TASK_BATCH", 5)
            store.import_tasks(
                BundleRecord("b", "test"), [(t, default_schema(len(t.responses))) for t in tasks]
            )
        assert list(store.tasks()) == tasks
        assert [store.task(t.id).meta for t in tasks] == [t.meta for t in tasks]
        rows = store._db.execute("SELECT meta, documents, spans, pii FROM tasks").fetchall()
        assert {r[1:] for r in rows} == {("[]", "[]", None)}
        assert all(
            r[0] == (json.dumps(t.meta, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
            for r, t in zip(rows, tasks, strict=True)
        )
    finally:
        store.close()
        path.unlink()
