"""The rubric-writing editor: the expert writes the criteria for the task.

Each criterion has its text, points from −10 to +10 (negative: a penalty when a response
does it) and tags, from the question's list (or free, when the list is empty). The rules
are :func:`docket.core.rubric.criteria_problems`, the same as ``docket pack`` applies, and
they are shown as the expert types, next to the criterion at fault.

Keys: Ctrl+N adds a criterion (and puts the cursor in its text); in the list of criteria,
Up/Down choose one, Alt+Up / Alt+Down move it, Delete removes it, Enter edits its text.
The answer is a list of ``{"text", "points", "tags"}`` (the ids are derived from the text
by the core; an id a loaded answer carried is kept).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from docket.core.rubric import MAX_POINTS, MIN_POINTS, criteria_problems
from docket.core.schema import RubricWritingQuestion
from docket.reasons import Reason
from docket.ui.answer_rubric import MINUS, one_line, points_words
from docket.ui.answer_widgets import QuestionEditor, bold_label, muted_label
from docket.ui.core_texts import capitalised, shown
from docket.ui.i18n import Plural, english_plural, translate
from docket.ui.text_edit import PlainTextEdit

ADD_KEY = "Ctrl+N"
_WHERE = re.compile(r"criteria\[(\d+)\]")
_REPEATS = re.compile(r"repeats criterion (\d+)")


def points_meaning(points: int) -> str:
    """The points in words, next to the spin box."""
    if points > 0:
        return translate(
            "answer_rubric_writing", "A reward: +{points} when a response does this."
        ).format(points=points)
    if points < 0:
        return translate(
            "answer_rubric_writing", "A penalty: {points} when a response does this."
        ).format(points=f"{MINUS}{-points}")
    return translate("answer_rubric_writing", "0 points: counts neither for nor against.")


def reword(message: str) -> str:
    """``criteria[3] has no criterion text`` -> ``Criterion 4 has no criterion text``: the
    core counts from 0 (as paths do), the expert from 1; in the interface's language."""
    if isinstance(message, Reason):
        fields: dict[str, Any] = {}
        where = message.fields.get("where")
        found = _WHERE.fullmatch(where) if isinstance(where, str) else None
        if found:
            fields["where"] = _criterion(int(found.group(1)) + 1)
        other = message.fields.get("other")
        if isinstance(other, int):
            fields["other"] = other + 1
        return capitalised(shown(message, **fields))
    text = _WHERE.sub(lambda m: _criterion(int(m.group(1)) + 1), message)
    text = _REPEATS.sub(lambda m: f"repeats criterion {int(m.group(1)) + 1}", text)
    return capitalised(text)


def _criterion(number: int) -> str:
    return translate("answer_rubric_writing", "criterion {n}").format(n=number)


def parse_tags(text: str) -> list[str]:
    """Free tags typed as ``axis:accuracy, theme:emergency`` (blank parts dropped)."""
    out: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag not in out:
            out.append(tag)
    return out


class _Keys(QObject):
    """Reorder / remove / edit keys of the list of criteria."""

    def __init__(self, editor: RubricWritingEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._editor.handle_list_key(event)
        return False


class RubricWritingEditor(QuestionEditor):
    """Criteria written by the expert. See the module docstring."""

    def __init__(
        self, question: RubricWritingQuestion, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(question, count, parent)
        self.writing = question
        self.items: list[dict[str, Any]] = []
        self.problems: dict[int, list[str]] = {}
        self.other_problems: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.summary = muted_label("", self)
        self.summary.setAccessibleName(translate("answer_rubric_writing", "Criteria written"))
        layout.addWidget(self.summary)

        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("answer_rubric_writing", "Criteria, in order"))
        self.list.setToolTip(
            translate(
                "answer_rubric_writing",
                "Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter "
                "edits the text · {ADD_KEY} adds a criterion",
            ).format(ADD_KEY=ADD_KEY)
        )
        self.list.setAccessibleDescription(self.list.toolTip())
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setFixedHeight(self.list.fontMetrics().lineSpacing() * 7 + 12)
        self.list.currentRowChanged.connect(self._row_changed)
        self._keys = _Keys(self)
        self.list.installEventFilter(self._keys)
        layout.addWidget(self.list)

        buttons = QGridLayout()
        buttons.setSpacing(4)
        self.add_button = self._button(
            translate("answer_rubric_writing", "Add criterion"),
            translate("answer_rubric_writing", "Add a criterion ({ADD_KEY})").format(
                ADD_KEY=ADD_KEY
            ),
        )
        self.remove_button = self._button(
            translate("answer_rubric_writing", "Remove"),
            translate("answer_rubric_writing", "Remove the selected criterion (Delete)"),
        )
        self.up_button = self._button(
            translate("answer_rubric_writing", "Move up"),
            translate("answer_rubric_writing", "Move the selected criterion up (Alt+Up)"),
        )
        self.down_button = self._button(
            translate("answer_rubric_writing", "Move down"),
            translate("answer_rubric_writing", "Move the selected criterion down (Alt+Down)"),
        )
        self.add_button.clicked.connect(self.add_criterion)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        layout.addLayout(buttons)
        self.add_shortcut = QShortcut(QKeySequence(ADD_KEY), self)
        self.add_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_shortcut.activated.connect(self.add_criterion)

        # The selected criterion.
        self.heading = bold_label("", self)
        self.heading.setAccessibleName(translate("answer_rubric_writing", "Criterion being edited"))
        layout.addWidget(self.heading)
        # Its fields (hidden while there is no criterion to edit).
        self.form = QWidget(self)
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(6)
        layout.addWidget(self.form)
        text_label = QLabel(translate("answer_rubric_writing", "Text"), self.form)
        form.addWidget(text_label)
        self.text = PlainTextEdit(self.form)
        self.text.setAccessibleName(translate("answer_rubric_writing", "Criterion text"))
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            translate(
                "answer_rubric_writing",
                "What a good response does (or, for a penalty, must not do)",
            )
        )
        self.text.setToolTip(
            translate("answer_rubric_writing", "The criterion (Tab goes to its points)")
        )
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        self.text.textChanged.connect(self._text_changed)
        text_label.setBuddy(self.text)
        form.addWidget(self.text)

        points_row = QHBoxLayout()
        points_label = QLabel(translate("answer_rubric_writing", "Points"), self.form)
        points_row.addWidget(points_label)
        self.points = QSpinBox(self.form)
        self.points.setRange(MIN_POINTS, MAX_POINTS)
        self.points.setAccessibleName(translate("answer_rubric_writing", "Criterion points"))
        self.points.setToolTip(
            translate(
                "answer_rubric_writing",
                "{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a "
                "response does this",
            ).format(MIN_POINTS=MIN_POINTS, MAX_POINTS=MAX_POINTS)
        )
        line_edit = self.points.lineEdit()
        if line_edit is not None:
            line_edit.setAccessibleName(translate("answer_rubric_writing", "Criterion points"))
        self.points.valueChanged.connect(self._points_changed)
        points_label.setBuddy(self.points)
        points_row.addWidget(self.points)
        self.points_words = muted_label("", self.form)
        points_row.addWidget(self.points_words, 1)
        form.addLayout(points_row)

        tags_label = QLabel(translate("answer_rubric_writing", "Tags"), self.form)
        form.addWidget(tags_label)
        self.tag_list: QListWidget | None = None
        self.tag_edit: QLineEdit | None = None
        if question.tags:
            self.tag_list = QListWidget(self.form)
            self.tag_list.setAccessibleName(translate("answer_rubric_writing", "Criterion tags"))
            self.tag_list.setToolTip(
                translate("answer_rubric_writing", "Space ticks or clears the tag")
            )
            for tag in question.tags:
                item = QListWidgetItem(tag)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Unchecked)
                self.tag_list.addItem(item)
            rows = min(len(question.tags), 5)
            self.tag_list.setFixedHeight(self.tag_list.sizeHintForRow(0) * rows + 8)
            self.tag_list.itemChanged.connect(self._tags_changed)
            tags_label.setBuddy(self.tag_list)
            form.addWidget(self.tag_list)
        else:
            self.tag_edit = QLineEdit(self.form)
            self.tag_edit.setAccessibleName(translate("answer_rubric_writing", "Criterion tags"))
            self.tag_edit.setPlaceholderText(
                translate("answer_rubric_writing", "Tags, separated by commas (optional)")
            )
            self.tag_edit.setToolTip(
                translate(
                    "answer_rubric_writing",
                    "Any tags, e.g. axis:accuracy, theme:emergency_referrals",
                )
            )
            self.tag_edit.textEdited.connect(self._tags_changed)
            tags_label.setBuddy(self.tag_edit)
            form.addWidget(self.tag_edit)
        self.issue = QLabel(self)
        self.issue.setWordWrap(True)
        self.issue.setTextFormat(Qt.TextFormat.PlainText)
        self.issue.setProperty("role", "alert")
        self.issue.setAccessibleName(
            translate("answer_rubric_writing", "Problems with this criterion")
        )
        self.issue.hide()
        layout.addWidget(self.issue)
        layout.addWidget(
            muted_label(
                translate(
                    "answer_rubric_writing",
                    "{key} adds a criterion; in the list Alt+Up/Down move it, Delete removes "
                    "it, Enter edits its text.",
                ).format(key=ADD_KEY),
                self,
            )
        )
        self._render()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # --- filling and reading ---------------------------------------------------------------

    def _fill(self, value: Any) -> None:
        self.items = []
        if isinstance(value, list):
            for item in value:
                if not isinstance(item, Mapping):
                    continue
                text = item.get("text", item.get("criterion", ""))
                points = item.get("points", 0)
                tags = item.get("tags", [])
                whole = isinstance(points, int) and not isinstance(points, bool)
                kept: dict[str, Any] = {
                    "text": text if isinstance(text, str) else "",
                    "points": points if whole else 0,
                    "tags": [t for t in tags if isinstance(t, str)]
                    if isinstance(tags, list)
                    else [],
                }
                if isinstance(item.get("id"), str):
                    kept = {"id": item["id"], **kept}
                self.items.append(kept)
        self._render(0 if self.items else -1)

    def value(self) -> Any:
        return [dict(item, tags=list(item["tags"])) for item in self.items] or None

    # --- showing ---------------------------------------------------------------------------

    def _item_text(self, i: int) -> str:
        item = self.items[i]
        mark = "⚠ " if self.problems.get(i) else ""
        text = one_line(item["text"]) or translate("answer_rubric_writing", "(no text yet)")
        tags = f"  [{', '.join(item['tags'])}]" if item["tags"] else ""
        return f"{mark}{i + 1}. {points_words(item['points'])} · {text}{tags}"

    def _check(self) -> None:
        q = self.writing
        self.problems, self.other_problems = {}, []
        for path, message in criteria_problems(self.items, allowed_tags=q.tags, what="criteria"):
            found = _WHERE.match(path)
            if found:
                self.problems.setdefault(int(found.group(1)), []).append(reword(message))
            else:
                self.other_problems.append(reword(message))

    def _render(self, row: int | None = None) -> None:
        """Rebuild the list from ``items`` (a handful of rows) and show ``row``."""
        self._check()
        current = self.list.currentRow() if row is None else row
        self.list.blockSignals(True)
        while self.list.count() > len(self.items):
            self.list.takeItem(self.list.count() - 1)
        while self.list.count() < len(self.items):
            self.list.addItem(QListWidgetItem())
        for i in range(len(self.items)):
            self.list.item(i).setText(self._item_text(i))
            self.list.item(i).setToolTip(self.items[i]["text"][:600])
        current = min(current, len(self.items) - 1)
        self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        self._show_current()
        self._summarise()

    def _summarise(self) -> None:
        n = len(self.items)
        q = self.writing
        bad = len(self.problems) + len(self.other_problems)
        words = english_plural(Plural.tr("%n criterion(s) written", "", n), n)
        if n < q.min_criteria:
            words += " " + translate("answer_rubric_writing", "(at least {n} needed)").format(
                n=q.min_criteria
            )
        if bad:
            which = ", ".join(str(i + 1) for i in sorted(self.problems))
            words += " · " + (
                translate("answer_rubric_writing", "⚠ problems in criterion {which}")
                if len(self.problems) == 1
                else translate("answer_rubric_writing", "⚠ problems in criteria {which}")
            ).format(which=which)
        elif n:
            words += " · " + translate("answer_rubric_writing", "no problems")
        self.summary.setText(words)
        self.add_button.setToolTip(
            translate("answer_rubric_writing", "Add a criterion ({ADD_KEY})").format(
                ADD_KEY=ADD_KEY
            )
            if n < q.max_criteria
            else translate(
                "answer_rubric_writing", "At most {max_criteria} criteria: remove one first"
            ).format(max_criteria=q.max_criteria)
        )

    def _show_current(self) -> None:
        row = self.list.currentRow()
        has = 0 <= row < len(self.items)
        self.form.setVisible(has)
        self.text.blockSignals(True)
        self.points.blockSignals(True)
        try:
            if not has:
                self.heading.setText(
                    translate(
                        "answer_rubric_writing", "No criteria yet: {ADD_KEY} adds one."
                    ).format(ADD_KEY=ADD_KEY)
                )
                self.text.setPlainText("")
                self.points.setValue(0)
                self.points_words.setText("")
                self._set_tags([])
                self._show_problems()
                return
            item = self.items[row]
            self.heading.setText(
                translate("answer_rubric_writing", "Criterion {number} of {n_items}").format(
                    number=row + 1, n_items=len(self.items)
                )
            )
            if self.text.toPlainText() != item["text"]:
                self.text.setPlainText(item["text"])
            self.points.setValue(item["points"])
            self.points_words.setText(points_meaning(item["points"]))
            self._set_tags(item["tags"])
            self._show_problems()
        finally:
            self.text.blockSignals(False)
            self.points.blockSignals(False)

    def _set_tags(self, tags: Sequence[str]) -> None:
        if self.tag_list is not None:
            self.tag_list.blockSignals(True)
            for i in range(self.tag_list.count()):
                item = self.tag_list.item(i)
                on = item.text() in tags
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.tag_list.blockSignals(False)
        elif self.tag_edit is not None:
            text = ", ".join(tags)
            if parse_tags(self.tag_edit.text()) != list(tags):
                self.tag_edit.setText(text)

    def _show_problems(self) -> None:
        row = self.list.currentRow()
        messages = list(self.problems.get(row, [])) + self.other_problems
        text = "\n".join(f"⚠ {m}" for m in messages)
        self.issue.setText(text)
        self.issue.setAccessibleDescription(text)
        self.issue.setVisible(bool(messages))

    def _refresh_row(self) -> None:
        """After an edit of the current criterion: its row, the checks, the summary."""
        self._check()
        for i in range(len(self.items)):
            text = self._item_text(i)
            if self.list.item(i).text() != text:
                self.list.item(i).setText(text)
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self.list.item(row).setToolTip(self.items[row]["text"][:600])
        self._show_problems()
        self._summarise()
        self._user_edit()

    # --- edits -----------------------------------------------------------------------------

    def _row_changed(self, _row: int) -> None:
        self._show_current()

    def _current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _text_changed(self) -> None:
        item = self._current()
        if item is not None:
            item["text"] = self.text.toPlainText()
            self._refresh_row()

    def _points_changed(self, value: int) -> None:
        item = self._current()
        if item is not None:
            item["points"] = value
            self.points_words.setText(points_meaning(value))
            self._refresh_row()

    def _tags_changed(self, *_args: object) -> None:
        item = self._current()
        if item is None:
            return
        if self.tag_list is not None:
            item["tags"] = [
                self.tag_list.item(i).text()
                for i in range(self.tag_list.count())
                if self.tag_list.item(i).checkState() == Qt.CheckState.Checked
            ]
        elif self.tag_edit is not None:
            item["tags"] = parse_tags(self.tag_edit.text())
        self._refresh_row()

    def add_criterion(self) -> None:
        """A new, empty criterion after the last; the cursor goes to its text."""
        if len(self.items) >= self.writing.max_criteria:
            self.heading.setText(
                translate(
                    "answer_rubric_writing", "At most {max_criteria} criteria: remove one first."
                ).format(max_criteria=self.writing.max_criteria)
            )
            return
        self.items.append({"text": "", "points": 0, "tags": []})
        self._render(len(self.items) - 1)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self._user_edit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        del self.items[row]
        self._render(min(row, len(self.items) - 1))
        self._user_edit()

    def move_current(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if not (0 <= row < len(self.items) and 0 <= target < len(self.items)):
            return
        self.items[row], self.items[target] = self.items[target], self.items[row]
        self._render(target)
        self._user_edit()

    def handle_list_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if key == Qt.Key.Key_Delete:
            self.remove_current()
            return True
        if key == Qt.Key.Key_Insert:
            self.add_criterion()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current() is not None:
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def focus_first(self) -> None:
        if self.items:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- validation ------------------------------------------------------------------------

    def describe_issues(self, issues: Sequence[tuple[str, str]]) -> list[str]:
        """Problems from :func:`docket.core.validation.check_answers`, by criterion number."""
        return [reword(message) for _field, message in issues]


__all__ = ["RubricWritingEditor", "parse_tags", "points_meaning", "reword"]
