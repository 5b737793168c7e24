"""Start-up times of the built app: `docket --version` and `docket demo --screenshot`.

    python3 packaging/measure_start.py [dist/docket] [--runs 5] [--drop-caches]

Runs with the system python3 (no virtualenv needed). Each command runs from a clean
environment (`HOME=<temp dir>`, `PATH=/usr/bin:/bin`, offscreen Qt). A "first" demo run
has a fresh HOME: it creates the demo keys, packs and imports the 36-task bundle, then
opens the window; "again" opens the demo workspace made before (the everyday start). The
screenshot is taken 300 ms after the window is shown (a fixed timer in docket.ui.app),
which the figures include.

Cold: before each cold run the app folder's files are evicted from the page cache
(posix_fadvise DONTNEED; system libraries and fonts stay cached as on any desktop), or,
with --drop-caches (root, Linux), the whole page cache is dropped. Warm: the same command
again right after. Prints the median and the range of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def evict(folder: Path, drop_caches: bool) -> None:
    if drop_caches:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def timed(exe: Path, args: list[str], home: str | None = None) -> float:
    """Seconds for one run; in a fresh HOME unless one is given."""
    if home is None:
        with tempfile.TemporaryDirectory(prefix="docket-start-") as fresh:
            return timed(exe, args, fresh)
    env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run(
        [str(exe), *args],
        env=env,
        cwd=home,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", nargs="?", default="dist/docket", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true")
    args = parser.parse_args()
    args.dist = args.dist.resolve()
    exe = args.dist / "docket"
    kept = tempfile.TemporaryDirectory(prefix="docket-start-")
    timed(exe, ["demo", "--no-window"], kept.name)  # the demo workspace, made once
    commands = {  # label: (arguments, HOME: None for a fresh one each run)
        "--version": (["--version"], None),
        "demo --screenshot, first": (["demo", "--screenshot", "shot.png"], None),
        "demo --screenshot, again": (["demo", "--screenshot", "shot.png"], kept.name),
    }
    mode = "whole page cache dropped" if args.drop_caches else "app folder evicted"
    print(f"{args.runs} runs each; cold = {mode}; load average {os.getloadavg()[0]:.2f}")
    for label, (cmd, home) in commands.items():
        cold, warm = [], []
        for _ in range(args.runs):
            evict(args.dist, args.drop_caches)
            cold.append(timed(exe, cmd, home))
            warm.append(timed(exe, cmd, home))
        for kind, values in (("cold", cold), ("warm", warm)):
            print(
                f"docket {label:26} {kind}: median {statistics.median(values):.2f} s "
                f"(min {min(values):.2f}, max {max(values):.2f})"
            )
    kept.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
