"""Calibration rounds: a reviewer's answer set against the expected one.

A calibration bundle (``docket pack --calibration``) is a training round made of gold
items whose expected answers and explanations travel to the reviewer, who sees them after
submitting each task. Two things are defined here, once, for the review window and the
server alike:

- :func:`grade`: how an answer compares with the expected one, question by question, in
  *items* (one item per thing the expected answer settles), each matched or not:

  - ``preference``: one item, matched when the same response is better (a tie matches a
    tie); the strength is shown, not scored;
  - ``ranking``: one item, matched when the order is the same, ties included;
  - ``likert``: one item per response and dimension the expected answer rates, matched
    when the reviewer's rating is *within one point* of it (a rater one step off on a
    five-point scale is calibrated; exact matches are counted too, see
    :attr:`QuestionGrade.exact`);
  - ``rubric``: one item per criterion of each response the expected answer grades,
    matched when the grade (met, not met, not applicable) is the same: the share of
    grades that agree;
  - ``choice``: one item, matched when the same option (or set of options) is chosen.

  Flags, free text, spans and rewrites are shown but not scored.
- :func:`describe`: the expected answer in words, as the reviewer sees it ("Response B is
  better (strong)"), with the responses named by the reviewer's own blinded labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from docket.core.rubric import Grade, grades_of
from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RubricQuestion,
    Schema,
    TextQuestion,
    flags_in,
)
from docket.reasons import Listed, Reason

MAX_EXPLANATION_CHARS = 20_000
"""The longest explanation a gold row may carry."""
LIKERT_TOLERANCE = 1
"""A likert rating within this many points of the expected one counts as matched."""
SCORED_KINDS = ("preference", "ranking", "likert", "rubric", "choice")


@dataclass(frozen=True, slots=True)
class Expected:
    """What a calibration task expects: the gold answers (in the bundle's response ids,
    keyed by question id) and the explanation written for the reviewer."""

    answers: dict[str, Any]
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"expected": self.answers, "explanation": self.explanation}

    @classmethod
    def from_json(cls, data: Any) -> Expected:
        if not isinstance(data, Mapping) or not isinstance(data.get("expected"), Mapping):
            raise ValueError("a calibration entry needs an 'expected' object")
        explanation = data.get("explanation", "")
        if not isinstance(explanation, str) or len(explanation) > MAX_EXPLANATION_CHARS:
            raise ValueError("a calibration entry's 'explanation' must be a short text")
        return cls(dict(data["expected"]), explanation)


@dataclass(frozen=True, slots=True)
class QuestionGrade:
    """One question of one answer against the expected answer."""

    question: str
    kind: str
    matched: int
    total: int
    exact: int
    """Items matched exactly (for likert, the same rating; elsewhere equal to matched)."""

    @property
    def correct(self) -> bool:
        return self.total > 0 and self.matched == self.total


def _expected_value(question: Question, expected: Mapping[str, Any]) -> Any:
    """The expected answer to ``question``: under its id, or (gold files written for the
    default form) under its type's name."""
    if question.id in expected:
        return expected[question.id]
    return expected.get(question.kind)


def _ranking_key(value: Any) -> tuple[frozenset[str], ...] | None:
    if not isinstance(value, list):
        return None
    groups = []
    for group in value:
        members = group if isinstance(group, list) else [group]
        groups.append(frozenset(str(m) for m in members))
    return tuple(groups)


def _choice_key(value: Any) -> frozenset[str] | None:
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, list):
        return frozenset(str(v) for v in value)
    return None


def _rating(value: Any, response: str, dimension: str) -> int | None:
    per = value.get(response) if isinstance(value, Mapping) else None
    rating = per.get(dimension) if isinstance(per, Mapping) else None
    return rating if isinstance(rating, int) and not isinstance(rating, bool) else None


def grade(
    schema: Schema, given: Mapping[str, Any], expected: Mapping[str, Any]
) -> list[QuestionGrade]:
    """Each scored question of the form the expected answer settles, against ``given``.
    A question the reviewer left unanswered counts as not matched."""
    out: list[QuestionGrade] = []
    for q in schema.questions:
        want = _expected_value(q, expected)
        if want is None or q.kind not in SCORED_KINDS:
            continue
        got = given.get(q.id)
        if isinstance(q, PreferenceQuestion):
            if not isinstance(want, Mapping):
                continue
            same = int(isinstance(got, Mapping) and got.get("better") == want.get("better"))
            out.append(QuestionGrade(q.id, q.kind, same, 1, same))
        elif isinstance(q, RankingQuestion):
            key = _ranking_key(want)
            if key is None:
                continue
            same = int(_ranking_key(got) == key)
            out.append(QuestionGrade(q.id, q.kind, same, 1, same))
        elif isinstance(q, LikertQuestion):
            matched = exact = total = 0
            if not isinstance(want, Mapping):
                continue
            for response in sorted(want):
                for dimension in q.dimensions:
                    target = _rating(want, response, dimension)
                    if target is None:
                        continue
                    total += 1
                    rating = _rating(got, response, dimension)
                    if rating is not None and abs(rating - target) <= LIKERT_TOLERANCE:
                        matched += 1
                        exact += rating == target
            if total:
                out.append(QuestionGrade(q.id, q.kind, matched, total, exact))
        elif isinstance(q, RubricQuestion):
            if not isinstance(want, Mapping):
                continue
            matched = total = 0
            for response in sorted(want):
                target_grades = grades_of(want, response)
                given_grades = grades_of(got, response)
                for criterion, target in target_grades.items():
                    total += 1
                    if criterion in given_grades and given_grades[criterion] == target:
                        matched += 1
            if total:
                out.append(QuestionGrade(q.id, q.kind, matched, total, matched))
        elif isinstance(q, ChoiceQuestion):
            options = _choice_key(want)
            if options is None:
                continue
            same = int(_choice_key(got) == options)
            out.append(QuestionGrade(q.id, q.kind, same, 1, same))
    return out


Label = Callable[[str], str]
"""A response id -> the name the reviewer sees ("Response B")."""

_GRADE_WORDS = {True: Reason("met"), False: Reason("not met"), None: Reason("not applicable")}


def describe_answer(schema: Schema, answers: Mapping[str, Any], label: Label) -> list[str]:
    """An answer in words, one line per thing it settles (expected answers and the
    reviewer's own alike), each led by its question's label, with responses named by
    ``label``."""
    lines: list[str] = []
    for q in schema.questions:
        title = q.label or q.id
        lines += [f"{title}{part}" for part in describe_question(q, answers, label)]
    return lines


def describe_question(question: Question, answers: Mapping[str, Any], label: Label) -> list[str]:
    """What ``answers`` say to one question, in words: each line starts with its detail
    (", correctness (1–5)") or with ": ", so a caller may put the question's label before
    it. No lines when the answers leave the question open."""
    return [lead + str(text) for lead, text in describe_parts(question, answers, label)]


def describe_parts(
    question: Question, answers: Mapping[str, Any], label: Label
) -> list[tuple[str, str | Listed]]:
    """:func:`describe_question`'s lines as (lead-in, text): the lead-in is ": " or ", ";
    the text is a :class:`~docket.reasons.Reason` (or a :class:`Listed` of them)
    wherever it has words of its own (an interface translates it), else names and
    numbers as written."""
    q, value = question, _expected_value(question, answers)
    if value is None:
        return []
    lines: list[tuple[str, str | Listed]] = []
    if isinstance(q, PreferenceQuestion) and isinstance(value, Mapping):
        better, strength = value.get("better"), value.get("strength")
        if better is None:
            lines.append((": ", Reason("a tie (neither response is better)")))
        elif isinstance(strength, str) and strength:
            lines.append(
                (
                    ": ",
                    Reason(
                        "{response} is better ({strength})",
                        response=label(str(better)),
                        strength=strength,
                    ),
                )
            )
        else:
            lines.append((": ", Reason("{response} is better", response=label(str(better)))))
    elif isinstance(q, RankingQuestion) and (key := _ranking_key(value)) is not None:
        groups = [" = ".join(sorted(label(r) for r in group)) for group in key]
        lines.append((": ", Reason("{ranks} (best first)", ranks=Listed(groups, ", then "))))
    elif isinstance(q, LikertQuestion) and isinstance(value, Mapping):
        for dimension in q.dimensions:
            ratings = [
                f"{label(str(r))} {rating}"
                for r in sorted(value, key=lambda r: label(str(r)))
                if (rating := _rating(value, str(r), dimension)) is not None
            ]
            if ratings:
                lines.append(
                    (", ", f"{dimension} ({q.scale_min}–{q.scale_max}): {', '.join(ratings)}")
                )
    elif isinstance(q, RubricQuestion) and isinstance(value, Mapping):
        numbers = {c.id: i + 1 for i, c in enumerate(q.criteria)}
        for response in sorted(value, key=lambda r: label(str(r))):
            grades = grades_of(value, str(response))
            if not grades:
                continue
            by_grade: dict[Grade, list[str]] = {}
            for cid, g in sorted(grades.items(), key=lambda kv: numbers.get(kv[0], 0)):
                by_grade.setdefault(g, []).append(str(numbers.get(cid, cid)))
            parts = [
                Reason("{grade}: {numbers}", grade=_GRADE_WORDS[g], numbers=Listed(ids))
                for g, ids in by_grade.items()
            ]
            lines.append(
                (
                    ", ",
                    Reason(
                        "{response}: criteria {grades}",
                        response=label(str(response)),
                        grades=Listed(parts, "; "),
                    ),
                )
            )
    elif isinstance(q, ChoiceQuestion) and (options := _choice_key(value)) is not None:
        lines.append((": ", ", ".join(sorted(options))))
    elif isinstance(q, FlagsQuestion):
        flags = sorted(flags_in(value))
        if flags:
            named = [
                Reason("the task: {flag}", flag=flag)
                if target == "task"
                else f"{label(target)}: {flag}"
                for target, flag in flags
            ]
            lines.append((": ", Listed(named, "; ")))
    elif isinstance(q, TextQuestion) and isinstance(value, str) and value.strip():
        lines.append((": ", value.strip()))
    return lines
