"""Benchmark: importing the 100,000-task bundle, three times (median), without packing it
each time.

    BENCH_SCALE=100k .venv/bin/python tests/benchmarks/bench_import_100k.py [RUNS]

Runs only with ``BENCH_SCALE=100k``. ``bench_scale_100k.py`` measures one import of the
bundle it packs (a pack takes minutes); this packs the same tasks once, into the user
cache directory (``~/.cache/docket/bench/import-100k``: the reviewer's bundle, 690 MB,
and the server's archive), and imports that bundle ``RUNS`` times (3 by default), each
in a fresh process and a new workspace, with ``bench_scale_100k.py``'s own import
child: wall time from opening the workspace to closing it (its WAL folded back), the
CPU time of the process and of the worker process that reads the tasks
(``docket.import_worker``), and the peak resident set (``VmHWM``) with the worker's
peak added (the two run at once). Records the medians as
``import_100k_median_s``, ``import_100k_median_cpu_s`` and
``import_100k_median_peak_mb``; each run's figures are printed, with the load average
(the CPU time says how much of the wall time was the import on a shared machine).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale_100k import IMPORT, run  # noqa: E402
from bench_scale_100k import build as build_tasks  # noqa: E402
from results import record  # noqa: E402
from workloads import workload  # noqa: E402

from docket.bundles import keys  # noqa: E402
from docket.server.pack import pack  # noqa: E402


def main(runs: int) -> dict[str, float | None] | None:
    if os.environ.get("BENCH_SCALE", "").lower() != "100k":
        print("import-100k: skipped (BENCH_SCALE=100k runs it: three imports of 100,000 tasks)")
        return None
    tasks = workload("scale-100k", build_tasks)

    def build(cache: Path) -> None:
        server = keys.load_secret_key(tasks / "keys" / "server.key")
        reviewer = keys.load_secret_key(tasks / "keys" / "reviewer.key")
        pack(
            tasks / "tasks.jsonl",
            server=server,
            reviewers=[reviewer.card()],
            out_dir=cache / "out",
            project="scale100k",
        )

    started = time.perf_counter()
    cache = workload("import-100k", build)
    if time.perf_counter() - started > 1:
        print(f"import-100k: bundle packed in {time.perf_counter() - started:.0f} s")
    bundle = cache / "out" / "scale100k-reviewer.docket"
    key, card = tasks / "keys" / "reviewer.key", tasks / "keys" / "server.pub"
    walls, cpus, peaks = [], [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, peak, cpu = run(IMPORT, Path(tmp) / "ws", key, bundle, card)
        walls.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
        load = os.getloadavg()[0]
        print(
            f"import-100k: run {i + 1}: {seconds:.1f} s, CPU {cpu:.1f} s, "
            f"peak {peak:.0f} MB (load {load:.1f})"
        )
    result: dict[str, float | None] = {
        "import_100k_median_s": round(statistics.median(walls), 1),
        "import_100k_median_cpu_s": round(statistics.median(cpus), 1),
        "import_100k_median_peak_mb": round(statistics.median(peaks)),
    }
    print("import-100k:", ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


if __name__ == "__main__":
    figures = main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    if figures is not None:
        record(figures)
