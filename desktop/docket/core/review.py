"""What the review window shows and changes, as plain data: task-list rows, the state of
an answer being edited, status counts, what an operation changed, and the window's own
per-workspace state (the task to reopen on, where it was scrolled).

These travel from the workspace to the views; nothing here touches a database or Qt.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docket.core.tasks import TaskStatus

ANSWERED = frozenset({TaskStatus.DONE, TaskStatus.FLAGGED})
"""Submitted: what "N / M answered" and the export summary count."""

ADJUDICATION_OUTCOMES = ("final verdict", "needs guideline change")
"""A lead's outcome for a disputed task; the first is the usual one, and pre-filled."""


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One line of the task list: cheap to load for 10,000 tasks."""

    id: str
    position: int
    status: TaskStatus
    preview: str
    time_spent_s: float


@dataclass(frozen=True, slots=True)
class TaskList:
    """Every line of the task list but the previews, column by column: 100,000 tasks
    take a few megabytes, read in one narrow query; a preview is read when its row shows
    (:meth:`docket.store.review.ReviewStore.task_previews`, by key).

    ``keys`` identify rows to the store (the database's row ids), ``ids`` are the task
    ids; each column has one entry per task, in bundle order.
    """

    keys: array[int]
    ids: list[str]
    positions: array[int]
    statuses: list[TaskStatus]
    times: array[float]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def of_rows(cls, rows: Sequence[TaskRow]) -> TaskList:
        """The columns of ``rows`` (keyed by their place in it: for tests and fakes)."""
        return cls(
            array("q", range(len(rows))),
            [r.id for r in rows],
            array("q", (r.position for r in rows)),
            [r.status for r in rows],
            array("d", (r.time_spent_s for r in rows)),
        )


@dataclass(frozen=True, slots=True)
class EditState:
    """The answers to show for a task, and whether undo and redo can move."""

    answers: dict[str, Any]
    can_undo: bool
    can_redo: bool


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """How many tasks are in each status (the export summary and the progress line)."""

    by_status: dict[TaskStatus, int] = field(default_factory=dict)

    @classmethod
    def of(cls, statuses: Iterable[TaskStatus]) -> StatusCounts:
        counts: dict[TaskStatus, int] = {}
        for s in statuses:
            counts[s] = counts.get(s, 0) + 1
        return cls(counts)

    def __getitem__(self, status: TaskStatus) -> int:
        return self.by_status.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def answered(self) -> int:
        return sum(self[s] for s in ANSWERED)


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation changed, for the one broadcast that tells the views to refresh:
    the rows of ``tasks``, or every task (an import) when ``all_tasks``."""

    tasks: frozenset[str] = frozenset()
    all_tasks: bool = False

    @classmethod
    def of_task(cls, task_id: str) -> Changes:
        return cls(frozenset({task_id}))


@dataclass(frozen=True, slots=True)
class ScrollPosition:
    """Where the reviewer left the comparison view of one task: one value per pane."""

    task_id: str
    values: tuple[int, ...]


UI_STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class UiState:
    """The window's state kept in the (encrypted) workspace: task ids are not for a
    plaintext settings file. Typed and versioned; anything unreadable is forgotten."""

    scroll: ScrollPosition | None = None

    def to_json(self) -> str:
        scroll = (
            {"task": self.scroll.task_id, "values": list(self.scroll.values)}
            if self.scroll
            else None
        )
        return json.dumps({"version": UI_STATE_VERSION, "scroll": scroll}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> UiState:
        try:
            data = json.loads(text or "")
        except ValueError:
            return cls()
        if not isinstance(data, dict) or data.get("version") != UI_STATE_VERSION:
            return cls()
        scroll = data.get("scroll")
        if (
            isinstance(scroll, dict)
            and isinstance(scroll.get("task"), str)
            and isinstance(scroll.get("values"), list)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in scroll["values"])
        ):
            return cls(ScrollPosition(scroll["task"], tuple(scroll["values"])))
        return cls()
