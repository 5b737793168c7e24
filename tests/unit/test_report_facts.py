"""The report from the answers' facts (docket.server.report_facts) gives every figure the
report from the decoded answers gives: on random answer sets, statistic by statistic, and
on a merged store end to end (an older store brought to this version included)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.core.rules import canonical_json
from docket.core.schema import (
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    RankingQuestion,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.server import report as report_module
from docket.server.agreement import agreement, agreement_from_facts
from docket.server.answer_facts import answered, encode
from docket.server.merged_store import MergedAnswer
from docket.server.ratings import outcome_cells, pairwise_outcomes
from docket.server.report_quality import (
    agreement_over_time,
    answers_per_day,
    flags_over_time,
    main_question,
    pair_matrix,
    question_units,
    timing,
    weekly_windows,
)
from docket.server.report_scorecard import (
    flag_rates,
    length_check,
    likert_scores,
    model_ratings,
    model_ratings_of_cells,
)
from docket.server.verdicts import answer_votes, verdicts_of_votes

np = pytest.importorskip("numpy", reason="the report's figures from facts count with NumPy")

from docket.server import report_facts  # noqa: E402
from docket.server.report_facts import figures_from_rows  # noqa: E402

CUSTOM = Schema(
    (
        PreferenceQuestion("pick", label="Pick"),
        RankingQuestion("order", label="Order"),
        LikertQuestion("stars", dimensions=("clarity", "depth"), scale_min=0, scale_max=6),
        FlagsQuestion(
            "issues", response_flags=(("wrong", "Wrong"), ("rude", "Rude")), task_flags=(("dup", "Dup"),)
        ),
        TextQuestion("why"),
    ),
    min_seconds=20,
)  # fmt: skip
FORMS = {1: default_schema(2), 2: default_schema(3), 3: CUSTOM}
NAMES = ("ann", "bob", "cy", "dee", "eve", "fay")
MODELS = ("m-a", "m-b", "m-c", None)
DAYS = ("2026-10-01", "2026-10-02", "2026-10-09", "2026-11-20", "garbage!!!")


def _answer(draw: st.DrawFn, form: Schema, ids: list[str]) -> dict[str, Any]:
    """A valid answer to ``form`` over ``ids``, any question left out at random."""
    out: dict[str, Any] = {}
    for q in form.questions:
        if not draw(st.booleans()) and not isinstance(q, TextQuestion):
            continue
        if isinstance(q, PreferenceQuestion) and len(ids) == 2:
            better = draw(st.sampled_from([*ids, None]))
            out[q.id] = {"better": better} if better is None else {
                "better": better, "strength": draw(st.sampled_from(["slight", "strong"]))}  # fmt: skip
        elif isinstance(q, RankingQuestion) and len(ids) >= 2:
            order = draw(st.permutations(ids))
            cuts = draw(st.lists(st.booleans(), min_size=len(ids) - 1, max_size=len(ids) - 1))
            groups = [[order[0]]]
            for rid, cut in zip(order[1:], cuts, strict=True):
                if cut:
                    groups.append([rid])
                else:
                    groups[-1].append(rid)
            out[q.id] = [sorted(g) for g in groups]
        elif isinstance(q, LikertQuestion):
            scores = st.integers(q.scale_min, q.scale_max)
            out[q.id] = {rid: {d: draw(scores) for d in q.dimensions if draw(st.booleans())}
                         for rid in ids if draw(st.booleans())}  # fmt: skip
        elif isinstance(q, FlagsQuestion):
            chosen: dict[str, list[str]] = {}
            for target in [*ids, "task"]:
                allowed = q.task_flags if target == "task" else q.response_flags
                picked = [n for n, _ in allowed if draw(st.integers(0, 3)) == 0]
                if picked:
                    chosen[target] = picked
            out[q.id] = chosen
        elif isinstance(q, TextQuestion):
            out[q.id] = "because"
    return out


@dataclasses.dataclass
class Case:
    answers: list[MergedAnswer]
    schemas: dict[str, Schema]
    form_of: dict[str, int]
    responses: dict[str, tuple[list[str], list[str | None], list[int]]]
    adjudications: dict[str, tuple[str, dict[str, Any]]]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Tasks of three forms (one with a minimum time), each answered by some of six
    reviewers on random days with random times; models and lengths of the responses
    (some unnamed, some of equal length), a few adjudicated tasks, some not archived."""
    answers: list[MergedAnswer] = []
    schemas: dict[str, Schema] = {}
    form_of: dict[str, int] = {}
    responses: dict[str, tuple[list[str], list[str | None], list[int]]] = {}
    adjudications: dict[str, tuple[str, dict[str, Any]]] = {}
    for t in range(draw(st.integers(1, 10))):
        task_id = f"t{t:02d}"
        form_id = draw(st.sampled_from(sorted(FORMS)))
        form = FORMS[form_id]
        n = 2 if form_id == 1 else 3 if form_id == 2 else draw(st.integers(2, 3))
        ids = list(draw(st.permutations(["r1", "r2", "r3", "r4"]))[:n])
        form_of[task_id] = form_id
        schemas[task_id] = form
        if draw(st.integers(0, 5)):
            ordered = sorted(ids)
            responses[task_id] = (
                ordered,
                [draw(st.sampled_from(MODELS)) for _ in ordered],
                [draw(st.sampled_from([0, 10, 10, 11, 14, 15, 40])) for _ in ordered],
            )
        if draw(st.integers(0, 6)) == 0:
            verdict = _answer(draw, form, ids)
            verdict["outcome"] = draw(st.sampled_from(["final verdict", "needs guideline change"]))
            adjudications[task_id] = ("lead", verdict)
        for name in sorted(draw(st.sets(st.sampled_from(NAMES), min_size=1, max_size=6))):
            shown = draw(st.permutations(ids))
            answers.append(
                MergedAnswer(
                    f"fp-{name}",
                    name,
                    task_id,
                    "p",
                    1,
                    _answer(draw, form, ids),
                    {chr(65 + k): rid for k, rid in enumerate(shown)},
                    draw(st.sampled_from(DAYS)) + "T10:00:00",
                    draw(st.sampled_from([0.0, 5.5, 19.9, 20.0, 75.0, 300.25])),
                    "done",
                )
            )
    return Case(answers, schemas, form_of, responses, adjudications)


class _Store:
    """What pairwise_outcomes reads of a merged store."""

    def __init__(self, case: Case) -> None:
        self.case = case

    def schemas(self) -> dict[str, str]:
        return {t: s.dumps() for t, s in self.case.schemas.items()}

    def adjudications(self) -> dict[str, tuple[str, dict[str, Any]]]:
        return self.case.adjudications

    def response_models(self) -> dict[str, dict[str, str | None]]:
        return {t: dict(zip(r[0], r[1], strict=True)) for t, r in self.case.responses.items()}


def _rows(case: Case) -> list[tuple[Any, ...]]:
    rows = []
    for a in case.answers:
        form = case.schemas[a.task_id]
        facts = encode(form, list(a.display_order.values()), a.answers)
        assert facts is not None, a
        rows.append((a.task_id, a.reviewer, case.form_of[a.task_id], len(a.display_order), facts,
                     a.saved_at[:10], a.time_spent_s, answered(form, a.answers)))  # fmt: skip
    return rows


def _same(case: Case) -> Iterator[tuple[str, Any, Any]]:
    """Each figure computed both ways: (name, from the answers, from the facts)."""
    schemas = {t: s for t, s in case.schemas.items()}
    facts = {t: {rid: (m, n) for rid, m, n in zip(*r, strict=True)}
             for t, r in case.responses.items()}  # fmt: skip
    rows = _rows(case)
    who = {
        f"fp-{n}": (f"fp-{n}", n)
        for n in NAMES
        if any(a.reviewer == f"fp-{n}" for a in case.answers)
    }
    forms = {form_id: FORMS[form_id] for form_id in case.form_of.values()}
    found = agreement_from_facts(rows, who, forms, seed=0, small_sample=0)
    assert found is not None
    flat: Any = ([], [], [], [])
    for task_id, (ids, models, lengths) in sorted(case.responses.items()):
        for column, values in zip(flat, ([task_id] * len(ids), ids, models, lengths), strict=True):
            column.extend(values)
    fast = figures_from_rows(np, rows, who, schemas, forms, found, flat, case.adjudications)
    assert fast is not None
    answers = case.answers
    votes = answer_votes(answers, schemas)
    outcomes = pairwise_outcomes(cast(Any, _Store(case)), answers)
    yield "cells", outcome_cells(outcomes), fast.cells
    yield "likert", likert_scores(answers, schemas, facts), fast.likert
    yield "flags", flag_rates(answers, schemas, facts), fast.flags
    yield "length", length_check(answers, votes, facts), fast.length
    unresolved = sum(
        1
        for task_id, pairs in verdicts_of_votes(answers, votes).items()
        if task_id not in case.adjudications and any(v.resolution == "unresolved" for v in pairs)
    )
    yield "unresolved", unresolved, fast.unresolved
    yield "timing", timing(answers, schemas), fast.timing
    yield "per day", answers_per_day(answers), fast.per_day
    weekly = weekly_windows(answers)
    yield "weekly", weekly, fast.weekly
    yield "flags over time", flags_over_time(answers, schemas, weekly), fast.flags_over_time
    main = main_question(agreement(answers, schemas=schemas))
    yield (
        "main question",
        None if main is None else main.question,
        (None if fast.main is None else fast.main.question),
    )
    if main is not None:
        units = question_units(answers, schemas, main)
        yield "matrix", pair_matrix(main.question, units), fast.matrix
        yield "drift", agreement_over_time(answers, main, units, weekly), fast.drift
    yield "answers", (len(answers), len({a.task_id for a in answers})), (
        fast.answers, fast.tasks_answered,
    )  # fmt: skip


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_figure_from_facts_is_the_one_the_answers_give(case: Case) -> None:
    for name, from_answers, from_facts in _same(case):
        assert from_facts == from_answers, name


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(MODELS[:3]),
            st.sampled_from(MODELS[:3]),
            st.sampled_from([0.0, 0.5, 1.0]),
        ),
        max_size=60,
    ),
    st.integers(0, 3),
)
def test_ratings_from_counted_outcomes_are_the_ratings_of_the_outcomes(
    found: list[tuple[str, str, float]], seed: int
) -> None:
    """Ratings, intervals and the win matrix depend on the outcomes only through how many
    fall in each cell, cells in the order they first occur."""
    from docket.server.ratings import Outcome

    outcomes = [Outcome(a, b, r, f"t{i}", "x") for i, (a, b, r) in enumerate(found) if a != b]
    assert model_ratings_of_cells(outcome_cells(outcomes), rounds=40, seed=seed) == (
        model_ratings(outcomes, rounds=40, seed=seed)
    )


# --- end to end, on a merged store -----------------------------------------------------------


def _store(tmp_path: Path, *, older: bool = False) -> tuple[Any, Any]:
    """A merged store of 360 tasks (two and three responses) answered by four reviewers
    over five weeks, with gold items, adjudications, unnamed and equal-length responses;
    ``older``: written by the Docket before the report's columns (schema version 9),
    then opened by this one."""
    from docket.bundles import keys
    from docket.server import merged_store
    from docket.server.merged_store import MergedStore
    from docket.store.db import write_transaction

    keys.write_key_pair(keys.generate("server"), tmp_path, passphrase=None)
    server = keys.load_secret_key(tmp_path / "server.key")
    rng = random.Random(7)
    path = tmp_path / "m.db"
    with pytest.MonkeyPatch.context() as patch:
        if older:
            patch.setattr(merged_store, "PORTABLE", merged_store.PORTABLE[:1])
        store = MergedStore.open(path, server)
        db = store.db
        with write_transaction(db):
            for name in ("ann", "bob", "cy", "dee", "lead"):
                db.execute("INSERT INTO reviewers VALUES (?, ?, ?)", (f"fp-{name}", name, "{}"))
            for t in range(360):
                n = 3 if t % 3 == 0 else 2
                form = default_schema(n)
                ids = [f"r{t}-{k}" for k in range(n)]
                task = {"id": f"t{t:03d}", "responses": [
                    {"id": rid, "model": ["m1", "m2", "m3", None][(t + k) % (4 if t % 50 else 3)],
                     "text": "x" * (10 + (t * (k + 1)) % 7)} for k, rid in enumerate(ids)]}  # fmt: skip
                db.execute("INSERT INTO tasks VALUES (?, 'p', ?, ?, '')",
                           (task["id"], canonical_json(task), form.dumps()))  # fmt: skip
                quality = {rid: rng.gauss(0, 1) for rid in ids}
                for name in ("ann", "bob", "cy", "dee")[: 2 + t % 3]:
                    seen = {rid: q + rng.gauss(0, 0.8) for rid, q in quality.items()}
                    best = max(seen, key=seen.__getitem__)
                    given: dict[str, Any] = {}
                    if n == 2:
                        given["preference"] = {"better": None} if rng.random() < 0.15 else {
                            "better": best, "strength": rng.choice(["slight", "strong"])}  # fmt: skip
                    else:
                        ranked = sorted(ids, key=lambda r: -seen[r])
                        given["ranking"] = [[ranked[0]], sorted(ranked[1:])] if rng.random() < 0.3 else [[r] for r in ranked]  # fmt: skip
                    given["likert"] = {rid: {"helpfulness": min(5, max(1, round(3 + seen[rid])))}
                                       for rid in ids}  # fmt: skip
                    flags = {rid: ["hallucination"] for rid in ids if seen[rid] < -1.2}
                    if rng.random() < 0.05:
                        flags["task"] = ["unsafe"]
                    if flags or rng.random() < 0.5:
                        given["flags"] = flags
                    order = dict(zip("ABC", rng.sample(ids, n), strict=False))
                    day = 1 + (t * 35) // 360
                    db.execute(
                        "INSERT INTO answers (reviewer, project, task_id, revision, body, "
                        "display_order, saved_at, time_spent_s, status, bundle, checked) "
                        "VALUES (?, 'p', ?, 1, ?, ?, ?, ?, 'done', 'b', 1)",
                        (f"fp-{name}", task["id"], canonical_json(given), canonical_json(order),
                         f"2026-10-{day:02d}T10:00:00" if day <= 31 else f"2026-11-{day - 31:02d}T09:00:00",
                         round(rng.lognormvariate(3, 1), 1) if rng.random() < 0.95 else 0.0),
                    )  # fmt: skip
                if t % 10 == 1 and n == 2:
                    db.execute("INSERT INTO gold VALUES ('p', ?, ?)",
                               (task["id"], canonical_json({"preference": {"better": ids[0]}})))  # fmt: skip
                if t % 25 == 3:
                    verdict = {"outcome": "final verdict" if t % 50 else "needs guideline change"}
                    if n == 2:
                        verdict["preference"] = {"better": ids[1], "strength": "slight"}
                    else:
                        verdict["ranking"] = [[ids[2]], [ids[0], ids[1]]]
                    db.execute("INSERT INTO adjudications (project, task_id, lead, revision, body, "
                               "saved_at, bundle) VALUES ('p', ?, 'fp-lead', 1, ?, '', 'adj')",
                               (task["id"], canonical_json(verdict)))  # fmt: skip
            if not older:
                from docket.server.merged_store import fill_answer_facts

                assert fill_answer_facts(db) == store.counts()["answers"]
        store.close()
    return MergedStore.open(path, server), server


def _both(store: Any, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> tuple[Any, Any]:
    from docket.server.report_html import render_html

    now = datetime(2026, 12, 1, tzinfo=UTC)
    used: list[bool] = []
    real = report_facts.fact_figures

    def counted(*args: Any, **kw: Any) -> Any:
        found = real(*args, **kw)
        used.append(found is not None)
        return found

    monkeypatch.setattr(report_module, "fact_figures", counted)
    fast = report_module.build_report(store, now=now, rounds=50, **kwargs)
    monkeypatch.setattr(report_module, "fact_figures", lambda *a, **k: None)
    slow = report_module.build_report(store, now=now, rounds=50, **kwargs)
    assert used == [True]
    return (fast, render_html(fast)), (slow, render_html(slow))


@pytest.mark.slow
@pytest.mark.parametrize("older", [False, True], ids=["current", "older store migrated"])
def test_the_report_from_facts_is_the_report_from_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, older: bool
) -> None:
    """Every figure and every byte of the page are the same, reviewers by name or by
    pseudonym; a store at the previous version gets the report's columns on opening."""
    pytest.importorskip("matplotlib", reason="the report draws its plots with matplotlib")
    from docket.server.pseudonyms import reviewer_pseudonyms

    store, server = _store(tmp_path, older=older)
    with store:
        (fast, fast_page), (slow, slow_page) = _both(store, monkeypatch)
        assert fast == slow
        assert fast_page == slow_page
        assert fast.ratings is not None and fast.drift and fast.length is not None
        assert fast.unresolved and fast.gold and fast.flags and fast.likert
        names = reviewer_pseudonyms(store, server)
        (fast, fast_page), (slow, slow_page) = _both(store, monkeypatch, pseudonyms=names)
        assert fast == slow
        assert fast_page == slow_page
