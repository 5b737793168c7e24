"""Key verbs: ``docket keygen`` (a secret key and its public card) and
``docket key export-age-identity`` (the secret key as an age identity line)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from docket.cli.common import (
    EXIT_OK,
    add_group,
    add_passphrase_env,
    add_verb,
    ask_passphrase,
    load_key,
    passphrase_from_env,
    shown,
)

if TYPE_CHECKING:
    from docket.cli.common import Verbs


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
        passphrase = passphrase_from_env(args.passphrase_env) or ask_passphrase(
            f"Passphrase for {name}.key: ", confirm=True
        )
    key = keys.generate(name)
    key_path, card_path = keys.write_key_pair(key, args.out, passphrase)
    print(f"secret key:  {shown(key_path)}  (keep it private)")
    print(f"public card: {shown(card_path)}  (share it)")
    print(f"fingerprint: {key.card().fingerprint}")
    return EXIT_OK


def _cmd_export_age_identity(args: argparse.Namespace) -> int:
    key = load_key(args.key, args.passphrase_env)
    print(f"# age identity of {shown(key.name)} (public: {key.card().age_recipient})")
    print(key.age_identity)
    return EXIT_OK


def register(verbs: Verbs) -> None:
    """``keygen`` and ``key``."""
    p = add_verb(
        verbs,
        "keygen",
        "create a key pair: NAME.key (secret) and NAME.pub (public card)",
        _cmd_keygen,
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

    key_verbs = add_group(verbs, "key", "key utilities", dest="key_verb", metavar="KEY_VERB")
    p = add_verb(
        key_verbs,
        "export-age-identity",
        "print the AGE-SECRET-KEY-1... line for the age CLI",
        _cmd_export_age_identity,
    )
    p.add_argument("key", metavar="NAME.key")
    add_passphrase_env(p)
