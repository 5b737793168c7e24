"""Typeset LaTeX formulas as SVG, bounded, off the path that shows a task.

Reviewers judge derivations, dosing formulas and statistics: a fraction, a matrix or an
aligned derivation must look as it does in a textbook, not as linear text. ziamath (MIT,
pure Python, with latex2mathml) lays out MathML with the STIX Two Math font it carries
and writes SVG 1.1 that Qt's SVG renderer rasterises in well under a millisecond; the
layout itself takes milliseconds, so it happens when a bundle is imported (or ahead of
the reviewer) and the result is cached in the encrypted workspace.

Hostile LaTeX is bounded twice: before typesetting (length, group nesting, matrix cells,
macro definitions) and while typesetting, in a separate worker process with a time limit
and a memory cap (:class:`Typesetter`), so a formula that would take seconds or gigabytes
is stopped and shown as text with a notice instead.

A formula the typesetter cannot handle (an unknown macro, a syntax error) is reported as
:class:`NotTypeset` with the reason, and the renderer falls back to its Unicode text.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
import time
import warnings
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# The worker's machinery (multiprocessing, the process pool) and the MathML tree are
# loaded when a formula is typeset, not with the renderer (the window's start).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess
    from xml.etree import ElementTree

TYPESETTER_VERSION = "ziamath-0.13/2"
"""Part of every cache key: a new typesetter (or new settings) typesets again."""
FONT_PX = 20.0
"""The size formulas are laid out at; the window scales them to its font."""
MAX_LATEX_CHARS = 4_000
MAX_NESTING = 40
MAX_DEPTH = 12
"""Deepest MathML tree typeset. ziamath's layout time doubles with each level (ten
nested fractions take a second); the real answers measured reach 6."""
MAX_CELLS = 400
TIME_LIMIT_S = 0.15
"""Per formula, once the worker is running; real formulas take 1-50 ms."""
WORKER_START_S = 20.0
STOP_WAIT_S = 1.0
"""How long closing waits for the worker to end by itself before it is killed."""
_POLL_S = 0.05
"""How often a wait for the worker looks whether the typesetter was stopped."""
MEMORY_LIMIT_BYTES = 512 * 1024 * 1024
"""Address space the worker may take beyond what it holds once started (the program
that starts it is imported again in it: a window's modules alone map 0.5 GB)."""
_DEFINITIONS = re.compile(
    r"\\(def|edef|gdef|xdef|let|newcommand|renewcommand|providecommand|csname|catcode|input|include)\b"
)
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
_UNKNOWN_MACRO = re.compile(r"<m[io][^>]*>\\([A-Za-z]+)</m[io]>")


@dataclass(frozen=True, slots=True)
class Formula:
    """A typeset formula: SVG drawn in black at :data:`FONT_PX`, its size in pixels at
    that size, and ``depth``: how far it reaches below the text baseline."""

    svg: str
    width: float
    height: float
    depth: float


@dataclass(frozen=True, slots=True)
class NotTypeset:
    """Why a formula stays text (shown to the reviewer as a notice)."""

    reason: str


Result = Formula | NotTypeset


def result_to_json(result: Result) -> str:
    """How a typeset result is cached (the workspace keeps it encrypted)."""
    if isinstance(result, Formula):
        body: dict[str, Any] = {
            "svg": result.svg,
            "width": result.width,
            "height": result.height,
            "depth": result.depth,
        }
    else:
        body = {"reason": result.reason}
    return json.dumps(body, separators=(",", ":"))


def result_from_json(text: str) -> Result:
    """A cached result; anything unreadable reads as not typeset (typeset again later
    would give the same, so it is not retried)."""
    try:
        body = json.loads(text)
        if "svg" in body:
            return Formula(
                str(body["svg"]),
                float(body["width"]),
                float(body["height"]),
                float(body["depth"]),
            )
        return NotTypeset(str(body["reason"]))
    except (ValueError, KeyError, TypeError):
        return NotTypeset("the cached formula is unreadable")


def formula_key(latex: str, display: bool) -> str:
    """The cache key of a formula: its LaTeX, whether it is displayed, and the
    typesetter's version."""
    raw = f"{TYPESETTER_VERSION}\0{'display' if display else 'inline'}\0{latex}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def bounds_problem(latex: str) -> str | None:
    """Why a formula is too big or too strange to typeset, or ``None``."""
    if len(latex) > MAX_LATEX_CHARS:
        return f"longer than {MAX_LATEX_CHARS:,} characters"
    if _DEFINITIONS.search(latex):
        return "defines macros (not typeset)"
    depth = deepest = 0
    for ch in latex:
        if ch == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == "}":
            depth -= 1
    if deepest > MAX_NESTING:
        return f"nested more than {MAX_NESTING} groups deep"
    cells = latex.count("&") + latex.count("\\\\")
    if cells > MAX_CELLS:
        return f"more than {MAX_CELLS} cells"
    return None


def typeset(latex: str, display: bool) -> Result:
    """Typeset one formula in this process (bounded before, not while: see
    :class:`Typesetter` for the time and memory limits)."""
    problem = bounds_problem(latex)
    if problem:
        return NotTypeset(problem)
    try:
        from xml.etree import ElementTree

        tex2mml, ziamath = _typesetter()
        mathml = tex2mml(latex, inline=not display)
        unknown = _UNKNOWN_MACRO.search(mathml)
        if unknown:
            return NotTypeset(f"unknown command \\{unknown.group(1)}")
        tree = ElementTree.fromstring(mathml)
        _unwrap(tree)
        _space_functions(tree)
        if _depth(tree, MAX_DEPTH + 1) > MAX_DEPTH:
            return NotTypeset(f"nested more than {MAX_DEPTH} levels deep")
        svg = ziamath.Math(tree, size=FONT_PX).svg()
        box = _VIEWBOX.search(svg)
        if box is None:
            return NotTypeset("the typesetter gave no size")
        _, top, width, height = (float(v) for v in box.groups())
        # The baseline is y = 0 in the SVG's own coordinates; the box starts above it.
        return Formula(svg, width, height, max(0.0, top + height))
    except RecursionError:
        return NotTypeset("nested too deeply")
    except Exception as exc:  # the typesetter's own errors are many and untyped
        name = type(exc).__name__
        return NotTypeset(f"not understood by the typesetter ({name})")


def _typesetter() -> tuple[Any, Any]:
    """ziamath's LaTeX to MathML step (latex2mathml with ziamath's fixes: ``aligned``,
    ``\\binom``, ``\\mathrm``) and ziamath, loaded on first use (they take 0.1 s)."""
    with warnings.catch_warnings():
        # ziamath 0.13 finds its font with importlib.resources.path, deprecated in 3.11.
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath
        from ziamath.config import config
        from ziamath.tex import tex2mml
    config.svg2 = False  # SVG 1.1: what QSvgRenderer draws
    return tex2mml, ziamath


def _unwrap(element: ElementTree.Element) -> None:
    """Replace each ``<mrow>`` that only wraps one element by that element: latex2mathml
    writes one per brace group, and every level costs ziamath twice the time."""
    for i, child in enumerate(list(element)):
        _unwrap(child)
        while (
            child.tag.endswith("mrow")
            and len(child) == 1
            and not child.attrib
            and not (child.text or "").strip()
            and not (child[0].tail or "").strip()
        ):
            inner = child[0]
            inner.tail = child.tail
            element.remove(child)
            element.insert(i, inner)
            child = inner


_FUNCTIONS = frozenset(
    {
        *("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan"),
        *("sinh", "cosh", "tanh", "coth", "log", "ln", "lg", "exp", "det", "dim", "ker"),
        *("deg", "gcd", "hom", "inf", "sup", "lim", "liminf", "limsup", "max", "min"),
        *("arg", "Pr"),
    }
)
_SCRIPTED = frozenset({"msub", "msup", "msubsup", "munder", "mover", "munderover"})
_ROWS = frozenset({"math", "mrow", "mstyle", "mtd", "msqrt", "mpadded", "menclose", "mphantom"})
"""Elements whose children are a row (a space may go between them); the others (a
fraction, a script) have a fixed number of children."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _unspaced_function(element: ElementTree.Element) -> bool:
    """A function name that ziamath sets with no space after it: ``\\det``, ``\\gcd``,
    ``\\Pr`` (operators with movable limits) and scripted operators (``\\lim_{n \\to
    \\infty}``, ``\\max_i``). It spaces the others itself (``\\sin x``, ``\\log_2 n``,
    ``\\lim x``), from its operator dictionary."""
    tag = _local(element.tag)
    if tag in _SCRIPTED and len(element):
        base = element[0]
        return _local(base.tag) == "mo" and (base.text or "").strip() in _FUNCTIONS
    return (
        tag == "mo"
        and "movablelimits" in element.attrib
        and (element.text or "").strip() in _FUNCTIONS
    )


def _space_functions(element: ElementTree.Element) -> None:
    """A thin space after a function name followed by its argument, as TeX sets
    ``\\det B`` and ``\\lim_{n \\to \\infty} a_n`` (ziamath would write "detB"); none
    before an operator or a parenthesis (``\\det(B)``)."""
    children = list(element)
    row = _local(element.tag) in _ROWS
    for child, following in itertools.pairwise(children):
        if row and _unspaced_function(child) and _local(following.tag) != "mo":
            namespace = child.tag[: -len(_local(child.tag))]
            space = child.makeelement(f"{namespace}mspace", {"width": "0.1667em"})
            space.tail = child.tail
            child.tail = None
            element.insert(list(element).index(child) + 1, space)
    for child in children:
        _space_functions(child)


def _depth(element: ElementTree.Element, stop: int) -> int:
    """The depth of the tree, counted no further than ``stop``."""
    if stop <= 1 or not len(element):
        return 1
    return 1 + max(_depth(child, stop - 1) for child in element)


def _address_space() -> int:
    """The bytes this process maps now (0 where that cannot be read)."""
    try:
        import os

        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _worker_init() -> None:
    """Cap the worker's memory at :data:`MEMORY_LIMIT_BYTES` more than it has started
    with (where the platform lets a process cap its address space)."""
    try:
        import resource

        limit = _address_space() + MEMORY_LIMIT_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on every platform
        pass


def _typeset_job(item: tuple[str, bool]) -> Result:
    try:
        return typeset(*item)
    except MemoryError:
        return NotTypeset("needs too much memory")


class TypesettingStopped(Exception):
    """The typesetter was stopped (:meth:`Typesetter.stop`): nothing more is typeset, and
    the formula under way gets no result (it is typeset again the next time)."""


class Typesetter:
    """Typesets formulas in one worker process, each within :data:`TIME_LIMIT_S` and
    the worker within :data:`MEMORY_LIMIT_BYTES`; a formula over the limit is reported
    as :class:`NotTypeset` and the worker replaced. Use as a context manager.

    Nothing waits on the worker without a bound: a worker that died is replaced, one that
    hangs is killed once its formula's time is up, and :meth:`close` kills a worker that
    has not ended :data:`STOP_WAIT_S` after being told to. :meth:`stop`, from any thread
    (the window closing or locking), kills the worker at once; every call after it raises
    :class:`TypesettingStopped`."""

    def __init__(self, *, time_limit: float = TIME_LIMIT_S) -> None:
        self._time_limit = time_limit
        self._pool: ProcessPoolExecutor | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()  # the pool is made or dropped by one thread at a time

    def __enter__(self) -> Typesetter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stop(self) -> None:
        """End typesetting at once, from any thread: the worker is killed (it may be
        hung), and the call waiting on it raises :class:`TypesettingStopped`."""
        self._stopped.set()
        self._kill()

    def close(self) -> None:
        """Let the worker end, killing it if it has not within :data:`STOP_WAIT_S`."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            processes = _processes_of(pool)
            pool.shutdown(wait=False, cancel_futures=True)
            _end(processes, STOP_WAIT_S)

    def _executor(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._raise_if_stopped()
        with self._lock:
            pool = self._pool
            if pool is None:
                pool = self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init,
                )
                fresh = True
            else:
                fresh = False
        if fresh:
            # Start the worker and load the typesetter before any time limit applies.
            try:
                self._wait(pool.submit(_typeset_job, ("x", False)), WORKER_START_S)
            except BaseException:
                self._kill()
                self._raise_if_stopped()
                raise
        return pool

    def _raise_if_stopped(self) -> None:
        if self._stopped.is_set():
            raise TypesettingStopped("typesetting was stopped")

    def _wait(self, future: Future[Result], timeout: float) -> Result:
        """The future's result within ``timeout`` (TimeoutError otherwise), looking
        every :data:`_POLL_S` whether the typesetter was stopped."""
        from concurrent.futures import CancelledError

        deadline = time.monotonic() + timeout
        while True:
            self._raise_if_stopped()
            left = deadline - time.monotonic()
            try:
                return future.result(timeout=max(0.0, min(_POLL_S, left)))
            except TimeoutError:
                if left <= _POLL_S:
                    raise
            except CancelledError:  # stopped while the formula waited its turn
                self._raise_if_stopped()
                raise

    def _kill(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            processes = _processes_of(pool)
            for process in processes:
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            _end(processes, STOP_WAIT_S)

    def typeset(self, latex: str, display: bool) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        problem = bounds_problem(latex)
        if problem:
            return NotTypeset(problem)
        # A worker that died between formulas may not be known as dead yet when this one
        # is handed to it: the formula then breaks the pool without having run. So a
        # broken pool is tried once more with a new worker; the formula is blamed (its
        # memory) only when it breaks that one too.
        for attempt in (1, 2):
            try:
                future = self._executor().submit(_typeset_job, (latex, display))
            except RuntimeError:  # BrokenProcessPool, or a pool shut down by stop() meanwhile
                self._kill()
                self._raise_if_stopped()
                # The worker died since the last formula: a new one.
                future = self._executor().submit(_typeset_job, (latex, display))
            try:
                return self._wait(future, self._time_limit)
            except TimeoutError:
                self._kill()
                return NotTypeset(f"took longer than {self._time_limit:g} s to typeset")
            except BrokenProcessPool:
                self._kill()
                self._raise_if_stopped()
                if attempt == 2:
                    break
        return NotTypeset("needs too much memory")

    def typeset_all(
        self,
        items: Iterable[tuple[str, bool]],
        *,
        known: Container[str] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, Result]:
        """Every formula not already ``known`` (by :func:`formula_key`), once each."""
        todo: dict[str, tuple[str, bool]] = {}
        for latex, display in items:
            key = formula_key(latex, display)
            if key not in todo and (known is None or key not in known):
                todo[key] = (latex, display)
        out: dict[str, Result] = {}
        for done, (key, (latex, display)) in enumerate(todo.items(), start=1):
            self._raise_if_stopped()
            out[key] = self.typeset(latex, display)
            if progress is not None:
                progress(done, len(todo))
        return out


def _processes_of(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    return list((getattr(pool, "_processes", None) or {}).values())


def _end(processes: Iterable[BaseProcess], wait_s: float) -> None:
    """Wait up to ``wait_s`` for the processes to end, then kill what is left (and reap
    it, so that none stays a zombie and nothing at exit waits on it)."""
    deadline = time.monotonic() + wait_s
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(wait_s)
