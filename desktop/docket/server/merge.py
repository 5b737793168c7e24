"""``docket merge``: verify result bundles, then fold them into the merged database.

Every bundle is verified completely before the database is touched (signature by a
keyring card, addressed to this server, the answered task bundle signed by this server
and issued to that reviewer, sections and audit chain intact). Then, in one transaction
per bundle, it is checked against the reviewer's chain as recorded so far and merged:

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

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
from docket.core.bulk import paused_gc
from docket.core.pii import finding_problems, task_texts
from docket.core.rules import canonical_json
from docket.core.suggestions import Suggestion, SuggestionError
from docket.core.tasks import Task
from docket.errors import BundleError, DocketError, ReplayError
from docket.server.answer_facts import write_facts
from docket.server.merged_store import MergedStore
from docket.server.pii_masking import PLACEHOLDER
from docket.server.result_checks import (
    IssuedTask,
    archived_texts,
    check_audit_covers,
    check_first_answers_recorded,
    check_result_rows,
    issued_tasks,
)
from docket.server.sql import Db, upsert
from docket.store.db import translated_errors


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


def _store_sealed_rows(db: Db, given: SealedRows, project: str) -> None:
    """Every result of a project carries the same: only rows that are new or differ are
    written, in task order, so that concurrent merges of the project's results neither
    rewrite the same rows nor wait on each other for them (nor deadlock on their order)."""
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
        db.executemany(
            upsert(table, ("project", "task_id", *columns), ("project", "task_id")),
            [
                (project, task_id, *values)
                for task_id, values in sorted(rows.items())
                if stored.get(task_id) != values
            ],
        )


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
        self._stored: dict[str, tuple[str, int]] = {}
        """project -> (digest of the section whose rows were last stored or found equal,
        the database's data version then)."""
        self._pending: dict[str, tuple[str, int]] = {}

    def sealed(self, data: bytes, digest: str, server: SecretKey) -> _Sealed:
        """The section ``data``, whose SHA-256 (checked) is ``digest``, opened."""
        found = self._sealed.pop(digest, None)
        if found is None:
            try:
                content = json.loads(age_layer.decrypt(data, [server.identity()]))
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

    def store_sealed(self, db: Db, sealed: _Sealed, project: str) -> None:
        """:func:`_store_sealed`, in the bundle's transaction; left out when this merge
        stored (or found) the same section's rows last and no other connection has
        committed since (SQLite's ``data_version``: our own commits do not change it)."""
        version = (
            int(db.execute("PRAGMA data_version").fetchone()[0]) if db.dialect == "sqlite" else None
        )
        if version is not None and self._stored.get(project) == (sealed.digest, version):
            return
        _store_sealed_rows(db, sealed.rows(), project)
        self._pending = {} if version is None else {project: (sealed.digest, version)}

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


def _record_audit_prefix(db: Db, chain: str, result: VerifiedResult) -> None:
    """Keep this result's audit section as its workspace's known prefix when it is longer
    than the one kept (in the merge's transaction: only a merged result's log counts)."""
    section = result.audit_section
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
) -> MergeReport:
    report = MergeReport()
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


def _merge_one(
    store: MergedStore,
    server: SecretKey,
    result: VerifiedResult,
    path: Path,
    report: MergeReport,
    seen: _Seen | None = None,
) -> BundleOutcome:
    seen = seen if seen is not None else _Seen()
    fp, name = result.reviewer.fingerprint, result.reviewer.name
    task_manifest = result.task_manifest
    project = task_manifest.project
    opened_sealed = seen.sealed(result.opened.sections["sealed.age"], result.sealed_sha256, server)
    sealed = opened_sealed.content
    calibration = task_manifest.type == CALIBRATION_KIND
    if calibration != (sealed.get("calibration") is True):
        raise BundleError(
            "The answered bundle's type and its server-only section disagree on whether it "
            "is a calibration round."
        )
    if not calibration and not store.holds_project(project):
        raise BundleError(
            f"This database holds no tasks of project {project!r}, so its answers cannot be "
            "checked against them.",
            hint="Merge the project's task archive first (--tasks PROJECT.server-tasks).",
        )
    issued = opened_sealed.issued()
    adjudication = result.opened.manifest.type == "adjudication"
    check_result_rows(
        result.answers,
        issued,
        reviewer=name,
        bundle_id=task_manifest.bundle_id,
        # A calibration round's items are no tasks of the project's archive.
        texts=None if calibration else _archive_texts(store, project, result.answers),
        shown=lambda task_id: _shown_suggestions(store, project, sealed, task_id),
    )
    bodies = check_audit_covers(
        result.answers, result.audit, result.audit_unhashed, whole=result.full_audit
    )
    check_first_answers_recorded(result.answers, result.full_audit, result.audit_unhashed)

    def write() -> BundleOutcome:
        return _write_one(
            store, result, path, opened_sealed, issued, bodies, calibration=calibration,
            adjudication=adjudication, seen=seen,
        )  # fmt: skip

    # One reviewer's bundles are merged one at a time (their chain and answers).
    seen.begin()
    with translated_errors(store.path):
        outcome = store.db.write(write, lock=f"reviewer/{fp}")
    seen.committed()
    return outcome


def _write_one(
    store: MergedStore,
    result: VerifiedResult,
    path: Path,
    opened_sealed: _Sealed,
    issued: dict[str, IssuedTask],
    bodies: dict[str, str],
    *,
    calibration: bool,
    adjudication: bool,
    seen: _Seen,
) -> BundleOutcome:
    """The writing half of :func:`_merge_one`, in its transaction."""
    db = store.db
    sealed = opened_sealed.content
    reviewer = result.reviewer
    fp, name = reviewer.fingerprint, reviewer.name
    chain = result.chain
    digest = result.hash
    task_manifest = result.task_manifest
    project = task_manifest.project
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
    _record_audit_prefix(db, chain, result)
    if calibration:
        new, updated = _merge_calibration(db, fp, project, result, sealed, issued, bodies)
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
            task_manifest.bundle_id,
            fp,
            task_manifest.project,
            result.opened.manifest.extra["answers_bundle"]["manifest_sha256"],
            str(task_manifest.extra.get("guidelines_sha256", "")),
        ),
    )
    seen.store_sealed(db, opened_sealed, project)
    new = updated = 0
    if adjudication:
        for row in result.answers:
            current = db.execute(
                "SELECT revision, lead FROM adjudications WHERE project = ? AND task_id = ?",
                (project, row["task_id"]),
            ).fetchone()
            if current is not None and current[1] == fp and current[0] >= row["revision"]:
                continue
            db.execute(
                upsert(
                    "adjudications",
                    ("project", "task_id", "lead", "revision", "body", "saved_at", "bundle"),
                    ("project", "task_id"),
                ),
                (
                    project, row["task_id"], fp, int(row["revision"]),
                    canonical_json(row["answers"]), str(row["saved_at"]), digest,
                ),
            )  # fmt: skip
            new, updated = (new + 1, updated) if current is None else (new, updated + 1)
        result_rows: list[dict[str, Any]] = []
    else:
        result_rows = result.answers
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
                row["task_id"],
                project,
                int(row["revision"]),
                bodies[row["task_id"]],
                canonical_json(row["display_order"]),
                str(row["saved_at"]),
                float(row["time_spent_s"]),
                str(row["status"]),
                digest,
                canonical_json(row["suggestion"]) if "suggestion" in row else None,
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
                row["task_id"],
                fp,
                int(row["revision"]),
                row["display_order"],
                row["answers"],
                str(row["saved_at"]),
                float(row["time_spent_s"]),
            )
            for row in winners
        ],
        store.facts_forms,
    )
    updated += sum(1 for r in winners if r["task_id"] in current and _newer(r, current))
    new += sum(1 for r in winners if r["task_id"] not in current)
    _record_merged(db, digest, result, fp, result.opened.manifest.type)
    return BundleOutcome(path, "accepted", f"sequence {result.sequence}", name, new, updated)


def _record_merged(db: Db, digest: str, result: VerifiedResult, fp: str, kind: str) -> None:
    """That this bundle was merged (a replay of it then changes nothing); ``kind`` is the
    result's type, or ``calibration`` for a result answering a calibration round."""
    db.execute(
        "INSERT INTO merged "
        "(hash, bundle_id, reviewer, sequence, answered_bundle, kind, answers, merged_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            digest,
            result.opened.manifest.bundle_id,
            fp,
            result.sequence,
            result.task_manifest.bundle_id,
            kind,
            len(result.answers),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def _merge_calibration(
    db: Db,
    fp: str,
    project: str,
    result: VerifiedResult,
    sealed: dict[str, Any],
    issued: dict[str, IssuedTask],
    bodies: dict[str, str],
) -> tuple[int, int]:
    """A calibration result's answers into ``calibration`` (the highest revision wins, as
    for answers), each with its expected answers and form from the sealed section."""
    gold = sealed.get("gold")
    if not isinstance(gold, dict):
        raise BundleError("The calibration round's server-only section holds no gold answers.")
    current = _current(db, "calibration", fp, project, result.answers)
    winners = _winners(result.answers, current, result)
    rows = []
    for row in winners:
        expected = gold.get(row["task_id"])
        if not isinstance(expected, dict):
            raise BundleError(f"Calibration task {row['task_id']!r} has no gold answer.")
        rows.append(
            (
                fp, project, row["task_id"], int(row["revision"]), bodies[row["task_id"]],
                canonical_json(row["display_order"]), str(row["saved_at"]),
                float(row["time_spent_s"]), str(row["status"]), result.hash,
                canonical_json(expected), issued[row["task_id"]].schema.dumps(),
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
    updated = sum(1 for r in winners if r["task_id"] in current and _newer(r, current))
    return sum(1 for r in winners if r["task_id"] not in current), updated


Stored = dict[str, tuple[int, tuple[int, str]]]


def _current(db: Db, table: str, fp: str, project: str, rows: Sequence[dict[str, Any]]) -> Stored:
    """Per task of ``rows``, the revision a reviewer's stored answer has, and the
    (sequence, hash) of the result bundle it was taken from (sequence -1 where that bundle
    is not on record). Read by the rows' tasks, 500 at a time: a reviewer's later results
    do not read every answer merged before."""
    wanted = sorted({str(r["task_id"]) for r in rows})
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


def _newer(row: dict[str, Any], current: Stored) -> bool:
    return int(row["revision"]) > current[row["task_id"]][0]


def _winners(
    rows: list[dict[str, Any]], current: Stored, result: VerifiedResult
) -> list[dict[str, Any]]:
    """The rows that replace the stored answers: a higher revision; at the same revision
    (the same answer in several bundles of a workspace), the one of the earliest bundle,
    so that which bundle an answer is taken from does not depend on the arrival order."""
    here = (result.sequence, result.hash)
    return [
        r
        for r in rows
        if r["task_id"] not in current
        or _newer(r, current)
        or (int(r["revision"]) == current[r["task_id"]][0] and here < current[r["task_id"]][1])
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


def _continue_audit(db: Db, chain: str, result: VerifiedResult, name: str) -> None:
    """The workspace's audit log only grows: every entry must equal the entry of the same
    number in every result of this workspace merged before (in any order)."""
    entries = result.audit
    if not entries:
        return
    known = dict(
        db.execute(
            "SELECT seq, hash FROM audit WHERE chain = ? AND seq BETWEEN ? AND ?",
            (chain, entries[0].seq, entries[-1].seq),
        ).fetchall()
    )
    for entry in entries:
        if known.get(entry.seq, entry.hash) != entry.hash:
            raise BundleError(
                f"The audit log of {name}'s workspace was rewritten: entry {entry.seq} differs "
                "from the one in a result merged before."
            )
    db.executemany(
        upsert("audit", ("chain", "seq", "hash"), ("chain", "seq"), update=False),
        [(chain, e.seq, e.hash) for e in entries if e.seq not in known],
    )
