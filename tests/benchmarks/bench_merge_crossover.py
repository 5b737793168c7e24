"""Benchmark: where a merge starts to gain from its worker process (information).

    .venv/bin/python tests/benchmarks/bench_merge_crossover.py

Merges the first N result bundles of bench_merge.py's 100 (workload ``merge-v2``: 0.8 to
4.1 MB each) into a fresh embedded store, in one process and with the worker, for N in
1, 2, 3, 4, 6, 8 and 16, alternating, and prints the medians of 5 (wall time; the CPU of
the merging process and of the worker). ``docket.server.merge_worker.PIPELINE_MIN_BYTES``
is set from where the worker starts to win. Writes nothing to bench-results.json.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

COUNTS = (1, 2, 3, 4, 6, 8, 16)
RUNS = 5


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    # Imported here, not at the top: the worker process imports this script again (as
    # any spawned process imports its parent's main module), and `docket merge`'s main
    # module imports little.
    from bench_merge import build
    from workloads import workload

    from docket.bundles import keys
    from docket.server.merge import import_task_archive, merge_results
    from docket.server.merged_store import MergedStore

    cache = workload("merge-v2", build)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    cards = [keys.PublicCard.load(p) for p in sorted((cache / "keys").glob("rev*.pub"))]
    files = sorted(cache.glob("*.result"))
    archive = next((cache / "bundles" / "rev00").glob("*.server-tasks"))
    print(f"load average {os.getloadavg()[0]:.1f}")
    for count in COUNTS:
        paths = files[:count]
        size = sum(p.stat().st_size for p in paths) / 1e6
        runs: dict[bool, list[tuple[float, float, float]]] = {False: [], True: []}
        for _ in range(RUNS):
            for pipelined in (False, True):
                with (
                    tempfile.TemporaryDirectory() as tmp,
                    MergedStore.open(Path(tmp) / "merged.db", server) as store,
                ):
                    import_task_archive(store, server, archive)
                    start, cpu, worker = time.perf_counter(), time.process_time(), _children_cpu()
                    merge_results(paths, server=server, cards=cards, store=store,
                                  pipelined=pipelined)  # fmt: skip
                    runs[pipelined].append(
                        (
                            time.perf_counter() - start,
                            time.process_time() - cpu,
                            _children_cpu() - worker,
                        )
                    )
        line = [f"{count:>3} bundles, {size:5.1f} MB:"]
        for pipelined in (False, True):
            wall, cpu, worker = (statistics.median(r[i] for r in runs[pipelined]) for i in range(3))
            line.append(
                f"{'worker' if pipelined else 'one process'} {wall:.3f} s "
                f"(CPU {cpu:.2f} + {worker:.2f} s)"
            )
        print(" ".join(line), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
