"""``docket adjudication pack``: the tasks where reviewers disagree, from the merged
database, as an adjudication bundle for one lead."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    DB_HELP,
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


def _cmd_adjudication_pack(args: argparse.Namespace) -> int:
    from docket.bundles.keys import PublicCard
    from docket.server.adjudication import pack_adjudication

    store, server = open_merged(args)
    with store:
        packed = pack_adjudication(
            store,
            server=server,
            lead=PublicCard.load(args.lead),
            out_dir=Path(args.out),
            threshold=args.threshold,
            anonymise=args.anonymise,
        )
    print(f"{shown(packed.path)}: {packed.tasks} tasks to adjudicate ({shown(packed.bundle_id)})")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    """``adjudication`` and its one sub-verb, ``pack``."""
    adj_verbs = add_group(
        verbs,
        "adjudication",
        "adjudication bundles for a lead",
        dest="adj_verb",
        metavar="ADJ_VERB",
    )
    p = add_verb(adj_verbs, "pack", "pack the disagreements for one lead", _cmd_adjudication_pack)
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    add_project(p)
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--lead", required=True, metavar="lead.pub")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--threshold", type=float, default=1.0, help="minimum severity (default 1)")
    p.add_argument("--anonymise", action="store_true", help="show reviewers as Reviewer 1, 2, ...")
    add_passphrase_env(p)
