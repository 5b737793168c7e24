"""The workspace's append-only, hash-chained audit log (chain rules in
:mod:`docket.core.audit_chain`). Entries are written inside the transaction of the change
they record; they travel in result bundles, where the server checks the chain again.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from docket.core.audit_chain import GENESIS, AuditEntry, entry_hash, first_break
from docket.errors import AuditChainError

__all__ = ["AuditEntry", "append", "entries", "verify"]


def append(
    db: sqlite_utils.Database, at: str, action: str, subject: str, detail: dict[str, Any]
) -> str:
    """Append one entry; call inside the transaction that made the change it records."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    body = json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = entry_hash(prev, seq, at, action, subject, body)
    db.execute(
        "INSERT INTO audit (seq, at, action, subject, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, at, action, subject, body, prev, digest),
    )
    return digest


def entries(db: sqlite_utils.Database) -> list[AuditEntry]:
    return [
        AuditEntry(*row)
        for row in db.execute(
            "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq"
        )
    ]


def verify(db: sqlite_utils.Database) -> int:
    """Check the whole chain; returns the number of entries or raises
    :class:`AuditChainError` naming the first entry that does not fit."""
    log = entries(db)
    problem = first_break(log)
    if problem:
        raise AuditChainError(problem)
    return len(log)
