"""Benchmark: merging 100 result bundles of 1,000 answers each (bar: <= 10 s).

    .venv/bin/python tests/benchmarks/bench_merge.py

10 reviewers, each with a task bundle of 1,000 tasks packed by the server and 10 chained
result bundles (sequence 1..10, every answer revised each time), built once with the real
bundle code and cached in the user cache directory (workloads.py:
~/.cache/docket/bench/merge on Linux). The timed part is `merge_results`
into a fresh merged database: decrypting, verifying and merging all 100. Merged into
bench-results.json (merge_100x1000_s, and the CPU time of that run,
merge_100x1000_cpu_s: the machine may be shared, and the CPU time tells what the merge
itself spent).

With ``BENCH_SCALE=100k`` (``make bench BENCH_SCALE=100k``) it also merges a million
answers (``merge_1m_s``): 100 reviewers given the same 10,000 tasks, each answering them
1,000 at a time in 10 chained result bundles, 1,000 bundles in all (workload
``merge-1m-v1``, 4.5 GB, as every result carries its workspace's whole audit log;
building it took 33 minutes on a 2-core machine busy with other work, most of it
writing the 1,000 signed, encrypted results). One run: it takes minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
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

from docket.bundles import keys  # noqa: E402
from docket.bundles.envelope import open_sealed, pinned  # noqa: E402
from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle  # noqa: E402
from docket.bundles.task_bundle import read_task_bundle  # noqa: E402
from docket.core.display_order import display_order  # noqa: E402
from docket.server.merge import import_task_archive, merge_results  # noqa: E402
from docket.server.merged_store import MergedStore  # noqa: E402
from docket.server.pack import pack  # noqa: E402
from tests.helpers import recording_audit  # noqa: E402

REVIEWERS, BUNDLES_EACH, ANSWERS = 10, 10, 1000


def build(cache: Path) -> None:
    """Ten reviewers' task bundles from one server, and ten chained result bundles each."""
    names = [f"rev{i:02d}" for i in range(REVIEWERS)]
    for name in ["server", *names]:
        keys.write_key_pair(keys.generate(name), cache / "keys", passphrase=None)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    tasks = cache / "tasks.jsonl"
    with tasks.open("w") as fh:
        for i in range(ANSWERS):
            fh.write(json.dumps({"id": f"t{i:04d}", "prompt": f"Question {i}?", "responses": [
                {"id": "a", "text": f"Answer A to {i}."}, {"id": "b", "text": f"Answer B to {i}."}]}) + "\n")  # fmt: skip
    for name in names:
        reviewer = keys.load_secret_key(cache / "keys" / f"{name}.key")
        bundle = pack(
            tasks,
            server=server,
            reviewers=[reviewer.card()],
            out_dir=cache / "bundles" / name,
            project="bench",
        )
        opened = open_sealed(
            bundle.bundles[0].path, reviewer, signer=pinned(server.card()), expected_type="task"
        )
        # The response ids the bundle gave each task (pack makes them opaque).
        ids = {task.id: task.response_ids for task, _ in read_task_bundle(opened).tasks}
        answered = AnsweredBundle(opened.manifest.bundle_id, "bench", opened.manifest_bytes,
                                  opened.signature, opened.sections["sealed.age"], server.card())  # fmt: skip
        previous = None
        audit: list = []
        for seq in range(1, BUNDLES_EACH + 1):
            rows = [
                {"task_id": f"t{i:04d}", "revision": seq, "answers": {"preference": {"better": ids[f"t{i:04d}"][(i + seq) % 2], "strength": "slight"}},
                 "display_order": display_order(name, f"t{i:04d}", ids[f"t{i:04d}"]).to_json(), "saved_at": "2026-11-21T00:00:00+00:00",
                 "time_spent_s": 10.0, "status": "done"}
                for i in range(ANSWERS)
            ]  # fmt: skip
            # The workspace's audit log: every earlier export's entries, then this one's.
            audit = recording_audit(rows, audit)
            data, manifest = build_result_bundle(reviewer=reviewer, answered=answered, answers=rows, audit=audit,
                                                 sequence=seq, previous=previous)  # fmt: skip
            previous = hashlib.sha256(manifest.to_bytes()).hexdigest()
            (cache / f"{name}-{seq:02d}.result").write_bytes(data)


MILLION_REVIEWERS, MILLION_TASKS = 100, 10_000


def build_million(cache: Path) -> None:
    """100 reviewers, each given the same 10,000 tasks, each answering them 1,000 at a
    time in 10 chained result bundles (each carrying its workspace's whole audit log, as
    a workspace exports it): 1,000 result bundles, 1,000,000 answers in all."""
    names = [f"rev{i:03d}" for i in range(MILLION_REVIEWERS)]
    for name in ["server", *names]:
        keys.write_key_pair(keys.generate(name), cache / "keys", passphrase=None)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    tasks = cache / "tasks.jsonl"
    with tasks.open("w") as fh:
        for i in range(MILLION_TASKS):
            fh.write(json.dumps({"id": f"t{i:05d}", "prompt": f"Question {i}?", "responses": [
                {"id": "a", "text": f"Answer A to {i}."}, {"id": "b", "text": f"Answer B to {i}."}]}) + "\n")  # fmt: skip
    reviewers = [keys.load_secret_key(cache / "keys" / f"{n}.key") for n in names]
    packed = pack(tasks, server=server, reviewers=[r.card() for r in reviewers],
                  out_dir=cache / "bundles", project="bench", overlap=len(names))  # fmt: skip
    for (name, reviewer), bundle in zip(
        zip(names, reviewers, strict=True), packed.bundles, strict=True
    ):
        opened = open_sealed(
            bundle.path, reviewer, signer=pinned(server.card()), expected_type="task"
        )
        ids = {task.id: task.response_ids for task, _ in read_task_bundle(opened).tasks}
        answered = AnsweredBundle(opened.manifest.bundle_id, "bench", opened.manifest_bytes,
                                  opened.signature, opened.sections["sealed.age"], server.card())  # fmt: skip
        previous = None
        audit: list = []
        for seq in range(1, BUNDLES_EACH + 1):
            rows = [
                {"task_id": f"t{i:05d}", "revision": 1, "answers": {"preference": {"better": ids[f"t{i:05d}"][(i + seq) % 2], "strength": "slight"}},
                 "display_order": display_order(name, f"t{i:05d}", ids[f"t{i:05d}"]).to_json(), "saved_at": "2026-11-21T00:00:00+00:00",
                 "time_spent_s": 10.0, "status": "done"}
                for i in range((seq - 1) * ANSWERS, seq * ANSWERS)
            ]  # fmt: skip
            audit = recording_audit(rows, audit)
            data, manifest = build_result_bundle(reviewer=reviewer, answered=answered, answers=rows, audit=audit,
                                                 sequence=seq, previous=previous)  # fmt: skip
            previous = hashlib.sha256(manifest.to_bytes()).hexdigest()
            (cache / f"{name}-{seq:02d}.result").write_bytes(data)
        print(f"  {name}: 10 result bundles", flush=True)


def merge_million() -> dict[str, float | None]:
    """``merge_1m_s``: the 1,000 bundles merged into a fresh embedded store (one run:
    it takes minutes), and the peak resident memory of this process meanwhile."""
    start = time.perf_counter()
    cache = workload("merge-1m-v1", build_million)
    built = time.perf_counter() - start
    server = keys.load_secret_key(cache / "keys" / "server.key")
    cards = [keys.PublicCard.load(p) for p in sorted((cache / "keys").glob("rev*.pub"))]
    files = sorted(cache.glob("*.result"))
    archive = next((cache / "bundles").glob("*.server-tasks"))
    with tempfile.TemporaryDirectory() as tmp:
        with MergedStore.open(Path(tmp) / "merged.db", server) as store:
            import_task_archive(store, server, archive)
            start, cpu = time.perf_counter(), time.process_time()
            report = merge_results(files, server=server, cards=cards, store=store)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            answers = store.counts()["answers"]
        assert report.count("accepted") == len(files), [
            o.reason for o in report.outcomes if o.status != "accepted"
        ][:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"merge: {len(files)} bundles x {ANSWERS} answers ({answers:,} answers), one run "
        f"{elapsed:.1f} s, {cpu:.1f} s of CPU, peak {peak:.0f} MB "
        f"(workload ready in {built:.0f} s; load average {os.getloadavg()[0]:.1f})"
    )
    return {
        "merge_1m_s": round(elapsed, 1),
        "merge_1m_cpu_s": round(cpu, 1),
        "merge_1m_peak_mb": round(peak),
    }


def main() -> dict[str, float | None]:
    cache = workload("merge-v2", build)  # v2: results carry the audit log of their answers
    server = keys.load_secret_key(cache / "keys" / "server.key")
    cards = [keys.PublicCard.load(p) for p in sorted((cache / "keys").glob("rev*.pub"))]
    files = sorted(cache.glob("*.result"))
    archive = next((cache / "bundles" / "rev00").glob("*.server-tasks"))
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            with MergedStore.open(Path(tmp) / "merged.db", server) as store:
                # The project's task archive, merged first as `merge --tasks` does (untimed).
                import_task_archive(store, server, archive)
                start, cpu = time.perf_counter(), time.process_time()
                report = merge_results(files, server=server, cards=cards, store=store)
                runs.append((time.perf_counter() - start, time.process_time() - cpu))
            assert report.count("accepted") == len(files), [
                o.reason for o in report.outcomes if o.status != "accepted"
            ][:3]
    wall, cpu = sorted(runs)[1]  # the median run, and its CPU time
    result = {"merge_100x1000_s": round(wall, 2), "merge_100x1000_cpu_s": round(cpu, 2)}
    print(
        f"merge: {len(files)} bundles x {ANSWERS} answers, median of 3 runs {wall:.2f} s, "
        f"{cpu:.2f} s of CPU (runs: {', '.join(f'{w:.2f} s / {c:.2f} s' for w, c in runs)}; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    if (
        os.environ.get("BENCH_SCALE") == "100k"
    ):  # the large workloads: `make bench BENCH_SCALE=100k`
        result.update(merge_million())
    return result


if __name__ == "__main__":
    record(main())
