"""Task search ignores case and accents in every script: "muller" finds "Müller",
"échographie" finds "ÉCHOGRAPHIE"; a workspace of the previous version gains the folded
search text for the tasks it already holds; nothing of it leaves the encrypted file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core import Response, Role, Task, Turn, default_schema
from docket.core.text_fold import SEPARATOR, fold
from docket.store import WorkspaceStore, migrations
from docket.store import review as review_module
from docket.store.db import open_encrypted
from docket.store.migrations import CURRENT_VERSION, MIGRATIONS, user_version
from docket.store.review import INDEX_SEPARATOR, ReviewStore

KEY = bytes(range(32))

TASKS = [
    Task(
        "de",
        (Turn(Role.USER, "Fasse den Befund von Herrn Müller zusammen."),),
        (Response("a", "Herr Müller hat Fieber."), Response("b", "Keine Angaben.")),
    ),
    Task(
        "fr",
        (Turn(Role.USER, "Interprétez ce compte rendu."),),
        (
            Response("a", "RÉSULTAT DE L'ÉCHOGRAPHIE : foie normal."),
            Response("b", "Examen sans particularité."),
        ),
    ),
    Task(
        "ar",
        (Turn(Role.USER, "ما هو التشخيص؟"),),
        (Response("a", "كَتَبَ الطبيبُ التقريرَ"), Response("b", "لا أعرف")),
    ),
    Task(
        "ja",
        (Turn(Role.USER, "患者さんの血圧は？"),),
        (Response("a", "血圧はガイドラインの範囲内です。"), Response("b", "わかりません。")),
    ),
]


def _store(path: Path) -> WorkspaceStore:
    store = WorkspaceStore.open(path, KEY)
    store.add_tasks("b1", [(t, default_schema(len(t.responses))) for t in TASKS], source="t")
    return store


def test_search_ignores_case_and_accents(tmp_path: Path) -> None:
    store = _store(tmp_path / "w.db")
    review = ReviewStore(store)
    assert review.search("muller") == {"de"}
    assert review.search("MÜLLER") == {"de"}
    assert review.search("échographie") == {"fr"}
    assert review.search("interpretez") == {"fr"}
    assert review.search("كتب الطبيب") == {"ar"}  # without the harakat
    assert review.search("ｶﾞｲﾄﾞﾗｲﾝ") == {"ja"}  # half-width katakana
    assert review.search("カイドライン") == set()  # voicing is not an accent
    assert review.search("Müller\x00hat") == set()
    store.close()


def test_a_workspace_of_the_previous_version_gains_the_search_text(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    _store(path).close()
    db = open_encrypted(path, KEY)  # as a Docket before search existed left it
    db.execute("DROP INDEX tasks_to_index")
    db.execute("DROP TABLE task_search")
    db.execute("ALTER TABLE tasks DROP COLUMN search_text")
    db.execute(f"PRAGMA user_version = {MIGRATIONS.index(migrations._v11_search_text)}")
    db.conn.commit()
    db.close()
    store = WorkspaceStore.open(path, KEY)
    assert user_version(store._db) == CURRENT_VERSION
    assert ReviewStore(store).search("muller") == {"de"}
    assert [t.id for t in store.tasks()] == ["de", "fr", "ar", "ja"]
    store.close()


def test_the_folded_text_is_not_readable_outside_the_database(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    _store(path).close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for needle in ("herr muller hat fieber", "resultat de l'echographie", "Müller"):
        assert needle.encode() not in raw


# --- the trigram index answers as a scan would ---------------------------------------

ALPHABET = "aAäÄeéE ßs\"'*-:()xyzß\u0301ｶﾞ"
texts = st.text(alphabet=ALPHABET, max_size=24)


def _brute_force(tasks: list[Task], query: str) -> set[str]:
    """What a search finds, by definition: the folded query in any folded text."""
    needle = fold(query.strip()).replace(SEPARATOR, "").replace(INDEX_SEPARATOR, "")
    if not needle:
        return set()
    found = set()
    for task in tasks:
        parts = [turn.content for turn in task.conversation] + [r.text for r in task.responses]
        if any(needle in fold(part) for part in parts):
            found.add(task.id)
    return found


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(texts, texts, texts), min_size=1, max_size=6),
    st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=6), min_size=1, max_size=4),
)
def test_the_index_finds_exactly_what_a_scan_finds(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, str]],
    queries: list[str],
) -> None:
    tasks = [
        Task(f"t{i}", (Turn(Role.USER, p),), (Response("a", a), Response("b", b)))
        for i, (p, a, b) in enumerate(rows)
    ]
    store = WorkspaceStore.open(tmp_path_factory.mktemp("w") / "w.db", KEY)
    store.add_tasks("b1", [(t, default_schema(2)) for t in tasks], source="t")
    review = ReviewStore(store)
    # Queries of one to six characters, and runs of the texts themselves (which span
    # the end of one text and the start of the next only when folded alike).
    samples = [*queries, *(p[1:5] for p, _, _ in rows)]
    for _, a, b in rows:  # runs across two texts: three characters are answered by the index
        samples += [a[-4:] + b[:2], a[-2:] + b[:1], a[-1:] + " " + b[:1], a[-1:] + b[:2]]
    for query in samples:
        assert review.search(query) == _brute_force(tasks, query), query
    store.close()


def test_tasks_imported_after_a_search_are_indexed_and_found(tmp_path: Path) -> None:
    store = _store(tmp_path / "w.db")
    review = ReviewStore(store)
    assert review.search("fieber") == {"de"}
    assert review.search_pending() == 0
    more = Task(
        "en",
        (Turn(Role.USER, "Mr Müller has a fever."),),
        (Response("a", "Fieber!"), Response("b", "None.")),
    )
    store.add_tasks("b2", [(more, default_schema(2))], source="t")
    assert review.search_pending() == 1
    assert review.index_search(limit=10) == 0  # all indexed: none waits
    assert review.search("fieber") == {"de", "en"}
    store.close()


def test_tasks_waiting_to_be_indexed_are_found_without_indexing_them_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More tasks wait than one batch: a search answers from the index and looks through
    # the rest as they are, writing nothing (the window indexes them while idle).
    monkeypatch.setattr(review_module, "INDEX_BATCH", 1)
    store = _store(tmp_path / "w.db")
    review = ReviewStore(store)
    assert review.index_search(limit=1) == 3  # "de" indexed, three wait
    assert review.search("muller") == {"de"}
    assert review.search("echographie") == {"fr"}  # not indexed yet
    assert review.search("ガイドライン") == {"ja"}
    assert review.search("血圧") == {"ja"}  # two characters: the folded texts, and the rest
    assert review.search_pending() == 3
    keys = {task_id: key for key, task_id in zip(*_keys(review), strict=True)}
    assert review.search_keys("ECHOGRAPHIE") == {keys["fr"]}
    assert review.index_search() == 0
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    assert review.search("echographie") == {"fr"}
    assert review.search_keys("muller") == {keys["de"]}
    store.close()


def _keys(review: ReviewStore) -> tuple[list[int], list[str]]:
    rows = review.task_list()
    return list(rows.keys), rows.ids


def test_the_task_list_reads_its_columns_and_the_previews_it_shows(tmp_path: Path) -> None:
    store = _store(tmp_path / "w.db")
    review = ReviewStore(store)
    rows = review.task_list()
    assert rows.ids == ["de", "fr", "ar", "ja"] and list(rows.positions) == [0, 1, 2, 3]
    assert len(rows) == 4 and {s.value for s in rows.statuses} == {"new"}
    previews = review.task_previews([1, 3])
    assert previews == {
        rows.keys[1]: "Interprétez ce compte rendu.",
        rows.keys[3]: "患者さんの血圧は？",
    }
    assert [review.task_row(i).preview for i in rows.ids] == [r.preview for r in review.task_rows()]
    # One query over the task list's own index: no task's text is read.
    plan = " ".join(
        str(row[-1])
        for row in store._db.execute(
            "EXPLAIN QUERY PLAN SELECT rowid, id, position, status, time_spent_s FROM tasks "
            "INDEXED BY tasks_list ORDER BY position"
        ).fetchall()
    )
    assert "COVERING INDEX tasks_list" in plan
    plan = str(
        store._db.execute(
            "EXPLAIN QUERY PLAN SELECT rowid, substr(prompt, 1, 160) FROM tasks "
            "INDEXED BY tasks_previews WHERE position IN (1, 3)"
        ).fetchall()
    )
    assert "COVERING INDEX tasks_previews" in plan
    # The window counts the tasks whose formulas wait as it opens: an index, not the texts.
    plan = str(
        store._db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM tasks WHERE formulas_done = 0"
        ).fetchall()
    )
    assert "COVERING INDEX tasks_formulas_waiting" in plan
    store.close()


def test_a_workspace_indexed_without_positions_gains_them_from_its_folded_texts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.db"
    store = _store(path)
    assert ReviewStore(store).index_search() == 0
    store.close()
    db = open_encrypted(path, KEY)  # as workspace version 12 left it: indexed, no positions
    db.execute("DROP INDEX tasks_list")
    db.execute("DROP TABLE task_search")
    db.execute(
        "CREATE VIRTUAL TABLE task_search USING fts5(text, tokenize = 'trigram "
        "case_sensitive 1', detail = none, content = '', contentless_delete = 1)"
    )
    db.execute(
        "INSERT INTO task_search (rowid, text) SELECT rowid, "
        "replace(search_text, char(0), char(65535)) FROM tasks"
    )
    db.execute(f"PRAGMA user_version = {MIGRATIONS.index(migrations._v12_search_index) + 1}")
    db.conn.commit()
    db.close()
    store = WorkspaceStore.open(path, KEY)
    review = ReviewStore(store)
    assert user_version(store._db) == CURRENT_VERSION
    assert review.search_pending() == 0  # nothing folded again
    sql = store._db.execute("SELECT sql FROM sqlite_master WHERE name = 'task_search'")
    assert "detail = full" in sql.fetchone()[0]
    assert review.search("muller") == {"de"} and review.search("resultat de l") == {"fr"}
    assert review.search("ler hat") == {"de"} and review.search("muller hat fieber!") == set()
    store.close()
