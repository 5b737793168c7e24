"""The guidelines dock: the bundle's guidelines (markdown) beside the task, searchable."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QVBoxLayout, QWidget

from docket.render import to_html
from docket.render.theme import Theme
from docket.ui.comparison_view import SafeBrowser


class GuidelinesDock(QDockWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelines")
        self._theme = theme
        self._markdown = ""
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in guidelines (Enter: next)")
        self.search.setAccessibleName("Find in guidelines")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda _: self._find(from_start=True))
        self.status = QLabel()
        self.browser = SafeBrowser()
        self.browser.setAccessibleName("Guidelines")
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
        empty = "<p><i>No guidelines came with this bundle.</i></p>"
        self.browser.setHtml(to_html(markdown, theme=self._theme) if markdown.strip() else empty)

    def forget(self) -> None:
        """Show nothing, and drop the search text and its undo history (the window locks)."""
        self._markdown = ""
        self.browser.setDocument(QTextDocument(self.browser))
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
        self.status.setText(f"{count} match{'es' if count != 1 else ''}" if found else "No match")
