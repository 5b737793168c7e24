"""Scroll bars that repaint alone.

A scroll bar repaints whenever its range or position changes, as the response panes' and
the task list's do on every move to another task. Qt repaints the widgets behind a
widget that may be transparent first (the pane's frame, its column, the splitters, the
window: a dozen paint events for a 14-pixel strip); Fusion, Docket's style, paints every
pixel of a scroll bar (groove, handle and arrows, in light and dark palettes), so the
bar can say it is opaque and repaint alone. Under another style (a transient scroll bar
draws over the text), nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QStyle


def paints_whole_scroll_bars(style: QStyle | None = None) -> bool:
    """Whether ``style`` (the application's by default) fills every pixel of a scroll bar."""
    style = style or QApplication.style()
    return (
        style is not None
        and style.name().lower() == "fusion"
        and not style.styleHint(QStyle.StyleHint.SH_ScrollBar_Transient)
    )


def opaque_scroll_bars(area: QAbstractScrollArea) -> None:
    """Let ``area``'s scroll bars repaint without the widgets behind them (see above)."""
    if not paints_whole_scroll_bars():
        return
    for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
        bar.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
