"""``docket db copy``: a merged database moved from one store to the other (the embedded
file to a PostgreSQL database, or back), every table, verified.

The content hash (:func:`content_hash`) is one SHA-256 per table over its rows in key
order, each row its columns by name as canonical JSON, the same function on both stores:
equal hashes, equal content. A copy reads the source in one snapshot, writes the target
in one transaction, and commits only when the target's row counts and hashes equal the
source's; a target that holds anything is refused.

What the stores derive from the task archive themselves (each task's responses, form and
whether it carries suggestions: triggers on ``tasks``) is not copied but derived again as
the tasks are written; the hash then proves it equal. ``forms`` goes first, so the tasks
find their forms under the same ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from docket.errors import DocketError
from docket.server.merged_store import OWNER_KEY, SEALED_VERSION_KEY, MergedStore
from docket.server.sql import Db

DERIVED = ("responses", "task_forms", "suggested")
FIRST = ("forms",)


@dataclass(frozen=True, slots=True)
class TableContent:
    table: str
    rows: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Content:
    tables: tuple[TableContent, ...]

    @property
    def sha256(self) -> str:
        """One hash over every table's."""
        digest = hashlib.sha256()
        for t in self.tables:
            digest.update(f"{t.table}\t{t.rows}\t{t.sha256}\n".encode())
        return digest.hexdigest()

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _select(db: Db, table: str, columns: list[str]) -> tuple[str, tuple[Any, ...]]:
    """Every row of ``table`` the copy and the hash cover, in key order."""
    order = db.primary_key(table) or columns
    args: tuple[Any, ...]
    where, args = "", ()
    if table == "meta":  # the store's own: which server key it belongs to, versions
        where, args = " WHERE key != ? AND key NOT LIKE ?", (OWNER_KEY, SEALED_VERSION_KEY + "%")
    return f"SELECT {', '.join(columns)} FROM {table}{where} ORDER BY {', '.join(order)}", args


def _canonical(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return {"hex": bytes(value).hex()}
    return str(value)


def table_content(db: Db, table: str) -> TableContent:
    columns = sorted(db.columns(table))
    sql, args = _select(db, table, columns)
    digest = hashlib.sha256()
    rows = 0
    for row in db.stream(sql, args):
        line = json.dumps([_canonical(v) for v in row], ensure_ascii=False, allow_nan=True)
        digest.update(line.encode() + b"\n")
        rows += 1
    return TableContent(table, rows, digest.hexdigest())


def content_hash(db: Db) -> Content:
    """Row counts and hashes of every table of the merged store (see the module docstring)."""
    with db.snapshot():
        return Content(tuple(table_content(db, t) for t in db.tables()))


Progress = Callable[[str, int], None]


def copy_store(
    source: MergedStore, target: MergedStore, progress: Progress | None = None
) -> Content:
    """Copies every table of ``source`` into the empty ``target``; returns the content both
    now hold. Raises :class:`~docket.errors.DocketError` (and leaves the target as it was)
    when the target is not empty, the schemas differ, or the copy does not hash the same."""
    src, dst = source.db, target.db
    if src.version() != dst.version():
        raise DocketError(
            f"{source.label} is at schema version {src.version()}, {target.label} at "
            f"{dst.version()}."
        )
    tables = src.tables()
    if tables != dst.tables():
        raise DocketError(f"{source.label} and {target.label} do not have the same tables.")
    held = [t.table for t in content_hash(dst).tables if t.rows]
    if held:
        raise DocketError(
            f"{target.label} is not empty ({', '.join(held)} hold rows); a copy goes into "
            "an empty database only.",
            hint="Give a new file or a new, empty PostgreSQL database as --to.",
        )
    with src.snapshot():
        expected = content_hash(src)

        def write() -> Content:
            for table in (*FIRST, *(t for t in tables if t not in FIRST and t not in DERIVED)):
                columns = src.columns(table)
                sql, args = _select(src, table, columns)
                dst.bulk_insert(table, columns, _counted(src.stream(sql, args), table, progress))
            if dst.dialect == "postgresql":  # explicit ids given: the next one follows them
                dst.execute(
                    "SELECT setval(pg_get_serial_sequence('forms', 'id'), "
                    "coalesce(max(id), 0) + 1, false) FROM forms"
                ).fetchone()
            got = content_hash(dst)
            if got != expected:
                differ = [
                    a.table for a, b in zip(expected.tables, got.tables, strict=True) if a != b
                ]
                raise DocketError(
                    f"The copy in {target.label} differs from {source.label} "
                    f"({', '.join(differ)}); nothing was written.",
                )
            return got

        return dst.write(write, lock="docket/copy")


def _counted(rows: Iterator[Any], table: str, progress: Progress | None) -> Iterator[Any]:
    count = 0
    for row in rows:
        yield row
        count += 1
    if progress is not None:
        progress(table, count)
