"""Suite-wide configuration.

- Qt runs offscreen (set before anything imports Qt).
- Tests that use ``qtbot`` or ``qapp`` are marked ``gui`` automatically, so
  ``pytest -m "not gui"`` runs the headless suite, also where PySide6 is not installed.
- A Qt warning fails the test (``qt_log_level_fail`` in pyproject.toml); without pytest-qt
  its ini keys are declared here so that ``--strict-config`` still passes.
- Each test gets its own HOME and XDG (platformdirs) directories, so nothing leaks between tests or
  into the developer's real directories.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import sample_tasks

if TYPE_CHECKING:
    from docket import Workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The `browser` fixture: a headless Chromium (tests/browser.py); a throwaway PostgreSQL
# server and the `store_target` parametrisation over both merged stores (tests/postgres.py).
pytest_plugins = ("tests.browser", "tests.postgres")

# Hypothesis profiles. "bounded" is what the fuzz properties
# (tests/adversarial/test_fuzz_parsers.py) run under in `make test`: derandomized, so every
# run tries the same examples, with a deadline far above a parse's real cost. "fuzz" is
# `make fuzz` (HYPOTHESIS_PROFILE=fuzz): random and long; its deadline only catches
# runaway work, not a busy machine.
settings.register_profile(
    "bounded",
    derandomize=True,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=2000,
    derandomize=False,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Where pytest-qt is not installed (the headless environment) or is disabled, its ini
    keys in pyproject.toml would be unknown, which --strict-config rejects: declare them,
    unused, so the same configuration serves both environments."""
    if not pluginmanager.has_plugin("pytest-qt"):
        parser.addini("qt_log_level_fail", "pytest-qt's; unused without it")
        parser.addini("qt_log_ignore", "pytest-qt's; unused without it", type="linelist")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    """An unprotected reviewer key ("alice"), as automation would use."""
    from docket.bundles import keys

    path, _ = keys.write_key_pair(keys.generate("alice"), tmp_path / "keys", passphrase=None)
    return path


@pytest.fixture
def workspace(tmp_path: Path, key_path: Path) -> Iterator[Workspace]:
    """A workspace with three tasks: a pair, a three-way comparison, a conversation."""
    from docket import Workspace

    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(sample_tasks())
    yield ws
    ws.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB tmpfs (root only, and only where mounting is allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if getattr(os, "geteuid", lambda: -1)() != 0:
        pytest.skip("mounting a small tmpfs needs root (the SQLite-level fault tests run anyway)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
