"""The rewrite editor, by keyboard, on real AlpacaEval answers.

In the window: W reaches the rewrite, Down picks Response A as the base (its text fills
the editor), typing changes it (the counts say by how much), Ctrl+Shift+R puts the
original back, and the window's undo takes the reset back; every change is a saved draft.
In the answer panel: starting empty where the question allows it (and not where it does
not), the limit on characters (refused with a message, never cut), the large window, the
highlighting, and the counts.

``DOCKET_SCREENSHOT=docs/rewrite.png`` saves the window on a rewritten answer, in the look
of the app (Fusion, 10 pt), light theme; ``-dark`` beside it in the dark one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.core.schema import RewriteQuestion, Schema
from docket.core.spans import changed_chars
from docket.core.validation import check_answers
from docket.settings import Settings
from docket.ui.answer_panel import AnswerPanel
from docket.ui.answer_rewrite import (
    EMPTY,
    Changes,
    RewriteEditor,
    changes,
    unified_diff_html,
)
from docket.ui.answer_widgets import interactive_children
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import focus, focused
from tests.gui.screenshots import screenshot_target
from tests.reference_data import alpaca_eval

GPT, CLAUDE = "gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"
ROW = 4
"""An AlpacaEval instruction whose answers are a few paragraphs of markdown."""

PAIR = DisplayOrder(("id-secret-2", "id-secret-1"))
A, B = PAIR.order


def answers_for(row: int = ROW) -> tuple[str, str, str]:
    """The instruction and two models' answers to it."""
    gpt, claude = alpaca_eval(GPT)[row], alpaca_eval(CLAUDE)[row]
    assert gpt["instruction"] == claude["instruction"]
    return gpt["instruction"], gpt["output"], claude["output"]


def tasks(n: int = 2) -> list[Task]:
    out = []
    for i in range(n):
        prompt, first, second = answers_for(ROW + i)
        out.append(
            Task(
                id=f"t{i}",
                conversation=(Turn(Role.USER, prompt),),
                responses=(Response("r1", first), Response("r2", second)),
            )
        )
    return out


def panel_with(qtbot: Any, question: RewriteQuestion) -> tuple[AnswerPanel, RewriteEditor]:
    _, first, second = answers_for()
    panel = AnswerPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.set_task(Schema((question,)), PAIR, {}, {A: first, B: second})
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    editor = panel.current_editors()[question.id]
    assert isinstance(editor, RewriteEditor)
    return panel, editor


def open_window(qtbot: Any, ws: Workspace, key: Path, theme: str = "light") -> MainWindow:
    window = MainWindow(ws, key, Settings(theme=theme), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    return window


def key(qtbot: Any, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(qtbot), k, mods)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_rewriting_a_response_by_keyboard_saves_it_and_undo_takes_the_reset_back(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks(), schema=Schema((RewriteQuestion("rewrite", allow_empty=False),)))
    window = open_window(qtbot, ws, key_path)
    window.open_task("t0")
    task = window.controller.task
    assert task is not None and window.controller.order is not None
    first_id = window.controller.order.order[0]  # Response A, whichever it is
    original = task.response(first_id).text
    focus(qtbot, window.task_list.view)
    key(qtbot, Qt.Key.Key_W)
    editor = window.answer_panel.current_editors()["rewrite"]
    assert isinstance(editor, RewriteEditor)
    assert QApplication.focusWidget() is editor.chooser  # nothing to edit before a base
    assert editor.edit.isReadOnly()
    key(qtbot, Qt.Key.Key_Down)  # Response A
    assert editor.base == first_id and editor.edit.toPlainText() == original
    qtbot.waitUntil(lambda: ws.editing("t0").answers.get("rewrite", {}).get("base") == first_id)
    focus(qtbot, window.task_list.view)
    key(qtbot, Qt.Key.Key_W)
    assert QApplication.focusWidget() is editor.edit
    key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Always check the units first.")
    rewritten = original + "\n\nAlways check the units first."
    qtbot.waitUntil(lambda: ws.editing("t0").answers["rewrite"]["text"] == rewritten)
    assert ws.editing("t0").answers["rewrite"] == {"base": first_id, "text": rewritten}
    qtbot.waitUntil(lambda: "+5 words inserted" in editor.counts.text())
    assert "−0 deleted" in editor.counts.text() and "From Response A" in editor.counts.text()
    assert f"{len(rewritten):,} / 20,000 characters" in editor.counts.text()
    assert "Always check the units first" in editor.preview.toPlainText()
    assert "Always check the units first" in editor.diff_view.toPlainText()

    key(qtbot, Qt.Key.Key_R, CTRL_SHIFT)  # reset to the original
    assert editor.edit.toPlainText() == original
    qtbot.waitUntil(lambda: ws.editing("t0").answers["rewrite"]["text"] == original)
    qtbot.waitUntil(lambda: editor.counts.text().startswith("From Response A: +0 words"))
    window.task_list.view.setFocus()  # the window's undo: a store operation
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.edit.toPlainText() == rewritten)
    assert ws.editing("t0").answers["rewrite"]["text"] == rewritten
    key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)  # and redo
    qtbot.waitUntil(lambda: editor.edit.toPlainText() == original)

    window.open_task("t1")  # the same form, another task: nothing carried over
    assert editor.edit.toPlainText() == "" and editor.base is None and editor.edit.isReadOnly()
    window.open_task("t0")
    assert editor.edit.toPlainText() == original and editor.base == first_id
    window.close()
    ws.close()


def test_start_empty_where_allowed(qtbot: Any) -> None:
    panel, editor = panel_with(qtbot, RewriteQuestion("rewrite"))
    names = [editor.chooser.itemText(i) for i in range(editor.chooser.count())]
    assert names == ["Response A", "Response B", EMPTY]
    assert editor.chooser.currentText() == EMPTY and not editor.edit.isReadOnly()
    assert editor.value() is None
    with qtbot.wait_signal(panel.answersEdited, timeout=1000):
        editor.focus_first()
        qtbot.keyClicks(editor.edit, "# A fresh answer")
    assert panel.answers()["rewrite"] == {"base": None, "text": "# A fresh answer"}
    assert not editor.reset_button.isEnabled()  # no base to go back to
    editor.refresh()
    assert "Written from empty" in editor.diff_view.toPlainText()
    assert "A fresh answer" in editor.preview.toPlainText()
    schema = panel.schema
    assert schema is not None
    assert check_answers(schema, PAIR.order, panel.answers()) == []


def test_start_empty_refused_where_not_allowed(qtbot: Any) -> None:
    question = RewriteQuestion("rewrite", allow_empty=False)
    panel, editor = panel_with(qtbot, question)
    names = [editor.chooser.itemText(i) for i in range(editor.chooser.count())]
    assert names == ["Response A", "Response B"]
    assert editor.chooser.currentIndex() == -1 and editor.edit.isReadOnly()
    editor.focus_first()
    assert QApplication.focusWidget() is editor.chooser
    qtbot.keyClicks(editor.edit, "typed into nothing")
    assert editor.value() is None
    # An answer written from empty (say, loaded from elsewhere) is refused at submit.
    issues = check_answers(
        Schema((question,)), PAIR.order, {"rewrite": {"base": None, "text": "x"}}
    )
    assert issues and issues[0][0].startswith("rewrite")
    panel.show_issues(issues)
    label = panel.issue_label("rewrite")
    assert label is not None and not label.isHidden()


def test_over_the_limit_is_refused_with_a_message_and_never_cut(qtbot: Any) -> None:
    question = RewriteQuestion("rewrite", max_chars=200)
    panel, editor = panel_with(qtbot, question)
    _, first, _ = answers_for()
    assert len(first) > 200
    qtbot.keyClick(editor.chooser, Qt.Key.Key_Home)  # Response A
    assert editor.edit.toPlainText() == first
    qtbot.waitUntil(editor.limit_issue.isVisible)
    assert f"{len(first):,} characters: at most 200" in editor.limit_issue.text()
    assert "never cut" in editor.limit_issue.text()
    assert editor.value() == {"base": A, "text": first}  # all of it, not 200 characters
    issues = check_answers(Schema((question,)), PAIR.order, panel.answers())
    assert issues
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.edit, "Short.")
    qtbot.waitUntil(lambda: not editor.limit_issue.isVisible())


def test_another_base_replaces_only_an_untouched_text(qtbot: Any) -> None:
    _, first, second = answers_for()
    panel, editor = panel_with(qtbot, RewriteQuestion("rewrite"))
    qtbot.keyClick(editor.chooser, Qt.Key.Key_Home)
    assert editor.edit.toPlainText() == first
    qtbot.keyClick(editor.chooser, Qt.Key.Key_Down)  # untouched: B's text replaces A's
    assert editor.edit.toPlainText() == second and editor.base == B
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.edit, " Edited.")
    editor.chooser.setFocus()
    qtbot.keyClick(editor.chooser, Qt.Key.Key_Up)  # edited: kept, compared with A now
    assert editor.edit.toPlainText() == second + " Edited." and editor.base == A
    assert panel.answers()["rewrite"] == {"base": A, "text": second + " Edited."}
    qtbot.keyClick(editor.edit, Qt.Key.Key_R, CTRL_SHIFT)
    assert editor.edit.toPlainText() == first
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # its own undo
    assert editor.edit.toPlainText() == second + " Edited."


def test_the_large_window_holds_the_same_editor(qtbot: Any) -> None:
    panel, editor = panel_with(qtbot, RewriteQuestion("rewrite"))
    qtbot.keyClick(editor.chooser, Qt.Key.Key_Home)
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_E, CTRL_SHIFT)
    large = editor.large
    assert large is not None
    qtbot.waitExposed(large)
    assert editor.edit.window() is large and editor.views.window() is large
    assert editor.edit.width() > 400 and editor.views.width() > 400  # side by side
    qtbot.keyClick(editor.edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    with qtbot.wait_signal(panel.answersEdited, timeout=1000):
        qtbot.keyClicks(editor.edit, "Lead: ")
    assert panel.answers()["rewrite"]["text"].startswith("Lead: ")
    assert large.header.text() == editor.counts.text()
    qtbot.keyClick(editor.edit, Qt.Key.Key_R, CTRL_SHIFT)  # reset works in the large window
    assert not editor.edit.toPlainText().startswith("Lead: ")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert editor.large is None and editor.edit.window() is panel.window()
    assert editor.edit.isVisible() and editor.views.isVisible()
    editor.open_large()
    assert editor.large is not None
    panel.clear()  # the form put away (a lock, another form): the large window goes too
    assert editor.large is None and editor.edit.window() is panel.window()


def test_highlighting_marks_markdown_by_shape(qtbot: Any) -> None:
    _, editor = panel_with(qtbot, RewriteQuestion("rewrite"))
    editor.edit.setPlainText("# Title\n- item with `code` and **bold**\n```\nx = 1\n```\nplain")
    doc = editor.edit.document()

    def formats(block: int) -> list[Any]:
        return list(doc.findBlockByNumber(block).layout().formats())

    heading = formats(0)
    assert heading and heading[0].format.fontWeight() == QFont.Weight.Bold
    item = formats(1)
    assert any(r.format.fontWeight() == QFont.Weight.Bold and r.start == 0 for r in item)
    assert any(r.format.fontFamilies() for r in item)  # the code in a fixed font
    assert formats(3) and formats(3)[0].format.fontFamilies()  # inside the fence
    assert formats(5) == []


def test_every_control_is_named(qtbot: Any) -> None:
    _, editor = panel_with(qtbot, RewriteQuestion("rewrite"))
    for widget in interactive_children(editor):
        assert widget.accessibleName(), widget


def test_counts_of_a_known_edit() -> None:
    c = changes("The cat sat on the mat.", "The black cat sat on a mat!")
    assert (c.words_inserted, c.words_deleted) == (2, 1)  # black, a / the
    assert c.chars_changed == changed_chars(
        "The cat sat on the mat.", "The black cat sat on a mat!"
    )
    assert changes("same", "same") == changes("", "")
    html = unified_diff_html("The cat sat.", "The dog sat.")
    assert "line-through" in html and "underline" in html
    assert html.index("cat") < html.index("dog")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_counts_are_bounded_and_zero_only_for_equal_texts(a: str, b: str) -> None:
    c = changes(a, b)
    assert c.chars_changed == changed_chars(a, b)  # what min_changed_chars is checked on
    assert (c.chars_changed == 0) == (a == b)
    assert c.words_deleted <= len(re.findall(r"\w+", a)) + a.count("$") + a.count("\\")
    assert c.words_inserted <= len(re.findall(r"\w+", b)) + b.count("$") + b.count("\\")
    if a == b:
        assert c == Changes(0, 0, 0)


def test_screenshot_of_the_rewrite(qtbot: Any, tmp_path: Path, key_path: Path) -> None:
    """The window on a rewritten answer (the README's docs/rewrite.png when
    ``DOCKET_SCREENSHOT`` names a file); the editor is tall enough to work in."""
    shot = screenshot_target()
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks(1), schema=Schema((RewriteQuestion("rewrite", max_chars=6000),)))
    for theme in ("light", "dark"):
        window = open_window(qtbot, ws, key_path, theme)
        editor = window.answer_panel.current_editors()["rewrite"]
        assert isinstance(editor, RewriteEditor)
        editor.focus_first()
        editor.chooser.setFocus()
        qtbot.keyClick(editor.chooser, Qt.Key.Key_Home)
        editor.edit.setFocus()
        text = editor.edit.toPlainText()
        start, end = 0, text.index(":") + 1  # the opening line, rewritten
        cursor = editor.edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        editor.edit.setTextCursor(cursor)
        qtbot.keyClicks(editor.edit, "A neat wrap shows care and takes ten minutes. You need:")
        editor.refresh()
        QApplication.processEvents()
        assert editor.edit.height() >= editor.edit.fontMetrics().lineSpacing() * 10
        if shot:
            path = shot
            if theme == "dark":
                path = path.with_name(path.stem + "-dark" + path.suffix)
            window.grab().save(str(path))
            editor.open_large()
            large = editor.large
            assert large is not None
            qtbot.waitExposed(large)
            editor.views.setCurrentIndex(1)  # the preview beside the markdown
            QApplication.processEvents()
            large.grab().save(str(path.with_name(path.stem + "-large" + path.suffix)))
            large.close()
        window.controller.flush()
        window.close()
    ws.close()


def test_a_copy_of_the_base_is_not_submitted(qtbot: Any, tmp_path: Path, key_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    form = Schema((RewriteQuestion("rewrite", min_changed_chars=20, allow_empty=False),))
    ws.load_tasks(tasks(1), schema=form)
    window = open_window(qtbot, ws, key_path)
    focus(qtbot, window.task_list.view)
    key(qtbot, Qt.Key.Key_W)
    key(qtbot, Qt.Key.Key_Down)  # Response A, unchanged
    editor = window.answer_panel.current_editors()["rewrite"]
    assert isinstance(editor, RewriteEditor)
    qtbot.waitUntil(lambda: "change at least 20 more" in editor.counts.text())
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # submit
    label = window.answer_panel.issue_label("rewrite")
    assert label is not None
    qtbot.waitUntil(lambda: not label.isHidden())
    assert label.text() == "⚠ Change at least 20 characters of the response (0 changed so far)"
    assert "Not submitted" in window.statusBar().currentMessage()
    assert ws.answer("t0") is None
    focus(qtbot, window.task_list.view)
    key(qtbot, Qt.Key.Key_W)
    qtbot.keyClicks(editor.edit, "In short: tape, paper, patience. ")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer("t0") is not None)
    saved = ws.answer("t0")
    assert saved is not None
    assert saved.answers["rewrite"]["text"].endswith("In short: tape, paper, patience. ")
    window.close()
    ws.close()
