"""Argilla 2 record exports (``Dataset.records.to_json`` / ``to_list()``): ``{"id",
"status", "fields": {...}, "metadata", "responses": {question: [{"value", "user_id",
"status"}]}, "suggestions": {question: {"value", "score", "agent"}}, "vectors"}``.

``fields`` name the texts as the dataset's settings do (see
:func:`docket.core.formats.base.labelled_fields`); each response keeps its field name as
its id. Submitted responses and suggestions are sealed as prior: a question whose value
names a response field (a label or a ranking of ``response1``, ``response2``…) votes for
it; everything else is kept whole in ``raw``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docket.core.formats.base import ReadContext, Reader, labelled_fields, one_to_one, plurality


def _named(value: Any, ids: list[str]) -> str | None:
    """The response a question's value points at: a field name, or the first of a
    ranking (``[{"value": field, "rank": 1}, …]``)."""
    if isinstance(value, str) and value in ids:
        return value
    if isinstance(value, list) and value:
        ranked = [v for v in value if isinstance(v, dict) and v.get("value") in ids]
        if ranked:
            best = min(ranked, key=_rank)
            return str(best["value"])
        if isinstance(value[0], str) and value[0] in ids:
            return value[0]
    return None


def _rank(item: dict[str, Any]) -> int:
    rank = item.get("rank")
    return rank if isinstance(rank, int) and not isinstance(rank, bool) else 1_000_000


def _row(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    fields = obj["fields"]
    if not isinstance(fields, dict):
        raise ValueError("'fields' must be an object of the record's fields")
    prompt, responses = labelled_fields(fields)
    ids = [key for key, _ in responses]
    answered = obj.get("responses") or {}
    suggestions = obj.get("suggestions") or {}
    if not isinstance(answered, dict) or not isinstance(suggestions, dict):
        raise ValueError("'responses' and 'suggestions' must be objects keyed by question")
    votes: Counter[str] = Counter()
    for given in answered.values():
        for response in given if isinstance(given, list) else []:
            if isinstance(response, dict) and response.get("status", "submitted") == "submitted":
                named = _named(response.get("value"), ids)
                if named:
                    votes[named] += 1
    prior: dict[str, Any] = {"source": "argilla"}
    if (winner := plurality(votes)) is not None:
        prior["winner"] = winner
    prior["raw"] = {"id": obj.get("id"), "responses": answered, "suggestions": suggestions}
    row: dict[str, Any] = {
        ("prompt" if isinstance(prompt, str) else "conversation"): prompt,
        "responses": [{"id": key, "text": text} for key, text in responses],
        "prior": prior,
    }
    if isinstance(obj.get("id"), str | int) and not isinstance(obj.get("id"), bool):
        row["id"] = f"argilla-{obj['id']}"
    return row


ARGILLA = Reader(
    "argilla",
    "Argilla 2 records",
    "fields{instruction, response1, response2…}, responses, suggestions",
    lambda obj: (
        isinstance(obj, dict)
        and isinstance(obj.get("fields"), dict)
        and bool({"responses", "suggestions", "status"} & set(obj))
    ),
    one_to_one(_row),
)
