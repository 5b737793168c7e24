"""Text from bundles and databases, made safe to print on a terminal.

A name, id, file name or reason that came from someone else's bundle may hold control
characters: an escape sequence (``ESC [``) can move the cursor, erase a line or recolour
it, a carriage return can overwrite what came before, and Unicode format characters
(right-to-left override U+202E, zero-width spaces, bidi isolates) can make one string
look like another — enough to hide the fingerprint printed next to a name.
:func:`terminal_safe` spells every such character as a visible escape, the way Python's
``repr`` does (``\\x1b``, ``\\u202e``, ``\\U000e0041``), and leaves everything else as
it is: letters of every script, punctuation, emoji.

"Such characters" are the ones :meth:`str.isprintable` rejects: C0 and C1 controls and
DEL (category Cc), format characters (Cf: bidi controls, zero-width characters, the
byte-order mark, tag characters), line and paragraph separators (Zl, Zp), spaces other
than the ASCII space (Zs), surrogates, private-use and unassigned code points.
"""

from __future__ import annotations

__all__ = ["terminal_safe"]


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal_safe(text: object, *, keep_newlines: bool = False) -> str:
    """``str(text)`` with every non-printable character escaped (see the module).

    ``keep_newlines`` keeps ``\\n`` as a line break, for messages laid out over several
    lines; a carriage return is escaped either way."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() or (keep_newlines and char == "\n") else _escape(char)
        for char in text
    )
