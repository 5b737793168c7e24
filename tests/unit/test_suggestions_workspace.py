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
from docket.core.schema import default_schema
from docket.core.suggestion_review import question_states, record_for, still_accepted
from docket.core.suggestions import RevealPolicy, Suggestion, SuggestionRecord
from docket.errors import BundleError, WorkspaceError
from tests.helpers import sample_tasks

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
