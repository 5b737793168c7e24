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
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, combinations, repeat
from operator import itemgetter
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
from docket.server.report_parallel import ARCHIVE, Reads, parallel_reads, result
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
    flag_rates_of_counts,
    mean_interval_of_counts,
)
from docket.server.reviewer_names import reviewer_labels
from docket.server.schemas import schema_for
from docket.server.sql import Db
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
    reads: Reads | None = None,
) -> FactFigures | None:
    """Every answer-based figure of the report from the facts (see the module), or
    ``None`` where they cannot give them exactly. ``schemas``: each task's form
    (:func:`docket.server.schemas.task_schemas`), or ``None`` to read only the forms of
    the answered and adjudicated tasks (:attr:`FactFigures.schemas`). ``reads``: other
    connections that read the facts and the archive's responses beside this one
    (:mod:`docket.server.report_parallel`)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - NumPy comes with the report extra
        return None
    project = store.project
    archive = None
    if reads is not None:  # read first by the other connection (see report_parallel)
        archive = reads.submit(lambda db: _responses(db, project), rank=ARCHIVE)
    read = _read_columns(np, store, reads, SHARE_WITH_ARCHIVE)
    if read is None:
        return None
    columns, who = read
    if schemas is None:  # each form parsed once; the tasks' forms from their facts
        try:
            parsed = {
                int(i): Schema.loads(str(text))
                for i, text in store.db.execute("SELECT id, schema FROM forms").fetchall()
            }
        except (ValueError, DocketError):
            return None
        # A task's answers share its form (else _prepare gives up): that of its first.
        wanted = {
            str(t): parsed[f]
            for t, f in zip(columns.tasks, columns.task_forms().tolist(), strict=True)
            if f in parsed
        }
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
    forms = columns.forms(schemas)
    labels: Callable[[str, str], str] | None = None
    if pseudonyms is not None:
        labels = lambda fp, _: pseudonyms.get(fp, "reviewer-?")  # noqa: E731
    with paused_gc():
        # The rows as arrays once, counted for agreement and read for the other figures.
        prepared = _prepare_columns(np, columns, _shown(who, labels), forms)
        if prepared is None:
            return None
        task, rank = prepared.task, prepared.rank
        counted = count_layouts(
            [(g.slots, g.codes, task[g.rows], rank[g.rows]) for g in prepared.groups],
            prepared.names,
        )
        found = agreement_from_facts((), who, forms, labels, seed=seed, counted=counted)
        if found is None:
            return None
        responses = result(reads, archive, lambda: _responses(store.db, project))
        figures = figures_from_rows(
            np, (), who, schemas, forms, found, responses, adjudications, prepared
        )
        if figures is None:
            return None
        tasks = set(map(str, prepared.tasks))
        wanted_gold = sorted(tasks & set(gold))
        if wanted_gold:
            figures.gold_answers = found.relabel(store.answers(tasks=wanted_gold))
        pii_forms = {
            f
            for f, form in forms.items()
            if any(isinstance(q, PiiQuestion) for q in form.questions)
        }
        pii_tasks: list[str] = []
        if pii_forms:
            asked = np.isin(columns.form, sorted(pii_forms))
            pii_tasks = sorted({str(prepared.tasks[t]) for t in np.unique(task[asked]).tolist()})
        if pii_tasks:
            figures.pii_answers = found.relabel(store.answers(tasks=pii_tasks))
        figures.schemas = dict(schemas)
        return figures


def columns_agreement(
    store: MergedStore,
    schemas: Mapping[str, Schema],
    labels: Callable[[str, str], str] | None = None,
    *,
    seed: int = 0,
) -> tuple[bool, FactsAgreement | None]:
    """:func:`docket.server.agreement.facts_agreement` from the facts read per task as a
    few strings (:func:`_string_columns`), counted as arrays: whether they could be read
    so (if not, the rows decide) and the agreement (``None`` where the facts cannot give
    it exactly)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - NumPy comes with the report extra
        return False, None
    with paused_gc(), parallel_reads(store.db, None) as reads:
        read = _string_columns(np, store, reads, SHARE)
        if read is None:
            return False, None
        columns, who = read
        forms = columns.forms(schemas)
        prepared = _prepare_columns(np, columns, _shown(who, labels), forms)
        if prepared is None:
            return False, None
        task, rank = prepared.task, prepared.rank
        counted = count_layouts(
            [(g.slots, g.codes, task[g.rows], rank[g.rows]) for g in prepared.groups],
            prepared.names,
        )
        return True, agreement_from_facts((), who, forms, labels, seed=seed, counted=counted)


def _shown(
    who: Mapping[Any, tuple[str, str]], labels: Callable[[str, str], str] | None
) -> dict[Any, str]:
    """Each rater's label (``labels(fingerprint, name)``, by default the reviewers'
    distinct names), as :func:`agreement_from_facts` names them."""
    distinct = reviewer_labels(who.values())
    by_fp = {
        fp: (labels(fp, name) if labels is not None else distinct[fp]) for fp, name in who.values()
    }
    return {rater: by_fp[fp] for rater, (fp, _) in who.items()}


Responses = tuple[list[str], list[str], list[str | None], list[int]]
"""The archive's responses as columns: task id, response id, model (``None``: none
named), length in characters; by task, and by id within a task."""


def _responses(db: Db, project: str) -> Responses:
    """:data:`Responses` of the project's archive (the ``responses`` table), sorted as
    Python sorts (whatever the database's collation): on SQLite read as a few long
    strings (:data:`_SQLITE_RESPONSES`) where they give every row exactly, else as rows."""
    rows = _response_strings(db, project) if db.dialect == "sqlite" else None
    if rows is None:
        query = (
            "SELECT task_id, id, model, chars FROM responses WHERE project = ? ORDER BY task_id, id"
        )
        rows = db.execute(query, (project,)).fetchall()
    return _responses_of_rows(rows)


def _responses_of_rows(rows: list[Any]) -> Responses:
    """:data:`Responses` of the rows (task id, id, model, length) in any order."""
    if not rows:
        return [], [], [], []
    # Sorted already where the collation is Python's: the sort then only compares
    # neighbours.
    rows.sort(key=itemgetter(0, 1))
    tasks, ids, models, chars = (list(c) for c in zip(*rows, strict=True))
    # Each value looked at only where a column holds something else than its usual type.
    if not set(map(type, models)) <= {str, type(None)}:
        models = [m if isinstance(m, str) else None for m in models]
    if not set(map(type, chars)) <= {int}:
        chars = [int(c or 0) for c in chars]
    return tasks, ids, models, chars


_CHAR_LIMIT = 50_000
"""Numbers read back as characters (``char(n + 1)``) stay below this (and so below
UTF-16's surrogates); a larger one, clipped to it, sends the reader to the rows."""

_SQLITE_RESPONSES = f"""
SELECT count(*),
  sum(typeof(task_id) IS NOT 'text' OR typeof(id) IS NOT 'text'
      OR typeof(model) NOT IN ('text', 'null') OR typeof(chars) IS NOT 'integer'
      OR length(task_id) >= {_CHAR_LIMIT} OR length(id) >= {_CHAR_LIMIT}
      OR length(model) >= {_CHAR_LIMIT} - 1),
  group_concat(char(min(length(task_id), {_CHAR_LIMIT}) + 1, min(length(id), {_CHAR_LIMIT}) + 1,
                    CASE WHEN model IS NULL THEN 1 ELSE min(length(model), {_CHAR_LIMIT}) + 2 END),
               ''),
  group_concat(task_id, ''), group_concat(id, ''), group_concat(model, ''),
  group_concat(chars, ',')
FROM (SELECT task_id, id, model, chars FROM responses WHERE project = ? ORDER BY task_id, id)
"""
"""The archive's responses as one row of a few long strings: how many, how many the
strings could not give exactly (a value of another type, a text too long), per response
the lengths of its task id, id and model (0: none) as characters, then the texts one
after the other and the lengths in characters. One step of SQLite, which keeps the GIL
free for the caller meanwhile (a row per response takes it 600,000 times at a million
answers), and no tuple per response."""


def _response_strings(db: Db, project: str) -> list[tuple[str, str, str | None, int]] | None:
    """The rows of the archive's responses from :data:`_SQLITE_RESPONSES`, in its order;
    ``None`` where the strings cannot give them exactly (then the rows are read)."""
    n, inexact, head, task_text, id_text, model_text, chars = db.execute(
        _SQLITE_RESPONSES, (project,)
    ).fetchone()
    if not n:
        return []
    if inexact or None in (head, task_text, id_text, chars):
        return None
    import numpy as np

    model_text = model_text or ""
    sizes = np.frombuffer(head.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) - 1
    counts = chars.split(",")
    if len(sizes) != 3 * n or len(counts) != n:
        return None
    sizes = sizes.reshape(n, 3)
    sizes[:, 2] = np.maximum(sizes[:, 2] - 1, -1)  # -1: no model
    ends = np.cumsum(np.maximum(sizes, 0), axis=0)
    if ends[-1].tolist() != [len(task_text), len(id_text), len(model_text)]:
        return None
    starts = ends - np.maximum(sizes, 0)

    def cut(text: str, k: int) -> list[str]:
        return [text[a:b] for a, b in zip(starts[:, k].tolist(), ends[:, k].tolist(), strict=True)]

    tasks, ids = cut(task_text, 0), cut(id_text, 1)
    models = [
        m if size >= 0 else None
        for m, size in zip(cut(model_text, 2), sizes[:, 2].tolist(), strict=True)
    ]
    return list(zip(tasks, ids, models, map(int, counts), strict=True))


_SQLITE_COLUMNS = f"""
SELECT f.task_id AS task_id, count(*) AS n,
  sum(t.form IS NOT f.form OR f.day IS NULL OR f.seconds IS NULL OR f.answered IS NULL
      OR CAST(CAST(f.seconds AS TEXT) AS REAL) IS NOT f.seconds) AS inexact,
  group_concat(char(min(r.rowid, {_CHAR_LIMIT}) + 1, min(f.form, {_CHAR_LIMIT}) + 1,
                    min(f.responses, {_CHAR_LIMIT}) + 1,
                    min(length(f.facts), {_CHAR_LIMIT}) + 1,
                    min(length(f.answered), {_CHAR_LIMIT}) + 1,
                    min(length(f.day), {_CHAR_LIMIT}) + 1),
               '') AS head,
  group_concat(f.facts, '') AS facts, group_concat(f.answered, '') AS answered,
  group_concat(f.day, '') AS days, group_concat(f.seconds, ',') AS seconds
FROM answer_facts f JOIN reviewers r ON r.fingerprint = f.reviewer
LEFT JOIN task_forms t ON t.project = f.project AND t.task_id = f.task_id
WHERE f.project = ? GROUP BY f.task_id ORDER BY f.task_id
"""
"""Per task (in order), its answers' facts as a few strings: per answer its rater's row
id, form, number of responses and the lengths of its texts as characters, then the texts
one after the other and the seconds as text; and how many answers the rows could not
give exactly (a stale form, a missing column, seconds that their text would not give
back). Every aggregate of a task reads its answers in the same order, which
:func:`_string_columns` checks is that of :meth:`MergedStore.answer_fact_rows` (by
reviewer): sorting them in SQL would cost a sort per task."""

_SQLITE_BELOW = _SQLITE_COLUMNS.replace("f.project = ?", "f.project = ? AND f.task_id < ?")
_SQLITE_FROM = _SQLITE_COLUMNS.replace("f.project = ?", "f.project = ? AND f.task_id >= ?")
""":data:`_SQLITE_COLUMNS` of the tasks before a task id, and of the others: the two parts
two connections read at once (:func:`_lower_half`)."""
_SQLITE_ONE_ROW = f"""
SELECT count(*), sum(g.inexact) + sum(typeof(g.task_id) IS NOT 'text'),
  group_concat(char(min(length(g.task_id), {_CHAR_LIMIT}) + 1, min(g.n, {_CHAR_LIMIT}) + 1), ''),
  group_concat(g.task_id, ''), group_concat(g.head, ''), group_concat(g.facts, ''),
  group_concat(g.answered, ''), group_concat(g.days, ''), group_concat(g.seconds, ',')
FROM ({{}}) g
"""
"""A query of :data:`_SQLITE_COLUMNS`' rows as one row: how many tasks, how many answers
the strings cannot give exactly (and tasks whose id is not text), per task the length of
its id and its number of answers as characters, then the ids and the tasks' strings one
after the other. One step of SQLite: the GIL stays free for the other thread meanwhile
(a row per task takes it 200,000 times at a million answers, and two threads doing so
wait for each other on a busy machine)."""


def _one_row(db: Db, query: str, params: tuple[Any, ...]) -> list[Any]:
    """The rows of ``query`` (:data:`_SQLITE_COLUMNS` or one of its parts) as one chunk
    (see :func:`_string_columns`) read by :data:`_SQLITE_ONE_ROW`: the tasks, their
    numbers of answers, how many answers are inexact and the strings; an empty list
    without tasks. A chunk the strings cannot give exactly has its ``inexact`` set."""
    tasks, inexact, sizes, ids, *texts = db.execute(
        _SQLITE_ONE_ROW.format(query), params
    ).fetchone()
    if not tasks:
        return []
    if inexact or None in (sizes, ids, *texts) or len(sizes) != 2 * tasks:
        return [((), (), 1, "", "", "", "", "")]
    lengths = [ord(c) - 1 for c in sizes[0::2]]
    counts = [ord(c) - 1 for c in sizes[1::2]]
    ends = list(accumulate(lengths))
    if ends[-1] != len(ids) or max(counts) >= _CHAR_LIMIT or max(lengths) >= _CHAR_LIMIT:
        return [((), (), 1, "", "", "", "", "")]
    cut = [ids[e - k : e] for e, k in zip(ends, lengths, strict=True)]
    return [(cut, counts, 0, *texts)]


_MIDDLE_TASK = (
    "SELECT task_id FROM task_forms WHERE project = ? ORDER BY task_id LIMIT 1 "
    "OFFSET CAST((SELECT count(*) FROM task_forms WHERE project = ?) * ? AS INTEGER)"
)
"""The task where the facts are split between two connections: the share of the archive's
tasks before it (a parameter) is read by the caller, the rest by the other connection.
Any task splits them correctly: the place only balances the work (and the archive's
index is a fifth of the facts')."""
SHARE_WITH_ARCHIVE, SHARE = 5 / 8, 1 / 2
"""The caller's share of the facts: five eighths where the other connection reads the
archive's responses first (:func:`fact_figures`), which balances the two at a million
answers, else half (:func:`columns_agreement`)."""

_POSTGRES_COLUMNS = f"""
SELECT a.task_id, t.form, a.head, a.facts, a.answered, a.days, a.seconds FROM (
  SELECT f.task_id,
    string_agg(chr(least(array_position(?::text[], f.reviewer), {_CHAR_LIMIT})::int + 1)
               || chr(least(f.form, {_CHAR_LIMIT})::int + 1)
               || chr(least(f.responses, {_CHAR_LIMIT})::int + 1)
               || chr(least(length(f.facts), {_CHAR_LIMIT}) + 1)
               || chr(least(length(f.answered), {_CHAR_LIMIT}) + 1)
               || chr(least(length(f.day), {_CHAR_LIMIT}) + 1), '') AS head,
    string_agg(f.facts, '') AS facts, string_agg(f.answered, '') AS answered,
    string_agg(f.day, '') AS days, string_agg(f.seconds::text, ',') AS seconds
  FROM (SELECT * FROM answer_facts WHERE project = ? ORDER BY task_id, reviewer) f
  GROUP BY f.task_id) a
LEFT JOIN task_forms t ON t.project = ? AND t.task_id = a.task_id
ORDER BY a.task_id
"""
""":data:`_SQLITE_COLUMNS` on the team store, with what costs PostgreSQL most per answer
left to the reader: each answer's rater is its place (from 1) in the reviewers'
fingerprints given as the first parameter, and each task's current form comes beside its
strings (joined after grouping, so per task, not per answer) for the reader to compare
with its answers'. A missing column leaves its answer out of the first string (a NULL in
``||``), which the reader sees; the seconds' text gives them back exactly because each
connection asks for shortest-exact floats (:meth:`docket.server.sql.PostgresDb.
_session_settings`). The answers are sorted by the primary key (task, reviewer) before
they are grouped: the index gives them in that order, and each task's strings follow it,
which the reader checks as on SQLite. Measured at a million answers against the fact rows
themselves: about 0.4 s more of the server's CPU, 1 s less of the reader's."""


@dataclass(slots=True)
class _Columns:
    """The wide fact rows (:meth:`MergedStore.answer_fact_rows`) as arrays, in task
    order: what the figures read, without a Python object per answer where SQLite can
    give them as a few long strings (:func:`_read_columns`)."""

    tasks: list[str]
    """The tasks, in order."""
    task: Any
    """Each answer's task (its place in :attr:`tasks`)."""
    raters: Any
    """Each answer's rater key."""
    form: Any
    responses: Any
    facts: Any
    """Every answer's facts one after the other, as bytes (``uint8``)."""
    facts_length: Any
    answered: Any
    """Every answer's ``answered`` text one after the other, as bytes."""
    answered_length: Any
    day_texts: list[str]
    """The days the answers were saved on, sorted."""
    day: Any
    """Each answer's day (its place in :attr:`day_texts`)."""
    seconds: Any

    @classmethod
    def of_rows(cls, np: Any, rows: Sequence[tuple[Any, ...]]) -> _Columns:
        rows = _in_order(np, rows)
        n = len(rows)
        columns = list(zip(*rows, strict=True)) if n else [()] * 8
        task_ids = np.array(columns[0], dtype=object)
        first = np.ones(n, dtype=bool)
        if n > 1:
            first[1:] = task_ids[1:] != task_ids[:-1]
        day_texts = sorted(set(columns[5]))
        day_number = {d: i for i, d in enumerate(day_texts)}

        def text(values: Sequence[str]) -> tuple[Any, Any]:
            joined = np.frombuffer("".join(values).encode("ascii"), dtype=np.uint8)
            return joined, np.fromiter(map(len, values), dtype=np.int64, count=n)

        facts, facts_length = text(columns[4])
        answered, answered_length = text(columns[7])
        return cls(
            task_ids[first].tolist(),
            np.cumsum(first) - 1,
            columns[1],
            np.array(columns[2], dtype=np.int64),
            np.array(columns[3], dtype=np.int64),
            facts,
            facts_length,
            answered,
            answered_length,
            day_texts,
            np.fromiter(map(day_number.__getitem__, columns[5]), dtype=np.int64, count=n),
            np.array(columns[6], dtype=np.float64),
        )

    def firsts(self, np: Any) -> Any:
        """Whether each answer is the first of its task."""
        first = np.ones(len(self.task), dtype=bool)
        first[1:] = self.task[1:] != self.task[:-1]
        return first

    def shape(self) -> Any:
        """Each answer's layout as one number: form x 4096 + responses."""
        return self.form * 4096 + self.responses

    def task_forms(self) -> Any:
        """Each task's form (that of its first answer)."""
        import numpy as np

        return self.form[np.flatnonzero(self.firsts(np))]

    def forms(self, schemas: Mapping[str, Schema]) -> dict[int, Schema]:
        """:func:`docket.server.agreement.forms_of` of these rows."""
        out: dict[int, Schema] = {}
        import numpy as np

        for form in np.unique(self.form).tolist():
            for t in np.unique(self.task[self.form == form]).tolist():
                found = schemas.get(self.tasks[t])
                if found is not None:
                    out[int(form)] = found
                    break
        return out


def _read_columns(
    np: Any, store: MergedStore, reads: Reads | None = None, share: float = SHARE
) -> tuple[_Columns, dict[Any, tuple[str, str]]] | None:
    """The project's wide fact rows as :class:`_Columns` with each rater's (fingerprint,
    name), or ``None`` as :meth:`MergedStore.answer_fact_rows` (also without rows).
    Read per task as a few strings (:func:`_string_columns`) where they give every row
    exactly; else from the rows."""
    found = _string_columns(np, store, reads, share)
    if found is not None:
        return found
    read = store.answer_fact_rows(wide=True)
    if read is None or not read[0]:
        return None
    rows, who = read
    return _Columns.of_rows(np, rows), who


def _string_columns(
    np: Any, store: MergedStore, reads: Reads | None = None, share: float = SHARE
) -> tuple[_Columns, dict[Any, tuple[str, str]]] | None:
    """:func:`_read_columns` from the per-task strings (:data:`_SQLITE_COLUMNS`,
    :data:`_POSTGRES_COLUMNS`), or ``None`` where they cannot give every row exactly
    (then the rows are read). ``reads``: another connection that reads part of them
    beside this one (this one reads ``share`` of the tasks)."""
    db = store.db
    postgres = db.dialect == "postgresql"
    project = store.project
    count = "SELECT count(*) FROM answers WHERE project = ?"
    with paused_gc():
        if postgres:
            (answers,) = db.execute(count, (project,)).fetchone()
            people = db.execute("SELECT fingerprint, name FROM reviewers").fetchall()
            fingerprints = sorted(str(fp) for fp, _ in people)
            names = {str(fp): str(name) for fp, name in people}
            # The places array_position gives (from 1).
            who = {i: (fp, names[fp]) for i, fp in enumerate(fingerprints, 1)}
            per_task = db.execute(
                _POSTGRES_COLUMNS, (fingerprints, store.project, store.project)
            ).fetchall()
        else:
            who = {
                int(rater): (str(fp), str(name))
                for rater, fp, name in db.execute("SELECT rowid, fingerprint, name FROM reviewers")
            }
            upper = _upper_half(db, project, reads, share)  # read meanwhile by another
            (answers,) = db.execute(count, (project,)).fetchone()
            per_task = _lower_half(db, project, reads, upper)
    if not per_task:
        return None
    task_form: Any = None
    if postgres:
        tasks, forms_now, heads, facts, answered, days, seconds = zip(*per_task, strict=True)
        try:
            task_form = np.array(forms_now, dtype=np.int64)
        except TypeError:
            return None  # answers to a task no longer archived: their form is stale
    else:  # chunks of tasks (_one_row): their ids and numbers of answers, then strings
        chunk_tasks, chunk_counts, inexact, heads, facts, answered, days, seconds = zip(
            *per_task, strict=True
        )
        if any(inexact):
            return None
        tasks = tuple(t for chunk in chunk_tasks for t in chunk)
        counts = [k for chunk in chunk_counts for k in chunk]
    try:
        head_text = "".join(heads)
        fact_text, answered_text, day_text = "".join(facts), "".join(answered), "".join(days)
        seconds_text = ",".join(seconds)
    except TypeError:
        return None  # a task none of whose answers has one of the columns
    if postgres:
        counts = np.fromiter(map(len, heads), dtype=np.int64, count=len(heads)) // 6
    n = int(np.sum(counts))
    if n != answers:
        return None
    tasks_sorted = list(tasks)
    if set(map(type, tasks_sorted)) != {str} or tasks_sorted != sorted(tasks_sorted):
        return None  # a collation that is not Python's: the rows, sorted as Python sorts
    if not (fact_text.isascii() and answered_text.isascii() and day_text.isascii()):
        return None
    head = np.frombuffer(head_text.encode("utf-32-le"), dtype=np.uint32)
    if len(head) != 6 * n:
        return None
    head = head.reshape(n, 6).astype(np.int64) - 1
    if int(head.max()) >= _CHAR_LIMIT:
        return None
    facts_length, answered_length, day_length = head[:, 3], head[:, 4], head[:, 5]
    if (
        int(facts_length.sum()) != len(fact_text)
        or int(answered_length.sum()) != len(answered_text)
        or int(day_length.sum()) != len(day_text)
    ):
        return None
    spent = np.array(seconds_text.split(","), dtype=np.float64)
    if len(spent) != n:
        return None
    day_bytes = day_text.encode("ascii")
    width = int(day_length[0])
    if width > 0 and bool(np.all(day_length == width)):
        found, day = np.unique(np.frombuffer(day_bytes, dtype=f"S{width}"), return_inverse=True)
        day_texts = [d.decode("ascii") for d in found.tolist()]
    else:
        ends = np.cumsum(day_length).tolist()
        given = [day_text[e - k : e] for e, k in zip(ends, day_length.tolist(), strict=True)]
        day_texts = sorted(set(given))
        number = {d: i for i, d in enumerate(day_texts)}
        day = np.fromiter(map(number.__getitem__, given), dtype=np.int64, count=n)
    raters = head[:, 0]
    present = {int(r) for r in np.unique(raters).tolist()}
    if not present <= set(who):
        return None
    task = np.repeat(np.arange(len(tasks_sorted)), np.array(counts, dtype=np.int64))
    if task_form is not None and not bool(np.all(head[:, 1] == task_form[task])):
        return None  # a task whose form changed after these facts were written
    # Within a task, by reviewer (their fingerprints as the database sorts them, BINARY:
    # as Python sorts them).
    by_fingerprint = sorted(present, key=lambda r: who[r][0])
    place = np.zeros(max(present) + 1, dtype=np.int64)
    place[by_fingerprint] = np.arange(len(by_fingerprint))
    ranked = place[raters]
    if not bool(np.all((task[1:] != task[:-1]) | (ranked[1:] > ranked[:-1]))):
        return None
    columns = _Columns(
        tasks_sorted,
        task,
        raters,
        head[:, 1],
        head[:, 2],
        np.frombuffer(fact_text.encode("ascii"), dtype=np.uint8),
        facts_length,
        np.frombuffer(answered_text.encode("ascii"), dtype=np.uint8),
        answered_length,
        day_texts,
        np.asarray(day, dtype=np.int64).ravel(),
        spent,
    )
    return columns, {rater: who[rater] for rater in sorted(present)}


def _upper_half(
    db: Db, project: str, reads: Reads | None, share: float
) -> tuple[str, Future[Any]] | None:
    """With ``reads``, the rows of :data:`_SQLITE_COLUMNS` from the :data:`_MIDDLE_TASK`
    on, queued for the other connection (and the task): see :func:`_lower_half`."""
    if reads is None:
        return None
    row = db.execute(_MIDDLE_TASK, (project, project, share)).fetchone()
    if row is None:
        return None
    middle = str(row[0])
    upper = reads.submit(lambda d: _one_row(d, _SQLITE_FROM, (project, middle)))
    reads.start()  # the archive's responses first (queued before), then these
    return middle, upper


def _lower_half(
    db: Db, project: str, reads: Reads | None, upper: tuple[str, Future[Any]] | None
) -> list[Any]:
    """The rows of :data:`_SQLITE_COLUMNS`: those before the :data:`_MIDDLE_TASK` read here
    while the other connection reads the others (``upper``), or all of them here."""
    if reads is None or upper is None:
        return _one_row(db, _SQLITE_COLUMNS, (project,))
    middle, rest = upper
    rows = _one_row(db, _SQLITE_BELOW, (project, middle))
    rows += reads.wait(rest)
    return rows


@dataclass(slots=True)
class Prepared:
    """The fact rows as arrays, worked out once for agreement and the other figures."""

    columns: _Columns
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
    return _prepare_columns(np, _Columns.of_rows(np, rows), shown, forms)


def _prepare_columns(
    np: Any, columns: _Columns, shown: Mapping[Any, str], forms: Mapping[int, Schema]
) -> Prepared | None:
    """:func:`_prepare` of the rows as :class:`_Columns`."""
    names = sorted(set(shown.values()))
    if len(names) != len(shown):
        return None
    place = {label: i for i, label in enumerate(names)}
    first = columns.firsts(np)
    shape = columns.shape()
    if np.any(shape[1:][~first[1:]] != shape[:-1][~first[1:]]):
        return None
    rank_of = {rater: place[label] for rater, label in shown.items()}
    rank = _ranks(np, columns.raters, rank_of)
    if rank is None:
        return None
    groups = _groups(np, columns, forms)
    if groups is None:
        return None
    return Prepared(columns, columns.task, columns.tasks, names, rank, groups)


def _ranks(np: Any, raters: Sequence[Any], rank_of: Mapping[Any, int]) -> Any | None:
    """Each row's rater as its place (``rank_of``); ``None`` where a rater has none.
    Raters that are small integers (SQLite's row ids) are looked up as an array."""
    keys = list(rank_of)
    if keys and all(type(k) is int and 0 <= k < 1 << 20 for k in keys):
        table = np.full(max(keys) + 1, -1, dtype=np.int64)
        table[keys] = [rank_of[k] for k in keys]
        try:
            given = np.array(raters, dtype=np.int64)
        except (TypeError, ValueError, OverflowError):
            given = None
        if given is not None and given.ndim == 1:
            if not len(given):
                return given
            if given.min() < 0 or given.max() >= len(table):
                return None
            rank = table[given]
            return None if bool(np.any(rank < 0)) else rank
    try:
        return np.array([rank_of[r] for r in raters], dtype=np.int64)
    except KeyError:
        return None


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
    n = len(prepared.task)
    columns, task, tasks, names, rank, groups = (
        prepared.columns, prepared.task, prepared.tasks, prepared.names, prepared.rank,
        prepared.groups,
    )  # fmt: skip
    # Days (the first ten characters of the time saved), numbered as they sort.
    day_texts, day, seconds = columns.day_texts, columns.day, columns.seconds
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


def _groups(np: Any, columns: _Columns, forms: Mapping[int, Schema]) -> list[_Group] | None:
    """The answers split by layout, each with its facts as a matrix of codes (and which
    questions each holds)."""
    shape = columns.shape()
    out = []
    for kind in np.unique(shape).tolist():
        form, count = divmod(int(kind), 4096)
        schema = forms.get(form)
        slots = None if schema is None else layout(schema, count)
        if schema is None or slots is None:
            return None
        mine = shape == kind
        chosen = np.flatnonzero(mine)
        codes = _text_rows(np, columns.facts, columns.facts_length, mine, len(slots))
        held = _text_rows(
            np, columns.answered, columns.answered_length, mine, len(schema.questions)
        )
        if codes is None or held is None:
            return None
        out.append(
            _Group(schema, count, slots, chosen, codes - np.uint8(ord(ABSENT)), held == ord("1"))
        )
    return out


def _text_rows(np: Any, text: Any, lengths: Any, mine: Any, width: int) -> Any | None:
    """The texts of the rows ``mine`` picks (``text``: every row's text one after the
    other as bytes, ``lengths`` each one's) as a matrix of ``width`` bytes per row;
    ``None`` where one is not that long."""
    if np.any(lengths[mine] != width):
        return None
    rows = int(np.count_nonzero(mine))
    if rows == len(lengths):
        return text.reshape(rows, width)
    return text[np.repeat(mine, lengths)].reshape(rows, width)


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
    where = np.fromiter(map(index.get, task_of, repeat(-1)), dtype=np.int64, count=len(task_of))
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
    return flag_rates_of_counts(judged, flagged, labels)


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
