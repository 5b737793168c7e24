"""The quality section of ``docket report``: can these judgments be trusted, who needs
calibration, is quality drifting.

Agreement per question and gold accuracy come from :mod:`docket.server.agreement`. This
module adds what is read over reviewers and time: the reviewer x reviewer agreement
matrix of the main comparison question, time spent per task, answers per day, agreement
per time window, and flag counts per time window.

Times are those of each answer's latest save (the merged database keeps the latest
revision of every reviewer's answer); a day is a UTC calendar day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import cast

from docket.core.rules import too_fast
from docket.core.schema import FlagsQuestion
from docket.server.agreement import QuestionAgreement, Units
from docket.server.agreement import question_units as agreement_units
from docket.server.agreement_stats import (
    Level,
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from docket.server.merged_store import MergedAnswer
from docket.server.report_scorecard import FormQuestions
from docket.server.schemas import Schemas, schema_for

TARGET_AGREEMENT = 0.70
"""The agreement a question must reach (Krippendorff's alpha; kappa-like scale)."""
MIN_WINDOW_UNITS = 10
"""Fewer shared units than this in a window give no agreement figure for it."""
DAILY_WINDOWS_UP_TO = 21
"""Spans of at most this many days are shown per day; longer ones per ISO week."""


@dataclass(frozen=True, slots=True)
class PairMatrix:
    """Cohen's kappa of every pair of reviewers on one question, over the units both
    judged (``None`` where they shared none or kappa is undefined)."""

    question: str
    reviewers: tuple[str, ...]
    kappa: dict[tuple[str, str], float | None]
    shared: dict[tuple[str, str], int]


@dataclass(frozen=True, slots=True)
class WindowAgreement:
    window: str
    units: int
    percent_agreement: float | None
    alpha: float | None


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds spent per answer, per reviewer (answers with no time recorded, such as
    those written through the Python API, are counted apart), and the answers given
    faster than their form's ``min_seconds`` (:func:`docket.core.rules.too_fast`)."""

    seconds: dict[str, list[float]]
    untimed: dict[str, int]
    fast: dict[str, int]
    min_seconds: tuple[float, ...]
    """Every minimum the forms of these answers set (none: no form sets one)."""


def main_question(agreements: Sequence[QuestionAgreement]) -> QuestionAgreement | None:
    """The question the reviewer matrix and the drift are shown for: the comparison
    (preference direction, else ranking pairs), else the question most units share."""
    for wanted in (" direction", "(pairs)"):
        found = [q for q in agreements if q.question.endswith(wanted)]
        if found:
            return max(found, key=lambda q: q.units)
    return max(agreements, key=lambda q: q.units, default=None)


def question_units(
    answers: Sequence[MergedAnswer], schemas: Schemas, question: QuestionAgreement
) -> Units:
    """The units (unit -> reviewer -> value) of one question of :func:`agreement`."""
    return agreement_units(answers, schemas, question.question, question.level)


def pair_matrix(question: str, units: Units) -> PairMatrix:
    reviewers = tuple(sorted({who for r in units.values() for who in r}))
    kappa: dict[tuple[str, str], float | None] = {}
    shared: dict[tuple[str, str], int] = {}
    # One pass over the units (each holds a few reviewers), not one per pair of reviewers.
    by_pair: dict[tuple[str, str], list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for values in units.values():
        for a, b in combinations(sorted(values), 2):
            by_pair[(a, b)].append((values[a], values[b]))
    for a, b in combinations(reviewers, 2):
        pairs = by_pair.get((a, b), [])
        value = cohen_kappa(pairs) if pairs else None
        for key in ((a, b), (b, a)):
            kappa[key] = value
            shared[key] = len(pairs)
    return PairMatrix(question, reviewers, kappa, shared)


def day_of(saved_at: str) -> str:
    """The UTC day of an ISO timestamp (``YYYY-MM-DD``); '' when unreadable."""
    day = saved_at[:10]
    try:
        date.fromisoformat(day)
    except ValueError:
        return ""
    return day


def window_of(day: str, weekly: bool) -> str:
    if not weekly or not day:
        return day
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def weekly_windows(answers: Sequence[MergedAnswer]) -> bool:
    days = sorted({d for a in answers if (d := day_of(a.saved_at))})
    if not days:
        return False
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days
    return span > DAILY_WINDOWS_UP_TO


def agreement_over_time(
    answers: Sequence[MergedAnswer], question: QuestionAgreement, units: Units, weekly: bool
) -> list[WindowAgreement]:
    """Agreement of one question per time window; a unit belongs to the window of the
    latest answer in it (when its last judgment was made)."""
    saved: dict[tuple[str, str], str] = {(a.task_id, a.reviewer_name): a.saved_at for a in answers}
    by_window: dict[str, dict[str, dict[str, Hashable]]] = defaultdict(dict)
    for unit, values in units.items():
        if len(values) < 2:
            continue
        task_id = unit.split("|", 1)[0]
        last = max((saved.get((task_id, who), "") for who in values), default="")
        window = window_of(day_of(last), weekly)
        if window:
            by_window[window][unit] = values
    level = cast(Level, question.level)
    out = []
    for window in sorted(by_window):
        found = by_window[window]
        if len(found) < MIN_WINDOW_UNITS:
            out.append(WindowAgreement(window, len(found), None, None))
            continue
        categories = None
        if level == "ordinal":
            categories = sorted({v for r in found.values() for v in r.values()}, key=_numeric)
        out.append(
            WindowAgreement(
                window,
                len(found),
                percent_agreement(found),
                krippendorff_alpha(found, level, categories),
            )
        )
    return out


def _numeric(value: Hashable) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def timing(answers: Sequence[MergedAnswer], schemas: Schemas) -> Timing:
    seconds: dict[str, list[float]] = defaultdict(list)
    untimed: dict[str, int] = defaultdict(int)
    fast: dict[str, int] = defaultdict(int)
    minimums: set[float] = set()
    for a in answers:
        schema = schema_for(schemas, a)
        if schema.min_seconds is not None:
            minimums.add(schema.min_seconds)
        if a.time_spent_s > 0:
            seconds[a.reviewer_name].append(a.time_spent_s)
            if too_fast(schema, a.time_spent_s):
                fast[a.reviewer_name] += 1
        else:
            untimed[a.reviewer_name] += 1
    return Timing(
        dict(sorted(seconds.items())),
        dict(sorted(untimed.items())),
        dict(sorted(fast.items())),
        tuple(sorted(minimums)),
    )


def answers_per_day(answers: Sequence[MergedAnswer]) -> dict[str, dict[str, int]]:
    """Reviewer -> day -> answers last saved that day."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    days: dict[str, str] = {}
    for a in answers:
        day = days.get(a.saved_at[:10])
        if day is None:
            day = days[a.saved_at[:10]] = day_of(a.saved_at)
        if day:
            out[a.reviewer_name][day] += 1
    return {who: dict(sorted(days.items())) for who, days in sorted(out.items())}


def flags_over_time(
    answers: Sequence[MergedAnswer], schemas: Schemas, weekly: bool
) -> dict[str, dict[str, int]]:
    """Flag -> window -> how many times reviewers set it (on a response or the task)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    flags_of = FormQuestions(FlagsQuestion)
    windows: dict[str, str] = {}
    for a in answers:
        day = a.saved_at[:10]
        window = windows.get(day)
        if window is None:
            window = windows[day] = window_of(day_of(a.saved_at), weekly)
        if not window:
            continue
        for q in flags_of(schema_for(schemas, a)):
            given = a.answers.get(q.id)
            if not isinstance(given, Mapping):
                continue
            for marked in given.values():
                if isinstance(marked, list):
                    for flag in marked:
                        out[str(flag)][window] += 1
    return {flag: dict(sorted(w.items())) for flag, w in sorted(out.items())}


def reviewer_agreement_rank(matrix: PairMatrix) -> dict[str, float | None]:
    """Each reviewer's mean kappa with the others (weighted by shared units): a low value
    points at who may need calibration."""
    out: dict[str, float | None] = {}
    for who in matrix.reviewers:
        total = weight = 0.0
        for other in matrix.reviewers:
            if other == who:
                continue
            k, n = matrix.kappa.get((who, other)), matrix.shared.get((who, other), 0)
            if k is not None and n:
                total += k * n
                weight += n
        out[who] = total / weight if weight else None
    return out
