"""age v1 encryption through pyrage, behind a strict header check.

pyrage (the Rust ``age`` crate) does the cryptography. In front of it,
:func:`check_header` parses the header exactly as the age specification (C2SP) states and
rejects what the crate tolerates: a stanza without its final short body line, body lines
that are not canonical base64, scrypt work factors above :data:`MAX_SCRYPT_LOG_N` (checked
*before* any key derivation, so a hostile file cannot make Docket spin). Every failure is
a typed :class:`~docket.errors.BundleError` naming the stage that failed (header, no
matching key, header MAC, payload), and no plaintext is ever returned from a failed
decryption: output is released only after the final chunk authenticated.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeAlias

import pyrage

from docket.errors import AgeHeaderError, AgeHmacError, AgePayloadError, NotForYouError

MAGIC = b"age-encryption.org/v1\n"
MAX_HEADER_BYTES = 64 * 1024
MAX_STANZAS = 64
MAX_SCRYPT_LOG_N = 22
"""Highest scrypt work factor accepted (age's own default limit)."""
COLUMNS = 64
NONCE_BYTES = 16
_VCHAR_ARG = re.compile(rb"^[\x21-\x7e]+$")
_B64_LINE = re.compile(rb"^[A-Za-z0-9+/]*$")
_DECIMAL = re.compile(rb"^[1-9][0-9]*$")

Identity: TypeAlias = pyrage.x25519.Identity
Recipient: TypeAlias = pyrage.x25519.Recipient


@dataclass(frozen=True, slots=True)
class Stanza:
    type: str
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True, slots=True)
class AgeHeader:
    stanzas: tuple[Stanza, ...]
    length: int
    """Bytes of the header including the MAC line (the payload nonce follows)."""

    @property
    def is_passphrase(self) -> bool:
        return any(s.type == "scrypt" for s in self.stanzas)


def _b64(data: bytes, what: str) -> bytes:
    """Canonical unpadded base64, as age requires."""
    if not _B64_LINE.match(data):
        raise AgeHeaderError(f"Malformed bundle header: {what} is not base64.")
    try:
        decoded = base64.b64decode(data + b"=" * (-len(data) % 4), validate=True)
    except binascii.Error:
        raise AgeHeaderError(f"Malformed bundle header: {what} is not base64.") from None
    if base64.b64encode(decoded).rstrip(b"=") != data:
        raise AgeHeaderError(f"Malformed bundle header: {what} is not canonical base64.")
    return decoded


def check_header(data: bytes) -> AgeHeader:
    """Parse and validate an age v1 header from the start of ``data``."""
    if not data.startswith(MAGIC):
        if data.startswith(MAGIC[:-1]):
            raise AgeHeaderError("Malformed bundle header: bad version line.")
        if data.startswith(b"age-encryption.org/"):
            raise AgeHeaderError("The bundle uses an age version this Docket does not read.")
        raise AgeHeaderError("This is not a Docket bundle (no age header).")
    end = data.find(b"\n---", 0, MAX_HEADER_BYTES)
    if end < 0:
        raise AgeHeaderError("Malformed bundle header: no MAC line within the size limit.")
    mac_end = data.find(b"\n", end + 1)
    if mac_end < 0:
        raise AgeHeaderError("Malformed bundle header: truncated MAC line.")
    mac_line = data[end + 1 : mac_end]
    if not mac_line.startswith(b"--- "):
        raise AgeHeaderError("Malformed bundle header: bad MAC line.")
    if len(_b64(mac_line[4:], "the header MAC")) != 32:
        raise AgeHeaderError("Malformed bundle header: the header MAC has the wrong length.")
    lines = data[len(MAGIC) : end + 1].split(b"\n")[:-1]
    stanzas = _stanzas(lines)
    _check_known_stanzas(stanzas)
    if len(data) < mac_end + 1 + NONCE_BYTES:
        raise AgeHeaderError("The bundle is truncated right after its header (no payload nonce).")
    return AgeHeader(tuple(stanzas), mac_end + 1)


def _stanzas(lines: list[bytes]) -> list[Stanza]:
    stanzas: list[Stanza] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith(b"-> "):
            raise AgeHeaderError("Malformed bundle header: a stanza must start with '-> '.")
        parts = line[3:].split(b" ")
        if not parts or any(not _VCHAR_ARG.match(p) for p in parts):
            raise AgeHeaderError("Malformed bundle header: empty or invalid stanza argument.")
        i += 1
        body = b""
        while True:
            if i >= len(lines):
                raise AgeHeaderError(
                    "Malformed bundle header: a stanza must end with a short body line."
                )
            chunk = lines[i]
            i += 1
            if chunk.startswith(b"-> ") or chunk.startswith(b"---"):
                raise AgeHeaderError(
                    "Malformed bundle header: a stanza must end with a short body line."
                )
            if len(chunk) > COLUMNS:
                raise AgeHeaderError("Malformed bundle header: a body line is too long.")
            body += chunk
            if len(chunk) < COLUMNS:
                break
        stanzas.append(
            Stanza(
                parts[0].decode(), tuple(p.decode() for p in parts[1:]), _b64(body, "a stanza body")
            )
        )
        if len(stanzas) > MAX_STANZAS:
            raise AgeHeaderError("Malformed bundle header: too many recipients.")
    if not stanzas:
        raise AgeHeaderError("Malformed bundle header: no recipient stanza.")
    return stanzas


def _check_known_stanzas(stanzas: Sequence[Stanza]) -> None:
    for s in stanzas:
        if s.type == "X25519":
            if len(s.args) != 1:
                raise AgeHeaderError(
                    "Malformed bundle header: an X25519 stanza takes one argument."
                )
            if len(_b64(s.args[0].encode(), "an X25519 share")) != 32:
                raise AgeHeaderError("Malformed bundle header: an X25519 share must be 32 bytes.")
            if len(s.body) != 32:
                raise AgeHeaderError(
                    "Malformed bundle header: a wrapped file key must be 32 bytes."
                )
        elif s.type == "scrypt":
            if len(stanzas) != 1:
                raise AgeHeaderError("Malformed bundle header: a scrypt stanza must be alone.")
            if len(s.args) != 2:
                raise AgeHeaderError(
                    "Malformed bundle header: a scrypt stanza takes two arguments."
                )
            if len(_b64(s.args[0].encode(), "the scrypt salt")) != 16:
                raise AgeHeaderError("Malformed bundle header: the scrypt salt must be 16 bytes.")
            factor = s.args[1].encode()
            if not _DECIMAL.match(factor) or len(factor) > 2:
                raise AgeHeaderError("Malformed bundle header: bad scrypt work factor.")
            if int(factor) > MAX_SCRYPT_LOG_N:
                raise AgeHeaderError(
                    f"The scrypt work factor 2^{int(factor)} is above the limit of "
                    f"2^{MAX_SCRYPT_LOG_N}; refusing to spend minutes on it."
                )
            if len(s.body) != 32:
                raise AgeHeaderError(
                    "Malformed bundle header: a wrapped file key must be 32 bytes."
                )


def _classify(exc: Exception, header: AgeHeader) -> Exception:
    """Map pyrage's error to the stage that failed."""
    text = str(exc).lower()
    if "no matching keys" in text or "no identity matched" in text:
        return NotForYouError("This bundle is not addressed to your key.")
    if header.is_passphrase and text == "decryption failed":
        # pyrage reports every scrypt failure alike; the header already passed the
        # strict check, so it is the passphrase (or the work factor it implies).
        return NotForYouError("Wrong passphrase.")
    if "mac" in text:
        return AgeHmacError("The bundle header was altered (header MAC mismatch).")
    if "header" in text or ("invalid" in text and "stanza" in text):
        return AgeHeaderError(f"Malformed bundle header ({exc}).")
    return AgePayloadError(f"The bundle is damaged or truncated ({exc}).")


def decrypt(
    data: bytes,
    identities: Sequence[Identity] = (),
    *,
    passphrase: str | None = None,
) -> bytes:
    """Decrypt a whole age file held in memory; nothing is returned unless all of it
    authenticated."""
    header = check_header(data)
    try:
        if passphrase is not None:
            if not header.is_passphrase:
                raise NotForYouError("This file is not protected by a passphrase.")
            return bytes(pyrage.passphrase.decrypt(data, passphrase))
        if header.is_passphrase:
            raise NotForYouError("This file is protected by a passphrase, not addressed to a key.")
        return bytes(pyrage.decrypt(data, list(identities)))
    except pyrage.DecryptError as exc:
        raise _classify(exc, header) from None


def decrypt_path(path: Path, identities: Sequence[Identity]) -> bytes:
    """Decrypt a file, streaming: the ciphertext is never held in memory as a whole.

    Plaintext is accumulated privately and returned only once the last chunk has
    authenticated; on any failure it is dropped with the exception.
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise AgePayloadError(f"Cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        header = check_header(fh.read(MAX_HEADER_BYTES + NONCE_BYTES))
        fh.seek(0)
        out = io.BytesIO()
        try:
            pyrage.decrypt_io(fh, out, list(identities))
        except pyrage.DecryptError as exc:
            raise _classify(exc, header) from None
        except OSError as exc:
            # pyrage reports STREAM failures while reading as OSError without an errno;
            # a real I/O error carries one.
            if exc.errno is not None:
                raise AgePayloadError(f"Cannot read {path}: {exc.strerror or exc}") from None
            raise _classify(exc, header) from None
        return out.getvalue()


class PlaintextSink(Protocol):
    """A writable file object for the plaintext (``write`` may raise to stop)."""

    def write(self, data: bytes, /) -> int: ...


def decrypt_path_to(path: Path, identities: Sequence[Identity], sink: PlaintextSink) -> None:
    """Decrypt a file chunk by chunk into ``sink``, in constant memory.

    Every chunk ``sink`` gets has authenticated (age's STREAM seals each 64 KiB), but only
    the return of this function says the file was neither truncated nor extended: a caller
    commits nothing before it returns, and drops what it gathered when it raises. An
    exception raised by ``sink`` (a cancel) stops decryption and propagates unchanged.
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise AgePayloadError(f"Cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        header = check_header(fh.read(MAX_HEADER_BYTES + NONCE_BYTES))
        fh.seek(0)
        try:
            pyrage.decrypt_io(fh, sink, list(identities))
        except pyrage.DecryptError as exc:
            raise _classify(exc, header) from None
        except OSError as exc:
            # As in decrypt_path: pyrage reports STREAM failures as OSError without errno.
            if exc.errno is not None:
                raise AgePayloadError(f"Cannot read {path}: {exc.strerror or exc}") from None
            raise _classify(exc, header) from None


def encrypt(plaintext: bytes, recipient: Recipient) -> bytes:
    """Encrypt to exactly one recipient."""
    return bytes(pyrage.encrypt(plaintext, [recipient]))


def encrypt_to_file(plaintext: bytes, recipient: Recipient, out: BinaryIO) -> None:
    """Encrypt streaming into ``out`` (no second copy of the ciphertext in memory)."""
    pyrage.encrypt_io(io.BytesIO(plaintext), out, [recipient])


def encrypt_stream(plaintext: BinaryIO | Any, recipient: Recipient, out: BinaryIO) -> None:
    """Encrypt what ``plaintext.read(n)`` gives, chunk by chunk, into ``out``: neither
    the plaintext nor the ciphertext is held whole. An error raised by ``plaintext`` is
    raised as itself (pyrage would wrap it in an ``EncryptError``)."""
    failed: list[BaseException] = []

    class Reader:
        def read(self, size: int = -1) -> bytes:
            try:
                data: bytes = plaintext.read(size)
            except BaseException as exc:
                failed.append(exc)
                raise
            return data

    try:
        pyrage.encrypt_io(Reader(), out, [recipient])
    except BaseException:
        if failed:
            raise failed[0] from None
        raise
