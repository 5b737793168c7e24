"""Markdown, code, math and conversations -> safe HTML for Qt's rich text; word diffs.

No Qt here: the output is a string for ``QTextDocument.setHtml``, designed for Qt's
HTML subset (see :mod:`docket.render.markdown`). Raw HTML in the input is shown as text,
nothing remote or local is ever loaded, every input renders in bounded time, and
characters that would make text display differently from what it is are shown as marks
(:mod:`docket.render.hidden`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docket.render.citations import Citation, Citing, find_citations
from docket.render.conversation import conversation_to_html, turn_content
from docket.render.diff import diff_html
from docket.render.formula_images import DEFAULT_METRICS, TextMetrics
from docket.render.hidden import contains_hidden, hidden_notice, plain_text_html
from docket.render.markdown import formulas_in, markdown_to_html
from docket.render.theme import DARK, LIGHT, THEMES, Theme, theme_named
from docket.render.typeset import Formula, NotTypeset

__all__ = [
    "DARK",
    "LIGHT",
    "THEMES",
    "Citation",
    "Formula",
    "NotTypeset",
    "TextMetrics",
    "Theme",
    "contains_hidden",
    "diff_html",
    "find_citations",
    "formulas_of",
    "hidden_notice",
    "plain_text_html",
    "to_html",
]


def to_html(
    markdown: str | Sequence[Any],
    *,
    theme: str | Theme = "light",
    documents: Sequence[Any] = (),
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
    metrics: TextMetrics = DEFAULT_METRICS,
) -> str:
    """Render a markdown string, or a conversation (a list of ``{role, content}`` turns).

    ``documents`` (a task's :class:`~docket.core.documents.Document` list) makes the
    response's citations of them links (``docket-citation:`` addresses, never opened:
    :mod:`docket.render.citations`).

    ``formulas`` (typeset formulas by key, :func:`~docket.render.typeset.formula_key`)
    shows each formula found as an image at ``docket-math:`` (drawn by the window,
    sized for text of ``metrics``), each that could not be typeset as text marked so,
    and the rest as text: :mod:`docket.render.formula_images`."""
    t = theme if isinstance(theme, Theme) else theme_named(theme)
    if isinstance(markdown, str):
        citing = Citing.of(documents) if documents else None
        return markdown_to_html(markdown, t, citing, formulas=formulas, metrics=metrics)
    return conversation_to_html(markdown, t, formulas=formulas, metrics=metrics)


def formulas_of(markdown: str | Sequence[Any]) -> list[tuple[str, bool]]:
    """Every formula :func:`to_html` shows in a markdown string or a conversation, as
    ``(latex, display)``, in order."""
    if isinstance(markdown, str):
        return formulas_in(markdown)
    return [f for turn in markdown for f in formulas_in(turn_content(turn))]
