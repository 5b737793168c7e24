"""Two reviewers mark spans on the same tasks; their results are merged and ``docket
agreement`` reports span agreement per label (exact and character-overlap F1), checked
here against a computation by hand. The same merge feeds ``disagreements`` (spans marked
by some reviewers only), the lead's pre-filled form (the spans both marked) and ``dataset
export --format fine-grained`` (one row per reviewer and response with spans)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.cli import main
from docket.core.schema import Schema, SpansQuestion
from docket.server.adjudication import majority_answer, pack_adjudication
from docket.server.merged_store import MergedStore

TEXT = "Paris is the capital of France. It has many museums. The Seine runs through it."
OTHER = "Berlin is in Germany."
#        0         1         2         3         4         5         6         7
#        0123456789012345678901234567890123456789012345678901234567890123456789012345678
# alice: irrelevant 0-31 ("Paris ... France."), redundant 32-52 ("It has many museums.")
# bob:   irrelevant 0-31, redundant 39-52 ("many museums."), unverifiable 53-79
MARKS = {
    "alice": [(0, 31, "irrelevant", "major", "off the question"), (32, 52, "redundant", None, "")],
    "bob": [
        (0, 31, "irrelevant", "minor", ""),
        (39, 52, "redundant", "minor", "said before"),
        (53, 79, "unverifiable", "major", ""),
    ],
}


def _spans(response: str, who: str) -> list[dict[str, Any]]:
    return [
        {"response": response, "start": s, "end": e, "quote": TEXT[s:e], "label": label,
         "severity": severity, "comment": comment}
        for s, e, label, severity, comment in MARKS[who]
    ]  # fmt: skip


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("span-agreement")
    k = tmp / "keys"
    for name in ("server", "alice", "bob"):
        keys.write_key_pair(keys.generate(name), k, passphrase=None)
    tasks = tmp / "tasks.jsonl"
    tasks.write_text("".join(
        json.dumps({"id": t, "prompt": "Tell me about a capital.",
                    "responses": [{"id": "x", "model": "m-x", "text": TEXT},
                                  {"id": "y", "model": "m-y", "text": OTHER + t}]}) + "\n"
        for t in ("t1", "t2")
    ))  # fmt: skip
    schema = tmp / "schema.json"
    schema.write_text(Schema((SpansQuestion("spans"),)).dumps())
    server = str(k / "server.key")
    assert main(["pack", str(tasks), "--server-key", server, "--reviewer", str(k / "alice.pub"),
                 "--reviewer", str(k / "bob.pub"), "--overlap", "2", "--schema", str(schema),
                 "--project", "sp", "--out", str(tmp / "b")]) == 0  # fmt: skip
    results = []
    for who in ("alice", "bob"):
        with Workspace.open(tmp / f"ws-{who}", k / f"{who}.key") as ws:
            ws.import_bundle(tmp / "b" / f"sp-{who}.docket", k / "server.pub")
            for task in ws.tasks():
                x = next(r.id for r in task.responses if r.text == TEXT)
                ws.record(task.id, {"spans": _spans(x, who) if task.id == "t1" else []})
            results.append(str(ws.export_results(tmp / f"{who}.result").path))
    db = tmp / "merged.db"
    assert main(["merge", *results, "--server-key", server, "--keyring", str(k), "--db", str(db),
                 "--tasks", str(tmp / "b" / "sp.server-tasks")]) == 0  # fmt: skip
    return db, k / "server.key"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_span_agreement_equals_the_hand_computation(
    merged: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, server = merged
    report = json.loads(_run(capsys, "agreement", "--db", str(db), "--server-key", str(server),
                             "--json"))  # fmt: skip
    (spans,) = report["spans"]
    (pair,) = spans["pairs"]
    assert pair["reviewers"] == ["alice", "bob"] and pair["tasks"] == 2
    labels = {x["label"]: x for x in pair["labels"]}
    # Exact: only "irrelevant" 0-31 is marked by both, same label and offsets.
    assert labels["irrelevant"]["exact_f1"] == 1.0
    assert labels["redundant"]["exact_f1"] == 0.0
    assert labels["unverifiable"]["exact_f1"] == 0.0
    assert pair["overall"]["exact_f1"] == pytest.approx(2 * 1 / (2 + 3))  # 0.4
    # Overlap, in characters: redundant alice 32-52 (20), bob 39-52 (13), shared 13:
    # precision 13/20, recall 13/13, F1 2*13/33.
    r = labels["redundant"]
    assert (r["chars"], r["chars_shared"]) == ([20, 13], 13)
    assert r["overlap_precision"] == pytest.approx(0.65)
    assert r["overlap_recall"] == 1.0
    assert r["overlap_f1"] == pytest.approx(2 * 0.65 * 1.0 / 1.65)
    assert labels["unverifiable"]["overlap_f1"] == 0.0
    assert labels["unverifiable"]["overlap_precision"] is None  # alice marked none
    # All labels: alice 31 + 20 = 51 characters, bob 31 + 13 + 26 = 70, shared 31 + 13 = 44.
    overall = pair["overall"]
    assert (overall["chars"], overall["chars_shared"]) == ([51, 70], 44)
    assert overall["overlap_f1"] == pytest.approx(2 * 44 / (51 + 70))
    assert spans["overall"] == overall  # one pair: pooled = the pair

    text = _run(capsys, "agreement", "--db", str(db), "--server-key", str(server))
    assert "spans (spans): 1 reviewer pair" in text
    assert "alice (A) & bob (B) over 2 tasks: exact F1 0.400, overlap F1 0.727" in text
    assert "No unit was judged" not in text  # the spans were
    assert any(line.split()[:3] == ["redundant", "0.000", "0.788"] for line in text.splitlines())


def test_disagreements_adjudication_and_export_read_the_spans(
    merged: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, server = merged
    found = json.loads(_run(capsys, "disagreements", "--db", str(db), "--server-key",
                            str(server), "--json"))  # fmt: skip
    assert [(d["task_id"], d["severity"]) for d in found] == [("t1", 3.0)]
    assert "3 spans marked by some reviewers only" in found[0]["reasons"]

    reviews = [{"reviewer": who, "answers": {"spans": _spans("r-x", who)}} for who in MARKS]
    (kept,) = majority_answer(reviews, Schema((SpansQuestion("spans"),)))["spans"]
    assert (kept["start"], kept["end"], kept["label"]) == (0, 31, "irrelevant")
    assert kept["severity"] is None and kept["comment"] == ""  # major against minor

    out = tmp_path / "fg.jsonl"
    _run(capsys, "dataset", "export", "--db", str(db), "--server-key", str(server),
         "--format", "fine-grained", "--out", str(out))  # fmt: skip
    rows = {r["annotator"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert sorted(rows) == ["alice", "bob"]
    judged = tmp_path / "judgments.jsonl"
    _run(capsys, "dataset", "export", "--db", str(db), "--server-key", str(server),
         "--format", "judgments", "--out", str(judged))  # fmt: skip
    t1 = {r["reviewer"]: r["answers"]["spans"] for r in map(json.loads, judged.read_text().splitlines())
          if r["task_id"] == "t1"}  # fmt: skip
    assert {who: [(s["start"], s["end"], s["label"]) for s in v] for who, v in t1.items()} == {
        who: [(s, e, label) for s, e, label, _, _ in marks] for who, marks in MARKS.items()
    }
    assert rows["bob"]["prediction 1"] == TEXT and rows["bob"]["model"] == "m-x"
    assert rows["bob"]["feedback"]["errors"] == [
        {"error type": "Irrelevant", "explanation": "", "start": 0, "end": 31},
        {"error type": "Redundant", "explanation": "said before", "start": 39, "end": 52},
        {"error type": "Unverifiable", "explanation": "", "start": 53, "end": 79},
    ]


def test_the_lead_sees_every_reviewers_spans_and_settles_them(
    merged: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source_db, server_key = merged
    db = tmp_path / "merged.db"  # the module's database stays the reviewers' own
    shutil.copyfile(source_db, db)
    k = tmp_path / "keyring"
    shutil.copytree(server_key.parent, k)
    lead = keys.generate("lead")
    keys.write_key_pair(lead, k, passphrase=None)
    server = keys.load_secret_key(server_key)
    with MergedStore.open(db, server) as store:
        packed = pack_adjudication(store, server=server, lead=lead.card(), out_dir=tmp_path)
    with Workspace.open(tmp_path / "ws-lead", k / "lead.key") as ws:
        ws.import_bundle(packed.path, k / "server.pub")
        review = ws.reviews("t1")
        assert review is not None
        by = {r["reviewer"]: r["answers"]["spans"] for r in review["reviews"]}
        x = next(r.id for r in ws.task("t1").responses if r.text == TEXT)
        assert by == {who: _spans(x, who) for who in MARKS}
        prefilled = ws.editing("t1").answers
        assert [(s["start"], s["end"], s["label"]) for s in prefilled["spans"]] == [
            (0, 31, "irrelevant")
        ]
        # The lead keeps the shared span and bob's unverifiable one.
        settled = [*prefilled["spans"], _spans(x, "bob")[2]]
        ws.submit("t1", {**prefilled, "spans": settled})
        result = ws.export_results(tmp_path / "lead.result").path
    assert main(["merge", str(result), "--server-key", str(server_key), "--keyring", str(k),
                 "--db", str(db)]) == 0  # fmt: skip
    out = tmp_path / "fg.jsonl"
    _run(capsys, "dataset", "export", "--db", str(db), "--server-key", str(server_key),
         "--format", "fine-grained", "--out", str(out))  # fmt: skip
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    (adjudicated,) = [r for r in rows if r["source"] == "adjudicated"]
    assert adjudicated["annotator"] == "lead"
    assert [(e["error type"], e["start"], e["end"]) for e in adjudicated["feedback"]["errors"]] == [
        ("Irrelevant", 0, 31),
        ("Unverifiable", 53, 79),
    ]
    # The reviewers' own agreement is unchanged by the verdict.
    report = json.loads(_run(capsys, "agreement", "--db", str(db), "--server-key",
                             str(server_key), "--json"))  # fmt: skip
    assert report["spans"][0]["overall"]["exact_f1"] == pytest.approx(0.4)
