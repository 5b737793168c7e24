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
from array import array
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from docket.core.answers import Answer
from docket.core.review import EditState, StatusCounts, TaskList, TaskRow, UiState
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

__all__ = ["EditState", "ReviewStore", "TaskList", "TaskRow"]


def _task_row(task_id: str, position: int, status: str, preview: str, spent: float) -> TaskRow:
    return TaskRow(task_id, position, TaskStatus(status), _preview(preview), float(spent))


def _preview(prompt: str) -> str:
    # The preview is shown as plain text: hidden characters (a right-to-left override that
    # reverses the line) are spelled out as marks, as everywhere else a task is shown.
    return mark_hidden_text(" ".join(str(prompt).split()))


def _phrase(needle: str) -> str:
    """An FTS5 query for the tasks holding ``needle`` (three characters or more): one
    phrase, its runs of three characters one after the other."""
    return '"' + needle.replace('"', '""') + '"'


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
        """Every row with its preview (reads every prompt: the window reads
        :meth:`task_list` and the previews it shows instead)."""
        with translated_errors(self.path):
            rows = self._db.execute(f"{self._ROW_SQL} ORDER BY position", (PREVIEW_CHARS,))
            return [_task_row(*row) for row in rows.fetchall()]

    def task_list(self) -> TaskList:
        """The task list's columns but the previews, in bundle order: one query over the
        ``tasks_list`` index, which holds them (no task's text is read)."""
        keys: array[int] = array("q")
        positions: array[int] = array("q")
        times: array[float] = array("d")
        ids: list[str] = []
        statuses: list[TaskStatus] = []
        status_of = {s.value: s for s in TaskStatus}
        with translated_errors(self.path):
            rows = self._db.execute(
                "SELECT rowid, id, position, status, time_spent_s FROM tasks "
                "INDEXED BY tasks_list ORDER BY position"
            )
            while batch := rows.fetchmany(4096):
                for key, task_id, position, status, spent in batch:
                    keys.append(key)
                    ids.append(task_id)
                    positions.append(position)
                    statuses.append(status_of[status])
                    times.append(spent)
        return TaskList(keys, ids, positions, statuses, times)

    def task_previews(self, positions: Sequence[int]) -> dict[int, str]:
        """The previews of the tasks at these positions (:attr:`TaskList.positions`), as
        shown, by key (:attr:`TaskList.keys`): read from the ``tasks_previews`` index."""
        if not positions:
            return {}
        marks = ",".join("?" * len(positions))
        with translated_errors(self.path):
            rows = self._db.execute(
                f"SELECT rowid, substr(prompt, 1, {PREVIEW_CHARS}) FROM tasks "
                f"INDEXED BY tasks_previews WHERE position IN ({marks})",
                tuple(positions),
            ).fetchall()
        return {key: _preview(text) for key, text in rows}

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
        in the index, which keeps where each run of three characters is and so answers
        exactly; one or two are searched for in every task's folded text. Tasks not
        indexed yet are indexed first when they are few (:data:`INDEX_BATCH`), else
        looked through as they are (folded on the way, nothing written)."""
        return self._search(query, "id")

    def search_keys(self, query: str) -> set[int]:
        """:meth:`search` answering with the rows' keys (:attr:`TaskList.keys`): what
        the task list filters by, without reading each task found."""
        return self._search(query, "rowid")

    def _search(self, query: str, column: str) -> set[Any]:
        needle = fold(query.strip()).replace(SEPARATOR, "").replace(INDEX_SEPARATOR, "")
        found: set[Any] = set()
        if not needle:
            return found
        with translated_errors(self.path):
            if self.search_pending() <= INDEX_BATCH:
                self.index_search()
            if len(needle) < TRIGRAM:
                rows = self._db.execute(
                    f"SELECT {column} FROM tasks WHERE instr(search_text, ?) > 0", (needle,)
                )
            elif column == "rowid":  # the index answers exactly, with the keys
                rows = self._db.execute(
                    "SELECT rowid FROM task_search WHERE task_search MATCH ?",
                    (_phrase(needle),),
                )
            else:
                rows = self._db.execute(
                    "SELECT t.id FROM task_search JOIN tasks t ON t.rowid = task_search.rowid "
                    "WHERE task_search MATCH ?",
                    (_phrase(needle),),
                )
            found.update(row[0] for row in rows.fetchall())
            found.update(self._scan_pending(needle, column))
        return found

    def _scan_pending(self, needle: str, column: str) -> set[Any]:
        """The tasks not indexed yet that contain ``needle``: folded here, not kept."""
        found: set[Any] = set()
        pending = [
            row[0]
            for row in self._db.execute(
                "SELECT rowid FROM tasks INDEXED BY tasks_to_index WHERE search_text IS NULL"
            ).fetchall()
        ]
        for start in range(0, len(pending), INDEX_BATCH):
            batch = pending[start : start + INDEX_BATCH]
            for rowid, task_id, text in self._fold(batch):
                if needle in text:
                    found.add(rowid if column == "rowid" else task_id)
        return found

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
        returns how many are still waiting. The window does it while the reviewer works."""
        with translated_errors(self.path):
            sql = (
                "SELECT rowid FROM tasks INDEXED BY tasks_to_index WHERE search_text IS NULL "
                "ORDER BY position"
            )
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
            pending = [row[0] for row in self._db.execute(sql).fetchall()]
            if not pending:
                return 0
            # The index is derived from the tasks and is built again if lost: its commits
            # need not wait for the disk (an answer's commit, with synchronous = FULL,
            # writes them through with it).
            self._db.execute("PRAGMA synchronous = NORMAL")
            try:
                for start in range(0, len(pending), INDEX_BATCH):
                    self._index_batch(pending[start : start + INDEX_BATCH])
            finally:
                self._db.execute("PRAGMA synchronous = FULL")
            return self.search_pending() if limit is not None else 0

    def _fold(self, rowids: list[int]) -> list[tuple[int, str, str]]:
        """``(rowid, task id, folded search text)`` of these tasks."""
        marks = ",".join("?" * len(rowids))
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
        return [
            (rowid, task_id, search_text(turns, responses.get(task_id, [])))
            for rowid, (task_id, turns) in texts.items()
        ]

    def _index_batch(self, rowids: list[int]) -> None:
        with write_transaction(self._db):
            folded = self._fold(rowids)
            conn = self._db.conn
            conn.executemany("UPDATE tasks SET search_text = ? WHERE rowid = ?",
                             [(text, rowid) for rowid, _, text in folded])  # fmt: skip
            # A task updated by a newer bundle is indexed anew: its old entry goes first.
            conn.executemany("DELETE FROM task_search WHERE rowid = ?", [(r,) for r in rowids])
            conn.executemany(
                "INSERT INTO task_search (rowid, text) VALUES (?, ?)",
                [(rowid, text.replace(SEPARATOR, INDEX_SEPARATOR)) for rowid, _, text in folded],
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
