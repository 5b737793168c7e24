"""Operations on one workspace database. Each validates, commits in one transaction,
writes its audit entry in that same transaction, and returns what changed.

The store holds all state (tasks, answers and their revisions, audit); the UI and the
``Workspace`` facade read through it and never keep domain state of their own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from docket.core.answers import Answer
from docket.core.display_order import DisplayOrder, display_order
from docket.core.documents import Document
from docket.core.pii import Finding, task_texts
from docket.core.rules import canonical_json, submitted_status
from docket.core.schema import Schema
from docket.core.spans import Span
from docket.core.suggestion_review import record_for
from docket.core.suggestions import Suggestion, SuggestionRecord
from docket.core.task_rows import (
    TASK_COLUMNS,
    TaskRows,
    suggestions_by_task,
    task_rows,
    unclaimed_suggestion,
)
from docket.core.tasks import Response, Role, Task, TaskStatus, Turn
from docket.core.validation import validate_answers
from docket.errors import BundleError, UnknownTaskError, WorkspaceError, WorkspaceLockedError
from docket.store import audit
from docket.store.db import (
    close_checkpointed,
    open_migrated,
    translated_errors,
    write_transaction,
    writing_alone,
)
from docket.store.migrations import migrate


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class ImportedTasks:
    """What an import changed. ``status`` is imported, updated or unchanged."""

    bundle_id: str
    status: str
    added: int
    updated: int
    removed: int


TASK_BATCH, TASK_BATCH_CHARS = 1000, 4_000_000
"""Tasks written per batch by :meth:`WorkspaceStore.import_task_stream`: at most this many,
and no more once their texts reach this many characters."""
BUNDLE_COLUMNS = (
    "id", "source", "kind", "project", "assignment", "created_at", "manifest", "manifest_sha256",
    "manifest_raw", "signature", "server_card", "sealed", "guidelines",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class BundleRecord:
    """A bundle as stored: for signed bundles, the exact verified manifest and signature
    (returned to the server inside result bundles) and the sealed server-only section."""

    id: str
    source: str
    kind: str = "local"
    project: str = ""
    assignment: str | None = None
    created_at: str | None = None
    manifest_json: str = "{}"
    manifest_sha256: str | None = None
    manifest_raw: bytes | None = None
    signature: bytes | None = None
    server_card: str | None = None
    sealed: bytes | None = None
    guidelines: str = ""


IMPORT_CACHE_KIB = 64 * 1024
"""SQLite's page cache while an import writes (64 MiB; the connection's own size is back
once it is done). The one transaction of a large import outgrows the default cache
(8 MiB): pages then spill to the WAL, and are spilled again when changed again, and the
commit re-reads every frame from the first one spilled twice to rewrite the checksums.
At 100,000 tasks that was a third of SQLite's time; 64 MiB keeps the pages still being
written (the B-trees' right edges, the indexes) in memory, and more gains nothing."""


@contextlib.contextmanager
def _import_cache(db: sqlite_utils.Database) -> Iterator[None]:
    """The connection's page cache at :data:`IMPORT_CACHE_KIB` inside, as it was after."""
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def _open(path: Path, key: bytes) -> sqlite_utils.Database:
    return open_migrated(path, key, lambda db: migrate(db, path=str(path)), page_size=PAGE_SIZE)


class _Locked:
    """Stands in for the connection while the workspace is locked: any use is an error,
    never a silent read through a connection that no longer holds the key."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __getattr__(self, name: str) -> Any:
        raise WorkspaceLockedError(f"{self._path} is locked.")


PAGE_SIZE = 16384
"""The page size of a new workspace database. Its rows are long texts (responses of one
to four kilobytes): a page of 4 KiB holds one or two and leaves a quarter of itself
empty, and every page carries its own authentication code. At 16 KiB a 100,000-task
workspace is a sixth smaller (959 to 803 MB) and its import writes it with a fifth less
of SQLite's CPU. Workspaces made with SQLCipher's 4 KiB pages open as they are
(:func:`~docket.store.db.open_encrypted` tries both sizes)."""


class WorkspaceStore:
    """An open workspace database; :meth:`close` locks it, :meth:`reopen` unlocks it."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self.path = path
        self._schemas: dict[str, Schema] = {}

    @classmethod
    def open(cls, path: str | Path, key: bytes) -> WorkspaceStore:
        """Open or create the database at ``path``; migrates it to the current version."""
        path = Path(path)
        return cls(_open(path, key), path)

    def close(self) -> None:
        """Checkpoint and close the connection (SQLCipher wipes the key it held). Any use
        afterwards raises :class:`WorkspaceLockedError` until :meth:`reopen`."""
        if self.locked:
            return
        db, self._db = self._db, cast(sqlite_utils.Database, _Locked(self.path))
        self._schemas.clear()
        close_checkpointed(db, self.path)

    @property
    def locked(self) -> bool:
        return isinstance(self._db, _Locked)

    def reopen(self, key: bytes) -> None:
        """Open the same database again with ``key`` (after :meth:`close`)."""
        if self.locked:
            self._db = _open(self.path, key)

    # --- metadata ------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with translated_errors(self.path):
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with translated_errors(self.path), write_transaction(self._db):
            self._set_meta(key, value)

    def _set_meta(self, key: str, value: str) -> None:
        # One statement (sqlite-utils' upsert first inspects the schema: four queries).
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- tasks ---------------------------------------------------------------------------

    def add_tasks(
        self,
        bundle_id: str,
        tasks: Sequence[tuple[Task, Schema]],
        *,
        source: str,
        guidelines: str = "",
        suggestions: Sequence[Suggestion] = (),
    ) -> ImportedTasks:
        """Add unsigned local tasks (tests, the demo): a bundle record of kind ``local``."""
        return self.import_tasks(
            BundleRecord(bundle_id, source, guidelines=guidelines), tasks, suggestions=suggestions
        )

    def import_tasks(
        self,
        record: BundleRecord,
        tasks: Sequence[tuple[Task, Schema]],
        *,
        before_commit: Callable[[], None] | None = None,
        reviews: Mapping[str, Mapping[str, Any]] | None = None,
        calibration: Mapping[str, Mapping[str, Any]] | None = None,
        suggestions: Sequence[Suggestion] = (),
    ) -> ImportedTasks:
        """Store a bundle and its tasks in one transaction: all of it, or (on any error) none.

        ``suggestions`` (an AI judge's answers to some of its tasks) replace those the
        tasks had; each must name a task of the bundle and validate against its form.

        The same bundle again changes nothing. A newer bundle for the same assignment
        replaces that assignment's tasks: tasks it keeps are updated in place with their
        answers, new ones are added, and dropped ones are removed unless already answered.
        """

        def produce(add: Callable[[Task, Schema], None]) -> None:
            for task, schema in tasks:
                add(task, schema)

        return self.import_task_stream(
            record,
            produce,
            before_commit=before_commit,
            reviews=reviews,
            calibration=calibration,
            suggestions=suggestions,
        )

    def import_task_stream(
        self,
        record: BundleRecord,
        produce: Callable[[Callable[[Task, Schema], None]], None],
        *,
        before_commit: Callable[[], None] | None = None,
        reviews: Mapping[str, Mapping[str, Any]] | None = None,
        calibration: Mapping[str, Mapping[str, Any]] | None = None,
        suggestions: Sequence[Suggestion] = (),
    ) -> ImportedTasks:
        """:meth:`import_tasks` for more tasks than memory should hold: ``produce(add)``
        calls ``add(task, schema)`` once per task, in bundle order, and the tasks are
        written in batches inside the one transaction, which commits only once ``produce``
        has returned (so a bundle it verifies as it goes is committed only once verified)
        and ``before_commit`` has not raised. The same rules as :meth:`import_tasks`."""
        suggested = suggestions_by_task(suggestions)

        def produce_rows(base: int, add_rows: Callable[[TaskRows], None]) -> None:
            batch: list[tuple[Task, Schema]] = []
            chars = written = 0

            def add(task: Task, schema: Schema) -> None:
                nonlocal chars, written
                batch.append((task, schema))
                chars += sum(len(r.text) for r in task.responses) + len(task.prompt)
                if len(batch) >= TASK_BATCH or chars >= TASK_BATCH_CHARS:
                    add_rows(task_rows(record.id, batch, base + written, suggested))
                    written += len(batch)
                    batch.clear()
                    chars = 0

            produce(add)
            add_rows(task_rows(record.id, batch, base + written, suggested))
            if (error := unclaimed_suggestion(suggested)) is not None:
                raise error

        return self.import_task_rows(
            record,
            produce_rows,
            before_commit=before_commit,
            reviews=reviews,
            calibration=calibration,
        )

    def import_task_rows(
        self,
        record: BundleRecord,
        produce_rows: Callable[[int, Callable[[TaskRows], None]], None],
        *,
        before_commit: Callable[[], None] | None = None,
        reviews: Mapping[str, Mapping[str, Any]] | None = None,
        calibration: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> ImportedTasks:
        """:meth:`import_task_stream` for tasks that come as rows already built
        (:func:`~docket.core.task_rows.task_rows`, by another process for a large bundle):
        ``produce_rows(base, add_rows)`` calls ``add_rows`` once per batch, in bundle
        order, the positions numbered from ``base``, and raises if the bundle fails a
        check. The one transaction commits only once it has returned and
        ``before_commit`` has not raised; the same rules as :meth:`import_tasks`."""
        at = now_iso()
        with (
            translated_errors(self.path),
            _import_cache(self._db),
            writing_alone(self._db),
            write_transaction(self._db),
        ):
            if self._db.execute("SELECT 1 FROM bundles WHERE id = ?", (record.id,)).fetchone():
                return ImportedTasks(record.id, "unchanged", 0, 0, 0)
            previous = self._previous_of(record)
            self._db.execute(
                "INSERT INTO bundles (id, source, manifest, guidelines, imported_at, kind, "
                "project, assignment, created_at, manifest_sha256, manifest_raw, signature, "
                "server_card, "
                "sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id, record.source, record.manifest_json, record.guidelines, at,
                    record.kind, record.project, record.assignment, record.created_at,
                    record.manifest_sha256, record.manifest_raw, record.signature,
                    record.server_card, record.sealed,
                ),
            )  # fmt: skip
            existing = {
                task_id: bundle_id
                for task_id, bundle_id in self._db.execute("SELECT id, bundle_id FROM tasks")
            }
            replaced = {previous} if previous else set()
            base = self._db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM tasks").fetchone()[
                0
            ]
            if previous:
                base = self._db.execute(
                    "SELECT COALESCE(MIN(position), 0) FROM tasks WHERE bundle_id = ?", (previous,)
                ).fetchone()[0]
            kept: set[str] = set()
            clashes: list[str] = []

            def add_rows(rows: TaskRows) -> None:
                if existing:
                    clashes.extend(
                        t for t in rows.ids if t in existing and existing[t] not in replaced
                    )
                kept.update(rows.ids)
                if not clashes:  # no more writing: the import fails once all are counted
                    again = {t for t in rows.ids if t in existing} if existing else set()
                    self._write_rows(rows, update=again)

            produce_rows(base, add_rows)
            if clashes:
                raise BundleError(
                    f"Task id {clashes[0]!r} already belongs to another bundle in this workspace "
                    f"({len(clashes)} clash{'es' if len(clashes) > 1 else ''}).",
                    hint="Import this bundle into its own workspace.",
                )
            removed = 0
            if previous:
                removed = self._drop_unanswered(previous, kept)
                self._db.execute(
                    "UPDATE bundles SET superseded_by = ? WHERE id = ?", (record.id, previous)
                )
                # Tasks the new bundle dropped but the reviewer already worked on stay,
                # under the new bundle, so their answers are exported with it.
                self._db.execute(
                    "UPDATE tasks SET bundle_id = ? WHERE bundle_id = ?", (record.id, previous)
                )
            updated = len(kept & existing.keys())
            audit.append(
                self._db,
                at,
                "import",
                record.id,
                {
                    "source": record.kind,
                    "tasks": len(kept),
                    "replaces": previous,
                    "sha256": record.manifest_sha256,
                },
            )
            for task_id, review in (reviews or {}).items():
                self._db.execute(
                    "INSERT OR REPLACE INTO reviews (task_id, body) VALUES (?, ?)",
                    (task_id, canonical_json(dict(review))),
                )
            for task_id, expected in (calibration or {}).items():
                self._db.execute(
                    "INSERT OR REPLACE INTO calibration (task_id, body) VALUES (?, ?)",
                    (task_id, canonical_json(dict(expected))),
                )
            if before_commit is not None:
                before_commit()  # may raise (a cancel): the whole transaction rolls back
        status = "updated" if previous else "imported"
        return ImportedTasks(record.id, status, len(kept) - updated, updated, removed)

    def _previous_of(self, record: BundleRecord) -> str | None:
        if not record.assignment:
            return None
        row = self._db.execute(
            "SELECT id, created_at FROM bundles WHERE assignment = ? AND server_card = ? "
            "AND superseded_by IS NULL",
            (record.assignment, record.server_card),
        ).fetchone()
        if row is None:
            return None
        if (record.created_at or "") <= (row[1] or ""):
            raise BundleError(
                f"This bundle ({record.created_at}) is older than the one already imported for "
                f"the same assignment ({row[1]}).",
                hint="Import the newest bundle you received; nothing was changed.",
            )
        return str(row[0])

    def _drop_unanswered(self, bundle_id: str, kept: set[str]) -> int:
        gone = [
            task_id
            for (task_id,) in self._db.execute(
                "SELECT id FROM tasks WHERE bundle_id = ? AND id NOT IN "
                "(SELECT DISTINCT task_id FROM answers) AND id NOT IN (SELECT task_id FROM edits) "
                "AND id NOT IN (SELECT task_id FROM drafts)",
                (bundle_id,),
            )
            if task_id not in kept
        ]
        for task_id in gone:
            self._db.execute("DELETE FROM responses WHERE task_id = ?", (task_id,))
            self._db.execute("DELETE FROM calibration WHERE task_id = ?", (task_id,))
            self._db.execute("DELETE FROM suggestions WHERE task_id = ?", (task_id,))
            self._db.execute("DELETE FROM suggestion_accepted WHERE task_id = ?", (task_id,))
            self._db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
        return len(gone)

    def _write_rows(self, rows: TaskRows, *, update: set[str]) -> None:
        """Write a batch of rows; the tasks in ``update`` are already in the workspace (same
        task, new content: their status, time and answers kept, their responses new)."""
        conn = self._db.conn
        conn.executemany(
            "INSERT OR IGNORE INTO schemas (id, body) VALUES (?, ?)", list(rows.schemas.values())
        )
        task_rows = rows.tasks
        if update:
            for task_id in update:
                self._db.execute("DELETE FROM responses WHERE task_id = ?", (task_id,))
            conn.executemany(
                "UPDATE tasks SET bundle_id = ?, position = ?, prompt = ?, conversation = ?, "
                "schema_id = ?, meta = ?, documents = ?, spans = ?, search_text = ?, pii = ?, "
                "formulas_done = 0 WHERE id = ?",
                [(*row[1:], row[0]) for row in task_rows if row[0] in update],
            )
            task_rows = [row for row in task_rows if row[0] not in update]
        # Plain prepared statements (sqlite-utils' insert_all inspects every row).
        conn.executemany(
            f"INSERT INTO tasks ({', '.join(TASK_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(TASK_COLUMNS))})",
            task_rows,
        )
        conn.executemany(
            "INSERT INTO responses (task_id, id, position, text, model) VALUES (?, ?, ?, ?, ?)",
            rows.responses,
        )
        # A batch's tasks keep only the suggestions this bundle gives them.
        conn.executemany("DELETE FROM suggestions WHERE task_id = ?", [(t,) for t in rows.ids])
        conn.executemany(
            "INSERT INTO suggestions (task_id, agent, position, body) VALUES (?, ?, ?, ?)",
            rows.suggestions,
        )

    def change_stamp(self) -> tuple[int, int, int]:
        """Differs from an earlier stamp whenever the database may have changed since:
        this connection (a new one after unlocking), the rows it has changed
        (``total_changes``), and SQLite's ``data_version`` (commits by other connections,
        such as a worker thread's or another process's)."""
        with translated_errors(self.path):
            conn = self._db.conn
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            return id(conn), int(conn.total_changes), int(version)

    def suggestion(self, task_id: str) -> Suggestion | None:
        """The suggestion a reviewer is shown for a task: the first the bundle carries
        for it (None when it carries none)."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT body FROM suggestions WHERE task_id = ? ORDER BY position LIMIT 1",
                (task_id,),
            ).fetchone()
        return None if row is None else Suggestion.from_json(json.loads(row[0]))

    def accepted(self, task_id: str) -> tuple[str, ...]:
        """The questions whose suggested value the reviewer accepted (under ``before``)."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT accepted FROM suggestion_accepted WHERE task_id = ?", (task_id,)
            ).fetchone()
        return () if row is None else tuple(json.loads(row[0]))

    def set_accepted(self, task_id: str, accepted: Sequence[str]) -> None:
        """Record which suggested questions the reviewer has accepted, as they stand."""
        with translated_errors(self.path), write_transaction(self._db):
            if self._db.execute("SELECT 1 FROM tasks WHERE id = ?", (task_id,)).fetchone() is None:
                raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
            self._db.execute(
                "INSERT INTO suggestion_accepted (task_id, accepted) VALUES (?, ?) "
                "ON CONFLICT (task_id) DO UPDATE SET accepted = excluded.accepted",
                (task_id, json.dumps(list(accepted))),
            )

    def first_answer(self, task_id: str) -> dict[str, Any] | None:
        """The task's first submitted answers (the blind ones under ``after-answer``)."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT body FROM answers WHERE task_id = ? ORDER BY revision LIMIT 1", (task_id,)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def suggestion_record(self, task_id: str) -> SuggestionRecord | None:
        """The record of the suggestion carried by the task's latest answer, if any."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT suggestion FROM answers WHERE task_id = ? ORDER BY revision DESC LIMIT 1",
                (task_id,),
            ).fetchone()
        if row is None or row[0] is None:
            return None
        return SuggestionRecord.from_json(json.loads(row[0]))

    def bundle(self, bundle_id: str) -> BundleRecord:
        with translated_errors(self.path):
            row = self._db.execute(
                f"SELECT {', '.join(BUNDLE_COLUMNS)} FROM bundles WHERE id = ?", (bundle_id,)
            ).fetchone()
        if row is None:
            raise WorkspaceError(f"There is no bundle {bundle_id!r} in this workspace.")
        return BundleRecord(*row)

    def active_bundles(self, kind: str | None = None) -> list[BundleRecord]:
        """Bundles not superseded by a newer one for the same assignment, oldest first."""
        query = f"SELECT {', '.join(BUNDLE_COLUMNS)} FROM bundles WHERE superseded_by IS NULL"
        args: tuple[str, ...] = ()
        if kind:
            query += " AND kind = ?"
            args = (kind,)
        with translated_errors(self.path):
            return [
                BundleRecord(*row)
                for row in self._db.execute(query + " ORDER BY imported_at", args)
            ]

    def task_count(self) -> int:
        with translated_errors(self.path):
            return int(self._db.execute("SELECT count(*) FROM tasks").fetchone()[0])

    def task_ids(self) -> list[str]:
        with translated_errors(self.path):
            return [r[0] for r in self._db.execute("SELECT id FROM tasks ORDER BY position")]

    def tasks(self) -> Iterator[Task]:
        """Every task in bundle order, with its current status."""
        with translated_errors(self.path):
            responses: dict[str, list[Response]] = {}
            for task_id, rid, text, model in self._db.execute(
                "SELECT task_id, id, text, model FROM responses ORDER BY task_id, position"
            ):
                responses.setdefault(task_id, []).append(Response(rid, text, model))
            rows = self._db.execute(
                "SELECT id, conversation, meta, status, documents, spans, pii FROM tasks "
                "ORDER BY position"
            ).fetchall()
        for task_id, conversation, meta, status, documents, spans, pii in rows:
            yield _task(
                task_id, conversation, meta, status, responses[task_id], documents, spans, pii
            )

    def responses_of(self, task_id: str) -> list[Response]:
        """The task's responses in the bundle's order (inside ``translated_errors``)."""
        return [
            Response(rid, text, model)
            for rid, text, model in self._db.execute(
                "SELECT id, text, model FROM responses WHERE task_id = ? ORDER BY position",
                (task_id,),
            )
        ]

    def task(self, task_id: str) -> Task:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT id, conversation, meta, status, documents, spans, pii FROM tasks "
                "WHERE id = ?",
                (task_id,),
            ).fetchone()
            if row is None:
                raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
            responses = self.responses_of(task_id)
        task_id, conversation, meta, status, documents, spans, pii = row
        return _task(task_id, conversation, meta, status, responses, documents, spans, pii)

    def schema(self, task_id: str) -> Schema:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT s.id, s.body FROM tasks t JOIN schemas s ON s.id = t.schema_id "
                "WHERE t.id = ?",
                (task_id,),
            ).fetchone()
        if row is None:
            raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
        schema_id, body = row
        if schema_id not in self._schemas:
            self._schemas[schema_id] = Schema.loads(body)
        return self._schemas[schema_id]

    def guidelines(self, task_id: str) -> str:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT b.guidelines FROM tasks t JOIN bundles b ON b.id = t.bundle_id "
                "WHERE t.id = ?",
                (task_id,),
            ).fetchone()
        if row is None:
            raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
        return str(row[0])

    # --- answers -------------------------------------------------------------------------

    def display_order(self, reviewer: str, task_id: str) -> DisplayOrder:
        return display_order(reviewer, task_id, self.task(task_id).response_ids)

    def record(
        self,
        reviewer: str,
        task_id: str,
        answers: Mapping[str, Any],
        *,
        time_spent_s: float = 0.0,
        also: Callable[[], None] | None = None,
    ) -> Answer:
        """Validate ``answers`` against the task's schema and commit them as the task's
        next revision, with the reviewer's display order and an audit entry, in one
        transaction. Raises :class:`AnswerValidationError` (nothing saved) if invalid.

        ``also`` runs inside that same transaction (the review window folds the task's
        draft into the record there), so the record and its side effects land together."""
        task = self.task(task_id)
        schema = self.schema(task_id)
        validate_answers(
            schema,
            task.response_ids,
            answers,
            texts={r.id: r.text for r in task.responses},
            pii_texts=task_texts(task),
        )
        body = canonical_json(dict(answers))
        order = display_order(reviewer, task_id, task.response_ids)
        status = submitted_status(schema, answers)
        at = now_iso()
        with translated_errors(self.path), write_transaction(self._db):
            revision = (
                1
                + self._db.execute(
                    "SELECT COALESCE(MAX(revision), 0) FROM answers WHERE task_id = ?", (task_id,)
                ).fetchone()[0]
            )
            # The record of the suggestion the reviewer saw travels beside the answers.
            seen = record_for(
                schema.reveal_policy,
                self.suggestion(task_id),
                json.loads(body),
                first=self.first_answer(task_id),
                accepted=self.accepted(task_id),
            )
            self._db.execute(
                "INSERT INTO answers "
                "(task_id, revision, body, display_order, saved_at, time_spent_s, suggestion) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    task_id, revision, body, canonical_json(order.to_json()), at,
                    float(time_spent_s), None if seen is None else canonical_json(seen.to_json()),
                ),
            )  # fmt: skip
            self._db.execute(
                "UPDATE tasks SET status = ?, time_spent_s = time_spent_s + ? WHERE id = ?",
                (status.value, float(time_spent_s), task_id),
            )
            audit.append(
                self._db,
                at,
                "record",
                task_id,
                {"revision": revision, "answers_sha256": hashlib.sha256(body.encode()).hexdigest()},
            )
            if also is not None:
                also()
        return Answer(task_id, json.loads(body), revision, order, at, float(time_spent_s))

    def answer(self, task_id: str) -> Answer | None:
        """The latest committed revision, or None if the task has no answer yet."""
        with translated_errors(self.path):
            if self._db.execute("SELECT 1 FROM tasks WHERE id = ?", (task_id,)).fetchone() is None:
                raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
            row = self._db.execute(
                "SELECT revision, body, display_order, saved_at, time_spent_s FROM answers "
                "WHERE task_id = ? ORDER BY revision DESC LIMIT 1",
                (task_id,),
            ).fetchone()
        if row is None:
            return None
        revision, body, order, saved_at, spent = row
        return Answer(
            task_id,
            json.loads(body),
            revision,
            DisplayOrder.from_json(json.loads(order)),
            saved_at,
            spent,
        )

    def revisions(self, task_id: str) -> int:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT COALESCE(MAX(revision), 0) FROM answers WHERE task_id = ?", (task_id,)
            ).fetchone()
        return int(row[0])

    def bundle_of(self, task_id: str) -> str | None:
        """The id of the bundle a task came in."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT bundle_id FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def calibration(self, task_id: str) -> dict[str, Any] | None:
        """For a task of a calibration round: its expected answers and explanation."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT body FROM calibration WHERE task_id = ?", (task_id,)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def review(self, task_id: str) -> dict[str, Any] | None:
        """For a task under adjudication: every reviewer's answer and the agreement."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT body FROM reviews WHERE task_id = ?", (task_id,)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def latest_answers(self, bundle_id: str) -> list[dict[str, Any]]:
        """The latest revision of every answered task of a bundle, as result-bundle rows."""
        with translated_errors(self.path):
            rows = self._db.execute(
                "SELECT a.task_id, a.revision, a.body, a.display_order, a.saved_at, "
                "t.time_spent_s, t.status, a.suggestion "
                "FROM answers a JOIN tasks t ON t.id = a.task_id "
                "WHERE t.bundle_id = ? AND a.revision = "
                "(SELECT MAX(revision) FROM answers WHERE task_id = a.task_id) ORDER BY t.position",
                (bundle_id,),
            ).fetchall()
        out: list[dict[str, Any]] = []
        for task_id, revision, body, order, saved_at, spent, status, seen in rows:
            row = {
                "task_id": task_id,
                "revision": revision,
                "answers": json.loads(body),
                "display_order": json.loads(order),
                "saved_at": saved_at,
                "time_spent_s": spent,
                "status": status,
            }
            if seen is not None:
                row["suggestion"] = json.loads(seen)
            out.append(row)
        return out

    # --- exports -------------------------------------------------------------------------

    def last_export(self) -> tuple[int, str] | None:
        """``(sequence, manifest sha256)`` of the latest result bundle, or None."""
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT sequence, manifest_sha256 FROM exports ORDER BY sequence DESC LIMIT 1"
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def record_export(
        self,
        sequence: int,
        bundle_id: str,
        answered: str,
        manifest_sha256: str,
        answers: int,
        path: str,
    ) -> None:
        at = now_iso()
        with translated_errors(self.path), write_transaction(self._db):
            self._db.execute(
                "INSERT INTO exports (sequence, bundle_id, answered_bundle, manifest_sha256, "
                "created_at, answers, path) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sequence, bundle_id, answered, manifest_sha256, at, answers, path),
            )
            audit.append(
                self._db,
                at,
                "export",
                bundle_id,
                {
                    "sequence": sequence,
                    "answered": answered,
                    "answers": answers,
                    "sha256": manifest_sha256,
                },
            )

    # --- audit ---------------------------------------------------------------------------

    def audit_entries(self) -> list[audit.AuditEntry]:
        with translated_errors(self.path):
            return audit.entries(self._db)

    def verify_audit(self) -> int:
        with translated_errors(self.path):
            return audit.verify(self._db)

    def integrity_check(self) -> str:
        with translated_errors(self.path):
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


def _task(
    task_id: str,
    conversation: str,
    meta: str,
    status: str,
    responses: list[Response],
    documents: str = "[]",
    spans: str = "[]",
    pii: str | None = None,
) -> Task:
    turns = tuple(Turn(Role(role), content) for role, content in json.loads(conversation))
    docs = tuple(Document(**d) for d in json.loads(documents)) if documents != "[]" else ()
    marked = tuple(Span.from_json(s) for s in json.loads(spans)) if spans != "[]" else ()
    return Task(
        task_id,
        turns,
        tuple(responses),
        TaskStatus(status),
        json.loads(meta),
        documents=docs,
        spans=marked,
        pii=None if pii is None else tuple(Finding.from_json(f) for f in json.loads(pii)),
    )
