"""A project whose questions have other ids than the default form's ("which" for the
preference, "marks" for the flags, "why" for the rationale): every server verb must find
them by type. Reviewers disagree on some tasks; agreement, verdicts, disagreements,
adjudication pack and both dataset exports must all see it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core import Task
from docket.core.schema import FlagsQuestion, PreferenceQuestion, RequiredWhen, Schema, TextQuestion
from docket.server.adjudication import pack_adjudication
from docket.server.agreement import agreement, gold_accuracy
from docket.server.dataset import dpo_rows, judgment_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.schemas import task_schemas
from docket.server.verdicts import disagreements, verdicts

SCHEMA = Schema(
    (
        PreferenceQuestion("which", label="Which is better?"),
        FlagsQuestion("marks", required=False),
        TextQuestion("why", required=False, required_when=(RequiredWhen("marks", "any_flag"),)),
    )
)
TASKS = [f"t{i}" for i in range(6)]
OPPOSED = {"t0", "t1"}  # the reviewers prefer opposite responses
FLAGGED_BY_ONE = "t4"  # both prefer the same response; one of them flags it


def _answer(reviewer: str, task_id: str, ids: dict[str, str]) -> dict[str, Any]:
    """``ids`` maps the source row's response ids to the ones the bundle gave them."""
    better = ids["b" if reviewer == "r2" and task_id in OPPOSED else "a"]
    out: dict[str, Any] = {"which": {"better": better, "strength": "slight"}}
    if reviewer == "r1" and task_id == FLAGGED_BY_ONE:
        out["marks"] = {ids["a"]: ["hallucination"], "task": []}
        out["why"] = "Response a invents a citation."
    return out


def _source_ids(task: Task) -> dict[str, str]:
    """The bundle's opaque response ids, by the source row's ids (read from the texts)."""
    return {("a" if r.text.startswith("First") else "b"): r.id for r in task.responses}


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("custom-schema")
    for name in ("server", "lead", "r1", "r2"):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    with (tmp / "tasks.jsonl").open("w") as fh:
        for t in TASKS:
            row = {"id": t, "prompt": f"Question {t}?", "responses": [
                {"id": "a", "model": "m1", "text": f"First answer to {t}."},
                {"id": "b", "model": "m2", "text": f"Second answer to {t}."}]}  # fmt: skip
            fh.write(json.dumps(row) + "\n")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in ("r1", "r2")]
    packed = pack(
        tmp / "tasks.jsonl", server=server, reviewers=cards, out_dir=tmp / "out",
        overlap=2, schema=SCHEMA, project="custom",
    )  # fmt: skip
    results = []
    ids: dict[str, dict[str, str]] = {}
    for reviewer, bundle in zip(("r1", "r2"), packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                ids[task.id] = _source_ids(task)
                ws.record(task.id, _answer(reviewer, task.id, ids[task.id]))
            results.append(ws.export_results(tmp / f"{reviewer}.result").path)
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, packed.archive)
        report = merge_results(results, server=server, cards=cards, store=store)
        assert report.count("accepted") == 2
    return {"tmp": tmp, "db": db, "server": server, "ids": ids}


def test_disagreements_find_the_disputed_tasks(merged: dict[str, Any]) -> None:
    with MergedStore.open(merged["db"], merged["server"]) as store:
        found = disagreements(list(store.answers()), task_schemas(store))
    assert {d.task_id for d in found} == OPPOSED | {FLAGGED_BY_ONE}
    flagged = next(d for d in found if d.task_id == FLAGGED_BY_ONE)
    assert any("hallucination" in reason for reason in flagged.reasons)


def test_verdicts_and_agreement_read_the_custom_ids(merged: dict[str, Any]) -> None:
    with MergedStore.open(merged["db"], merged["server"]) as store:
        answers, schemas = list(store.answers()), task_schemas(store)
        found = verdicts(answers, schemas)
        by_question = {q.question: q for q in agreement(answers, schemas=schemas)}
        a = merged["ids"]["t2"]["a"]
        gold = gold_accuracy(answers, {"t2": {"which": {"better": a}}}, schemas)
    assert found["t2"][0].resolution == "unanimous" and found["t2"][0].winner == a
    assert found["t0"][0].resolution == "unresolved"
    direction = by_question["preference which direction"]
    assert direction.units == len(TASKS)
    assert direction.percent_agreement == pytest.approx(4 / 6)
    assert by_question["flag hallucination"].units > 0
    assert [(g.reviewer, g.correct, g.total) for g in gold] == [("r1", 1, 1), ("r2", 1, 1)]


def test_adjudication_pack_packs_the_disputed_tasks(merged: dict[str, Any]) -> None:
    lead = PublicCard.load(merged["tmp"] / "keys" / "lead.pub")
    with MergedStore.open(merged["db"], merged["server"]) as store:
        packed = pack_adjudication(
            store, server=merged["server"], lead=lead, out_dir=merged["tmp"] / "adj"
        )
    assert packed.tasks == 3
    with Workspace.open(merged["tmp"] / "ws-lead", merged["tmp"] / "keys" / "lead.key") as ws:
        ws.import_bundle(packed.path, merged["tmp"] / "keys" / "server.pub")
        assert {t.id for t in ws.tasks()} == OPPOSED | {FLAGGED_BY_ONE}
        # The archive keeps the model names; the lead's bundle, like a reviewer's, does not.
        assert all(r.model is None for t in ws.tasks() for r in t.responses)
        # The lead's form is the project's, plus the outcome; the majority pre-fill names
        # the custom question and never a reviewer's free text.
        review = ws.store.review(FLAGGED_BY_ONE)
        assert review is not None
        a = merged["ids"][FLAGGED_BY_ONE]["a"]
        assert review["majority"]["which"] == {"better": a, "strength": "slight"}
        assert "why" not in review["majority"]
        assert [q.id for q in ws.schema(FLAGGED_BY_ONE).questions][:3] == ["which", "marks", "why"]


def test_dataset_exports_use_the_custom_ids(merged: dict[str, Any]) -> None:
    with MergedStore.open(merged["db"], merged["server"]) as store:
        rows, summary = dpo_rows(store)
        judgments = judgment_rows(store)
    assert {r["task_id"] for r in rows} == set(TASKS) - OPPOSED
    # Everyone chose response a, written by m1: the archive's model names reach the export.
    assert {(r["chosen_model"], r["rejected_model"]) for r in rows} == {("m1", "m2")}
    assert summary.unresolved == len(OPPOSED)
    flagged = [j for j in judgments if j["task_id"] == FLAGGED_BY_ONE and j["reviewer"] == "r1"]
    assert flagged[0]["flags"] == [f"{merged['ids'][FLAGGED_BY_ONE]['a']}:hallucination"]
    assert flagged[0]["rationale"] == "Response a invents a citation."


def test_the_disagreements_verb_finds_them_too(
    merged: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from docket.cli import main

    key = str(merged["tmp"] / "keys" / "server.key")
    assert main(["disagreements", "--db", str(merged["db"]), "--server-key", key, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {d["task_id"] for d in found} == OPPOSED | {FLAGGED_BY_ONE}
