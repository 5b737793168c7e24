"""The rubric editor: grade each response against the task's criteria, by keyboard.

The criteria of the response in focus are a list (a model and a painting delegate, so a
task of 50 criteria fills in a fraction of a millisecond and only the rows on screen are
drawn). Each row shows the grade in words (✓ Met, ✗ Not met, – N/A, ○ Open), the points
(a penalty as "⊖ Penalty −5", never by colour alone), the tags and the start of the
criterion; the full text of the current criterion is shown below the list with its note.

Keys while the list has focus: Up/Down move between criteria, Y met, N not met, "-" not
applicable (each then moves to the next criterion), Backspace or Delete clear the grade,
Enter writes the note of the current criterion (Enter or Escape come back to the list),
Tab / Shift+Tab go to the next / previous response (past the last one, Tab leaves the
list), U shows the open criteria only.

The answer is ``{"<response id>": {"<criterion id>": {"met": true|false|null, "note":
"..."}}}`` (null is not applicable); the score of each response is
:func:`docket.core.rubric.rubric_score`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QStaticText,
    QTextLayout,
    QTextOption,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import blinded_label
from docket.core.rubric import MAX_NOTE_CHARS, Criterion, Grade, RubricScore, rubric_score
from docket.core.schema import RubricQuestion
from docket.ui.answer_widgets import QuestionEditor, bold_label, muted_label, response_name
from docket.ui.core_texts import capitalised, shown
from docket.ui.i18n import QT_TRANSLATE_NOOP, Plural, english_plural, translate
from docket.ui.text_edit import PlainTextEdit

MINUS = "\u2212"
"""The minus sign (not a hyphen) in points and percentages."""

VISIBLE_ROWS = 7
"""Criteria shown at once in a long rubric (the list scrolls; a short one shows all)."""

PREVIEW_LINES = 2
"""Lines of criterion text in a row; the whole text is shown below the list."""

PREVIEW_CHARS = 2000
"""Characters of a criterion whose spaces are folded for its row (it shows far fewer)."""

TOOLTIP_CHARS = 600
MAX_LISTED_OPEN = 12
"""Open criteria named in a validation message before "and N more"."""

CRITERION_ROLE = Qt.ItemDataRole.UserRole
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2

NOTE_LABEL = QT_TRANSLATE_NOOP(
    "answer_rubric", "Note on this criterion (Enter in the list; Enter or Esc returns to it)"
)

OPEN = object()
"""The grade of a criterion not graded yet (distinct from None, not applicable)."""


def grade_words(grade: Grade | object) -> tuple[str, str]:
    """(symbol, word) of a grade: ✓ Met, ✗ Not met, – N/A, ○ Open (not graded yet)."""
    if grade is True:
        return "✓", translate("answer_rubric", "Met")
    if grade is False:
        return "✗", translate("answer_rubric", "Not met")
    if grade is None:
        return "–", translate("answer_rubric", "N/A")
    return "○", translate("answer_rubric", "Open")


def points_words(points: int) -> str:
    """``+5 points``, or for a penalty "⊖ Penalty −5" (a sign, a word and the number)."""
    if points < 0:
        return translate("answer_rubric", "⊖ Penalty {points}").format(points=f"{MINUS}{-points}")
    return (
        translate("answer_rubric", "+{n} point")
        if points == 1
        else translate("answer_rubric", "+{n} points")
    ).format(n=points)


def percent(value: float) -> str:
    number = round(value * 100)
    return f"{MINUS}{-number} %" if number < 0 else f"{number} %"


def score_words(score: RubricScore) -> str:
    """The score as shown: clipped to 0–100 %, with the raw value when it is below 0."""
    if not score.possible or math.isnan(score.raw):
        return translate("answer_rubric", "no score (no positive points)")
    text = percent(score.value)
    if score.raw < 0:
        raw = percent(score.raw)
        if raw == "0 %":  # a penalty a little larger than what was met: say so
            raw = f"{MINUS}{-score.raw * 100:.1f} %"
        text += " " + translate("answer_rubric", "(raw {raw})").format(raw=raw)
    return text


def detail_text(criterion: Criterion) -> str:
    """What the box below the list shows of the current criterion: its tags, its text."""
    tags = (
        translate("answer_rubric", "Tags: {tags}").format(tags=", ".join(criterion.tags))
        if criterion.tags
        else translate("answer_rubric", "No tags")
    )
    return f"{tags}\n\n{criterion.text}"


def row_tags(tags: Sequence[str]) -> list[str]:
    """The tags in a row: HealthBench's ``level:`` tag (on every criterion) last, so the
    axis and theme show first in a narrow panel; the detail lists them as given."""
    return sorted(tags, key=lambda t: t.startswith("level:"))


def one_line(text: str) -> str:
    return " ".join(text[: PREVIEW_CHARS * 2].split())[:PREVIEW_CHARS]


def preview_lines(text: str, font: QFont, width: int, lines: int = PREVIEW_LINES) -> list[str]:
    """``text`` wrapped to ``width`` pixels in at most ``lines`` lines, the last elided
    when more follows. Only as much text as the lines could hold is laid out (a cluster
    criterion runs to 3 KB)."""
    if width <= 0:
        return []
    metrics = QFontMetrics(font)
    budget = int(width / max(1, metrics.averageCharWidth()) * 2.2 * lines) + 8
    cut = len(text) > budget
    text = text[:budget]
    layout = QTextLayout(text, font)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) < lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if not spans:
        return []
    out = [text[start : start + length].rstrip() for start, length in spans[:-1]]
    rest = text[spans[-1][0] :].rstrip() + ("…" if cut else "")
    out.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return out


# --- the list of criteria --------------------------------------------------------------------


class CriteriaModel(QAbstractListModel):
    """The criteria shown for one response: ``visible`` indexes ``criteria`` (after the
    tag and "open only" filters); ``entries`` are that response's grades by criterion id
    (the editor's own dict, read here, written by the editor)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criteria: tuple[Criterion, ...] = ()
        self.entries: dict[str, dict[str, Any]] = {}
        self.visible: list[int] = []

    def set_content(
        self,
        criteria: tuple[Criterion, ...],
        entries: dict[str, dict[str, Any]],
        visible: list[int],
    ) -> None:
        self.beginResetModel()
        self.criteria, self.entries, self.visible = criteria, entries, visible
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def criterion(self, row: int) -> Criterion:
        return self.criteria[self.visible[row]]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.visible):
            return None
        number = self.visible[index.row()]
        c = self.criteria[number]
        if role == CRITERION_ROLE:
            return c
        if role == ENTRY_ROLE:
            return self.entries.get(c.id)
        if role == NUMBER_ROLE:
            return number + 1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            entry = self.entries.get(c.id)
            _sym, word = grade_words(entry["met"] if entry else OPEN)
            note = (
                " " + translate("answer_rubric", "Has a note.")
                if entry and entry.get("note")
                else ""
            )
            return f"{number + 1}. {word}. {points_words(c.points)}. {one_line(c.text)}{note}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = c.text if len(c.text) <= TOOLTIP_CHARS else c.text[:TOOLTIP_CHARS] + "…"
            more = (
                " " + translate("answer_rubric", "(the whole text is below the list)")
                if len(c.text) > TOOLTIP_CHARS
                else ""
            )
            tags = f"<br><i>{html.escape(', '.join(c.tags))}</i>" if c.tags else ""
            return (
                f"<p style='white-space:pre-wrap'><b>{number + 1}. "
                f"{html.escape(points_words(c.points))}</b>{tags}<br>"
                f"{html.escape(text)}{html.escape(more)}</p>"
            )
        return None

    # flags(): QAbstractListModel's own (enabled, selectable), in C++: the view asks for
    # them with every row it paints.

    def row_changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.visible[row]
        self.endRemoveRows()


@dataclass(frozen=True, slots=True)
class _Fonts:
    """The fonts and measures a row is painted with (kept per view font)."""

    plain: QFont
    bold: QFont
    key: str
    line: int
    """Line spacing."""
    offset: int
    """From the top of a line to the top of its text."""
    ascent: int
    number_w: int
    grade_w: int
    note_w: int
    metrics: QFontMetrics
    bold_metrics: QFontMetrics


class CriterionDelegate(QStyledItemDelegate):
    """Paints a criterion in three lines: its number, then the grade (symbol and word),
    the points (penalties as "⊖ Penalty −5"), the tags and a note mark; below, the start
    of the criterion. Every row has the same height, so the list lays out at once.

    The short pieces are cached :class:`QStaticText` (laid out once: grades, points,
    numbers and tag lists repeat across tasks); the two lines of a criterion are cut to
    fit once and drawn as text."""

    PAD = 5

    @property
    def NOTE(self) -> str:
        return "✎ " + translate("answer_rubric", "note")

    _BACKGROUND = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[tuple[str, bool, str], QStaticText] = {}
        self._lines: dict[tuple[str, int, str], list[str]] = {}
        self._fonts: dict[str, _Fonts] = {}
        self._tag_texts: dict[tuple[tuple[str, ...], int, str], QStaticText] = {}

    def row_height(self, metrics: QFontMetrics) -> int:
        return metrics.lineSpacing() * (1 + PREVIEW_LINES) + 2 * self.PAD + 2

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, self.row_height(option.fontMetrics))

    def fonts(self, font: QFont) -> _Fonts:
        key = font.key()
        got = self._fonts.get(key)
        if got is None:
            plain = QFont(font)
            bold = QFont(font)
            bold.setBold(True)
            metrics, bold_metrics = QFontMetrics(plain), QFontMetrics(bold)
            got = self._fonts[key] = _Fonts(
                plain,
                bold,
                key,
                metrics.lineSpacing(),
                max(0, (metrics.lineSpacing() - metrics.height()) // 2),
                metrics.ascent(),
                metrics.horizontalAdvance("200") + 2 * self.PAD,
                metrics.horizontalAdvance("✗ " + grade_words(False)[1])
                + metrics.horizontalAdvance("M") * 2,
                metrics.horizontalAdvance(self.NOTE) + self.PAD,
                metrics,
                bold_metrics,
            )
        return got

    def _static(self, text: str, fonts: _Fonts, bold: bool = False) -> QStaticText:
        key = (text, bold, fonts.key)
        got = self._texts.get(key)
        if got is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            got = QStaticText(text)
            got.setTextFormat(Qt.TextFormat.PlainText)
            got.prepare(QTransform(), fonts.bold if bold else fonts.plain)
            self._texts[key] = got
        return got

    def _tags(self, tags: tuple[str, ...], fonts: _Fonts, width: int) -> QStaticText:
        key = (tags, width, fonts.key)
        got = self._tag_texts.get(key)
        if got is None:
            if len(self._tag_texts) > 2000:
                self._tag_texts.clear()
            text = "  ·  " + " · ".join(row_tags(tags))
            elided = fonts.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            got = self._tag_texts[key] = self._static(elided, fonts)
        return got

    def _preview(self, criterion: Criterion, fonts: _Fonts, width: int) -> list[str]:
        key = (criterion.id, width, fonts.key)
        got = self._lines.get(key)
        if got is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            got = self._lines[key] = preview_lines(one_line(criterion.text), fonts.plain, width)
        return got

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The option as the view gives it (state, rect, palette, font): asking the model
        # for every role (initStyleOption) would cost more than the painting.
        widget = option.widget
        state = option.state
        if widget is not None and state & self._BACKGROUND:  # else nothing to draw
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        model = index.model()
        if not isinstance(model, CriteriaModel):
            return
        row = index.row()
        criterion = model.criterion(row)
        entry = model.entries.get(criterion.id)
        number = model.visible[row] + 1
        f = self.fonts(option.font)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        group = QPalette.ColorGroup.Active
        if state & QStyle.StateFlag.State_Selected:
            text_colour = muted = palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            text_colour = palette.color(group, QPalette.ColorRole.Text)
            muted = palette.color(group, QPalette.ColorRole.PlaceholderText)
        pad = self.PAD
        left = rect.left() + pad
        right = rect.right() - pad
        top = rect.top() + pad + f.offset
        text_left = left + f.number_w
        painter.save()
        # The criterion's number, its grade in words, its points (a penalty in words), its
        # tags, and a mark for a note; then the start of its text.
        painter.setFont(f.plain)
        painter.setPen(muted)
        painter.drawStaticText(left, top, self._static(str(number), f))
        note_w = 0
        if entry and entry.get("note"):
            note_w = f.note_w
            painter.drawStaticText(
                right - f.metrics.horizontalAdvance(self.NOTE), top, self._static(self.NOTE, f)
            )
        symbol, word = grade_words(entry["met"] if entry else OPEN)
        graded = entry is not None
        painter.setFont(f.bold if graded else f.plain)
        painter.setPen(text_colour if graded else muted)
        painter.drawStaticText(text_left, top, self._static(f"{symbol} {word}", f, graded))
        points = points_words(criterion.points)
        points_left = text_left + f.grade_w
        painter.setFont(f.bold)
        painter.setPen(text_colour)
        painter.drawStaticText(points_left, top, self._static(points, f, True))
        if criterion.tags:
            tags_left = points_left + f.bold_metrics.horizontalAdvance(points)
            tags_w = right - note_w - tags_left
            if tags_w > 0:
                painter.setFont(f.plain)
                painter.setPen(muted)
                painter.drawStaticText(tags_left, top, self._tags(criterion.tags, f, tags_w))
        painter.setFont(f.plain)
        painter.setPen(text_colour)
        width = right - text_left
        baseline = top + f.ascent
        for i, line in enumerate(self._preview(criterion, f, width)):
            # drawText: the first paint of a new criterion is what a next task waits for.
            painter.drawText(text_left, baseline + f.line * (1 + i), line)
        painter.restore()


class CriteriaList(QListView):
    """The list of criteria; its keys are the editor's (see :meth:`RubricEditor.handle_key`)."""

    def __init__(self, editor: RubricEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setObjectName("criteria")

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab go to the next / previous response before leaving the list.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            plain = mods == Qt.KeyboardModifier.NoModifier
            if key == Qt.Key.Key_Tab and plain and self._editor.step_response(1):
                return True
            shifted = plain or mods == Qt.KeyboardModifier.ShiftModifier
            if key == Qt.Key.Key_Backtab and shifted and self._editor.step_response(-1):
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._editor.handle_key(event):
            super().keyPressEvent(event)


class TagBox(QComboBox):
    """The tag filter. Its list is filled when the reviewer first reaches it (focus, a
    key, a click, the wheel), not with every task: most tasks are graded unfiltered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending: list[tuple[str, str]] = []

    def set_tags(self, everything: str, tags: list[tuple[str, str]]) -> None:
        """Show ``everything`` (no filter); ``tags`` are ``(label, tag)`` to offer."""
        self.blockSignals(True)
        try:
            if self.count() > 1:
                self.clear()
            if self.count():
                self.setItemText(0, everything)
            else:
                self.addItem(everything, None)
            self.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self._pending = tags

    def populate(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self.blockSignals(True)
            try:
                for label, tag in pending:
                    self.addItem(label, tag)
            finally:
                self.blockSignals(False)

    def showPopup(self) -> None:
        self.populate()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.populate()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.populate()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.populate()
        super().wheelEvent(event)


class NoteEdit(PlainTextEdit):
    """The note of the current criterion: Enter or Escape go back to the list (the note
    is kept as typed); Shift+Enter starts a new line."""

    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape or (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier
        ):
            self.leave.emit()
            event.accept()
            return
        super().keyPressEvent(event)


# --- the editor ------------------------------------------------------------------------------


class RubricEditor(QuestionEditor):
    """Grades per response and criterion, with notes. See the module docstring."""

    def __init__(self, question: RubricQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.rubric = question
        self.criteria: tuple[Criterion, ...] = question.criteria
        self.entries: list[dict[str, dict[str, Any]]] = [{} for _ in range(count)]
        self.position = 0
        self.tag: str | None = None
        self.open_only = False
        self._fresh = True
        self._filling = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        # Which response is graded, with each one's live score and progress.
        switcher = QHBoxLayout()
        switcher.setSpacing(4)
        self.response_group = QButtonGroup(self)
        self.response_group.setExclusive(True)
        self.response_buttons: list[QToolButton] = []
        for position in range(count):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setToolTip(
                translate(
                    "answer_rubric", "Grade {name} (Tab / Shift+Tab in the list of criteria)"
                ).format(name=response_name(position))
            )
            self.response_group.addButton(button, position)
            switcher.addWidget(button)
            self.response_buttons.append(button)
        self.response_group.idClicked.connect(self.show_response)
        layout.addLayout(switcher)
        self.summary = bold_label("", self)
        self.summary.setAccessibleName(
            translate("answer_rubric", "Score and progress of the response graded")
        )
        layout.addWidget(self.summary)

        # Filters.
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.tag_box = TagBox(self)
        self.tag_box.setAccessibleName(translate("answer_rubric", "Show criteria with the tag"))
        self.tag_box.setToolTip(translate("answer_rubric", "Show only the criteria with this tag"))
        self.tag_box.view().setAccessibleName(translate("answer_rubric", "Tags of the criteria"))
        self.tag_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_box.setMinimumContentsLength(12)
        self.tag_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tag_box.currentIndexChanged.connect(self._tag_chosen)
        filters.addWidget(self.tag_box, 1)
        self.open_box = QCheckBox(translate("answer_rubric", "Open only (U)"), self)
        self.open_box.setAccessibleName(
            translate("answer_rubric", "Show only the criteria not graded yet")
        )
        self.open_box.setToolTip(
            translate(
                "answer_rubric", "Show only the criteria not graded yet for this response (U)"
            )
        )
        self.open_box.toggled.connect(self._open_toggled)
        filters.addWidget(self.open_box)
        layout.addLayout(filters)

        # The criteria.
        self.model = CriteriaModel(self)
        self.delegate = CriterionDelegate(self)
        self.view = CriteriaList(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setToolTip(
            translate(
                "answer_rubric",
                "Y met · N not met · − not applicable · Backspace clears · Enter writes a note · "
                "Tab / Shift+Tab next / previous response · U open criteria only",
            )
        )
        self.view.setAccessibleDescription(self.view.toolTip())
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        layout.addWidget(self.view)
        self.keys = muted_label(
            translate(
                "answer_rubric",
                "Keys: Y met · N not met · − not applicable (then the next criterion) · "
                "Enter note · Tab next response · U open only.",
            ),
            self,
        )
        layout.addWidget(self.keys)

        # The current criterion in full, and its note.
        self.detail_head = bold_label("", self)
        self.detail_head.setAccessibleName(translate("answer_rubric", "Current criterion"))
        layout.addWidget(self.detail_head)
        # A read-only text box of fixed height (a long cluster criterion scrolls in it):
        # showing another criterion lays out no more than the lines in view.
        self.detail_text = PlainTextEdit(self)
        self.detail_text.setReadOnly(True)
        self.detail_text.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.detail_text.setAccessibleName(
            translate("answer_rubric", "Full text of the current criterion")
        )
        self.detail_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.detail_text.viewport().setAutoFillBackground(False)
        self.detail_text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.addWidget(self.detail_text)
        self.note_label = QLabel(translate("answer_rubric", NOTE_LABEL), self)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.note = NoteEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(translate("answer_rubric", "Note on the current criterion"))
        self.note.setToolTip(
            translate(
                "answer_rubric", "Enter or Escape: back to the criteria; Shift+Enter: a new line"
            )
        )
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.note.textChanged.connect(self._note_changed)
        self.note.leave.connect(self._leave_note)
        self.note_label.setBuddy(self.note)
        layout.addWidget(self.note)
        self._size_to_font()
        self._refresh_all()

    # --- sizes -----------------------------------------------------------------------------

    def _size_list(self) -> None:
        rows = max(1, min(len(self.criteria) or VISIBLE_ROWS, VISIBLE_ROWS))
        height = self.delegate.row_height(self.view.fontMetrics()) * rows
        height += 2 * self.view.frameWidth()
        if self.view.height() != height or self.view.minimumHeight() != height:
            self.view.setFixedHeight(height)

    def _size_to_font(self) -> None:
        metrics = self.fontMetrics()
        self._size_list()
        # Two lines kept for the lines that change with every grade and criterion, so
        # that their text changing does not move (and repaint) the rest of the form.
        for label in (self.summary, self.detail_head):
            two = QFontMetrics(label.font()).boundingRect(
                QRect(0, 0, 1000, 1000), Qt.TextFlag.TextWordWrap, "Xy\nXy"
            )
            label.setMinimumHeight(two.height() + 2)
        self.detail_text.setFixedHeight(metrics.lineSpacing() * 8 + 8)
        self.note.setFixedHeight(metrics.lineSpacing() * 3 + 14)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_to_font()
        super().changeEvent(event)

    # --- filling ---------------------------------------------------------------------------

    def set_question(self, question: RubricQuestion) -> None:
        """The task's rubric (the form is shared by tasks whose questions differ only in
        their criteria): the next :meth:`load` shows these criteria."""
        self.rubric = self.question = question
        if question.criteria != self.criteria:
            self._fresh = True
            self.criteria = question.criteria
            self._size_list()

    def load(self, order: Any, value: Any) -> None:
        if tuple(order.order) != self.ids:
            self._fresh = True
        super().load(order, value)

    def _fill(self, value: Any) -> None:
        known = {c.id for c in self.criteria}
        got = value if isinstance(value, Mapping) else {}
        self.entries = []
        for position in range(self.count):
            rid = self.ids[position] if position < len(self.ids) else None
            per = got.get(rid) if rid is not None else None
            entries: dict[str, dict[str, Any]] = {}
            if isinstance(per, Mapping):
                for cid, entry in per.items():
                    if cid not in known or not isinstance(entry, Mapping) or "met" not in entry:
                        continue
                    met = entry["met"]
                    if met is not None and not isinstance(met, bool):
                        continue
                    kept: dict[str, Any] = {"met": met}
                    note = entry.get("note")
                    if isinstance(note, str) and note:
                        kept["note"] = note
                    entries[cid] = kept
            self.entries.append(entries)
        row = self.view.currentIndex().row()
        if self._fresh:
            self._fresh = False
            self.position, self.tag, self.open_only, row = 0, None, False, 0
            self._fill_tags()
        self.open_box.blockSignals(True)
        self.open_box.setChecked(self.open_only)
        self.open_box.blockSignals(False)
        self._show(keep_row=max(row, 0))

    def _fill_tags(self) -> None:
        counts: dict[str, int] = {}
        for c in self.criteria:
            for t in c.tags:
                counts[t] = counts.get(t, 0) + 1
        self.tag_box.set_tags(
            english_plural(
                Plural.tr("All tags (%n criterion(s))", "", len(self.criteria)),
                len(self.criteria),
            ),
            [(f"{t} ({n})", t) for t, n in counts.items()],
        )
        if self.tag_box.isHidden() == bool(counts):
            self.tag_box.setVisible(bool(counts))

    def _visible(self) -> list[int]:
        entries = self.entries[self.position] if self.entries else {}
        return [
            i
            for i, c in enumerate(self.criteria)
            if (self.tag is None or self.tag in c.tags) and not (self.open_only and c.id in entries)
        ]

    def _show(self, keep_row: int = 0, keep_criterion: str | None = None) -> None:
        """Fill the list for the response in focus and the filters; the current row is
        ``keep_criterion`` when it is shown, else the row ``keep_row`` (or the last)."""
        visible = self._visible()
        entries = self.entries[self.position] if self.entries else {}
        self.model.set_content(self.criteria, entries, visible)
        row = keep_row
        if keep_criterion is not None:
            ids = [self.criteria[i].id for i in visible]
            if keep_criterion in ids:
                row = ids.index(keep_criterion)
            else:  # the next one after it in the full order, if any
                target = next(
                    (i for i, c in enumerate(self.criteria) if c.id == keep_criterion), -1
                )
                row = next((r for r, i in enumerate(visible) if i > target), len(visible) - 1)
        row = min(row, len(visible) - 1)
        if row >= 0:
            self._filling = True  # the detail is refreshed once, below
            try:
                self.view.setCurrentIndex(self.model.index(row, 0))
            finally:
                self._filling = False
        self._refresh_all()

    # --- reading ---------------------------------------------------------------------------

    def value(self) -> Any:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for position, entries in enumerate(self.entries):
            if entries and position < len(self.ids):
                out[self.ids[position]] = {cid: dict(e) for cid, e in entries.items()}
        return out or None

    def grades(self, position: int) -> dict[str, Grade]:
        return {cid: e["met"] for cid, e in self.entries[position].items()}

    def score_of(self, position: int) -> RubricScore:
        return rubric_score(self.criteria, self.grades(position))

    def current_criterion(self) -> Criterion | None:
        index = self.view.currentIndex()
        return self.model.criterion(index.row()) if index.isValid() else None

    def progress_text(self, position: int | None = None) -> str:
        p = self.position if position is None else position
        return translate("answer_rubric", "{graded} / {total} graded").format(
            graded=len(self.entries[p]) if self.entries else 0, total=len(self.criteria)
        )

    # --- showing ---------------------------------------------------------------------------

    def _refresh_all(self) -> None:
        self._refresh_scores()
        self._refresh_detail()

    def _refresh_scores(self) -> None:
        total = len(self.criteria)
        for position, button in enumerate(self.response_buttons):
            label = blinded_label(position)
            if position < len(self.entries) and total:
                score = self.score_of(position)
                graded = len(self.entries[position])
                words = score_words(score)
                short = words if score.possible else translate("answer_rubric", "no score")
                button.setText(f"{label}  {short.split(' (')[0]}\n{graded} / {total}")
                button.setAccessibleName(
                    translate(
                        "answer_rubric", "{name}: score {words}, {graded} of {total} graded"
                    ).format(name=response_name(position), words=words, graded=graded, total=total)
                )
            else:
                button.setText(label)
                button.setAccessibleName(response_name(position))
            button.setChecked(position == self.position)
        if not self.entries or not total:
            self.summary.setText(translate("answer_rubric", "No criteria for this task."))
            return
        score = self.score_of(self.position)
        achieved = f"{MINUS}{-score.achieved}" if score.achieved < 0 else str(score.achieved)
        points = (
            " "
            + translate("answer_rubric", "({achieved} of {possible} points)").format(
                achieved=achieved, possible=score.possible
            )
            if score.possible
            else ""
        )
        self.summary.setText(
            f"{response_name(self.position)}: {score_words(score)}{points} · {self.progress_text()}"
        )
        shown = self.model.rowCount()
        filtered = self.tag is not None or self.open_only
        name = response_name(self.position)
        self.view.setAccessibleName(
            translate("answer_rubric", "Criteria for {name}, {shown} of {total} shown").format(
                name=name, shown=shown, total=total
            )
            if filtered
            else translate("answer_rubric", "Criteria for {name}").format(name=name)
        )

    def _refresh_detail(self) -> None:
        criterion = self.current_criterion()
        self.note.blockSignals(True)
        try:
            if criterion is None:
                empty = (
                    translate("answer_rubric", "No criterion matches the filter.")
                    if self.criteria
                    else translate("answer_rubric", "This task has no criteria.")
                )
                if self.open_only and self.criteria:
                    empty = translate(
                        "answer_rubric", "Every criterion shown is graded for {name}."
                    ).format(name=response_name(self.position))
                self.detail_head.setText(empty)
                self.detail_text.setPlainText("")
                self.note.setPlainText("")
                self.note.setReadOnly(True)
                self.note.setPlaceholderText("")
                return
            number = self.model.visible[self.view.currentIndex().row()] + 1
            entry = self.entries[self.position].get(criterion.id)
            symbol, word = grade_words(entry["met"] if entry else OPEN)
            self.detail_head.setText(
                translate(
                    "answer_rubric",
                    "Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}",
                ).format(
                    number=number,
                    n_criteria=len(self.criteria),
                    points=points_words(criterion.points),
                    symbol=symbol,
                    word=word,
                    name=response_name(self.position),
                )
            )
            full = detail_text(criterion)
            if self.detail_text.toPlainText() != full:
                self.detail_text.setPlainText(full)
            note = entry.get("note", "") if entry else ""
            if self.note.toPlainText() != note:
                self.note.setPlainText(note)
            # Read-only rather than disabled: it keeps the theme's colours, and says why.
            self.note.setReadOnly(entry is None)
            where = translate("answer_rubric", "criterion {number}, {name}").format(
                number=number, name=response_name(self.position)
            )
            self.note.setAccessibleName(
                translate("answer_rubric", "Note on {where}").format(where=where)
            )
            self.note.setPlaceholderText(
                translate(
                    "answer_rubric", "Note on criterion {number} (optional; Enter in the list)"
                ).format(number=number)
                if entry is not None
                else translate(
                    "answer_rubric",
                    "Grade this criterion first (Y, N or −); then Enter writes a note.",
                )
            )
        finally:
            self.note.blockSignals(False)

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._filling:
            self._refresh_detail()

    # --- the reviewer's actions ------------------------------------------------------------

    def show_response(self, position: int) -> None:
        """Grade the response at ``position`` (display order), on the same criterion."""
        if not 0 <= position < self.count:
            return
        keep = self.current_criterion()
        row = self.view.currentIndex().row()
        self.position = position
        self._show(keep_row=max(row, 0), keep_criterion=keep.id if keep else None)

    def step_response(self, delta: int) -> bool:
        """Tab / Shift+Tab: the next / previous response; False past the last / first."""
        target = self.position + delta
        if not 0 <= target < min(self.count, len(self.ids) or self.count):
            return False
        self.show_response(target)
        return True

    def grade(self, grade: Grade, *, advance: bool = True) -> bool:
        """Grade the current criterion for the response in focus (and move on)."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.entries:
            return False
        row = index.row()
        criterion = self.model.criterion(row)
        entries = self.entries[self.position]
        entry = entries.setdefault(criterion.id, {"met": grade})
        entry["met"] = grade
        if self.open_only:
            self.model.remove_row(row)
            row = min(row, self.model.rowCount() - 1)
        else:
            self.model.row_changed(row)
            if advance and row + 1 < self.model.rowCount():
                row += 1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._refresh_all()
        self._user_edit()
        return True

    def clear_grade(self) -> bool:
        criterion = self.current_criterion()
        if criterion is None or criterion.id not in self.entries[self.position]:
            return False
        del self.entries[self.position][criterion.id]
        self.model.row_changed(self.view.currentIndex().row())
        self._refresh_all()
        self._user_edit()
        return True

    def edit_note(self) -> bool:
        """Enter: write the note of the current criterion (once it is graded)."""
        criterion = self.current_criterion()
        if criterion is None:
            return False
        if criterion.id not in self.entries[self.position]:
            self.detail_head.setText(
                translate("answer_rubric", "{criterion} — grade it first (Y, N or −).").format(
                    criterion=self.detail_head.text().split(" — ")[0]
                )
            )
            return True
        self.note.setReadOnly(False)
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        self.note.moveCursor(self.note.textCursor().MoveOperation.End)
        return True

    def _leave_note(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _note_changed(self) -> None:
        criterion = self.current_criterion()
        if criterion is None:
            return
        entry = self.entries[self.position].get(criterion.id)
        if entry is None:
            return
        text = self.note.toPlainText()[:MAX_NOTE_CHARS]
        if text.strip():
            entry["note"] = text
        else:
            entry.pop("note", None)
        self.model.row_changed(self.view.currentIndex().row())
        self._user_edit()

    def _tag_chosen(self, index: int) -> None:
        data = self.tag_box.itemData(index)
        self.tag = data if isinstance(data, str) else None
        keep = self.current_criterion()
        self._show(keep_criterion=keep.id if keep else None)

    def _open_toggled(self, on: bool) -> None:
        self.open_only = on
        keep = self.current_criterion()
        self._show(keep_criterion=keep.id if keep else None)

    def toggle_open_only(self) -> None:
        self.open_box.setChecked(not self.open_box.isChecked())

    def handle_key(self, event: QKeyEvent) -> bool:
        """The list's keys (see the module docstring); False for the list's own."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        key = event.key()
        text = event.text().lower()
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.edit_note()
        if text == "y":
            return self.grade(True)
        if text == "n":
            return self.grade(False)
        if text in ("-", MINUS) or key == Qt.Key.Key_Minus:
            return self.grade(None)
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            return self.clear_grade()
        if text == "u":
            self.toggle_open_only()
            return True
        return False

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    # --- validation ------------------------------------------------------------------------

    def describe_issues(self, issues: Sequence[tuple[str, str]]) -> list[str]:
        """Validation problems in the reviewer's words: per response, which criteria (by
        number) are still open, and any other problem with the criterion's number."""
        numbers = {c.id: i + 1 for i, c in enumerate(self.criteria)}
        prefix = f"{self.question.id}."
        open_: dict[int, list[int]] = {}
        out: list[str] = []
        for field, message in issues:
            rest = field[len(prefix) :] if field.startswith(prefix) else ""
            position = next(
                (p for p, rid in enumerate(self.ids) if rest == rid or rest.startswith(rid + ".")),
                None,
            )
            if position is None:
                text = capitalised(shown(message))
                if field == self.question.id and message.startswith("none of the"):
                    text += " " + translate("answer_rubric", "(Y, N or −)")
                out.append(text)
                continue
            who = response_name(position)
            cid = rest[len(self.ids[position]) + 1 :]
            if not cid:
                if "not graded yet" not in message:
                    out.append(f"{who}: {shown(message)}")
                continue
            note = cid.endswith(".note") and cid[: -len(".note")] in numbers
            base = cid[: -len(".note")] if note else cid
            if message == "not graded yet" and base in numbers:
                open_.setdefault(position, []).append(numbers[base])
            elif base in numbers:
                template = (
                    translate("answer_rubric", "{who}, criterion {number} (its note): {message}")
                    if note
                    else translate("answer_rubric", "{who}, criterion {number}: {message}")
                )
                out.append(template.format(who=who, number=numbers[base], message=shown(message)))
            else:
                out.append(f"{who}: {shown(message)}")
        listed = [
            translate(
                "answer_rubric",
                "{name}: {open} of {total} criteria still open ({which}; U shows them)",
            ).format(
                name=response_name(p),
                open=len(nums),
                total=len(self.criteria),
                which=_numbers(nums),
            )
            for p, nums in sorted(open_.items())
        ]
        return listed + out


def _numbers(numbers: Sequence[int]) -> str:
    first = sorted(numbers)[:MAX_LISTED_OPEN]
    more = len(numbers) - len(first)
    words = ", ".join(str(n) for n in first)
    if more:
        return translate("answer_rubric", "criteria {numbers} and {more} more").format(
            numbers=words, more=more
        )
    return translate("answer_rubric", "criteria {numbers}").format(numbers=words)


__all__ = [
    "CriteriaModel",
    "CriterionDelegate",
    "RubricEditor",
    "grade_words",
    "points_words",
    "preview_lines",
    "score_words",
]
