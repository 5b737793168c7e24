"""``docket adjudication pack``: the disagreements, packed for one lead.

For every task whose reviewers disagree beyond the threshold, the bundle carries the
task itself and, in ``reviews.jsonl``, every reviewer's full answer (preference or
ranking, likert, flags, rubric grades, rationale, time spent), named or, with
``anonymise``, shown as Reviewer 1, 2, ..., with the task's agreement figures and the
rubric criteria the reviewers split on (``criteria``: each with its text, points and
every reviewer's grade). The lead answers in the same form as the reviewers plus an
``outcome`` (final verdict, or needs a guideline change) and an adjudication note; the
form is pre-filled with what a strict majority answered, criterion by criterion for a
rubric, so the criteria the reviewers split on are left for the lead to grade. Signed by
the server, encrypted to the lead, like task bundles.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.bundles.envelope import write_atomically
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.task_bundle import build_task_bundle
from docket.core.review import ADJUDICATION_OUTCOMES
from docket.core.rubric import grades_of
from docket.core.rules import canonical_json, text_question_ids
from docket.core.schema import ChoiceQuestion, Schema, SpansQuestion, TextQuestion
from docket.core.spans import Span, spans_of
from docket.core.task_loading import parse_task_row
from docket.errors import DocketError
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.reviewer_names import distinct_names
from docket.server.rubric_agreement import RubricItem, consensus
from docket.server.schemas import task_schemas
from docket.server.verdicts import disagreements, verdicts

OUTCOMES = ADJUDICATION_OUTCOMES
ADJUDICATION_SUFFIX = ".adjudication.docket"


@dataclass(frozen=True, slots=True)
class PackedAdjudication:
    path: Path
    tasks: int
    bundle_id: str


def adjudication_schema(schema: Schema) -> Schema:
    """The reviewers' form, plus the lead's outcome and note."""
    extra = (
        ChoiceQuestion("outcome", label="Outcome", options=OUTCOMES),
        TextQuestion("adjudication_note", label="Adjudication note", required=False),
    )
    keep = tuple(q for q in schema.questions if q.id not in ("outcome", "adjudication_note"))
    return Schema(keep + extra)


def majority_answer(reviews: list[dict[str, Any]], schema: Schema) -> dict[str, Any]:
    """Per question, the answer a strict majority of reviewers gave, for pre-filling the
    lead's form; free-text answers are each reviewer's own and never pre-filled. A rubric
    is pre-filled criterion by criterion with the grade a strict majority of the reviewers
    who graded it gave (no notes): a criterion they split on is left open. Spans are
    pre-filled span by span: those (response, start, end, label) a strict majority of the
    reviewers who answered the question marked, with the severity when all of those gave
    the same one and no comment (each reviewer's comment is in the reviews panel)."""
    out: dict[str, Any] = {}
    spans_questions = [q.id for q in schema.questions if isinstance(q, SpansQuestion)]
    for qid in spans_questions:
        answered = [r["answers"][qid] for r in reviews if qid in r["answers"]]
        if not answered:
            continue
        marked_by: dict[tuple[str, int, int, str], list[Span]] = {}
        for value in answered:
            for key, span in {
                (s.response, s.start, s.end, s.label): s for s in spans_of(value)
            }.items():
                marked_by.setdefault(key, []).append(span)
        kept = []
        for _, spans in sorted(marked_by.items()):
            if len(spans) * 2 > len(answered):
                severities = {s.severity for s in spans}
                first = spans[0]
                kept.append(
                    {
                        "response": first.response,
                        "start": first.start,
                        "end": first.end,
                        "quote": first.quote,
                        "label": first.label,
                        "severity": severities.pop() if len(severities) == 1 else None,
                        "comment": "",
                    }
                )
        if len(answered) * 2 > len(reviews):
            out[qid] = kept
    rubrics = [q.id for q in schema.rubric_questions]
    for qid in rubrics:
        grades: dict[tuple[str, str], dict[int, bool | None]] = {}
        for i, r in enumerate(reviews):
            value = r["answers"].get(qid)
            for rid in value if isinstance(value, dict) else ():
                for cid, grade in grades_of(value, rid).items():
                    grades.setdefault((str(rid), cid), {})[i] = grade
        settled: dict[str, dict[str, Any]] = {}
        for (rid, cid), given in grades.items():
            agreed = consensus({str(i): g for i, g in given.items()})
            if agreed.settled:
                settled.setdefault(rid, {})[cid] = {"met": agreed.grade}
        if settled:
            out[qid] = settled
    keys = {k for r in reviews for k in r["answers"]} - {
        *text_question_ids(schema),
        *rubrics,
        *spans_questions,
    }
    for key in sorted(keys):
        values = [canonical_json(r["answers"].get(key)) for r in reviews if key in r["answers"]]
        (top, n), *rest = [*Counter(values).most_common(), ("", 0)]
        if n * 2 > len(reviews) and (not rest or rest[0][1] < n):
            out[key] = json.loads(top)
    return out


def pack_adjudication(
    store: MergedStore,
    *,
    server: SecretKey,
    lead: PublicCard,
    out_dir: Path,
    threshold: float = 1.0,
    anonymise: bool = False,
    expires_days: int | None = 90,
) -> PackedAdjudication:
    if not store.has_tasks():
        raise DocketError(
            "The merged database holds no task texts to show the lead.",
            hint="Merge again with --tasks PROJECT.server-tasks (written by `docket pack`).",
        )
    answers = distinct_names(store.answers())
    by_task: dict[str, list[MergedAnswer]] = {}
    for a in answers:
        by_task.setdefault(a.task_id, []).append(a)
    schemas = task_schemas(store)
    found = disagreements(answers, schemas, threshold=threshold)
    if not found:
        raise DocketError(f"No task has disagreements of severity {threshold} or more.")
    tasks, reviews, guidelines_sha = [], [], ""
    names: dict[str, str] = {}
    for d in found:
        stored = store.task(d.task_id)
        if stored is None:
            continue
        row = parse_task_row(
            {
                "id": stored["id"],
                "conversation": stored["conversation"],
                "responses": stored["responses"],
            }
        )
        schema = Schema.from_json(stored["schema"])
        tasks.append((row.task, adjudication_schema(schema)))
        guidelines_sha = guidelines_sha or str(stored.get("guidelines_sha256") or "")
        entries = []
        shown_as: dict[str, str] = {}
        for a in sorted(by_task[d.task_id], key=lambda x: x.reviewer_name):
            label = (
                names.setdefault(a.reviewer, f"Reviewer {len(names) + 1}")
                if anonymise
                else a.reviewer_name
            )
            shown_as[a.reviewer_name] = label
            entries.append({
                "reviewer": label,
                "answers": a.answers,
                "time_spent_s": a.time_spent_s,
                "revision": a.revision,
                "status": a.status,
            })  # fmt: skip
        pairs = verdicts(by_task[d.task_id], schemas).get(d.task_id, [])
        reviews.append({
            "task_id": d.task_id,
            "reviews": entries,
            "severity": d.severity,
            "reasons": d.reasons,
            "majority": majority_answer(entries, schema),
            "agreement": [
                {"pair": list(v.pair), "agreement": round(v.agreement, 3)} for v in pairs
            ],
            "criteria": [_split(item, shown_as) for item in d.criteria],
        })  # fmt: skip
    if not tasks:
        raise DocketError("None of the disagreeing tasks has its text in the merged database.")
    project = str(next(iter(by_task.values()))[0].project)
    data, manifest = build_task_bundle(
        tasks=tasks,
        server=server,
        reviewer=lead,
        project=project,
        guidelines=f"# Adjudication\n\nSettle each task: choose the final answer (in a rubric, "
        "grade the criteria the reviewers split on: the form leaves them open), or mark it as "
        f"needing a guideline change. Guidelines version: `{guidelines_sha[:12] or 'unknown'}`.\n",
        sealed={"gold": {}, "reference": {}},
        expires_days=expires_days,
        kind="adjudication-task",
        reviews=reviews,
    )
    path = out_dir / f"{project}-{lead.name}{ADJUDICATION_SUFFIX}"
    write_atomically(path, data)
    return PackedAdjudication(path, len(tasks), manifest.bundle_id)


def _split(item: RubricItem, shown_as: dict[str, str]) -> dict[str, Any]:
    """A criterion the reviewers graded differently, for the lead: which response, the
    criterion as issued, and each reviewer's grade under the label the bundle shows."""
    return {
        "question": item.question,
        "response": item.response,
        "criterion": item.criterion.id,
        "text": item.criterion.text,
        "points": item.criterion.points,
        "tags": list(item.criterion.tags),
        "grades": sorted(
            ({"reviewer": shown_as.get(r, r), "met": g} for r, g in item.grades.items()),
            key=lambda g: str(g["reviewer"]),
        ),
    }
