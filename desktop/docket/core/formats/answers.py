"""Models' answers kept in files of their own, joined to their questions by id.

- MT-Bench (FastChat ``llm_judge``): ``model_answer/<model>.jsonl`` rows
  ``{"question_id", "answer_id", "model_id", "choices": [{"index", "turns": [...]}],
  "tstamp"}``; the first choice is the answer, one text per turn.
- FastChat's older evaluation and PRD's Vicuna80 generations: ``{"question_id",
  "answer_id", "model_id", "text"}``, one turn.

Question ids are compared as strings (MT-Bench writes integers). A model may answer a
question once per file set; a second answer is an error, as is a row of neither shape.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from docket.core.formats.base import Answer
from docket.errors import TaskFormatError

MAX_ANSWER_FILE_BYTES = 2 * 1024**3
MAX_ERRORS_SHOWN = 20


def answer_of(obj: Any) -> tuple[str, Answer]:
    """The question id and answer of one row; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    qid = obj.get("question_id")
    if isinstance(qid, bool) or not isinstance(qid, int | str) or qid == "":
        raise ValueError("needs a 'question_id' (a string or an integer)")
    model = obj.get("model_id", obj.get("model"))
    if model is not None and not isinstance(model, str):
        raise ValueError("'model_id' must be a string")
    if "choices" in obj:
        choices = obj["choices"]
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise ValueError("'choices' must be a non-empty list of {index, turns}")
        turns = choices[0].get("turns")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
            raise ValueError("'choices'[0].turns must be a non-empty list of strings")
        return str(qid), Answer(model, tuple(turns))
    if isinstance(obj.get("text"), str):
        return str(qid), Answer(model, (obj["text"],))
    raise ValueError("expected an MT-Bench answer ('choices') or a FastChat one ('text')")


def read_answer_files(paths: Sequence[str | Path]) -> dict[str, list[Answer]]:
    """Every answer of every file, per question id, in the order the files are given.
    Raises one :class:`TaskFormatError` listing every bad line (``file:line: reason``)."""
    out: dict[str, list[Answer]] = {}
    seen: dict[tuple[str, str | None], str] = {}
    errors: list[str] = []
    for path in map(Path, paths):
        try:
            if path.stat().st_size > MAX_ANSWER_FILE_BYTES:
                raise TaskFormatError(f"{path}: larger than 2 GB; split it")
            with path.open("rb") as fh:
                for number, raw in enumerate(fh, start=1):
                    if not raw.strip():
                        continue
                    where = f"{path}:{number}"
                    try:
                        qid, answer = answer_of(json.loads(raw))
                    except (ValueError, UnicodeDecodeError) as exc:
                        errors.append(f"{where}: {exc}")
                        continue
                    answer = replace(answer, file=path.name)
                    key = (qid, answer.model)
                    if answer.model is not None and key in seen:
                        errors.append(
                            f"{where}: {answer.model} answered question {qid} already ({seen[key]})"
                        )
                        continue
                    seen[key] = where
                    out.setdefault(qid, []).append(answer)
        except OSError as exc:
            raise TaskFormatError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if errors:
        shown = "\n  ".join(errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise TaskFormatError(f"{len(errors)} bad line(s) in the answer files:\n  {shown}{tail}")
    return out
