"""The CPU time of the import's reading process over the 100,000-task bundle, in this
process (no workspace, nothing written).

    .venv/bin/python tests/benchmarks/profile_import_reading.py [RUNS] [prof]

Reads the bundle that ``bench_import_100k.py`` packs into the user cache directory
(``~/.cache/docket/bench/import-100k``; run that benchmark once first) as the import's
worker process reads it (:func:`docket.import_worker._read`: decrypt again, split and
parse the task lines, check every task, build the rows, pickle each batch as the pipe
would), with the heap kept and the cycle collector paused as in that process. Prints the
first pass's CPU time and the reading's, per run, and their median; with ``prof``, one
run under cProfile (its times inflated by the profiler) and the 30 costliest functions.
Not a benchmark (nothing is recorded): what the reading costs per task line, for
comparing two versions of the code in one sitting (``PYTHONPATH`` of another checkout's
``desktop``).
"""

from __future__ import annotations

import cProfile
import os
import pickle
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if not os.environ.get("PYTHONPATH"):  # else that path's docket: another version's
    sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import BENCH_CACHE  # noqa: E402

from docket import import_worker  # noqa: E402
from docket.bundles import keys  # noqa: E402
from docket.bundles.envelope import open_sealed_streaming, pinned  # noqa: E402
from docket.bundles.keys import PublicCard  # noqa: E402
from docket.bundles.manifest import TASK_TYPES  # noqa: E402
from docket.core.bulk import paused_gc, retained_heap  # noqa: E402
from docket.store import workspace_store  # noqa: E402


class _Pipe:
    """Where the batches go: pickled, as the pipe to the importing process pickles them."""

    def __init__(self) -> None:
        self.batches = 0
        self.bytes = 0

    def send(self, message: Any) -> None:
        self.bytes += len(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        self.batches += 1


def main(runs: int, profile: bool) -> None:
    tasks, cache = BENCH_CACHE / "scale-100k", BENCH_CACHE / "import-100k"
    bundle = cache / "out" / "scale100k-reviewer.docket"
    if not bundle.is_file():
        sys.exit(f"no bundle at {bundle}: run BENCH_SCALE=100k bench_import_100k.py once first")
    secret = keys.load_secret_key(tasks / "keys" / "reviewer.key")
    server = PublicCard.load(tasks / "keys" / "server.pub")
    retained_heap()  # as the worker process does
    print(f"reading with docket from {Path(import_worker.__file__).parent}")
    times = []
    for run in range(1 if profile else runs):
        started = time.process_time()
        streamed = open_sealed_streaming(
            bundle, secret, signer=pinned(server), expected_type=TASK_TYPES
        )
        first = time.process_time() - started
        job = import_worker._Job(
            streamed, "b", 0, workspace_store.TASK_BATCH, workspace_store.TASK_BATCH_CHARS
        )
        pipe = _Pipe()
        profiler = cProfile.Profile() if profile else None
        started = time.process_time()
        with paused_gc():
            if profiler is not None:
                profiler.enable()
            import_worker._read(job, pipe)  # type: ignore[arg-type]
            if profiler is not None:
                profiler.disable()
        reading = time.process_time() - started
        times.append(reading)
        print(
            f"run {run + 1}: first pass {first:.2f} s CPU, reading {reading:.2f} s CPU "
            f"({pipe.batches} batches, {pipe.bytes / 1e6:.0f} MB pickled)"
        )
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    print(f"reading: median {statistics.median(times):.2f} s CPU over {len(times)} run(s)")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(next((a for a in args if a.isdigit()), "3")), "prof" in args)
