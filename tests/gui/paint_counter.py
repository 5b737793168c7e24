"""Counting the paint events widgets receive: what a move to another task repaints."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class Paints(QObject):
    """Counts the paint events of the widgets it watches, by ``id(widget)``."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.count: Counter[int] = Counter()
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count[id(watched)] += 1
        return False
