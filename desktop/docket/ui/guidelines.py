"""The guidelines dock: the bundle's guidelines (markdown) beside the task, searchable;
their formulas typeset as in responses (:mod:`docket.ui.math_images`)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QVBoxLayout, QWidget

from docket.render import to_html
from docket.render.theme import Theme
from docket.ui.comparison_view import SafeBrowser
from docket.ui.i18n import english_plural, translate
from docket.ui.math_images import FormulaLookup, MathDocument, Source, text_metrics


class GuidelinesDock(QDockWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(translate("guidelines", "Guidelines"), parent)
        self.setObjectName("guidelines")
        self._theme = theme
        self._markdown = ""
        self._source: Source | None = None
        self._lookup = FormulaLookup(None)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("guidelines", "Find in guidelines (Enter: next)"))
        self.search.setAccessibleName(translate("guidelines", "Find in guidelines"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda _: self._find(from_start=True))
        self.status = QLabel()
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(translate("guidelines", "Guidelines"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.browser, 1)
        self.setWidget(body)

    def set_guidelines(self, markdown: str) -> None:
        if markdown == self._markdown and self.browser.toPlainText():
            return
        self._markdown = markdown
        self._lookup = lookup = FormulaLookup(self._source)
        if not markdown.strip():
            self.browser.setHtml(
                translate("guidelines", "<p><i>No guidelines came with this bundle.</i></p>")
            )
            return
        html = to_html(
            markdown,
            theme=self._theme,
            formulas=lookup if self._source is not None else None,
            metrics=text_metrics(self.browser.font()),
        )
        self.browser.set_math_html(html, lookup, self._theme.text)

    def set_formula_source(self, source: Source | None) -> None:
        """Where typeset formulas are looked up (``Workspace.formulas``)."""
        self._source = source

    def formulas_arrived(self) -> None:
        """Show the guidelines again, in place, if formulas they wait for are typeset."""
        if not self._lookup.arrived():
            return
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        current, self._markdown = self._markdown, ""
        self.set_guidelines(current)
        bar.setValue(value)

    def forget(self) -> None:
        """Show nothing, and drop the search text and its undo history (the window locks)."""
        self._markdown = ""
        self._lookup = FormulaLookup(None)
        self.browser.setDocument(MathDocument(self.browser))
        self.search.blockSignals(True)
        self.search.setText("")  # setText, unlike clear(), also empties the undo history
        self.search.blockSignals(False)
        self.status.clear()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        current, self._markdown = self._markdown, ""
        self.set_guidelines(current)

    def find_next(self) -> None:
        self._find(from_start=False)

    def _find(self, *, from_start: bool) -> None:
        text = self.search.text()
        if not text:
            self.status.clear()
            return
        if from_start:
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
        found = self.browser.find(text)
        if not found and not from_start:
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text)
        count = self.browser.toPlainText().lower().count(text.lower())
        self.status.setText(
            english_plural(self.tr("%n match(es)", "", count), count)
            if found
            else translate("guidelines", "No match")
        )
