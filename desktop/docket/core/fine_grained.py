"""Fine-Grained RLHF's feedback layout (Wu et al., 2023, qa-feedback) and Docket's spans.

A Fine-Grained RLHF record holds a ``question``, Wikipedia ``passages`` (each a list:
the page title, then its sentences), four answers ``prediction 1`` ... ``prediction 4``
and, on ``prediction 1`` only, human ``feedback.errors``: ``{"error type",
"explanation", "start", "end"}`` with ``start`` / ``end`` code-point offsets into
``prediction 1``, end exclusive (Python slicing), which is exactly how Docket anchors a
span in a response's raw text.

:func:`task_row` turns a record into a Docket task row: the question as the prompt, the
four predictions as responses (``model`` is the record's key, ``"prediction 1"`` ...,
since one policy wrote all four), the passages as ``documents`` (title, and the sentences
joined by spaces) and ``prediction 1``'s errors as prior spans on the first response
(``responses[0].spans``), the error type mapped to a label of Docket's taxonomy
(:data:`LABEL_OF_ERROR_TYPE`) and the explanation kept as the span's comment.
:func:`feedback_row` is the way back, for ``dataset export --format fine-grained``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

LABEL_OF_ERROR_TYPE: Mapping[str, str] = {
    "Irrelevant": "irrelevant",
    "Incoherent": "incoherent",
    "Redundant": "redundant",
    "Unverifiable": "unverifiable",
    "Wrong-Grounding": "wrong-grounding",
}
"""Fine-Grained RLHF's error types -> Docket's span labels (``core.spans``' defaults)."""

ERROR_TYPE_OF_LABEL: Mapping[str, str] = {v: k for k, v in LABEL_OF_ERROR_TYPE.items()}
"""The way back; a label outside the five (``hallucination``, a project's own) is written
as it is."""

PREDICTIONS = ("prediction 1", "prediction 2", "prediction 3", "prediction 4")


class FineGrainedError(ValueError):
    """A record that is not in Fine-Grained RLHF's feedback layout (the message says why)."""


def label_of(error_type: str) -> str:
    """The Docket label of a Fine-Grained RLHF error type (an unknown type kept as it is,
    so that pack refuses it by name if the form's taxonomy lacks it)."""
    return LABEL_OF_ERROR_TYPE.get(error_type, error_type)


def error_type_of(label: str) -> str:
    """The Fine-Grained RLHF error type of a Docket label; other labels unchanged."""
    return ERROR_TYPE_OF_LABEL.get(label, label)


def task_row(record: Mapping[str, Any], task_id: str) -> dict[str, Any]:
    """A Docket task row (the JSON ``docket pack`` reads) from one Fine-Grained RLHF
    record. Raises :class:`FineGrainedError` when the record lacks a field or an error
    is not a ``{"error type", "start", "end"}`` object with whole-number offsets."""
    question = record.get("question")
    if not isinstance(question, str):
        raise FineGrainedError("no 'question' string")
    responses: list[dict[str, Any]] = []
    for key in PREDICTIONS:
        text = record.get(key)
        if not isinstance(text, str):
            raise FineGrainedError(f"no {key!r} string")
        responses.append({"id": key.replace(" ", "-"), "model": key, "text": text})
    feedback = record.get("feedback") or {}
    errors = feedback.get("errors", []) if isinstance(feedback, Mapping) else None
    if not isinstance(errors, list):
        raise FineGrainedError("'feedback.errors' is not a list")
    first = responses[0]["text"]
    spans = []
    for i, error in enumerate(sorted(errors, key=_error_key)):
        start, end = error.get("start"), error.get("end")
        if not _whole(start) or not _whole(end):
            raise FineGrainedError(f"feedback.errors[{i}]: start and end must be whole numbers")
        span: dict[str, Any] = {
            "start": start,
            "end": end,
            "label": label_of(str(error.get("error type", ""))),
            "quote": first[start:end] if 0 <= start <= end <= len(first) else "",
        }
        explanation = error.get("explanation") or ""
        if explanation:
            span["comment"] = str(explanation)
        spans.append(span)
    if spans:
        responses[0]["spans"] = spans
    row: dict[str, Any] = {"id": task_id, "prompt": question, "responses": responses}
    documents = [_document(p) for p in record.get("passages") or []]
    if documents:
        row["documents"] = documents
    return row


def _error_key(error: Any) -> tuple[int, int]:
    if not isinstance(error, Mapping):
        raise FineGrainedError("an entry of 'feedback.errors' is not an object")
    start, end = error.get("start"), error.get("end")
    return (start if isinstance(start, int) else -1, end if isinstance(end, int) else -1)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _document(passage: Any) -> dict[str, str]:
    if not isinstance(passage, list) or not passage or not all(isinstance(s, str) for s in passage):
        raise FineGrainedError("a passage is not a list of strings [title, sentence, ...]")
    return {"title": passage[0], "text": " ".join(s.strip() for s in passage[1:])}


def feedback_row(
    question: str,
    text: str,
    spans: Iterable[Any],
    *,
    documents: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """One response's spans in Fine-Grained RLHF's layout: ``{"question", "passages"?,
    "prediction 1": text, "feedback": {"errors": [{"error type", "explanation", "start",
    "end"}]}}``, errors in text order. ``spans`` are objects with ``start``, ``end``,
    ``label`` and ``comment`` (a :class:`docket.core.spans.Span`); the label is mapped back
    by :func:`error_type_of` and the comment becomes the explanation. ``documents`` become
    ``passages`` as ``[title, text]`` each (the sentence division of a source record is
    not kept)."""
    row: dict[str, Any] = {"question": question}
    if documents:
        row["passages"] = [[str(d.get("title") or ""), str(d.get("text") or "")] for d in documents]
    row["prediction 1"] = text
    row["feedback"] = {
        "errors": [
            {
                "error type": error_type_of(s.label),
                "explanation": s.comment or "",
                "start": s.start,
                "end": s.end,
            }
            for s in sorted(spans, key=lambda s: (s.start, s.end, s.label))
        ]
    }
    return row
