"""Benchmark: a 100,000-task bundle (3 real responses each, ~610 MB) packed, imported, opened.

    BENCH_SCALE=100k QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_scale_100k.py

Runs only with ``BENCH_SCALE=100k`` (``make bench BENCH_SCALE=100k``); otherwise it says
so and records nothing. The workload (the 100,000-task JSONL, about 600 MB, and the key
pairs) is built once into the user cache directory (workloads.py:
``~/.cache/docket/bench/scale-100k`` on Linux). Each figure comes from a fresh process, so
its peak resident set (``VmHWM``) is its own:

- ``pack_100k_s``, ``pack_100k_peak_mb``: ``pack()`` of the file for one reviewer (the
  reviewer's bundle and the server's archive written);
- ``import_100k_s``, ``import_100k_peak_mb``: ``Workspace.import_bundle`` of that bundle
  into a new workspace (decrypt, verify, store);
- ``startup_100k_s``: process start to the first task painted on that workspace, the
  ``docket`` command started as a reviewer starts it (bench_startup_100k.py, one start
  after one untimed start that compiles the bytecode);
- ``peak_rss_100k_mb``: the window's peak resident set after visiting 1,000 tasks;
- ``pack_100k_cpu_s``, ``import_100k_cpu_s``, ``startup_100k_cpu_s``: the CPU time (user
  and system) of the same work, for information: on a shared machine it says how much of
  the wall time was this work.

Each is one run (a pack or an import of this size takes tens of seconds); run the script
again for a second figure.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup_100k import time_starts  # noqa: E402
from results import record  # noqa: E402
from workloads import workload  # noqa: E402

from docket.bundles import keys  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

MODELS = list(ALPACA_MODELS)
TASKS = 100_000

HWM = r"""
def cpu_s():
    import resource
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def peak_mb():
    try:
        hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
        return int(hwm.split()[1]) / 1024
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

PACK = (
    HWM
    + r"""
import sys, time
from pathlib import Path
from docket.bundles import keys
from docket.server.pack import pack
cache, out = Path(sys.argv[1]), Path(sys.argv[2])
server = keys.load_secret_key(cache / "keys" / "server.key")
reviewer = keys.load_secret_key(cache / "keys" / "reviewer.key")
t0 = time.perf_counter()
pack(cache / "tasks.jsonl", server=server, reviewers=[reviewer.card()], out_dir=out,
     project="scale100k")
print(time.perf_counter() - t0, peak_mb(), cpu_s())
"""
)

IMPORT = (
    HWM
    + r"""
import sys, time
from docket import Workspace
t0 = time.perf_counter()
with Workspace.open(sys.argv[1], sys.argv[2]) as ws:
    ws.import_bundle(sys.argv[3], sys.argv[4])
seconds = time.perf_counter() - t0
# The process that reads a large bundle's tasks (docket.import_worker) is reaped by now:
# its CPU time counts, and its peak is added to this process's (both ran at once).
import resource
child = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, peak_mb() + child.ru_maxrss / 1024, cpu_s() + child.ru_utime + child.ru_stime)
"""
)

STARTUP = (
    HWM
    + r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from docket import Workspace
from docket.settings import Settings
from docket.ui.app import application
from docket.ui.main_window import MainWindow
app = application()
ws = Workspace.open(sys.argv[1], sys.argv[2])
window = MainWindow(ws, Path(sys.argv[2]), Settings(), restore_layout=False)
window.show()
while window.controller.task is None:
    app.processEvents()
app.processEvents()
first = time.perf_counter() - t0
first_cpu = cpu_s()
for _ in range(1000):
    window.next_task()
    app.processEvents()
print(first, peak_mb(), first_cpu)
"""
)


def build(cache: Path) -> None:
    """100,000 tasks of 3 real AlpacaEval answers (the 10k workload's rows, ten times)."""
    outputs = {m: alpaca_eval(m) for m in MODELS}
    rng = random.Random(1)
    with (cache / "tasks.jsonl").open("w") as fh:
        for i in range(TASKS):
            j = i % 805
            fh.write(json.dumps({"id": f"t{i:06d}", "prompt": outputs[MODELS[0]][j]["instruction"], "responses": [
                {"model": m, "text": outputs[m][j]["output"]} for m in rng.sample(MODELS, 3)]}) + "\n")  # fmt: skip
    for name in ("server", "reviewer"):
        keys.write_key_pair(keys.generate(name), cache / "keys", passphrase=None)


def run(
    script: str, *args: str | Path, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall seconds, peak MB and CPU seconds of the child (the CPU time says how much of
    the wall time was this work on a shared machine)."""
    out = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "desktop"), **(env or {})},
    )  # fmt: skip
    if out.returncode:
        sys.exit(f"scale-100k: the child failed:\n{out.stderr}")
    seconds, peak, cpu = (float(x) for x in out.stdout.split()[-3:])
    return seconds, peak, cpu


def main() -> dict[str, float | None] | None:
    if os.environ.get("BENCH_SCALE", "").lower() != "100k":
        print(
            "scale-100k: skipped (BENCH_SCALE=100k runs it: a pack, an import and a window on 100,000 tasks, minutes)"
        )
        return None
    started = time.perf_counter()
    cache = workload("scale-100k", build)
    built = time.perf_counter() - started
    if built > 1:
        print(f"scale-100k: workload built in {built:.0f} s")
    key = cache / "keys" / "reviewer.key"
    card = cache / "keys" / "server.pub"
    result: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        seconds, peak, cpu = run(PACK, cache, Path(tmp) / "out")
        result["pack_100k_s"], result["pack_100k_peak_mb"] = round(seconds, 1), round(peak)
        result["pack_100k_cpu_s"] = round(cpu, 1)
        bundle = Path(tmp) / "out" / "scale100k-reviewer.docket"
        print(f"scale-100k: bundle {bundle.stat().st_size / 1e6:.0f} MB")
        seconds, peak, cpu = run(IMPORT, Path(tmp) / "ws", key, bundle, card)
        result["import_100k_s"], result["import_100k_peak_mb"] = round(seconds, 1), round(peak)
        result["import_100k_cpu_s"] = round(cpu, 1)
        # Start to first task as a reviewer starts the app (bench_startup_100k.py: the
        # `docket` command, bytecode compiled once before), then the memory of a window
        # that visits 1,000 tasks.
        (walls, cpus) = time_starts(Path(tmp) / "ws", key, 1, {"after": None})["after"]
        result["startup_100k_s"], result["startup_100k_cpu_s"] = (
            round(walls[0], 2),
            round(cpus[0], 2),
        )
        _, peak, _ = run(
            STARTUP, Path(tmp) / "ws", key,
            env={"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp},
        )  # fmt: skip
        result["peak_rss_100k_mb"] = round(peak)
    print("scale-100k:", ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


if __name__ == "__main__":
    figures = main()
    if figures is not None:
        record(figures)
