"""A text pane's first frame, drawn ahead.

The review window lays the tasks next to the open one out in hidden text panes (see
``PanePool`` in :mod:`docket.ui.comparison_view`); a move raises them. While the
reviewer reads, each of those panes also draws its text area and its scroll bar once
into pictures (:class:`PictureAhead`, and a flat scroll bar's :class:`Picture`, at the
screen's device pixel ratio): when the pane is raised, their first paints copy the
pictures instead of drawing the text, its backgrounds, marks and chips, and the bar.

A picture is only used if nothing that changes a pixel happened since it was drawn: the
same size and device pixel ratio, scroll position, document and document revision (any
edit of its text or formats, such as the room made under a line for a PII chip), font,
palette (the theme), active window, caret and selection (and focus where it shows: in a
caret or a selection), interaction flags, marks (underlines, highlights, a followed
citation, compared by place and format) and chips; for a scroll bar, its range,
position, page step, size, palette and hover. Anything else drops it at the paint,
which then draws as always. A picture is dropped after its first paint (whether used or
not), so at most one per hidden pane and bar is held, a few megabytes each.

While a pane holds a picture, its text area says it paints every pixel
(``WA_OpaquePaintEvent``), so its background is not filled first only to be covered; a
picture found stale fills it itself before the usual paint.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QScrollBar, QTextEdit, QWidget

_OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


def picture_key(pane: QTextEdit, extra: Hashable = ()) -> tuple[Hashable, ...]:
    """What the pixels of ``pane``'s text area depend on, beside its document's content
    (``extra``: what the pane itself draws, such as its marks and chips)."""
    viewport = pane.viewport()
    doc = pane.document()
    cursor = pane.textCursor()
    size = viewport.size()
    # Focus shows only in a caret or a selection (its colours: active or inactive).
    focus_shows = cursor.hasSelection() or bool(
        pane.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return (
        size.width(),
        size.height(),
        viewport.devicePixelRatioF(),
        pane.horizontalScrollBar().value(),
        pane.verticalScrollBar().value(),
        id(doc),
        doc.revision(),
        doc.textWidth(),
        pane.font().key(),
        viewport.palette().cacheKey(),
        pane.palette().cacheKey(),
        pane.hasFocus() if focus_shows else None,
        pane.isActiveWindow(),
        cursor.anchor(),
        cursor.position(),
        pane.textInteractionFlags().value,
        pane.cursorWidth(),
        pane.isRightToLeft(),
        extra,
    )


class Picture:
    """A widget's picture, drawn ahead, and the key of what its pixels depend on
    (see the module's notes): ``key`` gives it now."""

    def __init__(self, widget: QWidget, key: Callable[[], Hashable]) -> None:
        self._widget = widget
        self.key = key
        self._key: Hashable | None = None
        self._pixmap: QPixmap | None = None
        self._opaque = widget.testAttribute(_OPAQUE)  # (a flat scroll bar is, always)
        self.drawing = False
        """True while the picture is being drawn (the widget paints as always then)."""
        self.used = 0
        """How many paints were a picture copied (for tests and profiles)."""

    def held(self) -> bool:
        return self._pixmap is not None

    def draw(self) -> bool:
        """Draw the widget into the picture now (kept if it is still right). False when
        there is nothing to draw (no size yet)."""
        key = self.key()
        if self._pixmap is not None and key == self._key:
            return True
        widget = self._widget
        self.drop()
        if widget.width() <= 0 or widget.height() <= 0:
            return False
        self.drawing = True
        try:
            pixmap = widget.grab()
        finally:
            self.drawing = False
        if pixmap.isNull():
            return False
        self._pixmap, self._key = pixmap, key
        widget.setAttribute(_OPAQUE, True)
        return True

    def drop(self) -> None:
        """Forget the picture (the widget paints as always)."""
        if self._pixmap is None:
            return
        self._pixmap = self._key = None
        if not self._opaque:
            self._widget.setAttribute(_OPAQUE, False)

    def paint(self, event: QPaintEvent) -> bool:
        """Paint the widget from the picture if it still shows what the widget would
        draw (True), else fill the background the picture spared and let the widget
        paint (False). The picture is dropped either way."""
        pixmap, key = self._pixmap, self._key
        if pixmap is None or self.drawing:
            return False
        self.drop()
        widget = self._widget
        if key == self.key():
            painter = QPainter(widget)
            painter.drawPixmap(QPoint(0, 0), pixmap)
            painter.end()
            self.used += 1
            return True
        if widget.autoFillBackground() and not self._opaque:
            painter = QPainter(widget)  # what Qt would have filled first
            painter.fillRect(event.rect(), widget.palette().brush(widget.backgroundRole()))
            painter.end()
        return False


class PictureAhead(Picture):
    """A text pane's picture of its text area; ``extra`` gives what the pane draws
    itself that the key must also hold (its marks and chips)."""

    def __init__(self, pane: QTextEdit, extra: Callable[[], Hashable]) -> None:
        super().__init__(pane.viewport(), lambda: picture_key(pane, extra()))


def scroll_bar_key(bar: QScrollBar) -> tuple[Hashable, ...]:
    """What the pixels of a flat scroll bar depend on."""
    return (
        bar.width(),
        bar.height(),
        bar.devicePixelRatioF(),
        bar.minimum(),
        bar.maximum(),
        bar.value(),
        bar.pageStep(),
        bar.isEnabled(),
        bar.isRightToLeft(),
        bar.underMouse(),
        bar.isSliderDown(),
        bar.palette().cacheKey(),
        bar.isActiveWindow(),
    )
