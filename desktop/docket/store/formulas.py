"""Typeset formulas kept in the encrypted workspace, and which tasks have theirs.

Typesetting takes milliseconds per formula, too long for the moment a task is shown; it
happens once, ahead of the reviewer, and the SVG is kept here (encrypted like every other
byte of the workspace: a formula is task text). A task's ``formulas_done`` mark is reset
when its content changes, so a re-imported task is looked at again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import sqlite_utils

from docket.store.db import translated_errors, write_transaction
from docket.store.workspace_store import WorkspaceStore

_LOOKUP_CHUNK = 500


class FormulaStore:
    """The formula cache of an open :class:`WorkspaceStore`."""

    def __init__(self, store: WorkspaceStore) -> None:
        self._store = store
        self.path = store.path

    @property
    def _db(self) -> sqlite_utils.Database:
        # Read each time: locking closes the store's connection and unlocking opens anew.
        return self._store._db

    def get(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached bodies of those keys that are cached."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, str] = {}
        with translated_errors(self.path):
            for i in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[i : i + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                out.update(
                    self._db.execute(
                        f"SELECT key, body FROM formulas WHERE key IN ({marks})", chunk
                    ).fetchall()
                )
        return out

    def known(self) -> set[str]:
        with translated_errors(self.path):
            return {k for (k,) in self._db.execute("SELECT key FROM formulas")}

    def tasks_to_do(self, limit: int) -> list[tuple[str, list[str], str]]:
        """Up to ``limit`` tasks whose formulas are not yet typeset, in task order: each
        task id, the texts it shows (conversation, responses, documents) and the
        guidelines of its bundle."""
        with translated_errors(self.path):
            rows = self._db.execute(
                "SELECT t.id, t.conversation, t.documents, b.guidelines FROM tasks t "
                "JOIN bundles b ON b.id = t.bundle_id WHERE t.formulas_done = 0 "
                "ORDER BY t.position LIMIT ?",
                (limit,),
            ).fetchall()
            out: list[tuple[str, list[str], str]] = []
            for task_id, conversation, documents, guidelines in rows:
                texts = [content for _, content in json.loads(conversation)]
                texts += [
                    text
                    for (text,) in self._db.execute(
                        "SELECT text FROM responses WHERE task_id = ? ORDER BY position",
                        (task_id,),
                    )
                ]
                texts += [d["text"] for d in json.loads(documents)]
                out.append((task_id, texts, guidelines))
        return out

    def remaining(self) -> int:
        with translated_errors(self.path):
            return int(
                self._db.execute("SELECT count(*) FROM tasks WHERE formulas_done = 0").fetchone()[0]
            )

    def save(self, bodies: Mapping[str, str], done: Iterable[str]) -> None:
        """Keep typeset formulas and mark tasks done, in one transaction."""
        with translated_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO formulas (key, body) VALUES (?, ?)", bodies.items()
            )
            self._db.conn.executemany(
                "UPDATE tasks SET formulas_done = 1 WHERE id = ?", [(t,) for t in done]
            )
