"""The prompt pane on a conversation: it opens on the turn the responses answer, long
conversations fold their earlier turns (mouse, Tab + Enter, or T), and the fold keeps
the task switch, prefetch, scroll memory, zoom, themes and synchronised scrolling intact.

``DOCKET_SCREENSHOT=path.png`` saves the window on a 9-turn conversation, in the look of
the app (Fusion, 10 pt): the README's docs/conversation.png.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.task_loading import parse_task_lines
from docket.render.conversation import EARLIER_TURNS_HREF
from docket.settings import Settings
from docket.ui.comparison_view import EARLIER_TURNS_KEY, SafeBrowser
from docket.ui.dialogs import SHORTCUTS
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import focused
from tests.gui.screenshots import screenshot_target
from tests.reference_data import hh_rlhf_lines

LAST_QUESTION = "And if I still wake at four after two weeks, should I see a doctor?"


def hh_like(task_id: str, turns: int = 9) -> Task:
    """An hh-rlhf-like transcript: the human and the assistant alternate, the human last;
    earlier turns are long enough that the conversation does not fit the pane."""
    conversation = []
    for i in range(turns - 1):
        role = Role.USER if i % 2 == 0 else Role.ASSISTANT
        body = "\n\n".join(f"Turn {i + 1}, paragraph {p}: about sleeping." for p in range(4))
        conversation.append(Turn(role, body))
    conversation.append(Turn(Role.USER, f"{task_id}: {LAST_QUESTION}"))
    long = "\n\n".join(f"Advice paragraph {i}." for i in range(60))
    return Task(
        task_id,
        tuple(conversation),
        (Response("a", f"See a doctor.\n\n{long}"), Response("b", f"Try melatonin.\n\n{long}")),
    )


def tasks() -> list[Task]:
    return [
        hh_like("chat"),
        Task(
            "single",
            (Turn(Role.USER, "Which is faster, quicksort or mergesort?"),),
            (Response("r1", "Quicksort, on average."), Response("r2", "Mergesort is stable.")),
        ),
        hh_like("chat-two"),
        Task(
            "short",
            (
                Turn(Role.SYSTEM, "Be brief."),
                Turn(Role.USER, "Hi"),
                Turn(Role.ASSISTANT, "Hello"),
                Turn(Role.USER, "2+2?"),
            ),
            (Response("x", "4"), Response("y", "Four")),
        ),
    ]


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, key_path: Path) -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    w = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def in_view(browser: SafeBrowser, text: str) -> bool:
    """Whether the whole of ``text`` is inside the browser's viewport."""
    found = browser.document().find(text)
    assert not found.isNull(), text
    start = QTextCursor(found)
    start.setPosition(found.selectionStart())
    area = browser.viewport().rect()
    return area.contains(browser.cursorRect(start)) and area.contains(browser.cursorRect(found))


def block_top(browser: SafeBrowser, text: str) -> float:
    doc = browser.document()
    block = doc.find(text).block()
    return float(doc.documentLayout().blockBoundingRect(block).top())


def open_chat(window: MainWindow, qtbot: Any, task_id: str = "chat") -> SafeBrowser:
    window.open_task(task_id)
    prompt = window.comparison.prompt
    qtbot.waitUntil(lambda: prompt.verticalScrollBar().maximum() > 0)
    return prompt


def test_a_long_conversation_opens_on_the_turn_the_responses_answer(
    window: MainWindow, qtbot: Any
) -> None:
    prompt = open_chat(window, qtbot)
    bar = prompt.verticalScrollBar()
    assert window.comparison.prompt_label.text() == "Conversation (9 turns, 6 earlier hidden)"
    qtbot.waitUntil(lambda: in_view(prompt, f"chat: {LAST_QUESTION}"))
    assert in_view(prompt, "User — the responses answer this turn")
    # Scrolled down to it, with the turns before it above.
    label_top = block_top(prompt, "the responses answer this turn")
    assert 0 < bar.value() <= label_top < bar.value() + prompt.viewport().height()
    assert not in_view(prompt, "6 earlier turns")
    bar.setValue(0)
    text = prompt.toPlainText()
    assert "▸ 6 earlier turns (show, key T)" in text
    assert "Turn 6, paragraph" not in text and "Turn 7, paragraph 0" in text


def test_earlier_turns_show_and_hide_with_the_key(window: MainWindow, qtbot: Any) -> None:
    prompt = open_chat(window, qtbot)
    view = window.comparison
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_T)
    qtbot.waitUntil(view.earlier_turns_shown)
    text = prompt.toPlainText()
    assert "▾ 6 earlier turns (hide, key T)" in text and "Turn 1, paragraph 0" in text
    assert view.prompt_label.text() == "Conversation (9 turns)"
    assert prompt.verticalScrollBar().value() == 0  # the first of them in view
    assert in_view(prompt, "Turn 1, paragraph 0")

    qtbot.keyClick(window.task_list.view, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: not view.earlier_turns_shown())
    assert "Turn 1, paragraph 0" not in prompt.toPlainText()
    assert EARLIER_TURNS_KEY in dict(SHORTCUTS)  # in the F1 sheet
    # Typed into the rationale, a "t" is text.
    assert window.answer_panel.focus_rationale()
    editor = focused(qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_T)
    assert not view.earlier_turns_shown()
    assert "t" in editor.toPlainText()
    assert "▸ 6 earlier turns (show, key T)" in prompt.toPlainText()
    qtbot.waitUntil(lambda: in_view(prompt, f"chat: {LAST_QUESTION}"))


def test_the_fold_line_is_reached_with_tab_and_toggled_with_enter(
    window: MainWindow, qtbot: Any
) -> None:
    prompt = open_chat(window, qtbot)
    view = window.comparison
    prompt.setFocus()
    qtbot.waitUntil(prompt.hasFocus)
    qtbot.keyClick(prompt, Qt.Key.Key_Tab)  # the first link: the fold line
    assert prompt.hasFocus() and prompt.textCursor().selectedText().startswith("▸ 6 earlier")
    qtbot.keyClick(prompt, Qt.Key.Key_Return)
    qtbot.waitUntil(view.earlier_turns_shown)
    # Still on the line, now saying "hide": Enter again folds the turns back.
    assert prompt.textCursor().selectedText().startswith("▾ 6 earlier turns (hide")
    qtbot.keyClick(prompt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.earlier_turns_shown())
    qtbot.waitUntil(lambda: in_view(prompt, f"chat: {LAST_QUESTION}"))


def test_the_fold_link_is_not_an_external_link(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    open_chat(window, qtbot)
    prompt = window.comparison.prompt
    requested: list[str] = []
    window.comparison.linkRequested.connect(lambda url: requested.append(url.toString()))
    prompt.verticalScrollBar().setValue(0)
    line = prompt.document().find("6 earlier turns")
    qtbot.mouseClick(
        prompt.viewport(), Qt.MouseButton.LeftButton, pos=prompt.cursorRect(line).center()
    )
    qtbot.waitUntil(window.comparison.earlier_turns_shown)
    prompt.anchorClicked.emit(QUrl(EARLIER_TURNS_HREF))  # the same, as Enter on it sends it
    assert not window.comparison.earlier_turns_shown()
    assert requested == [] and asked == []
    prompt.anchorClicked.emit(QUrl("https://example.org/"))
    assert requested == ["https://example.org/"] and len(asked) == 1


def test_a_single_prompt_is_unchanged_and_a_short_conversation_not_folded(
    window: MainWindow, qtbot: Any
) -> None:
    view = window.comparison
    for task_id, label in (("single", "Prompt"), ("short", "Conversation (4 turns)")):
        window.open_task(task_id)
        assert view.prompt_label.text() == label
        assert not view.earlier_action.isEnabled()
        qtbot.keyClick(window.task_list.view, Qt.Key.Key_T)
        assert not view.earlier_turns_shown()
        assert "earlier turns" not in view.prompt.toPlainText()
    assert "Be brief." in view.prompt.toPlainText()  # "short": every turn
    qtbot.waitUntil(lambda: in_view(view.prompt, "2+2?"))
    window.open_task("single")
    assert view.prompt.toPlainText().strip() == "Which is faster, quicksort or mergesort?"
    assert view.prompt.verticalScrollBar().value() == 0


def test_switching_tasks_folds_and_coming_back_restores(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    prompt = open_chat(window, qtbot)
    view.toggle_earlier_turns()
    prompt.verticalScrollBar().setValue(40)
    following = window.task_list.next_task_id("chat")
    assert following == "single"
    window.next_task()  # "single"
    assert window.controller.task.id == "single" and not view.earlier_turns_shown()
    window.next_task()  # another long conversation: folded, on its answered turn
    assert window.controller.task.id == "chat-two"
    assert not view.earlier_turns_shown()
    # (the prompt pane shown may be another one now: tasks are laid out ahead in panes)
    qtbot.waitUntil(lambda: in_view(view.prompt, f"chat-two: {LAST_QUESTION}"))
    window.previous_task()
    window.previous_task()  # back where the reviewer left it: unfolded, scrolled to 40
    assert window.controller.task.id == "chat"
    qtbot.waitUntil(view.earlier_turns_shown)
    qtbot.waitUntil(lambda: view.prompt.verticalScrollBar().value() == 40)
    assert view.scroll_state()[0] == 40 and view.scroll_state()[-1] == 1


def test_the_next_conversation_is_laid_out_ahead(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    open_chat(window, qtbot)
    task = window.workspace.task("chat-two")
    order = window.controller.order
    assert order is not None
    view.prefetch(task, order)
    ahead = [d for k, d in view._docs.items() if k[0] == "chat-two/conversation/folded"]
    assert len(ahead) == 1
    window.open_task("chat-two")
    assert view.prompt.document() is ahead[0]


def test_zoom_and_theme_keep_the_answered_turn_in_view(window: MainWindow, qtbot: Any) -> None:
    prompt = open_chat(window, qtbot)
    question = f"chat: {LAST_QUESTION}"
    qtbot.waitUntil(lambda: in_view(prompt, question))
    window.zoom(3)
    qtbot.waitUntil(lambda: in_view(prompt, question))
    window.set_theme("dark")
    qtbot.waitUntil(lambda: in_view(prompt, question))
    assert "#161b22" in prompt.toHtml().lower()
    window.zoom(0)
    # Scrolled by the reviewer, the pane keeps their place instead.
    prompt.verticalScrollBar().triggerAction(
        prompt.verticalScrollBar().SliderAction.SliderToMinimum
    )
    assert prompt.verticalScrollBar().value() == 0
    window.zoom(2)
    assert prompt.verticalScrollBar().value() == 0
    window.zoom(0)


def test_folding_leaves_the_responses_scrolling_together(window: MainWindow, qtbot: Any) -> None:
    open_chat(window, qtbot)
    a, b = (c.browser.verticalScrollBar() for c in window.comparison.columns[:2])
    qtbot.waitUntil(lambda: a.maximum() > 0 and b.maximum() > 0)
    window.comparison.toggle_earlier_turns()
    a.setValue(a.maximum() // 2)
    assert abs(b.value() / b.maximum() - 0.5) < 0.1
    window.comparison.prompt.verticalScrollBar().setValue(0)
    assert abs(b.value() / b.maximum() - 0.5) < 0.1  # the prompt scrolls on its own
    window.comparison.toggle_earlier_turns()
    assert abs(b.value() / b.maximum() - 0.5) < 0.1
    assert QApplication.focusWidget() is not None


def wheel(widget: Any, steps: int) -> None:
    """A mouse-wheel turn over the widget (positive: towards the top)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_answered_turn_stays_in_view_until_the_reviewer_scrolls(
    window: MainWindow, qtbot: Any
) -> None:
    prompt = open_chat(window, qtbot)
    question = f"chat: {LAST_QUESTION}"
    splitter = window.comparison.splitter
    total = sum(splitter.sizes())
    splitter.setSizes([total // 5, total - total // 5])  # a smaller prompt pane
    qtbot.waitUntil(lambda: in_view(prompt, question))
    splitter.setSizes([total // 3, total - total // 3])
    qtbot.waitUntil(lambda: in_view(prompt, question))
    bar = prompt.verticalScrollBar()
    wheel(prompt.viewport(), 1)
    qtbot.waitUntil(lambda: not in_view(prompt, question))
    place = bar.value()
    splitter.setSizes([total // 4, total - total // 4])
    assert bar.value() <= place  # not pulled back down to the answered turn


def test_a_reopened_window_shows_the_conversation_as_it_was_left(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    first = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(first)
    first.resize(1200, 800)
    first.show()
    qtbot.waitUntil(lambda: first.controller.task is not None)
    prompt = open_chat(first, qtbot, "chat-two")
    first.comparison.toggle_earlier_turns()
    prompt.verticalScrollBar().setValue(30)
    first.close()
    second = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(second)
    second.resize(1200, 800)
    second.show()
    qtbot.waitUntil(lambda: second.controller.task is not None)
    assert second.controller.task.id == "chat-two"
    qtbot.waitUntil(second.comparison.earlier_turns_shown)
    qtbot.waitUntil(lambda: second.comparison.prompt.verticalScrollBar().value() == 30)
    second.close()
    ws.close()


SLEEP = (
    "What are some good ways to get better sleep?",
    "A few habits help most people:\n\n- keep the same bedtime and wake time, even at "
    "weekends\n- keep the bedroom dark, quiet and cool\n- avoid caffeine after midday\n"
    "- put screens away half an hour before bed",
    "I already do most of that. I still wake up at 4 am.",
    "Waking early and not falling asleep again is common. Does it happen every night, and "
    "do you feel rested during the day?",
    "Almost every night, and no, I'm tired by the afternoon.",
    "Then it is worth a closer look. Early waking can come from stress, alcohol in the "
    "evening, a room that gets light early, or sleep apnea. Do you drink in the evening?",
    "A glass of wine with dinner, sometimes two.",
    "Alcohol helps you fall asleep but fragments the second half of the night, so it often "
    "causes exactly this 4 am waking. Try two weeks without it and keep a short sleep diary.",
    "OK. And if I still wake up at 4 after two weeks without wine, should I see a doctor, "
    "or is there something else I can try first?",
)


def test_a_nine_turn_conversation_as_the_reviewer_sees_it(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    conversation = tuple(
        Turn(Role.USER if i % 2 == 0 else Role.ASSISTANT, text) for i, text in enumerate(SLEEP)
    )
    task = Task(
        "sleep",
        conversation,
        (
            Response(
                "a",
                "Yes: if you still wake at 4 am after two weeks without alcohol, see your "
                "doctor. Persistent early waking with daytime tiredness can point to sleep "
                "apnea or low mood, and both are treatable.\n\nBefore that appointment you "
                "can also try:\n\n1. **Get out of bed** if you are awake for more than 20 "
                "minutes, and read in dim light until sleepy.\n2. **Morning light**: 20 "
                "minutes outside soon after waking.\n3. **Blackout curtains** if the room "
                "gets light early.",
            ),
            Response(
                "b",
                "You could try melatonin or a sleeping pill from the pharmacy first. Many "
                "people find that works. If it does not, then see a doctor.",
            ),
        ),
    )
    screenshot_target()  # a manual run: the app's style and font
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task])
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1200, 900)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    prompt = window.comparison.prompt
    # The folded conversation fits: the fold line, the last exchange, the answered turn.
    qtbot.waitUntil(lambda: in_view(prompt, SLEEP[-1]))
    for text in ("▸ 6 earlier turns (show, key T)", SLEEP[-3], SLEEP[-2]):
        assert in_view(prompt, text)
    assert SLEEP[0] not in prompt.toPlainText()
    if os.environ.get("DOCKET_SCREENSHOT"):
        QApplication.processEvents()
        window.grab().save(os.environ["DOCKET_SCREENSHOT"])
    window.close()
    ws.close()


def test_real_hh_rlhf_conversations_open_on_the_answered_turn(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    lines = hh_rlhf_lines()[:400]
    long = [r.task for r in parse_task_lines(lines).rows if len(r.task.conversation) >= 7][:5]
    assert len(long) == 5
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(long)
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    prompt = window.comparison.prompt
    for task in long:
        window.open_task(task.id)
        qtbot.waitUntil(lambda: in_view(prompt, "the responses answer this turn"))
        # The first line of what the user asked is in view too.
        asked = prompt.document().find("the responses answer this turn").block().next()
        area = prompt.viewport().rect()
        assert area.contains(prompt.cursorRect(QTextCursor(asked)))
        assert window.comparison.earlier_action.isEnabled()
    window.close()
    ws.close()
