"""Read tasks from JSONL in the conventions people already use.

Accepted rows (one JSON object per line):

- TRL preference, explicit prompt: ``{"prompt", "chosen", "rejected"}`` where each is a
  string or a list of ``{role, content}`` messages;
- TRL preference, implicit prompt: ``{"chosen", "rejected"}`` as message lists or as
  ``\\n\\nHuman: ... \\n\\nAssistant: ...`` transcripts (hh-rlhf); the shared prefix is the
  conversation and the differing last assistant turns are the responses;
- multi-response: ``{"prompt" | "messages" | "conversation", "responses": [{id?, model?, text}]}``;
- HealthBench: ``{"prompt": [messages], "prompt_id", "rubrics", "example_tags",
  "ideal_completions_data"}``; the responses to grade are joined by ``prompt_id`` from a
  separate file (``responses_for``), or else are the physician-written ideal completion
  and its reference completions.

Any row may carry ``criteria`` (or HealthBench's ``rubrics``) to grade the responses
against, and ``documents``, the sources the responses were written from. A bundle line
may carry ``pii``, the PII detector's findings when the task was packed
(:class:`docket.core.pii.Finding` JSON, checked against the task's texts).

An optional ``id`` names the task; otherwise the id is a hash of the row, so re-packing
the same file gives the same ids. Which TRL response was ``chosen`` is returned beside the
task (``LoadedRow.reference``), never inside it, so it cannot reach a reviewer.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from docket.core import safe_json
from docket.core.bulk import paused_gc
from docket.core.documents import parse_documents
from docket.core.formats import BY_NAME, Reader, detect, keys_seen, supported
from docket.core.formats.base import Answer, Converted, ReadContext, Record, RowError
from docket.core.formats.native import NATIVE
from docket.core.pii import Finding, finding_problems, sound_findings, task_texts, texts_of
from docket.core.rubric import Criterion, parse_criteria
from docket.core.spans import Span, span_problems
from docket.core.tasks import Response, Role, Task, Turn
from docket.errors import TaskFormatError

MAX_LINE_BYTES = 32 * 1024 * 1024
MAX_RESPONSES = 26 * 4
MAX_TURNS = 10_000
_TRANSCRIPT_SPLIT = re.compile(r"\n\n(Human|Assistant): ?")
_UTF8_BOM = b"\xef\xbb\xbf"
_BLANK: Any = object()  # a blank line (distinct from a JSON ``null`` line, which is an error)


@dataclass(frozen=True, slots=True)
class LoadedRow:
    task: Task
    line: int
    reference: dict[str, str] = field(default_factory=dict)
    """Server-side knowledge about the row (``chosen`` / ``rejected`` response ids)."""
    criteria: tuple[Criterion, ...] = ()
    """The row's own rubric (``docket pack`` puts it into the task's answer form)."""
    prior: dict[str, Any] = field(default_factory=dict)
    """What the source says about the responses (a winner, ratings, a preference
    strength; :mod:`docket.core.formats.base`): server-side only, like ``reference``."""


OnRow = Callable[["LoadedRow"], "LoadedRow"]


@dataclass(slots=True)
class LoadResult:
    rows: list[LoadedRow]
    errors: list[TaskFormatError]

    def tasks(self) -> list[Task]:
        return [row.task for row in self.rows]


def load_tasks_jsonl(path: str | Path) -> list[Task]:
    """Every task of a JSONL file; raises the first :class:`TaskFormatError` if any line is bad."""
    result = read_tasks_jsonl(path)
    if result.errors:
        first = result.errors[0]
        more = len(result.errors) - 1
        if more:
            first.message += f" (and {more} more bad line{'s' if more > 1 else ''})"
        raise first
    return result.tasks()


AnswersFor = Mapping[str, Sequence[Answer]]
"""Models' answers given in other files, per question id (MT-Bench, FastChat, PRD)."""
ResponsesFor = Mapping[str, Sequence[Response]]
"""Responses to grade, per HealthBench ``prompt_id``."""


def read_tasks_jsonl(
    path: str | Path,
    *,
    responses_for: ResponsesFor | None = None,
    format: str | None = None,
    answers: AnswersFor | None = None,
    on_row: OnRow | None = None,
) -> LoadResult:
    """Parse a JSONL file, collecting every bad line instead of stopping at the first.
    ``format`` forces a reader (:data:`docket.core.formats.READERS`); by default the
    first row decides. ``answers`` are models' answers kept in other files, per
    question id (:func:`docket.core.formats.answers.read_answer_files`). ``on_row`` sees
    each row as it is read and returns what is kept of it (see :func:`parse_task_lines`)."""
    path = Path(path)
    try:
        # Rows hold no reference cycles: the cycle collector only re-walks what was read,
        # again and again (about 15 % of reading 100,000 UltraFeedback rows).
        # A 1 MB buffer (never more than a line may hold): rows of long answers are larger
        # than the default 8 KB, which made each line several reads and a join (half the
        # reading time).
        buffer = min(READ_BUFFER_BYTES, MAX_LINE_BYTES)
        with path.open("rb", buffering=buffer) as fh, paused_gc(promote=True):
            # One JSON array (Label Studio's and Argilla's exports): its items count from 1
            # in place of lines. Anything else, a file of arrays one a line included, is
            # read line by line.
            items = _array_items(fh)
            return parse_task_lines(
                _bounded_lines(fh) if items is None else (),
                source=str(path),
                responses_for=responses_for,
                format=format,
                answers=answers,
                items=items,
                on_row=on_row,
            )
    except OSError as exc:
        raise TaskFormatError(f"Cannot read {path}: {exc.strerror or exc}") from None


READ_BUFFER_BYTES = 1024 * 1024
MAX_ARRAY_FILE_BYTES = 1024**3
"""The largest JSON-array task file read (it is parsed whole); JSONL has no such limit."""


def _array_items(fh: BinaryIO) -> list[Any] | None:
    """The items of a file that is one JSON array of objects, else None (and the file
    rewound): a file over :data:`MAX_ARRAY_FILE_BYTES`, or one that does not parse as a
    whole, is read as JSON lines, which names its bad lines."""
    head = fh.read(4096)
    fh.seek(0)
    if not head.removeprefix(_UTF8_BOM).lstrip().startswith(b"["):
        return None
    # The size first: read(limit + 1) would allocate the whole limit for a 5-byte file.
    if os.fstat(fh.fileno()).st_size > MAX_ARRAY_FILE_BYTES:
        return None
    data = fh.read()
    fh.seek(0)
    try:
        value = safe_json.loads(data.removeprefix(_UTF8_BOM))
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return None
    return value


def read_responses_jsonl(path: str | Path) -> dict[str, list[Response]]:
    """Responses to grade, one per line as ``{"prompt_id", "model", "response"}``, grouped
    by ``prompt_id`` in file order. Raises a :class:`TaskFormatError` listing every bad
    line (``file:line: reason``)."""
    path = Path(path)
    out: dict[str, list[Response]] = {}
    taken: dict[str, set[str]] = {}
    errors: list[str] = []
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(_bounded_lines(fh), start=1):
                try:
                    obj = _decode_line(raw, str(path), number)
                    if obj is _BLANK:
                        continue
                    if not isinstance(obj, dict):
                        raise TaskFormatError(
                            "expected a JSON object", source=str(path), line=number
                        )
                    pid, model, text = obj.get("prompt_id"), obj.get("model"), obj.get("response")
                    if not isinstance(pid, str) or not pid:
                        raise TaskFormatError(
                            "needs a string 'prompt_id'", source=str(path), line=number
                        )
                    if not isinstance(text, str):
                        raise TaskFormatError(
                            "needs a string 'response'", source=str(path), line=number
                        )
                    if model is not None and not isinstance(model, str):
                        raise TaskFormatError(
                            "'model' must be a string", source=str(path), line=number
                        )
                    if len(out.get(pid, ())) >= MAX_RESPONSES:
                        raise TaskFormatError(
                            f"more than {MAX_RESPONSES} responses for prompt_id {pid!r}",
                            source=str(path),
                            line=number,
                        )
                    rid = _response_id(pid, text, taken.setdefault(pid, set()))
                    out.setdefault(pid, []).append(Response(rid, text, model))
                except TaskFormatError as exc:
                    errors.append(exc.message)
    except OSError as exc:
        raise TaskFormatError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if errors:
        shown = "\n  ".join(errors[:20])
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise TaskFormatError(f"{len(errors)} bad line(s) in the responses file:\n  {shown}{more}")
    return out


def _bounded_lines(fh: BinaryIO) -> Iterator[bytes]:
    """The file's lines, as iterating over it gives them, except that a line longer than
    :data:`MAX_LINE_BYTES` is cut just past the limit (enough to report it) and the rest
    of it skipped in chunks: a file with no newline is never held in memory whole."""
    limit = MAX_LINE_BYTES
    while line := fh.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
        yield line


def parse_task_lines(
    lines: Iterable[bytes | str],
    *,
    source: str = "<input>",
    responses_for: ResponsesFor | None = None,
    format: str | None = None,
    answers: AnswersFor | None = None,
    items: Sequence[Any] | None = None,
    on_row: OnRow | None = None,
) -> LoadResult:
    """Every task of a file's lines (or of ``items``, a JSON array's decoded items,
    numbered from 1). The format is ``format`` (a reader's name,
    :data:`docket.core.formats.READERS`) or else the one the first row has; every row
    must then have it (a file mixing formats gets an error at each foreign row).
    ``on_row(row)``, called as each good row is read, returns the row to keep (a caller
    that keeps the texts elsewhere returns less) or raises :class:`TaskFormatError` to
    count the row as bad."""
    rows: list[LoadedRow] = []
    errors: list[TaskFormatError] = []
    seen: dict[str, int] = {}
    forced = _reader(format) if format is not None else None
    chosen: list[tuple[Reader, int]] = [(forced, 0)] if forced is not None else []

    def decoded() -> Iterator[Record]:
        if items is not None:
            yield from enumerate(items, start=1)
            return
        for number, raw in enumerate(lines, start=1):
            try:
                yield number, _decode_line(raw, source, number)
            except TaskFormatError as exc:
                errors.append(exc)

    def records() -> Iterator[Record]:
        for number, obj in decoded():
            if obj is _BLANK:
                continue
            if not isinstance(obj, dict):
                errors.append(TaskFormatError("expected a JSON object", source=source, line=number))
                continue
            if not chosen:
                found = detect(obj)
                if found is None:
                    errors.append(
                        TaskFormatError(
                            f"not a row format Docket reads ({keys_seen(obj)}). "
                            f"Supported formats (--format NAME):\n{supported()}",
                            source=source,
                            line=number,
                        )
                    )
                    continue
                chosen.append((found, number))
            reader, first = chosen[0]
            if not reader.claims(obj):
                other = detect(obj)
                how = f"detected on line {first}" if first else "as --format says"
                if other is None:
                    message = f"not a {reader.title} row ({keys_seen(obj)}); expected {reader.keys}"
                else:
                    message = (
                        f"this row has the {other.title} format ({keys_seen(obj)}), but this "
                        f"file is {reader.title} ({how}): one format per file"
                    )
                errors.append(TaskFormatError(message, source=source, line=number))
                continue
            yield number, obj

    def converted() -> Iterator[Converted | RowError]:
        stream = records()
        # The reader is known once the first row has been read: peek at it.
        for first in stream:
            context = ReadContext(answers=answers, source=source)
            yield from chosen[0][0].convert(itertools.chain([first], stream), context)
            return

    for item in converted():
        if isinstance(item, RowError):
            errors.append(TaskFormatError(str(item), source=source, line=item.line))
            continue
        number, obj = item
        if "id" not in obj and chosen and chosen[0][0] is not NATIVE:
            obj["id"] = _content_id(obj)
        try:
            row = parse_task_row(obj, source=source, line=number, responses_for=responses_for)
            if row.task.id in seen:
                raise TaskFormatError(
                    f"task id {row.task.id!r} already used on line {seen[row.task.id]}",
                    source=source,
                    line=number,
                )
            seen[row.task.id] = number
            rows.append(row if on_row is None else on_row(row))
        except TaskFormatError as exc:
            errors.append(exc)
    errors.sort(key=lambda e: e.line or 0)
    return LoadResult(rows, errors)


def _content_id(row: dict[str, Any]) -> str:
    """The id of a converted row that names none: a hash of its prompt and responses
    (re-reading the file gives the same ids; hashing the texts is a fraction of the cost
    of serialising the whole row, which matters at 100,000 rows)."""
    prompt = row.get("prompt", row.get("conversation"))
    parts: list[Any] = [prompt] if isinstance(prompt, str) else list(prompt or ())
    parts += [row.get("chosen"), row.get("rejected")]
    parts += [r.get("text") if isinstance(r, dict) else r for r in row.get("responses") or ()]
    # Each text followed by a NUL, hashed in one call (one call per text was a tenth of
    # the time of reading 100,000 UltraFeedback rows; the digest is the same).
    texts = [str(p.get("content") if isinstance(p, dict) else p) for p in parts]
    texts.append("")
    data = "\0".join(texts).encode("utf-8", "surrogatepass")
    return "t-" + hashlib.blake2b(data, digest_size=16).hexdigest()[:16]


def _reader(name: str) -> Reader:
    try:
        return BY_NAME[name]
    except KeyError:
        raise TaskFormatError(
            f"unknown format {name!r}. Supported formats:\n{supported()}"
        ) from None


def _decode_line(raw: bytes | str, source: str, line: int) -> Any:
    if isinstance(raw, str):
        # Measure (and check) the UTF-8 bytes, not the characters.
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise TaskFormatError(
                f"not valid Unicode text ({exc.reason})", source=source, line=line
            ) from None
    if len(raw) > MAX_LINE_BYTES:
        raise TaskFormatError(
            f"line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB", source=source, line=line
        )
    if line == 1 and raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]  # files saved by Notepad / PowerShell start with a BOM
    try:
        # Also refuses nesting deeper than any task has and \\u escapes that spell lone
        # surrogates (which no UTF-8 file, store or bundle can hold later on).
        return safe_json.loads_utf8(raw)
    except UnicodeDecodeError as exc:
        raise TaskFormatError(f"not UTF-8 text ({exc.reason})", source=source, line=line) from None
    except UnicodeError as exc:
        raise TaskFormatError(str(exc), source=source, line=line) from None
    except ValueError as exc:
        if not raw or raw.decode("utf-8").isspace():  # UTF-8: said so above otherwise
            return _BLANK
        raise TaskFormatError(f"not valid JSON: {exc}", source=source, line=line) from None


def parse_task_row(
    obj: Any,
    *,
    source: str = "<input>",
    line: int = 0,
    responses_for: ResponsesFor | None = None,
) -> LoadedRow:
    """One row in any accepted convention -> a task (and what the server knows of it)."""

    def fail(message: str) -> TaskFormatError:
        return TaskFormatError(message, source=source, line=line)

    if not isinstance(obj, dict):
        raise fail("expected a JSON object")
    healthbench = _is_healthbench(obj)
    if healthbench and "id" not in obj:
        obj = {**obj, "id": obj["prompt_id"]}
    task_id = _task_id(obj, fail)
    reference: dict[str, str] = {}
    meta = {"source_line": str(line)} if line else {}
    try:
        criteria = _criteria(obj)
        documents = parse_documents(obj["documents"]) if "documents" in obj else ()
        if healthbench:
            conversation = _conversation(obj["prompt"], "prompt")
            responses = _healthbench_responses(obj, task_id, responses_for)
            meta["prompt_id"] = obj["prompt_id"]
            tags = obj.get("example_tags", [])
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ValueError("'example_tags' must be a list of strings")
            if tags:
                meta["example_tags"] = json.dumps(tags, ensure_ascii=False)
        elif "responses" in obj:
            conversation = _conversation(
                _first(obj, ("prompt", "messages", "conversation")), "prompt"
            )
            responses = _responses(obj["responses"], task_id)
        elif "chosen" in obj and "rejected" in obj:
            conversation, responses = _preference_row(obj, task_id)
            reference = {"chosen": responses[0].id, "rejected": responses[1].id}
        else:
            raise ValueError(
                "expected 'prompt' with 'chosen' and 'rejected' (TRL preference), "
                "'chosen' and 'rejected' conversations, or a prompt with 'responses'"
            )
        _check_citations(obj, documents)
        spans = _prior_spans(obj, responses)
        task = Task(
            task_id,
            tuple(conversation),
            tuple(responses),
            meta=meta,
            documents=documents,
            spans=spans,
        )
        if "pii" in obj:
            # Made again with its findings (checked against its texts), not through
            # dataclasses.replace: a tenth of the time, on every line of a bundle.
            pii = _findings(obj["pii"], task)
            task = Task(
                task_id, task.conversation, task.responses, meta=meta, documents=documents,
                spans=spans, pii=pii,
            )  # fmt: skip
        prior = _prior(obj.get("prior"), [r.id for r in responses])
    except (ValueError, TypeError) as exc:
        raise fail(str(exc)) from None
    return LoadedRow(task, line, reference, criteria, prior)


class _PackedResponse(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    text: str
    model: str | None = None


class _PackedFinding(msgspec.Struct, forbid_unknown_fields=True):
    target: str
    type: str
    start: int
    end: int
    confidence: float
    severity: str


class _PackedLine(msgspec.Struct, forbid_unknown_fields=True):
    """A bundle line in the shape ``docket pack`` writes for most tasks: no documents,
    spans, criteria, prior or meta of its own."""

    id: str
    conversation: list[Turn]
    """Made by msgspec as :func:`_messages` makes them: a role of :class:`Role`, a string
    content, any other key of a message ignored."""
    responses: list[_PackedResponse]
    schema: str
    pii: list[_PackedFinding] | msgspec.UnsetType = msgspec.UNSET


_PACKED_LINE = msgspec.json.Decoder(_PackedLine)
_RESPONSES = tuple[Response, ...]


def parse_packed_line(raw: bytes, *, line: int) -> tuple[Task, str] | None:
    """The task of a bundle line (UTF-8 bytes) in the shape ``docket pack`` writes for
    most tasks, and the id of its answer form; None for a line of any other shape or
    with anything wrong in it, which :func:`parse_task_row` then reads (it gives its
    errors). Where this takes a line, it gives the task that :func:`parse_task_row` gives
    for ``safe_json.loads_utf8(raw)`` (``source="the bundle"``), with the same checks,
    in half the time: msgspec checks the shape and the types as it decodes (no
    key but these, no bool for a number, no null for a list), and the rules on the
    values are the ones the general path applies (the same functions).

    The protections of :mod:`docket.core.safe_json` hold: the type nests three levels
    deep, so no value it decodes is deeper, and a line with a surrogate escape is left
    to the general path, which checks it (msgspec refuses a lone one anyway)."""
    parsed = safe_json.loads_typed(raw, _PACKED_LINE)
    if parsed is None:
        return None
    task_id = parsed.id
    turns, given = parsed.conversation, parsed.responses
    if (
        not task_id
        or not _printable_id(task_id)
        or not turns
        or len(turns) > MAX_TURNS
        or not given
        or len(given) > MAX_RESPONSES
    ):
        return None
    taken: set[str] = set()
    for item in given:
        rid = item.id
        if rid in taken or not _given_response_id(rid):
            return None
        taken.add(rid)
    conversation = tuple(turns)
    # Made in C from the checked values (as the constructor would make them).
    responses: tuple[Response, ...] = msgspec.convert(given, _RESPONSES, from_attributes=True)
    pii = None
    if parsed.pii is not msgspec.UNSET:
        pii = sound_findings(parsed.pii, texts_of(conversation, responses, ()))
        if pii is None:
            return None
    meta = {"source_line": str(line)} if line else {}
    task = Task(task_id, conversation, responses, meta=meta, pii=pii)
    return task, parsed.schema


_PRIOR_KEYS = {"source", "winner", "ratings", "preference_strength", "notes", "raw"}
MAX_PRIOR_RAW_BYTES = 1024 * 1024
MAX_PRIOR_NOTE_CHARS = 20_000


def _prior(value: Any, ids: list[str]) -> dict[str, Any]:
    """A row's ``prior`` (:mod:`docket.core.formats.base`), checked: its response ids
    must be the row's, its numbers finite, its notes short strings or numbers."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("'prior' must be an object")
    extra = set(value) - _PRIOR_KEYS
    if extra:
        raise ValueError(
            f"'prior' has unknown key(s) {sorted(extra)}; expected {sorted(_PRIOR_KEYS)}"
        )
    if "source" in value and not isinstance(value["source"], str):
        raise ValueError("'prior.source' must be a string")
    winner = value.get("winner")
    if winner is not None and winner != "tie" and winner not in ids:
        raise ValueError(f"'prior.winner' must be 'tie' or one of the responses {ids}")
    ratings = value.get("ratings", {})
    if not isinstance(ratings, dict):
        raise ValueError("'prior.ratings' must be an object keyed by response id")
    for rid, scores in ratings.items():
        if rid not in ids:
            raise ValueError(f"'prior.ratings' names {rid!r}, not a response of this row {ids}")
        if not isinstance(scores, dict) or not _all_finite_by_name(scores):
            raise ValueError(f"'prior.ratings.{rid}' must map names to numbers")
    strength = value.get("preference_strength")
    if strength is not None and not _finite(strength):
        raise ValueError("'prior.preference_strength' must be a number")
    notes = value.get("notes", {})
    if not isinstance(notes, dict) or not all(
        isinstance(k, str)
        and (_finite(v) or (isinstance(v, str) and len(v) <= MAX_PRIOR_NOTE_CHARS))
        for k, v in notes.items()
    ):
        raise ValueError("'prior.notes' must map names to short strings or numbers")
    if "raw" in value and len(json.dumps(value["raw"], ensure_ascii=False)) > MAX_PRIOR_RAW_BYTES:
        raise ValueError("the source's own labels ('prior.raw') are larger than 1 MB")
    return dict(value)


def _all_finite_by_name(scores: dict[Any, Any]) -> bool:
    """Every key a string and every value a finite number (a loop, not ``all`` over a
    generator: a prior's ratings are checked millions of times over a large file)."""
    for key, value in scores.items():
        if type(key) is str and type(value) is float and math.isfinite(value):
            continue  # the common case, without the calls below
        if not (isinstance(key, str) and _finite(value)):
            return False
    return True


def _finite(value: Any) -> bool:
    kind = type(value)
    if kind is float:  # the common case first (a prior holds millions of ratings)
        return math.isfinite(value)
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _prior_spans(obj: dict[str, Any], responses: list[Response]) -> tuple[Span, ...]:
    """Spans a row brings: ``spans`` on a response (``{start, end, label, severity?,
    comment?, quote?}``: that response's), or a row-level ``spans`` list naming response
    ids (as a bundle line holds them). Checked against the texts; labels are checked
    against the answer form by ``docket pack``."""
    items: list[dict[str, Any]] = []
    raw = obj.get("responses")
    if isinstance(raw, list):
        for i, (item, response) in enumerate(zip(raw, responses, strict=False)):
            if not isinstance(item, dict) or "spans" not in item:
                continue
            given = item["spans"]
            if not isinstance(given, list):
                raise ValueError(f"'responses'[{i}].spans must be a list of spans")
            for span in given:
                if not isinstance(span, dict):
                    raise ValueError(f"'responses'[{i}].spans holds a span that is not an object")
                start, end = span.get("start"), span.get("end")
                quote = span.get("quote")
                if quote is None and isinstance(start, int) and isinstance(end, int):
                    quote = response.text[start:end] if 0 <= start < end else ""
                items.append({**span, "response": response.id, "quote": quote})
    if "spans" in obj:
        if not isinstance(obj["spans"], list):
            raise ValueError("'spans' must be a list of spans")
        items += obj["spans"]
    if not items:
        return ()
    labels = sorted({str(i.get("label")) for i in items if isinstance(i, dict)})
    texts = {r.id: r.text for r in responses}
    problems = span_problems(items, texts=texts, labels=labels, where="spans")
    if problems:
        where, message = problems[0]
        raise ValueError(f"prior span {where}: {message}")
    return tuple(Span.from_json(i) for i in items)


def _findings(value: Any, task: Task) -> tuple[Finding, ...]:
    """PII findings a row brings (``pii``: as a bundle line holds them, written by
    ``docket pack``), checked against the task's texts: every finding names one of its
    texts and lies inside it."""
    problems = finding_problems(value, texts=task_texts(task))
    if problems:
        field_name, message = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValueError(f"'{field_name}' {message}{more}")
    return tuple(Finding.from_json(item) for item in value)


def _is_healthbench(obj: dict[str, Any]) -> bool:
    """A HealthBench row: a ``prompt_id`` and ``rubrics``, and no responses of its own."""
    return (
        isinstance(obj.get("prompt_id"), str)
        and "rubrics" in obj
        and not {"responses", "chosen", "rejected"} & set(obj)
    )


def _criteria(obj: dict[str, Any]) -> tuple[Criterion, ...]:
    if "rubrics" in obj and "criteria" in obj:
        raise ValueError("give the criteria once, as 'rubrics' or as 'criteria'")
    key = "rubrics" if "rubrics" in obj else "criteria"
    if key not in obj:
        return ()
    return parse_criteria(obj[key], what=key)


def _healthbench_responses(
    obj: dict[str, Any], task_id: str, responses_for: ResponsesFor | None
) -> list[Response]:
    if responses_for is not None:
        given = responses_for.get(obj["prompt_id"])
        if not given:
            raise ValueError(f"no response to grade for prompt_id {obj['prompt_id']!r}")
        return list(given)
    ideal = obj.get("ideal_completions_data")
    if not isinstance(ideal, dict) or not isinstance(ideal.get("ideal_completion"), str):
        raise ValueError(
            "a HealthBench row without 'ideal_completions_data' needs its responses "
            "from a --responses file"
        )
    refs = ideal.get("ideal_completions_ref_completions") or []
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise ValueError("'ideal_completions_ref_completions' must be a list of strings")
    named = [("ideal", ideal["ideal_completion"])]
    named += [(f"reference-{i}", text) for i, text in enumerate(refs, start=1)]
    taken: set[str] = set()
    return [Response(_response_id(task_id, text, taken), text, model) for model, text in named]


def _check_citations(obj: dict[str, Any], documents: tuple[Any, ...]) -> None:
    """A response may list the documents it cites (``citations``); each must be one of
    the row's documents."""
    responses = obj.get("responses")
    if not isinstance(responses, list):
        return
    ids = {d.id for d in documents}
    for i, item in enumerate(responses):
        if not isinstance(item, dict) or "citations" not in item:
            continue
        cited = item["citations"]
        if not isinstance(cited, list):
            raise ValueError(f"'responses'[{i}].citations must be a list of document ids")
        for target in cited:
            if str(target) not in ids:
                raise ValueError(
                    f"'responses'[{i}].citations names {target!r}, which is not a document "
                    "of this row"
                )


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in obj:
            return obj[key]
    raise ValueError(f"missing the prompt: one of {list(keys)}")


def _task_id(obj: dict[str, Any], fail: Any) -> str:
    raw = obj.get("id")
    if raw is None:
        canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()
        return "t-" + hashlib.sha256(canonical).hexdigest()[:16]
    if isinstance(raw, bool) or not isinstance(raw, (str, int)) or raw == "":
        raise fail("'id' must be a non-empty string or an integer")
    task_id = str(raw)
    if not _printable_id(task_id):
        raise fail("'id' must be at most 200 printable characters")
    return task_id


def _printable_id(task_id: str) -> bool:
    """A task id is at most 200 characters, none of them a control character."""
    # isprintable first: true of nearly every id, and then none is a control character.
    return len(task_id) <= 200 and (task_id.isprintable() or not any(ord(c) < 32 for c in task_id))


def _conversation(value: Any, what: str) -> list[Turn]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(f"'{what}' is empty")
        return [Turn(Role.USER, value)]
    if isinstance(value, list):
        return _messages(value, what)
    raise ValueError(f"'{what}' must be a string or a list of {{role, content}} messages")


def _messages(value: list[Any], what: str) -> list[Turn]:
    if not value:
        raise ValueError(f"'{what}' is an empty message list")
    if len(value) > MAX_TURNS:
        raise ValueError(f"'{what}' has more than {MAX_TURNS} messages")
    turns = []
    for i, msg in enumerate(value):
        if not isinstance(msg, dict) or not isinstance(msg.get("content"), str):
            raise ValueError(f"'{what}'[{i}] must be an object with string 'role' and 'content'")
        try:
            role = Role(str(msg.get("role")))
        except ValueError:
            raise ValueError(
                f"'{what}'[{i}] has role {msg.get('role')!r}; "
                f"expected one of {[r.value for r in Role]}"
            ) from None
        turns.append(Turn(role, msg["content"]))
    return turns


def _response_id(task_id: str, text: str, taken: set[str]) -> str:
    """A response id that reveals nothing about the response's role (chosen/rejected)."""
    base = "r-" + hashlib.sha256(f"{task_id}\0{text}".encode()).hexdigest()[:10]
    rid, n = base, 1
    while rid in taken:
        n += 1
        rid = f"{base}-{n}"
    taken.add(rid)
    return rid


def _responses(value: Any, task_id: str) -> list[Response]:
    if not isinstance(value, list) or not value:
        raise ValueError("'responses' must be a non-empty list of responses")
    if len(value) > MAX_RESPONSES:
        raise ValueError(f"'responses' has more than {MAX_RESPONSES} entries")
    out: list[Response] = []
    taken: set[str] = set()
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValueError(f"'responses'[{i}] must be an object with a string 'text'")
        model = item.get("model")
        if model is not None and not isinstance(model, str):
            raise ValueError(f"'responses'[{i}].model must be a string")
        rid = item.get("id")
        if rid is None:
            rid = _response_id(task_id, item["text"], taken)
        elif not isinstance(rid, str) or not _given_response_id(rid):
            raise ValueError(f"'responses'[{i}].id must be a non-empty string other than 'task'")
        elif rid in taken:
            raise ValueError(f"'responses'[{i}].id {rid!r} is used twice")
        taken.add(rid)
        out.append(Response(rid, item["text"], model))
    return out


def _given_response_id(rid: str) -> bool:
    """A response id a row gives: not empty, and not ``task`` (the key that names the whole
    task in a flags answer)."""
    return bool(rid) and rid != "task"


def _preference_row(obj: dict[str, Any], task_id: str) -> tuple[list[Turn], list[Response]]:
    chosen, rejected = obj["chosen"], obj["rejected"]
    if "prompt" in obj:
        conversation = _conversation(obj["prompt"], "prompt")
        texts = [_completion_text(chosen, "chosen"), _completion_text(rejected, "rejected")]
    else:
        chosen_turns = _transcript_or_messages(chosen, "chosen")
        rejected_turns = _transcript_or_messages(rejected, "rejected")
        conversation, texts = _split_shared_prefix(chosen_turns, rejected_turns)
    taken: set[str] = set()
    responses = [Response(_response_id(task_id, text, taken), text) for text in texts]
    return conversation, responses


def _completion_text(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    turns = _conversation(value, what)
    if any(t.role is not Role.ASSISTANT for t in turns):
        raise ValueError(f"'{what}' must hold only assistant messages when 'prompt' is given")
    return "\n\n".join(t.content for t in turns)


def _transcript_or_messages(value: Any, what: str) -> list[Turn]:
    if isinstance(value, list):
        return _messages(value, what)
    if not isinstance(value, str):
        raise ValueError(f"'{what}' must be a transcript string or a message list")
    parts = _TRANSCRIPT_SPLIT.split(value)
    if parts[0].strip() or len(parts) < 3:
        raise ValueError(
            f"'{what}' without a 'prompt' must be a message list or a "
            "'\\n\\nHuman: ... \\n\\nAssistant: ...' transcript"
        )
    turns = []
    for speaker, content in zip(parts[1::2], parts[2::2], strict=True):
        turns.append(Turn(Role.USER if speaker == "Human" else Role.ASSISTANT, content.strip()))
    return turns


def _split_shared_prefix(a: list[Turn], b: list[Turn]) -> tuple[list[Turn], list[str]]:
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[shared] == b[shared]:
        shared += 1
    tails = (a[shared:], b[shared:])
    if not shared or any(
        not tail or any(t.role is not Role.ASSISTANT for t in tail) for tail in tails
    ):
        raise ValueError(
            "'chosen' and 'rejected' must share the conversation up to the final assistant turn"
        )
    return a[:shared], ["\n\n".join(t.content for t in tail) for tail in tails]
