"""The pii question's editor: what the PII detector found and what the reviewer marked.

The window underlines possible PII in the prompt and the responses
(:mod:`docket.ui.pii_marking`); this editor lists it, every detector finding and every
stretch the reviewer marked, each with its type and where it is. Enter (or Show) selects
it in its text; D (or Dismiss/Restore) dismisses a finding the detector got wrong, or
restores it; Delete (or Remove) removes a mark. The answer is
:mod:`docket.core.pii_answers`' JSON: ``{"marked": [...], "dismissed": [...]}``; every
change is an answer edit (it autosaves and undoes like any other).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import DisplayOrder
from docket.core.pii import Finding
from docket.core.pii_answers import PiiAnswer, PiiMark
from docket.core.schema import PiiQuestion
from docket.ui.answer_widgets import QuestionEditor, muted_label
from docket.ui.i18n import isolate, translate
from docket.ui.keyed_list import KeyedList
from docket.ui.pii_labels import severity_label, type_label

QUOTE_CHARS = 50
"""Of a finding's text, this much is shown in the list (all of it in the tooltip)."""


class PiiEvents(QObject):
    """What pii editors ask of the window (one hub: editors are built per form)."""

    shown = Signal(object)
    """An editor (re)filled or changed its answer: redraw the marks."""
    jump = Signal(str, int, int)
    """Show this stretch (target, start, end) in its text."""


_EVENTS: PiiEvents | None = None


def pii_events() -> PiiEvents:
    global _EVENTS
    if _EVENTS is None:
        _EVENTS = PiiEvents()
    return _EVENTS


def mark_key(item: Mapping[str, Any] | Finding | PiiMark) -> tuple[Any, ...]:
    if isinstance(item, Mapping):
        return (item.get("target"), item.get("start"), item.get("end"), item.get("type"))
    return (item.target, item.start, item.end, item.type)


class PiiEditor(QuestionEditor):
    """See the module docstring."""

    def __init__(self, question: PiiQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self._marked: list[dict[str, Any]] = []
        self._dismissed: list[dict[str, Any]] = []
        self._findings: list[Finding] = []
        self._order: DisplayOrder | None = None
        self._findings_for: DisplayOrder | None = None
        """The opening of a task (its display order, as loaded) the findings are of."""
        self._texts: dict[str, str] = {}
        self._where: Callable[[str], str] = str
        self._rows: list[tuple[str, int]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.hint = muted_label(
            translate(
                "pii_list",
                "Possible PII is underlined with a badge. Select text and press Ctrl+Shift+P to "
                "mark what was missed. Here: Enter shows it, D dismisses or restores a finding, "
                "Delete removes a mark.",
            ),
            self,
        )
        layout.addWidget(self.hint)
        # Keys the list takes before the window's shortcuts (D is also "Show differences").
        self.list = KeyedList(
            self,
            {
                Qt.Key.Key_Return: self.jump,
                Qt.Key.Key_Enter: self.jump,
                Qt.Key.Key_D: self.toggle,
                Qt.Key.Key_Delete: self.remove_or_dismiss,
                Qt.Key.Key_Backspace: self.remove_or_dismiss,
            },
        )
        self.list.setAccessibleName(translate("pii_list", "Possible PII"))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(80)
        self.list.currentRowChanged.connect(lambda _row: self._buttons())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.show_button = QPushButton(translate("pii_list", "&Show"), self)
        self.show_button.setToolTip(translate("pii_list", "Select it in its text (Enter)"))
        self.show_button.clicked.connect(lambda: self.jump(self.list.currentRow()))
        self.dismiss_button = QPushButton(translate("pii_list", "Dismiss"), self)
        self.dismiss_button.setToolTip(
            translate("pii_list", "Not PII: dismiss the finding, or restore it (D)")
        )
        self.dismiss_button.clicked.connect(lambda: self.toggle(self.list.currentRow()))
        self.remove_button = QPushButton(translate("pii_list", "Remove"), self)
        self.remove_button.setToolTip(translate("pii_list", "Remove your mark (Delete)"))
        self.remove_button.clicked.connect(lambda: self.remove_or_dismiss(self.list.currentRow()))
        for button in (self.show_button, self.dismiss_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.notice = muted_label("", self)
        self.notice.hide()
        layout.addWidget(self.notice)

    @property
    def title(self) -> str:
        return self.question.label or translate("pii_list", "Possible PII")

    # --- the answer ----------------------------------------------------------------------

    def load(self, order: DisplayOrder, value: Any) -> None:
        self._order = order  # a task opened anew loads a new order; undo, the same one
        super().load(order, value)

    def _fill(self, value: Any) -> None:
        got = value if isinstance(value, Mapping) else {}
        marked, dismissed = got.get("marked"), got.get("dismissed")
        self._marked = [dict(m) for m in marked or [] if isinstance(m, Mapping)]
        self._dismissed = [dict(d) for d in dismissed or [] if isinstance(d, Mapping)]
        if self._findings_for is not self._order:
            # Another task: its findings come next (set_findings), and the list and the
            # marks are drawn once then, not twice.
            self._findings, self._findings_for = [], None
            return
        self._refresh()
        pii_events().shown.emit(self)

    def value(self) -> Any:
        if not self._marked and not self._dismissed:
            return None
        return {
            "marked": [dict(m) for m in self._marked],
            "dismissed": [dict(d) for d in self._dismissed],
        }

    def answer(self) -> PiiAnswer:
        return PiiAnswer.from_json(self.value())

    def set_findings(
        self,
        findings: Sequence[Finding],
        texts: Mapping[str, str],
        where: Callable[[str], str],
        notice: str = "",
    ) -> None:
        """The detector's findings for the open task, its texts by target, how a target
        is named for the reviewer ("Response A", "Prompt"), and a notice (the detector
        failed, is still scanning)."""
        self._findings = sorted(findings, key=lambda f: (self._place(f.target), f.start))
        self._findings_for = self._order
        self._texts = dict(texts)
        self._where = where
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._refresh()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def is_dismissed(self, finding: Finding) -> bool:
        return mark_key(finding) in {mark_key(d) for d in self._dismissed}

    def marks(self) -> list[dict[str, Any]]:
        return [dict(m) for m in self._marked]

    # --- changes (each one an edit) -------------------------------------------------------

    def add_mark(self, target: str, start: int, end: int, pii_type: str) -> str | None:
        """Mark ``start:end`` of ``target`` as PII of ``pii_type``; the reason it is not
        (already marked), or None."""
        text = self._texts.get(target)
        if text is None or not 0 <= start < end <= len(text):
            return translate("pii_list", "that text is not part of this task")
        mark = {
            "target": target,
            "start": start,
            "end": end,
            "quote": text[start:end],
            "type": pii_type,
        }
        if any(mark_key(m) == mark_key(mark) for m in self._marked):
            return translate("pii_list", "already marked")
        self._marked.append(mark)
        self._marked.sort(key=lambda m: (self._place(m["target"]), m["start"], m["end"]))
        self._commit(("mark", self._marked.index(mark)))
        return None

    def set_dismissed(self, finding: Finding, dismissed: bool) -> None:
        key = mark_key(finding)
        was = self.is_dismissed(finding)
        if dismissed == was:
            return
        if dismissed:
            self._dismissed.append(
                {
                    "target": finding.target,
                    "start": finding.start,
                    "end": finding.end,
                    "type": finding.type,
                }
            )
            self._dismissed.sort(key=lambda d: (self._place(d["target"]), d["start"], d["end"]))
        else:
            self._dismissed = [d for d in self._dismissed if mark_key(d) != key]
        self._commit(
            ("finding", self._findings.index(finding)) if finding in self._findings else None
        )

    def remove_mark(self, index: int) -> None:
        if 0 <= index < len(self._marked):
            del self._marked[index]
            left = min(index, len(self._marked) - 1)
            self._commit(("mark", left) if left >= 0 else None)

    def toggle(self, row: int) -> None:
        """Dismiss the finding at ``row``, or restore it."""
        if 0 <= row < len(self._rows) and self._rows[row][0] == "finding":
            finding = self._findings[self._rows[row][1]]
            self.set_dismissed(finding, not self.is_dismissed(finding))

    def remove_or_dismiss(self, row: int) -> None:
        """Delete on a row: remove a mark, dismiss a finding."""
        if not 0 <= row < len(self._rows):
            return
        kind, index = self._rows[row]
        if kind == "mark":
            self.remove_mark(index)
        else:
            self.set_dismissed(self._findings[index], True)

    def jump(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        kind, index = self._rows[row]
        item: Any = self._findings[index] if kind == "finding" else self._marked[index]
        target, start, end = mark_key(item)[:3]
        pii_events().jump.emit(str(target), int(start), int(end))

    def _commit(self, current: tuple[str, int] | None) -> None:
        self._refresh(current)
        self._user_edit()
        pii_events().shown.emit(self)

    # --- the list ------------------------------------------------------------------------

    def _place(self, target: str) -> tuple[int, str]:
        """Sort key: the prompt's turns first, then the responses in display order."""
        if target in self.ids:
            return (1, f"{self.ids.index(target):04d}")
        return (0, target) if target.startswith("turn:") else (2, target)

    def _quote(self, target: str, start: int, end: int) -> str:
        quote = " ".join(self._texts.get(target, "")[start:end].split())
        return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"

    def describe_finding(self, finding: Finding) -> str:
        quote = self._quote(finding.target, finding.start, finding.end)
        text = translate("pii_list", "{where} · {type} ({severity}) — “{quote}”").format(
            where=self._where(finding.target),
            type=type_label(finding.type),
            severity=severity_label(finding.severity),
            quote=isolate(quote),
        )
        if self.is_dismissed(finding):
            return translate("pii_list", "Dismissed: {finding}  (D restores)").format(finding=text)
        return text

    def describe_mark(self, mark: Mapping[str, Any]) -> str:
        target = str(mark.get("target"))
        quote = self._quote(target, int(mark.get("start", 0)), int(mark.get("end", 0)))
        kind = type_label(str(mark.get("type")))
        return translate("pii_list", "Marked by you: {where} · {type} — “{quote}”").format(
            where=self._where(target), type=kind, quote=isolate(quote)
        )

    def _refresh(self, current: tuple[str, int] | None = None) -> None:
        was = (
            self._rows[self.list.currentRow()]
            if 0 <= self.list.currentRow() < len(self._rows)
            else None
        )
        wanted = current if current is not None else was
        rows: list[tuple[str, str, bool]] = []  # text, tooltip, struck out
        self._rows = []
        for i, finding in enumerate(self._findings):
            tip = self._texts.get(finding.target, "")[finding.start : finding.end]
            rows.append((self.describe_finding(finding), tip, self.is_dismissed(finding)))
            self._rows.append(("finding", i))
        for i, mark in enumerate(self._marked):
            rows.append((self.describe_mark(mark), str(mark.get("quote", "")), False))
            self._rows.append(("mark", i))
        empty = not rows
        if empty:
            rows.append((translate("pii_list", "No possible PII found or marked."), "", False))
        self.list.blockSignals(True)
        # Items are reused (set anew), not cleared and rebuilt: opening a task stays fast.
        while self.list.count() > len(rows):
            self.list.takeItem(self.list.count() - 1)
        for n, (text, tip, struck) in enumerate(rows):
            if n < self.list.count():
                item = self.list.item(n)
            else:
                item = QListWidgetItem()
                self.list.addItem(item)
            item.setText(text)
            item.setToolTip(tip)
            font = item.font()
            if font.strikeOut() != struck:
                font.setStrikeOut(struck)
                item.setFont(font)
            item.setFlags(
                Qt.ItemFlag.NoItemFlags
                if empty
                else Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            )
        if not empty:
            self.list.setCurrentRow(self._rows.index(wanted) if wanted in self._rows else 0)
        self.list.blockSignals(False)
        self._buttons()

    def _buttons(self) -> None:
        row = self.list.currentRow()
        kind = self._rows[row][0] if 0 <= row < len(self._rows) else ""
        self.show_button.setEnabled(bool(kind))
        self.dismiss_button.setEnabled(kind == "finding")
        dismissed = kind == "finding" and self.is_dismissed(self._findings[self._rows[row][1]])
        self.dismiss_button.setText(
            translate("pii_list", "Restore") if dismissed else translate("pii_list", "Dismiss")
        )
        self.remove_button.setEnabled(kind == "mark")

    def focus_first(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
