"""The second pass of a large import, in a process of its own.

Importing a bundle is two passes over its file (see ``Workspace.import_bundle``): the
first decrypts it, hashes every section and checks the signature and the hashes; the
second decrypts it again and stores the tasks inside one transaction that commits only
once those bytes hashed again to the signed value. On one core the second pass is two
equal halves of work: reading (decrypting, hashing, splitting and parsing the lines,
checking every task, building its rows) and writing (SQLite's inserts, page encryption
and authentication). Threads cannot share them (SQLite hands Python's lock back for every
row; taking it back from a busy thread costs more than the second core gives), so for a
large bundle the reading runs in this worker process, started with the import (its
start-up overlaps the first pass), and sends the rows ready to write, a batch at a time,
while the importing process writes them.

Every guarantee of the import holds as it is: the worker gets the bundle only once the
first pass has verified it, the importing process commits only once the worker has
reported that the section hashed to its signed value and that every check passed, and
anything else (an error in the worker, its death, a cancel) rolls the transaction back,
and the worker is ended and reaped before the import returns. The worker is given the
reviewer's secret key (to decrypt the file again) through the pipe between the two
processes, never through a file, an argument or the environment. Memory stays bounded:
the worker builds one batch while the importing process writes the one before (a pipe
holds little: sending a batch waits until it is read).
"""

from __future__ import annotations

import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from docket.bundles.container import LineSplitter
from docket.bundles.envelope import StreamedBundle
from docket.bundles.task_bundle import SEALED, TASKS, TaskReader
from docket.core.bulk import paused_gc, retained_heap
from docket.core.schema import Schema
from docket.core.task_rows import TaskRows, suggestions_by_task, task_rows, unclaimed_suggestion
from docket.core.tasks import Task
from docket.core.worker_process import WorkerHandle, end_worker, how_it_ended
from docket.errors import DocketError, ImportWorkerError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["WORKER_MIN_BYTES", "ImportWorker"]

WORKER_MIN_BYTES = 128 * 1024 * 1024
"""Bundles from this size (the file's) read their tasks in the worker: below it, starting
a process costs more than it saves."""
POLL_S = 0.25
"""How often the importing process, waiting for the worker, looks whether it still runs
(and reports progress, which is where a cancel comes in)."""

_HINT = (
    "Nothing was imported. Import the bundle again; if it fails the same way, the "
    "computer may be short of memory: close other programs first."
)


@dataclass(frozen=True, slots=True)
class _Job:
    """What the worker needs: the verified bundle (its sealed section left out: the
    worker does not need it) and how to number and batch the rows."""

    streamed: StreamedBundle
    bundle_id: str
    base: int
    batch: int
    batch_chars: int


class ImportWorker(WorkerHandle):
    """One worker process for one import: :meth:`produce_rows` hands it the verified
    bundle and passes on the rows it sends; :meth:`close` (always: use as a context
    manager) ends it and reaps it, killing it if it has not ended."""

    def __init__(self) -> None:
        import multiprocessing  # only for a large bundle: not on the window's start path

        context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_work, args=(child,), name="docket-import", daemon=True
        )
        self._answered = False  # the worker sent its last message
        self._process.start()
        child.close()  # only the worker holds its end: its death is an end of file here

    def produce_rows(
        self,
        streamed: StreamedBundle,
        bundle_id: str,
        base: int,
        add_rows: Callable[[TaskRows], None],
        *,
        batch: int,
        batch_chars: int,
        progress: Callable[[int], None],
    ) -> None:
        """Have the worker read the tasks of ``streamed`` again and pass each batch of
        rows to ``add_rows``; ``progress(plaintext bytes read)`` after each (it may raise
        to stop). Returns once the worker has checked the section's hash and every task;
        raises its error otherwise (or :class:`ImportWorkerError` if it died)."""
        opened = streamed.opened
        light = replace(streamed, opened=replace(opened, sections={**opened.sections, SEALED: b""}))
        try:
            self._conn.send(_Job(light, bundle_id, base, batch, batch_chars))
        except OSError:
            raise self._died() from None
        done = [0]  # plaintext bytes read, reported again while waiting (a cancel comes in)
        while True:
            message = self._receive(lambda: progress(done[0]))
            kind = message[0]
            self._answered = kind != "rows"
            if kind == "rows":
                add_rows(message[1])
                done[0] = message[2]
                progress(done[0])
            elif kind == "done":
                return
            elif kind == "error":
                raise message[1]
            else:
                raise ImportWorkerError(
                    f"The process reading the bundle failed: {message[1]}", hint=_HINT
                )

    def _receive(self, waiting: Callable[[], None]) -> tuple[Any, ...]:
        while not self._conn.poll(POLL_S):  # an end of file, too, ends the wait
            if not self._process.is_alive():
                break
            waiting()
        try:
            message: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        return message

    def _died(self) -> ImportWorkerError:
        how = how_it_ended(self._process)
        return ImportWorkerError(
            f"The process reading the bundle {how} before it finished.", hint=_HINT
        )

    def close(self) -> None:
        """End the worker: at once if it is still working (a cancel, a failure), or once
        it has sent its last message; either way it is reaped before this returns."""
        self._conn.close()
        end_worker(self._process, finished=self._answered)


def _work(conn: Connection) -> None:
    """The worker's whole life: one job, its batches, then ``done`` or the error."""
    # Ctrl+C on a terminal reaches the whole process group: the importing process
    # decides (it rolls back and ends this worker), not the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    retained_heap()  # batch after batch of megabytes, built, pickled and sent
    try:
        job: _Job = conn.recv()
    except (EOFError, OSError):  # the import ended before the second pass
        return
    try:
        with paused_gc():  # the tasks form no reference cycles (as for reading a file)
            _read(job, conn)
        message: tuple[Any, ...] = ("done",)
    except DocketError as exc:
        message = ("error", exc)
    except Exception as exc:  # a bug: said in words, the importing process raises it
        message = ("failed", "".join(traceback.format_exception_only(exc)).strip())
    try:
        conn.send(message)
    except OSError:  # the importing process stopped listening (a cancel)
        pass
    finally:
        conn.close()


def _read(job: _Job, conn: Connection) -> None:
    streamed = job.streamed
    reader = TaskReader(streamed.opened)
    suggested = suggestions_by_task(reader.all_suggestions)
    batch: list[tuple[Task, Schema]] = []
    chars = written = done = 0

    def send() -> None:
        nonlocal written, chars
        conn.send(("rows", task_rows(job.bundle_id, batch, job.base + written, suggested), done))
        written += len(batch)
        batch.clear()
        chars = 0

    def add(line: bytes) -> None:
        nonlocal chars
        task, schema = reader.add(line)
        batch.append((task, schema))
        chars += sum(len(r.text) for r in task.responses) + len(task.prompt)
        if len(batch) >= job.batch or chars >= job.batch_chars:
            send()

    lines = LineSplitter(add)

    def write(chunk: memoryview) -> None:
        nonlocal done
        done += len(chunk)  # the tasks' bytes read: nearly all of the plaintext
        lines.write(chunk)

    streamed.replay(TASKS, write)
    lines.close()
    reader.finish()
    done = streamed.plaintext_bytes
    send()
    if (error := unclaimed_suggestion(suggested)) is not None:
        raise error
