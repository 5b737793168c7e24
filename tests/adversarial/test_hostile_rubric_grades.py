"""A reviewer holding a valid key sends rubric grades the server never issued: a grade for
a criterion the task does not have, for a response the task does not have, or a grade that
is not met / not met / not applicable (``"met": "yes"``). Merge checks every answer
against the task's form as issued (the criteria ``docket pack`` put into the task's
rubric question, carried in the answered bundle's sealed section): the whole result is
refused, naming the task and the field, and nothing of it is merged, while a good result
of the same merge is.

The results are forged as a modified client would: the reviewer's genuine signed task
bundle, answer rows of their choosing, an audit log recording exactly those answers,
signed with their own key. The same forgery with the genuine rows is accepted, so the
refusals are the form's doing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.dataset import judgment_rows, rubric_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import forged_result

REVIEWERS = ("alice", "bob")
CRITERIA = [
    {"id": "calls-911", "text": "Tells the user to call emergency services.", "points": 8},
    {"id": "dose", "text": "Gives the adult dose.", "points": 5, "tags": ["axis:accuracy"]},
    {"id": "aspirin", "text": "Recommends aspirin to a child.", "points": -9},
]
Rows = list[dict[str, Any]]


def _grades(ws: Workspace, task_id: str) -> dict[str, Any]:
    task = ws.task(task_id)
    return {
        "rubric": {
            r.id: {c["id"]: {"met": i == 0} for c in CRITERIA}
            for i, r in enumerate(sorted(task.responses, key=lambda r: r.id))
        }
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile-rubric")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    with (tmp / "tasks.jsonl").open("w") as fh:
        for t in ("t1", "t2"):
            fh.write(json.dumps({"id": t, "prompt": f"My child has a fever ({t}).", "criteria": CRITERIA,
                                 "responses": [{"id": "x", "text": "Call 911."},
                                               {"id": "y", "text": "Give aspirin."}]}) + "\n")  # fmt: skip
    packed = pack(tmp / "tasks.jsonl", server=server, reviewers=cards, out_dir=tmp / "b", overlap=2)
    results = {}
    for name, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                ws.record(task.id, _grades(ws, task.id))
            results[name] = ws.export_results(tmp / f"{name}.result").path
    return {"tmp": tmp, "server": server, "cards": cards, "archive": packed.archive,
            "results": results}  # fmt: skip


def forge(world: dict[str, Any], change: Callable[[Rows], Rows], name: str) -> Path:
    """A result signed with alice's real key, for her genuine task bundle, whose rows are
    ``change``d and whose audit log records exactly those rows."""
    return forged_result(world["tmp"], change, name)


def merged(world: dict[str, Any], where: Path, files: list[Path]) -> tuple[Any, Rows, Rows]:
    where.mkdir(parents=True, exist_ok=True)
    with MergedStore.open(where / "merged.db", world["server"]) as store:
        import_task_archive(store, world["server"], world["archive"])
        report = merge_results(files, server=world["server"], cards=world["cards"], store=store)
        return report, judgment_rows(store), rubric_rows(store)[0]


def _edit(edit: Callable[[dict[str, Any]], None]) -> Callable[[Rows], Rows]:
    """Change the first row's rubric answer in place."""

    def change(rows: Rows) -> Rows:
        edit(rows[0]["answers"]["rubric"])
        return rows

    return change


def _first_response(rubric: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = rubric[sorted(rubric)[0]]
    return first


HOSTILE = {
    "a criterion never issued": (
        _edit(lambda r: _first_response(r).update({"made-up": {"met": True}})),
        "not a criterion of this task",
    ),
    "a response never issued": (
        _edit(lambda r: r.update({"r-0000000000": {c["id"]: {"met": True} for c in CRITERIA}})),
        "not a response id of this task",
    ),
    'met: "yes"': (
        _edit(lambda r: _first_response(r).update({"dose": {"met": "yes"}})),
        "met must be true, false or null",
    ),
}


def test_the_forgery_itself_is_accepted_when_the_grades_are_genuine(
    world: dict[str, Any], tmp_path: Path
) -> None:
    genuine = forge(world, lambda rows: rows, "genuine.result")
    report, _, rubric = merged(world, tmp_path, [genuine])
    assert [o.status for o in report.outcomes] == ["accepted"]
    assert {tuple(r["reviewers"]) for r in rubric} == {("alice",)}


@pytest.mark.parametrize("attack", list(HOSTILE))
def test_grades_outside_the_issued_form_refuse_the_whole_result(
    world: dict[str, Any], tmp_path: Path, attack: str
) -> None:
    change, reason = HOSTILE[attack]
    bad = forge(world, change, "hostile.result")
    good = world["results"]["bob"]
    report, judgments, rubric = merged(world, tmp_path / "attacked", [bad, good])
    refused = next(o for o in report.outcomes if o.path == bad)
    assert refused.status == "rejected" and reason in refused.reason
    assert "rubric" in refused.reason  # the field is named
    assert next(o for o in report.outcomes if o.path == good).status == "accepted"
    # Nothing of alice's result was merged, not even its valid rows.
    _, only_bob, only_bob_rubric = merged(world, tmp_path / "control", [good])
    assert judgments == only_bob and rubric == only_bob_rubric
    assert {r["reviewer"] for r in judgments} == {"bob"}
    assert all(set(r["reviewers"]) == {"bob"} for r in rubric) and len(rubric) == 2 * 2 * 3
