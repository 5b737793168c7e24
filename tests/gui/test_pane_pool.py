"""The review window lays the tasks next to the open one out in hidden panes, and a
move raises them: the panes shown hold the right task's texts whichever way the
reviewer moves, nothing is laid out again on the way, and the text size, the theme, the
caret, the focus and the lock reach every pane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtWidgets import QApplication

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.settings import Settings
from docket.ui.comparison_view import MAX_DOCUMENTS, PANES, ComparisonView
from docket.ui.main_window import MainWindow

COUNT = 6


def tasks() -> list[Task]:
    body = "\n\n".join(f"Paragraph {i} of the answer, with **bold** text." for i in range(40))
    return [
        Task(
            f"t{n}",
            (Turn(Role.USER, f"Question number {n}?"),),
            tuple(
                Response(f"r{j}", f"Answer {n}-{j} begins here.\n\n{body}", f"model-{j}")
                for j in range(3)
            ),
        )
        for n in range(COUNT)
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
    return w


def shown_texts(view: ComparisonView) -> list[str]:
    """The first line of the prompt and of each response as shown."""
    panes = [view.prompt, *(c.browser for c in view.columns if c.isVisible())]
    return [pane.toPlainText().split("\n", 1)[0].strip() for pane in panes]


def expected_texts(window: MainWindow) -> list[str]:
    c = window.controller
    assert c.task is not None and c.order is not None
    n = c.task.id[1:]
    return [f"Question number {n}?"] + [
        f"Answer {n}-{rid[1:]} begins here." for rid in c.order.order
    ]


def staged(window: MainWindow, task_id: str) -> bool:
    """Whether every document of ``task_id`` (at this theme and size) is held by a
    hidden pane."""
    view = window.comparison
    keys = [
        k
        for k in view._docs
        if k[0].startswith(f"{task_id}/") and k[1:3] == (view._theme.name, view.zoom_level())
    ]
    if len(keys) < 4:
        return False
    held = {
        id(pane.document())
        for pool in view.pools()
        for pane in pool.panes
        if pane is not pool.current()
    }
    return all(id(view._docs[k]) in held for k in keys)


def test_each_move_shows_the_right_tasks_texts(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    route = ["next", "next", "previous", "next", "next", "next", "previous", "previous"]
    for step in route:
        qtbot.waitUntil(lambda: not window._prefetch_timer.isActive())
        (window.next_task if step == "next" else window.previous_task)()
        assert shown_texts(view) == expected_texts(window), step
    # A task opened from the list (not a neighbour) shows right too.
    window.open_task("t0")
    assert shown_texts(view) == expected_texts(window)


def test_the_next_and_previous_tasks_are_laid_out_in_hidden_panes(
    window: MainWindow, qtbot: Any
) -> None:
    view = window.comparison
    window.open_task("t2")
    qtbot.waitUntil(lambda: staged(window, "t3") and staged(window, "t1"))
    before = [pool.current() for pool in view.pools()]
    layouts = []
    for pool in view.pools():
        ahead = [p for p in pool.panes if p is not pool.current()]
        layouts += [p.document().documentLayout() for p in ahead]
    redone: list[int] = []
    for n, layout in enumerate(layouts):
        layout.update.connect(lambda *_, n=n: redone.append(n))
    window.next_task()
    QApplication.processEvents()
    assert window.controller.task is not None and window.controller.task.id == "t3"
    after = [pool.current() for pool in view.pools()]
    assert all(a is not b for a, b in zip(after, before, strict=True))  # raised, not refilled
    assert redone == []  # nothing laid out again on the way to the screen
    assert shown_texts(view) == expected_texts(window)
    # Going back raises the panes just left.
    window.previous_task()
    assert [pool.current() for pool in view.pools()] == before
    assert shown_texts(view) == expected_texts(window)


def test_a_size_change_reaches_the_panes_laid_out_ahead(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    qtbot.waitUntil(lambda: staged(window, "t1"))
    size = view.prompt.font().pointSizeF()
    window.zoom(3)
    expected = view._body_font().pointSizeF()
    assert expected == size + 3
    for pool in view.pools():
        for pane in pool.panes:
            assert pane.font().pointSizeF() == expected
    window.next_task()
    qtbot.waitUntil(lambda: not window._prefetch_timer.isActive())
    for pane in [view.prompt, *(c.browser for c in view.columns if c.isVisible())]:
        assert pane.font().pointSizeF() == expected
        assert pane.document().defaultFont().pointSizeF() == expected
    # Laid out ahead at the new size, then shown at it.
    qtbot.waitUntil(lambda: staged(window, "t2"))
    window.next_task()
    for pane in [view.prompt, *(c.browser for c in view.columns if c.isVisible())]:
        assert pane.document().defaultFont().pointSizeF() == expected
    window.zoom(0)
    window.previous_task()  # t1 again: laid out before at the larger size, now back to 0
    for pane in [view.prompt, *(c.browser for c in view.columns if c.isVisible())]:
        assert pane.document().defaultFont().pointSizeF() == size
    assert shown_texts(view) == expected_texts(window)


def test_a_theme_change_reaches_the_panes_laid_out_ahead(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    qtbot.waitUntil(lambda: staged(window, "t1"))
    window.set_theme("dark")
    window.next_task()

    def themes_shown() -> set[str]:
        shown = {id(p.document()) for p in [view.prompt, *(c.browser for c in view.columns)]}
        return {key[1] for key, doc in view._docs.items() if id(doc) in shown}

    assert themes_shown() == {"dark"}
    window.set_theme("light")
    window.previous_task()
    assert themes_shown() == {"light"}
    assert shown_texts(view) == expected_texts(window)


def test_focus_and_caret_follow_the_move(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    qtbot.waitUntil(lambda: staged(window, "t1"))
    first = view.columns[1].browser
    first.set_caret(True)
    view.focus_response(1)
    qtbot.waitUntil(first.hasFocus)
    window.next_task()
    shown = view.columns[1].browser
    assert shown is not first
    qtbot.waitUntil(shown.hasFocus)
    assert shown.caret_on()


def test_the_lock_empties_every_pane(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    qtbot.waitUntil(lambda: staged(window, "t1"))
    view.clear()
    for pool in view.pools():
        for pane in pool.panes:
            assert pane.toPlainText() == ""


def test_panes_and_documents_stay_bounded(window: MainWindow, qtbot: Any) -> None:
    view = window.comparison
    for _ in range(3):
        for _ in range(COUNT - 1):
            qtbot.waitUntil(lambda: not window._prefetch_timer.isActive())
            window.next_task()
        for _ in range(COUNT - 1):
            window.previous_task()
    assert all(len(pool.panes) == PANES for pool in view.pools())
    assert len(view._docs) <= MAX_DOCUMENTS
    assert shown_texts(view) == expected_texts(window)


def test_a_pane_drops_its_marks_with_the_text_they_point_into(qtbot: Any) -> None:
    # A hidden pane once kept underlines into a document that was then deleted: shown
    # again, Qt read them and the window crashed.
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QTextEdit

    from docket.ui.comparison_view import SafeBrowser

    browser = SafeBrowser()
    qtbot.addWidget(browser)
    first, second = QTextDocument("first text"), QTextDocument("second text")
    browser.setDocument(first)
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(first)
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    browser.setExtraSelections([selection])
    browser.set_chips([(5, "PII")])
    assert len(browser.extraSelections()) == 1
    browser.setDocument(second)
    assert browser.extraSelections() == [] and browser.chips == [] and browser.pii_runs == []
    del first  # gone, as an evicted document is
    browser.setExtraSelections([])  # reads the old marks: none left
    browser.show()
    qtbot.waitExposed(browser)
