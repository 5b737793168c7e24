"""``docket merge --watch``: the watched inbox (docket.server.inbox), driven one poll at a
time. Real result bundles copied in slowly (several partial writes), under a temporary
name then renamed, a tampered one, duplicates, and a watcher stopped between a merge's
commit and its move: each good bundle merged exactly once, in the same rows as one plain
merge; the bad one in rejected/ with its reason."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.server.inbox import (
    CLAIM,
    Inbox,
    IncompleteFileError,
    Merged,
    _free_name,
    is_candidate,
    merging_inbox,
    watching,
)
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from tests.helpers import ROOT
from tests.merge_world import World, build_world, table_rows


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("inbox-world"), reviewers=2, exports=3, tasks=12)


@pytest.fixture(scope="module")
def expected(world: World, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The rows one plain merge of every good bundle gives."""
    db = tmp_path_factory.mktemp("plain") / "merged.db"
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        report = merge_results(
            world.all_results, server=world.server, cards=world.cards, store=store
        )
        assert report.count("accepted") == len(world.all_results)
    return table_rows(db, world.server)


class Clock:
    """The time the inbox measures its grace against: now, plus what a test adds."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def new_inbox(
    world: World, folder: Path, store: MergedStore, clock: Clock, lines: list[str]
) -> Inbox:
    return merging_inbox(
        folder,
        server=world.server,
        keyring_dir=world.ring,
        store=store,
        log=lines.append,
        clock=clock,
    )


def chunked(src: Path, chunks: int) -> list[bytes]:
    data = src.read_bytes()
    step = -(-len(data) // chunks)
    return [data[i : i + step] for i in range(0, len(data), step)]


def merged_count(store: MergedStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM merged").fetchone()[0])


def test_slow_copies_merge_once_the_tampered_one_is_rejected(
    world: World, expected: dict[str, Any], tmp_path: Path
) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    db = tmp_path / "merged.db"
    clock, lines = Clock(), []
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        inbox = new_inbox(world, inbox_dir, store, clock, lines)
        results = world.all_results
        # The first half copied in place, three chunks each, a poll between chunks (and
        # two polls after the first chunk: settled, but not whole, so it waits).
        events = []
        for src in results[: len(results) // 2]:
            dst = inbox_dir / src.name
            with dst.open("wb") as fh:
                for i, chunk in enumerate(chunked(src, 3)):
                    fh.write(chunk)
                    fh.flush()
                    got = inbox.poll_once() + (inbox.poll_once() if i == 0 else [])
                    assert src.name not in {e.name for e in got}  # never before it is whole
                    events += got
            assert src.name in inbox.pending()
        # The second half written under a temporary name, then renamed into place.
        for src in results[len(results) // 2 :]:
            part = inbox_dir / f"{src.name}.part"
            part.write_bytes(src.read_bytes()[:100])
            events += inbox.poll_once() + inbox.poll_once()
            assert part.name not in inbox.pending()  # never read
            part.write_bytes(src.read_bytes())
            part.rename(inbox_dir / src.name)
        # A tampered copy and a duplicate under another name.
        data = bytearray(results[0].read_bytes())
        data[len(data) // 2] ^= 0x01
        (inbox_dir / "tampered.result").write_bytes(bytes(data))
        (inbox_dir / "again.result").write_bytes(results[1].read_bytes())
        events += inbox.poll_once() + inbox.poll_once()
        assert sorted(e.name for e in events) == sorted(
            [p.name for p in results] + ["again.result"]
        )
        assert all(e.status == "accepted" for e in events if e.name != "again.result")
        assert inbox.pending() == ["tampered.result"]  # not whole: given its grace first
        assert inbox.poll_once() == []
        clock.offset = 61.0
        (rejected,) = inbox.poll_once()
        assert rejected.status == "rejected"
        assert merged_count(store) == len(results)
    assert sorted(p.name for p in (inbox_dir / "accepted").iterdir()) == sorted(
        p.name for p in results
    )
    assert [p.name for p in (inbox_dir / "duplicates").iterdir()] == ["again.result"]
    reason = (inbox_dir / "rejected" / "tampered.result.reason.txt").read_text()
    assert "incomplete or damaged" in reason and "damaged" in reason.split(":", 1)[1]
    assert (inbox_dir / "rejected" / "tampered.result").read_bytes() == bytes(data)
    assert not [p for p in inbox_dir.iterdir() if p.is_file() and p.name != ".docket-inbox.lock"]
    assert len(lines) == len(results) + 2 and all(" -> " in line for line in lines)
    assert table_rows(db, world.server) == expected


class Stopped(BaseException):
    """The watcher's process killed (not an error the watcher handles)."""


def test_a_restart_between_commit_and_move_merges_nothing_twice(
    world: World, expected: dict[str, Any], tmp_path: Path
) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    db = tmp_path / "merged.db"
    results = world.all_results
    clock, lines = Clock(), []
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        for src in results[:3]:
            (inbox_dir / src.name).write_bytes(src.read_bytes())
        # A partial copy of the fourth, still being written when the watcher stops.
        fourth = results[3]
        (inbox_dir / fourth.name).write_bytes(fourth.read_bytes()[:500])
        first = new_inbox(world, inbox_dir, store, clock, lines)
        merges = 0
        real_merge = first._merge

        def merge_then_die(path: Path) -> Merged:
            nonlocal merges
            outcome = real_merge(path)
            merges += 1
            if merges == 2:
                raise Stopped  # committed, not yet moved
            return outcome

        first._merge = merge_then_die
        assert first.poll_once() == []
        with pytest.raises(Stopped):
            first.poll_once()
        assert merged_count(store) == 2
        assert (inbox_dir / CLAIM).exists()
        # The watcher starts again; the fourth file is completed meanwhile.
        (inbox_dir / fourth.name).write_bytes(fourth.read_bytes())
        second = new_inbox(world, inbox_dir, store, clock, lines)
        events = second.poll_once() + second.poll_once()
        for src in results[4:]:
            (inbox_dir / src.name).write_bytes(src.read_bytes())
        events += second.poll_once() + second.poll_once()
        statuses = {e.name: e.status for e in events}
        assert set(statuses.values()) == {"accepted"}, lines
        assert any("merged before the watcher restarted" in line for line in lines)
        assert merged_count(store) == len(results)
        assert not (inbox_dir / CLAIM).exists()
    assert sorted(p.name for p in (inbox_dir / "accepted").iterdir()) == sorted(
        p.name for p in results
    )
    assert list((inbox_dir / "duplicates").iterdir()) == []
    assert table_rows(db, world.server) == expected


def test_a_fork_is_rejected_with_its_reason(world: World, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    lines: list[str] = []
    with MergedStore.open(tmp_path / "m.db", world.server) as store:
        import_task_archive(store, world.server, world.archive)
        inbox = new_inbox(world, inbox_dir, store, Clock(), lines)
        first, second = world.results["rev0"][:2]
        for src in (first, second, world.fork):
            (inbox_dir / src.name).write_bytes(src.read_bytes())
        inbox.poll_once()
        events = {e.name: e for e in inbox.poll_once()}
    assert events[world.fork.name].status == "rejected"
    reason = (inbox_dir / "rejected" / f"{world.fork.name}.reason.txt").read_text()
    assert "rev0" in events[world.fork.name].line and reason.strip()
    assert {events[first.name].status, events[second.name].status} == {"accepted"}


def test_an_error_that_is_not_the_files_leaves_it_waiting(tmp_path: Path) -> None:
    from docket.errors import DocketError

    (tmp_path / "a.result").write_bytes(b"whole")
    calls: list[Path] = []
    broken = [True]

    def merge(path: Path) -> Merged:
        calls.append(path)
        if broken[0]:
            raise DocketError("No public cards (*.pub) in the keyring ring.")
        return Merged("accepted", "sequence 1", "alice")

    lines: list[str] = []
    inbox = Inbox(tmp_path, check=lambda p: None, merge=merge, log=lines.append)
    assert inbox.poll_once() == [] and inbox.poll_once() == []
    assert len(calls) == 1 and "will retry" in lines[0]
    assert inbox.pending() == [] and (tmp_path / "a.result").exists()
    broken[0] = False
    assert inbox.poll_once() == []
    (event,) = inbox.poll_once()
    assert event.status == "accepted" and (tmp_path / "accepted" / "a.result").exists()


def test_an_incomplete_file_is_checked_again_only_when_it_changes(tmp_path: Path) -> None:
    checks: list[int] = []

    def check(path: Path) -> None:
        checks.append(path.stat().st_size)
        if path.read_bytes() != b"whole!":
            raise IncompleteFileError("The bundle is truncated.")

    inbox = Inbox(
        tmp_path,
        check=check,
        merge=lambda p: Merged("accepted", "sequence 1"),
        log=lambda line: None,
    )
    (tmp_path / "a.result").write_bytes(b"who")
    for _ in range(4):
        assert inbox.poll_once() == []
    assert checks == [3]
    (tmp_path / "a.result").write_bytes(b"whole!")
    assert inbox.poll_once() == []
    (event,) = inbox.poll_once()
    assert event.status == "accepted" and checks == [3, 6]


def test_one_watcher_per_folder(tmp_path: Path) -> None:
    pytest.importorskip("fcntl", reason="the watcher's lock is POSIX advisory locking")
    from docket.errors import DocketError

    with watching(tmp_path), pytest.raises(DocketError, match="Another"), watching(tmp_path):
        pass
    with watching(tmp_path):  # released
        pass


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n and "\0" not in n))
def test_a_taken_name_gets_a_number_and_keeps_its_extension(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    folder = tmp_path_factory.mktemp("names")
    try:
        (folder / name).write_bytes(b"x")
        (folder / (name + ".2")).write_bytes(b"x")
    except OSError:
        return  # a name the file system refuses ("." or "..", too long once encoded)
    target = _free_name(folder, name)
    assert target.parent == folder and not target.exists() and target.name != name
    if "." in name:
        assert target.name.endswith("." + name.partition(".")[2])


@pytest.mark.parametrize(
    ("name", "taken"),
    [("a.result", True), (".a.result", False), ("a.result.part", False), ("a.tmp", False),
     ("a.result~", False), ("a.partial", False), (".docket-inbox-claim", False)],
)  # fmt: skip
def test_temporary_names_are_never_read(name: str, taken: bool) -> None:
    assert is_candidate(name) is taken


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_the_command_stops_cleanly_on_sigterm(world: World, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "docket.cli", "merge", "--watch", str(inbox_dir),
         "--server-key", str(world.server_key), "--keyring", str(world.ring),
         "--db", str(tmp_path / "m.db"), "--tasks", str(world.archive), "--interval", "0.05"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        src = world.results["rev1"][0]
        (inbox_dir / src.name).write_bytes(src.read_bytes())
        wait_for(lambda: (inbox_dir / "accepted" / src.name).exists() or proc.poll() is not None)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert f"accepted {src.name} -> accepted/{src.name}: rev1: sequence 1" in out
    assert "stopped; files still waiting: none" in err


def test_merge_wants_files_or_a_folder_not_both(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docket.cli import main

    base = ["merge", "--server-key", str(world.server_key), "--keyring", str(world.ring),
            "--db", str(tmp_path / "m.db")]  # fmt: skip
    assert main(base) == 1
    assert "Nothing to merge" in capsys.readouterr().err
    both = [*base, str(world.all_results[0]), "--watch", str(tmp_path)]
    assert main(both) == 1
    assert "not both" in capsys.readouterr().err
    assert main([*base, "--watch", str(tmp_path / "missing")]) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert not (tmp_path / "m.db").exists()  # refused before anything was opened


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 40), min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(st.integers(0, 3), max_size=30),
)
def test_a_file_is_never_merged_before_it_is_whole(
    tmp_path_factory: pytest.TempPathFactory, chunks: list[list[int]], schedule: list[int]
) -> None:
    """Files written in chunks, polls in between in any order: the merge only ever sees a
    file's whole content, and each file is merged exactly once."""
    folder = tmp_path_factory.mktemp("inbox")
    full = {f"f{i}.result": bytes(range(sum(sizes))) for i, sizes in enumerate(chunks)}
    written = dict.fromkeys(full, 0)
    merged: list[str] = []

    def check(path: Path) -> None:
        if path.read_bytes() != full[path.name]:
            raise IncompleteFileError("The bundle is truncated.")

    def merge(path: Path) -> Merged:
        assert path.read_bytes() == full[path.name]
        merged.append(path.name)
        return Merged("accepted", "sequence 1")

    inbox = Inbox(folder, check=check, merge=merge, log=lambda line: None)
    steps = list(schedule) + [1 + i for i in range(len(chunks)) for _ in range(4)]
    for step in steps:
        if step == 0:
            inbox.poll_once()
            continue
        name = f"f{(step - 1) % len(chunks)}.result"
        sizes = chunks[(step - 1) % len(chunks)]
        done = written[name]
        if done >= len(sizes):
            inbox.poll_once()
            continue
        start = sum(sizes[:done])
        with (folder / name).open("ab") as fh:
            fh.write(full[name][start : start + sizes[done]])
        written[name] = done + 1
    inbox.poll_once()
    inbox.poll_once()
    assert sorted(merged) == sorted(full)
