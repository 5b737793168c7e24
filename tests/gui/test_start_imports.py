"""The window's start loads only what its first paint needs.

``docket`` (the last workspace) is started in a fresh interpreter, as a user starts it,
with the start-up benchmark's probe (``DOCKET_QUIT_AFTER_FIRST_PAINT``: docket.ui.startup_probe)
so that it closes once it has painted its first task; then the modules it loaded are
listed. What a task without code or formulas never needs stays out: the code highlighter,
the LaTeX-to-text converter, the typesetter's worker machinery and MathML tree, the
typesetter itself, the scan of every installed package's metadata for sqlite-utils
plugins, pandas and numpy (which sqlite-utils imports whenever they are installed, as in
the development environment: the window imports it without them, as the packaged app
has it), the PII detector's patterns (the tasks here were packed with their findings,
so none is scanned), the command line's verbs, the bundle readers and writers (the first import or export loads
them) and the answer panel's editors for question types the form does not ask.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.ui.startup_probe import PREFIX, VARIABLE

NOT_AT_START = (
    "pygments",  # code blocks: docket.render.code
    "pylatexenc",  # formulas shown as text: docket.render.math
    "multiprocessing",  # the typesetter's worker: docket.render.typeset
    "concurrent.futures.process",
    "xml.etree.ElementTree",  # MathML, while typesetting
    "ziamath",
    "latex2mathml",
    "importlib.metadata",  # sqlite-utils' plugin scan (not done: execute_plugins=False)
    "pandas",  # sqlite-utils' column types for DataFrames: docket.cli.app
    "numpy",
    "dateutil.parser._parser",  # sqlite-utils' date recipes: deferred to their first use
    "docket.core.pii_detect",  # a task without packed findings is scanned off the UI thread
    "docket.cli.server",  # the command line's verbs: `docket` alone builds no parser
    "docket.cli.reviewer",
    "docket.cli.keys",
    "docket.cli.dataset",
    "docket.import_worker",  # the bundle readers and writers: the first import or export
    "docket.bundles.envelope",
    "docket.bundles.task_bundle",
    "docket.bundles.result_bundle",
    "docket.ui.answer_ranking",  # the editors of question types this form does not ask
    "docket.ui.answer_rubric",
    "docket.ui.answer_rubric_writing",
    "docket.ui.answer_rewrite",
)

CHILD = r"""
import json, sys
from docket.cli import main
code = main([])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.slow  # a whole start of the app in a fresh interpreter: 2-9 s on 2 cores
def test_the_window_paints_its_first_task_without_the_modules_that_can_wait(
    tmp_path: Path, key_path: Path
) -> None:
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(
            [
                Task(
                    f"t{i}",
                    (Turn(Role.USER, f"Question {i}: which answer is kinder?"),),
                    (Response("a", "A *short* answer."), Response("b", "A longer one.")),
                    pii=(),  # packed with its findings (none), as `docket pack` does
                )
                for i in range(5)
            ]
        )
    config = tmp_path / "config"
    (config / "docket").mkdir(parents=True)
    (config / "docket" / "settings.json").write_text(
        json.dumps(
            {"version": 1, "last_workspace": str(tmp_path / "ws"), "last_key": str(key_path)}
        )
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        VARIABLE: "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith(PREFIX) for line in lines), done.stdout[-2000:]
    result = json.loads(lines[-1])
    assert result["code"] == 0
    modules = set(result["modules"])
    assert "docket.ui.main_window" in modules  # the window did open
    loaded = [name for name in NOT_AT_START if name in modules]
    assert loaded == [], f"loaded before the first paint: {loaded}"
