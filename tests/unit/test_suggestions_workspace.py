"""An AI judge's suggestions in the reviewer's workspace: stored with the tasks, shown
by the form's reveal policy, and recorded beside each answer (the result row's
``"suggestion"``)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.schema import default_schema
from docket.core.suggestion_checks import record_problem
from docket.core.suggestion_review import question_states, record_for, still_accepted
from docket.core.suggestions import RevealPolicy, Suggestion, SuggestionRecord
from docket.core.task_loading import load_tasks_jsonl
from docket.errors import BundleError, WorkspaceError
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import pair_tasks, sample_tasks

B_SLIGHT = {"better": "r2", "strength": "slight"}
A_SLIGHT = {"better": "r1", "strength": "slight"}
JUDGE = Suggestion(
    "pair",
    "gpt-4",
    {"preference": B_SLIGHT, "likert": {"r1": {"helpfulness": 2}, "r2": {"helpfulness": 4}}},
    "Response B answers the question; A does not.",
    0.8,
)


def _open(tmp_path: Path, key_path: Path, policy: RevealPolicy) -> Workspace:
    ws = Workspace.open(tmp_path / f"ws-{policy}", key_path)
    form = dataclasses.replace(default_schema(2), reveal=policy)
    ws.load_tasks(sample_tasks()[:1], schema=form, suggestions=[JUDGE])
    return ws


def _row(ws: Workspace, task_id: str = "pair") -> dict[str, Any]:
    bundle = ws.bundle_of(task_id)
    assert bundle is not None
    rows = [r for r in ws.store.latest_answers(bundle) if r["task_id"] == task_id]
    assert len(rows) == 1
    return rows[0]


def test_after_answer_records_the_blind_answer_then_the_revision(
    tmp_path: Path, key_path: Path
) -> None:
    with _open(tmp_path, key_path, "after-answer") as ws:
        assert ws.suggestion("pair") == JUDGE
        assert ws.editing("pair").answers == {}  # blind: nothing of the judge's shown
        ws.submit("pair", {"preference": A_SLIGHT})
        row = _row(ws)
        assert row["suggestion"] == {
            "agent": "gpt-4",
            "policy": "after-answer",
            "first": {"preference": A_SLIGHT},
            "accepted": [],
            "revised": False,
        }
        ws.submit("pair", {"preference": B_SLIGHT})  # after the reveal
        row = _row(ws)
        assert row["answers"] == {"preference": B_SLIGHT}
        record = SuggestionRecord.from_json(row["suggestion"])
        assert record.first == {"preference": A_SLIGHT}
        assert record.revised is True
        ws.submit("pair", {"preference": A_SLIGHT})  # back to the blind answer
        assert _row(ws)["suggestion"]["revised"] is False


def test_before_prefills_and_records_accepted_and_changed(tmp_path: Path, key_path: Path) -> None:
    with _open(tmp_path, key_path, "before") as ws:
        start = ws.editing("pair").answers
        assert start == JUDGE.answers
        assert ws.suggestion_states("pair", start) == {
            "preference": "suggested",
            "likert": "suggested",
        }
        ws.accept_suggestion("pair", start, ["preference", "likert"])
        mine = dict(start, likert={"r1": {"helpfulness": 3}, "r2": {"helpfulness": 4}})
        ws.forget_changed_acceptances("pair", mine)
        assert ws.suggestion_states("pair", mine) == {
            "preference": "accepted",
            "likert": "changed",
        }
        ws.submit("pair", mine)
        assert _row(ws)["suggestion"] == {
            "agent": "gpt-4",
            "policy": "before",
            "first": None,
            "accepted": ["preference"],
            "revised": True,
        }


def test_hidden_shows_nothing_and_records_nothing(tmp_path: Path, key_path: Path) -> None:
    with _open(tmp_path, key_path, "hidden") as ws:
        assert ws.suggestion("pair") is None
        assert ws.editing("pair").answers == {}
        ws.record("pair", {"preference": A_SLIGHT})
        assert "suggestion" not in _row(ws)


def test_a_task_without_a_suggestion_records_none(workspace: Workspace) -> None:
    workspace.submit("pair", {"preference": A_SLIGHT})
    assert workspace.suggestion("pair") is None
    assert "suggestion" not in _row(workspace)


def test_suggestions_that_do_not_fit_are_refused_whole(tmp_path: Path, key_path: Path) -> None:
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        unknown = dataclasses.replace(JUDGE, answers={"preference": {"better": "zz"}})
        with pytest.raises(BundleError, match="does not fit the task's form"):
            ws.load_tasks(sample_tasks(), suggestions=[unknown])
        with pytest.raises(BundleError, match="not in this bundle"):
            ws.load_tasks(sample_tasks(), suggestions=[dataclasses.replace(JUDGE, task="nope")])
        with pytest.raises(BundleError, match="second from that agent"):
            ws.load_tasks(sample_tasks(), suggestions=[JUDGE, JUDGE])
        assert list(ws.tasks()) == []  # nothing stored


def test_suggestions_load_from_a_jsonl_file(tmp_path: Path, key_path: Path) -> None:
    path = tmp_path / "judge.jsonl"
    path.write_text(json.dumps(JUDGE.to_json()) + "\n", encoding="utf-8")
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks(), suggestions=path)
        assert ws.suggestion("pair") == JUDGE
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task": "pair"}\n', encoding="utf-8")
    with (
        Workspace.open(tmp_path / "ws2", key_path) as ws,
        pytest.raises(WorkspaceError, match=r"bad\.jsonl:1: "),
    ):
        ws.load_tasks(sample_tasks(), suggestions=bad)


def test_an_old_workspace_gains_the_suggestion_tables(tmp_path: Path, key_path: Path) -> None:
    """The migration adds the tables and the answers' column; answers before it carry none."""
    with _open(tmp_path, key_path, "after-answer") as ws:
        columns = {r[1] for r in ws.store._db.execute("PRAGMA table_info(answers)").fetchall()}
        assert "suggestion" in columns


VALUES = st.sampled_from(["r1", "r2", None])


@given(
    agent=st.dictionaries(st.sampled_from(["a", "b", "c"]), VALUES, min_size=1),
    final=st.dictionaries(st.sampled_from(["a", "b", "c"]), VALUES),
    accepted=st.sets(st.sampled_from(["a", "b", "c"])),
)
def test_states_and_the_before_record_agree(
    agent: dict[str, Any], final: dict[str, Any], accepted: set[str]
) -> None:
    s = Suggestion("t", "judge", agent)
    states = question_states(s, final, accepted)
    record = record_for("before", s, final, accepted=accepted)
    assert record is not None
    assert set(record.accepted) == {q for q, state in states.items() if state == "accepted"}
    assert record.revised == any(state == "changed" for state in states.values())
    assert set(still_accepted(s, final, accepted)) <= accepted
    SuggestionRecord.from_json(record.to_json())  # what merge reads back


@given(
    first=st.dictionaries(st.sampled_from(["a", "b"]), VALUES),
    final=st.dictionaries(st.sampled_from(["a", "b"]), VALUES),
)
def test_the_after_answer_record_flags_exactly_a_change(
    first: dict[str, Any], final: dict[str, Any]
) -> None:
    s = Suggestion("t", "judge", {"a": "r1"})
    record = record_for("after-answer", s, final, first=first)
    assert record is not None and record.first == first
    assert record.revised == (first != final)
    assert record_for("hidden", s, final) is None
    assert record_for("after-answer", None, final) is None


@pytest.mark.parametrize("policy", ["after-answer", "before", "hidden"])
def test_a_packed_bundle_s_suggestions_reach_the_workspace_and_its_records_hold(
    tmp_path: Path, policy: RevealPolicy
) -> None:
    """Through a signed bundle: pack --suggestions, import, answer; each exported row's
    record passes the check merge applies (docket.core.suggestion_checks)."""
    k = tmp_path / "keys"
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), k, passphrase=None)
    tasks = pair_tasks(tmp_path / "tasks.jsonl", 2)
    loaded = load_tasks_jsonl(tasks)
    lines = [
        {
            "task": t.id,
            "agent": "judge",
            "answers": {"preference": {"better": t.response_ids[1], "strength": "slight"}},
            "critique": "The second is better.",
        }
        for t in loaded
    ]
    path = tmp_path / "judge.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    form = dataclasses.replace(default_schema(2), reveal=policy)
    packed = pack(
        tasks,
        server=keys.load_secret_key(k / "server.key"),
        reviewers=[keys.load_secret_key(k / "ann.key").card()],
        out_dir=tmp_path / "out",
        schema=form,
        project="judged",
        suggestions_path=path,
    )
    with Workspace.open(tmp_path / "ws", k / "ann.key") as ws:
        ws.import_bundle(packed.bundles[0].path, k / "server.pub")
        first, second = (t.id for t in loaded)
        suggestion = ws.suggestion(first)
        if policy == "hidden":
            assert suggestion is None
            return
        assert suggestion is not None and suggestion.agent == "judge"
        task = ws.task(first)
        better = suggestion.answers["preference"]["better"]
        assert better in task.response_ids  # the bundle's opaque ids
        other = next(r for r in task.response_ids if r != better)
        mine = {"preference": {"better": other, "strength": "slight"}}
        if policy == "before":
            ws.accept_suggestion(second, ws.editing(second).answers, ["preference"])
            ws.submit(second, ws.editing(second).answers)
        ws.submit(first, mine)
        ws.submit(first, dict(suggestion.answers))
        bundle = ws.bundle_of(first)
        assert bundle is not None
        for row in ws.store.latest_answers(bundle):
            shown = ws.suggestion(row["task_id"])
            assert shown is not None and "suggestion" in row
            t = ws.task(row["task_id"])
            texts = {r.id: r.text for r in t.responses}
            problem = record_problem(row, form, t.response_ids, {"judge": shown}, texts)
            assert problem is None, problem
        records = {r["task_id"]: r["suggestion"] for r in ws.store.latest_answers(bundle)}
        if policy == "after-answer":
            assert records[first]["first"] == mine and records[first]["revised"] is True
        else:
            assert records[second] == {
                "agent": "judge", "policy": "before", "first": None,
                "accepted": ["preference"], "revised": False,
            }  # fmt: skip
            # Changed, then changed back to the agent's value: not an acceptance.
            assert records[first]["accepted"] == [] and records[first]["revised"] is False
        # Exported, verified and merged: the server keeps each record as it was written.
        out = ws.export_results(tmp_path / "ann.result").path
    server = keys.load_secret_key(k / "server.key")
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, packed.archive)
        report = merge_results(
            [out], server=server, cards=[PublicCard.load(k / "ann.pub")], store=store
        )
        assert [o.status for o in report.outcomes] == ["accepted"], report.outcomes
        kept = {t: r.to_json() for (_, t), r in store.suggestion_records().items()}
        assert kept == records


def test_the_demo_shows_a_judge_s_suggestion_after_the_kickball_task(tmp_path: Path) -> None:
    from docket.demo import prepare_demo

    info = prepare_demo(tmp_path / "demo")
    assert info.suggested == 1
    with Workspace.open(info.workspace, info.key) as ws:
        suggestion = ws.suggestion("alpaca-002")
        assert suggestion is not None and suggestion.agent == "demo-judge"
        assert ws.schema("alpaca-002").reveal_policy == "after-answer"
        assert "tagging up" in suggestion.critique
        assert ws.editing("alpaca-002").answers == {}  # answered blind first


def test_undo_before_the_first_edit_returns_to_the_agent_s_answers(
    tmp_path: Path, key_path: Path
) -> None:
    """A pre-filled form undone past its first edit holds what it started with (it used
    to come back empty, for prior spans too); once submitted, the submitted answer."""
    with _open(tmp_path, key_path, "before") as ws:
        ws.save_draft("pair", dict(JUDGE.answers, preference=A_SLIGHT))
        state = ws.undo("pair")
        assert state is not None and state.answers == JUDGE.answers and not state.can_undo
        redone = ws.redo("pair")
        assert redone is not None and redone.answers["preference"] == A_SLIGHT


def test_prior_spans_come_back_on_undo(tmp_path: Path, key_path: Path) -> None:
    from docket.core.spans import Span

    task = sample_tasks()[0]
    marked = dataclasses.replace(
        task, spans=(Span("r1", 0, 2, "It", "hallucination", None, "prior"),)
    )
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([marked], schema=default_schema(2, spans=True))
        start = ws.editing("pair").answers
        assert start["spans"]
        ws.save_draft("pair", {"preference": A_SLIGHT, **start})
        state = ws.undo("pair")
        assert state is not None and state.answers == start


def test_the_verdict_in_one_sentence() -> None:
    from docket.core.suggestion_review import verdict_sentence

    form = default_schema(2)

    def label(rid: str) -> str:
        return {"r1": "Response A", "r2": "Response B"}[rid]

    def say(answers: dict[str, Any], mine: dict[str, Any]) -> str:
        return verdict_sentence(form, Suggestion("t", "gpt-4", answers), mine, label)

    assert say({"preference": B_SLIGHT}, {"preference": A_SLIGHT}) == (
        "The judge (gpt-4) prefers Response B (slight); you chose Response A (slight)."
    )
    assert say({"preference": B_SLIGHT}, {"preference": B_SLIGHT}) == (
        "The judge (gpt-4) prefers Response B (slight); you chose Response B (slight) too."
    )
    tie = {"preference": {"better": None}}
    assert say(tie, {"preference": A_SLIGHT}).startswith("The judge (gpt-4) calls it a tie;")
    assert say({"preference": B_SLIGHT}, {}).endswith("you left this question open.")
    likert = {"likert": {"r1": {"helpfulness": 3}}}
    assert say(likert, likert) == "The judge (gpt-4) answered 1 question(s); yours match on 1."


@given(
    agents=st.lists(st.text(min_size=1, max_size=20).filter(str.strip), max_size=4, unique=True),
    critique=st.text(max_size=40),
    confidence=st.none() | st.floats(min_value=0, max_value=1),
)
def test_a_suggestions_file_reads_back_what_was_written(
    tmp_path_factory: pytest.TempPathFactory,
    agents: list[str],
    critique: str,
    confidence: float | None,
) -> None:
    from docket.workspace import _suggestions

    lines = [Suggestion("pair", a, {"preference": A_SLIGHT}, critique, confidence) for a in agents]
    path = tmp_path_factory.mktemp("s") / "s.jsonl"
    path.write_text("".join(json.dumps(s.to_json()) + "\n" for s in lines), encoding="utf-8")
    assert _suggestions(path) == lines
