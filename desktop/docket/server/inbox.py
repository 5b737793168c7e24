"""A watched inbox: ``docket merge --watch DIR`` merges result bundles as they arrive.

Senders drop result files into one shared folder; the watcher polls it (every
``interval`` seconds: no file-system notification library, so it works the same on a
network share) and takes a file only once it is complete:

1. **Names.** Files whose name starts with ``.`` or ends with ``.part``, ``.partial``,
   ``.tmp`` or ``~`` are never read, nor are folders: a sender that writes under such a
   name and renames the file into place when done (what ``rsync`` and most upload tools
   do) is never read half-written.
2. **Settled.** A file is read only when its size and modification time are the same in
   two consecutive polls.
3. **Whole.** It must then decrypt completely under the server's key: age's last chunk
   authenticates, so a truncated file never does. One that does not (a copy paused for
   longer than a poll, or a damaged file: the two cannot be told apart) is left where it
   is until it has not changed for ``grace`` seconds, then rejected.

Each complete file is verified and merged (:func:`docket.server.merge.merge_results`:
everything checked before the one transaction that merges it), then moved atomically
(a rename in the same folder tree) to ``accepted/``, ``duplicates/`` (already merged:
the database did not change) or ``rejected/`` with ``NAME.reason.txt`` beside it, and one
line is logged. A name already taken in the destination gets a number (``a.2.result``).

Restarts never merge anything twice: the merged database itself makes a second merge of
the same bundle a no-op, and files move only after their merge committed. The one window
left, a stop between the commit and the move, is closed by a claim written before each
merge (``.docket-inbox-claim``: the file's name, size and time): on restart that file
merges as a duplicate, and the claim says it was this inbox's own merge, so it goes to
``accepted/`` all the same. One watcher per folder: a second is refused (a lock file).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from docket.errors import AgeHeaderError, AgePayloadError, DocketError

if TYPE_CHECKING:
    from docket.bundles.keys import SecretKey
    from docket.server.merged_store import MergedStore

ACCEPTED, DUPLICATES, REJECTED = "accepted", "duplicates", "rejected"
CLAIM = ".docket-inbox-claim"
LOCK = ".docket-inbox.lock"
IGNORED_SUFFIXES = (".part", ".partial", ".tmp", "~")
DEFAULT_INTERVAL_S = 2.0
DEFAULT_GRACE_S = 60.0


class IncompleteFileError(DocketError):
    """The file cannot be read whole (yet): a copy in progress or a damaged file."""


@dataclass(frozen=True, slots=True)
class Merged:
    """What merging one complete file gave: ``accepted``, ``duplicate`` or ``rejected``,
    why, and who sent it (empty when the file never verified)."""

    status: str
    reason: str
    reviewer: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class InboxEvent:
    """One file handled: where it went and the line logged for it."""

    name: str
    status: str  # accepted | duplicate | rejected
    destination: Path
    line: str


Stamp = tuple[int, int]  # size, mtime in ns


def _stamp(st: os.stat_result) -> Stamp:
    return st.st_size, st.st_mtime_ns


def is_candidate(name: str) -> bool:
    """Whether a file of this name in the inbox is a bundle to wait for (not a temporary
    name a sender writes under before renaming, nor the inbox's own files)."""
    return not name.startswith(".") and not name.endswith(IGNORED_SUFFIXES)


class Inbox:
    """The watcher's state over one folder; :meth:`poll_once` is one step (the tests
    drive it), :meth:`run` polls until told to stop.

    ``check(path)`` raises :class:`IncompleteFileError` when the file cannot be read
    whole; ``merge(path)`` merges a complete file and says how it went. ``clock`` gives
    the time (seconds since the epoch) that ``grace`` is measured against the file's
    modification time with; ``log`` receives one line per file."""

    def __init__(
        self,
        folder: Path,
        *,
        check: Callable[[Path], None],
        merge: Callable[[Path], Merged],
        log: Callable[[str], None],
        grace: float = DEFAULT_GRACE_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = Path(folder)
        self._check = check
        self._merge = merge
        self._log = log
        self.grace = grace
        self._clock = clock
        self._seen: dict[str, Stamp] = {}
        self._incomplete: dict[str, tuple[Stamp, str]] = {}
        """Files that settled but did not read whole, at that stamp, with the reason."""
        self._restart_claim = self._read_claim()
        """The file a previous watcher was merging when it stopped (None: none)."""
        for sub in (ACCEPTED, DUPLICATES, REJECTED):
            (self.folder / sub).mkdir(exist_ok=True)

    # --- one step --------------------------------------------------------------------------

    def pending(self) -> list[str]:
        """Files still waiting in the inbox (not yet settled, or not yet whole)."""
        return sorted(self._seen)

    def poll_once(self) -> list[InboxEvent]:
        """Look at the folder once; merge and move every file that is complete."""
        now: dict[str, Stamp] = {}
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if not is_candidate(entry.name):
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    now[entry.name] = _stamp(entry.stat(follow_symlinks=False))
                except FileNotFoundError:  # moved away meanwhile
                    continue
        settled = sorted(name for name, stamp in now.items() if self._seen.get(name) == stamp)
        self._seen = now
        self._incomplete = {n: v for n, v in self._incomplete.items() if n in now}
        events = []
        for name in settled:
            event = self._take(name, now[name])
            if event is not None:
                events.append(event)
                self._seen.pop(name, None)
                self._incomplete.pop(name, None)
        return events

    def _take(self, name: str, stamp: Stamp) -> InboxEvent | None:
        path = self.folder / name
        known = self._incomplete.get(name)
        if known is None or known[0] != stamp:
            try:
                self._check(path)
            except IncompleteFileError as exc:
                known = (stamp, exc.message)
                self._incomplete[name] = known
            except FileNotFoundError:
                return None  # taken away meanwhile: forgotten at the next poll
            else:
                known = None
        if known is not None:
            if self._clock() - stamp[1] / 1e9 < self.grace:
                return None  # perhaps still being copied: wait
            return self._finish(
                name, Merged("rejected", f"incomplete or damaged: {known[1]}"), claimed=False
            )
        restarted = self._restart_claim == (name, stamp)
        self._write_claim(name, stamp)
        try:
            outcome = self._merge(path)
        except DocketError as exc:
            # Not the file's fault (the keyring cannot be read, the disk is full): the
            # file stays and is tried again once it has settled anew.
            self._log(f"{_now()} waiting {name}: {exc.message} (will retry)")
            self._seen.pop(name, None)
            return None
        if outcome.status == "duplicate" and restarted:
            # Merged by this inbox before a stop that came between the commit and the move.
            outcome = Merged("accepted", "merged before the watcher restarted", outcome.reviewer)
        if restarted:
            self._restart_claim = None
        return self._finish(name, outcome, claimed=True)

    def _finish(self, name: str, outcome: Merged, *, claimed: bool) -> InboxEvent:
        status, reason = outcome.status, outcome.reason
        sub = {"accepted": ACCEPTED, "duplicate": DUPLICATES}.get(status, REJECTED)
        target = _free_name(self.folder / sub, name)
        if status == "rejected":
            _write_atomically(target.with_name(target.name + ".reason.txt"), reason + "\n")
        os.rename(self.folder / name, target)
        _sync_folder(self.folder)
        _sync_folder(target.parent)
        if claimed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.folder / CLAIM)
        who = f"{outcome.reviewer}: " if outcome.reviewer else ""
        line = f"{_now()} {status} {name} -> {sub}/{target.name}: {who}{reason}{outcome.detail}"
        self._log(line)
        return InboxEvent(name, status, target, line)

    # --- the claim: what was being merged when the watcher stopped ------------------------

    def _write_claim(self, name: str, stamp: Stamp) -> None:
        _write_atomically(
            self.folder / CLAIM, json.dumps({"name": name, "size": stamp[0], "mtime_ns": stamp[1]})
        )

    def _read_claim(self) -> tuple[str, Stamp] | None:
        try:
            raw = json.loads((self.folder / CLAIM).read_text(encoding="utf-8"))
            return str(raw["name"]), (int(raw["size"]), int(raw["mtime_ns"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    # --- the loop ----------------------------------------------------------------------------

    def run(self, *, interval: float, stopped: Callable[[float], bool]) -> None:
        """Poll every ``interval`` seconds until ``stopped(timeout)`` (which waits up to
        ``timeout`` seconds, e.g. ``threading.Event.wait``) returns True. A file being
        merged when the stop comes is finished first."""
        while True:
            self.poll_once()
            if stopped(interval):
                return


@contextlib.contextmanager
def watching(folder: Path) -> Iterator[None]:
    """Hold the inbox's lock file for as long as the watcher runs; a second watcher on the
    same folder is refused (two would race to move the same files)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DocketError(f"{folder} is not a folder.", hint="Create it, or give another.")
    handle: IO[bytes] = (folder / LOCK).open("ab")
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory lock, one watcher is asked
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise DocketError(
                    f"Another `docket merge --watch` is watching {folder}.",
                    hint="Stop it first; one watcher per folder.",
                ) from None
        yield
    finally:
        handle.close()


def merging_inbox(
    folder: Path,
    *,
    server: SecretKey,
    keyring_dir: Path,
    store: MergedStore,
    log: Callable[[str], None],
    grace: float = DEFAULT_GRACE_S,
    clock: Callable[[], float] = time.time,
) -> Inbox:
    """An :class:`Inbox` that merges into ``store``: complete means the file decrypts
    whole under the server's key; the keyring folder is read again for each file (a new
    reviewer's card can be added while the watcher runs)."""
    from docket.bundles.age_layer import decrypt_path
    from docket.bundles.envelope import MAX_RESULT_BYTES
    from docket.bundles.result_bundle import keyring_cards
    from docket.server.merge import merge_results

    identity = server.identity()

    def check(path: Path) -> None:
        if path.stat().st_size > MAX_RESULT_BYTES:
            return  # whole or not, merge refuses it by its size, unread
        try:
            decrypt_path(path, [identity])
        except (AgeHeaderError, AgePayloadError) as exc:
            raise IncompleteFileError(exc.message) from None
        except DocketError:
            return  # whole, but not for this server: merge says why

    def merge(path: Path) -> Merged:
        cards = keyring_cards(keyring_dir)
        outcome = merge_results([path], server=server, cards=cards, store=store).outcomes[0]
        detail = (
            f" ({outcome.new} new, {outcome.updated} updated)"
            if outcome.new or outcome.updated
            else ""
        )
        return Merged(outcome.status, outcome.reason, outcome.reviewer, detail)

    return Inbox(folder, check=check, merge=merge, log=log, grace=grace, clock=clock)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or with a number before the extension if that is taken."""
    target = folder / name
    stem, dot, ext = name.partition(".")
    n = 2
    while target.exists() or target.with_name(target.name + ".reason.txt").exists():
        target = folder / (f"{stem}.{n}{dot}{ext}" if dot else f"{name}.{n}")
        n += 1
    return target


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
