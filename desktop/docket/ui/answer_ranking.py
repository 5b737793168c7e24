"""The ranking editor: responses in rank order, ties allowed, by drag-and-drop or keys.

The state is a list of entries ``(position, tied)``, best first, where ``position`` is
the response's display position and ``tied`` means "tied with the entry above". A
ranking the reviewer never touched is "not ranked yet" and is no answer at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from docket.core.schema import RankingQuestion
from docket.ui.answer_widgets import QuestionEditor, response_name
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate

Entry = tuple[int, bool]
"""(display position, tied with the entry above)."""

POSITION_ROLE = Qt.ItemDataRole.UserRole
TIED_ROLE = Qt.ItemDataRole.UserRole + 1

NOT_RANKED = QT_TRANSLATE_NOOP(
    "answer_ranking",
    "Not ranked yet. Drag the responses, or select one and press Alt+Up / Alt+Down to move "
    "it; then press Enter or “Use this order” to keep the order shown.",
)
RANKED = QT_TRANSLATE_NOOP("answer_ranking", "Ranked, best first. Tied responses share a rank.")


def groups_of(entries: Sequence[Entry]) -> list[list[int]]:
    groups: list[list[int]] = []
    for position, tied in entries:
        if tied and groups:
            groups[-1].append(position)
        else:
            groups.append([position])
    return groups


def entries_of(groups: Sequence[Sequence[int]]) -> list[Entry]:
    return [(p, i > 0) for group in groups for i, p in enumerate(group)]


def ranks_of(entries: Sequence[Entry]) -> list[int]:
    """Competition ranks: 1, 1, 3 for a tie at the top of three."""
    ranks: list[int] = []
    for i, (_p, tied) in enumerate(entries):
        ranks.append(ranks[-1] if tied and ranks else i + 1)
    return ranks


def move_entry(entries: Sequence[Entry], row: int, delta: int) -> tuple[list[Entry], int]:
    """Rank the entry at ``row`` one place higher (``delta`` -1) or lower (+1).

    An entry tied with others first leaves its tie (ranked just above, or just below, the
    rest of its group); a lone entry swaps places with the neighbouring group. Returns the
    new entries and the entry's new row."""
    groups = groups_of(entries)
    flat = [(g, i) for g, group in enumerate(groups) for i in range(len(group))]
    g, _i = flat[row]
    position = entries[row][0]
    if len(groups[g]) > 1:
        groups[g].remove(position)
        groups.insert(g if delta < 0 else g + 1, [position])
    else:
        target = g + delta
        if not 0 <= target < len(groups):
            return list(entries), row
        groups[g], groups[target] = groups[target], groups[g]
    new = entries_of(groups)
    return new, [p for p, _t in new].index(position)


def toggle_tie(entries: Sequence[Entry], row: int) -> list[Entry]:
    """Tie the entry at ``row`` with the one above, or undo that tie."""
    out = list(entries)
    if row <= 0 or row >= len(out):
        return out
    position, tied = out[row]
    out[row] = (position, not tied)
    return out


def dropped(before: Sequence[Entry], after_order: Sequence[int], moved: int) -> list[Entry]:
    """The entries after a drag moved ``moved`` (a position) to its place in
    ``after_order``: it leaves its tie group (whose next member takes over its place in
    the group) and joins a group only when dropped between two tied entries."""
    tied = dict(before)
    rows = [p for p, _t in before]
    old = rows.index(moved)
    if old + 1 < len(rows):
        nxt = rows[old + 1]
        tied[nxt] = tied[nxt] and tied[moved]
    out = [(p, tied[p]) for p in after_order]
    new = list(after_order).index(moved)
    joins = new + 1 < len(out) and out[new + 1][1] and new > 0
    out[new] = (moved, joins)
    if out:
        out[0] = (out[0][0], False)
    return out


class RankList(QListWidget):
    """The list itself: internal drag-and-drop, and the ranking keys while it has focus."""

    dropped = Signal(int)
    """A drag moved the response at this display position."""

    def __init__(self, editor: RankingEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._dragged: int | None = None
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setObjectName("ranking")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._editor.handle_key(event):
            super().keyPressEvent(event)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        item = self.currentItem()
        self._dragged = None if item is None else int(item.data(POSITION_ROLE))
        try:
            super().startDrag(supportedActions)
        finally:
            self._dragged = None

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self._dragged
        if dragged is None:
            item = self.currentItem()
            dragged = None if item is None else int(item.data(POSITION_ROLE))
        super().dropEvent(event)
        self._editor._rendered = None  # the items moved: shown again in full
        if dragged is not None:
            self.dropped.emit(dragged)

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        hint.setHeight(rows + 2 * self.frameWidth() + 4)
        return hint

    def minimumSizeHint(self) -> Any:
        return self.sizeHint()


class RankingEditor(QuestionEditor):
    """N responses in rank order with ties, an explicit "not ranked yet" state, and keys:
    Alt+Up / Alt+Down move the selected response, "=" or Ctrl+T ties it with the one
    above (or unties it), Enter keeps the order shown."""

    def __init__(
        self, question: RankingQuestion, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(question, count, parent)
        self.ranking = question
        self.entries: list[Entry] = [(p, False) for p in range(count)]
        self.touched = False
        self._rendered: tuple[tuple[Entry, ...], bool] | None = None
        """The entries and state the list and buttons show (see :meth:`_render`)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.status = QLabel(NOT_RANKED, self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("answer_ranking", "Ranking status"))
        layout.addWidget(self.status)
        self.list = RankList(self)
        self.list.setAccessibleName(
            translate("answer_ranking", "{title}: responses in rank order, best first").format(
                title=self.title
            )
        )
        keys = translate("answer_ranking", "Alt+Up / Alt+Down move the selected response")
        if question.allow_ties:
            keys += translate("answer_ranking", "; = or Ctrl+T ties it with the one above")
        self.list.setToolTip(
            translate("answer_ranking", "Drag to reorder. {keys}; Enter keeps this order.").format(
                keys=keys
            )
        )
        self.list.setAccessibleDescription(self.list.toolTip())
        for _ in range(count):
            self.list.addItem(QListWidgetItem())
        self.list.dropped.connect(self._dropped)
        layout.addWidget(self.list)

        buttons = QGridLayout()
        buttons.setSpacing(4)
        self.up_button = self._button(
            translate("answer_ranking", "Move up"),
            translate("answer_ranking", "Rank the selected response higher (Alt+Up)"),
        )
        self.down_button = self._button(
            translate("answer_ranking", "Move down"),
            translate("answer_ranking", "Rank the selected response lower (Alt+Down)"),
        )
        self.tie_button = self._button(
            translate("answer_ranking", "Tie with above"),
            translate(
                "answer_ranking",
                "Tie the selected response with the one above, or untie (= or Ctrl+T)",
            ),
        )
        self.tie_button.setVisible(question.allow_ties)
        self.confirm_button = self._button(
            translate("answer_ranking", "Use this order"),
            translate("answer_ranking", "Keep the order shown (Enter)"),
        )
        self.clear_button = self._button(
            translate("answer_ranking", "Clear"),
            translate("answer_ranking", "Back to “not ranked yet”"),
        )
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.tie_button.clicked.connect(self.toggle_tie_selected)
        self.confirm_button.clicked.connect(self.confirm)
        self.clear_button.clicked.connect(self.clear_ranking)
        # Two short rows, so the panel stays narrow (also at 200% scaling).
        buttons.addWidget(self.up_button, 0, 0)
        buttons.addWidget(self.down_button, 0, 1)
        buttons.addWidget(self.tie_button, 0, 2)
        buttons.addWidget(self.confirm_button, 1, 0, 1, 2)
        buttons.addWidget(self.clear_button, 1, 2)
        buttons.setColumnStretch(3, 1)
        layout.addLayout(buttons)
        self._render()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.installEventFilter(self)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The ranking keys also work while one of the ranking buttons has focus.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.handle_key(event, enter=False)
        return False

    # --- keys and actions ------------------------------------------------------------

    def handle_key(self, event: QKeyEvent, *, enter: bool = True) -> bool:
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_selected(-1 if key == Qt.Key.Key_Up else 1)
        elif self.ranking.allow_ties and (
            (key == Qt.Key.Key_Equal and not ctrl and not alt) or (ctrl and key == Qt.Key.Key_T)
        ):
            self.toggle_tie_selected()
        elif enter and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (alt or ctrl):
            self.confirm()
        else:
            return False
        event.accept()
        return True

    def selected_row(self) -> int:
        return self.list.currentRow()

    def move_selected(self, delta: int) -> None:
        row = self.selected_row()
        if row < 0:
            return
        entries, new_row = move_entry(self.entries, row, delta)
        if entries == self.entries:
            return
        self._commit(entries, new_row)

    def toggle_tie_selected(self) -> None:
        row = self.selected_row()
        if row <= 0 or not self.ranking.allow_ties:
            return
        self._commit(toggle_tie(self.entries, row), row)

    def confirm(self) -> None:
        """Keep the order shown (a no-op once ranked)."""
        if not self.touched:
            self._commit(self.entries, max(self.selected_row(), 0))

    def clear_ranking(self) -> None:
        if not self.touched and self.entries == [(p, False) for p in range(self.count)]:
            return
        self.entries = [(p, False) for p in range(self.count)]
        self.touched = False
        self._render()
        self._user_edit()

    def _dropped(self, moved: int) -> None:
        self._rendered = None  # the list moved its items itself
        after = [int(self.list.item(r).data(POSITION_ROLE)) for r in range(self.list.count())]
        entries = dropped(self.entries, after, moved)
        if not self.ranking.allow_ties:
            entries = [(p, False) for p, _t in entries]
        self._commit(entries, after.index(moved))

    def _commit(self, entries: list[Entry], row: int) -> None:
        self.entries = entries
        self.touched = True
        self._render()
        self.list.setCurrentRow(row)
        self._user_edit()

    # --- value -------------------------------------------------------------------------

    def _fill(self, value: Any) -> None:
        groups: list[list[int]] = []
        seen: set[int] = set()
        if isinstance(value, list):
            for group in value:
                if not isinstance(group, list):
                    continue
                positions = [
                    p
                    for p in (self.position_of(rid) for rid in group)
                    if p is not None and p not in seen
                ]
                seen.update(positions)
                if positions:
                    groups.append(positions)
        if groups:
            groups += [[p] for p in range(self.count) if p not in seen]
            self.entries = entries_of(groups)
            if not self.ranking.allow_ties:
                self.entries = [(p, False) for p, _t in self.entries]
            self.touched = True
        else:
            self.entries = [(p, False) for p in range(self.count)]
            self.touched = False
        self._render()
        self.list.setCurrentRow(0)

    def value(self) -> Any:
        if not self.touched or len(self.ids) != self.count:
            return None
        return [[self.ids[p] for p in group] for group in groups_of(self.entries)]

    def _render(self) -> None:
        # A new task not ranked yet (most moves) shows what the last one showed: its
        # texts, spoken texts and buttons are left as they are.
        shown = (tuple(self.entries), self.touched)
        if shown == self._rendered:
            return
        self._rendered = shown
        ranks = ranks_of(self.entries)
        total = len(self.entries)
        resized = False
        for row, ((position, tied), rank) in enumerate(zip(self.entries, ranks, strict=True)):
            item = self.list.item(row)
            name = response_name(position)
            if self.touched:
                text = f"{rank}.   {name}" + (
                    "   " + translate("answer_ranking", "(tied with above)") if tied else ""
                )
                spoken = (
                    translate("answer_ranking", "Rank {rank} of {total}, tied: {name}")
                    if tied
                    else translate("answer_ranking", "Rank {rank} of {total}: {name}")
                ).format(rank=rank, total=total, name=name)
            else:
                text = f"–    {name}"
                spoken = translate(
                    "answer_ranking", "{name}, not ranked yet (shown {number} of {total})"
                ).format(name=name, number=row + 1, total=total)
            if item.text() != text:
                item.setText(text)
                resized = True
            item.setData(POSITION_ROLE, position)
            item.setData(TIED_ROLE, tied)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.setToolTip(spoken)
        if resized:  # the same texts (a new task not ranked yet): the same size, no new layout
            self.list.updateGeometry()
        self.status.setText(translate("answer_ranking", RANKED if self.touched else NOT_RANKED))
        self.confirm_button.setEnabled(not self.touched)
        self.clear_button.setEnabled(self.touched)
