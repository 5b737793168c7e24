"""The nesting depth :mod:`docket.core.safe_json` refuses past its limit, worked out
level by level, against the plain recursive definition."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from docket.core import safe_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=60,
)


def reference(value: Any) -> int:
    """Levels of nesting, by definition (recursive: shallow values only)."""
    if isinstance(value, dict):
        return 1 + max((reference(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((reference(v) for v in value), default=0)
    return 0


def nested(levels: int, innermost: Any = 0) -> Any:
    value = innermost
    for i in range(levels):
        value = [value] if i % 2 else {"k": value, "s": "x"}
    return value


@given(VALUES)
@example(nested(safe_json.MAX_DEPTH))
@example([1, [2, [3]], {"x": {"y": {"z": []}}}, []])
def test_depth_is_the_levels_of_nesting(value: Any) -> None:
    assert safe_json.depth(value) == reference(value)


@given(st.integers(min_value=0, max_value=3 * safe_json.MAX_DEPTH), VALUES)
def test_depth_stops_counting_past_the_limit(levels: int, innermost: Any) -> None:
    value = nested(levels, innermost)
    expected = levels + reference(innermost)
    # Beyond the limit it only says so: one level more, never a stack overflow.
    assert safe_json.depth(value) == min(expected, safe_json.MAX_DEPTH + 1)
    # A value far deeper than the recursion limit allows is walked all the same.
    assert safe_json.depth(nested(5000)) == safe_json.MAX_DEPTH + 1
