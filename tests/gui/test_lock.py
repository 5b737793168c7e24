"""The lock: after an idle time, on the screen lock, or Ctrl+L the window shows nothing of
the task, the workspace drops its key, and only the key's passphrase brings the review
back as it was. Copied task text leaves the clipboard after a while and on locking.

``DOCKET_SCREENSHOT=docs/locked.png pytest tests/gui/test_lock.py`` saves the locked
window's picture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QTextEdit

from docket import Workspace
from docket.bundles import keys
from docket.settings import Settings
from docket.store.review import ReviewStore
from docket.ui.main_window import MainWindow
from tests.helpers import MARKER, sample_tasks

PASSPHRASE = "lock test passphrase"


@pytest.fixture
def protected_key(tmp_path: Path) -> Path:
    path, _ = keys.write_key_pair(keys.generate("alice"), tmp_path / "k", passphrase=PASSPHRASE)
    return path


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, protected_key: Path) -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", protected_key, PASSPHRASE)
    ws.load_tasks(sample_tasks(), guidelines=f"Guidelines {MARKER}-guidelines")
    w = MainWindow(ws, protected_key, PASSPHRASE, Settings(), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    w.open_task("pair")
    return w


def visible_text(window: MainWindow) -> str:
    """Everything the window could show: labels, text views, line edits, table cells."""
    parts = [window.windowTitle()]
    for label in window.findChildren(QLabel):
        parts.append(label.text() + label.toolTip())
    for edit in window.findChildren(QTextEdit):
        parts.append(edit.toPlainText())
    for line in window.findChildren(QLineEdit):
        parts.append(line.text())
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                index = model.index(r, c)
                parts += [
                    str(index.data(role))
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
                ]
    return "\n".join(parts)


def test_lock_hides_the_task_drops_the_key_and_keeps_the_edit(
    qtbot: Any, window: MainWindow
) -> None:
    assert MARKER in visible_text(window)  # the check below can fail
    window.task_list.view.setFocus()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_4)  # an edit, not yet autosaved
    expected = window.answer_panel.answers()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    assert window.workspace.locked
    assert MARKER not in visible_text(window)
    assert window.controller.task is None and window.comparison._docs == {}
    assert window.lock_screen.isVisible() and not window.tasks_dock.isVisible()
    if shot := os.environ.get("DOCKET_SCREENSHOT"):
        window.resize(1400, 860)
        QApplication.processEvents()
        window.grab().save(shot)

    # Nothing acts while locked: task keys, export, search, next.
    for k, mods in (
        (Qt.Key.Key_J, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(window, k, mods)
    assert window.is_locked() and QApplication.activeModalWidget() is None

    # The wrong passphrase: still locked, told so.
    qtbot.keyClicks(window.lock_screen.passphrase, "wrong")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.is_locked() and window.lock_screen.error.isVisible()
    assert "passphrase" in window.lock_screen.error.text().lower()

    qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert not window.is_locked() and not window.workspace.locked
    assert window.controller.task is not None and window.controller.task.id == "pair"
    assert window.answer_panel.answers() == expected
    assert ReviewStore(window.workspace.store).current("pair").answers == expected
    assert MARKER in visible_text(window) and window.tasks_dock.isVisible()
    window.task_list.view.setFocus()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_J)
    assert window.controller.task.id == "three"


def test_idle_time_locks(qtbot: Any, window: MainWindow) -> None:
    window.lock_watcher.set_interval_ms(300)
    qtbot.waitUntil(window.is_locked, timeout=5000)
    assert "without activity" in window.lock_screen.message.text()
    assert MARKER not in visible_text(window)


def test_user_input_postpones_the_idle_lock(qtbot: Any, window: MainWindow) -> None:
    window.lock_watcher.set_interval_ms(60_000)
    qtbot.wait(400)  # let some of the countdown pass
    before = window.lock_watcher.idle_remaining_ms()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_Shift)  # any key, even one that does nothing
    assert window.lock_watcher.idle_remaining_ms() > before + 200


def test_copied_task_text_is_cleared(qtbot: Any, window: MainWindow) -> None:
    clipboard = QGuiApplication.clipboard()
    window.clipboard_guard.set_seconds(1)
    browser = window.comparison.prompt
    browser.selectAll()
    browser.copy()
    assert MARKER in clipboard.text()
    assert window.clipboard_guard.pending()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=4000)

    window.clipboard_guard.set_seconds(600)
    browser.selectAll()
    browser.copy()
    assert MARKER in clipboard.text()
    window.lock("manual")  # locking clears it at once
    assert clipboard.text() == ""


def test_an_import_finishes_before_the_lock(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock requested while an import runs waits for it (its worker holds its own
    connection); then the window locks."""
    seen: list[bool] = []

    def fake_import(bundle: Path) -> None:
        window.lock("idle")
        seen.append(window.is_locked())

    monkeypatch.setattr(window, "_import_bundle", fake_import)
    window.import_bundle(Path("x.docket"))
    assert seen == [False] and window.is_locked()


SCREEN_CHILD = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from docket import Workspace
    from docket.settings import Settings
    from docket.ui.app import application
    from docket.ui.main_window import MainWindow

    app = application()
    ws = Workspace.open(sys.argv[1], sys.argv[2])
    window = MainWindow(ws, Path(sys.argv[2]), None, Settings(), restore_layout=False)
    window.show()
    assert window.lock_watcher.watching_screen_lock()

    def screensaver_on():
        subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                        "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], check=True)

    def check():
        if window.is_locked():
            print("LOCKED", window.workspace.locked, flush=True)
            app.quit()

    QTimer.singleShot(300, screensaver_on)
    timer = QTimer(); timer.timeout.connect(check); timer.start(50)
    QTimer.singleShot(10000, app.quit)
    app.exec()
    """
)


def test_the_desktop_screen_lock_locks(tmp_path: Path, key_path: Path) -> None:
    """The freedesktop screensaver's ActiveChanged(true) on the session bus locks the
    window (a private bus from dbus-run-session; CI installs dbus)."""
    runner = shutil.which("dbus-run-session")
    if runner is None or shutil.which("dbus-send") is None:
        pytest.skip("dbus-run-session / dbus-send are not installed (.ci/run installs dbus)")
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks())
    done = subprocess.run(
        [runner, "--", sys.executable, "-c", SCREEN_CHILD, str(tmp_path / "ws"), str(key_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "LOCKED True" in done.stdout, (done.stdout, done.stderr)
