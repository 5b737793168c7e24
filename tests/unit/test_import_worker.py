"""A large bundle's tasks are read by a worker process while the importing process writes
them (docket.import_worker): the same tasks as an import in one process; a cancel, the
worker's death, a hostile line met late and a file swapped between the passes each leave
the workspace exactly as it was, and no process behind."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace, import_worker
from docket.bundles import envelope, keys
from docket.bundles.envelope import digests, open_sealed, pinned, seal
from docket.bundles.manifest import TASK_TYPES
from docket.errors import (
    BundleError,
    ImportCancelledError,
    ImportWorkerError,
    ManifestError,
)
from docket.server.pack import pack
from docket.store import workspace_store
from tests.helpers import workspace_tables as tables

pytestmark = pytest.mark.skipif(
    not Path("/proc/self").exists(), reason="checks that the worker is gone through /proc"
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Keys, two bundles, and a workspace holding the first with two answered tasks; the
    second keeps some tasks, drops others and adds new ones."""
    root = tmp_path_factory.mktemp("worker")
    server, alice = keys.generate("server"), keys.generate("alice")
    for k in (server, alice):
        keys.write_key_pair(k, root / "keys", passphrase=None)
    setup = {"keys": root / "keys", "dir": root}
    setup["v1"] = packed(setup, "v1", [f"t{i}" for i in range(8)])
    setup["v2"] = packed(setup, "v2", [f"t{i}" for i in range(4)] + [f"n{i}" for i in range(30)])
    # Far more than a pipe holds (64 KiB): its worker is still sending when it is killed.
    setup["v3"] = packed(setup, "v3", [f"m{i}" for i in range(200)], size=3_000)
    with Workspace.open(root / "ws", root / "keys" / "alice.key") as ws:
        ws.import_bundle(setup["v1"], root / "keys" / "server.pub")
        for task_id in ("t0", "t1"):
            ws.record(task_id, {"ranking": [list(ws.task(task_id).response_ids)]})
    return setup


@pytest.fixture
def setup(
    world: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Path]:
    """A copy of the world's workspace in ``dir``; every bundle read by the worker, a few
    tasks a batch (several batches per import)."""
    shutil.copytree(world["dir"] / "ws", tmp_path / "ws")
    monkeypatch.setattr(import_worker, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(workspace_store, "TASK_BATCH", 4)
    return {**world, "dir": tmp_path}


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the workers the imports start."""
    pids: list[int] = []

    class Recorded(import_worker.ImportWorker):
        def __init__(self) -> None:
            super().__init__()
            assert self.pid is not None
            pids.append(self.pid)

    monkeypatch.setattr(import_worker, "ImportWorker", Recorded)  # as the import finds it
    return pids


def packed(setup: dict[str, Path], name: str, ids: list[str], size: int = 300) -> Path:
    """A bundle for alice (project "p": each one replaces the last) of the tasks ``ids``."""
    source = setup["dir"] / f"{name}.jsonl"
    with source.open("w") as fh:
        for i in ids:
            responses = [
                {"id": f"r{j}", "text": f"{name} {i} {j} é " + "x" * size} for j in range(3)
            ]
            fh.write(json.dumps({"id": i, "prompt": f"{name}: {i}?", "responses": responses}))
            fh.write("\n")
    server = keys.load_secret_key(setup["keys"] / "server.key")
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    done = pack(
        source, server=server, reviewers=[alice.card()], out_dir=setup["dir"] / name, project="p"
    )
    return done.bundles[0].path


def gone(pids: list[int]) -> bool:
    """Every worker ended and reaped (no zombie left either)."""
    return bool(pids) and not any(Path(f"/proc/{pid}").exists() for pid in pids)


@pytest.mark.slow
def test_the_worker_stores_what_an_import_in_one_process_stores(
    setup: dict[str, Path], workers: list[int]
) -> None:
    """An update read by the worker and one read in the importing process give the same
    tables (but for the import's time) and the same counts."""
    second = setup["v2"]
    shutil.copytree(setup["dir"] / "ws", setup["dir"] / "ws2")
    card, key = setup["keys"] / "server.pub", setup["keys"] / "alice.key"
    with Workspace.open(setup["dir"] / "ws", key) as ws:
        by_worker = ws.import_bundle(second, card)
        got = tables(ws)
        tasks = list(ws.tasks())
    assert len(workers) == 1 and gone(workers)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(import_worker, "WORKER_MIN_BYTES", 1 << 40)
        with Workspace.open(setup["dir"] / "ws2", key) as ws:
            in_process = ws.import_bundle(second, card)
            expected = tables(ws)
            assert list(ws.tasks()) == tasks
    assert len(workers) == 1
    assert by_worker == in_process
    assert (by_worker.added, by_worker.updated, by_worker.removed) == (30, 4, 4)
    for name in ("tasks", "responses", "schemas", "suggestions", "answers"):
        assert got[name] == expected[name], name
    assert [t.id for t in tasks] == [f"t{i}" for i in range(4)] + [f"n{i}" for i in range(30)]


def test_a_cancel_while_the_worker_reads_leaves_the_workspace_and_no_process(
    setup: dict[str, Path], workers: list[int]
) -> None:
    second = setup["v2"]
    stored: list[float] = []

    def progress(stage: str, fraction: float) -> None:
        if stage == "Storing" and fraction > 0.4:  # a batch written (not a wait for one)
            stored.append(fraction)
            if len(stored) == 4:  # several batches written by now
                raise ImportCancelledError("Import cancelled.")

    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        before = tables(ws)
        with pytest.raises(ImportCancelledError):
            ws.import_bundle(second, setup["keys"] / "server.pub", progress=progress)
        assert len(stored) == 4 and stored == sorted(stored)
        assert tables(ws) == before
        assert ws.store.integrity_check() == "ok"
        assert gone(workers)


def test_a_worker_that_dies_is_said_and_nothing_is_written(
    setup: dict[str, Path], workers: list[int]
) -> None:
    second = setup["v3"]
    stored: list[float] = []

    def progress(stage: str, fraction: float) -> None:
        if stage == "Storing" and fraction > 0.4:  # a batch written (not a wait for one)
            stored.append(fraction)
            if len(stored) == 3:  # batches written, more to come
                os.kill(workers[-1], signal.SIGKILL)

    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        before = tables(ws)
        with pytest.raises(ImportWorkerError) as caught:
            ws.import_bundle(second, setup["keys"] / "server.pub", progress=progress)
        assert "The process reading the bundle was killed before it finished." in str(caught.value)
        assert "Nothing was imported." in str(caught.value)
        assert len(stored) >= 3  # (batches already in the pipe are still read)
        assert tables(ws) == before
        assert gone(workers)


def resealed(setup: dict[str, Path], bundle: Path, extra_line: bytes) -> Path:
    """The bundle signed again by the server's own key with one more task line at the end:
    a hostile (or broken) packer holding a valid key."""
    alice = keys.load_secret_key(setup["keys"] / "alice.key")
    server = keys.load_secret_key(setup["keys"] / "server.key")
    opened = open_sealed(bundle, alice, signer=pinned(server.card()), expected_type=TASK_TYPES)
    sections = dict(opened.sections)
    sections["tasks.jsonl"] += extra_line
    manifest = dataclasses.replace(
        opened.manifest, bundle_id="task-hostile", sections=digests(sections)
    )
    out = setup["dir"] / "hostile.docket"  # the test's own folder
    out.write_bytes(seal(manifest, sections, server, alice.card()))
    return out


@pytest.mark.slow
def test_a_line_refused_by_the_worker_after_batches_were_written_leaves_nothing(
    setup: dict[str, Path], workers: list[int]
) -> None:
    """The worker's error (with its hint) reaches the importing process as it was raised,
    after most of the tasks were written uncommitted: none of them remains."""
    second = setup["v2"]
    hostile = resealed(setup, second, b'{"id": "late", "responses": "none"}\n')
    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        before = tables(ws)
        with pytest.raises(BundleError, match="malformed") as caught:
            ws.import_bundle(hostile, setup["keys"] / "server.pub")
        assert type(caught.value) is BundleError
        assert caught.value.hint == BundleError.hint
        assert tables(ws) == before
        assert gone(workers)


@pytest.mark.slow
def test_a_file_swapped_after_the_first_pass_is_refused_by_the_worker(
    setup: dict[str, Path], workers: list[int]
) -> None:
    first, second = setup["v1"], setup["v2"]
    target = setup["dir"] / "target.docket"
    shutil.copyfile(second, target)
    real = envelope.open_sealed_streaming

    def then_swap(*args: Any, **kwargs: Any) -> envelope.StreamedBundle:
        streamed = real(*args, **kwargs)
        shutil.copyfile(first, target)  # a valid bundle to the same reviewer
        return streamed

    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        before = tables(ws)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(envelope, "open_sealed_streaming", then_swap)
            with pytest.raises(ManifestError, match="changed while the bundle was being read"):
                ws.import_bundle(target, setup["keys"] / "server.pub")
        assert tables(ws) == before
        assert gone(workers)


def test_a_worker_that_cannot_start_leaves_the_import_to_the_importing_process(
    setup: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Refused(import_worker.ImportWorker):
        def __init__(self) -> None:
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(import_worker, "ImportWorker", Refused)
    with Workspace.open(setup["dir"] / "ws", setup["keys"] / "alice.key") as ws:
        done = ws.import_bundle(setup["v2"], setup["keys"] / "server.pub")
        assert (done.added, done.updated, done.removed) == (30, 4, 4)
