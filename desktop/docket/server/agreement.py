"""``docket agreement``: how much the reviewers agree, per question, and gold accuracy.

Each question becomes *units* (what two reviewers can agree on) with values at the right
level of measurement:

- preference: per task, the direction and strength on one scale from "first response
  (by id) much better" (-2) to "second much better" (+2), tie 0: ordinal; and the bare
  direction (first, second, tie): nominal;
- ranking: per task and pair of responses, which one the reviewer ranked higher (-1, 0 for
  a tie, +1): ordinal, so rankings are compared through the pairs they imply;
- likert: per task, response and dimension, the score: ordinal;
- flags: per task, target (a response or the task) and flag, set or not: nominal;
- choice: per task, the choice: nominal;
- rubric: per task, response and criterion, the grade (met, not met, not applicable):
  nominal (see :mod:`docket.server.rubric_agreement`, which adds each reviewer's macro F1
  and the scores per model).

Spans are not units of this kind (two reviewers rarely mark the very same characters):
:func:`span_agreements` compares them pair by pair, per label, by exact match and by
character overlap (:mod:`docket.server.span_agreement`).

For every question: the number of units judged by two or more reviewers, percentage
agreement, Fleiss' kappa, Krippendorff's alpha with a bootstrap interval when there are
fewer than 200 units, and Cohen's kappa for each pair of reviewers with the number of
units they share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, cast

from docket.core.bulk import paused_gc
from docket.core.rules import comparison_questions
from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RubricQuestion,
    Schema,
    SpansQuestion,
)
from docket.core.spans import spans_of
from docket.server.agreement_stats import (
    Level,
    UnitTally,
    alpha_bootstrap_interval,
    cohen_kappa_of_counts,
    pairwise_from_ranking,
    tally_cohen_kappas,
    tally_fleiss_kappa,
    tally_krippendorff_alpha,
    tally_percent_agreement,
    wilson_interval,
)
from docket.server.answer_facts import STRENGTH, FactRow, FactTally, fact_tallies
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.reviewer_names import reviewer_labels
from docket.server.rubric_agreement import answer_grades, grade_name, item_unit
from docket.server.schemas import schema_for
from docket.server.span_agreement import SpanAgreement, SpanKey, pair_agreement

_UNIT_KINDS = (
    PreferenceQuestion,
    RankingQuestion,
    LikertQuestion,
    FlagsQuestion,
    RubricQuestion,
    ChoiceQuestion,
)
"""The questions that give units (see :func:`_add_units`); the others give none."""
SMALL_SAMPLE = 200
Units = dict[str, dict[str, Hashable]]


@dataclass(slots=True)
class QuestionAgreement:
    question: str
    level: str
    units: int
    percent_agreement: float | None
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    alpha_interval: tuple[float, float] | None
    cohen: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class GoldAccuracy:
    reviewer: str
    correct: int
    total: int
    interval: tuple[float, float] | None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def _units(
    answers: Iterable[MergedAnswer], schemas: Mapping[str, Schema] | None = None
) -> dict[tuple[str, str], Units]:
    """(question, level) -> units -> reviewer -> value.

    Questions are found by type in the task's schema (any ids a project chose); without
    a schema (the task archive was not merged) the default form's ids are assumed, flags
    are those any reviewer of the task set, and free-form answers are left out.
    """
    out: dict[tuple[str, str], Units] = defaultdict(dict)
    for local in _task_units(answers, schemas):
        for key, units in local.items():
            out[key].update(units)
    return out


def question_units(
    answers: Iterable[MergedAnswer], schemas: Mapping[str, Schema] | None, question: str, level: str
) -> Units:
    """The units of one question of :func:`agreement` (``_units(...)[(question, level)]``),
    building only those: the questions of a form that cannot give them are not read."""
    out: Units = {}
    for local in _task_units(answers, schemas, wanted=question):
        out.update(local.get((question, level), {}))
    return out


def _may_give(q: Question, wanted: str) -> bool:
    """Whether :func:`_add_units` can give ``q`` units of the question named ``wanted``."""
    label = q.id if q.id == q.kind else f"{q.kind} {q.id}"
    if isinstance(q, PreferenceQuestion):
        return wanted in (label, f"{label} direction")
    if isinstance(q, RankingQuestion):
        return wanted == f"{label} (pairs)"
    if isinstance(q, LikertQuestion):
        return wanted.startswith(f"{label} ")
    if isinstance(q, FlagsQuestion):
        return wanted.startswith("flag ")
    if isinstance(q, ChoiceQuestion):
        return wanted == f"choice {q.id}"
    return wanted == label


def _task_units(
    answers: Iterable[MergedAnswer],
    schemas: Mapping[str, Schema] | None = None,
    tallies: dict[tuple[str, str], UnitTally] | None = None,
    first: Mapping[tuple[str, str], object] | None = None,
    wanted: str | None = None,
) -> Iterator[dict[tuple[str, str], Units]]:
    """The units of :func:`_units`, task by task (in the order of the answers), so that a
    caller that only sums them never holds every unit at once.

    With ``tallies``, a flags question of a known form whose units no longer need their
    order (``first`` holds None for each of its flags) is summed straight into them
    instead (:func:`_sum_flags`): most of a task's units are flags that no one set.
    ``wanted`` (a question's name) leaves out the questions that cannot give its units."""
    by_task: dict[str, list[MergedAnswer]] = defaultdict(list)
    for a in answers:
        by_task[a.task_id].append(a)
    for task_id, group in by_task.items():
        if len(group) < 2:
            continue
        out: dict[tuple[str, str], Units] = defaultdict(lambda: defaultdict(dict))
        schema = schema_for(schemas or {}, group[0])
        known_schema = schemas is not None and task_id in schemas
        for q in schema.questions:
            if not isinstance(q, _UNIT_KINDS) or (wanted is not None and not _may_give(q, wanted)):
                continue
            if (
                tallies is not None
                and first is not None
                and known_schema
                and isinstance(q, FlagsQuestion)
                and _sum_flags(tallies, first, q, group)
            ):
                continue
            for a in group:
                _add_units(out, q, task_id, a, group, known_schema)
        yield out


def _sum_flags(
    tallies: dict[tuple[str, str], UnitTally],
    first: Mapping[tuple[str, str], object],
    q: FlagsQuestion,
    group: list[MergedAnswer],
) -> bool:
    """Add one task's units of a flags question of a known form to ``tallies`` as
    :func:`_add_units` would make them, without making them: every reviewer of the task
    judges every flag of every target, so a unit no one flagged is the task's all-False
    signature, added once per flag with its number of such targets. False (nothing added)
    when that does not hold or the units' order is still wanted."""
    who = tuple(a.reviewer_name for a in group)
    ids = sorted(group[0].display_order.values())
    if len(set(who)) != len(who) or any(sorted(a.display_order.values()) != ids for a in group):
        return False
    plan = _flag_plan(q)
    if any(first.get(key, ()) is not None for key, _, _ in plan):
        return False
    targets = [*ids, "task"]
    marked: list[set[tuple[str, object]]] = []
    for a in group:
        value = a.answers.get(q.id)
        chosen = value if isinstance(value, dict) else {}
        marked.append(
            {(t, n) for t in targets if isinstance(chosen.get(t), list) for n in chosen[t]}
        )
    anyone = set().union(*marked)
    unset = (False,) * len(who)
    for key, on_responses, on_task in plan:
        tally = tallies[key]
        name = key[0].removeprefix("flag ")
        quiet = 0
        for target in [*(ids if on_responses else ()), *(("task",) if on_task else ())]:
            if (target, name) in anyone:
                tally.add_signature(who, tuple((target, name) in m for m in marked))
            else:
                quiet += 1
        if quiet:
            tally.add_signature(who, unset, quiet)
    return True


@lru_cache(maxsize=256)
def _flag_plan(q: FlagsQuestion) -> tuple[tuple[tuple[str, str], bool, bool], ...]:
    """Per flag of the question, in the order :func:`_add_units` meets them: its units'
    key, and whether responses and the task carry it."""
    on_responses = {name for name, _ in q.response_flags}
    on_task = {name for name, _ in q.task_flags}
    names = dict.fromkeys([*(n for n, _ in q.response_flags), *(n for n, _ in q.task_flags)])
    return tuple(
        ((f"flag {name}", "nominal"), name in on_responses, name in on_task) for name in names
    )


def _add_units(
    out: dict[tuple[str, str], Units],
    q: Question,
    task_id: str,
    a: MergedAnswer,
    group: list[MergedAnswer],
    known_schema: bool,
) -> None:
    who = a.reviewer_name
    value = a.answers.get(q.id)
    label = q.id if q.id == q.kind else f"{q.kind} {q.id}"
    if isinstance(q, LikertQuestion):
        if isinstance(value, dict):
            for rid, dims in value.items():
                if isinstance(dims, dict):
                    unit = f"{task_id}|{rid}"
                    for dim, score in dims.items():
                        out[(f"{label} {dim}", "ordinal")][unit][who] = score
        return
    ids = sorted(a.display_order.values())
    if isinstance(q, PreferenceQuestion):
        if isinstance(value, dict) and len(ids) == 2:
            better = value.get("better")
            strength = STRENGTH.get(str(value.get("strength")), 1)
            scale = 0 if better is None else (-strength if better == ids[0] else strength)
            out[(label, "ordinal")][task_id][who] = scale
            out[(f"{label} direction", "nominal")][task_id][who] = (
                "tie" if better is None else ("first" if better == ids[0] else "second")
            )
    elif isinstance(q, RankingQuestion):
        if isinstance(value, list):
            for (x, y), sign in pairwise_from_ranking(value).items():
                out[(f"{label} (pairs)", "ordinal")][f"{task_id}|{x}|{y}"][who] = sign
    elif isinstance(q, FlagsQuestion):
        chosen = value if isinstance(value, dict) else {}
        if known_schema:
            names = {"task": [f for f, _ in q.task_flags]}
            response_names = [f for f, _ in q.response_flags]
        else:  # only the flags someone set on this task
            seen = sorted({str(n) for b in group for v in (b.answers.get(q.id) or {}).values()
                           if isinstance(v, list) for n in v})  # fmt: skip
            names, response_names = {"task": seen}, seen
        for target in [*ids, "task"]:
            flags = set(chosen.get(target) or []) if isinstance(chosen.get(target), list) else set()
            for name in names.get(target, response_names):
                out[(f"flag {name}", "nominal")][f"{task_id}|{target}"][who] = name in flags
    elif isinstance(q, RubricQuestion):
        for rid, criterion, grade, _ in answer_grades(a, q):
            unit = item_unit((task_id, q.id, rid, criterion.id))
            out[(label, "nominal")][unit][who] = grade_name(grade)
    elif isinstance(q, ChoiceQuestion) and known_schema and isinstance(value, (str, list)):
        out[(f"choice {q.id}", "nominal")][task_id][who] = (
            tuple(sorted(value)) if isinstance(value, list) else value
        )


def agreement(
    answers: list[MergedAnswer],
    *,
    schemas: Mapping[str, Schema] | None = None,
    seed: int = 0,
) -> list[QuestionAgreement]:
    # Per question, the units two or more reviewers judged, summed by their ratings as
    # they are read (the coefficients need nothing else), and the first SMALL_SAMPLE of
    # them in order for the bootstrap interval that only that many units get.
    tallies: dict[tuple[str, str], UnitTally] = {}
    first: dict[tuple[str, str], list[Mapping[str, Hashable]] | None] = {}
    with paused_gc():
        for local in _task_units(answers, schemas, tallies, first):
            for key, units in local.items():
                tally = tallies.get(key)
                if tally is None:
                    tally = tallies[key] = UnitTally()
                    first[key] = []
                kept = first[key]
                for ratings in units.values():
                    if len(ratings) < 2:
                        continue
                    tally.add(ratings)
                    if kept is not None:
                        if len(kept) < SMALL_SAMPLE:
                            kept.append(ratings)
                        else:
                            kept = first[key] = None
    return _results(tallies, first, {}, seed)


@dataclass(slots=True)
class FactsAgreement:
    questions: list[QuestionAgreement]
    labels: dict[str, str]
    """Fingerprint -> the name each reviewer was shown under."""

    def relabel(self, answers: Iterable[MergedAnswer]) -> list[MergedAnswer]:
        """``answers`` (some of the project's) under the names of :attr:`labels`."""
        return [
            a if self.labels[a.reviewer] == a.reviewer_name
            else replace(a, reviewer_name=self.labels[a.reviewer])
            for a in answers
        ]  # fmt: skip


def facts_agreement(
    store: MergedStore,
    schemas: Mapping[str, Schema],
    labels: Callable[[str, str], str] | None = None,
    *,
    seed: int = 0,
) -> FactsAgreement | None:
    """:func:`agreement` of the project's answers from their facts
    (:mod:`docket.server.answer_facts`) instead of their bodies: the same figures,
    or ``None`` where the facts cannot give them exactly (an answer without facts, a
    form they cannot express, a question with fewer than SMALL_SAMPLE units, whose
    bootstrap interval needs the units in order): then read the answers.
    ``labels(fingerprint, name)`` names a reviewer (as :func:`distinct_names` would
    by default)."""
    read = store.answer_fact_rows()
    if read is None:
        return None
    rows, who = read
    return agreement_from_facts(rows, who, forms_of(rows, schemas), labels, seed=seed)


def agreement_from_facts(
    rows: Sequence[FactRow],
    who: Mapping[Any, tuple[str, str]],
    forms: Mapping[int, Schema],
    labels: Callable[[str, str], str] | None = None,
    *,
    seed: int = 0,
    small_sample: int = SMALL_SAMPLE,
    counted: Mapping[tuple[str, str], FactTally] | None = None,
) -> FactsAgreement | None:
    """:func:`facts_agreement` of fact rows (task id, rater, form id, responses, facts;
    in task order), ``who`` naming each rater (fingerprint, name) and ``forms`` giving
    each form id's form. A question with fewer than ``small_sample`` units gives
    ``None`` (its bootstrap interval needs the units themselves). ``counted``: the
    rows' units counted already (:func:`docket.server.answer_facts.count_layouts`, under
    the labels this gives the raters)."""
    distinct = reviewer_labels(who.values())
    by_fp = {
        fp: (labels(fp, name) if labels is not None else distinct[fp]) for fp, name in who.values()
    }
    shown = {rater: by_fp[fp] for rater, (fp, _) in who.items()}
    found = fact_tallies(rows, forms, shown) if counted is None else counted
    if found is None or any(sum(t.values.values()) < small_sample for t in found.values()):
        return None
    tallies: dict[tuple[str, str], UnitTally] = {}
    cohens: dict[tuple[str, str], dict[tuple[str, str], tuple[int, float | None]]] = {}
    for key, fact in found.items():
        tally = tallies[key] = UnitTally()
        tally.counts = {((), values): n for values, n in fact.values.items()}
        cohens[key] = {
            pair: (sum(cells.values()), cohen_kappa_of_counts(cells))
            for pair, cells in sorted(fact.pairs.items())
        }
    return FactsAgreement(_results(tallies, dict.fromkeys(tallies), cohens, seed), by_fp)


def has_spans(schemas: Mapping[str, Schema]) -> bool:
    """Whether any of these forms asks for spans (compared answer by answer, never
    from facts: :func:`span_agreements`)."""
    return any(
        isinstance(q, SpansQuestion) for form in {id(s): s for s in schemas.values()}.values()
        for q in form.questions
    )  # fmt: skip


def forms_of(rows: Sequence[tuple[Any, ...]], schemas: Mapping[str, Schema]) -> dict[int, Schema]:
    """The parsed form of each form id the fact rows name (through a task of each: the
    objects of ``schemas``, so that a layout is worked out once per form)."""
    out: dict[int, Schema] = {}
    for row in rows:
        task_id, form = row[0], row[2]
        if form not in out and task_id in schemas:
            out[form] = schemas[task_id]
    return out


_forms_of = forms_of


def _results(
    tallies: Mapping[tuple[str, str], UnitTally],
    first: Mapping[tuple[str, str], list[Mapping[str, Hashable]] | None],
    cohens: Mapping[tuple[str, str], dict[tuple[str, str], tuple[int, float | None]]],
    seed: int,
) -> list[QuestionAgreement]:
    results = []
    for (question, level_name), tally in sorted(tallies.items()):
        level = cast(Level, level_name)
        count = tally.units
        if not count:
            continue
        categories = None
        if level == "ordinal":
            values = {v for _, given in tally.counts for v in given}
            categories = sorted(values, key=_numeric)
        alpha = tally_krippendorff_alpha(tally, level, categories)
        interval = None
        kept = first[(question, level_name)]
        if alpha is not None and kept is not None and count < SMALL_SAMPLE:
            interval = alpha_bootstrap_interval(
                {str(i): r for i, r in enumerate(kept)}, level, categories, resamples=500, seed=seed
            )
        pairs = cohens.get((question, level_name))
        cohen = [
            {"reviewers": [a, b], "units": n, "kappa": kappa}
            for (a, b), (n, kappa) in (
                tally_cohen_kappas(tally) if pairs is None else pairs
            ).items()
        ]
        results.append(
            QuestionAgreement(
                question,
                level,
                count,
                tally_percent_agreement(tally),
                tally_fleiss_kappa(tally),
                alpha,
                interval,
                cohen,
            )
        )
    return results


def _numeric(value: Hashable) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def gold_accuracy(
    answers: list[MergedAnswer],
    gold: dict[str, dict[str, Any]],
    schemas: Mapping[str, Schema] | None = None,
) -> list[GoldAccuracy]:
    """Per reviewer, how often the preferred response matches a gold item's known answer
    (read from the form's preference question, whatever its id)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in answers:
        preference = comparison_questions(schema_for(schemas or {}, a)).preference
        if preference is None:
            continue
        known = gold.get(a.task_id, {})
        expected = known.get(preference.id, known.get("preference"))
        given = a.answers.get(preference.id)
        if not isinstance(expected, dict) or not isinstance(given, dict):
            continue
        tally[a.reviewer_name][1] += 1
        if given.get("better") == expected.get("better"):
            tally[a.reviewer_name][0] += 1
    return [GoldAccuracy(who, c, n, wilson_interval(c, n)) for who, (c, n) in sorted(tally.items())]


def span_agreements(
    answers: Iterable[MergedAnswer], schemas: Mapping[str, Schema] | None = None
) -> list[SpanAgreement]:
    """Per spans question of the tasks' forms (by type, whatever its id), every pair of
    reviewers' span agreement over the tasks both answered it on, per label and over all
    labels (exact and overlap F1: :mod:`docket.server.span_agreement`). An answer that
    holds the question with no spans counts (nothing marked); one without it does not.
    Questions no two reviewers answered on a common task are left out."""
    marked: dict[str, dict[str, dict[str, list[SpanKey]]]] = defaultdict(lambda: defaultdict(dict))
    for a in answers:
        for q in schema_for(schemas or {}, a).questions:
            if isinstance(q, SpansQuestion) and q.id in a.answers:
                marked[q.id][a.task_id][a.reviewer_name] = [
                    (a.task_id, s.response, s.start, s.end, s.label)
                    for s in spans_of(a.answers[q.id])
                ]
    out = []
    for qid, by_task in sorted(marked.items()):
        found = pair_agreement(qid, by_task)
        if found.pairs:
            out.append(found)
    return out
