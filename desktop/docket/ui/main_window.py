"""The main window: wiring only.

Each feature is its own module: the task list, comparison view, answer panel, reviews
panel and guidelines (the views); :mod:`~docket.ui.review_controller` (the open task and
its answers); :mod:`~docket.ui.session_lock` (the lock); :mod:`~docket.ui.operations`
(background work); :mod:`~docket.ui.transfer` (import and export);
:mod:`~docket.ui.window_menus` (actions and shortcuts); :mod:`~docket.ui.input_filter`
(activity and number keys). The review state is in the workspace; one broadcast,
:attr:`ReviewController.changed`, tells the views what changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from docket.core.review import Changes
from docket.core.rules import too_fast
from docket.errors import DocketError
from docket.render.theme import Theme
from docket.settings import Settings
from docket.ui import transfer
from docket.ui.answer_panel import AnswerPanel
from docket.ui.comparison_view import ComparisonView
from docket.ui.dialogs import SkipDialog, confirm_and_open_link
from docket.ui.guidelines import GuidelinesDock
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate
from docket.ui.input_filter import InputFilter
from docket.ui.lock import (
    ClipboardGuard,
    LockScreen,
    LockWatcher,
    native_lock_reason,
    register_session_notifications,
)
from docket.ui.operations import Operations
from docket.ui.palette import palette_for, theme_for
from docket.ui.pii_marking import PiiMarker, shown_pii
from docket.ui.quality_views import CalibrationBanner, FastNotice, RevealView
from docket.ui.review_controller import ReviewController
from docket.ui.reviews_panel import ReviewsPanel
from docket.ui.search_indexing import SearchIndexing
from docket.ui.session_lock import SessionLock, edit_security_settings
from docket.ui.sources_pane import SourcesPane
from docket.ui.span_marking import SpanMarker
from docket.ui.suggestion_views import JudgeView
from docket.ui.task_list import TaskListPanel
from docket.ui.typesetting import AFTER_OPEN_MS, BackgroundTypesetting
from docket.ui.window_layout import SaveIndicator, build_views, show_reviews_panel, show_sources
from docket.ui.window_menus import build_menus
from docket.ui.window_state import ScrollMemory, may_close, restore_geometry, save_on_close
from docket.workspace import Workspace

KEPT = QT_TRANSLATE_NOOP(
    "main_window",
    "Your change is kept in this window and saved as soon as it can be; Docket retries.",
)
RECOVERED = QT_TRANSLATE_NOOP("main_window", "Saved: the change that could not be saved is now.")
PREFETCH_DELAY_MS = 40
"""Render the next task this long after one has painted: out of the way of painting it."""


class MainWindow(QMainWindow):
    # The views, laid out by docket.ui.window_layout.build_views.
    task_list: TaskListPanel
    tasks_dock: QDockWidget
    guidelines: GuidelinesDock
    comparison: ComparisonView
    answer_panel: AnswerPanel
    reviews_panel: ReviewsPanel
    sources: SourcesPane
    right: QSplitter
    splitter: QSplitter
    stack: QStackedWidget
    lock_screen: LockScreen
    progress_label: QLabel
    save_label: SaveIndicator
    answer_column: QWidget
    calibration_banner: CalibrationBanner
    fast_notice: FastNotice
    reveal: RevealView
    judge: JudgeView

    def __init__(
        self,
        workspace: Workspace,
        key_path: Path,
        settings: Settings | None = None,
        *,
        restore_layout: bool = True,
        server_card: Path | None = None,
    ) -> None:
        super().__init__()
        self.workspace, self.key_path, self.server_card = workspace, key_path, server_card
        self.settings = settings or Settings.load()
        self.restore_layout = restore_layout
        self.closed = False
        self.setWindowTitle(
            translate("main_window", "Docket — {reviewer} — {name}").format(
                reviewer=workspace.reviewer, name=workspace.directory.name
            )
        )
        self.setAcceptDrops(True)
        theme = theme_for(self.settings.theme)
        self.controller = ReviewController(workspace, self)
        self.operations = Operations(self)
        self.session = SessionLock(self)
        self.scroll_memory = ScrollMemory(self)

        build_views(self, theme)
        self.comparison.set_formula_source(workspace.formulas)
        self.guidelines.set_formula_source(workspace.formulas)
        self.sources.set_formula_source(workspace.formulas)
        self.typesetting = BackgroundTypesetting(self)
        self.lock_watcher = LockWatcher(self.settings.lock_after_minutes, self)
        self.clipboard_guard = ClipboardGuard(self.settings.clipboard_clear_seconds, self)
        self.menu_actions = build_menus(self)
        self.undo_action, self.redo_action = self.menu_actions.undo, self.menu_actions.redo
        self.diff_action, self.sync_action = self.menu_actions.diff, self.menu_actions.sync
        self._connect()
        self._apply_theme(theme)
        restore_geometry(self)
        self.update_progress()
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch_next)
        self._input = InputFilter(self)
        QApplication.instance().installEventFilter(self._input)  # type: ignore[union-attr]
        QTimer.singleShot(0, self.open_first_task)
        self.typesetting.start_soon(AFTER_OPEN_MS)  # its worker process: after the first paint
        self.search_indexing = SearchIndexing(workspace, self)
        self.search_indexing.start_soon()
        self._reminder = QTimer(self)
        self._reminder.setInterval(60 * 60 * 1000)
        self._reminder.timeout.connect(self._remind_export)
        self._reminder.start()
        QTimer.singleShot(2000, self._remind_export)

    def _connect(self) -> None:
        c = self.controller
        self.task_list.taskActivated.connect(self.open_task)
        self.answer_panel.answersEdited.connect(c.edit)
        c.answersLoaded.connect(lambda answers: self.answer_panel.set_answers(dict(answers)))
        c.issuesChanged.connect(self._show_issues)
        c.undoStateChanged.connect(self._undo_state)
        c.saved.connect(lambda _: self.save_label.setText(translate("main_window", "Saved")))
        c.changed.connect(self._changed)
        c.failed.connect(lambda message: self.notify("Docket", message, error=True))
        c.saveFailed.connect(self._save_failed)
        c.saveRecovered.connect(self.save_label.recovered)
        c.saveRecovered.connect(
            lambda: self.statusBar().showMessage(translate("main_window", RECOVERED), 10000)
        )
        c.suggestionChanged.connect(self._show_suggestion)
        self.comparison.linkRequested.connect(lambda url: confirm_and_open_link(self, url))
        self.comparison.citationFollowed.connect(self.sources.follow)
        self.comparison.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.guidelines.browser.linkRequested.connect(lambda url: confirm_and_open_link(self, url))
        self.lock_watcher.lockRequested.connect(self.lock)
        self.lock_screen.unlockRequested.connect(self.unlock)
        self.span_marker = SpanMarker(self.comparison, self.answer_panel, c, self)
        self.pii_marker = PiiMarker(self.comparison, self.answer_panel, c, self.workspace, self)
        self.pii_marker.notice.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.pii_marker.scannedAhead.connect(self._scanned_ahead)

    # --- tasks ---------------------------------------------------------------------------

    def open_first_task(self) -> None:
        ids = self.task_list.model.task_list().ids  # read once, by the task list
        last = self.controller.last_task()
        if not (last and self.open_task(last)) and ids:
            self.open_task(ids[0])
        self.task_list.view.setFocus()

    def open_task(self, task_id: str) -> bool:
        """Show a task; False (and the current one stays) when it cannot be opened."""
        c = self.controller
        self.search_indexing.postpone()  # the move paints first
        try:
            opened = c.open_task(task_id)
        except DocketError:
            return False
        if not opened or c.task is None or c.order is None or c.schema is None:
            if c.task is not None:
                self.task_list.select_task(c.task.id)
            return False
        self.comparison.set_task(c.task, c.order)
        show_sources(self, c.task, c.order)
        texts = {r.id: r.text for r in c.task.responses}
        self.answer_panel.set_task(c.schema, c.order, c.answers(), texts)
        self.pii_marker.task_opened()
        self.fast_notice.hide()
        self.calibration_banner.setVisible(c.calibration is not None)
        self._show_reveal()
        self._show_suggestion()
        if c.reviews is not None:
            texts = {r.id: r.text for r in c.task.responses}
            self.reviews_panel.show_reviews(c.reviews, c.order, texts)
            show_reviews_panel(self)
        else:
            self.reviews_panel.hide()
        self.guidelines.set_guidelines(c.guidelines)
        self.task_list.select_task(task_id)
        self.save_label.setText("")
        self.scroll_memory.restore(task_id)
        self._prefetch_timer.start()  # and again once this task has painted (event())
        return True

    def _neighbours(self) -> list[str]:
        """The tasks a move opens from here: the one before, then the one after (the
        list as shown: its status filter picks what "next" is, "to do" included)."""
        c = self.controller
        if c.task is None or self.closed:
            return []
        found = (self.task_list.previous_task_id(c.task.id), self.task_list.next_task_id(c.task.id))
        return [task_id for task_id in found if task_id is not None]

    def _prefetch_next(self, only: str | None = None) -> None:
        """Read, render and lay out the tasks next to this one (or ``only`` that one of
        them) while the reviewer reads it, each in text panes of its own (the next task
        last: it is kept the longest)."""
        for task_id in self._neighbours():
            if only is not None and task_id != only:
                continue
            try:
                view = self.workspace.prepare_view(task_id)  # the store's reads, once
                scan = self.workspace.cached_pii(view.task)
                if scan is None:
                    self.pii_marker.scan_soon(view.task)
                marks = shown_pii(scan.findings) if scan is not None else []
                self.comparison.prefetch(view.task, view.order, pii=marks)
            except DocketError:
                pass

    def _scanned_ahead(self, task_id: str) -> None:
        """A neighbour's PII scan came back: lay out its marks now, not on the move."""
        if task_id in self._neighbours():
            self._prefetch_next(task_id)

    def _show_issues(self, issues: list[tuple[str, str]]) -> None:
        if not issues:
            self.answer_panel.clear_issues()
            return
        self.answer_panel.show_issues(issues)
        # One message per question (the first: for a rubric, its summary), two at most.
        first: dict[str, str] = {}
        for field, message in issues:
            first.setdefault(field.split(".", 1)[0].split("[", 1)[0], message)
        shown = "; ".join(list(first.values())[:2])
        self.statusBar().showMessage(
            translate("main_window", "Not submitted: {shown}").format(shown=shown), 8000
        )

    def _undo_state(self, can_undo: bool, can_redo: bool) -> None:
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)

    def _changed(self, changes: Changes) -> None:
        if changes.all_tasks:
            self.task_list.reload()
            self.search_indexing.start_soon()  # an import: its tasks are indexed next
        else:
            for task_id in sorted(changes.tasks):
                self.task_list.refresh_task(task_id)
        self.update_progress()

    def update_progress(self) -> None:
        done, total = self.task_list.model.progress()
        self.progress_label.setText(
            translate("main_window", "{done} / {total} answered").format(done=done, total=total)
        )

    def next_task(self) -> None:
        self._step(self.task_list.next_task_id)

    def previous_task(self) -> None:
        self._step(self.task_list.previous_task_id)

    def _step(self, pick: Callable[[str], str | None]) -> None:
        if self.controller.task is None:
            return
        target = pick(self.controller.task.id)
        if target is None:
            self.statusBar().showMessage(
                translate("main_window", "No more tasks in this direction."), 3000
            )
            return
        self.scroll_memory.remember()
        self.open_task(target)

    def focus_answer(self) -> None:
        schema = self.controller.schema
        if schema is not None and schema.questions:
            self.answer_panel.focus_question(schema.questions[0].id)

    def _show_reveal(self) -> None:
        """A submitted calibration task: its expected answer beside the reviewer's, and the
        form read-only (the answer is final); else no reveal."""
        c = self.controller
        shown = c.revealed and c.calibration is not None and c.schema is not None
        if shown and c.calibration is not None and c.schema is not None and c.order is not None:
            self.reveal.reveal(c.schema, c.answers(), c.calibration, c.order)
        else:
            self.reveal.hide()
        self.answer_panel.setEnabled(not shown)

    # --- an AI judge's suggestion --------------------------------------------------------

    def _show_suggestion(self) -> None:
        """``after-answer``: the judge's answer beside the reviewer's once they have
        submitted blind. ``before``: the marks on the questions holding the agent's value."""
        c = self.controller
        suggestion, schema, order = c.suggestion, c.schema, c.order
        if suggestion is not None and c.judge_shown and schema is not None and order is not None:
            self.judge.reveal(schema, c.answers(), suggestion, order)
        else:
            self.judge.hide()
        states = c.suggestion_states() if c.policy() == "before" else {}
        self.answer_panel.show_suggestion_marks(states, suggestion.agent if suggestion else "")

    def accept_suggestion(self) -> None:
        """Accept the agent's value of the focused question, else of the first question
        still to confirm; then move to the next one still to confirm."""
        self._accept(all_of_them=False)

    def accept_all_suggestions(self) -> None:
        self._accept(all_of_them=True)

    def _accept(self, *, all_of_them: bool) -> None:
        c = self.controller
        if c.suggestion is None or c.schema is None or c.policy() != "before":
            self.statusBar().showMessage(
                translate("main_window", "This task has no AI judge suggestion to accept."), 4000
            )
            return
        states = c.suggestion_states()
        pending = [q.id for q in c.schema.questions if states.get(q.id) == "suggested"]
        if not pending:
            self.statusBar().showMessage(
                translate(
                    "main_window",
                    "Nothing left to accept: every suggested answer is accepted or changed.",
                ),
                4000,
            )
            return
        focused = self.answer_panel.focused_question()
        targets = pending if all_of_them else [focused if focused in pending else pending[0]]
        done = c.accept(targets)
        names = ", ".join(f"“{c.schema.question(q).label or q}”" for q in done)
        self.statusBar().showMessage(
            translate("main_window", "Accepted {agent}'s answer: {names}.").format(
                agent=c.suggestion.agent, names=names
            ),
            4000,
        )
        rest = [q for q in pending if q not in done]
        if rest and not all_of_them:
            self.answer_panel.focus_question(rest[0])

    def submit_and_next(self) -> None:
        """Submit and move on. An answer under the form's ``min_seconds`` is saved all the
        same, and a notice says so on the next task (it goes with the move after). On a
        calibration task the window stays, showing the expected answer; once shown, this
        moves on."""
        c = self.controller
        if c.task is None or c.schema is None:
            return
        if c.answer_is_final():
            self.next_task()
            return
        if c.judge_shown and c.unchanged_since_submit():
            kept = c.task.id
            self.next_task()
            moved = c.task is not None and c.task.id != kept
            self.statusBar().showMessage(
                translate("main_window", "Kept your answer.")
                if moved
                else translate("main_window", "Kept your answer. No more tasks in this direction."),
                4000,
            )
            return
        task_id, schema = c.task.id, c.schema
        blind = c.suggestion is not None and c.policy() == "after-answer" and not c.judge_shown
        if c.submit() is None:
            return
        spent = c.time_on_task(task_id)
        fast = too_fast(schema, spent)
        final = c.answer_is_final()
        if blind and c.judge_shown:
            self.statusBar().showMessage(
                translate(
                    "main_window",
                    "Submitted. The AI judge's answer is shown above yours: Ctrl+Enter keeps "
                    "yours and moves on, or revise the form and submit again.",
                ),
                10000,
            )
        elif final:
            self._show_reveal()
            self.statusBar().showMessage(
                translate(
                    "main_window",
                    "Submitted. The expected answer is shown above your answer; Ctrl+Enter or J "
                    "for the next task.",
                ),
                8000,
            )
        else:
            self.statusBar().showMessage(translate("main_window", "Submitted."), 2000)
            self.next_task()
        if fast and schema.min_seconds is not None:
            here = c.task is not None and c.task.id == task_id
            self.fast_notice.show_fast(spent, schema.min_seconds, same_task=here)

    def keep_draft(self) -> None:
        if self._say_final():
            return
        self.controller.keep_draft()
        self.statusBar().showMessage(translate("main_window", "Kept as draft."), 2000)

    def _say_final(self) -> bool:
        """On a calibration task whose answer is final, say so (and True)."""
        if not self.controller.answer_is_final():
            return False
        self.statusBar().showMessage(
            translate(
                "main_window",
                "This calibration answer is final; Ctrl+Enter or J for the next task.",
            ),
            4000,
        )
        return True

    def skip(self) -> None:
        if self._say_final():
            return
        if self.controller.task is not None and (reason := SkipDialog.ask(self)) is not None:
            self.controller.skip(reason)
            self.next_task()

    # --- view ----------------------------------------------------------------------------

    def toggle_diff(self) -> None:
        self.comparison.set_diff(self.diff_action.isChecked())

    def toggle_sync(self) -> None:
        self.settings.sync_scroll = self.sync_action.isChecked()
        self.comparison.set_sync_scroll(self.settings.sync_scroll)

    def zoom(self, step: int) -> None:
        self.comparison.zoom(step)
        self.settings.zoom = self.comparison.zoom_level()

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        self.menu_actions.themes[name].setChecked(True)
        self._apply_theme(theme_for(name))

    def set_language(self, code: str) -> None:
        """The interface's language ("system": the system locale's), from the next start:
        the window's texts are made once, when it is built."""
        self.settings.language = code
        self.statusBar().showMessage(
            translate("main_window", "The new language applies when Docket starts again."), 8000
        )

    def _apply_theme(self, theme: Theme) -> None:
        QApplication.setPalette(palette_for(theme))
        views = (self.task_list.model, self.reviews_panel, self.comparison, self.guidelines)
        for view in (*views, self.sources):
            view.set_theme(theme)
        self.answer_panel.set_theme(theme)

    # --- bundles, lock, messages ---------------------------------------------------------

    def import_bundle_dialog(self) -> None:
        transfer.choose_and_import(self)

    def import_bundle(self, bundle: Path) -> None:
        transfer.import_bundle(self, bundle)

    def export_dialog(self) -> None:
        transfer.export_results(self)

    def _remind_export(self) -> None:
        if self.closed or self.session.locked:
            return
        if self.workspace.export_overdue():
            self.statusBar().showMessage(
                translate(
                    "main_window",
                    "Some answers are more than a day old and not exported yet "
                    "(File > Export results).",
                ),
                15000,
            )

    def is_locked(self) -> bool:
        return self.session.locked

    def lock(self, why: str = "manual") -> None:
        self.search_indexing.stop()
        self.session.request(why)

    def unlock(self, passphrase: str) -> None:
        self.session.unlock(passphrase)
        if not self.session.locked:
            self.typesetting.start_soon()
            self.search_indexing.start_soon()

    def security_settings(self) -> None:
        edit_security_settings(self)

    if sys.platform == "win32":  # pragma: no cover - the session lock on Windows

        def showEvent(self, event: object) -> None:
            register_session_notifications(int(self.winId()))
            super().showEvent(event)  # type: ignore[arg-type]

        def nativeEvent(self, event_type: object, message: object) -> object:
            why = native_lock_reason(event_type, int(message))  # type: ignore[arg-type,call-overload]
            if why is not None:  # out of the native event handler before any work
                QTimer.singleShot(0, lambda: self.lock(why))
            return super().nativeEvent(event_type, message)  # type: ignore[arg-type]

    def notify(self, title: str, message: str, *, error: bool = False) -> None:
        """Tell the reviewer (in a box, and in the status bar for a record after it);
        held until after unlocking while the window is locked or about to lock."""
        if self.session.hold(title, message, error):
            return
        if error:
            QMessageBox.warning(self, title, message)
            return
        self.statusBar().showMessage(message.replace("\n", " "), 10000)
        QMessageBox.information(self, title, message)

    def _save_failed(self, message: str) -> None:
        self.save_label.failed(message)
        self.notify(
            "Docket",
            translate("main_window", "{message}\n\n{kept}").format(
                message=message, kept=translate("main_window", KEPT)
            ),
            error=True,
        )

    # --- window events -------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and self._prefetch_timer.isActive():
            # The window has just painted the task: the next one is rendered a little
            # after that, never on the way to the screen (on a busy machine the paint
            # itself may take longer than the delay).
            self._prefetch_timer.start()
        return handled

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.session.locked:
            self.controller.clock.set_active(self.isActiveWindow())
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        local = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if local and not self.session.locked:
            self.import_bundle(Path(local[0]))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.closed and not may_close(self):
            event.ignore()
            return
        if not self.closed:
            self.closed = True
            self._reminder.stop()
            self.search_indexing.stop()
            self.typesetting.stop()  # never waits on its worker process, even a hung one
            self.lock_watcher.stop()
            self.clipboard_guard.clear_now()
            self.operations.wait()
            save_on_close(self)
            QApplication.instance().removeEventFilter(self._input)  # type: ignore[union-attr]
        super().closeEvent(event)
