"""Task search ignores case and accents in every script: "muller" finds "Müller",
"échographie" finds "ÉCHOGRAPHIE"; a workspace of the previous version gains the folded
search text for the tasks it already holds; nothing of it leaves the encrypted file."""

from __future__ import annotations

from pathlib import Path

from docket.core import Response, Role, Task, Turn, default_schema
from docket.store import WorkspaceStore
from docket.store.db import open_encrypted
from docket.store.migrations import CURRENT_VERSION, user_version
from docket.store.review import ReviewStore

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
    db = open_encrypted(path, KEY)  # as the previous Docket left it: no folded text
    db.execute("ALTER TABLE tasks DROP COLUMN search_text")
    db.execute(f"PRAGMA user_version = {CURRENT_VERSION - 1}")
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
