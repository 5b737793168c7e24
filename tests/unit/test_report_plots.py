"""The report's plots (docket.server.report_plots): SVG fragments that inline in one HTML
file: well-formed, titled, self-contained, deterministic, and safe with any label."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from docket.errors import DocketError
from docket.server import report_plots as rp
from tests.helpers import ROOT

pytest.importorskip("matplotlib", reason="the report extra (matplotlib) draws the plots")

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
NAMES = ["alice", "bob", "carol", "dave"]
DAYS = [f"2026-11-{d:02d}" for d in range(1, 11)]


def sample_charts() -> dict[str, Callable[[], str]]:
    """One call of each plot on small, ordinary data."""
    return {
        "interval_chart": lambda: rp.interval_chart(
            [("model-a", 1040.0, 1020.0, 1060.0), ("model-b", 990.0, None, None)],
            title="Ratings",
            axis_label="rating",
            reference=1000.0,
            reference_label="1000: average",
        ),
        "heat_map": lambda: rp.heat_map(
            NAMES[:3],
            NAMES[:3],
            [[None, 0.5, 0.8], [0.5, None, 0.2], [0.8, 0.2, None]],
            title="Reviewer agreement",
            vmin=0,
            vmax=1,
            counts=[[None, 10, 12], [10, None, 7], [12, 7, None]],
        ),
        "distribution_chart": lambda: rp.distribution_chart(
            {"alice": [5.0, 12.0, 30.0, 31.0, 45.0, 200.0], "bob": [20.0, 22.0, 40.0]},
            title="Seconds per task",
            axis_label="seconds",
            threshold=15.0,
            threshold_label="minimum: 15 s",
        ),
        "time_series": lambda: rp.time_series(
            {
                "overall": [(d, 0.5 + i / 40) for i, d in enumerate(DAYS)],
                "safety": [(d, 0.6 if i != 4 else None) for i, d in enumerate(DAYS)],
            },
            title="Agreement over time",
            axis_label="κ",
            reference=0.7,
            reference_label="target 0.70",
        ),
        "stacked_bars": lambda: rp.stacked_bars(
            DAYS[:5],
            {"alice": [1, 2, 3, 4, 5], "bob": [0, 3, 0, 3, 0], "carol": [2, 2, 2, 2, 2]},
            title="Answers per day",
            axis_label="answers",
        ),
    }


CHARTS = sample_charts()


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    return {name: draw() for name, draw in CHARTS.items()}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in parse(svg).iter(f"{SVG}text")]


def ids_and_references(root: ET.Element) -> tuple[list[str], list[str]]:
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    references: list[str] = []
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in (XLINK_HREF, "href"):
                references.append(value)
            if name != "aria-label":  # the title, as typed
                references += [f"#{r}" for r in re.findall(r"url\(#([^)]*)\)", value)]
    return [i for i in ids if i], references


# --- structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_an_svg_fragment_for_html(drawn: dict[str, str], name: str) -> None:
    svg = drawn[name]
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    # Sized by its viewBox: scales to the page, at most its drawn width.
    x, y, width, height = map(float, root.get("viewBox", "").split())
    assert (x, y) == (0, 0) and width == rp.PLOT_WIDTH_IN * 72 and height > 50
    assert root.get("width") == "100%" and root.get("height") is None
    assert f"max-width: {width:g}pt" in root.get("style", "")
    # Titled for screen readers, first thing inside.
    title = {"interval_chart": "Ratings", "heat_map": "Reviewer agreement"}.get(name)
    first = root[0]
    assert first.tag == f"{SVG}title" and first.text
    assert root.get("role") == "img" and root.get("aria-label") == first.text
    if title:
        assert first.text == title
    # Text kept as text, in the page's generic sans-serif: no glyphs drawn as paths.
    assert root.get("font-family") == "sans-serif"
    assert first.text in texts(svg)
    assert "font-family" not in svg.split(">", 1)[1]
    # Nothing that reaches the rest of the page or runs: no style sheet, no script.
    for tag in ("style", "script", "foreignObject", "image", "a"):
        assert not list(root.iter(f"{SVG}{tag}")), tag


@pytest.mark.parametrize("name", CHARTS)
def test_no_external_reference(drawn: dict[str, str], name: str) -> None:
    svg = drawn[name]
    root = parse(svg)
    ids, references = ids_and_references(root)
    assert references, "every plot clips or reuses a marker"
    assert all(r.startswith("#") and r[1:] in ids for r in references), references
    assert len(ids) == len(set(ids))
    # The namespaces are names, not fetched; beyond them no URL, file, data: or @import.
    body = re.sub(r' xmlns(:xlink)?="[^"]*"', "", svg)
    for needle in ("http:", "https:", "file:", "data:", "@import", "url(http", "//"):
        assert needle not in body, needle


def test_ids_are_unique_across_plots(drawn: dict[str, str]) -> None:
    every = [i for svg in drawn.values() for i in ids_and_references(parse(svg))[0]]
    assert len(every) == len(set(every))


@pytest.mark.parametrize("name", CHARTS)
def test_deterministic(drawn: dict[str, str], name: str) -> None:
    assert CHARTS[name]() == drawn[name]


def test_the_same_bytes_in_another_process(drawn: dict[str, str]) -> None:
    """No per-process randomness (matplotlib's default SVG ids are random per run)."""
    code = (
        "from tests.unit.test_report_plots import CHARTS; import sys; "
        "sys.stdout.write(CHARTS['stacked_bars']() + CHARTS['heat_map']())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, check=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.stdout == drawn["stacked_bars"] + drawn["heat_map"]


def test_matplotlib_settings_are_restored() -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    CHARTS["time_series"]()
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams["svg.fonttype"] != "none"  # the default, untouched


@pytest.mark.parametrize(
    "call",
    [
        lambda: rp.interval_chart([], title="t", axis_label="x"),
        lambda: rp.heat_map([], [], [], title="t"),
        lambda: rp.distribution_chart({}, title="t", axis_label="x"),
        lambda: rp.time_series({}, title="t", axis_label="x"),
        lambda: rp.time_series({"a": []}, title="t", axis_label="x"),
        lambda: rp.stacked_bars([], {}, title="t", axis_label="x"),
        lambda: rp.stacked_bars(["d"], {}, title="t", axis_label="x"),
    ],
)
def test_nothing_to_plot_is_an_empty_string(call: Callable[[], str]) -> None:
    assert call() == ""


# --- what each plot says -----------------------------------------------------------------


def test_heat_map_prints_every_value_count_and_gap() -> None:
    values = [[0.0, 0.25, None], [1.0, 0.5, -0.125]]
    counts = [[3, 1200, None], [None, 7, 0]]
    svg = rp.heat_map(
        ["r1", "r2"], ["c1", "c2", "c3"], values, title="M", vmin=-0.2, vmax=1, counts=counts
    )
    shown = texts(svg)
    for label in ("r1", "r2", "c1", "c2", "c3"):
        assert label in shown
    for printed in ("0.00", "0.25", "1.00", "0.50", "−0.12"):
        assert shown.count(printed) == 1, printed
    assert shown.count("–") == 1  # the one value that is None
    for printed in ("n=3", "n=1,200", "n=7", "n=0"):
        assert shown.count(printed) == 1, printed
    assert not [t for t in shown if t == "n=None"]


def test_heat_map_text_contrasts_with_its_cell() -> None:
    svg = rp.heat_map(["r"], ["low", "high"], [[0.0, 1.0]], title="M", vmin=0, vmax=1)
    fills = {}
    for text in parse(svg).iter(f"{SVG}text"):
        style = text.get("style", "")
        fill = re.search(r"fill: (#[0-9a-f]{6})", style)
        fills[text.text] = fill.group(1) if fill else "#000000"  # SVG's default fill
    # cividis runs from dark blue to light yellow.
    assert fills["0.00"] == "#ffffff" and fills["1.00"] == "#000000"


def test_ink_is_the_colour_of_higher_contrast() -> None:
    assert rp._ink_for((0.0, 0.0, 0.3, 1.0)) == "#ffffff"
    assert rp._ink_for((1.0, 0.9, 0.3, 1.0)) == "#000000"
    assert rp._ink_for((0.5, 0.5, 0.5, 1.0)) == "#000000"  # mid grey: 5.3:1 against 4.0:1


def test_heat_map_checks_its_shape() -> None:
    with pytest.raises(ValueError, match="2 rows of 2"):
        rp.heat_map(["a", "b"], ["x", "y"], [[1.0, 2.0]], title="t")
    with pytest.raises(ValueError, match="counts"):
        rp.heat_map(["a"], ["x"], [[1.0]], title="t", counts=[[1, 2]])


def test_interval_chart_rows_numbers_and_reference() -> None:
    svg = rp.interval_chart(
        [
            ("first", 0.82, 0.72, 0.9),
            ("second", -0.5, -0.75, 0.125),
            ("point only", 0.4, None, None),
            ("missing", math.nan, None, None),
        ],
        title="Agreement per question",
        axis_label="κ",
        reference=0.7,
        reference_label="target κ ≥ 0.70",
    )
    shown = texts(svg)
    assert [t for t in shown if t in ("first", "second", "point only", "missing")] == [
        "first", "second", "point only", "missing",
    ]  # fmt: skip
    assert "0.82 [0.72, 0.90]" in shown
    assert "−0.50 [−0.75, 0.12]" in shown
    assert "0.40" in shown and "no estimate" in shown
    assert "target κ ≥ 0.70" in shown and "κ" in shown


def test_distribution_chart_counts_medians_and_threshold() -> None:
    svg = rp.distribution_chart(
        {"alice": [1.0, 2.0, 3.0, 4.0, 100.0, math.nan], "nobody": []},
        title="Seconds per task",
        axis_label="seconds",
        threshold=2.5,
        threshold_label="minimum: 2.5 s",
    )
    shown = texts(svg)
    assert "n = 5 · median 3 · 2 (40 %) below" in shown  # NaN left out
    assert "n = 0" in shown
    assert "minimum: 2.5 s" in shown


def test_distribution_chart_on_a_log_scale_says_what_it_leaves_out() -> None:
    svg = rp.distribution_chart(
        {"a": [0.0, 0.0, 1.0, 10.0, 100.0]}, title="t", axis_label="s", log_scale=True
    )
    shown = texts(svg)
    assert "n = 3 · median 10 · 2 at or below 0 not shown" in shown
    assert not [t for t in shown if "$" in t or "mathdefault" in t]  # plain tick labels
    assert "10" in shown and "100" in shown


def test_distribution_of_100k_values_draws_no_point_markers() -> None:
    """Not a timing test: a large group is summarised (no per-point markers), so the
    drawing stays small. The time is measured (printed with -s)."""
    n = 100_000
    groups = {
        name: [((i * 7919 + k * 104729) % 10007) / 10.0 + 1 for i in range(n)]
        for k, name in enumerate(NAMES)
    }
    start = time.perf_counter()
    svg = rp.distribution_chart(
        groups, title="t", axis_label="s", threshold=30, threshold_label="min", log_scale=True
    )
    elapsed = time.perf_counter() - start
    print(f"distribution_chart: 4 groups x {n:,} values in {elapsed:.2f} s, {len(svg):,} bytes")
    assert len(svg) < 60_000
    assert svg.count("<use") < 40  # tick marks only
    assert f"n = {n:,}" in "".join(texts(svg))
    with_fliers = rp.distribution_chart(
        {"a": [float(i) for i in range(200)]}, title="t", axis_label="s"
    )
    assert with_fliers.count("<use") >= 20  # a small group shows its outliers


def test_time_series_gaps_markers_and_direct_labels() -> None:
    svg = rp.time_series(
        {
            "one": [("2026-11-01", 1.0), ("2026-11-02", None), ("2026-11-03", 2.0),
                    ("2026-11-04", 3.0)],
            "two": [("2026-11-02", 2.0), ("2026-11-03", 1.0)],
        },
        title="t",
        axis_label="v",
    )  # fmt: skip
    shown = texts(svg)
    assert "one" in shown and "two" in shown  # each series named at its end
    assert [d for d in shown if d.startswith("2026")] == [f"2026-11-0{d}" for d in range(1, 5)]
    root = parse(svg)
    lines = [
        p.get("d", "")
        for p in root.iter(f"{SVG}path")
        if "stroke-dasharray" in p.get("style", "")
        or "stroke-linecap: square" in p.get("style", "")
    ]
    # Series "one" is broken at its None: its line starts twice ("M").
    assert any(d.count("M") == 2 for d in lines)
    # Each series its own marker shape: two marker definitions used.
    markers = {u.get(XLINK_HREF) for u in root.iter(f"{SVG}use")}
    assert len({m for m in markers if m}) >= 2
    # Its own line style: the second series is dashed.
    assert any("stroke-dasharray" in p.get("style", "") for p in root.iter(f"{SVG}path"))


def test_stacked_bars_legend_hatches_and_totals() -> None:
    svg = rp.stacked_bars(
        ["w1", "w2"],
        {"hallucination": [3, 0], "unsafe": [1, 2], "refusal": [0, 5]},
        title="Flags per week",
        axis_label="flags",
    )
    shown = texts(svg)
    assert {"hallucination", "unsafe", "refusal", "w1", "w2", "4", "7"} <= set(shown)
    assert len(list(parse(svg).iter(f"{SVG}pattern"))) == 2  # all but the first hatched
    with pytest.raises(ValueError, match="has 1 values, not 2"):
        rp.stacked_bars(["w1", "w2"], {"a": [1]}, title="t", axis_label="x")


# --- untrusted labels --------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "Tom & Jerry",
    "say \"hi\" 'there'",
    "]]><x/>",
    "$x^2$ and $\\alpha$",
    "a\x00b\x1bc",
    "<!-- c -->",
    "&amp;",
    'id="p1" url(#p1)',
]


@pytest.mark.parametrize("label", HOSTILE)
def test_labels_cannot_break_out_and_are_shown_as_typed(label: str) -> None:
    shown_label = " ".join(rp._clean(label).split())
    charts = [
        rp.interval_chart([(label, 1.0, 0.5, 1.5)], title=label, axis_label=label,
                          reference=1.0, reference_label=label),
        rp.heat_map([label], [label], [[0.5]], title=label, counts=[[1]]),
        rp.distribution_chart({label: [1.0, 2.0]}, title=label, axis_label=label,
                              threshold=1.5, threshold_label=label),
        rp.time_series({label: [(label, 1.0)]}, title=label, axis_label=label,
                       reference=1.0, reference_label=label),
        rp.stacked_bars([label], {label: [1]}, title=label, axis_label=label),
    ]  # fmt: skip
    for svg in charts:
        root = parse(svg)  # well-formed whatever the label
        assert root.get("aria-label") == shown_label
        assert root[0].text == shown_label
        assert not list(root.iter(f"{SVG}script"))
        assert "<script" not in svg and "<x/>" not in svg and "<!-- c" not in svg
        # Every label is a text, exactly as typed (no mathtext: "$" stays).
        assert shown_label in texts(svg) or any(
            t.endswith("…") and shown_label.startswith(t[:-1]) for t in texts(svg)
        )
        # Ids and references are still only the plot's own.
        ids, references = ids_and_references(root)
        assert all(r[1:] in ids for r in references)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(max_size=60))
@example("٘0؊؎000𝐟0찡0𝐚00찡𝐢𝐤𝐣𝐥𝐦𝐧차차차𝐩𝐪찫찫𝐬𝐭찮찮𝐯𝐰𝐱𝐲𝐳")
def test_any_label_gives_well_formed_svg(label: str) -> None:
    svg = rp.interval_chart([(label, 1.0, 0.0, 2.0)], title=label, axis_label=label)
    root = parse(svg)
    expected = " ".join(rp._clean(label).split())
    assert (root[0].text or "") == expected == root.get("aria-label")


def test_long_labels_are_shortened() -> None:
    label = "q" * 200
    shown = texts(rp.interval_chart([(label, 1.0, None, None)], title="t", axis_label="x"))
    cut = [t for t in shown if t.startswith("qq")]
    assert len(cut) == 1 and cut[0].endswith("…") and 10 < len(cut[0]) <= rp.LABEL_LIMIT


@pytest.mark.parametrize(
    "label",
    [
        "W" * 200,
        "찡" * 100,
        "٘0؊؎000𝐟0찡0𝐚00찡𝐢𝐤𝐣𝐥𝐦𝐧차차차𝐩𝐪찫찫𝐬𝐭찮찮𝐯𝐰𝐱𝐲𝐳",  # found by Hypothesis
    ],
)
def test_wide_labels_never_squeeze_the_plot_away(label: str) -> None:
    """Labels are cut to a width in points, not in characters: wide glyphs included
    (matplotlib would otherwise warn that the axes collapsed, which fails the test)."""
    for svg in [
        rp.interval_chart([(label, 1.0, 0.0, 2.0)], title=label, axis_label=label,
                          reference=1.0, reference_label=label),
        rp.heat_map([label, "b"], [label, "b"], [[1.0, 0.5], [0.5, 1.0]], title=label,
                    counts=[[1, 2], [3, 4]], colorbar_label=label),
        rp.distribution_chart({label: [1.0, 2.0]}, title=label, axis_label=label,
                              threshold=1.5, threshold_label=label),
        rp.time_series({label: [(label, 1.0)]}, title=label, axis_label=label,
                       reference=1.0, reference_label=label),
        rp.stacked_bars([label], {label: [1]}, title=label, axis_label=label),
    ]:  # fmt: skip
        assert any(t.endswith("…") for t in texts(svg))


# --- matplotlib is optional --------------------------------------------------------------


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = (
        "import sys, docket.server.report_plots; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_without_matplotlib_a_hint_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` fails
    monkeypatch.setitem(sys.modules, "numpy", None)  # and numpy, which comes with it
    with pytest.raises(DocketError) as caught:
        rp.require_plotting()
    assert "matplotlib" in caught.value.message
    assert "pip install 'docket[report]'" in caught.value.hint
    with pytest.raises(DocketError, match="matplotlib"):
        rp.preload()  # as early, before the store is read
    for name, draw in CHARTS.items():
        with pytest.raises(DocketError):
            draw()
        assert name


def test_an_extra_of_its_own_kept_out_of_the_desktop_package() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [d.split(">=")[0] for d in project["optional-dependencies"]["report"]] == ["matplotlib"]
    assert not [d for d in project["dependencies"] if d.startswith("matplotlib")]
    spec = (ROOT / "packaging" / "docket.spec").read_text()
    excludes = spec.split("OTHER_EXCLUDES = [", 1)[1].split("]", 1)[0]
    for name in ("matplotlib", "numpy", "PIL", "fontTools", "contourpy", "kiwisolver"):
        assert f'"{name}"' in excludes, name
    makefile = (ROOT / "Makefile").read_text()
    assert "'.[test,crosscheck,report,data,postgres]'" in makefile  # make test draws the plots
    assert '["optional-dependencies"]["report"]' in makefile  # so does the headless suite
