"""The team store on PostgreSQL (tests/postgres.py starts a throwaway server): moving a
team with ``docket db copy`` and back under one content hash, the schema migrated from
the version before the latest on both stores and still answering every verb, readers in
one snapshot while a merge writes, the connection rules (no password in the URL,
``verify-full`` for a remote server), and the SQL both stores run."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.cli import main
from docket.errors import DocketError
from docket.server import merged_store
from docket.server.db_copy import content_hash
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.sql import placeholders, postgres_ddl, upsert
from tests.postgres import StoreTarget
from tests.unit.test_merge_end_to_end import run  # noqa: F401  (fixture)

_WHEN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def _merge_all(target: str | Path, run: dict[str, Any]) -> None:  # noqa: F811
    with MergedStore.open(target, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
        files = [p for ps in run["results"].values() for p in ps]
        report = merge_results(files, server=run["server"], cards=run["cards"], store=store)
        assert report.count("accepted") == len(files)


def _fill_every_table(target: str | Path, run: dict[str, Any]) -> None:  # noqa: F811
    """A row in each table the merge leaves empty (a verdict, a quarantined answer, a
    calibration answer, PII, a source's labels, a task carrying suggestions...), so that the
    copy is checked on every table."""
    rows = {
        "meta": ("key, value", ("note", "kept")),
        "gold": ("project, task_id, answers", ("e2e", "zz", '{"x": 1}')),
        "reference": ("project, task_id, chosen, rejected", ("e2e", "zz", "a", "b")),
        "adjudications": (
            "project, task_id, lead, revision, body, saved_at, bundle",
            ("e2e", "t01", "fp-lead", 2, "{}", "2026-11-01T00:00:00", "h"),
        ),
        "quarantine": (
            "reviewer, project, task_id, revision, body, display_order, saved_at, "
            "time_spent_s, status, bundle, reason, quarantined_at, suggestion",
            ("fp", "e2e", "t02", 1, "{}", "{}", "now", 1.25, "done", "h", "why", "now", None),
        ),
        "calibration": (
            "reviewer, project, task_id, revision, body, display_order, saved_at, "
            "time_spent_s, status, bundle, expected, schema",
            ("fp", "e2e", "c1", 1, "{}", "{}", "now", 0.5, "done", "h", "{}", "{}"),
        ),
        "pii": ("project, task_id, findings, masks", ("e2e", "zz", "[]", '{"[EMAIL_1]": "é"}')),
        "priors": ("project, task_id, body", ("e2e", "zz", '{"winner": "m0"}')),
        "originals": ("project, task_id, body", ("e2e", "zz", '{"m0": {"id": "A"}}')),
        "tasks": (
            "id, project, task, schema",
            (
                "s1",
                "e2e",
                json.dumps(
                    {
                        "responses": [{"id": "r", "model": None, "text": "ü"}],
                        "suggestions": [{"agent": "judge"}],
                    }
                ),
                "{}",
            ),
        ),
    }
    with MergedStore.open(target, run["server"]) as store:

        def write() -> None:
            for table, (columns, values) in rows.items():
                marks = ", ".join("?" * len(values))
                store.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)

        store.db.write(write)
        assert all(t.rows for t in content_hash(store.db).tables)


@pytest.mark.slow
def test_a_team_moves_to_postgresql_and_back_with_the_same_content(
    run: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    postgres_db: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = str(run["tmp"] / "keys" / "server.key")
    source, back, url = tmp_path / "team.db", tmp_path / "back.db", postgres_db("moved")
    _merge_all(source, run)
    _fill_every_table(source, run)
    assert main(["db", "copy", "--from", str(source), "--to", url, "--server-key", key]) == 0
    assert main(["db", "copy", "--from", url, "--to", str(back), "--server-key", key]) == 0
    out = capsys.readouterr().out
    hashes = []
    for target in (source, url, back):
        with MergedStore.open(target, run["server"]) as store:
            hashes.append(content_hash(store.db))
    assert hashes[0] == hashes[1] == hashes[2] and hashes[0].rows > 300
    assert out.count(f"content hash {hashes[0].sha256}") == 2
    # The derived tables were derived again from the tasks and hash the same.
    assert {t.table for t in hashes[0].tables} >= {"responses", "task_forms", "suggested", "forms"}
    # The copy answers like the original.
    with (
        MergedStore.open(url, run["server"]) as team,
        MergedStore.open(source, run["server"]) as own,
    ):
        assert list(team.answers()) == list(own.answers())
        for store in (team, own):
            assert store.db.execute("SELECT task_id FROM suggested").fetchall() == [("s1",)]
        # A form added after the copy gets a new id (the identity follows the copied ids).
        team.db.write(
            lambda: team.db.execute(
                "INSERT INTO tasks (id, project, task, schema) VALUES ('n', 'e2e', '{}', 'new')"
            )
        )
        assert (
            len(set(team.db.execute("SELECT id FROM forms").fetchall()))
            == hashes[0].tables[[t.table for t in hashes[0].tables].index("forms")].rows + 1
        )
    # Into a database that holds anything: refused, and nothing changes there.
    assert main(["db", "copy", "--from", str(source), "--to", url, "--server-key", key]) == 1
    assert "is not empty" in capsys.readouterr().err
    with MergedStore.open(back, run["server"]) as store:
        assert content_hash(store.db) == hashes[0]


@pytest.mark.slow
def test_a_store_at_the_previous_version_is_migrated_and_answers_every_verb(
    run: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    store_target: StoreTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The latest migration, whichever it is, on a store left at the version before it.
    While the portable list is empty (every store is at the PostgreSQL baseline) a
    migration of the same kind stands in for the next one."""
    steps = list(merged_store.PORTABLE)
    if not steps:

        def notes(db: Any) -> None:
            """A table and an index, as a later version could add."""
            db.execute(
                "CREATE TABLE notes (project TEXT NOT NULL, task_id TEXT NOT NULL, "
                "note TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (project, task_id))"
            )
            db.execute("CREATE INDEX answers_saved ON answers (saved_at)")
            db.execute(
                "INSERT INTO notes SELECT project, id, 'archived', 1 FROM tasks WHERE id = ?",
                ("t00",),
            )

        steps = [notes]
    latest = len(merged_store.EMBEDDED) + len(steps)
    target = store_target(tmp_path, "previous")
    monkeypatch.setattr(merged_store, "PORTABLE", steps[:-1])
    with pytest.MonkeyPatch.context() as earlier:
        if steps[-1].__name__ == "_v9":  # the version before wrote no answer facts
            import docket.server.merge as merge_module

            earlier.setattr(merge_module, "write_facts", lambda *args, **kwargs: 0)
        _merge_all(target, run)
    with MergedStore.open(target, run["server"]) as store:
        assert store.db.version() == latest - 1
        before = list(store.answers())
    monkeypatch.setattr(merged_store, "PORTABLE", steps)
    with MergedStore.open(target, run["server"]) as store:
        assert store.db.version() == latest
        assert list(store.answers()) == before
        if steps[-1].__name__ == "notes":
            assert store.db.execute("SELECT task_id, n FROM notes").fetchall() == [("t00", 1)]
    key = str(run["tmp"] / "keys" / "server.key")
    db = ["--db", str(target), "--server-key", key]
    verbs = [
        ["agreement", *db, "--json"],
        ["disagreements", *db, "--json"],
        ["adjudication", "pack", *db, "--lead", str(run["tmp"] / "keys" / "lead.pub"),
         "--out", str(tmp_path / "adj")],
        ["dataset", "export", *db, "--format", "dpo", "--out", str(tmp_path / "dpo.jsonl")],
        ["report", *db, "--out", str(tmp_path / "report.html")],
        ["db", "check", *db],
    ]  # fmt: skip
    for argv in verbs:
        assert main(argv) == 0, (argv, capsys.readouterr())
    assert (tmp_path / "dpo.jsonl").read_text().count("\n") > 0
    assert (tmp_path / "report.html").stat().st_size > 0


@pytest.mark.slow
def test_every_reader_gives_the_same_bytes_from_either_store(
    run: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    postgres_db: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same bundles merged into a file and into PostgreSQL, every write of the merge
    through COPY there (batches of two rows and more): the same rows, and every reading
    verb's output (printed and written) the same bytes from both."""
    from docket.server import sql
    from docket.server.agreement import agreement_from_facts
    from docket.server.schemas import task_schemas

    monkeypatch.setattr(sql, "COPY_ROWS", 2)
    file, url = tmp_path / "merged.db", postgres_db("same")
    for target in (file, url):
        _merge_all(target, run)
    # When each bundle was merged is the one thing that differs: the file's times, both.
    with MergedStore.open(file, run["server"]) as own, MergedStore.open(url, run["server"]) as team:
        times = own.db.execute("SELECT merged_at, hash FROM merged").fetchall()
        team.db.write(
            lambda: team.db.executemany("UPDATE merged SET merged_at = ? WHERE hash = ?", times)
        )
    hashes = []
    facts = []
    for target in (file, url):
        with MergedStore.open(target, run["server"]) as store:
            hashes.append(content_hash(store.db))
            read = store.answer_fact_rows()
            assert read is not None
            rows, who = read
            schemas = task_schemas(store)
            forms = {form: schemas[task] for task, _, form, _, _ in rows}
            found = agreement_from_facts(rows, who, forms, small_sample=0)
            facts.append(([(r[0], who[r[1]], *r[2:]) for r in rows], found))
    assert hashes[0] == hashes[1]
    assert facts[0] == facts[1] and facts[0][1] is not None and facts[0][1].questions
    key = str(run["tmp"] / "keys" / "server.key")
    outputs = []
    for store_name, target in (("file", file), ("pg", url)):
        out = tmp_path / store_name
        out.mkdir()
        db = ["--db", str(target), "--server-key", key]
        printed = []
        for argv in (
            ["agreement", *db, "--json"],
            ["disagreements", *db, "--json"],
            ["dataset", "export", *db, "--format", "dpo", "--out", str(out / "dpo.jsonl")],
            ["dataset", "export", *db, "--format", "judgments", "--out", str(out / "all.jsonl")],
            ["report", *db, "--out", str(out / "report.html")],
        ):
            assert main(argv) == 0, (argv, capsys.readouterr())
            printed.append(capsys.readouterr().out)
        written = {p.name: p.read_text() for p in sorted(out.iterdir())}
        # Where the files went and when each command ran are all that differ.
        outputs.append(
            [
                _WHEN.sub("<time>", text.replace(str(out), "<out>"))
                for text in [*printed, *written.values()]
            ]
        )
        names = list(written)
    assert names == ["README.md", "all.jsonl", "dpo.jsonl", "report.html"]
    for file_text, team_text in zip(*outputs, strict=True):
        assert file_text == team_text


def test_a_reader_sees_one_snapshot_while_a_merge_writes(
    run: dict[str, Any],  # noqa: F811
    postgres_db: Any,
) -> None:
    url = postgres_db("snapshot")
    with MergedStore.open(url, run["server"]) as store:
        import_task_archive(store, run["server"], run["archive"])
    with MergedStore.open(url, run["server"]) as reader:
        assert reader.counts()["answers"] == 0
        with MergedStore.open(url, run["server"]) as writer:
            files = [p for ps in run["results"].values() for p in ps]
            merge_results(files, server=run["server"], cards=run["cards"], store=writer)
            merged = writer.counts()["answers"]
        assert merged > 0
        assert reader.counts()["answers"] == 0 and list(reader.answers()) == []
        reader.db.write(lambda: None)  # a write ends the reader's snapshot
        assert reader.counts()["answers"] == merged


def test_a_team_store_opens_only_under_the_server_key_that_made_it(postgres_db: Any) -> None:
    from docket.bundles import keys
    from docket.errors import WrongKeyError

    url, server = postgres_db("owner"), keys.generate("server")
    with MergedStore.open(url, server) as store:
        assert store.db.version() == len(merged_store.EMBEDDED) + len(merged_store.PORTABLE)
    with pytest.raises(WrongKeyError, match="another server key"):
        MergedStore.open(url, keys.generate("server"))
    with MergedStore.open(url, server) as store:  # and again under its own
        assert store.counts()["answers"] == 0


def test_a_write_a_concurrent_one_made_fail_is_rolled_back_and_run_again(
    postgres_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.bundles import keys
    from docket.errors import WorkspaceError
    from docket.server import sql

    fail = "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$"
    with MergedStore.open(postgres_db("retry"), keys.generate("server")) as store:
        attempts: list[int] = []

        def work() -> int:
            attempts.append(1)
            store.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)", ("k", str(len(attempts)))
            )
            if len(attempts) < 3:
                store.db.execute(fail)  # as PostgreSQL says when a concurrent write won
            return len(attempts)

        assert store.db.write(work, lock="reviewer/x") == 3
        # The failed attempts left nothing: only the third one's row.
        assert store.db.execute("SELECT value FROM meta WHERE key = 'k'").fetchall() == [("3",)]
        monkeypatch.setattr(sql, "RETRIES", 2)
        with pytest.raises(WorkspaceError, match="stayed busy"):
            store.db.write(lambda: store.db.execute(fail))
        assert store.counts()["answers"] == 0  # and the connection is usable after


def test_an_answer_that_fits_no_task_is_quarantined_on_either_store(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    from docket.bundles import keys
    from docket.server.db_check import find_problems, quarantine

    with MergedStore.open(store_target(tmp_path, "check"), keys.generate("server")) as store:
        row = ("fp", "p", "gone", 2, '{"x": 1}', "{}", "now", 1.5, "done", "h", 1, None)
        store.db.write(
            lambda: store.db.execute(
                "INSERT INTO answers (reviewer, project, task_id, revision, body, display_order, "
                "saved_at, time_spent_s, status, bundle, checked, suggestion) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        )
        problems = find_problems(store)
        assert [(p.task_id, p.reason) for p in problems] == [
            ("gone", "the task is not in the merged task archive")
        ]
        assert quarantine(store, problems) == 1
        assert store.counts()["answers"] == 0 and store.counts()["quarantined"] == 1
        kept = store.db.execute("SELECT task_id, revision, body, reason FROM quarantine").fetchall()
        assert kept == [("gone", 2, '{"x": 1}', "the task is not in the merged task archive")]


# --- connecting ----------------------------------------------------------------------------


def test_a_password_in_the_url_is_refused_with_what_to_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed (the `postgres` extra)")
    from docket.server.sql import connection_settings

    with pytest.raises(DocketError, match="password") as caught:
        connection_settings("postgresql://lead:s3cret@db.example.org/team")
    assert "PGPASSWORD" in caught.value.hint and "PGPASSFILE" in caught.value.hint
    assert "s3cret" not in str(caught.value) + caught.value.hint
    argv = ["agreement", "--db", "postgresql://lead:s3cret@db.example.org/team",
            "--server-key", "server.key"]  # fmt: skip
    assert main(argv) != 0
    assert "s3cret" not in capsys.readouterr().err


def test_a_remote_server_is_verified_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed (the `postgres` extra)")
    from docket.server.sql import connection_settings

    monkeypatch.delenv("PGSSLMODE", raising=False)
    monkeypatch.delenv("PGHOST", raising=False)
    assert connection_settings("postgresql://lead@db.example.org/team")["sslmode"] == "verify-full"
    assert connection_settings("postgresql://lead@db.example.org,localhost/t")["sslmode"] == (
        "verify-full"
    )
    for local in ("postgresql:///team", "postgresql://lead@localhost/team",
                  "postgresql://lead@/team?host=%2Fvar%2Frun%2Fpostgresql"):  # fmt: skip
        assert "sslmode" not in connection_settings(local)
    given_mode = "postgresql://lead@db.example.org/team?sslmode=require"
    assert connection_settings(given_mode)["sslmode"] == "require"
    monkeypatch.setenv("PGSSLMODE", "verify-ca")
    assert "sslmode" not in connection_settings("postgresql://lead@db.example.org/team")


# --- the SQL both stores run -------------------------------------------------------------------

_plain = st.text(alphabet=st.characters(blacklist_characters="'\"?%", codec="utf-8"), max_size=8)
_quoted = st.text(alphabet=st.characters(blacklist_characters="'\"", codec="utf-8"), max_size=8)


@given(st.lists(st.one_of(
    _plain.map(lambda t: (t, t)),
    st.just(("?", "%s")),
    st.just(("%", "%%")),
    _quoted.map(lambda t: (f"'{t}'", "'" + t.replace("%", "%%") + "'")),
    _quoted.map(lambda t: (f'"{t}"', '"' + t.replace("%", "%%") + '"')),
), max_size=12))  # fmt: skip
def test_placeholders_become_psycopgs_outside_quotes_only(parts: list[tuple[str, str]]) -> None:
    sql = "".join(p[0] for p in parts)
    assert placeholders(sql) == "".join(p[1] for p in parts)


def test_upserts_and_ddl_as_each_store_takes_them() -> None:
    assert upsert("gold", ("project", "task_id", "answers"), ("project", "task_id")) == (
        "INSERT INTO gold (project, task_id, answers) VALUES (?, ?, ?) "
        "ON CONFLICT (project, task_id) DO UPDATE SET answers = excluded.answers"
    )
    assert upsert("audit", ("chain", "seq", "hash"), ("chain", "seq"), update=False).endswith(
        "ON CONFLICT (chain, seq) DO NOTHING"
    )
    assert postgres_ddl("CREATE TABLE x (id INTEGER PRIMARY KEY, n INTEGER, t TEXT, f FLOAT)") == (
        "CREATE TABLE x (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT, "
        't TEXT COLLATE "C", f DOUBLE PRECISION)'
    )
    assert (
        postgres_ddl("ALTER TABLE a ADD COLUMN s TEXT")
        == 'ALTER TABLE a ADD COLUMN s TEXT COLLATE "C"'
    )
    assert postgres_ddl("SELECT 'TEXT' FROM t") == "SELECT 'TEXT' FROM t"


def test_a_sealed_section_is_compared_again_only_when_its_rows_changed(
    postgres_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge compares a result's sealed rows (gold, references, priors, originals) with
    the stored ones once, then again only after another connection has changed them (the
    project's version in ``meta``), and then puts its own back, as a merge that compared
    them every time would."""
    from docket.bundles import keys
    from docket.server import merge

    server = keys.generate("server")
    url = postgres_db("sealed")
    mine = merge._Sealed("digest", {"originals": {"t1": {"a": "x"}, "t2": {"b": "y"}}})
    theirs = merge._sealed_rows({"originals": {"t1": {"a": "changed"}}})
    compared: list[int] = []
    original = merge._sealed_changes
    monkeypatch.setattr(merge, "_sealed_changes", lambda *a: compared.append(1) or original(*a))
    with MergedStore.open(url, server) as one, MergedStore.open(url, server) as two:
        seen = merge._Seen()

        def merged() -> tuple[int, list[tuple[str, str]]]:
            compared.clear()
            seen.begin()
            one.db.write(lambda: seen.store_sealed(one.db, mine.rows, "p"))
            seen.committed()
            rows = two.db.write(
                lambda: two.db.execute("SELECT task_id, body FROM originals ORDER BY 1").fetchall()
            )
            return len(compared), [tuple(r) for r in rows]

        stored = [("t1", '{"a":"x"}'), ("t2", '{"b":"y"}')]
        assert merged() == (2, stored)  # compared, written, compared again under the lock
        assert merged() == (0, stored)  # nothing changed since: not compared
        two.db.write(lambda: merge._store_sealed_rows(two.db, theirs, "p"))
        assert merged() == (2, stored)  # changed by another: compared, and put back
        assert merged() == (0, stored)
        assert one.db.write(lambda: merge.sealed_version(one.db, "p")) == 3
        # The version is the store's own: no copy or content hash carries it.
        assert all(t.table != "meta" or t.rows == 0 for t in content_hash(one.db).tables)
