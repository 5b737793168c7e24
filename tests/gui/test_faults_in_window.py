"""The window on a full disk: one clear message, the change kept on screen and retried,
the reviewer kept on the task (moving on would lose the change), no quitting without
being asked, and the change saved once there is space again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from docket import Workspace
from docket.settings import Settings
from docket.store.review import ReviewStore
from docket.ui.main_window import MainWindow
from tests.helpers import sample_tasks
from tests.unit.test_faults import fill, full, space_again


def window_on_pair(qtbot: Any, ws: Workspace, key_path: Path) -> MainWindow:
    """The window on the pair task, retrying failed saves every 100 ms (not 5 s)."""
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    window.open_task("pair")
    window.controller._retry.setInterval(100)
    return window


def test_a_full_disk_while_answering(
    qtbot: Any, workspace: Workspace, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.No,
    )
    window = window_on_pair(qtbot, workspace, key_path)
    full(workspace)

    # A big edit (a long rationale) cannot be saved.
    window.controller.edit({**window.answer_panel.answers(), "rationale": "y" * 200_000})
    qtbot.waitUntil(lambda: window.save_label.text() == "Not saved — retrying")
    assert len(warnings) == 1 and "disk holding" in warnings[0] and "retries" in warnings[0]
    # A few retries fail quietly: still one message.
    retries: list[None] = []
    window.controller._retry.timeout.connect(lambda: retries.append(None))
    qtbot.waitUntil(lambda: len(retries) >= 3)
    assert len(warnings) == 1 and window.controller.has_unsaved()

    # Moving on would drop the change: the window stays on the task and says why.
    window.task_list.view.setFocus()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_J)
    assert window.controller.task is not None and window.controller.task.id == "pair"
    assert "not saved yet" in warnings[-1]

    # Quitting asks first; "No" keeps the window open.
    window.close()
    assert asked and window.isVisible()

    space_again(workspace)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=3000)
    assert not window.controller.has_unsaved()
    assert ReviewStore(workspace.store).current("pair").answers["rationale"] == "y" * 200_000
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_J)
    assert window.controller.task.id != "pair"


@pytest.mark.slow
def test_locking_and_unlocking_on_a_really_full_disk(
    qtbot: Any, tiny_disk: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full tmpfs the WAL cannot be checkpointed when the lock closes the database:
    the window locks anyway (key dropped), unlocks with the key, and saves the kept edit
    once space returns."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: boxes.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: boxes.append(text))
    ws = Workspace.open(tiny_disk / "ws", key_path)
    ws.load_tasks(sample_tasks())
    window = window_on_pair(qtbot, ws, key_path)
    filler = fill(tiny_disk)
    big = {"preference": {"better": "r1", "strength": "slight"}, "rationale": "q" * 400_000}
    window.controller.edit(big)
    qtbot.waitUntil(lambda: window.controller.has_unsaved() and bool(boxes))

    window.lock("idle")
    assert window.is_locked() and window.workspace.locked
    window.unlock("")
    assert not window.is_locked() and window.controller.task.id == "pair"
    assert window.answer_panel.answers() == big
    filler.unlink()
    qtbot.waitUntil(lambda: not window.controller.has_unsaved(), timeout=5000)
    assert ReviewStore(ws.store).current("pair").answers == big
    window.close()
    ws.close()
