"""Benchmark: how well concurrent writers share the embedded store's write lock
(information, no bar).

    .venv/bin/python tests/benchmarks/bench_write_lock.py

Four connections (threads; SQLite locks them as it locks processes) each run 15 write
transactions that hold the lock for 30 ms (a sleep: the figure does not depend on the
machine's load), on a merged-store connection (``wait_s``: a writer waits its turn).
Compared with one writer doing the same 15 alone, times four: a ratio near 1 means the
lock never sat idle while a writer waited (SQLite's own busy handler sleeps up to 100 ms
between tries; the store's retries are milliseconds apart). Median of 5. Merged into
bench-results.json (write_lock_four_writers_ratio).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402

from docket.store import db as store_db  # noqa: E402

KEY = bytes(range(32))
TRANSACTIONS, HOLD_S = 15, 0.03


def writers(path: Path, count: int) -> float:
    def work() -> None:
        conn = store_db.open_encrypted(path, KEY, wait_s=600)
        for _ in range(TRANSACTIONS):
            with store_db.write_transaction(conn):
                conn.execute("INSERT INTO t VALUES (1)")
                time.sleep(HOLD_S)
        store_db.close_checkpointed(conn, path)

    threads = [threading.Thread(target=work) for _ in range(count)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def main() -> dict[str, float | None]:
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.db"
        db = store_db.open_encrypted(path, KEY)
        db.execute("CREATE TABLE t (x INTEGER)")
        store_db.close_checkpointed(db, path)
        for _ in range(5):
            one, four = writers(path, 1), writers(path, 4)
            ratios.append(four / (4 * one))
            print(f"one writer {one:.2f} s, four at once {four:.2f} s: ratio {ratios[-1]:.2f}")
    result = {"write_lock_four_writers_ratio": round(statistics.median(ratios), 2)}
    print(
        f"four writers / (4 x one writer): {result['write_lock_four_writers_ratio']} (median of 5)"
    )
    return result


if __name__ == "__main__":
    record(main())
