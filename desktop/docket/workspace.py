"""``docket.Workspace``: the Qt-free Python API of DESIGN.md, for scripts and tests.

A workspace is a directory holding one SQLCipher database whose key is derived from the
reviewer's secret key, so the same passphrase unlocks both. This class is a thin facade:
every operation is a :class:`~docket.store.WorkspaceStore` call.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from docket.bundles.keys import SecretKey, load_secret_key
from docket.core.answers import Answer
from docket.core.display_order import DisplayOrder
from docket.core.schema import Schema, default_schema
from docket.core.task_loading import load_tasks_jsonl
from docket.core.tasks import Task
from docket.errors import NotImplementedYetError, WorkspaceError
from docket.store.workspace_store import ImportedTasks, WorkspaceStore

DB_NAME = "workspace.db"


class Workspace:
    """One reviewer's workspace. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, store: WorkspaceStore, key: SecretKey, directory: Path) -> None:
        self._store = store
        self._key = key
        self.directory = directory

    @classmethod
    def open(
        cls, directory: str | Path, key_path: str | Path, passphrase: str | None = None
    ) -> Workspace:
        """Open the workspace in ``directory`` with the reviewer's key, creating it if new."""
        key = load_secret_key(key_path, passphrase)
        directory = Path(directory)
        if directory.exists() and not directory.is_dir():
            raise WorkspaceError(f"{directory} is a file, not a workspace directory.")
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        db_path = directory / DB_NAME
        store = WorkspaceStore.open(db_path, key.workspace_db_key())
        if store.get_meta("reviewer") is None:
            store.set_meta("reviewer", key.name)
            store.set_meta("key_fingerprint", key.card().fingerprint)
        return cls(store, key, directory)

    @property
    def reviewer(self) -> str:
        return self._key.name

    @property
    def store(self) -> WorkspaceStore:
        return self._store

    # --- loading -------------------------------------------------------------------------

    def import_bundle(self, path: str | Path, server_card_path: str | Path) -> ImportedTasks:
        raise NotImplementedYetError(
            "Importing signed task bundles arrives in Step 2 (keys and bundles)."
        )

    def load_tasks(
        self,
        source: str | Path | Iterable[Task],
        *,
        schema: Schema | None = None,
        guidelines: str = "",
        bundle_id: str | None = None,
    ) -> ImportedTasks:
        """Internal loader: add tasks from a JSONL file or from Task objects, unsigned.

        For tests and the demo until signed bundles exist; real reviewers import bundles.
        Without ``schema`` each task gets the default form for its number of responses.
        """
        if isinstance(source, (str, os.PathLike)):
            label, tasks = str(source), load_tasks_jsonl(source)
        else:
            label, tasks = "<python>", list(source)
        defaults: dict[int, Schema] = {}
        pairs = [
            (t, schema or defaults.setdefault(len(t.responses), default_schema(len(t.responses))))
            for t in tasks
        ]
        return self._store.add_tasks(
            bundle_id or f"local-{uuid.uuid4().hex}", pairs, source=label, guidelines=guidelines
        )

    # --- reading -------------------------------------------------------------------------

    def tasks(self) -> Iterator[Task]:
        return self._store.tasks()

    def task(self, task_id: str) -> Task:
        return self._store.task(task_id)

    def schema(self, task_id: str) -> Schema:
        return self._store.schema(task_id)

    def guidelines(self, task_id: str) -> str:
        return self._store.guidelines(task_id)

    def display_order(self, task_id: str) -> DisplayOrder:
        """The blinded order (A, B, ...) this reviewer sees the task's responses in."""
        return self._store.display_order(self.reviewer, task_id)

    # --- answering -----------------------------------------------------------------------

    def record(
        self, task_id: str, answers: Mapping[str, Any], *, time_spent_s: float = 0.0
    ) -> Answer:
        """Validate against the task's schema, commit, audit; returns the saved Answer."""
        return self._store.record(self.reviewer, task_id, answers, time_spent_s=time_spent_s)

    def answer(self, task_id: str) -> Answer | None:
        return self._store.answer(task_id)

    def verify_audit(self) -> int:
        return self._store.verify_audit()

    def export_results(self, path: str | Path) -> Path:
        raise NotImplementedYetError("Signed result bundles arrive in Step 2 (keys and bundles).")

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
