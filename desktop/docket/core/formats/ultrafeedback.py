"""UltraFeedback (Cui et al., 2023), as published and as binarized.

Raw rows (``openbmb/UltraFeedback``): ``instruction``, ``completions`` [{``model``,
``response``, ``annotations`` {aspect: {``Rating``, ``Rationale``, …}}, ``overall_score``,
``fine-grained_score``, ``critique``, …}], ``source``, ``models``. Each completion becomes a
response (its ``model`` kept for the server); the GPT-4 ratings per aspect (``Rating``:
"1"–"5" or "N/A"), ``overall_score`` and ``fine-grained_score`` become the sealed prior.

Binarized rows (``HuggingFaceH4/ultrafeedback_binarized``): ``prompt``, ``prompt_id``,
``chosen`` and ``rejected`` (message lists ending in the assistant's answer),
``messages``, ``score_chosen``, ``score_rejected``. They become TRL preference rows (so
which was chosen stays server-side, as for any TRL row) with the two scores as prior.
"""

from __future__ import annotations

from typing import Any

from docket.core.formats.base import (
    ReadContext,
    Reader,
    has_keys,
    messages_of,
    number,
    one_to_one,
    text_of,
)


def _raw_row(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    # Messages naming a field are only formatted on a bad value: this runs for every
    # completion and rating of files of a million ratings.
    instruction = text_of(obj["instruction"], "instruction")
    completions = obj["completions"]
    if not isinstance(completions, list) or not completions:
        raise ValueError("'completions' must be a non-empty list")
    responses = []
    ratings: dict[str, dict[str, float]] = {}
    for i, c in enumerate(completions):
        if not isinstance(c, dict):
            raise ValueError(f"'completions'[{i}] must be an object")
        rid = _IDS[i] if i < len(_IDS) else f"c{i}"
        text = c.get("response")
        if type(text) is not str:
            text_of(text, f"completions[{i}].response")
        response = {"id": rid, "text": text}
        model = c.get("model")
        if isinstance(model, str):
            response["model"] = model
        responses.append(response)
        scores: dict[str, float] = {}
        annotations = c.get("annotations") or {}
        if not isinstance(annotations, dict):
            raise ValueError(f"'completions'[{i}].annotations must be an object")
        for aspect, value in annotations.items():
            rating = value.get("Rating") if isinstance(value, dict) else None
            if rating is not None:
                got = _rating(rating, i, f"annotations.{aspect}.Rating")
                if got is not None:
                    scores[aspect] = got
        for key in _SCORE_KEYS:
            if (value := c.get(key)) is not None:
                got = _rating(value, i, key)
                if got is not None:
                    scores[key] = got
        if scores:
            ratings[rid] = scores
    row: dict[str, Any] = {"prompt": instruction, "responses": responses}
    prior: dict[str, Any] = {"source": "ultrafeedback"}
    if ratings:
        prior["ratings"] = ratings
    if isinstance(obj.get("source"), str):
        prior["notes"] = {"dataset": obj["source"]}
    row["prior"] = prior
    return row


_IDS = tuple(f"c{i}" for i in range(8))


def _rating(value: Any, i: int, field: str) -> float | None:
    """:func:`number` of a completion's rating, the usual "4" or 4 read directly."""
    kind = type(value)
    if kind is str or kind is int or kind is float:
        try:
            return float(value)
        except ValueError:
            pass
    return number(value, f"completions[{i}].{field}")


_SCORE_KEYS = ("overall_score", "fine-grained_score")


def _binarized_row(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    prompt = text_of(obj["prompt"], "prompt")
    chosen = messages_of(obj["chosen"], "chosen")
    rejected = messages_of(obj["rejected"], "rejected")
    if chosen[-1]["role"] != "assistant" or rejected[-1]["role"] != "assistant":
        raise ValueError("'chosen' and 'rejected' must end with the assistant's answer")
    row: dict[str, Any] = {
        "prompt": prompt,
        "chosen": chosen[-1]["content"],
        "rejected": rejected[-1]["content"],
    }
    if isinstance(obj.get("prompt_id"), str) and obj["prompt_id"]:
        row["id"] = obj["prompt_id"]
    scores = {
        k: v for k in ("score_chosen", "score_rejected") if (v := number(obj.get(k), k)) is not None
    }
    row["prior"] = {"source": "ultrafeedback-binarized", "notes": scores}
    return row


RAW = Reader(
    "ultrafeedback",
    "UltraFeedback",
    "instruction, completions[{model, response, annotations}]",
    lambda obj: has_keys(obj, "instruction", "completions"),
    one_to_one(_raw_row),
)
BINARIZED = Reader(
    "ultrafeedback-binarized",
    "UltraFeedback binarized",
    "prompt, chosen, rejected, score_chosen, score_rejected",
    lambda obj: has_keys(obj, "prompt", "chosen", "rejected", "score_chosen"),
    one_to_one(_binarized_row),
)
