"""docket.render: markdown, code, math, tables, conversations and word diffs for Qt."""

from __future__ import annotations

import re
from dataclasses import astuple

import pytest

from docket.render import DARK, LIGHT, THEMES, diff_html, to_html
from docket.render.conversation import (
    ANSWERED_TURN_ID,
    EARLIER_TURNS_HREF,
    FOLD_OVER,
    KEEP_SHOWN,
    answered_turn,
    conversation_to_html,
    foldable_turns,
)
from docket.render.markdown import MAX_INPUT_CHARS, safe_href
from tests.reference_data import alpaca_eval
from tests.render_safety import unsafe_parts

ALPACA_MODELS = [
    "gpt-4o-2024-05-13",
    "claude-3-5-sonnet-20240620",
    "Meta-Llama-3.1-405B-Instruct-Turbo",
    "gpt4_1106_preview",
]


def test_fenced_code_is_highlighted_in_a_shaded_block_with_its_language() -> None:
    out = to_html("```python\ndef f(x):\n    return x  # ok\n```")
    assert '<table width="100%"' in out and f"background-color: {LIGHT.code_background}" in out
    assert ">python</td>" in out  # the language caption
    assert re.search(r'<span style="color: #[0-9A-Fa-f]+; font-weight: bold">def</span>', out)
    assert "<pre" in out and "monospace" in out


def test_untagged_and_unknown_language_code_is_plain_and_escaped() -> None:
    for source in ("```\na < b && c\n```", "```nosuchlang\na < b && c\n```", "    a < b && c"):
        out = to_html(source)
        assert "a &lt; b &amp;&amp; c" in out
        assert "<span style" not in out.split("<pre", 1)[1]


def test_tables_have_borders_header_shading_and_alignment() -> None:
    out = to_html("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert 'border="1"' in out and f"border-color: {LIGHT.table_border}" in out
    assert f'<th bgcolor="{LIGHT.table_header_background}" align="left" dir="ltr">a</th>' in out
    assert '<td align="right">2</td>' in out


def test_block_elements_are_styled() -> None:
    out = to_html(
        "# H1\n\n> quoted\n\n1. one\n   - nested\n\n~~gone~~ and `code`\n\n---\n\n- [x] done\n- [ ] open"
    )
    assert '<h1 style="font-size: x-large" dir="ltr">H1</h1>' in out
    assert f'bgcolor="{LIGHT.quote_bar}"' in out and "quoted" in out
    assert re.search(r'<ol>\s*<li dir="ltr">one\s*<ul>\s*<li dir="ltr">nested</li>', out)
    assert "<s>gone</s>" in out
    assert f'background-color: {LIGHT.inline_code_background}">code</code>' in out
    assert f'bgcolor="{LIGHT.table_border}"' in out  # the horizontal rule
    assert "☑ done" in out and "☐ open" in out and "<input" not in out


def test_footnotes_and_autolinks() -> None:
    out = to_html("See[^1] www.example.com and <https://example.org/x>.\n\n[^1]: The note.")
    assert 'href="#fn1"' in out and "The note." in out
    assert '<a href="http://www.example.com"' in out and '<a href="https://example.org/x"' in out


@pytest.mark.parametrize(
    ("source", "latex"),
    [
        ("inline $x^2 + y_i$ here", "x^2 + y_i"),
        ("inline \\(x^2 + y_i\\) here", "x^2 + y_i"),
        ("$$x^2 + y_i$$", "x^2 + y_i"),
        ("\\[x^2 + y_i\\]", "x^2 + y_i"),
    ],
)
def test_math_in_all_four_delimiters(source: str, latex: str) -> None:
    out = to_html(source)
    assert "x<sup>2</sup> + y<sub>i</sub>" in out
    assert f'title="{latex}"' in out  # the original LaTeX stays available
    assert f"{LIGHT.math_background}" in out
    assert "$" not in out and "\\(" not in out


def test_display_math_is_set_apart_and_reads_as_a_formula() -> None:
    out = to_html("The norm:\n\n$$\\sqrt{v_1^2 + v_2^2}$$\n\nDone.")
    assert re.search(r'<table width="100%"[^>]*><tr><td align="center"', out)
    assert "√(v<sub>1</sub><sup>2</sup> + v<sub>2</sub><sup>2</sup>)" in out


@pytest.mark.parametrize(
    "text",
    ["It costs $5 and $10.", "Between $5 and $10 per hour", "$ 5 and $ 10", "Pay $3.50 or $4"],
)
def test_currency_is_not_math(text: str) -> None:
    out = to_html(text)
    assert "<sup>" not in out and "title=" not in out
    assert "$" in out


@pytest.mark.parametrize(
    ("latex", "reads"),
    [
        ("\\frac{a+b}{2}", "(a+b)/2"),
        ("\\frac{\\partial f}{\\partial x}", "∂f/∂x"),
        ("\\sum_{i=1}^{n} i", "∑<sub>i=1</sub><sup>n</sup> i"),
        ("\\alpha \\leq \\beta", "α ≤ β"),
        ("\\sqrt{3}", "√3"),
        ("\\mathbb{R}^n", "ℝ<sup>n</sup>"),
        ("\\|v\\|", "‖v‖"),
    ],
)
def test_latex_becomes_unicode(latex: str, reads: str) -> None:
    assert reads in to_html(f"$${latex}$$")


def test_themes_take_every_colour_from_the_theme_definition() -> None:
    sample = "# T\n\n> q\n\n| a |\n|---|\n| 1 |\n\n`c` $x$\n\n---\n\n![i](http://x/y.png)"
    for theme in THEMES.values():
        out = to_html(sample, theme=theme.name)
        used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", out)}
        defined = {v.lower() for v in astuple(theme) if isinstance(v, str)}
        assert used and used <= defined, used - defined
    assert to_html("`c`", theme="dark") != to_html("`c`", theme="light")
    with pytest.raises(ValueError, match="unknown theme"):
        to_html("x", theme="sepia")


def test_dark_code_uses_a_dark_pygments_style() -> None:
    light = to_html("```python\nimport os\n```", theme="light")
    dark = to_html("```python\nimport os\n```", theme="dark")
    assert DARK.code_background in dark and LIGHT.code_background in light
    assert re.findall(r"color: (#\w+)", light) != re.findall(r"color: (#\w+)", dark)


def test_conversations_label_and_separate_each_turn() -> None:
    turns = [
        {"role": "system", "content": "Be *brief*."},
        {"role": "user", "content": "What is `2+2`?"},
        {"role": "assistant", "content": "**4**"},
        {"role": "tool", "content": "calc: 4"},
    ]
    out = to_html(turns)
    labels = re.findall(r"font-weight: bold; margin-bottom: 2px\">(\w+)", out)
    assert labels == ["System", "User", "Assistant", "Tool"]
    assert out.count('<table width="100%" cellspacing="0" cellpadding="8"') == 4
    assert "<em>brief</em>" in out and "<strong>4</strong>" in out and ">2+2</code>" in out
    for role in ("user", "assistant", "system", "tool"):
        assert LIGHT.role_colour(role) in out


def hh_conversation(turns: int) -> list[dict[str, str]]:
    """An hh-rlhf-like transcript: the human and the assistant alternate, the human last."""
    return [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"Turn {i + 1} text."}
        for i in range(turns)
    ]


def test_the_answered_turn_is_the_last_user_turn_and_says_so() -> None:
    turns = hh_conversation(9)
    assert answered_turn(turns) == 8
    assert answered_turn([*turns, {"role": "assistant", "content": "prefill"}]) == 8
    assert answered_turn([{"role": "system", "content": "x"}]) is None
    out = conversation_to_html(turns, LIGHT)
    assert out.count(f'id="{ANSWERED_TURN_ID}"') == 1
    marked = out.index(f'id="{ANSWERED_TURN_ID}"')
    assert out.index("Turn 8 text.") < marked < out.index("Turn 9 text.")
    assert "the responses answer this turn" in out
    assert unsafe_parts(out) == []


def test_long_conversations_fold_all_but_the_last_exchange() -> None:
    turns = hh_conversation(9)
    assert foldable_turns(turns) == 8 - KEEP_SHOWN == 6
    # Up to FOLD_OVER turns before the answered one are never folded.
    assert foldable_turns(hh_conversation(FOLD_OVER + 1)) == 0
    assert foldable_turns(hh_conversation(FOLD_OVER + 3)) == FOLD_OVER + 2 - KEEP_SHOWN
    assert foldable_turns(hh_conversation(1)) == 0

    folded = conversation_to_html(turns, LIGHT, folded=True, key_hint="key T")
    assert f'<a href="{EARLIER_TURNS_HREF}"' in folded
    assert "▸ 6 earlier turns (show, key T)" in folded
    assert "Turn 6 text." not in folded
    assert all(f"Turn {i} text." in folded for i in (7, 8, 9))
    assert folded.count("<table") == 3

    shown = conversation_to_html(turns, DARK, folded=False)
    assert "▾ 6 earlier turns (hide)" in shown
    assert shown.count("<table") == 9 and DARK.link in shown
    for html_out in (folded, shown):
        assert unsafe_parts(html_out) == []
        assert html_out.count(f'id="{ANSWERED_TURN_ID}"') == 1

    short = conversation_to_html(hh_conversation(5), LIGHT, folded=True)
    assert EARLIER_TURNS_HREF not in short and short.count("<table") == 5


def test_word_diff_marks_insertions_and_deletions_without_relying_on_colour() -> None:
    a, b = "The cat sat on the mat.", "The dog sat on the red mat."
    left, right = diff_html(a, b)
    assert 'line-through">cat</span>' in left and 'underline">dog</span>' in right
    assert 'underline">red </span>' in right or 'underline">red</span>' in right
    assert "sat on the" in left and "sat on the" in right
    assert LIGHT.deleted_background in left and LIGHT.inserted_background in right
    same_left, same_right = diff_html("same <b>", "same <b>")
    assert same_left == same_right
    assert "<span" not in same_left and "same &lt;b&gt;" in same_left


@pytest.mark.slow
def test_word_diff_of_very_long_texts_falls_back_to_lines() -> None:
    a = "word word word\n" * 10_000
    left, right = diff_html(a, a + "new line\n")
    assert "line by line" in left
    assert right.count("underline") == 1 and 'underline">new line\n</span>' in right


def test_safe_href() -> None:
    assert safe_href("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_href("mailto:a@b.c") == "mailto:a@b.c"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd",
                "ftp://x/y", "relative/path.html", "//evil.org/x", "http:/nohost", "https://a\nb", "vbscript:x"):  # fmt: skip
        assert safe_href(bad) is None, bad


def test_input_over_the_limit_is_cut_with_a_notice() -> None:
    out = to_html("a" * (MAX_INPUT_CHARS + 10))
    assert f"the first {MAX_INPUT_CHARS:,} of {MAX_INPUT_CHARS + 10:,} characters" in out


@pytest.mark.slow
def test_every_real_alpaca_response_renders() -> None:
    count = 0
    for model in ALPACA_MODELS:
        for row in alpaca_eval(model):
            for theme in ("light", "dark"):
                out = to_html(row["output"], theme=theme)
                assert out.strip() or not row["output"].strip()
                assert "<script" not in out and "<img" not in out
            count += 1
    assert count == 3220


def test_display_math_right_after_a_line_of_text_as_models_write_it() -> None:
    """GPT-4o writes "is given by:" and then \\[ on the next line, with no blank line."""
    source = "1. Step\n\n   The magnitude is given by:\n   \\[\n   \\|v\\| = \\sqrt{v_1^2}\n   \\]\n2. Next"
    out = to_html(source)
    assert '<p dir="ltr">The magnitude is given by:</p>' in out
    assert re.search(r'<td align="center"[^>]*>‖v‖ = √\(v<sub>1</sub><sup>2</sup>\)</td>', out)
    assert "\\[" not in out.replace('title="', "").split("title=")[0]
    para = to_html("para\n$$\nx^2\n$$\nmore")
    assert (
        '<p dir="ltr">para</p>' in para
        and '<td align="center"' in para
        and '<p dir="ltr">more</p>' in para
    )
    inline = to_html("where \\[x^2\\] holds, and \\[ is unclosed")
    assert "x<sup>2</sup></span> holds" in inline and "[ is unclosed" in inline
    fenced = to_html("```\n\\[\nnot math\n\\]\n```")
    assert "<sup>" not in fenced and "\\[\nnot math\n\\]" in fenced
