"""A task packed with ``--show-prior`` in the review window: the source's label is a
document of the Sources pane, reached by keyboard, titled as the source's label; a task
packed without it has no Sources pane.

``DOCKET_SCREENSHOT=path.png`` saves the window with the label shown (``path-dark.png``
in the dark theme), in the look of the app (Fusion, 10 pt).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.pack import pack
from docket.server.shown_prior import DOCUMENT_ID
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from tests.helpers import ROOT

SOURCE = ROOT / "tests" / "data" / "formats" / "helpsteer2_preference.jsonl"


def open_window(qtbot: Any, tmp_path: Path, *, show: bool, theme: str = "light") -> MainWindow:
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    card = PublicCard.load(tmp_path / "keys" / "alice.pub")
    packed = pack(
        SOURCE, server=server, reviewers=[card], out_dir=tmp_path / "out", show_prior=show
    )
    ws = Workspace.open(tmp_path / "ws", tmp_path / "keys" / "alice.key")
    ws.import_bundle(packed.bundles[0].path, tmp_path / "keys" / "server.pub")
    w = MainWindow(ws, tmp_path / "keys" / "alice.key", Settings(theme=theme), restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    return w


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_label_is_a_source_document_reached_by_keyboard(
    qtbot: Any, tmp_path: Path, theme: str
) -> None:
    shot = os.environ.get("DOCKET_SCREENSHOT")
    if shot:
        QApplication.setStyle("Fusion")
        font = QApplication.font()
        font.setPointSizeF(10)
        QApplication.setFont(font)
    w = open_window(qtbot, tmp_path, show=True, theme=theme)
    pane = w.sources
    qtbot.waitUntil(pane.isVisible)
    assert pane.shown_document() == DOCUMENT_ID
    qtbot.keyClick(w, Qt.Key.Key_O)  # to the documents list, as for any source
    assert pane.table.hasFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert pane.browser.hasFocus()
    assert pane.heading.text() == f"[{DOCUMENT_ID}] The source's label (helpsteer2-preference)"
    shown = pane.browser.toPlainText()
    assert "Preferred: the response beginning" in shown  # bold in markdown, words here
    assert "Preference strength: -3 (on the source's own scale)." in shown
    assert pane.browser.accessibleName().startswith(f"Document {DOCUMENT_ID}")
    if shot:
        QApplication.processEvents()
        target = (
            Path(shot) if theme == "light" else Path(shot).with_name(Path(shot).stem + "-dark.png")
        )
        assert w.grab().save(str(target))


def test_without_the_flag_there_is_no_sources_pane(qtbot: Any, tmp_path: Path) -> None:
    w = open_window(qtbot, tmp_path, show=False)
    assert not w.sources.isVisible() and not w.sources.has_documents()
