"""``docket db check`` and ``docket db quarantine``: the merged database's stored answers
against their tasks' forms, and setting aside those that do not fit; ``docket db copy``:
the merged database moved between the embedded file and PostgreSQL, verified."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    DB_HELP,
    EXIT_ERROR,
    EXIT_OK,
    add_group,
    add_passphrase_env,
    add_verb,
    load_key,
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


def _cmd_copy(args: argparse.Namespace) -> int:
    from docket.errors import DocketError
    from docket.server.db_copy import copy_store
    from docket.server.merged_store import MergedStore
    from docket.server.sql import is_url

    if not is_url(args.source) and not Path(args.source).exists():
        raise DocketError(f"{args.source} does not exist.")
    key_path = args.server_key or os.environ.get("DOCKET_SERVER_KEY")
    if not key_path:
        raise DocketError(
            "Both databases are tied to the server's key.",
            hint="Give --server-key server.key (or set DOCKET_SERVER_KEY).",
        )
    server = load_key(key_path, args.passphrase_env)
    created = not is_url(args.to) and not Path(args.to).exists()

    def progress(table: str, rows: int) -> None:
        print(f"{table}: {rows} rows copied", file=sys.stderr, flush=True)

    try:
        with (
            MergedStore.open(args.source, server) as source,
            MergedStore.open(args.to, server) as target,
        ):
            content = copy_store(source, target, progress)
    except BaseException:
        if created:  # the empty file this copy made
            for suffix in ("", "-wal", "-shm"):
                Path(args.to + suffix).unlink(missing_ok=True)
        raise
    for t in content.tables:
        print(f"{shown(t.table)}: {t.rows} rows, sha256 {t.sha256[:16]}")
    print(
        f"{content.rows} rows in {len(content.tables)} tables copied to {shown(args.to)}; "
        f"content hash {content.sha256}, the same in both"
    )
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
    p = add_verb(
        db_verbs,
        "copy",
        "copy a merged database to an empty one (file to PostgreSQL or back), verified",
        _cmd_copy,
    )
    p.add_argument("--from", dest="source", required=True, metavar="MERGED.db", help=DB_HELP)
    p.add_argument("--to", required=True, metavar="MERGED.db", help="an empty one, the same way")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_passphrase_env(p)
