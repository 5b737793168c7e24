"""The append-only, hash-chained audit log of a workspace.

Each entry's hash covers the previous entry's hash and the entry's own content, so
editing, deleting or reordering any entry breaks the chain from that point on. The log
travels inside result bundles (Step 2), where the server checks the chain again.
Entries hold ids, counts and hashes, never task text or rationales.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from docket.errors import AuditChainError

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    action: str
    subject: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: str, action: str, subject: str, detail: str) -> str:
    canonical = json.dumps([prev_hash, seq, at, action, subject, detail], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


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
        AuditEntry(seq, at, action, subject, json.loads(detail), prev, digest)
        for seq, at, action, subject, detail, prev, digest in db.execute(
            "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq"
        )
    ]


def verify(db: sqlite_utils.Database) -> int:
    """Check the whole chain; returns the number of entries or raises :class:`AuditChainError`
    naming the first entry that does not fit."""
    prev, expected_seq, count = GENESIS, 1, 0
    for seq, at, action, subject, detail, prev_hash, digest in db.execute(
        "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if seq != expected_seq:
            raise AuditChainError(f"Audit log entry {expected_seq} is missing (next is {seq}).")
        if prev_hash != prev:
            raise AuditChainError(f"Audit log entry {seq} does not follow entry {seq - 1}.")
        if entry_hash(prev_hash, seq, at, action, subject, detail) != digest:
            raise AuditChainError(f"Audit log entry {seq} was altered after it was written.")
        prev, expected_seq, count = digest, seq + 1, count + 1
    return count
