"""The comparison view: the prompt (or conversation) on top, the responses side by side.

Columns are labelled only with blinded labels (Response A, B, ...) in the reviewer's
display order; model names never reach this widget's text. Each column toggles between
the rendered response and the raw text the model wrote. Scrolling can be synchronised,
differences between two responses shown word by word, and the text zoomed. Nothing is
ever loaded from the network or disk: ``loadResource`` refuses, and links are handed to
the window, which asks before opening them.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import DisplayOrder
from docket.core.tasks import Role, Task
from docket.render import diff_html, to_html
from docket.render.theme import Theme

MIN_ZOOM, MAX_ZOOM = -4, 12
MAX_DOCUMENTS = 24
"""Laid-out documents kept: the current task, the next one, and a few behind."""


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


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource and never follows a link itself."""

    linkRequested = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.document().setDocumentMargin(12)

    def loadResource(self, kind: int, name: QUrl | str, /) -> Any:
        return None

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copied task text, marked sensitive for clipboard managers that honour it, so
        it stays out of their history (ClipboardGuard clears the clipboard itself)."""
        data = super().createMimeDataFromSelection()
        for fmt, value in SENSITIVE_CLIPBOARD_HINTS:
            data.setData(fmt, value)
        return data

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() in ("", "file") and url.hasFragment():
            self.scrollToAnchor(url.fragment())  # footnotes
        else:
            self.linkRequested.emit(url)


class ResponseColumn(QWidget):
    """One response: its blinded label, a rendered/raw toggle, and the text."""

    rawToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.raw_button = QToolButton()
        self.raw_button.setText("Raw")
        self.raw_button.setCheckable(True)
        self.raw_button.setToolTip("Show the text exactly as the model wrote it")
        self.raw_button.toggled.connect(self.rawToggled.emit)
        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 2)
        header.addWidget(self.label)
        header.addStretch(1)
        header.addWidget(self.raw_button)
        self.browser = SafeBrowser()
        self.browser.setMinimumWidth(220)
        self.scratch = QTextDocument(self)
        self.scratch.setDocumentMargin(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.browser, 1)

    def set_label(self, letter: str) -> None:
        self.label.setText(f"Response {letter}")
        self.browser.setAccessibleName(f"Response {letter}")
        self.raw_button.setAccessibleName(f"Show response {letter} raw")


class ComparisonView(QWidget):
    """Prompt above, responses side by side in resizable columns."""

    linkRequested = Signal(QUrl)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._task: Task | None = None
        self._order: DisplayOrder | None = None
        self._zoom = 0
        self._sync = True
        self._diff = False
        self._syncing = False
        self._html_cache: dict[tuple[str, str, str], str] = {}
        self._docs: OrderedDict[tuple[str, str, int, str], QTextDocument] = OrderedDict()

        self.prompt = SafeBrowser()
        self.prompt.setAccessibleName("Prompt")
        self._prompt_scratch = QTextDocument(self)
        self.prompt.linkRequested.connect(self.linkRequested.emit)
        prompt_box = QWidget()
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(0, 0, 0, 0)
        prompt_layout.setSpacing(2)
        self.prompt_label = QLabel("Prompt")
        bold = self.prompt_label.font()
        bold.setBold(True)
        self.prompt_label.setFont(bold)
        prompt_layout.addWidget(self.prompt_label)
        prompt_layout.addWidget(self.prompt, 1)

        self.pair = QComboBox()
        self.pair.setAccessibleName("Responses to compare")
        self.pair.setToolTip("Which two responses 'Show differences' compares")
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._apply_font()

    # --- content -------------------------------------------------------------------------

    def set_task(self, task: Task, order: DisplayOrder) -> None:
        self._task, self._order = task, order
        self._ensure_columns(len(order.order))
        for column, letter in zip(self.columns, order.labels, strict=False):
            column.set_label(letter)
            column.raw_button.setChecked(False)
        self._fill_pairs()
        self._refresh_prompt()
        self._refresh_responses()
        for browser in self.browsers():
            browser.verticalScrollBar().setValue(0)
        self._fit_prompt()

    def _fit_prompt(self) -> None:
        """Give the prompt the height it needs, within 12-40 % of the view: a one-line
        question should not take the space of the responses."""
        total = sum(self.splitter.sizes()) or self.height()
        doc = self.prompt.document()
        doc.setTextWidth(max(200, self.prompt.viewport().width()))
        needed = int(doc.size().height()) + self.prompt_label.sizeHint().height() + 16
        top = max(int(total * 0.12), min(needed, int(total * 0.4)))
        self.splitter.setSizes([top, max(1, total - top)])

    def _ensure_columns(self, n: int) -> None:
        while len(self.columns) < n:
            column = ResponseColumn()
            column.browser.linkRequested.connect(self.linkRequested.emit)
            column.rawToggled.connect(lambda _=False: self._refresh_responses())
            column.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
            self.columns.append(column)
            self.columns_splitter.addWidget(column)
        for i, column in enumerate(self.columns):
            column.setVisible(i < n)
        sizes = [1000] * n + [0] * (len(self.columns) - n)
        self.columns_splitter.setSizes(sizes)

    def _fill_pairs(self) -> None:
        assert self._order is not None
        labels = self._order.labels
        self.pair.blockSignals(True)
        self.pair.clear()
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                self.pair.addItem(f"Compare {labels[i]} with {labels[j]}", (i, j))
        self.pair.blockSignals(False)
        self.pair.setVisible(self._diff and len(labels) > 2)

    def clear(self) -> None:
        """Show nothing and forget every rendered document (the window is locking)."""
        self._task = None
        self._order = None
        for browser in [self.prompt, *(c.browser for c in self.columns)]:
            browser.setDocument(QTextDocument(browser))
        for scratch in [self._prompt_scratch, *(c.scratch for c in self.columns)]:
            scratch.clear()
        self._html_cache.clear()
        for doc in self._docs.values():
            doc.deleteLater()
        self._docs.clear()

    def clear_cache(self) -> None:
        """Forget rendered documents (after an import may have changed task texts)."""
        self._html_cache.clear()
        shown = {id(b.document()) for b in [self.prompt, *(c.browser for c in self.columns)]}
        for key, doc in list(self._docs.items()):
            if id(doc) not in shown:
                del self._docs[key]
                doc.deleteLater()

    def _rendered(self, key: str, text: str) -> str:
        cache_key = (key, self._theme.name, _digest(text))
        html = self._html_cache.get(cache_key)
        if html is None:
            if len(self._html_cache) > 64:
                self._html_cache.clear()
            html = self._html_cache[cache_key] = to_html(text, theme=self._theme)
        return html

    def _document(self, key: str, text: str, width: int) -> QTextDocument:
        """A parsed, laid-out document for a response or prompt, kept for a few tasks.

        Parsing HTML and laying the text out are what make opening a task slow; done
        ahead of time (see :meth:`prefetch`), showing the task is swapping documents.
        """
        cache_key = (key, self._theme.name, self._zoom, _digest(text))
        doc = self._docs.get(cache_key)
        if doc is None:
            doc = QTextDocument(self)
            doc.setDocumentMargin(12)
            doc.setDefaultFont(self._body_font())
            doc.setHtml(self._rendered(key, text))
            self._docs[cache_key] = doc
            self._evict_documents()
        else:
            self._docs.move_to_end(cache_key)
        if width > 0 and doc.textWidth() != width:
            doc.setTextWidth(width)
            doc.size()  # lay out now rather than at paint
        return doc

    def _evict_documents(self) -> None:
        shown = {id(b.document()) for b in [self.prompt, *(c.browser for c in self.columns)]}
        while len(self._docs) > MAX_DOCUMENTS:
            for key, doc in self._docs.items():
                if id(doc) not in shown:
                    del self._docs[key]
                    doc.deleteLater()
                    break
            else:
                return

    def _width_of(self, browser: QTextBrowser) -> int:
        return int(browser.viewport().width())

    def prefetch(self, task: Task, order: DisplayOrder) -> None:
        """Parse and lay out a task's prompt and responses ahead of time (called when
        idle for the task the reviewer will most likely open next)."""
        turns = task.conversation
        if len(turns) == 1 and turns[0].role is Role.USER:
            self._document(f"{task.id}/prompt", turns[0].content, self._width_of(self.prompt))
        widths = [self._width_of(c.browser) for c in self.columns]
        for index, rid in enumerate(order.order):
            width = widths[index] if index < len(widths) else 0
            self._document(f"{task.id}/{rid}", task.response(rid).text, width)

    def _refresh_prompt(self) -> None:
        task = self._task
        if task is None:
            return
        turns = task.conversation
        if len(turns) == 1 and turns[0].role is Role.USER:
            self.prompt_label.setText("Prompt")
            key, text = f"{task.id}/prompt", turns[0].content
            self.prompt.setDocument(self._document(key, text, self._width_of(self.prompt)))
        else:
            self.prompt_label.setText(f"Conversation ({len(turns)} turns)")
            self.prompt.setDocument(self._prompt_scratch)
            self.prompt.setHtml(to_html(list(turns), theme=self._theme))

    def _refresh_responses(self) -> None:
        task, order = self._task, self._order
        if task is None or order is None:
            return
        texts = [task.response(rid).text for rid in order.order]
        diffs: dict[int, str] = {}
        if self._diff and len(texts) >= 2:
            i, j = self.pair.currentData() or (0, 1)
            diffs[i], diffs[j] = diff_html(texts[i], texts[j], theme=self._theme)
        for index, (column, text) in enumerate(zip(self.columns, texts, strict=False)):
            browser = column.browser
            value = browser.verticalScrollBar().value()
            if column.raw_button.isChecked():
                # Raw and diff views write into the column's own document, never into
                # a cached one.
                browser.setDocument(column.scratch)
                browser.setFont(self._mono())
                browser.setPlainText(text)
            elif index in diffs:
                browser.setDocument(column.scratch)
                browser.setFont(self._body_font())
                browser.setHtml(diffs[index])
            else:
                key = f"{task.id}/{order.order[index]}"
                browser.setDocument(self._document(key, text, self._width_of(browser)))
            browser.verticalScrollBar().setValue(value)

    def browsers(self) -> list[SafeBrowser]:
        return [self.prompt] + [c.browser for c in self.columns if c.isVisible()]

    def response_html(self, index: int) -> str:
        return self.columns[index].browser.toHtml()

    # --- toggles -------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._refresh_prompt()
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
        self.prompt.setFont(self._body_font())
        if self._task is not None and self._order is not None:
            self._refresh_prompt()
            self._refresh_responses()
        for column in self.columns:
            raw = column.raw_button.isChecked()
            column.browser.setFont(self._mono() if raw else self._body_font())
            column.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    # --- scrolling -----------------------------------------------------------------------

    def _scrolled(self, value: int) -> None:
        if not self._sync or self._syncing:
            return
        source = self.sender()
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
        return [b.verticalScrollBar().value() for b in self.browsers()]

    def restore_scroll(self, values: list[int]) -> None:
        self._syncing = True
        try:
            for browser, value in zip(self.browsers(), values, strict=False):
                browser.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False

    def sizeHint(self) -> QSize:
        return QSize(900, 700)
