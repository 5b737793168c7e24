"""The fonts Docket carries for Chinese, Japanese, Arabic and Hebrew (resources/fonts),
registered at start.

A minimal system may have no font for these scripts at all; Qt would then draw a box for
every character (tofu). Qt's font fallback considers the application's own fonts after
the requested family, so once these are registered a character the UI font lacks is
drawn with them; a system that has its own fonts for a script keeps using those.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QFontDatabase

FONTS = (
    "NotoSansCJKsc-Common.woff2",
    "NotoSansArabic-Regular.woff2",
    "NotoSansHebrew-Regular.woff2",
)

_registered: dict[str, str] = {}


def register_fonts() -> dict[str, str]:
    """Add the carried fonts to the application (once); returns file -> family. A font
    that cannot be loaded is skipped: its text then falls back to what the system has."""
    if _registered:
        return dict(_registered)
    folder = resources.files("docket.resources") / "fonts"
    for name in FONTS:
        font_id = QFontDatabase.addApplicationFontFromData((folder / name).read_bytes())
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            _registered[name] = families[0]
    return dict(_registered)
