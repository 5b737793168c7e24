"""NVIDIA's HelpSteer2 and HelpSteer3.

- HelpSteer2 ratings (``nvidia/HelpSteer2``, ``train.jsonl``): one response per line,
  ``prompt``, ``response`` and five attributes scored 0–4 (``helpfulness``,
  ``correctness``, ``coherence``, ``complexity``, ``verbosity``). Lines with the same
  prompt become one task (in the order the prompts first appear) with the attributes as
  the sealed prior per response.
- HelpSteer2 preferences (``preference/preference.jsonl``): ``prompt``, ``response_1``,
  ``response_2``, ``preference_strength`` (-3 … 3; negative: response 1 is better),
  ``preference_statement`` and ``preference_elaboration``.
- HelpSteer3 preferences (``nvidia/HelpSteer3``): ``context`` (a message list ending in
  the user's turn), ``response1``, ``response2``, ``overall_preference`` (-3 … 3, negative:
  response 1), ``domain``, ``language``, ``individual_preference``.

Multi-turn HelpSteer2 prompts carry earlier turns inline as ``<extra_id_1>User`` /
``<extra_id_1>Assistant`` markers; they are kept as the prompt text, as published.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docket.core.formats.base import (
    Converted,
    ReadContext,
    Reader,
    Record,
    RowError,
    has_keys,
    messages_of,
    number,
    one_to_one,
    text_of,
)

ATTRIBUTES = ("helpfulness", "correctness", "coherence", "complexity", "verbosity")
MAX_GROUP = 26 * 4
"""The most responses one prompt may gather (the loader's limit per task)."""


def _winner(strength: float | None, first: str, second: str) -> str | None:
    if strength is None:
        return None
    return first if strength < 0 else second if strength > 0 else "tie"


def _preference2(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    strength = number(obj["preference_strength"], "preference_strength")
    prior: dict[str, Any] = {"source": "helpsteer2-preference"}
    if strength is not None:
        prior["preference_strength"] = strength
        prior["winner"] = _winner(strength, "r1", "r2")
    notes = {
        k: obj[k]
        for k in ("preference_statement", "preference_elaboration", "split")
        if isinstance(obj.get(k), str)
    }
    if notes:
        prior["notes"] = notes
    return {
        "prompt": text_of(obj["prompt"], "prompt"),
        "responses": [
            {"id": "r1", "text": text_of(obj["response_1"], "response_1")},
            {"id": "r2", "text": text_of(obj["response_2"], "response_2")},
        ],
        "prior": prior,
    }


def _preference3(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    turns = messages_of(obj["context"], "context")
    strength = number(obj["overall_preference"], "overall_preference")
    prior: dict[str, Any] = {"source": "helpsteer3"}
    if strength is not None:
        prior["preference_strength"] = strength
        prior["winner"] = _winner(strength, "r1", "r2")
    notes = {k: obj[k] for k in ("domain", "language") if isinstance(obj.get(k), str)}
    if notes:
        prior["notes"] = notes
    return {
        "conversation": turns,
        "responses": [
            {"id": "r1", "text": text_of(obj["response1"], "response1")},
            {"id": "r2", "text": text_of(obj["response2"], "response2")},
        ],
        "prior": prior,
    }


def _group_ratings(
    records: Iterable[Record], context: ReadContext
) -> Iterator[Converted | RowError]:
    """Lines sharing a prompt become one task; a task is emitted under the line of its
    first response, once the file has been read (rows may interleave)."""
    groups: dict[str, tuple[int, list[dict[str, Any]], dict[str, dict[str, float]]]] = {}
    for line, obj in records:
        try:
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
            prompt = text_of(obj["prompt"], "prompt")
            text = text_of(obj["response"], "response")
            scores = {a: v for a in ATTRIBUTES if (v := number(obj.get(a), a)) is not None}
        except KeyError as exc:
            yield RowError(line, f"missing the field {exc.args[0]!r}")
            continue
        except (ValueError, TypeError) as exc:
            yield RowError(line, str(exc))
            continue
        _, responses, ratings = groups.setdefault(prompt, (line, [], {}))
        if len(responses) >= MAX_GROUP:
            yield RowError(line, f"more than {MAX_GROUP} responses to one prompt")
            continue
        rid = f"r{len(responses) + 1}"
        responses.append({"id": rid, "text": text})
        if scores:
            ratings[rid] = scores
    for prompt, (line, responses, ratings) in groups.items():
        prior: dict[str, Any] = {"source": "helpsteer2"}
        if ratings:
            prior["ratings"] = ratings
        yield line, {"prompt": prompt, "responses": responses, "prior": prior}


RATINGS = Reader(
    "helpsteer2",
    "HelpSteer2 ratings",
    "prompt, response, helpfulness, correctness, coherence, complexity, verbosity",
    lambda obj: has_keys(obj, "prompt", "response", "helpfulness"),
    _group_ratings,
)
PREFERENCE2 = Reader(
    "helpsteer2-preference",
    "HelpSteer2 preferences",
    "prompt, response_1, response_2, preference_strength",
    lambda obj: has_keys(obj, "prompt", "response_1", "response_2"),
    one_to_one(_preference2),
)
PREFERENCE3 = Reader(
    "helpsteer3",
    "HelpSteer3 preferences",
    "context, response1, response2, overall_preference",
    lambda obj: has_keys(obj, "context", "response1", "response2"),
    one_to_one(_preference3),
)
