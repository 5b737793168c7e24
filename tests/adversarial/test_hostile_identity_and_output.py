"""A malicious vendor with a valid key: cards that claim another reviewer's identity,
bundles that reach outside the folder they are extracted to, names and ids that carry
terminal escape sequences, and result files too large to read.

Every key here is a real one made by :mod:`docket.bundles.keys`, every bundle is validly
signed and encrypted; the hostility is in what the keys and bundles *say*. Each test
checks the safety property itself: nothing merged (the database file is byte for byte
the same, or never created), nothing written or overwritten outside the folder, no raw
control character on the terminal.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import minisign
import pytest

from docket.bundles import age_layer, envelope, keys
from docket.bundles.envelope import (
    MAX_BUNDLE_BYTES,
    MAX_RESULT_BYTES,
    keyring,
    open_sealed,
    pinned,
)
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.manifest import iso, utc_now
from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle
from docket.bundles.task_bundle import build_task_bundle, read_task_bundle
from docket.cli import EXIT_ERROR, EXIT_OK, main
from docket.cli import extract as extract_mod
from docket.core.schema import default_schema
from docket.core.task_loading import read_tasks_jsonl
from docket.core.terminal import terminal_safe
from docket.errors import BundleError, KeyringError, OutputFileError
from docket.server.dataset import dpo_rows, judgment_rows
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.reviewer_names import reviewer_labels
from docket.store.db import write_transaction
from tests.helpers import pair_tasks, recording_audit, sample_tasks

EVIL = "\x1b[2K\r\u202eevil\u200b"
"""Erase the line, return to its start, then right-to-left override and a zero-width space."""
RAW = ("\x1b", "\r", "\u202e", "\u200b")
ESCAPED = ("\\x1b[2K", "\\x0d", "\\u202e", "\\u200b")


def assert_escaped(text: str) -> None:
    """``text`` shows the hostile string spelled out, and none of its raw characters."""
    for char in RAW:
        assert char not in text, f"raw {char!r} reached the terminal"
    for spelled in ESCAPED:
        assert spelled in text


def run(capsys: pytest.CaptureFixture[str], argv: list[Any]) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out, err


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


# --- the world -----------------------------------------------------------------------------


def with_key_id(key: SecretKey, key_id: bytes) -> SecretKey:
    """``key`` with its minisign key id replaced: the id is the owner's choice, not derived
    from the key, so a vendor can give their own (working) key another reviewer's id."""
    secret = minisign.SecretKey.from_base64(key.minisign_secret)
    secret._keynum_sk.key_id[:] = key_id
    secret._update_checksum()
    return replace(key, minisign_secret=secret.to_base64().decode())


@dataclass(frozen=True)
class World:
    root: Path
    keys: Path
    server: SecretKey
    alice: SecretKey
    bob: SecretKey
    tasks: Path
    task_ids: list[str]
    responses: dict[str, list[str]]
    answered: dict[str, AnsweredBundle]
    """Per reviewer, the task bundle packed for them, as their workspace keeps it."""
    bundle: Path
    """The genuine task bundle packed for alice."""
    archive: Path
    """The server's task archive (merge --tasks)."""

    def key(self, name: str) -> Path:
        return self.keys / f"{name}.key"

    def card(self, name: str) -> Path:
        return self.keys / f"{name}.pub"

    def ring(self, where: Path, *names: str) -> Path:
        where.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(self.card(name), where / f"{name}.pub")
        return where


def answered_bundle(path: Path, reviewer: SecretKey, server: PublicCard) -> AnsweredBundle:
    opened = open_sealed(path, reviewer, signer=pinned(server), expected_type="task")
    return AnsweredBundle(
        opened.manifest.bundle_id,
        opened.manifest.project,
        opened.manifest_bytes,
        opened.signature,
        opened.sections["sealed.age"],
        server,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("hostile")
    secret = {n: keys.generate(n) for n in ("server", "alice", "bob")}
    for key in secret.values():
        keys.write_key_pair(key, root / "keys", passphrase=None)
    tasks = pair_tasks(root / "tasks.jsonl", 3)
    loaded = [row.task for row in read_tasks_jsonl(tasks).rows]
    server = secret["server"]
    packed = pack(
        tasks,
        server=server,
        reviewers=[secret["alice"].card(), secret["bob"].card()],
        out_dir=root / "packed",
        overlap=2,
        project="hostile",
    )
    paths = {b.reviewer: b.path for b in packed.bundles}
    return World(
        root=root,
        keys=root / "keys",
        server=server,
        alice=secret["alice"],
        bob=secret["bob"],
        tasks=tasks,
        task_ids=[t.id for t in loaded],
        responses=issued_ids(paths["alice"], secret["alice"], server),
        answered={n: answered_bundle(paths[n], secret[n], server.card()) for n in ("alice", "bob")},
        bundle=paths["alice"],
        archive=packed.archive,
    )


def issued_ids(bundle: Path, reviewer: SecretKey, server: SecretKey) -> dict[str, list[str]]:
    """Each task's response ids as ``pack`` issued them (opaque, in bundle order)."""
    opened = open_sealed(bundle, reviewer, signer=pinned(server.card()), expected_type="task")
    return {task.id: list(task.response_ids) for task, _ in read_task_bundle(opened).tasks}


def answer_row(task_id: str, ids: list[str], better: str, **extra: Any) -> dict[str, Any]:
    return {
        "task_id": task_id,
        "revision": 1,
        "answers": {"preference": {"better": better, "strength": "slight"}, **extra},
        "display_order": {"A": ids[0], "B": ids[1]},
        "saved_at": iso(utc_now()),
        "time_spent_s": 12.0,
        "status": "done",
    }


def result_file(
    path: Path,
    reviewer: SecretKey,
    answered: AnsweredBundle,
    rows: list[dict[str, Any]],
    *,
    sequence: int = 1,
    previous: str | None = None,
    chain: str = "workspace-1",
) -> Path:
    """A result bundle exactly as a workspace writes one, signed by ``reviewer``, with an
    audit log that records exactly these answers (as a modified client could write)."""
    data, _ = build_result_bundle(
        reviewer=reviewer,
        answered=answered,
        answers=rows,
        audit=recording_audit(rows),
        sequence=sequence,
        previous=previous,
        chain=chain,
    )
    path.write_bytes(data)
    return path


def honest_results(world: World, where: Path, first_wins: dict[str, bool]) -> list[Path]:
    """One result per reviewer in ``first_wins``, preferring the first or second response
    of every task."""
    where.mkdir(parents=True, exist_ok=True)
    out = []
    for name, first in first_wins.items():
        key = world.alice if name == "alice" else world.bob
        rows = [
            answer_row(t, world.responses[t], world.responses[t][0 if first else 1])
            for t in world.task_ids
        ]
        out.append(result_file(where / f"{name}-1.result", key, world.answered[name], rows))
    return out


# --- cards claiming another reviewer's identity ----------------------------------------------


def impostor(world: World, kind: str, where: Path) -> tuple[PublicCard, str]:
    """A card (a real key's) that collides with alice's on ``kind``; and what the refusal
    must say."""
    if kind == "key-id":
        key = with_key_id(keys.generate("mallory"), world.alice.card().key_id)
        keys.write_key_pair(key, where, passphrase=None)
        return key.card(), "share a minisign key id"
    if kind == "name":
        key = keys.generate("alice")  # a second key calling itself alice
        keys.write_key_pair(key, where, passphrase=None)
        return key.card(), "share a name"
    if kind == "age-recipient":
        eve = keys.generate("eve").card()
        return PublicCard("eve", world.alice.card().age_recipient, eve.minisign_key), (
            "share an age recipient"
        )
    assert kind == "same-keys"
    alice = world.alice.card()
    return PublicCard("alias", alice.age_recipient, alice.minisign_key), "hold the same keys"


KINDS = ["key-id", "name", "age-recipient", "same-keys"]


def test_a_card_with_another_reviewers_key_id_would_take_over_her_signatures(
    world: World, tmp_path: Path
) -> None:
    """Why the keyring refuses: the key id is the only thing a signature says about its
    key, and a working key can carry anyone's id."""
    mallory = with_key_id(keys.generate("mallory"), world.alice.card().key_id)
    assert mallory.card().key_id == world.alice.card().key_id
    assert mallory.card().fingerprint != world.alice.card().fingerprint
    signed = mallory.signer().sign(b"manifest", trusted_comment="t")
    mallory.card().verifier().verify(b"manifest", signed)  # a real, working key
    with pytest.raises(KeyringError, match="share a minisign key id"):
        keyring([world.alice.card(), world.bob.card(), mallory.card()])


@pytest.mark.parametrize("kind", KINDS)
def test_a_planted_card_makes_verify_and_merge_refuse_and_merge_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    results = honest_results(world, tmp_path / "results", {"alice": True, "bob": False})
    db = tmp_path / "merged.db"
    server_key = ["--server-key", world.key("server")]
    # A database that already holds bob's results, merged with the honest keyring.
    honest = world.ring(tmp_path / "honest", "alice", "bob")
    code, _, _ = run(
        capsys,
        [
            "merge",
            results[1],
            *server_key,
            "--keyring",
            honest,
            "--db",
            db,
            "--tasks",
            world.archive,
        ],
    )
    assert code == EXIT_OK
    before = digest(db)

    ring = world.ring(tmp_path / "ring", "alice", "bob")
    card, phrase = impostor(world, kind, tmp_path / "impostor")
    planted = ring / "zz-planted.pub"
    planted.write_text(card.dumps(), encoding="utf-8")

    code, out, err = run(capsys, ["verify", *results, *server_key, "--keyring", ring])
    assert code == EXIT_ERROR and out == ""
    assert phrase in err
    assert f"{ring / 'alice.pub'} (alice)" in err and f"{planted} ({card.name})" in err

    code, out, err = run(
        capsys,
        ["merge", *results, *server_key, "--keyring", ring, "--db", db, "--tasks", world.archive],
    )
    assert code == EXIT_ERROR and out == "" and phrase in err
    assert digest(db) == before  # not even opened
    fresh = tmp_path / "fresh.db"
    code, _, err = run(
        capsys,
        [
            "merge",
            *results,
            *server_key,
            "--keyring",
            ring,
            "--db",
            fresh,
            "--tasks",
            world.archive,
        ],
    )
    assert code == EXIT_ERROR and phrase in err
    assert not fresh.exists()


def test_a_normal_keyring_verifies_and_merges(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = honest_results(world, tmp_path / "results", {"alice": True, "bob": False})
    ring = world.ring(tmp_path / "ring", "alice", "bob", "server")
    server_key = ["--server-key", world.key("server")]
    code, out, _ = run(capsys, ["verify", *results, *server_key, "--keyring", ring])
    assert code == EXIT_OK and "2 verified, 0 rejected" in out
    code, out, _ = run(
        capsys,
        [
            "merge",
            *results,
            *server_key,
            "--keyring",
            ring,
            "--db",
            tmp_path / "m.db",
            "--tasks",
            world.archive,
        ],
    )
    assert code == EXIT_OK and "2 accepted" in out
    with MergedStore.open(tmp_path / "m.db", world.server) as store:
        assert store.counts()["answers"] == 2 * len(world.task_ids)


def test_the_refusal_names_a_hostile_card_file_escaped(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ring = world.ring(tmp_path / "ring", "alice")
    card, _ = impostor(world, "key-id", tmp_path / "impostor")
    (ring / f"mallory{EVIL}.pub").write_text(card.dumps(), encoding="utf-8")
    results = honest_results(world, tmp_path / "results", {"alice": True})
    code, _, err = run(
        capsys, ["verify", *results, "--server-key", world.key("server"), "--keyring", ring]
    )
    assert code == EXIT_ERROR and "share a minisign key id" in err
    assert_escaped(err)


@pytest.mark.parametrize("kind", KINDS)
def test_pack_refuses_reviewer_cards_sharing_an_identity(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    card, phrase = impostor(world, kind, tmp_path / "impostor")
    planted = tmp_path / "second.pub"
    planted.write_text(card.dumps(), encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = run(
        capsys,
        ["pack", world.tasks, "--server-key", world.key("server"), "--reviewer",
         world.card("alice"), "--reviewer", planted, "--out", out_dir],
    )  # fmt: skip
    assert code == EXIT_ERROR and out == ""
    assert phrase in err and str(world.card("alice")) in err and str(planted) in err
    assert not out_dir.exists()
    # The same refusal through the API, which knows no file names.
    with pytest.raises(KeyringError, match=phrase):
        pack(
            world.tasks,
            server=world.server,
            reviewers=[world.alice.card(), card],
            out_dir=out_dir,
        )
    assert not out_dir.exists()


def test_two_keys_named_alice_stay_two_reviewers_in_the_statistics(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One keyring refuses two alices, but two merges with two keyrings let both into the
    database (as older databases may hold them): statistics keep them apart by key and
    show them by name with the start of their fingerprint."""
    other = keys.generate("alice")
    keys.write_key_pair(other, tmp_path / "other", passphrase=None)
    packed = pack(
        world.tasks,
        server=world.server,
        reviewers=[other.card()],
        out_dir=tmp_path / "packed",
        project="hostile",
    )
    answered = answered_bundle(packed.bundles[0].path, other, world.server.card())
    results = honest_results(world, tmp_path / "results", {"alice": True, "bob": True})
    rows = [answer_row(t, world.responses[t], world.responses[t][1]) for t in world.task_ids]
    second = result_file(tmp_path / "results" / "other-alice.result", other, answered, rows)
    db = tmp_path / "m.db"
    server_key = ["--server-key", world.key("server")]
    ring_a = world.ring(tmp_path / "ring-a", "alice", "bob")
    ring_b = tmp_path / "ring-b"
    ring_b.mkdir()
    shutil.copy(tmp_path / "other" / "alice.pub", ring_b / "alice.pub")
    assert (
        run(
            capsys,
            [
                "merge",
                *results,
                *server_key,
                "--keyring",
                ring_a,
                "--db",
                db,
                "--tasks",
                world.archive,
            ],
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            [
                "merge",
                second,
                *server_key,
                "--keyring",
                ring_b,
                "--db",
                db,
                "--tasks",
                world.archive,
            ],
        )[0]
        == 0
    )
    with MergedStore.open(db, world.server) as store:
        named_alice = {a.reviewer for a in store.answers() if a.reviewer_name == "alice"}
    assert named_alice == {world.alice.card().fingerprint, other.card().fingerprint}

    first_label, second_label = sorted(  # reports list reviewers by label
        f"alice ({fp[:9]})" for fp in (world.alice.card().fingerprint, other.card().fingerprint)
    )
    code, out, _ = run(capsys, ["agreement", "--db", db, *server_key])
    assert code == EXIT_OK
    assert f"Cohen's kappa {first_label} & {second_label}" in out
    assert f"Cohen's kappa {first_label} & bob" in out
    assert f"Cohen's kappa {second_label} & bob" in out
    code, out, _ = run(capsys, ["agreement", "--db", db, *server_key, "--json"])
    pairs = {tuple(c["reviewers"]) for q in json.loads(out)["questions"] for c in q["cohen"]}
    assert (first_label, second_label) in pairs
    with MergedStore.open(db, world.server) as store:
        judged_by = {r["reviewer"] for r in judgment_rows(store)}
        provenance = {name for row in dpo_rows(store)[0] for name in row["reviewers"]}
    assert {first_label, second_label} <= judged_by
    assert {first_label, second_label} <= provenance
    code, out, _ = run(capsys, ["disagreements", "--db", db, *server_key])
    assert code == EXIT_OK
    assert f"({first_label}, {second_label}, bob)" in out


def test_labels_fall_back_to_the_whole_fingerprint_when_a_prefix_is_shared() -> None:
    fp1, fp2, fp3 = "ab12 cd34 0000 0000 0001", "ab12 cd34 0000 0000 0002", "ffff 0000 1 2 3"
    labels = reviewer_labels([(fp1, "alice"), (fp2, "alice"), (fp3, "bob")])
    assert labels == {fp1: f"alice ({fp1})", fp2: f"alice ({fp2})", fp3: "bob"}
    spelled = reviewer_labels([(fp1, "alice"), (fp3, "alice"), (fp2, "alice (ab12 cd34)")])
    assert len(set(spelled.values())) == 3


# --- inspect: pinning, and extraction --------------------------------------------------------


def mallory_bundle(world: World, path: Path, name: str = "mallory") -> tuple[Path, SecretKey]:
    """A task bundle for alice signed by a key she never pinned (named ``name``)."""
    key = replace(keys.generate("mallory"), name=name)
    data, _ = build_task_bundle(
        tasks=[(t, default_schema(len(t.responses))) for t in sample_tasks()],
        server=key,
        reviewer=world.alice.card(),
        project=name,
        guidelines="",
        sealed={"gold": {}, "reference": {}},
        expires_days=1,
    )
    path.write_bytes(data)
    return path, key


def test_inspect_says_whether_the_signer_was_pinned(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, mallory = mallory_bundle(world, tmp_path / "from-mallory.docket")
    alice_key = ["--key", world.key("alice")]
    code, out, _ = run(capsys, ["inspect", bundle, *alice_key])
    assert code == EXIT_OK
    assert f"signed by mallory {mallory.card().fingerprint} — not a key you pinned" in out
    # Pinned to the real server card, or a keyring holding it: refused, nothing extracted.
    out_dir = tmp_path / "out"
    code, out, err = run(
        capsys, ["inspect", bundle, *alice_key, "--server", world.card("server"),
                 "--extract", out_dir],
    )  # fmt: skip
    assert code == EXIT_ERROR and out == ""
    assert "does not verify with the key of 'server'" in err
    assert not out_dir.exists()
    ring = world.ring(tmp_path / "ring", "server")
    code, _, err = run(capsys, ["inspect", bundle, *alice_key, "--keyring", ring])
    assert code == EXIT_ERROR and "not in the keyring" in err
    # The genuine bundle, pinned: verified, and said so.
    code, out, _ = run(capsys, ["inspect", world.bundle, *alice_key, "--server",
                                world.card("server")])  # fmt: skip
    assert code == EXIT_OK
    assert f"signature: verified, signed by server {world.server.card().fingerprint}" in out
    assert "not a key you pinned" not in out


@pytest.fixture
def victim(tmp_path: Path) -> Iterator[Path]:
    """A file outside the extraction folder that must never change."""
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_text("precious\n", encoding="utf-8")
    yield path
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert not path.is_symlink()


def test_extract_refuses_a_folder_with_a_planted_symlink(
    world: World, tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "tasks.jsonl").symlink_to(victim)
    code, _, err = run(
        capsys, ["inspect", world.bundle, "--key", world.key("alice"), "--extract", out_dir]
    )
    assert code == EXIT_ERROR and "is not empty" in err and "Nothing was written" in err
    assert [p.name for p in out_dir.iterdir()] == ["tasks.jsonl"]


def test_extract_refuses_a_non_empty_folder(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, _, err = run(
        capsys, ["inspect", world.bundle, "--key", world.key("alice"), "--extract", out_dir]
    )
    assert code == EXIT_ERROR and "is not empty" in err and "new or empty folder" in err
    assert [p.name for p in out_dir.iterdir()] == ["notes.txt"]
    assert (out_dir / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_extract_refuses_a_symlink_as_its_folder(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "out").symlink_to(target)
    code, _, err = run(
        capsys,
        ["inspect", world.bundle, "--key", world.key("alice"), "--extract", tmp_path / "out"],
    )
    assert code == EXIT_ERROR and "is a symbolic link" in err
    assert list(target.iterdir()) == []


def test_extract_never_follows_a_symlink_planted_while_it_writes(
    world: World,
    tmp_path: Path,
    victim: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The folder was empty when checked; a link appears before the last file is made."""
    real_open: Callable[[Path], int | None] = extract_mod.open_empty_folder

    def open_then_plant(folder: Path) -> int | None:
        fd = real_open(folder)
        (folder / "sealed.age").symlink_to(victim)
        return fd

    monkeypatch.setattr(extract_mod, "open_empty_folder", open_then_plant)
    out_dir = tmp_path / "out"
    code, _, err = run(
        capsys, ["inspect", world.bundle, "--key", world.key("alice"), "--extract", out_dir]
    )
    assert code == EXIT_ERROR and "appeared while extracting" in err
    # The files written before it were removed again; the link is left as it was.
    assert [p.name for p in out_dir.iterdir()] == ["sealed.age"]
    assert (out_dir / "sealed.age").is_symlink()


def test_write_new_refuses_an_existing_link(tmp_path: Path, victim: Path) -> None:
    folder = tmp_path / "out"
    fd = extract_mod.open_empty_folder(folder)
    try:
        (folder / "tasks.jsonl").symlink_to(victim)
        with pytest.raises(OutputFileError, match="appeared while extracting"):
            extract_mod.write_new(folder, fd, "tasks.jsonl", b"plaintext")
    finally:
        if fd is not None:
            os.close(fd)


def test_extract_writes_only_allow_listed_names() -> None:
    with pytest.raises(ValueError, match="not an extractable file name"):
        extract_mod.extract(Path("unused"), {"../../.bashrc": b"x"})


@pytest.mark.parametrize("existing", [False, True])
def test_extracted_plaintext_is_owner_only(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bool
) -> None:
    out_dir = tmp_path / "out"
    if existing:
        out_dir.mkdir(mode=0o755)
    previous = os.umask(0)  # even with a umask that allows everything
    try:
        code, out, err = run(
            capsys, ["inspect", world.bundle, "--key", world.key("alice"), "--extract", out_dir]
        )
    finally:
        os.umask(previous)
    assert code == EXIT_OK
    assert "decrypted bundle (plaintext: task text, answers)" in err
    assert f"extracted 7 files (sections, manifest, signature, signer.pub) to {out_dir}" in out
    assert stat.S_IMODE(out_dir.stat().st_mode) == 0o700
    names = {p.name for p in out_dir.iterdir()}
    assert names == {"manifest.json", "manifest.json.minisig", "tasks.jsonl", "schema.json",
                     "guidelines.md", "sealed.age", "signer.pub"}  # fmt: skip
    assert names <= extract_mod.FILE_NAMES
    for path in out_dir.iterdir():
        assert stat.S_IMODE(path.lstat().st_mode) == 0o600, path.name
    assert PublicCard.load(out_dir / "signer.pub") == world.server.card()


# --- control characters never reach the terminal --------------------------------------------


def test_terminal_safe_spells_out_control_and_format_characters() -> None:
    assert terminal_safe("alice ünïcode 名前 🙂 a\\x1b") == "alice ünïcode 名前 🙂 a\\x1b"
    assert terminal_safe("\x00\x07\t\n\r\x1b\x7f\x85\x9b") == (
        "\\x00\\x07\\x09\\x0a\\x0d\\x1b\\x7f\\x85\\x9b"
    )
    assert terminal_safe("\u202e\u2066\u200b\u200d\ufeff\u00ad\u2028\u2029") == (
        "\\u202e\\u2066\\u200b\\u200d\\ufeff\\xad\\u2028\\u2029"
    )
    assert terminal_safe("\U000e0041") == "\\U000e0041"  # a tag character
    assert terminal_safe("one\ntwo\r", keep_newlines=True) == "one\ntwo\\x0d"


def test_inspect_escapes_a_hostile_issuer_name(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, mallory = mallory_bundle(world, tmp_path / f"bundle{EVIL}.docket", name=EVIL)
    out_dir = tmp_path / f"out{EVIL}"
    code, out, err = run(
        capsys, ["inspect", bundle, "--key", world.key("alice"), "--extract", out_dir]
    )
    assert code == EXIT_OK
    assert_escaped(out)
    assert_escaped(err)
    assert f"signed by {terminal_safe(EVIL)} {mallory.card().fingerprint} — not a key" in out
    manifest = json.loads(out.split("\nsignature:")[0])  # still valid JSON
    assert manifest["issuer"]["name"] == EVIL and manifest["project"] == EVIL


def test_verify_merge_and_the_reports_escape_hostile_names_and_ids(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Validly signed results whose file names and chain id carry escape sequences; then a
    reviewer name stored with them (as an older database may hold one). Every verb prints
    them spelled out; --json stays valid JSON."""
    # Task and response ids cannot carry them: pack refuses ids that are not printable.
    task = "task-1"
    ids = ["first", "second"]
    tasks = tmp_path / "evil.jsonl"
    tasks.write_text(json.dumps({"id": task, "prompt": "q", "responses": [
        {"id": ids[0], "text": "one"}, {"id": ids[1], "text": "two"}]}) + "\n")  # fmt: skip
    packed = pack(
        tasks,
        server=world.server,
        reviewers=[world.alice.card(), world.bob.card()],
        out_dir=tmp_path / "packed",
        overlap=2,
        project="evil",
    )
    issued = {b.reviewer: b.path for b in packed.bundles}
    ids = issued_ids(issued["alice"], world.alice, world.server)[task]  # as pack blinded them
    answered = {
        n: answered_bundle(issued[n], k, world.server.card())
        for n, k in (("alice", world.alice), ("bob", world.bob))
    }
    results = tmp_path / "results"
    results.mkdir()
    hostile_alice = result_file(
        results / f"alice{EVIL}.result",
        world.alice,
        answered["alice"],
        [answer_row(task, ids, ids[0])],
        sequence=2,  # a gap before it: the merge notes the chain by its id
        previous="0" * 64,
        chain=EVIL,
    )
    hostile_bob = result_file(
        results / f"bob{EVIL}.result",
        world.bob,
        answered["bob"],
        [answer_row(task, ids, ids[1])],
    )
    files = [hostile_alice, hostile_bob]
    ring = world.ring(tmp_path / "ring", "alice", "bob")
    server_key = ["--server-key", world.key("server")]
    db = tmp_path / "m.db"

    code, out, _ = run(capsys, ["verify", *files, *server_key, "--keyring", ring])
    assert code == EXIT_OK and "2 verified" in out
    assert_escaped(out)
    code, out, _ = run(
        capsys,
        ["merge", *files, *server_key, "--keyring", ring, "--db", db, "--tasks", packed.archive],
    )
    assert code == EXIT_OK and "2 accepted" in out
    assert_escaped(out)
    assert f"note: alice (workspace {terminal_safe(EVIL[:8])}): result bundle(s) 1" in out

    with MergedStore.open(db, world.server) as store, write_transaction(store.db):
        store.db.execute("UPDATE reviewers SET name = ? WHERE name = 'bob'", (f"bob{EVIL}",))

    code, out, _ = run(capsys, ["disagreements", "--db", db, *server_key])
    assert code == EXIT_OK and "opposite preferences" in out
    assert_escaped(out)
    assert terminal_safe(task) in out and terminal_safe(f"bob{EVIL}") in out
    code, out, _ = run(capsys, ["disagreements", "--db", db, *server_key, "--json"])
    assert not any(char in out for char in RAW)
    assert json.loads(out)[0]["task_id"] == task

    code, out, _ = run(capsys, ["agreement", "--db", db, *server_key])
    assert code == EXIT_OK
    assert_escaped(out)
    assert f"Cohen's kappa alice & {terminal_safe(f'bob{EVIL}')}" in out
    code, out, _ = run(capsys, ["agreement", "--db", db, *server_key, "--json"])
    assert not any(char in out for char in RAW)
    questions = json.loads(out)["questions"]
    assert {tuple(c["reviewers"]) for q in questions for c in q["cohen"]} == {
        ("alice", f"bob{EVIL}")
    }


# --- bounded input -------------------------------------------------------------------------


@pytest.fixture
def no_decryption(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("decryption was attempted")

    monkeypatch.setattr(age_layer, "decrypt", refuse)
    monkeypatch.setattr(age_layer, "decrypt_path", refuse)


def test_an_oversized_result_is_refused_before_it_is_read(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_decryption: None
) -> None:
    huge = tmp_path / "huge.result"
    with huge.open("wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_BUNDLE_BYTES + 1)
    ring = world.ring(tmp_path / "ring", "alice", "bob")
    server_key = ["--server-key", world.key("server")]
    limit = f"over the {MAX_RESULT_BYTES:,}-byte limit"  # a result's, far below a bundle's
    code, out, _ = run(capsys, ["verify", huge, *server_key, "--keyring", ring])
    assert code == EXIT_ERROR
    assert f"FAIL {huge}: {huge} is {MAX_BUNDLE_BYTES + 1:,} bytes, {limit}" in out
    db = tmp_path / "m.db"
    code, out, _ = run(
        capsys,
        ["merge", huge, *server_key, "--keyring", ring, "--db", db],
    )
    assert code == EXIT_ERROR and limit in out and "0 accepted" in out
    with MergedStore.open(db, world.server) as store:
        assert set(store.counts().values()) == {0}
    code, _, err = run(capsys, ["inspect", huge, "--key", world.key("alice")])
    assert code == EXIT_ERROR and f"over the {MAX_BUNDLE_BYTES:,}-byte limit" in err


def test_reading_stops_at_the_cap_even_if_the_file_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is checked on the open file, and no more than the cap is ever read."""
    path = tmp_path / "growing.result"
    path.write_bytes(b"x" * 64)
    real_check = envelope.check_bundle_path

    def check_then_grow(p: str | Path, limit: int) -> Path:
        checked = real_check(p, limit)
        path.write_bytes(b"x" * 10_000)  # after the check, before the read
        return checked

    monkeypatch.setattr(envelope, "check_bundle_path", check_then_grow)
    with pytest.raises(BundleError, match="over the 100-byte"):
        envelope.read_bundle_file(path, 100)


def test_a_fifo_is_refused_without_reading(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_decryption: None
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    fifo = tmp_path / "endless.result"
    os.mkfifo(fifo)
    ring = world.ring(tmp_path / "ring", "alice")
    code, out, _ = run(
        capsys, ["verify", fifo, "--server-key", world.key("server"), "--keyring", ring]
    )
    assert code == EXIT_ERROR and "is not a regular file" in out
