"""Rendered responses read each paragraph in its own direction in Qt itself, whichever
way the interface is laid out (a QTextBrowser in a right-to-left interface makes every
block without an explicit direction right to left)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="the Qt tests need PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from docket.render.markdown import markdown_to_html
from docket.render.theme import LIGHT

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "multilingual" / "rtl_samples.md"


def sample(name: str) -> str:
    part = SAMPLES.read_text(encoding="utf-8").split(f"## {name}\n", 1)[1]
    return part.split("\n## ", 1)[0].strip()


@pytest.mark.parametrize(
    "interface", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_paragraph_directions_hold_in_either_interface(
    qtbot: object, interface: Qt.LayoutDirection
) -> None:
    view = QTextBrowser()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.setLayoutDirection(interface)
    view.setHtml(markdown_to_html(sample("arabic"), LIGHT))
    directions = {}
    block = view.document().begin()
    while block.isValid():
        if block.text().strip():
            directions[block.text().strip()[:12]] = block.textDirection()
        block = block.next()
    rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
    assert directions["يعاني المريض"] == rtl
    assert directions["تناول دواء a"] == rtl
    assert directions["Dosage check"] == ltr
    assert directions["def mean_pre"] == ltr  # code
    assert directions["return sum(r"] == ltr
