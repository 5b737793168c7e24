"""Small dialogs: passphrase, skip reason, the keyboard shortcut sheet, and the question
asked before a link opens."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docket.render.links import check_link
from docket.ui.core_texts import shown
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate
from docket.ui.text_edit import PlainTextEdit

SHORTCUTS: list[tuple[str, str]] = [
    ("1 – 5", QT_TRANSLATE_NOOP("dialogs", "Preference: A much better … tie … B much better")),
    ("J / Page Down", QT_TRANSLATE_NOOP("dialogs", "Next task")),
    ("K / Page Up", QT_TRANSLATE_NOOP("dialogs", "Previous task")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("dialogs", "Submit and go to the next task")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("dialogs", "Keep as draft")),
    ("S", QT_TRANSLATE_NOOP("dialogs", "Skip the task (asks for a reason)")),
    (
        "A",
        QT_TRANSLATE_NOOP(
            "dialogs",
            "Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)",
        ),
    ),
    ("F", QT_TRANSLATE_NOOP("dialogs", "Focus the flags")),
    ("R", QT_TRANSLATE_NOOP("dialogs", "Focus the rationale")),
    (
        "W",
        QT_TRANSLATE_NOOP(
            "dialogs",
            "Focus the rewrite (Ctrl+Shift+R resets it to its base, "
            "Ctrl+Shift+E opens a large editor)",
        ),
    ),
    ("D", QT_TRANSLATE_NOOP("dialogs", "Show differences between two responses")),
    (
        "T",
        QT_TRANSLATE_NOOP(
            "dialogs",
            "Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)",
        ),
    ),
    ("Ctrl+F", QT_TRANSLATE_NOOP("dialogs", "Search prompts and responses")),
    (
        "C / Shift+C",
        QT_TRANSLATE_NOOP(
            "dialogs", "Next / previous citation in a response (Enter shows its document)"
        ),
    ),
    ("O", QT_TRANSLATE_NOOP("dialogs", "Focus the Sources pane (Up/Down: documents)")),
    (
        "Ctrl+Shift+F",
        QT_TRANSLATE_NOOP(
            "dialogs", "Find in the documents (Enter / Shift+Enter: next / previous)"
        ),
    ),
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("dialogs", "Undo / redo an answer edit")),
    (
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP(
            "dialogs",
            "Accept the AI judge's suggestion for the focused question (else the next one)",
        ),
    ),
    (
        "Ctrl+Alt+Shift+A",
        QT_TRANSLATE_NOOP("dialogs", "Accept every AI judge suggestion still to confirm"),
    ),
    ("Ctrl++ / Ctrl+- / Ctrl+0", QT_TRANSLATE_NOOP("dialogs", "Zoom in / out / reset")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("dialogs", "Export results")),
    ("Ctrl+I", QT_TRANSLATE_NOOP("dialogs", "Import a bundle")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("dialogs", "Lock (the passphrase unlocks)")),
    ("F1", QT_TRANSLATE_NOOP("dialogs", "This sheet")),
]


def ask_passphrase(parent: QWidget | None, what: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        translate("dialogs", "Passphrase"),
        translate("dialogs", "Passphrase for {what}:").format(what=what),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


class SkipDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("dialogs", "Skip this task"))
        self.reason = PlainTextEdit()
        self.reason.setAccessibleName(translate("dialogs", "Reason for skipping"))
        self.reason.setPlaceholderText(
            translate("dialogs", "Why skip it? (e.g. outside my expertise, prompt unclear)")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("dialogs", "Skip"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("dialogs", "A short reason helps the project lead:")))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(420, 200)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.toPlainText().strip() or "no reason given"  # recorded, not shown


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("dialogs", "Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setAccessibleName(translate("dialogs", "Keyboard shortcuts"))
        table.setHorizontalHeaderLabels(
            [translate("dialogs", "Keys"), translate("dialogs", "Action")]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, action) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(translate("dialogs", action)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 480)


def link_question(url: QUrl) -> str | None:
    """What the reviewer is asked before ``url`` opens: the address as the browser will
    receive it (Qt's fully encoded form: the host in its ASCII, punycode form, escapes
    never decoded but for unreserved characters such as ``%41``, which Qt writes as
    ``A``) and a line for each thing to look at twice (docket.render.links). None when
    it is not a valid address."""
    encoded = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    if not url.isValid() or not encoded:
        return None
    check = check_link(encoded)
    lines = [translate("dialogs", "Open this link in your web browser?"), "", check.shown, ""]
    if check.host:
        lines.append(translate("dialogs", "Site: {host}").format(host=check.host))
    lines += [f"⚠ {shown(warning)}" for warning in check.warnings]
    lines += ["", translate("dialogs", "It was written by a model; it may be wrong or unsafe.")]
    return "\n".join(lines)


def confirm_and_open_link(parent: QWidget, url: QUrl) -> None:
    """Links in model output open only after the reviewer agrees: they may mislead."""
    question = link_question(url)
    if question is None:
        QMessageBox.warning(
            parent,
            translate("dialogs", "Link not opened"),
            translate("dialogs", "This link is not a valid web address; it is not opened."),
        )
        return
    answer = QMessageBox.question(parent, translate("dialogs", "Open link?"), question)
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(url)
