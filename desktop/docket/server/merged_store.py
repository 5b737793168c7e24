"""The server's merged database: every reviewer's latest answers, and what was merged.

SQLCipher, keyed from the server's secret key (HKDF, its own label), WAL with
``synchronous=FULL`` like a workspace. Per reviewer it keeps the chain state (every
sequence number seen with its bundle hash); per bundle, that it was merged; per
(reviewer, task), the answer with the highest revision. Task texts come from the
server's own archive written by ``docket pack`` (``merge --tasks``), for datasets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from docket.bundles.keys import SecretKey
from docket.store.db import close_checkpointed, open_migrated, translated_errors
from docket.store.migrations import Migration, migrate

MERGED_KEY_LABEL = b"docket/merged-db/v1"


def _v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("reviewers").create(
        {"fingerprint": str, "name": str, "card": str}, pk="fingerprint", not_null={"name", "card"}
    )
    # One chain per reviewer workspace: "<key fingerprint>/<workspace chain id>".
    db.table("chain").create(
        {"chain": str, "sequence": int, "hash": str, "previous": str},
        pk=("chain", "sequence"),
        not_null={"hash"},
    )
    db.table("merged").create(
        {
            "hash": str,
            "bundle_id": str,
            "reviewer": str,
            "sequence": int,
            "answered_bundle": str,
            "kind": str,
            "answers": int,
            "merged_at": str,
        },
        pk="hash",
        not_null={
            "bundle_id",
            "reviewer",
            "sequence",
            "answered_bundle",
            "kind",
            "answers",
            "merged_at",
        },
    )
    db.table("issued").create(
        {
            "bundle_id": str,
            "reviewer": str,
            "project": str,
            "manifest_sha256": str,
            "guidelines_sha256": str,
        },
        pk="bundle_id",
        not_null={"reviewer", "project", "manifest_sha256"},
    )
    db.table("answers").create(
        {
            "reviewer": str,
            "task_id": str,
            "project": str,
            "revision": int,
            "body": str,
            "display_order": str,
            "saved_at": str,
            "time_spent_s": float,
            "status": str,
            "bundle": str,
        },
        pk=("reviewer", "task_id"),
        not_null={
            "project",
            "revision",
            "body",
            "display_order",
            "saved_at",
            "time_spent_s",
            "status",
            "bundle",
        },
    )
    db.table("answers").create_index(["task_id"])
    db.table("gold").create({"task_id": str, "answers": str}, pk="task_id", not_null={"answers"})
    db.table("reference").create(
        {"task_id": str, "chosen": str, "rejected": str},
        pk="task_id",
        not_null={"chosen", "rejected"},
    )
    db.table("tasks").create(
        {"id": str, "project": str, "task": str, "schema": str, "guidelines_sha256": str},
        pk="id",
        not_null={"project", "task", "schema"},
    )


def _v2(db: sqlite_utils.Database) -> None:
    """Adjudicated verdicts: the lead's answer, which outranks the reviewers'."""
    db.table("adjudications").create(
        {
            "task_id": str,
            "lead": str,
            "revision": int,
            "body": str,
            "saved_at": str,
            "bundle": str,
        },
        pk="task_id",
        not_null={"lead", "revision", "body", "saved_at", "bundle"},
    )


MIGRATIONS: list[Migration] = [_v1, _v2]


@dataclass(frozen=True, slots=True)
class MergedAnswer:
    reviewer: str
    reviewer_name: str
    task_id: str
    project: str
    revision: int
    answers: dict[str, Any]
    display_order: dict[str, str]
    saved_at: str
    time_spent_s: float
    status: str


class MergedStore:
    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, server: SecretKey) -> MergedStore:
        path = Path(path)
        key = server.derived_key(MERGED_KEY_LABEL)
        return cls(
            open_migrated(path, key, lambda db: migrate(db, path=str(path), migrations=MIGRATIONS)),
            path,
        )

    def close(self) -> None:
        close_checkpointed(self.db, self.path)

    def __enter__(self) -> MergedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------

    def answers(self, task_id: str | None = None) -> Iterator[MergedAnswer]:
        query = (
            "SELECT a.reviewer, r.name, a.task_id, a.project, a.revision, a.body, a.display_order, "
            "a.saved_at, a.time_spent_s, a.status FROM answers a JOIN reviewers r "
            "ON r.fingerprint = a.reviewer"
        )
        args: tuple[str, ...] = ()
        if task_id is not None:
            query += " WHERE a.task_id = ?"
            args = (task_id,)
        with translated_errors(self.path):
            rows = self.db.execute(query + " ORDER BY a.task_id, r.name", args).fetchall()
        for fp, name, tid, project, revision, body, order, saved_at, spent, status in rows:
            yield MergedAnswer(
                fp,
                name,
                tid,
                project,
                revision,
                json.loads(body),
                json.loads(order),
                saved_at,
                spent,
                status,
            )

    def adjudications(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Per task, the lead's name and verdict."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT a.task_id, r.name, a.body FROM adjudications a JOIN reviewers r "
                "ON r.fingerprint = a.lead"
            ).fetchall()
        return {task_id: (name, json.loads(body)) for task_id, name, body in rows}

    def gold(self) -> dict[str, dict[str, Any]]:
        with translated_errors(self.path):
            return {
                tid: json.loads(body)
                for tid, body in self.db.execute("SELECT task_id, answers FROM gold")
            }

    def task(self, task_id: str) -> dict[str, Any] | None:
        with translated_errors(self.path):
            row = self.db.execute(
                "SELECT task, schema, guidelines_sha256 FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
        if row is None:
            return None
        task = json.loads(row[0])
        task["schema"] = json.loads(row[1])
        task["guidelines_sha256"] = row[2]
        return dict(task)

    def has_tasks(self) -> bool:
        with translated_errors(self.path):
            return self.db.execute("SELECT 1 FROM tasks LIMIT 1").fetchone() is not None

    def counts(self) -> dict[str, int]:
        queries = {
            "reviewers": "SELECT count(*) FROM reviewers",
            "bundles": "SELECT count(*) FROM merged",
            "answers": "SELECT count(*) FROM answers",
            "tasks": "SELECT count(DISTINCT task_id) FROM answers",
        }
        with translated_errors(self.path):
            return {k: int(self.db.execute(q).fetchone()[0]) for k, q in queries.items()}

    def integrity_check(self) -> str:
        with translated_errors(self.path):
            return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
