"""Several bundles merged in one transaction of the embedded store (each in a savepoint
of its own): the same tables and the same outcomes as one transaction per bundle, in and
out of order, with hostile bundles in the middle of a group; a bundle refused after its
rows were written leaves the others of its group merged; a cancel or a killed worker in
the middle of a group leaves the merge of the bundles before it, and no process behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from docket.errors import BundleError, MergeWorkerError
from docket.server import merge, merge_worker
from tests.merge_world import World, table_rows
from tests.unit import test_merge_pipelined as pipelined
from tests.unit.test_merge_pipelined import (
    merged,
    no_worker_left,
    outcomes,
    sequences,
    stopped_merge,
)

# The pipelined merge's tests' fixtures: the same world of real results.
world = pipelined.world
hostile = pipelined.hostile
from_the_first_bundle = pipelined.from_the_first_bundle


@pytest.fixture
def grouped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every verdict taken as ready (so the merging process never commits to wait for the
    worker) and no time limit: groups end by their size alone. Gives the size of each
    group committed."""
    monkeypatch.setattr(merge_worker.MergeWorker, "ahead", lambda self: True)
    monkeypatch.setattr(merge, "GROUP_SECONDS", 3600.0)
    sizes: list[int] = []
    commit = merge._Group.commit

    def counted(self: merge._Group) -> None:
        if self._db is not None and self._db.conn.in_transaction:
            sizes.append(self._bundles)
        commit(self)

    monkeypatch.setattr(merge._Group, "commit", counted)
    return sizes


@pytest.mark.parametrize("size", [3, 100])
@pytest.mark.parametrize("order", ["in order", "out of order"])
@pytest.mark.usefixtures("from_the_first_bundle")
def test_grouped_bundles_give_the_tables_and_outcomes_of_one_transaction_each(
    world: World,
    hostile: dict[str, Path],
    grouped: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    order: str,
    size: int,
) -> None:
    monkeypatch.setattr(merge, "GROUP_BUNDLES", size)
    paths = sequences(world, hostile)[order]
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    assert grouped == []  # the merge in one process: a transaction per bundle
    two = merged(world, tmp_path / "two.db", paths, pipelined=True)
    no_worker_left()
    assert sum(grouped) == len(paths)
    assert max(grouped) == min(size, len(paths))
    assert outcomes(two) == outcomes(one)
    assert two.gaps == one.gaps
    assert {o.status for o in two.outcomes} == {"accepted", "duplicate", "rejected"}
    expected = table_rows(tmp_path / "one.db", world.server)
    assert expected["answers"] and table_rows(tmp_path / "two.db", world.server) == expected


@pytest.mark.usefixtures("from_the_first_bundle")
def test_hostile_bundles_in_the_middle_of_a_group_are_refused_alone(
    world: World, hostile: dict[str, Path], grouped: list[int], tmp_path: Path
) -> None:
    """A fork, the fork's continuation, a copy, a replay and a file that is no bundle,
    between genuine results of the same group: each refused or left as one transaction
    per bundle leaves it, the genuine ones around them merged."""
    r = world.results
    paths = [
        r["rev0"][0], r["rev1"][0], r["rev0"][1], r["rev2"][0], hostile["rev1-2-copy"],
        world.fork, hostile["garbage"], r["rev1"][1], hostile["rev0-fork-3"], r["rev0"][0],
        r["rev2"][1], r["rev0"][2],
    ]  # fmt: skip
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    two = merged(world, tmp_path / "two.db", paths, pipelined=True)
    assert grouped == [len(paths)]  # one transaction
    statuses = [o.status for o in two.outcomes]
    assert [statuses[i] for i in (5, 6, 8)] == ["rejected"] * 3
    assert statuses[7] == statuses[9] == "duplicate"
    assert statuses[-1] == "accepted"
    assert outcomes(two) == outcomes(one)
    assert table_rows(tmp_path / "two.db", world.server) == table_rows(
        tmp_path / "one.db", world.server
    )


def refusing_at(monkeypatch: pytest.MonkeyPatch, name: str, error: BaseException) -> None:
    """The merge of the bundle ``name`` fails with ``error`` once every row of it is
    written (as its last write, the record that it was merged)."""
    record_merged = merge._record_merged

    def record(db: Any, digest: str, result: Any, fp: str, kind: str) -> None:
        record_merged(db, digest, result, fp, kind)
        if result.bundle_id == name:
            raise error

    monkeypatch.setattr(merge, "_record_merged", record)


def bundle_id(path: Path, world: World) -> str:
    from docket.bundles.envelope import MAX_RESULT_BYTES, keyring, read_bundle_file
    from docket.bundles.result_bundle import read_result_bundle

    result = read_result_bundle(
        read_bundle_file(path, MAX_RESULT_BYTES), world.server, keyring(world.cards)
    )
    return str(result.opened.manifest.bundle_id)


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_bundle_refused_after_its_rows_were_written_leaves_the_rest_of_its_group(
    world: World, grouped: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = world.all_results
    refusing_at(monkeypatch, bundle_id(paths[4], world), BundleError("Refused at the end."))
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    two = merged(world, tmp_path / "two.db", paths, pipelined=True)
    assert grouped == [len(paths)]
    assert [o.status for o in two.outcomes] == ["accepted"] * 4 + ["rejected"] + ["accepted"] * (
        len(paths) - 5
    )
    assert outcomes(two) == outcomes(one)
    assert table_rows(tmp_path / "two.db", world.server) == table_rows(
        tmp_path / "one.db", world.server
    )


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_cancel_in_the_middle_of_a_bundle_of_a_group_keeps_the_bundles_before_it(
    world: World, grouped: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C once the fourth bundle's rows are written, its savepoint still open: the
    three before it are committed, nothing of the fourth."""
    paths = world.all_results
    record_merged = merge._record_merged
    refusing_at(monkeypatch, bundle_id(paths[3], world), KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        merged(world, tmp_path / "stopped.db", paths, pipelined=True)
    no_worker_left()
    assert grouped == [3]
    monkeypatch.setattr(merge, "_record_merged", record_merged)
    merged(world, tmp_path / "prefix.db", paths[:3], pipelined=False)
    assert table_rows(tmp_path / "stopped.db", world.server) == table_rows(
        tmp_path / "prefix.db", world.server
    )


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_cancel_between_two_bundles_of_a_group_keeps_the_bundles_before_it(
    world: World, grouped: list[int], tmp_path: Path
) -> None:
    def cancel(index: int) -> None:
        if index == 5:
            raise KeyboardInterrupt

    stopped_merge(world, tmp_path, cancel, KeyboardInterrupt)
    assert grouped == [5]


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_worker_killed_in_the_middle_of_a_group_keeps_the_bundles_it_sent(
    world: World, grouped: list[int], tmp_path: Path
) -> None:
    """The verdicts the worker sent before it was killed are merged, in one group,
    committed when its death is noticed; then the merge stops."""
    killed: list[int] = []

    def kill(index: int) -> None:
        if index == 0 and not killed:
            (child,) = multiprocessing.active_children()
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
            killed.append(child.pid)

    stopped_merge(world, tmp_path, kill, MergeWorkerError)
    assert killed
    assert len(grouped) <= 1


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_large_merge_s_cache_and_log_settings_hold_during_it_only(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docket.server.merged_store import MergedStore

    during: list[tuple[int, int]] = []
    bundle_done = merge._Group.bundle_done

    def settings(self: merge._Group) -> None:
        assert self._db is not None
        during.append(
            (
                int(self._db.execute("PRAGMA cache_size").fetchone()[0]),
                int(self._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]),
            )
        )
        bundle_done(self)

    monkeypatch.setattr(merge._Group, "bundle_done", settings)
    with MergedStore.open(tmp_path / "m.db", world.server) as store:
        merge.import_task_archive(store, world.server, world.archive)
        before = [
            store.db.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("cache_size", "wal_autocheckpoint")
        ]
        report = merge.merge_results(
            world.all_results, server=world.server, cards=world.cards, store=store, pipelined=True
        )
        after = [
            store.db.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("cache_size", "wal_autocheckpoint")
        ]
    no_worker_left()
    assert report.count("accepted") == len(world.all_results)
    assert set(during) == {(-merge.MERGE_CACHE_KIB, merge.MERGE_CHECKPOINT_PAGES)}
    assert after == before and before != [-merge.MERGE_CACHE_KIB, merge.MERGE_CHECKPOINT_PAGES]
