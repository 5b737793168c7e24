"""The rubric statistics of docket.server.rubric_agreement: macro F1 as HealthBench's
meta-evaluation computes it (by hand, and against scikit-learn's ``f1_score``), the
consensus and the lead's grades, and the scores per model with their bootstrap
interval."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.rubric import Criterion, Grade
from docket.core.schema import RubricQuestion, Schema
from docket.server.adjudication import majority_answer
from docket.server.rubric_agreement import (
    ResponseScore,
    RubricItem,
    binary_f1,
    consensus,
    grades_text,
    model_scores,
    rubric_agreement,
    settle,
)

grades = st.sampled_from([True, False, None])


def item(task: str, criterion: str, **by: Grade) -> RubricItem:
    return RubricItem(task, "rubric", "r-1", Criterion(criterion, f"text {criterion}", 5), dict(by))


# --- macro F1 --------------------------------------------------------------------------


def test_macro_f1_by_hand() -> None:
    # predicted / truth: 3 TT, 1 TF, 2 FT, 4 FF.
    pairs = [(True, True)] * 3 + [(True, False)] + [(False, True)] * 2 + [(False, False)] * 4
    macro, met, not_met = binary_f1(pairs)
    # met: precision 3/4, recall 3/5 -> F1 = 2*0.75*0.6/1.35 = 2/3
    # not met: precision 4/6, recall 4/5 -> F1 = 2*(2/3)*(4/5)/(2/3+4/5) = 8/11
    assert met == pytest.approx(2 / 3) and not_met == pytest.approx(8 / 11)
    assert macro == pytest.approx((2 / 3 + 8 / 11) / 2)


def test_macro_f1_is_undefined_without_both_classes_and_zero_without_hits() -> None:
    assert binary_f1([(True, True), (True, True)]) == (None, 1.0, None)
    assert binary_f1([(True, False), (False, True)]) == (0.0, 0.0, 0.0)
    assert binary_f1([]) == (None, None, None)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=40))
def test_macro_f1_is_symmetric(pairs: list[tuple[bool, bool]]) -> None:
    """F1 = 2TP / (2TP + FP + FN): swapping prediction and truth swaps FP and FN."""
    assert binary_f1(pairs) == binary_f1([(t, p) for p, t in pairs])


def test_macro_f1_matches_scikit_learn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rnd = random.Random(16)
    checked = 0
    for _ in range(300):
        bias = rnd.random()
        pairs = [(rnd.random() < bias, rnd.random() < 0.5) for _ in range(rnd.randint(1, 60))]
        pairs += [(t, t) for _, t in pairs[: rnd.randint(0, len(pairs))]]
        macro, met, not_met = binary_f1(pairs)
        if macro is None:
            continue
        predicted, truth = [p for p, _ in pairs], [t for _, t in pairs]
        theirs = metrics.f1_score(truth, predicted, average=None, labels=[True, False])
        assert (met, not_met) == pytest.approx(tuple(theirs), abs=1e-12)
        assert macro == pytest.approx(
            metrics.f1_score(truth, predicted, average="macro"), abs=1e-12
        )
        checked += 1
    assert checked > 250


def test_cohen_kappa_of_rubric_items_matches_scikit_learn() -> None:
    """The three grades are three nominal categories."""
    metrics = pytest.importorskip("sklearn.metrics")
    rnd = random.Random(5)
    choices: list[Grade] = [True, False, None]
    items = [
        item("t", f"c{i}", alice=rnd.choice(choices), bob=rnd.choice(choices)) for i in range(80)
    ]
    result = rubric_agreement(items)
    assert result is not None
    names = {True: "met", False: "not met", None: "n/a"}
    first = [names[i.grades["alice"]] for i in items]
    second = [names[i.grades["bob"]] for i in items]
    assert result.cohen[0]["kappa"] == pytest.approx(metrics.cohen_kappa_score(first, second))
    assert result.items == 80 and result.split == sum(
        a != b for a, b in zip(first, second, strict=True)
    )


def test_fleiss_kappa_of_rubric_items_matches_statsmodels() -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    rnd = random.Random(9)
    choices: list[Grade] = [True, False, None]
    items = []
    for i in range(60):
        truth = rnd.choice(choices)
        by = {who: truth if rnd.random() < 0.7 else rnd.choice(choices) for who in "abc"}
        items.append(item("t", f"c{i}", **by))
    result = rubric_agreement(items)
    assert result is not None
    table = [[list(i.grades.values()).count(g) for g in choices] for i in items]
    assert result.fleiss_kappa == pytest.approx(inter_rater.fleiss_kappa(table), abs=1e-12)


def test_f1_pairs_each_reviewer_with_every_other_and_leave_out_not_applicable() -> None:
    items = [
        item("t", "c1", a=True, b=True, c=False),
        item("t", "c2", a=False, b=False, c=False),
        item("t", "c3", a=None, b=True, c=True),
        item("t", "c4", a=True),  # one grader: not shared, not counted
    ]
    result = rubric_agreement(items)
    assert result is not None and result.items == 3
    f1 = {f.reviewer: f for f in result.f1}
    # a: (T,T) (T,F) (F,F) (F,F); c3 is N/A for a.
    assert f1["a"].pairs == 4
    assert f1["a"].f1_met == pytest.approx(2 / 3) and f1["a"].f1_not_met == pytest.approx(0.8)
    # b: (T,T) (T,F) (F,F) (F,F) (T,T); its pair with a on c3 is left out.
    assert f1["b"].pairs == 5
    assert rubric_agreement([item("t", "c", a=True)]) is None


# --- consensus and the lead ----------------------------------------------------------------


@given(st.dictionaries(st.sampled_from("abcde"), grades, max_size=5))
def test_consensus_is_a_strict_majority(given_grades: dict[str, Grade]) -> None:
    s = consensus(given_grades)
    counts = [list(given_grades.values()).count(g) for g in (True, False, None)]
    if max(counts, default=0) * 2 > len(given_grades):
        assert s.settled
        assert list(given_grades.values()).count(s.grade) * 2 > len(given_grades)
        expected = (
            "single"
            if len(given_grades) == 1
            else "unanimous"
            if len(set(given_grades.values())) == 1
            else "majority"
        )
        assert s.resolution == expected
    else:
        assert (s.grade, s.resolution) == (None, "unsettled")


def test_a_final_verdict_settles_and_a_guideline_change_does_not() -> None:
    split = item("t1", "c1", a=True, b=False)
    agreed = item("t1", "c2", a=True, b=True)
    other = item("t2", "c1", a=True, b=False)
    lead = {"rubric": {"r-1": {"c1": {"met": None}, "c2": {"met": False}}}}
    settled = settle(
        [split, agreed, other],
        {
            "t1": ("lead", {**lead, "outcome": "final verdict"}),
            "t2": ("lead", {**lead, "outcome": "needs guideline change"}),
        },
    )
    assert settled[split.key].grade is None and settled[split.key].adjudicated
    assert settled[agreed.key].grade is False and settled[agreed.key].resolution == "adjudicated"
    assert settled[other.key].resolution == "unsettled"


def test_grades_text() -> None:
    assert grades_text({"bob": False, "alice": True, "carol": True, "dan": None}) == (
        "met (alice, carol), not met (bob), not applicable (dan)"
    )


def test_the_leads_form_is_prefilled_criterion_by_criterion() -> None:
    schema = Schema(
        (RubricQuestion("rubric", criteria=(Criterion("c1", "x", 1), Criterion("c2", "y", 1))),)
    )
    reviews = [
        {
            "answers": {
                "rubric": {"r-1": {"c1": {"met": True, "note": "mine"}, "c2": {"met": True}}}
            }
        },
        {"answers": {"rubric": {"r-1": {"c1": {"met": True}, "c2": {"met": False}}}}},
    ]
    assert majority_answer(reviews, schema) == {"rubric": {"r-1": {"c1": {"met": True}}}}


# --- scores --------------------------------------------------------------------------------


def scores(raws: dict[str, list[float]], model: str = "m") -> list[ResponseScore]:
    return [
        ResponseScore(task, "rubric", f"r{i}", model, raw, 0)
        for task, values in raws.items()
        for i, raw in enumerate(values)
    ]


def test_a_models_score_is_the_clipped_mean_of_raw_scores() -> None:
    (low,) = model_scores(scores({"t1": [-0.5], "t2": [0.1]}))
    assert low.mean_raw == pytest.approx(-0.2) and low.score == 0.0
    (high,) = model_scores(scores({"t1": [0.5, 1.0], "t2": [0.3]}))
    assert high.score == pytest.approx(0.6) and (high.responses, high.tasks) == (3, 2)


def test_one_task_gives_no_spread_and_the_interval_is_seeded() -> None:
    (one,) = model_scores(scores({"t": [0.4, 0.6]}))
    assert one.interval == (pytest.approx(0.5), pytest.approx(0.5)) and one.bootstrap_std == 0
    rnd = random.Random(1)
    many = scores({f"t{i}": [rnd.random()] for i in range(40)})
    first, again = model_scores(many, seed=3), model_scores(many, seed=3)
    assert first == again and model_scores(many, seed=4) != first
    (s,) = first
    assert s.interval[0] < s.score < s.interval[1]
    # About the normal approximation's width for a mean of 40 uniform draws (sd 0.289).
    assert s.interval[1] - s.interval[0] == pytest.approx(2 * 1.96 * 0.289 / math.sqrt(40), rel=0.3)


def test_resampling_keeps_a_tasks_responses_together() -> None:
    """A task's responses are drawn together: with one task of three responses scoring 0
    and one of a single response scoring 1, a resample's mean is 0 (t1 twice), 1/4 or 1
    (t2 twice, a chance of one in four, so the upper bound is 1); drawing responses one by
    one would almost never give 1."""
    (s,) = model_scores(scores({"t1": [0.0, 0.0, 0.0], "t2": [1.0]}), resamples=200)
    assert s.score == pytest.approx(0.25)
    assert s.interval[0] == 0.0 and s.interval[1] == 1.0


def test_models_do_not_change_each_others_interval() -> None:
    a = scores({f"t{i}": [i / 10] for i in range(10)}, "a")
    b = scores({f"t{i}": [1 - i / 20] for i in range(10)}, "b")
    together = {m.model: m for m in model_scores(a + b)}
    assert together["a"] == model_scores(a)[0] and together["b"] == model_scores(b)[0]


def test_the_cli_offers_every_dataset_format() -> None:
    from docket.cli.dataset import FORMATS as OFFERED
    from docket.server.dataset import FORMATS

    assert OFFERED == FORMATS
