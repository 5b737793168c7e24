"""Answers against schemas: each question type, good and bad, and the rationale rules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.schema import (
    ChoiceQuestion,
    LikertQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.core.validation import check_answers, validate_answers
from docket.errors import AnswerValidationError

PAIR = ["r1", "r2"]
THREE = ["x", "y", "z"]
GOOD_RATIONALE = "B invents a citation that does not exist."


def fields(schema: Schema, ids: list[str], answers: Any) -> list[str]:
    return [field for field, _ in check_answers(schema, ids, answers)]


# --- preference -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        {"preference": {"better": "r1", "strength": "slight"}},
        {"preference": {"better": None}},
        {"preference": {"better": None, "strength": None}},
        {"preference": {"better": "r2", "strength": "strong"}, "rationale": GOOD_RATIONALE},
    ],
)
def test_good_preferences(answers: dict[str, Any]) -> None:
    validate_answers(default_schema(2), PAIR, answers)


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({}, "preference", "required"),
        ({"preference": "r1"}, "preference", "expected {"),
        ({"preference": {"strength": "slight"}}, "preference.better", "null for a tie"),
        (
            {"preference": {"better": "r3", "strength": "slight"}},
            "preference.better",
            "response ids",
        ),
        ({"preference": {"better": 0, "strength": "slight"}}, "preference.better", "response ids"),
        (
            {"preference": {"better": "r1", "strength": "huge"}},
            "preference.strength",
            "'slight', 'strong'",
        ),
        ({"preference": {"better": "r1"}}, "preference.strength", "got None"),
        (
            {"preference": {"better": None, "strength": "strong"}},
            "preference.strength",
            "a tie has no strength",
        ),
        (
            {"preference": {"better": "r1", "strength": "slight", "why": 1}},
            "preference.why",
            "unknown key",
        ),
        (
            {"preference": {"better": "r1", "strength": "slight"}, "mood": "ok"},
            "mood",
            "not a question",
        ),
    ],
)
def test_bad_preferences_name_the_field(answers: dict[str, Any], field: str, words: str) -> None:
    issues = check_answers(default_schema(2), PAIR, answers)
    assert any(f == field and words in msg for f, msg in issues), issues
    with pytest.raises(AnswerValidationError) as info:
        validate_answers(default_schema(2), PAIR, answers)
    assert field in str(info.value)


def test_answers_name_response_ids_not_positions() -> None:
    # "A"/"B" (screen labels) and 0/1 (positions) are not response ids.
    for better in ("A", "B", 0, 1):
        assert "preference.better" in fields(
            default_schema(2), PAIR, {"preference": {"better": better, "strength": "slight"}}
        )


def test_tie_not_allowed_when_schema_says_so() -> None:
    schema = Schema.from_json(
        {
            "version": 1,
            "questions": [{"type": "preference", "id": "preference", "allow_tie": False}],
        }
    )
    assert fields(schema, PAIR, {"preference": {"better": None}}) == ["preference.better"]


# --- ranking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ranking",
    [[["x"], ["y"], ["z"]], [["y", "x"], ["z"]], [["x", "y", "z"]], [["z"], ["x", "y"]]],
)
def test_good_rankings(ranking: list[list[str]]) -> None:
    validate_answers(default_schema(3), THREE, {"ranking": ranking})


@pytest.mark.parametrize(
    ("ranking", "field", "words"),
    [
        ([["x"], ["y"]], "ranking", "missing ['z']"),
        ([["x"], ["y"], ["x", "z"]], "ranking[2]", "more than once"),
        ([["x"], [], ["y", "z"]], "ranking[1]", "empty group"),
        ([["x"], ["y"], ["w"], ["z"]], "ranking[2]", "not a response id"),
        (["x", "y", "z"], "ranking", "list of groups"),
        ({"x": 1}, "ranking", "list of groups"),
    ],
)
def test_bad_rankings(ranking: Any, field: str, words: str) -> None:
    issues = check_answers(default_schema(3), THREE, {"ranking": ranking})
    assert any(f == field and words in m for f, m in issues), issues


def test_ranking_without_ties_allowed() -> None:
    schema = Schema.from_json(
        {"version": 1, "questions": [{"type": "ranking", "id": "ranking", "allow_ties": False}]}
    )
    assert fields(schema, THREE, {"ranking": [["x", "y"], ["z"]]}) == ["ranking[0]"]
    validate_answers(schema, THREE, {"ranking": [["x"], ["z"], ["y"]]})


@given(st.permutations(THREE), st.lists(st.booleans(), min_size=2, max_size=2))
def test_any_ordered_partition_of_the_ids_is_a_valid_ranking(
    order: list[str], cuts: list[bool]
) -> None:
    groups: list[list[str]] = [[order[0]]]
    for rid, cut in zip(order[1:], cuts, strict=True):
        if cut:
            groups.append([rid])
        else:
            groups[-1].append(rid)
    assert check_answers(default_schema(3), THREE, {"ranking": groups}) == []


def test_a_preference_answer_does_not_fit_a_three_way_task() -> None:
    assert "preference" in fields(
        default_schema(3),
        THREE,
        {"ranking": [["x"], ["y"], ["z"]], "preference": {"better": "x", "strength": "slight"}},
    )


# --- likert ---------------------------------------------------------------------------------


def test_good_likert_partial_is_fine_when_optional() -> None:
    validate_answers(
        default_schema(2),
        PAIR,
        {
            "preference": {"better": None},
            "likert": {"r1": {"helpfulness": 4}, "r2": {"safety": 1, "correctness": 5}},
        },
    )


@pytest.mark.parametrize(
    ("likert", "field"),
    [
        ({"r1": {"helpfulness": 6}}, "likert.r1.helpfulness"),
        ({"r1": {"helpfulness": 0}}, "likert.r1.helpfulness"),
        ({"r1": {"helpfulness": 3.5}}, "likert.r1.helpfulness"),
        ({"r1": {"helpfulness": True}}, "likert.r1.helpfulness"),
        ({"r1": {"helpfulness": "4"}}, "likert.r1.helpfulness"),
        ({"r1": {"tone": 3}}, "likert.r1.tone"),
        ({"A": {"helpfulness": 3}}, "likert.A"),
        ({"r1": 3}, "likert.r1"),
        ([3, 4], "likert"),
    ],
)
def test_bad_likert(likert: Any, field: str) -> None:
    assert field in fields(
        default_schema(2), PAIR, {"preference": {"better": None}, "likert": likert}
    )


def test_required_likert_needs_every_response_and_dimension() -> None:
    schema = Schema((LikertQuestion("likert", dimensions=("clarity", "depth")),))
    missing = fields(
        schema, PAIR, {"likert": {"r1": {"clarity": 3, "depth": 2}, "r2": {"clarity": 1}}}
    )
    assert missing == ["likert.r2.depth"]
    assert fields(schema, PAIR, {}) == ["likert"]


# --- flags and the rationale rules ----------------------------------------------------------


def test_flags_per_response_and_per_task() -> None:
    validate_answers(
        default_schema(2),
        PAIR,
        {
            "preference": {"better": "r1", "strength": "slight"},
            "flags": {"r2": ["hallucination", "pii"], "task": ["off-topic"], "r1": []},
            "rationale": GOOD_RATIONALE,
        },
    )


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        ({"r2": ["made-up"]}, "flags.r2"),
        ({"r2": ["unsafe", "unsafe"]}, "flags.r2"),
        ({"r9": ["unsafe"]}, "flags.r9"),
        ({"r2": "unsafe"}, "flags.r2"),
        ({"task": ["nonsense"]}, "flags.task"),
    ],
)
def test_bad_flags(flags: Any, field: str) -> None:
    answers = {"preference": {"better": None}, "flags": flags, "rationale": GOOD_RATIONALE}
    assert field in fields(default_schema(2), PAIR, answers)


@pytest.mark.parametrize(
    ("answers", "needs_rationale"),
    [
        ({"preference": {"better": "r1", "strength": "slight"}}, False),
        ({"preference": {"better": None}}, False),
        ({"preference": {"better": "r1", "strength": "strong"}}, True),
        ({"preference": {"better": None}, "flags": {"r1": ["refusal"]}}, True),
        ({"preference": {"better": None}, "flags": {"task": ["pii"]}}, True),
        ({"preference": {"better": None}, "flags": {"r1": [], "task": []}}, False),
    ],
)
def test_rationale_required_for_strong_preference_or_any_flag(
    answers: dict[str, Any], needs_rationale: bool
) -> None:
    issues = check_answers(default_schema(2), PAIR, answers)
    assert ("rationale" in dict(issues)) is needs_rationale, issues
    if needs_rationale:
        message = dict(issues)["rationale"]
        assert "required for" in message and "at least 10 characters" in message
        validate_answers(default_schema(2), PAIR, {**answers, "rationale": GOOD_RATIONALE})


def test_rationale_too_short_or_blank_when_required() -> None:
    base = {"preference": {"better": "r2", "strength": "strong"}}
    short = dict(check_answers(default_schema(2), PAIR, {**base, "rationale": "bad"}))
    assert short["rationale"] == "at least 10 characters required for a strong preference (3 given)"
    blank = dict(check_answers(default_schema(2), PAIR, {**base, "rationale": "          "}))
    assert blank["rationale"].startswith("required for a strong")


def test_optional_rationale_may_be_short_and_ranking_schema_ignores_strength() -> None:
    validate_answers(default_schema(2), PAIR, {"preference": {"better": None}, "rationale": "ok"})
    issues = dict(
        check_answers(
            default_schema(3), THREE, {"ranking": [["x"], ["y", "z"]], "flags": {"y": ["unsafe"]}}
        )
    )
    assert list(issues) == ["rationale"] and "any flag" in issues["rationale"]


def test_text_longer_than_max_is_rejected() -> None:
    schema = Schema((TextQuestion("note", required=False, max_length=5),))
    assert dict(check_answers(schema, PAIR, {"note": "too long"}))["note"].startswith("at most 5")
    assert fields(schema, PAIR, {"note": 7}) == ["note"]


# --- choice ---------------------------------------------------------------------------------


def test_choice_single_and_multiple_and_choice_rule() -> None:
    schema = Schema(
        (
            ChoiceQuestion("domain", options=("medicine", "law")),
            ChoiceQuestion("issues", options=("tone", "length"), multiple=True, required=False),
            TextQuestion(
                "why", min_length=3, required_when=(RequiredWhen("domain", "choice", ("law",)),)
            ),
        )
    )
    validate_answers(schema, PAIR, {"domain": "medicine", "issues": ["tone", "length"]})
    assert fields(schema, PAIR, {"domain": "cooking"}) == ["domain"]
    assert fields(schema, PAIR, {"domain": "medicine", "issues": "tone"}) == ["issues"]
    assert fields(schema, PAIR, {"domain": "medicine", "issues": ["tone", "tone"]}) == ["issues"]
    assert fields(schema, PAIR, {"domain": "law"}) == ["why"]
    validate_answers(schema, PAIR, {"domain": "law", "why": "jurisdiction"})


def test_answers_must_be_an_object() -> None:
    assert fields(default_schema(2), PAIR, ["preference"]) == [""]


def test_error_lists_every_issue() -> None:
    with pytest.raises(AnswerValidationError) as info:
        validate_answers(
            default_schema(2),
            PAIR,
            {
                "preference": {"better": "r1", "strength": "strong"},
                "likert": {"r1": {"helpfulness": 9}},
            },
        )
    assert [f for f, _ in info.value.issues] == ["likert.r1.helpfulness", "rationale"]
