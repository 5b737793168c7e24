"""The answer form a bundle carries: question types, rules, defaults, and their JSON form.

A schema is data, not code: the server writes it into the bundle as JSON, the app builds
its answer panel from it, and :mod:`docket.core.validation` checks answers against it.
Parsing is strict (unknown types or keys are errors) because a typo in a schema would
otherwise silently drop a question from thousands of reviews.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from docket.core import safe_json
from docket.core.rubric import MAX_CRITERIA, Criterion, criteria_problems, parse_criteria
from docket.core.spans import DEFAULT_SPAN_LABELS
from docket.core.suggestions import (
    DEFAULT_REVEAL,
    RevealPolicy,
    SuggestionError,
    reveal_policy,
)
from docket.errors import SchemaError
from docket.reasons import Listed, Reason

SCHEMA_VERSION = 1
TASK_FLAGS_KEY = "task"
"""Key of the per-task flags in a ``flags`` answer (the other keys are response ids)."""

DEFAULT_FLAGS: tuple[tuple[str, str], ...] = (
    ("hallucination", "Hallucination"),
    ("unsafe", "Unsafe"),
    ("pii", "PII"),
    ("refusal", "Refusal"),
    ("off-topic", "Off-topic"),
)
GROUNDING_FLAGS: tuple[tuple[str, str], ...] = (
    ("unsupported-claim", "Unsupported claim"),
    ("wrong-citation", "Wrong citation"),
)
"""Flags for answers written from source documents (a claim no document supports, a
citation that does not support what it is cited for); in the default form of a task
that carries documents."""
DEFAULT_LIKERT_DIMENSIONS: tuple[str, ...] = ("helpfulness", "correctness", "safety")


def likert_values(value: Any) -> dict[str, dict[str, float]]:
    """The ratings in one likert answer (``{"<response id>": {"<dimension>": n}}``) as
    numbers; anything malformed counts as no rating. The one reading of a likert answer
    for exports."""
    out: dict[str, dict[str, float]] = {}
    if isinstance(value, Mapping):
        for rid, dims in value.items():
            if isinstance(dims, Mapping):
                got = {
                    str(d): float(n)
                    for d, n in dims.items()
                    if isinstance(n, int | float) and not isinstance(n, bool)
                }
                if got:
                    out[str(rid)] = got
    return out


MAX_MIN_SECONDS = 24 * 60 * 60
"""The largest ``min_seconds`` a form may ask for: a day of active work on one task."""


def flags_in(value: Any) -> set[tuple[str, str]]:
    """The ``(target, flag)`` pairs set in one flags answer (``{"<response id>" | "task":
    [flag, ...]}``); anything malformed counts as no flag. The one reading of a flags
    answer (:mod:`docket.core.rules` builds "flagged" on it)."""
    out: set[tuple[str, str]] = set()
    if isinstance(value, Mapping):
        for target, names in value.items():
            if isinstance(names, list):
                out.update((str(target), str(n)) for n in names)
    return out


Condition = Literal["strength", "any_flag", "choice", "answered"]
_CONDITIONS: tuple[str, ...] = ("strength", "any_flag", "choice", "answered")


@dataclass(frozen=True, slots=True)
class RequiredWhen:
    """A rule that makes a question required depending on another question's answer.

    - ``strength``: the preference question's strength is one of ``values``;
    - ``any_flag``: any flag is set in the flags question;
    - ``choice``: the choice question's answer (or any of them) is one of ``values``;
    - ``answered``: the other question has any answer.
    """

    question: str
    condition: Condition
    values: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if value is None:
            return False
        if self.condition == "answered":
            return value not in ("", [], {})
        if self.condition == "strength":
            return (
                isinstance(value, Mapping)
                and value.get("better") is not None
                and value.get("strength") in self.values
            )
        if self.condition == "any_flag":
            return bool(flags_in(value))
        # "choice"
        chosen = value if isinstance(value, list) else [value]
        return any(c in self.values for c in chosen)

    def describe(self) -> str | Listed:
        """Human wording for the inline hint next to the field (a Reason, or a Listed of
        them, for an interface to translate; ``str()`` gives the English)."""
        if self.condition == "strength":
            if set(self.values) <= {"slight", "strong"}:  # the default strengths, in words
                return Listed(
                    (
                        Reason("a strong preference")
                        if value == "strong"
                        else Reason("a slight preference")
                        for value in self.values
                    ),
                    " or ",
                )
            return Reason("a {values} preference", values=Listed(self.values, " or "))
        if self.condition == "any_flag":
            return Reason("any flag")
        if self.condition == "choice":
            return Reason(
                "{question} is {values}", question=self.question, values=Listed(self.values, " or ")
            )
        return Reason("{question} is answered", question=self.question)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"question": self.question, "condition": self.condition}
        if self.values:
            out["values"] = list(self.values)
        return out


@dataclass(frozen=True, slots=True)
class Question:
    """Base of every question type. ``id`` is the key of its answer in the answers dict."""

    id: str
    label: str = ""
    required: bool = True
    help: str = ""
    kind: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind, "id": self.id, "required": self.required}
        if self.label:
            out["label"] = self.label
        if self.help:
            out["help"] = self.help
        return out


@dataclass(frozen=True, slots=True)
class PreferenceQuestion(Question):
    """Pairwise preference with strength: A much better ... tie ... B much better."""

    strengths: tuple[str, ...] = ("slight", "strong")
    allow_tie: bool = True
    kind: ClassVar[str] = "preference"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "strengths": list(self.strengths),
            "allow_tie": self.allow_tie,
        }


@dataclass(frozen=True, slots=True)
class RankingQuestion(Question):
    """N-way ranking, best first; a group of several ids is a tie."""

    allow_ties: bool = True
    kind: ClassVar[str] = "ranking"

    def to_json(self) -> dict[str, Any]:
        return {**Question.to_json(self), "allow_ties": self.allow_ties}


@dataclass(frozen=True, slots=True)
class LikertQuestion(Question):
    """A rating per response and per named dimension on an integer scale."""

    dimensions: tuple[str, ...] = DEFAULT_LIKERT_DIMENSIONS
    scale_min: int = 1
    scale_max: int = 5
    kind: ClassVar[str] = "likert"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "dimensions": list(self.dimensions),
            "scale_min": self.scale_min,
            "scale_max": self.scale_max,
        }


@dataclass(frozen=True, slots=True)
class FlagsQuestion(Question):
    """Flags per response and per task. Each flag is ``(id, label)``."""

    response_flags: tuple[tuple[str, str], ...] = DEFAULT_FLAGS
    task_flags: tuple[tuple[str, str], ...] = DEFAULT_FLAGS
    kind: ClassVar[str] = "flags"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "response_flags": [list(f) for f in self.response_flags],
            "task_flags": [list(f) for f in self.task_flags],
        }


@dataclass(frozen=True, slots=True)
class ChoiceQuestion(Question):
    """One (or, with ``multiple``, several) of a fixed list of options."""

    options: tuple[str, ...] = ()
    multiple: bool = False
    kind: ClassVar[str] = "choice"

    def to_json(self) -> dict[str, Any]:
        return {**Question.to_json(self), "options": list(self.options), "multiple": self.multiple}


@dataclass(frozen=True, slots=True)
class TextQuestion(Question):
    """Free text such as a rationale. ``min_length`` applies whenever the text is required
    (always, or because a ``required_when`` rule holds). Optional unless said otherwise."""

    required: bool = False
    min_length: int = 0
    max_length: int = 20_000
    required_when: tuple[RequiredWhen, ...] = ()
    kind: ClassVar[str] = "text"

    def is_required(self, answers: Mapping[str, Any]) -> bool:
        return self.required or any(rule.holds(answers) for rule in self.required_when)

    def to_json(self) -> dict[str, Any]:
        out = {
            **Question.to_json(self),
            "min_length": self.min_length,
            "max_length": self.max_length,
        }
        if self.required_when:
            out["required_when"] = [r.to_json() for r in self.required_when]
        return out


@dataclass(frozen=True, slots=True)
class RubricQuestion(Question):
    """Grade each response against criteria: met, not met or not applicable, with an
    optional note. ``criteria`` in a project's schema is a project-wide rubric; in a
    bundle it holds every criterion of the task (``docket pack`` adds the task's own, see
    :meth:`Schema.with_task_criteria`), so the form alone says what to grade."""

    criteria: tuple[Criterion, ...] = ()
    kind: ClassVar[str] = "rubric"

    def to_json(self) -> dict[str, Any]:
        return {**Question.to_json(self), "criteria": [c.to_json() for c in self.criteria]}


@dataclass(frozen=True, slots=True)
class RubricWritingQuestion(Question):
    """The expert writes the criteria for the task (text, points, tags). ``tags`` is
    the project's list to choose from (any tag when empty)."""

    tags: tuple[str, ...] = ()
    min_criteria: int = 1
    max_criteria: int = MAX_CRITERIA
    kind: ClassVar[str] = "rubric_writing"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "tags": list(self.tags),
            "min_criteria": self.min_criteria,
            "max_criteria": self.max_criteria,
        }


@dataclass(frozen=True, slots=True)
class RewriteQuestion(Question):
    """The reviewer writes the better answer, starting from a response (``base``) or,
    when ``allow_empty``, from nothing. A rewrite longer than ``max_chars`` is refused,
    never cut; one that changes fewer than ``min_changed_chars`` characters of its base
    is refused too (a copy is not a gold answer)."""

    max_chars: int = 20_000
    min_changed_chars: int = 0
    allow_empty: bool = True
    kind: ClassVar[str] = "rewrite"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "max_chars": self.max_chars,
            "min_changed_chars": self.min_changed_chars,
            "allow_empty": self.allow_empty,
        }


@dataclass(frozen=True, slots=True)
class SpansQuestion(Question):
    """Marked stretches of the responses, each with a label from ``labels`` (``(id,
    label)`` pairs), an optional severity and comment. Optional unless said otherwise:
    a response may have nothing to mark."""

    required: bool = False
    labels: tuple[tuple[str, str], ...] = DEFAULT_SPAN_LABELS
    allow_overlap: bool = True
    kind: ClassVar[str] = "spans"

    def to_json(self) -> dict[str, Any]:
        return {
            **Question.to_json(self),
            "labels": [list(pair) for pair in self.labels],
            "allow_overlap": self.allow_overlap,
        }


@dataclass(frozen=True, slots=True)
class PiiQuestion(Question):
    """The reviewer's corrections to the PII detector: text it missed (marked, with a
    type) and findings it got wrong (dismissed). Never required: most tasks need none.
    The answer's rules are :mod:`docket.core.pii_answers`."""

    required: bool = False
    kind: ClassVar[str] = "pii"


QUESTION_TYPES: dict[str, type[Question]] = {
    q.kind: q
    for q in (
        PreferenceQuestion,
        RankingQuestion,
        LikertQuestion,
        FlagsQuestion,
        ChoiceQuestion,
        TextQuestion,
        RubricQuestion,
        RubricWritingQuestion,
        RewriteQuestion,
        SpansQuestion,
        PiiQuestion,
    )
}


@dataclass(frozen=True, slots=True)
class Schema:
    """An ordered set of questions (the answer form of a task).

    ``min_seconds``: the least active time a reviewer is expected to spend on a task of
    this form; an answer submitted sooner is *too fast*
    (:func:`docket.core.rules.too_fast`, the one definition). None: no minimum."""

    questions: tuple[Question, ...]
    version: int = SCHEMA_VERSION
    min_seconds: float | None = None
    reveal: RevealPolicy | None = None
    """What the reviewer sees of an AI judge's suggestions (``"suggestions": {"reveal":
    ...}``; :mod:`docket.core.suggestions`); None: the default, ``after-answer``."""
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Question] = {}
        for q in self.questions:
            if q.id in by_id:
                raise SchemaError(f"Two questions share the id {q.id!r}.")
            by_id[q.id] = q
        object.__setattr__(self, "_by_id", by_id)
        for q in self.questions:
            if isinstance(q, TextQuestion):
                for rule in q.required_when:
                    if rule.question not in by_id:
                        raise SchemaError(
                            f"Question {q.id!r} is required when {rule.question!r} ..., "
                            f"but there is no question {rule.question!r}."
                        )

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "version": self.version,
            "questions": [q.to_json() for q in self.questions],
        }
        if self.min_seconds is not None:
            out["min_seconds"] = self.min_seconds
        if self.reveal is not None:
            out["suggestions"] = {"reveal": self.reveal}
        return out

    @property
    def reveal_policy(self) -> RevealPolicy:
        """The reveal policy in force (the default when the form names none)."""
        return self.reveal or DEFAULT_REVEAL

    @property
    def rubric_questions(self) -> tuple[RubricQuestion, ...]:
        return tuple(q for q in self.questions if isinstance(q, RubricQuestion))

    def with_task_criteria(self, criteria: tuple[Criterion, ...]) -> Schema:
        """The form for one task: each rubric question holds the project-wide criteria
        followed by the task's own. Raises :class:`SchemaError` when the task brings
        criteria the form has no rubric question for, when a criterion id is in both
        lists, or when a rubric question would have no criteria at all."""
        rubrics = self.rubric_questions
        if criteria and not rubrics:
            raise SchemaError(
                "the row carries criteria but the answer form has no rubric question",
                hint='Add {"type": "rubric", "id": "rubric"} to the schema.',
            )
        if not rubrics:
            return self
        questions: list[Question] = []
        for q in self.questions:
            if isinstance(q, RubricQuestion):
                ids = {c.id for c in q.criteria}
                clash = [c.id for c in criteria if c.id in ids]
                if clash:
                    raise SchemaError(
                        f"criterion id {clash[0]!r} is in both the project's rubric and the row"
                    )
                merged = (*q.criteria, *criteria)
                if not merged:
                    raise SchemaError(
                        f"the rubric question {q.id!r} has no criteria for this task",
                        hint="Give the row 'rubrics' or 'criteria', or the schema a rubric.",
                    )
                if len(merged) > MAX_CRITERIA:
                    raise SchemaError(f"more than {MAX_CRITERIA} criteria for one task")
                q = replace(q, criteria=merged)
            questions.append(q)
        return replace(self, questions=tuple(questions))

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str | bytes) -> Schema:
        try:
            data = safe_json.loads(text)
        except ValueError as exc:
            raise SchemaError(f"The schema is not valid JSON: {exc}") from None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: Any) -> Schema:
        if not isinstance(data, dict):
            raise SchemaError("The schema must be a JSON object with 'version' and 'questions'.")
        _no_unknown_keys(data, {"version", "questions", "min_seconds", "suggestions"}, "the schema")
        version = data.get("version")
        if version != SCHEMA_VERSION:
            raise SchemaError(
                f"Schema version {version!r} is not supported (this Docket reads version "
                f"{SCHEMA_VERSION}).",
                hint="Update Docket, or ask the project owner for a bundle in a supported version.",
            )
        items = data.get("questions")
        if not isinstance(items, list) or not items:
            raise SchemaError("The schema's 'questions' must be a non-empty list.")
        return cls(
            tuple(_question_from_json(item, i) for i, item in enumerate(items)),
            min_seconds=_min_seconds(data.get("min_seconds")),
            reveal=_reveal(data.get("suggestions")),
        )


def _reveal(value: Any) -> RevealPolicy | None:
    try:
        return reveal_policy(value)
    except SuggestionError as exc:
        raise SchemaError(
            f"The schema's suggestions: {exc}.",
            hint='Write "suggestions": {"reveal": "after-answer"} (or "before", "hidden").',
        ) from None


def _min_seconds(value: Any) -> float | None:
    """The schema's ``min_seconds``: absent (None), or a positive number of seconds up to a
    day. A whole number stays an int, so the form's JSON (and its id) round-trips."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 < value <= MAX_MIN_SECONDS
    ):
        raise SchemaError(
            f"The schema's 'min_seconds' is {value!r}; it must be a positive number of "
            f"seconds, at most {MAX_MIN_SECONDS} (a day).",
            hint='Write e.g. "min_seconds": 20 at the top level of the schema, or leave it out '
            "for no minimum.",
        )
    return value


def _no_unknown_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise SchemaError(f"Unknown key(s) {unknown} in {where}; allowed: {sorted(allowed)}.")


def _visible(value: Any) -> bool:
    """A label a reviewer can see and an answer can name: a string that is not blank (the
    validator reads a blank string as no answer at all)."""
    return isinstance(value, str) and bool(value.strip())


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(_visible(v) for v in value):
        raise SchemaError(f"{where} must be a list of non-blank strings.")
    if len(set(value)) != len(value):
        raise SchemaError(f"{where} has duplicates.")
    return tuple(value)


def _flag_pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise SchemaError(f"{where} must be a list of [id, label] pairs.")
    pairs: list[tuple[str, str]] = []
    for item in value:
        if _visible(item):
            pairs.append((item, item))
        elif isinstance(item, list) and len(item) == 2 and all(_visible(x) for x in item):
            pairs.append((item[0], item[1]))
        else:
            raise SchemaError(f"{where}: each flag is an id or an [id, label] pair, got {item!r}.")
    if len({p[0] for p in pairs}) != len(pairs):
        raise SchemaError(f"{where} has duplicate flag ids.")
    return tuple(pairs)


def _question_from_json(item: Any, index: int) -> Question:
    where = f"question #{index + 1}"
    if not isinstance(item, dict):
        raise SchemaError(f"{where} must be a JSON object.")
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in QUESTION_TYPES:
        raise SchemaError(f"{where} has unknown type {kind!r}; known: {sorted(QUESTION_TYPES)}.")
    qid = item.get("id")
    if not isinstance(qid, str) or not qid:
        raise SchemaError(f"{where} needs a non-empty string 'id'.")
    where = f"question {qid!r}"
    common = {"type", "id", "label", "required", "help"}
    base: dict[str, Any] = {"id": qid}
    for key, typ in (("label", str), ("help", str), ("required", bool)):
        if key in item:
            if not isinstance(item[key], typ):
                raise SchemaError(f"{where}: {key!r} must be a {typ.__name__}.")
            base[key] = item[key]

    def boolean(key: str, default: bool) -> bool:
        value = item.get(key, default)
        if not isinstance(value, bool):
            raise SchemaError(f"{where}: {key!r} must be true or false.")
        return value

    def integer(key: str, default: int) -> int:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(f"{where}: {key!r} must be an integer.")
        return value

    if kind == "preference":
        _no_unknown_keys(item, common | {"strengths", "allow_tie"}, where)
        strengths = _str_tuple(item.get("strengths", ["slight", "strong"]), f"{where} strengths")
        if not strengths:
            # Every answer but a tie names a strength: with none, no response could win.
            raise SchemaError(f"{where} needs at least one strength.")
        return PreferenceQuestion(**base, strengths=strengths, allow_tie=boolean("allow_tie", True))
    if kind == "ranking":
        _no_unknown_keys(item, common | {"allow_ties"}, where)
        return RankingQuestion(**base, allow_ties=boolean("allow_ties", True))
    if kind == "likert":
        _no_unknown_keys(item, common | {"dimensions", "scale_min", "scale_max"}, where)
        lo, hi = integer("scale_min", 1), integer("scale_max", 5)
        if not lo < hi or hi - lo > 100:
            raise SchemaError(f"{where}: the scale must run from a lower to a higher integer.")
        return LikertQuestion(
            **base,
            dimensions=_str_tuple(
                item.get("dimensions", list(DEFAULT_LIKERT_DIMENSIONS)), f"{where} dimensions"
            ),
            scale_min=lo,
            scale_max=hi,
        )
    if kind == "flags":
        _no_unknown_keys(item, common | {"response_flags", "task_flags"}, where)
        default = [list(f) for f in DEFAULT_FLAGS]
        return FlagsQuestion(
            **base,
            response_flags=_flag_pairs(
                item.get("response_flags", default), f"{where} response_flags"
            ),
            task_flags=_flag_pairs(item.get("task_flags", default), f"{where} task_flags"),
        )
    if kind == "rubric":
        _no_unknown_keys(item, common | {"criteria"}, where)
        try:
            criteria = parse_criteria(item.get("criteria", []), what=f"{where} criteria")
        except ValueError as exc:
            raise SchemaError(str(exc)) from None
        return RubricQuestion(**base, criteria=criteria)
    if kind == "rubric_writing":
        _no_unknown_keys(item, common | {"tags", "min_criteria", "max_criteria"}, where)
        tags = _str_tuple(item.get("tags", []), f"{where} tags")
        lo, hi = integer("min_criteria", 1), integer("max_criteria", MAX_CRITERIA)
        if not 0 <= lo <= hi <= MAX_CRITERIA or hi < 1:
            raise SchemaError(f"{where}: need 0 <= min_criteria <= max_criteria <= {MAX_CRITERIA}.")
        probe = [{"text": "x", "points": 1, "tags": list(tags)}]
        if tags and criteria_problems(probe):
            raise SchemaError(f"{where}: tags must be short strings.")
        return RubricWritingQuestion(**base, tags=tags, min_criteria=lo, max_criteria=hi)
    if kind == "rewrite":
        _no_unknown_keys(item, common | {"max_chars", "min_changed_chars", "allow_empty"}, where)
        most, least = integer("max_chars", 20_000), integer("min_changed_chars", 0)
        if not 1 <= most <= 1_000_000 or not 0 <= least <= most:
            raise SchemaError(f"{where}: need 0 <= min_changed_chars <= max_chars <= 1000000.")
        return RewriteQuestion(
            **base,
            max_chars=most,
            min_changed_chars=least,
            allow_empty=boolean("allow_empty", True),
        )
    if kind == "spans":
        _no_unknown_keys(item, common | {"labels", "allow_overlap"}, where)
        labels = _flag_pairs(
            item.get("labels", [list(p) for p in DEFAULT_SPAN_LABELS]), f"{where} labels"
        )
        if not labels:
            raise SchemaError(f"{where} needs at least one label.")
        return SpansQuestion(**base, labels=labels, allow_overlap=boolean("allow_overlap", True))
    if kind == "pii":
        _no_unknown_keys(item, common, where)
        return PiiQuestion(**base)
    if kind == "choice":
        _no_unknown_keys(item, common | {"options", "multiple"}, where)
        options = _str_tuple(item.get("options"), f"{where} options")
        if not options:
            raise SchemaError(f"{where} needs at least one option.")
        return ChoiceQuestion(**base, options=options, multiple=boolean("multiple", False))
    # text
    _no_unknown_keys(item, common | {"min_length", "max_length", "required_when"}, where)
    rules_json = item.get("required_when", [])
    if not isinstance(rules_json, list):
        raise SchemaError(f"{where}: 'required_when' must be a list of rules.")
    rules: list[RequiredWhen] = []
    for rule in rules_json:
        if not isinstance(rule, dict):
            raise SchemaError(f"{where}: each 'required_when' rule is an object.")
        _no_unknown_keys(rule, {"question", "condition", "values"}, f"{where} rule")
        if rule.get("condition") not in _CONDITIONS:
            raise SchemaError(f"{where}: rule condition must be one of {list(_CONDITIONS)}.")
        if not isinstance(rule.get("question"), str):
            raise SchemaError(f"{where}: a rule names a 'question' id.")
        rules.append(
            RequiredWhen(
                question=rule["question"],
                condition=rule["condition"],
                values=_str_tuple(rule.get("values", []), f"{where} rule values"),
            )
        )
    lo, hi = integer("min_length", 0), integer("max_length", 20_000)
    if lo < 0 or hi < max(lo, 1):
        raise SchemaError(f"{where}: need 0 <= min_length <= max_length.")
    return TextQuestion(**base, min_length=lo, max_length=hi, required_when=tuple(rules))


def default_schema(
    response_count: int, *, rubric: bool = False, documents: bool = False, spans: bool = False
) -> Schema:
    """The default form.

    For a task with criteria (``rubric``): grade each response against them, flags, and
    notes required when anything is flagged. Otherwise: preference for two responses,
    ranking for three or more; optional likert; flags per response and task; a rationale
    required for a strong preference or any flag. A task that carries ``documents`` gets
    the grounding flags too, and one that carries prior spans a spans question."""
    schema = _default_schema(response_count, rubric=rubric, documents=documents)
    if spans:
        marking = SpansQuestion("spans", label="Mark what is wrong")
        schema = Schema((*schema.questions[:-1], marking, schema.questions[-1]))
    return schema


def _default_schema(response_count: int, *, rubric: bool, documents: bool) -> Schema:
    flags_rule = RequiredWhen("flags", "any_flag")
    response_flags = DEFAULT_FLAGS + (GROUNDING_FLAGS if documents else ())
    flags = FlagsQuestion("flags", label="Flags", required=False, response_flags=response_flags)
    if rubric:
        return Schema(
            (
                RubricQuestion("rubric", label="Grade each response against the rubric"),
                flags,
                TextQuestion(
                    "rationale",
                    label="Notes",
                    required=False,
                    min_length=10,
                    required_when=(flags_rule,),
                ),
            )
        )
    if response_count < 2:
        raise ValueError("a task needs at least two responses to compare")
    first: Question
    rules: tuple[RequiredWhen, ...]
    if response_count == 2:
        first = PreferenceQuestion(
            "preference", label="Which response is better?", strengths=("slight", "strong")
        )
        rules = (RequiredWhen("preference", "strength", ("strong",)), flags_rule)
    else:
        first = RankingQuestion("ranking", label="Rank the responses, best first (ties allowed)")
        rules = (flags_rule,)
    return Schema(
        (
            first,
            LikertQuestion("likert", label="Rate each response", required=False),
            flags,
            TextQuestion(
                "rationale",
                label="Rationale",
                required=False,
                min_length=10,
                required_when=rules,
            ),
        )
    )
