"""Search text folded so that case and accents do not matter, in every script.

"muller" finds "Müller", "échographie" finds "ÉCHOGRAPHIE", "strasse" finds "Straße",
an Arabic or Hebrew word finds itself with or without its vowel points, and full-width
letters find their ordinary forms (compatibility decomposition, NFKD). What is removed
is only accents and vowel points (combining marks of the Latin, Greek, Cyrillic, Hebrew
and Arabic blocks): the voicing marks of Japanese kana stay, since "が" and "か" are
different syllables, not one letter with and without an accent.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile(
    "["
    "\u0300-\u036f"  # combining diacritical marks (Latin, Greek, Cyrillic accents)
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # their extensions
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # Hebrew points and cantillation
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0640"  # Arabic harakat, Quranic marks and the tatweel (a stretching stroke)
    "]+"
)


def fold(text: str) -> str:
    """``text`` without case and accents, for comparing (never for showing)."""
    if text.isascii():
        return text.lower()
    return full_fold(text)


def full_fold(text: str) -> str:
    """:func:`fold` of any text (its ASCII shortcut must agree with this)."""
    # Decompose to take the accents off, then compose again, so that what is left of a
    # letter with a kept mark (が) is one character again and "か" is not inside it.
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", bare.casefold())


SEPARATOR = "\x00"
"""Between the texts of one task's search text: no query can span two of them."""


def search_text(turns: list[str], responses: list[str]) -> str:
    """What a task is searched in: its conversation and its responses, folded."""
    return SEPARATOR.join(fold(t) for t in [*turns, *responses])
