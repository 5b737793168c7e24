"""Tasks as reviewers see them: a prompt (or conversation) and two or more responses.

Responses are identified by ids that never depend on screen position. ``model`` is the
server's knowledge: ``docket pack`` keeps it out of reviewers' bundles, so a reviewer's
tasks have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from docket.core.documents import Document
from docket.core.pii import Finding
from docket.core.spans import Span


class Role(StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a conversation."""

    role: Role
    content: str


@dataclass(frozen=True, slots=True)
class Response:
    """One model response. ``model`` is hidden from reviewers (blinding)."""

    id: str
    text: str
    model: str | None = None


class TaskStatus(StrEnum):
    NEW = "new"
    DRAFT = "draft"
    DONE = "done"
    SKIPPED = "skipped"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class Task:
    """A review task: a conversation and the responses to judge.

    ``conversation`` is every turn before the responses; the last user turn is the
    ``prompt`` a task list shows. ``documents`` are the sources a grounded answer was
    written from. ``meta`` carries what the server packed alongside (source row number,
    dataset name); it is never used for blinding-sensitive data. A task usually compares
    two or more responses; one response is enough for a form that grades rather than
    compares (a rubric), which ``docket pack`` checks.
    """

    id: str
    conversation: tuple[Turn, ...]
    responses: tuple[Response, ...]
    status: TaskStatus = TaskStatus.NEW
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    documents: tuple[Document, ...] = ()
    spans: tuple[Span, ...] = ()
    """Prior spans (another round's or a model's), offered to the reviewer as suggestions."""
    pii: tuple[Finding, ...] | None = field(default=None, compare=False, hash=False)
    """PII the detector found when the task was packed (each with its target), or None
    when the task was never scanned (the window then scans it itself)."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a task needs an id")
        if not self.responses:
            raise ValueError(f"task {self.id}: needs at least one response")
        ids = [r.id for r in self.responses]
        if len(set(ids)) != len(ids):
            raise ValueError(f"task {self.id}: response ids must be unique, got {ids}")

    @property
    def prompt(self) -> str:
        """The last user message (what a reviewer reads first)."""
        for turn in reversed(self.conversation):
            if turn.role is Role.USER:
                return turn.content
        return self.conversation[-1].content if self.conversation else ""

    @property
    def response_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.responses)

    def response(self, response_id: str) -> Response:
        for r in self.responses:
            if r.id == response_id:
                return r
        raise KeyError(response_id)
