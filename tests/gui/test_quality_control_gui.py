"""Quality control in the review window, by keyboard alone: the gentle notice after an
answer submitted under the form's ``min_seconds`` (saved all the same, no focus taken,
gone with the next move), and a calibration round (a banner in words; after each submit
the expected answer beside the reviewer's own, and the explanation; the answer final).

``DOCKET_SCREENSHOT=docs/calibration.png`` saves the calibration round (and a ``-dark``
twin) for the README.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.server.pack import pack
from docket.settings import Settings
from docket.ui.main_window import MainWindow
from docket.ui.review_controller import ActiveClock
from tests.gui.keyboard import focused
from tests.gui.screenshots import screenshot_target
from tests.reference_data import alpaca_eval

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"]
FORM = {
    "version": 1,
    "min_seconds": 20,
    "questions": [
        {"type": "preference", "id": "preference", "label": "Which response is better?"},
        {"type": "likert", "id": "likert", "label": "Rate each response",
         "dimensions": ["correctness"], "required": False},
        {"type": "text", "id": "rationale", "label": "Rationale"},
    ],
}  # fmt: skip
EXPLANATION = (
    "The expected answer prefers the response that follows the instruction as asked: it "
    "answers the question directly and its facts check out.\n\nThe other response is "
    "fluent but pads the answer and states a rule that does not exist."
)


def _rows(gold: bool) -> list[dict[str, Any]]:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    rows = []
    for i in (2, 5, 9):
        row: dict[str, Any] = {
            "id": f"{'cal' if gold else 'task'}-{i}",
            "prompt": outputs[MODELS[0]][i]["instruction"],
            "responses": [
                {"id": f"m{j}", "model": m, "text": outputs[m][i]["output"]}
                for j, m in enumerate(MODELS)
            ],
        }
        if gold:
            row["gold"] = {
                "preference": {"better": "m0", "strength": "strong"},
                "likert": {"m0": {"correctness": 5}, "m1": {"correctness": 2}},
            }
            row["explanation"] = EXPLANATION
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("qc")
    k = tmp / "keys"
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), k, passphrase=None)
    server = keys.load_secret_key(k / "server.key")
    from docket.core.schema import Schema

    form = Schema.from_json(FORM)
    card = PublicCard.load(k / "ann.pub")
    out = {}
    for kind in ("tasks", "gold"):
        path = tmp / f"{kind}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in _rows(kind == "gold")))
        calibration = kind == "gold"
        packed = pack(
            None if calibration else path,
            server=server,
            reviewers=[card],
            out_dir=tmp / kind,
            gold_path=path if calibration else None,
            schema=form,
            project="qc",
            calibration=calibration,
        )
        out[kind] = packed.bundles[0].path
    return {"tmp": tmp, "key": k / "ann.key", "server_card": k / "server.pub", **out}


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def open_window(qtbot: Any, setup: dict[str, Any], bundle: str, name: str, theme: str = "light"):  # type: ignore[no-untyped-def]
    ws = Workspace.open(setup["tmp"] / name, setup["key"])
    ws.import_bundle(setup[bundle], setup["server_card"])
    settings = Settings(server_card=str(setup["server_card"]), theme=theme)
    window = MainWindow(ws, setup["key"], settings, restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.controller.task is not None and window.isActiveWindow())
    return window, ws


def key(
    qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = focused(qtbot)
    qtbot.keyClick(widget, k, modifier)


CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_fast_answer_is_saved_with_a_gentle_notice_that_goes_with_the_next_move(
    qtbot: Any, bundles: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    window, ws = open_window(qtbot, bundles, "tasks", "ws-fast")
    clock = FakeTime()
    window.controller.clock = ActiveClock(now=clock)
    assert not window.calibration_banner.isVisible() and not window.reveal.isVisible()
    first = window.controller.task.id
    window.task_list.view.setFocus()
    clock.now += 4  # four seconds of reading, then A is much better, submitted
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer(first) is not None)
    second = window.controller.task.id
    assert second != first  # the submit was not held up
    notice = window.fast_notice
    assert notice.isVisible()
    assert "Answered quickly" in notice.text() and "after 4 s" in notice.text()
    assert "at least 20 s" in notice.text() and "saved" in notice.text()
    assert notice.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert QApplication.focusWidget() is not notice  # focus stays with the reviewer's place
    # A slow answer: no notice; and the notice of the fast one went with the move.
    clock.now += 45
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer(second) is not None)
    assert window.controller.task.id not in (first, second)
    assert not notice.isVisible()
    saved = ws.answer(first)
    assert saved is not None and saved.answers["preference"]["strength"] == "strong"
    window.close()
    ws.close()


def _expected_better_label(window: MainWindow) -> str:
    c = window.controller
    assert c.calibration is not None and c.order is not None
    return c.order.label_of(c.calibration.answers["preference"]["better"])


def test_a_calibration_round_by_keyboard_reveals_the_expected_answer_after_each_submit(
    qtbot: Any, bundles: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    window, ws = open_window(qtbot, bundles, "gold", "ws-cal")
    clock = FakeTime()
    window.controller.clock = ActiveClock(now=clock)
    banner = window.calibration_banner
    assert banner.isVisible() and "Calibration round" in banner.text()
    assert "never toward the dataset" in banner.text()
    assert not window.reveal.isVisible()
    first = window.controller.task.id
    expected = _expected_better_label(window)
    window.task_list.view.setFocus()
    clock.now += 30
    key(qtbot, Qt.Key.Key_1)  # Response A much better
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer(first) is not None)
    # Still on the task: the expected answer beside the reviewer's, and why.
    assert window.controller.task.id == first
    qtbot.waitUntil(window.reveal.isVisible)
    text = window.reveal.text()
    assert "Yours" in text and "Expected" in text
    assert "Response A is better (strong)" in text  # the reviewer's own answer
    assert f"Response {expected} is better (strong)" in text
    assert ("✓ Matches" if expected == "A" else "✗ Differs") in text
    assert "correctness (1–5)" in text and "Why" in text and "does not exist" in text
    assert not window.fast_notice.isVisible()  # 30 s: not too fast
    assert "expected answer is shown" in window.statusBar().currentMessage()
    # The answer is final: the form is read-only and a key changes nothing.
    assert not window.answer_panel.isEnabled()
    window.task_list.view.setFocus()
    key(qtbot, Qt.Key.Key_5)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # nor does undo, a draft or a skip
    key(qtbot, Qt.Key.Key_S, CTRL)
    key(qtbot, Qt.Key.Key_S)
    assert "final" in window.statusBar().currentMessage()
    window.controller.flush()
    assert ws.task_row(first).status.value == "done"  # not skipped
    saved = ws.answer(first)
    assert saved is not None and saved.revision == 1
    assert saved.answers["preference"] == {"better": window.controller.order.order[0],
                                           "strength": "strong"}  # fmt: skip
    # Ctrl+Enter again: the next task, its form open, no reveal; a fast answer there
    # gets the notice on the task itself (the window stays to reveal).
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.controller.task.id != first)
    assert not window.reveal.isVisible() and window.answer_panel.isEnabled()
    assert banner.isVisible()
    second = window.controller.task.id
    window.task_list.view.setFocus()
    clock.now += 3
    key(qtbot, Qt.Key.Key_5)  # Response B much better
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ws.answer(second) is not None and window.reveal.isVisible())
    assert "This answer was submitted after 3 s" in window.fast_notice.text()
    assert window.fast_notice.isVisible()
    # Back to the first (K): its reveal is shown again, its form still final.
    key(qtbot, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: window.controller.task.id == first)
    assert window.reveal.isVisible() and not window.answer_panel.isEnabled()
    assert not window.fast_notice.isVisible()
    window.close()
    ws.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_calibration_screenshot(
    qtbot: Any, bundles: dict[str, Any], theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's picture of a calibration round (a manual run with DOCKET_SCREENSHOT);
    in an ordinary run, the reveal fits the column without a horizontal scroll bar."""
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    shot = screenshot_target()
    window, ws = open_window(qtbot, bundles, "gold", f"ws-shot-{theme}", theme)
    window.splitter.setSizes([860, 640])
    clock = FakeTime()
    window.controller.clock = ActiveClock(now=clock)
    clock.now += 95
    c = window.controller
    assert c.task is not None
    m0 = c.calibration.answers["preference"]["better"] if c.calibration else ""
    m1 = next(r for r in c.task.response_ids if r != m0)
    c.edit({
        "preference": {"better": m1, "strength": "slight"},
        "likert": {m0: {"correctness": 4}, m1: {"correctness": 4}},
        "rationale": "B reads better and covers more ground.",
    })  # fmt: skip
    window.answer_panel.set_answers(c.answers())
    window.submit_and_next()
    qtbot.waitUntil(window.reveal.isVisible)
    QApplication.processEvents()
    assert not window.reveal.browser.horizontalScrollBar().isVisible()
    assert (
        "✗ Differs" in window.reveal.text() and "✗ 1 of 2 within one point" in window.reveal.text()
    )
    if shot:
        path = shot if theme == "light" else shot.with_name(f"{shot.stem}-dark{shot.suffix}")
        window.grab().save(str(path))
    window.close()
    ws.close()


def test_a_workspace_with_tasks_and_a_calibration_round_exports_the_open_task_s_bundle(
    qtbot: Any, bundles: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from docket.server.verify import verify_results

    asked: list[str] = []
    out = bundles["tmp"] / "both.result"
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    monkeypatch.setattr(
        QMessageBox, "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window, ws = open_window(qtbot, bundles, "tasks", "ws-both")
    ws.import_bundle(bundles["gold"], bundles["server_card"])
    window.task_list.reload()
    assert window.open_task("cal-5")
    assert window.calibration_banner.isVisible()
    c = window.controller
    assert c.task is not None
    c.edit({"preference": {"better": c.task.response_ids[0], "strength": "slight"}})
    window.submit_and_next()
    window.export_dialog()
    assert "exports the calibration round of the open task" in asked[0]
    server = keys.load_secret_key(bundles["tmp"] / "keys" / "server.key")
    verdict = verify_results([out], server, [PublicCard.load(bundles["tmp"] / "keys" / "ann.pub")])[
        0
    ]
    assert verdict.ok and verdict.result is not None
    assert verdict.result.task_manifest.type == "calibration-task"
    assert [r["task_id"] for r in verdict.result.answers] == ["cal-5"]
    window.close()
    ws.close()
