"""The plain-text editor of the answer form (rationale, rewrite, notes, criteria, reasons).

Each paragraph reads in the direction of its own text as typed, its first strong
character's (the renderer's rule, :func:`docket.render.direction.text_direction`), and is
aligned at its start: an English rationale runs left to right in the Arabic interface, an
Arabic one right to left in the English interface, and a mixed one line by line. A
QTextEdit lays each paragraph out by its own direction; a QPlainTextEdit draws every line
flush left whatever its direction, so the editors are QTextEdits that take plain text only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTextEdit, QWidget


class PlainTextEdit(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # typed or pasted, the text stays plain
