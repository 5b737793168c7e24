"""The model scorecard of ``docket report``: which model is better, and by how much.

Bradley-Terry ratings with bootstrap intervals and the win / tie / loss matrix come from
:mod:`docket.server.ratings`; rubric scores from :mod:`docket.server.rubric_agreement`.
This module adds what is read per model from the reviewers' answers: mean likert scores
per dimension, flag rates (hallucination, unsafe, PII, refusal, …), and a check of
whether the longer answer wins more often than chance.

Every figure carries its sample size and the method of its interval, named in
:data:`METHODS` so the report prints the same words the code computes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from docket.core.schema import FlagsQuestion, LikertQuestion, Question, Schema
from docket.server.agreement_stats import wilson_interval
from docket.server.merged_store import MergedAnswer
from docket.server.ratings import (
    Cell,
    Intervals,
    Outcome,
    Ties,
    WinCounts,
    bootstrap_intervals_of_cells,
    bradley_terry_of_cells,
    outcome_cells,
    win_matrix_of_cells,
)
from docket.server.schemas import Schemas, schema_for
from docket.server.verdicts import PairVote

Facts = Mapping[str, Mapping[str, tuple[str | None, int]]]
"""Per task, per response id: (model, length in characters): ``MergedStore.response_facts``."""

TIES: Ties = "half"
"""Ties count half a win to each side in the ratings, as Chatbot Arena does."""
BOOTSTRAP_ROUNDS = 1000
SEED = 0
Z95 = 1.96

METHODS = {
    "ratings": (
        "Bradley-Terry by maximum likelihood (Hunter's MM algorithm), ties counted as half "
        "a win to each side as Chatbot Arena does, on the Elo-like scale 1000 + 400·log10 "
        "of the strength (mean 1000; 400 points are odds of 10 to 1)"
    ),
    "likert": "mean ± 1.96 standard errors (normal approximation)",
    "flags": "Wilson score interval (95 %)",
    "length": "Wilson score interval (95 %) of the share of decisive judgments the longer "
    "response won",
}


@dataclass(frozen=True, slots=True)
class ModelRating:
    model: str
    rating: float
    low: float | None
    high: float | None
    wins: int
    ties: int
    losses: int

    @property
    def comparisons(self) -> int:
        return self.wins + self.ties + self.losses


@dataclass(frozen=True, slots=True)
class LikertScore:
    question: str
    dimension: str
    model: str
    mean: float
    low: float | None
    high: float | None
    n: int
    scale: tuple[int, int]


@dataclass(frozen=True, slots=True)
class FlagRate:
    flag: str
    label: str
    model: str
    flagged: int
    judged: int
    low: float | None
    high: float | None

    @property
    def rate(self) -> float:
        return self.flagged / self.judged if self.judged else 0.0


@dataclass(frozen=True, slots=True)
class LengthBucket:
    """Decisive judgments whose longer response is ``label`` longer than the shorter."""

    label: str
    decisive: int
    longer_won: int
    low: float | None
    high: float | None

    @property
    def share(self) -> float | None:
        return self.longer_won / self.decisive if self.decisive else None


LENGTH_BUCKETS = (
    (1.1, "under 10 % longer"),
    (1.5, "10–50 % longer"),
    (math.inf, "over 50 % longer"),
)


@dataclass(frozen=True, slots=True)
class LengthCheck:
    overall: LengthBucket
    buckets: tuple[LengthBucket, ...]
    ties: int
    """Judgments that were ties (left out: neither response won)."""
    equal_length: int
    """Decisive judgments between responses of the same length (left out)."""

    @property
    def biased(self) -> bool:
        """Whether the longer response wins more often than chance: the interval of the
        share lies wholly above one half."""
        return self.overall.low is not None and self.overall.low > 0.5


@dataclass(frozen=True, slots=True)
class Ratings:
    models: tuple[ModelRating, ...]
    """Best first."""
    matrix: dict[tuple[str, str], WinCounts]
    method: str
    interval_method: str
    outcomes: int


def model_ratings(
    outcomes: Sequence[Outcome], *, rounds: int = BOOTSTRAP_ROUNDS, seed: int = SEED
) -> Ratings | None:
    """Ratings with their bootstrap intervals and the win matrix; ``None`` without any
    outcome between two models."""
    if not outcomes:
        return None
    return model_ratings_of_cells(outcome_cells(outcomes), rounds=rounds, seed=seed)


def model_ratings_of_cells(
    cells: Mapping[Cell, int], *, rounds: int = BOOTSTRAP_ROUNDS, seed: int = SEED
) -> Ratings | None:
    """:func:`model_ratings` of the outcomes counted in ``cells``
    (:func:`docket.server.ratings.outcome_cells`: each cell in the order it first occurs),
    the same figures to the last bit; ``None`` without any outcome."""
    if not any(cells.values()):
        return None
    intervals: Intervals = bootstrap_intervals_of_cells(cells, rounds=rounds, seed=seed, ties=TIES)
    ratings = intervals.ratings or bradley_terry_of_cells(cells, ties=TIES)
    matrix = win_matrix_of_cells(cells)
    rows = []
    for model, rating in ratings.items():
        counts = [c for (a, _), c in matrix.items() if a == model]
        low, high = intervals.interval.get(model, (None, None))
        rows.append(
            ModelRating(
                model,
                rating,
                low,
                high,
                sum(c.wins for c in counts),
                sum(c.ties for c in counts),
                sum(c.losses for c in counts),
            )
        )
    rows.sort(key=lambda r: (-r.rating, r.model))
    total = sum(cells.values())
    return Ratings(tuple(rows), matrix, METHODS["ratings"], intervals.method, total)


Q = TypeVar("Q", bound=Question)


class FormQuestions:
    """The questions of one type in each form, found once per form rather than once per
    answer (a million answers share a handful of forms). Keyed by the form object's
    identity, which the cache keeps alive so that an identity is never reused."""

    def __init__(self, kind: type[Q]) -> None:
        self._kind = kind
        self._found: dict[int, tuple[Schema, tuple[Any, ...]]] = {}

    def __call__(self, schema: Schema) -> tuple[Any, ...]:
        hit = self._found.get(id(schema))
        if hit is None:
            hit = (schema, tuple(q for q in schema.questions if isinstance(q, self._kind)))
            self._found[id(schema)] = hit
        return hit[1]


def _mean_interval(values: Sequence[float]) -> tuple[float, float | None, float | None]:
    n = len(values)
    mean = math.fsum(values) / n
    if n < 2:
        return mean, None, None
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    half = Z95 * math.sqrt(variance / n)
    return mean, mean - half, mean + half


def mean_interval_of_counts(
    counts: Mapping[int, int],
) -> tuple[float, float | None, float | None, int]:
    """:func:`_mean_interval` of integer scores given as score -> how many times (and
    their number): the same floats to the last bit (``math.fsum`` is exactly rounded,
    and so is the exact sum of the same terms taken ``counts`` times each)."""
    from fractions import Fraction

    n = sum(counts.values())
    mean = float(sum(v * c for v, c in counts.items())) / n
    if n < 2:
        return mean, None, None, n
    exact = sum((Fraction((float(v) - mean) ** 2) * c for v, c in counts.items()), Fraction(0))
    variance = float(exact) / (n - 1)
    half = Z95 * math.sqrt(variance / n)
    return mean, mean - half, mean + half, n


def likert_scores(
    answers: Sequence[MergedAnswer], schemas: Schemas, facts: Facts
) -> list[LikertScore]:
    """Per likert question, dimension and model: the mean score over every reviewer's
    rating of that model's responses, with a normal-approximation 95 % interval."""
    values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    scales: dict[tuple[str, str, str], tuple[int, int]] = {}
    likert_of = FormQuestions(LikertQuestion)
    for a in answers:
        models = facts.get(a.task_id)
        if not models:
            continue
        for q in likert_of(schema_for(schemas, a)):
            given = a.answers.get(q.id)
            if not isinstance(given, dict):
                continue
            for rid, dims in given.items():
                model = models.get(rid, (None, 0))[0]
                if model is None or not isinstance(dims, dict):
                    continue
                for dim, score in dims.items():
                    if isinstance(score, (int, float)) and not isinstance(score, bool):
                        key = (q.id, str(dim), model)
                        values[key].append(float(score))
                        scales[key] = (q.scale_min, q.scale_max)
    out = []
    for key in sorted(values):
        mean, low, high = _mean_interval(values[key])
        out.append(LikertScore(*key, mean, low, high, len(values[key]), scales[key]))
    return out


def flag_rates(answers: Sequence[MergedAnswer], schemas: Schemas, facts: Facts) -> list[FlagRate]:
    """Per response flag of the forms and per model: how many of the model's judged
    responses reviewers flagged (a response counts once per reviewer who answered the
    flags question on its task; not flagging it counts as judged and not flagged)."""
    flagged: dict[tuple[str, str], int] = defaultdict(int)
    judged: dict[tuple[str, str], int] = defaultdict(int)
    labels: dict[str, str] = {}
    flags_of = FormQuestions(FlagsQuestion)
    for a in answers:
        models = facts.get(a.task_id)
        if not models:
            continue
        for q in flags_of(schema_for(schemas, a)):
            if q.id not in a.answers:
                continue
            given = a.answers.get(q.id)
            chosen = given if isinstance(given, dict) else {}
            for flag, label in q.response_flags:
                labels.setdefault(flag, label)
            for rid in set(a.display_order.values()):
                model = models.get(rid, (None, 0))[0]
                if model is None:
                    continue
                marked = chosen.get(rid)
                marked_set = set(marked) if isinstance(marked, list) else set()
                for flag, _ in q.response_flags:
                    judged[(flag, model)] += 1
                    if flag in marked_set:
                        flagged[(flag, model)] += 1
    out = []
    for flag, model in sorted(judged):
        n, k = judged[(flag, model)], flagged[(flag, model)]
        low, high = wilson_interval(k, n) or (None, None)
        out.append(FlagRate(flag, labels.get(flag, flag), model, k, n, low, high))
    return out


def length_check(
    answers: Sequence[MergedAnswer],
    votes: Sequence[Mapping[tuple[str, str], PairVote]],
    facts: Facts,
) -> LengthCheck | None:
    """Does the longer response win more often? Over every reviewer's pair judgments
    (preferences, and each pair a ranking orders) between responses of known length;
    ``votes`` are the answers' pair votes (:func:`docket.server.verdicts.answer_votes`,
    aligned with ``answers``); ``None`` when there is none."""
    ties = equal = 0
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    for a, found in zip(answers, votes, strict=True):
        lengths = facts.get(a.task_id)
        if not lengths:
            continue
        for (x, y), vote in found.items():
            if x not in lengths or y not in lengths:
                continue
            if vote.winner is None:
                ties += 1
                continue
            lx, ly = lengths[x][1], lengths[y][1]
            if lx == ly:
                equal += 1
                continue
            longer = x if lx > ly else y
            ratio = max(lx, ly) / max(1, min(lx, ly))
            where = next(label for bound, label in LENGTH_BUCKETS if ratio < bound)
            won = int(vote.winner == longer)
            tally[where][0] += 1
            tally[where][1] += won
            total[0] += 1
            total[1] += won
    if not total[0] and not ties and not equal:
        return None

    def bucket(label: str, n: int, k: int) -> LengthBucket:
        low, high = wilson_interval(k, n) or (None, None)
        return LengthBucket(label, n, k, low, high)

    return LengthCheck(
        bucket("all decisive judgments", *total),
        tuple(bucket(label, *tally[label]) for _, label in LENGTH_BUCKETS),
        ties,
        equal,
    )
