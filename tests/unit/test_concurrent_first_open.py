"""Processes that create the same encrypted database at once: the switch to WAL, which on
a fresh file needs a write lock SQLite will not wait for (two processes each holding the
read lock would wait for ever), is tried again instead of failing "in use by another
process". Seen as one failed `docket merge` out of four started together on a database
none of them found."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from docket.store import db as store_db

KEY = bytes(range(32))


def busy() -> dbapi2.OperationalError:
    exc = dbapi2.OperationalError("database is locked")
    exc.sqlite_errorcode = 5  # type: ignore[attr-defined]
    return exc


class Switching:
    """A connection whose first ``refusals`` switches to WAL are refused as busy."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.tries = 0

    def execute(self, sql: str) -> Switching:
        assert sql == "PRAGMA journal_mode = WAL"
        self.tries += 1
        if self.tries <= self.refusals:
            raise busy()
        return self

    def fetchone(self) -> tuple[str]:
        return ("wal",)


def test_the_switch_to_wal_is_tried_again_while_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(store_db, "_pause", pauses.append)
    conn = Switching(refusals=3)
    store_db._switch_to_wal(conn, deadline=float("inf"))  # type: ignore[arg-type]
    assert conn.tries == 4 and len(pauses) == 3


def test_the_switch_to_wal_gives_up_at_its_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "_pause", lambda seconds: None)
    conn = Switching(refusals=10**9)
    with pytest.raises(dbapi2.OperationalError):
        store_db._switch_to_wal(conn, deadline=0.0)  # type: ignore[arg-type]
    assert conn.tries == 1


def _open_at_once(path: str, start: object, failures: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    try:
        db = store_db.open_encrypted(Path(path), KEY, wait_s=60)
        store_db.close_checkpointed(db, Path(path))
    except Exception as exc:
        failures.put(repr(exc))  # type: ignore[attr-defined]
    else:
        failures.put(None)  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="needs a fork server")
def test_six_processes_creating_one_database_at_once_all_open_it(tmp_path: Path) -> None:
    """Without the retry about one round in a hundred had a process fail (measured: 2 of
    200 rounds of six processes)."""
    # A fork server: forking the test process itself (Qt's threads may be running in it)
    # could copy a lock another thread holds.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    failed: list[str] = []
    for round_ in range(150):
        path = tmp_path / f"round-{round_}.db"
        start = context.Barrier(6)
        failures = context.Queue()
        procs = [
            context.Process(target=_open_at_once, args=(str(path), start, failures))
            for _ in range(6)
        ]
        for p in procs:
            p.start()
        outcomes = [failures.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        failed += [o for o in outcomes if o]
    assert failed == []
