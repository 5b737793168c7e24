"""A text pane's first frame, drawn ahead.

The review window lays the tasks next to the open one out in hidden text panes (see
``PanePool`` in :mod:`docket.ui.comparison_view`); a move raises them. While the
reviewer reads, each of those panes also draws its text area once into a picture
(:meth:`PictureAhead.draw`, at the screen's device pixel ratio): when the pane is raised,
its first paint copies the picture instead of drawing the text, its backgrounds, marks
and chips again.

A picture is only used if nothing that changes a pixel happened since it was drawn: the
same size and device pixel ratio, scroll position, document and document revision (any
edit of its text or formats, such as the room made under a line for a PII chip), font,
palette (the theme), active window, caret and selection (and focus where it shows: in
a caret or a selection), interaction flags,
marks (underlines, highlights, a followed citation) and chips. Anything else drops it
at the paint, which then draws as always. A picture is dropped after its first paint
(whether used or not), so at most one per hidden pane is held, a few megabytes each.

While a pane holds a picture, its text area says it paints every pixel
(``WA_OpaquePaintEvent``), so its background is not filled first only to be covered; a
picture found stale fills it itself before the usual paint.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QTextEdit

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


class PictureAhead:
    """One text pane's picture of its text area, drawn ahead (see the module's notes).

    ``extra`` gives what the pane draws itself that the key must also hold."""

    def __init__(self, pane: QTextEdit, extra: Callable[[], Hashable]) -> None:
        self._pane = pane
        self._extra = extra
        self._key: tuple[Hashable, ...] | None = None
        self._pixmap: QPixmap | None = None
        self.drawing = False
        """True while the picture is being drawn (the pane paints as always then)."""
        self.used = 0
        """How many paints were a picture copied (for tests and profiles)."""

    def held(self) -> bool:
        return self._pixmap is not None

    def key(self) -> tuple[Hashable, ...]:
        return picture_key(self._pane, self._extra())

    def draw(self) -> bool:
        """Draw the pane's text area into the picture now (kept if it is still right).
        False when there is nothing to draw (no size yet)."""
        key = self.key()
        if self._pixmap is not None and key == self._key:
            return True
        viewport = self._pane.viewport()
        if viewport.width() <= 0 or viewport.height() <= 0:
            self.drop()
            return False
        self.drop()
        self.drawing = True
        try:
            pixmap = viewport.grab()
        finally:
            self.drawing = False
        if pixmap.isNull():
            return False
        self._pixmap, self._key = pixmap, key
        viewport.setAttribute(_OPAQUE, True)
        return True

    def drop(self) -> None:
        """Forget the picture (the pane paints as always)."""
        if self._pixmap is None:
            return
        self._pixmap = self._key = None
        self._pane.viewport().setAttribute(_OPAQUE, False)

    def paint(self, event: QPaintEvent) -> bool:
        """Paint the text area from the picture if it still shows what the pane would
        draw (True), else fill the background the picture spared and let the pane paint
        (False). The picture is dropped either way."""
        pixmap, key = self._pixmap, self._key
        if pixmap is None or self.drawing:
            return False
        self.drop()
        viewport = self._pane.viewport()
        painter = QPainter(viewport)
        if key == self.key():
            painter.drawPixmap(QPoint(0, 0), pixmap)
            painter.end()
            self.used += 1
            return True
        if viewport.autoFillBackground():  # what Qt would have filled first
            painter.fillRect(event.rect(), viewport.palette().brush(viewport.backgroundRole()))
        painter.end()
        return False
