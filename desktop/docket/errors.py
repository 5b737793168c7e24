"""Typed errors a user can cause, each with a message that says what happened and what to do.

The CLI and the UI show ``str(error)`` (message, then the hint on its own line) and never a
traceback. Anything that is *not* a :class:`DocketError` is a bug in Docket.
"""

from __future__ import annotations

from docket.reasons import template


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

    hint = template("Fix or remove the line and try again.")

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}: " if source and line is not None else ""
        super().__init__(f"{where}{message}")


class SchemaError(DocketError):
    """A question schema (the answer form) is malformed."""

    hint = template("Check the schema JSON against the question types in the documentation.")


class AnswerValidationError(DocketError):
    """An answer does not fit the task's questions. ``issues`` names each field at fault."""

    hint = template("Correct the fields named above; nothing was saved.")

    def __init__(self, issues: list[tuple[str, str]]) -> None:
        self.issues = issues
        lines = "; ".join(f"{field}: {msg}" for field, msg in issues)
        super().__init__(f"The answer is not valid: {lines}")


# --- keys ----------------------------------------------------------------------------------


class KeyFileError(DocketError):
    """A key file or public card cannot be used."""


class WrongPassphraseError(KeyFileError):
    hint = template("Type the passphrase again; it is the one chosen at `docket keygen`.")


class KeyringError(KeyFileError):
    """Two public cards claim the same identity (name, key id, recipient or keys)."""

    hint = template(
        "Keep one card per party: remove the card that does not belong (compare each "
        "fingerprint with its owner), then run the command again. Nothing was done."
    )


# --- workspace store -----------------------------------------------------------------------


class WorkspaceError(DocketError):
    """The workspace database cannot be used."""


class WrongKeyError(WorkspaceError):
    hint = template(
        "Open it with the key it was created with, or choose another directory for a new workspace."
    )


class UnknownTaskError(WorkspaceError):
    hint = template("List the tasks with `Workspace.tasks()`; the id must be one of them.")


class DiskFullError(WorkspaceError):
    hint = template("Free some disk space; answers saved before this one are intact.")


class ReadOnlyWorkspaceError(WorkspaceError):
    hint = template(
        "Make the workspace directory writable; answers saved before this one are intact."
    )


class WorkspaceLockedError(WorkspaceError):
    """The workspace is locked (idle or screen lock): its key is not in memory."""

    hint = template("Unlock Docket with your passphrase to continue.")


class WorkspaceBusyError(WorkspaceError):
    hint = template(
        "Close the other Docket window or process using this workspace, then try again."
    )


class WorkspaceCorruptError(WorkspaceError):
    hint = template(
        "Restore the workspace from a backup, or re-import the bundle into a new workspace."
    )


class NewerWorkspaceError(WorkspaceError):
    hint = template("Update Docket to open this workspace.")


class AuditChainError(WorkspaceError):
    hint = template(
        "The workspace was modified outside Docket; do not export from it and tell your lead."
    )


class OutputFileError(DocketError):
    """A file Docket writes (a bundle, an export) could not be written; nothing was
    left half-written and no record of it was kept."""

    hint = template("Free some space or choose another folder, then try again.")


# --- bundles -------------------------------------------------------------------------------


class BundleError(DocketError):
    """A bundle cannot be used; nothing was imported or changed."""

    hint = template("Ask the sender for a fresh copy of the bundle; nothing was imported.")


class AgeHeaderError(BundleError):
    """The age header is malformed (rejected before any decryption)."""


class NotForYouError(BundleError):
    hint = template(
        "This bundle was encrypted for someone else: check that you opened it with your own key."
    )


class AgeHmacError(BundleError):
    """The age header's MAC does not match: the header was altered."""


class AgePayloadError(BundleError):
    """The encrypted payload is damaged or truncated."""


class ContainerError(BundleError):
    """The decrypted bundle does not have the expected sections."""


class SignatureError(BundleError):
    hint = template(
        "Do not use this bundle: it was altered, or it was not signed by the expected key. "
        "Ask the sender for a fresh copy."
    )


class ManifestError(BundleError):
    """The signed manifest is malformed or does not match the bundle."""


class ExpiredBundleError(BundleError):
    hint = template("Ask the project owner for a new bundle.")


class UnsupportedVersionError(BundleError):
    hint = template("Update Docket, or ask the sender for a bundle in a version this Docket reads.")


class ReplayError(BundleError):
    """A result bundle was seen before, or is out of sequence in its reviewer's chain."""

    hint = template(
        "Each result bundle can be merged once, in its reviewer's order; see the report."
    )


class ImportWorkerError(BundleError):
    """The process that reads a large bundle during an import ended or failed without
    finishing (killed, out of memory, a bug): nothing was imported."""


class MergeWorkerError(BundleError):
    """The process that reads result bundles during a large merge ended or failed without
    finishing (killed, out of memory, a bug): the bundles merged before are kept, nothing
    of the next was written."""


class ImportCancelledError(BundleError):
    hint = template("Nothing was imported; import the bundle again when you are ready.")
