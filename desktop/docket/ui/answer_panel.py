"""The answer panel: the task's answer form, built from its schema.

One page of editors is built per (form, number of responses) and kept (a few of them,
most recently used), so moving to the next task only re-fills widgets. A form is its
questions without the criteria of its rubric questions (:func:`form_key`): every task of a
rubric project has criteria of its own, and its page is the same one, re-filled with them.
The panel holds no domain state: it shows the answers it is given and reports every change
the reviewer makes with ``answersEdited`` (the full answers dict, naming response ids).

Keys: 1-9 pick a step of a preference question (:meth:`AnswerPanel.handle_number_key`,
which the main window can also call when no text field has focus); the ranking editor
has its own keys while its list has focus (Alt+Up/Down, "=" / Ctrl+T, Enter), and so
have the rubric editor (Y, N, -, Tab, Enter: :mod:`docket.ui.answer_rubric`) and the
rubric-writing editor (Ctrl+N, Alt+Up/Down, Delete: :mod:`docket.ui.answer_rubric_writing`)
and the rewrite editor (Ctrl+Shift+R, Ctrl+Shift+E: :mod:`docket.ui.answer_rewrite`, which
also needs the task's response texts: ``set_task(..., texts=)``).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from docket.core.display_order import DisplayOrder
from docket.core.schema import (
    TASK_FLAGS_KEY,
    ChoiceQuestion,
    FlagsQuestion,
    LikertQuestion,
    PiiQuestion,
    PreferenceQuestion,
    Question,
    RankingQuestion,
    RewriteQuestion,
    RubricQuestion,
    RubricWritingQuestion,
    Schema,
    SpansQuestion,
    TextQuestion,
)
from docket.core.suggestion_review import QuestionState
from docket.render.theme import Theme
from docket.ui.answer_questions import (
    ChoiceEditor,
    FlagsEditor,
    LikertEditor,
    PreferenceEditor,
    TextEditor,
)
from docket.ui.answer_widgets import (
    ALERT_BAR,
    ALERT_TINT,
    QuestionEditor,
    bold_label,
    muted_label,
    pretty,
    response_name,
)
from docket.ui.core_texts import shown
from docket.ui.i18n import translate
from docket.ui.pii_list import PiiEditor
from docket.ui.span_list import SpansEditor
from docket.ui.suggestion_views import SuggestionMark

if TYPE_CHECKING:
    # The editors of the rarer question types are imported when a form first asks one
    # (build_editor): the window's first task does not wait for the others' modules.
    from docket.ui.answer_rewrite import RewriteEditor
    from docket.ui.answer_rubric import RubricEditor
    from docket.ui.answer_rubric_writing import RubricWritingEditor

STYLE = f"""
QLabel[role="alert"] {{
    border: 0px solid transparent;
    border-left: 3px solid {ALERT_BAR};
    background-color: {ALERT_TINT};
    padding: 4px 6px;
}}
QListWidget#ranking::item {{
    padding: 4px 2px;
}}
QToolButton[toggle="true"] {{
    border: 1px solid palette(mid);
    border-radius: 4px;
    background-color: palette(base);
    color: palette(text);
    padding: 3px 9px;
}}
QToolButton[toggle="true"]:hover {{
    border-color: palette(highlight);
}}
QToolButton[toggle="true"]:checked {{
    background-color: palette(highlight);
    border-color: palette(highlight);
    color: palette(highlighted-text);
    font-weight: bold;
}}
QToolButton[toggle="true"]:focus {{
    border: 2px solid palette(highlight);
    padding: 2px 8px;
}}
"""
"""The panel's few style rules: toggles show their state by fill (and bold text), not
by a shade of grey; the focused control has a visible ring; problems have a bar."""

PAGE_CACHE_SIZE = 8
"""Answer forms kept built; a workspace rarely uses more than two or three."""

_PATH_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def question_of(field: str) -> str:
    """The question id a validation path such as ``likert.r1.helpfulness`` or
    ``ranking[1]`` belongs to."""
    match = _PATH_PART.match(field)
    return match.group(0) if match else ""


def build_editor(question: Question, count: int, parent: QWidget | None = None) -> QuestionEditor:
    if isinstance(question, PreferenceQuestion):
        return PreferenceEditor(question, count, parent)
    if isinstance(question, RankingQuestion):
        from docket.ui.answer_ranking import RankingEditor

        return RankingEditor(question, count, parent)
    if isinstance(question, LikertQuestion):
        return LikertEditor(question, count, parent)
    if isinstance(question, FlagsQuestion):
        return FlagsEditor(question, count, parent)
    if isinstance(question, ChoiceQuestion):
        return ChoiceEditor(question, count, parent)
    if isinstance(question, TextQuestion):
        return TextEditor(question, count, parent)
    if isinstance(question, RubricQuestion):
        from docket.ui.answer_rubric import RubricEditor

        return RubricEditor(question, count, parent)
    if isinstance(question, RubricWritingQuestion):
        from docket.ui.answer_rubric_writing import RubricWritingEditor

        return RubricWritingEditor(question, count, parent)
    if isinstance(question, RewriteQuestion):
        from docket.ui.answer_rewrite import RewriteEditor

        return RewriteEditor(question, count, parent)
    if isinstance(question, SpansQuestion):
        return SpansEditor(question, count, parent)
    if isinstance(question, PiiQuestion):
        return PiiEditor(question, count, parent)
    raise TypeError(f"no editor for question type {type(question).__name__}")


FormKey = tuple[int, tuple[Question, ...]]


def form_key(schema: Schema) -> FormKey:
    """What the answer page of ``schema`` depends on: its questions, the criteria of its
    rubric questions left out (a task's own criteria are filled in, not built)."""
    return (
        schema.version,
        tuple(
            replace(q, criteria=()) if isinstance(q, RubricQuestion) and q.criteria else q
            for q in schema.questions
        ),
    )


def alert_label(parent: QWidget | None = None) -> QLabel:
    """A hidden inline problem message (filled by :func:`show_alert`)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", "alert")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_alert(label: QLabel, messages: list[str]) -> None:
    text = "\n".join(f"⚠ {m}" for m in messages)
    if text == label.text() and label.isHidden() != bool(messages):
        return  # as shown already (every task opened clears them)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(messages))


class QuestionSection(QWidget):
    """One question: bold header, help, its editor, and room for a problem message."""

    def __init__(self, editor: QuestionEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        question = editor.question
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        header.setSpacing(8)
        self.header = bold_label(editor.title, self)
        header.addWidget(self.header, 1)
        if not question.required and not isinstance(question, TextQuestion):
            header.addWidget(
                muted_label(translate("answer_panel", "optional"), self),
                0,
                Qt.AlignmentFlag.AlignRight,
            )
        layout.addLayout(header)
        if question.help and not isinstance(question, TextQuestion):
            layout.addWidget(muted_label(question.help, self))
        self.mark = SuggestionMark(self)
        layout.addWidget(self.mark)
        editor.setParent(self)
        layout.addWidget(editor)
        self.issue = alert_label(self)
        self.issue.setAccessibleName(
            translate("answer_panel", "Problem with {title}").format(title=editor.title)
        )
        layout.addWidget(self.issue)


class SchemaPage(QWidget):
    """The editors of one schema for a given number of responses."""

    def __init__(self, schema: Schema, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.count = count
        self.order = DisplayOrder(())
        self.texts: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.general_issue = alert_label(self)
        self.general_issue.setAccessibleName(translate("answer_panel", "Problem with the answers"))
        layout.addWidget(self.general_issue)
        self.sections: dict[str, QuestionSection] = {}
        self._issues_shown = False
        """Whether any problem message may be showing (none: clearing them is nothing
        to do, as on most moves to another task)."""
        for i, question in enumerate(schema.questions):
            if i:
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(line)
            section = QuestionSection(build_editor(question, count), self)
            self.sections[question.id] = section
            layout.addWidget(section)

    @property
    def editors(self) -> Iterable[QuestionEditor]:
        return (s.editor for s in self.sections.values())

    def load(
        self,
        schema: Schema,
        order: DisplayOrder,
        answers: Mapping[str, Any],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        """Fill the page for a task whose form is ``schema`` (equal to the page's but for
        the criteria of its rubric questions); ``texts`` are its responses' raw texts."""
        self.schema = schema
        self.order = order
        if texts is not None:
            self.texts = dict(texts)
        for qid, section in self.sections.items():
            editor = section.editor
            # The editor of a question is built for its type (build_editor): its
            # question's type says which it is, without importing its module.
            if isinstance(editor.question, RubricQuestion):
                question = schema.question(qid)
                assert isinstance(question, RubricQuestion)
                cast("RubricEditor", editor).set_question(question)
            if isinstance(editor.question, RewriteQuestion):
                cast("RewriteEditor", editor).set_texts(self.texts)
            editor.load(order, answers.get(qid))
        self.update_context()

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for qid, section in self.sections.items():
            value = section.editor.value()
            if value is not None:
                out[qid] = value
        return out

    def update_context(self) -> None:
        answers = self.answers()
        for editor in self.editors:
            editor.update_context(answers)

    def preference(self) -> PreferenceEditor | None:
        for editor in self.editors:
            if isinstance(editor, PreferenceEditor) and editor.row is not None:
                return editor
        return None

    def show_issues(self, issues: Iterable[tuple[str, str]]) -> None:
        issues = list(issues)
        if not issues and not self._issues_shown:
            return
        self._issues_shown = bool(issues)
        per_question: dict[str, list[tuple[str, str]]] = {}
        general: list[str] = []
        for field, message in issues:
            qid = question_of(field)
            if qid in self.sections:
                per_question.setdefault(qid, []).append((field, message))
            else:
                general.append(f"{field}: {shown(message)}" if field else shown(message))
        for qid, section in self.sections.items():
            mine = per_question.get(qid, [])
            editor = section.editor
            if mine and isinstance(
                editor.question, (RubricQuestion, RubricWritingQuestion, RewriteQuestion)
            ):
                described = cast("RubricEditor | RubricWritingEditor | RewriteEditor", editor)
                messages = described.describe_issues(mine)
            else:
                messages = [self._describe(qid, f, m) for f, m in mine]
            show_alert(section.issue, messages)
        show_alert(self.general_issue, general)

    def _describe(self, qid: str, field: str, message: str) -> str:
        """``likert.r1.helpfulness`` + "required" -> "Response A, Helpfulness: required"."""
        where: list[str] = []
        for part in _PATH_PART.findall(field[len(qid) :]):
            if part.startswith("["):
                where.append(translate("answer_panel", "place {n}").format(n=int(part[1:-1]) + 1))
            elif part in self.order.order:
                where.append(response_name(self.order.order.index(part)))
            elif part == TASK_FLAGS_KEY and isinstance(self.sections[qid].editor, FlagsEditor):
                where.append(translate("answer_panel", "Whole task"))
            elif part not in ("better", "strength"):
                where.append(pretty(part))
        message = shown(message)
        text = message[:1].upper() + message[1:]
        return f"{', '.join(where)}: {message}" if where else text


class AnswerPanel(QWidget):
    """The answer form of the current task. See the module docstring."""

    answersEdited = Signal(dict)
    """The reviewer changed an answer: the full answers dict (unset questions left out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("answer_panel", "Answer form"))
        self.setStyleSheet(STYLE)
        self._pages: OrderedDict[tuple[FormKey, int], SchemaPage] = OrderedDict()
        self._page: SchemaPage | None = None
        self._loading = False
        self._theme: Theme | None = None
        self.pages_built = 0
        """How many answer forms were built (a test hook: switching tasks builds none)."""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self._scroll)
        self._body = QWidget(self._scroll)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._empty = muted_label(
            translate("answer_panel", "Open a task to answer it."), self._body
        )
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)
        self._scroll.setWidget(self._body)

    def set_theme(self, theme: object = None) -> None:
        """After the application palette changed: Qt does not re-polish a widget tree under
        a style sheet then, so the form kept the light background under the dark theme's
        light text. Re-polishing every widget applies the new palette throughout, once the
        palette change has reached them (after the events it posts)."""
        QTimer.singleShot(0, self._repolish)
        if isinstance(theme, Theme):
            self._theme = theme
            for page in self._pages.values():
                self._theme_page(page)

    def _theme_page(self, page: SchemaPage) -> None:
        if self._theme is not None:
            for editor in page.editors:
                if isinstance(editor.question, RewriteQuestion):
                    cast("RewriteEditor", editor).set_theme(self._theme)

    def _repolish(self) -> None:
        for widget in (self, *self.findChildren(QWidget)):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.update()

    # --- filling -----------------------------------------------------------------------

    def set_task(
        self,
        schema: Schema,
        order: DisplayOrder,
        answers: Mapping[str, Any],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        """Show the form of ``schema`` for a task shown in ``order``, filled from
        ``answers``; ``texts`` (response id -> raw text) serve the questions that edit a
        response (a rewrite). Emits nothing; reuses the form built for an equal schema."""
        page = self._page_for(schema, len(order.order))
        if page is not self._page:
            if self._page is not None:
                self._page.hide()
            self._page = page
            page.show()
            self._empty.hide()
        self._fill(page, schema, order, answers, texts or {})
        page.show_issues(())

    def set_answers(self, answers: Mapping[str, Any]) -> None:
        """Re-fill the current task's form (after undo, say). Emits nothing."""
        if self._page is not None:
            self._fill(self._page, self._page.schema, self._page.order, answers)

    def clear(self) -> None:
        """Show no task."""
        if self._page is not None:
            self._page.hide()
        self._page = None
        self._empty.show()

    def forget(self) -> None:
        """Show no task and destroy every cached form, with whatever was typed into it and
        its editors' undo history (the window is locking)."""
        self.clear()
        for page in self._pages.values():
            for editor in page.editors:
                editor.edited.disconnect(self._edited)
            page.deleteLater()
        self._pages.clear()

    def _fill(
        self,
        page: SchemaPage,
        schema: Schema,
        order: DisplayOrder,
        answers: Mapping[str, Any],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self._loading = True
        try:
            page.load(schema, order, answers, texts)
        finally:
            self._loading = False

    def _page_for(self, schema: Schema, count: int) -> SchemaPage:
        current = self._page
        if current is not None and current.schema is schema and current.count == count:
            return current
        key = (form_key(schema), count)
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
            return page
        page = SchemaPage(schema, count, self._body)
        page.hide()
        self.pages_built += 1
        for editor in page.editors:
            editor.edited.connect(self._edited)
        self._theme_page(page)
        self._layout.insertWidget(self._layout.count() - 1, page)
        self._pages[key] = page
        while len(self._pages) > PAGE_CACHE_SIZE:
            _key, old = self._pages.popitem(last=False)
            if old is self._page:  # never evict what is on screen
                self._pages[_key] = old
                continue
            old.deleteLater()
        return page

    # --- reading -----------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The current answers, naming response ids; unanswered questions left out."""
        return {} if self._page is None else self._page.answers()

    def _edited(self) -> None:
        page = self._page
        if self._loading or page is None:
            return
        page.update_context()
        self.answersEdited.emit(page.answers())

    # --- problems ----------------------------------------------------------------------

    def show_issues(self, issues: list[tuple[str, str]]) -> None:
        """Show validation problems (``(field, message)`` as from ``check_answers``)
        under the question each belongs to; replaces those shown before."""
        if self._page is not None:
            self._page.show_issues(issues)
            first = next((s for s in self._page.sections.values() if not s.issue.isHidden()), None)
            if first is not None:
                self._scroll.ensureWidgetVisible(first.issue)

    def clear_issues(self) -> None:
        if self._page is not None:
            self._page.show_issues(())

    def issue_label(self, question_id: str) -> QLabel | None:
        """The problem message under a question (for tests and the main window)."""
        if self._page is None or question_id not in self._page.sections:
            return None
        return self._page.sections[question_id].issue

    # --- an AI judge's suggestion (``before``) ------------------------------------------

    def show_suggestion_marks(self, states: Mapping[str, QuestionState], agent: str) -> None:
        """Mark each question holding the agent's value (see
        :class:`~docket.ui.suggestion_views.SuggestionMark`); unmark the others."""
        if self._page is None:
            return
        for qid, section in self._page.sections.items():
            section.mark.show_state(states.get(qid), agent)

    def suggestion_mark(self, question_id: str) -> str:
        """The words under a question about the suggestion it holds ("" when none)."""
        if self._page is None or question_id not in self._page.sections:
            return ""
        return self._page.sections[question_id].mark.text()

    def focused_question(self) -> str | None:
        """The id of the question holding the keyboard focus, if any."""
        focus = QApplication.focusWidget()
        if self._page is None or focus is None:
            return None
        for qid, section in self._page.sections.items():
            if section is focus or section.isAncestorOf(focus):
                return qid
        return None

    # --- keys and focus ----------------------------------------------------------------

    def handle_number_key(self, n: int) -> bool:
        """Pick step ``n`` (1-based) of the preference question, as the reviewer would.
        True if it was handled (the form has a preference with that many steps)."""
        editor = self._page.preference() if self._page is not None else None
        return editor is not None and editor.choose_step(n)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when the focused child did not take the key (text boxes do).
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (
            mods == Qt.KeyboardModifier.NoModifier
            and len(text) == 1
            and text in "123456789"
            and self.handle_number_key(int(text))
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def focus_question(self, question_id: str) -> bool:
        if self._page is None or question_id not in self._page.sections:
            return False
        section = self._page.sections[question_id]
        section.editor.focus_first()
        self._scroll.ensureWidgetVisible(section)
        return True

    def focus_flags(self) -> bool:
        """Focus the first flag check box; False if the form has no flags question."""
        return self._focus_kind(FlagsQuestion)

    def focus_rewrite(self) -> bool:
        """Focus the rewrite's editor; False if the form has no rewrite question."""
        return self._focus_kind(RewriteQuestion)

    def focus_rationale(self) -> bool:
        """Focus the rationale (the first text question); False if there is none."""
        return self._focus_kind(TextQuestion)

    def _focus_kind(self, kind: type[Question]) -> bool:
        if self._page is None:
            return False
        for question in self._page.schema.questions:
            if isinstance(question, kind):
                return self.focus_question(question.id)
        return False

    @property
    def schema(self) -> Schema | None:
        return None if self._page is None else self._page.schema

    def current_editors(self) -> dict[str, QuestionEditor]:
        """The editors of the form on screen, by question id."""
        if self._page is None:
            return {}
        return {qid: s.editor for qid, s in self._page.sections.items()}
