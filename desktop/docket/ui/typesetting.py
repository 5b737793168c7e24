"""Typesetting the workspace's formulas in the background, ahead of the reviewer.

After the window opens, after an import and after unlocking, every formula of every task
not typeset yet is typeset on a worker thread (its own connection to the workspace; the
typesetter itself runs in a separate process with a time limit per formula:
:mod:`docket.render.typeset`), batch by batch, each batch committed to the encrypted
workspace. The status bar says how far it is; after each batch the window shows the
current task again if formulas it was waiting for have arrived. Anything else (locking,
an import, closing the window) stops it at once, and it resumes where it stopped the next
time it starts: the typesetter's worker process is killed
(:meth:`~docket.render.typeset.Typesetter.stop`), so locking or closing never waits on a
worker that died or hangs, and the batch under way is typeset again the next time (the
batches before it are committed).

When the window opens, typesetting starts :data:`AFTER_OPEN_MS` later, so that its
worker process does not compete with the window's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from docket.errors import DocketError, ImportCancelledError
from docket.render.typeset import Typesetter, TypesettingStopped
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from docket.ui.main_window import MainWindow

STAGE = QT_TRANSLATE_NOOP("core_texts", "Typesetting formulas")
BATCH = 10
"""Tasks per committed batch: small, so that locking waits little for the worker."""
AFTER_OPEN_MS = 1500
"""How long after the window opens typesetting starts (out of the way of its start)."""


class BackgroundTypesetting(QObject):
    """Starts and follows the window's background typesetting (one at a time)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.label = QLabel()
        self.label.setObjectName("typesettingProgress")
        self.label.setAccessibleName(translate("typesetting", "Typesetting formulas"))
        self.label.setToolTip(
            translate(
                "typesetting",
                "Formulas are typeset once, in the background, and kept in the workspace; "
                "until then they show as text.",
            )
        )
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.runs = 0
        """How many times typesetting ran to its end (tests wait on it)."""
        self._typesetter: Typesetter | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.start)

    def start(self) -> bool:
        """Typeset what is left, in the background; False when nothing was started
        (nothing to do, locked, or another operation is running)."""
        w = self._window
        if w.closed or w.session.locked or w.operations.busy():
            return False
        try:
            pending = w.workspace.formulas_pending()
            opener = w.workspace.opener()
        except DocketError:
            return False
        if not pending:
            return False

        typesetter = self._typesetter = Typesetter()

        def work(progress: Any) -> int:
            progress(STAGE, 0.0)
            try:
                with opener() as ws:
                    return ws.typeset_formulas(
                        progress=lambda done, total: progress(STAGE, done / max(total, 1)),
                        batch=BATCH,
                        typesetter=typesetter,
                    )
            except TypesettingStopped:
                raise ImportCancelledError(translate("operations", "Cancelled.")) from None
            finally:
                typesetter.close()

        started = w.operations.run(
            translate("typesetting", "Typesetting formulas"),
            translate("typesetting", "Typesetting formulas"),
            work,
            on_success=self._done,
            on_failure=self._failed,
            background=True,
            on_progress=self._progressed,
            on_stop=typesetter.stop,
        )
        if started:
            self.label.setText(translate("typesetting", "Typesetting formulas") + " …")
            self.label.show()
        return started

    def start_soon(self, delay_ms: int = 0) -> None:
        """Start once the window has settled (after the current event, or ``delay_ms``
        later)."""
        self._timer.start(delay_ms)

    def stop(self) -> None:
        """Not started yet: not at all (until :meth:`start_soon`); under way: its worker
        is ended at once (the window's runner waits for the work to end)."""
        self._timer.stop()
        if self._typesetter is not None:
            self._typesetter.stop()

    def _progressed(self, stage: str, fraction: float) -> None:
        self.label.setText(f"{stage}: {fraction:.0%}")
        if fraction > 0:
            self._arrived()

    def _arrived(self) -> None:
        w = self._window
        if w.session.locked or w.closed:
            return
        w.comparison.formulas_arrived()
        w.guidelines.formulas_arrived()
        w.sources.formulas_arrived()

    def _done(self, count: int) -> None:
        self.label.hide()
        self.runs += 1
        self._arrived()

    def _failed(self, error: DocketError) -> None:
        self.label.hide()
        if isinstance(error, ImportCancelledError):
            return  # gave way to something else; it resumes the next time it starts
        w = self._window
        w.statusBar().showMessage(
            translate("typesetting", "Formulas could not be typeset: {error}").format(error=error),
            10000,
        )
