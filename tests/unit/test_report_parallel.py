"""The report on both cores (docket.server.report_parallel): the reads in threads and the
sections drawn by a forked child give the plain path's report byte for byte, and an error
(Ctrl+C) leaves no thread, no query and no child process behind."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.bundles import keys
from docket.server import report_facts, report_parallel
from docket.server.merged_store import MergedStore
from docket.server.report_parallel import Reads, forked, parallel_reads
from docket.server.sql import SqliteDb

# Counted up to 10^10: minutes of work, unless it is interrupted.
ENDLESS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) "
    "SELECT count(*) FROM c"
)


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "docket-report-read"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MergedStore]:
    keys.write_key_pair(keys.generate("server"), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    opened = MergedStore.open(tmp_path / "merged.db", server)
    yield opened
    opened.close()


def test_small_databases_are_read_on_one_connection(store: MergedStore) -> None:
    with parallel_reads(store.db, None) as reads:
        assert reads is None
    assert not _readers()


def test_an_error_interrupts_the_reads_and_joins_their_threads(store: MergedStore) -> None:
    started = threading.Event()

    def endless(db: Any) -> Any:
        started.set()
        return db.execute(ENDLESS).fetchone()

    submitted: list[Any] = []

    def interrupted(db: SqliteDb) -> None:
        with Reads(db) as reads:
            submitted.append(reads)
            submitted.append(reads.submit(endless))
            reads.start()
            assert started.wait(30)
            raise KeyboardInterrupt  # as Ctrl+C while the caller reads beside them

    assert isinstance(store.db, SqliteDb)
    begun = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        interrupted(store.db)
    assert time.monotonic() - begun < 30
    reads, future = submitted
    assert not _readers()
    assert future.exception() is not None  # interrupted, not finished
    with pytest.raises(report_parallel.Cancelled):
        reads.submit(endless)  # closed: nothing more starts


def test_a_read_that_fails_raises_where_its_result_is_wanted(store: MergedStore) -> None:
    with Reads(store.db) as reads:  # type: ignore[arg-type]
        future = reads.submit(lambda db: db.execute("SELECT * FROM no_such_table").fetchall())
        with pytest.raises(Exception, match="no_such_table"):
            reads.wait(future)
    assert not _readers()


def test_reads_run_by_rank_once_started_and_what_never_started_is_dropped(
    store: MergedStore,
) -> None:
    ran: list[str] = []

    def read(name: str) -> Any:
        return lambda db: ran.append(name) or db.execute("SELECT 1").fetchone()[0]

    with Reads(store.db) as reads:  # type: ignore[arg-type]
        last = reads.submit(read("coverage"), rank=report_parallel.LAST)
        archive = reads.submit(read("archive"), rank=report_parallel.ARCHIVE)
        first = reads.submit(read("half"))
        assert not _readers() and not ran  # nothing runs before it is started
        assert reads.wait(last) == 1
        assert reads.wait(first) == reads.wait(archive) == 1
        assert ran == ["archive", "half", "coverage"]
    with Reads(store.db) as reads:  # type: ignore[arg-type]
        never = reads.submit(read("never"))
    assert never.cancelled()
    assert ran == ["archive", "half", "coverage"]
    assert not _readers()


def test_forked_sections_come_back_in_order() -> None:
    here, there = forked(
        [lambda: "a", lambda: "b"], [lambda: f"c{os.getpid()}", lambda: "d" * 300_000]
    )
    assert here == ["a", "b"]
    assert there[0] != f"c{os.getpid()}"  # written by the child
    assert there[1] == "d" * 300_000  # more than a pipe holds at once


def test_a_child_that_fails_is_done_again_here_and_raises_here() -> None:
    def broken() -> str:
        raise ValueError("no plot")

    with pytest.raises(ValueError, match="no plot"):
        forked([lambda: "a"], [broken])


def test_an_error_here_kills_the_child(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"

    def stuck() -> str:
        (tmp_path / "child.tmp").write_text(str(os.getpid()))
        (tmp_path / "child.tmp").rename(pid_file)  # whole, or not there yet
        time.sleep(600)  # a drawing that would never end: the parent must kill it
        return "never"

    def interrupted() -> str:
        deadline = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < deadline:
            threading.Event().wait(0.01)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        forked([interrupted], [stuck])
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):  # killed and reaped: no such process
        os.kill(pid, 0)


_IDS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            _IDS,
            st.integers(0, 3),
            st.one_of(st.none(), _IDS),
            st.one_of(st.none(), _IDS),
            st.one_of(st.integers(0, 10**6), st.just(-1)),
        ),
        max_size=12,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_the_responses_read_as_strings_are_the_rows(
    store: MergedStore, rows: list[tuple[str, int, str | None, str | None, int]]
) -> None:
    """Whatever the ids and models (none, empty, any character), the archive's responses
    read as a few strings are the rows; where the strings cannot say (an id missing), the
    rows are read."""
    db = store.db

    def fill() -> None:
        db.execute("DELETE FROM responses")
        db.executemany(
            "INSERT INTO responses (project, task_id, position, id, model, chars) "
            "VALUES ('p', ?, ?, ?, ?, ?)",
            rows,
        )

    db.write(fill)
    as_rows = db.execute(
        "SELECT task_id, id, model, chars FROM responses WHERE project = 'p' ORDER BY task_id, id"
    ).fetchall()
    read = report_facts._response_strings(db, "p")
    if any(r[2] is None for r in rows):
        assert read is None
    elif not any("\x00" in (r[0] + r[2] + (r[3] or "")) for r in rows):
        assert read == as_rows
    else:  # SQLite's text functions stop at a NUL: the rows are read instead
        assert read in (None, as_rows)
    if not any(r[2] is None for r in rows):
        assert report_facts._responses(db, "p") == report_facts._responses_of_rows(as_rows)
