"""Inter-rater agreement statistics for reviews, in pure Python (no Qt, no NumPy).

Why a module of our own: the server reports how far reviewers agree before their answers
are merged or adjudicated, and it must do so on an offline machine with the standard
library only. Every coefficient is checked in ``tests/unit/test_agreement_stats.py`` against a
published worked example.

Data shapes
-----------
``units`` is ``{unit_id: {rater_id: value}}``: a unit is one thing that was rated (a task, or
one question of a task), and a rater who did not rate a unit is simply absent from its
mapping. Absence is the only way to say "missing": every value that is present, ``None``
included, is a category. Values are compared with ``==``, so ``1``, ``1.0`` and ``True`` are
one category. ``float("nan")`` is rejected rather than guessed at.

Which statistic
---------------
- :func:`percent_agreement`: the share of agreeing rater pairs, with no chance correction.
- :func:`cohen_kappa` / :func:`weighted_cohen_kappa`: exactly two raters over the same units.
- :func:`fleiss_kappa`: many raters, the same number for every unit (see its docstring for
  how other units are handled).
- :func:`krippendorff_alpha`: any number of raters, missing ratings, nominal, ordinal or
  interval data. Prefer it when reviewers skipped units.

They are not interchangeable. One exact relation holds and is tested: with complete data
and ``n`` ratings on each of ``N`` units, nominal alpha = kappa_F + (1 - kappa_F) / (n N),
where kappa_F is Fleiss' kappa (Scott's pi when ``n`` is 2). Nothing is claimed for other
cases; in particular alpha is not Cohen's kappa.

Every coefficient returns ``None`` where it is undefined (too few units, or no variation
in the values so that chance agreement is certain) rather than ``nan`` or ``1.0``.
"""

from __future__ import annotations

import math
import numbers
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any, Literal, cast

__all__ = [
    "KappaWeights",
    "Level",
    "Units",
    "alpha_bootstrap_interval",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "pairwise_from_ranking",
    "percent_agreement",
    "weighted_cohen_kappa",
    "wilson_interval",
]

Units = Mapping[str, Mapping[str, Hashable]]
"""``{unit_id: {rater_id: value}}``; a rater absent from a unit did not rate it."""

Level = Literal["nominal", "ordinal", "interval"]
KappaWeights = Literal["linear", "quadratic"]

_LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval")


# --- helpers ---------------------------------------------------------------------------------


def _checked(value: Hashable) -> Hashable:
    """``value`` itself, after refusing NaN (it is unequal to itself, so it cannot agree)."""
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("NaN is not a rating; leave the rater out of the unit instead")
    return value


def _category_index(categories: Sequence[Hashable]) -> dict[Hashable, int]:
    """Position of each category; duplicates are an error since they make the order ambiguous."""
    index = {_checked(category): position for position, category in enumerate(categories)}
    if len(index) != len(categories):
        raise ValueError("categories must not repeat a value")
    return index


def _position(index: Mapping[Hashable, int], value: Hashable) -> int:
    try:
        return index[_checked(value)]
    except KeyError:
        raise ValueError(f"value {value!r} is not one of the categories") from None


def _unit_values(units: Units) -> list[list[Hashable]]:
    """The values of each unit, units in the caller's order, NaN refused."""
    return [[_checked(value) for value in ratings.values()] for ratings in units.values()]


Signature = tuple[tuple[str, ...], tuple[Hashable, ...]]
"""One unit's ratings as ``((rater, ...), (value, ...))``, raters in the unit's order."""


class UnitTally:
    """Units summed by their ratings: each distinct signature (the unit's raters and
    their values) with how many units have it, in the order first seen.

    Every coefficient here depends on the units only through their ratings (percent
    agreement, Fleiss' kappa and alpha only through each unit's values, Cohen's kappa
    through the values each pair of raters gave), and chance agreement through sums over
    units, so a million units that fall into fewer signatures (most flags are unset by
    everyone) are computed at the cost of those, with the same integer arithmetic and so
    the same result to the last bit. The functions taking ``units`` build one of these;
    :mod:`docket.server.agreement` fills one per question as it reads the answers,
    without keeping the units."""

    __slots__ = ("counts",)

    def __init__(self, units: Units | None = None) -> None:
        self.counts: dict[Signature, int] = {}
        if units is not None:
            for ratings in units.values():
                self.add(ratings)

    def add(self, ratings: Mapping[str, Hashable], times: int = 1) -> None:
        signature = (tuple(ratings), tuple(ratings.values()))
        self.counts[signature] = self.counts.get(signature, 0) + times

    def add_signature(
        self, raters: tuple[str, ...], values: tuple[Hashable, ...], times: int = 1
    ) -> None:
        """``times`` units rated ``values`` by ``raters`` (one value each, in order)."""
        signature = (raters, values)
        self.counts[signature] = self.counts.get(signature, 0) + times

    @property
    def units(self) -> int:
        return sum(self.counts.values())

    def _values(self) -> list[tuple[list[Hashable], int]]:
        """The units' values, whoever gave them, each distinct tuple with its count, in
        the order first seen (NaN refused)."""
        merged: dict[tuple[Hashable, ...], int] = {}
        for (_, values), n in self.counts.items():
            merged[values] = merged.get(values, 0) + n
        return [([_checked(v) for v in values], n) for values, n in merged.items()]


# --- percent agreement -----------------------------------------------------------------------


def percent_agreement(units: Units) -> float | None:
    """Mean over units of the share of rater pairs in the unit that gave the same value.

    Why pairwise: with three or more raters "all agree" throws away partial agreement, and
    the pairwise share is the per-unit agreement P_i of Fleiss (1971), "Measuring nominal scale
    agreement among many raters", Psychological Bulletin 76(5), eq. 2:
    ``P_i = sum_j n_ij (n_ij - 1) / (m_i (m_i - 1))`` for a unit with ``m_i`` ratings of which
    ``n_ij`` are value ``j``. With two raters it is plain percent agreement. It is not
    corrected for chance; report it next to a kappa or alpha, not instead of one.

    Units with fewer than two ratings have no pair and are skipped; each remaining unit
    counts once whatever its number of raters. ``None`` when no unit has two ratings.
    """
    return tally_percent_agreement(UnitTally(units))


def tally_percent_agreement(tally: UnitTally) -> float | None:
    """:func:`percent_agreement` of the units of ``tally``: the mean of the per-unit shares
    summed exactly (as ``math.fsum`` of every unit's share would), so the same float."""
    groups: Counter[tuple[int, int]] = Counter()  # (agreeing pairs, m) -> units
    for values, times in tally._values():
        m = len(values)
        if m >= 2:
            groups[sum(c * (c - 1) for c in Counter(values).values()), m] += times
    if not groups:
        return None
    exact = sum(Fraction(agreeing / (m * (m - 1))) * n for (agreeing, m), n in groups.items())
    return float(exact) / sum(groups.values())


# --- Cohen's kappa ---------------------------------------------------------------------------


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two raters who rated the same units, one ``(first, second)`` per unit.

    ``kappa = (p_o - p_e) / (1 - p_e)``, with ``p_o`` the observed share of agreement and
    ``p_e = sum_c p_first(c) p_second(c)`` the agreement expected if each rater kept their
    own category frequencies but rated independently: Cohen (1960), "A coefficient of
    agreement for nominal scales", Educational and Psychological Measurement 20(1), 37-46.

    Computed from integer counts, ``(agree n - s) / (n^2 - s)`` with ``s = n^2 p_e``, so the
    result is symmetric in the two raters to the last bit. ``None`` with fewer than two
    units, or when ``p_e == 1`` (both raters used one and the same category throughout).
    """
    return cohen_kappa_of_counts(Counter((a, b) for a, b in pairs))


def cohen_kappa_of_counts(counts: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """:func:`cohen_kappa` of the units whose ``(first, second)`` values occur ``counts``
    times each."""
    n = sum(counts.values())
    if n < 2:
        return None
    first: Counter[Hashable] = Counter()
    second: Counter[Hashable] = Counter()
    agree = 0
    for (a, b), times in counts.items():
        a, b = _checked(a), _checked(b)
        first[a] += times
        second[b] += times
        if a == b:
            agree += times
    chance = sum(count * second[category] for category, count in first.items())
    if chance == n * n:
        return None
    return (agree * n - chance) / (n * n - chance)


def weighted_cohen_kappa(
    pairs: Sequence[tuple[Hashable, Hashable]],
    categories: Sequence[Hashable],
    weights: KappaWeights = "linear",
) -> float | None:
    """Weighted kappa for two raters on an ordinal scale: near misses count as part agreement.

    ``categories`` gives the scale in order; a value's position in it is its score, so a
    category nobody used still widens the gaps around it. With disagreement weights
    ``v_ij = |i - j|`` ("linear", Cicchetti & Allison 1971) or ``(i - j)^2`` ("quadratic",
    Fleiss & Cohen 1973), ``kappa_w = 1 - sum v_ij o_ij / sum v_ij e_ij``: Cohen (1968),
    "Weighted kappa: Nominal scale agreement with provision for scaled disagreement or
    partial credit", Psychological Bulletin 70(4), 213-220, where ``o`` are the observed
    counts and ``e`` those expected from the two raters' marginals. It equals the form with
    agreement weights ``1 - |i - j| / (k - 1)`` (scikit-learn, R ``irr``), as the ratio does
    not change when every ``v`` is scaled. With two categories it equals :func:`cohen_kappa`.

    ``None`` with fewer than two units or when no disagreement is expected by chance.
    Raises ``ValueError`` for a value outside ``categories`` or for unknown ``weights``.
    """
    if weights not in ("linear", "quadratic"):
        raise ValueError(f"weights must be 'linear' or 'quadratic', not {weights!r}")
    quadratic = weights == "quadratic"

    def gap(i: int, j: int) -> int:
        return (i - j) * (i - j) if quadratic else abs(i - j)

    index = _category_index(categories)
    n = len(pairs)
    rows: Counter[int] = Counter()
    columns: Counter[int] = Counter()
    observed = 0
    for a, b in pairs:
        i, j = _position(index, a), _position(index, b)
        rows[i] += 1
        columns[j] += 1
        observed += gap(i, j)
    if n < 2:
        return None
    # n times the expected weighted disagreement, in integers.
    expected = sum(r * c * gap(i, j) for i, r in rows.items() for j, c in columns.items())
    if expected == 0:
        return None
    return 1 - observed * n / expected


# --- Fleiss' kappa ---------------------------------------------------------------------------


def fleiss_kappa(units: Units, categories: Sequence[Hashable] | None = None) -> float | None:
    """Fleiss' kappa for many raters who need not be the same people on every unit.

    Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological
    Bulletin 76(5), 378-382: ``kappa = (P_bar - P_e) / (1 - P_e)`` where ``P_bar`` is the
    mean per-unit pairwise agreement (see :func:`percent_agreement`) and
    ``P_e = sum_j p_j^2`` with ``p_j`` the share of all ratings in category ``j``.

    Decision on varying numbers of raters: Fleiss' formula assumes the same number ``n`` of
    ratings on every unit, so only the units with the most common number of ratings
    (``n >= 2``; a tie goes to the larger ``n``) are used and the others are dropped. The
    generalisation to varying numbers is not implemented; for data with missing ratings use
    :func:`krippendorff_alpha`, which is built for them.

    ``categories``, when given, only validates the values (``ValueError`` for one outside
    it): a category no one used has ``p_j = 0`` and does not change kappa. ``None`` when no
    unit has two ratings or when every used rating is the same category (``P_e == 1``).
    """
    return tally_fleiss_kappa(UnitTally(units), categories)


def tally_fleiss_kappa(
    tally: UnitTally, categories: Sequence[Hashable] | None = None
) -> float | None:
    """:func:`fleiss_kappa` of the units of ``tally``."""
    index = _category_index(categories) if categories is not None else None
    rows: list[tuple[Counter[Hashable], int]] = []
    for values, times in tally._values():
        if index is not None:
            for value in values:
                _position(index, value)
        if len(values) >= 2:
            rows.append((Counter(values), times))
    if not rows:
        return None
    sizes: Counter[int] = Counter()
    for row, times in rows:
        sizes[sum(row.values())] += times
    n = max(sizes, key=lambda size: (sizes[size], size))
    rows = [(row, times) for row, times in rows if sum(row.values()) == n]
    total = sum(times for _, times in rows) * n
    agreeing = sum(times * count * (count - 1) for row, times in rows for count in row.values())
    totals: Counter[Hashable] = Counter()
    for row, times in rows:
        for value, count in row.items():
            totals[value] += count * times
    squares = sum(count * count for count in totals.values())  # total^2 * P_e
    if squares == total * total:
        return None
    # (P_bar - P_e) / (1 - P_e) with P_bar = agreeing / (total (n - 1)), in integers.
    return (agreeing * total - squares * (n - 1)) / ((n - 1) * (total * total - squares))


# --- Krippendorff's alpha --------------------------------------------------------------------


def _keys(
    values_by_unit: list[list[Hashable]], level: Level, categories: Sequence[Hashable] | None
) -> list[list[Hashable]]:
    """Each value as the key the metric works on: itself, its rank, or its number."""
    if level not in _LEVELS:
        raise ValueError(f"level must be one of {_LEVELS}, not {level!r}")
    index = _category_index(categories) if categories is not None else None
    if level == "nominal":
        if index is not None:
            for values in values_by_unit:
                for value in values:
                    _position(index, value)
        return values_by_unit
    if level == "ordinal":
        if index is None:
            distinct: list[Any] = list({value for values in values_by_unit for value in values})
            try:
                ordered = sorted(distinct)
            except TypeError:
                raise ValueError(
                    "ordinal values that do not sort need categories to give their order"
                ) from None
            index = {value: rank for rank, value in enumerate(ordered)}
        return [[_position(index, value) for value in values] for values in values_by_unit]
    numbers_by_unit: list[list[Hashable]] = []
    for values in values_by_unit:
        converted: list[Hashable] = []
        for value in values:
            if index is not None:
                _position(index, value)
            candidate: object = value
            if isinstance(candidate, bool) or not isinstance(candidate, numbers.Real):
                raise ValueError(f"interval values must be numbers, not {value!r}")
            number = float(candidate)
            if not math.isfinite(number):
                raise ValueError(f"interval values must be finite, not {value!r}")
            converted.append(number)
        numbers_by_unit.append(converted)
    return numbers_by_unit


def _alpha_of_keys(
    keys_by_unit: Sequence[Sequence[Hashable]],
    level: Level,
    times: Sequence[int] | None = None,
) -> float | None:
    """Alpha from the coincidence matrix of Krippendorff (2011), sections C and E;
    ``times[i]``: how many units have the keys ``keys_by_unit[i]`` (1 each without it)."""
    # Coincidences: each unit with m >= 2 values adds, for every ordered pair of its values
    # (c, k) from different raters, 1 / (m - 1) to o[c, k]. Summed per m in integers first.
    pairs_by_m: dict[int, Counter[tuple[Hashable, Hashable]]] = defaultdict(Counter)
    totals: Counter[Hashable] = Counter()  # n_c: how often c occurs among pairable values
    for i, keys in enumerate(keys_by_unit):
        m = len(keys)
        if m < 2:
            continue
        w = 1 if times is None else times[i]
        counts = Counter(keys)
        for c, n_c in counts.items():
            totals[c] += n_c * w
        pairs = pairs_by_m[m]
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs[c, k] += w * n_c * (n_k - 1 if c == k else n_k)
    if len(totals) < 2:  # no pairable value, or only one: no variation, alpha is 0 / 0
        return None
    n = sum(totals.values())
    # Each coincidence summed exactly rounded (``fsum``), so that alpha does not depend
    # on the order the units came in.
    terms: dict[tuple[Hashable, Hashable], list[float]] = defaultdict(list)
    for m, pairs in pairs_by_m.items():
        for pair, count in pairs.items():
            terms[pair].append(count / (m - 1))
    coincidences = {pair: math.fsum(found) for pair, found in terms.items()}
    delta = _metric(level, totals)
    observed = math.fsum(o * delta(c, k) for (c, k), o in coincidences.items() if c != k)
    expected = math.fsum(
        n_c * n_k * delta(c, k) for c, n_c in totals.items() for k, n_k in totals.items() if c != k
    )
    return 1 - (n - 1) * observed / expected


def _metric(level: Level, totals: Mapping[Hashable, int]) -> Callable[[Hashable, Hashable], float]:
    """The squared difference function delta^2(c, k) of Krippendorff (2011) for ``level``.

    The keys are the values themselves (nominal), float numbers (interval) or int ranks
    (ordinal), as :func:`_keys` made them.
    """
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: (cast(float, c) - cast(float, k)) ** 2
    # Ordinal: delta^2 = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 over the ranks in order;
    # ranks no pairable value took have n_g = 0 and drop out.
    frequency = cast(Mapping[int, int], totals)
    up_to: dict[int, int] = {}  # sum of n_g for g <= rank
    running = 0
    for rank in sorted(frequency):
        running += frequency[rank]
        up_to[rank] = running

    def ordinal(c: Hashable, k: Hashable) -> float:
        low, high = sorted((cast(int, c), cast(int, k)))
        between = up_to[high] - up_to[low] + frequency[low]
        return (between - (frequency[low] + frequency[high]) / 2) ** 2

    return ordinal


def krippendorff_alpha(
    units: Units, level: Level, categories: Sequence[Hashable] | None = None
) -> float | None:
    """Krippendorff's alpha, ``1 - D_o / D_e``, for any number of raters and missing ratings.

    Follows the coincidence-matrix computation of Krippendorff (2011), "Computing
    Krippendorff's Alpha-Reliability", Annenberg School for Communication, University of
    Pennsylvania (sections C to E):

    - a unit with ``m_u >= 2`` values adds each ordered pair of values ``(c, k)`` from two
      different raters, weighted ``1 / (m_u - 1)``, to the coincidence matrix ``o_ck``;
      units with fewer than two values are not pairable and are ignored;
    - ``n_c = sum_k o_ck`` and ``n = sum_c n_c`` (the number of pairable values);
    - ``alpha = 1 - (n - 1) sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck``.

    Why alpha: it handles missing ratings and any number of raters, and its metric follows
    the level of measurement, so a Likert 4-vs-5 is not the disagreement a 1-vs-5 is.

    ``level`` picks ``delta2``:

    - ``"nominal"``: 0 for equal values, 1 otherwise (values need only be hashable);
    - ``"ordinal"``: ``(sum_{g=c..k} n_g - (n_c + n_k) / 2)^2``, from the frequencies of
      the pairable values; ``categories`` gives the order (without it the values are
      sorted, which must be possible);
    - ``"interval"``: ``(c - k)^2``; the values must be real numbers (not bool) and are
      used as they are, so map labelled scale points to numbers first.

    ``categories`` also validates: a value outside it raises ``ValueError``. A category no
    one used does not change alpha at any level. ``None`` when fewer than two different
    values are pairable (no unit with two ratings, or no variation: ``D_e = 0``), where
    alpha is undefined.
    """
    return tally_krippendorff_alpha(UnitTally(units), level, categories)


def tally_krippendorff_alpha(
    tally: UnitTally, level: Level, categories: Sequence[Hashable] | None = None
) -> float | None:
    """:func:`krippendorff_alpha` of the units of ``tally``."""
    values = tally._values()
    keys = _keys([v for v, _ in values], level, categories)
    return _alpha_of_keys(keys, level, [n for _, n in values])


def tally_cohen_kappas(tally: UnitTally) -> dict[tuple[str, str], tuple[int, float | None]]:
    """For every pair of raters ``(a, b)`` (``a < b``) who rated a unit together: how many
    units they share and :func:`cohen_kappa` over them (``a``'s values first)."""
    cells: dict[tuple[str, str], Counter[tuple[Hashable, Hashable]]] = defaultdict(Counter)
    pairs_of: dict[tuple[str, ...], list[tuple[int, int, Counter[tuple[Hashable, Hashable]]]]] = {}
    for (raters, values), times in tally.counts.items():
        pairs = pairs_of.get(raters)
        if pairs is None:  # each pair of positions, the rater first by name first
            order = sorted(range(len(raters)), key=raters.__getitem__)
            pairs = pairs_of[raters] = [
                (i, j, cells[raters[i], raters[j]]) for i, j in combinations(order, 2)
            ]
        for i, j, counts in pairs:
            counts[values[i], values[j]] += times
    return {
        pair: (sum(counts.values()), cohen_kappa_of_counts(counts))
        for pair, counts in sorted(cells.items())
    }


def alpha_bootstrap_interval(
    units: Units,
    level: Level,
    categories: Sequence[Hashable] | None = None,
    *,
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval for :func:`krippendorff_alpha`, resampling units.

    Why: with the few dozen units a review round has, alpha alone overstates what is known.
    Units are drawn with replacement (the pairable ones; the others add nothing), alpha is
    recomputed ``resamples`` times, and the ``(1 - confidence) / 2`` and
    ``(1 + confidence) / 2`` quantiles are returned (linear interpolation between order
    statistics, like ``statistics.quantiles(method="inclusive")``): the unit-level
    bootstrap of Zapf et al. (2016), "Measuring inter-rater reliability for nominal data -
    which coefficients and confidence intervals are appropriate?", BMC Medical Research
    Methodology 16:93. It is not Hayes & Krippendorff's (2007) KALPHA bootstrap, whose
    intervals differ. The draws come from ``random.Random(seed)``: the same data and seed
    give the same interval.

    Resamples whose alpha is undefined (no variation) are left out. ``None`` when alpha of
    the data is undefined or no resample is defined.
    """
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    keyed = [keys for keys in _keys(_unit_values(units), level, categories) if len(keys) >= 2]
    if _alpha_of_keys(keyed, level) is None:
        return None
    rng = random.Random(seed)
    estimates: list[float] = []
    for _ in range(resamples):
        estimate = _alpha_of_keys(rng.choices(keyed, k=len(keyed)), level)
        if estimate is not None:
            estimates.append(estimate)
    if not estimates:
        return None
    estimates.sort()
    tail = (1 - confidence) / 2
    return _quantile(estimates, tail), _quantile(estimates, 1 - tail)


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (Hyndman & Fan type 7)."""
    position = q * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


# --- rankings --------------------------------------------------------------------------------


def pairwise_from_ranking(ranking: Sequence[Sequence[str]]) -> dict[tuple[str, str], int]:
    """A ranking as pairwise preferences, so rankings can be compared pair by pair.

    ``ranking`` is best first; each element is a group of ids, and ids in one group are
    tied: ``[["a"], ["b", "c"]]`` ranks a above b and c, which tie. For every unordered pair
    of ids, keyed by the sorted tuple ``(a, b)``, the value is +1 if a is ranked above b, -1
    if below and 0 if tied: the pairwise decomposition behind Kendall's tau (Kendall 1938,
    "A new measure of rank correlation", Biometrika 30). Two raters' rankings then give one
    ordinal value in {-1, 0, 1} per pair, ready for :func:`krippendorff_alpha` with
    ``categories=[-1, 0, 1]`` or for :func:`percent_agreement`.

    Raises ``ValueError`` for an id that appears twice and ``TypeError`` for a group given
    as a bare string (``["a", "b"]`` instead of ``[["a"], ["b"]]``).
    """
    rank: dict[str, int] = {}
    for position, group in enumerate(ranking):
        if isinstance(group, str):
            raise TypeError(f"each group must be a sequence of ids, not the string {group!r}")
        for item in group:
            if item in rank:
                raise ValueError(f"id {item!r} appears more than once in the ranking")
            rank[item] = position
    preferences: dict[tuple[str, str], int] = {}
    for a, b in combinations(sorted(rank), 2):
        preferences[a, b] = (rank[a] < rank[b]) - (rank[a] > rank[b])
    return preferences


# --- proportions -----------------------------------------------------------------------------


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval for a proportion ``successes / n``, e.g. accuracy against a key.

    Why Wilson rather than ``p +- z sqrt(p(1 - p) / n)``: with the small samples of a review
    round the normal-approximation interval overshoots [0, 1] and collapses to a point at 0
    or n successes; the score interval does neither and keeps close to its nominal coverage.
    Wilson (1927), "Probable inference, the law of succession, and statistical inference",
    JASA 22, 209-212; method 3 of Newcombe (1998), "Two-sided confidence intervals for the
    single proportion: comparison of seven methods", Statistics in Medicine 17, 857-872:

    ``(p + z^2 / 2n +- z sqrt(p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n)``.

    ``z`` = 1.96 gives 95%. ``None`` when ``n`` is 0; ``ValueError`` when ``successes`` is not
    within ``0..n`` or ``z`` is not a positive finite number.
    """
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got successes={successes}, n={n}")
    if not (math.isfinite(z) and z > 0):
        raise ValueError(f"z must be a positive number, not {z!r}")
    if n == 0:
        return None
    p = successes / n
    z2 = z * z
    scale = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / scale
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / scale
    lower = 0.0 if successes == 0 else max(0.0, centre - half)
    upper = 1.0 if successes == n else min(1.0, centre + half)
    return lower, upper
