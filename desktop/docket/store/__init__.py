"""The workspace store: SQLCipher-encrypted SQLite through sqlite-utils. No Qt."""

from docket.store.workspace_store import WorkspaceStore

__all__ = ["WorkspaceStore"]
