"""Rubric criteria, the HealthBench score, the rubric questions and their answers."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.rubric import (
    MAX_CRITERIA,
    Criterion,
    criteria_problems,
    criterion_id,
    grades_of,
    parse_criteria,
    rubric_score,
    tags_of,
)
from docket.core.schema import (
    RubricQuestion,
    RubricWritingQuestion,
    Schema,
    default_schema,
)
from docket.core.validation import check_answers
from docket.errors import SchemaError
from tests.reference_data import HEALTHBENCH, healthbench_rows

CRITERIA = (
    Criterion("a", "Advises calling emergency services", 10, ("axis:accuracy",)),
    Criterion("b", "Asks about allergies", 5, ("axis:context_awareness",)),
    Criterion("c", "Recommends a prescription dose without context", -6, ("axis:accuracy",)),
    Criterion("d", "Uses plain language", 3, ("axis:communication_quality",)),
)


def test_score_is_met_points_over_positive_points() -> None:
    # HealthBench: met points (penalties included) / sum of positive points (18).
    s = rubric_score(CRITERIA, {"a": True, "b": False, "c": False, "d": True})
    assert (s.achieved, s.possible) == (13, 18)
    assert s.raw == pytest.approx(13 / 18) and s.value == pytest.approx(13 / 18)
    assert s.complete


def test_a_met_penalty_can_take_the_raw_score_below_zero_and_the_value_clips() -> None:
    s = rubric_score(CRITERIA, {"a": False, "b": False, "c": True, "d": False})
    assert s.raw == pytest.approx(-6 / 18)
    assert s.value == 0.0


def test_not_applicable_leaves_both_achieved_and_possible_points() -> None:
    s = rubric_score(CRITERIA, {"a": True, "b": None, "c": False, "d": True})
    assert (s.achieved, s.possible, s.graded) == (13, 13, 4)
    assert s.value == 1.0


def test_ungraded_criteria_count_as_possible_and_the_score_is_incomplete() -> None:
    s = rubric_score(CRITERIA, {"a": True})
    assert (s.achieved, s.possible, s.graded, s.total) == (10, 18, 1, 4)
    assert not s.complete


def test_no_positive_points_gives_no_score() -> None:
    s = rubric_score((Criterion("p", "Penalty only", -5),), {"p": False})
    assert math.isnan(s.raw) and math.isnan(s.value)


@given(st.lists(st.tuples(st.integers(-10, 10), st.sampled_from([True, False, None])), max_size=40))
def test_score_matches_the_formula_written_out(items: list[tuple[int, bool | None]]) -> None:
    criteria = [Criterion(f"c{i}", f"criterion {i}", p) for i, (p, _) in enumerate(items)]
    grades = {f"c{i}": g for i, (_, g) in enumerate(items)}
    s = rubric_score(criteria, grades)
    achieved = sum(p for p, g in items if g is True)
    possible = sum(p for p, g in items if p > 0 and g is not None)
    assert (s.achieved, s.possible) == (achieved, possible)
    if possible:
        assert s.raw == achieved / possible and 0.0 <= s.value <= 1.0


def test_healthbench_spelling_and_docket_spelling_read_the_same() -> None:
    hb = parse_criteria(
        [{"criterion": "Asks about allergies", "points": 5, "tags": ["axis:completeness"]}]
    )
    own = parse_criteria(
        [{"text": "Asks about allergies", "points": 5.0, "tags": ["axis:completeness"]}]
    )
    assert hb == own
    assert (
        hb[0].id
        == criterion_id("Asks about allergies")
        == criterion_id("  Asks  about\nallergies ")
    )
    assert hb[0].to_healthbench() == {
        "criterion": "Asks about allergies",
        "points": 5,
        "tags": ["axis:completeness"],
    }


@pytest.mark.parametrize("name", HEALTHBENCH)
def test_every_carried_healthbench_rubric_parses_with_unique_ids(name: str) -> None:
    for row in healthbench_rows(name):
        criteria = parse_criteria(row["rubrics"], what="rubrics")
        assert len({c.id for c in criteria}) == len(criteria) == len(row["rubrics"])
        assert [c.to_healthbench() for c in criteria] == row["rubrics"]


BAD: list[tuple[str, Any, str]] = [
    ("not a list", {"criterion": "x"}, "must be a list"),
    ("no text", [{"points": 3}], "no criterion text"),
    ("blank text", [{"criterion": "  ", "points": 3}], "no criterion text"),
    ("points too high", [{"criterion": "x", "points": 11}], "between -10 and 10"),
    ("points too low", [{"criterion": "x", "points": -11}], "between -10 and 10"),
    ("points not integer", [{"criterion": "x", "points": 2.5}], "whole number"),
    ("points a string", [{"criterion": "x", "points": "5"}], "whole number"),
    ("points a boolean", [{"criterion": "x", "points": True}], "whole number"),
    ("duplicate text", [{"criterion": "x", "points": 1}, {"criterion": " x", "points": 2}], "same text"),
    ("duplicate id", [{"id": "k", "text": "x", "points": 1}, {"id": "k", "text": "y", "points": 2}], "same id"),
    ("tags not a list", [{"criterion": "x", "points": 1, "tags": "axis:accuracy"}], "tags must be a list"),
    ("unknown key", [{"criterion": "x", "points": 1, "weight": 2}], "unknown key"),
    ("both spellings", [{"criterion": "x", "text": "x", "points": 1}], "both"),
    ("too many", [{"criterion": f"c{i}", "points": 1} for i in range(MAX_CRITERIA + 1)], "at most 200"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "value", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_criteria_are_refused_with_a_reason(case: str, value: Any, message: str) -> None:
    problems = criteria_problems(value)
    assert problems and any(message in m for _, m in problems), problems
    with pytest.raises(ValueError, match=message):
        parse_criteria(value)


def test_tags_can_be_limited_to_the_projects_list() -> None:
    value = [{"text": "x", "points": 1, "tags": ["axis:accuracy", "made:up"]}]
    assert criteria_problems(value) == []
    assert [m for _, m in criteria_problems(value, allowed_tags=["axis:accuracy"])] == [
        "criteria[0] tag(s) ['made:up'] are not in this project's list"
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-20, 20) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "criterion", "points", "tags", "x"]), inner, max_size=5
    ),
    max_leaves=20,
)  # fmt: skip


@given(json_values)
def test_criteria_problems_never_crash_and_agree_with_parse(value: Any) -> None:
    problems = criteria_problems(value)
    if problems:
        with pytest.raises(ValueError, match=re.escape(problems[0][1])):
            parse_criteria(value)
    else:
        parsed = parse_criteria(value)
        assert parse_criteria([c.to_json() for c in parsed]) == parsed


criterion_json = st.fixed_dictionaries(
    {
        "text": st.text(min_size=1, max_size=30).filter(str.strip),
        "points": st.integers(-10, 10),
        "tags": st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=3),
    }
)


@given(st.lists(criterion_json, max_size=12, unique_by=lambda c: " ".join(c["text"].split())))
def test_valid_criteria_round_trip_through_a_schema(items: list[dict[str, Any]]) -> None:
    criteria = parse_criteria(items)
    schema = Schema((RubricQuestion("rubric", criteria=criteria),))
    again = Schema.loads(schema.dumps())
    assert again == schema and again.rubric_questions[0].criteria == criteria
    assert tags_of(criteria) == list(dict.fromkeys(t for c in criteria for t in c.tags))


def test_task_criteria_join_the_project_rubric() -> None:
    project = Schema((RubricQuestion("rubric", criteria=CRITERIA[:1]),))
    form = project.with_task_criteria(CRITERIA[1:])
    assert form.rubric_questions[0].criteria == CRITERIA
    with pytest.raises(SchemaError, match="in both"):
        project.with_task_criteria(CRITERIA[:1])
    with pytest.raises(SchemaError, match="no rubric question"):
        default_schema(2).with_task_criteria(CRITERIA)
    with pytest.raises(SchemaError, match="no criteria"):
        Schema((RubricQuestion("rubric"),)).with_task_criteria(())


def test_schema_json_is_strict_about_rubric_questions() -> None:
    def load(question: dict[str, Any]) -> Schema:
        return Schema.from_json({"version": 1, "questions": [question]})

    q = load({"type": "rubric", "id": "rubric", "criteria": [{"criterion": "x", "points": 2}]})
    assert q.rubric_questions[0].criteria[0].points == 2
    with pytest.raises(SchemaError, match="between -10 and 10"):
        load({"type": "rubric", "id": "rubric", "criteria": [{"criterion": "x", "points": 20}]})
    with pytest.raises(SchemaError, match="Unknown key"):
        load({"type": "rubric", "id": "rubric", "weights": []})
    w = load({"type": "rubric_writing", "id": "criteria", "tags": ["axis:accuracy"]})
    assert isinstance(w.questions[0], RubricWritingQuestion)
    with pytest.raises(SchemaError, match="min_criteria"):
        load({"type": "rubric_writing", "id": "criteria", "min_criteria": 5, "max_criteria": 2})


FORM = Schema((RubricQuestion("rubric", criteria=CRITERIA),))
IDS = ["r-1", "r-2"]


def full(grade: bool | None = True) -> dict[str, Any]:
    return {rid: {c.id: {"met": grade} for c in CRITERIA} for rid in IDS}


def test_a_fully_graded_rubric_is_valid_and_notes_are_optional() -> None:
    answer = full()
    answer["r-1"]["a"]["note"] = "Says to call 911 in the second paragraph."
    answer["r-2"]["b"] = {"met": None}
    assert check_answers(FORM, IDS, {"rubric": answer}) == []
    assert grades_of(answer, "r-2")["b"] is None and grades_of(answer, "r-1")["a"] is True


def test_open_criteria_are_named() -> None:
    answer = full()
    del answer["r-2"]["c"], answer["r-2"]["d"]
    issues = check_answers(FORM, IDS, {"rubric": answer})
    assert ("rubric.r-2", "2 of 4 criteria not graded yet") in issues
    assert ("rubric.r-2.c", "not graded yet") in issues and (
        "rubric.r-2.d",
        "not graded yet",
    ) in issues


@pytest.mark.parametrize(
    ("answer", "field", "message"),
    [
        ({"r-9": {}}, "rubric.r-9", "not a response id"),
        ({"r-1": {"zzz": {"met": True}}}, "rubric.r-1.zzz", "not a criterion of this task"),
        ({"r-1": {"a": {"met": "yes"}}}, "rubric.r-1.a", "true, false or null"),
        ({"r-1": {"a": True}}, "rubric.r-1.a", '"met"'),
        ({"r-1": {"a": {"met": True, "score": 3}}}, "rubric.r-1.a", "unknown key"),
        ({"r-1": {"a": {"met": True, "note": 5}}}, "rubric.r-1.a.note", "expected text"),
        ({"r-1": {"a": {"met": True, "note": "x" * 2001}}}, "rubric.r-1.a.note", "at most"),
        (["r-1"], "rubric", "expected"),
    ],
)
def test_malformed_grades_are_named(answer: Any, field: str, message: str) -> None:
    issues = check_answers(FORM, IDS, {"rubric": answer})
    assert any(f == field and message in m for f, m in issues), issues


@given(json_values)
def test_rubric_answers_never_crash_the_checker_or_the_reader(value: Any) -> None:
    check_answers(FORM, IDS, {"rubric": value})
    grades = grades_of(value, "r-1")
    assert all(g is None or isinstance(g, bool) for g in grades.values())


def test_written_criteria_follow_the_pack_rules() -> None:
    form = Schema((RubricWritingQuestion("criteria", tags=("axis:accuracy",), min_criteria=2),))
    good = [
        {"text": "Names the drug interaction", "points": 7, "tags": ["axis:accuracy"]},
        {"text": "Recommends stopping without a doctor", "points": -8, "tags": []},
    ]
    assert check_answers(form, IDS, {"criteria": good}) == []
    issues = check_answers(
        form, IDS, {"criteria": [{"text": "", "points": 12, "tags": ["theme:x"]}]}
    )
    fields = {f for f, _ in issues}
    assert {"criteria[0].text", "criteria[0].points", "criteria[0].tags", "criteria"} <= fields
    assert ("criteria", "write at least 2 criteria (1 so far)") in issues


def test_default_forms() -> None:
    rubric = default_schema(1, rubric=True)
    assert [q.kind for q in rubric.questions] == ["rubric", "flags", "text"]
    grounded = default_schema(2, documents=True)
    flags = grounded.question("flags")
    assert ("unsupported-claim", "Unsupported claim") in flags.response_flags  # type: ignore[attr-defined]
    assert ("wrong-citation", "Wrong citation") in flags.response_flags  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="two responses"):
        default_schema(1)
    assert json.loads(rubric.dumps())["questions"][0]["criteria"] == []
