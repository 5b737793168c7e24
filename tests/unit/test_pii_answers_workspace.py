"""PII findings and answers in the workspace: read from bundle rows (a bad list is an
error naming the row), kept in the encrypted store (NULL when never scanned; an older
workspace gains the column and keeps its data), scanned by the workspace when a task came
without them (once, in memory; a detector failure is reported, never raised), and a pii
answer checked against the task's texts when recorded; the archive's texts of a task
for merge; the map between a conversation pane's text and its turns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.core import Response, Role, Task, Turn, default_schema
from docket.core.pii import Finding, Severity, task_texts
from docket.core.schema import PiiQuestion, Schema
from docket.core.task_loading import parse_task_lines
from docket.errors import AnswerValidationError
from docket.render.source_map import turns_map
from docket.server.result_checks import archived_texts
from docket.store import WorkspaceStore, migrations
from docket.store.db import open_encrypted
from docket.store.migrations import CURRENT_VERSION, MIGRATIONS, user_version
from tests.helpers import MARKER, sample_tasks

KEY = bytes(range(32))
PROMPT = "Reach me at 555-010-4477."
TEXT = "Call Ana Ruiz at 555-010-2233 or write to ana@example.org."


def _task(pii: tuple[Finding, ...] | None = None) -> Task:
    return Task(
        "t1",
        (Turn(Role.USER, PROMPT),),
        (Response("a", TEXT), Response("b", "See a doctor.")),
        pii=pii,
    )


def _phone() -> Finding:
    start = TEXT.index("555")
    return Finding("PHONE", start, start + 12, 0.7, Severity.HIGH, "a")


def _row(**extra: Any) -> str:
    return json.dumps(
        {
            "id": "t1",
            "prompt": PROMPT,
            "responses": [{"id": "a", "text": TEXT}, {"id": "b", "text": "See a doctor."}],
            **extra,
        }
    )


# --- reading bundle rows ---------------------------------------------------------------


def test_a_row_carries_its_findings_checked_against_its_texts() -> None:
    result = parse_task_lines([_row(pii=[_phone().to_json()])])
    assert not result.errors
    (task,) = result.tasks()
    assert task.pii == (_phone(),)
    assert parse_task_lines([_row()]).tasks()[0].pii is None  # never scanned
    assert parse_task_lines([_row(pii=[])]).tasks()[0].pii == ()  # scanned, nothing found


@pytest.mark.parametrize(
    ("finding", "message"),
    [
        ({"target": "zz"}, "'pii[0].target' not a text of this task"),
        ({"end": len(TEXT) + 3}, "'pii[0].end' beyond the end of a"),
        ({"type": "SECRET"}, "'pii[0].type' unknown type"),
        ({"severity": "dire"}, "'pii[0].severity' must be low, medium or high"),
        ({"confidence": 3}, "'pii[0].confidence' must be a number from 0 to 1"),
    ],
)
def test_a_bad_list_of_findings_is_an_error_naming_the_row(
    finding: dict[str, Any], message: str
) -> None:
    bad = {**_phone().to_json(), **finding}
    result = parse_task_lines([_row(), _row(id="t2", pii=[bad])], source="the bundle")
    (error,) = result.errors
    assert error.line == 2
    assert message in str(error) and "the bundle" in str(error)
    assert "'pii' must be a list of findings" in str(parse_task_lines([_row(pii={})]).errors[0])


# --- the store -------------------------------------------------------------------------


def test_findings_round_trip_through_the_store(tmp_path: Path) -> None:
    store = WorkspaceStore.open(tmp_path / "w.db", KEY)
    never = Task("t2", (Turn(Role.USER, "Hi"),), (Response("x", "Hello"), Response("y", "Hey")))
    nothing = Task("t3", never.conversation, never.responses, pii=())
    forms = default_schema(2)
    store.add_tasks(
        "b1", [(_task((_phone(),)), forms), (nothing, forms), (never, forms)], source="t"
    )
    assert store.task("t1").pii == (_phone(),)
    assert store.task("t3").pii == ()
    assert store.task("t2").pii is None
    assert {t.id: t.pii for t in store.tasks()} == {"t1": (_phone(),), "t3": (), "t2": None}
    store.close()


def test_a_workspace_of_the_previous_version_gains_the_pii_column_and_keeps_its_tasks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.db"
    store = WorkspaceStore.open(path, KEY)
    store.add_tasks(
        "b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="t"
    )
    store.close()
    # The workspace as the Docket before the pii column left it: no pii column (nor any
    # later one), the version before.
    db = open_encrypted(path, KEY)
    before = MIGRATIONS.index(migrations._v10_pii)
    db.execute("DROP INDEX IF EXISTS tasks_to_index")  # (the search index's, v12)
    db.execute("DROP TABLE IF EXISTS task_search")
    for later in MIGRATIONS[before:]:
        column = later.__name__.split("_", 2)[2]
        if column in {c.name for c in db["tasks"].columns}:
            db.execute(f"ALTER TABLE tasks DROP COLUMN {column}")
    db.execute(f"PRAGMA user_version = {before}")
    db.conn.commit()
    db.close()
    old = WorkspaceStore.open(path, KEY)
    assert user_version(old._db) == CURRENT_VERSION
    tasks = list(old.tasks())
    assert [t.id for t in tasks] == [t.id for t in sample_tasks()]
    assert [t.pii for t in tasks] == [None, None, None]  # never scanned
    assert MARKER in tasks[0].prompt
    old.add_tasks("b2", [(_task((_phone(),)), default_schema(2))], source="t")
    assert old.task("t1").pii == (_phone(),)
    old.close()


# --- the workspace -----------------------------------------------------------------------


def test_the_workspace_scans_an_unscanned_task_once_and_keeps_packed_findings(
    tmp_path: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    import docket.workspace as workspace_module

    real = workspace_module.scan_task

    def counting(task: Task, **kw: Any) -> Any:
        calls.append(task.id)
        return real(task, **kw)

    monkeypatch.setattr(workspace_module, "scan_task", counting)
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([_task()])
        task = ws.task("t1")
        assert ws.cached_pii(task) is None
        scan = ws.pii_scan(task)
        assert {(f.target, f.type) for f in scan.findings} >= {("a", "PHONE"), ("turn:0", "PHONE")}
        assert ws.pii_scan(ws.task("t1")) == scan and ws.cached_pii(task) == scan
        assert calls == ["t1"]  # once per content
        packed = _task((_phone(),))
        assert ws.pii_scan(packed).findings == (_phone(),) and calls == ["t1"]


def test_a_detector_failure_is_reported_not_raised(
    tmp_path: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(task: Task, **_kw: Any) -> Any:
        raise MemoryError("no room for the model")

    monkeypatch.setattr("docket.workspace.scan_task", broken)
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([_task()])
        scan = ws.pii_scan(ws.task("t1"))
        assert scan.findings == () and "MemoryError" in scan.failed


def _answer(quote: str = "Ana Ruiz", target: str = "a") -> dict[str, Any]:
    text = TEXT if target == "a" else PROMPT
    start = text.index("Ana Ruiz") if "Ana Ruiz" in text else 0
    return {
        "pii": {
            "marked": [{"target": target, "start": start, "end": start + 8, "quote": quote,
                        "type": "PERSON"}],
            "dismissed": [{"target": "turn:0", "start": 12, "end": 24, "type": "PHONE"}],
        }
    }  # fmt: skip


def test_record_checks_a_pii_answer_against_the_task_texts(tmp_path: Path, key_path: Path) -> None:
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks([_task()], schema=Schema((PiiQuestion("pii"),)))
        saved = ws.record("t1", _answer())
        assert saved.answers["pii"]["marked"][0]["quote"] == "Ana Ruiz"
        with pytest.raises(AnswerValidationError, match=r"pii\.marked\[0\]\.quote"):
            ws.record("t1", _answer(quote="Bob Diaz"))
        with pytest.raises(AnswerValidationError, match=r"pii\.marked\[0\]\.target"):
            ws.record("t1", _answer(target="turn:5"))


def test_the_archive_gives_merge_every_text_of_a_task() -> None:
    task = _task()
    archived = {
        "id": task.id,
        "conversation": [{"role": t.role.value, "content": t.content} for t in task.conversation],
        "responses": [{"id": r.id, "model": None, "text": r.text} for r in task.responses],
        "documents": [{"id": "d1", "text": "Clinic notes.", "title": "Notes"}],
    }
    assert archived_texts(archived) == {**task_texts(task), "document:d1": "Clinic notes."}


# --- the conversation pane's map ---------------------------------------------------------

WORDS = st.text(alphabet="abcdefgh XYZ.,", min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(turns=st.lists(WORDS, min_size=1, max_size=4), data=st.data())
def test_turn_offsets_map_to_the_pane_and_back(turns: list[str], data: st.DataObject) -> None:
    """Plain turns shown one after another under their labels: any stretch of a turn maps
    to the pane's text showing exactly it, and that back to the same stretch."""
    items = [(i, f"Turn{i}", " ".join(t.split())) for i, t in enumerate(turns)]
    shown = "".join(f"{label}\n{text}\n" for _i, label, text in items)
    tmap = turns_map(items, shown)
    index = data.draw(st.integers(0, len(items) - 1))
    text = items[index][2]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    runs = tmap.to_shown(index, start, end)
    assert runs and "".join(shown[a:b] for a, b in runs) == text[start:end]
    assert tmap.to_raw(runs[0][0], runs[-1][1]) == (index, start, end)
    label_at = shown.index(f"Turn{index}\n")
    assert tmap.to_raw(label_at, label_at + len(f"Turn{index}")) is None
    assert tmap.to_shown(len(items) + 1, 0, 1) == []
