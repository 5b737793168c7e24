"""An import alone on its workspace writes its pages into the database file once
(rollback journal), not into the WAL and then again into the file; with anyone else on
the workspace it goes through the WAL as before, without waiting. Either way: all of
it or none of it, and a kill halfway leaves none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.core import Response, Role, Task, Turn
from docket.core.schema import default_schema
from docket.errors import WorkspaceBusyError
from docket.store.db import BUSY_TIMEOUT_S
from docket.store.workspace_store import BundleRecord
from tests.helpers import MARKER, ROOT

SCHEMA = default_schema(2)


def tasks(count: int, prefix: str = "t") -> list[Task]:
    return [
        Task(
            f"{prefix}{i:05d}",
            (Turn(Role.USER, f"Question {i}: " + "why? " * 40),),
            (Response("a", f"{MARKER} " + "Because. " * 200), Response("b", "It depends. " * 150)),
        )
        for i in range(count)
    ]


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    path, _ = keys.write_key_pair(keys.generate("alice"), tmp_path / "k", passphrase=None)
    return path


def import_watching(ws: Workspace, count: int, look: Callable[[], None]) -> None:
    """Import ``count`` tasks, calling ``look`` inside the transaction, before it commits."""
    ws.store.import_tasks(
        BundleRecord("b1", "test"), [(t, SCHEMA) for t in tasks(count)], before_commit=look
    )


def journal_mode(ws: Workspace) -> str:
    return str(ws.store._db.execute("PRAGMA journal_mode").fetchone()[0])


def test_an_import_alone_writes_into_the_database_file_and_the_workspace_is_wal_after(
    tmp_path: Path, key_path: Path
) -> None:
    seen: dict[str, object] = {}
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        db = ws.store.path

        def look() -> None:
            seen["mode"] = journal_mode(ws)
            wal = Path(f"{db}-wal")
            seen["wal bytes"] = wal.stat().st_size if wal.exists() else 0

        import_watching(ws, 300, look)
        assert seen == {"mode": "delete", "wal bytes": 0}
        assert journal_mode(ws) == "wal"
        assert ws.store.integrity_check() == "ok"
        assert len(list(ws.tasks())) == 300
    # Another process opening it afterwards finds WAL mode and every task.
    with Workspace.open(tmp_path / "ws", key_path) as again:
        assert journal_mode(again) == "wal"
        assert len(list(again.tasks())) == 300


def test_with_another_connection_open_the_import_goes_through_the_wal_without_waiting(
    tmp_path: Path, key_path: Path
) -> None:
    seen: list[str] = []
    with (
        Workspace.open(tmp_path / "ws", key_path) as ws,
        Workspace.open(tmp_path / "ws", key_path) as reader,  # the window, say
    ):
        assert list(reader.tasks()) == []
        started = time.monotonic()
        import_watching(ws, 50, lambda: seen.append(journal_mode(ws)))
        # Refused at once, not after the busy timeout: the import does not stall.
        assert time.monotonic() - started < BUSY_TIMEOUT_S
        assert seen == ["wal"]
        assert len(list(reader.tasks())) == 50
        assert journal_mode(ws) == journal_mode(reader) == "wal"


def test_an_import_that_fails_alone_leaves_nothing_and_wal_mode(
    tmp_path: Path, key_path: Path
) -> None:
    def fail() -> None:
        raise RuntimeError("stopped before the commit")

    with Workspace.open(tmp_path / "ws", key_path) as ws:
        with pytest.raises(RuntimeError):
            import_watching(ws, 200, fail)
        assert list(ws.tasks()) == []
        assert journal_mode(ws) == "wal"
        assert ws.store.integrity_check() == "ok"


CHILD = r"""
import os, sys, time
from pathlib import Path
from docket import Workspace
from docket.store import workspace_store
from docket.store.workspace_store import BundleRecord
from tests.unit.test_import_writing_alone import SCHEMA, tasks

# A small page cache: the transaction's pages spill into the database file long before
# the commit, which is what a kill must then undo.
workspace_store.IMPORT_CACHE_KIB = 256
workspace_store.PAGE_SIZE = int(sys.argv[3])
directory, key = Path(sys.argv[1]), Path(sys.argv[2])
with Workspace.open(directory, key) as ws:
    db = ws.store.path
    size = db.stat().st_size

    def produce(add):
        for n, task in enumerate(tasks(3000, "k")):
            add(task, SCHEMA)
            if n > 500 and db.stat().st_size > size + 2_000_000:
                journal = Path(f"{db}-journal")
                print("spilled", journal.exists(), flush=True)
                time.sleep(600)

    ws.store.import_task_stream(BundleRecord("killed", "test"), produce)
"""


@pytest.mark.parametrize("page_size", [16384, 4096], ids=["new", "4 KiB pages"])
def test_a_kill_halfway_through_an_import_alone_leaves_none_of_it(
    tmp_path: Path, key_path: Path, page_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A workspace made with 4 KiB pages is opened afterwards by trying the new size
    # first: the interrupted import must still be undone, not misread.
    from docket.store import workspace_store

    monkeypatch.setattr(workspace_store, "PAGE_SIZE", page_size)
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.store.import_tasks(BundleRecord("b0", "test"), [(t, SCHEMA) for t in tasks(20, "s")])
        before = ws.store.path.stat().st_size
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "ws"), str(key_path), str(page_size)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'desktop'}"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        # The tasks written so far are in the database file itself, the originals of the
        # pages they changed in the journal.
        assert line.split() == ["spilled", "True"], line
        # Encrypted, both: the tasks' pages in the file, the originals in the journal.
        db = tmp_path / "ws" / "workspace.db"
        for path in (db, Path(f"{db}-journal")):
            assert MARKER.encode() not in path.read_bytes()
        # Meanwhile another process cannot read the workspace at all: it is told the
        # workspace is in use, and sees none of the tasks half written.
        with pytest.raises(WorkspaceBusyError):
            Workspace.open(tmp_path / "ws", key_path)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    monkeypatch.undo()
    assert db.stat().st_size > before + 2_000_000  # the spilled pages are on disk
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        assert [t.id for t in ws.tasks()] == [f"s{i:05d}" for i in range(20)]
        assert ws.store.integrity_check() == "ok"
        assert journal_mode(ws) == "wal"
        assert not Path(f"{ws.store.path}-journal").exists()
        # And the workspace takes the next import whole.
        ws.store.import_tasks(BundleRecord("b1", "test"), [(t, SCHEMA) for t in tasks(30, "n")])
        assert len(list(ws.tasks())) == 50
