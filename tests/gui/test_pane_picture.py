"""A raised text pane's first frame is a picture drawn ahead (docket.ui.pane_picture):
its pixels are those of a normal paint (light and dark, right-to-left text, a table,
typeset formulas, underlines and chips), a change made while the pane was hidden drops
it, and a raised pane is not laid out again."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtGui import QColor, QImage, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.render import DARK, LIGHT, formulas_of
from docket.render.theme import Theme
from docket.render.typeset import Result, formula_key, typeset
from docket.ui.comparison_view import ComparisonView, SafeBrowser
from docket.ui.palette import palette_for
from docket.ui.scroll_bars import FlatScrollBar
from tests.helpers import ROOT

RTL = "שלום עולם, זוהי תשובה בעברית עם מספר 42 ומילה English באמצע."
MATH = "The area is $A = \\pi r^2$ and\n\n$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\n"
TABLE = "| name | value |\n|---|---|\n| alpha | 1 |\n| beta | 2 |\n"


def body(n: int) -> str:
    parts = [f"Answer {n} begins here, with **bold** and `code`.", RTL, MATH, TABLE]
    parts += [f"Paragraph {i} of answer {n}: some words to wrap." for i in range(30)]
    return "\n\n".join(parts)


def task(n: int) -> Task:
    return Task(
        f"t{n}",
        (Turn(Role.USER, f"Question {n}? {RTL}"),),
        tuple(Response(f"r{j}", body(n * 10 + j), f"model-{j}") for j in range(3)),
    )


def order_of(t: Task) -> DisplayOrder:
    return DisplayOrder(order=t.response_ids)


def formulas() -> dict[str, Result]:
    return {formula_key(latex, d): typeset(latex, d) for latex, d in formulas_of(MATH)}


@pytest.fixture
def view(qtbot: Any) -> Any:
    typeset_ = formulas()
    view = ComparisonView(LIGHT)
    qtbot.addWidget(view)
    view.set_formula_source(lambda keys: {k: typeset_[k] for k in keys if k in typeset_})
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # (an inactive window's pictures are others)
    view.set_task(task(0), order_of(task(0)))
    yield view
    QApplication.setPalette(palette_for(LIGHT))


def panes(view: ComparisonView) -> list[SafeBrowser]:
    return [view.prompt, *(c.browser for c in view.columns if c.isVisible())]


def on_screen(pane: SafeBrowser | QWidget) -> QImage:
    """What the window's backing store holds for ``pane``'s text area (or a widget's
    place: nothing painted again to read it)."""
    viewport = pane.viewport() if isinstance(pane, SafeBrowser) else pane
    top = viewport.mapTo(viewport.window(), viewport.rect().topLeft())
    screen = viewport.screen()
    shot = screen.grabWindow(
        viewport.window().winId(), top.x(), top.y(), viewport.width(), viewport.height()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def move_ahead(view: ComparisonView, qtbot: Any, n: int) -> list[SafeBrowser]:
    """Lay task ``n`` out ahead, then show it: the panes raised."""
    view.prefetch(task(n), order_of(task(n)))
    ahead = [
        pool.holding(doc) for pool, doc in zip(view.pools(), staged_docs(view, n), strict=True)
    ]
    assert all(p is not None and p.picture.held() for p in ahead)
    view.set_task(task(n), order_of(task(n)))
    assert panes(view) == ahead
    return panes(view)


def picture_of(widget: SafeBrowser | FlatScrollBar) -> QImage:
    pixmap = widget.picture._pixmap
    assert pixmap is not None
    return rgb(pixmap)


def rgb(pixmap: QPixmap) -> QImage:
    return pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)


def staged_docs(view: ComparisonView, n: int) -> list[Any]:
    keys = [f"t{n}/prompt", *(f"t{n}/r{j}" for j in range(3))]
    return [
        next(doc for key, doc in view._docs.items() if key[0] == k and key[2] == view._zoom)
        for k in keys
    ]


def first_frames_equal_normal_paints(view: ComparisonView, qtbot: Any, n: int) -> None:
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    assert view.devicePixelRatioF() == scale
    raised = move_ahead(view, qtbot, n)
    drawn = [picture_of(p) for p in raised]
    bars = [p.verticalScrollBar() for p in raised if p.verticalScrollBar().isVisible()]
    assert len(bars) >= 3  # (each response has its bar; the prompt has one if it scrolls)
    assert all(isinstance(bar, FlatScrollBar) and bar.picture.held() for bar in bars)
    bars_drawn = [picture_of(bar) for bar in bars]
    qtbot.waitUntil(lambda: all(not p.picture.held() for p in raised))
    qtbot.waitUntil(lambda: all(not bar.picture.held() for bar in bars))
    assert [p.picture.used for p in raised] == [1, 1, 1, 1]
    assert [bar.picture.used for bar in bars] == [1] * len(bars)
    if scale == 1:
        on_bars = [on_screen(bar) for bar in bars]
        for bar in bars:
            bar.repaint()
        assert on_bars == [on_screen(bar) for bar in bars]
    assert bars_drawn == [rgb(bar.grab()) for bar in bars]
    # The offscreen platform reads its backing store right at 100 % only: there, what
    # the first paint left on screen; at any scale, the picture against a paint now.
    pictures = [on_screen(p) for p in raised] if scale == 1 else []
    for pane in raised:
        pane.viewport().repaint()  # drawn as always
    normal = [on_screen(p) for p in raised] if scale == 1 else []
    for pane, picture, painted in zip(raised if scale == 1 else [], pictures, normal, strict=True):
        assert not picture.isNull() and picture.size() == painted.size()
        assert picture == painted, pane.accessibleName()
    for pane, picture in zip(raised, drawn, strict=True):
        grabbed = pane.viewport().grab()
        assert grabbed.devicePixelRatio() == scale
        assert picture == grabbed.toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_first_frame_is_the_pixels_of_a_normal_paint(
    view: ComparisonView, qtbot: Any, theme: Theme
) -> None:
    QApplication.setPalette(palette_for(theme))
    QApplication.sendPostedEvents()  # (the widgets take the palette from posted events)
    view.set_theme(theme)
    first_frames_equal_normal_paints(view, qtbot, 1)
    first_frames_equal_normal_paints(view, qtbot, 2)


def test_the_comparison_catches_a_wrong_picture(
    view: ComparisonView, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same check, with a picture that no longer shows the pane (scrolled after it
    # was drawn) forced through: the images differ, so the comparison can fail.
    view.prefetch(task(1), order_of(task(1)))
    pool = view.columns[0].pool
    pane = pool.holding(staged_docs(view, 1)[1])
    assert pane is not None and pane.picture.held()
    stale = pane.picture._key
    monkeypatch.setattr(pane.picture, "key", lambda: stale)
    view.set_task(task(1), order_of(task(1)))
    pane.verticalScrollBar().setValue(60)
    qtbot.waitUntil(lambda: pane.picture.used == 1)
    picture = on_screen(pane)
    pane.viewport().repaint()
    assert picture != on_screen(pane)


def test_marks_drawn_ahead_are_in_the_picture(view: ComparisonView, qtbot: Any) -> None:
    view.prefetch(task(1), order_of(task(1)))
    pane = view.columns[1].pool.holding(staged_docs(view, 1)[2])
    assert pane is not None
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(pane.document())
    cursor.setPosition(3)
    cursor.setPosition(40, QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    selection.format.setBackground(QColor(200, 120, 0, 60))
    selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    pane.setExtraSelections([selection])
    pane.set_chips([(40, "⚠ PII: name")])
    assert pane.picture.draw()
    drawn = picture_of(pane)
    view.columns[1].pool.show_document(pane.document())
    qtbot.waitUntil(lambda: pane.picture.used == 1)
    assert drawn == pane.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    if pane.devicePixelRatioF() == 1:  # (see first_frames_equal_normal_paints)
        picture = on_screen(pane)
        pane.viewport().repaint()
        assert picture == on_screen(pane)


def mark(doc: Any) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = QTextCursor(doc)
    selection.cursor.setPosition(0)
    selection.cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    selection.format.setBackground(QColor("yellow"))
    return selection


@pytest.mark.parametrize(
    "change",
    # made while the pane is hidden, then on the move before its first paint
    ["mark", "text", "selection", "theme", "zoom", "size", "scroll", "chip", "caret"],
)
def test_a_change_drops_the_picture(view: ComparisonView, qtbot: Any, change: str) -> None:
    view.prefetch(task(1), order_of(task(1)))
    doc = staged_docs(view, 1)[1]
    pane = view.columns[0].pool.holding(doc)
    assert pane is not None and pane.picture.held()
    if change == "text":  # the room made under a line for a chip, say
        cursor = QTextCursor(doc.firstBlock())
        block = cursor.blockFormat()
        block.setBottomMargin(block.bottomMargin() + 9)
        cursor.setBlockFormat(block)
    elif change == "selection":
        cursor = pane.textCursor()
        cursor.setPosition(2)
        cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
    elif change == "theme":
        QApplication.setPalette(palette_for(DARK))
        QApplication.sendPostedEvents()
        view.set_theme(DARK)
    elif change == "zoom":
        view.zoom(2)
    elif change == "size":
        view.resize(1100, 800)
    view.set_task(task(1), order_of(task(1)))
    shown = view.columns[0].browser
    if change == "scroll":  # (the window puts a task seen before where it was left)
        shown.verticalScrollBar().setValue(60)
    elif change == "mark":  # a span drawn on the move, say
        shown.setExtraSelections([mark(shown.document())])
    elif change == "chip":  # a PII finding drawn on the move
        shown.setExtraSelections([mark(shown.document())])
        shown.set_chips([(5, "⚠ PII: email")])
    elif change == "caret":  # the caret taken over from the pane left
        shown.set_caret(True)
        shown.setFocus()
        qtbot.waitUntil(shown.hasFocus)
    qtbot.waitUntil(lambda: not any(p.picture.held() for p in view.columns[0].pool.panes))
    assert sum(p.picture.used for p in view.columns[0].pool.panes) == 0  # drawn as always
    QApplication.processEvents()  # (what a theme or size change left to paint)
    picture = on_screen(shown)
    shown.viewport().repaint()
    assert picture == on_screen(shown)


def test_a_raised_pane_is_not_laid_out_again(view: ComparisonView, qtbot: Any) -> None:
    view.prefetch(task(1), order_of(task(1)))
    redone: list[int] = []
    for n, doc in enumerate(staged_docs(view, 1)):
        doc.documentLayout().update.connect(lambda *_, n=n: redone.append(n))
        doc.documentLayout().documentSizeChanged.connect(lambda *_, n=n: redone.append(n))
    raised = move_ahead_again(view, 1)
    qtbot.waitUntil(lambda: all(p.picture.used == 1 for p in raised))
    assert redone == []


def move_ahead_again(view: ComparisonView, n: int) -> list[SafeBrowser]:
    view.set_task(task(n), order_of(task(n)))
    return panes(view)


def test_the_reviewer_can_select_and_zoom_right_after_a_move(
    view: ComparisonView, qtbot: Any
) -> None:
    raised = move_ahead(view, qtbot, 1)
    qtbot.waitUntil(lambda: all(p.picture.used == 1 for p in raised))
    pane = raised[1]
    cursor = pane.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(12, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    assert pane.textCursor().selectedText() == "Answer 10 be"
    before = on_screen(pane)
    qtbot.waitUntil(lambda: on_screen(pane) != before)  # the selection shows
    view.zoom(2)
    assert pane.font().pointSizeF() == view._body_font().pointSizeF()


@pytest.mark.slow
def test_at_200_percent(tmp_path: Any) -> None:
    """The pixel checks again in a process of its own at QT_SCALE_FACTOR=2."""
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests/gui/test_pane_picture.py"),
            "-k",
            "normal_paint or marks_drawn",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "3 passed" in done.stdout


def test_the_frame_around_the_panes_is_a_panes_own(qtbot: Any) -> None:
    # The panes of one place have no frame of their own: their stack draws it, so a
    # pane raised paints only its text and scroll bars. The same pixels as a text pane.
    from docket.ui.comparison_view import PanePool
    from docket.ui.scroll_bars import paints_whole_scroll_bars

    assert paints_whole_scroll_bars()  # (Docket's style: else each pane keeps its frame)
    alone = SafeBrowser()
    pool = PanePool(SafeBrowser, count=2)
    assert pool.current().frameWidth() == 0 and pool.frameWidth() == alone.frameWidth() > 0
    text = "\n\n".join(f"Line {i} of a text long enough to scroll." for i in range(40))
    for widget, pane in ((alone, alone), (pool, pool.current())):
        qtbot.addWidget(widget)
        pane.setPlainText(text)
        widget.resize(320, 240)
        widget.show()
        qtbot.waitExposed(widget)
    assert pool.current().viewport().size() == alone.viewport().size()
    assert pool.grab().toImage() == alone.grab().toImage()


def test_a_move_in_the_window_shows_the_pictures_with_their_pii_marks(
    qtbot: Any, tmp_path: Any, key_path: Any
) -> None:
    from docket import Workspace
    from docket.settings import Settings
    from docket.ui.main_window import MainWindow

    contact = "Write to jane.doe@example.com for the forms."
    tasks = [
        Task(
            f"w{n}",
            (Turn(Role.USER, f"Question {n}?"),),
            tuple(
                Response(f"r{j}", f"{contact}\n\n{body(n * 10 + j)}", f"model-{j}")
                for j in range(3)
            ),
        )
        for n in range(4)
    ]
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks)
    window = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    view = window.comparison

    def marked_ahead() -> bool:  # the next task's panes: laid out, marked and drawn
        pools = [c.pool for c in view.columns]
        hidden = [p for pool in pools for p in pool.panes if p is not pool.current()]
        return sum(1 for p in hidden if p.picture.held() and p.chips) >= 3

    qtbot.waitUntil(marked_ahead)
    window.next_task()
    raised = [c.browser for c in view.columns if c.isVisible()]
    qtbot.waitUntil(lambda: all(not p.picture.held() for p in raised))
    assert [p.picture.used for p in raised] == [1, 1, 1]
    assert all(p.chips for p in raised)  # the PII badges, drawn ahead and shown
    for pane in raised:
        picture = on_screen(pane)
        pane.viewport().repaint()
        assert picture == on_screen(pane)
