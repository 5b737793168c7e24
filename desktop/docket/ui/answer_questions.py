"""Editors for the preference, likert, flags, choice and text questions.

Each is built from its schema question for a number of responses and shows responses
by their blinded labels in display order; answers name response ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import blinded_label
from docket.core.schema import (
    TASK_FLAGS_KEY,
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PreferenceQuestion,
    TextQuestion,
)
from docket.ui.answer_widgets import (
    MAX_SCALE_BUTTONS,
    QuestionEditor,
    SpinScale,
    ToggleRow,
    bold_label,
    muted_label,
    pretty,
    response_name,
)
from docket.ui.core_texts import shown
from docket.ui.i18n import english_plural, translate
from docket.ui.text_edit import PlainTextEdit

FLAG_COLUMNS = 3
PII_FLAG = "pii"
"""The response flag the window suggests when the PII detector found something in a
response (:meth:`FlagsEditor.set_pii_hints`)."""


@dataclass(frozen=True, slots=True)
class PreferenceStep:
    """One step of the preference scale: ``better`` is a display position (None = tie)."""

    better: int | None
    strength: str | None
    text: str
    """Button text (may break over two lines)."""
    name: str
    """One-line wording, for the accessible name and tooltip."""


def preference_steps(question: PreferenceQuestion) -> list[PreferenceStep]:
    """The scale from "A much better" to "B much better", strongest preference outermost.

    With exactly the strengths slight and strong, "much better" is strong and "better"
    slight; other strength lists (taken as weakest first) are named explicitly."""
    strengths = question.strengths
    # (strength, the step's one-line name, its button text broken over two lines)
    side: list[tuple[str, str, str]]
    much = translate("answer_questions", "{label} much better")
    better = translate("answer_questions", "{label} better")
    if len(strengths) == 2 and set(strengths) == {"slight", "strong"}:
        side = [
            ("strong", much, translate("answer_questions", "{label} much\nbetter")),
            ("slight", better, translate("answer_questions", "{label}\nbetter")),
        ]
    elif len(strengths) == 1:
        side = [(strengths[0], better, translate("answer_questions", "{label}\nbetter"))]
    else:
        named = translate("answer_questions", "{label} better ({strength})")
        broken = translate("answer_questions", "{label}\nbetter ({strength})")
        side = [(s, named, broken) for s in reversed(strengths)]

    def step(position: int, strength: str, name: str, text: str) -> PreferenceStep:
        label = blinded_label(position)
        return PreferenceStep(
            position,
            strength,
            text.format(label=label, strength=strength),
            name.format(label=label, strength=strength),
        )

    steps = [step(0, *s) for s in side]
    if question.allow_tie:
        tie = translate("answer_questions", "Tie")
        steps.append(PreferenceStep(None, None, tie, tie))
    steps += [step(1, *s) for s in reversed(side)]
    return steps


class PreferenceEditor(QuestionEditor):
    """Pairwise preference: a row of steps; keys 1..n pick them (see ``choose_step``)."""

    def __init__(
        self, question: PreferenceQuestion, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(question, count, parent)
        self.pref = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.steps = preference_steps(question) if count == 2 else []
        self.row: ToggleRow | None = None
        if not self.steps:
            layout.addWidget(
                muted_label(
                    translate(
                        "answer_questions",
                        "This question compares two responses; this task has {count}.",
                    ).format(count=count),
                    self,
                )
            )
            return
        # Keys 1-9 pick the steps (a scale of more than nine steps is mouse-only beyond).
        keys = [str(i + 1) if i < 9 else "" for i in range(len(self.steps))]
        keyed = translate("answer_questions", "{name} (key {key}; click again to clear)")
        unkeyed = translate("answer_questions", "{name} (click again to clear)")
        self.row = ToggleRow(
            [s.text for s in self.steps],
            [s.name for s in self.steps],
            [
                (keyed if k else unkeyed).format(name=s.name, key=k)
                for s, k in zip(self.steps, keys, strict=True)
            ],
            self,
            expand=True,
        )
        for button, key in zip(self.row.buttons, keys, strict=True):
            if key:
                button.setAccessibleDescription(
                    translate("answer_questions", "Shortcut: {key}").format(key=key)
                )
        self.row.picked.connect(self._user_edit)
        layout.addWidget(self.row)
        last = min(len(self.steps), 9)
        layout.addWidget(
            muted_label(
                translate(
                    "answer_questions",
                    "Keys 1–{last} choose a step; A and B are the responses shown.",
                ).format(last=last),
                self,
            )
        )

    def choose_step(self, number: int) -> bool:
        """Pick step ``number`` (1-based) as the reviewer; False if there is no such step."""
        if self.row is None or not 1 <= number <= len(self.steps):
            return False
        self.row.choose(number - 1)
        return True

    def _fill(self, value: Any) -> None:
        if self.row is None:
            return
        index = -1
        if isinstance(value, Mapping) and "better" in value:
            better = value.get("better")
            position = None if better is None else self.position_of(better)
            strength = None if better is None else value.get("strength")
            if better is None or position is not None:
                for i, step in enumerate(self.steps):
                    if step.better == position and step.strength == strength:
                        index = i
                        break
        self.row.set_index(index)

    def value(self) -> Any:
        if self.row is None or self.row.index() < 0 or len(self.ids) != 2:
            return None
        step = self.steps[self.row.index()]
        if step.better is None:
            return {"better": None}
        return {"better": self.ids[step.better], "strength": step.strength}


class LikertEditor(QuestionEditor):
    """A rating per response (rows, in display order) and dimension; each is optional."""

    def __init__(self, question: LikertQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.likert = question
        lo, hi = question.scale_min, question.scale_max
        self.values = list(range(lo, hi + 1))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        row = 0
        grid.addWidget(
            muted_label(
                translate(
                    "answer_questions",
                    "{lo} = lowest, {hi} = highest; click a chosen score again to clear it.",
                ).format(lo=lo, hi=hi),
                self,
            ),
            row,
            0,
            1,
            2,
        )
        row += 1
        self.scales: list[list[ToggleRow | SpinScale]] = []
        for position in range(count):
            who = response_name(position)
            header = bold_label(who, self)
            header.setContentsMargins(0, 6, 0, 0)
            grid.addWidget(header, row, 0, 1, 2)
            row += 1
            scales: list[ToggleRow | SpinScale] = []
            for dim in question.dimensions:
                name = f"{who}, {pretty(dim)}"
                label = QLabel(pretty(dim), self)
                scale: ToggleRow | SpinScale
                if len(self.values) <= MAX_SCALE_BUTTONS:
                    scale = ToggleRow(
                        [str(v) for v in self.values],
                        [f"{name}: {v}" for v in self.values],
                        [
                            translate(
                                "answer_questions",
                                "{name}: {value} of {high} (click again to clear)",
                            ).format(name=name, value=v, high=hi)
                            for v in self.values
                        ],
                        self,
                    )
                else:
                    scale = SpinScale(lo, hi, name, self)
                scale.setAccessibleName(name)
                scale.picked.connect(self._user_edit)
                label.setBuddy(scale)
                grid.addWidget(label, row, 0)
                grid.addWidget(scale, row, 1)
                row += 1
                scales.append(scale)
            self.scales.append(scales)

    def _fill(self, value: Any) -> None:
        ratings = value if isinstance(value, Mapping) else {}
        for position, scales in enumerate(self.scales):
            rid = self.ids[position] if position < len(self.ids) else None
            got = ratings.get(rid) if rid is not None else None
            got = got if isinstance(got, Mapping) else {}
            for dim, scale in zip(self.likert.dimensions, scales, strict=True):
                score = got.get(dim)
                ok = isinstance(score, int) and not isinstance(score, bool)
                scale.set_index(self.values.index(score) if ok and score in self.values else -1)

    def value(self) -> Any:
        out: dict[str, dict[str, int]] = {}
        for position, scales in enumerate(self.scales):
            if position >= len(self.ids):
                break
            scores = {
                dim: self.values[scale.index()]
                for dim, scale in zip(self.likert.dimensions, scales, strict=True)
                if scale.index() >= 0
            }
            if scores:
                out[self.ids[position]] = scores
        return out or None


HINT_SPACING = 8
"""Between a PII hint's words and its button."""
MAX_HINTED_FINDINGS = 2000
"""The count the room of a PII hint is kept for (the window lists this many at most)."""


class PiiHint(QWidget):
    """Under a response's flags: the detector found possible PII there; a button sets
    the PII flag (never set without the reviewer: it stays their judgment).

    Always in the form, its room kept: with no hint it is empty (no words, no button).
    It places its words and button itself and its height depends only on its width, so a
    hint coming, going or changing with the next task repaints the hint alone: showing or
    hiding a widget in the form's layout, or changing a wrapped label's text there, lays
    out the whole form again (about half a millisecond a hint)."""

    def __init__(self, who: str, widest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.button = QPushButton(translate("answer_questions", "Set PII flag"), self)
        self.button.setAccessibleName(
            translate("answer_questions", "{who}: set the PII flag").format(who=who)
        )
        self.button.setToolTip(
            translate(
                "answer_questions", "Possible PII was found in this response: flag it if it is"
            )
        )
        self.button.hide()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._widest = widest
        """The longest hint: the room kept fits every real one."""

    def set_hint(self, text: str) -> None:
        """Show ``text`` and the button ("": nothing)."""
        if text != self.label.text():
            self.label.setText(text)
            self.label.setAccessibleName(text)
        if self.button.isVisibleTo(self) != bool(text):
            self.button.setVisible(bool(text))

    def is_shown(self) -> bool:
        return self.button.isVisibleTo(self)

    def _label_width(self, width: int) -> int:
        return max(0, width - self.button.sizeHint().width() - HINT_SPACING)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        room = QRect(0, 0, max(1, self._label_width(width)), 100_000)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        lines = self.label.fontMetrics().boundingRect(room, flags, self._widest).height()
        return max(self.button.sizeHint().height(), lines)

    def sizeHint(self) -> QSize:
        button = self.button.sizeHint()
        words = self.label.fontMetrics().horizontalAdvance(self._widest)
        width = button.width() + HINT_SPACING + words
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        button = self.button.sizeHint()
        width = button.width() + HINT_SPACING + self.label.fontMetrics().averageCharWidth() * 12
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._place()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._place()

    def _place(self) -> None:
        area = self.rect()
        button = self.button.sizeHint()
        at = QRect(
            area.right() - button.width() + 1,
            area.top() + (area.height() - button.height()) // 2,
            button.width(),
            button.height(),
        )
        words = QRect(area.left(), area.top(), self._label_width(area.width()), area.height())
        direction = self.layoutDirection()
        self.button.setGeometry(QStyle.visualRect(direction, area, at))
        self.label.setGeometry(QStyle.visualRect(direction, area, words))


class FlagsEditor(QuestionEditor):
    """Check boxes per response (in display order) and for the task as a whole. Under a
    response with possible PII that is not flagged as such, a hint suggests the PII flag
    (:meth:`set_pii_hints`)."""

    def __init__(self, question: FlagsQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.flags = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.boxes: list[list[QCheckBox]] = []
        self.pii_hints: list[PiiHint] = []
        self._pii_counts: dict[int, int] = {}
        self._hinted: tuple[tuple[int, ...], tuple[bool, ...]] | None = None
        """The counts and PII flags the hints show (none worded again while they hold)."""
        self._hint_texts: dict[int, str] = {}
        flag_ids = [f for f, _ in question.response_flags]
        self._pii_index = flag_ids.index(PII_FLAG) if PII_FLAG in flag_ids else -1
        if question.response_flags:
            for position in range(count):
                self.boxes.append(
                    self._group(layout, response_name(position), question.response_flags)
                )
                if self._pii_index >= 0:
                    widest = self.hint_text(MAX_HINTED_FINDINGS)
                    hint = PiiHint(response_name(position), widest, self)
                    hint.button.clicked.connect(partial(self._set_pii_flag, position))
                    self.boxes[-1][self._pii_index].toggled.connect(self._show_pii_hints)
                    layout.addWidget(hint)
                    self.pii_hints.append(hint)
        self.task_boxes: list[QCheckBox] = []
        if question.task_flags:
            self.task_boxes = self._group(
                layout, translate("answer_questions", "Whole task"), question.task_flags
            )

    def _group(
        self, layout: QVBoxLayout, who: str, flags: tuple[tuple[str, str], ...]
    ) -> list[QCheckBox]:
        header = bold_label(who, self)
        if self.boxes:  # not the first group
            header.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(header)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        boxes = []
        for i, (_flag, label) in enumerate(flags):
            box = QCheckBox(label, self)
            box.setAccessibleName(f"{who}: {label}")
            box.setToolTip(
                translate("answer_questions", "{who}: {label} (Space toggles)").format(
                    who=who, label=label
                )
            )
            box.clicked.connect(self._user_edit)
            grid.addWidget(box, i // FLAG_COLUMNS, i % FLAG_COLUMNS)
            boxes.append(box)
        grid.setColumnStretch(FLAG_COLUMNS, 1)
        layout.addLayout(grid)
        return boxes

    def _fill(self, value: Any) -> None:
        got = value if isinstance(value, Mapping) else {}
        for position, boxes in enumerate(self.boxes):
            rid = self.ids[position] if position < len(self.ids) else None
            chosen = got.get(rid, []) if rid is not None else []
            self._set(boxes, self.flags.response_flags, chosen)
        self._set(self.task_boxes, self.flags.task_flags, got.get(TASK_FLAGS_KEY, []))
        self._show_pii_hints()

    def set_pii_hints(self, counts: Mapping[int, int]) -> None:
        """Possible PII (not dismissed) per response position: a hint with a button to
        set the PII flag shows under each that has some and is not flagged yet."""
        self._pii_counts = {p: n for p, n in counts.items() if n > 0}
        self._show_pii_hints()

    def _show_pii_hints(self, *_args: object) -> None:
        if not self.pii_hints:
            return
        counts = tuple(self._pii_counts.get(p, 0) for p in range(len(self.pii_hints)))
        flagged = tuple(boxes[self._pii_index].isChecked() for boxes in self.boxes)
        if (counts, flagged) == self._hinted:
            return  # as shown (a move's refill, then the new task's findings)
        self._hinted = (counts, flagged)
        for hint, count, is_flagged in zip(self.pii_hints, counts, flagged, strict=True):
            hint.set_hint(self.hint_text(count) if count and not is_flagged else "")

    def hint_text(self, count: int) -> str:
        text = self._hint_texts.get(count)
        if text is None:  # the interface's language is chosen at start: worded once
            text = english_plural(
                self.tr("⚠ Possible PII in this response (%n finding(s)).", "", count), count
            )
            self._hint_texts[count] = text
        return text

    def _set_pii_flag(self, position: int, *_args: object) -> None:
        box = self.boxes[position][self._pii_index]
        if not box.isChecked():
            box.setChecked(True)
            self._user_edit()
        box.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _set(boxes: list[QCheckBox], flags: tuple[tuple[str, str], ...], chosen: Any) -> None:
        chosen = chosen if isinstance(chosen, list) else []
        for box, (flag, _label) in zip(boxes, flags, strict=True):
            box.setChecked(flag in chosen)

    def value(self) -> Any:
        out: dict[str, list[str]] = {}
        for position, boxes in enumerate(self.boxes):
            if position >= len(self.ids):
                break
            chosen = [
                f
                for (f, _), box in zip(self.flags.response_flags, boxes, strict=True)
                if box.isChecked()
            ]
            if chosen:
                out[self.ids[position]] = chosen
        task = [
            f
            for (f, _), box in zip(self.flags.task_flags, self.task_boxes, strict=True)
            if box.isChecked()
        ]
        if task:
            out[TASK_FLAGS_KEY] = task
        return out or None


class ChoiceEditor(QuestionEditor):
    """Radio buttons (clearable: click the chosen one again), or check boxes if multiple."""

    def __init__(self, question: ChoiceQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.choice = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: list[QCheckBox | QRadioButton] = []
        for i, option in enumerate(question.options):
            button: QCheckBox | QRadioButton
            if question.multiple:
                button = QCheckBox(option, self)
                button.setToolTip(
                    translate("answer_questions", "{title}: {option} (Space toggles)").format(
                        title=self.title, option=option
                    )
                )
            else:
                button = QRadioButton(option, self)
                button.setAutoExclusive(False)
                button.setToolTip(
                    translate(
                        "answer_questions", "{title}: {option} (click again to clear)"
                    ).format(title=self.title, option=option)
                )
            button.setAccessibleName(f"{self.title}: {option}")
            button.clicked.connect(partial(self._clicked, i))
            layout.addWidget(button)
            self.buttons.append(button)

    def _clicked(self, index: int, *_args: object) -> None:
        if not self.choice.multiple and self.buttons[index].isChecked():
            for i, button in enumerate(self.buttons):
                if i != index:
                    button.setChecked(False)
        self._user_edit()

    def _fill(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else [value]
        for option, button in zip(self.choice.options, self.buttons, strict=True):
            button.setChecked(option in chosen)
        if not self.choice.multiple:
            # A stored single answer names one option; keep at most one on.
            seen = False
            for button in self.buttons:
                if button.isChecked():
                    button.setChecked(not seen)
                    seen = True

    def value(self) -> Any:
        chosen = [
            o for o, b in zip(self.choice.options, self.buttons, strict=True) if b.isChecked()
        ]
        if self.choice.multiple:
            return chosen or None
        return chosen[0] if chosen else None


def rule_text(question: TextQuestion, answers: Mapping[str, Any]) -> tuple[bool, str]:
    """(required now?, the inline wording of when the text is required)."""
    n = question.min_length

    def worded(plain: str, with_length: str, rules: str = "") -> str:
        return (with_length if n else plain).format(rules=rules, n=n)

    if question.required:
        return True, worded(
            translate("answer_questions", "Required"),
            translate("answer_questions", "Required (at least {n} characters)"),
        )
    if not question.required_when:
        return False, translate("answer_questions", "Optional")
    either = translate("answer_questions", " or ")
    holding = [shown(r.describe()) for r in question.required_when if r.holds(answers)]
    if question.is_required(answers) and holding:
        return True, worded(
            translate("answer_questions", "Required for {rules}"),
            translate("answer_questions", "Required for {rules} (at least {n} characters)"),
            either.join(holding),
        )
    every = either.join(shown(r.describe()) for r in question.required_when)
    return False, worded(
        translate("answer_questions", "Optional now; required for {rules}"),
        translate(
            "answer_questions", "Optional now; required for {rules} (at least {n} characters)"
        ),
        every,
    )


class TextEditor(QuestionEditor):
    """Free text with its live required-when rule and a character count."""

    def __init__(self, question: TextQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.text_q = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName(
            translate("answer_questions", "{title} rule").format(title=self.title)
        )
        layout.addWidget(self.rule)
        self.edit = PlainTextEdit(self)
        self.edit.setAccessibleName(self.title)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(question.help or f"{self.title}…")
        self.edit.setToolTip(
            translate("answer_questions", "{title} (Tab leaves the text box)").format(
                title=self.title
            )
        )
        lines = self.edit.fontMetrics().lineSpacing()
        self.edit.setMinimumHeight(lines * 4 + 12)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.edit)
        self.count_label = muted_label("", self)
        layout.addWidget(self.count_label)
        self.required_now = False
        self._context: dict[str, Any] | None = None
        """The answers the rule was last worded for."""
        self.edit.textChanged.connect(self._changed)
        self.update_context({})

    def _changed(self) -> None:
        self._update_count()
        self._user_edit()

    def _fill(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)
        self._update_count()

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def update_context(self, answers: Mapping[str, Any]) -> None:
        if answers == self._context:
            return  # the same rule (the count follows the text by itself)
        self._context = dict(answers)
        required, text = rule_text(self.text_q, answers)
        self.required_now = required
        self.rule.setText(text)
        font = self.rule.font()
        if font.bold() != required:
            font.setBold(required)
            self.rule.setFont(font)
        self.rule.setAccessibleDescription(text)
        self._update_count()

    def _update_count(self) -> None:
        text = self.edit.toPlainText()
        n = len(text.strip())
        q = self.text_q
        if len(text) > q.max_length:
            words = translate("answer_questions", "{n} characters; at most {most}").format(
                n=len(text), most=q.max_length
            )
        elif self.required_now and q.min_length:
            more = q.min_length - n
            words = (
                translate(
                    "answer_questions", "{n} of at least {least} characters ({more} more needed)"
                )
                if more > 0
                else translate("answer_questions", "{n} of at least {least} characters")
            ).format(n=n, least=q.min_length, more=more)
        else:
            words = english_plural(self.tr("%n character(s)", "", n), n)
        self.count_label.setText(words)

    def focus_first(self) -> None:
        self.edit.setFocus()


__all__ = [
    "ChoiceEditor",
    "FlagsEditor",
    "LikertEditor",
    "PreferenceEditor",
    "PreferenceStep",
    "TextEditor",
    "preference_steps",
    "rule_text",
]
