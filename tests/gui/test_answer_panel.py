"""The answer panel: built from the schema, answers name response ids, keyboard-first."""

from __future__ import annotations

from typing import Any, TypeVar

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QListWidget,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from docket.core.display_order import DisplayOrder
from docket.core.schema import (
    ChoiceQuestion,
    LikertQuestion,
    PreferenceQuestion,
    RequiredWhen,
    Schema,
    TextQuestion,
    default_schema,
)
from docket.core.validation import check_answers
from docket.ui.answer_panel import AnswerPanel, question_of
from docket.ui.answer_questions import FlagsEditor, PreferenceEditor, TextEditor, rule_text
from docket.ui.answer_ranking import RankingEditor, dropped, move_entry, ranks_of
from docket.ui.answer_widgets import interactive_children
from docket.ui.text_edit import PlainTextEdit

W = TypeVar("W", bound=QWidget)

# Screen order: A is the *second* id, so a test that passes proves ids, not positions.
PAIR = DisplayOrder(("id-secret-2", "id-secret-1"))
A, B = PAIR.order
TRIPLE = DisplayOrder(("z-secret", "x-secret", "y-secret"))
TA, TB, TC = TRIPLE.order


@pytest.fixture
def panel(qtbot: Any) -> AnswerPanel:
    widget = AnswerPanel()
    qtbot.addWidget(widget)
    widget.resize(480, 900)
    widget.show()  # laid out, so mouse clicks land on the buttons
    qtbot.waitExposed(widget)
    return widget


def named(root: QWidget, kind: type[W], name: str) -> W:
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, (name, [w.accessibleName() for w in root.findChildren(kind)])
    return found[0]


def click(qtbot: Any, button: QAbstractButton) -> None:
    """Click as a reviewer would: on the indicator of a check box or radio button (their
    text may not fill the width they are laid out to)."""
    pos = button.rect().center()
    if isinstance(button, QCheckBox | QRadioButton):
        pos = QPoint(6, button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def edited(qtbot: Any, panel: AnswerPanel, action: Any) -> dict[str, Any]:
    """Run ``action``; return the answers dict it emitted last (typing emits per key)."""
    seen: list[dict[str, Any]] = []

    def record(answers: dict[str, Any]) -> None:
        seen.append(answers)

    panel.answersEdited.connect(record)
    try:
        with qtbot.waitSignal(panel.answersEdited, timeout=1000):
            action()
    finally:
        panel.answersEdited.disconnect(record)
    assert seen[-1] == panel.answers()
    return seen[-1]


def custom_schema() -> Schema:
    return Schema(
        (
            ChoiceQuestion("domain", label="Domain", options=("medicine", "law", "other")),
            ChoiceQuestion(
                "issues", label="Issues", options=("tone", "length"), multiple=True, required=False
            ),
            TextQuestion(
                "notes",
                label="Notes",
                min_length=5,
                required_when=(RequiredWhen("domain", "choice", ("other",)),),
            ),
        )
    )


# --- building from the schema ---------------------------------------------------------


def test_builds_the_pairwise_form_from_the_schema(panel: AnswerPanel) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    editors = panel.current_editors()
    assert list(editors) == ["preference", "likert", "flags", "rationale"]
    pref = editors["preference"]
    assert isinstance(pref, PreferenceEditor) and pref.row is not None
    assert [b.accessibleName() for b in pref.row.buttons] == [
        "A much better",
        "A better",
        "Tie",
        "B better",
        "B much better",
    ]
    assert pref.row.buttons[0].text() == "A much\nbetter"
    assert "key 1" in pref.row.buttons[0].toolTip()
    # Likert: 2 responses x 3 dimensions x 5 points; flags per response and task.
    assert named(panel, QAbstractButton, "Response B, Helpfulness: 5")
    assert named(panel, QCheckBox, "Response A: Hallucination")
    assert named(panel, QCheckBox, "Whole task: Off-topic")
    assert panel.answers() == {}


def test_builds_the_ranking_form_for_three_responses(panel: AnswerPanel) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    editors = panel.current_editors()
    assert list(editors) == ["ranking", "likert", "flags", "rationale"]
    ranking = editors["ranking"]
    assert isinstance(ranking, RankingEditor)
    assert [ranking.list.item(r).text() for r in range(3)] == [
        "–    Response A",
        "–    Response B",
        "–    Response C",
    ]
    assert "Not ranked yet" in ranking.status.text()
    assert named(panel, QAbstractButton, "Response C, Safety: 1")
    assert panel.answers() == {}  # an untouched ranking is no answer
    assert not panel.handle_number_key(1)


def test_custom_schema_with_choice_and_text(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(custom_schema(), PAIR, {})
    assert list(panel.current_editors()) == ["domain", "issues", "notes"]
    assert not panel.handle_number_key(1)
    other = named(panel, QRadioButton, "Domain: other")
    law = named(panel, QRadioButton, "Domain: law")
    assert edited(qtbot, panel, lambda: click(qtbot, law)) == {"domain": "law"}
    answers = edited(qtbot, panel, lambda: click(qtbot, other))
    assert answers == {"domain": "other"} and not law.isChecked()
    tone = named(panel, QCheckBox, "Issues: tone")
    length = named(panel, QCheckBox, "Issues: length")
    edited(qtbot, panel, lambda: click(qtbot, length))
    answers = edited(qtbot, panel, lambda: click(qtbot, tone))
    assert answers["issues"] == ["tone", "length"]  # schema order
    notes = panel.current_editors()["notes"]
    assert isinstance(notes, TextEditor)
    assert notes.rule.text() == "Required for domain is other (at least 5 characters)"
    answers = edited(qtbot, panel, lambda: qtbot.keyClicks(notes.edit, "Hi"))
    assert answers["notes"] == "Hi"
    assert notes.count_label.text() == "2 of at least 5 characters (3 more needed)"
    # Clicking the chosen radio again clears the single choice.
    answers = edited(qtbot, panel, lambda: click(qtbot, other))
    assert "domain" not in answers
    assert notes.rule.text().startswith("Optional now; required for domain is other")


# --- preference by keyboard --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_1, {"better": A, "strength": "strong"}),
        (Qt.Key.Key_2, {"better": A, "strength": "slight"}),
        (Qt.Key.Key_3, {"better": None}),
        (Qt.Key.Key_4, {"better": B, "strength": "slight"}),
        (Qt.Key.Key_5, {"better": B, "strength": "strong"}),
    ],
)
def test_number_keys_pick_the_preference_by_response_id(
    qtbot: Any, panel: AnswerPanel, key: Qt.Key, expected: dict[str, Any]
) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    # Focus is on a check box: the key goes up to the panel.
    box = named(panel, QCheckBox, "Response A: Unsafe")
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(box, key))
    assert answers == {"preference": expected}
    assert answers["preference"].get("better") in (None, *PAIR.order)


def test_number_keys_type_into_text_boxes_and_other_keys_are_ignored(
    qtbot: Any, panel: AnswerPanel
) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    edit = panel.findChild(PlainTextEdit)
    assert edit is not None
    answers = edited(qtbot, panel, lambda: qtbot.keyClicks(edit, "1"))
    assert answers == {"rationale": "1"}
    assert not panel.handle_number_key(6)
    assert not panel.handle_number_key(0)
    with qtbot.assertNotEmitted(panel.answersEdited):
        qtbot.keyClick(panel, Qt.Key.Key_7)
    assert panel.handle_number_key(5)
    assert panel.answers()["preference"] == {"better": B, "strength": "strong"}


def test_preference_without_tie_has_four_steps(qtbot: Any, panel: AnswerPanel) -> None:
    schema = Schema((PreferenceQuestion("pref", label="Better?", allow_tie=False),))
    panel.set_task(schema, PAIR, {})
    pref = panel.current_editors()["pref"]
    assert isinstance(pref, PreferenceEditor) and pref.row is not None
    assert [b.accessibleName() for b in pref.row.buttons] == [
        "A much better",
        "A better",
        "B better",
        "B much better",
    ]
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(panel, Qt.Key.Key_3))
    assert answers == {"pref": {"better": B, "strength": "slight"}}
    assert not panel.handle_number_key(5)


def test_clicking_the_chosen_step_again_clears_it(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    tie = named(panel, QAbstractButton, "Tie")
    assert edited(qtbot, panel, lambda: click(qtbot, tie)) == {"preference": {"better": None}}
    assert edited(qtbot, panel, lambda: click(qtbot, tie)) == {}


# --- ranking ------------------------------------------------------------------------------


def ranking_of(panel: AnswerPanel) -> RankingEditor:
    editor = panel.current_editors()["ranking"]
    assert isinstance(editor, RankingEditor)
    return editor


def test_ranking_by_keyboard(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    editor = ranking_of(panel)
    rows = editor.list
    alt = Qt.KeyboardModifier.AltModifier
    rows.setCurrentRow(0)  # Response A
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_Down, alt))
    assert answers == {"ranking": [[TB], [TA], [TC]]}
    assert rows.currentRow() == 1  # the moved response stays selected
    rows.setCurrentRow(2)  # Response C: tie it with Response A above
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_Equal))
    assert answers == {"ranking": [[TB], [TA, TC]]}
    assert [rows.item(r).text() for r in range(3)] == [
        "1.   Response B",
        "2.   Response A",
        "2.   Response C   (tied with above)",
    ]
    assert rows.item(2).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Rank 2 of 3, tied: Response C"
    )
    # Alt+Up on a tied response ranks it above its group.
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_Up, alt))
    assert answers == {"ranking": [[TB], [TC], [TA]]}
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_Up, alt))
    assert answers == {"ranking": [[TC], [TB], [TA]]}
    # Ctrl+T ties (and unties) with the response above.
    rows.setCurrentRow(1)
    ctrl = Qt.KeyboardModifier.ControlModifier
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_T, ctrl))
    assert answers == {"ranking": [[TC, TB], [TA]]}
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(rows, Qt.Key.Key_T, ctrl))
    assert answers == {"ranking": [[TC], [TB], [TA]]}
    # Clear goes back to "not ranked yet", which is no answer.
    answers = edited(qtbot, panel, editor.clear_button.click)
    assert answers == {}
    assert "Not ranked yet" in editor.status.text()


def test_enter_keeps_the_order_shown(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    editor = ranking_of(panel)
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(editor.list, Qt.Key.Key_Return))
    assert answers == {"ranking": [[TA], [TB], [TC]]}
    assert not editor.confirm_button.isEnabled()
    assert editor.status.text().startswith("Ranked")


def test_ranking_buttons_and_noop_moves(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    editor = ranking_of(panel)
    editor.list.setCurrentRow(0)
    with qtbot.assertNotEmitted(panel.answersEdited):
        editor.up_button.click()  # already first: nothing happens, still not ranked
    assert panel.answers() == {}
    editor.list.setCurrentRow(2)
    answers = edited(qtbot, panel, editor.up_button.click)
    assert answers == {"ranking": [[TA], [TC], [TB]]}
    answers = edited(qtbot, panel, editor.tie_button.click)
    assert answers == {"ranking": [[TA, TC], [TB]]}


def test_ranking_helpers() -> None:
    entries = [(0, False), (1, True), (2, False)]
    assert ranks_of(entries) == [1, 1, 3]
    assert move_entry(entries, 1, 1) == ([(0, False), (1, False), (2, False)], 1)
    assert move_entry(entries, 2, -1) == ([(2, False), (0, False), (1, True)], 0)
    # "Up" on the first of a tie ranks it above the rest of its group.
    assert move_entry(entries, 0, -1) == ([(0, False), (1, False), (2, False)], 0)
    assert move_entry([(0, False), (1, False)], 0, -1) == ([(0, False), (1, False)], 0)
    # Dragging the head of a tie out of it: the rest of the group keeps its rank together.
    before = [(0, False), (1, False), (2, True)]
    assert dropped(before, [0, 2, 1], 1) == [(0, False), (2, False), (1, False)]
    # Dropping between two tied responses joins their tie.
    before = [(0, False), (1, True), (2, False)]
    assert dropped(before, [0, 2, 1], 2) == [(0, False), (2, True), (1, True)]


def test_a_drop_is_a_user_ranking(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    editor = ranking_of(panel)
    rows: QListWidget = editor.list
    item = rows.takeItem(0)  # what an internal move does, then the drop is reported
    rows.insertItem(2, item)
    answers = edited(qtbot, panel, lambda: editor.list.dropped.emit(0))
    assert answers == {"ranking": [[TB], [TC], [TA]]}


def test_a_new_task_not_ranked_leaves_the_ranking_as_shown(
    panel: AnswerPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most moves open a task not ranked yet after another: the list's texts, spoken
    texts and buttons stay as they are (nothing is set again); a ranked one shows."""
    panel.set_task(default_schema(3), TRIPLE, {})
    editor = ranking_of(panel)
    words: list[str] = []
    monkeypatch.setattr(editor.status, "setText", words.append)
    panel.set_task(default_schema(3), DisplayOrder((TB, TC, TA)), {})
    assert words == []
    assert editor.list.item(0).text() == "–    Response A" and editor.value() is None
    panel.set_task(default_schema(3), TRIPLE, {"ranking": [[TB], [TA], [TC]]})
    assert len(words) == 1 and "Not ranked yet" not in words[0]
    assert [editor.list.item(r).text() for r in range(3)] == [
        "1.   Response B",
        "2.   Response A",
        "3.   Response C",
    ]
    panel.set_task(default_schema(3), TRIPLE, {})
    assert "Not ranked yet" in words[-1]
    assert editor.list.item(0).text() == "–    Response A"


def test_clearing_problem_messages_that_are_not_shown_touches_nothing(
    panel: AnswerPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docket.ui.answer_panel as module

    panel.set_task(default_schema(3), TRIPLE, {})
    shown: list[list[str]] = []
    original = module.show_alert
    monkeypatch.setattr(
        module,
        "show_alert",
        lambda label, messages: (shown.append(messages), original(label, messages)),
    )
    panel.set_task(default_schema(3), TRIPLE, {})
    panel.clear_issues()
    assert shown == []
    panel.show_issues([("ranking", "required")])
    label = panel.issue_label("ranking")
    assert label is not None and not label.isHidden() and "Required" in label.text()
    shown.clear()
    panel.set_task(default_schema(3), TRIPLE, {})  # a move clears them
    assert label.isHidden() and shown and all(m == [] for m in shown)
    shown.clear()
    panel.clear_issues()
    assert shown == []


def test_pii_hints_follow_their_counts_and_flags_and_are_not_set_again_unchanged(
    panel: AnswerPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.set_task(default_schema(3), TRIPLE, {})
    flags = panel.current_editors()["flags"]
    assert isinstance(flags, FlagsEditor)
    calls: list[tuple[int, str]] = []
    for i, hint in enumerate(flags.pii_hints):
        original = hint.set_hint
        monkeypatch.setattr(
            hint, "set_hint", lambda text, i=i, f=original: (calls.append((i, text)), f(text))
        )
    flags.set_pii_hints({0: 2, 2: 1})
    shown = [h.is_shown() for h in flags.pii_hints]
    assert shown == [True, False, True] and "2 findings" in flags.pii_hints[0].label.text()
    assert "1 finding)" in flags.pii_hints[2].label.text()
    calls.clear()
    flags.set_pii_hints({0: 2, 2: 1})  # the same: nothing is set again
    panel.set_task(default_schema(3), TRIPLE, {})  # a refill with the same flags
    assert calls == []
    pii_box = named(panel, QCheckBox, "Response A: PII")
    pii_box.setChecked(True)  # flagged: its hint goes
    assert [h.is_shown() for h in flags.pii_hints] == [False, False, True]
    pii_box.setChecked(False)
    assert [h.is_shown() for h in flags.pii_hints] == [True, False, True]
    flags.set_pii_hints({})
    assert not any(h.is_shown() for h in flags.pii_hints)
    assert all(h.label.text() == "" for h in flags.pii_hints)


# --- likert and flags ---------------------------------------------------------------------


def test_likert_and_flags_answers(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    four = named(panel, QAbstractButton, "Response B, Helpfulness: 4")
    answers = edited(qtbot, panel, lambda: click(qtbot, four))
    assert answers == {"likert": {B: {"helpfulness": 4}}}
    two = named(panel, QAbstractButton, "Response A, Safety: 2")
    answers = edited(qtbot, panel, lambda: click(qtbot, two))
    assert answers == {"likert": {B: {"helpfulness": 4}, A: {"safety": 2}}}
    five = named(panel, QAbstractButton, "Response B, Helpfulness: 5")
    answers = edited(qtbot, panel, lambda: click(qtbot, five))
    assert answers["likert"][B] == {"helpfulness": 5} and not four.isChecked()
    # A second click clears the rating.
    edited(qtbot, panel, lambda: click(qtbot, five))
    answers = edited(qtbot, panel, lambda: click(qtbot, two))
    assert "likert" not in answers

    hallucination = named(panel, QCheckBox, "Response A: Hallucination")
    refusal = named(panel, QCheckBox, "Response B: Refusal")
    pii = named(panel, QCheckBox, "Whole task: PII")
    edited(qtbot, panel, lambda: click(qtbot, hallucination))
    edited(qtbot, panel, lambda: click(qtbot, refusal))
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(pii, Qt.Key.Key_Space))
    assert answers == {"flags": {A: ["hallucination"], B: ["refusal"], "task": ["pii"]}}
    assert check_answers(default_schema(2), PAIR.order, {**answers, "rationale": "x" * 10}) == [
        ("preference", "required")
    ]


# --- filling ------------------------------------------------------------------------------


FILLED_PAIR = {
    "preference": {"better": B, "strength": "strong"},
    "likert": {A: {"correctness": 3}, B: {"helpfulness": 5, "safety": 1}},
    "flags": {B: ["unsafe"], "task": ["off-topic"]},
    "rationale": "B is clearly better here.",
}


def test_set_task_fills_the_widgets_without_emitting(qtbot: Any, panel: AnswerPanel) -> None:
    with qtbot.assertNotEmitted(panel.answersEdited):
        panel.set_task(default_schema(2), PAIR, FILLED_PAIR)
    assert named(panel, QAbstractButton, "B much better").isChecked()
    assert not named(panel, QAbstractButton, "A much better").isChecked()
    assert named(panel, QAbstractButton, "Response A, Correctness: 3").isChecked()
    assert named(panel, QAbstractButton, "Response B, Safety: 1").isChecked()
    assert named(panel, QCheckBox, "Response B: Unsafe").isChecked()
    assert named(panel, QCheckBox, "Whole task: Off-topic").isChecked()
    assert not named(panel, QCheckBox, "Response A: Unsafe").isChecked()
    edit = panel.findChild(PlainTextEdit)
    assert edit is not None and edit.toPlainText() == FILLED_PAIR["rationale"]
    assert panel.answers() == FILLED_PAIR

    ranked = {"ranking": [[TC], [TA, TB]]}
    with qtbot.assertNotEmitted(panel.answersEdited):
        panel.set_task(default_schema(3), TRIPLE, ranked)
        panel.set_answers({})
        panel.set_answers(ranked)
    rows = ranking_of(panel).list
    assert [rows.item(r).text() for r in range(3)] == [
        "1.   Response C",
        "2.   Response A",
        "2.   Response B   (tied with above)",
    ]
    assert panel.answers() == ranked


def test_a_tie_is_shown_and_unknown_ids_are_ignored(panel: AnswerPanel) -> None:
    panel.set_task(default_schema(2), PAIR, {"preference": {"better": None}})
    assert named(panel, QAbstractButton, "Tie").isChecked()
    panel.set_task(
        default_schema(2), PAIR, {"preference": {"better": "nobody", "strength": "strong"}}
    )
    assert panel.answers() == {}


# --- problems -----------------------------------------------------------------------------


def test_show_issues_next_to_the_question(panel: AnswerPanel) -> None:
    panel.show_issues([("preference", "required")])  # no task yet: nothing to do
    schema = default_schema(2)
    answers = {"flags": {A: ["pii"]}, "likert": {B: {"helpfulness": 9}}, "rationale": "short"}
    panel.set_task(schema, PAIR, answers)
    issues = check_answers(schema, PAIR.order, answers)
    assert {question_of(field) for field, _ in issues} == {"preference", "likert", "rationale"}
    panel.show_issues(issues)
    for qid in ("preference", "likert", "rationale"):
        label = panel.issue_label(qid)
        assert label is not None and not label.isHidden()
        assert label.text().startswith("⚠ ")
        assert label.property("role") == "alert"
        # Under its own question: the label and the editor share the section.
        assert label.parentWidget() is panel.current_editors()[qid].parentWidget()
    flags_label = panel.issue_label("flags")
    assert flags_label is not None and flags_label.isHidden()
    preference_label = panel.issue_label("preference")
    assert preference_label is not None and preference_label.text() == "⚠ Required"
    likert_label = panel.issue_label("likert")
    assert likert_label is not None
    assert likert_label.text().startswith("⚠ Response B, Helpfulness: expected a whole number")
    rationale_label = panel.issue_label("rationale")
    assert rationale_label is not None and "At least 10 characters" in rationale_label.text()
    panel.clear_issues()
    assert all(
        (lab := panel.issue_label(q)) is not None and lab.isHidden()
        for q in ("preference", "likert", "rationale")
    )


def test_issue_paths() -> None:
    assert question_of("likert.r1.helpfulness") == "likert"
    assert question_of("ranking[1]") == "ranking"
    assert question_of("flags.task") == "flags"
    assert question_of("") == ""


# --- the rationale rule -----------------------------------------------------------------


def test_rationale_rule_follows_the_answers(qtbot: Any, panel: AnswerPanel) -> None:
    panel.set_task(default_schema(2), PAIR, {})
    rationale = panel.current_editors()["rationale"]
    assert isinstance(rationale, TextEditor)
    optional = "Optional now; required for a strong preference or any flag (at least 10 characters)"
    assert rationale.rule.text() == optional
    edited(qtbot, panel, lambda: qtbot.keyClick(panel, Qt.Key.Key_5))
    assert rationale.rule.text() == "Required for a strong preference (at least 10 characters)"
    assert rationale.rule.font().bold()
    edited(qtbot, panel, lambda: qtbot.keyClick(panel, Qt.Key.Key_4))
    assert rationale.rule.text() == optional
    flag = named(panel, QCheckBox, "Response B: PII")
    edited(qtbot, panel, lambda: click(qtbot, flag))
    assert rationale.rule.text() == "Required for any flag (at least 10 characters)"
    edited(qtbot, panel, lambda: qtbot.keyClick(panel, Qt.Key.Key_1))
    assert rationale.rule.text() == (
        "Required for a strong preference or any flag (at least 10 characters)"
    )
    assert rationale.count_label.text() == "0 of at least 10 characters (10 more needed)"
    # Filling a task computes the rule from its answers.
    panel.set_task(default_schema(2), PAIR, {"flags": {"task": ["pii"]}})
    assert rationale.rule.text() == "Required for any flag (at least 10 characters)"


def test_rule_text_wording() -> None:
    plain = TextQuestion("t")
    assert rule_text(plain, {}) == (False, "Optional")
    required = TextQuestion("t", required=True, min_length=3)
    assert rule_text(required, {}) == (True, "Required (at least 3 characters)")


# --- accessibility, blinding, focus -------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "order"),
    [(default_schema(2), PAIR), (default_schema(3), TRIPLE), (custom_schema(), PAIR)],
)
def test_every_control_has_an_accessible_name_and_no_id_shows(
    panel: AnswerPanel, schema: Schema, order: DisplayOrder
) -> None:
    panel.set_task(schema, order, {})
    controls = interactive_children(panel)
    assert len(controls) > 5
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName().strip()]
    assert unnamed == []
    for button in panel.findChildren(QAbstractButton):
        assert button.toolTip(), button.accessibleName()
    shown = [w.text() for w in panel.findChildren(QLabel)]
    shown += [
        b.text() + b.accessibleName() + b.toolTip() for b in panel.findChildren(QAbstractButton)
    ]
    for rows in panel.findChildren(QListWidget):
        shown += [rows.item(r).text() for r in range(rows.count())]
    assert not [text for text in shown if "secret" in text]  # labels only, never ids


def test_focus_helpers(qtbot: Any, panel: AnswerPanel) -> None:
    assert not panel.focus_flags()
    panel.set_task(default_schema(2), PAIR, {})
    assert panel.focus_rationale()
    assert isinstance(panel.focusWidget(), PlainTextEdit)
    assert panel.focus_flags()
    focused = panel.focusWidget()
    assert isinstance(focused, QCheckBox)
    assert focused.accessibleName() == "Response A: Hallucination"
    panel.set_task(custom_schema(), PAIR, {})
    assert not panel.focus_flags()


# --- reuse ---------------------------------------------------------------------------------


def test_switching_tasks_with_the_same_schema_reuses_the_form(
    qtbot: Any, panel: AnswerPanel
) -> None:
    panel.set_task(default_schema(2), PAIR, FILLED_PAIR)
    editors = panel.current_editors()
    other = DisplayOrder(("q1", "q2"))
    with qtbot.assertNotEmitted(panel.answersEdited):
        panel.set_task(default_schema(2), other, {})  # equal schema, another object
    assert panel.pages_built == 1
    assert panel.current_editors() == editors
    assert panel.answers() == {}  # nothing carried over from the previous task
    panel.handle_number_key(1)
    assert panel.answers() == {"preference": {"better": "q1", "strength": "strong"}}

    panel.set_task(default_schema(3), TRIPLE, {})
    assert panel.pages_built == 2
    panel.set_task(default_schema(2), PAIR, FILLED_PAIR)
    panel.set_task(default_schema(3), TRIPLE, {})
    assert panel.pages_built == 2
    assert panel.answers() == {}
    panel.clear()
    assert panel.answers() == {} and panel.schema is None


# --- other schema shapes ------------------------------------------------------------------


def test_other_strengths_and_a_long_scale(qtbot: Any, panel: AnswerPanel) -> None:
    schema = Schema(
        (
            PreferenceQuestion("pref", strengths=("slight", "moderate", "strong")),
            LikertQuestion("score", dimensions=("overall",), scale_min=0, scale_max=20),
        )
    )
    panel.set_task(schema, PAIR, {"score": {A: {"overall": 12}}})
    pref = panel.current_editors()["pref"]
    assert isinstance(pref, PreferenceEditor) and pref.row is not None
    assert [b.accessibleName() for b in pref.row.buttons] == [
        "A better (strong)",
        "A better (moderate)",
        "A better (slight)",
        "Tie",
        "B better (slight)",
        "B better (moderate)",
        "B better (strong)",
    ]
    answers = edited(qtbot, panel, lambda: qtbot.keyClick(panel, Qt.Key.Key_6))
    assert answers["pref"] == {"better": B, "strength": "moderate"}
    spin = named(panel, QSpinBox, "Response A, Overall")
    assert spin.value() == 12
    answers = edited(qtbot, panel, lambda: spin.setValue(20))
    assert answers["score"] == {A: {"overall": 20}}
    answers = edited(qtbot, panel, lambda: spin.setValue(spin.minimum()))  # "—" clears
    assert "score" not in answers
