"""Tasks as the rows a workspace stores: one definition, used where the rows are built.

An import builds these rows either beside the database (a small bundle, ``load_tasks``)
or in the process that reads a large bundle (:mod:`docket.import_worker`), which sends
them ready to write: nothing here touches a database, so both build the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec

from docket.core.pii import Finding, Severity
from docket.core.rules import canonical_json
from docket.core.schema import Schema
from docket.core.suggestion_checks import suggestion_problem
from docket.core.suggestions import Suggestion
from docket.core.tasks import Task
from docket.errors import BundleError

TASK_COLUMNS = (
    "id", "bundle_id", "position", "prompt", "conversation", "schema_id", "meta", "documents",
    "spans", "search_text", "pii",
)  # fmt: skip
"""The columns of a task row, in the order of :attr:`TaskRows.tasks`' tuples."""

Suggested = dict[str, list[tuple[int, Suggestion]]]
"""Suggestions by task id, each with its place in the bundle (taken out as written)."""


@dataclass(slots=True)
class TaskRows:
    """A batch of tasks as rows: ``tasks`` in :data:`TASK_COLUMNS` order, ``responses``
    (task id, response id, position, text, model), ``schemas`` (id, body) by id, and
    ``suggestions`` (task id, agent, position, body)."""

    ids: list[str] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[str, str, int, str, str | None]] = field(default_factory=list)
    schemas: dict[str, tuple[str, str]] = field(default_factory=dict)
    suggestions: list[tuple[str, str, int, str]] = field(default_factory=list)


def suggestions_by_task(suggestions: Sequence[Suggestion]) -> Suggested:
    """Suggestions by task, with their place in the bundle; one per agent and task."""
    out: Suggested = {}
    for position, s in enumerate(suggestions):
        group = out.setdefault(s.task, [])
        if any(other.agent == s.agent for _, other in group):
            raise BundleError(
                f"Suggestion {position + 1} ({s.agent} on task {s.task!r}) is the second "
                "from that agent for that task."
            )
        group.append((position, s))
    return out


def unclaimed_suggestion(suggested: Suggested) -> BundleError | None:
    """The error for suggestions left once every task was written: they name a task that
    is not in the bundle."""
    if not suggested:
        return None
    position, s = min((p for group in suggested.values() for p in group), key=lambda p: p[0])
    return BundleError(
        f"Suggestion {position + 1} ({s.agent} on task {s.task!r}) names a task "
        "that is not in this bundle."
    )


_SORTED_JSON = msgspec.json.Encoder(order="sorted")


def findings_json(findings: Sequence[Finding]) -> str:
    """``canonical_json([f.to_json() for f in findings])`` (how a workspace stores a
    task's findings), three times faster for findings as a bundle carries them: plain
    values, confidences already rounded to 3 places in [0, 1]. msgspec encodes those
    (fields in sorted order) exactly as :func:`~docket.core.rules.canonical_json`
    spells them (a property test holds the two equal); any other finding, whose values
    it might spell otherwise (a number written with an exponent, a bool), goes through
    ``canonical_json`` itself."""
    for f in findings:
        confidence = f.confidence
        if not (
            type(confidence) is float
            and 0.0 <= confidence <= 1.0
            and round(confidence, 3) == confidence
            and type(f.start) is int
            and type(f.end) is int
            and type(f.type) is str
            and type(f.target) is str
            and type(f.severity) is Severity
        ):
            return canonical_json([f.to_json() for f in findings])
    return _SORTED_JSON.encode(findings).decode()


def task_rows(
    bundle_id: str, tasks: Sequence[tuple[Task, Schema]], base: int, suggested: Suggested
) -> TaskRows:
    """The rows of ``tasks`` (positions from ``base``), with their suggestions taken out
    of ``suggested``, each checked against its task's form (a :class:`BundleError`)."""
    out = TaskRows()
    schema_ids: dict[int, str] = {}
    for offset, (task, schema) in enumerate(tasks):
        schema_id = schema_ids.get(id(schema))
        if schema_id is None:
            body = schema.dumps()
            schema_id = hashlib.sha256(body.encode()).hexdigest()
            schema_ids[id(schema)] = schema_id
            out.schemas[schema_id] = (schema_id, body)
        out.ids.append(task.id)
        # Empty lists spelled as canonical_json spells them without calling it (most
        # tasks carry no documents or spans).
        out.tasks.append(
            (
                task.id,
                bundle_id,
                base + offset,
                task.prompt,
                # A role is a str enum: its JSON is its value's, spelled without the
                # enum's .value (a property: a call per turn).
                canonical_json([[t.role, t.content] for t in task.conversation]),
                schema_id,
                canonical_json(task.meta) if task.meta else "{}",
                canonical_json([d.to_json() for d in task.documents]) if task.documents else "[]",
                canonical_json([sp.to_json() for sp in task.spans]) if task.spans else "[]",
                None,  # search_text: folded on the first search (ReviewStore.search)
                None if task.pii is None else findings_json(task.pii),
            )
        )
        out.responses.extend(
            [(task.id, r.id, i, r.text, r.model) for i, r in enumerate(task.responses)]
        )  # a list, not a generator: half the time
        for position, s in suggested.pop(task.id, []) if suggested else ():
            texts = {r.id: r.text for r in task.responses}
            problem = suggestion_problem(s.answers, schema, task.response_ids, texts)
            if problem is not None:
                raise BundleError(
                    f"Suggestion {position + 1} ({s.agent} on task {s.task!r}) does not "
                    f"fit the task's form: {problem}."
                )
            out.suggestions.append((s.task, s.agent, position, canonical_json(s.to_json())))
    return out
