"""The dataset card ``docket dataset export`` writes beside the data: ``README.md``.

A Hugging Face dataset card: a YAML header (``pretty_name``, ``license``, ``language``
when it was given, ``task_categories``, ``size_categories``, ``configs`` naming the
exported file so that ``datasets.load_dataset(folder)`` finds it, ``tags``), then the
data's lineage, read from the merged database:

- the source tasks: the task bundles the results answered (id, manifest and guidelines
  SHA-256, as each result recorded them) and the server's task archive (its task count
  and a digest of the archived tasks);
- the result bundles merged (count, hashes, the dates they were merged);
- the guideline versions (hash, tasks of the archive under each, tasks answered);
- the reviewer pool, pseudonymous (:mod:`docket.server.pseudonyms`: nothing in the card
  names a reviewer or shows a key fingerprint), and the overlap (reviewers per task);
- agreement per question (Krippendorff's alpha, units), adjudications by outcome, gold
  accuracy per reviewer with its Wilson interval;
- what the export left out and why (:meth:`ExportSummary.left_out
  <docket.server.dataset.ExportSummary.left_out>`).

:func:`lineage` gathers the figures (a :class:`Lineage`; its reviewers are shown by the
labels the caller passes: pseudonyms here, perhaps names in a lead's own report) and
:func:`card_text` writes the markdown: both pure, no file written. :func:`write_card`
writes the file, and never over a ``README.md`` Docket did not write (:data:`MARKER`
tells Docket's own).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from docket.bundles.envelope import write_atomically
from docket.errors import DocketError
from docket.server.agreement import (
    GoldAccuracy,
    QuestionAgreement,
    agreement,
    facts_agreement,
    gold_accuracy,
    has_spans,
)
from docket.server.merged_store import MergedStore
from docket.server.report import EMPTY_SHA256
from docket.server.schemas import task_schemas
from docket.store.db import translated_errors

if TYPE_CHECKING:
    from docket.server.dataset import ExportSummary

CARD_NAME = "README.md"
MARKER = "<!-- docket:dataset-card v1 (written by `docket dataset export`, rewritten on each) -->"
"""The comment that marks a card Docket wrote: only such a README.md is ever replaced."""

DESCRIPTIONS = {
    "dpo": "preference pairs in TRL's format (prompt, chosen, rejected), one per resolved pair",
    "judgments": "every reviewer's latest judgment, one row per reviewer and task",
    "rubric": "rubric grades, one row per response and criterion graded",
    "healthbench": "expert-written criteria in HealthBench's format, one row per task and writer",
    "fine-grained": "marked spans in Fine-Grained RLHF's feedback layout, one row per "
    "marked response",
    "sft": "expert rewrites as chat `messages`, one row per rewrite",
}
TASK_CATEGORIES = {
    "dpo": ["text-generation", "reinforcement-learning"],
    "judgments": ["text-classification", "reinforcement-learning"],
    "rubric": ["text-classification"],
    "healthbench": ["text-generation"],
    "fine-grained": ["token-classification", "reinforcement-learning"],
    "sft": ["text-generation"],
}
FORMAT_TAGS = {
    "dpo": ["dpo", "preference"],
    "judgments": ["preference"],
    "rubric": ["rubric"],
    "healthbench": ["rubric", "healthbench"],
    "fine-grained": ["fine-grained-rlhf"],
    "sft": ["sft"],
}
NAMING_FIELDS = {
    "dpo": "`reviewers`",
    "judgments": "`reviewer` and `reviewer_fingerprint`",
    "rubric": "`reviewers`, `notes` and `lead`",
    "healthbench": "`prompt_id`",
    "fine-grained": "`annotator`",
    "sft": "`reviewer`",
}
"""The fields of each format's rows that name reviewers as the merged database does."""
SIZE_STEPS = ("1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T")
DEFAULT_LICENSE = "other"
LICENSE_ID = re.compile(r"[a-z0-9][a-z0-9.+-]{0,63}")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def check_license(license: str) -> str:
    """A Hugging Face license identifier (``cc-by-4.0``, ``mit``, ``other``…), or an error."""
    if not LICENSE_ID.fullmatch(license):
        raise DocketError(
            f"{license!r} is not a license identifier.",
            hint="Use a lowercase identifier such as cc-by-4.0, mit, apache-2.0 or other.",
        )
    return license


def check_language(code: str) -> str:
    """An ISO 639 language code, perhaps with a region (``en``, ``de``, ``pt-BR``), or an
    error."""
    if not LANGUAGE_CODE.fullmatch(code):
        raise DocketError(
            f"{code!r} is not a language code.", hint="Use an ISO 639 code such as en, de or pt-BR."
        )
    return code


# --- lineage -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskBundle:
    """A task bundle a merged result answered, as that result recorded it."""

    bundle_id: str
    manifest_sha256: str
    guidelines_sha256: str
    adjudication: bool
    """Disagreements packed for a lead, not tasks for reviewers."""


@dataclass(frozen=True, slots=True)
class ResultBundle:
    sha256: str
    bundle_id: str
    kind: str
    """``result`` (a reviewer's) or ``adjudication`` (a lead's)."""
    answers: int
    merged_at: str


@dataclass(frozen=True, slots=True)
class GuidelineVersion:
    sha256: str
    """The SHA-256 of the guidelines (that of no text for tasks packed without any; empty
    where the archive does not say; ``unknown`` where the issuing bundle is not on record)."""
    archived_tasks: int
    answered_tasks: int
    answers: int
    """Answers given under it (:meth:`MergedStore.guideline_coverage`)."""


@dataclass(slots=True)
class Lineage:
    """Where a project's data came from and how far it can be trusted: every figure of
    the dataset card. Reviewers appear only by the labels given to :func:`lineage`."""

    project: str
    archived_tasks: int
    archive_sha256: str
    """SHA-256 over the archived tasks as stored: per task in id order, one line holding
    the JSON array of its id, task text, form and guidelines hash; empty when no archive
    was merged. The same tasks merged anywhere give the same digest."""
    models: dict[str, int]
    """Model -> responses of the archive it wrote (``unnamed`` where the row named none)."""
    task_bundles: list[TaskBundle]
    results: list[ResultBundle]
    guidelines: list[GuidelineVersion]
    answers: int
    answered_tasks: int
    reviewers: dict[str, int]
    """Label -> answers merged."""
    leads: int
    overlap: dict[int, int]
    """Reviewers per task -> tasks answered by that many."""
    agreement: list[QuestionAgreement]
    adjudications: dict[str, int]
    """Outcome -> tasks adjudicated with it."""
    gold_items: int
    gold: list[GoldAccuracy]
    quarantined: int
    skipped: int = 0
    """Answers of an older database skipped as not fitting their task."""

    @property
    def merged_range(self) -> tuple[str, str] | None:
        """The first and last merge of the project's results (UTC), None before any."""
        dates = sorted(r.merged_at for r in self.results)
        return (dates[0], dates[-1]) if dates else None


def quarantined_answers(store: MergedStore) -> int:
    """The project's answers set aside by ``docket db quarantine`` (never exported)."""
    with translated_errors(store.path):
        row = store.db.execute(
            "SELECT count(*) FROM quarantine WHERE project = ?", (store.project,)
        ).fetchone()
    return int(row[0])


def task_bundles(store: MergedStore) -> list[TaskBundle]:
    """The project's task bundles that merged results answered, in id order."""
    with translated_errors(store.path):
        rows = store.db.execute(
            "SELECT i.bundle_id, i.manifest_sha256, COALESCE(i.guidelines_sha256, ''), "
            "EXISTS (SELECT 1 FROM merged m WHERE m.answered_bundle = i.bundle_id "
            "AND m.kind = 'adjudication') FROM issued i WHERE i.project = ? ORDER BY 1",
            (store.project,),
        ).fetchall()
    return [TaskBundle(str(b), str(m), str(g), bool(a)) for b, m, g, a in rows]


def result_bundles(store: MergedStore) -> list[ResultBundle]:
    """The project's merged result bundles, in the order they were merged."""
    with translated_errors(store.path):
        rows = store.db.execute(
            "SELECT m.hash, m.bundle_id, m.kind, m.answers, m.merged_at FROM merged m "
            "JOIN issued i ON i.bundle_id = m.answered_bundle WHERE i.project = ? "
            "ORDER BY m.merged_at, m.hash",
            (store.project,),
        ).fetchall()
    return [ResultBundle(str(h), str(b), str(k), int(n), str(t)) for h, b, k, n, t in rows]


def archive_digest(store: MergedStore) -> tuple[int, str]:
    """The number of archived tasks of the project and a SHA-256 over them (see
    :attr:`Lineage.archive_sha256`)."""
    digest = hashlib.sha256()
    count = 0
    with translated_errors(store.path):
        rows = store.db.execute(
            "SELECT id, task, schema, COALESCE(guidelines_sha256, '') FROM tasks "
            "WHERE project = ? ORDER BY id",
            (store.project,),
        )
        for row in rows:
            digest.update(json.dumps(list(row), ensure_ascii=False).encode() + b"\n")
            count += 1
    return count, digest.hexdigest() if count else ""


def guideline_versions(store: MergedStore, answered: set[str]) -> list[GuidelineVersion]:
    """Each guidelines version: the archive's tasks under it, how many of those were
    answered (``answered``: task ids), and the answers given under it as their task
    bundles record it; most tasks first."""
    by_hash: dict[str, list[str]] = defaultdict(list)
    with translated_errors(store.path):
        for task_id, sha in store.db.execute(
            "SELECT id, COALESCE(guidelines_sha256, '') FROM tasks WHERE project = ?",
            (store.project,),
        ):
            by_hash[str(sha)].append(str(task_id))
    coverage = store.guideline_coverage()
    versions = [
        GuidelineVersion(
            sha,
            len(by_hash.get(sha, ())),
            sum(1 for t in by_hash.get(sha, ()) if t in answered),
            coverage.get(sha, 0),
        )
        for sha in {*by_hash, *coverage}
    ]
    return sorted(versions, key=lambda v: (-v.archived_tasks, -v.answers, v.sha256))


def archive_models(store: MergedStore) -> dict[str, int]:
    """Per model, the responses of the project's archive it wrote, most first."""
    found = Counter(
        model or "unnamed"
        for responses in store.response_facts().values()
        for model, _ in responses.values()
    )
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def lineage(store: MergedStore, labels: Mapping[str, str]) -> Lineage:
    """Every figure of the card for the store's project. ``labels`` maps each reviewer's
    key fingerprint to how the card shows them (:func:`docket.server.pseudonyms.pseudonyms`);
    statistics are computed over the labelled answers, so no name reaches the result."""
    answers = [replace(a, reviewer_name=labels[a.reviewer]) for a in store.answers()]
    schemas = task_schemas(store)
    # From the answers' facts where they give every figure (as `docket agreement` does):
    # decoding a million answers' units again costs half a minute of CPU.
    fast = (
        None
        if has_spans(schemas)
        else facts_agreement(store, schemas, lambda fingerprint, _: labels[fingerprint])
    )
    per_task: dict[str, set[str]] = defaultdict(set)
    for a in answers:
        per_task[a.task_id].add(a.reviewer)
    archived, archive_sha = archive_digest(store)
    gold = store.gold()
    adjudicated = store.adjudications()
    with translated_errors(store.path):
        leads = store.db.execute(
            "SELECT count(DISTINCT lead) FROM adjudications WHERE project = ?", (store.project,)
        ).fetchone()[0]
    return Lineage(
        project=store.project,
        archived_tasks=archived,
        archive_sha256=archive_sha,
        models=archive_models(store),
        task_bundles=task_bundles(store),
        results=result_bundles(store),
        guidelines=guideline_versions(store, set(per_task)),
        answers=len(answers),
        answered_tasks=len(per_task),
        reviewers=dict(sorted(Counter(a.reviewer_name for a in answers).items())),
        leads=int(leads),
        overlap=dict(sorted(Counter(len(r) for r in per_task.values()).items())),
        agreement=fast.questions if fast is not None else agreement(answers, schemas=schemas),
        adjudications=dict(
            sorted(Counter(str(v.get("outcome", "")) for _, v in adjudicated.values()).items())
        ),
        gold_items=len(gold),
        gold=gold_accuracy(answers, gold, schemas),
        quarantined=quarantined_answers(store),
        skipped=len(set(store.warnings)),
    )


# --- the card ------------------------------------------------------------------------


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that any YAML 1.1 or 1.2 reader reads back
    as exactly ``text``: printable characters kept, everything else escaped."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F or (code >= 0xA0 and ch.isprintable() and code != 0xFEFF):
            out.append(ch)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def size_category(rows: int) -> str:
    """Hugging Face's size category of a dataset of ``rows`` rows (``n<1K``,
    ``1K<n<10K`` … ``n>1T``)."""
    limit = 1000
    lower = None
    for step in SIZE_STEPS:
        if rows < limit:
            return f"n<{step}" if lower is None else f"{lower}<n<{step}"
        lower, limit = step, limit * 10
    return f"n>{SIZE_STEPS[-1]}"


def card_header(
    *,
    project: str,
    fmt: str,
    data_file: str,
    rows: int,
    license: str = DEFAULT_LICENSE,
    languages: tuple[str, ...] = (),
) -> str:
    """The YAML header, between its ``---`` lines."""
    name = f"{project or 'Docket'}: {fmt} (expert review)"
    lines = [
        "---",
        f"pretty_name: {yaml_string(name)}",
        f"license: {yaml_string(license)}",
    ]
    if languages:
        lines += ["language:", *(f"- {yaml_string(lang)}" for lang in languages)]
    lines += ["task_categories:", *(f"- {c}" for c in TASK_CATEGORIES.get(fmt, ()))]
    tags = ["docket", "human-feedback", "expert-review", *FORMAT_TAGS.get(fmt, [])]
    lines += [
        "size_categories:",
        f"- {yaml_string(size_category(rows))}",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        f"    path: {yaml_string(_glob_escaped(data_file))}",
        "tags:",
        *(f"- {t}" for t in tags),
        "---",
    ]
    return "\n".join(lines) + "\n"


def _glob_escaped(name: str) -> str:
    """A file name as a ``data_files`` pattern that matches only that file."""
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def card_text(
    lineage: Lineage,
    summary: ExportSummary,
    *,
    fmt: str,
    data_file: str,
    license: str = DEFAULT_LICENSE,
    languages: tuple[str, ...] = (),
    written_at: str | None = None,
) -> str:
    """The whole card: header, then the lineage in plain markdown (numbers as text)."""
    when = written_at or datetime.now(UTC).isoformat(timespec="seconds")
    out = [
        card_header(
            project=lineage.project,
            fmt=fmt,
            data_file=data_file,
            rows=summary.rows,
            license=license,
            languages=languages,
        ),
        MARKER,
        "",
        f"# {_md(lineage.project or 'Unnamed project')}: {fmt} data",
        "",
        f"`{_code(data_file)}` holds {_n(summary.rows, 'row')}: "
        f"{DESCRIPTIONS.get(fmt, fmt)}, one JSON object a line. It was exported by "
        f"`docket dataset export --format {fmt}` on {when} from a merged database of expert "
        "judgments collected offline in signed, encrypted bundles (Docket).",
        "",
        *_license_lines(license),
        *_left_out(lineage, summary, fmt),
        *_sources(lineage),
        *_results(lineage),
        *_guidelines(lineage),
        *_reviewers(lineage, fmt),
        *_agreement(lineage),
        *_adjudication(lineage),
        *_gold(lineage),
        *_pii(summary),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def _license_lines(license: str) -> list[str]:
    lines = ["## License", ""]
    if license == DEFAULT_LICENSE:
        lines.append(
            "`other`: no license was chosen at export. Whoever publishes this data should "
            "set one (`docket dataset export --license ID`, an identifier such as "
            "`cc-by-4.0`) that the source tasks and the reviewers' agreements allow."
        )
    else:
        lines.append(
            f"`{_code(license)}`, as chosen at export; the source tasks' own terms apply too."
        )
    return [*lines, ""]


def _left_out(lineage: Lineage, summary: ExportSummary, fmt: str) -> list[str]:
    lines = ["## What was left out, and why", ""]
    found = summary.left_out(fmt)
    if not found and not lineage.answers:
        lines.append("Nothing to leave out: no answers are merged yet.")
    elif not found:
        lines.append("Nothing: every answer of the merged database that fits this format is in it.")
    else:
        lines += [f"- {x}" for x in found]
    if fmt == "dpo":
        lines += [
            "",
            "Ties carry no preference and unresolved disagreements no settled one (a lead's "
            "adjudication settles them); a rewrite equal to the response it started from "
            "says nothing over it.",
        ]
    return [*lines, ""]


def _sources(lineage: Lineage) -> list[str]:
    lines = ["## Source tasks", ""]
    if lineage.archived_tasks:
        lines.append(
            f"The server's task archive (written by `docket pack`, merged with `--tasks`) "
            f"holds {_n(lineage.archived_tasks, 'task')} of this project; SHA-256 over the "
            f"archived tasks: `{lineage.archive_sha256}`."
        )
    else:
        lines.append(
            "No task archive was merged: the task texts, models and guideline hashes are "
            "missing (merge again with `--tasks PROJECT.server-tasks`)."
        )
    lines.append("")
    if lineage.models:
        lines += [
            "Models that wrote the responses (the reviewers saw them blind, by opaque ids):",
            "",
            "| Model | Responses |",
            "| --- | --- |",
            *(f"| {_md(m)} | {n} |" for m, n in lineage.models.items()),
            "",
        ]
    bundles = lineage.task_bundles
    if not bundles:
        lines.append("No result answering a task bundle was merged yet.")
        return [*lines, ""]
    adjudication = sum(1 for b in bundles if b.adjudication)
    lines += [
        f"{_n(len(bundles), 'task bundle')} answered ({adjudication} of them disagreements "
        "packed for adjudication), with the SHA-256 of each manifest as the results recorded it:",
        "",
        "| Bundle | Kind | Manifest SHA-256 | Guidelines SHA-256 |",
        "| --- | --- | --- | --- |",
        *(
            f"| `{_code(b.bundle_id)}` | {'adjudication' if b.adjudication else 'tasks'} | "
            f"`{b.manifest_sha256}` | {_sha(b.guidelines_sha256)} |"
            for b in bundles
        ),
    ]
    return [*lines, ""]


def _results(lineage: Lineage) -> list[str]:
    lines = ["## Result bundles merged", ""]
    span = lineage.merged_range
    if span is None:
        return [*lines, "None yet: nothing was merged for this project.", ""]
    kinds = Counter(r.kind for r in lineage.results)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    lines += [
        f"{_n(len(lineage.results), 'bundle')} ({parts}), merged from {span[0]} to {span[1]} "
        f"(UTC), holding {_n(lineage.answers, 'current answer')} to "
        f"{_n(lineage.answered_tasks, 'task')}:",
        "",
        "| SHA-256 | Bundle | Kind | Answers | Merged at |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| `{r.sha256}` | `{_code(r.bundle_id)}` | {r.kind} | {r.answers} | {r.merged_at} |"
            for r in lineage.results
        ),
    ]
    return [*lines, ""]


def _guidelines(lineage: Lineage) -> list[str]:
    lines = ["## Guideline versions", ""]
    if not lineage.guidelines:
        return [*lines, "Unknown: no task archive was merged.", ""]
    lines += [
        "Each version is the SHA-256 of the guidelines text the tasks were packed with.",
        "",
        "| Guidelines SHA-256 | Tasks in the archive | Tasks answered | Answers under it |",
        "| --- | --- | --- | --- |",
        *(
            f"| {_sha(v.sha256)} | {v.archived_tasks} | {v.answered_tasks} | {v.answers} |"
            for v in lineage.guidelines
        ),
    ]
    return [*lines, ""]


def _reviewers(lineage: Lineage, fmt: str) -> list[str]:
    lines = ["## Reviewers", ""]
    if not lineage.reviewers:
        return [*lines, "No reviewer's answers were merged yet.", ""]
    lines += [
        f"{_n(len(lineage.reviewers), 'reviewer')}, shown by pseudonym: a keyed hash of the "
        "reviewer's key that stays the same in every card of this server and tells nobody "
        "without the server's key who it is."
        + (f" {_n(lineage.leads, 'lead')} adjudicated disagreements." if lineage.leads else ""),
        "",
        "| Reviewer | Answers |",
        "| --- | --- |",
        *(f"| {who} | {n} |" for who, n in lineage.reviewers.items()),
        "",
        "Overlap (how many reviewers answered each task):",
        "",
        "| Reviewers per task | Tasks |",
        "| --- | --- |",
        *(f"| {k} | {n} |" for k, n in lineage.overlap.items()),
    ]
    if fmt in NAMING_FIELDS:
        lines += [
            "",
            f"The data rows themselves name the reviewers as the merged database knows them "
            f"({NAMING_FIELDS[fmt]}): replace those before publishing if the reviewers are "
            "to stay anonymous.",
        ]
    return [*lines, ""]


def _agreement(lineage: Lineage) -> list[str]:
    lines = ["## Agreement", ""]
    if not lineage.agreement:
        return [
            *lines,
            "None measured: agreement needs two reviewers answering the same task, and no "
            "question was answered that way.",
            "",
        ]
    lines += [
        "Per question, over the units two or more reviewers judged: Krippendorff's alpha "
        "(95 % bootstrap interval below 200 units) and percentage agreement.",
        "",
        "| Question | Level | Units | Krippendorff's alpha | 95 % interval | Agreement |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for q in lineage.agreement:
        alpha = _num(q.krippendorff_alpha)
        interval = (
            "n/a"
            if q.alpha_interval is None
            else f"{q.alpha_interval[0]:.3f} to {q.alpha_interval[1]:.3f}"
        )
        pct = "n/a" if q.percent_agreement is None else f"{100 * q.percent_agreement:.1f} %"
        lines.append(
            f"| {_md(q.question)} | {q.level} | {q.units} | {alpha} | {interval} | {pct} |"
        )
    if any(q.krippendorff_alpha is None for q in lineage.agreement):
        lines += [
            "",
            "n/a: alpha is undefined where every judgment of the question had the same value "
            "(nothing varied, so agreement beyond chance cannot be told).",
        ]
    return [*lines, ""]


def _adjudication(lineage: Lineage) -> list[str]:
    lines = ["## Adjudication", ""]
    if not lineage.adjudications:
        return [*lines, "No task was adjudicated.", ""]
    total = sum(lineage.adjudications.values())
    lines += [
        f"{_n(total, 'task')} settled by a lead (the lead's verdict outranks the reviewers'):",
        "",
        "| Outcome | Tasks |",
        "| --- | --- |",
        *(f"| {_md(o or 'none given')} | {n} |" for o, n in lineage.adjudications.items()),
    ]
    return [*lines, ""]


def _gold(lineage: Lineage) -> list[str]:
    lines = ["## Gold accuracy", ""]
    if not lineage.gold_items:
        return [*lines, "No gold items: the tasks were packed without `--gold`.", ""]
    if not lineage.gold:
        return [
            *lines,
            f"{_n(lineage.gold_items, 'gold item')}, none answered with a preference yet.",
            "",
        ]
    lines += [
        f"{_n(lineage.gold_items, 'gold item')} (tasks with a known answer, hidden among "
        "the others); how often each reviewer preferred the known better response, with a "
        "Wilson 95 % interval:",
        "",
        "| Reviewer | Correct | Answered | Accuracy | 95 % interval |",
        "| --- | --- | --- | --- | --- |",
    ]
    for g in lineage.gold:
        acc = "n/a" if g.accuracy is None else f"{100 * g.accuracy:.1f} %"
        interval = (
            "n/a"
            if g.interval is None
            else f"{100 * g.interval[0]:.1f} % to {100 * g.interval[1]:.1f} %"
        )
        lines.append(f"| {g.reviewer} | {g.correct} | {g.total} | {acc} | {interval} |")
    return [*lines, ""]


def _pii(summary: ExportSummary) -> list[str]:
    """The PII scan of the data file (counts per type and severity, never a text), and
    with ``--redact`` what was masked."""
    pii = summary.pii
    if pii is None:
        return []
    out = ["## PII", ""]
    if pii.redacted:
        masked = sum(pii.masked.values())
        out.append(
            f"Exported with `--redact`: {_n(masked, 'placeholder')} written in place of PII "
            "(what the detector found and no reviewer dismissed, what reviewers marked, and "
            "what the detector found in reviewers' own text)"
            + (": " + ", ".join(f"{_md(t)} {n:,}" for t, n in pii.masked.items()) if masked else "")
            + "."
        )
        out.append("")
    if pii.restored:
        out += [
            "**This file holds the originals of masked PII** (`--restore-pii`): it is for the "
            "server's own use and must not be released.",
            "",
        ]
    if pii.found:
        out += [
            "A scan of every text field of the file with Docket's detector finds:",
            "",
            "| Type | High | Medium | Low |",
            "| --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {_md(t)} | {per.get('high', 0):,} | {per.get('medium', 0):,} | "
            f"{per.get('low', 0):,} |"
            for t, per in pii.found.items()
        ]
        out.append("")
    else:
        out += ["A scan of every text field of the file with Docket's detector finds no PII.", ""]
    if pii.redacted:
        out.append(
            "No high-severity finding remains."
            if pii.high == 0
            else f"Still found: {_n(pii.high, 'high-severity finding')}; review before release."
        )
        out.append("")
    if pii.truncated:
        out += [
            f"{_n(pii.truncated, 'text')} longer than the detector reads were scanned in part.",
            "",
        ]
    return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _sha(sha: str) -> str:
    if sha == EMPTY_SHA256:
        return f"`{sha}` (no guidelines)"
    if sha == "unknown":
        return "unknown (issuing bundle not on record)"
    return f"`{sha}`" if sha else "not recorded"


def _md(text: str) -> str:
    """Text for a markdown table cell or heading: pipes, backslashes, markup and line
    breaks made literal."""
    out = text.replace("\\", "\\\\").replace("|", "\\|")
    for ch in "`*_[]<>#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _code(text: str) -> str:
    """Text for inside a code span (backticks, which would end it, and line breaks dropped)."""
    return " ".join(text.replace("`", "'").split())


# --- the file ------------------------------------------------------------------------


def card_path(data_file: Path) -> Path:
    return data_file.parent / CARD_NAME


def check_card_writable(data_file: Path) -> Path:
    """Where the card of ``data_file`` goes; refuses (before anything is written) a folder
    whose README.md Docket did not write, and a data file that is to be called README.md."""
    path = card_path(data_file)
    if data_file.name.lower() == CARD_NAME.lower():
        raise DocketError(
            f"{data_file} would be overwritten by its own dataset card ({CARD_NAME}).",
            hint="Give the data file another name, such as train.jsonl.",
        )
    if path.exists() or path.is_symlink():
        try:
            ours = path.is_file() and not path.is_symlink() and MARKER in path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            ours = False
        if not ours:
            raise DocketError(
                f"{path} exists and was not written by Docket: refusing to overwrite it "
                "with the dataset card.",
                hint="Export into a folder of its own (the card goes beside the data "
                f"file), or move {path.name} away.",
            )
    return path


def write_card(data_file: Path, text: str) -> Path:
    """Write the card beside ``data_file`` atomically (checked again just before)."""
    path = check_card_writable(data_file)
    write_atomically(path, text.encode("utf-8"))
    return path
