"""Rubric grades on the server: how far reviewers agree criterion by criterion, the grade
each criterion settles on, and the scores that gives each model.

An *item* is one criterion of one response of one task (of one rubric question of the
task's form): ``(task, question, response, criterion)``. Each reviewer who was issued the
task grades it met, not met or not applicable (``True`` / ``False`` / ``None``, as
:func:`docket.core.rubric.grades_of` reads an answer). Which criteria a task has comes
from its answer form in the merged task archive (``docket pack`` puts the task's criteria
into the form's rubric question), so only the criteria that were issued are counted.

Agreement (:func:`rubric_agreement`) is the reviewers' own, before any adjudication:

- percent agreement, Fleiss' kappa and Cohen's kappa per pair of reviewers, over the
  items graded by two or more reviewers, with the three grades as three nominal
  categories (one reviewer's "not applicable" against another's "met" is a disagreement);
  the coefficients are those of :mod:`docket.server.agreement_stats`;
- each reviewer's macro F1 against the other reviewers, as HealthBench's meta-evaluation
  computes it for each physician (``compute_metrics_for_rater_by_class`` in OpenAI's
  simple-evals ``healthbench_meta_eval.py``): every pair (this reviewer's grade, one other
  reviewer's grade) on an item counts once, the other's grade taken as the truth;
  precision and recall of "met" and of "not met" over those pairs, F1 of each class, and
  the macro F1 their mean. With two reviewers on an item that is F1 against the other
  reviewer; with more, each other reviewer's grade counts, so ties among the others need
  no rule (HealthBench does the same, rather than taking the others' majority). A pair in
  which either grade is "not applicable" is left out: HealthBench's grades are binary and
  F1 is defined over met / not met only. A class F1 is ``None`` when its precision or
  recall has no pairs to count (the reviewer never said, or the others never said, that
  class), and the macro F1 then is ``None`` too; it is 0 when both are 0.

Consensus (:func:`settle`) gives each item one grade: the lead's, where an adjudication
with the outcome "final verdict" graded it; else the grade a strict majority of the
reviewers who graded it gave (one reviewer alone: that grade); else none: a tie (one
"met" against one "not met", or three reviewers three ways) leaves the item *unsettled*
until the lead settles it.

Scores (:func:`model_scores`) follow HealthBench: a response's raw score is
:func:`docket.core.rubric.rubric_score` of its settled grades (an unsettled criterion
counts as not applicable: neither achieved nor possible, and is counted in
``unsettled``); a model's score is the mean of its responses' raw scores, clipped to
[0, 1], with a 95 % percentile bootstrap interval that resamples tasks (all of a task's
responses by the model go together), seeded so that the same data give the same interval.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from docket.core.rubric import Criterion, Grade, grades_of, rubric_score
from docket.core.schema import RubricQuestion
from docket.server.agreement_stats import cohen_kappa, fleiss_kappa, percent_agreement
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.schemas import Schemas, schema_for

ItemKey = tuple[str, str, str, str]
"""``(task id, rubric question id, response id, criterion id)``."""

GRADE_NAMES: dict[Grade, str] = {True: "met", False: "not met", None: "not applicable"}
"""How a grade is written in reports and datasets."""

FINAL_VERDICT = "final verdict"
BOOTSTRAP_RESAMPLES = 1000


def grade_name(grade: Grade) -> str:
    return GRADE_NAMES[grade]


def grades_text(grades: Mapping[str, Grade]) -> str:
    """Who graded what, grade by grade: ``met (alice, carol), not met (bob)``."""
    parts = []
    for grade, name in GRADE_NAMES.items():
        who = sorted(r for r, g in grades.items() if g is grade)
        if who:
            parts.append(f"{name} ({', '.join(who)})")
    return ", ".join(parts)


# --- items -----------------------------------------------------------------------------


@dataclass(slots=True)
class RubricItem:
    """One criterion of one response, and every reviewer's grade of it."""

    task_id: str
    question: str
    response: str
    criterion: Criterion
    grades: dict[str, Grade] = field(default_factory=dict)
    """Reviewer -> grade, for the reviewers who graded it."""
    notes: dict[str, str] = field(default_factory=dict)
    """Reviewer -> note, for those who wrote one."""

    @property
    def key(self) -> ItemKey:
        return (self.task_id, self.question, self.response, self.criterion.id)

    @property
    def split(self) -> bool:
        """Reviewers gave it different grades."""
        return len(set(self.grades.values())) > 1


def answer_grades(
    answer: MergedAnswer, question: RubricQuestion
) -> Iterator[tuple[str, Criterion, Grade, str]]:
    """``(response id, criterion, grade, note)`` for every criterion of ``question`` this
    answer graded, response by response (the task's responses, in id order). Criteria the
    form does not hold are not read (merge refuses them)."""
    value = answer.answers.get(question.id)
    if not isinstance(value, Mapping):
        return
    for rid in sorted(answer.display_order.values()):
        grades = grades_of(value, rid)
        entries = value.get(rid)
        for criterion in question.criteria:
            if criterion.id in grades:
                entry = entries.get(criterion.id) if isinstance(entries, Mapping) else None
                note = entry.get("note") if isinstance(entry, Mapping) else None
                yield rid, criterion, grades[criterion.id], note if isinstance(note, str) else ""


def rubric_items(answers: Iterable[MergedAnswer], schemas: Schemas) -> dict[ItemKey, RubricItem]:
    """Every item any reviewer graded, with all their grades, in task order."""
    items: dict[ItemKey, RubricItem] = {}
    for answer in sorted(answers, key=lambda a: (a.task_id, a.reviewer_name)):
        for q in schema_for(schemas, answer).rubric_questions:
            for rid, criterion, grade, note in answer_grades(answer, q):
                key = (answer.task_id, q.id, rid, criterion.id)
                item = items.get(key)
                if item is None:
                    item = items[key] = RubricItem(answer.task_id, q.id, rid, criterion)
                item.grades[answer.reviewer_name] = grade
                if note.strip():
                    item.notes[answer.reviewer_name] = note
    return items


def item_unit(key: ItemKey) -> str:
    """An item as a unit id of :mod:`docket.server.agreement_stats`."""
    return "|".join(key)


# --- agreement -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewerF1:
    reviewer: str
    macro_f1: float | None
    f1_met: float | None
    f1_not_met: float | None
    pairs: int
    """Pairs (this reviewer's grade, another's) with both met or not met."""


@dataclass(slots=True)
class RubricAgreement:
    items: int
    """Items graded by two or more reviewers (the rest cannot agree or disagree)."""
    split: int
    """Of those, items the reviewers graded differently."""
    percent_agreement: float | None
    fleiss_kappa: float | None
    cohen: list[dict[str, Any]]
    """Per pair of reviewers: ``{"reviewers": [a, b], "items": n, "kappa": k}``."""
    f1: list[ReviewerF1]


def binary_f1(
    pairs: Sequence[tuple[bool, bool]],
) -> tuple[float | None, float | None, float | None]:
    """``(macro F1, F1 of met, F1 of not met)`` of ``(predicted, truth)`` pairs, as
    HealthBench's meta-evaluation computes them (see the module docstring)."""

    def f1(cls: bool) -> float | None:
        hits = sum(1 for p, t in pairs if p == cls and t == cls)
        predicted = sum(1 for p, _ in pairs if p == cls)
        actual = sum(1 for _, t in pairs if t == cls)
        if predicted == 0 or actual == 0:
            return None
        precision, recall = hits / predicted, hits / actual
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)

    met, not_met = f1(True), f1(False)
    macro = None if met is None or not_met is None else (met + not_met) / 2
    return macro, met, not_met


def rubric_agreement(items: Iterable[RubricItem]) -> RubricAgreement | None:
    """Agreement over the items graded by two or more reviewers; ``None`` when none was."""
    shared = [item for item in items if len(item.grades) >= 2]
    if not shared:
        return None
    units = {
        item_unit(item.key): {who: grade_name(g) for who, g in item.grades.items()}
        for item in shared
    }
    reviewers = sorted({who for item in shared for who in item.grades})
    cohen = []
    for a, b in combinations(reviewers, 2):
        both = [(u[a], u[b]) for u in units.values() if a in u and b in u]
        if both:
            cohen.append({"reviewers": [a, b], "items": len(both), "kappa": cohen_kappa(both)})
    f1 = []
    for who in reviewers:
        pairs = [
            (own, other)
            for item in shared
            if who in item.grades and (own := item.grades[who]) is not None
            for them, other in item.grades.items()
            if them != who and other is not None
        ]
        macro, met, not_met = binary_f1(pairs)
        f1.append(ReviewerF1(who, macro, met, not_met, len(pairs)))
    return RubricAgreement(
        len(shared),
        sum(1 for item in shared if item.split),
        percent_agreement(units),
        fleiss_kappa(units),
        cohen,
        f1,
    )


# --- consensus -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SettledGrade:
    grade: Grade
    """The grade the item settled on (``None`` also when unsettled: see ``resolution``)."""
    resolution: str
    """``adjudicated``, ``unanimous`` (two or more reviewers, all alike), ``majority``,
    ``single`` (one reviewer graded it) or ``unsettled`` (no strict majority)."""

    @property
    def settled(self) -> bool:
        return self.resolution != "unsettled"

    @property
    def adjudicated(self) -> bool:
        return self.resolution == "adjudicated"


def consensus(grades: Mapping[str, Grade]) -> SettledGrade:
    """The grade a strict majority of the reviewers gave (see the module docstring)."""
    counts: dict[Grade, int] = defaultdict(int)
    for grade in grades.values():
        counts[grade] += 1
    if not counts:
        return SettledGrade(None, "unsettled")
    (best, n), *rest = sorted(counts.items(), key=lambda kv: -kv[1])
    if n * 2 <= len(grades):
        return SettledGrade(None, "unsettled")
    if len(grades) == 1:
        return SettledGrade(best, "single")
    return SettledGrade(best, "unanimous" if not rest else "majority")


def settle(
    items: Iterable[RubricItem],
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
) -> dict[ItemKey, SettledGrade]:
    """Each item's grade: the lead's final verdict where it graded the item, else the
    reviewers' consensus. ``adjudications`` is :meth:`MergedStore.adjudications` (task id
    -> (lead, the lead's answers)); a verdict whose outcome is not "final verdict" (one
    that needs a guideline change) settles nothing."""
    out: dict[ItemKey, SettledGrade] = {}
    for item in items:
        verdict = adjudications.get(item.task_id)
        if verdict is not None and verdict[1].get("outcome") == FINAL_VERDICT:
            lead = grades_of(verdict[1].get(item.question), item.response)
            if item.criterion.id in lead:
                out[item.key] = SettledGrade(lead[item.criterion.id], "adjudicated")
                continue
        out[item.key] = consensus(item.grades)
    return out


# --- scores ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResponseScore:
    task_id: str
    question: str
    response: str
    model: str | None
    raw: float
    """HealthBench's per-response score (achieved / possible points; may be negative)."""
    unsettled: int


@dataclass(frozen=True, slots=True)
class ModelScore:
    question: str
    model: str | None
    responses: int
    tasks: int
    mean_raw: float
    """Mean of the responses' raw scores, unclipped."""
    score: float
    """``mean_raw`` clipped to [0, 1]: HealthBench's score of the model."""
    interval: tuple[float, float]
    """95 % percentile bootstrap interval of ``score``, resampling tasks."""
    bootstrap_std: float
    """Standard deviation of the bootstrap scores (what HealthBench reports)."""
    unsettled: int
    """Criteria of these responses left unsettled (counted as not applicable)."""


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def response_scores(
    items: Iterable[RubricItem],
    settled: Mapping[ItemKey, SettledGrade],
    criteria: Mapping[tuple[str, str], Sequence[Criterion]],
    models: Mapping[str, Mapping[str, str | None]],
) -> list[ResponseScore]:
    """Every graded response's raw score from its settled grades. ``criteria`` holds
    each (task, rubric question)'s criteria; ``models`` each task's model per response id.
    A response with no positive points to score against is left out."""
    grades: dict[tuple[str, str, str], dict[str, Grade]] = defaultdict(dict)
    unsettled: dict[tuple[str, str, str], int] = defaultdict(int)
    for item in items:
        where = (item.task_id, item.question, item.response)
        s = settled[item.key]
        grades[where][item.criterion.id] = s.grade if s.settled else None
        unsettled[where] += not s.settled
    out = []
    for (task_id, question, response), given in sorted(grades.items()):
        score = rubric_score(criteria[(task_id, question)], given)
        if math.isnan(score.raw):
            continue
        model = models.get(task_id, {}).get(response)
        left = unsettled[(task_id, question, response)]
        out.append(ResponseScore(task_id, question, response, model, score.raw, left))
    return out


def model_scores(
    responses: Iterable[ResponseScore],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = 0,
) -> list[ModelScore]:
    """Per rubric question and model, HealthBench's score with a bootstrap interval.

    The bootstrap draws the model's tasks with replacement ``resamples`` times from
    ``random.Random`` seeded with ``seed``, the question and the model (so a model's
    interval does not depend on which other models are present), takes the clipped mean
    of every response of the drawn tasks, and returns the 2.5 % and 97.5 % quantiles
    (linear interpolation, ``statistics.quantiles(method="inclusive")``)."""
    by_model: dict[tuple[str, str | None], dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    unsettled: dict[tuple[str, str | None], int] = defaultdict(int)
    for r in responses:
        by_model[(r.question, r.model)][r.task_id].append(r.raw)
        unsettled[(r.question, r.model)] += r.unsettled
    out = []
    for (question, model), tasks in sorted(
        by_model.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        raws = [x for scores in tasks.values() for x in scores]
        mean = math.fsum(raws) / len(raws)
        rng = random.Random(f"{seed}|{question}|{model}")
        groups = [tasks[t] for t in sorted(tasks)]
        draws = []
        for _ in range(resamples):
            drawn = [x for g in rng.choices(groups, k=len(groups)) for x in g]
            draws.append(_clip(math.fsum(drawn) / len(drawn)))
        low, *_, high = statistics.quantiles(draws, n=40, method="inclusive")
        out.append(
            ModelScore(
                question,
                model,
                len(raws),
                len(tasks),
                mean,
                _clip(mean),
                (low, high),
                statistics.pstdev(draws),
                unsettled[(question, model)],
            )
        )
    return out


# --- the whole report ------------------------------------------------------------------


def response_models(
    store: MergedStore, task_ids: Iterable[str]
) -> dict[str, dict[str, str | None]]:
    """Per task, the model that wrote each response (from the server's task archive,
    ``merge --tasks``; ``None`` where the row named no model or the task is unknown)."""
    known = store.response_models()  # one query for every task, not one per task
    return {task_id: dict(known.get(task_id, {})) for task_id in sorted(set(task_ids))}


def task_criteria(
    items: Iterable[RubricItem], schemas: Schemas
) -> dict[tuple[str, str], tuple[Criterion, ...]]:
    """Per (task, rubric question), the criteria of the question as issued."""
    out: dict[tuple[str, str], tuple[Criterion, ...]] = {}
    for item in items:
        where = (item.task_id, item.question)
        if where not in out:
            schema = schemas.get(item.task_id)
            question = schema.question(item.question) if schema is not None else None
            out[where] = (
                question.criteria if isinstance(question, RubricQuestion) else (item.criterion,)
            )
    return out


@dataclass(slots=True)
class RubricReport:
    agreement: RubricAgreement | None
    scores: list[ModelScore]
    items: int
    """Every graded item (by one reviewer or more)."""
    unsettled: int
    adjudicated: int


def rubric_report(
    answers: Sequence[MergedAnswer],
    schemas: Schemas,
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
    models: Mapping[str, Mapping[str, str | None]],
    *,
    seed: int = 0,
) -> RubricReport | None:
    """Agreement and per-model scores of every rubric question; ``None`` without any
    rubric grade."""
    items = list(rubric_items(answers, schemas).values())
    if not items:
        return None
    settled = settle(items, adjudications)
    scores = model_scores(
        response_scores(items, settled, task_criteria(items, schemas), models), seed=seed
    )
    return RubricReport(
        rubric_agreement(items),
        scores,
        len(items),
        sum(1 for s in settled.values() if not s.settled),
        sum(1 for s in settled.values() if s.adjudicated),
    )
