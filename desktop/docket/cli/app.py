"""The verbs that open the desktop app: ``docket demo`` (the built-in demo, or with
``--no-window`` only its workspace) and ``docket [BUNDLE_OR_WORKSPACE]`` (the review
window, which has no verb of its own: :func:`docket.cli.main` routes to :func:`open_app`).

These are the only places the command line reaches Qt, and only by importing
:mod:`docket.ui` inside the handler, when a window is about to open.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from docket.cli.common import EXIT_OK, add_verb
from docket.errors import DocketError

if TYPE_CHECKING:
    from docket.cli.common import Verbs


def _before_qt() -> None:
    """Import the Qt-free modules the window needs before Qt itself: once PySide6 is
    loaded, it reads the source of every module imported after it (looking for its
    ``__feature__`` switches), about a tenth of the window's start in the development
    environment, less in the packaged app (which carries no source)."""
    import docket.render
    import docket.workspace  # noqa: F401


def _cmd_demo(args: argparse.Namespace) -> int:
    if not args.no_window:
        _before_qt()
        from docket.ui.app import run_demo  # Qt is loaded only to open a window

        return run_demo(Path(args.screenshot) if args.screenshot else None)
    from docket.demo import prepare_demo

    demo = prepare_demo()
    print(f"Demo workspace: {demo.workspace}")
    print(f"Demo reviewer key: {demo.key}")
    print(
        f"{demo.tasks} tasks ({demo.pairs} pairs, {demo.rankings} rankings; "
        f"{demo.grounded} with source documents, {demo.rubrics} graded by rubric), "
        f"{demo.answered} answered."
    )
    print("Open it in the review window with `docket demo`, or use the Python API, e.g.:")
    print(
        '  python -c "import docket; '
        f"ws = docket.Workspace.open('{demo.workspace}', '{demo.key}'); "
        'print(next(iter(ws.tasks())).prompt)"'
    )
    return EXIT_OK


def open_app(args: argparse.Namespace) -> int:
    """``docket [BUNDLE_OR_WORKSPACE]``: the review window; a bundle starts its import."""
    target: str | None = args.target
    if target is not None and not Path(target).exists():
        raise DocketError(
            f"{target} does not exist.",
            hint="Give a bundle file or a workspace folder, or a verb (see `docket --help`).",
        )
    _before_qt()
    from docket.ui.app import run  # Qt is loaded only to open a window

    return run(target)


def register(verbs: Verbs) -> None:
    """``demo``."""
    p = add_verb(
        verbs, "demo", "open the app on the built-in demo (prepares a demo workspace)", _cmd_demo
    )
    p.add_argument("--screenshot", metavar="PNG", help="render the main window to PNG and exit")
    p.add_argument(
        "--no-window",
        action="store_true",
        help="only prepare the demo workspace and say where it is",
    )
