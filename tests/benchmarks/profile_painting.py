"""What the painting changes of a move are worth, measured where the load is the same.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/profile_painting.py \
        [all|bars|shaped|picture|ahead|none] [N]

Two review windows of this code on the plain workload of ``bench_next_task.py`` (200
AlpacaEval tasks x 3 responses, 1600x1000, 80 ms of reading between moves) take turns
move by move (which goes first alternates), so that whatever else the machine runs
weighs on both alike. In the second window one change is undone: ``bars``, the flat
scroll bars (Fusion's own are put back on the prompt, the responses and the task list);
``shaped``, the documents' shaped text kept (each block's cache turned off again);
``all``, both; ``picture``, the text panes' first frames drawn ahead (docket.ui.pane_picture);
``ahead``, the tasks next to the open one laid out in hidden panes and their pictures
(each move lays its texts out again, as one pane per place does); ``none``, nothing (the two windows' difference is then the noise). Prints
the UI thread's CPU time per move (median of N moves, default 199) and the wall time for
each window. Not a benchmark (nothing is recorded): an A/B comparison for a busy machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_next_task as bench
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar

from docket import Workspace
from docket.bundles import keys
from docket.settings import Settings
from docket.ui.main_window import MainWindow


def undo(window: MainWindow, change: str) -> None:
    """Take ``change`` out of ``window`` (after its first task, which makes the columns)."""
    comparison = window.comparison
    if change in ("shaped", "all"):
        original = comparison._document

        def unshaped(*args: Any, **kwargs: Any) -> Any:
            doc = original(*args, **kwargs)
            block = doc.begin()
            while block.isValid():
                block.layout().setCacheEnabled(False)
                block = block.next()
            return doc

        comparison._document = unshaped  # type: ignore[method-assign]
    if change in ("bars", "all"):
        areas = [comparison.prompt, *(c.browser for c in comparison.columns)]
        for area in [*areas, window.task_list.view]:
            area.setVerticalScrollBar(QScrollBar(Qt.Orientation.Vertical))
            area.setHorizontalScrollBar(QScrollBar(Qt.Orientation.Horizontal))
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        for column in comparison.columns:  # what the view connects to its bars
            column.browser.verticalScrollBar().valueChanged.connect(comparison._scrolled)
        comparison.prompt.verticalScrollBar().actionTriggered.connect(comparison._unpin)
    if change in ("picture", "ahead"):
        for pool in comparison.pools():
            for pane in pool.panes:
                pane.picture.drop()
                pane.picture.draw = lambda: False  # type: ignore[method-assign]
    if change == "ahead":
        for pool in comparison.pools():
            pool.stage = lambda document, font: False  # type: ignore[method-assign]
            pool.release()


def main() -> None:
    change = next((a for a in sys.argv[1:] if not a.isdigit()), "all")
    moves = int(next((a for a in sys.argv[1:] if a.isdigit()), "199"))
    app = bench.application()
    tasks = bench.alpaca_tasks()
    cpu: dict[str, list[float]] = {"with": [], "without": []}
    wall: dict[str, list[float]] = {"with": [], "without": []}
    with tempfile.TemporaryDirectory() as tmp:
        key, _ = keys.write_key_pair(keys.generate("bench"), Path(tmp) / "keys", passphrase=None)
        windows: dict[str, tuple[Workspace, MainWindow]] = {}
        for name in cpu:
            ws = Workspace.open(Path(tmp) / f"ws-{name}", key)
            ws.load_tasks(tasks)
            window = MainWindow(ws, key, Settings(), restore_layout=False)
            window.resize(1600, 1000)
            window.show()
            windows[name] = (ws, window)
        for _ in range(20):
            app.processEvents()
        for name, (_, window) in windows.items():
            window.open_task(tasks[0].id)
            app.processEvents()
            if name == "without":
                undo(window, change)
        for step in range(min(moves, len(tasks) - 1)):
            for name in list(cpu) if step % 2 == 0 else list(reversed(cpu)):
                window = windows[name][1]
                start, start_cpu = time.perf_counter(), time.thread_time()
                window.next_task()
                app.processEvents()
                wall[name].append((time.perf_counter() - start) * 1000)
                cpu[name].append((time.thread_time() - start_cpu) * 1000)
                bench.read(bench.READING_MS)
        for ws, window in windows.values():
            window.close()
            ws.close()
    load = os.getloadavg()[0]
    for name in cpu:
        print(
            f"{change}, {name} the change: UI thread CPU median {statistics.median(cpu[name]):.2f} ms, "
            f"wall median {statistics.median(wall[name]):.2f} ms ({len(cpu[name])} moves; load {load:.1f})"
        )


if __name__ == "__main__":
    main()
