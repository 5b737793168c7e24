"""Typeset formulas drawn in the window: rasterised from their SVG, in the theme's text
colour, at the screen's device pixel ratio, as the only images a document ever shows.

:class:`MathDocument` is the document of every browser that shows task text. Its
``loadResource`` answers ``docket-math:`` addresses (:mod:`docket.render.formula_images`)
from the formulas its HTML was rendered with, and nothing else: no file, no network, no
``data:`` address, whatever the HTML says. Images are made when first painted (layout
only needs the size, which the HTML gives) and kept in a small cache by formula, colour,
size and pixel ratio (:class:`MathImages`), so repainting or reopening a task costs a
dictionary lookup; rasterising one formula with Qt's SVG renderer takes well under a
millisecond.

:class:`FormulaLookup` is the mapping the renderer reads: each formula it asks for is
looked up in the workspace (``Workspace.formulas``), and the ones not typeset yet are
remembered, so the window can tell when they arrive.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QObject, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

from docket.errors import DocketError
from docket.render.formula_images import ImageBox, TextMetrics, image_box, read_math_url
from docket.render.typeset import Formula, NotTypeset

Result = Formula | NotTypeset
Source = Callable[[Iterable[str]], Mapping[str, Result]]
"""Looks formulas up by key (``Workspace.formulas``)."""

MAX_IMAGE_PIXELS = 4_000_000
"""Device pixels of one formula image at most (16 MB); a formula larger than that on
screen is drawn at a lower pixel ratio (less sharp, never unbounded)."""
CACHE_BYTES = 48 * 1024 * 1024
"""Rasterised formulas kept, in bytes."""


def text_metrics(font: QFont) -> TextMetrics:
    """The em and x-height of ``font`` in pixels, as Qt's layout measures them."""
    return TextMetrics(float(QFontInfo(font).pixelSize()), float(QFontMetrics(font).xHeight()))


def _safe_svg(svg: str) -> bool:
    """The typesetter writes paths and rectangles; an SVG that refers to anything (an
    image, a link, a stylesheet) is not drawn."""
    lowered = svg.lower()
    return not any(word in lowered for word in ("<image", "href=", "url(", "<style", "@import"))


def rasterise(formula: Formula, box: ImageBox, colour: QColor, ratio: float) -> QImage:
    """``formula`` in ``colour`` on a transparent image of ``box`` at ``ratio`` device
    pixels per pixel (lowered so that the image stays within :data:`MAX_IMAGE_PIXELS`)."""
    ratio = max(ratio, 0.25)
    area = box.width * box.height * ratio * ratio
    if area > MAX_IMAGE_PIXELS:
        ratio *= math.sqrt(MAX_IMAGE_PIXELS / area)
    image = QImage(
        max(1, math.ceil(box.width * ratio)),
        max(1, math.ceil(box.height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    if _safe_svg(formula.svg):
        renderer = QSvgRenderer(QByteArray(formula.svg.encode("utf-8")))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        target = QRectF(
            0.0,
            box.top * ratio,
            formula.width * box.scale * ratio,
            formula.height * box.scale * ratio,
        )
        renderer.render(painter, target)
        # The typesetter draws in black: keep the shapes, take the theme's colour.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
    image.setDevicePixelRatio(ratio)
    return image


class MathImages:
    """Rasterised formulas, least recently used dropped first past :data:`CACHE_BYTES`."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self._max = max_bytes
        self._bytes = 0
        self._images: OrderedDict[tuple[Any, ...], QImage] = OrderedDict()
        self.made = 0
        """How many images were rasterised (the rest came from the cache)."""

    def image(self, key: str, formula: Formula, box: ImageBox, colour: str, ratio: float) -> QImage:
        cache_key = (key, colour, round(ratio, 3), box)
        found = self._images.get(cache_key)
        if found is not None:
            self._images.move_to_end(cache_key)
            return found
        image = rasterise(formula, box, QColor(colour), ratio)
        self.made += 1
        self._images[cache_key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self._max and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        return image

    def clear(self) -> None:
        """Forget every image (the window locks: they are task text)."""
        self._images.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._images)


IMAGES = MathImages()
"""The window's cache of rasterised formulas."""


class FormulaLookup(Mapping[str, Result]):
    """The formulas one rendering asks for, looked up one by one in ``source``; those
    not typeset yet are kept in :attr:`missing`."""

    def __init__(self, source: Source | None) -> None:
        self._source = source
        self._found: dict[str, Result] = {}
        self.missing: set[str] = set()

    def __getitem__(self, key: str) -> Result:
        found = self._found.get(key)
        if found is not None:
            return found
        if self._source is not None and key not in self.missing:
            try:
                found = self._source([key]).get(key)
            except DocketError:  # locked or closed: shown as text until it opens again
                found = None
            if found is not None:
                self._found[key] = found
                return found
        self.missing.add(key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def arrived(self) -> bool:
        """Whether any formula that was missing is typeset now (asked again)."""
        if not self.missing or self._source is None:
            return False
        try:
            return bool(self._source(sorted(self.missing)))
        except DocketError:
            return False


class MathDocument(QTextDocument):
    """A document whose only images are the typeset formulas of its text.

    :meth:`use_formulas` tells it the formulas its HTML was rendered with (before
    ``setHtml``), the text metrics their boxes were sized for and the colour to draw
    them in. Every other resource is refused."""

    def __init__(self, parent: QObject | None = None, images: MathImages | None = None) -> None:
        super().__init__(parent)
        self._images = images or IMAGES
        self._formulas: Mapping[str, Result] = {}
        self._metrics = TextMetrics()
        self._colour = "#000000"
        self._ratio: Callable[[], float] = _screen_ratio
        self.refused: list[str] = []
        """Addresses asked for and refused (nothing should ask: tests read it)."""

    def use_formulas(
        self,
        formulas: Mapping[str, Result],
        metrics: TextMetrics,
        colour: str,
        ratio: Callable[[], float] | None = None,
    ) -> None:
        self._formulas, self._metrics, self._colour = formulas, metrics, colour
        if ratio is not None:
            self._ratio = ratio

    @property
    def formulas(self) -> Mapping[str, Result]:
        return self._formulas

    def loadResource(self, kind: int, name: QUrl | str, /) -> Any:
        url = name.toString() if isinstance(name, QUrl) else str(name)
        found = read_math_url(url)
        formula = self._formulas.get(found[0]) if found is not None else None
        if getattr(kind, "value", kind) != _IMAGE or not isinstance(formula, Formula):
            if len(self.refused) < 100:
                self.refused.append(url)
            return None
        assert found is not None
        key, display = found
        box = image_box(formula, self._metrics, display)
        return self._images.image(key, formula, box, self._colour, self._ratio())

    def prepare_images(self) -> int:
        """Rasterise every formula of the document now (ahead of showing it); how many."""
        count = 0
        block = self.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    self.loadResource(_IMAGE, QUrl(fmt.toImageFormat().name()))
                    count += 1
                it += 1
            block = block.next()
        return count


_IMAGE = QTextDocument.ResourceType.ImageResource.value


def _screen_ratio() -> float:
    app = QGuiApplication.instance()
    return float(app.devicePixelRatio()) if isinstance(app, QGuiApplication) else 1.0


def formula_source_text(cursor: QTextCursor) -> str | None:
    """The LaTeX of the formula image right after ``cursor``'s position, as written
    between dollars (``$…$`` inline, ``$$…$$`` displayed), or None if it is no formula."""
    fmt = cursor.charFormat()
    if not fmt.isImageFormat():
        return None
    found = read_math_url(fmt.toImageFormat().name())
    if found is None:
        return None
    latex = str(fmt.property(QTextFormat.Property.ImageAltText) or "")
    return f"$${latex}$$" if found[1] else f"${latex}$"


def selection_with_latex(document: QTextDocument, start: int, end: int) -> QMimeData | None:
    """The text from ``start`` to ``end`` with each formula image as its LaTeX between
    dollars, as plain text and HTML; None when the range holds no formula."""
    pieces: list[tuple[int, str]] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            position = fragment.position()
            if start <= position < end and fragment.charFormat().isImageFormat():
                cursor = QTextCursor(document)
                cursor.setPosition(position + 1)
                latex = formula_source_text(cursor)
                if latex is not None:
                    pieces.append((position, latex))
            it += 1
        block = block.next()
    if not pieces:
        return None
    copy = QTextDocument()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    QTextCursor(copy).insertFragment(cursor.selection())
    for position, latex in reversed(pieces):
        at = QTextCursor(copy)
        at.setPosition(position - start)
        at.setPosition(position - start + 1, QTextCursor.MoveMode.KeepAnchor)
        at.insertText(latex, QTextCharFormat())
    data = QMimeData()
    data.setText(copy.toPlainText())
    data.setHtml(copy.toHtml())
    return data
