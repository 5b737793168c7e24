"""The task list of a 20,000-task workspace: the status filter and the search show exactly
the right rows, in bundle order (not timed: tests/benchmarks/bench_task_list.py times
them at 100,000 tasks)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from pytestqt.qtbot import QtBot

from docket import Workspace
from docket.bundles import keys
from docket.core import Response, Role, Task, TaskStatus, Turn
from docket.core.text_fold import fold
from docket.ui.task_list import TaskListPanel

TASKS = 20_000
WORDS = ["échographie", "Müller", "blood pressure", "ｶﾞｲﾄﾞﾗｲﾝ", "straße", "Ω-3"]


def _tasks() -> list[Task]:
    return [
        Task(
            f"t{i:05d}",
            (Turn(Role.USER, f"Question {i}: {WORDS[i % 6] if i % 13 == 0 else 'plain'}?"),),
            (
                Response("a", f"Answer {i}." + (" Dr MÜLLER said so." if i % 97 == 0 else "")),
                Response("b", "Nothing to add." if i % 2 else "See the ECHOGRAPHIE."),
            ),
        )
        for i in range(TASKS)
    ]


def _expected(tasks: list[Task], query: str) -> list[str]:
    needle = fold(query)
    return [
        t.id
        for t in tasks
        if any(needle in fold(x) for x in [t.prompt, *(r.text for r in t.responses)])
    ]


@pytest.mark.slow
def test_filter_and_search_return_the_right_rows(
    qtbot: QtBot, qtmodeltester, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    key, _ = keys.write_key_pair(keys.generate("r"), tmp_path / "keys", passphrase=None)
    tasks = _tasks()
    with Workspace.open(tmp_path / "ws", key) as ws:
        ws.load_tasks(tasks)
        skipped = [t.id for t in tasks[::250]]
        for task_id in skipped:
            ws.skip(task_id, "not my field")
        panel = TaskListPanel(ws)
        qtbot.addWidget(panel)
        proxy = panel.proxy
        assert proxy.rowCount() == TASKS

        panel.set_status_filter({TaskStatus.SKIPPED})
        assert list(proxy.task_ids()) == skipped
        panel.set_status_filter({TaskStatus.NEW, TaskStatus.DRAFT})
        assert proxy.rowCount() == TASKS - len(skipped)
        assert proxy.next_task_id(skipped[1]) == f"t{250 + 1:05d}"
        panel.set_status_filter(None)

        for query in (
            "muller",
            "ÉCHOGRAPHIE",
            "カイドライン",
            "strasse",
            "Ω-3",
            "d M",
            "er 19999.",
        ):
            panel.set_search(query)
            assert list(proxy.task_ids()) == _expected(tasks, query), query
        panel.set_search("muller")
        panel.set_status_filter({TaskStatus.SKIPPED})  # both together
        hits = set(_expected(tasks, "muller"))
        assert list(proxy.task_ids()) == [t for t in skipped if t in hits]
        qtmodeltester.check(proxy)
        panel.set_search("")
        panel.set_status_filter(None)
        assert proxy.rowCount() == TASKS
