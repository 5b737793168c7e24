"""Benchmark: the app's cold start, from starting the process to its window painted.

    .venv/bin/python tests/benchmarks/bench_cold_start.py [--app PATH] [--runs 5]

Times the packaged app (``dist/docket/docket``, built by ``make package``) or, when no
package is built, the ``docket`` installed in ``.venv`` (the run says which). The
start measured is the everyday one: ``docket`` with no argument, opening the last
workspace (the demo's 40 tasks, made once in a fresh HOME
with ``docket demo --no-window`` and named in the settings as the last one), offscreen,
in a clean environment (``HOME`` a temporary folder, ``PATH=/usr/bin:/bin``).

The window says when it has painted its first task (``DOCKET_QUIT_AFTER_FIRST_PAINT``,
docket.ui.startup_probe) and closes; the figure is the wall time from just before the
process is started to that line, and the process's own CPU time up to it.

Cold: before each cold run the whole page cache is dropped (``sync; echo 3 >
/proc/sys/vm/drop_caches``), which needs root on Linux; where that is not allowed, only
the app folder's files are evicted (``posix_fadvise``; the system's libraries and fonts
stay cached) and the run says so. Warm: the same start right after. One start before
all of them fills the fresh HOME's font cache. Median of ``--runs`` (5) each.

Merged into bench-results.json: ``package_cold_start_s`` (bar 0.8 s), ``package_cold_start_cpu_s``,
``warm_start_s``, and ``cold_start_packaged`` (1 when the packaged app was timed, 0 for
the development install).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402

PREFIX = "docket: first paint"  # docket.ui.startup_probe.PREFIX (no Qt import here)
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def find_app(given: str | None) -> tuple[Path, bool]:
    """The executable to time, and whether it is the packaged app."""
    if given:
        path = Path(given).resolve()
        # A one-folder package wherever it was copied (its folder need not be "docket").
        return path, (path.parent / "_internal").is_dir()
    packaged = ROOT / "dist" / "docket" / "docket"
    if packaged.exists():
        return packaged, True
    return ROOT / ".venv" / "bin" / "docket", False


def environment(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
    }


def prepare(app: Path, home: Path) -> None:
    """The demo workspace, named in the settings as the last one opened."""
    env = environment(home)
    done = subprocess.run(
        [str(app), "demo", "--no-window"], env=env, cwd=home, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"cold start: the demo could not be prepared: {done.stderr[-2000:]}")
    found = dict(
        line.split(": ", 1) for line in done.stdout.splitlines() if line.startswith("Demo ")
    )
    settings = home / ".config" / "docket" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        json.dumps(
            {
                "version": 1,
                "last_workspace": found["Demo workspace"].strip(),
                "last_key": found["Demo reviewer key"].strip(),
            }
        )
    )


def evict(app: Path) -> str:
    """Empty the page cache (or as much of it as allowed); says what was done."""
    os.sync()
    try:
        DROP_CACHES.write_text("3\n")
        return "whole page cache dropped"
    except OSError:
        pass
    folder = app.parent if (app.parent / "_internal").is_dir() else app.parents[1]
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return "only the app's own files evicted (dropping the page cache needs root)"


def start(app: Path, home: Path) -> tuple[float, float]:
    """One start of the app as a reviewer starts it (see :func:`timed_start`)."""
    env = {**environment(home), "DOCKET_QUIT_AFTER_FIRST_PAINT": "1"}
    return timed_start(app, env, home, name="cold start", wait_s=60)


def timed_start(
    app: Path, env: dict[str, str], home: Path, *, name: str, wait_s: float
) -> tuple[float, float]:
    """One start: seconds from starting the process to its first paint, and the CPU
    seconds it had used by then (the window reports both, ``env`` asking it to quit
    after that paint); the process must then end within ``wait_s``."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [str(app)], env=env, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    wall = cpu = None
    for line in child.stdout:
        if line.startswith(PREFIX):
            wall = time.perf_counter() - began
            cpu = float(line.split("cpu_s=")[1])
            break
    try:
        _, err = child.communicate(timeout=wait_s)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        raise SystemExit(
            f"{name}: the app did not end within {wait_s:g} s of its first paint"
        ) from None
    if wall is None or cpu is None or child.returncode != 0:
        raise SystemExit(f"{name}: no first paint reported ({child.returncode}): {err[-3000:]}")
    return wall, cpu


def main() -> dict[str, float | None]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", help="the docket executable (default: dist/docket/docket)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app, packaged = find_app(args.app)
    if not app.exists():
        raise SystemExit(f"cold start: {app} not found: run `make package` (or make .venv)")
    what = "the packaged app" if packaged else "the development install (no package built)"
    print(f"cold start: timing {what}: {app}")
    cold, cold_cpu, warm, warm_cpu = [], [], [], []
    mode = ""
    with tempfile.TemporaryDirectory(prefix="docket-cold-") as tmp:
        home = Path(tmp)
        prepare(app, home)
        start(app, home)  # the fresh HOME's font cache and window state, once
        for _ in range(args.runs):
            mode = evict(app)
            wall, cpu = start(app, home)
            cold.append(wall)
            cold_cpu.append(cpu)
            wall, cpu = start(app, home)
            warm.append(wall)
            warm_cpu.append(cpu)
    load = os.getloadavg()
    print(f"cold start: cold = {mode}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for label, walls, cpus in (("cold", cold, cold_cpu), ("warm", warm, warm_cpu)):
        print(
            f"cold start: {label}: median {statistics.median(walls):.3f} s "
            f"(runs {', '.join(f'{w:.3f}' for w in walls)}); "
            f"CPU median {statistics.median(cpus):.3f} s"
        )
    return {
        "package_cold_start_s": round(statistics.median(cold), 3),
        "package_cold_start_cpu_s": round(statistics.median(cold_cpu), 3),
        "warm_start_s": round(statistics.median(warm), 3),
        "warm_start_cpu_s": round(statistics.median(warm_cpu), 3),
        "cold_start_packaged": 1.0 if packaged else 0.0,
    }


if __name__ == "__main__":
    record(main())
