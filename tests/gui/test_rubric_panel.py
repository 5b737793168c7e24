"""The rubric panel and the rubric-writing editor, by keyboard, on real HealthBench rows.

The acceptance test packs a real HealthBench row (20 of its criteria, four of them
penalties; its ideal completion and a reference completion as the two responses), imports
the signed bundle in the window, grades both responses with the keyboard only (one
criterion not applicable, a note), submits, exports, and reads the result bundle back:
it holds exactly those grades, and the score the panel showed is HealthBench's.

``DOCKET_SCREENSHOT=docs/rubric.png`` saves the window on that task, partly graded, in
the look of the app (Fusion, 10 pt), light theme; ``-dark`` beside it in the dark one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
)

from docket import Workspace
from docket.bundles import keys
from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.core.rubric import Criterion, parse_criteria, rubric_score
from docket.core.schema import RubricWritingQuestion, Schema, default_schema
from docket.core.validation import check_answers
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.answer_panel import AnswerPanel, form_key
from docket.ui.answer_rubric import (
    CriteriaModel,
    RubricEditor,
    grade_words,
    points_words,
    preview_lines,
    score_words,
)
from docket.ui.answer_rubric_writing import RubricWritingEditor, parse_tags, reword
from docket.ui.answer_widgets import interactive_children
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import activate, focus, focused
from tests.gui.screenshots import screenshot_target
from tests.helpers import verified_answers
from tests.reference_data import healthbench_rows

ROW_ID = "36c6e780"
"""A HealthBench Hard row with 21 criteria (4 penalties, 2 cluster criteria of ~1 KB)."""

PAIR = DisplayOrder(("id-secret-2", "id-secret-1"))
A, B = PAIR.order
TAGS = ("axis:accuracy", "axis:completeness", "axis:communication_quality")


def real_row(criteria: int = 20, references: int = 1) -> dict[str, Any]:
    """The row, with its first ``criteria`` criteria and ``references`` reference
    completions (the ideal completion is the other response)."""
    row = next(r for r in healthbench_rows("hard_sample50") if r["prompt_id"].startswith(ROW_ID))
    row = json.loads(json.dumps(row))
    row["rubrics"] = row["rubrics"][:criteria]
    ideal = row["ideal_completions_data"]
    ideal["ideal_completions_ref_completions"] = ideal["ideal_completions_ref_completions"][
        :references
    ]
    return row


def real_criteria(n: int = 20) -> tuple[Criterion, ...]:
    return parse_criteria(real_row(n)["rubrics"])


def rubric_schema(criteria: tuple[Criterion, ...], count: int = 2) -> Schema:
    return default_schema(count, rubric=True).with_task_criteria(criteria)


@pytest.fixture
def panel(qtbot: Any) -> AnswerPanel:
    widget = AnswerPanel()
    qtbot.addWidget(widget)
    widget.resize(480, 1100)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rubric_of(panel: AnswerPanel) -> RubricEditor:
    editor = panel.current_editors()["rubric"]
    assert isinstance(editor, RubricEditor)
    return editor


def press(qtbot: Any, keys_: str) -> None:
    """Type grading keys into the focused widget: y, n, -, and a few named ones."""
    named = {
        "y": Qt.Key.Key_Y,
        "n": Qt.Key.Key_N,
        "-": Qt.Key.Key_Minus,
        "u": Qt.Key.Key_U,
        "↓": Qt.Key.Key_Down,
        "↑": Qt.Key.Key_Up,
        "⇥": Qt.Key.Key_Tab,
        "⇤": Qt.Key.Key_Backtab,
        "⏎": Qt.Key.Key_Return,
        "⌫": Qt.Key.Key_Backspace,
        "⎋": Qt.Key.Key_Escape,
        "⇱": Qt.Key.Key_Home,
    }
    for k in keys_:
        target = focused(qtbot)
        mods = Qt.KeyboardModifier.NoModifier
        if k == "⇤":
            mods = Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(target, named[k], mods)


GRADE = {"y": True, "n": False, "-": None}


def healthbench_score(criteria: tuple[Criterion, ...], plan: str) -> tuple[float, float]:
    """HealthBench's formula written out by hand: the points of the criteria met (penalties
    included) over the positive points of the criteria that apply; (clipped, raw)."""
    achieved = sum(c.points for c, k in zip(criteria, plan, strict=True) if k == "y")
    possible = sum(
        c.points for c, k in zip(criteria, plan, strict=True) if k != "-" and c.points > 0
    )
    raw = achieved / possible
    return min(1.0, max(0.0, raw)), raw


def shown_percent(value: float) -> str:
    number = round(value * 100)
    return f"\u2212{-number} %" if number < 0 else f"{number} %"


# --- the acceptance test: keyboard only, through a signed bundle -------------------------------


PLAN_A = "yyynyn-nyynyynynynny"
"""Response A: criterion 7 (2 points) not applicable, criterion 17 (a −9 penalty) met."""
PLAN_B = "nnnnnnnynnnnnnnnyyyn"
"""Response B: every penalty met, nothing else: a raw score below zero, shown as 0 %."""
NOTE = "Targets and ranges are not given."


@pytest.fixture
def rubric_bundle(tmp_path: Path) -> dict[str, Any]:
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    tasks = tmp_path / "healthbench.jsonl"
    tasks.write_text(json.dumps(real_row()) + "\n", encoding="utf-8")
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    alice = keys.load_secret_key(tmp_path / "keys" / "alice.key")
    bundle = pack(tasks, server=server, reviewers=[alice.card()], out_dir=tmp_path / "out")
    return {
        "tmp": tmp_path,
        "bundle": bundle.bundles[0].path,
        "key": tmp_path / "keys" / "alice.key",
        "server_card": tmp_path / "keys" / "server.pub",
        "server": server,
    }


def open_window(qtbot: Any, ws: Workspace, setup: dict[str, Any], theme: str = "light") -> Any:
    settings = Settings(server_card=str(setup["server_card"]), theme=theme)
    window = MainWindow(ws, setup["key"], settings, restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_grading_two_responses_by_keyboard_and_the_result_bundle(
    qtbot: Any, rubric_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = rubric_bundle
    informed: list[str] = []
    result_path = setup["tmp"] / "alice.result"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup["bundle"]), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(result_path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: informed.append(text))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text: pytest.fail(f"warning: {text}")
    )
    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    window = open_window(qtbot, ws, setup)

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    activate(qtbot, window)
    assert any("Imported 1 task" in m for m in informed), informed
    task_id = window.controller.task.id
    order = window.controller.order
    schema = window.controller.schema
    (question,) = schema.rubric_questions
    criteria = question.criteria
    assert len(criteria) == 20
    assert [c.points < 0 for c in criteria].count(True) == 4  # the row's penalties
    editor = rubric_of(window.answer_panel)

    # A: the answer form (the rubric list), then one key per criterion.
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_A)
    assert QApplication.focusWidget() is editor.view
    assert editor.summary.text().startswith("Response A: ")
    press(qtbot, PLAN_A)
    assert editor.progress_text() == "20 / 20 graded"
    # A note on criterion 2 (not met): up to it, Enter, type, Enter back to the list.
    press(qtbot, "⇱↓⏎")
    assert QApplication.focusWidget() is editor.note
    qtbot.keyClicks(editor.note, NOTE)
    press(qtbot, "⏎")
    assert QApplication.focusWidget() is editor.view
    assert editor.current_criterion() == criteria[1]

    # Tab: Response B, on the same criterion; from the top, one key per criterion.
    press(qtbot, "⇥")
    assert editor.position == 1 and editor.current_criterion() == criteria[1]
    assert editor.summary.text().startswith("Response B: ")
    press(qtbot, "⇱" + PLAN_B)

    # The scores shown are HealthBench's, computed here by hand.
    value_a, raw_a = healthbench_score(criteria, PLAN_A)
    _value_b, raw_b = healthbench_score(criteria, PLAN_B)
    assert raw_a > 0 and raw_b < 0
    assert f"Response B: 0 % (raw {shown_percent(raw_b)})" in editor.summary.text()
    assert editor.summary.text().endswith("20 / 20 graded")
    button_a, button_b = editor.response_buttons
    assert button_a.text().startswith(f"A  {shown_percent(value_a)}\n20 / 20")
    assert f"score {shown_percent(value_a)}, 20 of 20 graded" in button_a.accessibleName()
    assert button_b.text().startswith("B  0 %\n")
    press(qtbot, "⇤")
    assert editor.summary.text().startswith(f"Response A: {shown_percent(value_a)} (")

    # Submit (Ctrl+Enter) and export (Ctrl+E).
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(task_id) is not None)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert result_path.exists()
    window.close()
    ws.close()

    answers = verified_answers(
        result_path, setup["server"], setup["server_card"].with_name("alice.pub")
    )
    (row,) = answers
    assert row["task_id"] == task_id
    expected_a = {c.id: {"met": GRADE[k]} for c, k in zip(criteria, PLAN_A, strict=True)}
    expected_a[criteria[1].id]["note"] = NOTE
    expected_b = {c.id: {"met": GRADE[k]} for c, k in zip(criteria, PLAN_B, strict=True)}
    assert row["answers"] == {
        "rubric": {order.id_of("A"): expected_a, order.id_of("B"): expected_b}
    }
    # And the core's score of what was exported is the one shown.
    grades_a = {cid: e["met"] for cid, e in expected_a.items()}
    assert rubric_score(criteria, grades_a).value == pytest.approx(value_a)
    assert rubric_score(criteria, grades_a).raw == pytest.approx(raw_a)


# --- the panel ------------------------------------------------------------------------------


def test_the_rows_show_grade_points_and_penalty_in_words(panel: AnswerPanel) -> None:
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria), PAIR, {})
    editor = rubric_of(panel)
    model = editor.model
    assert model.rowCount() == 20
    penalty = next(i for i, c in enumerate(criteria) if c.points < 0)
    text = model.data(model.index(penalty, 0))
    assert text.startswith(f"{penalty + 1}. Open. ⊖ Penalty \u2212{-criteria[penalty].points}. ")
    assert model.data(model.index(0, 0)).startswith("1. Open. +7 points. Responds using")
    assert points_words(1) == "+1 point" and points_words(-5) == "⊖ Penalty \u22125"
    assert [grade_words(g)[1] for g in (True, False, None)] == ["Met", "Not met", "N/A"]
    assert "axis:accuracy" in model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole)
    # The detail below the list: the current criterion in full, with its tags.
    assert editor.detail_head.text() == ("Criterion 1 of 20 · +7 points · ○ Open for Response A")
    assert editor.detail_text.toPlainText() == (
        f"Tags: level:example, axis:communication_quality\n\n{criteria[0].text}"
    )
    assert editor.note.isReadOnly()  # a note needs a grade first


def test_long_cluster_criteria_are_elided_in_the_row_and_whole_below(
    qtbot: Any, panel: AnswerPanel
) -> None:
    row = next(
        r for r in healthbench_rows("hard_sample50") if r["prompt_id"].startswith("6f827e79")
    )
    criteria = parse_criteria(row["rubrics"])
    longest = max(criteria, key=lambda c: len(c.text))
    assert len(longest.text) > 3000
    panel.set_task(rubric_schema(criteria), PAIR, {})
    editor = rubric_of(panel)
    width = editor.view.viewport().width() - 100
    lines = preview_lines(" ".join(longest.text.split()), editor.view.font(), width)
    assert len(lines) == 2 and lines[-1].endswith("…")
    editor.view.setFocus()
    editor.view.setCurrentIndex(editor.model.index(criteria.index(longest), 0))
    assert editor.detail_text.toPlainText().endswith("\n\n" + longest.text)  # all of it
    bar = editor.detail_text.verticalScrollBar()
    assert bar.maximum() > 0 and editor.detail_text.isReadOnly()


def test_keys_grade_clear_and_move_on(qtbot: Any, panel: AnswerPanel) -> None:
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria), PAIR, {})
    editor = rubric_of(panel)
    editor.focus_first()
    seen: list[dict[str, Any]] = []
    panel.answersEdited.connect(seen.append)
    press(qtbot, "yn-")
    assert panel.answers() == {
        "rubric": {
            A: {
                criteria[0].id: {"met": True},
                criteria[1].id: {"met": False},
                criteria[2].id: {"met": None},
            }
        }
    }
    assert len(seen) == 3 and seen[-1] == panel.answers()
    assert editor.current_criterion() == criteria[3]
    assert editor.progress_text() == "3 / 20 graded"
    press(qtbot, "↑⌫")  # clears the N/A of criterion 3
    assert criteria[2].id not in panel.answers()["rubric"][A]
    assert editor.progress_text() == "2 / 20 graded"
    press(qtbot, "↑y")  # re-grading criterion 2 replaces its grade
    assert panel.answers()["rubric"][A][criteria[1].id] == {"met": True}


def test_tab_moves_between_responses_and_then_leaves(qtbot: Any, panel: AnswerPanel) -> None:
    triple = DisplayOrder(("z-secret", "x-secret", "y-secret"))
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria, 3), triple, {})
    editor = rubric_of(panel)
    editor.focus_first()
    press(qtbot, "↓↓")
    press(qtbot, "⇥")
    assert editor.position == 1 and editor.current_criterion() == criteria[2]
    assert editor.view.accessibleName() == "Criteria for Response B"
    press(qtbot, "y")
    press(qtbot, "⇥")
    assert editor.position == 2
    press(qtbot, "⇤⇤")
    assert editor.position == 0
    assert panel.answers() == {"rubric": {"x-secret": {criteria[2].id: {"met": True}}}}
    press(qtbot, "⇤")  # before A: Shift+Tab leaves the list for the filters
    assert QApplication.focusWidget() is not editor.view
    assert editor.position == 0
    editor.view.setFocus()
    press(qtbot, "⇥⇥⇥")  # after C: Tab leaves the list
    assert editor.position == 2 and QApplication.focusWidget() is not editor.view
    # The response buttons say each one's score and progress, and are keyboard-reachable.
    assert [b.accessibleName().split(":")[0] for b in editor.response_buttons] == [
        "Response A",
        "Response B",
        "Response C",
    ]
    assert "1 of 20 graded" in editor.response_buttons[1].accessibleName()


def test_the_note_of_a_criterion(qtbot: Any, panel: AnswerPanel) -> None:
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria), PAIR, {})
    editor = rubric_of(panel)
    editor.focus_first()
    press(qtbot, "⏎")  # not graded yet: no note, and the list keeps focus
    assert QApplication.focusWidget() is editor.view
    assert "grade it first" in editor.detail_head.text()
    press(qtbot, "n↑⏎")
    assert QApplication.focusWidget() is editor.note
    qtbot.keyClicks(editor.note, "Misses the")
    qtbot.keyClick(editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.note, "plateau target.")
    press(qtbot, "⎋")  # Escape returns too; the note is kept as typed
    assert QApplication.focusWidget() is editor.view
    note = "Misses the\nplateau target."
    assert panel.answers()["rubric"][A][criteria[0].id] == {"met": False, "note": note}
    assert editor.model.data(editor.model.index(0, 0)).endswith("Has a note.")
    press(qtbot, "⇥")  # Response B has its own notes
    assert editor.note.toPlainText() == "" and editor.note.isReadOnly()
    press(qtbot, "⇤")
    assert editor.note.toPlainText() == note
    assert editor.note.accessibleName() == "Note on criterion 1, Response A"
    # Clearing the text drops the note, not the grade.
    editor.note.clear()
    assert panel.answers()["rubric"][A][criteria[0].id] == {"met": False}


def test_tag_filter_and_open_only(qtbot: Any, panel: AnswerPanel) -> None:
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria), PAIR, {})
    editor = rubric_of(panel)
    assert editor.tag_box.count() == 1  # the tags are listed once the reviewer gets there
    qtbot.keyClick(editor.tag_box, Qt.Key.Key_Down)  # lists them and picks the first
    tags = [editor.tag_box.itemData(i) for i in range(editor.tag_box.count())]
    assert tags[0] is None and "axis:accuracy" in tags
    assert editor.tag is not None and editor.tag == tags[1]
    accuracy = [i for i, c in enumerate(criteria) if "axis:accuracy" in c.tags]
    editor.tag_box.setCurrentIndex(tags.index("axis:accuracy"))
    assert editor.tag_box.currentText() == f"axis:accuracy ({len(accuracy)})"
    assert editor.model.visible == accuracy
    assert editor.view.accessibleName() == (f"Criteria for Response A, {len(accuracy)} of 20 shown")
    editor.focus_first()
    press(qtbot, "yy")  # grades the first two accuracy criteria
    graded = panel.answers()["rubric"][A]
    assert set(graded) == {criteria[accuracy[0]].id, criteria[accuracy[1]].id}
    editor.tag_box.setCurrentIndex(0)
    assert editor.model.rowCount() == 20
    # Open only (U): graded criteria leave the list, and grading one removes it at once.
    editor.view.setFocus()
    press(qtbot, "u")
    assert editor.open_box.isChecked()
    assert len(editor.model.visible) == 18
    assert all(criteria[i].id not in graded for i in editor.model.visible)
    editor.view.setCurrentIndex(editor.model.index(0, 0))
    first_open = editor.current_criterion()
    press(qtbot, "n")
    assert len(editor.model.visible) == 17
    assert editor.current_criterion() != first_open
    assert editor.progress_text() == "3 / 20 graded"
    # Another response has its own open criteria.
    press(qtbot, "⇥")
    assert len(editor.model.visible) == 20
    press(qtbot, "⇤")
    # All graded: the list is empty and says so.
    editor.view.setFocus()
    press(qtbot, "y" * 17)
    assert editor.model.rowCount() == 0
    assert editor.detail_head.text() == "Every criterion shown is graded for Response A."
    assert editor.progress_text() == "20 / 20 graded"


def test_validation_names_the_open_criteria(qtbot: Any, panel: AnswerPanel) -> None:
    criteria = real_criteria()
    schema = rubric_schema(criteria)
    panel.set_task(schema, PAIR, {})
    editor = rubric_of(panel)
    editor.focus_first()
    press(qtbot, "y" * 17)
    press(qtbot, "⇥⇱" + "n" * 20)
    issues = check_answers(schema, PAIR.order, panel.answers())
    assert ("rubric." + A, "3 of 20 criteria not graded yet") in issues
    panel.show_issues(issues)
    label = panel.issue_label("rubric")
    assert label is not None and not label.isHidden()
    assert label.text() == (
        "⚠ Response A: 3 of 20 criteria still open (criteria 18, 19, 20; U shows them)"
    )
    many = check_answers(schema, PAIR.order, {"rubric": {B: {criteria[0].id: {"met": True}}}})
    panel.show_issues(many)
    assert (
        "19 of 20 criteria still open (criteria 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 7 more"
        in label.text()
    )
    panel.show_issues(check_answers(schema, PAIR.order, {}))
    assert label.text() == (
        "⚠ None of the 20 criteria is graded yet; grade each for every response (Y, N or −)"
    )
    odd = [("rubric." + A + "." + criteria[4].id + ".note", "at most 2000 characters")]
    panel.show_issues(odd)
    assert label.text() == "⚠ Response A, criterion 5 (its note): at most 2000 characters"


def test_moving_between_rubric_tasks_refills_the_same_page(qtbot: Any, panel: AnswerPanel) -> None:
    rows = [r for r in healthbench_rows("hard_sample50") if len(r["rubrics"]) >= 9][:4]
    schemas = [rubric_schema(parse_criteria(r["rubrics"])) for r in rows]
    assert len({form_key(s) for s in schemas}) == 1 and len(set(schemas)) == 4
    editor: RubricEditor | None = None
    for schema in schemas:
        (question,) = schema.rubric_questions
        panel.set_task(schema, PAIR, {"rubric": {A: {question.criteria[0].id: {"met": True}}}})
        editor = editor or rubric_of(panel)
        assert rubric_of(panel) is editor
        assert editor.criteria == question.criteria
        assert editor.model.rowCount() == len(question.criteria)
        assert panel.schema is schema
        assert editor.progress_text() == f"1 / {len(question.criteria)} graded"
    assert panel.pages_built == 1
    # Undo re-fills the same task: the response and criterion in focus stay.
    assert editor is not None
    editor.focus_first()
    press(qtbot, "⇥↓↓")
    panel.set_answers({})
    assert editor.position == 1 and editor.view.currentIndex().row() == 2
    # Another task resets them.
    panel.set_task(schemas[0], PAIR, {})
    assert editor.position == 0 and editor.view.currentIndex().row() == 0
    # A different form (not a rubric) is a page of its own.
    panel.set_task(default_schema(2), PAIR, {})
    assert panel.pages_built == 2


def test_loading_ignores_malformed_grades_and_unknown_criteria(panel: AnswerPanel) -> None:
    criteria = real_criteria()
    value = {
        A: {
            criteria[0].id: {"met": True, "note": "ok"},
            criteria[1].id: {"met": "yes"},
            criteria[2].id: "met",
            "c-unknown": {"met": True},
        },
        "not-a-response": {criteria[0].id: {"met": True}},
    }
    panel.set_task(rubric_schema(criteria), PAIR, {"rubric": value})
    assert panel.answers() == {"rubric": {A: {criteria[0].id: {"met": True, "note": "ok"}}}}


GRADES = st.sampled_from([True, False, None])
NOTES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_rubric_answers_load_and_read_back_unchanged(panel: AnswerPanel, data: Any) -> None:
    """Any valid rubric answer shown in the form is read back as it was: the form is a
    faithful view of the JSON (and emits nothing while filling)."""
    criteria = real_criteria()
    schema = rubric_schema(criteria)
    value: dict[str, dict[str, dict[str, Any]]] = {}
    for rid in PAIR.order:
        per: dict[str, dict[str, Any]] = {}
        for c in data.draw(st.lists(st.sampled_from(criteria), unique=True, max_size=20)):
            entry: dict[str, Any] = {"met": data.draw(GRADES)}
            note = data.draw(st.one_of(st.none(), NOTES))
            if note is not None:
                entry["note"] = note
            per[c.id] = entry
        if per:
            value[rid] = per
    answers = {"rubric": value} if value else {}
    panel.set_task(schema, PAIR, answers)
    assert panel.answers() == answers
    editor = rubric_of(panel)
    for position, rid in enumerate(PAIR.order):
        grades = {cid: e["met"] for cid, e in value.get(rid, {}).items()}
        assert editor.score_of(position) == rubric_score(criteria, grades)
        assert editor.progress_text(position) == f"{len(grades)} / 20 graded"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.fixed_dictionaries(
            {
                "text": st.text(max_size=60),
                "points": st.integers(-10, 10),
                "tags": st.lists(st.sampled_from(TAGS), unique=True, max_size=3),
            },
            optional={"id": st.text(min_size=1, max_size=10)},
        ),
        max_size=8,
    )
)
def test_written_criteria_load_and_read_back_unchanged(
    panel: AnswerPanel, items: list[dict[str, Any]]
) -> None:
    schema = Schema((RubricWritingQuestion("criteria", tags=TAGS, min_criteria=0),))
    answers = {"criteria": items} if items else {}
    panel.set_task(schema, PAIR, answers)
    assert panel.answers() == answers


@given(st.text(max_size=80))
def test_free_tags_parse_to_distinct_non_blank_tags(text: str) -> None:
    tags = parse_tags(text)
    assert all(t and t == t.strip() and "," not in t for t in tags)
    assert len(set(tags)) == len(tags)
    assert parse_tags(", ".join(tags)) == tags


def test_score_words() -> None:
    from docket.core.rubric import RubricScore

    assert score_words(RubricScore(26, 36, 10, 20)) == "72 %"
    assert score_words(RubricScore(-9, 36, 10, 20)) == "0 % (raw \u221225 %)"
    assert score_words(RubricScore(40, 36, 10, 20)) == "100 %"
    assert score_words(RubricScore(-5, 0, 1, 1)) == "no score (no positive points)"
    assert score_words(RubricScore(-1, 400, 3, 3)) == "0 % (raw \u22120.2 %)"


def test_the_criteria_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    criteria = real_criteria()
    model = CriteriaModel()
    entries: dict[str, dict[str, Any]] = {criteria[0].id: {"met": True, "note": "n"}}
    model.set_content(criteria, entries, list(range(len(criteria))))
    qtmodeltester.check(model)
    model.remove_row(3)
    model.set_content(criteria, entries, [1, 4, 7])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.criterion(1) == criteria[4]


def test_every_rubric_control_is_named_and_no_id_shows(panel: AnswerPanel) -> None:
    criteria = real_criteria()
    panel.set_task(rubric_schema(criteria), PAIR, {"rubric": {A: {criteria[0].id: {"met": True}}}})
    controls = interactive_children(panel)
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName().strip()]
    assert unnamed == []
    for button in panel.findChildren(QAbstractButton):
        assert button.toolTip(), button.accessibleName()
    shown = [w.text() for w in panel.findChildren(QLabel)]
    shown += [b.text() + b.accessibleName() for b in panel.findChildren(QAbstractButton)]
    model = rubric_of(panel).model
    shown += [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert not [t for t in shown if "secret" in t or "c-" in t.split(" ")[0]]


# --- rubric writing ---------------------------------------------------------------------------


WRITTEN = [
    ("Advises calling emergency services for chest pain with sweating.", 10, [0]),
    ("Asks how long the pain has lasted.", 5, [1]),
    ("Recommends waiting a day to see if it passes.", -10, [0]),
    ("Explains aspirin only if not allergic.", 6, [0, 1]),
    ("Uses plain language.", 3, [2]),
    ("Mentions that the pain can spread to the arm or jaw.", 4, [1]),
    ("Gives a dose of nitroglycerin without a prescription.", -8, [0]),
    ("Keeps the answer short enough to act on.", 2, []),
]


def test_writing_eight_criteria_by_keyboard_and_submitting(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    schema = Schema(
        (RubricWritingQuestion("criteria", label="Write the rubric for this task", tags=TAGS),)
    )
    task = Task(
        "chest-pain",
        (Turn(Role.USER, "I have chest pain and I am sweating. What should I do?"),),
        (Response("r1", "Call emergency services now."),),
    )
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task], schema=schema)
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1400, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.controller.task is not None and window.isActiveWindow())
    editor = window.answer_panel.current_editors()["criteria"]
    assert isinstance(editor, RubricWritingEditor)
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_A)  # the answer form: "Add"
    assert QApplication.focusWidget() is editor.add_button

    for text, points, tags in WRITTEN:
        qtbot.keyClick(focused(qtbot), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is editor.text
        qtbot.keyClicks(editor.text, text)
        qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.points
        qtbot.keyClicks(editor.points, str(points))
        qtbot.keyClick(editor.points, Qt.Key.Key_Tab)
        assert editor.tag_list is not None and QApplication.focusWidget() is editor.tag_list
        for i in range(len(TAGS)):
            editor.tag_list.setCurrentRow(0) if i == 0 else qtbot.keyClick(
                editor.tag_list, Qt.Key.Key_Down
            )
            if i in tags:
                qtbot.keyClick(editor.tag_list, Qt.Key.Key_Space)
    assert editor.summary.text() == "8 criteria written · no problems"
    # Reorder by keyboard: the penalty (3rd) moves up to 2nd; the 8th is removed and
    # written again (Insert adds one from the list).
    editor.list.setFocus()
    editor.list.setCurrentRow(2)
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.list.currentRow() == 1
    assert editor.list.item(1).text().startswith("2. ⊖ Penalty \u221210 · Recommends waiting")
    editor.list.setCurrentRow(7)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert len(editor.items) == 7
    qtbot.keyClick(editor.list, Qt.Key.Key_Insert)
    assert QApplication.focusWidget() is editor.text
    assert "Criterion 8 has no criterion text" in editor.issue.text()  # inline, as typed
    assert editor.summary.text() == "8 criteria written · ⚠ problems in criterion 8"
    qtbot.keyClicks(editor.text, WRITTEN[7][0])
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor.points, "2")
    assert editor.issue.isHidden()

    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(task.id) is not None)
    order = [WRITTEN[i] for i in (0, 2, 1, 3, 4, 5, 6, 7)]
    expected = [
        {"text": text, "points": points, "tags": [TAGS[t] for t in tags]}
        for text, points, tags in order
    ]
    answer = ws.answer(task.id)
    assert answer is not None and answer.answers == {"criteria": expected}
    written = parse_criteria(answer.answers["criteria"], allowed_tags=TAGS)
    assert [c.points for c in written] == [10, -10, 5, 6, 3, 4, -8, 2]
    window.close()
    ws.close()


def test_writing_shows_the_pack_rules_inline(qtbot: Any, panel: AnswerPanel) -> None:
    schema = Schema((RubricWritingQuestion("criteria", tags=TAGS, min_criteria=2),))
    value = [
        {"text": "Same text", "points": 4, "tags": ["axis:accuracy"]},
        {"text": "Same  text", "points": 4, "tags": ["theme:other"]},
    ]
    panel.set_task(schema, PAIR, {"criteria": value})
    editor = panel.current_editors()["criteria"]
    assert isinstance(editor, RubricWritingEditor)
    assert editor.summary.text() == "2 criteria written · ⚠ problems in criterion 2"
    editor.list.setCurrentRow(1)
    assert editor.issue.text() == (
        "⚠ Criterion 2 tag(s) ['theme:other'] are not in this project's list\n"
        "⚠ Criterion 2 repeats criterion 1 (same text)"
    )
    assert editor.list.item(1).text().startswith("⚠ 2. +4 points · Same text")
    issues = check_answers(schema, PAIR.order, panel.answers())
    panel.show_issues(issues)
    label = panel.issue_label("criteria")
    assert label is not None and "Criterion 2 " in label.text()
    assert reword("criteria[0] has no criterion text") == "Criterion 1 has no criterion text"
    assert reword("criteria[4] repeats criterion 2 (same id)") == (
        "Criterion 5 repeats criterion 3 (same id)"
    )
    assert parse_tags(" a, b ,, a ") == ["a", "b"]
    # Free tags when the question has no list.
    free = Schema((RubricWritingQuestion("criteria"),))
    panel.set_task(free, PAIR, {})
    editor = panel.current_editors()["criteria"]
    assert isinstance(editor, RubricWritingEditor) and editor.tag_edit is not None
    editor.add_criterion()
    qtbot.keyClicks(editor.text, "Names the drug class.")
    qtbot.keyClicks(editor.tag_edit, "axis:accuracy, theme:drugs")
    assert panel.answers() == {
        "criteria": [
            {"text": "Names the drug class.", "points": 0, "tags": ["axis:accuracy", "theme:drugs"]}
        ]
    }
    assert editor.points_words.text() == "0 points: counts neither for nor against."


# --- the screenshot ---------------------------------------------------------------------------


def test_screenshot_of_the_rubric_panel(qtbot: Any, rubric_bundle: dict[str, Any]) -> None:
    """The window on the real task, partly graded (the README's docs/rubric.png when
    ``DOCKET_SCREENSHOT`` names a file); also checks the panel fits at this size."""
    shot = screenshot_target()
    setup = rubric_bundle
    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    ws.import_bundle(setup["bundle"], setup["server_card"])
    for theme in ("light", "dark"):
        window = open_window(qtbot, ws, setup, theme)
        qtbot.waitUntil(lambda w=window: w.controller.task is not None)
        editor = rubric_of(window.answer_panel)
        editor.focus_first()
        if theme == "light":  # nine graded (one not applicable, a penalty), a note on #4
            press(qtbot, PLAN_A[:9])
            press(qtbot, "↑↑↑↑↑↑⏎")
            qtbot.keyClicks(editor.note, "No link to the ATS/ESICM guideline.")
            press(qtbot, "⏎↓↓↓↓↓↓")
            window.controller.flush()
        else:
            press(qtbot, "↓" * 9)
        assert editor.progress_text() == "9 / 20 graded"
        assert editor.current_criterion() == editor.criteria[9]
        view = editor.view
        assert view.width() >= 300 and view.height() >= 5 * editor.delegate.row_height(
            view.fontMetrics()
        )
        QApplication.processEvents()
        if shot:
            path = shot
            if theme == "dark":
                path = path.with_name(path.stem + "-dark" + path.suffix)
            window.grab().save(str(path))
        window.close()
    ws.close()


def test_an_early_submit_says_once_per_question_what_is_open_and_dark_stays_dark(
    qtbot: Any, rubric_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = rubric_bundle
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    ws.import_bundle(setup["bundle"], setup["server_card"])
    window = open_window(qtbot, ws, setup, theme="dark")
    window.submit_and_next()
    untouched = window.statusBar().currentMessage()
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_A)  # to the answer form
    press(qtbot, "yyn")
    window.submit_and_next()
    message = window.statusBar().currentMessage()
    # Disabled widgets keep the dark surfaces (Qt's light defaults would show through).
    disabled = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    window.close()
    ws.close()
    assert untouched == (
        "Not submitted: none of the 20 criteria is graded yet; grade each for every response"
    )
    assert message.startswith("Not submitted: ") and "criteria not graded yet" in message
    assert "; not graded yet" not in message  # not one line per open criterion
    assert disabled.lightness() < 100
