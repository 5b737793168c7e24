"""Real span annotations, round trip: the 50 Fine-Grained RLHF records carried in
tests/data are converted to task rows (the four predictions as responses, the passages as
documents, the human errors on ``prediction 1`` as prior spans), packed, imported into a
reviewer's workspace, accepted unchanged through the window's API (the form opens
pre-filled with the prior spans: ``Workspace.editing``, then ``submit``), exported,
merged with the server's task archive and written by ``docket dataset export --format
fine-grained``: every record's errors come back with the same type, start and end (and
explanation), on the same text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.cli import main
from docket.core.fine_grained import LABEL_OF_ERROR_TYPE, task_row
from docket.core.schema import Schema, SpansQuestion
from tests.reference_data import fine_grained_lines, fine_grained_rows


def _errors(errors: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((e["error type"], e["start"], e["end"], e["explanation"]) for e in errors)


def test_the_carried_records_are_the_documented_bytes() -> None:
    """tests/data/README.md gives the SHA-256 of the 50 lines as copied."""
    data = b"".join(line + b"\n" for line in fine_grained_lines())
    assert len(data) == 306_457
    assert hashlib.sha256(data).hexdigest() == (
        "94db5af10a92ae140d527f74048ab1a9cbeaad1f0204cdb26bb23b4b572f8bd4"
    )


def test_the_converter_keeps_every_record_and_its_spans() -> None:
    records = fine_grained_rows()
    assert len(records) == 50
    for i, record in enumerate(records):
        row = task_row(record, f"fg-{i:02d}")
        assert row["prompt"] == record["question"]
        assert [r["text"] for r in row["responses"]] == [
            record[f"prediction {n}"] for n in range(1, 5)
        ]
        assert [d["title"] for d in row["documents"]] == [p[0] for p in record["passages"]]
        spans = row["responses"][0].get("spans", [])
        assert len(spans) == len(record["feedback"]["errors"])
        text = record["prediction 1"]
        for span in spans:
            assert span["quote"] == text[span["start"] : span["end"]]
            assert span["label"] in LABEL_OF_ERROR_TYPE.values()
        assert all("spans" not in r for r in row["responses"][1:])


def test_fifty_records_round_trip_through_review_merge_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = fine_grained_rows()
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    k = tmp_path / "keys"
    tasks = tmp_path / "fine-grained.jsonl"
    tasks.write_text(
        "".join(
            json.dumps(task_row(r, f"fg-{i:02d}"), ensure_ascii=False) + "\n"
            for i, r in enumerate(records)
        ),
        encoding="utf-8",
    )
    schema = tmp_path / "schema.json"
    schema.write_text(Schema((SpansQuestion("spans"),)).dumps())
    server = str(k / "server.key")
    assert main(["pack", str(tasks), "--server-key", server, "--reviewer", str(k / "alice.pub"),
                 "--schema", str(schema), "--project", "fg", "--out", str(tmp_path / "b")]) == 0  # fmt: skip
    with Workspace.open(tmp_path / "ws", k / "alice.key") as ws:
        ws.import_bundle(tmp_path / "b" / "fg-alice.docket", k / "server.pub")
        tasks_seen = list(ws.tasks())
        assert len(tasks_seen) == 50
        for task in tasks_seen:
            prefilled = ws.editing(task.id).answers
            assert len(prefilled.get("spans", [])) == len(task.spans)
            ws.submit(task.id, prefilled)  # accepted unchanged
        result = ws.export_results(tmp_path / "alice.result").path
    db = tmp_path / "merged.db"
    assert main(["merge", str(result), "--server-key", server, "--keyring", str(k),
                 "--db", str(db), "--tasks", str(tmp_path / "b" / "fg.server-tasks")]) == 0  # fmt: skip
    out = tmp_path / "feedback.jsonl"
    assert main(["dataset", "export", "--db", str(db), "--server-key", server,
                 "--format", "fine-grained", "--out", str(out)]) == 0  # fmt: skip
    with_errors = [i for i, r in enumerate(records) if r["feedback"]["errors"]]
    assert f"{len(with_errors)} rows (fine-grained)" in capsys.readouterr().out
    exported = {r["task_id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert sorted(exported) == [f"fg-{i:02d}" for i in with_errors]
    for i in with_errors:
        record, row = records[i], exported[f"fg-{i:02d}"]
        assert row["question"] == record["question"]
        assert row["prediction 1"] == record["prediction 1"]
        assert row["model"] == "prediction 1" and row["annotator"] == "alice"
        assert _errors(row["feedback"]["errors"]) == _errors(record["feedback"]["errors"])
        assert [p[0] for p in row["passages"]] == [p[0] for p in record["passages"]]
    assert sum(len(r["feedback"]["errors"]) for r in exported.values()) == 138
