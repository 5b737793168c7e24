"""PII in exports: the scan summary of every export, ``--redact`` and ``--restore-pii``.

Every ``dataset export`` scans what it writes (every text field of every row, with
:func:`docket.core.pii_detect.scan_text`) and counts the findings per type and severity
(:func:`docket.core.pii.summary_counts`): the command prints them and the dataset card
records them. Never a matched text.

``--redact`` masks, in every text field of every row, what counts as PII:

- in a task's own texts (its conversation, responses and documents, wherever a row
  carries them), :func:`docket.core.pii_answers.reviewed_findings` over the findings
  recorded at pack time (or, for a task packed before PII scanning, the detector's
  :func:`~docket.core.pii_detect.scan_task` now) and every reviewer's ``pii`` answer:
  a finding a reviewer dismissed stays, a stretch a reviewer marked goes;
- in everything else (rewrites, rationales, notes, comments, criteria, a row's texts
  shaped otherwise), every value masked in the task wherever it stands, and what the
  detector finds.

One :class:`~docket.core.pii.Masker` per task, so a value keeps one placeholder across
the fields and rows of its task; for a task packed with ``--pii mask`` it goes on from
the pack's placeholders. Spans and pii marks move onto the same words of the masked
texts. ``--restore-pii`` (``judgments`` only) puts a masked project's originals back
into the rows, for the server's own use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docket.core.documents import Document
from docket.core.pii import Finding, Masker, Scan, by_target, summary_counts, task_texts
from docket.core.pii_answers import reviewed_findings
from docket.core.pii_detect import scan_task, scan_text
from docket.core.schema import PiiQuestion
from docket.core.tasks import Response, Role, Task, Turn
from docket.server.merged_store import MergedStore
from docket.server.pii_masking import (
    PLACEHOLDER,
    MaskedText,
    ValueMatcher,
    known_values,
    mask_free_text,
    mask_text,
    masker_from_mapping,
    restore_placeholders,
)
from docket.server.reviewer_names import distinct_names
from docket.server.schemas import schema_for, task_schemas

PROVENANCE_KEYS = frozenset(
    {
        "task_id", "project", "reviewer", "reviewers", "reviewer_fingerprint", "annotator",
        "lead", "chosen_id", "rejected_id", "response_id", "base_id", "question_id",
        "criterion_id", "guidelines_sha256", "saved_at", "status", "resolution", "source",
        "model", "chosen_model", "rejected_model", "base_model", "display_order", "margin",
        "agreement", "revision", "time_spent_s", "judge_agreed", "tags", "flags",
    }
)  # fmt: skip
"""Row keys whose values are identifiers, names of reviewers or figures, never text of a
task or written by a reviewer: neither scanned nor masked."""
MIN_SCANNED_CHARS = 5
"""Shorter strings (ids, labels, grades) are not scanned for the summary."""


@dataclass(slots=True)
class PiiExport:
    """What an export wrote, as far as PII goes (counts only)."""

    redacted: bool = False
    restored: bool = False
    found: dict[str, dict[str, int]] = field(default_factory=dict)
    """The scan of what was written: type -> severity -> count."""
    masked: dict[str, int] = field(default_factory=dict)
    """``--redact``: type -> placeholders written in place of PII."""
    truncated: int = 0
    """Strings longer than the detector reads (scanned in part)."""

    @property
    def high(self) -> int:
        return sum(per.get("high", 0) for per in self.found.values())

    def lines(self) -> list[str]:
        """What the command prints."""
        out = []
        if self.redacted:
            masked = ", ".join(f"{t} {n}" for t, n in sorted(self.masked.items())) or "nothing"
            out.append(f"pii redacted: {masked}")
        if self.restored:
            out.append("pii restored: the originals of masked PII are in this file (server only)")
        if self.found:
            parts = "; ".join(
                f"{t} " + ", ".join(f"{n} {s}" for s, n in sorted(per.items()))
                for t, per in self.found.items()
            )
            out.append(f"pii scan of the output: {parts}")
        else:
            out.append("pii scan of the output: no finding")
        if self.truncated:
            out.append(f"pii scan: {self.truncated} text(s) were scanned in part (too long)")
        return out


def task_of(row: Mapping[str, Any]) -> Task | None:
    """The archived task (as :meth:`MergedStore.task` returns it) as a :class:`Task`."""
    try:
        return Task(
            str(row["id"]),
            tuple(Turn(Role(t["role"]), str(t["content"])) for t in row["conversation"]),
            tuple(Response(str(r["id"]), str(r["text"]), r.get("model")) for r in row["responses"]),
            documents=tuple(
                Document(str(d["id"]), str(d["text"]), str(d.get("title") or ""))
                for d in row.get("documents") or ()
            ),
        )
    except (KeyError, TypeError, ValueError):
        return None


@dataclass(slots=True)
class _TaskMasks:
    masker: Masker
    texts: dict[str, MaskedText]
    """Target -> its masked text (offsets kept)."""
    exact: dict[str, str]
    """An original text of the task -> its masked form."""
    matcher: ValueMatcher | None = None
    """Every value masked in the task so far (rebuilt when the masker learns one)."""
    known: int = -1

    def values(self) -> ValueMatcher:
        if self.matcher is None or self.known != len(self.masker.mapping):
            self.matcher = ValueMatcher(known_values(self.masker))
            self.known = len(self.masker.mapping)
        return self.matcher


class Redactor:
    """``--redact`` for one export: rows in, rows with their PII masked out."""

    def __init__(self, store: MergedStore) -> None:
        self._store = store
        self._findings = store.pii_findings()
        self._masks = store.pii_masks()
        self._answers = _pii_answers(store)
        self._tasks: dict[str, _TaskMasks] = {}
        self.masked: Counter[str] = Counter()

    def _for(self, task_id: str | None) -> _TaskMasks:
        key = task_id or ""
        if key in self._tasks:
            return self._tasks[key]
        masker = masker_from_mapping(self._masks.get(key, {}))
        stored = self._store.task(key) if task_id else None
        task = task_of(stored) if stored is not None else None
        texts: dict[str, MaskedText] = {}
        exact: dict[str, str] = {}
        if task is not None:
            detected: Iterable[Finding] = self._findings.get(key) or ()
            if key not in self._findings:
                detected = scan_task(task).findings  # packed before PII scanning
            originals = task_texts(task)
            reviewed = reviewed_findings(detected, self._answers.get(key, ()))
            # A value that counts as PII in one place goes wherever it stands in the task.
            values = [
                (f.type, originals[f.target][f.start : f.end])
                for f in reviewed
                if f.target in originals
            ]
            per = by_target(reviewed)
            matcher = ValueMatcher(values)
            for target, text in originals.items():
                found = [*per.get(target, ()), *matcher.findings(text)]
                texts[target] = mask_text(masker, text, found)
                # Every task text as a whole: a finding reviewers dismissed stays.
                exact[text] = texts[target].text
        out = self._tasks[key] = _TaskMasks(masker, texts, exact)
        return out

    def row(self, row: dict[str, Any], task_id: str | None) -> dict[str, Any]:
        masks = self._for(task_id)

        def text(value: str) -> str:
            masked = masks.exact.get(value)
            if masked is None:
                masked = mask_free_text(masks.masker, value, matcher=masks.values())
            if masked != value:
                self._count(value, masked)
            return masked

        out: dict[str, Any] = walk_strings(row, text, masks.texts)
        feedback = out.get("feedback")
        target = masks.texts.get(str(row.get("response_id")))
        if target is not None and isinstance(feedback, dict):
            errors = feedback.get("errors")
            if isinstance(errors, list):
                feedback["errors"] = [moved_error(e, target) for e in errors]
        return out

    def _count(self, before: str, after: str) -> None:
        had = Counter(m.group(1) for m in PLACEHOLDER.finditer(before))
        now = Counter(m.group(1) for m in PLACEHOLDER.finditer(after))
        self.masked.update(now - had)


def moved_error(error: Any, target: MaskedText) -> Any:
    """A fine-grained error's offsets, moved onto the masked response."""
    if not isinstance(error, dict):
        return error
    start, end = error.get("start"), error.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return error
    new_start = target.offset(start)
    new_end = min(max(target.offset(end, end=True), new_start + 1), len(target.text))
    return {**error, "start": new_start, "end": new_end}


def walk_strings(value: Any, text: Callable[[str], str], targets: Mapping[str, MaskedText]) -> Any:
    """``value`` with ``text`` applied to every string outside :data:`PROVENANCE_KEYS`;
    an item pointing into a task text (a span's ``response`` or a pii mark's ``target``
    with ``start``/``end``) moved onto the masked text, its quote re-read."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [walk_strings(v, text, targets) for v in value]
    if not isinstance(value, dict):
        return value
    out = {
        k: v if k in PROVENANCE_KEYS else walk_strings(v, text, targets) for k, v in value.items()
    }
    pointer = value.get("response", value.get("target"))
    start, end = value.get("start"), value.get("end")
    if isinstance(pointer, str) and isinstance(start, int) and isinstance(end, int):
        masked = targets.get(pointer)
        if masked is not None and masked.changed:
            out["response" if "response" in value else "target"] = pointer
            out["start"] = masked.offset(start)
            out["end"] = min(max(masked.offset(end, end=True), out["start"] + 1), len(masked.text))
            if "quote" in value:
                out["quote"] = masked.text[out["start"] : out["end"]]
    return out


def _pii_answers(store: MergedStore) -> dict[str, list[Any]]:
    """Task id -> every reviewer's ``pii`` answer values for it."""
    schemas = task_schemas(store)
    out: dict[str, list[Any]] = {}
    for a in distinct_names(store.answers()):
        for q in schema_for(schemas, a).questions:
            if isinstance(q, PiiQuestion) and a.answers.get(q.id):
                out.setdefault(a.task_id, []).append(a.answers[q.id])
    return out


def restore(row: dict[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """``--restore-pii``: the row with every placeholder of ``mapping`` put back."""
    if not mapping:
        return row
    result = walk_strings(row, lambda s: restore_placeholders(s, mapping), {})
    return dict(result)


class Scanner:
    """The scan summary of what an export writes (each distinct string scanned once)."""

    def __init__(self) -> None:
        self._seen: dict[str, Scan] = {}
        self.findings: list[Finding] = []
        self.truncated = 0

    def row(self, row: Any) -> None:
        def text(value: str) -> str:
            if len(value) >= MIN_SCANNED_CHARS:
                scan = self._seen.get(value)
                if scan is None:
                    scan = self._seen[value] = scan_text(value)
                self.findings += scan.findings
                self.truncated += scan.truncated
            return value

        walk_strings(row, text, {})

    def counts(self) -> dict[str, dict[str, int]]:
        return summary_counts(self.findings)


def row_task_id(row: Mapping[str, Any], known: set[str]) -> str | None:
    """The task a row belongs to: its ``task_id``, or for a HealthBench row the task its
    ``prompt_id`` (``<task id>/<writer>[/<question>]``) starts with."""
    task_id = row.get("task_id")
    if isinstance(task_id, str):
        return task_id
    prompt_id = row.get("prompt_id")
    if isinstance(prompt_id, str):
        parts = prompt_id.split("/")
        for n in range(len(parts) - 1, 0, -1):
            if "/".join(parts[:n]) in known:
                return "/".join(parts[:n])
    return None
