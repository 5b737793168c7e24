"""PII after the review, with real bundles: two projects, one packed with ``--pii mask``
and one with the default ``--pii report``, answered by two reviewers in workspaces,
merged with the server's archive, then exported.

- ``--redact`` leaves no planted identifier in the data file or its card (the detector's
  findings, a name a reviewer marked, a number a reviewer wrote), with placeholders that
  agree across the fields of a task; a finding a reviewer dismissed stays, and the card
  says so;
- ``--restore-pii`` puts a masked project's originals back into ``judgments`` only;
- every export prints and records a PII scan summary;
- a hostile reviewer with a valid key cannot make merge store findings or masks;
- the report's PII criterion is assessed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.pii import Finding, Masker, Severity
from docket.core.pii_detect import scan_task
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.pii_export import moved_error, row_task_id, walk_strings
from docket.server.pii_masking import mask_text
from docket.server.report import build_report
from tests.helpers import forged_result

EMAIL = "maria.gonzalez@clinic-example.org"
PHONE = "(415) 555-0142"
EMAIL_2 = "r.okafor@example.net"
PHONE_2 = "212-555-0199"
NAME = "nana rosie"  # no detector finds it: a reviewer marks it
WRITTEN_PHONE = "917-555-0123"  # a reviewer writes it in a rationale
PLANTED = (EMAIL, PHONE, EMAIL_2, PHONE_2, NAME, WRITTEN_PHONE)
REVIEWERS = ("ann", "ben")


def _rows() -> list[dict[str, Any]]:
    return [
        {
            "id": "t0",
            "prompt": f"My mother, {NAME}, ({EMAIL}, {PHONE}) has had a fever for three days.",
            "responses": [
                {
                    "id": "a",
                    "text": f"Call her doctor at {PHONE} and tell them {NAME} has a fever.",
                },
                {"id": "b", "text": "Rest, fluids, and see a doctor if it lasts."},
            ],
        },
        {
            "id": "t1",
            "prompt": f"Draft a note to {EMAIL_2} about the lab results.",
            "responses": [
                {
                    "id": "a",
                    "text": f"Hello, the results are in. Call the lab on {PHONE_2}.",
                },
                {"id": "b", "text": "I cannot send emails, but here is a draft for you to send."},
            ],
        },
        {
            "id": "t2",
            "prompt": "What is a normal resting heart rate?",
            "responses": [
                {"id": "a", "text": "60 to 100 beats a minute for most adults."},
                {"id": "b", "text": "About 70."},
            ],
        },
    ]


def _answers(ws: Workspace, task_id: str, reviewer: str, mode: str) -> dict[str, Any]:
    task = ws.task(task_id)
    longer = max(task.responses, key=lambda r: len(r.text))
    answers: dict[str, Any] = {"preference": {"better": longer.id, "strength": "slight"}}
    if task_id != "t0" and not (task_id == "t1" and reviewer == "ann" and mode == "report"):
        return answers
    if task_id == "t1":
        # ann says the lab's number is a public line: she dismisses that finding.
        (found,) = [f for f in scan_task(task).findings if f.type == "PHONE"]
        dismissed = {
            "target": found.target,
            "start": found.start,
            "end": found.end,
            "type": "PHONE",
        }
        return answers | {"pii": {"marked": [], "dismissed": [dismissed]}}
    if reviewer == "ann":
        start = task.prompt.index(NAME)
        mark = {"target": "turn:0", "start": start, "end": start + len(NAME), "quote": NAME,
                "type": "PERSON"}  # fmt: skip
        phone = "<PHONE_1>" if mode == "mask" else PHONE
        return answers | {
            "pii": {"marked": [mark], "dismissed": []},
            "rationale": f"never repeat {phone}; {NAME} needs a doctor.",
        }
    return answers | {"rationale": f"the first says to call, e.g. {WRITTEN_PHONE}."}


def _project(root: Path, mode: str) -> dict[str, Any]:
    tmp = root / mode
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    (tmp / "tasks.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _rows()))
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    packed = pack(tmp / "tasks.jsonl", server=server, reviewers=cards, out_dir=tmp / "out",
                  overlap=2, project=f"clinic-{mode}", pii=mode)  # fmt: skip
    results = []
    for reviewer, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in list(ws.tasks()):
                ws.record(task.id, _answers(ws, task.id, reviewer, mode))
            results.append(ws.export_results(tmp / f"{reviewer}.result").path)
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, packed.archive)
        report = merge_results(results, server=server, cards=cards, store=store)
        assert report.count("accepted") == 2, [o.reason for o in report.outcomes]
    return {"tmp": tmp, "server": server, "cards": cards, "db": db, "archive": packed.archive}


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("pii-export")
    return {mode: _project(root, mode) for mode in ("mask", "report")}


def _export(p: dict[str, Any], out: Path, fmt: str, *flags: str) -> int:
    return main(["dataset", "export", "--db", str(p["db"]), "--server-key",
                 str(p["tmp"] / "keys" / "server.key"), "--format", fmt, "--out", str(out),
                 *flags])  # fmt: skip


def _rows_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_merge_stores_the_archives_findings_and_masks(projects: dict[str, Any]) -> None:
    mask, report = projects["mask"], projects["report"]
    with MergedStore.open(mask["db"], mask["server"]) as store:
        assert store.pii_masks()["t0"] == {"<EMAIL_1>": EMAIL, "<PHONE_1>": PHONE}
        assert store.pii_masks()["t1"] == {"<EMAIL_1>": EMAIL_2, "<PHONE_1>": PHONE_2}
        assert store.pii_findings() == {"t0": [], "t1": [], "t2": []}
    with MergedStore.open(report["db"], report["server"]) as store:
        assert store.pii_masks() == {}
        found = store.pii_findings()
        assert {f.type for f in found["t0"]} == {"EMAIL", "PHONE"}
        assert found["t2"] == []


def test_redacted_export_leaves_no_planted_identifier(
    projects: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for mode, p in projects.items():
        for fmt in ("dpo", "judgments"):
            out = tmp_path / mode / fmt / "data.jsonl"
            out.parent.mkdir(parents=True)
            assert _export(p, out, fmt, "--redact") == 0
            printed = capsys.readouterr().out
            card = (out.parent / "README.md").read_text(encoding="utf-8")
            data = out.read_text(encoding="utf-8")
            # ann dismissed it; the dpo rows carry the response it is in.
            kept = {PHONE_2} if (mode, fmt) == ("report", "dpo") else set()
            for planted in set(PLANTED) - kept:
                assert planted not in data, (mode, fmt, planted)
                assert planted not in card and planted not in printed
            assert "pii redacted:" in printed and "## PII" in card
            assert "Exported with `--redact`" in card
            if kept:
                assert PHONE_2 in data  # a dismissal is the reviewers' word
                assert "Still found: 1 high-severity finding" in card
                assert "| PHONE | 1 | 0 | 0 |" in card
            else:
                assert "No high-severity finding remains." in card
                assert "pii scan of the output: no finding" in printed


def test_placeholders_agree_across_the_fields_of_a_task(
    projects: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "dpo.jsonl"
    assert _export(projects["report"], out, "dpo", "--redact") == 0
    (row,) = [r for r in _rows_of(out) if r["task_id"] == "t0"]
    assert (
        row["prompt"]
        == "My mother, <PERSON_1>, (<EMAIL_1>, <PHONE_1>) has had a fever for three days."
    )
    assert row["chosen"] == "Call her doctor at <PHONE_1> and tell them <PERSON_1> has a fever."
    out = tmp_path / "judgments.jsonl"
    assert _export(projects["mask"], out, "judgments", "--redact") == 0
    notes = {
        r["reviewer"]: r["answers"].get("rationale") for r in _rows_of(out) if r["task_id"] == "t0"
    }
    # The pack's placeholders go on; a value the pack never saw gets the next number.
    assert notes == {"ann": "never repeat <PHONE_1>; <PERSON_1> needs a doctor.",
                     "ben": "the first says to call, e.g. <PHONE_2>."}  # fmt: skip
    (ann,) = [r for r in _rows_of(out) if r["task_id"] == "t0" and r["reviewer"] == "ann"]
    (mark,) = ann["answers"]["pii"]["marked"]
    assert mark["quote"] == "<PERSON_1>" and mark["end"] - mark["start"] == len("<PERSON_1>")


def test_restore_pii_puts_the_originals_back_in_judgments_only(
    projects: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = projects["mask"]
    plain = tmp_path / "plain" / "judgments.jsonl"
    plain.parent.mkdir()
    assert _export(p, plain, "judgments") == 0
    assert PHONE not in plain.read_text(encoding="utf-8")
    assert "<PHONE_1>" in plain.read_text(encoding="utf-8")
    capsys.readouterr()
    restored = tmp_path / "restored" / "judgments.jsonl"
    restored.parent.mkdir()
    assert _export(p, restored, "judgments", "--restore-pii") == 0
    printed = capsys.readouterr().out
    notes = [r["answers"].get("rationale") for r in _rows_of(restored) if r["reviewer"] == "ann"]
    assert f"never repeat {PHONE}; {NAME} needs a doctor." in notes
    assert "pii restored" in printed
    card = (restored.parent / "README.md").read_text(encoding="utf-8")
    assert "holds the originals of masked PII" in card and PHONE not in card
    for flags, fmt in ((["--restore-pii", "--redact"], "judgments"), (["--restore-pii"], "dpo")):
        bad = tmp_path / fmt / "refused.jsonl"
        bad.parent.mkdir(exist_ok=True)
        assert _export(p, bad, fmt, *flags) != 0
        assert not bad.exists()
        assert "--restore-pii" in capsys.readouterr().err


def test_every_export_prints_and_records_a_scan_summary(
    projects: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dpo.jsonl"
    assert _export(projects["report"], out, "dpo") == 0
    printed = capsys.readouterr().out
    assert EMAIL in out.read_text(encoding="utf-8")  # unredacted: the data as packed
    assert "pii scan of the output: EMAIL" in printed and "high" in printed
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| EMAIL |" in card and "| PHONE |" in card
    assert all(p not in card and p not in printed for p in PLANTED)


def test_a_hostile_reviewer_cannot_make_merge_store_findings_or_masks(
    projects: dict[str, Any], tmp_path: Path
) -> None:
    p = projects["mask"]
    db = tmp_path / "merged.db"
    shutil.copy(p["db"], db)
    claimed = {"<EMAIL_1>": "attacker@example.com"}
    finding = {"target": "turn:0", "type": "EMAIL", "start": 0, "end": 3, "confidence": 1,
               "severity": "low"}  # fmt: skip

    with MergedStore.open(db, p["server"]) as store:
        tasks = {t: store.task(t) for t in store.task_ids()}
    prompts = {t: task["conversation"][0]["content"] for t, task in tasks.items() if task}

    def marking(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A well-formed pii answer (its quote the archived text at its offsets): it stays
        an answer, never a stored finding."""
        out = []
        for row in rows:
            quote = prompts[row["task_id"]][:2]
            mark = {"target": "turn:0", "start": 0, "end": 2, "quote": quote, "type": "OTHER_ID"}
            answers = row["answers"] | {"pii": {"marked": [mark], "dismissed": []}}
            out.append(row | {"answers": answers, "revision": row["revision"] + 1})
        return out

    def smuggling(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Masks and findings beside the answers and inside them."""
        return [
            row
            | {"answers": row["answers"] | {"pii_masks": claimed, "pii_findings": [finding]},
               "revision": row["revision"] + 2, "pii_masks": claimed, "pii_findings": [finding]}
            for row in rows
        ]  # fmt: skip

    accepted = forged_result(p["tmp"], marking, "marking.result", reviewer="ann")
    smuggled = forged_result(p["tmp"], smuggling, "smuggling.result", reviewer="ben")
    with MergedStore.open(db, p["server"]) as store:
        before = (store.pii_findings(), store.pii_masks())
        first = merge_results([accepted], server=p["server"], cards=p["cards"], store=store)
        assert first.count("accepted") == 1, [o.reason for o in first.outcomes]
        second = merge_results([smuggled], server=p["server"], cards=p["cards"], store=store)
        assert second.count("rejected") == 1
        assert (store.pii_findings(), store.pii_masks()) == before
        assert "attacker@example.com" not in json.dumps(store.pii_masks())
        marked = [a.answers.get("pii") for a in store.answers() if a.reviewer_name == "ann"]
        assert marked and all(m and m["marked"][0]["type"] == "OTHER_ID" for m in marked)


def test_the_report_assesses_pii(projects: dict[str, Any]) -> None:
    for mode, status in (("mask", "pass"), ("report", "fail")):
        p = projects[mode]
        with MergedStore.open(p["db"], p["server"]) as store:
            report = build_report(store, rounds=5)
        (pii,) = [c for c in report.readiness if c.name == "PII findings"]
        assert pii.status == status, pii
        assert "in 3 scanned task(s)" in pii.figure
        if mode == "mask":
            # ann's marked name (medium) remains; the pack masked the rest.
            assert pii.figure.startswith("0 high-severity") and "1 of lower severity" in pii.figure
            assert "2 task(s) masked at pack time" in pii.figure
        else:
            # t0's email and phones, t1's email (t1's phone ann dismissed): as many as
            # the detector found of those, whichever detector it is.
            with MergedStore.open(p["db"], p["server"]) as store:
                found = store.pii_findings()
            high = sum(f.severity.value == "high" for fs in found.values() for f in fs) - 1
            assert high >= 3 and pii.figure.startswith(f"{high} high-severity finding(s) remain")


def test_items_pointing_into_a_masked_text_move_onto_the_same_words() -> None:
    text = f"Call {PHONE} now, then rest."
    start = text.index(PHONE)
    masked = mask_text(
        Masker(), text, [Finding("PHONE", start, start + len(PHONE), 1.0, Severity.HIGH)]
    )
    assert masked.text == "Call <PHONE_1> now, then rest."
    targets = {"r-1": masked}
    rest = text.index("rest")
    row = {
        "task_id": "t0",
        "answers": {
            "spans": [{"response": "r-1", "start": rest, "end": rest + 4, "quote": "rest",
                       "label": "irrelevant", "comment": "fine"},
                      {"response": "r-1", "start": start + 2, "end": start + 5,
                       "quote": PHONE[2:5], "label": "pii"}],
        },
    }  # fmt: skip
    out = walk_strings(row, lambda s: s, targets)
    first, second = out["answers"]["spans"]
    assert masked.text[first["start"] : first["end"]] == first["quote"] == "rest"
    assert second["quote"] == "<PHONE_1>"  # a span inside the number covers its placeholder
    assert out["task_id"] == "t0"
    error = {"error type": "Irrelevant", "start": rest, "end": rest + 4}
    moved = moved_error(error, masked)
    assert masked.text[moved["start"] : moved["end"]] == "rest"


def test_a_healthbench_row_belongs_to_the_task_its_prompt_id_names() -> None:
    known = {"t0", "a/b"}
    assert row_task_id({"task_id": "t9"}, known) == "t9"
    assert row_task_id({"prompt_id": "t0/ann"}, known) == "t0"
    assert row_task_id({"prompt_id": "a/b/ann/rubric"}, known) == "a/b"
    assert row_task_id({"prompt_id": "zz/ann"}, known) is None


def test_docket_scan_fails_the_unredacted_export_and_passes_the_redacted_one(
    projects: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for mode, p in projects.items():
        plain, redacted = tmp_path / mode / "plain.jsonl", tmp_path / mode / "redacted.jsonl"
        for out, flags in ((plain, []), (redacted, ["--redact"])):
            out.parent.mkdir(parents=True, exist_ok=True)
            assert _export(p, out, "judgments", *flags) == 0
            (out.parent / "README.md").unlink()
        capsys.readouterr()
        assert main(["scan", str(plain)]) == 1, mode  # the numbers reviewers wrote
        assert main(["scan", str(redacted)]) == 0, capsys.readouterr().out
    # A finding reviewers dismissed stays in the data: the release gate still sees it.
    out = tmp_path / "dpo.jsonl"
    assert _export(projects["report"], out, "dpo", "--redact") == 0
    assert main(["scan", str(out)]) == 1
