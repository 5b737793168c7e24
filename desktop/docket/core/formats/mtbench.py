"""Question files whose answers live elsewhere: MT-Bench and FastChat / PRD (Vicuna80).

- MT-Bench ``question.jsonl``: ``{"question_id", "category", "turns": [q1, q2],
  "reference"?}``. Each question becomes a task: the prompt is the first turn; each
  model's answer (``docket pack --answers model_answer/*.jsonl``) is one response holding
  its answer to the first turn, then the second question quoted under "User:", then its
  answer to that (the two models' first answers differ, so the second turn cannot be a
  shared prompt). The reference answer (math, reasoning, coding) is sealed as prior.
- FastChat / PRD Vicuna80 questions: ``{"question_id", "text", "category"}``, one turn,
  with answers from ``--answers generations/answer_*.jsonl``.

A question with fewer than two answers is an error naming it (nothing to compare);
the models stay server-side.
"""

from __future__ import annotations

from typing import Any

from docket.core.formats.base import (
    Answer,
    ReadContext,
    Reader,
    exchange_text,
    has_keys,
    one_to_one,
)


def _answers(qid: str, context: ReadContext) -> list[Answer]:
    if context.answers is None:
        raise ValueError(
            "a question file needs its models' answers: pass --answers FILE… "
            "(MT-Bench model_answer/*.jsonl, or FastChat/PRD answer files)"
        )
    given = list(context.answers.get(qid, ()))
    if len(given) < 2:
        raise ValueError(f"question {qid} has {len(given)} answer(s) in the answer files; need 2+")
    return given


def _responses(answers: list[Answer], follow_ups: list[str]) -> list[dict[str, Any]]:
    out = []
    for i, answer in enumerate(answers):
        if len(answer.turns) < len(follow_ups) + 1:
            raise ValueError(
                f"{answer.model or f'answer {i + 1}'} answers {len(answer.turns)} of "
                f"{len(follow_ups) + 1} turns"
            )
        text = exchange_text(list(answer.turns[: len(follow_ups) + 1]), follow_ups)
        out.append(
            {"id": f"m{i + 1}", "text": text} | ({"model": answer.model} if answer.model else {})
        )
    return out


def _mt_bench(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    qid = obj["question_id"]
    turns = obj["turns"]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        raise ValueError("'turns' must be a non-empty list of strings")
    responses = _responses(_answers(str(qid), context), turns[1:])
    prior: dict[str, Any] = {"source": "mt-bench"}
    notes: dict[str, Any] = {}
    if isinstance(obj.get("category"), str):
        notes["category"] = obj["category"]
    reference = obj.get("reference")
    if isinstance(reference, list) and all(isinstance(r, str) for r in reference):
        notes["reference"] = "\n\n".join(reference)
    if notes:
        prior["notes"] = notes
    return {"id": f"mt-bench-{qid}", "prompt": turns[0], "responses": responses, "prior": prior}


def _fastchat(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    qid = obj["question_id"]
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be the question")
    prior: dict[str, Any] = {"source": "fastchat-questions"}
    if isinstance(obj.get("category"), str):
        prior["notes"] = {"category": obj["category"]}
    return {
        "id": f"q-{qid}",
        "prompt": text,
        "responses": _responses(_answers(str(qid), context), []),
        "prior": prior,
    }


MT_BENCH = Reader(
    "mt-bench",
    "MT-Bench questions (with --answers)",
    "question_id, category, turns",
    lambda obj: has_keys(obj, "question_id", "turns") and "choices" not in obj,
    one_to_one(_mt_bench),
)
FASTCHAT = Reader(
    "fastchat-questions",
    "FastChat / PRD Vicuna80 questions (with --answers)",
    "question_id, text, category",
    lambda obj: has_keys(obj, "question_id", "text", "category") and "model_id" not in obj,
    one_to_one(_fastchat),
)
