"""The task list: model, filter proxy and panel (docket.ui.task_list)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView
from pytestqt.qtbot import QtBot

from docket import Workspace
from docket.core import TaskStatus
from docket.store.review import ReviewStore, TaskList, TaskRow
from docket.ui.task_list import (
    COL_NUMBER,
    COL_PROMPT,
    COL_STATUS,
    COL_TIME,
    PREVIEW_BATCH,
    PREVIEWS_KEPT,
    STATUS_LABELS,
    SearchCache,
    StatusRole,
    TaskFilterProxy,
    TaskIdRole,
    TaskListPanel,
    TaskTableModel,
    format_duration,
)
from tests.helpers import MARKER

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ALL_ROLES = (
    DISPLAY,
    TOOLTIP,
    ACCESSIBLE,
    FOREGROUND,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.CheckStateRole,
    TaskIdRole,
    StatusRole,
)


class CountingStore:
    """A ReviewStore (or a fake) that counts the calls the task list makes."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    def task_list(self) -> TaskList:
        self.calls["task_list"] += 1
        return self.inner.task_list()  # type: ignore[attr-defined, no-any-return]

    def task_previews(self, positions: Sequence[int]) -> dict[int, str]:
        self.calls["task_previews"] += 1
        return self.inner.task_previews(positions)  # type: ignore[attr-defined, no-any-return]

    def task_row(self, task_id: str) -> TaskRow:
        self.calls["task_row"] += 1
        return self.inner.task_row(task_id)  # type: ignore[attr-defined, no-any-return]

    def search_keys(self, query: str) -> set[int]:
        self.calls["search"] += 1
        return self.inner.search_keys(query)  # type: ignore[attr-defined, no-any-return]


class FakeRows:
    """Synthetic rows, as ReviewStore.task_rows returns them, without a database (keyed
    by their place in the list)."""

    def __init__(self, rows: list[TaskRow]) -> None:
        self.rows = rows

    def task_list(self) -> TaskList:
        return TaskList.of_rows(self.rows)

    def task_previews(self, positions: Sequence[int]) -> dict[int, str]:
        wanted = set(positions)
        return {i: r.preview for i, r in enumerate(self.rows) if r.position in wanted}

    def task_row(self, task_id: str) -> TaskRow:
        return next(r for r in self.rows if r.id == task_id)

    def search_keys(self, query: str) -> set[int]:
        return {i for i, r in enumerate(self.rows) if query in r.preview.lower()}


def synthetic_rows(n: int) -> list[TaskRow]:
    statuses = list(TaskStatus)
    return [
        TaskRow(
            f"t{i:05d}",
            i,
            statuses[i % 5],
            f"Prompt number {i} about topic {i % 7}",
            i % 300,
        )
        for i in range(n)
    ]


def texts(model: TaskTableModel | TaskFilterProxy, column: int) -> list[str]:
    return [model.index(r, column).data(DISPLAY) for r in range(model.rowCount())]


def shown_ids(proxy: TaskFilterProxy) -> list[str]:
    return list(proxy.task_ids())


@pytest.fixture
def review(workspace: Workspace) -> ReviewStore:
    return ReviewStore(workspace.store)


@pytest.fixture
def counting(review: ReviewStore) -> CountingStore:
    return CountingStore(review)


@pytest.fixture
def panel(qtbot: QtBot, counting: CountingStore) -> TaskListPanel:
    widget = TaskListPanel(counting)
    qtbot.addWidget(widget)
    widget.resize(520, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- the model ---------------------------------------------------------------------------


def test_model_passes_the_model_tester(qtmodeltester, review: ReviewStore) -> None:  # type: ignore[no-untyped-def]
    model = TaskTableModel(review)
    qtmodeltester.check(model)
    review.skip("three", "not my field")
    model.refresh_task("three")
    model.reload()
    qtmodeltester.check(model)


def test_proxy_passes_the_model_tester_with_filters(
    qtmodeltester, workspace: Workspace, review: ReviewStore
) -> None:  # type: ignore[no-untyped-def]
    proxy = TaskFilterProxy(TaskTableModel(review))
    qtmodeltester.check(proxy)
    proxy.set_statuses({TaskStatus.NEW})
    proxy.set_search("it logs")
    qtmodeltester.check(proxy)
    assert shown_ids(proxy) == ["pair"]
    workspace.record("pair", {"preference": {"better": None}})
    proxy.task_model().refresh_task("pair")  # the row leaves the "new" filter
    assert shown_ids(proxy) == []
    qtmodeltester.check(proxy)
    proxy.set_statuses(None)
    proxy.set_search("")
    qtmodeltester.check(proxy)
    assert shown_ids(proxy) == ["pair", "three", "chat"]


def test_rows_and_roles(review: ReviewStore, qapp: object) -> None:
    review.add_time("pair", 75.4)
    model = TaskTableModel(review)
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "#",
        "Status",
        "Prompt",
        "Time",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert texts(model, COL_NUMBER) == ["1", "2", "3"]
    assert texts(model, COL_STATUS) == ["• new"] * 3
    assert texts(model, COL_PROMPT) == [
        f"Explain WAL mode. {MARKER}-prompt",
        "Sort these numbers.",
        "What is 2+2?",
    ]
    assert texts(model, COL_TIME) == ["01:15", "–", "–"]

    first = model.index(0, COL_PROMPT)
    assert html.escape(first.data(DISPLAY)) in first.data(TOOLTIP)
    for column in range(4):
        index = model.index(1, column)
        assert index.data(TaskIdRole) == "three"
        assert index.data(StatusRole) == "new"
        assert index.data(ACCESSIBLE)
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, COL_TIME).data(ACCESSIBLE) == "1 minute 15 seconds spent"
    assert model.index(1, COL_TIME).data(ACCESSIBLE) == "no time spent"
    assert model.index(1, COL_STATUS).data(ACCESSIBLE) == "status new"
    assert model.index(1, COL_NUMBER).data(ACCESSIBLE) == "task 2"
    assert model.index(1, COL_PROMPT).data(ACCESSIBLE) == "Sort these numbers."
    assert model.index(3, 0).data(DISPLAY) is None  # out of range: invalid index

    assert model.row_of("chat") == 2 and model.row_of("nope") == -1
    assert model.task_id_at(2) == "chat"
    with pytest.raises(IndexError):
        model.task_id_at(3)


def test_every_status_is_shown_with_a_symbol_and_a_word(
    review: ReviewStore, workspace: Workspace, qapp: object
) -> None:
    workspace.record("pair", {"preference": {"better": None}})
    review.skip("three", "")
    review.edit("chat", {"preference": {"better": "a"}})
    model = TaskTableModel(review)
    assert texts(model, COL_STATUS) == ["✓ done", "↷ skipped", "✎ draft"]
    assert set(STATUS_LABELS.values()) == {"• new", "✎ draft", "✓ done", "↷ skipped", "⚑ flagged"}
    # Colour repeats the word: done, skipped and draft each get their own.
    colours = {model.index(r, COL_STATUS).data(FOREGROUND).name() for r in range(3)}
    assert len(colours) == 3


def test_tooltips_never_read_task_text_as_markup(qapp: object) -> None:
    hostile = TaskRow("x", 0, TaskStatus.NEW, '<img src="file:///etc/passwd"> & <b>bold</b>', 0.0)
    model = TaskTableModel(FakeRows([hostile]))
    tip = model.index(0, COL_PROMPT).data(TOOLTIP)
    assert "<img" not in tip and "<b>" not in tip
    assert html.escape(hostile.preview) in tip


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "–"),
        (0.4, "–"),
        (1, "00:01"),
        (59.6, "01:00"),
        (605, "10:05"),
        (3599, "59:59"),
        (3723, "1:02:03"),
    ],
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_refresh_task_after_a_skip_changes_only_that_row(
    qtbot: QtBot, review: ReviewStore, counting: CountingStore
) -> None:
    model = TaskTableModel(counting)
    row = model.row_of("three")

    def only_that_row(top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> bool:
        return (top_left.row(), bottom_right.row(), top_left.column(), bottom_right.column()) == (
            row,
            row,
            0,
            3,
        )

    review.skip("three", "not my field")
    with qtbot.wait_signal(model.dataChanged, check_params_cb=only_that_row, timeout=1000):
        model.refresh_task("three")
    assert model.index(row, COL_STATUS).data(DISPLAY) == "↷ skipped"
    assert model.index(row, COL_STATUS).data(StatusRole) == "skipped"
    assert texts(model, COL_STATUS) == ["• new", "↷ skipped", "• new"]
    assert counting.calls == Counter(task_list=1, task_row=1)


def test_refresh_task_after_recording_an_answer(
    qtbot: QtBot, workspace: Workspace, review: ReviewStore
) -> None:
    model = TaskTableModel(review)
    workspace.record("pair", {"preference": {"better": None}}, time_spent_s=42)
    with qtbot.wait_signal(
        model.dataChanged,
        check_params_cb=lambda tl, br, *_: tl.row() == br.row() == 0,
        timeout=1000,
    ):
        model.refresh_task("pair")
    assert model.index(0, COL_STATUS).data(DISPLAY) == "✓ done"
    assert model.index(0, COL_TIME).data(DISPLAY) == "00:42"
    assert model.progress() == (1, 3)
    with qtbot.assert_not_emitted(model.dataChanged):
        model.refresh_task("pair")  # nothing changed: no signal


def test_reload_reads_every_row_again(
    qtbot: QtBot, workspace: Workspace, review: ReviewStore
) -> None:
    from tests.helpers import sample_tasks

    model = TaskTableModel(review)
    assert model.row_of("pair") == 0
    more = [t.__class__(f"{t.id}-2", t.conversation, t.responses) for t in sample_tasks()]
    workspace.load_tasks(more)
    with qtbot.wait_signal(model.modelReset, timeout=1000):
        model.reload()
    assert model.rowCount() == 6 and model.row_of("chat-2") == 5
    # refresh_task of a task the model has never seen reloads too.
    workspace.load_tasks([more[0].__class__("late", more[0].conversation, more[0].responses)])
    with qtbot.wait_signal(model.modelReset, timeout=1000):
        model.refresh_task("late")
    assert model.task_id_at(6) == "late"


def test_progress_counts_done_and_flagged_as_answered(
    workspace: Workspace, review: ReviewStore, qapp: object
) -> None:
    model = TaskTableModel(review)
    assert model.progress() == (0, 3)
    workspace.record("pair", {"preference": {"better": None}})
    workspace.record(
        "three",
        {
            "ranking": [["x"], ["y", "z"]],
            "flags": {"y": ["unsafe"]},
            "rationale": "y suggests unsafe steps.",
        },
    )
    review.edit("chat", {"preference": {"better": "a"}})
    model.reload()
    assert texts(model, COL_STATUS) == ["✓ done", "⚑ flagged", "✎ draft"]
    assert model.progress() == (2, 3)
    review.skip("chat", "")
    model.refresh_task("chat")
    assert model.progress() == (2, 3)  # skipped is not answered


# --- the filter proxy --------------------------------------------------------------------


def test_search_finds_text_only_in_a_response_case_insensitively(
    review: ReviewStore, counting: CountingStore, qapp: object
) -> None:
    proxy = TaskFilterProxy(TaskTableModel(counting))
    assert "logs" not in " ".join(texts(proxy, COL_PROMPT)).lower()
    proxy.set_search("IT LOGS writes")
    assert shown_ids(proxy) == ["pair"]
    assert proxy.is_filtered() and proxy.search_query() == "it logs writes"
    proxy.set_search("3 2 1")
    assert shown_ids(proxy) == ["three"]
    proxy.set_search("hello!")  # an earlier turn of the conversation
    assert shown_ids(proxy) == ["chat"]
    proxy.set_search("no such text anywhere")
    assert shown_ids(proxy) == []
    proxy.set_search("   ")
    assert shown_ids(proxy) == ["pair", "three", "chat"] and not proxy.is_filtered()
    assert counting.calls["search"] == 4
    # Each query runs once: again, in another case or with spaces, it comes from the cache.
    proxy.set_search("Hello!")
    proxy.set_search("  it logs WRITES ")
    assert shown_ids(proxy) == ["pair"]
    assert counting.calls["search"] == 4


def test_status_filters(workspace: Workspace, review: ReviewStore, qapp: object) -> None:
    workspace.record("pair", {"preference": {"better": None}})
    review.skip("three", "")
    proxy = TaskFilterProxy(TaskTableModel(review))
    cases = {
        TaskStatus.DONE: ["pair"],
        TaskStatus.SKIPPED: ["three"],
        TaskStatus.NEW: ["chat"],
        TaskStatus.DRAFT: [],
        TaskStatus.FLAGGED: [],
    }
    for status, expected in cases.items():
        proxy.set_statuses({status})
        assert shown_ids(proxy) == expected, status
        assert proxy.statuses() == {status}
    proxy.set_statuses({TaskStatus.NEW, TaskStatus.SKIPPED})
    assert shown_ids(proxy) == ["three", "chat"]
    proxy.set_search("sort")  # both filters apply together
    assert shown_ids(proxy) == ["three"]
    proxy.set_statuses(None)
    proxy.set_search("")
    assert shown_ids(proxy) == ["pair", "three", "chat"]


def test_next_and_previous_follow_what_is_shown(review: ReviewStore, qapp: object) -> None:
    proxy = TaskFilterProxy(TaskTableModel(review))
    assert proxy.next_task_id("pair") == "three"
    assert proxy.previous_task_id("three") == "pair"
    assert proxy.next_task_id("chat") is None and proxy.previous_task_id("pair") is None
    review.skip("three", "")
    proxy.task_model().refresh_task("three")
    proxy.set_statuses({TaskStatus.NEW})
    assert shown_ids(proxy) == ["pair", "chat"]
    assert proxy.next_task_id("pair") == "chat"
    assert proxy.previous_task_id("chat") == "pair"
    # From a task the filter hides (the one just skipped): its shown neighbours.
    assert proxy.next_task_id("three") == "chat"
    assert proxy.previous_task_id("three") == "pair"
    proxy.set_search("wal mode")
    assert proxy.next_task_id("pair") is None and proxy.previous_task_id("chat") == "pair"
    assert proxy.next_task_id("unknown") is None and proxy.previous_task_id("unknown") is None


# --- the panel ---------------------------------------------------------------------------


def test_panel_view_setup_and_accessible_names(panel: TaskListPanel) -> None:
    view = panel.view
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert view.alternatingRowColors()
    header = view.horizontalHeader()
    assert header.sectionResizeMode(COL_PROMPT) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(COL_PROMPT) > 2 * max(
        header.sectionSize(c) for c in (COL_NUMBER, COL_STATUS, COL_TIME)
    )
    metrics = view.fontMetrics()
    for label in STATUS_LABELS.values():  # the status column fits every label
        assert metrics.horizontalAdvance(label) < header.sectionSize(COL_STATUS)
    assert view.verticalHeader().defaultSectionSize() >= metrics.height() + 4
    assert (
        view.accessibleName()
        and panel.search_field.accessibleName()
        and panel.status_filter.accessibleName()
    )
    assert panel.search_field.placeholderText() == "Search prompts and responses (Ctrl+F)"
    assert panel.search_field.isClearButtonEnabled()
    assert panel.count_label.text() == "3 tasks"


def test_down_arrow_activates_the_next_task(qtbot: QtBot, panel: TaskListPanel) -> None:
    with qtbot.assert_not_emitted(panel.taskActivated):
        assert panel.select_task("pair")  # quiet: the window opened it already
    assert panel.view.currentIndex().row() == 0
    panel.view.setFocus()
    with qtbot.wait_signal(panel.taskActivated, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert blocker.args == ["three"]
    assert panel.current_task_id() == "three"
    with qtbot.wait_signal(panel.taskActivated, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert blocker.args == ["pair"]


def test_clicking_a_row_activates_its_task_once(qtbot: QtBot, panel: TaskListPanel) -> None:
    activated: list[str] = []
    panel.taskActivated.connect(activated.append)
    rect = panel.view.visualRect(panel.proxy.index(2, COL_PROMPT))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated == ["chat"]


def test_select_task_emits_at_most_once_when_asked(qtbot: QtBot, panel: TaskListPanel) -> None:
    activated: list[str] = []
    panel.taskActivated.connect(activated.append)
    assert panel.select_task("three", notify=True)
    assert panel.select_task("three", notify=True)  # already open: nothing more
    panel.select_task("chat")
    assert activated == ["three"]
    assert panel.view.selectionModel().selectedRows()[0].row() == 2


def test_filters_never_activate_another_task(
    qtbot: QtBot, panel: TaskListPanel, workspace: Workspace
) -> None:
    panel.select_task("three")
    with qtbot.assert_not_emitted(panel.taskActivated):
        panel.set_status_filter({TaskStatus.DONE})  # hides every row, the open one too
        assert not panel.view.currentIndex().isValid()
        assert panel.count_label.text() == "0 of 3 shown"
        panel.set_status_filter(None)  # it shows again, and is selected again
        assert panel.view.currentIndex().row() == 1
        # Answering the open task under "To do" hides its row; no neighbour is opened.
        panel.set_status_filter({TaskStatus.NEW, TaskStatus.DRAFT})
        workspace.record("three", {"ranking": [["x"], ["y", "z"]]})
        panel.refresh_task("three")
        assert shown_ids(panel.proxy) == ["pair", "chat"]
        assert not panel.view.selectionModel().hasSelection()
    assert panel.current_task_id() == "three"
    assert panel.next_task_id("three") == "chat" and panel.previous_task_id("three") == "pair"
    assert panel.count_label.text() == "2 of 3 shown"


def test_search_waits_for_a_pause_in_typing(
    qtbot: QtBot, panel: TaskListPanel, counting: CountingStore
) -> None:
    qtbot.keyClicks(panel.search_field, "it logs")
    assert panel.proxy.rowCount() == 3 and counting.calls["search"] == 0  # not per keystroke
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=2000)
    assert counting.calls["search"] == 1
    assert panel.count_label.text() == "1 of 3 shown"
    # Enter searches at once; Escape clears the search, then goes back to the list.
    panel.search_field.clear()
    assert panel.proxy.rowCount() == 3
    qtbot.keyClicks(panel.search_field, "sort these")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    assert shown_ids(panel.proxy) == ["three"]
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)
    assert panel.search_field.text() == "" and panel.proxy.rowCount() == 3
    assert panel.count_label.text() == "3 tasks"


def test_search_and_status_filter_from_the_widgets(
    qtbot: QtBot, panel: TaskListPanel, review: ReviewStore
) -> None:
    review.skip("chat", "")
    panel.refresh_task("chat")
    combo = panel.status_filter
    combo.setCurrentIndex(combo.findText(STATUS_LABELS[TaskStatus.SKIPPED]))
    assert shown_ids(panel.proxy) == ["chat"]
    combo.setCurrentIndex(combo.findText("To do (new or draft)"))
    assert shown_ids(panel.proxy) == ["pair", "three"]
    panel.set_search(f"{MARKER}-RESPONSE")  # only in a response of "pair"
    assert shown_ids(panel.proxy) == ["pair"]
    panel.set_search("nothing matches this")
    assert panel.proxy.rowCount() == 0 and "No tasks match" in panel._empty.text()
    assert panel.count_label.text() == "0 of 3 shown"
    with pytest.raises(ValueError, match="no status filter"):
        panel.set_status_filter({TaskStatus.DONE, TaskStatus.SKIPPED})


def test_focus_search(qtbot: QtBot, panel: TaskListPanel) -> None:
    panel.set_search("abc")
    panel.view.setFocus()
    panel.focus_search()
    qtbot.waitUntil(panel.search_field.hasFocus, timeout=1000)
    assert panel.search_field.selectedText() == "abc"


def test_ten_thousand_rows_take_one_query_and_read_only_the_previews_shown(
    qtbot: QtBot,
) -> None:
    rows = synthetic_rows(10_000)
    store = CountingStore(FakeRows(rows))
    panel = TaskListPanel(store)
    qtbot.addWidget(panel)
    panel.resize(600, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab()  # paints the visible rows
    model, view = panel.model, panel.view
    assert model.rowCount() == 10_000
    # Only the previews in view (and a few after them) were read, in one call.
    assert store.calls == Counter(task_list=1, task_previews=1)
    assert model.task_row_at(9_999) == rows[9_999]
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    assert 0 <= first < last < 100
    for row in range(first, last + 1):
        for column in range(4):
            for role in ALL_ROLES:
                model.index(row, column).data(role)
    assert model.row_of("t09999") == 9_999 and model.progress() == (4_000, 10_000)
    panel.set_status_filter({TaskStatus.FLAGGED})
    assert panel.proxy.rowCount() == 2_000
    assert panel.next_task_id("t00004") == "t00009" and panel.previous_task_id("t00010") == "t00009"
    panel.set_search("topic 3")
    panel.set_search("TOPIC 3 ")
    assert panel.count_label.text() == "286 of 10,000 shown"
    panel.select_task("t09999")
    assert panel.view.currentIndex().isValid()
    assert store.calls["task_list"] == 1 and store.calls["search"] == 1
    # The previews of the rows shown since, read with the rows shown after them, and no
    # more of them than kept.
    assert store.calls["task_previews"] <= 6
    assert len(model._previews) <= PREVIEWS_KEPT


def test_a_failed_search_says_so_and_keeps_the_filter(
    qtbot: QtBot, panel: TaskListPanel, counting: CountingStore
) -> None:
    from docket.errors import WorkspaceError

    class Broken:
        def search_keys(self, query: str) -> set[int]:
            raise WorkspaceError("The workspace database is closed.", hint="Open it again.")

    panel.set_search("sort")
    counting.inner = Broken()
    with qtbot.wait_signal(panel.searchFailed, timeout=1000) as blocker:
        panel.set_search("wal")
    assert blocker.args == ["The workspace database is closed.\nOpen it again."]
    assert panel.count_label.text() == "Search failed" and "closed" in panel.count_label.toolTip()
    assert shown_ids(panel.proxy) == ["three"]


def test_the_search_cache_keeps_recent_queries_within_a_number_of_tasks_found() -> None:
    asked: list[str] = []

    def search(query: str) -> set[int]:
        asked.append(query)
        return set(range(len(query) * 10))

    cache = SearchCache(search, size=3, max_hits=100)
    assert cache(" AB ") == frozenset(range(20)) and cache("ab") == frozenset(range(20))
    cache("abcd")  # 40 found, 60 held
    cache("abcde")  # 50 found: 110 held, over the bound: "ab" (the oldest) goes
    assert asked == ["ab", "abcd", "abcde"]
    cache("ab")
    assert asked[-1] == "ab"
    cache("x" * 20)  # 200 found on its own: kept alone, the last one asked
    assert cache("x" * 20) == frozenset(range(200)) and asked.count("x" * 20) == 1
    cache("abcd")
    assert asked[-1] == "abcd"


def test_a_filtered_list_reads_the_previews_of_the_rows_it_shows(qtbot: QtBot) -> None:
    rows = synthetic_rows(5_000)
    asked: list[int] = []

    class Recording(FakeRows):
        def task_previews(self, positions: Sequence[int]) -> dict[int, str]:
            asked.extend(positions)
            return super().task_previews(positions)

    panel = TaskListPanel(Recording(rows))
    qtbot.addWidget(panel)
    panel.resize(600, 800)
    panel.set_status_filter({TaskStatus.FLAGGED})  # every fifth row
    panel.show()
    qtbot.waitExposed(panel)
    asked.clear()
    panel.view.scrollTo(panel.proxy.index(500, 0))
    panel.grab()
    assert asked and all(rows[key].status is TaskStatus.FLAGGED for key in asked)
    assert len(asked) <= 2 * PREVIEW_BATCH  # the rows in view and those shown after them
    shown = panel.view.rowAt(0)
    assert panel.proxy.index(shown, COL_PROMPT).data(DISPLAY) == rows[shown * 5 + 4].preview
