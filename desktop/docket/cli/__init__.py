"""The ``docket`` command (the README lists every verb and flag).

``docket`` alone, or with a bundle or workspace path, opens the desktop app; otherwise
the first argument is a verb (``docket VERB --help``). This module builds the parser
from the verb groups and runs the chosen verb: :func:`main`. Each group module declares
its verbs, their flags and help (``register``) and holds their handlers:

- :mod:`docket.cli.keys`: key pairs and what a secret key can be exported as;
- :mod:`docket.cli.server`: packing tasks for reviewers, then verifying, merging and
  measuring their results;
- :mod:`docket.cli.reviewer`: a reviewer's workspace (import, export) and inspecting a
  bundle;
- :mod:`docket.cli.adjudication`: bundles of the disagreements for a lead;
- :mod:`docket.cli.dataset`: merged data as training data;
- :mod:`docket.cli.scan`: PII in any JSONL file;
- :mod:`docket.cli.app`: the verbs that open a window (the demo, the app itself);
- :mod:`docket.cli.common`: what they share (exit codes, passphrases, keys, files).

User errors print their message (never a traceback) and exit with :data:`EXIT_ERROR`;
usage errors exit with :data:`EXIT_USAGE` (argparse). Qt is imported only by
:mod:`docket.cli.app`, inside a handler, when a window opens.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence

from docket import __version__
from docket.cli import app
from docket.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, opened_warnings, shown
from docket.core.bulk import paused_gc
from docket.errors import DocketError

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "verb_names"]

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
    # The verb groups are imported here: `docket` alone (the window) needs none of them.
    from docket.cli import adjudication, database, dataset, keys, report, reviewer, scan, server

    # `docket --help` lists the verbs in the order they are declared: the order of the
    # work, from keys and packing through review to merging and the training data.
    keys.register(verbs)
    server.register_pack(verbs)
    reviewer.register(verbs)
    server.register(verbs)
    adjudication.register(verbs)
    dataset.register(verbs)
    scan.register(verbs)
    report.register(verbs)
    database.register(verbs)
    app.register(verbs)
    return parser


def verb_names(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """The verbs ``parser`` declares (its sub-commands, not theirs), in the order its
    ``--help`` lists them; () for a parser without verbs."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return tuple(action.choices)
    return ()


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
    if not args_list:
        # `docket`: the desktop app, without building the verbs' parser (10 ms of the start).
        args = argparse.Namespace(handler=app.open_app, target=None)
    else:
        parser = build_parser()
        if not args_list[0].startswith("-") and args_list[0] not in verb_names(parser):
            # `docket BUNDLE_OR_WORKSPACE`: the desktop app (also what a desktop entry runs
            # when a bundle is double-clicked: packaging/linux/docket.desktop).
            if len(args_list) > 1:
                parser.error(f"unknown verb {args_list[0]!r}; see `docket --help`")
            args = argparse.Namespace(handler=app.open_app, target=args_list[0])
        else:
            args = parser.parse_args(args_list)
    try:
        # A verb that reads a whole merged database builds millions of objects that form
        # no cycle: the cycle collector would walk them again and again for nothing.
        with paused_gc() if getattr(args, "bulk", False) else contextlib.nullcontext():
            return int(args.handler(args))
    except DocketError as exc:
        from docket.core.terminal import terminal_safe

        # A message can quote a bundle (a name, an id): its lines are kept, its control
        # characters escaped.
        print(f"docket: error: {terminal_safe(exc, keep_newlines=True)}", file=sys.stderr)
        if os.environ.get("DOCKET_DEBUG"):  # where it was raised, for a report
            traceback.print_exc(file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("docket: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("DOCKET_DEBUG"):
            raise
        print(f"docket: internal error: {type(exc).__name__}: {shown(exc)}", file=sys.stderr)
        print("Please report it; set DOCKET_DEBUG=1 to see the details.", file=sys.stderr)
        return EXIT_ERROR
    finally:
        for warning in opened_warnings():
            print(f"docket: warning: {shown(warning)}", file=sys.stderr)
