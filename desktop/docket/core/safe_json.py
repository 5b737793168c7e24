"""``json.loads`` for untrusted input: every failure is a ``ValueError``; nesting is capped
and every string is valid Unicode.

- The standard parser recurses once per level of nesting: ``[[[[...`` a few thousand deep
  raises ``RecursionError``, which is not a ``ValueError`` and so escapes every ``except
  ValueError`` around a parse. Shallower nesting that does parse can still exhaust the
  stack later, in ``json.dumps``, ``repr`` or any recursive walk. So :func:`loads` turns
  the ``RecursionError`` into a ``ValueError`` and refuses documents nested deeper than
  :data:`MAX_DEPTH`, far deeper than anything Docket writes or reads (a task row,
  manifest, schema or answer is a handful of levels).
- JSON escapes can spell lone surrogates (``"\\ud800"``), and ``json.loads`` of bytes lets
  UTF-8-encoded surrogates through: strings that no UTF-8 file, database or bundle can
  hold, so they fail later, far from the input (``UnicodeEncodeError`` in a hash or an
  insert). :func:`loads` rejects them with a :class:`UnicodeError` (a ``ValueError``).
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted."""


def loads(data: str | bytes, *, from_utf8: bool = False) -> Any:
    """Parse JSON text: a str, or bytes in UTF-8 (BOM allowed), UTF-16 or UTF-32 as
    ``json.loads`` detects them. Raises ``ValueError`` for anything that is not JSON,
    nested at most :data:`MAX_DEPTH` deep, made of valid Unicode (``UnicodeError``, a
    ``ValueError``, for the last). ``from_utf8``: the str was just decoded strictly from
    UTF-8 bytes, so it holds no lone surrogate of its own (escapes are still checked)."""
    if isinstance(data, str) and from_utf8:
        text = data
    elif isinstance(data, str):
        text = data
        try:
            text.encode("utf-8")  # fast; a regex search for surrogates is 30 times slower
        except UnicodeEncodeError:
            raise UnicodeError("not valid Unicode text (a lone surrogate)") from None
    else:
        text = data.decode(json.detect_encoding(data))  # strict: no encoded surrogates
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep") from None
    # Each level needs its own bracket, so few brackets means shallow: skip the walk.
    if text.count("[") + text.count("{") > MAX_DEPTH and depth(value) > MAX_DEPTH:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep")
    if "\\ud" in text or "\\uD" in text:
        _no_lone_surrogates(value)
    return value


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD]")
"""A ``\\u`` escape that may spell a surrogate (U+D000 to U+DFFF): the one place a JSON text
can hide one. A regular expression, not ``in``: a JSON text is full of backslashes (every
escaped newline), on which a substring search stops each time; this is three times faster."""
_OPENERS = b"[{"
_FAST_DECODER = msgspec.json.Decoder()


def loads_utf8(raw: bytes) -> Any:
    """:func:`loads` of UTF-8 bytes (a line of a file, no BOM), with the same guarantees
    and the same value, in about half the time on rows of long answers.

    msgspec's decoder parses first: where it takes a text, it gives the standard
    parser's value exactly (integers of any size stay integers; duplicate keys keep the
    last), and it refuses a subset of what the standard parser takes (``NaN``, numbers
    beyond a float, lone surrogate escapes, invalid UTF-8, nesting past its own limit).
    Anything it refuses is parsed again by :func:`loads`, so every value and every error
    is what the standard parser gives. The nesting and surrogate checks are made over
    the bytes: a byte deletion counts the brackets and one regular expression looks for
    surrogate escapes (half the time of the text scans with ``count`` and ``in``). Raises
    ``UnicodeDecodeError`` for bytes that are not UTF-8, else as :func:`loads`."""
    try:
        value = _FAST_DECODER.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return loads(raw.decode("utf-8"), from_utf8=True)  # strict decode: raises first
    if len(raw) - len(raw.translate(None, _OPENERS)) > MAX_DEPTH and depth(value) > MAX_DEPTH:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep")
    if _SURROGATE_ESCAPE.search(raw) is not None:
        _no_lone_surrogates(value)
    return value


def loads_typed(raw: bytes, decoder: msgspec.json.Decoder[T]) -> T | None:
    """UTF-8 bytes decoded by a typed msgspec ``decoder``, or None when it refuses them
    (not JSON, not of its type) or when they hold a ``\\u`` escape that may spell a
    surrogate: the caller then reads them with :func:`loads_utf8`, which says why.

    Only for a type of bounded nesting (structs of strings, numbers and lists of such
    structs) far below :data:`MAX_DEPTH`: no value of such a type is nested deeper than
    its type, so the nesting check of :func:`loads_utf8` has nothing to find. msgspec
    refuses invalid UTF-8 and lone surrogate escapes itself; a line with a surrogate
    escape is still left to :func:`loads_utf8`, so that check stays its own."""
    try:
        value = decoder.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if _SURROGATE_ESCAPE.search(raw) is not None:
        return None
    return value


def _no_lone_surrogates(value: Any) -> None:
    """Paired ``\\u`` escapes (emoji) are fine; a lone one cannot be encoded back."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise UnicodeError(
            "not valid Unicode text (a \\u escape spells a lone surrogate)"
        ) from None


def depth(value: Any) -> int:
    """Levels of nesting (a scalar 0, ``[]`` 1, ``[{}]`` 2); stops counting past
    :data:`MAX_DEPTH`. Iterative, so it cannot exhaust the stack itself: level by level,
    only the arrays and objects kept (half the time of a walk that stacks every value:
    a server-only section of 10,000 tasks is 50,000 of them)."""
    if not isinstance(value, (dict, list)):
        return 0
    level: list[Any] = [value]
    deepest = 0
    while level:
        deepest += 1
        if deepest > MAX_DEPTH:
            break
        below: list[Any] = []
        for item in level:
            below += [
                child
                for child in (item.values() if isinstance(item, dict) else item)
                if isinstance(child, (dict, list))
            ]
        level = below
    return deepest


_DECODER = json.JSONDecoder()


def loads_lines(data: bytes) -> list[Any]:
    """Parse JSON Lines (UTF-8): one value per non-blank line, with the guarantees of
    :func:`loads` for each, at a fraction of the cost of calling it per line (a result
    bundle's audit log has one line per entry, tens of thousands of them).

    Each line goes through msgspec's decoder first, as in :func:`loads_utf8` (where it
    takes a line it gives the standard parser's value exactly); a line it refuses is
    parsed again by the standard parser, so every value and every error is the one that
    parser gives. The whole text must be UTF-8 (checked once, strictly: no encoded
    surrogates); nesting and surrogate escapes are checked as :func:`loads` checks them."""
    data.decode("utf-8")  # strict: raises UnicodeDecodeError (a ValueError) first
    escapes = _SURROGATE_ESCAPE.search(data) is not None
    out = []
    decode = _FAST_DECODER.decode
    for raw in data.split(b"\n"):  # only "\n" ends a line: U+2028 or U+0085 may be in one
        line = raw.strip(b" \t\r")  # JSON's own whitespace
        if not line:
            continue
        try:
            value = decode(line)
        except (msgspec.DecodeError, RecursionError):
            value = _standard_line(line.decode("utf-8"))
        if len(line) - len(line.translate(None, _OPENERS)) > MAX_DEPTH and depth(value) > MAX_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep")
        if escapes and _SURROGATE_ESCAPE.search(line) is not None:
            _no_lone_surrogates(value)
        out.append(value)
    return out


def _standard_line(line: str) -> Any:
    """One JSON Lines line through the standard parser: its value, or ``ValueError``."""
    try:
        value, end = _DECODER.raw_decode(line)
    except RecursionError:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep") from None
    if end != len(line):
        raise ValueError("more than one JSON value on a line")
    return value
