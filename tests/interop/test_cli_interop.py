"""Interoperability with the reference tools: the `age` and `minisign` command-line programs.

These run in CI (.ci/run installs both with apt-get) and skip with a reason elsewhere.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import age_layer, container, keys
from docket.bundles.envelope import open_sealed, pinned, read_bundle_file
from docket.bundles.keys import PublicCard, SecretKey
from docket.cli import main
from docket.server.pack import pack
from tests.helpers import ROOT, require_binary

pytestmark = pytest.mark.interop
DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"


@pytest.fixture
def parties(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name in ("server", "alice"):
        key_path, _ = keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
        paths[name] = key_path
    return paths


def _pack(tmp_path: Path, server: SecretKey, reviewer: PublicCard, lines: int = 6) -> Path:
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("".join(DEMO.read_text().splitlines(keepends=True)[:lines]))
    result = pack(tasks, server=server, reviewers=[reviewer], out_dir=tmp_path / "out")
    return result.bundles[0].path


def test_a_packed_bundle_decrypts_with_age_and_the_exported_identity(
    tmp_path: Path, parties: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    age = require_binary("age")
    server, alice = (keys.load_secret_key(parties[n]) for n in ("server", "alice"))
    bundle = _pack(tmp_path, server, alice.card())
    assert main(["key", "export-age-identity", str(parties["alice"])]) == 0
    identity = tmp_path / "alice.age-identity"
    identity.write_text(capsys.readouterr().out)
    plain = subprocess.run(
        [age, "-d", "-i", str(identity), str(bundle)], capture_output=True, check=True
    ).stdout
    sections = container.unpack(plain, required=None)
    manifest = json.loads(sections[container.MANIFEST])
    assert manifest["type"] == "task" and manifest["recipient"]["name"] == "alice"
    assert len(sections["tasks.jsonl"].splitlines()) == 6


def test_a_file_encrypted_by_the_age_cli_decrypts_in_docket(
    tmp_path: Path, parties: dict[str, Path]
) -> None:
    age = require_binary("age")
    alice = keys.load_secret_key(parties["alice"])
    payload = b"offline review \x00\xff" * 70_000  # > 1 MiB: several STREAM chunks
    (tmp_path / "plain").write_bytes(payload)
    # The public card is itself a recipients file for `age -R`.
    card_path = parties["alice"].with_suffix(".pub")
    subprocess.run(
        [age, "-R", str(card_path), "-o", str(tmp_path / "enc"), str(tmp_path / "plain")],
        check=True,
    )
    assert age_layer.decrypt((tmp_path / "enc").read_bytes(), [alice.identity()]) == payload


def test_an_extracted_manifest_verifies_with_minisign(
    tmp_path: Path, parties: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    minisign = require_binary("minisign")
    server, alice = (keys.load_secret_key(parties[n]) for n in ("server", "alice"))
    bundle = _pack(tmp_path, server, alice.card())
    out = tmp_path / "extracted"
    assert (
        main(["inspect", str(bundle), "--key", str(parties["alice"]), "--extract", str(out)]) == 0
    )
    assert {p.name for p in out.iterdir()} >= {
        "manifest.json",
        "manifest.json.minisig",
        "tasks.jsonl",
    }
    ok = subprocess.run(
        [minisign, "-V", "-m", str(out / "manifest.json"), "-P", server.card().minisign_key],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "docket-bundle type=task" in ok.stdout
    # ... and fails for a manifest changed by one byte.
    raw = (out / "manifest.json").read_bytes()
    (out / "manifest.json").write_bytes(raw.replace(b'"task"', b'"tusk"', 1))
    bad = subprocess.run(
        [minisign, "-V", "-m", str(out / "manifest.json"), "-P", server.card().minisign_key],
        capture_output=True,
    )
    assert bad.returncode != 0


def test_a_manifest_signed_by_the_minisign_cli_verifies_in_docket(
    tmp_path: Path, parties: dict[str, Path]
) -> None:
    minisign = require_binary("minisign")
    subprocess.run(
        [minisign, "-G", "-W", "-p", str(tmp_path / "cli.pk"), "-s", str(tmp_path / "cli.sk")],
        check=True,
        capture_output=True,
    )
    cli_secret = (tmp_path / "cli.sk").read_text().splitlines()[1]
    # A server whose signing key was made by the minisign CLI.
    server = SecretKey(
        "server", keys.generate("x").age_identity, cli_secret, "2026-01-01T00:00:00+00:00"
    )
    alice = keys.load_secret_key(parties["alice"])
    bundle = _pack(tmp_path, server, alice.card())
    plain = age_layer.decrypt(bundle.read_bytes(), [alice.identity()])
    sections = container.unpack(plain, required=None)
    manifest_path = tmp_path / "manifest.json"
    manifest_path.write_bytes(sections[container.MANIFEST])
    comment = json.loads(sections[container.MANIFEST])
    subprocess.run(
        [
            minisign, "-S", "-s", str(tmp_path / "cli.sk"), "-m", str(manifest_path),
            "-t", f"docket-bundle type=task id={comment['bundle_id']}",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    cli_signature = (tmp_path / "manifest.json.minisig").read_bytes()
    assert cli_signature != sections[container.SIGNATURE]
    sections[container.SIGNATURE] = cli_signature
    forged = age_layer.encrypt(container.pack(sections), alice.card().recipient())
    cli_card = PublicCard(
        "server", server.card().age_recipient, (tmp_path / "cli.pk").read_text().splitlines()[1]
    )
    opened = open_sealed(forged, alice, signer=pinned(cli_card), expected_type="task")
    assert opened.signature == cli_signature
    # The whole import path accepts it too.
    card_path = tmp_path / "server-cli.pub"
    card_path.write_text(cli_card.dumps())
    (tmp_path / "cli-signed.docket").write_bytes(forged)
    with Workspace.open(tmp_path / "ws", parties["alice"]) as ws:
        done = ws.import_bundle(tmp_path / "cli-signed.docket", card_path)
        assert done.added == 6
    assert read_bundle_file(tmp_path / "cli-signed.docket") == forged
