"""Import reports its stages, and a cancel at any stage (up to the commit) imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.errors import ImportCancelledError
from docket.server.pack import pack
from tests.helpers import ROOT


@pytest.fixture
def bundle(tmp_path: Path) -> tuple[Path, Path, Path]:
    server, alice = keys.generate("server"), keys.generate("alice")
    for k in (server, alice):
        keys.write_key_pair(k, tmp_path / "keys", passphrase=None)
    tasks = tmp_path / "t.jsonl"
    tasks.write_text(
        "".join((ROOT / "resources/demo/tasks.jsonl").read_text().splitlines(True)[:5])
    )
    packed = pack(tasks, server=server, reviewers=[alice.card()], out_dir=tmp_path / "out")
    return packed.bundles[0].path, tmp_path / "keys" / "alice.key", tmp_path / "keys" / "server.pub"


def test_stages_are_reported_in_order(tmp_path: Path, bundle: tuple[Path, Path, Path]) -> None:
    path, key, card = bundle
    seen: list[tuple[str, float]] = []
    with Workspace.open(tmp_path / "ws", key) as ws:
        ws.import_bundle(path, card, progress=lambda stage, f: seen.append((stage, f)))
    # Each stage may report more than once (the large ones as bytes go by).
    stages = [s for i, (s, _) in enumerate(seen) if i == 0 or seen[i - 1][0] != s]
    assert stages == ["Decrypting and verifying", "Reading tasks", "Storing", "Saving", "Done"]
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


@pytest.mark.parametrize(
    "cancel_at", ["Decrypting and verifying", "Reading tasks", "Storing", "Saving"]
)
def test_cancel_at_any_stage_leaves_nothing(
    tmp_path: Path, bundle: tuple[Path, Path, Path], cancel_at: str
) -> None:
    path, key, card = bundle

    def progress(stage: str, fraction: float) -> None:
        if stage == cancel_at:
            raise ImportCancelledError("Import cancelled.")

    with Workspace.open(tmp_path / "ws", key) as ws:
        with pytest.raises(ImportCancelledError):
            ws.import_bundle(path, card, progress=progress)
        assert ws.store.task_count() == 0
        assert ws.store.active_bundles() == []
        assert ws.store.audit_entries() == []
        assert ws.store.integrity_check() == "ok"
        # ... and the same bundle imports fine afterwards.
        assert ws.import_bundle(path, card).added == 5
