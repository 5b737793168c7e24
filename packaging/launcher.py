"""The frozen app's entry point (packaging/docket.spec): the `docket` command.

One executable is both the desktop app (`docket`, `docket FILE`, `docket demo`) and the
command line (`docket VERB ...`); docket.cli decides which.
"""

import multiprocessing
import sys

from docket.cli import main

if __name__ == "__main__":
    # The formula typesetter's worker process starts this executable again
    # (docket.render.typeset.Typesetter): run the worker, not a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
