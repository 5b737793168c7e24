"""Benchmark: docket.render over all 3,220 AlpacaEval responses (4 models x 805).

    .venv/bin/python tests/benchmarks/bench_render.py   (or: make bench)

One warm-up pass, then three timed passes; each response's time is the median of its
three, and the figures are the median and 95th percentile over responses. Bars: median <= 1 ms, p95 <= 5 ms on the 2-core machine. Results are merged into
bench-results.json (render_median_ms, render_p95_ms).
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

from docket.render import to_html  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

PASSES = 3


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> dict[str, float | None]:
    texts = [row["output"] for m in ALPACA_MODELS for row in alpaca_eval(m)]
    for text in texts:  # warm-up: imports, lexer and formula caches
        to_html(text)
    per_response = [[0.0] * PASSES for _ in texts]
    for p in range(PASSES):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            to_html(text)
            per_response[i][p] = (time.perf_counter() - start) * 1000
    times = [statistics.median(t) for t in per_response]
    result = {
        "render_median_ms": round(statistics.median(times), 3),
        "render_p95_ms": round(percentile(times, 0.95), 3),
        "render_max_ms": round(max(times), 3),
        "render_responses": len(texts),
    }
    print(
        f"render: {len(texts)} responses, median {result['render_median_ms']} ms, "
        f"p95 {result['render_p95_ms']} ms, max {result['render_max_ms']} ms "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()})"
    )
    return result


if __name__ == "__main__":
    record(main())
