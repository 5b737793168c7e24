"""Real data: Vicuna80's gpt35 / gpt4 pairs (both display orders) packed with GPT-4's
verdicts and critiques as a hidden suggestion, the three human raters' judgments recorded
through ``Workspace.record`` as three reviewers, exported, merged; the judge figures the
server reports match a hand computation over the same pairs, straight from the source
files (and Fleiss' kappa matches statsmodels where it is installed)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.schema import Schema
from docket.core.suggestions import Suggestion, SuggestionRecord
from docket.server.dataset import dpo_rows, judgment_rows
from docket.server.judge import JudgeFigures, store_judges
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.pseudonyms import pseudonyms
from docket.server.report import build_report
from docket.server.report_html import render_html
from tests import vicuna80

pytestmark = pytest.mark.slow


def source_class(score: int, a: str, b: str) -> str:
    """A source score in the figures' frame: the pair ordered by model name, gpt35 first."""
    if score == 3:
        return "tie"
    winner = a if score == 1 else b
    return "first" if winner == "gpt35" else "second"


def blinded(answers: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    pref = dict(answers["preference"])
    if pref["better"] is not None:
        pref["better"] = ids[pref["better"]]
    return {"preference": pref}


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("vicuna80")
    files = vicuna80.write(tmp / "input")
    for name in ("server", *vicuna80.RATERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in vicuna80.RATERS]
    packed = pack(
        files["tasks"],
        server=server,
        reviewers=cards,
        out_dir=tmp / "bundles",
        overlap=len(cards),
        schema=Schema.loads(files["schema"].read_text()),
        project="vicuna80",
        suggestions_path=files["suggestions"],
    )
    assert packed.archive is not None
    store = MergedStore.open(tmp / "merged.db", server)
    import_task_archive(store, server, packed.archive)
    # The server's way from a model to the task's opaque response id (the reviewers'
    # bundles carry no models).
    ids: dict[str, dict[str, str]] = {}
    for row in vicuna80.tasks():
        task = store.task(row["id"])
        assert task is not None
        ids[row["id"]] = {r["model"]: r["id"] for r in task["responses"]}
    by_rater: dict[str, list[dict[str, Any]]] = {r: [] for r in vicuna80.RATERS}
    for row in vicuna80.rater_answers():
        by_rater[row["rater"]].append(row)
    results = []
    for rater, bundle in zip(vicuna80.RATERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{rater}", tmp / "keys" / f"{rater}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for row in by_rater[rater]:
                ws.record(row["task"], blinded(row["answers"], ids[row["task"]]))
            results.append(ws.export_results(tmp / f"{rater}.result").path)
    report = merge_results(results, server=server, cards=cards, store=store)
    assert all(o.status == "accepted" and o.new == 80 for o in report.outcomes), report.outcomes
    # What pack attached (GPT-4's verdicts on the opaque ids), as the source says.
    expected = {}
    for line in vicuna80.suggestions():
        line["answers"] = blinded(line["answers"], ids[line["task"]])
        expected[line["task"]] = [Suggestion.from_json(line)]
    assert store.suggestions() == expected
    assert store.suggestion_records() == {}  # hidden: no reviewer saw one
    figures = store_judges(store)
    store.close()
    shutil.rmtree(tmp / "bundles")
    return {"figures": figures, "tmp": tmp, "server": server}


def hand() -> dict[str, Any]:
    """The figures computed from the source files alone."""
    humans = vicuna80.human_scores()
    judge = vicuna80.judge_rows()
    pairs = []  # (human majority, judge) where a strict majority exists
    rows = []  # the three human classes per rated pair
    per_rater = {r: [] for r in vicuna80.RATERS}  # (rater, judge) per rated pair
    for (q, a, b), scores in humans.items():
        classes = [source_class(s, a, b) for s in scores]
        verdict = source_class(int(judge[(q, a, b)]["score"]), a, b)
        rows.append(classes)
        for rater, c in zip(vicuna80.RATERS, classes, strict=True):
            per_rater[rater].append((c, verdict))
        top, n = Counter(classes).most_common(1)[0]
        if n >= 2:
            pairs.append((top, verdict))

    def cohen(p: list[tuple[str, str]]) -> float:
        n = len(p)
        po = sum(x == y for x, y in p) / n
        left, right = Counter(x for x, _ in p), Counter(y for _, y in p)
        pe = sum(left[c] * right[c] for c in vicuna80_classes()) / (n * n)
        return (po - pe) / (1 - pe)

    m = len(vicuna80.RATERS)
    n_items = len(rows)
    p_bar = sum(sum(k * (k - 1) for k in Counter(r).values()) / (m * (m - 1)) for r in rows)
    p_bar /= n_items
    share = Counter(c for r in rows for c in r)
    p_e = sum((share[c] / (n_items * m)) ** 2 for c in vicuna80_classes())
    consistent = sum(
        _winner(judge[(q, "gpt4", "gpt35")], "gpt4", "gpt35")
        == _winner(judge[(q, "gpt35", "gpt4")], "gpt35", "gpt4")
        for q in range(1, 81)
    )
    return {
        "units": len(rows),
        "majority_units": len(pairs),
        "agreed": sum(x == y for x, y in pairs),
        "kappa_majority": cohen(pairs),
        "kappa_reviewers": {r: cohen(p) for r, p in per_rater.items()},
        "fleiss": (p_bar - p_e) / (1 - p_e),
        "percent": p_bar,
        "rows": rows,
        "consistent": consistent,
        "confusion": Counter(pairs),
    }


def vicuna80_classes() -> tuple[str, ...]:
    return ("first", "second", "tie")


def _winner(row: dict[str, Any], a: str, b: str) -> str | None:
    score = int(row["score"])
    return None if score == 3 else (a if score == 1 else b)


def test_gpt4_against_the_three_raters_matches_a_hand_computation(
    merged: dict[str, Any],
) -> None:
    (figures,) = merged["figures"]
    assert isinstance(figures, JudgeFigures)
    expected = hand()
    assert figures.agent == "gpt-4"
    assert figures.models == ["gpt35", "gpt4"]
    assert figures.suggestions == 160 and figures.policies == {"hidden": 160}
    assert figures.units == expected["units"] == 80
    assert figures.majority_units == expected["majority_units"]
    assert figures.majority_agreed == expected["agreed"]
    assert figures.accuracy == pytest.approx(expected["agreed"] / expected["majority_units"])
    assert figures.kappa_majority == pytest.approx(expected["kappa_majority"])
    by_rater = {k["reviewer"]: k["kappa"] for k in figures.kappa_reviewers}
    assert by_rater == pytest.approx(expected["kappa_reviewers"])
    assert figures.human_units == 80
    assert figures.human_fleiss_kappa == pytest.approx(expected["fleiss"])
    assert figures.human_percent_agreement == pytest.approx(expected["percent"])
    assert {(h, j): n for h, row in figures.confusion.items() for j, n in row.items() if n} == dict(
        expected["confusion"]
    )
    # GPT-4 judged every question in both orders: 80 pairs judged twice.
    assert figures.position["pairs"] == 80
    assert figures.position["consistent"] == expected["consistent"]
    # Hidden suggestions: nobody saw them, so nothing was revised or accepted.
    assert figures.anchoring is None and figures.acceptance is None
    assert figures.anchored_left_out == 0


def test_fleiss_kappa_matches_statsmodels(merged: dict[str, Any]) -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    rows = hand()["rows"]
    codes = {"first": 0, "second": 1, "tie": 2}
    table, _ = inter_rater.aggregate_raters([[codes[c] for c in r] for r in rows], n_cat=3)
    (figures,) = merged["figures"]
    assert figures.human_fleiss_kappa == pytest.approx(inter_rater.fleiss_kappa(table))


def test_the_figures_serialise(merged: dict[str, Any]) -> None:
    (figures,) = merged["figures"]
    data = json.loads(json.dumps(figures.to_json()))
    assert data["agent"] == "gpt-4"
    assert set(data["confusion"]) == {"first", "second", "tie"}
    assert data["length"]["judge_decisive"] > 0


def test_agreement_json_and_text_carry_the_judge(
    merged: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["agreement", "--db", str(merged["tmp"] / "merged.db"),
            "--server-key", str(merged["tmp"] / "keys" / "server.key")]  # fmt: skip
    (figures,) = merged["figures"]
    assert main([*args, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["judges"] == [json.loads(json.dumps(figures.to_json()))]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "AI judge gpt-4: 160 suggestions (160 hidden); 80 pairs also judged by reviewers" in text
    assert f"accuracy vs human majority: {figures.majority_agreed}/{figures.majority_units}" in text
    assert "position consistency: " in text
    assert "first = gpt35, second = gpt4" in text


def test_the_report_has_an_ai_judges_section(merged: dict[str, Any]) -> None:
    pytest.importorskip("matplotlib", reason="the report's charts need matplotlib")
    db = merged["tmp"] / "merged.db"
    with MergedStore.open(db, merged["server"]) as store:
        report = build_report(store, rounds=20)
    (figures,) = report.judges
    assert figures.to_json() == merged["figures"][0].to_json()
    assert not any("AI judge" in m for m in report.missing)
    page = render_html(report)
    section = page[page.index("<h3 id=judges>") :]
    assert "<h4>gpt-4</h4>" in section
    assert "Accuracy against the human majority" in section
    assert f"{figures.majority_agreed} of {figures.majority_units}" in section
    assert "agreement beside the reviewers" in section and "<svg" in section
    assert "gpt35 better" in section and "gpt4 better" in section
    (merged["tmp"] / "report.html").write_text(page, encoding="utf-8")
    # Anonymised: the judge's kappa per reviewer is by pseudonym, the figures unchanged.
    with MergedStore.open(db, merged["server"]) as store:
        names = pseudonyms(merged["server"], {a.reviewer for a in store.answers()})
        hidden = build_report(store, pseudonyms=names, rounds=20)
    (anonymous,) = hidden.judges
    assert {k["reviewer"] for k in anonymous.kappa_reviewers} == set(names.values())
    assert anonymous.kappa_majority == figures.kappa_majority
    assert "rater" not in render_html(hidden)


def test_dpo_rows_say_where_gpt4_agreed_and_judgments_carry_both_answers(
    merged: dict[str, Any], tmp_path: Path
) -> None:
    humans, judge = vicuna80.human_scores(), vicuna80.judge_rows()
    expected: dict[str, tuple[str, bool]] = {}  # task -> (chosen model, GPT-4 agreed)
    for (q, a, b), scores in humans.items():
        top, n = Counter(_winner({"score": s}, a, b) for s in scores).most_common(1)[0]
        if n >= 2 and top is not None:
            expected[vicuna80.task_id(q, a, b)] = (top, _winner(judge[(q, a, b)], a, b) == top)
    db = tmp_path / "merged.db"  # a copy: one row gets a record built by hand
    shutil.copy(merged["tmp"] / "merged.db", db)
    with MergedStore.open(db, merged["server"]) as store:
        fingerprint = next(a.reviewer for a in store.answers() if a.reviewer_name == "rater1")
        rated = next(a for a in store.answers() if a.reviewer == fingerprint)
        blind = {"preference": {"better": None}}
        record = SuggestionRecord("gpt-4", "after-answer", blind, (), True)
        with store.db.conn:
            store.db.execute(
                "UPDATE answers SET suggestion = ? WHERE reviewer = ? AND task_id = ?",
                (json.dumps(record.to_json()), fingerprint, rated.task_id),
            )
        assert store.suggestion_records() == {(fingerprint, rated.task_id): record}
        rows, _ = dpo_rows(store)
        judgments = judgment_rows(store)
    found = {r["task_id"]: (r["chosen_model"], r["judge_agreed"]["gpt-4"]) for r in rows}
    assert found == expected
    assert 0 < sum(agreed for _, agreed in found.values()) < len(found)
    by_key = {(r["reviewer"], r["task_id"]): r for r in judgments}
    revised = by_key[("rater1", rated.task_id)]
    assert revised["first_answers"] == blind and revised["final_answers"] == rated.answers
    assert revised["suggestion"] == record.to_json()
    others = [r for k, r in by_key.items() if k != ("rater1", rated.task_id)]
    assert len(others) == 239
    assert all(r["suggestion"] is None and r["first_answers"] == r["answers"] for r in others)


@pytest.mark.parametrize("toward", [True, False])
def test_anchoring_through_a_merged_store(
    merged: dict[str, Any], tmp_path: Path, toward: bool
) -> None:
    """Records built by hand into a merged store: on every rater1 row, a blind answer
    that the final one revised. ``toward``: the blind answer is a response GPT-4 did not
    prefer and the final one is GPT-4's verdict; otherwise the blind answer is GPT-4's
    verdict and the final one is not."""
    db = tmp_path / "merged.db"
    shutil.copy(merged["tmp"] / "merged.db", db)
    with MergedStore.open(db, merged["server"]) as store:
        verdicts = {t: s[0].answers["preference"] for t, s in store.suggestions().items()}
        rows = [a for a in store.answers() if a.reviewer_name == "rater1"]
        changed = 0
        with store.db.conn:
            for a in rows:
                final, judge = a.answers["preference"], verdicts[a.task_id]
                if (final.get("better") == judge.get("better")) != toward:
                    continue  # this row cannot be revised the way the case needs
                ids = sorted(a.display_order.values())
                other = next(
                    {"better": b, "strength": "slight"} if b else {"better": None}
                    for b in [*ids, None]
                    if b != final.get("better")
                )
                blind = {"preference": other if toward else judge}
                record = SuggestionRecord("gpt-4", "after-answer", blind, (), True)
                store.db.execute(
                    "UPDATE answers SET suggestion = ? WHERE reviewer = ? AND task_id = ?",
                    (json.dumps(record.to_json()), a.reviewer, a.task_id),
                )
                changed += 1
        (figures,) = store_judges(store)
    assert changed > 10
    a = figures.anchoring
    assert a is not None and figures.acceptance is None
    assert (a.rows, a.revised) == (changed, changed)
    if toward:
        assert (a.toward, a.away, a.neither, a.toward_rate) == (changed, 0, 0, 1.0)
        assert (a.first_agreed, a.final_agreed) == (0, changed)
    else:
        assert (a.toward, a.away, a.neither, a.toward_rate) == (0, changed, 0, 0.0)
        assert (a.first_agreed, a.final_agreed) == (changed, 0)
    assert a.revision_rate == 1.0
