"""The plaintext container inside a bundle: named, length-prefixed sections.

Layout: ``MAGIC``, one byte section count, then per section a one-byte name length, the
ASCII name, an 8-byte big-endian length and the bytes. Nothing else: no file paths (names
come from a fixed allow-list and never reach the file system), every length is capped
before anything is read, duplicate, unknown or missing sections and trailing bytes are
errors.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

from docket.errors import ContainerError

MAGIC = b"DOCKETC1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
KiB, MiB = 1024, 1024 * 1024

SECTION_LIMITS: dict[str, int] = {
    MANIFEST: 1 * MiB,
    SIGNATURE: 4 * KiB,
    "tasks.jsonl": 1024 * MiB,
    "schema.json": 4 * MiB,
    "guidelines.md": 16 * MiB,
    "sealed.age": 64 * MiB,
    "reviews.jsonl": 256 * MiB,
    "calibration.jsonl": 64 * MiB,
    "suggestions.jsonl": 1024 * MiB,
    "answers.jsonl": 512 * MiB,
    "audit.jsonl": 256 * MiB,
    "task-manifest.json": 1 * MiB,
    "task-manifest.json.minisig": 4 * KiB,
}
MAX_SECTIONS = 16
_LENGTH = struct.Struct(">Q")


def pack(sections: Mapping[str, bytes]) -> bytes:
    """Serialise sections in the given order (manifest and signature first)."""
    if len(sections) > MAX_SECTIONS:
        raise ValueError("too many sections")
    out = bytearray(MAGIC)
    out.append(len(sections))
    for name, data in sections.items():
        limit = SECTION_LIMITS.get(name)
        if limit is None:
            raise ValueError(f"unknown section {name!r}")
        if len(data) > limit:
            raise ContainerError(
                f"Section {name} is {len(data)} bytes, over its {limit}-byte limit."
            )
        encoded = name.encode("ascii")
        out.append(len(encoded))
        out += encoded
        out += _LENGTH.pack(len(data))
        out += data
    return bytes(out)


def unpack(data: bytes | memoryview, *, required: frozenset[str] | None) -> dict[str, bytes]:
    """Parse the container; with ``required``, exactly those sections must be present."""
    view = memoryview(data)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise ContainerError("The decrypted bundle is not a Docket container.")
    pos = len(MAGIC)
    if len(view) <= pos:
        raise ContainerError("The bundle is truncated (no section count).")
    count = view[pos]
    pos += 1
    if count > MAX_SECTIONS:
        raise ContainerError(
            f"The bundle declares {count} sections; at most {MAX_SECTIONS} are allowed."
        )
    sections: dict[str, bytes] = {}
    for _ in range(count):
        if pos >= len(view):
            raise ContainerError("The bundle is truncated (a section header is missing).")
        name_len = view[pos]
        pos += 1
        raw_name = bytes(view[pos : pos + name_len])
        pos += name_len
        if len(raw_name) != name_len:
            raise ContainerError("The bundle is truncated inside a section name.")
        try:
            name = raw_name.decode("ascii")
        except UnicodeDecodeError:
            raise ContainerError("A section name is not ASCII.") from None
        if name not in SECTION_LIMITS:
            raise ContainerError(f"Unknown section {name!r} in the bundle.")
        if name in sections:
            raise ContainerError(f"Section {name!r} appears twice in the bundle.")
        if pos + _LENGTH.size > len(view):
            raise ContainerError("The bundle is truncated inside a section length.")
        (length,) = _LENGTH.unpack(view[pos : pos + _LENGTH.size])
        pos += _LENGTH.size
        if length > SECTION_LIMITS[name]:
            raise ContainerError(
                f"Section {name!r} declares {length} bytes, "
                f"over its {SECTION_LIMITS[name]}-byte limit."
            )
        if pos + length > len(view):
            raise ContainerError(f"The bundle is truncated inside section {name!r}.")
        sections[name] = bytes(view[pos : pos + length])
        pos += length
    if pos != len(view):
        raise ContainerError("The bundle has unexpected bytes after its last section.")
    if required is None:
        return sections
    missing = sorted(required - sections.keys())
    if missing:
        raise ContainerError(f"The bundle lacks section(s) {missing}.")
    extra = sorted(sections.keys() - required)
    if extra:
        raise ContainerError(f"The bundle has section(s) {extra} that do not belong to its type.")
    return sections
