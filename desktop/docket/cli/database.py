"""``docket db check`` and ``docket db quarantine``: the merged database's stored answers
against their tasks' forms, and setting aside those that do not fit."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from docket.cli.common import (
    DB_HELP,
    EXIT_ERROR,
    EXIT_OK,
    add_group,
    add_passphrase_env,
    add_verb,
    open_merged,
    shown,
)

if TYPE_CHECKING:
    from docket.cli.common import Verbs


def _cmd_check(args: argparse.Namespace) -> int:
    from docket.server.db_check import find_problems

    store, _ = open_merged(args)
    with store:
        problems = find_problems(store)
    if args.json:
        print(json.dumps([_row(p) for p in problems], indent=2))
    else:
        for p in problems:
            where = shown(f"{p.project}/{p.task_id}: {p.reviewer_name}")
            print(f"{where} revision {p.revision}: {shown(p.reason)}")
        print(f"{len(problems)} stored answer(s) do not fit their task")
    return EXIT_OK if not problems else EXIT_ERROR


def _row(p: object) -> dict[str, object]:
    fields = ("reviewer", "reviewer_name", "project", "task_id", "revision", "reason")
    return {f: getattr(p, f) for f in fields}


def _cmd_quarantine(args: argparse.Namespace) -> int:
    from docket.server.db_check import find_problems, quarantine

    store, _ = open_merged(args)
    with store:
        moved = quarantine(store, find_problems(store))
    print(f"{moved} answer(s) moved to quarantine (kept, with the reason; no longer read)")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    """``db`` and its sub-verbs."""
    db_verbs = add_group(
        verbs, "db", "check and repair the merged database", dest="db_verb", metavar="DB_VERB"
    )
    for name, help_text, handler in (
        ("check", "list stored answers that do not fit their task", _cmd_check),
        ("quarantine", "move the answers `db check` lists aside", _cmd_quarantine),
    ):
        p = add_verb(db_verbs, name, help_text, handler)
        p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
        p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
        if name == "check":
            p.add_argument("--json", action="store_true")
        add_passphrase_env(p)
