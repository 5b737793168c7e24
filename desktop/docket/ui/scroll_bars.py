"""Scroll bars that repaint alone, and cheaply.

A scroll bar repaints whenever its range or position changes, as the response panes' and
the task list's do on every move to another task. Two costs came with that:

- Qt repaints the widgets behind a widget that may be transparent first (the pane's
  frame, its column, the splitters, the window: a dozen paint events for a 14-pixel
  strip). Fusion, Docket's style, paints every pixel of a scroll bar (groove, handle and
  arrows, in light and dark palettes), so the bar can say it is opaque and repaint alone
  (:func:`opaque_scroll_bars`). Under another style (a transient scroll bar draws over
  the text), nothing changes.
- Fusion draws the groove and the handle as gradients with rounded, antialiased edges:
  about five times what flat rectangles cost, on every move. The text panes (the
  prompt and the responses, which change on every move, and the guidelines, sources
  and reviews, so that they look alike) and the task list take a :class:`FlatScrollBar`
  instead (:func:`flat_scroll_bars`): the groove in the window's colour with a line
  where it meets the text, the handle a filled rectangle with a border in the muted
  text colour (visible in both themes by its outline, not by a shade alone), darker
  under the mouse and while dragged, and the two arrow buttons as triangles. Where
  each part is, and so what a click does, is still the style's.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPolygonF
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

from docket.ui.pane_picture import Picture, scroll_bar_key

_CC = QStyle.ComplexControl.CC_ScrollBar
_SLIDER = QStyle.SubControl.SC_ScrollBarSlider
_SUB = QStyle.SubControl.SC_ScrollBarSubLine
_ADD = QStyle.SubControl.SC_ScrollBarAddLine


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


def flat_scroll_bars(area: QAbstractScrollArea) -> None:
    """Give ``area`` :class:`FlatScrollBar` s, opaque (under a style that paints scroll
    bars whole, Fusion; under another, the style's own bars stay). Call it before
    connecting to the area's scroll bars: they are replaced."""
    if not paints_whole_scroll_bars():
        return
    area.setVerticalScrollBar(FlatScrollBar(Qt.Orientation.Vertical, area))
    area.setHorizontalScrollBar(FlatScrollBar(Qt.Orientation.Horizontal, area))
    opaque_scroll_bars(area)  # (the area sets a new bar's attributes as it takes it)


class FlatScrollBar(QScrollBar):
    """A scroll bar drawn as flat rectangles, every pixel of it (so it is opaque)."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.picture = Picture(self, partial(scroll_bar_key, self))
        """The bar of a text pane laid out ahead, drawn while the reviewer reads
        (:mod:`docket.ui.pane_picture`)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture.paint(event):
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        palette = self.palette()
        vertical = self.orientation() == Qt.Orientation.Vertical
        rect = self.rect()
        painter = QPainter(self)
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
        # The line where the bar meets the text (the pane's frame is on the other sides).
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        if vertical:
            x = rect.right() if self.isRightToLeft() else rect.left()
            painter.drawLine(x, rect.top(), x, rect.bottom())
        else:
            painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
        enabled = self.isEnabled() and self.maximum() > self.minimum()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if enabled:
            handle = style.subControlRect(_CC, option, _SLIDER, self)
            handle = handle.adjusted(2, 1, -2, -1) if vertical else handle.adjusted(1, 2, -1, -2)
            active = option.activeSubControls & _SLIDER and option.state & (
                QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Sunken
            )
            fill = muted if active else palette.color(QPalette.ColorRole.Mid)
            painter.fillRect(handle, fill)
            painter.setPen(muted)
            painter.drawRect(handle.adjusted(0, 0, -1, -1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for control, at_end in (
            (_SUB, self.value() <= self.minimum()),
            (_ADD, self.value() >= self.maximum()),
        ):
            box = style.subControlRect(_CC, option, control, self)
            if box.isEmpty():
                continue
            colour = (
                palette.color(QPalette.ColorRole.ButtonText) if enabled and not at_end else muted
            )
            painter.setBrush(colour)
            painter.drawPolygon(_arrow(box, control == _ADD, vertical, self.isRightToLeft()))
        painter.end()


def _arrow(box: QRect, forward: bool, vertical: bool, rtl: bool) -> QPolygonF:
    """A small triangle centred in ``box`` pointing the way its button scrolls."""
    c = QPointF(box.center()) + QPointF(0.5, 0.5)
    half = max(2.5, min(box.width(), box.height()) * 0.3)
    if vertical:
        tip = 1 if forward else -1
        return QPolygonF(
            [
                QPointF(c.x() - half, c.y() - tip * half / 2),
                QPointF(c.x() + half, c.y() - tip * half / 2),
                QPointF(c.x(), c.y() + tip * half / 2),
            ]
        )
    tip = (1 if forward else -1) * (-1 if rtl else 1)
    return QPolygonF(
        [
            QPointF(c.x() - tip * half / 2, c.y() - half),
            QPointF(c.x() - tip * half / 2, c.y() + half),
            QPointF(c.x() + tip * half / 2, c.y()),
        ]
    )
