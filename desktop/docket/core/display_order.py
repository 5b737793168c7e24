"""Blinded, randomised display order: which response shows as A, B, C ... for a reviewer.

The order is a deterministic function of (reviewer, task, set of response ids), so it is
the same every time the reviewer opens the task (and can be recomputed by the server),
differs between reviewers, and does not depend on the order the responses were packed
in (a TRL row always lists ``chosen`` first; that must not leak into position A).
"""

from __future__ import annotations

import functools
import hashlib
import random
import string
from collections.abc import Iterable
from dataclasses import dataclass


def blinded_label(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, like spreadsheet columns."""
    if index < 0:
        raise ValueError("index must be >= 0")
    label = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        label = string.ascii_uppercase[rem] + label
    return label


@dataclass(frozen=True, slots=True)
class DisplayOrder:
    """Response ids in screen order; ``labels[i]`` is the label shown for ``order[i]``."""

    order: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(set(self.order)) != len(self.order):
            raise ValueError(f"response ids must be unique, got {list(self.order)}")

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(blinded_label(i) for i in range(len(self.order)))

    def label_of(self, response_id: str) -> str:
        return blinded_label(self.order.index(response_id))

    def id_of(self, label: str) -> str:
        return self.order[self.labels.index(label)]

    def to_json(self) -> dict[str, str]:
        """``{"A": "<response id>", ...}``: what is stored with the answer."""
        return dict(zip(self.labels, self.order, strict=True))

    @classmethod
    def from_json(cls, data: dict[str, str]) -> DisplayOrder:
        in_order = _labels(len(data))
        if tuple(data) == in_order:  # the common case: written in order
            return cls(tuple(data.values()))
        labels = sorted(data, key=lambda lab: (len(lab), lab))
        expected = list(in_order)
        if labels != expected:
            # A gap or a foreign key would otherwise silently shift every later label.
            raise ValueError(f"display order labels must be {expected}, got {labels}")
        return cls(tuple(data[lab] for lab in labels))


def display_order(reviewer: str, task_id: str, response_ids: Iterable[str]) -> DisplayOrder:
    """The reviewer's order for this task: a seeded shuffle of the sorted ids."""
    ids = sorted(response_ids)
    if len(set(ids)) != len(ids):
        raise ValueError("response ids must be unique")
    digest = hashlib.sha256(f"docket-display-order\0{reviewer}\0{task_id}".encode()).digest()
    random.Random(int.from_bytes(digest, "big")).shuffle(ids)
    return DisplayOrder(tuple(ids))


@functools.lru_cache(maxsize=64)
def _labels(n: int) -> tuple[str, ...]:
    """The labels of a display order of ``n`` responses, in order."""
    return tuple(blinded_label(i) for i in range(n))
