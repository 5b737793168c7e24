"""OpenAI fine-tuning files: chat (SFT) and preference (DPO) JSONL.

- Chat: ``{"messages": [{role, content}, …]}`` (``tools``, ``parallel_tool_calls`` and a
  message's ``weight`` are ignored). The conversation before the last assistant message
  is the prompt and that message the one response: a task to grade (a rubric, a
  rewrite), since there is nothing to compare it with.
- Preference: ``{"input": {"messages": [...]}, "preferred_output": [{role: assistant,
  content}], "non_preferred_output": [...]}``. It becomes a TRL preference row: which
  output was preferred stays server-side.

Assistant messages whose ``content`` is not a string (tool calls only) are refused with
a clear message rather than shown empty.
"""

from __future__ import annotations

from typing import Any

from docket.core.formats.base import ReadContext, Reader, has_keys, messages_of, one_to_one


def _chat(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    messages = messages_of(obj["messages"], "messages")
    if messages[-1]["role"] != "assistant":
        raise ValueError("'messages' must end with the assistant's answer")
    if len(messages) < 2:
        raise ValueError("'messages' needs the conversation before the assistant's answer")
    return {
        "conversation": messages[:-1],
        "responses": [{"id": "r1", "text": messages[-1]["content"]}],
        "prior": {"source": "openai-chat"},
    }


def _output(value: Any, what: str) -> str:
    messages = messages_of(value, what)
    if any(m["role"] != "assistant" for m in messages):
        raise ValueError(f"{what!r} must hold the assistant's message only")
    return "\n\n".join(m["content"] for m in messages)


def _preference(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    source = obj["input"]
    if not isinstance(source, dict):
        raise ValueError("'input' must be an object with 'messages'")
    return {
        "prompt": messages_of(source.get("messages"), "input.messages"),
        "chosen": _output(obj["preferred_output"], "preferred_output"),
        "rejected": _output(obj["non_preferred_output"], "non_preferred_output"),
        "prior": {"source": "openai-preference"},
    }


CHAT = Reader(
    "openai-chat",
    "OpenAI chat fine-tuning",
    "messages (ending with the assistant's answer)",
    lambda obj: (
        has_keys(obj, "messages") and not {"responses", "chosen", "rejected", "prompt"} & set(obj)
    ),
    one_to_one(_chat),
)
PREFERENCE = Reader(
    "openai-preference",
    "OpenAI preference fine-tuning",
    "input.messages, preferred_output, non_preferred_output",
    lambda obj: has_keys(obj, "input", "preferred_output", "non_preferred_output"),
    one_to_one(_preference),
)
