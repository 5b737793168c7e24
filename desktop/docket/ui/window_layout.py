"""Where the window's views sit: the task list above the guidelines on the left (both
docks, so either can be hidden), the responses in the centre, the sources (tasks with
documents only) and the reviews (adjudication only) above the answer form on the right,
and the lock screen in place of all of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from docket.render.theme import Theme
from docket.ui.answer_panel import AnswerPanel
from docket.ui.comparison_view import ComparisonView
from docket.ui.guidelines import GuidelinesDock
from docket.ui.i18n import translate
from docket.ui.lock import LockScreen
from docket.ui.quality_views import CalibrationBanner, FastNotice, RevealView
from docket.ui.reviews_panel import ReviewsPanel
from docket.ui.sources_pane import SourcesPane
from docket.ui.suggestion_views import JudgeView
from docket.ui.task_list import TaskListPanel

if TYPE_CHECKING:
    from docket.core.display_order import DisplayOrder
    from docket.core.tasks import Task
    from docket.ui.main_window import MainWindow

SOURCES_SHARE = 0.58
"""The share of the right column the Sources pane takes when it appears."""


def build_views(w: MainWindow, theme: Theme) -> None:
    """Create the window's views as its attributes and lay them out."""
    w.task_list = TaskListPanel(w.workspace)
    w.task_list.setAccessibleName(translate("window_layout", "Tasks"))
    w.comparison = ComparisonView(theme)
    w.comparison.set_sync_scroll(w.settings.sync_scroll)
    w.comparison.set_zoom(w.settings.zoom)
    w.answer_panel = AnswerPanel()
    w.answer_panel.setMinimumWidth(320)
    w.reviews_panel = ReviewsPanel(theme)
    w.reviews_panel.hide()  # shown for adjudication tasks only
    w.sources = SourcesPane(theme)
    w.sources.setAccessibleName(translate("window_layout", "Sources"))
    w.sources.hide()  # shown for tasks with documents only
    w.right = QSplitter(Qt.Orientation.Vertical)
    w.right.setChildrenCollapsible(False)
    w.right.addWidget(w.sources)
    w.right.addWidget(w.reviews_panel)
    # Above the answer form: the calibration banner and reveal, the too-fast notice.
    w.calibration_banner = CalibrationBanner()
    w.calibration_banner.hide()
    w.fast_notice = FastNotice()
    w.reveal = RevealView()
    w.judge = JudgeView()
    w.answer_column = QWidget()
    column = QVBoxLayout(w.answer_column)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(w.calibration_banner)
    column.addWidget(w.fast_notice)
    column.addWidget(w.reveal, 3)
    column.addWidget(w.judge, 3)
    column.addWidget(w.answer_panel, 2)
    w.right.addWidget(w.answer_column)
    w.tasks_dock = QDockWidget(translate("window_layout", "Tasks"), w)
    w.tasks_dock.setObjectName("tasks")
    w.tasks_dock.setWidget(w.task_list)
    # The task list leads: on the left, and on the right in a right-to-left interface
    # (Qt mirrors splitters and layouts, not a main window's dock areas).
    leading = (
        Qt.DockWidgetArea.RightDockWidgetArea
        if w.isRightToLeft()
        else Qt.DockWidgetArea.LeftDockWidgetArea
    )
    w.addDockWidget(leading, w.tasks_dock)
    w.guidelines = GuidelinesDock(theme, w)
    w.addDockWidget(leading, w.guidelines)
    w.splitDockWidget(w.tasks_dock, w.guidelines, Qt.Orientation.Vertical)
    w.resizeDocks([w.tasks_dock], [360], Qt.Orientation.Horizontal)
    w.resizeDocks([w.tasks_dock, w.guidelines], [600, 300], Qt.Orientation.Vertical)
    w.splitter = QSplitter(Qt.Orientation.Horizontal)
    w.splitter.setObjectName("main-splitter")
    w.splitter.setChildrenCollapsible(False)
    w.splitter.addWidget(w.comparison)
    w.splitter.addWidget(w.right)
    w.splitter.setStretchFactor(0, 3)
    w.splitter.setStretchFactor(1, 1)
    w.splitter.setSizes([880, 480])  # room for the answer form in longer languages
    w.lock_screen = LockScreen()
    w.stack = QStackedWidget()
    w.stack.addWidget(w.splitter)
    w.stack.addWidget(w.lock_screen)
    w.setCentralWidget(w.stack)
    w.progress_label, w.save_label = QLabel(), SaveIndicator()
    w.statusBar().addPermanentWidget(w.save_label)
    w.statusBar().addPermanentWidget(w.progress_label)


def show_reviews_panel(w: MainWindow) -> None:
    """Give the reviewers' answers about two fifths of the right column."""
    if not w.reviews_panel.isVisible():
        w.reviews_panel.show()
        total = sum(w.right.sizes()) or w.height()
        w.right.setSizes([int(total * 0.42), total - int(total * 0.42)])


def show_sources(w: MainWindow, task: Task, order: DisplayOrder) -> None:
    """The Sources pane for a task with documents (about half the right column when it
    appears); hidden, and emptied, for a task without."""
    if not task.documents:
        if w.sources.isVisible() or w.sources.has_documents():
            w.sources.hide()
            w.sources.forget()
        return
    w.sources.set_task(task, order)
    if not w.sources.isVisible():
        w.sources.show()
        sizes = w.right.sizes()  # sources, reviews, answer form (0 when hidden)
        total = sum(sizes) or w.height()
        share = int(total * SOURCES_SHARE)
        others = sizes[1:] if sum(sizes[1:]) else [0, 1]
        scale = (total - share) / sum(others)
        w.right.setSizes([share] + [int(s * scale) for s in others])


def focus_sources(w: MainWindow, *, search: bool = False) -> None:
    """Move to the Sources pane (its list of documents, or its search field)."""
    if not w.sources.isVisible():
        w.statusBar().showMessage(
            translate("window_layout", "This task has no source documents."), 3000
        )
    elif search:
        w.sources.focus_search()
    else:
        w.sources.focus_documents()


class SaveIndicator(QLabel):
    """The status bar's word on saving: "Saved", or, in words and bold, that the last
    change is not saved and is being retried (the reason in its tooltip)."""

    def failed(self, message: str) -> None:
        self.setText(translate("window_layout", "Not saved — retrying"))
        self.setStyleSheet("color: #b3261e; font-weight: bold")
        self.setToolTip(message)

    def recovered(self) -> None:
        self.setStyleSheet("")
        self.setToolTip("")
        self.setText(translate("window_layout", "Saved"))
