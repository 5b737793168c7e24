"""Indexing the workspace's tasks for search while the reviewer works.

A search answers from the trigram index inside the encrypted database
(:meth:`docket.Workspace.search`); a task imported since is folded and indexed first,
about a millisecond a task of three real responses. So that the first search after a
large import is at once too, the window indexes the tasks a few at a time while it is
idle: slices of about :data:`SLICE_MS` with :data:`PAUSE_MS` between them, starting a
little after the window has opened (out of the way of its first paint).
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from docket.errors import DocketError

SLICE_MS = 10
"""How long one slice of indexing may take (inside a frame)."""
PAUSE_MS = 6
"""The pause between two slices: the window handles input and paints meanwhile (a slice
and a pause make a 60 Hz frame)."""
START_MS = 1500
"""How long after the window opens (or an import ends) indexing starts."""
AFTER_MOVE_MS = 60
"""No slice runs sooner than this after a move to another task: the move paints first,
and the window reads the next task ahead (a slice due meanwhile waits its turn)."""


class Indexable(Protocol):
    def index_search(self, limit: int | None = None) -> int: ...


class SearchIndexing(QObject):
    """Calls ``index_search`` in short slices until nothing is left to index."""

    def __init__(self, workspace: Indexable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._batch = 4  # tasks a slice; adapted so that a slice takes about SLICE_MS
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)
        self.remaining: int | None = None
        """Tasks still to index after the last slice (None: not known yet)."""

    def start_soon(self, delay_ms: int = START_MS) -> None:
        """Index what is waiting, starting in ``delay_ms``."""
        self._timer.start(delay_ms)

    def postpone(self, delay_ms: int = AFTER_MOVE_MS) -> None:
        """The reviewer moved to another task: the slice due next waits at least
        ``delay_ms`` (nothing changes when none is due)."""
        if self._timer.isActive() and self._timer.remainingTime() < delay_ms:
            self._timer.start(delay_ms)

    def stop(self) -> None:
        """No more slices (the window locks or closes) until :meth:`start_soon`."""
        self._timer.stop()

    def active(self) -> bool:
        return self._timer.isActive()

    def _slice(self) -> None:
        start = time.perf_counter()
        try:
            self.remaining = self._workspace.index_search(self._batch)
        except DocketError:  # the workspace is closed or failed: try again later
            self.remaining = None
            return
        spent_ms = (time.perf_counter() - start) * 1000
        # Aim at SLICE_MS a slice: more tasks when they were quick, fewer when not.
        per_task = spent_ms / max(1, self._batch)
        self._batch = max(1, min(200, int(SLICE_MS / max(per_task, 0.01))))
        if self.remaining:
            self._timer.start(PAUSE_MS)
