"""A suggestion in the reviewer's hands: the rules the workspace and the window share.

Under ``before`` each question the agent answered is in one of three states, derived
from the answers and the set of questions the reviewer accepted (:func:`question_states`):

- ``suggested``: it holds the agent's value, not yet confirmed;
- ``accepted``: it holds the agent's value and the reviewer accepted it as it was;
- ``changed``: it holds something else (the reviewer's own answer).

An acceptance holds only while the value is the agent's: changing a question drops it
(:func:`still_accepted`), so undoing back to the agent's value shows the suggestion as not
yet confirmed again; nothing counts as accepted that the reviewer did not confirm as it
now stands.

Under ``after-answer`` the first answer submitted is the blind one; every later revision
is made after the reveal (:func:`record_for`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from docket.core.rules import canonical_json
from docket.core.schema import PreferenceQuestion, Schema
from docket.core.suggestions import RevealPolicy, Suggestion, SuggestionRecord
from docket.reasons import Reason, template

QuestionState = Literal["suggested", "accepted", "changed"]


def same(a: Any, b: Any) -> bool:
    """Two answer values are the same answer (as merge compares them: canonical JSON)."""
    return canonical_json(a) == canonical_json(b)


def question_states(
    suggestion: Suggestion, answers: Mapping[str, Any], accepted: Iterable[str]
) -> dict[str, QuestionState]:
    """Each suggested question's state (see the module docstring)."""
    kept = set(accepted)
    out: dict[str, QuestionState] = {}
    for qid, value in suggestion.answers.items():
        if not same(answers.get(qid), value):
            out[qid] = "changed"
        else:
            out[qid] = "accepted" if qid in kept else "suggested"
    return out


def still_accepted(
    suggestion: Suggestion, answers: Mapping[str, Any], accepted: Iterable[str]
) -> tuple[str, ...]:
    """The accepted question ids whose value is still the agent's, in the form's order
    of the suggestion."""
    kept = set(accepted)
    agent = suggestion.answers
    return tuple(q for q, value in agent.items() if q in kept and same(answers.get(q), value))


def unconfirmed(
    suggestion: Suggestion, answers: Mapping[str, Any], accepted: Iterable[str]
) -> list[str]:
    """The suggested questions neither accepted nor changed (a ``before`` answer is not
    submitted while any remain)."""
    states = question_states(suggestion, answers, accepted)
    return [qid for qid, state in states.items() if state == "suggested"]


def record_for(
    policy: RevealPolicy,
    suggestion: Suggestion | None,
    final: Mapping[str, Any],
    *,
    first: Mapping[str, Any] | None = None,
    accepted: Iterable[str] = (),
) -> SuggestionRecord | None:
    """What a result row says about the suggestion its reviewer saw; None when there is
    none to see (no suggestion, or ``hidden``).

    ``after-answer``: ``first`` is the blind answer (the task's first submitted one;
    None when ``final`` is that first answer); revised when the final differs from it.
    ``before``: ``accepted`` as :func:`still_accepted` keeps them; revised when a
    suggested question's final value differs from the agent's."""
    if suggestion is None or policy == "hidden":
        return None
    if policy == "after-answer":
        blind = dict(first if first is not None else final)
        revised = not same(dict(final), blind)
        return SuggestionRecord(suggestion.agent, "after-answer", blind, (), revised)
    changed = any(not same(final.get(q), v) for q, v in suggestion.answers.items())
    return SuggestionRecord(
        suggestion.agent, "before", None, still_accepted(suggestion, final, accepted), changed
    )


def _preference_words(value: Any, label: Callable[[str], str]) -> str | None:
    if not isinstance(value, Mapping):
        return None
    better = value.get("better")
    if better is None:
        return _A_TIE
    strength = value.get("strength")
    if isinstance(strength, str) and strength:
        return Reason("{response} ({strength})", response=label(str(better)), strength=strength)
    return label(str(better))


_A_TIE = Reason("a tie")
_VERDICTS = {
    # (the judge calls it a tie, what the reviewer did) -> the sentence
    (True, "open"): template("The judge ({agent}) calls it a tie; you left this question open."),
    (False, "open"): template("The judge ({agent}) prefers {judged}; you left this question open."),
    (True, "same"): template("The judge ({agent}) calls it a tie; you chose {chosen} too."),
    (False, "same"): template("The judge ({agent}) prefers {judged}; you chose {chosen} too."),
    (True, "other"): template("The judge ({agent}) calls it a tie; you chose {chosen}."),
    (False, "other"): template("The judge ({agent}) prefers {judged}; you chose {chosen}."),
}


def verdict_sentence(
    schema: Schema,
    suggestion: Suggestion,
    mine: Mapping[str, Any],
    label: Callable[[str], str],
) -> str:
    """The judge's verdict beside the reviewer's in one sentence: "The judge (gpt-4)
    prefers Response B; you chose Response A." (``label`` names a response id as the
    reviewer sees it). Without a preference question: how many questions agree. A
    :class:`~docket.reasons.Reason`, so an interface can translate it."""
    for q in schema.questions:
        if isinstance(q, PreferenceQuestion) and q.id in suggestion.answers:
            theirs = suggestion.answers[q.id]
            judged = _preference_words(theirs, label)
            chosen = _preference_words(mine.get(q.id), label)
            if judged is None:
                break
            tie = judged == _A_TIE
            if chosen is None:
                did = "open"
            else:
                same_side = isinstance(theirs, Mapping) and isinstance(mine.get(q.id), Mapping)
                agree = same_side and theirs.get("better") == mine[q.id].get("better")
                did = "same" if agree else "other"
            return Reason(
                _VERDICTS[(tie, did)], agent=suggestion.agent, judged=judged, chosen=chosen
            )
    known = {q.id for q in schema.questions}
    asked = [q for q in suggestion.answers if q in known]
    matching = sum(1 for q in asked if same(mine.get(q), suggestion.answers[q]))
    return Reason(
        "The judge ({agent}) answered {asked} question(s); yours match on {matching}.",
        agent=suggestion.agent,
        asked=len(asked),
        matching=matching,
    )
