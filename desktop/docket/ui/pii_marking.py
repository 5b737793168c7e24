"""PII in the review window: underlines, the reviewer's marks and dismissals, the flag hint.

What the PII detector found in a task (packed with it, ``Task.pii``; else scanned here,
off the UI thread, by :meth:`docket.Workspace.pii_scan`, kept in memory only) is drawn
on the prompt and the responses: a wavy underline, a badge naming the type and a
tooltip ("Possible PII: phone or fax number (high severity)"). When the form has a pii
question (:mod:`docket.ui.pii_list`), the reviewer can

- mark what the detector missed: select text (F7 turns the caret on for the keyboard),
  then Task > Mark selection as PII (Ctrl+Shift+P) or the context menu; a small dialog
  asks for the type;
- dismiss a finding the detector got wrong, and restore it: from the context menu on
  the finding (the menu key opens it at the caret) or from the pii question's list.

Both are the pii question's answer (:mod:`docket.core.pii_answers`) and travel in the
result bundle. A response with possible PII that is not dismissed gets a hint beside its
flags with a button to set the PII flag: a suggestion, never set for the reviewer.
Without a pii question the underlines are shown and nothing can be corrected. A detector
failure never blocks review: the task is shown without underlines and a notice says so.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from docket.core.pii import (
    DOCUMENT_PREFIX,
    PII_TYPES,
    TURN_PREFIX,
    Finding,
    TaskScan,
    task_texts,
)
from docket.core.tasks import Role, Task
from docket.ui.answer_panel import AnswerPanel
from docket.ui.answer_questions import FlagsEditor
from docket.ui.answer_widgets import response_name
from docket.ui.comparison_view import ComparisonView, SafeBrowser, ShownPii
from docket.ui.i18n import translate
from docket.ui.pii_labels import badge_word, severity_label, type_label, type_label_in_sentence
from docket.ui.pii_list import PiiEditor, mark_key, pii_events
from docket.ui.review_controller import ReviewController
from docket.workspace import Workspace

MAX_SHOWN_FINDINGS = 2_000
"""The most findings of one task drawn and listed (a bundle may carry more; the rest are
counted in a notice, as the renderer caps what it lays out)."""
MARK_PII_KEYS = "Ctrl+Shift+P"
"""Marks the selection in the prompt or a response as PII."""


def badge(pii_type: str, *, marked: bool = False) -> str:
    word = badge_word(pii_type)
    if marked:
        return translate("pii_marking", "✎ PII: {word}").format(word=word)
    return translate("pii_marking", "⚠ PII: {word}").format(word=word)


def finding_tooltip(finding: Finding, *, dismissed: bool = False) -> str:
    what = type_label_in_sentence(finding.type)
    if dismissed:
        return translate(
            "pii_marking",
            "Dismissed: not PII ({what}); restore it from the context menu or the PII list",
        ).format(what=what)
    return translate("pii_marking", "Possible PII: {what} ({severity} severity)").format(
        what=what, severity=severity_label(finding.severity)
    )


def mark_tooltip(pii_type: str) -> str:
    return translate("pii_marking", "Marked as PII by you: {what}").format(
        what=type_label_in_sentence(pii_type)
    )


SHOWN_KEPT = 8
"""The last lists of what to draw kept (the task read ahead is drawn again on opening)."""
_shown_kept: OrderedDict[tuple[Any, ...], tuple[ShownPii, ...]] = OrderedDict()


def shown_pii(
    findings: Sequence[Finding],
    dismissed: set[tuple[Any, ...]] | frozenset[tuple[Any, ...]] = frozenset(),
    marks: Sequence[Mapping[str, Any]] = (),
) -> list[ShownPii]:
    """What to draw: each finding (dismissed or not) and each of the reviewer's marks.
    The same findings, dismissals and marks give the same list (kept for the last few:
    the window draws the task it reads ahead, then the same task when it opens)."""
    key = (tuple(findings), frozenset(dismissed), tuple(mark_key(m) for m in marks))
    try:
        kept = _shown_kept.get(key)
    except TypeError:  # a mark of a hand-edited draft holding a list, say: not kept
        return _shown_pii(findings, dismissed, marks)
    if kept is None:
        kept = tuple(_shown_pii(findings, dismissed, marks))
        _shown_kept[key] = kept
        while len(_shown_kept) > SHOWN_KEPT:
            _shown_kept.popitem(last=False)
    else:
        _shown_kept.move_to_end(key)
    return list(kept)


def _shown_pii(
    findings: Sequence[Finding],
    dismissed: set[tuple[Any, ...]] | frozenset[tuple[Any, ...]],
    marks: Sequence[Mapping[str, Any]],
) -> list[ShownPii]:
    shown = [
        ShownPii(
            f.target,
            f.start,
            f.end,
            badge(f.type),
            finding_tooltip(f, dismissed=mark_key(f) in dismissed),
            mark_key(f) in dismissed,
        )
        for f in findings
    ]
    shown += [
        ShownPii(
            str(m["target"]),
            int(m["start"]),
            int(m["end"]),
            badge(str(m["type"]), marked=True),
            mark_tooltip(str(m["type"])),
        )
        for m in marks
    ]
    return shown


class PiiTypeDialog(QDialog):
    """Which type of PII a marked stretch is (arrows or typing pick one; Enter marks)."""

    def __init__(self, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("pii_marking", "Mark as PII"))
        layout = QVBoxLayout(self)
        shown = " ".join(quote.split())
        label = QLabel(f"“{shown[:200]}{'…' if len(shown) > 200 else ''}”", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.types = list(PII_TYPES)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("pii_marking", "Type of PII"))
        for pii_type in self.types:
            self.list.addItem(
                translate("pii_marking", "{label} ({severity})").format(
                    label=type_label(pii_type), severity=severity_label(PII_TYPES[pii_type][1])
                )
            )
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        caption = QLabel(translate("pii_marking", "&Type:"), self)
        caption.setBuddy(self.list)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.setFocus()

    def choice(self) -> str:
        return self.types[max(0, self.list.currentRow())]


class _ScanDone(QObject):
    done = Signal(object)
    """A TaskScan, from the scanning thread."""


class PiiMarker(QObject):
    """Connects the detector's findings, the comparison view and the pii question."""

    notice = Signal(str)
    """A quiet word for the status bar (the detector failed, nothing selected)."""
    scannedAhead = Signal(str)
    """A task other than the open one was scanned (the window prepares its marks)."""

    def __init__(
        self,
        comparison: ComparisonView,
        panel: AnswerPanel,
        controller: ReviewController,
        workspace: Workspace,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.panel = panel
        self.controller = controller
        self.workspace = workspace
        self.window = parent
        self.findings: list[Finding] = []
        self.scan: TaskScan | None = None
        self.dialog: PiiTypeDialog | None = None
        self._scanning: set[str] = set()
        self._done = _ScanDone(self)
        self._done.done.connect(self._scanned)
        comparison.pii_actions = self.actions_at
        comparison.pii_follows = True  # task_opened draws PII after every task shown
        events = pii_events()
        events.shown.connect(self._shown)
        events.jump.connect(self.jump)

    # --- the open task -------------------------------------------------------------------

    def editor(self) -> PiiEditor | None:
        return next(
            (e for e in self.panel.current_editors().values() if isinstance(e, PiiEditor)), None
        )

    def flags(self) -> FlagsEditor | None:
        return next(
            (e for e in self.panel.current_editors().values() if isinstance(e, FlagsEditor)),
            None,
        )

    def task_opened(self) -> None:
        """The controller opened a task: show its PII (scanning it first if needed)."""
        task = self.controller.task
        self.findings, self.scan = [], None
        if task is None:
            return
        scan = self.workspace.cached_pii(task)
        if scan is None:
            self._show(notice=translate("pii_marking", "Looking for possible PII…"))
            self.scan_soon(task)
        else:
            self._apply(scan)

    def scan_soon(self, task: Task) -> None:
        """Scan ``task`` off the UI thread (its result is kept by the workspace)."""
        if task.id in self._scanning or self.workspace.cached_pii(task) is not None:
            return
        self._scanning.add(task.id)
        workspace, done = self.workspace, self._done

        def work() -> None:
            scan = workspace.pii_scan(task)
            with contextlib.suppress(RuntimeError):  # the window closed: nobody to tell
                done.done.emit(scan)

        threading.Thread(target=work, name=f"pii-scan-{task.id}", daemon=True).start()

    def _scanned(self, scan: TaskScan) -> None:
        self._scanning.discard(scan.task)
        task = self.controller.task
        if task is not None and task.id == scan.task:
            self._apply(scan)
        else:
            self.scannedAhead.emit(scan.task)

    def _apply(self, scan: TaskScan) -> None:
        self.scan = scan
        self.findings = list(scan.findings[:MAX_SHOWN_FINDINGS])
        notice = ""
        if len(scan.findings) > MAX_SHOWN_FINDINGS:
            notice = translate(
                "pii_marking", "Showing the first {shown} of {total} possible PII findings."
            ).format(shown=f"{MAX_SHOWN_FINDINGS:,}", total=f"{len(scan.findings):,}")
        elif scan.failed:
            notice = translate(
                "pii_marking", "The PII detector failed on this task: nothing is underlined."
            )
            self.notice.emit(notice)
        elif scan.truncated:
            notice = translate(
                "pii_marking",
                "Some text is too long to scan whole: its end is not checked for PII.",
            )
        self._show(notice=notice)

    def _show(self, *, notice: str = "") -> None:
        task = self.controller.task
        editor = self.editor()
        if editor is not None and task is not None:
            editor.set_findings(self.findings, task_texts(task), self.where, notice)
        self.redraw()

    def where(self, target: str) -> str:
        """How a target is named for the reviewer."""
        order, task = self.controller.order, self.controller.task
        if order is not None and target in order.order:
            return response_name(order.order.index(target))
        if target.startswith(TURN_PREFIX) and task is not None:
            turns = task.conversation
            if len(turns) == 1 and turns[0].role is Role.USER:
                return translate("pii_marking", "Prompt")
            index = target[len(TURN_PREFIX) :]
            if index.isdigit():
                return translate("pii_marking", "Turn {n}").format(n=int(index) + 1)
            return target
        if target.startswith(DOCUMENT_PREFIX):
            return translate("pii_marking", "Document {name}").format(
                name=target[len(DOCUMENT_PREFIX) :]
            )
        return target

    def redraw(self) -> None:
        """Draw the findings and marks, and suggest the PII flag where there are some."""
        editor = self.editor()
        dismissed = {mark_key(d) for d in editor.answer().dismissed} if editor else set()
        marks = editor.marks() if editor is not None else []
        shown = shown_pii(self.findings, dismissed, marks)
        self.comparison.set_pii(shown)
        self._hint_flags(shown)

    def _hint_flags(self, shown: Sequence[ShownPii]) -> None:
        flags, order = self.flags(), self.controller.order
        if flags is None or order is None:
            return
        counts: dict[int, int] = {}
        for mark in shown:
            if not mark.dismissed and mark.target in order.order:
                position = order.order.index(mark.target)
                counts[position] = counts.get(position, 0) + 1
        flags.set_pii_hints(counts)

    def _shown(self, editor: object) -> None:
        if editor is self.editor():
            self.redraw()

    # --- the reviewer's corrections --------------------------------------------------------

    def focused_browser(self) -> SafeBrowser | None:
        focus = QApplication.focusWidget()
        browsers = self.comparison.browsers()
        return next((b for b in browsers if b is focus), None)

    def mark(self, browser: SafeBrowser | None = None) -> None:
        """Mark the selection of ``browser`` (the focused pane by default) as PII."""
        editor, task = self.editor(), self.controller.task
        if editor is None or task is None:
            self.notice.emit(
                translate(
                    "pii_marking", "This form has no PII question: possible PII is only shown."
                )
            )
            return
        browser = browser or self.focused_browser()
        if browser is None:
            self.notice.emit(
                translate(
                    "pii_marking",
                    "Select text in the prompt or a response first (F7 selects with the keyboard).",
                )
            )
            return
        found = self.comparison.raw_selection(browser)
        if isinstance(found, str):
            self.notice.emit(found)
            return
        target, start, end = found
        text = task_texts(task).get(target, "")
        dialog = PiiTypeDialog(text[start:end], self.window)
        self.dialog = dialog
        previous = QApplication.focusWidget()

        def done() -> None:
            problem = editor.add_mark(target, start, end, dialog.choice())
            self.notice.emit(
                translate("pii_marking", "Not marked: {problem}.").format(problem=problem)
                if problem
                else translate("pii_marking", "Marked as PII.")
            )

        def closed() -> None:
            if previous is not None and previous.isVisible():
                previous.window().activateWindow()
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
            dialog.deleteLater()
            self.dialog = None

        dialog.accepted.connect(done)
        dialog.finished.connect(closed)
        dialog.open()

    def set_dismissed(self, finding: Finding, dismissed: bool) -> None:
        editor = self.editor()
        if editor is not None:
            editor.set_dismissed(finding, dismissed)
            self.notice.emit(
                translate("pii_marking", "Finding dismissed.")
                if dismissed
                else translate("pii_marking", "Finding restored.")
            )

    def remove_mark(self, mark: Mapping[str, Any]) -> None:
        editor = self.editor()
        if editor is None:
            return
        keys = [mark_key(m) for m in editor.marks()]
        if mark_key(mark) in keys:
            editor.remove_mark(keys.index(mark_key(mark)))
            self.notice.emit(translate("pii_marking", "PII mark removed."))

    def actions_at(self, browser: SafeBrowser, position: int) -> list[QAction]:
        """The context menu's PII actions at ``position`` of ``browser``."""
        editor = self.editor()
        if editor is None:
            return []
        actions: list[QAction] = []
        if browser.textCursor().hasSelection():
            action = QAction(translate("pii_marking", "Mark selection as &PII…"), browser)
            action.setShortcut(MARK_PII_KEYS)
            action.triggered.connect(lambda _=False: self.mark(browser))
            actions.append(action)
        dismissed = {mark_key(d) for d in editor.answer().dismissed}
        marks = {mark_key(m): m for m in editor.marks()}
        for shown in self.comparison.pii_at(browser, position):
            key = (shown.target, shown.start, shown.end)
            for f in self.findings:
                if (f.target, f.start, f.end) != key:
                    continue
                what = type_label_in_sentence(f.type)
                if mark_key(f) in dismissed:
                    action = QAction(
                        translate("pii_marking", "&Restore possible PII ({what})").format(
                            what=what
                        ),
                        browser,
                    )
                    action.triggered.connect(lambda _=False, f=f: self.set_dismissed(f, False))
                else:
                    action = QAction(
                        translate("pii_marking", "&Dismiss: not PII ({what})").format(what=what),
                        browser,
                    )
                    action.triggered.connect(lambda _=False, f=f: self.set_dismissed(f, True))
                actions.append(action)
            for mkey, m in marks.items():
                if mkey[:3] == key:
                    what = type_label_in_sentence(str(m["type"]))
                    action = QAction(
                        translate("pii_marking", "Re&move your PII mark ({what})").format(
                            what=what
                        ),
                        browser,
                    )
                    action.triggered.connect(lambda _=False, m=m: self.remove_mark(m))
                    actions.append(action)
        return actions

    def jump(self, target: str, start: int, end: int) -> None:
        """Select ``start:end`` of ``target`` in the pane showing it."""
        if target.startswith(TURN_PREFIX):
            self.comparison.select_in_prompt(target, start, end)
        elif target.startswith(DOCUMENT_PREFIX):
            self.notice.emit(
                translate(
                    "pii_marking", "That is in a source document: open it in the Sources pane (O)."
                )
            )
        else:
            self.comparison.select_raw(target, start, end)
