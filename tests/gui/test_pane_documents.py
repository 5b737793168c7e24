"""The response and prompt documents: they keep their shaped text between paints (the
same pixels as before, in both directions of writing; the cache on every block of the
documents a move shows), and those laid out ahead beyond the few kept are deleted at
once, never one a pane shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QTextEdit
from shiboken6 import Shiboken

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.render import to_html
from docket.render.theme import DARK, LIGHT
from docket.settings import Settings
from docket.ui.comparison_view import MAX_DOCUMENTS, ComparisonView, SafeBrowser, keep_shaped_text
from docket.ui.main_window import MainWindow
from docket.ui.math_images import MathDocument

TEXT = (
    "# Notes\n\nA **bold** claim, `code`, and a list:\n\n- one\n- two\n\n"
    "مرحبا بالعالم، هذا نص عربي طويل بعض الشيء.\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n" + "More words to wrap. " * 60
)


def painted(qtbot: Any, keep: bool) -> tuple[QImage, QImage]:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(360, 500)
    doc = MathDocument(browser)
    doc.setDocumentMargin(12)
    doc.setHtml(to_html(TEXT, theme=LIGHT))
    if keep:
        keep_shaped_text(doc)
    browser.setDocument(doc)
    browser.show()
    qtbot.waitExposed(browser)
    first = browser.viewport().grab().toImage()
    second = browser.viewport().grab().toImage()  # painted again from what was kept
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum() // 2)
    third = browser.viewport().grab().toImage()
    assert first == second
    return first, third


def test_kept_shaped_text_paints_the_same_pixels(qtbot: Any) -> None:
    assert painted(qtbot, keep=True) == painted(qtbot, keep=False)


def test_a_move_shows_documents_that_keep_their_shaped_text(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(
        [
            Task(
                f"t{i}",
                (Turn(Role.USER, f"Question {i}?\n\nSecond paragraph."),),
                tuple(Response(f"r{j}", TEXT, f"m{j}") for j in range(3)),
            )
            for i in range(3)
        ]
    )
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    window.next_task()
    qtbot.waitUntil(
        lambda: window.controller.task is not None and window.controller.task.id == "t1"
    )
    docs = [window.comparison.prompt.document()] + [
        c.browser.document() for c in window.comparison.columns
    ]
    for doc in docs:
        block, blocks = doc.begin(), 0
        while block.isValid():
            assert block.layout().cacheEnabled()
            block, blocks = block.next(), blocks + 1
        assert blocks > 1
    window.close()
    ws.close()


def test_documents_beyond_those_kept_are_deleted_at_once_never_a_shown_one(qtbot: Any) -> None:
    view = ComparisonView(DARK)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    tasks = [
        Task(
            f"t{i}",
            (Turn(Role.USER, f"Question {i}?"),),
            tuple(Response(f"r{j}", f"Answer {j} of {i}.\n\n{TEXT}", f"m{j}") for j in range(3)),
        )
        for i in range(12)
    ]
    order = DisplayOrder(("r0", "r1", "r2"))
    view.set_task(tasks[0], order)
    shown = [view.prompt.document()] + [c.browser.document() for c in view.columns]
    for task in tasks[1:]:  # laid out ahead, as while the reviewer reads
        view.prefetch(task, order)
    # No event loop has run (deleteLater would still hold them all): 11 tasks x 4
    # documents were made, the kept ones are all that is left.
    kept = view.findChildren(MathDocument, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert len(kept) == MAX_DOCUMENTS
    assert all(any(doc is k for k in kept) for doc in shown)
    assert view.columns[0].browser.toPlainText().startswith("Answer 0 of 0.")
    view.set_task(tasks[11], order)  # the last laid out is still there, shown as it was
    assert view.columns[2].browser.toPlainText().startswith("Answer 2 of 11.")


def test_a_pane_drops_its_marks_with_the_document_they_were_made_for(qtbot: Any) -> None:
    """Marks hold cursors into their document, which may be deleted once no pane shows
    it; the window draws the new document's marks after showing it."""
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    first, second = MathDocument(browser), MathDocument(browser)
    first.setPlainText("call 555-010-2233 now")
    second.setPlainText("another text")
    browser.setDocument(first)
    mark = QTextEdit.ExtraSelection()
    cursor = QTextCursor(first)
    cursor.setPosition(5)
    cursor.setPosition(17, QTextCursor.MoveMode.KeepAnchor)
    mark.cursor = cursor
    browser.setExtraSelections([mark])
    browser.setDocument(first)  # the same document: its marks stay
    assert len(browser.extraSelections()) == 1
    browser.setDocument(second)
    assert browser.extraSelections() == []
    Shiboken.delete(first)
    browser.show()
    qtbot.waitExposed(browser)
    browser.viewport().repaint()
    assert browser.toPlainText() == "another text"
