"""The reviewer's word on PII: what the detector missed and what it got wrong.

Answer JSON (question type ``pii``)::

    "pii": {
      "marked":    [{"target": "<response id>" | "turn:N" | "document:ID",
                     "start": n, "end": n, "quote": "<raw text>", "type": "PERSON"}],
      "dismissed": [{"target": ..., "start": n, "end": n, "type": "PHONE"}]
    }

Offsets are Unicode code points into the target's raw text, end exclusive, as spans
count them; a mark quotes its text so it can be checked (the quote must be exactly the
text at the offsets). A dismissal names a detector finding by target, offsets and type
and quotes nothing. :func:`reviewed_findings` is the one reading of both: what counts as
PII in a task once its reviewers have spoken (``dataset export --redact`` masks that).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from docket.core.pii import PII_TYPES, Finding, default_severity, offset_problems
from docket.reasons import Reason

MAX_PII_ITEMS = 2_000
"""The most marks (and, separately, dismissals) one answer may hold."""
_MARK_KEYS = {"target", "start", "end", "quote", "type"}
_DISMISS_KEYS = {"target", "start", "end", "type"}


@dataclass(frozen=True, slots=True)
class PiiMark:
    """A stretch of text a reviewer marked as PII, or a finding they dismissed."""

    target: str
    start: int
    end: int
    type: str
    quote: str = ""

    def to_json(self, *, quote: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "target": self.target,
            "start": self.start,
            "end": self.end,
            "type": self.type,
        }
        if quote:
            out["quote"] = self.quote
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> PiiMark:
        """From checked JSON (:func:`pii_answer_problems` first)."""
        return cls(
            str(obj["target"]),
            int(obj["start"]),
            int(obj["end"]),
            str(obj["type"]),
            str(obj.get("quote") or ""),
        )

    def matches(self, finding: Finding) -> bool:
        return (finding.target, finding.start, finding.end, finding.type) == (
            self.target,
            self.start,
            self.end,
            self.type,
        )


@dataclass(frozen=True, slots=True)
class PiiAnswer:
    marked: tuple[PiiMark, ...] = ()
    dismissed: tuple[PiiMark, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "marked": [m.to_json() for m in self.marked],
            "dismissed": [d.to_json(quote=False) for d in self.dismissed],
        }

    @classmethod
    def from_json(cls, value: Any) -> PiiAnswer:
        """From checked JSON; anything else reads as no answer."""
        if not isinstance(value, Mapping):
            return cls()
        return cls(
            tuple(PiiMark.from_json(m) for m in value.get("marked") or ()),
            tuple(PiiMark.from_json(d) for d in value.get("dismissed") or ()),
        )

    @property
    def empty(self) -> bool:
        return not self.marked and not self.dismissed


def pii_answer_problems(
    value: Any, *, texts: Mapping[str, str] | None, where: str = "pii"
) -> list[tuple[str, str]]:
    """Everything wrong with a ``pii`` answer, as ``(field, message)`` pairs. With
    ``texts`` (target -> raw text, :func:`docket.core.pii.task_texts`) the targets,
    offsets and quotes are checked against the task."""
    if not isinstance(value, Mapping):
        return [(where, Reason("must be an object with 'marked' and 'dismissed' lists"))]
    issues: list[tuple[str, str]] = []
    extra = set(value) - {"marked", "dismissed"}
    if extra:
        issues.append(
            (
                where,
                Reason(
                    "unknown key(s) {keys} (expected 'marked', 'dismissed')", keys=sorted(extra)
                ),
            )
        )
    for part, keys in (("marked", _MARK_KEYS), ("dismissed", _DISMISS_KEYS)):
        items = value.get(part, [])
        f = f"{where}.{part}"
        if not isinstance(items, list):
            issues.append((f, Reason("must be a list")))
            continue
        if len(items) > MAX_PII_ITEMS:
            issues.append(
                (f, Reason("at most {n} items ({given} given)", n=MAX_PII_ITEMS, given=len(items)))
            )
            continue
        seen: set[tuple[Any, ...]] = set()
        for i, item in enumerate(items):
            at = f"{f}[{i}]"
            if not isinstance(item, Mapping):
                issues.append((at, Reason("must be an object")))
                continue
            unknown = set(item) - keys
            if unknown:
                issues.append((at, Reason("unknown key(s) {keys}", keys=sorted(unknown))))
            if item.get("type") not in PII_TYPES:
                issues.append(
                    (
                        f"{at}.type",
                        Reason("unknown type; expected one of {types}", types=sorted(PII_TYPES)),
                    )
                )
            found = offset_problems(item, texts=texts, where=at)
            issues += found
            if part == "marked":
                quote = item.get("quote")
                if not isinstance(quote, str):
                    issues.append((f"{at}.quote", Reason("must be the marked text")))
                elif not found and texts is not None:
                    actual = texts[item["target"]][item["start"] : item["end"]]
                    if quote != actual:
                        issues.append((f"{at}.quote", Reason("is not the text at these offsets")))
            key = (item.get("target"), item.get("start"), item.get("end"), item.get("type"))
            if key in seen:
                issues.append((at, Reason("the same stretch is listed twice")))
            seen.add(key)
    return issues


def reviewed_findings(detected: Iterable[Finding], answers: Iterable[Any]) -> list[Finding]:
    """What counts as PII in a task once its reviewers have spoken: the detector's
    findings that no reviewer dismissed, plus every stretch any reviewer marked (at
    confidence 1 and its type's default severity). ``answers`` are ``pii`` answer
    values, one per reviewer (malformed ones count as none). Leaving a real identifier
    in is worse than masking a harmless word, so one reviewer's mark is enough and
    a dismissal counts only when no other reviewer marked the same stretch."""
    parsed = [PiiAnswer.from_json(a) for a in answers]
    dismissed = [d for p in parsed for d in p.dismissed]
    marked = {(m.target, m.start, m.end, m.type): m for p in parsed for m in p.marked}
    out = [
        f
        for f in detected
        if not any(d.matches(f) for d in dismissed) or (f.target, f.start, f.end, f.type) in marked
    ]
    have = {(f.target, f.start, f.end, f.type) for f in out}
    for key, m in marked.items():
        if key not in have:
            out.append(Finding(m.type, m.start, m.end, 1.0, default_severity(m.type), m.target))
    return sorted(out, key=lambda f: (f.target, f.start, f.end))
