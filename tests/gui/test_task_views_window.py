"""The review window opens a task from its task view, read ahead for the tasks around the
open one while the reviewer reads: whatever changed since (a draft typed, a flag set, an
answer submitted, a PII finding dismissed, the guidelines) shows on the next visit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.pii import Finding, Severity
from docket.core.schema import PiiQuestion, Schema, default_schema
from docket.settings import Settings
from docket.ui.answer_questions import FlagsEditor, TextEditor
from docket.ui.main_window import MainWindow
from docket.ui.pii_list import PiiEditor

pytestmark = pytest.mark.gui

PHONE = "555-010-2233"


def _tasks() -> list[Task]:
    out = []
    for i in range(4):
        text = f"Call the clinic at {PHONE} about case {i}."
        finding = Finding("PHONE_NUMBER", 19, 19 + len(PHONE), 0.9, Severity.HIGH, f"a{i}")
        out.append(
            Task(
                f"t{i}",
                (Turn(Role.USER, f"Question {i}?"),),
                (Response(f"a{i}", text), Response(f"b{i}", f"No number here, case {i}.")),
                pii=(finding,),
            )
        )
    return out


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, key_path: Path) -> Any:
    ws = Workspace.open(tmp_path / "ws", key_path)
    form = Schema((*default_schema(2).questions, PiiQuestion("pii")))
    ws.load_tasks(_tasks(), schema=form, guidelines="# Rules\n\nBe fair.")
    w = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    w.open_task("t1")
    yield w
    w.close()
    ws.close()


def _read_ahead(qtbot: Any, window: MainWindow, *task_ids: str) -> None:
    """Wait until the window has read these tasks' views ahead (as while reading)."""
    views = window.workspace._views
    qtbot.waitUntil(
        lambda: all(views.peek(window.workspace.store.change_stamp(), t) for t in task_ids)
    )


def _read_ahead_too(window: MainWindow) -> None:
    """The open task's view read ahead as well (as it is while a neighbour is open): a
    change made now must not be handed out stale."""
    window.workspace.prepare_view(window.controller.task.id)


def _editor(window: MainWindow, kind: type) -> Any:
    return next(e for e in window.answer_panel.current_editors().values() if isinstance(e, kind))


def _pii_flag(window: MainWindow, task_id: str) -> Any:
    flags = _editor(window, FlagsEditor)
    position = window.controller.order.order.index(f"a{task_id[1:]}")
    return flags.boxes[position][flags._pii_index]


def test_a_draft_typed_and_a_flag_set_show_on_the_next_visit(
    window: MainWindow, qtbot: Any
) -> None:
    _read_ahead(qtbot, window, "t0", "t2")
    _read_ahead_too(window)
    _editor(window, TextEditor).edit.setPlainText("Response A gives a phone number.")
    _pii_flag(window, "t1").click()
    window.next_task()  # the edit is saved on leaving
    assert window.controller.task.id == "t2"
    _read_ahead(qtbot, window, "t1", "t3")
    window.previous_task()
    assert window.controller.task.id == "t1"
    assert _editor(window, TextEditor).edit.toPlainText() == "Response A gives a phone number."
    assert _pii_flag(window, "t1").isChecked()
    assert not any(h.is_shown() for h in _editor(window, FlagsEditor).pii_hints)  # flagged


def test_an_answer_submitted_shows_on_the_next_visit(window: MainWindow, qtbot: Any) -> None:
    _read_ahead(qtbot, window, "t0", "t2")
    _read_ahead_too(window)
    assert window.answer_panel.handle_number_key(1)  # the first step of the preference
    _editor(window, TextEditor).edit.setPlainText("A is much better: it answers.")
    window.submit_and_next()
    assert window.controller.task.id == "t2", window.statusBar().currentMessage()
    submitted = window.workspace.answer("t1")
    assert submitted is not None
    _read_ahead(qtbot, window, "t1")
    window.previous_task()
    assert window.answer_panel.answers() == submitted.answers


def test_a_pii_finding_dismissed_shows_on_the_next_visit(window: MainWindow, qtbot: Any) -> None:
    editor = _editor(window, PiiEditor)
    (finding,) = window.pii_marker.findings
    _read_ahead_too(window)
    window.pii_marker.set_dismissed(finding, True)
    window.next_task()
    _read_ahead(qtbot, window, "t1")
    window.previous_task()
    assert [d.type for d in _editor(window, PiiEditor).answer().dismissed] == ["PHONE_NUMBER"]
    assert editor is _editor(window, PiiEditor)  # the same form, re-filled
    assert window.comparison.shown_pii()[0].dismissed
    # The hint to set the PII flag is gone with the dismissal.
    assert not any(h.is_shown() for h in _editor(window, FlagsEditor).pii_hints)


def test_changes_to_the_tasks_read_ahead_show_when_they_open(
    window: MainWindow, qtbot: Any
) -> None:
    """Changes the window did not make (another connection, new guidelines): the views
    read ahead are dropped, and the tasks open as they now are."""
    ws = window.workspace
    _read_ahead(qtbot, window, "t0", "t2")
    with ws.opener()() as other:  # as a worker thread would, on its own connection
        other.save_draft("t2", {"rationale": "Typed elsewhere."})
        other.store._db.conn.execute("UPDATE bundles SET guidelines = '# New rules'")
        other.store._db.conn.commit()
    window.next_task()
    assert window.controller.task.id == "t2"
    assert _editor(window, TextEditor).edit.toPlainText() == "Typed elsewhere."
    assert window.controller.guidelines == "# New rules"
    assert "New rules" in window.guidelines.browser.toPlainText()
