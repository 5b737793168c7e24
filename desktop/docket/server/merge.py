"""``docket merge``: verify result bundles, then fold them into the merged database.

Every bundle is verified completely before the database is touched (signature by a
keyring card, addressed to this server, the answered task bundle signed by this server
and issued to that reviewer, sections and audit chain intact). Then, in one transaction
per bundle (or a savepoint of its own in a transaction shared by consecutive bundles of a
large merge: :class:`_Group`), it is checked against the reviewer's chain as recorded so
far and merged:

- the same bundle again (a duplicate or a replay) changes nothing and is reported;
- another bundle with a sequence number already taken is a fork: rejected;
- a bundle whose ``previous`` does not match the recorded bundle before it, or whose
  hash does not match the ``previous`` of the recorded bundle after it, breaks the chain:
  rejected;
- a sequence with a gap before it is accepted (bundles may arrive in any order) and the
  gap is reported;
- for each (reviewer, task) the answer with the highest revision wins, so any order of
  a reviewer's bundles gives the same final answers.

A result answering a calibration round (its answered bundle, signed by this server, is of
type ``calibration-task`` and its sealed section says so too) is verified and checked the
same way, chain and audit log included, but its answers go to the ``calibration`` table
with the expected answers and form they are scored against, never to ``answers``: no
agreement, disagreement, rating or dataset reads them, and a reviewer cannot move them
there (the type is the server's signature, not the reviewer's word). Its gold items stay
out of the project's ``gold`` and its bundle out of ``issued``.
"""

from __future__ import annotations

import contextlib
import json
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from docket.bundles import age_layer
from docket.bundles.envelope import (
    MAX_RESULT_BYTES,
    SignerLookup,
    keyring,
    open_sealed,
    pinned,
    read_bundle_file,
)
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.result_bundle import AuditPrefix, VerifiedResult, read_result_bundle
from docket.bundles.task_bundle import CALIBRATION_KIND, read_task_bundle
from docket.core import safe_json
from docket.core.bulk import paused_gc
from docket.core.pii import finding_problems, task_texts
from docket.core.rules import canonical_json
from docket.core.suggestions import Suggestion, SuggestionError
from docket.core.tasks import Task
from docket.errors import BundleError, DocketError, ReplayError
from docket.server.answer_facts import answered, encode, write_facts
from docket.server.merged_store import SEALED_VERSION_KEY, MergedStore
from docket.server.pii_masking import PLACEHOLDER
from docket.server.result_checks import (
    IssuedTask,
    archived_texts,
    check_audit_covers,
    check_first_answers_recorded,
    check_result_rows,
    issued_tasks,
)
from docket.server.sql import Db, SqliteDb, lock_key, upsert
from docket.store.db import begin_write, translated_errors


@dataclass(slots=True)
class BundleOutcome:
    path: Path
    status: str  # accepted | duplicate | rejected
    reason: str
    reviewer: str = ""
    new: int = 0
    updated: int = 0
    calibration: bool = False
    """The bundle answers a calibration round (its answers are kept apart)."""


@dataclass(slots=True)
class MergeReport:
    outcomes: list[BundleOutcome] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    tasks_imported: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def new_answers(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def updated_answers(self) -> int:
        return sum(o.updated for o in self.outcomes)

    @property
    def reviewers(self) -> list[str]:
        return sorted({o.reviewer for o in self.outcomes if o.status == "accepted"})


Progress = Callable[[int, int, Path], None]


def import_task_archive(store: MergedStore, server: SecretKey, archive: Path) -> int:
    """Load the server's own copy of the tasks written by ``docket pack``."""
    card = server.card()
    opened = open_sealed(
        archive, server, signer=pinned(card), expected_type="task", check_expiry=False
    )
    content = read_task_bundle(opened, archive=True)
    sealed = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    guidelines_sha = str(opened.manifest.extra.get("guidelines_sha256", ""))
    project = opened.manifest.project
    rows = [
        (
            task.id,
            project,
            json.dumps(
                {
                    "id": task.id,
                    "conversation": [
                        {"role": t.role.value, "content": t.content} for t in task.conversation
                    ],
                    "responses": [
                        {"id": r.id, "model": r.model, "text": r.text} for r in task.responses
                    ],
                    "documents": [d.to_json() for d in task.documents],
                    "suggestions": [s.to_json() for s in content.suggestions.get(task.id, [])],
                }
            ),
            schema.dumps(),
            guidelines_sha,
        )
        for task, schema in content.tasks
    ]

    def write() -> None:
        store.db.executemany(
            upsert("tasks", ("id", "project", "task", "schema", "guidelines_sha256"),
                   ("project", "id")),
            rows,
        )  # fmt: skip
        _store_sealed(store.db, sealed, project)
        _store_pii(store.db, sealed, project, {task.id: task for task, _ in content.tasks})

    with translated_errors(store.path):
        store.db.write(write, lock=f"project/{project}")
    return len(content.tasks)


def _store_pii(db: Db, sealed: dict[str, Any], project: str, tasks: dict[str, Task]) -> None:
    """The PII findings and masks of ``docket pack --pii`` (the archive's sealed section:
    the server's own, signed by itself), for the archive's own tasks only, each checked
    against the task's texts. Nothing else writes them: a result bundle's answers never
    become findings or masks."""
    findings = sealed.get("pii_findings") or {}
    masks = sealed.get("pii_masks") or {}
    if not isinstance(findings, dict) or not isinstance(masks, dict):
        raise DocketError("The task archive's PII section is malformed.")
    for task_id in sorted(set(findings) | set(masks)):
        task = tasks.get(task_id)
        found, mapping = findings.get(task_id, []), masks.get(task_id)
        problems = finding_problems(found, texts=None if task is None else task_texts(task))
        if task is None or problems or not _is_mapping(mapping):
            raise DocketError(
                f"The task archive's PII record of task {task_id!r} does not fit the task"
                + (f" ({problems[0][0]}: {problems[0][1]})." if problems else ".")
            )
        db.execute(
            upsert("pii", ("project", "task_id", "findings", "masks"), ("project", "task_id")),
            (
                project,
                task_id,
                canonical_json(found),
                None if mapping is None else canonical_json(mapping),
            ),
        )


def _is_mapping(value: Any) -> bool:
    """None, or placeholder -> original (both strings)."""
    return value is None or (
        isinstance(value, dict)
        and all(
            isinstance(k, str) and PLACEHOLDER.fullmatch(k) and isinstance(v, str)
            for k, v in value.items()
        )
    )


def _store_sealed(db: Db, sealed: dict[str, object], project: str) -> None:
    """Gold answers, TRL references, what a foreign source said of its responses
    (``prior``) and the responses' original ids, from a section only the server can read
    (and whose hash the server signed): the project's own, never another's."""
    _store_sealed_rows(db, _sealed_rows(sealed), project)


_SEALED_COLUMNS = {
    "gold": ("answers",),
    "reference": ("chosen", "rejected"),
    "priors": ("body",),
    "originals": ("body",),
}

SealedRows = dict[str, dict[str, tuple[Any, ...]]]


def _sealed_rows(sealed: dict[str, object]) -> SealedRows:
    """What :func:`_store_sealed` keeps of a sealed section: per table, per task id, the
    row's values."""
    gold = sealed.get("gold") or {}
    reference = sealed.get("reference") or {}
    given: SealedRows = {"gold": {}, "reference": {}}
    if isinstance(gold, dict):
        given["gold"] = {str(t): (canonical_json(a),) for t, a in gold.items()}
    if isinstance(reference, dict):
        given["reference"] = {
            str(t): (ref["chosen"], ref["rejected"])
            for t, ref in reference.items()
            if isinstance(ref, dict) and "chosen" in ref and "rejected" in ref
        }
    for table, key in (("priors", "prior"), ("originals", "originals")):
        bodies = sealed.get(key) or {}
        given[table] = (
            {str(t): (canonical_json(b),) for t, b in bodies.items() if isinstance(b, dict)}
            if isinstance(bodies, dict)
            else {}
        )
    return given


def _store_sealed_rows(db: Db, given: SealedRows, project: str) -> int | None:
    """Every result of a project carries the same: only rows that are new or differ are
    written, in task order, so that concurrent merges of the project's results neither
    rewrite the same rows nor wait on each other for them (nor deadlock on their order).
    On PostgreSQL, rows to write are compared again under a lock on the project's sealed
    rows and their version (:data:`SEALED_VERSION_KEY`) raised with them; returns that
    version after (``None`` on the embedded store, which has one writer at a time)."""
    changes = _sealed_changes(db, given, project)
    version = None
    if db.dialect != "sqlite":
        if not any(changes.values()):
            return None
        db.execute("SELECT pg_advisory_xact_lock(?)", (lock_key(SEALED_VERSION_KEY + project),))
        changes = _sealed_changes(db, given, project)  # what others wrote before the lock
        version = sealed_version(db, project)
        if any(changes.values()):
            version += 1
            db.execute(
                upsert("meta", ("key", "value"), ("key",)),
                (SEALED_VERSION_KEY + project, str(version)),
            )
    for table, rows in changes.items():
        columns = _SEALED_COLUMNS[table]
        db.executemany(
            upsert(table, ("project", "task_id", *columns), ("project", "task_id")), rows
        )
    return version


def _sealed_changes(db: Db, given: SealedRows, project: str) -> dict[str, list[tuple[Any, ...]]]:
    """Per table, the rows of ``given`` that are not stored as they are, in task order."""
    changes: dict[str, list[tuple[Any, ...]]] = {}
    for table, rows in given.items():
        if not rows:
            continue
        columns = _SEALED_COLUMNS[table]
        stored = {
            str(r[0]): tuple(r[1:])
            for r in db.execute(
                f"SELECT task_id, {', '.join(columns)} FROM {table} WHERE project = ?",
                (project,),
            ).fetchall()
        }
        changes[table] = [
            (project, task_id, *values)
            for task_id, values in sorted(rows.items())
            if stored.get(task_id) != values
        ]
    return changes


def sealed_version(db: Db, project: str) -> int:
    """The version of ``project``'s sealed rows (see :data:`SEALED_VERSION_KEY`)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (SEALED_VERSION_KEY + project,))
    found = row.fetchone()
    return 0 if found is None else int(found[0])


@dataclass(slots=True)
class _Sealed:
    """A result's server-only section, decrypted and parsed once however many results
    of the same answered bundle carry it: its content, the tasks it issued and the rows
    :func:`_store_sealed` keeps, each worked out when first needed."""

    digest: str
    content: dict[str, Any]
    _issued: dict[str, IssuedTask] | None = None
    _rows: SealedRows | None = None

    def issued(self) -> dict[str, IssuedTask]:
        if self._issued is None:
            self._issued = issued_tasks(self.content)
        return self._issued

    def rows(self) -> SealedRows:
        if self._rows is None:
            self._rows = _sealed_rows(self.content)
        return self._rows


class _Seen:
    """What one merge keeps from bundle to bundle, so that the work a bundle shares with
    the ones before it is done once: the server-only sections it opened (a reviewer's
    results all carry their task bundle's; the last few kept, by the SHA-256 of their
    encrypted bytes, which the server signed), and which section's rows it last stored per
    project. Checks are never skipped: a cached section is the same bytes, and its rows
    are not compared again only while nobody else has written to the database since."""

    KEEP = 4
    """Sections kept: each may list a large bundle's every task."""

    def __init__(self) -> None:
        self._sealed: dict[str, _Sealed] = {}
        self._stored: dict[str, tuple[SealedRows, int]] = {}
        """project -> (the rows last stored or found equal, the database's data version
        then)."""
        self._pending: dict[str, tuple[SealedRows, int]] = {}

    def sealed(self, data: bytes, digest: str, server: SecretKey) -> _Sealed:
        """The section ``data``, whose SHA-256 (checked) is ``digest``, opened."""
        found = self._sealed.pop(digest, None)
        if found is None:
            try:
                content = safe_json.loads_utf8(age_layer.decrypt(data, [server.identity()]))
            except (ValueError, DocketError):
                raise BundleError(
                    "The answered bundle's server-only section cannot be read."
                ) from None
            if not isinstance(content, dict):
                raise BundleError("The answered bundle's server-only section is malformed.")
            found = _Sealed(digest, content)
        self._sealed[digest] = found  # the most recent last
        while len(self._sealed) > self.KEEP:
            del self._sealed[next(iter(self._sealed))]
        return found

    def store_sealed(self, db: Db, sealed: Callable[[], SealedRows], project: str) -> None:
        """:func:`_store_sealed`, in the bundle's transaction; left out when this merge
        stored (or found) the same rows last, from this section or another that gives
        equal rows (every reviewer's section of one batch of tasks carries the same
        originals), and nobody has changed them since: on the embedded store, no other
        connection has committed (SQLite's ``data_version``: our own commits do not change
        it); on PostgreSQL, the rows' version (:func:`sealed_version`, read before the
        rows) is the same."""
        version = (
            int(db.execute("PRAGMA data_version").fetchone()[0])
            if db.dialect == "sqlite"
            else sealed_version(db, project)
        )
        rows = sealed()
        kept = self._stored.get(project)
        if (
            kept is not None
            and kept[1] == version
            and (kept[0] is rows or kept[0] == rows)  # the same section's: not compared again
        ):
            if kept[0] is not rows:
                # Equal rows in another object (the merge worker's copy of the rows this
                # process stored itself while the worker started): kept in their place,
                # so that the next bundles' are not compared whole again (2 ms each).
                self._stored[project] = (rows, version)
            return
        raised = _store_sealed_rows(db, rows, project)
        self._pending = {project: (rows, version if raised is None else raised)}

    def begin(self) -> None:
        """A bundle's transaction begins: nothing it stores counts before it commits."""
        self._pending = {}

    def committed(self) -> None:
        """The bundle's transaction committed: what it stored holds from now on."""
        self._stored.update(self._pending)
        self._pending = {}


def _audit_prefix(db: Db, chain: str) -> AuditPrefix | None:
    """The longest audit section of a workspace merged so far (see :class:`AuditPrefix`)."""
    with translated_errors(db.path):
        row = db.execute(
            "SELECT value FROM meta WHERE key = ?", (AUDIT_PREFIX_KEY + chain,)
        ).fetchone()
    if row is None:
        return None
    try:
        return AuditPrefix.from_json(json.loads(row[0]))
    except ValueError:
        return None


AUDIT_PREFIX_KEY = "audit-prefix/"
"""``meta`` rows ``audit-prefix/<chain>``: the longest audit section merged of each
reviewer workspace, so that a later result of it parses only the entries it adds."""


def _record_audit_prefix(db: Db, chain: str, section: AuditPrefix | None) -> None:
    """Keep a merged result's audit section as its workspace's known prefix when it is
    longer than the one kept (in the merge's transaction: only a merged result's log
    counts)."""
    if section is None:
        return
    kept = _audit_prefix(db, chain)
    if kept is not None and kept.entries >= section.entries:
        return
    db.execute(
        upsert("meta", ("key", "value"), ("key",)),
        (AUDIT_PREFIX_KEY + chain, json.dumps(section.to_json(), sort_keys=True)),
    )


def merge_results(
    paths: Sequence[Path],
    *,
    server: SecretKey,
    cards: list[PublicCard],
    store: MergedStore,
    progress: Progress | None = None,
    pipelined: bool | None = None,
) -> MergeReport:
    """Verify and merge ``paths`` in their order, one transaction per bundle (in a
    pipelined merge, a savepoint per bundle in transactions shared by several:
    :class:`_Group`).

    ``pipelined``: read the next bundles in a worker process while this one writes (see
    :mod:`docket.server.merge_worker`); by default when the files hold at least
    :data:`~docket.server.merge_worker.PIPELINE_MIN_BYTES` in all."""
    report = MergeReport()
    if pipelined is None:
        from docket.server.merge_worker import worth_a_worker

        pipelined = worth_a_worker(paths)
    if pipelined:
        merge_pipelined(paths, server=server, cards=cards, store=store, report=report,
                        progress=progress)  # fmt: skip
    else:
        lookup = keyring(cards)
        seen = _Seen()
        for index, path in enumerate(paths):
            if progress is not None:
                progress(index, len(paths), path)
            # A bundle makes tens of thousands of small objects and no cycles worth a
            # collection on the way: the collector waits until it is merged.
            with paused_gc():
                report.outcomes.append(_read_and_merge(store, server, lookup, path, report, seen))
    if progress is not None:
        progress(len(paths), len(paths), Path())
    report.gaps = chain_gaps(store)
    return report


def _read_and_merge(
    store: MergedStore,
    server: SecretKey,
    lookup: SignerLookup,
    path: Path,
    report: MergeReport,
    seen: _Seen,
) -> BundleOutcome:
    """One result bundle verified whole, then merged (or the reason it is refused)."""
    try:
        result = read_result_bundle(
            read_bundle_file(path, MAX_RESULT_BYTES),
            server,
            lookup,
            lambda chain: _audit_prefix(store.db, chain),
        )
    except BundleError as exc:
        return BundleOutcome(path, "rejected", exc.message)
    try:
        return _merge_one(store, server, result, path, report, seen)
    except DocketError as exc:
        return BundleOutcome(path, "rejected", exc.message, result.reviewer.name)


def chain_gaps(store: MergedStore) -> list[str]:
    """Result bundles still missing in a reviewer's chain (merged later ones exist)."""
    gaps = []
    with translated_errors(store.path):
        names = dict(store.db.execute("SELECT fingerprint, name FROM reviewers").fetchall())
        rows = store.db.execute("SELECT chain, sequence FROM chain").fetchall()
    seen: dict[str, set[int]] = {}
    for chain, sequence in rows:
        fp, _, workspace = str(chain).partition("/")
        if fp in names:  # "<name> (workspace <first 8 of its id>)"
            seen.setdefault(f"{names[fp]} (workspace {workspace[:8]})", set()).add(int(sequence))
    for name, sequences in sorted(seen.items()):
        missing = sorted(set(range(1, max(sequences) + 1)) - sequences)
        if missing:
            gaps.append(f"{name}: result bundle(s) {', '.join(map(str, missing))} not merged yet")
    return gaps


_Row = tuple[str, int, str, str, tuple[str, ...], str, float, str, str | None, str, str | None, str]
"""What a merge writes of one answer row, worked out before its transaction (a plain
tuple: a bundle's thousand rows cross from the worker in a fraction of a millisecond,
ten times faster than named ones): the fields below, by place."""
_TASK: Final = 0
_REVISION: Final = 1
_BODY: Final = 2
_ORDER: Final = 3
_SHOWN: Final = 4
_SAVED: Final = 5
_SPENT: Final = 6
_STATUS: Final = 7
_SUGGESTION: Final = 8
_FORM: Final = 9
_FACTS: Final = 10
_ANSWERED: Final = 11
"""By place: the task id; the revision; the answers' canonical JSON (checked against the audit
log); the display order's canonical JSON; the response ids in the order they were shown;
the time it was saved; the seconds spent; the status; the canonical JSON of the row's
suggestion record (None: none); the JSON of the form the server issued for the task; the
answer's facts in that form and which of its questions it holds
(:mod:`docket.server.answer_facts`: written when the archive's form is that form)."""


@dataclass(slots=True)
class _Checked:
    """A result bundle verified whole, with every check that needs no database passed:
    all that its merge's transaction needs of it. It holds no bytes of the file, only
    what was verified; the merge worker sends it as it is (pickled)."""

    reviewer: PublicCard
    hash: str
    chain: str
    sequence: int
    previous: str | None
    kind: str
    """The result's type (``result`` or ``adjudication``)."""
    bundle_id: str
    answered_bundle: str
    """The answered task bundle's id."""
    answered_manifest_sha256: str
    project: str
    guidelines_sha256: str
    calibration: bool
    sealed_digest: str
    rows: list[_Row]
    audit_first: int
    audit_hashes: str
    """The hashes of the audit entries read (from number ``audit_first`` on), each 64
    hexadecimal characters, one after the other."""
    audit_skipped: AuditPrefix | None
    """The part of the log not read (see :attr:`VerifiedResult.audit_skipped`)."""
    skipped_base: AuditPrefix | None
    """The part of ``audit_skipped`` known to be a merged log's (all of it when the
    prefix was found in the database)."""
    skipped_hashes: str
    """The hashes of the entries of ``audit_skipped`` after ``skipped_base`` (the merge
    worker's: a log it verified in this merge, not known to be merged yet)."""
    audit_section: AuditPrefix | None
    expected: dict[str, tuple[str | None, str]] | None = None
    """A calibration round's: per task of its rows, the gold answer's canonical JSON
    (None: the task has none) and the issued form; None when its server-only section
    holds no gold answers (or for any other result)."""
    facts: bool = True
    """The rows carry their answers' facts (else the transaction works them out)."""

    @property
    def name(self) -> str:
        return self.reviewer.name

    def audit_entries(self) -> list[tuple[int, str]]:
        """(number, hash) of the entries read."""
        return _numbered(self.audit_first, self.audit_hashes)

    def skipped_entries(self) -> list[tuple[int, str]]:
        """(number, hash) of the skipped entries not known to be merged."""
        base = self.skipped_base.entries if self.skipped_base is not None else 0
        return _numbered(base + 1, self.skipped_hashes)


def _numbered(first: int, hashes: str) -> list[tuple[int, str]]:
    return [(first + i, hashes[64 * i : 64 * i + 64]) for i in range(len(hashes) // 64)]


def _calibration(result: VerifiedResult, sealed: _Sealed) -> bool:
    """Whether the result answers a calibration round (its answered bundle's type, signed
    by this server, and its server-only section must say the same)."""
    calibration = result.task_manifest.type == CALIBRATION_KIND
    if calibration != (sealed.content.get("calibration") is True):
        raise BundleError(
            "The answered bundle's type and its server-only section disagree on whether it "
            "is a calibration round."
        )
    return calibration


def _require_project(store: MergedStore, project: str, calibration: bool) -> None:
    if not calibration and not store.holds_project(project):
        raise BundleError(
            f"This database holds no tasks of project {project!r}, so its answers cannot be "
            "checked against them.",
            hint="Merge the project's task archive first (--tasks PROJECT.server-tasks).",
        )


def _check(
    result: VerifiedResult,
    sealed: _Sealed,
    *,
    calibration: bool,
    texts: Callable[[str], dict[str, str] | None] | None,
    shown: Callable[[str], dict[str, Suggestion]],
    skipped_base: AuditPrefix | None,
    skipped_hashes: str = "",
    facts: bool = True,
) -> _Checked:
    """Every check of a verified result against what the server issued and against its
    own audit log (``texts`` and ``shown`` read the project's archive, when a row needs
    them), and what its merge writes. ``skipped_base``: see :attr:`_Checked.skipped_base`.
    ``facts``: work out the answers' facts here (else the transaction does)."""
    task_manifest = result.task_manifest
    issued = sealed.issued()
    check_result_rows(
        result.answers,
        issued,
        reviewer=result.reviewer.name,
        bundle_id=task_manifest.bundle_id,
        texts=texts,
        shown=shown,
    )
    bodies = check_audit_covers(
        result.answers, result.audit, result.audit_unhashed, whole=result.full_audit
    )
    check_first_answers_recorded(result.answers, result.full_audit, result.audit_unhashed)
    facts = facts and not calibration and result.opened.manifest.type != "adjudication"
    forms: dict[int, str] = {}  # the issued forms' JSON, by the form object
    rows: list[_Row] = []
    for row in result.answers:
        task_id = row["task_id"]
        schema = issued[task_id].schema
        form = forms.get(id(schema))
        if form is None:
            form = forms[id(schema)] = schema.dumps()
        order = tuple(str(v) for v in row["display_order"].values())
        answers = row["answers"]
        rows.append(
            (
                task_id,
                int(row["revision"]),
                bodies[task_id],
                canonical_json(row["display_order"]),
                order,
                str(row["saved_at"]),
                float(row["time_spent_s"]),
                str(row["status"]),
                canonical_json(row["suggestion"]) if "suggestion" in row else None,
                form,
                encode(schema, order, answers) if facts else None,
                answered(schema, answers) if facts else "",
            )
        )
    expected = None
    if calibration:
        gold = sealed.content.get("gold")
        if isinstance(gold, dict):
            expected = {
                row[_TASK]: (
                    canonical_json(gold[row[_TASK]])
                    if isinstance(gold.get(row[_TASK]), dict)
                    else None,
                    issued[row[_TASK]].schema.dumps(),
                )
                for row in rows
            }
    audit = result.audit
    return _Checked(
        reviewer=result.reviewer,
        hash=result.hash,
        chain=result.chain,
        sequence=result.sequence,
        previous=result.previous,
        kind=result.opened.manifest.type,
        bundle_id=result.opened.manifest.bundle_id,
        answered_bundle=task_manifest.bundle_id,
        answered_manifest_sha256=str(
            result.opened.manifest.extra["answers_bundle"]["manifest_sha256"]
        ),
        project=task_manifest.project,
        guidelines_sha256=str(task_manifest.extra.get("guidelines_sha256", "")),
        calibration=calibration,
        sealed_digest=result.sealed_sha256,
        rows=rows,
        audit_first=audit[0].seq if audit else 0,
        audit_hashes="".join(e.hash for e in audit),
        audit_skipped=result.audit_skipped,
        skipped_base=skipped_base,
        skipped_hashes=skipped_hashes,
        audit_section=result.audit_section,
        expected=expected,
        facts=facts,
    )


def _merge_one(
    store: MergedStore,
    server: SecretKey,
    result: VerifiedResult,
    path: Path,
    report: MergeReport,
    seen: _Seen | None = None,
    *,
    skipped: tuple[AuditPrefix | None, str] | None = None,
) -> BundleOutcome:
    """Check a verified result against the database's archive and merge it.
    ``skipped``: the ``skipped_base`` and ``skipped_hashes`` of :class:`_Checked` (None:
    the skipped part of the log, if any, was found in the database)."""
    seen = seen if seen is not None else _Seen()
    opened_sealed = seen.sealed(result.opened.sections["sealed.age"], result.sealed_sha256, server)
    calibration = _calibration(result, opened_sealed)
    project = result.task_manifest.project
    _require_project(store, project, calibration)
    sealed = opened_sealed.content
    checked = _check(
        result,
        opened_sealed,
        calibration=calibration,
        # A calibration round's items are no tasks of the project's archive.
        texts=None if calibration else _archive_texts(store, project, result.answers),
        shown=lambda task_id: _shown_suggestions(store, project, sealed, task_id),
        skipped_base=result.audit_skipped if skipped is None else skipped[0],
        skipped_hashes="" if skipped is None else skipped[1],
    )
    return _merge_checked(store, checked, path, opened_sealed.rows, seen)


def _merge_checked(
    store: MergedStore,
    checked: _Checked,
    path: Path,
    sealed_rows: Callable[[], SealedRows],
    seen: _Seen,
) -> BundleOutcome:
    """A checked result merged in one transaction (or the reason it is refused)."""

    def write() -> BundleOutcome:
        return _write_one(store, checked, path, sealed_rows, seen)

    # One reviewer's bundles are merged one at a time (their chain and answers).
    seen.begin()
    with translated_errors(store.path), _bundle_savepoint(store.db):
        outcome = store.db.write(write, lock=f"reviewer/{checked.reviewer.fingerprint}")
    seen.committed()
    return outcome


_SAVEPOINT = "docket_bundle"


@contextlib.contextmanager
def _bundle_savepoint(db: Db) -> Iterator[None]:
    """Inside a group's transaction (:class:`_Group`), one bundle's writes in a savepoint
    of their own: a bundle refused (or stopped) halfway is rolled back alone, the bundles
    merged before it in the group stay. Outside one, nothing: the bundle's own
    transaction is all or nothing already."""
    if not isinstance(db, SqliteDb) or not db.conn.in_transaction:
        yield
        return
    group = _OPEN_GROUPS.get(db)
    db.execute(f"SAVEPOINT {_SAVEPOINT}")
    if group is not None:
        group.bundle_open = True
    try:
        yield
    except BaseException:
        db.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
        db.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}")
        if group is not None:
            group.bundle_open = False
        raise
    db.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}")
    if group is not None:
        group.bundle_open = False


MERGE_CACHE_KIB = 128 * 1024
"""The page cache of a large merge's connection, at most (SQLite takes it as it needs
it). Each result's answers land all over the answers' task index and the answer facts
(kept in task order); with the usual 8 MB most of those pages were read and decrypted
again at every bundle (over results 700 to 800 of a million answers, 1.6 GB read
against 1.1 GB with a cache of 256 MB, which peaked as this one there)."""
MERGE_CHECKPOINT_PAGES = 40_000
"""A large merge's connection copies its write-ahead log into the database once the log
holds this many pages (160 MB; SQLite's usual 1,000). A page changed by several
transactions meanwhile (the indexes' pages each reviewer's results come back to) is
copied once: over results 700 to 800 of a million answers, 0.9 GB written instead of
1.2 GB, and about a tenth less CPU in the merging process. The log is emptied when the
store is closed."""


@contextlib.contextmanager
def _merge_connection(store: MergedStore) -> Iterator[None]:
    """The merge's connection with a page cache of :data:`MERGE_CACHE_KIB` at most and
    its log copied into the database every :data:`MERGE_CHECKPOINT_PAGES` pages, as it
    was after."""
    db = store.db
    if not isinstance(db, SqliteDb):
        yield
        return
    (cache,) = db.execute("PRAGMA cache_size").fetchone()
    (pages,) = db.execute("PRAGMA wal_autocheckpoint").fetchone()
    db.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")
    db.execute(f"PRAGMA wal_autocheckpoint = {MERGE_CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")
        db.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")


GROUP_BUNDLES = 16
"""At most this many bundles' merges share one transaction of the embedded store."""
GROUP_SECONDS = 0.5
"""A group's transaction commits once it has been open this long (the write lock is not
held longer for other merges of the same file, nor is more work lost to a crash)."""

_OPEN_GROUPS: weakref.WeakKeyDictionary[SqliteDb, _Group] = weakref.WeakKeyDictionary()


class _Group:
    """Consecutive bundles merged in one transaction of the embedded store (each in a
    savepoint of its own, :func:`_bundle_savepoint`): a page of the database that several
    of them change (the tables' last pages, their indexes' shared pages, the chain's and
    the audit log's) is encrypted and written once per group instead of once per bundle,
    and the file is synced once per group. Every check and every outcome is the bundle's
    own, as in a transaction of its own: a refused bundle is rolled back alone.

    The transaction commits after :data:`GROUP_BUNDLES` bundles, after
    :data:`GROUP_SECONDS`, before the merging process waits for its worker (:meth:`commit`:
    the write lock is never held while waiting), and when the merge ends. When it stops
    (Ctrl+C, a failed or killed worker, any error), the bundles merged whole in the group
    are committed and a bundle stopped halfway is rolled back: the database holds the
    merge of the bundles before the one it stopped at, as when each had a transaction of
    its own. A crash of the merging process itself loses the group's bundles whole (never
    part of one): merged again, they are merged as new. The team store keeps one
    transaction per bundle (a transaction PostgreSQL refuses is tried again whole)."""

    def __init__(self, store: MergedStore) -> None:
        self._db = store.db if isinstance(store.db, SqliteDb) else None
        self._began = 0.0
        self._bundles = 0
        """Bundles merged (or refused) in the open transaction."""
        self.bundle_open = False
        """A bundle's savepoint is open (its merge has begun and not ended)."""

    def begin(self) -> None:
        """Before a bundle's merge: the group's transaction, begun if none is open."""
        db = self._db
        if db is None or db.conn.in_transaction:
            return
        with translated_errors(db.path):
            begin_write(db.sqlite)
        self._began = time.monotonic()
        self._bundles = 0
        _OPEN_GROUPS[db] = self

    def bundle_done(self) -> None:
        """After a bundle's merge: commit when the group is full or has been open long
        enough."""
        self._bundles += 1
        if self._bundles >= GROUP_BUNDLES or time.monotonic() - self._began >= GROUP_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the bundles merged so far (nothing when no transaction is open)."""
        db = self._db
        if db is None or not db.conn.in_transaction:
            return
        _OPEN_GROUPS.pop(db, None)
        try:
            with translated_errors(db.path):
                db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise

    def __enter__(self) -> _Group:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        """The merge ended (or stopped): the bundles merged whole are committed, one
        stopped halfway rolled back first."""
        db = self._db
        if db is None or not db.conn.in_transaction:
            return
        if self.bundle_open:  # stopped between a savepoint and its end
            try:
                db.conn.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
                db.conn.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}")
            except Exception:
                _OPEN_GROUPS.pop(db, None)
                db.conn.execute("ROLLBACK")  # in doubt: the whole group, never part of one
                raise
        self.commit()


def _write_one(
    store: MergedStore,
    result: _Checked,
    path: Path,
    sealed_rows: Callable[[], SealedRows],
    seen: _Seen,
) -> BundleOutcome:
    """The writing half of :func:`_merge_one`, in its transaction."""
    db = store.db
    reviewer = result.reviewer
    fp, name = reviewer.fingerprint, reviewer.name
    chain = result.chain
    digest = result.hash
    project = result.project
    _continue_audit(db, chain, result, name)
    if db.execute("SELECT 1 FROM merged WHERE hash = ?", (digest,)).fetchone():
        return BundleOutcome(
            path, "duplicate", "already merged (a duplicate or a replay); nothing changed", name
        )
    taken = db.execute(
        "SELECT hash FROM chain WHERE chain = ? AND sequence = ?", (chain, result.sequence)
    ).fetchone()
    if taken is not None:
        raise ReplayError(
            f"Fork: {name} already has a different result bundle with sequence {result.sequence}."
        )
    before = db.execute(
        "SELECT hash FROM chain WHERE chain = ? AND sequence = ?",
        (chain, result.sequence - 1),
    ).fetchone()
    if before is not None and before[0] != result.previous:
        raise ReplayError(
            f"Broken chain: sequence {result.sequence} of {name} does not follow the merged "
            f"sequence {result.sequence - 1}."
        )
    after = db.execute(
        "SELECT previous FROM chain WHERE chain = ? AND sequence = ?",
        (chain, result.sequence + 1),
    ).fetchone()
    if after is not None and after[0] != digest:
        raise ReplayError(
            f"Broken chain: the merged sequence {result.sequence + 1} of {name} "
            "does not follow "
            f"this bundle."
        )
    db.execute(
        "INSERT INTO reviewers (fingerprint, name, card) VALUES (?, ?, ?) "
        "ON CONFLICT (fingerprint) DO NOTHING",
        (fp, name, reviewer.dumps()),
    )
    db.execute(
        "INSERT INTO chain (chain, sequence, hash, previous) VALUES (?, ?, ?, ?)",
        (chain, result.sequence, digest, result.previous),
    )
    _record_audit_prefix(db, chain, result.audit_section)
    if result.calibration:
        new, updated = _merge_calibration(db, fp, project, result)
        _record_merged(db, digest, result, fp, "calibration")
        return BundleOutcome(
            path, "accepted", f"sequence {result.sequence}", name, new, updated, True
        )
    db.execute(
        upsert(
            "issued",
            ("bundle_id", "reviewer", "project", "manifest_sha256", "guidelines_sha256"),
            ("bundle_id",),
            update=False,
        ),
        (
            result.answered_bundle,
            fp,
            project,
            result.answered_manifest_sha256,
            result.guidelines_sha256,
        ),
    )
    seen.store_sealed(db, sealed_rows, project)
    new = updated = 0
    if result.kind == "adjudication":
        for row in result.rows:
            current = db.execute(
                "SELECT revision, lead FROM adjudications WHERE project = ? AND task_id = ?",
                (project, row[_TASK]),
            ).fetchone()
            if current is not None and current[1] == fp and current[0] >= row[_REVISION]:
                continue
            db.execute(
                upsert(
                    "adjudications",
                    ("project", "task_id", "lead", "revision", "body", "saved_at", "bundle"),
                    ("project", "task_id"),
                ),
                (project, row[_TASK], fp, row[_REVISION], row[_BODY], row[_SAVED], digest),
            )
            new, updated = (new + 1, updated) if current is None else (new, updated + 1)
        result_rows: list[_Row] = []
    else:
        result_rows = result.rows
    # One read of this reviewer's current revisions, one batch of writes.
    current = _current(db, "answers", fp, project, result_rows)
    winners = _winners(result_rows, current, result)
    db.executemany(
        upsert(
            "answers",
            (
                "reviewer",
                "task_id",
                "project",
                "revision",
                "body",
                "display_order",
                "saved_at",
                "time_spent_s",
                "status",
                "bundle",
                "checked",
                "suggestion",
            ),
            ("reviewer", "project", "task_id"),
            values=("?",) * 10 + ("1", "?"),
        ),
        [
            (
                fp,
                row[_TASK],
                project,
                row[_REVISION],
                row[_BODY],
                row[_ORDER],
                row[_SAVED],
                row[_SPENT],
                row[_STATUS],
                digest,
                row[_SUGGESTION],
            )
            for row in winners
        ],
    )
    # What agreement reads of each answer, in the same transaction as the answer.
    write_facts(
        db,
        project,
        [
            (
                row[_TASK],
                fp,
                row[_REVISION],
                row[_SHOWN],
                row[_BODY],
                row[_SAVED],
                row[_SPENT],
            )
            for row in winners
        ],
        store.facts_forms,
        given=[(row[_FORM], row[_FACTS], row[_ANSWERED]) for row in winners]
        if result.facts
        else None,
    )
    updated += sum(1 for r in winners if r[_TASK] in current and _newer(r, current))
    new += sum(1 for r in winners if r[_TASK] not in current)
    _record_merged(db, digest, result, fp, result.kind)
    return BundleOutcome(path, "accepted", f"sequence {result.sequence}", name, new, updated)


def _record_merged(db: Db, digest: str, result: _Checked, fp: str, kind: str) -> None:
    """That this bundle was merged (a replay of it then changes nothing); ``kind`` is the
    result's type, or ``calibration`` for a result answering a calibration round."""
    db.execute(
        "INSERT INTO merged "
        "(hash, bundle_id, reviewer, sequence, answered_bundle, kind, answers, merged_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            digest,
            result.bundle_id,
            fp,
            result.sequence,
            result.answered_bundle,
            kind,
            len(result.rows),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def _merge_calibration(db: Db, fp: str, project: str, result: _Checked) -> tuple[int, int]:
    """A calibration result's answers into ``calibration`` (the highest revision wins, as
    for answers), each with its expected answers and form from the sealed section."""
    expected = result.expected
    if expected is None:
        raise BundleError("The calibration round's server-only section holds no gold answers.")
    current = _current(db, "calibration", fp, project, result.rows)
    winners = _winners(result.rows, current, result)
    rows = []
    for row in winners:
        gold, schema = expected[row[_TASK]]
        if gold is None:
            raise BundleError(f"Calibration task {row[_TASK]!r} has no gold answer.")
        rows.append(
            (
                fp, project, row[_TASK], row[_REVISION], row[_BODY], row[_ORDER],
                row[_SAVED], row[_SPENT], row[_STATUS], result.hash, gold, schema,
            )
        )  # fmt: skip
    db.executemany(
        upsert(
            "calibration",
            ("reviewer", "project", "task_id", "revision", "body", "display_order", "saved_at",
             "time_spent_s", "status", "bundle", "expected", "schema"),
            ("reviewer", "project", "task_id"),
        ),
        rows,
    )  # fmt: skip
    updated = sum(1 for r in winners if r[_TASK] in current and _newer(r, current))
    return sum(1 for r in winners if r[_TASK] not in current), updated


Stored = dict[str, tuple[int, tuple[int, str]]]


def _current(db: Db, table: str, fp: str, project: str, rows: Sequence[_Row]) -> Stored:
    """Per task of ``rows``, the revision a reviewer's stored answer has, and the
    (sequence, hash) of the result bundle it was taken from (sequence -1 where that bundle
    is not on record). Read by the rows' tasks, 500 at a time: a reviewer's later results
    do not read every answer merged before."""
    wanted = sorted({r[_TASK] for r in rows})
    found: Stored = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(
            (str(t), (int(rev), (-1 if seq is None else int(seq), str(b))))
            for t, rev, seq, b in db.execute(
                f"SELECT a.task_id, a.revision, m.sequence, a.bundle FROM {table} a "
                "LEFT JOIN merged m ON m.hash = a.bundle WHERE a.reviewer = ? AND a.project = ? "
                f"AND a.task_id IN ({', '.join('?' * len(chunk))})",
                (fp, project, *chunk),
            ).fetchall()
        )
    return found


def _newer(row: _Row, current: Stored) -> bool:
    return row[_REVISION] > current[row[_TASK]][0]


def _winners(rows: list[_Row], current: Stored, result: _Checked) -> list[_Row]:
    """The rows that replace the stored answers: a higher revision; at the same revision
    (the same answer in several bundles of a workspace), the one of the earliest bundle,
    so that which bundle an answer is taken from does not depend on the arrival order."""
    here = (result.sequence, result.hash)
    return [
        r
        for r in rows
        if r[_TASK] not in current
        or _newer(r, current)
        or (r[_REVISION] == current[r[_TASK]][0] and here < current[r[_TASK]][1])
    ]


def _archive_texts(
    store: MergedStore, project: str, rows: Sequence[dict[str, Any]]
) -> Callable[[str], dict[str, str] | None]:
    """A task's texts from the project's archive (spans and PII are checked against them),
    or None when the archive lacks the task. The first task asked for reads those of every
    row of the result at once: a few queries per bundle, not one per answer."""
    loaded: dict[str, str] | None = None

    def texts(task_id: str) -> dict[str, str] | None:
        nonlocal loaded
        if loaded is None:
            wanted = sorted({str(r["task_id"]) for r in rows})
            loaded = {}
            with translated_errors(store.path):
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start : start + 500]
                    loaded.update(
                        store.db.execute(
                            "SELECT id, task FROM tasks WHERE project = ? "
                            f"AND id IN ({', '.join('?' * len(chunk))})",
                            (project, *chunk),
                        ).fetchall()
                    )
        body = loaded.get(task_id)
        return None if body is None else archived_texts(json.loads(body))

    return texts


def _shown_suggestions(
    store: MergedStore, project: str, sealed: dict[str, Any], task_id: str
) -> dict[str, Suggestion]:
    """The suggestions a result's reviewer was shown for a task, by agent: the agents the
    answered bundle's sealed section names for it (never for a gold item), their
    suggestions as the project's archive keeps them."""
    suggested = sealed.get("suggested")
    gold = sealed.get("gold") or {}
    if not isinstance(suggested, dict) or task_id in gold:
        return {}
    agents = suggested.get(task_id)
    if not isinstance(agents, list) or not agents:
        return {}
    with translated_errors(store.path):
        row = store.db.execute(
            "SELECT task FROM tasks WHERE project = ? AND id = ?", (project, task_id)
        ).fetchone()
    if row is None:
        return {}
    try:
        listed = json.loads(row[0]).get("suggestions")
        if listed is None:
            return {}
        archived = [Suggestion.from_json(s) for s in listed]
    except (SuggestionError, ValueError, TypeError):
        raise BundleError(
            f"The archive's suggestions for task {task_id!r} are malformed."
        ) from None
    return {s.agent: s for s in archived if s.agent in agents}


def _continue_audit(db: Db, chain: str, result: _Checked, name: str) -> None:
    """The workspace's audit log only grows: every entry must equal the entry of the same
    number in every result of this workspace merged before (in any order). The entries
    of a skipped part of the log not known to be merged (the merge worker's, from a result
    verified but perhaps refused since) are compared too, unless that part is the longest
    log merged of the workspace."""
    entries = result.audit_entries()
    skipped = result.audit_skipped
    if (
        skipped is not None
        and result.skipped_base != skipped
        and _audit_prefix(db, chain) != skipped
    ):
        entries = result.skipped_entries() + entries
    if not entries:
        return
    known = dict(
        db.execute(
            "SELECT seq, hash FROM audit WHERE chain = ? AND seq BETWEEN ? AND ?",
            (chain, entries[0][0], entries[-1][0]),
        ).fetchall()
    )
    for seq, digest in entries:
        if known.get(seq, digest) != digest:
            raise BundleError(
                f"The audit log of {name}'s workspace was rewritten: entry {seq} differs "
                "from the one in a result merged before."
            )
    db.executemany(
        upsert("audit", ("chain", "seq", "hash"), ("chain", "seq"), update=False),
        [(chain, seq, digest) for seq, digest in entries if seq not in known],
    )


# The pipelined merge: a worker process reads and checks the next bundles (Verifier)
# while this one writes the current one (_Applier); docket.server.merge_worker runs it.


class _NeedsArchive(Exception):
    """A check of the result reads the project's archive (a task's texts, the suggestions
    its reviewer was shown): the merging process, which holds the database, checks it."""


def _needs_archive(task_id: str) -> Any:
    raise _NeedsArchive(task_id)


class _Recent:
    """The last ``keep`` values by key. The worker and the merging process each keep one
    of these, updated by the same calls in the same order (one per result message that
    carries server-only rows), so the worker sends a section's rows only when the
    merging process does not hold them."""

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._items: dict[str, Any] = {}

    def get(self, key: str) -> tuple[bool, Any]:
        if key not in self._items:
            return False, None
        value = self._items.pop(key)
        self._items[key] = value  # the most recent last
        return True, value

    def put(self, key: str, value: Any) -> None:
        self._items[key] = value
        while len(self._items) > self._keep:
            del self._items[next(iter(self._items))]


VERIFIED_LOGS_KEPT = 32
"""Reviewer workspaces whose latest verified audit log the worker keeps (the hashes of its
entries: 64 bytes each) to read only what a next result adds to it."""

SAME_ROWS = "same"
"""Sent instead of a server-only section's rows equal to the rows sent last: the merging
process takes the object it holds (and compares nothing again)."""

Verdict = tuple[Any, ...]
"""What the worker sends for one bundle: ``("rejected", reason)`` (it did not verify),
``("refused", reason, reviewer, after)`` (a check failed; ``after`` is ``(project,
calibration)`` when the check came after the database's project check, whose refusal
then comes first), ``("checked", _Checked, rows)`` (``rows``: the server-only section's
rows when the merging process does not hold them yet, or :data:`SAME_ROWS`; else None)
or ``("full", VerifiedResult, skipped_base, skipped_hashes)`` (a check needs the
archive: the merging process does all the checks)."""


class Verifier:
    """The read-only half of merging one bundle after another, as the merge worker runs
    it: each file read once, decrypted, verified whole (signature, sections, the answered
    bundle, the audit chain) and checked against what the server issued and against its
    audit log, with no database. ``merged``: the longest audit log merged of each
    workspace (:func:`merged_prefixes`) when the merge began.

    A result's log is read after the part of it already verified: the log of the
    workspace's result this worker verified last in this merge (which may yet be refused
    when it is merged), else the log merged before. The hashes of that part's entries go
    with the result, so that the merging process compares them with the merged ones when
    that part turns out not to be a merged log (:func:`_continue_audit`)."""

    def __init__(
        self, server: SecretKey, cards: list[PublicCard], merged: dict[str, AuditPrefix]
    ) -> None:
        self._server = server
        self._lookup = keyring(cards)
        self._merged = merged
        self._verified: dict[str, tuple[AuditPrefix, AuditPrefix | None, str]] = {}
        """chain -> (the log verified last, its part merged before, the hashes of the
        entries after that part)."""
        self._seen = _Seen()
        self._sent = _Recent(_Seen.KEEP)
        self._last_rows: SealedRows | None = None

    def verdict(self, path: Path, *, facts: bool = True) -> Verdict:
        """``path`` read and checked; ``facts``: the answers' facts worked out too."""
        used: list[tuple[AuditPrefix, AuditPrefix | None, str]] = []

        def known(chain: str) -> AuditPrefix | None:
            found = self._verified.get(chain)
            if found is None and (merged := self._merged.get(chain)) is not None:
                found = (merged, merged, "")
            if found is not None:
                used.append(found)
                return found[0]
            return None

        try:
            result = read_result_bundle(
                read_bundle_file(path, MAX_RESULT_BYTES), self._server, self._lookup, known
            )
        except BundleError as exc:
            return ("rejected", exc.message)
        base, hashes = (used[0][1], used[0][2]) if result.audit_skipped is not None else (None, "")
        name = result.reviewer.name
        try:
            sealed = self._seen.sealed(
                result.opened.sections["sealed.age"], result.sealed_sha256, self._server
            )
            calibration = _calibration(result, sealed)
        except DocketError as exc:
            return ("refused", exc.message, name, None)
        message: Verdict
        try:
            checked = _check(
                result,
                sealed,
                calibration=calibration,
                texts=None if calibration else _needs_archive,
                shown=_needs_archive,
                skipped_base=base,
                skipped_hashes=hashes,
                facts=facts,
            )
        except _NeedsArchive:
            message = ("full", result, base, hashes)
        except DocketError as exc:
            return ("refused", exc.message, name, (result.task_manifest.project, calibration))
        else:
            rows: SealedRows | str | None = None
            if not calibration:
                found, _ = self._sent.get(checked.sealed_digest)
                if not found:
                    self._sent.put(checked.sealed_digest, True)
                    given = sealed.rows()
                    # Every reviewer's section of one batch of tasks gives equal rows.
                    rows = SAME_ROWS if given == self._last_rows else given
                    self._last_rows = given
            message = ("checked", checked, rows)
        self._keep_log(result, base, hashes)
        return message

    def _keep_log(self, result: VerifiedResult, base: AuditPrefix | None, hashes: str) -> None:
        section = result.audit_section
        if section is None:
            return
        read = "".join(e.hash for e in result.audit)
        self._verified.pop(result.chain, None)
        self._verified[result.chain] = (
            (section, None, read)
            if result.audit_skipped is None
            else (section, base, hashes + read)
        )
        while len(self._verified) > VERIFIED_LOGS_KEPT:
            del self._verified[next(iter(self._verified))]


def merged_prefixes(store: MergedStore) -> dict[str, AuditPrefix]:
    """The longest audit log merged of each reviewer workspace (see :class:`AuditPrefix`)."""
    with translated_errors(store.path):
        rows = store.db.execute(
            "SELECT key, value FROM meta WHERE key LIKE ?", (AUDIT_PREFIX_KEY + "%",)
        ).fetchall()
    found = {}
    for key, value in rows:
        try:
            prefix = AuditPrefix.from_json(json.loads(value))
        except ValueError:
            continue
        if prefix is not None:
            found[str(key)[len(AUDIT_PREFIX_KEY) :]] = prefix
    return found


class _Applier:
    """The writing half: each bundle's verdict from the worker merged as
    :func:`_read_and_merge` merges a bundle it read itself, to the same outcome."""

    def __init__(
        self, store: MergedStore, server: SecretKey, report: MergeReport, seen: _Seen
    ) -> None:
        self._store = store
        self._server = server
        self._report = report
        self._seen = seen
        self._rows = _Recent(_Seen.KEEP)
        self._last_rows: SealedRows | None = None

    def apply(self, path: Path, message: Verdict) -> BundleOutcome:
        store = self._store
        kind = message[0]
        if kind == "rejected":
            return BundleOutcome(path, "rejected", message[1])
        if kind == "refused":
            _, reason, name, after = message
            if after is not None:
                try:
                    _require_project(store, *after)
                except DocketError as exc:
                    reason = exc.message
            return BundleOutcome(path, "rejected", reason, name)
        if kind == "full":
            _, result, base, hashes = message
            try:
                return _merge_one(
                    store, self._server, result, path, self._report, self._seen,
                    skipped=(base, hashes),
                )  # fmt: skip
            except DocketError as exc:
                return BundleOutcome(path, "rejected", exc.message, result.reviewer.name)
        _, checked, sent = message
        rows: SealedRows | None = None
        if not checked.calibration:
            found, rows = self._rows.get(checked.sealed_digest)
            if sent is not None:
                rows = self._last_rows if sent == SAME_ROWS else sent
                self._rows.put(checked.sealed_digest, rows)
                self._last_rows = rows
            elif not found:
                raise RuntimeError("The merge worker did not send a server-only section's rows.")
        try:
            _require_project(store, checked.project, checked.calibration)
            given: SealedRows = rows if rows is not None else {}
            return _merge_checked(store, checked, path, lambda: given, self._seen)
        except DocketError as exc:
            return BundleOutcome(path, "rejected", exc.message, checked.name)


def merge_pipelined(
    paths: Sequence[Path],
    *,
    server: SecretKey,
    cards: list[PublicCard],
    store: MergedStore,
    report: MergeReport,
    progress: Progress | None = None,
) -> None:
    """:func:`merge_results` with a worker process reading and checking the bundles
    ahead of this one, which merges them in order (:mod:`docket.server.merge_worker`).
    While the worker starts, this process reads and merges the first bundles itself;
    the worker then begins with the next one."""
    from docket.server.merge_worker import MergeWorker

    seen = _Seen()
    applier = _Applier(store, server, report, seen)
    lookup = keyring(cards)
    with (
        MergeWorker(server, cards, list(paths)) as worker,
        _merge_connection(store),
        _Group(store) as group,
    ):
        index = 0
        while index < len(paths) and not worker.ready():
            if progress is not None:
                progress(index, len(paths), paths[index])
            with paused_gc():
                report.outcomes.append(
                    _read_and_merge(store, server, lookup, paths[index], report, seen)
                )
            index += 1
        if index < len(paths):  # else the worker is ended as it starts
            worker.start(index, merged_prefixes(store))
        waits = 0
        for at in range(index, len(paths)):
            path = paths[at]
            if progress is not None:
                progress(at, len(paths), path)
            # The answers' facts go to whichever process waits for the other: this one
            # when it has waited for the worker at three bundles in a row, the worker
            # when it was ahead three times in a row.
            ahead = worker.ahead()
            waits = max(waits, 0) + 1 if not ahead else min(waits, 0) - 1
            if waits in (3, -3):
                worker.work_out_facts(waits < 0)
            if not ahead:  # about to wait for the worker: commit meanwhile
                group.commit()
            message = worker.receive()
            group.begin()
            with paused_gc():
                report.outcomes.append(applier.apply(path, message))
            group.bundle_done()
