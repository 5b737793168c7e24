"""The HealthBench score formula, checked on real graded rows: ``make reference-check``.

The 60 rows of ``oss_eval_graded_m42.jsonl.gz`` each carry a model's completion, an LLM
grader's verdict on every criterion (``responses``, a Python-literal string whose i-th
entry's ``response_dict.criteria_met`` grades ``rubrics[i]``) and the score HealthBench's
code computed from those verdicts (``score``). For every row this script parses the
criteria with Docket's :func:`~docket.core.rubric.parse_criteria`, computes Docket's raw
score with :func:`~docket.core.rubric.rubric_score` from the stored verdicts, and checks
that it equals the stored score (within 1e-9; the file rounds to 10 decimals).

Those rows are CC BY-NC 4.0 (m42's completions and grades), so they are never copied into
the repository: the script reads them from the shared data folder beside the checkout
(``../shared/data/healthbench``), or from the path in ``DOCKET_HEALTHBENCH_GRADED``, and
says so and exits 0 when the file is absent. A script, not a test: ``make test`` does not
collect it (pytest collects ``test_*.py`` only).
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import sys
from pathlib import Path
from typing import Any

from docket.core.rubric import parse_criteria, rubric_score

ROOT = Path(__file__).resolve().parent.parent
ENV = "DOCKET_HEALTHBENCH_GRADED"
DEFAULT = ROOT.parent / "shared" / "data" / "healthbench" / "oss_eval_graded_m42.jsonl.gz"
TOLERANCE = 1e-9
EXPECTED_ROWS = 60


def check_row(row: dict[str, Any]) -> str | None:
    """Why Docket's score of the row differs from the stored one (None: it matches)."""
    criteria = parse_criteria(row["rubrics"], what="rubrics")
    verdicts = ast.literal_eval(row["responses"])
    if len(verdicts) != len(criteria):
        return f"{len(verdicts)} verdicts for {len(criteria)} criteria"
    grades = {}
    for i, (criterion, verdict) in enumerate(zip(criteria, verdicts, strict=True)):
        met = verdict["response_dict"]["criteria_met"]
        if not isinstance(met, bool):
            return f"verdict {i} is {met!r}, not true or false"
        if verdict.get("points", criterion.points) != criterion.points:
            return f"verdict {i} is for {verdict['points']} points, criterion {i} has {criterion.points}"
        grades[criterion.id] = met
    ours = rubric_score(criteria, grades).raw
    stored = float(row["score"])
    if abs(ours - stored) > TOLERANCE:
        return f"Docket's score {ours!r}, stored {stored!r}"
    return None


def main() -> int:
    path = Path(os.environ.get(ENV) or DEFAULT)
    if not path.is_file():
        print(
            f"reference-check skipped: {path} is not here (the graded HealthBench rows are "
            f"CC BY-NC and live outside the repository; set {ENV} to their path)."
        )
        return 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    failures = []
    for number, row in enumerate(rows, start=1):
        try:
            problem = check_row(row)
        except (KeyError, TypeError, ValueError, SyntaxError) as exc:
            problem = f"unreadable: {type(exc).__name__}: {exc}"
        if problem is not None:
            failures.append(f"{path.name}:{number}: {problem}")
    matching = len(rows) - len(failures)
    print(f"{matching}/{len(rows)} rows match (HealthBench's stored score = Docket's rubric_score)")
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    if len(rows) != EXPECTED_ROWS:
        print(f"expected {EXPECTED_ROWS} rows in {path}, found {len(rows)}", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
