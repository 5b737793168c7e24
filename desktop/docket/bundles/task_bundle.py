"""Task bundles: what a server sends one reviewer.

Sections: ``tasks.jsonl`` (one normalised task per line: id, conversation, responses with
their ids, and the id of its schema), ``schema.json`` (the answer forms, keyed by id),
``guidelines.md``, and ``sealed.age``: server-only data encrypted to the *server's own*
key. The reviewer carries it back inside result bundles without being able to read it, so
nothing in the bundle marks a gold item as gold. Model names are never written to the
reviewer's sections (only the server's own task archive keeps them, ``models=True``).

The sealed section is a JSON object: ``bundle_id``; what the caller passes (``docket
pack``: ``gold``, ``reference``, ``originals``); and, added here from exactly what the
bundle carries, ``issued`` (per task id: its response ids in bundle order and the index
of its answer form in ``schemas``) and ``schemas`` (the answer forms as JSON), so the
server can tell from a result bundle alone what it issued to that reviewer.

A task bundle may carry ``suggestions.jsonl``: AI judges' suggestions for its tasks, one
:class:`~docket.core.suggestions.Suggestion` per line (in the bundle's response ids), only
for tasks whose answer form shows them (reveal policy ``after-answer`` or ``before``) and
never for a gold item (``docket pack`` keeps every other suggestion in the sealed
section and the server's archive). The reader checks each against its task and form.

A calibration bundle (type ``calibration-task``, ``docket pack --calibration``) also
carries ``calibration.jsonl``: per task, its expected answers and explanation, for the
reviewer to see after answering. It is the only bundle that shows a reviewer expected
answers; every other type is built without that section, and its manifest type (signed by
the server) is what tells the server a result answers a training round.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, BinaryIO

from docket.bundles import age_layer
from docket.bundles.container import ChunkReader
from docket.bundles.envelope import LargeSection, Opened, Section, digests, seal_to
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.manifest import Manifest, Party, iso, sha256, utc_now
from docket.core import safe_json
from docket.core.calibration import Expected
from docket.core.schema import Schema
from docket.core.suggestion_checks import suggestion_problem
from docket.core.suggestions import SHOWN_POLICIES, Suggestion, SuggestionError
from docket.core.task_loading import parse_packed_line, parse_task_row
from docket.core.tasks import Task
from docket.errors import BundleError, SchemaError, TaskFormatError

TASKS, SCHEMAS, GUIDELINES, SEALED = "tasks.jsonl", "schema.json", "guidelines.md", "sealed.age"
REVIEWS = "reviews.jsonl"
CALIBRATION = "calibration.jsonl"
SUGGESTIONS = "suggestions.jsonl"
CALIBRATION_KIND = "calibration-task"


@dataclass(frozen=True, slots=True)
class TaskBundle:
    """The parsed payload of a verified task (or adjudication-task) bundle."""

    tasks: list[tuple[Task, Schema]]
    guidelines: str
    sealed: bytes
    reviews: dict[str, dict[str, Any]]
    """For adjudication: per task id, the reviewers' answers and agreement figures."""
    calibration: dict[str, Expected]
    """For a calibration round: per task id, its expected answers and explanation."""
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)
    """Per task id, the AI judges' suggestions the reviewer is to see (the task's form
    says when: ``Schema.reveal_policy``), in the bundle's response ids."""


def task_row(task: Task, schema_id: str, *, models: bool = False) -> dict[str, Any]:
    """One ``tasks.jsonl`` line; model names only with ``models`` (the server's archive).
    Criteria travel in the task's answer form, documents in the line."""
    row: dict[str, Any] = {
        "id": task.id,
        "conversation": [{"role": t.role.value, "content": t.content} for t in task.conversation],
        "responses": [
            {"id": r.id, "text": r.text} | ({"model": r.model} if models else {})
            for r in task.responses
        ],
        "schema": schema_id,
    }
    if task.documents:
        row["documents"] = [d.to_json() for d in task.documents]
    if task.spans:
        row["spans"] = [s.to_json() for s in task.spans]
    if task.pii is not None:
        row["pii"] = [f.to_json() for f in task.pii]
    return row


def build_task_bundle(
    *,
    tasks: Sequence[tuple[Task, Schema]],
    server: SecretKey,
    reviewer: PublicCard,
    project: str,
    guidelines: str,
    sealed: dict[str, Any],
    expires_days: int | None,
    bundle_id: str | None = None,
    kind: str = "task",
    reviews: Sequence[dict[str, Any]] | None = None,
    models: bool = False,
    calibration: dict[str, Expected] | None = None,
    suggestions: Sequence[Suggestion] = (),
) -> tuple[bytes, Manifest]:
    """Sign and encrypt one reviewer's bundle; returns the file bytes and its manifest
    (:func:`write_task_bundle` with the bytes kept in memory)."""
    out = io.BytesIO()
    manifest = write_task_bundle(
        out,
        tasks=tasks,
        server=server,
        reviewer=reviewer,
        project=project,
        guidelines=guidelines,
        sealed=sealed,
        expires_days=expires_days,
        bundle_id=bundle_id,
        kind=kind,
        reviews=reviews,
        models=models,
        calibration=calibration,
        suggestions=suggestions,
    )
    return out.getvalue(), manifest


def write_task_bundle(
    out: BinaryIO,
    *,
    tasks: Sequence[tuple[Task, Schema]],
    server: SecretKey,
    reviewer: PublicCard,
    project: str,
    guidelines: str,
    sealed: dict[str, Any],
    expires_days: int | None,
    bundle_id: str | None = None,
    kind: str = "task",
    reviews: Sequence[dict[str, Any]] | None = None,
    models: bool = False,
    calibration: dict[str, Expected] | None = None,
    suggestions: Sequence[Suggestion] = (),
) -> Manifest:
    """Sign and encrypt one reviewer's bundle into ``out``; returns its manifest.
    ``tasks.jsonl`` is written as it is encrypted (serialised twice: once to hash it for
    the manifest, once to write it), so a bundle of any size is never held in memory.

    ``models`` keeps the responses' model names in ``tasks.jsonl``: only for the server's
    own task archive, never for a bundle that leaves the server. ``calibration`` (every
    task's expected answers) is given exactly for a ``calibration-task`` bundle.
    ``suggestions`` are shown to the reviewer: each for a task of the bundle whose form
    shows suggestions, none for a gold item (``sealed["gold"]``); the server's archive
    (``models``) keeps every one."""
    if (calibration is not None) != (kind == CALIBRATION_KIND):
        raise ValueError("expected answers travel in calibration bundles only")
    schemas: dict[str, Any] = {}
    index: dict[str, int] = {}
    issued: dict[str, dict[str, Any]] = {}
    schema_ids: dict[int, str] = {}  # by id(schema): tasks share their form objects
    forms: dict[str, Schema] = {}
    # One pass over the tasks for what the sealed section and the manifest need (the
    # lines' hash among them); the lines are serialised again as they are encrypted.
    digest, length = hashlib.sha256(), 0
    for task, schema in tasks:
        schema_id = schema_ids.get(id(schema))
        if schema_id is None:
            schema_id = schema_ids[id(schema)] = sha256(schema.dumps().encode())[:16]
            if schema_id not in schemas:
                schemas[schema_id] = schema.to_json()
        issued[task.id] = {
            "responses": list(task.response_ids),
            "schema": index.setdefault(schema_id, len(index)),
        }
        if suggestions:
            forms[task.id] = schema
        line = _task_line(task, schema_id, models)
        digest.update(line)
        length += len(line)
    if calibration is not None and set(calibration) != set(issued):
        raise ValueError("a calibration bundle carries the expected answer of every task")
    gold = sealed.get("gold") or {}
    for suggestion in suggestions:
        form = forms.get(suggestion.task)
        if form is None or (
            not models and (suggestion.task in gold or form.reveal_policy not in SHOWN_POLICIES)
        ):
            raise ValueError(
                f"the suggestion for {suggestion.task!r} may not travel to a reviewer "
                "(not a task of the bundle, a gold item, or its form hides suggestions)"
            )

    def task_lines() -> Iterator[bytes]:
        for task, schema in tasks:
            yield _task_line(task, schema_ids[id(schema)], models)

    bundle_id = bundle_id or f"{kind}-{uuid.uuid4().hex}"
    server_card = server.card()
    server_only = {
        "bundle_id": bundle_id,
        **sealed,
        "issued": issued,
        "schemas": [schemas[schema_id] for schema_id in index],
    }
    # Encrypted as it is serialised: at 100,000 tasks its JSON is tens of megabytes.
    sealed_out = io.BytesIO()
    age_layer.encrypt_stream(
        ChunkReader(_json_chunks(server_only)), server_card.recipient(), sealed_out
    )
    sealed_bytes = sealed_out.getvalue()
    del sealed_out
    sections: dict[str, Section] = {
        TASKS: LargeSection(task_lines, (digest.hexdigest(), length)) if tasks else b"\n",
        SCHEMAS: json.dumps({"schemas": schemas}, sort_keys=True).encode(),
        GUIDELINES: guidelines.encode(),
        SEALED: sealed_bytes,
    }
    if kind == "adjudication-task":
        sections[REVIEWS] = "".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in reviews or []
        ).encode()
    if calibration is not None:
        sections[CALIBRATION] = "".join(
            json.dumps({"task_id": t.id, **calibration[t.id].to_json()}, ensure_ascii=False) + "\n"
            for t, _ in tasks
        ).encode()
    if suggestions:
        sections[SUGGESTIONS] = "".join(
            json.dumps(s.to_json(), ensure_ascii=False, sort_keys=True) + "\n" for s in suggestions
        ).encode()
    assignment = f"{project}/{reviewer.name}"
    if kind == CALIBRATION_KIND:
        # Its own assignment: importing it never replaces the reviewer's task bundle.
        assignment += "/calibration"
    now = utc_now()
    manifest = Manifest(
        type=kind,
        bundle_id=bundle_id,
        project=project,
        issuer=Party.of(server_card),
        recipient=Party.of(reviewer),
        created_at=iso(now),
        expires_at=iso(now + timedelta(days=expires_days)) if expires_days else None,
        sections=digests(sections),
        extra={
            "assignment": assignment,
            "task_count": len(tasks),
            "guidelines_sha256": sha256(guidelines.encode()),
        },
    )
    seal_to(out, manifest, sections, server, reviewer)
    return manifest


class LazyMap:
    """A JSON object of the sealed section whose values are made one at a time as it is
    written (``value_of(key)``), never all at once: per task facts at 100,000 tasks are
    hundreds of megabytes as Python objects, and a few kilobytes at a time this way."""

    def __init__(self, keys: Iterable[str], value_of: Callable[[str], Any]) -> None:
        self.keys = list(keys)
        self.value_of = value_of

    def __len__(self) -> int:
        return len(self.keys)


def _json_pieces(value: Any) -> Iterator[str]:
    """``json.dumps(value, sort_keys=True)`` in pieces, :class:`LazyMap` values (at the
    top level or one below) written key by key."""
    if isinstance(value, LazyMap):
        yield "{"
        for i, key in enumerate(sorted(value.keys)):
            yield f"{', ' if i else ''}{json.dumps(key)}: "
            yield json.dumps(value.value_of(key), sort_keys=True)
        yield "}"
    elif isinstance(value, dict) and any(isinstance(v, LazyMap) for v in value.values()):
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield f"{', ' if i else ''}{json.dumps(key)}: "
            yield from _json_pieces(value[key])
        yield "}"
    else:
        yield json.dumps(value, sort_keys=True)


def _json_chunks(value: Any, size: int = 1 << 16) -> Iterator[bytes]:
    """``json.dumps(value, sort_keys=True)`` in UTF-8 (the same bytes), a piece of about
    ``size`` bytes at a time."""
    pending: list[str] = []
    length = 0
    for piece in _json_pieces(value):
        pending.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(pending).encode()
            pending.clear()
            length = 0
    if pending:
        yield "".join(pending).encode()


def _task_line(task: Task, schema_id: str, models: bool) -> bytes:
    row = task_row(task, schema_id, models=models)
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def read_task_bundle(opened: Opened, *, archive: bool = False) -> TaskBundle:
    """Parse the payload of a verified task bundle strictly. The server's own ``archive``
    may hold suggestions a reviewer never sees (hidden ones, gold items')."""
    reader = TaskReader(opened, archive=archive)
    tasks = [reader.add(line) for line in opened.sections[TASKS].splitlines()]
    reader.finish()
    return replace(reader.content, tasks=tasks)


class TaskReader:
    """A task bundle's payload read one task line at a time, with every check of
    :func:`read_task_bundle`: the small sections are parsed at once (``content``, its
    ``tasks`` empty); :meth:`add` parses one line of ``tasks.jsonl`` and checks the
    suggestions for that task; :meth:`finish` checks what needs every task (the count
    the manifest states, the calibration section, suggestions naming a task not in the
    bundle). Nothing holds the tasks, so a caller can store them as they come."""

    def __init__(self, opened: Opened, *, archive: bool = False) -> None:
        sections = opened.sections
        self.manifest = opened.manifest
        self.archive = archive
        try:
            raw_schemas = safe_json.loads(sections[SCHEMAS])["schemas"]
            if not isinstance(raw_schemas, dict):
                raise ValueError("'schemas' is not an object")
            self.schemas = {sid: Schema.from_json(body) for sid, body in raw_schemas.items()}
        except SchemaError as exc:
            raise BundleError(f"The bundle's answer form is invalid: {exc.message}") from None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise BundleError(f"The bundle's schema section is malformed ({exc}).") from None
        try:
            guidelines = sections[GUIDELINES].decode("utf-8")
        except UnicodeDecodeError:
            raise BundleError("The bundle's guidelines are not UTF-8 text.") from None
        reviews: dict[str, dict[str, Any]] = {}
        if REVIEWS in sections:
            try:
                for line in sections[REVIEWS].splitlines():
                    row = safe_json.loads(line)
                    reviews[str(row["task_id"])] = row
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise BundleError("The bundle's reviews section is malformed.") from None
        calibration: dict[str, Expected] = {}
        if CALIBRATION in sections:
            try:
                for line in sections[CALIBRATION].splitlines():
                    row = safe_json.loads(line)
                    calibration[str(row["task_id"])] = Expected.from_json(row)
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise BundleError("The bundle's calibration section is malformed.") from None
        self._calibrated = CALIBRATION in sections
        self._pending = _parsed_suggestions(sections.get(SUGGESTIONS))
        self.all_suggestions = [
            s for _, s in sorted((p for g in self._pending.values() for p in g), key=lambda p: p[0])
        ]
        """Every suggestion of the bundle in its order (each checked once its task is read)."""
        self.content = TaskBundle([], guidelines, sections[SEALED], reviews, calibration, {})
        self.ids: set[str] = set()
        self.count = 0

    def add(self, line: bytes) -> tuple[Task, Schema]:
        """One line of ``tasks.jsonl``: the task and its answer form, checked."""
        self.count += 1
        number = self.count
        try:
            # Most lines have the shape docket pack writes: read by a typed decoder
            # (the same task, in half the time); any other, and any line with
            # something wrong, by the general path, which says what.
            packed = parse_packed_line(line, line=number)
            if packed is None:
                # UTF-8 (as Docket writes it), parsed by msgspec with the standard
                # parser's values and safe_json's checks, in half the time of
                # safe_json.loads.
                obj = safe_json.loads_utf8(line)
                task = parse_task_row(obj, source="the bundle", line=number).task
                schema = self.schemas[obj["schema"]]
            else:
                task, schema_id = packed
                schema = self.schemas[schema_id]
        except TaskFormatError as exc:
            raise BundleError(f"The bundle holds a malformed task: {exc.message}") from None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise BundleError(f"The bundle's task line {number} is malformed ({exc}).") from None
        if task.id in self.ids:
            raise BundleError("The bundle lists a task id twice.")
        self.ids.add(task.id)
        for suggestion_number, suggestion in self._pending.pop(task.id, []):
            _check_suggestion(suggestion_number, suggestion, task, schema, archive=self.archive)
            self.content.suggestions.setdefault(task.id, []).append(suggestion)
        return task, schema

    def finish(self) -> None:
        count = self.manifest.extra.get("task_count")
        if count != self.count:
            raise BundleError(f"The bundle holds {self.count} tasks; its manifest says {count}.")
        _refuse_unclaimed(self._pending)
        if self._calibrated and set(self.content.calibration) != self.ids:
            raise BundleError("The bundle's calibration section does not match its tasks.")


def _parsed_suggestions(data: bytes | None) -> dict[str, list[tuple[int, Suggestion]]]:
    """The bundle's suggestions by task, numbered by line, each parsed and one per agent
    and task (the checks against the task come with the task: :func:`_check_suggestion`)."""
    if data is None:
        return {}
    out: dict[str, list[tuple[int, Suggestion]]] = {}
    try:
        lines = safe_json.loads_lines(data)
    except (ValueError, UnicodeDecodeError):
        raise BundleError("The bundle's suggestions section is not valid JSONL.") from None
    for number, line in enumerate(lines, start=1):
        try:
            suggestion = Suggestion.from_json(line)
            group = out.setdefault(suggestion.task, [])
            if any(s.agent == suggestion.agent for _, s in group):
                raise SuggestionError(f"agent {suggestion.agent!r} suggests twice")
        except SuggestionError as exc:
            raise BundleError(f"The bundle's suggestion {number} is malformed: {exc}") from None
        group.append((number, suggestion))
    return out


def _check_suggestion(
    number: int, suggestion: Suggestion, task: Task, form: Schema, *, archive: bool
) -> None:
    """A suggestion checked against its task: a form that shows suggestions (unless in
    the server's archive) and answers that name the task's responses and questions."""
    try:
        if not archive and form.reveal_policy not in SHOWN_POLICIES:
            raise SuggestionError("the task's form hides suggestions")
        problem = suggestion_problem(suggestion.answers, form, task.response_ids)
        if problem is not None:
            raise SuggestionError(problem)
    except SuggestionError as exc:
        raise BundleError(f"The bundle's suggestion {number} is malformed: {exc}") from None


def _suggestions(
    data: bytes | None, tasks: Sequence[tuple[Task, Schema]], *, archive: bool
) -> dict[str, list[Suggestion]]:
    """The bundle's suggestions, each checked against its task: a task of the bundle
    whose form shows suggestions, one per agent, answers that name the task's responses
    and questions of its form (what :class:`TaskReader` checks task by task)."""
    pending = _parsed_suggestions(data)
    out: dict[str, list[Suggestion]] = {}
    for task, form in tasks:
        for number, suggestion in pending.pop(task.id, []):
            _check_suggestion(number, suggestion, task, form, archive=archive)
            out.setdefault(task.id, []).append(suggestion)
    _refuse_unclaimed(pending)
    return out


def _refuse_unclaimed(pending: dict[str, list[tuple[int, Suggestion]]]) -> None:
    """Suggestions left once every task was read name a task not in the bundle."""
    if pending:
        number, suggestion = min(
            (n for group in pending.values() for n in group), key=lambda p: p[0]
        )
        raise BundleError(
            f"The bundle's suggestion {number} is malformed: "
            f"task {suggestion.task!r} is not in the bundle"
        )
