"""Docket: offline, encrypted, signed expert review of LLM responses.

``docket.Workspace`` is the Qt-free Python API for scripts and tests (see DESIGN.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from docket.workspace import Workspace

__all__ = ["Workspace", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so `docket --version` and `docket --help` do not load SQLCipher and crypto.
    if name == "Workspace":
        from docket.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'docket' has no attribute {name!r}")
