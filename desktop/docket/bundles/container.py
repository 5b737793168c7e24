"""The plaintext container inside a bundle: named, length-prefixed sections.

Layout: ``MAGIC``, one byte section count, then per section a one-byte name length, the
ASCII name, an 8-byte big-endian length and the bytes. Nothing else: no file paths (names
come from a fixed allow-list and never reach the file system), every length is capped
before anything is read, duplicate, unknown or missing sections and trailing bytes are
errors.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

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
    "sealed.age": 256 * MiB,  # about 1 KB a task in the server's archive (PII findings)
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


class SectionSink:
    """Where :class:`StreamReader` puts one section's bytes, in order."""

    def update(self, data: memoryview) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def end(self) -> None:
        """The section is complete."""


class Keep(SectionSink):
    """Keeps the section's bytes (its length is capped before anything is kept)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def update(self, data: memoryview) -> None:
        self.data += data


SinkFor = Callable[[str, int], SectionSink | None]
"""Given a section's name and declared length, the sink for its bytes (None: skip them)."""


class StreamReader:
    """The container parsed as it arrives, for bundles too large to hold whole.

    The same rules as :func:`unpack` (magic, section count, allow-listed names, no
    duplicates, every length capped *before* its bytes are read, no trailing bytes), but
    the bytes of each section go to the sink ``sink_for(name, length)`` picks, chunk by
    chunk, so a caller can hash a section without keeping it. Feed it with :meth:`write`
    (it is a writable file object for ``pyrage.decrypt_io``), then call :meth:`close`,
    which raises when the container is incomplete."""

    def __init__(self, sink_for: SinkFor) -> None:
        self._sink_for = sink_for
        self._header = bytearray()
        self._count: int | None = None
        self._done = 0
        self.names: list[str] = []
        self.lengths: dict[str, int] = {}
        self._sink: SectionSink | None = None
        self._left = 0  # bytes still due in the current section body
        self.received = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data)
        self.received += len(view)
        pos = 0
        while pos < len(view):
            if self._left:
                take = min(self._left, len(view) - pos)
                if self._sink is not None:
                    self._sink.update(view[pos : pos + take])
                pos += take
                self._left -= take
                if not self._left:
                    self._end_section()
                continue
            if self._count is not None and self._done == self._count:
                raise ContainerError("The bundle has unexpected bytes after its last section.")
            # Header bytes: gather until one whole header (magic/count or a section's
            # name and length) is there; they are at most 8 + 1 + 1 + 255 + 8 bytes.
            self._header.append(view[pos])
            pos += 1
            self._parse_header()
        return len(view)

    def _parse_header(self) -> None:
        h = self._header
        if self._count is None:
            if len(h) < len(MAGIC) + 1:
                if len(h) == len(MAGIC) and bytes(h) != MAGIC:
                    raise ContainerError("The decrypted bundle is not a Docket container.")
                return
            if bytes(h[: len(MAGIC)]) != MAGIC:
                raise ContainerError("The decrypted bundle is not a Docket container.")
            self._count = h[len(MAGIC)]
            if self._count > MAX_SECTIONS:
                raise ContainerError(
                    f"The bundle declares {self._count} sections; "
                    f"at most {MAX_SECTIONS} are allowed."
                )
            h.clear()
            return
        name_len = h[0]
        if len(h) < 1 + name_len + _LENGTH.size:
            return
        try:
            name = bytes(h[1 : 1 + name_len]).decode("ascii")
        except UnicodeDecodeError:
            raise ContainerError("A section name is not ASCII.") from None
        if name not in SECTION_LIMITS:
            raise ContainerError(f"Unknown section {name!r} in the bundle.")
        if name in self.lengths:
            raise ContainerError(f"Section {name!r} appears twice in the bundle.")
        (length,) = _LENGTH.unpack(h[1 + name_len :])
        if length > SECTION_LIMITS[name]:
            raise ContainerError(
                f"Section {name!r} declares {length} bytes, "
                f"over its {SECTION_LIMITS[name]}-byte limit."
            )
        h.clear()
        self.names.append(name)
        self.lengths[name] = length
        self._sink = self._sink_for(name, length)
        self._left = length
        if not length:
            self._end_section()

    def _end_section(self) -> None:
        if self._sink is not None:
            self._sink.end()
        self._sink = None
        self._done += 1

    def flush(self) -> None:
        pass

    def close(self) -> None:
        """Check that the container ended exactly after its last section."""
        if self._count is None:
            if len(self._header) < len(MAGIC) or bytes(self._header[: len(MAGIC)]) != MAGIC:
                raise ContainerError("The decrypted bundle is not a Docket container.")
            raise ContainerError("The bundle is truncated (no section count).")
        if self._left:
            raise ContainerError(f"The bundle is truncated inside section {self.names[-1]!r}.")
        if self._done < self._count:
            if self._header:
                raise ContainerError("The bundle is truncated inside a section header.")
            raise ContainerError("The bundle is truncated (a section header is missing).")


class LineSplitter:
    """Bytes in, lines out: ``on_line`` gets each line without its ``\\n``, as
    ``bytes.splitlines`` would give a JSONL section written by Docket (one ``\\n`` after
    every line); a last line without one is given by :meth:`close`."""

    def __init__(self, on_line: Callable[[bytes], object]) -> None:
        self._on_line = on_line
        self._parts: list[bytes] = []  # the line begun, in pieces (no quadratic joins)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        chunk = bytes(data)
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if self._parts:
                self._parts.append(chunk[start:end])
                line = b"".join(self._parts)
                self._parts.clear()
            else:
                line = chunk[start:end]
            self._on_line(line)
            start = end + 1
        if start < len(chunk):
            self._parts.append(chunk[start:])
        return len(chunk)

    def close(self) -> None:
        if self._parts:
            line = b"".join(self._parts)
            self._parts.clear()
            self._on_line(line)


def pack_chunks(sections: Sequence[tuple[str, int, Iterable[bytes]]]) -> Iterator[bytes]:
    """:func:`pack` for sections too large to hold: each is ``(name, length, chunks)``,
    its length known beforehand (checked against its cap first, and against the bytes
    its chunks give)."""
    check_lengths([(name, length) for name, length, _ in sections])
    return _chunks(sections)


def check_lengths(sections: Sequence[tuple[str, int]]) -> None:
    """Refuse, before anything is written, sections that :func:`unpack` would refuse."""
    if len(sections) > MAX_SECTIONS:
        raise ValueError("too many sections")
    for name, length in sections:
        limit = SECTION_LIMITS.get(name)
        if limit is None:
            raise ValueError(f"unknown section {name!r}")
        if length > limit:
            raise ContainerError(f"Section {name} is {length} bytes, over its {limit}-byte limit.")


def _chunks(sections: Sequence[tuple[str, int, Iterable[bytes]]]) -> Iterator[bytes]:
    yield MAGIC + bytes([len(sections)])
    for name, length, chunks in sections:
        encoded = name.encode("ascii")
        yield bytes([len(encoded)]) + encoded + _LENGTH.pack(length)
        given = 0
        for chunk in chunks:
            given += len(chunk)
            yield chunk
        if given != length:
            raise ValueError(f"section {name!r} gave {given} bytes, not {length}")


class ChunkReader:
    """A readable file object over an iterator of byte chunks (for ``pyrage.encrypt_io``)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buffer = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0 or size >= len(self._buffer):
            out = bytes(self._buffer)
            self._buffer.clear()
            return out
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out
