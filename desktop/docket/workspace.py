"""``docket.Workspace``: the Qt-free Python API of DESIGN.md, for scripts and tests.

A workspace is a directory holding one SQLCipher database whose key is derived from the
reviewer's secret key, so the same passphrase unlocks both. This class is a thin facade:
every operation is a :class:`~docket.store.WorkspaceStore` call.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from docket.bundles.keys import PublicCard, SecretKey, load_secret_key
from docket.bundles.manifest import TASK_TYPES, sha256
from docket.core.answers import Answer
from docket.core.bulk import paused_gc
from docket.core.calibration import Expected
from docket.core.display_order import DisplayOrder, display_order
from docket.core.pii import TaskScan, task_texts
from docket.core.progress import Progress, held_interrupts, no_progress
from docket.core.review import (
    ADJUDICATION_OUTCOMES,
    EditState,
    StatusCounts,
    TaskList,
    TaskRow,
    TaskView,
    UiState,
)
from docket.core.schema import Schema, SpansQuestion, default_schema
from docket.core.suggestion_review import QuestionState, question_states, still_accepted
from docket.core.suggestions import Suggestion, SuggestionError, SuggestionRecord
from docket.core.task_loading import load_tasks_jsonl
from docket.core.task_rows import TaskRows
from docket.core.tasks import Task
from docket.errors import DocketError, KeyFileError, WorkspaceError, WorkspaceLockedError
from docket.reasons import template
from docket.render.markdown import formulas_in
from docket.render.typeset import Result, Typesetter, result_from_json, result_to_json
from docket.store import workspace_store
from docket.store.formulas import FormulaStore
from docket.store.review import ReviewStore
from docket.store.workspace_store import BundleRecord, ImportedTasks, WorkspaceStore

if TYPE_CHECKING:
    # The bundle readers and writers and the import's worker process are imported by the
    # import and the export that use them: opening a workspace (the window's start) does
    # not need them.
    from docket.import_worker import ImportWorker

__all__ = ["RESULT_SUFFIX", "ExportedResults", "ImportedTasks", "Workspace"]

DB_NAME = "workspace.db"
RESULT_SUFFIX = ".docket-result"
"""What a result bundle is called when the window proposes a name (the file type of
the desktop entry)."""


def scan_task(task: Task) -> TaskScan:
    """:func:`docket.core.pii_detect.scan_task`, imported with the first scan: its
    patterns are compiled as it loads, which the window's start does not wait for."""
    from docket.core.pii_detect import scan_task as scan

    return scan(task)


@dataclass(frozen=True, slots=True)
class ExportedResults:
    path: Path
    bundle_id: str
    sequence: int
    answers: int
    manifest_sha256: str


Stamp = tuple[int, int, int]


class PreparedViews:
    """Task views read ahead (:meth:`Workspace.prepare_view`), each handed out once.

    A view is kept only while nothing it holds can have changed. The workspace's own
    writes name the tasks they change (:meth:`writing`): those tasks' views are dropped,
    the others kept. Any other change drops them all: a write on the workspace's
    connection it did not name (seen by the connection's count of changed rows), a commit
    by another connection (a worker thread, another process: SQLite's ``data_version``),
    a new connection (after unlocking)."""

    SIZE = 8

    def __init__(self) -> None:
        self._views: OrderedDict[str, TaskView] = OrderedDict()
        self._stamp: Stamp | None = None

    def __len__(self) -> int:
        return len(self._views)

    def clear(self) -> None:
        self._views.clear()
        self._stamp = None

    def _settle(self, stamp: Stamp) -> None:
        if stamp != self._stamp:
            self._views.clear()
            self._stamp = stamp

    def take(self, stamp: Stamp, task_id: str) -> TaskView | None:
        self._settle(stamp)
        return self._views.pop(task_id, None)

    def peek(self, stamp: Stamp, task_id: str) -> TaskView | None:
        self._settle(stamp)
        return self._views.get(task_id)

    def keep(self, stamp: Stamp, view: TaskView) -> None:
        """Keep ``view``, read after ``stamp`` was taken."""
        self._settle(stamp)
        self._views[view.task.id] = view
        self._views.move_to_end(view.task.id)
        while len(self._views) > self.SIZE:
            self._views.popitem(last=False)

    @contextlib.contextmanager
    def writing(self, store: WorkspaceStore, task_ids: Iterable[str]) -> Iterator[None]:
        """Around a write by the workspace that changes only ``task_ids`` (none: a write
        no view holds, such as the time accounting)."""
        if not self._views:  # nothing to keep or drop: the next view kept settles anew
            yield
            return
        before = store.change_stamp()
        self._settle(before)
        try:
            yield
        finally:
            try:
                after: Stamp | None = store.change_stamp()
            except DocketError:
                after = None
            if after is None or (after[0], after[2]) != (before[0], before[2]):
                self.clear()  # another connection committed meanwhile, or it closed
            else:
                for task_id in task_ids:
                    self._views.pop(task_id, None)
                self._stamp = after


class Workspace:
    """One reviewer's workspace. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, store: WorkspaceStore, key: SecretKey, directory: Path) -> None:
        self._store = store
        self._review = ReviewStore(store)
        self._formulas = FormulaStore(store)
        self._key: SecretKey | None = key
        self._reviewer = key.name
        self._fingerprint = key.card().fingerprint
        self.directory = directory
        self._pii_scans: dict[str, tuple[int, TaskScan]] = {}
        self._views = PreparedViews()

    @classmethod
    def open(
        cls, directory: str | Path, key_path: str | Path, passphrase: str | None = None
    ) -> Workspace:
        """Open the workspace in ``directory`` with the reviewer's key, creating it if new."""
        return cls._with_key(Path(directory), load_secret_key(key_path, passphrase))

    @classmethod
    def _with_key(cls, directory: Path, key: SecretKey) -> Workspace:
        if directory.exists() and not directory.is_dir():
            raise WorkspaceError(f"{directory} is a file, not a workspace directory.")
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        db_path = directory / DB_NAME
        store = WorkspaceStore.open(db_path, key.workspace_db_key())
        if store.get_meta("reviewer") is None:
            store.set_meta("reviewer", key.name)
            store.set_meta("key_fingerprint", key.card().fingerprint)
        if store.get_meta("chain_id") is None:
            # Result bundles of this workspace form one chain; a reviewer with several
            # workspaces (projects, a new laptop) has several chains.
            store.set_meta("chain_id", uuid.uuid4().hex)
        return cls(store, key, directory)

    @property
    def reviewer(self) -> str:
        return self._reviewer

    # --- locking -------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._key is None or self._store.locked

    def lock(self) -> None:
        """Close the database and drop the secret key until :meth:`unlock`.

        SQLCipher wipes the page key when the connection closes; the Python objects
        holding the reviewer's key are released here (Python cannot wipe them in place,
        so this is as far as the language allows)."""
        if self._key is None:
            return
        self._pii_scans.clear()
        self._views.clear()
        try:
            self._store.close()
        finally:
            self._key = None

    def unlock(self, key_path: str | Path, passphrase: str | None = None) -> None:
        """Load the reviewer's key again (the same key only) and reopen the database."""
        if not self.locked:
            return
        key = load_secret_key(key_path, passphrase)
        if key.card().fingerprint != self._fingerprint:
            raise KeyFileError(
                f"{Path(key_path).name} is not the key this workspace is open with.",
                hint=f"Unlock with {self._reviewer}'s key.",
            )
        self._store.reopen(key.workspace_db_key())
        self._key = key

    def opener(self) -> Callable[[], Workspace]:
        """Open this workspace again, on its own connection, wherever the result is
        called: for a worker thread (SQLite connections stay in the thread that made
        them). It shares the unlocked key, so no passphrase has to be kept around."""
        key, directory = self._secret(), self.directory
        return lambda: Workspace._with_key(directory, key)

    def _secret(self) -> SecretKey:
        if self._key is None:
            raise WorkspaceLockedError(f"The workspace {self.directory} is locked.")
        return self._key

    @property
    def store(self) -> WorkspaceStore:
        return self._store

    # --- loading -------------------------------------------------------------------------

    def import_bundle(
        self,
        path: str | Path,
        server_card_path: str | Path,
        *,
        progress: Callable[[str, float], None] | None = None,
    ) -> ImportedTasks:
        """Verify a task bundle against the pinned server card and store it in one
        transaction. Raises a :class:`~docket.errors.BundleError` (nothing changed) when
        it is not addressed to this reviewer, not signed by that server, expired,
        tampered, truncated or otherwise malformed.

        ``progress(stage, fraction)`` is called between stages; it may raise
        :class:`~docket.errors.ImportCancelledError` to stop, up to the moment of commit,
        and nothing is imported."""
        from docket import import_worker

        report = progress or (lambda stage, fraction: None)
        report(template("Decrypting and verifying"), 0.05)
        server = PublicCard.load(server_card_path)
        path = Path(path)
        size = max(path.stat().st_size if path.is_file() else 1, 1)
        # A large bundle's tasks are read by a process of its own while this one writes
        # them (docket.import_worker); started first, so its start overlaps the first pass.
        # A process that cannot be started (no memory, too many processes) is no reason
        # to refuse the import: it is then read in this process, as a small one is.
        worker = None
        if size >= import_worker.WORKER_MIN_BYTES:
            with contextlib.suppress(OSError):
                worker = import_worker.ImportWorker()
        with worker if worker is not None else nullcontext():
            return self._import(path, server, size, worker, report)

    def _import(
        self,
        path: Path,
        server: PublicCard,
        size: int,
        worker: ImportWorker | None,
        report: Callable[[str, float], None],
    ) -> ImportedTasks:
        # Two passes over the file, neither holding it: the first decrypts, hashes every
        # section and verifies the signature and the hashes (keeping the small sections);
        # the second decrypts again and stores the tasks as they come, in a transaction
        # that commits only once their bytes hashed to the signed value.
        from docket.bundles.container import LineSplitter
        from docket.bundles.envelope import open_sealed_streaming, pinned
        from docket.bundles.task_bundle import TASKS, TaskReader

        streamed = open_sealed_streaming(
            path,
            self._secret(),
            signer=pinned(server),
            expected_type=TASK_TYPES,
            progress=lambda done: report(
                template("Decrypting and verifying"), 0.05 + 0.3 * done / size
            ),
        )
        opened = streamed.opened
        report(template("Reading tasks"), 0.35)
        reader = TaskReader(opened)
        m = opened.manifest
        record = BundleRecord(
            id=m.bundle_id,
            source=path.name,
            kind=m.type,
            project=m.project,
            assignment=str(m.extra.get("assignment") or f"{m.project}/{m.recipient.name}"),
            created_at=m.created_at,
            manifest_json=opened.manifest_bytes.decode(),
            manifest_sha256=opened.hash,
            manifest_raw=opened.manifest_bytes,
            signature=opened.signature,
            server_card=server.dumps(),
            sealed=reader.content.sealed,
            guidelines=reader.content.guidelines,
        )
        total = max(streamed.plaintext_bytes, 1)
        content = reader.content
        save: dict[str, Any] = {
            "before_commit": lambda: report(template("Saving"), 0.95),
            "reviews": content.reviews,
            "calibration": {t: e.to_json() for t, e in content.calibration.items()},
        }

        def stored(done: int) -> None:
            report(template("Storing"), 0.4 + 0.55 * done / total)

        if worker is not None:

            def produce_rows(base: int, add_rows: Callable[[TaskRows], None]) -> None:
                report(template("Storing"), 0.4)
                assert worker is not None
                worker.produce_rows(
                    streamed,
                    record.id,
                    base,
                    add_rows,
                    batch=workspace_store.TASK_BATCH,
                    batch_chars=workspace_store.TASK_BATCH_CHARS,
                    progress=stored,
                )

            done = self._store.import_task_rows(record, produce_rows, **save)
        else:

            def produce(add: Callable[[Task, Schema], None]) -> None:
                report(template("Storing"), 0.4)
                lines = LineSplitter(lambda line: add(*reader.add(line)))
                # The tasks form no reference cycles: the cycle collector would only walk
                # the batches being written, again and again (paused, as for reading a file).
                with paused_gc():
                    streamed.replay(TASKS, lines.write, progress=stored)
                    lines.close()
                reader.finish()

            done = self._store.import_task_stream(
                record, produce, suggestions=reader.all_suggestions, **save
            )
        report(template("Done"), 1.0)
        return done

    def load_tasks(
        self,
        source: str | Path | Iterable[Task],
        *,
        schema: Schema | None = None,
        guidelines: str = "",
        bundle_id: str | None = None,
        suggestions: str | Path | Iterable[Suggestion] = (),
    ) -> ImportedTasks:
        """Internal loader: add tasks from a JSONL file or from Task objects, unsigned.

        For tests and the demo until signed bundles exist; real reviewers import bundles.
        Without ``schema`` each task gets the default form for its number of responses
        (with the grounding flags when it carries documents, as ``docket pack`` gives it).
        ``suggestions`` (a JSONL file of ``Suggestion`` lines, or the objects) name these
        tasks' own response ids.
        """
        if isinstance(source, (str, os.PathLike)):
            label, tasks = str(source), load_tasks_jsonl(source)
        else:
            label, tasks = "<python>", list(source)
        defaults: dict[tuple[int, bool], Schema] = {}

        def form(t: Task) -> Schema:
            key = (len(t.responses), bool(t.documents))
            if key not in defaults:
                defaults[key] = default_schema(key[0], documents=key[1])
            return defaults[key]

        pairs = [(t, schema or form(t)) for t in tasks]
        return self._store.add_tasks(
            bundle_id or f"local-{uuid.uuid4().hex}",
            pairs,
            source=label,
            guidelines=guidelines,
            suggestions=_suggestions(suggestions),
        )

    # --- reading -------------------------------------------------------------------------

    def tasks(self) -> Iterator[Task]:
        return self._store.tasks()

    def task(self, task_id: str) -> Task:
        return self._store.task(task_id)

    def schema(self, task_id: str) -> Schema:
        return self._store.schema(task_id)

    # --- PII -----------------------------------------------------------------------------

    MAX_PII_SCANS = 256
    """Scans of unscanned tasks kept in memory (never written anywhere)."""

    def pii_scan(self, task: Task) -> TaskScan:
        """The PII in ``task``: what it was packed with (``Task.pii``), else the detector's
        scan, run here once per task content and kept in memory only (the window calls
        this off its UI thread; it reads no database). Never raises: a detector failure
        is in ``TaskScan.failed`` and review goes on without underlines."""
        if task.pii is not None:
            return TaskScan(task.id, task.pii)
        digest = hash(tuple(task_texts(task).items()))
        found = self._pii_scans.get(task.id)
        if found is not None and found[0] == digest:
            return found[1]
        try:
            scan = scan_task(task)
        except Exception as exc:  # the detector promises not to raise; review must go on
            scan = TaskScan(task.id, failed=f"{type(exc).__name__}: {exc}")
        if len(self._pii_scans) >= self.MAX_PII_SCANS:
            self._pii_scans.pop(next(iter(self._pii_scans)))
        self._pii_scans[task.id] = (digest, scan)
        return scan

    def cached_pii(self, task: Task) -> TaskScan | None:
        """The PII in ``task`` if known without scanning (packed, or scanned before)."""
        if task.pii is not None:
            return TaskScan(task.id, task.pii)
        found = self._pii_scans.get(task.id)
        if found is not None and found[0] == hash(tuple(task_texts(task).items())):
            return found[1]
        return None

    def guidelines(self, task_id: str) -> str:
        return self._store.guidelines(task_id)

    def display_order(self, task: str | Task) -> DisplayOrder:
        """The blinded order (A, B, ...) this reviewer sees the task's responses in."""
        if isinstance(task, Task):
            return display_order(self.reviewer, task.id, task.response_ids)
        return self._store.display_order(self.reviewer, task)

    def calibration(self, task_id: str) -> Expected | None:
        """For a task of a calibration round (a training bundle): its expected answers
        and the explanation, to show after the reviewer answers it; else None."""
        body = self._store.calibration(task_id)
        return None if body is None else Expected.from_json(body)

    # --- opening a task in the review window ------------------------------------------------

    def task_view(self, task_id: str) -> TaskView:
        """Everything the review window shows of a task (its text, form, order, answers
        to show, reviews, calibration, suggestion, guidelines): the view read ahead by
        :meth:`prepare_view` if nothing it holds has changed since, else read now (two
        queries). Each view read ahead is handed out once."""
        view = self._views.take(self._store.change_stamp(), task_id)
        return view if view is not None else self._read_view(task_id)

    def prepare_view(self, task_id: str) -> TaskView:
        """Read a task's view ahead (the window does it for the tasks around the open one
        while the reviewer reads): :meth:`task_view` then hands it out without reading."""
        stamp = self._store.change_stamp()
        view = self._views.peek(stamp, task_id)
        if view is None:
            view = self._read_view(task_id)
            self._views.keep(stamp, view)
        return view

    def _read_view(self, task_id: str) -> TaskView:
        opened = self._review.opening(task_id)
        task, schema = opened.task, opened.schema
        reviews = opened.review
        suggestion = None if schema.reveal_policy == "hidden" else opened.suggestion
        state = opened.state
        if not state.answers:
            start = starting_answers(task, schema, reviews, suggestion)
            state = EditState(start, state.can_undo, state.can_redo)
        return TaskView(
            task=task,
            schema=schema,
            order=display_order(self.reviewer, task.id, task.response_ids),
            editing=state,
            reviews=reviews,
            calibration=(
                None if opened.calibration is None else Expected.from_json(opened.calibration)
            ),
            suggestion=suggestion,
            answered=opened.answered,
            guidelines=opened.guidelines,
        )

    # --- an AI judge's suggestions ----------------------------------------------------------

    def suggestion(self, task_id: str) -> Suggestion | None:
        """The AI judge's suggestion this reviewer may see for a task: None when the task
        has none or its form's reveal policy is ``hidden``."""
        if self.schema(task_id).reveal_policy == "hidden":
            return None
        return self._store.suggestion(task_id)

    def suggestion_states(
        self, task_id: str, answers: Mapping[str, Any]
    ) -> dict[str, QuestionState]:
        """Under ``before``: each suggested question's state with these answers
        (``suggested``, ``accepted`` or ``changed``); empty otherwise."""
        suggestion = self.suggestion(task_id)
        if suggestion is None or self.schema(task_id).reveal_policy != "before":
            return {}
        return question_states(suggestion, answers, self._store.accepted(task_id))

    def accepted_suggestions(self, task_id: str) -> tuple[str, ...]:
        """The questions whose suggested value the reviewer accepted (``before``)."""
        return self._store.accepted(task_id)

    def accept_suggestion(
        self, task_id: str, answers: Mapping[str, Any], question_ids: Iterable[str]
    ) -> tuple[str, ...]:
        """Accept the agent's value of these questions as it stands in ``answers`` (a
        question already changed cannot be accepted); returns every accepted question."""
        suggestion = self.suggestion(task_id)
        if suggestion is None:
            return ()
        wanted = {*self._store.accepted(task_id), *question_ids}
        kept = still_accepted(suggestion, answers, wanted)
        with self._views.writing(self._store, (task_id,)):
            self._store.set_accepted(task_id, kept)
        return kept

    def forget_changed_acceptances(self, task_id: str, answers: Mapping[str, Any]) -> None:
        """Drop the acceptance of any question whose value is no longer the agent's (the
        reviewer changed it); a no-op (no write) when none was."""
        suggestion = self.suggestion(task_id)
        if suggestion is None:
            return
        accepted = self._store.accepted(task_id)
        kept = still_accepted(suggestion, answers, accepted)
        if set(kept) != set(accepted):
            with self._views.writing(self._store, (task_id,)):
                self._store.set_accepted(task_id, kept)

    def suggestion_record(self, task_id: str) -> SuggestionRecord | None:
        """What the task's latest answer records about the suggestion its reviewer saw."""
        return self._store.suggestion_record(task_id)

    def first_answer(self, task_id: str) -> dict[str, Any] | None:
        """The task's first submitted answers (under ``after-answer``: the blind ones)."""
        return self._store.first_answer(task_id)

    def reviews(self, task_id: str) -> dict[str, Any] | None:
        """For an adjudication task: every reviewer's answer and the majority; else None."""
        return self._store.review(task_id)

    # --- the review window's operations --------------------------------------------------
    # Each validates, commits in one transaction and returns the new state; the window
    # keeps no domain state of its own.

    def task_rows(self) -> list[TaskRow]:
        return self._review.task_rows()

    def task_row(self, task_id: str) -> TaskRow:
        return self._review.task_row(task_id)

    def task_list(self) -> TaskList:
        """The task list's columns but the previews (one narrow query)."""
        return self._review.task_list()

    def task_previews(self, positions: Sequence[int]) -> dict[int, str]:
        """Previews of the task list's rows at these positions (``TaskList.positions``),
        by key (``TaskList.keys``)."""
        return self._review.task_previews(positions)

    def search_keys(self, query: str) -> set[int]:
        """:meth:`search` answering with the task list's keys (``TaskList.keys``)."""
        return self._review.search_keys(query)

    def search(self, query: str) -> set[str]:
        """Ids of tasks whose text contains ``query`` (inside the encrypted database)."""
        return self._review.search(query)

    def index_search(self, limit: int | None = None) -> int:
        """Fold and index for search up to ``limit`` tasks not indexed yet (all by
        default); how many still wait. The window calls it a few tasks at a time while
        the reviewer works, so that the first search after an import is at once."""
        with self._views.writing(self._store, ()):  # the search index: no view holds it
            return self._review.index_search(limit)

    def status_counts(self) -> StatusCounts:
        return self._review.status_counts()

    def editing(self, task_id: str) -> EditState:
        """The answers to show on opening a task: its draft, else its last submitted
        answer, else (adjudication) what most reviewers answered with the usual outcome,
        which is not saved until the lead edits or submits it. A task packed with prior
        spans starts with them in its spans question, as suggestions the reviewer keeps
        or removes (saved, too, only when the reviewer edits or submits). Under the
        ``before`` reveal policy a task with an AI judge's suggestion starts filled with the
        agent's answers (marked as the agent's in the window until accepted or changed)."""
        state = self._review.current(task_id)
        if state.answers:
            return state
        return EditState(self._starting_answers(task_id), state.can_undo, state.can_redo)

    def _starting_answers(self, task_id: str) -> dict[str, Any]:
        """What a task's form holds before the reviewer's first edit (see :meth:`editing`)."""
        reviews = self._store.review(task_id)
        if reviews is not None:
            return starting_answers(None, self.schema(task_id), reviews, None)
        schema = self.schema(task_id)
        spans = any(isinstance(q, SpansQuestion) for q in schema.questions)
        task = self._store.task(task_id) if spans else None  # its prior spans
        return starting_answers(task, schema, None, self.suggestion(task_id))

    def save_draft(self, task_id: str, answers: Mapping[str, Any]) -> EditState:
        """Save the form as it is (unvalidated) as the task's next undoable edit."""
        with self._views.writing(self._store, (task_id,)):
            return self._review.edit(task_id, dict(answers))

    def undo(self, task_id: str) -> EditState | None:
        """Step back one edit. Back before the first edit of a task never submitted, the
        form holds what it started with (the agent's answers under ``before``, prior
        spans, an adjudication's majority), not an empty form."""
        with self._views.writing(self._store, (task_id,)):
            state = self._review.undo(task_id)
        if state is not None and not state.answers and self._store.answer(task_id) is None:
            return EditState(self._starting_answers(task_id), state.can_undo, state.can_redo)
        return state

    def redo(self, task_id: str) -> EditState | None:
        with self._views.writing(self._store, (task_id,)):
            return self._review.redo(task_id)

    def submit(
        self, task_id: str, answers: Mapping[str, Any], *, time_spent_s: float = 0.0
    ) -> Answer:
        """Validate and record the answers, folding the task's draft into the record."""
        with self._views.writing(self._store, (task_id,)):
            return self._review.submit(self.reviewer, task_id, dict(answers), time_spent_s)

    def skip(self, task_id: str, reason: str) -> None:
        with self._views.writing(self._store, (task_id,)):
            self._review.skip(task_id, reason)

    def skip_reason(self, task_id: str) -> str | None:
        return self._review.skip_reason(task_id)

    def record_time(self, times: Mapping[str, float], last_task: str | None) -> None:
        """Active seconds per task and the task to reopen on, in one commit."""
        with self._views.writing(self._store, ()):  # no view holds the time or the last task
            self._review.bookkeeping(dict(times), last_task)

    def last_task(self) -> str | None:
        return self._review.last_task()

    def export_overdue(self) -> bool:
        """True when an answer more than a day old is in no result bundle yet."""
        return self._review.export_overdue()

    def ui_state(self) -> UiState:
        return self._review.ui_state()

    def save_ui_state(self, state: UiState) -> None:
        with self._views.writing(self._store, ()):
            self._review.save_ui_state(state)

    # --- typeset math --------------------------------------------------------------------

    def formulas(self, keys: Iterable[str]) -> dict[str, Result]:
        """The typeset formulas (or the reasons they stay text) among ``keys``
        (:func:`docket.render.typeset.formula_key`); a key not typeset yet is absent."""
        return {k: result_from_json(v) for k, v in self._formulas.get(keys).items()}

    def formulas_pending(self) -> int:
        """How many tasks still have formulas to typeset (or to look for)."""
        return self._formulas.remaining()

    def typeset_formulas(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        batch: int = 50,
        typesetter: Typesetter | None = None,
    ) -> int:
        """Typeset every formula of every task (its conversation, responses, documents
        and guidelines) not typeset yet, in a worker process with a time limit per
        formula, committing after each ``batch`` of tasks so that stopping (or a crash)
        keeps what was done. ``progress(tasks done, tasks to do)``; ``should_stop`` is
        asked between batches. Returns how many formulas were typeset.

        ``typesetter``: the caller's, so that it can stop it at once from another thread
        (:meth:`Typesetter.stop`: the batch under way is then not kept, and
        :class:`~docket.render.typeset.TypesettingStopped` is raised); a new one by
        default."""
        total = self._formulas.remaining()
        if not total:
            return 0
        known = self._formulas.known()
        done = typeset = 0
        seen_guidelines: set[str] = set()
        with typesetter or Typesetter() as worker:
            while not (should_stop and should_stop()):
                todo = self._formulas.tasks_to_do(batch)
                if not todo:
                    break
                items: list[tuple[str, bool]] = []
                for _, texts, guidelines in todo:
                    if guidelines not in seen_guidelines:
                        seen_guidelines.add(guidelines)
                        texts = [*texts, guidelines]
                    for text in texts:
                        if "$" in text or "\\(" in text or "\\[" in text:
                            items += formulas_in(text)
                results = worker.typeset_all(items, known=known)
                bodies = {key: result_to_json(result) for key, result in results.items()}
                self._formulas.save(bodies, [task_id for task_id, _, _ in todo])
                known |= bodies.keys()
                typeset += len(bodies)
                done += len(todo)
                if progress is not None:
                    progress(min(done, total), total)
        return typeset

    # --- answering -----------------------------------------------------------------------

    def record(
        self, task_id: str, answers: Mapping[str, Any], *, time_spent_s: float = 0.0
    ) -> Answer:
        """Validate against the task's schema (a ``pii`` answer against the task's texts),
        commit, audit; returns the saved Answer."""
        with self._views.writing(self._store, (task_id,)):
            return self._store.record(self.reviewer, task_id, answers, time_spent_s=time_spent_s)

    def answer(self, task_id: str) -> Answer | None:
        return self._store.answer(task_id)

    def verify_audit(self) -> int:
        return self._store.verify_audit()

    def export_results(
        self,
        path: str | Path,
        *,
        bundle_id: str | None = None,
        progress: Progress | None = None,
    ) -> ExportedResults:
        """Write the latest answers to one task bundle as a result bundle: signed by this
        reviewer, encrypted to the server that sent the tasks, chained to the previous
        export (sequence number and hash). The file appears complete or not at all.

        ``progress`` hears of the steps (reading, signing and encrypting, writing); if it
        raises, nothing was written. The file and the record of the export are written
        with Ctrl+C held (:func:`~docket.core.progress.held_interrupts`): both or neither."""
        from docket.bundles.envelope import write_atomically
        from docket.bundles.result_bundle import AnsweredBundle, build_result_bundle

        tick = progress or no_progress
        tick("exporting", 0, 3)
        bundle = self._bundle_to_export(bundle_id)
        assert bundle.manifest_raw and bundle.signature and bundle.sealed and bundle.server_card
        answered = AnsweredBundle(
            bundle_id=bundle.id,
            project=bundle.project,
            manifest_raw=bundle.manifest_raw,
            signature=bundle.signature,
            sealed=bundle.sealed,
            server=PublicCard.loads(bundle.server_card),
        )
        last = self._store.last_export()
        sequence, previous = (last[0] + 1, last[1]) if last else (1, None)
        answers = self._store.latest_answers(bundle.id)
        tick("exporting", 1, 3)
        data, manifest = build_result_bundle(
            reviewer=self._secret(),
            answered=answered,
            answers=answers,
            audit=self._store.audit_entries(),
            sequence=sequence,
            previous=previous,
            kind="adjudication" if bundle.kind == "adjudication-task" else "result",
            chain=self._store.get_meta("chain_id") or "",
        )
        out = Path(path)
        digest = sha256(manifest.to_bytes())
        tick("exporting", 2, 3)
        with held_interrupts():
            write_atomically(
                out,
                data,
                before_replace=lambda: self._store.record_export(
                    sequence, manifest.bundle_id, bundle.id, digest, len(answers), str(out)
                ),
            )
        tick("exporting", 3, 3)
        return ExportedResults(out, manifest.bundle_id, sequence, len(answers), digest)

    def answered_bundles(self) -> list[tuple[str, str, str]]:
        """The signed bundles a result can answer, oldest first: ``(bundle id, kind, file
        name it was imported from)``; kind ``calibration-task`` for a calibration round."""
        return [
            (b.id, b.kind, b.source) for b in self._store.active_bundles() if b.kind in TASK_TYPES
        ]

    def bundle_of(self, task_id: str) -> str | None:
        """The id of the bundle a task came in (None for an unknown task)."""
        return self._store.bundle_of(task_id)

    def _bundle_to_export(self, bundle_id: str | None) -> BundleRecord:
        bundles = [b for b in self._store.active_bundles() if b.kind in TASK_TYPES]
        if bundle_id is not None:
            for b in bundles:
                if b.id == bundle_id:
                    return b
            raise WorkspaceError(
                f"There is no current task bundle {bundle_id!r} in this workspace."
            )
        if not bundles:
            raise WorkspaceError(
                "This workspace holds no signed task bundle, so there is nothing to send back.",
                hint="Import a task bundle with `docket import` first.",
            )
        if len(bundles) > 1:
            names = ", ".join(f"{b.id} ({b.project})" for b in bundles)
            raise WorkspaceError(
                f"This workspace holds several task bundles: {names}.",
                hint="Name the one to export (bundle_id=..., or --bundle on the command line).",
            )
        return bundles[0]

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


def starting_answers(
    task: Task | None,
    schema: Schema,
    reviews: Mapping[str, Any] | None,
    suggestion: Suggestion | None,
) -> dict[str, Any]:
    """What a task's form holds before the reviewer's first edit (see
    :meth:`Workspace.editing`): an adjudication's majority with the usual outcome; else the
    agent's answers under the ``before`` policy (``suggestion`` as the reviewer may see
    it), and the task's prior spans in its spans question."""
    if reviews is not None:
        return {**dict(reviews.get("majority") or {}), "outcome": ADJUDICATION_OUTCOMES[0]}
    start: dict[str, Any] = {}
    if suggestion is not None and schema.reveal_policy == "before":
        start.update(suggestion.answers)
    marking = next((q for q in schema.questions if isinstance(q, SpansQuestion)), None)
    if marking is not None and marking.id not in start and task is not None:
        prior = [s.to_json() for s in task.spans]
        if prior:
            start[marking.id] = prior
    return start


def _suggestions(source: str | Path | Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions from a JSONL file (``path:line: reason`` when one does not hold)."""
    if not isinstance(source, (str, os.PathLike)):
        return list(source)
    out: list[Suggestion] = []
    path = Path(source)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(Suggestion.from_json(json.loads(line)))
        except (ValueError, SuggestionError) as exc:
            raise WorkspaceError(f"{path}:{number}: {exc}") from exc
    return out
