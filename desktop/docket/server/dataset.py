"""``docket dataset export``: TRL-ready preference pairs (``dpo``) or every judgment.

``dpo`` rows follow TRL's preference format (``prompt``, ``chosen``, ``rejected``; the
conversational form where the task was a conversation), one row per resolved pair (a
ranking gives several), ties and unresolved disagreements left out and counted, with a
``margin`` from the preference strength, and provenance: task id, project, reviewers,
agreement, resolution, guidelines version, and the models that wrote the chosen and the
rejected response (from the server's task archive; ``None`` where the row named none).
Response ids are the opaque ones ``docket pack`` gave the reviewers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.bundles.envelope import write_atomically
from docket.core.display_order import blinded_label
from docket.core.rules import flags_set, rationale
from docket.errors import DocketError
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.reviewer_names import distinct_names
from docket.server.schemas import Schemas, schema_for, task_schemas
from docket.server.verdicts import (
    PairVerdict,
    dataset_row_conversation,
    pair_votes,
    verdicts,
)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    rows: int
    ties: int
    unresolved: int
    missing_tasks: int


def dpo_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    if not store.has_tasks():
        raise DocketError(
            "The merged database holds no task texts, so it cannot write prompts and responses.",
            hint="Merge again with --tasks PROJECT.server-tasks (written by `docket pack`).",
        )
    rows: list[dict[str, Any]] = []
    ties = unresolved = missing = 0
    schemas = task_schemas(store)
    adjudicated = store.adjudications()
    answers = distinct_names(store.answers())
    for task_id, pair_verdicts in sorted(verdicts(answers, schemas).items()):
        task = store.task(task_id)
        if task is None:
            missing += 1
            continue
        if task_id in adjudicated:
            lead, verdict = adjudicated[task_id]
            if verdict.get("outcome") == "needs guideline change":
                unresolved += len(pair_verdicts)
                continue
            pair_verdicts = _adjudicated(task, lead, verdict, schemas, pair_verdicts)
        texts = {r["id"]: r["text"] for r in task["responses"]}
        models = {r["id"]: r.get("model") for r in task["responses"]}
        if any(v.winner is not None and v.winner not in texts for v in pair_verdicts):
            missing += 1  # answers naming responses the task does not have
            continue
        prompt, conversational = dataset_row_conversation(task)
        for v in pair_verdicts:
            if v.resolution == "tie":
                ties += 1
                continue
            if v.winner is None or v.loser is None:
                unresolved += 1
                continue
            chosen, rejected = texts[v.winner], texts[v.loser]
            rows.append(
                {
                    "prompt": prompt,
                    "chosen": [{"role": "assistant", "content": chosen}]
                    if conversational
                    else chosen,
                    "rejected": [{"role": "assistant", "content": rejected}]
                    if conversational
                    else rejected,
                    "margin": v.margin,
                    "task_id": task_id,
                    "chosen_id": v.winner,
                    "rejected_id": v.loser,
                    "chosen_model": models[v.winner],
                    "rejected_model": models[v.loser],
                    "reviewers": sorted(vote.reviewer for vote in v.votes),
                    "agreement": round(v.agreement, 3),
                    "resolution": v.resolution,
                    "guidelines_sha256": task.get("guidelines_sha256") or "",
                }
            )
    return rows, ExportSummary(len(rows), ties, unresolved, missing)


def _adjudicated(
    task: dict[str, Any],
    lead: str,
    verdict: dict[str, Any],
    schemas: Schemas,
    reviewed: list[PairVerdict],
) -> list[PairVerdict]:
    """The lead's verdict on every pair, keeping the reviewers' votes for provenance."""
    ids = [r["id"] for r in task["responses"]]
    order = {blinded_label(i): rid for i, rid in enumerate(ids)}
    answer = MergedAnswer(lead, lead, task["id"], "", 0, verdict, order, "", 0.0, "done")
    votes = {v.pair: v.votes for v in reviewed}
    out = []
    for pair, vote in pair_votes(answer, schema_for(schemas, answer)).items():
        v = PairVerdict(task["id"], pair, votes.get(pair, []))
        v.winner, v.margin = vote.winner, vote.strength
        v.resolution = "adjudicated" if vote.winner is not None else "tie"
        out.append(v)
    return out


def judgment_rows(store: MergedStore) -> list[dict[str, Any]]:
    out = []
    schemas = task_schemas(store)
    for a in distinct_names(store.answers()):
        schema = schema_for(schemas, a)
        out.append(
            {
                "task_id": a.task_id,
                "project": a.project,
                "reviewer": a.reviewer_name,
                "reviewer_fingerprint": a.reviewer,
                "revision": a.revision,
                "answers": a.answers,
                "display_order": a.display_order,
                "time_spent_s": a.time_spent_s,
                "saved_at": a.saved_at,
                "status": a.status,
                "rationale": rationale(schema, a.answers),
                "flags": sorted(f"{t}:{f}" for t, f in flags_set(schema, a.answers)),
            }
        )
    return out


def export(store: MergedStore, fmt: str, out: Path) -> ExportSummary:
    if fmt == "dpo":
        rows, summary = dpo_rows(store)
    elif fmt == "judgments":
        rows = judgment_rows(store)
        summary = ExportSummary(len(rows), 0, 0, 0)
    else:
        raise DocketError(f"Unknown dataset format {fmt!r}.", hint="Use dpo or judgments.")
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    write_atomically(out, data.encode())
    return summary
