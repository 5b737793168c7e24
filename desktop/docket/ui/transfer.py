"""Bundles in and out of the window: importing a task bundle (off the UI thread, with a
progress dialog whose Cancel leaves nothing half-imported; the formulas of its tasks are
then typeset in the background, :mod:`docket.ui.typesetting`) and exporting the signed
result bundle after a summary of what it will hold."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from docket.core.review import Changes
from docket.core.tasks import TaskStatus
from docket.errors import DocketError
from docket.ui.error_texts import error_text
from docket.ui.i18n import Plural, english_plural, translate
from docket.workspace import RESULT_SUFFIX, ImportedTasks

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow


def choose_and_import(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        translate("transfer", "Import bundle"),
        "",
        translate("transfer", "Docket bundles (*.docket);;All files (*)"),
    )
    if path:
        import_bundle(window, Path(path))


def import_bundle(window: MainWindow, bundle: Path) -> None:
    """Import ``bundle`` on a worker thread (its own connection to the workspace); the
    window refreshes when it is done and says what changed."""
    if window.session.locked:
        return
    if window.operations.background():  # typesetting gives way, and resumes after
        window.operations.when_idle(lambda: import_bundle(window, bundle))
        return
    if window.operations.busy():
        return
    if window.controller.has_unsaved():
        window.notify(
            "Docket",
            translate(
                "transfer",
                "Your last change is not saved yet (see the message before); import the "
                "bundle once it is.",
            ),
            error=True,
        )
        return
    settings = window.settings
    server = str(window.server_card) if window.server_card else settings.server_card
    if not server or not Path(server).exists():
        server, _ = QFileDialog.getOpenFileName(
            window,
            translate("transfer", "The server's public card (server.pub)"),
            "",
            translate("transfer", "Public cards (*.pub)"),
        )
        if not server or window.session.locked:
            return
        settings.server_card = server
    window.controller.flush()
    opener, card = window.workspace.opener(), Path(server)

    def work(progress: Any) -> ImportedTasks:
        with opener() as ws:  # SQLite connections stay in the thread that made them
            return ws.import_bundle(bundle, card, progress=progress)

    window.operations.run(
        translate("transfer", "Import bundle"),
        translate("transfer", "Importing {name} …").format(name=bundle.name),
        work,
        on_success=lambda result: _imported(window, result),
        on_failure=lambda error: window.notify(
            translate("transfer", "Import"), error_text(error), error=True
        ),
    )


def _imported(window: MainWindow, result: ImportedTasks) -> None:
    c = window.controller
    current = c.task.id if c.task is not None else None
    c.leave_task()
    c.task = None  # the import may have changed or removed it
    window.comparison.clear_cache()
    c.changed.emit(Changes(all_tasks=True))
    if current is None or not window.open_task(current):
        window.open_first_task()
    if result.status == "unchanged":
        message = translate("transfer", "This bundle was already imported; nothing changed.")
    elif result.status == "updated":
        message = translate(
            "transfer", "Updated: {added} new, {updated} updated, {removed} removed; answers kept."
        ).format(added=result.added, updated=result.updated, removed=result.removed)
    else:
        message = english_plural(Plural.tr("Imported %n task(s).", "", result.added), result.added)
    window.typesetting.start_soon()  # the new tasks' formulas, ahead of the reviewer
    window.notify(translate("transfer", "Import"), message)


def export_results(window: MainWindow) -> None:
    """A summary of what the result bundle will hold, then the bundle itself."""
    window.controller.flush()
    try:
        counts = window.workspace.status_counts()
    except DocketError as exc:
        window.notify("Docket", error_text(exc), error=True)
        return
    which = ""
    if (bundle := _bundle_to_export(window)) is not None:
        kinds = {b: (kind, source) for b, kind, source in window.workspace.answered_bundles()}
        kind, source = kinds[bundle]
        which = (
            translate(
                "transfer",
                "This workspace holds several bundles; this exports the calibration round of "
                "the open task ({source}). Open a task of another bundle to export that one.",
            )
            if kind == "calibration-task"
            else translate(
                "transfer",
                "This workspace holds several bundles; this exports the task bundle of the "
                "open task ({source}). Open a task of another bundle to export that one.",
            )
        ).format(source=source) + "\n\n"
    summary = which + translate(
        "transfer",
        "Answered: {answered} (flagged: {flagged})\nSkipped: {skipped}\n"
        "Drafts not submitted: {drafts} (not exported)\nTasks in total: {total}",
    ).format(
        answered=counts.answered,
        flagged=counts[TaskStatus.FLAGGED],
        skipped=counts[TaskStatus.SKIPPED],
        drafts=counts[TaskStatus.DRAFT],
        total=counts.total,
    )
    if (
        QMessageBox.question(
            window,
            translate("transfer", "Export results"),
            summary + "\n\n" + translate("transfer", "Write the signed result bundle?"),
        )
        != QMessageBox.StandardButton.Yes
    ):
        return
    ws = window.workspace
    default = str(ws.directory.parent / f"{ws.reviewer}-results{RESULT_SUFFIX}")
    path, _ = QFileDialog.getSaveFileName(
        window, translate("transfer", "Save result bundle"), default
    )
    if not path:
        return
    try:
        done = ws.export_results(path, bundle_id=_bundle_to_export(window))
    except DocketError as exc:
        window.notify("Docket", error_text(exc), error=True)
        return
    QMessageBox.information(
        window,
        translate("transfer", "Export"),
        translate("transfer", "Wrote {answers} answers (sequence {sequence}) to\n{path}").format(
            answers=done.answers, sequence=done.sequence, path=done.path
        ),
    )


def _bundle_to_export(window: MainWindow) -> str | None:
    """With several signed bundles in the workspace (a task bundle and a calibration
    round, say), the open task's; with one, None (the workspace's only one)."""
    ws, task = window.workspace, window.controller.task
    bundles = {b for b, _, _ in ws.answered_bundles()}
    if len(bundles) < 2 or task is None:
        return None
    found = ws.bundle_of(task.id)
    return found if found in bundles else None
