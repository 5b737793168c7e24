"""Fine-Grained RLHF records to task rows and back: a property over random texts and
spans (any code points, including ones outside the BMP), and refusals of malformed
records."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.fine_grained import (
    LABEL_OF_ERROR_TYPE,
    FineGrainedError,
    error_type_of,
    feedback_row,
    label_of,
    task_row,
)
from docket.core.spans import DEFAULT_SPAN_LABELS, Span, span_problems


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(st.text(min_size=1, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    errors = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start < end:
            errors.append(
                {
                    "error type": draw(st.sampled_from(sorted(LABEL_OF_ERROR_TYPE))),
                    "explanation": draw(st.text(max_size=20)),
                    "start": start,
                    "end": end,
                }
            )
    order = draw(st.permutations(errors))  # the source does not sort its errors
    return {
        "question": draw(st.text(max_size=30)),
        "passages": [["Title", "One sentence.", "Two."]],
        **{f"prediction {i}": text if i == 1 else f"{text} ({i})" for i in range(1, 5)},
        "feedback": {"errors": list(order)},
    }


@given(records())
def test_a_record_goes_to_a_task_row_and_back_unchanged(record: dict[str, Any]) -> None:
    row = task_row(record, "t")
    text = record["prediction 1"]
    raw = row["responses"][0].get("spans", [])
    as_answer = [{"response": "p1", **s} for s in raw]
    labels = [k for k, _ in DEFAULT_SPAN_LABELS]
    assert span_problems(as_answer, texts={"p1": text}, labels=labels) == []
    spans = [Span.from_json(s) for s in as_answer]
    back = feedback_row(record["question"], text, spans, documents=row["documents"])
    key = lambda e: (e["start"], e["end"], e["error type"], e["explanation"])  # noqa: E731
    assert sorted(back["feedback"]["errors"], key=key) == sorted(
        record["feedback"]["errors"], key=key
    )
    assert back["prediction 1"] == text and back["question"] == record["question"]
    assert back["passages"] == [["Title", "One sentence. Two."]]


@given(st.sampled_from(sorted(LABEL_OF_ERROR_TYPE)) | st.text(max_size=12))
def test_error_types_and_labels_map_both_ways(error_type: str) -> None:
    label = label_of(error_type)
    if error_type in LABEL_OF_ERROR_TYPE:
        assert label in dict(DEFAULT_SPAN_LABELS) and error_type_of(label) == error_type
    elif error_type not in LABEL_OF_ERROR_TYPE.values():
        assert label == error_type == error_type_of(label)  # kept as it is


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"question": None}, "question"),
        ({"prediction 3": 7}, "prediction 3"),
        ({"feedback": {"errors": "none"}}, "not a list"),
        ({"feedback": {"errors": [{"error type": "Redundant", "start": "1", "end": 3}]}}, "whole"),
        ({"feedback": {"errors": ["Redundant"]}}, "not an object"),
        ({"passages": [["Title", 3]]}, "list of strings"),
    ],
)
def test_a_malformed_record_is_refused_with_a_reason(change: dict[str, Any], reason: str) -> None:
    record: dict[str, Any] = {
        "question": "q",
        "passages": [],
        **{f"prediction {i}": f"answer {i}" for i in range(1, 5)},
        "feedback": {"errors": []},
    }
    record.update(change)
    with pytest.raises(FineGrainedError, match=reason):
        task_row(record, "t")
