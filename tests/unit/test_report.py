"""``docket report`` on a real merged database: 3 models (real AlpacaEval answers), 4
reviewers, gold items and an adjudication, packed, answered in workspaces, exported and
merged with the real bundle code. Every figure of the report is checked against a
computation written here from the reviewers' latest answers (and Bradley-Terry against
``choix``, Krippendorff's alpha against the ``krippendorff`` package, where the crosscheck
extra is installed); then the thin cases (empty, one reviewer, no gold) and the HTML's
safety (nothing external, everything escaped, no name when anonymised)."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections import defaultdict
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.server import report_parallel
from docket.server.adjudication import pack_adjudication
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.pseudonyms import pseudonyms
from docket.server.report import build_report
from docket.server.report_parallel import Reads
from tests.reference_data import alpaca_eval

pytest.importorskip("matplotlib", reason="the report's plots need the report extra")
from docket.server.report_html import render_html

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620", "Meta-Llama-3.1-405B-Instruct-Turbo"]
REVIEWERS = ("ana", "ben", "chloe", "dev")
PAIRS = [(0, 1), (0, 2), (1, 2)]
ROUNDS = 200
ROOT = Path(__file__).resolve().parents[2]


def _h(*parts: str) -> int:
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest(), 16)


def _write_tasks(tmp: Path) -> None:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    with (tmp / "tasks.jsonl").open("w") as fh:
        for i in range(36):
            chosen = [0, 1, 2] if i % 6 == 5 else list(PAIRS[i % 3])
            fh.write(json.dumps({
                "id": f"t{i:02d}",
                "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"id": f"r{j}", "model": MODELS[j], "text": outputs[MODELS[j]][i]["output"]} for j in chosen],
            }) + "\n")  # fmt: skip
    with (tmp / "gold.jsonl").open("w") as fh:
        for i in range(40, 44):
            fh.write(json.dumps({
                "id": f"g{i}",
                "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"id": f"r{j}", "model": MODELS[j], "text": outputs[MODELS[j]][i]["output"]} for j in (0, 2)],
                "gold": {"preference": {"better": "r0", "strength": "strong"}},
                "explanation": "The first response answers what was asked.",
            }) + "\n")  # fmt: skip


def judge(task_id: str, reviewer: str, rank: dict[str, int]) -> dict[str, Any]:
    """A reviewer's answer from the models' true order (rank 0 best), with noise: ben is
    often wrong, everyone ties now and then; likert follows the rank; dev flags the
    weakest model's responses as hallucinated on some tasks."""
    h = _h(task_id, reviewer)
    order = sorted(rank, key=lambda rid: rank[rid])
    if h % (3 if reviewer == "ben" else 13) == 0:
        order.reverse()
    answers: dict[str, Any] = {}
    if len(order) == 2:
        if h % 17 == 0:
            answers["preference"] = {"better": None, "strength": None}
        else:
            answers["preference"] = {"better": order[0], "strength": "slight"}
    else:
        answers["ranking"] = [[rid] for rid in order]
    answers["likert"] = {
        rid: {"helpfulness": 5 - rank[rid] - (h >> 8) % 2, "correctness": 4 - rank[rid] // 2}
        for rid in rank
    }
    weakest = max(rank, key=lambda rid: rank[rid])
    if reviewer == "dev" and h % 2 == 0 and rank[weakest] == 2:
        answers["flags"] = {weakest: ["hallucination"]}
        answers["rationale"] = "States a date that the question contradicts."
    return answers


def seconds(task_id: str, reviewer: str) -> float:
    return 2.0 + _h(task_id, "t") % 5 if reviewer == "ben" else 20.0 + _h(task_id, reviewer) % 90


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("desk")
    for name in ("server", "lena", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    _write_tasks(tmp)
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    packed = pack(
        tmp / "tasks.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "bundles",
        overlap=3,
        gold_path=tmp / "gold.jsonl",
        project="desk",
    )
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, packed.archive)
        rank = {
            t: {r["id"]: MODELS.index(r["model"]) for r in store.task(t)["responses"]}  # type: ignore[index]
            for t in store.schemas()
        }
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    results = []
    for reviewer, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                answers = judge(task.id, reviewer, rank[task.id])
                ws.record(task.id, answers, time_spent_s=seconds(task.id, reviewer))
                latest[(reviewer, task.id)] = answers
            results.append(ws.export_results(tmp / f"{reviewer}.result").path)
    with MergedStore.open(db, server) as store:
        merge_results(results, server=server, cards=cards, store=store)
        adjudication = pack_adjudication(
            store,
            server=server,
            lead=PublicCard.load(tmp / "keys" / "lena.pub"),
            out_dir=tmp / "adjudication",
            threshold=3,
        )
    # The lead settles the first disputed pair task for the better model.
    with Workspace.open(tmp / "ws-lead", tmp / "keys" / "lena.key") as ws:
        ws.import_bundle(adjudication.path, tmp / "keys" / "server.pub")
        settled = next(t.id for t in ws.tasks() if len(t.responses) == 2)
        best = min(rank[settled], key=lambda rid: rank[settled][rid])
        ws.record(
            settled,
            {
                "preference": {"better": best, "strength": "strong"},
                "outcome": "final verdict",
                "rationale": "Checked against the question.",
                "adjudication_note": "The first is right.",
            },
        )
        verdict = ws.answer(settled)
        assert verdict is not None
        lead_result = ws.export_results(tmp / "lena.result").path
    # A calibration round of the gold items for ana and ben: never data, scored apart.
    training = pack(
        None,
        server=server,
        reviewers=cards[:2],
        out_dir=tmp / "calibration",
        gold_path=tmp / "gold.jsonl",
        project="desk",
        calibration=True,
    )
    calibration_results, calibrated = [], {}
    for reviewer, bundle in zip(REVIEWERS[:2], training.bundles, strict=True):
        training_ws = tmp / f"ws-{reviewer}-training"
        with Workspace.open(training_ws, tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            right = 0
            for task_id in sorted(t for t in rank if t.startswith("g")):
                answers = judge(task_id + "-calibration", reviewer, rank[task_id])
                ws.record(task_id, answers, time_spent_s=30.0)
                expected = ws.calibration(task_id)
                assert expected is not None
                right += answers["preference"]["better"] == expected.answers["preference"]["better"]
            calibrated[reviewer] = right
            calibration_results.append(
                ws.export_results(tmp / f"{reviewer}-calibration.result").path
            )
    with MergedStore.open(db, server) as store:
        merge_results(
            [lead_result, *calibration_results],
            server=server,
            cards=[*cards, PublicCard.load(tmp / "keys" / "lena.pub")],
            store=store,
        )
        gold = store.gold()
        report = build_report(store, rounds=ROUNDS)
    return {"tmp": tmp, "server": server, "db": db, "rank": rank, "latest": latest,
            "settled": settled, "verdict": verdict.answers, "gold": gold, "report": report,
            "results": results, "cards": cards, "archive": packed.archive,
            "calibrated": calibrated}  # fmt: skip


# --- independent computations ------------------------------------------------------------------


def outcomes_here(desk: dict[str, Any]) -> list[tuple[str, str, float]]:
    """(model a, model b, result for a) from the latest answers, the lead's verdict
    replacing the reviewers' answers on the settled task; pairs sorted by response id."""
    rank = desk["rank"]
    judged: list[tuple[str, dict[str, Any]]] = [
        (task_id, answers) for (_, task_id), answers in desk["latest"].items()
        if task_id != desk["settled"]
    ]  # fmt: skip
    judged.append((desk["settled"], desk["verdict"]))
    out = []
    for task_id, answers in judged:
        ids = sorted(rank[task_id])
        for x, y in combinations(ids, 2):
            if "preference" in answers:
                better = answers["preference"]["better"]
                result = 0.5 if better is None else 1.0 if better == x else 0.0
            else:
                place = {rid: k for k, group in enumerate(answers["ranking"]) for rid in group}
                result = 0.5 if place[x] == place[y] else 1.0 if place[x] < place[y] else 0.0
            out.append((MODELS[rank[task_id][x]], MODELS[rank[task_id][y]], result))
    return out


def test_ratings_match_choix_within_a_thousandth(desk: dict[str, Any]) -> None:
    choix = pytest.importorskip("choix")
    ratings = desk["report"].ratings
    assert ratings is not None
    outcomes = outcomes_here(desk)
    assert ratings.outcomes == len(outcomes)
    index = {m: i for i, m in enumerate(MODELS)}
    data = []
    for a, b, result in outcomes:  # ties as half a win each: every outcome counted twice
        if result == 1.0:
            data += [(index[a], index[b])] * 2
        elif result == 0.0:
            data += [(index[b], index[a])] * 2
        else:
            data += [(index[a], index[b]), (index[b], index[a])]
    theta = choix.ilsr_pairwise(len(MODELS), data, alpha=0.0, tol=1e-12, max_iter=10_000)
    theta = theta - theta.mean()
    expected = {m: 1000 + 400 * math.log10(math.e) * theta[index[m]] for m in MODELS}
    got = {m.model: m.rating for m in ratings.models}
    for m in MODELS:
        assert got[m] == pytest.approx(expected[m], abs=1e-3)
    # The true order is recovered, and every interval holds its estimate.
    assert [m.model for m in ratings.models] == MODELS
    for m in ratings.models:
        assert m.low is not None and m.high is not None and m.low < m.rating < m.high


def test_win_matrix_counts(desk: dict[str, Any]) -> None:
    ratings = desk["report"].ratings
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for a, b, result in outcomes_here(desk):
        column = 0 if result == 1.0 else 1 if result == 0.5 else 2
        tally[(a, b)][column] += 1
        tally[(b, a)][2 - column] += 1
    assert {k: [c.wins, c.ties, c.losses] for k, c in ratings.matrix.items()} == dict(tally)
    for m in ratings.models:
        own = [v for (a, _), v in tally.items() if a == m.model]
        assert (m.wins, m.ties, m.losses) == tuple(sum(v[i] for v in own) for i in range(3))


def test_likert_means_and_flag_rates(desk: dict[str, Any]) -> None:
    rank, report = desk["rank"], desk["report"]
    scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    judged: dict[str, int] = defaultdict(int)
    flagged: dict[str, int] = defaultdict(int)
    for (_, task_id), answers in desk["latest"].items():
        for rid, dims in answers["likert"].items():
            model = MODELS[rank[task_id][rid]]
            for dim, value in dims.items():
                scores[(dim, model)].append(value)
        for rid in rank[task_id]:  # the flags question is answered on every task? only if set
            if "flags" in answers:
                model = MODELS[rank[task_id][rid]]
                judged[model] += 1
                flagged[model] += rid in answers["flags"]
    got = {(s.dimension, s.model): s for s in report.likert}
    assert set(got) == set(scores)
    for key, values in scores.items():
        s = got[key]
        assert s.n == len(values)
        assert s.mean == pytest.approx(statistics.fmean(values))
        if s.low is not None and s.high is not None:
            half = 1.96 * statistics.stdev(values) / math.sqrt(len(values))
            assert (s.low, s.high) == pytest.approx((s.mean - half, s.mean + half))
    halluc = {f.model: f for f in report.flags if f.flag == "hallucination"}
    for model, n in judged.items():
        assert (halluc[model].flagged, halluc[model].judged) == (flagged[model], n)
    assert halluc[MODELS[2]].flagged > 0 and halluc[MODELS[0]].flagged == 0


def test_length_check(desk: dict[str, Any]) -> None:
    rank, report = desk["rank"], desk["report"]
    with MergedStore.open(desk["db"], desk["server"]) as store:
        lengths = {t: {r["id"]: len(r["text"]) for r in store.task(t)["responses"]} for t in rank}  # type: ignore[index]
    decisive = longer_won = ties = 0
    for (_, task_id), answers in desk["latest"].items():
        ids = sorted(rank[task_id])
        for x, y in combinations(ids, 2):
            if "preference" in answers:
                winner = answers["preference"]["better"]
            else:
                place = {rid: k for k, g in enumerate(answers["ranking"]) for rid in g}
                winner = x if place[x] < place[y] else y
            if winner is None:
                ties += 1
                continue
            lx, ly = lengths[task_id][x], lengths[task_id][y]
            if lx != ly:
                decisive += 1
                longer_won += winner == (x if lx > ly else y)
    check = report.length
    assert check is not None
    assert (check.overall.decisive, check.overall.longer_won, check.ties) == (
        decisive,
        longer_won,
        ties,
    )
    assert sum(b.decisive for b in check.buckets) == decisive


def test_agreement_gold_and_time(desk: dict[str, Any]) -> None:
    report, rank = desk["report"], desk["rank"]
    # Gold: ben is wrong where his noise reverses the order.
    gold = desk["gold"]
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (reviewer, task_id), answers in desk["latest"].items():
        if task_id in gold:
            expected[reviewer][1] += 1
            expected[reviewer][0] += (
                answers["preference"]["better"] == gold[task_id]["preference"]["better"]
            )
    assert {g.reviewer: [g.correct, g.total] for g in report.gold} == dict(expected)
    # Main question: the preference direction, nominal.
    main = report.main_question
    assert main is not None and main.question == "preference direction"
    units: dict[str, dict[str, str]] = defaultdict(dict)
    for (reviewer, task_id), answers in desk["latest"].items():
        if "preference" in answers:
            first = sorted(rank[task_id])[0]
            better = answers["preference"]["better"]
            units[task_id][reviewer] = (
                "tie" if better is None else "first" if better == first else "second"
            )
    shared = {t: r for t, r in units.items() if len(r) >= 2}
    assert main.units == len(shared)
    krippendorff = pytest.importorskip("krippendorff")
    codes = {"first": 0, "second": 1, "tie": 2}
    matrix = [
        [codes[shared[t][r]] if r in shared[t] else math.nan for t in sorted(shared)]
        for r in REVIEWERS
    ]
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert main.krippendorff_alpha == pytest.approx(alpha, abs=1e-9)
    # Time: ben answers in seconds; the others take tens of seconds.
    times = report.timing.seconds
    assert statistics.median(times["ben"]) < 10 < statistics.median(times["ana"])
    assert sorted(times["dev"]) == sorted(
        seconds(t, "dev") for (r, t) in desk["latest"] if r == "dev"
    )


def test_calibration_rounds_count_apart(desk: dict[str, Any]) -> None:
    report = desk["report"]
    scores = {c.reviewer: c for c in report.calibration}
    assert set(scores) == {"ana", "ben"}
    for reviewer, right in desk["calibrated"].items():
        assert (scores[reviewer].correct, scores[reviewer].total) == (right, 4)
    # Nothing of the round reached the data: the answers are the task bundles' alone.
    assert report.overview.answers == len(desk["latest"])


def test_too_fast_answers_by_the_forms_minimum(desk: dict[str, Any], tmp_path: Path) -> None:
    """With a form minimum of 10 s (set in the server's archive, where the report reads
    the forms), ben's answers of 2 to 6 s are too fast and nobody else's are."""
    db = tmp_path / "minimum.db"
    shutil.copy(desk["db"], db)
    with MergedStore.open(db, desk["server"]) as store:
        for task_id, body in store.schemas().items():
            form = json.loads(body) | {"min_seconds": 10}
            store.db.execute(
                "UPDATE tasks SET schema = ? WHERE id = ?", (json.dumps(form), task_id)
            )
        report = build_report(store, rounds=20)
    expected = sum(1 for (r, t) in desk["latest"] if seconds(t, r) < 10)
    assert report.timing.fast == {"ben": expected} and expected == 30
    assert report.timing.min_seconds == (10.0,)
    assert any(
        "faster than the form's minimum" in line and "ben (30)" in line for line in report.summary
    )
    page = render_html(report)
    assert "minimum 10 s" in page and "30 (100.0 %)" in page
    # Without a minimum (the fixture's forms set none) no answer is counted as fast.
    assert desk["report"].timing.fast == {} and desk["report"].timing.min_seconds == ()
    assert "faster than the form's minimum" not in " ".join(desk["report"].summary)


def test_readiness_and_summary(desk: dict[str, Any]) -> None:
    report = desk["report"]
    status = {c.name: c.status for c in report.readiness}
    assert status["Gold accuracy"] == "fail"  # ben's reversals
    # Packed with the default --pii report: every task scanned; the criterion passes
    # exactly when none of the stored findings is of high severity (no reviewer answered
    # the pii question here), whatever the detector found.
    pii = next(c for c in report.readiness if c.name == "PII findings")
    with MergedStore.open(desk["db"], desk["server"]) as store:
        found = [f for fs in store.pii_findings().values() for f in fs]
    high = sum(f.severity.value == "high" for f in found)
    assert pii.status == ("pass" if high == 0 else "fail")
    assert pii.figure.startswith(f"{high:,} high-severity finding(s) remain in 40 scanned task(s)")
    assert status["Tasks answered"] == "pass"
    assert report.overview.adjudicated == 1
    assert report.overview.reviewers == 4
    assert not report.ready
    assert report.summary[0].startswith("Not ready to release")
    assert any(MODELS[0] in line and "rates highest" in line for line in report.summary)
    assert any("ben" in line for line in report.summary)


# --- the HTML -------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "poster", "data", "srcset", "formaction"}
FORBIDDEN_TAGS = {"script", "link", "iframe", "object", "embed", "frame", "base", "audio", "video"}
STYLE_URL = re.compile(r"url\((?!\s*['\"]?#)|@import", re.IGNORECASE)


class _References(HTMLParser):
    """Every element or attribute of a page that would load something: a URL attribute
    not pointing inside the page (a fragment, or a ``data:`` URI, which loads nothing), a
    loading element, a style with an outside url(), an event handler."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            inside = value is not None and value.strip().startswith(("#", "data:"))
            if name in URL_ATTRIBUTES and value is not None and not inside:
                self.found.append(f"{tag} {name}={value}")
            if name == "style" and value and STYLE_URL.search(value):
                self.found.append(f"{tag} style={value}")
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and STYLE_URL.search(data):
            self.found.append("style sheet url()")


def external_references(page: str) -> list[str]:
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found


SECTIONS = ("summary", "readiness", "scorecard", "ratings", "wins", "likert", "rubric", "flags",
            "length", "quality", "agreement", "reviewers", "gold", "time", "calibration", "throughput", "drift",
            "flag-trend", "methods")  # fmt: skip


def test_html_is_self_contained_and_complete(desk: dict[str, Any]) -> None:
    page = render_html(desk["report"])
    if sample := os.environ.get("DOCKET_REPORT_SAMPLE"):  # the page docs/report.png shows
        Path(sample).write_text(page, "utf-8")
    assert external_references(page) == []
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for section in SECTIONS:
        assert re.search(rf'id="?{section}"?[ >]', page), section
    assert page.count("<svg") >= 6
    assert "NaN" not in page and "nan" not in re.sub(r"<svg.*?</svg>", "", page, flags=re.S).split()
    # The self-test of the check: an external image is found.
    assert external_references('<img src="https://example.org/x.png">')
    assert external_references('<div style="background: url(x.png)">')
    assert external_references("<style>@import 'x.css';</style>")
    assert external_references('<svg><image xlink:href="x.png"/></svg>')
    assert external_references('<img src="x.png">')
    assert not external_references('<svg><path clip-path="url(#p1)"/></svg>')


def test_cli_writes_the_report_and_anonymises(desk: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    key = desk["tmp"] / "keys" / "server.key"
    assert main(["report", "--db", str(desk["db"]), "--server-key", str(key), "--out", str(out),
                 "--bootstrap-rounds", "50"]) == 0  # fmt: skip
    page = out.read_text("utf-8")
    assert "ana" in page and "ben" in page
    hidden = tmp_path / "anonymous.html"
    assert main(["report", "--db", str(desk["db"]), "--server-key", str(key), "--out", str(hidden),
                 "--bootstrap-rounds", "50", "--anonymise"]) == 0  # fmt: skip
    page = hidden.read_text("utf-8")
    with MergedStore.open(desk["db"], desk["server"]) as store:
        people = store.db.execute("SELECT fingerprint, name FROM reviewers").fetchall()
    for fingerprint, name in people:
        assert not re.search(rf"\b{re.escape(name)}\b", page), name
        assert fingerprint not in page and fingerprint[:9] not in page
    names = pseudonyms(desk["server"], [fp for fp, _ in people])
    assert any(p in page for p in names.values())


# --- thin data --------------------------------------------------------------------------------------


def test_an_empty_database_renders_what_is_missing(tmp_path: Path) -> None:
    keys.write_key_pair(keys.generate("server"), tmp_path / "keys", passphrase=None)
    server = keys.load_secret_key(tmp_path / "keys" / "server.key")
    with MergedStore.open(tmp_path / "empty.db", server) as store:
        report = build_report(store, rounds=10)
    page = render_html(report)
    assert report.ratings is None and not report.agreements
    assert any("No answers are merged yet" in m for m in report.missing)
    assert "No answers are merged yet" in page
    assert "NaN" not in page and external_references(page) == []
    assert all(c.status == "not assessed" for c in report.readiness)
    assert report.summary[0].startswith("Release readiness: not assessed")


def test_one_reviewer_and_no_gold(desk: dict[str, Any], tmp_path: Path) -> None:
    server = desk["server"]
    with MergedStore.open(tmp_path / "one.db", server) as store:
        import_task_archive(store, server, desk["archive"])
        merge_results(desk["results"][:1], server=server, cards=desk["cards"], store=store)
        store.db.execute("DELETE FROM gold")
        report = build_report(store, rounds=20)
    page = render_html(report)
    assert report.overview.reviewers == 1
    assert not report.agreements and report.matrix is None
    assert any("Only one reviewer" in m for m in report.missing)
    assert any("No gold items" in m for m in report.missing)
    assert "Only one reviewer" in page and "No gold item was answered" in page
    # No AI judge's suggestion was packed: said in the list and in its section.
    assert report.judges == []
    assert any("No AI judge's suggestion" in m for m in report.missing)
    judges = page[page.index("<h3 id=judges>") : page.index("<h3 id=throughput>")]
    assert 'class="missing"' in judges and "--suggestions FILE.jsonl" in judges
    assert report.ratings is not None  # one reviewer's comparisons still rate the models
    status = {c.name: c.status for c in report.readiness}
    assert status["Agreement"] == "not assessed" and status["Gold accuracy"] == "not assessed"
    assert "NaN" not in page and external_references(page) == []


def test_hostile_names_are_escaped(desk: dict[str, Any], tmp_path: Path) -> None:
    """A model name from the task file and a reviewer's card name are data: a reviewer
    holding a valid key named '<script>…' cannot put markup into the lead's report."""
    db = tmp_path / "hostile.db"
    shutil.copy(desk["db"], db)
    server = desk["server"]
    evil = '<script>alert("x")</script><img src=//evil.example/p.png>'
    with MergedStore.open(db, server) as store:
        store.db.execute("UPDATE reviewers SET name = ? WHERE name = 'ana'", (evil,))
        task = store.task("t00")
        assert task is not None
        row = {k: v for k, v in task.items() if k not in ("schema", "guidelines_sha256")}
        for response in row["responses"]:
            response["model"] = (
                evil + " $x^2$" if response["model"] == MODELS[0] else response["model"]
            )
        body = json.dumps(row)
        store.db.execute("UPDATE tasks SET task = ? WHERE id = 't00'", (body,))
        report = build_report(store, rounds=20)
    page = render_html(report)
    assert "<script" not in page and "evil.example/p.png>" not in page
    assert external_references(page) == []
    assert "&lt;script&gt;" in page


# --- in a real browser ----------------------------------------------------------------------------


def test_the_report_in_headless_chromium(desk: dict[str, Any], tmp_path: Path) -> None:
    """Chromium loads the report with no request (not even a data: resource) and no
    console error, and every section is there, laid out (not only present in the text)."""
    from tests.browser import Browser, BrowserMissing

    page = tmp_path / "report.html"
    page.write_text(render_html(desk["report"]), "utf-8")
    try:
        browser = Browser()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    with browser:
        load = browser.open(page)
        assert load.requests == []
        assert load.console_errors == []
        assert load.title == "Review report: desk"
        for section in SECTIONS:
            element = browser.driver.find_element("id", section)
            assert element.is_displayed() and element.size["height"] > 0, section
        # Every plot has an extent: inline SVG that the browser drew.
        sizes = browser.driver.execute_script(
            "return [...document.querySelectorAll('figure svg')]"
            ".map(s => s.getBoundingClientRect().height)"
        )
        assert len(sizes) >= 6 and min(sizes) > 50
        width, height = browser.screenshot(tmp_path / "report.png")
        assert width == 1200 and height > 3000


# --- the parallel paths (docket.server.report_parallel) ------------------------------------

_BOTH_WAYS = """
import json, sys, threading
from datetime import UTC, datetime
sys.path.insert(0, {desktop!r})
from docket.bundles import keys
from docket.server import report_parallel
from docket.server.merged_store import MergedStore
from docket.server.report import build_report
from docket.server.report_html import render_html

used = {{"reads": 0, "forks": 0}}
submit, fork = report_parallel.Reads.submit, report_parallel.forked
def counted_submit(self, work, **how):
    used["reads"] += 1
    return submit(self, work, **how)
def counted_fork(mine, theirs):
    used["forks"] += 1
    return fork(mine, theirs)
report_parallel.Reads.submit = counted_submit
report_parallel.forked = counted_fork
now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
server = keys.load_secret_key({key!r})
pages = {{}}
for parallel in (False, True):
    with MergedStore.open({db!r}, server) as store:
        report = build_report(store, rounds={rounds}, now=now, parallel=parallel)
    pages[parallel] = render_html(report, parallel=parallel)
    if not parallel:
        assert used == {{"reads": 0, "forks": 0}}, used
open({out!r} + ".plain", "w").write(pages[False])
open({out!r} + ".parallel", "w").write(pages[True])
print(json.dumps(used), threading.active_count())
"""


def test_parallel_paths_in_this_process_give_the_same_report(
    desk: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads in threads and sections forked (forced here: pytest's timeout thread would
    keep the fork from being chosen), against the plain path."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    with MergedStore.open(desk["db"], desk["server"]) as store:
        plain = render_html(
            build_report(store, rounds=ROUNDS, now=now, parallel=False), parallel=False
        )
    used = {"reads": 0, "forks": 0}
    submit, fork = Reads.submit, report_parallel.forked

    def counted_submit(self: Reads, work: Any, **how: Any) -> Any:
        used["reads"] += 1
        return submit(self, work, **how)

    def counted_fork(mine: Any, theirs: Any) -> Any:
        used["forks"] += 1
        return fork(mine, theirs)

    monkeypatch.setattr(Reads, "submit", counted_submit)
    monkeypatch.setattr(report_parallel, "forked", counted_fork)
    monkeypatch.setattr(report_parallel, "can_fork", lambda: True)
    with MergedStore.open(desk["db"], desk["server"]) as store:
        fast = render_html(
            build_report(store, rounds=ROUNDS, now=now, parallel=True), parallel=True
        )
    assert used["reads"] == 3 and used["forks"] == 1, used  # coverage, responses, half
    assert fast == plain
    assert not [t for t in threading.enumerate() if t.name == "docket-report-read"]


@pytest.mark.slow
def test_the_parallel_report_is_the_plain_one_byte_for_byte(
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    """In a process of its own (as `docket report` runs: one thread when the plots are
    drawn, so the sections are forked), the report with every parallel path and with
    none: the same bytes, and the parallel paths were taken."""
    out = str(tmp_path / "report.html")
    code = _BOTH_WAYS.format(
        desktop=str(ROOT / "desktop"),
        key=str(desk["tmp"] / "keys" / "server.key"),
        db=str(desk["db"]),
        rounds=ROUNDS,
        out=out,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    used_text, threads = done.stdout.rsplit(maxsplit=1)
    used = json.loads(used_text)
    # The guideline coverage, the archive's responses and half of the facts.
    assert used["reads"] == 3, used
    assert used["forks"] == 1, used
    assert threads == "1"  # every reader joined
    plain = Path(out + ".plain").read_text()
    parallel = Path(out + ".parallel").read_text()
    assert "<svg" in plain
    assert parallel == plain


def test_agreement_read_in_two_halves_is_the_same(
    desk: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from docket.cli import main

    argv = ["agreement", "--db", str(desk["db"]), "--json"]
    argv += ["--server-key", str(desk["tmp"] / "keys" / "server.key")]
    assert main(argv) == 0
    plain = capsys.readouterr().out
    submitted: list[object] = []
    submit = Reads.submit

    def counted(self: Reads, work: Any, **how: Any) -> Any:
        submitted.append(work)
        return submit(self, work, **how)

    monkeypatch.setattr(Reads, "submit", counted)
    monkeypatch.setattr(report_parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(report_parallel, "cores", lambda: 2)
    assert main(argv) == 0
    assert len(submitted) == 1  # the upper half of the facts
    assert capsys.readouterr().out == plain
    assert json.loads(plain)["questions"]
    assert not [t for t in threading.enumerate() if t.name == "docket-report-read"]
