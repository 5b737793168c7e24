"""Benchmark: moving to the next task in the review window, fully rendered.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_next_task.py

200 real AlpacaEval tasks with 3 responses each (markdown, code, tables, math) in a
workspace; the main window is shown offscreen at 1600x1000; each step calls the same
"next task" the J key does and processes events until the window has painted; then
80 ms pass untimed in the window's event loop (the reviewer reading: the window renders
the next task ahead). Reports
the median and 95th percentile (bars: <= 8 ms, <= 16 ms: one 60 Hz frame). Merged into
bench-results.json (next_task_median_ms, next_task_p95_ms); next_task_cpu_median_ms is
the UI thread's CPU time per move (information: robust to other work on the machine).

The rubric workload: the same 200 tasks, each with 50 criteria of its own (real HealthBench
criteria, a different set per task, so every task has a form of its own) graded per
response, packed and imported as a signed bundle; every other task holds a full draft (150
grades, some with notes), so the panel shows grades and scores. Reported as
next_task_rubric_median_ms and next_task_rubric_p95_ms (bars: <= 16 ms, <= 50 ms), and the time to record
a full answer of 50 criteria x 3 responses: submit (validate, commit with fsync, audit) as
record_rubric_answer_median_ms, keeping it as a draft as save_rubric_draft_median_ms
(median of 200 each; bar <= 5 ms).

The math workload: the AlpacaEval rows where any of the 4 models wrote formulas (39),
each answer of the 4 a response, their formulas typeset and cached first (as after an
import); the same steps, every formula an image. Reported as next_task_math_median_ms and
next_task_math_p95_ms (bars: <= 16 ms, <= 50 ms).

The PII workload: the same 200 tasks with a phone number and an email address planted in
each of the 3 responses and in the prompt, a form with flags and a pii question; run
twice in the same process, once with the detector's findings packed with the tasks (8 per
task, each drawn with an underline and a badge, the PII flag suggested for each
response) and once with the same texts packed as scanned with nothing found. Reported as
next_task_pii_median_ms, next_task_no_pii_median_ms (their p95s too) and
pii_highlight_overhead_ms, the difference of the medians (bar: <= 2 ms); the two windows
take turns, so load from elsewhere weighs on both, and pii_highlight_overhead_cpu_ms is
the same difference in the UI thread's CPU time (robust to a busy machine).

``bench_next_task.py plain|rubric|math|pii`` runs one.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from results import record  # noqa: E402

from docket import Workspace  # noqa: E402
from docket.bundles import keys  # noqa: E402
from docket.core import Response, Role, Task, Turn  # noqa: E402
from docket.core.pii_detect import scan_task  # noqa: E402
from docket.core.rubric import parse_criteria  # noqa: E402
from docket.core.schema import PiiQuestion, Schema, default_schema  # noqa: E402
from docket.server.pack import pack  # noqa: E402
from docket.settings import Settings  # noqa: E402
from docket.ui.app import application  # noqa: E402
from docket.ui.main_window import MainWindow  # noqa: E402
from tests.reference_data import (  # noqa: E402
    ALPACA_MODELS,
    HEALTHBENCH,
    alpaca_eval,
    healthbench_rows,
)

MODELS = list(ALPACA_MODELS[:3])
TASKS = 200
READING_MS = 80
CRITERIA = 50


def alpaca_tasks() -> list[Task]:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    return [
        Task(
            f"alpaca-{i:03d}",
            (Turn(Role.USER, outputs[MODELS[0]][i]["instruction"]),),
            tuple(Response(f"r{j}", outputs[m][i]["output"], m) for j, m in enumerate(MODELS)),
        )
        for i in range(TASKS)
    ]


def criteria_pool() -> list[dict[str, Any]]:
    """Every distinct criterion of the carried HealthBench rows (about 500), as written."""
    pool: dict[str, dict[str, Any]] = {}
    for name in HEALTHBENCH:
        for row in healthbench_rows(name):
            for item, criterion in zip(row["rubrics"], parse_criteria(row["rubrics"]), strict=True):
                pool.setdefault(criterion.id, item)
    return list(pool.values())


def read(ms: int) -> None:
    """The reviewer reads for ``ms``: the window's event loop runs as it does in use (it
    lets background threads such as the PII scan run; ``QTest.qWait`` would hold Python's
    lock and push their work into the next timed move)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


CPU_TIMES: list[float] = []
"""The UI thread's CPU time of each move timed by :func:`move_times` (the last run's)."""


def move_times(app: Any, window: MainWindow, first: str) -> list[float]:
    """Open ``first``, then time each "next task" until the window has painted (and
    keep each move's UI-thread CPU time in :data:`CPU_TIMES`)."""
    CPU_TIMES.clear()
    window.resize(1600, 1000)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.open_task(first)
    app.processEvents()
    times = []
    for _ in range(TASKS - 1):
        start, start_cpu = time.perf_counter(), time.thread_time()
        window.next_task()
        # Posted events include the window's update request: every widget that
        # changed (responses, prompt, form, list row) paints before this returns.
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        CPU_TIMES.append((time.thread_time() - start_cpu) * 1000)
        # The reviewer reads the task (untimed): idle work such as rendering the
        # next task ahead happens now, as it would in use.
        read(READING_MS)
    window.close()
    return times


def figures(times: list[float], name: str) -> dict[str, float | None]:
    ordered = sorted(times)
    return {
        f"{name}_median_ms": round(statistics.median(times), 2),
        f"{name}_p95_ms": round(ordered[int(0.95 * len(ordered))], 2),
    }


def next_task(app: Any, tmp: Path, key: Path, tasks: list[Task]) -> dict[str, float | None]:
    ws = Workspace.open(tmp / "ws", key)
    ws.load_tasks(tasks)
    window = MainWindow(ws, key, Settings(), restore_layout=False)
    times = move_times(app, window, tasks[0].id)
    ws.close()
    result = figures(times, "next_task")
    result["next_task_cpu_median_ms"] = round(statistics.median(CPU_TIMES), 2)
    print(
        f"next task: {len(times)} moves over {TASKS} tasks x 3 responses, "
        f"median {result['next_task_median_ms']} ms, p95 {result['next_task_p95_ms']} ms "
        f"(UI thread CPU time: median {result['next_task_cpu_median_ms']} ms)"
    )
    return result


def full_answer(ws: Workspace, task_id: str, n: int) -> dict[str, Any]:
    """A complete rubric answer: every criterion graded for every response, a few
    not applicable and a few with notes."""
    (question,) = ws.schema(task_id).rubric_questions
    grades: dict[str, dict[str, Any]] = {}
    for r, rid in enumerate(ws.task(task_id).response_ids):
        per: dict[str, Any] = {}
        for c, criterion in enumerate(question.criteria):
            k = (n + r + c) % 7
            entry: dict[str, Any] = {"met": None if k == 0 else k % 2 == 1}
            if k == 3:
                entry["note"] = f"Checked against the response, point {c + 1}."
            per[criterion.id] = entry
        grades[rid] = per
    return {"rubric": grades}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def rubric(app: Any, tmp: Path, tasks: list[Task]) -> dict[str, float | None]:
    pool = criteria_pool()
    rows = []
    for i, task in enumerate(tasks):
        start = (i * 7) % len(pool)
        chosen = (pool + pool)[start : start + CRITERIA]
        rows.append(
            {
                "id": task.id,
                "prompt": task.conversation[-1].content,
                "responses": [
                    {"id": r.id, "model": r.model, "text": r.text} for r in task.responses
                ],
                "rubrics": chosen,
            }
        )
    path = tmp / "rubric-tasks.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for name in ("server", "grader"):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    grader = keys.load_secret_key(tmp / "keys" / "grader.key")
    bundle = pack(path, server=server, reviewers=[grader.card()], out_dir=tmp / "bundles")
    key = tmp / "keys" / "grader.key"
    ws = Workspace.open(tmp / "ws-rubric", key)
    ws.import_bundle(bundle.bundles[0].path, tmp / "keys" / "server.pub")
    ids = [row.id for row in ws.task_rows()]
    assert all(len(ws.schema(t).rubric_questions[0].criteria) == CRITERIA for t in ids)
    # Recording a full answer (50 criteria x 3 responses): as a draft, then submitted.
    answers = {t: full_answer(ws, t, n) for n, t in enumerate(ids)}
    drafts = [timed(lambda t=t: ws.save_draft(t, answers[t])) for t in ids]
    submits = [timed(lambda t=t: ws.submit(t, answers[t])) for t in ids]
    # The window then moves over tasks with no answer and tasks with a full draft.
    ws.close()
    ws = Workspace.open(tmp / "ws-rubric-2", key)
    ws.import_bundle(bundle.bundles[0].path, tmp / "keys" / "server.pub")
    for n, t in enumerate(ids):
        if n % 2:
            ws.save_draft(t, full_answer(ws, t, n))
    window = MainWindow(ws, key, Settings(), restore_layout=False)
    times = move_times(app, window, ids[0])
    ws.close()
    result = figures(times, "next_task_rubric")
    result["save_rubric_draft_median_ms"] = round(statistics.median(drafts), 2)
    result["record_rubric_answer_median_ms"] = round(statistics.median(submits), 2)
    print(
        f"next task, rubric: {len(times)} moves over {TASKS} tasks x 3 responses x "
        f"{CRITERIA} criteria, median {result['next_task_rubric_median_ms']} ms, "
        f"p95 {result['next_task_rubric_p95_ms']} ms; a full rubric answer "
        f"({CRITERIA} x 3 grades): draft {result['save_rubric_draft_median_ms']} ms, "
        f"submit {result['record_rubric_answer_median_ms']} ms (medians of {len(ids)})"
    )
    return result


# --- math-heavy tasks -------------------------------------------------------------------


def math(app: Any, tmp: Path, key: Path) -> dict[str, float | None]:
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
    ws = Workspace.open(tmp / "ws-math", key)
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
            column.browser.toPlainText().count("\ufffc") for column in window.comparison.columns
        )
        read(READING_MS)
    window.close()
    ws.close()
    if not images:
        raise SystemExit("no formula was shown as an image: this would not measure math")
    result = figures(times, "next_task_math")
    print(
        f"next task, math-heavy: {len(times)} moves over {len(tasks)} tasks x 4 responses "
        f"({typeset} formulas typeset and cached first; {images} formula images shown), "
        f"median {result['next_task_math_median_ms']} ms, p95 {result['next_task_math_p95_ms']} ms"
    )
    return result


# --- PII underlined --------------------------------------------------------------------

PLANTED = "\n\nCall the clinic at 555-010-2233 or write to care.team@example.org."


def pii(app: Any, tmp: Path, key: Path, tasks: list[Task]) -> dict[str, float | None]:
    from dataclasses import replace

    planted = [
        replace(
            t,
            conversation=(Turn(Role.USER, t.conversation[0].content + PLANTED),),
            responses=tuple(replace(r, text=r.text + PLANTED) for r in t.responses),
        )
        for t in tasks
    ]
    found = [replace(t, pii=scan_task(t).findings) for t in planted]
    assert all(len(t.pii or ()) >= 8 for t in found), "the planted identifiers were not found"
    none = [replace(t, pii=()) for t in planted]
    form = Schema((*default_schema(3).questions, PiiQuestion("pii")))
    result: dict[str, float | None] = {}
    windows: dict[str, tuple[Workspace, MainWindow]] = {}
    for name, batch in (("next_task_no_pii", none), ("next_task_pii", found)):
        ws = Workspace.open(tmp / f"ws-{name}", key)
        ws.load_tasks(batch, schema=form)
        window = MainWindow(ws, key, Settings(), restore_layout=False)
        window.resize(1600, 1000)
        window.show()
        windows[name] = (ws, window)
    for _ in range(20):
        app.processEvents()
    for _, window in windows.values():
        window.open_task(tasks[0].id)
        app.processEvents()
    # The two windows take turns (which goes first alternates), so that whatever else
    # the machine does meanwhile weighs on both alike.
    times: dict[str, list[float]] = {name: [] for name in windows}
    cpu: dict[str, list[float]] = {name: [] for name in windows}
    for step in range(TASKS - 1):
        names = list(windows) if step % 2 == 0 else list(reversed(windows))
        for name in names:
            window = windows[name][1]
            start, start_cpu = time.perf_counter(), time.thread_time()
            window.next_task()
            app.processEvents()
            times[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((time.thread_time() - start_cpu) * 1000)
            read(READING_MS)
    for name, (ws, window) in windows.items():
        window.close()
        ws.close()
        result.update(figures(times[name], name))
    # The UI thread's CPU time per move: what the window itself spends, whatever else
    # the machine runs (the wall-clock figures also count waiting for a core).
    cpu_overhead = statistics.median(cpu["next_task_pii"]) - statistics.median(
        cpu["next_task_no_pii"]
    )
    result["pii_highlight_overhead_cpu_ms"] = round(cpu_overhead, 2)
    overhead = result["next_task_pii_median_ms"] - result["next_task_no_pii_median_ms"]  # type: ignore[operator]
    result["pii_highlight_overhead_ms"] = round(overhead, 2)
    print(
        f"next task with PII: {TASKS - 1} moves over {TASKS} tasks x 3 responses, a phone "
        f"number and an email in each response and the prompt; findings drawn: median "
        f"{result['next_task_pii_median_ms']} ms (p95 {result['next_task_pii_p95_ms']} ms); "
        f"none: median {result['next_task_no_pii_median_ms']} ms "
        f"(p95 {result['next_task_no_pii_p95_ms']} ms); highlighting adds {overhead:.2f} ms "
        f"(UI thread CPU time: {cpu_overhead:.2f} ms)"
    )
    return result


def main(which: str = "all") -> dict[str, float | None]:
    tasks = alpaca_tasks()
    app = application()
    result: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        key, _ = keys.write_key_pair(keys.generate("bench"), Path(tmp) / "keys", passphrase=None)
        if which in ("all", "plain"):
            result.update(next_task(app, Path(tmp), key, tasks))
        if which in ("all", "rubric"):
            result.update(rubric(app, Path(tmp), tasks))
        if which in ("all", "math"):
            result.update(math(app, Path(tmp), key))
        if which in ("all", "pii"):
            result.update(pii(app, Path(tmp), key, tasks))
    return result


if __name__ == "__main__":
    record(main(sys.argv[1] if len(sys.argv) > 1 else "all"))
