"""docket pack (assignment, gold, bad lines) and import (re-import, updates, answers kept)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.task_bundle import read_task_bundle
from docket.core import TaskStatus
from docket.errors import BundleError, DocketError
from docket.server.pack import assign, pack
from tests.helpers import ROOT

DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"


@given(st.integers(1, 200), st.integers(1, 7), st.integers(0, 30), st.data())
def test_assignment_gives_each_task_k_distinct_reviewers_with_balanced_load(
    n: int, r: int, g: int, data: st.DataObject
) -> None:
    k = data.draw(st.integers(1, r))
    reviewers = [f"r{i}" for i in range(r)]
    rng = data.draw(st.sampled_from([None, random.Random(data.draw(st.integers(0, 9)))]))
    gold = [f"g{i}" for i in range(g)]
    plan = assign([f"t{i}" for i in range(n)], reviewers, k, gold_ids=gold, rng=rng)
    per_task = Counter(t for tasks in plan.values() for t in tasks)
    assert set(per_task.values()) == {k} and len(per_task) == n + g  # gold like any task
    assert all(len(set(tasks)) == len(tasks) for tasks in plan.values())
    loads = [len(tasks) for tasks in plan.values()]
    assert max(loads) - min(loads) <= 1
    golds = [sum(t in gold for t in tasks) for tasks in plan.values()]
    assert max(golds) - min(golds) <= 1  # so everyone has some once g * k >= r


def test_assignment_rejects_impossible_overlap() -> None:
    with pytest.raises(DocketError, match="--overlap 3 needs between 1 and 2"):
        assign(["t"], ["a", "b"], 3)


@pytest.fixture(scope="module")
def server_and_reviewers(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[SecretKey, list[SecretKey], Path]:
    d = tmp_path_factory.mktemp("keys")
    made = [keys.generate(n) for n in ("server", "ann", "ben", "cat")]
    for key in made:
        keys.write_key_pair(key, d, passphrase=None)
    return made[0], made[1:], d


def _lines(path: Path, n: int) -> Path:
    out = path / "tasks.jsonl"
    out.write_text("".join(DEMO.read_text().splitlines(keepends=True)[:n]))
    return out


def _open(bundle: Path, reviewer: SecretKey, server: SecretKey):  # type: ignore[no-untyped-def]
    opened = open_sealed(
        bundle.read_bytes(), reviewer, signer=pinned(server.card()), expected_type="task"
    )
    return opened, read_task_bundle(opened)


def test_pack_writes_one_bundle_per_reviewer_named_after_the_card(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    result = pack(
        _lines(tmp_path, 12),
        server=server,
        reviewers=[r.card() for r in reviewers],
        out_dir=tmp_path / "o",
        overlap=2,
        project="study",
    )
    assert [b.path.name for b in result.bundles] == [
        "study-ann.docket",
        "study-ben.docket",
        "study-cat.docket",
    ]
    counts = Counter()
    for b, r in zip(result.bundles, reviewers, strict=True):
        opened, content = _open(b.path, r, server)
        assert opened.manifest.extra["assignment"] == f"study/{r.name}"
        assert opened.manifest.expires_at is not None
        counts.update(t.id for t, _ in content.tasks)
        for task, schema in content.tasks:
            assert schema.questions[0].id == (
                "preference" if len(task.responses) == 2 else "ranking"
            )
    assert set(counts.values()) == {2} and len(counts) == 12
    summary = json.loads(result.summary_path.read_text())
    assert [b["tasks"] for b in summary["bundles"]] == [8, 8, 8]
    assert "Explain" not in result.summary_path.read_text()  # no task text in the summary


def test_gold_items_are_assigned_like_tasks_unmarked_and_sealed(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "g1", "prompt": "2+2?", "chosen": "4", "rejected": "5"}) + "\n"
        + json.dumps({
            "id": "g2",
            "prompt": "Capital of France?",
            "responses": [{"id": "p", "model": "geo-model-x", "text": "Paris"}, {"id": "l", "text": "Lyon"}],
            "gold": {"preference": {"better": "p", "strength": "strong"}},
        }) + "\n"
    )  # fmt: skip
    result = pack(
        _lines(tmp_path, 6),
        server=server,
        reviewers=[r.card() for r in reviewers[:2]],
        out_dir=tmp_path / "o",
        gold_path=gold,
    )
    seen: list[str] = []
    for b, r in zip(result.bundles, reviewers[:2], strict=True):
        opened, content = _open(b.path, r, server)
        ids = [t.id for t, _ in content.tasks]
        # Overlap 1: each gold item goes to one reviewer, like any task; two gold items
        # for two reviewers give each one of them.
        held = [g for g in ("g1", "g2") if g in ids]
        assert len(held) == 1 and b.gold == 1 and b.tasks == 4
        seen += held
        plain = (
            b"".join(opened.sections[s] for s in ("tasks.jsonl", "schema.json", "guidelines.md"))
            + opened.manifest_bytes
        )
        assert b'"gold"' not in plain and b'"chosen"' not in plain and b'"reference"' not in plain
        assert b"geo-model-x" not in plain and b'"model"' not in plain
        with pytest.raises(BundleError):  # the reviewer cannot read the sealed section
            age_layer.decrypt(content.sealed, [r.identity()])
        sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
        assert set(sealed["issued"]) == set(ids) and set(sealed["originals"]) == set(ids)
        for task, schema in content.tasks:
            issued = sealed["issued"][task.id]
            assert issued["responses"] == list(task.response_ids)
            assert sealed["schemas"][issued["schema"]] == schema.to_json()
        if "g1" in ids:
            g1 = next(t for t, _ in content.tasks if t.id == "g1")
            chosen = sealed["reference"]["g1"]["chosen"]
            assert sealed["gold"] == {"g1": {"preference": {"better": chosen}}}
            assert g1.response(chosen).text == "4"
        else:
            g2 = next(t for t, _ in content.tasks if t.id == "g2")
            better = sealed["gold"]["g2"]["preference"]["better"]
            assert g2.response(better).text == "Paris" and better != "p"
            assert sealed["gold"]["g2"]["preference"]["strength"] == "strong"
            assert sealed["originals"]["g2"][better] == {
                "id": "p", "model": "geo-model-x", "position": 0
            }  # fmt: skip
            assert all(r.model is None for r in g2.responses)
    assert sorted(seen) == ["g1", "g2"]


def test_a_gold_answer_naming_an_unknown_response_is_refused(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "g", "prompt": "?", "responses": ["yes", "no"], "gold": {"preference": {"better": "r1"}},
    }) + "\n")  # fmt: skip
    with pytest.raises(DocketError, match=r"gold.jsonl:1: the gold answer names 'r1'"):
        pack(
            _lines(tmp_path, 2),
            server=server,
            reviewers=[reviewers[0].card()],
            out_dir=tmp_path / "o",
            gold_path=gold,
        )
    assert not (tmp_path / "o").exists()


def test_gold_answers_of_every_kind_are_written_in_the_opaque_ids(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "g", "prompt": "Sort 3 1 2.",
        "responses": [{"id": "a", "text": "1 2 3"}, {"id": "b", "text": "3 2 1"}, {"id": "c", "text": "2 1 3"}],
        "gold": {"ranking": [["a"], ["b", "c"]], "flags": {"b": ["off-topic"], "task": []},
                 "likert": {"a": {"correctness": 5}}},
    }) + "\n")  # fmt: skip
    result = pack(
        _lines(tmp_path, 2),
        server=server,
        reviewers=[reviewers[0].card()],
        out_dir=tmp_path / "o",
        gold_path=gold,
    )
    _, content = _open(result.bundles[0].path, reviewers[0], server)
    task = next(t for t, _ in content.tasks if t.id == "g")
    rid = {task.response(i).text: i for i in task.response_ids}
    a, b, c = rid["1 2 3"], rid["3 2 1"], rid["2 1 3"]
    sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    assert sealed["gold"]["g"] == {
        "ranking": [[a], [b, c]], "flags": {b: ["off-topic"], "task": []},
        "likert": {a: {"correctness": 5}},
    }  # fmt: skip


def test_packing_a_project_again_gives_the_same_ids_and_order_and_another_server_other_ones(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    tasks = _lines(tmp_path, 8)

    def packed(key: SecretKey, out: str, project: str = "p") -> dict[str, tuple[str, ...]]:
        done = pack(tasks, server=key, reviewers=[reviewers[0].card()], out_dir=tmp_path / out,
                    project=project)  # fmt: skip
        _, content = _open(done.bundles[0].path, reviewers[0], key)
        return {t.id: tuple(f"{r.id}={r.text}" for r in t.responses) for t, _ in content.tasks}

    first = packed(server, "a")
    assert packed(server, "b") == first  # answers to the first bundle stay valid
    other = keys.generate("server")
    assert set(packed(other, "c").values()).isdisjoint(first.values())
    assert set(packed(server, "d", project="q").values()).isdisjoint(first.values())


def test_bad_lines_write_nothing_unless_skip_bad(tmp_path: Path, server_and_reviewers) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    tasks = _lines(tmp_path, 3)
    tasks.write_text(
        tasks.read_text()
        + "{not json\n"
        + json.dumps({"prompt": "x", "responses": ["only one"]})
        + "\n"
    )
    out = tmp_path / "o"
    with pytest.raises(DocketError) as info:
        pack(tasks, server=server, reviewers=[reviewers[0].card()], out_dir=out)
    message = str(info.value)
    assert (
        "2 bad line(s)" in message
        and f"{tasks}:4: not valid JSON" in message
        and f"{tasks}:5:" in message
    )
    assert not out.exists() or not any(out.iterdir())
    result = pack(tasks, server=server, reviewers=[reviewers[0].card()], out_dir=out, skip_bad=True)
    assert len(result.skipped_lines) == 2 and result.bundles[0].tasks == 3


def test_import_again_is_a_no_op_and_a_newer_bundle_updates_keeping_answers(
    tmp_path: Path, server_and_reviewers
) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, keydir = server_and_reviewers
    ann = reviewers[0]
    card = keydir / "server.pub"

    def pack_for_ann(source: Path, out: str) -> Path:
        done = pack(
            source, server=server, reviewers=[ann.card()], out_dir=tmp_path / out, project="p"
        )
        return done.bundles[0].path

    first = pack_for_ann(_lines(tmp_path, 4), "v1")
    stale = pack_for_ann(_lines(tmp_path, 4), "v1b")
    with Workspace.open(tmp_path / "ws", keydir / "ann.key") as ws:
        assert ws.import_bundle(first, card).status == "imported"
        ids = [t.id for t in ws.tasks()]
        t0 = ws.task(ids[0])
        ws.record(
            ids[0],
            {"preference": {"better": t0.response_ids[0], "strength": "slight"}}
            if len(t0.responses) == 2
            else {"ranking": [list(t0.response_ids)]},
        )
        again = ws.import_bundle(first, card)
        assert (again.status, again.added) == ("unchanged", 0)
        # v2 of the same assignment: drops tasks 2-4, keeps 1, adds 5-6.
        lines = DEMO.read_text().splitlines(keepends=True)
        (tmp_path / "v2.jsonl").write_text(lines[0] + lines[4] + lines[5])
        second = pack_for_ann(tmp_path / "v2.jsonl", "v2")
        done = ws.import_bundle(second, card)
        assert (done.status, done.added, done.updated, done.removed) == ("updated", 2, 1, 3)
        assert [t.id for t in ws.tasks()] == [ids[0], *(json.loads(lines[i])["id"] for i in (4, 5))]
        kept = ws.answer(ids[0])
        assert kept is not None and kept.revision == 1
        assert ws.task(ids[0]).status is TaskStatus.DONE
        # A bundle packed before v2 is older than what the workspace holds: refused.
        with pytest.raises(BundleError, match="older than the one already imported"):
            ws.import_bundle(stale, card)
        assert ws.import_bundle(first, card).status == "unchanged"
        assert len(ws.store.active_bundles()) == 1
        # import, record, import (update); nothing for the refusal or the no-op
        assert ws.verify_audit() == 3
        exported = ws.export_results(tmp_path / "r.result")
        assert exported.answers == 1


def test_export_needs_a_signed_bundle(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(DocketError, match="no signed task bundle"):
        workspace.export_results(tmp_path / "r.result")
    assert not (tmp_path / "r.result").exists()


def test_cards_with_duplicate_names_are_refused(tmp_path: Path, server_and_reviewers) -> None:  # type: ignore[no-untyped-def]
    server, reviewers, _ = server_and_reviewers
    twin = PublicCard("ann", reviewers[1].card().age_recipient, reviewers[1].card().minisign_key)
    with pytest.raises(DocketError, match="share a name"):
        pack(
            _lines(tmp_path, 2),
            server=server,
            reviewers=[reviewers[0].card(), twin],
            out_dir=tmp_path / "o",
        )
