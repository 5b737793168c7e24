"""Disk full and read-only: a typed error with a clear message, nothing committed before
is touched, and the next write succeeds once the fault is gone.

Faults are injected two ways: inside SQLite (``PRAGMA max_page_count`` makes the database
full, ``PRAGMA query_only`` makes it refuse writes: SQLITE_FULL and SQLITE_READONLY, the
codes a full or read-only disk produces), and, where the tests may mount, a real 3 MB
tmpfs filled to the last byte.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles.envelope import write_atomically
from docket.errors import DiskFullError, DocketError, OutputFileError, ReadOnlyWorkspaceError
from docket.store.review import ReviewStore
from tests.helpers import sample_tasks

ANSWER = {"preference": {"better": "r1", "strength": "slight"}}


def full(ws: Workspace) -> None:
    db = ws.store._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def space_again(ws: Workspace) -> None:
    ws.store._db.execute("PRAGMA max_page_count = 1073741823")


def first_failure(write: Callable[[int], object]) -> DocketError:
    """Write bigger and bigger until the store refuses; the error it refused with."""
    for i in range(200):
        try:
            write(i)
        except DocketError as exc:
            return exc
    pytest.fail("the store never refused a write")


def big_edit(i: int) -> dict[str, object]:
    return {**ANSWER, "rationale": f"{i} " + "a long rationale " * 400}


def test_a_full_database_refuses_the_write_and_keeps_everything_else(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    workspace.record("pair", ANSWER)
    review.edit("three", {"ranking": [["x"], ["y"], ["z"]]})
    full(workspace)
    refused = first_failure(lambda i: review.edit("pair", big_edit(i)))
    assert isinstance(refused, DiskFullError)
    assert "full; the last change was not saved" in str(refused)
    chat = {"preference": {"better": "a", "strength": "slight"}}
    refused = first_failure(lambda i: workspace.record("chat", {**big_edit(i), **chat}))
    assert isinstance(refused, DiskFullError)
    # What was committed before is intact and readable; the store is consistent.
    assert workspace.answer("pair") is not None
    assert review.current("three").answers == {"ranking": [["x"], ["y"], ["z"]]}
    assert workspace.store.integrity_check() == "ok"
    workspace.verify_audit()

    space_again(workspace)
    review.edit("pair", big_edit(999))
    assert review.current("pair").answers == big_edit(999)
    assert workspace.record("chat", {"preference": {"better": "a", "strength": "slight"}})


def test_a_read_only_workspace_refuses_writes_and_recovers(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    workspace.record("pair", ANSWER)
    workspace.store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(ReadOnlyWorkspaceError, match="read-only; the last change was not saved"):
        review.edit("pair", big_edit(1))
    with pytest.raises(ReadOnlyWorkspaceError):
        workspace.record("pair", big_edit(1))
    assert workspace.answer("pair").answers == ANSWER  # type: ignore[union-attr]
    workspace.store._db.execute("PRAGMA query_only = OFF")
    assert workspace.record("pair", big_edit(2)).revision == 2


def fill(disk: Path) -> Path:
    """Write until the disk refuses even one byte."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


def test_a_really_full_disk(tiny_disk: Path, key_path: Path) -> None:
    ws = Workspace.open(tiny_disk / "ws", key_path)
    ws.load_tasks(sample_tasks())
    review = ReviewStore(ws.store)
    ws.record("pair", ANSWER)
    filler = fill(tiny_disk)

    ranking = {"ranking": [["x"], ["y"], ["z"]]}
    refused = first_failure(lambda i: review.edit("three", {**ranking, **big_edit(i)}))
    assert isinstance(refused, DiskFullError), refused
    with pytest.raises(OutputFileError, match=r"the disk is full\. Nothing was written"):
        write_atomically(tiny_disk / "out.docket-result", b"x" * 1_000_000)
    assert not (tiny_disk / "out.docket-result").exists()
    assert [p.name for p in tiny_disk.iterdir() if p.name.startswith(".out")] == []
    assert ws.answer("pair") is not None

    filler.unlink()  # space returns
    review.edit("three", {"ranking": [["x"], ["y"], ["z"]], "rationale": "after"})
    assert review.current("three").answers["rationale"] == "after"
    assert ws.store.integrity_check() == "ok"
    ws.verify_audit()
    ws.close()
    with Workspace.open(tiny_disk / "ws", key_path) as again:
        assert again.answer("pair") is not None
