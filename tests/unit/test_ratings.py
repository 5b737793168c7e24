"""Model ratings (docket.server.ratings): a worked example and the likelihood equations,
properties, the bootstrap, outcomes from a real merged database with an adjudicated task,
and cross-checks against ``choix`` (tie-free data) and a direct ``scipy`` maximisation of
Davidson's likelihood (ties). The cross-checks run only where the ``crosscheck`` extra is
installed (they are not project dependencies)."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles.keys import PublicCard
from docket.server.adjudication import pack_adjudication
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.ratings import (
    Outcome,
    WinCounts,
    bootstrap_intervals,
    bradley_terry,
    davidson_tie_parameter,
    pairwise_outcomes,
    win_matrix,
)
from docket.server.schemas import task_schemas
from docket.server.verdicts import disagreements
from tests.unit.test_merge_end_to_end import MODELS, run  # noqa: F401  (fixture)


def games(a: str, b: str, wins: int, ties: int, losses: int) -> list[Outcome]:
    return [Outcome(a, b, 1.0)] * wins + [Outcome(a, b, 0.5)] * ties + [Outcome(a, b, 0.0)] * losses


def strengths(ratings: dict[str, float]) -> dict[str, float]:
    return {m: 10 ** (r / 400) for m, r in ratings.items()}


# a beats b 3-1, b beats c 3-1, a beats c 2-1 with c's one win: a > b > c.
HAND = games("a", "b", 3, 0, 1) + games("b", "c", 3, 0, 1) + games("c", "a", 1, 0, 2)
HAND_TIES = HAND + games("a", "b", 0, 2, 0) + games("b", "c", 0, 1, 0)


def test_two_models_rate_the_log_odds_apart() -> None:
    r = bradley_terry(games("x", "y", 3, 0, 1))
    assert r["x"] - r["y"] == pytest.approx(400 * math.log10(3), abs=1e-6)
    assert (r["x"] + r["y"]) / 2 == pytest.approx(1000)


def test_hand_example_is_ordered_and_solves_the_likelihood_equations() -> None:
    r = bradley_terry(HAND, ties="half")
    assert r["a"] > r["b"] > r["c"]
    assert sum(r.values()) / 3 == pytest.approx(1000)
    p = strengths(r)
    observed: dict[str, float] = defaultdict(float)
    expected: dict[str, float] = defaultdict(float)
    for o in HAND:
        observed[o.model_a] += o.result
        observed[o.model_b] += 1 - o.result
        expected[o.model_a] += p[o.model_a] / (p[o.model_a] + p[o.model_b])
        expected[o.model_b] += p[o.model_b] / (p[o.model_a] + p[o.model_b])
    for m in "abc":  # the maximum likelihood condition: expected wins = observed wins
        assert expected[m] == pytest.approx(observed[m], abs=1e-8)


def test_half_ties_count_half_a_win_each() -> None:
    with_ties = bradley_terry(HAND_TIES, ties="half")
    # Every game counted twice, a tie as one win and one loss: the same likelihood, squared.
    halves = [
        o
        for x in HAND_TIES
        for o in (
            [x, x]
            if x.result != 0.5
            else [Outcome(x.model_a, x.model_b, 1.0), Outcome(x.model_a, x.model_b, 0.0)]
        )
    ]
    assert with_ties == pytest.approx(bradley_terry(halves, ties="half"), abs=1e-6)


def test_davidson_solves_its_likelihood_equations() -> None:
    r = bradley_terry(HAND_TIES, ties="davidson")
    nu = davidson_tie_parameter(HAND_TIES)
    assert nu > 0 and r["a"] > r["b"] > r["c"]
    p = strengths(r)
    score: dict[str, float] = defaultdict(float)
    expected: dict[str, float] = defaultdict(float)
    ties = expected_ties = 0.0
    for o in HAND_TIES:
        pa, pb = p[o.model_a], p[o.model_b]
        d = pa + pb + nu * math.sqrt(pa * pb)
        score[o.model_a] += o.result
        score[o.model_b] += 1 - o.result
        expected[o.model_a] += (pa + nu * math.sqrt(pa * pb) / 2) / d
        expected[o.model_b] += (pb + nu * math.sqrt(pa * pb) / 2) / d
        ties += o.result == 0.5
        expected_ties += nu * math.sqrt(pa * pb) / d
    for m in "abc":
        assert expected[m] == pytest.approx(score[m], abs=1e-7)
    assert expected_ties == pytest.approx(ties, abs=1e-7)


def test_without_ties_davidson_is_the_plain_model() -> None:
    assert bradley_terry(HAND, ties="davidson") == pytest.approx(
        bradley_terry(HAND, ties="half"), abs=1e-6
    )
    assert davidson_tie_parameter(HAND) == 0


def test_a_model_that_never_wins_or_never_loses_stays_finite() -> None:
    r = bradley_terry(HAND + games("d", "a", 0, 0, 4) + games("e", "c", 3, 0, 0))
    assert all(math.isfinite(v) for v in r.values())
    assert r["d"] == min(r.values())
    assert r["a"] > r["b"] > r["c"]
    # One loss in five against an equal: finite, well below.
    lone = bradley_terry(games("x", "y", 5, 0, 0))
    assert 200 < lone["x"] - lone["y"] < 600


def test_nothing_to_rate() -> None:
    assert bradley_terry([]) == {}
    assert bradley_terry([Outcome("a", "a", 1.0)]) == {}
    assert win_matrix([]) == {}
    assert bootstrap_intervals([], rounds=10).interval == {}


def test_win_matrix_counts_both_orders() -> None:
    m = win_matrix(HAND_TIES)
    assert m[("a", "b")] == WinCounts(3, 2, 1)
    assert m[("b", "a")] == WinCounts(1, 2, 3)
    assert m[("c", "a")] == WinCounts(1, 0, 2)
    assert m[("a", "c")] == WinCounts(2, 0, 1)
    assert sum(c.total for c in m.values()) == 2 * len(HAND_TIES)


# --- Properties ---------------------------------------------------------------------------

MODEL_NAMES = ("m1", "m2", "m3", "m4")
outcome_lists = st.lists(
    st.builds(
        Outcome,
        st.sampled_from(MODEL_NAMES),
        st.sampled_from(MODEL_NAMES),
        st.sampled_from((0.0, 0.5, 1.0)),
    ),
    min_size=1,
    max_size=30,
)
tie_modes = st.sampled_from(("half", "davidson"))


@settings(max_examples=60, deadline=None)
@given(outcome_lists, tie_modes, st.randoms(use_true_random=False))
def test_order_of_outcomes_does_not_matter(
    outcomes: list[Outcome], ties: Any, rng: random.Random
) -> None:
    shuffled = list(outcomes)
    rng.shuffle(shuffled)
    flipped = [Outcome(o.model_b, o.model_a, 1 - o.result) for o in shuffled]
    r = bradley_terry(outcomes, ties=ties)
    assert bradley_terry(shuffled, ties=ties) == pytest.approx(r, abs=1e-5)
    assert bradley_terry(flipped, ties=ties) == pytest.approx(r, abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(outcome_lists, tie_modes)
def test_swapping_every_result_mirrors_the_ratings(outcomes: list[Outcome], ties: Any) -> None:
    r = bradley_terry(outcomes, ties=ties)
    swapped = bradley_terry(
        [Outcome(o.model_a, o.model_b, 1 - o.result) for o in outcomes], ties=ties
    )
    assert swapped == pytest.approx({m: 2000 - v for m, v in r.items()}, abs=1e-5)
    order = sorted(r, key=r.__getitem__)
    assert all(swapped[x] >= swapped[y] - 1e-5 for x, y in pairwise(order))


@settings(max_examples=60, deadline=None)
@given(outcome_lists, tie_modes, st.lists(st.sampled_from(MODEL_NAMES[1:]), min_size=1, max_size=6))
def test_a_model_that_beats_every_other_rates_highest(
    outcomes: list[Outcome], ties: Any, beaten: list[str]
) -> None:
    others = [o for o in outcomes if "m1" not in (o.model_a, o.model_b)]
    # m1 meets every model that plays, and wins every game.
    players = {m for o in others for m in (o.model_a, o.model_b)} | set(beaten)
    mine = [Outcome("m1", m, 1.0) for m in sorted(players)] + [
        Outcome(m, "m1", 0.0) for m in beaten
    ]
    r = bradley_terry(others + mine, ties=ties)
    assert all(r["m1"] > v for m, v in r.items() if m != "m1")


# --- Bootstrap ------------------------------------------------------------------------------


def simulated(n: int, seed: int) -> list[Outcome]:
    """Outcomes drawn from known strengths, one task per outcome pair, with some ties."""
    true = {"alpha": 2.0, "beta": 1.0, "gamma": 0.7, "delta": 0.4}
    rng = random.Random(seed)
    out = []
    for k in range(n):
        a, b = rng.sample(sorted(true), 2)
        if rng.random() < 0.15:
            result = 0.5
        else:
            result = 1.0 if rng.random() < true[a] / (true[a] + true[b]) else 0.0
        out.append(Outcome(a, b, result, task_id=f"t{k // 3}"))
    return out


def test_bootstrap_is_deterministic_and_contains_the_estimate() -> None:
    outcomes = simulated(240, seed=3)
    first = bootstrap_intervals(outcomes, rounds=200, seed=11)
    assert first == bootstrap_intervals(outcomes, rounds=200, seed=11)
    assert first.interval != bootstrap_intervals(outcomes, rounds=200, seed=12).interval
    assert "percentile bootstrap" in first.method and "outcomes" in first.method
    assert first.ratings == pytest.approx(bradley_terry(outcomes), abs=1e-4)
    for m, (low, high) in first.interval.items():
        assert low < first.ratings[m] < high
    assert first.ratings["alpha"] == max(first.ratings.values())
    by_task = bootstrap_intervals(outcomes, rounds=200, seed=11, by="task", ties="half")
    assert "tasks" in by_task.method and "half" in by_task.method
    for m, (low, high) in by_task.interval.items():
        assert low < by_task.ratings[m] < high
    with pytest.raises(ValueError, match="level"):
        bootstrap_intervals(outcomes, level=95)


# --- From a real merged database ------------------------------------------------------------


def expected_outcomes(
    tasks: dict[str, dict[str, str]], task_id: str, answers: dict[str, Any], judge: str
) -> list[Outcome]:
    """Computed here from the answer and the archive's models, independently of the verdict
    code (response ids are the opaque ones ``docket pack`` gave)."""
    model = tasks[task_id]
    if "preference" in answers:
        x, y = sorted(model)
        return [
            Outcome(
                model[x],
                model[y],
                1.0 if answers["preference"]["better"] == x else 0.0,
                task_id,
                judge,
            )
        ]
    place = {rid: k for k, group in enumerate(answers["ranking"]) for rid in group}
    return [
        Outcome(
            model[x],
            model[y],
            0.5 if place[x] == place[y] else 1.0 if place[x] < place[y] else 0.0,
            task_id,
            judge,
        )
        for x, y in combinations(sorted(place), 2)
    ]


def test_outcomes_from_merged_answers_with_an_adjudicated_task(
    run: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    tmp, server = run["tmp"], run["server"]
    db = tmp_path / "merged.db"
    files = [p for ps in run["results"].values() for p in ps]
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, run["archive"])
        tasks = {}
        for task_id in store.schemas():
            task = store.task(task_id)
            assert task is not None
            tasks[task_id] = {r["id"]: r["model"] for r in task["responses"]}
        merge_results(files, server=server, cards=run["cards"], store=store)
        before = pairwise_outcomes(store)
        disputed = sorted(
            d.task_id for d in disagreements(list(store.answers()), task_schemas(store))
        )
        packed = pack_adjudication(
            store, server=server, lead=PublicCard.load(tmp / "keys" / "lead.pub"), out_dir=tmp_path
        )
    expected = sorted(
        (
            o
            for (reviewer, task_id), (_, answers) in run["latest"].items()
            for o in expected_outcomes(tasks, task_id, answers, reviewer)
        ),
        key=lambda o: (o.task_id, o.judge, o.model_a, o.model_b),
    )
    assert sorted(before, key=lambda o: (o.task_id, o.judge, o.model_a, o.model_b)) == expected
    assert {o.model_a for o in before} | {o.model_b for o in before} == set(MODELS)

    # The lead settles the first disputed task for the shorter response (against the
    # majority) and sends the second back for a guideline change.
    settled, sent_back = disputed[0], disputed[1]
    with Workspace.open(tmp_path / "ws-lead", tmp / "keys" / "lead.key") as ws:
        ws.import_bundle(packed.path, tmp / "keys" / "server.pub")
        for task_id, outcome in ((settled, "final verdict"), (sent_back, "needs guideline change")):
            by_length = sorted(ws.task(task_id).responses, key=lambda r: len(r.text))
            verdict: dict[str, Any] = (
                {"preference": {"better": by_length[0].id, "strength": "strong"}}
                if len(by_length) == 2
                else {"ranking": [[r.id] for r in by_length]}
            )
            ws.record(
                task_id,
                verdict
                | {
                    "outcome": outcome,
                    "rationale": "Checked against the sources.",
                    "adjudication_note": "Shorter is right.",
                },
            )
        lead_verdict = ws.answer(settled)
        assert lead_verdict is not None
        exported = ws.export_results(tmp_path / "lead.adjudication-result")
    with MergedStore.open(db, server) as store:
        merge_results(
            [exported.path],
            server=server,
            cards=[*run["cards"], PublicCard.load(tmp / "keys" / "lead.pub")],
            store=store,
        )
        after = pairwise_outcomes(store)
    lead_outcomes = expected_outcomes(tasks, settled, lead_verdict.answers, "lead")
    assert [o for o in after if o.task_id == settled] == lead_outcomes
    assert not [o for o in after if o.task_id == sent_back]
    untouched = [o for o in before if o.task_id not in (settled, sent_back)]
    assert [o for o in after if o.task_id not in (settled, sent_back)] == untouched


# --- Cross-checks -----------------------------------------------------------------------------


def test_crosscheck_choix_on_tie_free_data() -> None:
    choix = pytest.importorskip("choix")
    np = pytest.importorskip("numpy")
    outcomes = [o for o in simulated(300, seed=5) if o.result != 0.5]
    models = sorted({m for o in outcomes for m in (o.model_a, o.model_b)})
    index = {m: i for i, m in enumerate(models)}
    data = [
        (index[o.model_a], index[o.model_b])
        if o.result == 1.0
        else (index[o.model_b], index[o.model_a])
        for o in outcomes
    ]
    ours = bradley_terry(outcomes, ties="half")
    for fit in (
        choix.mm_pairwise(len(models), data, tol=1e-12),
        choix.ilsr_pairwise(len(models), data, tol=1e-12),
    ):
        params = np.asarray(fit) - np.mean(fit)  # natural log-strengths
        theirs = {m: 1000 + 400 * params[index[m]] / math.log(10) for m in models}
        assert ours == pytest.approx(theirs, abs=1e-3)


def test_crosscheck_davidson_against_a_direct_maximisation() -> None:
    """``choix`` has no ties: Davidson's likelihood maximised with scipy instead."""
    optimize = pytest.importorskip("scipy.optimize")
    outcomes = simulated(300, seed=8)
    models = sorted({m for o in outcomes for m in (o.model_a, o.model_b)})
    index = {m: i for i, m in enumerate(models)}

    def negative_log_likelihood(x: Any) -> float:
        theta, log_nu = [*x[:-1], -sum(x[:-1])], x[-1]  # log-strengths sum to 0
        total = 0.0
        for o in outcomes:
            a, b = theta[index[o.model_a]], theta[index[o.model_b]]
            log_d = math.log(math.exp(a) + math.exp(b) + math.exp(log_nu + (a + b) / 2))
            own = a if o.result == 1.0 else b if o.result == 0.0 else log_nu + (a + b) / 2
            total -= own - log_d
        return total

    found = optimize.minimize(
        negative_log_likelihood, [0.0] * len(models), method="BFGS", options={"gtol": 1e-9}
    )
    theta = [*found.x[:-1], -sum(found.x[:-1])]
    theirs = {m: 1000 + 400 * theta[index[m]] / math.log(10) for m in models}
    assert bradley_terry(outcomes, ties="davidson") == pytest.approx(theirs, abs=1e-3)
    assert davidson_tie_parameter(outcomes) == pytest.approx(math.exp(found.x[-1]), abs=1e-4)
