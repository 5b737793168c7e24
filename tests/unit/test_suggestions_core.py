"""The line format of an AI judge's suggestions, a result row's record of one, and the
schema's reveal policy (docket.core.suggestions, docket.core.schema)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.schema import Schema, default_schema
from docket.core.suggestions import Suggestion, SuggestionError, SuggestionRecord
from docket.errors import SchemaError

ANSWERS = {"preference": {"better": "r-1", "strength": "slight"}}


@given(
    agent=st.text(min_size=1, max_size=100).filter(str.strip),
    critique=st.text(max_size=50),
    confidence=st.none() | st.floats(min_value=0, max_value=1),
)
def test_a_suggestion_round_trips(agent: str, critique: str, confidence: float | None) -> None:
    s = Suggestion("t1", agent, ANSWERS, critique, confidence)
    assert Suggestion.from_json(s.to_json()) == s


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ([], "JSON object"),
        ({"task": "t1", "agent": "gpt-4", "answers": ANSWERS, "score": 1}, "unknown key 'score'"),
        ({"agent": "gpt-4", "answers": ANSWERS}, "'task'"),
        ({"task": "t1", "agent": " ", "answers": ANSWERS}, "'agent'"),
        ({"task": "t1", "agent": "x" * 101, "answers": ANSWERS}, "longer than 100"),
        ({"task": "t1", "agent": "gpt-4", "answers": {}}, "'answers'"),
        ({"task": "t1", "agent": "gpt-4", "answers": ANSWERS, "confidence": 1.5}, "0 to 1"),
        ({"task": "t1", "agent": "gpt-4", "answers": ANSWERS, "confidence": True}, "0 to 1"),
        (
            {"task": "t1", "agent": "gpt-4", "answers": ANSWERS, "confidence": float("nan")},
            "0 to 1",
        ),
        ({"task": "t1", "agent": "gpt-4", "answers": ANSWERS, "critique": 3}, "'critique'"),
    ],
)
def test_bad_suggestions_say_why(line: Any, reason: str) -> None:
    with pytest.raises(SuggestionError, match=reason):
        Suggestion.from_json(line)


def test_records_of_each_policy() -> None:
    after = SuggestionRecord("gpt-4", "after-answer", dict(ANSWERS), (), True)
    before = SuggestionRecord("gpt-4", "before", None, ("preference",), False)
    for record in (after, before):
        assert SuggestionRecord.from_json(record.to_json()) == record
    bad = [
        after.to_json() | {"first": None},
        after.to_json() | {"accepted": ["preference"]},
        before.to_json() | {"first": ANSWERS},
        before.to_json() | {"policy": "hidden"},
        before.to_json() | {"accepted": ["a", "a"]},
        before.to_json() | {"revised": "no"},
        {k: v for k, v in before.to_json().items() if k != "revised"},
    ]
    for data in bad:
        with pytest.raises(SuggestionError):
            SuggestionRecord.from_json(data)


def test_the_schema_carries_its_reveal_policy() -> None:
    form = default_schema(2).to_json()
    assert Schema.from_json(form).reveal_policy == "after-answer"
    for policy in ("after-answer", "before", "hidden"):
        schema = Schema.from_json(form | {"suggestions": {"reveal": policy}})
        assert schema.reveal_policy == policy
        assert Schema.loads(schema.dumps()) == schema
    for bad in ({"reveal": "sometimes"}, {"reveal": "before", "x": 1}, "before"):
        with pytest.raises(SchemaError, match="suggestions"):
            Schema.from_json(form | {"suggestions": bad})
