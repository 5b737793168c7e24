"""The quick test of the common answer (``quick_check``) against the full validator: on
random forms and random answers, near the valid ones and far from them, the quick test
never passes an answer the full check refuses, and passes every answer the full check
accepts on the questions it covers (the two are one set of rules)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core.schema import (
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PiiQuestion,
    PreferenceQuestion,
    RankingQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.core.validation import check_answers, quick_check

IDS = ["r-1", "r-2", "r-3"]
FLAGS = (("unsafe", "Unsafe"), ("pii", "PII"))

questions = st.one_of(
    st.builds(
        PreferenceQuestion,
        id=st.just("preference"),
        required=st.booleans(),
        strengths=st.sampled_from([("slight", "strong"), ("strong",)]),
        allow_tie=st.booleans(),
    ),
    st.builds(
        RankingQuestion, id=st.just("ranking"), required=st.booleans(), allow_ties=st.booleans()
    ),
    st.builds(
        LikertQuestion,
        id=st.just("likert"),
        required=st.booleans(),
        dimensions=st.sampled_from([("helpfulness",), ("helpfulness", "safety")]),
        scale_min=st.integers(0, 1),
        scale_max=st.integers(2, 5),
    ),
    st.builds(FlagsQuestion, id=st.just("flags"), response_flags=st.just(FLAGS)),
    st.builds(
        ChoiceQuestion,
        id=st.just("choice"),
        required=st.booleans(),
        options=st.just(("yes", "no")),
        multiple=st.booleans(),
    ),
    st.builds(
        TextQuestion,
        id=st.just("rationale"),
        required=st.booleans(),
        min_length=st.integers(0, 5),
        max_length=st.integers(5, 12),
        required_when=st.sampled_from([(), (RequiredWhen("preference", "strength", ("strong",)),)]),
    ),
    st.builds(PiiQuestion, id=st.just("pii"), required=st.booleans()),
)


@st.composite
def forms(draw: st.DrawFn) -> Schema:
    chosen = draw(st.lists(questions, min_size=1, max_size=5, unique_by=lambda q: q.id))
    ids = {q.id for q in chosen}
    return Schema(
        tuple(
            q
            for q in chosen
            if not isinstance(q, TextQuestion)
            or all(rule.question in ids for rule in q.required_when)
        )
        or (PreferenceQuestion("preference"),)
    )


ids_or_junk = st.one_of(st.sampled_from(IDS), st.sampled_from(["r-9", "task", "", "A"]))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 6),
    st.floats(allow_nan=True),
    st.sampled_from(["slight", "strong", "yes", "no", "unsafe", "pii", "  ", "a long text"]),
    ids_or_junk,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(ids_or_junk, st.sampled_from(["better", "strength", "helpfulness"])),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=10,
)


@st.composite
def near_valid(draw: st.DrawFn, schema: Schema, ids: list[str]) -> dict[str, Any]:
    """Answers built to fit the form's questions most of the time, with random faults."""
    out: dict[str, Any] = {}
    for q in schema.questions:
        if draw(st.integers(0, 9)) == 0:
            continue
        if draw(st.integers(0, 9)) == 0:
            out[q.id] = draw(values)
        elif isinstance(q, PreferenceQuestion):
            better = draw(st.one_of(st.none(), st.sampled_from(ids)))
            strength = None if better is None else draw(st.sampled_from(["slight", "strong"]))
            out[q.id] = {"better": better, "strength": strength}
        elif isinstance(q, RankingQuestion):
            order = draw(st.permutations(ids))
            out[q.id] = [[rid] for rid in order] if draw(st.booleans()) else [list(order)]
        elif isinstance(q, LikertQuestion):
            low, high = q.scale_min, q.scale_max
            scores = st.integers(low, high) if draw(st.integers(0, 4)) else st.integers(-1, 6)
            out[q.id] = {
                rid: {dim: draw(scores) for dim in q.dimensions}
                for rid in ids
                if draw(st.integers(0, 5))
            }
        elif isinstance(q, FlagsQuestion):
            names = ["unsafe", "pii"] if draw(st.integers(0, 4)) else ["unsafe", "pii", "spam"]
            out[q.id] = {
                draw(st.sampled_from([*ids, "task"])): draw(
                    st.lists(st.sampled_from(names), max_size=3)
                )
            }
        elif isinstance(q, ChoiceQuestion):
            options = ["yes", "no"] if draw(st.integers(0, 4)) else ["yes", "no", "maybe"]
            out[q.id] = (
                draw(st.lists(st.sampled_from(options), max_size=3))
                if q.multiple
                else draw(st.sampled_from(options))
            )
        elif isinstance(q, TextQuestion):
            length = draw(st.integers(0, 14))
            out[q.id] = draw(st.sampled_from([" ", "a"])) + "b" * length
        else:
            out[q.id] = draw(values)
    if draw(st.integers(0, 19)) == 0:
        out["unknown"] = 1
    return out


def agree(schema: Schema, ids: list[str], answers: Any) -> None:
    full = check_answers(schema, ids, answers)
    quick = quick_check(schema)(ids, answers)
    if quick:
        assert full == [], (answers, full)
    covered = all(not isinstance(q, PiiQuestion) for q in schema.questions)
    if not full and covered and isinstance(answers, dict):
        assert quick, answers


@settings(max_examples=300)
@given(st.data())
def test_quick_and_full_agree_on_answers_near_the_form(data: st.DataObject) -> None:
    schema = data.draw(forms())
    ids = IDS[: data.draw(st.integers(2, 3))]
    agree(schema, ids, data.draw(near_valid(schema, ids)))


@settings(max_examples=300)
@given(
    forms(),
    st.one_of(
        values,
        st.dictionaries(
            st.sampled_from(
                ["preference", "ranking", "likert", "flags", "choice", "rationale", "pii"]
            ),
            values,
            max_size=4,
        ),
    ),
)
def test_quick_never_passes_what_the_full_check_refuses(schema: Schema, answers: Any) -> None:
    agree(schema, IDS[:2], answers)


def test_the_default_form_passes_an_empty_pii_answer_quickly_and_checks_a_given_one() -> None:
    plain = default_schema(2)
    schema = plain if "pii" in plain else Schema((*plain.questions, PiiQuestion("pii")))
    quick = quick_check(schema)
    good = {"preference": {"better": "r-1", "strength": "slight"}}
    assert quick(IDS[:2], good) and check_answers(schema, IDS[:2], good) == []
    assert quick(IDS[:2], {**good, "pii": {}})
    # An answer to a question the quick test does not cover goes to the full check.
    assert not quick(IDS[:2], {**good, "pii": {"marked": []}})
    # A strong preference needs a rationale: the quick test does not pass it either.
    strong = {"preference": {"better": "r-1", "strength": "strong"}}
    assert not quick(IDS[:2], strong) and check_answers(schema, IDS[:2], strong) != []


def test_the_quick_test_is_compiled_once_per_form_object() -> None:
    schema = default_schema(2)
    assert quick_check(schema) is quick_check(schema)
