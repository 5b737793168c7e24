"""Typeset formulas in rendered text: the HTML of each and the box its image fills.

A formula typeset ahead of time (:mod:`docket.render.typeset`) is shown as an image,
``<img src="docket-math:inline/<key>">``: a private address the window answers itself
from the formulas it looked up (:mod:`docket.ui.math_images`); nothing else is ever
loaded. The image is sized in CSS pixels from the text's em, so a formula grows with
the zoom, and carries its LaTeX as alt text and tooltip.

Qt's rich text puts an inline image's bottom on the baseline, or, with
``vertical-align: middle``, its middle half an x-height above it; neither is the
formula's own baseline. So an inline image is padded (at the top or the bottom) until
its middle, placed by Qt, puts the formula's baseline on the text's: see
:func:`image_box`. Displayed formulas sit alone in a centred block and are not padded.

A formula that could not be typeset (:class:`~docket.render.typeset.NotTypeset`) keeps
the Unicode text of :mod:`docket.render.math`, marked "as text" in words, with the
reason in its tooltip; one not looked up yet is that text without the mark.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from docket.render.theme import Theme
from docket.render.typeset import FONT_PX, Formula, NotTypeset

MATH_SCHEME = "docket-math"
"""The address scheme of formula images (never fetched: the window draws them)."""
MATH_SCALE = 1.2
"""Formulas are set this much larger than the text's em: the STIX Two Math letters
the typesetter uses are smaller on the em than the window's sans-serif ones."""
AS_TEXT = "as text"
"""The words that mark a formula shown as Unicode text because it could not be typeset."""


@dataclass(frozen=True, slots=True)
class TextMetrics:
    """The text a formula sits in: its em and x-height in CSS pixels (what Qt uses to
    centre an image with ``vertical-align: middle``: ``QFontMetrics.xHeight()``)."""

    em_px: float = 13.0
    x_height_px: float = 7.0


DEFAULT_METRICS = TextMetrics()


@dataclass(frozen=True, slots=True)
class ImageBox:
    """An image in CSS pixels: its size, and where the formula's own box starts in it
    (``top``: pixels of padding above the formula) at ``scale`` times the typeset size."""

    width: int
    height: int
    top: float
    scale: float


def image_box(formula: Formula, metrics: TextMetrics, display: bool) -> ImageBox:
    """The box of ``formula``'s image in text of ``metrics``.

    Inline, Qt gives a ``vertical-align: middle`` image of height ``H`` the ascent
    ``(H + x/2) / 2`` (``x`` the x-height); the formula reaches ``h - d`` above its
    baseline and ``d`` below. Padding ``p_top`` above and ``p_bottom`` below puts the
    baselines together when ``p_top - p_bottom = 2d - h + x/2``; the height is then
    rounded up to whole pixels, the extra shared equally (the difference stays)."""
    scale = metrics.em_px * MATH_SCALE / FONT_PX
    width = max(1, math.ceil(formula.width * scale))
    h, d = formula.height * scale, formula.depth * scale
    if display:
        height = max(1, math.ceil(h))
        return ImageBox(width, height, (height - h) / 2, scale)
    delta = 2 * d - h + metrics.x_height_px / 2
    height = max(1, math.ceil(h + abs(delta)))
    extra = max(0.0, (height - h - abs(delta)) / 2)  # never below 0 by rounding error
    top = extra + max(delta, 0.0)
    return ImageBox(width, height, top, scale)


def math_url(key: str, display: bool) -> str:
    return f"{MATH_SCHEME}:{'display' if display else 'inline'}/{key}"


def read_math_url(url: str) -> tuple[str, bool] | None:
    """``(key, display)`` of a formula image's address, or None for any other."""
    scheme, _, rest = url.partition(":")
    if scheme.lower() != MATH_SCHEME:
        return None
    kind, _, key = rest.partition("/")
    if kind not in ("inline", "display") or not key or not key.isalnum() or len(key) > 64:
        return None
    return key, kind == "display"


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")


def image_html(key: str, latex: str, formula: Formula, display: bool, metrics: TextMetrics) -> str:
    """The ``<img>`` of a typeset formula (the caller places it: a paragraph for inline
    math, a centred cell for displayed math)."""
    box = image_box(formula, metrics, display)
    align = "" if display else ' style="vertical-align: middle"'
    return (
        f'<img src="{math_url(key, display)}" width="{box.width}" height="{box.height}" '
        f'alt="{_attr(latex)}" title="{_attr(latex)}"{align}>'
    )


def as_text_tooltip(latex: str, reason: NotTypeset) -> str:
    return f"{latex}\n\nShown as text: {reason.reason}."


def as_text_mark(theme: Theme, tooltip: str) -> str:
    """The words after a formula shown as text (small, muted, and in words)."""
    return f'<sup style="color: {theme.muted}" title="{_attr(tooltip)}">&#8239;{AS_TEXT}</sup>'


def as_text_notice(count: int) -> str:
    what = "1 formula" if count == 1 else f"{count:,} formulas"
    verb = "is" if count == 1 else "are"
    return (
        f"{what} could not be typeset and {verb} shown as text, marked “{AS_TEXT}” "
        "(its tooltip says why)."
    )
