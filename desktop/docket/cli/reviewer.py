"""The reviewer's verbs: ``docket import`` (a task bundle into a workspace),
``docket export`` (the workspace's answers as a result bundle) and ``docket inspect``
(decrypt and verify any bundle addressed to a key, show its manifest)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import EXIT_OK, add_passphrase_env, add_verb, load_key, passphrase_for

if TYPE_CHECKING:
    from docket.cli.common import Verbs


def _cmd_import(args: argparse.Namespace) -> int:
    from docket.workspace import Workspace

    passphrase = passphrase_for(args.key, args.passphrase_env)
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

    passphrase = passphrase_for(args.key, args.passphrase_env)
    with Workspace.open(args.workspace, args.key, passphrase) as ws:
        done = ws.export_results(args.out, bundle_id=args.bundle)
    print(f"{done.path}: {done.answers} answers, sequence {done.sequence} ({done.bundle_id})")
    return EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from docket.bundles.envelope import open_sealed, read_bundle_file

    key = load_key(args.key, args.passphrase_env)
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


def register(verbs: Verbs) -> None:
    """``import``, ``export`` and ``inspect``."""
    p = add_verb(
        verbs, "import", "verify a task bundle and import it into a workspace", _cmd_import
    )
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--workspace", required=True, metavar="DIR")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--server", required=True, metavar="server.pub")
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
    add_passphrase_env(p)

    p = add_verb(verbs, "inspect", "decrypt and verify a bundle, show its manifest", _cmd_inspect)
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--key", required=True, metavar="NAME.key")
    p.add_argument("--extract", metavar="DIR")
    add_passphrase_env(p)
