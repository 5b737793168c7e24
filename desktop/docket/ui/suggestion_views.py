"""What the answer column shows of an AI judge's suggestion:

- :class:`JudgeView` (``after-answer``): once the reviewer has submitted blind, the
  judge's verdict beside their own in one sentence ("The judge (gpt-4) prefers
  Response B; you chose Response A."), question by question whether they match (in words
  and symbols, never colour alone), the critique and the confidence; the reviewer keeps
  their answer (Ctrl+Enter) or revises the form below and submits again.
- :class:`SuggestionMark` (``before``): under a question holding the agent's value, an
  icon and words: "Suggested by gpt-4 — not yet confirmed" until the reviewer accepts it
  (Ctrl+Shift+A) or changes it; "Accepted from gpt-4's suggestion" once accepted.

The wording comes from :mod:`docket.core.suggestion_review` and
:mod:`docket.core.calibration` (how an answer reads in words).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QWidget,
)

from docket.core.calibration import Label, describe_parts
from docket.core.display_order import DisplayOrder
from docket.core.schema import Question, Schema
from docket.core.suggestion_review import QuestionState, verdict_sentence
from docket.core.suggestions import Suggestion
from docket.ui.answer_widgets import ComparisonPanel, pretty, response_name
from docket.ui.core_texts import shown
from docket.ui.i18n import isolate, sentence_mark, translate

ACCEPT_KEY = "Ctrl+Shift+A"
ACCEPT_ALL_KEY = "Ctrl+Alt+Shift+A"


def answer_lines(question: Question, answers: Mapping[str, Any], label: Label) -> list[str]:
    """What ``answers`` say to ``question``, line by line, in the interface's language."""
    return [shown(text) for _lead, text in describe_parts(question, answers, label)]


def judge_html(
    schema: Schema, mine: Mapping[str, Any], suggestion: Suggestion, order: DisplayOrder
) -> str:
    """The judge's answer beside the reviewer's: the verdict in a sentence, then per
    question ✓ Same / ≠ Differs with both answers in words, the critique, the confidence."""

    def label(rid: str) -> str:
        return response_name(order.order.index(rid)) if rid in order.order else rid

    agent = html.escape(suggestion.agent)
    verdict_text = shown(verdict_sentence(schema, suggestion, mine, label))
    rtl = sentence_mark()  # the window's own lines read in the interface's direction
    out = [f"<p>{rtl}<b>{html.escape(verdict_text)}</b></p>"]
    yours_word = html.escape(translate("suggestion_views", "Yours"))
    for q in schema.questions:
        theirs = answer_lines(q, suggestion.answers, label)
        if not theirs:
            continue
        yours = answer_lines(q, mine, label) or [translate("suggestion_views", "(no answer)")]
        same = mine.get(q.id) == suggestion.answers.get(q.id)
        verdict = (
            "✓ " + translate("suggestion_views", "Same")
            if same
            else "≠ " + translate("suggestion_views", "Differs")
        )
        title = html.escape(isolate(q.label or pretty(q.id)))
        out.append(
            f"<p style='margin-top:8px; margin-bottom:2px'>{rtl}<b>{title}</b> &nbsp; "
            f"{html.escape(verdict)}</p>"
            "<table cellspacing='0' cellpadding='2'>"
            f"<tr><td><i>{yours_word}</i></td>"
            f"<td>{'<br>'.join(html.escape(m) for m in yours)}</td></tr>"
            f"<tr><td><b>{agent}</b>&nbsp;</td>"
            f"<td>{'<br>'.join(html.escape(t) for t in theirs)}</td></tr></table>"
        )
    if suggestion.critique:
        heading = translate("suggestion_views", "{agent}'s critique").format(agent=agent)
        out.append(f"<p style='margin-top:10px; margin-bottom:2px'>{rtl}<b>{heading}</b></p>")
        paragraphs = [p.strip() for p in suggestion.critique.split("\n\n") if p.strip()]
        out += [f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs]
    if suggestion.confidence is not None:
        confidence = translate("suggestion_views", "Confidence: {share} (as {agent} states it)")
        share = f"{suggestion.confidence:.0%}"
        said = html.escape(confidence.format(share=share, agent=suggestion.agent))
        out.append(f"<p>{rtl}{said}</p>")
    keep = translate(
        "suggestion_views",
        "Your first answer is recorded as it was. Keep it: Ctrl+Enter (the next task). Or "
        "revise the form below and submit again with Ctrl+Enter: both answers are kept.",
    )
    out.append(f"<p style='margin-top:10px'>{rtl}<i>{html.escape(keep)}</i></p>")
    return "".join(out)


class JudgeView(ComparisonPanel):
    """The judge's verdict and critique after a blind answer (``after-answer``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("suggestion_views", "The AI judge's answer — compare it with yours"),
            translate("suggestion_views", "The AI judge's answer and critique"),
            parent,
        )

    def reveal(
        self,
        schema: Schema,
        mine: Mapping[str, Any],
        suggestion: Suggestion,
        order: DisplayOrder,
    ) -> None:
        self.title.setText(
            translate("suggestion_views", "The AI judge ({agent}) — compare it with yours").format(
                agent=suggestion.agent
            )
        )
        bar = self.browser.verticalScrollBar()
        kept = bar.value() if self.isVisible() else 0
        self.browser.setHtml(judge_html(schema, mine, suggestion, order))
        bar.setValue(kept)
        self.show()


MARK_STYLE = (
    "QWidget#suggestion-mark {{ border-left: 4px solid palette({bar});"
    " background-color: palette(alternate-base); }}"
)


class SuggestionMark(QWidget):
    """Under a question: whose answer it holds (icon and words), or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestion-mark")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(6)
        self.icon = QLabel(self)
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)
        self.state: QuestionState | None = None
        self.hide()

    def show_state(self, state: QuestionState | None, agent: str) -> None:
        self.state = state
        if state is None or state == "changed":
            self.hide()
            return
        if state == "suggested":
            pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
            words = translate(
                "suggestion_views",
                "Suggested by {agent} — not yet confirmed. {key} accepts it; changing it makes "
                "it your own answer.",
            ).format(agent=agent, key=ACCEPT_KEY)
            bar = "highlight"
        else:
            pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
            words = translate(
                "suggestion_views",
                "Accepted from {agent}'s suggestion (recorded as an acceptance).",
            ).format(agent=agent)
            bar = "mid"
        size = self.words.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.words.setText(words)
        self.setAccessibleName(words)
        self.setStyleSheet(MARK_STYLE.format(bar=bar))
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.words.text()
