"""The report's figures from the answers' facts, never from their bodies.

``docket report`` over a million answers cannot decode every answer in seconds. The merged
store keeps, beside each answer, its facts (:mod:`docket.server.answer_facts`: one
character per unit the answer gives a value to) and three narrow columns (the day it was
saved, the seconds spent, which questions of the form it holds). With the model behind
each response (the ``responses`` table the archive keeps) these give every figure the
report reads from the answers, counted with NumPy:

- the outcomes between models (preferences, ranking pairs; adjudicated verdicts in
  place of the reviewers' answers on their tasks), counted per cell in the order each
  cell first occurs, which is all the ratings, their bootstrap intervals and the win
  matrix depend on (:func:`docket.server.ratings.outcome_cells`);
- mean likert score per question, dimension and model; flag rates per model; the
  length-vs-preference check; unresolved disagreements;
- the reviewer x reviewer matrix and the agreement per time window of the main
  question; time per answer, answers per day and flags per window.

:func:`fact_figures` gives ``None`` where the facts cannot give every figure exactly (an
answer without facts or the report's columns, a form with rubric or choice questions, a
task whose archived responses do not match its answers, NumPy missing): the report then
reads the answers as before (:mod:`docket.server.report`). The property tests in
``tests/unit/test_report_facts.py`` hold every figure equal to the one the answers give.
Gold accuracy and PII read only the answers that can hold them (gold items; forms that
ask for PII).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any, cast

from docket.core.bulk import paused_gc
from docket.core.display_order import blinded_label
from docket.core.rules import comparison_questions
from docket.core.schema import FlagsQuestion, LikertQuestion, PiiQuestion, Schema
from docket.errors import DocketError
from docket.server.agreement import (
    FactsAgreement,
    QuestionAgreement,
    agreement_from_facts,
    forms_of,
)
from docket.server.agreement_stats import (
    Level,
    UnitTally,
    tally_krippendorff_alpha,
    tally_percent_agreement,
    wilson_interval,
)
from docket.server.answer_facts import ABSENT, Slot, count_layouts, layout
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.ratings import Cell
from docket.server.report_quality import (
    DAILY_WINDOWS_UP_TO,
    MIN_WINDOW_UNITS,
    PairMatrix,
    Timing,
    WindowAgreement,
    day_of,
    main_question,
    window_of,
)
from docket.server.report_scorecard import (
    LENGTH_BUCKETS,
    FlagRate,
    LengthBucket,
    LengthCheck,
    LikertScore,
    mean_interval_of_counts,
)
from docket.server.reviewer_names import reviewer_labels
from docket.server.schemas import schema_for
from docket.server.verdicts import pair_votes

RESULTS = (1.0, 0.0, 0.5)
"""An outcome's result for the first model of a cell: it won, it lost, a tie."""


@dataclass(slots=True)
class FactFigures:
    """What :func:`docket.server.report.build_report` reads from the answers, read from
    their facts instead."""

    agreement: FactsAgreement
    tasks_answered: int
    answers: int
    reviewers: int
    cells: dict[Cell, int]
    likert: list[LikertScore]
    flags: list[FlagRate]
    length: LengthCheck | None
    main: QuestionAgreement | None
    matrix: PairMatrix | None
    timing: Timing
    per_day: dict[str, dict[str, int]]
    weekly: bool
    drift: list[WindowAgreement]
    flags_over_time: dict[str, dict[str, int]]
    unresolved: int
    gold_answers: list[MergedAnswer]
    """The answers to gold items, under the names of :attr:`FactsAgreement.labels`."""
    pii_answers: list[MergedAnswer]
    """The answers given in forms that ask for PII (the others hold none)."""
    archived: bool
    """Whether the project's task archive (its responses' models) was merged."""
    schemas: dict[str, Schema] = field(default_factory=dict)
    """The form of every answered or adjudicated task (what the figures read)."""


@dataclass(slots=True)
class _Group:
    """The answers of one layout (a form over a number of responses), in task order."""

    schema: Schema
    responses: int
    slots: tuple[Slot, ...]
    rows: Any
    """Their indexes among all the answers."""
    codes: Any
    """One row per answer, one column per slot: 0 absent, else the value's place + 1
    (``uint8``)."""
    held: Any
    """One row per answer, one column per question: whether the answer holds it."""

    def slot(self, key: tuple[str, str], target: tuple[object, ...]) -> int | None:
        for i, slot in enumerate(self.slots):
            if slot.key == key and slot.target == target:
                return i
        return None


def fact_figures(
    store: MergedStore,
    schemas: Mapping[str, Schema] | None,
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
    gold: Mapping[str, Any],
    pseudonyms: Mapping[str, str] | None,
    *,
    seed: int = 0,
) -> FactFigures | None:
    """Every answer-based figure of the report from the facts (see the module), or
    ``None`` where they cannot give them exactly. ``schemas``: each task's form
    (:func:`docket.server.schemas.task_schemas`), or ``None`` to read only the forms of
    the answered and adjudicated tasks (:attr:`FactFigures.schemas`)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - NumPy comes with the report extra
        return None
    read = store.answer_fact_rows(wide=True)
    if read is None or not read[0]:
        return None
    rows, who = read
    if schemas is None:  # each form parsed once; the tasks' forms from their facts
        try:
            parsed = {
                int(i): Schema.loads(str(text))
                for i, text in store.db.execute("SELECT id, schema FROM forms").fetchall()
            }
        except (ValueError, DocketError):
            return None
        wanted = {str(r[0]): parsed[r[2]] for r in rows if r[2] in parsed}
        extra = sorted(set(adjudications) - set(wanted))
        for start in range(0, len(extra), 500):
            chunk = extra[start : start + 500]
            wanted.update(
                (str(t), parsed[int(f)])
                for t, f in store.db.execute(
                    "SELECT task_id, form FROM task_forms WHERE project = ? "
                    f"AND task_id IN ({', '.join('?' * len(chunk))})",
                    (store.project, *chunk),
                ).fetchall()
                if int(f) in parsed
            )
        schemas = wanted
    forms = forms_of(rows, schemas)
    labels: Callable[[str, str], str] | None = None
    if pseudonyms is not None:
        labels = lambda fp, _: pseudonyms.get(fp, "reviewer-?")  # noqa: E731
    with paused_gc():
        # The rows as arrays once, counted for agreement and read for the other figures.
        ordered = _in_order(np, rows)
        distinct = reviewer_labels(who.values())
        by_fp = {
            fp: (labels(fp, name) if labels is not None else distinct[fp])
            for fp, name in who.values()
        }
        shown = {rater: by_fp[fp] for rater, (fp, _) in who.items()}
        prepared = _prepare(np, ordered, shown, forms)
        if prepared is None:
            return None
        task, rank = prepared.task, prepared.rank
        counted = count_layouts(
            [(g.slots, g.codes, task[g.rows], rank[g.rows]) for g in prepared.groups],
            prepared.names,
        )
        found = agreement_from_facts(ordered, who, forms, labels, seed=seed, counted=counted)
        if found is None:
            return None
        figures = figures_from_rows(
            np, ordered, who, schemas, forms, found, _responses(store), adjudications, prepared
        )
        if figures is None:
            return None
        tasks = {str(r[0]) for r in rows}
        wanted_gold = sorted(tasks & set(gold))
        if wanted_gold:
            figures.gold_answers = found.relabel(store.answers(tasks=wanted_gold))
        pii_forms = {
            f
            for f, form in forms.items()
            if any(isinstance(q, PiiQuestion) for q in form.questions)
        }
        pii_tasks = sorted({str(r[0]) for r in rows if r[2] in pii_forms})
        if pii_tasks:
            figures.pii_answers = found.relabel(store.answers(tasks=pii_tasks))
        figures.schemas = dict(schemas)
        return figures


Responses = tuple[list[str], list[str], list[str | None], list[int]]
"""The archive's responses as columns: task id, response id, model (``None``: none
named), length in characters; by task, and by id within a task."""


def _responses(store: MergedStore) -> Responses:
    """:data:`Responses` of the project's archive (the ``responses`` table), sorted as
    Python sorts (whatever the database's collation)."""
    query = "SELECT task_id, id, model, chars FROM responses WHERE project = ? ORDER BY task_id, id"
    rows = store.db.execute(query, (store.project,)).fetchall()
    if not rows:
        return [], [], [], []
    import numpy as np

    tasks, ids = (
        np.array([r[0] for r in rows], dtype=object),
        np.array([r[1] for r in rows], dtype=object),
    )
    later = (tasks[1:] > tasks[:-1]) | ((tasks[1:] == tasks[:-1]) & (ids[1:] > ids[:-1]))
    if not bool(np.all(later)):
        rows = sorted(rows, key=lambda r: (r[0], r[1]))
    return (
        [r[0] for r in rows],
        [r[1] for r in rows],
        [m if isinstance(m, str) else None for _, _, m, _ in rows],
        [int(c or 0) for _, _, _, c in rows],
    )


@dataclass(slots=True)
class Prepared:
    """The fact rows as arrays, worked out once for agreement and the other figures."""

    columns: list[tuple[Any, ...]]
    task: Any
    """Each answer's task, numbered in order."""
    tasks: list[str]
    names: list[str]
    """The reviewers' labels, sorted."""
    rank: Any
    """Each answer's reviewer, by the place of their label in :attr:`names`."""
    groups: list[_Group]


def _in_order(np: Any, rows: Sequence[tuple[Any, ...]]) -> Sequence[tuple[Any, ...]]:
    """The rows by task as Python sorts the ids (a database's collation may not)."""
    task_ids = np.array([r[0] for r in rows], dtype=object)
    if len(rows) > 1 and not bool(np.all(task_ids[1:] >= task_ids[:-1])):
        return sorted(rows, key=lambda r: r[0])
    return rows


def _prepare(
    np: Any, rows: Sequence[tuple[Any, ...]], shown: Mapping[Any, str], forms: Mapping[int, Schema]
) -> Prepared | None:
    """:class:`Prepared` of rows in task order (``shown``: each rater's label); ``None``
    where two raters share a label, a task's answers disagree on the form or the number
    of responses, or a form has no layout."""
    names = sorted(set(shown.values()))
    if len(names) != len(shown):
        return None
    place = {label: i for i, label in enumerate(names)}
    columns = list(zip(*rows, strict=True))
    task_ids = np.array(columns[0], dtype=object)
    first = np.empty(len(rows), dtype=bool)
    first[0] = True
    first[1:] = task_ids[1:] != task_ids[:-1]
    shape = np.array(columns[2], dtype=np.int64) * 4096 + np.array(columns[3], dtype=np.int64)
    if np.any(shape[1:][~first[1:]] != shape[:-1][~first[1:]]):
        return None
    rank_of = {rater: place[label] for rater, label in shown.items()}
    try:
        rank = np.array([rank_of[r] for r in columns[1]], dtype=np.int64)
    except KeyError:
        return None
    groups = _groups(np, columns, forms)
    if groups is None:
        return None
    return Prepared(columns, np.cumsum(first) - 1, task_ids[first].tolist(), names, rank, groups)


def figures_from_rows(
    np: Any,
    rows: Sequence[tuple[Any, ...]],
    who: Mapping[Any, tuple[str, str]],
    schemas: Mapping[str, Schema],
    forms: Mapping[int, Schema],
    found: FactsAgreement,
    responses: Responses,
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
    prepared: Prepared | None = None,
) -> FactFigures | None:
    """The figures of :func:`fact_figures` from the wide fact rows
    (:meth:`MergedStore.answer_fact_rows`, in task order), the agreement they gave
    (``found``) and the archive's responses; the answers to gold items and to PII
    questions are left for the caller to read (empty here). ``prepared``: the rows as
    :func:`prepare` gave them to the agreement already."""
    if prepared is None:
        rows = _in_order(np, rows)
        shown = {rater: found.labels[fp] for rater, (fp, _) in who.items()}
        prepared = _prepare(np, rows, shown, forms)
        if prepared is None:
            return None
    n = len(rows)
    columns, task, tasks, names, rank, groups = (
        prepared.columns, prepared.task, prepared.tasks, prepared.names, prepared.rank,
        prepared.groups,
    )  # fmt: skip
    # Days (the first ten characters of the time saved), numbered as they sort.
    day_texts = sorted(set(columns[5]))
    day_number = {d: i for i, d in enumerate(day_texts)}
    day = np.array([day_number[d] for d in columns[5]], dtype=np.int64)
    seconds = np.array(columns[6], dtype=np.float64)
    width = max(g.responses for g in groups)
    per_task = np.zeros(len(tasks), dtype=np.int64)
    for g in groups:
        per_task[task[g.rows]] = g.responses
    known = _archive(np, responses, tasks, per_task, width)
    if known is None:
        return None
    models, lengths, archived, model_names = known
    adjudicated = np.array([t in adjudications for t in tasks], dtype=bool)

    votes = {id(g): _pair_votes(np, g) for g in groups}
    cells = _cells(
        np, groups, votes, task, rank, models, adjudicated, tasks, model_names, responses,
        schemas, adjudications,
    )  # fmt: skip
    main = main_question(found.questions)
    valid = [d for d in (day_of(text) for text in day_texts) if d]
    weekly = False
    if valid:
        span = (date.fromisoformat(max(valid)) - date.fromisoformat(min(valid))).days
        weekly = span > DAILY_WINDOWS_UP_TO
    windows = [window_of(day_of(text), weekly) for text in day_texts]
    matrix: PairMatrix | None = None
    drift: list[WindowAgreement] = []
    if main is not None:
        matrix, drift = _main_question(np, groups, task, rank, day, main, names, windows)
    return FactFigures(
        agreement=found,
        tasks_answered=len(tasks),
        answers=n,
        reviewers=len(who),
        cells=cells,
        likert=_likert(np, groups, task, models, model_names, archived),
        flags=_flag_rates(np, groups, task, models, model_names, archived),
        length=_length(np, groups, votes, task, lengths, archived),
        main=main,
        matrix=matrix,
        timing=_timing(np, groups, rank, seconds, names),
        per_day=_per_day(np, rank, day, names, day_texts),
        weekly=weekly,
        drift=drift,
        flags_over_time=_flags_over_time(np, groups, day, windows),
        unresolved=_unresolved(np, groups, votes, task, len(tasks), adjudicated),
        gold_answers=[],
        pii_answers=[],
        archived=bool(responses[0]),
    )


def _groups(
    np: Any, columns: Sequence[Sequence[Any]], forms: Mapping[int, Schema]
) -> list[_Group] | None:
    """The answers split by layout, each with its facts as a matrix of codes (and which
    questions each holds)."""
    shape = np.array(columns[2], dtype=np.int64) * 4096 + np.array(columns[3], dtype=np.int64)
    out = []
    for kind in np.unique(shape).tolist():
        form, count = divmod(int(kind), 4096)
        schema = forms.get(form)
        slots = None if schema is None else layout(schema, count)
        if schema is None or slots is None:
            return None
        chosen = np.flatnonzero(shape == kind)
        every = len(chosen) == len(shape)
        picked = columns[4] if every else [columns[4][i] for i in chosen.tolist()]
        text = "".join(picked).encode("ascii")
        if len(text) != len(chosen) * len(slots):
            return None
        codes = np.frombuffer(text, dtype=np.uint8).reshape(len(chosen), len(slots))
        picked = columns[7] if every else [columns[7][i] for i in chosen.tolist()]
        text = "".join(picked).encode("ascii")
        if len(text) != len(chosen) * len(schema.questions):
            return None
        held = np.frombuffer(text, dtype=np.uint8).reshape(len(chosen), -1) == ord("1")
        out.append(_Group(schema, count, slots, chosen, codes - np.uint8(ord(ABSENT)), held))
    return out


def _archive(
    np: Any, responses: Responses, tasks: Sequence[str], per_task: Any, width: int
) -> tuple[Any, Any, Any, list[str]] | None:
    """Per task (of ``tasks``) and place: the model number (-1: none named) and the length
    of the response, whether the task is archived, and the models' names; ``None`` where
    an archived task's responses are not as many as its answers name."""
    task_of, _, model_of, chars = responses
    model_names = sorted({m for m in model_of if m is not None})
    number = {m: i for i, m in enumerate(model_names)}
    index = {t: i for i, t in enumerate(tasks)}
    where = np.array([index.get(t, -1) for t in task_of], dtype=np.int64)
    new = np.ones(len(task_of), dtype=bool)
    if len(task_of) > 1:
        same = np.array(task_of[1:], dtype=object) == np.array(task_of[:-1], dtype=object)
        new[1:] = ~same
    starts = np.flatnonzero(new)
    place = np.arange(len(task_of)) - starts[np.cumsum(new) - 1]
    ours = where >= 0
    found = np.bincount(where[ours], minlength=len(tasks))
    archived = found > 0
    if np.any(found[archived] != per_task[archived]):
        return None
    models = np.full((len(tasks), width), -1, dtype=np.int64)
    lengths = np.zeros((len(tasks), width), dtype=np.int64)
    numbers = np.array([-1 if m is None else number[m] for m in model_of], dtype=np.int64)
    models[where[ours], place[ours]] = numbers[ours]
    lengths[where[ours], place[ours]] = np.array(chars, dtype=np.int64)[ours]
    return models, lengths, archived, model_names


def _label(q: Any) -> str:
    return str(q.id) if q.id == q.kind else f"{q.kind} {q.id}"


Votes = list[tuple[int, int, Any]]


def _pair_votes(np: Any, group: _Group) -> Votes:
    """Each pair of places (i < j) the answers of ``group`` can vote on, with each
    answer's vote (0: none, 1: the first won, 2: the second, 3: a tie), as
    :func:`docket.server.verdicts.pair_votes` reads them: the form's first preference
    question (two responses), then its first ranking question's pairs, which take the
    place of the preference's vote on the same pair."""
    questions = comparison_questions(group.schema)
    votes: dict[tuple[int, int], Any] = {}
    if questions.preference is not None and group.responses == 2:
        at = group.slot((f"{_label(questions.preference)} direction", "nominal"), ("task",))
        if at is not None:  # first, second, tie: the vote codes already
            votes[(0, 1)] = group.codes[:, at].astype(np.int64)
    if questions.ranking is not None:
        label = f"{_label(questions.ranking)} (pairs)"
        for i, j in combinations(range(group.responses), 2):
            at = group.slot((label, "ordinal"), (i, j))
            if at is None:
                continue
            # Signs -1, 0, +1 (codes 1, 2, 3): the second won, a tie, the first won.
            ranked = np.array([0, 2, 3, 1], dtype=np.int64)[group.codes[:, at]]
            earlier = votes.get((i, j))
            votes[(i, j)] = ranked if earlier is None else np.where(ranked > 0, ranked, earlier)
    return [(i, j, v) for (i, j), v in sorted(votes.items())]


def _cells(
    np: Any,
    groups: Sequence[_Group],
    votes: Mapping[int, Votes],
    task: Any,
    rank: Any,
    models: Any,
    adjudicated: Any,
    tasks: Sequence[str],
    model_names: Sequence[str],
    responses: Responses,
    schemas: Mapping[str, Schema],
    adjudications: Mapping[str, tuple[str, Mapping[str, Any]]],
) -> dict[Cell, int]:
    """The outcomes of :func:`docket.server.ratings.pairwise_outcomes` counted per cell,
    cells in the order they first occur there (tasks in order, reviewers by name within a
    task, pairs in order; an adjudicated task gives its lead's verdict instead)."""
    m = len(model_names)
    raters = int(rank.max()) + 1
    pairs = 1 + max((len(votes[id(g)]) for g in groups), default=0)
    found_cells, found_keys = [], []
    for g in groups:
        t = task[g.rows]
        keep = ~adjudicated[t]
        for pair_index, (i, j, vote) in enumerate(votes[id(g)]):
            a, b = models[t, i], models[t, j]
            ok = keep & (vote > 0) & (a >= 0) & (b >= 0) & (a != b)
            result = np.array([0, 0, 1, 2], dtype=np.int64)[vote]  # first, second, tie
            swap = a > b
            low, high = np.where(swap, b, a), np.where(swap, a, b)
            result = np.where(swap & (result < 2), 1 - result, result)
            cell = (low * m + high) * 3 + result
            key = (t * raters + rank[g.rows]) * pairs + pair_index
            found_cells.append(cell[ok])
            found_keys.append(key[ok])
    firsts: dict[int, tuple[str, int, int]] = {}
    totals: dict[int, int] = {}
    if found_cells:
        cell_all = np.concatenate(found_cells)
        key_all = np.concatenate(found_keys)
        order = np.argsort(key_all, kind="stable")
        keys_sorted = key_all[order]
        ids, where, times = np.unique(cell_all[order], return_index=True, return_counts=True)
        for c, w, k in zip(ids.tolist(), where.tolist(), times.tolist(), strict=True):
            at_task, rest = divmod(int(keys_sorted[w]), raters * pairs)
            totals[c] = k
            firsts[c] = (tasks[at_task], *divmod(rest, pairs))
    # Adjudicated verdicts, read as pairwise_outcomes reads them.
    number = {name: i for i, name in enumerate(model_names)}
    for task_id, (lead, verdict) in sorted(adjudications.items()):
        low = bisect_left(responses[0], task_id)
        high = bisect_right(responses[0], task_id)
        if low == high or verdict.get("outcome") == "needs guideline change":
            continue
        found = dict(zip(responses[1][low:high], responses[2][low:high], strict=True))
        shown = {blinded_label(i): rid for i, rid in enumerate(found)}
        answer = MergedAnswer(lead, lead, task_id, "", 0, dict(verdict), shown, "", 0.0, "done")
        given = pair_votes(answer, schema_for(schemas, answer))
        for pair_index, ((x, y), vote) in enumerate(
            sorted(given.items()) if len(given) > 1 else given.items()
        ):
            a, b = found.get(x), found.get(y)
            if not isinstance(a, str) or not isinstance(b, str) or a == b:
                continue
            r = 0.5 if vote.winner is None else 1.0 if vote.winner == x else 0.0
            if a > b:
                a, b, r = b, a, 1.0 - r
            c = (number[a] * m + number[b]) * 3 + (2 if r == 0.5 else 0 if r > 0.5 else 1)
            totals[c] = totals.get(c, 0) + 1
            key = (task_id, 0, pair_index)
            if c not in firsts or key < firsts[c]:
                firsts[c] = key
    out: dict[Cell, int] = {}
    for c in sorted(totals, key=firsts.__getitem__):
        pair, r = divmod(c, 3)
        a, b = divmod(pair, m)
        out[(model_names[a], model_names[b], RESULTS[r])] = totals[c]
    return out


def _likert(
    np: Any,
    groups: Sequence[_Group],
    task: Any,
    models: Any,
    model_names: Sequence[str],
    archived: Any,
) -> list[LikertScore]:
    """:func:`docket.server.report_scorecard.likert_scores` from the facts: each score
    counted per question, dimension and model, the mean and interval from the counts."""
    counts: dict[tuple[str, str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    scales: dict[tuple[str, str, str], tuple[int, int]] = {}
    m = len(model_names)
    for g in groups:
        t = task[g.rows]
        for q in g.schema.questions:
            if not isinstance(q, LikertQuestion):
                continue
            scale = list(range(q.scale_min, q.scale_max + 1))
            span = len(scale) + 1
            dims = [str(d) for d in q.dimensions]
            for i in range(g.responses):
                places = [g.slot((f"{_label(q)} {dim}", "ordinal"), (i,)) for dim in q.dimensions]
                if any(at is None for at in places):
                    continue
                model = models[t, i]
                known = archived[t] & (model >= 0)
                code = g.codes[:, places]  # one column per dimension
                rows_, cols = np.nonzero(known[:, None] & (code > 0))
                cell = (cols * m + model[rows_]) * span + code[rows_, cols]
                found = np.bincount(cell, minlength=len(dims) * m * span)
                for k in np.flatnonzero(found).tolist():
                    rest, c = divmod(k, span)
                    d, which = divmod(rest, m)
                    key = (q.id, dims[d], model_names[which])
                    counts[key][scale[c - 1]] += int(found[k])
                    scales[key] = (q.scale_min, q.scale_max)
    out = []
    for key in sorted(counts):
        mean, low, high, n = mean_interval_of_counts(counts[key])
        out.append(LikertScore(*key, mean, low, high, n, scales[key]))
    return out


def _flag_rates(
    np: Any,
    groups: Sequence[_Group],
    task: Any,
    models: Any,
    model_names: Sequence[str],
    archived: Any,
) -> list[FlagRate]:
    """:func:`docket.server.report_scorecard.flag_rates` from the facts."""
    flagged: dict[tuple[str, str], int] = defaultdict(int)
    judged: dict[tuple[str, str], int] = defaultdict(int)
    labels: dict[str, str] = {}
    m = len(model_names)
    firsts: list[tuple[int, FlagsQuestion]] = []
    for g in groups:
        t = task[g.rows]
        for place, q in enumerate(g.schema.questions):
            if not isinstance(q, FlagsQuestion):
                continue
            held = g.held[:, place] & archived[t]
            if held.any():
                firsts.append((int(g.rows[np.argmax(held)]), q))
            for i in range(g.responses):
                model = models[t, i]
                ok = held & (model >= 0)
                every = np.bincount(model[ok], minlength=m)
                for flag, _ in q.response_flags:
                    at = g.slot((f"flag {flag}", "nominal"), (i,))
                    if at is None:
                        continue
                    marked = np.bincount(model[ok & (g.codes[:, at] == 2)], minlength=m)
                    for which in np.flatnonzero(every).tolist():
                        judged[(flag, model_names[which])] += int(every[which])
                        flagged[(flag, model_names[which])] += int(marked[which])
    for _, q in sorted(firsts, key=lambda f: f[0]):  # the label met first, as the answers do
        for flag, label in q.response_flags:
            labels.setdefault(flag, label)
    out = []
    for flag, model in sorted(judged):
        n, k = judged[(flag, model)], flagged[(flag, model)]
        low, high = wilson_interval(k, n) or (None, None)
        out.append(FlagRate(flag, labels.get(flag, flag), model, k, n, low, high))
    return out


def _length(
    np: Any,
    groups: Sequence[_Group],
    votes: Mapping[int, Votes],
    task: Any,
    lengths: Any,
    archived: Any,
) -> LengthCheck | None:
    """:func:`docket.server.report_scorecard.length_check` from the facts."""
    ties = equal = 0
    decisive = np.zeros(len(LENGTH_BUCKETS), dtype=np.int64)
    won = np.zeros(len(LENGTH_BUCKETS), dtype=np.int64)
    for g in groups:
        t = task[g.rows]
        for i, j, vote in votes[id(g)]:
            ok = archived[t] & (vote > 0)
            ties += int(np.count_nonzero(ok & (vote == 3)))
            lx, ly = lengths[t, i], lengths[t, j]
            sided = ok & (vote < 3)
            equal += int(np.count_nonzero(sided & (lx == ly)))
            sided &= lx != ly
            lx, ly, first_won = lx[sided], ly[sided], vote[sided] == 1
            ratio = np.maximum(lx, ly) / np.maximum(1, np.minimum(lx, ly))
            bucket = np.zeros(len(ratio), dtype=np.int64)
            for k, (bound, _) in enumerate(LENGTH_BUCKETS):
                bucket = np.where((bucket == k) & ~(ratio < bound), k + 1, bucket)
            longer_won = first_won == (lx > ly)
            decisive += np.bincount(bucket, minlength=len(LENGTH_BUCKETS))[: len(LENGTH_BUCKETS)]
            won += np.bincount(bucket[longer_won], minlength=len(LENGTH_BUCKETS))[
                : len(LENGTH_BUCKETS)
            ]
    total = (int(decisive.sum()), int(won.sum()))
    if not total[0] and not ties and not equal:
        return None

    def bucket_of(label: str, n: int, k: int) -> LengthBucket:
        low, high = wilson_interval(k, n) or (None, None)
        return LengthBucket(label, n, k, low, high)

    return LengthCheck(
        bucket_of("all decisive judgments", *total),
        tuple(
            bucket_of(label, int(decisive[k]), int(won[k]))
            for k, (_, label) in enumerate(LENGTH_BUCKETS)
        ),
        ties,
        equal,
    )


def _unresolved(
    np: Any,
    groups: Sequence[_Group],
    votes: Mapping[int, Votes],
    task: Any,
    tasks: int,
    adjudicated: Any,
) -> int:
    """Tasks not adjudicated with a pair whose votes no strict majority holds (ties
    counted as a side, as :func:`docket.server.verdicts.resolve` counts them)."""
    split = np.zeros(tasks, dtype=bool)
    for g in groups:
        t = task[g.rows]
        for _, _, vote in votes[id(g)]:
            per = [np.bincount(t[vote == k], minlength=tasks) for k in (1, 2, 3)]
            total = per[0] + per[1] + per[2]
            most = np.maximum(np.maximum(per[0], per[1]), per[2])
            split |= (total > 0) & (most * 2 <= total)
    return int(np.count_nonzero(split & ~adjudicated))


def _main_question(
    np: Any,
    groups: Sequence[_Group],
    task: Any,
    rank: Any,
    day: Any,
    main: QuestionAgreement,
    names: Sequence[str],
    windows: Sequence[str],
) -> tuple[PairMatrix, list[WindowAgreement]]:
    """The reviewer x reviewer matrix of the main question (its Cohen's kappas are the
    agreement's) and its agreement per window (a unit in the window of the latest day
    its reviewers saved it)."""
    key = (main.question, main.level)
    present_raters: set[int] = set()
    tallies: dict[str, UnitTally] = {}
    window_units: dict[str, int] = defaultdict(int)
    values_of: tuple[Hashable, ...] = ()
    for g in groups:
        places = [i for i, slot in enumerate(g.slots) if slot.key == key]
        if not places:
            continue
        values_of = g.slots[places[0]].values
        t = task[g.rows]
        new = np.empty(len(t), dtype=bool)
        new[0] = True
        new[1:] = t[1:] != t[:-1]
        starts = np.flatnonzero(new)
        local = np.cumsum(new) - 1
        at = np.arange(len(t)) - starts[local]
        width = int(at.max()) + 1
        sizes = np.bincount(local)
        raters = np.full((len(starts), width), -1, dtype=np.int64)
        raters[local, at] = rank[g.rows]
        days = np.full((len(starts), width), -1, dtype=np.int64)
        days[local, at] = day[g.rows]
        grid = np.zeros((len(places), len(starts), width), dtype=np.int64)
        grid[:, local, at] = g.codes[:, places].T
        shared = (grid > 0) & (sizes >= 2)[None, :, None]
        present_raters.update(np.unique(np.broadcast_to(raters, grid.shape)[shared]).tolist())
        units = grid.reshape(-1, width)
        unit_days = np.broadcast_to(days, grid.shape).reshape(-1, width)
        judged = (units > 0).sum(axis=1) >= 2
        units, unit_days = units[judged], unit_days[judged]
        last = np.where(units > 0, unit_days, -1).max(axis=1)
        base = width + 1
        powers = np.array([0] + [base**k for k in range(len(values_of))], dtype=np.int64)
        multiset = powers[units].sum(axis=1)
        combined = last * base ** len(values_of) + multiset
        found, times = np.unique(combined, return_counts=True)
        for number, n in zip(found.tolist(), times.tolist(), strict=True):
            when, rest = divmod(number, base ** len(values_of))
            window = windows[when]
            if not window:
                continue
            values: list[Hashable] = []
            for value in values_of:
                rest, given = divmod(rest, base)
                values.extend([value] * given)
            tally = tallies.setdefault(window, UnitTally())
            tally.add_signature((), tuple(values), n)
            window_units[window] += n
    reviewers = tuple(sorted(names[r] for r in present_raters))
    cohen = {
        (str(c["reviewers"][0]), str(c["reviewers"][1])): (int(c["units"]), c["kappa"])
        for c in main.cohen
    }
    kappa: dict[tuple[str, str], float | None] = {}
    shared_units: dict[tuple[str, str], int] = {}
    for a, b in combinations(reviewers, 2):
        n, value = cohen.get((a, b), (0, None))
        for pair in ((a, b), (b, a)):
            kappa[pair] = value if n else None
            shared_units[pair] = n
    level = cast(Level, main.level)
    drift = []
    for window in sorted(tallies):
        tally = tallies[window]
        count = window_units[window]
        if count < MIN_WINDOW_UNITS:
            drift.append(WindowAgreement(window, count, None, None))
            continue
        categories = None
        if level == "ordinal":
            categories = sorted({v for _, vs in tally.counts for v in vs}, key=_numeric)
        drift.append(
            WindowAgreement(
                window,
                count,
                tally_percent_agreement(tally),
                tally_krippendorff_alpha(tally, level, categories),
            )
        )
    return PairMatrix(main.question, reviewers, kappa, shared_units), drift


def _numeric(value: Hashable) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _timing(
    np: Any, groups: Sequence[_Group], rank: Any, seconds: Any, names: Sequence[str]
) -> Timing:
    """:func:`docket.server.report_quality.timing` from the answers' seconds (too fast:
    below the form's ``min_seconds``, as :func:`docket.core.rules.too_fast` says)."""
    minimum = np.full(len(rank), np.nan)
    minimums: set[float] = set()
    for g in groups:
        if g.schema.min_seconds is not None:
            minimums.add(g.schema.min_seconds)
            minimum[g.rows] = g.schema.min_seconds
    timed = seconds > 0
    fast = timed & (seconds < minimum)  # never where no minimum is set (NaN)
    by_rank = np.argsort(rank, kind="stable")  # each reviewer's answers in task order
    ranks = rank[by_rank]
    bounds = np.searchsorted(ranks, np.arange(len(names) + 1))
    out_seconds: dict[str, list[float]] = {}
    untimed: dict[str, int] = {}
    fast_by: dict[str, int] = {}
    for r, who in enumerate(names):
        mine = by_rank[bounds[r] : bounds[r + 1]]
        if not len(mine):
            continue
        spent = seconds[mine]
        kept = spent[timed[mine]]
        if len(kept):
            out_seconds[who] = kept.tolist()
        if len(kept) < len(mine):
            untimed[who] = int(len(mine) - len(kept))
        quick = int(np.count_nonzero(fast[mine]))
        if quick:
            fast_by[who] = quick
    return Timing(
        dict(sorted(out_seconds.items())),
        dict(sorted(untimed.items())),
        dict(sorted(fast_by.items())),
        tuple(sorted(minimums)),
    )


def _per_day(
    np: Any, rank: Any, day: Any, names: Sequence[str], day_texts: Sequence[str]
) -> dict[str, dict[str, int]]:
    """:func:`docket.server.report_quality.answers_per_day` from the answers' days."""
    valid = [day_of(text) for text in day_texts]
    found = np.bincount(rank * len(day_texts) + day, minlength=len(names) * len(day_texts))
    out: dict[str, dict[str, int]] = {}
    for cell in np.flatnonzero(found).tolist():
        r, d = divmod(cell, len(day_texts))
        if valid[d]:
            per = out.setdefault(names[r], {})
            per[valid[d]] = per.get(valid[d], 0) + int(found[cell])
    return {who: dict(sorted(days.items())) for who, days in sorted(out.items())}


def _flags_over_time(
    np: Any, groups: Sequence[_Group], day: Any, windows: Sequence[str]
) -> dict[str, dict[str, int]]:
    """:func:`docket.server.report_quality.flags_over_time` from the facts."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g in groups:
        places = [i for i, slot in enumerate(g.slots) if slot.key[0].startswith("flag ")]
        if not places:
            continue
        flag_names = sorted({g.slots[i].key[0].removeprefix("flag ") for i in places})
        which = np.array(
            [flag_names.index(g.slots[i].key[0].removeprefix("flag ")) for i in places],
            dtype=np.int64,
        )
        rows_, cols = np.nonzero(g.codes[:, places] == 2)
        found = np.bincount(
            day[g.rows][rows_] * len(flag_names) + which[cols],
            minlength=len(windows) * len(flag_names),
        )
        for k in np.flatnonzero(found).tolist():
            d, f = divmod(k, len(flag_names))
            if windows[d]:
                out[flag_names[f]][windows[d]] += int(found[k])
    return {flag: dict(sorted(w.items())) for flag, w in sorted(out.items())}
