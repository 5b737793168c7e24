"""docket.render as Qt actually shows it: structure of the QTextDocument, no resource loads.

The outlines of a few representative outputs are kept in tests/render/outlines.json
(regenerate with ``DOCKET_UPDATE_OUTLINES=1`` after looking at the snapshots): a change
in what the reader sees (a table that stops being a table, a list that flattens) fails
here, without comparing pixels.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontInfo, QTextCharFormat, QTextDocument, QTextTable
from PySide6.QtWidgets import QTextBrowser

from docket.render import to_html
from tests.helpers import ROOT
from tests.reference_data import alpaca_eval

OUTLINES = ROOT / "tests" / "render" / "outlines.json"


class RecordingBrowser(QTextBrowser):
    """Records every resource Qt would load (images, stylesheets, anything)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, url: QUrl) -> Any:
        self.requests.append(url.toString())
        return None


def outline(doc: QTextDocument) -> list[str]:
    """The document's shape: tables with their size, lists with depth, headings, paragraphs."""
    shape: list[str] = []
    root = doc.rootFrame()
    it = root.begin()
    while not it.atEnd():
        frame, block = it.currentFrame(), it.currentBlock()
        if frame is not None:
            if isinstance(frame, QTextTable):
                shape.append(f"table {frame.rows()}x{frame.columns()}")
            else:
                shape.append("frame")
        elif block.isValid():
            if block.textList() is not None:
                shape.append(f"list{block.textList().format().indent()}")
            elif block.blockFormat().headingLevel():
                shape.append(f"h{block.blockFormat().headingLevel()}")
            elif block.text().strip():
                shape.append("p")
        it += 1
    return shape


def render(qtbot: Any, markdown: str, theme: str = "light") -> RecordingBrowser:
    view = RecordingBrowser()
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.setHtml(to_html(markdown, theme=theme))
    return view


def samples() -> dict[str, str]:
    from tests.render.snapshot import SAMPLE

    out = {"sample": SAMPLE}
    rows = alpaca_eval("gpt-4o-2024-05-13")
    for i in (301, 313, 365):  # planets table; python script; vector normalisation (math)
        out[f"alpaca-{i}"] = rows[i]["output"]
    return out


def test_outlines_of_representative_outputs(qtbot: Any) -> None:
    got = {}
    for name, text in samples().items():
        view = render(qtbot, text)
        got[name] = outline(view.document())
    if os.environ.get("DOCKET_UPDATE_OUTLINES"):
        OUTLINES.write_text(json.dumps(got, indent=1) + "\n")
    expected = json.loads(OUTLINES.read_text())
    assert got == expected


def test_sample_structure_in_qt(qtbot: Any) -> None:
    from tests.render.snapshot import SAMPLE

    view = render(qtbot, SAMPLE)
    doc = view.document()
    text = doc.toPlainText()
    assert "def norm(v: list[float]) -> float:" in text  # code kept verbatim
    assert "<script>alert(1)</script>" in text  # raw HTML shown as text
    assert "[image: a cat · http://example.org/cat.png · not loaded]" in text
    assert "$5 and $10" in text
    # The code block's text is in a fixed-pitch font.
    cursor = doc.find("def norm")
    assert QFontInfo(cursor.charFormat().font()).fixedPitch()
    # Exponents are real superscripts.
    cursor = doc.find("2", doc.find("E = mc"))
    assert (
        cursor.charFormat().verticalAlignment()
        == QTextCharFormat.VerticalAlignment.AlignSuperScript
    )
    # Only the safe link is a link.
    anchors = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                anchors.add(fmt.anchorHref())
            it += 1
        block = block.next()
    assert anchors == {"https://example.org"}
    assert view.requests == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_hostile_input_loads_nothing_in_qt(qtbot: Any, theme: str) -> None:
    hostile = (
        '<img src="http://evil.example/a.png"> ![x](http://evil.example/b.png) '
        "![y](file:///etc/hosts) ![z](data:image/png;base64,iVBORw0KGgo=) "
        '<link rel="stylesheet" href="http://evil.example/c.css"> '
        "[link](http://ok.example) <iframe src=http://evil.example/d></iframe>"
    )
    view = render(qtbot, hostile, theme)
    assert view.requests == []
    assert view.document().toPlainText().count("not loaded") == 3


def test_snapshot_script_writes_pngs(qtbot: Any, tmp_path: Path) -> None:
    from tests.render.snapshot import main

    written = main(tmp_path)
    assert {p.name for p in written} >= {"sample-light.png", "sample-dark.png"}
    assert all(p.stat().st_size > 10_000 for p in written)
