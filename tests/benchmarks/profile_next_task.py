"""Where a move to the next task goes: per widget painting, and the Python work.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/profile_next_task.py [N]

The plain workload of ``bench_next_task.py`` (200 AlpacaEval tasks x 3 responses, the
window at 1600x1000, 80 ms of reading between moves), N moves (default 199). Prints, per
move (medians over the moves):

- each widget class's paint events and the UI thread's CPU time inside them (a widget's
  time includes the children it paints: the widget that is painted first in a paint
  pass holds the pass); ``paint passes`` is the time inside all top-level paints;
- the calls to the task list model's ``data()``, and which rows changed;
- with ``--cprofile``, the 30 functions of the moves with the most own time, then the
  40 with the most cumulative time (the reading pauses are not profiled); the whole
  profile is written to ``$PROFILE_OUT`` (default ``next_task.prof``) for pstats.

Not a benchmark (its instrumentation costs time): read its shares, not its totals.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_next_task as bench
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from docket import Workspace
from docket.bundles import keys
from docket.settings import Settings
from docket.ui.main_window import MainWindow


class Timing(QApplication):
    """Times every paint event by the widget class receiving it."""

    def __init__(self) -> None:
        super().__init__(sys.argv[:1])
        self.on = False
        self.depth = 0
        self.outer = 0
        self.own: dict[str, float] = defaultdict(float)
        self.count: Counter[str] = Counter()
        self.top = 0.0
        self.other: dict[str, float] = defaultdict(float)

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        if not self.on:
            return super().notify(receiver, event)
        if event.type() != QEvent.Type.Paint:
            if self.outer:  # inside another event: counted there
                return super().notify(receiver, event)
            self.outer += 1
            start = time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                self.outer -= 1
                key = f"{event.type().name} to {type(receiver).__name__}"
                self.other[key] += time.thread_time() - start
        name = type(receiver).__name__
        if isinstance(receiver, QWidget) and receiver.objectName():
            name += f"#{receiver.objectName()}"
        if isinstance(receiver, QWidget) and receiver.objectName().startswith("qt_scrollarea"):
            name += f" of {type(receiver.parent()).__name__}"
        elif isinstance(receiver, QWidget) and type(receiver).__name__ == "QScrollBar":
            name += f" of {type(receiver.parent().parent()).__name__}"
        self.depth += 1
        start = time.thread_time()
        try:
            return super().notify(receiver, event)
        finally:
            spent = time.thread_time() - start
            self.depth -= 1
            self.own[name] += spent
            self.count[name] += 1
            if self.depth == 0:
                self.top += spent


STEP_TIMES: dict[str, float] = defaultdict(float)


def wrap_steps(window: MainWindow) -> list[str]:
    """Time the steps of a move: each wrapped method's CPU time (its callees included)."""
    targets = {
        "controller.open_task": (window.controller, "open_task"),
        "controller.leave_task": (window.controller, "leave_task"),
        "comparison.set_task": (window.comparison, "set_task"),
        "comparison._refresh_prompt": (window.comparison, "_refresh_prompt"),
        "comparison._refresh_responses": (window.comparison, "_refresh_responses"),
        "comparison._fit_prompt": (window.comparison, "_fit_prompt"),
        "comparison._apply_marks": (window.comparison, "_apply_marks"),
        "comparison.set_pii": (window.comparison, "set_pii"),
        "answer_panel.set_task": (window.answer_panel, "set_task"),
        "pii_marker.task_opened": (window.pii_marker, "task_opened"),
        "span_marker (answers)": (window.span_marker, "show"),
        "guidelines.set_guidelines": (window.guidelines, "set_guidelines"),
        "task_list.select_task": (window.task_list, "select_task"),
        "scroll_memory.restore": (window.scroll_memory, "restore"),
        "scroll_memory.remember": (window.scroll_memory, "remember"),
        "next_task_id": (window.task_list, "next_task_id"),
        "update_progress": (window, "update_progress"),
        "_show_suggestion": (window, "_show_suggestion"),
        "_show_reveal": (window, "_show_reveal"),
        "reviews_panel.hide": (window.reviews_panel, "hide"),
    }
    names = ["(next_task, whole)", "(processEvents after it)"]
    for name, (owner, attr) in targets.items():
        original = getattr(owner, attr, None)
        if original is None:
            continue

        def timed(*args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            start = time.thread_time()
            try:
                return _original(*args, **kw)
            finally:
                STEP_TIMES[_name] += time.thread_time() - start

        setattr(owner, attr, timed)
        names.append(name)
    return names


def main() -> None:
    moves = int(next((a for a in sys.argv[1:] if a.isdigit()), "199"))
    profile = "--cprofile" in sys.argv
    # Under cProfile, the paint timing's own Python calls would be most of what it shows.
    app = bench.application() if profile else Timing()
    import tempfile

    tasks = bench.alpaca_tasks()
    with tempfile.TemporaryDirectory() as tmp:
        key, _ = keys.write_key_pair(keys.generate("bench"), Path(tmp) / "keys", passphrase=None)
        ws = Workspace.open(Path(tmp) / "ws", key)
        ws.load_tasks(tasks)
        window = MainWindow(ws, key, Settings(), restore_layout=False)
        window.resize(1600, 1000)
        window.show()
        for _ in range(20):
            app.processEvents()
        window.open_task(tasks[0].id)
        app.processEvents()
        # The cells the list's filter reads from the model (a view's data() calls reach
        # Python through an override looked up once: counted where the filter asks).
        source = window.task_list.model
        data_calls = [0]
        original = source.cell

        def counted(*args: Any) -> Any:
            data_calls[0] += 1
            return original(*args)

        source.cell = counted  # type: ignore[method-assign]
        changed: Counter[str] = Counter()
        source.dataChanged.connect(
            lambda a, b, *_: changed.update([f"rows {b.row() - a.row() + 1}"])
        )
        source.layoutChanged.connect(lambda *_: changed.update(["layoutChanged"]))
        source.modelReset.connect(lambda: changed.update(["modelReset"]))
        steps = wrap_steps(window)
        profiler = cProfile.Profile(time.thread_time) if profile else None
        cpu, wall, paints, calls = [], [], [], []
        per_move: dict[str, list[float]] = defaultdict(list)
        events: Counter[str] = Counter()
        per_step: dict[str, list[float]] = defaultdict(list)
        per_event: dict[str, list[float]] = defaultdict(list)
        for _ in range(min(moves, len(tasks) - 1)):
            timing: Any = app if isinstance(app, Timing) else SimpleNamespace()
            timing.own, timing.count, timing.top = defaultdict(float), Counter(), 0.0
            timing.other = defaultdict(float)
            data_calls[0] = 0
            timing.on = True
            if profiler:
                profiler.enable()
            start, start_cpu = time.perf_counter(), time.thread_time()
            window.next_task()
            STEP_TIMES["(next_task, whole)"] += time.thread_time() - start_cpu
            mid = time.thread_time()
            app.processEvents()
            STEP_TIMES["(processEvents after it)"] += time.thread_time() - mid
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
            if profiler:
                profiler.disable()
            timing.on = False
            for name, spent in timing.other.items():
                per_event[name].append(spent * 1000)
            for name, spent in STEP_TIMES.items():
                per_step[name].append(spent * 1000)
            STEP_TIMES.clear()
            paints.append(timing.top * 1000)
            calls.append(data_calls[0])
            events.update(timing.count)
            for name in set(timing.own) | set(per_move):
                per_move[name].append(timing.own.get(name, 0.0) * 1000)
            bench.read(bench.READING_MS)
        window.close()
        ws.close()
    n = len(cpu)
    print(
        f"{n} moves: wall median {statistics.median(wall):.2f} ms, UI thread CPU median "
        f"{statistics.median(cpu):.2f} ms, paint passes {statistics.median(paints):.2f} ms; "
        f"task list cells read per move (roles it serves): median {statistics.median(calls)}"
    )
    print("task list model signals over the moves:", dict(changed))
    print("paint CPU per move by widget class (median, mean ms; paint events per move):")
    rows = sorted(
        per_move.items(), key=lambda kv: -statistics.fmean(kv[1] + [0] * (n - len(kv[1])))
    )
    for name, values in rows[:30]:
        values = values + [0.0] * (n - len(values))
        print(
            f"  {name:50s} {statistics.median(values):6.2f} {statistics.fmean(values):6.2f}"
            f"  {events[name] / n:5.1f}"
        )
    print("events delivered by processEvents (outermost; paints inside them included):")
    for name, values in sorted(per_event.items(), key=lambda kv: -sum(kv[1]))[:20]:
        calls = len(values) / n
        values = values + [0.0] * (n - len(values))
        print(
            f"  {name:50s} {statistics.median(values):6.2f} {statistics.fmean(values):6.2f}  {calls:4.1f}"
        )
    print("the UI thread's CPU per move in the steps of a move (median, mean ms; calls per move):")
    for name in steps:
        values = per_step.get(name, [])
        calls = len(values) / n
        values = values + [0.0] * (n - len(values))
        print(
            f"  {name:50s} {statistics.median(values):6.2f} {statistics.fmean(values):6.2f}  {calls:4.1f}"
        )
    if profiler:
        profiler.dump_stats(os.environ.get("PROFILE_OUT", "next_task.prof"))
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
