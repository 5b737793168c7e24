"""``docket pack``: one signed, encrypted task bundle per reviewer.

Blinding happens here, at the source, before anything leaves the server:

- every task's responses get opaque ids (``r-`` + 10 hex digits of an HMAC under the
  pack secret) and a secret random order, the same in every reviewer's bundle of the
  project, so neither the first place (a TRL row always lists ``chosen`` first) nor an id
  says which response was chosen, which model wrote it or where the source file put it;
- model names never enter a reviewer's bundle; they, the original ids and the chosen
  response travel only in the sealed, server-only section and the server's own archive;
- each item, gold or not, goes to ``overlap`` distinct reviewers, balancing load (the
  least-loaded reviewers take the next item; ties broken at random under the pack
  secret). Gold items are assigned first, so every reviewer gets ``⌊G·overlap/R⌋`` or
  ``⌈G·overlap/R⌉`` of the ``G`` gold items, and they sit at secret random places among
  the reviewer's tasks (which keep their file order). Nothing but the sealed section
  tells a gold item from a task.

AI judges' suggestions (``--suggestions``, :func:`read_suggestions`) are blinded like gold
answers. A reviewer's bundle carries those of its tasks whose form shows them (reveal
policy ``after-answer`` or ``before``), never a gold item's, and its sealed section names
the agents shown per task (``suggested``), which merge holds a row's record to; the
server's archive keeps every suggestion.

A calibration round (``calibration=True``) is the one exception to the secrecy of gold
items, and it is a different kind of bundle: every reviewer gets every gold item of the
gold file (and nothing else), with its expected answers and the row's ``explanation``
in the bundle (type ``calibration-task``), to see after answering. Its assignment is its
own, so it never replaces a reviewer's task bundle; no task archive is written for it (its
items never become tasks of the project on the server, see :mod:`docket.server.merge`).
A normal pack never writes expected answers or explanations into a reviewer's bundle.

The pack secret is derived from the server's secret key and the project, so nobody
without the server key can predict it, and packing the same project again gives every
task the same ids and order (answers to an earlier bundle stay valid).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docket.bundles.envelope import distinct_cards, write_atomically
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.task_bundle import CALIBRATION_KIND, build_task_bundle
from docket.core import safe_json
from docket.core.calibration import MAX_EXPLANATION_CHARS, Expected
from docket.core.pii import (
    SEVERITY_ORDER,
    Finding,
    Masker,
    Severity,
    TaskScan,
    by_target,
    summary_counts,
    task_texts,
    type_label,
)
from docket.core.pii_detect import scan_task, scan_text
from docket.core.progress import Progress, held_interrupts, no_progress
from docket.core.rules import comparison_questions
from docket.core.schema import (
    TASK_FLAGS_KEY,
    PiiQuestion,
    RubricQuestion,
    Schema,
    SpansQuestion,
    default_schema,
)
from docket.core.suggestion_checks import suggestion_problem
from docket.core.suggestions import SHOWN_POLICIES, Suggestion, SuggestionError
from docket.core.task_loading import AnswersFor, LoadedRow, ResponsesFor, read_tasks_jsonl
from docket.core.tasks import Response, Task
from docket.errors import DocketError, SchemaError, TaskFormatError
from docket.server.pii_masking import (
    MaskedText,
    ValueMatcher,
    known_values,
    map_strings,
    mask_free_text,
    mask_text,
    remap_pointer,
    remap_span,
)
from docket.server.shown_prior import with_shown_prior

BUNDLE_SUFFIX = ".docket"
ARCHIVE_SUFFIX = ".server-tasks"
MAX_REPORTED_ERRORS = 20
BLINDING_LABEL = b"docket/pack-blinding/v1"


@dataclass(frozen=True, slots=True)
class PackedBundle:
    reviewer: str
    path: Path
    bundle_id: str
    manifest_sha256: str
    tasks: int
    gold: int


@dataclass(frozen=True, slots=True)
class PackResult:
    bundles: list[PackedBundle]
    skipped_lines: list[TaskFormatError]
    summary_path: Path
    archive: Path | None
    """The server's own copy of all tasks (for ``docket merge --tasks``); None for a
    calibration round, whose items are no tasks of the project."""
    calibration: bool = False
    warnings: list[str] = field(default_factory=list)
    """What the packer should know about the bundles written (said, not refused)."""
    pii: PiiPack | None = None
    """What the PII scan found and did (``--pii``)."""


def assign(
    task_ids: Sequence[str],
    reviewers: Sequence[str],
    overlap: int,
    *,
    gold_ids: Sequence[str] = (),
    rng: random.Random | None = None,
) -> dict[str, list[str]]:
    """Each task and gold item to ``overlap`` distinct reviewers; loads differ by at most one.

    Gold items are assigned first, so each reviewer's count of them also differs by at most
    one from the others' (everyone gets some as soon as ``len(gold_ids) * overlap`` reaches
    the number of reviewers). Among equally loaded reviewers the choice rotates, or is
    random with ``rng``. Each reviewer's list holds the gold items first, then the tasks,
    each in the order given."""
    if not reviewers:
        raise DocketError("At least one reviewer is needed.")
    if not 1 <= overlap <= len(reviewers):
        raise DocketError(
            f"--overlap {overlap} needs between 1 and {len(reviewers)} reviewers per task.",
            hint="Lower --overlap or add reviewers.",
        )
    load = {r: 0 for r in reviewers}
    out: dict[str, list[str]] = {r: [] for r in reviewers}
    for i, task_id in enumerate([*gold_ids, *task_ids]):
        if rng is None:
            rotation = {r: (j - i) % len(reviewers) for j, r in enumerate(reviewers)}
            candidates = sorted(reviewers, key=lambda r: rotation[r])
        else:
            candidates = rng.sample(list(reviewers), len(reviewers))
        for r in sorted(candidates, key=load.__getitem__)[:overlap]:
            load[r] += 1
            out[r].append(task_id)
    return out


def pack_secret(server: SecretKey, project: str) -> bytes:
    """The secret behind a project's opaque response ids, response order and assignment."""
    return hmac.new(
        server.derived_key(BLINDING_LABEL), project.encode("utf-8"), hashlib.sha256
    ).digest()


@dataclass(frozen=True, slots=True)
class BlindedTask:
    task: Task
    """The task as reviewers get it: opaque response ids, in the secret order (models kept
    for the server's archive; bundles for reviewers drop them)."""
    ids: dict[str, str]
    """Original response id -> opaque id."""
    originals: dict[str, dict[str, Any]]
    """Opaque id -> ``{"id": original id, "model": model or None, "position": index in the
    source row}``: the server's way back."""


def blind(task: Task, secret: bytes) -> BlindedTask:
    """Opaque response ids and a random response order, both keyed on the pack secret and
    the task id only: the same task gets the same ids and order in every bundle."""

    def mac(*parts: str) -> str:
        message = "\0".join(parts).encode("utf-8")
        return hmac.new(secret, message, hashlib.sha256).hexdigest()

    ids: dict[str, str] = {}
    for response in task.responses:
        n = 0
        while (rid := "r-" + mac("id", task.id, response.id, str(n))[:10]) in ids.values():
            n += 1  # two ids agreeing in 40 bits: draw again
        ids[response.id] = rid
    order = sorted(task.responses, key=lambda r: mac("order", task.id, r.id))
    blinded = replace(
        task,
        responses=tuple(Response(ids[r.id], r.text, r.model) for r in order),
        spans=tuple(replace(s, response=ids[s.response]) for s in task.spans),
        pii=None
        if task.pii is None
        else tuple(f.at(ids.get(f.target, f.target)) for f in task.pii),
    )
    originals = {
        ids[r.id]: {"id": r.id, "model": r.model, "position": i}
        for i, r in enumerate(task.responses)
    }
    return BlindedTask(blinded, ids, originals)


def blinded_answers(
    answers: dict[str, Any],
    schema: Schema,
    ids: dict[str, str],
    *,
    source: str = "gold",
    line: int | None = None,
    what: str = "the gold answer",
) -> dict[str, Any]:
    """Known answers written with the source row's response ids, in the opaque ids.

    Each answer is read by its question's type (a key that is no question of the form but
    a type name, such as ``preference``, reads as that type); a response id the row does
    not have is an error."""

    def one(rid: Any) -> Any:
        if not isinstance(rid, str) or rid not in ids:
            raise TaskFormatError(
                f"{what} names {rid!r}, which is not a response of this row",
                source=source,
                line=line,
            )
        return ids[rid]

    out: dict[str, Any] = {}
    for key, value in answers.items():
        kind = schema.question(key).kind if key in schema else key
        if kind == "preference" and isinstance(value, dict):
            if value.get("better") is not None:
                value = {**value, "better": one(value["better"])}
        elif kind == "ranking" and isinstance(value, list):
            value = [[one(r) for r in g] if isinstance(g, list) else g for g in value]
        elif kind in ("likert", "rubric") and isinstance(value, dict):
            value = {one(rid): v for rid, v in value.items()}
        elif kind == "spans" and isinstance(value, list):
            value = [
                {**s, "response": one(s.get("response"))} if isinstance(s, dict) else s
                for s in value
            ]
        elif kind == "rewrite" and isinstance(value, dict) and value.get("base") is not None:
            value = {**value, "base": one(value["base"])}
        elif kind == "flags" and isinstance(value, dict):
            value = {k if k == TASK_FLAGS_KEY else one(k): v for k, v in value.items()}
        out[key] = value
    return out


MAX_SUGGESTIONS_BYTES = 2**30


def read_suggestions(
    path: Path, blinded: dict[str, BlindedTask], schema_of: Forms
) -> dict[str, list[Suggestion]]:
    """``--suggestions FILE.jsonl``: per task id, its agents' suggestions, in the opaque
    response ids the reviewers answer in.

    Each line is a :class:`~docket.core.suggestions.Suggestion` naming a packed task and
    that row's own response ids; its answers must fit the task's form (questions left out
    are allowed), one agent suggests once per task. Every bad line is reported as
    ``file:line: reason`` (the first :data:`MAX_REPORTED_ERRORS`) and nothing is packed."""
    try:
        if path.stat().st_size > MAX_SUGGESTIONS_BYTES:
            raise DocketError(f"The suggestions file {path} is larger than 1 GiB.")
        data = path.read_bytes()
    except OSError as exc:
        raise DocketError(f"Cannot read {path}: {exc.strerror or exc}") from None
    out: dict[str, list[Suggestion]] = {}
    seen: dict[tuple[str, str], int] = {}
    errors: list[str] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            suggestion = Suggestion.from_json(safe_json.loads(raw))
            task = blinded.get(suggestion.task)
            if task is None:
                raise SuggestionError(
                    f"unknown task {suggestion.task!r} (not a task or gold item being packed)"
                )
            first = seen.setdefault((suggestion.agent, suggestion.task), number)
            if first != number:
                raise SuggestionError(
                    f"a second suggestion of agent {suggestion.agent!r} for task "
                    f"{suggestion.task!r} (the first is on line {first})"
                )
            form = schema_of(task.task)
            answers = blinded_answers(
                suggestion.answers, form, task.ids, source="", what="the suggestion"
            )
            texts = {r.id: r.text for r in task.task.responses}
            problem = suggestion_problem(answers, form, task.task.response_ids, texts)
            if problem is not None:
                raise SuggestionError(f"the answers do not fit the task's form: {problem}")
        except TaskFormatError as exc:
            errors.append(f"{path}:{number}: {exc.message}")
            continue
        except SuggestionError as exc:
            errors.append(f"{path}:{number}: {exc}")
            continue
        except ValueError as exc:
            errors.append(f"{path}:{number}: not a JSON object ({exc})")
            continue
        out.setdefault(suggestion.task, []).append(
            Suggestion(
                suggestion.task, suggestion.agent, answers, suggestion.critique,
                suggestion.confidence,
            )
        )  # fmt: skip
    if errors:
        shown = "\n".join(f"  {e}" for e in errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise DocketError(
            f"{len(errors)} bad line(s) in the suggestions file; nothing was written:\n"
            f"{shown}{tail}",
            hint="Fix the lines: each names a packed task, that row's response ids, and "
            "answers that fit its form.",
        )
    return out


# PII at pack time ---------------------------------------------------------------------

PII_MODES = ("report", "refuse", "mask")
"""``docket pack --pii``: print and record the findings, stop on them, or mask them."""
PII_QUESTION_ID = "pii"
PII_QUESTION_LABEL = "PII the detector missed or got wrong"
MAX_PRINTED_TASKS = 50


@dataclass(frozen=True, slots=True)
class PiiPack:
    """What the PII scan of a pack found (before any masking), per task, and what it did.

    Never holds a matched text: findings are types and offsets; ``masks`` (placeholder ->
    original, mode ``mask``) goes into the server's archive alone."""

    mode: str
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    masks: dict[str, dict[str, str]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    """Task id -> why its scan failed (mode ``report`` only: the others refuse)."""

    def recorded(self) -> dict[str, list[dict[str, Any]]]:
        """What the archive's sealed section records per scanned task: the findings in
        the texts as packed (none once masked)."""
        return {
            t: [] if self.mode == "mask" else [f.to_json() for f in fs]
            for t, fs in self.findings.items()
            if t not in self.failed
        }

    def counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Task id -> type -> severity -> count, for the tasks with findings."""
        return {t: summary_counts(f) for t, f in self.findings.items() if f}

    def totals(self) -> dict[str, dict[str, int]]:
        return summary_counts(f for fs in self.findings.values() for f in fs)

    def lines(self) -> list[str]:
        """What ``docket pack`` prints: per task and type, counts (never the text)."""
        counts = self.counts()
        verb = "masked" if self.mode == "mask" else "found"
        out = []
        for task_id, per_type in list(counts.items())[:MAX_PRINTED_TASKS]:
            parts = ", ".join(f"{type_label(t)} {_severity_counts(c)}" for t, c in per_type.items())
            out.append(f"pii {verb}: task {task_id}: {parts}")
        if len(counts) > MAX_PRINTED_TASKS:
            out.append(f"pii {verb}: ... and {len(counts) - MAX_PRINTED_TASKS} more task(s)")
        totals = self.totals()
        if totals:
            parts = ", ".join(f"{type_label(t)} {_severity_counts(c)}" for t, c in totals.items())
            out.append(f"pii {verb} in {len(counts)} of {len(self.findings)} task(s): {parts}")
        else:
            out.append(f"pii: none found in {len(self.findings)} task(s)")
        for task_id, why in self.failed.items():
            out.append(f"pii: task {task_id} could not be scanned ({why})")
        return out


def _severity_counts(counts: dict[str, int]) -> str:
    return "(" + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + ")"


def with_pii_question(form: Schema) -> Schema:
    """``form`` with a ``pii`` question (never required) if it has none: reviewers
    correct the detector there."""
    if any(isinstance(q, PiiQuestion) for q in form.questions):
        return form
    qid, n = PII_QUESTION_ID, 1
    while qid in form:
        n += 1
        qid = f"{PII_QUESTION_ID}-{n}"
    return replace(form, questions=(*form.questions, PiiQuestion(qid, label=PII_QUESTION_LABEL)))


def scan_for_pack(task: Task) -> TaskScan:
    """:func:`~docket.core.pii_detect.scan_task`, then the rest of any text too long
    for it (a pack is not bound by the window's time budget: nothing goes unread)."""
    scan = scan_task(task)
    if scan.failed or not scan.truncated:
        return scan
    texts = task_texts(task)
    findings = [f for f in scan.findings if f.target not in scan.truncated]
    try:
        for target in scan.truncated:
            text = texts[target]
            findings += [f.at(target) for f in scan_text(text, max_chars=len(text)).findings]
    except Exception as exc:
        return TaskScan(task.id, failed=f"{type(exc).__name__}: {exc}")
    return TaskScan(task.id, tuple(findings))


def refuse_pii(scans: dict[str, TaskScan], least: Severity) -> None:
    """``--pii refuse``: stop, naming every finding at or above ``least`` (task, target,
    type, severity, offsets; never the text)."""
    counted = [
        f
        for scan in scans.values()
        for f in scan.findings
        if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[least]
    ]
    failed = {t: s.failed for t, s in scans.items() if s.failed}
    if not counted and not failed:
        return
    task_of = {id(f): t for t, s in scans.items() for f in s.findings}
    lines = [
        f"  task {task_of[id(f)]}, {f.target}: {f.type} ({f.severity.value}) at {f.start}-{f.end}"
        for f in counted
    ] + [f"  task {t}: the detector failed ({why})" for t, why in failed.items()]
    shown = "\n".join(lines[:MAX_REPORTED_ERRORS])
    more = len(lines) - MAX_REPORTED_ERRORS
    tail = f"\n  ... and {more} more" if more > 0 else ""
    raise DocketError(
        f"{len(counted)} PII finding(s) of {least.value} severity or above in "
        f"{len({task_of[id(f)] for f in counted})} task(s); nothing was written:\n{shown}{tail}",
        hint="Pack with --pii mask to replace them with placeholders (the originals stay "
        "in the server's archive only), or remove them from the source file.",
    )


@dataclass(frozen=True, slots=True)
class MaskedTask:
    task: Task
    masker: Masker
    texts: dict[str, MaskedText]
    """Target -> the masked text and its offset map."""


def mask_task(task: Task, findings: tuple[Finding, ...]) -> MaskedTask:
    """Every finding of ``task`` replaced by its typed placeholder (one masker: a value
    keeps one placeholder in every text), and every other occurrence of a value found
    anywhere in the task too. Prior spans move onto the same words of the masked texts."""
    texts = task_texts(task)
    values = [(f.type, texts[f.target][f.start : f.end]) for f in findings if f.target in texts]
    per = by_target(findings)
    masker = Masker()
    matcher = ValueMatcher(values)
    masked = {
        target: mask_text(masker, text, [*per.get(target, ()), *matcher.findings(text)])
        for target, text in texts.items()
    }
    masked_task = replace(
        task,
        conversation=tuple(
            replace(turn, content=masked[f"turn:{i}"].text)
            for i, turn in enumerate(task.conversation)
        ),
        responses=tuple(replace(r, text=masked[r.id].text) for r in task.responses),
        documents=tuple(
            replace(
                d,
                text=masked[f"document:{d.id}"].text,
                title=mask_free_text(masker, d.title),
            )
            for d in task.documents
        ),
        spans=tuple(remap_span(s, masked[s.response], masker) for s in task.spans),
        pii=(),
    )
    return MaskedTask(masked_task, masker, masked)


def mask_criteria(form: Schema, masker: Masker, detected: dict[str, tuple[Finding, ...]]) -> Schema:
    """``form`` with its rubric criteria's texts masked like the task's other free text
    (ids kept, so answers name the same criteria). ``detected`` caches the detector's
    findings per criterion text: a project-wide rubric repeats in every task."""
    matcher = ValueMatcher(known_values(masker))
    questions = []
    for q in form.questions:
        if isinstance(q, RubricQuestion) and q.criteria:
            criteria = []
            for c in q.criteria:
                if c.text not in detected:
                    detected[c.text] = scan_text(c.text, max_chars=len(c.text)).findings
                found = [*detected[c.text], *matcher.findings(c.text)]
                criteria.append(
                    replace(c, text=mask_text(masker, c.text, found).text) if found else c
                )
            q = replace(q, criteria=tuple(criteria))
        questions.append(q)
    masked = replace(form, questions=tuple(questions))
    return form if masked == form else masked


def mask_answers(answers: dict[str, Any], schema: Schema, masked: MaskedTask) -> dict[str, Any]:
    """Known answers (gold, a suggestion) of a masked task, in its masked texts: spans and
    pii marks moved onto the same words, written text masked."""
    masker, texts = masked.masker, masked.texts

    ids = set(masked.task.response_ids)

    def prose(value: str) -> str:
        return value if value in ids else mask_free_text(masker, value)

    out: dict[str, Any] = {}
    for key, value in answers.items():
        kind = schema.question(key).kind if key in schema else key
        if kind == "spans" and isinstance(value, list):
            value = [
                remap_pointer(s, texts, masker, target_key="response") if isinstance(s, dict) else s
                for s in value
            ]
        elif kind == "pii" and isinstance(value, dict):
            value = {
                part: [
                    remap_pointer(m, texts, masker, target_key="target")
                    if isinstance(m, dict)
                    else m
                    for m in items
                ]
                if isinstance(items, list)
                else items
                for part, items in value.items()
            }
        else:
            value = map_strings(value, prose, skip=frozenset({"base", "better"}))
        out[key] = value
    return out


def _apply_pii(
    mode: str,
    least: Severity,
    blinded: dict[str, BlindedTask],
    gold: dict[str, dict[str, Any]],
    suggestions: dict[str, list[Suggestion]],
    explanations: dict[str, str],
    schema_of: Forms,
    tick: Progress = no_progress,
) -> PiiPack:
    """Scan every blinded task and gold item, then do what ``mode`` says (in place: the
    blinded tasks, gold answers, suggestions and explanations become what is packed)."""
    scans: dict[str, TaskScan] = {}
    for t, b in blinded.items():
        tick("scanning for PII", len(scans), len(blinded))
        scans[t] = scan_for_pack(b.task)
    if mode == "refuse":
        refuse_pii(scans, least)
    failed = {t: s.failed for t, s in scans.items() if s.failed}
    if failed and mode == "mask":
        task_id, why = next(iter(failed.items()))
        raise DocketError(
            f"The PII detector failed on {len(failed)} task(s) (first: {task_id}: {why}); "
            "nothing was written.",
            hint="Nothing unscanned is packed with --pii mask: fix or remove those rows.",
        )
    # Findings a row brought (an earlier round's, kept on the blinded ids) count too.
    findings = {t: _with_given(s.findings, blinded[t].task.pii) for t, s in scans.items()}
    masks: dict[str, dict[str, str]] = {}
    detected: dict[str, tuple[Finding, ...]] = {}  # criterion text -> the detector's findings
    for task_id, b in blinded.items():
        if task_id in failed:
            continue  # None: the window scans the task itself
        if mode != "mask":
            blinded[task_id] = replace(b, task=replace(b.task, pii=findings[task_id]))
            continue
        masked = mask_task(b.task, findings[task_id])
        form = mask_criteria(schema_of(b.task), masked.masker, detected)
        schema_of.use(task_id, form)
        if task_id in gold:
            gold[task_id] = mask_answers(gold[task_id], form, masked)
        if task_id in explanations:
            explanations[task_id] = mask_free_text(masked.masker, explanations[task_id])
        if task_id in suggestions:
            suggestions[task_id] = [
                replace(
                    s,
                    answers=mask_answers(s.answers, form, masked),
                    critique=mask_free_text(masked.masker, s.critique),
                )
                for s in suggestions[task_id]
            ]
        blinded[task_id] = replace(b, task=masked.task)
        if masked.masker.mapping:
            masks[task_id] = dict(masked.masker.mapping)
    return PiiPack(mode, findings, masks, failed)


def _with_given(
    found: tuple[Finding, ...], given: tuple[Finding, ...] | None
) -> tuple[Finding, ...]:
    """The detector's findings, then those a row brought that it did not find again."""
    if not given:
        return found
    keys = {(f.target, f.start, f.end, f.type) for f in found}
    return found + tuple(f for f in given if (f.target, f.start, f.end, f.type) not in keys)


def _explanation(row: LoadedRow, raw: dict[str, Any] | None, source: str) -> str:
    """A gold row's optional ``explanation``: why the expected answer is right, shown to
    the reviewer after answering it in a calibration round."""
    value = (raw or {}).get("explanation", "")
    if not isinstance(value, str) or len(value) > MAX_EXPLANATION_CHARS:
        raise TaskFormatError(
            f"'explanation' must be a text of at most {MAX_EXPLANATION_CHARS} characters",
            source=source,
            line=row.line,
        )
    return value.strip()


def _gold_answers(row: LoadedRow, raw: dict[str, Any] | None) -> dict[str, Any]:
    if raw and isinstance(raw.get("gold"), dict):
        return dict(raw["gold"])
    if row.reference.get("chosen"):
        return {"preference": {"better": row.reference["chosen"]}}
    raise TaskFormatError(
        "a gold row needs a 'gold' object of known answers, or 'chosen'/'rejected'",
        source="gold",
        line=row.line,
    )


class Forms:
    """The answer form of each row: the project's schema, or the default for the row's
    shape, with the row's own criteria added to its rubric question. A form that compares
    responses needs two of them; a rubric needs criteria."""

    def __init__(self, schema: Schema | None) -> None:
        self._schema = schema
        self._defaults: dict[tuple[int, bool, bool, bool], Schema] = {}
        self._forms: dict[str, Schema] = {}

    def check(self, row: LoadedRow, source: str) -> None:
        """Work out the row's form; :class:`TaskFormatError` at the row's line if none fits."""
        task = row.task
        n = len(task.responses)
        try:
            if self._schema is not None:
                base = self._schema
            elif n < 2 and not row.criteria:
                raise TaskFormatError(
                    "the row has one response; the default form compares two or more "
                    "(give the row criteria to grade a single response)",
                    source=source,
                    line=row.line,
                )
            else:
                key = (min(n, 3), bool(row.criteria), bool(task.documents), bool(task.spans))
                if key not in self._defaults:
                    self._defaults[key] = default_schema(
                        n,
                        rubric=bool(row.criteria),
                        documents=bool(task.documents),
                        spans=bool(task.spans),
                    )
                base = self._defaults[key]
            form = base.with_task_criteria(row.criteria)
        except SchemaError as exc:
            raise TaskFormatError(exc.message, source=source, line=row.line) from None
        except ValueError as exc:
            raise TaskFormatError(str(exc), source=source, line=row.line) from None
        if task.spans:
            marking = next((q for q in form.questions if isinstance(q, SpansQuestion)), None)
            if marking is None:
                raise TaskFormatError(
                    "the row carries spans but the answer form has no spans question",
                    source=source,
                    line=row.line,
                )
            known = {label for label, _ in marking.labels}
            unknown = sorted({s.label for s in task.spans} - known)
            if unknown:
                raise TaskFormatError(
                    f"prior span label(s) {unknown} are not in the form's labels {sorted(known)}",
                    source=source,
                    line=row.line,
                )
        compares = comparison_questions(form)
        if n < 2 and (compares.preference or compares.ranking):
            raise TaskFormatError(
                f"the answer form compares responses, and this row has only {n}",
                source=source,
                line=row.line,
            )
        self._forms[task.id] = with_pii_question(form)

    def __call__(self, task: Task) -> Schema:
        return self._forms[task.id]

    def use(self, task_id: str, form: Schema) -> None:
        """``form`` for the task from now on (its criteria masked)."""
        self._forms[task_id] = form


def _load(
    path: Path,
    skip_bad: bool,
    what: str,
    forms: Forms,
    responses_for: ResponsesFor | None = None,
    format: str | None = None,
    answers: AnswersFor | None = None,
) -> tuple[list[LoadedRow], list[TaskFormatError]]:
    result = read_tasks_jsonl(path, responses_for=responses_for, format=format, answers=answers)
    rows: list[LoadedRow] = []
    for row in result.rows:
        try:
            forms.check(row, str(path))
            rows.append(row)
        except TaskFormatError as exc:
            result.errors.append(exc)
    errors = sorted(result.errors, key=lambda e: e.line or 0)
    if errors and not skip_bad:
        shown = "\n".join(f"  {e.message}" for e in errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise DocketError(
            f"{len(errors)} bad line(s) in the {what} file; nothing was written:\n{shown}{tail}",
            hint="Fix the lines, or pass --skip-bad to pack the good ones only.",
        )
    if not rows:
        raise DocketError(f"The {what} file {path} holds no tasks.")
    return rows, errors


def blinded_prior(prior: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """A row's prior (:mod:`docket.core.formats.base`) in the blinded response ids."""
    out = dict(prior)
    winner = prior.get("winner")
    if winner is not None and winner != "tie":
        out["winner"] = ids[winner]
    if "ratings" in prior:
        out["ratings"] = {ids[rid]: scores for rid, scores in prior["ratings"].items()}
    return out


def pack(
    tasks_path: Path | None,
    *,
    server: SecretKey,
    reviewers: Sequence[PublicCard],
    out_dir: Path,
    overlap: int = 1,
    gold_path: Path | None = None,
    schema: Schema | None = None,
    guidelines: str = "",
    expires_days: int | None = 90,
    project: str | None = None,
    skip_bad: bool = False,
    responses_for: ResponsesFor | None = None,
    calibration: bool = False,
    suggestions_path: Path | None = None,
    format: str | None = None,
    answers: AnswersFor | None = None,
    pii: str = "report",
    pii_severity: Severity = Severity.HIGH,
    progress: Progress | None = None,
    show_prior: bool = False,
) -> PackResult:
    """``responses_for`` gives HealthBench rows their responses to grade, by
    ``prompt_id`` (see :func:`docket.core.task_loading.read_responses_jsonl`).
    ``format`` names the row format of the tasks file (:mod:`docket.core.formats`);
    by default its first row decides. What a source says about its responses (a winner,
    ratings) is sealed as ``prior``, in the blinded ids, never shown to a reviewer.
    ``answers`` are the models' answers to a question file (MT-Bench, FastChat), per
    question id (:func:`docket.core.formats.answers.read_answer_files`).
    ``calibration`` packs a training round of the gold file alone (``tasks_path`` None).
    ``suggestions_path`` attaches AI judges' suggestions (see :func:`read_suggestions`):
    every one travels in the server's archive; a reviewer's bundle carries, in
    ``suggestions.jsonl``, those of its tasks whose form shows them (``after-answer``,
    ``before``), never a gold item's, and its sealed section names their agents.

    ``pii`` (``report``, ``refuse``, ``mask``; see the README's "PII at pack time") and
    ``pii_severity``, the least severity ``refuse`` stops on: every task and gold item is
    scanned after blinding; ``report`` puts the findings into the bundles' task rows and
    the archive; ``refuse`` stops before writing anything; ``mask`` replaces each finding
    by its typed placeholder everywhere reviewers read, and the archive's sealed section
    alone keeps the originals (``pii_masks``).

    ``show_prior``: the source's label of each task that has one also reaches reviewers,
    as one more source document (:mod:`docket.server.shown_prior`); it stays sealed too.

    ``progress`` hears of the tasks blinded and scanned and the bundles built
    (:mod:`docket.core.progress`); if it raises, nothing was written. The files are written
    last, each through a temporary file, Ctrl+C held until the last is in place."""
    tick = progress or no_progress
    if pii not in PII_MODES:
        raise DocketError(
            f"Unknown --pii mode {pii!r}.", hint=f"Use one of {', '.join(PII_MODES)}."
        )
    distinct_cards(reviewers, what="reviewer cards")  # one name, key id, recipient: one reviewer
    names = [r.name for r in reviewers]
    schema_of = Forms(schema)
    if calibration and suggestions_path is not None:
        raise DocketError(
            "A calibration round carries no suggestions.",
            hint="Pack the suggestions with the project's tasks.",
        )
    if calibration:
        if gold_path is None:
            raise DocketError(
                "A calibration round is made of gold items, and no gold file was given.",
                hint="Pass --gold GOLD.jsonl (rows with 'gold' answers and an 'explanation').",
            )
        if tasks_path is not None:
            raise DocketError(
                "A calibration round holds gold items only; a tasks file was given too.",
                hint="Pack the calibration round and the tasks separately.",
            )
        rows: list[LoadedRow] = []
        skipped: list[TaskFormatError] = []
    elif tasks_path is None:
        raise DocketError("No tasks file was given.", hint="Name the tasks JSONL file to pack.")
    else:
        rows, skipped = _load(
            tasks_path, skip_bad, "tasks", schema_of, responses_for, format, answers
        )
    gold_rows: list[LoadedRow] = []
    gold: dict[str, dict[str, Any]] = {}
    explanations: dict[str, str] = {}
    if gold_path is not None:
        gold_rows, gold_skipped = _load(gold_path, skip_bad, "gold", schema_of, responses_for)
        skipped += gold_skipped
        # Line numbers as the loader counts them: split on b"\n" only.
        raw_lines = gold_path.read_bytes().split(b"\n")
        for row in gold_rows:
            raw = json.loads(raw_lines[row.line - 1])
            gold[row.task.id] = _gold_answers(row, raw)
            explanations[row.task.id] = _explanation(row, raw, str(gold_path))
    labelled = (0, 0)  # tasks, gold items showing the source's label
    if show_prior:
        shown_rows = [with_shown_prior(r) for r in rows]
        shown_gold = [with_shown_prior(r) for r in gold_rows]
        labelled = (
            sum(a is not b for a, b in zip(shown_rows, rows, strict=True)),
            sum(a is not b for a, b in zip(shown_gold, gold_rows, strict=True)),
        )
        rows, gold_rows = shown_rows, shown_gold
    ids = [r.task.id for r in rows]
    overlap_ids = set(ids) & set(gold)
    if overlap_ids:
        raise DocketError(
            f"Task id {sorted(overlap_ids)[0]!r} is in both the tasks and the gold file."
        )
    source = tasks_path if tasks_path is not None else gold_path
    assert source is not None
    project = project or source.stem
    secret = pack_secret(server, project)

    # Everything the server knows, in the opaque ids reviewers will answer in.
    blinded: dict[str, BlindedTask] = {}
    references: dict[str, dict[str, str]] = {}
    priors: dict[str, dict[str, Any]] = {}
    every = [*rows, *gold_rows]
    for done, row in enumerate(every):
        tick("blinding tasks", done, len(every))
        b = blinded[row.task.id] = blind(row.task, secret)
        if row.reference:
            references[row.task.id] = {k: b.ids[v] for k, v in row.reference.items()}
        if row.prior:
            priors[row.task.id] = blinded_prior(row.prior, b.ids)
        if row.task.id in gold:
            gold[row.task.id] = blinded_answers(
                gold[row.task.id], schema_of(row.task), b.ids, source=str(gold_path), line=row.line
            )
    suggestions: dict[str, list[Suggestion]] = {}
    if suggestions_path is not None:
        suggestions = read_suggestions(suggestions_path, blinded, schema_of)
    pii_pack = _apply_pii(
        pii, pii_severity, blinded, gold, suggestions, explanations, schema_of, tick
    )

    def sealed_for(task_ids: Sequence[str]) -> dict[str, Any]:
        return {
            "gold": {t: gold[t] for t in task_ids if t in gold},
            "reference": {t: references[t] for t in task_ids if t in references},
            "prior": {t: priors[t] for t in task_ids if t in priors},
            "originals": {t: blinded[t].originals for t in task_ids},
        }

    def shown_to_reviewer(task_ids: Sequence[str]) -> list[Suggestion]:
        """What a reviewer's bundle may show: never a gold item's, never a hidden one."""
        return [
            s
            for t in task_ids
            if t not in gold and schema_of(blinded[t].task).reveal_policy in SHOWN_POLICIES
            for s in suggestions.get(t, [])
        ]

    if calibration:
        result = _pack_calibration(
            [blinded[r.task.id].task for r in gold_rows],
            schema_of=schema_of,
            expected={t: Expected(gold[t], explanations[t]) for t in gold},
            sealed_for=sealed_for,
            server=server,
            reviewers=reviewers,
            out_dir=out_dir,
            project=project,
            guidelines=guidelines,
            expires_days=expires_days,
            skipped=skipped,
            tick=tick,
        )
        return replace(result, pii=pii_pack)
    shown_tasks = {s.task for s in shown_to_reviewer(list(blinded))}
    plan = assign(ids, names, overlap, gold_ids=list(gold), rng=_rng(secret, "assign"))
    packed: list[PackedBundle] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: list[tuple[Path, bytes, PackedBundle]] = []
    for card in reviewers:
        tick("encrypting bundles", len(outputs), len(reviewers) + 1)
        order = _interleave(
            [t for t in plan[card.name] if t not in gold],
            [t for t in plan[card.name] if t in gold],
            rng=_rng(secret, "interleave", card.name),
        )
        tasks = [(blinded[t].task, schema_of(blinded[t].task)) for t in order]
        sealed = sealed_for(order)
        shown = shown_to_reviewer(order)
        if shown:
            # Which agents this reviewer was shown, per task: what merge holds a row's
            # record of a suggestion to (the suggestions themselves are in the archive).
            suggested: dict[str, list[str]] = {}
            for s in shown:
                suggested.setdefault(s.task, []).append(s.agent)
            sealed["suggested"] = suggested
        data, manifest = build_task_bundle(
            tasks=tasks,
            server=server,
            reviewer=card,
            project=project,
            guidelines=guidelines,
            sealed=sealed,
            expires_days=expires_days,
            suggestions=shown,
        )
        path = out_dir / f"{_safe(project)}-{card.name}{BUNDLE_SUFFIX}"
        info = PackedBundle(
            card.name,
            path,
            manifest.bundle_id,
            hashlib.sha256(manifest.to_bytes()).hexdigest(),
            len(tasks),
            len(sealed["gold"]),
        )
        outputs.append((path, data, info))
    # The server's own copy of every task (encrypted and signed to itself): what
    # `docket merge --tasks` reads so that datasets can carry the prompts and responses.
    # Blinded like the reviewers' copies, plus the model names (it never leaves the server).
    everything = [blinded[r.task.id].task for r in [*rows, *gold_rows]]
    tick("encrypting bundles", len(outputs), len(reviewers) + 1)
    archive_data, _ = build_task_bundle(
        tasks=[(t, schema_of(t)) for t in everything],
        server=server,
        reviewer=server.card(),
        project=project,
        guidelines=guidelines,
        sealed={
            **sealed_for([t.id for t in everything]),
            # The server's alone: never in a reviewer's sealed section.
            "pii_findings": pii_pack.recorded(),
            "pii_masks": pii_pack.masks,
        },
        expires_days=None,
        models=True,
        # Every agent's, whatever the policy, gold items' too: the server's alone.
        suggestions=[s for t in everything for s in suggestions.get(t.id, [])],
    )
    archive = out_dir / f"{_safe(project)}{ARCHIVE_SUFFIX}"
    tick("encrypting bundles", len(outputs) + 1, len(reviewers) + 1)
    # Nothing is written until every bundle was built; then all of it, Ctrl+C held.
    with held_interrupts():
        for path, data, info in outputs:
            write_atomically(path, data)
            packed.append(info)
        write_atomically(archive, archive_data)
        summary = _write_summary(out_dir, project, packed, overlap=overlap)
    warnings = []
    if gold and any(t not in gold for t in shown_tasks):
        warnings.append(
            "Gold items never carry a suggestion in a reviewer's bundle, while "
            f"{len(shown_tasks)} task(s) do: a reviewer who notices may tell the gold items "
            "apart. Give every task a suggestion only where that is acceptable, or use "
            '"reveal": "hidden".'
        )
    if gold_rows and labelled[0] and labelled[1] < len(gold_rows):
        warnings.append(
            f"{labelled[0]} task(s) show the source's label (--show-prior) and "
            f"{len(gold_rows) - labelled[1]} of {len(gold_rows)} gold item(s) do not: a "
            "reviewer who notices may tell the gold items apart. Give the gold rows a prior "
            "as well, or pack without --show-prior."
        )
    return PackResult(packed, skipped, summary, archive, warnings=warnings, pii=pii_pack)


def _write_summary(
    out_dir: Path, project: str, packed: list[PackedBundle], *, overlap: int | None
) -> Path:
    calibration = overlap is None
    summary = out_dir / f"{_safe(project)}{'-calibration' if calibration else ''}-pack.json"
    write_atomically(
        summary,
        json.dumps(
            {
                "project": project,
                **({"calibration": True} if calibration else {"overlap": overlap}),
                "bundles": [
                    {
                        "reviewer": b.reviewer,
                        "file": b.path.name,
                        "bundle_id": b.bundle_id,
                        "manifest_sha256": b.manifest_sha256,
                        "tasks": b.tasks,
                        "gold": b.gold,
                    }
                    for b in packed
                ],
            },
            indent=2,
        ).encode(),
    )
    return summary


def _pack_calibration(
    items: list[Task],
    *,
    schema_of: Forms,
    expected: dict[str, Expected],
    sealed_for: Any,
    server: SecretKey,
    reviewers: Sequence[PublicCard],
    out_dir: Path,
    project: str,
    guidelines: str,
    expires_days: int | None,
    skipped: list[TaskFormatError],
    tick: Progress,
) -> PackResult:
    """Every gold item to every reviewer, in the gold file's order, expected answers and
    explanations in the bundle; the sealed section holds them too (the server scores from
    what it signed, never from what a result claims) and says it is a calibration round."""
    outputs: list[tuple[Path, bytes, PackedBundle]] = []
    sealed = {**sealed_for([t.id for t in items]), "calibration": True}
    for card in reviewers:
        tick("encrypting bundles", len(outputs), len(reviewers))
        data, manifest = build_task_bundle(
            tasks=[(t, schema_of(t)) for t in items],
            server=server,
            reviewer=card,
            project=project,
            guidelines=guidelines,
            sealed=sealed,
            expires_days=expires_days,
            kind=CALIBRATION_KIND,
            calibration={t.id: expected[t.id] for t in items},
        )
        path = out_dir / f"{_safe(project)}-calibration-{card.name}{BUNDLE_SUFFIX}"
        info = PackedBundle(
            card.name,
            path,
            manifest.bundle_id,
            hashlib.sha256(manifest.to_bytes()).hexdigest(),
            len(items),
            len(items),
        )
        outputs.append((path, data, info))
    tick("encrypting bundles", len(outputs), len(reviewers))
    out_dir.mkdir(parents=True, exist_ok=True)
    packed = [info for _, _, info in outputs]
    with held_interrupts():  # nothing is written until every bundle was built
        for path, data, _ in outputs:
            write_atomically(path, data)
        summary = _write_summary(out_dir, project, packed, overlap=None)
    return PackResult(packed, skipped, summary, None, calibration=True)


def _rng(secret: bytes, *parts: str) -> random.Random:
    return random.Random(hmac.new(secret, "\0".join(parts).encode(), hashlib.sha256).digest())


def _interleave(tasks: list[str], gold: list[str], *, rng: random.Random) -> list[str]:
    """Gold items at random positions among the reviewer's tasks (in their own order)."""
    out = list(tasks)
    for g in gold:
        out.insert(rng.randint(0, len(out)), g)
    return out


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:80] or "project"
