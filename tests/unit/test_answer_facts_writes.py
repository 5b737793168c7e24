"""How ``write_facts`` keeps an answer's facts: one row per answer, replaced whole when
the answer is merged again (an upsert, not a delete and an insert), removed when the
new answer has none; and the per-form plan found by the form object's identity gives
what the plan of an equal form gives."""

from __future__ import annotations

import sqlite3

from docket.core.schema import Schema, default_schema
from docket.server import answer_facts
from docket.server.answer_facts import encode, write_facts
from docket.server.merged_store import _v9


class _Conn:
    """A DB-API connection with the ``Db.execute`` the migration helpers call."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        self.conn.executemany(sql, rows)


def _store() -> _Conn:
    db = _Conn()
    _v9(db)  # type: ignore[arg-type]
    for column, kind in (("day", "TEXT"), ("seconds", "FLOAT"), ("answered", "TEXT")):
        db.execute(f"ALTER TABLE answer_facts ADD COLUMN {column} {kind}")
    db.execute("CREATE TABLE forms (id INTEGER PRIMARY KEY, schema TEXT)")
    db.execute("CREATE TABLE task_forms (project TEXT, task_id TEXT, form INTEGER)")
    db.execute("INSERT INTO forms VALUES (1, ?)", (default_schema(2).dumps(),))
    db.execute("INSERT INTO task_forms VALUES ('p', 't1', 1), ('p', 't2', 1)")
    return db


ORDER = {"A": "r-2", "B": "r-1"}


def _answer(better: str | None, revision: int, task: str = "t1") -> tuple:
    answers = {"preference": {"better": better, "strength": "slight" if better else None}}
    return (task, "fp", revision, ORDER, answers, "2026-11-29T10:00:00+00:00", 12.5)


def test_an_answer_merged_again_has_its_facts_replaced_whole() -> None:
    db, forms = _store(), {}
    assert write_facts(db, "p", [_answer("r-1", 1), _answer("r-2", 1, "t2")], forms) == 2
    assert write_facts(db, "p", [_answer("r-2", 2)], forms) == 1
    rows = db.execute(
        "SELECT task_id, revision, facts, day, seconds, answered FROM answer_facts ORDER BY task_id"
    ).fetchall()
    schema = forms[1]
    assert rows == [
        ("t1", 2, encode(schema, ["r-2", "r-1"], _answer("r-2", 2)[4]), "2026-11-29", 12.5,
         "1" + "0" * (len(schema.questions) - 1)),
        ("t2", 1, encode(schema, ["r-2", "r-1"], _answer("r-2", 1)[4]), "2026-11-29", 12.5,
         "1" + "0" * (len(schema.questions) - 1)),
    ]  # fmt: skip
    assert rows[0][2] != encode(schema, ["r-2", "r-1"], _answer("r-1", 1)[4])


def test_an_answer_without_facts_removes_the_older_ones() -> None:
    db, forms = _store(), {}
    write_facts(db, "p", [_answer("r-1", 1)], forms)
    # A response the task does not have: no facts, and none left that could be misread.
    odd = ("t1", "fp", 2, {"A": "r-2", "B": "task"}, {}, "2026-11-29", 1.0)
    assert write_facts(db, "p", [odd], forms) == 0
    assert db.execute("SELECT count(*) FROM answer_facts").fetchone() == (0,)


def test_the_plan_by_identity_is_the_plan_of_an_equal_form() -> None:
    form = default_schema(2)
    twin = Schema.loads(form.dumps())
    assert twin == form and twin is not form
    assert answer_facts._plan(form, 2) == answer_facts._plan_of(twin, 2)
    assert answer_facts._plan(form, 2) is answer_facts._plan(form, 2)
