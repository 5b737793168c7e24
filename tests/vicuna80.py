"""Vicuna80 (``tests/data/vicuna80``, see its README) as Docket input: a tasks file, GPT-4's
verdicts and critiques as a suggestions file, and the three human raters' answers.

One task per (question, display order): ``v<question>-<A>-<B>`` with response ids and
models ``A`` and ``B`` (the models' names: ``gpt35``, ``gpt4``), listed in that order.
A three-class score (1 = A better, 2 = B better, 3 = equivalent) becomes Docket's
preference answer ``{"better": A or B, "strength": "slight"}``, or ``{"better": None}``
for a tie. GPT-4 judged every question in both orders; the human raters judged each
question in one order only, so a task has three human answers or none.

Usable as a script: ``python -m tests.vicuna80 OUT_DIR`` writes ``tasks.jsonl``,
``suggestions.jsonl``, ``schema.json`` and ``raters.jsonl`` (``{"task", "rater",
"answers"}``).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "vicuna80"
ORDERS = (("gpt4", "gpt35"), ("gpt35", "gpt4"))
AGENT = "gpt-4"
RATERS = ("rater1", "rater2", "rater3")

SCHEMA: dict[str, Any] = {
    "version": 1,
    "questions": [
        {
            "type": "preference",
            "id": "preference",
            "required": True,
            "label": "Which answer is better?",
            "strengths": ["slight", "strong"],
            "allow_tie": True,
        }
    ],
    "suggestions": {"reveal": "hidden"},
}


def _lines(name: str) -> list[dict[str, Any]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def task_id(question: int, a: str, b: str) -> str:
    return f"v{question:02d}-{a}-{b}"


def preference(score: int, a: str, b: str) -> dict[str, Any]:
    """A three-class score as Docket's preference answer."""
    if score == 3:
        return {"better": None}
    if score not in (1, 2):
        raise ValueError(f"unknown score {score!r}")
    return {"better": a if score == 1 else b, "strength": "slight"}


def human_scores() -> dict[tuple[int, str, str], list[int]]:
    """(question, A, B) -> the three raters' scores, in file order."""
    out: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for a, b in ORDERS:
        for row in _lines(f"answer_{a}-vs-answer_{b}-human-reviewer_threeclass.jsonl.gz"):
            out[(int(row["question_id"]), a, b)].append(int(row["score"]))
    assert all(len(v) == len(RATERS) for v in out.values())
    return dict(out)


def judge_rows() -> dict[tuple[int, str, str], dict[str, Any]]:
    """(question, A, B) -> GPT-4's review line."""
    out = {}
    for a, b in ORDERS:
        for row in _lines(f"answer_{a}-vs-answer_{b}-gpt4-reviewer-threeclass.jsonl.gz"):
            out[(int(row["question_id"]), a, b)] = row
    return out


def tasks() -> list[dict[str, Any]]:
    questions = {int(q["question_id"]): q["text"] for q in _lines("vicuna_questions.jsonl.gz")}
    answers = {
        m: {int(r["question_id"]): r["text"] for r in _lines(f"answer_{m}.jsonl.gz")}
        for m in ("gpt35", "gpt4")
    }
    return [
        {
            "id": task_id(q, a, b),
            "prompt": questions[q],
            "responses": [{"id": m, "model": m, "text": answers[m][q]} for m in (a, b)],
        }
        for q in sorted(questions)
        for a, b in ORDERS
    ]


def suggestions() -> list[dict[str, Any]]:
    return [
        {
            "task": task_id(q, a, b),
            "agent": AGENT,
            "answers": {"preference": preference(int(row["score"]), a, b)},
            "critique": row["text"],
        }
        for (q, a, b), row in sorted(judge_rows().items())
    ]


def rater_answers() -> list[dict[str, Any]]:
    return [
        {"task": task_id(q, a, b), "rater": rater, "answers": {"preference": preference(s, a, b)}}
        for (q, a, b), scores in sorted(human_scores().items())
        for rater, s in zip(RATERS, scores, strict=True)
    ]


def write(out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "tasks": (out / "tasks.jsonl", tasks()),
        "suggestions": (out / "suggestions.jsonl", suggestions()),
        "raters": (out / "raters.jsonl", rater_answers()),
    }
    for path, rows in files.values():
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (out / "schema.json").write_text(json.dumps(SCHEMA, indent=2), encoding="utf-8")
    return {name: path for name, (path, _) in files.items()} | {"schema": out / "schema.json"}


if __name__ == "__main__":  # pragma: no cover
    for name, path in write(Path(sys.argv[1])).items():
        print(f"{name}: {path}")
