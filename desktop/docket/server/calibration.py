"""Calibration scores: how each reviewer's answers to calibration rounds compare with
the expected answers.

A calibration round (``docket pack --calibration``) is a training bundle of gold items
whose expected answers the reviewer sees after each answer; ``docket merge`` keeps its
answers in their own table (:meth:`MergedStore.calibration_answers`), never with the
project's answers. Scoring uses :func:`docket.core.calibration.grade`, the rule the review
window shows the reviewer too: preference, the same better response (a tie matches a
tie); ranking, the same order; likert, within one point, per response and dimension;
rubric, the share of criterion grades that agree; choice, the same option(s).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from docket.core.calibration import grade
from docket.core.rules import too_fast
from docket.core.schema import Schema
from docket.errors import SchemaError
from docket.server.agreement_stats import wilson_interval
from docket.server.merged_store import MergedStore
from docket.server.reviewer_names import reviewer_labels

__all__ = ["CalibrationScore", "KindScore", "calibration_scores"]


@dataclass(frozen=True, slots=True)
class KindScore:
    """One question type's items for one reviewer.

    - ``kind``: ``preference``, ``ranking``, ``likert``, ``rubric`` or ``choice``;
    - ``correct`` / ``total``: items matched / items scored (for likert, ratings within
      one point; ``exact`` counts those equal to the expected rating; elsewhere
      ``exact == correct``);
    - ``accuracy``: ``correct / total``;
    - ``interval``: Wilson score 95 % interval of the accuracy
      (:func:`~docket.server.agreement_stats.wilson_interval`), None without items.
    """

    kind: str
    correct: int
    total: int
    exact: int
    accuracy: float | None
    interval: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class CalibrationScore:
    """One reviewer's calibration score, over every calibration task they answered.

    - ``reviewer``: the reviewer's label (:func:`docket.server.reviewer_names.reviewer_labels`:
      the name, with the start of the key fingerprint when two keys share it);
    - ``fingerprint``: the reviewer's key fingerprint;
    - ``tasks``: calibration tasks answered; ``tasks_correct``: those whose every scored
      item matched;
    - ``correct`` / ``total``: scored items matched / scored over all question types
      (one per preference, ranking or choice question; one per likert rating; one per
      rubric criterion graded in the expected answer);
    - ``accuracy``: ``correct / total`` (None without items), ``interval`` its Wilson score
      95 % interval (None without items);
    - ``by_kind``: the same per question type, in the order preference, ranking, likert,
      rubric, choice (types without items left out);
    - ``revised``: tasks answered more than once (revision > 1): the window does not let a
      reviewer change a calibration answer after seeing the expected one, so a revised
      answer is worth a look;
    - ``too_fast``: tasks answered faster than the form's ``min_seconds``
      (:func:`docket.core.rules.too_fast`).
    """

    reviewer: str
    fingerprint: str
    tasks: int
    tasks_correct: int
    correct: int
    total: int
    accuracy: float | None
    interval: tuple[float, float] | None
    by_kind: tuple[KindScore, ...]
    revised: int
    too_fast: int


_KIND_ORDER = ("preference", "ranking", "likert", "rubric", "choice")


def calibration_scores(store: MergedStore) -> list[CalibrationScore]:
    """Per reviewer of the store's project who answered a calibration round, their
    score (see :class:`CalibrationScore`), sorted by label. Empty when nobody did."""
    answers = list(store.calibration_answers())
    labels = reviewer_labels((a.reviewer, a.reviewer_name) for a in answers)
    kinds: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    tasks: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tasks, right, revised, fast
    forms: dict[str, Schema] = {}
    for a in answers:
        key = repr(sorted(a.schema.items()))
        try:
            schema = forms.get(key) or forms.setdefault(key, Schema.from_json(a.schema))
        except SchemaError:
            store.warnings.append(f"skipped calibration task {a.task_id!r}: unreadable form")
            continue
        grades = grade(schema, a.answers, a.expected)
        tally = tasks[a.reviewer]
        tally[0] += 1
        tally[1] += bool(grades) and all(g.correct for g in grades)
        tally[2] += a.revision > 1
        tally[3] += too_fast(schema, a.time_spent_s)
        for g in grades:
            counts = kinds[a.reviewer][g.kind]
            counts[0] += g.matched
            counts[1] += g.total
            counts[2] += g.exact
    out = []
    for fp, (n, right, revised, fast) in tasks.items():
        by_kind = tuple(
            KindScore(kind, c, t, e, c / t if t else None, wilson_interval(c, t))
            for kind in _KIND_ORDER
            if kind in kinds[fp]
            for c, t, e in [kinds[fp][kind]]
        )
        correct = sum(k.correct for k in by_kind)
        total = sum(k.total for k in by_kind)
        out.append(
            CalibrationScore(
                reviewer=labels[fp],
                fingerprint=fp,
                tasks=n,
                tasks_correct=right,
                correct=correct,
                total=total,
                accuracy=correct / total if total else None,
                interval=wilson_interval(correct, total),
                by_kind=by_kind,
                revised=revised,
                too_fast=fast,
            )
        )
    return sorted(out, key=lambda s: s.reviewer)
