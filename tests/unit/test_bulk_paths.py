"""The fast paths over a million merged answers against the straightforward ones.

Agreement sums each question's units by their ratings (``UnitTally``) and sums unset
flags without building their units; the coefficients must come out identical, to the
last bit, to the unit-by-unit computation they replaced (kept here as the reference).
The bootstrap of the ratings draws multinomial counts instead of outcomes one by one:
the same distribution, checked statistically, with NumPy and without. The merged store
keeps response facts and forms beside the task archive by triggers, and decodes JSON
through the scanner: both against what they stand for.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.bundles import keys
from docket.core.bulk import fast_json_loads, paused_gc
from docket.core.schema import default_schema
from docket.server import agreement as agreement_module
from docket.server.agreement import SMALL_SAMPLE, agreement
from docket.server.agreement_stats import (
    UnitTally,
    alpha_bootstrap_interval,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    tally_cohen_kappas,
)
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.ratings import (
    Outcome,
    _binomial,
    bootstrap_intervals,
    bradley_terry,
    pairwise_outcomes,
)

# --- the straightforward computations the tallies replaced --------------------------------


def reference_percent(units: Mapping[str, Mapping[str, Hashable]]) -> float | None:
    shares = []
    for ratings in units.values():
        values = list(ratings.values())
        m = len(values)
        if m >= 2:
            shares.append(sum(c * (c - 1) for c in Counter(values).values()) / (m * (m - 1)))
    return math.fsum(shares) / len(shares) if shares else None


def reference_cohen(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    n = len(pairs)
    if n < 2:
        return None
    first: Counter[Hashable] = Counter(a for a, _ in pairs)
    second: Counter[Hashable] = Counter(b for _, b in pairs)
    agree = sum(1 for a, b in pairs if a == b)
    chance = sum(count * second[c] for c, count in first.items())
    return None if chance == n * n else (agree * n - chance) / (n * n - chance)


def reference_fleiss(units: Mapping[str, Mapping[str, Hashable]]) -> float | None:
    rows = [Counter(r.values()) for r in units.values() if len(r) >= 2]
    if not rows:
        return None
    sizes = Counter(sum(row.values()) for row in rows)
    n = max(sizes, key=lambda size: (sizes[size], size))
    rows = [row for row in rows if sum(row.values()) == n]
    total = len(rows) * n
    agreeing = sum(c * (c - 1) for row in rows for c in row.values())
    totals: Counter[Hashable] = Counter()
    for row in rows:
        totals.update(row)
    squares = sum(c * c for c in totals.values())
    if squares == total * total:
        return None
    return (agreeing * total - squares * (n - 1)) / ((n - 1) * (total * total - squares))


def reference_alpha(
    units: Mapping[str, Mapping[str, Hashable]], ordered: list[Any]
) -> float | None:
    """Krippendorff's alpha, ordinal, unit by unit (the old ``_alpha_of_keys``)."""
    index = {v: i for i, v in enumerate(ordered)}
    pairs_by_m: dict[int, Counter[tuple[int, int]]] = defaultdict(Counter)
    totals: Counter[int] = Counter()
    for ratings in units.values():
        keys_ = [index[v] for v in ratings.values()]
        m = len(keys_)
        if m < 2:
            continue
        counts = Counter(keys_)
        totals.update(counts)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs_by_m[m][c, k] += n_c * (n_k - 1 if c == k else n_k)
    if len(totals) < 2:
        return None
    n = sum(totals.values())
    # Each coincidence is summed exactly rounded, as the tallied path defines it (so that
    # alpha does not depend on the order of the units).
    terms: dict[tuple[int, int], list[float]] = defaultdict(list)
    for m, pairs in pairs_by_m.items():
        for pair, count in pairs.items():
            terms[pair].append(count / (m - 1))
    coincidences = {pair: math.fsum(found) for pair, found in terms.items()}
    up_to, running = {}, 0
    for rank in sorted(totals):
        running += totals[rank]
        up_to[rank] = running

    def delta(c: int, k: int) -> float:
        low, high = sorted((c, k))
        between = up_to[high] - up_to[low] + totals[low]
        return (between - (totals[low] + totals[high]) / 2) ** 2

    observed = math.fsum(o * delta(c, k) for (c, k), o in coincidences.items() if c != k)
    expected = math.fsum(
        a * b * delta(c, k) for c, a in totals.items() for k, b in totals.items() if c != k
    )
    return 1 - (n - 1) * observed / expected


RATERS = ["ann", "bob", "cy", "dee", "eve"]
units_strategy = st.dictionaries(
    st.text("uvw", min_size=1, max_size=4),
    st.dictionaries(st.sampled_from(RATERS), st.integers(-2, 2), max_size=5),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(units_strategy)
def test_tallied_coefficients_equal_the_unit_by_unit_ones(units: dict[str, dict[str, int]]) -> None:
    assert percent_agreement(units) == reference_percent(units)
    assert fleiss_kappa(units) == reference_fleiss(units)
    ordered = sorted({v for r in units.values() for v in r.values()})
    assert krippendorff_alpha(units, "ordinal", ordered) == reference_alpha(units, ordered)
    kappas = tally_cohen_kappas(UnitTally(units))
    for a, b in combinations(RATERS, 2):
        shared = [(r[a], r[b]) for r in units.values() if a in r and b in r]
        if shared:
            assert kappas[(a, b)] == (len(shared), reference_cohen(shared))
            assert cohen_kappa(shared) == reference_cohen(shared)
        else:
            assert (a, b) not in kappas


def test_a_tally_sums_units_with_the_same_ratings() -> None:
    units = {str(i): {"ann": i % 2 == 0, "bob": False} for i in range(1000)}
    tally = UnitTally(units)
    assert len(tally.counts) == 2 and tally.units == 1000
    assert fleiss_kappa(units) is not None
    assert percent_agreement(units) == reference_percent(units)


# --- agreement over answers: the fast path against the unit-by-unit one --------------------


def reference_agreement(answers: list[MergedAnswer], schemas: Any) -> list[tuple[Any, ...]]:
    """The coefficients as computed before the tallies: every unit built, then each
    coefficient over them, Cohen's kappa pair by pair."""
    out = []
    for (question, level), units in sorted(agreement_module._units(answers, schemas).items()):
        pairable = {u: r for u, r in units.items() if len(r) >= 2}
        if not pairable:
            continue
        categories = None
        if level == "ordinal":
            categories = sorted({v for r in pairable.values() for v in r.values()}, key=float)
        alpha = krippendorff_alpha(pairable, level, categories)  # type: ignore[arg-type]
        interval = None
        if alpha is not None and len(pairable) < SMALL_SAMPLE:
            interval = alpha_bootstrap_interval(
                pairable,
                level,
                categories,
                resamples=500,
                seed=0,  # type: ignore[arg-type]
            )
        reviewers = sorted({who for r in pairable.values() for who in r})
        cohen = []
        for a, b in combinations(reviewers, 2):
            shared = [(r[a], r[b]) for r in pairable.values() if a in r and b in r]
            if shared:
                cohen.append(([a, b], len(shared), reference_cohen(shared)))
        out.append(
            (
                question,
                level,
                len(pairable),
                reference_percent(pairable),
                reference_fleiss(pairable),
                alpha,
                interval,
                cohen,
            )
        )
    return out


def _answers(seed: int, tasks: int, flag_rate: float) -> list[MergedAnswer]:
    rng = random.Random(seed)
    out = []
    for t in range(tasks):
        count = rng.choice([2, 2, 3])
        ids = [f"r{t}-{k}" for k in range(count)]
        for who in rng.sample(RATERS, rng.randint(1, 4)):
            answers: dict[str, Any] = {}
            if count == 2:
                better = rng.choice([*ids, None])
                answers["preference"] = (
                    {"better": None} if better is None else
                    {"better": better, "strength": rng.choice(["slight", "strong"])}
                )  # fmt: skip
            else:
                shuffled = rng.sample(ids, count)
                answers["ranking"] = [[shuffled[0]], sorted(shuffled[1:])]
            if rng.random() < 0.5:
                answers["likert"] = {r: {"helpfulness": rng.randint(1, 5)} for r in ids}
            flags = {
                target: [f for f in ("hallucination", "unsafe", "pii") if rng.random() < flag_rate]
                for target in [*ids, "task"]
            }
            if any(flags.values()) or rng.random() < 0.3:
                answers["flags"] = {k: v for k, v in flags.items() if v}
            order = {chr(65 + i): rid for i, rid in enumerate(rng.sample(ids, count))}
            out.append(
                MergedAnswer(who, who, f"t{t:03d}", "p", 1, answers, order, "", 10.0, "done")
            )
    out.sort(key=lambda a: (a.task_id, a.reviewer_name))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 250), st.sampled_from([0.0, 0.05, 0.4]))
def test_agreement_equals_the_unit_by_unit_computation(
    seed: int, tasks: int, flag_rate: float
) -> None:
    answers = _answers(seed, tasks, flag_rate)
    schemas = {
        a.task_id: default_schema(len(a.display_order)) for a in answers if hash(a.task_id) % 4
    }  # most tasks' forms known (flags summed directly), some not (every unit built)
    got = [
        (q.question, q.level, q.units, q.percent_agreement, q.fleiss_kappa,
         q.krippendorff_alpha, q.alpha_interval,
         [(c["reviewers"], c["units"], c["kappa"]) for c in q.cohen])
        for q in agreement(answers, schemas=schemas)
    ]  # fmt: skip
    assert got == reference_agreement(answers, schemas)


def test_unset_flags_are_summed_without_building_their_units(monkeypatch: Any) -> None:
    """Past the first SMALL_SAMPLE units of a flag, a known form's flags go through
    ``_sum_flags`` (and the figures still equal the reference)."""
    answers = _answers(7, 400, 0.05)
    schemas = {a.task_id: default_schema(len(a.display_order)) for a in answers}
    calls = []
    original = agreement_module._sum_flags

    def counting(*args: Any) -> bool:
        done = original(*args)
        calls.append(done)
        return done

    monkeypatch.setattr(agreement_module, "_sum_flags", counting)
    got = agreement(answers, schemas=schemas)
    assert sum(calls) > 100  # most tasks summed directly
    assert [q.krippendorff_alpha for q in got] == [
        r[5] for r in reference_agreement(answers, schemas)
    ]


# --- the ratings' bootstrap -----------------------------------------------------------------


def _outcomes(n: int, seed: int = 3) -> list[Outcome]:
    rng = random.Random(seed)
    strengths = {"m1": 2.0, "m2": 1.0, "m3": 0.6}
    out = []
    for i in range(n):
        a, b = rng.sample(sorted(strengths), 2)
        if rng.random() < 0.1:
            r = 0.5
        else:
            r = 1.0 if rng.random() < strengths[a] / (strengths[a] + strengths[b]) else 0.0
        out.append(Outcome(a, b, r, f"t{i // 3}", "x"))
    return out


def reference_bootstrap(outcomes: list[Outcome], rounds: int, seed: int) -> dict[str, list[float]]:
    """The straightforward bootstrap: draw the outcomes one by one, refit."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        drawn = rng.choices(outcomes, k=len(outcomes))
        for m, r in bradley_terry(drawn, ties="half", tol=1e-8).items():
            samples[m].append(r)
    return samples


@pytest.mark.parametrize("use_numpy", [True, False])
def test_the_multinomial_bootstrap_agrees_with_drawing_outcomes(use_numpy: bool) -> None:
    if use_numpy:
        pytest.importorskip("numpy", reason="NumPy comes with the report extra")
    outcomes = _outcomes(600)
    fast = bootstrap_intervals(outcomes, rounds=400, seed=5, ties="half", use_numpy=use_numpy)
    slow = reference_bootstrap(outcomes, 400, 9)
    for model, (low, high) in fast.interval.items():
        values = sorted(slow[model])
        ref_low, ref_high = values[10], values[-11]
        width = ref_high - ref_low
        # Both are 95 % intervals of one distribution from 400 draws: their ends agree to
        # within a fifth of the width (the Monte Carlo error of a 2.5 % quantile).
        assert abs(low - ref_low) < 0.2 * width, (model, low, ref_low, width)
        assert abs(high - ref_high) < 0.2 * width, (model, high, ref_high, width)
        assert low < fast.ratings[model] < high


def test_the_bootstrap_by_task_and_with_self_matches() -> None:
    outcomes = [*_outcomes(300), Outcome("m1", "m1", 1.0, "t0", "x")]
    first = bootstrap_intervals(outcomes, rounds=100, seed=2, by="task", use_numpy=False)
    assert first == bootstrap_intervals(outcomes, rounds=100, seed=2, by="task", use_numpy=False)
    assert set(first.interval) == {"m1", "m2", "m3"}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 5000), st.floats(0.0, 1.0), st.integers(0, 2**32))
def test_binomial_draws_stay_in_range(n: int, p: float, seed: int) -> None:
    k = _binomial(random.Random(seed), n, p)
    assert 0 <= k <= n
    if p == 0:
        assert k == 0
    if p == 1:
        assert k == n


def test_binomial_draws_have_the_binomial_mean_and_variance() -> None:
    rng = random.Random(1)
    n, p = 100_000, 0.3
    draws = [_binomial(rng, n, p) for _ in range(2000)]
    mean = sum(draws) / len(draws)
    variance = sum((d - mean) ** 2 for d in draws) / (len(draws) - 1)
    assert abs(mean - n * p) < 4 * math.sqrt(n * p * (1 - p) / len(draws))
    assert abs(variance / (n * p * (1 - p)) - 1) < 0.15


# --- JSON and the collector -----------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from(["", " ", "\n"]))
def test_fast_json_loads_is_json_loads(value: Any, space: str) -> None:
    for text in (json.dumps(value), space + json.dumps(value, sort_keys=True) + space):
        assert fast_json_loads(text) == json.loads(text)


@pytest.mark.parametrize("text", ["", "{", '{"a": 1} x', "[1,]", "nul"])
def test_fast_json_loads_raises_what_json_loads_raises(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as got:
        fast_json_loads(text)
    assert str(got.value) == str(expected.value)


def test_paused_gc_restores_the_collector() -> None:
    import gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


# --- the store: response facts and forms kept by triggers; answers read in one go ---------


def _task_row(task_id: str, models: Sequence[str | None], text: str = "abc") -> str:
    return json.dumps(
        {
            "id": task_id,
            "conversation": [{"role": "user", "content": "q"}],
            "responses": [
                {"id": f"{task_id}-{i}", "model": m, "text": text * (i + 1)}
                for i, m in enumerate(models)
            ],
            "documents": [],
        }
    )


def test_response_facts_and_forms_follow_every_write_to_the_archive(tmp_path: Path) -> None:
    server = keys.generate("server")
    form2, form3 = default_schema(2).dumps(), default_schema(3).dumps()
    with MergedStore.open(tmp_path / "m.db", server, project="p") as store:
        put = "INSERT OR REPLACE INTO tasks (id, project, task, schema) VALUES (?, 'p', ?, ?)"
        store.db.execute(put, ("t1", _task_row("t1", ["x", "y"]), form2))
        store.db.execute(put, ("t2", _task_row("t2", ["x", None, "z"], "é"), form3))
        store.db.execute(put, ("t3", "not json", form2))
        assert store.response_facts() == {
            "t1": {"t1-0": ("x", 3), "t1-1": ("y", 6)},
            "t2": {"t2-0": ("x", 1), "t2-1": (None, 2), "t2-2": ("z", 3)},
        }
        # Replaced with fewer responses and another form; then deleted.
        store.db.execute(put, ("t2", _task_row("t2", ["w", "v"]), form2))
        assert store.response_models()["t2"] == {"t2-0": "w", "t2-1": "v"}
        assert store.schemas() == {"t1": form2, "t2": form2, "t3": form2}
        store.db.execute("UPDATE tasks SET schema = ? WHERE id = 't1'", (form3,))
        assert store.schemas()["t1"] == form3
        store.db.execute("DELETE FROM tasks WHERE id = 't1'")
        assert set(store.response_facts()) == {"t2"} and set(store.schemas()) == {"t2", "t3"}
        # What the JSON functions give is what parsing the task gives.
        for tid, body in store.db.execute("SELECT id, task FROM tasks WHERE id != 't3'"):
            parsed = json.loads(body)["responses"]
            assert list(store.response_facts()[tid].values()) == [
                (r["model"], len(r["text"])) for r in parsed
            ]


def test_an_older_database_gets_its_facts_when_opened(tmp_path: Path) -> None:
    from docket.server import merged_store

    server = keys.generate("server")
    path = tmp_path / "old.db"
    older = merged_store.MIGRATIONS[:3]
    from docket.store.db import open_migrated
    from docket.store.migrations import migrate

    key = server.derived_key(merged_store.MERGED_KEY_LABEL)
    db = open_migrated(path, key, lambda d: migrate(d, path=str(path), migrations=older))
    db.execute(
        "INSERT INTO tasks (id, project, task, schema) VALUES ('t1', 'p', ?, ?)",
        (_task_row("t1", ["x", "y"]), default_schema(2).dumps()),
    )
    db.close()
    with MergedStore.open(path, server, project="p") as store:
        assert store.response_models() == {"t1": {"t1-0": "x", "t1-1": "y"}}
        assert store.schemas() == {"t1": default_schema(2).dumps()}


def test_pairwise_outcomes_from_answers_read_before(tmp_path: Path) -> None:
    server = keys.generate("server")
    with MergedStore.open(tmp_path / "m.db", server, project="p") as store:
        store.db.execute(
            "INSERT INTO reviewers (fingerprint, name, card) VALUES ('fp1', 'ann', '{}'), "
            "('fp2', 'bob', '{}')"
        )
        for t in range(3):
            store.db.execute(
                "INSERT INTO tasks (id, project, task, schema) VALUES (?, 'p', ?, ?)",
                (f"t{t}", _task_row(f"t{t}", ["x", "y"]), default_schema(2).dumps()),
            )
            for fp in ("fp1", "fp2"):
                body = {"preference": {"better": f"t{t}-{t % 2}", "strength": "slight"}}
                store.db.execute(
                    "INSERT INTO answers (reviewer, project, task_id, revision, body, "
                    "display_order, saved_at, time_spent_s, status, bundle, checked) "
                    "VALUES (?, 'p', ?, 1, ?, ?, '2026-11-01T00:00:00', 5.0, 'done', 'b', 1)",
                    (fp, f"t{t}", json.dumps(body), json.dumps({"A": f"t{t}-0", "B": f"t{t}-1"})),
                )
        read = list(store.answers())
        assert [(a.task_id, a.reviewer_name) for a in read] == [
            (f"t{t}", who) for t in range(3) for who in ("ann", "bob")
        ]
        assert pairwise_outcomes(store, read) == pairwise_outcomes(store)
        assert [o.result for o in pairwise_outcomes(store)] == [1.0, 1.0, 0.0, 0.0, 1.0, 1.0]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 60))
def test_one_questions_units_are_those_of_every_question(seed: int, tasks: int) -> None:
    answers = _answers(seed, tasks, 0.2)
    schemas = {a.task_id: default_schema(len(a.display_order)) for a in answers}
    every = agreement_module._units(answers, schemas)
    for question, level in every:
        assert agreement_module.question_units(answers, schemas, question, level) == dict(
            every[(question, level)]
        )


def test_the_tasks_with_suggestions_are_listed_as_they_are_written(tmp_path: Path) -> None:
    server = keys.generate("server")
    with MergedStore.open(tmp_path / "m.db", server, project="p") as store:
        put = "INSERT OR REPLACE INTO tasks (id, project, task, schema) VALUES (?, 'p', ?, '{}')"
        row = json.loads(_task_row("t1", ["x", "y"]))
        store.db.execute(put, ("t1", json.dumps({**row, "suggestions": [{"agent": "j"}]})))
        store.db.execute(put, ("t2", json.dumps({**row, "suggestions": []})))
        store.db.execute(put, ("t3", "not json"))

        def listed() -> list[str]:
            return [r[0] for r in store.db.execute("SELECT task_id FROM suggested ORDER BY 1")]

        assert listed() == ["t1"]
        store.db.execute(put, ("t1", json.dumps(row)))
        assert listed() == []
        store.db.execute(put, ("t2", json.dumps({**row, "suggestions": [{"agent": "j"}]})))
        store.db.execute("DELETE FROM tasks WHERE id = 't2'")
        assert listed() == [] and store.suggestions() == {}


RETAINED_CHILD = r"""
import sys
from docket.core.bulk import retained_heap
kept = retained_heap() if sys.argv[1] == "retained" else None
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
blocks = [bytearray(4 * 1024 * 1024) for _ in range(40)]  # 160 MB, every page touched
del blocks
print(kept, round(rss_mb()))
"""


@pytest.mark.skipif(
    not Path("/proc/self/status").exists() or __import__("platform").libc_ver()[0] != "glibc",
    reason="the C heap is tuned only with glibc, on Linux",
)
def test_a_retained_heap_keeps_freed_memory_for_the_next_batch_and_the_default_gives_it_back() -> (
    None
):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]

    def run(mode: str) -> tuple[str, int]:
        out = subprocess.run(
            [sys.executable, "-c", RETAINED_CHILD, mode],
            capture_output=True, text=True, check=True,
            env={"PYTHONPATH": str(root / "desktop"), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        kept, rss = out.stdout.split()
        return kept, int(rss)

    kept, retained = run("retained")
    _, returned = run("default")
    assert kept == "True"
    # Four-megabyte blocks are mapped and unmapped one by one by default (pages zeroed
    # again for every batch); retained, the 160 MB stay in the heap for reuse.
    assert retained > returned + 120, (retained, returned)
