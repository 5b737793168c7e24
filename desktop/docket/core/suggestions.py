"""An AI judge's suggestions, and what became of them in the reviewer's hands.

A *suggestion* is one agent's answer to a task in Docket's own answer JSON (the same
question ids and values a reviewer gives), with an optional written critique and a
confidence in [0, 1]. The schema's reveal policy (``Schema.reveal``) decides what a
reviewer sees of it:

- ``after-answer`` (the default): the reviewer answers blind; on submitting, the agent's
  answer and critique appear beside their own, and they may keep or revise it. Both the
  first (blind) and the final answer are recorded.
- ``before``: the form opens filled with the agent's answer, marked as the agent's until
  the reviewer confirms or changes each question; accepting is recorded as such.
- ``hidden``: the reviewer never sees it; the server compares.

Evidence on anchoring (asking people to correct an AI's suggestions raises their
acceptance of wrong ones) is why blind-first is the default.

:class:`Suggestion` is the line format of ``docket pack --suggestions FILE.jsonl`` and of
a bundle's ``suggestions.jsonl``; :class:`SuggestionRecord` is what a result row carries
about the suggestion its reviewer saw (``"suggestion"`` in the row). The checks here are
the ones that need no task: pack and merge add those against the task and its form.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

RevealPolicy = Literal["after-answer", "before", "hidden"]
REVEAL_POLICIES: tuple[RevealPolicy, ...] = ("after-answer", "before", "hidden")
DEFAULT_REVEAL: RevealPolicy = "after-answer"
SHOWN_POLICIES: tuple[RevealPolicy, ...] = ("after-answer", "before")
"""The policies under which a reviewer sees the suggestion (so it travels to them)."""

MAX_AGENT_CHARS = 100
MAX_CRITIQUE_CHARS = 20_000
SUGGESTION_KEYS = frozenset({"task", "agent", "answers", "critique", "confidence"})
RECORD_KEYS = frozenset({"agent", "policy", "first", "accepted", "revised"})


class SuggestionError(ValueError):
    """A suggestion (or a record of one) that does not hold; the message says why."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """``{"task", "agent", "answers", "critique"?, "confidence"?}``: ``answers`` is keyed
    by question id, in the answer JSON of the task's form, naming response ids."""

    task: str
    agent: str
    answers: dict[str, Any]
    critique: str = ""
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"task": self.task, "agent": self.agent, "answers": self.answers}
        if self.critique:
            out["critique"] = self.critique
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    @classmethod
    def from_json(cls, data: Any) -> Suggestion:
        """The suggestion ``data`` holds; :class:`SuggestionError` saying what is wrong."""
        if not isinstance(data, Mapping):
            raise SuggestionError("a suggestion must be a JSON object")
        unknown = sorted(set(data) - SUGGESTION_KEYS)
        if unknown:
            known = ", ".join(sorted(SUGGESTION_KEYS))
            raise SuggestionError(f"unknown key {unknown[0]!r} (a suggestion has {known})")
        task, agent = data.get("task"), data.get("agent")
        if not isinstance(task, str) or not task:
            raise SuggestionError("'task' must be the id of a task (a non-empty string)")
        if not isinstance(agent, str) or not agent.strip():
            raise SuggestionError("'agent' must name the agent (a non-empty string)")
        if len(agent) > MAX_AGENT_CHARS:
            raise SuggestionError(f"'agent' is longer than {MAX_AGENT_CHARS} characters")
        answers = data.get("answers")
        if not isinstance(answers, Mapping) or not answers:
            raise SuggestionError("'answers' must be a non-empty object of answers by question id")
        critique = data.get("critique", "")
        if critique is None:
            critique = ""
        if not isinstance(critique, str):
            raise SuggestionError("'critique' must be text")
        if len(critique) > MAX_CRITIQUE_CHARS:
            raise SuggestionError(f"'critique' is longer than {MAX_CRITIQUE_CHARS} characters")
        return cls(task, agent, dict(answers), critique, confidence_of(data.get("confidence")))


def confidence_of(value: Any) -> float | None:
    """A confidence: absent, or a number in [0, 1]."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise SuggestionError(f"'confidence' must be a number from 0 to 1, not {value!r}")
    return float(value)


def reveal_policy(value: Any) -> RevealPolicy | None:
    """A schema's ``"suggestions": {"reveal": ...}`` read strictly (None when absent)."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"reveal"}:
        raise SuggestionError("'suggestions' in a schema must be an object with one key, 'reveal'")
    policy = value.get("reveal", DEFAULT_REVEAL)
    if policy not in REVEAL_POLICIES:
        raise SuggestionError(
            f"unknown reveal policy {policy!r} (one of {', '.join(REVEAL_POLICIES)})"
        )
    return cast(RevealPolicy, policy)


@dataclass(frozen=True, slots=True)
class SuggestionRecord:
    """What a result row says about the suggestion its reviewer saw (``"suggestion"``):

    - ``agent``: whose suggestion;
    - ``policy``: ``after-answer`` or ``before`` (a hidden suggestion leaves no record);
    - ``first``: under ``after-answer``, the answers submitted blind, before the reveal
      (the row's ``answers`` are the final ones); None under ``before``;
    - ``accepted``: under ``before``, the ids of the questions whose suggested value the
      reviewer accepted as it was (an acceptance, not their own work); empty otherwise;
    - ``revised``: under ``after-answer``, whether the final answer differs from the
      first; under ``before``, whether any suggested question was changed.
    """

    agent: str
    policy: RevealPolicy
    first: dict[str, Any] | None = None
    accepted: tuple[str, ...] = field(default=())
    revised: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "agent": self.agent,
            "policy": self.policy,
            "first": self.first,
            "accepted": list(self.accepted),
            "revised": self.revised,
        }

    @classmethod
    def from_json(cls, data: Any) -> SuggestionRecord:
        if not isinstance(data, Mapping) or set(data) != RECORD_KEYS:
            raise SuggestionError(
                f"a suggestion record is an object with exactly {', '.join(sorted(RECORD_KEYS))}"
            )
        agent, policy = data["agent"], data["policy"]
        if not isinstance(agent, str) or not agent or len(agent) > MAX_AGENT_CHARS:
            raise SuggestionError("the record's 'agent' must name the agent")
        if policy not in SHOWN_POLICIES:
            raise SuggestionError(f"the record's policy must be one of {', '.join(SHOWN_POLICIES)}")
        first, accepted, revised = data["first"], data["accepted"], data["revised"]
        if not isinstance(revised, bool):
            raise SuggestionError("the record's 'revised' must be true or false")
        if not isinstance(accepted, list) or not all(isinstance(q, str) for q in accepted):
            raise SuggestionError("the record's 'accepted' must be a list of question ids")
        if len(set(accepted)) != len(accepted):
            raise SuggestionError("the record's 'accepted' names a question twice")
        if policy == "after-answer":
            if not isinstance(first, Mapping):
                raise SuggestionError("an after-answer record carries the first answer")
            if accepted:
                raise SuggestionError("an after-answer record accepts nothing")
            return cls(agent, "after-answer", dict(first), (), revised)
        if first is not None:
            raise SuggestionError("a 'before' record has no first answer")
        return cls(agent, "before", None, tuple(accepted), revised)
