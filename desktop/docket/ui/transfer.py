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
from docket.workspace import RESULT_SUFFIX, ImportedTasks

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow


def choose_and_import(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, "Import bundle", "", "Docket bundles (*.docket);;All files (*)"
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
            "Your last change is not saved yet (see the message before); import the "
            "bundle once it is.",
            error=True,
        )
        return
    settings = window.settings
    server = str(window.server_card) if window.server_card else settings.server_card
    if not server or not Path(server).exists():
        server, _ = QFileDialog.getOpenFileName(
            window, "The server's public card (server.pub)", "", "Public cards (*.pub)"
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
        "Import bundle",
        f"Importing {bundle.name} …",
        work,
        on_success=lambda result: _imported(window, result),
        on_failure=lambda error: window.notify("Import", str(error), error=True),
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
    message = {
        "unchanged": "This bundle was already imported; nothing changed.",
        "updated": (
            f"Updated: {result.added} new, {result.updated} updated, "
            f"{result.removed} removed; answers kept."
        ),
    }.get(result.status, f"Imported {result.added} tasks.")
    window.typesetting.start_soon()  # the new tasks' formulas, ahead of the reviewer
    window.notify("Import", message)


def export_results(window: MainWindow) -> None:
    """A summary of what the result bundle will hold, then the bundle itself."""
    window.controller.flush()
    try:
        counts = window.workspace.status_counts()
    except DocketError as exc:
        window.notify("Docket", str(exc), error=True)
        return
    which = ""
    if (bundle := _bundle_to_export(window)) is not None:
        kinds = {b: (kind, source) for b, kind, source in window.workspace.answered_bundles()}
        kind, source = kinds[bundle]
        what = "the calibration round" if kind == "calibration-task" else "the task bundle"
        which = (
            f"This workspace holds several bundles; this exports {what} of the open task "
            f"({source}). Open a task of another bundle to export that one.\n\n"
        )
    summary = which + (
        f"Answered: {counts.answered} (flagged: {counts[TaskStatus.FLAGGED]})\n"
        f"Skipped: {counts[TaskStatus.SKIPPED]}\n"
        f"Drafts not submitted: {counts[TaskStatus.DRAFT]} (not exported)\n"
        f"Tasks in total: {counts.total}"
    )
    if (
        QMessageBox.question(
            window, "Export results", summary + "\n\nWrite the signed result bundle?"
        )
        != QMessageBox.StandardButton.Yes
    ):
        return
    ws = window.workspace
    default = str(ws.directory.parent / f"{ws.reviewer}-results{RESULT_SUFFIX}")
    path, _ = QFileDialog.getSaveFileName(window, "Save result bundle", default)
    if not path:
        return
    try:
        done = ws.export_results(path, bundle_id=_bundle_to_export(window))
    except DocketError as exc:
        window.notify("Docket", str(exc), error=True)
        return
    QMessageBox.information(
        window,
        "Export",
        f"Wrote {done.answers} answers (sequence {done.sequence}) to\n{done.path}",
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
