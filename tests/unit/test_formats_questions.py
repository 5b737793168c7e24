"""Question files with their answers in other files: MT-Bench (two turns) and FastChat /
PRD Vicuna80 (one turn), on real rows (tests/data/mt-bench, tests/data/vicuna80)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from docket.core.formats.answers import read_answer_files
from docket.core.task_loading import read_tasks_jsonl
from docket.errors import TaskFormatError

DATA = Path(__file__).resolve().parents[1] / "data"
MT_MODELS = ("gpt-4", "claude-v1", "llama-13b")


def unpacked(tmp: Path, *parts: str) -> Path:
    out = tmp / parts[-1].removesuffix(".gz")
    out.write_bytes(gzip.decompress(DATA.joinpath(*parts).read_bytes()))
    return out


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x]


def test_mt_bench_questions_with_model_answers(tmp_path: Path) -> None:
    questions = unpacked(tmp_path, "mt-bench", "question.jsonl.gz")
    files = [unpacked(tmp_path, "mt-bench", f"{m}.jsonl.gz") for m in MT_MODELS]
    answers = read_answer_files(files)
    result = read_tasks_jsonl(questions, answers=answers)
    assert not result.errors
    source = rows(questions)
    assert [r.task.id for r in result.rows] == [f"mt-bench-{q['question_id']}" for q in source]
    by_model = {
        m: {a["question_id"]: a for a in rows(f)} for m, f in zip(MT_MODELS, files, strict=True)
    }
    for row, question in zip(result.rows, source, strict=True):
        assert row.task.prompt == question["turns"][0]
        assert [r.model for r in row.task.responses] == list(MT_MODELS)
        for response, model in zip(row.task.responses, MT_MODELS, strict=True):
            first, second = by_model[model][question["question_id"]]["choices"][0]["turns"]
            assert response.text.startswith(first)
            assert response.text.endswith(second)
            follow_up = question["turns"][1].splitlines()[0]
            assert f"> {follow_up}" in response.text
        assert row.prior["notes"]["category"] == question["category"]
        if "reference" in question:
            assert row.prior["notes"]["reference"].startswith(question["reference"][0])


def test_vicuna80_questions_with_prd_generations(tmp_path: Path) -> None:
    questions = unpacked(tmp_path, "vicuna80", "vicuna_questions.jsonl.gz")
    files = [unpacked(tmp_path, "vicuna80", f"answer_{m}.jsonl.gz") for m in ("gpt4", "gpt35")]
    result = read_tasks_jsonl(questions, answers=read_answer_files(files))
    assert not result.errors
    assert len(result.rows) == 80
    first = result.rows[0]
    q1 = rows(questions)[0]
    gpt4 = next(a for a in rows(files[0]) if a["question_id"] == q1["question_id"])
    assert first.task.prompt == q1["text"]
    assert first.task.responses[0].text == gpt4["text"]
    assert first.task.responses[0].model == gpt4["model_id"]


def test_a_question_file_without_answers_says_what_to_pass(tmp_path: Path) -> None:
    questions = unpacked(tmp_path, "mt-bench", "question.jsonl.gz")
    result = read_tasks_jsonl(questions)
    assert len(result.errors) == 4
    assert "pass --answers" in result.errors[0].message
    assert result.errors[0].message.startswith(f"{questions}:1: ")


def test_a_question_with_one_answer_is_named(tmp_path: Path) -> None:
    questions = unpacked(tmp_path, "mt-bench", "question.jsonl.gz")
    answers = read_answer_files([unpacked(tmp_path, "mt-bench", "gpt-4.jsonl.gz")])
    result = read_tasks_jsonl(questions, answers=answers)
    assert "question 81 has 1 answer(s)" in result.errors[0].message


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"answer_id": "x", "model_id": "m", "text": "t"}, "needs a 'question_id'"),
        ({"question_id": 1, "model_id": "m"}, "expected an MT-Bench answer"),
        ({"question_id": 1, "model_id": "m", "choices": []}, "'choices' must be"),
        ([1], "expected a JSON object"),
    ],
)
def test_bad_answer_lines_are_listed_with_file_and_line(
    tmp_path: Path, line: Any, reason: str
) -> None:
    path = tmp_path / "a.jsonl"
    good = {"question_id": 1, "model_id": "m", "text": "fine"}
    path.write_text(json.dumps(good) + "\n" + json.dumps(line) + "\n")
    with pytest.raises(TaskFormatError) as raised:
        read_answer_files([path])
    assert f"{path}:2: {reason}" in raised.value.message


def test_one_model_answering_a_question_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    line = json.dumps({"question_id": 1, "model_id": "m", "text": "x"})
    path.write_text(line + "\n" + line + "\n")
    with pytest.raises(TaskFormatError, match="answered question 1 already"):
        read_answer_files([path])
