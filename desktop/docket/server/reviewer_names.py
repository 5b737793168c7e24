"""Reviewers are their keys; names are how they are shown.

The merged database keys every answer by the reviewer's key fingerprint and keeps the
name of the card it was merged under. Two keys may carry one name there: a reviewer's new
key, or another party's card called "alice" merged from another keyring (older
databases, or separate merges; one keyring refuses it). Statistics grouped by the plain
name would pool those two reviewers, and reports would not tell them apart.
:func:`distinct_names` gives each fingerprint a label of its own: the name alone while it
is unambiguous, else the name with the start of the fingerprint, ``alice (ab12 cd34)``
(the whole fingerprint if even that is shared).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from docket.server.merged_store import MergedAnswer

SHORT_FINGERPRINT = 9
"""Characters of a fingerprint shown to tell two names apart: its first two groups."""


def reviewer_labels(reviewers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (fingerprint, name) pairs, one label per fingerprint, no two alike."""
    names = dict(reviewers)
    by_name: dict[str, set[str]] = defaultdict(set)
    for fingerprint, name in names.items():
        by_name[name].add(fingerprint)
    labels = {
        fp: name if len(by_name[name]) == 1 else f"{name} ({fp[:SHORT_FINGERPRINT]})"
        for fp, name in names.items()
    }
    by_label: dict[str, set[str]] = defaultdict(set)
    for fingerprint, label in labels.items():
        by_label[label].add(fingerprint)
    for fingerprints in by_label.values():
        if len(fingerprints) > 1:  # a shared prefix, or a name spelled like a label
            for fp in fingerprints:
                labels[fp] = f"{names[fp]} ({fp})"
    return labels


def distinct_names(answers: Iterable[MergedAnswer]) -> list[MergedAnswer]:
    """``answers`` with each ``reviewer_name`` replaced by its fingerprint's label, so that
    whatever groups or shows answers by name keeps different keys apart."""
    rows = list(answers)
    labels = reviewer_labels((a.reviewer, a.reviewer_name) for a in rows)
    return [
        a if labels[a.reviewer] == a.reviewer_name else replace(a, reviewer_name=labels[a.reviewer])
        for a in rows
    ]
