"""Fuzzing every parser that reads untrusted bytes.

The property, for each parser: any input gives either a valid result (which, where the
format has an encoder, round-trips through it) or one of Docket's typed errors
(:class:`~docket.errors.DocketError`): never another exception, never a hang (every
example runs under a Hypothesis deadline), never memory out of proportion to the input
(the tracemalloc peak of the parse is bounded by a multiple of the input's size).

Raw ``st.binary()`` alone rarely gets past a parser's first check, so most inputs are
*structure-aware*: genuine containers, manifests, sealed bundles, JSONL rows, schemas,
answers and audit logs made by Docket's own encoders, then damaged (bit flips, truncation,
splicing, huge length fields, a wrong or hostile value at any field of the JSON, deep
nesting, non-UTF-8, lone surrogates, NaN and Infinity, huge integers). The undamaged
inputs are oracles: they must parse, and to what they were made from.

Profiles (registered in tests/conftest.py):

- in ``make test`` each property runs a bounded number of examples *derandomized*: the
  same examples on every run, so the suite stays well under its time budget and a red
  run always means that a code change broke a parser, never that today's random draw
  happened upon an old weakness. Searching for new inputs is the job of
- ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``): random, many times the examples (about
  eight minutes), a generous deadline. Whatever it finds is fixed in the parser and pinned
  here, as an ``@example`` of the property or a regression test at the end.

What the attacker holds differs per layer, so does the fuzzing: the encrypted file (anyone),
the plaintext encrypted to the reviewer (anyone with the reviewer's public card), a manifest
signed by the server's key (to reach the checks after the signature), a result signed by a
reviewer (whom the server does not trust with its parsers either).
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
import struct
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from docket.bundles import age_layer, container
from docket.bundles.envelope import Opened, digests, keyring, open_sealed, pinned, seal
from docket.bundles.keys import generate
from docket.bundles.manifest import (
    FORMAT,
    FORMAT_VERSION,
    PAYLOAD_SECTIONS,
    Manifest,
    Party,
    SectionDigest,
    iso,
    sha256,
)
from docket.bundles.result_bundle import (
    ANSWERS,
    AUDIT,
    TASK_MANIFEST,
    TASK_SIGNATURE,
    AnsweredBundle,
    VerifiedResult,
    read_result_bundle,
)
from docket.bundles.task_bundle import (
    GUIDELINES,
    REVIEWS,
    SCHEMAS,
    SEALED,
    TASKS,
    TaskBundle,
    build_task_bundle,
    read_task_bundle,
    task_row,
)
from docket.core import safe_json, task_loading
from docket.core.audit_chain import GENESIS, AuditEntry, entry_hash
from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.core.task_loading import LoadResult, parse_task_lines, parse_task_row, read_tasks_jsonl
from docket.core.tasks import Role, Task
from docket.core.validation import check_answers, validate_answers
from docket.errors import (
    AgeHeaderError,
    AnswerValidationError,
    BundleError,
    ContainerError,
    DocketError,
    ManifestError,
    SchemaError,
    TaskFormatError,
    UnsupportedVersionError,
)

T = TypeVar("T")

# --- profiles and budgets ------------------------------------------------------------------

FUZZING = settings.get_current_profile_name() == "fuzz"
FUZZ_FACTOR = 30
"""How many times more examples each property runs under ``make fuzz``."""


# Under `make fuzz` one property may run for minutes (the whole run takes about eight):
# above the suite's 120 s, below faulthandler_timeout (pyproject.toml).
pytestmark = [pytest.mark.timeout(540)] if FUZZING else []


def budget(examples: int) -> settings:
    """The settings of one property: ``examples`` examples from the bounded, derandomized
    profile in ``make test``; under ``make fuzz``, the fuzz profile with many more."""
    if FUZZING:
        return settings(settings.get_profile("fuzz"), max_examples=examples * FUZZ_FACTOR)
    return settings(settings.get_profile("bounded"), max_examples=examples)


# --- the property: a valid result or a typed error, in bounded memory -----------------------

MEMORY_FACTOR = 64
MEMORY_SLACK = 2 * 1024 * 1024
"""The parse of ``n`` input bytes may allocate at most ``MEMORY_FACTOR * n + MEMORY_SLACK``
bytes at its peak (Python allocations; pyrage's Rust heap is not traced). JSON's worst
honest case is ~24x (``[[],[],...]``: 3 bytes per 64-byte list); a parser that allocates what
a length field *claims* blows far past this."""


@contextmanager
def bounded_memory(size: int) -> Iterator[None]:
    already = tracemalloc.is_tracing()
    if already:
        tracemalloc.reset_peak()
    else:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        yield
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if not already:
            tracemalloc.stop()
    limit = MEMORY_FACTOR * size + MEMORY_SLACK
    assert peak <= limit, f"parsing {size} bytes peaked at {peak} bytes (limit {limit})"


def outcome(size: int, parse: Callable[[], T]) -> T | DocketError:
    """Run a parser on ``size`` bytes of input: its result, or the typed error it raised.
    Any other exception propagates and fails the property."""
    with bounded_memory(size):
        try:
            result = parse()
        except DocketError as exc:
            error = exc
        else:
            note("valid")
            return result
    assert str(error).strip(), "a typed error says what is wrong"
    note(f"{type(error).__name__}: {error.message}")
    return error


def note(what: str) -> None:
    """Count an outcome: ``pytest --hypothesis-show-statistics`` shows how far the inputs
    get (which checks reject them, how many pass)."""
    if currently_in_test_context():
        event(re.sub(r"\d+", "N", what)[:48])


# --- byte-level damage ---------------------------------------------------------------------

# fmt: off
SPECIAL_BYTES = (
    b"\x00", b"\xff", b"\x80",
    b"\xc3",  # a truncated two-byte UTF-8 sequence
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate (invalid UTF-8)
    b"\xef\xbb\xbf",  # BOM
    b"\n", b"\r\n", b"\r", b'"', b"\\", b"\\u", b"\\ud800", b"{", b"[", b"]", b"}", b",", b":",
    b"-", b"9" * 40, b"NaN", b"Infinity", b"1e999", b"[" * 2000, b"-> X25519 ", b"---",
)
# fmt: on
HUGE_LENGTHS = (0, 1, 2**31 - 1, 2**31, 2**32, 2**32 + 1, 2**63 - 1, 2**63, 2**64 - 1)


def _index(draw: st.DrawFn, data: bytearray, hotspots: Sequence[int], *, end: bool) -> int:
    """A position in ``data`` (``end``: or just past it), often a structural one."""
    top = len(data) if end else len(data) - 1
    spots = [p for p in hotspots if 0 <= p <= top]
    if spots and draw(st.booleans()):
        return draw(st.sampled_from(spots))
    return draw(st.integers(0, top))


@st.composite
def damaged(
    draw: st.DrawFn,
    base: bytes,
    *,
    hotspots: Sequence[int] = (),
    donors: Sequence[bytes] = (),
    min_ops: int = 1,
) -> bytes:
    """``base`` with 1-4 (``min_ops``-4) byte-level mutations."""
    data = bytearray(base)
    for _ in range(draw(st.integers(min_ops, 4))):
        op = draw(
            st.sampled_from(
                ["flip", "set", "truncate", "delete", "insert", "duplicate", "splice", "length"]
            )
        )
        if op in ("flip", "set") and data:
            i = _index(draw, data, hotspots, end=False)
            if op == "flip":
                data[i] ^= 1 << draw(st.integers(0, 7))
            else:
                data[i] = draw(st.sampled_from([0, 0x0A, 0x20, 0x22, 0x7F, 0x80, 0xFF]))
        elif op == "truncate":
            del data[_index(draw, data, hotspots, end=True) :]
        elif op == "delete" and data:
            i = _index(draw, data, hotspots, end=False)
            del data[i : i + draw(st.integers(1, 64))]
        elif op == "insert":
            i = _index(draw, data, hotspots, end=True)
            data[i:i] = draw(st.sampled_from(SPECIAL_BYTES) | st.binary(min_size=1, max_size=16))
        elif op == "duplicate" and data:
            i = _index(draw, data, hotspots, end=False)
            chunk = data[i : i + draw(st.integers(1, 256))]
            data[i:i] = chunk * draw(st.integers(1, 3))
        elif op == "splice":
            donor = draw(st.sampled_from([bytes(data), *donors]))
            i = _index(draw, data, hotspots, end=True)
            j = draw(st.integers(0, len(donor)))
            data[i:] = donor[j:]
        elif op == "length":
            i = _index(draw, data, hotspots, end=True)
            value = draw(
                st.sampled_from(HUGE_LENGTHS) | st.just(len(data)) | st.integers(0, 2**64 - 1)
            )
            data[i : i + 8] = struct.pack(">Q", value)
    return bytes(data)


# --- JSON-level damage ---------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """JSON text that no Python value dumps to (deep nesting, 5000-digit numbers, bad escapes)."""

    text: str


def _deep(depth: int, shape: str) -> str:
    if shape == "list":
        return "[" * depth + "]" * depth
    if shape == "dict":
        return '{"a":' * depth + "0" + "}" * depth
    if shape == "mixed":
        half = depth // 2
        return '[{"a":' * half + "0" + "}]" * half
    return "[" * depth  # unterminated


# fmt: off
RAW_TEXTS = st.one_of(
    st.sampled_from([
        "NaN", "-Infinity", "1e999", "-1e999", "9" * 4300, "9" * 4301, "-" + "1" * 10_000,
        "1" + "0" * 400 + ".5", "0." + "0" * 500 + "1e-400", '"\\ud800"', '"\\udc00\\ud800"',
        '"\\u0000"', '"\\x41"', "tru", "[1,]", '{"a":1,"a":2}', "[] []",
    ]),
    st.builds(
        _deep,
        st.sampled_from([10, 63, 64, 65, 100, 500, 999, 1000, 1001, 5000, 100_000]),
        st.sampled_from(["list", "dict", "mixed", "open"]),
    ),
).map(Raw)

HOSTILE_SCALARS = st.one_of(
    st.sampled_from([
        None, True, False, 0, -1, 1, 2, 2**31, 2**53 + 1, 2**63, 2**64, -(2**63) - 1, 10**4000,
        math.nan, math.inf, -math.inf, -0.0, 0.5, 1e308, 5e-324,
        "", " ", "\t\n", "\x00", "\ud800", "\udfff\ud800", "\u202e", "\ufeff", "task", "r1",
        "null", "1", "1.0", "2025-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "a" * 5000,
    ]),
    st.integers(),
    st.floats(),
    st.text(max_size=16),
)
# fmt: on


def hostile_values(*, raw: bool = True) -> st.SearchStrategy[Any]:
    values = st.one_of(
        HOSTILE_SCALARS,
        st.recursive(
            HOSTILE_SCALARS,
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=6,
        ),
    )
    return st.one_of(values, values, values, RAW_TEXTS) if raw else values


Path_ = tuple[str | int, ...]


def json_paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path into a JSON value, the root (``()``) first."""
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += json_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += json_paths(child, (*prefix, i))
    return out


def _get(value: Any, path: Path_) -> Any:
    for step in path:
        value = value[step]
    return value


def _set(root: Any, path: Path_, new: Any) -> Any:
    """``root`` with the value at ``path`` replaced (the root itself if ``path`` is empty)."""
    if not path:
        return new
    _get(root, path[:-1])[path[-1]] = new
    return root


@st.composite
def json_damaged(draw: st.DrawFn, value: Any, *, raw: bool = True, min_ops: int = 1) -> Any:
    """A deep copy of ``value`` with 1-3 (``min_ops``-3) changes at random paths: a hostile
    value, a deleted or added key or item, a value moved from elsewhere, a wrapped,
    unwrapped, emptied or stringified value."""
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(min_ops, 3))):
        paths = json_paths(value)
        path = draw(st.sampled_from(paths))
        current = _get(value, path)
        op = draw(
            st.sampled_from(
                ["replace", "delete", "add", "copy", "wrap", "unwrap", "empty", "stringify"]
            )
        )
        if op == "delete" and path:
            parent = _get(value, path[:-1])
            del parent[path[-1]]
        elif op == "add" and isinstance(current, dict):
            keys = st.sampled_from([*current, "id", "type", "extra", ""]) | st.text(max_size=8)
            current[draw(keys)] = draw(hostile_values(raw=raw))
        elif op == "add" and isinstance(current, list):
            pick = st.sampled_from(current) if current else hostile_values(raw=raw)
            current.insert(draw(st.integers(0, len(current))), copy.deepcopy(draw(pick)))
        elif op == "copy":
            other = _get(value, draw(st.sampled_from(paths)))
            value = _set(value, path, copy.deepcopy(other))
        elif op == "wrap":
            value = _set(value, path, [current])
        elif op == "unwrap" and isinstance(current, (list, dict)) and current:
            inner = current[0] if isinstance(current, list) else next(iter(current.values()))
            value = _set(value, path, inner)
        elif op == "empty" and isinstance(current, (list, dict, str)):
            value = _set(value, path, type(current)())
        elif op == "stringify":
            value = _set(value, path, dump(current).decode("utf-8", "surrogatepass"))
        else:
            value = _set(value, path, draw(hostile_values(raw=raw)))
    return value


def dump(
    value: Any, *, canonical: bool = False, sort_keys: bool = False, ascii: bool = True
) -> bytes:
    """JSON bytes of ``value``, ``Raw`` parts spliced in as they are; lone surrogates become
    invalid UTF-8 (as a careless encoder would write them)."""
    raws: list[str] = []

    def stand_in(v: Any) -> Any:
        if isinstance(v, Raw):
            raws.append(v.text)
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(v, dict):
            return {k: stand_in(x) for k, x in v.items()}
        if isinstance(v, list):
            return [stand_in(x) for x in v]
        return v

    plain = stand_in(value)
    if canonical:
        text = json.dumps(plain, sort_keys=True, separators=(",", ":"))
    else:
        text = json.dumps(plain, sort_keys=sort_keys, ensure_ascii=ascii)
    for i, raw_text in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{i}\x00"), raw_text)
    return text.encode("utf-8", "surrogatepass")


def _strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@st.composite
def json_tweaked(draw: st.DrawFn, value: Any, *, min_ops: int = 1) -> Any:
    """A deep copy of ``value`` with 1-3 (``min_ops``-3) changes that keep every type: a
    number moved to a boundary, a string blanked, doubled or swapped for another string of
    the document, a list emptied, shortened, reordered or given a duplicate, a key dropped.
    The result is mostly still well-formed, so it probes the parsers' *semantic* checks
    (ranges, uniqueness, references, emptiness) rather than their type checks."""
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(min_ops, 3))):
        path = draw(st.sampled_from(json_paths(value)))
        current = _get(value, path)
        new: Any = current
        if isinstance(current, bool):
            new = not current
        elif isinstance(current, int):
            near = [0, 1, -1, 2, 100, 101, current - 1, current + 1, -current]
            new = draw(st.sampled_from(near) | st.integers(-200, 20_001))
        elif isinstance(current, float):
            new = draw(st.sampled_from([0.0, -1.0, current * 2]) | st.floats(allow_nan=False))
        elif isinstance(current, str):
            others = _strings(value)
            new = draw(
                st.sampled_from(["", " ", current * 2, current.upper(), *others])
                | st.text(max_size=10)
            )
        elif isinstance(current, list) and current:
            i = draw(st.integers(0, len(current) - 1))
            choice = draw(st.sampled_from(["empty", "drop", "duplicate", "reverse"]))
            new = {
                "empty": [],
                "drop": current[:i] + current[i + 1 :],
                "duplicate": [*current, copy.deepcopy(current[i])],
                "reverse": current[::-1],
            }[choice]
        elif isinstance(current, dict) and current:
            new = dict(current)
            del new[draw(st.sampled_from(sorted(new)))]
        value = _set(value, path, new)
    return value


def json_altered(value: Any, *, raw: bool = True) -> st.SearchStrategy[Any]:
    """Either kind of JSON-level change: hostile (:func:`json_damaged`) or type-preserving
    (:func:`json_tweaked`)."""
    return st.one_of(json_damaged(value, raw=raw), json_tweaked(value))


@st.composite
def json_bytes(draw: st.DrawFn, value: Any, *, canonical: bool = False) -> bytes:
    """``value`` damaged at the JSON level, serialised, and sometimes damaged again as bytes."""
    damaged_value = draw(json_altered(value))
    if canonical:
        data = dump(damaged_value, canonical=True)
    else:
        data = dump(damaged_value, sort_keys=draw(st.booleans()), ascii=draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:
        data = draw(damaged(data))
    return data


# --- keys and genuine material -------------------------------------------------------------

SERVER, ALICE, BOB = generate("server"), generate("alice"), generate("bob")
SERVER_CARD, ALICE_CARD, BOB_CARD = SERVER.card(), ALICE.card(), BOB.card()
NOW = datetime(2031, 6, 1, tzinfo=UTC)
"""The clock of every open: bundles are created at run time, with expiries years ahead."""

TEXT = st.text(max_size=24)
NONBLANK = st.text(min_size=1, max_size=24).filter(lambda s: bool(s.strip()))
ONE_LINE = st.text(
    st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=24
).filter(lambda s: bool(s.strip()))
IDS = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12).map(
    lambda s: s + "-" if s == "task" else s  # "task" names the per-task flags
)
LABELS = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=10
).filter(str.strip)  # an option, strength, flag or dimension: never blank (see the schema)

# -- tasks (the loader's conventions) --

MESSAGE_ROLES = st.sampled_from([r.value for r in Role])


def messages(roles: st.SearchStrategy[str] = MESSAGE_ROLES, *, min_size: int = 1) -> Any:
    return st.lists(
        st.fixed_dictionaries({"role": roles, "content": TEXT}), min_size=min_size, max_size=3
    )


ASSISTANT = st.just("assistant")
row_ids = st.one_of(st.none(), IDS, st.integers(-(10**12), 10**12))


@st.composite
def trl_explicit(draw: st.DrawFn) -> dict[str, Any]:
    completion = NONBLANK | messages(ASSISTANT)
    return {
        "prompt": draw(NONBLANK | messages()),
        "chosen": draw(completion),
        "rejected": draw(completion),
    }


@st.composite
def trl_implicit(draw: st.DrawFn) -> dict[str, Any]:
    prefix = draw(messages())
    return {
        "chosen": prefix + draw(messages(ASSISTANT)),
        "rejected": prefix + draw(messages(ASSISTANT)),
    }


@st.composite
def hh_transcript(draw: st.DrawFn) -> dict[str, Any]:
    shared = f"\n\nHuman: {draw(ONE_LINE)}"
    if draw(st.booleans()):
        shared += f"\n\nAssistant: {draw(ONE_LINE)}\n\nHuman: {draw(ONE_LINE)}"
    return {
        "chosen": f"{shared}\n\nAssistant: {draw(ONE_LINE)}",
        "rejected": f"{shared}\n\nAssistant: {draw(ONE_LINE)}",
    }


@st.composite
def multi_response(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 4))
    ids = draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    responses: list[Any] = []
    for rid in ids:
        kind = draw(st.sampled_from(["str", "text", "full"]))
        if kind == "str":
            responses.append(draw(TEXT))
        elif kind == "text":
            responses.append({"text": draw(TEXT)})
        else:
            responses.append({"id": rid, "model": draw(st.none() | TEXT), "text": draw(TEXT)})
    key = draw(st.sampled_from(["prompt", "messages", "conversation"]))
    return {key: draw(NONBLANK | messages()), "responses": responses}


@st.composite
def task_rows(draw: st.DrawFn) -> dict[str, Any]:
    """A row the loader accepts, in any of its conventions."""
    row: dict[str, Any] = draw(
        st.one_of(trl_explicit(), trl_implicit(), hh_transcript(), multi_response())
    )
    rid = draw(row_ids)
    if rid is not None:
        row["id"] = rid
    return row


def jsonl(rows: Any, *, ascii: bool = True, crlf: bool = False, bom: bool = False) -> bytes:
    """One JSON line per row (a damaged "list of rows" that is no list is one row)."""
    end = b"\r\n" if crlf else b"\n"
    rows = rows if isinstance(rows, list) else [rows]
    body = end.join(dump(r, ascii=ascii) for r in rows) + end
    return (b"\xef\xbb\xbf" if bom else b"") + body


@st.composite
def task_files(draw: st.DrawFn) -> tuple[list[dict[str, Any]], bytes]:
    """Genuine rows (distinct ids) and the JSONL file that holds them."""
    rows = draw(st.lists(task_rows(), min_size=1, max_size=4))
    for i, row in enumerate(rows):
        row["id"] = f"t{i}"
    data = jsonl(rows, ascii=draw(st.booleans()), crlf=draw(st.booleans()), bom=draw(st.booleans()))
    return rows, data


@st.composite
def damaged_task_files(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(task_rows(), min_size=1, max_size=3))
    target = draw(st.integers(0, len(rows) - 1))
    rows[target] = draw(json_altered(rows[target]))
    data = jsonl(rows, ascii=draw(st.booleans()), crlf=draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:
        data = draw(damaged(data))
    return data


# -- schemas and answers --


@st.composite
def questions(draw: st.DrawFn, qid: str, n_responses: int, earlier: Sequence[str]) -> Question:
    """One valid question of any type (preference only for pairs; every question answerable)."""
    kinds = ["ranking", "likert", "flags", "choice", "text"]
    if n_responses == 2:
        kinds.append("preference")
    kind = draw(st.sampled_from(kinds))
    base: dict[str, Any] = {"id": qid, "label": draw(TEXT), "help": draw(TEXT)}
    if kind != "text":
        base["required"] = draw(st.booleans())
    unique = st.lists(LABELS, unique=True, max_size=4)
    if kind == "preference":
        return PreferenceQuestion(
            **base,
            strengths=tuple(draw(st.lists(LABELS, unique=True, min_size=1, max_size=3))),
            allow_tie=draw(st.booleans()),
        )
    if kind == "ranking":
        return RankingQuestion(**base, allow_ties=draw(st.booleans()))
    if kind == "likert":
        lo = draw(st.integers(-1000, 1000))
        return LikertQuestion(
            **base,
            dimensions=tuple(draw(unique)),
            scale_min=lo,
            scale_max=lo + draw(st.integers(1, 100)),
        )
    if kind == "flags":
        pairs = st.lists(st.tuples(LABELS, LABELS), unique_by=lambda p: p[0], max_size=4)
        return FlagsQuestion(
            **base, response_flags=tuple(draw(pairs)), task_flags=tuple(draw(pairs))
        )
    if kind == "choice":
        return ChoiceQuestion(
            **base,
            options=tuple(draw(st.lists(LABELS, unique=True, min_size=1, max_size=4))),
            multiple=draw(st.booleans()),
        )
    lo = draw(st.integers(0, 20))
    rules = []
    for _ in range(draw(st.integers(0, 2)) if earlier else 0):
        rules.append(
            RequiredWhen(
                draw(st.sampled_from(earlier)),
                draw(st.sampled_from(["strength", "any_flag", "choice", "answered"])),
                tuple(draw(unique)),
            )
        )
    return TextQuestion(
        **base,
        required=draw(st.booleans()),
        min_length=lo,
        max_length=draw(st.integers(max(lo, 1), 20_000)),
        required_when=tuple(rules),
    )


@st.composite
def schemas(draw: st.DrawFn, n_responses: int | None = None) -> tuple[Schema, list[str]]:
    """A valid schema and the response ids of a task it fits."""
    n = n_responses or draw(st.integers(2, 4))
    ids = draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    qids = draw(st.lists(LABELS, min_size=1, max_size=5, unique=True))
    made: list[Question] = []
    for qid in qids:
        made.append(draw(questions(qid, n, [q.id for q in made])))
    return Schema(tuple(made)), ids


def _answer(draw: st.DrawFn, q: Question, ids: list[str]) -> Any:
    """A valid answer to ``q`` (never empty, so it also satisfies ``required``)."""
    if isinstance(q, PreferenceQuestion):
        if q.allow_tie and draw(st.booleans()):
            return {"better": None}
        return {
            "better": draw(st.sampled_from(ids)),
            "strength": draw(st.sampled_from(q.strengths)),
        }
    if isinstance(q, RankingQuestion):
        order = draw(st.permutations(ids))
        groups: list[list[str]] = [[order[0]]]
        for rid in order[1:]:
            if q.allow_ties and draw(st.booleans()):
                groups[-1].append(rid)
            else:
                groups.append([rid])
        return groups
    if isinstance(q, LikertQuestion):
        score = st.integers(q.scale_min, q.scale_max)
        every = q.required or not q.dimensions or draw(st.booleans())
        return {
            rid: {d: draw(score) for d in q.dimensions if every or draw(st.booleans())}
            for rid in ids
        }
    if isinstance(q, FlagsQuestion):
        out: dict[str, list[str]] = {}
        for key, pairs in [*((rid, q.response_flags) for rid in ids), ("task", q.task_flags)]:
            if pairs and draw(st.booleans()):
                out[key] = draw(st.lists(st.sampled_from([p[0] for p in pairs]), unique=True))
        return out or {ids[0]: []}
    if isinstance(q, ChoiceQuestion):
        if q.multiple:
            return draw(st.lists(st.sampled_from(q.options), min_size=1, unique=True))
        return draw(st.sampled_from(q.options))
    assert isinstance(q, TextQuestion)
    size = draw(st.integers(max(q.min_length, 1), min(q.max_length, q.min_length + 30)))
    return "x" * size


@st.composite
def valid_answers(draw: st.DrawFn, schema: Schema, ids: list[str]) -> dict[str, Any]:
    return {q.id: _answer(draw, q, ids) for q in schema.questions}


# -- bundles --


SAMPLE_TASKS = [
    parse_task_row(
        {"id": "t1", "prompt": "Explain WAL.", "responses": ["A journal.", "A log."]}
    ).task,
    parse_task_row(
        {
            "id": "t2",
            "messages": [{"role": "user", "content": "Sort"}],
            "responses": ["1", "2", "3"],
        }
    ).task,
]


def _schema_for(task: Task) -> Schema:
    return default_schema(len(task.responses))


GENUINE_TASK_BUNDLE, _ = build_task_bundle(
    tasks=[(t, _schema_for(t)) for t in SAMPLE_TASKS],
    server=SERVER,
    reviewer=ALICE_CARD,
    project="fuzz",
    guidelines="Judge helpfulness first.",
    sealed={"gold": {}, "reference": {}},
    expires_days=3650,
)
GENUINE_OPENED = open_sealed(
    GENUINE_TASK_BUNDLE, ALICE, signer=pinned(SERVER_CARD), expected_type="task", now=NOW
)
GENUINE_PLAIN = age_layer.decrypt(GENUINE_TASK_BUNDLE, [ALICE.identity()])


def container_hotspots(sections: dict[str, bytes]) -> list[int]:
    """Offsets of the count byte, every name-length byte and every 8-byte length field."""
    spots, pos = [len(container.MAGIC)], len(container.MAGIC) + 1
    for name, body in sections.items():
        spots.append(pos)
        pos += 1 + len(name)
        spots.append(pos)
        pos += 8 + len(body)
    return [*spots, pos]


def age_hotspots(data: bytes) -> list[int]:
    """Every line start and end of the age header, the nonce, the payload and its tag."""
    header_end = data.index(b"\n---") + 1
    header_end = data.index(b"\n", header_end) + 1
    spots = [0, len(age_layer.MAGIC)]
    spots += [i for i, c in enumerate(data[:header_end]) if c == 0x0A]
    spots += [i + 1 for i, c in enumerate(data[:header_end]) if c == 0x0A]
    spots += [header_end, header_end + age_layer.NONCE_BYTES, len(data) - 16, len(data)]
    return spots


GENUINE_PLAIN_SECTIONS = container.unpack(GENUINE_PLAIN, required=None)
PLAIN_HOTSPOTS = container_hotspots(GENUINE_PLAIN_SECTIONS)
AGE_HOTSPOTS = age_hotspots(GENUINE_TASK_BUNDLE)


# --- 1. the container ----------------------------------------------------------------------

SECTION_NAMES = sorted(container.SECTION_LIMITS)
section_maps = st.dictionaries(
    st.sampled_from(SECTION_NAMES), st.binary(max_size=48), max_size=len(SECTION_NAMES)
)


@st.composite
def damaged_containers(draw: st.DrawFn) -> bytes:
    sections = draw(section_maps)
    data = container.pack(sections)
    return draw(damaged(data, hotspots=container_hotspots(sections), donors=[GENUINE_PLAIN]))


@budget(200)
@given(
    data=st.one_of(
        st.binary(max_size=256),
        st.binary(max_size=256).map(lambda b: container.MAGIC + b),
        damaged_containers(),
        damaged_containers(),
        damaged(GENUINE_PLAIN, hotspots=PLAIN_HOTSPOTS),
        damaged(GENUINE_PLAIN, hotspots=PLAIN_HOTSPOTS),
    ),
    required=st.none() | st.frozensets(st.sampled_from(SECTION_NAMES), max_size=5),
)
@example(data=container.MAGIC + b"\x01\x0dmanifest.json" + b"\xff" * 8, required=None)
@example(data=container.MAGIC + b"\x11", required=None)
def test_container_gives_sections_or_a_container_error(
    data: bytes, required: frozenset[str] | None
) -> None:
    result = outcome(len(data), lambda: container.unpack(data, required=required))
    if isinstance(result, DocketError):
        assert isinstance(result, ContainerError)
        return
    # Valid: every name allow-listed and capped, and the container is canonical.
    assert required is None or set(result) == required
    assert all(len(body) <= container.SECTION_LIMITS[n] for n, body in result.items())
    assert container.pack(result) == data


@budget(100)
@given(sections=section_maps)
def test_container_round_trips(sections: dict[str, bytes]) -> None:
    data = container.pack(sections)
    assert container.unpack(data, required=frozenset(sections)) == sections
    assert container.unpack(memoryview(data), required=None) == sections


# --- 2. the manifest -----------------------------------------------------------------------

SHA = st.text("0123456789abcdef", min_size=64, max_size=64)
parties = st.builds(Party, TEXT, TEXT, TEXT, TEXT)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2199, 12, 31), timezones=st.just(UTC)
)
EXTRA_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=5,
)
_NOBODY = Party("", "", "", "")
KNOWN_KEYS = set(Manifest("task", "x", "", _NOBODY, _NOBODY, "", None, ()).to_json())


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    kind = draw(st.sampled_from(sorted(PAYLOAD_SECTIONS)))
    names = draw(st.permutations(PAYLOAD_SECTIONS[kind]))
    created = draw(moments)
    expires = draw(
        st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9999))
    )
    return Manifest(
        type=kind,
        bundle_id=draw(st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,20}\Z")),
        project=draw(TEXT),
        issuer=draw(parties),
        recipient=draw(parties),
        created_at=iso(created),
        expires_at=None if expires is None else iso(created + expires),
        sections=tuple(SectionDigest(n, draw(SHA), draw(st.integers(0, 2**40))) for n in names),
        extra=draw(
            st.dictionaries(TEXT.filter(lambda k: k not in KNOWN_KEYS), EXTRA_VALUES, max_size=3)
        ),
    )


@st.composite
def damaged_manifests(draw: st.DrawFn) -> bytes:
    m = draw(manifests())
    return draw(json_bytes(m.to_json(), canonical=draw(st.booleans())))


MANIFEST_PREFIX = f'{{"format":"{FORMAT}","version":{FORMAT_VERSION}'.encode()


@budget(250)
@given(
    raw=st.one_of(
        st.binary(max_size=128),
        st.binary(max_size=128).map(lambda b: MANIFEST_PREFIX + b),
        damaged(GENUINE_OPENED.manifest_bytes),
        damaged_manifests(),
        damaged_manifests(),
        damaged_manifests(),
        damaged_manifests(),
    )
)
@example(raw=b"[" * 5000)
@example(raw=b'{"format":"docket-bundle","version":1,"x":' + b"[" * 100_000)
def test_manifest_gives_a_manifest_or_a_manifest_error(raw: bytes) -> None:
    result = outcome(len(raw), lambda: Manifest.parse(raw))
    if isinstance(result, DocketError):
        assert isinstance(result, (ManifestError, UnsupportedVersionError))
        return
    assert result.to_bytes() == raw  # only canonical bytes are accepted
    assert Manifest.parse(result.to_bytes()) == result
    assert sorted(s.name for s in result.sections) == sorted(PAYLOAD_SECTIONS[result.type])


@budget(100)
@given(m=manifests())
def test_manifest_round_trips(m: Manifest) -> None:
    assert Manifest.parse(m.to_bytes()) == m


# --- 3. the bundle opening path: age header, decryption, container, signature -----------------


def _opened_ok(opened: Opened) -> None:
    """What every successfully opened bundle guarantees."""
    assert opened.manifest.to_bytes() == opened.manifest_bytes
    assert opened.manifest.sections == digests(opened.sections)
    assert opened.manifest.recipient.matches(ALICE_CARD)
    assert opened.manifest.issuer.matches(opened.signer)


@budget(150)
@given(
    data=st.one_of(
        st.binary(max_size=256),
        st.binary(max_size=256).map(lambda b: age_layer.MAGIC + b),
        damaged(GENUINE_TASK_BUNDLE, hotspots=AGE_HOTSPOTS),
    )
)
def test_age_header_check_gives_a_header_or_an_age_header_error(data: bytes) -> None:
    result = outcome(len(data), lambda: age_layer.check_header(data))
    if isinstance(result, DocketError):
        assert isinstance(result, AgeHeaderError)
        return
    assert result.stanzas and result.length + age_layer.NONCE_BYTES <= len(data)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@budget(120)
@given(
    data=st.one_of(
        st.binary(max_size=256).map(lambda b: age_layer.MAGIC + b),
        damaged(GENUINE_TASK_BUNDLE, hotspots=AGE_HOTSPOTS),
    ),
    from_file=st.booleans(),
)
def test_damaged_bundle_file_is_rejected_with_a_bundle_error(
    scratch: Path, data: bytes, from_file: bool
) -> None:
    """Anyone can hand a reviewer a file: whatever it holds, opening it is typed."""
    source: bytes | Path = data
    if from_file:
        source = scratch / "bundle.docket"
        source.write_bytes(data)
    result = outcome(
        len(data),
        lambda: open_sealed(source, ALICE, signer=pinned(SERVER_CARD), expected_type=None, now=NOW),
    )
    if isinstance(result, DocketError):
        assert isinstance(result, BundleError)
        return
    # Only a damage that left the authenticated content as it was can open.
    _opened_ok(result)
    assert result.manifest_bytes == GENUINE_OPENED.manifest_bytes
    assert result.sections == GENUINE_OPENED.sections


SIGNER_LOOKUPS = {
    "pinned": pinned(SERVER_CARD),
    "keyring": keyring([BOB_CARD, SERVER_CARD]),
    "self-declared": None,
}


@budget(120)
@given(
    plain=st.one_of(
        damaged(GENUINE_PLAIN, hotspots=PLAIN_HOTSPOTS),
        damaged_containers(),
        st.binary(max_size=128).map(lambda b: container.MAGIC + b),
    ),
    lookup=st.sampled_from(sorted(SIGNER_LOOKUPS)),
)
def test_damaged_plaintext_encrypted_to_the_reviewer_is_rejected(plain: bytes, lookup: str) -> None:
    """Anyone with alice's public card can encrypt to her, but not sign as the server."""
    data = age_layer.encrypt(plain, ALICE_CARD.recipient())
    result = outcome(
        len(data),
        lambda: open_sealed(
            data, ALICE, signer=SIGNER_LOOKUPS[lookup], expected_type=None, now=NOW
        ),
    )
    if isinstance(result, DocketError):
        assert isinstance(result, BundleError)
        return
    _opened_ok(result)
    assert result.manifest_bytes == GENUINE_OPENED.manifest_bytes
    assert result.sections == GENUINE_OPENED.sections


@st.composite
def signed_manifests(draw: st.DrawFn) -> tuple[bytes, str, dict[str, bytes]]:
    """Damaged manifest bytes, a trusted comment, and the payload sections to go with them."""
    genuine = GENUINE_OPENED.manifest
    raw = draw(json_bytes(genuine.to_json(), canonical=draw(st.integers(0, 3)) > 0))
    try:  # the comment the signer would write for what the manifest now declares
        declared = json.loads(raw)
        comment = f"docket-bundle type={declared['type']} id={declared['bundle_id']}"
    except (ValueError, KeyError, TypeError, RecursionError):
        comment = genuine.trusted_comment
    if not (comment.isascii() and comment.isprintable()) or len(comment) > 1000:
        # minisign's format: one printable line (and the signature section is capped)
        comment = genuine.trusted_comment
    comment = draw(st.sampled_from([comment, genuine.trusted_comment]))
    sections = dict(GENUINE_OPENED.sections)
    if draw(st.integers(0, 3)) == 0:
        name = draw(st.sampled_from(sorted(sections)))
        sections[name] = draw(damaged(sections[name]))
    return raw, comment, sections


@budget(120)
@given(signed=signed_manifests(), check_expiry=st.booleans())
def test_manifest_signed_by_the_server_is_checked_strictly(
    signed: tuple[bytes, str, dict[str, bytes]], check_expiry: bool
) -> None:
    """Past the signature (an attacker with the server's key, or a server bug): the manifest,
    recipient, expiry and section checks, then the payload parser, are all typed."""
    raw, comment, sections = signed
    signature = bytes(SERVER.signer().sign(raw, trusted_comment=comment))
    plain = container.pack({container.MANIFEST: raw, container.SIGNATURE: signature, **sections})
    data = age_layer.encrypt(plain, ALICE_CARD.recipient())

    def open_and_read() -> tuple[Opened, TaskBundle | None]:
        opened = open_sealed(
            data,
            ALICE,
            signer=pinned(SERVER_CARD),
            expected_type=None,
            now=NOW,
            check_expiry=check_expiry,
        )
        content = None
        if opened.manifest.type in ("task", "adjudication-task"):
            content = read_task_bundle(opened)
        return opened, content

    result = outcome(len(data), open_and_read)
    if isinstance(result, DocketError):
        assert isinstance(result, BundleError)
        return
    opened, _ = result
    _opened_ok(opened)
    if check_expiry:
        assert not opened.manifest.is_expired(NOW)


# --- 4. the payload of a verified task bundle ----------------------------------------------


@st.composite
def task_payloads(draw: st.DrawFn) -> tuple[dict[str, bytes], Any, list[Task]]:
    """Sections of a task bundle as ``build_task_bundle`` writes them (with the task count
    for the manifest, and the tasks they hold), maybe damaged."""
    schema, _ = draw(schemas())
    tasks: list[Task] = []
    for i, row in enumerate(draw(st.lists(task_rows(), min_size=1, max_size=3))):
        row["id"] = f"t{i}"
        task = parse_task_row(row).task
        # A reviewer's bundle never carries model names (task_row leaves them out).
        tasks.append(replace(task, responses=tuple(replace(r, model=None) for r in task.responses)))
    schema_id = sha256(schema.dumps().encode())[:16]
    lines = [task_row(t, schema_id) for t in tasks]
    reviews = [{"task_id": t.id, "reviewers": {}} for t in tasks]
    sections = {
        TASKS: jsonl(lines, ascii=False),
        SCHEMAS: dump({"schemas": {schema_id: schema.to_json()}}, sort_keys=True),
        GUIDELINES: draw(TEXT).encode(),
        SEALED: GENUINE_OPENED.sections[SEALED],
        REVIEWS: jsonl(reviews),
    }
    count: Any = len(tasks)
    changes = draw(st.sets(st.sampled_from(["tasks", "schema", "text", "reviews", "count"])))
    if "tasks" in changes:
        target = draw(st.integers(0, len(lines) - 1))
        lines[target] = draw(json_altered(lines[target]))
        sections[TASKS] = jsonl(lines, ascii=draw(st.booleans()))
    if "schema" in changes:
        sections[SCHEMAS] = draw(json_bytes({"schemas": {schema_id: schema.to_json()}}))
    if "text" in changes:
        name = draw(st.sampled_from([TASKS, SCHEMAS, GUIDELINES, REVIEWS]))
        sections[name] = draw(damaged(sections[name]))
    if "reviews" in changes:
        sections[REVIEWS] = jsonl(draw(json_damaged(reviews)), ascii=False)
    if "count" in changes:
        count = draw(hostile_values(raw=False))
    return sections, count, tasks if not changes else []


@budget(200)
@given(payload=task_payloads(), kind=st.sampled_from(["task", "adjudication-task"]))
@example(
    payload=(
        {TASKS: b"[" * 5000, SCHEMAS: b'{"schemas":{}}', GUIDELINES: b"", SEALED: b""},
        1,
        [],
    ),
    kind="task",
)
@example(
    payload=(
        {TASKS: b"", SCHEMAS: b'{"schemas":{"s":{"version":1,"questions":[{"type":{}}]}}}',
         GUIDELINES: b"", SEALED: b""},
        0,
        [],
    ),
    kind="task",
)  # fmt: skip
def test_task_bundle_payload_gives_tasks_or_a_bundle_error(
    payload: tuple[dict[str, bytes], Any, list[Task]], kind: str
) -> None:
    sections, count, genuine = payload
    if kind == "task":
        sections = {k: v for k, v in sections.items() if k != REVIEWS}
    manifest = replace(GENUINE_OPENED.manifest, type=kind, extra={"task_count": count})
    opened = replace(GENUINE_OPENED, manifest=manifest, sections=sections)
    size = sum(len(body) for body in sections.values())
    result = outcome(size, lambda: read_task_bundle(opened))
    if isinstance(result, DocketError):
        assert isinstance(result, BundleError)
        return
    assert len({t.id for t, _ in result.tasks}) == len(result.tasks) == count
    if genuine:
        assert [t for t, _ in result.tasks] == genuine


# --- 5. result bundles, as the server reads them -------------------------------------------

ANSWERED = AnsweredBundle(
    bundle_id=GENUINE_OPENED.manifest.bundle_id,
    project=GENUINE_OPENED.manifest.project,
    manifest_raw=GENUINE_OPENED.manifest_bytes,
    signature=GENUINE_OPENED.signature,
    sealed=GENUINE_OPENED.sections[SEALED],
    server=SERVER_CARD,
)


RESULT_EXTRA: dict[str, Any] = {
    "answers_bundle": {
        "bundle_id": ANSWERED.bundle_id,
        "manifest_sha256": sha256(ANSWERED.manifest_raw),
    },
    "answer_count": 1,
    "sequence": 1,
    "previous": None,
    "chain": "c1",
}
"""The manifest fields of a first result with one answer."""


def audit_log(actions: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """A hash chain as the workspace writes it."""
    out, prev = [], GENESIS
    for seq, (action, subject, detail) in enumerate(actions, start=1):
        at = "2030-01-01T00:00:00.000Z"
        h = entry_hash(prev, seq, at, action, subject, detail)
        out.append(AuditEntry(seq, at, action, subject, detail, prev, h).to_json())
        prev = h
    return out


@st.composite
def result_parts(draw: st.DrawFn) -> tuple[bytes, bytes, dict[str, Any], bool]:
    """answers.jsonl, audit.jsonl and the manifest's extra fields of a result bundle for the
    genuine task bundle (maybe damaged), and whether they are undamaged."""
    rows = []
    for task in draw(st.lists(st.sampled_from(SAMPLE_TASKS), unique=True, max_size=2)):
        answers = draw(valid_answers(_schema_for(task), list(task.response_ids)))
        rows.append(
            {
                "task_id": task.id,
                "revision": draw(st.integers(1, 5)),
                "answers": answers,
                "display_order": {rid: rid for rid in task.response_ids},
                "saved_at": "2030-01-01T00:00:00.000Z",
                "time_spent_s": draw(st.floats(0, 1e6)),
                "status": "done",
            }
        )
    audit = audit_log(draw(st.lists(st.tuples(TEXT, TEXT, TEXT), max_size=3)))
    extra = {**RESULT_EXTRA, "answer_count": len(rows)}
    changes = draw(st.sets(st.sampled_from(["answers", "audit", "extra", "bytes"])))
    answers_bytes, audit_bytes = jsonl(rows), jsonl(audit)
    if "answers" in changes:
        answers_bytes = jsonl(draw(json_altered(rows)))
    if "audit" in changes:
        audit_bytes = jsonl(draw(json_altered(audit)))
    if "extra" in changes:
        extra = draw(json_altered(extra, raw=False))
        if not isinstance(extra, dict):
            extra = {"extra": extra}
    if "bytes" in changes:
        answers_bytes = draw(damaged(answers_bytes))
    return answers_bytes, audit_bytes, extra, not changes


@budget(120)
@given(parts=result_parts())
def test_result_bundle_gives_verified_answers_or_a_bundle_error(
    parts: tuple[bytes, bytes, dict[str, Any], bool],
) -> None:
    """A reviewer signs what they send, but the server trusts no reviewer with its parsers."""
    answers_bytes, audit_bytes, extra, genuine = parts
    data = sealed_result(answers_bytes, audit_bytes, extra)
    result = outcome(len(data), lambda: read_result_bundle(data, SERVER, keyring([ALICE_CARD])))
    if isinstance(result, DocketError):
        assert isinstance(result, BundleError)
        assert not genuine, result
        return
    assert isinstance(result, VerifiedResult)
    assert result.sequence >= 1 and result.reviewer == ALICE_CARD
    assert len({row["task_id"] for row in result.answers}) == len(result.answers)


def sealed_result(answers_bytes: bytes, audit_bytes: bytes, extra: dict[str, Any]) -> bytes:
    """A result bundle from alice for the genuine task bundle, with these sections."""
    sections = {
        ANSWERS: answers_bytes,
        AUDIT: audit_bytes,
        TASK_MANIFEST: ANSWERED.manifest_raw,
        TASK_SIGNATURE: ANSWERED.signature,
        SEALED: ANSWERED.sealed,
    }
    manifest = Manifest(
        type="result",
        bundle_id="result-fuzz",
        project=ANSWERED.project,
        issuer=Party.of(ALICE_CARD),
        recipient=Party.of(SERVER_CARD),
        created_at=iso(NOW),
        expires_at=None,
        sections=digests(sections),
        extra={k: v for k, v in extra.items() if k not in KNOWN_KEYS},
    )
    return seal(manifest, sections, ALICE, SERVER_CARD)


# --- 6. the JSONL task loader --------------------------------------------------------------


def _check_loaded(result: LoadResult, lines: int) -> None:
    """What every load guarantees: typed errors with line numbers, tasks the bundle format
    can carry (a loaded task survives pack and import unchanged), ids unique."""
    assert isinstance(result, LoadResult)
    for error in result.errors:
        note(f"TaskFormatError: {error.message.partition(': ')[2]}")
    note(f"{len(result.rows)} tasks loaded")
    assert len(result.rows) + len(result.errors) <= max(lines, 1)
    for error in result.errors:
        assert isinstance(error, TaskFormatError) and error.message
        assert error.line is not None and 1 <= error.line <= max(lines, 1)
    ids = [row.task.id for row in result.rows]
    assert len(set(ids)) == len(ids)
    for row in result.rows:
        task = row.task
        assert 1 <= len(task.id) <= 200 and len(task.responses) >= 1  # one: a form that grades
        again = parse_task_row(json.loads(json.dumps(task_row(task, "s", models=True)))).task
        assert again == task


@budget(200)
@given(
    data=st.one_of(
        st.binary(max_size=256),
        st.binary(max_size=256).map(lambda b: b'{"prompt":"p","responses":' + b),
        task_files().map(lambda rf: rf[1]),
        damaged_task_files(),
        damaged_task_files(),
        damaged_task_files(),
    )
)
@example(data=b"[" * 100_000)
@example(data=b'{"prompt": "p", "responses": ["a", "b"], "meta": ' + b"[" * 5000 + b"\n")
@example(
    data=b'{"prompt": [{"role": "user", "content": "p"}], "responses": ["a", '
    + b'{"a":' * 990
    + b"}" * 990
    + b"]}\n"
)
def test_task_loader_gives_tasks_or_task_format_errors(data: bytes) -> None:
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    result = outcome(len(data), lambda: parse_task_lines(io.BytesIO(data)))
    assert isinstance(result, LoadResult), "the loader collects its errors, it does not raise"
    _check_loaded(result, lines)
    # The same text given as str lines (the API takes both): the same outcome, line for line.
    text_lines = data.decode("utf-8", "surrogateescape").split("\n")
    as_text = outcome(len(data), lambda: parse_task_lines(text_lines))
    assert isinstance(as_text, LoadResult)
    _check_loaded(as_text, len(text_lines))


@budget(80)
@given(data=damaged_task_files())
def test_task_file_on_disk_gives_tasks_or_task_format_errors(scratch: Path, data: bytes) -> None:
    path = scratch / "tasks.jsonl"
    path.write_bytes(data)
    result = outcome(len(data), lambda: read_tasks_jsonl(path))
    assert isinstance(result, LoadResult)
    _check_loaded(result, data.count(b"\n") + 1)


@budget(120)
@given(file=task_files())
def test_genuine_rows_in_every_convention_load(file: tuple[list[dict[str, Any]], bytes]) -> None:
    rows, data = file
    result = parse_task_lines(io.BytesIO(data))
    assert result.errors == [] and [r.task.id for r in result.rows] == [r["id"] for r in rows]
    _check_loaded(result, len(rows))


def test_an_overlong_line_is_not_held_in_memory(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without a newline must not be read whole to find out that its line is too long."""
    monkeypatch.setattr(task_loading, "MAX_LINE_BYTES", 64 * 1024)
    path = scratch / "one-long-line.jsonl"
    good = b'{"id": "ok", "prompt": "p", "responses": ["a", "b"]}\n'
    with path.open("wb") as fh:
        fh.write(good)
        for _ in range(16):
            fh.write(b"x" * (1024 * 1024))
        fh.write(b"\n" + good.replace(b'"ok"', b'"ok2"'))
    tracemalloc.start()
    try:
        result = read_tasks_jsonl(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.task.id for r in result.rows] == ["ok", "ok2"]
    assert [(e.line, "longer than" in e.message) for e in result.errors] == [(2, True)]
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes for a 64 KiB line limit"


# --- 7. schemas ----------------------------------------------------------------------------


@st.composite
def damaged_schemas(draw: st.DrawFn) -> bytes:
    schema, _ = draw(schemas())
    return draw(json_bytes(schema.to_json()))


@budget(200)
@given(
    raw=st.one_of(
        st.binary(max_size=128),
        st.binary(max_size=128).map(lambda b: b'{"version":1,"questions":[' + b),
        damaged_schemas(),
        damaged_schemas(),
        damaged_schemas(),
        damaged_schemas(),
    )
)
@example(raw=b'{"version":1,"questions":[{"type":[]}]}')
@example(raw=b'{"version":1,"questions":[{"type":{"a":1},"id":"q"}]}')
@example(raw=b'{"version":1,"questions":[' + b"[" * 5000)
def test_schema_gives_a_schema_or_a_schema_error(raw: bytes) -> None:
    result = outcome(len(raw), lambda: Schema.loads(raw))
    if isinstance(result, DocketError):
        assert isinstance(result, SchemaError)
        return
    assert Schema.loads(result.dumps()) == result


@st.composite
def altered_schemas(draw: st.DrawFn) -> bytes:
    """Valid JSON, mostly still a schema, with values at and past its boundaries."""
    schema, _ = draw(schemas())
    return dump(draw(json_tweaked(schema.to_json())))


@budget(150)
@given(raw=altered_schemas(), data=st.data())
def test_every_schema_the_parser_accepts_can_be_answered(raw: bytes, data: st.DataObject) -> None:
    """A schema that loads but that no answer satisfies would stop a reviewer at its first
    task: whatever the parser accepts, some answer passes validation."""
    schema = outcome(len(raw), lambda: Schema.loads(raw))
    if isinstance(schema, DocketError):
        return
    pairwise = any(isinstance(q, PreferenceQuestion) for q in schema.questions)
    n = 2 if pairwise else data.draw(st.integers(2, 4))
    ids = data.draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    answers = data.draw(valid_answers(schema, ids))
    assert check_answers(schema, ids, answers) == []


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ({"type": "choice", "id": "c", "options": [" "]}, "non-blank strings"),
        ({"type": "preference", "id": "p", "strengths": [], "allow_tie": False}, "strength"),
        ({"type": "flags", "id": "f", "task_flags": [["x", "\t"]]}, "[id, label] pair"),
    ],
)
def test_a_schema_no_answer_could_satisfy_is_refused(question: dict[str, Any], words: str) -> None:
    """Found by the fuzzer: a required single choice whose only option is blank (a blank
    answer reads as no answer) and a preference without strengths loaded, then refused
    every answer."""
    with pytest.raises(SchemaError, match=re.escape(words)):
        Schema.from_json({"version": 1, "questions": [question]})


@budget(100)
@given(made=schemas())
def test_schema_round_trips(made: tuple[Schema, list[str]]) -> None:
    schema, _ = made
    assert Schema.from_json(schema.to_json()) == schema
    assert Schema.loads(schema.dumps().encode()) == schema


# --- 8. answers against schemas ------------------------------------------------------------


@st.composite
def answered(draw: st.DrawFn) -> tuple[Schema, list[str], dict[str, Any]]:
    schema, ids = draw(schemas())
    return schema, ids, draw(valid_answers(schema, ids))


@budget(150)
@given(case=answered())
def test_valid_answers_pass(case: tuple[Schema, list[str], dict[str, Any]]) -> None:
    schema, ids, answers = case
    assert check_answers(schema, ids, answers) == []
    validate_answers(schema, ids, answers)
    # and survive the JSON round trip the store and the result bundle put them through
    assert check_answers(schema, ids, json.loads(json.dumps(answers))) == []


@st.composite
def damaged_answers(draw: st.DrawFn) -> tuple[Schema, list[str], Any]:
    schema, ids, answers = draw(answered())
    # JSON values only (what the answer panel, the store and result bundles hold), but
    # through json.loads, so NaN, Infinity and 4000-digit integers are included.
    damaged_value = draw(json_altered(answers, raw=False))
    return schema, ids, json.loads(dump(damaged_value, ascii=True).decode("utf-8", "surrogatepass"))


@budget(250)
@given(case=damaged_answers())
def test_any_answer_gives_issues_not_exceptions(case: tuple[Schema, list[str], Any]) -> None:
    schema, ids, answers = case
    size = len(json.dumps(answers))
    issues = outcome(size, lambda: check_answers(schema, ids, answers))
    assert isinstance(issues, list)
    for _, message in issues:
        note(f"issue: {message}")
    named = [q.id for q in schema.questions] + (list(answers) if isinstance(answers, dict) else [])
    for field, message in issues:
        assert isinstance(field, str) and isinstance(message, str) and message
        assert field == "" or any(field == n or field.startswith((n + ".", n + "[")) for n in named)
    error = outcome(size, lambda: validate_answers(schema, ids, answers))
    if issues:
        assert isinstance(error, AnswerValidationError) and error.issues == issues
    else:
        assert error is None


# --- 9. a wrong type at every field, exhaustively --------------------------------------------

# fmt: off
WRONG_VALUES: list[Any] = [
    None, True, 0, -1, 2**64, 10**4000, math.nan, math.inf, 1.5, "", "\ud800", "x" * 300,
    [], [None], {}, {"": None}, Raw("[" * 5000), Raw("9" * 5000),
]
# fmt: on


def sweep(
    genuine: Any,
    parse: Callable[[bytes], object],
    *,
    canonical: bool = False,
    values: Sequence[Any] = WRONG_VALUES,
) -> int:
    """Every field of ``genuine`` replaced in turn by every one of ``values`` and every
    field deleted: each parse gives a result or a DocketError (checked by ``outcome``)."""
    count = 0
    for path in json_paths(genuine):
        variants = [_set(copy.deepcopy(genuine), path, v) for v in values]
        if path:
            deleted = copy.deepcopy(genuine)
            del _get(deleted, path[:-1])[path[-1]]
            variants.append(deleted)
        for variant in variants:
            data = dump(variant, canonical=canonical)
            outcome(len(data), lambda data=data: parse(data))
            count += 1
    return count


def test_a_wrong_value_at_any_field_is_typed() -> None:
    manifest = GENUINE_OPENED.manifest.to_json()
    assert sweep(manifest, Manifest.parse, canonical=True) > 300
    for row in (
        {"id": "a", "prompt": "p", "chosen": "c", "rejected": "r"},
        {"chosen": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}],
         "rejected": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "b"}]},
        {"chosen": "\n\nHuman: u\n\nAssistant: a", "rejected": "\n\nHuman: u\n\nAssistant: b"},
        {"id": 7, "messages": [{"role": "system", "content": "s"}],
         "responses": ["a", {"text": "b"}, {"id": "c", "model": "m", "text": "c"}]},
    ):  # fmt: skip
        sweep(row, lambda data: _check_loaded(parse_task_lines([data]), 1))
    for n in (2, 3):
        sweep(default_schema(n).to_json(), Schema.loads)
    everything = Schema(
        (
            ChoiceQuestion("domain", options=("law", "medicine"), multiple=True),
            TextQuestion(
                "why", min_length=2, required_when=(RequiredWhen("domain", "choice", ("law",)),)
            ),
        )
    )
    sweep(everything.to_json(), Schema.loads)
    sweep(
        json.loads(GENUINE_OPENED.sections[SCHEMAS]),
        lambda data: read_task_bundle(
            replace(GENUINE_OPENED, sections={**GENUINE_OPENED.sections, SCHEMAS: data})
        ),
    )
    answers = {
        "preference": {"better": "r1", "strength": "strong"},
        "rationale": "because so",
        "likert": {"r1": {"helpfulness": 3}},
        "flags": {"r1": ["pii"], "task": []},
    }
    sweep(
        answers,
        lambda data: check_answers(default_schema(2), ["r1", "r2"], json.loads(data)),
        values=[v for v in WRONG_VALUES if not isinstance(v, Raw)],
    )


def test_a_wrong_value_at_any_field_of_a_result_is_typed() -> None:
    """The same sweep over what a reviewer signs: an answer row, an audit entry, the manifest's
    result fields."""
    task = SAMPLE_TASKS[0]
    row = {
        "task_id": task.id,
        "revision": 1,
        "answers": {"preference": {"better": task.response_ids[0], "strength": "slight"}},
        "display_order": {rid: rid for rid in task.response_ids},
        "saved_at": "2030-01-01T00:00:00.000Z",
        "time_spent_s": 1.5,
        "status": "done",
    }
    audit = audit_log([("import", "bundle", "{}")])
    server_keys = keyring([ALICE_CARD])

    def read(answers: bytes, log: bytes, extra: dict[str, Any]) -> Any:
        return read_result_bundle(sealed_result(answers, log, extra), SERVER, server_keys)

    read(jsonl([row]), jsonl(audit), RESULT_EXTRA)  # the control: it verifies
    sweep(row, lambda data: read(data + b"\n", jsonl(audit), RESULT_EXTRA))
    sweep(audit[0], lambda data: read(jsonl([row]), data + b"\n", RESULT_EXTRA))
    for key in RESULT_EXTRA:
        for value in WRONG_VALUES:
            if not isinstance(value, Raw):
                extra = {**RESULT_EXTRA, key: value}
                outcome(0, lambda extra=extra: read(jsonl([row]), jsonl(audit), extra))


# --- regressions: what the fuzzer found, at the exact boundaries ------------------------------


@pytest.mark.parametrize("depth", [65, 999, 1000, 100_000])
def test_deep_nesting_is_a_typed_error_everywhere(depth: int) -> None:
    deep = "[" * depth + "]" * depth
    with pytest.raises(ManifestError):
        Manifest.parse(deep.encode())
    with pytest.raises(SchemaError):
        Schema.loads(deep)
    row = '{"prompt": "p", "responses": ["a", "b"], "extra": ' + deep + "}"
    (error,) = parse_task_lines([row]).errors
    assert "not valid JSON" in error.message


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("[" * 65 + "]" * 65, "nested more than 64"),
        (b'{"a":' * 65 + b"0" + b"}" * 65, "nested more than 64"),
        (b"[" * 100_000, "nested more than 64"),
        ('["\\ud800"]', "lone surrogate"),
        ('{"\\udc00": 1}', "lone surrogate"),
        ('"\ud800"', "lone surrogate"),
        (b'["\xed\xa0\x80"]', "can't decode"),
        (b"9" * 5000, "integer string conversion"),
    ],
)
def test_untrusted_json_limits(bad: str | bytes, words: str) -> None:
    """The loader behind every parser above: each failure is a ValueError (so the parsers'
    ``except ValueError`` turn it into their typed error)."""
    with pytest.raises(ValueError, match=words):
        safe_json.loads(bad)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (b"[" * 65 + b"]" * 65, "nested more than 64"),
        (b"[" * 100_000, "nested more than 64"),
        (b'{"a": 1}\n["\\ud800"]', "lone surrogate"),
        (b'["\xed\xa0\x80"]', "can't decode"),
        (b'{"a": 1} {"b": 2}', "more than one JSON value"),
        (b'{"a": 1}\n{"b":', "Expecting"),
        (b"9" * 5000, "integer string conversion"),
    ],
)
def test_untrusted_json_lines_limits(bad: bytes, words: str) -> None:
    """JSON Lines (a result's answers and audit log) keep every guarantee of one value."""
    with pytest.raises(ValueError, match=words):
        safe_json.loads_lines(bad)


@given(st.lists(EXTRA_VALUES, max_size=8))
def test_json_lines_read_what_they_were_written_from(values: list[Any]) -> None:
    data = "".join(json.dumps(v, ensure_ascii=False) + "\n" for v in values).encode()
    assert safe_json.loads_lines(data) == [safe_json.loads(json.dumps(v)) for v in values]


def _lines_by_the_standard_parser(data: bytes) -> list[Any]:
    """``safe_json.loads_lines`` as it was before msgspec read the lines first: the
    standard parser alone, line by line, with the same checks."""
    text = data.decode("utf-8")
    out = []
    for line in text.split("\n"):
        line = line.strip(" \t\r")
        if line:
            _, end = json.JSONDecoder().raw_decode(line)
            if end != len(line):
                raise ValueError("more than one JSON value on a line")
            out.append(safe_json.loads(line))
    return out


_JSON_LINE_PIECES = st.sampled_from(
    [b"{", b"}", b"[", b"]", b'"a"', b":", b",", b"1", b"-0.5", b"1e400", b"NaN", b"true",
     b"null", b" ", b"\t", b"\r", b"\n", b'"\\ud83d\\ude00"', b'"\\ud800"', b'"\xc3\xa9"',
     b"\xff", b'"\xe2\x80\xa8"', b"99999999999999999999999", b'{"a": 1, "a": 2}']
)  # fmt: skip


@given(st.lists(_JSON_LINE_PIECES, max_size=30).map(b"".join))
def test_json_lines_give_what_the_standard_parser_gives(data: bytes) -> None:
    """msgspec reads each line first; any line it refuses goes to the standard parser, so
    the values, and the fact of an error, are the standard parser's for any bytes."""
    try:
        expected: Any = _lines_by_the_standard_parser(data)
    except (ValueError, RecursionError):
        expected = ValueError
    try:
        got: Any = safe_json.loads_lines(data)
    except ValueError:
        got = ValueError
    if expected is ValueError or got is ValueError:
        assert got is expected
    else:  # NaN is not equal to itself: compare the JSON both give back
        assert json.dumps(got) == json.dumps(expected)
        assert [type(v) for v in got] == [type(v) for v in expected]


def test_untrusted_json_accepts_what_docket_writes() -> None:
    assert safe_json.loads("[" * 64 + "]" * 64) == json.loads("[" * 64 + "]" * 64)
    assert safe_json.loads(b'{"a":' * 64 + b"0" + b"}" * 64) is not None
    assert safe_json.loads(b'"\\ud83d\\ude00"') == "\U0001f600"  # a paired escape: an emoji
    assert safe_json.loads("[0]".encode("utf-16")) == [0]  # as json.loads detects UTF-16


def test_a_line_of_exactly_the_limit_is_read_whole(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bounded reader cuts only lines over the limit, newline included."""
    monkeypatch.setattr(task_loading, "MAX_LINE_BYTES", 200)
    row = b'{"id": "edge", "prompt": "p", "responses": ["a", "b"]}'
    path = scratch / "edge.jsonl"
    path.write_bytes(row.ljust(199) + b"\n" + row.replace(b"edge", b"over").ljust(200) + b"\n")
    result = read_tasks_jsonl(path)
    assert [r.task.id for r in result.rows] == ["edge"]
    assert [(e.line, "longer than" in e.message) for e in result.errors] == [(2, True)]
