"""Scoring the PII detector on the labelled shared set (tests/data/pii, Presidio research).

How a finding is scored (the README's "Finding PII" repeats it):

- labels are mapped to Docket's types by :data:`LABELS`; labels of kinds Docket does not
  find (dates and times, ages, job titles, nationalities, organisations) are *neutral*;
- a labelled span is found (recall) when a finding of its type overlaps it by at least
  one character (overlap match: the label's boundaries and the detector's differ, e.g.
  ``Dr.`` is labelled apart from the name);
- a finding is correct (precision) when it overlaps a label of its type; it is not
  counted at all when it overlaps only neutral labels or, for ADDRESS, LOCATION and ZIP,
  a label of one of the other two (a town inside a labelled address is not a false
  place); otherwise it is a false positive.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "pii" / "synth_dataset_v2_0-999.jsonl.gz"

LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "STREET_ADDRESS": "ADDRESS",
    "GPE": "LOCATION",
    "ZIP_CODE": "ZIP",
    "CREDIT_CARD": "CREDIT_CARD",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "DOMAIN_NAME": "URL",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "LICENCE",
    "DATE_TIME": None,
    "AGE": None,
    "TITLE": None,
    "NRP": None,
    "ORGANIZATION": None,
}
"""Presidio's label -> Docket's type (None: a kind Docket does not look for)."""

PLACES = frozenset({"ADDRESS", "LOCATION", "ZIP"})

BENCH_KEYS: dict[str, str] = {
    "email": "EMAIL",
    "phone": "PHONE",
    "credit_card": "CREDIT_CARD",
    "iban": "IBAN",
    "ssn": "SSN",
    "ip": "IP_ADDRESS",
    "url": "URL",
    "person": "PERSON",
    "location": "LOCATION",
    "address": "ADDRESS",
}
"""Key in bench-results.json (``pii_<key>_precision``) -> type."""

STRUCTURED = ("email", "phone", "credit_card", "iban", "ssn", "ip", "url")


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    correct: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def rows() -> list[dict[str, object]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


Span = tuple[str, int, int]


def score(
    detect: Callable[[str], Sequence[Span]], data: Sequence[dict[str, object]] | None = None
) -> tuple[dict[str, Score], list[tuple[str, str, str]]]:
    """Per-type scores of ``detect`` (text -> (type, start, end) spans), and the misses
    and false positives as ``(kind, type, text)`` for reading."""
    scores: dict[str, Score] = {}
    errors: list[tuple[str, str, str]] = []
    for row in data if data is not None else rows():
        text = str(row["full_text"])
        spans = row["spans"]
        assert isinstance(spans, list)
        gold = [(LABELS[s["entity_type"]], s["start_position"], s["end_position"]) for s in spans]
        found = list(detect(text))
        for kind, start, end in gold:
            if kind is None:
                continue
            sc = scores.setdefault(kind, Score())
            sc.labelled += 1
            if any(k == kind and s < end and start < e for k, s, e in found):
                sc.found += 1
            else:
                errors.append(("missed", kind, text[start:end]))
        for kind, start, end in found:
            over = [g for g in gold if g[1] < end and start < g[2]]
            sc = scores.setdefault(kind, Score())
            if any(g[0] == kind for g in over):
                sc.predicted += 1
                sc.correct += 1
            elif over and all(g[0] is None or (kind in PLACES and g[0] in PLACES) for g in over):
                continue
            else:
                sc.predicted += 1
                errors.append(("false", kind, text[start:end]))
    return scores, errors


def docket_spans(text: str) -> list[Span]:
    from docket.core.pii_detect import scan_text

    return [(f.type, f.start, f.end) for f in scan_text(text).findings]


def figures(scores: dict[str, Score]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, kind in BENCH_KEYS.items():
        sc = scores.get(kind, Score())
        out[f"pii_{key}_precision"] = round(sc.precision, 3)
        out[f"pii_{key}_recall"] = round(sc.recall, 3)
    return out


if __name__ == "__main__":  # a table of the figures and the errors, for tuning by eye
    import sys

    result, errs = score(docket_spans)
    for kind, sc in sorted(result.items()):
        print(
            f"{kind:14} P {sc.precision:.3f} ({sc.correct}/{sc.predicted})  R {sc.recall:.3f} ({sc.found}/{sc.labelled})"
        )
    wanted = set(sys.argv[1:])
    for kind, t, text in errs:
        if t in wanted:
            print(kind, t, repr(text))
