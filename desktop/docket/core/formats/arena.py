"""Chatbot Arena conversations (``lmsys/chatbot_arena_conversations``).

Rows: ``question_id``, ``model_a``, ``model_b``, ``winner`` (``model_a``, ``model_b``,
``tie`` or ``tie (bothbad)``), ``judge``, ``conversation_a`` and ``conversation_b``
(message lists), ``turn``, ``language``, ``tstamp``, ``anony``.

The two conversations share their user turns and differ in the assistant's. A one-turn
battle becomes a task with the user's question as the prompt and the two answers as the
responses. In a longer battle the assistants' earlier answers differ too, so each
response holds its side's whole exchange after the first question (later user turns
quoted as "User:" paragraphs), and the prompt is the first question. The models stay
server-side; the vote (``winner``) and the judge become the sealed prior.
"""

from __future__ import annotations

from typing import Any

from docket.core.formats.base import (
    ReadContext,
    Reader,
    exchange_text,
    has_keys,
    messages_of,
    one_to_one,
)

WINNERS = {"model_a": "a", "model_b": "b", "tie": "tie", "tie (bothbad)": "tie"}


def _side(conversation: list[dict[str, str]], what: str) -> tuple[str, str]:
    """The first user question and everything after it, as one response text."""
    if conversation[0]["role"] != "user":
        raise ValueError(f"{what!r} must start with the user's question")
    rest = conversation[1:]
    if not rest or rest[-1]["role"] != "assistant":
        raise ValueError(f"{what!r} must end with the assistant's answer")
    answers = [m["content"] for m in rest if m["role"] == "assistant"]
    follow_ups = [m["content"] for m in rest if m["role"] != "assistant"]
    if [m["role"] == "assistant" for m in rest] != [i % 2 == 0 for i in range(len(rest))]:
        raise ValueError(f"{what!r} must alternate the assistant's answers and user turns")
    return conversation[0]["content"], exchange_text(answers, follow_ups)


def _row(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    question_a, text_a = _side(
        messages_of(obj["conversation_a"], "conversation_a"), "conversation_a"
    )
    question_b, text_b = _side(
        messages_of(obj["conversation_b"], "conversation_b"), "conversation_b"
    )
    if question_a != question_b:
        raise ValueError("'conversation_a' and 'conversation_b' start with different questions")
    models = [obj.get("model_a"), obj.get("model_b")]
    responses = [
        {"id": rid, "text": text} | ({"model": m} if isinstance(m, str) and m else {})
        for rid, text, m in (("a", text_a, models[0]), ("b", text_b, models[1]))
    ]
    winner = obj.get("winner")
    if winner is not None and winner not in WINNERS:
        raise ValueError(f"'winner' must be one of {sorted(WINNERS)}, got {winner!r}")
    prior: dict[str, Any] = {"source": "chatbot-arena"}
    if winner is not None:
        prior["winner"] = WINNERS[winner]
    notes = {k: str(obj[k]) for k in ("judge", "language", "winner") if obj.get(k) is not None}
    if notes:
        prior["notes"] = notes
    row: dict[str, Any] = {"prompt": question_a, "responses": responses, "prior": prior}
    if isinstance(obj.get("question_id"), str) and obj["question_id"]:
        row["id"] = obj["question_id"]
    return row


ARENA = Reader(
    "chatbot-arena",
    "Chatbot Arena conversations",
    "conversation_a, conversation_b, model_a, model_b, winner",
    lambda obj: has_keys(obj, "conversation_a", "conversation_b"),
    one_to_one(_row),
)
