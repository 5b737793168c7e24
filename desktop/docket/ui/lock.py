"""Locking the window: after an idle time, on the OS screen lock, or on Ctrl+L.

:class:`LockWatcher` decides *when* (user input resets an idle timer; the screen locking
or the application being suspended locks at once). :class:`LockScreen` is what the window
shows while locked: the reviewer's name and a passphrase field, nothing of the task.
The window (:mod:`docket.ui.main_window`) does the locking itself: it saves the pending
edit, clears every view, and has the workspace close its database and drop the key.

Screen-lock signals Qt can reach: on Linux, the freedesktop / GNOME screensaver
``ActiveChanged`` and logind's session ``Lock`` over D-Bus (QtDBus); everywhere, Qt's
application state becoming *suspended*. Windows' session-lock message is read in
:meth:`MainWindow.nativeEvent`. macOS does not expose its screen lock to Qt; there the
idle timer is the guard.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import SLOT, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from docket.settings import MAX_CLIPBOARD_SECONDS, MAX_LOCK_MINUTES
from docket.ui.i18n import translate

WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK = 0x02B1, 0x7
WM_POWERBROADCAST, PBT_APMSUSPEND = 0x0218, 0x4
HEARTBEAT_MS = 15_000
"""How often the idle time is also checked against the wall clock: Qt's timers run on a
monotonic clock that stops while the computer sleeps."""

SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class LockWatcher(QObject):
    """Emits ``lockRequested`` after ``minutes`` without user input (0: never) and when
    the screen locks."""

    lockRequested = Signal(str)
    """Lock now, for a reason the lock screen explains ("idle", "screen", "sleep" ...)."""

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        # Coarse timers (Qt's default for long intervals) may round a restart away.
        self._idle.setTimerType(Qt.TimerType.PreciseTimer)
        self._idle.timeout.connect(lambda: self.lockRequested.emit("idle"))
        self._last_input = time.time()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._check_wall_clock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.applicationStateChanged.connect(self._state_changed)
        self._bus_connected = self._watch_screensaver()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """The idle time in milliseconds (0: never); minutes are the user's unit."""
        self._interval = max(0, ms)
        self._idle.setInterval(self._interval)
        self.restart()

    def restart(self) -> None:
        self._last_input = time.time()
        if self._interval:
            self._idle.start()
            self._heartbeat.start()
        else:
            self.stop()

    def stop(self) -> None:
        self._idle.stop()
        self._heartbeat.stop()

    def _check_wall_clock(self) -> None:
        """After a sleep the monotonic idle timer resumes where it stopped; the wall clock
        knows how long it really was."""
        if self._interval and (time.time() - self._last_input) * 1000 >= self._interval:
            self.lockRequested.emit("idle")

    def idle_remaining_ms(self) -> int:
        return self._idle.remainingTime()

    def watching_screen_lock(self) -> bool:
        """Whether a desktop screen-lock signal is subscribed (a D-Bus session or system
        bus was there)."""
        return self._bus_connected

    def user_input(self) -> None:
        """Called by the window's event filter on every key, click and wheel turn (one
        application-wide filter for the clock and the lock, not two)."""
        if self._idle.isActive():
            self._idle.start()  # restarts the countdown
            self._last_input = time.time()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lockRequested.emit("suspended")

    @Slot(bool)
    def screensaver_active(self, active: bool) -> None:
        if active:
            self.lockRequested.emit("screen")

    @Slot()
    def session_locked(self) -> None:
        self.lockRequested.emit("screen")

    @Slot(bool)
    def preparing_for_sleep(self, going: bool) -> None:
        if going:
            self.lockRequested.emit("sleep")

    def _watch_screensaver(self) -> bool:
        """Subscribe to the desktop's screen-lock signals; False where there is no bus."""
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus ships with PySide6-Essentials
            return False
        connected = False
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for interface, path in SCREENSAVERS:
                # Any sender: the screensaver may not own the well-known name, and a
                # spurious lock is harmless. (PySide takes the SLOT() string, whatever
                # its stubs say.)
                connected |= session.connect(
                    "",
                    path,
                    interface,
                    "ActiveChanged",
                    self,
                    SLOT("screensaver_active(bool)"),  # type: ignore[call-overload]
                )
        system = QDBusConnection.systemBus()
        if system.isConnected():
            connected |= system.connect(
                "",
                "",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                SLOT("session_locked()"),  # type: ignore[call-overload]
            )
            connected |= system.connect(
                "",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                SLOT("preparing_for_sleep(bool)"),  # type: ignore[call-overload]
            )
        return connected


class LockScreen(QWidget):
    """What the window shows while locked. Emits ``unlockRequested(passphrase)``."""

    unlockRequested = Signal(str)
    """The reviewer asked to unlock with this passphrase (empty for an unprotected key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock-screen")
        card = QFrame()
        card.setObjectName("lock-card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width lets the wrapped message take the height it needs.
        card.setFixedWidth(460)
        self.title = QLabel(translate("lock", "Docket is locked"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(translate("lock", "Passphrase"))
        self.passphrase.setAccessibleName(translate("lock", "Passphrase"))
        self.passphrase.returnPressed.connect(self._submit)
        self.button = QPushButton(translate("lock", "Unlock"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        for w in (self.title, self.message, self.passphrase, self.error, self.button):
            inner.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)
        self._needs_passphrase = True

    def reset(
        self, reviewer: str, key_name: str, needs_passphrase: bool, why: str, *, unsaved: bool
    ) -> None:
        reason = {
            "idle": translate("lock", "Locked after a time without activity.") + " ",
            "screen": translate("lock", "Locked because the screen was locked.") + " ",
            "suspended": translate("lock", "Locked because the computer went to sleep.") + " ",
            "sleep": translate("lock", "Locked because the computer went to sleep.") + " ",
        }.get(why, "")
        self._needs_passphrase = needs_passphrase
        saved = (
            translate(
                "lock",
                "Your last change could not be saved yet (the disk refused it); it is kept "
                "and saved after you unlock.",
            )
            if unsaved
            else translate("lock", "Your work is saved.")
        )
        hidden = translate("lock", "Nothing of it is shown while locked.")
        ask = (
            translate("lock", "Enter the passphrase of {key} to continue as {reviewer}.").format(
                key=key_name, reviewer=reviewer
            )
            if needs_passphrase
            else translate("lock", "Continue as {reviewer}?").format(reviewer=reviewer)
        )
        self.message.setText(f"{reason}{saved} {hidden}\n\n{ask}")
        self.passphrase.clear()
        self.passphrase.setVisible(needs_passphrase)
        self.error.clear()
        self.error.hide()
        (self.passphrase if needs_passphrase else self.button).setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if self._needs_passphrase and not self.passphrase.text():
            self.show_error(translate("lock", "Type your passphrase."))
            return
        text = self.passphrase.text()
        self.passphrase.clear()
        self.unlockRequested.emit(text)


class ClipboardGuard(QObject):
    """Clears task text the reviewer copied (or, on X11, selected) in Docket after
    ``seconds`` (0: never), and at once when the window locks or closes.

    Only what Docket put there is cleared: the platform's ownership where it reports it,
    else a change made while Docket was the active application, and only if the
    clipboard still holds that same text when the time is up."""

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_now)
        self._ours: dict[QClipboard.Mode, str] = {}
        self.set_seconds(seconds)
        clipboard = QGuiApplication.clipboard()
        # Bound slots, not lambdas: Qt drops the connections when this object goes.
        clipboard.dataChanged.connect(self._clipboard_changed)
        if clipboard.supportsSelection():
            clipboard.selectionChanged.connect(self._selection_changed)

    def set_seconds(self, seconds: int) -> None:
        self._seconds = max(0, seconds)

    @Slot()
    def _clipboard_changed(self) -> None:
        self._changed(QClipboard.Mode.Clipboard)

    @Slot()
    def _selection_changed(self) -> None:
        self._changed(QClipboard.Mode.Selection)

    def _changed(self, mode: QClipboard.Mode) -> None:
        clipboard = QGuiApplication.clipboard()
        owns = (
            clipboard.ownsClipboard()
            if mode == QClipboard.Mode.Clipboard
            else clipboard.ownsSelection()
        )
        active = QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        text = clipboard.text(mode)
        if (owns or active) and text:
            self._ours[mode] = text
            if self._seconds:
                self._timer.start(self._seconds * 1000)
        else:
            self._ours.pop(mode, None)

    def pending(self) -> bool:
        return bool(self._ours)

    def clear_now(self) -> None:
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        ours, self._ours = self._ours, {}
        for mode, text in ours.items():
            if clipboard.text(mode) == text:
                clipboard.clear(mode)


class SecuritySettingsDialog(QDialog):
    """File > Security settings: the idle lock and the clipboard clearing times."""

    def __init__(self, lock_minutes: int, clipboard_seconds: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("lock", "Security settings"))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(translate("lock", " min"))
        self.lock_minutes.setSpecialValueText(translate("lock", "Never"))
        self.lock_minutes.setValue(lock_minutes)
        self.clipboard_seconds = QSpinBox()
        self.clipboard_seconds.setRange(0, MAX_CLIPBOARD_SECONDS)
        self.clipboard_seconds.setSuffix(translate("lock", " s"))
        self.clipboard_seconds.setSpecialValueText(translate("lock", "Never"))
        self.clipboard_seconds.setValue(clipboard_seconds)
        for box in (self.lock_minutes, self.clipboard_seconds):
            box.setMinimumWidth(120)
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(translate("lock", "Lock after this long without activity:"), self.lock_minutes)
        form.addRow(
            translate("lock", "Clear text copied from Docket after:"), self.clipboard_seconds
        )
        note = QLabel(translate("lock", "“Never” turns either off. Ctrl+L locks at once."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


def register_session_notifications(window_id: int) -> None:
    """Windows: ask for WM_WTSSESSION_CHANGE messages (the session lock) for this window."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        ctypes.windll.wtsapi32.WTSRegisterSessionNotification(window_id, 0)


def native_lock_reason(event_type: bytes | bytearray, message: int) -> str | None:
    """Windows: "screen" for a session lock, "sleep" for a suspend; else None."""
    if sys.platform == "win32" and bytes(event_type) == b"windows_generic_MSG":  # pragma: no cover
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(message)
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            return "screen"
        if msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            return "sleep"
    return None
