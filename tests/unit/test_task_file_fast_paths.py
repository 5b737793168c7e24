"""The fast paths of reading a task file against what they stand for.

Reading 100,000 rows of a foreign format (``make bench``, ``convert_100k_s``) takes a
faster JSON decoder, scans over the bytes, one hash call per row, a cheaper number
parse and a promotion of the rows read past the cycle collector. Each must give exactly
what the straightforward code gave: the same values, the same errors, the same task ids.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from docket.core import safe_json
from docket.core.bulk import paused_gc
from docket.core.formats.base import number
from docket.core.task_loading import _content_id, parse_task_lines

# Strings with what JSON texts hold: any code point (surrogates included, which json.dumps
# writes as \u escapes), quotes, backslashes, newlines.
TEXT = st.text(st.characters(codec=None, categories=None), max_size=12)
NUMBERS = (
    st.integers()
    | st.integers(min_value=2**63 - 2, max_value=2**70)  # past 64 bits: must stay integers
    | st.integers(min_value=-(2**70), max_value=-(2**63) + 2)
    | st.floats(allow_nan=True, allow_infinity=True)
)
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (1 == 1.0 is not enough; NaN is
    itself; -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def outcome(parse: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", parse(data)
    except ValueError as exc:
        return type(exc).__name__, str(exc)


def agree(data: bytes) -> None:
    fast = outcome(safe_json.loads_utf8, data)
    slow = outcome(lambda d: safe_json.loads(d.decode("utf-8"), from_utf8=True), data)
    if fast[0] == "value":
        assert slow[0] == "value" and same(fast[1], slow[1]), (data, fast, slow)
    else:
        assert fast == slow, data


@given(VALUES, st.booleans())
@example(2**64, False)
@example(-(2**63) - 1, False)
@example([{"a": 1, "a\ud800": "\udc00"}], True)
@example("\U0001f600", True)
@example(float("inf"), True)
def test_the_fast_decoder_gives_the_standard_value(value: Any, ascii_only: bool) -> None:
    agree(json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=40))
@example(b'{"a": 1, "a": 2}')
@example(b"NaN")
@example(b"-Infinity")
@example(b"1e400")
@example(b"9" * 5000)
@example(b"[" * 65 + b"]" * 65)
@example(b"[" * 64 + b"]" * 64)
@example(b'{"a":' * 65 + b"0" + b"}" * 65)
@example(b'["\\ud800"]')
@example(b'"\\ud83d\\ude00"')
@example(b'"\xed\xa0\x80"')
@example(b"\xff")
@example(b"  \n")
@example(b'{"a": 1}{"b": 2}')
@example(b"01")
def test_any_bytes_get_the_standard_value_or_error(data: bytes) -> None:
    agree(data)


def test_the_checks_hold_on_the_fast_path() -> None:
    """What the decoder alone would let through is still refused (each text parses in
    msgspec: the checks after it are what refuse them)."""
    with pytest.raises(ValueError, match="nested more than 64"):
        safe_json.loads_utf8(b"[" * 65 + b"]" * 65)
    assert safe_json.loads_utf8(b"[" * 64 + b"]" * 64) == json.loads("[" * 64 + "]" * 64)
    with pytest.raises(UnicodeError, match="lone surrogate"):
        safe_json.loads_utf8(b'{"k": ["\\udc00"]}')
    assert safe_json.loads_utf8(b'"\\\\ud800"') == "\\ud800"  # an escaped backslash: text
    assert type(safe_json.loads_utf8(b"18446744073709551616")) is int


def test_a_bad_line_reads_as_before() -> None:
    """The task reader's messages: not UTF-8, a lone surrogate, not JSON, blank lines."""
    lines = [b"\xff\n", b'["\\ud800"]\n', b"{nope\n", b"   \n", "\u3000\n".encode(), b"\n"]
    errors = parse_task_lines(lines, source="t.jsonl").errors
    assert [(e.line, e.message.split(":")[2].strip()[:20]) for e in errors] == [
        (1, "not UTF-8 text (inva"),
        (2, "not valid Unicode te"),
        (3, "not valid JSON"),
    ]


# --- task ids ---------------------------------------------------------------------------


def content_id_as_before(row: dict[str, Any]) -> str:
    """The id of a converted row as it was computed one text at a time."""
    digest = hashlib.blake2b(digest_size=16)
    prompt = row.get("prompt", row.get("conversation"))
    parts: list[Any] = [prompt] if isinstance(prompt, str) else list(prompt or ())
    parts += [row.get("chosen"), row.get("rejected")]
    parts += [r.get("text") if isinstance(r, dict) else r for r in row.get("responses") or ()]
    for part in parts:
        text = part.get("content") if isinstance(part, dict) else part
        digest.update(str(text).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return "t-" + digest.hexdigest()[:16]


MESSAGES = st.lists(st.fixed_dictionaries({"role": st.just("user"), "content": TEXT}), max_size=3)


@given(
    st.one_of(
        st.fixed_dictionaries(
            {
                "prompt": TEXT | MESSAGES,
                "responses": st.lists(st.fixed_dictionaries({"text": TEXT}) | TEXT, max_size=4),
            }
        ),
        st.fixed_dictionaries({"conversation": MESSAGES, "responses": st.lists(TEXT, max_size=3)}),
        st.fixed_dictionaries({"prompt": TEXT, "chosen": TEXT, "rejected": TEXT | st.none()}),
    )
)
@example({"prompt": "p", "responses": [{"text": "a\0b"}, {"text": ""}]})
def test_task_ids_are_what_they_were(row: dict[str, Any]) -> None:
    """Re-packing a file packed before gives every task the same id."""
    assert _content_id(row) == content_id_as_before(row)


# --- numbers ----------------------------------------------------------------------------


def number_as_before(value: Any, what: str) -> float | None:
    if value is None or (isinstance(value, str) and value.strip().upper() in {"", "N/A", "NA"}):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what!r} must be a number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"{what!r} must be a number, got {value!r}") from None
    raise ValueError(f"{what!r} must be a number")


@given(
    st.none()
    | st.booleans()
    | NUMBERS
    | st.sampled_from(
        ["4", " 4.5 ", "N/A", "n/a", " na ", "", "  ", "nan", "inf", "1_0", "x", "4 stars"]
    )
    | TEXT
    | st.lists(st.integers(), max_size=1)
)
def test_ratings_read_as_before(value: Any) -> None:
    fast = outcome(lambda v: number(v, "r"), value)
    slow = outcome(lambda v: number_as_before(v, "r"), value)
    assert fast[0] == slow[0]
    assert same(fast[1], slow[1]) if fast[0] == "value" else fast[1] == slow[1]


# --- the collector ------------------------------------------------------------------------


def test_rows_read_are_promoted_past_the_young_collections() -> None:
    """What is made under ``paused_gc(promote=True)`` and still alive after is in the
    oldest generation (a young collection does not walk it), cycles made inside are still
    collected, and the collector is on again."""
    assert gc.isenabled()

    class Node:
        pass

    with paused_gc(promote=True):
        kept = [[i] for i in range(1000)]
        cycle = Node()
        cycle.me = cycle  # type: ignore[attr-defined]
        del cycle
    assert gc.isenabled()
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept)
    assert not any(id(item) in oldest for item in gc.get_objects(generation=0))
    assert gc.collect() >= 1  # the cycle
    with paused_gc():
        fresh = [[0]]
    assert id(fresh[0]) not in {id(o) for o in gc.get_objects(generation=2)}
