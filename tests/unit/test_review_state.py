"""The review window's plain data below the UI: the typed UI state survives a round trip
and forgets anything unreadable; status counts are one query and count what the task
list shows; the adjudication pre-fill and the display order come from the workspace."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.core.review import ScrollPosition, StatusCounts, UiState
from docket.core.tasks import TaskStatus
from tests.helpers import sample_tasks


@given(st.text(min_size=1), st.lists(st.integers(min_value=0, max_value=10**9), max_size=6))
def test_ui_state_round_trips(task_id: str, values: list[int]) -> None:
    state = UiState(ScrollPosition(task_id, tuple(values)))
    assert UiState.from_json(state.to_json()) == state


@given(st.one_of(st.none(), st.text(), st.builds(str, st.dictionaries(st.text(), st.integers()))))
def test_unreadable_ui_state_is_forgotten(text: str | None) -> None:
    assert isinstance(UiState.from_json(text), UiState)


def test_old_and_foreign_ui_state_is_forgotten() -> None:
    assert UiState.from_json("pair|1,2") == UiState()
    assert UiState.from_json('{"version": 99, "scroll": {"task": "t", "values": [1]}}') == UiState()
    assert (
        UiState.from_json('{"version": 1, "scroll": {"task": "t", "values": [true]}}') == UiState()
    )


def test_status_counts_match_the_task_rows(tmp_path: Path, key_path: Path) -> None:
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks())
        ids = [t.id for t in ws.tasks()]
        order = ws.display_order(ids[0])
        ws.submit(ids[0], {"preference": {"better": order.id_of("A"), "strength": "slight"}})
        ws.skip(ids[1], "not my field")
        counts = ws.status_counts()
        rows = ws.task_rows()
        assert counts == StatusCounts.of(r.status for r in rows)
        assert counts.total == len(ids) and counts.answered == 1
        assert counts[TaskStatus.SKIPPED] == 1
        ws.save_ui_state(UiState(ScrollPosition(ids[0], (3, 4))))
        assert ws.ui_state().scroll == ScrollPosition(ids[0], (3, 4))
        assert ws.display_order(ws.task(ids[0])) == order


def test_submit_folds_the_draft_in_one_transaction(tmp_path: Path, key_path: Path) -> None:
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks())
        task_id = next(iter(ws.tasks())).id
        better = ws.display_order(task_id).id_of("A")
        ws.save_draft(task_id, {"preference": {"better": better, "strength": "slight"}})
        ws.save_draft(task_id, {"preference": {"better": better, "strength": "strong"}})
        ws.undo(task_id)
        ws.submit(task_id, {"preference": {"better": better, "strength": "slight"}})
        state = ws.editing(task_id)
        assert state.answers["preference"]["strength"] == "slight" and not state.can_redo
        assert ws.task_row(task_id).status is TaskStatus.DONE


def test_the_task_list_preview_spells_out_hidden_characters(tmp_path: Path, key_path: Path) -> None:
    """A right-to-left override in a prompt would reverse the preview line: it is a mark."""
    from docket.core import Response, Role, Task, Turn

    prompt = "Give \u202e01\u202c mg of it?"
    task = Task("bidi", (Turn(Role.USER, prompt),), (Response("a", "x"), Response("b", "y")))
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([task])
        preview = ws.task_row("bidi").preview
    assert "\u202e" not in preview and "\u202c" not in preview
    assert "⟨RLO⟩01⟨PDF⟩" in preview
