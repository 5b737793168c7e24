"""Agreement statistics against published worked examples, then their properties.

Every reference value below names where it was published. Optional cross-checks against
``krippendorff``, ``scikit-learn`` and ``statsmodels`` run only where those are installed
(they are not project dependencies).
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.server.agreement_stats import (
    KappaWeights,
    Level,
    Units,
    alpha_bootstrap_interval,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    pairwise_from_ranking,
    percent_agreement,
    weighted_cohen_kappa,
    wilson_interval,
)

LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval")
WEIGHTS: tuple[KappaWeights, ...] = ("linear", "quadratic")


def from_rows(rows: dict[str, str]) -> dict[str, dict[str, int]]:
    """Units from one whitespace-separated row per rater, "." for a missing rating."""
    table = {rater: row.split() for rater, row in rows.items()}
    width = {len(cells) for cells in table.values()}
    assert len(width) == 1
    return {
        f"u{u + 1}": {rater: int(cells[u]) for rater, cells in table.items() if cells[u] != "."}
        for u in range(width.pop())
    }


def from_counts(table: Sequence[Sequence[int]], categories: Sequence[Hashable]) -> Units:
    """Units from a Fleiss-style table: per unit, how many raters chose each category."""
    units: dict[str, dict[str, Hashable]] = {}
    for u, row in enumerate(table):
        values = [c for c, count in zip(categories, row, strict=True) for _ in range(count)]
        units[f"s{u + 1}"] = {f"r{i}": value for i, value in enumerate(values)}
    return units


def pairs_from_table(
    table: Sequence[Sequence[int]], categories: Sequence[Hashable]
) -> list[tuple[Hashable, Hashable]]:
    """(first, second) pairs from a contingency table, first rater in rows."""
    return [
        (categories[i], categories[j])
        for i, row in enumerate(table)
        for j, count in enumerate(row)
        for _ in range(count)
    ]


def swap(pairs: Sequence[tuple[Hashable, Hashable]]) -> list[tuple[Hashable, Hashable]]:
    return [(b, a) for a, b in pairs]


# --- Krippendorff's alpha: published examples ------------------------------------------------

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania. Section C: 4 observers x 12 units with missing
# values ("reliability data matrix"). The paper reports nominal alpha = 0.743 (section C),
# ordinal 0.815 (D) and interval 0.849 (E). The same table is the "C" data of R's
# irr::kripp.alpha / DescTools::KrippAlpha examples (column-major there, unit by unit).
K2011 = from_rows(
    {
        "A": "1 2 3 3 2 1 4 1 2 . . .",
        "B": "1 2 3 3 2 2 4 1 2 5 . 3",
        "C": ". 3 3 3 2 3 4 2 2 5 1 .",
        "D": "1 2 3 3 2 4 4 1 2 5 1 .",
    }
)


@pytest.mark.parametrize(
    ("level", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_alpha_krippendorff_2011(level: Level, published: float) -> None:
    alpha = krippendorff_alpha(K2011, level)
    assert alpha is not None
    assert round(alpha, 3) == published


def test_alpha_krippendorff_2011_exact_nominal() -> None:
    # Section C in whole numbers: unit 12 has one value and is not pairable; the other 40
    # values have n_c = 9, 13, 10, 5, 3 for values 1..5, and the coincidences on the diagonal
    # sum to 32 (8 off it). alpha = ((n - 1) sum_c o_cc - sum_c n_c (n_c - 1))
    # / (n (n - 1) - sum_c n_c (n_c - 1)) = (39 * 32 - 344) / (40 * 39 - 344) = 113 / 152.
    same = sum(n_c * (n_c - 1) for n_c in (9, 13, 10, 5, 3))
    expected = (39 * 32 - same) / (40 * 39 - same)
    assert expected == 113 / 152
    assert krippendorff_alpha(K2011, "nominal") == pytest.approx(expected, abs=1e-12)


def test_alpha_krippendorff_2011_with_labels() -> None:
    # The ordinal value depends only on the order of the values: the same data as labels,
    # ordered by `categories`, give the paper's 0.815.
    labels = ["very low", "low", "mid", "high", "very high"]
    units = {u: {r: labels[v - 1] for r, v in ratings.items()} for u, ratings in K2011.items()}
    alpha = krippendorff_alpha(units, "ordinal", categories=labels)
    assert alpha is not None and round(alpha, 3) == 0.815
    assert krippendorff_alpha(units, "nominal") == krippendorff_alpha(K2011, "nominal")


# Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15 units
# with missing values; alpha_nominal = 0.691 and alpha_interval = 0.811. The krippendorff
# package's own tests (test_krippendorff.py) assert the same data to 6 decimals: 0.691358,
# 0.810845.
WIKI_ALPHA = from_rows(
    {
        "A": ". . . . . 3 4 1 2 1 1 3 3 . 3",
        "B": "1 . 2 1 3 3 4 3 . . . . . . .",
        "C": ". . 2 1 3 4 4 . 2 1 1 3 3 . 4",
    }
)


def test_alpha_wikipedia_example() -> None:
    nominal = krippendorff_alpha(WIKI_ALPHA, "nominal")
    interval = krippendorff_alpha(WIKI_ALPHA, "interval")
    assert nominal == pytest.approx(0.691358, abs=5e-7)
    assert interval == pytest.approx(0.810845, abs=5e-7)


# --- Fleiss' kappa: published examples -------------------------------------------------------

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories. The
# article gives P_bar = 0.378, P_e = 0.213 and kappa = 0.210 (and P_1 = 1.000, P_2 = 0.253).
FLEISS_WIKI = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]
FIVE = [1, 2, 3, 4, 5]


def test_fleiss_wikipedia_example() -> None:
    units = from_counts(FLEISS_WIKI, FIVE)
    kappa = fleiss_kappa(units, categories=FIVE)
    assert kappa is not None and round(kappa, 3) == 0.210
    # P_bar of the article is the mean pairwise agreement.
    agreement = percent_agreement(units)
    assert agreement is not None and round(agreement, 3) == 0.378
    assert percent_agreement({"s2": units["s2"]}) == pytest.approx(0.253, abs=5e-4)


# Fleiss, J. L. (1971). "Measuring nominal scale agreement among many raters". Psychological
# Bulletin 76(5), 378-382: 30 patients, 6 psychiatrists each, 5 diagnoses; overall
# kappa = .430. The ratings are R's irr::diagnoses data set (Gamer et al.), whose
# irr::kappam.fleiss gives 0.4302445 (as recorded in statsmodels' test_inter_rater.py).
DIAGNOSES = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip


def test_fleiss_1971_diagnoses() -> None:
    units = {f"p{i}": {f"r{j}": v for j, v in enumerate(row)} for i, row in enumerate(DIAGNOSES)}
    kappa = fleiss_kappa(units)
    assert kappa == pytest.approx(0.4302445, abs=5e-8)
    assert kappa is not None and round(kappa, 3) == 0.430


# --- Cohen's kappa: published examples -------------------------------------------------------

# Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, readers A and B; both yes
# 20, A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
WIKI_COHEN = pairs_from_table([[20, 5], [10, 15]], ["yes", "no"])


def test_cohen_wikipedia_example() -> None:
    assert cohen_kappa(WIKI_COHEN) == pytest.approx(0.4, abs=1e-15)
    assert cohen_kappa(swap(WIKI_COHEN)) == pytest.approx(0.4, abs=1e-15)
    # p_o is the two-rater percent agreement.
    units = {str(i): {"A": a, "B": b} for i, (a, b) in enumerate(WIKI_COHEN)}
    assert percent_agreement(units) == pytest.approx(0.7)


# Wikipedia, "Cohen's kappa", "Same percentages but different numbers": two tables of 100
# items, both with 60% agreement, kappa = 0.1304 and 0.2593.
@pytest.mark.parametrize(
    ("table", "published"),
    [([[45, 15], [25, 15]], 0.1304), ([[25, 35], [5, 35]], 0.2593)],
)
def test_cohen_wikipedia_same_agreement_different_kappa(
    table: list[list[int]], published: float
) -> None:
    kappa = cohen_kappa(pairs_from_table(table, ["yes", "no"]))
    assert kappa is not None and round(kappa, 4) == published


# Weighted kappa: R package irr (Gamer, Lemon, Fellows & Singh), data set `anxiety` (20
# subjects rated 1-6 by 3 raters), raters 2 and 3. irr::kappa2 uses the levels that occur
# (1, 2, 3, 4, 6: no one rated 5) as equally spaced scale points and gives unweighted
# -0.006289308, "equal" (linear) 0.1459075, "squared" (quadratic) 0.2520325. Values as
# recorded from R in statsmodels' test_inter_rater.py (test_cohens_kappa_irr).
ANXIETY_R2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
ANXIETY_R3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
ANXIETY_LEVELS = [1, 2, 3, 4, 6]


def test_weighted_kappa_irr_anxiety() -> None:
    pairs = list(zip(ANXIETY_R2, ANXIETY_R3, strict=True))
    assert sorted(set(ANXIETY_R2) | set(ANXIETY_R3)) == ANXIETY_LEVELS
    assert cohen_kappa(pairs) == pytest.approx(-0.006289308, abs=5e-10)
    linear = weighted_cohen_kappa(pairs, ANXIETY_LEVELS, "linear")
    quadratic = weighted_cohen_kappa(pairs, ANXIETY_LEVELS, "quadratic")
    assert linear == pytest.approx(0.1459075, abs=5e-8)
    assert quadratic == pytest.approx(0.2520325, abs=5e-8)
    # The scale is what `categories` says: with 5 as an (unused) scale point the gaps change.
    assert weighted_cohen_kappa(pairs, [1, 2, 3, 4, 5, 6]) != pytest.approx(0.1459075, abs=1e-4)


# --- Wilson interval: published examples -----------------------------------------------------


# Newcombe, R. G. (1998). "Two-sided confidence intervals for the single proportion:
# comparison of seven methods". Statistics in Medicine 17, 857-872. Table II, method 3
# (score interval without continuity correction), 95%.
@pytest.mark.parametrize(
    ("successes", "n", "lower", "upper"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
    ],
)
def test_wilson_newcombe_1998(successes: int, n: int, lower: float, upper: float) -> None:
    interval = wilson_interval(successes, n)
    assert interval is not None
    assert (round(interval[0], 4), round(interval[1], 4)) == (lower, upper)


def test_wilson_edges() -> None:
    assert wilson_interval(0, 0) is None
    none_right = wilson_interval(0, 5)
    all_right = wilson_interval(5, 5)
    assert none_right is not None and all_right is not None
    assert none_right[0] == 0.0 and none_right[1] == pytest.approx(0.4345, abs=1e-4)
    assert all_right == pytest.approx((1 - none_right[1], 1.0), abs=1e-12)
    assert all_right[1] == 1.0
    for successes, n, z in [
        (-1, 5, 1.96),
        (6, 5, 1.96),
        (1, -1, 1.96),
        (1, 5, 0.0),
        (1, 5, math.nan),
    ]:
        with pytest.raises(ValueError, match=r"successes|z must"):
            wilson_interval(successes, n, z)


# --- rankings ---------------------------------------------------------------------------------


def test_pairwise_from_ranking() -> None:
    assert pairwise_from_ranking([["b"], ["c", "a"], ["d"]]) == {
        ("a", "b"): -1,
        ("a", "c"): 0,
        ("a", "d"): 1,
        ("b", "c"): 1,
        ("b", "d"): 1,
        ("c", "d"): 1,
    }
    assert pairwise_from_ranking([]) == {}
    assert pairwise_from_ranking([["a", "b", "c"]]) == {("a", "b"): 0, ("a", "c"): 0, ("b", "c"): 0}
    with pytest.raises(ValueError, match="more than once"):
        pairwise_from_ranking([["a"], ["b", "a"]])
    with pytest.raises(TypeError, match="string"):
        pairwise_from_ranking(["ab", "c"])


def test_rankings_compared_pairwise() -> None:
    # Two reviewers rank three responses; their pairwise preferences become one ordinal unit
    # per pair of responses, which alpha and percent agreement take as they are.
    first = pairwise_from_ranking([["r1"], ["r2"], ["r3"]])
    second = pairwise_from_ranking([["r1"], ["r3"], ["r2"]])
    units = {f"{a}|{b}": {"x": first[a, b], "y": second[a, b]} for a, b in first}
    assert percent_agreement(units) == pytest.approx(2 / 3)
    assert krippendorff_alpha(units, "ordinal", categories=[-1, 0, 1]) is not None


@given(
    st.lists(
        st.lists(st.text(min_size=1, max_size=3), min_size=1, max_size=3),
        max_size=5,
    ).filter(lambda groups: len({i for g in groups for i in g}) == sum(map(len, groups)))
)
def test_pairwise_from_ranking_properties(groups: list[list[str]]) -> None:
    ids = [i for g in groups for i in g]
    forward = pairwise_from_ranking(groups)
    backward = pairwise_from_ranking(groups[::-1])
    assert set(forward) == set(combinations(sorted(ids), 2))
    assert all(a < b for a, b in forward)
    assert backward == {pair: -value for pair, value in forward.items()}
    tied = {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}
    assert {pair for pair, value in forward.items() if value == 0} == tied


# --- undefined values, validation ------------------------------------------------------------


def test_undefined_statistics_are_none() -> None:
    assert percent_agreement({}) is None
    assert percent_agreement({"u": {"a": 1}}) is None
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "b")]) is None  # one unit
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None  # p_e == 1
    assert weighted_cohen_kappa([(1, 1), (1, 1)], [1, 2, 3]) is None
    assert weighted_cohen_kappa([(1, 2)], [1, 2, 3]) is None
    assert fleiss_kappa({"u": {"a": 1}}) is None
    assert fleiss_kappa({"u": {"a": 1, "b": 1}, "v": {"a": 1, "b": 1}}) is None
    for level in LEVELS:
        assert krippendorff_alpha({}, level) is None
        assert krippendorff_alpha({"u": {"a": 1}, "v": {"b": 2}}, level) is None
        assert krippendorff_alpha({"u": {"a": 3, "b": 3}, "v": {"a": 3, "b": 3}}, level) is None
    assert alpha_bootstrap_interval({"u": {"a": 3, "b": 3}}, "nominal") is None


def test_cohen_kappa_disagreement_below_zero() -> None:
    assert cohen_kappa([("a", "b"), ("b", "a")]) == -1.0
    assert weighted_cohen_kappa([(1, 3), (3, 1)], [1, 2, 3], "quadratic") == -1.0


def test_validation_errors() -> None:
    units = {"u": {"a": 1, "b": 2}, "v": {"a": 2, "b": 2}}
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha(units, "ratio")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="categories"):
        krippendorff_alpha(units, "nominal", categories=[1])
    with pytest.raises(ValueError, match="categories"):
        fleiss_kappa(units, categories=[2, 3])
    with pytest.raises(ValueError, match="repeat"):
        krippendorff_alpha(units, "ordinal", categories=[1, 2, 1])
    with pytest.raises(ValueError, match="categories"):
        weighted_cohen_kappa([(1, 4), (1, 1)], [1, 2, 3])
    with pytest.raises(ValueError, match="weights"):
        weighted_cohen_kappa([(1, 2), (1, 1)], [1, 2, 3], "cubic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sort"):
        krippendorff_alpha({"u": {"a": 1, "b": "x"}}, "ordinal")
    with pytest.raises(ValueError, match="numbers"):
        krippendorff_alpha({"u": {"a": "low", "b": "high"}}, "interval")
    with pytest.raises(ValueError, match="numbers"):
        krippendorff_alpha({"u": {"a": True, "b": False}}, "interval")
    with pytest.raises(ValueError, match="NaN"):
        krippendorff_alpha({"u": {"a": 1.0, "b": math.nan}}, "nominal")
    with pytest.raises(ValueError, match="NaN"):
        cohen_kappa([(1, math.nan), (1, 1)])
    with pytest.raises(ValueError, match="resamples"):
        alpha_bootstrap_interval(K2011, "nominal", resamples=0)
    with pytest.raises(ValueError, match="confidence"):
        alpha_bootstrap_interval(K2011, "nominal", confidence=1.0)


def test_none_is_a_category_and_absence_is_missing() -> None:
    # "No preference" recorded as None agrees with another None.
    units: Units = {"u": {"a": None, "b": None}, "v": {"a": "r1", "b": "r2"}, "w": {"a": "r1"}}
    assert percent_agreement(units) == 0.5
    assert krippendorff_alpha(units, "nominal") is not None


def test_fleiss_uses_the_most_common_number_of_raters() -> None:
    base = from_counts(FLEISS_WIKI, FIVE)
    extra = {"odd1": {"x": 1, "y": 2}, "odd2": {"x": 5, "y": 5, "z": 4}, "lone": {"x": 3}}
    assert fleiss_kappa({**base, **extra}) == fleiss_kappa(base)
    # A tie between sizes goes to the larger size.
    tie = {"p": {"a": 1, "b": 2}, "q": {"a": 1, "b": 1, "c": 2}}
    assert fleiss_kappa(tie) == fleiss_kappa({"q": tie["q"]})


def test_unused_categories_change_nothing_but_the_weighted_kappa_scale() -> None:
    assert krippendorff_alpha(K2011, "ordinal", categories=[0, 1, 2, 3, 4, 5, 9]) == pytest.approx(
        krippendorff_alpha(K2011, "ordinal"), abs=1e-12
    )
    assert fleiss_kappa(from_counts(FLEISS_WIKI, FIVE), categories=[*FIVE, 6]) == fleiss_kappa(
        from_counts(FLEISS_WIKI, FIVE)
    )


def test_bootstrap_is_deterministic() -> None:
    first = alpha_bootstrap_interval(K2011, "interval", resamples=300, seed=7)
    assert first == alpha_bootstrap_interval(K2011, "interval", resamples=300, seed=7)
    assert first is not None and -1 <= first[0] <= first[1] <= 1
    alpha = krippendorff_alpha(K2011, "interval")
    assert alpha is not None and first[0] <= alpha <= first[1]
    assert alpha_bootstrap_interval(K2011, "interval", resamples=300, seed=8) != first
    narrow = alpha_bootstrap_interval(K2011, "interval", resamples=300, seed=7, confidence=0.5)
    assert narrow is not None and first[0] <= narrow[0] <= narrow[1] <= first[1]


# --- properties -------------------------------------------------------------------------------

SMALL = st.integers(min_value=1, max_value=4)
IntUnits = dict[str, dict[str, int]]


@st.composite
def complete_units(draw: st.DrawFn, values: st.SearchStrategy[int] = SMALL) -> IntUnits:
    """Every unit rated by the same n raters."""
    n = draw(st.integers(min_value=2, max_value=5))
    rows = draw(st.lists(st.lists(values, min_size=n, max_size=n), min_size=1, max_size=12))
    return {f"u{u}": {f"r{i}": v for i, v in enumerate(row)} for u, row in enumerate(rows)}


@st.composite
def sparse_units(draw: st.DrawFn) -> IntUnits:
    """Up to 5 raters, any of whom may have skipped any unit."""
    raters = [f"r{i}" for i in range(draw(st.integers(min_value=2, max_value=5)))]
    rows = draw(
        st.lists(
            st.fixed_dictionaries({}, optional={r: SMALL for r in raters}), min_size=1, max_size=12
        )
    )
    return {f"u{u}": row for u, row in enumerate(rows)}


pairs_strategy = st.lists(st.tuples(SMALL, SMALL), min_size=2, max_size=30)


@given(pairs_strategy)
def test_cohen_kappa_is_symmetric(pairs: list[tuple[int, int]]) -> None:
    assert cohen_kappa(pairs) == cohen_kappa(swap(pairs))
    for weights in ("linear", "quadratic"):
        assert weighted_cohen_kappa(pairs, [1, 2, 3, 4], weights) == weighted_cohen_kappa(
            swap(pairs),
            [1, 2, 3, 4],
            weights,
        )


@given(st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from("ab")), min_size=2, max_size=30))
def test_weighted_kappa_with_two_categories_is_cohen(pairs: list[tuple[str, str]]) -> None:
    kappa = cohen_kappa(pairs)
    for weights in ("linear", "quadratic"):
        weighted = weighted_cohen_kappa(pairs, ["a", "b"], weights)
        assert weighted == (None if kappa is None else pytest.approx(kappa, abs=1e-12))


@given(st.lists(SMALL, min_size=2, max_size=30), st.integers(min_value=2, max_value=5))
def test_perfect_agreement_is_one_where_defined(values: list[int], raters: int) -> None:
    units = {f"u{u}": {f"r{i}": v for i in range(raters)} for u, v in enumerate(values)}
    pairs = [(v, v) for v in values]
    defined = len(set(values)) > 1
    expected = 1.0 if defined else None
    assert percent_agreement(units) == 1.0
    assert cohen_kappa(pairs) == expected
    assert weighted_cohen_kappa(pairs, [1, 2, 3, 4], "linear") == expected
    assert weighted_cohen_kappa(pairs, [1, 2, 3, 4], "quadratic") == expected
    assert fleiss_kappa(units) == expected
    for level in LEVELS:
        assert krippendorff_alpha(units, level) == expected


@given(sparse_units(), st.randoms(use_true_random=False))
def test_permuting_raters_changes_nothing(units: IntUnits, rnd: random.Random) -> None:
    raters = sorted({r for ratings in units.values() for r in ratings})
    renamed = dict(zip(raters, rnd.sample(raters, len(raters)), strict=True))
    shuffled: dict[str, dict[str, Hashable]] = {}
    for unit, ratings in units.items():
        items = list(ratings.items())
        rnd.shuffle(items)
        shuffled[unit] = {renamed[r]: v for r, v in items}
    assert percent_agreement(shuffled) == percent_agreement(units)
    assert fleiss_kappa(shuffled) == fleiss_kappa(units)
    for level in LEVELS:
        before = krippendorff_alpha(units, level)
        after = krippendorff_alpha(shuffled, level)
        assert after == (None if before is None else pytest.approx(before, abs=1e-12))


@given(sparse_units())
def test_alpha_ignores_unpairable_units_and_unit_order(units: IntUnits) -> None:
    padded = {**{u: units[u] for u in reversed(list(units))}, "lone": {"r0": 3}, "empty": {}}
    for level in LEVELS:
        before = krippendorff_alpha(units, level)
        after = krippendorff_alpha(padded, level)
        assert after == (None if before is None else pytest.approx(before, abs=1e-12))


@given(sparse_units())
def test_alpha_is_at_most_one(units: IntUnits) -> None:
    for level in LEVELS:
        alpha = krippendorff_alpha(units, level)
        assert alpha is None or alpha <= 1 + 1e-12


@given(complete_units())
def test_nominal_alpha_and_fleiss_kappa_on_complete_data(units: IntUnits) -> None:
    # The one exact relation claimed: with n ratings on each of N units and nothing missing,
    # D_o = 1 - P_bar and D_e = nN / (nN - 1) (1 - P_e), so alpha = k + (1 - k) / (nN) for
    # Fleiss' kappa k (Scott's pi when n = 2; Krippendorff 2011 notes alpha corrects pi for
    # small samples). Not claimed for missing data, nor for Cohen's kappa.
    kappa = fleiss_kappa(units)
    alpha = krippendorff_alpha(units, "nominal")
    assert (kappa is None) == (alpha is None)
    if kappa is not None and alpha is not None:
        total = sum(len(ratings) for ratings in units.values())
        assert alpha == pytest.approx(kappa + (1 - kappa) / total, abs=1e-9)
        assert alpha >= kappa - 1e-12


@given(sparse_units(), st.sampled_from([(1, 2), (2, 4), (1, 3)]))
def test_levels_coincide_for_two_values(units: IntUnits, values: tuple[int, int]) -> None:
    # With only two distinct values every delta^2 off the diagonal is one constant, so all
    # three metrics give the same alpha.
    binary = {u: {r: values[v % 2] for r, v in ratings.items()} for u, ratings in units.items()}
    nominal = krippendorff_alpha(binary, "nominal")
    for level in ("ordinal", "interval"):
        other = krippendorff_alpha(binary, level)
        assert other == (None if nominal is None else pytest.approx(nominal, abs=1e-9))


@given(
    sparse_units(),
    st.sampled_from([-3.0, -0.5, 2.0, 7.0]),
    st.integers(min_value=-10, max_value=10),
)
def test_interval_alpha_is_affine_invariant(units: IntUnits, scale: float, shift: int) -> None:
    moved = {u: {r: scale * v + shift for r, v in ratings.items()} for u, ratings in units.items()}
    before = krippendorff_alpha(units, "interval")
    after = krippendorff_alpha(moved, "interval")
    assert after == (None if before is None else pytest.approx(before, abs=1e-9))


@given(sparse_units())
def test_ordinal_alpha_depends_only_on_order(units: IntUnits) -> None:
    monotone = {1: -7, 2: 0, 3: 100, 4: 101}
    moved = {u: {r: monotone[v] for r, v in ratings.items()} for u, ratings in units.items()}
    before = krippendorff_alpha(units, "ordinal")
    after = krippendorff_alpha(moved, "ordinal")
    assert after == (None if before is None else pytest.approx(before, abs=1e-12))


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_wilson_properties(successes: int, n: int) -> None:
    successes = min(successes, n)
    interval = wilson_interval(successes, n)
    mirrored = wilson_interval(n - successes, n)
    assert interval is not None and mirrored is not None
    lower, upper = interval
    assert 0.0 <= lower <= successes / n <= upper <= 1.0
    assert lower == pytest.approx(1 - mirrored[1], abs=1e-12)
    wider = wilson_interval(successes, n, z=2.58)
    assert wider is not None and wider[0] <= lower and upper <= wider[1]


# --- optional cross-checks against other implementations -------------------------------------


def random_rows(
    rnd: random.Random, raters: int, units: int, values: int, missing: float
) -> list[list[int | None]]:
    return [
        [None if rnd.random() < missing else rnd.randint(1, values) for _ in range(units)]
        for _ in range(raters)
    ]


def rows_to_units(rows: list[list[int | None]]) -> Units:
    return {
        f"u{u}": {f"r{i}": row[u] for i, row in enumerate(rows) if row[u] is not None}
        for u in range(len(rows[0]))
    }


def test_alpha_matches_krippendorff_package() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    rnd = random.Random(20260)
    checked = 0
    for _ in range(150):
        rows = random_rows(rnd, rnd.randint(2, 6), rnd.randint(2, 25), rnd.randint(2, 6), 0.3)
        units = rows_to_units(rows)
        data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
        domain = sorted({v for row in rows for v in row if v is not None})
        for level in LEVELS:
            ours = krippendorff_alpha(units, level)
            if ours is None:
                continue
            theirs = krippendorff.alpha(
                reliability_data=data, level_of_measurement=level, value_domain=domain
            )
            assert ours == pytest.approx(float(theirs), abs=1e-9), (level, rows)
            checked += 1
    assert checked > 300


def test_cohen_kappa_matches_scikit_learn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rnd = random.Random(17)
    checked = 0
    for _ in range(200):
        k = rnd.randint(2, 5)
        pairs = [(rnd.randint(1, k), rnd.randint(1, k)) for _ in range(rnd.randint(2, 40))]
        if rnd.random() < 0.5:  # some agreement, so kappa is not always near 0
            pairs += [(v, v) for v, _ in pairs[: len(pairs) // 2]]
        first, second = zip(*pairs, strict=True)
        labels = list(range(1, k + 1))
        if cohen_kappa(pairs) is None:
            continue
        assert cohen_kappa(pairs) == pytest.approx(
            metrics.cohen_kappa_score(first, second), abs=1e-12
        )
        for weights in ("linear", "quadratic"):
            theirs = metrics.cohen_kappa_score(first, second, labels=labels, weights=weights)
            ours = weighted_cohen_kappa(pairs, labels, weights)
            assert ours == pytest.approx(theirs, abs=1e-12)
        checked += 1
    assert checked > 150


def test_fleiss_kappa_matches_statsmodels() -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    rnd = random.Random(3)
    for _ in range(100):
        n, k = rnd.randint(2, 8), rnd.randint(2, 5)
        table = []
        for _ in range(rnd.randint(1, 20)):
            row = [0] * k
            for _ in range(n):
                row[rnd.randrange(k)] += 1
            table.append(row)
        ours = fleiss_kappa(from_counts(table, list(range(k))))
        if ours is None:
            continue
        assert ours == pytest.approx(inter_rater.fleiss_kappa(table), abs=1e-12)
