"""A reviewer holding a valid key sends spans the window would never record: a span
outside the response's text, one whose quote is not the text at its offsets, a
zero-length span, a label outside the issued taxonomy. Merge checks every answer against
the form as issued (structure, labels, severities) and, from the project's task archive
(merged before any result), against the response texts (offsets within the text, quote
equal to the text at its offsets): the whole result is refused, naming the task and the
field, and nothing of it is merged, while a good result of the same merge is.

The results are forged as a modified client would: the reviewer's genuine signed task
bundle, answer rows of their choosing, an audit log recording exactly those rows, signed
with their own key. The same forgery with the genuine rows is accepted, so the refusals
are the checks' doing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.schema import Schema, SpansQuestion
from docket.server.dataset import judgment_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from docket.server.result_checks import IssuedTask, row_problem
from tests.helpers import forged_result

REVIEWERS = ("alice", "bob")
TEXT = "The dose is 5 mg. Take it twice a day."
Rows = list[dict[str, Any]]


def _span(response: str, start: int, end: int, label: str = "unverifiable") -> dict[str, Any]:
    return {"response": response, "start": start, "end": end, "quote": TEXT[start:end],
            "label": label, "severity": "major", "comment": ""}  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile-spans")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    with (tmp / "tasks.jsonl").open("w") as fh:
        for t in ("t1", "t2"):
            fh.write(json.dumps({"id": t, "prompt": f"How much ({t})?",
                                 "responses": [{"id": "x", "text": TEXT},
                                               {"id": "y", "text": f"Ask a doctor ({t})."}]}) + "\n")  # fmt: skip
    packed = pack(
        tmp / "tasks.jsonl",
        server=server,
        reviewers=cards,
        out_dir=tmp / "b",
        overlap=2,
        schema=Schema((SpansQuestion("spans"),)),
    )
    results = {}
    for name, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{name}", tmp / "keys" / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in ws.tasks():
                x = next(r.id for r in task.responses if r.text == TEXT)
                ws.record(task.id, {"spans": [_span(x, 12, 16)]})
            results[name] = ws.export_results(tmp / f"{name}.result").path
    return {"tmp": tmp, "server": server, "cards": cards, "archive": packed.archive,
            "results": results}  # fmt: skip


def forge(world: dict[str, Any], change: Callable[[Rows], Rows], name: str) -> Path:
    """A result signed with alice's real key, for her genuine task bundle, whose rows are
    ``change``d and whose audit log records exactly those rows."""
    return forged_result(world["tmp"], change, name)


def merged(world: dict[str, Any], where: Path, files: list[Path]) -> tuple[Any, Rows]:
    where.mkdir(parents=True, exist_ok=True)
    with MergedStore.open(where / "merged.db", world["server"]) as store:
        import_task_archive(store, world["server"], world["archive"])
        report = merge_results(files, server=world["server"], cards=world["cards"], store=store)
        return report, judgment_rows(store)


def _edit(edit: Callable[[dict[str, Any]], None]) -> Callable[[Rows], Rows]:
    """Change the first span of the first row in place."""

    def change(rows: Rows) -> Rows:
        rows[0] = dict(rows[0], answers=json.loads(json.dumps(rows[0]["answers"])))
        edit(rows[0]["answers"]["spans"][0])
        return rows

    return change


HOSTILE: dict[str, Callable[[dict[str, Any]], None]] = {
    "outside the text": lambda s: s.update(start=30, end=len(TEXT) + 5, quote=TEXT[30:] + "xxxxx"),
    "a quote that is not the text": lambda s: s.update(quote="10 mg"),
    # the same length as the text at its offsets: only the archived text shows it
    "a quote of the right length that is not the text": lambda s: s.update(quote="9 mg"),
    "a span the archived text does not reach": lambda s: s.update(
        start=30, end=len(TEXT) + 2, quote=TEXT[30:] + "!!"
    ),
    "zero-length": lambda s: s.update(end=s["start"], quote=""),
    "an unknown label": lambda s: s.update(label="made-up"),
    "end before start": lambda s: s.update(start=16, end=12, quote=""),
    "offsets not whole numbers": lambda s: s.update(start=12.0),
}


def test_the_forgery_itself_is_accepted_when_the_spans_are_genuine(
    world: dict[str, Any], tmp_path: Path
) -> None:
    genuine = forge(world, lambda rows: rows, "genuine.result")
    report, judgments = merged(world, tmp_path, [genuine])
    assert [o.status for o in report.outcomes] == ["accepted"]
    assert {r["reviewer"] for r in judgments} == {"alice"}


@pytest.mark.parametrize("attack", list(HOSTILE))
def test_spans_that_do_not_fit_the_text_refuse_the_whole_result(
    world: dict[str, Any], tmp_path: Path, attack: str
) -> None:
    bad = forge(world, _edit(HOSTILE[attack]), "hostile.result")
    good = world["results"]["bob"]
    report, judgments = merged(world, tmp_path / "attacked", [bad, good])
    refused = next(o for o in report.outcomes if o.path == bad)
    assert refused.status == "rejected", attack
    assert "spans" in refused.reason  # the field is named
    assert next(o for o in report.outcomes if o.path == good).status == "accepted"
    # Nothing of alice's result was merged, not even its valid rows.
    _, only_bob = merged(world, tmp_path / "control", [good])
    assert judgments == only_bob and {r["reviewer"] for r in judgments} == {"bob"}


def test_only_the_archived_text_shows_a_quote_of_the_right_length_to_be_wrong() -> None:
    """The issued list carries response ids, not texts: structurally a quote of the right
    length passes; with the texts merge reads from the archive it does not."""
    task = IssuedTask(("r-x", "r-y"), Schema((SpansQuestion("spans"),)))
    span = dict(_span("r-x", 12, 16), quote="9 mg")
    row = {"display_order": {"A": "r-x", "B": "r-y"}, "status": "done",
           "answers": {"spans": [span]}}  # fmt: skip
    assert row_problem(row, task) is None
    problem = row_problem(row, task, {"r-x": TEXT, "r-y": "Ask a doctor."})
    assert problem is not None and "the quote is not the response's text" in problem
