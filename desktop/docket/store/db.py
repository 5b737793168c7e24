"""Opening an encrypted database, and turning SQLCipher's exceptions into Docket's.

sqlcipher3 is a fork of the stdlib ``sqlite3`` module with its *own* exception classes;
sqlite-utils only catches the stdlib ones. So every store entry point runs inside
:func:`translated_errors`, which maps SQLite result codes (not message text) to typed
:class:`~docket.errors.WorkspaceError` subclasses. Code paths of sqlite-utils that rely on
catching ``sqlite3.OperationalError`` (``strict=`` probing, ``drop(ignore=True)``,
``transform``) are avoided in the store for the same reason.
"""

from __future__ import annotations

import contextlib
import random
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils
from sqlcipher3 import dbapi2

from docket.errors import (
    DiskFullError,
    ReadOnlyWorkspaceError,
    WorkspaceBusyError,
    WorkspaceCorruptError,
    WorkspaceError,
    WrongKeyError,
)

KEY_BYTES = 32

# Primary SQLite result codes (extended codes carry them in the low byte).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

SqlError = dbapi2.Error


def translate(exc: Exception, path: Path | str) -> Exception:
    """The Docket error for a SQLCipher exception, or ``exc`` unchanged if it is not one."""
    if not isinstance(exc, dbapi2.Error):
        return exc
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(exc)
    if code == SQLITE_NOTADB:
        return WrongKeyError(f"{path}: wrong key or not a Docket workspace.")
    if code == SQLITE_FULL:
        return DiskFullError(f"The disk holding {path} is full; the last change was not saved.")
    if code == SQLITE_READONLY:
        return ReadOnlyWorkspaceError(f"{path} is read-only; the last change was not saved.")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return WorkspaceBusyError(f"{path} is in use by another process.")
    if code == SQLITE_CORRUPT:
        return WorkspaceCorruptError(f"{path} is damaged ({detail}).")
    if code == SQLITE_CANTOPEN:
        return WorkspaceError(
            f"Cannot open {path}.", hint="Check that the directory exists and is writable."
        )
    if code == SQLITE_IOERR:
        return WorkspaceError(
            f"Input/output error on {path} ({detail}); the last change was not saved.",
            hint="Check the disk; answers saved before this one are intact.",
        )
    return WorkspaceError(f"Database error in {path}: {detail}")


@contextlib.contextmanager
def translated_errors(path: Path | str) -> Iterator[None]:
    try:
        yield
    except dbapi2.Error as exc:
        raise translate(exc, path) from exc


BUSY_TIMEOUT_S = 2.0
"""How long a statement waits for another connection's lock before SQLITE_BUSY (a
workspace: the window must not freeze behind another process)."""

_WRITE_WAIT: weakref.WeakKeyDictionary[sqlite_utils.Database, float] = weakref.WeakKeyDictionary()
"""Connections opened with ``wait_s``: how long :func:`write_transaction` keeps trying to
begin, beyond SQLite's own busy handler."""


PAGE_SIZE = 4096
"""SQLCipher's page size, and every store's but the workspace's."""
PAGE_SIZES = (4096, 16384)
"""The page sizes a Docket database may have (SQLCipher must be told before it reads: the
page size is inside the encrypted header)."""


def open_encrypted(
    path: Path, key: bytes, *, wait_s: float | None = None, page_size: int = PAGE_SIZE
) -> sqlite_utils.Database:
    """Open (creating if missing) the SQLCipher database at ``path`` with a raw 256-bit key.

    WAL with ``synchronous=FULL``: a committed answer survives kill -9 and power loss.
    ``temp_store=MEMORY`` keeps sorts and temporary tables off the disk, where they
    would not be encrypted. Raises :class:`WrongKeyError` if the key does not open it.

    ``wait_s``: a database several processes write at once (the merged database under
    concurrent merges) waits up to that long for the others' transactions, both in
    SQLite's busy handler and in :func:`write_transaction`'s retries, instead of
    :data:`BUSY_TIMEOUT_S`. The busy timeout is set first, before switching to WAL
    (which takes a lock of its own when processes create the file at once).

    ``page_size``: the page size of a new database. An existing one keeps its own, one
    of :data:`PAGE_SIZES`, found by trying (``page_size`` first): SQLCipher cannot read
    it from the file, and a database written before its store's size changed is opened
    as it is.
    """
    if len(key) != KEY_BYTES:
        raise ValueError(f"the database key must be {KEY_BYTES} bytes")
    if page_size not in PAGE_SIZES:
        raise ValueError(f"the page size must be one of {PAGE_SIZES}")
    timeout_ms = int(1000 * (BUSY_TIMEOUT_S if wait_s is None else wait_s))
    with translated_errors(path):
        sizes = _page_sizes(path, page_size)
        for tried, size in enumerate(sizes, start=1):
            conn = dbapi2.connect(str(path), isolation_level=None)
            try:
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
                conn.execute(f"PRAGMA cipher_page_size = {size}")
                conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except dbapi2.DatabaseError as exc:
                conn.close()
                code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
                if code == SQLITE_NOTADB and tried < len(sizes):
                    continue  # the next size (a wrong key fails them all)
                raise
            except BaseException:
                conn.close()
                raise
            break
        try:
            _switch_to_wal(conn, time.monotonic() + timeout_ms / 1000)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
    # No sqlite-utils plugin (another package's entry point) runs on the encrypted
    # connection, and opening it does not scan every installed package's metadata
    # for one (a tenth of the window's start).
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if wait_s is not None:
        _WRITE_WAIT[db] = wait_s
    return db


def _page_sizes(path: Path, preferred: int) -> tuple[int, ...]:
    """The page sizes to try on ``path``, in order: ``preferred`` alone for a new file
    (a database's first page is in the file from its switch to WAL on), else each."""
    try:
        written = path.stat().st_size > 0
    except OSError:
        written = False
    if not written:
        return (preferred,)
    return (preferred, *(size for size in PAGE_SIZES if size != preferred))


def _switch_to_wal(conn: dbapi2.Connection, deadline: float) -> None:
    """``PRAGMA journal_mode = WAL``, tried again while another connection holds a lock,
    until ``deadline`` (``time.monotonic()``).

    On a file no one has switched yet, the pragma reads the header, then upgrades to a
    write lock. Two processes creating the file at once can each hold the read lock while
    wanting the write lock; SQLite does not call the busy handler there (it would wait for
    ever) and answers SQLITE_BUSY at once. Nothing has been changed when it does, so
    trying again is safe; once one process has switched, the others find WAL and the
    pragma needs no lock."""
    _while_busy(
        lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone(),
        deadline,
        first=0.001,
        growth=2.0,
        longest=0.05,
    )


@contextlib.contextmanager
def writing_alone(db: sqlite_utils.Database) -> Iterator[bool]:
    """Inside, a large write (an import) goes straight into the database file when no
    other connection has it open; yields whether it does.

    In WAL mode every page is written twice: into the WAL at commit, then copied into the
    database by the checkpoint that follows. For an import of 100,000 tasks that is a
    gigabyte written and copied again, four to five seconds after the last task, with
    nothing else to do meanwhile. In rollback-journal mode the new pages go into the
    database file once; the journal keeps only the original of each page the
    transaction changes (for an import, a few index and schema pages), and a crash is
    undone from it at the next open, as SQLite undoes any interrupted transaction.

    Leaving WAL mode needs the database to itself: while any other connection has it
    open (the window, its worker threads, another process) SQLite refuses at once (no
    wait: the busy timeout is off for the attempt) and the write goes through the WAL as
    before. While the write runs another process cannot open the workspace (it is told
    the workspace is in use). Afterwards the database is switched back to WAL; should
    another process hold it at that moment, the next open switches it
    (:func:`open_encrypted` always does)."""
    conn = db.conn
    (timeout_ms,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except dbapi2.OperationalError as exc:
        if (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF not in (SQLITE_BUSY, SQLITE_LOCKED):
            raise
        mode = "wal"
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    alone = str(mode).lower() == "delete"
    try:
        yield alone
    finally:
        if alone:
            with contextlib.suppress(dbapi2.OperationalError):
                _switch_to_wal(conn, time.monotonic() + int(timeout_ms) / 1000)


def _while_busy(
    attempt: Callable[[], object], deadline: float, *, first: float, growth: float, longest: float
) -> None:
    """``attempt()``, tried again while SQLite answers busy or locked, until ``deadline``
    (``time.monotonic()``): jittered pauses from ``first`` seconds, ``growth`` times longer
    each time, up to ``longest``. Only for statements that change nothing when refused."""
    delay = first
    while True:
        try:
            attempt()
            return
        except dbapi2.OperationalError as exc:
            code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
            if code not in (SQLITE_BUSY, SQLITE_LOCKED) or time.monotonic() >= deadline:
                raise
            _pause(delay * (0.5 + random.random()))
            delay = min(delay * growth, longest)


def open_migrated(
    path: Path,
    key: bytes,
    migrate: Callable[[sqlite_utils.Database], object],
    *,
    wait_s: float | None = None,
    page_size: int = PAGE_SIZE,
) -> sqlite_utils.Database:
    """:func:`open_encrypted`, then ``migrate``; the connection is closed if that fails."""
    db = open_encrypted(path, key, wait_s=wait_s, page_size=page_size)
    try:
        with translated_errors(path):
            migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def close_checkpointed(db: sqlite_utils.Database, path: Path) -> None:
    """Fold the WAL back into the main file, so the store is one file at rest, and close.

    A checkpoint that fails (the disk is full: the main file cannot grow) is not an error
    here: the WAL is encrypted like the rest and the next open recovers from it, and the
    connection must close either way (locking the window depends on it)."""
    with translated_errors(path):
        try:
            with contextlib.suppress(dbapi2.Error):
                if db in _WRITE_WAIT:
                    # Others may still be writing (concurrent merges): the checkpoint is
                    # worth a moment, not their whole wait; the last to close folds it.
                    db.execute("PRAGMA busy_timeout = 100")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()


def _pause(seconds: float) -> None:
    """The wait between two tries to begin a write (a seam for the tests)."""
    time.sleep(seconds)


def _begin_immediate(db: sqlite_utils.Database) -> None:
    """``BEGIN IMMEDIATE``; on a connection opened with ``wait_s``, tried again while
    another connection holds the write lock, for up to that long.

    Retrying the BEGIN is always safe: nothing of the transaction has run yet. Once it
    succeeds this connection is the only writer; in WAL mode its statements and COMMIT
    then need no other lock, so a transaction that began is never refused as busy. The
    tries are a few milliseconds apart (jittered, so that waiting writers do not try in
    step): SQLite's own busy handler sleeps up to 100 ms between its tries, which left the
    lock idle a third of the time under four concurrent merges."""
    conn = db.conn
    wait = _WRITE_WAIT.get(db)
    if wait is None:
        conn.execute("BEGIN IMMEDIATE")
        return
    deadline = time.monotonic() + wait
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        _while_busy(
            lambda: conn.execute("BEGIN IMMEDIATE"),
            deadline,
            first=0.0005,
            growth=1.5,
            longest=0.004,
        )
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(1000 * wait)}")


def begin_write(db: sqlite_utils.Database) -> None:
    """``BEGIN IMMEDIATE`` as :func:`write_transaction` begins it (waiting its turn behind
    other writers), for a caller that commits or rolls back itself."""
    _begin_immediate(db)


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``: all of it lands, or none of it does. A connection
    opened with ``wait_s`` waits its turn behind other writers (:func:`_begin_immediate`)."""
    conn = db.conn
    _begin_immediate(db)
    try:
        yield
        # Inside the try: a COMMIT refused (busy, a full disk) leaves the transaction open
        # in SQLite, and it must not stay open on the connection.
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
