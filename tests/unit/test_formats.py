"""Readers of foreign row formats: each maps its published fields onto a task, field by
field, keeps the source's labels server-side (``prior``, ``reference``) and refuses what it
cannot read with ``file:line: reason``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core.formats import READERS, detect
from docket.core.task_loading import LoadedRow, parse_task_lines, read_tasks_jsonl
from docket.core.tasks import Role, Turn

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def rows_of(name: str, **kw: Any) -> list[LoadedRow]:
    result = read_tasks_jsonl(DATA / name, **kw)
    assert not result.errors, [e.message for e in result.errors]
    return result.rows


def source(name: str) -> list[dict[str, Any]]:
    text = (DATA / name).read_text()
    if name.endswith(".json"):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line]


def lines(*objs: Any) -> list[bytes]:
    return [json.dumps(o).encode() + b"\n" for o in objs]


def test_ultrafeedback_raw_maps_completions_and_seals_the_ratings() -> None:
    (row,) = rows_of("ultrafeedback.jsonl")
    (src,) = source("ultrafeedback.jsonl")
    task = row.task
    assert task.conversation == (Turn(Role.USER, src["instruction"]),)
    assert [r.text for r in task.responses] == [c["response"] for c in src["completions"]]
    assert [r.model for r in task.responses] == ["gpt-4", "alpaca-7b"]
    first, second = (r.id for r in task.responses)
    ratings = row.prior["ratings"]
    assert ratings[first] == {
        "instruction_following": 5.0,
        "honesty": 5.0,
        "truthfulness": 5.0,
        "helpfulness": 4.0,
        "overall_score": 8.5,
        "fine-grained_score": 4.75,
    }
    assert "honesty" not in ratings[second]  # "N/A" is no rating
    assert row.prior["source"] == "ultrafeedback"


def test_ultrafeedback_binarized_is_a_trl_pair_with_the_choice_server_side() -> None:
    (row,) = rows_of("ultrafeedback_binarized.jsonl")
    (src,) = source("ultrafeedback_binarized.jsonl")
    assert row.task.id == src["prompt_id"]
    assert row.task.prompt == src["prompt"]
    chosen = row.task.response(row.reference["chosen"])
    rejected = row.task.response(row.reference["rejected"])
    assert (chosen.text, rejected.text) == ("11, 13 and 17.", "11, 15 and 21.")
    assert row.prior["notes"] == {"score_chosen": 9.0, "score_rejected": 3.0}


def test_helpsteer2_ratings_group_responses_by_prompt() -> None:
    rows = rows_of("helpsteer2.jsonl")
    src = source("helpsteer2.jsonl")
    assert [r.task.prompt for r in rows] == [src[0]["prompt"], src[2]["prompt"]]
    assert [r.line for r in rows] == [1, 3]
    first = rows[0]
    assert [r.text for r in first.task.responses] == [src[0]["response"], src[1]["response"]]
    wrong = first.task.responses[1].id
    assert first.prior["ratings"][wrong]["correctness"] == 0.0
    assert set(first.prior["ratings"][wrong]) == {
        "helpfulness",
        "correctness",
        "coherence",
        "complexity",
        "verbosity",
    }


def test_helpsteer2_preference_negative_strength_means_response_1() -> None:
    (row,) = rows_of("helpsteer2_preference.jsonl")
    (src,) = source("helpsteer2_preference.jsonl")
    one, two = row.task.responses
    assert (one.text, two.text) == (src["response_1"], src["response_2"])
    assert row.prior["winner"] == one.id
    assert row.prior["preference_strength"] == -3


def test_helpsteer3_keeps_the_conversation_and_the_preference() -> None:
    (row,) = rows_of("helpsteer3.jsonl")
    (src,) = source("helpsteer3.jsonl")
    assert [(t.role.value, t.content) for t in row.task.conversation] == [
        (m["role"], m["content"]) for m in src["context"]
    ]
    assert [r.text for r in row.task.responses] == [src["response1"], src["response2"]]
    assert row.prior["winner"] == row.task.responses[0].id
    assert row.prior["notes"] == {"domain": "code", "language": "python"}


def test_arena_one_turn_and_multi_turn_battles() -> None:
    single, multi = rows_of("arena.jsonl")
    src = source("arena.jsonl")
    assert single.task.id == src[0]["question_id"]
    assert single.task.prompt == src[0]["conversation_a"][0]["content"]
    a, b = single.task.responses
    assert (a.text, b.text) == (
        src[0]["conversation_a"][1]["content"],
        src[0]["conversation_b"][1]["content"],
    )
    assert (a.model, b.model) == ("chatglm-6b", "koala-13b")
    assert single.prior["winner"] == b.id
    assert multi.prior["winner"] == "tie"
    first = multi.task.responses[0].text
    assert first.startswith("Hello! How can I help?")
    assert "> Tell me a fact about owls." in first
    assert first.endswith("Owls can rotate their heads about 270 degrees.")


def test_openai_chat_and_preference() -> None:
    (chat,) = rows_of("openai_chat.jsonl")
    assert [t.role for t in chat.task.conversation] == [Role.SYSTEM, Role.USER]
    assert [r.text for r in chat.task.responses] == [
        "Usually 60 to 100 beats per minute; trained athletes may be lower."
    ]
    (pref,) = rows_of("openai_preference.jsonl")
    (src,) = source("openai_preference.jsonl")
    assert pref.task.prompt == src["input"]["messages"][0]["content"]
    chosen = pref.task.response(pref.reference["chosen"])
    assert chosen.text == src["preferred_output"][0]["content"]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.json*")))
def test_every_fixture_is_detected_as_one_format(name: str) -> None:
    found = {detect(obj).name for obj in source(name)}  # type: ignore[union-attr]
    assert len(found) == 1


def test_a_file_mixing_formats_names_each_foreign_line() -> None:
    arena = source("arena.jsonl")[0]
    helpsteer3 = source("helpsteer3.jsonl")[0]
    again = {**arena, "question_id": "another"}
    result = parse_task_lines(lines(arena, helpsteer3, again), source="mixed.jsonl")
    assert [e.line for e in result.errors] == [2]
    message = result.errors[0].message
    assert message.startswith("mixed.jsonl:2: this row has the HelpSteer3 preferences format")
    assert "one format per file" in message and "detected on line 1" in message


def test_an_unknown_format_lists_the_supported_ones_and_the_keys_seen() -> None:
    result = parse_task_lines(lines({"question": "q", "answer": "a"}), source="x.jsonl")
    (error,) = result.errors
    assert "keys: answer, question" in error.message
    for reader in READERS:
        assert reader.name in error.message


def test_forced_format_refuses_rows_of_another_shape() -> None:
    row = source("openai_chat.jsonl")[0]
    result = parse_task_lines(lines(row), source="f.jsonl", format="chatbot-arena")
    (error,) = result.errors
    assert "the OpenAI chat fine-tuning format (keys: messages)" in error.message
    assert "as --format says" in error.message
    assert not result.rows


def test_missing_required_field_is_reported_with_its_line() -> None:
    good = source("helpsteer2_preference.jsonl")[0]
    bad = {k: v for k, v in good.items() if k != "preference_strength"}
    result = parse_task_lines(lines(good, bad), source="p.jsonl")
    assert len(result.rows) == 1
    (error,) = result.errors
    assert error.message == "p.jsonl:2: missing the field 'preference_strength'"


def test_a_bad_prior_is_refused() -> None:
    row = {"prompt": "p", "responses": [{"id": "a", "text": "x"}], "prior": {"winner": "zz"}}
    result = parse_task_lines(lines(row), source="n.jsonl")
    (error,) = result.errors
    assert "'prior.winner'" in error.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "prompt",
                    "response",
                    "responses",
                    "chosen",
                    "rejected",
                    "messages",
                    "instruction",
                    "completions",
                    "context",
                    "response1",
                    "response2",
                    "conversation_a",
                    "conversation_b",
                    "input",
                    "preferred_output",
                    "non_preferred_output",
                    "helpfulness",
                    "score_chosen",
                    "winner",
                    "text",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=4))
def test_any_json_rows_load_or_fail_with_a_line_never_crash(objs: list[Any]) -> None:
    result = parse_task_lines(lines(*objs), source="h.jsonl")
    assert len(result.rows) + len({e.line for e in result.errors}) <= len(objs) + 1
    for error in result.errors:
        assert error.message.startswith("h.jsonl:")


def test_label_studio_export_keeps_field_names_and_seals_the_annotations() -> None:
    first, second = rows_of("label_studio.json")
    src = source("label_studio.json")
    assert first.task.id == "ls-101"
    assert first.line == 1 and second.line == 2  # items of the array, from 1
    assert first.task.prompt == src[0]["data"]["prompt"]
    assert [(r.id, r.text) for r in first.task.responses] == [
        ("answer1", src[0]["data"]["answer1"]),
        ("answer2", src[0]["data"]["answer2"]),
    ]
    assert first.prior["winner"] == "answer1"  # two "left" votes
    assert first.prior["raw"]["annotations"] == src[0]["annotations"]
    assert "winner" not in second.prior  # a prediction is not a vote
    assert second.prior["raw"]["predictions"] == src[1]["predictions"]


def test_argilla_records_vote_by_label_and_by_ranking() -> None:
    first, second = rows_of("argilla.json")
    src = source("argilla.json")
    assert first.task.id == "argilla-rec-1"
    assert first.task.prompt == src[0]["fields"]["instruction"]
    assert [r.id for r in first.task.responses] == ["response1", "response2"]
    assert first.prior["winner"] == "response1"
    assert second.prior["winner"] == "response1"  # ranked first
    assert first.prior["raw"]["suggestions"] == src[0]["suggestions"]


def test_a_json_array_that_is_not_one_is_read_line_by_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"data": {}},\n{"data"}]\n')
    result = read_tasks_jsonl(bad)
    assert not result.rows
    assert [e.line for e in result.errors] == [1, 2]
    assert all("not valid JSON" in e.message for e in result.errors)
    arrays = tmp_path / "arrays.jsonl"  # a JSON array a line is no JSON array file
    arrays.write_text("[1, 2]\n[3]\n")
    assert [e.message for e in read_tasks_jsonl(arrays).errors] == [
        f"{arrays}:1: expected a JSON object",
        f"{arrays}:2: expected a JSON object",
    ]


def test_label_studio_fields_it_cannot_read_are_named() -> None:
    task = {"id": 1, "data": {"image": "x.png"}, "annotations": []}
    result = parse_task_lines(lines(task), source="ls.jsonl")
    (error,) = result.errors
    assert "cannot tell the prompt and the responses among the fields ['image']" in error.message
