"""The review window's features: blinding, raw and diff views, scrolling, zoom, themes,
links, accessibility, the active-time clock, and opening/unlocking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from docket import Workspace
from docket.bundles import keys
from docket.core import Response, Role, Task, Turn
from docket.settings import Settings
from docket.ui import app as app_module
from docket.ui.main_window import MainWindow
from docket.ui.review_controller import IDLE_AFTER_S, ActiveClock

SECRET_MODELS = ("gpt-secret-model", "claude-secret-model", "llama-secret-model")


def tasks() -> list[Task]:
    long = "\n\n".join(f"Paragraph {i} about sorting." for i in range(80))
    return [
        Task(
            "pair",
            (Turn(Role.USER, "Which is faster, **quicksort** or mergesort?"),),
            (
                Response(
                    "r1",
                    f"Quicksort, on average.\n\n```python\nsorted(x)\n```\n\n{long}",
                    SECRET_MODELS[0],
                ),
                Response("r2", f"Mergesort is stable.\n\n{long}", SECRET_MODELS[1]),
            ),
        ),
        Task(
            "three",
            (
                Turn(Role.SYSTEM, "Be brief."),
                Turn(Role.USER, "Hi"),
                Turn(Role.ASSISTANT, "Hello"),
                Turn(Role.USER, "2+2?"),
            ),
            tuple(Response(f"x{i}", f"{4 + i}", m) for i, m in enumerate(SECRET_MODELS)),
        ),
    ]


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, key_path: Path) -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(
        tasks(), guidelines="# Rules\n\nPrefer **correct** answers. Watch for hallucination."
    )
    w = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    return w


def all_text(w: MainWindow) -> str:
    parts = [w.windowTitle()]
    for child in w.findChildren(QTextEdit):
        parts.append(child.toPlainText())
    for child in w.findChildren(QAbstractButton):
        parts.append(child.text())
    return "\n".join(parts)


def test_blinded_labels_and_no_model_names_anywhere(window: MainWindow) -> None:
    for task_id in ("pair", "three"):
        window.open_task(task_id)
        labels = [c.label.text() for c in window.comparison.columns if c.isVisible()]
        assert labels == [f"Response {x}" for x in "ABC"[: len(labels)]]
        text = all_text(window)
        assert not any(m in text for m in SECRET_MODELS)
        assert "r1" not in [c.label.text() for c in window.comparison.columns]
    assert window.comparison.prompt_label.text() == "Conversation (4 turns)"


def test_rendered_raw_toggle_and_diff(window: MainWindow, qtbot: Any) -> None:
    window.open_task("pair")
    column = window.comparison.columns[window.controller.order.order.index("r1")]
    assert "```" not in column.browser.toPlainText() and "sorted(x)" in column.browser.toPlainText()
    column.raw_button.click()
    assert "```python" in column.browser.toPlainText()
    column.raw_button.click()
    assert "```" not in column.browser.toPlainText()
    window.diff_action.trigger()
    assert window.comparison.diff_shown()
    html = window.comparison.columns[0].browser.toHtml()
    assert "line-through" in html or "underline" in html
    window.diff_action.trigger()
    # The cached, rendered document was not overwritten by the raw or diff text.
    window.open_task("three")
    window.open_task("pair")
    assert "```" not in column.browser.toPlainText()


def test_synchronised_scrolling_and_zoom(window: MainWindow, qtbot: Any) -> None:
    window.open_task("pair")
    a, b = (c.browser.verticalScrollBar() for c in window.comparison.columns[:2])
    qtbot.waitUntil(lambda: a.maximum() > 0 and b.maximum() > 0)
    a.setValue(a.maximum() // 2)
    assert abs(b.value() / b.maximum() - 0.5) < 0.1
    window.sync_action.trigger()  # off
    a.setValue(0)
    assert b.value() > 0
    size = window.comparison.columns[0].browser.document().defaultFont().pointSizeF()
    window.zoom(2)
    assert window.comparison.columns[0].browser.document().defaultFont().pointSizeF() == size + 2
    window.zoom(0)
    assert window.comparison.columns[0].browser.document().defaultFont().pointSizeF() == size


def test_theme_switch_rerenders(window: MainWindow) -> None:
    window.open_task("pair")
    index = window.controller.order.order.index("r1")  # the response with a code block
    light = window.comparison.columns[index].browser.toHtml()
    window.set_theme("dark")
    dark = window.comparison.columns[index].browser.toHtml()
    assert light != dark and "#161b22" in dark.lower()
    assert window.settings.theme == "dark"


def test_links_are_opened_only_after_asking(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "docket.ui.dialogs.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.comparison.linkRequested.emit(QUrl("https://example.org"))
    assert opened == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.comparison.linkRequested.emit(QUrl("https://example.org"))
    assert opened == ["https://example.org"]


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    missing = []
    for kind in (
        QAbstractButton,
        QLineEdit,
        QComboBox,
        QPlainTextEdit,
        QTextEdit,
        QAbstractItemView,
    ):
        for widget in window.findChildren(kind):
            if not widget.isVisibleTo(window):
                continue
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            if not name.strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert missing == []


def test_guidelines_are_shown_and_searchable(window: MainWindow, qtbot: Any) -> None:
    assert "Prefer correct answers" in window.guidelines.browser.toPlainText()
    qtbot.keyClicks(window.guidelines.search, "hallucination")
    assert window.guidelines.status.text() == "1 match"
    assert window.guidelines.browser.textCursor().selectedText().lower() == "hallucination"


def test_reopening_returns_to_the_last_task(
    qtbot: Any, tmp_path: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    first = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.controller.task is not None)
    first.open_task("three")
    first.close()
    second = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.controller.task is not None)
    assert second.controller.task.id == "three"
    second.close()
    ws.close()


def test_active_clock_counts_only_active_unidle_time() -> None:
    now = [1000.0]
    clock = ActiveClock(lambda: now[0])
    now[0] += 30
    assert clock.take() == pytest.approx(30)
    clock.set_active(False)  # window in the background
    now[0] += 600
    clock.set_active(True)
    now[0] += 10
    assert clock.take() == pytest.approx(10)
    clock.user_input()
    now[0] += IDLE_AFTER_S + 500  # walked away: only the idle threshold counts
    assert clock.take() == pytest.approx(IDLE_AFTER_S)
    clock.user_input()
    now[0] += 5
    assert clock.take() == pytest.approx(5)


def test_unlock_asks_for_the_passphrase_until_right(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, _ = keys.write_key_pair(
        keys.generate("pat"), tmp_path / "keys", passphrase="the right one"
    )
    answers = iter(["wrong", "the right one"])
    warnings: list[str] = []
    monkeypatch.setattr(app_module, "ask_passphrase", lambda parent, what: next(answers))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    ws = app_module.unlock(None, tmp_path / "ws", key)
    assert ws is not None and ws.reviewer == "pat"
    assert len(warnings) == 1 and "Wrong passphrase" in warnings[0]
    ws.close()


def test_digits_typed_into_a_spin_box_are_not_preference_keys(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QApplication

    from docket.core.schema import LikertQuestion, PreferenceQuestion, Schema

    ws = Workspace.open(tmp_path / "ws", key_path)
    schema = Schema(
        (
            PreferenceQuestion("preference"),
            LikertQuestion(
                "score", dimensions=("quality",), scale_min=0, scale_max=20, required=False
            ),
        )
    )
    ws.load_tasks(tasks()[:1], schema=schema)
    w = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.controller.task is not None and w.isActiveWindow())
    spin = w.answer_panel.findChildren(QAbstractSpinBox)[0]
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin)
    qtbot.keyClicks(spin, "12")
    spin.interpretText()
    assert "preference" not in w.answer_panel.answers()
    w.close()
    ws.close()


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_answer_form_follows_the_theme(qtbot: Any, window: MainWindow, theme: str) -> None:
    """The form sits under a style sheet, which Qt does not re-polish when the palette
    changes: it once kept a light background under the dark theme's light text."""

    def background() -> int:
        # The form's left margin (12 px) is background: the median of a column of pixels.
        image = window.answer_panel.grab().toImage()
        column = [image.pixelColor(4, y).lightness() for y in range(40, image.height() - 40, 25)]
        return sorted(column)[len(column) // 2]

    window.set_theme(theme)
    qtbot.waitUntil(lambda: (background() < 100) if theme == "dark" else (background() > 150))
    text = window.palette().color(window.palette().ColorRole.WindowText).lightness()
    assert abs(background() - text) > 100, (theme, background(), text)
