"""Label Studio JSON exports (``[{"id", "data", "annotations", "predictions", …}]``).

The task's ``data`` holds the texts under the names its labelling configuration gives
them; the LLM comparison templates use ``prompt`` with ``answer1``, ``answer2`` (or a
``chat``/``messages`` list), and others ``text1``, ``text2``; see
:func:`docket.core.formats.base.labelled_fields` for every name read. Each response keeps
its field name as its id (blinded by pack like any id), so results can be written back
under the same names.

Existing annotations are sealed as prior, never shown: a ``pairwise`` result (``{"selected":
"left"|"right"}``, left = the first response field) votes for a response, ``choices``,
``rating`` and ``textarea`` results are kept as they are, and the task's ``annotations``
and ``predictions`` travel whole (``raw``) so a Label Studio JSON written after review
carries them unchanged beside Docket's. A file is either Label Studio's JSON (one array)
or one task per line.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docket.core.formats.base import ReadContext, Reader, labelled_fields, one_to_one, plurality


def _votes(results: list[Any], ids: list[str]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for result in results:
        if not isinstance(result, dict) or result.get("type") != "pairwise":
            continue
        selected = (result.get("value") or {}).get("selected")
        if selected == "left" and ids:
            votes[ids[0]] += 1
        elif selected == "right" and len(ids) > 1:
            votes[ids[1]] += 1
    return votes


def _row(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    data = obj["data"]
    if not isinstance(data, dict):
        raise ValueError("'data' must be an object of the task's fields")
    prompt, responses = labelled_fields(data)
    ids = [key for key, _ in responses]
    annotations = obj.get("annotations") or []
    predictions = obj.get("predictions") or []
    if not isinstance(annotations, list) or not isinstance(predictions, list):
        raise ValueError("'annotations' and 'predictions' must be lists")
    votes: Counter[str] = Counter()
    for annotation in annotations:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            votes += _votes(annotation.get("result") or [], ids)
    prior: dict[str, Any] = {"source": "label-studio"}
    if (winner := plurality(votes)) is not None:
        prior["winner"] = winner
    prior["raw"] = {
        "id": obj.get("id"),
        "data": data,
        "annotations": annotations,
        "predictions": predictions,
    }
    row: dict[str, Any] = {
        ("prompt" if isinstance(prompt, str) else "conversation"): prompt,
        "responses": [{"id": key, "text": text} for key, text in responses],
        "prior": prior,
    }
    if obj.get("id") is not None and not isinstance(obj.get("id"), bool):
        row["id"] = f"ls-{obj['id']}"
    return row


LABEL_STUDIO = Reader(
    "label-studio",
    "Label Studio JSON export",
    "data{prompt, answer1, answer2…}, annotations, predictions",
    lambda obj: (
        isinstance(obj, dict)
        and isinstance(obj.get("data"), dict)
        and bool({"annotations", "predictions", "id"} & set(obj))
    ),
    one_to_one(_row),
)
