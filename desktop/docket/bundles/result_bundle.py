"""Result bundles: a reviewer's answers, signed by the reviewer, encrypted to the server.

Sections: ``answers.jsonl`` (latest revision per task, with display order, time spent,
status), ``audit.jsonl`` (the workspace's hash-chained log), and, returned unchanged from
the answered task bundle, its signed manifest (``task-manifest.json`` + ``.minisig``) and
the server-only ``sealed.age``. The server thus verifies, with no state of its own, that
it issued the answered bundle to this very reviewer. The manifest names the answered
bundle's hash, a per-reviewer ``sequence`` number and the ``previous`` result's hash:
a chain in which a replay, a gap or a fork shows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import minisign

from docket.bundles.envelope import (
    Opened,
    SignerLookup,
    digests,
    distinct_cards,
    open_sealed,
    seal,
)
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.manifest import ANSWERED_TYPE, Manifest, Party, iso, sha256, utc_now
from docket.core import safe_json
from docket.core.audit_chain import GENESIS, AuditEntry, first_break
from docket.errors import BundleError, SignatureError

ANSWERS, AUDIT = "answers.jsonl", "audit.jsonl"
TASK_MANIFEST, TASK_SIGNATURE, SEALED = (
    "task-manifest.json",
    "task-manifest.json.minisig",
    "sealed.age",
)
MAX_SEQUENCE = 2**40
"""Result bundles per reviewer workspace: far beyond any real chain, within SQLite's integers."""
MAX_REVISION = 2**40
MAX_TIME_SPENT_S = 10**7
"""About 115 days on one task: more is not a measurement."""

ANSWER_KEYS = {
    "task_id",
    "revision",
    "answers",
    "display_order",
    "saved_at",
    "time_spent_s",
    "status",
}


@dataclass(frozen=True, slots=True)
class AnsweredBundle:
    """What the reviewer's workspace kept of the task bundle it answers."""

    bundle_id: str
    project: str
    manifest_raw: bytes
    signature: bytes
    sealed: bytes
    server: PublicCard


@dataclass(frozen=True, slots=True)
class AuditPrefix:
    """An audit section the server verified entry by entry and merged (every entry hashed
    against its content, each equal to the entry of the same number in every result of
    the workspace merged before): how many entries it holds, its length in bytes, the
    SHA-256 of those bytes and its last entry's hash. A later result of the workspace
    whose audit section begins with exactly these bytes carries these entries unchanged,
    so only what follows them needs parsing and checking."""

    entries: int
    length: int
    sha256: str
    last_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "length": self.length,
            "sha256": self.sha256,
            "last_hash": self.last_hash,
        }

    @classmethod
    def from_json(cls, value: Any) -> AuditPrefix | None:
        """The prefix a stored record describes; None when it is not one."""
        try:
            prefix = cls(
                int(value["entries"]),
                int(value["length"]),
                str(value["sha256"]),
                str(value["last_hash"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return prefix if prefix.entries > 0 and prefix.length > 0 else None


@dataclass(frozen=True, slots=True)
class VerifiedResult:
    opened: Opened
    task_manifest: Manifest
    answers: list[dict[str, Any]]
    audit: list[AuditEntry]
    """The audit log's entries after the first ``audit_skipped`` (all of them when none
    was skipped), each checked: numbered in order, chained, its hash its content's."""
    audit_unhashed: frozenset[int] = frozenset()
    """Numbers of audit entries taken on the server's word rather than hashed again:
    whoever reads their content must check them. (Every entry read is hashed now; kept
    for the checks that take it.)"""
    audit_skipped: AuditPrefix | None = None
    """The entries at the start of the log that were not parsed (None: none was skipped):
    their bytes are exactly those of a log the server verified and merged before."""
    audit_section: AuditPrefix | None = None
    """The whole audit section, as the server records it once this result is merged
    (None for an empty log)."""

    def full_audit(self) -> list[AuditEntry]:
        """Every entry of the log, the skipped ones included (parsed now, not checked
        again: their bytes are those of a log verified before)."""
        if self.audit_skipped is None:
            return self.audit
        section = self.opened.sections[AUDIT]
        return [*_entries(section[: self.audit_skipped.length]), *self.audit]

    @property
    def reviewer(self) -> PublicCard:
        return self.opened.signer

    @property
    def sequence(self) -> int:
        return int(self.opened.manifest.extra["sequence"])

    @property
    def previous(self) -> str | None:
        value = self.opened.manifest.extra["previous"]
        return None if value is None else str(value)

    @property
    def hash(self) -> str:
        return self.opened.hash

    @property
    def sealed_sha256(self) -> str:
        """The SHA-256 of the server-only section, as the server signed it (checked)."""
        return next(s.sha256 for s in self.task_manifest.sections if s.name == SEALED)

    @property
    def chain(self) -> str:
        """Whose chain: the reviewer's key fingerprint and the workspace's chain id."""
        return f"{self.reviewer.fingerprint}/{self.opened.manifest.extra.get('chain', '')}"


def _jsonl(rows: Sequence[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in rows).encode()


def build_result_bundle(
    *,
    reviewer: SecretKey,
    answered: AnsweredBundle,
    answers: Sequence[dict[str, Any]],
    audit: Sequence[AuditEntry],
    sequence: int,
    previous: str | None,
    kind: str = "result",
    chain: str = "",
) -> tuple[bytes, Manifest]:
    sections = {
        ANSWERS: _jsonl(answers),
        AUDIT: _jsonl([e.to_json() for e in audit]),
        TASK_MANIFEST: answered.manifest_raw,
        TASK_SIGNATURE: answered.signature,
        SEALED: answered.sealed,
    }
    manifest = Manifest(
        type=kind,
        bundle_id=f"result-{uuid.uuid4().hex}",
        project=answered.project,
        issuer=Party.of(reviewer.card()),
        recipient=Party.of(answered.server),
        created_at=iso(utc_now()),
        expires_at=None,
        sections=digests(sections),
        extra={
            "answers_bundle": {
                "bundle_id": answered.bundle_id,
                "manifest_sha256": sha256(answered.manifest_raw),
            },
            "answer_count": len(answers),
            "sequence": sequence,
            "previous": previous,
            "chain": chain,
        },
    )
    return seal(manifest, sections, reviewer, answered.server), manifest


def read_result_bundle(
    data: bytes,
    server: SecretKey,
    signer: SignerLookup,
    known_prefix: Callable[[str], AuditPrefix | None] | None = None,
) -> VerifiedResult:
    """Decrypt with the server key and verify everything a single file can prove.

    ``known_prefix(chain)`` may give the audit section of this workspace the server
    verified and merged before (:class:`AuditPrefix`): when this result's audit section
    begins with exactly its bytes, only the entries after them are parsed and checked
    (they must continue its last entry). Any other log is read and checked whole, every
    entry hashed."""
    asked: list[AuditPrefix] = []

    def midway(manifest: Manifest, reviewer: PublicCard) -> tuple[str, int] | None:
        """The known part of this workspace's log, hashed as the envelope hashes its
        section: the audit section's bytes pass through SHA-256 once."""
        chain = manifest.extra.get("chain", "")
        if known_prefix is None or not isinstance(chain, str):
            return None
        known = known_prefix(f"{reviewer.fingerprint}/{chain}")
        if known is None:
            return None
        asked.append(known)
        return AUDIT, known.length

    opened = open_sealed(
        data,
        server,
        signer=signer,
        expected_type=("result", "adjudication"),
        check_expiry=False,
        midway=midway,
    )
    m = opened.manifest
    reviewer = opened.signer
    task_raw, task_sig = opened.sections[TASK_MANIFEST], opened.sections[TASK_SIGNATURE]
    try:
        signature = minisign.Signature.from_bytes(task_sig)
        server.card().verifier().verify(task_raw, signature)
    except (minisign.Error, ValueError):
        raise SignatureError("The answered task bundle was not issued by this server.") from None
    task_manifest = Manifest.parse(task_raw)
    answered_type = ANSWERED_TYPE[m.type]
    if (
        signature.trusted_comment != task_manifest.trusted_comment
        or task_manifest.type not in answered_type
    ):
        raise SignatureError("The answered bundle's signature does not belong to a task bundle.")
    if not task_manifest.issuer.matches(server.card()):
        raise SignatureError("The answered task bundle was not issued by this server.")
    if not task_manifest.recipient.matches(reviewer):
        raise SignatureError(
            f"The answered task bundle was issued to {task_manifest.recipient.name!r}, "
            f"but {reviewer.name!r} signed these results."
        )
    ref = m.extra.get("answers_bundle")
    if ref != {"bundle_id": task_manifest.bundle_id, "manifest_sha256": sha256(task_raw)}:
        raise BundleError("The result names another task bundle than the one it carries.")
    # The result's manifest lists what its sections hash to (open_sealed checked them
    # against the bytes): the server-only section must be the one the server signed.
    sealed_digest = next(s for s in task_manifest.sections if s.name == SEALED)
    carried = next(s for s in m.sections if s.name == SEALED)
    if (carried.sha256, carried.length) != (sealed_digest.sha256, sealed_digest.length):
        raise BundleError("The server-only section was altered.")
    if not isinstance(m.extra.get("chain", ""), str):
        raise BundleError("The result's chain id is malformed.")
    sequence, previous = m.extra.get("sequence"), m.extra.get("previous")
    if (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not 1 <= sequence <= MAX_SEQUENCE
    ):
        raise BundleError("The result's sequence number is malformed.")
    if (sequence == 1) != (previous is None) or (
        previous is not None and not isinstance(previous, str)
    ):
        raise BundleError("The result's chain link is malformed (first result has no previous).")
    answers = _answers(opened.sections[ANSWERS], m.extra.get("answer_count"))
    section = opened.sections[AUDIT]
    prefix = asked[0] if asked else None
    skipped = (
        prefix
        if prefix is not None and _starts_with(section, prefix, opened.midway_sha256)
        else None
    )
    audit = _audit(section[skipped.length :] if skipped else section, skipped)
    whole = None
    if audit or skipped:
        # The section's SHA-256 as the signed manifest lists it (open_sealed checked it
        # against these bytes): not hashed again.
        whole = AuditPrefix(
            (skipped.entries if skipped else 0) + len(audit),
            len(section),
            next(s.sha256 for s in m.sections if s.name == AUDIT),
            audit[-1].hash if audit else skipped.last_hash if skipped else "",
        )
    return VerifiedResult(
        opened, task_manifest, answers, audit, audit_skipped=skipped, audit_section=whole
    )


def _starts_with(section: bytes, prefix: AuditPrefix, digest: str | None) -> bool:
    """Whether an audit section starts with the exact bytes of a verified one, ending a
    line there: ``digest`` the SHA-256 of its first ``prefix.length`` bytes (hashed with
    the section by the envelope). None parsed."""
    if len(section) < prefix.length or section[prefix.length - 1 : prefix.length] != b"\n":
        return False
    return digest == prefix.sha256


def _lines(data: bytes, what: str) -> list[Any]:
    try:
        return safe_json.loads_lines(data)
    except ValueError:
        raise BundleError(f"The result's {what} section is not valid JSONL.") from None


def _well_typed(row: Any) -> bool:
    """An answer row's keys and types; ``suggestion`` (what the reviewer did with an AI
    judge's suggestion) is optional, an object checked by merge against the task."""
    return (
        isinstance(row, dict)
        and (
            set(row) == ANSWER_KEYS
            or (set(row) == ANSWER_KEYS | {"suggestion"} and isinstance(row["suggestion"], dict))
        )
        and isinstance(row["task_id"], str)
        and isinstance(row["revision"], int)
        and not isinstance(row["revision"], bool)
        and 1 <= row["revision"] <= MAX_REVISION
        and isinstance(row["answers"], dict)
        and isinstance(row["display_order"], dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in row["display_order"].items())
        and isinstance(row["saved_at"], str)
        and isinstance(row["time_spent_s"], (int, float))
        and not isinstance(row["time_spent_s"], bool)
        and 0 <= row["time_spent_s"] <= MAX_TIME_SPENT_S  # false for NaN; no float overflow
        and isinstance(row["status"], str)
    )


def _answers(data: bytes, count: Any) -> list[dict[str, Any]]:
    rows = _lines(data, "answers")
    seen: set[str] = set()
    for row in rows:
        if not _well_typed(row):
            raise BundleError("The result holds a malformed answer row.")
        if row["task_id"] in seen:
            raise BundleError(f"The result answers task {row['task_id']!r} twice.")
        seen.add(row["task_id"])
    if count != len(rows):
        raise BundleError(f"The result holds {len(rows)} answers; its manifest says {count}.")
    return rows


AUDIT_FIELDS = ("seq", "at", "action", "subject", "detail", "prev_hash", "hash")


def _entries(data: bytes) -> list[AuditEntry]:
    """An audit section's entries, each of the seven fields present and nothing more."""
    entries = []
    for row in _lines(data, "audit"):
        # Positional, not AuditEntry(**row): a result carries tens of thousands of entries.
        if not isinstance(row, dict) or len(row) != len(AUDIT_FIELDS):
            raise BundleError("The result's audit log is malformed.")
        try:
            entries.append(AuditEntry(*(row[f] for f in AUDIT_FIELDS)))
        except KeyError:
            raise BundleError("The result's audit log is malformed.") from None
    return entries


def _audit(data: bytes, after: AuditPrefix | None = None) -> list[AuditEntry]:
    """The entries of ``data``, checked as a hash chain (each one hashed against its
    content): the whole log, or with ``after`` the entries that follow a verified part."""
    entries = _entries(data)
    start = (after.entries, after.last_hash) if after is not None else (0, GENESIS)
    problem = first_break(entries, after=start)
    if problem:
        raise BundleError(f"The result's audit log does not verify: {problem}")
    return entries


def keyring_cards(directory: Any) -> list[PublicCard]:
    """The public cards (``*.pub``) in a keyring folder; two files claiming one identity
    are refused, naming both (:func:`~docket.bundles.envelope.distinct_cards`)."""
    from pathlib import Path

    paths = sorted(Path(directory).glob("*.pub"))
    cards = [PublicCard.load(p) for p in paths]
    if not cards:
        raise BundleError(f"No public cards (*.pub) in the keyring {directory}.")
    distinct_cards(cards, sources=[str(p) for p in paths], what="cards in the keyring")
    return cards
