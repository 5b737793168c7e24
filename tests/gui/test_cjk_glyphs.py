"""No tofu: every character of real Japanese and Chinese model answers, and of the Arabic
and Hebrew test texts, is drawn with a glyph of the font Qt picks for it, on this machine's
fonts plus the ones Docket carries (resources/fonts; a minimal system has none of its own
for these scripts)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="the Qt tests need PySide6")

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

from docket.ui.app import application
from docket.ui.fonts import register_fonts

DATA = Path(__file__).resolve().parents[1] / "data" / "multilingual"


def _rows(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in gzip.decompress((DATA / name).read_bytes()).splitlines()]


def _texts() -> dict[str, str]:
    texts = {}
    for row in _rows("ja_answer_swallow-70b.jsonl.gz")[:40]:
        texts[f"ja-{row['question_id']}"] = row["choices"][0]["turns"][0]
    for row in _rows("zh_answer_gpt-4.jsonl.gz")[:40]:
        texts[f"zh-{row['question_id']}"] = "\n\n".join(row["choices"][0]["turns"])
    rtl = (DATA / "rtl_samples.md").read_text(encoding="utf-8")
    texts["arabic"] = rtl.split("## arabic\n", 1)[1].split("\n## ", 1)[0]
    texts["hebrew"] = rtl.split("## hebrew\n", 1)[1]
    return texts


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """Characters of ``text`` that Qt, laying it out in ``font`` with its fallbacks,
    draws as the missing-glyph box (glyph 0)."""
    missing: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        layout = QTextLayout(paragraph, font)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(100_000)
        layout.endLayout()
        for run in layout.glyphRuns():
            if 0 in run.glyphIndexes():
                indexes = run.stringIndexes()
                missing += sorted({paragraph[i] for i in indexes if not paragraph[i].isspace()})[:5]
    return missing


def test_docket_carries_fonts_for_cjk_arabic_and_hebrew(qapp: object) -> None:
    application()
    families = register_fonts()
    assert set(families) == {
        "NotoSansCJKsc-Subset.otf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansHebrew-Regular.ttf",
    }


@pytest.mark.parametrize("name", sorted(_texts()))
def test_every_character_has_a_glyph(qapp: object, name: str) -> None:
    application()
    register_fonts()
    text = _texts()[name]
    assert missing_glyphs(text, QFont()) == []
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert missing_glyphs(text, mono) == []  # code blocks and inline code


def test_without_the_carried_fonts_this_system_would_show_boxes(qapp: object) -> None:
    """What makes the test above mean something here: the system alone has no CJK font
    (on a system that has one, this is skipped)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) != [
        register_fonts()["NotoSansCJKsc-Subset.otf"]
    ]:
        pytest.skip("this system has CJK fonts of its own")
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
