"""Typesetting LaTeX as SVG: what typesets, what falls back and why, and the bounds."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.render.typeset import (
    MAX_LATEX_CHARS,
    STOP_WAIT_S,
    Formula,
    NotTypeset,
    Typesetter,
    TypesettingStopped,
    bounds_problem,
    formula_key,
    typeset,
)

CONSTRUCTS = {
    "quadratic": r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
    "pmatrix": r"\begin{pmatrix} 2 & 1 \\ 1 & 3 \end{pmatrix}",
    "bmatrix": r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}",
    "aligned": r"\begin{aligned} f(x) &= x^2 + 2x \\ f'(x) &= 2x + 2 \end{aligned}",
    "cases": r"|x| = \begin{cases} x & x \ge 0 \\ -x & x < 0 \end{cases}",
    "sum": r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    "integral": r"\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}",
    "hat": r"\hat{v} = \frac{v}{\|v\|}",
    "dose": r"\text{dose} = 15\,\mathrm{mg/kg} \times 70\,\mathrm{kg}",
}


@pytest.mark.parametrize("latex", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_the_constructs_models_write_typeset_as_svg(latex: str) -> None:
    result = typeset(latex, display=True)
    assert isinstance(result, Formula), result
    assert result.svg.startswith("<svg") and "<path" in result.svg
    assert "<image" not in result.svg and 'href="http' not in result.svg  # nothing to load
    assert result.width > 0 and result.height > result.depth >= 0


def test_an_inline_fraction_reaches_below_the_baseline() -> None:
    frac = typeset(r"\frac{a}{b}", display=False)
    plain = typeset("ab", display=False)
    assert isinstance(frac, Formula) and isinstance(plain, Formula)
    assert frac.depth > plain.depth and frac.height > plain.height


@pytest.mark.parametrize(
    ("latex", "reason"),
    [
        (r"\foo{x}", "unknown command \\foo"),
        (r"\frac{1}{", "not understood"),
        (r"\def\a{\a}\a", "defines macros"),
        (r"\newcommand{\x}{y}\x", "defines macros"),
        ("x" * (MAX_LATEX_CHARS + 1), "longer than"),
        ("{" * 60 + "x" + "}" * 60, "nested more than 40 groups"),
        ("\\frac{" * 20 + "x" + "}{y}" * 20, "nested more than 12 levels"),
        ("\\begin{pmatrix}" + "\\\\".join(["&".join("1" * 30)] * 30) + "\\end{pmatrix}", "cells"),
    ],
)
def test_what_stays_text_says_why(latex: str, reason: str) -> None:
    started = time.perf_counter()
    result = typeset(latex, display=True)
    assert isinstance(result, NotTypeset) and reason in result.reason
    assert time.perf_counter() - started < 0.2


def test_the_cache_key_depends_on_the_formula_and_its_placement() -> None:
    assert formula_key("x", True) != formula_key("x", False) != formula_key("y", False)
    assert formula_key("x", True) == formula_key("x", True)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="\\{}^_&$ax12 fracsqrtbegin()", max_size=60))
def test_any_text_typesets_or_says_why(latex: str) -> None:
    result = typeset(latex, display=False)
    assert isinstance(result, (Formula, NotTypeset))
    if bounds_problem(latex):
        assert isinstance(result, NotTypeset)


def test_the_worker_stops_a_formula_over_its_time_and_goes_on() -> None:
    with Typesetter(time_limit=1e-6) as slow:
        result = slow.typeset(CONSTRUCTS["aligned"], True)
        assert isinstance(result, NotTypeset) and "took longer" in result.reason
    # The time limit is the product's concern above; here, on a loaded machine, every
    # formula must get the time it needs.
    with Typesetter(time_limit=30.0) as worker:
        results = worker.typeset_all(
            [(latex, True) for latex in CONSTRUCTS.values()] + [(r"\foo", False)],
            known={formula_key(CONSTRUCTS["sum"], True): object()},
        )
        assert formula_key(CONSTRUCTS["sum"], True) not in results
        assert isinstance(results[formula_key(r"\foo", False)], NotTypeset)
        assert sum(isinstance(r, Formula) for r in results.values()) == len(CONSTRUCTS) - 1


def _worker_of(typesetter: Typesetter) -> multiprocessing.process.BaseProcess:
    (worker,) = typesetter._executor()._processes.values()  # type: ignore[union-attr]
    return worker


def test_a_worker_that_died_is_replaced_and_one_that_hangs_is_killed_on_close() -> None:
    with Typesetter() as typesetter:
        first = _worker_of(typesetter)
        assert first.pid is not None
        os.kill(first.pid, signal.SIGKILL)
        first.join(10)
        # Died between formulas: the next formula gets a new worker, not an error.
        assert isinstance(typesetter.typeset(CONSTRUCTS["sum"], True), Formula)
        hung = _worker_of(typesetter)
        assert hung is not first and hung.pid is not None
        os.kill(hung.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            typesetter.close()
            assert time.monotonic() - started < STOP_WAIT_S + 3
            assert not hung.is_alive()
        finally:
            if hung.is_alive():
                os.kill(hung.pid, signal.SIGKILL)


def test_stop_from_another_thread_ends_a_wait_on_a_hung_worker_at_once() -> None:
    typesetter = Typesetter(time_limit=60.0)  # the formula's own limit would be a minute
    worker = _worker_of(typesetter)
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGSTOP)
    try:
        timer = threading.Timer(0.2, typesetter.stop)
        timer.start()
        started = time.monotonic()
        with pytest.raises(TypesettingStopped):
            typesetter.typeset_all([(CONSTRUCTS["integral"], True)])
        assert time.monotonic() - started < 5
        timer.join()
        assert not worker.is_alive()
        with pytest.raises(TypesettingStopped):  # and nothing more after it
            typesetter.typeset("x", False)
    finally:
        if worker.is_alive():
            os.kill(worker.pid, signal.SIGKILL)
        typesetter.close()


@pytest.mark.parametrize("name", ["sin", "det", "gcd", "Pr", "log_2", "lim_{n}", "max_i"])
def test_a_function_name_is_spaced_from_its_argument(name: str) -> None:
    """``\\det B`` reads "det B", not "detB", as ``\\sin x`` does; ``\\det(B)`` gets no
    space before its parenthesis."""

    def width(latex: str) -> float:
        result = typeset(latex, display=False)
        assert isinstance(result, Formula), result
        return result.width

    base, _, script = name.partition("_")
    plain = rf"\mathrm{{{base}}}" + (f"_{script}" if script else "")
    assert width(rf"\{name} B") - width(f"{plain}B") > 2.5
    if name in ("det", "gcd", "Pr"):  # the space Docket adds, only before an argument
        assert abs(width(rf"\{name}(B)") - width(f"{plain}(B)")) < 0.5


STARTER = r"""
import mmap
import sys

# A program that maps a lot before it starts the worker (the window maps 0.5 GB): the
# worker imports it again, so it starts as large.
BIG = mmap.mmap(-1, 700 * 1024 * 1024)

from docket.render.typeset import Typesetter


def hog() -> str:
    try:
        block = bytearray(1024 * 1024 * 1024)
        return f"allocated {len(block)}"
    except MemoryError:
        return "MemoryError"


if __name__ == "__main__":
    with Typesetter() as worker:
        print(type(worker.typeset(r"\frac{1}{2}", False)).__name__)
        print(worker._executor().submit(hog).result(timeout=20))
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux caps address space")
def test_the_worker_memory_cap_counts_from_what_it_starts_with(tmp_path: Path) -> None:
    script = tmp_path / "starter.py"
    script.write_text(STARTER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["Formula", "MemoryError"], done.stderr[-2000:]
