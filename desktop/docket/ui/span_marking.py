"""Marking spans on the rendered responses.

Select text in a rendered response (with the mouse, or with the keyboard after F7 turns
on the caret there: Shift+arrows extend), press M, and pick a label (number keys or
arrows), a severity and, optionally, a comment in the small dialog that opens; Enter
stores the span. The selection is mapped to the smallest range of the response's raw
markdown that covers it (:mod:`docket.render.source_map`), and the span stores those
code-point offsets and the raw text between them as its quote. The spans question's
editor (:mod:`docket.ui.span_list`) holds the answer; this module keeps the responses'
highlights in step with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from docket.core.spans import SEVERITIES
from docket.ui.answer_panel import AnswerPanel
from docket.ui.comparison_view import ComparisonView, ShownSpan
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate
from docket.ui.review_controller import ReviewController
from docket.ui.span_list import SpansEditor, severity_word, span_events

NO_SEVERITY = QT_TRANSLATE_NOOP("span_marking", "no severity")


class _LabelList(QListWidget):
    """The labels; a number key picks the label of that number."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) == 1 and text.isdigit() and 1 <= int(text) <= min(9, self.count()):
            self.setCurrentRow(int(text) - 1)
            return
        super().keyPressEvent(event)


class SpanDialog(QDialog):
    """Label, severity and comment of a span being marked or edited."""

    def __init__(
        self,
        labels: Sequence[tuple[str, str]],
        quote: str,
        parent: QWidget | None = None,
        *,
        span: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("span_marking", "Edit span")
            if span
            else translate("span_marking", "Mark span")
        )
        self.ids = [a for a, _ in labels]
        layout = QVBoxLayout(self)
        shown = " ".join(quote.split())
        quote_label = QLabel(f"“{shown[:200]}{'…' if len(shown) > 200 else ''}”", self)
        quote_label.setWordWrap(True)
        quote_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(quote_label)
        hint = QLabel(
            translate(
                "span_marking", "Number keys pick a label; Tab moves on; Enter marks, Esc cancels."
            ),
            self,
        )
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(hint)
        form = QFormLayout()
        self.labels = _LabelList(self)
        self.labels.setAccessibleName(translate("span_marking", "Label"))
        for n, (_, title) in enumerate(labels, start=1):
            self.labels.addItem(f"{n}  {title}" if n <= 9 else f"    {title}")
        self.labels.setCurrentRow(0)
        rows = min(10, len(labels))
        self.labels.setFixedHeight(
            rows * max(1, self.labels.sizeHintForRow(0)) + 2 * self.labels.frameWidth() + 4
        )
        form.addRow(translate("span_marking", "&Label"), self.labels)
        self.severity = QComboBox(self)
        self.severity.setAccessibleName(translate("span_marking", "Severity"))
        self.severity.addItems(
            [translate("span_marking", NO_SEVERITY), *(severity_word(s) for s in SEVERITIES)]
        )
        form.addRow(translate("span_marking", "&Severity"), self.severity)
        self.comment = QLineEdit(self)
        self.comment.setAccessibleName(translate("span_marking", "Comment"))
        self.comment.setMaxLength(2000)
        self.comment.setPlaceholderText(translate("span_marking", "Optional"))
        form.addRow(translate("span_marking", "&Comment"), self.comment)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if span is not None:
            label = str(span.get("label", ""))
            if label in self.ids:
                self.labels.setCurrentRow(self.ids.index(label))
            severity = span.get("severity")
            self.severity.setCurrentIndex(
                SEVERITIES.index(severity) + 1 if severity in SEVERITIES else 0
            )
            self.comment.setText(str(span.get("comment", "")))
        self.labels.setFocus()

    def choice(self) -> dict[str, Any]:
        index = self.severity.currentIndex()
        return {
            "label": self.ids[max(0, self.labels.currentRow())],
            "severity": SEVERITIES[index - 1] if 0 < index <= len(SEVERITIES) else None,
            "comment": self.comment.text().strip(),
        }


class SpanMarker(QObject):
    """Connects the comparison view's selections with the spans question's editor."""

    def __init__(
        self,
        comparison: ComparisonView,
        panel: AnswerPanel,
        controller: ReviewController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.panel = panel
        self.controller = controller
        self.window = parent
        self.dialog: SpanDialog | None = None
        comparison.markRequested.connect(self.mark)
        events = span_events()
        events.shown.connect(self._shown)
        events.jump.connect(self._jump)
        events.edit.connect(self.edit)

    def editor(self) -> SpansEditor | None:
        return next(
            (e for e in self.panel.current_editors().values() if isinstance(e, SpansEditor)),
            None,
        )

    def _say(self, text: str) -> None:
        self.comparison.message.emit(text)

    def mark(self, column: int, first: int, last: int) -> None:
        """Mark the selection ``first:last`` of the response in ``column``."""
        editor, task, order = self.editor(), self.controller.task, self.controller.order
        if editor is None or task is None or order is None:
            self._say(translate("span_marking", "This form has no span question."))
            return
        if first >= last:
            self._say(
                translate(
                    "span_marking",
                    "Select some text in a response first (F7 selects with the keyboard).",
                )
            )
            return
        smap = self.comparison.source_map(column)
        if smap is None:
            self._say(
                translate(
                    "span_marking",
                    "Spans are marked on the rendered or raw response, not on differences "
                    "(nor on raw text with hidden characters: use the rendered view).",
                )
            )
            return
        found = smap.to_raw(first, last)
        if found is None:
            self._say(
                translate(
                    "span_marking",
                    "The selection holds no text of the response (only what the view adds).",
                )
            )
            return
        rid = order.order[column]
        text = task.response(rid).text
        start, end = found
        span = {"response": rid, "start": start, "end": end, "quote": text[start:end]}
        self._open(editor, span, None)

    def edit(self, editor: object, index: int) -> None:
        if not isinstance(editor, SpansEditor):
            return
        spans = editor.spans()
        if 0 <= index < len(spans):
            self._open(editor, spans[index], index)

    def _open(self, editor: SpansEditor, span: dict[str, Any], index: int | None) -> None:
        dialog = SpanDialog(
            editor.labels,
            str(span.get("quote", "")),
            self.window,
            span=span if index is not None else None,
        )
        self.dialog = dialog

        def done() -> None:
            chosen = {**span, **dialog.choice()}
            problem = editor.add(chosen) if index is None else editor.replace(index, chosen)
            if problem is not None:
                self._say(
                    translate("span_marking", "Span not marked: {problem}").format(problem=problem)
                )
            else:
                self._say(
                    translate("span_marking", "Span marked.")
                    if index is None
                    else translate("span_marking", "Span changed.")
                )

        previous = QApplication.focusWidget()

        def closed() -> None:
            if previous is not None and previous.isVisible():
                previous.window().activateWindow()
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
            dialog.deleteLater()

        dialog.accepted.connect(done)
        dialog.finished.connect(closed)
        dialog.open()

    def _shown(self, editor: object) -> None:
        if not isinstance(editor, SpansEditor) or editor is not self.editor():
            return
        task = self.controller.task
        if task is not None:
            prior = [s.to_json() for s in getattr(task, "spans", ())]
            editor.set_prior(task.id, prior)
        shown = [
            ShownSpan(
                str(s.get("response")),
                int(s.get("start", 0)),
                int(s.get("end", 0)),
                _chip(editor, s),
                editor.is_suggestion(s),
            )
            for s in editor.spans()
            if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
        ]
        self.comparison.set_spans(shown)

    def _jump(self, editor: object, span: dict[str, Any]) -> None:
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int):
            self.comparison.select_raw(str(span.get("response")), start, end)


def _chip(editor: SpansEditor, span: Mapping[str, Any]) -> str:
    text = editor.label_title(str(span.get("label", "")))
    if span.get("severity"):
        text += f" · {severity_word(str(span['severity']))}"
    if editor.is_suggestion(span):
        text = translate("span_marking", "suggested: {span}").format(span=text)
    return text
