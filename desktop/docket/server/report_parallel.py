"""``docket report`` on both cores: reads in threads, plots in a forked process.

A report over a million answers spends most of its time in two places that one core does
one after the other and two cores can share:

- reading the store: SQLite releases the GIL while it steps through a query, so queries
  on a connection of its own (:meth:`docket.server.sql.SqliteDb.reader`), in a thread
  (:class:`Reads`), run beside the caller's own query: the archive's responses, then
  part of the answer facts while the caller reads the rest;
- drawing the plots: matplotlib holds the GIL, so half of the report's sections are
  written by a child process forked once the figures are computed (:func:`forked`), which
  inherits them and sends back only its HTML.

Both give exactly what the plain path gives (the tests compare the report byte for byte)
and both fall back to it: on one core, without ``os.fork``, on the team store (reads), or
for a small database (:func:`worth_reading_in_parallel`), where the plain path is as
fast. Ctrl+C stops the threads' queries (``sqlite3_interrupt``) and kills the child
before the error goes on: nothing is left running.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar

from docket.server.sql import Db, SqliteDb

T = TypeVar("T")

PARALLEL_FROM_BYTES = 64 * 1024 * 1024
"""The size of a database file below which its report reads it on one connection: a
store of some ten thousand answers is read in a fraction of a second, where a thread and
a connection would be all the gain."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_reading_in_parallel(db: Db) -> bool:
    """Whether reading ``db`` in threads beside the caller can pay: an SQLCipher file of
    at least :data:`PARALLEL_FROM_BYTES` that can be opened again, on two cores or more."""
    if not isinstance(db, SqliteDb) or cores() < 2:
        return False
    try:
        return os.path.getsize(db.file) >= PARALLEL_FROM_BYTES
    except OSError:
        return False


class Cancelled(Exception):
    """A read given up because its :class:`Reads` was closed before it ran."""


ARCHIVE, FACTS, LAST = 0, 1, 2
"""The order :class:`Reads` runs what it is given: the archive's responses (600,000 rows
at a million answers, each taking the GIL to become a tuple, so read while the caller's
own query leaves the GIL free, not while it counts), the share of the answer facts read
beside the caller's, then the rest (wanted at the end)."""


class Reads:
    """Queries run one after the other in a thread of its own, on a connection of its own
    to the same database, while the caller goes on with its own: :meth:`submit` queues
    one and returns a future the caller waits for (:meth:`wait`) where it needs it. One
    thread beside the caller, not one per query: two cores are two threads, and more
    would only take turns with each other (and with the GIL).

    The thread starts at :meth:`start` (or the first :meth:`wait`), so that what is
    queued before runs in the order of its ``rank``, not in the order it was asked for.
    :meth:`close` (the end of a ``with``) drops what has not started and waits for the
    thread; when the caller leaves on an error (Ctrl+C), the query still running is
    interrupted first (``sqlite3_interrupt``)."""

    def __init__(self, db: SqliteDb) -> None:
        self._db = db
        self._ready = threading.Condition()
        self._queue: list[tuple[int, int, Callable[[Db], Any], Future[Any]]] = []
        self._count = 0
        self._thread: threading.Thread | None = None
        self._reader: SqliteDb | None = None
        self._stopping = False

    def submit(self, work: Callable[[Db], T], *, rank: int = FACTS) -> Future[T]:
        """Queue ``work(connection)``; it runs after whatever has a lower ``rank``."""
        future: Future[T] = Future()
        with self._ready:
            if self._stopping:
                raise Cancelled("the reads were closed")
            self._count += 1
            heapq.heappush(self._queue, (rank, self._count, work, future))
            self._ready.notify()
        return future

    def start(self) -> None:
        """Start the thread (once)."""
        with self._ready:
            if self._thread is not None or self._stopping:
                return
            self._thread = threading.Thread(
                target=self._run, name="docket-report-read", daemon=True
            )
            self._thread.start()

    def wait(self, future: Future[T]) -> T:
        """The result of a queued read (the thread started first if need be)."""
        self.start()
        return future.result()

    def _run(self) -> None:
        try:
            with self._ready:
                if self._stopping:
                    return
                self._reader = self._db.reader()
            while True:
                with self._ready:
                    while not self._queue and not self._stopping:
                        self._ready.wait()
                    if self._stopping or self._reader is None:
                        return
                    _, _, work, future = heapq.heappop(self._queue)
                if not future.set_running_or_notify_cancel():  # pragma: no cover
                    continue
                try:
                    future.set_result(work(self._reader))
                except BaseException as exc:  # handed to the waiting caller
                    future.set_exception(exc)
        finally:
            with self._ready:
                reader, self._reader = self._reader, None
                for _, _, _, future in self._queue:
                    future.cancel()
                self._queue.clear()
            if reader is not None:
                reader.conn.close()  # a reader: nothing to checkpoint

    def close(self, *, interrupt: bool = False) -> None:
        """Drop what has not started and wait for the thread; ``interrupt``: stop the
        query it runs first."""
        with self._ready:
            self._stopping = True
            thread = self._thread
            for _, _, _, future in self._queue:
                future.cancel()
            self._queue.clear()
            self._ready.notify_all()
        while thread is not None and thread.is_alive():
            if interrupt:
                with self._ready:
                    if self._reader is not None:
                        self._reader.conn.interrupt()
            thread.join(0.05 if interrupt else None)

    def __enter__(self) -> Reads:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(interrupt=kind is not None)


@contextlib.contextmanager
def parallel_reads(db: Db, parallel: bool | None) -> Iterator[Reads | None]:
    """:class:`Reads` of ``db`` where they can pay (``parallel``: ``None`` to decide by
    :func:`worth_reading_in_parallel`, ``True`` wherever the database can be opened
    again, ``False`` never), else ``None``."""
    wanted = worth_reading_in_parallel(db) if parallel is None else parallel
    if not wanted or not isinstance(db, SqliteDb) or not db.reopenable:
        yield None
        return
    with Reads(db) as reads:
        yield reads


def result(reads: Reads | None, future: Future[T] | None, fallback: Callable[[], T]) -> T:
    """The future's result, or ``fallback()`` where there is no future."""
    if reads is None or future is None:
        return fallback()
    return reads.wait(future)


# --- the sections of the report in a forked child -------------------------------------------


def can_fork() -> bool:
    """Whether plots can be drawn in a forked child: Linux (macOS's system libraries are
    not safe to use after ``fork``), two cores or more, and no thread but this one."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and cores() >= 2
        and threading.active_count() == 1
    )


def forked(
    mine: Sequence[Callable[[], str]], theirs: Sequence[Callable[[], str]]
) -> tuple[list[str], list[str]]:
    """``[f() for f in mine]`` here and ``[f() for f in theirs]`` in a child forked for
    them, at the same time. Where the child fails (it cannot fork, it raised, it died),
    its share is computed here after all, so that an error is raised as the plain path
    raises it. The child's output comes back pickled through a pipe; the child is
    waited for (and killed first if this process leaves on an error)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [f() for f in mine], [f() for f in theirs]
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        _child(theirs, read_end, write_end)
    os.close(write_end)
    done = False
    try:
        here = [f() for f in mine]
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        done = True
    finally:
        if not done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.close(read_end)
        _, status = os.waitpid(pid, 0)
    there: list[str] | None = None
    if os.waitstatus_to_exitcode(status) == 0 and data:
        with contextlib.suppress(Exception):
            loaded = pickle.loads(data)  # our own child's output
            if isinstance(loaded, list) and len(loaded) == len(theirs):
                there = loaded
    if there is None:
        there = [f() for f in theirs]
    return here, there


def _child(  # pragma: no cover - the child (coverage does not follow it)
    work: Sequence[Callable[[], str]], read_end: int, write_end: int
) -> None:
    """The forked child: compute, write, leave without running the parent's exit handlers
    or flushing its buffers (``os._exit``)."""
    code = 1
    try:
        os.close(read_end)
        data = pickle.dumps([f() for f in work], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # the parent computes it again, and raises
        pass
    finally:
        os._exit(code)
