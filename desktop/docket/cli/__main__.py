"""``python -m docket.cli``: the ``docket`` command without its console script."""

import sys

from docket.cli import main

if __name__ == "__main__":
    sys.exit(main())
