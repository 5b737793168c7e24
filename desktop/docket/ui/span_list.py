"""The spans question's editor: the spans marked on the task's responses, as a list.

Spans are marked on the rendered responses (:mod:`docket.ui.span_marking`); this editor
holds them (the answer is the list of span objects of :mod:`docket.core.spans`) and
lists them: Enter jumps to the selected span in its response, E (or F2) edits its label,
severity and comment, Delete removes it, K keeps a suggested one. Spans packed with the
task (``Task.spans``, from another round or a model) are pre-filled as suggestions and
listed as such until the reviewer keeps or removes them. Every change is an answer edit:
it autosaves and undoes like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from docket.core.schema import SpansQuestion
from docket.core.spans import span_problems
from docket.ui.answer_widgets import QuestionEditor, muted_label, response_name
from docket.ui.core_texts import shown
from docket.ui.i18n import QT_TRANSLATE_NOOP, isolate, translate
from docket.ui.keyed_list import KeyedList

QUOTE_CHARS = 60
"""Of a span's quote, this much is shown in the list (the whole of it in its tooltip)."""


SEVERITY_WORDS = {
    "minor": QT_TRANSLATE_NOOP("span_list", "minor"),
    "major": QT_TRANSLATE_NOOP("span_list", "major"),
    "critical": QT_TRANSLATE_NOOP("span_list", "critical"),
}


def severity_word(severity: str) -> str:
    """A span's severity (``minor``, ``major``, ``critical``) in the interface's language."""
    return (
        translate("span_list", SEVERITY_WORDS[severity]) if severity in SEVERITY_WORDS else severity
    )


class SpanEvents(QObject):
    """What span editors ask of the window (one hub: editors are built per form)."""

    shown = Signal(object)
    """An editor (re)filled or changed its spans: redraw them on the responses."""
    jump = Signal(object, dict)
    """Show this span in its response (editor, span)."""
    edit = Signal(object, int)
    """Edit the span at this index (editor, index)."""


_EVENTS: SpanEvents | None = None


def span_events() -> SpanEvents:
    global _EVENTS
    if _EVENTS is None:
        _EVENTS = SpanEvents()
    return _EVENTS


def span_key(span: Mapping[str, Any]) -> tuple[Any, ...]:
    return (span.get("response"), span.get("start"), span.get("end"), span.get("label"))


class SpansEditor(QuestionEditor):
    """See the module docstring."""

    def __init__(self, question: SpansQuestion, count: int, parent: QWidget | None = None) -> None:
        super().__init__(question, count, parent)
        self.spans_question = question
        self._spans: list[dict[str, Any]] | None = None
        self._prior: set[tuple[Any, ...]] = set()
        self._kept: set[tuple[Any, ...]] = set()
        self._prior_task: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.hint = muted_label(
            translate(
                "span_list",
                "Select text in a response and press M to mark it (F7: select with the keyboard). "
                "Here: Enter shows a span, E edits it, Delete removes it, K keeps a suggestion.",
            ),
            self,
        )
        layout.addWidget(self.hint)
        # Keys the list takes before the window's shortcuts (K is also "previous task").
        self.list = KeyedList(
            self,
            {
                Qt.Key.Key_Return: self.jump,
                Qt.Key.Key_Enter: self.jump,
                Qt.Key.Key_Delete: self.remove,
                Qt.Key.Key_Backspace: self.remove,
                Qt.Key.Key_E: lambda row: span_events().edit.emit(self, row),
                Qt.Key.Key_F2: lambda row: span_events().edit.emit(self, row),
                Qt.Key.Key_K: self.keep,
            },
        )
        self.list.setAccessibleName(translate("span_list", "Marked spans"))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(80)
        layout.addWidget(self.list)
        self.problem = muted_label("", self)
        self.problem.hide()
        layout.addWidget(self.problem)

    # --- the answer ----------------------------------------------------------------------

    @property
    def labels(self) -> list[tuple[str, str]]:
        return [(str(a), str(b)) for a, b in self.spans_question.labels]

    def label_title(self, label: str) -> str:
        return dict(self.labels).get(label, label)

    def _fill(self, value: Any) -> None:
        if isinstance(value, list):
            self._spans = [dict(s) for s in value if isinstance(s, Mapping)]
        else:
            self._spans = None
        self.problem.hide()
        self._refresh()
        span_events().shown.emit(self)

    def value(self) -> Any:
        return None if self._spans is None else [dict(s) for s in self._spans]

    def spans(self) -> list[dict[str, Any]]:
        return [dict(s) for s in self._spans or []]

    def set_prior(self, task_id: str, prior: Iterable[Mapping[str, Any]]) -> None:
        """The spans packed with the task: listed as suggestions until kept."""
        if task_id != self._prior_task:
            self._prior_task = task_id
            self._kept = set()
        self._prior = {span_key(s) for s in prior}
        self._refresh()

    def is_suggestion(self, span: Mapping[str, Any]) -> bool:
        key = span_key(span)
        return key in self._prior and key not in self._kept

    # --- changes (each one an edit) -------------------------------------------------------

    def check(self, spans: Sequence[Mapping[str, Any]], index: int) -> str | None:
        """The first problem of the span at ``index`` among ``spans`` (overlap, label...)."""
        q = self.spans_question
        problems = span_problems(
            list(spans),
            texts=None,
            labels=[a for a, _ in self.labels],
            allow_overlap=q.allow_overlap,
            where=q.id,
        )
        for field, message in problems:
            if field.startswith(f"{q.id}[{index}]"):
                return shown(message)
        return shown(problems[0][1]) if problems else None

    def add(self, span: Mapping[str, Any]) -> str | None:
        """Add a span; the reason it is refused (an overlap the schema forbids), or None."""
        spans = [*(self._spans or []), dict(span)]
        problem = self.check(spans, len(spans) - 1)
        if problem is not None:
            self._show_problem(problem)
            return problem
        self._commit(spans, len(spans) - 1)
        return None

    def replace(self, index: int, span: Mapping[str, Any]) -> str | None:
        spans = self.spans()
        if not 0 <= index < len(spans):
            return translate("span_list", "no such span")
        was = spans[index]
        spans[index] = dict(span)
        problem = self.check(spans, index)
        if problem is not None:
            self._show_problem(problem)
            return problem
        if self.is_suggestion(was) and span_key(was) == span_key(span):
            self._kept.add(span_key(span))
        self._commit(spans, index)
        return None

    def remove(self, index: int) -> None:
        spans = self.spans()
        if 0 <= index < len(spans):
            del spans[index]
            self._commit(spans, min(index, len(spans) - 1))

    def keep(self, index: int) -> None:
        spans = self.spans()
        if 0 <= index < len(spans) and self.is_suggestion(spans[index]):
            self._kept.add(span_key(spans[index]))
            self._refresh(index)
            span_events().shown.emit(self)

    def jump(self, index: int) -> None:
        spans = self.spans()
        if 0 <= index < len(spans):
            span_events().jump.emit(self, spans[index])

    def _commit(self, spans: list[dict[str, Any]], current: int) -> None:
        order: dict[Any, int] = {rid: i for i, rid in enumerate(self.ids)}
        chosen = spans[current] if 0 <= current < len(spans) else None
        spans.sort(key=lambda s: (order.get(s.get("response"), 99), s.get("start", 0)))
        self._spans = spans
        self.problem.hide()
        self._refresh(spans.index(chosen) if chosen is not None else -1)
        self._user_edit()
        span_events().shown.emit(self)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message[:1].upper()}{message[1:]}")
        self.problem.show()

    # --- the list ------------------------------------------------------------------------

    def describe(self, span: Mapping[str, Any]) -> str:
        where = self.position_of(span.get("response"))
        name = response_name(where) if where is not None else str(span.get("response"))
        parts = [name, self.label_title(str(span.get("label", "")))]
        if span.get("severity"):
            parts.append(severity_word(str(span["severity"])))
        quote = " ".join(str(span.get("quote", "")).split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        text = translate("span_list", "{span} — “{quote}”").format(
            span=" · ".join(parts), quote=isolate(quote)
        )
        if span.get("comment"):
            text += f"\n    {span['comment']}"
        if self.is_suggestion(span):
            text = translate("span_list", "Suggested: {span}  (K keeps, Delete removes)").format(
                span=text
            )
        return text

    def _refresh(self, current: int | None = None) -> None:
        row = self.list.currentRow() if current is None else current
        self.list.clear()
        for span in self._spans or []:
            item = QListWidgetItem(self.describe(span))
            item.setToolTip(str(span.get("quote", "")))
            if self.is_suggestion(span):
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
        if not self._spans:
            self.list.addItem(QListWidgetItem(translate("span_list", "No spans marked.")))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def focus_first(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
