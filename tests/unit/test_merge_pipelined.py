"""The pipelined merge (a worker process reads and checks the next result bundles while
the merging process writes): the same tables and the same outcomes as the merge in one
process, hostile bundles included; a killed worker, a cancel and a file changed after the
worker read it leave the database as the bundles merged whole before them left it, and
no process behind."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket import Workspace
from docket.errors import MergeWorkerError
from docket.server import merge, merge_worker
from docket.server.merge import MergeReport, import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from tests.adversarial.test_hostile_pii_answers import HOSTILE as PII_HOSTILE
from tests.adversarial.test_hostile_pii_answers import world as pii_world  # noqa: F401
from tests.helpers import forged_result
from tests.merge_world import World, build_world, table_rows


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world-3x4"), reviewers=3, exports=4, tasks=12)


@pytest.fixture(scope="module")
def hostile(world: World, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Bundles signed with a reviewer's real key that must be refused or change nothing:
    the fork of rev0's second result and a third result continuing the fork's log (its
    chain and log depart from the merged ones), a copy of a result (a duplicate), a file
    cut short and one that is no bundle."""
    out = tmp_path_factory.mktemp("hostile")
    key = world.root / "keys" / "rev0.key"
    with Workspace.open(world.root / "ws-fork", key) as ws:
        task_id = next(iter(ws.tasks())).id
        ws.record(task_id, {"preference": {"better": ws.task(task_id).responses[0].id,
                                           "strength": "slight"}, "rationale": "Forked."})  # fmt: skip
        assert ws.export_results(out / "rev0-fork-3.result").sequence == 3
    shutil.copy(world.results["rev1"][1], out / "rev1-2-copy.result")
    data = world.results["rev2"][2].read_bytes()
    (out / "rev2-3-cut.result").write_bytes(data[: len(data) // 2])
    (out / "garbage.result").write_bytes(b"not a bundle at all\n")
    return {p.stem: p for p in out.iterdir()}


@pytest.fixture
def from_the_first_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The merging process waits for its worker instead of merging the first bundles
    itself while the worker starts: every bundle then goes through the worker."""
    ready = merge_worker.MergeWorker.ready

    def waiting(self: merge_worker.MergeWorker) -> bool:
        while not ready(self):
            self._wait()
        return True

    monkeypatch.setattr(merge_worker.MergeWorker, "ready", waiting)


def merged(
    world: World,
    db: Path,
    paths: list[Path],
    *,
    pipelined: bool,
    progress: Callable[[int, int, Path], None] | None = None,
) -> MergeReport:
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        return merge_results(
            paths,
            server=world.server,
            cards=world.cards,
            store=store,
            pipelined=pipelined,
            progress=progress,
        )


def outcomes(report: MergeReport) -> list[tuple[Any, ...]]:
    return [
        (o.path.name, o.status, o.reason, o.reviewer, o.new, o.updated) for o in report.outcomes
    ]


def no_worker_left() -> None:
    assert multiprocessing.active_children() == []


def sequences(world: World, hostile: dict[str, Path]) -> dict[str, list[Path]]:
    """Each chain in order with the hostile bundles late; then arrival out of order
    (later results first, older ones replayed after newer ones)."""
    r = world.results
    in_order = [
        *world.all_results,
        world.fork,
        hostile["rev0-fork-3"],
        hostile["rev1-2-copy"],
        r["rev0"][0],  # a replay
        hostile["rev2-3-cut"],
        hostile["garbage"],
    ]
    shuffled = [
        r["rev1"][3], r["rev1"][2], r["rev0"][0], r["rev2"][1], world.fork, r["rev0"][1],
        hostile["rev0-fork-3"], r["rev2"][0], r["rev1"][0], r["rev0"][3], r["rev0"][2],
        r["rev2"][3], hostile["garbage"], r["rev1"][1], r["rev2"][2], hostile["rev1-2-copy"],
        r["rev0"][1],
    ]  # fmt: skip
    return {"in order": in_order, "out of order": shuffled}


@pytest.mark.parametrize(
    ("order", "how"),
    [
        ("in order", "every bundle through the worker"),
        ("out of order", "every bundle through the worker"),
        ("in order", "as it runs"),
        ("in order", "facts worked out by the merging process"),
    ],
)
def test_the_pipelined_merge_gives_the_one_process_merge_tables_and_outcomes(
    world: World,
    hostile: dict[str, Path],
    tmp_path: Path,
    order: str,
    how: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every bundle through the worker; as the merge runs (the first ones merged by the
    merging process itself while the worker starts); and with the merging process always
    waiting for the worker, which then leaves the answers' facts to it."""
    if how != "as it runs":
        request.getfixturevalue("from_the_first_bundle")
    told: list[bool] = []
    if how == "facts worked out by the merging process":
        work_out_facts = merge_worker.MergeWorker.work_out_facts

        def tell(self: merge_worker.MergeWorker, yes: bool) -> None:
            told.append(yes)
            work_out_facts(self, yes)

        monkeypatch.setattr(merge_worker.MergeWorker, "ahead", lambda self: False)
        monkeypatch.setattr(merge_worker.MergeWorker, "work_out_facts", tell)

    paths = sequences(world, hostile)[order]
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    two = merged(world, tmp_path / "two.db", paths, pipelined=True)
    if how == "facts worked out by the merging process":
        # Told once, after three bundles (these small bundles may all be read by then:
        # the test below leaves the facts to the merging process for certain).
        assert told == [False]
    no_worker_left()
    assert outcomes(two) == outcomes(one)
    assert two.gaps == one.gaps
    assert {o.status for o in one.outcomes} == {"accepted", "duplicate", "rejected"}
    rejected = {o.path.name: o.reason for o in one.outcomes if o.status == "rejected"}
    assert "garbage.result" in rejected
    if order == "in order":
        assert set(rejected) == {
            "rev0-fork-2.result", "rev0-fork-3.result", "rev2-3-cut.result", "garbage.result"
        }  # fmt: skip
    else:  # the fork came first: rev0's own later results depart from its log
        assert {"rev0-2.result", "rev0-3.result", "rev0-4.result"} <= set(rejected)
    expected = table_rows(tmp_path / "one.db", world.server)
    assert expected["answers"] and table_rows(tmp_path / "two.db", world.server) == expected


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_fork_refused_before_its_continuation_is_not_taken_as_merged(
    world: World, hostile: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker reads the fork's continuation after the fork's own log, which it
    verified itself; the fork is then refused, so the continuation's log is compared
    entry by entry with the merged one, as the merge in one process compares it."""
    r = world.results
    paths = [r["rev0"][0], r["rev0"][1], world.fork, hostile["rev0-fork-3"]]
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    compared: list[int] = []
    skipped_entries = merge._Checked.skipped_entries

    def spy(self: Any) -> list[tuple[int, str]]:
        found = skipped_entries(self)
        compared.append(len(found))
        return found

    monkeypatch.setattr(merge._Checked, "skipped_entries", spy)
    two = merged(world, tmp_path / "two.db", paths, pipelined=True)
    assert compared and compared[0] > 0  # the fork's entries, compared with the merged ones
    assert [o.status for o in two.outcomes] == ["accepted", "accepted", "rejected", "rejected"]
    assert outcomes(two) == outcomes(one)
    assert table_rows(tmp_path / "two.db", world.server) == table_rows(
        tmp_path / "one.db", world.server
    )


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_fork_merged_first_is_continued_by_its_next_result(
    world: World, hostile: dict[str, Path], tmp_path: Path
) -> None:
    """Without the original second result, the fork's continuation follows the fork's
    log, merged: both are accepted, as in one process."""
    r = world.results
    alone = [r["rev0"][0], world.fork, hostile["rev0-fork-3"]]
    one = merged(world, tmp_path / "one-b.db", alone, pipelined=False)
    two = merged(world, tmp_path / "two-b.db", alone, pipelined=True)
    assert [o.status for o in two.outcomes] == ["accepted"] * 3
    assert outcomes(two) == outcomes(one)
    assert table_rows(tmp_path / "two-b.db", world.server) == table_rows(
        tmp_path / "one-b.db", world.server
    )


def test_facts_left_to_the_merging_process_are_the_facts_the_worker_works_out(
    world: World, hostile: dict[str, Path], tmp_path: Path
) -> None:
    """The two halves in this process, every other bundle's facts left to the merging
    process: the same tables and outcomes as the merge in one process."""
    paths = sequences(world, hostile)["in order"]
    one = merged(world, tmp_path / "one.db", paths, pipelined=False)
    with MergedStore.open(tmp_path / "two.db", world.server) as store:
        import_task_archive(store, world.server, world.archive)
        report = MergeReport()
        applier = merge._Applier(store, world.server, report, merge._Seen())
        verifier = merge.Verifier(world.server, world.cards, merge.merged_prefixes(store))
        for i, path in enumerate(paths):
            verdict = verifier.verdict(path, facts=i % 2 == 0)
            if verdict[0] == "checked":
                assert verdict[1].facts == (i % 2 == 0)
            report.outcomes.append(applier.apply(path, verdict))
    assert outcomes(report) == outcomes(one)
    assert table_rows(tmp_path / "two.db", world.server) == table_rows(
        tmp_path / "one.db", world.server
    )


def stopped_merge(
    world: World, tmp_path: Path, stop: Callable[[int], None], error: type[BaseException]
) -> None:
    """Merge every result with the worker, ``stop(index)`` called as each bundle is
    reached; the merge must raise ``error``, leave the bundles merged before it whole and
    the others untouched (the tables of the merge in one process of those bundles), and no
    process behind."""
    paths = world.all_results
    db = tmp_path / "stopped.db"
    with pytest.raises(error):
        merged(world, db, paths, pipelined=True, progress=lambda i, n, p: stop(i))
    no_worker_left()
    with MergedStore.open(db, world.server) as store:
        done = int(store.db.execute("SELECT COUNT(*) FROM merged").fetchone()[0])
    assert done < len(paths)
    merged(world, tmp_path / "prefix.db", paths[:done], pipelined=False)
    assert table_rows(db, world.server) == table_rows(tmp_path / "prefix.db", world.server)


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_killed_worker_stops_the_merge_between_two_bundles(world: World, tmp_path: Path) -> None:
    killed: list[int] = []

    def kill(index: int) -> None:
        # As the first bundle's verdict is awaited: the worker has just been started and
        # cannot have sent them all (it reads a few ahead, and these bundles are small).
        if index == 0 and not killed:
            (child,) = multiprocessing.active_children()
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
            killed.append(child.pid)

    stopped_merge(world, tmp_path, kill, MergeWorkerError)
    assert killed


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_cancel_stops_the_merge_between_two_bundles(world: World, tmp_path: Path) -> None:
    def cancel(index: int) -> None:
        if index == 3:
            raise KeyboardInterrupt

    stopped_merge(world, tmp_path, cancel, KeyboardInterrupt)


@pytest.mark.usefixtures("from_the_first_bundle")
def test_a_file_changed_after_the_worker_read_it_is_merged_as_it_was_read(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the worker has sent a bundle's verdict, its file is replaced by another valid
    result (the reviewer's next one): the merge writes what the worker verified, never
    the new file."""
    r = world.results
    originals = [r["rev0"][0], r["rev1"][0], r["rev2"][0]]
    paths = []
    for p in originals:
        paths.append(tmp_path / p.name)
        shutil.copy(p, paths[-1])
    swaps = {paths[1]: r["rev1"][1]}
    receive = merge_worker.MergeWorker.receive
    received = [0]

    def receive_then_swap(self: merge_worker.MergeWorker) -> tuple[Any, ...]:
        message = receive(self)
        path = paths[received[0]]
        received[0] += 1
        if path in swaps:
            shutil.copy(swaps[path], path)
        return message

    monkeypatch.setattr(merge_worker.MergeWorker, "receive", receive_then_swap)
    report = merged(world, tmp_path / "swapped.db", paths, pipelined=True)
    assert [o.status for o in report.outcomes] == ["accepted"] * 3
    assert paths[1].read_bytes() == r["rev1"][1].read_bytes()  # the file did change
    merged(world, tmp_path / "original.db", originals, pipelined=False)
    assert table_rows(tmp_path / "swapped.db", world.server) == table_rows(
        tmp_path / "original.db", world.server
    )


def test_a_merge_of_a_few_small_files_stays_in_one_process(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_worker(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(merge_worker.MergeWorker, "__init__", no_worker)
    assert not merge_worker.worth_a_worker(world.all_results)
    assert not merge_worker.worth_a_worker([world.fork])
    report = merged(world, tmp_path / "small.db", world.all_results[:3], pipelined=None)
    assert [o.status for o in report.outcomes] == ["accepted"] * 3
    monkeypatch.setattr(merge_worker, "PIPELINE_MIN_BYTES", 1)
    monkeypatch.setattr(merge_worker, "_processors", lambda: 2)
    assert merge_worker.worth_a_worker(world.all_results[:2])
    assert not merge_worker.worth_a_worker(world.all_results[:1])
    monkeypatch.setattr(merge_worker, "_processors", lambda: 1)  # nothing to gain
    assert not merge_worker.worth_a_worker(world.all_results[:2])


@pytest.mark.parametrize(
    "attack",
    ["a mark in the prompt whose quote is not the text", "a dismissal past the end of the response"],
)  # fmt: skip
@pytest.mark.usefixtures("from_the_first_bundle")
def test_answers_checked_against_the_archive_are_checked_by_the_merging_process(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    attack: str,
) -> None:
    """PII marks are checked against the archived texts, which only the merging process
    reads: the worker hands such a result over whole, verified, and the merging process
    checks it, refusing the same forgeries with the same reasons (signed with the
    reviewer's real key, after a genuine result)."""
    w = request.getfixturevalue("pii_world")
    handed_over: list[Path] = []
    merge_one = merge._merge_one

    def spy(store: Any, server: Any, result: Any, path: Path, *args: Any, **kw: Any) -> Any:
        handed_over.append(path)
        return merge_one(store, server, result, path, *args, **kw)

    bad = forged_result(w["tmp"], PII_HOSTILE[attack], f"hostile-{len(attack)}.result")
    paths = [w["results"]["bob"], bad, w["results"]["alice"]]
    reports = []
    for pipelined in (False, True):
        if pipelined:
            monkeypatch.setattr(merge, "_merge_one", spy)
        with MergedStore.open(tmp_path / f"{pipelined}.db", w["server"]) as store:
            import_task_archive(store, w["server"], w["archive"])
            report = merge_results(
                paths, server=w["server"], cards=w["cards"], store=store, pipelined=pipelined
            )
        reports.append(report)
    assert handed_over == paths  # every result: each holds pii answers
    assert [o.status for o in reports[1].outcomes] == ["accepted", "rejected", "accepted"]
    assert "pii" in reports[1].outcomes[1].reason
    assert outcomes(reports[1]) == outcomes(reports[0])
    assert table_rows(tmp_path / "True.db", w["server"]) == table_rows(
        tmp_path / "False.db", w["server"]
    )


class _CountedRows(dict):  # type: ignore[type-arg]
    """Sealed rows that count how often they are compared by value."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        type(self).compared += 1
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def test_equal_sealed_rows_in_another_object_are_compared_once(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows this process stored itself while its worker started, then the worker's
    equal copy at every bundle: compared by value once, neither written again nor
    compared again after."""
    written: list[int] = []
    original = merge._store_sealed_rows
    monkeypatch.setattr(merge, "_store_sealed_rows", lambda *a: written.append(1) or original(*a))
    rows = merge._sealed_rows({"originals": {"t1": {"a": "x"}, "t2": {"b": "y"}}})
    copy = _CountedRows(rows)
    with MergedStore.open(tmp_path / "m.db", world.server) as store:
        seen = merge._Seen()

        def stored(given: merge.SealedRows) -> None:
            seen.begin()
            store.db.write(lambda: seen.store_sealed(store.db, lambda: given, "p"))
            seen.committed()

        stored(rows)
        assert written == [1]
        for _ in range(3):
            stored(copy)
        assert written == [1]
        assert _CountedRows.compared == 1
        assert store.db.execute("SELECT COUNT(*) FROM originals").fetchone()[0] == 2


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_midway_hash_is_the_hash_of_a_section_s_first_bytes(
    world: World, data: st.DataObject
) -> None:
    """The envelope hashes the first bytes of the section asked for (a result's audit
    log up to its part merged before) in the pass that checks the section's own hash;
    the bundle opened is the same."""
    from docket.bundles.envelope import keyring, open_sealed

    raw = world.all_results[-1].read_bytes()

    def opened(**midway: Any) -> Any:
        return open_sealed(raw, world.server, signer=keyring(world.cards),
                           expected_type="result", check_expiry=False, **midway)  # fmt: skip

    plain = opened()
    name = data.draw(st.sampled_from(["audit.jsonl", "answers.jsonl", "no such section"]))
    section = plain.sections.get(name, b"")
    length = data.draw(st.integers(min_value=-1, max_value=len(section) + 1))
    asked = opened(midway=lambda manifest, card: (name, length))
    expected = hashlib.sha256(section[:length]).hexdigest() if 0 < length <= len(section) else None
    assert asked.midway_sha256 == expected
    assert plain.midway_sha256 is None
    assert (asked.manifest, asked.sections, asked.signer) == (
        plain.manifest,
        plain.sections,
        plain.signer,
    )
