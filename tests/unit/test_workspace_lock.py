"""Locking a workspace closes its database and drops the reviewer's key; only the same
key (and its passphrase) opens it again, with everything as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import SecretKey
from docket.errors import KeyFileError, WorkspaceLockedError, WrongPassphraseError
from docket.store.review import ReviewStore
from tests.helpers import sample_tasks

PASSPHRASE = "a long passphrase for the lock test"


@pytest.fixture
def protected(tmp_path: Path) -> Path:
    path, _ = keys.write_key_pair(keys.generate("bob"), tmp_path / "k", passphrase=PASSPHRASE)
    return path


def live_keys(identity: str) -> int:
    gc.collect()
    return sum(
        1 for o in gc.get_objects() if isinstance(o, SecretKey) and o.age_identity == identity
    )


def test_locked_workspace_refuses_every_use_and_forgets_its_key(
    tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(sample_tasks())
    review = ReviewStore(ws.store)
    ws.record("pair", {"preference": {"better": "r1", "strength": "slight"}})
    identity = keys.load_secret_key(key_path).age_identity
    assert live_keys(identity) == 1  # the workspace's own

    ws.lock()
    assert ws.locked and ws.store.locked
    assert live_keys(identity) == 0
    assert (
        not (tmp_path / "ws" / "workspace.db-wal").exists()
        or (tmp_path / "ws" / "workspace.db-wal").stat().st_size == 0
    )
    for use in (
        lambda: ws.task("pair"),
        lambda: ws.answer("pair"),
        lambda: ws.record("pair", {"preference": {"better": "r2", "strength": "slight"}}),
        lambda: ws.export_results(tmp_path / "out.docket-result"),
        lambda: review.task_rows(),
        lambda: review.edit("pair", {}),
    ):
        with pytest.raises(WorkspaceLockedError):
            use()
    assert ws.reviewer == "alice"  # not secret: shown on the lock screen
    ws.lock()  # twice is harmless
    ws.close()  # and so is closing a locked workspace


@pytest.mark.slow
def test_unlock_needs_the_same_key_and_its_passphrase(tmp_path: Path, protected: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", protected, PASSPHRASE)
    ws.load_tasks(sample_tasks())
    ws.record("pair", {"preference": {"better": "r1", "strength": "slight"}})
    ws.lock()
    with pytest.raises(WrongPassphraseError):
        ws.unlock(protected, "not it")
    other, _ = keys.write_key_pair(keys.generate("bob"), tmp_path / "other", passphrase=None)
    with pytest.raises(KeyFileError, match="not the key this workspace is open with"):
        ws.unlock(other)
    assert ws.locked

    ws.unlock(protected, PASSPHRASE)
    assert not ws.locked
    answer = ws.answer("pair")
    assert answer is not None and answer.answers["preference"]["better"] == "r1"
    ReviewStore(ws.store).edit("three", {"ranking": [["x"], ["y"], ["z"]]})
    assert ws.verify_audit() >= 1
    ws.close()
