"""Benchmark: the task list of a 100,000-task workspace (3 real responses a task).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_task_list.py

The workspace is built once straight through the store (``Workspace.load_tasks``, 5,000
tasks at a time: the real AlpacaEval prompts and answers, each task's prompt numbered so
that no two are alike; about a tenth done, drafts, flags and skips set in the store) and
indexed for search as the window does while the reviewer works; it is kept in the user
cache directory (workloads.py: ``~/.cache/docket/bench/tasklist-100k-v2``). How long the
indexing took is reported for information (search_index_100k_s).

Then, in a fresh process, the review window opens on it offscreen at 1600x1000 and each
figure is the time until the window has painted the result (medians):

- task_filter_100k_ms: choosing a status in the filter (done, flagged, to do, all);
- task_search_100k_ms: a search typed and entered (Enter), over prompts and responses,
  for words of the responses and prompts, common and rare, with and without accents,
  one of three letters (never the same query twice: none is answered from the cache);
  the slowest query is task_search_100k_max_ms;
- task_scroll_100k_ms: the list scrolled to another place (97 pages on, its scroll bar
  moved) and painted;
- peak_rss_100k_mb: the window's peak resident memory (VmHWM) after 1,000 tasks visited.

Bars: filter, search and scroll <= 100 ms; peak memory <= 300 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402
from workloads import workload  # noqa: E402

TASKS = int(os.environ.get("BENCH_TASK_LIST_TASKS", "100000"))
CHUNK = 5_000
QUERIES = [
    "photosynthesis",
    "the capital of",
    "Python",
    "recipe",
    "MÜLLER",
    "résumé",
    "quantum computing",
    "zzyzx",
    "json",
    "task 77777",
]

WINDOW = r"""
import os, statistics, sys, time
from pathlib import Path
# The window's modules imported as the `docket` command imports them before it opens the
# window (sqlite-utils without pandas and numpy, which the app never loads).
from docket.cli.app import _before_qt
_before_qt()
from PySide6.QtCore import QEvent
from docket import Workspace
from docket.core.tasks import TaskStatus
from docket.settings import Settings
from docket.ui.app import application
from docket.ui.main_window import MainWindow

queries = sys.argv[3].split("|")
app = application()
ws = Workspace.open(sys.argv[1], sys.argv[2])
window = MainWindow(ws, Path(sys.argv[2]), Settings(), restore_layout=False)
window.resize(1600, 1000)
window.show()
while window.controller.task is None:
    app.processEvents()
app.processEvents()
panel = window.task_list


cpu = {}


def painted(action, key=None):
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    app.processEvents()
    if key is not None:
        cpu[key] = (time.process_time() - start_cpu) * 1000
    return (time.perf_counter() - start) * 1000


filters = []
for _ in range(3):
    for statuses in ({TaskStatus.DONE}, {TaskStatus.FLAGGED}, {TaskStatus.NEW, TaskStatus.DRAFT}, None):
        filters.append(painted(lambda s=statuses: panel.set_status_filter(s)))
assert panel.proxy.rowCount() == panel.model.rowCount()
searches = {}
for query in queries:
    searches[query] = painted(lambda q=query: panel.set_search(q), query)
    hits = panel.proxy.rowCount()
    print(f"  search {query!r}: {hits} tasks, {searches[query]:.1f} ms (CPU {cpu[query]:.1f} ms)",
          file=sys.stderr)
panel.set_search("")
app.processEvents()
bar = panel.view.verticalScrollBar()
step = bar.pageStep() * 97  # a page at a time would stay near the top: jump through it
scrolls = [painted(lambda i=i: bar.setValue((i * step) % bar.maximum())) for i in range(1, 31)]
for _ in range(1000):
    window.next_task()
    app.processEvents()
    # What the event loop does between two moves: objects let go are deleted.
    app.sendPostedEvents(None, int(QEvent.Type.DeferredDelete.value))
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(statistics.median(filters), statistics.median(searches.values()), max(searches.values()),
      statistics.median(scrolls), int(hwm.split()[1]) / 1024, statistics.median(cpu.values()),
      flush=True)
# Measured: leave without closing the window (closing waits for background typesetting),
# and without leaving the typesetting worker behind (it holds this process's output open,
# and would go on typesetting the 100,000 tasks while the next benchmark runs).
import multiprocessing
for child in multiprocessing.active_children():
    child.kill()
os._exit(0)
"""


def build(cache: Path) -> None:
    from docket import Workspace
    from docket.bundles import keys
    from docket.core import Response, Role, Task, Turn
    from tests.reference_data import ALPACA_MODELS, alpaca_eval

    models = list(ALPACA_MODELS[:3])
    outputs = {m: alpaca_eval(m) for m in models}
    key, _ = keys.write_key_pair(keys.generate("reviewer"), cache / "keys", passphrase=None)
    with Workspace.open(cache / "ws", key) as ws:
        for start in range(0, TASKS, CHUNK):
            ws.load_tasks(
                Task(
                    f"t{i:06d}",
                    (Turn(Role.USER, f"{outputs[models[0]][i % 805]['instruction']} (task {i})"),),
                    tuple(
                        Response(f"r{j}", outputs[m][i % 805]["output"], m)
                        for j, m in enumerate(models)
                    ),
                )
                for i in range(start, min(TASKS, start + CHUNK))
            )
        db = ws.store._db
        with db.conn:
            for status, every in (("draft", 11), ("done", 7), ("flagged", 31), ("skipped", 53)):
                db.execute(f"UPDATE tasks SET status = ? WHERE position % {every} = 0", (status,))
        started = time.perf_counter()
        ws.index_search()
        (cache / "index_s").write_text(f"{time.perf_counter() - started:.1f}\n")


def main() -> dict[str, float | None]:
    # v2: workspace migration v13 (the search index with positions, the task list's index);
    # v3: a new workspace's 16 KiB pages
    name = "tasklist-100k-v3" if TASKS == 100_000 else f"tasklist-{TASKS}-v3"
    cache = workload(name, build)
    result: dict[str, float | None] = {}
    suffix = "100k" if TASKS == 100_000 else str(TASKS)
    result[f"search_index_{suffix}_s"] = float((cache / "index_s").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", WINDOW, str(cache / "ws"), str(cache / "keys" / "reviewer.key"),
             "|".join(QUERIES)],
            capture_output=True, text=True, check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "desktop"),
                 "XDG_CONFIG_HOME": tmp},
        )  # fmt: skip
    print(out.stderr, end="")
    figures = [float(x) for x in out.stdout.split()]
    for key, value in zip(
        ("task_filter", "task_search", "task_search_max", "task_scroll"), figures, strict=False
    ):
        result[f"{key}_{suffix}_ms"] = round(value, 1)
    result[f"peak_rss_{suffix}_mb"] = round(figures[4], 1)
    result[f"task_search_cpu_{suffix}_ms"] = round(figures[5], 1)
    print("task list:", ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


if __name__ == "__main__":
    record(main())
