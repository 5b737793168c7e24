"""The report's plots, drawn by matplotlib's SVG backend as inline SVG for one HTML file.

Each function returns an SVG fragment ready to paste into an HTML5 page:

- no XML declaration, no DOCTYPE, no ``<style>`` element (its rules would reach the whole
  page), nothing fetched: no external ``href``, no ``@import``, no web fonts;
- a ``<title>`` and ``role="img"`` with an ``aria-label`` carrying the title;
- text kept as text (``svg.fonttype = "none"``) in the page's generic ``sans-serif``, so it
  can be selected, searched and read aloud, and the file stays small;
- sized by its ``viewBox`` (``width="100%"``, at most its drawn width), so it shrinks to
  the page and prints;
- deterministic: a fixed ``svg.hashsalt``, no date: the same input gives the same bytes;
- element ids prefixed with a digest of the figure, so that several plots in one page never
  share an id (the ids that nothing references are dropped).

Labels (reviewer names, model names, question ids) are untrusted text. Matplotlib escapes
``&``, ``<`` and ``>`` in text; mathtext is switched off (``text.parse_math``), so ``$x$``
is shown as typed; control characters are replaced and very long labels shortened.

Meaning is never carried by colour alone: heat-map cells print their values, series have
their own marker, line style or hatch and a label, and every threshold line is labelled in
words. Colours come from the Okabe-Ito palette and the cividis colormap (both readable
with the common colour-vision deficiencies).

Empty input (no rows, groups or series) returns ``""``: the caller says "nothing to plot"
in words rather than drawing empty axes.

Matplotlib is an optional extra (``pip install 'docket[report]'``), imported only when a
plot is drawn: importing this module costs nothing, and :func:`require_plotting` raises a
:class:`~docket.errors.DocketError` saying how to install it. Only the object-oriented API
is used (``Figure`` and ``FigureCanvasSVG``; never pyplot): its settings are applied with
``matplotlib.rc_context`` for the time of one drawing.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import importlib.util
import io
import math
import re
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from docket.errors import DocketError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PLOT_WIDTH_IN",
    "distribution_chart",
    "heat_map",
    "interval_chart",
    "require_plotting",
    "stacked_bars",
    "time_series",
]

PLOT_WIDTH_IN = 7.0
"""The drawn width of every plot, in inches (504 pt): a page's text width."""

FONT_SIZE = 9.0
LABEL_LIMIT = 48
"""Labels longer than this many characters are shortened with "…"."""

INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 against white
GRID = "#d9d9d9"
# Okabe & Ito (2008), "Color Universal Design": distinct under the common colour-vision
# deficiencies. Yellow (#F0E442) is left out: too pale for lines and text on white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINE_STYLES: tuple[Any, ...] = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))
# Line hatches only: dots and circles are drawn as hundreds of small paths each.
HATCHES = ("", "///", "\\\\\\", "xxx", "---", "|||", "+++", "/", "\\", "x")
SEQUENTIAL_COLORMAP = "cividis"
MIN_SLOTS = 8
"""Stacked bars are drawn at least as narrow as this many would be."""
FAST_GROUP = 1000
"""A distribution with more values than this draws no individual outliers."""

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "docket-report",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 2,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": FONT_SIZE,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.formatter.useoffset": False,
    "axes.formatter.limits": (-6, 9),
    "axes.unicode_minus": True,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.fontsize": FONT_SIZE,
    "hatch.linewidth": 0.7,
    "path.simplify": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def require_plotting() -> None:
    """Raise a :class:`DocketError` with the install hint when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
        from matplotlib.backends import backend_svg  # noqa: F401
    except ImportError as error:
        raise DocketError(
            f"The report's plots need matplotlib, which is not installed ({error}).",
            hint="Install the report extra where you run docket report: "
            "pip install 'docket[report]' (from a checkout: pip install -e '.[report]'). "
            "The desktop app's package leaves it out.",
        ) from error


def preload() -> threading.Thread:
    """Import matplotlib in a thread of its own while the caller reads the store (a third
    of a second of a cold ``docket report``, spent beside SQLite, which releases the GIL
    while it reads); join it before drawing. Raises as :func:`require_plotting` now where
    matplotlib is not installed at all; an installation that fails to import raises when
    the plots are drawn."""
    if importlib.util.find_spec("matplotlib") is None:
        require_plotting()
    thread = threading.Thread(target=_import_drawing, name="docket-report-import", daemon=True)
    thread.start()
    return thread


def _import_drawing() -> None:
    with contextlib.suppress(ImportError):
        import matplotlib  # noqa: F401
        from matplotlib.backends import backend_svg  # noqa: F401
        from matplotlib.figure import Figure  # noqa: F401
        from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: F401


# --- the five plots -------------------------------------------------------------------------


def interval_chart(
    rows: Sequence[tuple[str, float, float | None, float | None]],
    *,
    title: str,
    axis_label: str,
    reference: float | None = None,
    reference_label: str = "",
    value_format: str = "{:.2f}",
    limits: tuple[float, float] | None = None,
) -> str:
    """A forest plot: one row per ``(label, estimate, low, high)``, top to bottom in the
    order given, the estimate as a dot and its interval as a whisker (``low`` or ``high``
    None: the dot alone), the numbers printed at the right ("0.72 [0.61, 0.80]"); an
    optional vertical ``reference`` line labelled ``reference_label`` (a target, a
    baseline rating). A non-finite estimate is printed as "no estimate"."""
    if not rows:
        return ""
    with _drawing() as new_figure:
        n = len(rows)
        fig, ax = new_figure(height=1.0 + 0.3 * n)
        ys = list(range(n))
        values: list[float] = []
        for y, (_, estimate, low, high) in zip(ys, rows, strict=True):
            if not _finite(estimate):
                continue
            values.append(estimate)
            if _finite(low) and _finite(high):
                assert low is not None and high is not None
                ax.hlines(y, low, high, color=PALETTE[0], linewidth=1.8)
                ax.vlines([low, high], y - 0.15, y + 0.15, color=PALETTE[0], linewidth=1.2)
                values += [low, high]
            ax.plot([estimate], [y], marker="o", markersize=5.5, color=PALETTE[0], linestyle="none")
        if reference is not None and _finite(reference):
            values.append(reference)
            ax.axvline(reference, color=INK, linestyle="--", linewidth=1.0, zorder=0)
            _label_vertical_line(ax, reference, reference_label)
        ax.set_yticks(ys, [_fit(r[0], 190) for r in rows])
        ax.set_ylim(n - 0.5, -1.1 if reference_label else -0.5)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(_fit(axis_label, 420, limit=120))
        if limits is not None:
            ax.set_xlim(*limits)
        elif values:
            lo, hi = min(values), max(values)
            pad = (hi - lo) * 0.05 or max(abs(hi) * 0.05, 0.05)
            ax.set_xlim(lo - pad, hi + pad)
        for y, (_, estimate, low, high) in zip(ys, rows, strict=True):
            ax.annotate(
                _interval_text(estimate, low, high, value_format),
                xy=(1.0, y),
                xycoords=("axes fraction", "data"),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                color=INK,
            )
        return _finish(fig, ax, title)


def heat_map(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    title: str,
    value_format: str = "{:.2f}",
    vmin: float | None = None,
    vmax: float | None = None,
    counts: Sequence[Sequence[int | None]] | None = None,
    colorbar_label: str = "",
) -> str:
    """A matrix of cells coloured on the cividis scale, each printing its value (and
    "n=…" under it when ``counts`` is given), "–" where the value is None; the text is
    black or white, whichever contrasts more with the cell. ``vmin``/``vmax`` fix the
    scale (default: the values' range)."""
    if not row_labels or not column_labels:
        return ""
    n_rows, n_cols = len(row_labels), len(column_labels)
    if len(values) != n_rows or any(len(row) != n_cols for row in values):
        raise ValueError(f"heat_map: values must be {n_rows} rows of {n_cols} values")
    if counts is not None and (len(counts) != n_rows or any(len(row) != n_cols for row in counts)):
        raise ValueError(f"heat_map: counts must be {n_rows} rows of {n_cols} counts")
    with _drawing() as new_figure:
        import numpy as np
        from matplotlib import colormaps
        from matplotlib.colors import Normalize

        slanted = n_cols > 6 or any(len(c) > 8 for c in column_labels)
        cell_texts = [
            [_format(value_format, v) if _finite(v) else "–" for v in row]  # type: ignore[arg-type]
            for row in values
        ]
        count_texts = [[f"n={c:,}" if c is not None else "" for c in row] for row in (counts or [])]
        # The cells share what the row labels and the colour scale leave of the width; the
        # text is sized to fit a cell (glyphs about 0.62 em wide), the counts left out when
        # they would not fit at 5 pt.
        row_names = [_fit(r, 160) for r in row_labels]
        longest_label = max(len(r) for r in row_names)
        cell_pt = (PLOT_WIDTH_IN * 72 - min(0.6 * FONT_SIZE * longest_label, 175) - 75) / n_cols
        widest = max((len(t) for row in cell_texts for t in row), default=1)
        widest_count = max((len(t) for row in count_texts for t in row), default=0)
        show_counts = bool(widest_count) and 0.85 * cell_pt / (0.62 * widest_count) >= 5.0
        chars = max(widest, widest_count if show_counts else 0)
        size = max(4.0, min(FONT_SIZE, 0.85 * cell_pt / (0.62 * chars)))
        lines = 2 if show_counts else 1
        row_pt = max(min(cell_pt * 0.6, 54.0), lines * size * 1.5 + 6)
        fig, ax = new_figure(height=1.4 + n_rows * row_pt / 72 + 0.8 * slanted)
        grid = np.array([[v if _finite(v) else np.nan for v in row] for row in values], dtype=float)
        finite = grid[np.isfinite(grid)]
        low = vmin if vmin is not None else (float(finite.min()) if finite.size else 0.0)
        high = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
        if high <= low:
            high = low + 1.0
        cmap = colormaps[SEQUENTIAL_COLORMAP].with_extremes(bad="#f2f2f2")
        norm = Normalize(low, high)
        # Vector cells (not imshow, which embeds a PNG as a data: URL).
        ax.pcolormesh(
            np.arange(n_cols + 1) - 0.5,
            np.arange(n_rows + 1) - 0.5,
            np.ma.masked_invalid(grid),
            cmap=cmap,
            norm=norm,
            edgecolors="white",
            linewidth=1.5,
        )
        ax.set_xlim(-0.5, n_cols - 0.5)
        ax.set_ylim(n_rows - 0.5, -0.5)
        for i in range(n_rows):
            for j in range(n_cols):
                value = grid[i, j]
                ink = INK if math.isnan(value) else _ink_for(cmap(norm(value)))
                shown = [(cell_texts[i][j], size)]
                if show_counts and count_texts[i][j]:
                    shown.append((count_texts[i][j], size - 1))
                # One line per text, centred by the browser (text-anchor) whatever its font;
                # inside the cell, so left out of the layout's measuring (a large matrix
                # would otherwise measure thousands of texts).
                for k, (line, points) in enumerate(shown):
                    text = ax.annotate(
                        line,
                        xy=(j, i),
                        xytext=(0, (((len(shown) - 1) / 2) - k) * size * 1.25),
                        textcoords="offset points",
                        ha="center",
                        va="center",
                        color=ink,
                        fontsize=points,
                    )
                    text.set_in_layout(False)
        if counts is not None and not show_counts:
            fig.supxlabel(
                "The number of units per cell is left out: too many cells to print it.",
                x=0.01,
                ha="left",
                fontsize=FONT_SIZE - 1.5,
                color=MUTED,
            )
        ax.set_xticks(range(n_cols), [_fit(c, 110 if slanted else 70) for c in column_labels])
        ax.set_yticks(range(n_rows), row_names)
        if slanted:
            ax.tick_params(axis="x", labelrotation=40)
            for tick in ax.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        from matplotlib.cm import ScalarMappable

        # The scale beside the cells in 64 steps: 64 rectangles rather than 256.
        scale = ScalarMappable(norm=norm, cmap=cmap.resampled(64))
        bar = fig.colorbar(scale, ax=ax, shrink=0.8, pad=0.02, aspect=25)
        bar.outline.set_visible(False)
        bar.solids.set_rasterized(False)  # vectors, not an embedded PNG
        bar.solids.set_edgecolor("face")  # no hairline seams between the steps
        if colorbar_label:
            bar.set_label(_fit(colorbar_label, 150))
        return _finish(fig, ax, title)


def distribution_chart(
    groups: Mapping[str, Sequence[float]],
    *,
    title: str,
    axis_label: str,
    threshold: float | None = None,
    threshold_label: str = "",
    log_scale: bool = False,
) -> str:
    """One horizontal box plot per group (in the mapping's order, top to bottom): the box
    spans the middle half, a line marks the median, the whiskers reach the 5th and 95th
    percentiles, and values beyond them are dots while a group has at most
    :data:`FAST_GROUP` values. Each row prints its count ("n = 1,234"), its median, and,
    with a ``threshold``, how many values fall below it. Non-finite values are left out;
    on a ``log_scale``, so are values at or below zero (the count says how many)."""
    if not groups:
        return ""
    with _drawing() as new_figure:
        import numpy as np

        names = list(groups)
        n = len(names)
        fig, ax = new_figure(height=1.5 + 0.6 * n)
        stats: list[dict[str, Any]] = []
        notes: list[str] = []
        seen: list[float] = []
        for name in names:
            data = np.asarray(groups[name], dtype=float)
            data = data[np.isfinite(data)]
            dropped = 0
            if log_scale:
                positive = data[data > 0]
                dropped, data = data.size - positive.size, positive
            note = f"n = {data.size:,}"
            if data.size:
                q05, q25, q50, q75, q95 = np.percentile(data, [5, 25, 50, 75, 95])
                fliers = data[(data < q05) | (data > q95)] if data.size <= FAST_GROUP else data[:0]
                stats.append({
                    "label": "", "med": q50, "q1": q25, "q3": q75,
                    "whislo": q05, "whishi": q95, "fliers": fliers,
                })  # fmt: skip
                seen += [float(data.min()), float(data.max())]
                note += f" · median {_number(float(q50))}"
                if threshold is not None:
                    below = int(np.count_nonzero(data < threshold))
                    note += f" · {below:,} ({100 * below / data.size:.0f} %) below"
            else:
                stats.append({
                    "label": "", "med": np.nan, "q1": np.nan, "q3": np.nan,
                    "whislo": np.nan, "whishi": np.nan, "fliers": data,
                })  # fmt: skip
            if dropped:
                note += f" · {dropped:,} at or below 0 not shown"
            notes.append(note)
        ax.bxp(
            stats,
            positions=list(range(n)),
            orientation="horizontal",
            widths=0.45,
            patch_artist=True,
            showfliers=True,
            boxprops={"facecolor": "#cfe3f2", "edgecolor": PALETTE[0], "linewidth": 1.0},
            medianprops={"color": INK, "linewidth": 2.0},
            whiskerprops={"color": PALETTE[0], "linewidth": 1.0},
            capprops={"color": PALETTE[0], "linewidth": 1.0},
            flierprops={
                "marker": "o",
                "markersize": 2.5,
                "markerfacecolor": "none",
                "markeredgecolor": MUTED,
                "markeredgewidth": 0.6,
            },
        )
        if log_scale:
            from matplotlib.ticker import FuncFormatter, LogLocator

            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _number(x)))
            ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _: ""))
        if threshold is not None and _finite(threshold) and (threshold > 0 or not log_scale):
            seen.append(threshold)
            ax.axvline(threshold, color=PALETTE[1], linestyle="--", linewidth=1.8, zorder=0)
            _label_vertical_line(ax, threshold, threshold_label)
        if seen and not log_scale:
            lo, hi = min(seen), max(seen)
            pad = (hi - lo) * 0.04 or 1.0
            ax.set_xlim(min(lo - pad, 0) if lo >= 0 else lo - pad, hi + pad)
        ax.set_yticks(range(n), [_fit(name, 190) for name in names])
        ax.set_ylim(n - 0.5, -1.0 if threshold_label else -0.5)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(_fit(axis_label, 420, limit=120))
        for y, note in enumerate(notes):
            ax.annotate(
                note,
                xy=(0.0, y + 0.25),
                xycoords=("axes fraction", "data"),
                xytext=(4, -1),
                textcoords="offset points",
                va="top",
                ha="left",
                fontsize=FONT_SIZE - 1.5,
                color=MUTED,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.85},
                annotation_clip=False,
            ).set_in_layout(False)
        ax.annotate(
            "Box: the middle half of the values; thick line: the median; whiskers: 5th to "
            "95th percentile" + ("; circles: values beyond." if _any_fliers(stats) else "."),
            xy=(0.0, 0.0),
            xycoords=("figure fraction", ax.xaxis.label),
            xytext=(6, -4),
            textcoords="offset points",
            va="top",
            ha="left",
            fontsize=FONT_SIZE - 1.5,
            color=MUTED,
        )
        return _finish(fig, ax, title)


def time_series(
    series: Mapping[str, Sequence[tuple[str, float | None]]],
    *,
    title: str,
    axis_label: str,
    reference: float | None = None,
    reference_label: str = "",
    limits: tuple[float, float] | None = None,
) -> str:
    """Lines over periods: ``series`` maps a name to ``(period, value)`` points, the period
    an ISO date or period label ("2026-11-02", "2026-W45"); the x axis is every period of
    every series in sorted order. Each series has its own colour, marker and line style, and
    its name is written at its last point; a None value leaves a gap. An optional horizontal
    ``reference`` line is labelled ``reference_label``."""
    if not series or not any(series.values()):
        return ""
    with _drawing() as new_figure:
        periods = sorted({period for points in series.values() for period, _ in points})
        where = {period: i for i, period in enumerate(periods)}
        fig, ax = new_figure(height=3.4)
        ends: list[tuple[float, float, str, str]] = []
        for k, (name, points) in enumerate(series.items()):
            ys = [math.nan] * len(periods)
            for period, value in points:
                ys[where[period]] = value if _finite(value) else math.nan  # type: ignore[assignment]
            colour = PALETTE[k % len(PALETTE)]
            ax.plot(
                range(len(periods)),
                ys,
                color=colour,
                marker=MARKERS[k % len(MARKERS)],
                markersize=5,
                markevery=max(1, len(periods) // 30),  # a long series: every few points
                linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                linewidth=1.6,
            )
            last = max((i for i, y in enumerate(ys) if not math.isnan(y)), default=None)
            if last is not None:
                ends.append((last, ys[last], _fit(name, 110), colour))
        if reference is not None and _finite(reference):
            ax.axhline(reference, color=INK, linestyle=(0, (4, 3)), linewidth=1.0, zorder=0)
            if reference_label:
                ends.append(
                    (math.nan, reference, _fit(reference_label, 110, size=FONT_SIZE - 1), "")
                )
        if limits is not None:
            ax.set_ylim(*limits)
        ax.set_xlim(-0.5, len(periods) - 0.5)
        _period_ticks(ax, periods)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_ylabel(_fit(axis_label, 150, limit=80))
        _direct_labels(fig, ax, ends)
        return _finish(fig, ax, title)


def stacked_bars(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    title: str,
    axis_label: str,
) -> str:
    """Bars per ``x_labels`` entry (a day, a week) stacking one segment per series (a
    reviewer, a flag), each series with its own colour and hatch pattern and named in the
    legend; with at most 31 bars the total is printed on each."""
    if not x_labels or not series:
        return ""
    n = len(x_labels)
    for name, counts in series.items():
        if len(counts) != n:
            raise ValueError(f"stacked_bars: series {name!r} has {len(counts)} values, not {n}")
    with _drawing() as new_figure:
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch

        fig, ax = new_figure(height=3.6)
        bottoms = [0.0] * n
        handles = []
        for k, (name, counts) in enumerate(series.items()):
            heights = [float(c or 0) for c in counts]
            fill, hatch = PALETTE[k % len(PALETTE)], HATCHES[k % len(HATCHES)]
            hatch_ink = _ink_for(_rgba(fill))
            # One collection per series (not a patch per bar: a year of days by a dozen
            # reviewers would be thousands of artists).
            boxes = [
                [(x - 0.375, b), (x - 0.375, b + h), (x + 0.375, b + h), (x + 0.375, b)]
                for x, (b, h) in enumerate(zip(bottoms, heights, strict=True))
                if h > 0
            ]
            ax.add_collection(
                PolyCollection(
                    boxes,
                    facecolors=fill,
                    edgecolors="white",
                    linewidths=0.5 if n <= 60 else 0.0,  # thin bars: no gaps to draw
                    hatch=hatch,
                    hatchcolors=hatch_ink,
                ),
                autolim=False,
            )
            handles.append(
                Patch(
                    facecolor=fill,
                    edgecolor=INK,
                    linewidth=0.5,
                    hatch=hatch,
                    hatchcolor=hatch_ink,
                    label=_fit(name, 120),
                )
            )
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        if n <= 31:
            for x, total in enumerate(bottoms):
                ax.annotate(
                    f"{total:,.0f}",
                    xy=(x, total),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=FONT_SIZE - 1.5,
                    color=INK,
                )
        from matplotlib.ticker import MaxNLocator

        spare = max(0.0, (MIN_SLOTS - n) / 2)  # a lone bar stays bar-wide, centred
        ax.set_xlim(-0.6 - spare, n - 0.4 + spare)
        ax.set_ylim(0, max(max(bottoms) * 1.1, 1))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _period_ticks(ax, list(x_labels))
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_ylabel(_fit(axis_label, 150, limit=80))
        ax.legend(
            handles=handles[::-1],  # top to bottom as the segments are stacked
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            handlelength=2.2,
            handleheight=1.4,
            borderaxespad=0.0,
        )
        return _finish(fig, ax, title)


# --- drawing and finishing ------------------------------------------------------------------


@contextmanager
def _drawing() -> Iterator[Any]:
    """Matplotlib's settings for one drawing, and a maker of figures of the report's width.

    Yields ``new_figure(height=inches) -> (fig, ax)``."""
    require_plotting()
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    def new_figure(*, height: float) -> tuple[Figure, Axes]:
        fig = Figure(
            figsize=(PLOT_WIDTH_IN, min(max(height, 1.6), 40.0)),
            layout=ConstrainedLayoutEngine(w_pad=0.06, h_pad=0.06),
        )
        FigureCanvasSVG(fig)
        return fig, fig.add_subplot()

    with matplotlib.rc_context(cast(Any, _RC)), warnings.catch_warnings():
        # A name in a script DejaVu Sans lacks (CJK, Arabic...) is measured with a stand-in
        # glyph; the browser draws it with the page's own fonts.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        yield new_figure


_ID = re.compile(r'\bid="([^"]*)"')
_REFERENCE = re.compile(r'(xlink:href="#|href="#|url\(#)([^")]*)')
_FONT_FAMILY = re.compile(r"font-family: [^;\"]*(; )?")
_TAG = re.compile(r"<[^>]*>")
_ROOT_SIZE = re.compile(r'width="([\d.]+)pt" height="([\d.]+)pt" viewBox="([^"]*)"')


def _finish(fig: Figure, ax: Axes, title: str) -> str:
    """Title the figure, write it as SVG and make the SVG fit to inline in HTML."""
    ax.set_title(_fit(title, 480, size=FONT_SIZE + 2, bold=True, limit=160), pad=10)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=_METADATA)
    return _inline(buffer.getvalue(), title)


def _inline(svg: str, title: str) -> str:
    """Matplotlib's SVG document as an HTML5 fragment (see the module's docstring)."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg, count=1)
    referenced = {m.group(2) for m in _REFERENCE.finditer(svg)}
    prefix = "d" + hashlib.sha256(svg.encode()).hexdigest()[:10] + "-"

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        text = _ID.sub(
            lambda m: f'id="{prefix}{m.group(1)}"' if m.group(1) in referenced else "", text
        )
        text = _REFERENCE.sub(lambda m: m.group(1) + prefix + m.group(2), text)
        text = _FONT_FAMILY.sub("", text)
        return re.sub(r" +(/?>)$", r"\1", text.replace('style=""', ""))

    head, rest = svg.split(">", 1)
    size = _ROOT_SIZE.search(head)
    assert size is not None, head
    width, _, view_box = size.groups()
    name = " ".join(_clean(title).split())
    label = html.escape(name, quote=True)
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" class="docket-plot" viewBox="{view_box}" width="100%" '
        f'style="max-width: {width}pt; height: auto" '
        f'role="img" aria-label="{label}" font-family="sans-serif" '
        f'stroke-linejoin="round" stroke-linecap="butt">'
        f"\n <title>{html.escape(name, quote=False)}</title>"
    )
    return root + _TAG.sub(tag, rest).rstrip() + "\n"


# --- helpers --------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """One line of text that XML can carry: control characters become spaces."""
    return _CONTROL.sub(" ", str(text))


def _fit(
    text: str,
    budget: float,
    *,
    size: float = FONT_SIZE,
    bold: bool = False,
    limit: int = LABEL_LIMIT,
) -> str:
    """The label, shortened with "…" until it is at most ``budget`` points wide at
    ``size`` (measured with the font matplotlib lays the plot out with), so that no label
    can squeeze the plot away, whatever its script."""
    text = _label(text, limit)
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    global _measure
    if _measure is None:
        _measure = TextToPath()
    prop = FontProperties(family="sans-serif", size=size, weight="bold" if bold else "normal")

    def width(candidate: str) -> float:
        return float(_measure.get_text_width_height_descent(candidate, prop, ismath=False)[0])

    if width(text) <= budget:
        return text
    low, high = 0, len(text) - 1
    while low < high:  # the longest start that fits with its "…"
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + "…") <= budget:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


_measure: Any = None


def _label(text: str, limit: int = LABEL_LIMIT) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _finite(value: float | None) -> bool:
    return value is not None and isinstance(value, int | float) and math.isfinite(value)


def _format(template: str, value: float) -> str:
    return template.format(value).replace("-", "−")


def _number(value: float) -> str:
    """A plain number for an axis or a note: 0.5, 12, 1,500, 2.5e+06."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if abs(value) >= 1e6 or abs(value) < 1e-3:
        return f"{value:.2g}".replace("-", "−")
    if abs(value) >= 100:
        return f"{value:,.0f}".replace("-", "−")
    return f"{value:.3g}".replace("-", "−")


def _interval_text(estimate: float, low: float | None, high: float | None, template: str) -> str:
    if not _finite(estimate):
        return "no estimate"
    text = _format(template, estimate)
    if _finite(low) and _finite(high):
        assert low is not None and high is not None
        text += f" [{_format(template, low)}, {_format(template, high)}]"
    return text


def _ink_for(rgba: tuple[float, float, float, float]) -> str:
    """Black or white text, whichever contrasts more with the colour (WCAG luminance)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgba[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def _rgba(colour: str) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour)


def _label_vertical_line(ax: Axes, x: float, text: str) -> None:
    """The line's label beside it, in the band kept free above the first row."""
    if not text:
        return
    ax.annotate(
        _fit(text, 150, size=FONT_SIZE - 1),
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -3),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=FONT_SIZE - 1,
        color=INK,
    )


def _period_ticks(ax: Axes, labels: Sequence[str]) -> None:
    """Category ticks for periods: at most about 14 labels, slanted when long or many."""
    n = len(labels)
    step = max(1, math.ceil(n / 14))
    positions = list(range(0, n, step))
    ax.set_xticks(positions, [_fit(labels[i], 100) for i in positions])
    if n > 7 or any(len(label) > 7 for label in labels):
        for tick in ax.get_xticklabels():
            tick.set_rotation(35)
            tick.set_horizontalalignment("right")
            tick.set_rotation_mode("anchor")


def _direct_labels(fig: Figure, ax: Axes, ends: list[tuple[float, float, str, str]]) -> None:
    """Each series' name in the right margin at the height of its last point, joined to it
    by a thin line in the series' colour; names are moved apart vertically where they would
    overlap."""
    if not ends:
        return
    fig.draw_without_rendering()
    spacing = (FONT_SIZE + 3) * fig.dpi / 72
    to_display = ax.transData.transform
    placed = sorted((to_display((0, y))[1], x, y, name, colour) for x, y, name, colour in ends)
    heights: list[float] = []
    for shown, *_ in placed:
        heights.append(max(shown, heights[-1] + spacing) if heights else shown)
    to_axes = ax.transAxes.inverted().transform
    for (_, x, y, name, colour), shown in zip(placed, heights, strict=True):
        where = (1.03, to_axes((0, shown))[1])
        if not colour:  # a reference line's label: no connector
            ax.annotate(name, xy=where, xycoords="axes fraction", va="center", ha="left",
                        color=INK, fontsize=FONT_SIZE - 1, annotation_clip=False)  # fmt: skip
            continue
        ax.annotate(
            name,
            xy=(x, y),
            xycoords="data",
            xytext=where,
            textcoords="axes fraction",
            va="center",
            ha="left",
            color=INK,
            annotation_clip=False,
            # A thin dotted leader, unlike any series' line: it is not data.
            arrowprops={
                "arrowstyle": "-",
                "color": colour,
                "linewidth": 0.7,
                "linestyle": (0, (1, 2)),
                "shrinkA": 2,
                "shrinkB": 5,
            },
        )


def _any_fliers(stats: list[dict[str, Any]]) -> bool:
    return any(len(s["fliers"]) for s in stats)
