"""What a move to the next task repaints and reads: the task list's header stays, its
cells are answered from what it keeps (and follow every change), scroll bars repaint
alone, and the window shows the new task's texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScrollBar, QStyleFactory, QWidget

from docket import Workspace
from docket.core import Response, Role, Task, TaskStatus, Turn
from docket.render.theme import DARK, LIGHT
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from docket.ui.palette import palette_for
from docket.ui.scroll_bars import opaque_scroll_bars, paints_whole_scroll_bars
from docket.ui.task_list import (
    CELL_ROWS_KEPT,
    COL_PROMPT,
    COL_STATUS,
    TaskListPanel,
    TaskTableModel,
)
from tests.gui.paint_counter import Paints

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.UserRole + 1,
    Qt.ItemDataRole.UserRole + 2,
)


def tasks(n: int = 40) -> list[Task]:
    return [
        Task(
            f"t{i:02d}",
            (Turn(Role.USER, f"Question number {i}: explain topic {i}."),),
            tuple(
                Response(f"r{j}", f"Answer {j} to question {i}.\n\n" + "Detail. " * 40, f"m{j}")
                for j in range(3)
            ),
        )
        for i in range(n)
    ]


@pytest.fixture
def workspace(tmp_path: Path, key_path: Path) -> Any:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    yield ws
    ws.close()


@pytest.fixture
def panel(qtbot: Any, workspace: Workspace) -> TaskListPanel:
    p = TaskListPanel(workspace)
    qtbot.addWidget(p)
    p.resize(420, 600)
    p.show()
    qtbot.waitExposed(p)
    p.select_task("t00")
    return p


def test_selecting_another_row_repaints_its_rows_not_the_header(
    qtbot: Any, panel: TaskListPanel
) -> None:
    view = panel.view
    header = view.horizontalHeader()
    paints = Paints(header.viewport(), view.viewport())
    panel.select_task("t01")
    qtbot.waitUntil(lambda: paints.count[id(view.viewport())] > 0)
    QApplication.processEvents()
    assert paints.count[id(header.viewport())] == 0
    assert view.selectionModel().currentIndex().row() == 1


def cells(model: Any) -> list[Any]:
    return [
        model.data(model.index(row, col), role)
        for row in range(model.rowCount())
        for col in range(model.columnCount())
        for role in ROLES
    ]


def test_kept_cells_answer_what_a_fresh_model_answers_and_follow_changes(
    qtbot: Any, panel: TaskListPanel, workspace: Workspace, qtmodeltester: Any
) -> None:
    model, proxy = panel.model, panel.proxy
    assert cells(proxy) == cells(TaskTableModel(workspace))  # read twice: kept the 2nd time
    assert cells(proxy) == cells(TaskTableModel(workspace))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    workspace.skip("t03", "unclear")
    panel.refresh_task("t03")
    assert changed == [(3, 3)]  # that row only
    status = proxy.data(proxy.index(3, COL_STATUS))
    assert "skipped" in status
    assert cells(proxy) == cells(TaskTableModel(workspace))
    panel.set_status_filter({TaskStatus.SKIPPED})
    assert proxy.rowCount() == 1
    assert proxy.data(proxy.index(0, COL_PROMPT)) == "Question number 3: explain topic 3."
    qtmodeltester.check(proxy)
    panel.set_status_filter(None)
    light = proxy.data(proxy.index(3, COL_STATUS), Qt.ItemDataRole.ForegroundRole)
    model.set_theme(DARK)
    dark = proxy.data(proxy.index(3, COL_STATUS), Qt.ItemDataRole.ForegroundRole)
    assert dark != light
    model.set_theme(LIGHT)
    qtmodeltester.check(model)


def test_the_cells_kept_are_bounded(panel: TaskListPanel) -> None:
    model = panel.model
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
    assert len(model._cells) <= CELL_ROWS_KEPT
    model.clear()  # the window locks: no prompt stays in the cells kept
    assert not model._cells


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_fusion_paints_every_pixel_of_a_scroll_bar(
    qapp: Any, theme: Any, orientation: Qt.Orientation
) -> None:
    """What lets a scroll bar say it is opaque (nothing behind it repaints)."""
    assert paints_whole_scroll_bars()
    old = QApplication.palette()
    QApplication.setPalette(palette_for(theme))
    try:
        bar = QScrollBar(orientation)
        bar.resize(14, 300) if orientation == Qt.Orientation.Vertical else bar.resize(300, 14)
        bar.setRange(0, 1000)
        bar.setValue(400)
        image = QImage(bar.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))
        bar.render(image, renderFlags=QWidget.RenderFlag(0))  # no background of its own
        see_through = [
            (x, y)
            for x in range(image.width())
            for y in range(image.height())
            if QColor(image.pixel(x, y)).alpha() < 255
        ]
        assert see_through == []
    finally:
        QApplication.setPalette(old)


def test_scroll_bars_are_opaque_only_under_a_style_that_paints_them_whole(qapp: Any) -> None:
    windows = QStyleFactory.create("Windows")
    assert windows is not None
    assert not paints_whole_scroll_bars(windows)
    from PySide6.QtWidgets import QTextBrowser

    browser = QTextBrowser()
    opaque_scroll_bars(browser)  # the application's style: Fusion
    assert browser.verticalScrollBar().testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)


@pytest.fixture
def window(qtbot: Any, workspace: Workspace, key_path: Path) -> MainWindow:
    w = MainWindow(workspace, key_path, Settings(theme="light"), restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    return w


def test_a_move_shows_the_new_task_and_changes_no_row_of_the_list(
    qtbot: Any, window: MainWindow
) -> None:
    # The time spent is written a second after the last move (and then refreshes that
    # row): not during these moves, however slow the machine.
    window.controller._bookkeeping.setInterval(600_000)
    model = window.task_list.model
    signals: Counter[str] = Counter()
    model.dataChanged.connect(lambda *_: signals.update(["dataChanged"]))
    model.layoutChanged.connect(lambda *_: signals.update(["layoutChanged"]))
    model.modelReset.connect(lambda: signals.update(["modelReset"]))
    bars = [c.browser.verticalScrollBar() for c in window.comparison.columns]
    assert all(b.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent) for b in bars)
    bars[0].setValue(bars[0].maximum())  # read down the first response, then move on
    for expected in ("t01", "t02", "t03"):
        window.next_task()
        qtbot.waitUntil(lambda e=expected: window.task_list.current_task_id() == e)
        number = int(expected[1:])
        assert window.comparison.prompt.toPlainText().startswith(f"Question number {number}:")
        shown = [c.browser.toPlainText() for c in window.comparison.columns]
        assert all(f"to question {number}." in text for text in shown)
        assert [b.value() for b in bars] == [0, 0, 0]  # each response from its top
        view = window.task_list.view
        assert view.selectionModel().currentIndex().row() == number
    assert signals == Counter()  # moving changes no row: only the selection moves
