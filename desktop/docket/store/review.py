"""What the review window needs from the store: drafts saved as they are typed, undo
and redo of answer edits, skips, active time, search, and the task list's rows.

Undo lives here, not in widgets: every edit is a row in ``edits`` (per task, numbered),
and ``drafts.position`` points at the current one. Undo moves the pointer back, redo
forward, and a new edit after an undo drops the edits ahead of the pointer, like any
editor. Drafts are saved unvalidated (a half-filled form is fine); :meth:`submit` is
:meth:`WorkspaceStore.record`, which validates.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from docket.core.answers import Answer
from docket.core.review import EditState, StatusCounts, TaskRow, UiState
from docket.core.rules import canonical_json
from docket.core.tasks import TaskStatus
from docket.core.text_fold import SEPARATOR, fold, search_text
from docket.errors import UnknownTaskError
from docket.render.hidden import mark_hidden_text
from docket.store import audit
from docket.store.db import translated_errors, write_transaction
from docket.store.workspace_store import WorkspaceStore, now_iso

PREVIEW_CHARS = 160
TRIGRAM = 3
INDEX_BATCH = 200
INDEX_SEPARATOR = "\uffff"
"""Between the texts of one task in the search index (a noncharacter, taken out of every
query; the index's tokenizer would drop ``SEPARATOR``): no run of three spans two texts."""
LAST_TASK_KEY = "ui.last_task"
UI_STATE_KEY = "ui.state"

__all__ = ["EditState", "ReviewStore", "TaskRow"]


def _task_row(task_id: str, position: int, status: str, preview: str, spent: float) -> TaskRow:
    # The preview is shown as plain text: hidden characters (a right-to-left override that
    # reverses the line) are spelled out as marks, as everywhere else a task is shown.
    shown = mark_hidden_text(" ".join(str(preview).split()))
    return TaskRow(task_id, position, TaskStatus(status), shown, float(spent))


def _trigram_query(needle: str) -> str:
    """An FTS5 query for the tasks holding every three-character run of ``needle``."""
    runs = sorted({needle[i : i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1)})
    return " ".join('"' + run.replace('"', '""') + '"' for run in runs)


class ReviewStore:
    """Review-window operations on an open :class:`WorkspaceStore`."""

    def __init__(self, store: WorkspaceStore) -> None:
        self._store = store
        self.path = store.path

    @property
    def _db(self) -> sqlite_utils.Database:
        # Read each time: locking closes the store's connection and unlocking opens anew.
        return self._store._db

    # --- the task list -------------------------------------------------------------------

    _ROW_SQL = "SELECT id, position, status, substr(prompt, 1, ?), time_spent_s FROM tasks"

    def task_rows(self) -> list[TaskRow]:
        with translated_errors(self.path):
            rows = self._db.execute(f"{self._ROW_SQL} ORDER BY position", (PREVIEW_CHARS,))
            return [_task_row(*row) for row in rows.fetchall()]

    def task_row(self, task_id: str) -> TaskRow:
        with translated_errors(self.path):
            row = self._db.execute(
                f"{self._ROW_SQL} WHERE id = ?", (PREVIEW_CHARS, task_id)
            ).fetchone()
        if row is None:
            raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
        return _task_row(*row)

    def status_counts(self) -> StatusCounts:
        """How many tasks are in each status: one query, for the export summary."""
        with translated_errors(self.path):
            rows = self._db.execute("SELECT status, COUNT(*) FROM tasks GROUP BY status")
            return StatusCounts({TaskStatus(s): int(n) for s, n in rows.fetchall()})

    def search(self, query: str) -> set[str]:
        """Ids of tasks whose prompt, conversation or any response contains ``query``,
        case and accents ignored in every script (:func:`docket.core.text_fold.fold`).
        Runs inside the encrypted database, on a folded copy of the texts kept there and
        its trigram index (no plaintext index): three characters or more are looked up
        in the index (the tasks holding every three-character run of the query, then,
        for a longer query, those holding it whole), one or two are searched for in
        every task's text. Tasks not indexed yet are indexed first."""
        needle = fold(query.strip()).replace(SEPARATOR, "").replace(INDEX_SEPARATOR, "")
        if not needle:
            return set()
        with translated_errors(self.path):
            self.index_search()
            if len(needle) < TRIGRAM:
                rows = self._db.execute(
                    "SELECT id FROM tasks WHERE instr(search_text, ?) > 0", (needle,)
                )
            elif len(needle) == TRIGRAM:  # the index answers exactly
                rows = self._db.execute(
                    "SELECT t.id FROM task_search JOIN tasks t ON t.rowid = task_search.rowid "
                    "WHERE task_search MATCH ?",
                    (_trigram_query(needle),),
                )
            else:  # each run of three is in these tasks; is the whole query?
                rows = self._db.execute(
                    "SELECT t.id FROM task_search JOIN tasks t ON t.rowid = task_search.rowid "
                    "WHERE task_search MATCH ? AND instr(t.search_text, ?) > 0",
                    (_trigram_query(needle), needle),
                )
            return {row[0] for row in rows.fetchall()}

    def search_pending(self) -> int:
        """How many tasks are not folded and indexed for search yet."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT count(*) FROM tasks INDEXED BY tasks_to_index WHERE search_text IS NULL"
            ).fetchone()
        return int(row[0])

    def index_search(self, limit: int | None = None) -> int:
        """Fold and index for search the tasks imported (or updated) since (``limit`` of
        them at most; all by default), in transactions of :data:`INDEX_BATCH` tasks;
        returns how many are still waiting. About a millisecond a task of three real
        responses: the window does it a few tasks at a time while the reviewer works."""
        with translated_errors(self.path):
            sql = (
                "SELECT rowid FROM tasks INDEXED BY tasks_to_index WHERE search_text IS NULL "
                "ORDER BY position"
            )
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            pending = [row[0] for row in self._db.execute(sql).fetchall()]
            for start in range(0, len(pending), INDEX_BATCH):
                self._index_batch(pending[start : start + INDEX_BATCH])
            return self.search_pending() if limit is not None else 0

    def _index_batch(self, rowids: list[int]) -> None:
        marks = ",".join("?" * len(rowids))
        with write_transaction(self._db):
            texts: dict[int, tuple[str, list[str]]] = {}
            for rowid, task_id, conversation in self._db.execute(
                f"SELECT rowid, id, conversation FROM tasks WHERE rowid IN ({marks})", rowids
            ):
                texts[rowid] = (task_id, [content for _, content in json.loads(conversation)])
            responses: dict[str, list[str]] = {}
            ids = [task_id for task_id, _ in texts.values()]
            for task_id, text in self._db.execute(
                f"SELECT task_id, text FROM responses WHERE task_id IN ({marks}) "
                "ORDER BY task_id, position",
                ids,
            ):
                responses.setdefault(task_id, []).append(text)
            folded = [
                (rowid, search_text(turns, responses.get(task_id, [])))
                for rowid, (task_id, turns) in texts.items()
            ]
            conn = self._db.conn
            conn.executemany("UPDATE tasks SET search_text = ? WHERE rowid = ?",
                             [(text, rowid) for rowid, text in folded])  # fmt: skip
            # A task updated by a newer bundle is indexed anew: its old entry goes first.
            conn.executemany("DELETE FROM task_search WHERE rowid = ?", [(r,) for r in rowids])
            conn.executemany(
                "INSERT INTO task_search (rowid, text) VALUES (?, ?)",
                [(rowid, text.replace(SEPARATOR, INDEX_SEPARATOR)) for rowid, text in folded],
            )

    # --- drafts, undo, redo ---------------------------------------------------------------

    def current(self, task_id: str) -> EditState:
        """The answers to show: the draft if there is one, else the last submitted."""
        with translated_errors(self.path):
            draft = self._db.execute(
                "SELECT position FROM drafts WHERE task_id = ?", (task_id,)
            ).fetchone()
            top = self._top(task_id)
        if draft is not None:
            body = self._body(task_id, int(draft[0]))
            return EditState(body, int(draft[0]) > 0, int(draft[0]) < top)
        answer = self._store.answer(task_id)
        answers = answer.answers if answer else {}
        return EditState(answers, top > 0, False)

    def edit(self, task_id: str, answers: dict[str, Any]) -> EditState:
        """Save the form as it is now (unvalidated) as the next edit of the task."""
        body = canonical_json(answers)
        with translated_errors(self.path), write_transaction(self._db):
            self._require(task_id)
            position = self._position(task_id)
            if position and self._body_raw(task_id, position) == body:
                return EditState(answers, position > 0, position < self._top(task_id))
            self._db.execute("DELETE FROM edits WHERE task_id = ? AND seq > ?", (task_id, position))
            position += 1
            self._db.execute(
                "INSERT INTO edits (task_id, seq, body) VALUES (?, ?, ?)", (task_id, position, body)
            )
            self._set_position(task_id, position)
            self._db.execute(
                "UPDATE tasks SET status = ? WHERE id = ? AND status IN (?, ?)",
                (TaskStatus.DRAFT.value, task_id, TaskStatus.NEW.value, TaskStatus.SKIPPED.value),
            )
        return EditState(json.loads(body), True, False)

    def undo(self, task_id: str) -> EditState | None:
        """Step back one edit; None when there is nothing to undo."""
        with translated_errors(self.path), write_transaction(self._db):
            position = self._position(task_id)
            if position <= 0:
                return None
            position -= 1
            self._set_position(task_id, position)
            top = self._top(task_id)
        return EditState(self._body(task_id, position), position > 0, position < top)

    def redo(self, task_id: str) -> EditState | None:
        with translated_errors(self.path), write_transaction(self._db):
            position = self._position(task_id)
            top = self._top(task_id)
            if position >= top:
                return None
            position += 1
            self._set_position(task_id, position)
        return EditState(self._body(task_id, position), True, position < top)

    def has_draft(self, task_id: str) -> bool:
        with translated_errors(self.path):
            row = self._db.execute("SELECT 1 FROM drafts WHERE task_id = ?", (task_id,)).fetchone()
        return row is not None

    def submit(
        self, reviewer: str, task_id: str, answers: dict[str, Any], time_spent_s: float = 0.0
    ) -> Answer:
        """Validate and record (a new revision); the draft is folded into the record in the
        same transaction, so a crash leaves either the draft or the record, never both."""

        def fold_draft() -> None:
            # Edits undone before submitting are gone for good, as in any editor.
            self._db.execute(
                "DELETE FROM edits WHERE task_id = ? AND seq > ?",
                (task_id, self._position(task_id)),
            )
            self._db.execute("DELETE FROM drafts WHERE task_id = ?", (task_id,))

        return self._store.record(
            reviewer, task_id, answers, time_spent_s=time_spent_s, also=fold_draft
        )

    def skip(self, task_id: str, reason: str) -> None:
        at = now_iso()
        with translated_errors(self.path), write_transaction(self._db):
            self._require(task_id)
            self._db.execute(
                "UPDATE tasks SET status = ?, skip_reason = ? WHERE id = ?",
                (TaskStatus.SKIPPED.value, reason.strip(), task_id),
            )
            audit.append(self._db, at, "skip", task_id, {"reason_chars": len(reason.strip())})

    def skip_reason(self, task_id: str) -> str | None:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT skip_reason FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def last_task(self) -> str | None:
        """The task to reopen on: the last one opened or edited."""
        return self._store.get_meta(LAST_TASK_KEY)

    def ui_state(self) -> UiState:
        return UiState.from_json(self._store.get_meta(UI_STATE_KEY))

    def save_ui_state(self, state: UiState) -> None:
        self._store.set_meta(UI_STATE_KEY, state.to_json())

    def add_time(self, task_id: str, seconds: float) -> None:
        """Add active review time (the window measures it; idle time is not counted)."""
        self.bookkeeping({task_id: seconds}, None)

    def bookkeeping(self, times: dict[str, float], last_task: str | None) -> None:
        """Active time per task and the task to reopen on, in one commit: the window
        writes these after a move has painted, not on the way to the next task."""
        times = {t: s for t, s in times.items() if s > 0}
        if not times and last_task is None:
            return
        with translated_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "UPDATE tasks SET time_spent_s = time_spent_s + ? WHERE id = ?",
                [(s, t) for t, s in times.items()],
            )
            if last_task is not None:
                self._store._set_meta(LAST_TASK_KEY, last_task)

    # --- reminders -----------------------------------------------------------------------

    def unexported_since(self) -> str | None:
        """When the oldest answer not yet in any result bundle was saved, or None."""
        with translated_errors(self.path):
            last = self._db.execute("SELECT MAX(created_at) FROM exports").fetchone()[0]
            row = self._db.execute(
                "SELECT MIN(saved_at) FROM answers WHERE ? IS NULL OR saved_at > ?", (last, last)
            ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def export_overdue(self, now: datetime | None = None) -> bool:
        since = self.unexported_since()
        if since is None:
            return False
        moment = datetime.fromisoformat(since)
        return (now or datetime.now(UTC)) - moment > timedelta(days=1)

    # --- internals -----------------------------------------------------------------------

    def _require(self, task_id: str) -> None:
        if self._db.execute("SELECT 1 FROM tasks WHERE id = ?", (task_id,)).fetchone() is None:
            raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")

    def _position(self, task_id: str) -> int:
        row = self._db.execute(
            "SELECT position FROM drafts WHERE task_id = ?", (task_id,)
        ).fetchone()
        if row is not None:
            return int(row[0])
        return self._top(task_id)

    def _top(self, task_id: str) -> int:
        row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM edits WHERE task_id = ?", (task_id,)
        ).fetchone()
        return int(row[0])

    def _set_position(self, task_id: str, position: int) -> None:
        self._db.execute(
            "INSERT INTO drafts (task_id, position, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (task_id) DO UPDATE SET position = excluded.position, "
            "updated_at = excluded.updated_at",
            (task_id, position, now_iso()),
        )

    def _body_raw(self, task_id: str, position: int) -> str | None:
        row = self._db.execute(
            "SELECT body FROM edits WHERE task_id = ? AND seq = ?", (task_id, position)
        ).fetchone()
        return None if row is None else str(row[0])

    def _body(self, task_id: str, position: int) -> dict[str, Any]:
        """The answers at an edit; before the first edit, the last submitted answer."""
        raw = self._body_raw(task_id, position) if position > 0 else None
        if raw:
            return dict(json.loads(raw))
        submitted = self._store.answer(task_id)
        return dict(submitted.answers) if submitted else {}
