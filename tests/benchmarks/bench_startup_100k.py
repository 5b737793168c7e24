"""Benchmark: start to first task on a 100,000-task workspace, as a reviewer starts the app.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_startup_100k.py [--runs 5]
        [--before CHECKOUT] [--no-bytecode]

Times ``docket`` (the ``.venv``'s command, no argument: the window opens the last workspace
named in the settings, the everyday start) on the task list's 100,000-task workload
(``~/.cache/docket/bench/tasklist-100k-v2``, built by bench_task_list.py if missing:
an hour on two cores), offscreen, in a clean environment (``HOME`` a temporary folder
holding only the settings, ``PATH=/usr/bin:/bin``). The window says when it has painted
its first task (``DOCKET_QUIT_AFTER_FIRST_PAINT``, docket.ui.startup_probe) and closes;
the figure is the wall time from just before the process is started to that line, and
the process's own CPU time up to it (user and system, the interpreter's start included):
on a shared machine the CPU time says how much of the wall time was this start.

Bytecode: an installed app (and the packaged one) carries its modules compiled; this
development environment sets ``PYTHONDONTWRITEBYTECODE``, so without care every start
would compile Docket's modules again. The starts timed here run without that variable
and with ``PYTHONPYCACHEPREFIX`` set to a folder of the benchmark cache
(``startup-pycache``): one start before the timed ones compiles exactly the modules the
start imports (a fresh HOME's font cache is filled by it too), and the timed starts read
them as an installed app reads its own. Nothing is written into the checkout or the
``.venv``; a source changed since is compiled again by Python's usual check.
``--no-bytecode`` times the starts as this environment makes them instead (every module
compiled at every start), for information.

The page cache is left as it is (a warm start: the workspace's 2.9 GB are not read
whole; the first task needs a few megabytes of it).

``--before CHECKOUT`` times, alternately with this checkout's, the starts of another
checkout's code (its ``desktop`` folder put first on ``PYTHONPATH``, the same ``.venv``):
before and after in one sitting. Its figures are printed, not recorded.

Merged into bench-results.json: ``startup_100k_s`` (median wall time; bar 1.5 s) and
``startup_100k_cpu_s`` (median CPU time).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cold_start import timed_start  # noqa: E402
from results import record  # noqa: E402
from workloads import BENCH_CACHE, workload  # noqa: E402

WORKLOAD = "tasklist-100k-v3"  # bench_task_list.py's: workspace version 13, 16 KiB pages
PYCACHE = BENCH_CACHE / "startup-pycache"


def the_workload() -> Path:
    def build(cache: Path) -> None:
        from bench_task_list import build as build_task_list

        build_task_list(cache)

    return workload(WORKLOAD, build)


def environment(home: Path, source: Path | None, bytecode: bool) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "DOCKET_QUIT_AFTER_FIRST_PAINT": "1",
    }
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    if source is not None:
        env["PYTHONPATH"] = str(source / "desktop")
    return env


def prepare(home: Path, workspace: Path, key: Path) -> None:
    """Settings naming the workspace and key as the last ones opened."""
    settings = home / ".config" / "docket" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        json.dumps(
            {
                "version": 1,
                "last_workspace": str(workspace),
                "last_key": str(key),
            }
        )
    )


def start(app: Path, env: dict[str, str], home: Path) -> tuple[float, float]:
    """One start, timed as the packaged app's cold start is (bench_cold_start.py)."""
    return timed_start(app, env, home, name="startup 100k", wait_s=120)


def summary(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"startup 100k: {label}: median {statistics.median(walls):.3f} s "
        f"(runs {', '.join(f'{w:.3f}' for w in walls)}); "
        f"CPU median {statistics.median(cpus):.3f} s (runs {', '.join(f'{c:.3f}' for c in cpus)})"
    )


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def time_starts(
    workspace: Path,
    key: Path,
    runs: int,
    sources: dict[str, Path | None],
    bytecode: bool = True,
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU seconds of ``runs`` starts of ``docket`` on ``workspace`` for each
    named source (None: this checkout's), after one start each that is not timed; the
    sources' starts alternate."""
    app = ROOT / ".venv" / "bin" / "docket"
    if not app.exists():
        raise SystemExit(f"startup 100k: {app} not found: run `make .venv/.installed-dev`")
    timed: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in sources}
    with tempfile.TemporaryDirectory(prefix="docket-startup-") as tmp:
        homes = {name: Path(tmp) / name for name in sources}
        for name, home in homes.items():
            prepare(home, workspace, key)
            start(app, environment(home, sources[name], bytecode), home)  # compiles, fills caches
        for _ in range(runs):
            for name, home in homes.items():
                wall, cpu = start(app, environment(home, sources[name], bytecode), home)
                timed[name][0].append(wall)
                timed[name][1].append(cpu)
    return timed


def main() -> dict[str, float | None]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout, timed alternately")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="compile every module at every start, as PYTHONDONTWRITEBYTECODE makes it",
    )
    args = parser.parse_args()
    cache = the_workload()
    bytecode = not args.no_bytecode
    sources: dict[str, Path | None] = {"after": None}
    if args.before is not None:
        sources["before"] = args.before.resolve()
    print(f"startup 100k: load average before {load()}")
    timed = time_starts(cache / "ws", cache / "keys" / "reviewer.key", args.runs, sources, bytecode)
    print(f"startup 100k: load average after {load()}; bytecode {'kept' if bytecode else 'none'}")
    for name, (walls, cpus) in timed.items():
        print(summary(name if len(sources) > 1 else "start", walls, cpus))
    suffix = "" if bytecode else "_nobytecode"
    walls, cpus = timed["after"]
    return {
        f"startup_100k{suffix}_s": round(statistics.median(walls), 3),
        f"startup_100k{suffix}_cpu_s": round(statistics.median(cpus), 3),
    }


if __name__ == "__main__":
    record(main())
