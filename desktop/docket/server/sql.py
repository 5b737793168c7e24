"""The merged database's connection, for both stores: the embedded SQLCipher file and the
team store on PostgreSQL (``--db postgresql://...``).

Everything that runs SQL on the merged database goes through a :class:`Db`: statements are
written once, with ``?`` placeholders (translated to psycopg's ``%s``), upserts as
``INSERT ... ON CONFLICT (...) DO UPDATE / DO NOTHING`` (:func:`upsert`, which SQLite
understands too), writes inside :meth:`Db.write` (one transaction, retried on PostgreSQL
when a concurrent merge makes it fail), the version of the schema kept by
:meth:`Db.version`.

On PostgreSQL a writer works in READ COMMITTED under an advisory lock on what it writes
(a reviewer's chain: two merges of the same reviewer never interleave, two of different
reviewers run side by side); a reader sees one REPEATABLE READ snapshot from its first
query to the next write or to closing, so an agreement or an export read while merges run
is of one consistent state.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import sqlite_utils

from docket.errors import DocketError, WorkspaceError
from docket.store.db import open_encrypted, translated_errors, write_transaction

T = TypeVar("T")

URL_SCHEMES = ("postgresql://", "postgres://")
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
RETRIES = 20
"""How many times a write that a concurrent one made fail is tried again (PostgreSQL)."""
WORK_MEM_KB = 64 * 1024
"""The memory a PostgreSQL connection of Docket's may use for one sort or hash (see
:meth:`PostgresDb._session_settings`)."""


def is_url(target: str | Path) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a file."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Db:
    """One connection to the merged database (see the module docstring)."""

    dialect: str
    label: str
    """How messages name the database: its file name, or its URL."""
    path: Path | str
    """Its file, or its URL."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """The rows of a query as they come, never all of them in memory at once."""
        raise NotImplementedError

    def bulk_insert(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Rows into an empty table as fast as the store allows (COPY on PostgreSQL)."""
        self.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows,
        )

    def write(self, work: Callable[[], T], *, lock: str | None = None) -> T:
        """``work()`` in one write transaction: all of it lands or none of it does.
        ``lock`` names what it changes (a reviewer): writers of the same name run one after
        the other. On PostgreSQL a transaction a concurrent one made fail (a deadlock, a
        serialisation failure) is rolled back and ``work`` runs again."""
        raise NotImplementedError

    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        """Reads inside see one state of the database, whatever is written meanwhile."""
        raise NotImplementedError

    def version(self) -> int:
        raise NotImplementedError

    def tables(self) -> list[str]:
        """The merged store's tables (not the store's own bookkeeping), sorted."""
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        """A table's columns, in their order."""
        raise NotImplementedError

    def primary_key(self, table: str) -> list[str]:
        raise NotImplementedError

    def integrity_check(self) -> str:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def upsert(
    table: str,
    columns: Sequence[str],
    key: Sequence[str],
    *,
    values: Sequence[str] | None = None,
    select: str | None = None,
    update: bool = True,
) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...) ON CONFLICT (key) DO UPDATE SET`` every
    other column to the new row's (``update=False``: ``DO NOTHING``, the row kept). Both
    stores run it. ``values``: the SQL of each value, ``?`` where not given; ``select``: a
    SELECT giving the rows instead (with a WHERE clause, which SQLite needs there)."""
    given = values if values is not None else ["?"] * len(columns)
    rows = select if select is not None else f"VALUES ({', '.join(given)})"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) {rows} ON CONFLICT ({', '.join(key)}) DO "
    rest = [c for c in columns if c not in key]
    if not update or not rest:
        return sql + "NOTHING"
    return sql + "UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in rest)


# --- the embedded store --------------------------------------------------------------------


class SqliteDb(Db):
    """The SQLCipher file (the connection :func:`docket.store.db.open_encrypted` opened)."""

    dialect = "sqlite"

    def __init__(self, db: sqlite_utils.Database, path: Path, key: bytes | None = None) -> None:
        self.sqlite = db
        self.conn = db.conn
        self.file = path
        self.path = path
        self.label = path.name
        self._key = key

    @property
    def reopenable(self) -> bool:
        """Whether :meth:`reader` can open another connection (the key is known)."""
        return self._key is not None

    def reader(self) -> SqliteDb | None:
        """Another connection to the same file, for reading beside this one in a thread of
        its own (SQLite releases the GIL while it steps through a query); ``None`` where
        this one was opened without its key. Open it in the thread that uses it."""
        if self._key is None:
            return None
        return SqliteDb(open_encrypted(self.file, self._key), self.file)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        with translated_errors(self.path):
            cursor: Cursor = self.conn.execute(sql, tuple(params))
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with translated_errors(self.path):
            self.conn.executemany(sql, rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        with translated_errors(self.path):
            yield from self.conn.execute(sql, tuple(params))

    def write(self, work: Callable[[], T], *, lock: str | None = None) -> T:
        if self.conn.in_transaction:  # inside another write: part of it
            return work()
        # BEGIN IMMEDIATE: one writer at a time, whatever it writes.
        with translated_errors(self.path), write_transaction(self.sqlite):
            return work()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        began = not self.conn.in_transaction
        if began:
            with translated_errors(self.path):
                self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if began and self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def version(self) -> int:
        return int(self.execute("PRAGMA user_version").fetchone()[0])

    def tables(self) -> list[str]:
        rows = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "ORDER BY name"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def columns(self, table: str) -> list[str]:
        return [str(r[1]) for r in self.execute(f"PRAGMA table_info({table})").fetchall()]

    def primary_key(self, table: str) -> list[str]:
        rows = self.execute(f"PRAGMA table_info({table})").fetchall()
        return [str(r[1]) for r in sorted((r for r in rows if r[5]), key=lambda r: r[5])]

    def integrity_check(self) -> str:
        return str(self.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        from docket.store.db import close_checkpointed

        close_checkpointed(self.sqlite, self.file)


# --- the team store ------------------------------------------------------------------------


def require_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise DocketError(
            "Opening a PostgreSQL database needs psycopg, which is not installed.",
            hint="Install it with: pip install 'docket[postgres]' (or use a merged .db file).",
        ) from None
    return psycopg


def connection_settings(url: str) -> dict[str, str]:
    """The libpq settings of a ``postgresql://`` URL, with Docket's rules applied: no
    password in it (it would sit in the shell's history and the process list), and
    ``sslmode=verify-full`` for a server that is not on this machine unless the URL or
    ``PGSSLMODE`` says otherwise."""
    psycopg = require_psycopg()
    try:
        settings: dict[str, str] = {
            k: str(v) for k, v in psycopg.conninfo.conninfo_to_dict(url).items()
        }
    except psycopg.ProgrammingError as exc:
        raise DocketError(f"{url.split('@')[-1]} is not a PostgreSQL URL ({exc}).") from None
    if "password" in settings:
        raise DocketError(
            "The database URL holds a password; Docket does not take one on the command line.",
            hint="Remove it from the URL and put it in PGPASSWORD, in a password file "
            "(~/.pgpass, or the file PGPASSFILE names) or in a service file (PGSERVICEFILE).",
        )
    hosts = settings.get("host", os.environ.get("PGHOST", "")).split(",")
    remote = any(not (h in LOCAL_HOSTS or h.startswith("/")) for h in hosts)
    if remote and "sslmode" not in settings and "PGSSLMODE" not in os.environ:
        settings["sslmode"] = "verify-full"
    return settings


def lock_key(name: str) -> int:
    """A 64-bit advisory lock number for ``name`` (a signed bigint, as PostgreSQL wants)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


_DDL = re.compile(r"\s*(CREATE\s+TABLE|ALTER\s+TABLE)\b", re.IGNORECASE)
_SCHEMA_CHANGE = re.compile(r"\s*(CREATE|ALTER|DROP)\b", re.IGNORECASE)
_DDL_TYPES = (
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bFLOAT\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b(?!\s+COLLATE)"), 'TEXT COLLATE "C"'),
)


def postgres_ddl(sql: str) -> str:
    """A portable migration's CREATE / ALTER TABLE as PostgreSQL takes it with SQLite's
    meaning: INTEGER is 64 bits (and ``INTEGER PRIMARY KEY`` numbers itself), FLOAT double,
    and TEXT sorts by code point (``COLLATE "C"``), whatever the server's locale. Other
    statements are left as they are."""
    if not _DDL.match(sql):
        return sql
    for pattern, replacement in _DDL_TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


@functools.lru_cache(maxsize=512)
def placeholders(sql: str) -> str:
    """``sql`` with each ``?`` outside quotes as psycopg's ``%s`` (and ``%`` as ``%%``)."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        if ch == "%":
            out.append("%%")
            continue
        out.append(ch)
    return "".join(out)


_IN_LIST = re.compile(r"\b(NOT\s+)?IN\s*\(\s*\?(?:\s*,\s*\?)+\s*\)", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def any_lists(sql: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``sql`` for psycopg (:func:`placeholders`), each ``x IN (?, ?, ...)`` written as
    ``x = ANY(%s)``, and where those lists' parameters are (index of the first, how
    many): their values go as one array. The same statement then serves a list of any
    length, which psycopg prepares once and the server plans once, instead of a
    statement of its own for each length, as long as the list, parsed each time. Left as
    it is: ``NOT IN`` (not the same as ``!= ALL`` where a value is NULL) and a statement
    with quotes (its ``?`` are not all parameters)."""
    if "'" in sql or '"' in sql:
        return placeholders(sql), ()
    lists: list[tuple[int, int]] = []
    out: list[str] = []
    end = 0
    for found in _IN_LIST.finditer(sql):
        if found[1]:
            continue
        out.append(sql[end : found.start()])
        lists.append((sql.count("?", 0, found.start()), found[0].count("?")))
        out.append("= ANY(?)")
        end = found.end()
    if not lists:
        return placeholders(sql), ()
    out.append(sql[end:])
    return placeholders("".join(out)), tuple(lists)


def _as_arrays(params: Sequence[Any], lists: tuple[tuple[int, int], ...]) -> tuple[Any, ...]:
    args: list[Any] = []
    at = 0
    for first, count in lists:
        args.extend(params[at:first])
        args.append(list(params[first : first + count]))
        at = first + count
    args.extend(params[at:])
    return tuple(args)


class PostgresDb(Db):
    """A PostgreSQL database (see the module docstring)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        psycopg = require_psycopg()
        self._psycopg = psycopg
        self.label = url
        self.path: Path | str = url
        settings = connection_settings(url)
        try:
            self.conn = psycopg.connect(**settings, autocommit=False)
        except psycopg.OperationalError as exc:
            raise WorkspaceError(
                f"Cannot connect to {url}: {str(exc).strip()}",
                hint="Check the URL, that the server runs, and the password's place "
                "(PGPASSWORD, ~/.pgpass or a service file).",
            ) from None
        self._staged: dict[tuple[str, tuple[str, ...]], str] = {}
        """The staging table of each (table, columns) a batch has gone through, created once
        per connection (:meth:`executemany`)."""
        self._staged_now: list[tuple[str, tuple[str, ...]]] = []
        """Those created in the open transaction: gone again if it rolls back."""
        self._columns: dict[str, list[str]] = {}
        self._keys: dict[str, list[str]] = {}
        self._session_settings()
        self._reading()
        self._writing = False

    def _session_settings(self) -> None:
        """This connection's own settings, committed before its first snapshot: sorts and
        hashes of up to :data:`WORK_MEM_KB` in memory (the server's default, 4 MB, sorts
        the readers' million rows on disk), never less than the server gives already;
        floats as text that give back the same float; and whether batches may be staged
        in a temporary table."""
        with self._errors():
            self.conn.execute(
                "SELECT set_config('work_mem', %s, false) FROM pg_settings "
                "WHERE name = 'work_mem' AND setting::bigint < %s",
                (f"{WORK_MEM_KB}kB", WORK_MEM_KB),
            )
            # Floats as text give back the very float (shortest-exact from PostgreSQL 12,
            # 17 digits before): readers that take seconds as text rely on it.
            self.conn.execute("SELECT set_config('extra_float_digits', '3', false)")
            # Batches go through a temporary table where the role may create one (the
            # default); a role without TEMP writes them row by row.
            row = self.conn.execute(
                "SELECT has_database_privilege(current_database(), 'TEMP')"
            ).fetchone()
            self._stage = bool(row and row[0])
            self.conn.commit()

    def _reading(self) -> None:
        self.conn.isolation_level = self._psycopg.IsolationLevel.REPEATABLE_READ

    def _translate(self, exc: Exception) -> Exception:
        if isinstance(
            exc, self._psycopg.errors.SerializationFailure | self._psycopg.errors.DeadlockDetected
        ):
            return _Retry()
        return WorkspaceError(f"Database error in {self.label}: {str(exc).strip()}")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._psycopg.Error as exc:
            raise self._translate(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        with self._errors():
            if params:
                converted, lists = any_lists(sql)
                args = tuple(params) if not lists else _as_arrays(params, lists)
                cursor: Cursor = self.conn.execute(converted, args)
            else:
                if _SCHEMA_CHANGE.match(sql):
                    self._columns.clear()
                    self._keys.clear()
                cursor = self.conn.execute(postgres_ddl(sql))
        return cursor

    def _commit(self) -> None:
        self.conn.commit()
        self._staged_now.clear()

    def _rollback(self) -> None:
        self.conn.rollback()
        for made in self._staged_now:  # their creation is undone with the transaction
            self._staged.pop(made, None)
        self._staged_now.clear()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        # A server-side cursor, in the transaction every read is in.
        with self._errors(), self.conn.cursor(name=f"docket_{next(_cursors)}") as cursor:
            cursor.itersize = 2000
            cursor.execute(placeholders(sql) if params else sql, tuple(params) or None)
            yield from cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        plan = batch_plan(sql) if len(batch) >= COPY_ROWS and self._stage else None
        with self._errors(), self.conn.cursor() as cursor:
            if plan is None:
                cursor.executemany(placeholders(sql), batch)
                return
            # The rows into this connection's staging table of the target's column types
            # with COPY, then one statement over all of them.
            staged = self._staging_table(cursor, plan)
            with cursor.copy(f"COPY {staged} ({', '.join(plan.columns)}) FROM STDIN") as copy:
                for row in plan.rows(batch):
                    copy.write_row(row)
            statement = plan.statement(staged)
            if plan.delete and set(plan.columns) == set(self._key(plan.table)):
                # By the key's index, one probe per row, as row by row: the planner takes
                # the staged rows for few and the table for small, and would hash the
                # whole table for each batch (a merge's time growing with the store).
                statement = (
                    f"SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
                    f"{statement}; SET LOCAL enable_hashjoin TO DEFAULT; "
                    "SET LOCAL enable_mergejoin TO DEFAULT"
                )
            cursor.execute(statement)
            # Emptied for the next batch (a DELETE: no new file, as TRUNCATE would make;
            # the commit empties it for good).
            cursor.execute(f"DELETE FROM {staged}")

    def _key(self, table: str) -> list[str]:
        """:meth:`primary_key`, asked once per connection and table."""
        known = self._keys.get(table)
        if known is None:
            known = self._keys[table] = self.primary_key(table)
        return known

    def _staging_table(self, cursor: Any, plan: BatchPlan) -> str:
        """The temporary table a batch of ``plan`` is staged in: created the first time
        this connection needs it (emptied after each batch, and at every commit), not once
        per batch: creating and dropping a table per batch cost the server more than
        writing the batch's rows."""
        wanted = (plan.table, plan.columns)
        staged = self._staged.get(wanted)
        if staged is None:
            staged = f"docket_batch_{next(_batches)}"
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staged} ON COMMIT DELETE ROWS AS SELECT "
                f"{', '.join(plan.columns)} FROM {plan.table} WITH NO DATA"
            )
            self._staged[wanted] = staged
            self._staged_now.append(wanted)
        return staged

    def bulk_insert(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        with (
            self._errors(),
            self.conn.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def write(self, work: Callable[[], T], *, lock: str | None = None) -> T:
        if self._writing:  # inside another write: part of it
            return work()
        for attempt in range(RETRIES):
            self._end_read()
            self.conn.isolation_level = self._psycopg.IsolationLevel.READ_COMMITTED
            self._writing = True
            try:
                if lock is not None:
                    self.execute("SELECT pg_advisory_xact_lock(?)", (lock_key(lock),))
                result = work()
                with self._errors():
                    self._commit()
                return result
            except _Retry:
                self._rollback()
                if attempt == RETRIES - 1:
                    raise WorkspaceError(
                        f"{self.label} stayed busy: a write failed {RETRIES} times against "
                        "concurrent ones.",
                        hint="Run the command again.",
                    ) from None
            except BaseException:
                with contextlib.suppress(self._psycopg.Error):
                    self._rollback()
                raise
            finally:
                self._writing = False
                self._reading()
        raise AssertionError("unreachable")

    def _end_read(self) -> None:
        """Ends the reading snapshot (a read-only transaction: nothing to keep)."""
        if self.conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE:
            self._rollback()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        # Every read outside a write is in a REPEATABLE READ transaction already.
        yield

    def version(self) -> int:
        row = self.execute(
            "SELECT version FROM docket_schema"
            if self.execute("SELECT to_regclass('docket_schema')").fetchone()[0] is not None
            else "SELECT 0"
        ).fetchone()
        return int(row[0])

    def tables(self) -> list[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' AND table_name != 'docket_schema' "
            "ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def columns(self, table: str) -> list[str]:
        # Asked once per bundle by a merge: kept until this connection changes a schema
        # (another's migration is not run while a merge is open).
        known = self._columns.get(table)
        if known is None:
            rows = self.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            ).fetchall()
            known = [str(r[0]) for r in rows]
            if known:
                self._columns[table] = known
        return list(known)

    def primary_key(self, table: str) -> list[str]:
        rows = self.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary "
            "ORDER BY array_position(i.indkey::int2[], a.attnum)",
            (table,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def integrity_check(self) -> str:
        # PostgreSQL checks its pages itself (and amcheck is the operator's); a query that
        # answers is what is left to check here.
        self.execute("SELECT 1").fetchone()
        return "ok"

    def close(self) -> None:
        with contextlib.suppress(self._psycopg.Error):
            self._end_read()
        self.conn.close()


_cursors = itertools.count()
_batches = itertools.count()

COPY_ROWS = 100
"""Batches of at least this many rows that :func:`batch_plan` can take are written with
COPY (PostgreSQL): a merge writes a thousand answers, their facts and audit entries per
bundle, and one round of COPY plus one statement costs the client and the server a
fraction of a thousand pipelined statements."""

_INSERT = re.compile(
    r"\s*INSERT\s+INTO\s+(\w+)\s*\(([\w\s,]+)\)\s*VALUES\s*\(([^()]*)\)\s*"
    r"(ON\s+CONFLICT\s*\(([\w\s,]+)\)\s*DO\s+(NOTHING|UPDATE\s+SET\s+[\w\s,.=]+))?\s*",
    re.IGNORECASE,
)
_DELETE = re.compile(
    r"\s*DELETE\s+FROM\s+(\w+)\s+WHERE\s+(\w+\s*=\s*\?(?:\s+AND\s+\w+\s*=\s*\?)*)\s*",
    re.IGNORECASE,
)
_LITERAL = re.compile(r"-?\d+(\.\d+)?|'[^']*'|NULL", re.IGNORECASE)


@dataclass(frozen=True)
class BatchPlan:
    """How :meth:`PostgresDb.executemany` writes one statement's rows through COPY: the
    target ``table``, the ``columns`` the parameters fill (in their order), and the
    statement over the staged rows. Rows that an upsert would write twice (the same key)
    are kept once, as running them one by one leaves it: the last (``DO UPDATE``) or the
    first (``DO NOTHING``); a plain INSERT keeps them all (and fails on a duplicate, as
    one by one it would)."""

    table: str
    columns: tuple[str, ...]
    select: tuple[str, ...]
    """Each target column's value: a staged column, or a literal of the statement."""
    targets: tuple[str, ...]
    conflict: str
    key: tuple[int, ...]
    keep_last: bool | None
    delete: bool = False

    def rows(self, batch: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if self.keep_last is None:
            return batch
        key = operator.itemgetter(*self.key) if len(self.key) > 1 else _one(self.key[0])
        # A key's last row (DO UPDATE) or first (DO NOTHING), in key order: concurrent
        # writers then take their row locks in one order.
        kept = {key(row): row for row in (batch if self.keep_last else reversed(batch))}
        return [kept[k] for k in sorted(kept)]

    def statement(self, staged: str) -> str:
        if self.delete:
            where = " AND ".join(f"{self.table}.{c} = b.{c}" for c in self.columns)
            return f"DELETE FROM {self.table} USING {staged} b WHERE {where}"
        return (
            f"INSERT INTO {self.table} ({', '.join(self.targets)}) SELECT "
            f"{', '.join(self.select)} FROM {staged} b{self.conflict}"
        )


@functools.lru_cache(maxsize=128)
def batch_plan(sql: str) -> BatchPlan | None:
    """The plan of ``sql`` for a batch written with COPY (see :class:`BatchPlan`):
    ``INSERT INTO t (columns) VALUES (?, ..., literals)`` with or without ``ON CONFLICT
    (key) DO NOTHING / DO UPDATE SET ...``, and ``DELETE FROM t WHERE a = ? AND b = ?``;
    ``None`` for any other statement (it runs row by row, pipelined)."""
    found = _DELETE.fullmatch(sql)
    if found is not None:
        columns = tuple(c.split("=")[0].strip() for c in re.split(r"(?i)\s+AND\s+", found[2]))
        if len(set(columns)) != len(columns):
            return None
        return BatchPlan(found[1], columns, (), (), "", (), None, delete=True)
    found = _INSERT.fullmatch(sql)
    if found is None:
        return None
    targets = tuple(c.strip() for c in found[2].split(","))
    values = tuple(v.strip() for v in found[3].split(","))
    if len(targets) != len(values) or len(set(targets)) != len(targets):
        return None
    columns = tuple(c for c, v in zip(targets, values, strict=True) if v == "?")
    if any(v != "?" and not _LITERAL.fullmatch(v) for v in values):
        return None
    select = tuple(f"b.{c}" if v == "?" else v for c, v in zip(targets, values, strict=True))
    if found[4] is None:
        return BatchPlan(found[1], columns, select, targets, "", (), None)
    key = tuple(c.strip() for c in found[5].split(","))
    if not set(key) <= set(columns):
        return None
    keep_last = not found[6].upper().startswith("NOTHING")
    return BatchPlan(
        found[1], columns, select, targets, f" {found[4]}",
        tuple(columns.index(c) for c in key), keep_last,
    )  # fmt: skip


def _one(index: int) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    return lambda row: (row[index],)


class _Retry(Exception):
    """A transaction a concurrent one made fail: run it again."""
