"""A move to the next task in this checkout's window against another commit's, in one
process where the load is the same.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/profile_against.py [REV] [rubric] [N]

The code of ``REV`` (default ``main``) is taken from git (``git archive``) into a
temporary package named ``docket_before`` (its imports renamed), so that two review
windows, one of each, run in the same process on the plain workload of
``bench_next_task.py`` (200 AlpacaEval tasks x 3 responses, 1600x1000, 80 ms of reading
between moves; with ``rubric``, its rubric workload: 50 criteria of their own per task,
every other task with a full draft) and take turns move by move (which goes first alternates): whatever else
the machine runs weighs on both alike. Each window's application-wide activity filter is
on only during its own moves (and the reading). Prints the UI thread's CPU time per move
(median of N moves, default 199), the wall-clock median and 95th percentile of each
window. Not a benchmark (nothing is recorded): an A/B comparison for a busy machine.
Both windows share one QApplication, one typesetting worker each and the machine's two
cores, so the absolute figures are above a single window's.
"""

from __future__ import annotations

import io
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_next_task as bench

from docket import Workspace
from docket.bundles import keys
from docket.settings import Settings
from docket.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
_RENAMES = (
    (re.compile(r"\bfrom docket\b"), "from docket_before"),
    (re.compile(r"\bimport docket\b"), "import docket_before"),
    (re.compile(r"([\"'])docket\."), r"\1docket_before."),
    (re.compile(r"\bdocket\.(?=[a-z_]+\b)"), "docket_before."),
)


def checkout(rev: str, into: Path) -> None:
    """``rev``'s ``desktop/docket`` as the package ``into/docket_before``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "desktop/docket"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / "docket_before"
    (into / "desktop" / "docket").rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for pattern, replacement in _RENAMES:
            text = pattern.sub(replacement, text)
        source.write_text(text, encoding="utf-8")


def rubric_bundle(tmp: Path, tasks: list[Any]) -> tuple[Path, Path, Path]:
    """The rubric workload of ``bench_next_task.py`` packed once: (bundle, server card,
    the reviewer's key)."""
    pool = bench.criteria_pool()
    rows = []
    for i, task in enumerate(tasks):
        start = (i * 7) % len(pool)
        rows.append(
            {
                "id": task.id,
                "prompt": task.conversation[-1].content,
                "responses": [
                    {"id": r.id, "model": r.model, "text": r.text} for r in task.responses
                ],
                "rubrics": (pool + pool)[start : start + bench.CRITERIA],
            }
        )
    path = tmp / "rubric-tasks.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for name in ("server", "grader"):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    grader = keys.load_secret_key(tmp / "keys" / "grader.key")
    packed = bench.pack(path, server=server, reviewers=[grader.card()], out_dir=tmp / "bundles")
    return packed.bundles[0].path, tmp / "keys" / "server.pub", tmp / "keys" / "grader.key"


def main() -> None:
    rubric = "rubric" in sys.argv[1:]
    rev = next((a for a in sys.argv[1:] if not a.isdigit() and a != "rubric"), "main")
    moves = int(next((a for a in sys.argv[1:] if a.isdigit()), "199"))
    app = bench.application()
    tasks = bench.alpaca_tasks()
    with tempfile.TemporaryDirectory() as tmp:
        checkout(rev, Path(tmp))
        sys.path.insert(0, tmp)
        from docket_before import Workspace as WorkspaceB  # type: ignore[import-not-found]
        from docket_before.core import (  # type: ignore[import-not-found]
            Response as ResponseB,
        )
        from docket_before.core import Role as RoleB
        from docket_before.core import Task as TaskB
        from docket_before.core import Turn as TurnB
        from docket_before.settings import Settings as SettingsB  # type: ignore[import-not-found]
        from docket_before.ui.main_window import (  # type: ignore[import-not-found]
            MainWindow as MainWindowB,
        )

        tasks_b = [
            TaskB(
                t.id,
                tuple(TurnB(RoleB(turn.role.value), turn.content) for turn in t.conversation),
                tuple(ResponseB(r.id, r.text, r.model) for r in t.responses),
            )
            for t in tasks
        ]
        if rubric:
            bundle, server_card, key = rubric_bundle(Path(tmp), tasks)
            this = Workspace.open(Path(tmp) / "ws-this", key)
            this.import_bundle(bundle, server_card)
            before = WorkspaceB.open(Path(tmp) / "ws-before", key)
            before.import_bundle(bundle, server_card)
            first = [row.id for row in this.task_rows()]
            for n, task_id in enumerate(first):
                if n % 2:  # the same full drafts in both
                    draft = bench.full_answer(this, task_id, n)
                    this.save_draft(task_id, draft)
                    before.save_draft(task_id, draft)
        else:
            key, _ = keys.write_key_pair(
                keys.generate("bench"), Path(tmp) / "keys", passphrase=None
            )
            this = Workspace.open(Path(tmp) / "ws-this", key)
            this.load_tasks(tasks)
            before = WorkspaceB.open(Path(tmp) / "ws-before", key)
            before.load_tasks(tasks_b)
        windows: dict[str, Any] = {
            "this checkout": MainWindow(this, key, Settings(), restore_layout=False),
            rev: MainWindowB(before, key, SettingsB(), restore_layout=False),
        }
        cpu: dict[str, list[float]] = {name: [] for name in windows}
        wall: dict[str, list[float]] = {name: [] for name in windows}
        for window in windows.values():
            window.resize(1600, 1000)
            window.show()
        for _ in range(20):
            app.processEvents()
        for window in windows.values():
            window.open_task(this.task_rows()[0].id)
            app.processEvents()
        bench.read(2000)  # the first tasks read ahead, the search index started
        names = list(windows)
        for step in range(min(moves, len(tasks) - 1)):
            for name in names if step % 2 == 0 else list(reversed(names)):
                window = windows[name]
                others = [w for w in windows.values() if w is not window]
                for other in others:
                    app.removeEventFilter(other._input)
                start, start_cpu = time.perf_counter(), time.thread_time()
                window.next_task()
                app.processEvents()
                wall[name].append((time.perf_counter() - start) * 1000)
                cpu[name].append((time.thread_time() - start_cpu) * 1000)
                for other in others:
                    app.installEventFilter(other._input)
                bench.read(bench.READING_MS)
        for window in windows.values():
            window.close()
        this.close()
        before.close()
    load = os.getloadavg()[0]
    for name in names:
        ordered = sorted(wall[name])
        print(
            f"{name}: UI thread CPU median {statistics.median(cpu[name]):.2f} ms, wall median "
            f"{statistics.median(wall[name]):.2f} ms, p95 {ordered[int(0.95 * len(ordered))]:.2f}"
            f" ms ({len(cpu[name])} moves; load {load:.1f})"
        )


if __name__ == "__main__":
    main()
