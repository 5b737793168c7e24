"""The adjudication view: three reviewers' conflicting answers beside the responses, the
lead's verdict recorded with the keyboard.

``DOCKET_SCREENSHOT=path.png`` saves the window (used for the README's screenshot).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.adjudication import pack_adjudication
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import focus, focused
from tests.helpers import ROOT

NAMES = ("dr-ahmed", "dr-brooks", "dr-chen")


def build_adjudication(tmp: Path) -> tuple[Path, Path, Path]:
    for name in ("server", "lead", *NAMES):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    rows = (ROOT / "resources" / "demo" / "tasks.jsonl").read_text().splitlines(keepends=True)
    (tmp / "t.jsonl").write_text(rows[0] + rows[1])
    cards = [PublicCard.load(tmp / "keys" / f"{n}.pub") for n in NAMES]
    packed = pack(
        tmp / "t.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "b",
        overlap=3,
        project="clinic",
    )
    results = []
    for i, (name, bundle) in enumerate(zip(NAMES, packed.bundles, strict=True)):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in list(ws.tasks()):
                order = ws.display_order(task.id)
                a, b = sorted(task.response_ids)
                answers: list[dict[str, Any]] = [
                    {"preference": {"better": a, "strength": "strong"}, "flags": {b: ["hallucination"]},
                     "rationale": "The second answer invents rules that kickball does not have."},
                    {"preference": {"better": b, "strength": "slight"},
                     "rationale": "Better structured and easier to follow."},
                    {"preference": {"better": None}, "likert": {a: {"helpfulness": 4}, b: {"helpfulness": 4}}},
                ]  # fmt: skip
                ws.record(task.id, answers[i], time_spent_s=60 + 45 * i)
                del order
            results.append(ws.export_results(tmp / f"{name}.result").path)
    with MergedStore.open(tmp / "m.db", server) as store:
        import_task_archive(store, server, packed.archive)
        merge_results(results, server=server, cards=cards, store=store)
        adj = pack_adjudication(
            store, server=server, lead=PublicCard.load(tmp / "keys" / "lead.pub"), out_dir=tmp
        )
    return adj.path, tmp / "keys" / "lead.key", tmp / "keys" / "server.pub"


def test_adjudication_view_and_keyboard_verdict(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    bundle, lead_key, server_card = build_adjudication(tmp_path)
    ws = Workspace.open(tmp_path / "ws-lead", lead_key)
    ws.import_bundle(bundle, server_card)
    window = MainWindow(ws, lead_key, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.controller.task is not None and window.isActiveWindow())
    panel = window.reviews_panel
    assert panel.isVisible()
    text = panel.browser.toPlainText()
    for name in NAMES:
        assert name in text
    assert "invents rules" in text and "easier to follow" in text and "(no rationale)" in text
    assert "≠ differ" in text and "Tie" in text and "much better" in text
    assert "hallucination" in text
    assert "3 reviewers" in panel.title.text()
    # No majority on the preference: nothing pre-filled there; the outcome is.
    assert "preference" not in window.answer_panel.answers()
    assert window.answer_panel.answers()["outcome"] == "final verdict"
    if os.environ.get("DOCKET_SCREENSHOT"):
        QApplication.processEvents()
        window.grab().save(os.environ["DOCKET_SCREENSHOT"])

    # The lead decides with the keyboard: A much better, a rationale, a note; submit.
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_1)
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_R)
    qtbot.keyClicks(focused(qtbot), "The dissenting reading ignores the official rules.")
    task_id = window.controller.task.id
    qtbot.keyClick(focused(qtbot), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(task_id) is not None)
    saved = ws.answer(task_id)
    assert saved is not None
    assert (
        saved.answers["outcome"] == "final verdict"
        and saved.answers["preference"]["strength"] == "strong"
    )
    assert json.dumps(saved.answers).count("official rules") == 1
    window.close()
    ws.close()
