"""The Sources pane: the documents a grounded answer was written from, beside the responses.

Shown only for a task that carries documents. It lists them (id, title, and which
responses cite each: "A, B", or "not cited"), renders the selected one exactly as a
response is rendered, and finds text in all of them (next / previous match, counts per
document). Following a citation in a response (a click, or C then Enter) selects the
cited document, scrolls to it and says where it was cited from; a citation that names no
document is said to in words. A document's ``source`` is shown as text and never opened.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import DisplayOrder
from docket.core.documents import Document
from docket.core.tasks import Task
from docket.render import find_citations, to_html
from docket.render.citations import UNKNOWN_MARK
from docket.render.hidden import mark_hidden_text
from docket.render.theme import Theme
from docket.ui.comparison_view import SafeBrowser
from docket.ui.i18n import QT_TRANSLATE_NOOP, english_plural, translate
from docket.ui.math_images import FormulaLookup, MathDocument, Source, text_metrics
from docket.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("sources_pane", "Doc"),
    QT_TRANSLATE_NOOP("sources_pane", "Title"),
    QT_TRANSLATE_NOOP("sources_pane", "Cited in"),
    QT_TRANSLATE_NOOP("sources_pane", "Found"),
)
COL_ID, COL_TITLE, COL_CITED, COL_FOUND = range(4)
FOLLOWED_MARK = "▶"
"""Before the id of the document the last followed citation names (and in bold)."""
MAX_MATCHES = 10_000
"""Matches counted and visited; more are reported as "10,000+"."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ACCESSIBLE, _FONT, _ALIGNMENT})
_HEADER_TIPS = (
    QT_TRANSLATE_NOOP("sources_pane", "The document's id, as responses cite it ([1], [doc-id])"),
    QT_TRANSLATE_NOOP("sources_pane", "The document's title"),
    QT_TRANSLATE_NOOP("sources_pane", "Which responses cite the document"),
    QT_TRANSLATE_NOOP("sources_pane", "Matches of the search in the document"),
)


class DocumentsModel(ColumnsTableModel):
    """A task's documents as a table: Doc, Title, Cited in, Found.

    Roles: DisplayRole, ToolTipRole (title and source, escaped), AccessibleTextRole,
    FontRole (bold for the followed document) and TextAlignmentRole."""

    columns = COLUMNS
    header_tips = _HEADER_TIPS
    tr_context = "sources_pane"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: tuple[Document, ...] = ()
        self._cited: dict[str, str] = {}
        self._found: dict[str, int] = {}
        self._searching = False
        self._followed: str | None = None

    def set_documents(self, documents: Sequence[Document], cited: dict[str, str]) -> None:
        self.beginResetModel()
        self._documents = tuple(documents)
        self._cited = dict(cited)
        self._found = {}
        self._searching = False
        self._followed = None
        self.endResetModel()

    def documents(self) -> tuple[Document, ...]:
        return self._documents

    def row_of(self, document_id: str) -> int:
        for i, d in enumerate(self._documents):
            if d.id == document_id:
                return i
        return -1

    def set_found(self, found: dict[str, int] | None) -> None:
        """Match counts per document id (None: no search)."""
        self._searching = found is not None
        self._found = dict(found or {})
        self._changed(COL_FOUND, COL_FOUND)

    def set_followed(self, document_id: str | None) -> None:
        self._followed = document_id
        self._changed(COL_ID, COL_FOUND)

    def followed(self) -> str | None:
        return self._followed

    def _changed(self, first: int, last: int) -> None:
        if self._documents:
            self.dataChanged.emit(self.index(0, first), self.index(len(self._documents) - 1, last))

    # --- Qt model interface --------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._documents)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        i, col = index.row(), index.column()
        if not 0 <= i < len(self._documents):
            return None
        d = self._documents[i]
        followed = d.id == self._followed
        if role == _FONT:
            if not followed:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == _ALIGNMENT:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == _TOOLTIP:
            title = d.title or translate("sources_pane", "untitled")
            parts = [
                translate("sources_pane", "Document {id}: {title}").format(
                    id=mark_hidden_text(d.id), title=mark_hidden_text(title)
                )
            ]
            if d.source:
                parts.append(
                    translate(
                        "sources_pane", "Source: {source} (shown as text, never opened)"
                    ).format(source=mark_hidden_text(d.source))
                )
            return "".join(f"<p>{html.escape(p)}</p>" for p in parts)
        cited = self._cited.get(d.id, "")
        if role == _DISPLAY:
            if col == COL_ID:
                shown = mark_hidden_text(_short(d.id))
                return f"{FOLLOWED_MARK} {shown}" if followed else shown
            if col == COL_TITLE:
                return mark_hidden_text(d.title) or translate("sources_pane", "(untitled)")
            if col == COL_CITED:
                return cited or translate("sources_pane", "not cited")
            return str(self._found.get(d.id, 0)) if self._searching else ""
        # AccessibleTextRole
        if col == COL_ID:
            if followed:
                return translate("sources_pane", "document {id}, the cited document shown").format(
                    id=d.id
                )
            return translate("sources_pane", "document {id}").format(id=d.id)
        if col == COL_TITLE:
            return mark_hidden_text(d.title) or translate("sources_pane", "untitled")
        if col == COL_CITED:
            if cited:
                return translate("sources_pane", "cited in response {responses}").format(
                    responses=cited
                )
            return translate("sources_pane", "not cited by any response")
        found = self._found.get(d.id, 0)
        if not self._searching:
            return translate("sources_pane", "no search")
        return english_plural(self.tr("%n match(es)", "", found), found)


def _short(text: str, most: int = 24) -> str:
    """A long id cut for the list (whole in the row's tooltip)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def cited_in(task: Task, order: DisplayOrder) -> dict[str, str]:
    """Per document id, the labels of the responses that cite it ("A, C")."""
    out: dict[str, list[str]] = {}
    for rid, letter in zip(order.order, order.labels, strict=False):
        for c in find_citations(task.response(rid).text, task.documents):
            if c.document is not None and letter not in out.setdefault(c.document, []):
                out[c.document].append(letter)
    return {doc: ", ".join(letters) for doc, letters in out.items()}


class ElidedLabel(QLabel):
    """One line of plain text, cut in the middle to fit; the whole text in its tooltip and
    accessible description (a document's source: a long address)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(f"<p>{html.escape(text)}</p>" if text else "")
        self.setAccessibleDescription(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width()))


class SourcesPane(QWidget):
    """The documents of the open task (see the module's docstring)."""

    documentShown = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesPane")
        self._theme = theme
        self._task_id: str | None = None
        self._docs: dict[str, QTextDocument] = {}
        self._source: Source | None = None
        self._matches: list[tuple[str, int, int]] = []
        self._current = -1
        self._shown: str | None = None

        self.title = QLabel(translate("sources_pane", "Sources"))
        self.title.setObjectName("sourcesTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("sources_pane", "Find in documents (Enter: next, Shift+Enter: previous)")
        )
        self.search.setAccessibleName(translate("sources_pane", "Find in documents"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._find())
        self.search.installEventFilter(self)
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setAccessibleName(translate("sources_pane", "Previous match"))
        self.previous_button.setToolTip(
            translate("sources_pane", "Previous match (Shift+Enter, Shift+F3)")
        )
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setAccessibleName(translate("sources_pane", "Next match"))
        self.next_button.setToolTip(translate("sources_pane", "Next match (Enter, F3)"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.status = QLabel()
        self.status.setAccessibleName(translate("sources_pane", "Search result"))
        for key, step in (("F3", 1), ("Shift+F3", -1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=step: self.step(s))
            self.addAction(action)

        self.model = DocumentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("sources_pane", "Documents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CITED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FOUND, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(COL_FOUND, True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.installEventFilter(self)

        self.notice = QLabel()
        self.notice.setObjectName("sourcesNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAccessibleName(translate("sources_pane", "Followed citation"))
        self.notice.setContentsMargins(6, 3, 6, 3)
        self.notice.hide()
        self.heading = QLabel()
        self.heading.setObjectName("sourcesHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(bold)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = ElidedLabel()
        self.source.setObjectName("sourcesSource")
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(translate("sources_pane", "Document"))
        self.browser.setMinimumHeight(80)

        search_row = QHBoxLayout()
        search_row.setSpacing(2)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.previous_button)
        search_row.addWidget(self.next_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(3)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addStretch(1)
        title_row.addWidget(self.status)
        top_layout.addLayout(title_row)
        top_layout.addLayout(search_row)
        top_layout.addWidget(self.table, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.setSpacing(2)
        bottom_layout.addWidget(self.notice)
        bottom_layout.addWidget(self.heading)
        bottom_layout.addWidget(self.source)
        bottom_layout.addWidget(self.browser, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 0)  # the list as tall as it needs (six rows at most)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 4, 0)
        layout.addWidget(self.splitter)
        self._style()

    # --- content -------------------------------------------------------------------------

    def set_task(self, task: Task, order: DisplayOrder) -> None:
        """Show the task's documents (the first one); nothing followed, no search kept."""
        if task.id != self._task_id or self.model.documents() != task.documents:
            self._drop_documents()
        self._task_id = task.id
        self.model.set_documents(task.documents, cited_in(task, order))
        n = len(task.documents)
        self.title.setText(english_plural(self.tr("Sources · %n document(s)", "", n), n))
        self.notice.hide()
        self._shown = None
        self._fit_table()
        if n:
            self.table.selectRow(0)
            self._show(task.documents[0].id)
        self._find()

    def has_documents(self) -> bool:
        return bool(self.model.documents())

    def shown_document(self) -> str | None:
        return self._shown

    def forget(self) -> None:
        """Show nothing and drop every rendered document and the search (the window locks)."""
        self._task_id = None
        self.model.set_documents((), {})
        self._drop_documents()
        self.browser.setDocument(QTextDocument(self.browser))
        self.search.blockSignals(True)
        self.search.setText("")  # setText, unlike clear(), also empties the undo history
        self.search.blockSignals(False)
        for label in (self.status, self.notice, self.heading):
            label.clear()
        self.source.set_full_text("")
        self.notice.hide()
        self._matches, self._current, self._shown = [], -1, None

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._style()
        shown = self._shown
        self._drop_documents()
        if shown is not None:
            self._shown = None
            self._show(shown)
        self._find(keep=True)

    def _style(self) -> None:
        t = self._theme
        self.notice.setStyleSheet(
            f"QLabel#sourcesNotice {{ background-color: {t.notice_background}; "
            f"color: {t.text}; border: 1px solid {t.table_border}; }}"
        )
        self.source.setStyleSheet(f"QLabel#sourcesSource {{ color: {t.muted}; }}")

    def _fit_table(self) -> None:
        """Room for up to six rows (at least two); a longer list scrolls."""
        rows = max(1, self.model.rowCount())
        header = self.table.horizontalHeader().sizeHint().height() + 4
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header + min(rows, 2) * row)
        self.table.setMaximumHeight(header + min(rows, 6) * row)

    def _drop_documents(self) -> None:
        self.browser.setDocument(QTextDocument(self.browser))
        for doc in self._docs.values():
            doc.deleteLater()
        self._docs = {}

    def _document(self, document_id: str) -> QTextDocument:
        doc = self._docs.get(document_id)
        if doc is None:
            d = self.model.documents()[self.model.row_of(document_id)]
            doc = MathDocument(self)
            doc.setDocumentMargin(12)
            doc.setDefaultFont(self.browser.font())
            lookup, metrics = FormulaLookup(self._source), text_metrics(self.browser.font())
            formulas = lookup if self._source is not None else None
            doc.use_formulas(lookup, metrics, self._theme.text, self.browser.devicePixelRatioF)
            doc.setHtml(to_html(d.text, theme=self._theme, formulas=formulas, metrics=metrics))
            self._docs[document_id] = doc
        return doc

    def set_formula_source(self, source: Source | None) -> None:
        """Where typeset formulas are looked up (``Workspace.formulas``)."""
        self._source = source

    def formulas_arrived(self) -> None:
        """Documents whose formulas were waiting are made again (the shown one in place)."""
        for document_id, doc in list(self._docs.items()):
            lookup = doc.formulas if isinstance(doc, MathDocument) else None
            if isinstance(lookup, FormulaLookup) and lookup.arrived():
                del self._docs[document_id]
                if document_id == self._shown:
                    value = self.browser.verticalScrollBar().value()
                    self.browser.setDocument(self._document(document_id))
                    self.browser.verticalScrollBar().setValue(value)
                doc.deleteLater()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        documents = self.model.documents()
        if current.isValid() and 0 <= current.row() < len(documents):
            self._show(documents[current.row()].id)

    def _show(self, document_id: str) -> None:
        row = self.model.row_of(document_id)
        if row < 0:
            return
        d = self.model.documents()[row]
        if self._shown != document_id:
            self._shown = document_id
            self.browser.setDocument(self._document(document_id))
            self.browser.verticalScrollBar().setValue(0)
            title = mark_hidden_text(d.title) or translate("sources_pane", "(untitled)")
            self.heading.setText(f"[{d.id}] {title}")
            self.source.set_full_text(
                translate("sources_pane", "Source: {source} (shown as text, never opened)").format(
                    source=mark_hidden_text(d.source)
                )
                if d.source
                else translate("sources_pane", "No source given")
            )
            self.browser.setAccessibleName(
                translate("sources_pane", "Document {id}: {title}").format(id=d.id, title=title)
            )
            self._highlight()
            self.documentShown.emit(document_id)
        if self.table.currentIndex().row() != row:
            self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    # --- following citations -------------------------------------------------------------

    def follow(self, document_id: str | None, label: str, where: str) -> None:
        """Show the document a citation names (``label`` as written, in ``where``, e.g.
        "Response A"), marked as the one followed; or say that it names none."""
        if document_id is None or self.model.row_of(document_id) < 0:
            key = label.split("†", 1)[0].strip()
            self.notice.setText(
                translate(
                    "sources_pane",
                    "⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” "
                    "in this task.",
                ).format(where=where, label=label, UNKNOWN_MARK=UNKNOWN_MARK, key=key)
            )
            self.notice.setAccessibleDescription(self.notice.text())
            self.notice.show()
            self.model.set_followed(None)
            return
        self.model.set_followed(document_id)
        self._show(document_id)
        self.notice.setText(
            translate(
                "sources_pane",
                "{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}",
            ).format(FOLLOWED_MARK=FOLLOWED_MARK, label=label, where=where, document_id=document_id)
        )
        self.notice.setAccessibleDescription(self.notice.text())
        self.notice.show()

    # --- keyboard ------------------------------------------------------------------------

    def focus_documents(self) -> None:
        """The list of documents (Up / Down choose one, Enter moves into it)."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        key_press = event.type() == event.Type.KeyPress
        enter = key_press and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.table and enter:
            self.browser.setFocus(Qt.FocusReason.OtherFocusReason)  # to read it
            return True
        if watched is self.search and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.step(-1 if shift else 1)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.setText("")
                return True
        return super().eventFilter(watched, event)

    # --- search --------------------------------------------------------------------------

    def matches(self) -> list[tuple[str, int, int]]:
        """Every match of the search: document id, start and end in its shown text."""
        return list(self._matches)

    def _find(self, *, keep: bool = False) -> None:
        query = self.search.text()
        previous = self._matches[self._current] if keep and self._current >= 0 else None
        self._matches, self._current = [], -1
        if not query or not self.model.documents():
            self.model.set_found(None)
            self.table.setColumnHidden(COL_FOUND, True)
            self.status.setText("")
            self._highlight()
            return
        found: dict[str, int] = {}
        for d in self.model.documents():
            doc = self._document(d.id)
            cursor = doc.find(query, 0)
            while not cursor.isNull() and len(self._matches) < MAX_MATCHES:
                self._matches.append((d.id, cursor.selectionStart(), cursor.selectionEnd()))
                found[d.id] = found.get(d.id, 0) + 1
                cursor = doc.find(query, cursor)
        self.model.set_found(found)
        self.table.setColumnHidden(COL_FOUND, False)
        if self._matches:
            start = 0
            if previous is not None and previous in self._matches:
                start = self._matches.index(previous)
            elif self._shown is not None:  # the first match in or after the shown document
                order = [d.id for d in self.model.documents()]
                here = order.index(self._shown) if self._shown in order else 0
                start = next(
                    (i for i, m in enumerate(self._matches) if order.index(m[0]) >= here), 0
                )
            self._go(start)
        else:
            self._status()
            self._highlight()

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) match, across documents, wrapping around."""
        if not self._matches:
            if self.search.text():
                self._find()
            return
        self._go((self._current + direction) % len(self._matches))

    def _go(self, index: int) -> None:
        self._current = index
        document_id, start, end = self._matches[index]
        self._show(document_id)
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        self._highlight()
        self._status()

    def _status(self) -> None:
        n = len(self._matches)
        if not n:
            self.status.setText(translate("sources_pane", "No match in any document"))
            return
        documents = len({m[0] for m in self._matches})
        more = "+" if n >= MAX_MATCHES else ""
        where = translate("sources_pane", "in {documents} of {total} documents").format(
            documents=documents, total=len(self.model.documents())
        )
        self.status.setText(
            translate("sources_pane", "Match {number} of {n:,}{more} · {where}").format(
                number=self._current + 1, n=n, more=more, where=where
            )
        )

    def _highlight(self) -> None:
        """Every match in the shown document highlighted (the current one is selected)."""
        selections = []
        colour = QColor(self._theme.notice_background)
        for document_id, start, end in self._matches:
            if document_id != self._shown:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(colour)
            selection.format.setFontUnderline(True)
            selections.append(selection)
        self.browser.setExtraSelections(selections)
