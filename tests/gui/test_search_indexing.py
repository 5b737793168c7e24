"""The window indexes tasks for search a few at a time while idle (docket.ui.search_indexing)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from pytestqt.qtbot import QtBot

from docket.errors import WorkspaceLockedError
from docket.ui.search_indexing import SearchIndexing


class FakeWorkspace:
    def __init__(self, waiting: int, locked_after: int | None = None) -> None:
        self.waiting = waiting
        self.calls: list[int | None] = []
        self.locked_after = locked_after

    def index_search(self, limit: int | None = None) -> int:
        self.calls.append(limit)
        if self.locked_after is not None and len(self.calls) > self.locked_after:
            raise WorkspaceLockedError("locked")
        self.waiting = max(0, self.waiting - (limit or self.waiting))
        return self.waiting


def test_slices_until_nothing_waits(qtbot: QtBot) -> None:
    workspace = FakeWorkspace(50)
    indexing = SearchIndexing(workspace)
    indexing.start_soon(0)
    qtbot.waitUntil(lambda: indexing.remaining == 0)
    assert all(limit is not None and limit >= 1 for limit in workspace.calls)
    assert len(workspace.calls) >= 2  # in slices, not all at once
    assert not indexing.active()


def test_a_locked_workspace_stops_the_slices(qtbot: QtBot) -> None:
    workspace = FakeWorkspace(10**6, locked_after=2)
    indexing = SearchIndexing(workspace)
    indexing.start_soon(0)
    qtbot.waitUntil(lambda: len(workspace.calls) == 3)
    qtbot.waitUntil(lambda: not indexing.active())
    assert indexing.remaining is None
    indexing.start_soon(0)  # unlocked again: it goes on
    qtbot.waitUntil(lambda: len(workspace.calls) == 4)
    indexing.stop()


def test_a_move_postpones_the_next_slice(qtbot: QtBot) -> None:
    workspace = FakeWorkspace(10**6)
    indexing = SearchIndexing(workspace)
    indexing.start_soon(5)
    indexing.postpone(400)  # a move: the slice due in 5 ms waits
    assert indexing.active() and indexing._timer.remainingTime() > 300
    indexing.start_soon(1000)
    indexing.postpone(400)  # a slice due later than that keeps its time
    assert indexing._timer.remainingTime() > 900
    indexing.stop()
    indexing.postpone(400)  # nothing due: nothing starts
    assert not indexing.active()
    assert workspace.calls == []
