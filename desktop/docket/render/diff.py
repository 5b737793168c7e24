"""Word-level differences between two responses, for the "show differences" toggle.

Both texts are split into words, whitespace and punctuation; difflib aligns them; the
result marks deletions (in the first text) struck through on a red ground and
insertions (in the second) underlined on a green ground, so the difference shows
without colour too. Texts are shown as plain text (pre-wrap), exactly as written, but
for hidden characters, which are marks (:mod:`docket.render.hidden`), so that one
inserted or deleted shows as a difference too.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

from docket.render.hidden import mark_hidden_html
from docket.render.theme import Theme, theme_named

MAX_DIFF_TOKENS = 30_000
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _span(text: str, style: str, theme: Theme) -> str:
    escaped = mark_hidden_html(html.escape(text, quote=False), theme)
    return f'<span style="{style}">{escaped}</span>' if style else escaped


def diff_html(a: str, b: str, *, theme: str | Theme = "light") -> tuple[str, str]:
    """``(html_a, html_b)``: ``a`` with its deletions marked, ``b`` with its insertions."""
    t = theme if isinstance(theme, Theme) else theme_named(theme)
    deleted = f"background-color: {t.deleted_background}; text-decoration: line-through"
    inserted = f"background-color: {t.inserted_background}; text-decoration: underline"
    ta, tb = _TOKENS.findall(a), _TOKENS.findall(b)
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
