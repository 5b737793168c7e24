"""Regression tests for defects found in review (each fails on the code before the fix)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import age_layer, container, keys
from docket.bundles.envelope import digests, seal, sign_manifest
from docket.bundles.keys import PublicCard
from docket.bundles.manifest import Manifest
from docket.errors import KeyFileError
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import ARCHIVE_SUFFIX, pack
from docket.store.review import ReviewStore
from tests.helpers import ROOT

DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"


@pytest.fixture
def world(tmp_path: Path) -> dict[str, object]:
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    return {
        "tmp": tmp_path,
        "server": keys.load_secret_key(tmp_path / "keys" / "server.key"),
        "ann": keys.load_secret_key(tmp_path / "keys" / "ann.key"),
        "card": tmp_path / "keys" / "server.pub",
        "key": tmp_path / "keys" / "ann.key",
    }


def _pack(world: dict[str, object], lines: list[int], out: str, project: str = "p") -> Path:
    tmp = world["tmp"]
    assert isinstance(tmp, Path)
    rows = DEMO.read_text().splitlines(keepends=True)
    src = tmp / f"{out}.jsonl"
    src.write_text("".join(rows[i] for i in lines))
    done = pack(
        src,
        server=world["server"],
        reviewers=[world["ann"].card()],
        out_dir=tmp / out,
        project=project,
    )  # type: ignore[arg-type,union-attr]
    return done.bundles[0].path


def _answer(ws: Workspace, task_id: str) -> dict[str, object]:
    task = ws.task(task_id)
    if len(task.responses) == 2:
        return {"preference": {"better": task.response_ids[0], "strength": "slight"}}
    return {"ranking": [list(task.response_ids)]}


def test_update_keeps_drafted_and_answered_dropped_tasks_and_exports_them(
    world: dict[str, object],
) -> None:
    first, second = _pack(world, [0, 1, 3], "v1"), _pack(world, [0], "v2")
    with Workspace.open(world["tmp"] / "ws", world["key"]) as ws:  # type: ignore[operator]
        ws.import_bundle(first, world["card"])  # type: ignore[arg-type]
        ids = [t.id for t in ws.tasks()]
        ReviewStore(ws.store).edit(ids[1], {"rationale": "half written"})  # a draft only
        ws.record(ids[2], _answer(ws, ids[2]))  # answered
        done = ws.import_bundle(second, world["card"])  # type: ignore[arg-type]
        assert done.status == "updated" and done.removed == 0
        assert [t.id for t in ws.tasks()] == ids  # kept: the draft and the answer
        exported = ws.export_results(world["tmp"] / "r.result")  # type: ignore[operator]
        assert exported.answers == 1  # the answer to the dropped task still goes back


def test_undo_after_submit_does_not_resurrect_discarded_edits(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    a = {"preference": {"better": "r1", "strength": "slight"}}
    b = {"preference": {"better": "r2", "strength": "slight"}}
    c = {"preference": {"better": None}}
    review.edit("pair", a)
    review.edit("pair", b)
    review.undo("pair")
    review.submit("alice", "pair", a)
    review.edit("pair", c)
    undone = review.undo("pair")
    assert undone is not None and undone.answers == a


def test_undo_to_the_start_shows_the_submitted_answer(workspace: Workspace) -> None:
    submitted = {"preference": {"better": "r1", "strength": "slight"}}
    workspace.record("pair", submitted)  # through the API: no edit history
    review = ReviewStore(workspace.store)
    review.edit("pair", {"preference": {"better": None}})
    undone = review.undo("pair")
    assert undone is not None and undone.answers == submitted
    assert review.current("pair").answers == submitted


def test_card_names_cannot_be_paths(tmp_path: Path) -> None:
    good = keys.generate("ok").card()
    evil = (
        PublicCard("../../evil", good.age_recipient, good.minisign_key)
        .dumps()
        .replace(f"# fingerprint: {good.fingerprint}\n", "")
    )
    path = tmp_path / "evil.pub"
    path.write_text(evil)
    with pytest.raises(KeyFileError, match="not a usable key name"):
        PublicCard.load(path)


def test_one_reviewer_with_two_workspaces_is_not_a_fork(world: dict[str, object]) -> None:
    results = []
    for project in ("p1", "p2"):
        bundle = _pack(world, [0, 1], project, project)
        with Workspace.open(world["tmp"] / f"ws-{project}", world["key"]) as ws:  # type: ignore[operator]
            ws.import_bundle(bundle, world["card"])  # type: ignore[arg-type]
            for t in list(ws.tasks()):
                ws.record(t.id, _answer(ws, t.id))
            results.append(ws.export_results(world["tmp"] / f"{project}.result").path)  # type: ignore[operator]
    with MergedStore.open(world["tmp"] / "m.db", world["server"]) as store:  # type: ignore[operator,arg-type]
        for project in ("p1", "p2"):
            archive = world["tmp"] / project / f"{project}{ARCHIVE_SUFFIX}"  # type: ignore[operator]
            import_task_archive(store, world["server"], archive)  # type: ignore[arg-type]
        report = merge_results(
            results, server=world["server"], cards=[world["ann"].card()], store=store
        )  # type: ignore[arg-type,union-attr]
    assert [o.status for o in report.outcomes] == ["accepted", "accepted"], [
        o.reason for o in report.outcomes
    ]


def test_a_result_with_a_mistyped_answer_row_is_rejected_not_a_crash(
    world: dict[str, object],
) -> None:
    bundle = _pack(world, [0], "v1")
    with Workspace.open(world["tmp"] / "ws", world["key"]) as ws:  # type: ignore[operator]
        ws.import_bundle(bundle, world["card"])  # type: ignore[arg-type]
        task_id = next(iter(ws.tasks())).id
        ws.record(task_id, _answer(ws, task_id))
        path = ws.export_results(world["tmp"] / "r.result").path  # type: ignore[operator]
    server, ann = world["server"], world["ann"]
    plain = age_layer.decrypt(path.read_bytes(), [server.identity()])  # type: ignore[union-attr]
    sections = container.unpack(plain, required=None)
    manifest = Manifest.parse(sections.pop(container.MANIFEST))
    sections.pop(container.SIGNATURE)
    row = json.loads(sections["answers.jsonl"])
    row["revision"] = "3"  # a string where the server compares numbers
    sections["answers.jsonl"] = (json.dumps(row) + "\n").encode()
    forged = Manifest(
        **{**{f: getattr(manifest, f) for f in manifest.__slots__}, "sections": digests(sections)}
    )  # type: ignore[attr-defined]
    sign_manifest(forged, ann)  # type: ignore[arg-type]
    bad = world["tmp"] / "bad.result"  # type: ignore[operator]
    bad.write_bytes(seal(forged, sections, ann, server.card()))  # type: ignore[arg-type,union-attr]
    with MergedStore.open(world["tmp"] / "m.db", server) as store:  # type: ignore[operator,arg-type]
        report = merge_results([bad], server=server, cards=[ann.card()], store=store)  # type: ignore[arg-type,union-attr]
        assert store.counts()["answers"] == 0
    assert (
        report.outcomes[0].status == "rejected"
        and "malformed answer row" in report.outcomes[0].reason
    )


def test_agreement_and_verdicts_find_questions_by_type_not_id() -> None:
    from docket.core.schema import FlagsQuestion, PreferenceQuestion, Schema, TextQuestion
    from docket.server.agreement import agreement
    from docket.server.merged_store import MergedAnswer
    from docket.server.verdicts import verdicts

    schema = Schema(
        (PreferenceQuestion("pref"), FlagsQuestion("issues", required=False), TextQuestion("why"))
    )

    def ans(who: str, better: str, why: str) -> MergedAnswer:
        return MergedAnswer(who, who, "t1", "p", 1, {"pref": {"better": better, "strength": "slight"}, "why": why},
                            {"A": "x", "B": "y"}, "2026-01-01", 1.0, "done")  # fmt: skip

    answers = [ans("r1", "x", "ok"), ans("r2", "x", "ok")]
    found = verdicts(answers, {"t1": schema})
    assert found["t1"][0].winner == "x" and found["t1"][0].resolution == "unanimous"
    by_q = {q.question: q for q in agreement(answers, schemas={"t1": schema})}
    assert by_q["preference pref direction"].percent_agreement == 1.0
    assert not any(q.startswith("choice") or "why" in q for q in by_q)  # a rationale is no choice
    # Flags come from the schema (both reviewers left them all unset: agreement, not inflation).
    assert by_q["flag unsafe"].units == 3  # responses x and y, and the task


def test_a_failed_export_record_leaves_no_file_and_no_used_sequence(
    world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.errors import DiskFullError

    bundle = _pack(world, [0], "v1")
    with Workspace.open(world["tmp"] / "ws", world["key"]) as ws:  # type: ignore[operator]
        ws.import_bundle(bundle, world["card"])  # type: ignore[arg-type]
        task_id = next(iter(ws.tasks())).id
        ws.record(task_id, _answer(ws, task_id))
        out = world["tmp"] / "r.result"  # type: ignore[operator]

        def full(*args: object) -> None:
            raise DiskFullError("The disk is full.")

        with monkeypatch.context() as m:
            m.setattr(ws.store, "record_export", full)
            with pytest.raises(DiskFullError):
                ws.export_results(out)
        assert not out.exists() and not list(out.parent.glob(".r.result.*"))
        assert ws.export_results(out).sequence == 1  # the number was not used up
