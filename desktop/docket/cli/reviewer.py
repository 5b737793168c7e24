"""The reviewer's verbs: ``docket import`` (a task bundle into a workspace),
``docket export`` (the workspace's answers as a result bundle) and ``docket inspect``
(decrypt and verify any bundle addressed to a key, show its manifest, and with
``--extract`` write its sections: :mod:`docket.cli.extract`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import (
    EXIT_OK,
    add_passphrase_env,
    add_verb,
    load_key,
    passphrase_for,
    shown,
)
from docket.cli.progress import Bars, add_quiet

if TYPE_CHECKING:
    from docket.cli.common import Verbs


def _cmd_import(args: argparse.Namespace) -> int:
    from docket.workspace import Workspace

    passphrase = passphrase_for(args.key, args.passphrase_env)
    with Workspace.open(args.workspace, args.key, passphrase) as ws, Bars.of(args) as bars:
        done = ws.import_bundle(args.bundle, args.server, progress=bars.share)
    bundle = shown(args.bundle)
    if done.status == "unchanged":
        print(f"{bundle}: already imported ({shown(done.bundle_id)}); nothing changed.")
    elif done.status == "updated":
        print(
            f"{bundle}: updated the assignment: {done.added} new, {done.updated} updated, "
            f"{done.removed} removed tasks; answers kept."
        )
    else:
        print(f"{bundle}: imported {done.added} tasks into {shown(args.workspace)}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from docket.workspace import Workspace

    passphrase = passphrase_for(args.key, args.passphrase_env)
    with Workspace.open(args.workspace, args.key, passphrase) as ws, Bars.of(args) as bars:
        done = ws.export_results(args.out, bundle_id=args.bundle, progress=bars)
    print(
        f"{shown(done.path)}: {done.answers} answers, sequence {done.sequence} "
        f"({shown(done.bundle_id)})"
    )
    return EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from docket.bundles.envelope import SignerLookup, keyring, open_sealed, pinned, read_bundle_file
    from docket.bundles.keys import PublicCard
    from docket.bundles.result_bundle import keyring_cards

    key = load_key(args.key, args.passphrase_env)
    # Without --server or --keyring, inspect shows, it does not trust: the signature is
    # checked only against the key the manifest itself names, which anyone can write.
    signer: SignerLookup | None = None
    pin = ""
    if args.server:
        signer, pin = pinned(PublicCard.load(args.server)), f"the card {args.server}"
    elif args.keyring:
        signer, pin = keyring(keyring_cards(args.keyring)), f"a card in the keyring {args.keyring}"
    data = read_bundle_file(args.bundle)
    opened = open_sealed(data, key, signer=signer, expected_type=None, check_expiry=False)
    m = opened.manifest
    # ensure_ascii (the default) spells every control and non-ASCII character as \uXXXX.
    print(json.dumps(m.to_json(), indent=2, sort_keys=True))
    who = f"{shown(opened.signer.name)} {shown(opened.signer.fingerprint)}"
    if signer is None:
        print(
            f"signature: signed by {who} — not a key you pinned: only checked against the "
            "key the bundle names itself. Compare the fingerprint with the sender's card, or "
            "give --server CARD or --keyring DIR to verify against keys you trust."
        )
    else:
        print(f"signature: verified, signed by {who}, the key of {shown(pin)}")
    print(f"hash: {opened.hash}")
    if m.is_expired():
        print(f"warning: expired on {shown(m.expires_at)}", file=sys.stderr)
    if args.extract:
        from docket.cli.extract import extract

        out = Path(args.extract)
        files = {"manifest.json": opened.manifest_bytes, "manifest.json.minisig": opened.signature}
        files.update(opened.sections)  # names: the container's allow-list, checked again
        files["signer.pub"] = opened.signer.dumps().encode()

        def warn() -> None:
            print(
                f"warning: writing the decrypted bundle (plaintext: task text, answers) to "
                f"{shown(out)}, readable only by you; delete it when you are done.",
                file=sys.stderr,
            )

        extract(out, files, before_writing=warn)
        print(
            f"extracted {len(files)} files (sections, manifest, signature, signer.pub) "
            f"to {shown(out)}"
        )
    return EXIT_OK


def register(verbs: Verbs) -> None:
    """``import``, ``export`` and ``inspect``."""
    p = add_verb(
        verbs, "import", "verify a task bundle and import it into a workspace", _cmd_import
    )
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--workspace", required=True, metavar="DIR")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--server", required=True, metavar="server.pub")
    add_quiet(p)
    add_passphrase_env(p)

    p = add_verb(
        verbs,
        "export",
        "write the workspace's answers as a signed, encrypted result bundle",
        _cmd_export,
    )
    p.add_argument("--workspace", required=True, metavar="DIR")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--out", required=True, metavar="RESULT_FILE")
    p.add_argument("--bundle", metavar="BUNDLE_ID", help="which task bundle, if there are several")
    add_quiet(p)
    add_passphrase_env(p)

    p = add_verb(verbs, "inspect", "decrypt and verify a bundle, show its manifest", _cmd_inspect)
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--key", required=True, metavar="NAME.key")
    pin = p.add_mutually_exclusive_group()
    pin.add_argument(
        "--server", metavar="CARD", help="verify the signature with this public card (pinned)"
    )
    pin.add_argument(
        "--keyring", metavar="DIR", help="verify the signature with a card in this folder"
    )
    p.add_argument(
        "--extract",
        metavar="DIR",
        help="write the decrypted sections (plaintext) into this new or empty folder",
    )
    add_passphrase_env(p)
