"""The task list: every task of the workspace as one table row, with a search field and a
status filter above it.

Three layers, each usable on its own:

- :class:`TaskTableModel` adapts :meth:`Workspace.task_list` (one narrow query: ids,
  numbers, statuses, times, column by column) to Qt; the prompt previews are read a page
  at a time as rows show. 100,000 tasks cost one query and a few megabytes;
  :meth:`TaskTableModel.data` only indexes those columns.
- :class:`TaskFilterProxy` filters by status and by a search that runs inside the
  encrypted database (:meth:`Workspace.search_keys`, once per query, cached). It never sorts:
  the list is always in bundle order, so "next" and "previous" mean what the reviewer
  sees.
- :class:`TaskListPanel` is the widget: search field, status filter, "N of M shown",
  the table, and :attr:`TaskListPanel.taskActivated` when the reviewer moves to a task.

Status is always spelled out with a symbol ("✓ done", "⚑ flagged"); colour only repeats
it.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from docket.core.review import ANSWERED, TaskList, TaskRow
from docket.core.tasks import TaskStatus
from docket.errors import DocketError
from docket.render.theme import DARK, LIGHT, Theme
from docket.ui.error_texts import error_text
from docket.ui.i18n import QT_TRANSLATE_NOOP, Plural, english_plural, translate
from docket.ui.scroll_bars import flat_scroll_bars
from docket.ui.table_model import ROW_FLAGS, ColumnsTableModel

__all__ = [
    "COLUMNS",
    "COL_NUMBER",
    "COL_PROMPT",
    "COL_STATUS",
    "COL_TIME",
    "STATUS_FILTERS",
    "STATUS_LABELS",
    "STATUS_SYMBOLS",
    "SearchCache",
    "StatusRole",
    "TaskFilterProxy",
    "TaskIdRole",
    "TaskListPanel",
    "TaskRowSource",
    "TaskTableModel",
    "format_duration",
    "status_colours",
]

Index = QModelIndex | QPersistentModelIndex

TaskIdRole = int(Qt.ItemDataRole.UserRole) + 1
"""The task id (str) of the row, in every column."""
StatusRole = int(Qt.ItemDataRole.UserRole) + 2
"""The status value (str, e.g. "done") of the row, in every column."""

COLUMNS = (
    "#",
    QT_TRANSLATE_NOOP("task_list", "Status"),
    QT_TRANSLATE_NOOP("task_list", "Prompt"),
    QT_TRANSLATE_NOOP("task_list", "Time"),
)
COL_NUMBER, COL_STATUS, COL_PROMPT, COL_TIME = range(len(COLUMNS))

STATUS_SYMBOLS: dict[TaskStatus, str] = {
    TaskStatus.NEW: "•",
    TaskStatus.DRAFT: "✎",
    TaskStatus.DONE: "✓",
    TaskStatus.SKIPPED: "↷",
    TaskStatus.FLAGGED: "⚑",
}
STATUS_WORDS: dict[TaskStatus, str] = {
    TaskStatus.NEW: QT_TRANSLATE_NOOP("task_list", "new"),
    TaskStatus.DRAFT: QT_TRANSLATE_NOOP("task_list", "draft"),
    TaskStatus.DONE: QT_TRANSLATE_NOOP("task_list", "done"),
    TaskStatus.SKIPPED: QT_TRANSLATE_NOOP("task_list", "skipped"),
    TaskStatus.FLAGGED: QT_TRANSLATE_NOOP("task_list", "flagged"),
}
STATUS_LABELS: dict[TaskStatus, str] = {s: f"{STATUS_SYMBOLS[s]} {s.value}" for s in TaskStatus}
"""What the Status column shows: symbol and word, never colour alone (in English;
:func:`status_label` in the interface's language)."""


def status_label(status: TaskStatus) -> str:
    """The Status column's text for ``status`` in the interface's language."""
    return f"{STATUS_SYMBOLS[status]} {translate('task_list', STATUS_WORDS[status])}"


STATUS_FILTERS: tuple[tuple[str, frozenset[TaskStatus] | None], ...] = (
    (QT_TRANSLATE_NOOP("task_list", "All tasks"), None),
    (
        QT_TRANSLATE_NOOP("task_list", "To do (new or draft)"),
        frozenset({TaskStatus.NEW, TaskStatus.DRAFT}),
    ),
    (STATUS_LABELS[TaskStatus.NEW], frozenset({TaskStatus.NEW})),
    (STATUS_LABELS[TaskStatus.DRAFT], frozenset({TaskStatus.DRAFT})),
    (STATUS_LABELS[TaskStatus.DONE], frozenset({TaskStatus.DONE})),
    (STATUS_LABELS[TaskStatus.SKIPPED], frozenset({TaskStatus.SKIPPED})),
    (STATUS_LABELS[TaskStatus.FLAGGED], frozenset({TaskStatus.FLAGGED})),
)
"""The status filter's choices, in combo-box order: label and statuses (None: all)."""


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ACCESSIBLE, _FOREGROUND, _ALIGNMENT, TaskIdRole, StatusRole}
)

_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_HEADER_TIPS = (
    QT_TRANSLATE_NOOP("task_list", "Position in the bundle"),
    QT_TRANSLATE_NOOP("task_list", "Review status"),
    QT_TRANSLATE_NOOP("task_list", "The prompt (last user message)"),
    QT_TRANSLATE_NOOP("task_list", "Active review time (minutes:seconds)"),
)


def format_duration(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` from one hour on); an en dash when no time was spent."""
    total = round(seconds)
    if total <= 0:
        return "–"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _spoken_duration(seconds: float) -> str:
    total = round(seconds)
    if total <= 0:
        return translate("task_list", "no time spent")
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return translate("task_list", "{minutes} {seconds} spent").format(
            minutes=english_plural(Plural.tr("%n minute(s)", "", minutes), minutes),
            seconds=english_plural(Plural.tr("%n second(s)", "", secs), secs),
        )
    if minutes:
        return english_plural(Plural.tr("%n minute(s) spent", "", minutes), minutes)
    return english_plural(Plural.tr("%n second(s) spent", "", secs), secs)


def status_colours(theme: Theme) -> dict[TaskStatus, QColor]:
    """Status colours for a theme (they repeat the symbol, they never replace it)."""
    dark = theme is DARK
    return {
        TaskStatus.DONE: QColor(theme.role_colour("assistant")),
        TaskStatus.FLAGGED: QColor("#f85149" if dark else "#cf222e"),
        TaskStatus.DRAFT: QColor(theme.link),
        TaskStatus.SKIPPED: QColor(theme.muted),
        TaskStatus.NEW: QColor(theme.muted),
    }


class TaskRowSource(Protocol):
    """What the task list reads: :class:`docket.Workspace` provides it."""

    def task_list(self) -> TaskList: ...

    def task_previews(self, positions: Sequence[int]) -> dict[int, str]: ...

    def task_row(self, task_id: str) -> TaskRow: ...

    def search_keys(self, query: str) -> set[int]: ...


PREVIEW_BATCH = 64
"""Previews read together (one query) when a row without one shows: that row and the
rows shown after it (the filter proxy says which)."""
PREVIEWS_KEPT = 4096
"""Previews kept (the most recently read): a few hundred kilobytes."""
CELL_ROWS_KEPT = 256
"""Rows whose cells (every role asked of them) are kept as answered: the rows in view and
around them. A move repaints two rows, seven roles a cell: looked up, not made again."""


class TaskTableModel(ColumnsTableModel):
    """The tasks of a workspace as a four-column table: #, Status, Prompt, Time.

    Roles: DisplayRole, ToolTipRole (the whole preview, escaped so Qt never reads it as
    markup), AccessibleTextRole (spoken forms), ForegroundRole (status colour; muted
    numbers), TextAlignmentRole, :data:`TaskIdRole` and :data:`StatusRole`.

    It holds the list's narrow columns (:class:`TaskList`: one query, a few megabytes for
    100,000 tasks) and the previews of the rows recently shown: a row without one reads
    it with those of the :data:`PREVIEW_BATCH` rows after it (or those the filter proxy
    shows after it: :meth:`load_previews`), at most :data:`PREVIEWS_KEPT` kept.
    """

    columns = COLUMNS
    header_tips = _HEADER_TIPS
    tr_context = "task_list"

    def __init__(self, store: TaskRowSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._list: TaskList = store.task_list()
        self._index: dict[str, int] | None = None  # built on the first row_of()
        self._previews: dict[int, str] = {}  # row -> preview, in the order read
        self._cells: dict[int, dict[tuple[int, int], Any]] = {}  # row -> (column, role) -> value
        self._theme = LIGHT
        self._colours: dict[TaskStatus, QColor] = status_colours(LIGHT)
        self._muted = QColor(LIGHT.muted)

    @property
    def store(self) -> TaskRowSource:
        return self._store

    # --- Qt model interface --------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._list.ids)

    def header_extra(self, section: int, role: int) -> Any:
        if role == _ALIGNMENT:
            return _RIGHT if section in (COL_NUMBER, COL_TIME) else _LEFT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, i: int, col: int, role: int) -> Any:
        """What :meth:`data` answers for row ``i``, column ``col`` (the filter proxy asks
        here directly: no model index made per role), kept per row once answered."""
        kept = self._cells.get(i)
        if kept is not None:
            try:
                return kept[col, role]
            except KeyError:
                pass
        if not 0 <= i < len(self._list.ids):
            return None
        value = self._cell(i, col, role)
        if kept is None:
            if len(self._cells) >= CELL_ROWS_KEPT:
                del self._cells[next(iter(self._cells))]
            kept = self._cells[i] = {}
        kept[col, role] = value
        return value

    def _cell(self, i: int, col: int, role: int) -> Any:
        rows = self._list
        if role == _DISPLAY:
            if col == COL_PROMPT:
                return self.preview(i)
            if col == COL_STATUS:
                return status_label(rows.statuses[i])
            if col == COL_NUMBER:
                return str(rows.positions[i] + 1)
            return format_duration(rows.times[i])
        if role == _FOREGROUND:
            if col == COL_STATUS:
                return self._colours.get(rows.statuses[i])
            return self._muted if col in (COL_NUMBER, COL_TIME) else None
        if role == _ALIGNMENT:
            return _RIGHT if col in (COL_NUMBER, COL_TIME) else _LEFT
        if role == TaskIdRole:
            return rows.ids[i]
        if role == StatusRole:
            return rows.statuses[i].value
        if role == _TOOLTIP:
            preview = self.preview(i)
            return f"<p>{html.escape(preview)}</p>" if preview else None
        # AccessibleTextRole
        if col == COL_PROMPT:
            return self.preview(i) or translate("task_list", "no prompt")
        if col == COL_STATUS:
            return translate("task_list", "status {status}").format(
                status=translate("task_list", STATUS_WORDS[rows.statuses[i]])
            )
        if col == COL_NUMBER:
            return translate("task_list", "task {number}").format(number=rows.positions[i] + 1)
        return _spoken_duration(rows.times[i])

    # --- reading ------------------------------------------------------------------------

    def preview(self, row: int) -> str:
        """The prompt preview of ``row`` (read with the rows after it when not held)."""
        preview = self._previews.get(row)
        if preview is None:
            self.load_previews(range(row, min(row + PREVIEW_BATCH, len(self._list.ids))))
            preview = self._previews.get(row, "")
        return preview

    def has_preview(self, row: int) -> bool:
        return row in self._previews

    def load_previews(self, rows: Iterable[int]) -> None:
        """Read the previews of these rows (those not held) in one query."""
        wanted = [r for r in rows if r not in self._previews]
        if not wanted:
            return
        keys, positions = self._list.keys, self._list.positions
        try:
            found = self._store.task_previews([positions[r] for r in wanted])
        except DocketError:  # the workspace is locking or failed: nothing to show
            return
        for r in wanted:
            self._previews[r] = found.get(keys[r], "")
            self._cells.pop(r, None)  # a prompt cell answered before its preview was read
        while len(self._previews) > PREVIEWS_KEPT:
            del self._previews[next(iter(self._previews))]

    def row_of(self, task_id: str) -> int:
        """The row of a task, or -1 when the model has no such task."""
        if self._index is None:
            self._index = {task_id: i for i, task_id in enumerate(self._list.ids)}
        return self._index.get(task_id, -1)

    def task_id_at(self, row: int) -> str:
        """The id of the task in ``row`` (IndexError when out of range)."""
        if not 0 <= row < len(self._list.ids):
            raise IndexError(f"no task at row {row}")
        return self._list.ids[row]

    def task_row_at(self, row: int) -> TaskRow:
        rows = self._list
        return TaskRow(
            rows.ids[row], rows.positions[row], rows.statuses[row], self.preview(row),
            rows.times[row],
        )  # fmt: skip

    def task_list(self) -> TaskList:
        """Every row's columns, in bundle order (read them, do not change them)."""
        return self._list

    def widest_number(self) -> int:
        """The largest number the "#" column shows (for sizing it)."""
        return max(self._list.positions, default=-1) + 1

    def progress(self) -> tuple[int, int]:
        """``(answered, total)``; answered means submitted: status done or flagged.

        Drafts, skipped and new tasks are not answered.
        """
        statuses = self._list.statuses
        return sum(1 for s in statuses if s in ANSWERED), len(statuses)

    # --- changes ------------------------------------------------------------------------

    def refresh_task(self, task_id: str) -> None:
        """Re-read one task's row after an operation on it; dataChanged for that row only.

        A task the model has not seen (a new import) reloads everything. Unknown to the
        store: :class:`docket.errors.UnknownTaskError`.
        """
        fresh = self._store.task_row(task_id)
        row = self.row_of(task_id)
        if row < 0:
            self.reload()
            return
        rows = self._list
        if (fresh.status, fresh.time_spent_s, fresh.position) == (
            rows.statuses[row],
            rows.times[row],
            rows.positions[row],
        ):
            return
        rows.statuses[row] = fresh.status
        rows.times[row] = fresh.time_spent_s
        rows.positions[row] = fresh.position
        self._cells.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def clear(self) -> None:
        """Hold no rows (the window is locking: prompts are in the rows)."""
        self.beginResetModel()
        self._list = TaskList.of_rows([])
        self._index = None
        self._previews.clear()
        self._cells.clear()
        self.endResetModel()

    def reload(self) -> None:
        """Read every row again (after an import): one query, a model reset."""
        self.beginResetModel()
        self._list = self._store.task_list()
        self._index = None
        self._previews.clear()
        self._cells.clear()
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        """Status and number colours for a light or dark palette."""
        if theme is self._theme:
            return
        self._theme = theme
        self._colours = status_colours(theme)
        self._muted = QColor(theme.muted)
        self._cells.clear()
        if self._list.ids:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._list.ids) - 1, len(COLUMNS) - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )


class SearchCache:
    """Search results by normalised query (stripped, lower-cased), most recent kept: at
    most ``size`` queries and ``max_hits`` tasks found in all (a query found in every one
    of 100,000 tasks holds a few megabytes)."""

    def __init__(
        self, search: Callable[[str], set[int]], size: int = 16, max_hits: int = 400_000
    ) -> None:
        self._search = search
        self._size = size
        self._max_hits = max_hits
        self._hits: dict[str, frozenset[int]] = {}

    @staticmethod
    def normalise(query: str) -> str:
        return query.strip().lower()

    def __call__(self, query: str) -> frozenset[int]:
        key = self.normalise(query)
        hits = self._hits.pop(key, None)
        if hits is None:
            hits = frozenset(self._search(key))
        self._hits[key] = hits  # (re)inserted last: the most recently used
        held = sum(map(len, self._hits.values()))
        while len(self._hits) > 1 and (len(self._hits) > self._size or held > self._max_hits):
            held -= len(self._hits.pop(next(iter(self._hits))))
        return hits

    def clear(self) -> None:
        self._hits.clear()


class TaskFilterProxy(QAbstractTableModel):
    """Filters a :class:`TaskTableModel` by status and search, keeping bundle order.

    Search is case-insensitive and covers prompt, conversation and responses; it runs
    once per distinct query (cached until the model is reset). An empty query and a
    status set of None filter nothing.

    The rows shown are one list of source rows, worked out in one pass over the model's
    rows when a filter changes (a model reset: one signal, whatever the number of rows;
    about 10 ms for 100,000 tasks), never one call per row from Qt. A row whose status
    changes leaves or joins the filter on its own (rows removed or inserted).

    It is a table model of its own rather than a ``QAbstractProxyModel``: Qt then
    answers ``parent()`` itself, which selecting a row asks about thirty times, and maps
    no index to the source on the way (each a call into Python); the rows shown are read
    from the source model directly.
    """

    def __init__(self, model: TaskTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._statuses: frozenset[TaskStatus] | None = None
        self._query = ""
        self._hits: frozenset[int] | None = None  # the keys of the tasks found
        self._cache = SearchCache(model.store.search_keys)
        self._rows: list[int] | None = None  # the source rows shown; None: all of them
        model.modelAboutToBeReset.connect(self._source_about_to_reset)
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged.emit)

    def task_model(self) -> TaskTableModel:
        return self._model

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._model.row_total() if self._rows is None else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.rowCount() > 0

    def _source_row(self, row: int) -> int:
        return row if self._rows is None else self._rows[row]

    def _proxy_row(self, source: int) -> int:
        if self._rows is None:
            return source if 0 <= source < self._model.row_total() else -1
        at = bisect_left(self._rows, source)
        return at if at < len(self._rows) and self._rows[at] == source else -1

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # A painted cell asks for seven roles, three of which the model never serves
        # (font, decoration, check state, background): they cost no more than this.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        rows = self._rows
        if rows is None:
            return self._model.cell(row, index.column(), role)
        if row >= len(rows):
            return None
        source = rows[row]
        if not self._model.has_preview(source):
            # Read the previews of the rows shown from here on, not of the rows after it
            # in the model (which the filter may hide).
            self._model.load_previews(rows[row : row + PREVIEW_BATCH])
        return self._model.cell(source, index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # The model's cells all have the same flags: no source index made per cell.
        if not index.isValid() or index.model() is not self or index.row() >= self.rowCount():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._model.headerData(section, orientation, role)
        return None

    # --- filters ------------------------------------------------------------------------

    def statuses(self) -> frozenset[TaskStatus] | None:
        return self._statuses

    def set_statuses(self, statuses: Iterable[TaskStatus] | None) -> None:
        """Show only tasks with one of these statuses; None shows every status."""
        wanted = None if statuses is None else frozenset(TaskStatus(s) for s in statuses)
        if wanted == self._statuses:
            return
        self._statuses = wanted
        self._refilter()

    def search_query(self) -> str:
        return self._query

    def forget_searches(self) -> None:
        self._cache.clear()

    def set_search(self, query: str) -> None:
        """Show only tasks containing ``query`` (case-insensitive); blank shows all."""
        key = SearchCache.normalise(query)
        if key == self._query:
            return
        hits = self._cache(key) if key else None
        self._query, self._hits = key, hits
        self._refilter()

    def is_filtered(self) -> bool:
        return self._statuses is not None or self._hits is not None

    def accepts(self, row: int) -> bool:
        """Whether the filters show the model's ``row``."""
        rows = self._model.task_list()
        if self._statuses is not None and rows.statuses[row] not in self._statuses:
            return False
        return self._hits is None or rows.keys[row] in self._hits

    def _shown_rows(self) -> list[int] | None:
        if not self.is_filtered():
            return None
        statuses, hits = self._statuses, self._hits
        rows = self._model.task_list()
        if hits is not None and statuses is None:
            return [i for i, key in enumerate(rows.keys) if key in hits]
        if hits is None and statuses is not None:
            return [i for i, s in enumerate(rows.statuses) if s in statuses]
        assert statuses is not None and hits is not None
        return [
            i for i, (s, key) in enumerate(zip(rows.statuses, rows.keys, strict=True))
            if s in statuses and key in hits
        ]  # fmt: skip

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = self._shown_rows()
        self.endResetModel()

    # --- the source's changes ----------------------------------------------------------

    def _source_about_to_reset(self) -> None:
        """Before the source resets (an import): searches are run again, as needed."""
        self.beginResetModel()
        self._cache.clear()
        self._rows = None

    def _source_reset(self) -> None:
        if self._query:
            self._hits = self._cache(self._query)
        self._rows = self._shown_rows()
        self.endResetModel()

    def _source_data_changed(
        self,
        top_left: QModelIndex,
        bottom_right: QModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        first, last = top_left.row(), bottom_right.row()
        if self._rows is not None and first == last:
            # One task's row (refresh_task): it may leave or join the filter.
            shown = self._proxy_row(first)
            accepted = self.accepts(first)
            if shown >= 0 and not accepted:
                self.beginRemoveRows(QModelIndex(), shown, shown)
                del self._rows[shown]
                self.endRemoveRows()
                return
            if shown < 0 and accepted:
                at = bisect_left(self._rows, first)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, first)
                self.endInsertRows()
                return
        if self.rowCount() == 0:
            return
        if self._rows is None:
            top, bottom = first, last
        else:
            top, bottom = bisect_left(self._rows, first), bisect_right(self._rows, last) - 1
            if top > bottom:
                return
        self.dataChanged.emit(
            self.index(top, top_left.column()),
            self.index(bottom, bottom_right.column()),
            list(roles),
        )

    # --- reading, in what the reviewer sees ----------------------------------------------

    def task_id_at(self, row: int) -> str:
        return self._model.task_id_at(self._source_row(row))

    def row_of(self, task_id: str) -> int:
        """The visible row of a task, or -1 when it is filtered out or unknown."""
        source = self._model.row_of(task_id)
        return -1 if source < 0 else self._proxy_row(source)

    def task_ids(self) -> Iterator[str]:
        for row in range(self.rowCount()):
            yield self.task_id_at(row)

    def next_task_id(self, after: str) -> str | None:
        """The visible task after ``after`` (which may itself be filtered out), or None."""
        row = self._insertion_row(after)
        if row is None or row >= self.rowCount():
            return None
        return self.task_id_at(row)

    def previous_task_id(self, before: str) -> str | None:
        """The visible task before ``before`` (which may itself be filtered out), or None."""
        row = self._insertion_row(before)
        if row is None:
            return None
        row -= 2 if self.row_of(before) >= 0 else 1  # skip ``before`` itself when shown
        return self.task_id_at(row) if row >= 0 else None

    def _insertion_row(self, task_id: str) -> int | None:
        """The first visible row whose source row is after ``task_id``'s (proxy rows keep
        source order: this proxy never sorts)."""
        source = self._model.row_of(task_id)
        if source < 0:
            return None
        return source + 1 if self._rows is None else bisect_right(self._rows, source)


class _ColumnHeader(QHeaderView):
    """The task list's column header. It never shows which row is selected (its sections
    are not highlighted), so selecting a row, as every move to a task does, leaves it
    unpainted (a plain header repaints its whole width for a row selected across all
    the columns)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        return QRegion()


class _SearchKeys(QObject):
    """Escape clears the search (or, when empty, returns to the list); Down goes to it."""

    def __init__(self, panel: TaskListPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._panel._search_key(event.key())
        return False


class TaskListPanel(QWidget):
    """Search, status filter and the task table.

    ``taskActivated(task_id)`` is emitted when the reviewer moves to another task (mouse
    or keyboard), at most once per move, and never because a filter hid or showed rows:
    the panel remembers the open task and selects it again whenever it is visible.
    Bind Ctrl+F to :meth:`focus_search` in the window (the panel adds no shortcut, so
    nothing is ambiguous).
    """

    taskActivated = Signal(str)
    """The reviewer moved to this task (see the class docstring)."""
    searchFailed = Signal(str)
    """A search could not run (the workspace failed): the message to show."""
    """A search could not run (e.g. the workspace closed): the message to show."""

    SEARCH_DELAY_MS = 250

    def __init__(self, store: TaskRowSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = TaskTableModel(store, self)
        self._proxy = TaskFilterProxy(self._model, self)
        self._current: str | None = None  # the task the reviewer has open, as far as we know
        self._held = 0  # > 0 while the proxy moves rows: selection changes are not the user's

        self._search = QLineEdit(self)
        self._search.setPlaceholderText(
            translate("task_list", "Search prompts and responses (Ctrl+F)")
        )
        self._search.setClearButtonEnabled(True)
        self._search.setAccessibleName(translate("task_list", "Search tasks"))
        self._search.setAccessibleDescription(
            translate(
                "task_list",
                "Shows only tasks whose prompt or responses contain the text. "
                "Enter searches at once; Escape clears.",
            )
        )
        self._search.installEventFilter(_SearchKeys(self))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self._search.textChanged.connect(self._search_edited)
        self._search.returnPressed.connect(self._apply_search)

        self._status = QComboBox(self)
        for (label, _), status in zip(STATUS_FILTERS, [None, None, *TaskStatus], strict=True):
            self._status.addItem(
                status_label(status) if status is not None else translate("task_list", label)
            )
        self._status.setAccessibleName(translate("task_list", "Filter by status"))
        self._status.setToolTip(translate("task_list", "Show only tasks with this status"))
        self._status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._status.currentIndexChanged.connect(self._status_chosen)

        self._count = QLabel(self)
        self._count.setAccessibleName(translate("task_list", "Tasks shown"))
        self._count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        self._view = QTableView(self)
        self._view.setHorizontalHeader(_ColumnHeader(self._view))
        flat_scroll_bars(self._view)
        self._view.setAccessibleName(translate("task_list", "Task list"))
        self._view.horizontalHeader().setAccessibleName(translate("task_list", "Task list columns"))
        self._view.setAccessibleDescription(
            translate(
                "task_list",
                "One row per task: number, status, prompt, time spent. "
                "Arrow keys move between tasks and open them.",
            )
        )
        # Connected before setModel, so they run before the view and the selection model
        # react to rows leaving (which move the current row to a neighbour).
        self._proxy.rowsAboutToBeRemoved.connect(self._hold)
        self._proxy.modelAboutToBeReset.connect(self._hold)
        self._proxy.layoutAboutToBeChanged.connect(self._hold)
        self._view.setModel(self._proxy)
        self._proxy.rowsRemoved.connect(self._release)
        self._proxy.modelReset.connect(self._release)
        self._proxy.layoutChanged.connect(self._release)
        self._proxy.rowsInserted.connect(self._rows_shown)
        selection = self._view.selectionModel()
        assert selection is not None
        selection.currentRowChanged.connect(self._current_row_changed)
        self._configure_view()

        self._empty = QLabel(self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._empty.setMargin(24)
        self._stack = QStackedLayout()
        self._stack.addWidget(self._view)
        self._stack.addWidget(self._empty)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self._status)
        filters.addStretch(1)
        filters.addWidget(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self._search)
        layout.addLayout(filters)
        layout.addLayout(self._stack, 1)
        self.setFocusProxy(self._view)
        self._apply_palette()
        self._update_summary()

    # --- parts --------------------------------------------------------------------------

    @property
    def model(self) -> TaskTableModel:
        return self._model

    @property
    def proxy(self) -> TaskFilterProxy:
        return self._proxy

    @property
    def view(self) -> QTableView:
        return self._view

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    @property
    def status_filter(self) -> QComboBox:
        return self._status

    @property
    def count_label(self) -> QLabel:
        return self._count

    # --- public operations --------------------------------------------------------------

    def current_task_id(self) -> str | None:
        """The task last activated or selected (it may be filtered out of view)."""
        return self._current

    def select_task(self, task_id: str, *, notify: bool = False) -> bool:
        """Select ``task_id``'s row: the window opened that task by other means.

        Quiet by default (the caller already opened the task, so ``taskActivated`` would
        open it twice); with ``notify=True`` it is emitted once if the task was not the
        open one already. Returns whether the row is visible: a task the filters hide (or
        the model does not hold yet) is remembered, and selected as soon as it shows.
        """
        changed = task_id != self._current
        self._current = task_id
        visible = self._show_current()
        if changed and notify:
            self.taskActivated.emit(task_id)
        return visible

    def next_task_id(self, after: str) -> str | None:
        """The task after ``after`` in the list as shown (filters apply), or None."""
        return self._proxy.next_task_id(after)

    def previous_task_id(self, before: str) -> str | None:
        """The task before ``before`` in the list as shown (filters apply), or None."""
        return self._proxy.previous_task_id(before)

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def set_search(self, query: str) -> None:
        """Search now (as Enter does)."""
        self._search.setText(query)
        self._apply_search()

    def set_status_filter(self, statuses: Iterable[TaskStatus] | None) -> None:
        """Choose the status filter entry showing exactly ``statuses`` (None: all)."""
        wanted = None if statuses is None else frozenset(statuses)
        for i, (_, choice) in enumerate(STATUS_FILTERS):
            if choice == wanted:
                self._status.setCurrentIndex(i)
                return
        raise ValueError(f"no status filter shows exactly {sorted(wanted or ())}")

    def refresh_task(self, task_id: str) -> None:
        """After an operation on a task: its row is read again (only that row)."""
        self._model.refresh_task(task_id)

    def clear(self) -> None:
        """Forget every row, the search text and its cached results (the window locks)."""
        self._search.setText("")  # unlike clear(), setText also empties the undo history
        self._apply_search()
        self._proxy.forget_searches()
        self._model.clear()

    def reload(self) -> None:
        """After an import: every row is read again; the open task stays selected."""
        self._model.reload()
        self._size_columns()

    # --- view set-up --------------------------------------------------------------------

    def _configure_view(self) -> None:
        v = self._view
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.setAlternatingRowColors(True)
        v.setShowGrid(False)
        v.setWordWrap(False)
        v.setTextElideMode(Qt.TextElideMode.ElideRight)
        v.setTabKeyNavigation(False)
        v.setCornerButtonEnabled(False)
        v.setSortingEnabled(False)
        v.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        v.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = v.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size hints
        header = v.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in range(len(COLUMNS)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if col == COL_PROMPT
                else QHeaderView.ResizeMode.Fixed
            )
            header.setSectionResizeMode(col, mode)
        self._size_columns()

    def _size_columns(self) -> None:
        metrics = self._view.fontMetrics()
        pad = 2 * metrics.horizontalAdvance("M") + 4
        self._view.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        header = self._view.horizontalHeader()
        digits = max(2, len(str(self._model.widest_number())))
        samples = {
            COL_NUMBER: ["8" * digits, COLUMNS[COL_NUMBER]],
            COL_STATUS: [
                *map(status_label, TaskStatus),
                translate("task_list", COLUMNS[COL_STATUS]),
            ],
            COL_TIME: ["88:88", translate("task_list", COLUMNS[COL_TIME])],
        }
        for col, texts in samples.items():
            header.resizeSection(col, max(metrics.horizontalAdvance(t) for t in texts) + pad)

    def _apply_palette(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        self._model.set_theme(DARK if base.lightness() < 128 else LIGHT)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:
            self._apply_palette()
        elif kind == QEvent.Type.FontChange:
            self._size_columns()

    # --- search and filters -------------------------------------------------------------

    def _search_edited(self, text: str) -> None:
        if text.strip():
            self._debounce.start()  # restarts: runs once typing pauses
        else:
            self._apply_search()  # clearing is instant

    def _apply_search(self) -> None:
        self._debounce.stop()
        try:
            self._proxy.set_search(self._search.text())
        except DocketError as error:  # the filter stays as it was
            self._update_summary()
            self._count.setText(translate("task_list", "Search failed"))
            self._count.setToolTip(error_text(error))
            self.searchFailed.emit(error_text(error))
            return
        self._update_summary()

    def _status_chosen(self, index: int) -> None:
        self._proxy.set_statuses(STATUS_FILTERS[index][1] if index >= 0 else None)
        self._update_summary()

    def _search_key(self, key: int) -> bool:
        if key == Qt.Key.Key_Escape:
            if self._search.text():
                self._search.clear()
            else:
                self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key == Qt.Key.Key_Down:
            self._apply_search()
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _update_summary(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        self._count.setToolTip("")
        if self._proxy.is_filtered():
            self._count.setText(
                translate("task_list", "{shown:,} of {total:,} shown").format(
                    shown=shown, total=total
                )
            )
        else:
            self._count.setText(english_plural(self.tr("%Ln task(s)", "", total), total))
        if shown:
            self._stack.setCurrentWidget(self._view)
        else:
            self._empty.setText(
                translate(
                    "task_list", "No tasks match. Clear the search (Esc) or choose “All tasks”."
                )
                if self._proxy.is_filtered()
                else translate(
                    "task_list", "There are no tasks yet. Import a task bundle to begin."
                )
            )
            self._stack.setCurrentWidget(self._empty)

    # --- selection ----------------------------------------------------------------------

    def _hold(self, *_: object) -> None:
        self._held += 1

    def _release(self, *_: object) -> None:
        self._held = max(0, self._held - 1)
        if not self._held:
            self._show_current()
            self._update_summary()

    def _rows_shown(self, *_: object) -> None:
        if not self._held:
            self._show_current()
            self._update_summary()

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def _show_current(self) -> bool:
        """Select the open task's row if it is visible, else select nothing (quietly)."""
        selection = self._view.selectionModel()
        assert selection is not None
        row = -1 if self._current is None else self._proxy.row_of(self._current)
        with self._quietly():
            if row < 0:
                if selection.currentIndex().isValid() or selection.hasSelection():
                    selection.clear()
                return False
            index = self._proxy.index(row, 0)
            if selection.currentIndex().row() != row or not selection.isRowSelected(row):
                selection.setCurrentIndex(index, _SELECT_ROW)
            self._view.scrollTo(index)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._held or not current.isValid():
            return
        task_id = self._proxy.task_id_at(current.row())
        if task_id != self._current:
            self._current = task_id
            self.taskActivated.emit(task_id)
