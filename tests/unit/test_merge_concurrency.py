"""Several merges at once on one embedded (SQLCipher) merged database, over overlapping
sets of real result bundles (each bundle in one or more merges' lists, older ones replayed
after newer ones, a fork), starting from no database at all: the database ends in exactly
the rows one sequential merge of the same bundles gives, every table compared (the merge
times aside). Fast: four merges as threads of this process, each on its own connection
(SQLite locks them against each other as it locks processes). Slow: four, then eight
``docket merge`` processes."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from tests.helpers import ROOT
from tests.merge_world import World, build_world, table_rows


def process_lists(world: World, processes: int, seed: int) -> list[list[Path]]:
    """Each bundle in one to three processes' lists (duplicates across processes), each
    list shuffled (so older bundles come after newer ones: replays), and the fork in the
    first list after the bundle it forks, which that list always holds: whichever process
    merges that one, it is merged before the fork, so the fork is refused in every
    interleaving, as in the sequential merge."""
    rng = random.Random(seed)
    lists: list[list[Path]] = [[] for _ in range(processes)]
    for path in world.all_results:
        for i in rng.sample(range(processes), rng.randint(1, min(3, processes))):
            lists[i].append(path)
    for files in lists:
        rng.shuffle(files)
    forked = world.results["rev0"][1]
    if forked not in lists[0]:
        lists[0].insert(rng.randint(0, len(lists[0])), forked)
    lists[0].insert(rng.randint(lists[0].index(forked) + 1, len(lists[0])), world.fork)
    return lists


def sequential_rows(world: World, db: Path) -> dict[str, list[tuple[object, ...]]]:
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        report = merge_results(
            [*world.all_results, world.fork], server=world.server, cards=world.cards, store=store
        )
    assert report.count("accepted") == len(world.all_results) and report.count("rejected") == 1
    return table_rows(db, world.server)


def merge_at_once(world: World, db: Path, lists: list[list[Path]]) -> list[tuple[int, str]]:
    """One `docket merge --tasks ARCHIVE ...` process per list, all started together on a
    database none of them finds (each creates or migrates it, imports the archive)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "DOCKET_DEBUG": "1"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "docket.cli",
                "merge",
                *map(str, files),
                "--server-key",
                str(world.server_key),
                "--keyring",
                str(world.ring),
                "--db",
                str(db),
                "--tasks",
                str(world.archive),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        for files in lists
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    return [(p.returncode, out) for p, out in zip(procs, outputs, strict=True)]


def check_concurrent_merge(world: World, tmp_path: Path, processes: int, seed: int) -> None:
    expected = sequential_rows(world, tmp_path / "sequential.db")
    lists = process_lists(world, processes, seed)
    outcomes = merge_at_once(world, tmp_path / "concurrent.db", lists)
    for i, (code, out) in enumerate(outcomes):
        assert "in use by another process" not in out, out
        assert code == (1 if i == 0 else 0), out  # the first list holds the fork
        assert out.count("FAIL") == (1 if i == 0 else 0), out
    assert table_rows(tmp_path / "concurrent.db", world.server) == expected
    merged = expected["merged"]
    assert len(merged) == len(world.all_results)  # each good bundle once, the fork never


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world-4x5"), reviewers=4, exports=5, tasks=16)


def test_four_merging_connections_at_once_over_twenty_bundles(
    small_world: World, tmp_path: Path
) -> None:
    world = small_world
    expected = sequential_rows(world, tmp_path / "sequential.db")
    lists = process_lists(world, 4, seed=3)
    db = tmp_path / "concurrent.db"
    start = threading.Barrier(len(lists))
    reports: list[object] = [None] * len(lists)

    def merge(i: int) -> None:
        try:
            start.wait()
            with MergedStore.open(db, world.server) as store:
                import_task_archive(store, world.server, world.archive)
                reports[i] = merge_results(
                    lists[i], server=world.server, cards=world.cards, store=store
                )
        except BaseException as exc:  # reported below, in the test's thread
            reports[i] = exc

    threads = [threading.Thread(target=merge, args=(i,)) for i in range(len(lists))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for i, report in enumerate(reports):
        if isinstance(report, BaseException):
            raise report  # with the merging thread's traceback
        rejected = [o.reason for o in report.outcomes if o.status == "rejected"]  # type: ignore[union-attr]
        assert len(rejected) == (1 if i == 0 else 0), rejected
    assert table_rows(db, world.server) == expected


@pytest.mark.slow
def test_four_merges_at_once_over_twenty_bundles(small_world: World, tmp_path: Path) -> None:
    check_concurrent_merge(small_world, tmp_path, processes=4, seed=1)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_eight_merges_at_once_over_two_hundred_bundles(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    world = build_world(tmp_path_factory.mktemp("world-10x20"), reviewers=10, exports=20, tasks=40)
    check_concurrent_merge(world, tmp_path, processes=8, seed=2)


def test_any_order_gives_the_same_rows_provenance_included(
    small_world: World, tmp_path: Path
) -> None:
    """Every later result of a workspace carries the answers of the earlier ones again, at
    the same revision: the row keeps the earliest result that carried it, whichever came
    first (before, the first to arrive stayed: the ``bundle`` column followed the order)."""
    world = small_world
    in_order = [*world.all_results, world.fork]  # each chain by sequence: earliest first
    states = []
    for seed in (None, 1):
        files = list(in_order)
        if seed is not None:
            random.Random(seed).shuffle(files)
            files.remove(world.fork)  # after the result it forks, so always refused
            files.insert(files.index(world.results["rev0"][1]) + 1, world.fork)
        db = tmp_path / f"order-{seed}.db"
        with MergedStore.open(db, world.server) as store:
            import_task_archive(store, world.server, world.archive)
            merge_results(files, server=world.server, cards=world.cards, store=store)
        states.append(table_rows(db, world.server))
    assert states[0]["answers"] and states[0] == states[1]


def test_a_writer_waits_for_another_instead_of_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.errors import WorkspaceBusyError
    from docket.store import db as store_db

    key = bytes(range(32))
    path = tmp_path / "m.db"
    holder = store_db.open_encrypted(path, key)
    holder.execute("CREATE TABLE t (x INTEGER)")
    waiting = threading.Event()

    def pause(seconds: float) -> None:
        waiting.set()  # the other writer is retrying: let the holder finish
        threading.Event().wait(0.01)

    monkeypatch.setattr(store_db, "_pause", pause)
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.01)
    impatient = store_db.open_encrypted(path, key)  # as a workspace opens it
    done: list[object] = []

    def write() -> None:
        try:
            patient = store_db.open_encrypted(path, key, wait_s=60)
            with store_db.write_transaction(patient):
                patient.execute("INSERT INTO t VALUES (2)")
            store_db.close_checkpointed(patient, path)
            done.append(True)
        except BaseException as exc:
            done.append(exc)
            waiting.set()

    with store_db.write_transaction(holder):
        holder.execute("INSERT INTO t VALUES (1)")
        with (
            pytest.raises(WorkspaceBusyError),
            store_db.translated_errors(path),
            store_db.write_transaction(impatient),
        ):
            pass
        writer = threading.Thread(target=write)
        writer.start()
        assert waiting.wait(timeout=30)
        assert not done
    writer.join(timeout=60)
    assert done == [True]
    assert [r[0] for r in holder.execute("SELECT x FROM t ORDER BY x").fetchall()] == [1, 2]
    for db in (holder, impatient):
        store_db.close_checkpointed(db, path)
