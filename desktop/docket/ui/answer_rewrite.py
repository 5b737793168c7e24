"""The rewrite editor: the expert writes the better answer, from a response or from empty.

The answer is ``{"base": "<response id>" | None, "text": "<markdown>"}``. The reviewer
chooses where to start (Response A, B, … or "Start empty" when the question allows it),
edits the markdown in a plain-text editor with light highlighting (headings, emphasis,
code, lists, links), and sees below it the changes against the base (a word diff:
deletions struck through, insertions underlined, each on a tint: never colour alone) and
the text rendered as the comparison view renders responses. Counts (words inserted and
deleted, characters changed, characters against the question's limit) are kept live;
preview, diff and counts follow typing after a short pause (:data:`REFRESH_MS`) so that
typing stays smooth on a long answer.

"Reset to the original" puts the base's text back as one edit (Ctrl+Z in the editor takes
it back, and so does the window's undo). Choosing another base replaces the text only
while it is still the old base's text (or empty): edits are never thrown away by the
chooser. A 2,000-word answer does not fit the narrow answer panel: "Edit in a large
window" (:data:`LARGE_KEY`) moves the same editor and its Changes / Preview tabs into a
window of their own, side by side, and back when it closes (Esc).

Keys: W (the window's shortcut) focuses the editor; in it, Tab leaves the text,
:data:`RESET_KEY` resets to the base, :data:`LARGE_KEY` opens the large window,
Ctrl+Z / Ctrl+Shift+Z undo and redo the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontDatabase,
    QHideEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from docket.core.schema import RewriteQuestion
from docket.core.spans import changed_chars
from docket.core.text_diff import Opcode, diff_tokens
from docket.render import to_html
from docket.render.diff import formula_spans
from docket.render.hidden import mark_hidden_html
from docket.render.theme import LIGHT, Theme
from docket.ui.answer_widgets import QuestionEditor, muted_label, response_name
from docket.ui.core_texts import capitalised, shown
from docket.ui.i18n import QT_TRANSLATE_NOOP, english_plural, translate
from docket.ui.text_edit import PlainTextEdit

REFRESH_MS = 150
"""Preview, diff and counts follow the text this long after the last keystroke."""
RESET_KEY = "Ctrl+Shift+R"
LARGE_KEY = "Ctrl+Shift+E"
EMPTY = QT_TRANSLATE_NOOP("answer_rewrite", "Start empty")

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Words, spaces and punctuation, each formula one token: the tokens of
    :mod:`docket.render.diff`, so the rewrite's diff reads as the comparison's does."""
    out: list[str] = []
    pos = 0
    for start, end in formula_spans(text):
        out += _TOKENS.findall(text, pos, start)
        out.append(text[start:end])
        pos = end
    out += _TOKENS.findall(text, pos)
    return out


@dataclass(frozen=True, slots=True)
class Changes:
    """What a rewrite changed in its base."""

    words_inserted: int
    words_deleted: int
    chars_changed: int
    """Characters inserted plus characters deleted, as ``min_changed_chars`` counts them
    (:func:`docket.core.spans.changed_chars`)."""


def _count_words(parts: Sequence[str]) -> int:
    """Words among diff tokens (a formula counts as one; spaces and punctuation do not;
    a line, in the line-by-line fallback, counts its words)."""
    total = 0
    for part in parts:
        if len(part) > 1 and ("\n" in part or " " in part.strip()):
            total += len(re.findall(r"\w+", part))
        elif part[:1].isalnum() or part[:1] == "_" or part[:1] in "$\\":
            total += 1
    return total


def _opcodes(base: str, text: str) -> tuple[list[str], list[str], list[Opcode]]:
    return diff_tokens(base, text, tokens)


def changes(base: str, text: str) -> Changes:
    """Words inserted and deleted, and characters changed, from ``base`` to ``text``."""
    ta, tb, ops = _opcodes(base, text)
    ins = dele = 0
    for op, i1, i2, j1, j2 in ops:
        if op != "equal":
            dele += _count_words(ta[i1:i2])
            ins += _count_words(tb[j1:j2])
    return Changes(ins, dele, changed_chars(base, text))


def readable(ta: Sequence[str], ops: Sequence[Opcode]) -> list[Opcode]:
    """``ops`` with each run of changes separated only by spaces made one change, so that
    a rewritten sentence reads as the old words struck, then the new ones: not as a
    scatter of one-word swaps."""
    out: list[Opcode] = []
    for op in ops:
        if (
            op[0] != "equal"
            and len(out) >= 2
            and out[-1][0] == "equal"
            and out[-2][0] != "equal"
            and all(t.isspace() for t in ta[out[-1][1] : out[-1][2]])
        ):
            gap = out.pop()
            first = out.pop()
            del gap
            out.append(("replace", first[1], op[2], first[3], op[4]))
        elif op[0] != "equal" and out and out[-1][0] != "equal":
            first = out.pop()
            out.append(("replace", first[1], op[2], first[3], op[4]))
        else:
            out.append(op)
    return out


def unified_diff_html(base: str, text: str, theme: Theme = LIGHT) -> str:
    """One text: what was deleted struck through, what was inserted underlined (each on
    its tint, and with a tooltip-free mark that reads without colour)."""
    deleted = f"background-color: {theme.deleted_background}; text-decoration: line-through"
    inserted = f"background-color: {theme.inserted_background}; text-decoration: underline"
    ta, tb, ops = _opcodes(base, text)
    ops = readable(ta, ops)

    def span(part: str, style: str) -> str:
        escaped = mark_hidden_html(html.escape(part, quote=False), theme)
        return f'<span style="{style}">{escaped}</span>' if style else escaped

    out: list[str] = []
    for op, i1, i2, j1, j2 in ops:
        left, right = "".join(ta[i1:i2]), "".join(tb[j1:j2])
        if op == "equal":
            out.append(span(right, ""))
            continue
        if left:
            out.append(span(left, deleted))
        if right:
            out.append(span(right, inserted))
    return f'<p style="white-space: pre-wrap; color: {theme.text}">{"".join(out)}</p>'


class MarkdownHighlighter(QSyntaxHighlighter):
    """Light markdown highlighting: headings bold, emphasis, code in a fixed font on a
    tint, list markers and links in the link colour. Shapes, not colour alone, carry it."""

    _HEADING = re.compile(r"^#{1,6}\s.*$")
    _LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
    _FENCE = re.compile(r"^\s*(```|~~~)")
    _INLINE = (
        ("code", re.compile(r"`[^`\n]+`")),
        ("bold", re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")),
        (
            "italic",
            re.compile(r"(?<![*\w])\*[^*\s][^*\n]*\*(?!\*)|(?<![_\w])_[^_\s][^_\n]*_(?!\w)"),
        ),
        ("link", re.compile(r"\[[^\]\n]+\]\([^)\n]*\)|https?://\S+")),
    )

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.formats: dict[str, QTextCharFormat] = {}
        self.set_palette(QPalette())

    def set_palette(self, palette: QPalette) -> None:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        link = palette.color(QPalette.ColorRole.Link)
        tint = QColor(palette.color(QPalette.ColorRole.Text))
        tint.setAlpha(28)
        f: dict[str, QTextCharFormat] = {}
        f["heading"] = QTextCharFormat()
        f["heading"].setFontWeight(QFont.Weight.Bold)
        f["bold"] = QTextCharFormat()
        f["bold"].setFontWeight(QFont.Weight.Bold)
        f["italic"] = QTextCharFormat()
        f["italic"].setFontItalic(True)
        f["code"] = QTextCharFormat()
        f["code"].setFontFamilies([fixed.family()])
        f["code"].setBackground(tint)
        f["link"] = QTextCharFormat()
        f["link"].setForeground(link)
        f["link"].setFontUnderline(True)
        f["list"] = QTextCharFormat()
        f["list"].setForeground(link)
        f["list"].setFontWeight(QFont.Weight.Bold)
        self.formats = f
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        in_fence = self.previousBlockState() == 1
        if self._FENCE.match(text):
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(0 if in_fence else 1)
            return
        if in_fence:
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(1)
            return
        self.setCurrentBlockState(0)
        if self._HEADING.match(text):
            self.setFormat(0, len(text), self.formats["heading"])
            return
        marker = self._LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), self.formats["list"])
        for name, pattern in self._INLINE:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.formats[name])


class LargeRewriteWindow(QDialog):
    """The rewrite's editor and its Changes / Preview, side by side in a large window."""

    def __init__(self, editor: RewriteEditor) -> None:
        super().__init__(editor)  # goes with the editor (a lock destroys both)
        self.editor = editor
        self.setWindowTitle(
            translate("answer_rewrite", "{title}: large editor").format(title=editor.title)
        )
        self.setAccessibleName(translate("answer_rewrite", "Large rewrite editor"))
        layout = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setAccessibleName(translate("answer_rewrite", "Rewrite changes"))
        layout.addWidget(self.header)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        for key, slot in ((RESET_KEY, editor.reset),):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        self.resize(1200, 760)

    def take(self, edit: QWidget, views: QWidget) -> None:
        self.splitter.addWidget(edit)
        self.splitter.addWidget(views)
        self.splitter.setSizes([600, 600])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.dock_back()
        super().closeEvent(event)

    def reject(self) -> None:
        self.close()


class RewriteEditor(QuestionEditor):
    """A rewrite answer. See the module docstring."""

    def __init__(
        self, question: RewriteQuestion, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(question, count, parent)
        self.rewrite = question
        self.texts: dict[str, str] = {}
        self.base: str | None = None
        self.started = False
        self.theme: Theme = LIGHT
        self.large: LargeRewriteWindow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._layout = layout

        row = QHBoxLayout()
        start_label = QLabel(translate("answer_rewrite", "Start from"), self)
        row.addWidget(start_label)
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(translate("answer_rewrite", "Rewrite starts from"))
        self.chooser.setToolTip(
            translate(
                "answer_rewrite", "The response your rewrite starts from (its changes are shown)"
            )
        )
        self.chooser.view().setAccessibleName(
            translate("answer_rewrite", "Responses to start from")
        )
        start_label.setBuddy(self.chooser)
        self.chooser.activated.connect(self._chosen)
        row.addWidget(self.chooser, 1)
        layout.addLayout(row)

        self.edit = PlainTextEdit(self)
        self.edit.setAccessibleName(translate("answer_rewrite", "Rewrite text (markdown)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setToolTip(
            translate(
                "answer_rewrite",
                "Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to "
                "the original; {LARGE_KEY} opens a large window)",
            ).format(RESET_KEY=RESET_KEY, LARGE_KEY=LARGE_KEY)
        )
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * 16 + 12)
        self.edit.setLineWrapMode(PlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = MarkdownHighlighter(self.edit.document())
        self.edit.textChanged.connect(self._text_changed)
        layout.addWidget(self.edit, 1)

        self.counts = muted_label("", self)
        self.counts.setAccessibleName(translate("answer_rewrite", "Rewrite counts"))
        layout.addWidget(self.counts)
        self.limit_issue = QLabel(self)
        self.limit_issue.setWordWrap(True)
        self.limit_issue.setTextFormat(Qt.TextFormat.PlainText)
        self.limit_issue.setProperty("role", "alert")
        self.limit_issue.setAccessibleName(translate("answer_rewrite", "Problem with the rewrite"))
        self.limit_issue.hide()
        layout.addWidget(self.limit_issue)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.reset_button = QPushButton(translate("answer_rewrite", "Reset to the original"), self)
        self.reset_button.setAccessibleName(translate("answer_rewrite", "Reset to the original"))
        self.reset_button.setToolTip(
            translate(
                "answer_rewrite", "Put the base response's text back ({RESET_KEY}; undoable)"
            ).format(RESET_KEY=RESET_KEY)
        )
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)
        self.large_button = QPushButton(translate("answer_rewrite", "Large editor…"), self)
        self.large_button.setAccessibleName(translate("answer_rewrite", "Edit in a large window"))
        self.large_button.setToolTip(
            translate(
                "answer_rewrite", "Edit with the changes and preview side by side ({LARGE_KEY})"
            ).format(LARGE_KEY=LARGE_KEY)
        )
        self.large_button.setAutoDefault(False)
        self.large_button.clicked.connect(self.open_large)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.large_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.views = QTabWidget(self)
        self.views.setAccessibleName(translate("answer_rewrite", "Rewrite changes and preview"))
        self.diff_view = QTextBrowser(self.views)
        self.diff_view.setAccessibleName(translate("answer_rewrite", "Changes against the base"))
        self.diff_view.setOpenLinks(False)
        self.preview = QTextBrowser(self.views)
        self.preview.setAccessibleName(translate("answer_rewrite", "Rewrite preview"))
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.views.addTab(self.diff_view, translate("answer_rewrite", "Changes"))
        self.views.addTab(self.preview, translate("answer_rewrite", "Preview"))
        self.views.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * 14 + 40)
        layout.addWidget(self.views, 1)
        layout.addWidget(
            muted_label(
                translate(
                    "answer_rewrite",
                    "Deleted words are struck through, inserted words underlined. "
                    "{reset_key} resets, {large_key} opens a large window.",
                ).format(reset_key=RESET_KEY, large_key=LARGE_KEY),
                self,
            )
        )

        for key, slot in ((RESET_KEY, self.reset), (LARGE_KEY, self.open_large)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.last_changes = Changes(0, 0, 0)
        self._fill_chooser()
        self.refresh()

    # --- context -----------------------------------------------------------------------

    def set_texts(self, texts: Mapping[str, str]) -> None:
        """The task's responses (``{response id: raw markdown}``), before :meth:`load`."""
        self.texts = dict(texts)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.highlighter.set_palette(QApplication.palette())  # the theme's, already set
        self.refresh()

    def _fill_chooser(self) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for i, rid in enumerate(self.ids):
            self.chooser.addItem(response_name(i), rid)
        if self.rewrite.allow_empty:
            self.chooser.addItem(translate("answer_rewrite", EMPTY), None)
        if not self.rewrite.allow_empty:
            self.chooser.setPlaceholderText(translate("answer_rewrite", "Choose a response…"))
        self.chooser.blockSignals(False)

    def _show_base(self) -> None:
        if self.base is not None:
            index = self.chooser.findData(self.base)
        elif self.rewrite.allow_empty:
            index = self.chooser.count() - 1  # "Start empty"
        else:
            index = -1  # nothing chosen yet: the text waits for a base
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(index)
        self.chooser.blockSignals(False)
        self.edit.setReadOnly(index < 0)
        self.edit.setPlaceholderText(
            translate("answer_rewrite", "Choose the response to start from above.")
            if index < 0
            else translate("answer_rewrite", "Write the answer here, in markdown.")
        )

    # --- filling and reading -----------------------------------------------------------

    def _fill(self, value: Any) -> None:
        self._fill_chooser()
        base: str | None = None
        text = ""
        if isinstance(value, Mapping):
            b = value.get("base")
            base = b if isinstance(b, str) else None
            t = value.get("text")
            text = t if isinstance(t, str) else ""
        self.base = base
        self.started = isinstance(value, Mapping)
        self._show_base()
        if text != self.edit.toPlainText():
            self.edit.blockSignals(True)
            self.edit.setPlainText(text)
            self.edit.blockSignals(False)
        self.refresh()

    def value(self) -> Any:
        text = self.edit.toPlainText()
        if not self.started and not text:
            return None
        if self.base is None and not text.strip():
            return None
        return {"base": self.base, "text": text}

    def base_text(self) -> str:
        return self.texts.get(self.base, "") if self.base is not None else ""

    # --- edits -------------------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        new = self.chooser.itemData(index)
        new = new if isinstance(new, str) else None
        old_text = self.base_text()
        current = self.edit.toPlainText()
        self.base = new
        self.started = True
        self.edit.setReadOnly(False)
        self.edit.setPlaceholderText(
            translate("answer_rewrite", "Write the answer here, in markdown.")
        )
        if not current or current == old_text:
            self._replace_text(self.base_text())  # emits through textChanged
        else:
            self._user_edit()
        self.refresh()

    def reset(self) -> None:
        """Put the base's text back, as one edit the editor's undo takes back."""
        if not self.started and self.base is None and not self.rewrite.allow_empty:
            return
        self._replace_text(self.base_text())

    def _replace_text(self, text: str) -> None:
        if text == self.edit.toPlainText():
            self._user_edit()
            return
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def _text_changed(self) -> None:
        if not self.started and self.edit.toPlainText():
            self.started = True
        self._refresh_timer.start()
        self._update_limit()
        self._user_edit()

    # --- showing -----------------------------------------------------------------------

    def _update_limit(self) -> None:
        n = len(self.edit.toPlainText())
        limit = self.rewrite.max_chars
        over = n > limit
        message = (
            translate(
                "answer_rewrite",
                "⚠ {count} characters: at most {limit} are allowed. Shorten the rewrite; "
                "it is never cut.",
            ).format(count=f"{n:,}", limit=f"{limit:,}")
            if over
            else ""
        )
        if self.limit_issue.text() != message:
            self.limit_issue.setText(message)
            self.limit_issue.setAccessibleDescription(message)
        self.limit_issue.setVisible(over)

    def refresh(self) -> None:
        """Counts, changes and preview from the text (run after typing pauses)."""
        self._refresh_timer.stop()
        text = self.edit.toPlainText()
        base = self.base_text()
        self.last_changes = c = changes(base, text)
        limit = self.rewrite.max_chars
        where = (
            translate("answer_rewrite", "From empty")
            if self.base is None
            else translate("answer_rewrite", "From {response}").format(
                response=response_name(self.ids.index(self.base))
            )
            if self.base in self.ids
            else ""
        )
        inserted, deleted = c.words_inserted, c.words_deleted
        parts = [
            english_plural(self.tr("+%Ln word(s) inserted", "", inserted), inserted),
            self.tr("−%Ln deleted", "", deleted),
            english_plural(
                self.tr("%Ln character(s) changed", "", c.chars_changed), c.chars_changed
            ),
            translate("answer_rewrite", "{count} / {limit} characters").format(
                count=f"{len(text):,}", limit=f"{limit:,}"
            ),
        ]
        if self.rewrite.min_changed_chars and self.base is not None:
            more = self.rewrite.min_changed_chars - c.chars_changed
            if more > 0:
                parts.append(self.tr("change at least %Ln more", "", more))
        words = " · ".join(parts)
        if where and self.started:
            words = translate("answer_rewrite", "{where}: {counts}").format(
                where=where, counts=words
            )
        self.counts.setText(words)
        self.counts.setAccessibleDescription(words)
        if self.large is not None:
            self.large.header.setText(words)
        self._update_limit()
        has_base = self.base is not None
        self.reset_button.setEnabled(has_base)
        if has_base:
            self.diff_view.setHtml(unified_diff_html(base, text, self.theme))
        else:
            self.diff_view.setHtml(
                translate(
                    "answer_rewrite",
                    '<p style="color: {text}">Written from empty: no base to compare.</p>',
                ).format(text=self.theme.text)
            )
        self.preview.setHtml(to_html(text, theme=self.theme) if text.strip() else "")

    # --- the large window --------------------------------------------------------------

    def open_large(self) -> None:
        if self.large is not None:
            self.large.raise_()
            self.large.activateWindow()
            return
        self.large = LargeRewriteWindow(self)
        self.large.take(self.edit, self.views)
        self.large.header.setText(self.counts.text())
        self.large.show()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def dock_back(self) -> None:
        """The large window closed: the editor and its views come back to the form."""
        if self.large is None:
            return
        self.large = None
        self._layout.insertWidget(1, self.edit, 1)  # after the chooser row
        self._layout.insertWidget(self._layout.count() - 1, self.views, 1)
        self.edit.show()
        self.views.show()

    def hideEvent(self, event: QHideEvent) -> None:
        """The form is put away (another form, or the window locks): the large window
        closes with it, its text back in the form."""
        if self.large is not None:
            self.large.close()
        super().hideEvent(event)

    def focus_first(self) -> None:
        if self.edit.isReadOnly():
            self.chooser.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def describe_issues(self, issues: Sequence[tuple[str, str]]) -> list[str]:
        """Problems from :func:`docket.core.validation.check_answers`, as sentences (they
        all concern the one text and its base)."""
        return [capitalised(shown(m)) for _f, m in issues]


__all__ = [
    "Changes",
    "MarkdownHighlighter",
    "RewriteEditor",
    "changes",
    "tokens",
    "unified_diff_html",
]
