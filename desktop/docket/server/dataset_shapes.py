"""Dataset rows in the shapes other tools load: OpenAI preference and chat fine-tuning
files, reward-model rows, and Label Studio tasks with the merged annotations.

- ``openai-preference``: the ``dpo`` pairs as OpenAI's preference fine-tuning rows
  (``input.messages``, ``preferred_output``, ``non_preferred_output``), nothing else in
  the row (OpenAI refuses unknown keys); the provenance is in the dataset card.
- ``openai-chat``: the ``sft`` rewrites as chat fine-tuning rows (``messages``).
- ``reward``: one row per response that reviewers rated (likert) or graded (rubric):
  ``prompt``, ``response``, ``score`` in [0, 1] (the mean likert rating over reviewers
  and dimensions, rescaled from the form's scale; or the HealthBench score of the
  settled rubric grades), the per-dimension means, the model, how many reviewers.
- ``label-studio``: one Label Studio task per task, importable as is: ``data`` with the
  prompt and the responses (under the names the source gave them when it was a Label
  Studio export, else ``answer1``, ``answer2``… in the display order of the first
  reviewer), the source's own annotations and predictions unchanged, and one annotation
  per reviewer: a ``pairwise`` result for a preference between two responses, ``rating``
  results per likert dimension and response, ``choices`` for flags, ``textarea`` for the
  rationale.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from docket.core.rubric import rubric_score
from docket.core.rules import rationale
from docket.core.schema import (
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    flags_in,
    likert_values,
)
from docket.server.dataset import (
    ExportSummary,
    _need_tasks,
    dpo_rows,
    rubric_rows,
    sft_rows,
)
from docket.server.merged_store import MergedStore
from docket.server.reviewer_names import distinct_names
from docket.server.schemas import schema_for, task_schemas
from docket.server.verdicts import dataset_row_conversation


def _messages(task: dict[str, Any]) -> list[dict[str, str]]:
    return [{"role": t["role"], "content": t["content"]} for t in task["conversation"]]


def _as_messages(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):
        return [{"role": "user", "content": value}]
    return [{"role": m["role"], "content": m["content"]} for m in value]


def _assistant(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):
        return [{"role": "assistant", "content": value}]
    return [{"role": "assistant", "content": m["content"]} for m in value]


def openai_preference_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    rows, summary = dpo_rows(store)
    return [
        {
            "input": {"messages": _as_messages(r["prompt"])},
            "preferred_output": _assistant(r["chosen"]),
            "non_preferred_output": _assistant(r["rejected"]),
        }
        for r in rows
    ], summary


def openai_chat_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    rows, summary = sft_rows(store)
    return [{"messages": r["messages"]} for r in rows], summary


def reward_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """Likert means and rubric scores per response (see the module docstring)."""
    _need_tasks(store)
    schemas = task_schemas(store)
    ratings: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    scales: dict[tuple[str, str], tuple[int, int]] = {}
    raters: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in distinct_names(store.answers()):
        for q in schema_for(schemas, a).questions:
            if not isinstance(q, LikertQuestion):
                continue
            for rid, dims in likert_values(a.answers.get(q.id)).items():
                key = (a.task_id, rid)
                for dim, value in dims.items():
                    ratings[key][dim].append(value)
                scales[key] = (q.scale_min, q.scale_max)
                raters[key].add(a.reviewer_name)
    rows: list[dict[str, Any]] = []
    missing = 0
    tasks: dict[str, dict[str, Any] | None] = {}

    def task_of(task_id: str) -> dict[str, Any] | None:
        if task_id not in tasks:
            tasks[task_id] = store.task(task_id)
        return tasks[task_id]

    for (task_id, rid), given in sorted(ratings.items()):
        task = task_of(task_id)
        response = next((r for r in task["responses"] if r["id"] == rid), None) if task else None
        if task is None or response is None:
            missing += 1
            continue
        lo, hi = scales[(task_id, rid)]
        means = {d: math.fsum(v) / len(v) for d, v in sorted(given.items())}
        overall = math.fsum(means.values()) / len(means)
        prompt, _ = dataset_row_conversation(task)
        rows.append(
            {
                "prompt": prompt,
                "response": response["text"],
                "score": round((overall - lo) / (hi - lo), 6),
                "scores": {d: round(m, 6) for d, m in means.items()},
                "scale": [lo, hi],
                "source": "likert",
                "task_id": task_id,
                "response_id": rid,
                "model": response.get("model"),
                "reviewers": len(raters[(task_id, rid)]),
            }
        )
    graded: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    if any(schema.rubric_questions for schema in schemas.values()):
        for r in rubric_rows(store)[0]:
            graded[(r["task_id"], r["question"], r["response_id"])].append(r)
    for (task_id, _question, rid), items in graded.items():
        task = task_of(task_id)
        response = next((r for r in task["responses"] if r["id"] == rid), None) if task else None
        if task is None or response is None:
            missing += 1
            continue
        criteria = [_criterion(i) for i in items]
        grades = {i["criterion_id"]: _grade(i["grade"]) for i in items if i["grade"] is not None}
        score = rubric_score(criteria, grades)
        prompt, _ = dataset_row_conversation(task)
        rows.append(
            {
                "prompt": prompt,
                "response": response["text"],
                "score": None if math.isnan(score.value) else round(score.value, 6),
                "scores": {},
                "scale": [0, 1],
                "source": "rubric",
                "task_id": task_id,
                "response_id": rid,
                "model": response.get("model"),
                "reviewers": max(i["graders"] for i in items),
                "settled": all(i["grade"] is not None for i in items),
            }
        )
    return rows, ExportSummary(len(rows), 0, 0, missing)


def _criterion(item: dict[str, Any]) -> Any:
    from docket.core.rubric import Criterion

    return Criterion(item["criterion_id"], item["criterion"], item["points"], tuple(item["tags"]))


def _grade(name: str) -> bool | None:
    return {"met": True, "not met": False}.get(name)


def label_studio_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """Label Studio tasks with every reviewer's answers (see the module docstring)."""
    _need_tasks(store)
    schemas = task_schemas(store)
    priors = store.priors()
    by_task: dict[str, list[Any]] = defaultdict(list)
    for a in distinct_names(store.answers()):
        by_task[a.task_id].append(a)
    rows: list[dict[str, Any]] = []
    missing = 0
    for task_id, answers in sorted(by_task.items()):
        task = store.task(task_id)
        if task is None:
            missing += 1
            continue
        raw = (priors.get(task_id) or {}).get("raw") or {}
        originals = store.original_ids(task_id)
        # The source row's order (what Label Studio calls left and right), not a
        # reviewer's blinded display order.
        order = sorted((r["id"] for r in task["responses"]), key=store.source_position(task_id))
        names: dict[str, str] = {}
        for i, rid in enumerate(order, start=1):
            original = originals.get(rid)
            from_source = isinstance(raw.get("data"), dict) and original in raw["data"]
            names[rid] = original if from_source and original else f"answer{i}"
        data: dict[str, Any] = dict(raw.get("data") or {}) if isinstance(raw, dict) else {}
        prompt, conversational = dataset_row_conversation(task)
        if not isinstance(raw.get("data"), dict):
            data["prompt"] = prompt if not conversational else _messages(task)[-1]["content"]
        for r in task["responses"]:
            data[names[r["id"]]] = r["text"]
        annotations = list(raw.get("annotations") or [])
        for a in answers:
            schema = schema_for(schemas, a)
            annotations.append(
                {
                    "completed_by": a.reviewer_name,
                    "result": _results(schema, a, names, order),
                    "was_cancelled": False,
                    "ground_truth": False,
                    "lead_time": a.time_spent_s,
                    "created_at": a.saved_at,
                    "meta": {"source": "docket", "revision": a.revision},
                }
            )
        rows.append(
            {
                "data": data,
                "annotations": annotations,
                "predictions": list(raw.get("predictions") or []),
                "meta": {"docket_task_id": task_id},
            }
        )
    return rows, ExportSummary(len(rows), 0, 0, missing)


def _results(schema: Any, a: Any, names: dict[str, str], order: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for q in schema.questions:
        value = a.answers.get(q.id)
        if value is None:
            continue
        if isinstance(q, PreferenceQuestion) and isinstance(value, dict) and len(order) == 2:
            better = value.get("better")
            if better in order:
                out.append(
                    {
                        "from_name": q.id,
                        "to_name": ",".join(names[r] for r in order),
                        "type": "pairwise",
                        "value": {"selected": "left" if better == order[0] else "right"},
                    }
                )
            else:
                out.append(_choice(q.id, names[order[0]], ["tie"]))
        elif isinstance(q, LikertQuestion):
            for rid, dims in likert_values(value).items():
                for dim, score in dims.items():
                    if rid in names:
                        out.append(
                            {
                                "from_name": f"{q.id}_{dim}_{names[rid]}",
                                "to_name": names[rid],
                                "type": "rating",
                                "value": {"rating": score},
                            }
                        )
        elif isinstance(q, FlagsQuestion):
            per: dict[str, list[str]] = defaultdict(list)
            for target, flag in sorted(flags_in(value)):
                per[target].append(flag)
            for target, flags in per.items():
                out.append(
                    _choice(f"{q.id}_{names.get(target, target)}", names.get(target, target), flags)
                )
    text = rationale(schema, a.answers)
    if text:
        out.append(
            {
                "from_name": "rationale",
                "to_name": names[order[0]] if order else "prompt",
                "type": "textarea",
                "value": {"text": [text]},
            }
        )
    return out


def _choice(name: str, to: str, choices: list[str]) -> dict[str, Any]:
    return {"from_name": name, "to_name": to, "type": "choices", "value": {"choices": choices}}
