"""Review-window state in the store: drafts, undo/redo, skips, time, search, rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from docket import Workspace
from docket.core import TaskStatus
from docket.store.review import ReviewStore
from tests.helpers import MARKER


def test_edits_are_saved_as_drafts_with_undo_and_redo(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    assert review.current("pair").answers == {} and not review.current("pair").can_undo
    a1 = {"preference": {"better": "r1", "strength": "slight"}}
    a2 = {"preference": {"better": "r1", "strength": "strong"}}
    a3 = {**a2, "rationale": "r2 is vague about fsync."}
    review.edit("pair", a1)
    review.edit("pair", a2)
    state = review.edit("pair", a3)
    assert state.can_undo and not state.can_redo
    assert workspace.task("pair").status is TaskStatus.DRAFT
    assert review.undo("pair").answers == a2  # type: ignore[union-attr]
    assert review.undo("pair").answers == a1  # type: ignore[union-attr]
    back = review.redo("pair")
    assert back is not None and back.answers == a2 and back.can_redo
    # A new edit after undo drops the redo tail.
    a4 = {"preference": {"better": None}}
    state = review.edit("pair", a4)
    assert not state.can_redo and review.redo("pair") is None
    assert review.undo("pair").answers == a2  # type: ignore[union-attr]
    assert review.undo("pair").answers == a1  # type: ignore[union-attr]
    empty = review.undo("pair")
    assert empty is not None and empty.answers == {} and not empty.can_undo
    assert review.undo("pair") is None
    # The same form twice is one edit, not two.
    review.edit("pair", a1)
    review.edit("pair", a1)
    assert review.undo("pair").answers == {}  # type: ignore[union-attr]


def test_drafts_survive_reopening_and_submit_records(tmp_path, key_path) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import sample_tasks

    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks())
        ReviewStore(ws.store).edit("chat", {"preference": {"better": "a", "strength": "slight"}})
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        review = ReviewStore(ws.store)
        draft = review.current("chat")
        assert draft.answers == {"preference": {"better": "a", "strength": "slight"}}
        assert ws.answer("chat") is None
        saved = review.submit("alice", "chat", draft.answers, time_spent_s=5)
        assert saved.revision == 1 and not review.has_draft("chat")
        assert review.current("chat").answers == draft.answers
        assert ws.task("chat").status is TaskStatus.DONE


def test_skip_time_search_and_rows(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    review.skip("three", "  I cannot judge sorting code.  ")
    assert workspace.task("three").status is TaskStatus.SKIPPED
    assert review.skip_reason("three") == "I cannot judge sorting code."
    assert [e.action for e in workspace.store.audit_entries()][-1] == "skip"
    review.add_time("pair", 12.5)
    review.add_time("pair", -3)
    rows = {r.id: r for r in review.task_rows()}
    assert rows["pair"].time_spent_s == 12.5
    assert [r.id for r in review.task_rows()] == ["pair", "three", "chat"]
    assert rows["pair"].preview.startswith("Explain WAL mode.")
    assert review.search("wal MODE") == {"pair"}
    assert review.search(f"{MARKER}-response".lower()) == {"pair"}
    assert review.search("hello!") == {"chat"}  # an earlier turn of the conversation
    assert review.search("  ") == set()


def test_export_reminder(workspace: Workspace) -> None:
    review = ReviewStore(workspace.store)
    assert review.unexported_since() is None and not review.export_overdue()
    workspace.record("pair", {"preference": {"better": None}})
    assert review.unexported_since() is not None
    assert not review.export_overdue()
    assert review.export_overdue(now=datetime.now(UTC) + timedelta(days=2))
