"""Spans and rewrites in the core: the rules, prior spans through pack and the workspace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.core.schema import RewriteQuestion, Schema, SpansQuestion
from docket.core.spans import DEFAULT_SPAN_LABELS, Span, changed_chars, span_problems, spans_of
from docket.core.validation import check_answers
from docket.errors import AnswerValidationError, DocketError, SchemaError
from docket.server.pack import pack

TEXT = "The **Eiffel Tower** is in Berlin.\n\n```python\nprint('hi')\n```\n- a list item 🙂 here\n"
LABELS = [label for label, _ in DEFAULT_SPAN_LABELS]


def span(start: int, end: int, label: str = "unverifiable", **extra: Any) -> dict[str, Any]:
    return {"response": "r1", "start": start, "end": end, "quote": TEXT[start:end], "label": label, **extra}  # fmt: skip


def problems(value: Any, **kw: Any) -> list[str]:
    found = span_problems(value, texts={"r1": TEXT, "r2": "other"}, labels=LABELS, **kw)
    return [m for _, m in found]


def test_spans_that_quote_their_text_are_valid_and_read_back() -> None:
    berlin = TEXT.index("Berlin")
    emoji = TEXT.index("🙂")
    value = [
        span(berlin, berlin + 6, severity="major", comment="It is in Paris."),
        span(emoji, emoji + 1),
    ]
    assert problems(value) == []
    assert spans_of(value) == [
        Span("r1", berlin, berlin + 6, "Berlin", "unverifiable", "major", "It is in Paris."),
        Span("r1", emoji, emoji + 1, "🙂", "unverifiable"),
    ]  # offsets count code points: the emoji is one


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nope", "expected a list"),
        ([span(5, 5)], "0 <= start < end"),
        ([span(-1, 3)], "0 <= start < end"),
        ([{**span(0, 3), "end": 999}], "outside the response"),
        ([{**span(0, 3), "quote": "Tha"}], "quote is not the response's text"),
        ([{**span(0, 3), "response": "r9"}], "not a response of this task"),
        ([{**span(0, 3), "start": "0"}], "whole numbers"),
        ([{**span(0, 3), "start": True}], "whole numbers"),
        ([span(0, 3, label="rude")], "expected one of"),
        ([span(0, 3, severity="fatal")], "minor"),
        ([span(0, 3, comment="x" * 2001)], "at most 2000"),
        ([{**span(0, 3), "colour": "red"}], "unknown key"),
    ],
)
def test_bad_spans_are_named(value: Any, message: str) -> None:
    assert any(message in m for m in problems(value)), problems(value)


def test_overlaps_follow_the_form() -> None:
    value = [span(0, 10), span(5, 15), {**span(0, 3), "response": "r2", "quote": "oth"}]
    assert problems(value) == []
    assert problems(value, allow_overlap=False) == ["overlaps span 1; overlaps are not allowed"]


@given(st.text(min_size=1, max_size=80), st.data())
def test_any_span_cut_from_the_text_is_valid_and_a_shifted_quote_is_not(
    text: str, data: Any
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    good = [{"response": "r", "start": start, "end": end, "quote": text[start:end], "label": "pii"}]
    assert span_problems(good, texts={"r": text}, labels=["pii"]) == []
    bad = [{**good[0], "quote": text[start:end] + "x"}]
    assert span_problems(bad, texts={"r": text}, labels=["pii"])


def test_rewrites_are_refused_over_length_and_under_the_changes_asked_for() -> None:
    form = Schema(
        (RewriteQuestion("rewrite", max_chars=60, min_changed_chars=5, allow_empty=False),)
    )
    texts = {"r1": "The tower is in Berlin.", "r2": "x"}
    ok = {"rewrite": {"base": "r1", "text": "The tower is in Paris."}}
    assert check_answers(form, ["r1", "r2"], ok, texts=texts) == []
    long = {"rewrite": {"base": "r1", "text": "y" * 61}}
    assert any(
        "nothing was cut" in m for _, m in check_answers(form, ["r1", "r2"], long, texts=texts)
    )
    copy = {"rewrite": {"base": "r1", "text": "The tower is in Berlin!"}}
    assert ("rewrite.text", "change at least 5 characters of the response (2 changed so far)") in (
        check_answers(form, ["r1", "r2"], copy, texts=texts)
    )
    empty = {"rewrite": {"base": None, "text": "From scratch."}}
    assert ("rewrite.base", "start from one of the responses here") in check_answers(
        form, ["r1"], empty
    )
    assert changed_chars("the cat sat", "the dog sat") == 6 and changed_chars("a", "a") == 0


def test_schema_json_of_the_new_questions() -> None:
    form = Schema.from_json({"version": 1, "questions": [
        {"type": "rewrite", "id": "rewrite", "max_chars": 20000},
        {"type": "spans", "id": "spans", "labels": ["irrelevant", ["wrong-grounding", "Wrong grounding"]], "allow_overlap": False},
    ]})  # fmt: skip
    assert Schema.loads(form.dumps()) == form
    marking = form.question("spans")
    assert isinstance(marking, SpansQuestion) and marking.labels[0] == ("irrelevant", "irrelevant")
    with pytest.raises(SchemaError, match="min_changed_chars"):
        Schema.from_json({"version": 1, "questions": [{"type": "rewrite", "id": "w", "max_chars": 5, "min_changed_chars": 9}]})  # fmt: skip


@pytest.fixture
def parties(tmp_path: Path) -> Path:
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), tmp_path / "k", passphrase=None)
    return tmp_path / "k"


def row(spans: Any, **extra: Any) -> dict[str, Any]:
    return {"id": "t1", "prompt": "Where is the tower?", "responses": [
        {"id": "a", "text": TEXT, "spans": spans}, {"id": "b", "text": "In Paris."}], **extra}  # fmt: skip


def test_prior_spans_travel_blinded_and_are_offered_then_kept(
    tmp_path: Path, parties: Path
) -> None:
    berlin = TEXT.index("Berlin")
    source = tmp_path / "t.jsonl"
    source.write_text(json.dumps(row([{"start": berlin, "end": berlin + 6, "label": "wrong-grounding", "comment": "model"}])) + "\n")  # fmt: skip
    server = keys.load_secret_key(parties / "server.key")
    ann = keys.load_secret_key(parties / "ann.key")
    result = pack(source, server=server, reviewers=[ann.card()], out_dir=tmp_path / "o")
    with Workspace.open(tmp_path / "ws", parties / "ann.key") as ws:
        ws.import_bundle(result.bundles[0].path, parties / "server.pub")
        task = ws.task("t1")
        (prior,) = task.spans
        response = next(r for r in task.responses if r.text == TEXT)
        assert prior.response == response.id != "a"  # in the bundle's opaque ids
        assert (prior.quote, prior.label, prior.comment) == ("Berlin", "wrong-grounding", "model")
        offered = ws.editing("t1").answers
        assert offered == {"spans": [prior.to_json()]}
        ws.record("t1", {**offered, "preference": {"better": None}})  # kept unchanged
        assert ws.answer("t1").answers["spans"] == [prior.to_json()]  # type: ignore[union-attr]
        moved = [{**prior.to_json(), "start": prior.start + 1}]
        with pytest.raises(AnswerValidationError, match="quote is not the response's text"):
            ws.record("t1", {"spans": moved, "preference": {"better": None}})


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([{"start": 0, "end": 999, "label": "irrelevant"}], "outside the response"),
        ([{"start": 3, "end": 3, "label": "irrelevant"}], "0 <= start < end"),
        ([{"start": 0, "end": 3, "quote": "xyz", "label": "irrelevant"}], "quote is not"),
        ([{"start": 0, "end": 3, "label": "rude"}], "not in the form's labels"),
        ("0-3", "must be a list of spans"),
    ],
)
def test_bad_prior_spans_name_the_line_and_nothing_is_written(
    tmp_path: Path, parties: Path, spans: Any, message: str
) -> None:
    source = tmp_path / "t.jsonl"
    source.write_text(json.dumps({"id": "ok", "prompt": "p", "responses": ["a", "b"]}) + "\n" + json.dumps(row(spans)) + "\n")  # fmt: skip
    server = keys.load_secret_key(parties / "server.key")
    ann = keys.load_secret_key(parties / "ann.key")
    with pytest.raises(DocketError, match=message) as err:
        pack(source, server=server, reviewers=[ann.card()], out_dir=tmp_path / "o")
    assert f"{source}:2: " in err.value.message
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
