"""Light and dark application palettes, from the same theme definition as the rendering
(:mod:`docket.render.theme`), so widgets and rendered responses always match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from docket.render.theme import THEMES, Theme


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def palette_for(theme: Theme) -> QPalette:
    p = QPalette()
    text, base = QColor(theme.text), QColor(theme.background)
    window = QColor(theme.code_background)
    # Disabled widgets take the theme's surfaces too (else Qt's light defaults show
    # through in the dark theme); only their text is muted below.
    for group in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, window)
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, window)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.Link, QColor(theme.link))
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(theme.link))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(theme.muted))
        p.setColor(group, QPalette.ColorRole.Mid, QColor(theme.table_border))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(theme.muted))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(theme.muted))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(theme.muted))
    return p


def theme_named(name: str) -> Theme:
    return THEMES[name]


def theme_for(choice: str) -> Theme:
    """The theme for a settings choice: "light", "dark", or "system" (follow the OS)."""
    dark = choice == "dark" or (choice == "system" and system_prefers_dark())
    return THEMES["dark" if dark else "light"]
