"""Imports made as the packaged app makes them."""

from __future__ import annotations

import sys

DATAFRAME_LIBRARIES = ("pandas", "numpy")
"""What sqlite-utils imports when it is installed only to name columns for their types."""


def import_sqlite_utils_without_dataframes() -> None:
    """Import sqlite-utils as the packaged app has it: without pandas and numpy.

    sqlite-utils imports both whenever they are installed (as in the development
    environment and in a server's), only to add their scalar types to the column types it
    infers; Docket never hands it such values, and the packaged app leaves both out.
    Hidden while sqlite-utils is imported, they stay importable for what needs them
    later (about 0.6 s of CPU at start otherwise: the window's, a merge worker's). A
    process that has already imported either keeps it as it is."""
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in DATAFRAME_LIBRARIES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
