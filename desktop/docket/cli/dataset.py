"""``docket dataset export``: the merged database as training data (DPO pairs or
judgments, one JSON object a line)."""

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


def _cmd_dataset_export(args: argparse.Namespace) -> int:
    from docket.server.dataset import export

    store, _ = open_merged(args)
    with store:
        summary = export(store, args.format, Path(args.out))
    extra = (
        f"; left out: {summary.ties} ties, {summary.unresolved} unresolved disagreements"
        if args.format == "dpo"
        else ""
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
    p = add_verb(ds_verbs, "export", "write DPO pairs or judgments as JSONL", _cmd_dataset_export)
    p.add_argument("--db", required=True, metavar="MERGED.db")
    add_project(p)
    p.add_argument("--format", required=True, choices=["dpo", "judgments"])
    p.add_argument("--out", required=True, metavar="FILE.jsonl")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_passphrase_env(p)
