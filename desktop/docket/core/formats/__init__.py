"""Row formats Docket reads, chosen per file from its first row (or forced by name).

Each reader is a small module mapping one published format onto Docket's own rows; the
README documents every mapping. Detection looks at keys only, most specific format
first, and a file must hold one format throughout: a row of another shape is reported
as ``file:line: reason``, never guessed at.
"""

from __future__ import annotations

from typing import Any

from docket.core.formats import (
    arena,
    argilla,
    helpsteer,
    labelstudio,
    mtbench,
    native,
    openai,
    prd,
    ultrafeedback,
)
from docket.core.formats.base import Converted, Reader, Record, RowError

READERS: tuple[Reader, ...] = (
    ultrafeedback.BINARIZED,
    ultrafeedback.RAW,
    helpsteer.PREFERENCE3,
    helpsteer.PREFERENCE2,
    helpsteer.RATINGS,
    arena.ARENA,
    openai.PREFERENCE,
    openai.CHAT,
    mtbench.MT_BENCH,
    mtbench.FASTCHAT,
    prd.VICUNA80,
    prd.LFQA,
    labelstudio.LABEL_STUDIO,
    argilla.ARGILLA,
    native.NATIVE,
)
"""Every reader, in detection order (the first that claims a row wins)."""

BY_NAME: dict[str, Reader] = {r.name: r for r in READERS}

__all__ = ["BY_NAME", "READERS", "Converted", "Reader", "Record", "RowError", "detect"]


def detect(obj: Any) -> Reader | None:
    """The reader whose shape ``obj`` has, or None."""
    return next((r for r in READERS if r.claims(obj)), None)


def supported() -> str:
    """The supported formats, one per line, as an error message lists them."""
    return "\n".join(f"  {r.name:24} {r.title}: {r.keys}" for r in READERS)


def keys_seen(obj: Any) -> str:
    if isinstance(obj, dict):
        keys = sorted(map(str, obj))
        shown = ", ".join(keys[:12]) + (f", … ({len(keys)} keys)" if len(keys) > 12 else "")
        return f"keys: {shown}" if keys else "an empty object"
    return f"a JSON {type(obj).__name__}, not an object"
