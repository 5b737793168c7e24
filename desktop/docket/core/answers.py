"""A saved answer: what the reviewer chose, for which revision, shown in which order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.core.display_order import DisplayOrder


@dataclass(frozen=True, slots=True)
class Answer:
    """One committed revision of a reviewer's answer to a task.

    ``answers`` maps question ids to their JSON values (see :mod:`docket.core.schema`);
    ``display_order`` is the blinded order the reviewer saw; ``revision`` counts up from 1
    per task, so the server keeps the highest.
    """

    task_id: str
    answers: dict[str, Any]
    revision: int
    display_order: DisplayOrder
    saved_at: str
    time_spent_s: float = 0.0
