"""Benchmark: four `docket merge` processes at once on one embedded merged database, against
one process merging the same 100 result bundles of 1,000 answers (information, no bar).

    .venv/bin/python tests/benchmarks/bench_concurrent_merge.py

The workload is bench_merge.py's (10 reviewers x 10 chained results of 1,000 answers,
each carrying its workspace's audit log; built once into the user cache directory). The
project's task archive is merged first, untimed; then, timed from the start of the first
process to the end of the last, either one `docket merge` of the 100 files or four, each
given every fourth file (so every reviewer's chain is split across the four and arrives
out of order). Each bundle is verified outside the database's lock, and only its short
write transaction waits for the others: on two cores, verification in parallel is the
gain. Both end in the same answers (checked). Merged into bench-results.json
(merge_100x1000_one_process_s, merge_100x1000_four_processes_s), medians of 3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_merge import build  # noqa: E402
from results import record  # noqa: E402
from workloads import workload  # noqa: E402

from docket.bundles import keys  # noqa: E402
from docket.server.merge import import_task_archive  # noqa: E402
from docket.server.merged_store import MergedStore  # noqa: E402

PROCESSES = 4


def merge_at_once(db: Path, lists: list[list[Path]], cache: Path, ring: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "docket.cli",
                "merge",
                *map(str, files),
                "--quiet",
                "--server-key",
                str(cache / "keys" / "server.key"),
                "--keyring",
                str(ring),
                "--db",
                str(db),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for files in lists
    ]
    errors = [p.communicate()[1] for p in procs]
    elapsed = time.perf_counter() - start
    assert all(p.returncode == 0 for p in procs), errors
    return elapsed


def answers(db: Path, server: keys.SecretKey) -> list[tuple[object, ...]]:
    with MergedStore.open(db, server) as store:
        return sorted(
            tuple(r)
            for r in store.db.execute(
                "SELECT reviewer, task_id, revision, body, bundle FROM answers"
            ).fetchall()
        )


def main() -> dict[str, float | None]:
    cache = workload("merge-v2", build)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    files = sorted(cache.glob("*.result"))
    archive = next((cache / "bundles" / "rev00").glob("*.server-tasks"))
    one: list[float] = []
    four: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        ring = Path(tmp) / "ring"
        ring.mkdir()
        for card in (cache / "keys").glob("rev*.pub"):
            (ring / card.name).write_bytes(card.read_bytes())
        for run in range(3):
            states = []
            for label, lists in (
                ("one", [files]),
                ("four", [files[i::PROCESSES] for i in range(PROCESSES)]),
            ):
                db = Path(tmp) / f"{label}-{run}.db"
                with MergedStore.open(db, server) as store:
                    import_task_archive(store, server, archive)
                took = merge_at_once(db, lists, cache, ring)
                (one if label == "one" else four).append(took)
                states.append(answers(db, server))
                print(f"run {run + 1}: {label} process(es): {took:.2f} s", flush=True)
            assert states[0] == states[1], "four merges at once left other answers than one"
    result = {
        "merge_100x1000_one_process_s": round(statistics.median(one), 2),
        "merge_100x1000_four_processes_s": round(statistics.median(four), 2),
    }
    print(
        f"merge of {len(files)} results x 1,000 answers through `docket merge`: one process "
        f"{result['merge_100x1000_one_process_s']} s, {PROCESSES} at once "
        f"{result['merge_100x1000_four_processes_s']} s (medians of 3; the same answers)"
    )
    return result


if __name__ == "__main__":
    record(main())
