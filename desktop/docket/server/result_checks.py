"""What a result may contain, checked against what the server issued, before any of it is
written.

A valid signature proves who sent a result, not that its content is acceptable. The
result carries the task bundle it answers: that bundle's manifest signed by this server
and its sealed section (encrypted to the server, its hash in the signed manifest), which
lists every task issued in it with its response ids and answer form. Every answer is
checked against that list with the validator the review window uses: the task was
issued to this reviewer in this bundle, the display order names exactly the task's
responses, the answers fit the task's form. One failure refuses the whole result, with a
reason naming the task and the field.

The sealed list holds response ids, not texts, so on its own it checks spans only
structurally (a response of the task, whole-number offsets, not empty, a label of the
issued taxonomy, a severity, overlaps as the form allows). ``merge`` also gives the
response texts from the project's task archive (which it requires before any result),
so a span must lie within its response's text and quote exactly the text at its offsets.
The same texts, with the conversation's turns and the source documents, check a ``pii``
answer: each mark must lie within the text it names and quote exactly the text at its
offsets, each dismissal name a text of the task and fall inside it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docket.core.audit_chain import AuditEntry, entry_is_intact
from docket.core.display_order import DisplayOrder
from docket.core.documents import Document
from docket.core.pii import task_texts
from docket.core.rules import canonical_json
from docket.core.schema import PiiQuestion, RewriteQuestion, Schema, SpansQuestion
from docket.core.suggestion_checks import record_problem
from docket.core.suggestions import Suggestion
from docket.core.tasks import Response, Role, Task, TaskStatus, Turn
from docket.core.validation import check_answers
from docket.errors import BundleError, DocketError

MAX_ISSUED_TASKS = 1_000_000


@dataclass(frozen=True, slots=True)
class IssuedTask:
    """A task as the server issued it: its response ids and its answer form."""

    responses: tuple[str, ...]
    schema: Schema

    @classmethod
    def from_stored(cls, task: Mapping[str, Any], schema: Any) -> IssuedTask:
        """From a task as the merged database keeps it (``{"responses": [{"id": ...}]}``)
        and its form's JSON. Raises KeyError, TypeError or a ValueError when unreadable."""
        return cls(tuple(str(r["id"]) for r in task["responses"]), Schema.from_json(schema))


def issued_tasks(sealed: Mapping[str, Any]) -> dict[str, IssuedTask]:
    """The tasks a bundle issued, from its sealed section (``issued``: task id ->
    ``{"responses": [...], "schema": <the form's JSON, or an index into "schemas">}``)."""
    raw = sealed.get("issued")
    if not isinstance(raw, dict):
        raise BundleError(
            "The answered task bundle does not list the tasks it issued (it was packed by an "
            "older Docket), so its answers cannot be checked.",
            hint="Pack the tasks again with this version and have the reviewer answer those.",
        )
    if len(raw) > MAX_ISSUED_TASKS:
        raise BundleError("The answered task bundle lists too many tasks.")
    shared = sealed.get("schemas", [])
    forms: dict[int, Schema] = {}
    out: dict[str, IssuedTask] = {}
    try:
        for task_id, entry in raw.items():
            responses = entry["responses"]
            if (
                not isinstance(responses, list)
                or not responses
                or not all(isinstance(r, str) for r in responses)
                or len(set(responses)) != len(responses)
            ):
                raise ValueError(task_id)
            form = entry["schema"]
            if isinstance(form, int) and not isinstance(form, bool):
                if form not in forms:
                    forms[form] = Schema.from_json(shared[form])
                schema = forms[form]
            elif isinstance(form, str):
                schema = Schema.loads(form)
            else:
                schema = Schema.from_json(form)
            out[str(task_id)] = IssuedTask(tuple(responses), schema)
    except (KeyError, IndexError, TypeError, ValueError, DocketError):
        raise BundleError("The answered task bundle's list of issued tasks is malformed.") from None
    return out


Texts = Callable[[str], Mapping[str, str] | None]
"""task id -> every raw text of the task by target (response id, ``turn:N``,
``document:ID``: :func:`docket.core.pii.task_texts`; None: not known)."""


def archived_texts(task: Mapping[str, Any]) -> dict[str, str]:
    """Every text of a task as the server's archive keeps it (``{"id", "conversation":
    [{role, content}], "responses": [{id, text}], "documents": [{id, text}]}``), by
    target. Raises KeyError, TypeError or ValueError when unreadable."""
    rebuilt = Task(
        str(task["id"]),
        tuple(Turn(Role(t["role"]), str(t["content"])) for t in task.get("conversation") or ()),
        tuple(Response(str(r["id"]), str(r["text"])) for r in task["responses"]),
        documents=tuple(
            Document(str(d["id"]), str(d["text"])) for d in task.get("documents") or ()
        ),
    )
    return task_texts(rebuilt)


Shown = Callable[[str], Mapping[str, Suggestion]]
"""task id -> the AI judges' suggestions its reviewer was shown, by agent."""


def row_problem(
    row: Mapping[str, Any], task: IssuedTask, texts: Mapping[str, str] | None = None
) -> str | None:
    """Why one answer row does not fit the task it answers (None: it fits): the display
    order must name exactly the task's responses, the status be a task status, and the
    answers pass the app's validator (with ``texts``, every text of the task by target,
    spans and a ``pii`` answer are checked against them)."""
    try:
        order = DisplayOrder.from_json(dict(row["display_order"]))
    except (TypeError, ValueError) as exc:
        return f"display_order: {exc}"
    if sorted(order.order) != sorted(task.responses):
        return (
            "display_order names responses the task does not have "
            f"({', '.join(sorted(order.order))})"
        )
    if row["status"] not in _STATUSES:
        return f"status {row['status']!r} is not a task status"
    responses = None if texts is None else {r: texts[r] for r in task.responses if r in texts}
    issues = check_answers(
        task.schema, task.responses, row["answers"], texts=responses, pii_texts=texts
    )
    if issues:
        field, message = issues[0]
        return f"{field or 'answers'}: {message}"
    return None


_STATUSES = frozenset(s.value for s in TaskStatus)


def check_result_rows(
    rows: Sequence[Mapping[str, Any]],
    issued: Mapping[str, IssuedTask],
    *,
    reviewer: str,
    bundle_id: str,
    texts: Texts | None = None,
    shown: Shown | None = None,
) -> None:
    """Raise :class:`BundleError` naming the first answer that the server did not issue or
    that does not fit its task (an adjudication bundle issues the lead's form). ``texts``
    gives a task's texts, looked up only for forms with a spans or a pii question.
    ``shown`` gives the suggestions a task's reviewer saw: a row's ``suggestion`` record
    must hold against them (none shown: no record holds)."""
    pointing: dict[int, tuple[str, ...] | None] = {}
    for row in rows:
        task_id = str(row["task_id"])
        task = issued.get(task_id)
        if task is None:
            raise BundleError(
                f"Task {task_id!r} was not issued to {reviewer} in bundle {bundle_id}; "
                "the whole result is refused."
            )
        known = None
        if texts is not None:
            form = id(task.schema)  # the issued tasks share their forms' objects
            if form not in pointing:
                pointing[form] = _pointing_questions(task.schema)
            if _points_into_texts(row, pointing[form]):
                known = texts(task_id)
        problem = row_problem(row, task, known)
        if problem is None and "suggestion" in row:
            seen = shown(task_id) if shown is not None else {}
            problem = record_problem(row, task.schema, task.responses, seen, known)
        if problem is not None:
            raise BundleError(f"Task {task_id!r}: {problem}.")


def _pointing_questions(schema: Schema) -> tuple[str, ...] | None:
    """The questions whose answers are checked against the task's texts (spans, pii, and
    a rewrite's changes from its base), or None when the form asks for no spans and no
    pii (its texts are then never read)."""
    questions = schema.questions
    if not any(isinstance(q, SpansQuestion | PiiQuestion) for q in questions):
        return None
    return tuple(
        q.id for q in questions if isinstance(q, SpansQuestion | PiiQuestion | RewriteQuestion)
    )


_EMPTY: tuple[Any, ...] = (None, "", [], {})


def _points_into_texts(row: Mapping[str, Any], pointing: tuple[str, ...] | None) -> bool:
    """Whether checking this row reads its task's texts: a form that asks for spans or pii
    and a row that answers one of the questions pointing into them, or records what its
    reviewer did with a suggestion (its answers may hold spans too). An empty answer
    (nothing, "", [], {}) is checked without them, as the validator does."""
    if pointing is None:
        return False
    if "suggestion" in row:
        return True
    answers = row["answers"]
    if not isinstance(answers, Mapping):
        return False
    return any(answers.get(q) not in _EMPTY for q in pointing)


def check_first_answers_recorded(
    rows: Sequence[Mapping[str, Any]],
    audit: Sequence[AuditEntry] | Callable[[], Sequence[AuditEntry]],
    unhashed: frozenset[int] = frozenset(),
) -> None:
    """A row's record of an ``after-answer`` suggestion names the blind first answer: it
    must be an answer the workspace's audit log recorded for that task, at a revision no
    later than the row's (the log is the reviewer's own: this proves the record and the
    log agree, not who typed them). ``audit`` is the whole log, or a function giving it
    (called only when a row holds such a record)."""
    wanted = {
        str(row["task_id"]): row
        for row in rows
        if isinstance(row.get("suggestion"), Mapping)
        and row["suggestion"].get("policy") == "after-answer"
    }
    if not wanted:
        return
    recorded: dict[str, list[AuditEntry]] = {}
    for entry in audit() if callable(audit) else audit:
        if entry.action == "record" and entry.subject in wanted:
            recorded.setdefault(entry.subject, []).append(entry)
    for task_id, row in wanted.items():
        digest = hashlib.sha256(canonical_json(row["suggestion"]["first"]).encode()).hexdigest()
        found = False
        for entry in recorded.get(task_id, []):
            try:
                detail = json.loads(entry.detail)
                hit = detail["answers_sha256"] == digest and int(detail["revision"]) <= int(
                    row["revision"]
                )
            except (ValueError, KeyError, TypeError):
                continue
            if hit and (entry.seq not in unhashed or entry_is_intact(entry)):
                found = True
                break
        if not found:
            raise BundleError(
                f"Task {task_id!r}: suggestion: the first answer is not an answer the result's "
                "audit log recorded before the final one; the whole result is refused."
            )


def check_audit_covers(
    rows: Sequence[Mapping[str, Any]],
    audit: Sequence[AuditEntry],
    unhashed: frozenset[int] = frozenset(),
    *,
    whole: Callable[[], Sequence[AuditEntry]] | None = None,
) -> dict[str, str]:
    """Every answer a result carries must be one its workspace's audit log recorded: the
    task, the revision and the SHA-256 of the answers' canonical JSON. (The log is the
    reviewer's own, signed with the result: this proves the answers and the log agree,
    not who typed them.) Entries in ``unhashed`` were not hashed when the log was read, so
    one relied on here is hashed now. ``audit`` may be the end of the log only (the
    entries after a part verified before): ``whole()`` then gives the whole log, read only
    when an answer is recorded in none of those. Returns each answer's canonical JSON by
    task."""
    # The workspace writes a record's detail as canonical JSON, so the expected detail is
    # compared as a string (no parse per entry); each entry relied on is hashed again.
    recorded = {(e.subject, e.detail): e for e in audit if e.action == "record"}
    bodies: dict[str, str] = {}
    earlier = False
    for row in rows:
        text = canonical_json(row["answers"])
        body = text.encode()
        task_id, revision = str(row["task_id"]), int(row["revision"])
        # canonical_json({"answers_sha256": ..., "revision": ...}), spelled out: one per row.
        detail = f'{{"answers_sha256":"{hashlib.sha256(body).hexdigest()}","revision":{revision}}}'
        entry = recorded.get((task_id, detail))
        if entry is None and whole is not None and not earlier:
            earlier = True  # recorded before the part read: the whole log, once
            recorded = {(e.subject, e.detail): e for e in whole() if e.action == "record"}
            entry = recorded.get((task_id, detail))
        if entry is None or (entry.seq in unhashed and not entry_is_intact(entry)):
            raise BundleError(
                f"Task {task_id!r}: revision {revision} is not in the result's audit log; the "
                "answers and the log disagree."
            )
        bodies[task_id] = text
    return bodies
