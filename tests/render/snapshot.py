"""Render real responses through docket.render in a QTextBrowser (offscreen) and save PNGs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/render/snapshot.py [OUT_DIR]

Picks AlpacaEval responses (tests/data/alpaca_eval) that show a table, a code block,
nested lists and math, plus a hand-written sample of every construct, in the light and
dark themes. Look at the PNGs: this is how the review window will show responses.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QTextBrowser

from docket.render import THEMES, to_html

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = r"""## Every construct

Text with **bold**, *italic*, ~~struck~~, `inline code` and a [link](https://example.org).
Costs $5 and $10 stay text; $E = mc^2$ and \(\sqrt{v_1^2 + v_2^2}\) are math.

$$\hat{v} = \frac{\mathbf{v}}{\|\mathbf{v}\|} = \left( \frac{v_1}{\sqrt{v_1^2 + v_2^2}}, \frac{v_2}{\sqrt{v_1^2 + v_2^2}} \right)$$

1. First
   - nested bullet
     - deeper
2. Second
- [x] a done task
- [ ] an open task

> A quoted line, with `code`.

| Planet | Moons | Notes |
|:-------|------:|-------|
| Earth  | 1     | home  |
| Mars   | 2     | red   |

```python
def norm(v: list[float]) -> float:
    return sum(x * x for x in v) ** 0.5  # Euclidean
```

    indented code

---
Raw <b>html</b> and <script>alert(1)</script> stay text; ![a cat](http://example.org/cat.png) is not loaded; [js](javascript:alert(1)).
"""


def pick(
    predicate: re.Pattern[str], outputs: list[dict[str, str]], n: int = 1
) -> list[dict[str, str]]:
    found = [o for o in outputs if predicate.search(o["output"]) and len(o["output"]) < 2500]
    return found[:n]


def main(out_dir: Path) -> list[Path]:
    from tests.reference_data import alpaca_eval

    app = QApplication.instance() or QApplication(sys.argv)
    app.setFont(QFont("DejaVu Sans", 10))
    out_dir.mkdir(parents=True, exist_ok=True)
    samples: list[tuple[str, str]] = [("sample", SAMPLE)]
    outputs = alpaca_eval("gpt-4o-2024-05-13") + alpaca_eval("claude-3-5-sonnet-20240620")
    for name, rx in (
        ("table", re.compile(r"^\|.*\|\s*$\n^\|[\s:|-]+\|", re.M)),
        ("code", re.compile(r"^```\w+", re.M)),
        ("nested", re.compile(r"^\d+\. .*\n(?:.*\n)*?^ {3,}- ", re.M)),
        ("math", re.compile(r"\\\[|\\\(")),
    ):
        for i, o in enumerate(pick(rx, outputs)):
            samples.append((f"{name}{i}", f"**{o['instruction']}**\n\n---\n\n{o['output']}"))
    written = []
    for theme in THEMES.values():
        for name, text in samples:
            view = QTextBrowser()
            view.setOpenLinks(False)
            palette = view.palette()
            palette.setColor(QPalette.ColorRole.Base, QColor(theme.background))
            palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
            view.setPalette(palette)
            view.resize(760, 1000)
            view.setHtml(to_html(text, theme=theme))
            path = out_dir / f"{name}-{theme.name}.png"
            view.grab().save(str(path))
            written.append(path)
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run as a script: make the tests package importable
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("render-snapshots")):
        print(p)
