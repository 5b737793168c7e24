"""Where benchmark figures go: merged into bench-results.json at the repository root."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results.json"


def record(figures: dict[str, float | None]) -> None:
    """Merge ``figures`` into the file; None (JSON null) marks a figure not measured."""
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged.update(figures)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(f"wrote {RESULTS}")
