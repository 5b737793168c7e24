"""The anchoring measure end to end: Vicuna80 tasks packed with GPT-4's suggestions under
``after-answer``; a reviewer answers each task blind through the workspace, sees the
verdict and revises, toward it on every task in one case and away from it in the other;
exported, merged, and the server's figures say so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.schema import Schema
from docket.server.judge import store_judges
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests import vicuna80

TASKS = 12


def _other(answer: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """A preference that is not ``answer``'s: another response, or a response for a tie."""
    better = answer.get("better")
    choice = next(r for r in ids if r != better)
    return {"better": choice, "strength": "slight"}


@pytest.mark.parametrize("toward", [True, False], ids=["toward", "away"])
def test_revisions_after_the_reveal(tmp_path: Path, toward: bool) -> None:
    tasks = vicuna80.tasks()[:TASKS]
    chosen = {t["id"] for t in tasks}
    (tmp_path / "tasks.jsonl").write_text("".join(json.dumps(t) + "\n" for t in tasks))
    lines = [s for s in vicuna80.suggestions() if s["task"] in chosen]
    (tmp_path / "judge.jsonl").write_text("".join(json.dumps(s) + "\n" for s in lines))
    form = dict(vicuna80.SCHEMA, suggestions={"reveal": "after-answer"})
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    card = PublicCard.load(tmp_path / "keys" / "ann.pub")
    packed = pack(
        tmp_path / "tasks.jsonl",
        server=server,
        reviewers=[card],
        out_dir=tmp_path / "out",
        schema=Schema.loads(json.dumps(form)),
        project="anchoring",
        suggestions_path=tmp_path / "judge.jsonl",
    )
    assert packed.archive is not None
    with Workspace.open(tmp_path / "ws", tmp_path / "keys" / "ann.key") as ws:
        ws.import_bundle(packed.bundles[0].path, tmp_path / "keys" / "server.pub")
        for task_id in sorted(chosen):
            suggestion = ws.suggestion(task_id)
            assert suggestion is not None and suggestion.agent == "gpt-4"
            judge = suggestion.answers["preference"]
            unlike = _other(judge, list(ws.task(task_id).response_ids))
            blind, final = (unlike, judge) if toward else (judge, unlike)
            ws.submit(task_id, {"preference": blind})
            ws.submit(task_id, {"preference": final})  # after the reveal
        result = ws.export_results(tmp_path / "ann.result").path
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, packed.archive)
        merged = merge_results([result], server=server, cards=[card], store=store)
        assert [o.status for o in merged.outcomes] == ["accepted"], merged.outcomes
        (figures,) = store_judges(store)
    a = figures.anchoring
    assert a is not None and figures.acceptance is None
    assert figures.policies == {"after-answer": TASKS}
    assert (a.rows, a.revised, a.revision_rate) == (TASKS, TASKS, 1.0)
    if toward:
        assert (a.toward, a.away, a.neither, a.toward_rate) == (TASKS, 0, 0, 1.0)
        assert (a.first_agreed, a.final_agreed) == (0, TASKS)
        # The calibration reads the blind answers: the judge disagreed with every one.
        assert figures.majority_agreed == 0 and figures.majority_units == TASKS
    else:
        assert (a.toward, a.away, a.neither, a.toward_rate) == (0, TASKS, 0, 0.0)
        assert (a.first_agreed, a.final_agreed) == (TASKS, 0)
        assert figures.majority_agreed == TASKS
