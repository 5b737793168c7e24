"""Hidden characters in the window: marks in the rendered, raw and differences views,
the line above a task that has any, tooltips naming them, and the question asked before
a link opens (host in punycode, mixed scripts said in words, escapes not decoded).

``DOCKET_SCREENSHOT=path.png`` saves the window on a task with the "10 mg" trick and a
Trojan Source code block, in the look of the app (Fusion, 10 pt), light theme, and
``path-dark.png`` in the dark one: the README's docs/hidden-characters.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QUrl
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip, QWidget

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.render import LIGHT
from docket.render.hidden import HIDDEN_RANGES
from docket.settings import Settings
from docket.ui.comparison_view import ComparisonView, SafeBrowser
from docket.ui.dialogs import confirm_and_open_link, link_question
from docket.ui.main_window import MainWindow
from docket.ui.reviews_panel import ReviewsPanel
from tests.gui.screenshots import screenshot_target

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
DOSE = f"Take {RLO}01{PDF} mg of melatonin an hour before bed."
TROJAN = (  # a "stretched string": an editor shows the comment outside the string
    "```python\n"
    'role = "user"\n'
    f'if role != "user{RLO} {LRI}# admin{PDI} {LRI}":\n'
    "    grant_admin()\n"
    "```"
)
HONEST = (
    "Take 1 mg to 3 mg of melatonin an hour before bed.\u200b\n\n"
    "```python\n"
    "if user.is_admin:\n"
    "    grant_admin()\n"
    "```"
)
ALL_HIDDEN = frozenset(cp for low, high in HIDDEN_RANGES for cp in range(low, high + 1))


def hidden_task() -> Task:
    return Task(
        "hidden",
        (
            Turn(
                Role.USER,
                "How much melatonin should an adult take? And how do I let only admins "
                "in, in Python?",
            ),
        ),
        (Response("a", f"{DOSE}\n\n{TROJAN}"), Response("b", HONEST)),
    )


def clean_task() -> Task:
    return Task(
        "clean",
        (Turn(Role.USER, "Hi"),),
        (Response("x", "Hello 👩‍💻 ❤️"), Response("y", "Hello")),
    )


def raw_characters(doc: QTextDocument) -> set[str]:
    """Characters of the set in a document's text (the view shows what its text is)."""
    return {f"U+{ord(c):04X}" for c in doc.toPlainText() if ord(c) in ALL_HIDDEN}


def tooltips(doc: QTextDocument) -> list[str]:
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            tip = it.fragment().charFormat().toolTip()
            if tip:
                found.append(tip)
            it += 1
        block = block.next()
    return found


@pytest.fixture
def view(qtbot: Any) -> ComparisonView:
    v = ComparisonView(LIGHT)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    v.set_task(hidden_task(), DisplayOrder(("a", "b")))
    return v


def test_rendered_responses_show_marks_not_the_characters(view: ComparisonView) -> None:
    a, b = (view.columns[i].browser.document() for i in (0, 1))
    text = a.toPlainText()
    assert "Take ⟨RLO⟩01⟨PDF⟩ mg" in text
    assert 'if role != "user⟨RLO⟩ ⟨LRI⟩# admin⟨PDI⟩ ⟨LRI⟩":' in text
    assert raw_characters(a) == set() and raw_characters(b) == set()
    assert "⟨ZWSP⟩" in b.toPlainText()
    tips = tooltips(a)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE (hidden character)" in tips
    assert "U+2066 LEFT-TO-RIGHT ISOLATE (hidden character)" in tips


def test_raw_view_shows_marks_and_the_text_exactly(view: ComparisonView) -> None:
    column = view.columns[0]
    column.raw_button.click()
    doc = column.browser.document()
    assert doc is column.scratch
    text = doc.toPlainText()
    assert "```python" in text  # the raw markdown, not rendered
    assert "Take ⟨RLO⟩01⟨PDF⟩ mg" in text
    assert 'if role != "user⟨RLO⟩ ⟨LRI⟩# admin⟨PDI⟩ ⟨LRI⟩":' in text
    assert "    grant_admin()" in text  # indentation kept
    assert raw_characters(doc) == set()
    assert "U+202C POP DIRECTIONAL FORMATTING (hidden character)" in tooltips(doc)
    column.raw_button.click()
    assert column.browser.document() is not column.scratch


def test_raw_view_of_a_clean_response_is_plain_text(qtbot: Any) -> None:
    v = ComparisonView(LIGHT)
    qtbot.addWidget(v)
    v.set_task(clean_task(), DisplayOrder(("x", "y")))
    column = v.columns[0]
    column.raw_button.click()
    assert column.browser.toPlainText() == "Hello 👩‍💻 ❤️"  # emoji sequences untouched
    assert not v.hidden_notice.isVisibleTo(v)


def test_differences_show_a_hidden_character_as_a_difference(view: ComparisonView) -> None:
    view.set_diff(True)
    a, b = (view.columns[i].browser for i in (0, 1))
    assert "⟨RLO⟩01⟨PDF⟩" in a.toPlainText() and "⟨ZWSP⟩" in b.toPlainText()
    assert raw_characters(a.document()) == set() and raw_characters(b.document()) == set()
    cursor = a.document().find("⟨RLO⟩")
    assert "line-through" in a.toHtml() and not cursor.isNull()
    view.set_diff(False)


def test_the_task_says_it_has_hidden_characters(view: ComparisonView, qtbot: Any) -> None:
    notice = view.hidden_notice
    assert notice.isVisibleTo(view)
    assert notice.text() == (
        "⚠ 7 hidden characters in Response A and Response B (6 bidirectional controls, "
        "1 zero-width character), shown as marks such as ⟨RLO⟩."
    )
    assert notice.accessibleName() == "Hidden characters in this task"
    assert "display differently from what it is" in notice.toolTip()
    assert notice.accessibleDescription() == notice.toolTip()
    view.set_task(clean_task(), DisplayOrder(("x", "y")))
    assert not notice.isVisibleTo(view) and notice.text() == ""
    view.set_task(hidden_task(), DisplayOrder(("b", "a")))  # another reviewer's order
    assert "in Response A and Response B" in notice.text()
    view.set_task(
        Task(
            "conv",
            (Turn(Role.USER, "a\u200bb"), Turn(Role.ASSISTANT, "ok"), Turn(Role.USER, "c")),
            (Response("x", "fine"), Response("y", "fine")),
        ),
        DisplayOrder(("x", "y")),
    )
    assert notice.text().startswith("⚠ 1 hidden character in the conversation (1 zero-width")
    view.clear()
    assert not notice.isVisibleTo(view)


# Showing a tooltip raises its window, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$")
def test_a_mark_tooltip_names_the_character(view: ComparisonView, qtbot: Any) -> None:
    browser = view.columns[0].browser
    cursor = browser.document().find("⟨RLO⟩")
    assert not cursor.isNull()
    start = QTextCursor(cursor)
    start.setPosition(cursor.selectionStart() + 2)
    point = browser.cursorRect(start).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point))
    QApplication.sendEvent(browser.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "U+202E RIGHT-TO-LEFT OVERRIDE (hidden character)"
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def asked(monkeypatch: pytest.MonkeyPatch, url: str) -> tuple[str, list[str]]:
    """The question shown before ``url`` opens (answered No), and what was opened."""
    questions: list[str] = []
    opened: list[str] = []

    def question(parent: QWidget, title: str, text: str, *a: Any) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(
        "docket.ui.dialogs.QDesktopServices.openUrl", lambda u: opened.append(u.toString())
    )
    parent = QWidget()
    confirm_and_open_link(parent, QUrl(url))
    assert len(questions) == 1
    return questions[0], opened


@pytest.mark.parametrize("url", ["https://xn--pypal-4ve.com", "https://pаypal.com"])
def test_a_look_alike_host_is_shown_in_punycode_and_flagged(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    text, opened = asked(monkeypatch, url)
    lines = text.split("\n")
    assert lines[:4] == ["Open this link in your web browser?", "", "https://xn--pypal-4ve.com", ""]
    assert "Site: xn--pypal-4ve.com" in lines
    assert "pаypal.com" not in lines[2]
    assert any(
        line.startswith("⚠ Mixed scripts in the site's name:")
        and "Latin and Cyrillic" in line
        and "U+0430 CYRILLIC SMALL LETTER A" in line
        for line in lines
    )
    assert lines[-1] == "It was written by a model; it may be wrong or unsafe."
    assert opened == []


def test_percent_escapes_are_shown_as_written(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _ = asked(monkeypatch, "https://example.org/a%2Fb/%E2%80%AEtxt.exe?q=%3Cx%3E")
    lines = text.split("\n")
    assert lines[2] == "https://example.org/a%2Fb/%E2%80%AEtxt.exe?q=%3Cx%3E"
    assert "Site: example.org" in lines
    assert (
        "⚠ The address contains 1 hidden character (encoded in the address shown): "
        "⟨RLO⟩ U+202E RIGHT-TO-LEFT OVERRIDE." in lines
    )
    assert "\u202e" not in text


def test_an_ordinary_link_gets_the_plain_question(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, _ = asked(monkeypatch, "https://example.org/path?q=1")
    assert text == (
        "Open this link in your web browser?\n\nhttps://example.org/path?q=1\n\n"
        "Site: example.org\n\nIt was written by a model; it may be wrong or unsafe."
    )
    assert "⚠" not in text


def test_an_invalid_address_is_not_opened(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked to open"))
    assert link_question(QUrl(f"https://pa{RLO}ypal.com/")) is None
    confirm_and_open_link(QWidget(), QUrl(f"https://pa{RLO}ypal.com/"))
    assert warned == ["This link is not a valid web address; it is not opened."]


def test_a_link_in_a_response_reaches_the_question_with_its_host_encoded(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    v = ComparisonView(LIGHT)
    qtbot.addWidget(v)
    v.set_task(
        Task(
            "link",
            (Turn(Role.USER, "Where do I pay?"),),
            (Response("x", "Pay at [pаypal.com](https://pаypal.com/login)."), Response("y", "-")),
        ),
        DisplayOrder(("x", "y")),
    )
    requested: list[QUrl] = []
    v.linkRequested.connect(requested.append)
    browser: SafeBrowser = v.columns[0].browser
    href = browser.document().find("pаypal.com").charFormat().anchorHref()
    browser.anchorClicked.emit(QUrl(href))
    assert len(requested) == 1
    question = link_question(requested[0])
    assert question is not None and "https://xn--pypal-4ve.com/login" in question
    assert "Mixed scripts" in question


def test_window_screenshot(qtbot: Any, tmp_path: Path, key_path: Path) -> None:
    """The window on the task, response B raw, in both themes (the picture: the
    comparison view)."""
    shot = screenshot_target()
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([hidden_task()])
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1500, 520)
    if shot:  # room for the responses: the picture is of the comparison view
        window.tasks_dock.hide()
        window.guidelines.hide()
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    comparison = window.comparison
    assert comparison.hidden_notice.isVisible()
    order = window.controller.order
    raw = comparison.columns[order.order.index("b")]
    raw.raw_button.click()
    for theme in ("light", "dark"):
        window.set_theme(theme)
        for column in comparison.columns[:2]:
            assert raw_characters(column.browser.document()) == set()
        assert "⟨RLO⟩" in comparison.columns[order.order.index("a")].browser.toPlainText()
        assert "⟨ZWSP⟩" in raw.browser.toPlainText()
        if shot:
            QApplication.processEvents()
            path = shot
            if theme == "dark":
                path = path.with_name(f"{path.stem}-dark{path.suffix}")
            comparison.grab().save(str(path))
    window.set_theme("light")
    window.close()
    ws.close()


def test_reviewers_rationales_in_the_adjudication_panel_are_marked(qtbot: Any) -> None:
    panel = ReviewsPanel(LIGHT)
    qtbot.addWidget(panel)
    review = {
        "reviews": [
            {
                "reviewer": f"bob{RLO}",
                "answers": {"preference": {"choice": 2}, "rationale": f"B gives {RLO}01{PDF} mg."},
                "time_spent_s": 30,
            }
        ],
        "severity": 1,
    }
    panel.show_reviews(review, DisplayOrder(("a", "b")))
    doc = panel.browser.document()
    assert "B gives ⟨RLO⟩01⟨PDF⟩ mg." in doc.toPlainText() and "bob⟨RLO⟩" in doc.toPlainText()
    assert raw_characters(doc) == set()
