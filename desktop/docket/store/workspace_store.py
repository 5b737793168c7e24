"""Operations on one workspace database. Each validates, commits in one transaction,
writes its audit entry in that same transaction, and returns what changed.

The store holds all state (tasks, answers and their revisions, audit); the UI and the
``Workspace`` facade read through it and never keep domain state of their own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from docket.core.answers import Answer
from docket.core.display_order import DisplayOrder, display_order
from docket.core.schema import FlagsQuestion, Schema
from docket.core.tasks import Response, Role, Task, TaskStatus, Turn
from docket.core.validation import validate_answers
from docket.errors import UnknownTaskError
from docket.store import audit
from docket.store.db import open_encrypted, translated_errors, write_transaction
from docket.store.migrations import migrate


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class ImportedTasks:
    bundle_id: str
    added: int


class WorkspaceStore:
    """An open, unlocked workspace database."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self.path = path
        self._schemas: dict[str, Schema] = {}

    @classmethod
    def open(cls, path: str | Path, key: bytes) -> WorkspaceStore:
        """Open or create the database at ``path``; migrates it to the current version."""
        path = Path(path)
        db = open_encrypted(path, key)
        try:
            with translated_errors(path):
                migrate(db, path=str(path))
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    def close(self) -> None:
        with translated_errors(self.path):
            # Fold the WAL back into the main file so the directory is one file at rest.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    # --- metadata ------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with translated_errors(self.path):
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with translated_errors(self.path), write_transaction(self._db):
            self._db.table("meta").upsert({"key": key, "value": value}, pk="key")

    # --- tasks ---------------------------------------------------------------------------

    def add_tasks(
        self,
        bundle_id: str,
        tasks: Iterable[tuple[Task, Schema]],
        *,
        source: str,
        manifest: Mapping[str, Any] | None = None,
        guidelines: str = "",
    ) -> ImportedTasks:
        """Store a bundle's tasks in one transaction: all of them, or (on any error) none."""
        at = now_iso()
        with translated_errors(self.path), write_transaction(self._db):
            self._db.table("bundles").insert(
                {
                    "id": bundle_id,
                    "source": source,
                    "manifest": canonical_json(dict(manifest or {})),
                    "guidelines": guidelines,
                    "imported_at": at,
                }
            )
            base = self._db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM tasks").fetchone()[
                0
            ]
            count = 0
            task_rows: list[dict[str, Any]] = []
            response_rows: list[dict[str, Any]] = []
            schema_rows: dict[str, dict[str, str]] = {}
            for offset, (task, schema) in enumerate(tasks):
                body = schema.dumps()
                schema_id = hashlib.sha256(body.encode()).hexdigest()
                schema_rows[schema_id] = {"id": schema_id, "body": body}
                task_rows.append(
                    {
                        "id": task.id,
                        "bundle_id": bundle_id,
                        "position": base + offset,
                        "prompt": task.prompt,
                        "conversation": canonical_json(
                            [[t.role.value, t.content] for t in task.conversation]
                        ),
                        "schema_id": schema_id,
                        "meta": canonical_json(task.meta),
                        "status": TaskStatus.NEW.value,
                        "time_spent_s": 0.0,
                    }
                )
                response_rows.extend(
                    {
                        "task_id": task.id,
                        "id": r.id,
                        "position": i,
                        "text": r.text,
                        "model": r.model,
                    }
                    for i, r in enumerate(task.responses)
                )
                count += 1
            self._db.table("schemas").insert_all(schema_rows.values(), ignore=True)
            self._db.table("tasks").insert_all(task_rows)
            self._db.table("responses").insert_all(response_rows)
            audit.append(self._db, at, "import", bundle_id, {"source": source, "tasks": count})
        return ImportedTasks(bundle_id, count)

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
                "SELECT id, conversation, meta, status FROM tasks ORDER BY position"
            ).fetchall()
        for task_id, conversation, meta, status in rows:
            yield _task(task_id, conversation, meta, status, responses[task_id])

    def task(self, task_id: str) -> Task:
        with translated_errors(self.path):
            row = self._db.execute(
                "SELECT id, conversation, meta, status FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
            if row is None:
                raise UnknownTaskError(f"There is no task {task_id!r} in this workspace.")
            responses = [
                Response(rid, text, model)
                for rid, text, model in self._db.execute(
                    "SELECT id, text, model FROM responses WHERE task_id = ? ORDER BY position",
                    (task_id,),
                )
            ]
        task_id, conversation, meta, status = row
        return _task(task_id, conversation, meta, status, responses)

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
    ) -> Answer:
        """Validate ``answers`` against the task's schema and commit them as the task's
        next revision, with the reviewer's display order and an audit entry, in one
        transaction. Raises :class:`AnswerValidationError` (nothing saved) if invalid."""
        task = self.task(task_id)
        schema = self.schema(task_id)
        validate_answers(schema, task.response_ids, answers)
        body = canonical_json(dict(answers))
        order = display_order(reviewer, task_id, task.response_ids)
        status = _status_of(schema, answers)
        at = now_iso()
        with translated_errors(self.path), write_transaction(self._db):
            revision = (
                1
                + self._db.execute(
                    "SELECT COALESCE(MAX(revision), 0) FROM answers WHERE task_id = ?", (task_id,)
                ).fetchone()[0]
            )
            self._db.execute(
                "INSERT INTO answers "
                "(task_id, revision, body, display_order, saved_at, time_spent_s) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (task_id, revision, body, canonical_json(order.to_json()), at, float(time_spent_s)),
            )
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
    task_id: str, conversation: str, meta: str, status: str, responses: list[Response]
) -> Task:
    turns = tuple(Turn(Role(role), content) for role, content in json.loads(conversation))
    return Task(task_id, turns, tuple(responses), TaskStatus(status), json.loads(meta))


def _status_of(schema: Schema, answers: Mapping[str, Any]) -> TaskStatus:
    for q in schema.questions:
        if isinstance(q, FlagsQuestion):
            flags = answers.get(q.id) or {}
            if any(flags.get(k) for k in flags):
                return TaskStatus.FLAGGED
    return TaskStatus.DONE
