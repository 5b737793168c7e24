"""``docket dataset export``: the merged database as training data (DPO pairs,
judgments, rubric grades, expert-written criteria as HealthBench rows, spans in
Fine-Grained RLHF's feedback layout or rewrites as SFT ``messages`` rows; one JSON object
a line)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    EXIT_OK,
    add_group,
    add_passphrase_env,
    add_project,
    add_verb,
    open_merged,
    shown,
)

if TYPE_CHECKING:
    from docket.cli.common import Verbs

FORMATS = ("dpo", "judgments", "rubric", "healthbench", "fine-grained", "sft")
"""The formats of :mod:`docket.server.dataset` (spelled here so that the parser is built
without importing it)."""


def _cmd_dataset_export(args: argparse.Namespace) -> int:
    from docket.server.dataset import export

    store, _ = open_merged(args)
    with store:
        summary = export(store, args.format, Path(args.out))
    extra = ""
    if args.format == "dpo":
        extra = f"; left out: {summary.ties} ties, {summary.unresolved} unresolved disagreements"
        if summary.unchanged_rewrites:
            extra += f", {summary.unchanged_rewrites} rewrites equal to their base"
    elif args.format == "sft" and summary.missing_tasks:
        extra = f"; left out: {summary.missing_tasks} rewrites of tasks the archive lacks"
    elif args.format == "rubric" and summary.unresolved:
        extra = (
            f"; {summary.unresolved} criteria unsettled (reviewers split, no adjudication): "
            "grade null"
        )
    print(f"{shown(args.out)}: {summary.rows} rows ({args.format}){extra}")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    """``dataset`` and its one sub-verb, ``export``."""
    ds_verbs = add_group(
        verbs,
        "dataset",
        "export merged data as training data",
        dest="ds_verb",
        metavar="DATASET_VERB",
    )
    p = add_verb(
        ds_verbs,
        "export",
        "write DPO pairs, judgments, rubric grades, HealthBench, fine-grained or SFT rows as JSONL",
        _cmd_dataset_export,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db")
    add_project(p)
    p.add_argument("--format", required=True, choices=list(FORMATS))  # as docket.server.dataset
    p.add_argument("--out", required=True, metavar="FILE.jsonl")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_passphrase_env(p)
