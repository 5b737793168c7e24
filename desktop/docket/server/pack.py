"""``docket pack``: one signed, encrypted task bundle per reviewer.

Each task goes to ``overlap`` distinct reviewers, balancing load (the least-loaded
reviewers take the next task; ties broken in a rotating order). Gold items (known
answers) go to every reviewer, interleaved at seeded positions and indistinguishable
from other tasks; their answers travel only in the sealed, server-only section.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.bundles.envelope import distinct_cards, write_atomically
from docket.bundles.keys import PublicCard, SecretKey
from docket.bundles.task_bundle import build_task_bundle
from docket.core.schema import Schema, default_schema
from docket.core.task_loading import LoadedRow, read_tasks_jsonl
from docket.core.tasks import Task
from docket.errors import DocketError, TaskFormatError
from docket.server.result_checks import issued_section

BUNDLE_SUFFIX = ".docket"
ARCHIVE_SUFFIX = ".server-tasks"
MAX_REPORTED_ERRORS = 20


@dataclass(frozen=True, slots=True)
class PackedBundle:
    reviewer: str
    path: Path
    bundle_id: str
    manifest_sha256: str
    tasks: int
    gold: int


@dataclass(frozen=True, slots=True)
class PackResult:
    bundles: list[PackedBundle]
    skipped_lines: list[TaskFormatError]
    summary_path: Path
    archive: Path
    """The server's own copy of all tasks (for ``docket merge --tasks``)."""


def assign(task_ids: Sequence[str], reviewers: Sequence[str], overlap: int) -> dict[str, list[str]]:
    """Each task to ``overlap`` distinct reviewers; loads differ by at most one."""
    if not reviewers:
        raise DocketError("At least one reviewer is needed.")
    if not 1 <= overlap <= len(reviewers):
        raise DocketError(
            f"--overlap {overlap} needs between 1 and {len(reviewers)} reviewers per task.",
            hint="Lower --overlap or add reviewers.",
        )
    load = {r: 0 for r in reviewers}
    out: dict[str, list[str]] = {r: [] for r in reviewers}
    for i, task_id in enumerate(task_ids):
        rotation = {r: (j - i) % len(reviewers) for j, r in enumerate(reviewers)}
        chosen = sorted(reviewers, key=lambda r: (load[r], rotation[r]))[:overlap]
        for r in chosen:
            load[r] += 1
            out[r].append(task_id)
    return out


def _gold_answers(row: LoadedRow, raw: dict[str, Any] | None) -> dict[str, Any]:
    if raw and isinstance(raw.get("gold"), dict):
        return dict(raw["gold"])
    if row.reference.get("chosen"):
        return {"preference": {"better": row.reference["chosen"]}}
    raise TaskFormatError(
        "a gold row needs a 'gold' object of known answers, or 'chosen'/'rejected'",
        source="gold",
        line=row.line,
    )


def _load(path: Path, skip_bad: bool, what: str) -> tuple[list[LoadedRow], list[TaskFormatError]]:
    result = read_tasks_jsonl(path)
    if result.errors and not skip_bad:
        shown = "\n".join(f"  {e.message}" for e in result.errors[:MAX_REPORTED_ERRORS])
        more = len(result.errors) - MAX_REPORTED_ERRORS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        raise DocketError(
            f"{len(result.errors)} bad line(s) in the {what} file; "
            f"nothing was written:\n{shown}{tail}",
            hint="Fix the lines, or pass --skip-bad to pack the good ones only.",
        )
    if not result.rows:
        raise DocketError(f"The {what} file {path} holds no tasks.")
    return result.rows, result.errors


def pack(
    tasks_path: Path,
    *,
    server: SecretKey,
    reviewers: Sequence[PublicCard],
    out_dir: Path,
    overlap: int = 1,
    gold_path: Path | None = None,
    schema: Schema | None = None,
    guidelines: str = "",
    expires_days: int | None = 90,
    project: str | None = None,
    skip_bad: bool = False,
) -> PackResult:
    distinct_cards(reviewers, what="reviewer cards")  # one name, key id, recipient: one reviewer
    names = [r.name for r in reviewers]
    rows, skipped = _load(tasks_path, skip_bad, "tasks")
    gold_rows: list[LoadedRow] = []
    gold: dict[str, dict[str, Any]] = {}
    if gold_path is not None:
        gold_rows, gold_skipped = _load(gold_path, skip_bad, "gold")
        skipped += gold_skipped
        # Line numbers as the loader counts them: split on b"\n" only.
        raw_lines = gold_path.read_bytes().split(b"\n")
        for row in gold_rows:
            gold[row.task.id] = _gold_answers(row, json.loads(raw_lines[row.line - 1]))
    ids = [r.task.id for r in rows]
    overlap_ids = set(ids) & set(gold)
    if overlap_ids:
        raise DocketError(
            f"Task id {sorted(overlap_ids)[0]!r} is in both the tasks and the gold file."
        )
    project = project or tasks_path.stem
    by_id: dict[str, LoadedRow] = {r.task.id: r for r in [*rows, *gold_rows]}
    defaults: dict[int, Schema] = {}

    def schema_of(task: Task) -> Schema:
        n = len(task.responses)
        return schema or defaults.setdefault(n, default_schema(n))

    plan = assign(ids, names, overlap)
    packed: list[PackedBundle] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: list[tuple[Path, bytes, PackedBundle]] = []
    for card in reviewers:
        order = _interleave(plan[card.name], list(gold), seed=f"{project}\0{card.name}")
        tasks = [(by_id[t].task, schema_of(by_id[t].task)) for t in order]
        sealed = {
            "gold": {t: gold[t] for t in order if t in gold},
            "reference": {t: by_id[t].reference for t in order if by_id[t].reference},
            "issued": issued_section(tasks),
        }
        data, manifest = build_task_bundle(
            tasks=tasks,
            server=server,
            reviewer=card,
            project=project,
            guidelines=guidelines,
            sealed=sealed,
            expires_days=expires_days,
        )
        path = out_dir / f"{_safe(project)}-{card.name}{BUNDLE_SUFFIX}"
        info = PackedBundle(
            card.name,
            path,
            manifest.bundle_id,
            hashlib.sha256(manifest.to_bytes()).hexdigest(),
            len(tasks),
            len(sealed["gold"]),
        )
        outputs.append((path, data, info))
    # The server's own copy of every task (encrypted and signed to itself): what
    # `docket merge --tasks` reads so that datasets can carry the prompts and responses.
    everything = [(r.task, schema_of(r.task)) for r in [*rows, *gold_rows]]
    archive_data, _ = build_task_bundle(
        tasks=everything,
        server=server,
        reviewer=server.card(),
        project=project,
        guidelines=guidelines,
        sealed={
            "gold": gold,
            "reference": {r.task.id: r.reference for r in [*rows, *gold_rows] if r.reference},
        },
        expires_days=None,
    )
    archive = out_dir / f"{_safe(project)}{ARCHIVE_SUFFIX}"
    # Nothing is written until every bundle was built.
    for path, data, info in outputs:
        write_atomically(path, data)
        packed.append(info)
    write_atomically(archive, archive_data)
    summary = out_dir / f"{_safe(project)}-pack.json"
    write_atomically(
        summary,
        json.dumps(
            {
                "project": project,
                "overlap": overlap,
                "bundles": [
                    {
                        "reviewer": b.reviewer,
                        "file": b.path.name,
                        "bundle_id": b.bundle_id,
                        "manifest_sha256": b.manifest_sha256,
                        "tasks": b.tasks,
                        "gold": b.gold,
                    }
                    for b in packed
                ],
            },
            indent=2,
        ).encode(),
    )
    return PackResult(packed, skipped, summary, archive)


def _interleave(tasks: list[str], gold: list[str], *, seed: str) -> list[str]:
    """Gold items at seeded positions among the reviewer's tasks."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    out = list(tasks)
    for g in gold:
        out.insert(rng.randint(0, len(out)), g)
    return out


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:80] or "project"
