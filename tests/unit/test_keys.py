"""Key files and public cards."""

from __future__ import annotations

import stat
from pathlib import Path

import pyrage
import pytest

from docket.bundles import keys
from docket.bundles.keys import PassphraseRequiredError, PublicCard
from docket.errors import KeyFileError, WrongPassphraseError


def test_unprotected_key_round_trip_and_card(tmp_path: Path) -> None:
    key = keys.generate("alice")
    key_path, card_path = keys.write_key_pair(key, tmp_path, passphrase=None)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    loaded = keys.load_secret_key(key_path)
    assert loaded == key
    card = PublicCard.load(card_path)
    assert card == key.card()
    assert card.name == "alice"
    assert card.age_recipient.startswith("age1")
    assert card.minisign_key.startswith("RW")
    assert len(card.fingerprint.split()) == 5


def test_card_is_an_age_recipients_file_and_encrypts_to_the_key(tmp_path: Path) -> None:
    key = keys.generate("bob")
    _, card_path = keys.write_key_pair(key, tmp_path, passphrase=None)
    card = PublicCard.load(card_path)
    non_comment = [ln for ln in card_path.read_text().splitlines() if ln and not ln.startswith("#")]
    assert non_comment == [card.age_recipient]
    secret = pyrage.encrypt(b"hello", [card.recipient()])
    assert pyrage.decrypt(secret, [key.identity()]) == b"hello"
    signature = key.signer().sign(b"manifest", trusted_comment="t")
    card.verifier().verify(b"manifest", signature)


@pytest.mark.slow
def test_protected_key_needs_the_right_passphrase(tmp_path: Path) -> None:
    key = keys.generate("carol")
    key_path, _ = keys.write_key_pair(key, tmp_path, passphrase="correct horse")
    assert keys.is_protected(key_path)
    assert key.age_identity.encode() not in key_path.read_bytes()
    with pytest.raises(PassphraseRequiredError):
        keys.load_secret_key(key_path)
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        keys.load_secret_key(key_path, "wrong horse")
    assert keys.load_secret_key(key_path, "correct horse") == key


def test_work_factor_above_the_cap_is_refused_before_decrypting(tmp_path: Path) -> None:
    path = tmp_path / "evil.key"
    mac = "A" * 42 + "A"
    body = "A" * 42 + "A"
    path.write_bytes(
        f"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 40\n{body}\n--- {mac}\n".encode()
        + b"\0" * 64
    )
    with pytest.raises(KeyFileError, match=r"work factor 2\^40 is above the limit"):
        keys.load_secret_key(path, "anything")


def test_workspace_key_is_derived_deterministically_and_per_identity() -> None:
    a, b = keys.generate("a"), keys.generate("b")
    assert a.workspace_db_key() == a.workspace_db_key()
    assert len(a.workspace_db_key()) == 32
    assert a.workspace_db_key() != b.workspace_db_key()


def test_keys_are_never_overwritten(tmp_path: Path) -> None:
    keys.write_key_pair(keys.generate("dave"), tmp_path, passphrase=None)
    with pytest.raises(KeyFileError, match="already exists"):
        keys.write_key_pair(keys.generate("dave"), tmp_path, passphrase=None)


@pytest.mark.parametrize("name", ["", "-x", "a b", "../etc", "x" * 65, "é"])
def test_bad_names(name: str) -> None:
    with pytest.raises(KeyFileError, match="not a usable key name"):
        keys.check_name(name)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hello", "not a Docket public card"),
        ("# docket public card v1\n# name: x\n", "incomplete"),
        ("# docket public card v1\n# name: x\n# minisign: RWnotakey\nage1nope\n", "malformed key"),
    ],
)
def test_malformed_cards(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.pub"
    path.write_text(content)
    with pytest.raises(KeyFileError, match=message):
        PublicCard.load(path)


def test_edited_card_fingerprint_mismatch(tmp_path: Path) -> None:
    _, card_path = keys.write_key_pair(keys.generate("eve"), tmp_path, passphrase=None)
    other = keys.generate("mallory").card()
    text = card_path.read_text().splitlines()
    text[-1] = other.age_recipient  # swap in another recipient, keep the fingerprint
    card_path.write_text("\n".join(text) + "\n")
    with pytest.raises(KeyFileError, match="fingerprint does not match"):
        PublicCard.load(card_path)


@pytest.mark.parametrize(
    "content", [b"{}", b'{"format": "docket-secret-key", "version": 1}', b"\xff" * 10, b""]
)
def test_not_a_key_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="not a Docket secret key"):
        keys.load_secret_key(path)


def test_missing_and_oversized_key_files(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="does not exist"):
        keys.load_secret_key(tmp_path / "nope.key")
    big = tmp_path / "big.key"
    big.write_bytes(b"{" * (keys.MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(KeyFileError, match="too large"):
        keys.load_secret_key(big)
