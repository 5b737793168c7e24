"""An AI judge's suggestions in the review window, by keyboard alone.

``after-answer``: the reviewer answers blind; on submit the judge's verdict appears
beside their answer in words ("The judge (gpt-4) prefers Response B ...; you chose
Response A ..."), with the critique and confidence; Ctrl+Enter keeps the answer, or they
revise and submit again: the exported row carries both answers and flags the revision.

``before``: the form opens filled with the agent's answer, each such question marked
(icon and words) until the reviewer accepts it (Ctrl+Shift+A) or changes it; a form with
a suggestion still to confirm is not submitted; the row tells accepted from changed.

``DOCKET_SCREENSHOT=docs/suggestions.png`` saves the after-answer reveal (and a
``-dark`` twin) for the README.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from docket import Workspace
from docket.core.schema import Schema
from docket.core.suggestions import RevealPolicy, Suggestion, SuggestionRecord
from docket.core.tasks import Response, Role, Task, Turn
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import focused
from tests.gui.screenshots import screenshot_target
from tests.reference_data import alpaca_eval

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"]
CRITIQUE = (
    "Response B follows the instruction as asked and its facts check out. Response A is "
    "fluent but pads the answer and misses the second half of the question."
)
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _form(policy: RevealPolicy) -> Schema:
    return Schema.from_json({
        "version": 1,
        "suggestions": {"reveal": policy},
        "questions": [
            {"type": "preference", "id": "preference", "label": "Which response is better?"},
            {"type": "likert", "id": "likert", "label": "Rate each response",
             "dimensions": ["correctness"], "required": False},
            {"type": "text", "id": "rationale", "label": "Rationale", "required": False},
        ],
    })  # fmt: skip


def _tasks() -> list[Task]:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    return [
        Task(
            f"task-{i}",
            (Turn(Role.USER, outputs[MODELS[0]][i]["instruction"]),),
            tuple(Response(f"m{j}", outputs[m][i]["output"], m) for j, m in enumerate(MODELS)),
        )
        for i in (2, 5)
    ]


def open_window(
    qtbot: Any, tmp_path: Path, key_path: Path, policy: RevealPolicy, theme: str = "light"
) -> tuple[MainWindow, Workspace, dict[str, str]]:
    """A window on two tasks, each with gpt-4's suggestion preferring the response shown
    as B (strongly), correctness 2 for A and 5 for B. Returns the ids behind A and B of
    the first task."""
    ws = Workspace.open(tmp_path / f"ws-{policy}-{theme}", key_path)
    tasks = _tasks()
    suggestions = []
    for task in tasks:
        a, b = ws.display_order(task).order
        suggestions.append(
            Suggestion(
                task.id,
                "gpt-4",
                {
                    "preference": {"better": b, "strength": "strong"},
                    "likert": {a: {"correctness": 2}, b: {"correctness": 5}},
                },
                CRITIQUE,
                0.85,
            )
        )
    ws.load_tasks(tasks, schema=_form(policy), suggestions=suggestions)
    a, b = ws.display_order(tasks[0]).order
    window = MainWindow(ws, key_path, Settings(theme=theme), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.controller.task is not None and window.isActiveWindow())
    assert window.controller.task.id == "task-2"
    return window, ws, {"A": a, "B": b}


def key(
    qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = focused(qtbot)
    qtbot.keyClick(widget, k, modifier)


def exported_row(ws: Workspace, task_id: str) -> dict[str, Any]:
    """The task's row exactly as ``export_results`` writes it into the result bundle."""
    bundle = ws.bundle_of(task_id)
    assert bundle is not None
    return next(r for r in ws.store.latest_answers(bundle) if r["task_id"] == task_id)


@pytest.fixture(autouse=True)
def _no_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))


def test_after_answer_answer_blind_see_the_verdict_revise(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    window, ws, ids = open_window(qtbot, tmp_path, key_path, "after-answer")
    assert not window.judge.isVisible()  # blind: nothing of the judge's yet
    assert window.answer_panel.answers() == {}
    assert window.answer_panel.suggestion_mark("preference") == ""
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_2)  # Response A slightly better
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer("task-2") is not None)
    # Still on the task: the judge's verdict beside the reviewer's answer, in words.
    assert window.controller.task.id == "task-2"
    qtbot.waitUntil(window.judge.isVisible)
    text = window.judge.text()
    assert "The judge (gpt-4) prefers Response B (strong); you chose Response A (slight)." in text
    assert "≠ Differs" in text and "Yours" in text and "gpt-4" in text
    assert "misses the second half" in text and "Confidence: 85%" in text
    assert "AI judge's answer is shown" in window.statusBar().currentMessage()
    # Revise: B much better. Undo steps the form back; the reveal stays (seen is seen).
    key(qtbot, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: window.controller.answers()["preference"]["better"] == ids["B"])
    key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.controller.answers()["preference"]["better"] == ids["A"])
    assert window.judge.isVisible()
    key(qtbot, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: "you chose Response B (strong) too." in window.judge.text())
    key(qtbot, Qt.Key.Key_Return, CTRL)  # submits the revision and moves on
    qtbot.waitUntil(lambda: window.controller.task.id == "task-5")
    assert not window.judge.isVisible()  # the next task is answered blind too
    row = exported_row(ws, "task-2")
    assert row["revision"] == 2
    assert row["answers"]["preference"] == {"better": ids["B"], "strength": "strong"}
    record = SuggestionRecord.from_json(row["suggestion"])
    assert record.agent == "gpt-4" and record.policy == "after-answer"
    assert record.first == {"preference": {"better": ids["A"], "strength": "slight"}}
    assert record.revised is True
    # The second task: answer blind, then keep it (Ctrl+Enter again): not revised.
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_4)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(window.judge.isVisible)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "Kept your answer" in window.statusBar().currentMessage())
    kept = exported_row(ws, "task-5")
    assert kept["revision"] == 1 and kept["suggestion"]["revised"] is False
    assert kept["suggestion"]["first"] == kept["answers"]
    # Back to the first task: the reveal is shown again beside the final answer.
    window.open_task("task-2")
    assert window.judge.isVisible() and "you chose Response B (strong) too." in window.judge.text()
    window.close()
    ws.close()


def test_before_prefilled_accept_by_key_change_one(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    window, ws, ids = open_window(qtbot, tmp_path, key_path, "before")
    panel, c = window.answer_panel, window.controller
    assert c.suggestion is not None
    assert panel.answers() == c.suggestion.answers  # pre-filled with the agent's answer
    assert not window.judge.isVisible()
    for qid in ("preference", "likert"):
        assert "Suggested by gpt-4 — not yet confirmed" in panel.suggestion_mark(qid)
    assert panel.suggestion_mark("rationale") == ""
    # Not submitted while a suggestion is still to confirm.
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert ws.answer("task-2") is None
    assert "not yet confirmed" in window.statusBar().currentMessage()
    # Accept the ratings by key (the focused question) ...
    panel.focus_question("likert")
    key(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "Accepted from gpt-4" in panel.suggestion_mark("likert"))
    assert "not yet confirmed" in panel.suggestion_mark("preference")
    # ... and change the preference (A slightly better): its mark goes.
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: panel.suggestion_mark("preference") == "")
    qtbot.waitUntil(window.undo_action.isEnabled)  # the edit is saved (autosave)
    # Undo brings the agent's value back, not yet confirmed (never counted as accepted
    # unless confirmed as it stands); redo changes it again.
    key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "not yet confirmed" in panel.suggestion_mark("preference"))
    key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.suggestion_mark("preference") == "")
    assert "Accepted from gpt-4" in panel.suggestion_mark("likert")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.controller.task.id == "task-5")
    row = exported_row(ws, "task-2")
    assert row["answers"]["preference"] == {"better": ids["A"], "strength": "slight"}
    assert row["answers"]["likert"] == c.workspace.suggestion("task-2").answers["likert"]  # type: ignore[union-attr]
    assert row["suggestion"] == {
        "agent": "gpt-4",
        "policy": "before",
        "first": None,
        "accepted": ["likert"],
        "revised": True,
    }
    # The next task: accept everything still to confirm in one key.
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_A, CTRL_SHIFT | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "Accepted from gpt-4" in panel.suggestion_mark("preference"))
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer("task-5") is not None)
    accepted = exported_row(ws, "task-5")["suggestion"]
    assert sorted(accepted["accepted"]) == ["likert", "preference"]
    assert accepted["revised"] is False
    window.close()
    ws.close()


def test_hidden_shows_nothing(qtbot: Any, tmp_path: Path, key_path: Path) -> None:
    window, ws, _ = open_window(qtbot, tmp_path, key_path, "hidden")
    assert window.controller.suggestion is None and window.answer_panel.answers() == {}
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_2)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.controller.task.id == "task-5")  # no stop to reveal
    assert not window.judge.isVisible()
    assert "suggestion" not in exported_row(ws, "task-2")
    window.close()
    ws.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("policy", ["after-answer", "before"])
def test_suggestions_screenshot(
    qtbot: Any, tmp_path: Path, key_path: Path, theme: str, policy: RevealPolicy
) -> None:
    """The README's picture (a manual run with DOCKET_SCREENSHOT: the after-answer reveal,
    and ``-before`` the marked, pre-filled form); in an ordinary run, the reveal fits the
    column without a horizontal scroll bar and the marks are shown in words."""
    shot = screenshot_target()
    window, ws, ids = open_window(qtbot, tmp_path, key_path, policy, theme)
    window.splitter.setSizes([860, 640])
    c = window.controller
    if policy == "before":
        window.answer_panel.focus_question("likert")
        window.accept_suggestion()
        QApplication.processEvents()
        assert "Accepted from gpt-4" in window.answer_panel.suggestion_mark("likert")
        assert "not yet confirmed" in window.answer_panel.suggestion_mark("preference")
    else:
        c.edit({
            "preference": {"better": ids["A"], "strength": "slight"},
            "likert": {ids["A"]: {"correctness": 4}, ids["B"]: {"correctness": 4}},
            "rationale": "A is shorter and answers directly.",
        })  # fmt: skip
        window.answer_panel.set_answers(c.answers())
        window.submit_and_next()
        qtbot.waitUntil(window.judge.isVisible)
        QApplication.processEvents()
        assert not window.judge.browser.horizontalScrollBar().isVisible()
    if shot:
        stem = shot.stem + ("" if policy == "after-answer" else "-before")
        stem += "" if theme == "light" else "-dark"
        window.grab().save(str(shot.with_name(f"{stem}{shot.suffix}")))
    window.close()
    ws.close()
