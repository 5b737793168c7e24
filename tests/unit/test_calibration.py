"""Calibration rounds end to end: ``docket pack --calibration`` (gold items with their
expected answers and explanations in the reviewer's bundle), the reviewer's answers,
``docket merge`` into the calibration table (never ``answers``), and
``calibration_scores`` against a hand-computed example; the rule of each question type;
and the adversarial side: a normal pack never carries expected answers, and a hostile
party with a valid reviewer key cannot make a calibration answer count as data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import age_layer, container, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import PublicCard
from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle
from docket.bundles.task_bundle import build_task_bundle, read_task_bundle
from docket.cli import main
from docket.core.calibration import Expected, describe_answer, grade
from docket.core.schema import Schema
from docket.errors import DocketError
from docket.server.agreement_stats import wilson_interval
from docket.server.calibration import calibration_scores
from docket.server.dataset import judgment_rows
from docket.server.merge import merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import recording_audit
from tests.reference_data import alpaca_eval

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"]
FORM = {
    "version": 1,
    "questions": [
        {"type": "preference", "id": "preference", "strengths": ["slight", "strong"]},
        {"type": "likert", "id": "likert", "dimensions": ["correctness"]},
        {"type": "text", "id": "rationale"},
    ],
}
EXPLANATION = "Response m0 answers the question; m1 wanders off. ZEBRA-EXPLANATION"


def _gold_rows() -> list[dict[str, Any]]:
    """Three real two-response items; m0 is expected better (strong) and rated 5 for
    correctness, m1 rated 2."""
    outputs = {m: alpaca_eval(m) for m in MODELS}
    return [
        {
            "id": f"cal-{i}",
            "prompt": outputs[MODELS[0]][i]["instruction"],
            "responses": [
                {"id": f"m{j}", "model": m, "text": outputs[m][i]["output"]}
                for j, m in enumerate(MODELS)
            ],
            "gold": {
                "preference": {"better": "m0", "strength": "strong"},
                "likert": {"m0": {"correctness": 5}, "m1": {"correctness": 2}},
            },
            "explanation": f"{EXPLANATION} ({i})",
        }
        for i in range(3)
    ]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


# What each reviewer answers, in the gold file's ids: (better, likert m0, likert m1).
ANSWERS = {
    # ann: every item as expected.
    "ann": {"cal-0": ("m0", 5, 2), "cal-1": ("m0", 5, 2), "cal-2": ("m0", 5, 2)},
    # ben: cal-0 as expected; cal-1 one point off twice (still within one point);
    # cal-2 the wrong response better and m1 rated 4 (two points off).
    "ben": {"cal-0": ("m0", 5, 2), "cal-1": ("m0", 4, 3), "cal-2": ("m1", 5, 4)},
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("calibration")
    k = tmp / "keys"
    for name in ("server", "ann", "ben"):
        keys.write_key_pair(keys.generate(name), k, passphrase=None)
    gold = _write(tmp / "gold.jsonl", _gold_rows())
    form = tmp / "form.json"
    form.write_text(json.dumps(FORM | {"min_seconds": 10}))
    assert main([
        "pack", "--calibration", "--gold", str(gold), "--server-key", str(k / "server.key"),
        "--reviewer", str(k / "ann.pub"), "--reviewer", str(k / "ben.pub"),
        "--schema", str(form), "--out", str(tmp / "out"), "--project", "proj",
    ]) == 0  # fmt: skip
    results = {}
    for name, plan in ANSWERS.items():
        with Workspace.open(tmp / f"ws-{name}", k / f"{name}.key") as ws:
            ws.import_bundle(tmp / "out" / f"proj-calibration-{name}.docket", k / "server.pub")
            for task_id, (better, good, bad) in plan.items():
                task = ws.task(task_id)
                expected = ws.calibration(task_id)
                assert expected is not None
                # The ids the reviewer answers in are opaque; the bundle's expected answer
                # names them too: m0 is the response the expected answer prefers.
                m0 = expected.answers["preference"]["better"]
                m1 = next(r.id for r in task.responses if r.id != m0)
                ids = {"m0": m0, "m1": m1}
                ws.submit(
                    task_id,
                    {
                        "preference": {"better": ids[better], "strength": "slight"},
                        "likert": {m0: {"correctness": good}, m1: {"correctness": bad}},
                    },
                    time_spent_s=4.0 if task_id == "cal-0" else 30.0,
                )
            ws.export_results(tmp / f"{name}-1.result")
        results[name] = tmp / f"{name}-1.result"
    ring = tmp / "ring"
    ring.mkdir()
    for name in ANSWERS:
        shutil.copy(k / f"{name}.pub", ring)
    return {"tmp": tmp, "keys": k, "ring": ring, "results": results, "gold": gold, "form": form}


def test_the_calibration_bundle_carries_expected_answers_and_explanations(
    run: dict[str, Any],
) -> None:
    k = run["keys"]
    server = keys.load_secret_key(k / "server.key")
    ann = keys.load_secret_key(k / "ann.key")
    bundle = run["tmp"] / "out" / "proj-calibration-ann.docket"
    opened = open_sealed(
        bundle.read_bytes(), ann, signer=pinned(server.card()), expected_type="calibration-task"
    )
    content = read_task_bundle(opened)
    assert [t.id for t, _ in content.tasks] == ["cal-0", "cal-1", "cal-2"]  # every item, in order
    assert opened.manifest.extra["assignment"] == "proj/ann/calibration"  # never replaces tasks
    for task, schema in content.tasks:
        expected = content.calibration[task.id]
        assert expected.explanation.startswith(EXPLANATION)
        better = expected.answers["preference"]["better"]
        assert better in task.response_ids and better.startswith("r-")  # in the opaque ids
        assert schema.min_seconds == 10
        assert all(r.model is None for r in task.responses)  # models stay hidden
    sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    assert sealed["calibration"] is True and set(sealed["gold"]) == {"cal-0", "cal-1", "cal-2"}
    assert not (run["tmp"] / "out" / "proj.server-tasks").exists()  # no tasks of the project
    with Workspace.open(run["tmp"] / "ws-ann", k / "ann.key") as ws:
        shown = ws.calibration("cal-1")
        assert shown == content.calibration["cal-1"]


def test_pack_calibration_refuses_without_gold_or_with_tasks(run: dict[str, Any]) -> None:
    k, tmp = run["keys"], run["tmp"]
    server = keys.load_secret_key(k / "server.key")
    cards = [PublicCard.load(k / "ann.pub")]
    with pytest.raises(DocketError, match="No tasks file"):
        pack(None, server=server, reviewers=cards, out_dir=tmp / "x")
    with pytest.raises(DocketError, match="no gold file"):
        pack(None, server=server, reviewers=cards, out_dir=tmp / "x", calibration=True)
    with pytest.raises(DocketError, match="gold items only"):
        pack(run["gold"], server=server, reviewers=cards, out_dir=tmp / "x",
             gold_path=run["gold"], calibration=True)  # fmt: skip
    bad = _write(tmp / "bad-gold.jsonl", [_gold_rows()[0] | {"explanation": ["not", "text"]}])
    with pytest.raises(DocketError, match=r"bad-gold.jsonl:1: 'explanation' must be a text"):
        pack(None, server=server, reviewers=cards, out_dir=tmp / "x", gold_path=bad,
             calibration=True)  # fmt: skip
    assert not (tmp / "x").exists() or not any((tmp / "x").iterdir())


def test_merge_keeps_calibration_answers_apart_and_scores_them(
    run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    k, tmp = run["keys"], run["tmp"]
    db = tmp / "merged.db"
    code = main([
        "merge", str(run["results"]["ann"]), str(run["results"]["ben"]),
        "--server-key", str(k / "server.key"), "--keyring", str(run["ring"]), "--db", str(db),
    ])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("a calibration round") == 2 and "not the dataset" in out
    server = keys.load_secret_key(k / "server.key")
    with MergedStore.open(db, server) as store:
        assert store.project == "proj"
        assert list(store.answers()) == [] and store.counts()["answers"] == 0
        assert store.gold() == {} and store.schemas() == {}
        assert judgment_rows(store) == []
        assert len(list(store.calibration_answers())) == 6
        scores = {s.reviewer: s for s in calibration_scores(store)}
    # Hand-computed. Items: one preference per task, one likert rating per response.
    ann, ben = scores["ann"], scores["ben"]
    assert (ann.tasks, ann.tasks_correct, ann.correct, ann.total) == (3, 3, 9, 9)
    assert ann.accuracy == 1.0 and ann.interval == wilson_interval(9, 9)
    # ben: preferences 2 of 3; ratings: cal-0 2 exact, cal-1 2 within one (0 exact),
    # cal-2 m0 exact and m1 two points off: 5 of 6 within one, 3 exact.
    assert (ben.tasks, ben.tasks_correct, ben.correct, ben.total) == (3, 2, 7, 9)
    assert ben.interval == wilson_interval(7, 9)
    by_kind = {s.kind: (s.correct, s.total, s.exact) for s in ben.by_kind}
    assert by_kind == {"preference": (2, 3, 2), "likert": (5, 6, 3)}
    assert ben.by_kind[1].interval == wilson_interval(5, 6)
    assert (ann.revised, ann.too_fast, ben.too_fast) == (0, 1, 1)  # cal-0 took 4 s of 10


def test_verify_says_a_result_answers_a_calibration_round(run: dict[str, Any]) -> None:
    from docket.server.verify import verify_results

    k = run["keys"]
    server = keys.load_secret_key(k / "server.key")
    verdict = verify_results([run["results"]["ben"]], server, [PublicCard.load(k / "ben.pub")])[0]
    assert verdict.ok and verdict.reason.endswith("(a calibration round)")


def test_the_report_renders_a_database_holding_only_a_calibration_round(
    run: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Calibration answers are no data: the lead's report over such a database says what
    is missing rather than failing (and shows none of them as answers)."""
    pytest.importorskip("matplotlib", reason="the report extra (matplotlib) is not installed")
    k = run["keys"]
    db = tmp_path / "only.db"
    assert main([
        "merge", str(run["results"]["ann"]), "--server-key", str(k / "server.key"),
        "--keyring", str(run["ring"]), "--db", str(db),
    ]) == 0  # fmt: skip
    out = tmp_path / "report.html"
    code = main(["report", "--db", str(db), "--server-key", str(k / "server.key"),
                 "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr()
    assert out.exists() and "NaN" not in out.read_text(encoding="utf-8")


def test_merging_again_changes_nothing(
    run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    k, tmp = run["keys"], run["tmp"]
    server = keys.load_secret_key(k / "server.key")
    cards = [PublicCard.load(p) for p in sorted(run["ring"].glob("*.pub"))]
    with MergedStore.open(tmp / "again.db", server) as store:
        first = merge_results([run["results"]["ann"]], server=server, cards=cards, store=store)
        again = merge_results([run["results"]["ann"]], server=server, cards=cards, store=store)
        assert [o.status for o in first.outcomes] == ["accepted"] and first.outcomes[0].calibration
        assert [o.status for o in again.outcomes] == ["duplicate"]
        assert len(list(store.calibration_answers())) == 3


def test_grading_rules_per_question_type() -> None:
    form = Schema.from_json({
        "version": 1,
        "questions": [
            {"type": "preference", "id": "which"},
            {"type": "ranking", "id": "ranking"},
            {"type": "likert", "id": "likert", "dimensions": ["a"]},
            {"type": "choice", "id": "topic", "options": ["x", "y"]},
            {"type": "rubric", "id": "rubric", "criteria": [
                {"id": "c1", "text": "one", "points": 1}, {"id": "c2", "text": "two", "points": 1},
                {"id": "c3", "text": "three", "points": -2}]},
            {"type": "text", "id": "rationale"},
        ],
    })  # fmt: skip
    expected = {
        "which": {"better": None, "strength": None},  # a tie
        "ranking": [["p"], ["q", "r"]],
        "likert": {"p": {"a": 3}},
        "topic": "x",
        "rubric": {"p": {"c1": {"met": True}, "c2": {"met": None}, "c3": {"met": False}}},
        "rationale": "never scored",
    }
    given = {
        "which": {"better": None, "strength": None},
        "ranking": [["p"], ["r", "q"]],  # the same tie, written in another order
        "likert": {"p": {"a": 5}},  # two points off
        "topic": "y",
        "rubric": {"p": {"c1": {"met": True}, "c2": {"met": False}, "c3": {"met": False}}},
    }
    got = {g.kind: (g.matched, g.total) for g in grade(form, given, expected)}
    assert got == {"preference": (1, 1), "ranking": (1, 1), "likert": (0, 1), "choice": (0, 1),
                   "rubric": (2, 3)}  # fmt: skip
    assert grade(form, {}, expected)[0].matched == 0  # unanswered: not matched
    # A gold file for the default form names the preference by its type.
    by_type = grade(form, {"which": {"better": "p"}}, {"preference": {"better": "p"}})
    assert [(g.question, g.matched) for g in by_type] == [("which", 1)]


def test_the_expected_answer_in_words() -> None:
    form = Schema.from_json(FORM)
    names = {"r-1": "Response B", "r-2": "Response A"}
    lines = describe_answer(
        form,
        {"preference": {"better": "r-1", "strength": "strong"},
         "likert": {"r-1": {"correctness": 5}, "r-2": {"correctness": 2}}},
        names.__getitem__,
    )  # fmt: skip
    assert lines == [
        "preference: Response B is better (strong)",
        "likert, correctness (1–5): Response A 2, Response B 5",
    ]
    tie = describe_answer(form, {"preference": {"better": None}}, names.__getitem__)
    assert tie == ["preference: a tie (neither response is better)"]


# --- adversarial ------------------------------------------------------------------------


def test_a_normal_pack_never_puts_expected_answers_in_a_reviewer_s_bundle(
    run: dict[str, Any], tmp_path: Path
) -> None:
    """The same gold file (with its explanations) packed as gold items of a normal round:
    no calibration section, no explanation, no expected answer in what the reviewer can
    decrypt; only the sealed section (the server's) holds the gold answers."""
    k = run["keys"]
    server = keys.load_secret_key(k / "server.key")
    ann = keys.load_secret_key(k / "ann.key")
    tasks = _write(tmp_path / "tasks.jsonl", [
        {k2: v for k2, v in r.items() if k2 not in ("gold", "explanation")} | {"id": f"t-{i}"}
        for i, r in enumerate(_gold_rows())
    ])  # fmt: skip
    result = pack(tasks, server=server, reviewers=[PublicCard.load(k / "ann.pub")],
                  out_dir=tmp_path / "out", gold_path=run["gold"], project="proj")  # fmt: skip
    bundle = result.bundles[0]
    assert bundle.gold == 3 and not result.calibration
    plain = age_layer.decrypt(bundle.path.read_bytes(), [ann.identity()])
    sections = container.unpack(plain, required=None)
    assert "calibration.jsonl" not in sections
    readable = b"".join(v for name, v in sections.items() if name != "sealed.age")
    assert b"ZEBRA-EXPLANATION" not in readable and b'"expected"' not in readable
    assert b'"gold"' not in readable and b'"better"' not in readable
    opened = open_sealed(plain_bundle := bundle.path.read_bytes(), ann,
                         signer=pinned(server.card()), expected_type="task")  # fmt: skip
    assert plain_bundle and read_task_bundle(opened).calibration == {}
    with Workspace.open(tmp_path / "ws", k / "ann.key") as ws:
        ws.import_bundle(bundle.path, k / "server.pub")
        assert all(ws.calibration(t.id) is None for t in ws.tasks())
    # And the bundle builder refuses expected answers for any other kind of bundle.
    task, schema = read_task_bundle(opened).tasks[0]
    with pytest.raises(ValueError, match="calibration bundles only"):
        build_task_bundle(tasks=[(task, schema)], server=server, reviewer=ann.card(),
                          project="p", guidelines="", sealed={}, expires_days=1,
                          calibration={task.id: Expected({"preference": {"better": None}})})  # fmt: skip


def test_a_valid_reviewer_key_cannot_make_calibration_answers_count(
    run: dict[str, Any], tmp_path: Path
) -> None:
    """ann holds her key and her calibration bundle. (1) A result that presents the
    calibration bundle's manifest relabelled as a task bundle fails the server's signature;
    (2) a result answering the calibration tasks under a normal task bundle of hers is
    refused whole (they were not issued there); (3) the genuine result lands in the
    calibration table only. No answer reaches ``answers``."""
    k, tmp = run["keys"], run["tmp"]
    server = keys.load_secret_key(k / "server.key")
    ann = keys.load_secret_key(k / "ann.key")
    with Workspace.open(tmp / "ws-ann", k / "ann.key") as ws:
        record = next(b for b in ws.store.active_bundles() if b.kind == "calibration-task")
        rows = ws.store.latest_answers(record.id)
    assert record.manifest_raw and record.signature and record.sealed
    relabelled = record.manifest_raw.replace(b'"type":"calibration-task"', b'"type":"task"')
    relabelled = relabelled.replace(b',"calibration.jsonl"', b"")  # as close as can be forged
    assert relabelled != record.manifest_raw

    def result(manifest: bytes, sealed: bytes, name: str, bundle_id: str) -> Path:
        answered = AnsweredBundle(bundle_id, "proj", manifest, record.signature or b"",
                                  sealed, server.card())  # fmt: skip
        data, _ = build_result_bundle(
            reviewer=ann, answered=answered, answers=rows, audit=recording_audit(rows),
            sequence=1, previous=None, chain=f"forged-{name}",
        )  # fmt: skip
        path = tmp_path / name
        path.write_bytes(data)
        return path

    forged = result(relabelled, record.sealed, "relabelled.result", record.id)
    # A normal task bundle of ann's, packed by the server, answered with the calibration rows.
    tasks = _write(tmp_path / "tasks.jsonl", [
        {k2: v for k2, v in r.items() if k2 not in ("gold", "explanation")} | {"id": f"t-{i}"}
        for i, r in enumerate(_gold_rows())
    ])  # fmt: skip
    normal = pack(tasks, server=server, reviewers=[ann.card()], out_dir=tmp_path / "n",
                  project="proj")  # fmt: skip
    with Workspace.open(tmp_path / "ws-normal", k / "ann.key") as ws:
        ws.import_bundle(normal.bundles[0].path, k / "server.pub")
        nrec = ws.store.active_bundles()[-1]
    assert nrec.manifest_raw and nrec.signature and nrec.sealed
    answered = AnsweredBundle(nrec.id, "proj", nrec.manifest_raw, nrec.signature, nrec.sealed,
                              server.card())  # fmt: skip
    data, _ = build_result_bundle(reviewer=ann, answered=answered, answers=rows,
                                  audit=recording_audit(rows), sequence=1, previous=None,
                                  chain="forged-moved")  # fmt: skip
    moved = tmp_path / "moved.result"
    moved.write_bytes(data)
    cards = [ann.card()]
    with MergedStore.open(tmp_path / "m.db", server) as store:
        from docket.server.merge import import_task_archive

        assert normal.archive is not None
        import_task_archive(store, server, normal.archive)
        report = merge_results([forged, moved, run["results"]["ann"]], server=server,
                               cards=cards, store=store)  # fmt: skip
        outcomes = [(o.status, o.reason) for o in report.outcomes]
        assert outcomes[0][0] == "rejected" and "not issued by this server" in outcomes[0][1]
        assert outcomes[1][0] == "rejected" and "was not issued to ann" in outcomes[1][1]
        assert outcomes[2][0] == "accepted" and report.outcomes[2].calibration
        assert list(store.answers()) == []
        assert {a.task_id for a in store.calibration_answers()} == {"cal-0", "cal-1", "cal-2"}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.sampled_from(["p", "q", "x", "a"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["p", "q", "a", "better", "met", "c1"]), inner, max_size=3
        )
    ),
    max_leaves=12,
)
ANY_ANSWERS = st.dictionaries(
    st.sampled_from(["which", "ranking", "likert", "topic", "rubric", "preference"]), JSON
)


@given(ANY_ANSWERS, ANY_ANSWERS)
def test_grading_and_wording_never_fail_on_any_answer(given_: Any, expected: Any) -> None:
    """Hostile or malformed answers on either side are graded (as not matched) and
    described, never an exception: the server scores whatever it merged."""
    form = Schema.from_json({
        "version": 1,
        "questions": [
            {"type": "preference", "id": "which"}, {"type": "ranking", "id": "ranking"},
            {"type": "likert", "id": "likert", "dimensions": ["a"]},
            {"type": "choice", "id": "topic", "options": ["x", "y"]},
            {"type": "rubric", "id": "rubric", "criteria": [{"id": "c1", "text": "t", "points": 1}]},
            {"type": "flags", "id": "flags"}, {"type": "text", "id": "note"},
        ],
    })  # fmt: skip
    for g in grade(form, given_, expected):
        assert 0 <= g.exact <= g.matched <= g.total
    describe_answer(form, expected, lambda rid: f"Response {rid}")


@given(JSON)
def test_a_calibration_entry_parses_or_is_refused_as_malformed(data: Any) -> None:
    try:
        entry = Expected.from_json(
            {"expected": data, "explanation": "why"} if isinstance(data, dict) else data
        )
    except ValueError:
        return
    assert Expected.from_json(entry.to_json()) == entry


def test_agreement_prints_the_calibration_scores(
    run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    k, tmp = run["keys"], run["tmp"]
    db = tmp / "cli.db"
    assert main([
        "merge", str(run["results"]["ann"]), str(run["results"]["ben"]),
        "--server-key", str(k / "server.key"), "--keyring", str(run["ring"]), "--db", str(db),
    ]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["agreement", "--db", str(db), "--server-key", str(k / "server.key")]) == 0
    out = capsys.readouterr().out
    assert "calibration ben: 7/9 (95% CI" in out and "preference 2/3, likert 5/6" in out
    assert main(["agreement", "--db", str(db), "--server-key", str(k / "server.key"),
                 "--json"]) == 0  # fmt: skip
    body = json.loads(capsys.readouterr().out)
    assert [c["reviewer"] for c in body["calibration"]] == ["ann", "ben"]
    assert body["questions"] == [] and body["gold"] == []


def test_rankings_rubric_grades_flags_and_choices_in_words() -> None:
    form = Schema.from_json({
        "version": 1,
        "questions": [
            {"type": "ranking", "id": "ranking", "label": "Rank"},
            {"type": "rubric", "id": "rubric", "label": "Rubric", "criteria": [
                {"id": "c1", "text": "one", "points": 1}, {"id": "c2", "text": "two", "points": 1},
                {"id": "c3", "text": "three", "points": -2}]},
            {"type": "choice", "id": "topic", "label": "Topic", "options": ["law", "medicine"]},
            {"type": "flags", "id": "flags", "label": "Flags"},
        ],
    })  # fmt: skip
    names = {"p": "Response A", "q": "Response B", "r": "Response C"}
    lines = describe_answer(form, {
        "ranking": [["q"], ["p", "r"]],
        "rubric": {"p": {"c1": {"met": True}, "c2": {"met": None}, "c3": {"met": False}}},
        "topic": "law",
        "flags": {"q": ["hallucination"], "task": ["unsafe"]},
    }, names.__getitem__)  # fmt: skip
    assert lines == [
        "Rank: Response B, then Response A = Response C (best first)",
        "Rubric, Response A: criteria met: 1; not applicable: 2; not met: 3",
        "Topic: law",
        "Flags: Response B: hallucination; the task: unsafe",
    ]
