"""What the verbs of ``docket`` share: exit codes, declaring a verb and its
``--passphrase-env`` flag, passphrases (from the environment or asked on the terminal),
loading a secret key, reading a text file, opening the merged database under the
server's key, and :func:`shown`, through which every name, id, path or reason printed
passes (control and format characters escaped: they may come from a hostile bundle).

Only the standard library and :mod:`docket.errors` are imported here at start-up; the
key, store and server modules load inside the helpers that need them, so that
``docket --version`` and ``docket --help`` stay cheap.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docket.errors import DocketError

if TYPE_CHECKING:
    from docket.bundles.keys import SecretKey
    from docket.server.merged_store import MergedStore

    Verbs = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


# --- printing -----------------------------------------------------------------------------


def shown(value: object) -> str:
    """``value`` as it may be printed: names, ids, file names, reasons and error messages
    can come from a bundle or the merged database, so escape sequences, carriage returns
    and bidi or zero-width characters are spelled out (``\\x1b``, ``\\u202e``) instead of
    reaching the terminal (:func:`docket.core.terminal.terminal_safe`)."""
    from docket.core.terminal import terminal_safe

    return terminal_safe(value)


# --- declaring verbs -----------------------------------------------------------------------


def add_verb(verbs: Verbs, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
    """A verb whose ``--help`` opens with its one-line help; ``main`` runs ``handler``."""
    p = verbs.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler)
    return p


def add_group(verbs: Verbs, name: str, help_text: str, dest: str, metavar: str) -> Verbs:
    """A verb that only groups sub-verbs (``docket key ...``); one of them is required."""
    group = verbs.add_parser(name, help=help_text, description=help_text)
    return group.add_subparsers(dest=dest, metavar=metavar, required=True)


def add_passphrase_env(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="read the key's passphrase from this environment variable",
    )


# --- passphrases and keys ------------------------------------------------------------------


def passphrase_from_env(var: str | None) -> str | None:
    if var is None:
        return None
    value = os.environ.get(var)
    if value is None:
        raise DocketError(
            f"The environment variable {var} is not set.", hint=f"Set {var} to the passphrase."
        )
    return value


def ask_passphrase(prompt: str, *, confirm: bool) -> str:
    import getpass  # with termios: only when a passphrase is asked for

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


def passphrase_for(path: str, passphrase_env: str | None) -> str | None:
    """The passphrase of the secret key at ``path``: from ``passphrase_env`` if given, else
    asked on the terminal if the key is protected, else None."""
    from docket.bundles import keys

    passphrase = passphrase_from_env(passphrase_env)
    if passphrase is None and keys.is_protected(path):
        passphrase = ask_passphrase(f"Passphrase for {path}: ", confirm=False)
    return passphrase


def load_key(path: str, passphrase_env: str | None) -> SecretKey:
    from docket.bundles import keys

    return keys.load_secret_key(path, passphrase_for(path, passphrase_env))


# --- files and the merged database ---------------------------------------------------------


def read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocketError(f"Cannot read the {what} file {path}: {exc}") from None


DB_HELP = (
    "the merged database: a file (created by `merge` if missing), or a PostgreSQL "
    "database as postgresql://[user@]host[:port]/name (the password from PGPASSWORD, "
    "~/.pgpass or a service file, never the URL)"
)


def open_merged(args: argparse.Namespace) -> tuple[MergedStore, SecretKey]:
    """The merged database and the server key it is encrypted under: --server-key, or the
    DOCKET_SERVER_KEY environment variable (so `docket agreement --db M` works as is).
    The key is loaded once (a protected key asks for its passphrase once)."""
    from docket.server.merged_store import MergedStore

    if not args.db.startswith(("postgresql://", "postgres://")) and not Path(args.db).exists():
        raise DocketError(f"{args.db} does not exist.", hint="Create it with `docket merge`.")
    path = args.server_key or os.environ.get("DOCKET_SERVER_KEY")
    if not path:
        raise DocketError(
            f"{args.db} is tied to the server's key (a file is encrypted under it).",
            hint="Give --server-key server.key (or set DOCKET_SERVER_KEY).",
        )
    server = load_key(path, args.passphrase_env)
    store = MergedStore.open(args.db, server, project=getattr(args, "project", None))
    _OPENED.append(store)
    return store, server


_OPENED: list[MergedStore] = []


def opened_warnings() -> list[str]:
    """What the merged databases this command read skipped (answers that do not fit their
    task), said once the command is done; forgets them."""
    out = [w for store in _OPENED for w in store.warnings]
    _OPENED.clear()
    return out


def add_project(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--project",
        metavar="NAME",
        help="the project to read (needed when the database holds several)",
    )
