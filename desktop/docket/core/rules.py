"""Domain rules read from a task's answer form: the one place each is defined.

Every part of Docket that asks "is this answer flagged?", "which question compares the
responses?", "what status does a submitted answer give the task?" or "which answers are
free text?" asks here, with the task's schema, so a project that names its questions
otherwise (``"which"`` instead of ``"preference"``) is read the same way everywhere: in
the review window, the workspace store, and every server verb.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from json import encoder as json_encoder
from json.encoder import encode_basestring
from typing import Any

from docket.core.schema import (
    FlagsQuestion,
    PreferenceQuestion,
    RankingQuestion,
    Schema,
    TextQuestion,
    flags_in,
)
from docket.core.tasks import TaskStatus

__all__ = [
    "ComparisonQuestions",
    "canonical_json",
    "comparison_questions",
    "flags_in",
    "flags_set",
    "is_flagged",
    "rationale",
    "submitted_status",
    "text_question_ids",
    "too_fast",
]


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, Unicode kept. Two answers
    are the same answer exactly when their canonical JSON is equal.

    ``json.dumps`` with these options, through one encoder made once (``json.dumps``
    makes a new one per call when given options, and an encoder makes its C part anew
    at each call: a merge spells millions of values). A value that contains itself is
    refused with the recursion's error rather than the standard library's
    ``ValueError`` (no parsed JSON value can)."""
    if _C_CANONICAL is None or isinstance(value, str):
        return _CANONICAL.encode(value)
    return "".join(_C_CANONICAL(value, 0))


# The standard library's C encoder (None on an interpreter without the accelerator).
c_make_encoder: Any = getattr(json_encoder, "c_make_encoder", None)
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_C_CANONICAL = (
    None
    if c_make_encoder is None
    # The arguments json.JSONEncoder.iterencode gives it for _CANONICAL's options, less
    # the circular-reference markers: a dict kept from call to call would keep the marks
    # of a call that failed halfway.
    else c_make_encoder(
        None, _CANONICAL.default, encode_basestring, None, ":", ",", True, False, True
    )
)


@dataclass(frozen=True, slots=True)
class ComparisonQuestions:
    """The questions that compare responses: a pairwise preference, an N-way ranking."""

    preference: PreferenceQuestion | None
    ranking: RankingQuestion | None


_COMPARISON: dict[int, tuple[tuple[object, ...], ComparisonQuestions]] = {}
"""Recent forms' comparison questions, by the identity of their questions (kept alive by
the entry, so an id is not reused while it is here): a server verb asks this of the same
few forms a million times."""


def comparison_questions(schema: Schema) -> ComparisonQuestions:
    """The first preference and the first ranking question of the form, by type."""
    questions = schema.questions
    known = _COMPARISON.get(id(questions))
    if known is not None and known[0] is questions:
        return known[1]
    found = ComparisonQuestions(
        next((q for q in questions if isinstance(q, PreferenceQuestion)), None),
        next((q for q in questions if isinstance(q, RankingQuestion)), None),
    )
    if len(_COMPARISON) >= 64:
        _COMPARISON.clear()
    _COMPARISON[id(questions)] = (questions, found)
    return found


def flags_set(schema: Schema, answers: Mapping[str, Any]) -> set[tuple[str, str]]:
    """Every ``(target, flag)`` set in any flags question of the form."""
    out: set[tuple[str, str]] = set()
    for q in schema.questions:
        if isinstance(q, FlagsQuestion):
            out |= flags_in(answers.get(q.id))
    return out


def is_flagged(schema: Schema, answers: Mapping[str, Any]) -> bool:
    """An answer is flagged when any flags question of its form has a flag set."""
    return bool(flags_set(schema, answers))


def submitted_status(schema: Schema, answers: Mapping[str, Any]) -> TaskStatus:
    """The status a task takes when these answers are submitted."""
    return TaskStatus.FLAGGED if is_flagged(schema, answers) else TaskStatus.DONE


def text_question_ids(schema: Schema) -> tuple[str, ...]:
    """The free-text questions (rationales, notes): read, never counted or voted on."""
    return tuple(q.id for q in schema.questions if isinstance(q, TextQuestion))


def rationale(schema: Schema, answers: Mapping[str, Any]) -> str:
    """The reviewer's written reasons: every free-text answer, in form order."""
    texts = [answers.get(qid) for qid in text_question_ids(schema)]
    return "\n\n".join(t for t in texts if isinstance(t, str) and t.strip())


def too_fast(schema: Schema, seconds: float) -> bool:
    """Whether an answer given after ``seconds`` of active work on its task was too fast:
    the form sets ``min_seconds`` and the time is below it (exactly the minimum is not
    too fast). The one definition, used by the review window (a notice after the
    submit) and by the server (the answer's ``time_spent_s`` in the merged database)."""
    return schema.min_seconds is not None and seconds < schema.min_seconds
