"""The adjudication view's reviews panel on a rubric task: each reviewer's grades summed up
per response, and the criteria they split on listed one by one in words ("Response A ·
criterion “…” (+8): met (alice), not met (bob)"), penalties said as such, with the
reviewers' notes. The review comes from a real adjudication bundle (pack, workspaces,
merge, adjudication pack, the lead's import).

``DOCKET_SCREENSHOT=path.png`` saves the panel in the light and dark themes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtWidgets import QApplication

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.render.theme import DARK, LIGHT
from docket.server.adjudication import pack_adjudication
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.ui.palette import palette_for
from docket.ui.reviews_panel import ReviewsPanel

CRITERIA = [
    {"id": "er", "text": "Tells the parent to go to the emergency department if the child is hard to wake.", "points": 8},
    {"id": "dose", "text": "Gives the paracetamol dose by weight.", "points": 5},
    {"id": "aspirin", "text": "Recommends aspirin for the child.", "points": -9},
    {"id": "fluids", "text": "Explains how to keep the child drinking.", "points": 3},
]  # fmt: skip
# The reviewers agree on "dose" and "fluids"; they split on "er" (met / not met) and, for
# one response, on "aspirin" (not met / not applicable).
GRADES = {
    "alice": {"er": True, "dose": True, "aspirin": False, "fluids": False},
    "bob": {"er": False, "dose": True, "aspirin": None, "fluids": False},
}
NOTES = {"alice": {"er": "Second paragraph says so."}, "bob": {"er": "Only for a seizure."}}


def _review(tmp: Path) -> tuple[dict[str, Any], Any]:
    for name in ("server", "lead", *GRADES):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    (tmp / "t.jsonl").write_text(json.dumps({
        "id": "fever", "prompt": "My 3-year-old has a fever of 39.5 and is very sleepy.",
        "criteria": CRITERIA,
        "responses": [{"id": "x", "text": "Go to the emergency department now."},
                      {"id": "y", "text": "Give paracetamol, 15 mg/kg."}]}) + "\n")  # fmt: skip
    cards = [PublicCard.load(tmp / "keys" / f"{n}.pub") for n in GRADES]
    packed = pack(tmp / "t.jsonl", server=server, reviewers=cards, out_dir=tmp / "b", overlap=2)
    results = []
    for name, bundle in zip(GRADES, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            first, second = sorted(ws.task("fever").response_ids)
            rubric: dict[str, Any] = {}
            for rid in (first, second):
                rubric[rid] = {}
                for cid, met in GRADES[name].items():
                    if cid == "aspirin" and rid == second:
                        met = False  # both agree on the second response
                    entry: dict[str, Any] = {"met": met}
                    if rid == first and cid in NOTES[name]:
                        entry["note"] = NOTES[name][cid]
                    rubric[rid][cid] = entry
            ws.record("fever", {"rubric": rubric})
            results.append(ws.export_results(tmp / f"{name}.result").path)
    with MergedStore.open(tmp / "m.db", server) as store:
        import_task_archive(store, server, packed.archive)
        merge_results(results, server=server, cards=cards, store=store)
        adj = pack_adjudication(
            store, server=server, lead=PublicCard.load(tmp / "keys" / "lead.pub"), out_dir=tmp
        )
    with Workspace.open(tmp / "ws-lead", tmp / "keys" / "lead.key") as ws:
        ws.import_bundle(adj.path, tmp / "keys" / "server.pub")
        review = ws.reviews("fever")
        order = ws.display_order("fever")
    assert review is not None
    return review, order


def test_the_panel_lists_the_criteria_the_reviewers_split_on(qtbot: Any, tmp_path: Path) -> None:
    review, order = _review(tmp_path)
    first, second = sorted(order.order)
    a, b = order.label_of(first), order.label_of(second)
    panel = ReviewsPanel(LIGHT)
    qtbot.addWidget(panel)
    panel.resize(560, 640)
    panel.show_reviews(review, order)
    text = panel.browser.toPlainText()
    assert "3 criteria the reviewers split on" in text
    er = CRITERIA[0]["text"]
    assert f"Response {a} · criterion “{er}” (+8): met (alice), not met (bob)" in text
    assert f"Response {b} · criterion “{er}” (+8): met (alice), not met (bob)" in text
    aspirin = CRITERIA[2]["text"]
    assert (
        f"Response {a} · criterion “{aspirin}” (-9, a penalty when met): "
        "not met (alice), not applicable (bob)"
    ) in text
    assert f"Response {b} · criterion “{aspirin}”" not in text  # they agree there
    assert "alice: “Second paragraph says so.”; bob: “Only for a seizure.”" in text
    # Each reviewer's rubric summed up per response, and the rubric marked as differing
    # (the notes alone would not make it differ).
    assert "rubric: A: 2 met, 2 not met; B: 2 met, 2 not met" in text  # alice
    bob = {a: "1 met, 2 not met, 1 not applicable", b: "1 met, 3 not met"}
    assert f"rubric: A: {bob['A']}; B: {bob['B']}" in text
    assert "≠ differ" in text
    if shot := os.environ.get("DOCKET_SCREENSHOT"):
        path = Path(shot)
        panel.show()
        QApplication.processEvents()
        panel.grab().save(str(path))
        light = QApplication.palette()
        QApplication.setPalette(palette_for(DARK))  # as the window does on a theme change
        panel.set_theme(DARK)
        panel.show_reviews(review, order)
        QApplication.processEvents()
        panel.grab().save(str(path.with_name(f"{path.stem}-dark{path.suffix}")))
        QApplication.setPalette(light)
