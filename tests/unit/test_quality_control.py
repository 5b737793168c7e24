"""A form's minimum time per task (``min_seconds``): parsed strictly, carried through a
bundle, and read by the one rule :func:`docket.core.rules.too_fast`, end to end from
``docket pack --schema`` to the merged database."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.cli import main
from docket.core.rules import too_fast
from docket.core.schema import MAX_MIN_SECONDS, Schema, default_schema
from docket.errors import SchemaError
from docket.server.merged_store import MergedStore
from tests.helpers import pair_tasks

FORM = {
    "version": 1,
    "questions": [{"type": "preference", "id": "preference"}],
}


def test_min_seconds_parses_and_round_trips() -> None:
    schema = Schema.from_json(FORM | {"min_seconds": 20})
    assert schema.min_seconds == 20
    assert Schema.loads(schema.dumps()) == schema
    assert json.loads(schema.dumps())["min_seconds"] == 20  # an int stays an int
    half = Schema.from_json(FORM | {"min_seconds": 7.5})
    assert Schema.loads(half.dumps()).min_seconds == 7.5
    plain = Schema.from_json(FORM)
    assert plain.min_seconds is None and "min_seconds" not in plain.to_json()


@pytest.mark.parametrize(
    "value", [0, -3, True, "20", None, [20], MAX_MIN_SECONDS + 1, math.inf, math.nan]
)
def test_a_bad_min_seconds_is_refused_saying_what_to_write(value: object) -> None:
    body = FORM | {"min_seconds": value}
    if value is None:  # null reads as "no minimum"
        assert Schema.from_json(body).min_seconds is None
        return
    with pytest.raises(SchemaError) as caught:
        Schema.from_json(body)
    assert "min_seconds" in caught.value.message and "positive number" in caught.value.message
    assert '"min_seconds": 20' in str(caught.value)  # the hint shows how to write it


def test_min_seconds_survives_a_task_s_criteria_being_added() -> None:
    form = Schema.from_json(
        {"version": 1, "min_seconds": 30, "questions": [{"type": "rubric", "id": "rubric"}]}
    )
    from docket.core.rubric import parse_criteria

    criteria = parse_criteria([{"id": "c1", "text": "Cites a source", "points": 2}], what="x")
    assert form.with_task_criteria(criteria).min_seconds == 30


def test_too_fast_is_below_the_minimum_only() -> None:
    form = Schema.from_json(FORM | {"min_seconds": 20})
    assert too_fast(form, 0) and too_fast(form, 19.99)
    assert not too_fast(form, 20) and not too_fast(form, 300)
    assert not too_fast(default_schema(2), 0)  # no minimum: nothing is too fast


@given(st.floats(0.001, MAX_MIN_SECONDS), st.floats(0, 2 * MAX_MIN_SECONDS))
def test_too_fast_agrees_with_the_minimum_after_a_round_trip(minimum: float, spent: float) -> None:
    form = Schema.loads(Schema.from_json(FORM | {"min_seconds": minimum}).dumps())
    assert too_fast(form, spent) == (spent < minimum)


def test_pack_with_min_seconds_end_to_end(tmp_path: Path) -> None:
    """``docket pack --schema`` with a minimum; a reviewer answers one task in 3 s and
    another in 45 s; after export and merge the form and the times are in the merged
    database, and the one rule picks out the fast answer."""
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    form = tmp_path / "form.json"
    form.write_text(
        json.dumps(
            {
                "version": 1,
                "min_seconds": 20,
                "questions": [
                    {"type": "preference", "id": "preference"},
                    {"type": "text", "id": "rationale"},
                ],
            }
        )
    )
    tasks = pair_tasks(tmp_path / "tasks.jsonl", 3)
    k = tmp_path / "keys"
    assert main([
        "pack", str(tasks), "--server-key", str(k / "server.key"), "--reviewer",
        str(k / "ann.pub"), "--schema", str(form), "--out", str(tmp_path / "out"),
        "--project", "qc",
    ]) == 0  # fmt: skip
    with Workspace.open(tmp_path / "ws", k / "ann.key") as ws:
        ws.import_bundle(tmp_path / "out" / "qc-ann.docket", k / "server.pub")
        ids = [t.id for t in ws.tasks()]
        assert ws.schema(ids[0]).min_seconds == 20
        for task_id, seconds in zip(ids[:2], (3.0, 45.0), strict=True):
            better = ws.task(task_id).responses[0].id
            ws.submit(task_id, {"preference": {"better": better, "strength": "slight"}},
                      time_spent_s=seconds)  # fmt: skip
        ws.export_results(tmp_path / "ann-1.result")
    ring = tmp_path / "ring"
    ring.mkdir()
    shutil.copy(k / "ann.pub", ring)
    db = tmp_path / "merged.db"
    assert main([
        "merge", str(tmp_path / "ann-1.result"), "--server-key", str(k / "server.key"),
        "--keyring", str(ring), "--db", str(db), "--tasks", str(tmp_path / "out" / "qc.server-tasks"),
    ]) == 0  # fmt: skip
    server = keys.load_secret_key(k / "server.key")
    with MergedStore.open(db, server) as store:
        fast = {}
        for a in store.answers():
            task = store.task(a.task_id)
            assert task is not None
            fast[a.task_id] = too_fast(Schema.from_json(task["schema"]), a.time_spent_s)
    assert fast == {ids[0]: True, ids[1]: False}
