"""``docket report``: the lead's report on a merged database, as one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    DB_HELP,
    EXIT_OK,
    add_passphrase_env,
    add_project,
    add_verb,
    open_merged,
    shown,
)

if TYPE_CHECKING:
    from docket.cli.common import Verbs


def _cmd_report(args: argparse.Namespace) -> int:
    from docket.bundles.envelope import write_atomically
    from docket.server import report_plots
    from docket.server.pseudonyms import reviewer_pseudonyms
    from docket.server.report import build_report
    from docket.server.report_html import render_html

    # Checked before the work, not after it; imported while the store is read.
    importing = report_plots.preload()
    try:
        store, server = open_merged(args)
        with store:
            names = reviewer_pseudonyms(store, server) if args.anonymise else None
            report = build_report(store, pseudonyms=names, rounds=args.bootstrap_rounds)
    finally:
        importing.join()
    page = render_html(report)
    write_atomically(Path(args.out), page.encode("utf-8"))
    assessed = [c for c in report.readiness if c.status != "not assessed"]
    verdict = (
        "release readiness not assessed"
        if not assessed
        else "ready to release"
        if report.ready
        else "not ready to release"
    )
    failing = [c.name for c in report.readiness if c.status == "fail"]
    detail = f" (failing: {', '.join(failing)})" if failing else ""
    print(f"{shown(args.out)}: report on {report.overview.answers:,} answers; {verdict}{detail}")
    for line in report.missing:
        print(f"note: {line}", file=sys.stderr)
    return EXIT_OK


def register(verbs: Verbs) -> None:
    p = add_verb(
        verbs,
        "report",
        "write the lead's report (scorecard, quality, release readiness) as one HTML file",
        _cmd_report,
    )
    p.set_defaults(bulk=True)  # reads every answer: see docket.core.bulk
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    add_project(p)
    p.add_argument("--out", required=True, metavar="REPORT.html")
    p.add_argument(
        "--anonymise",
        action="store_true",
        help="show reviewers by pseudonym (stable for this server key) instead of by name",
    )
    p.add_argument(
        "--bootstrap-rounds",
        type=int,
        default=1000,
        metavar="N",
        help="resamples for the rating intervals (default 1000)",
    )
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_passphrase_env(p)
