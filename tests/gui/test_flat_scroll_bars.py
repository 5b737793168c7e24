"""The flat scroll bars of the prompt, the responses and the task list: every pixel
painted (so they repaint alone), the handle told by its outline in both themes and at
200 %, the style's geometry for what a click does, and one repaint per pane on a move."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle, QStyleFactory, QStyleOptionSlider, QWidget

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.render.theme import DARK, LIGHT, Theme
from docket.settings import Settings
from docket.ui.comparison_view import SafeBrowser
from docket.ui.main_window import MainWindow
from docket.ui.palette import palette_for
from docket.ui.scroll_bars import FlatScrollBar, flat_scroll_bars
from tests.gui.paint_counter import Paints


def tasks(n: int = 12) -> list[Task]:
    return [
        Task(
            f"t{i:02d}",
            (Turn(Role.USER, f"Question number {i}: explain topic {i}."),),
            tuple(
                Response(
                    f"r{j}",
                    f"Answer {j} to question {i}.\n\n" + "Detail. " * (600 + 200 * ((i + j) % 4)),
                    f"m{j}",
                )
                for j in range(3)
            ),
        )
        for i in range(n)
    ]


def rendered(bar: QWidget, ratio: float = 1.0) -> QImage:
    """The bar painted alone onto a transparent image (nothing behind it)."""
    size = bar.size() * ratio
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(0, 0, 0, 0))
    bar.render(image, renderFlags=QWidget.RenderFlag(0))
    return image


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def themed(qapp: Any, request: Any) -> Any:
    old = QApplication.palette()
    QApplication.setPalette(palette_for(request.param))
    yield request.param
    QApplication.setPalette(old)


@pytest.mark.parametrize("themed", [LIGHT, DARK], ids=["light", "dark"], indirect=True)
@pytest.mark.parametrize("ratio", [1.0, 2.0], ids=["100%", "200%"])
@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_a_flat_scroll_bar_paints_every_pixel_and_outlines_its_handle(
    themed: Theme, ratio: float, orientation: Qt.Orientation
) -> None:
    bar = FlatScrollBar(orientation)
    assert bar.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    vertical = orientation == Qt.Orientation.Vertical
    bar.resize(14, 300) if vertical else bar.resize(300, 14)
    bar.setRange(0, 1000)
    bar.setValue(400)
    image = rendered(bar, ratio)
    pixels = [
        QColor(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())
    ]
    assert all(c.alpha() == 255 for c in pixels)  # opaque: nothing behind it repaints
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    groove = QColor(themed.code_background)
    # Across the middle of the handle: its outline stands out from the groove.
    middle = handle.center()
    if vertical:
        line = [QColor(image.pixel(round(x * ratio), round(middle.y() * ratio))) for x in range(14)]
    else:
        line = [QColor(image.pixel(round(middle.x() * ratio), round(y * ratio))) for y in range(14)]
    assert max(contrast(c, groove) for c in line) >= 3.0
    assert groove in line  # the groove shows on both sides of the handle
    # Nothing to scroll: no handle, only the groove, its edge line and the arrows.
    bar.setRange(0, 0)
    empty = rendered(bar, ratio)
    middle_colours = {
        QColor(
            empty.pixel(x, empty.height() // 2) if vertical else empty.pixel(empty.width() // 2, x)
        ).name()
        for x in range(2, 12)
    }
    assert middle_colours == {groove.name()}


def test_a_click_does_what_the_style_says(qtbot: Any) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setPlainText("line\n" * 400)
    browser.resize(300, 300)
    browser.show()
    qtbot.waitExposed(browser)
    bar = browser.verticalScrollBar()
    assert isinstance(bar, FlatScrollBar)
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    add = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarAddLine, bar
    )
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=add.center())
    assert bar.value() == bar.singleStep()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(7, bar.height() - 40))
    assert bar.value() > bar.singleStep()  # a page down, in the groove below the handle


def test_only_under_a_style_that_paints_them_whole(qapp: Any, monkeypatch: Any) -> None:
    windows = QStyleFactory.create("Windows")
    assert windows is not None
    monkeypatch.setattr(QApplication, "style", staticmethod(lambda: windows))
    browser = SafeBrowser()
    assert not isinstance(browser.verticalScrollBar(), FlatScrollBar)
    monkeypatch.undo()
    flat_scroll_bars(browser)
    assert isinstance(browser.verticalScrollBar(), FlatScrollBar)


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, key_path: Path) -> Any:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    w = MainWindow(ws, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    yield w
    w.close()
    ws.close()


def test_the_panes_and_the_list_have_flat_bars_that_repaint_once_a_move(
    qtbot: Any, window: MainWindow
) -> None:
    comparison = window.comparison
    bars = [c.browser.verticalScrollBar() for c in comparison.columns]
    others = [comparison.prompt.verticalScrollBar(), window.task_list.view.verticalScrollBar()]
    assert all(isinstance(b, FlatScrollBar) for b in bars + others)
    assert all(b.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent) for b in bars + others)
    paints = Paints(*bars)
    unchanged = 0
    for expected in ("t01", "t02", "t03"):
        paints.count.clear()
        ranges = [b.maximum() for b in bars]
        window.next_task()
        qtbot.waitUntil(lambda e=expected: window.task_list.current_task_id() == e)
        qtbot.waitUntil(lambda: all(c.browser.toPlainText() for c in comparison.columns))
        QApplication.processEvents()
        for bar, before in zip(bars, ranges, strict=True):
            if bar.maximum() == before:  # the same range, at the top again: not repainted
                unchanged += 1
                assert paints.count[id(bar)] == 0
            else:  # a new handle (twice at most: the rest of the text laid out on a timer)
                assert 1 <= paints.count[id(bar)] <= 2
        assert unchanged or expected != "t03"
