"""The server's verbs: ``docket pack`` (tasks into one bundle per reviewer) before the
review, and after it ``docket verify``, ``docket merge`` (result bundles into the merged
database), ``docket agreement`` and ``docket disagreements`` (read from that database).

``pack`` is declared apart (:func:`register_pack`) so that ``docket --help`` lists the
verbs in the order of the work: keys, pack, the reviewer's verbs, then the server's
verbs on the results.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    DB_HELP,
    EXIT_ERROR,
    EXIT_OK,
    add_passphrase_env,
    add_project,
    add_verb,
    load_key,
    open_merged,
    read_text,
    shown,
)
from docket.cli.progress import Bars, add_quiet
from docket.errors import DocketError
from docket.server.inbox import DEFAULT_GRACE_S, DEFAULT_INTERVAL_S  # stdlib only: cheap

if TYPE_CHECKING:
    from collections.abc import Callable

    from docket.bundles.keys import SecretKey
    from docket.cli.common import Verbs
    from docket.server.merged_store import MergedStore
    from docket.server.rubric_agreement import RubricReport
    from docket.server.span_agreement import LabelAgreement, SpanAgreement


def _cmd_pack(args: argparse.Namespace) -> int:
    from docket.bundles.envelope import distinct_cards
    from docket.bundles.keys import PublicCard
    from docket.core.formats.answers import read_answer_files
    from docket.core.pii import Severity
    from docket.core.schema import Schema
    from docket.core.task_loading import read_responses_jsonl
    from docket.server.pack import pack

    server = load_key(args.server_key, args.passphrase_env)
    reviewers = [PublicCard.load(p) for p in args.reviewer]
    distinct_cards(reviewers, sources=args.reviewer, what="reviewer cards")  # names the files
    schema = None
    if args.schema:
        schema = Schema.loads(read_text(args.schema, "schema"))
    guidelines = read_text(args.guidelines, "guidelines") if args.guidelines else ""
    responses_for = read_responses_jsonl(args.responses) if args.responses else None
    answers = read_answer_files(args.answers) if args.answers else None
    with Bars.of(args) as bars:
        result = pack(
            Path(args.tasks) if args.tasks else None,
            server=server,
            reviewers=reviewers,
            out_dir=Path(args.out),
            overlap=args.overlap,
            gold_path=Path(args.gold) if args.gold else None,
            schema=schema,
            guidelines=guidelines,
            expires_days=args.expires_days,
            project=args.project,
            skip_bad=args.skip_bad,
            responses_for=responses_for,
            calibration=args.calibration,
            suggestions_path=Path(args.suggestions) if args.suggestions else None,
            format=args.format,
            answers=answers,
            pii=args.pii,
            pii_severity=Severity(args.pii_severity),
            progress=bars,
            show_prior=args.show_prior,
        )
    for bad in result.skipped_lines:
        print(f"skipped: {shown(bad.message)}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {shown(warning)}", file=sys.stderr)
    for b in result.bundles:
        print(
            f"{shown(b.path)}  {shown(b.reviewer)}: {b.tasks} tasks ({b.gold} gold)  "
            f"{shown(b.bundle_id)}"
        )
    if result.pii is not None:
        for line in result.pii.lines():
            print(shown(line))
    print(f"summary: {shown(result.summary_path)}")
    if result.archive is not None:
        print(f"server copy of the tasks (for `docket merge --tasks`): {shown(result.archive)}")
    if result.calibration:
        print(
            "calibration round: each reviewer sees the expected answer and the explanation "
            "after each task; merged results count toward their calibration score only"
        )
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from docket.bundles.result_bundle import keyring_cards
    from docket.server.verify import verify_results

    server = load_key(args.server_key, args.passphrase_env)
    verdicts = verify_results([Path(p) for p in args.results], server, keyring_cards(args.keyring))
    for v in verdicts:
        print(f"{'OK  ' if v.ok else 'FAIL'} {shown(v.path)}: {shown(v.reason)}")
    bad = sum(1 for v in verdicts if not v.ok)
    print(f"{len(verdicts) - bad} verified, {bad} rejected")
    return EXIT_OK if bad == 0 else EXIT_ERROR


def _cmd_merge(args: argparse.Namespace) -> int:
    from docket.bundles.result_bundle import keyring_cards
    from docket.server.merge import import_task_archive, merge_results
    from docket.server.merged_store import MergedStore

    server = load_key(args.server_key, args.passphrase_env)
    cards = keyring_cards(args.keyring)
    if args.watch is None and not args.results:
        raise DocketError(
            "Nothing to merge.",
            hint="Give result files, or --watch DIR to merge them as they arrive.",
        )
    if args.watch is not None and args.results:
        raise DocketError(
            "Give result files or --watch DIR, not both.",
            hint="Copy the files into the watched folder instead.",
        )
    if args.watch is not None and not Path(args.watch).is_dir():
        raise DocketError(
            f"{shown(args.watch)} is not a folder.", hint="Create it, or give another."
        )
    with MergedStore.open(args.db, server) as store:
        if args.tasks:
            count = import_task_archive(store, server, Path(args.tasks))
            print(f"tasks: {count} from {shown(args.tasks)}")
        if args.watch is not None:
            return _watch(args, server, store)
        with Bars.of(args) as bars:
            report = merge_results(
                [Path(p) for p in args.results],
                server=server,
                cards=cards,
                store=store,
                progress=lambda done, total, path: bars("merging result bundles", done, total),
            )
        counts = store.counts()
    for o in report.outcomes:
        label = {"accepted": "OK  ", "duplicate": "SAME", "rejected": "FAIL"}[o.status]
        detail = f" ({o.new} new, {o.updated} updated)" if o.status == "accepted" else ""
        if o.calibration and o.status != "rejected":
            detail += (
                "; a calibration round: its answers count toward the reviewer's calibration "
                "score, not the dataset"
            )
        who = f"{shown(o.reviewer)}: " if o.reviewer else ""
        print(f"{label} {shown(o.path)}: {who}{shown(o.reason)}{detail}")
    for gap in report.gaps:
        print(f"note: {shown(gap)}")
    print(
        f"{report.count('accepted')} accepted, {report.count('duplicate')} already merged, "
        f"{report.count('rejected')} rejected; answers: {report.new_answers} new, "
        f"{report.updated_answers} updated; reviewers in this merge: {len(report.reviewers)}; "
        f"database: {counts['answers']} answers to {counts['tasks']} tasks from "
        f"{counts['reviewers']} reviewers"
    )
    return EXIT_OK if report.count("rejected") == 0 else EXIT_ERROR


def _watch(args: argparse.Namespace, server: SecretKey, store: MergedStore) -> int:
    """``merge --watch DIR``: merge result files as they arrive until Ctrl+C or SIGTERM
    (the file being merged then is finished first); :mod:`docket.server.inbox`."""
    import signal
    import threading

    from docket.server.inbox import merging_inbox, watching

    folder = Path(args.watch)
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    def log(line: str) -> None:
        print(shown(line), flush=True)

    with watching(folder):
        inbox = merging_inbox(
            folder,
            server=server,
            keyring_dir=Path(args.keyring),
            store=store,
            log=log,
            grace=args.grace,
        )
        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            print(
                f"watching {shown(folder)} every {args.interval:g} s (Ctrl+C to stop)",
                file=sys.stderr,
                flush=True,
            )
            inbox.run(interval=args.interval, stopped=stop.wait)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    print(
        "stopped; files still waiting: " + (", ".join(map(shown, inbox.pending())) or "none"),
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_agreement(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from docket.server.agreement import (
        agreement,
        facts_agreement,
        gold_accuracy,
        has_spans,
        span_agreements,
    )
    from docket.server.calibration import calibration_scores
    from docket.server.judge import judge_lines, store_judges
    from docket.server.reviewer_names import distinct_names
    from docket.server.rubric_agreement import rubric_report
    from docket.server.schemas import task_schemas

    store, _ = open_merged(args)
    with store:
        schemas = task_schemas(store)
        items = store.gold()
        # From the answers' facts where they give every figure (no spans to compare):
        # then only the answers to gold items are read; otherwise every answer is.
        fast = None if has_spans(schemas) else facts_agreement(store, schemas)
        if fast is not None:
            questions = fast.questions
            answers = fast.relabel(store.answers(tasks=sorted(items)))
        else:
            answers = distinct_names(store.answers())  # one key, one reviewer
            questions = agreement(answers, schemas=schemas)
        gold = gold_accuracy(answers, items, schemas)
        rubric = rubric_report(
            answers,
            schemas,
            store.adjudications(),
            # With facts no answered task has a rubric (rubric forms have none), so no
            # model is looked up.
            {} if fast is not None else store.response_models(),
        )
        spans = span_agreements(answers, schemas)
        calibration = calibration_scores(store)
        judges = store_judges(store)
    if args.json:
        print(json.dumps({
            "questions": [asdict(q) for q in questions],
            "gold": [{"reviewer": g.reviewer, "correct": g.correct, "total": g.total,
                      "accuracy": g.accuracy, "interval": g.interval} for g in gold],
            "rubric": None if rubric is None else _rubric_json(rubric),
            "spans": [s.to_json() for s in spans],
            "calibration": [asdict(c) for c in calibration],
            "judges": [j.to_json() for j in judges],
        }, indent=2, default=list))  # fmt: skip
        return EXIT_OK

    def fmt(x: float | None) -> str:
        return "   –  " if x is None else f"{x:6.3f}"

    if not questions and not spans:
        print("No unit was judged by two or more reviewers yet.")
    elif questions:
        print(
            f"{'question':28} {'level':8} {'units':>6} {'agree%':>7} {'fleiss':>6} {'alpha':>6}"
            "  alpha 95% CI"
        )
        for q in questions:
            ci = (
                f"[{q.alpha_interval[0]:.2f}, {q.alpha_interval[1]:.2f}]"
                if q.alpha_interval
                else ""
            )
            pct = "   –  " if q.percent_agreement is None else f"{100 * q.percent_agreement:6.1f}"
            print(f"{shown(q.question)[:28]:28} {q.level:8} {q.units:6d} {pct:>7} "
                  f"{fmt(q.fleiss_kappa)} {fmt(q.krippendorff_alpha)}  {ci}")  # fmt: skip
            for c in q.cohen:
                who = " & ".join(shown(r) for r in c["reviewers"])
                print(f"    Cohen's kappa {who}: {fmt(c['kappa'])} over {c['units']} units")
    for g in gold:
        ci = f" (95% CI {g.interval[0]:.2f}–{g.interval[1]:.2f})" if g.interval else ""
        print(f"gold accuracy {shown(g.reviewer)}: {g.correct}/{g.total}{ci}")
    if rubric is not None:
        _print_rubric(rubric, fmt)
    for s in spans:
        _print_spans(s, fmt)
    for score in calibration:
        ci = f" (95% CI {score.interval[0]:.2f}–{score.interval[1]:.2f})" if score.interval else ""
        kinds = ", ".join(f"{k.kind} {k.correct}/{k.total}" for k in score.by_kind)
        print(
            f"calibration {shown(score.reviewer)}: {score.correct}/{score.total}{ci} over "
            f"{score.tasks} tasks ({kinds}; likert within one point)"
        )
    for judge in judges:
        print("\n".join(judge_lines(judge)))
    return EXIT_OK


def _print_spans(report: SpanAgreement, fmt: Callable[[float | None], str]) -> None:
    """One spans question: per label pooled over every pair of reviewers, then each pair
    (README, "Spans on the server", defines exact and overlap F1)."""
    from docket.server.span_agreement import ALL

    n = len(report.pairs)
    print(
        f"spans ({shown(report.question)}): {n} reviewer {'pair' if n == 1 else 'pairs'}; "
        "exact: the same response, start, end and label; overlap: the characters marked "
        "with the same label (precision over A's, recall over B's; A is the first of a pair)"
    )
    header = (
        f"{'label':18} {'exact F1':>8} {'overlap F1':>10} {'overlap P':>9} {'overlap R':>9}"
        f"  {'spans A / B':>13}  {'characters A / B':>17}"
    )

    def row(name: str, x: LabelAgreement) -> str:
        return (
            f"{shown(name)[:18]:18} {fmt(x.exact_f1):>8} {fmt(x.overlap_f1):>10} "
            f"{fmt(x.overlap_precision):>9} {fmt(x.overlap_recall):>9}  "
            f"{f'{x.spans_a} / {x.spans_b}':>13}  {f'{x.chars_a} / {x.chars_b}':>17}"
        )

    if n > 1:
        print(f"    all pairs together\n    {header}")
        for label, x in report.pooled.items():
            print(f"    {row(label, x)}")
    for p in report.pairs:
        a, b = (shown(r) for r in p.reviewers)
        o = p.overall
        print(
            f"    {a} (A) & {b} (B) over {p.tasks} {'task' if p.tasks == 1 else 'tasks'}: "
            f"exact F1 {fmt(o.exact_f1).strip()}, overlap F1 {fmt(o.overlap_f1).strip()}"
        )
        print(f"        {header}")
        for label, x in p.labels.items():
            if label != ALL:
                print(f"        {row(label, x)}")
        print(f"        {row(ALL, o)}")


def _rubric_json(report: RubricReport) -> dict[str, object]:
    """The ``rubric`` key of ``docket agreement --json`` (README, "Rubrics on the server")."""
    a = report.agreement
    return {
        "items": report.items,
        "unsettled": report.unsettled,
        "adjudicated": report.adjudicated,
        "agreement": None
        if a is None
        else {
            "items": a.items,
            "split": a.split,
            "percent_agreement": a.percent_agreement,
            "fleiss_kappa": a.fleiss_kappa,
            "cohen": a.cohen,
            "f1": [
                {
                    "reviewer": f.reviewer,
                    "macro_f1": f.macro_f1,
                    "f1_met": f.f1_met,
                    "f1_not_met": f.f1_not_met,
                    "pairs": f.pairs,
                }
                for f in a.f1
            ],
        },
        "scores": [
            {
                "question": m.question,
                "model": m.model,
                "responses": m.responses,
                "tasks": m.tasks,
                "score": m.score,
                "mean_raw": m.mean_raw,
                "interval": list(m.interval),
                "bootstrap_std": m.bootstrap_std,
                "unsettled": m.unsettled,
            }
            for m in report.scores
        ],
    }


def _print_rubric(report: RubricReport, fmt: Callable[[float | None], str]) -> None:
    a = report.agreement
    print(
        f"rubric: {report.items} items graded (an item: one criterion of one response), "
        f"{report.adjudicated} settled by adjudication, {report.unsettled} unsettled"
    )
    if a is None:
        print("    no criterion was graded by two or more reviewers yet")
    else:
        pct = "–" if a.percent_agreement is None else f"{100 * a.percent_agreement:.1f} %"
        print(
            f"    {a.items} graded by two or more reviewers, {a.split} split: agreement {pct}, "
            f"Fleiss' kappa {fmt(a.fleiss_kappa).strip()}"
        )
        for c in a.cohen:
            who = " & ".join(shown(r) for r in c["reviewers"])
            print(f"    Cohen's kappa {who}: {fmt(c['kappa'])} over {c['items']} criteria")
        for f in a.f1:
            print(
                f"    macro F1 of {shown(f.reviewer)} against the others: {fmt(f.macro_f1)} "
                f"(met {fmt(f.f1_met).strip()}, not met {fmt(f.f1_not_met).strip()}; "
                f"{f.pairs} pairs)"
            )
    if report.scores:
        print(
            "rubric score per model (HealthBench: mean raw score clipped to [0, 1]; "
            "95% bootstrap interval over tasks)"
        )
        print(
            f"    {'model':28} {'responses':>9} {'tasks':>6} {'score':>6}  95% CI        unsettled"
        )
        for m in report.scores:
            name = shown(m.model) if m.model is not None else "(no model named)"
            if m.question != "rubric":
                name = f"{name} [{shown(m.question)}]"
            print(
                f"    {name[:28]:28} {m.responses:9d} {m.tasks:6d} {m.score:6.3f}  "
                f"[{m.interval[0]:.2f}, {m.interval[1]:.2f}]  {m.unsettled:9d}"
            )


def _cmd_disagreements(args: argparse.Namespace) -> int:
    import json

    from docket.server.reviewer_names import distinct_names
    from docket.server.rubric_agreement import grades_text
    from docket.server.schemas import task_schemas
    from docket.server.verdicts import disagreements

    store, _ = open_merged(args)
    with store:
        answers = distinct_names(store.answers())  # one key, one reviewer
        found = disagreements(answers, task_schemas(store), threshold=args.threshold)
    if args.json:
        print(json.dumps([{"task_id": d.task_id, "severity": d.severity, "reviewers": d.reviewers,
                           "reasons": d.reasons,
                           "criteria": [{"question": c.question, "response": c.response,
                                         "criterion": c.criterion.id, "text": c.criterion.text,
                                         "points": c.criterion.points,
                                         "grades": dict(sorted(c.grades.items()))}
                                        for c in d.criteria]}
                          for d in found], indent=2))  # fmt: skip
        return EXIT_OK
    if not found:
        print("No task where reviewers disagree beyond the threshold.")
    for d in found:
        who = ", ".join(shown(r) for r in d.reviewers)
        print(f"{d.severity:5.1f}  {shown(d.task_id)}  ({who})")
        for reason in d.reasons:
            print(f"       - {shown(reason)}")
        for c in d.criteria:
            text = c.criterion.text if len(c.criterion.text) <= 60 else c.criterion.text[:59] + "…"
            print(
                f"         criterion {shown(c.criterion.id)} ({c.criterion.points:+d}) "
                f"“{shown(text)}” on {shown(c.response)}: {shown(grades_text(c.grades))}"
            )
    return EXIT_OK


def register_pack(verbs: Verbs) -> None:
    from docket.core.formats import READERS

    """``pack``."""
    p = add_verb(
        verbs, "pack", "pack tasks into one encrypted, signed bundle per reviewer", _cmd_pack
    )
    p.add_argument(
        "tasks", metavar="TASKS.jsonl", nargs="?", help="the tasks (none with --calibration)"
    )
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--reviewer", action="append", required=True, metavar="NAME.pub")
    p.add_argument("--overlap", type=int, default=1, metavar="K")
    p.add_argument("--gold", metavar="GOLD.jsonl")
    p.add_argument(
        "--calibration",
        action="store_true",
        help="a training round: every reviewer gets every --gold item, and sees its expected "
        "answer and explanation after answering; its results never count toward the dataset",
    )
    p.add_argument("--schema", metavar="S.json")
    p.add_argument("--guidelines", metavar="G.md")
    p.add_argument("--expires-days", type=int, default=90, metavar="N", help="default: 90")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--project",
        metavar="NAME",
        help="project name (default: the tasks file name; for --calibration the gold file's: "
        "give the project's own name so its scores sit with the project)",
    )
    p.add_argument("--skip-bad", action="store_true", help="pack the good lines, report the bad")
    p.add_argument(
        "--format",
        choices=[r.name for r in READERS],
        metavar="NAME",
        help="the tasks file's row format (default: its first row decides): "
        + ", ".join(r.name for r in READERS),
    )
    p.add_argument(
        "--answers",
        nargs="+",
        metavar="A.jsonl",
        help="models' answers to a question file (MT-Bench model_answer/*.jsonl, "
        "FastChat or PRD answer files), joined by question_id",
    )
    p.add_argument(
        "--show-prior",
        action="store_true",
        help="show reviewers what the source file says about its responses (a winner, "
        "ratings, notes) as a source document titled as the source's label; by default it "
        "is sealed to the server and never reaches a reviewer. Model names stay hidden",
    )
    p.add_argument(
        "--responses",
        metavar="R.jsonl",
        help="responses to grade for HealthBench rows: {prompt_id, model, response} per line",
    )
    p.add_argument(
        "--suggestions",
        metavar="S.jsonl",
        help="AI judges' answers to show reviewers as the form's reveal policy says: "
        '{"task", "agent", "answers", "critique"?, "confidence"?} per line, in the rows\' '
        "response ids",
    )
    p.add_argument(
        "--pii",
        choices=["report", "refuse", "mask"],  # as docket.server.pack.PII_MODES
        default="report",
        help="PII found in the tasks: report it (default; counts printed, findings in the "
        "bundles for the review window), refuse to pack, or mask it with typed placeholders "
        "(the originals stay in the server's archive only)",
    )
    p.add_argument(
        "--pii-severity",
        choices=["low", "medium", "high"],
        default="high",
        help="the least severity --pii refuse stops on (default: high)",
    )
    add_quiet(p)
    add_passphrase_env(p)


def register(verbs: Verbs) -> None:
    """``verify``, ``merge``, ``agreement`` and ``disagreements``."""
    p = add_verb(
        verbs, "verify", "verify result bundles against a keyring of public cards", _cmd_verify
    )
    p.add_argument("results", nargs="+", metavar="RESULT")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--keyring", required=True, metavar="DIR")
    add_passphrase_env(p)

    p = add_verb(verbs, "merge", "verify and merge result bundles into one database", _cmd_merge)
    p.add_argument("results", nargs="*", metavar="RESULT")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--keyring", required=True, metavar="DIR")
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    p.add_argument("--tasks", metavar="ARCHIVE", help="the server's task copy written by pack")
    p.add_argument(
        "--watch",
        metavar="DIR",
        help="merge result files as they arrive in this folder, moving each to accepted/, "
        "duplicates/ or rejected/ (with a reason file), until Ctrl+C or SIGTERM",
    )
    p.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_S,
        metavar="SECONDS",
        help=f"with --watch: how often the folder is read (default {DEFAULT_INTERVAL_S:g})",
    )
    p.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE_S,
        metavar="SECONDS",
        help="with --watch: how long a file that cannot be read whole may stay unchanged "
        f"before it is rejected (default {DEFAULT_GRACE_S:g})",
    )
    add_quiet(p)
    add_passphrase_env(p)

    p = add_verb(verbs, "agreement", "inter-reviewer agreement per question", _cmd_agreement)
    p.set_defaults(bulk=True)  # reads every answer: see docket.core.bulk
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    add_project(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_passphrase_env(p)

    p = add_verb(
        verbs,
        "disagreements",
        "tasks where reviewers disagree, most severe first",
        _cmd_disagreements,
    )
    p.set_defaults(bulk=True)
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    add_project(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    p.add_argument("--threshold", type=float, default=1.0, help="minimum severity (default 1)")
    add_passphrase_env(p)
