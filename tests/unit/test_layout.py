"""The repository layout, and the packaging that maps it."""

from __future__ import annotations

import tomllib
from importlib import resources

from docket.core.task_loading import load_tasks_jsonl
from tests.helpers import ROOT


def test_layout_of_the_brief() -> None:
    for sub in ("core", "store", "bundles", "render", "server", "ui"):
        assert (ROOT / "desktop" / "docket" / sub / "__init__.py").is_file(), sub
    for path in (
        "desktop/docket/cli/__init__.py",
        "resources",
        "packaging",
        "tests",
        "pyproject.toml",
        "README.md",
        "Makefile",
        ".ci/run",
    ):
        assert (ROOT / path).exists(), path


def test_pyproject_lists_every_package_on_disk() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT / "desktop").parts)
        for p in (ROOT / "desktop" / "docket").rglob("__init__.py")
    } | {"docket.resources"}
    assert listed == on_disk


def test_runtime_dependencies_of_the_issue() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = config["project"]
    names = {d.split(">")[0].split("=")[0].lower() for d in project["dependencies"]}
    # The libraries Docket is built on, plus pylatexenc (LaTeX -> Unicode for math in responses),
    # ziamath with latex2mathml (math typeset as SVG) and phonenumberslite (phone numbers
    # of every country for the PII detector), msgspec (the fast JSON path of task files,
    # checked against the standard parser) and tqdm (progress bars of the command line).
    assert names == {
        "pyside6-essentials", "sqlite-utils", "sqlcipher3", "markdown-it-py", "mdit-py-plugins",
        "pygments", "cryptography", "pyrage", "py-minisign", "platformdirs", "pylatexenc",
        "ziamath", "latex2mathml", "phonenumberslite", "msgspec", "tqdm",
    }  # fmt: skip
    assert all(">=" in d for d in project["dependencies"])
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"]["docket"] == "docket.cli:main"
    assert {"test", "dev"} <= set(project["optional-dependencies"])


def test_demo_sample_is_package_data_of_real_tasks() -> None:
    sample = resources.files("docket.resources") / "demo" / "tasks.jsonl"
    with resources.as_file(sample) as path:
        tasks = load_tasks_jsonl(path)
    assert len(tasks) == 36
    assert sum(1 for t in tasks if len(t.responses) == 3) == 12
    texts = "\n".join(r.text for t in tasks for r in t.responses)
    assert "```" in texts and "|---" in texts.replace(" ", "")
    assert all(r.model for t in tasks for r in t.responses)
