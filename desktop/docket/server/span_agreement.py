"""Span agreement: how far two reviewers marked the same text with the same label.

For one pair of reviewers A and B, over the tasks both answered (an answer with no spans
counts: it says nothing is wrong), per label and over all labels:

- **exact**: a match is a span of A with the same response, start, end and label as a
  span of B. Precision = matches / A's spans, recall = matches / B's spans, F1 their
  harmonic mean (= 2 · matches / (A's spans + B's spans)).
- **overlap** (partial credit, character-based): for each response and label, the
  characters A's spans of that label cover (their union, so a character two of A's own
  spans cover counts once) and the characters B's cover. Precision = characters of A's
  covered by B's spans of the same label / characters of A's; recall = characters of B's
  covered by A's / characters of B's; F1 their harmonic mean (= 2 · shared / (A's + B's)).

"Over all labels" pools the counts of every label (a micro average: a character marked
``irrelevant`` by A and ``redundant`` by B is not shared). A figure with nothing to divide
by is ``None`` (shown as –): F1 when neither reviewer marked anything of that label.
The figures pooled over every pair of reviewers add the pairs' counts the same way.

Offsets are code points into the response's raw text, end exclusive, as spans are stored
(:mod:`docket.core.spans`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

SpanKey = tuple[str, str, int, int, str]
"""(task id, response id, start, end, label): one span as agreement sees it."""

ALL = "all labels"


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """One label's (or all labels') agreement between two reviewers, or pooled."""

    label: str
    spans_a: int
    spans_b: int
    exact_matches: int
    chars_a: int
    chars_b: int
    chars_shared: int

    @property
    def exact_precision(self) -> float | None:
        return _ratio(self.exact_matches, self.spans_a)

    @property
    def exact_recall(self) -> float | None:
        return _ratio(self.exact_matches, self.spans_b)

    @property
    def exact_f1(self) -> float | None:
        return _ratio(2 * self.exact_matches, self.spans_a + self.spans_b)

    @property
    def overlap_precision(self) -> float | None:
        return _ratio(self.chars_shared, self.chars_a)

    @property
    def overlap_recall(self) -> float | None:
        return _ratio(self.chars_shared, self.chars_b)

    @property
    def overlap_f1(self) -> float | None:
        return _ratio(2 * self.chars_shared, self.chars_a + self.chars_b)

    def __add__(self, other: LabelAgreement) -> LabelAgreement:
        return LabelAgreement(
            self.label,
            self.spans_a + other.spans_a,
            self.spans_b + other.spans_b,
            self.exact_matches + other.exact_matches,
            self.chars_a + other.chars_a,
            self.chars_b + other.chars_b,
            self.chars_shared + other.chars_shared,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "spans": [self.spans_a, self.spans_b],
            "exact_matches": self.exact_matches,
            "exact_precision": self.exact_precision,
            "exact_recall": self.exact_recall,
            "exact_f1": self.exact_f1,
            "chars": [self.chars_a, self.chars_b],
            "chars_shared": self.chars_shared,
            "overlap_precision": self.overlap_precision,
            "overlap_recall": self.overlap_recall,
            "overlap_f1": self.overlap_f1,
        }


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def compare(a: Iterable[SpanKey], b: Iterable[SpanKey]) -> dict[str, LabelAgreement]:
    """Per label, and under :data:`ALL` pooled, the agreement of A's spans with B's
    (the definitions are in the module's docstring). Zero-length spans cover nothing."""
    set_a, set_b = set(a), set(b)
    labels = sorted({k[4] for k in set_a | set_b})
    chars_a, chars_b = _coverage(set_a), _coverage(set_b)
    out: dict[str, LabelAgreement] = {}
    for label in labels:
        ea = {k for k in set_a if k[4] == label}
        eb = {k for k in set_b if k[4] == label}
        ca, cb = chars_a.get(label, set()), chars_b.get(label, set())
        out[label] = LabelAgreement(
            label, len(ea), len(eb), len(ea & eb), len(ca), len(cb), len(ca & cb)
        )
    total = LabelAgreement(ALL, 0, 0, 0, 0, 0, 0)
    for agreement in out.values():
        total = total + agreement
    out[ALL] = total
    return out


def _coverage(spans: Iterable[SpanKey]) -> dict[str, set[tuple[str, str, int]]]:
    """label -> the characters (task, response, offset) its spans cover."""
    out: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for task, response, start, end, label in spans:
        out[label].update((task, response, i) for i in range(start, end))
    return out


@dataclass(slots=True)
class PairSpanAgreement:
    """Two reviewers' span agreement over the tasks both answered."""

    reviewers: tuple[str, str]
    tasks: int
    labels: dict[str, LabelAgreement] = field(default_factory=dict)

    @property
    def overall(self) -> LabelAgreement:
        return self.labels.get(ALL) or LabelAgreement(ALL, 0, 0, 0, 0, 0, 0)


@dataclass(slots=True)
class SpanAgreement:
    """One spans question's agreement: every pair of reviewers, and pooled."""

    question: str
    pairs: list[PairSpanAgreement]
    pooled: dict[str, LabelAgreement]

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "pairs": [
                {
                    "reviewers": list(p.reviewers),
                    "tasks": p.tasks,
                    "overall": p.overall.to_json(),
                    "labels": [v.to_json() for k, v in p.labels.items() if k != ALL],
                }
                for p in self.pairs
            ],
            "overall": self.pooled.get(ALL, LabelAgreement(ALL, 0, 0, 0, 0, 0, 0)).to_json(),
            "labels": [v.to_json() for k, v in self.pooled.items() if k != ALL],
        }


def pair_agreement(
    question: str, marked: Mapping[str, Mapping[str, Sequence[SpanKey]]]
) -> SpanAgreement:
    """``marked``: task id -> reviewer -> the spans that reviewer marked on that task (an
    empty list when they answered and marked nothing). Every pair of reviewers who
    answered a common task is compared over those tasks, the pair named in sorted order
    (A the first)."""
    reviewers = sorted({who for by in marked.values() for who in by})
    pairs: list[PairSpanAgreement] = []
    pooled: dict[str, LabelAgreement] = {}
    for a, b in combinations(reviewers, 2):
        shared = [t for t, by in marked.items() if a in by and b in by]
        if not shared:
            continue
        labels = compare(
            [k for t in shared for k in marked[t][a]], [k for t in shared for k in marked[t][b]]
        )
        pairs.append(PairSpanAgreement((a, b), len(shared), labels))
        for label, value in labels.items():
            pooled[label] = pooled[label] + value if label in pooled else value
    ordered = {k: pooled[k] for k in sorted(pooled) if k != ALL}
    if ALL in pooled:
        ordered[ALL] = pooled[ALL]
    return SpanAgreement(question, pairs, ordered)
