"""The spellings a merge computes millions of times, held to the standard library's:
an audit entry's hash (its fields spelled by hand for the common types) and canonical
JSON (one encoder made once), on arbitrary values, including the odd types a hostile
log may carry."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.audit_chain import entry_hash
from docket.core.rules import canonical_json

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
odd = st.one_of(
    st.integers(), st.booleans(), st.none(), st.floats(), texts, st.lists(st.integers())
)
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner), st.dictionaries(texts, inner)),
    max_leaves=20,
)


def standard_hash(*fields: Any) -> str:
    return hashlib.sha256(json.dumps(list(fields), ensure_ascii=False).encode()).hexdigest()


@given(texts, st.integers(), texts, texts, texts, texts)
def test_entry_hash_is_the_standard_spellings_hash(
    prev: str, seq: int, at: str, action: str, subject: str, detail: str
) -> None:
    assert entry_hash(prev, seq, at, action, subject, detail) == standard_hash(
        prev, seq, at, action, subject, detail
    )


@given(st.tuples(odd, odd, odd, odd, odd, odd))
def test_entry_hash_of_odd_types_is_the_standard_spellings_hash(fields: tuple[Any, ...]) -> None:
    assert entry_hash(*fields) == standard_hash(*fields)


def test_a_true_sequence_number_is_not_spelled_as_one() -> None:
    # True == 1 in Python: the hash must still be that of the log's own ``true``.
    assert entry_hash("0", True, "a", "b", "c", "d") == standard_hash("0", True, "a", "b", "c", "d")
    assert entry_hash("0", True, "a", "b", "c", "d") != entry_hash("0", 1, "a", "b", "c", "d")


@given(values)
def test_canonical_json_is_the_standard_spelling(value: Any) -> None:
    assert canonical_json(value) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


@given(values, values)
def test_a_value_refused_halfway_leaves_the_next_spelled_as_the_standard(
    first: Any, value: Any
) -> None:
    """The encoder is kept from call to call: a call that fails inside a nested value
    (something JSON cannot spell) leaves nothing behind that changes the next."""
    with pytest.raises(TypeError):
        canonical_json({"a": [first, {"b": {1, 2}}]})
    assert canonical_json(value) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert canonical_json([value, value]) == json.dumps(
        [value, value], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
