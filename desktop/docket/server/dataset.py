"""``docket dataset export``: TRL-ready preference pairs (``dpo``), every judgment
(``judgments``), rubric grades (``rubric``), the criteria experts wrote
(``healthbench``) or the answers experts rewrote (``sft``).

``dpo`` rows follow TRL's preference format (``prompt``, ``chosen``, ``rejected``; the
conversational form where the task was a conversation), one row per resolved pair (a
ranking gives several), ties and unresolved disagreements left out and counted, with a
``margin`` from the preference strength, and provenance: task id, project, reviewers,
agreement, resolution, guidelines version, and the models that wrote the chosen and the
rejected response (from the server's task archive; ``None`` where the row named none).
Response ids are the opaque ones ``docket pack`` gave the reviewers. Those rows carry
``source: "preference"``; where an AI judge's suggestion was packed for the task,
``judge_agreed`` maps each agent to whether it preferred the chosen response of the
pair (:mod:`docket.server.judge`; absent where no agent judged the pair). A rewrite
answer with a base adds a pair of its own
(``source: "rewrite"``): the reviewer's rewrite chosen over the response it started from
(a rewrite equal to its base is left out and counted).

``judgments`` rows carry the final answers (``answers``, and ``final_answers``, the
same) and ``first_answers``: the blind answer given before an AI judge's suggestion was
revealed (policy ``after-answer``), the answers themselves where no suggestion was shown,
``None`` where the form opened pre-filled with one (``before``); ``suggestion`` is the
row's record of the suggestion its reviewer saw (agent, policy, first, accepted,
revised), or ``None``.

``sft`` rows are one per rewrite answer: the task's conversation followed by the
rewrite as the assistant's turn (``messages``), with the reviewer, the response it
started from (``base_id``, ``None`` for one written from empty) and that response's model.

``rubric`` rows are one per response and criterion graded: the criterion as issued, the
grade it settled on (the lead's where an adjudication graded it, else the reviewers'
strict majority; see :mod:`docket.server.rubric_agreement`), every reviewer's grade and
note, and the model that wrote the response. ``healthbench`` rows are HealthBench's own
shape (``prompt``, ``prompt_id``, ``rubrics``, ``example_tags``,
``ideal_completions_data``), one per task and expert who answered a rubric-writing
question, ready to pack again to grade other responses with.

``fine-grained`` rows are Fine-Grained RLHF's feedback layout, one per response that a
reviewer (or the lead, in an adjudication with the outcome "final verdict") marked spans
on: see :func:`fine_grained_rows`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docket.core.display_order import blinded_label
from docket.core.fine_grained import feedback_row
from docket.core.progress import Progress, no_progress
from docket.core.rubric import parse_criteria
from docket.core.rules import flags_set, rationale
from docket.core.schema import (
    RewriteQuestion,
    RubricWritingQuestion,
    Schema,
    SpansQuestion,
    default_schema,
)
from docket.core.spans import spans_of
from docket.errors import DocketError
from docket.server.dataset_card import quarantined_answers
from docket.server.judge import judged_pairs
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.pii_export import PiiExport, Redactor, Scanner, restore, row_task_id
from docket.server.reviewer_names import distinct_names
from docket.server.rubric_agreement import (
    grade_name,
    response_models,
    rubric_items,
    settle,
)
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
    unchanged_rewrites: int = 0
    """Rewrites equal to their base response, left out of ``dpo``."""
    quarantined: int = 0
    """Answers of the project set aside by ``docket db quarantine``: never exported."""
    skipped: int = 0
    """Answers of an older database that do not fit their task, skipped when read."""
    container: str = "jsonl"
    """How the rows were written (:mod:`docket.server.dataset_files`)."""
    json_columns: tuple[str, ...] = ()
    """Columns written as JSON text in Parquet or Arrow (their values mix types)."""
    pii: PiiExport | None = None
    """The PII scan of what was written, and what ``--redact`` masked."""

    def left_out(self, fmt: str) -> list[str]:
        """What the export of format ``fmt`` did not write, and why: one phrase per kind,
        only the kinds there were (the command's output and the dataset card say it)."""
        if fmt == "rubric":
            kinds = [(self.unresolved, "criterion", "criteria", " unsettled (reviewers split, "
                      "no adjudication): written with grade null")]  # fmt: skip
        else:
            kinds = [
                (self.ties, "tie", "ties", ""),
                (self.unresolved, "unresolved disagreement", "unresolved disagreements", ""),
                (self.unchanged_rewrites, "rewrite equal to its base",
                 "rewrites equal to their base", ""),
            ]  # fmt: skip
        one, many = _MISSING.get(fmt, ("row", "rows"))
        kinds += [
            (self.missing_tasks, one, many, " the task archive lacks (task or response)"),
            (self.quarantined, "quarantined answer", "quarantined answers",
             " (`docket db quarantine`)"),
            (self.skipped, "answer that does not fit its task",
             "answers that do not fit their task", " (`docket db check`)"),
        ]  # fmt: skip
        return [f"{n} {one if n == 1 else many}{why}" for n, one, many, why in kinds if n]


_MISSING = {
    "dpo": ("task or rewrite", "tasks or rewrites"),
    "sft": ("rewrite", "rewrites"),
    "healthbench": ("set of criteria", "sets of criteria"),
    "fine-grained": ("spans answer", "spans answers"),
}


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One reviewer's rewrite answer, with what it was written for."""

    task: dict[str, Any]
    question: str
    reviewer: str
    base: str | None
    text: str


def rewrites(store: MergedStore) -> tuple[list[Rewrite], int]:
    """Every rewrite answer of a task the archive holds, in task and reviewer order, and
    how many were left out (their task unknown, or a base the task does not have)."""
    schemas = task_schemas(store)
    out: list[Rewrite] = []
    missing = 0
    tasks: dict[str, dict[str, Any] | None] = {}
    for a in distinct_names(store.answers()):
        questions = [q for q in schema_for(schemas, a).questions if isinstance(q, RewriteQuestion)]
        for q in questions:
            value = a.answers.get(q.id)
            if not isinstance(value, dict) or not isinstance(value.get("text"), str):
                continue
            if not value["text"].strip():
                continue
            if a.task_id not in tasks:
                tasks[a.task_id] = store.task(a.task_id)
            task = tasks[a.task_id]
            base = value.get("base")
            base = base if isinstance(base, str) else None
            if task is None or (
                base is not None and base not in {r["id"] for r in task["responses"]}
            ):
                missing += 1
                continue
            out.append(Rewrite(task, q.id, a.reviewer_name, base, value["text"]))
    return out, missing


def sft_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """One ``messages`` row per rewrite (see the module docstring)."""
    _need_tasks(store)
    found, missing = rewrites(store)
    rows = []
    for r in found:
        models = {x["id"]: x.get("model") for x in r.task["responses"]}
        rows.append(
            {
                "messages": [
                    *({"role": t["role"], "content": t["content"]} for t in r.task["conversation"]),
                    {"role": "assistant", "content": r.text},
                ],
                "task_id": r.task["id"],
                "question": r.question,
                "reviewer": r.reviewer,
                "base_id": r.base,
                "base_model": models.get(r.base) if r.base is not None else None,
                "source": "rewrite",
                "guidelines_sha256": r.task.get("guidelines_sha256") or "",
            }
        )
    return rows, ExportSummary(len(rows), 0, 0, missing)


def rewrite_pairs(store: MergedStore) -> tuple[list[dict[str, Any]], int, int]:
    """DPO rows from rewrites with a base: the rewrite chosen over its base. Also how many
    were left out as equal to their base, and how many name what the archive lacks."""
    found, missing = rewrites(store)
    rows = []
    unchanged = 0
    for r in found:
        if r.base is None:
            continue
        texts = {x["id"]: x["text"] for x in r.task["responses"]}
        models = {x["id"]: x.get("model") for x in r.task["responses"]}
        if r.text == texts[r.base]:
            unchanged += 1
            continue
        prompt, conversational = dataset_row_conversation(r.task)
        rows.append(
            {
                "prompt": prompt,
                "chosen": [{"role": "assistant", "content": r.text}] if conversational else r.text,
                "rejected": [{"role": "assistant", "content": texts[r.base]}]
                if conversational
                else texts[r.base],
                "margin": None,
                "task_id": r.task["id"],
                "chosen_id": None,
                "rejected_id": r.base,
                "chosen_model": None,
                "rejected_model": models[r.base],
                "reviewers": [r.reviewer],
                "agreement": None,
                "resolution": "rewrite",
                "guidelines_sha256": r.task.get("guidelines_sha256") or "",
                "source": "rewrite",
            }
        )
    return rows, unchanged, missing


def dpo_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    _need_tasks(store)
    rows: list[dict[str, Any]] = []
    ties = unresolved = missing = 0
    schemas = task_schemas(store)
    adjudicated = store.adjudications()
    answers = distinct_names(store.answers())
    suggestions = store.suggestions()
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
        judged = (
            judged_pairs(suggestions[task_id], task, schema_for_task(schemas, task))
            if suggestions.get(task_id)
            else {}
        )
        for v in pair_verdicts:
            if v.resolution == "tie":
                ties += 1
                continue
            if v.winner is None or v.loser is None:
                unresolved += 1
                continue
            chosen, rejected = texts[v.winner], texts[v.loser]
            pair = (min(v.winner, v.loser), max(v.winner, v.loser))
            agreed = {a: p[pair] == v.winner for a, p in judged.items() if pair in p}
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
                    "source": "preference",
                }
                | ({"judge_agreed": agreed} if agreed else {})
            )
    pairs, unchanged, lacking = rewrite_pairs(store)
    rows += pairs
    return rows, ExportSummary(len(rows), ties, unresolved, missing + lacking, unchanged)


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


def schema_for_task(schemas: Schemas, task: dict[str, Any]) -> Schema:
    """The form of an archived task (the default form for its responses when unknown)."""
    known = schemas.get(str(task["id"]))
    return known if known is not None else default_schema(max(2, len(task["responses"])))


def judgment_rows(store: MergedStore) -> list[dict[str, Any]]:
    out = []
    schemas = task_schemas(store)
    records = store.suggestion_records()
    for a in distinct_names(store.answers()):
        schema = schema_for(schemas, a)
        record = records.get((a.reviewer, a.task_id))
        if record is None:
            first: dict[str, Any] | None = a.answers
        else:
            first = record.first
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
                "first_answers": first,
                "final_answers": a.answers,
                "suggestion": None if record is None else record.to_json(),
            }
        )
    return out


def rubric_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """One row per response and rubric criterion any reviewer graded, in task order
    (``unresolved`` in the summary counts the criteria left unsettled)."""
    _need_tasks(store)
    schemas = task_schemas(store)
    items = list(rubric_items(distinct_names(store.answers()), schemas).values())
    adjudicated = store.adjudications()
    settled = settle(items, adjudicated)
    models = response_models(store, {item.task_id for item in items})
    rows = []
    for item in items:
        s = settled[item.key]
        c = item.criterion
        rows.append(
            {
                "task_id": item.task_id,
                "question": item.question,
                "response_id": item.response,
                "model": models.get(item.task_id, {}).get(item.response),
                "criterion_id": c.id,
                "criterion": c.text,
                "points": c.points,
                "tags": list(c.tags),
                "grade": grade_name(s.grade) if s.settled else None,
                "resolution": s.resolution,
                "adjudicated": s.adjudicated,
                "lead": adjudicated[item.task_id][0] if s.adjudicated else None,
                "graders": len(item.grades),
                "reviewers": {who: grade_name(g) for who, g in sorted(item.grades.items())},
                "notes": dict(sorted(item.notes.items())),
            }
        )
    unsettled = sum(1 for s in settled.values() if not s.settled)
    return rows, ExportSummary(len(rows), 0, unsettled, 0)


def healthbench_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """The criteria experts wrote (rubric-writing answers) as HealthBench rows: one per
    task and writer, the task's conversation as ``prompt``, the writer's criteria as
    ``rubrics`` (``{criterion, points, tags}``). ``prompt_id`` is ``<task id>/<writer>``
    so that two experts' rubrics for one task stay two rows that pack again side by side;
    ``example_tags`` is empty and ``ideal_completions_data`` null (the responses to grade
    come from a ``--responses`` file keyed by that ``prompt_id``). The summary counts the
    criteria sets of tasks the archive lacks (left out)."""
    _need_tasks(store)
    schemas = task_schemas(store)
    rows = []
    missing = 0
    for a in distinct_names(store.answers()):
        writing = [
            q for q in schema_for(schemas, a).questions if isinstance(q, RubricWritingQuestion)
        ]
        task = store.task(a.task_id) if writing else None
        for q in writing:
            value = a.answers.get(q.id)
            if not value:
                continue
            if task is None:
                missing += 1
                continue
            criteria = parse_criteria(value, what=q.id)  # checked at merge: valid
            rows.append(
                {
                    "prompt": [
                        {"role": t["role"], "content": t["content"]} for t in task["conversation"]
                    ],
                    "prompt_id": f"{a.task_id}/{a.reviewer_name}"
                    + ("" if len(writing) == 1 else f"/{q.id}"),
                    "rubrics": [c.to_healthbench() for c in criteria],
                    "example_tags": [],
                    "ideal_completions_data": None,
                }
            )
    return rows, ExportSummary(len(rows), 0, 0, missing)


def fine_grained_rows(store: MergedStore) -> tuple[list[dict[str, Any]], ExportSummary]:
    """Spans in Fine-Grained RLHF's feedback layout: one row per task, spans question,
    annotator and response with spans, ``{"question", "passages"?, "prediction 1",
    "feedback": {"errors": [{"error type", "explanation", "start", "end"}]}}`` (see
    :func:`docket.core.fine_grained.feedback_row`: labels mapped back, ``irrelevant`` ->
    ``Irrelevant`` ..., others kept; the comment as the explanation; offsets are code
    points into the response's raw text, end exclusive), plus provenance: ``task_id``,
    ``response_id``, ``model``, ``annotator``, ``question_id`` and ``source``
    (``"reviewer"``, or ``"adjudicated"`` for the lead's spans in a final verdict).
    ``question`` is the last user turn; the response text comes from the task archive.
    The summary counts the spans answers of tasks the archive lacks (left out)."""
    _need_tasks(store)
    schemas = task_schemas(store)
    marked: list[tuple[str, str, dict[str, Any], str]] = []
    for a in distinct_names(store.answers()):
        marked.append((a.task_id, a.reviewer_name, a.answers, "reviewer"))
    for task_id, (lead, verdict) in sorted(store.adjudications().items()):
        if verdict.get("outcome") != "needs guideline change":
            marked.append((task_id, lead, verdict, "adjudicated"))
    rows = []
    missing = 0
    tasks: dict[str, dict[str, Any] | None] = {}
    for task_id, who, answers, source in marked:
        schema = schemas.get(task_id)
        questions = [q for q in schema.questions if isinstance(q, SpansQuestion)] if schema else []
        for q in questions:
            spans = spans_of(answers.get(q.id))
            if not spans:
                continue
            if task_id not in tasks:
                tasks[task_id] = store.task(task_id)
            task = tasks[task_id]
            if task is None:
                missing += 1
                continue
            users = [t["content"] for t in task["conversation"] if t["role"] == "user"]
            for response in task["responses"]:
                own = [s for s in spans if s.response == response["id"]]
                if not own:
                    continue
                row = feedback_row(
                    users[-1] if users else "",
                    response["text"],
                    own,
                    documents=task.get("documents") or (),
                )
                row.update(
                    task_id=task_id,
                    response_id=response["id"],
                    model=response.get("model"),
                    annotator=who,
                    question_id=q.id,
                    source=source,
                )
                rows.append(row)
    return rows, ExportSummary(len(rows), 0, 0, missing)


def _need_tasks(store: MergedStore) -> None:
    if not store.has_tasks():
        raise DocketError(
            "The merged database holds no task texts, so it cannot write prompts and responses.",
            hint="Merge again with --tasks PROJECT.server-tasks (written by `docket pack`).",
        )


FORMATS = (
    "dpo",
    "judgments",
    "rubric",
    "healthbench",
    "fine-grained",
    "sft",
    "openai-preference",
    "openai-chat",
    "reward",
    "label-studio",
)


def export_rows(store: MergedStore, fmt: str) -> tuple[list[dict[str, Any]], ExportSummary]:
    """The rows of format ``fmt`` and what was left out (see :meth:`ExportSummary.left_out`)."""
    from docket.server import dataset_shapes

    builders = {
        "dpo": dpo_rows,
        "rubric": rubric_rows,
        "healthbench": healthbench_rows,
        "fine-grained": fine_grained_rows,
        "sft": sft_rows,
        "openai-preference": dataset_shapes.openai_preference_rows,
        "openai-chat": dataset_shapes.openai_chat_rows,
        "reward": dataset_shapes.reward_rows,
        "label-studio": dataset_shapes.label_studio_rows,
    }
    if fmt == "judgments":
        rows = judgment_rows(store)
        return rows, ExportSummary(len(rows), 0, 0, 0)
    if fmt not in builders:
        raise DocketError(
            f"Unknown dataset format {fmt!r}.", hint=f"Use one of {', '.join(FORMATS)}."
        )
    return builders[fmt](store)


def export(
    store: MergedStore,
    fmt: str,
    out: Path,
    *,
    container: str | None = None,
    redact: bool = False,
    restore_pii: bool = False,
    progress: Progress | None = None,
    card: Callable[[ExportSummary], tuple[Path, bytes]] | None = None,
) -> ExportSummary:
    """Write the rows of format ``fmt`` to ``out`` (JSON lines by default, or the
    container ``container`` or ``out``'s suffix names: :mod:`docket.server.dataset_files`;
    atomically); what was left out, for every format, in the summary (see
    :meth:`ExportSummary.left_out`). The dataset card beside it is
    :func:`docket.server.dataset_card.write_card`'s, or ``card``'s: given the summary, the
    card's path and bytes, written and moved into place together with the data.

    ``redact`` masks PII in every text field (:mod:`docket.server.pii_export`);
    ``restore_pii`` (``judgments`` only, never with ``redact``) puts back the originals of
    a project packed with ``--pii mask``. Either way the summary holds the PII scan of
    what was written.

    ``progress`` hears of the rows redacted and scanned (:mod:`docket.core.progress`); if
    it raises, nothing was written."""
    from docket.server.dataset_files import container_for, require_pyarrow, write_rows

    if restore_pii and redact:
        raise DocketError(
            "--restore-pii puts back what --redact takes out: give one of them.",
            hint="--restore-pii is for the server's own judgments; --redact for data that leaves.",
        )
    if restore_pii and fmt != "judgments":
        raise DocketError(
            f"--restore-pii is for --format judgments only (not {fmt}).",
            hint="The originals of masked PII are for the server's own use.",
        )
    # Label Studio imports one JSON array; JSON lines only when the name asks for them.
    default = "json" if fmt == "label-studio" and out.suffix.lower() != ".jsonl" else None
    chosen = container_for(out, container or default)
    if chosen in {"parquet", "hf"}:
        require_pyarrow()  # before the rows are built: say what is missing at once
    tick = progress or no_progress
    tick(f"building {fmt} rows", 0, None)
    rows, summary = export_rows(store, fmt)
    pii = PiiExport(redacted=redact, restored=restore_pii)
    if redact:
        redactor = Redactor(store)
        known = set(store.task_ids())
        redacted: list[dict[str, Any]] = []
        for r in rows:
            tick("masking PII", len(redacted), len(rows))
            redacted.append(redactor.row(r, row_task_id(r, known)))
        rows = redacted
        pii.masked = dict(sorted(redactor.masked.items()))
    elif restore_pii:
        masks = store.pii_masks()
        rows = [restore(r, masks.get(str(r.get("task_id")), {})) for r in rows]
    scanner = Scanner()
    for done, r in enumerate(rows):
        tick("scanning for PII", done, len(rows))
        scanner.row(r)
    tick("scanning for PII", len(rows), len(rows))
    pii.found, pii.truncated = scanner.counts(), scanner.truncated
    summary = replace(
        summary,
        quarantined=quarantined_answers(store),
        skipped=len(set(store.warnings)),
        pii=pii,
    )

    def beside(as_json: list[str]) -> tuple[Path, bytes]:
        assert card is not None
        return card(replace(summary, container=chosen, json_columns=tuple(as_json)))

    as_json = write_rows(rows, out, chosen, companion=beside if card is not None else None)
    return replace(summary, container=chosen, json_columns=tuple(as_json))
