"""Reading tasks from JSONL: TRL preference rows, hh-rlhf transcripts, multi-response rows.

What matters: every accepted convention turns into the right conversation and responses,
ids are stable and never reveal which TRL response was ``chosen``, and every bad line is
reported as a :class:`TaskFormatError` naming ``source:line:`` (all of them, not just the
first) while the good lines still load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from docket.core import task_loading
from docket.core.task_loading import (
    LoadedRow,
    load_tasks_jsonl,
    parse_task_lines,
    parse_task_row,
    read_tasks_jsonl,
)
from docket.core.tasks import Role, Turn
from docket.errors import TaskFormatError
from tests.helpers import ROOT
from tests.reference_data import ALPACA_MODELS, alpaca_eval, hh_rlhf_lines


def line(obj: Any) -> bytes:
    return json.dumps(obj).encode() + b"\n"


def one(obj: Any) -> LoadedRow:
    """Parse a single row through the line parser (the path files take)."""
    result = parse_task_lines([line(obj)], source="t.jsonl")
    assert not result.errors, [str(e) for e in result.errors]
    assert len(result.rows) == 1
    return result.rows[0]


def only_error(raw: bytes | str, source: str = "bad.jsonl") -> TaskFormatError:
    """The error a lone bad line gives (reported as line 2, after a good line 1)."""
    good = line({"id": "ok", "prompt": "p", "responses": ["a", "b"]})
    result = parse_task_lines([good, raw], source=source)
    assert [r.task.id for r in result.rows] == ["ok"]
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    err = result.errors[0]
    assert isinstance(err, TaskFormatError)
    assert err.line == 2 and err.source == source
    assert str(err).startswith(f"{source}:2: ")
    return err


def texts(row: LoadedRow) -> list[str]:
    return [r.text for r in row.task.responses]


def write_jsonl(path: Path, raw_lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(raw_lines))
    return path


# --- TRL preference rows, explicit prompt -------------------------------------------------


def test_trl_explicit_string_prompt() -> None:
    row = one({"prompt": "What is 2+2?", "chosen": "4", "rejected": "5"})
    task = row.task
    assert task.conversation == (Turn(Role.USER, "What is 2+2?"),)
    assert task.prompt == "What is 2+2?"
    assert texts(row) == ["4", "5"]
    assert all(r.model is None for r in task.responses)
    assert task.meta == {"source_line": "1"}
    assert row.line == 1


def test_trl_explicit_conversational_rows() -> None:
    row = one(
        {
            "prompt": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Hello!"},
                {"role": "user", "content": "Capital of France?"},
            ],
            "chosen": [{"role": "assistant", "content": "Paris."}],
            "rejected": [
                {"role": "assistant", "content": "Lyon."},
                {"role": "assistant", "content": "Sorry, I mean Nice."},
            ],
        }
    )
    assert row.task.conversation == (
        Turn(Role.SYSTEM, "Be brief."),
        Turn(Role.USER, "Hi"),
        Turn(Role.ASSISTANT, "Hello!"),
        Turn(Role.USER, "Capital of France?"),
    )
    assert row.task.prompt == "Capital of France?"
    # Several assistant messages of one completion are joined, in order.
    assert texts(row) == ["Paris.", "Lyon.\n\nSorry, I mean Nice."]
    chosen = row.task.response(row.reference["chosen"])
    rejected = row.task.response(row.reference["rejected"])
    assert (chosen.text, rejected.text) == ("Paris.", "Lyon.\n\nSorry, I mean Nice.")


def test_trl_explicit_completion_must_be_assistant_only() -> None:
    err = only_error(
        line(
            {
                "prompt": "Hi",
                "chosen": [{"role": "user", "content": "sneaky"}],
                "rejected": "fine",
            }
        )
    )
    assert "'chosen' must hold only assistant messages" in str(err)


# --- TRL preference rows, implicit prompt --------------------------------------------------


def test_trl_implicit_message_lists_split_on_shared_prefix() -> None:
    shared = [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello!"},
        {"role": "user", "content": "Tell me a joke."},
    ]
    row = one(
        {
            "chosen": [*shared, {"role": "assistant", "content": "Knock knock."}],
            "rejected": [*shared, {"role": "assistant", "content": "No."}],
        }
    )
    assert row.task.conversation == (
        Turn(Role.USER, "Hi"),
        Turn(Role.ASSISTANT, "Hello!"),
        Turn(Role.USER, "Tell me a joke."),
    )
    assert texts(row) == ["Knock knock.", "No."]
    assert row.task.response(row.reference["chosen"]).text == "Knock knock."
    assert row.task.response(row.reference["rejected"]).text == "No."


def test_trl_implicit_tails_of_different_length() -> None:
    row = one(
        {
            "chosen": [
                {"role": "user", "content": "Q"},
                {"role": "assistant", "content": "A1"},
            ],
            "rejected": [
                {"role": "user", "content": "Q"},
                {"role": "assistant", "content": "B1"},
                {"role": "assistant", "content": "B2"},
            ],
        }
    )
    assert row.task.conversation == (Turn(Role.USER, "Q"),)
    assert texts(row) == ["A1", "B1\n\nB2"]


def test_hh_rlhf_transcript() -> None:
    prefix = "\n\nHuman: How do I bake bread?\n\nAssistant: With flour.\n\nHuman: And then?"
    row = one(
        {
            "chosen": prefix + "\n\nAssistant: Knead it and let it rise.",
            "rejected": prefix + "\n\nAssistant:  Just eat the flour. ",
        }
    )
    assert row.task.conversation == (
        Turn(Role.USER, "How do I bake bread?"),
        Turn(Role.ASSISTANT, "With flour."),
        Turn(Role.USER, "And then?"),
    )
    assert row.task.prompt == "And then?"
    assert texts(row) == ["Knead it and let it rise.", "Just eat the flour."]
    assert row.task.response(row.reference["chosen"]).text == "Knead it and let it rise."


@pytest.mark.parametrize(
    ("chosen", "rejected", "expected"),
    [
        # The last turns differ but the conversation before them does too.
        (
            "\n\nHuman: A\n\nAssistant: x\n\nHuman: B\n\nAssistant: y",
            "\n\nHuman: A\n\nAssistant: x\n\nHuman: C\n\nAssistant: z",
            "must share the conversation",
        ),
        # The differing tail ends with a human turn.
        (
            "\n\nHuman: A\n\nAssistant: x\n\nHuman: more",
            "\n\nHuman: A\n\nAssistant: y",
            "must share the conversation",
        ),
        # Nothing is shared at all.
        ("\n\nHuman: A\n\nAssistant: x", "\n\nHuman: B\n\nAssistant: x", "must share"),
        # Not a transcript.
        ("just some text", "\n\nHuman: A\n\nAssistant: y", "transcript"),
        # Only one turn: no prompt to share.
        ("\n\nAssistant: x", "\n\nAssistant: y", "must share"),
        (42, "\n\nHuman: A\n\nAssistant: y", "transcript string or a message list"),
    ],
)
def test_implicit_rows_that_cannot_be_split(chosen: Any, rejected: Any, expected: str) -> None:
    err = only_error(line({"chosen": chosen, "rejected": rejected}))
    assert expected in str(err)


# --- multi-response rows -----------------------------------------------------------------


@pytest.mark.parametrize("key", ["prompt", "messages", "conversation"])
def test_multi_response_row_prompt_keys(key: str) -> None:
    prompt: Any = "Write a haiku."
    if key != "prompt":
        prompt = [
            {"role": "system", "content": "You are a poet."},
            {"role": "user", "content": "Write a haiku."},
        ]
    row = one(
        {
            key: prompt,
            "responses": [
                {"id": "g", "model": "gpt", "text": "Old pond"},
                {"model": "claude", "text": "Frog jumps in"},
                {"text": "Sound of water"},
                "bare string response",
            ],
        }
    )
    task = row.task
    assert task.prompt == "Write a haiku."
    assert [r.text for r in task.responses] == [
        "Old pond",
        "Frog jumps in",
        "Sound of water",
        "bare string response",
    ]
    assert [r.model for r in task.responses] == ["gpt", "claude", None, None]
    assert task.responses[0].id == "g"
    assert len(set(task.response_ids)) == 4
    assert row.reference == {}  # nothing server-side about multi-response rows


def test_multi_response_generated_ids_are_stable_and_content_based() -> None:
    obj = {"id": "t", "prompt": "p", "responses": [{"text": "a"}, {"text": "b"}]}
    first = one(obj).task.response_ids
    assert one(obj).task.response_ids == first
    # Reordering the responses keeps each text's id (ids do not depend on position).
    swapped = one({**obj, "responses": [{"text": "b"}, {"text": "a"}]}).task.response_ids
    assert swapped == (first[1], first[0])


def test_explicit_response_id_may_collide_with_a_generated_one() -> None:
    generated = one({"id": "t", "prompt": "p", "responses": ["a", "b"]}).task.response_ids[0]
    row = one({"id": "t", "prompt": "p", "responses": [{"id": generated, "text": "x"}, "a"]})
    ids = row.task.response_ids
    assert ids[0] == generated
    assert ids[1] != generated and len(set(ids)) == 2


def test_too_many_responses_rejected() -> None:
    n = task_loading.MAX_RESPONSES + 1
    err = only_error(line({"prompt": "p", "responses": [str(i) for i in range(n)]}))
    assert "more than" in str(err)
    ok = one({"prompt": "p", "responses": [str(i) for i in range(n - 1)]})
    assert len(ok.task.responses) == n - 1


# --- ids ---------------------------------------------------------------------------------


def test_given_string_and_int_ids() -> None:
    assert one({"id": "task-7", "prompt": "p", "chosen": "a", "rejected": "b"}).task.id == "task-7"
    assert one({"id": 7, "prompt": "p", "chosen": "a", "rejected": "b"}).task.id == "7"


@pytest.mark.parametrize("bad_id", ["", True, 1.5, ["x"], {"a": 1}, "x" * 201, "tab\there"])
def test_bad_ids_rejected(bad_id: Any) -> None:
    err = only_error(line({"id": bad_id, "prompt": "p", "chosen": "a", "rejected": "b"}))
    assert "'id'" in str(err)


def test_hash_id_is_content_based_and_independent_of_key_order() -> None:
    a = one({"prompt": "What is 2+2?", "chosen": "4", "rejected": "5"}).task.id
    b = one({"rejected": "5", "chosen": "4", "prompt": "What is 2+2?"}).task.id
    c = one({"prompt": "What is 2+2?", "chosen": "4", "rejected": "6"}).task.id
    assert a == b
    assert a != c
    assert a.startswith("t-")


# Recorded once: a hash id must never change between runs, machines or releases, or
# re-packing a file would orphan every answer made against the old ids.
GOLDEN_ROW = {"prompt": "What is 2+2?", "chosen": "4", "rejected": "5"}
GOLDEN_TASK_ID = "t-21f306c5a72e46d3"
GOLDEN_REFERENCE = {"chosen": "r-9df400dc6b", "rejected": "r-e753e31272"}


def test_hash_id_matches_recorded_value() -> None:
    row = one(GOLDEN_ROW)
    assert row.task.id == GOLDEN_TASK_ID
    assert row.reference == GOLDEN_REFERENCE


def test_hash_id_is_stable_across_processes() -> None:
    script = (
        "import json, sys\n"
        "from docket.core.task_loading import parse_task_row\n"
        "row = parse_task_row(json.loads(sys.argv[1]))\n"
        "print(json.dumps([row.task.id, row.reference]))\n"
    )
    outputs = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT / "desktop"), str(ROOT), env.get("PYTHONPATH", "")]
        )
        proc = subprocess.run(
            [sys.executable, "-c", script, json.dumps(GOLDEN_ROW)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        outputs.add(proc.stdout.strip())
    assert outputs == {json.dumps([GOLDEN_TASK_ID, GOLDEN_REFERENCE])}


def test_duplicate_task_ids_rejected_with_both_lines() -> None:
    rows = [
        line({"id": "same", "prompt": "p", "chosen": "a", "rejected": "b"}),
        line({"id": "other", "prompt": "p", "chosen": "a", "rejected": "b"}),
        b"\n",
        line({"id": "same", "prompt": "q", "chosen": "c", "rejected": "d"}),
    ]
    result = parse_task_lines(rows, source="dup.jsonl")
    assert [r.task.id for r in result.rows] == ["same", "other"]
    assert result.rows[0].task.prompt == "p"  # the first one wins
    [err] = result.errors
    assert err.line == 4
    assert str(err).startswith("dup.jsonl:4: ")
    assert "'same'" in str(err) and "line 1" in str(err)


def test_identical_rows_without_id_are_duplicates() -> None:
    row = line({"prompt": "p", "chosen": "a", "rejected": "b"})
    result = parse_task_lines([row, row], source="f")
    assert len(result.rows) == 1
    [err] = result.errors
    assert err.line == 2 and "line 1" in str(err)


def test_int_and_string_id_collide() -> None:
    result = parse_task_lines(
        [
            line({"id": 3, "prompt": "p", "chosen": "a", "rejected": "b"}),
            line({"id": "3", "prompt": "q", "chosen": "a", "rejected": "b"}),
        ]
    )
    assert len(result.rows) == 1 and len(result.errors) == 1


# --- response ids do not reveal the preference ---------------------------------------------


TRL_VARIANTS = [
    {"prompt": "p", "chosen": "good answer", "rejected": "bad answer"},
    {
        "prompt": [{"role": "user", "content": "p"}],
        "chosen": [{"role": "assistant", "content": "good answer"}],
        "rejected": [{"role": "assistant", "content": "bad answer"}],
    },
    {
        "chosen": "\n\nHuman: p\n\nAssistant: good answer",
        "rejected": "\n\nHuman: p\n\nAssistant: bad answer",
    },
    {
        "chosen": [
            {"role": "user", "content": "p"},
            {"role": "assistant", "content": "good answer"},
        ],
        "rejected": [
            {"role": "user", "content": "p"},
            {"role": "assistant", "content": "bad answer"},
        ],
    },
]


@pytest.mark.parametrize("obj", TRL_VARIANTS, ids=["explicit", "messages", "hh", "implicit"])
def test_trl_response_ids_are_blind_and_reference_is_right(obj: dict[str, Any]) -> None:
    row = one(obj)
    task = row.task
    for rid in task.response_ids:
        lowered = rid.lower()
        assert "chosen" not in lowered and "rejected" not in lowered
        assert "good" not in lowered and "bad" not in lowered
    assert sorted(row.reference) == ["chosen", "rejected"]
    assert set(row.reference.values()) == set(task.response_ids)
    assert task.response(row.reference["chosen"]).text == "good answer"
    assert task.response(row.reference["rejected"]).text == "bad answer"
    # Nothing inside the task (what a reviewer gets) records the preference.
    assert "chosen" not in json.dumps(task.meta) and "rejected" not in json.dumps(task.meta)
    assert all(r.model is None for r in task.responses)


def test_response_ids_do_not_depend_on_which_side_a_text_was() -> None:
    """Swapping chosen and rejected swaps the reference, not the ids of the texts."""
    a = one({"id": "t", "prompt": "p", "chosen": "x", "rejected": "y"})
    b = one({"id": "t", "prompt": "p", "chosen": "y", "rejected": "x"})
    id_of_x = a.reference["chosen"]
    assert b.reference["rejected"] == id_of_x
    assert a.reference["rejected"] == b.reference["chosen"]
    assert set(a.task.response_ids) == set(b.task.response_ids)


def test_ids_of_the_same_text_differ_between_tasks() -> None:
    a = one({"id": "t1", "prompt": "p", "chosen": "x", "rejected": "y"})
    b = one({"id": "t2", "prompt": "p", "chosen": "x", "rejected": "y"})
    assert not set(a.task.response_ids) & set(b.task.response_ids)


@pytest.mark.parametrize(
    "obj",
    [
        {"prompt": "p", "chosen": "same", "rejected": "same"},
        {
            "chosen": "\n\nHuman: p\n\nAssistant: same",
            "rejected": "\n\nHuman: p\n\nAssistant: same",
        },
    ],
)
def test_identical_chosen_and_rejected_get_distinct_ids(obj: dict[str, Any]) -> None:
    row = one(obj)
    ids = row.task.response_ids
    assert len(ids) == 2 and ids[0] != ids[1]
    assert row.reference["chosen"] != row.reference["rejected"]
    assert texts(row) == ["same", "same"]


def test_identical_texts_in_multi_response_rows_get_distinct_ids() -> None:
    row = one({"prompt": "p", "responses": ["dup", "dup", "dup"]})
    assert len(set(row.task.response_ids)) == 3


# --- bad lines ---------------------------------------------------------------------------


BAD_LINES: list[tuple[str, bytes, str]] = [
    ("not json", b"{not json}\n", "not valid JSON"),
    ("truncated json", b'{"prompt": "p", "chosen": \n', "not valid JSON"),
    ("not utf-8", b'{"prompt": "caf\xe9", "chosen": "a", "rejected": "b"}\n', "not UTF-8"),
    ("array", line([1, 2, 3]), "expected a JSON object"),
    ("string", line("hello"), "expected a JSON object"),
    ("null", b"null\n", "expected a JSON object"),
    ("no keys", line({}), "(an empty object); expected prompt + responses"),
    ("chosen only", line({"prompt": "p", "chosen": "a"}), "(keys: chosen, prompt); expected"),
    ("rejected only", line({"prompt": "p", "rejected": "a"}), "(keys: prompt, rejected); expected"),
    ("responses without prompt", line({"responses": ["a", "b"]}), "missing the prompt"),
    (
        "bad role",
        line({"prompt": [{"role": "wizard", "content": "hi"}], "responses": ["a", "b"]}),
        "has role 'wizard'",
    ),
    (
        "missing role",
        line({"prompt": [{"content": "hi"}], "responses": ["a", "b"]}),
        "has role None",
    ),
    (
        "message without content",
        line({"prompt": [{"role": "user"}], "responses": ["a", "b"]}),
        "string 'role' and 'content'",
    ),
    (
        "message not an object",
        line({"prompt": ["hi"], "responses": ["a", "b"]}),
        "string 'role' and 'content'",
    ),
    ("empty prompt", line({"prompt": "", "chosen": "a", "rejected": "b"}), "'prompt' is empty"),
    ("blank prompt", line({"prompt": "  \n ", "responses": ["a", "b"]}), "'prompt' is empty"),
    ("empty message list", line({"prompt": [], "responses": ["a", "b"]}), "empty message list"),
    ("prompt of wrong type", line({"prompt": 5, "responses": ["a", "b"]}), "must be a string"),
    ("no responses", line({"prompt": "p", "responses": []}), "non-empty list"),
    ("responses not a list", line({"prompt": "p", "responses": "ab"}), "non-empty list"),
    (
        "response without text",
        line({"prompt": "p", "responses": [{"model": "m"}, "b"]}),
        "'responses'[0] must be an object with a string 'text'",
    ),
    (
        "response model not a string",
        line({"prompt": "p", "responses": [{"text": "a", "model": 3}, "b"]}),
        "'responses'[0].model must be a string",
    ),
    (
        "response id task",
        line({"prompt": "p", "responses": [{"id": "task", "text": "a"}, "b"]}),
        "other than 'task'",
    ),
    (
        "empty response id",
        line({"prompt": "p", "responses": [{"id": "", "text": "a"}, "b"]}),
        "non-empty string",
    ),
    (
        "int response id",
        line({"prompt": "p", "responses": [{"id": 1, "text": "a"}, "b"]}),
        "non-empty string",
    ),
    (
        "duplicate response id",
        line({"prompt": "p", "responses": [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}]}),
        "'responses'[1].id 'x' is used twice",
    ),
    (
        "lone surrogate escape",
        b'{"prompt": "hi \\ud800", "responses": ["a", "b"]}\n',
        "not valid Unicode",
    ),
    (
        "lone surrogate escape in a response with ids",
        b'{"id": "s", "prompt": "hi", "responses": [{"id": "p", "text": "\\uDC00"},'
        b' {"id": "q", "text": "b"}]}\n',
        "not valid Unicode",
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [b[1:] for b in BAD_LINES], ids=[b[0] for b in BAD_LINES]
)
def test_bad_line_gives_task_format_error(raw: bytes, expected: str) -> None:
    err = only_error(raw)
    assert expected in err.message
    assert err.hint  # says what to do


def test_bad_line_via_parse_task_row_directly() -> None:
    with pytest.raises(TaskFormatError, match=r"^src:9: expected a JSON object"):
        parse_task_row([1], source="src", line=9)


def test_line_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_loading, "MAX_LINE_BYTES", 64)
    short = line({"prompt": "p", "responses": ["a", "b"]})
    assert len(short) <= 64
    result = parse_task_lines(
        [short, line({"prompt": "p" * 100, "responses": ["a", "b"]})], source="big.jsonl"
    )
    assert len(result.rows) == 1
    [err] = result.errors
    assert str(err).startswith("big.jsonl:2: ") and "longer than" in str(err)


def test_line_limit_counts_utf8_bytes_not_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """A str line of few characters but many UTF-8 bytes is still too long."""
    row = json.dumps({"prompt": "é" * 40, "responses": ["a", "b"]}, ensure_ascii=False)
    assert len(row) <= 80 < len(row.encode())
    monkeypatch.setattr(task_loading, "MAX_LINE_BYTES", 80)
    result = parse_task_lines([row], source="s")
    assert not result.rows
    assert "longer than" in str(result.errors[0])


def test_str_lines_are_accepted() -> None:
    result = parse_task_lines(
        ['{"prompt": "p", "chosen": "a", "rejected": "b"}', "   ", "\n"], source="s"
    )
    assert len(result.rows) == 1 and not result.errors


def test_str_line_with_lone_surrogate_is_an_error_not_a_crash() -> None:
    result = parse_task_lines(['{"prompt": "p\ud800", "chosen": "a", "rejected": "b"}'])
    assert not result.rows
    assert "not valid Unicode" in str(result.errors[0])


def test_paired_surrogate_escapes_are_fine() -> None:
    row = one({"prompt": "smile \U0001f600", "responses": ["\U0001f600", "b"]})
    assert row.task.prompt == "smile \U0001f600"
    raw = b'{"prompt": "smile \\ud83d\\ude00", "responses": ["a", "b"]}'
    assert parse_task_lines([raw]).rows[0].task.prompt == "smile \U0001f600"


def test_utf8_bom_at_start_of_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + line({"id": "a", "prompt": "p", "responses": ["x", "y"]})
        + line({"id": "b", "prompt": "q", "responses": ["x", "y"]})
    )
    assert [t.id for t in load_tasks_jsonl(path)] == ["a", "b"]


# --- whole files ---------------------------------------------------------------------------


HH_A = "\n\nHuman: h\n\nAssistant: a"
HH_B = "\n\nHuman: h\n\nAssistant: b"


def test_read_collects_every_bad_line_and_keeps_good_ones(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            line({"id": "g1", "prompt": "p", "chosen": "a", "rejected": "b"}),  # 1
            b"not json\n",  # 2
            b"\n",  # 3 blank
            line({"id": "g2", "prompt": "p", "responses": ["a", "b", "c"]}),  # 4
            line({"prompt": "p", "responses": []}),  # 5
            b"   \t \r\n",  # 6 blank
            b"\xff\xfe\n",  # 7
            line({"id": "g1", "prompt": "again", "chosen": "a", "rejected": "b"}),  # 8
            line({"id": "g3", "chosen": HH_A, "rejected": HH_B}),  # 9
        ],
    )
    result = read_tasks_jsonl(path)
    assert [r.task.id for r in result.rows] == ["g1", "g2", "g3"]
    assert [r.line for r in result.rows] == [1, 4, 9]
    assert [t.meta["source_line"] for t in result.tasks()] == ["1", "4", "9"]
    assert [e.line for e in result.errors] == [2, 5, 7, 8]
    for err in result.errors:
        assert isinstance(err, TaskFormatError)
        assert str(err).startswith(f"{path}:{err.line}: ")


def test_load_raises_first_error_with_count_of_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            line({"id": "ok", "prompt": "p", "chosen": "a", "rejected": "b"}),
            b"[]\n",
            b"oops\n",
            line({"prompt": "p"}),
        ],
    )
    with pytest.raises(TaskFormatError) as info:
        load_tasks_jsonl(path)
    err = info.value
    assert err.line == 2
    assert str(err).startswith(f"{path}:2: expected a JSON object")
    assert "(and 2 more bad lines)" in str(err)


def test_load_with_exactly_two_bad_lines_says_one_more(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "two.jsonl", [b"x\n", b"y\n"])
    with pytest.raises(TaskFormatError, match=r"\(and 1 more bad line\)"):
        load_tasks_jsonl(path)


def test_load_with_one_bad_line_adds_no_count(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "one.jsonl",
        [line({"id": "ok", "prompt": "p", "responses": ["a", "b"]}), b"x\n"],
    )
    with pytest.raises(TaskFormatError) as info:
        load_tasks_jsonl(path)
    assert "more bad line" not in str(info.value)
    assert str(info.value).startswith(f"{path}:2: not valid JSON")


def test_load_good_file_with_blank_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "good.jsonl",
        [
            b"\n",
            line({"id": "a", "prompt": "p", "chosen": "x", "rejected": "y"}),
            b"\n\n",
            line({"id": "b", "prompt": "q", "responses": ["1", "2"]}),
        ],
    )
    tasks = load_tasks_jsonl(str(path))  # str paths work too
    assert [t.id for t in tasks] == ["a", "b"]
    assert [t.meta["source_line"] for t in tasks] == ["2", "5"]


def test_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "prompt": "p", "responses": ["x", "y"]}).encode()
        + b"\r\n"
        + json.dumps({"id": "b", "prompt": "q", "responses": ["x", "y"]}).encode()
        + b"\r\n"
    )
    assert [t.id for t in load_tasks_jsonl(path)] == ["a", "b"]


def test_empty_file_has_no_tasks(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert load_tasks_jsonl(path) == []


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.jsonl"
    with pytest.raises(TaskFormatError, match="Cannot read") as info:
        read_tasks_jsonl(path)
    assert str(path) in str(info.value)
    with pytest.raises(TaskFormatError, match="Cannot read"):
        load_tasks_jsonl(path)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(TaskFormatError, match="Cannot read"):
        load_tasks_jsonl(tmp_path)


# --- real data -------------------------------------------------------------------------------

HH_ROWS = 2312


def _hh_lines() -> list[bytes]:
    return hh_rlhf_lines()


def test_hh_rlhf_harmless_base_test_loads_completely() -> None:
    raw = _hh_lines()
    assert len(raw) == HH_ROWS
    result = parse_task_lines(raw, source="harmless-base-test.jsonl")
    assert [str(e) for e in result.errors] == []
    assert len(result.rows) == HH_ROWS
    assert len({r.task.id for r in result.rows}) == HH_ROWS

    turn_counts: Counter[int] = Counter()
    for row, raw_line in zip(result.rows, raw, strict=True):
        obj = json.loads(raw_line)
        task = row.task
        turn_counts[len(task.conversation)] += 1
        # Every hh-rlhf conversation starts with the human and ends on a human turn.
        assert task.conversation[0].role is Role.USER
        assert task.conversation[-1].role is Role.USER
        assert task.prompt
        assert len(task.responses) == 2
        chosen = task.response(row.reference["chosen"])
        rejected = task.response(row.reference["rejected"])
        assert chosen.id != rejected.id
        # The responses are the ends of the two transcripts (modulo whitespace; a tail of
        # several assistant turns, which hh-rlhf has, is joined with blank lines).
        for response, transcript in ((chosen, obj["chosen"]), (rejected, obj["rejected"])):
            parts = response.text.split("\n\n")
            assert transcript.rstrip().endswith(parts[-1])
            assert all(part in transcript for part in parts)
        for rid in task.response_ids:
            assert "chosen" not in rid and "rejected" not in rid
        # The prompt text is in both transcripts.
        assert task.prompt in obj["chosen"] and task.prompt in obj["rejected"]
    # Multi-turn conversations are kept as such, not flattened into one prompt.
    assert turn_counts[1] > 500
    assert sum(n for k, n in turn_counts.items() if k >= 3) > 1500


def test_hh_rlhf_ids_stable_across_loads() -> None:
    raw = _hh_lines()[:200]
    first = parse_task_lines(raw)
    again = parse_task_lines(list(raw))
    assert [(r.task.id, r.reference) for r in first.rows] == [
        (r.task.id, r.reference) for r in again.rows
    ]


def test_hh_rlhf_chosen_is_not_first_by_id() -> None:
    """Sorted response ids put the chosen one first about half the time, not always."""
    result = parse_task_lines(_hh_lines())
    chosen_first = sum(1 for r in result.rows if min(r.task.response_ids) == r.reference["chosen"])
    assert 0.4 < chosen_first / len(result.rows) < 0.6


def _alpaca_outputs() -> dict[str, dict[str, str]]:
    """model -> instruction -> output, for every alpaca_eval file."""
    out: dict[str, dict[str, str]] = {}
    for model in sorted(ALPACA_MODELS):
        for item in alpaca_eval(model):
            out.setdefault(item["generator"], {})[item["instruction"]] = item["output"]
    return out


def test_alpaca_eval_multi_response_rows(tmp_path: Path) -> None:
    outputs = _alpaca_outputs()
    models = sorted(outputs)
    assert len(models) >= 3
    common = sorted(set.intersection(*(set(o) for o in outputs.values())))
    assert len(common) >= 100

    def rows_for(chosen_models: list[str], instructions: list[str]) -> list[bytes]:
        return [
            json.dumps(
                {
                    "id": f"alpaca-{i}",
                    "prompt": instruction,
                    "responses": [
                        {"model": m, "text": outputs[m][instruction]} for m in chosen_models
                    ],
                },
                ensure_ascii=False,
            ).encode()
            + b"\n"
            for i, instruction in enumerate(instructions)
        ]

    # 100 instructions, three models, through a real file.
    three = models[:3]
    path = write_jsonl(tmp_path / "alpaca.jsonl", rows_for(three, common[:100]))
    tasks = load_tasks_jsonl(path)
    assert len(tasks) == 100
    for task, instruction in zip(tasks, common[:100], strict=True):
        assert task.prompt == instruction
        assert [r.model for r in task.responses] == three
        assert [r.text for r in task.responses] == [outputs[m][instruction] for m in three]
        assert len(set(task.response_ids)) == 3
        for r in task.responses:
            # Generated response ids say nothing about the model.
            assert r.model is not None and r.model.lower() not in r.id.lower()

    # Every instruction with every model.
    result = parse_task_lines(rows_for(models, common), source="alpaca-all")
    assert not result.errors
    assert len(result.rows) == len(common)
    assert all([r.model for r in row.task.responses] == models for row in result.rows)
