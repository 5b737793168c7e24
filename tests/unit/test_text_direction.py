"""Each paragraph takes its direction from its own first strong character (HTML's
dir="auto"): Arabic and Hebrew prose reads right to left with English code, numbers and
URLs inside; an English paragraph in an Arabic answer left to right; code always left to
right. Texts: tests/data/multilingual/rtl_samples.md (written for these tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.render.direction import first_strong, text_direction
from docket.render.markdown import markdown_to_html
from docket.render.theme import LIGHT

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "multilingual" / "rtl_samples.md"


def sample(name: str) -> str:
    text = SAMPLES.read_text(encoding="utf-8")
    part = text.split(f"## {name}\n", 1)[1]
    return part.split("\n## ", 1)[0].strip()


def dirs(html: str, tag: str) -> list[str | None]:
    found = re.findall(rf"<{tag}\b([^>]*)>", html)
    return [(m.group(1) if (m := re.search(r'dir="(\w+)"', attrs)) else None) for attrs in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مرحبا hello", "rtl"),
        ("hello مرحبا", "ltr"),
        ("2019: ارتفاع", "rtl"),  # digits and punctuation are neutral
        ("«שלום»", "rtl"),
        ("150/95 ...", None),
        ("Ünïcode", "ltr"),
        ("患者", "ltr"),  # CJK is left to right
        ("", None),
    ],
)
def test_first_strong(text: str, expected: str | None) -> None:
    assert first_strong(text) == expected


def test_arabic_answer_paragraphs_items_and_code() -> None:
    html = markdown_to_html(sample("arabic"), LIGHT)
    assert dirs(html, "p") == ["rtl", "ltr"]  # the English paragraph stays left to right
    assert dirs(html, "li") == ["rtl", "rtl", "rtl"]  # "amlodipine", "https://" inside
    assert '<td dir="ltr"><pre dir="ltr"' in html  # the code block


def test_hebrew_answer_numbered_list_and_quote() -> None:
    html = markdown_to_html(sample("hebrew"), LIGHT)
    assert dirs(html, "li") == ["rtl", "rtl"]
    # The quote opens in English, so its paragraph reads left to right.
    assert dirs(html, "p")[-1] == "ltr"
    assert dirs(html, "p")[0] == "rtl"


def test_headings_and_table_cells_take_their_own_direction() -> None:
    html = markdown_to_html("# עדכון\n\n| name | שם |\n|---|---|\n| Dana | דנה |\n", LIGHT)
    assert dirs(html, "h1") == ["rtl"]
    assert dirs(html, "th") == ["ltr", "rtl"]
    assert dirs(html, "td") == ["ltr", "rtl"]


def test_inline_code_does_not_decide() -> None:
    html = markdown_to_html("`print(x)` يطبع القيمة", LIGHT)
    assert dirs(html, "p") == ["rtl"]


def test_editor_direction_defaults_to_left_to_right() -> None:
    assert text_direction("") == "ltr"
    assert text_direction("  42 ") == "ltr"
    assert text_direction(" שלום") == "rtl"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_code_blocks_are_always_left_to_right(text: str) -> None:
    body = text.replace("`", "'")
    html = markdown_to_html(f"```\n{body}\n```\n", LIGHT)
    assert 'dir="rtl"' not in html
