"""Benchmark: typesetting the math of every AlpacaEval answer that has any.

    .venv/bin/python tests/benchmarks/bench_math.py   (or: make bench)

Every formula the renderer finds (``docket.render.formulas_of``) in the answers of the
4 models (51 answers, 584 formulas; 8 more answers hold LaTeX only inside code blocks,
which stays code) is typeset as an import does it: in the worker process, each formula
within its time limit. Reports the share that falls back to text (goal <= 2 %, the
formulas that did listed), and the median and 95th percentile time per formula as the
window's process sees it (worker round trip included; typesetting throughput at
import). Merged into bench-results.json (math_fallback_ratio, math_typeset_ms_median,
math_typeset_ms_p95, math_formulas).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402

from docket.render import formulas_of  # noqa: E402
from docket.render.typeset import NotTypeset, Typesetter  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402


def main() -> dict[str, float | None]:
    answers = [
        (f"{model}#{i}", formulas)
        for model in ALPACA_MODELS
        for i, row in enumerate(alpaca_eval(model))
        if (formulas := formulas_of(row["output"]))
    ]
    unique = list(dict.fromkeys(f for _, formulas in answers for f in formulas))
    times: list[float] = []
    fell_back: list[tuple[str, str]] = []
    with Typesetter() as worker:
        worker.typeset("x", False)  # the worker started (once per import)
        for latex, display in unique:
            start = time.perf_counter()
            result = worker.typeset(latex, display)
            times.append((time.perf_counter() - start) * 1000)
            if isinstance(result, NotTypeset):
                fell_back.append((latex, result.reason))
    total = sum(len(formulas) for _, formulas in answers)
    failed = {latex for latex, _ in fell_back}
    failed_count = sum(1 for _, formulas in answers for latex, _ in formulas if latex in failed)
    ordered = sorted(times)
    result = {
        "math_fallback_ratio": round(failed_count / total, 4) if total else None,
        "math_typeset_ms_median": round(statistics.median(times), 2),
        "math_typeset_ms_p95": round(ordered[int(0.95 * len(ordered))], 2),
        "math_formulas": total,
    }
    print(
        f"math: {len(answers)} answers with formulas, {total} formulas ({len(unique)} unique); "
        f"{failed_count} fall back to text ({100 * result['math_fallback_ratio']:.1f} %, "  # type: ignore[operator]
        f"goal <= 2 %); typeset in {result['math_typeset_ms_median']} ms median, "
        f"{result['math_typeset_ms_p95']} ms p95 per formula "
        f"({1000 / statistics.mean(times):.0f} formulas/s)"
    )
    for latex, reason in fell_back:
        print(f"  as text ({reason}): {latex[:100]!r}")
    return result


if __name__ == "__main__":
    record(main())
