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

from docket.core.calibration import Expected, QuestionGrade, describe_question, grade
from docket.core.display_order import DisplayOrder
from docket.core.schema import Schema
from docket.ui.answer_widgets import ComparisonPanel, pretty, response_name
from docket.ui.i18n import translate

NOTE_STYLE = (
    "QLabel {{ border: 0px solid transparent; border-left: 4px solid palette({bar});"
    " background-color: palette(alternate-base); color: palette(text); padding: 6px 8px; }}"
)
BANNER_TEXT = (
    "<b>Calibration round</b> — a training set. After you submit each task you see the "
    "expected answer and why. These answers count toward your calibration score only, "
    "never toward the dataset."
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
        super().__init__(BANNER_TEXT, parent)
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
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


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
        which = "This answer" if same_task else "Your last answer"
        words = (
            f"{which} was submitted after {seconds_text(seconds)} of active time; this "
            f"project suggests at least {seconds_text(minimum)} per task. It is saved as it "
            "is, and its time goes with it. Take the time each task needs."
        )
        self.setText(
            translate("quality_views", "<b>Answered quickly:</b> {words}").format(
                words=html.escape(words)
            )
        )
        self.setAccessibleDescription(
            translate("quality_views", "Answered quickly: {words}").format(words=words)
        )
        self.show()


def _parts(lines: list[str]) -> list[str]:
    """:func:`describe_question` lines without their lead-in (": " or ", ")."""
    return [line[2:] if line[:2] in (": ", ", ") else line for line in lines]


def verdict_text(g: QuestionGrade | None) -> str:
    """A question's verdict in words and a symbol, never colour alone."""
    if g is None:
        return "– not scored"
    mark = "✓" if g.correct else "✗"
    if g.total == 1:
        return f"{mark} {'Matches' if g.correct else 'Differs'}"
    what = "within one point" if g.kind == "likert" else "agree"
    return f"{mark} {g.matched} of {g.total} {what}"


def reveal_html(
    schema: Schema, given: Mapping[str, Any], expected: Expected, order: DisplayOrder
) -> str:
    """The expected answer beside the reviewer's, per question, then the explanation."""

    def label(rid: str) -> str:
        return response_name(order.order.index(rid)) if rid in order.order else rid

    grades = {g.question: g for g in grade(schema, given, expected.answers)}
    out = []
    for q in schema.questions:
        theirs = _parts(describe_question(q, expected.answers, label))
        if not theirs:
            continue
        mine = _parts(describe_question(q, given, label)) or ["(no answer)"]
        title = html.escape(q.label or pretty(q.id))
        out.append(
            f"<p style='margin-top:8px; margin-bottom:2px'><b>{title}</b> &nbsp; "
            f"{html.escape(verdict_text(grades.get(q.id)))}</p>"
            "<table cellspacing='0' cellpadding='2'>"
            f"<tr><td><i>Yours</i></td><td>{'<br>'.join(html.escape(m) for m in mine)}</td></tr>"
            f"<tr><td><b>Expected</b>&nbsp;</td>"
            f"<td><b>{'<br>'.join(html.escape(t) for t in theirs)}</b></td></tr></table>"
        )
    if expected.explanation:
        paragraphs = [p.strip() for p in expected.explanation.split("\n\n") if p.strip()]
        out.append("<p style='margin-top:10px; margin-bottom:2px'><b>Why</b></p>")
        out += [f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs]
    out.append(
        "<p style='margin-top:10px'><i>Your answer is final for this round. "
        "Ctrl+Enter or J: the next task.</i></p>"
    )
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
