"""Crash safety, proven by killing: ``python tests/adversarial/kill_harness.py DIR --kills N``.

One workspace, N lives. Each life is a forked child that opens the workspace and works
through a seeded random sequence of imports (three bundles, re-imports included), answer
records, draft edits (the desktop app's autosave path), undo, and exports, announcing each
operation on a pipe before it starts (``BEGIN``) and after it returns (``ACK``). The parent
SIGKILLs the child after a seeded random delay, then checks, every time:

- ``PRAGMA integrity_check`` is ``ok`` and the audit chain verifies;
- every acknowledged answer and draft is there (or the one operation in flight when the
  kill came, which may or may not have committed: whichever happened is kept from then
  on); a draft stays expected across later records of its task, which do not clear it;
- no bundle is half-imported: each imported bundle has all its tasks, and one whose
  import was acknowledged is there;
- every acknowledged export is a complete file that verifies against the server key.

Forking a preloaded interpreter makes a life cost milliseconds, so hundreds of kills fit
in the test suite; the seed fixes the workload and the delays (where a kill lands within
an operation still depends on the machine's speed). Prints a JSON summary; exit status 1
if any check failed, each failure with the history of the task it names (``histories``);
``--log FILE`` also writes every life's lines. ``tests/adversarial/test_kill_harness.py``
runs it in ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from docket import Workspace  # noqa: E402
from docket.bundles import keys  # noqa: E402
from docket.core.rules import canonical_json  # noqa: E402
from docket.server.pack import pack  # noqa: E402
from docket.server.verify import verify_results  # noqa: E402
from docket.store.review import ReviewStore  # noqa: E402

DEMO = ROOT / "resources" / "demo" / "tasks.jsonl"
BUNDLES = 3
TASKS_PER_BUNDLE = 12
OPERATIONS = ("import", "answer", "draft", "undo", "export", "lock")
WEIGHTS = (10, 40, 30, 15, 5, 5)  # exports take longest; rarer, so kills spread over all


def digest(answers: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(answers).encode()).hexdigest()[:16]


def prepare(root: Path) -> dict[str, Any]:
    """Keys and three task bundles of 12 real tasks each, addressed to one reviewer."""
    keys_dir = root / "keys"
    for name in ("server", "alice"):
        keys.write_key_pair(keys.generate(name), keys_dir, passphrase=None)
    server = keys.load_secret_key(keys_dir / "server.key")
    alice = keys.load_secret_key(keys_dir / "alice.key")
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    bundles = []
    for b in range(BUNDLES):
        part = root / f"project{b}.jsonl"
        part.write_text(
            "\n".join(lines[b * TASKS_PER_BUNDLE : (b + 1) * TASKS_PER_BUNDLE]) + "\n",
            encoding="utf-8",
        )
        done = pack(part, server=server, reviewers=[alice.card()], out_dir=root / "out")
        bundles.append(str(done.bundles[0].path))
    return {
        "key": str(keys_dir / "alice.key"),
        "server_card": str(keys_dir / "server.pub"),
        "bundles": bundles,
        "workspace": str(root / "ws"),
        "scratch": str(root / "ws-scratch"),
        "exports": str(root / "exports"),
    }


def answer_for(ws: Workspace, task_id: str, rng: random.Random) -> dict[str, Any]:
    """A valid answer of the task's default form (a preference or a ranking)."""
    ids = list(ws.task(task_id).response_ids)
    if len(ids) == 2:
        out: dict[str, Any] = {"preference": {"better": rng.choice(ids), "strength": "slight"}}
    else:
        rng.shuffle(ids)
        out = {"ranking": [[i] for i in ids]}
    if rng.random() < 0.5:
        out["rationale"] = f"note {rng.randrange(10**6)} " + "x" * rng.randrange(2000)
    return out


def life(setup: dict[str, Any], seed: int, fd: int, workspace: str) -> None:
    """One child life: work until killed. In a fresh workspace it imports first."""
    rng = random.Random(seed)

    def say(*words: object) -> None:
        os.write(fd, (" ".join(str(w) for w in words) + "\n").encode())

    ws = Workspace.open(workspace, setup["key"])
    review = ReviewStore(ws.store)
    say("OPEN")
    fresh = list(setup["bundles"]) if not ws.store.task_ids() else []
    rng.shuffle(fresh)
    n = 0
    while True:
        n += 1
        op = "import" if fresh else rng.choices(OPERATIONS, WEIGHTS)[0]
        task_ids = ws.store.task_ids()
        if op == "import" or not task_ids:
            bundle = fresh.pop() if fresh else rng.choice(setup["bundles"])
            say("BEGIN import", bundle)
            ws.import_bundle(bundle, setup["server_card"])
            say("ACK import", bundle)
        elif op == "answer":
            tid = rng.choice(task_ids)
            answers = answer_for(ws, tid, rng)
            say("BEGIN answer", tid, digest(answers))
            saved = ws.record(tid, answers, time_spent_s=rng.random() * 30)
            say("ACK answer", tid, digest(answers), saved.revision)
        elif op == "draft":
            tid = rng.choice(task_ids)
            answers = answer_for(ws, tid, rng)
            say("BEGIN draft", tid, digest(answers))
            review.edit(tid, answers)
            say("ACK draft", tid, digest(answers))
        elif op == "undo":
            tid = rng.choice(task_ids)
            say("BEGIN undo", tid, "-")
            state = review.undo(tid)
            # Undone to the start, the form shows the last record: "-" (no draft to keep).
            say("ACK undo", tid, digest(state.answers) if state and state.can_undo else "-")
        elif op == "lock":  # the window's lock: checkpoint, close, forget the key, reopen
            say("BEGIN lock", "-", "-")
            ws.lock()
            ws.unlock(setup["key"])
            say("ACK lock", "-", "-")
        else:
            bundles = [b.id for b in ws.store.active_bundles("task")]
            if not bundles:
                continue
            out = Path(setup["exports"]) / f"{seed}-{n}.docket-result"
            say("BEGIN export", out)
            ws.export_results(out, bundle_id=rng.choice(bundles))
            say("ACK export", out)


def drafted(review: ReviewStore, task_id: str) -> bool:
    """Whether the form shows a draft of the task (an edit, not the last record): a draft
    at edit 0 (everything undone) or no draft at all shows the record."""
    return review.has_draft(task_id) and review.current(task_id).can_undo


class Expectations:
    """What the acknowledged operations promise, across all lives.

    ``shown`` holds only drafts the form shows in place of the record (at edit 1 or
    later); a task whose form shows its record has no entry there, its record being
    checked through ``answer``. A record leaves a draft as it is (the window folds a draft
    into a record through ``ReviewStore.submit``, the harness records through
    ``Workspace.record``), so a draft stays expected across later records. The record's
    own digest is never put in ``shown``: a later record changes what the form shows
    without losing anything (that is how "acknowledged draft lost" was once reported for
    a draft a kill had stopped before it committed, followed by a committed record)."""

    def __init__(self) -> None:
        self.answer: dict[str, tuple[int, str]] = {}  # task -> (revision, digest)
        self.shown: dict[str, str] = {}  # task -> digest of the draft the form shows
        self.imported: set[str] = set()
        self.exports: list[Path] = []

    def apply(self, lines: list[str]) -> tuple[str, list[str]] | None:
        """Fold in a life's acknowledged operations; returns the one in flight, if any."""
        in_flight: tuple[str, list[str]] | None = None
        for line in lines:
            word, *rest = line.split()
            if word == "BEGIN":
                in_flight = (rest[0], rest[1:])
            elif word == "ACK":
                op, args = rest[0], rest[1:]
                in_flight = None
                if op == "import":
                    self.imported.add(args[0])
                elif op == "answer":
                    self.answer[args[0]] = (int(args[2]), args[1])  # drafts stay shown
                elif op == "draft":
                    self.shown[args[0]] = args[1]
                elif op == "undo" and args[1] != "-":
                    self.shown[args[0]] = args[1]  # what the form shows after the undo
                elif op == "undo":
                    self.shown.pop(args[0], None)  # back to the record (checked as answers)
                elif op == "export":
                    self.exports.append(Path(args[0]))
        return in_flight

    def settle(self, op: str, args: list[str], ws: Workspace, review: ReviewStore) -> list[str]:
        """The operation in flight at the kill either committed whole or not at all;
        adopt whichever happened as what later lives must keep."""
        tid, intended = args[0], args[1]
        now = digest(review.current(tid).answers)
        if op == "draft":
            # An edit leaves a draft at edit 1 or later, so whether it committed is read
            # from the draft, not from the digest: answers are often equal by chance (a
            # preference of two responses without a rationale has two values).
            if not drafted(review, tid):  # it did not commit, and there was no draft
                if tid in self.shown:
                    return [f"acknowledged draft of {tid} lost (kept {self.shown[tid]})"]
                return []  # the form shows the record, checked as answers
            if now not in (self.shown.get(tid), intended):
                return [f"draft of {tid} in flight left a third state"]
            self.shown[tid] = now
        elif op == "undo":
            if drafted(review, tid):
                self.shown[tid] = now
            else:  # undone to the start: the form shows the record
                self.shown.pop(tid, None)
        else:  # answer
            got = ws.answer(tid)
            before = self.answer.get(tid, (0, ""))[0]
            if got is not None and got.revision > before:
                if got.revision != before + 1 or digest(got.answers) != intended:
                    return [f"answer of {tid} in flight committed something else"]
                self.answer[tid] = (got.revision, intended)
        return []


def check(
    setup: dict[str, Any], workspace: str, expect: Expectations, in_flight: Any, server: Any
) -> list[str]:
    problems: list[str] = []
    flying_op, flying_args = in_flight or ("", [])
    with Workspace.open(workspace, setup["key"]) as ws:
        if (result := ws.store.integrity_check()) != "ok":
            problems.append(f"integrity_check: {result}")
        try:
            ws.verify_audit()
        except Exception as exc:  # reported, not raised: the summary lists every failure
            problems.append(f"audit chain: {exc}")
        review = ReviewStore(ws.store)
        for tid, (revision, want) in expect.answer.items():
            got = ws.answer(tid)
            if got is None or got.revision < revision:
                problems.append(f"acknowledged answer {tid} r{revision} lost")
            elif got.revision == revision and digest(got.answers) != want:
                problems.append(f"answer {tid} r{revision} differs")
        for tid, want in expect.shown.items():
            if flying_op in ("draft", "undo") and flying_args[0] == tid:
                continue  # the edit in flight may have committed: settled below
            if (got := digest(review.current(tid).answers)) != want:
                problems.append(f"acknowledged draft of {tid} lost (kept {want}, found {got})")
        if flying_op in ("draft", "undo", "answer"):  # (a lock in flight changes no answer)
            problems += expect.settle(flying_op, flying_args, ws, review)
        counts = dict(
            ws.store._db.execute("SELECT bundle_id, COUNT(*) FROM tasks GROUP BY bundle_id")
        )
        sources = {b.id: b.source for b in ws.store.active_bundles()}
        for bundle_id, count in counts.items():
            if count != TASKS_PER_BUNDLE:
                problems.append(f"bundle {bundle_id} half-imported: {count} tasks")
        present = set(sources.values())
        for path in expect.imported:
            if Path(path).name not in present:
                problems.append(f"acknowledged import of {Path(path).name} missing")
    card = keys.PublicCard.load(Path(setup["key"]).with_suffix(".pub"))
    for path in expect.exports:
        verdict = verify_results([path], server, [card])[0]
        if not verdict.ok:
            problems.append(f"acknowledged export {path.name}: {verdict.reason}")
    expect.exports.clear()  # each verified once
    return problems


def history_of(history: list[tuple[int, str]], problem: str) -> list[str]:
    """The lines of earlier lives about the task a problem names: what each life began and
    acknowledged on it, the operation each kill interrupted, and what the model expected
    after each check. A failure that happens once under load explains itself."""
    words = set(problem.replace("(", " ").replace(")", " ").split())
    tids = {text.split()[2] for _, text in history if len(text.split()) > 2} & words
    return [f"life {i}: {text}" for i, text in history if tids & set(text.split()[1:4])]


def run(
    root: Path, kills: int, seed: int, max_delay: float, log: Path | None = None
) -> dict[str, Any]:
    root.mkdir(parents=True, exist_ok=True)
    setup = prepare(root)
    Path(setup["exports"]).mkdir()
    server = keys.load_secret_key(root / "keys" / "server.key")
    rng = random.Random(seed)
    expect, scratch = Expectations(), Expectations()
    failures: list[str] = []
    killed_during: Counter[str] = Counter()
    acknowledged: Counter[str] = Counter()
    # Per workspace: every life's lines, the operation in flight at each kill and what the
    # model expects afterwards, for the history of a task a failure names.
    histories: dict[str, list[tuple[int, str]]] = {"main": [], "scratch": []}
    explained: dict[str, list[str]] = {}
    for i in range(kills):
        life_seed = rng.randrange(2**32)
        delay = rng.uniform(0, max_delay)
        # Two lives in five start a fresh workspace, so imports do real work when killed.
        fresh = rng.random() < 0.4
        if fresh:
            shutil.rmtree(setup["scratch"], ignore_errors=True)
            scratch = Expectations()
            histories["scratch"] = []
        history = histories["scratch" if fresh else "main"]
        workspace, expected = (setup["scratch"], scratch) if fresh else (setup["workspace"], expect)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work until killed
            os.close(read_end)
            try:
                life(setup, life_seed, write_end, workspace)
            except BaseException as exc:  # report; never fall back into the parent's loop
                os.write(write_end, f"CRASH {type(exc).__name__}: {exc}\n".encode())
            finally:
                os._exit(3)
        os.close(write_end)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as pipe:
            lines = pipe.read().decode().splitlines()
        crashed = [line for line in lines if line.startswith("CRASH")]
        if crashed or not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            failures.append(f"life {i} (seed {life_seed}) ended on its own: {crashed}")
        acknowledged.update(line.split()[1] for line in lines if line.startswith("ACK"))
        in_flight = expected.apply([line for line in lines if not line.startswith("CRASH")])
        killed_during[in_flight[0] if in_flight else ("opening" if not lines else "between")] += 1
        touched = {
            line.split()[2]
            for line in lines
            if line.split()[1:2] in (["answer"], ["draft"], ["undo"])
        }
        history += [(i, line) for line in lines]
        if in_flight:
            history.append((i, f"KILLED {in_flight[0]} {' '.join(in_flight[1])}"))
        problems = check(setup, workspace, expected, in_flight, server)
        history += [
            (i, f"EXPECT {tid} answer={expected.answer.get(tid)} shown={expected.shown.get(tid)}")
            for tid in sorted(touched)
        ]
        failures += [f"after kill {i} (seed {life_seed}): {p}" for p in problems]
        for p in problems:
            explained[f"after kill {i} (seed {life_seed}): {p}"] = history_of(history, p)
        if log is not None:
            with log.open("a", encoding="utf-8") as out:
                record = {"kill": i, "seed": life_seed, "delay": delay, "fresh": fresh}
                record |= {"lines": lines, "in_flight": in_flight, "problems": problems}
                record["expect"] = {
                    tid: [expected.answer.get(tid), expected.shown.get(tid)] for tid in touched
                }
                out.write(json.dumps(record) + "\n")
        if len(failures) > 20:
            break
    return {
        "kills": i + 1,
        "seed": seed,
        "failures": failures,
        "histories": explained,
        "killed_during": dict(killed_during),
        "acknowledged": dict(acknowledged),
        "answers_checked": len(expect.answer),
        "bundles_imported": len(expect.imported),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--max-delay", type=float, default=0.12, help="seconds (default 0.12)")
    parser.add_argument("--log", type=Path, help="append each life's lines here (JSON lines)")
    args = parser.parse_args()
    summary = run(args.directory, args.kills, args.seed, args.max_delay, args.log)
    print(json.dumps(summary, indent=2))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
