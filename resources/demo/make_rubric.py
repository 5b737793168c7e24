"""Regenerate resources/demo/rubric.jsonl: three HealthBench Hard rows to grade.

Run from the repository root: ``python resources/demo/make_rubric.py``. The rows come from
tests/data/healthbench (OpenAI's HealthBench, MIT; origin in tests/data/README.md), read
through tests/reference_data.py. Each keeps its prompt, criteria and tags; the responses
to grade are its physician-written ideal completion and the first of its reference
completions, so the demo shows a single response to grade, a pair and three.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = {6: 0, 19: 1, 17: 2}
"""Row of hard_sample50 -> how many reference completions to keep beside the ideal one."""


def main(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.reference_data import healthbench_rows

    rows = healthbench_rows("hard_sample50")
    with out.open("w", encoding="utf-8") as fh:
        for index, refs in ROWS.items():
            row = dict(rows[index])
            ideal = dict(row["ideal_completions_data"])
            ideal["ideal_completions_ref_completions"] = ideal["ideal_completions_ref_completions"][
                :refs
            ]
            row["ideal_completions_data"] = ideal
            row.pop("canary", None)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(ROWS)} rubric tasks -> {out}")


if __name__ == "__main__":
    main(ROOT / "resources/demo/rubric.jsonl")
