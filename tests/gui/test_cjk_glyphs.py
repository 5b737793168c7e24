"""No tofu: every character of real Japanese and Chinese model answers, and of the Arabic
and Hebrew test texts, is drawn with a glyph of the font Qt picks for it, on this machine's
fonts plus the ones Docket carries (resources/fonts; a minimal system has none of its own
for these scripts)."""

from __future__ import annotations

import gzip
import json
import lzma
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="the Qt tests need PySide6")

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

from docket.ui.app import application
from docket.ui.fonts import font_source, register_fonts

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


def utf16_units(text: str) -> list[str]:
    """The character at each UTF-16 index of ``text`` (Qt's string indexes count those)."""
    return [ch for ch in text for _ in range(2 if ord(ch) > 0xFFFF else 1)]


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """Characters of ``text`` that Qt, laying it out in ``font`` with its fallbacks,
    draws as the missing-glyph box (glyph 0)."""
    missing: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        at = utf16_units(paragraph)
        layout = QTextLayout(paragraph, font)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(100_000)
        layout.endLayout()
        # String indexes only when asked for: by default every run has none.
        for run in layout.glyphRuns(-1, -1, QTextLayout.GlyphRunRetrievalFlag.RetrieveAll):
            glyphs, indexes = run.glyphIndexes(), run.stringIndexes()
            chars = {at[i] for g, i in zip(glyphs, indexes, strict=True) if g == 0}
            missing += sorted(c for c in chars if not c.isspace())[:5]
    return missing


def test_docket_carries_fonts_for_cjk_arabic_and_hebrew(qapp: object) -> None:
    application()
    families = register_fonts()
    assert set(families) == {
        "NotoSansCJKsc-Common.otf",
        "NotoSansArabic-Regular.woff2",
        "NotoSansHebrew-Regular.woff2",
    }


def test_the_cjk_font_is_carried_as_opentype_not_woff2() -> None:
    """Plain OpenType tables once unpacked from xz, not WOFF2: Qt registers them without
    unpacking them itself (the WOFF2 took 40-50 ms of CPU at every start)."""
    folder = resources.files("docket.resources") / "fonts"
    source = font_source(folder, "NotoSansCJKsc-Common.otf")
    data = Path(source).read_bytes() if isinstance(source, str) else source
    assert data[:4] == b"OTTO"


def test_a_plain_font_file_is_registered_by_its_path(tmp_path: Path) -> None:
    """The packaged app carries the CJK font unpacked: its path is given to Qt; a
    bare checkout's compressed copy is unpacked instead."""
    (tmp_path / "a.otf.xz").write_bytes(lzma.compress(b"OTTO packed"))
    assert font_source(tmp_path, "a.otf") == b"OTTO packed"
    (tmp_path / "a.otf").write_bytes(b"OTTO plain")
    assert font_source(tmp_path, "a.otf") == str(tmp_path / "a.otf")


def test_a_missing_glyph_is_reported(qapp: object) -> None:
    """The check can fail: a private-use character no font draws comes back."""
    assert missing_glyphs("a \U000f0001 b", QFont()) == ["\U000f0001"]


@pytest.mark.parametrize("name", sorted(_texts()))
def test_every_character_has_a_glyph(qapp: object, name: str) -> None:
    application()
    register_fonts()
    text = _texts()[name]
    assert missing_glyphs(text, QFont()) == []
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert missing_glyphs(text, mono) == []  # code blocks and inline code


ALONE = """
import sys
from PySide6.QtGui import QFont, QGuiApplication, QTextLayout
app = QGuiApplication([])
layout = QTextLayout(sys.stdin.read(), QFont())
layout.beginLayout()
layout.createLine().setLineWidth(100000)
layout.endLayout()
print(sum(list(run.glyphIndexes()).count(0) for run in layout.glyphRuns()))
"""


def test_the_carried_fonts_are_what_draws_chinese_here(qapp: object) -> None:
    """A Qt process that did not register Docket's fonts draws Chinese as boxes on this
    system, and this one, which did, draws every character (on a system with CJK fonts
    of its own the comparison says nothing, and is skipped)."""
    text = _texts()["zh-81"].split("\n")[0]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", ALONE],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    if int(done.stdout.strip()) == 0:
        pytest.skip("this system has CJK fonts of its own")
    application()
    register_fonts()
    assert missing_glyphs(text, QFont()) == []
