"""Span feedback in the window: marking spans on the rendered responses by keyboard (and
the other response rewritten, as a reviewer does both), the result bundle's offsets and
quotes, overlaps refused, delete and undo, suggestions, the raw view and the mouse."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from docket import Workspace
from docket.bundles import keys
from docket.core.schema import RewriteQuestion, Schema, SpansQuestion, default_schema
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.answer_rewrite import RewriteEditor
from docket.ui.main_window import MainWindow
from docket.ui.span_list import SpansEditor
from docket.ui.span_marking import SpanDialog
from tests.gui.keyboard import activate, focused
from tests.helpers import verified_answers

pytestmark = pytest.mark.gui

TEXT_A = (
    "Cache the result. It is **very important** here.\n\n"
    "```python\ndef double(x):\n    return x * 2\n```\n\n"
    "That is all."
)
TEXT_B = "Steps:\n\n- Open the *settings* page\n- Turn off `sync`\n\nDone."


def _row(spans_b: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    b: dict[str, Any] = {"id": "b", "model": "m2", "text": TEXT_B}
    if spans_b is not None:
        b["spans"] = spans_b
    return {
        "id": "t1",
        "prompt": "How do I make this faster?",
        "responses": [{"id": "a", "model": "m1", "text": TEXT_A}, b],
    }


def _setup(tmp_path: Path, row: dict[str, Any], schema: Schema) -> dict[str, Any]:
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text(json.dumps(row) + "\n", encoding="utf-8")
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    alice = keys.load_secret_key(tmp_path / "keys" / "alice.key")
    bundle = pack(
        tasks, server=server, reviewers=[alice.card()], out_dir=tmp_path / "out", schema=schema
    )
    return {
        "tmp": tmp_path,
        "bundle": bundle.bundles[0].path,
        "key": tmp_path / "keys" / "alice.key",
        "server_card": tmp_path / "keys" / "server.pub",
        "server": server,
    }


def _window(qtbot: Any, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    informed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup["bundle"]), ""))
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(setup["tmp"] / "alice.result"), ""),
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: informed.append(text))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text: pytest.fail(f"warning: {text}")
    )
    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    settings = Settings(server_card=str(setup["server_card"]), theme="light")
    window = MainWindow(ws, setup["key"], settings, restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    activate(qtbot, window)
    window.ws = ws
    return window


def _editor(window: Any) -> SpansEditor:
    editor = window.answer_panel.current_editors()["spans"]
    assert isinstance(editor, SpansEditor)
    return editor


def _key(
    qtbot: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = focused(qtbot)
    qtbot.keyClick(target, key, mods)


def _select(qtbot: Any, window: Any, letter: str, text: str) -> None:
    """Keyboard only: focus the response (Alt+1/2), caret on (F7), walk the caret to
    ``text`` with the arrows and extend over it with Shift+Right."""
    position = "AB".index(letter)
    _key(qtbot, Qt.Key(Qt.Key.Key_1 + position), Qt.KeyboardModifier.AltModifier)
    browser = window.comparison.columns[position].browser
    assert QApplication.focusWidget() is browser
    if not browser.caret_on():
        _key(qtbot, Qt.Key.Key_F7)
    assert browser.caret_on()
    shown = browser.document().toRawText()
    first = shown.index(text)
    _key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(len(shown)):
        if browser.textCursor().position() >= first:
            break
        _key(qtbot, Qt.Key.Key_Right)
    assert browser.textCursor().position() == first
    for _ in range(len(shown)):
        if browser.textCursor().position() >= first + len(text):
            break
        _key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert browser.textCursor().selectedText().replace("\u2029", "\n") == text


def _mark(qtbot: Any, window: Any, label: int, severity_steps: int, comment: str = "") -> None:
    """M, then in the dialog: the label's number, Tab, Down to the severity, Tab, the
    comment, Enter."""
    _key(qtbot, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SpanDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SpanDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.labels)
    _key(qtbot, Qt.Key(Qt.Key.Key_0 + label))
    _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.severity
    for _ in range(severity_steps):
        _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.comment
    if comment:
        qtbot.keyClicks(dialog.comment, comment)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and window.isActiveWindow())


def test_three_spans_by_keyboard_reach_the_result_bundle(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = Schema((SpansQuestion("spans"), RewriteQuestion("rewrite")))
    setup = _setup(tmp_path, _row(), schema)
    window = _window(qtbot, setup, monkeypatch)
    ws, order = window.ws, window.controller.order
    task_id = window.controller.task.id
    texts = {rid: window.controller.task.response(rid).text for rid in order.order}
    # The response written as TEXT_A, wherever the blind order put it, and its letter.
    rid_a = next(rid for rid, text in texts.items() if text == TEXT_A)
    rid_b = next(rid for rid, text in texts.items() if text == TEXT_B)
    letter_a = "A" if order.id_of("A") == rid_a else "B"
    letter_b = "B" if letter_a == "A" else "A"

    # Inside the code block: Unverifiable (4), major.
    _select(qtbot, window, letter_a, "return x * 2")
    _mark(qtbot, window, 4, 2)
    # Across the bold text: Incoherent (2), minor, with a comment.
    _select(qtbot, window, letter_a, "It is very important")
    _mark(qtbot, window, 2, 1, "Says nothing")
    # In a list item: Hallucination (6), critical.
    _select(qtbot, window, letter_b, "Turn off sync")
    _mark(qtbot, window, 6, 3)

    editor = _editor(window)
    assert len(editor.spans()) == 3
    shown = window.comparison.shown_spans()
    assert {s.chip for s in shown} == {
        "Unverifiable · major",
        "Incoherent · minor",
        "Hallucination · critical",
    }
    column = window.comparison.columns["AB".index(letter_a)].browser
    assert len(column.chips) == 2
    assert column.extraSelections()

    # The other response rewritten: W, Up to its base, W into the text, an added line.
    _key(qtbot, Qt.Key.Key_W)
    rewrite = window.answer_panel.current_editors()["rewrite"]
    assert isinstance(rewrite, RewriteEditor)
    for _ in range(6):  # back to the base chooser (from empty is allowed: W opens the text)
        if QApplication.focusWidget() is rewrite.chooser:
            break
        _key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is rewrite.chooser
    for _ in range(4):
        if rewrite.base == rid_b:
            break
        _key(qtbot, Qt.Key.Key_Up)  # from "Start empty" up to the responses
    assert rewrite.base == rid_b
    _key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # out of the chooser
    _key(qtbot, Qt.Key.Key_W)
    assert QApplication.focusWidget() is rewrite.edit
    _key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(rewrite.edit, " Then restart.")
    qtbot.waitUntil(lambda: "+2 words inserted" in rewrite.counts.text())

    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(task_id) is not None)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    result_path = setup["tmp"] / "alice.result"
    assert result_path.exists()
    window.close()
    ws.close()

    answers = verified_answers(
        result_path, setup["server"], setup["server_card"].with_name("alice.pub")
    )
    (row,) = answers
    spans = row["answers"]["spans"]

    def at(text: str, quote: str) -> tuple[int, int]:
        start = text.index(quote)
        return start, start + len(quote)

    expected = {
        (rid_a, *at(TEXT_A, "return x * 2"), "unverifiable", "major", ""),
        (rid_a, *at(TEXT_A, "It is **very important"), "incoherent", "minor", "Says nothing"),
        (rid_b, *at(TEXT_B, "Turn off `sync"), "hallucination", "critical", ""),
    }
    got = {
        (s["response"], s["start"], s["end"], s["label"], s["severity"], s.get("comment", ""))
        for s in spans
    }
    assert got == expected
    for s in spans:
        assert s["quote"] == texts[s["response"]][s["start"] : s["end"]]
    assert row["answers"]["rewrite"] == {"base": rid_b, "text": TEXT_B + " Then restart."}


def test_overlap_refused_delete_and_undo(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = Schema((SpansQuestion("spans", allow_overlap=False),))
    window = _window(qtbot, _setup(tmp_path, _row(), schema), monkeypatch)
    order = window.controller.order
    letter = "A" if window.controller.task.response(order.id_of("A")).text == TEXT_A else "B"
    messages: list[str] = []
    window.comparison.message.connect(messages.append)
    _select(qtbot, window, letter, "very important here")
    _mark(qtbot, window, 1, 0)
    _select(qtbot, window, letter, "It is very")
    _mark(qtbot, window, 3, 0)
    editor = _editor(window)
    assert len(editor.spans()) == 1
    assert any("overlap" in m for m in messages), messages
    assert "overlap" in editor.problem.text()
    qtbot.waitUntil(lambda: not window.controller.has_unsaved())  # the span is one edit

    # Delete in the list, then undo brings the span back.
    editor.focus_first()
    assert QApplication.focusWidget() is editor.list
    _key(qtbot, Qt.Key.Key_Delete)
    assert editor.spans() == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_editor(window).spans()) == 1)
    assert window.comparison.shown_spans()[0].chip == "Irrelevant"
    window.close()
    window.ws.close()


def test_prior_spans_are_suggestions_kept_or_removed(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_at = TEXT_B.index("settings")
    sync_at = TEXT_B.index("sync")
    prior = [
        {"start": settings_at, "end": settings_at + 8, "label": "irrelevant"},
        {"start": sync_at, "end": sync_at + 4, "label": "unsafe", "severity": "major"},
    ]
    schema = Schema((SpansQuestion("spans"),))
    window = _window(qtbot, _setup(tmp_path, _row(prior), schema), monkeypatch)
    editor = _editor(window)
    qtbot.waitUntil(lambda: len(editor.spans()) == 2)
    shown = window.comparison.shown_spans()
    assert all(s.suggestion for s in shown)
    assert all(s.chip.startswith("suggested: ") for s in shown)
    assert editor.list.item(0).text().startswith("Suggested: ")

    editor.focus_first()
    editor.list.setCurrentRow(0)
    _key(qtbot, Qt.Key.Key_K)  # kept: no longer a suggestion (K is not "previous task" here)
    assert not editor.is_suggestion(editor.spans()[0])
    assert [s.suggestion for s in window.comparison.shown_spans()] == [False, True]
    editor.list.setCurrentRow(1)
    _key(qtbot, Qt.Key.Key_Delete)  # removed
    assert [s["label"] for s in editor.spans()] == ["irrelevant"]
    # E edits the span: the dialog opens on its label; a severity and a comment added.
    editor.list.setCurrentRow(0)
    _key(qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SpanDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SpanDialog)
    assert dialog.labels.currentRow() == 0 and dialog.windowTitle() == "Edit span"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.labels)
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.comment, "Off topic")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.spans()[0]["severity"] == "minor")
    assert editor.spans()[0]["comment"] == "Off topic"
    assert editor.spans()[0]["quote"] == "settings"
    # Enter shows the span in its response, selected.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.list)
    editor.list.setCurrentRow(0)
    _key(qtbot, Qt.Key.Key_Return)
    focus = QApplication.focusWidget()
    assert focus in [c.browser for c in window.comparison.columns]
    assert focus.textCursor().selectedText() == "settings"
    window.close()
    window.ws.close()


SHOT_A = (
    "To speed this up, **cache the parsed config** once at start-up and reuse it; "
    "parsing it on every request costs about 40 ms.\n\n"
    "```python\n@lru_cache(maxsize=1)\ndef config():\n    return parse(open(PATH).read())\n```\n\n"
    "- Restart the server after changing the file.\n"
    "- The cache is **thread-safe** in every Python version.\n"
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_spans_screenshot(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """docs/spans.png (DOCKET_SCREENSHOT=path): a suggestion and two marked spans, the
    list beside them. Checks the chips are drawn whatever is saved."""
    claim = SHOT_A.index("in every Python version")
    prior = [{"start": claim, "end": claim + 23, "label": "unverifiable", "severity": "minor"}]
    row = _row()
    row["responses"][0] = {"id": "a", "model": "m1", "text": SHOT_A, "spans": prior}
    schema = Schema((SpansQuestion("spans", label="Mark what is wrong"),))
    setup = _setup(tmp_path, row, schema)
    setup["theme"] = theme
    window = _window(qtbot, setup, monkeypatch)
    if theme == "dark":
        window.set_theme("dark")
    editor = _editor(window)
    qtbot.waitUntil(lambda: len(editor.spans()) == 1)
    order = window.controller.order
    letter = (
        "A"
        if order.id_of("A")
        == next(rid for rid in order.order if window.controller.task.response(rid).text == SHOT_A)
        else "B"
    )
    _select(qtbot, window, letter, "costs about 40 ms")
    _mark(qtbot, window, 4, 1, "No measurement given")
    _select(qtbot, window, letter, "return parse(open(PATH).read())")
    _mark(qtbot, window, 7, 2)
    assert len(editor.spans()) == 3
    browser = window.comparison.columns["AB".index(letter)].browser
    assert len(browser.chips) == 3
    browser.setFocus()
    browser.moveCursor(browser.textCursor().MoveOperation.Start)
    QApplication.processEvents()
    image = browser.viewport().grab().toImage()
    assert not image.isNull()
    target = os.environ.get("DOCKET_SCREENSHOT")
    if target:
        path = Path(target)
        window.grab().save(str(path.with_name(f"{path.stem}-{theme}{path.suffix}")))
    window.close()
    window.ws.close()


def test_marking_on_the_raw_view_uses_the_offsets_themselves(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(
        qtbot, _setup(tmp_path, _row(), Schema((SpansQuestion("spans"),))), monkeypatch
    )
    order = window.controller.order
    letter = "A" if window.controller.task.response(order.id_of("A")).text == TEXT_A else "B"
    column = window.comparison.columns["AB".index(letter)]
    column.raw_button.setChecked(True)
    _select(qtbot, window, letter, "**very important**")
    _mark(qtbot, window, 1, 0)
    (span,) = _editor(window).spans()
    start = TEXT_A.index("**very important**")
    assert (span["start"], span["end"]) == (start, start + 18)
    assert column.browser.chips  # drawn on the raw text too
    # Differences: nothing to map; the status bar says so.
    messages: list[str] = []
    window.comparison.message.connect(messages.append)
    column.raw_button.setChecked(False)
    window.comparison.set_diff(True)
    browser = column.browser
    browser.setFocus()
    cursor = browser.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    _key(qtbot, Qt.Key.Key_M)
    assert any("not on differences" in m for m in messages), messages
    assert len(_editor(window).spans()) == 1
    window.close()
    window.ws.close()


def test_number_keys_in_the_dialog_pick_labels_not_the_preference(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = default_schema(2, spans=True)
    window = _window(qtbot, _setup(tmp_path, _row(), schema), monkeypatch)
    order = window.controller.order
    letter = "A" if window.controller.task.response(order.id_of("A")).text == TEXT_A else "B"
    _select(qtbot, window, letter, "That is all")
    _mark(qtbot, window, 3, 0)
    (span,) = _editor(window).spans()
    assert span["label"] == "redundant"
    assert "preference" not in window.answer_panel.answers()
    window.close()
    window.ws.close()


def test_a_mouse_selection_marks_the_same_span(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(
        qtbot, _setup(tmp_path, _row(), Schema((SpansQuestion("spans"),))), monkeypatch
    )
    order = window.controller.order
    letter = "A" if window.controller.task.response(order.id_of("A")).text == TEXT_B else "B"
    browser = window.comparison.columns["AB".index(letter)].browser
    shown = browser.document().toRawText()
    first = shown.index("settings")

    def point(position: int) -> Any:
        cursor = browser.textCursor()
        cursor.setPosition(position)
        return browser.cursorRect(cursor).center()

    viewport = browser.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point(first))
    qtbot.mouseMove(viewport, point(first + 8))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point(first + 8))
    assert browser.textCursor().selectedText() == "settings"
    assert QApplication.focusWidget() is browser
    _mark(qtbot, window, 1, 0)
    (span,) = _editor(window).spans()
    assert span["quote"] == "settings"
    assert span["start"] == TEXT_B.index("settings")
    window.close()
    window.ws.close()
