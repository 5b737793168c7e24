"""Answer facts (docket.server.answer_facts): agreement from the narrow facts written at
merge gives the very figures agreement from the decoded answers gives."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    RankingQuestion,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.server import answer_facts
from docket.server.agreement import QuestionAgreement, agreement, agreement_from_facts
from docket.server.answer_facts import encode, layout
from docket.server.merged_store import MergedAnswer

pytest.importorskip("numpy", reason="agreement from facts counts with NumPy")

CUSTOM = Schema(
    (
        PreferenceQuestion("pick", label="Pick"),
        RankingQuestion("order", label="Order"),
        LikertQuestion("stars", dimensions=("clarity", "depth"), scale_min=0, scale_max=6),
        FlagsQuestion(
            "issues", response_flags=(("wrong", "Wrong"), ("rude", "Rude")), task_flags=(("dup", "Dup"),)
        ),
        TextQuestion("why"),
    )
)  # fmt: skip
FORMS = {1: default_schema(2), 2: default_schema(3), 3: CUSTOM}
NAMES = ("ann", "bob", "cy", "dee", "eve", "fay")


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[list[MergedAnswer], dict[str, int]]:
    """Tasks of the three forms, each answered by some of six reviewers at random."""
    answers: list[MergedAnswer] = []
    form_of: dict[str, int] = {}
    for t in range(draw(st.integers(1, 8))):
        task_id = f"t{t:02d}"
        form_id = draw(st.sampled_from(sorted(FORMS)))
        form = FORMS[form_id]
        n = 2 if form_id == 1 else 3 if form_id == 2 else draw(st.integers(2, 3))
        ids = draw(st.permutations(["r1", "r2", "r3", "r4"]))[:n]
        form_of[task_id] = form_id
        for name in sorted(draw(st.sets(st.sampled_from(NAMES), min_size=1, max_size=6))):
            given = _answer(draw, form, ids)
            order = {chr(65 + i): rid for i, rid in enumerate(draw(st.permutations(ids)))}
            answers.append(
                MergedAnswer(
                    f"fp-{name}", name, task_id, "p", 1, given, order, "2026-11-01", 10.0, "done"
                )
            )
    return answers, form_of


def _answer(draw: st.DrawFn, form: Schema, ids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in form.questions:
        if not draw(st.booleans()):
            continue
        if isinstance(q, PreferenceQuestion):
            pick: dict[str, Any] = {"better": draw(st.sampled_from([*ids, None]))}
            strength = draw(st.sampled_from(["slight", "strong", None]))
            if strength is not None:
                pick["strength"] = strength
            out[q.id] = pick
        elif isinstance(q, RankingQuestion):
            places = draw(st.lists(st.integers(0, 2), min_size=len(ids), max_size=len(ids)))
            out[q.id] = [
                sorted(r for r, p in zip(ids, places, strict=True) if p == k)
                for k in sorted(set(places))
            ]
        elif isinstance(q, LikertQuestion):
            scale = st.integers(q.scale_min, q.scale_max)
            out[q.id] = {
                rid: {dim: draw(scale) for dim in draw(st.sets(st.sampled_from(q.dimensions)))}
                for rid in draw(st.sets(st.sampled_from(ids)))
            }
        elif isinstance(q, FlagsQuestion):
            names = [n for n, _ in (*q.response_flags, *q.task_flags)] + ["unknown"]
            out[q.id] = {
                target: sorted(draw(st.sets(st.sampled_from(names), min_size=1)))
                for target in draw(st.sets(st.sampled_from([*ids, "task"])))
            }
    return out


def _from_facts(answers: list[MergedAnswer], form_of: dict[str, int]) -> list[QuestionAgreement]:
    raters = {name: i for i, name in enumerate(NAMES)}
    rows = []
    for a in answers:
        facts = encode(FORMS[form_of[a.task_id]], list(a.display_order.values()), a.answers)
        assert facts is not None
        n = len(a.display_order)
        rows.append((a.task_id, raters[a.reviewer_name], form_of[a.task_id], n, facts))
    who = {i: (f"fp-{name}", name) for name, i in raters.items()}
    found = agreement_from_facts(rows, who, FORMS, small_sample=0)
    assert found is not None
    return found.questions


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets())
def test_facts_give_the_figures_of_the_answers(
    drawn: tuple[list[MergedAnswer], dict[str, int]],
) -> None:
    answers, form_of = drawn
    schemas = {t: FORMS[f] for t, f in form_of.items()}
    expected = [
        # Intervals need the units themselves: the facts path leaves small samples to them.
        dataclasses.replace(q, alpha_interval=None)
        for q in agreement(answers, schemas=schemas)
    ]
    assert _from_facts(answers, form_of) == expected


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets())
def test_units_too_wide_for_one_number_are_counted_apart(
    drawn: tuple[list[MergedAnswer], dict[str, int]],
) -> None:
    answers, form_of = drawn
    schemas = {t: FORMS[f] for t, f in form_of.items()}
    expected = [
        dataclasses.replace(q, alpha_interval=None) for q in agreement(answers, schemas=schemas)
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(answer_facts, "WIDE", 2)
        assert _from_facts(answers, form_of) == expected


def test_a_large_sample_has_no_interval_either_way() -> None:
    """Past SMALL_SAMPLE units agreement computes no bootstrap interval, so the facts
    path (run with its default threshold) gives every field, the interval included."""
    answers = []
    for t in range(260):
        ids = ["ra", "rb"]
        for k, name in enumerate(NAMES[:3]):
            better = ids[(t + k * (t % 3 == 0)) % 2]
            answers.append(MergedAnswer(f"fp-{name}", name, f"t{t:03d}", "p", 1,
                                        {"preference": {"better": better, "strength": "slight"}},
                                        {"A": "ra", "B": "rb"}, "2026-11-01", 5.0, "done"))  # fmt: skip
    schemas = {a.task_id: FORMS[1] for a in answers}
    rows = [
        (a.task_id, NAMES.index(a.reviewer_name), 1, 2, encode(FORMS[1], ["ra", "rb"], a.answers))
        for a in answers
    ]
    who = {i: (f"fp-{n}", n) for i, n in enumerate(NAMES[:3])}
    found = agreement_from_facts(rows, who, FORMS)  # type: ignore[arg-type]
    assert found is not None
    assert found.questions == agreement(answers, schemas=schemas)
    assert found.labels == {"fp-ann": "ann", "fp-bob": "bob", "fp-cy": "cy"}
    # Fewer units than that: no figures from facts (the answers give the interval).
    assert agreement_from_facts(rows[:30], who, FORMS) is None  # type: ignore[arg-type]


def test_what_facts_cannot_express_gets_none() -> None:
    ids = ["ra", "rb"]
    assert layout(Schema((ChoiceQuestion("c", options=("x", "y")),)), 2) is None
    assert layout(default_schema(2, rubric=True), 2) is None
    two_flags = Schema((FlagsQuestion("f1"), FlagsQuestion("f2")))
    assert layout(two_flags, 2) is None
    form = default_schema(2)
    assert encode(form, ids, {"likert": {"ra": {"helpfulness": 9}}}) is None  # off the scale
    assert encode(form, ids, {"likert": {"rz": {"helpfulness": 3}}}) is None  # no such response
    assert encode(form, ids, {"likert": {"ra": {"helpfulness": 3.0}}}) is None  # not an integer
    assert encode(form, ids, {"likert": {"ra": {"humour": 3}}}) is None  # no such dimension
    assert encode(form, ["ra", "task"], {}) is None
    # Nothing answered: every flag unset (a value), nothing else.
    empty = encode(form, ids, {})
    assert empty is not None and set(empty) == {"0", "1"}
    assert len(empty) == len(layout(form, 2) or ())
    # A 0-1 likert scale is no flag: unanswered, its units get no value (not "0").
    binary = Schema((LikertQuestion("ok", dimensions=("fine",), scale_min=0, scale_max=1),))
    assert encode(binary, ids, {}) == "00"
    assert encode(binary, ids, {"ok": {"ra": {"fine": 0}, "rb": {"fine": True}}}) is None
    assert encode(binary, ids, {"ok": {"ra": {"fine": 0}, "rb": {"fine": 1}}}) == "12"


def test_the_agreement_verb_gives_the_same_json_from_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merged store holding 300 tasks answered by three reviewers, their facts filled
    as the migration fills them: `docket agreement --json` prints the same whether it
    reads the facts or (facts set aside) every answer; gold accuracy comes from the
    answers to gold items alone."""
    from docket.bundles import keys
    from docket.cli import main
    from docket.core.rules import canonical_json
    from docket.server import agreement as agreement_module
    from docket.server.merged_store import MergedStore, fill_answer_facts
    from docket.store.db import write_transaction

    keys.write_key_pair(keys.generate("server"), tmp_path, passphrase=None)
    server = keys.load_secret_key(tmp_path / "server.key")
    form = default_schema(2)
    with MergedStore.open(tmp_path / "m.db", server) as store:
        db = store.db
        with write_transaction(db):
            for name in NAMES[:3]:
                db.execute("INSERT INTO reviewers VALUES (?, ?, ?)", (f"fp-{name}", name, "{}"))
            for t in range(300):
                task = {"id": f"t{t:03d}", "responses": [{"id": "ra", "model": "m1", "text": "x"},
                                                         {"id": "rb", "model": "m2", "text": "yy"}]}  # fmt: skip
                db.execute("INSERT INTO tasks VALUES (?, 'p', ?, ?, '')",
                           (task["id"], canonical_json(task), form.dumps()))  # fmt: skip
                for k, name in enumerate(NAMES[:3]):
                    better = ["ra", "rb", None][(t * (k + 1)) % 3]
                    given = {"preference": {"better": better, "strength": ["slight", "strong"][t % 2]},
                             "likert": {"ra": {"helpfulness": 1 + (t + k) % 5}},
                             "flags": {"rb": ["hallucination"]} if (t + k) % 4 == 0 else {}}  # fmt: skip
                    db.execute(
                        "INSERT INTO answers (reviewer, project, task_id, revision, body, "
                        "display_order, saved_at, time_spent_s, status, bundle, checked) "
                        "VALUES (?, 'p', ?, 1, ?, ?, '2026-11-01T10:00:00', 30, 'done', 'b', 1)",
                        (f"fp-{name}", task["id"], canonical_json(given),
                         canonical_json({"A": "rb", "B": "ra"})),
                    )  # fmt: skip
            db.execute("INSERT INTO gold VALUES ('p', 't001', ?)",
                       (canonical_json({"preference": {"better": "ra"}}),))  # fmt: skip
            assert fill_answer_facts(db) == 900
    argv = [
        "agreement",
        "--db",
        str(tmp_path / "m.db"),
        "--server-key",
        str(tmp_path / "server.key"),
        "--json",
    ]
    read: list[int] = []
    facts_agreement = agreement_module.facts_agreement

    def counted(*args: Any, **kwargs: Any) -> Any:
        found = facts_agreement(*args, **kwargs)
        read.append(found is not None)
        return found

    monkeypatch.setattr(agreement_module, "facts_agreement", counted)
    assert main(argv) == 0
    from_facts = capsys.readouterr().out
    monkeypatch.setattr(agreement_module, "facts_agreement", lambda *a, **k: None)
    assert main(argv) == 0
    from_answers = capsys.readouterr().out
    assert read == [True]
    assert from_facts == from_answers
    payload = json.loads(from_facts)
    assert {q["question"] for q in payload["questions"]} >= {"preference", "flag hallucination"}
    assert sum(g["total"] for g in payload["gold"]) == 3
