"""The server's merged database: every reviewer's latest answers, and what was merged.

The embedded store: SQLCipher, keyed from the server's secret key (HKDF, its own label),
WAL with ``synchronous=FULL`` like a workspace. The team store: a PostgreSQL database
(``postgresql://...``, :mod:`docket.server.team_schema`), the same tables read and written
by the same SQL through :mod:`docket.server.sql`. Per reviewer it keeps the chain state (every
sequence number seen with its bundle hash); per bundle, that it was merged; per
(reviewer, task), the answer with the highest revision. Task texts come from the
server's own archive written by ``docket pack`` (``merge --tasks``), for datasets.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from docket.bundles.keys import SecretKey
from docket.core.bulk import fast_json_loads, paused_gc
from docket.core.pii import Finding
from docket.core.schema import Schema, default_schema
from docket.core.suggestions import Suggestion, SuggestionRecord
from docket.errors import DocketError, NewerWorkspaceError, WrongKeyError
from docket.server import team_schema
from docket.server.answer_facts import write_facts
from docket.server.result_checks import IssuedTask, row_problem
from docket.server.sql import Db, PostgresDb, SqliteDb, is_url
from docket.store.db import open_migrated, translated_errors
from docket.store.migrations import Migration, migrate

MERGED_KEY_LABEL = b"docket/merged-db/v1"
WRITE_WAIT_S = 600.0
"""How long a merge waits for the others' transactions (several ``docket merge`` at once on
one file: each bundle's transaction is short, but a queue of large ones can be long)."""


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


def _rebuild(db: sqlite_utils.Database, table: str, columns: str, key: str, copy: str) -> None:
    """SQLite cannot change a primary key: a new table, the rows copied, the old dropped."""
    db.execute(f"CREATE TABLE {table}_new ({columns}, PRIMARY KEY ({key}))")
    db.execute(f"INSERT INTO {table}_new {copy}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")


def _v3(db: sqlite_utils.Database) -> None:
    """Every task, answer, gold item and verdict belongs to a project: two projects' task
    ids may be equal and must never meet. Rows of older databases take their project
    from the task archive (or the answers) they belong to. Answers that fail their
    schema can be set aside in ``quarantine`` (kept, never read as answers)."""
    project_of = (
        "COALESCE((SELECT t.project FROM tasks t WHERE t.id = x.task_id), "
        "(SELECT a.project FROM answers a WHERE a.task_id = x.task_id LIMIT 1), '')"
    )
    _rebuild(
        db,
        "tasks",
        "id TEXT NOT NULL, project TEXT NOT NULL, task TEXT NOT NULL, schema TEXT NOT NULL, "
        "guidelines_sha256 TEXT",
        "project, id",
        "SELECT id, project, task, schema, guidelines_sha256 FROM tasks",
    )
    _rebuild(
        db,
        "gold",
        "project TEXT NOT NULL, task_id TEXT NOT NULL, answers TEXT NOT NULL",
        "project, task_id",
        f"SELECT {project_of}, x.task_id, x.answers FROM gold x",
    )
    _rebuild(
        db,
        "reference",
        "project TEXT NOT NULL, task_id TEXT NOT NULL, chosen TEXT NOT NULL, "
        "rejected TEXT NOT NULL",
        "project, task_id",
        f"SELECT {project_of}, x.task_id, x.chosen, x.rejected FROM reference x",
    )
    _rebuild(
        db,
        "adjudications",
        "project TEXT NOT NULL, task_id TEXT NOT NULL, lead TEXT NOT NULL, "
        "revision INTEGER NOT NULL, body TEXT NOT NULL, saved_at TEXT NOT NULL, "
        "bundle TEXT NOT NULL",
        "project, task_id",
        f"SELECT {project_of}, x.task_id, x.lead, x.revision, x.body, x.saved_at, x.bundle "
        "FROM adjudications x",
    )
    answer_columns = (
        "reviewer TEXT NOT NULL, project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "revision INTEGER NOT NULL, body TEXT NOT NULL, display_order TEXT NOT NULL, "
        "saved_at TEXT NOT NULL, time_spent_s FLOAT NOT NULL, status TEXT NOT NULL, "
        "bundle TEXT NOT NULL"
    )
    # ``checked``: validated against the task's form when merged. Rows of older databases
    # were not; the readers check them and skip (with a warning) those that fail.
    _rebuild(
        db,
        "answers",
        answer_columns + ", checked INTEGER NOT NULL DEFAULT 0",
        "reviewer, project, task_id",
        "SELECT reviewer, project, task_id, revision, body, display_order, saved_at, "
        "time_spent_s, status, bundle, 0 FROM answers",
    )
    db.execute("CREATE INDEX answers_project_task ON answers (project, task_id)")
    db.execute(
        f"CREATE TABLE quarantine ({answer_columns}, reason TEXT NOT NULL, "
        "quarantined_at TEXT NOT NULL, PRIMARY KEY (reviewer, project, task_id, revision))"
    )
    # Every audit log entry seen in a reviewer workspace's results: a later result must
    # agree with every earlier one, entry by entry (the log is only ever appended to).
    db.execute(
        "CREATE TABLE audit (chain TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, "
        "PRIMARY KEY (chain, seq))"
    )


def _v4(db: sqlite_utils.Database) -> None:
    """Answers to calibration rounds (training bundles of gold items): kept apart from
    ``answers``, so no agreement figure, disagreement, rating or dataset ever reads them.
    Each row keeps what it is scored against, as the server signed it in the answered
    bundle's sealed section: the expected answers and the task's answer form."""
    db.execute(
        "CREATE TABLE calibration (reviewer TEXT NOT NULL, project TEXT NOT NULL, "
        "task_id TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, "
        "display_order TEXT NOT NULL, saved_at TEXT NOT NULL, time_spent_s FLOAT NOT NULL, "
        "status TEXT NOT NULL, bundle TEXT NOT NULL, expected TEXT NOT NULL, "
        "schema TEXT NOT NULL, PRIMARY KEY (reviewer, project, task_id))"
    )


def _v5(db: sqlite_utils.Database) -> None:
    """What a reviewer did with the AI judge's suggestion they saw (a result row's
    ``"suggestion"``: agent, policy, first answer, accepted questions, revised), kept
    beside the answer it belongs to; NULL where none was shown."""
    db.execute("ALTER TABLE answers ADD COLUMN suggestion TEXT")
    db.execute("ALTER TABLE quarantine ADD COLUMN suggestion TEXT")


def _response_facts(t: str, source: str) -> str:
    """A SELECT of (project, task id, position, response id, model, characters) for every
    response of the tasks ``source`` names as ``t`` (a task that is not readable JSON, or
    whose responses are not a list, gives none)."""
    return (
        f"SELECT {t}.project, {t}.id, r.key, json_extract(r.value, '$.id'), "
        "json_extract(r.value, '$.model'), "
        "coalesce(length(json_extract(r.value, '$.text')), 0) "
        f"FROM {source}json_each(CASE WHEN json_valid({t}.task) AND "
        f"json_type({t}.task, '$.responses') = 'array' THEN {t}.task ELSE '{{}}' END, "
        "'$.responses') r WHERE json_type(r.value) = 'object'"
    )


_SUGGESTED = (
    "json_valid({t}.task) AND json_array_length(json_extract({t}.task, '$.suggestions')) > 0"
)
"""A task row that carries AI judges' suggestions (``docket pack --suggestions``)."""


def _v6(db: sqlite_utils.Database) -> None:
    """What readers need of the task archive without reading every task's text.

    ``responses``: per task, each response's id, model and length in characters, in the
    task's order; ``forms``: each distinct answer form once, and ``task_forms`` the form
    of each task. Triggers on ``tasks`` keep both (whatever writes a task, they follow);
    the tasks archived before fill them now. Reading every task's form or models then
    reads a few bytes per task instead of its whole text. ``suggested``: the tasks that
    carry suggestions, so that finding them reads those tasks only.
    ``answers_project_bundle``: answers counted per result bundle from an index."""
    db.execute(
        "CREATE TABLE responses (project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "position INTEGER NOT NULL, id TEXT, model TEXT, chars INTEGER NOT NULL, "
        "PRIMARY KEY (project, task_id, position))"
    )
    db.execute("CREATE TABLE forms (id INTEGER PRIMARY KEY, schema TEXT NOT NULL UNIQUE)")
    db.execute(
        "CREATE TABLE task_forms (project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "form INTEGER NOT NULL REFERENCES forms (id), PRIMARY KEY (project, task_id))"
    )
    db.execute(
        "CREATE TABLE suggested (project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "PRIMARY KEY (project, task_id))"
    )
    db.execute("INSERT INTO responses " + _response_facts("t", "tasks t, "))
    db.execute(
        f"INSERT INTO suggested SELECT project, id FROM tasks WHERE {_SUGGESTED.format(t='tasks')}"
    )
    db.execute("INSERT OR IGNORE INTO forms (schema) SELECT schema FROM tasks")
    db.execute(
        "INSERT INTO task_forms SELECT t.project, t.id, f.id FROM tasks t "
        "JOIN forms f ON f.schema = t.schema"
    )
    # No conflict clause in a trigger: the outer statement's (merge writes tasks with
    # INSERT OR REPLACE) would override it, replacing a form its tasks point at.
    form = (
        f"INSERT INTO suggested SELECT new.project, new.id WHERE {_SUGGESTED.format(t='new')}; "
        "INSERT INTO forms (schema) SELECT new.schema WHERE NOT EXISTS "
        "(SELECT 1 FROM forms WHERE schema = new.schema); "
        "INSERT INTO task_forms VALUES (new.project, new.id, "
        "(SELECT id FROM forms WHERE schema = new.schema));"
    )
    forget = (
        "DELETE FROM responses WHERE project = {t}.project AND task_id = {t}.id; "
        "DELETE FROM task_forms WHERE project = {t}.project AND task_id = {t}.id; "
        "DELETE FROM suggested WHERE project = {t}.project AND task_id = {t}.id;"
    )
    # Before an insert (INSERT OR REPLACE deletes the row it replaces without firing
    # delete triggers), after an update or a delete: the task's old responses go.
    db.execute(
        "CREATE TRIGGER tasks_responses_clear BEFORE INSERT ON tasks "
        f"BEGIN {forget.format(t='new')} END"
    )
    db.execute(
        "CREATE TRIGGER tasks_responses_insert AFTER INSERT ON tasks "
        f"BEGIN INSERT INTO responses {_response_facts('new', '')}; {form} END"
    )
    db.execute(
        "CREATE TRIGGER tasks_responses_update AFTER UPDATE OF id, project, task, schema "
        f"ON tasks BEGIN {forget.format(t='old')} "
        f"INSERT INTO responses {_response_facts('new', '')}; {form} END"
    )
    db.execute(
        "CREATE TRIGGER tasks_responses_delete AFTER DELETE ON tasks "
        f"BEGIN {forget.format(t='old')} END"
    )
    # Answers per result bundle (the guidelines each was given under) without reading them.
    db.execute("CREATE INDEX answers_project_bundle ON answers (project, bundle)")


def _v7(db: sqlite_utils.Database) -> None:
    """PII, from the server's task archive alone (``docket pack --pii``): per task, the
    findings in its texts as packed (``findings``, a JSON list; none once masked) and,
    where the project was packed with ``--pii mask``, each placeholder's original
    (``masks``, a JSON object). Never from a result bundle: what a reviewer marks or
    dismisses stays an answer."""
    db.execute(
        "CREATE TABLE pii (project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "findings TEXT NOT NULL, masks TEXT, PRIMARY KEY (project, task_id))"
    )


def _v8(db: sqlite_utils.Database) -> None:
    """What a task's source said, from the server's sealed section: ``priors`` (the
    labels a foreign format carried: a winner, ratings, its own annotations; see
    :mod:`docket.core.formats.base`) and ``originals`` (each opaque response id's
    original id, model and place in the source row), so that exports can write results
    back under the source's own names."""
    for table in ("priors", "originals"):
        db.execute(
            f"CREATE TABLE {table} (project TEXT NOT NULL, task_id TEXT NOT NULL, "
            "body TEXT NOT NULL, PRIMARY KEY (project, task_id))"
        )


def _v9(db: Db) -> None:
    """Answer facts (:mod:`docket.server.answer_facts`): per answer, one short text of
    the values it gives the agreement units, under the task's form (``form``, a
    ``forms`` id) over its number of responses, and the answer's revision. Written by
    ``docket merge`` with the answer. The answers merged before get theirs from the next
    version's fill (:func:`_v10`), in the table's final shape, once."""
    db.execute(
        "CREATE TABLE answer_facts (project TEXT NOT NULL, task_id TEXT NOT NULL, "
        "reviewer TEXT NOT NULL, revision INTEGER NOT NULL, form INTEGER NOT NULL, "
        "responses INTEGER NOT NULL, facts TEXT NOT NULL, "
        "PRIMARY KEY (project, task_id, reviewer))"
    )


def _v10(db: Db) -> None:
    """What the report reads of an answer beside its facts, so that it never decodes a
    million answers: the day it was saved (``day``, the first ten characters of its
    ISO time), the seconds spent (``seconds``) and which questions of the form it holds
    (``answered``, :func:`docket.server.answer_facts.answered`). Every checked answer's
    facts are written again with them (facts written by an older merge included, so
    that every row has the same shape)."""
    for column, kind in (("day", "TEXT"), ("seconds", "FLOAT"), ("answered", "TEXT")):
        db.execute(f"ALTER TABLE answer_facts ADD COLUMN {column} {kind}")
    db.execute("DELETE FROM answer_facts")
    fill_answer_facts(db)


def fill_answer_facts(db: Db, batch: int = 20_000) -> int:
    """Facts for every checked answer that has none (the migration's fill, read in
    batches; the caller's transaction). Returns how many were written."""
    forms: dict[int, Schema | None] = {}
    query = (
        "SELECT a.project, a.task_id, a.reviewer, a.revision, a.display_order, a.body, "
        "a.saved_at, a.time_spent_s "
        "FROM answers a WHERE a.checked = 1 AND NOT EXISTS (SELECT 1 FROM answer_facts f "
        "WHERE f.project = a.project AND f.task_id = a.task_id AND f.reviewer = a.reviewer)"
    )
    written = 0
    rows = db.stream(query)
    with paused_gc():
        while True:
            found = list(itertools.islice(rows, batch))
            if not found:
                break
            by_project: dict[str, list[Any]] = {}
            for project, task_id, reviewer, revision, order, body, saved_at, spent in found:
                try:
                    decoded = (fast_json_loads(order), fast_json_loads(body))
                except ValueError:
                    continue
                if isinstance(decoded[0], dict) and isinstance(decoded[1], dict):
                    by_project.setdefault(project, []).append(
                        (task_id, reviewer, revision, *decoded, saved_at, spent)
                    )
            for project, answers in by_project.items():
                written += write_facts(db, project, answers, forms)
    return written


EMBEDDED: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
"""The embedded store's first versions, in SQLite's own SQL (sqlite-utils, triggers over
its JSON functions). Never more: what comes next is :data:`PORTABLE`."""

PortableMigration = Callable[[Db], None]

PORTABLE: list[PortableMigration] = [_v9, _v10]
"""The migrations after :data:`EMBEDDED` (version 9 on), each written once in SQL that both
stores run (:mod:`docket.server.sql`: ``?`` placeholders, ``ON CONFLICT`` upserts, no JSON
functions, TEXT / INTEGER / FLOAT columns) and given the :class:`~docket.server.sql.Db`.
Each runs in one transaction with the version bump, on the embedded store (``PRAGMA
user_version``) and on the team store (``docket_schema``, created at
:data:`~docket.server.team_schema.BASELINE` = ``len(EMBEDDED)``). Append; never edit one
that has shipped."""


def _embedded(step: PortableMigration) -> Migration:
    """A portable migration as the embedded store's migration runner takes it."""

    def run(db: sqlite_utils.Database) -> None:
        step(SqliteDb(db, Path("merged.db")))

    run.__doc__ = step.__doc__
    return run


def migrations() -> list[Migration]:
    """Every migration of the embedded store (read when opening: :data:`PORTABLE` may grow)."""
    return [*EMBEDDED, *(_embedded(step) for step in PORTABLE)]


MIGRATIONS: list[Migration] = migrations()

OWNER_KEY = "server_key_check"
"""The ``meta`` row tying a team store to the server key that created it (an HMAC under
the merged store's key: it tells a wrong key without revealing the right one)."""


def _owner_check(server: SecretKey) -> str:
    key = server.derived_key(MERGED_KEY_LABEL)
    return hmac.new(key, b"docket/merged-db/owner", hashlib.sha256).hexdigest()


def migrate_team_store(db: Db, server: SecretKey) -> int:
    """Brings a PostgreSQL database to the current version (creating the schema in one
    transaction when it has none) and checks it belongs to ``server``; returns the version
    it started at. Concurrent openers wait for each other (an advisory lock)."""
    steps = PORTABLE
    latest = team_schema.BASELINE + len(steps)
    start = db.version()

    def step() -> int:
        version = db.version()
        if version > latest:
            raise NewerWorkspaceError(
                f"{db.label} was written by a newer Docket (schema version {version}; this "
                f"one knows up to {latest})."
            )
        if version == 0:
            team_schema.create_baseline(db)
            version = team_schema.BASELINE
        for index in range(version - team_schema.BASELINE, len(steps)):
            steps[index](db)
            team_schema.set_version(db, team_schema.BASELINE + index + 1)
        check = _owner_check(server)
        row = db.execute("SELECT value FROM meta WHERE key = ?", (OWNER_KEY,)).fetchone()
        if row is None:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (OWNER_KEY, check))
        elif not hmac.compare_digest(str(row[0]), check):
            raise WrongKeyError(f"{db.label} belongs to another server key.")
        return version

    if start == latest:  # the common case: nothing to write, only the owner to check
        row = db.execute("SELECT value FROM meta WHERE key = ?", (OWNER_KEY,)).fetchone()
        if row is not None:
            if not hmac.compare_digest(str(row[0]), _owner_check(server)):
                raise WrongKeyError(f"{db.label} belongs to another server key.")
            return start
    if start > latest:
        return step()
    db.write(step, lock="docket/schema")
    return start


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


@dataclass(frozen=True, slots=True)
class CalibrationAnswer:
    """A reviewer's answer to a calibration task, with its expected answers (in the
    bundle's response ids) and its answer form's JSON, as the server issued them."""

    reviewer: str
    reviewer_name: str
    task_id: str
    revision: int
    answers: dict[str, Any]
    display_order: dict[str, str]
    saved_at: str
    time_spent_s: float
    expected: dict[str, Any]
    schema: dict[str, Any]


class MergedStore:
    """The merged database, read one project at a time.

    ``project`` chooses which project the reading methods see; without it, the only
    project the database holds (a database holding several asks for one:
    :class:`~docket.errors.DocketError` naming them)."""

    def __init__(self, db: Db, project: str | None = None) -> None:
        self.db = db
        self.path: Path | str = db.path
        self.label = db.label
        """How messages name the database (its file name, or its URL)."""
        self._project = project
        self.warnings: list[str] = []
        """What the readers skipped (answers that do not fit their task), to tell the user."""
        self.facts_forms: dict[int, Schema | None] = {}
        """Forms parsed for writing answer facts, by ``forms`` id (they never change)."""

    @classmethod
    def open(
        cls, target: str | Path, server: SecretKey, *, project: str | None = None
    ) -> MergedStore:
        """The merged database ``target`` names: a ``postgresql://`` URL (the team store)
        or a file (the embedded store, created if missing), brought to the current schema."""
        if isinstance(target, str) and is_url(target):
            db = PostgresDb(target)
            try:
                migrate_team_store(db, server)
            except BaseException:
                db.close()
                raise
            return cls(db, project)
        path = Path(target)
        key = server.derived_key(MERGED_KEY_LABEL)
        steps = migrations()
        opened = open_migrated(
            path, key, lambda d: migrate(d, path=str(path), migrations=steps), wait_s=WRITE_WAIT_S
        )
        return cls(SqliteDb(opened, path), project)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> MergedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- projects ------------------------------------------------------------------------

    def projects(self) -> list[str]:
        """Every project with tasks, answers or calibration answers in the database."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT project FROM tasks UNION SELECT project FROM answers "
                "UNION SELECT project FROM calibration ORDER BY 1"
            ).fetchall()
        return [str(r[0]) for r in rows]

    @property
    def project(self) -> str:
        """The project the reading methods see (see the class docstring)."""
        if self._project is not None:
            return self._project
        found = self.projects()
        if len(found) > 1:
            raise DocketError(
                f"{self.label} holds several projects: {', '.join(found)}.",
                hint="Name one with --project.",
            )
        self._project = found[0] if found else ""
        return self._project

    def holds_project(self, project: str) -> bool:
        """Whether the server's task archive of ``project`` was merged."""
        with translated_errors(self.path):
            row = self.db.execute(
                "SELECT 1 FROM tasks WHERE project = ? LIMIT 1", (project,)
            ).fetchone()
        return row is not None

    # --- reading -------------------------------------------------------------------------

    def answers(
        self, task_id: str | None = None, *, tasks: Sequence[str] | None = None
    ) -> Iterator[MergedAnswer]:
        """The project's answers (of ``task_id``, or of the ``tasks`` named), in task order
        and by reviewer name within a task. One
        merged before answers were checked at merge (an older database) and that does not
        fit its task is skipped, and said in :attr:`warnings`.

        Read in one go (a million answers in seconds): one query, reviewers joined by
        row id and named from one small read, every JSON text decoded by the parser's C
        scanner, and Python's cycle collector paused while the objects are built (none of
        them can form a cycle, and a collection over millions of new objects is what
        costs most otherwise)."""
        # SQLite's row ids are small integers, cheaper than the fingerprints per row.
        who_key = "rowid" if self.db.dialect == "sqlite" else "fingerprint"
        query = (
            f"SELECT r.{who_key}, a.task_id, a.revision, a.body, a.display_order, a.saved_at, "
            "a.time_spent_s, a.status, a.checked FROM answers a JOIN reviewers r "
            "ON r.fingerprint = a.reviewer WHERE a.project = ?"
        )
        project = self.project
        args: tuple[str, ...] = (project,)
        if task_id is not None:
            query += " AND a.task_id = ?"
            args = (*args, task_id)
        with translated_errors(self.path):
            who = {
                rowid: (str(fp), str(name))
                for rowid, fp, name in self.db.execute(
                    f"SELECT {who_key}, fingerprint, name FROM reviewers"
                )
            }
            with paused_gc():
                if tasks is None:
                    rows = self.db.execute(query + " ORDER BY a.task_id, r.name", args).fetchall()
                else:  # a few tasks' answers, a few hundred tasks a query
                    rows = []
                    for start in range(0, len(tasks), 500):
                        chunk = tuple(tasks[start : start + 500])
                        rows += self.db.execute(
                            query + f" AND a.task_id IN ({', '.join('?' * len(chunk))})",
                            (*args, *chunk),
                        ).fetchall()
                    rows.sort(key=lambda row: (row[1], who[row[0]][1]))
            issued = self._issued({row[1] for row in rows if not row[8]})
        out: list[MergedAnswer] = []
        append = out.append
        loads = fast_json_loads
        with paused_gc():
            for rowid, tid, revision, body, order, saved_at, spent, status, ok in rows:
                fp, name = who[rowid]
                if not ok and not self._fits(issued, tid, body, order, status, f"{name}'s answer"):
                    continue
                append(
                    MergedAnswer(
                        fp,
                        name,
                        tid,
                        project,
                        revision,
                        loads(body),
                        loads(order),
                        saved_at,
                        spent,
                        status,
                    )
                )
            del rows
        return iter(out)

    def answer_fact_rows(
        self, *, wide: bool = False
    ) -> tuple[list[tuple[Any, ...]], dict[Any, tuple[str, str]]] | None:
        """The facts of every answer of the project (:mod:`docket.server.answer_facts`):
        (task id, reviewer key, form id, number of responses, facts) in task order, and
        each reviewer key's (fingerprint, name) (the key: SQLite's row id, or the
        fingerprint on the team store); ``None`` when some answer has no facts
        or facts of a form its task no longer has (the readers then decode the answers).
        ``wide`` adds the answer's day, seconds spent and the questions it holds (the
        report's columns) to each row.

        A few narrow columns per answer, never an answer's body."""
        project = self.project
        with translated_errors(self.path):
            (answers,) = self.db.execute(
                "SELECT count(*) FROM answers WHERE project = ?", (project,)
            ).fetchone()
            # SQLite's row ids are small integers, cheaper than the fingerprints per row.
            who_key = "rowid" if self.db.dialect == "sqlite" else "fingerprint"
            who = {
                rater: (str(fp), str(name))
                for rater, fp, name in self.db.execute(
                    f"SELECT {who_key}, fingerprint, name FROM reviewers"
                )
            }
            with paused_gc():
                # The form is that of the task now (NULL: no longer archived); one that
                # differs from the facts' makes them stale.
                extra = ", f.day, f.seconds, f.answered" if wide else ""
                rows = self.db.execute(
                    f"SELECT f.task_id, r.{who_key}, "
                    "CASE WHEN t.form = f.form THEN f.form ELSE NULL END, f.responses, f.facts"
                    f"{extra} FROM answer_facts f JOIN reviewers r ON r.fingerprint = f.reviewer "
                    "LEFT JOIN task_forms t ON t.project = f.project AND t.task_id = f.task_id "
                    "WHERE f.project = ? ORDER BY f.task_id",
                    (project,),
                ).fetchall()
        if len(rows) != answers or any(row[2] is None for row in rows):
            return None
        if wide and any(row[5] is None or row[6] is None or row[7] is None for row in rows):
            return None
        present = {row[1] for row in rows}
        return rows, {rater: who[rater] for rater in present}

    def _issued(self, task_ids: set[str]) -> dict[str, IssuedTask | str]:
        """The archived tasks among ``task_ids`` as issued (or why the stored task is
        unreadable), for checking answers merged without a check: a few queries, not
        one per task, and each distinct form parsed once."""
        forms: dict[str, Schema] = {}
        out: dict[str, IssuedTask | str] = {}
        wanted = sorted(task_ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                "SELECT id, task, schema FROM tasks WHERE project = ? "
                f"AND id IN ({', '.join('?' * len(chunk))})",
                (self.project, *chunk),
            ).fetchall()
            for tid, task, schema in rows:
                try:
                    form = forms.get(schema)
                    if form is None:
                        form = forms[schema] = Schema.loads(schema)
                    out[str(tid)] = IssuedTask(
                        tuple(str(r["id"]) for r in json.loads(task)["responses"]), form
                    )
                except (ValueError, KeyError, TypeError, DocketError) as exc:
                    out[str(tid)] = f"unreadable ({type(exc).__name__})"
        return out

    def _fits(
        self,
        issued: dict[str, IssuedTask | str],
        task_id: str,
        body: str,
        order: str,
        status: str,
        whose: str,
    ) -> bool:
        problem: str | None
        try:
            row = {"answers": json.loads(body), "display_order": json.loads(order)}
            task = issued.get(task_id)
            if isinstance(task, str):
                problem = task
            else:
                if task is None:  # no task archive: the default form over the responses
                    ids = tuple(sorted(str(v) for v in dict(row["display_order"]).values()))
                    task = IssuedTask(ids, default_schema(max(2, len(ids))))
                problem = row_problem({**row, "status": status}, task)
        except (ValueError, KeyError, TypeError, DocketError) as exc:
            problem = f"unreadable ({type(exc).__name__})"
        if problem is not None:
            self.warnings.append(
                f"skipped {whose} to task {task_id!r}, which does not fit it ({problem}); "
                "see `docket db check`"
            )
        return problem is None

    def calibration_answers(self) -> Iterator[CalibrationAnswer]:
        """The project's answers to calibration rounds, each with what it is scored
        against (never part of :meth:`answers`)."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT c.reviewer, r.name, c.task_id, c.revision, c.body, c.display_order, "
                "c.saved_at, c.time_spent_s, c.expected, c.schema FROM calibration c "
                "JOIN reviewers r ON r.fingerprint = c.reviewer WHERE c.project = ? "
                "ORDER BY c.task_id, r.name",
                (self.project,),
            ).fetchall()
        for fp, name, tid, revision, body, order, saved_at, spent, expected, schema in rows:
            yield CalibrationAnswer(
                fp,
                name,
                tid,
                revision,
                json.loads(body),
                json.loads(order),
                saved_at,
                spent,
                json.loads(expected),
                json.loads(schema),
            )

    def adjudications(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Per task, the lead's name and verdict."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT a.task_id, r.name, a.body FROM adjudications a JOIN reviewers r "
                "ON r.fingerprint = a.lead WHERE a.project = ?",
                (self.project,),
            ).fetchall()
        return {task_id: (name, json.loads(body)) for task_id, name, body in rows}

    def gold(self) -> dict[str, dict[str, Any]]:
        with translated_errors(self.path):
            return {
                tid: json.loads(body)
                for tid, body in self.db.execute(
                    "SELECT task_id, answers FROM gold WHERE project = ?", (self.project,)
                )
            }

    def priors(self) -> dict[str, dict[str, Any]]:
        """Per task, what its source said about the responses (``prior``), in the
        opaque response ids."""
        with translated_errors(self.path):
            return {
                tid: json.loads(body)
                for tid, body in self.db.execute(
                    "SELECT task_id, body FROM priors WHERE project = ?", (self.project,)
                )
            }

    def _originals(self, task_id: str) -> dict[str, dict[str, Any]]:
        with translated_errors(self.path):
            row = self.db.execute(
                "SELECT body FROM originals WHERE project = ? AND task_id = ?",
                (self.project, task_id),
            ).fetchone()
        if row is None:
            return {}
        return {rid: info for rid, info in json.loads(row[0]).items() if isinstance(info, dict)}

    def original_ids(self, task_id: str) -> dict[str, str]:
        """Opaque response id -> the id the source row gave it (empty if unknown)."""
        return {
            rid: str(info["id"])
            for rid, info in self._originals(task_id).items()
            if info.get("id") is not None
        }

    def source_position(self, task_id: str) -> Callable[[str], int]:
        """A sort key putting a task's opaque response ids in their source row's order
        (ids the archive does not know go last)."""
        positions = {
            rid: int(info["position"])
            for rid, info in self._originals(task_id).items()
            if isinstance(info.get("position"), int)
        }
        return lambda rid: positions.get(rid, len(positions))

    def task(self, task_id: str) -> dict[str, Any] | None:
        with translated_errors(self.path):
            row = self.db.execute(
                "SELECT task, schema, guidelines_sha256 FROM tasks WHERE project = ? AND id = ?",
                (self.project, task_id),
            ).fetchone()
        if row is None:
            return None
        task = json.loads(row[0])
        task["schema"] = json.loads(row[1])
        task["guidelines_sha256"] = row[2]
        return dict(task)

    def task_ids(self) -> list[str]:
        """The ids of the project's archived tasks."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT id FROM tasks WHERE project = ?", (self.project,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def pii_findings(self) -> dict[str, list[Finding]]:
        """Task id -> the PII findings its archive recorded at pack time (an empty list:
        scanned, none found or all masked), for the project's scanned tasks."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT task_id, findings FROM pii WHERE project = ?", (self.project,)
            ).fetchall()
        return {str(t): [Finding.from_json(f) for f in json.loads(body)] for t, body in rows}

    def pii_masks(self) -> dict[str, dict[str, str]]:
        """Task id -> placeholder -> original, for the project's tasks packed with
        ``--pii mask`` that had anything to mask."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT task_id, masks FROM pii WHERE project = ? AND masks IS NOT NULL",
                (self.project,),
            ).fetchall()
        return {str(t): dict(json.loads(body)) for t, body in rows}

    def suggestions(self) -> dict[str, list[Suggestion]]:
        """Task id -> every agent's suggestions for it, as ``docket pack --suggestions``
        attached them (every reveal policy, gold items' too; the archive's opaque response
        ids), for the tasks of the project's archive that have any."""
        # Only the tasks ``suggested`` lists (kept by triggers): never every task's text.
        query = (
            "SELECT t.id, t.task FROM suggested s "
            "JOIN tasks t ON t.project = s.project AND t.id = s.task_id WHERE s.project = ? "
            "ORDER BY t.id"
        )
        with translated_errors(self.path):
            rows = self.db.execute(query, (self.project,)).fetchall()
        return {
            str(task_id): [Suggestion.from_json(s) for s in json.loads(body)["suggestions"]]
            for task_id, body in rows
        }

    def suggestion_records(self) -> dict[tuple[str, str], SuggestionRecord]:
        """(reviewer fingerprint, task id) -> what that reviewer did with the suggestion
        they saw, for the project's answers that carry one (merge checked each)."""
        with translated_errors(self.path):
            rows = self.db.execute(
                "SELECT reviewer, task_id, suggestion FROM answers "
                "WHERE project = ? AND suggestion IS NOT NULL",
                (self.project,),
            ).fetchall()
        return {
            (str(fp), str(task_id)): SuggestionRecord.from_json(json.loads(body))
            for fp, task_id, body in rows
        }

    def schemas(self) -> dict[str, str]:
        """Task id -> the task's answer form as JSON, for every task of the project."""
        with translated_errors(self.path):
            forms = {
                int(i): str(body) for i, body in self.db.execute("SELECT id, schema FROM forms")
            }
            rows = self.db.execute(
                "SELECT task_id, form FROM task_forms WHERE project = ?", (self.project,)
            ).fetchall()
        # One string per form, shared by its tasks (read from ``task_forms``, not the tasks).
        return {str(task_id): forms[form] for task_id, form in rows}

    def response_facts(self) -> dict[str, dict[str, tuple[str | None, int]]]:
        """Per task of the project's archive, per response id in the task's order: the
        model that wrote it (``None`` where the row named none) and its length in
        characters (code points).

        Read from the ``responses`` table the database keeps beside the archive (SQLite's
        JSON functions fill it when a task is written), never from the tasks' texts: a
        report over hundreds of thousands of tasks needs these two facts and nothing else."""
        query = (
            "SELECT task_id, id, model, chars FROM responses WHERE project = ? "
            "ORDER BY task_id, position"
        )
        out: dict[str, dict[str, tuple[str | None, int]]] = {}
        with translated_errors(self.path), paused_gc():
            for task_id, rid, model, length in self.db.execute(query, (self.project,)):
                facts = out.get(task_id)
                if facts is None:
                    facts = out[task_id] = {}
                facts[str(rid)] = (model if isinstance(model, str) else None, int(length or 0))
        return out

    def response_models(self) -> dict[str, dict[str, str | None]]:
        """Per archived task of the project, the model behind each response id (``None``
        where the row named none), in the task's order (see :meth:`response_facts`)."""
        return {
            task_id: {rid: fact[0] for rid, fact in facts.items()}
            for task_id, facts in self.response_facts().items()
        }

    def guideline_coverage(self) -> dict[str, int]:
        """Per guidelines version (the SHA-256 the task bundle was issued with; '' where it
        carried none, ``"unknown"`` where the issuing bundle is not on record), how many of
        the project's answers were given under it."""
        # Answers counted per result bundle first (from the index on the project's
        # bundles, not the answers themselves), then the few bundles looked up.
        query = (
            "SELECT CASE WHEN i.bundle_id IS NULL THEN 'unknown' "
            "ELSE COALESCE(i.guidelines_sha256, '') END, sum(a.n) FROM "
            "(SELECT bundle, count(*) AS n FROM answers WHERE project = ? GROUP BY bundle) a "
            "LEFT JOIN merged m ON m.hash = a.bundle "
            "LEFT JOIN issued i ON i.bundle_id = m.answered_bundle "
            "GROUP BY 1 ORDER BY 2 DESC"
        )
        with translated_errors(self.path):
            return {str(v): int(n) for v, n in self.db.execute(query, (self.project,))}

    def task_count(self) -> int:
        """Tasks of the project in the server's archive (``merge --tasks``)."""
        with translated_errors(self.path):
            row = self.db.execute(
                "SELECT count(*) FROM tasks WHERE project = ?", (self.project,)
            ).fetchone()
        return int(row[0])

    def has_tasks(self) -> bool:
        return self.holds_project(self.project)

    def counts(self) -> dict[str, int]:
        """Figures of the whole database (every project)."""
        queries = {
            "reviewers": "SELECT count(*) FROM reviewers",
            "bundles": "SELECT count(*) FROM merged",
            "answers": "SELECT count(*) FROM answers",
            "tasks": "SELECT count(*) FROM (SELECT DISTINCT project, task_id FROM answers) t",
            "quarantined": "SELECT count(*) FROM quarantine",
        }
        with translated_errors(self.path):
            return {k: int(self.db.execute(q).fetchone()[0]) for k, q in queries.items()}

    def bundle_count(self) -> int:
        """``counts()["bundles"]`` alone (without counting every answer)."""
        with translated_errors(self.path):
            return int(self.db.execute("SELECT count(*) FROM merged").fetchone()[0])

    def quarantined_count(self) -> int:
        """``counts()["quarantined"]`` alone."""
        with translated_errors(self.path):
            return int(self.db.execute("SELECT count(*) FROM quarantine").fetchone()[0])

    def integrity_check(self) -> str:
        with translated_errors(self.path):
            return self.db.integrity_check()
