"""``docket report``: what a lead decides from, computed from the merged database.

:func:`build_report` reads the project's answer facts (:mod:`docket.server.report_facts`;
the answers themselves where the facts cannot give every figure) and computes the model
scorecard (:mod:`docket.server.report_scorecard`), the quality figures
(:mod:`docket.server.report_quality`), the release-readiness criteria and a summary in
plain words; :mod:`docket.server.report_html` writes it as one self-contained HTML file.

Nothing here fails on thin data: an empty database, one reviewer, no gold items or no
model names each leave their figures empty and add a sentence to :attr:`Report.missing`
saying what is missing and how to get it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from docket.core.bulk import paused_gc
from docket.core.pii import summary_counts
from docket.core.pii_answers import reviewed_findings
from docket.core.schema import PiiQuestion, Schema
from docket.server.agreement import (
    GoldAccuracy,
    QuestionAgreement,
    agreement,
    facts_agreement,
    gold_accuracy,
)
from docket.server.calibration import CalibrationScore, calibration_scores
from docket.server.judge import JudgeFigures, store_judges
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.ratings import Outcome, pairwise_outcomes
from docket.server.report_facts import FactFigures, fact_figures
from docket.server.report_quality import (
    TARGET_AGREEMENT,
    PairMatrix,
    Timing,
    WindowAgreement,
    agreement_over_time,
    answers_per_day,
    flags_over_time,
    main_question,
    pair_matrix,
    question_units,
    reviewer_agreement_rank,
    timing,
    weekly_windows,
)
from docket.server.report_scorecard import (
    BOOTSTRAP_ROUNDS,
    SEED,
    FlagRate,
    LengthCheck,
    LikertScore,
    Ratings,
    flag_rates,
    length_check,
    likert_scores,
    model_ratings,
    model_ratings_of_cells,
)
from docket.server.reviewer_names import distinct_names
from docket.server.rubric_agreement import ModelScore, rubric_report
from docket.server.schemas import Schemas, schema_for, task_schemas
from docket.server.verdicts import answer_votes, verdicts_of_votes

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
"""The guidelines version of a bundle packed without guidelines."""
GOLD_TARGET = 0.80
"""The gold accuracy every reviewer must reach."""

Status = Literal["pass", "fail", "not assessed"]


@dataclass(frozen=True, slots=True)
class Criterion:
    """One row of the release-readiness table."""

    name: str
    status: Status
    figure: str
    """The numbers behind the status, in words."""
    target: str


@dataclass(frozen=True, slots=True)
class Overview:
    project: str
    tasks_archived: int
    tasks_answered: int
    answers: int
    reviewers: int
    bundles: int
    adjudicated: int
    gold_items: int
    quarantined: int


@dataclass(slots=True)
class Report:
    overview: Overview
    generated_at: str
    anonymised: bool
    ratings: Ratings | None
    likert: list[LikertScore]
    rubric: list[ModelScore]
    flags: list[FlagRate]
    length: LengthCheck | None
    agreements: list[QuestionAgreement]
    main_question: QuestionAgreement | None
    matrix: PairMatrix | None
    reviewer_kappa: dict[str, float | None]
    gold: list[GoldAccuracy]
    timing: Timing
    calibration: list[CalibrationScore]
    per_day: dict[str, dict[str, int]]
    weekly: bool
    drift: list[WindowAgreement]
    flags_over_time: dict[str, dict[str, int]]
    unresolved: int
    guidelines: dict[str, int]
    readiness: list[Criterion]
    summary: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    judges: list[JudgeFigures] = field(default_factory=list)
    """Per AI agent whose suggestions were packed: :mod:`docket.server.judge`."""
    pii: PiiStatus | None = None
    """What counts as PII in the project's tasks once reviewers have spoken."""

    @property
    def ready(self) -> bool:
        """Every assessed criterion passes, and at least one was assessed."""
        assessed = [c for c in self.readiness if c.status != "not assessed"]
        return bool(assessed) and all(c.status == "pass" for c in assessed)


def build_report(
    store: MergedStore,
    *,
    pseudonyms: Mapping[str, str] | None = None,
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = SEED,
    now: datetime | None = None,
) -> Report:
    """Every figure of the report for the store's project. ``pseudonyms`` (key
    fingerprint -> pseudonym, :func:`docket.server.pseudonyms.pseudonyms`) replaces every
    reviewer's name before anything is computed, so no name can reach the report.

    The cycle collector is paused meanwhile: the answers are millions of small objects
    that hold no cycles, and every collection would walk them all
    (:func:`docket.core.bulk.paused_gc`)."""
    with paused_gc():
        return _build_report(store, pseudonyms, rounds, seed, now)


def _build_report(
    store: MergedStore,
    pseudonyms: Mapping[str, str] | None,
    rounds: int,
    seed: int,
    now: datetime | None,
) -> Report:
    adjudications = store.adjudications()
    gold = store.gold()
    figures = fact_figures(store, None, adjudications, gold, pseudonyms, seed=seed)
    if figures is not None:
        return _report_from_facts(
            store, figures, pseudonyms, rounds, seed, now, figures.schemas, adjudications, gold
        )
    schemas = task_schemas(store)
    answers: list[MergedAnswer] = distinct_names(store.answers())
    if pseudonyms is not None:
        answers = [
            replace(a, reviewer_name=pseudonyms.get(a.reviewer, "reviewer-?")) for a in answers
        ]
    facts = store.response_facts()
    counts = store.counts()

    overview = Overview(
        store.project,
        store.task_count(),
        len({a.task_id for a in answers}),
        len(answers),
        len({a.reviewer for a in answers}),
        counts["bundles"],
        len(adjudications),
        len(gold),
        counts["quarantined"],
    )
    calibration = calibration_scores(store)
    if pseudonyms is not None:
        calibration = [
            replace(c, reviewer=pseudonyms.get(c.fingerprint, "reviewer-?"), fingerprint="")
            for c in calibration
        ]
    outcomes: list[Outcome] = pairwise_outcomes(store, answers)
    if pseudonyms is not None:
        outcomes = [replace(o, judge="") for o in outcomes]
    models = {t: {r: f[0] for r, f in rs.items()} for t, rs in facts.items()}
    rubric = rubric_report(answers, schemas, adjudications, models, seed=seed)
    # From the answers' facts where every answer has them (the same figures, without
    # building every unit again), else from the answers.
    labels = None if pseudonyms is None else (lambda fp, _: pseudonyms.get(fp, "reviewer-?"))
    fast = facts_agreement(store, schemas, labels, seed=seed)
    agreements = (
        fast.questions if fast is not None else agreement(answers, schemas=schemas, seed=seed)
    )
    main = main_question(agreements)
    units = question_units(answers, schemas, main) if main is not None else {}
    matrix = pair_matrix(main.question, units) if main is not None else None
    weekly = weekly_windows(answers)
    votes = answer_votes(answers, schemas)
    unresolved = sum(
        1
        for task_id, pairs in verdicts_of_votes(answers, votes).items()
        if task_id not in adjudications and any(v.resolution == "unresolved" for v in pairs)
    )
    report = Report(
        overview=overview,
        generated_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        anonymised=pseudonyms is not None,
        ratings=model_ratings(outcomes, rounds=rounds, seed=seed),
        likert=likert_scores(answers, schemas, facts),
        rubric=[] if rubric is None else rubric.scores,
        flags=flag_rates(answers, schemas, facts),
        length=length_check(answers, votes, facts),
        agreements=agreements,
        main_question=main,
        matrix=matrix,
        reviewer_kappa=reviewer_agreement_rank(matrix) if matrix is not None else {},
        gold=gold_accuracy(answers, gold, schemas),
        timing=timing(answers, schemas),
        calibration=calibration,
        per_day=answers_per_day(answers),
        weekly=weekly,
        drift=agreement_over_time(answers, main, units, weekly) if main is not None else [],
        flags_over_time=flags_over_time(answers, schemas, weekly),
        unresolved=unresolved,
        guidelines=store.guideline_coverage(),
        readiness=[],
    )
    report.judges = store_judges(store, pseudonyms)
    report.pii = pii_status(store, answers, schemas)
    report.readiness = readiness(report)
    report.missing = missing(report, bool(facts))
    report.summary = summary(report)
    report.warnings = list(store.warnings)
    return report


def _report_from_facts(
    store: MergedStore,
    fast: FactFigures,
    pseudonyms: Mapping[str, str] | None,
    rounds: int,
    seed: int,
    now: datetime | None,
    schemas: Schemas,
    adjudications: dict[str, tuple[str, dict[str, Any]]],
    gold: dict[str, dict[str, Any]],
) -> Report:
    """:func:`build_report` from the answers' facts (:mod:`docket.server.report_facts`):
    the same figures, without decoding the answers."""
    overview = Overview(
        store.project,
        store.task_count(),
        fast.tasks_answered,
        fast.answers,
        fast.reviewers,
        store.bundle_count(),
        len(adjudications),
        len(gold),
        store.quarantined_count(),
    )
    calibration = calibration_scores(store)
    if pseudonyms is not None:
        calibration = [
            replace(c, reviewer=pseudonyms.get(c.fingerprint, "reviewer-?"), fingerprint="")
            for c in calibration
        ]
    agreements = fast.agreement.questions
    matrix = fast.matrix
    report = Report(
        overview=overview,
        generated_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        anonymised=pseudonyms is not None,
        ratings=model_ratings_of_cells(fast.cells, rounds=rounds, seed=seed),
        likert=fast.likert,
        rubric=[],
        flags=fast.flags,
        length=fast.length,
        agreements=agreements,
        main_question=fast.main,
        matrix=matrix,
        reviewer_kappa=reviewer_agreement_rank(matrix) if matrix is not None else {},
        gold=gold_accuracy(fast.gold_answers, gold, schemas),
        timing=fast.timing,
        calibration=calibration,
        per_day=fast.per_day,
        weekly=fast.weekly,
        drift=fast.drift,
        flags_over_time=fast.flags_over_time,
        unresolved=fast.unresolved,
        guidelines=store.guideline_coverage(),
        readiness=[],
    )
    report.judges = store_judges(store, pseudonyms)
    report.pii = pii_status(store, fast.pii_answers, schemas)
    report.readiness = readiness(report)
    report.missing = missing(report, fast.archived)
    report.summary = summary(report)
    report.warnings = list(store.warnings)
    return report


# --- release readiness ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PiiStatus:
    """PII in the project's tasks: the findings recorded at pack time that no reviewer
    dismissed, plus the stretches reviewers marked (:func:`reviewed_findings`)."""

    tasks: int
    """Tasks of the project's archive."""
    scanned: int
    """Of them, those the archive records a PII scan for (``docket pack`` with ``--pii``)."""
    masked: int
    """Tasks packed with ``--pii mask`` that had PII to mask (their texts count as clean)."""
    counts: dict[str, dict[str, int]]
    """Type -> severity -> count of what remains."""

    @property
    def high(self) -> int:
        return sum(per.get("high", 0) for per in self.counts.values())


def pii_status(store: MergedStore, answers: list[MergedAnswer], schemas: Schemas) -> PiiStatus:
    """Read from the findings ``docket merge --tasks`` stored (never the task texts) and
    the reviewers' ``pii`` answers."""
    findings = store.pii_findings()
    said: dict[str, list[Any]] = {}
    # Per form (shared by its tasks, kept alive here so that its id stays its own): its
    # pii questions.
    questions: dict[int, tuple[Schema, list[str]]] = {}
    for a in answers:
        form = schema_for(schemas, a)
        known = questions.get(id(form))
        if known is None:
            known = questions[id(form)] = (
                form,
                [q.id for q in form.questions if isinstance(q, PiiQuestion)],
            )
        for qid in known[1]:
            if a.answers.get(qid):
                said.setdefault(a.task_id, []).append(a.answers[qid])
    remaining = [
        f
        for task_id in set(findings) | set(said)
        for f in reviewed_findings(findings.get(task_id, ()), said.get(task_id, ()))
    ]
    return PiiStatus(
        store.task_count(), len(findings), len(store.pii_masks()), summary_counts(remaining)
    )


def pii_criterion(pii: PiiStatus | None) -> Criterion:
    target = "no high-severity finding"
    if pii is None or not pii.scanned:
        return Criterion(
            "PII findings",
            "not assessed",
            "the task archive records no PII scan (packed before `docket pack --pii`, or "
            "not merged with --tasks)",
            target,
        )
    figure = (
        f"{pii.high:,} high-severity finding(s) remain in {pii.scanned:,} scanned task(s) "
        "(the detector's findings no reviewer dismissed, and reviewers' marks)"
    )
    other = sum(n for per in pii.counts.values() for s, n in per.items() if s != "high")
    if other:
        figure += f"; {other:,} of lower severity"
    if pii.masked:
        figure += f"; {pii.masked:,} task(s) masked at pack time"
    if pii.scanned < pii.tasks:
        figure += f"; {pii.tasks - pii.scanned:,} task(s) never scanned"
    return Criterion("PII findings", "pass" if pii.high == 0 else "fail", figure, target)


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def readiness(r: Report) -> list[Criterion]:
    out = []
    main = r.main_question
    target = f"Krippendorff's α ≥ {TARGET_AGREEMENT:.2f}"
    if main is None or main.krippendorff_alpha is None:
        out.append(
            Criterion("Agreement", "not assessed", "no unit judged by two reviewers", target)
        )
    else:
        alpha = main.krippendorff_alpha
        ci = (
            f" (95 % interval {main.alpha_interval[0]:.2f}–{main.alpha_interval[1]:.2f})"
            if main.alpha_interval
            else ""
        )
        out.append(
            Criterion(
                "Agreement",
                "pass" if alpha >= TARGET_AGREEMENT else "fail",
                f"α = {alpha:.2f}{ci} on {main.question}, over {main.units:,} units",
                target,
            )
        )
    gold_target = f"every reviewer ≥ {100 * GOLD_TARGET:.0f} %"
    judged = [g for g in r.gold if g.total]
    if not judged:
        out.append(
            Criterion("Gold accuracy", "not assessed", "no gold item was answered", gold_target)
        )
    else:
        below = [g for g in judged if (g.accuracy or 0.0) < GOLD_TARGET]
        correct, total = sum(g.correct for g in judged), sum(g.total for g in judged)
        figure = f"{correct} of {total} gold answers right ({_pct(correct / total)})"
        if below:
            figure += "; below target: " + ", ".join(
                f"{g.reviewer} {g.correct}/{g.total}" for g in below
            )
        out.append(Criterion("Gold accuracy", "fail" if below else "pass", figure, gold_target))
    if not r.overview.answers:
        out.append(Criterion("Unresolved disagreements", "not assessed", "no answers", "none"))
    else:
        out.append(
            Criterion(
                "Unresolved disagreements",
                "pass" if r.unresolved == 0 else "fail",
                f"{r.unresolved:,} {'task' if r.unresolved == 1 else 'tasks'} whose reviewers "
                "split evenly and no lead settled "
                f"({r.overview.adjudicated:,} adjudicated)",
                "none (settle them with `docket adjudication pack`)",
            )
        )
    out.append(pii_criterion(r.pii))
    known = {v: n for v, n in r.guidelines.items() if v not in ("", "unknown")}
    if not known:
        out.append(
            Criterion(
                "Guideline version coverage",
                "not assessed",
                "no answer's task bundle recorded a guidelines version",
                "every answer under one version",
            )
        )
    else:
        total = sum(r.guidelines.values())
        top, n = max(known.items(), key=lambda kv: kv[1])
        shown = "with no guidelines text" if top == EMPTY_SHA256 else f"under guidelines {top[:12]}"
        figure = f"{n:,} of {total:,} answers {shown}"
        if len(r.guidelines) > 1:
            figure += f"; {len(r.guidelines)} versions in all"
        out.append(
            Criterion(
                "Guideline version coverage",
                "pass" if n == total else "fail",
                figure,
                "every answer under one version",
            )
        )
    if r.overview.tasks_archived:
        done = r.overview.tasks_answered
        out.append(
            Criterion(
                "Tasks answered",
                "pass" if done >= r.overview.tasks_archived else "fail",
                f"{done:,} of {r.overview.tasks_archived:,} archived tasks have an answer",
                "every task",
            )
        )
    return out


# --- what is missing, and the summary --------------------------------------------------------


def missing(r: Report, archived: bool) -> list[str]:
    out = []
    if not r.overview.answers:
        out.append(
            "No answers are merged yet: merge the reviewers' result bundles with `docket merge`."
        )
    elif r.overview.reviewers < 2:
        out.append(
            "Only one reviewer's answers are merged: agreement needs two reviewers on the "
            "same task (pack with --overlap 2 or more)."
        )
    elif not r.agreements:
        out.append("No task was answered by two reviewers yet, so no agreement can be computed.")
    if r.overview.answers and not r.gold:
        out.append("No gold items were answered: pack with --gold GOLD.jsonl to measure accuracy.")
    if r.overview.answers and not archived:
        out.append(
            "The server's task archive is not merged, so responses have no model: merge it "
            "with `docket merge --tasks ARCHIVE` to rate the models."
        )
    elif r.overview.answers and r.ratings is None:
        out.append(
            "No comparison between two models was judged (preferences or rankings of "
            "responses by different models), so the models cannot be rated."
        )
    if r.overview.answers and not r.timing.seconds:
        out.append("No answer carries a time spent, so time per task cannot be shown.")
    if r.overview.answers and not r.judges:
        out.append(
            "No AI judge's suggestion is in the merged task archive: pack with "
            "--suggestions FILE.jsonl (and merge the archive) to measure a judge against "
            "the reviewers."
        )
    return out


def summary(r: Report) -> list[str]:
    """The opening sentences a stakeholder acts on."""
    out = []
    assessed = [c for c in r.readiness if c.status != "not assessed"]
    failing = [c.name.lower() for c in assessed if c.status == "fail"]
    if not assessed:
        out.append("Release readiness: not assessed (see what is missing below).")
    elif failing:
        out.append(
            f"Not ready to release: {len(failing)} of {len(assessed)} assessed criteria fail "
            f"({', '.join(failing)})."
        )
    else:
        out.append(f"Ready to release: all {len(assessed)} assessed criteria pass.")
    ratings = r.ratings
    if ratings is not None and len(ratings.models) >= 2:
        first, second = ratings.models[0], ratings.models[1]
        gap = first.rating - second.rating
        separated = first.low is not None and second.high is not None and first.low > second.high
        out.append(
            f"{first.model} rates highest ({first.rating:.0f}), {gap:.0f} points above "
            f"{second.model} ({second.rating:.0f}); their 95 % intervals "
            + (
                "do not overlap: the lead is clear."
                if separated
                else "overlap: the lead is not yet clear."
            )
        )
    main = r.main_question
    if main is not None and main.krippendorff_alpha is not None:
        alpha = main.krippendorff_alpha
        word = "meets" if alpha >= TARGET_AGREEMENT else "is below"
        out.append(
            f"Agreement on {main.question}: α = {alpha:.2f} over {main.units:,} units, "
            f"which {word} the target of {TARGET_AGREEMENT:.2f}."
        )
    low = sorted(
        ((k, who) for who, k in r.reviewer_kappa.items() if k is not None and k < TARGET_AGREEMENT)
    )
    if low:
        out.append(
            "May need calibration (mean Cohen's κ with the others below target): "
            + ", ".join(f"{who} (κ {round(k, 2) + 0.0:.2f})" for k, who in low)
            + "."
        )
    weak_gold = [g for g in r.gold if g.total and (g.accuracy or 0.0) < GOLD_TARGET]
    if weak_gold:
        out.append(
            "Gold accuracy below target: "
            + ", ".join(f"{g.reviewer} ({g.correct}/{g.total})" for g in weak_gold)
            + "."
        )
    timed = sum(len(v) for v in r.timing.seconds.values())
    fast = sum(r.timing.fast.values())
    if fast:
        who = ", ".join(f"{w} ({n})" for w, n in sorted(r.timing.fast.items(), key=lambda x: -x[1]))
        out.append(
            f"{fast:,} of {timed:,} timed answers were given faster than the form's minimum "
            f"time: {who}."
        )
    if r.length is not None and r.length.biased:
        share = r.length.overall.share or 0.0
        out.append(
            f"The longer response won {_pct(share)} of decisive judgments: more often than "
            "chance, so check that length is not being rewarded for itself."
        )
    o = r.overview
    out.append(
        f"Based on {o.answers:,} answers by {o.reviewers} reviewers on {o.tasks_answered:,} "
        f"tasks ({o.adjudicated} adjudicated, {o.gold_items} gold items)."
    )
    return out
