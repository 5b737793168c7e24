"""Benchmark: the team store on PostgreSQL (bars: ``agreement_pg_1m_s`` <= 10 s,
``merge_pg_1m_s`` <= 60 s).

    .venv/bin/python tests/benchmarks/bench_team_store.py
    BENCH_SCALE=100k .venv/bin/python tests/benchmarks/bench_team_store.py   # the full merge
    BENCH_SCALE=100k BENCH_TEAM=merge .venv/bin/python tests/benchmarks/bench_team_store.py
        # merge_pg_1m_s alone (without bench_report.py's database and agreement)

A throwaway PostgreSQL is started from the machine's binaries (tests/postgres.py; without
them, or without psycopg, every figure is recorded as null, said so). The machine may be
shared: each figure comes with the CPU time of the client (``*_cpu_s``) and of the
PostgreSQL server's processes (``*_server_cpu_s``), which do not depend on the load.

- ``load_pg_1m_s`` (information): bench_report.py's merged database (1,000,000 answers of
  200,000 tasks, with their answer facts; its workload, built once) written straight into
  a new PostgreSQL database's tables with COPY (tests/postgres.py ``load_tables``, what
  ``docket db copy`` does without its content hashes), then ``ANALYZE`` (as autovacuum
  would after a load). The same rows on both stores, so every reader's output on the one
  is compared byte for byte with its output on the other.
- ``agreement_pg_1m_s``: ``docket agreement --json`` over that database, in-process as
  bench_report.py times ``agreement_1m_s`` on the file (median of 3), its output
  the file's byte for byte (the file's run is timed once, printed, not recorded);
  ``agreement_pg_1m_peak_mb``: its peak resident memory in a process of its own.
- ``disagreements_pg_1m_s``, ``export_dpo_pg_1m_s``, ``report_pg_1m_s``: the other reading
  verbs over the same database, one run each (with the server's CPU; the dpo export's
  peak memory in a process of its own, ``export_dpo_pg_1m_peak_mb``), each output
  compared with the file's
  (``docket disagreements --json``, ``docket dataset export --format dpo``, ``docket
  report``; the file's times printed beside them): only with ``BENCH_TEAM=...,readers``,
  as they take many minutes on a busy machine (and this process holds their answers).
- ``merge_pg_100x1000_s`` (information): 100 result bundles x 1,000 answers (10 reviewers'
  chained bundles of bench_merge.py's million-answer workload, ``merge-1m-v1``, built once)
  merged by 4 ``docket merge`` processes at once into a fresh PostgreSQL database, each
  given the bundles of a quarter of the reviewers; wall time from the first start to the
  last exit (Python's start-up included), the task archive merged before (untimed). The
  same into a fresh embedded file, also by 4 processes, for comparison
  (``merge_file_100x1000_s``).
- ``merge_pg_1m_s`` (``BENCH_SCALE=100k``): the same with all 1,000 bundles (100
  reviewers). ``BENCH_TEAM_FILE=1`` adds the embedded file's run of all 1,000
  (``merge_file_1m_s``; bench_merge.py's ``merge_1m_s`` is one in-process merge of them).
- ``db_copy_1m_s`` (``BENCH_TEAM=copy`` only: it takes many minutes): ``docket db copy``
  of bench_report.py's database into an empty PostgreSQL database, both content hashes
  computed and compared.

``BENCH_TEAM`` chooses the parts (``agreement``, ``readers``, ``merge``, ``copy``; default
``agreement,merge``); ``BENCH_TEAM_REVIEWERS=N`` merges N reviewers' bundles
(10 bundles each) instead, a check of the benchmark itself (nothing recorded then).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from tests.postgres import (  # noqa: E402
    PostgresServer,
    Unavailable,
    create_database,
    load_tables,
    start_server,
)

MERGERS = 4
QUICK_REVIEWERS, FULL_REVIEWERS = 10, 100
Figures = dict[str, float | None]


def _median(values: list[float]) -> float:
    return round(sorted(values)[len(values) // 2], 2)


def _cpu(server: PostgresServer) -> tuple[float, float, float | None]:
    """Wall clock, this process's CPU time, the server's CPU time."""
    return time.perf_counter(), time.process_time(), server.cpu_s()


def _since(server: PostgresServer, start: tuple[float, float, float | None]) -> tuple[float, ...]:
    now = _cpu(server)
    server_cpu = None if start[2] is None or now[2] is None else now[2] - start[2]
    return (now[0] - start[0], now[1] - start[1], -1.0 if server_cpu is None else server_cpu)


def _cli(server: PostgresServer, argv: list[str]) -> tuple[tuple[float, ...], str]:
    """One ``docket`` command in-process: (wall, client CPU, server CPU) and its output."""
    from docket.cli import main as cli_main

    sink = io.StringIO()
    start = _cpu(server)
    with contextlib.redirect_stdout(sink):
        code = cli_main(argv)
    spent = _since(server, start)
    assert code == 0, (argv, code, sink.getvalue()[-2000:])
    return spent, sink.getvalue()


def _load(server: PostgresServer) -> tuple[str, str, str, Figures]:
    """bench_report.py's database written into a new PostgreSQL database with COPY: the
    file, its URL, the server key's path, and the load's figures."""
    import psycopg

    cache = workload("report-1m-v4", bench_report.build_with_facts)
    key_path = str(cache / "keys" / "server.key")
    key = keys.load_secret_key(key_path)
    url = create_database(server, "report1m")
    start = _cpu(server)
    with MergedStore.open(cache / "merged.db", key) as source, MergedStore.open(url, key) as target:
        rows = load_tables(source.db, target.db)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    wall, cpu, server_cpu = _since(server, start)
    print(
        f"loaded {rows:,} rows into PostgreSQL with COPY in {wall:.1f} s (CPU {cpu:.1f} s, "
        f"server {server_cpu:.1f} s)"
    )
    return str(cache / "merged.db"), url, key_path, {"load_pg_1m_s": round(wall, 1)}


def _agreement(server: PostgresServer, file: str, url: str, key: str) -> Figures:
    argv = ["agreement", "--server-key", key, "--json", "--db"]
    runs, outputs = [], set()
    for _ in range(3):
        spent, out = _cli(server, [*argv, url])
        runs.append(spent)
        outputs.add(out)
    (file_spent, file_out) = _cli(server, [*argv, file])
    assert outputs == {file_out}, "agreement on PostgreSQL differs from the file's"
    figures: Figures = {
        "agreement_pg_1m_s": _median([r[0] for r in runs]),
        "agreement_pg_1m_cpu_s": _median([r[1] for r in runs]),
        "agreement_pg_1m_server_cpu_s": _median([r[2] for r in runs]),
    }
    print(
        f"agreement --json on PostgreSQL, 1,000,000 answers: median of 3 "
        f"{figures['agreement_pg_1m_s']} s (runs {', '.join(f'{r[0]:.2f}' for r in runs)}; "
        f"CPU {figures['agreement_pg_1m_cpu_s']} s, server {figures['agreement_pg_1m_server_cpu_s']} s); "
        f"the file: {file_spent[0]:.2f} s (CPU {file_spent[1]:.2f} s); outputs identical "
        f"({hashlib.sha256(file_out.encode()).hexdigest()[:12]}, {len(file_out):,} characters)"
    )
    figures["agreement_pg_1m_peak_mb"] = bench_report._peak_mb([*argv, url])
    print(
        f"agreement --json on PostgreSQL: peak resident memory {figures['agreement_pg_1m_peak_mb']} MB"
    )
    return figures


def _readers(server: PostgresServer, file: str, url: str, key: str) -> Figures:
    figures: Figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        verbs: dict[str, Callable[[str, str], list[str]]] = {
            "disagreements": lambda db, _: ["disagreements", "--db", db, "--json"],
            "export_dpo": lambda db, out: ["dataset", "export", "--db", db, "--format", "dpo",
                                           "--out", f"{out}.jsonl", "--quiet"],
            "report": lambda db, out: ["report", "--db", db, "--out", f"{out}.html"],
        }  # fmt: skip
        for name, argv in verbs.items():
            made: list[Any] = []
            for store, db in (("pg", url), ("file", file)):
                out = str(Path(tmp) / f"{name}-{store}")
                spent, printed = _cli(server, [*argv(db, out), "--server-key", key])
                written = [p.read_bytes() for p in sorted(Path(tmp).glob(f"{name}-{store}*"))]
                made.append((spent, printed if name == "disagreements" else "", written))
            (pg, pg_out, pg_files), (own, own_out, own_files) = made
            assert (pg_out, pg_files) == (own_out, own_files), f"{name} differs between stores"
            figures[f"{name}_pg_1m_s"] = round(pg[0], 2)
            figures[f"{name}_pg_1m_cpu_s"] = round(pg[1], 2)
            figures[f"{name}_pg_1m_server_cpu_s"] = round(pg[2], 2)
            if name == "export_dpo":  # its memory, which once grew with the output
                peak_argv = [*argv(url, str(Path(tmp) / "peak")), "--server-key", key]
                figures["export_dpo_pg_1m_peak_mb"] = bench_report._peak_mb(peak_argv)
            print(
                f"{name} on PostgreSQL: {pg[0]:.1f} s (CPU {pg[1]:.1f} s, server {pg[2]:.1f} s); "
                f"the file: {own[0]:.1f} s (CPU {own[1]:.1f} s); outputs identical"
            )
    return figures


def _merge(
    server: PostgresServer | None, cache: Path, db: str, reviewers: int
) -> tuple[float, ...]:
    """``reviewers``' bundles merged into ``db`` by MERGERS ``docket merge`` processes at
    once: wall, the mergers' CPU, the server's CPU, the mergers' largest peak (MB)."""
    key = str(cache / "keys" / "server.key")
    secret = keys.load_secret_key(key)
    with MergedStore.open(db, secret) as store:
        import_task_archive(store, secret, next((cache / "bundles").glob("*.server-tasks")))
    names = [f"rev{i:03d}" for i in range(reviewers)]
    shares = [names[i::MERGERS] for i in range(MERGERS)]
    jobs = [sorted(p for r in share for p in cache.glob(f"{r}-*.result")) for share in shares]
    jobs = [job for job in jobs if job]
    assert sum(map(len, jobs)) == reviewers * bench_merge.BUNDLES_EACH
    with tempfile.TemporaryDirectory() as ring:
        for name in names:
            (Path(ring) / f"{name}.pub").write_bytes((cache / "keys" / f"{name}.pub").read_bytes())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_before = None if server is None else server.cpu_s()
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "docket.cli", "merge", *map(str, job), "--server-key",
                 key, "--keyring", ring, "--db", db, "--quiet"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")},
            )
            for job in jobs
        ]  # fmt: skip
        outputs = [p.communicate() for p in procs]
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_after = None if server is None else server.cpu_s()
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, (out[-2000:], err[-2000:])
    with MergedStore.open(db, secret) as store:
        answers = store.counts()["answers"]
    assert answers == reviewers * bench_merge.MILLION_TASKS, answers
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    server_cpu = (
        -1.0 if server_before is None or server_after is None else server_after - server_before
    )
    return wall, cpu, server_cpu, after.ru_maxrss / 1024


def _merges(server: PostgresServer, reviewers: int) -> Figures:
    cache = workload("merge-1m-v1", bench_merge.build_million)
    size = "1m" if reviewers == FULL_REVIEWERS else f"{reviewers * 10}x1000"
    figures: Figures = {}
    url = create_database(server, f"merge{reviewers}")
    wall, cpu, server_cpu, peak = _merge(server, cache, url, reviewers)
    figures[f"merge_pg_{size}_s"] = round(wall, 1)
    figures[f"merge_pg_{size}_cpu_s"] = round(cpu, 1)
    figures[f"merge_pg_{size}_server_cpu_s"] = round(server_cpu, 1)
    print(
        f"merge into PostgreSQL: {reviewers * 10} bundles x 1,000 answers by {MERGERS} processes "
        f"at once: {wall:.1f} s (mergers' CPU {cpu:.1f} s, server {server_cpu:.1f} s, "
        f"largest merger peak {peak:.0f} MB)"
    )
    if reviewers != FULL_REVIEWERS or os.environ.get("BENCH_TEAM_FILE") == "1":
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu, _, peak = _merge(None, cache, str(Path(tmp) / "merged.db"), reviewers)
        figures[f"merge_file_{size}_s"] = round(wall, 1)
        figures[f"merge_file_{size}_cpu_s"] = round(cpu, 1)
        print(
            f"merge into the embedded file: the same, {MERGERS} processes: {wall:.1f} s "
            f"(CPU {cpu:.1f} s, largest merger peak {peak:.0f} MB)"
        )
    return figures


def _db_copy(server: PostgresServer) -> Figures:
    cache = workload("report-1m-v4", bench_report.build_with_facts)
    key = keys.load_secret_key(cache / "keys" / "server.key")
    url = create_database(server, "copy1m")
    with MergedStore.open(cache / "merged.db", key) as source, MergedStore.open(url, key) as target:
        start = time.perf_counter()
        content = copy_store(source, target)
        copied = time.perf_counter() - start
    print(f"db copy: {content.rows:,} rows into PostgreSQL in {copied:.1f} s (hashes equal)")
    return {"db_copy_1m_s": round(copied, 1)}


def main() -> Figures:
    parts = os.environ.get("BENCH_TEAM", "agreement,merge").split(",")
    given = os.environ.get("BENCH_TEAM_REVIEWERS")
    reviewers = int(given) if given else (
        FULL_REVIEWERS if os.environ.get("BENCH_SCALE") == "100k" else QUICK_REVIEWERS
    )  # fmt: skip
    try:
        server = start_server()
    except Unavailable as exc:
        print(f"team store benchmarks skipped: {exc}")
        return dict.fromkeys(("agreement_pg_1m_s", "merge_pg_100x1000_s"))
    figures: Figures = {}
    try:
        if "agreement" in parts or "readers" in parts:
            file, url, key, loaded = _load(server)
            figures.update(loaded)
            if "agreement" in parts:
                figures.update(_agreement(server, file, url, key))
            if "readers" in parts:
                figures.update(_readers(server, file, url, key))
        if "merge" in parts:
            merged = _merges(server, reviewers)
            if given is None:
                figures.update(merged)
            else:
                print("(BENCH_TEAM_REVIEWERS: merge figures not recorded)")
        if "copy" in parts:
            figures.update(_db_copy(server))
    finally:
        server.stop()
    return figures


if __name__ == "__main__":
    record(main())
