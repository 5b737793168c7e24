"""The cycle collector, paused while the window starts (docket.cli.app), runs again once
the window has painted its first task, or a moment after it shows when no task opens."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.settings import Settings
from docket.ui import startup_probe
from docket.ui.main_window import MainWindow
from docket.ui.startup_probe import FirstPaintWatcher, resume_collector_after_first_paint


@pytest.fixture
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def _window(qtbot: Any, tmp_path: Path, key_path: Path, count: int) -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(
        Task(
            f"t{i}",
            (Turn(Role.USER, f"Question {i}"),),
            (Response("a", "Yes."), Response("b", "No.")),
        )
        for i in range(count)
    )
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    return window


def test_the_collector_runs_again_once_the_first_task_has_painted(
    qtbot: Any, tmp_path: Path, key_path: Path, collector_paused: None
) -> None:
    window = _window(qtbot, tmp_path, key_path, 3)
    painted: list[str | None] = []
    FirstPaintWatcher(
        window, lambda: painted.append(window.controller.task and window.controller.task.id)
    )
    resume_collector_after_first_paint(window)
    assert not gc.isenabled()
    window.show()
    qtbot.waitUntil(gc.isenabled)
    qtbot.waitUntil(lambda: painted == ["t0"])  # once, with the task open
    later: list[bool] = []
    FirstPaintWatcher(window, lambda: later.append(True))
    window.update()
    qtbot.waitUntil(lambda: later == [True])  # painted again: the first watcher is done
    assert painted == ["t0"]


def test_without_a_task_the_collector_runs_again_after_a_moment(
    qtbot: Any, tmp_path: Path, key_path: Path, collector_paused: None, monkeypatch: Any
) -> None:
    monkeypatch.setattr(startup_probe, "RESUME_AFTER_MS", 50)
    window = _window(qtbot, tmp_path, key_path, 0)
    resume_collector_after_first_paint(window)
    window.show()
    qtbot.waitUntil(gc.isenabled)
    assert window.controller.task is None
