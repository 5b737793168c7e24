"""The reading half of a large merge, in a process of its own.

Merging a result bundle is two halves of about equal work on one core: reading it
(decrypting the file, checking the signatures and the section hashes, parsing the
answers and the audit log, hashing the log's new entries, checking every answer against
the form the server issued and against the log) and writing it (the checks that need
the database: the reviewer's chain, a duplicate, a fork, the audit log merged so far,
the highest revision; then the rows, a savepoint per bundle in transactions shared by a
few consecutive bundles). Threads cannot share
them (both halves hold Python's lock), so a merge of many bundles reads them in this
worker, in their order, while the merging process writes the one before
(:func:`docket.server.merge.merge_pipelined`).

Every guarantee of the merge holds as it is. Only the worker reads a file, once: what
it sends is what it verified (the parsed, checked rows; never the file's bytes to be
read again), so a file changed after the worker read it is not merged in its new form.
The merging process writes a bundle only once the worker has sent its whole verdict,
and does, in the bundle's transaction, every check that depends on what is merged
(including those of the audit log the worker took as verified: see
:class:`docket.server.merge.Verifier`). An error in the worker, its death or Ctrl+C
stops the merge between two bundles' transactions: the bundles merged before stay
merged, nothing of the next is written, and the worker is ended and reaped before the
merge returns. The server's secret key reaches the worker through the pipe between the
two processes, never through a file, an argument or the environment. Memory stays
bounded: the worker reads one bundle ahead (sending a bundle's verdict waits until the
merging process takes it).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.result_bundle import AuditPrefix
from docket.core.bulk import paused_gc, retained_heap
from docket.core.imports import import_sqlite_utils_without_dataframes
from docket.core.worker_process import WorkerHandle, end_worker, how_it_ended
from docket.errors import DocketError, MergeWorkerError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["PIPELINE_MIN_BYTES", "MergeWorker", "worth_a_worker"]

PIPELINE_MIN_BYTES = 16 * 1024 * 1024
"""Merges of files of at least this size in all (and of two files or more) read them in
the worker: below it, starting a process costs more than it saves."""
POLL_S = 0.25
AHEAD = 4
"""Verdicts the worker may have made and not yet handed over: on a shared machine the two
processes are rarely on the cores at the same moment, and a few bundles of slack keep
each from waiting on the other (a bundle of a thousand answers is about 0.7 MB)."""
"""How often the merging process, waiting for the worker, looks whether it still runs."""

_HINT = (
    "The bundles merged before it stopped are kept (each in a transaction of its own); "
    "merge the files again: a bundle merged again changes nothing."
)


def worth_a_worker(paths: Sequence[Path]) -> bool:
    """Whether to read ``paths`` in a worker: two files or more, of at least
    :data:`PIPELINE_MIN_BYTES` in all (a file that cannot be read counts nothing), and
    two processors or more for this process."""
    if len(paths) < 2 or _processors() < 2:
        return False
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
        if total >= PIPELINE_MIN_BYTES:
            return True
    return False


def _processors() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class MergeWorker(WorkerHandle):
    """One worker process for one merge: once :meth:`ready`, :meth:`start` has it read
    ``paths`` from an index on, in order, and :meth:`receive` gives each one's verdict
    (:data:`docket.server.merge.Verdict`); :meth:`close` (always: use as a context
    manager) ends it and reaps it, killing it if it has not ended."""

    def __init__(self, server: SecretKey, cards: list[PublicCard], paths: list[Path]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_work, args=(child,), name="docket-merge-reader", daemon=True
        )
        self._paths = len(paths)
        self._left = 0
        self._ready = self._started = False
        self._process.start()
        child.close()  # only the worker holds its end: its death is an end of file here
        try:
            self._conn.send((server, cards, paths))
        except OSError:
            self.close()
            raise self._died() from None

    def ready(self) -> bool:
        """Whether the worker has started (without waiting for it)."""
        if not self._ready and self._conn.poll(0):
            self._ready = self._message()[0] == "ready"
        return self._ready

    def start(self, index: int, merged: dict[str, AuditPrefix]) -> None:
        """Have the worker read the paths from ``index`` on, ``merged`` the longest audit
        log merged of each workspace (:func:`docket.server.merge.merged_prefixes`)."""
        while not self.ready():
            self._wait()
        self._left = self._paths - index
        self._started = True
        try:
            self._conn.send((index, merged))
        except OSError:
            raise self._died() from None

    def ahead(self) -> bool:
        """Whether a verdict is waiting to be received."""
        return self._conn.poll(0)

    def work_out_facts(self, yes: bool) -> None:
        """Have the worker work out the answers' facts (or leave them to the merging
        process) from its next bundle on. A word only: a worker that has read its last
        bundle (and may have ended) does not need it; one that died says so at the next
        :meth:`receive`."""
        with contextlib.suppress(OSError):
            self._conn.send(("facts", yes))

    def receive(self) -> tuple[Any, ...]:
        """The next bundle's verdict; raises :class:`MergeWorkerError` when the worker
        failed or died before sending it."""
        self._wait()
        message = self._message()
        self._left -= 1
        return message

    def _wait(self) -> None:
        while not self._conn.poll(POLL_S):  # an end of file, too, ends the wait
            if not self._process.is_alive():
                break

    def _message(self) -> tuple[Any, ...]:
        try:
            message: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        if message[0] == "error":
            self._left = 0
            raise message[1]
        if message[0] == "failed":
            self._left = 0
            raise MergeWorkerError(
                f"The process reading the result bundles failed: {message[1]}", hint=_HINT
            )
        return message

    def _died(self) -> MergeWorkerError:
        how = how_it_ended(self._process)
        return MergeWorkerError(
            f"The process reading the result bundles {how} before it finished.", hint=_HINT
        )

    def close(self) -> None:
        """End the worker: at once if it was not started or still has bundles to send (a
        cancel, a failure), or once it has sent its last; either way it is reaped before
        this returns."""
        self._conn.close()
        end_worker(self._process, finished=self._started and self._left <= 0)


def _work(conn: Connection) -> None:
    """The worker's whole life: each path's verdict in order, or the error that stopped it."""
    # Ctrl+C on a terminal reaches the whole process group: the merging process decides
    # (it stops between two bundles and ends this worker), not the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    retained_heap()  # bundle after bundle of megabytes decrypted, parsed, pickled and sent
    try:
        server, cards, paths = conn.recv()
        # As the docket command imports it: without pandas and numpy (0.5 s of CPU).
        import_sqlite_utils_without_dataframes()
        from docket.server.merge import Verifier

        conn.send(("ready",))
        start, merged = conn.recv()
    except (EOFError, OSError):  # the merge ended before it began
        return
    outbox = _Outbox(conn)
    try:
        verifier = Verifier(server, cards, merged)
        facts = True
        for path in paths[start:]:
            while conn.poll(0):  # the merging process's word on who works out the facts
                facts = bool(conn.recv()[1])
            # A bundle makes tens of thousands of small objects and no cycles.
            with paused_gc():
                outbox.put(verifier.verdict(path, facts=facts))
    except _Gone:  # the merging process stopped listening (a cancel, an error)
        pass
    except DocketError as exc:  # the merge raises it as a merge in one process would
        with contextlib.suppress(_Gone):
            outbox.put(("error", exc))
    except Exception as exc:  # a bug: said in words, the merge raises it
        with contextlib.suppress(_Gone):
            outbox.put(("failed", "".join(traceback.format_exception_only(exc)).strip()))
    finally:
        outbox.close()
        conn.close()


class _Gone(Exception):
    """The merging process no longer reads what the worker sends."""


class _Outbox:
    """The verdicts on their way, up to :data:`AHEAD` of them: a thread of the worker
    writes them to the pipe (which holds far less than one), so the worker goes on
    reading the next bundles while the merging process is busy, rather than each process
    waiting for the other at every bundle (which, on a machine busy with other work, cost
    more than the second process gave)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._queue: queue.Queue[bytes | None] = queue.Queue(AHEAD)
        self._gone = threading.Event()
        self._thread = threading.Thread(target=self._send, name="docket-merge-outbox", daemon=True)
        self._thread.start()

    def put(self, message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        while True:
            if self._gone.is_set():
                raise _Gone
            try:
                self._queue.put(data, timeout=POLL_S)
                return
            except queue.Full:
                continue

    def _send(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                self._conn.send_bytes(data)
            except OSError:
                self._gone.set()
                return

    def close(self) -> None:
        """Send what is waiting, then end the thread (at once if nobody listens)."""
        while not self._gone.is_set():
            try:
                self._queue.put(None, timeout=POLL_S)
                break
            except queue.Full:
                continue
        self._thread.join(timeout=None if not self._gone.is_set() else 0)
