"""Benchmark: the team store on PostgreSQL (bars: ``merge_pg_1m_s`` <= 60 s,
``agreement_pg_1m_s`` <= 10 s).

    .venv/bin/python tests/benchmarks/bench_team_store.py

A throwaway PostgreSQL is started from the machine's binaries (tests/postgres.py; without
them, or without psycopg, every figure is recorded as null, said so).

- ``db_copy_1m_s``: ``docket db copy`` of bench_report.py's merged database (1,000,000
  answers, 200,000 tasks; its workload, built once) from the embedded file into an empty
  PostgreSQL database: read, written with COPY, both content hashes computed and compared.
- ``agreement_pg_1m_s``: ``docket agreement --json`` over that copy, in-process as
  bench_report.py times ``agreement_1m_answers_s`` on the file (median of 3).
- ``merge_pg_1m_s``: 1,000 result bundles x 1,000 answers (100 reviewers, 10 chained
  bundles each: bench_merge.py's workload built for 100 reviewers, once) merged by 4
  ``docket merge`` processes at once into a fresh PostgreSQL database, each given the
  bundles of a quarter of the reviewers; wall time from the first start to the last exit
  (Python's start-up included), the task archive merged before (untimed).
- ``merge_1m_s``: the same 1,000 bundles merged by one ``docket merge`` into a fresh
  embedded file, for comparison (one writer at a time there).

``BENCH_TEAM_REVIEWERS=N`` builds and merges N reviewers' bundles instead of 100 (a quick
check of the benchmark itself; the figures are then not recorded). ``BENCH_TEAM=copy``
or ``BENCH_TEAM=merge`` runs one half only (the merge workload takes long to build).
"""

from __future__ import annotations

import contextlib
import io
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

import bench_merge  # noqa: E402
import bench_report  # noqa: E402
from results import record  # noqa: E402
from workloads import workload  # noqa: E402

from docket.bundles import keys  # noqa: E402
from docket.server.db_copy import copy_store  # noqa: E402
from docket.server.merge import import_task_archive  # noqa: E402
from docket.server.merged_store import MergedStore  # noqa: E402
from tests.postgres import PostgresServer, Unavailable, create_database, start_server  # noqa: E402

FULL_REVIEWERS = 100
MERGERS = 4


def _copy_and_agreement(server: PostgresServer) -> dict[str, float | None]:
    cache = workload("report-1m-v2", bench_report.build)
    key_path = str(cache / "keys" / "server.key")
    key = keys.load_secret_key(key_path)
    url = create_database(server, "report1m")
    with MergedStore.open(cache / "merged.db", key) as source, MergedStore.open(url, key) as target:
        start = time.perf_counter()
        content = copy_store(source, target)
        copied = time.perf_counter() - start
    print(f"db copy: {content.rows:,} rows into PostgreSQL in {copied:.1f} s (hashes equal)")
    runs = []
    for _ in range(3):
        from docket.cli import main as cli_main

        sink = io.StringIO()
        begin = time.perf_counter()
        with contextlib.redirect_stdout(sink):
            code = cli_main(["agreement", "--db", url, "--server-key", key_path, "--json"])
        runs.append(time.perf_counter() - begin)
        assert code == 0, sink.getvalue()[-2000:]
    median = round(sorted(runs)[1], 2)
    print(
        f"agreement --json on PostgreSQL: 1,000,000 answers, median of 3 runs {median} s "
        f"(runs: {', '.join(f'{r:.2f}' for r in runs)})"
    )
    return {"db_copy_1m_s": round(copied, 2), "agreement_pg_1m_s": median}


def _build(reviewers: int) -> Path:
    bench_merge.REVIEWERS = reviewers  # bench_merge.build reads it: 10 bundles each
    suffix = "" if reviewers == FULL_REVIEWERS else f"-{reviewers}"
    return workload(f"merge-1m{suffix}", bench_merge.build)


def _merge(cache: Path, db: str, mergers: int) -> float:
    key = str(cache / "keys" / "server.key")
    server = keys.load_secret_key(key)
    with MergedStore.open(db, server) as store:
        import_task_archive(
            store, server, next((cache / "bundles" / "rev00").glob("*.server-tasks"))
        )
    names = sorted(p.name for p in (cache / "keys").glob("rev*.pub"))
    ring = cache / "ring"
    if not ring.is_dir():
        ring.mkdir()
        for name in names:
            (ring / name).write_bytes((cache / "keys" / name).read_bytes())
    reviewers = [n.removesuffix(".pub") for n in names]
    shares = [reviewers[i::mergers] for i in range(mergers)]
    jobs = [sorted(p for r in share for p in cache.glob(f"{r}-*.result")) for share in shares]
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "docket.cli", "merge", *map(str, job), "--server-key", key,
             "--keyring", str(ring), "--db", db],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in jobs
    ]  # fmt: skip
    outputs = [p.communicate() for p in procs]
    elapsed = time.perf_counter() - start
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, (out[-2000:], err[-2000:])
    return elapsed


def main() -> dict[str, float | None]:
    reviewers = int(os.environ.get("BENCH_TEAM_REVIEWERS", FULL_REVIEWERS))
    figures: dict[str, float | None] = dict.fromkeys(
        ("db_copy_1m_s", "agreement_pg_1m_s", "merge_pg_1m_s", "merge_1m_s")
    )
    try:
        server = start_server()
    except Unavailable as exc:
        print(f"team store benchmarks skipped: {exc}")
        return figures
    parts = os.environ.get("BENCH_TEAM", "merge,copy").split(",")
    try:
        if "copy" in parts and reviewers == FULL_REVIEWERS:
            figures.update(_copy_and_agreement(server))
        if "merge" not in parts:
            return {k: v for k, v in figures.items() if v is not None}
        cache = _build(reviewers)
        url = create_database(server, "merge1m")
        figures["merge_pg_1m_s"] = round(_merge(cache, url, MERGERS), 2)
        print(f"merge into PostgreSQL: {reviewers * 10} bundles x 1,000 answers, {MERGERS} "
              f"mergers at once: {figures['merge_pg_1m_s']} s")  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            figures["merge_1m_s"] = round(_merge(cache, str(Path(tmp) / "merged.db"), 1), 2)
        print(f"merge into the embedded file: the same, one merger: {figures['merge_1m_s']} s")
    finally:
        server.stop()
    if reviewers != FULL_REVIEWERS:
        print("(a reduced run: nothing recorded)")
        return {}
    return figures


if __name__ == "__main__":
    record(main())
