"""The response and prompt documents keep their shaped text between paints: the same
pixels as before, in both directions of writing, and the cache on every block of the
documents a move shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtGui import QImage

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.render import to_html
from docket.render.theme import LIGHT
from docket.settings import Settings
from docket.ui.comparison_view import SafeBrowser, keep_shaped_text
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
