"""What the window says about an error a user can cause (:class:`docket.errors.DocketError`)
in the interface's language: a sentence naming what went wrong (by the error's kind), what
to do (the error's hint, translated), then the error's own details. The details are
translated where the core wrote them as a :class:`~docket.reasons.Reason`; the others
(file names, library errors) read as the command line prints them. In English the error
reads exactly as the command line prints it."""

from __future__ import annotations

from docket.errors import (
    AnswerValidationError,
    AuditChainError,
    BundleError,
    DiskFullError,
    DocketError,
    ExpiredBundleError,
    ImportCancelledError,
    KeyFileError,
    NewerWorkspaceError,
    NotForYouError,
    OutputFileError,
    ReadOnlyWorkspaceError,
    SchemaError,
    SignatureError,
    TaskFormatError,
    UnknownTaskError,
    UnsupportedVersionError,
    WorkspaceBusyError,
    WorkspaceCorruptError,
    WorkspaceError,
    WorkspaceLockedError,
    WrongKeyError,
    WrongPassphraseError,
)
from docket.ui.core_texts import shown
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "error_texts"

# The most specific kind first: the first the error is an instance of names it.
SUMMARIES: tuple[tuple[type[DocketError], str], ...] = (
    (WrongPassphraseError, QT_TRANSLATE_NOOP("error_texts", "The passphrase is not right.")),
    (
        KeyFileError,
        QT_TRANSLATE_NOOP("error_texts", "This key file or public card cannot be used."),
    ),
    (WrongKeyError, QT_TRANSLATE_NOOP("error_texts", "This workspace belongs to another key.")),
    (
        DiskFullError,
        QT_TRANSLATE_NOOP("error_texts", "The disk is full: the last change was not saved."),
    ),
    (
        ReadOnlyWorkspaceError,
        QT_TRANSLATE_NOOP(
            "error_texts", "The workspace folder is read-only: the last change was not saved."
        ),
    ),
    (WorkspaceLockedError, QT_TRANSLATE_NOOP("error_texts", "Docket is locked.")),
    (
        WorkspaceBusyError,
        QT_TRANSLATE_NOOP("error_texts", "Another Docket window is using this workspace."),
    ),
    (WorkspaceCorruptError, QT_TRANSLATE_NOOP("error_texts", "The workspace is damaged.")),
    (
        NewerWorkspaceError,
        QT_TRANSLATE_NOOP("error_texts", "This workspace was made by a newer Docket."),
    ),
    (
        AuditChainError,
        QT_TRANSLATE_NOOP("error_texts", "The workspace's history does not check out."),
    ),
    (UnknownTaskError, QT_TRANSLATE_NOOP("error_texts", "This task is not in the workspace.")),
    (WorkspaceError, QT_TRANSLATE_NOOP("error_texts", "The workspace cannot be used.")),
    (OutputFileError, QT_TRANSLATE_NOOP("error_texts", "The file could not be written.")),
    (NotForYouError, QT_TRANSLATE_NOOP("error_texts", "This bundle is not addressed to you.")),
    (
        SignatureError,
        QT_TRANSLATE_NOOP("error_texts", "This bundle's signature does not check out."),
    ),
    (ExpiredBundleError, QT_TRANSLATE_NOOP("error_texts", "This bundle has expired.")),
    (
        UnsupportedVersionError,
        QT_TRANSLATE_NOOP("error_texts", "This bundle's version is not supported."),
    ),
    (ImportCancelledError, QT_TRANSLATE_NOOP("error_texts", "The import was cancelled.")),
    (
        BundleError,
        QT_TRANSLATE_NOOP(
            "error_texts", "This bundle cannot be used: it is damaged or not a Docket bundle."
        ),
    ),
    (SchemaError, QT_TRANSLATE_NOOP("error_texts", "The bundle's answer form is malformed.")),
    (TaskFormatError, QT_TRANSLATE_NOOP("error_texts", "A task cannot be read.")),
    (AnswerValidationError, QT_TRANSLATE_NOOP("error_texts", "The answer is not valid.")),
    (DocketError, QT_TRANSLATE_NOOP("error_texts", "Docket could not do this.")),
)


def summary(error: DocketError) -> str:
    """What went wrong, in a sentence of the interface's language."""
    words = next(text for kind, text in SUMMARIES if isinstance(error, kind))
    return translate(CONTEXT, words)


def error_text(error: BaseException) -> str:
    """The error as the window shows it (see the module docstring)."""
    if not isinstance(error, DocketError):
        return str(error)
    said = summary(error)
    words = next(text for kind, text in SUMMARIES if isinstance(error, kind))
    if said == words:  # no translation installed: the English, as the command line says it
        return str(error)
    hint = translate("core_texts", error.hint) if error.hint else ""
    details = translate("error_texts", "Details: {details}").format(details=shown(error.message))
    return "\n\n".join(part for part in (f"{said} {hint}".strip(), details) if part)


def short_text(error: BaseException) -> str:
    """The error in one sentence, without its hint (for a line that already says what to
    do): the summary in a translated interface, the error's own message in English."""
    if not isinstance(error, DocketError):
        return str(error)
    said = summary(error)
    words = next(text for kind, text in SUMMARIES if isinstance(error, kind))
    return error.message if said == words else said
