"""Adjudication end to end, continuing the merge test's run: disagreements -> adjudication pack -> the
lead records verdicts through Workspace.record -> export -> merge -> the DPO export has
the adjudicated pairs marked "adjudicated", and the agreement figures did not change; against
both merged stores (``store_target``, tests/postgres.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docket import Workspace
from docket.bundles.keys import PublicCard
from docket.server.adjudication import pack_adjudication
from docket.server.agreement import agreement
from docket.server.dataset import dpo_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.schemas import task_schemas
from docket.server.verdicts import disagreements
from tests.postgres import StoreTarget
from tests.unit.test_merge_end_to_end import REVIEWERS, contrarian, run  # noqa: F401  (fixture)


def test_adjudication_round_trip(
    run: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    store_target: StoreTarget,
) -> None:
    tmp, server = run["tmp"], run["server"]
    lead_card = PublicCard.load(tmp / "keys" / "lead.pub")
    db = store_target(tmp_path, "merged")
    files = [p for ps in run["results"].values() for p in ps]
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, run["archive"])
        merge_results(files, server=server, cards=run["cards"], store=store)
        disputed = {d.task_id for d in disagreements(list(store.answers()), task_schemas(store))}
        before_agreement = [
            (q.question, q.percent_agreement, q.krippendorff_alpha)
            for q in agreement(list(store.answers()))
        ]
        rows_before, _ = dpo_rows(store)
        packed = pack_adjudication(
            store, server=server, lead=lead_card, out_dir=tmp_path, anonymise=True
        )
    assert packed.tasks == len(disputed) > 0
    assert all(r["task_id"] not in disputed for r in rows_before)

    # The lead settles every disputed task: the longer response wins, one needs guidelines.
    with Workspace.open(tmp_path / "ws-lead", tmp / "keys" / "lead.key") as ws:
        assert ws.import_bundle(packed.path, tmp / "keys" / "server.pub").added == len(disputed)
        task_ids = sorted(t.id for t in ws.tasks())
        assert set(task_ids) == disputed
        # A pair (the reviewers wrote a rationale for pairs, not for rankings); which tasks
        # are disputed depends on the assignment, random under the pack secret.
        first = next(t for t in task_ids if len(ws.task(t).responses) == 2)
        review = ws.store.review(first)
        assert review is not None and len(review["reviews"]) == 2
        # Anonymised, consistently across the bundle: no reviewer's name reaches the lead.
        assert all(r["reviewer"].startswith("Reviewer ") for r in review["reviews"])
        assert not any(name in json.dumps(review) for name in REVIEWERS)
        assert any(r["answers"].get("rationale") for r in review["reviews"])
        assert [q.id for q in ws.schema(first).questions][-2:] == ["outcome", "adjudication_note"]
        for task_id in task_ids:
            task = ws.task(task_id)
            longest = max(task.responses, key=lambda r: len(r.text))
            others = [r.id for r in task.responses if r.id != longest.id]
            verdict: dict[str, Any] = (
                {"preference": {"better": longest.id, "strength": "strong"}}
                if len(task.responses) == 2
                else {"ranking": [[longest.id], others]}
            )
            outcome = "needs guideline change" if task_id == task_ids[-1] else "final verdict"
            ws.record(task_id, verdict | {"outcome": outcome, "rationale": "Checked against the sources.",
                                          "adjudication_note": "The dissent misread the question."})  # fmt: skip
        exported = ws.export_results(tmp_path / "lead.adjudication-result")
    assert exported.answers == len(disputed)

    cards = [*run["cards"], lead_card]
    with MergedStore.open(db, server) as store:
        report = merge_results(
            [exported.path, exported.path], server=server, cards=cards, store=store
        )
        assert [o.status for o in report.outcomes] == ["accepted", "duplicate"]
        assert set(store.adjudications()) == disputed
        after_agreement = [
            (q.question, q.percent_agreement, q.krippendorff_alpha)
            for q in agreement(list(store.answers()))
        ]
        rows_after, _ = dpo_rows(store)
    assert after_agreement == before_agreement  # adjudication does not change agreement
    adjudicated = [r for r in rows_after if r["resolution"] == "adjudicated"]
    settled = disputed - {task_ids[-1]}
    assert {r["task_id"] for r in adjudicated} == settled
    assert all(len(r["chosen"]) >= len(r["rejected"]) and r["margin"] >= 1 for r in adjudicated)
    assert task_ids[-1] not in {r["task_id"] for r in rows_after}  # needs a guideline change
    unchanged = [r for r in rows_after if r["resolution"] != "adjudicated"]
    assert json.dumps(unchanged, sort_keys=True) == json.dumps(rows_before, sort_keys=True)
    assert {r["resolution"] for r in rows_after} <= {"unanimous", "majority", "adjudicated"}
