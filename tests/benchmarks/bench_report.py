"""Benchmark: the lead's report and ``docket agreement --json`` over 1,000,000 merged
answers (bar: each <= 10 s).

    .venv/bin/python tests/benchmarks/bench_report.py

The workload is a merged database of 200,000 tasks, each answered by 5 of 20 reviewers
(1,000,000 answers, as 1,000 result bundles of 1,000 would leave it). Building it through
real pack / import / export / merge would take hours, so it is written directly into the
merged store's tables, with the columns and the JSON ``docket merge`` writes
(:mod:`docket.server.merge`): every answer ``checked = 1`` (validated at merge), its body
the canonical JSON of the answers dict, its display order ``{"A": id, "B": id}``; a task
archive row per task (``merge --tasks``) with the form's JSON and the responses naming
their models; gold items, adjudicated verdicts, the merged and the issued bundles
(with the guidelines' hash) and the reviewers' cards. A sample of the answers is checked against their task with the merge's own
:func:`~docket.server.result_checks.row_problem` when the workload is built.

Content: the prompts and responses are AlpacaEval's real ones (tests/data) of four
models with true strengths (Bradley-Terry ratings 1080, 1050, 990 and 940). 85 % of the
tasks compare two responses (the default form: a preference with its strength, likert
per response, flags, rationale), 15 % three (a ranking with ties). Each task has a
latent quality difference, and each reviewer sees it through noise of their own: three
of the twenty are much noisier (and faster) than the rest, so ratings and agreement
mean something. Likert scores follow the response's quality, flags a latent per-response
truth (hallucinations more often from weaker models) seen with misses and false alarms;
rationales (50-600 characters) are written for strong preferences, flags and a third of
the rest. ``time_spent_s`` is lognormal (median 75 s), ``saved_at`` spread over 30 days.

Built once in the user cache directory (workloads.py; about 2 GB, a few minutes) and
reused; the answers' facts (what ``docket merge`` keeps beside each answer for agreement
and the report, docket.server.answer_facts) are filled as the merged store's migration
fills them, from an older workload (v3, else v2) when there is one (its facts then take
30 to 90 s on a 2-core machine, by its load). Timed, each the median of 3 runs in this
process (the command's own code, from argument parsing to the last byte written;
Python's start-up and imports not included):

- ``agreement_1m_answers_s``: what ``docket agreement --json`` does (open, read, compute,
  write the JSON), in-process (``docket.cli.main``) with stdout to /dev/null;
- ``report_1m_answers_s``: ``docket report --db ... --out report.html`` the same way,
  when ``docket report`` exists (None, said so, otherwise);
- ``agreement_1m_peak_mb``, ``report_1m_peak_mb``: the peak resident memory of each
  command, run once more in a process of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record  # noqa: E402
from workloads import BENCH_CACHE, workload  # noqa: E402

from docket.bundles import keys  # noqa: E402
from docket.core.rules import canonical_json  # noqa: E402
from docket.core.schema import DEFAULT_FLAGS, DEFAULT_LIKERT_DIMENSIONS, default_schema  # noqa: E402
from docket.server.merged_store import MergedStore, fill_answer_facts  # noqa: E402
from docket.server.result_checks import IssuedTask, row_problem  # noqa: E402
from docket.store.db import write_transaction  # noqa: E402
from tests.reference_data import ALPACA_MODELS, alpaca_eval  # noqa: E402

TASKS, OVERLAP, REVIEWERS = 200_000, 5, 20
PROJECT = "bench-report"
RATINGS = dict(zip(ALPACA_MODELS, (1080.0, 1050.0, 990.0, 940.0), strict=True))
"""The models' true Bradley-Terry ratings (Elo scale: 400 points = odds of 10 to 1)."""
THREE_WAY = 0.15
GOLD_EVERY, ADJUDICATED_EVERY = 100, 200
START = datetime(2026, 10, 20, 7, 0, tzinfo=UTC)
BATCH = 20_000

PHRASES = (
    "The first response answers the question directly and its steps are correct.",
    "It misses the edge case the prompt explicitly asks about.",
    "The code in the second response does not run: the loop never terminates.",
    "Both are fluent, but one cites a figure that I could not verify anywhere.",
    "The preferred answer is shorter and still covers every part of the request.",
    "There is a factual error about the date of the treaty.",
    "The tone is condescending, which matters for a user asking for help.",
    "It refuses a harmless request, pointing to a policy that does not apply.",
    "The formatting (a table) makes the comparison much easier to follow.",
    "The explanation of the algorithm's complexity is wrong: it is quadratic, not linear.",
    "A personal phone number appears in the example; it should have been invented.",
    "Slightly better structure; the content is otherwise equivalent.",
)


def _rationale(rng: random.Random) -> str:
    """50 to 600 characters of a reviewer's reasoning (lognormal, median about 160)."""
    want = min(600, max(50, int(rng.lognormvariate(math.log(160), 0.6))))
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < want:
        parts.append(rng.choice(PHRASES))
    return " ".join(parts)[:want].rstrip() + "."


def _reviewer_traits(rng: random.Random) -> list[dict[str, float]]:
    traits = []
    for i in range(REVIEWERS):
        noisy = i in (3, 11, 17)
        traits.append(
            {
                "noise": 2.2 if noisy else rng.uniform(0.4, 0.9),
                "speed": 0.35 if noisy else rng.uniform(0.8, 1.3),
                "likert": rng.uniform(0.3, 0.9),
                "miss": 0.6 if noisy else rng.uniform(0.1, 0.3),
                "false_flag": 0.02 if noisy else 0.004,
                "strong": rng.uniform(1.2, 1.8),
            }
        )
    return traits


def _task(i: int, rng: random.Random, texts: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    prompt = i % 805
    count = 3 if rng.random() < THREE_WAY else 2
    models = rng.sample(ALPACA_MODELS, count)
    responses = [
        {
            "id": "r-" + hashlib.sha256(f"{i}/{m}".encode()).hexdigest()[:10],
            "model": m,
            "text": texts[m][prompt]["output"],
        }
        for m in models
    ]
    return {
        "id": f"t{i:06d}",
        "conversation": [{"role": "user", "content": texts[models[0]][prompt]["instruction"]}],
        "responses": responses,
        "documents": [],
    }


def _answer(
    task: dict[str, Any],
    truth: dict[str, Any],
    trait: dict[str, float],
    rng: random.Random,
) -> dict[str, Any]:
    ids = [r["id"] for r in task["responses"]]
    seen = {rid: q + rng.gauss(0, trait["noise"]) for rid, q in truth["quality"].items()}
    answers: dict[str, Any] = {}
    strong = False
    if len(ids) == 2:
        first, second = sorted(ids)
        gap = seen[first] - seen[second]
        if abs(gap) < 0.3:
            answers["preference"] = {"better": None}
        else:
            strong = abs(gap) > trait["strong"]
            answers["preference"] = {
                "better": first if gap > 0 else second,
                "strength": "strong" if strong else "slight",
            }
    else:
        ordered = sorted(ids, key=lambda r: -seen[r])
        groups: list[list[str]] = [[ordered[0]]]
        for prev, rid in itertools.pairwise(ordered):
            if seen[prev] - seen[rid] < 0.3:
                groups[-1].append(rid)
            else:
                groups.append([rid])
        answers["ranking"] = [sorted(g) for g in groups]
    if rng.random() < trait["likert"]:
        answers["likert"] = {
            rid: {
                dim: min(5, max(1, round(3 + seen[rid] + rng.gauss(0, 0.7))))
                for dim in DEFAULT_LIKERT_DIMENSIONS
            }
            for rid in ids
        }
    flags: dict[str, list[str]] = {}
    for target in [*ids, "task"]:
        true_flags = truth["flags"].get(target, ())
        chosen = [
            name
            for name, _ in DEFAULT_FLAGS
            if (name in true_flags and rng.random() > trait["miss"])
            or (name not in true_flags and rng.random() < trait["false_flag"])
        ]
        if chosen:
            flags[target] = chosen
    if flags:
        answers["flags"] = flags
    if strong or flags or rng.random() < 0.33:
        answers["rationale"] = _rationale(rng)
    return answers


def _truth(task: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The task's latent quality per response and its true flags."""
    quality = {}
    flags: dict[str, tuple[str, ...]] = {}
    for r in task["responses"]:
        q = (RATINGS[r["model"]] - 1000) / 400 * math.log(10) + rng.gauss(0, 0.9)
        quality[r["id"]] = q
        weak = 1.0 if q < -0.5 else 0.3
        found = tuple(
            name
            for name, rate in (
                ("hallucination", 0.12),
                ("unsafe", 0.01),
                ("pii", 0.005),
                ("refusal", 0.02),
                ("off-topic", 0.015),
            )
            if rng.random() < rate * weak
        )
        if found:
            flags[r["id"]] = found
    if rng.random() < 0.01:
        flags["task"] = ("unsafe",)
    return {"quality": quality, "flags": flags}


def build(cache: Path) -> None:
    """Keys, then the merged database written table by table (see the module docstring)."""
    rng = random.Random(20261129)
    names = [f"reviewer{i:02d}" for i in range(REVIEWERS)]
    for name in ["server", "lead", *names]:
        keys.write_key_pair(keys.generate(name), cache / "keys", passphrase=None)
    server = keys.load_secret_key(cache / "keys" / "server.key")
    cards = {n: keys.load_secret_key(cache / "keys" / f"{n}.key").card() for n in ["lead", *names]}
    texts = {m: alpaca_eval(m) for m in ALPACA_MODELS}
    traits = _reviewer_traits(rng)
    schemas = {n: default_schema(n).dumps() for n in (2, 3)}
    issued = {n: IssuedTask(("x",) * n, default_schema(n)) for n in (2, 3)}
    guidelines = hashlib.sha256(b"guidelines v3").hexdigest()
    bundles = {
        name: [hashlib.sha256(f"{name}/{k}".encode()).hexdigest() for k in range(50)]
        for name in names
    }
    load = dict.fromkeys(names, 0)
    checked = 0
    with MergedStore.open(cache / "merged.db", server, project=PROJECT) as store:
        db = store.db
        with write_transaction(db):
            db.conn.executemany(
                "INSERT INTO reviewers (fingerprint, name, card) VALUES (?, ?, ?)",
                [(c.fingerprint, n, c.dumps()) for n, c in cards.items()],
            )
            db.conn.executemany(
                "INSERT INTO merged (hash, bundle_id, reviewer, sequence, answered_bundle, kind,"
                " answers, merged_at) VALUES (?, ?, ?, ?, ?, 'result', 1000, ?)",
                [
                    (h, f"result-{h[:12]}", cards[n].fingerprint, k + 1, f"tasks-{n}",
                     (START + timedelta(days=30 * k / 50)).isoformat(timespec="seconds"))
                    for n, hs in bundles.items() for k, h in enumerate(hs)
                ],
            )  # fmt: skip
            db.conn.executemany(
                "INSERT INTO issued (bundle_id, reviewer, project, manifest_sha256, "
                "guidelines_sha256) VALUES (?, ?, ?, ?, ?)",
                [
                    (f"tasks-{n}", cards[n].fingerprint, PROJECT, "0" * 64, guidelines)
                    for n in names
                ],
            )
        for start in range(0, TASKS, BATCH):
            task_rows, answer_rows, gold_rows, verdict_rows = [], [], [], []
            for i in range(start, min(TASKS, start + BATCH)):
                task = _task(i, rng, texts)
                truth = _truth(task, rng)
                n = len(task["responses"])
                task_rows.append((task["id"], PROJECT, json.dumps(task), schemas[n], guidelines))
                # Five reviewers, the least loaded first (as pack balances them).
                who = sorted(rng.sample(names, 8), key=lambda x: load[x])[:OVERLAP]
                day = 30 * i / TASKS
                for name in who:
                    load[name] += 1
                    trait = traits[names.index(name)]
                    answers = _answer(task, truth, trait, rng)
                    ids = [r["id"] for r in task["responses"]]
                    rng.shuffle(ids)
                    order = {chr(65 + k): rid for k, rid in enumerate(ids)}
                    if checked < 2000:  # the merge's own check, on a sample
                        fits = IssuedTask(tuple(ids), issued[n].schema)
                        row = {"answers": answers, "display_order": order, "status": "done"}
                        problem = row_problem(row, fits)
                        assert problem is None, (problem, answers)
                        checked += 1
                    saved = START + timedelta(days=min(29.99, day + rng.uniform(0, 0.5)))
                    spent = rng.lognormvariate(math.log(75 * trait["speed"]), 0.7)
                    answer_rows.append(
                        (cards[name].fingerprint, task["id"], PROJECT, rng.randint(1, 3),
                         canonical_json(answers), canonical_json(order),
                         saved.isoformat(timespec="milliseconds"), round(spent, 1), "done",
                         bundles[name][min(49, int(day * 50 / 30))])
                    )  # fmt: skip
                if i % GOLD_EVERY == 7 and n == 2:
                    best = max(truth["quality"], key=truth["quality"].__getitem__)
                    gold_rows.append((PROJECT, task["id"], canonical_json({"preference": {"better": best}})))  # fmt: skip
                if i % ADJUDICATED_EVERY == 3:
                    best = max(truth["quality"], key=truth["quality"].__getitem__)
                    verdict: dict[str, Any] = {
                        "outcome": "final verdict" if i % 1000 else "needs guideline change",
                        "adjudication_note": "Settled against the guideline's section 4.",
                    }
                    if n == 2:
                        verdict["preference"] = {"better": best, "strength": "slight"}
                    else:
                        rest = sorted(set(truth["quality"]) - {best})
                        verdict["ranking"] = [[best], rest]
                    verdict_rows.append(
                        (PROJECT, task["id"], cards["lead"].fingerprint, 1,
                         canonical_json(verdict), (START + timedelta(days=30)).isoformat(),
                         "adjudication-1")
                    )  # fmt: skip
            with write_transaction(db):
                db.conn.executemany(
                    "INSERT INTO tasks (id, project, task, schema, guidelines_sha256) "
                    "VALUES (?, ?, ?, ?, ?)",
                    task_rows,
                )
                db.conn.executemany(
                    "INSERT INTO answers (reviewer, task_id, project, revision, body, "
                    "display_order, saved_at, time_spent_s, status, bundle, checked) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    answer_rows,
                )
                db.conn.executemany(
                    "INSERT INTO gold (project, task_id, answers) VALUES (?, ?, ?)", gold_rows
                )
                db.conn.executemany(
                    "INSERT INTO adjudications (project, task_id, lead, revision, body, "
                    "saved_at, bundle) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    verdict_rows,
                )
            print(f"  {min(TASKS, start + BATCH):,} / {TASKS:,} tasks", flush=True)
        # The answer facts `docket merge` writes beside each answer (answer_facts.py).
        with write_transaction(db):
            fill_answer_facts(db)
        counts = store.counts()
    assert counts["answers"] == TASKS * OVERLAP, counts


def build_with_facts(cache: Path) -> None:
    """The workload with its answer facts and the report's columns: an older workload
    (v3, else v2) copied where it was built already (and brought to this database
    version, which fills the facts: timed and said), else built afresh."""
    for name in ("report-1m-v3", "report-1m-v2"):
        older = BENCH_CACHE / name
        if (older / "done").is_file():
            break
    else:
        build(cache)
        return
    shutil.copytree(older / "keys", cache / "keys")
    shutil.copy(older / "merged.db", cache / "merged.db")
    start = time.perf_counter()
    MergedStore.open(
        cache / "merged.db", keys.load_secret_key(cache / "keys" / "server.key")
    ).close()
    print(
        f"  the answer facts of {TASKS * OVERLAP:,} answers filled in {time.perf_counter() - start:.0f} s"
    )


def _cli(argv: list[str]) -> float:
    """Seconds one ``docket`` command takes in-process, its stdout thrown away."""
    from docket.cli import main as cli_main

    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink):
        code = cli_main(argv)
    elapsed = time.perf_counter() - start
    assert code == 0, (argv, code, sink.getvalue()[-2000:])
    return elapsed


_PEAK = """
import contextlib, io, sys
sys.path.insert(0, {desktop!r})
from docket.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main({argv!r}) == 0
print([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1])
"""


def _peak_mb(argv: list[str]) -> float | None:
    """Peak resident memory (MB) of one ``docket`` command in a fresh process: its own
    high-water mark (``VmHWM``; a child's ``ru_maxrss`` would carry this process's);
    ``None`` where /proc is not there."""
    if not Path("/proc/self/status").is_file():
        return None
    code = _PEAK.format(desktop=str(ROOT / "desktop"), argv=argv)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(int(out.stdout.split()[-1]) / 1024)


def _has_report() -> bool:
    try:
        import docket.server.report  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> dict[str, float | None]:
    # v2: the bundles issued, with guidelines; v3: with the answers' facts; v4: with the
    # report's columns beside them (merged store version 10).
    cache = workload("report-1m-v4", build_with_facts)
    db = str(cache / "merged.db")
    key = str(cache / "keys" / "server.key")
    os.environ.pop("DOCKET_SERVER_KEY", None)
    # A workload built by an older Docket is brought to this database version first
    # (untimed: it happens once, on the first open after an upgrade).
    MergedStore.open(db, keys.load_secret_key(key)).close()
    result: dict[str, float | None] = {}
    runs = [_cli(["agreement", "--db", db, "--server-key", key, "--json"]) for _ in range(3)]
    result["agreement_1m_answers_s"] = round(sorted(runs)[1], 2)
    print(
        f"agreement --json: {TASKS * OVERLAP:,} answers, median of 3 runs "
        f"{result['agreement_1m_answers_s']} s (runs: {', '.join(f'{r:.2f}' for r in runs)})"
    )
    result["agreement_1m_peak_mb"] = _peak_mb(
        ["agreement", "--db", db, "--server-key", key, "--json"]
    )
    print(f"agreement --json: peak resident memory {result['agreement_1m_peak_mb']} MB")
    if _has_report():
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "report.html")
            result["report_1m_peak_mb"] = _peak_mb(
                ["report", "--db", db, "--server-key", key, "--out", out]
            )
        print(f"report: peak resident memory {result['report_1m_peak_mb']} MB")
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "report.html")
            runs = [
                _cli(["report", "--db", db, "--server-key", key, "--out", out]) for _ in range(3)
            ]
            size = Path(out).stat().st_size
        result["report_1m_answers_s"] = round(sorted(runs)[1], 2)
        print(
            f"report: {TASKS * OVERLAP:,} answers, median of 3 runs "
            f"{result['report_1m_answers_s']} s (runs: {', '.join(f'{r:.2f}' for r in runs)}; "
            f"{size / 1e6:.1f} MB of HTML)"
        )
    else:
        result["report_1m_answers_s"] = None
        print("report: `docket report` is not in this checkout; not measured")
    return result


if __name__ == "__main__":
    record(main())
