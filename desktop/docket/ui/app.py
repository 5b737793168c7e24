"""Starting the desktop app: ``docket``, ``docket FILE`` and ``docket demo``.

Finds the workspace and key (from the command line, the last session, or a welcome
dialog), unlocks the key (passphrase dialog), and opens the main window. Every error a
user can cause is shown as its message, never a traceback.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from docket.bundles import keys
from docket.errors import DocketError, WrongPassphraseError
from docket.settings import Settings
from docket.ui.dialogs import ask_passphrase
from docket.ui.error_texts import error_text, short_text
from docket.ui.fonts import register_fonts
from docket.ui.i18n import install_language, translate
from docket.ui.startup_probe import install_if_asked
from docket.workspace import Workspace

EXIT_OK, EXIT_ERROR = 0, 1


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Docket")
    app.setOrganizationName("Docket")
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("docket")  # Wayland: the window's icon is the desktop entry's
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    register_fonts()  # Chinese, Japanese, Arabic, Hebrew never as boxes
    return app


def app_icon() -> QIcon:
    """Docket's icon (resources/icons, rendered from docket.svg by packaging/make_icons.py).

    PNGs, so the icon needs no SVG plugin in the packaged app."""
    icon = QIcon()
    folder = resources.files("docket.resources") / "icons"
    for size in (32, 256):
        pixmap = QPixmap()
        if pixmap.loadFromData((folder / f"docket-{size}.png").read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def unlock(parent: QWidget | None, workspace_dir: Path, key_path: Path) -> Workspace | None:
    """Open the workspace, asking for the key's passphrase (three tries). The passphrase
    is not kept: the window works with the unlocked key and asks again to unlock."""
    passphrase: str | None = None
    if keys.is_protected(key_path):
        for attempt in range(3):
            passphrase = ask_passphrase(parent, key_path.name)
            if passphrase is None:
                return None
            try:
                return Workspace.open(workspace_dir, key_path, passphrase)
            except WrongPassphraseError as exc:
                if attempt == 2:
                    QMessageBox.warning(parent, "Docket", error_text(exc))
                    return None
                QMessageBox.warning(
                    parent,
                    "Docket",
                    translate("app", "{message} Try again.").format(message=short_text(exc)),
                )
        return None
    return Workspace.open(workspace_dir, key_path)


class WelcomeDialog(QDialog):
    """First start: which workspace, which key, and optionally a bundle to import."""

    def __init__(self, settings: Settings, bundle: Path | None = None) -> None:
        super().__init__()
        self.setWindowTitle(translate("app", "Welcome to Docket"))
        self.workspace = self._path_row(
            settings.last_workspace or str(Path.home() / "docket-workspace"), True
        )
        self.key = self._path_row(settings.last_key or "", False, translate("app", "Keys (*.key)"))
        self.bundle = self._path_row(
            str(bundle) if bundle else "", False, translate("app", "Docket bundles (*.docket)")
        )
        self.server = self._path_row(
            settings.server_card or "", False, translate("app", "Public cards (*.pub)")
        )
        form = QFormLayout()
        form.addRow(translate("app", "Workspace folder (created if new):"), self.workspace[0])
        form.addRow(translate("app", "Your key (NAME.key):"), self.key[0])
        form.addRow(translate("app", "Bundle to import (optional):"), self.bundle[0])
        form.addRow(translate("app", "Server's public card (server.pub):"), self.server[0])
        intro = QLabel(
            translate(
                "app",
                "Docket keeps your review encrypted in a workspace folder, unlocked by your key.\n"
                "Your key and public card come from `docket keygen` (or from your project lead); "
                "bundles come from the project server.",
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(720, 260)

    def _path_row(
        self, value: str, directory: bool, pattern: str = ""
    ) -> tuple[QWidget, QLineEdit]:
        row = QWidget()
        edit = QLineEdit(value)
        button = QPushButton(translate("app", "Choose…"))

        def choose() -> None:
            if directory:
                chosen = QFileDialog.getExistingDirectory(
                    self, translate("app", "Workspace folder"), edit.text()
                )
            else:
                chosen, _ = QFileDialog.getOpenFileName(
                    self, translate("app", "Choose a file"), edit.text(), pattern
                )
            if chosen:
                edit.setText(chosen)

        button.clicked.connect(choose)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(button)
        edit.setAccessibleName(value or "path")
        return row, edit


def run(target: str | None = None) -> int:
    """``docket [BUNDLE_OR_WORKSPACE]``."""
    app = application()
    settings = Settings.load()
    install_language(settings.language)
    workspace_dir = Path(settings.last_workspace) if settings.last_workspace else None
    key = Path(settings.last_key) if settings.last_key else None
    bundle: Path | None = None
    if target:
        path = Path(target)
        if path.is_dir():
            workspace_dir = path
        elif path.is_file():
            bundle = path
        else:
            QMessageBox.warning(
                None,
                "Docket",
                translate("app", "{path} is neither a workspace folder nor a bundle file.").format(
                    path=path
                ),
            )
            return EXIT_ERROR
    if (
        workspace_dir is None
        or key is None
        or not key.exists()
        or (bundle is not None and not settings.server_card)
    ):
        dialog = WelcomeDialog(settings, bundle)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return EXIT_OK
        workspace_dir = Path(dialog.workspace[1].text()).expanduser()
        key = Path(dialog.key[1].text()).expanduser()
        bundle = Path(dialog.bundle[1].text()) if dialog.bundle[1].text() else None
        if dialog.server[1].text():
            settings.server_card = dialog.server[1].text()
    try:
        opened = unlock(None, workspace_dir, key)
    except DocketError as exc:
        QMessageBox.warning(None, "Docket", error_text(exc))
        return EXIT_ERROR
    if opened is None:
        return EXIT_OK
    workspace = opened
    settings.last_workspace, settings.last_key = str(workspace_dir), str(key)
    from docket.ui.main_window import MainWindow

    window = MainWindow(workspace, key, settings)
    window.show()
    install_if_asked(window)
    if bundle is not None:
        QTimer.singleShot(0, lambda: window.import_bundle(bundle))
    code = app.exec()
    workspace.close()
    return code


def run_demo(screenshot: Path | None = None) -> int:
    """``docket demo [--screenshot PNG]``: the demo workspace in the review window."""
    from docket.demo import prepare_demo
    from docket.ui.main_window import MainWindow

    app = application()
    info = prepare_demo(count=False)  # the window needs where it is, not what is in it
    settings = Settings.load()
    install_language(settings.language)
    workspace = Workspace.open(info.workspace, info.key)
    # A screenshot shows the default layout, not whatever the last session left. The
    # demo server's card is used for this session only, never saved as the user's.
    window = MainWindow(
        workspace,
        info.key,
        settings,
        restore_layout=screenshot is None,
        server_card=info.server_card,
    )
    window.show()
    install_if_asked(window)
    if screenshot is not None:

        def shoot() -> None:
            app.processEvents()
            window.grab().save(str(screenshot))
            window.close()
            app.quit()

        QTimer.singleShot(300, shoot)
    code = app.exec()
    workspace.close()
    return code
