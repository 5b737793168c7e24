"""The server side end to end: 60 real tasks, 3 reviewers with overlap 2, two exports each; merge
in shuffled order, again with a duplicate and a replayed older bundle, and a tampered
one; then agreement-free checks of the merged answers, disagreements and the DPO export.

Each test runs against both merged stores, the embedded file and PostgreSQL
(``store_target``, tests/postgres.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.server.dataset import dpo_rows, judgment_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.schemas import task_schemas
from docket.server.verdicts import disagreements
from tests.postgres import StoreTarget
from tests.reference_data import alpaca_eval

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620", "Meta-Llama-3.1-405B-Instruct-Turbo"]
REVIEWERS = ("rev1", "rev2", "rev3")


def _tasks(path: Path) -> None:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    with path.open("w") as fh:
        for i in range(60):
            k = 3 if i % 6 == 0 else 2
            fh.write(json.dumps({
                "id": f"t{i:02d}",
                "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"id": f"m{j}", "model": m, "text": outputs[m][i]["output"]} for j, m in enumerate(MODELS[:k])],
            }) + "\n")  # fmt: skip


def contrarian(task_id: str) -> bool:
    return int(hashlib.sha256(task_id.encode()).hexdigest(), 16) % 4 == 0


def answer_for(ws: Workspace, task_id: str, reviewer: str) -> dict[str, Any]:
    """Everyone prefers the longer response, except rev2 on 'contrarian' tasks."""
    task = ws.task(task_id)
    by_length = sorted(task.responses, key=lambda r: -len(r.text))
    if reviewer == "rev2" and contrarian(task_id):
        by_length.reverse()
    if len(task.responses) == 2:
        return {"preference": {"better": by_length[0].id, "strength": "strong" if reviewer == "rev3" else "slight"},
                "rationale": "The longer answer covers the question fully."}  # fmt: skip
    return {"ranking": [[r.id] for r in by_length]}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("e2e")
    for name in ("server", "lead", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    _tasks(tmp / "tasks.jsonl")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    packed = pack(
        tmp / "tasks.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "bundles",
        overlap=2,
        project="e2e",
    )
    results: dict[str, list[Path]] = {}
    latest: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for reviewer, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            ids = [t.id for t in ws.tasks()]
            for task_id in ids[: len(ids) // 2]:
                ws.record(task_id, answer_for(ws, task_id, reviewer))
            first = ws.export_results(tmp / f"{reviewer}-1.result")
            for task_id in ids[len(ids) // 2 :]:
                ws.record(task_id, answer_for(ws, task_id, reviewer))
            # A second thought on the first task: a new revision, which must win.
            ws.record(
                ids[0],
                answer_for(ws, ids[0], reviewer) | {"rationale": "Revised after a second look."},
            )
            second = ws.export_results(tmp / f"{reviewer}-2.result")
            assert (first.sequence, second.sequence) == (1, 2)
            for task_id in ids:
                saved = ws.answer(task_id)
                assert saved is not None
                latest[(reviewer, task_id)] = (saved.revision, saved.answers)
        results[reviewer] = [tmp / f"{reviewer}-1.result", tmp / f"{reviewer}-2.result"]
    ring = tmp / "ring"
    ring.mkdir()
    for r in REVIEWERS:
        shutil.copy(tmp / "keys" / f"{r}.pub", ring)
    return {"tmp": tmp, "server": server, "cards": cards, "results": results, "latest": latest,
            "archive": packed.archive, "ring": ring}  # fmt: skip


def merged_state(store: MergedStore) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    return {(a.reviewer_name, a.task_id): (a.revision, a.answers) for a in store.answers()}


def test_shuffled_merge_duplicates_replays_and_tampering(
    run: dict[str, Any], store_target: StoreTarget, tmp_path: Path
) -> None:
    tmp = run["tmp"]
    files = [p for ps in run["results"].values() for p in ps]
    random.Random(7).shuffle(files)
    with MergedStore.open(store_target(tmp_path, "merged"), run["server"]) as store:
        assert import_task_archive(store, run["server"], run["archive"]) == 60
        report = merge_results(files, server=run["server"], cards=run["cards"], store=store)
        assert report.count("accepted") == 6 and report.count("rejected") == 0
        assert merged_state(store) == run["latest"]
        before = merged_state(store)
        counts = store.counts()
        # Again: a duplicate of everything, and an older bundle replayed after the newer.
        replayed = [run["results"]["rev1"][1], run["results"]["rev1"][0], *files]
        again = merge_results(replayed, server=run["server"], cards=run["cards"], store=store)
        assert again.count("duplicate") == len(replayed) and again.count("accepted") == 0
        assert all("already merged" in o.reason for o in again.outcomes)
        assert merged_state(store) == before and store.counts() == counts
        # One flipped byte: rejected, nothing changes.
        data = bytearray(run["results"]["rev2"][1].read_bytes())
        data[len(data) // 2] ^= 0x01
        bad = tmp / "tampered.result"
        bad.write_bytes(bytes(data))
        tampered = merge_results([bad], server=run["server"], cards=run["cards"], store=store)
        assert (
            tampered.outcomes[0].status == "rejected" and "damaged" in tampered.outcomes[0].reason
        )
        assert merged_state(store) == before and store.counts() == counts
        assert store.integrity_check() == "ok"


def test_any_order_gives_the_same_answers(
    run: dict[str, Any], store_target: StoreTarget, tmp_path: Path
) -> None:
    states = []
    for seed in (1, 2, 3):
        files = [p for ps in run["results"].values() for p in ps]
        random.Random(seed).shuffle(files)
        db = store_target(tmp_path, f"order-{seed}")
        with MergedStore.open(db, run["server"]) as store:
            import_task_archive(store, run["server"], run["archive"])
            merge_results(files, server=run["server"], cards=run["cards"], store=store)
            states.append(merged_state(store))
    assert states[0] == states[1] == states[2] == run["latest"]


def test_disagreements_and_the_dpo_export(
    run: dict[str, Any], tmp_path: Path, store_target: StoreTarget
) -> None:
    db = store_target(tmp_path, "m")
    with MergedStore.open(db, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        merge_results(
            [p for ps in run["results"].values() for p in ps],
            server=run["server"],
            cards=run["cards"],
            store=store,
        )
        answers = list(store.answers())
        found = {d.task_id for d in disagreements(answers, task_schemas(store))}
        rev2_tasks = {a.task_id for a in answers if a.reviewer_name == "rev2"}
        expected = {t for t in rev2_tasks if contrarian(t)}
        assert found == expected and found
        rows, summary = dpo_rows(store)
        judgments = judgment_rows(store)
    assert len(judgments) == len(run["latest"])
    assert summary.unresolved > 0 and summary.missing_tasks == 0
    assert {"prompt", "chosen", "rejected", "margin", "task_id", "reviewers", "agreement", "resolution",
            "guidelines_sha256"} <= set(rows[0])  # fmt: skip
    assert all(r["task_id"] not in expected for r in rows)  # disagreements are left out
    for r in rows:
        assert len(r["chosen"]) >= len(r["rejected"])  # everyone agreed: the longer one
        assert r["resolution"] == "unanimous" and r["agreement"] == 1.0 and len(r["reviewers"]) == 2
        assert isinstance(r["prompt"], str)
    pairs = [r for r in rows if r["task_id"] == "t01"]
    assert len(pairs) == (0 if "t01" in expected else 1)
    ranked = [r for r in rows if r["task_id"] == "t06"]
    assert len(ranked) == (0 if "t06" in expected else 3)  # a 3-way ranking gives 3 pairs
    # Through the command line, and loadable with `datasets` where it is installed.
    out = tmp_path / "dpo.jsonl"
    assert main(["dataset", "export", "--db", str(db), "--server-key", str(run["tmp"] / "keys" / "server.key"),
                 "--format", "dpo", "--out", str(out)]) == 0  # fmt: skip
    assert len(out.read_text().splitlines()) == len(rows)
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    loaded = datasets.load_dataset("json", data_files=str(out), split="train")
    assert loaded.num_rows == len(rows) and {"prompt", "chosen", "rejected"} <= set(
        loaded.column_names
    )


def test_agreement_figures_of_the_run(
    run: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    store_target: StoreTarget,
) -> None:
    from docket.server.agreement import agreement

    db = store_target(tmp_path, "m")
    with MergedStore.open(db, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        merge_results(
            [p for ps in run["results"].values() for p in ps],
            server=run["server"],
            cards=run["cards"],
            store=store,
        )
        answers = list(store.answers())
    by_q = {q.question: q for q in agreement(answers)}
    direction = by_q["preference direction"]
    pair_tasks: dict[str, list[str]] = {}
    for a in answers:
        if "preference" in a.answers:
            pair_tasks.setdefault(a.task_id, []).append(a.reviewer_name)
    agreeing = [t for t, who in pair_tasks.items() if not ("rev2" in who and contrarian(t))]
    assert direction.units == len(pair_tasks) == 50
    assert direction.percent_agreement == pytest.approx(len(agreeing) / len(pair_tasks))
    # Strength differs for rev3 (always "strong"), so the ordinal scale agrees less often.
    assert by_q["preference"].percent_agreement < direction.percent_agreement
    assert {tuple(c["reviewers"]) for c in direction.cohen} == {
        ("rev1", "rev2"),
        ("rev1", "rev3"),
        ("rev2", "rev3"),
    }
    assert by_q["ranking (pairs)"].units == 10 * 3  # 10 three-way tasks, 3 pairs each
    assert (
        main(
            [
                "agreement",
                "--db",
                str(db),
                "--server-key",
                str(run["tmp"] / "keys" / "server.key"),
                "--json",
            ]
        )
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert {q["question"] for q in payload["questions"]} >= {
        "preference",
        "preference direction",
        "ranking (pairs)",
    }


def test_merge_keeps_the_answer_facts_agreement_reads(run: dict[str, Any], tmp_path: Path) -> None:
    """Every merged answer gets its facts in the merge's transaction; the migration's fill
    writes the same facts for a database merged before them; agreement from the facts
    equals agreement from the decoded answers; a quarantined answer takes its facts along;
    facts of a form their task no longer has are not used."""
    pytest.importorskip("numpy", reason="agreement from facts counts with NumPy")
    from docket.server.agreement import (
        _forms_of,
        agreement,
        agreement_from_facts,
        facts_agreement,
    )
    from docket.server.db_check import StoredProblem, quarantine
    from docket.server.merged_store import fill_answer_facts
    from docket.server.reviewer_names import distinct_names
    from docket.store.db import write_transaction

    with MergedStore.open(tmp_path / "m.db", run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        merge_results([p for ps in run["results"].values() for p in ps], server=run["server"],
                      cards=run["cards"], store=store)  # fmt: skip
        facts = store.db.execute("SELECT * FROM answer_facts ORDER BY 1, 2, 3").fetchall()
        assert len(facts) == store.counts()["answers"] == len(run["latest"])
        with write_transaction(store.db):
            store.db.execute("DELETE FROM answer_facts")
            assert store.answer_fact_rows() is None  # no facts: agreement reads the answers
            assert fill_answer_facts(store.db) == len(facts)
        assert store.db.execute("SELECT * FROM answer_facts ORDER BY 1, 2, 3").fetchall() == facts
        schemas = task_schemas(store)
        read = store.answer_fact_rows()
        assert read is not None
        found = agreement_from_facts(*read, _forms_of(read[0], schemas), small_sample=0)
        assert found is not None
        answers = distinct_names(store.answers())
        expected = [
            dataclasses.replace(q, alpha_interval=None) for q in agreement(answers, schemas=schemas)
        ]
        assert found.questions == expected and expected
        # Fewer than 200 units per question here: the verbs read the answers instead.
        assert facts_agreement(store, schemas) is None
        a = answers[0]
        quarantine(store, [StoredProblem(a.reviewer, a.reviewer_name, a.project, a.task_id, a.revision, "test")])  # fmt: skip
        read = store.answer_fact_rows()
        assert read is not None and len(read[0]) == len(facts) - 1
        # Facts of another form than their task's now (its archive merged again with a
        # new form): stale, so the answers are read.
        with write_transaction(store.db):
            store.db.execute("UPDATE answer_facts SET form = form + 100 WHERE task_id = 't02'")
        assert store.answer_fact_rows() is None


def test_a_write_by_another_connection_between_bundles_is_put_right(
    run: dict[str, Any], tmp_path: Path
) -> None:
    """A merge does not compare again the rows of a server-only section (original ids,
    gold, references) it stored itself while no other connection has written since (the
    embedded store's data version): a change made by another connection between two
    results carrying that section is seen, and the next result puts the row right."""
    db = tmp_path / "merged.db"
    task_id = next(t for (r, t) in run["latest"] if r == "rev1")
    with MergedStore.open(db, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        select = "SELECT body FROM originals WHERE task_id = ?"
        (body,) = store.db.execute(select, (task_id,)).fetchone()

        def meddle(index: int, total: int, path: Path) -> None:
            if index == 1:  # between rev1's first and second result
                with MergedStore.open(db, run["server"]) as other:
                    other.db.write(
                        lambda: other.db.execute(
                            "UPDATE originals SET body = '{}' WHERE task_id = ?", (task_id,)
                        )
                    )

        report = merge_results(
            run["results"]["rev1"],
            server=run["server"],
            cards=run["cards"],
            store=store,
            progress=meddle,
        )
        assert [o.status for o in report.outcomes] == ["accepted", "accepted"], report.outcomes
        assert store.db.execute(select, (task_id,)).fetchone() == (body,)
