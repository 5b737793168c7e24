"""Typeset formulas in rendered HTML: images at docket-math: addresses sized for the text,
text marked "as text" where typesetting failed, today's text where not typeset yet, and
formulas as single tokens of the word diff."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from docket.render import diff_html, formulas_of, to_html
from docket.render.diff import formula_spans
from docket.render.formula_images import (
    AS_TEXT,
    MATH_SCALE,
    MATH_SCHEME,
    TextMetrics,
    image_box,
    math_url,
    read_math_url,
)
from docket.render.typeset import FONT_PX, Formula, NotTypeset, Result, formula_key, typeset
from tests.render_safety import unsafe_parts

TEXT = r"""The roots are $x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$, it costs $5 and $10.

$$\begin{pmatrix} 2 & 1 \\ 1 & 3 \end{pmatrix}$$

An unknown command $\foo{x}$ and \(\hat{v}\).
"""


def typeset_of(text: str) -> dict[str, Result]:
    return {formula_key(latex, d): typeset(latex, d) for latex, d in formulas_of(text)}


class Images(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))

    handle_startendtag = handle_starttag


def test_typeset_formulas_are_images_at_private_addresses_with_their_latex() -> None:
    formulas = typeset_of(TEXT)
    out = to_html(TEXT, formulas=formulas)
    images = Images(out).images
    assert [read_math_url(str(i["src"])) for i in images] == [
        (formula_key(r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", False), False),
        (formula_key(r"\begin{pmatrix} 2 & 1 \\ 1 & 3 \end{pmatrix}", True), True),
        (formula_key(r"\hat{v}", False), False),
    ]
    quadratic = images[0]
    assert quadratic["alt"] == quadratic["title"] == r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}"
    assert quadratic["style"] == "vertical-align: middle"
    assert "style" not in images[1]  # displayed: alone, centred
    assert re.search(r'<td align="center"><img src="docket-math:display/', out)
    assert "$5 and $10" in out  # currency stays text
    assert unsafe_parts(out) == []


def test_images_are_sized_from_the_text_em() -> None:
    formulas = typeset_of(TEXT)
    small = Images(to_html(TEXT, formulas=formulas, metrics=TextMetrics(13, 7))).images
    large = Images(to_html(TEXT, formulas=formulas, metrics=TextMetrics(26, 14))).images
    for a, b in zip(small, large, strict=True):
        assert abs(int(str(b["width"])) - 2 * int(str(a["width"]))) <= 2
    quadratic = formulas[formula_key(r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", False)]
    assert isinstance(quadratic, Formula)
    expected = quadratic.width * 13 * MATH_SCALE / FONT_PX
    assert abs(int(str(small[0]["width"])) - expected) < 1


def test_a_formula_that_could_not_be_typeset_is_text_marked_so_with_the_reason() -> None:
    formulas = typeset_of(TEXT)
    out = to_html(TEXT, formulas=formulas)
    assert isinstance(formulas[formula_key(r"\foo{x}", False)], NotTypeset)
    assert f"&#8239;{AS_TEXT}</sup>" in out  # in words, not by colour alone
    assert "Shown as text: unknown command \\foo." in out  # the tooltip says why
    assert "1 formula could not be typeset and is shown as text" in out  # a notice
    shown = to_html("$$\\foo$$", formulas={formula_key("\\foo", True): NotTypeset("why")})
    assert f"({AS_TEXT}: why)" in shown


def test_formulas_not_typeset_yet_are_todays_text_without_a_mark() -> None:
    assert to_html(TEXT, formulas={}) == to_html(TEXT)
    assert AS_TEXT not in to_html(TEXT)
    assert "<img" not in to_html(TEXT) and "(-b ± √(b<sup>2</sup> - 4ac))/2a" in to_html(TEXT)


def test_a_formula_with_hidden_characters_shows_its_source_not_an_image() -> None:
    latex = "x\u202e = 1"
    out = to_html(f"${latex}$", formulas={formula_key(latex, False): typeset("x = 1", False)})
    assert "<img" not in out and "RIGHT-TO-LEFT OVERRIDE" in out


def test_a_conversation_shows_its_formulas_typeset_too() -> None:
    turns = [{"role": "user", "content": "What is $\\frac{1}{2}$?"}]
    assert formulas_of(turns) == [("\\frac{1}{2}", False)]
    out = to_html(turns, formulas=typeset_of("$\\frac{1}{2}$"))
    assert Images(out).images and unsafe_parts(out) == []


@example(width=1.0, height=20.0, depth_share=1 / 3, em=20.0, x_share=0.5)  # rounding: top -8.9e-16
@settings(max_examples=200, deadline=None)
@given(
    width=st.floats(1, 2000),
    height=st.floats(1, 400),
    depth_share=st.floats(0, 1),
    em=st.floats(6, 60),
    x_share=st.floats(0.3, 0.7),
)
def test_an_inline_image_puts_the_formula_baseline_on_the_text_baseline(
    width: float, height: float, depth_share: float, em: float, x_share: float
) -> None:
    formula = Formula("<svg/>", width, height, height * depth_share)
    metrics = TextMetrics(em, round(em * x_share))
    box = image_box(formula, metrics, display=False)
    h, d = formula.height * box.scale, formula.depth * box.scale
    assert box.height == int(box.height) and box.height >= h and box.top >= 0
    assert box.top + h <= box.height + 1e-9
    # Qt places a middle-aligned image's top (H + x/2) / 2 above the baseline; the
    # formula's baseline is (top + h - d) below the image's top.
    image_ascent = (box.height + metrics.x_height_px / 2) / 2
    assert abs(image_ascent - (box.top + h - d)) < 1e-6


@given(st.text(max_size=80))
def test_only_formula_addresses_read_as_formulas(url: str) -> None:
    found = read_math_url(url)
    if found is not None:
        assert url.lower().startswith(f"{MATH_SCHEME}:") and math_url(*found) == url
    assert read_math_url(math_url("ab12", True)) == ("ab12", True)
    for other in ("file:///etc/hosts", "http://x/a.png", "data:image/png;base64,AA", "x"):
        assert read_math_url(other) is None


def test_the_word_diff_takes_a_formula_as_one_token() -> None:
    a = r"So $x = \frac{a+b}{2}$ and costs $5 and $10."
    b = r"So $x = \frac{a+c}{2}$ and costs $5 and $10."
    left, right = diff_html(a, b)
    assert re.search(r"line-through\">\$x = \\frac\{a\+b\}\{2\}\$</span>", left)
    assert re.search(r"underline\">\$x = \\frac\{a\+c\}\{2\}\$</span>", right)
    assert "$5 and $10" in left  # currency is not a formula
    assert formula_spans(r"\[a\] and \(b\) and $$c$$") == [(0, 5), (10, 15), (20, 25)]


@pytest.mark.parametrize(
    "text",
    ["$5 and $10", "a $ b$", "$a $", "$x$5", "$$", "\\[", "$a\nb$", "\\(" * 1000 + "x"],
)
def test_what_is_not_a_formula_in_the_diff(text: str) -> None:
    assert formula_spans(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="$\\[]()ab 5\n", max_size=60))
def test_formula_spans_are_ordered_delimited_and_apart(text: str) -> None:
    end = 0
    for start, stop in formula_spans(text):
        assert end <= start < stop <= len(text)
        piece = text[start:stop]
        assert any(
            piece.startswith(o) and piece.endswith(c) and len(piece) > len(o) + len(c) - 1
            for o, c in (("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$"))
        )
        end = stop
