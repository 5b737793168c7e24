"""Word-level differences between two responses, for the "show differences" toggle.

Both texts are split into words, whitespace and punctuation; difflib aligns them; the
result marks deletions (in the first text) struck through on a red ground and
insertions (in the second) underlined on a green ground, so the difference shows
without colour too. Texts are shown as plain text (pre-wrap), exactly as written, but
for hidden characters, which are marks (:mod:`docket.render.hidden`), so that one
inserted or deleted shows as a difference too.

A formula (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``, as the renderer reads them:
currency such as ``$5 and $10`` is not one) is one token: a changed formula shows as
that formula replaced, not as a scatter of changed symbols.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

from docket.render.hidden import mark_hidden_html
from docket.render.theme import Theme, theme_named

MAX_DIFF_TOKENS = 30_000
MAX_FORMULA_CHARS = 4_000
"""A longer stretch between delimiters is not taken for one formula."""
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_OPENERS = re.compile(r"\$\$|\\\[|\\\(|\$")
_CLOSERS = {"$$": "$$", "\\[": "\\]", "\\(": "\\)", "$": "$"}


def formula_spans(text: str) -> list[tuple[int, int]]:
    """Where the formulas of ``text`` are, delimiters included, in order. Linear time:
    the next closer of each kind is found once and reused until passed."""
    spans: list[tuple[int, int]] = []
    following: dict[str, int] = {}

    def next_closer(closer: str, start: int) -> int:
        found = following.get(closer, -2)
        if found != -1 and found < start:
            found = following[closer] = text.find(closer, start)
        return found

    pos = 0
    while (match := _OPENERS.search(text, pos)) is not None:
        opener, begin = match[0], match.end()
        closer = _CLOSERS[opener]
        end = next_closer(closer, begin)
        if (
            end > begin
            and end - begin <= MAX_FORMULA_CHARS
            and _plausible(opener, text, begin, end)
        ):
            spans.append((match.start(), end + len(closer)))
            pos = end + len(closer)
        else:
            pos = match.start() + 1
    return spans


def _plausible(opener: str, text: str, begin: int, end: int) -> bool:
    """Single dollars as the renderer reads them: no space inside either end, no digit
    right after the closing one, and on one line (``$5 and $10`` is money)."""
    if opener != "$":
        return True
    inside = text[begin:end]
    after = text[end + 1 : end + 2]
    return not (inside[0].isspace() or inside[-1].isspace() or "\n" in inside or after.isdigit())


def _tokens(text: str) -> list[str]:
    """Words, spaces and punctuation, each formula one token."""
    out: list[str] = []
    pos = 0
    for start, end in formula_spans(text):
        out += _TOKENS.findall(text, pos, start)
        out.append(text[start:end])
        pos = end
    out += _TOKENS.findall(text, pos)
    return out


def _span(text: str, style: str, theme: Theme) -> str:
    escaped = mark_hidden_html(html.escape(text, quote=False), theme)
    return f'<span style="{style}">{escaped}</span>' if style else escaped


def diff_html(a: str, b: str, *, theme: str | Theme = "light") -> tuple[str, str]:
    """``(html_a, html_b)``: ``a`` with its deletions marked, ``b`` with its insertions."""
    t = theme if isinstance(theme, Theme) else theme_named(theme)
    deleted = f"background-color: {t.deleted_background}; text-decoration: line-through"
    inserted = f"background-color: {t.inserted_background}; text-decoration: underline"
    ta, tb = _tokens(a), _tokens(b)
    notice = ""
    if len(ta) + len(tb) > MAX_DIFF_TOKENS:
        notice = (
            f'<p style="background-color: {t.notice_background}">These responses are too long '
            "to compare word by word; the differences are shown line by line.</p>"
        )
        ta, tb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    out_a: list[str] = []
    out_b: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        left, right = "".join(ta[i1:i2]), "".join(tb[j1:j2])
        if op == "equal":
            out_a.append(_span(left, "", t))
            out_b.append(_span(right, "", t))
        else:
            if left:
                out_a.append(_span(left, deleted, t))
            if right:
                out_b.append(_span(right, inserted, t))
    wrap = f'<p style="white-space: pre-wrap; color: {t.text}">'
    return (
        f"{notice}{wrap}{''.join(out_a)}</p>",
        f"{notice}{wrap}{''.join(out_b)}</p>",
    )
