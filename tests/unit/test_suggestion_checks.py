"""The checks of an AI judge's suggestion against a task's form, and of a result row's
record of it: ``revised`` must say exactly what the answers say."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from docket.core.schema import default_schema
from docket.core.suggestion_checks import record_problem, suggestion_problem
from docket.core.suggestions import Suggestion

IDS = ("r-a", "r-b")
PREFERENCES = st.just({"better": None}) | st.fixed_dictionaries(
    {"better": st.sampled_from(IDS), "strength": st.just("slight")}
)
ANSWERS = st.fixed_dictionaries(
    {"preference": PREFERENCES},
    optional={"rationale": st.sampled_from(["The first is complete.", "Both miss the point."])},
)
"""Answers that fit the default form (a strong preference would need a rationale)."""


def _form(policy: str) -> Any:
    return replace(default_schema(2), reveal=policy)


@given(ANSWERS, ANSWERS, st.booleans())
def test_after_answer_revised_holds_exactly_when_the_final_answer_differs(
    first: dict[str, Any], final: dict[str, Any], claim: bool
) -> None:
    judge = Suggestion("t", "judge", {"preference": {"better": "r-a"}})
    row = {"answers": final, "suggestion": {"agent": "judge", "policy": "after-answer",
           "first": first, "accepted": [], "revised": claim}}  # fmt: skip
    problem = record_problem(row, _form("after-answer"), IDS, {"judge": judge})
    assert (problem is None) == (claim == (first != final))


@given(ANSWERS, st.booleans(), st.booleans())
def test_before_acceptance_needs_the_agents_value_and_revised_says_what_changed(
    final: dict[str, Any], accept: bool, claim: bool
) -> None:
    suggested = {"preference": {"better": "r-b", "strength": "slight"}}
    judge = Suggestion("t", "judge", suggested)
    row = {"answers": final, "suggestion": {"agent": "judge", "policy": "before", "first": None,
           "accepted": ["preference"] if accept else [], "revised": claim}}  # fmt: skip
    kept = final["preference"] == suggested["preference"]
    problem = record_problem(row, _form("before"), IDS, {"judge": judge})
    assert (problem is None) == ((kept or not accept) and claim == (not kept))


def test_a_suggestion_may_leave_questions_open_but_what_it_answers_must_fit() -> None:
    form = default_schema(2)
    assert (
        suggestion_problem({"preference": {"better": "r-a", "strength": "slight"}}, form, IDS)
        is None
    )
    assert "strength" in str(suggestion_problem({"preference": {"better": "r-a"}}, form, IDS))
    assert suggestion_problem({"rationale": "Response A cites its source."}, form, IDS) is None
    assert "answers no question" in str(suggestion_problem({"rationale": " "}, form, IDS))
    assert "preference" in str(suggestion_problem({"preference": {"better": "r-z"}}, form, IDS))
    assert "not a question" in str(suggestion_problem({"verdict": "A"}, form, IDS))


def test_a_row_without_a_record_has_no_record_problem() -> None:
    assert record_problem({"answers": {}}, _form("hidden"), IDS, {}) is None
