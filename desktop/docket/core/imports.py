"""Imports made as the packaged app makes them."""

from __future__ import annotations

import importlib.util
import sys

DATAFRAME_LIBRARIES = ("pandas", "numpy")
"""What sqlite-utils imports when it is installed only to name columns for their types."""

DEFERRED_BY_SQLITE_UTILS = ("dateutil.parser",)
"""What sqlite-utils imports as it loads but uses only inside functions Docket never
calls (its date-parsing recipes): loaded on first use instead. (Click, which it also
imports for its command line, is used by its module-level annotations.)"""


def defer(name: str) -> None:
    """Put module ``name`` in ``sys.modules`` without running it: its code runs on the
    first use of one of its attributes (:class:`importlib.util.LazyLoader`; an
    ``import name`` statement counts as a use, ``from parent import name`` does not).
    Nothing happens when it is imported already or cannot be found (an import of it
    then fails as it would have)."""
    if name in sys.modules:
        return
    parent, _, child = name.rpartition(".")
    spec = importlib.util.find_spec(name)  # imports the parent package, if any
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    if parent:
        setattr(sys.modules[parent], child, module)


def import_sqlite_utils_without_dataframes() -> None:
    """Import sqlite-utils as the packaged app has it: without pandas and numpy.

    sqlite-utils imports both whenever they are installed (as in the development
    environment and in a server's), only to add their scalar types to the column types it
    infers; Docket never hands it such values, and the packaged app leaves both out.
    Hidden while sqlite-utils is imported, they stay importable for what needs them
    later (about 0.6 s of CPU at start otherwise: the window's, a merge worker's). A
    process that has already imported either keeps it as it is. The modules of
    :data:`DEFERRED_BY_SQLITE_UTILS` are deferred to their first use (about 10 ms of the
    start)."""
    if "sqlite_utils" in sys.modules:
        return
    for name in DEFERRED_BY_SQLITE_UTILS:
        defer(name)
    hidden = [name for name in DATAFRAME_LIBRARIES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
