"""A batch of writes on the team store goes through COPY (``docket.server.sql.batch_plan``)
and ends in exactly the rows the same statement run row by row leaves: upserts that
update or keep, keys repeated within the batch, literals among the values, deletes by key.
Statements the plan does not know run row by row, as before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.server.sql import COPY_ROWS, PostgresDb, any_lists, batch_plan, placeholders, upsert

COLUMNS = ("k", "n", "v", "x")
KEY = ("k", "n")
TABLE = 'k TEXT COLLATE "C" NOT NULL, n BIGINT NOT NULL, v TEXT, x DOUBLE PRECISION'


def test_the_writes_of_a_merge_are_planned_and_other_statements_are_not() -> None:
    answers = upsert(
        "answers",
        ("reviewer", "task_id", "project", "revision", "checked", "suggestion"),
        ("reviewer", "project", "task_id"),
        values=("?",) * 4 + ("1", "?"),
    )
    plan = batch_plan(answers)
    assert plan is not None and plan.keep_last is True
    assert plan.columns == ("reviewer", "task_id", "project", "revision", "suggestion")
    assert plan.statement("s") == (
        "INSERT INTO answers (reviewer, task_id, project, revision, checked, suggestion) "
        "SELECT b.reviewer, b.task_id, b.project, b.revision, 1, b.suggestion FROM s b "
        "ON CONFLICT (reviewer, project, task_id) DO UPDATE SET revision = excluded.revision, "
        "checked = excluded.checked, suggestion = excluded.suggestion"
    )
    audit = batch_plan(upsert("audit", ("chain", "seq", "hash"), ("chain", "seq"), update=False))
    assert audit is not None and audit.keep_last is False
    delete = batch_plan(
        "DELETE FROM answer_facts WHERE project = ? AND task_id = ? AND reviewer = ?"
    )
    assert delete is not None and delete.statement("s") == (
        "DELETE FROM answer_facts USING s b WHERE answer_facts.project = b.project AND "
        "answer_facts.task_id = b.task_id AND answer_facts.reviewer = b.reviewer"
    )
    for other in (
        "INSERT INTO t (a, b) SELECT a, b FROM u WHERE a = ?",
        "INSERT INTO t (a, b) VALUES (coalesce(?, 0), ?)",
        "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (c) DO NOTHING",  # key not given
        "INSERT INTO t (a, a) VALUES (?, ?)",
        "DELETE FROM t WHERE a = ? OR b = ?",
        "DELETE FROM t WHERE a > ?",
        "UPDATE t SET a = ? WHERE b = ?",
        upsert("t", ("a", "b"), ("a",), select="SELECT ?, ? WHERE true"),
    ):
        assert batch_plan(other) is None, other


@pytest.fixture
def two_tables(postgres_db: Callable[[str], str]) -> Iterator[tuple[PostgresDb, Any]]:
    """A team store connection and a plain psycopg one on the same new database, which
    holds ``batched`` and ``one_by_one``, alike."""
    import psycopg

    url = postgres_db("batches")
    with psycopg.connect(url, autocommit=True) as plain:
        for name in ("batched", "one_by_one"):
            plain.execute(f"CREATE TABLE {name} ({TABLE}, PRIMARY KEY (k, n))")
        db = PostgresDb(url)
        try:
            yield db, plain
        finally:
            db.close()


STATEMENTS: dict[str, Callable[[str], str]] = {
    "update": lambda t: upsert(t, COLUMNS, KEY),
    "keep": lambda t: upsert(t, COLUMNS, KEY, update=False),
    "literal": lambda t: upsert(t, COLUMNS, KEY, values=("?", "?", "'fixed'", "?")),
    "insert": lambda t: f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?)",
    "delete": lambda t: f"DELETE FROM {t} WHERE n = ? AND k = ?",
}

_row = st.tuples(
    st.sampled_from(["a", "b", "é", "z\U0001f600", "tab\there", "back\\slash", ""]),
    st.integers(min_value=-3, max_value=40),
    st.none()
    | st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12),
    st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(STATEMENTS)),
    before=st.lists(_row, max_size=30, unique_by=lambda r: r[:2]),
    rows=st.lists(_row, min_size=COPY_ROWS, max_size=COPY_ROWS + 60),
)
def test_a_batch_through_copy_leaves_the_rows_one_by_one_leaves(
    two_tables: tuple[PostgresDb, Any],
    kind: str,
    before: list[tuple[Any, ...]],
    rows: list[tuple[Any, ...]],
) -> None:
    db, plain = two_tables
    if kind == "insert":  # a plain INSERT fails on a repeated key, one by one as in a batch
        rows = list({r[:2]: r for r in rows}.values())
        before = [r for r in before if r[:2] not in {x[:2] for x in rows}]
    if kind == "delete":
        rows = [(n, k) for k, n, _, _ in rows]
    if kind == "literal":
        rows = [(k, n, x) for k, n, _, x in rows]
    for table in ("batched", "one_by_one"):
        plain.execute(f"TRUNCATE {table}")
        with plain.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", before)
    assert batch_plan(STATEMENTS[kind]("batched")) is not None
    db.write(lambda: db.executemany(STATEMENTS[kind]("batched"), rows))
    with plain.cursor() as cursor:
        cursor.executemany(placeholders(STATEMENTS[kind]("one_by_one")), rows)
    batched, one_by_one = (
        plain.execute(f"SELECT * FROM {t} ORDER BY k, n").fetchall()
        for t in ("batched", "one_by_one")
    )
    assert batched == one_by_one
    # The connection's staging table is kept for its next batch, and empty.
    (staged,) = db.execute(
        "SELECT relname FROM pg_class WHERE relname LIKE 'docket_batch%' "
        "AND relpersistence = 't' AND pg_table_is_visible(oid)"
    ).fetchone()
    assert db.execute(f"SELECT count(*) FROM {staged}").fetchone() == (0,)


def test_a_batch_that_fails_leaves_nothing(two_tables: tuple[PostgresDb, Any]) -> None:
    db, plain = two_tables
    rows = [("a", i, None, None) for i in range(COPY_ROWS)] + [("a", 0, "again", None)]
    with pytest.raises(Exception, match="duplicate key"):
        db.write(lambda: db.executemany(STATEMENTS["insert"]("batched"), rows))
    assert plain.execute("SELECT count(*) FROM batched").fetchone() == (0,)
    # The connection is usable after it, and the same batch as an upsert goes through.
    db.write(lambda: db.executemany(STATEMENTS["update"]("batched"), rows))
    assert plain.execute("SELECT v FROM batched WHERE n = 0").fetchone() == ("again",)


def test_a_role_that_may_not_create_temporary_tables_writes_row_by_row(
    postgres_db: Callable[[str], str],
) -> None:
    import psycopg

    url = postgres_db("notemp")
    role = f"writer_{url.split('/')[3].split('?')[0]}"
    with psycopg.connect(url, autocommit=True) as plain:
        plain.execute(f"CREATE TABLE batched ({TABLE}, PRIMARY KEY (k, n))")
        plain.execute(f"CREATE ROLE {role} LOGIN")
        plain.execute(f"GRANT ALL ON batched TO {role}")
        database = plain.execute("SELECT current_database()").fetchone()[0]
        plain.execute(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
        db = PostgresDb(url.replace("//docket@", f"//{role}@"))
        try:
            rows = [("a", i, "v", None) for i in range(COPY_ROWS * 2)]
            db.write(lambda: db.executemany(STATEMENTS["update"]("batched"), rows))
        finally:
            db.close()
            plain.execute(f"REVOKE ALL ON batched FROM {role}")
        assert plain.execute("SELECT count(*) FROM batched").fetchone() == (COPY_ROWS * 2,)


def test_a_batch_delete_by_key_probes_the_index_not_the_whole_table(
    two_tables: tuple[PostgresDb, Any],
) -> None:
    """A store of many rows, a batch deleting a few hundred of them by their key: the
    table is never read whole (a merge deletes a bundle's answer facts this way, and a
    scan per bundle made the merge slow down as the store grew)."""
    db, plain = two_tables
    plain.execute("INSERT INTO batched SELECT 'k', n, 'v', NULL FROM generate_series(1, 20000) n")
    plain.execute("ANALYZE batched")
    rows = [(n, "k") for n in range(1, COPY_ROWS * 3, 3)]

    def delete() -> tuple[int, int]:
        db.executemany(STATEMENTS["delete"]("batched"), rows)
        # This transaction's own reads of the table, so far.
        found = db.execute(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'batched'"
        ).fetchone()
        return int(found[0]), int(found[1])

    seq_scans, index_scans = db.write(delete)
    assert (seq_scans, index_scans > 0) == (0, True)
    assert plain.execute("SELECT count(*) FROM batched").fetchone() == (20000 - len(rows),)
    # The planner's own settings are back after the batch.
    assert db.execute("SHOW enable_hashjoin").fetchone() == ("on",)


def test_a_staging_table_made_in_a_transaction_that_failed_is_made_again(
    two_tables: tuple[PostgresDb, Any],
) -> None:
    """The first batch's transaction rolls back, and the staging table it made with it:
    the next batch makes it again instead of writing into a table that is gone."""
    db, plain = two_tables
    rows = [("a", i, None, None) for i in range(COPY_ROWS)]
    with pytest.raises(Exception, match="duplicate key"):
        db.write(lambda: db.executemany(STATEMENTS["insert"]("batched"), [*rows, rows[0]]))
    db.write(lambda: db.executemany(STATEMENTS["insert"]("batched"), rows))
    assert plain.execute("SELECT count(*) FROM batched").fetchone() == (COPY_ROWS,)


def test_in_lists_become_one_array_parameter() -> None:
    sql = "SELECT a FROM t WHERE p = ? AND x IN (?, ?, ?) AND y NOT IN (?, ?) AND z IN (?,?)"
    converted, lists = any_lists(sql)
    assert converted == (
        "SELECT a FROM t WHERE p = %s AND x = ANY(%s) AND y NOT IN (%s, %s) AND z = ANY(%s)"
    )
    assert lists == ((1, 3), (6, 2))
    # One value, quotes (whose ? is no parameter): left as they are.
    assert any_lists("SELECT 1 FROM t WHERE x IN (?)") == ("SELECT 1 FROM t WHERE x IN (%s)", ())
    assert any_lists("SELECT '?' FROM t WHERE x IN (?, ?)")[1] == ()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    wanted=st.lists(_row.map(lambda r: r[0]) | st.none(), min_size=2, max_size=40),
    numbers=st.lists(st.integers(min_value=-3, max_value=40), min_size=2, max_size=10),
)
def test_an_in_list_as_an_array_finds_the_rows_the_list_finds(
    two_tables: tuple[PostgresDb, Any], wanted: list[str | None], numbers: list[int]
) -> None:
    db, plain = two_tables
    plain.execute("TRUNCATE batched")
    stored = [(k, n) for k in ("a", "b", "é", "", "tab\there") for n in range(-2, 12)]
    with plain.cursor() as cursor:
        cursor.executemany("INSERT INTO batched (k, n) VALUES (%s, %s)", stored)
    sql = (
        f"SELECT k, n FROM batched WHERE k IN ({', '.join('?' * len(wanted))}) "
        f"AND n IN ({', '.join('?' * len(numbers))}) ORDER BY k, n"
    )
    assert len(any_lists(sql)[1]) == 2
    # In a transaction of its own (a read would keep its snapshot, and its lock, open).
    found = db.write(lambda: db.execute(sql, (*wanted, *numbers)).fetchall())
    assert [tuple(r) for r in found] == sorted(
        (k, n) for k, n in stored if k in wanted and n in numbers
    )
