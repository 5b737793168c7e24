"""The frozen app's entry point (packaging/docket.spec): the `docket` command.

One executable is both the desktop app (`docket`, `docket FILE`, `docket demo`) and the
command line (`docket VERB ...`); docket.cli decides which.
"""

import sys

from docket.cli import main

if __name__ == "__main__":
    sys.exit(main())
