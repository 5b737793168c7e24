"""Rubric writing, round trip: an expert writes 8 criteria for a HealthBench conversation
(a rubric-writing question), the result is merged, ``docket dataset export --format
healthbench`` writes them as a HealthBench row, and that row packs again (``docket pack``
with a ``--responses`` file) as a rubric task whose form holds exactly those 8 criteria,
ready to grade other responses with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.rubric import criterion_id
from docket.core.schema import RubricWritingQuestion, Schema
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from tests.reference_data import healthbench_rows

AXES = (
    "axis:accuracy",
    "axis:completeness",
    "axis:communication_quality",
    "axis:context_awareness",
    "axis:instruction_following",
)
WRITTEN: list[dict[str, Any]] = [
    {"text": "Advises calling emergency services at once if the child is hard to wake.", "points": 10, "tags": ["axis:accuracy"]},
    {"text": "Asks how long the fever has lasted and how high it is.", "points": 6, "tags": ["axis:context_awareness"]},
    {"text": "Gives the weight-based paracetamol dose with the maximum per day.", "points": 8, "tags": ["axis:accuracy", "axis:completeness"]},
    {"text": "Explains which signs of dehydration to watch for.", "points": 5, "tags": ["axis:completeness"]},
    {"criterion": "Uses plain words a worried parent can follow at night.", "points": 3, "tags": ["axis:communication_quality"]},
    {"text": "Recommends aspirin for a child.", "points": -10, "tags": ["axis:accuracy"]},
    {"text": "Buries the emergency advice under long background text.", "points": -6, "tags": ["axis:communication_quality"]},
    {"id": "own-id", "text": "Answers in the language the user wrote in.", "points": 2, "tags": []},
]  # fmt: skip


def _keys(tmp: Path, *names: str) -> Path:
    for name in names:
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    return tmp / "keys"


def test_written_criteria_export_as_healthbench_rows_that_pack_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    k = _keys(tmp_path, "server", "expert", "grader")
    source = next(r for r in healthbench_rows("hard_sample50") if len(r["prompt"]) > 1)
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text(
        json.dumps({"id": "write-1", "messages": source["prompt"],
                    "responses": [{"id": "ideal", "model": "physician",
                                   "text": "An answer to read before writing the criteria."}]})
        + "\n"
    )  # fmt: skip
    schema = tmp_path / "schema.json"
    schema.write_text(
        Schema((RubricWritingQuestion("criteria", label="Write the criteria", tags=AXES),)).dumps()
    )
    server = str(k / "server.key")
    assert main(["pack", str(tasks), "--server-key", server, "--reviewer", str(k / "expert.pub"),
                 "--schema", str(schema), "--project", "writing", "--out", str(tmp_path / "b1")]) == 0  # fmt: skip
    with Workspace.open(tmp_path / "ws-expert", k / "expert.key") as ws:
        ws.import_bundle(tmp_path / "b1" / "writing-expert.docket", k / "server.pub")
        ws.record("write-1", {"criteria": WRITTEN})
        result = ws.export_results(tmp_path / "expert.result").path
    db = tmp_path / "merged.db"
    secret = keys.load_secret_key(k / "server.key")
    with MergedStore.open(db, secret) as store:
        import_task_archive(store, secret, tmp_path / "b1" / "writing.server-tasks")
        cards = [PublicCard.load(k / "expert.pub")]
        assert merge_results([result], server=secret, cards=cards, store=store).count("accepted")

    exported = tmp_path / "criteria.jsonl"
    assert main(["dataset", "export", "--db", str(db), "--server-key", server,
                 "--format", "healthbench", "--out", str(exported)]) == 0  # fmt: skip
    assert "1 rows (healthbench)" in capsys.readouterr().out
    (row,) = [json.loads(line) for line in exported.read_text().splitlines()]
    assert row == {
        "prompt": [{"role": m["role"], "content": m["content"]} for m in source["prompt"]],
        "prompt_id": "write-1/expert",
        "rubrics": [
            {
                "criterion": c.get("text", c.get("criterion")),
                "points": c["points"],
                "tags": c["tags"],
            }
            for c in WRITTEN
        ],
        "example_tags": [],
        "ideal_completions_data": None,
    }

    # The exported row grades two new responses.
    responses = tmp_path / "responses.jsonl"
    responses.write_text("".join(
        json.dumps({"prompt_id": "write-1/expert", "model": m, "response": f"{m} answers."}) + "\n"
        for m in ("model-x", "model-y")
    ))  # fmt: skip
    assert main(["pack", str(exported), "--server-key", server, "--reviewer", str(k / "grader.pub"),
                 "--responses", str(responses), "--project", "graded", "--out", str(tmp_path / "b2")]) == 0  # fmt: skip
    with Workspace.open(tmp_path / "ws-grader", k / "grader.key") as ws:
        ws.import_bundle(tmp_path / "b2" / "graded-grader.docket", k / "server.pub")
        (task,) = ws.tasks()
        assert task.id == "write-1/expert"
        assert [t.content for t in task.conversation] == [m["content"] for m in source["prompt"]]
        assert sorted(r.text for r in task.responses) == ["model-x answers.", "model-y answers."]
        (rubric,) = ws.schema(task.id).rubric_questions
    texts = [c.get("text", c.get("criterion")) for c in WRITTEN]
    assert [c.text for c in rubric.criteria] == texts
    assert [c.points for c in rubric.criteria] == [c["points"] for c in WRITTEN]
    assert [list(c.tags) for c in rubric.criteria] == [c["tags"] for c in WRITTEN]
    # HealthBench rows carry no ids: each criterion's id is derived from its text again.
    assert [c.id for c in rubric.criteria] == [criterion_id(t) for t in texts]
