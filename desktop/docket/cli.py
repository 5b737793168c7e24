"""The ``docket`` command (see DESIGN.md, "The public surface").

Every verb of the brief is declared here with its flags (``docket VERB --help``);
``docket`` alone, or with a bundle or workspace path, opens the desktop app. User
errors print their message (never a traceback) and exit with :data:`EXIT_ERROR`.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docket import __version__
from docket.errors import DocketError

if TYPE_CHECKING:
    from docket.bundles.keys import SecretKey
    from docket.server.merged_store import MergedStore

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
VERBS = (
    "keygen", "key", "pack", "import", "export", "inspect", "verify", "merge",
    "agreement", "disagreements", "adjudication", "dataset", "demo",
)  # fmt: skip

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    Verbs = argparse._SubParsersAction[argparse.ArgumentParser]


# --- helpers -------------------------------------------------------------------------------


def _passphrase_from_env(var: str | None) -> str | None:
    if var is None:
        return None
    value = os.environ.get(var)
    if value is None:
        raise DocketError(
            f"The environment variable {var} is not set.", hint=f"Set {var} to the passphrase."
        )
    return value


def _ask_passphrase(prompt: str, *, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise DocketError(
            "A passphrase is needed but there is no terminal to ask for it.",
            hint="Use --passphrase-env VAR (or --no-passphrase for automation keys).",
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise DocketError("The two passphrases differ.", hint="Run the command again.")
    if not first:
        raise DocketError(
            "An empty passphrase is not allowed.",
            hint="Use --no-passphrase to store the key unprotected.",
        )
    return first


# --- implemented verbs ---------------------------------------------------------------------


def _cmd_keygen(args: argparse.Namespace) -> int:
    from docket.bundles import keys

    name = keys.check_name(args.name)
    if args.no_passphrase:
        passphrase = None
        print(
            "warning: the secret key is stored WITHOUT a passphrase; anyone who can read "
            "the file can decrypt and sign as this party. Use this for automation only.",
            file=sys.stderr,
        )
    else:
        passphrase = _passphrase_from_env(args.passphrase_env) or _ask_passphrase(
            f"Passphrase for {name}.key: ", confirm=True
        )
    key = keys.generate(name)
    key_path, card_path = keys.write_key_pair(key, args.out, passphrase)
    print(f"secret key:  {key_path}  (keep it private)")
    print(f"public card: {card_path}  (share it)")
    print(f"fingerprint: {key.card().fingerprint}")
    return EXIT_OK


def _passphrase_for(path: str, passphrase_env: str | None) -> str | None:
    from docket.bundles import keys

    passphrase = _passphrase_from_env(passphrase_env)
    if passphrase is None and keys.is_protected(path):
        passphrase = _ask_passphrase(f"Passphrase for {path}: ", confirm=False)
    return passphrase


def _load_key(path: str, passphrase_env: str | None) -> SecretKey:
    from docket.bundles import keys

    return keys.load_secret_key(path, _passphrase_for(path, passphrase_env))


def _cmd_export_age_identity(args: argparse.Namespace) -> int:
    key = _load_key(args.key, args.passphrase_env)
    print(f"# age identity of {key.name} (public: {key.card().age_recipient})")
    print(key.age_identity)
    return EXIT_OK


def _cmd_pack(args: argparse.Namespace) -> int:
    from docket.bundles.keys import PublicCard
    from docket.core.schema import Schema
    from docket.server.pack import pack

    server = _load_key(args.server_key, args.passphrase_env)
    reviewers = [PublicCard.load(p) for p in args.reviewer]
    schema = None
    if args.schema:
        schema = Schema.loads(_read_text(args.schema, "schema"))
    guidelines = _read_text(args.guidelines, "guidelines") if args.guidelines else ""
    result = pack(
        Path(args.tasks),
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
    )
    for bad in result.skipped_lines:
        print(f"skipped: {bad.message}", file=sys.stderr)
    for b in result.bundles:
        print(f"{b.path}  {b.reviewer}: {b.tasks} tasks ({b.gold} gold)  {b.bundle_id}")
    print(f"summary: {result.summary_path}")
    print(f"server copy of the tasks (for `docket merge --tasks`): {result.archive}")
    return EXIT_OK


def _read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocketError(f"Cannot read the {what} file {path}: {exc}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from docket.workspace import Workspace

    passphrase = _passphrase_for(args.key, args.passphrase_env)
    with Workspace.open(args.workspace, args.key, passphrase) as ws:
        done = ws.import_bundle(args.bundle, args.server)
    if done.status == "unchanged":
        print(f"{args.bundle}: already imported ({done.bundle_id}); nothing changed.")
    elif done.status == "updated":
        print(
            f"{args.bundle}: updated the assignment: {done.added} new, {done.updated} updated, "
            f"{done.removed} removed tasks; answers kept."
        )
    else:
        print(f"{args.bundle}: imported {done.added} tasks into {args.workspace}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from docket.workspace import Workspace

    passphrase = _passphrase_for(args.key, args.passphrase_env)
    with Workspace.open(args.workspace, args.key, passphrase) as ws:
        done = ws.export_results(args.out, bundle_id=args.bundle)
    print(f"{done.path}: {done.answers} answers, sequence {done.sequence} ({done.bundle_id})")
    return EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from docket.bundles.envelope import open_sealed, read_bundle_file

    key = _load_key(args.key, args.passphrase_env)
    data = read_bundle_file(args.bundle)
    # inspect shows, it does not trust: the signature is checked against the key the
    # manifest names (import and verify pin the expected signer instead).
    opened = open_sealed(data, key, signer=None, expected_type=None, check_expiry=False)
    m = opened.manifest
    print(json.dumps(m.to_json(), indent=2, sort_keys=True))
    print(
        f"signature: valid, by the key the manifest names: {opened.signer.name} "
        f"(fingerprint {opened.signer.fingerprint}); compare it with the sender's card"
    )
    print(f"hash: {opened.hash}")
    if m.is_expired():
        print(f"warning: expired on {m.expires_at}", file=sys.stderr)
    if args.extract:
        out = Path(args.extract)
        out.mkdir(parents=True, exist_ok=True)
        files = {"manifest.json": opened.manifest_bytes, "manifest.json.minisig": opened.signature}
        files.update(opened.sections)
        for name, content in files.items():
            (out / name).write_bytes(content)  # names come from the fixed allow-list
        (out / "signer.pub").write_text(opened.signer.dumps(), encoding="utf-8")
        print(
            f"extracted {len(files) + 1} files (sections, manifest, signature, signer.pub) to {out}"
        )
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from docket.bundles.result_bundle import keyring_cards
    from docket.server.verify import verify_results

    server = _load_key(args.server_key, args.passphrase_env)
    verdicts = verify_results([Path(p) for p in args.results], server, keyring_cards(args.keyring))
    for v in verdicts:
        print(f"{'OK  ' if v.ok else 'FAIL'} {v.path}: {v.reason}")
    bad = sum(1 for v in verdicts if not v.ok)
    print(f"{len(verdicts) - bad} verified, {bad} rejected")
    return EXIT_OK if bad == 0 else EXIT_ERROR


def _cmd_merge(args: argparse.Namespace) -> int:
    from docket.bundles.result_bundle import keyring_cards
    from docket.server.merge import import_task_archive, merge_results
    from docket.server.merged_store import MergedStore

    server = _load_key(args.server_key, args.passphrase_env)
    cards = keyring_cards(args.keyring)
    show = sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> None:
        if show:
            end = "\n" if done == total else ""
            print(
                f"\rmerging {done}/{total} {path.name[:40]:40}",
                end=end,
                file=sys.stderr,
                flush=True,
            )

    with MergedStore.open(args.db, server) as store:
        if args.tasks:
            count = import_task_archive(store, server, Path(args.tasks))
            print(f"tasks: {count} from {args.tasks}")
        report = merge_results(
            [Path(p) for p in args.results],
            server=server,
            cards=cards,
            store=store,
            progress=progress,
        )
        counts = store.counts()
    for o in report.outcomes:
        label = {"accepted": "OK  ", "duplicate": "SAME", "rejected": "FAIL"}[o.status]
        detail = f" ({o.new} new, {o.updated} updated)" if o.status == "accepted" else ""
        print(f"{label} {o.path}: {o.reviewer + ': ' if o.reviewer else ''}{o.reason}{detail}")
    for gap in report.gaps:
        print(f"note: {gap}")
    print(
        f"{report.count('accepted')} accepted, {report.count('duplicate')} already merged, "
        f"{report.count('rejected')} rejected; answers: {report.new_answers} new, "
        f"{report.updated_answers} updated; reviewers in this merge: {len(report.reviewers)}; "
        f"database: {counts['answers']} answers to {counts['tasks']} tasks from "
        f"{counts['reviewers']} reviewers"
    )
    return EXIT_OK if report.count("rejected") == 0 else EXIT_ERROR


def _open_merged(args: argparse.Namespace) -> tuple[MergedStore, SecretKey]:
    """The merged database and the server key it is encrypted under: --server-key, or the
    DOCKET_SERVER_KEY environment variable (so `docket agreement --db M` works as is).
    The key is loaded once (a protected key asks for its passphrase once)."""
    from docket.server.merged_store import MergedStore

    if not Path(args.db).exists():
        raise DocketError(f"{args.db} does not exist.", hint="Create it with `docket merge`.")
    path = args.server_key or os.environ.get("DOCKET_SERVER_KEY")
    if not path:
        raise DocketError(
            f"{args.db} is encrypted under the server's key.",
            hint="Give --server-key server.key (or set DOCKET_SERVER_KEY).",
        )
    server = _load_key(path, args.passphrase_env)
    return MergedStore.open(args.db, server), server


def _cmd_agreement(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from docket.server.agreement import agreement, gold_accuracy
    from docket.server.schemas import task_schemas

    store, _ = _open_merged(args)
    with store:
        answers = list(store.answers())
        schemas = task_schemas(store)
        questions = agreement(answers, schemas=schemas)
        gold = gold_accuracy(answers, store.gold(), schemas)
    if args.json:
        print(json.dumps({
            "questions": [asdict(q) for q in questions],
            "gold": [{"reviewer": g.reviewer, "correct": g.correct, "total": g.total,
                      "accuracy": g.accuracy, "interval": g.interval} for g in gold],
        }, indent=2, default=list))  # fmt: skip
        return EXIT_OK

    def fmt(x: float | None) -> str:
        return "   –  " if x is None else f"{x:6.3f}"

    if not questions:
        print("No unit was judged by two or more reviewers yet.")
    else:
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
            print(f"{q.question[:28]:28} {q.level:8} {q.units:6d} {pct:>7} {fmt(q.fleiss_kappa)} "
                  f"{fmt(q.krippendorff_alpha)}  {ci}")  # fmt: skip
            for c in q.cohen:
                who = " & ".join(c["reviewers"])
                print(f"    Cohen's kappa {who}: {fmt(c['kappa'])} over {c['units']} units")
    for g in gold:
        ci = f" (95% CI {g.interval[0]:.2f}–{g.interval[1]:.2f})" if g.interval else ""
        print(f"gold accuracy {g.reviewer}: {g.correct}/{g.total}{ci}")
    return EXIT_OK


def _cmd_adjudication_pack(args: argparse.Namespace) -> int:
    from docket.bundles.keys import PublicCard
    from docket.server.adjudication import pack_adjudication

    store, server = _open_merged(args)
    with store:
        packed = pack_adjudication(
            store,
            server=server,
            lead=PublicCard.load(args.lead),
            out_dir=Path(args.out),
            threshold=args.threshold,
            anonymise=args.anonymise,
        )
    print(f"{packed.path}: {packed.tasks} tasks to adjudicate ({packed.bundle_id})")
    return EXIT_OK


def _cmd_disagreements(args: argparse.Namespace) -> int:
    import json

    from docket.server.schemas import task_schemas
    from docket.server.verdicts import disagreements

    store, _ = _open_merged(args)
    with store:
        found = disagreements(list(store.answers()), task_schemas(store), threshold=args.threshold)
    if args.json:
        print(json.dumps([{"task_id": d.task_id, "severity": d.severity, "reviewers": d.reviewers,
                           "reasons": d.reasons} for d in found], indent=2))  # fmt: skip
        return EXIT_OK
    if not found:
        print("No task where reviewers disagree beyond the threshold.")
    for d in found:
        print(f"{d.severity:5.1f}  {d.task_id}  ({', '.join(d.reviewers)})")
        for reason in d.reasons:
            print(f"       - {reason}")
    return EXIT_OK


def _cmd_dataset_export(args: argparse.Namespace) -> int:
    from docket.server.dataset import export

    store, _ = _open_merged(args)
    with store:
        summary = export(store, args.format, Path(args.out))
    extra = (
        f"; left out: {summary.ties} ties, {summary.unresolved} unresolved disagreements"
        if args.format == "dpo"
        else ""
    )
    print(f"{args.out}: {summary.rows} rows ({args.format}){extra}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    if not args.no_window:
        from docket.ui.app import run_demo  # Qt is loaded only to open a window

        return run_demo(Path(args.screenshot) if args.screenshot else None)
    from docket.demo import prepare_demo

    demo = prepare_demo()
    print(f"Demo workspace: {demo.workspace}")
    print(f"Demo reviewer key: {demo.key}")
    print(
        f"{demo.tasks} real tasks ({demo.pairs} pairs, {demo.rankings} rankings), "
        f"{demo.answered} answered."
    )
    print("Open it in the review window with `docket demo`, or use the Python API, e.g.:")
    print(
        '  python -c "import docket; '
        f"ws = docket.Workspace.open('{demo.workspace}', '{demo.key}'); "
        'print(next(iter(ws.tasks())).prompt)"'
    )
    return EXIT_OK


def _cmd_open(args: argparse.Namespace) -> int:
    """``docket [BUNDLE_OR_WORKSPACE]``: the review window; a bundle starts its import."""
    target: str | None = args.target
    if target is not None and not Path(target).exists():
        raise DocketError(
            f"{target} does not exist.",
            hint="Give a bundle file or a workspace folder, or a verb (see `docket --help`).",
        )
    from docket.ui.app import run  # Qt is loaded only to open a window

    return run(target)


# --- parser --------------------------------------------------------------------------------

DESCRIPTION = """\
Offline, encrypted, signed expert review of LLM responses.

  docket [BUNDLE_OR_WORKSPACE]   open the desktop app (on a bundle or workspace)
  docket VERB --help             help on one verb
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docket", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"docket {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", title="verbs")

    def verb(
        name: str, help_text: str, handler: Handler, sub: Verbs | None = None
    ) -> argparse.ArgumentParser:
        p = (sub or verbs).add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    def passphrase_env(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="read the key's passphrase from this environment variable",
        )

    p = verb(
        "keygen", "create a key pair: NAME.key (secret) and NAME.pub (public card)", _cmd_keygen
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--out", metavar="DIR", default=".", help="directory to write to (default: .)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--passphrase-env", metavar="VAR", help="read the passphrase from this environment variable"
    )
    group.add_argument(
        "--no-passphrase",
        action="store_true",
        help="store the secret key unprotected (automation only)",
    )

    key = verbs.add_parser("key", help="key utilities", description="key utilities")
    key_verbs = key.add_subparsers(dest="key_verb", metavar="KEY_VERB", required=True)
    p = verb(
        "export-age-identity",
        "print the AGE-SECRET-KEY-1... line for the age CLI",
        _cmd_export_age_identity,
        key_verbs,
    )
    p.add_argument("key", metavar="NAME.key")
    passphrase_env(p)

    p = verb(
        "pack",
        "pack tasks into one encrypted, signed bundle per reviewer",
        _cmd_pack,
    )
    p.add_argument("tasks", metavar="TASKS.jsonl")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--reviewer", action="append", required=True, metavar="NAME.pub")
    p.add_argument("--overlap", type=int, default=1, metavar="K")
    p.add_argument("--gold", metavar="GOLD.jsonl")
    p.add_argument("--schema", metavar="S.json")
    p.add_argument("--guidelines", metavar="G.md")
    p.add_argument("--expires-days", type=int, default=90, metavar="N", help="default: 90")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--project", metavar="NAME", help="project name (default: the tasks file name)")
    p.add_argument("--skip-bad", action="store_true", help="pack the good lines, report the bad")
    passphrase_env(p)

    p = verb(
        "import",
        "verify a task bundle and import it into a workspace",
        _cmd_import,
    )
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--workspace", required=True, metavar="DIR")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--server", required=True, metavar="server.pub")
    passphrase_env(p)

    p = verb(
        "export",
        "write the workspace's answers as a signed, encrypted result bundle",
        _cmd_export,
    )
    p.add_argument("--workspace", required=True, metavar="DIR")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--out", required=True, metavar="RESULT_FILE")
    p.add_argument("--bundle", metavar="BUNDLE_ID", help="which task bundle, if there are several")
    passphrase_env(p)

    p = verb(
        "inspect",
        "decrypt and verify a bundle, show its manifest",
        _cmd_inspect,
    )
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--extract", metavar="DIR")
    passphrase_env(p)

    p = verb(
        "verify",
        "verify result bundles against a keyring of public cards",
        _cmd_verify,
    )
    p.add_argument("results", nargs="+", metavar="RESULT")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--keyring", required=True, metavar="DIR")
    passphrase_env(p)

    p = verb(
        "merge",
        "verify and merge result bundles into one database",
        _cmd_merge,
    )
    p.add_argument("results", nargs="+", metavar="RESULT")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--keyring", required=True, metavar="DIR")
    p.add_argument("--db", required=True, metavar="MERGED.db")
    p.add_argument("--tasks", metavar="ARCHIVE", help="the server's task copy written by pack")
    passphrase_env(p)

    p = verb(
        "agreement",
        "inter-reviewer agreement per question",
        _cmd_agreement,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db")
    p.add_argument("--json", action="store_true")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    passphrase_env(p)

    p = verb(
        "disagreements",
        "tasks where reviewers disagree, most severe first",
        _cmd_disagreements,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db")
    p.add_argument("--json", action="store_true")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    p.add_argument("--threshold", type=float, default=1.0, help="minimum severity (default 1)")
    passphrase_env(p)

    adj = verbs.add_parser(
        "adjudication",
        help="adjudication bundles for a lead",
        description="adjudication bundles for a lead",
    )
    adj_verbs = adj.add_subparsers(dest="adj_verb", metavar="ADJ_VERB", required=True)
    p = verb(
        "pack",
        "pack the disagreements for one lead",
        _cmd_adjudication_pack,
        adj_verbs,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db")
    p.add_argument("--server-key", required=True, metavar="server.key")
    p.add_argument("--lead", required=True, metavar="lead.pub")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--threshold", type=float, default=1.0, help="minimum severity (default 1)")
    p.add_argument("--anonymise", action="store_true", help="show reviewers as Reviewer 1, 2, ...")
    passphrase_env(p)

    ds = verbs.add_parser(
        "dataset",
        help="export merged data as training data",
        description="export merged data as training data",
    )
    ds_verbs = ds.add_subparsers(dest="ds_verb", metavar="DATASET_VERB", required=True)
    p = verb(
        "export",
        "write DPO pairs or judgments as JSONL",
        _cmd_dataset_export,
        ds_verbs,
    )
    p.add_argument("--db", required=True, metavar="MERGED.db")
    p.add_argument("--format", required=True, choices=["dpo", "judgments"])
    p.add_argument("--out", required=True, metavar="FILE.jsonl")
    p.add_argument("--server-key", metavar="server.key", help="default: $DOCKET_SERVER_KEY")
    passphrase_env(p)

    p = verb("demo", "open the app on the built-in demo (prepares a demo workspace)", _cmd_demo)
    p.add_argument("--screenshot", metavar="PNG", help="render the main window to PNG and exit")
    p.add_argument(
        "--no-window",
        action="store_true",
        help="only prepare the demo workspace and say where it is",
    )
    return parser


def no_core_dumps() -> None:
    """A crash must not write the process's memory (task text, the unlocked key) to a core
    file on disk: the core size limit goes to zero for Docket's process."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no core files to stop
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: Sequence[str] | None = None) -> int:
    no_core_dumps()
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or (not args_list[0].startswith("-") and args_list[0] not in VERBS):
        # `docket` or `docket BUNDLE_OR_WORKSPACE`: the desktop app (also what a desktop
        # entry runs when a bundle is double-clicked: packaging/linux/docket.desktop).
        if len(args_list) > 1:
            parser.error(f"unknown verb {args_list[0]!r}; see `docket --help`")
        args = argparse.Namespace(handler=_cmd_open, target=args_list[0] if args_list else None)
    else:
        args = parser.parse_args(args_list)
    try:
        return int(args.handler(args))
    except DocketError as exc:
        print(f"docket: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("docket: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("DOCKET_DEBUG"):
            raise
        print(f"docket: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("Please report it; set DOCKET_DEBUG=1 to see the details.", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
