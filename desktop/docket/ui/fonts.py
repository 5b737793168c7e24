"""The fonts Docket carries for Chinese, Japanese, Arabic and Hebrew (resources/fonts),
registered at start.

A minimal system may have no font for these scripts at all; Qt would then draw a box for
every character (tofu). Qt's font fallback considers the application's own fonts after
the requested family, so once these are registered a character the UI font lacks is
drawn with them; a system that has its own fonts for a script keeps using those.

The CJK font is the large one (2.4 MB as OpenType). Registered from WOFF2, Qt unpacked it
at every start (40-50 ms of CPU); it is kept as OpenType compressed with xz instead
(``NotoSansCJKsc-Common.otf.xz``, 1.6 MB: within the repository's size cap), which the
packaged app carries unpacked (packaging/docket.spec) and `make fonts` unpacks beside
itself in a checkout: Qt registers a plain OpenType file by its path in about 1 ms. A
bare checkout without it unpacks the compressed one at start (about 130 ms).
"""

from __future__ import annotations

import lzma
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONTS = (
    "NotoSansCJKsc-Common.otf",
    "NotoSansArabic-Regular.woff2",
    "NotoSansHebrew-Regular.woff2",
)
PACKED = "xz"
"""A carried font kept compressed (xz: the smallest, and the repository has a size cap)
has this extension after its own in the source tree; `make fonts` and the package
unpack it beside itself, so that only a bare checkout unpacks it at start."""

_registered: dict[str, str] = {}


def font_source(folder: Traversable, name: str) -> str | bytes:
    """Font ``name`` in ``folder``: the path of the file itself where it is one (Qt reads
    only what it needs of it), else its bytes (a compressed copy's unpacked)."""
    plain = folder / name
    if isinstance(plain, Path) and plain.is_file():
        return str(plain)
    if plain.is_file():
        return plain.read_bytes()
    return lzma.decompress((folder / f"{name}.{PACKED}").read_bytes())


def register_fonts() -> dict[str, str]:
    """Add the carried fonts to the application (once); returns file -> family. A font
    that cannot be loaded is skipped: its text then falls back to what the system has."""
    if _registered:
        return dict(_registered)
    folder = resources.files("docket.resources") / "fonts"
    for name in FONTS:
        try:
            source = font_source(folder, name)
        except OSError:
            continue
        font_id = (
            QFontDatabase.addApplicationFont(source)
            if isinstance(source, str)
            else QFontDatabase.addApplicationFontFromData(source)
        )
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            _registered[name] = families[0]
    return dict(_registered)
