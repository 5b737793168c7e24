"""The signed manifest: what a bundle is, who sent it to whom, and the hash of every section.

Serialised as canonical JSON (sorted keys, no spaces) and signed as those exact bytes
with minisign; the trusted comment repeats the payload type and bundle id, so a
signature cannot be moved to another bundle. A bundle's *hash* is the SHA-256 of its
manifest bytes: it commits to every section, and it survives re-encryption.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from docket.bundles.keys import PublicCard
from docket.core import safe_json
from docket.errors import ManifestError, UnsupportedVersionError

FORMAT = "docket-bundle"
FORMAT_VERSION = 1
PAYLOAD_SECTIONS: dict[str, tuple[str, ...]] = {
    "task": ("tasks.jsonl", "schema.json", "guidelines.md", "sealed.age"),
    "result": (
        "answers.jsonl",
        "audit.jsonl",
        "task-manifest.json",
        "task-manifest.json.minisig",
        "sealed.age",
    ),
    # Server -> reviewer: a training round of gold items whose expected answers and
    # explanations travel with them (``calibration.jsonl``), shown after each answer.
    "calibration-task": (
        "tasks.jsonl",
        "schema.json",
        "guidelines.md",
        "sealed.age",
        "calibration.jsonl",
    ),
    # Server -> lead: the disagreements, with every reviewer's answer.
    "adjudication-task": (
        "tasks.jsonl",
        "schema.json",
        "guidelines.md",
        "sealed.age",
        "reviews.jsonl",
    ),
    # Lead -> server: the verdicts, shaped like a result bundle.
    "adjudication": (
        "answers.jsonl",
        "audit.jsonl",
        "task-manifest.json",
        "task-manifest.json.minisig",
        "sealed.age",
    ),
}
OPTIONAL_SECTIONS: dict[str, tuple[str, ...]] = {
    # AI judges' suggestions, shown to the reviewer as the task's form says.
    "task": ("suggestions.jsonl",),
}
ANSWERED_TYPE: dict[str, tuple[str, ...]] = {
    "result": ("task", "calibration-task"),
    "adjudication": ("adjudication-task",),
}
"""For each result type, the types of bundle it may answer."""
TASK_TYPES = ("task", "calibration-task", "adjudication-task")
"""The bundle types a reviewer (or lead) imports into a workspace and answers."""
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC with milliseconds: two bundles packed in the same second still order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    fingerprint: str
    age: str
    minisign: str

    @classmethod
    def of(cls, card: PublicCard) -> Party:
        return cls(card.name, card.fingerprint, card.age_recipient, card.minisign_key)

    def matches(self, card: PublicCard) -> bool:
        return self == Party.of(card)


@dataclass(frozen=True, slots=True)
class SectionDigest:
    name: str
    sha256: str
    length: int


@dataclass(frozen=True, slots=True)
class Manifest:
    type: str
    bundle_id: str
    project: str
    issuer: Party
    recipient: Party
    created_at: str
    expires_at: str | None
    sections: tuple[SectionDigest, ...]
    extra: dict[str, Any] = field(default_factory=dict)
    """Type-specific fields: ``assignment`` for tasks; ``answers_bundle``, ``sequence``
    and ``previous`` for results."""

    @property
    def trusted_comment(self) -> str:
        return f"docket-bundle type={self.type} id={self.bundle_id}"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "type": self.type,
            "bundle_id": self.bundle_id,
            "project": self.project,
            "issuer": _party_json(self.issuer),
            "recipient": _party_json(self.recipient),
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "sections": [
                {"name": s.name, "sha256": s.sha256, "length": s.length} for s in self.sections
            ],
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and (now or utc_now()) >= parse_iso(self.expires_at)

    @classmethod
    def parse(cls, raw: bytes) -> Manifest:
        """Parse *verified* manifest bytes strictly."""
        try:
            data = safe_json.loads(raw)
        except ValueError:
            raise ManifestError("The bundle manifest is not valid JSON.") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ManifestError("The bundle manifest is not a Docket manifest.")
        if data.get("version") != FORMAT_VERSION:
            raise UnsupportedVersionError(
                f"The bundle has format version {data.get('version')!r}; this Docket reads "
                f"version {FORMAT_VERSION}."
            )
        try:
            kind = _str(data, "type")
            if kind not in PAYLOAD_SECTIONS:
                raise ManifestError(f"Unknown bundle type {kind!r}.")
            bundle_id = _str(data, "bundle_id")
            if not _ID.match(bundle_id):
                raise ManifestError("The bundle id has unexpected characters.")
            expires = data.get("expires_at")
            if expires is not None:
                parse_iso(_str(data, "expires_at"))
            parse_iso(_str(data, "created_at"))
            sections = tuple(_section(s) for s in _list(data, "sections"))
            names = [s.name for s in sections]
            required, optional = PAYLOAD_SECTIONS[kind], OPTIONAL_SECTIONS.get(kind, ())
            if len(set(names)) != len(names) or sorted(
                n for n in names if n not in optional
            ) != sorted(required):
                raise ManifestError(
                    f"A {kind} bundle has sections {sorted(PAYLOAD_SECTIONS[kind])}, "
                    f"the manifest lists {sorted(names)}."
                )
            known = {"format", "version", "type", "bundle_id", "project", "issuer",
                     "recipient", "created_at", "expires_at", "sections"}  # fmt: skip
            manifest = cls(
                type=kind,
                bundle_id=bundle_id,
                project=_str(data, "project"),
                issuer=_party(data.get("issuer"), "issuer"),
                recipient=_party(data.get("recipient"), "recipient"),
                created_at=data["created_at"],
                expires_at=expires,
                sections=sections,
                extra={k: v for k, v in data.items() if k not in known},
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ManifestError):
                raise
            raise ManifestError(f"The bundle manifest is malformed ({exc}).") from None
        if manifest.to_bytes() != raw:
            raise ManifestError("The bundle manifest is not in canonical form.")
        return manifest


def _party_json(p: Party) -> dict[str, str]:
    return {"name": p.name, "fingerprint": p.fingerprint, "age": p.age, "minisign": p.minisign}


def _str(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ManifestError(f"Manifest field {key!r} must be a string.")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data[key]
    if not isinstance(value, list):
        raise ManifestError(f"Manifest field {key!r} must be a list.")
    return value


def _party(value: Any, what: str) -> Party:
    if not isinstance(value, dict) or set(value) != {"name", "fingerprint", "age", "minisign"}:
        raise ManifestError(f"Manifest field {what!r} must name a party.")
    if not all(isinstance(v, str) for v in value.values()):
        raise ManifestError(f"Manifest field {what!r} must hold strings.")
    return Party(value["name"], value["fingerprint"], value["age"], value["minisign"])


def _section(value: Any) -> SectionDigest:
    if not isinstance(value, dict) or set(value) != {"name", "sha256", "length"}:
        raise ManifestError("Each manifest section has a name, a sha256 and a length.")
    name, digest, length = value["name"], value["sha256"], value["length"]
    if not isinstance(name, str) or not isinstance(digest, str) or not _SHA.match(digest):
        raise ManifestError("A manifest section has a malformed name or hash.")
    if isinstance(length, bool) or not isinstance(length, int) or length < 0:
        raise ManifestError("A manifest section has a malformed length.")
    return SectionDigest(name, digest, length)
