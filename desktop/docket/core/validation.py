"""Check an answers dict against a schema and the task's response ids.

Every problem is reported as ``(field, message)`` where ``field`` is a path such as
``likert.r2.helpfulness``, so the answer panel can put the message next to the field and
the CLI can name it. Answers always name response ids, never screen positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from docket.core.pii import DOCUMENT_PREFIX, TURN_PREFIX
from docket.core.pii_answers import pii_answer_problems
from docket.core.rubric import MAX_NOTE_CHARS, criteria_problems
from docket.core.schema import (
    TASK_FLAGS_KEY,
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PiiQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RewriteQuestion,
    RubricQuestion,
    RubricWritingQuestion,
    Schema,
    SpansQuestion,
    TextQuestion,
)
from docket.core.spans import changed_chars, span_problems
from docket.errors import AnswerValidationError
from docket.reasons import Listed, Reason

Issue = tuple[str, str]


def check_answers(
    schema: Schema,
    response_ids: Sequence[str],
    answers: Any,
    *,
    texts: Mapping[str, str] | None = None,
    pii_texts: Mapping[str, str] | None = None,
) -> list[Issue]:
    """All problems with ``answers``; an empty list means the answer is valid.

    ``texts`` (response id -> raw text) lets the answers that point into the responses
    be checked against them: spans (offsets and quotes) and a rewrite's changes from its
    base. ``pii_texts`` (every text of the task by target,
    :func:`docket.core.pii.task_texts`) does the same for a ``pii`` answer. Without
    them those checks are structural only."""
    if not isinstance(answers, Mapping):
        return [("", Reason("the answers must be an object keyed by question id"))]
    issues: list[Issue] = []
    for key in answers:
        if key not in schema:
            known = ", ".join(q.id for q in schema.questions)
            issues.append(
                (str(key), Reason("not a question of this task (questions: {known})", known=known))
            )
    ids = list(response_ids)
    for question in schema.questions:
        value = answers.get(question.id)
        if _is_empty(value):
            if _is_required(question, answers):
                issues.append((question.id, _missing_message(question)))
            continue
        if isinstance(question, SpansQuestion):
            issues.extend(_check_spans(question, value, ids, texts))
        elif isinstance(question, RewriteQuestion):
            issues.extend(_check_rewrite(question, value, ids, texts))
        elif isinstance(question, PiiQuestion):
            issues.extend(_check_pii(question, value, ids, pii_texts))
        else:
            issues.extend(_check(question, value, ids, answers))
    return issues


def validate_answers(
    schema: Schema,
    response_ids: Sequence[str],
    answers: Any,
    *,
    texts: Mapping[str, str] | None = None,
    pii_texts: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`AnswerValidationError` naming every field at fault."""
    issues = check_answers(schema, response_ids, answers, texts=texts, pii_texts=pii_texts)
    if issues:
        raise AnswerValidationError(issues)


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def _is_required(question: Question, answers: Mapping[str, Any]) -> bool:
    if isinstance(question, TextQuestion):
        return question.is_required(answers)
    return question.required


def _missing_message(question: Question) -> str:
    if isinstance(question, RubricQuestion):
        n = len(question.criteria)
        return Reason("none of the {n} criteria is graded yet; grade each for every response", n=n)
    if isinstance(question, RubricWritingQuestion):
        return Reason("write at least {n} criteria", n=question.min_criteria)
    if isinstance(question, TextQuestion) and not question.required:
        why = Listed((rule.describe() for rule in question.required_when), " or ")
        if question.min_length:
            return Reason(
                "required for {why} (at least {n} characters)", why=why, n=question.min_length
            )
        return Reason("required for {why}", why=why)
    return Reason("required")


def _check(
    question: Question, value: Any, ids: list[str], answers: Mapping[str, Any]
) -> list[Issue]:
    if isinstance(question, PreferenceQuestion):
        return _check_preference(question, value, ids)
    if isinstance(question, RankingQuestion):
        return _check_ranking(question, value, ids)
    if isinstance(question, LikertQuestion):
        return _check_likert(question, value, ids)
    if isinstance(question, FlagsQuestion):
        return _check_flags(question, value, ids)
    if isinstance(question, ChoiceQuestion):
        return _check_choice(question, value)
    if isinstance(question, TextQuestion):
        return _check_text(question, value, answers)
    if isinstance(question, RubricQuestion):
        return _check_rubric(question, value, ids)
    if isinstance(question, RubricWritingQuestion):
        return _check_rubric_writing(question, value)
    raise TypeError(f"unknown question type {type(question).__name__}")


def _check_preference(q: PreferenceQuestion, value: Any, ids: list[str]) -> list[Issue]:
    f = q.id
    if not isinstance(value, Mapping):
        return [(f, Reason('expected {"better": <response id> or null, "strength": ...}'))]
    issues: list[Issue] = [
        (f"{f}.{k}", Reason("unknown key (expected 'better' and 'strength')"))
        for k in value
        if k not in ("better", "strength")
    ]
    if "better" not in value:
        issues.append((f"{f}.better", Reason("missing: a response id, or null for a tie")))
        return issues
    better, strength = value["better"], value.get("strength")
    if len(ids) != 2:
        issues.append(
            (
                f,
                Reason(
                    "a preference compares exactly two responses; this task has {n}", n=len(ids)
                ),
            )
        )
    if better is None:
        if not q.allow_tie:
            issues.append((f"{f}.better", Reason("a tie is not allowed here; choose a response")))
        if strength is not None:
            issues.append((f"{f}.strength", Reason("a tie has no strength; leave it out or null")))
        return issues
    if not isinstance(better, str) or better not in ids:
        issues.append(
            (
                f"{f}.better",
                Reason(
                    "expected one of the response ids {ids} or null, got {better!r}",
                    ids=ids,
                    better=better,
                ),
            )
        )
    if strength not in q.strengths:
        issues.append((f"{f}.strength", _one_of(list(q.strengths), strength)))
    return issues


def _check_ranking(q: RankingQuestion, value: Any, ids: list[str]) -> list[Issue]:
    f = q.id
    if not isinstance(value, list) or not all(isinstance(g, list) for g in value):
        return [(f, Reason('expected a list of groups, best first, e.g. [["r1"], ["r2", "r3"]]'))]
    issues: list[Issue] = []
    seen: list[str] = []
    for i, group in enumerate(value):
        if not group:
            issues.append((f"{f}[{i}]", Reason("empty group")))
        if len(group) > 1 and not q.allow_ties:
            issues.append(
                (f"{f}[{i}]", Reason("ties are not allowed here; one response per place"))
            )
        for rid in group:
            if not isinstance(rid, str) or rid not in ids:
                issues.append(
                    (
                        f"{f}[{i}]",
                        Reason("{rid!r} is not a response id of this task {ids}", rid=rid, ids=ids),
                    )
                )
            elif rid in seen:
                issues.append((f"{f}[{i}]", Reason("{rid!r} is ranked more than once", rid=rid)))
            else:
                seen.append(rid)
    missing = [rid for rid in ids if rid not in seen]
    if missing:
        issues.append(
            (f, Reason("every response must be ranked; missing {missing}", missing=missing))
        )
    return issues


def _check_likert(q: LikertQuestion, value: Any, ids: list[str]) -> list[Issue]:
    f = q.id
    if not isinstance(value, Mapping):
        return [(f, Reason('expected {"<response id>": {"<dimension>": <score>}}'))]
    issues: list[Issue] = []
    for rid, ratings in value.items():
        if rid not in ids:
            issues.append((f"{f}.{rid}", _not_a_response(ids)))
            continue
        if not isinstance(ratings, Mapping):
            issues.append((f"{f}.{rid}", Reason("expected an object of dimension -> score")))
            continue
        for dim, score in ratings.items():
            where = f"{f}.{rid}.{dim}"
            if dim not in q.dimensions:
                issues.append(
                    (
                        where,
                        Reason(
                            "unknown dimension; expected one of {dimensions}",
                            dimensions=list(q.dimensions),
                        ),
                    )
                )
            elif (
                isinstance(score, bool)
                or not isinstance(score, int)
                or not q.scale_min <= score <= q.scale_max
            ):
                issues.append(
                    (
                        where,
                        Reason(
                            "expected a whole number {low}-{high}, got {score!r}",
                            low=q.scale_min,
                            high=q.scale_max,
                            score=score,
                        ),
                    )
                )
    if q.required:
        for rid in ids:
            for dim in q.dimensions:
                got = value.get(rid)
                if not isinstance(got, Mapping) or dim not in got:
                    issues.append((f"{f}.{rid}.{dim}", Reason("required")))
    return issues


def _check_flags(q: FlagsQuestion, value: Any, ids: list[str]) -> list[Issue]:
    f = q.id
    if not isinstance(value, Mapping):
        return [(f, Reason('expected {"<response id>": [flags], "task": [flags]}'))]
    issues: list[Issue] = []
    for key, flags in value.items():
        where = f"{f}.{key}"
        if key == TASK_FLAGS_KEY:
            allowed = [flag for flag, _ in q.task_flags]
        elif key in ids:
            allowed = [flag for flag, _ in q.response_flags]
        else:
            issues.append(
                (
                    where,
                    Reason(
                        "expected a response id of this task {ids} or {task!r}",
                        ids=ids,
                        task=TASK_FLAGS_KEY,
                    ),
                )
            )
            continue
        if not isinstance(flags, list):
            issues.append((where, Reason("expected a list of flags")))
            continue
        issues.extend(_check_members(where, flags, allowed))
    return issues


def _check_members(where: str, items: Iterable[Any], allowed: list[str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[str] = set()
    for item in items:
        if item not in allowed:
            issues.append(
                (where, Reason("{item!r} is not one of {allowed}", item=item, allowed=allowed))
            )
        elif item in seen:
            issues.append((where, Reason("{item!r} is given twice", item=item)))
        else:
            seen.add(item)
    return issues


def _check_choice(q: ChoiceQuestion, value: Any) -> list[Issue]:
    if q.multiple:
        if not isinstance(value, list):
            return [
                (
                    q.id,
                    Reason("expected a list of options from {options}", options=list(q.options)),
                )
            ]
        return _check_members(q.id, value, list(q.options))
    if value not in q.options:
        return [(q.id, _one_of(list(q.options), value))]
    return []


def _check_text(q: TextQuestion, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    if not isinstance(value, str):
        return [(q.id, Reason("expected text"))]
    length = len(value.strip())
    if q.is_required(answers) and length < q.min_length:
        if q.required:
            return [
                (
                    q.id,
                    Reason(
                        "at least {n} characters required ({given} given)",
                        n=q.min_length,
                        given=length,
                    ),
                )
            ]
        why = Listed((r.describe() for r in q.required_when if r.holds(answers)), " or ")
        return [
            (
                q.id,
                Reason(
                    "at least {n} characters required for {why} ({given} given)",
                    n=q.min_length,
                    why=why,
                    given=length,
                ),
            )
        ]
    if len(value) > q.max_length:
        return [
            (
                q.id,
                Reason("at most {n} characters ({given} given)", n=q.max_length, given=len(value)),
            )
        ]
    return []


def _check_rubric(q: RubricQuestion, value: Any, ids: list[str]) -> list[Issue]:
    f = q.id
    if not isinstance(value, Mapping):
        return [
            (f, Reason('expected {"<response id>": {"<criterion id>": {"met": true|false|null}}}'))
        ]
    known = {c.id for c in q.criteria}
    issues: list[Issue] = []
    for rid, grades in value.items():
        if rid not in ids:
            issues.append((f"{f}.{rid}", _not_a_response(ids)))
            continue
        if not isinstance(grades, Mapping):
            issues.append((f"{f}.{rid}", Reason("expected an object of criterion id -> grade")))
            continue
        for cid, entry in grades.items():
            where = f"{f}.{rid}.{cid}"
            if cid not in known:
                issues.append((where, Reason("not a criterion of this task")))
                continue
            if not isinstance(entry, Mapping) or "met" not in entry:
                issues.append((where, Reason('expected {"met": true|false|null, "note": "..."}')))
                continue
            extra = sorted(set(entry) - {"met", "note"})
            if extra:
                issues.append(
                    (where, Reason("unknown key(s) {keys} (expected 'met' and 'note')", keys=extra))
                )
            if entry["met"] is not None and not isinstance(entry["met"], bool):
                issues.append((where, Reason("met must be true, false or null (not applicable)")))
            note = entry.get("note", "")
            if not isinstance(note, str):
                issues.append((f"{where}.note", Reason("expected text")))
            elif len(note) > MAX_NOTE_CHARS:
                issues.append((f"{where}.note", Reason("at most {n} characters", n=MAX_NOTE_CHARS)))
    if q.required:
        for rid in ids:
            got = value.get(rid)
            graded = got if isinstance(got, Mapping) else {}
            open_ = [c for c in q.criteria if c.id not in graded]
            if open_:
                issues.append(
                    (
                        f"{f}.{rid}",
                        Reason(
                            "{open} of {total} criteria not graded yet",
                            open=len(open_),
                            total=len(q.criteria),
                        ),
                    )
                )
                issues.extend((f"{f}.{rid}.{c.id}", Reason("not graded yet")) for c in open_)
    return issues


def _check_rubric_writing(q: RubricWritingQuestion, value: Any) -> list[Issue]:
    f = q.id
    issues = [
        (f"{f}{path[len('criteria') :]}", message)
        for path, message in criteria_problems(value, allowed_tags=q.tags, what="criteria")
    ]
    if isinstance(value, list):
        if len(value) < q.min_criteria:
            issues.append(
                (
                    f,
                    Reason(
                        "write at least {n} criteria ({given} so far)",
                        n=q.min_criteria,
                        given=len(value),
                    ),
                )
            )
        if len(value) > q.max_criteria:
            issues.append(
                (
                    f,
                    Reason(
                        "at most {n} criteria ({given} written)",
                        n=q.max_criteria,
                        given=len(value),
                    ),
                )
            )
    return issues


def _check_spans(
    q: SpansQuestion, value: Any, ids: list[str], texts: Mapping[str, str] | None
) -> list[Issue]:
    known = texts if texts is not None else None
    issues = span_problems(
        value,
        texts=known,
        labels=[label for label, _ in q.labels],
        allow_overlap=q.allow_overlap,
        where=q.id,
    )
    if known is None and isinstance(value, list):
        # Without the texts, still only this task's responses.
        for i, item in enumerate(value):
            if isinstance(item, Mapping) and item.get("response") not in ids:
                issues.append(
                    (
                        f"{q.id}[{i}].response",
                        Reason("not a response of this task {ids}", ids=ids),
                    )
                )
    return issues


def _check_pii(
    q: PiiQuestion, value: Any, ids: list[str], texts: Mapping[str, str] | None
) -> list[Issue]:
    issues = pii_answer_problems(value, texts=texts, where=q.id)
    if texts is None and isinstance(value, Mapping):
        # Without the texts, still only this task's responses, turns and documents.
        for part in ("marked", "dismissed"):
            items = value.get(part)
            for i, item in enumerate(items if isinstance(items, list) else []):
                target = item.get("target") if isinstance(item, Mapping) else None
                if (
                    isinstance(target, str)
                    and target not in ids
                    and not target.startswith((TURN_PREFIX, DOCUMENT_PREFIX))
                ):
                    issues.append((f"{q.id}.{part}[{i}].target", Reason("not a text of this task")))
    return issues


def _check_rewrite(
    q: RewriteQuestion, value: Any, ids: list[str], texts: Mapping[str, str] | None
) -> list[Issue]:
    f = q.id
    if not isinstance(value, Mapping) or set(value) - {"base", "text"} or "text" not in value:
        return [(f, Reason('expected {"base": <response id> or null, "text": "<markdown>"}'))]
    base, text = value.get("base"), value["text"]
    issues: list[Issue] = []
    if not isinstance(text, str):
        return [(f"{f}.text", Reason("expected text"))]
    if base is None:
        if not q.allow_empty:
            issues.append((f"{f}.base", Reason("start from one of the responses here")))
    elif not isinstance(base, str) or base not in ids:
        issues.append(
            (f"{f}.base", Reason("expected one of the response ids {ids} or null", ids=ids))
        )
    if len(text) > q.max_chars:
        issues.append(
            (
                f"{f}.text",
                Reason(
                    "at most {n:,} characters ({given:,} written); nothing was cut",
                    n=q.max_chars,
                    given=len(text),
                ),
            )
        )
    if not text.strip():
        issues.append((f"{f}.text", Reason("the rewrite is empty")))
    elif q.min_changed_chars and isinstance(base, str) and texts is not None and base in texts:
        changed = changed_chars(texts[base], text)
        if changed < q.min_changed_chars:
            issues.append(
                (
                    f"{f}.text",
                    Reason(
                        "change at least {n} characters of the response ({changed} changed so far)",
                        n=q.min_changed_chars,
                        changed=changed,
                    ),
                )
            )
    return issues


def _one_of(allowed: list[str], got: Any) -> Reason:
    return Reason("expected one of {allowed}, got {got!r}", allowed=allowed, got=got)


def _not_a_response(ids: list[str]) -> Reason:
    return Reason("not a response id of this task {ids}", ids=ids)


# --- the quick test of the common case ---------------------------------------------------
#
# A server merging a million answers checks each against its form. Most answers fit, and
# most forms ask only preferences, rankings, likert scores, flags, choices and texts:
# for those, :func:`quick_check` compiles the rules above into one test per question that
# answers only "fits" (no problem at all) or "ask :func:`check_answers`", which alone
# words the problems. The tests hold the two to the same answer (a property test over
# random forms and answers): the quick test never accepts what the full check refuses.

QuickCheck = Callable[[Sequence[str], Any], bool]
"""(response ids, answers) -> True where :func:`check_answers` finds no problem; False
means only that the full check must decide."""

_QUICK: dict[int, tuple[Schema, QuickCheck]] = {}
"""Recent forms' quick tests by the form object's identity (the entry keeps the form
alive, so its id is not reused while it is here)."""


def quick_check(schema: Schema) -> QuickCheck:
    """The quick test of ``schema``. A question it does not cover (spans, rewrites, PII,
    rubrics: their rules read the task's texts or long lists) passes it only unanswered;
    an answer to one is checked in full."""
    found = _QUICK.get(id(schema))
    if found is not None and found[0] is schema:
        return found[1]
    tests = tuple(
        (
            q.id,
            q,
            _QUICK_TESTS.get(type(q), _never),
            None if isinstance(q, TextQuestion) else _is_required(q, {}),
        )
        for q in schema.questions
    )
    compiled = _compiled(schema, tests)
    if len(_QUICK) >= 256:
        _QUICK.clear()
    _QUICK[id(schema)] = (schema, compiled)
    return compiled


def _never(q: Question, value: Any, ids: list[str], answers: Any) -> bool:
    return False


def _compiled(schema: Schema, tests: tuple[Any, ...]) -> QuickCheck:
    known = frozenset(q.id for q in schema.questions)

    def check(response_ids: Sequence[str], answers: Any) -> bool:
        if type(answers) is not dict or not known.issuperset(answers):
            return False
        ids = list(response_ids)
        for qid, q, test, required in tests:
            value = answers.get(qid)
            if _is_empty(value):
                if _is_required(q, answers) if required is None else required:
                    return False
            elif not test(q, value, ids, answers):
                return False
        return True

    return check


def _quick_preference(q: PreferenceQuestion, value: Any, ids: list[str], _: Any) -> bool:
    if type(value) is not dict or len(ids) != 2 or "better" not in value:
        return False
    if any(k not in ("better", "strength") for k in value):
        return False
    better, strength = value["better"], value.get("strength")
    if better is None:
        return q.allow_tie and strength is None
    return type(better) is str and better in ids and strength in q.strengths


def _quick_ranking(q: RankingQuestion, value: Any, ids: list[str], _: Any) -> bool:
    if type(value) is not list:
        return False
    seen: list[str] = []
    for group in value:
        if type(group) is not list or not group or (len(group) > 1 and not q.allow_ties):
            return False
        for rid in group:
            if type(rid) is not str or rid not in ids or rid in seen:
                return False
            seen.append(rid)
    return all(rid in seen for rid in ids)


def _quick_likert(q: LikertQuestion, value: Any, ids: list[str], _: Any) -> bool:
    if type(value) is not dict:
        return False
    for rid, ratings in value.items():
        if rid not in ids or type(ratings) is not dict:
            return False
        for dim, score in ratings.items():
            if (
                dim not in q.dimensions
                or type(score) is not int
                or not q.scale_min <= score <= q.scale_max
            ):
                return False
    if q.required:
        for rid in ids:
            got = value.get(rid)
            if type(got) is not dict or any(dim not in got for dim in q.dimensions):
                return False
    return True


def _quick_flags(q: FlagsQuestion, value: Any, ids: list[str], _: Any) -> bool:
    if type(value) is not dict:
        return False
    for key, flags in value.items():
        if key == TASK_FLAGS_KEY:
            allowed = [flag for flag, _ in q.task_flags]
        elif key in ids:
            allowed = [flag for flag, _ in q.response_flags]
        else:
            return False
        if type(flags) is not list or not _quick_members(flags, allowed):
            return False
    return True


def _quick_members(items: list[Any], allowed: list[str]) -> bool:
    return all(type(item) is str and item in allowed for item in items) and len(set(items)) == len(
        items
    )


def _quick_choice(q: ChoiceQuestion, value: Any, ids: list[str], _: Any) -> bool:
    if q.multiple:
        return type(value) is list and _quick_members(value, list(q.options))
    return type(value) is str and value in q.options


def _quick_text(q: TextQuestion, value: Any, ids: list[str], answers: Any) -> bool:
    if type(value) is not str or len(value) > q.max_length:
        return False
    return not (q.is_required(answers) and len(value.strip()) < q.min_length)


_QUICK_TESTS: dict[type, Callable[[Any, Any, list[str], Any], bool]] = {
    PreferenceQuestion: _quick_preference,
    RankingQuestion: _quick_ranking,
    LikertQuestion: _quick_likert,
    FlagsQuestion: _quick_flags,
    ChoiceQuestion: _quick_choice,
    TextQuestion: _quick_text,
}
