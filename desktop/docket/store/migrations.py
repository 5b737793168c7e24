"""Schema migrations keyed on ``PRAGMA user_version``.

Each migration runs in its own transaction together with the ``user_version`` bump, so a
crash mid-migration leaves the previous version intact. A workspace from a newer Docket
is refused rather than guessed at. To change the schema, append a function to
:data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from docket.errors import NewerWorkspaceError
from docket.store.db import write_transaction


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("bundles").create(
        {
            "id": str,
            "source": str,
            "manifest": str,
            "guidelines": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"source", "manifest", "guidelines", "imported_at"},
    )
    db.table("schemas").create({"id": str, "body": str}, pk="id", not_null={"body"})
    db.table("tasks").create(
        {
            "id": str,
            "bundle_id": str,
            "position": int,
            "prompt": str,
            "conversation": str,
            "schema_id": str,
            "meta": str,
            "status": str,
            "time_spent_s": float,
        },
        pk="id",
        not_null={
            "bundle_id",
            "position",
            "prompt",
            "conversation",
            "schema_id",
            "meta",
            "status",
            "time_spent_s",
        },
        defaults={"meta": "{}", "status": "new", "time_spent_s": 0.0},
        foreign_keys=[("bundle_id", "bundles", "id"), ("schema_id", "schemas", "id")],
    )
    db.table("tasks").create_index(["bundle_id", "position"])
    db.table("responses").create(
        {"task_id": str, "id": str, "position": int, "text": str, "model": str},
        pk=("task_id", "id"),
        not_null={"position", "text"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.table("answers").create(
        {
            "task_id": str,
            "revision": int,
            "body": str,
            "display_order": str,
            "saved_at": str,
            "time_spent_s": float,
        },
        pk=("task_id", "revision"),
        not_null={"body", "display_order", "saved_at", "time_spent_s"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.table("audit").create(
        {
            "seq": int,
            "at": str,
            "action": str,
            "subject": str,
            "detail": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"at", "action", "subject", "detail", "prev_hash", "hash"},
    )
    # Answers and the audit log are append-only: a revision is never rewritten, an audit
    # entry never changed. (The hash chain detects what bypasses these triggers.)
    for table in ("answers", "audit"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )


def _v2_signed_bundles(db: sqlite_utils.Database) -> None:
    """Signed task bundles: what was verified at import, and the export chain."""
    for column, kind in (
        ("kind", "TEXT NOT NULL DEFAULT 'local'"),
        ("project", "TEXT NOT NULL DEFAULT ''"),
        ("assignment", "TEXT"),
        ("created_at", "TEXT"),
        ("manifest_sha256", "TEXT"),
        ("manifest_raw", "BLOB"),
        ("signature", "BLOB"),
        ("server_card", "TEXT"),
        ("sealed", "BLOB"),
        ("superseded_by", "TEXT"),
    ):
        db.execute(f"ALTER TABLE bundles ADD COLUMN {column} {kind}")
    db.execute("CREATE INDEX bundles_assignment ON bundles (assignment)")
    db.table("exports").create(
        {
            "sequence": int,
            "bundle_id": str,
            "answered_bundle": str,
            "manifest_sha256": str,
            "created_at": str,
            "answers": int,
            "path": str,
        },
        pk="sequence",
        not_null={"bundle_id", "answered_bundle", "manifest_sha256", "created_at", "answers"},
    )


def _v3_review_state(db: sqlite_utils.Database) -> None:
    """The review window: drafts with an undo history, skips with a reason."""
    db.table("drafts").create(
        {"task_id": str, "position": int, "updated_at": str},
        pk="task_id",
        not_null={"position", "updated_at"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.table("edits").create(
        {"task_id": str, "seq": int, "body": str},
        pk=("task_id", "seq"),
        not_null={"body"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.execute("ALTER TABLE tasks ADD COLUMN skip_reason TEXT")


def _v4_adjudication(db: sqlite_utils.Database) -> None:
    """Adjudication: each reviewer's answer to a task the lead settles."""
    db.table("reviews").create(
        {"task_id": str, "body": str},
        pk="task_id",
        not_null={"body"},
        foreign_keys=[("task_id", "tasks", "id")],
    )


def _v5_documents(db: sqlite_utils.Database) -> None:
    """Source documents a task carries (grounded answers), as canonical JSON."""
    db.execute("ALTER TABLE tasks ADD COLUMN documents TEXT NOT NULL DEFAULT '[]'")


def _v6_formulas(db: sqlite_utils.Database) -> None:
    """Typeset formulas, keyed by formula (see docket.render.typeset.formula_key), and
    which tasks have had theirs typeset (reset when a task's content changes)."""
    db.table("formulas").create({"key": str, "body": str}, pk="key", not_null={"body"})
    db.execute("ALTER TABLE tasks ADD COLUMN formulas_done INTEGER NOT NULL DEFAULT 0")


def _v7_prior_spans(db: sqlite_utils.Database) -> None:
    """Spans a task was packed with (suggestions for the reviewer), as canonical JSON."""
    db.execute("ALTER TABLE tasks ADD COLUMN spans TEXT NOT NULL DEFAULT '[]'")


def _v8_calibration(db: sqlite_utils.Database) -> None:
    """A calibration round's expected answers and explanation per task (canonical JSON),
    shown to the reviewer after answering it."""
    db.table("calibration").create({"task_id": str, "body": str}, pk="task_id", not_null={"body"})


def _v9_suggestions(db: sqlite_utils.Database) -> None:
    """An AI judge's suggestions per task (``Suggestion.to_json()``, in the bundle's
    order), the questions the reviewer accepted from one (under ``before``), and on each
    answer the record of the suggestion its reviewer saw (``SuggestionRecord.to_json()``;
    NULL when none was shown)."""
    db.table("suggestions").create(
        {"task_id": str, "agent": str, "position": int, "body": str},
        pk=("task_id", "agent"),
        not_null={"position", "body"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.table("suggestion_accepted").create(
        {"task_id": str, "accepted": str},
        pk="task_id",
        not_null={"accepted"},
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db.execute("ALTER TABLE answers ADD COLUMN suggestion TEXT")


def _v10_pii(db: sqlite_utils.Database) -> None:
    """The PII findings a task was packed with (``Finding.to_json()`` list, canonical
    JSON); NULL when the task was never scanned (the window scans it itself)."""
    db.execute("ALTER TABLE tasks ADD COLUMN pii TEXT")


def _v11_search_text(db: sqlite_utils.Database) -> None:
    """Each task's conversation and responses folded for search (case and accents
    ignored in every script: :func:`docket.core.text_fold.fold`), inside the encrypted
    database like the texts themselves. NULL until the first search fills it (folding
    every text at import would slow the import down for a search that may never come)."""
    db.execute("ALTER TABLE tasks ADD COLUMN search_text TEXT")


def _v12_search_index(db: sqlite_utils.Database) -> None:
    """An index of the folded search texts, so that a search over 100,000 tasks answers
    at once: FTS5 trigrams (any run of three characters or more, in every script),
    contentless and without positions (it holds which tasks contain each sequence of
    three characters, none of their text in order), inside the encrypted database like
    everything else. A task whose ``search_text`` is NULL is folded and indexed
    (:meth:`docket.store.review.ReviewStore.index_search`): every task, once."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS task_search USING fts5(text, "
        "tokenize = 'trigram case_sensitive 1', detail = none, content = '', "
        "contentless_delete = 1)"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS tasks_to_index ON tasks(position) WHERE search_text IS NULL"
    )
    db.execute("UPDATE tasks SET search_text = NULL WHERE search_text IS NOT NULL")


def _v13_exact_search_and_task_list(db: sqlite_utils.Database) -> None:
    """The search index with the position of every run of three characters (FTS5
    ``detail = full``), so that a query is answered by the index alone, exactly, without
    reading the tasks it names. Indexes for what the window reads as it opens and as the
    task list scrolls, so that none of it reads the tasks' texts: the list's narrow
    columns (position, id, status, time), the prompts' previews by position, and the
    tasks whose formulas wait to be typeset (the window counts them). The new search
    index is filled from the folded texts already kept (``search_text``), inside the
    database; tasks never folded wait for
    :meth:`docket.store.review.ReviewStore.index_search` as before."""
    db.execute("DROP TABLE IF EXISTS task_search")
    db.execute(
        "CREATE VIRTUAL TABLE task_search USING fts5(text, "
        "tokenize = 'trigram case_sensitive 1', detail = full, content = '', "
        "contentless_delete = 1)"
    )
    db.execute(
        "INSERT INTO task_search (rowid, text) SELECT rowid, "
        "replace(search_text, char(0), char(65535)) FROM tasks WHERE search_text IS NOT NULL"
    )
    db.execute("CREATE INDEX IF NOT EXISTS tasks_list ON tasks(position, id, status, time_spent_s)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS tasks_formulas_waiting ON tasks(position) "
        "WHERE formulas_done = 0"
    )
    # The prompt previews the list shows, by position: rows coming into view are read
    # from a few pages of this index rather than from a page of each task.
    db.execute(
        "CREATE INDEX IF NOT EXISTS tasks_previews ON tasks(position, substr(prompt, 1, 160))"
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_signed_bundles,
    _v3_review_state,
    _v4_adjudication,
    _v5_documents,
    _v6_formulas,
    _v7_prior_spans,
    _v8_calibration,
    _v9_suggestions,
    _v10_pii,
    _v11_search_text,
    _v12_search_index,
    _v13_exact_search_and_task_list,
]
CURRENT_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


Migration = Callable[[sqlite_utils.Database], None]


def migrate(
    db: sqlite_utils.Database,
    *,
    path: str = "the workspace",
    migrations: list[Migration] | None = None,
) -> int:
    """Bring the database to the last of ``migrations`` (the workspace's by default; the
    merged store passes its own); returns the version it started at."""
    steps = MIGRATIONS if migrations is None else migrations
    start = user_version(db)
    if start > len(steps):
        raise NewerWorkspaceError(
            f"{path} was written by a newer Docket (schema version {start}; this one "
            f"knows up to {len(steps)})."
        )
    for version in range(start, len(steps)):
        with write_transaction(db):
            # Re-check inside the lock: another process may have migrated meanwhile.
            if user_version(db) != version:
                continue
            steps[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
    # Another connection may have run the later steps while this one skipped them: its
    # schema cache would still hold the tables as they were, and SQLite compiles a
    # statement against that cache (an upsert then names a key the stale table lacks,
    # "ON CONFLICT clause does not match"). A statement that reads the schema makes
    # SQLite see the changed schema cookie and reload it.
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return start
