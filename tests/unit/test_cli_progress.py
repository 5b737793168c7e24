"""Progress on the command line (docket.cli.progress, docket.core.progress): bars with
what is done, the rate and the time left on a terminal, nothing (and tqdm not imported)
elsewhere or with --quiet; Ctrl+C, raised from the progress callback at every stage,
leaves nothing half-written: no bundle, data file, export record or temporary file."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from docket import Workspace
from docket.bundles import keys
from docket.bundles.keys import PublicCard
from docket.cli import main
from docket.cli.progress import Bars
from docket.core.progress import held_interrupts
from docket.server.dataset import export
from docket.server.merge import import_task_archive, merge_results
from docket.server.merged_store import MergedStore
from docket.server.pack import pack
from tests.helpers import ROOT, pair_tasks
from tests.merge_world import World, build_world


def test_a_bar_shows_items_done_rate_and_time_left() -> None:
    out = io.StringIO()
    with Bars(stream=out, force=True, mininterval=0) as bars:
        for done in range(11):
            bars("merging result bundles", done, 10)
        bars("scanning for PII", 3, None)  # a stage of unknown size: a count and a rate
        bars.share("Reading tasks", 0.45)
    text = out.getvalue()
    assert "merging result bundles:  50%" in text and "5/10" in text
    assert "items/s" in text and "<" in text  # the rate, and elapsed<remaining
    assert "scanning for PII: 3" in text
    assert "Reading tasks:  45%" in text


def test_quiet_and_not_a_terminal_draw_nothing() -> None:
    out = io.StringIO()  # not a terminal
    with Bars(stream=out) as bars:
        bars("merging", 1, 2)
    with Bars(stream=out, force=True, quiet=True) as bars:
        bars("merging", 1, 2)
        bars.share("Saving", 0.9)
    assert out.getvalue() == ""


def test_tqdm_is_not_imported_when_no_bar_is_drawn() -> None:
    code = (
        "import sys\n"
        "from docket.cli.progress import Bars\n"
        "with Bars() as bars:\n"
        "    bars('merging', 1, 2)\n"
        "print('tqdm' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "False" and done.stderr == ""


def test_held_interrupts_finish_the_block_then_interrupt() -> None:
    finished = []

    def block() -> None:
        with held_interrupts():
            os.kill(os.getpid(), signal.SIGINT)
            finished.append(True)  # reached: the interrupt waited for the block

    with pytest.raises(KeyboardInterrupt):
        block()
    assert finished == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_held_interrupts_hand_the_signal_to_the_handler_before() -> None:
    calls: list[str] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: calls.append("handler"))
    try:
        with held_interrupts():
            os.kill(os.getpid(), signal.SIGINT)
            calls.append("block")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert calls == ["block", "handler"]


# --- pack ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keyring(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("keys")
    for name in ("server", "alice", "bob"):
        keys.write_key_pair(keys.generate(name), d, passphrase=None)
    return d


class Interrupt:
    """A progress callback that presses Ctrl+C when ``stage`` first reports."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.stages: list[str] = []

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.stages:
            self.stages.append(stage)
        if stage == self.stage:
            raise KeyboardInterrupt


@pytest.mark.parametrize("stage", ["blinding tasks", "scanning for PII", "encrypting bundles"])
def test_pack_interrupted_at_any_stage_writes_nothing(
    keyring: Path, tmp_path: Path, stage: str
) -> None:
    tasks = pair_tasks(tmp_path / "tasks.jsonl", count=4)
    out = tmp_path / "out"
    interrupt = Interrupt(stage)
    with pytest.raises(KeyboardInterrupt):
        pack(
            tasks,
            server=keys.load_secret_key(keyring / "server.key"),
            reviewers=[PublicCard.load(keyring / f"{n}.pub") for n in ("alice", "bob")],
            out_dir=out,
            overlap=2,
            progress=interrupt,
        )
    assert interrupt.stages[-1] == stage
    assert not out.exists() or list(out.iterdir()) == []


def test_the_pack_command_interrupted_exits_130_having_written_nothing(
    keyring: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    tasks = pair_tasks(tmp_path / "tasks.jsonl", count=4)
    monkeypatch.setattr(Bars, "__call__", Interrupt("encrypting bundles"))
    args = ["pack", str(tasks), "--server-key", str(keyring / "server.key"),
            "--reviewer", str(keyring / "alice.pub"), "--out", str(tmp_path / "out")]  # fmt: skip
    assert main(args) == 130
    assert "interrupted" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    monkeypatch.undo()
    assert main([*args, "--quiet"]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 3  # bundle, archive, summary


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_pack_on_a_terminal_draws_its_bars(keyring: Path, tmp_path: Path) -> None:
    import pty

    tasks = pair_tasks(tmp_path / "tasks.jsonl", count=4)
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "docket.cli", "pack", str(tasks),
         "--server-key", str(keyring / "server.key"), "--reviewer", str(keyring / "alice.pub"),
         "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL, stderr=secondary, env=env,
    )  # fmt: skip
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    proc.wait(timeout=120)
    assert proc.returncode == 0
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert "encrypting bundles" in drawn and "%|" in drawn


# --- export and dataset export ----------------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("progress-world"), reviewers=2, exports=1, tasks=6)


def test_export_interrupted_leaves_no_file_and_no_record(world: World, tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    import shutil

    shutil.copytree(world.root / "ws-rev1", ws_dir)
    key = world.root / "keys" / "rev1.key"
    for step in (0, 1, 2):

        def interrupt(stage: str, done: int, total: int | None, step: int = step) -> None:
            if done == step:
                raise KeyboardInterrupt

        with Workspace.open(ws_dir, key) as ws:
            before = ws.store.last_export()
            with pytest.raises(KeyboardInterrupt):
                ws.export_results(tmp_path / "r.result", progress=interrupt)
            assert ws.store.last_export() == before
        assert not (tmp_path / "r.result").exists()
        assert [p.name for p in tmp_path.iterdir()] == ["ws"]
    with Workspace.open(ws_dir, key) as ws:
        assert ws.export_results(tmp_path / "r.result").sequence == before[0] + 1  # type: ignore[index]


def test_dataset_export_interrupted_writes_nothing(world: World, tmp_path: Path) -> None:
    db = tmp_path / "db" / "m.db"
    db.parent.mkdir()
    with MergedStore.open(db, world.server) as store:
        import_task_archive(store, world.server, world.archive)
        merge_results(world.all_results, server=world.server, cards=world.cards, store=store)
        for stage in ("building judgments rows", "scanning for PII"):
            with pytest.raises(KeyboardInterrupt):
                export(store, "judgments", tmp_path / "out.jsonl", progress=Interrupt(stage))
            assert sorted(p.name for p in tmp_path.iterdir()) == ["db"]
        with pytest.raises(KeyboardInterrupt):
            export(
                store, "dpo", tmp_path / "out.jsonl", redact=True, progress=Interrupt("masking PII")
            )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["db"]
        summary = export(store, "judgments", tmp_path / "out.jsonl", progress=Interrupt("none"))
    assert summary.rows == len((tmp_path / "out.jsonl").read_text().splitlines()) > 0


def test_import_interrupted_at_any_stage_imports_nothing(keyring: Path, tmp_path: Path) -> None:
    tasks = pair_tasks(tmp_path / "tasks.jsonl", count=4)
    packed = pack(
        tasks,
        server=keys.load_secret_key(keyring / "server.key"),
        reviewers=[PublicCard.load(keyring / "alice.pub")],
        out_dir=tmp_path / "out",
    )
    stages: list[str] = []

    def record(stage: str, fraction: float) -> None:
        stages.append(stage)

    with Workspace.open(tmp_path / "probe", keyring / "alice.key") as ws:
        ws.import_bundle(packed.bundles[0].path, keyring / "server.pub", progress=record)
    assert "Saving" in stages
    for n, stop in enumerate(stages[:-1]):  # every stage up to the commit ("Done" is after it)

        def interrupt(stage: str, fraction: float, stop: str = stop) -> None:
            if stage == stop:
                raise KeyboardInterrupt

        with Workspace.open(tmp_path / f"ws-{n}", keyring / "alice.key") as ws:
            with pytest.raises(KeyboardInterrupt):
                ws.import_bundle(packed.bundles[0].path, keyring / "server.pub", progress=interrupt)
            assert list(ws.tasks()) == []
