"""Benchmark: moving to the next task in the review window, fully rendered.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_next_task.py

200 real AlpacaEval tasks with 3 responses each (markdown, code, tables, math) in a
workspace; the main window is shown offscreen at 1600x1000; each step calls the same
"next task" the J key does and processes events until the window has painted; then
80 ms pass untimed (the reviewer reading: the window renders the next task ahead). Reports
the median and 95th percentile (bars: <= 16 ms, <= 50 ms). Merged into bench-results.json
(next_task_median_ms, next_task_p95_ms).

Math-heavy tasks (:func:`math_main`): the AlpacaEval rows where any of the 4 models wrote
formulas, each answer of the 4 a response, their formulas typeset and cached first (as
after an import); the same steps, with every formula an image
(next_task_math_median_ms, next_task_math_p95_ms; bar <= 16 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtTest import QTest  # noqa: E402
from results import record  # noqa: E402

from docket import Workspace  # noqa: E402
from docket.bundles import keys  # noqa: E402
from docket.core import Response, Role, Task, Turn  # noqa: E402
from docket.settings import Settings  # noqa: E402
from docket.ui.app import application  # noqa: E402
from docket.ui.main_window import MainWindow  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

MODELS = list(ALPACA_MODELS[:3])
TASKS = 200
READING_MS = 80


def main() -> dict[str, float | None]:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    tasks = [
        Task(
            f"alpaca-{i:03d}",
            (Turn(Role.USER, outputs[MODELS[0]][i]["instruction"]),),
            tuple(Response(f"r{j}", outputs[m][i]["output"], m) for j, m in enumerate(MODELS)),
        )
        for i in range(TASKS)
    ]
    app = application()
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
        times = []
        for _ in range(TASKS - 1):
            start = time.perf_counter()
            window.next_task()
            # Posted events include the window's update request: every widget that
            # changed (responses, prompt, form, list row) paints before this returns.
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
            # The reviewer reads the task (untimed): idle work such as rendering the
            # next task ahead happens now, as it would in use.
            QTest.qWait(READING_MS)
        window.close()
        ws.close()
    ordered = sorted(times)
    result = {
        "next_task_median_ms": round(statistics.median(times), 2),
        "next_task_p95_ms": round(ordered[int(0.95 * len(ordered))], 2),
    }
    print(
        f"next task: {len(times)} moves over {TASKS} tasks x 3 responses, "
        f"median {result['next_task_median_ms']} ms, p95 {result['next_task_p95_ms']} ms"
    )
    return result


# --- math-heavy tasks -------------------------------------------------------------------


def math_main() -> dict[str, float | None]:
    from docket.render import formulas_of

    models = list(ALPACA_MODELS)
    outputs = {m: alpaca_eval(m) for m in models}
    rows = [
        i
        for i in range(len(outputs[models[0]]))
        if any(formulas_of(outputs[m][i]["output"]) for m in models)
    ]
    tasks = [
        Task(
            f"math-{i:03d}",
            (Turn(Role.USER, outputs[models[0]][i]["instruction"]),),
            tuple(Response(f"r{j}", outputs[m][i]["output"], m) for j, m in enumerate(models)),
        )
        for i in rows
    ]
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        key, _ = keys.write_key_pair(keys.generate("bench"), Path(tmp) / "keys", passphrase=None)
        ws = Workspace.open(Path(tmp) / "ws", key)
        ws.load_tasks(tasks)
        typeset = ws.typeset_formulas()  # cached, as after an import
        window = MainWindow(ws, key, Settings(), restore_layout=False)
        window.resize(1600, 1000)
        window.show()
        for _ in range(20):
            app.processEvents()
        window.open_task(tasks[0].id)
        app.processEvents()
        times = []
        images = 0
        for _ in range(len(tasks) - 1):
            start = time.perf_counter()
            window.next_task()
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
            images += sum(
                1
                for column in window.comparison.columns
                for char in column.browser.toPlainText()
                if char == "\ufffc"
            )
            QTest.qWait(READING_MS)
        window.close()
        ws.close()
    if not images:
        raise SystemExit("no formula was shown as an image: this would not measure math")
    ordered = sorted(times)
    result = {
        "next_task_math_median_ms": round(statistics.median(times), 2),
        "next_task_math_p95_ms": round(ordered[int(0.95 * len(ordered))], 2),
    }
    print(
        f"next task, math-heavy: {len(times)} moves over {len(tasks)} tasks x 4 responses "
        f"({typeset} formulas typeset and cached first; {images} formula images shown), "
        f"median {result['next_task_math_median_ms']} ms, p95 {result['next_task_math_p95_ms']} ms"
    )
    return result


if __name__ == "__main__":
    record(main())
    record(math_main())
