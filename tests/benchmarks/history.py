"""The benchmark history on this machine: each figure of the latest run against the
earlier runs of the same figure on the same machine.

    .venv/bin/python tests/benchmarks/history.py [--last N] [--threshold 0.2]

A figure is flagged when it is worse than the median of the earlier runs (at most the
last N, same CPU and cores) by more than the threshold: higher for times, memory and
sizes, lower for precision and recall. ``make bench`` prints this after its run. Exit
status 0 always: the machine is shared and noisy, so this points at what to rerun, it
does not fail a build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import history_path, machine

HIGHER_IS_BETTER = ("precision", "recall")


def worse_by(key: str, latest: float, before: float) -> float:
    """How much worse ``latest`` is than ``before`` (a fraction; negative: better)."""
    if before == 0:
        return 0.0
    change = (latest - before) / abs(before)
    return -change if any(word in key for word in HIGHER_IS_BETTER) else change


def compare(entries: list[dict[str, Any]], last: int, threshold: float) -> list[str]:
    here = machine()
    same = [
        e for e in entries
        if e["machine"].get("cpu") == here["cpu"] and e["machine"].get("cores") == here["cores"]
    ]  # fmt: skip
    series: dict[str, list[tuple[str, float]]] = {}
    for e in same:
        for key, value in e["figures"].items():
            if isinstance(value, (int, float)):
                series.setdefault(key, []).append(((e.get("commit") or "?")[:10], float(value)))
    lines = []
    for key in sorted(series):
        *earlier, (commit, latest) = series[key]
        earlier = earlier[-last:]
        if not earlier:
            lines.append(f"  {key:34} {latest:>10g}  (first run here, {commit})")
            continue
        before = statistics.median(v for _, v in earlier)
        change = worse_by(key, latest, before)
        mark = "  WORSE" if change > threshold else ""
        lines.append(
            f"  {key:34} {latest:>10g}  median of {len(earlier):>2} earlier {before:>10g}"
            f"  {change:+.0%}{mark}  ({commit})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--last", type=int, default=10)
    parser.add_argument("--threshold", type=float, default=0.2)
    args = parser.parse_args(argv)
    path = history_path()
    if not path.exists():
        print(f"no benchmark history yet ({path})")
        return 0
    entries = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    print(f"benchmark history: {path} ({len(entries)} runs recorded)")
    for line in compare(entries, args.last, args.threshold):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
