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
from PySide6.QtGui import QImage

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
