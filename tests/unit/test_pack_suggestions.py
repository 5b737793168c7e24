"""``docket pack --suggestions``: AI judges' answers checked against their tasks, blinded
like gold answers, shown to a reviewer only as the form's reveal policy allows (never a
gold item's), kept whole in the server's archive; every bad line named, nothing written."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from docket.bundles import keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import SecretKey
from docket.bundles.task_bundle import SUGGESTIONS, read_task_bundle
from docket.cli import main
from docket.core.schema import Schema, default_schema
from docket.core.suggestions import Suggestion
from docket.core.task_loading import read_tasks_jsonl
from docket.errors import DocketError
from docket.server.merge import import_task_archive
from docket.server.merged_store import MergedStore
from docket.server.pack import Forms, blind, pack, pack_secret
from tests.reference_data import alpaca_eval

MODELS = ("gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620")
GOLD_CRITIQUE = "GOLD-ITEM-CRITIQUE-7c1e"


def _rid(task: str, j: int) -> str:
    return f"ORIGINAL-{task}-{j}"


@pytest.fixture(scope="module")
def keyset(tmp_path_factory: pytest.TempPathFactory) -> tuple[SecretKey, list[SecretKey]]:
    d = tmp_path_factory.mktemp("keys")
    made = [keys.generate(n) for n in ("server", "ann", "ben")]
    for key in made:
        keys.write_key_pair(key, d, passphrase=None)
    return made[0], made[1:]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Six tasks and two gold items of real AlpacaEval outputs, two responses each."""
    d = tmp_path_factory.mktemp("files")
    outputs = {m: alpaca_eval(m) for m in MODELS}

    def row(task: str, i: int) -> dict[str, Any]:
        return {
            "id": task,
            "prompt": outputs[MODELS[0]][i]["instruction"],
            "responses": [
                {"id": _rid(task, j), "model": m, "text": outputs[m][i]["output"]}
                for j, m in enumerate(MODELS)
            ],
        }

    tasks = d / "tasks.jsonl"
    tasks.write_text("".join(json.dumps(row(f"t{i}", i)) + "\n" for i in range(6)))
    gold = d / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps(
                row(f"g{i}", 10 + i) | {"gold": {"preference": {"better": _rid(f"g{i}", 0)}}}
            )
            + "\n"
            for i in range(2)
        )
    )
    return {"tasks": tasks, "gold": gold}


def verdict(task: str, j: int = 0, agent: str = "judge-a", **extra: Any) -> dict[str, Any]:
    return {
        "task": task,
        "agent": agent,
        "answers": {"preference": {"better": _rid(task, j), "strength": "slight"}},
        **extra,
    }


def write(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


def run_pack(
    files: dict[str, Path],
    keyset: tuple[SecretKey, list[SecretKey]],
    out: Path,
    suggestions: Path,
    *,
    reveal: str | None = None,
    gold: bool = True,
) -> Any:
    server, reviewers = keyset
    schema = replace(default_schema(2), reveal=reveal) if reveal else None
    return pack(
        files["tasks"],
        server=server,
        reviewers=[r.card() for r in reviewers],
        out_dir=out,
        overlap=2,
        gold_path=files["gold"] if gold else None,
        schema=schema,
        project="judged",
        suggestions_path=suggestions,
    )


def _opened(path: Path, reviewer: SecretKey, server: SecretKey) -> Any:
    return open_sealed(
        path.read_bytes(), reviewer, signer=pinned(server.card()), expected_type="task"
    )


# --- bad input: file:line: reason, nothing written ------------------------------------


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (verdict("t1") | {"task": "nope"}, "unknown task 'nope'"),
        (
            verdict("t1") | {"answers": {"preference": {"better": "ORIGINAL-t2-0"}}},
            "the suggestion names 'ORIGINAL-t2-0', which is not a response of this row",
        ),
        (
            verdict("t1") | {"answers": {"preference": {"better": _rid("t1", 0), "strength": 9}}},
            "the answers do not fit the task's form: preference.strength",
        ),
        (
            verdict("t1") | {"answers": {"verdict": "A"}},
            "the answers do not fit the task's form: verdict: not a question of this task",
        ),
        (verdict("t1", confidence=1.5), "'confidence' must be a number from 0 to 1, not 1.5"),
        (verdict("t1", confidence=-0.01), "'confidence' must be a number from 0 to 1"),
        (verdict("t1", confidence=True), "'confidence' must be a number from 0 to 1"),
        (verdict("t0", j=1), "a second suggestion of agent 'judge-a' for task 't0' (the first "
         "is on line 1)"),
        ("{not json", "not a JSON object"),
        (verdict("t1") | {"model": "x"}, "unknown key 'model'"),
    ],
)  # fmt: skip
def test_a_bad_line_is_named_with_its_line_and_nothing_is_written(
    tmp_path: Path, files: dict[str, Path], keyset: Any, bad: Any, reason: str
) -> None:
    path = write(tmp_path / "s.jsonl", [verdict("t0"), verdict("t0", agent="judge-b"), bad])
    out = tmp_path / "out"
    with pytest.raises(DocketError) as caught:
        run_pack(files, keyset, out, path)
    assert f"{path}:3: {reason}" in caught.value.message
    assert "nothing was written" in caught.value.message
    assert not out.exists() or not any(out.iterdir())


def test_every_bad_line_is_reported_not_only_the_first(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    path = write(
        tmp_path / "s.jsonl",
        [verdict("nope"), verdict("t1"), "", verdict("t2", confidence=2), verdict("t1")],
    )
    with pytest.raises(DocketError) as caught:
        run_pack(files, keyset, tmp_path / "out", path)
    message = caught.value.message
    assert message.startswith("3 bad line(s) in the suggestions file")
    assert f"{path}:1: unknown task" in message
    assert f"{path}:4: 'confidence'" in message
    assert f"{path}:5: a second suggestion" in message
    assert f"{path}:2:" not in message


def test_the_cli_refuses_a_bad_suggestions_file_naming_the_line(
    tmp_path: Path, files: dict[str, Path], keyset: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server, reviewers = keyset
    for key in (server, *reviewers):
        keys.write_key_pair(key, tmp_path / "k", passphrase=None)
    path = write(tmp_path / "s.jsonl", [verdict("t0", confidence=7)])
    code = main([
        "pack", str(files["tasks"]), "--server-key", str(tmp_path / "k" / "server.key"),
        "--reviewer", str(tmp_path / "k" / "ann.pub"), "--out", str(tmp_path / "out"),
        "--suggestions", str(path),
    ])  # fmt: skip
    assert code != 0
    assert f"{path}:1: 'confidence' must be a number from 0 to 1, not 7" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_calibration_round_carries_no_suggestions(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    server, reviewers = keyset
    with pytest.raises(DocketError, match="calibration round carries no suggestions"):
        pack(
            None, server=server, reviewers=[reviewers[0].card()], out_dir=tmp_path,
            gold_path=files["gold"], calibration=True,
            suggestions_path=write(tmp_path / "s.jsonl", [verdict("g0")]),
        )  # fmt: skip


# --- what travels where ------------------------------------------------------------------


def _all_suggestions() -> list[dict[str, Any]]:
    lines = [verdict(f"t{i}", j=i % 2, critique=f"Response {i % 2} is clearer.",
                     confidence=0.25 * (i % 5)) for i in range(6)]  # fmt: skip
    lines += [verdict("t0", j=1, agent="judge-b")]  # two agents on one task
    lines += [verdict(f"g{i}", critique=GOLD_CRITIQUE) for i in range(2)]
    return lines


def _reviewer_text(path: Path, reviewer: SecretKey, server: SecretKey) -> str:
    """Everything the reviewer can decrypt: the manifest and every section but the one
    sealed to the server."""
    opened = _opened(path, reviewer, server)
    parts = [opened.manifest_bytes.decode()]
    parts += [data.decode() for name, data in opened.sections.items() if name != "sealed.age"]
    return "\n".join(parts)


@pytest.mark.parametrize("reveal", ["after-answer", "before"])
def test_shown_suggestions_travel_blinded_and_never_for_a_gold_item(
    tmp_path: Path, files: dict[str, Path], keyset: Any, reveal: str
) -> None:
    server, reviewers = keyset
    path = write(tmp_path / "s.jsonl", _all_suggestions())
    result = run_pack(files, keyset, tmp_path / "out", path, reveal=reveal)
    seen: dict[str, list[Suggestion]] = {}
    for bundle, reviewer in zip(result.bundles, reviewers, strict=True):
        text = _reviewer_text(bundle.path, reviewer, server)
        for secret in (*MODELS, "ORIGINAL-", GOLD_CRITIQUE):
            assert secret not in text
        content = read_task_bundle(_opened(bundle.path, reviewer, server))
        ids = {t.id: set(t.response_ids) for t, _ in content.tasks}
        assert {t for t in ids if t.startswith("g")}, "each reviewer holds gold items"
        assert not {t for t in content.suggestions if t.startswith("g")}
        for task_id, shown in content.suggestions.items():
            for s in shown:
                assert s.answers["preference"]["better"] in ids[task_id]
        assert set(content.suggestions) == {t for t in ids if t.startswith("t")}
        seen.update(content.suggestions)
    assert sorted(s.agent for s in seen["t0"]) == ["judge-a", "judge-b"]
    assert "may tell the gold items apart" in result.warnings[0]
    t3 = seen["t3"][0]
    assert (t3.critique, t3.confidence) == ("Response 1 is clearer.", 0.75)


def test_hidden_suggestions_never_reach_a_reviewer_but_the_archive_keeps_every_one(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    server, reviewers = keyset
    path = write(tmp_path / "s.jsonl", _all_suggestions())
    result = run_pack(files, keyset, tmp_path / "out", path, reveal="hidden")
    assert result.warnings == []  # nothing shown, so nothing sets gold items apart
    for bundle, reviewer in zip(result.bundles, reviewers, strict=True):
        opened = _opened(bundle.path, reviewer, server)
        assert SUGGESTIONS not in opened.sections
        text = _reviewer_text(bundle.path, reviewer, server)
        for secret in ("judge-a", "judge-b", "is clearer", GOLD_CRITIQUE, "ORIGINAL-"):
            assert secret not in text
        assert read_task_bundle(opened).suggestions == {}
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, result.archive)
        kept = store.suggestions()
        assert sorted(kept) == ["g0", "g1", "t0", "t1", "t2", "t3", "t4", "t5"]
        assert [s.agent for s in kept["t0"]] == ["judge-a", "judge-b"]
        assert kept["g0"][0].critique == GOLD_CRITIQUE
        for task_id, found in kept.items():
            task = store.task(task_id)
            assert task is not None
            by_model = {r["model"]: r["id"] for r in task["responses"]}
            assert task["suggestions"] == [s.to_json() for s in found]
            # judge-a on t<i> chose response i % 2 of the source row: the opaque id of it.
            if task_id.startswith("t") and task_id != "t0":
                i = int(task_id[1:])
                assert found[0].answers["preference"]["better"] == by_model[MODELS[i % 2]]


def test_without_suggestions_the_archive_tasks_carry_an_empty_list(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    server, reviewers = keyset
    result = pack(
        files["tasks"], server=server, reviewers=[reviewers[0].card()], out_dir=tmp_path / "o"
    )
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, result.archive)
        assert store.suggestions() == {}
        task = store.task("t0")
        assert task is not None and task["suggestions"] == []


def test_a_suggestion_may_leave_questions_unanswered_but_not_answer_none(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    path = write(tmp_path / "s.jsonl", [verdict("t0") | {"answers": {"rationale": ""}}])
    with pytest.raises(DocketError, match=r"s\.jsonl:1: .*answers no question"):
        run_pack(files, keyset, tmp_path / "out", path)
    # Only the verdict: the form's other questions (likert, flags, rationale) left open.
    ok = write(tmp_path / "ok.jsonl", [verdict("t0")])
    assert run_pack(files, keyset, tmp_path / "out2", ok).archive is not None


# --- the line parser, as a property ------------------------------------------------------


@pytest.fixture(scope="module")
def parser_inputs(
    files: dict[str, Path], keyset: tuple[SecretKey, list[SecretKey]]
) -> tuple[dict[str, Any], Forms]:
    forms = Forms(None)
    loaded = read_tasks_jsonl(files["tasks"])
    secret = pack_secret(keyset[0], "judged")
    for row in loaded.rows:
        forms.check(row, "tasks")
    return {r.task.id: blind(r.task, secret) for r in loaded.rows}, forms


# Two lines of one agent for one task arise from the draws themselves (6 tasks, 3 agents).
DEFECTS = ("unknown task", "unknown response", "bad strength", "confidence", None, None)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5), st.integers(0, 1), st.sampled_from(["j1", "j2", "j3", "j4"]),
            st.sampled_from(DEFECTS), st.none() | st.floats(0, 1),
        ),
        min_size=1, max_size=12,
    ),
    st.booleans(),
)  # fmt: skip
def test_pack_reports_exactly_the_bad_lines_and_blinds_the_good_ones(
    tmp_path_factory: pytest.TempPathFactory,
    parser_inputs: tuple[dict[str, Any], Forms],
    files: dict[str, Path],
    keyset: tuple[SecretKey, list[SecretKey]],
    drawn: list[tuple[int, int, str, str | None, float | None]],
    clean: bool,
) -> None:
    """Random suggestion files through ``pack``: the lines it names are exactly the bad
    ones (nothing written), or the archive holds every line in the opaque ids."""
    blinded, _ = parser_inputs
    lines: list[dict[str, Any]] = []
    bad: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for number, (i, j, agent, drawn_defect, confidence) in enumerate(drawn, start=1):
        defect = None if clean else drawn_defect  # a clean file's lines may still repeat
        line = verdict(f"t{i}", j=j, agent=agent, confidence=confidence)
        if defect == "unknown task":
            line["task"] = "elsewhere"
        elif defect == "unknown response":
            line["answers"] = {"preference": {"better": _rid(f"t{(i + 1) % 6}", j)}}
        elif defect == "bad strength":
            line["answers"]["preference"]["strength"] = "overwhelming"
        elif defect == "confidence":
            line["confidence"] = 1 + (confidence or 0) + 1e-9
        key = (agent, line["task"])
        if defect is not None or key in seen:
            bad.add(number)
        if defect in (None, "unknown response", "bad strength"):
            seen.add(key)  # a readable line naming a packed task claims its (agent, task)
        lines.append(line)
    where = tmp_path_factory.mktemp("p")
    path = write(where / "s.jsonl", lines)
    event("refused" if bad else "packed")
    if bad:
        with pytest.raises(DocketError) as caught:
            run_pack(files, keyset, where / "out", path, gold=False)
        reported = {
            int(part.split(":")[1])
            for part in caught.value.message.splitlines()[1:]
            if part.strip().startswith(str(path))
        }
        assert reported == {n for n in sorted(bad)[:20]}
        assert not (where / "out").exists() or not any((where / "out").iterdir())
        return
    result = run_pack(files, keyset, where / "out", path, gold=False)
    server = keyset[0]
    archive = open_sealed(
        result.archive.read_bytes(), server, signer=pinned(server.card()), expected_type="task",
        check_expiry=False,
    )  # fmt: skip
    out = read_task_bundle(archive, archive=True).suggestions
    assert sum(len(v) for v in out.values()) == len(lines)
    for line in lines:
        task = blinded[line["task"]]
        (s,) = [s for s in out[line["task"]] if s.agent == line["agent"]]
        opaque = task.ids[line["answers"]["preference"]["better"]]
        assert s.answers["preference"]["better"] == opaque
        assert s.confidence == line.get("confidence")


def test_the_form_in_the_reviewer_bundle_says_the_policy(
    tmp_path: Path, files: dict[str, Path], keyset: Any
) -> None:
    server, reviewers = keyset
    path = write(tmp_path / "s.jsonl", [verdict("t0")])
    result = run_pack(files, keyset, tmp_path / "out", path, reveal="before", gold=False)
    content = read_task_bundle(_opened(result.bundles[0].path, reviewers[0], server))
    forms: list[Schema] = [schema for _, schema in content.tasks]
    assert {f.reveal_policy for f in forms} == {"before"}


JSONS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
LINES = st.fixed_dictionaries(
    {"task": st.sampled_from(["t0", "t1", "x"]), "agent": st.sampled_from(["a", "b", ""])},
    optional={
        "answers": st.dictionaries(
            st.sampled_from(["preference", "likert", "zz"]), JSONS, max_size=2
        ),
        "confidence": JSONS,
        "critique": JSONS,
    },
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES | JSONS, max_size=4) | st.binary(max_size=40))
def test_a_bundle_suggestions_section_is_read_or_refused_never_crashes(drawn: Any) -> None:
    """Whatever a tampered section holds, the reader returns checked suggestions or
    refuses with a BundleError (never another exception)."""
    from docket.bundles.task_bundle import _suggestions
    from docket.core.tasks import Response, Role, Task, Turn
    from docket.errors import BundleError

    tasks = [
        (Task(t, (Turn(Role.USER, "?"),), (Response("r-a", "A"), Response("r-b", "B"))),
         default_schema(2))
        for t in ("t0", "t1")
    ]  # fmt: skip
    data = (
        drawn if isinstance(drawn, bytes) else "".join(json.dumps(x) + "\n" for x in drawn).encode()
    )
    try:
        found = _suggestions(data, tasks, archive=False)
    except BundleError:
        return
    for task_id, suggestions in found.items():
        assert task_id in ("t0", "t1")
        assert len({s.agent for s in suggestions}) == len(suggestions)


def test_the_cli_packs_suggestions_and_warns_that_gold_items_carry_none(
    tmp_path: Path, files: dict[str, Path], keyset: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server, reviewers = keyset
    for key in (server, *reviewers):
        keys.write_key_pair(key, tmp_path / "k", passphrase=None)
    path = write(tmp_path / "s.jsonl", _all_suggestions())
    code = main([
        "pack", str(files["tasks"]), "--gold", str(files["gold"]),
        "--server-key", str(tmp_path / "k" / "server.key"),
        "--reviewer", str(tmp_path / "k" / "ann.pub"), "--out", str(tmp_path / "out"),
        "--suggestions", str(path), "--project", "judged",
    ])  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "warning: Gold items never carry a suggestion" in out.err
    bundle = tmp_path / "out" / "judged-ann.docket"
    content = read_task_bundle(_opened(bundle, reviewers[0], server))
    assert sorted(content.suggestions) == [f"t{i}" for i in range(6)]
