"""Ending a worker process, shared by the import's and the merge's second process: both
hand their work over a pipe and must never leave a process behind, whatever happened."""

from __future__ import annotations

from typing import Any, Self

END_WAIT_S = 5.0
"""How long a worker is given to end once its part is done, before it is killed."""


def end_worker(process: Any, *, finished: bool) -> None:
    """Reap ``process`` (a ``multiprocessing`` process) before returning: given
    :data:`END_WAIT_S` to end on its own when it has ``finished`` its part, killed at once
    otherwise (a cancel, a failure) or when it has not ended by then."""
    if finished:
        process.join(END_WAIT_S)
    if process.is_alive():
        process.kill()
    process.join()
    process.close()


def how_it_ended(process: Any) -> str:
    """``was killed`` or ``ended (exit code N)``, once ``process`` is gone (waited for up
    to :data:`END_WAIT_S`), for the error that says the worker died."""
    process.join(END_WAIT_S)
    code = process.exitcode
    return "was killed" if code is not None and code < 0 else f"ended (exit code {code})"


class WorkerHandle:
    """What the import's and the merge's worker handles share: the process they started
    (``_process``), used as a context manager that ends it (:meth:`close`) on the way
    out, whatever happened."""

    _process: Any

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid  # type: ignore[no-any-return]

    def close(self) -> None:
        raise NotImplementedError
