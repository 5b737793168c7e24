"""PII in the review window: possible PII underlined with a badge and a tooltip in the
prompt and the responses, a finding dismissed (and restored) from the context menu and
from the pii question's list, a missed name marked by keyboard, the PII flag suggested
and set only by the reviewer; both corrections reach the result bundle. Without a pii
question the underlines stay and nothing can be corrected; a detector failure does not
stop review."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from docket import Workspace
from docket.bundles import keys
from docket.bundles.task_bundle import build_task_bundle
from docket.core import Response, Role, Task, Turn
from docket.core.pii import Finding, Severity
from docket.core.schema import FlagsQuestion, PiiQuestion, Schema
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from docket.ui.pii_list import PiiEditor
from docket.ui.pii_marking import PiiTypeDialog
from tests.gui.keyboard import activate, focused
from tests.helpers import verified_answers

pytestmark = pytest.mark.gui

PROMPT = "My daughter Ana has a fever. You can reach me at 555-010-4477."
TEXT_A = (
    "Call **Dr. Alvarez** at 555-010-2233 today, or write to clinic@example.org.\n\n"
    "- Keep her hydrated.\n- Check her temperature every 4 hours."
)
TEXT_B = "Give her fluids and rest. If the fever lasts past 3 days, see a doctor."
PHONE = "555-010-2233"
EMAIL = "clinic@example.org"
NAME = "Alvarez"


def _row(**extra: Any) -> dict[str, Any]:
    return {
        "id": "t1",
        "prompt": PROMPT,
        "responses": [
            {"id": "a", "model": "m1", "text": TEXT_A},
            {"id": "b", "model": "m2", "text": TEXT_B},
        ],
        **extra,
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


def _setup_unscanned(tmp_path: Path, task: Task, schema: Schema) -> dict[str, Any]:
    """A bundle built as pack builds it but without pack's scan: the task carries
    exactly the findings given (``task.pii``; None: never scanned) and the form is as
    given (pack would add a pii question)."""
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    alice = keys.load_secret_key(tmp_path / "keys" / "alice.key")
    data, _ = build_task_bundle(
        tasks=[(task, schema)],
        server=server,
        reviewer=alice.card(),
        project="unscanned",
        guidelines="",
        sealed={"gold": {}, "reference": {}, "originals": {}},
        expires_days=None,
    )
    bundle = tmp_path / "unscanned.docket"
    bundle.write_bytes(data)
    return {
        "tmp": tmp_path,
        "bundle": bundle,
        "key": tmp_path / "keys" / "alice.key",
        "server_card": tmp_path / "keys" / "server.pub",
        "server": server,
    }


def _task(pii: tuple[Finding, ...] | None) -> Task:
    return Task(
        "t1",
        (Turn(Role.USER, PROMPT),),
        (Response("r-a", TEXT_A), Response("r-b", TEXT_B)),
        pii=pii,
    )


def _window(
    qtbot: Any, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch, theme: str = "light"
) -> Any:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup["bundle"]), ""))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(setup["tmp"] / "alice.result"), "")
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text: pytest.fail(f"warning: {text}")
    )
    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    settings = Settings(server_card=str(setup["server_card"]), theme=theme)
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


def _key(
    qtbot: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = focused(qtbot)
    qtbot.keyClick(target, key, mods)


def _column(window: Any, text: str) -> tuple[int, Any]:
    order = window.controller.order
    rid = next(r for r in order.order if window.controller.task.response(r).text == text)
    index = order.order.index(rid)
    return index, window.comparison.columns[index].browser


def _select(qtbot: Any, window: Any, index: int, text: str) -> None:
    """Keyboard only: focus the response (Alt+N), caret on (F7), arrows to ``text``,
    Shift+arrows over it."""
    _key(qtbot, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.AltModifier)
    browser = window.comparison.columns[index].browser
    assert QApplication.focusWidget() is browser
    if not browser.caret_on():
        _key(qtbot, Qt.Key.Key_F7)
    shown = browser.document().toRawText()
    first = shown.index(text)
    _key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(len(shown)):
        if browser.textCursor().position() >= first:
            break
        _key(qtbot, Qt.Key.Key_Right)
    for _ in range(len(shown)):
        if browser.textCursor().position() >= first + len(text):
            break
        _key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert browser.textCursor().selectedText() == text


def _underline(window: Any, browser: Any, text: str) -> QTextCharFormat.UnderlineStyle:
    position = browser.document().toRawText().index(text) + 1
    return window.comparison.pii_format_at(browser, position).underlineStyle()


def _editor(window: Any) -> PiiEditor:
    editor = window.answer_panel.current_editors()["pii"]
    assert isinstance(editor, PiiEditor)
    return editor


FORM = Schema((FlagsQuestion("flags"), PiiQuestion("pii")))


def test_underlined_dismissed_marked_and_in_the_result_bundle(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = _setup(tmp_path, _row(), FORM)
    window = _window(qtbot, setup, monkeypatch)
    ws, comparison = window.ws, window.comparison
    task_id = window.controller.task.id
    index_a, browser_a = _column(window, TEXT_A)
    rid_a = window.controller.order.order[index_a]
    # Packed without findings: the window scans the task itself, off the UI thread.
    qtbot.waitUntil(lambda: len(comparison.shown_pii()) >= 3)

    # The planted phone number: a wavy underline, a badge and a tooltip.
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    qtbot.waitUntil(lambda: _underline(window, browser_a, PHONE) == wave)
    assert _underline(window, browser_a, "Keep her") == QTextCharFormat.UnderlineStyle.NoUnderline
    assert "⚠ PII: phone" in [label for _, label in browser_a.chips]
    at_phone = browser_a.document().toRawText().index(PHONE) + 2
    assert browser_a.tip_at(at_phone) == "Possible PII: phone or fax number (high severity)"
    # ... and the prompt's phone number, in the prompt pane.
    prompt = comparison.prompt
    assert _underline(window, prompt, "555-010-4477") == wave
    assert "⚠ PII: phone" in [label for _, label in prompt.chips]

    # The PII flag is suggested beside response A's flags (not set), and B has no hint.
    flags = window.answer_panel.current_editors()["flags"]
    hint = flags.pii_hints[index_a]
    assert hint.is_shown() and hint.button.isVisible() and "2 findings" in hint.label.text()
    other = flags.pii_hints[1 - index_a]
    assert not other.is_shown() and not other.button.isVisible() and not other.label.text()
    assert flags.value() is None

    # Dismiss the email from the context menu of the finding, then restore it there.
    at_email = browser_a.document().toRawText().index(EMAIL) + 1
    actions = comparison.pii_actions(browser_a, at_email)
    assert [a.text() for a in actions] == ["&Dismiss: not PII (email address)"]
    actions[0].trigger()
    editor = _editor(window)
    assert [d.type for d in editor.answer().dismissed] == ["EMAIL"]
    dotted = QTextCharFormat.UnderlineStyle.DotLine
    assert _underline(window, browser_a, EMAIL) == dotted
    assert "Dismissed" in (browser_a.tip_at(at_email) or "")
    (restore,) = comparison.pii_actions(browser_a, at_email)
    assert restore.text().startswith("&Restore")
    restore.trigger()
    assert editor.value() is None
    assert _underline(window, browser_a, EMAIL) == wave

    # Dismiss it again from the pii question's list, by keyboard: D on its row.
    assert window.answer_panel.focus_question("pii")
    assert QApplication.focusWidget() is editor.list
    rows = [editor.list.item(i).text() for i in range(editor.list.count())]
    email_row = next(i for i, text in enumerate(rows) if EMAIL in text)
    _key(qtbot, Qt.Key.Key_Home)
    for _ in range(email_row):
        _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_D)
    assert editor.list.item(email_row).text().startswith("Dismissed:")
    assert editor.dismiss_button.text() == "Restore"
    assert _underline(window, browser_a, EMAIL) == dotted
    assert "1 finding" in hint.label.text()

    # Mark the missed name by keyboard: select it, Ctrl+Shift+P, Enter (Person name).
    _select(qtbot, window, index_a, NAME)
    _key(
        qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PiiTypeDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    assert dialog.choice() == "PERSON"
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(editor.marks()) == 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is browser_a)
    assert _underline(window, browser_a, NAME) == wave
    assert "✎ PII: name" in [label for _, label in browser_a.chips]

    # The reviewer sets the PII flag from the hint's button (never set for them).
    hint.button.click()
    assert flags.value() == {rid_a: ["pii"]}
    assert not hint.is_shown() and not hint.button.isVisible() and not hint.label.text()

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(task_id) is not None)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    result_path = setup["tmp"] / "alice.result"
    qtbot.waitUntil(result_path.exists)
    window.close()
    ws.close()

    (row,) = verified_answers(
        result_path, setup["server"], setup["server_card"].with_name("alice.pub")
    )
    start = TEXT_A.index(NAME)
    email = TEXT_A.index(EMAIL)
    assert row["answers"]["pii"] == {
        "marked": [
            {
                "target": rid_a,
                "start": start,
                "end": start + len(NAME),
                "quote": NAME,
                "type": "PERSON",
            }
        ],
        "dismissed": [
            {"target": rid_a, "start": email, "end": email + len(EMAIL), "type": "EMAIL"}
        ],
    }
    assert row["answers"]["flags"] == {rid_a: ["pii"]}


def test_packed_findings_show_at_once_and_no_pii_question_means_no_corrections(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings a bundle carries are drawn as the task opens (no scan); a form without
    a pii question shows them but offers no correction."""
    start = TEXT_B.index("3 days")
    packed = (Finding("DATE_OF_BIRTH", start, start + 6, 0.5, Severity.HIGH, "r-b"),)
    setup = _setup_unscanned(tmp_path, _task(packed), Schema((FlagsQuestion("flags"),)))
    calls: list[str] = []
    monkeypatch.setattr("docket.workspace.scan_task", lambda task, **k: calls.append(task.id))
    window = _window(qtbot, setup, monkeypatch)
    assert window.controller.task.pii is not None
    index_b, browser_b = _column(window, TEXT_B)
    # Shown on the response it was packed for.
    assert [m.target for m in window.comparison.shown_pii()] == [
        window.controller.order.order[index_b]
    ]
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    assert _underline(window, browser_b, "3 days") == wave
    assert calls == []  # packed findings: nothing scanned
    assert (
        window.comparison.pii_actions(browser_b, browser_b.document().toRawText().index("3 days"))
        == []
    )
    messages: list[str] = []
    window.pii_marker.notice.connect(messages.append)
    _select(qtbot, window, index_b, "fluids")
    _key(
        qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert messages == ["This form has no PII question: possible PII is only shown."]
    window.close()
    window.ws.close()


def test_a_detector_failure_leaves_review_going(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(task: Any, **_k: Any) -> Any:
        raise RuntimeError("model file missing")

    monkeypatch.setattr("docket.workspace.scan_task", broken)
    setup = _setup_unscanned(tmp_path, _task(None), FORM)  # never scanned: the window scans
    window = _window(qtbot, setup, monkeypatch)
    editor = _editor(window)
    qtbot.waitUntil(lambda: "detector failed" in editor.notice.text())
    assert window.comparison.shown_pii() == []
    task_id = window.controller.task.id
    window.answer_panel.current_editors()["flags"].boxes[0][0].click()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ws.answer(task_id) is not None)
    window.close()
    window.ws.close()


SHOT_A = (
    "Thanks for the details. I have booked **Maria Keller** for a follow-up visit.\n\n"
    "- Phone: 555-010-2233\n"
    "- Email: m.keller@example.org\n"
    "- Bring the referral letter and your medication list.\n"
)
SHOT_B = (
    "I cannot book visits, but the clinic's front desk can: call 555-010-8800 "
    "during opening hours and mention the referral."
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_pii_screenshot(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """docs/pii.png (DOCKET_SCREENSHOT=path): a phone number, an email and a marked name
    in a response, the PII list beside them with one finding dismissed."""
    row = {
        "id": "t1",
        "prompt": "Please book a follow-up for me after the blood test.",
        "responses": [
            {"id": "a", "model": "m1", "text": SHOT_A},
            {"id": "b", "model": "m2", "text": SHOT_B},
        ],
    }
    setup = _setup(tmp_path, row, FORM)
    window = _window(qtbot, setup, monkeypatch, theme)
    index, browser = _column(window, SHOT_A)
    qtbot.waitUntil(lambda: len(window.comparison.shown_pii()) == 3)
    editor = _editor(window)
    _select(qtbot, window, index, "Maria Keller")
    window.pii_marker.mark()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PiiTypeDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(editor.marks()) == 1)
    other = next(f for f in editor.findings() if f.target != window.controller.order.order[index])
    editor.set_dismissed(other, True)
    assert len(browser.chips) == 3
    browser.setFocus()
    browser.moveCursor(browser.textCursor().MoveOperation.Start)
    window.answer_panel.focus_question("pii")
    QApplication.processEvents()
    target = os.environ.get("DOCKET_SCREENSHOT")
    if target:
        path = Path(target)
        window.grab().save(str(path.with_name(f"{path.stem}-{theme}{path.suffix}")))
    window.close()
    window.ws.close()


def test_a_task_with_too_many_findings_shows_the_first_ones_and_says_so(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    """A bundle may carry any number of findings; the window draws and lists at most
    MAX_SHOWN_FINDINGS of them and says how many there are."""
    from docket.core import Response, Role, Task, Turn
    from docket.ui.pii_marking import MAX_SHOWN_FINDINGS

    text = "id " * (MAX_SHOWN_FINDINGS + 100)
    many = tuple(
        Finding("OTHER_ID", 3 * i, 3 * i + 2, 0.5, Severity.MEDIUM, "a")
        for i in range(MAX_SHOWN_FINDINGS + 100)
    )
    task = Task("t", (Turn(Role.USER, "Q"),), (Response("a", text), Response("b", "B")), pii=many)
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task], schema=FORM)
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    activate(qtbot, window)
    editor = _editor(window)
    qtbot.waitUntil(lambda: editor.notice.isVisible())
    assert f"first {MAX_SHOWN_FINDINGS:,} of {MAX_SHOWN_FINDINGS + 100:,}" in editor.notice.text()
    assert len(editor.findings()) == MAX_SHOWN_FINDINGS
    assert len(window.comparison.shown_pii()) == MAX_SHOWN_FINDINGS
    window.close()
    ws.close()


def test_findings_in_conversation_turns_are_underlined_and_marked_in_the_prompt_pane(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    from PySide6.QtGui import QTextCursor

    from docket.core import Response, Role, Task, Turn

    turns = (
        Turn(Role.SYSTEM, "You answer for the clinic at 555-010-1111."),
        Turn(Role.USER, "Hi, I am **Ana**."),
        Turn(Role.ASSISTANT, "Hello Ana, how can I help?"),
        Turn(Role.USER, "Call me at 555-010-2222 about my results."),
    )
    task = Task("c", turns, (Response("a", "Sure."), Response("b", "I will.")))
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task], schema=FORM)
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1200, 900)
    window.show()
    qtbot.waitUntil(lambda: len(window.comparison.shown_pii()) == 3)
    # The two phone numbers and the name in the assistant's turn ("Hello Ana").
    assert {m.target for m in window.comparison.shown_pii()} == {"turn:0", "turn:2", "turn:3"}
    prompt = window.comparison.prompt
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    for number in ("555-010-1111", "555-010-2222"):
        assert _underline(window, prompt, number) == wave
    assert _underline(window, prompt, "how can I help") != wave
    # A selection in the pane maps to its turn and raw offsets (past the markdown).
    shown = prompt.document().toRawText()
    cursor = QTextCursor(prompt.document())
    cursor.setPosition(shown.index("Ana."))
    cursor.setPosition(shown.index("Ana.") + 3, QTextCursor.MoveMode.KeepAnchor)
    prompt.setTextCursor(cursor)
    raw = turns[1].content.index("Ana")
    assert window.comparison.raw_selection(prompt) == ("turn:1", raw, raw + 3)
    editor = _editor(window)
    assert editor.add_mark("turn:1", raw, raw + 3, "PERSON") is None
    assert _underline(window, prompt, "Ana.") == wave
    assert "Turn 2 · Person name" in editor.list.item(editor.list.count() - 1).text()
    window.close()
    ws.close()
