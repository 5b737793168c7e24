"""Model ratings from the reviewers' comparisons: Bradley-Terry by maximum likelihood,
with ties, bootstrap intervals and the win / tie / loss matrix.

Every preference answer compares two responses, and a ranking compares every pair it
orders; with the model behind each response (from the server's task archive) each becomes
an :class:`Outcome` between two models. Where the lead adjudicated a task, the lead's
verdict replaces the reviewers' answers for that task (:func:`pairwise_outcomes`).

:func:`bradley_terry` fits strengths ``p`` with ``P(a beats b) = p_a / (p_a + p_b)`` and
reports them on the Elo-like scale Chatbot Arena publishes: ``400 * log10(p)``, shifted so
that the mean rating is 1000. A rating difference of 400 means odds of 10 to 1. Plain
Python: no numerical library is needed for the few models a project compares.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from docket.core.bulk import paused_gc
from docket.core.display_order import blinded_label
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.reviewer_names import distinct_names
from docket.server.schemas import schema_for, task_schemas
from docket.server.verdicts import pair_votes

__all__ = [
    "DEFAULT_PRIOR",
    "Intervals",
    "Outcome",
    "WinCounts",
    "bootstrap_intervals",
    "bootstrap_intervals_of_cells",
    "bradley_terry",
    "bradley_terry_of_cells",
    "davidson_tie_parameter",
    "outcome_cells",
    "pairwise_outcomes",
    "win_matrix",
    "win_matrix_of_cells",
]

Ties = Literal["davidson", "half"]

SCALE = 400.0
"""Rating points per factor of ten in the odds (Elo's and Chatbot Arena's scale)."""
ANCHOR = 1000.0
"""The mean rating."""
DEFAULT_PRIOR = 0.5
"""Virtual wins (and as many virtual losses) each model gets against a reference opponent
when the maximum likelihood estimate does not exist (see :func:`bradley_terry`)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One comparison of two models: ``result`` is 1.0 when ``model_a`` won, 0.5 for a
    tie, 0.0 when ``model_b`` won. ``task_id`` and ``judge`` (the reviewer, or the lead
    for an adjudicated verdict) say where it came from."""

    model_a: str
    model_b: str
    result: float
    task_id: str = ""
    judge: str = ""


# --- From merged answers to outcomes ----------------------------------------------------------


def pairwise_outcomes(
    store: MergedStore, answers: Sequence[MergedAnswer] | None = None
) -> list[Outcome]:
    """Every model-vs-model outcome the project's answers give, in task order.

    A reviewer's preference answer gives one outcome, a ranking one per pair of responses
    (tied places are ties); the strength of a preference is not used. A task the lead
    adjudicated gives the lead's verdict instead of the reviewers' answers; a verdict with
    the outcome "needs guideline change" settles nothing, and the task gives no outcome
    (as in ``dataset export --format dpo``). Models come from the server's task archive
    (``merge --tasks``): a task whose archive was not merged, a response naming no model,
    and a pair of two responses by the same model give no outcome.

    ``answers``: the project's answers as :func:`~docket.server.reviewer_names.distinct_names`
    gives them, for a caller that read them already (they are read from ``store``
    otherwise); the models are read once for every task, from the archive's response
    facts (:meth:`MergedStore.response_models`), not task by task.
    """
    schemas = task_schemas(store)
    adjudicated = store.adjudications()
    models_of = store.response_models()
    if answers is None:
        answers = distinct_names(store.answers())
    judged: list[MergedAnswer] = [a for a in answers if a.task_id not in adjudicated]
    for task_id, (lead, verdict) in adjudicated.items():
        found = models_of.get(task_id)
        if found is None or verdict.get("outcome") == "needs guideline change":
            continue
        order = {blinded_label(i): rid for i, rid in enumerate(found)}
        judged.append(MergedAnswer(lead, lead, task_id, "", 0, verdict, order, "", 0.0, "done"))
    judged.sort(key=attrgetter("task_id", "reviewer_name"))

    out: list[Outcome] = []
    append = out.append
    with paused_gc():
        for answer in judged:
            models = models_of.get(answer.task_id)
            if models is None:
                continue
            votes = pair_votes(answer, schema_for(schemas, answer))
            for (first, second), vote in sorted(votes.items()) if len(votes) > 1 else votes.items():
                a, b = models.get(first), models.get(second)
                if not isinstance(a, str) or not isinstance(b, str) or a == b:
                    continue
                result = 0.5 if vote.winner is None else 1.0 if vote.winner == first else 0.0
                append(Outcome(a, b, result, answer.task_id, answer.reviewer_name))
    return out


# --- Win / tie / loss matrix ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WinCounts:
    wins: int
    ties: int
    losses: int

    @property
    def total(self) -> int:
        return self.wins + self.ties + self.losses


def win_matrix(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], WinCounts]:
    """Per ordered pair ``(a, b)`` of models that met, a's wins, ties and losses against b
    (so ``(b, a)`` holds the same counts mirrored). Outcomes of a model against itself
    are left out."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for o in outcomes:
        if o.model_a == o.model_b:
            continue
        column = 0 if o.result > 0.5 else 1 if o.result == 0.5 else 2
        counts[(o.model_a, o.model_b)][column] += 1
        counts[(o.model_b, o.model_a)][2 - column] += 1
    return {pair: WinCounts(*c) for pair, c in sorted(counts.items())}


# --- Bradley-Terry ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """Outcomes summed per unordered pair of model indexes (i < j)."""

    models: list[str]
    wins: dict[tuple[int, int], list[float]]
    """(i, j) -> [i's wins, j's wins, ties]."""


def _tally(outcomes: Iterable[Outcome]) -> _Tally:
    found = [o for o in outcomes if o.model_a != o.model_b]
    models = sorted({m for o in found for m in (o.model_a, o.model_b)})
    index = {m: i for i, m in enumerate(models)}
    wins: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for o in found:
        i, j, r = index[o.model_a], index[o.model_b], o.result
        if i > j:
            i, j, r = j, i, 1.0 - r
        cell = wins[(i, j)]
        if r == 0.5:
            cell[2] += 1
        elif r > 0.5:
            cell[0] += 1
        else:
            cell[1] += 1
    return _Tally(models, dict(wins))


def _strongly_connected(n: int, tally: _Tally, ties: Ties) -> bool:
    """Whether every model beats its way, through others, to every model: the condition
    for the maximum likelihood estimate to exist (Zermelo 1929, Ford 1957). With ties as
    half a win a tie goes both ways; under Davidson's model, where the tie parameter is
    fitted too, only wins count (a sufficient condition: a model that only tied and beat
    another can still run off to infinity)."""
    if n <= 1:
        return True
    counted = 1.0 if ties == "half" else 0.0
    beats: list[set[int]] = [set() for _ in range(n)]
    for (i, j), (wi, wj, t) in tally.wins.items():
        if wi or t * counted:
            beats[i].add(j)
        if wj or t * counted:
            beats[j].add(i)
    beaten: list[set[int]] = [set() for _ in range(n)]
    for i, targets in enumerate(beats):
        for j in targets:
            beaten[j].add(i)

    def reaches_all(edges: list[set[int]]) -> bool:
        seen, todo = {0}, [0]
        while todo:
            for j in edges[todo.pop()] - seen:
                seen.add(j)
                todo.append(j)
        return len(seen) == n

    return reaches_all(beats) and reaches_all(beaten)


def _fit(
    tally: _Tally, ties: Ties, prior: float | None, iterations: int, tol: float
) -> tuple[list[float], float]:
    """Strengths (geometric mean 1) and Davidson's tie parameter (0 for ``"half"``)."""
    n = len(tally.models)
    if prior is None:
        prior = 0.0 if _strongly_connected(n, tally, ties) else DEFAULT_PRIOR
    # Pairs with their counts; the reference opponent (index n, strength fixed at 1) gets
    # ``prior`` wins and ``prior`` losses against every model.
    pairs = [(i, j, wi, wj, t) for (i, j), (wi, wj, t) in tally.wins.items()]
    if prior > 0:
        pairs += [(i, n, prior, prior, 0.0) for i in range(n)]
    score = [0.0] * n  # wins plus half the ties: the numerator of every update
    for i, j, wi, wj, t in pairs:
        score[i] += wi + t / 2
        if j < n:
            score[j] += wj + t / 2
    total_ties = sum(t for *_, t in pairs)
    nu = 1.0 if ties == "davidson" and total_ties > 0 else 0.0
    p = [1.0] * (n + 1)
    for _ in range(iterations):
        # Davidson's (1970) fixed point for the strengths; with nu = 0 it is Hunter's
        # (2004) MM update for Bradley-Terry, ties counting half a win to each side.
        denominator = [0.0] * n
        tie_terms = 0.0
        for i, j, wi, wj, t in pairs:
            games = wi + wj + t
            root = math.sqrt(p[i] * p[j])
            d = p[i] + p[j] + nu * root
            denominator[i] += games * (1 + nu * root / (2 * p[i])) / d
            if j < n:
                denominator[j] += games * (1 + nu * root / (2 * p[j])) / d
            tie_terms += games * root / d
        new = [score[i] / denominator[i] if denominator[i] else p[i] for i in range(n)]
        if prior == 0:
            mean = math.exp(sum(math.log(x) for x in new) / n)
            new = [x / mean for x in new]
        new_nu = total_ties / tie_terms if nu > 0 else 0.0
        change = max(abs(math.log(a / b)) for a, b in zip(new, p, strict=False))
        if nu > 0:
            change = max(change, abs(math.log(new_nu / nu)))
        p[:n], nu = new, new_nu
        if change < tol:
            break
    mean = math.exp(sum(math.log(x) for x in p[:n]) / n)
    return [x / mean for x in p[:n]], nu


def bradley_terry(
    outcomes: Iterable[Outcome],
    *,
    ties: Ties = "davidson",
    prior: float | None = None,
    iterations: int = 10_000,
    tol: float = 1e-10,
) -> dict[str, float]:
    """Bradley-Terry ratings by maximum likelihood, on Chatbot Arena's Elo-like scale.

    The model: ``P(a beats b) = p_a / (p_a + p_b)``. Ties are read in one of two ways:

    - ``"half"``: a tie counts as half a win to each side, as Chatbot Arena does; the
      strengths are fitted by Hunter's (2004) MM algorithm.
    - ``"davidson"``: Davidson's (1970) model, ``P(tie) = nu * sqrt(p_a * p_b) / D`` and
      ``P(a beats b) = p_a / D`` with ``D = p_a + p_b + nu * sqrt(p_a * p_b)``; ``nu`` is
      fitted with the strengths by Davidson's fixed point iteration. Without ties it is
      the plain model.

    Ratings are ``400 * log10(p)``, shifted so that the mean rating over the models is
    1000 (a difference of 400 points is odds of 10 to 1 under the plain model).

    A model that never wins (or never loses) has no finite maximum likelihood estimate;
    nor does any set of models that never loses to the rest. ``prior=None`` detects this
    (the graph of "won against" is not strongly connected; with ``"half"`` a tie counts
    as a win both ways) and then gives every
    model :data:`DEFAULT_PRIOR` (half a) virtual win and as many virtual losses against a
    reference opponent of fixed strength 1 (the geometric mean of an even field): a
    maximum a posteriori estimate that keeps every rating finite and pulls the ratings a
    little towards each other (a model that lost 5 of 5 against an equal rates about 340
    points below it rather than infinitely far). Where the estimate exists no prior
    is used; a number forces that prior (0: none, the iteration may then not converge).

    Outcomes of a model against itself are left out. Iteration stops when no log-strength
    (nor ``nu``) moves by more than ``tol``, or after ``iterations`` rounds.
    """
    tally = _tally(outcomes)
    if not tally.models:
        return {}
    strengths, _ = _fit(tally, ties, prior, iterations, tol)
    return {m: ANCHOR + SCALE * math.log10(s) for m, s in zip(tally.models, strengths, strict=True)}


def davidson_tie_parameter(
    outcomes: Iterable[Outcome],
    *,
    prior: float | None = None,
    iterations: int = 10_000,
    tol: float = 1e-10,
) -> float:
    """Davidson's ``nu`` fitted with the ratings (0 when there are no ties)."""
    tally = _tally(outcomes)
    if not tally.models:
        return 0.0
    return _fit(tally, "davidson", prior, iterations, tol)[1]


# --- Bootstrap --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Intervals:
    """Bootstrap intervals of the ratings: ``interval[model] = (low, high)``."""

    method: str
    """How they were computed, to print beside them."""
    level: float
    rounds: int
    ratings: dict[str, float]
    """The point estimates (from all the outcomes)."""
    interval: dict[str, tuple[float, float]]


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile, linear between order statistics (numpy's default)."""
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


Cell = tuple[str, str, float]
"""An outcome as ``(model a, model b, result)`` with ``a < b`` (the result mirrored if
need be), or ``("", "", 0.0)`` for a model against itself (which the fit leaves out)."""


def _cell(o: Outcome) -> Cell:
    if o.model_a == o.model_b:
        return ("", "", 0.0)
    if o.model_a < o.model_b:
        return (o.model_a, o.model_b, o.result)
    return (o.model_b, o.model_a, 1.0 - o.result)


def _tally_of_cells(counts: Mapping[Cell, int]) -> _Tally:
    """The tally :func:`_tally` gives for outcomes with these cells, each ``counts``
    times (zero-count cells and self-matches left out)."""
    found = {c: n for c, n in counts.items() if n and c[0]}
    models = sorted({m for a, b, _ in found for m in (a, b)})
    index = {m: i for i, m in enumerate(models)}
    wins: dict[tuple[int, int], list[float]] = {}
    for (a, b, r), n in found.items():
        cell = wins.setdefault((index[a], index[b]), [0.0, 0.0, 0.0])
        cell[2 if r == 0.5 else 0 if r > 0.5 else 1] += n
    return _Tally(models, wins)


def _binomial(rng: random.Random, n: int, p: float) -> int:
    """A Binomial(n, p) draw, exactly, in O(log n) steps: Knuth's algorithm B (The Art
    of Computer Programming 2, 3.4.1): the a-th smallest of n uniforms is Beta(a, n+1-a);
    the successes lie all below it or include it and all below."""
    k = 0
    while n > 32 and 0 < p < 1:
        a = 1 + n // 2
        b = n + 1 - a
        x = rng.betavariate(a, b)
        if x >= p:
            n, p = a - 1, p / x
        else:
            k, n, p = k + a, b - 1, (p - x) / (1 - x)
    if p <= 0:
        return k
    if p >= 1:
        return k + n
    return k + sum(1 for _ in range(n) if rng.random() < p)


class _Multinomial:
    """Draws of Multinomial(n, weights): with NumPy (present wherever the report's plots
    are) from its seeded generator, else in plain Python from ``random.Random(seed)``
    by conditional binomials. Both are exact; they draw different (equally valid)
    samples for one seed."""

    def __init__(self, seed: int, weights: Sequence[int], *, use_numpy: bool | None = None):
        self.total = sum(weights)
        self.weights = list(weights)
        self._draw: Callable[[int], list[int]] = self._python_draw
        self._rng = random.Random(seed)
        if use_numpy is False:
            return
        try:
            import numpy
        except ImportError:  # pragma: no cover - numpy comes with the report extra
            if use_numpy:
                raise
            return
        generator = numpy.random.default_rng(seed)
        shares = numpy.asarray(self.weights, dtype=float) / self.total

        def numpy_draw(n: int) -> list[int]:
            return [int(x) for x in generator.multinomial(n, shares)]

        self._draw = numpy_draw

    def _python_draw(self, n: int) -> list[int]:
        out, left, mass = [], n, self.total
        for w in self.weights:
            k = _binomial(self._rng, left, w / mass) if mass > 0 and left else 0
            out.append(k)
            left, mass = left - k, mass - w
        return out

    def draw(self, n: int) -> list[int]:
        return self._draw(n)


def bootstrap_intervals(
    outcomes: Sequence[Outcome],
    *,
    rounds: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    by: Literal["outcome", "task"] = "outcome",
    ties: Ties = "davidson",
    prior: float | None = None,
    tol: float = 1e-8,
    use_numpy: bool | None = None,
) -> Intervals:
    """Percentile bootstrap intervals of :func:`bradley_terry` ratings.

    Each round draws, with replacement, as many outcomes as there are (``by="outcome"``)
    or as many tasks with all their outcomes (``by="task"``, which respects that the
    comparisons of one task are not independent), fits the ratings again, and the
    interval is the central ``level`` of each model's ratings over the rounds. A fixed
    ``seed`` gives the same intervals every time. A model absent from a round's draw is
    left out of that round.

    A fit depends only on how many times each kind of outcome (pair of models and
    result) was drawn, so a round draws those counts directly: a multinomial over the
    distinct outcomes (or distinct sets of a task's outcomes) weighted by how often each
    occurs, which is the same distribution as drawing the outcomes one by one, in
    milliseconds for a million outcomes. ``use_numpy`` chooses the generator (default:
    NumPy when it is installed; see :class:`_Multinomial`).
    """
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    ratings = bradley_terry(outcomes, ties=ties, prior=prior, tol=tol)
    # Distinct groups (an outcome, or a task's outcomes) and how often each occurs.
    kinds: dict[tuple[Cell, ...], int] = defaultdict(int)
    if by == "task":
        by_task: dict[str, list[Cell]] = defaultdict(list)
        for o in outcomes:
            by_task[o.task_id].append(_cell(o))
        for t in sorted(by_task):
            kinds[tuple(sorted(by_task[t]))] += 1
    else:
        for o in outcomes:
            kinds[(_cell(o),)] += 1
    unit = "outcomes" if by == "outcome" else "tasks"
    return _bootstrap(ratings, kinds, unit, rounds, seed, level, ties, prior, tol, use_numpy)


def outcome_cells(outcomes: Iterable[Outcome]) -> dict[Cell, int]:
    """How many outcomes fall in each cell (pair of models and result: :data:`Cell`), in
    the order each cell first occurs: all that the ratings, their intervals over
    resampled outcomes and the win matrix depend on (:func:`bradley_terry_of_cells`,
    :func:`bootstrap_intervals_of_cells`, :func:`win_matrix_of_cells`)."""
    counts: dict[Cell, int] = {}
    for o in outcomes:
        cell = _cell(o)
        counts[cell] = counts.get(cell, 0) + 1
    return counts


def bradley_terry_of_cells(
    cells: Mapping[Cell, int],
    *,
    ties: Ties = "davidson",
    prior: float | None = None,
    iterations: int = 10_000,
    tol: float = 1e-10,
) -> dict[str, float]:
    """:func:`bradley_terry` of the outcomes counted in ``cells`` (:func:`outcome_cells`):
    the same ratings to the last bit."""
    tally = _tally_of_cells(cells)
    if not tally.models:
        return {}
    strengths, _ = _fit(tally, ties, prior, iterations, tol)
    return {m: ANCHOR + SCALE * math.log10(s) for m, s in zip(tally.models, strengths, strict=True)}


def bootstrap_intervals_of_cells(
    cells: Mapping[Cell, int],
    *,
    rounds: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    ties: Ties = "davidson",
    prior: float | None = None,
    tol: float = 1e-8,
    use_numpy: bool | None = None,
) -> Intervals:
    """:func:`bootstrap_intervals` over resampled outcomes (``by="outcome"``) of the
    outcomes counted in ``cells`` (:func:`outcome_cells`, in the order each cell first
    occurs): the same intervals to the last bit."""
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    ratings = bradley_terry_of_cells(cells, ties=ties, prior=prior, tol=tol)
    kinds: dict[tuple[Cell, ...], int] = {(cell,): n for cell, n in cells.items() if n}
    return _bootstrap(ratings, kinds, "outcomes", rounds, seed, level, ties, prior, tol, use_numpy)


def win_matrix_of_cells(cells: Mapping[Cell, int]) -> dict[tuple[str, str], WinCounts]:
    """:func:`win_matrix` of the outcomes counted in ``cells``."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for (a, b, result), n in cells.items():
        if a == b or not n:
            continue
        column = 0 if result > 0.5 else 1 if result == 0.5 else 2
        counts[(a, b)][column] += n
        counts[(b, a)][2 - column] += n
    return {pair: WinCounts(*c) for pair, c in sorted(counts.items())}


def _bootstrap(
    ratings: dict[str, float],
    kinds: Mapping[tuple[Cell, ...], int],
    unit: str,
    rounds: int,
    seed: int,
    level: float,
    ties: Ties,
    prior: float | None,
    tol: float,
    use_numpy: bool | None,
) -> Intervals:
    """The rounds of :func:`bootstrap_intervals` over the distinct groups ``kinds`` (each
    with how often it occurs, in the order first seen)."""
    groups = list(kinds)
    drawn_groups = sum(kinds.values())
    samples: dict[str, list[float]] = {m: [] for m in ratings}
    if groups:
        sampler = _Multinomial(seed, [kinds[g] for g in groups], use_numpy=use_numpy)
        for _ in range(rounds):
            counts: dict[Cell, int] = defaultdict(int)
            for group, times in zip(groups, sampler.draw(drawn_groups), strict=True):
                if times:
                    for cell in group:
                        counts[cell] += times
            tally = _tally_of_cells(counts)
            if not tally.models:
                continue
            strengths, _ = _fit(tally, ties, prior, 10_000, tol)
            for m, st in zip(tally.models, strengths, strict=True):
                samples[m].append(ANCHOR + SCALE * math.log10(st))
    tail = (1 - level) / 2
    interval = {}
    for m, values in samples.items():
        if values:
            values.sort()
            interval[m] = (_percentile(values, tail), _percentile(values, 1 - tail))
    method = (
        f"percentile bootstrap, {rounds} resamples of the {unit} (seed {seed}), "
        f"Bradley-Terry refitted each time (ties: {ties})"
    )
    return Intervals(method, level, rounds, ratings, interval)
