"""Packing rubric and grounded tasks: HealthBench rows, a responses file, criteria and
documents on Docket's own rows; every bad line named and nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import SecretKey
from docket.cli import main
from docket.core.documents import MAX_DOCUMENT_CHARS, MAX_DOCUMENTS, parse_documents
from docket.core.rubric import parse_criteria
from docket.core.schema import RubricQuestion
from docket.core.task_loading import parse_task_row, read_responses_jsonl
from docket.errors import DocketError, TaskFormatError
from docket.server.pack import pack
from tests.reference_data import healthbench_lines, healthbench_rows


@pytest.fixture(scope="module")
def parties(tmp_path_factory: pytest.TempPathFactory) -> tuple[SecretKey, SecretKey, Path]:
    d = tmp_path_factory.mktemp("keys")
    server, ann = keys.generate("server"), keys.generate("ann")
    for key in (server, ann):
        keys.write_key_pair(key, d, passphrase=None)
    return server, ann, d


def write(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def imported(tmp_path: Path, bundle: Path, parties: tuple[SecretKey, SecretKey, Path]) -> Workspace:
    _, _, d = parties
    ws = Workspace.open(tmp_path / "ws", d / "ann.key")
    ws.import_bundle(bundle, d / "server.pub")
    return ws


def test_healthbench_rows_pack_with_their_criteria_in_each_tasks_form(
    tmp_path: Path, parties: tuple[SecretKey, SecretKey, Path]
) -> None:
    server, ann, _ = parties
    rows = healthbench_rows("hard_sample50")
    source = tmp_path / "hb.jsonl"
    source.write_bytes(b"\n".join(healthbench_lines("hard_sample50")) + b"\n")
    with pytest.raises(DocketError, match="3 bad line") as err:
        pack(source, server=server, reviewers=[ann.card()], out_dir=tmp_path / "no", project="hb")
    assert "needs its responses from a --responses file" in str(err.value)
    assert not (tmp_path / "no").exists() or not any((tmp_path / "no").iterdir())

    result = pack(
        source,
        server=server,
        reviewers=[ann.card()],
        out_dir=tmp_path / "o",
        project="hb",
        skip_bad=True,
    )
    assert [e.line for e in result.skipped_lines] == [
        i + 1 for i, r in enumerate(rows) if not r["ideal_completions_data"]
    ]
    with imported(tmp_path, result.bundles[0].path, parties) as ws:
        by_prompt = {r["prompt_id"]: r for r in rows}  # a HealthBench row's id is its prompt_id
        assert len([t.id for t in ws.tasks()]) == 27
        for task_id in [t.id for t in ws.tasks()]:
            task, form = ws.task(task_id), ws.schema(task_id)
            (rubric,) = form.rubric_questions
            original = (
                by_prompt[task.meta.get("prompt_id", "")] if "prompt_id" in task.meta else None
            )
            texts = [c.text for c in rubric.criteria]
            # The row's criteria, in its order, reach the reviewer's form.
            assert any(texts == [c["criterion"] for c in r["rubrics"]] for r in rows)
            assert original is None  # the reviewer's copy carries no server-side meta
            assert len(task.responses) == 1 + sum(
                len(r["ideal_completions_data"]["ideal_completions_ref_completions"])
                for r in rows
                if [c["criterion"] for c in r["rubrics"]] == texts
            )
            assert [q.kind for q in form.questions] == ["rubric", "flags", "text", "pii"]


def test_a_responses_file_gives_healthbench_rows_the_answers_to_grade(
    tmp_path: Path, parties: tuple[SecretKey, SecretKey, Path]
) -> None:
    _, _, d = parties
    rows = healthbench_rows("consensus_context_seeking_hard")[:4]
    source = write(tmp_path / "hb.jsonl", rows)
    responses = write(
        tmp_path / "responses.jsonl",
        [
            {"prompt_id": r["prompt_id"], "model": m, "response": f"{m} answers {i}"}
            for i, r in enumerate(rows)
            for m in ("model-x", "model-y")
        ],
    )
    out = tmp_path / "o"
    assert main(["pack", str(source), "--server-key", str(d / "server.key"), "--reviewer",
                 str(d / "ann.pub"), "--responses", str(responses), "--out", str(out),
                 "--project", "ctx"]) == 0  # fmt: skip
    with imported(tmp_path, out / "ctx-ann.docket", parties) as ws:
        assert len([t.id for t in ws.tasks()]) == 4
        for task_id in [t.id for t in ws.tasks()]:
            task = ws.task(task_id)
            assert sorted(r.text.split(" answers ")[0] for r in task.responses) == [
                "model-x",
                "model-y",
            ]
            assert all(r.model is None for r in task.responses)  # blinded
            assert len(ws.schema(task_id).rubric_questions[0].criteria) == 2


def test_a_bad_responses_file_names_each_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"prompt_id": "p", "response": "ok"}\n[1]\n{"prompt_id": 3, "response": "x"}\n'
    )
    with pytest.raises(TaskFormatError) as err:
        read_responses_jsonl(path)
    assert "2 bad line(s)" in err.value.message
    assert f"{path}:2: expected a JSON object" in err.value.message
    assert f"{path}:3: needs a string 'prompt_id'" in err.value.message


def good_row(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"t{i}",
        "prompt": "Summarise the holding.",
        "responses": [
            {"id": "a", "text": "The court held [1]."},
            {"id": "b", "text": "It held [2]."},
        ],
        **extra,
    }


CRITERION = {"criterion": "States the holding", "points": 5, "tags": ["axis:accuracy"]}
BAD_LINES: list[tuple[dict[str, Any], str]] = [
    (good_row(1, criteria=[{"text": "", "points": 3}]), "no criterion text"),
    (good_row(2, rubrics=[{"criterion": "x", "points": 11}]), "between -10 and 10"),
    (good_row(3, rubrics=[{"criterion": "x", "points": 2.5}]), "whole number"),
    (good_row(4, criteria=[{"id": "k", "text": "x", "points": 1}, {"id": "k", "text": "y", "points": 1}]), "same id"),
    (good_row(5, criteria=[{"text": f"c{i}", "points": 1} for i in range(201)]), "at most 200"),
    (good_row(6, documents=[{"text": "d"}], responses=[{"text": "a", "citations": "1"}, {"text": "b"}]), "must be a list of document ids"),
    (good_row(7, documents=[{"text": "d"}], responses=[{"text": "a", "citations": ["9"]}, {"text": "b"}]), "not a document of this row"),
    (good_row(8, documents=[{"text": "x" * (MAX_DOCUMENT_CHARS + 1)}]), "over 1,000,000 characters"),
    (good_row(9, documents=[{"text": "x"}] * (MAX_DOCUMENTS + 1)), "at most 100"),
    (good_row(10, documents=[{"id": "1", "text": "x"}, {"id": "1", "text": "y"}]), "used twice"),
    (good_row(11, documents="none"), "must be a list"),
    (good_row(12, rubrics=[CRITERION], criteria=[CRITERION]), "give the criteria once"),
    ({"id": "t13", "prompt": "p", "responses": ["only one"]}, "the default form compares two or more"),
]  # fmt: skip


def test_every_bad_line_is_named_and_nothing_is_written(
    tmp_path: Path, parties: tuple[SecretKey, SecretKey, Path]
) -> None:
    server, ann, _ = parties
    source = write(
        tmp_path / "t.jsonl", [good_row(0, rubrics=[CRITERION])] + [r for r, _ in BAD_LINES]
    )
    out = tmp_path / "o"
    with pytest.raises(DocketError) as err:
        pack(source, server=server, reviewers=[ann.card()], out_dir=out)
    message = err.value.message
    assert f"{len(BAD_LINES)} bad line(s)" in message
    for line, (_, reason) in enumerate(BAD_LINES, start=2):
        assert any(
            part.startswith(f"  {source}:{line}: ") and reason in part
            for part in message.splitlines()
        ), (line, reason, message)
    assert not out.exists() or not any(out.iterdir())


def test_a_project_schema_without_a_rubric_refuses_rows_with_criteria(
    tmp_path: Path, parties: tuple[SecretKey, SecretKey, Path]
) -> None:
    _, _, d = parties
    source = write(tmp_path / "t.jsonl", [good_row(0, rubrics=[CRITERION])])
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"version": 1, "questions": [{"type": "preference", "id": "p"}]}))
    code = main(["pack", str(source), "--server-key", str(d / "server.key"), "--reviewer",
                 str(d / "ann.pub"), "--schema", str(schema), "--out", str(tmp_path / "o")])  # fmt: skip
    assert code != 0
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_project_rubric_and_row_criteria_are_graded_together_and_documents_travel(
    tmp_path: Path, parties: tuple[SecretKey, SecretKey, Path]
) -> None:
    server, ann, _ = parties
    documents = [
        {"title": "Smith v. Jones (2019)", "text": "The court held the clause void.", "source": "2019 WL 1"},
        {"id": "statute", "title": "§ 12", "text": "A clause is void if unconscionable."},
    ]  # fmt: skip
    source = write(
        tmp_path / "t.jsonl",
        [good_row(0, rubrics=[CRITERION], documents=documents), good_row(1)],
    )
    from docket.core.schema import FlagsQuestion, Schema

    project_rubric = parse_criteria([{"text": "Cites a source for each claim", "points": 4}])
    schema = Schema(
        (RubricQuestion("rubric", criteria=project_rubric), FlagsQuestion("flags", required=False))
    )
    result = pack(
        source, server=server, reviewers=[ann.card()], out_dir=tmp_path / "o", schema=schema
    )
    with imported(tmp_path, result.bundles[0].path, parties) as ws:
        t0, t1 = ws.task("t0"), ws.task("t1")
        assert t0.documents == parse_documents(documents)
        assert [d.id for d in t0.documents] == ["1", "statute"] and t1.documents == ()
        assert [c.text for c in ws.schema("t0").rubric_questions[0].criteria] == [
            "Cites a source for each claim",
            "States the holding",
        ]
        assert [c.text for c in ws.schema("t1").rubric_questions[0].criteria] == [
            "Cites a source for each claim"
        ]
        rid = t0.responses[0].id
        criteria = ws.schema("t0").rubric_questions[0].criteria
        grades = {r.id: {c.id: {"met": True} for c in criteria} for r in t0.responses}
        grades[rid][criteria[1].id] = {"met": None, "note": "not applicable here"}
        ws.record("t0", {"rubric": grades})
        assert ws.answer("t0").answers["rubric"] == grades  # type: ignore[union-attr]


def test_documents_default_ids_and_caps() -> None:
    docs = parse_documents([{"text": "a"}, {"id": 7, "text": "b"}, {"text": "c", "title": "T"}])
    assert [d.id for d in docs] == ["1", "7", "3"]
    for bad, reason in [
        ([{"id": "a]b", "text": "x"}], "without brackets"),
        ([{"text": "x", "url": "u"}], "unknown key"),
        ([{"text": "x", "title": 5}], "title must be text"),
        ([{"text": " "}], "no text"),
    ]:
        with pytest.raises(ValueError, match=reason):
            parse_documents(bad)


field_values = st.recursive(
    st.none() | st.booleans() | st.integers(-20, 20) | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=12,
)  # fmt: skip


@given(
    st.sampled_from(["prompt", "prompt_id", "rubrics", "example_tags", "ideal_completions_data", "documents"]),
    field_values,
)  # fmt: skip
def test_a_mangled_healthbench_row_is_read_or_refused_with_a_reason(field: str, value: Any) -> None:
    row = dict(healthbench_rows("hard_sample50")[0])
    row[field] = value
    try:
        loaded = parse_task_row(row, source="hb.jsonl", line=3)
    except TaskFormatError as exc:
        refused: TaskFormatError | None = exc
    else:
        refused = None
        assert loaded.task.responses and all(c.text.strip() for c in loaded.criteria)
    assert refused is None or refused.message.startswith("hb.jsonl:3: ")
