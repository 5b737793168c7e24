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
