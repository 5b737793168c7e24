"""Rendered <-> raw mapping checked against the text Qt really shows.

Random markdown built from every construct the renderer supports is rendered into a
QTextDocument; random ranges of its text are mapped to raw offsets and back."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from docket.render import to_html
from docket.render.source_map import SourceMap, source_map

pytestmark = pytest.mark.gui

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=5).map(" ".join)


def _inline() -> st.SearchStrategy[str]:
    return st.one_of(
        WORDS,
        WORDS.map(lambda w: f"**{w}**"),
        WORDS.map(lambda w: f"*{w}*"),
        WORDS.map(lambda w: f"~~{w}~~"),
        WORDS.map(lambda w: f"`{w}`"),
        st.tuples(WORDS, WORD).map(lambda p: f"[{p[0]}](https://{p[1]}.org)"),
        st.tuples(WORDS, WORD).map(lambda p: f'[{p[0]}](https://{p[1]}.org "{p[1]}")'),
        WORD.map(lambda w: f"<https://{w}.org>"),
        WORD.map(lambda w: f"${w}^2$"),
        WORD.map(lambda w: f"\\({w}_i\\)"),
        WORDS.map(lambda w: f"{w} \\* &amp; {w}"),
        WORD.map(lambda w: f"![{w}](pic.png)"),
        WORD.map(lambda w: f"{w}\u200b{w}"),  # a hidden character: shown as a mark
        WORD.map(lambda w: f"[{w}](javascript:{w})"),  # a link not followed: a note added
    )


LINE = st.lists(_inline(), min_size=1, max_size=4).map(" ".join)


def _block() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(LINE, min_size=1, max_size=3).map("\n".join),
        LINE.map(lambda t: f"## {t}"),
        st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join(f"- {x}" for x in ls)),
        st.lists(LINE, min_size=1, max_size=3).map(
            lambda ls: "\n".join(f"{i + 1}. {x}" for i, x in enumerate(ls))
        ),
        LINE.map(lambda t: f"- [ ] {t}\n- [x] {t}"),
        st.lists(WORDS, min_size=1, max_size=3).map(
            lambda ls: "```python\n" + "\n".join(f"x = '{w}'" for w in ls) + "\n```"
        ),
        WORDS.map(lambda w: f"    {w}"),
        LINE.map(lambda t: f"> {t}"),
        st.tuples(WORDS, LINE, LINE).map(
            lambda p: f"| {p[0]} | b |\n|---|:---:|\n| {p[1]} | {p[2]} |"
        ),
        WORD.map(lambda w: f"$$\n{w} + 1\n$$"),
        WORD.map(lambda w: f"\\[{w}^2\\]"),
        st.just("---"),
    )


MARKDOWN = st.lists(_block(), min_size=1, max_size=5).map("\n\n".join)


def _mapped(raw: str) -> tuple[str, SourceMap]:
    doc = QTextDocument()
    doc.setHtml(to_html(raw))
    shown = doc.toRawText()
    assert len(shown) == doc.characterCount() - 1
    return shown, source_map(raw, shown)


def _lines(text: str) -> str:
    """White space of any kind (Qt's block and line separators, a soft line break
    shown as a space) as one kind."""
    return "".join(" " if ch.isspace() else ch for ch in text)


def _check(raw: str, first: int, last: int) -> None:
    shown, smap = _mapped(raw)
    # Every shown character that stands for one raw character is that character.
    for k, ch in enumerate(shown):
        s, e = smap.starts[k], smap.ends[k]
        if s >= 0 and e - s == 1:
            assert raw[s] == ch or (raw[s].isspace() and (ch.isspace() or ch in "\u2029\u2028")), (
                k,
                ch,
                raw[s],
            )
        elif s >= 0:
            assert raw[s] in "$\\", raw[s:e]  # a formula: its whole source
    if not shown:
        return
    first, last = sorted((first % len(shown), last % (len(shown) + 1)))
    if first == last:
        return
    found = smap.to_raw(first, last)
    covered = {k for k in range(first, last) if smap.starts[k] >= 0}
    if found is None:
        assert not covered
        return
    start, end = found
    back = {p for a, b in smap.to_shown(start, end) for p in range(a, b)}
    assert covered <= back
    runs = [smap.starts[k] for k in range(first, last)]
    single = all(smap.ends[k] - s == 1 for k, s in zip(range(first, last), runs, strict=True))
    if single and runs == list(range(runs[0], runs[0] + len(runs))):
        # A run verbatim in the raw text: the quote is the selected text.
        assert _lines(raw[start:end]) == _lines(shown[first:last])


@settings(max_examples=60, deadline=None)
@given(MARKDOWN, st.integers(0, 10_000), st.integers(0, 10_000))
def test_rendered_ranges_map_to_raw_and_back(qapp: object, raw: str, first: int, last: int) -> None:
    _check(raw, first, last)


def test_constructs_map_exactly(qapp: object) -> None:
    raw = (
        "Intro with **bold text** and `code` and [a link](http://x.org).\n\n"
        "- item one\n- [ ] task *two*\n\n"
        "| h1 | h2 |\n|---|---|\n| c | $x^2$ |\n\n"
        "```python\ndef f(x):\n    return x\n```\n"
    )
    shown, smap = _mapped(raw)
    at = shown.index("bold text")
    assert smap.to_raw(at - 2, at + 9) == (raw.index("bold text") - 4, raw.index("bold text") + 9)
    at = shown.index("return x")
    start, end = smap.to_raw(at, at + 8) or (0, 0)
    assert raw[start:end] == "return x"
    at = shown.index("item one")
    start, end = smap.to_raw(at, at + 4) or (0, 0)
    assert raw[start:end] == "item"
    at = shown.index("x2")
    assert smap.to_raw(at, at + 1) == (raw.index("$x^2$"), raw.index("$x^2$") + 5)
    assert smap.to_raw(shown.index("python"), shown.index("python") + 6) is None
    assert shown[smap.to_shown(raw.index("two"), raw.index("two") + 3)[0][0]] == "t"
