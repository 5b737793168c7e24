"""Key files and public cards.

Each party has an age X25519 identity (encryption) and an Ed25519 minisign key
(signatures).

- ``NAME.key`` holds both secrets as JSON. With a passphrase it is an age file encrypted
  under that passphrase (age's scrypt recipient, so ``age -d`` can open it too); the
  header is checked strictly, work factor included, *before* decrypting (see
  :mod:`docket.bundles.age_layer`), so a hostile key file cannot make Docket spin.
  Without a passphrase it is the JSON itself, readable only by its owner (mode 0600).
- ``NAME.pub`` is plain text. Every line but the recipient is a ``#`` comment, so the card
  is also a valid recipients file for ``age -R NAME.pub``; the minisign key is the
  ``RW...`` string that ``minisign -P`` takes.

The workspace database key is derived from the age identity with HKDF under a fixed
label, so one passphrase unlocks both the key and the workspace.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import minisign
import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from docket.bundles import age_layer
from docket.errors import BundleError, KeyFileError, NotForYouError, WrongPassphraseError

KEY_FORMAT = "docket-secret-key"
KEY_VERSION = 1
CARD_HEADER = "# docket public card v1"
AGE_MAGIC = b"age-encryption.org/v1\n"
MAX_KEY_FILE_BYTES = 64 * 1024
WORKSPACE_KEY_LABEL = b"docket/workspace-db/v1"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class PassphraseRequiredError(KeyFileError):
    hint = "This key is protected: give its passphrase (or --passphrase-env VAR)."


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise KeyFileError(
            f"{name!r} is not a usable key name.",
            hint="Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
        )
    return name


@dataclass(frozen=True, slots=True)
class PublicCard:
    """What a party publishes: name, age recipient, minisign public key."""

    name: str
    age_recipient: str
    minisign_key: str

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(f"{self.age_recipient}\n{self.minisign_key}\n".encode()).hexdigest()
        return " ".join(digest[i : i + 4] for i in range(0, 20, 4))

    @property
    def key_id(self) -> bytes:
        """The minisign key id: the 8 bytes a signature names its key by. The key's owner
        chooses it (it is not derived from the key), so two cards can share it."""
        return bytes(self.verifier()._keynum_pk.key_id)

    def recipient(self) -> pyrage.x25519.Recipient:
        return pyrage.x25519.Recipient.from_str(self.age_recipient)

    def verifier(self) -> minisign.PublicKey:
        return minisign.PublicKey.from_base64(self.minisign_key)

    def dumps(self) -> str:
        return (
            f"{CARD_HEADER}\n"
            f"# name: {self.name}\n"
            f"# minisign: {self.minisign_key}\n"
            f"# fingerprint: {self.fingerprint}\n"
            f"{self.age_recipient}\n"
        )

    @classmethod
    def loads(cls, text: str, *, source: str = "the public card") -> PublicCard:
        fields: dict[str, str] = {}
        recipients: list[str] = []
        lines = text.splitlines()
        if not lines or lines[0].strip() != CARD_HEADER:
            raise KeyFileError(
                f"{source} is not a Docket public card.",
                hint="Use the NAME.pub file written by `docket keygen`.",
            )
        for line in lines[1:]:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep:
                    fields[key.strip()] = value.strip()
            else:
                recipients.append(line)
        if len(recipients) != 1 or not {"name", "minisign"} <= fields.keys():
            raise KeyFileError(
                f"{source} is incomplete: it needs a name, a minisign key and one age recipient."
            )
        check_name(fields["name"])  # a card's name becomes part of file names (pack)
        card = cls(fields["name"], recipients[0], fields["minisign"])
        try:
            card.recipient()
            card.verifier()
        except (pyrage.RecipientError, ValueError, minisign.Error) as exc:
            raise KeyFileError(f"{source} holds a malformed key: {exc}") from None
        if "fingerprint" in fields and fields["fingerprint"] != card.fingerprint:
            raise KeyFileError(f"{source}: the fingerprint does not match its keys (edited card?).")
        return card

    @classmethod
    def load(cls, path: str | Path) -> PublicCard:
        path = Path(path)
        return cls.loads(_read_small(path).decode("utf-8", "replace"), source=str(path))


@dataclass(frozen=True, slots=True)
class SecretKey:
    """A party's secrets, decrypted in memory."""

    name: str
    age_identity: str
    minisign_secret: str
    created_at: str

    def identity(self) -> pyrage.x25519.Identity:
        return pyrage.x25519.Identity.from_str(self.age_identity)

    def signer(self) -> minisign.SecretKey:
        return minisign.SecretKey.from_base64(self.minisign_secret)

    def card(self) -> PublicCard:
        recipient = str(self.identity().to_public())
        pk = self.signer().get_public_key().to_base64().decode()
        return PublicCard(self.name, recipient, pk)

    def workspace_db_key(self) -> bytes:
        """The 256-bit SQLCipher key of this party's workspaces."""
        return self.derived_key(WORKSPACE_KEY_LABEL)

    def derived_key(self, label: bytes) -> bytes:
        """A 256-bit key for one purpose (HKDF-SHA256 over the age identity, ``label`` as
        the info), so one passphrase unlocks every store of this party."""
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label)
        return hkdf.derive(self.age_identity.encode())

    def _payload(self) -> bytes:
        return json.dumps(
            {
                "format": KEY_FORMAT,
                "version": KEY_VERSION,
                "name": self.name,
                "age_identity": self.age_identity,
                "minisign_secret": self.minisign_secret,
                "created_at": self.created_at,
            },
            indent=1,
        ).encode()


def generate(name: str) -> SecretKey:
    check_name(name)
    identity = pyrage.x25519.Identity.generate()
    pair = minisign.KeyPair.generate()
    return SecretKey(
        name=name,
        age_identity=str(identity),
        minisign_secret=pair.secret_key.to_base64().decode(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def write_key_pair(
    key: SecretKey, out_dir: str | Path, passphrase: str | None
) -> tuple[Path, Path]:
    """Write ``NAME.key`` (0600) and ``NAME.pub``; refuse to overwrite either."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    key_path, card_path = out / f"{key.name}.key", out / f"{key.name}.pub"
    for p in (key_path, card_path):
        if p.exists():
            raise KeyFileError(
                f"{p} already exists.",
                hint="Choose another name or directory; keys are never overwritten.",
            )
    payload = key._payload()
    data = pyrage.passphrase.encrypt(payload, passphrase) if passphrase else payload
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    card_path.write_text(key.card().dumps(), encoding="utf-8")
    return key_path, card_path


def is_protected(path: str | Path) -> bool:
    return _read_small(Path(path)).startswith(AGE_MAGIC)


def load_secret_key(path: str | Path, passphrase: str | None = None) -> SecretKey:
    """Read ``NAME.key``; raises :class:`PassphraseRequiredError` or
    :class:`WrongPassphraseError` for a protected key without the right passphrase."""
    path = Path(path)
    data = _read_small(path)
    if data.startswith(AGE_MAGIC):
        if not passphrase:
            raise PassphraseRequiredError(f"{path} is protected by a passphrase.")
        try:
            data = age_layer.decrypt(data, passphrase=passphrase)
        except NotForYouError:
            raise WrongPassphraseError(f"Wrong passphrase for {path}.") from None
        except BundleError as exc:
            raise KeyFileError(
                f"{path} cannot be read as a protected key: {exc.message}",
                hint="Re-create the key with `docket keygen`.",
            ) from None
    try:
        obj = json.loads(data)
        if obj.get("format") != KEY_FORMAT:
            raise ValueError("not a Docket key")
        if obj.get("version") != KEY_VERSION:
            raise KeyFileError(
                f"{path} has key format version {obj.get('version')!r}; update Docket."
            )
        key = SecretKey(obj["name"], obj["age_identity"], obj["minisign_secret"], obj["created_at"])
        key.identity()
        key.signer()
    except KeyFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, pyrage.IdentityError, minisign.Error):
        raise KeyFileError(
            f"{path} is not a Docket secret key.",
            hint="Use the NAME.key file written by `docket keygen`.",
        ) from None
    return key


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(
            f"{path} does not exist.", hint="Check the path, or create keys with `docket keygen`."
        ) from None
    except OSError as exc:
        raise KeyFileError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(f"{path} is too large to be a key file.")
    return data
