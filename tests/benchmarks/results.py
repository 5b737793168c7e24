"""Where benchmark figures go: merged into bench-results.json at the repository root, and
appended, with the machine and the commit, to the benchmark history.

The history (``bench-history.jsonl``) is one JSON line per script run: when, which
script, the commit (and whether the checkout had changes), ``BENCH_SCALE``, the load
average at the end (the machine may be shared), the machine (CPU, cores, RAM, OS, Python,
Qt) and the figures. It is kept per machine, not in the repository: figures compare only
on one machine, and every checkout of that machine (worktrees, fresh clones) appends to
the same file, ``platformdirs.user_data_path("docket") / "bench-history.jsonl"``
(``~/.local/share/docket/`` on Linux), or the path in ``BENCH_HISTORY``.
``history.py`` shows the latest figures against the earlier ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results.json"
OWN_FILES = ("bench-results.json",)


def history_path() -> Path:
    configured = os.environ.get("BENCH_HISTORY")
    if configured:
        return Path(configured)
    return platformdirs.user_data_path("docket", appauthor=False) / "bench-history.jsonl"


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def commit() -> dict[str, Any]:
    """The commit measured, and whether the checkout differed from it."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    changed = None
    if status is not None:
        changed = any(line[3:] not in OWN_FILES for line in status.splitlines())
    return {"commit": _git("rev-parse", "HEAD"), "changed": changed}


@cache
def machine() -> dict[str, Any]:
    """What the figures depend on: CPU, cores, RAM, OS, Python and Qt versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        ram = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    os_name = platform.platform()
    try:
        release = dict(
            line.split("=", 1)
            for line in Path("/etc/os-release").read_text().splitlines()
            if "=" in line
        )
        os_name = release.get("PRETTY_NAME", os_name).strip('"') + f" ({platform.release()})"
    except OSError:
        pass
    qt = None
    try:
        from PySide6 import QtCore, __version__

        qt = f"PySide6 {__version__}, Qt {QtCore.qVersion()}"
    except ImportError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "os": os_name,
        "python": platform.python_version(),
        "qt": qt,
    }


def append_history(figures: dict[str, float | None], script: str | None = None) -> Path:
    path = history_path()
    entry = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "script": script or Path(sys.argv[0]).stem,
        **commit(),
        "bench_scale": os.environ.get("BENCH_SCALE") or None,
        "load": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "machine": machine(),
        "figures": figures,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, sort_keys=True) + "\n")
    return path


def record(figures: dict[str, float | None]) -> None:
    """Merge ``figures`` into the file; None (JSON null) marks a figure not measured.
    The run is appended to the history too."""
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged.update(figures)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(f"wrote {RESULTS}; appended to {append_history(figures)}")
