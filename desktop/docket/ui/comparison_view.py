"""The comparison view: the prompt (or conversation) on top, the responses side by side.

Columns are labelled only with blinded labels (Response A, B, ...) in the reviewer's
display order; model names never reach this widget's text. Each column toggles between
the rendered response and the raw text the model wrote. Scrolling can be synchronised,
differences between two responses shown word by word, and the text zoomed. Nothing is
ever loaded from the network or disk: ``loadResource`` refuses, and links are handed to
the window, which asks before opening them.

A task with source documents renders each response's citations (``[1]``, ``【1】``,
``[doc-id]``: :mod:`docket.render.citations`) as links that never leave the window: a
click, or C to select the next citation of the focused response and Enter, hands the
cited document to the Sources pane; a citation naming no document is marked "[7?]".

A conversation opens scrolled to the turn the responses answer (the last user turn), with
the turns before it above; in a long one, most earlier turns are folded into one line
that shows or hides them (click it, Tab to it and press Enter, or press T).

Formulas typeset ahead of time are images drawn by the window
(:mod:`docket.ui.math_images`): the only resources a document loads. The raw view shows
their LaTeX, Copy puts it on the clipboard, and a formula not typeset yet shows as text
until its typesetting arrives, when the task is shown again in place.

Spans (:mod:`docket.ui.span_marking`): Alt+1, Alt+2, ... focus response A, B, ...; F7
turns the caret on in the focused response
(Shift+arrows select), M asks to mark the selection, and the spans of the answer are
drawn on the rendered responses: a tint with an underline (dashed for a suggestion not
yet kept) and a chip naming the label and severity, so that nothing is told by colour
alone. Positions on the rendered text map to the raw markdown through
:mod:`docket.render.source_map`.

PII (:mod:`docket.ui.pii_marking`): what the detector found, and what the reviewer
marked, is drawn in the prompt and the responses with a wavy underline and a badge
naming its type (dismissed findings: a dotted underline, no badge); the tooltip says
what it is ("Possible PII: phone number (high severity)"). The context menu of a
response or the prompt holds the PII actions the window gives it (:attr:`pii_actions`).

Characters that make text display differently from what it is (bidi controls,
zero-width and tag characters: :mod:`docket.render.hidden`) are shown as marked tokens
in every view, raw and differences included, and a line above the task says how many
there are, of which kinds, and where.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, NamedTuple

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from docket.core.display_order import DisplayOrder
from docket.core.pii import TURN_PREFIX
from docket.core.tasks import Role, Task
from docket.render import contains_hidden, diff_html, hidden_notice, plain_text_html, to_html
from docket.render.citations import read_citation_href
from docket.render.conversation import (
    ANSWERED_NOTE,
    ANSWERED_TURN_ID,
    EARLIER_TURNS_HREF,
    answered_turn,
    conversation_to_html,
    foldable_turns,
    role_label,
)
from docket.render.formula_images import TextMetrics
from docket.render.hidden import HIDDEN_EXPLANATION
from docket.render.source_map import SourceMap, TurnsMap, source_map, turns_map
from docket.render.theme import Theme
from docket.ui.core_texts import shown
from docket.ui.i18n import english_plural, translate
from docket.ui.math_images import (
    IMAGES,
    FormulaLookup,
    MathDocument,
    Source,
    selection_with_latex,
    text_metrics,
)
from docket.ui.pane_picture import PictureAhead
from docket.ui.scroll_bars import FlatScrollBar, flat_scroll_bars, paints_whole_scroll_bars

MIN_ZOOM, MAX_ZOOM = -4, 12
MAX_DOCUMENTS = 24
"""Laid-out documents kept: the current task, the next one, and a few behind."""
PANES = 3
"""Text panes per place (the prompt, each response): the task shown, the next one laid
out ahead, and the one before (the pane just left)."""
NEXT_CITATION_KEY = "C"
"""Selects the next citation of the focused response (Shift: the previous); Enter follows it."""
EARLIER_TURNS_KEY = "T"
"""Shows or hides the folded earlier turns of a long conversation."""
CARET_KEY = Qt.Key.Key_F7
"""Turns the caret on or off in the focused response (then Shift+arrows select)."""
MARK_KEY = Qt.Key.Key_M
"""Marks the selection of the focused response as a span."""
_SOURCE_MAP = "_docket_source_map"
_TURNS_MAP = "_docket_turns_map"
_PII_RUNS = "_docket_pii_runs"
_SPACED = "_docket_spaced_blocks"
CHIP_GAP = 3
"""Pixels between a chip and the next line of text (the line's extra room is the chip's
height and this)."""
ANSWERED_GAP = 16
"""Pixels from the top of the pane to the answered turn's label when the pane opens on
it: room for the edge of its box (border and padding, 9 px) and a little space."""
_ANSWERED_BLOCK = "docketAnsweredBlock"
"""Dynamic property of a conversation document: the block number of the answered
turn's label, -1 when there is none (found once per document, ahead of time)."""


SENSITIVE_CLIPBOARD_HINTS: tuple[tuple[str, bytes], ...] = (
    ("x-kde-passwordManagerHint", b"secret"),  # KDE Klipper and others on Linux
    # Windows: the clipboard history and cloud clipboard skip such data.
    ('application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"', b"1"),
    ('application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"', b"\0\0\0\0"),
    ('application/x-qt-windows-mime;value="CanUploadToCloudClipboard"', b"\0\0\0\0"),
    ("org.nspasteboard.ConcealedType", b""),  # macOS clipboard managers' convention
)


def _digest(text: str) -> str:
    """Cache keys cover the whole text: an updated bundle may change a response anywhere."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


Render = Callable[[Theme, FormulaLookup, TextMetrics], str]
"""Renders a text for the view: theme, the formulas to look up, the text's metrics."""


def _core_words(text: str) -> str:
    """A marked core template (a role's name, a fold line) in the interface's language."""
    return translate("core_texts", text)


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource (but the typeset formulas of its
    :class:`MathDocument`) and never follows a link itself."""

    linkRequested = Signal(QUrl)
    internalLinkActivated = Signal(str)
    """An in-document link the window acts on itself (the fold line of a conversation)."""
    citationActivated = Signal(object, str)
    """A citation link: the cited document's id (None when it names none) and the label
    as written. Never opened: the window shows the document."""
    markKey = Signal()
    """M was pressed: mark the selection as a span."""
    caretToggled = Signal(bool)

    INTERNAL_LINKS = frozenset({EARLIER_TURNS_HREF})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marked = False  # extra selections (span and PII marks) are drawn
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.setDocument(MathDocument(self))
        self.document().setDocumentMargin(12)
        flat_scroll_bars(self)
        self.pressed_at = -1
        self.followed_at = -1
        """Where in the text the last link followed is: under the mouse for a click, the
        selected link for Enter (which citation to mark as followed)."""
        self._releasing = False
        self.chips: list[tuple[int, str]] = []
        """Span chips drawn over the text: (position in the document, text)."""
        self.chip_colours = ("#ffffff", "#000000", "#888888")
        self._chip_key: tuple[Any, ...] = ()
        self._chip_cache: list[tuple[QRectF, str]] = []
        self._chip_font: tuple[tuple[str, float], tuple[QFont, QFontMetricsF, float]] | None = None
        self.pii_runs: list[PiiRun] = []
        """PII marks drawn on the text: (first, last, the mark), in document order."""
        self.context_actions: Callable[[SafeBrowser, int], list[QAction]] | None = None
        """Extra actions for the context menu at a position (the window's PII actions)."""
        self.marks_drawn: tuple[tuple[int, int, QTextCharFormat], ...] = ()
        """The marks drawn (extra selections): where, and how (a picture drawn ahead
        with other marks is stale)."""
        self.picture = PictureAhead(
            self,
            lambda: (self.marks_drawn, tuple(self.chips), self.chip_colours if self.chips else ()),
        )
        """The first frame of a pane laid out ahead, drawn while the reviewer reads."""

    def draw_ahead(self) -> None:
        """Draw this hidden pane's first frame ahead: its text area and its scroll bar."""
        self.picture.draw()
        bar = self.verticalScrollBar()
        if isinstance(bar, FlatScrollBar):
            if bar.isVisibleTo(self):
                bar.picture.draw()
            else:  # (no scroll bar where the text fits)
                bar.picture.drop()

    def caret_on(self) -> bool:
        return bool(self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)

    def set_caret(self, on: bool) -> None:
        """Caret browsing: arrows move a visible caret, Shift+arrows select."""
        flags = self.textInteractionFlags()
        keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)
        self.setCursorWidth(2 if on else 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not event.modifiers() and event.key() == CARET_KEY:
            self.set_caret(not self.caret_on())
            self.caretToggled.emit(self.caret_on())
            return
        if not event.modifiers() and event.key() == MARK_KEY:
            self.markKey.emit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.pii_runs:
            at = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            tip = self.tip_at(at.position())
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, self)
                return True
        return super().event(event)

    def setExtraSelections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        if selections or self._marked:
            self.marks_drawn = tuple(
                (s.cursor.anchor(), s.cursor.position(), QTextCharFormat(s.format))
                for s in selections
            )
        self._marked = bool(selections)
        super().setExtraSelections(selections)

    def set_pii_runs(self, runs: list[PiiRun]) -> None:
        self.pii_runs = runs

    def tip_at(self, position: int) -> str | None:
        """The tooltip of the PII mark at ``position`` (None: none)."""
        return next(
            (m.tooltip for first, last, m in self.pii_runs if first <= position < last), None
        )

    def context_menu(self, position: int, viewport_pos: QPoint) -> QMenu:
        """The context menu at ``position`` in the text: Qt's own (Copy, Select all) and
        the window's actions for that place."""
        menu = self.createStandardContextMenu(viewport_pos)
        extra = self.context_actions(self, position) if self.context_actions else []
        if extra:
            menu.addSeparator()
            for action in extra:
                action.setParent(menu)
                menu.addAction(action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            position = self.cursorForPosition(event.pos()).position()
        else:  # the menu key: the caret's place
            position = self.textCursor().selectionStart()
        menu = self.context_menu(position, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture.paint(event):  # the first frame of a pane raised: drawn ahead
            return
        super().paintEvent(event)
        if not self.chips:
            return
        boxes = self.chip_boxes()
        painter = QPainter(self.viewport())
        painter.setFont(self.chip_font())
        background, text, border = (QColor(c) for c in self.chip_colours)
        area = QRectF(self.viewport().rect())
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        for placed, label in boxes:
            box = placed.translated(-dx, -dy)
            if not box.intersects(area):
                continue
            painter.setPen(QPen(border, 1))
            painter.setBrush(background)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def chip_boxes(self) -> list[tuple[QRectF, str]]:
        """Where the chips are drawn, in the document's coordinates: found once per
        document, layout and chips, not at every paint (scrolling repaints often)."""
        doc = self.document()
        _font, metrics, line_height = self._chip_metrics()
        key = (id(doc), doc.revision(), doc.textWidth(), self.viewport().width(), line_height)
        if key == self._chip_key:
            return self._chip_cache
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        last = doc.characterCount() - 1
        boxes: list[tuple[QRectF, str]] = []
        for position, label in self.chips:
            cursor = QTextCursor(doc)
            cursor.setPosition(max(0, min(position, last)))
            rect = self.cursorRect(cursor)
            width = metrics.horizontalAdvance(label) + 8
            height = metrics.height() + 2
            x = min(rect.right() + 1.0, self.viewport().width() - 2.0)
            box = QRectF(max(2.0, x - width), rect.top() + line_height + 1, width, height)
            boxes.append((box.translated(dx, dy), label))
        self._chip_key, self._chip_cache = key, boxes
        return boxes

    def chip_font(self) -> QFont:
        return self._chip_metrics()[0]

    def _chip_metrics(self) -> tuple[QFont, QFontMetricsF, float]:
        """The chips' font and metrics and the text's line height (kept per font)."""
        font = self.font()
        size = font.pointSizeF()
        if self._chip_font is None or self._chip_font[0] != (font.family(), size):
            chip = QFont(font)
            chip.setPointSizeF(max(6.0, size * 0.72))
            chip.setBold(True)
            line = QFontMetricsF(font).height()
            self._chip_font = ((font.family(), size), (chip, QFontMetricsF(chip), line))
        return self._chip_font[1]

    def chip_room(self) -> float:
        """Pixels to leave under a line that holds chips: a chip's height and a gap."""
        return self._chip_metrics()[1].height() + 2 + CHIP_GAP

    def set_chips(self, chips: list[tuple[int, str]]) -> None:
        if chips != self.chips:
            self.chips = chips
            self._chip_key = ()

    def loadResource(self, kind: int, name: QUrl | str, /) -> Any:
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pressed_at = self.cursorForPosition(event.position().toPoint()).position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._releasing = True  # a link clicked is activated during the release
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._releasing = False

    def setDocument(self, document: QTextDocument) -> None:
        """Show ``document``; the one shown before goes if it was this browser's own (as
        Qt's own document would), so no text outlives its view (the window locks)."""
        old = self.document()
        ours = isinstance(old, MathDocument) and old is not document and old.parent() is self
        if old is not document and hasattr(self, "pii_runs"):  # (not while being built)
            # Marks are cursors into the document they were made for, which may be
            # deleted once no pane shows it (a hidden pane keeps its marks): they go with
            # it, and the caller draws the new document's marks.
            if self._marked:
                self.setExtraSelections([])
            if self.chips:
                self.set_chips([])
            self.pii_runs = []
            self.picture.drop()  # (a picture shows task text: none outlives it)
            bar = self.verticalScrollBar()
            if isinstance(bar, FlatScrollBar):
                bar.picture.drop()
        super().setDocument(document)
        if ours:
            old.deleteLater()

    def set_math_html(self, html: str, formulas: FormulaLookup, colour: str) -> None:
        """Show ``html`` (rendered with ``formulas`` for this browser's font) in the
        browser's own document, its formulas drawn in ``colour``."""
        doc = self.document()
        if isinstance(doc, MathDocument):
            doc.use_formulas(formulas, text_metrics(self.font()), colour, self.devicePixelRatioF)
        self.setHtml(html)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copied task text, marked sensitive for clipboard managers that honour it, so
        it stays out of their history (ClipboardGuard clears the clipboard itself). A
        formula is copied as its LaTeX between dollars."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        data = selection_with_latex(self.document(), start, end) if end > start else None
        if data is None:
            data = super().createMimeDataFromSelection()
        for fmt, value in SENSITIVE_CLIPBOARD_HINTS:
            data.setData(fmt, value)
        return data

    def _anchor(self, url: QUrl) -> None:
        citation = read_citation_href(bytes(url.toEncoded().data()).decode("ascii", "replace"))
        if citation is not None:
            cursor = self.textCursor()
            self.followed_at = self.pressed_at if self._releasing else cursor.selectionStart()
            self.citationActivated.emit(*citation)
        elif url.scheme() in ("", "file") and url.hasFragment():
            if f"#{url.fragment()}" in self.INTERNAL_LINKS:
                self.internalLinkActivated.emit(f"#{url.fragment()}")
            else:
                self.scrollToAnchor(url.fragment())  # footnotes
        else:
            self.linkRequested.emit(url)


class PromptBrowser(SafeBrowser):
    """The prompt pane: says when it was resized, so that a conversation can stay on
    the answered turn while the window settles or the reviewer moves the splitter."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class PanePool(QStackedWidget):
    """A few panes in one place, one shown: each keeps the document it was given, laid
    out at the pane's width.

    A document given to a pane shown before at the same size (:meth:`stage`, while the
    reviewer reads another task) is shown by raising that pane (:meth:`show_document`):
    nothing is laid out again, which ``QTextEdit.setDocument`` would do (it resets the
    document's page size). The shown pane's caret and focus go with the swap."""

    def __init__(self, make: Callable[[], SafeBrowser], count: int = PANES) -> None:
        super().__init__()
        self.panes = [make() for _ in range(count)]
        for pane in self.panes:
            self.addWidget(pane)
        self._recent = list(self.panes)  # least recently shown first
        self._shown = self.panes[0]
        if paints_whole_scroll_bars():
            # The panes' frame is drawn once, around them, not by each pane raised: a
            # pane then paints only its text area and scroll bars, which are opaque.
            # (Fusion draws a text pane's frame as any frame's.)
            first = self.panes[0]
            self.setFrameShape(first.frameShape())
            self.setFrameShadow(first.frameShadow())
            self.setLineWidth(first.lineWidth())
            self.setMidLineWidth(first.midLineWidth())
            for pane in self.panes:
                pane.setFrameShape(QFrame.Shape.NoFrame)

    def current(self) -> SafeBrowser:
        """The pane shown."""
        return self._shown

    def holding(self, document: QTextDocument) -> SafeBrowser | None:
        return next((p for p in self.panes if p.document() is document), None)

    def show_document(self, document: QTextDocument) -> SafeBrowser:
        """Show ``document``: in the pane that holds it, else in the shown pane."""
        shown = self.current()
        pane = self.holding(document)
        if pane is None:
            shown.setDocument(document)  # laid out now, as in any text pane
            pane = shown
        elif pane is not shown:
            self._swap(shown, pane)
        self._recent.remove(pane)
        self._recent.append(pane)
        return pane

    def stage(self, document: QTextDocument, font: QFont) -> bool:
        """Give ``document`` to a hidden pane ahead of time (the one used least
        recently), sized as the shown one and laid out at its width in ``font`` (the
        pane's: a font change lays the text out again); a pane that holds it already is
        kept the longest. False when no pane can take it now (the pool is not on
        screen)."""
        held = self.holding(document)
        if held is not None:
            self._recent.remove(held)
            self._recent.append(held)  # kept: the pane given a document next is another
            if held is not self.current():
                held.draw_ahead()  # (kept if nothing changed since it was drawn)
            return True
        shown = self.current()
        spare = next((p for p in self._recent if p is not shown), None)
        if spare is None or not self.isVisible():
            return False
        _fit(spare, shown)
        if spare.font() != font:  # (a text pane gives its font to its document)
            spare.setDocument(MathDocument(spare))
            spare.setFont(font)
        spare.setDocument(document)  # lays out what the pane shows
        document.size()  # and the rest now (the scroll bar's range is the whole text)
        spare.draw_ahead()  # its first frame too (see docket.ui.pane_picture)
        self._recent.remove(spare)
        self._recent.append(spare)
        return True

    def release(self, document: QTextDocument | None = None) -> None:
        """Hidden panes let go of ``document`` (it is about to be deleted), or of every
        document (None: the text's size or theme changes, and a text pane gives its font
        to its document)."""
        shown = self.current()
        for pane in self.panes:
            held = pane.document()
            own = isinstance(held, MathDocument) and held.parent() is pane
            if pane is not shown and not own and (held is document or document is None):
                pane.setDocument(MathDocument(pane))

    def documents(self) -> list[QTextDocument]:
        return [pane.document() for pane in self.panes]

    def _swap(self, shown: SafeBrowser, pane: SafeBrowser) -> None:
        flags = shown.textInteractionFlags()
        if pane.textInteractionFlags() != flags:
            pane.setTextInteractionFlags(flags)
            pane.setCursorWidth(shown.cursorWidth())
        # Shown over the pane shown, which is then hidden (not QStackedWidget's switch,
        # which repaints the whole stack, frame included, on top of the pane raised).
        pane.show()
        if shown.hasFocus():
            pane.setFocus(Qt.FocusReason.OtherFocusReason)
        shown.hide()
        self._shown = pane


def _fit(pane: QTextBrowser, like: QTextBrowser) -> None:
    """Give hidden ``pane`` the geometry of ``like`` (shown) now, its text area
    included: a hidden widget's resize is otherwise put off until it shows, where the
    text pane would lay its document out again (its old size counts as unknown)."""
    viewport = pane.viewport()
    if pane.geometry() == like.geometry() and viewport.size() == like.viewport().size():
        return
    sizes = [(widget, widget.size()) for widget in (pane, viewport)]
    pane.setGeometry(like.geometry())  # its resize lays out the viewport
    for widget, old in sizes:
        if widget.testAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent):
            QApplication.sendEvent(widget, QResizeEvent(widget.size(), old))
            widget.setAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent, False)


class ResponseColumn(QWidget):
    """One response: its blinded label, a rendered/raw toggle, and the text."""

    rawToggled = Signal(bool)

    def __init__(
        self, setup: Callable[[SafeBrowser], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.label = QLabel()
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.raw_button = QToolButton()
        self.raw_button.setText(translate("comparison_view", "Raw"))
        self.raw_button.setCheckable(True)
        self.raw_button.setToolTip(
            translate(
                "comparison_view",
                "Show the text exactly as the model wrote it (hidden characters as marks)",
            )
        )
        self.raw_button.toggled.connect(self.rawToggled.emit)
        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 2)
        header.addWidget(self.label)
        header.addStretch(1)
        header.addWidget(self.raw_button)

        def make() -> SafeBrowser:
            browser = SafeBrowser()
            browser.setMinimumWidth(220)
            # The scroll bar always has its place: a response that needs one after one
            # that did not (or the reverse) never narrows the text and lays it out again.
            browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            if setup is not None:
                setup(browser)
            return browser

        self.pool = PanePool(make)
        self.scratch = MathDocument(self)  # raw and differences: text, never images
        self.scratch.setDocumentMargin(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.pool, 1)

    @property
    def browser(self) -> SafeBrowser:
        """The pane shown (the others hold tasks laid out ahead)."""
        return self.pool.current()

    def set_label(self, letter: str) -> None:
        self.label.setText(translate("comparison_view", "Response {letter}").format(letter=letter))
        for pane in self.pool.panes:
            pane.setAccessibleName(
                translate("comparison_view", "Response {letter}").format(letter=letter)
            )
        self.raw_button.setAccessibleName(
            translate("comparison_view", "Show response {letter} raw").format(letter=letter)
        )


class ShownSpan(NamedTuple):
    """A span to draw on a response: raw offsets, its chip, whether it is a suggestion."""

    response: str
    start: int
    end: int
    chip: str
    suggestion: bool = False


class ShownPii(NamedTuple):
    """PII to draw: its target (a response id or ``turn:N``), raw offsets into that
    text, the badge, the tooltip, and whether the reviewer dismissed it."""

    target: str
    start: int
    end: int
    badge: str
    tooltip: str
    dismissed: bool = False


PiiRun = tuple[int, int, ShownPii]
_Marks = tuple[list[QTextEdit.ExtraSelection], list[tuple[int, str]], list[PiiRun]]
"""A text's PII marks: its underlines, its badges (position, text) and its places."""
"""A PII mark as drawn: the first and last position of its text in the document."""


class ComparisonView(QWidget):
    """Prompt above, responses side by side in resizable columns."""

    linkRequested = Signal(QUrl)
    citationFollowed = Signal(object, str, str)
    """A citation was followed: document id (None: it names none), label as written, and
    where ("Response A")."""
    message = Signal(str)
    """A short word for the status bar (no citation to move to, ...)."""
    markRequested = Signal(int, int, int)
    """Mark a span: the column, and the selection's start and end in its document."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._task: Task | None = None
        self._order: DisplayOrder | None = None
        self._zoom = 0
        self._sync = True
        self._diff = False
        self._syncing = False
        self._html_cache: dict[tuple[str, str, str, TextMetrics], tuple[str, FormulaLookup]] = {}
        self._docs: OrderedDict[tuple[str, str, int, str], QTextDocument] = OrderedDict()
        self._formula_source: Source | None = None
        self._earlier_shown = False  # the current conversation's folded turns are shown
        self._pinned = False  # the prompt keeps the answered turn in view until scrolled
        self._citing_column = 0  # the response C moves in when none has the focus
        self._spans: list[ShownSpan] = []
        self._pii: list[ShownPii] = []
        self._citation_mark: tuple[int, int, int] | None = None
        self._columns_shown = -1  # how many response columns were last evened out
        self._pair_labels: tuple[str, ...] | None = None  # what the pair choices are for
        self.pii_actions: Callable[[SafeBrowser, int], list[QAction]] | None = None
        """The window's PII actions for a place in a pane (context menus)."""
        self.pii_follows = False
        """The window draws PII (:meth:`set_pii`) after every :meth:`set_task`: until it
        has, the room made under lines ahead of time (:meth:`prefetch`) is left as it is,
        so a task opens with one layout, not three."""
        self._pii_pending = False

        self.prompt_pool = PanePool(self._prompt_pane)
        self.earlier_action = QAction(
            translate("comparison_view", "Show or hide earlier turns"), self
        )
        self.earlier_action.setShortcut(QKeySequence(EARLIER_TURNS_KEY))
        self.earlier_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.earlier_action.setEnabled(False)
        self.earlier_action.triggered.connect(self.toggle_earlier_turns)
        self.addAction(self.earlier_action)
        for position in range(9):
            focus = QAction(
                translate("comparison_view", "Focus response {number}").format(number=position + 1),
                self,
            )
            focus.setShortcut(QKeySequence(f"Alt+{position + 1}"))
            focus.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            focus.triggered.connect(lambda _=False, p=position: self.focus_response(p))
            self.addAction(focus)
        prompt_box = QWidget()
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(0, 0, 0, 0)
        prompt_layout.setSpacing(2)
        self.prompt_label = QLabel(translate("comparison_view", "Prompt"))
        bold = self.prompt_label.font()
        bold.setBold(True)
        self.prompt_label.setFont(bold)
        prompt_layout.addWidget(self.prompt_label)
        prompt_layout.addWidget(self.prompt_pool, 1)

        self.pair = QComboBox()
        self.pair.setAccessibleName(translate("comparison_view", "Responses to compare"))
        self.pair.setToolTip(
            translate("comparison_view", "Which two responses 'Show differences' compares")
        )
        self.pair.currentIndexChanged.connect(lambda _: self._refresh_responses())
        self.pair.hide()

        self.columns_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.columns_splitter.setChildrenCollapsible(False)
        self.columns: list[ResponseColumn] = []

        responses_box = QWidget()
        responses_layout = QVBoxLayout(responses_box)
        responses_layout.setContentsMargins(0, 0, 0, 0)
        responses_layout.addWidget(self.pair, 0, Qt.AlignmentFlag.AlignLeft)
        responses_layout.addWidget(self.columns_splitter, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(prompt_box)
        self.splitter.addWidget(responses_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.hidden_notice = QLabel()
        self.hidden_notice.setObjectName("hiddenCharactersNotice")
        self.hidden_notice.setAccessibleName(
            translate("comparison_view", "Hidden characters in this task")
        )
        explanation = translate("core_texts", HIDDEN_EXPLANATION)
        self.hidden_notice.setAccessibleDescription(explanation)
        self.hidden_notice.setToolTip(explanation)
        self.hidden_notice.setWordWrap(True)
        self.hidden_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_notice.setContentsMargins(6, 3, 6, 3)
        self.hidden_notice.hide()
        self._style_notice()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hidden_notice)
        layout.addWidget(self.splitter)
        self._apply_font()

    @property
    def prompt(self) -> PromptBrowser:
        """The prompt pane shown (the others hold tasks laid out ahead)."""
        pane = self.prompt_pool.current()
        assert isinstance(pane, PromptBrowser)
        return pane

    def _prompt_pane(self) -> PromptBrowser:
        pane = PromptBrowser()
        pane.setAccessibleName(translate("comparison_view", "Prompt"))
        pane.linkRequested.connect(self.linkRequested.emit)
        pane.internalLinkActivated.connect(self._internal_link)
        pane.resized.connect(self._prompt_resized)
        pane.verticalScrollBar().actionTriggered.connect(self._unpin)
        pane.context_actions = self._context_actions
        return pane

    def pools(self) -> list[PanePool]:
        """The prompt's panes and each response column's."""
        return [self.prompt_pool, *(c.pool for c in self.columns)]

    def _held(self) -> set[int]:
        """The documents some pane holds, shown or laid out ahead (by id)."""
        return {id(doc) for pool in self.pools() for doc in pool.documents()}

    # --- content -------------------------------------------------------------------------

    def set_task(self, task: Task, order: DisplayOrder) -> None:
        self._task, self._order = task, order
        self._earlier_shown = False
        self._spans = []
        self._pii = []
        self._pii_pending = self.pii_follows
        self._ensure_columns(len(order.order))
        for column, letter in zip(self.columns, order.labels, strict=False):
            column.set_label(letter)
            column.raw_button.setChecked(False)
        self._fill_pairs()
        self._show_hidden_notice(task, order)
        self._refresh_prompt()
        self._refresh_responses(keep_place=False)
        self._syncing = True  # each pane goes to its top: nothing to keep in step
        try:
            for browser in self.browsers():
                bar = browser.verticalScrollBar()
                if bar.value():
                    bar.setValue(0)
        finally:
            self._syncing = False
        self._fit_prompt()
        self._pin_answered()

    def _show_hidden_notice(self, task: Task, order: DisplayOrder) -> None:
        """Say above the task when its texts hold hidden characters (None: hide the line)."""
        turns = task.conversation
        single = len(turns) == 1 and turns[0].role is Role.USER
        where = (
            translate("comparison_view", "the prompt")
            if single
            else translate("comparison_view", "the conversation")
        )
        places = [(where, turn.content) for turn in turns]
        places += [
            (
                translate("comparison_view", "Response {letter}").format(letter=letter),
                task.response(rid).text,
            )
            for rid, letter in zip(order.order, order.labels, strict=False)
        ]
        notice = hidden_notice(places)
        self.hidden_notice.setText(shown(notice) if notice else "")
        self.hidden_notice.setVisible(notice is not None)

    def _style_notice(self) -> None:
        t = self._theme
        self.hidden_notice.setStyleSheet(
            f"QLabel#hiddenCharactersNotice {{ background-color: {t.notice_background}; "
            f"color: {t.text}; border: 1px solid {t.hidden_text}; }}"
        )

    def _fit_prompt(self) -> None:
        """Give the prompt the height it needs, within 12-40 % of the view: a one-line
        question should not take the space of the responses."""
        total = sum(self.splitter.sizes()) or self.height()
        doc = self.prompt.document()
        width = max(200, self.prompt.viewport().width())
        if doc.textWidth() != width:  # (setting it, even unchanged, lays the text out again)
            doc.setTextWidth(width)
        needed = int(doc.size().height()) + self.prompt_label.sizeHint().height() + 16
        top = max(int(total * 0.12), min(needed, int(total * 0.4)))
        sizes = [top, max(1, total - top)]
        if self.splitter.sizes() != sizes:  # unchanged: nothing is resized or repainted
            self.splitter.setSizes(sizes)

    def _ensure_columns(self, n: int) -> None:
        while len(self.columns) < n:
            column = ResponseColumn(partial(self._response_pane, len(self.columns)))
            column.rawToggled.connect(lambda _=False: self._refresh_responses())
            self.columns.append(column)
            self.columns_splitter.addWidget(column)
        shown = [column.isVisibleTo(self) for column in self.columns]
        if shown == [i < n for i in range(len(self.columns))] and self._columns_shown == n:
            # The same columns: their widths stay as they are (evened out again, they
            # could move by a pixel and have every response laid out and painted anew).
            return
        for i, column in enumerate(self.columns):
            column.setVisible(i < n)
        sizes = [1000] * n + [0] * (len(self.columns) - n)
        self.columns_splitter.setSizes(sizes)
        self._columns_shown = n

    def _response_pane(self, index: int, browser: SafeBrowser) -> None:
        """Connect a pane of response column ``index``."""
        browser.linkRequested.connect(self.linkRequested.emit)
        browser.context_actions = self._context_actions
        browser.citationActivated.connect(
            lambda document, label: self._citation(self.columns[index], document, label)
        )
        browser.markKey.connect(lambda: self._mark_key(self.columns[index]))
        browser.caretToggled.connect(
            lambda on: self.message.emit(
                translate(
                    "comparison_view",
                    "Caret on: Shift+arrows select, M marks a span (F7: off).",
                )
                if on
                else translate("comparison_view", "Caret off.")
            )
        )
        browser.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _fill_pairs(self) -> None:
        assert self._order is not None
        labels = self._order.labels
        if labels == self._pair_labels:  # the same letters: the same choices, kept
            self.pair.blockSignals(True)
            self.pair.setCurrentIndex(0)  # a new task compares the first pair, as before
            self.pair.blockSignals(False)
            self.pair.setVisible(self._diff and len(labels) > 2)
            return
        self._pair_labels = labels
        self.pair.blockSignals(True)
        self.pair.clear()
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                self.pair.addItem(
                    translate("comparison_view", "Compare {first} with {second}").format(
                        first=labels[i], second=labels[j]
                    ),
                    (i, j),
                )
        self.pair.blockSignals(False)
        self.pair.setVisible(self._diff and len(labels) > 2)

    def clear(self) -> None:
        """Show nothing and forget every rendered document (the window is locking)."""
        self._task = None
        self._order = None
        self._spans = []
        self._pii = []
        self._earlier_shown = self._pinned = False
        self.earlier_action.setEnabled(False)
        self.mark_citation(-1, None)
        self.hidden_notice.clear()
        self.hidden_notice.hide()
        for pool in self.pools():
            for browser in pool.panes:
                browser.setDocument(MathDocument(browser))
        for column in self.columns:
            column.scratch.clear()
        self._html_cache.clear()
        for doc in self._docs.values():
            doc.deleteLater()
        self._docs.clear()
        IMAGES.clear()  # rasterised formulas are task text too

    def clear_cache(self) -> None:
        """Forget rendered documents (after an import may have changed task texts)."""
        self._html_cache.clear()
        shown = {id(b.document()) for b in [self.prompt, *(c.browser for c in self.columns)]}
        for key, doc in list(self._docs.items()):
            if id(doc) not in shown:
                del self._docs[key]
                self._forget(doc)

    # --- typeset formulas ----------------------------------------------------------------

    def set_formula_source(self, source: Source | None) -> None:
        """Where typeset formulas are looked up (``Workspace.formulas``); None: formulas
        are shown as text."""
        self._formula_source = source
        self.clear_cache()

    def formulas_arrived(self) -> None:
        """Typesetting has cached more formulas: show the current task again, in place,
        if any of its formulas were waiting for it, and forget other documents that
        were."""
        stale = {
            cache_key
            for cache_key, (_, lookup) in self._html_cache.items()
            if lookup.missing and lookup.arrived()
        }
        for cache_key in stale:
            del self._html_cache[cache_key]
        shown = {id(b.document()) for b in [self.prompt, *(c.browser for c in self.columns)]}
        redraw = False
        for key, doc in list(self._docs.items()):
            formulas = doc.formulas if isinstance(doc, MathDocument) else None
            if not isinstance(formulas, FormulaLookup) or not formulas.missing:
                continue
            if not formulas.arrived():
                continue
            del self._docs[key]
            if id(doc) in shown:
                redraw = True
                doc.deleteLater()  # no longer shown once the task is shown again below
            else:
                self._forget(doc)
        if redraw and self._task is not None and self._order is not None:
            self._reload_prompt()
            self._refresh_responses()

    def _metrics(self) -> TextMetrics:
        return text_metrics(self._body_font())

    def _rendered(self, key: str, text: str, render: Render | None) -> tuple[str, FormulaLookup]:
        metrics = self._metrics()
        cache_key = (key, self._theme.name, _digest(text), metrics)
        found = self._html_cache.get(cache_key)
        if found is None:
            if len(self._html_cache) > 64:
                self._html_cache.clear()
            lookup = FormulaLookup(self._formula_source)
            formulas = lookup if self._formula_source is not None else None
            if render is not None:
                html = render(self._theme, lookup, metrics)
            else:
                html = to_html(text, theme=self._theme, formulas=formulas, metrics=metrics)
            found = self._html_cache[cache_key] = (html, lookup)
        return found

    def _document(
        self, key: str, text: str, width: int, render: Render | None = None
    ) -> QTextDocument:
        """A parsed, laid-out document for a response or prompt, kept for a few tasks.

        Parsing HTML and laying the text out are what make opening a task slow; done
        ahead of time (see :meth:`prefetch`), showing the task is swapping documents.
        ``text`` is rendered as markdown, or by ``render`` when given (then ``text``
        only identifies the content).
        """
        cache_key = (key, self._theme.name, self._zoom, _digest(text))
        doc = self._docs.get(cache_key)
        if doc is None:
            doc = MathDocument(self)
            doc.setDocumentMargin(12)
            doc.setDefaultFont(self._body_font())
            html, lookup = self._rendered(key, text, render)
            doc.use_formulas(lookup, self._metrics(), self._theme.text, self.devicePixelRatioF)
            doc.setHtml(html)
            keep_shaped_text(doc)
            self._docs[cache_key] = doc
            self._evict_documents()
        else:
            self._docs.move_to_end(cache_key)
        if width > 0 and doc.textWidth() != width:
            doc.setTextWidth(width)
            doc.size()  # lay out now rather than at paint
        return doc

    def _forget(self, doc: QTextDocument) -> None:
        """Delete a document that is not shown (hidden panes holding it let it go)."""
        for pool in self.pools():
            pool.release(doc)
        doc.deleteLater()

    def _evict_documents(self) -> None:
        """Delete the oldest documents no pane shows beyond :data:`MAX_DOCUMENTS`, at
        once: nothing else holds them, and ``deleteLater`` waits for the event loop to
        come back, which a window driven by ``processEvents`` alone never does (every
        document it ever showed stayed in memory: 807 after 200 moves)."""
        shown = self._held()  # laid out ahead in a pane: kept (a few documents a pane)
        while len(self._docs) > MAX_DOCUMENTS:
            for key, doc in self._docs.items():
                if id(doc) not in shown:
                    del self._docs[key]
                    Shiboken.delete(doc)
                    break
            else:
                return

    def _width_of(self, browser: QTextBrowser) -> int:
        return int(browser.viewport().width())

    def _conversation_document(
        self, task: Task, width: int, *, show_earlier: bool = False
    ) -> QTextDocument:
        """The conversation, folded when it is long unless ``show_earlier``, with the
        block of its answered turn noted on the document."""
        turns = task.conversation
        folded = bool(foldable_turns(turns)) and not show_earlier
        key = f"{task.id}/conversation/{'folded' if folded else 'all'}"
        text = "\x1e".join(f"{turn.role.value}\x1f{turn.content}" for turn in turns)

        def render(theme: Theme, lookup: FormulaLookup, metrics: TextMetrics) -> str:
            return conversation_to_html(
                turns,
                theme,
                folded=folded,
                key_hint=translate("comparison_view", "key {key}").format(key=EARLIER_TURNS_KEY),
                words=_core_words,
                formulas=lookup if self._formula_source is not None else None,
                metrics=metrics,
            )

        doc = self._document(key, text, width, render)
        if doc.property(_ANSWERED_BLOCK) is None:
            doc.setProperty(_ANSWERED_BLOCK, _answered_block(doc))
        return doc

    def prefetch(
        self,
        task: Task,
        order: DisplayOrder,
        *,
        pii: Sequence[ShownPii] = (),
        stage: bool = True,
    ) -> None:
        """Parse and lay out a task's prompt and responses ahead of time (called when
        idle for the tasks the reviewer will most likely open next); with ``pii``, also
        the maps from shown to raw text that drawing these PII marks needs, and the room
        under their lines for their badges. With ``stage``, each document is given to a
        hidden pane of its place, laid out at the shown pane's width: showing the task
        then raises those panes (:class:`PanePool`). Staged last, a task is kept the
        longest."""
        turns = task.conversation
        # Staged, a document is laid out by its pane (at the pane's width: once).
        staging = stage and self.prompt_pool.isVisibleTo(self)
        width = 0 if staging else self._width_of(self.prompt)
        if len(turns) == 1 and turns[0].role is Role.USER:
            prompt = self._document(f"{task.id}/prompt", turns[0].content, width)
        else:
            prompt = self._conversation_document(task, width)
        widths = [0 if staging else self._width_of(c.browser) for c in self.columns]
        docs = [prompt] + [
            self._response_document(task, rid, widths[index] if index < len(widths) else 0)
            for index, rid in enumerate(order.order)
        ]
        for doc in docs:  # formulas drawn now, not when the task is painted
            if isinstance(doc, MathDocument):
                doc.prepare_images()
        marks = self._prepare_pii(task, order, prompt, docs[1:], pii) if pii else []
        if staging:  # laid out in hidden panes: showing the task raises them
            font = self._body_font()
            for pool, doc in zip(self.pools(), docs, strict=False):
                if not (pool.isVisibleTo(self) and pool.stage(doc, font)):
                    doc.setTextWidth(pool.current().viewport().width())
            if marks:
                self._mark_ahead(docs, marks)

    def _prepare_pii(
        self,
        task: Task,
        order: DisplayOrder,
        prompt: QTextDocument,
        docs: Sequence[QTextDocument],
        pii: Sequence[ShownPii],
    ) -> list[_Marks]:
        """Make room under the lines of ``pii``'s badges and find their underlines, badges
        and places: the prompt's, then each response's."""
        tmap = self._turns_map_of(task, prompt, self._earlier_shown)
        ends = set()
        for mark in pii:
            turn = mark.target[len(TURN_PREFIX) :]
            if mark.target.startswith(TURN_PREFIX) and turn.isdigit() and not mark.dismissed:
                runs = tmap.to_shown(int(turn), mark.start, mark.end)
                ends |= {runs[-1][1]} if runs else set()
        _make_room(prompt, ends, self.prompt.chip_room())
        in_prompt = [m for m in pii if m.target.startswith(TURN_PREFIX)]
        found = [self._pii_runs(prompt, in_prompt, partial(_runs_in_turns, tmap))]
        for index, (rid, doc) in enumerate(zip(order.order, docs, strict=True)):
            smap = getattr(doc, _SOURCE_MAP, None)
            if not isinstance(smap, SourceMap):
                smap = source_map(task.response(rid).text, doc.toRawText())
                setattr(doc, _SOURCE_MAP, smap)
            runs_ends = set()
            for mark in pii:
                if mark.target == rid and not mark.dismissed:
                    runs = smap.to_shown(mark.start, mark.end)
                    runs_ends |= {runs[-1][1]} if runs else set()
            if index < len(self.columns):
                _make_room(doc, runs_ends, self.columns[index].browser.chip_room())
            mine = [m for m in pii if m.target == rid]
            found.append(
                self._pii_runs(doc, mine, partial(_runs_in, smap)) if mine else ([], [], [])
            )
        return found

    def _mark_ahead(self, docs: Sequence[QTextDocument], marks: Sequence[_Marks]) -> None:
        """Draw the PII marks of a task laid out ahead on the hidden panes that hold its
        documents, as showing it will (then their pictures, drawn again, show them)."""
        t = self._theme
        for pool, doc, (selections, badges, located) in zip(
            self.pools(), docs, marks, strict=False
        ):
            pane = pool.holding(doc)
            if pane is None or pane is pool.current():
                continue
            pane.set_chips(badges)
            pane.chip_colours = (t.background, t.text, t.hidden_text)
            pane.set_pii_runs(located)
            pane.setExtraSelections(selections)
            pane.draw_ahead()

    def _response_document(self, task: Task, rid: str, width: int) -> QTextDocument:
        """A response rendered, its citations of the task's documents as links."""
        text = task.response(rid).text
        if not task.documents:
            return self._document(f"{task.id}/{rid}", text, width)
        documents = task.documents
        ids = "\x1f".join(f"{d.id}\x1e{d.title}" for d in documents)

        def render(theme: Theme, lookup: FormulaLookup, metrics: TextMetrics) -> str:
            formulas = lookup if self._formula_source is not None else None
            return to_html(
                text, theme=theme, documents=documents, formulas=formulas, metrics=metrics
            )

        return self._document(f"{task.id}/{rid}", f"{text}\x1d{ids}", width, render)

    def _refresh_prompt(self) -> None:
        task = self._task
        if task is None:
            return
        turns = task.conversation
        width = self._width_of(self.prompt)
        if len(turns) == 1 and turns[0].role is Role.USER:
            self.prompt_label.setText(translate("comparison_view", "Prompt"))
            key, text = f"{task.id}/prompt", turns[0].content
            self.prompt_pool.show_document(self._document(key, text, width))
            self.earlier_action.setEnabled(False)
        else:
            hidden = foldable_turns(turns)
            n = len(turns)
            self.prompt_label.setText(
                english_plural(
                    self.tr("Conversation (%n turn(s), {hidden} earlier hidden)", "", n), n
                ).format(hidden=hidden)
                if hidden and not self._earlier_shown
                else english_plural(self.tr("Conversation (%n turn(s))", "", n), n)
            )
            doc = self._conversation_document(task, width, show_earlier=self._earlier_shown)
            self.prompt_pool.show_document(doc)
            self.earlier_action.setEnabled(bool(hidden))
        if (self._pii or self.prompt.pii_runs) and not self._pii_pending:
            self._apply_prompt_marks()

    def _reload_prompt(self) -> None:
        """The same prompt in a new theme or size, showing the same place."""
        bar = self.prompt.verticalScrollBar()
        at = self.prompt.cursorForPosition(QPoint(0, 0)).position()
        offset = bar.value() - self._block_top(at)
        self._refresh_prompt()
        if self._pinned:
            self._show_answered()
        else:
            bar = self.prompt.verticalScrollBar()  # (the same pane unless it changed)
            bar.setValue(round(self._block_top(at) + offset))

    def _block_top(self, position: int) -> float:
        doc = self.prompt.document()
        doc.size()  # lay out
        return float(doc.documentLayout().blockBoundingRect(doc.findBlock(position)).top())

    # --- the conversation's answered turn and earlier turns ----------------------------

    def earlier_turns_shown(self) -> bool:
        return self._earlier_shown

    def _internal_link(self, href: str) -> None:
        if href == EARLIER_TURNS_HREF:
            self.toggle_earlier_turns()

    def toggle_earlier_turns(self) -> None:
        """Show or hide the folded earlier turns of a long conversation: shown, the pane
        goes to the first of them; hidden, back to the answered turn."""
        task = self._task
        if task is None or not foldable_turns(task.conversation):
            return
        cursor = self.prompt.textCursor()
        on_fold_line = (
            self.prompt.hasFocus()
            and cursor.hasSelection()
            and self.prompt.document().findBlock(cursor.selectionStart()).blockNumber() == 0
        )
        self._earlier_shown = not self._earlier_shown
        self._pinned = False
        self._refresh_prompt()
        self._fit_prompt()
        if on_fold_line:  # reached with Tab: Enter again toggles back
            cursor = QTextCursor(self.prompt.document().firstBlock())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            self.prompt.setTextCursor(cursor)
        if self._earlier_shown:
            self.prompt.verticalScrollBar().setValue(0)
        else:
            self._pin_answered()

    def _pin_answered(self) -> None:
        number = self.prompt.document().property(_ANSWERED_BLOCK)
        self._pinned = number is not None and number >= 0
        self._show_answered()

    def _unpin(self, _action: int = 0) -> None:
        self._pinned = False

    def _prompt_resized(self) -> None:
        if self._pinned:
            self._show_answered()

    def _show_answered(self) -> None:
        """Scroll the prompt so the answered turn's box is at the top, or, when it and
        what follows it fit, at the bottom with the turns before it above."""
        doc = self.prompt.document()
        number = doc.property(_ANSWERED_BLOCK)
        if number is None or number < 0:
            return
        doc.size()  # lay out, so the scroll range and positions are current
        label = doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(number))
        top = int(label.top()) - ANSWERED_GAP
        self.prompt.verticalScrollBar().setValue(0 if top <= doc.documentMargin() else top)

    def _refresh_responses(self, *, keep_place: bool = True) -> None:
        """Show the responses of the task as the toggles say (rendered, raw, differences);
        ``keep_place``: each pane keeps its scroll position (a toggle, not a new task)."""
        task, order = self._task, self._order
        self._citation_mark = None  # (drawn with the rest below, not on the text before)
        if task is None or order is None:
            self._apply_marks()
            return
        texts = [task.response(rid).text for rid in order.order]
        diffs: dict[int, str] = {}
        if self._diff and len(texts) >= 2:
            i, j = self.pair.currentData() or (0, 1)
            diffs[i], diffs[j] = diff_html(texts[i], texts[j], theme=self._theme)
        for index, (column, text) in enumerate(zip(self.columns, texts, strict=False)):
            value = column.browser.verticalScrollBar().value() if keep_place else 0
            setattr(column.scratch, _SPACED, set())  # its text is set anew, or not shown
            if column.raw_button.isChecked():
                # Raw and diff views write into the column's own document, never into
                # a cached one.
                browser = column.pool.show_document(column.scratch)
                browser.setFont(self._mono())
                if contains_hidden(text):
                    browser.setHtml(plain_text_html(text, self._theme))
                else:
                    browser.setPlainText(text)
            elif index in diffs:
                browser = column.pool.show_document(column.scratch)
                browser.setFont(self._body_font())
                browser.setHtml(diffs[index])
            else:
                width = self._width_of(column.browser)
                doc = self._response_document(task, order.order[index], width)
                browser = column.pool.show_document(doc)
                if browser.font() != self._body_font():  # it showed raw text before
                    browser.setFont(self._body_font())
            if keep_place:
                browser.verticalScrollBar().setValue(value)
        self._apply_marks()

    # --- spans ---------------------------------------------------------------------------

    def focus_response(self, position: int) -> bool:
        """Give response ``position`` (Alt+1 for A, ...) the focus."""
        if not 0 <= position < len(self.columns) or not self.columns[position].isVisible():
            return False
        self.columns[position].browser.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _mark_key(self, column: ResponseColumn) -> None:
        cursor = column.browser.textCursor()
        self.markRequested.emit(
            self.columns.index(column), cursor.selectionStart(), cursor.selectionEnd()
        )

    def source_map(self, index: int) -> SourceMap | None:
        """The map between response ``index``'s text as shown and its raw markdown
        (None when it shows differences, or raw text with hidden characters marked)."""
        task, order = self._task, self._order
        if task is None or order is None or not 0 <= index < len(order.order):
            return None
        column = self.columns[index]
        doc = column.browser.document()
        if doc is column.scratch:
            # Raw: the text itself, one character a position (unless marks stand in for
            # hidden characters); differences: no map.
            text = task.response(order.order[index]).text
            raw = column.raw_button.isChecked() and not contains_hidden(text)
            if not raw or doc.characterCount() - 1 != len(text):
                return None
            return SourceMap(text, range(len(text)), range(1, len(text) + 1))
        found = getattr(doc, _SOURCE_MAP, None)
        if not isinstance(found, SourceMap):
            found = source_map(task.response(order.order[index]).text, doc.toRawText())
            setattr(doc, _SOURCE_MAP, found)
        return found

    # --- PII ---------------------------------------------------------------------------

    def set_pii(self, marks: list[ShownPii]) -> None:
        """Draw these PII marks on the prompt and the responses (replacing those drawn
        before)."""
        if not marks and not self._pii and not self._pii_pending:
            return
        self._pii = list(marks)
        self._pii_pending = False
        self._apply_prompt_marks()
        self._apply_marks()

    def shown_pii(self) -> list[ShownPii]:
        return list(self._pii)

    def _turns_map_of(self, task: Task, doc: QTextDocument, earlier_shown: bool) -> TurnsMap:
        found = getattr(doc, _TURNS_MAP, None)
        if isinstance(found, TurnsMap):
            return found
        turns = task.conversation
        if len(turns) == 1 and turns[0].role is Role.USER:
            items = [(0, "", turns[0].content)]
        else:
            hidden = foldable_turns(turns) if not earlier_shown else 0
            answered = answered_turn(turns)
            items = []
            for i, turn in enumerate(turns):
                if i < hidden:
                    continue
                role = turn.role.value
                label = role_label(role, _core_words)
                if i == answered:
                    label += f" — {_core_words(ANSWERED_NOTE)}"
                items.append((i, label, turn.content))
        found = turns_map(items, doc.toRawText())
        setattr(doc, _TURNS_MAP, found)
        return found

    def prompt_map(self) -> TurnsMap | None:
        """The map between the prompt pane's text and its turns' raw texts."""
        if self._task is None:
            return None
        return self._turns_map_of(self._task, self.prompt.document(), self._earlier_shown)

    def _pii_selection(
        self, doc: QTextDocument, first: int, last: int, mark: ShownPii
    ) -> QTextEdit.ExtraSelection:
        t = self._theme
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = selection.format
        if mark.dismissed:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(t.muted))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(t.hidden_text))
            tint = QColor(t.hidden_background)
            tint.setAlpha(110)
            fmt.setBackground(tint)
        fmt.setToolTip(mark.tooltip)
        return selection

    def _pii_runs(
        self,
        doc: QTextDocument,
        marks: list[ShownPii],
        runs_of: Callable[[ShownPii], list[tuple[int, int]]],
    ) -> tuple[list[QTextEdit.ExtraSelection], list[tuple[int, str]], list[PiiRun]]:
        """The underlines, badges and places of ``marks`` in ``doc``: kept on the document
        (made while it is prefetched, reused when it is shown with the same marks)."""
        key = (doc.revision(), self._theme.name, tuple(marks))
        cached = getattr(doc, _PII_RUNS, None)
        if cached is not None and cached[0] == key:
            found: tuple[list[QTextEdit.ExtraSelection], list[tuple[int, str]], list[PiiRun]] = (
                cached[1]
            )
            return found
        selections: list[QTextEdit.ExtraSelection] = []
        badges: list[tuple[int, str]] = []
        located: list[PiiRun] = []
        for mark in marks:
            runs = runs_of(mark)
            for first, last in runs:
                selections.append(self._pii_selection(doc, first, last, mark))
            if runs:
                located.append((runs[0][0], runs[-1][1], mark))
                if not mark.dismissed:
                    badges.append((runs[-1][1], mark.badge))
        setattr(doc, _PII_RUNS, (key, (selections, badges, located)))
        return selections, badges, located

    def _apply_prompt_marks(self) -> None:
        browser = self.prompt
        mine = [m for m in self._pii if m.target.startswith(TURN_PREFIX)]
        tmap = self.prompt_map() if mine else None
        selections: list[QTextEdit.ExtraSelection] = []
        badges: list[tuple[int, str]] = []
        located: list[PiiRun] = []
        if tmap is not None:
            selections, badges, located = self._pii_runs(
                browser.document(), mine, partial(_runs_in_turns, tmap)
            )
        if not self._pii_pending and (badges or getattr(browser.document(), _SPACED, None)):
            _make_room(browser.document(), {pos for pos, _ in badges}, browser.chip_room())
        t = self._theme
        browser.set_chips(badges)
        browser.chip_colours = (t.background, t.text, t.hidden_text)
        browser.set_pii_runs(located)
        browser.setExtraSelections(selections)
        browser.viewport().update()

    def raw_selection(self, browser: SafeBrowser) -> tuple[str, int, int] | str:
        """The selection of ``browser`` (the prompt or a response) as its target and raw
        offsets, or why there is none (a sentence)."""
        cursor = browser.textCursor()
        first, last = cursor.selectionStart(), cursor.selectionEnd()
        if first >= last:
            return translate(
                "comparison_view",
                "Select some text in the prompt or a response first"
                " (F7 selects with the keyboard).",
            )
        if browser is self.prompt:
            tmap = self.prompt_map()
            found = tmap.to_raw(first, last) if tmap is not None else None
            if found is None:
                return translate(
                    "comparison_view",
                    "The selection holds no text of the conversation (only its labels).",
                )
            return f"{TURN_PREFIX}{found[0]}", found[1], found[2]
        index = next((i for i, c in enumerate(self.columns) if c.browser is browser), -1)
        order = self._order
        smap = self.source_map(index) if index >= 0 else None
        if smap is None or order is None:
            return translate(
                "comparison_view",
                "PII is marked on the rendered or raw response, not on differences.",
            )
        raw = smap.to_raw(first, last)
        if raw is None:
            return translate(
                "comparison_view",
                "The selection holds no text of the response (only what the view adds).",
            )
        return order.order[index], raw[0], raw[1]

    def select_in_prompt(self, target: str, start: int, end: int) -> bool:
        """Select, in the prompt pane, the text of turn ``target`` (``turn:N``) standing
        for ``start:end`` and give the pane the focus; False when it is not shown."""
        turn = target[len(TURN_PREFIX) :]
        tmap = self.prompt_map() if turn.isdigit() else None
        runs = tmap.to_shown(int(turn), start, end) if tmap is not None else []
        if not runs:
            self.message.emit(
                translate(
                    "comparison_view", "That turn is folded away: show the earlier turns (T) first."
                )
            )
            return False
        cursor = QTextCursor(self.prompt.document())
        cursor.setPosition(runs[0][0])
        cursor.setPosition(runs[-1][1], QTextCursor.MoveMode.KeepAnchor)
        self.prompt.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.prompt.setTextCursor(cursor)
        self.prompt.ensureCursorVisible()
        return True

    def pii_at(self, browser: SafeBrowser, position: int) -> list[ShownPii]:
        """The PII marks drawn over ``position`` of ``browser``."""
        return [mark for first, last, mark in browser.pii_runs if first <= position < last]

    def pii_format_at(self, browser: SafeBrowser, position: int) -> QTextCharFormat:
        """The character format shown at ``position``: the document's, with the marks
        drawn over it (what the reviewer sees there)."""
        cursor = QTextCursor(browser.document())
        cursor.setPosition(position + 1)
        fmt = QTextCharFormat(cursor.charFormat())
        for selection in browser.extraSelections():
            c = selection.cursor
            if c.selectionStart() <= position < c.selectionEnd():
                fmt.merge(selection.format)
        return fmt

    def _context_actions(self, browser: SafeBrowser, position: int) -> list[QAction]:
        return self.pii_actions(browser, position) if self.pii_actions is not None else []

    def set_spans(self, spans: list[ShownSpan]) -> None:
        """Draw these spans on the responses (replacing those drawn before)."""
        self._spans = list(spans)
        self._apply_marks()

    def shown_spans(self) -> list[ShownSpan]:
        return list(self._spans)

    def _apply_marks(self) -> None:
        order = self._order
        t = self._theme
        for index, column in enumerate(self.columns):
            browser = column.browser
            selections: list[QTextEdit.ExtraSelection] = []
            chips: list[tuple[int, str]] = []
            rid = order.order[index] if order is not None and index < len(order.order) else None
            mine = [span for span in self._spans if span.response == rid]
            pii = [mark for mark in self._pii if mark.target == rid] if rid is not None else []
            smap = self.source_map(index) if mine or pii else None
            located: list[PiiRun] = []
            if smap is not None and pii:
                selections, chips, located = self._pii_runs(
                    browser.document(), pii, partial(_runs_in, smap)
                )
            if smap is not None:
                doc = browser.document()
                for span in mine:
                    runs = smap.to_shown(span.start, span.end)
                    for first, last in runs:
                        selection = QTextEdit.ExtraSelection()
                        cursor = QTextCursor(doc)
                        cursor.setPosition(first)
                        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
                        selection.cursor = cursor
                        tint = QColor(t.link)
                        tint.setAlpha(28 if span.suggestion else 48)
                        selection.format.setBackground(tint)
                        selection.format.setUnderlineStyle(
                            QTextCharFormat.UnderlineStyle.DashUnderline
                            if span.suggestion
                            else QTextCharFormat.UnderlineStyle.SingleUnderline
                        )
                        selection.format.setUnderlineColor(QColor(t.link))
                        selections.append(selection)
                    if runs:
                        chips.append((runs[-1][1], span.chip))
            if self._citation_mark is not None and self._citation_mark[0] == index:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(browser.document())
                cursor.setPosition(self._citation_mark[1])
                cursor.setPosition(self._citation_mark[2], QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                tint = QColor(t.link)
                tint.setAlpha(60)
                selection.format.setBackground(tint)
                selection.format.setFontOverline(True)
                selections.append(selection)
            if not self._pii_pending and (
                smap is not None or getattr(browser.document(), _SPACED, None)
            ):
                _make_room(browser.document(), {pos for pos, _ in chips}, browser.chip_room())
            browser.set_chips(chips)
            browser.chip_colours = (t.background, t.text, t.hidden_text if pii else t.link)
            browser.set_pii_runs(located)
            browser.setExtraSelections(selections)
            browser.viewport().update()

    def select_raw(self, response: str, start: int, end: int) -> bool:
        """Select, in its response, the text standing for the raw range ``start:end``
        and give that response the focus; False when it cannot be shown."""
        order = self._order
        if order is None or response not in order.order:
            return False
        index = order.order.index(response)
        smap = self.source_map(index)
        runs = smap.to_shown(start, end) if smap is not None else []
        if not runs:
            self.message.emit(
                translate("comparison_view", "This span is shown on the rendered response only.")
            )
            return False
        browser = self.columns[index].browser
        cursor = QTextCursor(browser.document())
        cursor.setPosition(runs[0][0])
        cursor.setPosition(runs[-1][1], QTextCursor.MoveMode.KeepAnchor)
        browser.setFocus(Qt.FocusReason.ShortcutFocusReason)
        browser.setTextCursor(cursor)
        browser.ensureCursorVisible()
        return True

    # --- citations -----------------------------------------------------------------------

    def _citation(self, column: ResponseColumn, document: str | None, label: str) -> None:
        index = self._citing_column = self.columns.index(column)
        at = column.browser.followed_at
        followed = next((c for c in self.citations(index) if c[0] <= at < c[1]), None)
        self.mark_citation(index, followed)
        self.citationFollowed.emit(document, label, column.label.text())

    def mark_citation(self, index: int, span: tuple[int, int, str] | None) -> None:
        """Mark the followed citation in response ``index`` (one at a time; None: none)."""
        self._citation_mark = None if span is None or index < 0 else (index, span[0], span[1])
        self._apply_marks()

    def followed_citation(self) -> tuple[int, int, int] | None:
        """The marked citation: response index, start, end; None when there is none."""
        return self._citation_mark

    def citations(self, index: int) -> list[tuple[int, int, str]]:
        """The citation links shown in response ``index``: start, end, href (in order)."""
        doc = self.columns[index].browser.document()
        out: list[tuple[int, int, str]] = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                href = fmt.anchorHref() if fmt.isAnchor() else ""
                if href.startswith("docket-citation:"):
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if out and out[-1][1] == start and out[-1][2] == href:
                        start = out.pop()[0]  # one link split by a format change
                    out.append((start, end, href))
                it += 1
            block = block.next()
        return out

    def next_citation(self, direction: int = 1) -> bool:
        """Select the next (1) or previous (-1) citation of the focused response (else of
        the one last used, else of the first that has any), wrapping around, and give it
        the focus: Enter then follows it. False when there is none."""
        visible = [i for i, c in enumerate(self.columns) if c.isVisible()]
        if not visible:
            return False
        focus = QApplication.focusWidget()
        focused = [i for i in visible if focus is self.columns[i].browser]
        index = focused[0] if focused else self._citing_column
        if index not in visible:
            index = visible[0]
        if not focused and not self.citations(index):
            index = next((i for i in visible if self.citations(i)), index)
        column = self.columns[index]
        links = self.citations(index)
        if not links:
            if column.raw_button.isChecked():
                text = translate(
                    "comparison_view",
                    "{response} is shown raw: citations are links in the rendered view.",
                )
            elif self._diff:
                text = translate(
                    "comparison_view",
                    "{response} shows differences: citations are links in the rendered view.",
                )
            else:
                text = translate("comparison_view", "{response} has no citations.")
            self.message.emit(text.format(response=column.label.text()))
            return False
        self._citing_column = index
        browser = column.browser
        cursor = browser.textCursor()
        if direction >= 0:
            after = cursor.selectionEnd() if focused else -1
            target = next((c for c in links if c[0] >= after), links[0])
        else:
            before = cursor.selectionStart() if focused else len(browser.toPlainText()) + 1
            target = next((c for c in reversed(links) if c[1] <= before), links[-1])
        cursor = QTextCursor(browser.document())
        cursor.setPosition(target[0])
        cursor.setPosition(target[1], QTextCursor.MoveMode.KeepAnchor)
        browser.setFocus(Qt.FocusReason.ShortcutFocusReason)
        browser.setTextCursor(cursor)
        browser.ensureCursorVisible()
        return True

    def browsers(self) -> list[SafeBrowser]:
        return [self.prompt] + [c.browser for c in self.columns if c.isVisible()]

    def response_html(self, index: int) -> str:
        return self.columns[index].browser.toHtml()

    # --- toggles -------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for pool in self.pools():
            pool.release()
        self._style_notice()
        self._reload_prompt()
        self._refresh_responses()

    def set_sync_scroll(self, on: bool) -> None:
        self._sync = on

    def sync_scroll(self) -> bool:
        return self._sync

    def set_diff(self, on: bool) -> None:
        self._diff = on
        if self._order is not None:
            self.pair.setVisible(on and len(self._order.order) > 2)
        self._refresh_responses()

    def diff_shown(self) -> bool:
        return self._diff

    def zoom(self, step: int) -> None:
        self._zoom = 0 if step == 0 else max(MIN_ZOOM, min(MAX_ZOOM, self._zoom + step))
        self._apply_font()

    def zoom_level(self) -> int:
        return self._zoom

    def set_zoom(self, level: int) -> None:
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, level))
        self._apply_font()

    def _body_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self.font().pointSizeF() + self._zoom))
        return font

    def _mono(self) -> QFont:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(6.0, self.font().pointSizeF() - 1 + self._zoom))
        return font

    def _apply_font(self) -> None:
        for pool in self.pools():
            pool.release()
        for pane in self.prompt_pool.panes:  # every pane: those laid out ahead too
            pane.setFont(self._body_font())
        if self._task is not None and self._order is not None:
            self._reload_prompt()
            self._refresh_responses()
        for column in self.columns:
            raw = column.raw_button.isChecked()
            for pane in column.pool.panes:
                shown = pane is column.browser
                pane.setFont(self._mono() if raw and shown else self._body_font())
                pane.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    # --- scrolling -----------------------------------------------------------------------

    def _scrolled(self, value: int) -> None:
        if not self._sync or self._syncing:
            return
        source = self.sender()
        if isinstance(source, QWidget) and not source.isVisible():
            return  # a hidden pane given a task ahead of time
        maximum = source.maximum() if hasattr(source, "maximum") else 0
        ratio = value / maximum if maximum else 0.0
        self._syncing = True
        try:
            for column in self.columns:
                bar = column.browser.verticalScrollBar()
                if bar is not source and column.isVisible():
                    bar.setValue(round(ratio * bar.maximum()))
        finally:
            self._syncing = False

    def scroll_state(self) -> list[int]:
        """The prompt's and each response's scroll position, then 1 if a long
        conversation's earlier turns are shown, else 0."""
        browsers = self.browsers()
        return [b.verticalScrollBar().value() for b in browsers] + [int(self._earlier_shown)]

    def restore_scroll(self, values: list[int]) -> None:
        count = len(self.browsers())
        shown = len(values) > count and values[count] == 1
        if shown != self._earlier_shown:
            self.toggle_earlier_turns()
        browsers = self.browsers()  # (the prompt may show in another pane now)
        if values and values[0] != self.prompt.verticalScrollBar().value():
            self._pinned = False
        self._syncing = True
        try:
            for browser, value in zip(browsers, values, strict=False):
                browser.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False

    def sizeHint(self) -> QSize:
        return QSize(900, 700)


def _runs_in(smap: SourceMap, mark: ShownPii) -> list[tuple[int, int]]:
    return smap.to_shown(mark.start, mark.end)


def _runs_in_turns(tmap: TurnsMap, mark: ShownPii) -> list[tuple[int, int]]:
    turn = mark.target[len(TURN_PREFIX) :]
    return tmap.to_shown(int(turn), mark.start, mark.end) if turn.isdigit() else []


def _make_room(doc: QTextDocument, positions: set[int], room: float) -> None:
    """Room of ``room`` pixels under the lines of the blocks where chips are drawn (under
    a span's end), and ordinary lines again where they no longer are. (Room in pixels:
    a proportional line height left less than a chip's height under a short line.)"""
    wanted = {doc.findBlock(max(0, p - 1)).blockNumber() for p in positions}
    spaced: set[int] = getattr(doc, _SPACED, None) or set()
    if wanted == spaced:
        return
    doc.setUndoRedoEnabled(False)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one layout for all the changes
    for number in wanted ^ spaced:
        block = doc.findBlockByNumber(number)
        if not block.isValid():
            continue
        fmt = QTextBlockFormat()
        if number in wanted:
            fmt.setLineHeight(room, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
        else:
            fmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.SingleHeight.value)
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(fmt)
    cursor.endEditBlock()
    setattr(doc, _SPACED, wanted)


def keep_shaped_text(doc: QTextDocument) -> None:
    """Let ``doc``'s blocks keep their shaped text (glyphs and positions) once laid out.

    Qt frees a block's glyphs after laying it out and after each paint unless its
    QTextLayout caches them, so every paint of a response shaped its visible text again
    (itemizing, HarfBuzz, line by line): about a fifth of painting a pane. Kept, a paint
    only draws; a layout (a width change, the document shown in a pane) still shapes
    anew. Memory: the shaped text of the documents kept (:data:`MAX_DOCUMENTS`)."""
    block = doc.begin()
    while block.isValid():
        block.layout().setCacheEnabled(True)
        block = block.next()


def _answered_block(doc: QTextDocument) -> int:
    """The number of the block that starts the answered turn (its label carries
    ANSWERED_TURN_ID), searched from the end, where it usually is; -1 if absent."""
    block = doc.lastBlock()
    while block.isValid():
        it = block.begin()
        if not it.atEnd() and ANSWERED_TURN_ID in it.fragment().charFormat().anchorNames():
            return int(block.blockNumber())
        block = block.previous()
    return -1
