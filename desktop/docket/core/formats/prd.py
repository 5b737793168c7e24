"""Pairwise judgments as PRD publishes them (Li et al., 2023, "PRD: Peer Rank and
Discussion Improve LLM based Evaluations"; ``bcdnlp/PRD``, ``data/``).

- Vicuna80 rating files, one per pair of models:
  ``answer_<A>-vs-answer_<B>-<reviewer>-reviewer_threeclass.jsonl``, lines
  ``{"question_id", "text" (the question), "score"}`` where ``score`` 1 means A's answer
  (the first named) is better, 2 B's, 3 that they are equivalent. Several lines of a
  question are several raters (three crowd raters for most pairs). The answers are in
  PRD's ``generations/answer_<model>.jsonl`` files, given with ``--answers``: the file
  named ``answer_<A>`` holds A's. One task per question, its two responses A's and B's
  answers (in that order in the source; pack blinds the order), the models kept for the
  server. The raters' votes are the sealed prior: the plurality's choice as ``winner``
  ("tie" when two lead together or the raters found them equivalent), the counts as notes
  and the scores as written in ``raw``.
- LFQA expert judgments (``lfqa/experts_pairwise_human_preferences.jsonl``, from Xu et
  al., 2023): ``question``, ``answer_a``, ``answer_b``, ``answer_a_type`` and
  ``answer_b_type`` (``human`` or ``machine``), ``overall_preference`` (-1: answer_a is
  preferred, 1: answer_b) and the expert's ``justification``. One task per line; the
  answer types stand in for the models (server-side, as models are); the preference is
  the prior's winner and the justification a note. The answers' ``<br />`` line breaks
  become paragraph breaks (markdown shows no raw HTML).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docket.core.formats.base import (
    Answer,
    Converted,
    ReadContext,
    Reader,
    Record,
    RowError,
    has_keys,
    number,
    one_to_one,
    plurality,
    text_of,
)

RATING_FILE = re.compile(r"answer_(?P<a>.+?)-vs-answer_(?P<b>.+?)-(?P<reviewer>[^-]+)-reviewer")
"""PRD's rating file names: ``answer_gpt4-vs-answer_gpt35-human-reviewer_threeclass``."""
SCORES = {1: "a", 2: "b", 3: "tie"}
MAX_RATERS = 1000


def pair_of(source: str) -> tuple[str, str, str]:
    """The two models (as the answer files name them) and the reviewer of a rating file,
    from its name; ValueError when the name is not PRD's."""
    found = RATING_FILE.search(Path(source).name)
    if found is None:
        raise ValueError(
            f"cannot tell the two models from the file name {Path(source).name!r}: PRD "
            "names its rating files answer_<A>-vs-answer_<B>-<reviewer>-reviewer_threeclass"
            ".jsonl (score 1: A better, 2: B better, 3: equivalent); keep that name"
        )
    return found["a"], found["b"], found["reviewer"]


def _answer_of(model: str, qid: str, context: ReadContext) -> Answer:
    if context.answers is None:
        raise ValueError(
            "a PRD rating file needs the two models' answers: pass --answers "
            "generations/answer_<A>.jsonl generations/answer_<B>.jsonl"
        )
    wanted = f"answer_{model}"
    found = [a for a in context.answers.get(qid, ()) if a.file and Path(a.file).stem == wanted]
    if not found:
        raise ValueError(f"no answer to question {qid} in an answers file named {wanted}.jsonl")
    return found[0]


def _score(value: Any) -> int:
    if isinstance(value, bool) or value not in SCORES:
        raise ValueError(
            f"'score' must be 1 (A better), 2 (B better) or 3 (equivalent), got {value!r}"
        )
    return int(value)


def _vicuna80(records: Iterable[Record], context: ReadContext) -> Iterator[Converted | RowError]:
    """Lines of one question (its raters) become one task, emitted under its first line
    once the file has been read."""
    questions: dict[str, tuple[int, str, list[int]]] = {}
    pair: tuple[str, str, str] | None = None
    for line, obj in records:
        try:
            if pair is None:
                pair = pair_of(context.source)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
            raw_qid = obj["question_id"]
            if isinstance(raw_qid, bool) or not isinstance(raw_qid, int | str) or raw_qid == "":
                raise ValueError("'question_id' must be a string or an integer")
            qid = str(raw_qid)
            text = text_of(obj["text"], "text")
            score = _score(obj["score"])
            first, question, scores = questions.setdefault(qid, (line, text, []))
            if text != question:
                raise ValueError(f"question {qid} reads differently on line {first}")
            if len(scores) >= MAX_RATERS:
                raise ValueError(f"more than {MAX_RATERS} ratings of question {qid}")
            scores.append(score)
        except KeyError as exc:
            yield RowError(line, f"missing the field {exc.args[0]!r}")
        except (ValueError, TypeError) as exc:
            yield RowError(line, str(exc))
    if pair is None:
        return
    a, b, reviewer = pair
    for qid, (line, question, scores) in questions.items():
        try:
            answers = {
                side: _answer_of(model, qid, context) for side, model in (("a", a), ("b", b))
            }
        except ValueError as exc:
            yield RowError(line, str(exc))
            continue
        votes = Counter(SCORES[s] for s in scores)
        notes: dict[str, Any] = {
            "reviewer": reviewer,
            "raters": len(scores),
            "votes_a": votes["a"],
            "votes_b": votes["b"],
            "votes_equivalent": votes["tie"],
        }
        prior: dict[str, Any] = {
            "source": "prd-vicuna80",
            "notes": notes,
            "raw": {"scores": scores},
        }
        # "Equivalent" votes count as votes for a tie; a tie also when A and B lead together.
        winner = plurality(votes)
        if winner is not None:
            prior["winner"] = winner
        yield (
            line,
            {
                "id": f"prd-{a}-vs-{b}-q{qid}",
                "prompt": question,
                "responses": [
                    {"id": side, "text": "\n\n".join(answer.turns)}
                    | ({"model": answer.model} if answer.model else {})
                    for side, answer in answers.items()
                ],
                "prior": prior,
            },
        )


_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def _paragraphs(value: Any, what: str) -> str:
    return _BREAK.sub("\n\n", text_of(value, what)).strip()


def _lfqa(obj: dict[str, Any], context: ReadContext) -> dict[str, Any]:
    preference = number(obj["overall_preference"], "overall_preference")
    prior: dict[str, Any] = {"source": "prd-lfqa", "raw": {"overall_preference": preference}}
    if preference is not None:
        prior["preference_strength"] = preference
        prior["winner"] = "a" if preference < 0 else "b" if preference > 0 else "tie"
    if isinstance(obj.get("justification"), str) and obj["justification"].strip():
        prior["notes"] = {"justification": obj["justification"]}
    responses = []
    for side in ("a", "b"):
        kind = obj.get(f"answer_{side}_type")
        responses.append(
            {"id": side, "text": _paragraphs(obj[f"answer_{side}"], f"answer_{side}")}
            | ({"model": kind} if isinstance(kind, str) and kind else {})
        )
    return {"prompt": text_of(obj["question"], "question"), "responses": responses, "prior": prior}


VICUNA80 = Reader(
    "prd-vicuna80",
    "PRD Vicuna80 rating file (answer_A-vs-answer_B-…, with --answers)",
    "question_id, text, score",
    lambda obj: (
        has_keys(obj, "question_id", "text", "score")
        and not {"category", "model_id", "review_id", "answer1_id"} & set(obj)
    ),
    _vicuna80,
)
LFQA = Reader(
    "prd-lfqa",
    "PRD / LFQA expert pairwise judgments",
    "question, answer_a, answer_b, overall_preference",
    lambda obj: has_keys(obj, "question", "answer_a", "answer_b", "overall_preference"),
    one_to_one(_lfqa),
)
