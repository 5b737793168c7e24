"""Progress on the command line: the :data:`docket.core.progress.Progress` callback of
``pack``, ``import``, ``export``, ``merge`` and ``dataset export``, drawn as a bar on
standard error with what is done, the rate and the time left (tqdm).

Quiet when standard error is not a terminal (a pipe, a log file, CI) or with ``--quiet``:
tqdm is then not even imported. Each stage of a verb gets its own bar, cleared when the
next begins or the verb ends, so the verb's own report stays as it was. Why tqdm rather
than rich: see the README ("Progress on the command line").
"""

from __future__ import annotations

import argparse
import os
import sys
from types import TracebackType
from typing import IO, Any

BAR_FORMAT = (
    "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]"
)
COUNT_FORMAT = "{desc}: {n_fmt} [{elapsed}, {rate_fmt}]"
SHARE_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]"


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (there is none either when standard error is not a terminal)",
    )


class Bars:
    """A verb's progress, one bar per stage. Call it as ``bars(stage, done, total)`` (a
    :data:`~docket.core.progress.Progress`), or :meth:`share` for work measured in
    fractions; close it (or use it as a context manager) when the verb is done."""

    def __init__(
        self,
        *,
        quiet: bool = False,
        stream: IO[str] | None = None,
        force: bool = False,
        mininterval: float = 0.1,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.mininterval = mininterval
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and (force or bool(isatty and isatty()))
        self._bar: Any = None
        self._stage: str | None = None

    @classmethod
    def of(cls, args: argparse.Namespace) -> Bars:
        return cls(quiet=bool(getattr(args, "quiet", False)))

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        bar = self._open(stage, total, BAR_FORMAT if total is not None else COUNT_FORMAT, " items")
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    def share(self, stage: str, fraction: float) -> None:
        """Work known only as a share done (``Workspace.import_bundle``'s stages): one bar
        whose description follows the stage."""
        if not self.enabled:
            return
        bar = self._open("share", 100, SHARE_FORMAT, "%")
        bar.set_description_str(stage, refresh=False)
        bar.update(round(100 * min(max(fraction, 0.0), 1.0)) - bar.n)

    def _open(self, stage: str, total: int | None, fmt: str, unit: str) -> Any:
        if self._bar is not None and self._stage == stage:
            return self._bar
        self.close()
        from tqdm import tqdm  # only when a bar is drawn: a quiet verb never imports it

        self._stage = stage
        # A terminal that reports no size (a fresh pseudo-terminal) gets 80 x 24: tqdm
        # would draw nothing in zero columns or rows.
        sized = _width(self.stream) > 0
        self._bar = tqdm(
            total=total,
            desc=stage,
            unit=unit,
            file=self.stream,
            leave=False,
            dynamic_ncols=sized,
            ncols=None if sized else 80,
            nrows=None if sized else 24,
            mininterval=self.mininterval,
            bar_format=fmt,
        )
        return self._bar

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = self._stage = None

    def __enter__(self) -> Bars:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _width(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0
