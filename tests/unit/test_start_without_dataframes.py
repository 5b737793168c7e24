"""The window's start (docket.cli.app): sqlite-utils imported without pandas and numpy,
both importable afterwards for what needs them (the report's plots, the ratings); the
cycle collector paused while the window starts and running as before once it is gone."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from docket.cli.app import _collector_paused_for_the_start
from docket.core.imports import defer

CHILD = r"""
import sys
from docket.cli.app import _import_sqlite_utils_without_dataframes
_import_sqlite_utils_without_dataframes()
import sqlite_utils.db
assert sqlite_utils.db.pd is None and sqlite_utils.db.np is None
assert "pandas" not in sys.modules and "numpy" not in sys.modules, sorted(sys.modules)
import importlib.util
import numpy
assert numpy.arange(3).sum() == 3
assert importlib.util.find_spec("pandas") is not None  # ValueError while still hidden
print("ok")
"""


@pytest.mark.slow  # a fresh interpreter importing the command line and numpy: 2-5 s on 2 cores
def test_sqlite_utils_comes_without_dataframes_and_they_stay_importable() -> None:
    pytest.importorskip("pandas", reason="pandas is not installed: nothing to leave out")
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"


def test_a_process_that_has_them_keeps_them() -> None:
    pytest.importorskip("numpy", reason="numpy is not installed")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import numpy, sys\n"
            "from docket.cli.app import _import_sqlite_utils_without_dataframes as f\n"
            "f()\n"
            "import sqlite_utils.db\n"
            "assert sqlite_utils.db.np is numpy and sys.modules['numpy'] is numpy\n"
            "print('ok')",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"


@pytest.mark.parametrize("running_before", [True, False])
def test_the_collector_is_as_before_once_the_app_is_gone(running_before: bool) -> None:
    was = gc.isenabled()
    (gc.enable if running_before else gc.disable)()
    inside: list[bool] = []

    def start_that_fails() -> None:
        with _collector_paused_for_the_start():
            inside.append(gc.isenabled())
            raise RuntimeError("the window failed to open")

    try:
        with pytest.raises(RuntimeError):
            start_that_fails()
        assert inside == [False]
        assert gc.isenabled() is running_before
    finally:
        (gc.enable if was else gc.disable)()


DEFERRED = r"""
import sys
from docket.core.imports import import_sqlite_utils_without_dataframes
import_sqlite_utils_without_dataframes()
import sqlite_utils.recipes
assert "dateutil.parser._parser" not in sys.modules  # its date parser: not run yet
assert sqlite_utils.recipes.parsedate("3/4/2021") == "2021-03-04"  # runs on first use
assert "dateutil.parser._parser" in sys.modules
print("ok")
"""


def test_sqlite_utils_date_parser_runs_only_when_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DEFERRED], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"


def test_a_module_that_is_not_there_is_not_deferred() -> None:
    before = dict(sys.modules)
    defer("docket_no_such_module")
    assert "docket_no_such_module" not in sys.modules
    with pytest.raises(ImportError):
        __import__("docket_no_such_module")
    assert sys.modules.keys() == before.keys()
