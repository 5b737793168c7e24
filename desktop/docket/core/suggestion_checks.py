"""An AI judge's suggestions checked against the tasks they answer, and a result row's
record of the suggestion its reviewer saw checked against what the server issued.

The line format and the checks that need no task are in :mod:`docket.core.suggestions`;
these are the ones that need the task and its answer form:

- a suggestion's answers pass the form's validator (with the responses' texts, so spans
  and rewrites are checked against them), except that an agent may leave questions
  unanswered: a judge often answers the verdict and nothing else;
- a row's record (``"suggestion"``) names a policy equal to its form's, an agent whose
  suggestion the server put in that reviewer's bundle for that task, a first answer
  that passes the validator, accepted questions whose final value is the agent's, and a
  ``revised`` flag that says what the answers say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docket.core.rules import canonical_json
from docket.core.schema import Schema
from docket.core.suggestions import SHOWN_POLICIES, Suggestion, SuggestionError, SuggestionRecord
from docket.core.validation import check_answers


def suggestion_problem(
    answers: Mapping[str, Any],
    schema: Schema,
    response_ids: Sequence[str],
    texts: Mapping[str, str] | None = None,
) -> str | None:
    """Why an agent's answers do not fit the task's form (None: they fit). Questions the
    agent left out are not missing: only what it answered is checked."""
    given = {q for q, v in answers.items() if not _is_empty(v)}
    for field, message in check_answers(schema, response_ids, answers, texts=texts):
        if field in schema and field not in given:
            continue  # a question the agent did not answer
        return f"{field or 'answers'}: {message}"
    if not given:
        return "the suggestion answers no question"
    return None


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def shown_suggestions(
    sealed: Mapping[str, Any], forms: Mapping[str, Schema]
) -> dict[str, dict[str, Suggestion]]:
    """Per task id, per agent: the suggestions a bundle put before its reviewer, read
    from the bundle's sealed section (``suggestions``: task id -> every agent's
    suggestion as packed). A task whose form hides suggestions, or a gold item, showed
    none. Raises :class:`SuggestionError` when the section is malformed."""
    raw = sealed.get("suggestions") or {}
    gold = sealed.get("gold") or {}
    if not isinstance(raw, Mapping) or not isinstance(gold, Mapping):
        raise SuggestionError("the sealed suggestions are malformed")
    out: dict[str, dict[str, Suggestion]] = {}
    for task_id, lines in raw.items():
        if not isinstance(lines, list):
            raise SuggestionError("the sealed suggestions are malformed")
        form = forms.get(str(task_id))
        if form is None or form.reveal_policy not in SHOWN_POLICIES or task_id in gold:
            continue
        for line in lines:
            suggestion = Suggestion.from_json(line)
            out.setdefault(str(task_id), {})[suggestion.agent] = suggestion
    return out


def record_problem(
    row: Mapping[str, Any],
    schema: Schema,
    response_ids: Sequence[str],
    shown: Mapping[str, Suggestion],
    texts: Mapping[str, str] | None = None,
) -> str | None:
    """Why a result row's ``"suggestion"`` record does not hold (None: it holds, or the
    row carries none). ``shown`` is what the server put before this reviewer for the
    row's task, by agent."""
    if "suggestion" not in row:
        return None
    try:
        record = SuggestionRecord.from_json(row["suggestion"])
    except SuggestionError as exc:
        return f"suggestion: {exc}"
    policy = schema.reveal_policy
    if policy not in SHOWN_POLICIES:
        return f"suggestion: the task's form keeps suggestions hidden ({policy}), none was shown"
    if record.policy != policy:
        return f"suggestion: the record says {record.policy!r}, the task's form says {policy!r}"
    suggestion = shown.get(record.agent)
    if suggestion is None:
        return f"suggestion: no suggestion of agent {record.agent!r} was issued for this task"
    final = row["answers"]
    if not isinstance(final, Mapping):
        return "answers: not an object"
    if record.policy == "after-answer":
        assert record.first is not None
        issues = check_answers(schema, response_ids, record.first, texts=texts)
        if issues:
            field, message = issues[0]
            return f"suggestion.first.{field or 'answers'}: {message}"
        changed = canonical_json(record.first) != canonical_json(dict(final))
        if record.revised != changed:
            return (
                "suggestion: 'revised' is "
                f"{'true' if record.revised else 'false'} but the final answer "
                f"{'differs from' if changed else 'equals'} the first"
            )
        return None
    for question in record.accepted:
        if question not in schema:
            return f"suggestion: accepted question {question!r} is not in the form"
        if question not in suggestion.answers:
            return f"suggestion: agent {record.agent!r} suggested nothing for {question!r}"
        if not _same(final.get(question), suggestion.answers[question]):
            return f"suggestion: accepted {question!r}, but the final answer is not the agent's"
    changed = any(
        not _same(final.get(question), value) for question, value in suggestion.answers.items()
    )
    if record.revised != changed:
        return (
            f"suggestion: 'revised' is {'true' if record.revised else 'false'} but "
            f"{'a' if changed else 'no'} suggested question was changed"
        )
    return None


def _same(a: Any, b: Any) -> bool:
    return canonical_json(a) == canonical_json(b)
