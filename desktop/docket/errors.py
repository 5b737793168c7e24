"""Typed errors a user can cause, each with a message that says what happened and what to do.

The CLI and the UI show ``str(error)`` (message, then the hint on its own line) and never a
traceback. Anything that is *not* a :class:`DocketError` is a bug in Docket.
"""

from __future__ import annotations


class DocketError(Exception):
    """Base of every error a user can cause. ``hint`` says what to do about it."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


# --- input files -------------------------------------------------------------------------


class TaskFormatError(DocketError):
    """A task file (JSONL) holds a line Docket cannot read as a task."""

    hint = "Fix or remove the line and try again."

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}: " if source and line is not None else ""
        super().__init__(f"{where}{message}")


class SchemaError(DocketError):
    """A question schema (the answer form) is malformed."""

    hint = "Check the schema JSON against the question types in the documentation."


class AnswerValidationError(DocketError):
    """An answer does not fit the task's questions. ``issues`` names each field at fault."""

    hint = "Correct the fields named above; nothing was saved."

    def __init__(self, issues: list[tuple[str, str]]) -> None:
        self.issues = issues
        lines = "; ".join(f"{field}: {msg}" for field, msg in issues)
        super().__init__(f"The answer is not valid: {lines}")


# --- keys ----------------------------------------------------------------------------------


class KeyFileError(DocketError):
    """A key file or public card cannot be used."""


class WrongPassphraseError(KeyFileError):
    hint = "Type the passphrase again; it is the one chosen at `docket keygen`."


class KeyringError(KeyFileError):
    """Two public cards claim the same identity (name, key id, recipient or keys)."""

    hint = (
        "Keep one card per party: remove the card that does not belong (compare each "
        "fingerprint with its owner), then run the command again. Nothing was done."
    )


# --- workspace store -----------------------------------------------------------------------


class WorkspaceError(DocketError):
    """The workspace database cannot be used."""


class WrongKeyError(WorkspaceError):
    hint = (
        "Open it with the key it was created with, or choose another directory for a new workspace."
    )


class UnknownTaskError(WorkspaceError):
    hint = "List the tasks with `Workspace.tasks()`; the id must be one of them."


class DiskFullError(WorkspaceError):
    hint = "Free some disk space; answers saved before this one are intact."


class ReadOnlyWorkspaceError(WorkspaceError):
    hint = "Make the workspace directory writable; answers saved before this one are intact."


class WorkspaceLockedError(WorkspaceError):
    """The workspace is locked (idle or screen lock): its key is not in memory."""

    hint = "Unlock Docket with your passphrase to continue."


class WorkspaceBusyError(WorkspaceError):
    hint = "Close the other Docket window or process using this workspace, then try again."


class WorkspaceCorruptError(WorkspaceError):
    hint = "Restore the workspace from a backup, or re-import the bundle into a new workspace."


class NewerWorkspaceError(WorkspaceError):
    hint = "Update Docket to open this workspace."


class AuditChainError(WorkspaceError):
    hint = "The workspace was modified outside Docket; do not export from it and tell your lead."


class OutputFileError(DocketError):
    """A file Docket writes (a bundle, an export) could not be written; nothing was
    left half-written and no record of it was kept."""

    hint = "Free some space or choose another folder, then try again."


# --- bundles -------------------------------------------------------------------------------


class BundleError(DocketError):
    """A bundle cannot be used; nothing was imported or changed."""

    hint = "Ask the sender for a fresh copy of the bundle; nothing was imported."


class AgeHeaderError(BundleError):
    """The age header is malformed (rejected before any decryption)."""


class NotForYouError(BundleError):
    hint = "This bundle was encrypted for someone else: check that you opened it with your own key."


class AgeHmacError(BundleError):
    """The age header's MAC does not match: the header was altered."""


class AgePayloadError(BundleError):
    """The encrypted payload is damaged or truncated."""


class ContainerError(BundleError):
    """The decrypted bundle does not have the expected sections."""


class SignatureError(BundleError):
    hint = (
        "Do not use this bundle: it was altered, or it was not signed by the expected key. "
        "Ask the sender for a fresh copy."
    )


class ManifestError(BundleError):
    """The signed manifest is malformed or does not match the bundle."""


class ExpiredBundleError(BundleError):
    hint = "Ask the project owner for a new bundle."


class UnsupportedVersionError(BundleError):
    hint = "Update Docket, or ask the sender for a bundle in a version this Docket reads."


class ReplayError(BundleError):
    """A result bundle was seen before, or is out of sequence in its reviewer's chain."""

    hint = "Each result bundle can be merged once, in its reviewer's order; see the report."


class ImportCancelledError(BundleError):
    hint = "Nothing was imported; import the bundle again when you are ready."
