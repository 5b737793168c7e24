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

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from docket import Workspace
from docket.bundles import keys
from docket.settings import Settings
from docket.store.review import ReviewStore
from docket.ui.main_window import MainWindow
from tests.gui.keyboard import focus, focused
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
    w = MainWindow(ws, protected_key, Settings(), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: w.controller.task is not None)
    w.open_task("pair")
    return w


def visible_text(window: MainWindow) -> str:
    """Everything the window holds that it could show: labels, text views and every text
    document (cached ones too), line edits and what undo would bring back, combo items,
    the status bar, table cells."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater done
    parts = [window.windowTitle(), window.statusBar().currentMessage()]
    for label in window.findChildren(QLabel):
        parts.append(label.text() + label.toolTip())
    for edit in window.findChildren(QTextEdit) + window.findChildren(QPlainTextEdit):
        parts.append(edit.toPlainText())
    for doc in window.findChildren(QTextDocument):
        parts.append(doc.toPlainText())
    for line in window.findChildren(QLineEdit):
        parts.append(line.text())
        if line.isUndoAvailable():
            line.undo()
            parts.append(line.text())
    for combo in window.findChildren(QComboBox):
        parts += [combo.itemText(i) for i in range(combo.count())]
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
    # Searches typed (and so in undo histories), a rationale typed into the form.
    qtbot.keyClicks(window.guidelines.search, f"{MARKER}-guidelines")
    window.task_list.set_search(f"{MARKER}-prompt")
    window.answer_panel.focus_rationale()
    qtbot.keyClicks(focused(qtbot), f"typed {MARKER}-rationale")
    window.task_list.set_search("")
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_4)  # an edit, not yet autosaved
    expected = window.answer_panel.answers()
    assert f"{MARKER}-rationale" in expected["rationale"]

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
    focus(qtbot, window.task_list.view)
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_J)
    assert window.controller.task.id == "three"


def test_a_sleep_longer_than_the_idle_time_locks(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's timers stop while the computer sleeps; the wall clock does not."""
    import docket.ui.lock as lock_module

    window.lock_watcher.set_minutes(10)
    woke = lock_module.time.time() + 11 * 60
    monkeypatch.setattr(lock_module.time, "time", lambda: woke)
    window.lock_watcher._check_wall_clock()
    assert window.is_locked()


@pytest.mark.slow
def test_locking_on_a_full_disk_keeps_the_unsaved_edit_and_shows_no_box(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_faults import full, space_again

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: boxes.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: boxes.append(text))
    full(window.workspace)
    big = {"preference": {"better": "r1", "strength": "slight"}, "rationale": "z" * 300_000}
    window.controller.edit(big)
    window.lock("idle")  # saving fails inside the lock: no box over the lock screen
    assert window.is_locked() and window.workspace.locked and boxes == []
    assert "could not be saved yet" in window.lock_screen.message.text()
    window.lock("screen")  # a second request changes nothing
    window.unlock(PASSPHRASE)  # the reopened connection has room again
    assert not window.is_locked()
    assert any("full" in b for b in boxes)  # told now
    qtbot.waitUntil(lambda: not window.controller.has_unsaved(), timeout=3000)
    assert ReviewStore(window.workspace.store).current("pair").answers == big
    space_again(window.workspace)


def test_idle_time_locks(qtbot: Any, window: MainWindow) -> None:
    window.lock_watcher.set_interval_ms(300)
    qtbot.waitUntil(window.is_locked, timeout=5000)
    assert "without activity" in window.lock_screen.message.text()
    assert MARKER not in visible_text(window)


@pytest.mark.slow
def test_user_input_postpones_the_idle_lock(qtbot: Any, window: MainWindow) -> None:
    window.lock_watcher.set_interval_ms(60_000)
    # Some of the countdown has passed.
    qtbot.waitUntil(lambda: window.lock_watcher.idle_remaining_ms() < 59_600)
    before = window.lock_watcher.idle_remaining_ms()
    qtbot.keyClick(window.task_list.view, Qt.Key.Key_Shift)  # any key, even one that does nothing
    assert window.lock_watcher.idle_remaining_ms() > before + 200


@pytest.mark.slow
def test_copied_task_text_is_cleared(qtbot: Any, window: MainWindow) -> None:
    clipboard = QGuiApplication.clipboard()
    window.clipboard_guard.set_seconds(1)
    browser = window.comparison.prompt
    browser.selectAll()
    browser.copy()
    assert MARKER in clipboard.text()
    assert window.clipboard_guard.pending()
    # Marked sensitive, for clipboard managers that keep a history.
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=4000)

    window.clipboard_guard.set_seconds(600)
    browser.selectAll()
    browser.copy()
    assert MARKER in clipboard.text()
    window.lock("manual")  # locking clears it at once
    assert clipboard.text() == ""


@pytest.mark.slow
def test_an_import_finishes_before_the_lock(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A lock requested while the import worker runs waits for it (the worker has its own
    connection); then the window locks, and the import's outcome is told after unlocking."""
    import threading

    from docket.workspace import ImportedTasks, Workspace

    started, release = threading.Event(), threading.Event()
    told: list[str] = []

    def slow_import(self: Workspace, *args: object, **kwargs: object) -> ImportedTasks:
        started.set()
        assert release.wait(30)
        return ImportedTasks("b1", "unchanged", 0, 0, 0)

    monkeypatch.setattr(Workspace, "import_bundle", slow_import)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.server_card = window.key_path  # any existing file: the import is faked
    window.import_bundle(tmp_path / "x.docket")
    qtbot.waitUntil(started.is_set)
    window.lock("idle")
    assert not window.is_locked() and window.operations.busy()
    release.set()
    qtbot.waitUntil(window.is_locked)
    assert not window.operations.busy() and told == []
    window.unlock(PASSPHRASE)
    assert told == ["This bundle was already imported; nothing changed."]


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
    window = MainWindow(ws, Path(sys.argv[2]), Settings(), restore_layout=False)
    window.show()
    assert window.lock_watcher.watching_screen_lock()

    SIGNALS = {
        "screen": ["--session", "/org/freedesktop/ScreenSaver",
                   "org.freedesktop.ScreenSaver.ActiveChanged"],
        "sleep": ["--system", "/org/freedesktop/login1",
                  "org.freedesktop.login1.Manager.PrepareForSleep"],
    }

    def signal_until_locked():
        # Sent again until it lands: the bus may take a moment to route the signal to the
        # window's new subscription.
        if window.is_locked():
            print("LOCKED", window.workspace.locked, window.lock_screen.message.text(),
                  flush=True)
            app.quit()
            return
        bus, path, member = SIGNALS[sys.argv[3]]
        subprocess.run(["dbus-send", bus, "--type=signal", path, member, "boolean:true"],
                       check=True)

    timer = QTimer(); timer.timeout.connect(signal_until_locked); timer.start(100)
    QTimer.singleShot(10000, app.quit)
    app.exec()
    """
)


@pytest.mark.parametrize(
    ("signal", "said"),
    [("screen", "the screen was locked"), ("sleep", "the computer went to sleep")],
)
def test_the_desktop_screen_lock_and_sleep_lock(
    tmp_path: Path, key_path: Path, signal: str, said: str
) -> None:
    """The freedesktop screensaver's ActiveChanged(true) and logind's PrepareForSleep(true)
    lock the window. A private bus from dbus-run-session stands in for both the session
    and the system bus (CI installs dbus)."""
    runner = shutil.which("dbus-run-session")
    if runner is None or shutil.which("dbus-send") is None:
        pytest.skip("dbus-run-session / dbus-send are not installed (.ci/run installs dbus)")
    with Workspace.open(tmp_path / "ws", key_path) as ws:
        ws.load_tasks(sample_tasks())
    done = subprocess.run(
        [runner, "--", "sh", "-c",
         'DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" exec "$0" "$@"',
         sys.executable, "-c", SCREEN_CHILD, str(tmp_path / "ws"), str(key_path), signal],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert "LOCKED True" in done.stdout and said in done.stdout, (done.stdout, done.stderr)


def test_security_settings_apply_and_persist(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.ui.lock import SecuritySettingsDialog

    def accept(dialog: SecuritySettingsDialog) -> int:
        dialog.lock_minutes.setValue(3)
        dialog.clipboard_seconds.setValue(0)
        return 1  # QDialog.Accepted

    monkeypatch.setattr(SecuritySettingsDialog, "exec", accept)
    window.security_settings()
    assert window.lock_watcher.idle_remaining_ms() <= 3 * 60_000
    assert Settings.load().lock_after_minutes == 3
    assert Settings.load().clipboard_clear_seconds == 0
