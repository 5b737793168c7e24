"""A list whose plain keys act on the current row before the window's shortcuts see them.

The spans and PII lists take Enter, Delete and a few letters that are also window
shortcuts (K is "previous task", D "show differences"): while the list has focus, those
keys are the list's. One definition of that rule for every such list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QWidget

RowAction = Callable[[int], None]


class KeyedList(QListWidget):
    """``actions``: key -> what to do with the current row when pressed without modifiers."""

    def __init__(self, parent: QWidget, actions: Mapping[Qt.Key, RowAction]) -> None:
        super().__init__(parent)
        self._actions = dict(actions)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self._actions
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        action = self._actions.get(Qt.Key(event.key()))
        if row >= 0 and action is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            action(row)
            return
        super().keyPressEvent(event)
