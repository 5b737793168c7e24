"""Rubric criteria and the score they give a response, as HealthBench defines them.

A criterion is a sentence a physician (or lawyer) wrote about what a good response does
or must not do, with points from -10 to +10: positive points reward a response that meets
it, negative points are a penalty when it does. A response's score is the sum of the
points of the criteria it meets (penalties included) divided by the sum of the positive
points; HealthBench clips the mean over examples to [0, 1], and Docket shows each
response's score clipped the same way beside its raw value.

The rules a criterion must follow live here once and are used by ``docket pack`` (rows
carrying ``rubrics`` or ``criteria``), by the schema (a project-wide rubric) and by the
rubric-writing question (criteria an expert writes), so what packs is exactly what an
expert may write.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docket.reasons import Reason

MIN_POINTS, MAX_POINTS = -10, 10
MAX_CRITERIA = 200
MAX_CRITERION_CHARS = 10_000
MAX_TAGS = 20
MAX_TAG_CHARS = 100
MAX_ID_CHARS = 100
MAX_NOTE_CHARS = 2_000

Grade = bool | None
"""Met (``True``), not met (``False``) or not applicable (``None``)."""


@dataclass(frozen=True, slots=True)
class Criterion:
    """One rubric criterion. ``id`` is stable: given by the row, or derived from the text,
    so every reviewer's answer names the same criterion the same way."""

    id: str
    text: str
    points: int
    tags: tuple[str, ...] = ()

    @property
    def penalty(self) -> bool:
        """A criterion a response should *not* meet (negative points)."""
        return self.points < 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "points": self.points, "tags": list(self.tags)}

    def to_healthbench(self) -> dict[str, Any]:
        """The criterion as HealthBench writes it (``criterion``, ``points``, ``tags``)."""
        return {"criterion": self.text, "points": self.points, "tags": list(self.tags)}


def criterion_id(text: str) -> str:
    """The id of a criterion that was given none: a hash of its text with whitespace and
    Unicode normalised, so the same criterion packed twice gets the same id."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return "c-" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def parse_criteria(
    value: Any, *, allowed_tags: Sequence[str] = (), what: str = "criteria"
) -> tuple[Criterion, ...]:
    """Criteria from JSON, in HealthBench's spelling (``{"criterion", "points", "tags"}``)
    or Docket's (``{"id", "text", "points", "tags"}``). Raises :class:`ValueError` naming
    the first problem (see :func:`criteria_problems`)."""
    problems = criteria_problems(value, allowed_tags=allowed_tags, what=what)
    if problems:
        raise ValueError(problems[0][1])
    return tuple(_criterion(item) for item in value)


def criteria_problems(
    value: Any, *, allowed_tags: Sequence[str] = (), what: str = "criteria"
) -> list[tuple[str, str]]:
    """Every problem with a list of criteria, as ``(path, message)``; empty when valid.

    A criterion needs non-blank text (at most :data:`MAX_CRITERION_CHARS` characters),
    integer points in -10..10, tags as
    a list of short strings (from ``allowed_tags`` when it is given), and an id unique in
    the list; at most :data:`MAX_CRITERIA` criteria."""
    if not isinstance(value, list):
        return [(what, Reason("'{what}' must be a list of criteria", what=what))]
    if len(value) > MAX_CRITERIA:
        return [
            (
                what,
                Reason(
                    "'{what}' has {given} criteria; at most {n} are allowed",
                    what=what,
                    given=len(value),
                    n=MAX_CRITERIA,
                ),
            )
        ]
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    allowed = set(allowed_tags)
    for i, item in enumerate(value):
        where = f"{what}[{i}]"
        if not isinstance(item, Mapping):
            problems.append(
                (where, Reason("{where} must be an object with text and points", where=where))
            )
            continue
        text = item.get("criterion", item.get("text"))
        if "criterion" in item and "text" in item:
            problems.append(
                (where, Reason("{where} has both 'criterion' and 'text'; give one", where=where))
            )
        unknown = sorted(set(item) - {"id", "criterion", "text", "points", "tags"})
        if unknown:
            problems.append(
                (where, Reason("{where} has unknown key(s) {keys}", where=where, keys=unknown))
            )
        if not isinstance(text, str) or not text.strip():
            problems.append((f"{where}.text", Reason("{where} has no criterion text", where=where)))
            text = None
        elif len(text) > MAX_CRITERION_CHARS:
            problems.append(
                (
                    f"{where}.text",
                    Reason(
                        "{where} text is over {n} characters", where=where, n=MAX_CRITERION_CHARS
                    ),
                )
            )
        points = item.get("points")
        if isinstance(points, float) and points.is_integer():
            points = int(points)  # 5.0 is written by some JSON tools for 5
        if isinstance(points, bool) or not isinstance(points, int):
            problems.append(
                (
                    f"{where}.points",
                    Reason(
                        "{where} points must be a whole number, got {points!r}",
                        where=where,
                        points=points,
                    ),
                )
            )
        elif not MIN_POINTS <= points <= MAX_POINTS:
            problems.append(
                (
                    f"{where}.points",
                    Reason(
                        "{where} points must be between {low} and {high}, got {points}",
                        where=where,
                        low=MIN_POINTS,
                        high=MAX_POINTS,
                        points=points,
                    ),
                )
            )
        tags = item.get("tags", [])
        if not isinstance(tags, list) or not all(
            isinstance(t, str) and t.strip() and len(t) <= MAX_TAG_CHARS for t in tags
        ):
            problems.append(
                (
                    f"{where}.tags",
                    Reason(
                        "{where} tags must be a list of non-blank strings of at most "
                        "{n} characters",
                        where=where,
                        n=MAX_TAG_CHARS,
                    ),
                )
            )
        elif len(tags) > MAX_TAGS:
            problems.append(
                (f"{where}.tags", Reason("{where} has more than {n} tags", where=where, n=MAX_TAGS))
            )
        elif allowed and (bad := [t for t in tags if t not in allowed]):
            problems.append(
                (
                    f"{where}.tags",
                    Reason(
                        "{where} tag(s) {tags} are not in this project's list",
                        where=where,
                        tags=bad,
                    ),
                )
            )
        cid = item.get("id")
        if cid is not None and (
            not isinstance(cid, str)
            or not cid.strip()
            or len(cid) > MAX_ID_CHARS
            or any(ord(c) < 32 for c in cid)
        ):
            problems.append(
                (
                    f"{where}.id",
                    Reason(
                        "{where} id must be a short non-blank string, got {id!r}",
                        where=where,
                        id=cid,
                    ),
                )
            )
            continue
        if cid is None and text is None:
            continue
        key = cid if cid is not None else criterion_id(text or "")
        if key in seen:
            problems.append(
                (
                    f"{where}.id",
                    Reason(
                        "{where} repeats criterion {other} (same id)"
                        if cid is not None
                        else "{where} repeats criterion {other} (same text)",
                        where=where,
                        other=seen[key],
                    ),
                )
            )
        else:
            seen[key] = i
    return problems


def _criterion(item: Mapping[str, Any]) -> Criterion:
    text = item.get("criterion", item.get("text"))
    assert isinstance(text, str)
    cid = item.get("id")
    return Criterion(
        id=cid if isinstance(cid, str) else criterion_id(text),
        text=text,
        points=int(item["points"]),
        tags=tuple(item.get("tags", [])),
    )


def tags_of(criteria: Iterable[Criterion]) -> list[str]:
    """Every tag the criteria use, in first-seen order (for a tag filter)."""
    out: dict[str, None] = {}
    for c in criteria:
        out.update(dict.fromkeys(c.tags))
    return list(out)


@dataclass(frozen=True, slots=True)
class RubricScore:
    """A response's rubric score. ``raw`` is HealthBench's per-example score (it may be
    negative when penalties outweigh); ``value`` is it clipped to [0, 1]."""

    achieved: int
    possible: int
    graded: int
    total: int

    @property
    def raw(self) -> float:
        return self.achieved / self.possible if self.possible else math.nan

    @property
    def value(self) -> float:
        return min(1.0, max(0.0, self.raw)) if self.possible else math.nan

    @property
    def complete(self) -> bool:
        return self.graded == self.total


def rubric_score(criteria: Sequence[Criterion], grades: Mapping[str, Grade]) -> RubricScore:
    """The score of one response from its grades (criterion id -> met / not met / not
    applicable). A criterion graded not applicable counts neither for nor against: it
    leaves the possible points as well as the achieved ones; an ungraded one still counts
    in the possible points (the score rises as criteria are met)."""
    achieved = possible = graded = 0
    for c in criteria:
        if c.id in grades:
            graded += 1
            grade = grades[c.id]
            if grade is None:
                continue
            if grade:
                achieved += c.points
        if c.points > 0:
            possible += c.points
    return RubricScore(achieved, possible, graded, len(criteria))


def grades_of(value: Any, response_id: str) -> dict[str, Grade]:
    """One response's grades from a rubric answer (``{"<response id>": {"<criterion id>":
    {"met": ..., "note": ...}}}``); anything malformed counts as ungraded. The one reading
    of a rubric answer."""
    out: dict[str, Grade] = {}
    if isinstance(value, Mapping):
        per = value.get(response_id)
        if isinstance(per, Mapping):
            for cid, entry in per.items():
                if isinstance(entry, Mapping) and "met" in entry:
                    met = entry["met"]
                    if met is None or isinstance(met, bool):
                        out[str(cid)] = met
    return out
