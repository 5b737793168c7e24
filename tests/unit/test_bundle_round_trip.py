"""The bundle round trip on real data: keygen -> pack -> import -> record -> export -> verify."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from docket import Workspace
from docket.bundles import age_layer, keys
from docket.bundles.result_bundle import keyring_cards
from docket.cli import main
from docket.server.verify import verify_results
from tests.reference_data import alpaca_eval, hh_rlhf_lines

MODELS = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620", "Meta-Llama-3.1-405B-Instruct-Turbo"]


def _alpaca_tasks(path: Path, n: int) -> None:
    outputs = {m: alpaca_eval(m) for m in MODELS}
    with path.open("w") as fh:
        for i in range(n):
            k = 3 if i % 5 == 0 else 2  # mostly pairs, some three-way rankings
            row = {
                "id": f"alpaca-{i:03d}",
                "prompt": outputs[MODELS[0]][i]["instruction"],
                "responses": [{"model": m, "text": outputs[m][i]["output"]} for m in MODELS[:k]],
            }
            fh.write(json.dumps(row) + "\n")


def _gold(path: Path, n: int) -> None:
    with path.open("w") as dst:
        for i, line in enumerate(hh_rlhf_lines()[:n]):
            dst.write(json.dumps({"id": f"gold-{i}", **json.loads(line)}) + "\n")


def _answer(ws: Workspace, task_id: str, i: int) -> dict[str, object]:
    task = ws.task(task_id)
    order = ws.display_order(task_id)
    if len(task.responses) == 2:
        if i % 3 == 0:
            return {
                "preference": {"better": order.id_of("B"), "strength": "strong"},
                "flags": {order.id_of("A"): ["hallucination"]},
                "rationale": f"A invents facts in task {task_id}.",
            }
        return {"preference": {"better": order.id_of("A"), "strength": "slight"}}
    return {"ranking": [[order.id_of("C")], [order.id_of("A"), order.id_of("B")]]}


@pytest.mark.slow
def test_keygen_pack_import_record_export_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    k = tmp_path / "keys"
    monkeypatch.setenv("SERVER_PASSPHRASE", "server passphrase, long enough")
    assert main(["keygen", "server", "--out", str(k), "--passphrase-env", "SERVER_PASSPHRASE"]) == 0
    for name in ("rev-a", "rev-b"):
        assert main(["keygen", name, "--out", str(k), "--no-passphrase"]) == 0
    tasks, gold = tmp_path / "alpaca.jsonl", tmp_path / "gold.jsonl"
    _alpaca_tasks(tasks, 50)
    _gold(gold, 3)
    (tmp_path / "guide.md").write_text("# Guidelines\n\nPrefer correct answers.\n")
    out = tmp_path / "bundles"
    assert main([
        "pack", str(tasks), "--server-key", str(k / "server.key"),
        "--passphrase-env", "SERVER_PASSPHRASE",
        "--reviewer", str(k / "rev-a.pub"), "--reviewer", str(k / "rev-b.pub"), "--overlap", "2",
        "--gold", str(gold), "--guidelines", str(tmp_path / "guide.md"), "--out", str(out),
    ]) == 0  # fmt: skip
    capsys.readouterr()
    bundles = sorted(out.glob("*.docket"))
    assert [b.name for b in bundles] == ["alpaca-rev-a.docket", "alpaca-rev-b.docket"]

    recorded: dict[str, dict[str, dict[str, object]]] = {}
    results = []
    for name, bundle in zip(("rev-a", "rev-b"), bundles, strict=True):
        with Workspace.open(tmp_path / f"ws-{name}", k / f"{name}.key") as ws:
            done = ws.import_bundle(bundle, k / "server.pub")
            assert (done.status, done.added) == ("imported", 53)  # overlap 2 of 2: all 50 + 3 gold
            ids = [t.id for t in ws.tasks()]
            assert sorted(ids) == sorted(
                [f"alpaca-{i:03d}" for i in range(50)] + ["gold-0", "gold-1", "gold-2"]
            )
            assert ws.guidelines(ids[0]).startswith("# Guidelines")
            recorded[name] = {}
            for i, task_id in enumerate(ids[:20]):
                recorded[name][task_id] = _answer(ws, task_id, i)
                ws.record(task_id, recorded[name][task_id], time_spent_s=30 + i)
            result_path = tmp_path / f"{name}.result"
            exported = ws.export_results(result_path)
            assert (exported.sequence, exported.answers) == (1, 20)
            results.append(result_path)
            # No model name reaches the reviewer; nothing marks gold as gold.
            task = ws.task("alpaca-000")
            assert {r.model for r in task.responses} == {None}
            assert all("gold" not in json.dumps(t.meta) for t in ws.tasks())

    server = keys.load_secret_key(k / "server.key", "server passphrase, long enough")
    ring = tmp_path / "ring"
    ring.mkdir()
    for name in ("rev-a", "rev-b"):
        (ring / f"{name}.pub").write_bytes((k / f"{name}.pub").read_bytes())
    verdicts = verify_results(results, server, keyring_cards(ring))
    assert [v.ok for v in verdicts] == [True, True], [v.reason for v in verdicts]
    for v, name in zip(verdicts, ("rev-a", "rev-b"), strict=True):
        assert v.result is not None
        assert v.result.reviewer.name == name
        got = {row["task_id"]: row["answers"] for row in v.result.answers}
        assert got == recorded[name]
        assert all(
            row["revision"] == 1 and len(row["display_order"]) >= 2 for row in v.result.answers
        )
        assert Counter(row["status"] for row in v.result.answers)["flagged"] > 0
        actions = Counter(e.action for e in v.result.audit)
        assert actions == {"import": 1, "record": 20}
        # The sealed server-only section came back intact, with the gold answers.
        sealed = json.loads(
            age_layer.decrypt(v.result.opened.sections["sealed.age"], [server.identity()])
        )
        assert sorted(sealed["gold"]) == ["gold-0", "gold-1", "gold-2"]
        assert all("better" in g["preference"] for g in sealed["gold"].values())
        # The models travel there, sealed to the server, by the bundle's response ids.
        models = {o["model"] for o in sealed["originals"]["alpaca-000"].values()}
        assert models == set(MODELS)

    # The CLI verify agrees, and exits 0.
    assert main([
        "verify", *map(str, results), "--server-key", str(k / "server.key"),
        "--passphrase-env", "SERVER_PASSPHRASE", "--keyring", str(ring),
    ]) == 0  # fmt: skip
    assert "2 verified, 0 rejected" in capsys.readouterr().out
