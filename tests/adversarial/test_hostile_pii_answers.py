"""A reviewer holding a valid key sends a ``pii`` answer the window would never record:
a mark outside the text it names, a mark whose quote is not the text at its offsets, a
mark in a conversation turn the task does not have, a dismissal past the end of a
response, an unknown type. Merge checks the answer against the task's texts from the
project's archive (the responses, the conversation's turns and the source documents):
the whole result is refused, naming the task and the field, and nothing of it is merged,
while a good result of the same merge is. The same forgery with the genuine rows is
accepted, so the refusals are the checks' doing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.schema import PiiQuestion, Schema
from docket.server.dataset import judgment_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import forged_result

REVIEWERS = ("alice", "bob")
PROMPT = "Dr. Ana Ruiz asked me to call 555-010-4477 about the results."
TEXT = "Ask Ana Ruiz at the front desk. The number is 555-010-2233."
Rows = list[dict[str, Any]]


def _mark(target: str, text: str, quote: str, pii_type: str = "PERSON") -> dict[str, Any]:
    start = text.index(quote)
    return {"target": target, "start": start, "end": start + len(quote), "quote": quote,
            "type": pii_type}  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile-pii")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    with (tmp / "tasks.jsonl").open("w") as fh:
        for t in ("t1", "t2"):
            fh.write(json.dumps({"id": t, "prompt": PROMPT,
                                 "responses": [{"id": "x", "text": TEXT},
                                               {"id": "y", "text": f"Call the clinic ({t})."}]}) + "\n")  # fmt: skip
    packed = pack(
        tmp / "tasks.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "b",
        overlap=2,
        schema=Schema((PiiQuestion("pii"),)),
    )
    results = {}
    for name, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                x = next(r.id for r in task.responses if r.text == TEXT)
                start = TEXT.index("555")
                answer = {
                    "marked": [_mark(x, TEXT, "Ana Ruiz"), _mark("turn:0", PROMPT, "Ana Ruiz")],
                    "dismissed": [{"target": x, "start": start, "end": start + 12,
                                   "type": "PHONE"}],
                }  # fmt: skip
                ws.record(task.id, {"pii": answer})
            results[name] = ws.export_results(tmp / f"{name}.result").path
    return {"tmp": tmp, "server": server, "cards": cards, "archive": packed.archive,
            "results": results}  # fmt: skip


def merged(world: dict[str, Any], where: Path, files: list[Path]) -> tuple[Any, Rows]:
    where.mkdir(parents=True, exist_ok=True)
    with MergedStore.open(where / "merged.db", world["server"]) as store:
        import_task_archive(store, world["server"], world["archive"])
        report = merge_results(files, server=world["server"], cards=world["cards"], store=store)
        return report, judgment_rows(store)


def _edit(part: str, index: int, edit: Callable[[dict[str, Any]], None]) -> Callable[[Rows], Rows]:
    """Change one mark or dismissal of the first row's pii answer in place."""

    def change(rows: Rows) -> Rows:
        rows[0] = dict(rows[0], answers=json.loads(json.dumps(rows[0]["answers"])))
        edit(rows[0]["answers"]["pii"][part][index])
        return rows

    return change


HOSTILE: dict[str, Callable[[Rows], Rows]] = {
    "a mark outside the response": _edit(
        "marked", 0, lambda m: m.update(start=50, end=len(TEXT) + 4, quote=TEXT[50:] + "xxxx")
    ),
    # the same length as the text at its offsets: only the archived text shows it
    "a mark whose quote is not the text": _edit("marked", 0, lambda m: m.update(quote="Bob Diaz")),
    "a mark in the prompt whose quote is not the text": _edit(
        "marked", 1, lambda m: m.update(quote="Eve Ruiz")
    ),
    "a mark past the end of the prompt": _edit(
        "marked",
        1,
        lambda m: m.update(start=len(PROMPT) - 2, end=len(PROMPT) + 6, quote="s.xxxxxx"),
    ),
    "a mark in a turn the task does not have": _edit(
        "marked", 1, lambda m: m.update(target="turn:3")
    ),
    "a dismissal past the end of the response": _edit(
        "dismissed", 0, lambda d: d.update(start=len(TEXT) - 2, end=len(TEXT) + 10)
    ),
    "an unknown type": _edit("marked", 0, lambda m: m.update(type="SECRET")),
    "a quote smuggled into a dismissal": _edit("dismissed", 0, lambda d: d.update(quote="x")),
}


def test_the_forgery_itself_is_accepted_when_the_answer_is_genuine(
    world: dict[str, Any], tmp_path: Path
) -> None:
    genuine = forged_result(world["tmp"], lambda rows: rows, "genuine.result")
    report, judgments = merged(world, tmp_path, [genuine])
    assert [o.status for o in report.outcomes] == ["accepted"]
    assert {r["reviewer"] for r in judgments} == {"alice"}


@pytest.mark.parametrize("attack", list(HOSTILE))
def test_pii_answers_that_do_not_fit_the_texts_refuse_the_whole_result(
    world: dict[str, Any], tmp_path: Path, attack: str
) -> None:
    bad = forged_result(world["tmp"], HOSTILE[attack], "hostile.result")
    good = world["results"]["bob"]
    report, judgments = merged(world, tmp_path / "attacked", [bad, good])
    refused = next(o for o in report.outcomes if o.path == bad)
    assert refused.status == "rejected", attack
    assert "pii" in refused.reason  # the field is named
    assert next(o for o in report.outcomes if o.path == good).status == "accepted"
    # Nothing of alice's result was merged, not even its valid rows.
    _, only_bob = merged(world, tmp_path / "control", [good])
    assert judgments == only_bob and {r["reviewer"] for r in judgments} == {"bob"}
