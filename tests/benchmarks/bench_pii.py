"""Benchmark: the PII detector's accuracy on labelled data, and its speed on real responses.

    .venv/bin/python tests/benchmarks/bench_pii.py

- ``pii_<type>_precision`` / ``pii_<type>_recall`` for email, phone, credit_card, iban,
  ssn, ip, url (bar: recall >= 0.95 and precision >= 0.90 each) and person, location,
  address (measured, no bar): :func:`docket.core.pii_detect.scan_text` on the 1,000
  labelled records of ``tests/data/pii`` (Presidio research's synthetic set), scored by
  overlap per type as ``tests/pii_eval.py`` explains.
- ``pii_scan_10k_tasks_s``: :func:`docket.core.pii_detect.scan_task` over 10,000 tasks of
  a prompt and 3 responses each, the real AlpacaEval answers of four models (3,220
  texts of 1,900 characters on average) dealt out so that no two tasks are alike; one
  process, the median of 3 runs. Bar: 10 s.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402

TASKS = 10_000
RUNS = 3


def tasks() -> list[object]:
    from docket.core.tasks import Response, Role, Task, Turn
    from tests.reference_data import ALPACA_MODELS, alpaca_eval

    by_model = [alpaca_eval(model) for model in ALPACA_MODELS]
    rows = len(by_model[0])
    out = []
    for i in range(TASKS):
        row = i % rows
        # a different trio of models (and order) on each pass over the rows
        first = (i // rows) % len(by_model)
        trio = [by_model[(first + k) % len(by_model)][row] for k in range(3)]
        out.append(
            Task(
                f"t{i}",
                (Turn(Role.USER, trio[0]["instruction"]),),
                tuple(Response(f"r{k}", r["output"]) for k, r in enumerate(trio)),
            )
        )
    return out


def main() -> dict[str, float | None]:
    from docket.core.pii_detect import scan_task
    from tests.pii_eval import BENCH_KEYS, STRUCTURED, docket_spans, figures, score

    scores, _errors = score(docket_spans)
    result: dict[str, float | None] = dict(figures(scores))
    for key in BENCH_KEYS:
        kind = BENCH_KEYS[key]
        sc = scores.get(kind)
        bar = " (bar: P >= 0.90, R >= 0.95)" if key in STRUCTURED else ""
        if sc is not None:
            print(
                f"pii {key}: precision {sc.precision:.3f} ({sc.correct}/{sc.predicted}), "
                f"recall {sc.recall:.3f} ({sc.found}/{sc.labelled}){bar}"
            )

    work = tasks()
    chars = sum(
        len(t.conversation[0].content) + sum(len(r.text) for r in t.responses)  # type: ignore[attr-defined]
        for t in work
    )
    times = []
    found = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        found = 0
        for task in work:
            scan = scan_task(task)  # type: ignore[arg-type]
            found += len(scan.findings)
            assert not scan.failed, scan.failed
        times.append(time.perf_counter() - start)
    result["pii_scan_10k_tasks_s"] = round(statistics.median(times), 2)
    print(
        f"pii scan: {TASKS:,} tasks x (prompt + 3 responses), {chars / 1e6:.1f} M characters, "
        f"{found:,} findings: {result['pii_scan_10k_tasks_s']} s (median of {RUNS}: "
        f"{', '.join(f'{t:.2f}' for t in times)}; bar 10 s) "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()})"
    )
    return result


if __name__ == "__main__":
    record(main())
