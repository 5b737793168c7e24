"""Spans: where exactly a response is wrong, and why.

Fine-grained feedback marks the stretch of a response that is wrong and says how (Wu et
al., 2023: irrelevant, incoherent, redundant, unverifiable, wrong grounding), with an
MQM-style severity. A span names its response and Unicode code-point offsets into the
response's **raw markdown** (end exclusive) plus the quoted raw text, so it survives any
change of rendering and can be checked: the quote must be exactly the text at the
offsets. The rules live here once, used when a task with prior spans is packed, when an
answer is recorded, and when the server checks a result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docket.reasons import Reason

DEFAULT_SPAN_LABELS: tuple[tuple[str, str], ...] = (
    ("irrelevant", "Irrelevant"),
    ("incoherent", "Incoherent"),
    ("redundant", "Redundant"),
    ("unverifiable", "Unverifiable"),
    ("wrong-grounding", "Wrong grounding"),
    ("hallucination", "Hallucination"),
    ("unsafe", "Unsafe"),
    ("pii", "PII"),
)
"""Fine-Grained RLHF's error categories, plus hallucination, unsafe and PII."""
SEVERITIES: tuple[str, ...] = ("minor", "major", "critical")
MAX_SPANS = 2_000
MAX_COMMENT_CHARS = 2_000
_KEYS = {"response", "start", "end", "quote", "label", "severity", "comment"}


@dataclass(frozen=True, slots=True)
class Span:
    """One marked stretch of a response."""

    response: str
    start: int
    end: int
    quote: str
    label: str
    severity: str | None = None
    comment: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "response": self.response,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "label": self.label,
            "severity": self.severity,
            "comment": self.comment,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Span:
        """A span from its JSON (checked by :func:`span_problems` first)."""
        severity = obj.get("severity")
        return cls(
            str(obj["response"]),
            int(obj["start"]),
            int(obj["end"]),
            str(obj["quote"]),
            str(obj["label"]),
            None if severity is None else str(severity),
            str(obj.get("comment") or ""),
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def span_problems(
    value: Any,
    *,
    texts: Mapping[str, str] | None,
    labels: Sequence[str],
    allow_overlap: bool = True,
    where: str = "spans",
) -> list[tuple[str, str]]:
    """Every problem with a spans answer as ``(path, message)``; empty when valid.

    Structural checks always run; with ``texts`` (response id -> raw text) each span is
    also checked against its response: inside the text, not splitting a surrogate pair
    (impossible in Python strings, so: on a code point), and its quote exactly the text
    at its offsets; and overlaps between spans of one response are refused unless
    ``allow_overlap``."""
    if not isinstance(value, list):
        return [(where, Reason("expected a list of spans"))]
    if len(value) > MAX_SPANS:
        return [(where, Reason("at most {n} spans ({given} given)", n=MAX_SPANS, given=len(value)))]
    problems: list[tuple[str, str]] = []
    placed: dict[str, list[tuple[int, int, int]]] = {}
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(item, Mapping):
            problems.append((at, Reason("expected a span object")))
            continue
        unknown = sorted(set(item) - _KEYS)
        if unknown:
            problems.append((at, Reason("unknown key(s) {keys}", keys=unknown)))
        rid, quote = item.get("response"), item.get("quote")
        start: Any = item.get("start")
        end: Any = item.get("end")
        if not isinstance(rid, str) or (texts is not None and rid not in texts):
            known = sorted(texts) if texts is not None else []
            problems.append(
                (f"{at}.response", Reason("not a response of this task {ids}", ids=known))
            )
            continue
        if not (_is_int(start) and _is_int(end)):
            problems.append((at, Reason("start and end must be whole numbers")))
            continue
        if start < 0 or end <= start:
            problems.append(
                (
                    at,
                    Reason(
                        "a span needs 0 <= start < end (got {start}..{end})", start=start, end=end
                    ),
                )
            )
            continue
        if not isinstance(quote, str):
            problems.append((f"{at}.quote", Reason("expected the quoted raw text")))
            continue
        if texts is not None:
            text = texts[rid]
            if end > len(text):
                problems.append(
                    (
                        at,
                        Reason(
                            "outside the response ({start}..{end}, the text has {length})",
                            start=start,
                            end=end,
                            length=len(text),
                        ),
                    )
                )
                continue
            if text[start:end] != quote:
                problems.append(
                    (f"{at}.quote", Reason("the quote is not the response's text at these offsets"))
                )
                continue
        elif len(quote) != end - start:
            problems.append(
                (f"{at}.quote", Reason("the quote's length does not match the offsets"))
            )
            continue
        label = item.get("label")
        if label not in labels:
            problems.append(
                (
                    f"{at}.label",
                    Reason(
                        "expected one of {allowed}, got {got!r}", allowed=list(labels), got=label
                    ),
                )
            )
        severity = item.get("severity")
        if severity is not None and severity not in SEVERITIES:
            problems.append(
                (
                    f"{at}.severity",
                    Reason(
                        "expected one of {allowed} or null, got {got!r}",
                        allowed=list(SEVERITIES),
                        got=severity,
                    ),
                )
            )
        comment = item.get("comment", "")
        if comment is not None and not isinstance(comment, str):
            problems.append((f"{at}.comment", Reason("expected text")))
        elif comment and len(comment) > MAX_COMMENT_CHARS:
            problems.append(
                (f"{at}.comment", Reason("at most {n} characters", n=MAX_COMMENT_CHARS))
            )
        if not allow_overlap:
            for other, o_start, o_end in placed.get(rid, []):
                if start < o_end and o_start < end:
                    problems.append(
                        (
                            at,
                            Reason("overlaps span {n}; overlaps are not allowed", n=other + 1),
                        )
                    )
                    break
        placed.setdefault(rid, []).append((i, start, end))
    return problems


def spans_of(value: Any) -> list[Span]:
    """The spans of an answer, skipping any malformed entry: the one lenient reading."""
    out: list[Span] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping) and not span_problems(
                [item], texts=None, labels=[str(item.get("label"))]
            ):
                out.append(Span.from_json(item))
    return out


def changed_chars(base: str, text: str) -> int:
    """How many characters a rewrite changed from its base (inserted plus deleted), the
    measure ``min_changed_chars`` is checked against: compared line by line, then word
    by word (whitespace kept as tokens) inside the changed lines, so it stays fast on a
    20,000-character rewrite edited all over (:mod:`docket.core.text_diff`)."""
    from docket.core.text_diff import changed_count

    return changed_count(base, text)
