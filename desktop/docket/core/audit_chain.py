"""The audit log's hash chain, shared by the workspace (which writes it) and the server
(which re-checks it inside result bundles).

Each entry's hash covers the previous entry's hash and the entry's own content, so
editing, deleting or reordering any entry breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    action: str
    subject: str
    detail: str
    """Canonical JSON of the entry's details (ids, counts, hashes; never task text)."""
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def entry_hash(prev_hash: str, seq: int, at: str, action: str, subject: str, detail: str) -> str:
    canonical = json.dumps([prev_hash, seq, at, action, subject, detail], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def entry_is_intact(e: AuditEntry) -> bool:
    """Whether the entry's content still hashes to its hash."""
    return entry_hash(e.prev_hash, e.seq, e.at, e.action, e.subject, e.detail) == e.hash


def first_break(
    entries: Iterable[AuditEntry],
    verified: Mapping[int, str] | None = None,
    *,
    after: tuple[int, str] = (0, GENESIS),
) -> str | None:
    """None if the chain holds; else what is wrong with the first entry that does not fit.

    ``after`` is the (number, hash) of the entry the first one follows: the start of the
    log by default, or the last entry of a part of the log checked before.

    ``verified`` maps entry numbers to hashes already checked against their content (the
    server's record of a workspace's log): an entry carrying such a hash is only checked
    for its place in the chain, not hashed again. Its content is then not vouched for, so
    whoever reads an entry's content must check that entry's hash
    (:func:`entry_is_intact`)."""
    known = verified or {}
    prev, expected_seq = after[1], after[0] + 1
    for e in entries:
        if e.seq != expected_seq:
            return f"Audit log entry {expected_seq} is missing (next is {e.seq})."
        if e.prev_hash != prev:
            return f"Audit log entry {e.seq} does not follow entry {e.seq - 1}."
        if known.get(e.seq) != e.hash and not entry_is_intact(e):
            return f"Audit log entry {e.seq} was altered after it was written."
        prev, expected_seq = e.hash, e.seq + 1
    return None
