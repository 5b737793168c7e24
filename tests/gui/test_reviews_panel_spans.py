"""The adjudication view's reviews panel on spans and rewrites: each reviewer's spans
listed in the order of the text, in the lead's labels, with the quoted text, the label,
the severity in words and the comment; a rewrite as a word diff against the response it
started from, with its counts in words, deletions struck through and insertions
underlined (never colour alone).

``DOCKET_SCREENSHOT=path.png`` saves the panel in the light and dark themes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtWidgets import QApplication

from docket.core.display_order import DisplayOrder
from docket.render.theme import DARK, LIGHT
from docket.ui.palette import palette_for
from docket.ui.reviews_panel import ReviewsPanel, word_changes

TEXT = "Paris is the capital of France. It has many museums. The Seine runs through it."
OTHER = "Berlin is the capital of Germany."


def _span(s: int, e: int, label: str, severity: str | None, comment: str = "") -> dict[str, Any]:
    return {"response": "r-x", "start": s, "end": e, "quote": TEXT[s:e], "label": label,
            "severity": severity, "comment": comment}  # fmt: skip


REVIEW: dict[str, Any] = {
    "task_id": "t1",
    "severity": 3,
    "reasons": ["3 spans marked by some reviewers only"],
    "reviews": [
        {"reviewer": "alice", "revision": 1, "time_spent_s": 75, "answers": {
            "spans": [_span(32, 52, "redundant", None), _span(0, 31, "irrelevant", "major",
                                                             "Not what was asked.")],
            "rewrite": {"base": "r-x", "text": "Paris is the capital of France. "
                        "The Seine runs through the city."}}},
        {"reviewer": "bob", "revision": 2, "time_spent_s": 40, "answers": {
            "spans": [_span(0, 31, "irrelevant", "minor"), _span(53, 79, "unverifiable",
                                                                "critical", "No source says so.")],
            "rewrite": {"base": None, "text": "Paris."}}},
    ],
}  # fmt: skip


def test_the_panel_lists_each_reviewers_spans_and_rewrite(qtbot: Any) -> None:
    order = DisplayOrder(("r-y", "r-x"))
    panel = ReviewsPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.resize(620, 760)
    panel.show_reviews(REVIEW, order, {"r-x": TEXT, "r-y": OTHER})
    text = panel.browser.toPlainText()
    # Summaries per question, in the lead's labels (r-x is Response B here).
    assert "spans: B: 2 (irrelevant, redundant)" in text
    assert "spans: B: 2 (irrelevant, unverifiable)" in text
    assert "≠ differ" in text
    # alice's spans in the order of the text, with quote, label, severity and comment.
    first = text.index("Response B · “Paris is the capital of France.” · irrelevant · major")
    second = text.index("Response B · “It has many museums.” · redundant · no severity")
    assert first < second
    assert "Not what was asked." in text
    assert "“The Seine runs through it.” · unverifiable · critical (characters 53–79)" in text
    # alice's rewrite as a diff against Response B, with counts.
    inserted, deleted = word_changes(TEXT, REVIEW["reviews"][0]["answers"]["rewrite"]["text"])
    assert (inserted, deleted) == (2, 5)
    assert "rewrite, from Response B: 2 words inserted (underlined), 5 words deleted" in text
    html = panel.browser.toHtml()
    assert "line-through" in html and "underline" in html
    # bob's rewrite was written from empty: all of it inserted.
    assert "rewrite, from empty: 1 word inserted" in text
    if shot := os.environ.get("DOCKET_SCREENSHOT"):
        path = Path(shot)
        panel.show()
        QApplication.processEvents()
        panel.grab().save(str(path))
        light = QApplication.palette()
        QApplication.setPalette(palette_for(DARK))
        panel.set_theme(DARK)
        panel.show_reviews(REVIEW, order, {"r-x": TEXT, "r-y": OTHER})
        QApplication.processEvents()
        panel.grab().save(str(path.with_name(f"{path.stem}-dark{path.suffix}")))
        QApplication.setPalette(light)


def test_a_rewrite_of_a_response_not_in_the_task_is_shown_as_text(qtbot: Any) -> None:
    order = DisplayOrder(("r-y", "r-x"))
    panel = ReviewsPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.show_reviews(REVIEW, order)  # no texts given
    text = panel.browser.toPlainText()
    assert "rewrite, from Response B (its text is not here)" in text
    assert "The Seine runs through the city." in text
