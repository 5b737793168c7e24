"""The PII findings a bundle line carries (half a million in a 100,000-task bundle) are
checked by a quick test of the common case before the full check: the quick test never
lets through what the full check refuses, and the full check's messages are unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core import pii
from docket.core.pii import Finding, Severity, finding_problems

TEXTS = {"turn:0": "Call Ann Lee on 555-0100.", "r1": "Ann Lee", "r2": ""}

VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["PERSON", "PHONE", "person", "", "low", "high", "turn:0", "r1", "r2", "r3"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)
KEYS = st.sampled_from(["target", "type", "start", "end", "confidence", "severity", "extra"])
SOUND = st.fixed_dictionaries(
    {
        "target": st.sampled_from(["turn:0", "r1"]),
        "type": st.sampled_from(sorted(pii.PII_TYPES)),
        "start": st.integers(0, 3),
        "end": st.integers(4, 12),  # past the end of "r1" from 8 on
        "confidence": st.one_of(st.floats(0, 1), st.sampled_from([0, 1])),
        "severity": st.sampled_from([s.value for s in Severity]),
    }
)
ITEMS = st.one_of(
    SOUND,
    # A sound finding with one field changed, removed or added.
    st.tuples(SOUND, KEYS, VALUES, st.booleans()).map(
        lambda t: (
            {k: v for k, v in t[0].items() if not (t[3] and k == t[1])}
            | ({} if t[3] else {t[1]: t[2]})
        )
    ),
    st.dictionaries(KEYS, VALUES, max_size=7),
    VALUES,
)


@settings(max_examples=250, deadline=None)
@given(st.lists(ITEMS, max_size=4), st.sampled_from([TEXTS, None]))
def test_the_quick_test_finds_what_the_full_check_finds(value: list[Any], texts: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pii, "_sound", lambda item, texts: False)
        full = finding_problems(value, texts=texts)
    assert finding_problems(value, texts=texts) == full
    if not full:  # what passes is read as it always was
        assert len([Finding.from_json(item) for item in value]) == len(value)


def test_a_type_or_severity_that_is_not_a_string_is_a_problem_not_a_crash() -> None:
    """An unhashable type or severity (a list) used to raise TypeError from the set
    lookup, which a bundle reader reported as "unhashable type: 'list'"."""
    item = {"target": "r1", "type": ["PERSON"], "start": 0, "end": 3, "confidence": 1}
    problems = finding_problems([{**item, "severity": {"a": 1}}], texts=TEXTS)
    assert [f for f, _ in problems] == ["pii[0].type", "pii[0].severity"]
    ok = {**item, "type": "PERSON", "severity": "high"}
    assert finding_problems([ok], texts=TEXTS) == []
    assert Finding.from_json(ok).severity is Severity.HIGH
    with pytest.raises(ValueError, match="urgent"):
        Finding.from_json({**ok, "severity": "urgent"})
