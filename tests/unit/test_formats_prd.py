"""PRD's pairwise judgments as input, on real rows: Vicuna80's per-pair rating files
(three crowd raters per question; tests/data/vicuna80) with the models' generations, and
LFQA's expert judgments (tests/data/lfqa). The raters' verdicts are sealed as the prior;
the reviewer's bundle holds the question and the two answers, nothing else."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import SecretKey
from docket.bundles.task_bundle import read_task_bundle
from docket.cli import main
from docket.core.formats import detect
from docket.core.formats.answers import read_answer_files
from docket.core.formats.base import Answer
from docket.core.task_loading import parse_task_lines, read_tasks_jsonl

DATA = Path(__file__).resolve().parents[1] / "data"
HUMAN = "answer_{a}-vs-answer_{b}-human-reviewer_threeclass.jsonl"
ORDERS = (("gpt4", "gpt35"), ("gpt35", "gpt4"))


def unpacked(tmp: Path, name: str) -> Path:
    out = tmp / name
    out.write_bytes(gzip.decompress((DATA / "vicuna80" / f"{name}.gz").read_bytes()))
    return out


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


@pytest.fixture
def generations(tmp_path: Path) -> list[Path]:
    return [unpacked(tmp_path, f"answer_{m}.jsonl") for m in ("gpt4", "gpt35")]


@pytest.mark.parametrize(("a", "b"), ORDERS)
def test_vicuna80_rating_files_become_tasks_with_the_raters_votes(
    tmp_path: Path, generations: list[Path], a: str, b: str
) -> None:
    ratings = unpacked(tmp_path, HUMAN.format(a=a, b=b))
    result = read_tasks_jsonl(ratings, answers=read_answer_files(generations))
    assert not result.errors
    source = lines(ratings)
    by_question: dict[int, list[dict[str, Any]]] = {}
    for row in source:
        by_question.setdefault(row["question_id"], []).append(row)
    assert [r.task.id for r in result.rows] == [f"prd-{a}-vs-{b}-q{q}" for q in by_question]
    answers = {
        m: {x["question_id"]: x for x in lines(f)}
        for m, f in zip(("gpt4", "gpt35"), generations, strict=True)
    }
    for row in result.rows:
        qid = int(row.task.id.rsplit("q", 1)[1])
        raters = by_question[qid]
        assert row.task.prompt == raters[0]["text"]
        # A's answer, then B's, as the file's name orders them (pack blinds the order).
        assert [r.id for r in row.task.responses] == ["a", "b"]
        assert [r.text for r in row.task.responses] == [
            answers[a][qid]["text"],
            answers[b][qid]["text"],
        ]
        assert [r.model for r in row.task.responses] == [
            answers[a][qid]["model_id"],
            answers[b][qid]["model_id"],
        ]
        scores = [r["score"] for r in raters]
        assert row.prior["raw"] == {"scores": scores}
        counts = Counter(scores)
        assert row.prior["notes"] == {
            "reviewer": "human",
            "raters": 3,
            "votes_a": counts[1],
            "votes_b": counts[2],
            "votes_equivalent": counts[3],
        }
        ranked = counts.most_common()
        expected = (
            "tie"
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1]
            else {1: "a", 2: "b", 3: "tie"}[ranked[0][0]]
        )
        assert row.prior["winner"] == expected
    winners = Counter(r.prior["winner"] for r in result.rows)
    # GPT-4 wins in both display orders (PRD's README bears the reading of the scores out).
    assert winners["a" if a == "gpt4" else "b"] > winners["b" if a == "gpt4" else "a"]


def test_question_one_field_by_field(tmp_path: Path, generations: list[Path]) -> None:
    ratings = unpacked(tmp_path, HUMAN.format(a="gpt4", b="gpt35"))
    first = read_tasks_jsonl(ratings, answers=read_answer_files(generations)).rows[0]
    assert first.line == 1
    assert first.task.id == "prd-gpt4-vs-gpt35-q1"
    assert first.task.prompt == "How can I improve my time management skills?"
    assert first.task.responses[0].text.startswith("Improving your time management skills")
    assert first.task.responses[0].model == "gpt-4:20230520"
    assert first.task.responses[1].model == "gpt-3.5-turbo:20230327"
    assert first.prior["winner"] == "a" and first.prior["raw"] == {"scores": [1, 1, 1]}


def test_a_rating_file_needs_its_answers_and_its_name(
    tmp_path: Path, generations: list[Path]
) -> None:
    ratings = unpacked(tmp_path, HUMAN.format(a="gpt4", b="gpt35"))
    result = read_tasks_jsonl(ratings)
    assert not result.rows
    assert result.errors[0].message.startswith(f"{ratings}:1: a PRD rating file needs")
    assert "--answers" in result.errors[0].message
    # Only one model's answers: each task names the file it lacks.
    result = read_tasks_jsonl(ratings, answers=read_answer_files(generations[:1]))
    assert "answers file named answer_gpt35.jsonl" in result.errors[0].message
    # Renamed: the pair cannot be told.
    renamed = tmp_path / "ratings.jsonl"
    renamed.write_bytes(ratings.read_bytes())
    result = read_tasks_jsonl(
        renamed, answers=read_answer_files(generations), format="prd-vicuna80"
    )
    assert (
        "cannot tell the two models from the file name 'ratings.jsonl'" in result.errors[0].message
    )


def test_bad_rating_lines_are_named(generations: list[Path]) -> None:
    rows = [
        b'{"question_id": 1, "text": "How can I improve my time management skills?", "score": 1}',
        b'{"question_id": 1, "text": "How can I improve my time management skills?", "score": 4}',
        b'{"question_id": 1, "text": "Another text", "score": 2}',
        b'{"question_id": 2, "text": "What are the most effective ways to deal with stress?"}',
        b'{"question_id": true, "text": "x", "score": 1}',
    ]
    source = str(generations[0].parent / HUMAN.format(a="gpt4", b="gpt35"))
    result = parse_task_lines(rows, source=source, answers=read_answer_files(generations))
    assert [(e.line, e.message.split(": ", 1)[1][:40]) for e in result.errors] == [
        (2, "'score' must be 1 (A better), 2 (B bette"),
        (3, "question 1 reads differently on line 1"),
        (4, "not a PRD Vicuna80 rating file (answer_A"),
        (5, "'question_id' must be a string or an int"),
    ]
    assert [r.task.id for r in result.rows] == ["prd-gpt4-vs-gpt35-q1"]


def test_prd_rows_are_told_from_their_neighbours(tmp_path: Path) -> None:
    """Vicuna80's question file (with a category), its generations and GPT-4's review lines
    are not rating rows; the rating rows are claimed by PRD's reader alone."""
    questions = lines(unpacked(tmp_path, "vicuna_questions.jsonl"))
    assert detect(questions[0]).name == "fastchat-questions"  # type: ignore[union-attr]
    review = lines(unpacked(tmp_path, "answer_gpt4-vs-answer_gpt35-gpt4-reviewer-threeclass.jsonl"))
    assert detect(review[0]) is None
    human = lines(unpacked(tmp_path, HUMAN.format(a="gpt4", b="gpt35")))
    assert detect(human[0]).name == "prd-vicuna80"  # type: ignore[union-attr]
    lfqa = lines(DATA / "lfqa" / "experts_pairwise_sample.jsonl")
    assert detect(lfqa[0]).name == "prd-lfqa"  # type: ignore[union-attr]


def test_lfqa_judgments_field_by_field() -> None:
    path = DATA / "lfqa" / "experts_pairwise_sample.jsonl"
    result = read_tasks_jsonl(path)
    assert not result.errors
    source = lines(path)
    assert len(result.rows) == len(source) == 4
    for row, src in zip(result.rows, source, strict=True):
        assert row.task.prompt == src["question"]
        a, b = row.task.responses
        assert (a.id, b.id) == ("a", "b")
        assert (a.model, b.model) == (src["answer_a_type"], src["answer_b_type"])
        for response, key in ((a, "answer_a"), (b, "answer_b")):
            assert "<br" not in response.text
            paragraphs = [p.strip() for p in src[key].split("<br />") if p.strip()]
            assert response.text.split("\n\n") == paragraphs
        assert row.prior["winner"] == {-1: "a", 1: "b"}[src["overall_preference"]]
        assert row.prior["notes"] == {"justification": src["justification"]}
    assert [r.prior["winner"] for r in result.rows] == ["a", "b", "b", "a"]


@pytest.fixture(scope="module")
def keyset() -> tuple[SecretKey, SecretKey]:
    return keys.generate("server"), keys.generate("ann")


def _open(path: Path, keyset: tuple[SecretKey, SecretKey]) -> tuple[list[Any], dict[str, Any], str]:
    server, ann = keyset
    opened = open_sealed(path.read_bytes(), ann, signer=pinned(server.card()), expected_type="task")
    content = read_task_bundle(opened)
    visible = "\n".join(
        [opened.manifest_bytes.decode()]
        + [data.decode() for n, data in opened.sections.items() if n != "sealed.age"]
    )
    sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    return [t for t, _ in content.tasks], sealed, visible


def test_packing_a_rating_file_seals_the_votes(
    tmp_path: Path, generations: list[Path], keyset: tuple[SecretKey, SecretKey]
) -> None:
    """Through the command line: the reviewer's bundle has the question and both answers,
    no model and no vote; the server's sealed prior names the raters' choice in the blinded
    ids."""
    server, ann = keyset
    keys.write_key_pair(server, tmp_path / "k", passphrase=None)
    keys.write_key_pair(ann, tmp_path / "k", passphrase=None)
    ratings = unpacked(tmp_path, HUMAN.format(a="gpt4", b="gpt35"))
    code = main(
        ["pack", str(ratings), "--answers", *map(str, generations),
         "--server-key", str(tmp_path / "k" / "server.key"),
         "--reviewer", str(tmp_path / "k" / "ann.pub"), "--out", str(tmp_path / "out")]
    )  # fmt: skip
    assert code == 0
    bundle = next((tmp_path / "out").glob("*-ann.docket"))
    tasks, sealed, visible = _open(bundle, keyset)
    assert len(tasks) == 35
    for needle in (
        "gpt-4:20230520",
        "gpt-3.5-turbo:20230327",
        "votes_a",
        "prd-vicuna80",
        '"scores"',
    ):
        assert needle not in visible
    gpt4 = {x["question_id"]: x["text"] for x in lines(generations[0])}
    for task in tasks:
        prior = sealed["prior"][task.id]
        winner = prior["winner"]
        if winner == "tie":
            continue
        qid = int(task.id.rsplit("q", 1)[1])
        won = next(r for r in task.responses if r.id == winner)
        assert (won.text == gpt4[qid]) == (prior["notes"]["votes_a"] > prior["notes"]["votes_b"])


@given(
    st.lists(st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=7), min_size=1, max_size=6)
)
def test_any_votes_give_the_plurality_and_their_counts(questions: list[list[int]]) -> None:
    answers = {
        str(q): [
            Answer("m-x", (f"x says {q}",), "answer_x.jsonl"),
            Answer("m-y", (f"y says {q}",), "answer_y.jsonl"),
        ]
        for q in range(len(questions))
    }
    rows = [
        json.dumps({"question_id": q, "text": f"question {q}", "score": s}).encode()
        for q, scores in enumerate(questions)
        for s in scores
    ]
    result = parse_task_lines(
        rows, source="answer_x-vs-answer_y-human-reviewer_threeclass.jsonl", answers=answers
    )
    assert not result.errors
    assert len(result.rows) == len(questions)
    for row, scores in zip(result.rows, questions, strict=True):
        counts = Counter(scores)
        top = max(counts.values())
        leaders = [s for s, n in counts.items() if n == top]
        assert row.prior["winner"] == (
            {1: "a", 2: "b", 3: "tie"}[leaders[0]] if len(leaders) == 1 else "tie"
        )
        notes = row.prior["notes"]
        assert (notes["votes_a"], notes["votes_b"], notes["votes_equivalent"]) == (
            counts[1],
            counts[2],
            counts[3],
        )
        assert [r.text for r in row.task.responses] == [
            a.turns[0] for a in answers[row.task.id.rsplit("q", 1)[1]]
        ]
