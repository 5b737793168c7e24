"""A whole review session in the desktop app, run as a child process by
``test_nothing_at_rest.py`` with HOME, XDG dirs and TMPDIR pointed into one directory.

argv: WORKSPACE KEY PASSPHRASE BUNDLE SERVER_CARD RESULT SEARCH RATIONALE

Import the bundle through the window (threaded import), answer every task with the
keyboard and a rationale typed into the form, search the task list, copy task text to the
clipboard, export through File > Export, close the window. Prints DONE on success.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from docket import Workspace
from docket.settings import Settings
from docket.ui.app import application
from docket.ui.main_window import MainWindow


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    workspace, key, passphrase, bundle, server, result, search, rationale = sys.argv[1:9]
    app = application()
    told: list[str] = []
    QMessageBox.information = lambda _p, _t, text, *a: told.append(text)  # type: ignore[method-assign,assignment]
    QMessageBox.warning = lambda _p, _t, text, *a: sys.exit(f"warning: {text}")  # type: ignore[method-assign,assignment]
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign,assignment]
    QFileDialog.getSaveFileName = lambda *a, **k: (result, "")  # type: ignore[method-assign,assignment]

    ws = Workspace.open(workspace, key, passphrase)
    settings = Settings.load()
    window = MainWindow(ws, Path(key), settings, server_card=Path(server))
    window.show()
    window.activateWindow()
    wait_until(app, window.isActiveWindow)
    window.import_bundle(Path(bundle))
    wait_until(app, lambda: window.controller.task is not None)
    window.activateWindow()  # back from the progress dialog
    wait_until(app, window.isActiveWindow)
    total = len(window.workspace.task_rows())
    for _ in range(total):
        current = window.controller.task
        assert current is not None
        window.task_list.view.setFocus()
        QTest.keyClick(window.task_list.view, Qt.Key.Key_1)  # A much better
        assert window.answer_panel.focus_rationale()
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClicks(focus, rationale)
        window.controller.flush()
        window.submit_and_next()
        wait_until(app, lambda c=current: window.workspace.task_row(c.id).status.value  # type: ignore[misc]
                   in ("done", "flagged"))  # fmt: skip
    window.task_list.set_search(search)
    wait_until(app, lambda: window.task_list.view.model().rowCount() >= 1)
    browser = window.comparison.browsers()[0]
    browser.selectAll()
    browser.copy()  # allowed; cleared after a while (tests/gui/test_lock.py)
    window.export_dialog()
    if not Path(result).exists():
        raise SystemExit(f"no result bundle; told: {told}")
    window.close()
    ws.close()
    app.processEvents()
    print("DONE", total, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
