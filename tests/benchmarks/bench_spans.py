"""Benchmark: spans on a rendered response.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_spans.py

A long AlpacaEval response (the longest of one model's 805, several thousand
characters, lists, code and emphasis) is shown in the comparison view at 700 px wide
with 200 spans spread over it (every one with its highlight and chip).

- ``render_spans_200_ms``: drawing the 200 spans on the response (highlights, chips, the
  taller lines they need) and painting it, the document already rendered; median of 21.
  Bar: 16 ms (one frame).
- ``span_source_map_ms``: building the response's rendered-to-raw map, done once per
  document when it first shows spans or the reviewer marks one; median of 11.
- ``span_mapping_ms``: mapping a selection (about a paragraph) to raw offsets and those
  back to the shown text; median over 200 selections. Bar: 1 ms.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from results import record  # noqa: E402

SPANS = 200


def _timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> dict[str, float | None]:
    from PySide6.QtWidgets import QApplication

    from docket.core.display_order import DisplayOrder
    from docket.core.tasks import Response, Role, Task, Turn
    from docket.render import LIGHT
    from docket.render.source_map import source_map
    from docket.ui.comparison_view import ComparisonView, ShownSpan
    from tests.reference_data import ALPACA_MODELS, alpaca_eval

    app = QApplication.instance() or QApplication([])
    text = max((row["output"] for row in alpaca_eval(ALPACA_MODELS[0])), key=len)
    task = Task(
        "bench",
        (Turn(Role.USER, "Benchmark"),),
        (Response("a", text), Response("b", "Short.")),
    )
    view = ComparisonView(LIGHT)
    view.resize(1400, 900)
    view.show()
    view.set_task(task, DisplayOrder(("a", "b")))
    app.processEvents()
    browser = view.columns[0].browser
    shown = browser.document().toRawText()

    smap_ms = _timed(lambda: source_map(text, shown), 11)
    smap = view.source_map(0)
    assert smap is not None
    step = max(2, len(text) // SPANS)
    spans = [
        ShownSpan("a", k * step, k * step + max(1, step // 2), f"Label {k % 8} · minor", k % 5 == 0)
        for k in range(SPANS)
        if k * step + 1 < len(text)
    ]

    def draw() -> None:
        view.set_spans(spans)
        browser.viewport().repaint()

    def clear() -> None:
        view.set_spans([])
        browser.viewport().repaint()

    draw()
    times = []
    for _ in range(21):
        clear()
        start = time.perf_counter()
        draw()
        times.append((time.perf_counter() - start) * 1000)
    render_ms = statistics.median(times)
    drawn = len(browser.chips)

    width = min(400, len(shown) // 4)
    selections = [(i, i + width) for i in range(0, len(shown) - width, max(1, len(shown) // 200))]
    mapping = []
    for first, last in selections[:200]:
        start = time.perf_counter()
        found = smap.to_raw(first, last)
        if found is not None:
            smap.to_shown(*found)
        mapping.append((time.perf_counter() - start) * 1000)
    result = {
        "render_spans_200_ms": round(render_ms, 3),
        "span_source_map_ms": round(smap_ms, 3),
        "span_mapping_ms": round(statistics.median(mapping), 4),
    }
    print(
        f"spans: {len(spans)} spans ({drawn} chips) on a response of {len(text):,} characters: "
        f"drawn and painted in {result['render_spans_200_ms']} ms (median); source map "
        f"{result['span_source_map_ms']} ms; a {width}-character selection mapped to raw "
        f"and back in {result['span_mapping_ms']} ms "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()})"
    )
    view.close()
    return result


if __name__ == "__main__":
    record(main())
