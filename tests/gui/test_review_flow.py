"""A whole review with the keyboard only, through the real window.

open bundle (Ctrl+I) -> a pair (key 4, Ctrl+Enter) -> a three-way ranking (A, Alt+Down,
=, Ctrl+Enter) -> a flagged pair (1, F, Space, R, typing, an edit undone with Ctrl+Z,
Ctrl+Enter) -> export (Ctrl+E) -> the result bundle verifies and holds exactly those
answers. File dialogs and message boxes are the OS's; they are answered by patching.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from docket import Workspace
from docket.bundles import keys
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import activate, focus, focused
from tests.helpers import ROOT, verified_answers

DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Any]:
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    rows = [json.loads(line) for line in DEMO.read_text().splitlines()]
    pair1, triple, pair2 = rows[0], rows[2], rows[1]
    assert (len(pair1["responses"]), len(triple["responses"]), len(pair2["responses"])) == (2, 3, 2)
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("".join(json.dumps(r) + "\n" for r in (pair1, triple, pair2)))
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    alice = keys.load_secret_key(tmp_path / "keys" / "alice.key")
    bundle = (
        pack(tasks, server=server, reviewers=[alice.card()], out_dir=tmp_path / "out")
        .bundles[0]
        .path
    )
    return {
        "tmp": tmp_path,
        "bundle": bundle,
        "key": tmp_path / "keys" / "alice.key",
        "server_card": tmp_path / "keys" / "server.pub",
        "server": server,
        "ids": [pair1["id"], triple["id"], pair2["id"]],
    }


def key(
    qtbot: Any,
    window: MainWindow,
    k: Qt.Key,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    text: str = "",
) -> None:
    qtbot.keyClick(focused(qtbot), k, mods)


def test_a_whole_review_with_the_keyboard(
    qtbot: Any, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    informed: list[str] = []
    result_path = setup["tmp"] / "alice.result"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup["bundle"]), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(result_path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: informed.append(text))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text: pytest.fail(f"warning: {text}")
    )

    ws = Workspace.open(setup["tmp"] / "ws", setup["key"])
    settings = Settings(server_card=str(setup["server_card"]))
    window = MainWindow(ws, setup["key"], settings, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pair1, triple, pair2 = setup["ids"]

    # Open the bundle.
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    activate(qtbot, window)
    assert "Imported 3 tasks." in informed
    assert window.controller.task.id == pair1

    # Task 1, a pair: "B better" is key 4.
    order1 = window.controller.order
    focus(qtbot, window.task_list.view)
    key(qtbot, window, Qt.Key.Key_4)
    assert window.answer_panel.answers()["preference"] == {
        "better": order1.id_of("B"),
        "strength": "slight",
    }
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.controller.task.id == triple)

    # Task 2, three responses: rank B first, tied with A; then C.
    order2 = window.controller.order
    key(qtbot, window, Qt.Key.Key_A)
    key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # A moves below B
    key(qtbot, window, Qt.Key.Key_Equal)  # A ties with B above
    ranking = window.answer_panel.answers()["ranking"]
    assert [sorted(g) for g in ranking] == [
        sorted([order2.id_of("A"), order2.id_of("B")]),
        [order2.id_of("C")],
    ]
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.controller.task.id == pair2)

    # Task 3: A much better, flagged, with a rationale; an extra edit undone.
    order3 = window.controller.order
    focus(qtbot, window.task_list.view)
    key(qtbot, window, Qt.Key.Key_1)
    key(qtbot, window, Qt.Key.Key_F)
    key(qtbot, window, Qt.Key.Key_Space)  # the first flag: Response A, hallucination
    key(qtbot, window, Qt.Key.Key_R)
    qtbot.keyClicks(focused(qtbot), "B invents the rules of kickball.")
    window.controller.flush()
    focus(qtbot, window.task_list.view)
    key(qtbot, window, Qt.Key.Key_2)  # changes "much better" to "better" ...
    assert window.answer_panel.answers()["preference"]["strength"] == "slight"
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # ... undone
    assert window.answer_panel.answers()["preference"] == {
        "better": order3.id_of("A"),
        "strength": "strong",
    }
    expected3 = {
        "preference": {"better": order3.id_of("A"), "strength": "strong"},
        "flags": {order3.id_of("A"): ["hallucination"]},
        "rationale": "B invents the rules of kickball.",
    }
    assert window.answer_panel.answers() == expected3
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.answer(pair2) is not None)
    assert window.progress_label.text() == "3 / 3 answered"

    # Export.
    key(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert result_path.exists()
    assert any("Wrote 3 answers (sequence 1)" in m for m in informed)
    window.close()
    ws.close()

    answers = verified_answers(
        result_path, setup["server"], setup["server_card"].with_name("alice.pub")
    )
    got = {row["task_id"]: row["answers"] for row in answers}
    assert got[pair1] == {"preference": {"better": order1.id_of("B"), "strength": "slight"}}
    assert [sorted(g) for g in got[triple]["ranking"]] == [
        sorted([order2.id_of("A"), order2.id_of("B")]),
        [order2.id_of("C")],
    ]
    assert got[pair2] == expected3
    assert set(got) == {pair1, triple, pair2}
    statuses = {row["task_id"]: row["status"] for row in answers}
    assert statuses[pair2] == "flagged"
    assert all(row["time_spent_s"] >= 0 for row in answers)
