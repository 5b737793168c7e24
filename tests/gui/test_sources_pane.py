"""The Sources pane and citation links in the review window: a task with five documents,
a citation followed by a click and by the keyboard, a citation of no document, search in
the documents, the pane's absence for a task without documents, and its look (an
outline of what it shows, in both themes; see tests/gui/test_render_in_qt.py).

``DOCKET_SCREENSHOT=path.png`` saves the window on the demo's grounded task after the
keyboard has followed a citation, in the look of the app (Fusion, 10 pt), and
``path-dark.png`` in the dark theme: the README's docs/sources.png.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.documents import Document
from docket.core.task_loading import load_tasks_jsonl
from docket.demo import DEMO_GUIDELINES
from docket.render import to_html
from docket.render.theme import THEMES
from docket.settings import Settings
from docket.ui.dialogs import SHORTCUTS
from docket.ui.main_window import MainWindow
from docket.ui.sources_pane import COL_FOUND, DocumentsModel, ElidedLabel
from tests.gui.test_render_in_qt import outline
from tests.helpers import ROOT

OUTLINE = ROOT / "tests" / "render" / "sources_outline.json"
GROUNDED = ROOT / "resources" / "demo" / "grounded.jsonl"
DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"

DOCUMENTS = (
    Document("1", "Patients with a first unprovoked seizure ...", "NICE NG217 §1.2", "nice.org.uk"),
    Document("2", "Offer an EEG within 72 hours ...", "NICE NG217 §1.3"),
    Document(
        "3",
        "## Driving\n\nAfter a **first unprovoked seizure**, a car driver must stop driving "
        "for 6 months; the DVLA must be told.\n\nRecheck after 6 months.",
        "DVLA: Assessing fitness to drive (seizures)",
        "https://www.gov.uk/guidance/assessing-fitness-to-drive",
    ),
    Document("4", "MRI is the imaging of choice; driving advice is in section 3.", "NICE §1.4"),
    Document("5", "Antiseizure medicine is not usually offered after a single seizure.", "NICE"),
)
ANSWER_A = (
    "She must stop driving for 6 months and tell the DVLA [3]. An EEG should be offered "
    "within 72 hours [2], and MRI is preferred [4].\n\n"
    "`[3]` in code is not a citation. Medication is started at once [7]."
)
ANSWER_B = "Refer to a specialist [1, 2]; no driving restriction applies [5]."


def grounded_task() -> Task:
    return Task(
        "grounded",
        (Turn(Role.USER, "A 34-year-old had a first seizure. Can she drive?"),),
        (Response("a", ANSWER_A), Response("b", ANSWER_B)),
        documents=DOCUMENTS,
    )


def plain_task() -> Task:
    return Task(
        "plain",
        (Turn(Role.USER, "Sort [1, 3, 2]."),),
        (Response("x", "[1, 2, 3]"), Response("y", "Sorted: [1, 2, 3] [3]")),
    )


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, key_path: Path) -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([grounded_task(), plain_task()])
    w = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    assert w.open_task("grounded")
    return w


def column_of(w: MainWindow, response_id: str) -> int:
    assert w.controller.order is not None
    return w.controller.order.order.index(response_id)


def browser_of(w: MainWindow, response_id: str) -> QTextBrowser:
    return w.comparison.columns[column_of(w, response_id)].browser


def link_point(browser: QTextBrowser, start: int, end: int) -> QPoint:
    """The middle of a link's text, in the browser's viewport."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition((start + end) // 2)
    rect = browser.cursorRect(cursor)
    return QPoint(rect.x(), rect.center().y())


def test_clicking_a_citation_shows_its_document_and_never_opens_it(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "docket.ui.dialogs.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    asked: list[Any] = []
    monkeypatch.setattr("docket.ui.dialogs.QMessageBox.question", lambda *a: asked.append(a))
    sources = window.sources
    assert sources.isVisible() and sources.shown_document() == "1"
    index = column_of(window, "a")
    links = window.comparison.citations(index)
    assert [href.split("/")[1] for _, _, href in links] == ["3", "2", "4", "7"]
    start, end, _ = links[0]
    browser = browser_of(window, "a")
    assert browser.toPlainText()[start:end] == "[3]"
    with qtbot.wait_signal(sources.documentShown, timeout=2000) as shown:
        qtbot.mouseClick(
            browser.viewport(), Qt.MouseButton.LeftButton, pos=link_point(browser, start, end)
        )
    assert shown.args == ["3"]
    assert window.comparison.followed_citation() == (index, start, end)  # marked there
    assert sources.shown_document() == "3"
    assert sources.table.currentIndex().row() == 2
    assert sources.model.followed() == "3"
    assert sources.model.index(2, 0).data() == "▶ 3"
    letter = window.controller.order.label_of("a")
    assert sources.notice.text() == f"▶ Cited as [3] in Response {letter}: document 3"
    assert "first unprovoked seizure" in sources.browser.toPlainText()
    assert sources.heading.text() == "[3] DVLA: Assessing fitness to drive (seizures)"
    assert "shown as text, never opened" in sources.source.full_text()
    assert opened == [] and asked == []


def test_following_a_citation_by_keyboard(qtbot: Any, window: MainWindow) -> None:
    sources = window.sources
    browser = browser_of(window, "a")
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    qtbot.keyClick(browser, Qt.Key.Key_C)  # the window's "next citation"
    assert browser.textCursor().selectedText() == "[3]"
    qtbot.keyClick(browser, Qt.Key.Key_C)
    assert browser.textCursor().selectedText() == "[2]"
    qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert browser.textCursor().selectedText() == "[3]"
    assert sources.shown_document() == "1"  # moving does not follow
    with qtbot.wait_signal(sources.documentShown, timeout=2000):
        qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert sources.shown_document() == "3" and sources.model.followed() == "3"
    index = column_of(window, "a")
    assert window.comparison.followed_citation() == (
        index,
        *window.comparison.citations(index)[0][:2],
    )
    assert browser.hasFocus()  # C goes on from here
    # A click on another citation while [3] is selected marks the one clicked.
    start, end, _ = window.comparison.citations(index)[1]
    qtbot.mouseClick(
        browser.viewport(), Qt.MouseButton.LeftButton, pos=link_point(browser, start, end)
    )
    assert sources.shown_document() == "2"
    assert window.comparison.followed_citation() == (index, start, end)
    # From elsewhere, C starts in the response used last.
    window.task_list.view.setFocus()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_C)
    assert browser.hasFocus() and browser.textCursor().selectedText() == "[3]"
    # Tab and Shift+Tab, Qt's own way through links, reach citations too.
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert browser.textCursor().selectedText() == "[2]"
    # The keys are in the menus (with their keys in the tooltip) and in the F1 sheet.
    keys = {a.toolTip().replace("&", "") for a in window.findChildren(QAction)}
    assert {"Next citation (C)", "Previous citation (Shift+C)", "Focus the sources (O)"} <= keys
    assert "Find in documents (Ctrl+Shift+F)" in keys
    assert {"C / Shift+C", "O", "Ctrl+Shift+F"} <= set(dict(SHORTCUTS))


def test_a_citation_of_no_document_is_marked_in_words(qtbot: Any, window: MainWindow) -> None:
    browser = browser_of(window, "a")
    text = browser.toPlainText()
    assert "[7?]" in text and "[7]" not in text
    assert "`[3]`" not in text and "[3] in code" in text  # code is not a citation
    start, end, href = window.comparison.citations(column_of(window, "a"))[-1]
    assert text[start:end] == "[7?]" and href == "docket-citation:none/7"
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start + 1)
    unknown = cursor.charFormat()
    cursor.setPosition(window.comparison.citations(column_of(window, "a"))[0][0] + 1)
    known = cursor.charFormat()
    assert unknown.toolTip().startswith("No document “7” in this task")
    assert known.toolTip().startswith("Document 3: DVLA")
    assert unknown.background() != known.background()  # and a look of its own
    assert unknown.fontUnderline() != known.fontUnderline()
    # Following it says so, and leaves the shown document.
    window.sources.follow("3", "3", "Response A")
    browser.setFocus()
    for _ in range(4):
        qtbot.keyClick(browser, Qt.Key.Key_C)
    assert browser.textCursor().selectedText() == "[7?]"
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    notice = window.sources.notice
    assert notice.isVisible()
    letter = window.controller.order.label_of("a")
    assert (
        notice.text() == f"⚠ Response {letter} cites [7?]: there is no document “7” in this task."
    )
    assert window.sources.shown_document() == "3" and window.sources.model.followed() is None


def test_the_documents_list(window: MainWindow, qtmodeltester: Any) -> None:
    model = window.sources.model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    a, b = (window.controller.order.label_of(r) for r in ("a", "b"))
    assert rows == [
        ["1", "NICE NG217 §1.2", b],
        ["2", "NICE NG217 §1.3", "A, B"],
        ["3", "DVLA: Assessing fitness to drive (seizures)", a],
        ["4", "NICE §1.4", a],
        ["5", "NICE", b],
    ]
    assert "nice.org.uk" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "never opened" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    empty = DocumentsModel()
    qtmodeltester.check(empty)
    long = "smith-v-jones-2019-court-of-appeal-civil-division"
    empty.set_documents((*DOCUMENTS[:2], Document(long, "text")), {})
    assert empty.index(0, 2).data() == "not cited"
    assert empty.index(2, 0).data() == "smith-v-jones-2019-cour…"
    assert long in empty.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(empty)


def rendered_counts(query: str) -> dict[str, int]:
    """Matches per document in the text as shown, counted apart from the pane."""
    counts = {}
    for d in DOCUMENTS:
        doc = QTextDocument()
        doc.setHtml(to_html(d.text))
        n = doc.toPlainText().lower().count(query.lower())
        if n:
            counts[d.id] = n
    return counts


def test_search_in_the_documents(qtbot: Any, window: MainWindow) -> None:
    sources = window.sources
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sources.search.hasFocus()
    qtbot.keyClicks(sources.search, "driv")
    expected = rendered_counts("driv")
    assert expected == {"3": 3, "4": 1}  # a heading and text in 3, "driving advice" in 4
    matches = sources.matches()
    assert len(matches) == 4 and [m[0] for m in matches] == ["3", "3", "3", "4"]
    assert sources.status.text() == "Match 1 of 4 · in 2 of 5 documents"
    assert not sources.table.isColumnHidden(COL_FOUND)
    assert [sources.model.index(r, COL_FOUND).data() for r in range(5)] == ["0", "0", "3", "1", "0"]
    assert sources.shown_document() == "3"
    assert sources.browser.textCursor().selectedText().lower() == "driv"
    assert len(sources.browser.extraSelections()) == 3
    qtbot.keyClick(sources.search, Qt.Key.Key_Return)
    qtbot.keyClick(sources.search, Qt.Key.Key_Return)
    qtbot.keyClick(sources.search, Qt.Key.Key_Return)
    assert sources.shown_document() == "4" and sources.status.text().startswith("Match 4 of 4")
    qtbot.keyClick(sources.search, Qt.Key.Key_Return)  # wraps around
    assert sources.shown_document() == "3" and sources.status.text().startswith("Match 1 of 4")
    qtbot.keyClick(sources.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert sources.shown_document() == "4"
    sources.next_button.click()
    assert sources.status.text().startswith("Match 1 of 4")
    qtbot.keyClick(sources.search, Qt.Key.Key_F3)
    assert sources.status.text().startswith("Match 2 of 4")
    sources.search.setText("no such words")
    assert sources.status.text() == "No match in any document" and sources.matches() == []
    sources.search.setText("")
    assert sources.table.isColumnHidden(COL_FOUND) and sources.status.text() == ""


def test_the_pane_is_only_for_tasks_with_documents(qtbot: Any, window: MainWindow) -> None:
    assert window.sources.isVisible()
    assert window.open_task("plain")
    assert not window.sources.isVisible() and not window.sources.has_documents()
    # Without documents nothing in a response is a citation, and O says why nothing moves.
    assert window.comparison.citations(0) == [] and window.comparison.citations(1) == []
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert window.statusBar().currentMessage() == "Response A has no citations."
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert window.statusBar().currentMessage() == "This task has no source documents."
    assert window.open_task("grounded")
    assert window.sources.isVisible() and window.sources.shown_document() == "1"
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert window.sources.table.hasFocus()
    qtbot.keyClick(window.sources.table, Qt.Key.Key_Down)
    assert window.sources.shown_document() == "2"
    qtbot.keyClick(window.sources.table, Qt.Key.Key_Return)  # into the document, to read it
    assert window.sources.browser.hasFocus()


def test_every_control_of_the_pane_has_an_accessible_name(window: MainWindow) -> None:
    pane = window.sources
    controls = [pane.search, pane.previous_button, pane.next_button, pane.table, pane.browser]
    assert all(c.isVisibleTo(window) and c.accessibleName().strip() for c in controls)
    assert pane.browser.accessibleName() == "Document 1: NICE NG217 §1.2"


def test_locking_forgets_the_documents(qtbot: Any, window: MainWindow) -> None:
    window.sources.search.setText("seizure")
    window.lock()
    assert window.is_locked()
    pane = window.sources
    assert pane.model.rowCount() == 0 and pane.browser.toPlainText() == ""
    assert pane.search.text() == "" and not pane.search.isUndoAvailable()
    assert pane.heading.text() == "" and pane.source.full_text() == ""


def test_an_elided_source_keeps_its_whole_text(qtbot: Any) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(120, 20)
    label.set_full_text("Source: https://example.org/" + "a" * 200)
    assert "…" in label.text() and len(label.text()) < 60
    assert label.accessibleDescription().endswith("a" * 200)
    assert "a" * 200 in label.toolTip()


# --- the pane's look ---------------------------------------------------------------------


def pane_outline(w: MainWindow) -> dict[str, Any]:
    """What the pane shows, top to bottom: its labels, the list, the document's shape."""
    pane = w.sources
    model = pane.model
    shown = []
    widgets = (pane.title, pane.status, pane.search, pane.table, pane.notice, pane.heading)
    for widget in (*widgets, pane.source, pane.browser):
        if widget.isVisible():
            shown.append(
                (
                    widget.mapTo(pane, QPoint(0, 0)).y(),
                    widget.accessibleName() or widget.objectName() or type(widget).__name__,
                )
            )
    return {
        "widgets": [name for _, name in sorted(shown)],
        "title": pane.title.text(),
        "status": pane.status.text(),
        "rows": [
            [str(model.index(r, c).data()) for c in range(3)] for r in range(model.rowCount())
        ],
        "selected": pane.table.currentIndex().row(),
        "rows_in_view": sum(
            1
            for r in range(model.rowCount())
            if pane.table.viewport().rect().contains(pane.table.visualRect(model.index(r, 0)))
        ),
        "notice": pane.notice.text(),
        "heading": pane.heading.text(),
        "document": outline(pane.browser.document()),
    }  # fmt: skip


def colour_at(image: QImage, point: QPoint) -> QColor:
    """The colour at a point in widget coordinates (the image may be at 200 %)."""
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(round(point.x() * ratio), round(point.y() * ratio)))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_pane_after_following_a_citation(
    qtbot: Any, tmp_path: Path, key_path: Path, theme: str
) -> None:
    """A regression check of the pane's look: its outline (kept in
    tests/render/sources_outline.json; ``DOCKET_UPDATE_OUTLINES=1`` rewrites it after
    looking at the PNGs) and what its pixels must show: the followed row highlighted, the
    notice on its own background."""
    shot = os.environ.get("DOCKET_SCREENSHOT")
    if shot:  # a manual run: the app's style and font
        QApplication.setStyle("Fusion")
        font = QApplication.font()
        font.setPointSizeF(10)
        QApplication.setFont(font)
    ws = Workspace.open(tmp_path / "ws", key_path)
    grounded = load_tasks_jsonl(GROUNDED)
    # The screenshot shows the demo's task list; the test needs the grounded task only.
    ws.load_tasks(
        load_tasks_jsonl(DEMO) + grounded if shot else grounded,
        guidelines=DEMO_GUIDELINES if shot else "",
    )
    w = MainWindow(ws, key_path, Settings(theme=theme), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    assert w.open_task(grounded[0].id)
    # Follow the citation of § 16600.1 ([3]) in the answer that cites it, by keyboard.
    index = next(i for i in range(2) if any("/3/" in h for _, _, h in w.comparison.citations(i)))
    browser = w.comparison.columns[index].browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    for _ in range(20):
        qtbot.keyClick(browser, Qt.Key.Key_C)
        if browser.textCursor().selectedText() == "[3]":
            break
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    pane = w.sources
    assert pane.shown_document() == "3"
    QApplication.processEvents()
    image = pane.grab().toImage()
    path = tmp_path / f"sources-{theme}.png"
    assert image.save(str(path)) and path.stat().st_size > 10_000
    if shot:  # with the answer form at its flags (unsupported claim, wrong citation)
        w.answer_panel.focus_flags()
        QApplication.processEvents()
        target = (
            Path(shot) if theme == "light" else Path(shot).with_name(Path(shot).stem + "-dark.png")
        )
        w.grab().save(str(target))

    got = pane_outline(w)
    expected_all = json.loads(OUTLINE.read_text()) if OUTLINE.exists() else {}
    if os.environ.get("DOCKET_UPDATE_OUTLINES"):
        expected_all[theme] = got
        OUTLINE.write_text(json.dumps(expected_all, indent=1, ensure_ascii=False) + "\n")
    assert got == expected_all[theme]

    # The pixels: the notice has its background; the followed row is highlighted.
    t = THEMES[theme]
    notice_at = pane.notice.mapTo(pane, QPoint(pane.notice.width() - 4, pane.notice.height() // 2))
    assert colour_at(image, notice_at) == QColor(t.notice_background)
    table = pane.table
    row = table.visualRect(pane.model.index(2, 1))
    row_at = table.viewport().mapTo(pane, QPoint(row.right() - 3, row.center().y()))
    highlight = table.palette().color(table.palette().ColorRole.Highlight)
    assert colour_at(image, row_at).name() == highlight.name()
    other = table.visualRect(pane.model.index(0, 1))
    other_at = table.viewport().mapTo(pane, QPoint(other.right() - 3, other.center().y()))
    assert colour_at(image, other_at).name() != highlight.name()
