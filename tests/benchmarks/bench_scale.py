"""Benchmark: a 10,000-task bundle (3 real responses each, ~60 MB) end to end.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_scale.py

Built once from the AlpacaEval answers in tests/data and cached in the user cache
directory (workloads.py: ~/.cache/docket/bench/scale on Linux). Measures, each as the
median of 3 runs: import (decrypt, verify, store), exporting 10,000 answers as a signed
bundle, recording an answer (median of 10,000: validate, commit, audit), and — in a fresh
process — start to first task painted and peak RSS after visiting 200 tasks. Merged into
bench-results.json (import_10k_s, record_answer_median_ms, export_10k_s,
startup_to_first_task_s, peak_rss_mb).

Also reported, for information and with no bar: Docket's decryption of the bundle
(pyrage, median of 7) as decrypt_10k_s, and against `age -d` of the same file in the same
run as decrypt_vs_age_cli_ratio. The ratio needs the age CLI; without it the figure is
null and the run says so.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402
from workloads import workload  # noqa: E402

from docket import Workspace  # noqa: E402
from docket.bundles import age_layer, keys  # noqa: E402
from docket.server.pack import pack  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

MODELS = list(ALPACA_MODELS)
TASKS = 10_000

STARTUP = r"""
import resource, sys, time
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
for _ in range(200):
    window.next_task()
    app.processEvents()
# Peak RSS of this process's own memory: VmHWM. (ru_maxrss would carry the benchmark
# parent's peak: Linux folds the pre-exec address space's high-water mark into it, and
# subprocess starts this child by vfork from the parent.)
try:
    hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    peak_mb = int(hwm.split()[1]) / 1024
except OSError:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(first, peak_mb)
"""


def build(cache: Path) -> None:
    """10,000 tasks of 3 real answers, packed for one reviewer by a server key pair."""
    outputs = {m: alpaca_eval(m) for m in MODELS}
    rng = random.Random(1)
    with (cache / "tasks.jsonl").open("w") as fh:
        for i in range(TASKS):
            j = i % 805
            fh.write(json.dumps({"id": f"t{i:05d}", "prompt": outputs[MODELS[0]][j]["instruction"], "responses": [
                {"model": m, "text": outputs[m][j]["output"]} for m in rng.sample(MODELS, 3)]}) + "\n")  # fmt: skip
    for name in ("server", "reviewer"):
        keys.write_key_pair(keys.generate(name), cache / "keys", passphrase=None)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    reviewer = keys.load_secret_key(cache / "keys" / "reviewer.key")
    pack(
        cache / "tasks.jsonl",
        server=server,
        reviewers=[reviewer.card()],
        out_dir=cache / "out",
        project="scale",
    )
    # The reviewer's identity for `age -d -i` (the ratio), beside the key it comes from.
    fd = os.open(cache / "identity.txt", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(reviewer.age_identity + "\n")


def median_of(fn, n: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict[str, float | None]:
    cache = workload("scale", build)
    bundle = cache / "out" / "scale-reviewer.docket"
    key = cache / "keys" / "reviewer.key"
    card = cache / "keys" / "server.pub"
    reviewer = keys.load_secret_key(key)
    result: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:

        def do_import() -> None:
            shutil.rmtree(Path(tmp) / "ws", ignore_errors=True)
            with Workspace.open(Path(tmp) / "ws", key) as ws:
                ws.import_bundle(bundle, card)

        result["import_10k_s"] = round(median_of(do_import), 2)
        # Information, not a bar: Docket decrypts with pyrage, whatever the ratio.
        ident = [reviewer.identity()]
        ours = median_of(lambda: age_layer.decrypt_path(bundle, ident), 7)
        result["decrypt_10k_s"] = round(ours, 3)
        age = shutil.which("age")
        if age:
            theirs = median_of(lambda: subprocess.run(
                [age, "-d", "-i", str(cache / "identity.txt"), "-o", "/dev/null", str(bundle)], check=True), 7)  # fmt: skip
            result["decrypt_vs_age_cli_ratio"] = round(ours / theirs, 2)
        else:
            # Null rather than absent, so an older figure in bench-results.json is replaced.
            result["decrypt_vs_age_cli_ratio"] = None
            print("scale: decrypt_vs_age_cli_ratio not measured: the age CLI is not installed")
        with Workspace.open(Path(tmp) / "ws", key) as ws:
            # Recording an answer (validate, commit with fsync, audit): each of 10,000 timed.
            took = []
            for task in list(ws.store.tasks()):
                answer = {"ranking": [list(task.response_ids)]}
                start = time.perf_counter()
                ws.record(task.id, answer)
                took.append(time.perf_counter() - start)
            result["record_answer_median_ms"] = round(statistics.median(took) * 1000, 2)
            result["export_10k_s"] = round(
                median_of(lambda: ws.export_results(Path(tmp) / "r.result")), 2
            )
        out = subprocess.run(
            [sys.executable, "-c", STARTUP, str(Path(tmp) / "ws"), str(key)],
            capture_output=True, text=True, check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "desktop"),
                 "XDG_CONFIG_HOME": tmp},
        )  # fmt: skip
        first, rss = (float(x) for x in out.stdout.split())
        result["startup_to_first_task_s"] = round(first, 2)
        result["peak_rss_mb"] = round(rss, 1)
    print("scale:", ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


if __name__ == "__main__":
    record(main())
