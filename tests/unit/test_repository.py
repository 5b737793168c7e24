"""The repository itself: no tracked file is a secret key, a clone stays small, and the
lock file (requirements.lock) pins versions that pyproject.toml accepts.

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
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import minisign
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from docket.bundles import age_layer, keys
from docket.errors import BundleError, KeyFileError
from tests.helpers import ROOT

MAX_TRACKED_BYTES = 11 * 1024 * 1024
"""A clone stays small: about 10.5 MB today, of which real model answers and transcripts
(tests/data, xz) 2.4 MB, the CJK and Arabic font subsets the app carries 1.8 MB and the
README's screenshots (256 colours, zopfli-compressed) 1.2 MB. Room for a few more pictures,
not for a dataset: a workload larger than that is built in the user cache."""
LOCK = ROOT / "requirements.lock"
LOCKED_EXTRAS = ("test", "package")

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


def test_tracked_files_stay_under_11_mib() -> None:
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


# --- the lock file ------------------------------------------------------------------------


def parse_lock(text: str) -> tuple[dict[str, Version], list[str]]:
    """The pins of a lock file (canonical name -> version), and its lines that are not an
    exact ``name==version`` pin (comments and blank lines aside)."""
    pins: dict[str, Version] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        try:
            if not sep or not name.strip() or any(c in version for c in ";@ "):
                raise InvalidVersion(line)
            pins[canonicalize_name(name.strip())] = Version(version.strip())
        except InvalidVersion:
            problems.append(f"line {number} is not an exact pin: {raw.strip()!r}")
    return pins, problems


def lock_mismatches(
    project: Mapping[str, Any], lock_text: str, extras: Iterable[str] = LOCKED_EXTRAS
) -> list[str]:
    """What is wrong between ``[project]`` of pyproject.toml and a lock file: a dependency
    (of the app or of one of ``extras``) that the lock does not pin, or pins to a version
    its specifier excludes (PySide6-Essentials 6.12.0, say), and lines that are not pins."""
    pins, problems = parse_lock(lock_text)
    wanted = list(project.get("dependencies", []))
    for extra in extras:
        wanted += project.get("optional-dependencies", {}).get(extra, [])
    for spec in wanted:
        req = Requirement(spec)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # not for this platform or Python
        version = pins.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is not pinned in the lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} does not satisfy {spec!r}")
    return problems


def test_the_lock_satisfies_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert lock_mismatches(project, LOCK.read_text()) == []


FABRICATED_PROJECT = {
    "dependencies": ["PySide6-Essentials>=6.11.3,!=6.12.0", "pyrage>=1.4.0"],
    "optional-dependencies": {"test": ["pytest>=9.2"], "dev": ["ruff>=0.17"]},
}
GOOD_LOCK = """# This file was autogenerated by uv via the following command:
#    make lock
pyrage==1.4.0
    # via docket (pyproject.toml)
pyside6-essentials==6.11.3
pytest==9.2.0
shiboken6==6.11.3
    # via pyside6-essentials
"""


def test_the_lock_check_accepts_a_matching_lock() -> None:
    assert lock_mismatches(FABRICATED_PROJECT, GOOD_LOCK, extras=["test"]) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "pyside6-essentials==6.11.3",
            "pyside6-essentials==6.12.0",
            "PySide6-Essentials==6.12.0 does not satisfy",
        ),
        ("pyrage==1.4.0", "pyrage==1.3.9", "pyrage==1.3.9 does not satisfy"),
        ("pyrage==1.4.0\n", "", "pyrage is not pinned in the lock"),
        ("pytest==9.2.0", "pytest==9.1", "pytest==9.1 does not satisfy"),
        ("pytest==9.2.0", "Pytest>=9.2", "line 6 is not an exact pin"),
        ("pytest==9.2.0", "pytest @ https://example.org/pytest.whl", "line 6 is not an exact pin"),
    ],
)
def test_the_lock_check_catches_a_planted_mismatch(old: str, new: str, problem: str) -> None:
    lock = GOOD_LOCK.replace(old, new)
    assert lock != GOOD_LOCK
    problems = lock_mismatches(FABRICATED_PROJECT, lock, extras=["test"])
    assert len(problems) >= 1 and problem in problems[0], problems


def test_only_the_locked_extras_are_checked() -> None:
    # ruff is in the dev extra, which the lock leaves out; asked for, it is missing.
    assert lock_mismatches(FABRICATED_PROJECT, GOOD_LOCK, extras=["dev"]) == [
        "ruff is not pinned in the lock"
    ]


def test_every_environment_installs_through_the_lock() -> None:
    """Each pip install of the project or its requirements in the Makefile takes the lock
    as constraints, so make test, make package and CI get the locked versions."""
    makefile = (ROOT / "Makefile").read_text()
    installs = [
        line.strip()
        for line in makefile.splitlines()
        if "pip install" in line and (" -e " in line or " -r " in line)
    ]
    assert len(installs) >= 5  # app, test, dev, package, headless
    for line in installs:
        assert "-c $(LOCK)" in line or "--no-deps" in line, line


def test_the_readme_images_stay_small() -> None:
    """The README's screenshots are 256-colour PNGs (flat interface colours lose nothing
    visible), so the repository stays small: a full-colour capture is about three times
    the size. Convert one with ``PIL.Image.open(p).convert("RGB").quantize(256)``."""
    pil = pytest.importorskip("PIL.Image", reason="Pillow arrives with the report extra")
    images = sorted((ROOT / "docs").glob("*.png"))
    assert images
    for path in images:
        with pil.open(path) as image:
            assert image.mode == "P", f"{path.name} is {image.mode}, not a 256-colour PNG"
        assert path.stat().st_size < 200_000, path.name
