"""The judge figures on constructed cases: anchoring where every revision moves toward the
judge and where none does, acceptances under ``before``, blind first answers used for the
calibration, adjudicated verdicts, position consistency and the length check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.schema import Schema, default_schema
from docket.core.suggestions import Suggestion, SuggestionRecord
from docket.server.judge import JudgeFigures, judge_figures, task_facts
from docket.server.merged_store import MergedAnswer

SCHEMA = default_schema(2)


def task(tid: str, prompt: str = "Q", texts: tuple[str, str] = ("short", "much longer")) -> dict:
    return {
        "id": tid,
        "conversation": [{"role": "user", "content": prompt}],
        "responses": [
            {"id": f"{tid}-x", "model": "mx", "text": texts[0]},
            {"id": f"{tid}-y", "model": "my", "text": texts[1]},
        ],
    }


def pref(better: str | None) -> dict[str, Any]:
    return {"preference": {"better": better, "strength": "slight"} if better else {"better": None}}


def answer(who: str, tid: str, better: str | None) -> MergedAnswer:
    order = {"A": f"{tid}-x", "B": f"{tid}-y"}
    return MergedAnswer(f"fp-{who}", who, tid, "p", 1, pref(better), order, "", 1.0, "done")


def figures(
    tasks: list[dict],
    answers: list[MergedAnswer],
    suggested: dict[str, str | None],
    records: dict[tuple[str, str], SuggestionRecord] | None = None,
    adjudications: dict[str, tuple[str, dict[str, Any]]] | None = None,
    schema: Schema = SCHEMA,
) -> JudgeFigures:
    suggestions = {t: [Suggestion(t, "judge", pref(b))] for t, b in suggested.items()}
    (found,) = judge_figures(
        answers,
        suggestions,
        records or {},
        adjudications or {},
        {t["id"]: schema for t in tasks},
        {t["id"]: task_facts(t) for t in tasks},
    )
    return found


def test_anchoring_every_revision_toward_the_judge() -> None:
    tasks = [task(f"t{i}") for i in range(4)]
    answers, records = [], {}
    for t in tasks:
        x, y = (r["id"] for r in t["responses"])
        for who in ("ann", "bob"):
            # Blind: x. The judge says y. Final: y (revised toward the judge).
            answers.append(answer(who, t["id"], y))
            records[(f"fp-{who}", t["id"])] = SuggestionRecord(
                "judge", "after-answer", pref(x), (), True
            )
    found = figures(tasks, answers, {t["id"]: t["responses"][1]["id"] for t in tasks}, records)
    assert found.anchoring is not None
    a = found.anchoring
    assert (a.rows, a.revised, a.toward, a.away, a.neither) == (8, 8, 8, 0, 0)
    assert a.revision_rate == 1.0 and a.toward_rate == 1.0
    assert (a.first_agreed, a.final_agreed) == (0, 8)
    # Calibration reads the blind answers: the judge disagreed with every one.
    assert found.majority_units == 4 and found.majority_agreed == 0
    assert found.accuracy == 0.0


def test_anchoring_no_revision_toward_the_judge() -> None:
    tasks = [task(f"t{i}") for i in range(4)]
    answers, records = [], {}
    for i, t in enumerate(tasks):
        x, y = (r["id"] for r in t["responses"])
        # Blind: y, agreeing with the judge; final: x (moved away) on half of them,
        # kept on the others.
        final = x if i % 2 else y
        answers.append(answer("ann", t["id"], final))
        records[("fp-ann", t["id"])] = SuggestionRecord(
            "judge", "after-answer", pref(y), (), final != y
        )
    found = figures(tasks, answers, {t["id"]: t["responses"][1]["id"] for t in tasks}, records)
    a = found.anchoring
    assert a is not None
    assert (a.rows, a.revised, a.toward, a.away, a.neither) == (4, 2, 0, 2, 0)
    assert a.revision_rate == 0.5 and a.toward_rate == 0.0
    assert found.acceptance is None


def test_a_strength_change_is_a_revision_but_no_move() -> None:
    t = task("t0")
    y = t["responses"][1]["id"]
    final = answer("ann", "t0", y)
    final.answers["preference"]["strength"] = "strong"
    record = SuggestionRecord("judge", "after-answer", pref(y), (), True)
    found = figures([t], [final], {"t0": y}, {("fp-ann", "t0"): record})
    assert found.anchoring is not None and found.anchoring.neither == 1


def test_before_acceptances_and_left_out_of_the_calibration() -> None:
    tasks = [task(f"t{i}") for i in range(3)]
    answers, records = [], {}
    for i, t in enumerate(tasks):
        x, y = (r["id"] for r in t["responses"])
        answers.append(answer("ann", t["id"], y if i else x))
        records[("fp-ann", t["id"])] = SuggestionRecord(
            "judge", "before", None, ("preference",) if i else (), not i
        )
        answers.append(answer("bob", t["id"], y))  # never saw it (another policy's row)
    found = figures(tasks, answers, {t["id"]: t["responses"][1]["id"] for t in tasks}, records)
    assert found.acceptance is not None
    assert found.acceptance.to_json() == {
        "rows": 3,
        "suggested_questions": 3,
        "accepted_questions": 2,
        "changed_rows": 1,
        "acceptance_rate": pytest.approx(2 / 3),
    }
    assert found.anchored_left_out == 3
    assert found.anchoring is None
    # Only bob's answers calibrate the judge.
    assert [k["reviewer"] for k in found.kappa_reviewers] == ["bob"]
    assert found.majority_units == 3 and found.majority_agreed == 3


def test_adjudicated_verdicts_and_the_confusion_matrix() -> None:
    tasks = [task(f"t{i}") for i in range(4)]
    answers = []
    for t in tasks:
        x, y = (r["id"] for r in t["responses"])
        answers += [answer("ann", t["id"], x), answer("bob", t["id"], y), answer("cy", t["id"], x)]
    suggested = {"t0": "t0-x", "t1": "t1-y", "t2": None, "t3": "t3-x"}
    lead = {
        "t0": ("lead", pref("t0-x") | {"outcome": "final verdict"}),
        "t1": ("lead", pref("t1-x") | {"outcome": "final verdict"}),
        "t3": ("lead", pref("t3-x") | {"outcome": "needs guideline change"}),
    }
    found = figures(tasks, answers, suggested, adjudications=lead)
    assert (found.adjudicated_units, found.adjudicated_agreed) == (2, 1)
    assert found.adjudicated_accuracy == 0.5
    # The human majority is always the first response (model mx): the judge agreed twice,
    # said "second" once and "tie" once.
    assert found.confusion["first"] == {"first": 2, "second": 1, "tie": 1}
    assert found.accuracy == 0.5
    assert found.human_units == 4
    assert found.kappa_majority == 0.0  # the majority used one class: no better than chance


def test_position_consistency_pairs_the_same_texts_in_two_tasks() -> None:
    same = ("alpha", "beta")
    tasks = [
        task("ab", "Q1", same),
        task("ba", "Q1", (same[1], same[0])),
        task("cd", "Q2", ("gamma", "delta")),
        task("dc", "Q2", ("delta", "gamma")),
        task("other", "Q3", same),  # another prompt: no pair
    ]
    answers = [answer("ann", t["id"], None) for t in tasks]
    # ab / ba: the judge prefers "alpha" both times (first in ab, second in ba): consistent.
    # cd / dc: the judge prefers whichever came first: inconsistent.
    suggested = {"ab": "ab-x", "ba": "ba-y", "cd": "cd-x", "dc": "dc-x", "other": "other-x"}
    found = figures(tasks, answers, suggested)
    assert found.position == {"pairs": 2, "consistent": 1, "rate": 0.5}


def test_length_check() -> None:
    tasks = [task(f"t{i}") for i in range(4)]
    # The longer response is always y. The judge picks it 3 times of 4; the humans once.
    suggested = {t["id"]: t["responses"][1 if i else 0]["id"] for i, t in enumerate(tasks)}
    answers = [
        answer(who, t["id"], t["responses"][0 if i else 1]["id"])
        for i, t in enumerate(tasks)
        for who in ("ann", "bob")
    ]
    found = figures(tasks, answers, suggested)
    assert found.length == {
        "judge_decisive": 4,
        "judge_longer": 3,
        "judge_longer_share": 0.75,
        "human_decisive": 4,
        "human_longer": 1,
        "human_longer_share": 0.25,
    }


def test_no_suggestion_no_figures() -> None:
    t = task("t0")
    assert judge_figures([answer("ann", "t0", None)], {}, {}, {}, {}, {"t0": task_facts(t)}) == []


@given(st.lists(st.sampled_from(["x", "y", None]), min_size=2, max_size=12), st.data())
def test_accuracy_is_the_share_matching_the_majority(
    humans: list[str | None], data: st.DataObject
) -> None:
    """One task per human vote, a single reviewer: the majority is their vote, so the
    accuracy is the share of tasks where the judge gave the same class."""
    judge = data.draw(st.lists(st.sampled_from(["x", "y", None]), min_size=len(humans),
                               max_size=len(humans)))  # fmt: skip
    tasks = [task(f"t{i}") for i in range(len(humans))]

    def rid(t: dict, side: str | None) -> str | None:
        return None if side is None else f"{t['id']}-{side}"

    answers = [answer("ann", t["id"], rid(t, h)) for t, h in zip(tasks, humans, strict=True)]
    suggested = {t["id"]: rid(t, j) for t, j in zip(tasks, judge, strict=True)}
    found = figures(tasks, answers, suggested)
    agreed = sum(h == j for h, j in zip(humans, judge, strict=True))
    assert (found.majority_units, found.majority_agreed) == (len(humans), agreed)
    assert sum(v for row in found.confusion.values() for v in row.values()) == len(humans)
    assert found.human_units == 0 and found.human_fleiss_kappa is None
