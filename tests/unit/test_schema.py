"""Question schemas: the default form, JSON round trip, strict parsing."""

from __future__ import annotations

import json

import pytest

from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    RankingQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.errors import SchemaError


def test_default_schema_for_two_responses_is_preference_likert_flags_rationale() -> None:
    schema = default_schema(2)
    kinds = [type(q) for q in schema.questions]
    assert kinds == [PreferenceQuestion, LikertQuestion, FlagsQuestion, TextQuestion]
    pref = schema.question("preference")
    assert isinstance(pref, PreferenceQuestion)
    assert pref.strengths == ("slight", "strong") and pref.allow_tie
    likert = schema.question("likert")
    assert isinstance(likert, LikertQuestion)
    assert not likert.required
    assert likert.dimensions == ("helpfulness", "correctness", "safety")
    assert (likert.scale_min, likert.scale_max) == (1, 5)
    flags = schema.question("flags")
    assert isinstance(flags, FlagsQuestion)
    assert [f for f, _ in flags.response_flags] == [
        "hallucination",
        "unsafe",
        "pii",
        "refusal",
        "off-topic",
    ]
    assert [f for f, _ in flags.task_flags] == [
        "hallucination",
        "unsafe",
        "pii",
        "refusal",
        "off-topic",
    ]
    rationale = schema.question("rationale")
    assert isinstance(rationale, TextQuestion)
    assert not rationale.required
    assert rationale.required_when == (
        RequiredWhen("preference", "strength", ("strong",)),
        RequiredWhen("flags", "any_flag"),
    )


@pytest.mark.parametrize("n", [3, 4, 7])
def test_default_schema_for_three_or_more_ranks_instead_of_preference(n: int) -> None:
    schema = default_schema(n)
    assert isinstance(schema.questions[0], RankingQuestion)
    assert "preference" not in schema
    rationale = schema.question("rationale")
    assert isinstance(rationale, TextQuestion)
    assert rationale.required_when == (RequiredWhen("flags", "any_flag"),)


def test_default_schema_needs_two_responses() -> None:
    with pytest.raises(ValueError, match="two responses"):
        default_schema(1)


def test_every_question_type_round_trips_through_json() -> None:
    schema = Schema(
        (
            PreferenceQuestion(
                "p", label="Better?", strengths=("slight", "clear", "strong"), allow_tie=False
            ),
            RankingQuestion("r", allow_ties=False, help="best first"),
            LikertQuestion("l", dimensions=("clarity",), scale_min=0, scale_max=10),
            FlagsQuestion(
                "f", response_flags=(("bad", "Bad"),), task_flags=(("dup", "Duplicate"),)
            ),
            ChoiceQuestion("c", options=("yes", "no"), multiple=True, required=False),
            TextQuestion(
                "t",
                min_length=5,
                max_length=50,
                required_when=(RequiredWhen("c", "choice", ("no",)),),
            ),
        )
    )
    text = schema.dumps()
    again = Schema.loads(text)
    assert again == schema
    assert again.dumps() == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"version": 2, "questions": [{"type": "text", "id": "t"}]}, "version 2"),
        ({"version": 1, "questions": []}, "non-empty list"),
        ({"version": 1, "questions": [{"type": "essay", "id": "t"}]}, "unknown type 'essay'"),
        ({"version": 1, "questions": [{"type": "text"}]}, "non-empty string 'id'"),
        ({"version": 1, "questions": [{"type": "text", "id": "t", "minlength": 3}]}, "Unknown key"),
        (
            {"version": 1, "questions": [{"type": "text", "id": "t", "required": "yes"}]},
            "'required' must be a bool",
        ),
        (
            {
                "version": 1,
                "questions": [{"type": "likert", "id": "l", "scale_min": 5, "scale_max": 1}],
            },
            "lower to a higher",
        ),
        (
            {"version": 1, "questions": [{"type": "choice", "id": "c", "options": []}]},
            "at least one option",
        ),
        (
            {"version": 1, "questions": [{"type": "choice", "id": "c", "options": ["a", "a"]}]},
            "duplicates",
        ),
        (
            {"version": 1, "questions": [{"type": "text", "id": "t"}, {"type": "text", "id": "t"}]},
            "share the id",
        ),
        (
            {
                "version": 1,
                "questions": [
                    {
                        "type": "text",
                        "id": "t",
                        "required_when": [{"question": "x", "condition": "any_flag"}],
                    }
                ],
            },
            "no question 'x'",
        ),
        (
            {
                "version": 1,
                "questions": [
                    {
                        "type": "text",
                        "id": "t",
                        "required_when": [{"question": "t", "condition": "always"}],
                    }
                ],
            },
            "condition must be one of",
        ),
        (
            {"version": 1, "questions": [{"type": "flags", "id": "f", "task_flags": [["a"]]}]},
            "an id or an",
        ),
    ],
)
def test_malformed_schemas_are_rejected_with_a_precise_message(data: object, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        Schema.loads(json.dumps(data))


def test_schema_that_is_not_json_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="not valid JSON"):
        Schema.loads(b"\xff{")
