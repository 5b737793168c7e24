"""Hostile LaTeX: bounded in time and memory in the window's process, with a notice.

What the window's process does with a formula: finds it (``formulas_of``), has it
typeset (``Typesetter``: checked against bounds first, then typeset in a worker process
with a time limit, killed past it) and renders the response with the result. Each case
here costs that process under 200 ms and 50 MB, ends as text (never an image), and the
reader is told: the formula is marked "as text" under a notice, or the input was cut.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator

import pytest

from docket.render import formulas_of, to_html
from docket.render.typeset import MAX_LATEX_CHARS, NotTypeset, Typesetter, formula_key
from tests.render_safety import unsafe_parts

MB = 1024 * 1024
NOT_TYPESET = "could not be typeset and"
CUT = "Shown: the first 200,000"


def matrix(n: int) -> str:
    return "\\begin{pmatrix}" + "\\\\".join(["&".join("1" * n)] * n) + "\\end{pmatrix}"


CASES: dict[str, tuple[str, str]] = {
    "thousands of nested groups": ("$$" + "{" * 3000 + "x" + "}" * 3000 + "$$", NOT_TYPESET),
    "nested groups within the length bound": (
        "$$" + "{" * 1900 + "x" + "}" * 1900 + "$$",
        NOT_TYPESET,
    ),
    "nested fractions": ("$$" + "\\frac{" * 30 + "x" + "}{y}" * 30 + "$$", NOT_TYPESET),
    "nested \\left( over the time limit": (
        "$$" + "\\left(" * 10 + "x" + "\\right)" * 10 + "$$",
        NOT_TYPESET,
    ),
    "a 500 x 500 matrix": (f"$${matrix(500)}$$", CUT),
    "a 30 x 30 matrix": (f"$${matrix(30)}$$", NOT_TYPESET),
    "\\def loops": (
        "$$\\def\\a{\\a\\a}\\a$$ then $\\newcommand{\\b}{\\b}\\b$ and "
        "$\\let\\c\\c \\c$ and $\\csname x\\endcsname$",
        NOT_TYPESET,
    ),
    "megabytes in one formula": ("$$" + "x+" * MB + "$$", CUT),
    "150,000 characters in one formula": ("$$" + "x+" * 75_000 + "$$", NOT_TYPESET),
}


@pytest.fixture(scope="module")
def worker() -> Iterator[Typesetter]:
    with Typesetter() as typesetter:
        yield typesetter


def show(md: str, worker: Typesetter) -> tuple[str, list[object]]:
    """What the window's process does with a response's formulas, all of it."""
    results = {formula_key(latex, d): worker.typeset(latex, d) for latex, d in formulas_of(md)}
    return to_html(md, formulas=results), list(results.values())


@pytest.mark.parametrize("name", CASES)
def test_hostile_latex_is_bounded_and_said_so(name: str, worker: Typesetter) -> None:
    md, notice = CASES[name]
    worker.typeset("x", False)  # a worker ready (the time limit may have killed the last)
    started = time.perf_counter()
    html, results = show(md, worker)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.2, f"{name}: {elapsed * 1000:.0f} ms"
    assert notice in html
    assert all(isinstance(r, NotTypeset) for r in results)
    assert "<img" not in html and unsafe_parts(html) == []
    worker.typeset("x", False)
    tracemalloc.start()
    try:
        show(md, worker)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * MB, f"{name}: {peak / MB:.1f} MB"


def test_the_time_limit_stops_a_formula_and_the_next_one_typesets(worker: Typesetter) -> None:
    slow = "\\left(" * 10 + "x" + "\\right)" * 10
    worker.typeset("x", False)
    started = time.perf_counter()
    result = worker.typeset(slow, True)
    assert time.perf_counter() - started < 0.2
    assert isinstance(result, NotTypeset) and "took longer" in result.reason
    assert not isinstance(worker.typeset("\\frac{1}{2}", False), NotTypeset)


def test_megabytes_handed_to_the_typesetter_are_refused_at_once(worker: Typesetter) -> None:
    for latex in ("x+" * MB, matrix(500), "{" * MB + "}" * MB):
        started = time.perf_counter()
        result = worker.typeset(latex, True)
        assert time.perf_counter() - started < 0.05
        assert isinstance(result, NotTypeset) and f"{MAX_LATEX_CHARS:,}" in result.reason


def test_a_formula_too_long_to_show_whole_is_cut_in_words() -> None:
    html = to_html("$$" + "x+" * 75_000 + "$$", formulas={})
    assert "cut: a formula of 150,000 characters; the raw view shows it all" in html
    assert len(html) < 10_000
