"""What the answer column shows for quality control, above the answer form:

- :class:`CalibrationBanner`: this task belongs to a calibration round (a training set
  whose answers count toward a calibration score, never toward the dataset);
- :class:`RevealView`: after a calibration task is submitted, the expected answer beside
  the reviewer's own, question by question, whether they match (in words and symbols),
  and the explanation;
- :class:`FastNotice`: the last answer was submitted faster than the form's
  ``min_seconds``: a gentle note that never takes focus and never blocks; the window hides
  it when the reviewer moves on.

The comparisons and wording come from :mod:`docket.core.calibration`, the rules the server
scores with.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from docket.core.calibration import Expected, QuestionGrade, grade
from docket.core.display_order import DisplayOrder
from docket.core.schema import Schema
from docket.ui.answer_widgets import ComparisonPanel, pretty, response_name
from docket.ui.i18n import isolate, sentence_mark, translate
from docket.ui.suggestion_views import answer_lines

NOTE_STYLE = (
    "QLabel {{ border: 0px solid transparent; border-left: 4px solid palette({bar});"
    " background-color: palette(alternate-base); color: palette(text); padding: 6px 8px; }}"
)


def _note(text: str = "", *, bar: str = "mid") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setStyleSheet(NOTE_STYLE.format(bar=bar))
    return label


class CalibrationBanner(QLabel):
    """ "Calibration round — a training set …": shown on every task of such a round."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate(
                "quality_views",
                "<b>Calibration round</b> — a training set. After you submit each task you see "
                "the expected answer and why. These answers count toward your calibration "
                "score only, never toward the dataset.",
            ),
            parent,
        )
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(NOTE_STYLE.format(bar="highlight"))
        self.setAccessibleName(translate("quality_views", "Calibration round"))
        self.setAccessibleDescription(
            translate(
                "quality_views",
                "A training set: the expected answer is shown after each submit; these answers "
                "count toward your calibration score only.",
            )
        )


def seconds_text(seconds: float) -> str:
    """``4 s``, ``1 min 5 s``: a duration as a reviewer reads it."""
    whole = max(0, round(seconds))
    if whole < 60:
        return translate("quality_views", "{seconds} s").format(seconds=whole)
    minutes, rest = divmod(whole, 60)
    if rest:
        return translate("quality_views", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=rest
        )
    return translate("quality_views", "{minutes} min").format(minutes=minutes)


class FastNotice(QLabel):
    """The gentle note after an answer submitted under the form's minimum time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(NOTE_STYLE.format(bar="mid"))
        self.setAccessibleName(translate("quality_views", "Answered quickly"))
        self.hide()

    def show_fast(self, seconds: float, minimum: float, *, same_task: bool = False) -> None:
        words = (
            translate(
                "quality_views",
                "This answer was submitted after {seconds} of active time; this project "
                "suggests at least {minimum} per task. It is saved as it is, and its time goes "
                "with it. Take the time each task needs.",
            )
            if same_task
            else translate(
                "quality_views",
                "Your last answer was submitted after {seconds} of active time; this project "
                "suggests at least {minimum} per task. It is saved as it is, and its time goes "
                "with it. Take the time each task needs.",
            )
        ).format(seconds=seconds_text(seconds), minimum=seconds_text(minimum))
        self.setText(
            translate("quality_views", "<b>Answered quickly:</b> {words}").format(
                words=html.escape(words)
            )
        )
        self.setAccessibleDescription(
            translate("quality_views", "Answered quickly: {words}").format(words=words)
        )
        self.show()


def verdict_text(g: QuestionGrade | None) -> str:
    """A question's verdict in words and a symbol, never colour alone."""
    if g is None:
        return "– " + translate("quality_views", "not scored")
    mark = "✓" if g.correct else "✗"
    if g.total == 1:
        word = (
            translate("quality_views", "Matches")
            if g.correct
            else translate("quality_views", "Differs")
        )
        return f"{mark} {word}"
    words = (
        translate("quality_views", "{matched} of {total} within one point")
        if g.kind == "likert"
        else translate("quality_views", "{matched} of {total} agree")
    )
    return f"{mark} " + words.format(matched=g.matched, total=g.total)


def reveal_html(
    schema: Schema, given: Mapping[str, Any], expected: Expected, order: DisplayOrder
) -> str:
    """The expected answer beside the reviewer's, per question, then the explanation."""

    def label(rid: str) -> str:
        return response_name(order.order.index(rid)) if rid in order.order else rid

    grades = {g.question: g for g in grade(schema, given, expected.answers)}
    rtl = sentence_mark()  # the window's own lines read in the interface's direction
    yours = html.escape(translate("quality_views", "Yours"))
    expected_word = html.escape(translate("quality_views", "Expected"))
    out = []
    for q in schema.questions:
        theirs = answer_lines(q, expected.answers, label)
        if not theirs:
            continue
        mine = answer_lines(q, given, label) or [translate("quality_views", "(no answer)")]
        title = html.escape(isolate(q.label or pretty(q.id)))
        out.append(
            f"<p style='margin-top:8px; margin-bottom:2px'>{rtl}<b>{title}</b> &nbsp; "
            f"{html.escape(verdict_text(grades.get(q.id)))}</p>"
            "<table cellspacing='0' cellpadding='2'>"
            f"<tr><td><i>{yours}</i></td>"
            f"<td>{'<br>'.join(html.escape(m) for m in mine)}</td></tr>"
            f"<tr><td><b>{expected_word}</b>&nbsp;</td>"
            f"<td><b>{'<br>'.join(html.escape(t) for t in theirs)}</b></td></tr></table>"
        )
    if expected.explanation:
        paragraphs = [p.strip() for p in expected.explanation.split("\n\n") if p.strip()]
        why = html.escape(translate("quality_views", "Why"))
        out.append(f"<p style='margin-top:10px; margin-bottom:2px'>{rtl}<b>{why}</b></p>")
        out += [f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs]
    final = translate(
        "quality_views", "Your answer is final for this round. Ctrl+Enter or J: the next task."
    )
    out.append(f"<p style='margin-top:10px'>{rtl}<i>{html.escape(final)}</i></p>")
    return "".join(out)


class RevealView(ComparisonPanel):
    """The expected answer and the explanation of a submitted calibration task."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("quality_views", "Expected answer — compare it with yours"),
            translate("quality_views", "Expected answer and explanation"),
            parent,
        )

    def reveal(
        self, schema: Schema, given: Mapping[str, Any], expected: Expected, order: DisplayOrder
    ) -> None:
        self.browser.setHtml(reveal_html(schema, given, expected, order))
        self.show()
