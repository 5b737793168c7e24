"""Rewrites on the server, end to end: six AlpacaEval instructions, each with gpt-4o's
and Claude's answers, packed with a form that asks for a preference and a rewrite; two
reviewers answer in their workspaces (one rewrites the response she prefers, the other
rewrites from empty on one task and leaves one rewrite equal to its base), results are
exported, merged with ``--tasks`` through the command line, and ``dataset export``
writes ``sft`` rows (the conversation, then the rewrite; the reviewer, the base and its
model) and ``dpo`` rows (the preference pairs as before, marked ``source: preference``,
and a pair per changed rewrite with a base: the rewrite chosen over its base).
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.schema import PreferenceQuestion, RewriteQuestion, Schema
from docket.server.pack import pack
from tests.reference_data import alpaca_eval

GPT, CLAUDE = "gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"
ROWS = range(10, 16)
SCHEMA = Schema((PreferenceQuestion("preference"), RewriteQuestion("rewrite", max_chars=20000)))
EMPTY_TASK = "alpaca-12"
"""Bob writes this one from empty."""
UNCHANGED_TASK = "alpaca-13"
"""Bob keeps this one's base as it is (no pair: nothing preferred over itself)."""


def rewrite_of(text: str, reviewer: str) -> str:
    """A real edit: the first paragraph dropped, a closing note added."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[1:] or paragraphs) + f"\n\nChecked by {reviewer}."


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("rewrite-e2e")
    for name in ("server", "alice", "bob"):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    gpt, claude = alpaca_eval(GPT), alpaca_eval(CLAUDE)
    with (tmp / "tasks.jsonl").open("w") as fh:
        for i in ROWS:
            assert gpt[i]["instruction"] == claude[i]["instruction"]
            row = {"id": f"alpaca-{i}", "prompt": gpt[i]["instruction"], "responses": [
                {"id": "gpt", "model": GPT, "text": gpt[i]["output"]},
                {"id": "claude", "model": CLAUDE, "text": claude[i]["output"]}]}  # fmt: skip
            fh.write(json.dumps(row) + "\n")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in ("alice", "bob")]
    packed = pack(
        tmp / "tasks.jsonl", server=server, reviewers=cards, out_dir=tmp / "out",
        overlap=2, schema=SCHEMA, project="rewrites",
    )  # fmt: skip
    model_of = {gpt[i]["output"]: GPT for i in ROWS} | {claude[i]["output"]: CLAUDE for i in ROWS}
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    results = []
    for reviewer, bundle in zip(("alice", "bob"), packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                better = task.responses[0]  # the response shown first, whichever model
                other = task.responses[1]
                base: str | None = better.id
                text = rewrite_of(better.text, reviewer)
                if reviewer == "bob" and task.id == EMPTY_TASK:
                    base, text = None, f"# My own answer\n\nWritten from scratch by {reviewer}."
                elif reviewer == "bob" and task.id == UNCHANGED_TASK:
                    text = better.text
                answer = {
                    "preference": {"better": better.id, "strength": "strong"},
                    "rewrite": {"base": base, "text": text},
                }
                ws.record(task.id, answer)
                expected[(reviewer, task.id)] = {
                    "base": base,
                    "text": text,
                    "base_text": better.text if base else None,
                    "base_model": model_of[better.text] if base else None,
                    "prompt": task.prompt,
                    "loser": other.text,
                }
            results.append(ws.export_results(tmp / f"{reviewer}.result").path)
    ring = tmp / "ring"
    ring.mkdir()
    for r in ("alice", "bob"):
        shutil.copy(tmp / "keys" / f"{r}.pub", ring)
    db = tmp / "merged.db"
    server_key = str(tmp / "keys" / "server.key")
    assert main(["merge", *map(str, results), "--server-key", server_key, "--keyring", str(ring),
                 "--db", str(db), "--tasks", str(packed.archive)]) == 0  # fmt: skip
    return {"tmp": tmp, "db": db, "server_key": server_key, "expected": expected}


def export(world: dict[str, Any], fmt: str) -> list[dict[str, Any]]:
    out = world["tmp"] / f"{fmt}.jsonl"
    assert main(["dataset", "export", "--db", str(world["db"]), "--server-key",
                 world["server_key"], "--format", fmt, "--out", str(out)]) == 0  # fmt: skip
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_sft_rows_are_the_conversation_then_the_rewrite(world: dict[str, Any]) -> None:
    rows = export(world, "sft")
    expected = world["expected"]
    assert len(rows) == len(expected) == 2 * len(ROWS)
    for row in rows:
        want = expected[(row["reviewer"], row["task_id"])]
        assert row["messages"] == [
            {"role": "user", "content": want["prompt"]},
            {"role": "assistant", "content": want["text"]},
        ]
        assert row["source"] == "rewrite"
        assert row["base_model"] == want["base_model"]
        assert (row["base_id"] is None) == (want["base"] is None)
    empty = next(r for r in rows if r["reviewer"] == "bob" and r["task_id"] == EMPTY_TASK)
    assert empty["base_id"] is None and empty["base_model"] is None
    assert {r["base_model"] for r in rows} <= {GPT, CLAUDE, None}


def test_dpo_rows_add_a_pair_per_changed_rewrite_with_a_base(world: dict[str, Any]) -> None:
    rows = export(world, "dpo")
    preference = [r for r in rows if r["source"] == "preference"]
    rewrites = [r for r in rows if r["source"] == "rewrite"]
    assert len(preference) == len(ROWS)  # both reviewers agree on every task: one pair each
    assert len(rows) == len(preference) + len(rewrites)
    expected = world["expected"]
    pairs = {
        key: want
        for key, want in expected.items()
        if want["base"] is not None and want["text"] != want["base_text"]
    }
    assert len(pairs) == len(expected) - 2  # from empty, and unchanged, are left out
    assert len(rewrites) == len(pairs)
    for row in rewrites:
        (reviewer,) = row["reviewers"]
        want = pairs[(reviewer, row["task_id"])]
        assert row["prompt"] == want["prompt"]
        assert row["chosen"] == want["text"] and row["rejected"] == want["base_text"]
        assert row["rejected_model"] == want["base_model"] and row["chosen_model"] is None
        assert row["resolution"] == "rewrite"
    for row in preference:  # unchanged rows: the preferred response over the other
        assert row["resolution"] == "unanimous" and row["chosen"] != row["rejected"]


def test_judgments_carry_the_rewrites(world: dict[str, Any]) -> None:
    rows = export(world, "judgments")
    expected = world["expected"]
    assert len(rows) == len(expected)
    for row in rows:
        want = expected[(row["reviewer"], row["task_id"])]
        assert row["answers"]["rewrite"]["text"] == want["text"]
        assert (row["answers"]["rewrite"]["base"] is None) == (want["base"] is None)


def test_the_cli_names_the_rewrites_left_out(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    export(world, "dpo")
    assert "1 rewrite equal to its base" in capsys.readouterr().out


def test_the_rows_load_as_datasets(world: dict[str, Any]) -> None:
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    for fmt, columns in (("sft", {"messages", "base_model"}), ("dpo", {"chosen", "rejected"})):
        rows = export(world, fmt)
        out = world["tmp"] / f"{fmt}.jsonl"
        loaded = datasets.load_dataset("json", data_files=str(out), split="train")
        assert loaded.num_rows == len(rows) and columns <= set(loaded.column_names)
        assert sorted(loaded["source"]) == sorted(r["source"] for r in rows)


def test_openai_chat_rows_are_the_conversations_openai_documents(world: dict[str, Any]) -> None:
    """OpenAI's chat fine-tuning file: a ``messages`` list per line and nothing else,
    each message a ``role`` among system/user/assistant and a string ``content``, ending
    with the assistant's answer: here each reviewer's rewrite of the task."""
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    rows = export(world, "openai-chat")
    expected = world["expected"]
    assert len(rows) == len(expected)
    wanted = sorted((w["prompt"], w["text"]) for w in expected.values())
    for row in rows:
        assert set(row) == {"messages"}
        assert all(set(m) == {"role", "content"} for m in row["messages"])
        assert all(isinstance(m["content"], str) for m in row["messages"])
        assert {m["role"] for m in row["messages"]} <= {"system", "user", "assistant"}
        assert row["messages"][-1]["role"] == "assistant"
    got = sorted((r["messages"][0]["content"], r["messages"][-1]["content"]) for r in rows)
    assert got == wanted
    out = world["tmp"] / "openai-chat.jsonl"
    loaded = datasets.load_dataset("json", data_files=str(out), split="train")
    assert loaded.column_names == ["messages"] and loaded.num_rows == len(rows)
    assert loaded[0]["messages"] == rows[0]["messages"]
