"""Which way a paragraph reads: from its own text, as HTML's ``dir="auto"`` decides.

The first character with a strong direction (a letter of a right-to-left script, Arabic
or Hebrew, or of a left-to-right one) sets the direction of its paragraph, heading,
list item or table cell; digits, punctuation, spaces and symbols have none and follow.
So Arabic prose with English code, numbers and URLs inside reads right to left, and an
English paragraph in an Arabic response reads left to right. Code blocks are always
left to right. Qt's rich-text engine has no ``dir="auto"``; the renderer writes the
decided ``dir`` on each block (:func:`set_directions`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

Direction = Literal["ltr", "rtl"]
_RTL = frozenset({"R", "AL"})
_BLOCKS = frozenset({"paragraph_open", "heading_open", "list_item_open", "th_open", "td_open"})
_NO_TEXT = frozenset({"code_inline", "math_inline", "math_inline_double"})
"""Inline tokens whose text does not decide (code reads left to right inside any prose)."""


def first_strong(text: str) -> Direction | None:
    """The direction of the first strongly directional character of ``text``, or None
    when it has none (numbers, punctuation, emoji only)."""
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                return "ltr"
            continue
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def _inline_text(tokens: Iterable[Token]) -> Iterable[str]:
    for token in tokens:
        if token.type in _NO_TEXT:
            continue
        if token.children:
            yield from _inline_text(token.children)
        elif token.type in {"text", "softbreak"}:
            yield token.content


def block_direction(tokens: Sequence[Token], start: int) -> Direction | None:
    """The direction of the block opened at ``tokens[start]``: its first inline text
    with a strong character, up to the block's close."""
    depth = 0
    for token in tokens[start:]:
        depth += token.nesting
        if token.type == "inline" and token.children is not None:
            for text in _inline_text(token.children):
                found = first_strong(text)
                if found is not None:
                    return found
        if depth <= 0 and token is not tokens[start]:
            break
    return None


def set_directions(state: StateCore) -> None:
    """A core rule: a ``dir`` on every paragraph, heading, list item and table cell that
    has a strongly directional character."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in _BLOCKS:
            found = block_direction(tokens, index)
            if found is not None:
                token.attrSet("dir", found)


def text_direction(text: str) -> Direction:
    """The direction an editor or a plain-text field should take for ``text``: its
    first strong character's, left to right when there is none."""
    return first_strong(text) or "ltr"
