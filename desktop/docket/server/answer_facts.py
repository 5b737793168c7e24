"""Answer facts: what the agreement figures need of an answer, kept as one short text
per answer beside it, so that agreement over a million answers never decodes their bodies.

An answer form and a number of responses give a fixed list of *slots*
(:func:`layout`): one per unit the answer can give a value to, in the units of
:mod:`docket.server.agreement` (the preference's scale and direction, each pair of
responses a ranking orders, each response's score on each likert dimension, each flag
on each response and on the task). An answer's facts are one character per slot: ``0``
where the answer gives that unit no value, else the value's place in the slot's list of
values (``1`` the first). ``docket merge`` writes them in the transaction that writes
the answer (:func:`encode`, the same rules as :func:`docket.server.agreement._add_units`,
which the property tests hold them to); the merged store's migration v9 fills them for
the answers merged before.

Forms whose questions this cannot express (rubrics and choices, whose values come from
the task or the answer; two flags questions in one form, which share units) have no
layout: their answers get no facts and the readers decode the answers as before.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from docket.core.bulk import paused_gc
from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    RankingQuestion,
    RubricQuestion,
    Schema,
)
from docket.server.agreement_stats import pairwise_from_ranking
from docket.server.sql import upsert

STRENGTH = {"slight": 1, "strong": 2}
"""A preference's strength on the agreement scale (one definition, shared with
:mod:`docket.server.agreement`)."""
ABSENT = "0"
"""The character of a slot the answer gives no value."""
FIRST = ord(ABSENT) + 1
MAX_VALUES = 126 - ord(ABSENT)
"""Values one slot can tell apart (printable ASCII after ``0``)."""

PREFERENCE_SCALE: tuple[Hashable, ...] = (-2, -1, 0, 1, 2)
DIRECTIONS: tuple[Hashable, ...] = ("first", "second", "tie")
PAIR_SIGNS: tuple[Hashable, ...] = (-1, 0, 1)
FLAG_VALUES: tuple[Hashable, ...] = (False, True)


@dataclass(frozen=True, slots=True)
class Slot:
    """One unit an answer can give a value to: the question as agreement names it
    (``key``: question and level), the unit within its task (``target``), and the
    values, in the order their characters count them."""

    key: tuple[str, str]
    target: tuple[object, ...]
    values: tuple[Hashable, ...]


def _label(q: Any) -> str:
    return str(q.id) if q.id == q.kind else f"{q.kind} {q.id}"


@lru_cache(maxsize=256)
def layout(schema: Schema, responses: int) -> tuple[Slot, ...] | None:
    """The slots of ``schema`` for a task of ``responses`` responses (their ids sorted:
    a slot's target names a response by its place in that order); ``None`` where the
    form holds a question this cannot express."""
    slots: list[Slot] = []
    flags_questions = 0
    for q in schema.questions:
        label = _label(q)
        if isinstance(q, (RubricQuestion, ChoiceQuestion)):
            return None
        if isinstance(q, PreferenceQuestion):
            if responses == 2:
                slots.append(Slot((label, "ordinal"), ("task",), PREFERENCE_SCALE))
                slots.append(Slot((f"{label} direction", "nominal"), ("task",), DIRECTIONS))
        elif isinstance(q, RankingQuestion):
            for i, j in combinations(range(responses), 2):
                slots.append(Slot((f"{label} (pairs)", "ordinal"), (i, j), PAIR_SIGNS))
        elif isinstance(q, LikertQuestion):
            scale = tuple(range(q.scale_min, q.scale_max + 1))
            if not 0 < len(scale) <= MAX_VALUES:
                return None
            for i in range(responses):
                for dim in q.dimensions:
                    slots.append(Slot((f"{label} {dim}", "ordinal"), (i,), scale))
        elif isinstance(q, FlagsQuestion):
            flags_questions += 1
            on_responses = list(dict.fromkeys(n for n, _ in q.response_flags))
            on_task = list(dict.fromkeys(n for n, _ in q.task_flags))
            for i in range(responses):
                slots.extend(
                    Slot((f"flag {n}", "nominal"), (i,), FLAG_VALUES) for n in on_responses
                )
            slots.extend(Slot((f"flag {n}", "nominal"), ("task",), FLAG_VALUES) for n in on_task)
    units = [(s.key, s.target) for s in slots]
    if flags_questions > 1 or len(set(units)) != len(units):
        return None
    return tuple(slots)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What encoding needs of one layout, worked out once: each unit's place, each
    place's character per value (by kind and value, so ``1`` and ``True`` stay apart),
    the facts of an answer that gives nothing (every flag unset), and each question's
    label (as :func:`_label` gives it)."""

    places: dict[tuple[Any, ...], int]
    codes: tuple[dict[tuple[type, Hashable], str], ...]
    blank: tuple[str, ...]
    labels: tuple[str, ...]


@lru_cache(maxsize=256)
def _plan_of(schema: Schema, responses: int) -> _Plan | None:
    found = layout(schema, responses)
    if found is None:
        return None
    codes = tuple(
        {(type(v), v): chr(FIRST + k) for k, v in enumerate(slot.values)} for slot in found
    )
    blank = tuple(chr(FIRST) if slot.values is FLAG_VALUES else ABSENT for slot in found)
    labels = tuple(_label(q) for q in schema.questions)
    return _Plan({(s.key, s.target): i for i, s in enumerate(found)}, codes, blank, labels)


_BY_IDENTITY: dict[tuple[int, int], tuple[Schema, _Plan | None]] = {}
"""Recent forms' plans by the form object's identity (the entry keeps the form alive, so
its id is not reused while it is here): a merge encodes a million answers of a few
forms, and the plan cached by the form's value hashes the whole form each time."""


def _plan(schema: Schema, responses: int) -> _Plan | None:
    """:func:`_plan_of`, looked up by the form's identity first."""
    found = _BY_IDENTITY.get((id(schema), responses))
    if found is not None and found[0] is schema:
        return found[1]
    plan = _plan_of(schema, responses)
    if len(_BY_IDENTITY) >= 256:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[(id(schema), responses)] = (schema, plan)
    return plan


def encode(schema: Schema, display_ids: Sequence[str], answers: Mapping[str, Any]) -> str | None:
    """The facts of one answer given in ``schema`` over responses ``display_ids``, or
    ``None`` where the form has no layout or the answer gives a unit outside it (a
    score off the scale, a response the task does not have): its readers then decode it.

    The values are those :func:`docket.server.agreement._add_units` gives the units."""
    ids = sorted(display_ids)
    plan = _plan(schema, len(ids))
    if plan is None or len(set(ids)) != len(ids) or "task" in ids:
        return None
    places, codes = plan.places, plan.codes
    position = {rid: i for i, rid in enumerate(ids)}
    out = list(plan.blank)

    def put(key: tuple[str, str], target: tuple[object, ...], value: Hashable) -> bool:
        place = places.get((key, target))
        if place is None:
            return False
        code = codes[place].get((type(value), value))
        if code is None:
            return False
        out[place] = code
        return True

    try:
        for q, label in zip(schema.questions, plan.labels, strict=True):
            value = answers.get(q.id)
            if value is None:  # no question gives a unit a value from nothing
                continue
            if isinstance(q, LikertQuestion):
                if not isinstance(value, dict):
                    continue
                for rid, dims in value.items():
                    if not isinstance(dims, dict):
                        continue
                    for dim, score in dims.items():
                        if rid not in position or not put(
                            (f"{label} {dim}", "ordinal"), (position[rid],), score
                        ):
                            return None
            elif isinstance(q, PreferenceQuestion):
                if isinstance(value, dict) and len(ids) == 2:
                    better = value.get("better")
                    strength = STRENGTH.get(str(value.get("strength")), 1)
                    scale = 0 if better is None else (-strength if better == ids[0] else strength)
                    direction = (
                        "tie" if better is None else ("first" if better == ids[0] else "second")
                    )
                    put((label, "ordinal"), ("task",), scale)
                    put((f"{label} direction", "nominal"), ("task",), direction)
            elif isinstance(q, RankingQuestion):
                if isinstance(value, list):
                    for (x, y), sign in pairwise_from_ranking(value).items():
                        if x not in position or y not in position:
                            return None
                        put((f"{label} (pairs)", "ordinal"), (position[x], position[y]), sign)
            elif isinstance(q, FlagsQuestion) and isinstance(value, dict):
                # Every flag is unset in the blank facts: only those set are written.
                on_task = {n for n, _ in q.task_flags}
                on_responses = {n for n, _ in q.response_flags}
                for target in [*ids, "task"]:
                    marked = value.get(target)
                    if not isinstance(marked, list):
                        continue
                    names = on_task if target == "task" else on_responses
                    unit = ("task",) if target == "task" else (position[target],)
                    for name in set(marked) & names:
                        put((f"flag {name}", "nominal"), unit, True)
    except (TypeError, ValueError):  # what the units could not be built from either
        return None
    return "".join(out)


def answered(schema: Schema, answers: Mapping[str, Any]) -> str:
    """Which questions of the form the answer holds: one character per question, in the
    form's order, ``1`` where the answers carry its id, else ``0`` (the report counts a
    response as judged for flags only where the answer holds the flags question)."""
    return "".join("1" if q.id in answers else "0" for q in schema.questions)


FactsInput = tuple[
    str, str, int, Mapping[str, str] | Sequence[str], Mapping[str, Any] | str, str, float
]
"""What :func:`write_facts` takes of one answer: task id, reviewer fingerprint,
revision, display order (or the response ids in the order shown), answers (or their
JSON), the time it was saved (ISO 8601) and the seconds spent on it."""
GivenFacts = tuple[str, str | None, str]
"""An answer's facts worked out before its transaction (by ``docket merge``'s worker):
the JSON of the form they were worked out in, :func:`encode` and :func:`answered` in it."""


def write_facts(
    conn: Any,
    project: str,
    rows: Sequence[FactsInput],
    forms: dict[int, Schema | None],
    *,
    given: Sequence[GivenFacts] | None = None,
) -> int:
    """Keep the facts of these answers of ``project`` through ``conn`` (a DB-API
    connection) in the caller's transaction: each task's form is read from
    ``task_forms`` (``forms`` caches them by id, parsed once); an answer with no facts
    (no archived form, a form or an answer :func:`encode` cannot express) has any older
    facts removed, so no reader mistakes them for its own. Beside the facts: the day
    the answer was saved (the first ten characters of its time), the seconds spent and
    which questions it holds (:func:`answered`), for the report. ``given`` (one per
    row) are taken as they are where the task's archived form equals the form they were
    worked out in (compared once per form and call); the others are worked out here.
    Returns how many were written. Plain SQL, no engine's own functions."""
    import json

    from docket.errors import DocketError

    wanted = sorted({r[0] for r in rows})
    form_of: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        form_of.update(
            (str(t), int(f))
            for t, f in conn.execute(
                "SELECT task_id, form FROM task_forms WHERE project = ? "
                f"AND task_id IN ({', '.join('?' * len(chunk))})",
                (project, *chunk),
            ).fetchall()
        )
    keep, drop = [], []
    same: dict[tuple[int, int], bool] = {}  # (archived form, id of a given form's JSON)
    for i, (task_id, reviewer, revision, order, answers, saved_at, seconds) in enumerate(rows):
        form = form_of.get(task_id)
        facts = None
        schema: Schema | None = None
        held = ""
        if form is not None:
            if form not in forms:
                (text,) = conn.execute("SELECT schema FROM forms WHERE id = ?", (form,)).fetchone()
                try:
                    forms[form] = Schema.loads(text)
                except (ValueError, DocketError):
                    forms[form] = None
            schema = forms[form]
            worked = given[i] if given is not None else None
            fits: bool | None = False
            if worked is not None:
                key = (form, id(worked[0]))
                fits = same.get(key)
                if fits is None:
                    fits = same[key] = _form_of_json(worked[0]) == schema
            if schema is None:
                pass
            elif worked is not None and fits:
                facts, held = worked[1], worked[2]
                responses = len(order)
            else:
                # A tuple or list first: a check against the abstract Mapping costs a
                # microsecond for every row that is not one.
                shown = (
                    order
                    if isinstance(order, (tuple, list))
                    else order.values()
                    if isinstance(order, Mapping)
                    else order
                )
                ids = [str(v) for v in shown]
                if isinstance(answers, str):
                    answers = json.loads(answers)
                facts = encode(schema, ids, answers)
                held = answered(schema, answers)
                responses = len(ids)
        if facts is None or schema is None:
            drop.append((project, task_id, reviewer))
        else:
            keep.append(
                (
                    project, task_id, reviewer, int(revision), form, responses, facts,
                    str(saved_at)[:10], float(seconds), held,
                )
            )  # fmt: skip
    if drop:
        conn.executemany(
            "DELETE FROM answer_facts WHERE project = ? AND task_id = ? AND reviewer = ?", drop
        )
    if keep:
        # One upsert per answer (its older facts replaced whole), not a delete and an insert.
        columns = getattr(conn, "columns", None)
        if columns is not None and "day" not in columns("answer_facts"):
            # A store still at version 9 (the next version's migration runs on the next
            # open, and writes every answer's facts again): that version's columns.
            conn.executemany(upsert("answer_facts", FACT_COLUMNS[:7], KEY), [k[:7] for k in keep])
            return len(keep)
        conn.executemany(upsert("answer_facts", FACT_COLUMNS, KEY), keep)
    return len(keep)


@lru_cache(maxsize=64)
def _form_of_json(text: str) -> Schema | None:
    from docket.errors import DocketError

    try:
        return Schema.loads(text)
    except (ValueError, DocketError):
        return None


FACT_COLUMNS = (
    "project", "task_id", "reviewer", "revision", "form", "responses", "facts", "day",
    "seconds", "answered",
)  # fmt: skip
KEY = ("project", "task_id", "reviewer")


WIDE = 2**62
"""Units whose places read as one number below this are counted as numbers."""
FactRow = tuple[str, Any, int, int, str]
"""(task id, rater, form id, number of responses, facts) of one answer."""
Cohen = dict[tuple[str, str], tuple[int, float | None]]


@dataclass(slots=True)
class FactTally:
    """One question's units summed as :func:`docket.server.agreement.agreement` needs
    them: the multisets of values (raters left out: no coefficient but Cohen's kappa
    needs them) and, per pair of raters, the pairs of values they gave."""

    values: dict[tuple[Hashable, ...], int]
    pairs: dict[tuple[str, str], dict[tuple[Hashable, Hashable], int]]


def fact_tallies(
    rows: Sequence[FactRow], forms: Mapping[int, Schema], labels: Mapping[Any, str]
) -> dict[tuple[str, str], FactTally] | None:
    """The units of every question of these answers' facts (rows in task order;
    ``labels``: each rater's name as agreement shows it), counted with NumPy; ``None``
    where that cannot be done exactly (NumPy missing, a task whose answers disagree on
    the form or the number of responses, a form without a layout, two raters shown
    alike): the caller then reads the answers."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - NumPy comes with the report extra
        return None
    if not rows:
        return {}
    names = sorted(set(labels.values()))
    if len(names) != len(labels):
        return None
    rank = {rater: names.index(label) for rater, label in labels.items()}
    with paused_gc():
        return _tallies(np, rows, forms, names, rank)


def _tallies(
    np: Any,
    rows: Sequence[FactRow],
    forms: Mapping[int, Schema],
    names: list[str],
    rank: Mapping[Any, int],
) -> dict[tuple[str, str], FactTally] | None:
    tasks, raters, form_ids, counts, facts = list(zip(*rows, strict=True))[:5]
    task_array = np.array(tasks, dtype=object)
    new_task = np.empty(len(rows), dtype=bool)
    new_task[0] = True
    new_task[1:] = task_array[1:] != task_array[:-1]
    task_index = np.cumsum(new_task) - 1
    shape = np.array(form_ids, dtype=np.int64) * 4096 + np.array(counts, dtype=np.int64)
    if np.any(shape[1:][~new_task[1:]] != shape[:-1][~new_task[1:]]):
        return None
    try:
        who = np.array([rank[r] for r in raters], dtype=np.int64)
    except KeyError:
        return None
    out: dict[tuple[str, str], FactTally] = {}
    for kind in np.unique(shape):
        form, responses = divmod(int(kind), 4096)
        schema = forms.get(form)
        slots = None if schema is None else layout(schema, responses)
        if slots is None:
            return None
        chosen = np.flatnonzero(shape == kind)
        picked = facts if len(chosen) == len(facts) else [facts[i] for i in chosen.tolist()]
        text = "".join(picked).encode("ascii")
        if len(text) != len(chosen) * len(slots):
            return None
        codes = (np.frombuffer(text, dtype=np.uint8) - ord(ABSENT)).reshape(len(chosen), -1)
        _count(np, out, slots, codes, task_index[chosen], who[chosen], names)
    return out


def count_layouts(
    layouts: Sequence[tuple[Sequence[Slot], Any, Any, Any]], names: Sequence[str]
) -> dict[tuple[str, str], FactTally]:
    """:func:`fact_tallies` of answers already split by layout, for a caller that holds
    them as arrays: per layout its slots, its answers' codes (one row per answer: 0
    absent, else the value's place + 1, as ``uint8``), their tasks (numbered in order)
    and their raters (places in ``names``, the raters' labels sorted)."""
    import numpy as np

    out: dict[tuple[str, str], FactTally] = {}
    with paused_gc():
        for slots, codes, tasks, who in layouts:
            _count(np, out, slots, codes, tasks, who, names)
    return out


def _count(
    np: Any,
    out: dict[tuple[str, str], FactTally],
    slots: Sequence[Slot],
    codes: Any,
    tasks: Any,
    who: Any,
    names: Sequence[str],
) -> None:
    """Add the units of one layout's answers (``codes``: one row per answer, tasks in
    order) to ``out``."""
    first = np.empty(len(tasks), dtype=bool)
    first[0] = True
    first[1:] = tasks[1:] != tasks[:-1]
    starts = np.flatnonzero(first)
    task = np.cumsum(first) - 1
    place = np.arange(len(tasks)) - starts[task]
    width = int(place.max()) + 1
    raters = np.full((len(starts), width), -1, dtype=np.int64)
    raters[task, place] = who
    grid = np.zeros((codes.shape[1], len(starts), width), dtype=np.uint8)
    grid[:, task, place] = codes.T
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, slot in enumerate(slots):
        by_key.setdefault(slot.key, []).append(i)
    base = len(names)
    for key, places in by_key.items():
        values = slots[places[0]].values
        units = grid[places].reshape(-1, width)
        judged = np.flatnonzero(np.count_nonzero(units, axis=1) >= 2)
        if not len(judged):
            continue
        tally = out.get(key)
        if tally is None:
            tally = out[key] = FactTally({}, {})
        span = len(values) + 1
        # The judged units' codes as they are (bytes), and their raters picked from the
        # tasks' rows (unit i is task i mod tasks), not copied once per place first.
        units, rated_by, weight = _distinct(
            np, units[judged], raters[judged % len(starts)], base, span
        )
        present = units > 0
        _add_multisets(np, tally, units, weight, values, width)
        cells = np.zeros(base * base * span * span, dtype=np.int64)
        for i, j in combinations(range(width), 2):
            both = present[:, i] & present[:, j]
            a, b = rated_by[both, i], rated_by[both, j]
            va, vb = units[both, i], units[both, j]
            swap = a > b
            a, b = np.where(swap, b, a), np.where(swap, a, b)
            va, vb = np.where(swap, vb, va), np.where(swap, va, vb)
            cells += np.bincount(
                ((a * base + b) * span + va) * span + vb, weights=weight[both], minlength=len(cells)
            ).astype(np.int64)
        for cell in np.flatnonzero(cells).tolist():
            pair, vs = divmod(cell, span * span)
            x, y = divmod(pair, base)
            v, w = divmod(vs, span)
            found = tally.pairs.setdefault((names[x], names[y]), {})
            value = (values[v - 1], values[w - 1])
            found[value] = found.get(value, 0) + int(cells[cell])


def _distinct(np: Any, units: Any, raters: Any, base: int, span: int) -> tuple[Any, Any, Any]:
    """The distinct units (who gave which value in each place) with how many there are
    of each: most units repeat (flags no one set), so what follows runs over a few
    thousand rows instead of a million. Each unit is read as one number where that fits
    62 bits; otherwise every unit is kept, once each."""
    width = units.shape[1]
    radix = (base + 1) * span
    if radix**width >= WIDE:
        return units.astype(np.int64), raters, np.ones(len(units), dtype=np.int64)
    number = np.zeros(len(units), dtype=np.int64)
    for k in range(width):
        given = units[:, k].astype(np.int64)
        number += np.where(given > 0, (raters[:, k] + 1) * span + given, 0) * (radix**k)
    found, times = np.unique(number, return_counts=True)
    digits = (found[:, None] // (radix ** np.arange(width, dtype=np.int64))) % radix
    return digits % span, digits // span - 1, times


def _add_multisets(
    np: Any, tally: FactTally, units: Any, weight: Any, values: Sequence[Hashable], width: int
) -> None:
    """Count the units (``weight`` each) by the multiset of their values: each multiset
    as one number (how many raters gave each value, in base ``width + 1``) where that
    fits 62 bits, else by sorting each unit's values."""
    if (width + 1) ** len(values) < WIDE:
        powers = np.array([0] + [(width + 1) ** k for k in range(len(values))], dtype=np.int64)
        number = powers[units].sum(axis=1)
    else:
        number = np.unique(np.sort(units, axis=1), axis=0, return_inverse=True)[1].ravel()
        rows: dict[int, Any] = {}
        for k, n in enumerate(number.tolist()):
            rows.setdefault(n, units[k])
    found, where = np.unique(number, return_inverse=True)
    totals = np.bincount(where.ravel(), weights=weight).astype(np.int64)
    for k, key_number in enumerate(found.tolist()):
        multiset: list[Hashable] = []
        if (width + 1) ** len(values) < WIDE:
            for value in values:
                key_number, given = divmod(key_number, width + 1)
                multiset.extend([value] * given)
        else:
            multiset = [values[c - 1] for c in sorted(rows[key_number].tolist()) if c]
        key = tuple(multiset)
        tally.values[key] = tally.values.get(key, 0) + int(totals[k])
