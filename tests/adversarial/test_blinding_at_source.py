"""Blinding at the source: what a reviewer with a valid key can read in its own bundle.

The attacker decrypts the bundle addressed to them (``docket inspect --extract``, or the
workspace API) and looks for the answer a gold item expects, the TRL row's ``chosen``
response, the model names, and which items are gold. Measured on real data: all 2,312
hh-rlhf rows packed for five reviewers (800 of them as gold items), and AlpacaEval
answers of four named models.

The pack secret comes from a server key generated for each run, so the fractions vary
from run to run. Every bound sits about five standard deviations from one half (a two-
sided exact binomial test at p > 1e-6, and a band around 50%), so a correct packer fails
less than once in a million runs; before this defence the attack scored 100%.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import age_layer, keys
from docket.bundles.envelope import open_sealed, pinned
from docket.bundles.keys import SecretKey
from docket.bundles.task_bundle import TaskBundle, read_task_bundle
from docket.cli import main
from docket.core.task_loading import parse_task_lines
from docket.core.tasks import Task
from docket.errors import BundleError
from docket.server.agreement import gold_accuracy
from docket.server.dataset import dpo_rows
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedAnswer, MergedStore
from docket.server.pack import assign, pack
from docket.server.schemas import task_schemas
from tests.reference_data import ALPACA_MODELS, alpaca_eval, hh_rlhf_lines

REVIEWERS = ("ann", "ben", "cat", "dan", "eve")
OVERLAP = 2
GOLD_ROWS = 800
OPAQUE = re.compile(r"^r-[0-9a-f]{10}$")
MIN_P = 1e-6


def binomial_p(k: int, n: int) -> float:
    """Two-sided exact binomial test of ``k`` successes in ``n`` fair trials."""
    tail = sum(math.comb(n, i) for i in range(min(k, n - k) + 1))
    return min(1.0, 2 * tail / 2**n)


def assert_about_half(k: int, n: int, band: float) -> float:
    fraction = k / n
    assert binomial_p(k, n) > MIN_P, f"{k}/{n} = {fraction:.3f} is not a fair coin"
    assert 0.5 - band <= fraction <= 0.5 + band, f"{k}/{n} = {fraction:.3f}"
    return fraction


def open_as_reviewer(path: Path, reviewer: SecretKey, server: SecretKey) -> TaskBundle:
    opened = open_sealed(
        path.read_bytes(), reviewer, signer=pinned(server.card()), expected_type="task"
    )
    return read_task_bundle(opened)


def server_view(content: TaskBundle, server: SecretKey) -> dict[str, Any]:
    sealed: dict[str, Any] = json.loads(age_layer.decrypt(content.sealed, [server.identity()]))
    return sealed


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("blinding")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    return {
        "tmp": tmp,
        "server": keys.load_secret_key(tmp / "keys" / "server.key"),
        "reviewers": {n: keys.load_secret_key(tmp / "keys" / f"{n}.key") for n in REVIEWERS},
    }


@pytest.fixture(scope="module")
def hh(world: dict[str, Any]) -> dict[str, Any]:
    """Every hh-rlhf row packed: 1,512 tasks and 800 gold items, five reviewers, overlap 2.

    Returns the source truth (per task: the chosen and rejected texts), each reviewer's
    bundle as the reviewer reads it, and the sealed sections as the server reads them."""
    tmp, server = world["tmp"], world["server"]
    lines = hh_rlhf_lines()
    (tmp / "hh-tasks.jsonl").write_bytes(b"\n".join(lines[GOLD_ROWS:]) + b"\n")
    (tmp / "hh-gold.jsonl").write_bytes(b"\n".join(lines[:GOLD_ROWS]) + b"\n")
    truth: dict[str, tuple[str, str]] = {}
    for row in parse_task_lines(lines).rows:
        ref = row.reference
        truth[row.task.id] = (
            row.task.response(ref["chosen"]).text,
            row.task.response(ref["rejected"]).text,
        )
    gold_ids = {r.task.id for r in parse_task_lines(lines[:GOLD_ROWS]).rows}
    packed = pack(
        tmp / "hh-tasks.jsonl",
        server=server,
        reviewers=[k.card() for k in world["reviewers"].values()],
        out_dir=tmp / "hh",
        overlap=OVERLAP,
        gold_path=tmp / "hh-gold.jsonl",
        project="hh",
    )
    bundles = {
        b.reviewer: open_as_reviewer(b.path, world["reviewers"][b.reviewer], server)
        for b in packed.bundles
    }
    sealed = {name: server_view(content, server) for name, content in bundles.items()}
    return {
        "truth": truth,
        "gold_ids": gold_ids,
        "packed": packed,
        "bundles": bundles,
        "sealed": sealed,
    }


def unique_tasks(bundles: dict[str, TaskBundle]) -> dict[str, Task]:
    """Each task once, checking that every reviewer got it with the same ids and order."""
    out: dict[str, Task] = {}
    for content in bundles.values():
        for task, _ in content.tasks:
            seen = out.setdefault(task.id, task)
            assert seen.responses == task.responses  # comparable answers at merge
    return out


def test_the_first_response_is_the_chosen_one_about_half_the_time(hh: dict[str, Any]) -> None:
    tasks = unique_tasks(hh["bundles"])
    assert set(tasks) == set(hh["truth"]) and len(tasks) == 2312
    first_is_chosen = sum(t.responses[0].text == hh["truth"][t.id][0] for t in tasks.values())
    fraction = assert_about_half(first_is_chosen, len(tasks), band=0.05)
    print(f"first response is the chosen one: {first_is_chosen}/{len(tasks)} = {fraction:.3f}")


def test_response_ids_are_opaque_and_carry_no_information(hh: dict[str, Any]) -> None:
    tasks = unique_tasks(hh["bundles"])
    chosen_sorts_first = 0
    for task in tasks.values():
        ids = task.response_ids
        assert all(OPAQUE.match(rid) for rid in ids) and len(set(ids)) == len(ids)
        chosen = next(r.id for r in task.responses if r.text == hh["truth"][task.id][0])
        rejected = next(r.id for r in task.responses if r.id != chosen)
        chosen_sorts_first += chosen < rejected
    fraction = assert_about_half(chosen_sorts_first, len(tasks), band=0.05)
    print(f"chosen id sorts first: {chosen_sorts_first}/{len(tasks)} = {fraction:.3f}")
    # Not the ids the task loader derives from public data (task id and text) either.
    source = {row.task.id: row.task for row in parse_task_lines(hh_rlhf_lines()).rows}
    public = {rid for t in source.values() for rid in t.response_ids}
    assert not public & {rid for t in tasks.values() for rid in t.response_ids}


def test_the_server_maps_the_opaque_ids_back(hh: dict[str, Any]) -> None:
    for name, content in hh["bundles"].items():
        sealed = hh["sealed"][name]
        assert set(sealed["issued"]) == {t.id for t, _ in content.tasks}
        for task, schema in content.tasks:
            issued = sealed["issued"][task.id]
            assert issued["responses"] == list(task.response_ids)
            assert sealed["schemas"][issued["schema"]] == schema.to_json()
            chosen = sealed["reference"][task.id]["chosen"]
            assert task.response(chosen).text == hh["truth"][task.id][0]
            originals = sealed["originals"][task.id]
            assert originals[chosen]["position"] == 0  # a TRL row lists chosen first
            assert sorted(o["position"] for o in originals.values()) == [0, 1]
            if task.id in hh["gold_ids"]:
                assert sealed["gold"][task.id] == {"preference": {"better": chosen}}
        assert set(sealed["gold"]) == hh["gold_ids"] & set(sealed["issued"])


def test_gold_items_follow_the_overlap_pattern_of_every_task(hh: dict[str, Any]) -> None:
    holders: dict[str, set[str]] = {}
    for name, content in hh["bundles"].items():
        for task, _ in content.tasks:
            holders.setdefault(task.id, set()).add(name)
    # Gold or not, each item is in exactly `overlap` bundles: intersecting task lists
    # (all five reviewers, or any three) finds nothing.
    assert Counter(len(h) for h in holders.values()) == {OVERLAP: len(holders)}
    for group in combinations(REVIEWERS, 3):
        shared = set.intersection(*({t.id for t, _ in hh["bundles"][n].tasks} for n in group))
        assert not shared
    # 800 gold items x overlap 2 over 5 reviewers: 320 each; loads differ by at most one.
    per_reviewer = {b.reviewer: b.gold for b in hh["packed"].bundles}
    assert set(per_reviewer.values()) == {GOLD_ROWS * OVERLAP // len(REVIEWERS)}
    loads = [b.tasks for b in hh["packed"].bundles]
    assert max(loads) - min(loads) <= 1
    # Gold items sit anywhere in a reviewer's list, not in a block at one end.
    positions = [
        i / (len(content.tasks) - 1)
        for content in hh["bundles"].values()
        for i, (task, _) in enumerate(content.tasks)
        if task.id in hh["gold_ids"]
    ]
    mean = sum(positions) / len(positions)
    assert 0.45 <= mean <= 0.55, mean  # uniform: 0.5, standard error 0.01
    print(f"mean relative position of gold items: {mean:.3f} over {len(positions)}")


def test_a_reviewer_who_always_picks_the_first_response_scores_half_on_gold(
    hh: dict[str, Any],
) -> None:
    answers = []
    for name, content in hh["bundles"].items():
        for task, _ in content.tasks:
            if task.id in hh["gold_ids"]:
                first = task.response_ids[0]
                answers.append(MergedAnswer(
                    name, name, task.id, "hh", 1,
                    {"preference": {"better": first, "strength": "slight"}},
                    {"A": first, "B": task.response_ids[1]}, "", 0.0, "done",
                ))  # fmt: skip
    gold: dict[str, dict[str, Any]] = {}
    for sealed in hh["sealed"].values():
        gold.update(sealed["gold"])
    scores = gold_accuracy(answers, gold)
    assert [s.total for s in scores] == [320] * len(REVIEWERS)
    for s in scores:  # 320 items each: standard error 0.028
        assert 0.35 <= s.accuracy <= 0.65, (s.reviewer, s.accuracy)
    # Each gold item has one order for everyone, so count each item once.
    right = {a.task_id: a.answers["preference"]["better"] == gold[a.task_id]["preference"]["better"] for a in answers}  # fmt: skip
    assert len(right) == GOLD_ROWS
    fraction = assert_about_half(sum(right.values()), GOLD_ROWS, band=0.07)
    print(
        f"always-first on gold: {sum(right.values())}/{GOLD_ROWS} = {fraction:.3f}; per reviewer "
        + ", ".join(f"{s.reviewer} {s.correct}/{s.total}" for s in scores)
    )


@pytest.fixture(scope="module")
def alpaca(world: dict[str, Any]) -> dict[str, Any]:
    """805 AlpacaEval instructions, each answered by the four models, named in the rows;
    packed for two reviewers (overlap 1)."""
    tmp, server = world["tmp"], world["server"]
    outputs = {m: alpaca_eval(m) for m in ALPACA_MODELS}
    rows = []
    for i, first in enumerate(outputs[ALPACA_MODELS[0]]):
        rows.append({
            "id": f"alpaca-{i:03d}",
            "prompt": first["instruction"],
            "responses": [{"id": f"m{j}", "model": m, "text": outputs[m][i]["output"]}
                          for j, m in enumerate(ALPACA_MODELS)],
        })  # fmt: skip
    source = tmp / "alpaca.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert not any(m in source.read_text().replace(f'"model": "{m}"', "") for m in ALPACA_MODELS)
    reviewers = [world["reviewers"][n] for n in REVIEWERS[:2]]
    packed = pack(
        source, server=server, reviewers=[r.card() for r in reviewers],
        out_dir=tmp / "alpaca", project="alpaca",
    )  # fmt: skip
    return {"rows": rows, "packed": packed, "reviewers": reviewers}


def test_no_model_name_in_anything_a_reviewer_can_decrypt(
    world: dict[str, Any], alpaca: dict[str, Any], tmp_path: Path
) -> None:
    server = world["server"]
    names = [m.encode() for m in ALPACA_MODELS]
    for bundle, reviewer in zip(alpaca["packed"].bundles, alpaca["reviewers"], strict=True):
        plain = age_layer.decrypt(bundle.path.read_bytes(), [reviewer.identity()])
        assert not [n for n in names if n in plain]
        assert b'"model"' not in plain
        # What `docket inspect --extract` writes, file by file.
        out = tmp_path / reviewer.name
        key = world["tmp"] / "keys" / f"{reviewer.name}.key"
        assert main(["inspect", str(bundle.path), "--key", str(key), "--extract", str(out)]) == 0
        extracted = {p.name: p.read_bytes() for p in out.iterdir()}
        assert {"tasks.jsonl", "schema.json", "guidelines.md", "sealed.age"} <= set(extracted)
        assert not [(f, n) for f, body in extracted.items() for n in names if n in body]
        # The sealed section holds them, for the server only.
        with pytest.raises(BundleError):
            age_layer.decrypt(extracted["sealed.age"], [reviewer.identity()])
        content = open_as_reviewer(bundle.path, reviewer, server)
        sealed = server_view(content, server)
        for task, _ in content.tasks:
            assert all(r.model is None for r in task.responses)
            models = {o["model"] for o in sealed["originals"][task.id].values()}
            assert models == set(ALPACA_MODELS)


def test_the_workspace_holds_no_model_names(world: dict[str, Any], alpaca: dict[str, Any]) -> None:
    tmp = world["tmp"]
    bundle, reviewer = alpaca["packed"].bundles[0], alpaca["reviewers"][0]
    with Workspace.open(tmp / "ws-alpaca", tmp / "keys" / f"{reviewer.name}.key") as ws:
        ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
        tasks = list(ws.tasks())
        assert len(tasks) == bundle.tasks
        assert all(r.model is None for t in tasks for r in t.responses)


def test_each_source_position_comes_first_a_quarter_of_the_time(
    world: dict[str, Any], alpaca: dict[str, Any]
) -> None:
    """Four responses per row: where the row listed the response that a bundle shows first
    (and so which model wrote it) is uniform."""
    server = world["server"]
    first_position: Counter[int] = Counter()
    for bundle, reviewer in zip(alpaca["packed"].bundles, alpaca["reviewers"], strict=True):
        content = open_as_reviewer(bundle.path, reviewer, server)
        sealed = server_view(content, server)
        for task, _ in content.tasks:
            first_position[sealed["originals"][task.id][task.response_ids[0]]["position"]] += 1
    n = sum(first_position.values())
    assert n == len(alpaca["rows"])
    sd = math.sqrt(n * 0.25 * 0.75)
    assert all(abs(first_position[j] - n / 4) <= 5 * sd for j in range(4)), first_position
    print(f"source position of the first response over {n} tasks: {sorted(first_position.items())}")


def test_gold_reaches_every_reviewer_when_there_is_enough() -> None:
    """The rule the README states: with G gold items, overlap k and R reviewers, each
    reviewer gets floor(G*k/R) or ceil(G*k/R) of them, so everyone gets some once G*k >= R."""
    import random

    reviewers = [f"r{i}" for i in range(7)]
    for gold_count in range(1, 15):
        for overlap in (1, 2, 3):
            plan = assign(
                [f"t{i}" for i in range(50)], reviewers, overlap,
                gold_ids=[f"g{i}" for i in range(gold_count)], rng=random.Random(gold_count),
            )  # fmt: skip
            counts = [sum(t.startswith("g") for t in plan[r]) for r in reviewers]
            assert sum(counts) == gold_count * overlap
            assert max(counts) - min(counts) <= 1
            assert (min(counts) >= 1) == (gold_count * overlap >= len(reviewers))


def test_end_to_end_the_dpo_export_keeps_the_original_chosen_text(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """Real TRL rows packed blind; two reviewers pick the response whose text is the
    source's ``chosen``, a third always picks the first response of its bundle. After the
    merge every DPO row's chosen and rejected texts are the source's, and the gold scores
    show the difference."""
    server = world["server"]
    keydir = world["tmp"] / "keys"
    lines = hh_rlhf_lines()[:120]
    (tmp_path / "tasks.jsonl").write_bytes(b"\n".join(lines[20:]) + b"\n")
    (tmp_path / "gold.jsonl").write_bytes(b"\n".join(lines[:20]) + b"\n")
    truth = {
        row.task.id: (
            row.task.response(row.reference["chosen"]).text,
            row.task.response(row.reference["rejected"]).text,
        )
        for row in parse_task_lines(lines).rows
    }
    names = REVIEWERS[:3]
    packed = pack(
        tmp_path / "tasks.jsonl", server=server,
        reviewers=[world["reviewers"][n].card() for n in names], out_dir=tmp_path / "out",
        overlap=2, gold_path=tmp_path / "gold.jsonl", project="e2e",
    )  # fmt: skip
    results = []
    for name, bundle in zip(names, packed.bundles, strict=True):
        with Workspace.open(tmp_path / f"ws-{name}", keydir / f"{name}.key") as ws:
            ws.import_bundle(bundle.path, keydir / "server.pub")
            for task in ws.tasks():
                if name == "cat":
                    pick = task.response_ids[0]
                else:
                    pick = next(r.id for r in task.responses if r.text == truth[task.id][0])
                ws.record(task.id, {"preference": {"better": pick, "strength": "slight"}})
            results.append(ws.export_results(tmp_path / f"{name}.result").path)
    with MergedStore.open(tmp_path / "merged.db", server) as store:
        import_task_archive(store, server, packed.archive)
        report = merge_results(
            results, server=server, cards=[world["reviewers"][n].card() for n in names],
            store=store,
        )  # fmt: skip
        assert report.count("accepted") == 3
        rows, summary = dpo_rows(store)
        answers = list(store.answers())
        scores = {s.reviewer: s for s in gold_accuracy(answers, store.gold(), task_schemas(store))}
        stored = {tid: store.task(tid) for tid in truth}
    assert summary.missing_tasks == 0 and rows
    for row in rows:
        chosen, rejected = truth[row["task_id"]]
        if isinstance(row["prompt"], list):  # a conversation: TRL's conversational form
            chosen, rejected = ([{"role": "assistant", "content": t}] for t in (chosen, rejected))
        assert (row["chosen"], row["rejected"]) == (chosen, rejected)
        assert OPAQUE.match(row["chosen_id"]) and OPAQUE.match(row["rejected_id"])
        assert row["chosen_model"] is None and row["rejected_model"] is None
    # Every task the two careful reviewers share gives its row; cat's disagreements do not.
    careful = {a.task_id for a in answers if a.reviewer_name == "ann"} & {
        a.task_id for a in answers if a.reviewer_name == "ben"
    }
    assert careful <= {r["task_id"] for r in rows}
    assert summary.unresolved == sum(
        1 for a in answers if a.reviewer_name == "cat"
        and a.answers["preference"]["better"] != next(
            r["id"] for r in stored[a.task_id]["responses"] if r["text"] == truth[a.task_id][0]
        )
    )  # fmt: skip
    assert scores["ann"].accuracy == scores["ben"].accuracy == 1.0
    assert scores["ann"].total + scores["ben"].total + scores["cat"].total == 20 * 2
    print(
        f"e2e: {len(rows)} DPO rows, {summary.unresolved} unresolved; gold: "
        + ", ".join(f"{s.reviewer} {s.correct}/{s.total}" for s in scores.values())
    )
