"""Small dialogs: passphrase, skip reason, the shortcut sheet, and bundle import with
progress off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docket.errors import DocketError, ImportCancelledError
from docket.store.workspace_store import ImportedTasks
from docket.workspace import Workspace

SHORTCUTS: list[tuple[str, str]] = [
    ("1 – 5", "Preference: A much better … tie … B much better"),
    ("J / Page Down", "Next task"),
    ("K / Page Up", "Previous task"),
    ("Ctrl+Enter", "Submit and go to the next task"),
    ("Ctrl+S", "Keep as draft"),
    ("S", "Skip the task (asks for a reason)"),
    ("A", "Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)"),
    ("F", "Focus the flags"),
    ("R", "Focus the rationale"),
    ("D", "Show differences between two responses"),
    ("T", "Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)"),
    ("Ctrl+F", "Search prompts and responses"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo an answer edit"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
    ("Ctrl+E", "Export results"),
    ("Ctrl+I", "Import a bundle"),
    ("Ctrl+L", "Lock (the passphrase unlocks)"),
    ("F1", "This sheet"),
]


def ask_passphrase(parent: QWidget | None, what: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent, "Passphrase", f"Passphrase for {what}:", QLineEdit.EchoMode.Password
    )
    return text if ok and text else None


class SkipDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skip this task")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for skipping")
        self.reason.setPlaceholderText("Why skip it? (e.g. outside my expertise, prompt unclear)")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Skip")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A short reason helps the project lead:"))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(420, 200)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.toPlainText().strip() or "no reason given"


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Keys", "Action"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, action) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(action))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 480)


class _ImportWorker(QObject):
    progressed = Signal(str, float)
    finished = Signal(object)  # ImportedTasks or DocketError

    def __init__(self, opener: Callable[[], Workspace], bundle: Path, server: Path) -> None:
        super().__init__()
        self.opener, self.bundle, self.server = opener, bundle, server
        self.cancelled = False

    def run(self) -> None:
        bundle, server = self.bundle, self.server

        def progress(stage: str, fraction: float) -> None:
            if self.cancelled:
                raise ImportCancelledError("Import cancelled.")
            self.progressed.emit(stage, fraction)

        try:
            # Its own connection: SQLite connections stay in the thread that made them.
            with self.opener() as ws:
                result: object = ws.import_bundle(bundle, server, progress=progress)
        except DocketError as exc:
            result = exc
        except Exception as exc:  # a bug: still end the dialog, and say what happened
            result = DocketError(f"The import failed unexpectedly ({type(exc).__name__}: {exc}).")
        self.finished.emit(result)


class _Relay(QObject):
    """Receives the import worker's signals in the GUI thread."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop, worker: _ImportWorker) -> None:
        super().__init__()
        self.dialog, self.loop, self.worker = dialog, loop, worker
        self.outcome: list[object] = []

    @Slot(str, float)
    def stage(self, text: str, fraction: float) -> None:
        self.dialog.setLabelText(f"{text} …")
        self.dialog.setValue(int(fraction * 100))

    @Slot(object)
    def done(self, result: object) -> None:
        self.outcome.append(result)
        self.loop.quit()

    @Slot()
    def cancel(self) -> None:
        self.worker.cancelled = True  # read by the worker at its next stage
        self.dialog.setLabelText("Cancelling …")


def import_with_progress(
    parent: QWidget | None,
    opener: Callable[[], Workspace],
    bundle: Path,
    server: Path,
) -> ImportedTasks | DocketError:
    """Import on a worker thread behind a cancellable progress dialog. Cancel (or any
    error) leaves the workspace as it was: the import commits in one transaction."""
    dialog = QProgressDialog(f"Importing {bundle.name} …", "Cancel", 0, 100, parent)
    dialog.setWindowTitle("Import bundle")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread()
    worker = _ImportWorker(opener, bundle, server)
    worker.moveToThread(thread)
    loop = QEventLoop()
    relay = _Relay(dialog, loop, worker)
    # Bound slots of a main-thread QObject: the worker's signals arrive queued, in this
    # thread. (A plain function would run in the worker's thread and touch the dialog
    # from there, which crashes Qt.)
    worker.progressed.connect(relay.stage)
    worker.finished.connect(relay.done)
    dialog.canceled.connect(relay.cancel)
    thread.started.connect(worker.run)
    thread.start()
    if not relay.outcome:
        loop.exec()
    thread.quit()
    thread.wait()
    dialog.reset()
    dialog.close()
    result = relay.outcome[0]
    assert isinstance(result, (ImportedTasks, DocketError))
    return result
