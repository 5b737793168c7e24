"""Prior spans at pack time: real Fine-Grained RLHF rows whose spans were damaged are
each refused as ``file:line: reason`` and nothing is written; the undamaged rows pack
with their spans carried to the reviewer's workspace as they were."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.core.fine_grained import LABEL_OF_ERROR_TYPE, task_row
from docket.core.schema import Schema, SpansQuestion
from docket.errors import DocketError
from docket.server.pack import pack
from tests.reference_data import fine_grained_rows


def _damaged(row: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(row)
    out["responses"][0]["spans"][0].update(change)
    return out


def test_bad_prior_spans_are_named_by_line_and_nothing_is_written(tmp_path: Path) -> None:
    server, ann = keys.generate("server"), keys.generate("ann")
    rows = [task_row(r, f"fg-{i:02d}") for i, r in enumerate(fine_grained_rows()[:12])]
    good = [r for r in rows if r["responses"][0].get("spans")]
    base = good[0]
    text = base["responses"][0]["text"]
    first = base["responses"][0]["spans"][0]
    bad = [
        _damaged(base, {"start": len(text) + 1, "end": len(text) + 9, "quote": ""}),
        _damaged(base, {"quote": first["quote"] + " and more"}),
        _damaged(base, {"end": first["start"], "quote": ""}),
        _damaged(base, {"label": "Wrong-Grounding"}),  # not mapped: not a label of the form
        _damaged(base, {"start": "3"}),
    ]
    for i, row in enumerate(bad):
        row["id"] = f"bad-{i}"
    source = tmp_path / "spans.jsonl"
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [good[1], *bad]),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(DocketError) as err:
        pack(source, server=server, reviewers=[ann.card()], out_dir=out,
             schema=Schema((SpansQuestion("spans"),)))  # fmt: skip
    message = err.value.message
    assert f"{len(bad)} bad line(s)" in message, message
    for line in range(2, 2 + len(bad)):
        assert any(part.startswith(f"  {source}:{line}: ") for part in message.splitlines()), (
            line,
            message,
        )
    assert not out.exists() or not any(out.iterdir())


def test_good_prior_spans_reach_the_workspace_as_they_were(tmp_path: Path) -> None:
    for name in ("server", "ann"):
        keys.write_key_pair(keys.generate(name), tmp_path / "keys", passphrase=None)
    k = tmp_path / "keys"
    records = fine_grained_rows()[:6]
    source = tmp_path / "spans.jsonl"
    source.write_text(
        "".join(
            json.dumps(task_row(r, f"fg-{i:02d}"), ensure_ascii=False) + "\n"
            for i, r in enumerate(records)
        ),
        encoding="utf-8",
    )
    packed = pack(source, server=keys.load_secret_key(k / "server.key"),
                  reviewers=[PublicCard.load(k / "ann.pub")], out_dir=tmp_path / "b",
                  schema=Schema((SpansQuestion("spans"),)))  # fmt: skip
    with Workspace.open(tmp_path / "ws", k / "ann.key") as ws:
        ws.import_bundle(packed.bundles[0].path, k / "server.pub")
        for i, record in enumerate(records):
            task = ws.task(f"fg-{i:02d}")
            first = next(r for r in task.responses if r.text == record["prediction 1"])
            got = sorted((s.start, s.end, s.label, s.comment) for s in task.spans)
            want = sorted(
                (e["start"], e["end"], LABEL_OF_ERROR_TYPE[e["error type"]], e["explanation"])
                for e in record["feedback"]["errors"]
            )
            assert got == want
            assert all(s.response == first.id for s in task.spans)
            assert all(s.quote == first.text[s.start : s.end] for s in task.spans)
