"""Regenerate resources/demo/tasks.jsonl from the AlpacaEval answers in tests/data.

Run from the repository root: ``python resources/demo/make_sample.py``. The answers are
read through tests/reference_data.py, which carries them compressed (see
tests/data/README.md for their origin and licence). The selection is
deterministic: instructions whose answers show what reviewers must read well (code
fences, tables, math, headings, lists), two or three models per task.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MODELS = [
    "gpt-4o-2024-05-13",
    "claude-3-5-sonnet-20240620",
    "Meta-Llama-3.1-405B-Instruct-Turbo",
    "gpt4_1106_preview",
]
FEATURES = {
    "code": re.compile(r"^```", re.M),
    "table": re.compile(r"^\|.*\|\s*$\n^\|[\s:|-]+\|\s*$", re.M),
    "math": re.compile(r"\\\(|\\\[|\$\$|\$[^$\s][^$]*\$"),
    "heading": re.compile(r"^#{1,4} ", re.M),
}
PAIRS, TRIPLES = 24, 12
MAX_CHARS = 3500


def main(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.reference_data import alpaca_eval

    outputs = {m: alpaca_eval(m) for m in MODELS}
    want = {name: 0 for name in FEATURES}
    rows = []
    for i in range(len(outputs[MODELS[0]])):
        texts = {m: outputs[m][i]["output"] for m in MODELS}
        if any(len(t) > MAX_CHARS or not t.strip() for t in texts.values()):
            continue
        found = [n for n, rx in FEATURES.items() if any(rx.search(t) for t in texts.values())]
        if not found or min(want[n] for n in found) >= (PAIRS + TRIPLES) // len(FEATURES) + 2:
            continue
        for n in found:
            want[n] += 1
        k = (
            3
            if len(rows) % 3 == 2 and sum(1 for r in rows if len(r["responses"]) == 3) < TRIPLES
            else 2
        )
        models = [MODELS[(len(rows) + j) % len(MODELS)] for j in range(k)]
        rows.append(
            {
                "id": f"alpaca-{i:03d}",
                "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"model": m, "text": texts[m]} for m in models],
            }
        )
        if len(rows) == PAIRS + TRIPLES:
            break
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} tasks, features {want} -> {out}")


if __name__ == "__main__":
    main(ROOT / "resources/demo/tasks.jsonl")
