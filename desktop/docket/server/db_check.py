"""``docket db check`` and ``docket db quarantine``: the merged database's answers
against their tasks' forms, and setting aside the ones that fail.

Merge refuses an answer that does not fit its task, so a database merged by this version
holds none; one merged by an older version may. ``check`` lists every stored answer
that fails (the task is unknown, the display order names other responses, or the answers
fail the form's validator); ``quarantine`` moves those into the ``quarantine`` table with
the reason and the time (kept, never read as answers again), in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from docket.errors import DocketError
from docket.server.merged_store import MergedStore
from docket.server.result_checks import IssuedTask, row_problem
from docket.server.sql import upsert
from docket.store.db import translated_errors


@dataclass(frozen=True, slots=True)
class StoredProblem:
    reviewer: str
    reviewer_name: str
    project: str
    task_id: str
    revision: int
    reason: str


def _issued(store: MergedStore) -> dict[tuple[str, str], IssuedTask | str]:
    """(project, task id) -> the task as issued, or why it cannot be used."""
    out: dict[tuple[str, str], IssuedTask | str] = {}
    with translated_errors(store.path):
        rows = store.db.execute("SELECT project, id, task, schema FROM tasks").fetchall()
    for project, task_id, body, schema in rows:
        try:
            out[(project, task_id)] = IssuedTask.from_stored(json.loads(body), json.loads(schema))
        except (ValueError, KeyError, TypeError, DocketError):
            out[(project, task_id)] = "the stored task or its form is unreadable"
    return out


def find_problems(store: MergedStore) -> list[StoredProblem]:
    """Every stored answer, of every project, that does not fit its task."""
    tasks = _issued(store)
    problems = []
    with translated_errors(store.path):
        rows = store.db.execute(
            "SELECT a.reviewer, COALESCE(r.name, a.reviewer), a.project, a.task_id, a.revision, "
            "a.body, a.display_order, a.status FROM answers a LEFT JOIN reviewers r "
            "ON r.fingerprint = a.reviewer ORDER BY a.project, a.task_id, 2"
        ).fetchall()
    for fp, name, project, task_id, revision, body, order, status in rows:
        task = tasks.get((project, task_id))
        if task is None:
            reason: str | None = "the task is not in the merged task archive"
        elif isinstance(task, str):
            reason = task
        else:
            try:
                row = {"answers": json.loads(body), "display_order": json.loads(order)}
                reason = row_problem({**row, "status": status}, task)
            except ValueError:
                reason = "the stored answer is not valid JSON"
        if reason is not None:
            problems.append(StoredProblem(fp, name, project, task_id, int(revision), reason))
    return problems


def quarantine(store: MergedStore, problems: list[StoredProblem]) -> int:
    """Move these answers into ``quarantine`` (with the reason); returns how many moved."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    columns = ("reviewer", "project", "task_id", "revision", "body", "display_order",
               "saved_at", "time_spent_s", "status", "bundle", "suggestion")  # fmt: skip
    move = upsert(
        "quarantine",
        (*columns, "reason", "quarantined_at"),
        ("reviewer", "project", "task_id", "revision"),
        select=f"SELECT {', '.join(columns)}, ?, ? FROM answers "
        "WHERE reviewer = ? AND project = ? AND task_id = ? AND revision = ?",
    )

    def write() -> int:
        moved = 0
        for p in problems:
            key = (p.reviewer, p.project, p.task_id, p.revision)
            cursor = store.db.execute(move, (p.reason, at, *key))
            if cursor.rowcount:
                store.db.execute(
                    "DELETE FROM answers "
                    "WHERE reviewer = ? AND project = ? AND task_id = ? AND revision = ?",
                    key,
                )
                store.db.execute(
                    "DELETE FROM answer_facts WHERE reviewer = ? AND project = ? AND task_id = ?",
                    key[:3],
                )
                moved += 1
        return moved

    with translated_errors(store.path):
        return store.db.write(write)
