"""Formulas typeset ahead of the reviewer and kept in the encrypted workspace."""

from __future__ import annotations

from pathlib import Path

from docket import Workspace
from docket.bundles import keys
from docket.core import Response, Role, Task, Turn
from docket.render.typeset import Formula, NotTypeset, formula_key
from tests.helpers import MARKER


def _task(task_id: str, *texts: str) -> Task:
    return Task(
        task_id,
        (Turn(Role.USER, f"Solve $x^2 = {task_id}$ please {MARKER}"),),
        tuple(Response(f"r{i}", t) for i, t in enumerate(texts)),
    )


def test_formulas_are_typeset_once_cached_and_looked_up(tmp_path: Path) -> None:
    key = keys.generate("ann")
    keys.write_key_pair(key, tmp_path, passphrase=None)
    with Workspace.open(tmp_path / "ws", tmp_path / "ann.key") as ws:
        ws.load_tasks(
            [
                _task("1", r"$$x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$$", r"It is \(\foo\)."),
                _task("2", "No math, $5 and $10.", r"Again $$x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$$"),
            ],
            guidelines=r"Check units: \(\mathrm{mg/kg}\).",
        )  # fmt: skip
        assert ws.formulas_pending() == 2
        seen: list[tuple[int, int]] = []
        count = ws.typeset_formulas(
            progress=lambda done, total: seen.append((done, total)), batch=1
        )
        assert seen == [(1, 2), (2, 2)]
        # x^2 = 1, x^2 = 2, the quadratic displayed and (after "Again") inline, \foo, and
        # the guidelines' unit, once although both tasks show the guidelines.
        assert count == 6 and ws.formulas_pending() == 0
        quadratic = formula_key(r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", True)
        found = ws.formulas([quadratic, formula_key(r"\foo", False), "absent"])
        assert isinstance(found[quadratic], Formula) and "absent" not in found
        assert isinstance(found[formula_key(r"\foo", False)], NotTypeset)
        assert ws.typeset_formulas() == 0  # nothing left to do
    with Workspace.open(tmp_path / "ws", tmp_path / "ann.key") as again:
        assert isinstance(again.formulas([quadratic])[quadratic], Formula)


def test_stopping_keeps_what_was_done_and_the_rest_follows_later(tmp_path: Path) -> None:
    key = keys.generate("ann")
    keys.write_key_pair(key, tmp_path, passphrase=None)
    with Workspace.open(tmp_path / "ws", tmp_path / "ann.key") as ws:
        ws.load_tasks([_task(str(i), "a", "b") for i in range(5)])
        batches: list[int] = []
        ws.typeset_formulas(
            batch=2, should_stop=lambda: bool(batches), progress=lambda d, t: batches.append(d)
        )
        assert batches == [2] and ws.formulas_pending() == 3
        assert ws.typeset_formulas(batch=2) == 3 and ws.formulas_pending() == 0
