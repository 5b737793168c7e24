"""PII and PHI: what a finding is, where it points, and how it is masked.

The checklist is HIPAA Safe Harbor's 18 identifiers. A :class:`Finding` names its type
(one of :data:`PII_TYPES`), the text it points into (its *target*: a response id, a
conversation turn ``turn:<index>`` or a source document ``document:<id>``), Unicode
code-point offsets into that text's raw form (end exclusive, as spans count them), a
confidence in [0, 1] and a severity. The detector (:mod:`docket.core.pii_detect`) finds
them; reviewers add what it missed and dismiss what it got wrong (the ``pii`` answer,
:mod:`docket.core.pii_answers`); masking replaces each with a typed placeholder such as
``<PERSON_1>``, the same placeholder for the same value everywhere in one task.

The rules live here once: ``docket pack --pii``, the review window, ``dataset export
--redact`` and ``docket scan`` all read them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import msgspec

from docket.reasons import Reason

if TYPE_CHECKING:
    from docket.core.documents import Document
    from docket.core.tasks import Response, Task, Turn


class Severity(StrEnum):
    """How much harm a leak does. ``high``: identifies a person or opens an account by
    itself (a release target is zero of these); ``medium``: identifies with little else;
    ``low``: narrows down who or where."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITY_ORDER: dict[Severity, int] = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}

PII_TYPES: dict[str, tuple[str, Severity]] = {
    # type: (what a reviewer reads, default severity)
    "PERSON": ("Person name", Severity.MEDIUM),
    "ADDRESS": ("Street address", Severity.HIGH),
    "LOCATION": ("Place smaller than a state", Severity.LOW),
    "ZIP": ("Postal code", Severity.LOW),
    "DATE_OF_BIRTH": ("Date of birth or other personal date", Severity.HIGH),
    "PHONE": ("Phone or fax number", Severity.HIGH),
    "EMAIL": ("Email address", Severity.HIGH),
    "SSN": ("Social security number", Severity.HIGH),
    "MRN": ("Medical record number", Severity.HIGH),
    "HEALTH_PLAN": ("Health plan number", Severity.HIGH),
    "ACCOUNT": ("Account number", Severity.HIGH),
    "CREDIT_CARD": ("Credit card number", Severity.HIGH),
    "IBAN": ("IBAN", Severity.HIGH),
    "LICENCE": ("Licence or certificate number", Severity.HIGH),
    "VEHICLE": ("Vehicle identifier or plate", Severity.MEDIUM),
    "DEVICE": ("Device identifier or serial number", Severity.MEDIUM),
    "URL": ("Web address", Severity.LOW),
    "IP_ADDRESS": ("IP address", Severity.MEDIUM),
    "OTHER_ID": ("Other unique identifier", Severity.MEDIUM),
}
"""Every type a finding may have, with its label and default severity. Reviewers may
mark any of these; the detector finds most (biometric identifiers and full-face photos
are not text, so none of them is here)."""

MAX_SCAN_CHARS = 200_000
"""The most characters of one text the detector reads; beyond, the rest is not scanned
and the scan says so (``Scan.truncated``), as the renderer caps what it lays out."""

TURN_PREFIX = "turn:"
DOCUMENT_PREFIX = "document:"


def type_label(pii_type: str) -> str:
    """What a reviewer reads for a type (the type itself when unknown)."""
    return PII_TYPES.get(pii_type, (pii_type, Severity.MEDIUM))[0]


def default_severity(pii_type: str) -> Severity:
    return PII_TYPES.get(pii_type, ("", Severity.MEDIUM))[1]


@dataclass(frozen=True, slots=True)
class Finding:
    """One stretch of text that identifies, or helps identify, a person."""

    type: str
    start: int
    end: int
    confidence: float
    severity: Severity
    target: str = ""
    """The text it points into (see the module docstring); empty for a bare text scan."""

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "severity": self.severity.value,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Finding:
        """A finding from its JSON (checked by :func:`finding_problems` first)."""
        severity = obj["severity"]
        return cls(
            str(obj["type"]),
            int(obj["start"]),
            int(obj["end"]),
            float(obj["confidence"]),
            # A lookup rather than the enum's call (a third of the time of reading one).
            (_SEVERITY_OF.get(severity) if type(severity) is str else None)
            or Severity(str(severity)),
            str(obj.get("target") or ""),
        )

    def at(self, target: str) -> Finding:
        return replace(self, target=target)


@dataclass(frozen=True, slots=True)
class Scan:
    """What the detector found in one text, and whether it read all of it."""

    findings: tuple[Finding, ...] = ()
    truncated: bool = False
    scanned_chars: int = 0


@dataclass(frozen=True, slots=True)
class TaskScan:
    """What the detector found in one task, per target, in task order."""

    task: str
    findings: tuple[Finding, ...] = ()
    truncated: tuple[str, ...] = ()
    """Targets longer than :data:`MAX_SCAN_CHARS` (scanned only in part)."""
    failed: str = ""
    """Why the scan failed, if it did (a detector failure never blocks review)."""


def task_texts(task: Task, *, documents: bool = True) -> dict[str, str]:
    """Every text of a task a finding may point into, keyed by target, in reading
    order: conversation turns, responses, then source documents."""
    return texts_of(task.conversation, task.responses, task.documents if documents else ())


def texts_of(
    conversation: Iterable[Turn], responses: Iterable[Response], documents: Iterable[Document]
) -> dict[str, str]:
    """:func:`task_texts` of a task's parts, before the task is made of them."""
    texts: dict[str, str] = {}
    for index, turn in enumerate(conversation):
        texts[f"{TURN_PREFIX}{index}"] = turn.content
    for response in responses:
        texts[response.id] = response.text
    for doc in documents:
        texts[f"{DOCUMENT_PREFIX}{doc.id}"] = doc.text
    return texts


_FINDING_KEYS = frozenset({"target", "type", "start", "end", "confidence", "severity"})
_SEVERITY_OF: dict[Any, Severity] = {s.value: s for s in Severity}


def _sound(item: Any, texts: Mapping[str, str] | None) -> bool:
    """True when :func:`finding_problems` has nothing to say about ``item`` (a JSON object
    with plain types, as ``docket pack`` writes every finding); False when it may have,
    and then it looks. A few comparisons instead of the dozens of calls of the full
    check: a 100,000-task bundle carries half a million findings."""
    if type(item) is not dict or not item.keys() <= _FINDING_KEYS:
        return False
    get: Any = item.get
    return _fits(
        get("type"), get("severity"), get("confidence"), get("target"), get("start"),
        get("end"), texts,
    )  # fmt: skip


def _fits(
    kind: Any, severity: Any, confidence: Any, target: Any, start: Any, end: Any,
    texts: Mapping[str, str] | None,
) -> bool:  # fmt: skip
    """The values of one finding are plain and sound (what :func:`_sound` says of a JSON
    object and :func:`sound_findings` of a typed one): a known type and severity, a
    confidence in [0, 1], a target among ``texts`` and offsets inside its text."""
    return (
        type(kind) is str
        and kind in PII_TYPES
        and type(severity) is str
        and severity in _SEVERITY_OF
        and type(confidence) in (float, int)
        and 0 <= confidence <= 1
        and type(target) is str
        and texts is not None
        and target in texts
        and type(start) is int
        and type(end) is int
        and 0 <= start < end <= len(texts[target])
    )


def sound_findings(items: Sequence[Any], texts: Mapping[str, str]) -> tuple[Finding, ...] | None:
    """The findings of typed items (objects with the attributes ``target``, ``type``,
    ``start``, ``end``, ``confidence`` and ``severity``, as a typed JSON decoder makes
    them from a bundle line's ``pii``) when every one is sound; None when any is not
    (:func:`finding_problems` over the line's JSON then says what is wrong). The
    findings are those :meth:`Finding.from_json` makes from the same JSON."""
    for item in items:
        if not _fits(item.type, item.severity, item.confidence, item.target, item.start,
                     item.end, texts):  # fmt: skip
            return None
    # Made in C from the checked attributes (half the time of calling the constructor
    # for each): the same values, the severity the enum's member.
    return msgspec.convert(items, _FINDINGS, from_attributes=True)


_FINDINGS = tuple[Finding, ...]


def finding_problems(
    value: Any, *, texts: Mapping[str, str] | None, where: str = "pii"
) -> list[tuple[str, str]]:
    """Everything wrong with a list of findings' JSON (as a bundle carries them), as
    ``(field, message)`` pairs: an unknown type or severity, offsets outside the text."""
    if not isinstance(value, list):
        return [(where, "must be a list of findings")]
    issues: list[tuple[str, str]] = []
    for i, item in enumerate(value):
        if _sound(item, texts):
            continue
        f = f"{where}[{i}]"
        if not isinstance(item, Mapping):
            issues.append((f, "must be an object"))
            continue
        extra = set(item) - _FINDING_KEYS
        if extra:
            issues.append((f, f"unknown key(s) {sorted(extra)}"))
        kind = item.get("type")
        if not isinstance(kind, str) or kind not in PII_TYPES:
            issues.append((f"{f}.type", f"unknown type; expected one of {sorted(PII_TYPES)}"))
        severity = item.get("severity")
        if not isinstance(severity, str) or severity not in _SEVERITY_OF:
            issues.append((f"{f}.severity", "must be low, medium or high"))
        confidence = item.get("confidence")
        if (
            not isinstance(confidence, int | float)
            or isinstance(confidence, bool)
            or not 0 <= confidence <= 1
        ):
            issues.append((f"{f}.confidence", "must be a number from 0 to 1"))
        issues += offset_problems(item, texts=texts, where=f)
    return issues


def offset_problems(
    item: Mapping[str, Any], *, texts: Mapping[str, str] | None, where: str
) -> list[tuple[str, str]]:
    """Problems with one item's ``target``/``start``/``end`` (against ``texts`` when
    given: the target must exist and the offsets fall inside its text)."""
    issues: list[tuple[str, str]] = []
    target, start, end = item.get("target"), item.get("start"), item.get("end")
    if not isinstance(target, str) or not target:
        issues.append((f"{where}.target", Reason("must name a response, turn:N or document:ID")))
    elif texts is not None and target not in texts:
        issues.append(
            (f"{where}.target", Reason("not a text of this task {targets}", targets=sorted(texts)))
        )
    if not (_is_int(start) and _is_int(end)) or not 0 <= int(start) < int(end):  # type: ignore[arg-type]
        issues.append(
            (f"{where}.start", Reason("start and end must be integers, 0 <= start < end"))
        )
    elif isinstance(target, str) and texts is not None and target in texts:
        length = len(texts[target])
        if int(end) > length:  # type: ignore[arg-type]
            issues.append(
                (
                    f"{where}.end",
                    Reason("beyond the end of {target} ({length})", target=target, length=length),
                )
            )
    return issues


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def normalised_value(text: str) -> str:
    """The form two mentions of one identifier share (case, spacing, punctuation of
    numbers ignored), so ``(555) 010-2233`` and ``555-010-2233`` get one placeholder."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if ch.isalnum())
    return kept or folded.strip()


@dataclass
class Masker:
    """Typed placeholders for one task: ``<PERSON_1>``, ``<PHONE_2>``; one value keeps
    one placeholder across every text of the task. ``mapping`` (placeholder -> the first
    original text) is what only the server may keep."""

    numbers: dict[str, int] = field(default_factory=dict)
    assigned: dict[tuple[str, str], str] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)

    def placeholder(self, pii_type: str, original: str) -> str:
        key = (pii_type, normalised_value(original))
        if key not in self.assigned:
            self.numbers[pii_type] = self.numbers.get(pii_type, 0) + 1
            name = f"<{pii_type}_{self.numbers[pii_type]}>"
            self.assigned[key] = name
            self.mapping[name] = original
        return self.assigned[key]

    def mask(self, text: str, findings: Iterable[Finding]) -> str:
        """``text`` with every finding replaced (overlaps merged: the longest wins)."""
        out: list[str] = []
        cursor = 0
        for f in non_overlapping(findings):
            if f.start < cursor or f.end > len(text):
                continue
            out.append(text[cursor : f.start])
            out.append(self.placeholder(f.type, text[f.start : f.end]))
            cursor = f.end
        out.append(text[cursor:])
        return "".join(out)


def non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Findings sorted by start with overlaps resolved: of overlapping findings the one
    with the higher severity, then the longer, then the more confident is kept."""
    ordered = sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], -(f.end - f.start), -f.confidence, f.start),
    )
    kept: list[Finding] = []  # sorted by start and disjoint, so sorted by end too
    starts: list[int] = []
    for f in ordered:
        i = bisect_left(starts, f.end)  # kept[:i] start before f ends
        if i and kept[i - 1].end > f.start:
            continue  # overlaps the last of them (only it can: they are disjoint)
        j = bisect_left(starts, f.start)
        starts.insert(j, f.start)
        kept.insert(j, f)
    return kept


def by_target(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.target, []).append(f)
    return out


def summary_counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Counts per type and severity (``{"PHONE": {"high": 3}}``): what a scan summary
    prints and a dataset card records."""
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        per = out.setdefault(f.type, {})
        per[f.severity.value] = per.get(f.severity.value, 0) + 1
    return dict(sorted(out.items()))


def high_severity(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.HIGH]
