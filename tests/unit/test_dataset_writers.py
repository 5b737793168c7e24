"""Exports in the shapes other tools load, checked with those tools' own readers: OpenAI
preference rows, reward-model rows, Parquet (pyarrow, ``datasets``), a Hugging Face
dataset folder (``datasets.load_from_disk``) and Label Studio JSON, with a round trip from
a Label Studio export through review back to Label Studio, annotations intact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.core.task_loading import read_tasks_jsonl
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
REVIEWERS = ("ann", "ben")


def answers_for(ws: Workspace, task_id: str, reviewer: str) -> dict[str, Any]:
    """Both prefer the longer response; ann rates it 5 and the other 2, ben 4 and 1;
    ann flags the shorter one as a hallucination."""
    task = ws.task(task_id)
    longer, shorter = sorted(task.responses, key=lambda r: -len(r.text))
    high, low = (5, 2) if reviewer == "ann" else (4, 1)
    out: dict[str, Any] = {
        "preference": {"better": longer.id, "strength": "slight"},
        "likert": {
            longer.id: {"helpfulness": high, "correctness": high, "safety": high},
            shorter.id: {"helpfulness": low, "correctness": low, "safety": low},
        },
    }
    if reviewer == "ann":
        out["flags"] = {shorter.id: ["hallucination"]}
        out["rationale"] = "The shorter answer states something false."
    return out


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("writers")
    for name in ("server", *REVIEWERS):
        keys.write_key_pair(keys.generate(name), tmp / "keys", passphrase=None)
    server = keys.load_secret_key(tmp / "keys" / "server.key")
    cards = [PublicCard.load(tmp / "keys" / f"{r}.pub") for r in REVIEWERS]
    source = tmp / "label_studio.json"
    shutil.copy(DATA / "label_studio.json", source)
    packed = pack(source, server=server, reviewers=cards, out_dir=tmp / "out", overlap=2)
    results = []
    for reviewer, bundle in zip(REVIEWERS, packed.bundles, strict=True):
        with Workspace.open(tmp / f"ws-{reviewer}", tmp / "keys" / f"{reviewer}.key") as ws:
            ws.import_bundle(bundle.path, tmp / "keys" / "server.pub")
            for task in list(ws.tasks()):
                ws.record(task.id, answers_for(ws, task.id, reviewer))
            results.append(ws.export_results(tmp / f"{reviewer}.result").path)
    db = tmp / "merged.db"
    with MergedStore.open(db, server) as store:
        import_task_archive(store, server, packed.archive)
        merge_results(results, server=server, cards=cards, store=store)
    return {"tmp": tmp, "db": db, "key": tmp / "keys" / "server.key"}


def export(merged: dict[str, Any], fmt: str, out: Path, *extra: str) -> None:
    argv = ["dataset", "export", "--db", str(merged["db"]), "--server-key", str(merged["key"])]
    assert main([*argv, "--format", fmt, "--out", str(out), *extra]) == 0


def test_openai_preference_rows_have_exactly_openai_keys(
    merged: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "pref.jsonl"
    export(merged, "openai-preference", out)
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(rows) == 2
    source = json.loads((DATA / "label_studio.json").read_text())
    for row in rows:
        assert set(row) == {"input", "preferred_output", "non_preferred_output"}
        prompt = row["input"]["messages"][0]["content"]
        task = next(t for t in source if t["data"]["prompt"] == prompt)
        assert row["preferred_output"] == [
            {"role": "assistant", "content": task["data"]["answer1"]}  # the longer one
        ]
        assert row["non_preferred_output"][0]["content"] == task["data"]["answer2"]
    # OpenAI's preference rows are Docket rows too: they pack again.
    assert len(read_tasks_jsonl(out).rows) == 2


def test_reward_rows_rescale_the_mean_rating(merged: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "reward.jsonl"
    export(merged, "reward", out)
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(rows) == 4
    for row in rows:
        longer = row["score"] > 0.5
        # ann 5 / ben 4 -> mean 4.5 on 1..5 -> 0.875; ann 2 / ben 1 -> 1.5 -> 0.125
        assert row["score"] == (0.875 if longer else 0.125)
        assert row["scores"]["helpfulness"] == (4.5 if longer else 1.5)
        assert row["reviewers"] == 2 and row["source"] == "likert"


def test_parquet_loads_with_pyarrow_and_datasets(merged: dict[str, Any], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    out = tmp_path / "dpo.parquet"
    export(merged, "dpo", out)
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert {"prompt", "chosen", "rejected", "task_id", "reviewers"} <= set(table.column_names)
    assert table.column("reviewers").to_pylist()[0] == ["ann", "ben"]
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    loaded = datasets.load_dataset("parquet", data_files=str(out), split="train")
    assert loaded.num_rows == 2 and loaded[0]["chosen"] in {
        t["data"]["answer1"] for t in json.loads((DATA / "label_studio.json").read_text())
    }


def test_hf_folder_loads_with_load_from_disk(merged: dict[str, Any], tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets", reason="the `datasets` library is not installed")
    out = tmp_path / "judgments"
    export(merged, "judgments", out)
    loaded = datasets.load_from_disk(str(out))
    assert loaded.num_rows == 4
    assert sorted(loaded["reviewer"]) == ["ann", "ann", "ben", "ben"]
    assert (tmp_path / "README.md").exists()  # the card beside the folder
    # Written again over its own earlier folder, never over a stranger's.
    export(merged, "judgments", out)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    argv = ["dataset", "export", "--db", str(merged["db"]), "--server-key", str(merged["key"])]
    assert main([*argv, "--format", "judgments", "--out", str(stranger)]) != 0
    assert (stranger / "notes.txt").read_text() == "mine"


def test_label_studio_round_trip_keeps_the_source_annotations(
    merged: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "ls.json"
    export(merged, "label-studio", out)
    tasks = json.loads(out.read_text())
    source = {t["data"]["prompt"]: t for t in json.loads((DATA / "label_studio.json").read_text())}
    assert len(tasks) == 2
    for task in tasks:
        original = source[task["data"]["prompt"]]
        assert task["data"] == original["data"]  # the same field names and texts
        theirs = [a for a in task["annotations"] if a.get("meta", {}).get("source") != "docket"]
        assert theirs == original["annotations"]
        assert task["predictions"] == original["predictions"]
        ours = [a for a in task["annotations"] if a.get("meta", {}).get("source") == "docket"]
        assert sorted(a["completed_by"] for a in ours) == ["ann", "ben"]
        for annotation in ours:
            (pairwise,) = [r for r in annotation["result"] if r["type"] == "pairwise"]
            assert pairwise["value"] == {"selected": "left"}  # answer1 is the longer
            assert pairwise["to_name"] == "answer1,answer2"
            ratings = [r for r in annotation["result"] if r["type"] == "rating"]
            assert {r["to_name"] for r in ratings} == {"answer1", "answer2"}
        ann = next(a for a in ours if a["completed_by"] == "ann")
        assert any(
            r["type"] == "choices" and r["value"]["choices"] == ["hallucination"]
            for r in ann["result"]
        )
    # And Label Studio's JSON reads back in: the same tasks, every annotation kept.
    again = read_tasks_jsonl(out)
    assert not again.errors and len(again.rows) == 2
    assert all(len(r.prior["raw"]["annotations"]) >= 2 for r in again.rows)


def test_parquet_without_pyarrow_says_how_to_install(
    merged: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    argv = ["dataset", "export", "--db", str(merged["db"]), "--server-key", str(merged["key"])]
    out = tmp_path / "x.parquet"
    assert main([*argv, "--format", "dpo", "--out", str(out)]) != 0
    assert "pip install 'docket[data]'" in capsys.readouterr().err
    assert not out.exists()


def test_the_command_line_offers_every_container() -> None:
    from docket.cli.dataset import CONTAINERS as OFFERED
    from docket.server.dataset_files import CONTAINERS

    assert OFFERED == CONTAINERS


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.dictionaries(st.text(max_size=8), _json_values, max_size=4), max_size=6))
def test_json_files_are_written_a_row_at_a_time_with_the_same_bytes(
    rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    """JSON lines and the JSON array come out as the one-shot encoders make them
    (any text: astral characters, lone quotes, empty rows and files)."""
    from docket.server.dataset_files import write_rows

    for container, expected in (
        ("jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)),
        ("json", json.dumps(rows, ensure_ascii=False, indent=1)),
    ):
        out = tmp_path / f"rows.{container}"
        write_rows(rows, out, container)
        assert out.read_bytes() == expected.encode("utf-8", "surrogatepass")


def test_a_large_export_is_never_held_whole_in_memory(tmp_path: Path) -> None:
    """24 MB of rows (texts with an astral character, which makes a Python string of
    them four bytes a character) written as JSON lines and as a JSON array: what the
    writer allocates beside the rows stays a few megabytes."""
    import tracemalloc

    from docket.server.dataset_files import write_rows

    text = "résumé 😀 " + "x" * 4000
    rows = [{"prompt": text, "chosen": text, "rejected": text, "n": i} for i in range(2000)]
    for container in ("jsonl", "json"):
        out = tmp_path / f"big.{container}"
        tracemalloc.start()
        try:
            write_rows(rows, out, container)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert out.stat().st_size > 24_000_000
        assert peak < 6_000_000, (container, peak)
