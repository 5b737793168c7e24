"""The repository itself: no tracked file is a secret key, and a clone stays small.

A reviewer's key file committed by mistake would hand out their bundles and their
signature; benchmark and test keys are generated at run time (tests/benchmarks/workloads.py
keeps the benchmark's in the user cache directory) and must never be added. The scan reads
every file ``git ls-files`` lists, as stored: the age conformance vectors in
tests/data/age-testkit.tar.xz publish their test identities by design and are compressed
there, so they do not match.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import minisign
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from docket.bundles import age_layer, keys
from docket.errors import BundleError, KeyFileError
from tests.helpers import ROOT

MAX_TRACKED_BYTES = 10 * 1024 * 1024

_BECH32 = rb"[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]"
SECRET_PATTERNS: dict[str, re.Pattern[bytes]] = {
    # age X25519 identities (58 bech32 characters) and the longer post-quantum ones.
    "an age secret key": re.compile(rb"AGE-SECRET-KEY-(?:PQ-)?1" + _BECH32 + rb"{58,}"),
    # minisign secret keys, encrypted ("Ed" "Sc" "B2" -> RWRTY0Iy) or not (RWQAAEIy), as
    # the key file's second line or as py-minisign's base64; public keys are 56 characters.
    "a minisign secret key": re.compile(rb"RW(?:RTY0Iy|QAAEIy)[A-Za-z0-9+/]{150,}={0,2}"),
    "a minisign secret key file": re.compile(
        rb"untrusted comment: minisign (?:encrypted )?secret key\r?\n"
    ),
    "a PEM private key": re.compile(
        rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\r?\n[A-Za-z0-9+/=\r\n:, -]{40,}"
    ),
}


def tracked_files(root: Path) -> list[Path] | None:
    """Every file git tracks under ``root`` (those present in the work tree), or None when
    ``root`` is not a git checkout (an unpacked source archive) or git is missing."""
    git = shutil.which("git")
    if git is None:
        return None
    run = subprocess.run([git, "-C", str(root), "ls-files", "-z"], capture_output=True, check=False)
    if run.returncode != 0:
        return None
    names = [n for n in run.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [root / n for n in names if (root / n).is_file()]


def secret_key_kind(path: Path) -> str | None:
    """What kind of secret key ``path`` looks like, or None.

    Docket's own key files are recognised the way Docket reads them
    (:mod:`docket.bundles.keys`): a plain one loads without a passphrase; a protected one
    is an age file under a passphrase (scrypt stanza). The other kinds are found by their
    text anywhere in the file, so a key pasted into a note is caught as well.
    """
    data = path.read_bytes()
    if len(data) <= keys.MAX_KEY_FILE_BYTES:
        if data.startswith(keys.AGE_MAGIC):
            try:
                if age_layer.check_header(data).is_passphrase:
                    return "a passphrase-protected Docket key file (age, scrypt)"
            except BundleError:
                pass
        else:
            try:
                keys.load_secret_key(path)
            except KeyFileError:
                pass
            else:
                return "a plain Docket key file"
    for kind, pattern in SECRET_PATTERNS.items():
        if pattern.search(data):
            return kind
    return None


def find_secret_keys(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    return [(p, kind) for p in paths if (kind := secret_key_kind(p)) is not None]


def _tracked_or_skip() -> list[Path]:
    files = tracked_files(ROOT)
    if files is None:
        pytest.skip("not a git checkout (or git is missing): no list of tracked files")
    return files


def test_no_tracked_file_is_a_secret_key() -> None:
    files = _tracked_or_skip()
    assert len(files) > 100  # the scan saw the repository, not an empty list
    found = find_secret_keys(files)
    assert found == [], "\n".join(f"{p.relative_to(ROOT)}: {kind}" for p, kind in found)


def test_tracked_files_stay_under_10_mb() -> None:
    files = _tracked_or_skip()
    total = sum(p.stat().st_size for p in files)
    biggest = sorted(files, key=lambda p: p.stat().st_size)[-5:]
    assert total < MAX_TRACKED_BYTES, (total, [str(p.relative_to(ROOT)) for p in biggest])


def _plant(root: Path) -> dict[str, str]:
    """Real keys of every kind the scan knows, plus public files that must pass."""
    planted = {}
    key = keys.generate("planted")
    keys.write_key_pair(key, root / "plain", passphrase=None)
    planted["plain/planted.key"] = "a plain Docket key file"
    keys.write_key_pair(keys.generate("guarded"), root / "guarded", passphrase="correct horse")
    planted["guarded/guarded.key"] = "a passphrase-protected Docket key file (age, scrypt)"
    (root / "notes.md").write_text(f"Reviewer identity, for the record:\n\n{key.age_identity}\n")
    planted["notes.md"] = "an age secret key"

    signer = minisign.KeyPair.generate().secret_key
    (root / "plain.b64").write_bytes(signer.to_base64() + b"\n")
    planted["plain.b64"] = "a minisign secret key"
    signer.encrypt("pw")
    (root / "minisign.key").write_bytes(
        b"untrusted comment: minisign encrypted secret key\n" + signer.to_base64() + b"\n"
    )
    planted["minisign.key"] = "a minisign secret key"

    ed = Ed25519PrivateKey.generate()
    for name, fmt in (
        ("pkcs8.pem", serialization.PrivateFormat.PKCS8),
        ("id_ed25519", serialization.PrivateFormat.OpenSSH),
    ):
        pem = ed.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())
        (root / name).write_bytes(pem)
        planted[name] = "a PEM private key"

    # Public material and look-alikes that are not keys.
    # (plain/planted.pub and guarded/guarded.pub, the public cards, are there too.)
    (root / "README.md").write_text(
        "Keys start with AGE-SECRET-KEY-1...; see `docket keygen`.\n"
        f"Server minisign key: {key.card().minisign_key}\n"
    )
    (root / "malformed.key").write_bytes(b'{"format": "docket-secret-key", "version": 1}')
    (root / "random.bin").write_bytes(base64.b64encode(os.urandom(3000)))
    return planted


def test_the_scan_catches_planted_keys_in_a_git_checkout(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    planted = _plant(tmp_path)
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    subprocess.run([git, "-C", str(tmp_path), "add", "-A"], check=True)
    files = tracked_files(tmp_path)
    assert files is not None and len(files) == len(planted) + 5
    found = {str(p.relative_to(tmp_path)): kind for p, kind in find_secret_keys(files)}
    assert found == planted


def test_tracked_files_is_none_outside_a_checkout(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert tracked_files(tmp_path) is None
