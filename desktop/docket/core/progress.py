"""How long work tells how far it got, and the moments it must not be interrupted.

A long operation (packing, exporting, merging) takes an optional :data:`Progress`
callback and calls it as it goes: ``progress(stage, done, total)``, ``stage`` a short
phrase ("scanning for PII"), ``total`` None when not known in advance. The callback may
raise (``KeyboardInterrupt`` on Ctrl+C, or to cancel): the operation then stops before it
wrote anything, since every verb writes its files at the end, each through a temporary
file renamed into place, inside :func:`held_interrupts`. The command line draws the
callback as a progress bar (:mod:`docket.cli.progress`); nothing below it knows how.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

Progress = Callable[[str, int, "int | None"], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """A :data:`Progress` that says nothing."""


@contextlib.contextmanager
def held_interrupts() -> Iterator[None]:
    """Ctrl+C (SIGINT) waits until the block is done, then is delivered as usual: for the
    few moments in which several files are renamed into place or a file and the record of
    it are committed, so that an interruption never leaves half of them. Only the main
    thread receives signals; elsewhere (or nested) this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None or getattr(previous, "_docket_holding", False):
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    hold._docket_holding = True  # type: ignore[attr-defined]
    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            # Delivered now to whatever handled it before (Python's raises
            # KeyboardInterrupt; a window's own handler does what it does).
            signal.raise_signal(signal.SIGINT)
