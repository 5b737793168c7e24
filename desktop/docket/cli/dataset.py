"""``docket dataset export``: the merged database as training data (DPO pairs,
judgments, rubric grades, expert-written criteria as HealthBench rows, spans in
Fine-Grained RLHF's feedback layout or rewrites as SFT ``messages`` rows; one JSON object
a line), with its dataset card, ``README.md``, beside it
(:mod:`docket.server.dataset_card`)."""

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
from docket.cli.progress import Bars, add_quiet

if TYPE_CHECKING:
    from docket.cli.common import Verbs
    from docket.server.dataset import ExportSummary

FORMATS = (
    "dpo",
    "judgments",
    "rubric",
    "healthbench",
    "fine-grained",
    "sft",
    "openai-preference",
    "openai-chat",
    "reward",
    "label-studio",
)
CONTAINERS = ("jsonl", "json", "parquet", "hf")
"""The formats of :mod:`docket.server.dataset` (spelled here so that the parser is built
without importing it)."""


def _cmd_dataset_export(args: argparse.Namespace) -> int:
    from docket.server.dataset import export
    from docket.server.dataset_card import (
        card_text,
        check_card_writable,
        check_language,
        check_license,
        lineage,
    )
    from docket.server.pseudonyms import reviewer_pseudonyms

    out = Path(args.out)
    license = check_license(args.license)
    languages = tuple(dict.fromkeys(check_language(x) for x in args.language or ()))
    card = check_card_writable(out)  # refused before anything is written
    store, server = open_merged(args)
    with store, Bars.of(args) as bars:
        found = lineage(store, reviewer_pseudonyms(store, server))

        def card_file(summary: ExportSummary) -> tuple[Path, bytes]:
            text = card_text(
                found,
                summary,
                fmt=args.format,
                data_file=out.name,
                license=license,
                languages=languages,
            )
            return check_card_writable(out), text.encode("utf-8")

        # The card is written and moved into place with the data: never one without the other.
        summary = export(
            store,
            args.format,
            out,
            container=args.container,
            redact=args.redact,
            restore_pii=args.restore_pii,
            progress=bars,
            card=card_file,
        )
    left_out = summary.left_out(args.format)
    extra = f"; left out: {', '.join(left_out)}" if left_out else ""
    how = "" if summary.container == "jsonl" else f", {summary.container}"
    print(f"{shown(args.out)}: {summary.rows} rows ({args.format}{how}){extra}")
    if summary.json_columns:
        print(f"  written as JSON text (their values mix types): {', '.join(summary.json_columns)}")
    for line in summary.pii.lines() if summary.pii is not None else ():
        print(shown(line))
    print(f"{shown(str(card))}: dataset card (lineage; license {license})")
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
        "write DPO pairs, judgments, rubric grades, HealthBench, fine-grained or SFT rows as "
        "JSONL, with a dataset card (README.md) beside them",
        _cmd_dataset_export,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db", help=DB_HELP)
    add_project(p)
    p.add_argument("--format", required=True, choices=list(FORMATS))  # as docket.server.dataset
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE.jsonl",
        help="the data file (or folder, for hf); its dataset card, README.md, goes beside "
        "it (never over a README.md Docket did not write)",
    )
    p.add_argument(
        "--container",
        choices=list(CONTAINERS),  # as docket.server.dataset_files
        help="how to write the rows: jsonl (default), json (one array; the default for "
        "label-studio), parquet (default for a .parquet file) or hf (a Hugging Face dataset "
        "folder, the default for a path without a suffix); parquet and hf need pyarrow",
    )
    p.add_argument(
        "--license",
        default="other",
        metavar="ID",
        help="the license for the card's header, a Hugging Face identifier such as "
        "cc-by-4.0 (default: other, and the card says none was chosen)",
    )
    p.add_argument(
        "--language",
        action="append",
        metavar="CODE",
        help="a language of the data for the card's header (ISO 639, e.g. en); repeatable; "
        "default: left out",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="mask PII in every text field: what the detector found and reviewers kept, what "
        "reviewers marked, and what the detector finds in reviewers' own text",
    )
    p.add_argument(
        "--restore-pii",
        action="store_true",
        help="--format judgments only: put back the originals of a project packed with "
        "--pii mask (for the server's own use; never with --redact)",
    )
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    add_quiet(p)
    add_passphrase_env(p)
