"""Sign, then encrypt; decrypt, then verify, then parse.

:func:`seal` builds the container (manifest, its minisign signature, the payload
sections), and encrypts it to one recipient. :func:`open_sealed` reverses it in the only
safe order: decrypt (age), split the container (capped lengths, allow-listed names),
verify the signature over the exact manifest bytes with the expected signer's key, and
only then parse the manifest and check recipient, expiry, section hashes and lengths.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import minisign

from docket.bundles import age_layer, container
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.manifest import Manifest, SectionDigest, sha256
from docket.core import safe_json
from docket.errors import (
    BundleError,
    ContainerError,
    ExpiredBundleError,
    KeyringError,
    ManifestError,
    NotForYouError,
    OutputFileError,
    SignatureError,
)

MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024
MAX_RESULT_BYTES = 256 * 1024 * 1024
"""A result bundle: a reviewer's answers and audit log, far below a task bundle's size (a
100,000-task result with rationales is under 100 MB). verify and merge read at most this."""
"""The largest file read as a bundle (2 GiB; the largest a Docket bundle can be, every
section at its cap, is about 1.4 GiB). A larger file is refused before a byte of it is
read, and reading never takes more than this."""


@dataclass(frozen=True, slots=True)
class Opened:
    """A verified bundle: its manifest (exact signed bytes too) and payload sections."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    sections: dict[str, bytes]
    signer: PublicCard
    midway_sha256: str | None = None
    """The SHA-256 of the first bytes of a section that :func:`open_sealed` was asked
    for (``midway``), taken in the same pass as the section's own hash; None when not
    asked or when the section is shorter."""

    @property
    def hash(self) -> str:
        return sha256(self.manifest_bytes)


class LargeSection:
    """A section too large to hold as one ``bytes``: ``chunks()`` gives its bytes, the same
    each time it is called (once to hash them for the manifest, once to encrypt them)."""

    def __init__(
        self, chunks: Callable[[], Iterable[bytes]], digest: tuple[str, int] | None = None
    ) -> None:
        """``digest``: the SHA-256 and length of the chunks, when the caller has them."""
        self.chunks = chunks
        self._digest = digest

    def digest(self) -> tuple[str, int]:
        """Its SHA-256 and length, from one pass over the chunks (then kept)."""
        if self._digest is None:
            h, n = hashlib.sha256(), 0
            for chunk in self.chunks():
                h.update(chunk)
                n += len(chunk)
            self._digest = (h.hexdigest(), n)
        return self._digest


Section = bytes | LargeSection


def digests(sections: Mapping[str, Section]) -> tuple[SectionDigest, ...]:
    out = []
    for name, data in sections.items():
        if isinstance(data, LargeSection):
            out.append(SectionDigest(name, *data.digest()))
        else:
            out.append(SectionDigest(name, sha256(data), len(data)))
    return tuple(out)


def sign_manifest(manifest: Manifest, key: SecretKey) -> tuple[bytes, bytes]:
    raw = manifest.to_bytes()
    signature = key.signer().sign(raw, trusted_comment=manifest.trusted_comment)
    return raw, bytes(signature)


def seal(
    manifest: Manifest, sections: Mapping[str, bytes], key: SecretKey, to: PublicCard
) -> bytes:
    """The encrypted bundle bytes. ``manifest.sections`` must describe ``sections``."""
    if manifest.sections != digests(sections):
        raise ValueError("the manifest does not describe these sections")
    raw, signature = sign_manifest(manifest, key)
    plain = container.pack({container.MANIFEST: raw, container.SIGNATURE: signature, **sections})
    return age_layer.encrypt(plain, to.recipient())


def seal_to(
    out: BinaryIO,
    manifest: Manifest,
    sections: Mapping[str, Section],
    key: SecretKey,
    to: PublicCard,
) -> None:
    """:func:`seal` written into ``out`` as it is encrypted: large sections are never
    held whole, nor is the container or the ciphertext."""
    if manifest.sections != digests(sections):
        raise ValueError("the manifest does not describe these sections")
    raw, signature = sign_manifest(manifest, key)
    parts: list[tuple[str, int, Iterable[bytes]]] = [
        (container.MANIFEST, len(raw), (raw,)),
        (container.SIGNATURE, len(signature), (signature,)),
    ]
    for name, data in sections.items():
        if isinstance(data, LargeSection):
            parts.append((name, data.digest()[1], data.chunks()))
        else:
            parts.append((name, len(data), (data,)))
    age_layer.encrypt_stream(
        container.ChunkReader(container.pack_chunks(parts)), to.recipient(), out
    )


class StagedFile:
    """A file written under a temporary name beside ``path``: :meth:`commit` gives it its
    name once complete and on disk, :meth:`discard` removes it (so a failed or
    interrupted write leaves no file under the final name)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError as exc:
            raise _write_error(path, exc) from exc
        self._tmp = Path(tmp)
        self.file: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise _write_error(self.path, exc) from exc
        _sync_directory(self.path.parent)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink(missing_ok=True)


def write_atomically(
    path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Write a file so that it is either absent or complete, even on a crash.

    ``before_replace`` runs once the data is safely on disk but before it takes the final
    name; if it raises, the file never appears (an export is recorded there, so a failed
    record leaves no file and a missing file leaves no record)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    recorded = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
            recorded = True
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # never hide the error that matters
            Path(tmp).unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        error = _write_error(path, exc)
        if recorded:  # the record is committed; only the rename failed
            error = OutputFileError(
                f"Could not give {path} its name ({exc.strerror or exc}) after it was recorded.",
                hint="Export again: the next bundle carries every answer.",
            )
        raise error from exc
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable. Directories cannot be opened for fsync everywhere
    (Windows); there the rename is as durable as the OS makes it."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _write_error(path: Path, exc: OSError) -> OutputFileError:
    why = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputFileError(f"Could not write {path}: {why}. Nothing was written.")


def _too_large(path: Path, size: int, limit: int = MAX_BUNDLE_BYTES) -> BundleError:
    return BundleError(
        f"{path} is {size:,} bytes, over the {limit:,}-byte limit of a Docket "
        "bundle; it was not read.",
        hint="This is not a bundle Docket wrote, or it was damaged: ask the sender for a "
        "fresh copy. Nothing was imported or merged.",
    )


def check_bundle_path(path: str | Path, limit: int = MAX_BUNDLE_BYTES) -> Path:
    """The path of a readable bundle file within the size limit, or a clear error."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BundleError(f"{path} does not exist.", hint="Check the path of the bundle.") from None
    except OSError as exc:
        raise BundleError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise BundleError(f"{path} is a directory, not a bundle file.")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would be read without end
        raise BundleError(f"{path} is not a regular file, so it cannot be a bundle.")
    if info.st_size > limit:
        raise _too_large(path, info.st_size, limit)
    return path


def read_bundle_file(path: str | Path, limit: int = MAX_BUNDLE_BYTES) -> bytes:
    """The bytes of a bundle file: its size is checked before anything is read, and at
    most ``limit`` bytes are read even if the file grows meanwhile."""
    path = check_bundle_path(path, limit)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:  # replaced since the check
                raise _too_large(path, size, limit)
            # The size it has, then whatever it grew by meanwhile (up to the limit): a
            # read of the limit's size would take a buffer of that size (256 MB for a
            # result), fresh memory faulted in at every file.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(limit + 1 - len(data))
    except OSError as exc:
        raise BundleError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _too_large(path, len(data), limit)
    return data


SignerLookup = Callable[[minisign.Signature], PublicCard]


def pinned(card: PublicCard) -> SignerLookup:
    """Accept only signatures by this card's key."""

    def lookup(signature: minisign.Signature) -> PublicCard:
        return card

    return lookup


def distinct_cards(
    cards: Sequence[PublicCard], *, sources: Sequence[str] | None = None, what: str = "cards"
) -> None:
    """Refuse two cards that claim one identity: the same keys, name, minisign key id or
    age recipient. Signatures find their card by key id, results are merged under the
    card's name: a second card sharing either would lock a reviewer out or speak for them.
    ``sources`` (the files the cards came from) name the culprits; ``what`` names the set
    ("cards in the keyring", "reviewer cards")."""
    labels = (
        [f"{src} ({card.name})" for src, card in zip(sources, cards, strict=True)]
        if sources is not None
        else [f"{card.name} ({card.fingerprint})" for card in cards]
    )
    checks: tuple[tuple[Callable[[PublicCard], object], str], ...] = (
        (lambda c: c.fingerprint, "hold the same keys"),
        (lambda c: c.name, "share a name: results are filed under it, so one name is one party"),
        (
            lambda c: c.key_id,
            "share a minisign key id: a signature names its key by that id, so one card "
            "would stand in for the other (the id was copied)",
        ),
        (lambda c: c.age_recipient, "share an age recipient (one card copies the other's key)"),
    )
    for field, why in checks:
        seen: dict[object, int] = {}
        for index, card in enumerate(cards):
            first = seen.setdefault(field(card), index)
            if first != index:
                raise KeyringError(f"Two {what}, {labels[first]} and {labels[index]}, {why}.")


def keyring(cards: Sequence[PublicCard]) -> SignerLookup:
    """Find the signer among ``cards`` by the key id in the signature. Cards claiming one
    identity are refused (:func:`distinct_cards`), so the lookup has one answer."""
    distinct_cards(cards, what="cards in the keyring")
    by_id = {c.key_id: c for c in cards}

    def lookup(signature: minisign.Signature) -> PublicCard:
        card = by_id.get(bytes(signature._key_id))
        if card is None:
            raise SignatureError("The bundle is signed by a key that is not in the keyring.")
        return card

    return lookup


def self_declared(raw_manifest: bytes) -> PublicCard:
    """The card a manifest names as its issuer, for ``inspect`` only: it shows who signed,
    it does not decide whom to trust. Reads just the issuer before verification."""
    try:
        issuer = safe_json.loads(raw_manifest)["issuer"]
        return PublicCard(str(issuer["name"]), str(issuer["age"]), str(issuer["minisign"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ManifestError("The bundle manifest does not name its issuer.") from None


def open_sealed(
    data: bytes | Path,
    key: SecretKey,
    *,
    signer: SignerLookup | None,
    expected_type: str | tuple[str, ...] | None,
    now: datetime | None = None,
    check_expiry: bool = True,
    midway: Midway | None = None,
) -> Opened:
    """Decrypt with ``key``, verify, and parse. Raises a :class:`BundleError` subclass
    naming what is wrong; returns only bundles that passed every check. ``signer`` picks
    the key the signature must verify with (None: the one the manifest names, for
    ``inspect``); ``expected_type`` None accepts any payload type. ``midway(manifest,
    signer)``, asked once the signature is verified, may name a section and a length:
    the SHA-256 of that many first bytes of it is :attr:`Opened.midway_sha256` (one pass
    over the section gives both hashes)."""
    if isinstance(data, Path):
        plain = age_layer.decrypt_path(check_bundle_path(data), [key.identity()])
    else:
        plain = age_layer.decrypt(data, [key.identity()])
    # Which payload sections belong is known only from the (verified) manifest; here
    # every name is allow-listed and capped, and the manifest and signature must exist.
    sections = container.unpack(plain, required=None)
    if midway is None:
        found: _Found = digests(sections)
    else:
        found = _digests_midway(sections, midway)
    return _verified(sections, found, key, signer, expected_type, now, check_expiry)


Midway = Callable[[Manifest, PublicCard], tuple[str, int] | None]
"""See :func:`open_sealed`."""
_Found = (
    tuple[SectionDigest, ...]
    | Callable[[Manifest, PublicCard], tuple[tuple[SectionDigest, ...], str | None]]
)


def _digests_midway(
    sections: dict[str, bytes], midway: Midway
) -> Callable[[Manifest, PublicCard], tuple[tuple[SectionDigest, ...], str | None]]:
    """:func:`digests` once the manifest is verified, with the hash of the first bytes
    of the section ``midway`` names taken on the way."""

    def found(manifest: Manifest, card: PublicCard) -> tuple[tuple[SectionDigest, ...], str | None]:
        asked = midway(manifest, card)
        out, first = [], None
        for name, data in sections.items():
            if asked is not None and name == asked[0] and 0 < asked[1] <= len(data):
                view = memoryview(data)
                h = hashlib.sha256(view[: asked[1]])
                first = h.hexdigest()
                h.update(view[asked[1] :])
                out.append(SectionDigest(name, h.hexdigest(), len(data)))
            else:
                out.append(SectionDigest(name, sha256(data), len(data)))
        return tuple(out), first

    return found


def _verified(
    sections: dict[str, bytes],
    found: _Found,
    key: SecretKey,
    signer: SignerLookup | None,
    expected_type: str | tuple[str, ...] | None,
    now: datetime | None,
    check_expiry: bool,
) -> Opened:
    """Verify the signature, then parse and check the manifest against what the container
    holds: ``found`` is the digest of every payload section in container order (those
    in ``sections`` and the ones only hashed), manifest and signature excluded; or a
    function giving it, and a midway hash, once the manifest is verified."""
    if container.MANIFEST not in sections or container.SIGNATURE not in sections:
        raise ContainerError("The bundle lacks its manifest or signature.")
    raw, sig_bytes = sections.pop(container.MANIFEST), sections.pop(container.SIGNATURE)
    try:
        signature = minisign.Signature.from_bytes(sig_bytes)
    except (minisign.Error, ValueError):
        raise SignatureError("The bundle's signature is malformed.") from None
    card = signer(signature) if signer is not None else self_declared(raw)
    try:
        card.verifier().verify(raw, signature)
    except (minisign.Error, ValueError):
        raise SignatureError(
            f"The bundle's signature does not verify with the key of {card.name!r}."
        ) from None
    manifest = Manifest.parse(raw)
    if signature.trusted_comment != manifest.trusted_comment:
        raise SignatureError("The signature belongs to another bundle (trusted comment mismatch).")
    expected = (expected_type,) if isinstance(expected_type, str) else expected_type
    if expected is not None and manifest.type not in expected:
        raise ManifestError(
            f"This is a {manifest.type} bundle, not a {' or '.join(expected)} bundle."
        )
    if not manifest.issuer.matches(card):
        raise SignatureError(f"The manifest names an issuer other than the signer {card.name!r}.")
    me = key.card()
    if not manifest.recipient.matches(me):
        raise NotForYouError(
            f"The manifest addresses {manifest.recipient.name!r}, not you ({me.name!r})."
        )
    if check_expiry and manifest.is_expired(now):
        raise ExpiredBundleError(f"The bundle expired on {manifest.expires_at}.")
    midway = None
    if callable(found):
        found, midway = found(manifest, card)
    found = tuple(d for d in found if d.name not in (container.MANIFEST, container.SIGNATURE))
    if manifest.sections != found:
        got = {d.name: d for d in found}
        for declared in manifest.sections:
            if got.get(declared.name) != declared:
                raise ManifestError(
                    f"Section {declared.name!r} does not match its hash in the manifest."
                )
        raise ManifestError("The bundle's sections are not the ones its manifest lists.")
    return Opened(manifest, raw, bytes(sig_bytes), sections, card, midway)


STREAMED = frozenset({"tasks.jsonl"})
"""Sections :func:`open_sealed_streaming` hashes without keeping: the ones that grow with
the number of tasks."""
PROGRESS_STEP = 4 * 1024 * 1024


class _Digesting(container.SectionSink):
    """Hashes a section as it passes, keeps it when asked, forwards it when asked."""

    def __init__(
        self, name: str, *, keep: bool, forward: Callable[[memoryview], object] | None = None
    ) -> None:
        self.name = name
        self.hash = hashlib.sha256()
        self.length = 0
        self.kept: bytearray | None = bytearray() if keep else None
        self.forward = forward

    def update(self, data: memoryview) -> None:
        self.hash.update(data)
        self.length += len(data)
        if self.kept is not None:
            self.kept += data
        if self.forward is not None:
            self.forward(data)

    def digest(self) -> SectionDigest:
        return SectionDigest(self.name, self.hash.hexdigest(), self.length)


class _Counting:
    """A writable file object that feeds a container reader and reports progress."""

    def __init__(
        self, reader: container.StreamReader, progress: Callable[[int], None] | None
    ) -> None:
        self.reader = reader
        self.progress = progress
        self.next_report = PROGRESS_STEP

    failed: BaseException | None = None
    """The first error raised here: pyrage may write once more as it unwinds (a buffered
    writer's flush), and that write fails the same way, touching nothing."""

    def write(self, data: bytes) -> int:
        if self.failed is not None:
            raise self.failed
        try:
            n = self.reader.write(data)
            if self.progress is not None and self.reader.received >= self.next_report:
                self.next_report = self.reader.received + PROGRESS_STEP
                self.progress(self.reader.received)
        except BaseException as exc:
            self.failed = exc
            raise
        return n

    def flush(self) -> None:
        pass

    def decrypt(self, path: Path, key: SecretKey) -> None:
        """Decrypt ``path`` into the reader; the first error of the reader or the
        progress callback is the one raised."""
        try:
            age_layer.decrypt_path_to(path, [key.identity()], self)
        except BaseException:
            if self.failed is not None:
                raise self.failed from None
            raise
        self.reader.close()


@dataclass(frozen=True, slots=True)
class StreamedBundle:
    """A verified bundle whose large sections were hashed, not kept: ``opened.sections``
    holds the others; :meth:`replay` reads a streamed one again."""

    opened: Opened
    path: Path
    key: SecretKey
    streamed: dict[str, SectionDigest]
    plaintext_bytes: int

    def replay(
        self,
        name: str,
        sink: Callable[[memoryview], object],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Decrypt the file again and pass section ``name`` to ``sink`` chunk by chunk.

        The bytes are hashed on the way, and this raises :class:`ManifestError` if they
        are not the signed ones (the file was replaced since it was verified): a caller
        keeps what ``sink`` got uncommitted until this returns."""
        declared = self.streamed[name]
        digesting = _Digesting(name, keep=False, forward=sink)
        reader = container.StreamReader(lambda n, _: digesting if n == name else None)
        _Counting(reader, progress).decrypt(check_bundle_path(self.path), self.key)
        if digesting.digest() != declared:
            raise ManifestError(
                f"Section {name!r} changed while the bundle was being read; nothing was kept.",
                hint="Do not modify the bundle file during an import, then import it again.",
            )


def open_sealed_streaming(
    path: Path,
    key: SecretKey,
    *,
    signer: SignerLookup | None,
    expected_type: str | tuple[str, ...] | None,
    now: datetime | None = None,
    check_expiry: bool = True,
    streamed: frozenset[str] = STREAMED,
    progress: Callable[[int], None] | None = None,
) -> StreamedBundle:
    """:func:`open_sealed` in memory bounded by the bundle's small sections: the file is
    decrypted chunk by chunk, every section hashed, the ``streamed`` ones not kept; the
    signature, the manifest and every hash are checked as :func:`open_sealed` checks them
    once the whole file has authenticated. ``progress(plaintext bytes)`` is called every
    few MiB and may raise to stop."""
    path = check_bundle_path(path)
    sinks: list[_Digesting] = []

    def sink_for(name: str, _length: int) -> _Digesting:
        sinks.append(_Digesting(name, keep=name not in streamed))
        return sinks[-1]

    reader = container.StreamReader(sink_for)
    _Counting(reader, progress).decrypt(path, key)
    kept = {s.name: bytes(s.kept) for s in sinks if s.kept is not None}
    opened = _verified(
        kept, tuple(s.digest() for s in sinks), key, signer, expected_type, now, check_expiry
    )
    return StreamedBundle(
        opened,
        path,
        key,
        {s.name: s.digest() for s in sinks if s.kept is None},
        reader.received,
    )
