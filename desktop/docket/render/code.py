"""Fenced code through pygments, as inline-styled spans Qt's rich text understands.

Lexers and formatters are cached: looking a lexer up by name costs more than
highlighting a typical block. Very large blocks are shown plain (escaped) so a hostile
response cannot make highlighting the slow part of opening a task. Every character of
the code reaches the output (pygments would drop a leading U+FEFF), so that hidden ones
can be marked (:mod:`docket.render.hidden`).
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import TYPE_CHECKING

from docket.render.theme import Theme

if TYPE_CHECKING:
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer

MAX_HIGHLIGHT_CHARS = 100_000


@lru_cache(maxsize=128)
def _lexer(language: str) -> Lexer | None:
    # Pygments is loaded with the first code block (not with the window).
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=8)
def _formatter(style: str) -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=style, noclasses=True, nowrap=True)


def highlight_code(code: str, language: str, theme: Theme) -> str:
    """HTML for the inside of a ``<pre>``: highlighted when the language is known."""
    lexer = _lexer(language.strip().lower()) if language.strip() else None
    if lexer is None or len(code) > MAX_HIGHLIGHT_CHARS:
        return html.escape(code, quote=False)
    from pygments import highlight

    body = code.lstrip("\ufeff")
    boms = code[: len(code) - len(body)]
    return boms + str(highlight(body, lexer, _formatter(theme.pygments_style)))
