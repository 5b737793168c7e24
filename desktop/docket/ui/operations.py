"""Background work for the window: one operation at a time, off the UI thread, with a
progress dialog and callbacks on success and failure.

In the manner of Anki's ``CollectionOp``: the caller names the work and what to do with
its outcome; nothing waits in a nested event loop, and nobody needs a re-entry flag. The
runner knows whether work is under way (:meth:`Operations.busy`), and whatever must not
overlap it (locking the window, another import) asks :meth:`Operations.when_idle` to run
right after.

Background work (typesetting the formulas of new tasks) runs the same way without a
dialog: its progress goes to an ``on_progress`` callback (the window shows it in the
status bar), and it gives way to anything else: whatever waits for the runner to be
idle (locking, an import, closing the window) stops it at its next stage, waits for
that there and then, and runs at once (a lock is not postponed by background work).

The work function runs on a worker thread and gets a ``progress(stage, fraction)``
callback; once the dialog's Cancel is pressed, that callback raises
:class:`~docket.errors.ImportCancelledError`, so work that reports progress stops at its
next stage (and an import commits nothing). A :class:`~docket.errors.DocketError` goes to
``on_failure`` with its message; any other exception is a bug, reported the same way so
the window never hangs on it.
"""

from __future__ import annotations

import atexit
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from docket.errors import DocketError, ImportCancelledError
from docket.ui.i18n import translate

Progress = Callable[[str, float], None]
Work = Callable[[Progress], Any]

STOP_WAIT_MS = 10_000
"""How long stopping background work (locking, closing) waits for its thread: its work
is told to stop at once (``on_stop``), so this bound is only ever reached by a bug. A
thread still running then is kept (never destroyed while it runs) and left behind."""
_LEFT_BEHIND: list[tuple[QThread, _Worker]] = []


class _Worker(QObject):
    """Runs the work on its thread; its signals reach the runner queued, in the UI thread."""

    progressed = Signal(str, float)
    """A stage of the work began: its name and the fraction done."""
    finished = Signal(object, object, object)
    """The work ended: ``(worker, result, None)`` or ``(worker, None, error)``. The worker
    travels with its outcome so the runner can tell a run it already ended (stopped
    background work) from the current one even after that worker is gone (``sender()``
    is then None)."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.cancelled = False
        self.outcome: tuple[Any, DocketError | None] = (
            None,
            ImportCancelledError(translate("operations", "Cancelled.")),
        )
        """What ``finished`` carries, also kept here (for a runner that waited for it)."""

    def progress(self, stage: str, fraction: float) -> None:
        if self.cancelled:
            raise ImportCancelledError(translate("operations", "Cancelled."))
        self.progressed.emit(stage, fraction)

    @Slot()
    def run(self) -> None:
        try:
            result, error = self.work(self.progress), None
        except DocketError as exc:
            result, error = None, exc
        except Exception as exc:  # a bug: still end the operation, and say what happened
            result = None
            error = DocketError(
                translate(
                    "operations", "The operation failed unexpectedly ({kind}: {error})."
                ).format(kind=type(exc).__name__, error=exc)
            )
        self.outcome = (result, error)
        self.finished.emit(self, result, error)


class Operations(QObject):
    """The window's runner of background operations."""

    busyChanged = Signal(bool)
    """An operation started (True) or ended (False)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None
        self._callbacks: tuple[Callable[[Any], None], Callable[[DocketError], None]] | None = None
        self._on_progress: Callable[[str, float], None] | None = None
        self._on_stop: Callable[[], None] | None = None
        self._background = False
        self._idle: list[Callable[[], None]] = []
        # A program that ends without closing the window (a script, a benchmark) must not
        # leave a worker thread running: Qt aborts the process when one is destroyed so.
        ref = weakref.ref(self)
        atexit.register(lambda: _wait_at_exit(ref))

    def busy(self) -> bool:
        return self._thread is not None

    def background(self) -> bool:
        """Whether the running operation is background work (which gives way)."""
        return self.busy() and self._background

    def cancel(self) -> None:
        """Ask the running operation to stop at its next stage."""
        self._cancel()

    def run(
        self,
        title: str,
        label: str,
        work: Work,
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[DocketError], None],
        background: bool = False,
        on_progress: Callable[[str, float], None] | None = None,
        on_stop: Callable[[], None] | None = None,
    ) -> bool:
        """Start ``work`` on a worker thread behind a cancellable progress dialog (or,
        ``background``, with no dialog: progress goes to ``on_progress`` only); False
        (and nothing started) while another operation runs. ``on_stop`` (background work)
        is called, from this thread, when the work must give way: it ends what the work
        waits on (a worker process), so that nothing waits for its next stage."""
        if self.busy():
            return False
        dialog = None
        if not background:
            dialog = QProgressDialog(label, translate("operations", "Cancel"), 0, 100, self._parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self._cancel)
        worker = _Worker(work)
        thread = QThread()
        worker.moveToThread(thread)
        # Bound slots of this UI-thread object: the worker's signals arrive queued here.
        worker.progressed.connect(self._progressed)
        worker.finished.connect(self._finished)
        thread.started.connect(worker.run)
        self._thread, self._worker, self._dialog = thread, worker, dialog
        self._callbacks = (on_success, on_failure)
        self._on_progress, self._background = on_progress, background
        self._on_stop = on_stop
        self.busyChanged.emit(True)
        thread.start()
        return True

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now, or right after the running operation has ended; background
        work is stopped first, and then ``callback`` runs at once."""
        if self.busy() and self._background:
            self._stop_background()
        if self.busy():
            self._idle.append(callback)
        else:
            callback()

    def wait(self) -> None:
        """Block until the worker thread ends (closing the window mid-import); background
        work is stopped first."""
        if self._thread is not None and self._background:
            self._stop_background()
        elif self._thread is not None:
            # The thread's event loop would end only when _finished runs on this (now
            # blocked) thread: end it as soon as the work returns.
            self._thread.quit()
            self._thread.wait()

    def _stop_background(self) -> None:
        """Stop background work at its next stage, wait for it, and end it here (its
        ``finished`` signal, still on its way, is then ignored)."""
        worker, thread, on_stop = self._worker, self._thread, self._on_stop
        assert worker is not None and thread is not None
        worker.cancelled = True
        if on_stop is not None:
            on_stop()
        thread.quit()
        _wait_bounded(thread, worker)
        self._finished(worker, *worker.outcome)

    @Slot(str, float)
    def _progressed(self, stage: str, fraction: float) -> None:
        if self._worker is not None and self._worker.cancelled:
            return
        if self._dialog is not None:
            self._dialog.setLabelText(f"{shown_stage(stage)} …")
            self._dialog.setValue(int(fraction * 100))
        if self._on_progress is not None:
            self._on_progress(stage, fraction)

    @Slot()
    def _cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True  # read by the worker at its next stage
        if self._dialog is not None:
            self._dialog.setLabelText(translate("operations", "Cancelling …"))

    @Slot(object, object, object)
    def _finished(self, worker: _Worker, result: Any, error: DocketError | None) -> None:
        if worker is not self._worker:
            return  # a run already ended by _stop_background
        thread, dialog, callbacks = self._thread, self._dialog, self._callbacks
        self._thread = self._worker = self._dialog = self._callbacks = None
        self._on_progress, self._background, self._on_stop = None, False, None
        if thread is not None:
            thread.quit()
            _wait_bounded(thread, worker)
        if dialog is not None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
        self.busyChanged.emit(False)
        if callbacks is not None:
            on_success, on_failure = callbacks
            if error is None:
                on_success(result)
            else:
                on_failure(error)
        idle, self._idle = self._idle, []
        for callback in idle:
            callback()


def _wait_bounded(thread: QThread, worker: _Worker) -> None:
    """Wait for the thread to end, at most :data:`STOP_WAIT_MS`; a thread still running
    then is kept with its worker (Qt ends the process if one is destroyed running)."""
    if not thread.wait(STOP_WAIT_MS):
        _LEFT_BEHIND.append((thread, worker))


def _wait_at_exit(ref: weakref.ReferenceType[Operations]) -> None:
    ops = ref()
    try:
        if ops is not None:
            if ops.busy():
                ops.cancel()
            ops.wait()
    except RuntimeError:  # the runner's Qt object is gone already: so is its thread
        pass


def shown_stage(stage: str) -> str:
    """A stage's name (the workspace's, marked as a core template) in the interface's
    language."""
    return translate("core_texts", stage)
