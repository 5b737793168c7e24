"""Building blocks shared by the answer panel's question editors.

``QuestionEditor`` is the contract every editor keeps: it is built once per (schema,
number of responses) and then re-filled for each task, so switching tasks never builds
widgets. Editors report *user* changes with ``edited``; filling them from saved answers
(:meth:`QuestionEditor.load`) never does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import DisplayOrder, blinded_label
from docket.core.schema import Question
from docket.ui.i18n import translate

ALERT_BAR = "#bf8700"
"""Amber side bar of an inline problem message; readable on light and dark backgrounds
(the text itself keeps the palette's text colour, and starts with a ⚠ sign)."""

ALERT_TINT = "rgba(191, 135, 0, 0.14)"

MAX_SCALE_BUTTONS = 11
"""Scales with more points than this use a spin box instead of a row of buttons."""


def response_name(position: int) -> str:
    """What a reviewer sees for the response at ``position`` in display order."""
    return translate("answer_widgets", "Response {label}").format(label=blinded_label(position))


def pretty(identifier: str) -> str:
    """``"off_topic"`` -> ``"Off topic"``: a schema id shown as a label."""
    text = identifier.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def bold_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class QuestionEditor(QWidget):
    """The editor of one question. Subclasses implement ``value``/``_fill``."""

    edited = Signal()
    """The reviewer changed this answer (never emitted by :meth:`load`)."""

    def __init__(self, question: Question, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.count = count
        self.ids: tuple[str, ...] = ()
        self._loading = False

    @property
    def title(self) -> str:
        return self.question.label or pretty(self.question.id)

    def load(self, order: DisplayOrder, value: Any) -> None:
        """Show ``value`` (the JSON answer, or None) for a task shown in ``order``."""
        self.ids = order.order
        self._loading = True
        try:
            self._fill(value)
        finally:
            self._loading = False

    def _fill(self, value: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        """The JSON answer, or None when the question is unanswered."""
        raise NotImplementedError

    def update_context(self, answers: Mapping[str, Any]) -> None:
        """The whole form changed (rules that depend on other answers); default: nothing."""

    def focus_first(self) -> None:
        for child in self.findChildren(QWidget):
            if child.isVisibleTo(self) and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                child.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _user_edit(self) -> None:
        if not self._loading:
            self.edited.emit()

    def position_of(self, response_id: Any) -> int | None:
        if isinstance(response_id, str) and response_id in self.ids:
            return self.ids.index(response_id)
        return None


class ToggleRow(QWidget):
    """A row of toggle buttons of which at most one is on; clicking the one that is on
    turns it off again, so an optional answer can be cleared with the mouse or Space."""

    picked = Signal()
    """The reviewer turned a button on or off (not emitted by :meth:`set_index`)."""

    def __init__(
        self,
        texts: Sequence[str],
        names: Sequence[str],
        tips: Sequence[str],
        parent: QWidget | None = None,
        *,
        expand: bool = False,
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for i, (text, name, tip) in enumerate(zip(texts, names, tips, strict=True)):
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.setAccessibleName(name)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            if expand:
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(partial(self._clicked, i))  # reads the state itself
            layout.addWidget(button)
            self.buttons.append(button)
        if not expand:
            layout.addStretch(1)
        self._index = -1

    def index(self) -> int:
        return self._index

    def set_index(self, index: int) -> None:
        index = index if 0 <= index < len(self.buttons) else -1
        if index != self._index:  # the buttons show ``_index`` already (the next task's
            self._index = index  # form re-filled with the same value touches none)
            self._sync()

    def _sync(self) -> None:
        for i, button in enumerate(self.buttons):
            button.setChecked(i == self._index)

    def choose(self, index: int) -> None:
        """Turn ``index`` on as the reviewer would (emits ``picked`` if it changed)."""
        if index == self._index:
            self._sync()
            return
        self.set_index(index)
        self.picked.emit()

    def _clicked(self, index: int, *_args: object) -> None:
        # The click has already toggled the button; PySide may or may not pass ``checked``.
        self._index = index if self.buttons[index].isChecked() else -1
        self._sync()
        self.picked.emit()


class SpinScale(QWidget):
    """A long rating scale as a spin box; its lowest step, shown as "—", means unset."""

    picked = Signal()
    """The reviewer changed the value (not emitted by :meth:`set_index`)."""

    def __init__(self, low: int, high: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox(self)
        self.spin.setRange(low - 1, high)
        self.spin.setSpecialValueText("—")
        self.spin.setAccessibleName(name)
        self.spin.setToolTip(
            translate(
                "answer_widgets", "{name}: {low} to {high}; the lowest step (—) clears it"
            ).format(name=name, low=low, high=high)
        )
        line_edit = self.spin.lineEdit()
        if line_edit is not None:
            line_edit.setAccessibleName(name)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self._low = low
        self._setting = False
        self.spin.valueChanged.connect(self._changed)

    def index(self) -> int:
        return self.spin.value() - self._low

    def set_index(self, index: int) -> None:
        self._setting = True
        try:
            self.spin.setValue(self._low + index if index >= 0 else self._low - 1)
        finally:
            self._setting = False

    def _changed(self, _value: int) -> None:
        if not self._setting:
            self.picked.emit()


def interactive_children(root: QWidget) -> list[QWidget]:
    """The widgets a reviewer can operate (for checks that each has an accessible name)."""
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds)]


class ComparisonPanel(QFrame):
    """A titled, keyboard-reachable rich-text panel shown beside the reviewer's own answer
    after they submit it (a calibration round's expected answer, an AI judge's verdict):
    hidden until something is revealed, its text readable by screen readers."""

    def __init__(self, title: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = bold_label(title)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.setAccessibleName(accessible_name)
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        self.hide()

    def text(self) -> str:
        return str(self.browser.toPlainText())
