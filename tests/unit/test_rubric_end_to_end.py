"""Rubric grading on the server, end to end: the 30 HealthBench Hard rows of the test data
packed with a ``--responses`` join (a physician's ideal completion where the row has one,
and an AlpacaEval answer by gpt-4o for every row), three reviewers with overlap 2 grading
every criterion deterministically in their workspaces, results exported and merged.

Per-criterion agreement (percent, Cohen's kappa per pair, Fleiss' kappa, macro F1) and the
scores per model are checked against a hand computation written here from the grades the
reviewers recorded, independently of the server's code. The criteria the reviewers split
on go to a lead in an adjudication bundle (each reviewer's grade travels with them), the
lead settles them, the verdict is merged, and ``dataset export --format rubric`` shows the
lead's grades winning while agreement stays the reviewers' own.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.rubric import Criterion, Grade
from docket.core.task_loading import read_responses_jsonl
from docket.server.adjudication import pack_adjudication
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.reviewer_names import distinct_names
from docket.server.rubric_agreement import response_models, rubric_report
from docket.server.schemas import task_schemas
from tests.reference_data import alpaca_eval, healthbench_rows

REVIEWERS = ("alice", "bob", "carol")
PHYSICIAN, GPT = "physician", "gpt-4o-2024-05-13"
NAMES = {True: "met", False: "not met", None: "not applicable"}

Key = tuple[str, str, str]  # task, response, criterion


def _unit(*parts: str) -> float:
    """A number in [0, 1) from the parts: the same everywhere, for every run."""
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:12], 16) / 16**12


def truth(task: str, response: str, criterion: str) -> Grade:
    """What a careful grader would say (the lead settles splits with it)."""
    x = _unit("truth", task, response, criterion)
    return None if x < 0.08 else x < 0.6


def grade(reviewer: str, task: str, response: str, criterion: str) -> Grade:
    """The truth, except for about one grade in seven, which the reviewer gets wrong."""
    right = truth(task, response, criterion)
    x = _unit(reviewer, task, response, criterion)
    if x >= 0.15:
        return right
    if right is None:
        return x < 0.1
    return None if x < 0.02 else not right


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("rubric-e2e")
    for name in ("server", "lead", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    rows = healthbench_rows("hard_sample50")
    assert len(rows) == 30
    gpt = alpaca_eval(GPT)
    responses = []
    for i, row in enumerate(rows):
        ideal = row.get("ideal_completions_data")
        if ideal:
            responses.append({"prompt_id": row["prompt_id"], "model": PHYSICIAN,
                              "response": ideal["ideal_completion"]})  # fmt: skip
        responses.append(
            {"prompt_id": row["prompt_id"], "model": GPT, "response": gpt[i]["output"]}
        )
    (tmp / "hb.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp / "responses.jsonl").write_text("".join(json.dumps(r) + "\n" for r in responses))
    model_of_text = {r["response"]: r["model"] for r in responses}
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    packed = pack(
        tmp / "hb.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "out",
        overlap=2,
        project="hb",
        responses_for=read_responses_jsonl(tmp / "responses.jsonl"),
    )
    # What the reviewers recorded, and what they were shown, as the hand computation's input.
    grades: dict[Key, dict[str, Grade]] = defaultdict(dict)
    criteria: dict[str, tuple[Criterion, ...]] = {}
    models: dict[tuple[str, str], str] = {}
    results = []
    for name, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                (rubric,) = ws.schema(task.id).rubric_questions
                criteria[task.id] = rubric.criteria
                answer: dict[str, dict[str, Any]] = {}
                for r in task.responses:
                    assert r.model is None  # blinded: the reviewer never sees a model
                    models[(task.id, r.id)] = model_of_text[r.text]
                    answer[r.id] = {}
                    for c in rubric.criteria:
                        g = grade(name, task.id, r.id, c.id)
                        grades[(task.id, r.id, c.id)][name] = g
                        answer[r.id][c.id] = {"met": g}
                ws.record(task.id, {"rubric": answer})
            results.append(ws.export_results(tmp / f"{name}.result").path)
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, packed.archive)
        report = merge_results(results, server=server, cards=cards, store=store)
    assert report.count("accepted") == 3
    return {"tmp": tmp, "server": server, "db": db, "grades": dict(grades), "criteria": criteria,
            "models": models, "cards": cards}  # fmt: skip


# --- the hand computation ------------------------------------------------------------------


def hand_percent(grades: dict[Key, dict[str, Grade]]) -> float:
    both = [list(g.values()) for g in grades.values() if len(g) == 2]
    return sum(a == b for a, b in both) / len(both)


def hand_cohen(grades: dict[Key, dict[str, Grade]], a: str, b: str) -> tuple[int, float]:
    pairs = [(g[a], g[b]) for g in grades.values() if a in g and b in g]
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    chance = sum(
        (sum(x == c for x, _ in pairs) / n) * (sum(y == c for _, y in pairs) / n)
        for c in (True, False, None)
    )
    return n, (observed - chance) / (1 - chance)


def hand_fleiss(grades: dict[Key, dict[str, Grade]]) -> float:
    rows = [list(g.values()) for g in grades.values()]
    assert all(len(r) == 2 for r in rows)  # overlap 2: two ratings per item
    p_bar = sum(r[0] == r[1] for r in rows) / len(rows)
    everything = [v for r in rows for v in r]
    p_e = sum((everything.count(c) / len(everything)) ** 2 for c in (True, False, None))
    return (p_bar - p_e) / (1 - p_e)


def hand_f1(grades: dict[Key, dict[str, Grade]], who: str) -> float:
    """Macro F1 of ``who`` against the other grader of each item, N/A pairs left out."""
    tp = {True: 0, False: 0}
    said = {True: 0, False: 0}
    truth_count = {True: 0, False: 0}
    for g in grades.values():
        if who not in g:
            continue
        for other, theirs in g.items():
            mine = g[who]
            if other == who or mine is None or theirs is None:
                continue
            said[mine] += 1
            truth_count[theirs] += 1
            tp[mine] += mine == theirs
    f1 = []
    for cls in (True, False):
        precision, recall = tp[cls] / said[cls], tp[cls] / truth_count[cls]
        f1.append(2 * precision * recall / (precision + recall))
    return sum(f1) / 2


def hand_scores(
    grades: dict[Key, dict[str, Grade]],
    criteria: dict[str, tuple[Criterion, ...]],
    models: dict[tuple[str, str], str],
    settled_by_lead: dict[Key, Grade],
) -> dict[str, tuple[float, int, int]]:
    """Per model, (mean of the responses' raw scores clipped to [0, 1], unsettled count,
    responses scored):
    a split with no lead's grade counts as not applicable; a response left with no
    positive points to score against is not scored."""
    raw: dict[str, list[float]] = defaultdict(list)
    unsettled: dict[str, int] = defaultdict(int)
    for (task, response), model in models.items():
        achieved = possible = open_ = 0
        for c in criteria[task]:
            key = (task, response, c.id)
            if key in settled_by_lead:
                g = settled_by_lead[key]
            else:
                a, b = grades[key].values()
                if a != b:
                    open_ += 1
                    continue
                g = a
            if g is None:
                continue
            achieved += c.points if g else 0
            possible += max(c.points, 0)
        if possible:
            raw[model].append(achieved / possible)
            unsettled[model] += open_
    return {m: (min(1.0, max(0.0, sum(v) / len(v))), unsettled[m], len(v)) for m, v in raw.items()}


# --- the checks -----------------------------------------------------------------------------


def agreement_json(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    key = str(world["tmp"] / "keys" / "server.key")
    assert main(["agreement", "--db", str(world["db"]), "--server-key", key, "--json"]) == 0
    rubric: dict[str, Any] = json.loads(capsys.readouterr().out)["rubric"]
    return rubric


def test_agreement_and_scores_match_the_hand_computation(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grades, criteria, models = world["grades"], world["criteria"], world["models"]
    assert len(criteria) == 30 and sum(len(c) for c in criteria.values()) == 361
    assert len(grades) == sum(len(criteria[t]) for t, _ in models)  # every response graded
    rubric = agreement_json(world, capsys)
    a = rubric["agreement"]
    assert rubric["items"] == a["items"] == len(grades)
    assert a["split"] == sum(len(set(g.values())) > 1 for g in grades.values()) > 50
    assert a["percent_agreement"] == pytest.approx(hand_percent(grades), abs=1e-12)
    assert a["fleiss_kappa"] == pytest.approx(hand_fleiss(grades), abs=1e-12)
    cohen = {tuple(c["reviewers"]): (c["items"], c["kappa"]) for c in a["cohen"]}
    assert set(cohen) == set(combinations(REVIEWERS, 2))
    for pair, (n, kappa) in cohen.items():
        hand_n, hand_kappa = hand_cohen(grades, *pair)
        assert n == hand_n and kappa == pytest.approx(hand_kappa, abs=1e-12)
    f1 = {f["reviewer"]: f["macro_f1"] for f in a["f1"]}
    for who in REVIEWERS:
        assert f1[who] == pytest.approx(hand_f1(grades, who), abs=1e-12)
    assert 0.5 < min(f1.values()) < max(f1.values()) < 1
    expected = hand_scores(grades, criteria, models, {})
    scores = {s["model"]: s for s in rubric["scores"]}
    assert set(scores) == {PHYSICIAN, GPT}
    # One response per model and task; a response whose every positive criterion is split
    # or not applicable has nothing to be scored against (how many depends on which
    # reviewers the pack assigned, random under the server's fresh key: the exact count is
    # the hand computation's, checked below).
    assert 25 <= scores[PHYSICIAN]["tasks"] <= 30 and 25 <= scores[GPT]["tasks"] <= 30
    for model, (score, unsettled, n) in expected.items():
        s = scores[model]
        assert s["score"] == pytest.approx(score, abs=1e-12)
        assert s["unsettled"] == unsettled and s["responses"] == s["tasks"] == n
        low, high = s["interval"]
        assert 0 <= low < score < high <= 1 and s["bootstrap_std"] > 0
    assert rubric["unsettled"] == a["split"] and rubric["adjudicated"] == 0
    # The same seed gives the same interval.
    assert agreement_json(world, capsys)["scores"] == rubric["scores"]


def test_the_text_report_shows_the_rubric(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    key = str(world["tmp"] / "keys" / "server.key")
    assert main(["agreement", "--db", str(world["db"]), "--server-key", key]) == 0
    out = capsys.readouterr().out
    assert "rubric: " in out and "Fleiss' kappa" in out
    assert "macro F1 of alice against the others" in out
    assert PHYSICIAN in out and GPT in out and "95% CI" in out
    assert main(["disagreements", "--db", str(world["db"]), "--server-key", key]) == 0
    out = capsys.readouterr().out
    assert "rubric criteria graded differently" in out
    assert "met (" in out and "not met (" in out


def test_splits_are_adjudicated_and_the_leads_grades_win(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp, server, grades = world["tmp"], world["server"], world["grades"]
    lead = PublicCard.load(tmp / "keys" / "lead.pub")
    db = tmp_path / "merged.db"
    (tmp_path / "merged.db").write_bytes(world["db"].read_bytes())
    before = agreement_json({**world, "db": db}, capsys)
    splits = {k: g for k, g in grades.items() if len(set(g.values())) > 1}
    disputed = {task for task, _, _ in splits}
    with MergedStore.open(db, server) as store:
        packed = pack_adjudication(store, server=server, lead=lead, out_dir=tmp_path)
    assert packed.tasks == len(disputed)

    settled_by_lead: dict[Key, Grade] = {}
    with Workspace.open(tmp_path / "ws-lead", tmp / "keys" / "lead.key") as ws:
        ws.import_bundle(packed.path, tmp / "keys" / "server.pub")
        tasks = sorted(t.id for t in ws.tasks())
        assert set(tasks) == disputed
        guideline_change = tasks[-1]
        for task_id in tasks:
            review = ws.reviews(task_id)
            assert review is not None
            # Each reviewer's full rubric answer travelled, and every split is listed
            # with each reviewer's grade.
            for entry in review["reviews"]:
                for rid, per in entry["answers"]["rubric"].items():
                    for cid, value in per.items():
                        assert value["met"] is grades[(task_id, rid, cid)][entry["reviewer"]]
            listed = {
                (task_id, c["response"], c["criterion"]): {g["reviewer"]: g["met"] for g in c["grades"]}
                for c in review["criteria"]
            }  # fmt: skip
            assert listed == {k: g for k, g in splits.items() if k[0] == task_id}
            # The form is pre-filled with every criterion the reviewers agree on; the
            # splits are left open for the lead.
            prefill = ws.editing(task_id).answers["rubric"]
            answer: dict[str, dict[str, Any]] = {}
            for r in ws.task(task_id).responses:
                answer[r.id] = {}
                for c in world["criteria"][task_id]:
                    key = (task_id, r.id, c.id)
                    if key in splits:
                        assert c.id not in prefill.get(r.id, {})
                        answer[r.id][c.id] = {"met": truth(*key), "note": "Settled by the lead."}
                    else:
                        agreed = next(iter(grades[key].values()))
                        assert prefill[r.id][c.id] == {"met": agreed}
                        answer[r.id][c.id] = {"met": agreed}
                    if task_id != guideline_change:
                        settled_by_lead[key] = answer[r.id][c.id]["met"]
            outcome = "needs guideline change" if task_id == guideline_change else "final verdict"
            ws.record(task_id, {"rubric": answer, "outcome": outcome})
        exported = ws.export_results(tmp_path / "lead.adjudication-result")
    with MergedStore.open(db, server) as store:
        report = merge_results(
            [exported.path], server=server, cards=[*world["cards"], lead], store=store
        )
        assert report.count("accepted") == 1
        answers = distinct_names(store.answers())
        after = rubric_report(
            answers,
            task_schemas(store),
            store.adjudications(),
            response_models(store, {a.task_id for a in answers}),
        )
    # Agreement stays the reviewers' own; the scores take the lead's grades.
    assert after is not None and after.agreement is not None
    assert after.agreement.percent_agreement == before["agreement"]["percent_agreement"]
    assert after.agreement.fleiss_kappa == before["agreement"]["fleiss_kappa"]
    left_open = sum(1 for k in splits if k[0] == guideline_change)
    assert after.unsettled == left_open > 0
    assert after.adjudicated == len(settled_by_lead)
    expected = hand_scores(grades, world["criteria"], world["models"], settled_by_lead)
    for s in after.scores:
        assert s.score == pytest.approx(expected[str(s.model)][0], abs=1e-12)
        assert (s.unsettled, s.responses) == expected[str(s.model)][1:]

    out = tmp_path / "rubric.jsonl"
    key = str(tmp / "keys" / "server.key")
    argv = ["dataset", "export", "--db", str(db), "--server-key", key, "--format", "rubric"]
    assert main([*argv, "--out", str(out)]) == 0
    unsettled = "criterion" if left_open == 1 else "criteria"
    assert f"{left_open} {unsettled} unsettled" in capsys.readouterr().out
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(grades)
    for row in rows:
        k = (row["task_id"], row["response_id"], row["criterion_id"])
        assert row["model"] == world["models"][(k[0], k[1])]
        assert row["reviewers"] == {who: NAMES[g] for who, g in grades[k].items()}
        assert row["graders"] == 2
        c = next(c for c in world["criteria"][k[0]] if c.id == k[2])
        assert (row["criterion"], row["points"], row["tags"]) == (c.text, c.points, list(c.tags))
        if k in settled_by_lead:
            assert row["adjudicated"] is True and row["resolution"] == "adjudicated"
            assert row["grade"] == NAMES[settled_by_lead[k]] and row["lead"] == "lead"
            if k in splits:
                assert row["grade"] == NAMES[truth(*k)]
                assert row["notes"] == {}  # the reviewers wrote none; the lead's is not theirs
        elif k in splits:  # the task that needs a guideline change: still open
            assert (row["grade"], row["resolution"], row["adjudicated"]) == (
                None,
                "unsettled",
                False,
            )
        else:
            assert row["adjudicated"] is False and row["resolution"] == "unanimous"
            assert row["grade"] == NAMES[next(iter(grades[k].values()))]


def test_an_anonymised_bundle_names_no_reviewer_in_the_splits(
    world: dict[str, Any], tmp_path: Path
) -> None:
    tmp, server = world["tmp"], world["server"]
    lead = PublicCard.load(tmp / "keys" / "lead.pub")
    with MergedStore.open(world["db"], server) as store:
        packed = pack_adjudication(
            store, server=server, lead=lead, out_dir=tmp_path, anonymise=True
        )
    with Workspace.open(tmp_path / "ws-lead", tmp / "keys" / "lead.key") as ws:
        ws.import_bundle(packed.path, tmp / "keys" / "server.pub")
        reviews = [ws.reviews(t.id) for t in ws.tasks()]
    splits = [c for r in reviews if r for c in r["criteria"]]
    assert len(splits) == sum(len(set(g.values())) > 1 for g in world["grades"].values())
    labels = {g["reviewer"] for c in splits for g in c["grades"]}
    assert labels == {"Reviewer 1", "Reviewer 2", "Reviewer 3"}
    assert not any(name in json.dumps(reviews) for name in REVIEWERS)
