"""The task view the review window opens a task from (``Workspace.task_view``): the same
as the reads it replaces, read in two queries, read ahead for the tasks around the open
one (``prepare_view``) and never handed out once anything it holds may have changed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.review import TaskView
from docket.core.schema import Schema, SpansQuestion, default_schema
from docket.core.spans import Span
from docket.core.suggestions import Suggestion
from tests.helpers import sample_tasks

A_SLIGHT = {"better": "r1", "strength": "slight"}
B_SLIGHT = {"better": "r2", "strength": "slight"}


def separate_reads(ws: Workspace, task_id: str) -> TaskView:
    """What the window read before the task view, one read per item."""
    task = ws.task(task_id)
    return TaskView(
        task=task,
        schema=ws.schema(task_id),
        order=ws.display_order(task),
        editing=ws.editing(task_id),
        reviews=ws.reviews(task_id),
        calibration=ws.calibration(task_id),
        suggestion=ws.suggestion(task_id),
        answered=ws.answer(task_id) is not None,
        guidelines=ws.guidelines(task_id),
    )


def valid(ws: Workspace, task_id: str, n: int) -> dict[str, Any]:
    """A complete answer to a sample task (its form by its number of responses)."""
    ids = ws.task(task_id).response_ids
    pick = ids[n % len(ids)]
    if len(ids) == 2:
        return {"preference": {"better": pick, "strength": "slight"}, "rationale": f"#{n}"}
    return {"ranking": [[pick], *[[o] for o in ids if o != pick]], "rationale": f"#{n}"}


class Reads:
    """Counts the views read from the store (a hit reads none)."""

    def __init__(self, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = ws._read_view

        def counted(task_id: str) -> TaskView:
            self.count += 1
            return original(task_id)

        monkeypatch.setattr(ws, "_read_view", counted)


@pytest.fixture
def ws(tmp_path: Path, key_path: Path) -> Any:
    with Workspace.open(tmp_path / "ws", key_path) as workspace:
        workspace.load_tasks(sample_tasks(), guidelines="# Rules\n\nBe fair.")
        yield workspace


def test_the_view_holds_what_the_separate_reads_give(ws: Workspace) -> None:
    ws.save_draft("three", {"flags": {"x": ["pii"]}})
    ws.submit("pair", {"preference": A_SLIGHT})
    ws.save_draft("pair", {"preference": B_SLIGHT})
    ws.undo("pair")  # a draft back at its first position: the submitted answer shows
    ws.skip("chat", "unclear")
    for task_id in ("pair", "three", "chat"):
        view = ws.task_view(task_id)
        assert view == separate_reads(ws, task_id)
        assert view.guidelines == "# Rules\n\nBe fair."
    assert ws.task_view("pair").answered and not ws.task_view("three").answered


def test_a_view_read_ahead_is_handed_out_without_reading_again(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(ws, monkeypatch)
    ahead = ws.prepare_view("three")
    assert ws.prepare_view("three") is ahead and reads.count == 1
    # Writes to other tasks and the time accounting leave it as it is.
    ws.save_draft("pair", {"preference": A_SLIGHT})
    ws.record_time({"pair": 3.0}, "pair")
    ws.submit("chat", valid(ws, "chat", 0))
    assert ws.task_view("three") is ahead and reads.count == 1
    # Handed out once: the next view of it is read.
    assert ws.task_view("three") == ahead and reads.count == 2


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda ws: ws.save_draft("three", {"flags": {"x": ["pii"]}}), id="draft"),
        pytest.param(lambda ws: ws.submit("three", valid(ws, "three", 1)), id="submit"),
        pytest.param(lambda ws: ws.skip("three", "unclear"), id="skip"),
        pytest.param(lambda ws: ws.record("three", valid(ws, "three", 2)), id="record"),
    ],
)
def test_a_change_to_the_task_is_never_handed_out_stale(ws: Workspace, change: Any) -> None:
    ahead = ws.prepare_view("three")
    change(ws)
    seen = ws.task_view("three")
    assert seen != ahead
    assert seen == separate_reads(ws, "three")


def test_undo_and_redo_show_on_the_next_view(ws: Workspace) -> None:
    ws.save_draft("pair", {"preference": A_SLIGHT})
    ws.save_draft("pair", {"preference": B_SLIGHT})
    ws.prepare_view("pair")
    ws.undo("pair")
    assert ws.task_view("pair").editing.answers == {"preference": A_SLIGHT}
    ws.prepare_view("pair")
    ws.redo("pair")
    view = ws.task_view("pair")
    assert view.editing.answers == {"preference": B_SLIGHT}
    assert view.editing.can_undo and not view.editing.can_redo


def test_writes_the_workspace_did_not_name_drop_every_view(ws: Workspace) -> None:
    """A new bundle (new guidelines), a write straight into the database, another
    connection's commit: all views read ahead are dropped."""
    for task_id in ("pair", "three", "chat"):
        ws.prepare_view(task_id)
    ws.load_tasks(
        [Task("new", (Turn(Role.USER, "Hi"),), (Response("n1", "Hello"), Response("n2", "Hey")))],
        guidelines="# New rules",
    )
    assert ws.task_view("new").guidelines == "# New rules"
    assert len(ws._views) == 0

    ws.prepare_view("pair")
    body = json.dumps({"expected": {"preference": A_SLIGHT}, "explanation": "A is right."})
    with ws.store._db.conn:
        ws.store._db.conn.execute(
            "INSERT INTO calibration (task_id, body) VALUES (?, ?)", ("pair", body)
        )
    view = ws.task_view("pair")
    assert view.calibration is not None and view.calibration.explanation == "A is right."
    assert view == separate_reads(ws, "pair")

    ws.prepare_view("three")
    with ws.opener()() as other:  # its own connection, as a worker thread's
        other.save_draft("three", {"flags": {"y": ["pii"]}})
    assert ws.task_view("three").editing.answers == {"flags": {"y": ["pii"]}}


def test_an_adjudication_task_starts_from_the_majority(ws: Workspace) -> None:
    ws.prepare_view("pair")
    review = {"majority": {"preference": A_SLIGHT}, "answers": []}
    with ws.store._db.conn:
        ws.store._db.conn.execute(
            "INSERT INTO reviews (task_id, body) VALUES (?, ?)", ("pair", json.dumps(review))
        )
    view = ws.task_view("pair")
    assert view.reviews == review
    assert view.editing.answers["preference"] == A_SLIGHT
    assert view == separate_reads(ws, "pair")


def test_locking_forgets_the_views(ws: Workspace, key_path: Path) -> None:
    ws.prepare_view("pair")
    ws.lock()
    assert len(ws._views) == 0
    ws.unlock(key_path)
    assert ws.task_view("pair") == separate_reads(ws, "pair")


@pytest.mark.parametrize("policy", ["before", "after-answer", "hidden"])
def test_suggestions_and_prior_spans_as_the_separate_reads(
    tmp_path: Path, key_path: Path, policy: Any
) -> None:
    form = Schema((*default_schema(2).questions, SpansQuestion("spans")), reveal=policy)
    task = dataclasses.replace(sample_tasks()[0], spans=(Span("r1", 0, 5, "It is", "unsupported"),))
    judge = Suggestion("pair", "gpt-4", {"preference": B_SLIGHT}, "B is better.", 0.8)
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([task], schema=form, suggestions=[judge])
        ws.prepare_view("pair")
        view = ws.task_view("pair")
        assert view == separate_reads(ws, "pair")
        assert (view.suggestion is None) == (policy == "hidden")
        assert view.editing.answers["spans"][0]["quote"] == "It is"
        assert ("preference" in view.editing.answers) == (policy == "before")
        ws.prepare_view("pair")
        ws.accept_suggestion("pair", view.editing.answers, ["preference"])
        assert ws.task_view("pair") == separate_reads(ws, "pair")


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["prepare", "view", "draft", "submit", "skip", "undo", "redo", "time"]),
        st.sampled_from(["pair", "three", "chat"]),
        st.integers(0, 3),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPERATIONS)
def test_no_sequence_of_changes_hands_out_a_stale_view(ws: Workspace, operations: Any) -> None:
    for name, task_id, n in operations:
        answers = valid(ws, task_id, n)
        if name == "prepare":
            ws.prepare_view(task_id)
        elif name == "view":
            assert ws.task_view(task_id) == separate_reads(ws, task_id)
        elif name == "draft":
            ws.save_draft(task_id, answers)
        elif name == "submit":
            ws.submit(task_id, answers)
        elif name == "skip":
            ws.skip(task_id, f"reason {n}")
        elif name == "undo":
            ws.undo(task_id)
        elif name == "redo":
            ws.redo(task_id)
        else:
            ws.record_time({task_id: float(n)}, task_id)
    for task_id in ("pair", "three", "chat"):
        assert ws.task_view(task_id) == separate_reads(ws, task_id)


def test_another_connection_committing_during_a_write_drops_every_view(ws: Workspace) -> None:
    ws.prepare_view("three")
    with ws._views.writing(ws.store, ("pair",)), ws.opener()() as other:
        other.save_draft("three", {"flags": {"z": ["pii"]}})
    assert len(ws._views) == 0
    assert ws.task_view("three").editing.answers == {"flags": {"z": ["pii"]}}
