"""PII at pack time: ``docket pack --pii mask`` leaves no planted identifier anywhere in a
reviewer's bundle (every section the reviewer can decrypt, and the sealed section the
server can), keeps the originals in the server's archive only, moves prior spans and
gold answers onto the masked texts; ``--pii refuse`` writes nothing; ``--pii report``
prints counts, never the text, and carries the findings to the review window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import SecretKey
from docket.bundles.task_bundle import read_task_bundle
from docket.cli import main
from docket.core.pii import Finding, Masker, Severity, TaskScan, task_texts
from docket.core.schema import PiiQuestion, Schema, TextQuestion, default_schema
from docket.core.spans import span_problems
from docket.errors import DocketError, NotForYouError
from docket.server.pack import pack, refuse_pii, with_pii_question
from docket.server.pii_masking import mask_text

EMAIL = "maria.gonzalez@clinic-example.org"
PHONE = "(415) 555-0142"
PHONE_AGAIN = "415-555-0142"  # the same number, written otherwise: the same placeholder
EMAIL_2 = "r.okafor@example.net"
PHONE_2 = "212-555-0199"
GOLD_PHONE = "646-555-0110"
PLANTED = (EMAIL, PHONE, PHONE_AGAIN, EMAIL_2, PHONE_2, GOLD_PHONE)


def _rows() -> list[dict[str, Any]]:
    answer = f"Call her doctor at {PHONE_AGAIN} today and email {EMAIL} the readings."
    start = answer.index(PHONE_AGAIN)
    return [
        {
            "id": "t0",
            "prompt": f"My mother ({EMAIL}, {PHONE}) has had a fever for three days. What now?",
            "responses": [
                {
                    "id": "a",
                    "text": answer,
                    "spans": [
                        {
                            "start": start - 8,
                            "end": start + 3,
                            "quote": answer[start - 8 : start + 3],
                            "label": "pii",
                            "comment": f"do not repeat {PHONE}",
                        },
                        {"start": 0, "end": 4, "quote": "Call", "label": "irrelevant"},
                    ],
                },
                {"id": "b", "text": "Rest, fluids, and see a doctor if it lasts."},
            ],
        },
        {
            "id": "t1",
            "prompt": f"Draft a note to {EMAIL_2} about the lab results.",
            "responses": [
                {"id": "a", "text": f"Dear Dr Okafor, the results are in. Reach me at {PHONE_2}."},
                {"id": "b", "text": "I cannot send emails, but here is a draft."},
            ],
        },
        {
            "id": "t2",
            "prompt": "What is a normal resting heart rate?",
            "responses": [
                {"id": "a", "text": "60 to 100 beats a minute."},
                {"id": "b", "text": "About 70."},
            ],
        },
    ]


def _gold() -> list[dict[str, Any]]:
    text = f"Phone the clinic on {GOLD_PHONE}."
    start = text.index(GOLD_PHONE)
    span = {"response": "a", "start": start, "end": start + len(GOLD_PHONE), "quote": GOLD_PHONE,
            "label": "pii", "comment": f"{GOLD_PHONE} is a real number"}  # fmt: skip
    return [
        {
            "id": "g0",
            "prompt": "Where do I book a flu shot?",
            "responses": [
                {"id": "a", "text": text, "spans": [dict(span, comment="")]},
                {"id": "b", "text": "Any pharmacy offers them."},
            ],
            "gold": {
                "preference": {"better": "b", "strength": "slight"},
                "spans": [span],
                "rationale": f"Never give out {GOLD_PHONE}.",
            },
        }
    ]


@pytest.fixture
def parties(tmp_path: Path) -> dict[str, Any]:
    for name in ("server", "ann", "ben"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    tasks, gold = tmp_path / "tasks.jsonl", tmp_path / "gold.jsonl"
    tasks.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    gold.write_text("".join(json.dumps(r) + "\n" for r in _gold()), encoding="utf-8")
    return {
        "tmp": tmp_path,
        "server": keys.load_secret_key(tmp_path / "keys" / "server.key"),
        "reviewers": [keys.load_secret_key(tmp_path / "keys" / f"{n}.key") for n in ("ann", "ben")],
        "tasks": tasks,
        "gold": gold,
    }


def _pack(parties: dict[str, Any], mode: str, **kwargs: Any) -> Any:
    return pack(
        parties["tasks"],
        server=parties["server"],
        reviewers=[r.card() for r in parties["reviewers"]],
        out_dir=parties["tmp"] / "out",
        overlap=2,
        gold_path=parties["gold"],
        project="clinic",
        pii=mode,
        **kwargs,
    )


def _sealed(data: bytes, server: SecretKey) -> dict[str, Any]:
    opened = open_sealed(
        data, server, signer=pinned(server.card()), expected_type="task", check_expiry=False
    )
    return dict(json.loads(age_layer.decrypt(opened.sections["sealed.age"], [server.identity()])))


def test_mask_leaves_no_planted_identifier_in_a_reviewers_bundle(parties: dict[str, Any]) -> None:
    server = parties["server"]
    result = _pack(parties, "mask")
    assert len(result.bundles) == 2
    for bundle, reviewer in zip(result.bundles, parties["reviewers"], strict=True):
        data = bundle.path.read_bytes()
        opened = open_sealed(data, reviewer, signer=pinned(server.card()), expected_type="task")
        readable = [opened.manifest_bytes, *opened.sections.values()]
        sealed_plain = age_layer.decrypt(opened.sections["sealed.age"], [server.identity()])
        # The reviewer cannot open the sealed section; the server can, and it holds no
        # original either: the mapping lives in the server's archive alone.
        with pytest.raises(NotForYouError):
            age_layer.decrypt(opened.sections["sealed.age"], [reviewer.identity()])
        for planted in PLANTED:
            needle = planted.encode()
            assert needle not in data
            assert all(needle not in part for part in readable), planted
            assert needle not in sealed_plain, planted
        sealed = json.loads(sealed_plain)
        assert "pii_masks" not in sealed and "pii_findings" not in sealed
        content = read_task_bundle(opened)
        tasks = {t.id: t for t, _ in content.tasks}
        t0 = tasks["t0"]
        # One value, one placeholder, in every text of the task (the phone written twice
        # differently included); findings after masking: none.
        assert "<EMAIL_1>" in t0.prompt and "<PHONE_1>" in t0.prompt
        masked_answer = next(r.text for r in t0.responses if r.text.startswith("Call"))
        assert (
            masked_answer == "Call her doctor at <PHONE_1> today and email <EMAIL_1> the readings."
        )
        assert "<PHONE_2>" not in json.dumps([r.text for r in t0.responses])
        assert (
            "<EMAIL_1>" in tasks["t1"].prompt
            and "<PHONE_1>" in tasks["t1"].responses[0].text + tasks["t1"].responses[1].text
        )
        # Prior spans moved onto the same words: the one ending inside the number now
        # ends after its placeholder; their quotes are the masked text at the offsets.
        texts = {r.id: r.text for r in t0.responses}
        spans = [s.to_json() for s in t0.spans]
        assert span_problems(spans, texts=texts, labels=["pii", "irrelevant"]) == []
        assert {s.quote for s in t0.spans} == {"Call", "ctor at <PHONE_1>"}
        assert all(PHONE not in s.comment for s in t0.spans)
        # Every form carries the pii question, so reviewers can correct the detector.
        assert all(
            any(isinstance(q, PiiQuestion) for q in form.questions) for _, form in content.tasks
        )
    archive = _sealed(result.archive.read_bytes(), server)
    masks = archive["pii_masks"]
    assert masks["t0"] == {"<EMAIL_1>": EMAIL, "<PHONE_1>": PHONE}
    assert masks["g0"] == {"<PHONE_1>": GOLD_PHONE}
    assert "t2" not in masks and archive["pii_findings"]["t2"] == []
    assert all(v == [] for v in archive["pii_findings"].values())
    # The gold answer, in the masked text: its span moved, its free text masked.
    gold = archive["gold"]["g0"]
    (span,) = gold["spans"]
    assert span["quote"] == "<PHONE_1>" and "<PHONE_1>" in span["comment"]
    assert gold["rationale"] == "Never give out <PHONE_1>."
    assert result.pii is not None and result.pii.masks == masks


def test_refuse_writes_nothing_and_names_each_finding_without_its_text(
    parties: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(DocketError) as caught:
        _pack(parties, "refuse")
    message = caught.value.message + (caught.value.hint or "")
    assert not (parties["tmp"] / "out").exists()
    assert "nothing was written" in message and "--pii mask" in message
    assert "task t0, turn:0: EMAIL (high) at 11-44" in message
    assert all(p not in message for p in PLANTED)
    # Through the command line: non-zero, the same list, nothing on disk.
    tmp = parties["tmp"]
    code = main(["pack", str(parties["tasks"]), "--server-key", str(tmp / "keys" / "server.key"),
                 "--reviewer", str(tmp / "keys" / "ann.pub"), "--out", str(tmp / "cli-out"),
                 "--pii", "refuse"])  # fmt: skip
    err = capsys.readouterr().err
    assert code != 0 and "PII finding(s)" in err and "task t1" in err
    assert all(p not in err for p in PLANTED)
    assert not (tmp / "cli-out").exists()


def test_refuse_counts_only_findings_at_or_above_the_severity() -> None:
    low = Finding("URL", 0, 5, 0.9, Severity.LOW, "turn:0")
    medium = Finding("PERSON", 6, 9, 0.9, Severity.MEDIUM, "turn:0")
    scans = {"t": TaskScan("t", (low, medium))}
    refuse_pii(scans, Severity.HIGH)  # nothing at high: packing goes on
    with pytest.raises(DocketError, match=r"1 PII finding\(s\) of medium severity or above"):
        refuse_pii(scans, Severity.MEDIUM)
    with pytest.raises(DocketError, match=r"2 PII finding\(s\) of low severity"):
        refuse_pii(scans, Severity.LOW)
    failed = {"t": TaskScan("t", failed="RuntimeError: boom")}
    with pytest.raises(DocketError, match="the detector failed"):
        refuse_pii(failed, Severity.HIGH)


def test_report_prints_counts_and_carries_findings_to_the_window(
    parties: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    tmp = parties["tmp"]
    code = main(["pack", str(parties["tasks"]), "--server-key", str(tmp / "keys" / "server.key"),
                 "--reviewer", str(tmp / "keys" / "ann.pub"), "--out", str(tmp / "out"),
                 "--project", "clinic"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    lines = {
        line.split(":")[1].strip(): line
        for line in out.splitlines()
        if line.startswith("pii found: task")
    }
    assert (
        "Email address (2 high)" in lines["task t0"] and "Phone or fax number (" in lines["task t0"]
    )
    assert "Email address (1 high)" in lines["task t1"]
    assert "Phone or fax number (1 high)" in lines["task t1"]
    assert "pii found in 2 of 3 task(s)" in out and "task t2" not in out
    assert all(p not in out for p in PLANTED)
    server, ann = parties["server"], parties["reviewers"][0]
    bundle = tmp / "out" / "clinic-ann.docket"
    opened = open_sealed(
        bundle.read_bytes(), ann, signer=pinned(server.card()), expected_type="task"
    )
    rows = {
        json.loads(line)["id"]: json.loads(line)
        for line in opened.sections["tasks.jsonl"].splitlines()
    }
    assert rows["t2"]["pii"] == []
    found = rows["t0"]["pii"]
    texts = {f"turn:{i}": t["content"] for i, t in enumerate(rows["t0"]["conversation"])}
    texts |= {r["id"]: r["text"] for r in rows["t0"]["responses"]}
    assert sorted(texts[f["target"]][f["start"] : f["end"]] for f in found) == sorted(
        [EMAIL, EMAIL, PHONE, PHONE_AGAIN]
    )
    assert "pii_findings" not in json.loads(
        age_layer.decrypt(opened.sections["sealed.age"], [server.identity()])
    )
    archive = _sealed((tmp / "out" / "clinic.server-tasks").read_bytes(), server)
    assert archive["pii_findings"]["t0"] == found and archive["pii_masks"] == {}


def test_the_pii_question_is_added_once() -> None:
    form = default_schema(2)
    added = with_pii_question(form)
    assert [q.kind for q in added.questions] == [*(q.kind for q in form.questions), "pii"]
    assert with_pii_question(added) is added
    clash = with_pii_question(Schema((TextQuestion("pii", required=False),)))
    assert [(q.id, q.kind) for q in clash.questions] == [("pii", "text"), ("pii-2", "pii")]


WORDS = st.text(alphabet="ab c", min_size=0, max_size=6)


@given(st.lists(st.tuples(WORDS, st.booleans()), min_size=1, max_size=8))
def test_offsets_outside_masked_stretches_keep_their_words(parts: list[tuple[str, bool]]) -> None:
    text, findings, plain = "", [], []
    for chunk, secret in parts:
        if secret and chunk:
            findings.append(
                Finding("PERSON", len(text), len(text) + len(chunk), 1.0, Severity.MEDIUM)
            )
        elif chunk:
            plain.append((len(text), len(text) + len(chunk)))
        text += chunk + "|"
    masked = mask_text(Masker(), text, findings)
    for start, end in plain:
        new_start, new_end = masked.offset(start), masked.offset(end, end=True)
        assert masked.text[new_start:new_end] == text[start:end]
    for f in findings:  # a stretch that was masked maps onto its placeholder
        stretch = masked.text[masked.offset(f.start) : masked.offset(f.end, end=True)]
        assert stretch.startswith("<PERSON_") and stretch.endswith(">")


def test_task_texts_of_a_masked_task_hold_only_placeholders(parties: dict[str, Any]) -> None:
    result = _pack(parties, "mask")
    server = parties["server"]
    opened = open_sealed(result.archive.read_bytes(), server, signer=pinned(server.card()),
                         expected_type="task", check_expiry=False)  # fmt: skip
    for task, _ in read_task_bundle(opened, archive=True).tasks:
        joined = "\n".join(task_texts(task).values())
        assert all(p not in joined for p in PLANTED), task.id


def test_mask_reaches_a_rows_criteria_with_the_tasks_placeholders(tmp_path: Path) -> None:
    server, ann = keys.generate("server"), keys.generate("ann")
    row = {
        "id": "hb",
        "prompt": f"Write to {EMAIL} about the appointment.",
        "responses": [{"id": "a", "text": "Here is a short note for the clinic."}],
        "criteria": [
            {"criterion": f"Addresses the note to {EMAIL}", "points": 3},
            {"criterion": f"Offers the number {GOLD_PHONE}", "points": -2},
            {"criterion": "Is polite", "points": 1},
        ],
    }
    source = tmp_path / "tasks.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = pack(
        source, server=server, reviewers=[ann.card()], out_dir=tmp_path / "out", pii="mask"
    )
    opened = open_sealed(result.bundles[0].path.read_bytes(), ann, signer=pinned(server.card()),
                         expected_type="task")  # fmt: skip
    assert all(p.encode() not in part for p in PLANTED for part in opened.sections.values())
    ((task, form),) = read_task_bundle(opened).tasks
    (rubric,) = form.rubric_questions
    assert [c.text for c in rubric.criteria] == [
        "Addresses the note to <EMAIL_1>",
        "Offers the number <PHONE_1>",
        "Is polite",
    ]
    assert task.prompt == "Write to <EMAIL_1> about the appointment."
    archive = _sealed(result.archive.read_bytes(), server)
    assert archive["pii_masks"]["hb"] == {"<EMAIL_1>": EMAIL, "<PHONE_1>": GOLD_PHONE}
