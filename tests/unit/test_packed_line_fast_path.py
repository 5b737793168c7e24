"""A bundle line in the shape ``docket pack`` writes is read by a typed decoder
(:func:`docket.core.task_loading.parse_packed_line`); any other line by the general path
(``safe_json.loads_utf8`` then ``parse_task_row``). Where the fast path takes a line it
must give exactly the general path's task, answer form and rows; it must never take a
line the general path refuses; and every check must still refuse a hostile line in a
whole import, leaving nothing behind.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.bundles.envelope import digests, open_sealed, pinned, seal
from docket.bundles.manifest import TASK_TYPES
from docket.bundles.task_bundle import TASKS, TaskReader
from docket.core import safe_json, task_loading
from docket.core.pii import PII_TYPES, Finding, Severity
from docket.core.rules import canonical_json
from docket.core.schema import default_schema
from docket.core.task_loading import parse_packed_line, parse_task_row
from docket.core.task_rows import findings_json, task_rows
from docket.errors import BundleError, TaskFormatError
from docket.server.pack import pack
from tests.helpers import workspace_tables

SCHEMA = default_schema(2)

# --- lines: the packed shape, and every way of being slightly off it -------------------


class Pairs(list[tuple[str, Any]]):
    """A JSON object written with these keys in this order (duplicates allowed)."""


def dump(value: Any, ascii_only: bool) -> str:
    if isinstance(value, dict):
        value = Pairs(value.items())
    if isinstance(value, Pairs):
        items = (
            json.dumps(k, ensure_ascii=ascii_only) + ":" + dump(v, ascii_only) for k, v in value
        )
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", " ", "\x00", "a\nb", "\u2028", "\U0001f600", "é" * 3]
)
ODD_TEXT = st.sampled_from(["\ud800", "a\udc00b", "\ud83d"])  # lone surrogates
WRONG = (
    st.sampled_from(
        [None, True, False, 0, 1, -1, 2, 1.0, 0.5, -0.0, 2**70, "", "x", [], {}, [[]], {"a": 1}]
    )
    | st.just(float("nan"))
    | st.just(float("inf"))
)


def mostly(good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` nine times in ten, else ``odd``."""
    return st.sampled_from([good] * 9 + [odd]).flatmap(lambda chosen: chosen)


ROLE = mostly(st.sampled_from(["user", "assistant", "system", "tool"]), st.sampled_from(
    ["User", "robot", ""]
))  # fmt: skip
TASK_ID = mostly(
    st.sampled_from(["t1", "t000001", "a" * 200, "ü"]),
    st.sampled_from(["", "a" * 201, "t\x01", "t\x7f", "t\n"]),
)
ODD_RESPONSE_ID = st.sampled_from(["", "task", "turn:0", "r-0"]) | TEXT
PII_TYPE = mostly(st.sampled_from(sorted(PII_TYPES)), st.sampled_from(["person", "NAME", ""]))
SEVERITY = mostly(st.sampled_from(["low", "medium", "high"]), st.sampled_from(["LOW", "none"]))
CONFIDENCE = mostly(
    st.sampled_from([0, 1, 0.45, 0.5, 1.0, 0.0, -0.0, 0.12345]) | st.floats(0, 1),
    st.sampled_from([1.0000001, -0.001, 2]),
)
MODEL = mostly(st.none() | TEXT, WRONG)


@st.composite
def finding(draw: st.DrawFn, texts: dict[str, str]) -> dict[str, Any]:
    """A finding that fits its text, or (one time in ten) one whose offsets may not."""
    target = draw(mostly(st.sampled_from(list(texts)), st.sampled_from(["r-9", "", "turn:9"])))
    length = len(texts.get(target, ""))
    if length and draw(mostly(st.just(True), st.just(False))):
        start = draw(st.integers(0, length - 1))
        end = draw(st.integers(start + 1, length))
    else:
        start, end = draw(st.integers(-1, length + 1)), draw(st.integers(-1, length + 2))
    return {
        "target": target,
        "type": draw(PII_TYPE),
        "start": start,
        "end": end,
        "confidence": draw(CONFIDENCE),
        "severity": draw(SEVERITY),
    }


@st.composite
def lines(draw: st.DrawFn) -> tuple[bytes, str]:
    """A bundle line (and its text, for the report of a failure): about half of them in
    the packed shape with nothing wrong, the others off it in one or two small ways."""
    turns = [
        {"role": role, "content": content}
        for role, content in draw(st.lists(st.tuples(ROLE, TEXT), min_size=1, max_size=3))
    ]
    responses: list[dict[str, Any]] = []
    for i, (text, model) in enumerate(
        draw(st.lists(st.tuples(TEXT, MODEL), min_size=1, max_size=4))
    ):
        item: dict[str, Any] = {"id": f"r-{i}", "text": text}
        item["id"] = draw(mostly(st.just(item["id"]), ODD_RESPONSE_ID))
        if draw(st.booleans()):
            item["model"] = model
        responses.append(item)
    texts = {f"turn:{i}": t["content"] for i, t in enumerate(turns)}
    texts.update({r["id"]: r["text"] for r in responses if isinstance(r["id"], str)})
    obj: dict[str, Any] = {
        "id": draw(TASK_ID),
        "conversation": turns,
        "responses": responses,
        "schema": draw(st.sampled_from(["s1", "s2"])),
    }
    findings = draw(st.lists(finding(texts), max_size=3))
    if draw(st.booleans()):
        obj["pii"] = findings
    # Then, one time in two, a few changes that each look small.
    places: list[dict[str, Any]] = [obj, *turns, *responses, *findings]
    changes = (
        draw(st.lists(st.integers(0, 7), min_size=1, max_size=2)) if draw(st.booleans()) else []
    )
    for change in changes:
        place = draw(st.sampled_from(places))
        key = draw(st.sampled_from(sorted(place) or ["id"]))
        if change == 0:
            place[key] = draw(WRONG)
        elif change == 1:
            place.pop(key, None)
        elif change == 2:
            place[draw(st.sampled_from(["extra", "spans", "citations", "meta", "documents"]))] = []
        elif change == 3:
            place[key] = draw(ODD_TEXT)
        elif change == 4:
            deep: Any = "x"
            for _ in range(70):
                deep = [deep]
            place[key] = deep
        elif change == 5:
            obj["id"] = draw(st.integers(-5, 2**70))
        elif change == 6:
            place[key] = [place.get(key)]
        else:
            obj["pii"] = draw(st.sampled_from([None, [], {}, "none", [[]]]))
    pairs = Pairs(obj.items())
    if draw(st.booleans()):  # keys in another order than docket pack's
        pairs = Pairs(draw(st.permutations(pairs)))
    if draw(st.integers(0, 5)) == 0:  # a key given twice: the last one counts
        key, value = draw(st.sampled_from(pairs))
        pairs.insert(0, (key, draw(mostly(st.just(value), WRONG))))
    ascii_only = draw(st.booleans())
    text = dump(pairs, ascii_only)
    # Lone surrogates written raw (ascii_only False) are not UTF-8: both paths refuse.
    return text.encode("utf-8", "surrogatepass"), text


def general(raw: bytes, line: int) -> tuple[Any, Any] | Exception:
    """What the general path gives for a line: the task and its form's id, or its error."""
    try:
        obj = safe_json.loads_utf8(raw)
        return parse_task_row(obj, source="the bundle", line=line).task, obj["schema"]
    except (TaskFormatError, ValueError, KeyError, TypeError) as exc:
        return exc


def whole(task: Any) -> str:
    """Every field of a task, with its types (repr tells 1 from 1.0 and -0.0 from 0.0;
    the task's own equality leaves out meta and findings)."""
    return repr([getattr(task, f.name) for f in dataclasses.fields(task)])


def rows(task: Any) -> Any:
    out = task_rows("b", [(task, SCHEMA)], 7, {})
    return out.tasks, out.responses


def agree(raw: bytes, line: int = 3) -> bool:
    """The fast path takes the line only if the general path does, with the same task and
    rows; returns whether it took it."""
    fast = parse_packed_line(raw, line=line)
    slow = general(raw, line)
    if fast is None:
        return False
    assert not isinstance(slow, Exception), (raw, slow)
    assert type(slow[1]) is str and fast[1] == slow[1]
    assert whole(fast[0]) == whole(slow[0])
    assert rows(fast[0]) == rows(slow[0])
    return True


CANONICAL = (
    b'{"id":"t000001","conversation":[{"role":"user","content":"Who is Ann Lee?"}],'
    b'"responses":[{"id":"r-6151be77be","text":"Ann Lee lives at 1 Main St."},'
    b'{"id":"r-2","text":"I do not know."}],"schema":"s1","pii":[{"target":"r-6151be77be",'
    b'"type":"PERSON","start":0,"end":7,"confidence":0.45,"severity":"low"},'
    b'{"target":"turn:0","type":"PERSON","start":7,"end":14,"confidence":1,"severity":"medium"}]}'
)


@settings(max_examples=200)
@given(lines())
@example((CANONICAL, ""))
@example((CANONICAL.replace(b'"start":0', b'"start":false'), ""))
@example((CANONICAL.replace(b'"confidence":0.45', b'"confidence":NaN'), ""))
@example((CANONICAL.replace(b'"end":7', b'"end":28'), ""))
@example((CANONICAL.replace(b'"r-2"', b'"r-6151be77be"'), ""))
@example((CANONICAL.replace(b"Who", b"\\ud800Who"), ""))
@example((CANONICAL.replace(b"Who", b"\\ud83d\\ude00Who"), ""))
@example((CANONICAL.replace(b'"id":"t000001"', b'"id":"t000001","id":7'), ""))
@example((CANONICAL.replace(b'"id":"t000001"', b'"id":7,"id":"t000001"'), ""))
@example((CANONICAL.replace(b"}]}", b',"x":1}]}'), ""))
@example((CANONICAL.replace(b'"role":"user"', b'"role":"user","content":"b","role":"tool"'), ""))
@example((CANONICAL.replace(b'"role":"user"', b'"role":"robot","role":"user"'), ""))
@example((CANONICAL.replace(b'"text":"I do', b'"text":"x","text":"I do'), ""))
@example((CANONICAL.replace(b'"start":0,', b'"start":3,"start":0,'), ""))
@example(
    (CANONICAL.replace(b'"text":"I do not know."', b'"text":"I do not know.","model":null'), "")
)
def test_the_fast_path_gives_the_general_paths_task_or_leaves_the_line_to_it(
    made: tuple[bytes, str],
) -> None:
    raw, text = made
    note(text)
    agree(raw)


def test_the_fast_path_takes_the_canonical_line_and_refuses_each_slight_change() -> None:
    assert agree(CANONICAL)
    assert agree(CANONICAL, line=0)  # no line number: no source_line in meta
    assert agree(CANONICAL.replace(b',"pii":[', b',"no":[').replace(b'"no"', b'"pii"'))
    without_pii = CANONICAL[: CANONICAL.index(b',"pii"')] + b"}"
    assert agree(without_pii)
    fast = parse_packed_line(CANONICAL, line=3)
    assert fast is not None and fast[0].pii is not None
    assert [f.confidence for f in fast[0].pii] == [0.45, 1.0]
    assert fast[0].meta == {"source_line": "3"}
    refused = {
        "bool offset": CANONICAL.replace(b'"start":0', b'"start":false'),
        "float offset": CANONICAL.replace(b'"start":0', b'"start":0.0'),
        "NaN": CANONICAL.replace(b'"confidence":0.45', b'"confidence":NaN'),
        "confidence above 1": CANONICAL.replace(b'"confidence":0.45', b'"confidence":1.5'),
        "end past the text": CANONICAL.replace(b'"end":7', b'"end":28'),
        "empty finding": CANONICAL.replace(b'"start":0,"end":7', b'"start":7,"end":7'),
        "unknown target": CANONICAL.replace(b'"target":"turn:0"', b'"target":"turn:1"'),
        "unknown type": CANONICAL.replace(b'"type":"PERSON"', b'"type":"NAME"', 1),
        "unknown severity": CANONICAL.replace(b'"severity":"low"', b'"severity":"LOW"'),
        "unknown key": CANONICAL.replace(b"}]}", b',"x":1}]}'),
        "a key of the general path": CANONICAL.replace(b'"schema"', b'"meta":{},"schema"'),
        "duplicate response id": CANONICAL.replace(b'"r-2"', b'"r-6151be77be"'),
        "response id 'task'": CANONICAL.replace(b'"r-2"', b'"task"'),
        "empty response id": CANONICAL.replace(b'"r-2"', b'""'),
        "unknown role": CANONICAL.replace(b'"user"', b'"User"'),
        "empty conversation": CANONICAL.replace(
            b'[{"role":"user","content":"Who is Ann Lee?"}]', b"[]"
        ),
        "no responses": CANONICAL[: CANONICAL.index(b'"responses"')] + b'"responses":[]}',
        "control character in the id": CANONICAL.replace(b"t000001", b"t\\u0001"),
        "empty id": CANONICAL.replace(b'"t000001"', b'""'),
        "integer id": CANONICAL.replace(b'"t000001"', b"7"),
        "null pii": CANONICAL[: CANONICAL.index(b'"pii"')] + b'"pii":null}',
        "lone surrogate": CANONICAL.replace(b"Who", b"\\ud800Who"),
        "paired surrogates": CANONICAL.replace(b"Who", b"\\ud83d\\ude00Who"),
        "deep nesting": CANONICAL.replace(b'"s1"', b"[" * 70 + b'"s1"' + b"]" * 70),
        "not JSON": CANONICAL[:-1],
        "invalid UTF-8": CANONICAL.replace(b"Who", b"\xed\xa0\x80Who"),
    }
    for name, raw in refused.items():
        assert parse_packed_line(raw, line=3) is None, name
        agree(raw)  # (and the general path gives its own answer for it)
    assert isinstance(general(refused["lone surrogate"], 3), UnicodeError)
    assert isinstance(general(refused["deep nesting"], 3), ValueError)
    assert parse_packed_line(CANONICAL.replace(b'"t000001"', b'"a' + b"b" * 199 + b'"'), line=1)
    assert not parse_packed_line(CANONICAL.replace(b'"t000001"', b'"a' + b"b" * 200 + b'"'), line=1)


def test_msgspec_refuses_a_lone_surrogate_escape_where_the_fast_path_decodes() -> None:
    """The fast path leaves any line with a surrogate escape to the general path; the
    typed decoder refuses lone ones by itself too (two guards, both tested)."""
    for escape in (b"\\ud800", b"\\udfff", b"\\ud800\\u0041", b"\\udc00\\ud800"):
        raw = CANONICAL.replace(b"Who", escape)
        assert safe_json.loads_typed(raw, task_loading._PACKED_LINE) is None
        with pytest.raises(msgspec.DecodeError):
            task_loading._PACKED_LINE.decode(raw)


# --- the findings' stored JSON ---------------------------------------------------------

FINDINGS = st.lists(
    st.builds(
        Finding,
        st.sampled_from(sorted(PII_TYPES)) | st.text(max_size=4),
        st.integers(0, 2**70),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True, allow_infinity=True)
        | st.integers(0, 1000).map(lambda k: k / 1000)
        | st.sampled_from([0, 1, True, -0.0]),
        st.sampled_from(list(Severity)),
        st.text(st.characters(codec="utf-8"), max_size=6),
    ),
    max_size=4,
)


@given(FINDINGS)
@example([Finding("PERSON", 0, 1, 1e-05, Severity.LOW, "r")])
@example([Finding("PERSON", 0, 1, 0.0005, Severity.LOW, "r")])
@example([Finding("PERSON", 0, 2**64, 1.0, Severity.HIGH, '\x00\x1f\u2028"\\é')])
def test_findings_are_stored_in_their_canonical_json(findings: list[Finding]) -> None:
    assert findings_json(findings) == canonical_json([f.to_json() for f in findings])


def test_every_confidence_a_bundle_can_carry_is_spelled_as_canonical_json_spells_it() -> None:
    for k in range(1001):
        found = [Finding("PERSON", 0, 1, k / 1000, Severity.LOW, "r-1")]
        assert findings_json(found) == canonical_json([f.to_json() for f in found])


# --- through docket pack and a whole import --------------------------------------------

ROWS = [
    {"id": "t1", "prompt": "Write to Ann Lee at ann.lee@example.com, 555-010-2233.",
     "responses": [{"id": "a", "model": "m1", "text": "Dear Ann Lee, call 555-010-2233."},
                   {"id": "b", "model": "m2", "text": "Hello from 12 Elm Street, Springfield."}]},
    {"id": "t2", "prompt": "Hi", "responses": [{"id": "a", "text": "Hello."},
                                              {"id": "b", "text": "Hi there."}]},
    {"id": "t3", "messages": [{"role": "system", "content": "Be brief."},
                              {"role": "user", "content": "Email bob@example.org?"}],
     "responses": [{"id": "a", "text": "Sure: bob@example.org."}, {"id": "b", "text": "No."}]},
]  # fmt: skip


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("packed-lines")
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), root / "keys", passphrase=None)
    (root / "tasks.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS), "utf-8")
    server = keys.load_secret_key(root / "keys" / "server.key")
    ann = keys.load_secret_key(root / "keys" / "ann.key")
    result = pack(root / "tasks.jsonl", server=server, reviewers=[ann.card()], out_dir=root / "out")
    bundle = result.bundles[0].path
    opened = open_sealed(bundle, ann, signer=pinned(server.card()), expected_type=TASK_TYPES)
    return {"root": root, "server": server, "ann": ann, "bundle": bundle, "opened": opened}


def test_every_line_docket_pack_writes_takes_the_fast_path(packed: dict[str, Any]) -> None:
    lines = packed["opened"].sections[TASKS].splitlines()
    assert len(lines) == len(ROWS)
    assert all(agree(line, number) for number, line in enumerate(lines, start=1))
    found = [parse_packed_line(line, line=1) for line in lines]
    assert sum(len(f[0].pii or ()) for f in found if f is not None) >= 3  # findings read


def test_the_bundle_reader_reads_the_same_tasks_either_way(
    packed: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def read() -> list[str]:
        reader = TaskReader(packed["opened"])
        tasks = [reader.add(line) for line in packed["opened"].sections[TASKS].splitlines()]
        reader.finish()
        return [whole(task) + schema.dumps() for task, schema in tasks]

    fast = read()
    monkeypatch.setattr("docket.bundles.task_bundle.parse_packed_line", lambda raw, line: None)
    assert read() == fast


def _resealed(packed: dict[str, Any], change: Any, name: str) -> Path:
    """The bundle signed again by the server's key with its first task line changed: a
    hostile (or broken) packer holding a valid key."""
    opened = packed["opened"]
    sections = dict(opened.sections)
    first, rest = sections[TASKS].split(b"\n", 1)
    changed = change(first)
    assert changed != first
    sections[TASKS] = changed + b"\n" + rest
    manifest = dataclasses.replace(
        opened.manifest, bundle_id=f"task-{name}", sections=digests(sections)
    )
    out = packed["root"] / f"{name}.docket"
    out.write_bytes(seal(manifest, sections, packed["server"], packed["ann"].card()))
    return out


def _in_pii(old: bytes, new: bytes) -> Any:
    def change(line: bytes) -> bytes:
        head, pii = line.split(b'"pii":', 1)
        return head + b'"pii":' + pii.replace(old, new, 1)

    return change


def _same_response_ids(line: bytes) -> bytes:
    ids = [r["id"] for r in json.loads(line)["responses"]]
    return line.replace(b'"id":"%s"' % ids[1].encode(), b'"id":"%s"' % ids[0].encode())


HOSTILE = {
    "finding-past-the-text": _in_pii(b'"end":', b'"end":99999'),
    "finding-bool-offset": _in_pii(b'"start":', b'"start":true,"x":'),
    "finding-unknown-target": _in_pii(b'"target":"', b'"target":"nobody'),
    "finding-nan": _in_pii(b'"confidence":', b'"confidence":NaN,"x":'),
    "finding-unknown-key": _in_pii(b'"severity"', b'"note":"x","severity"'),
    "twice-the-same-response": _same_response_ids,
    "unknown-role": lambda line: line.replace(b'"role":"user"', b'"role":"root"'),
    "lone-surrogate": lambda line: line.replace(b'"text":"', b'"text":"\\udc00', 1),
    "control-in-id": lambda line: line.replace(b'"id":"t1"', b'"id":"t\\u00011"'),
    "deep": lambda line: line.replace(b'"schema":', b'"schema":' + b"[" * 80, 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_line_in_the_packed_shape_imports_nothing(
    packed: dict[str, Any], tmp_path: Path, name: str
) -> None:
    bundle = _resealed(packed, HOSTILE[name], name)
    with Workspace.open(tmp_path / "ws", packed["root"] / "keys" / "ann.key") as ws:
        before = workspace_tables(ws)
        with pytest.raises(BundleError, match="malformed"):
            ws.import_bundle(bundle, packed["root"] / "keys" / "server.pub")
        assert workspace_tables(ws) == before
        assert list(ws.tasks()) == []


def test_the_genuine_bundle_imports_with_its_findings(
    packed: dict[str, Any], tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "ws", packed["root"] / "keys" / "ann.key") as ws:
        ws.import_bundle(packed["bundle"], packed["root"] / "keys" / "server.pub")
        tasks = {t.id: t for t in ws.tasks()}
        assert sorted(tasks) == ["t1", "t2", "t3"]
        assert ws.task("t1").pii
