"""The encrypted workspace store: round trips, migrations, audit chain, keys, plaintext."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from docket.core import Response, Role, Task, TaskStatus, Turn, default_schema
from docket.errors import (
    AnswerValidationError,
    AuditChainError,
    BundleError,
    DiskFullError,
    NewerWorkspaceError,
    ReadOnlyWorkspaceError,
    UnknownTaskError,
    WorkspaceBusyError,
    WorkspaceCorruptError,
    WorkspaceError,
    WrongKeyError,
)
from docket.store import WorkspaceStore
from docket.store.db import open_encrypted, translate
from docket.store.migrations import CURRENT_VERSION, user_version
from tests.helpers import MARKER, sample_tasks

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


@pytest.fixture
def store(tmp_path: Path) -> WorkspaceStore:
    s = WorkspaceStore.open(tmp_path / "w.db", KEY)
    s.add_tasks(
        "b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="test"
    )
    return s


def test_migrates_an_empty_file_to_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    path.touch()  # an empty file is a valid, empty SQLite database
    store = WorkspaceStore.open(path, KEY)
    assert user_version(store._db) == CURRENT_VERSION
    assert set(store._db.table_names()) >= {
        "meta",
        "bundles",
        "schemas",
        "tasks",
        "responses",
        "answers",
        "audit",
    }
    store.close()
    # Re-opening runs no migration and keeps the data.
    again = WorkspaceStore.open(path, KEY)
    assert user_version(again._db) == CURRENT_VERSION
    assert again.integrity_check() == "ok"
    again.close()


def test_durability_and_privacy_pragmas(store: WorkspaceStore) -> None:
    pragma = lambda name: store._db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL: a committed answer survives power loss
    assert pragma("temp_store") == 2  # MEMORY: no unencrypted temp files
    assert pragma("foreign_keys") == 1
    assert pragma("cipher_version")


def test_refuses_a_workspace_from_a_newer_docket(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    WorkspaceStore.open(path, KEY).close()
    db = open_encrypted(path, KEY)
    db.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    db.close()
    with pytest.raises(NewerWorkspaceError, match="newer Docket"):
        WorkspaceStore.open(path, KEY)


def test_round_trip_of_tasks_and_conversations(store: WorkspaceStore) -> None:
    tasks = list(store.tasks())
    assert [t.id for t in tasks] == ["pair", "three", "chat"]
    assert tasks == sample_tasks()
    chat = store.task("chat")
    assert chat.conversation[0] == Turn(Role.SYSTEM, "Be brief.")
    assert chat.prompt == "What is 2+2?"
    assert store.task("pair").responses[1] == Response("r2", "It logs writes.", "m2")
    assert store.schema("three") == default_schema(3)
    assert store.schema("pair") == default_schema(2)


def test_record_round_trip_revisions_and_status(store: WorkspaceStore) -> None:
    assert store.answer("pair") is None
    first = store.record(
        "alice", "pair", {"preference": {"better": "r1", "strength": "slight"}}, time_spent_s=12.5
    )
    assert first.revision == 1
    assert set(first.display_order.order) == {"r1", "r2"}
    second = store.record(
        "alice",
        "pair",
        {
            "preference": {"better": "r2", "strength": "strong"},
            "rationale": "r1 is wrong about fsync.",
        },
        time_spent_s=3,
    )
    assert second.revision == 2
    latest = store.answer("pair")
    assert latest is not None
    assert latest.revision == 2
    assert latest.answers["preference"] == {"better": "r2", "strength": "strong"}
    assert latest.display_order == first.display_order
    assert store.task("pair").status is TaskStatus.DONE
    flagged = store.record(
        "alice",
        "three",
        {
            "ranking": [["x"], ["y", "z"]],
            "flags": {"y": ["unsafe"]},
            "rationale": "y suggests unsafe steps.",
        },
    )
    assert flagged.revision == 1
    assert store.task("three").status is TaskStatus.FLAGGED
    assert store.task("chat").status is TaskStatus.NEW


def test_invalid_answer_saves_nothing(store: WorkspaceStore) -> None:
    before = store.audit_entries()
    with pytest.raises(AnswerValidationError, match="rationale"):
        store.record("alice", "pair", {"preference": {"better": "r1", "strength": "strong"}})
    assert store.answer("pair") is None
    assert store.audit_entries() == before
    assert store.task("pair").status is TaskStatus.NEW


def test_unknown_task(store: WorkspaceStore) -> None:
    for call in (store.task, store.schema, store.answer, store.guidelines):
        with pytest.raises(UnknownTaskError, match="no task 'nope'"):
            call("nope")
    with pytest.raises(UnknownTaskError):
        store.record("alice", "nope", {})


def test_import_is_atomic(store: WorkspaceStore) -> None:
    """A failure in the middle of an import leaves nothing of it behind."""
    good = Task("fresh", (Turn(Role.USER, "q"),), (Response("a", "1"), Response("b", "2")))
    twin = Task("twin", (Turn(Role.USER, "q"),), (Response("a", "1"), Response("b", "2")))
    before = (store.task_count(), len(store.audit_entries()), len(store.active_bundles()))
    # The second "twin" fails the primary key after the bundle row and "fresh" were written.
    with pytest.raises(WorkspaceError, match=r"UNIQUE constraint failed: tasks\.id"):
        store.add_tasks(
            "b2",
            [(good, default_schema(2)), (twin, default_schema(2)), (twin, default_schema(2))],
            source="t",
        )
    assert (store.task_count(), len(store.audit_entries()), len(store.active_bundles())) == before
    with pytest.raises(UnknownTaskError):
        store.task("fresh")


def test_a_task_id_of_another_bundle_is_refused_before_writing(store: WorkspaceStore) -> None:
    clash = sample_tasks()[0]
    with pytest.raises(BundleError, match="'pair' already belongs to another bundle"):
        store.add_tasks("b2", [(clash, default_schema(2))], source="t")
    assert [b.id for b in store.active_bundles()] == ["b1"]


def test_audit_chain_verifies_and_detects_an_edited_entry(store: WorkspaceStore) -> None:
    store.record("alice", "pair", {"preference": {"better": None}})
    store.record("alice", "pair", {"preference": {"better": "r1", "strength": "slight"}})
    assert store.verify_audit() == 3  # import + two records
    actions = [(e.action, e.subject) for e in store.audit_entries()]
    assert actions == [("import", "b1"), ("record", "pair"), ("record", "pair")]
    assert json.loads(store.audit_entries()[2].detail)["revision"] == 2

    # The log is append-only inside Docket ...
    with pytest.raises(Exception, match="append-only"):
        store._db.execute("UPDATE audit SET detail = '{}' WHERE seq = 2")
    # ... and anyone who bypasses that (they hold the key and drop the trigger) is caught.
    store._db.execute("DROP TRIGGER audit_no_update")
    store._db.execute("""UPDATE audit SET detail = '{"revision":7}' WHERE seq = 2""")
    with pytest.raises(AuditChainError, match="entry 2 was altered"):
        store.verify_audit()


def test_audit_chain_detects_a_deleted_entry(store: WorkspaceStore) -> None:
    store.record("alice", "pair", {"preference": {"better": None}})
    store.record("alice", "chat", {"preference": {"better": None}})
    store._db.execute("DROP TRIGGER audit_no_delete")
    store._db.execute("DELETE FROM audit WHERE seq = 2")
    with pytest.raises(AuditChainError, match="entry 2 is missing"):
        store.verify_audit()


def test_answer_revisions_are_append_only(store: WorkspaceStore) -> None:
    store.record("alice", "pair", {"preference": {"better": None}})
    with pytest.raises(Exception, match="append-only"):
        store._db.execute("UPDATE answers SET body = '{}'")
    with pytest.raises(Exception, match="append-only"):
        store._db.execute("DELETE FROM answers")


def test_wrong_key_gives_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    WorkspaceStore.open(path, KEY).close()
    with pytest.raises(WrongKeyError) as info:
        WorkspaceStore.open(path, OTHER_KEY)
    assert "wrong key or not a Docket workspace" in str(info.value)
    assert "Open it with the key it was created with" in str(info.value)


def test_a_plain_sqlite_file_or_junk_is_not_a_workspace(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    for path in (plain, junk):
        with pytest.raises(WrongKeyError):
            WorkspaceStore.open(path, KEY)


def test_read_only_workspace_gives_a_typed_error_and_keeps_answers(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = WorkspaceStore.open(path, KEY)
    store.add_tasks(
        "b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="test"
    )
    store.record("alice", "pair", {"preference": {"better": None}})
    store.close()
    if os.geteuid() == 0:
        # root ignores file modes; SQLite's query_only gives the same SQLITE_READONLY.
        ro = WorkspaceStore.open(path, KEY)
        ro._db.execute("PRAGMA query_only = ON")
    else:
        os.chmod(path, 0o400)
        os.chmod(tmp_path, 0o500)
        ro = WorkspaceStore.open(path, KEY)
    try:
        with pytest.raises(
            ReadOnlyWorkspaceError, match="read-only; the last change was not saved"
        ):
            ro.record("alice", "chat", {"preference": {"better": None}})
        answer = ro.answer("pair")
        assert answer is not None and answer.revision == 1
        assert ro.answer("chat") is None
    finally:
        os.chmod(tmp_path, 0o700)
        os.chmod(path, 0o600)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (13, DiskFullError),  # SQLITE_FULL
        (8, ReadOnlyWorkspaceError),  # SQLITE_READONLY
        (5, WorkspaceBusyError),  # SQLITE_BUSY
        (26, WrongKeyError),  # SQLITE_NOTADB
        (11, WorkspaceCorruptError),  # SQLITE_CORRUPT
        (10 | (3 << 8), WorkspaceError),  # SQLITE_IOERR_WRITE (extended code)
    ],
)
def test_sqlcipher_errors_map_to_typed_errors(code: int, error: type[Exception]) -> None:
    exc = dbapi2.OperationalError("boom")
    exc.sqlite_errorcode = code
    mapped = translate(exc, "w.db")
    assert type(mapped) is error
    assert "w.db" in str(mapped)
    assert translate(ValueError("x"), "w.db").__class__ is ValueError


def _forms(marker: str) -> list[bytes]:
    raw = marker.encode()
    return [raw, marker.encode("utf-16-le"), marker.encode("utf-16-be"), base64.b64encode(raw)[:-4]]


def _assert_no_plaintext(directory: Path, markers: list[str]) -> list[str]:
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    for path in files:
        data = path.read_bytes()
        for marker in markers:
            for form in _forms(marker):
                assert form not in data, f"{marker!r} readable in {path.name}"
    return [p.name for p in files]


def test_no_plaintext_in_database_wal_or_shm(tmp_path: Path) -> None:
    directory = tmp_path / "ws"
    directory.mkdir()
    store = WorkspaceStore.open(directory / "w.db", KEY)
    store.add_tasks(
        "b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="test"
    )
    rationale = f"The first one is wrong {MARKER}-rationale"
    store.record(
        "alice",
        "pair",
        {"preference": {"better": "r2", "strength": "strong"}, "rationale": rationale},
    )
    markers = [f"{MARKER}-prompt", f"{MARKER}-response", f"{MARKER}-rationale", "Explain WAL mode"]
    # While open: the WAL holds the latest pages.
    names = _assert_no_plaintext(directory, markers)
    assert "w.db-wal" in names and "w.db-shm" in names
    assert (directory / "w.db-wal").stat().st_size > 0
    store.close()
    _assert_no_plaintext(directory, markers)
    # The check would see plaintext if there were any: a plain SQLite copy shows it.
    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE TABLE t (x)")
    plain.execute("INSERT INTO t VALUES (?)", (rationale,))
    plain.commit()
    plain.close()
    with pytest.raises(AssertionError, match="readable"):
        _assert_no_plaintext(tmp_path, [f"{MARKER}-rationale"])


def test_a_workspace_of_the_previous_version_gains_documents_and_keeps_its_tasks(
    tmp_path: Path,
) -> None:
    from docket.core.documents import Document
    from docket.store.migrations import MIGRATIONS, migrate

    path = tmp_path / "w.db"
    db = open_encrypted(path, KEY)
    migrate(db, migrations=MIGRATIONS[:-1])  # the workspace as the previous Docket left it
    db.close()
    old = WorkspaceStore.open(path, KEY)
    assert user_version(old._db) == CURRENT_VERSION
    old.add_tasks("b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="t")
    assert [t.documents for t in old.tasks()] == [(), (), ()]
    grounded = Task(
        "grounded",
        (Turn(Role.USER, "What did the court hold?"),),
        (Response("a", "It held the clause void [1]."), Response("b", "No holding.")),
        documents=(Document("1", "The clause is void.", "Smith v. Jones", "2019 WL 1"),),
    )
    old.add_tasks("b2", [(grounded, default_schema(2, documents=True))], source="t")
    old.close()
    again = WorkspaceStore.open(path, KEY)
    assert again.task("grounded") == grounded
    assert again.task("grounded").documents[0].source == "2019 WL 1"
    again.close()


def test_a_new_workspace_has_large_pages_and_one_made_with_small_pages_opens_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.store import workspace_store

    def page_size(s: WorkspaceStore) -> int:
        return int(s._db.execute("PRAGMA page_size").fetchone()[0])

    new = WorkspaceStore.open(tmp_path / "new.db", KEY)
    assert page_size(new) == workspace_store.PAGE_SIZE == 16384
    new.close()
    # A workspace written with SQLCipher's 4 KiB pages (every workspace before the
    # larger pages) keeps them: its tasks read back, and it takes new ones.
    monkeypatch.setattr(workspace_store, "PAGE_SIZE", 4096)
    old = WorkspaceStore.open(tmp_path / "old.db", KEY)
    old.add_tasks("b1", [(t, default_schema(len(t.responses))) for t in sample_tasks()], source="t")
    old.close()
    monkeypatch.undo()
    for _ in range(2):
        again = WorkspaceStore.open(tmp_path / "old.db", KEY)
        assert page_size(again) == 4096
        assert [t.id for t in again.tasks()] == [t.id for t in sample_tasks()]
        assert again.integrity_check() == "ok"
        again.close()
    again = WorkspaceStore.open(tmp_path / "old.db", KEY)
    again.add_tasks(
        "b2", [(t, default_schema(2)) for t in [Task("more", (Turn(Role.USER, "q"),),
        (Response("a", "x"), Response("b", "y")))]], source="t",
    )  # fmt: skip
    assert len(list(again.tasks())) == len(sample_tasks()) + 1
    again.close()
    # A wrong key is still a wrong key, whatever the page size.
    for name in ("new.db", "old.db"):
        with pytest.raises(WrongKeyError):
            WorkspaceStore.open(tmp_path / name, OTHER_KEY)


def test_the_page_size_is_one_docket_knows(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="page size"):
        open_encrypted(tmp_path / "x.db", KEY, page_size=2048)
