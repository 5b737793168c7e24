"""Only docket.ui may import Qt: everything else must import and work without PySide6.

import-linter checks the static imports (``make test`` runs ``lint-imports``); this test
checks at run time, in a fresh interpreter where importing PySide6 is impossible, that
every non-UI module imports and a whole workspace session works.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import docket

BLOCK_QT = r"""
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
            raise ImportError(f"{name} is blocked: only docket.ui may import Qt")
        return None

sys.meta_path.insert(0, NoQt())
"""

SESSION = r"""
import importlib, pkgutil, sys, tempfile, pathlib
import docket
names = [m.name for m in pkgutil.walk_packages(docket.__path__, "docket.")
         if not m.name.startswith("docket.ui") and m.name != "docket.__main__"]
for name in names:
    importlib.import_module(name)
from docket.bundles import keys
from docket.demo import prepare_demo
d = pathlib.Path(tempfile.mkdtemp())
info = prepare_demo(d / "demo")
ws = docket.Workspace.open(info.workspace, info.key)
task = next(iter(ws.tasks()))
ws.record(task.id, {"preference": {"better": None}} if len(task.responses) == 2
          else {"ranking": [list(task.response_ids)]})
ws.close()
assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
print(len(names), "modules")
"""


@pytest.mark.timeout(180)  # above the child's own 120 s, so that one fails as a test
def test_everything_but_ui_works_without_qt(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT + SESSION],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split()[0])
    expected = [
        m.name
        for m in pkgutil.walk_packages(docket.__path__, "docket.")
        if not m.name.startswith("docket.ui")
    ]
    assert count == len(expected) > 15


def test_the_qt_blocker_really_blocks(tmp_path: Path) -> None:
    pytest.importorskip("PySide6", reason="needs PySide6 to show that the blocker stops it")
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT + "import PySide6.QtCore"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "blocked" in result.stderr


def test_non_gui_tests_are_not_marked_gui(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is None
