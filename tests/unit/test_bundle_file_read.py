"""A bundle file is read at the size it has, and whatever it grows by while it is read
is read too, up to the cap and never past it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from docket.bundles import envelope
from docket.errors import BundleError


def grown_after_the_size_was_taken(monkeypatch: pytest.MonkeyPatch, path: Path, to: int) -> None:
    """``os.fstat`` of the open file gives its size, then the file grows to ``to`` bytes
    before it is read."""
    fstat = os.fstat

    def then_grow(fd: int) -> Any:
        found = fstat(fd)
        path.write_bytes(b"y" * to)
        return found

    monkeypatch.setattr(envelope.os, "fstat", then_grow)


@pytest.mark.parametrize("grown", [64, 65, 99, 100])
def test_a_file_growing_while_it_is_read_is_read_whole_up_to_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown: int
) -> None:
    path = tmp_path / "growing.result"
    path.write_bytes(b"x" * 64)
    grown_after_the_size_was_taken(monkeypatch, path, grown)
    assert envelope.read_bundle_file(path, 100) == b"y" * grown


@pytest.mark.parametrize("grown", [101, 10_000])
def test_a_file_growing_past_the_cap_while_it_is_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown: int
) -> None:
    path = tmp_path / "growing.result"
    path.write_bytes(b"x" * 64)
    grown_after_the_size_was_taken(monkeypatch, path, grown)
    with pytest.raises(BundleError, match="over the 100-byte"):
        envelope.read_bundle_file(path, 100)
