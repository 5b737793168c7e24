"""The review session as the window drives it: which task is open, its answers as the
reviewer edits them, and the time spent on it.

Thin over the review operations of :class:`~docket.Workspace`: every edit is committed
within :data:`AUTOSAVE_MS` (debounced), undo and redo are operations on the workspace,
and submit validates there. Every operation that changes a task broadcasts one
:attr:`ReviewController.changed` with what changed; the views refresh from it. Active
time is counted only while the window is active and the reviewer has touched the
keyboard or mouse in the last :data:`IDLE_AFTER_S` seconds.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from docket.core.answers import Answer
from docket.core.calibration import Expected
from docket.core.display_order import DisplayOrder
from docket.core.pii import task_texts
from docket.core.review import Changes, EditState
from docket.core.schema import Schema
from docket.core.suggestion_review import QuestionState, unconfirmed
from docket.core.suggestions import Suggestion
from docket.core.tasks import Task
from docket.core.validation import check_answers
from docket.errors import DocketError
from docket.ui.error_texts import error_text
from docket.ui.i18n import translate
from docket.workspace import Workspace

AUTOSAVE_MS = 300
BOOKKEEPING_MS = 1000
"""Active time and the task to reopen on are written this long after the last move, in
one commit: off the path from one task to the next (a crash loses at most that much
time accounting, never an answer)."""
RETRY_MS = 5000
"""After a failed save (disk full, read-only), the pending edit is retried this often."""
IDLE_AFTER_S = 120.0


class ActiveClock:
    """Seconds of active work: paused when the window is inactive or the user is idle."""

    def __init__(self, now: Any = time.monotonic) -> None:
        self._now = now
        self._active = True
        self._last_input = now()
        self._since = now()
        self._banked = 0.0

    def _settle(self) -> None:
        now = self._now()
        if self._active:
            until = min(now, self._last_input + IDLE_AFTER_S)
            self._banked += max(0.0, until - self._since)
        self._since = now

    def user_input(self) -> None:
        self._settle()
        self._last_input = self._now()

    def set_active(self, active: bool) -> None:
        self._settle()
        self._active = active
        if active:
            self._last_input = self._now()

    def take(self) -> float:
        """The active seconds since the last call."""
        self._settle()
        banked, self._banked = self._banked, 0.0
        return banked


class ReviewController(QObject):
    """The open task and its answers as the reviewer edits them.

    Signals:

    - ``answersLoaded(dict)``: undo or redo replaced the answers; show them (not an edit).
    - ``saved(str)``: the task's answers were committed (a draft or a submit).
    - ``undoStateChanged(bool, bool)``: whether undo and redo can move.
    - ``issuesChanged(list)``: validation issues ``[(question id, message)]`` of the last
      submit, or ``[]`` to clear them.
    - ``changed(Changes)``: the one broadcast after any operation that changed tasks.
    - ``failed(str)``: an operation failed with a user-facing message.
    - ``saveFailed(str)``: the first failure of a streak of saves; retried every
      :data:`RETRY_MS`. ``saveRecovered()``: the pending edit was saved after failures.
    """

    answersLoaded = Signal(dict)
    saved = Signal(str)
    undoStateChanged = Signal(bool, bool)
    issuesChanged = Signal(list)
    changed = Signal(object)
    failed = Signal(str)
    saveFailed = Signal(str)
    saveRecovered = Signal()
    suggestionChanged = Signal()
    """What to show of the open task's AI judge suggestion may have changed (a reveal, an
    acceptance, an edit that changed a suggested question)."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.task: Task | None = None
        self.schema: Schema | None = None
        self.order: DisplayOrder | None = None
        self.reviews: dict[str, Any] | None = None
        self.calibration: Expected | None = None
        """For a task of a calibration round: its expected answer and explanation."""
        self.revealed = False
        """A calibration task whose answer is submitted: the expected answer is shown and
        the answer is final (edits are ignored)."""
        self.suggestion: Suggestion | None = None
        """The AI judge's suggestion the reviewer may see (None: none, or hidden)."""
        self.judge_shown = False
        """``after-answer``: the task has a submitted (blind) answer, so the judge's is
        shown beside it. Once shown it stays shown: undo steps the form's edits, never
        the reveal (what was seen cannot be unseen)."""
        self._answers: dict[str, Any] = {}
        self._dirty = False
        self._ahead: dict[str, Task] = {}
        """The tasks next to the open one, read while the reviewer reads it (the window
        lays them out then): opening one takes it from here instead of the store."""
        self.clock = ActiveClock()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush)
        self._pending_time: dict[str, float] = {}
        self._pending_last: str | None = None
        self._bookkeeping = QTimer(self)
        self._bookkeeping.setSingleShot(True)
        self._bookkeeping.setInterval(BOOKKEEPING_MS)
        self._bookkeeping.timeout.connect(self.save_bookkeeping)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self._failing = False

    # --- navigation ----------------------------------------------------------------------

    def open_task(self, task_id: str) -> bool:
        """Show ``task_id``. False (and the current task stays) while the current task's
        last edit cannot be saved: moving on would lose it."""
        if self.task is not None and self.task.id == task_id:
            return True
        self.leave_task()
        if self._dirty:
            self.failed.emit(
                translate(
                    "review_controller",
                    "Your last change to this task is not saved yet (see the message before); "
                    "Docket keeps retrying. Stay on this task until it is saved.",
                )
            )
            return False
        ws = self.workspace
        ahead = self._ahead.get(task_id)
        self.task = ahead if ahead is not None else ws.task(task_id)
        self.schema = ws.schema(task_id)
        self.order = ws.display_order(self.task)
        state = ws.editing(task_id)
        self._answers = dict(state.answers)
        self.reviews = ws.reviews(task_id)
        self.calibration = ws.calibration(task_id)
        self.revealed = self.calibration is not None and ws.answer(task_id) is not None
        self.suggestion = ws.suggestion(task_id)
        self.judge_shown = self.policy() == "after-answer" and ws.answer(task_id) is not None
        self.clock.take()
        self._pending_last = task_id
        self._bookkeeping.start()
        self.undoStateChanged.emit(state.can_undo, state.can_redo)
        self.issuesChanged.emit([])
        return True

    def read_ahead(self, task_ids: list[str]) -> list[Task]:
        """Read the tasks a move may open next (kept until the next call: only these)."""
        kept: dict[str, Task] = {}
        for task_id in task_ids:
            task = self._ahead.get(task_id)
            if task is None and self.task is not None and self.task.id == task_id:
                task = self.task  # the task just left
            try:
                kept[task_id] = task if task is not None else self.workspace.task(task_id)
            except DocketError:  # gone from the store: opened (and reported) when moved to
                continue
        self._ahead = kept
        return list(kept.values())

    def forget_ahead(self) -> None:
        """Tasks read ahead are read again (an import may have changed them)."""
        self._ahead = {}

    def leave_task(self) -> None:
        """Save what is pending and bank the time spent on the current task."""
        if self.task is None:
            return
        self.flush()
        spent = self.clock.take()
        if spent > 0.05:
            task_id = self.task.id
            self._pending_time[task_id] = self._pending_time.get(task_id, 0.0) + spent
            self._bookkeeping.start()

    def save_bookkeeping(self) -> None:
        """Write the banked active time and the task to reopen on (one commit). A failure
        (a full disk) keeps them for the next try: they are a convenience, not answers."""
        self._bookkeeping.stop()
        times, last = dict(self._pending_time), self._pending_last
        if not times and last is None:
            return
        try:
            self.workspace.record_time(times, last)
        except DocketError:
            self._bookkeeping.start()
            return
        self._pending_time.clear()
        self._pending_last = None
        if times:
            self.changed.emit(Changes(frozenset(times)))

    def suspend(self) -> dict[str, Any] | None:
        """Before the window locks: save what is pending, bank the time, and forget the
        open task. Returns the answers that could not be saved (the disk is full, say),
        for the window to hand back to :meth:`edit` after unlocking; else None."""
        if self.task is None:
            return None
        self.leave_task()
        self.save_bookkeeping()
        self._retry.stop()
        unsaved = dict(self._answers) if self._dirty else None
        self._ahead = {}
        self.task = self.schema = self.order = self.reviews = self.calibration = None
        self.suggestion, self.revealed, self.judge_shown = None, False, False
        self._answers, self._dirty = {}, False
        self.clock.set_active(False)
        return unsaved

    def last_task(self) -> str | None:
        return self.workspace.last_task()

    # --- editing -------------------------------------------------------------------------

    def edit(self, answers: dict[str, Any]) -> None:
        """The reviewer changed the form: committed within AUTOSAVE_MS. Ignored with no
        task open (a late signal from a form being torn down must not become an edit
        that belongs to no task), and on a calibration task once its expected answer is
        shown (the answer is final)."""
        if self.task is None or self.revealed:
            return
        self._answers = dict(answers)
        self._dirty = True
        self._autosave.start()
        if self.task is not None and self.schema is not None:
            self.issuesChanged.emit([])
        if self.suggestion is not None and self.policy() == "before":
            task_id = self.task.id
            self._guard(lambda: self.workspace.forget_changed_acceptances(task_id, answers))
            self.suggestionChanged.emit()
        elif self.judge_shown:
            self.suggestionChanged.emit()  # "Yours" beside the judge's follows the revision

    def has_unsaved(self) -> bool:
        return self._dirty

    def flush(self) -> None:
        """Commit the pending edit. If that fails (disk full, read-only workspace), the
        edit stays in memory, the first failure is reported, and it is retried every
        :data:`RETRY_MS` until it lands."""
        self._autosave.stop()
        self._retry.stop()
        if not self._dirty or self.task is None:
            return
        task_id = self.task.id
        try:
            state = self.workspace.save_draft(task_id, self._answers)
        except DocketError as exc:
            if not self._failing:
                self._failing = True
                self.saveFailed.emit(error_text(exc))
            self._retry.start()
            return
        if self._failing:
            self._failing = False
            self.saveRecovered.emit()
        self._dirty = False
        self.save_bookkeeping()  # an edited task is the one to reopen on after a crash
        self.saved.emit(task_id)
        self.undoStateChanged.emit(state.can_undo, state.can_redo)
        self.changed.emit(Changes.of_task(task_id))

    def answers(self) -> dict[str, Any]:
        return dict(self._answers)

    def undo(self) -> None:
        self._step(self.workspace.undo)

    def redo(self) -> None:
        self._step(self.workspace.redo)

    def _step(self, op: Any) -> None:
        if self.task is None or self.revealed:
            return
        self.flush()
        task_id = self.task.id
        state: EditState | None = self._guard(lambda: op(task_id))
        if state is None:
            return
        self._answers = dict(state.answers)
        self.answersLoaded.emit(self._answers)
        self.undoStateChanged.emit(state.can_undo, state.can_redo)
        self.changed.emit(Changes.of_task(task_id))
        if self.suggestion is not None:
            self.suggestionChanged.emit()

    def keep_draft(self) -> None:
        if self.revealed:
            return
        self._dirty = True
        self.flush()

    def answer_is_final(self) -> bool:
        """The open task is a calibration task whose answer is submitted (and shown
        against the expected one)."""
        return self.revealed

    def time_on_task(self, task_id: str) -> float:
        """The active seconds spent on a task so far, as its result will carry them: what
        the workspace holds plus what is banked but not written yet."""
        try:
            committed = self.workspace.task_row(task_id).time_spent_s
        except DocketError:
            committed = 0.0
        return committed + self._pending_time.get(task_id, 0.0)

    def submit(self) -> Answer | None:
        """Validate and record; returns None (and emits the issues) when invalid, and on a
        calibration task whose answer is already final."""
        if self.task is None or self.schema is None or self.revealed:
            return None
        texts = {r.id: r.text for r in self.task.responses}
        issues = check_answers(
            self.schema,
            self.task.response_ids,
            self._answers,
            texts=texts,
            pii_texts=task_texts(self.task),
        )
        if self.policy() == "before" and self.suggestion is not None:
            accepted = self.workspace.accepted_suggestions(self.task.id)
            unconfirmed_text = translate(
                "review_controller",
                "suggested by {agent} and not yet confirmed: accept it (Ctrl+Shift+A) or change it",
            ).format(agent=self.suggestion.agent)
            issues += [
                (qid, unconfirmed_text)
                for qid in unconfirmed(self.suggestion, self._answers, accepted)
            ]
        if issues:
            self.issuesChanged.emit(issues)
            return None
        self.flush()
        task_id = self.task.id
        spent = self.clock.take()
        saved: Answer | None = self._guard(
            lambda: self.workspace.submit(task_id, self._answers, time_spent_s=spent)
        )
        if saved is not None:
            self.revealed = self.calibration is not None
            self.saved.emit(task_id)
            self.changed.emit(Changes.of_task(task_id))
            if self.suggestion is not None:
                self.judge_shown = self.policy() == "after-answer"
                self.suggestionChanged.emit()
        return saved

    # --- an AI judge's suggestion --------------------------------------------------------

    def policy(self) -> str:
        """The open task's reveal policy ("" with no task open)."""
        return self.schema.reveal_policy if self.schema is not None else ""

    def suggestion_states(self) -> dict[str, QuestionState]:
        """Under ``before``: each suggested question's state as the form stands."""
        if self.task is None or self.suggestion is None:
            return {}
        task_id, answers = self.task.id, self._answers
        states = self._guard(lambda: self.workspace.suggestion_states(task_id, answers))
        return states or {}

    def accept(self, question_ids: list[str]) -> list[str]:
        """Accept the agent's value of these questions (those still holding it); returns
        the ones newly accepted."""
        if self.task is None or self.suggestion is None or self.policy() != "before":
            return []
        before = self.suggestion_states()
        task_id, answers = self.task.id, dict(self._answers)
        self._guard(lambda: self.workspace.accept_suggestion(task_id, answers, question_ids))
        after = self.suggestion_states()
        self.suggestionChanged.emit()
        self.issuesChanged.emit([])
        return [
            q for q in question_ids if before.get(q) == "suggested" and after.get(q) == "accepted"
        ]

    def unchanged_since_submit(self) -> bool:
        """The form holds the task's last submitted answers (nothing revised since)."""
        if self.task is None:
            return False
        saved = self.workspace.answer(self.task.id)
        return saved is not None and saved.answers == self._answers

    def skip(self, reason: str) -> None:
        if self.task is None or self.revealed:
            return
        task_id = self.task.id
        self.flush()
        self._guard(lambda: self.workspace.skip(task_id, reason))
        self.changed.emit(Changes.of_task(task_id))

    def _guard(self, fn: Any) -> Any:
        """Run a store operation; a user-facing error becomes a message, not a crash.
        What was committed before stays committed; the edit stays in memory to retry."""
        try:
            return fn()
        except DocketError as exc:
            self.failed.emit(error_text(exc))
            return None
