"""Markdown, code, math and conversations -> safe HTML for Qt's rich text; word diffs.

No Qt here: the output is a string for ``QTextDocument.setHtml``, designed for Qt's
HTML subset (see :mod:`docket.render.markdown`). Raw HTML in the input is shown as text,
nothing remote or local is ever loaded, every input renders in bounded time, and
characters that would make text display differently from what it is are shown as marks
(:mod:`docket.render.hidden`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docket.render.citations import Citation, Citing, find_citations
from docket.render.conversation import conversation_to_html
from docket.render.diff import diff_html
from docket.render.hidden import contains_hidden, hidden_notice, plain_text_html
from docket.render.markdown import markdown_to_html
from docket.render.theme import DARK, LIGHT, THEMES, Theme, theme_named

__all__ = [
    "DARK",
    "LIGHT",
    "THEMES",
    "Citation",
    "Theme",
    "contains_hidden",
    "diff_html",
    "find_citations",
    "hidden_notice",
    "plain_text_html",
    "to_html",
]


def to_html(
    markdown: str | Sequence[Any],
    *,
    theme: str | Theme = "light",
    documents: Sequence[Any] = (),
) -> str:
    """Render a markdown string, or a conversation (a list of ``{role, content}`` turns).

    ``documents`` (a task's :class:`~docket.core.documents.Document` list) makes the
    response's citations of them links (``docket-citation:`` addresses, never opened:
    :mod:`docket.render.citations`)."""
    t = theme if isinstance(theme, Theme) else theme_named(theme)
    if isinstance(markdown, str):
        return markdown_to_html(markdown, t, Citing.of(documents) if documents else None)
    return conversation_to_html(markdown, t)
