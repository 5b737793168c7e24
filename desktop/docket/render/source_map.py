"""Where each character of a rendered response comes from in its raw markdown.

A span is stored as code-point offsets into the raw markdown (:mod:`docket.core.spans`)
but selected on the rendered text. :func:`rendered_text` walks the same markdown-it
tokens the renderer renders (its own render rules produce each token's HTML, so the
text is the text the renderer emits, in the same order) and notes, for every character
of that text, the raw range it stands for:

- text, inline and block code and raw HTML shown as text: the raw character itself
  (found in the raw source after the previous one, so escapes, entities, markup and
  indentation in between are skipped);
- a formula, as Unicode text or typeset as one object character: the whole formula
  source with its delimiters;
- what the renderer adds (a code block's language caption, task-list boxes, image
  placeholders, "link not followed" notes, footnote numbers, notices): nothing.

:func:`align` then lines that model up with the text the document really shows
(``QTextDocument.toRawText()``: block separators, table frames and collapsed white
space differ; hidden characters are shown as marks) and gives a :class:`SourceMap`:
a selection maps to the smallest raw range covering its characters, and a raw range
back to the shown characters that stand for it. No Qt here.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from docket.render.citations import CITATION_ENV, Citing
from docket.render.markdown import (
    FORMULAS_ENV,
    MATH_RULES,
    MAX_INPUT_CHARS,
    METRICS_ENV,
    QtRenderer,
    _cut_long_tables,
    parser,
)
from docket.render.theme import LIGHT
from docket.render.typeset import Formula, NotTypeset

OBJECT = "\ufffc"
"""The character a QTextDocument holds for an image (a typeset formula)."""
_TAG = re.compile(r"<img\b[^>]*>|<br\s*/?>|<[^>]*>", re.IGNORECASE)
_WHITE = frozenset(" \t\n\r\f\v\u2028\u2029\xa0")
_LOOKAHEAD = 96
_CLOSERS = ("$$", "$", "\\)", "\\]")


def _text_of(fragment: str) -> str:
    """The text an HTML fragment shows: tags gone, images one object character."""

    def tag(match: re.Match[str]) -> str:
        found = match[0].lower()
        if found.startswith("<img"):
            return OBJECT
        if found.startswith("<br"):
            return "\n"
        return ""

    return html_lib.unescape(_TAG.sub(tag, fragment))


@dataclass(frozen=True)
class Rendered:
    """The renderer's text and, per character, the raw range it stands for
    (``starts[i] == -1``: a character the renderer adds)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class _Builder:
    def __init__(self, raw: str, lines_usable: bool) -> None:
        self.raw = raw
        self.text: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cursor = 0
        self.limit = len(raw)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.lines_usable = lines_usable

    def line(self, number: int) -> int:
        if number >= len(self.line_starts):
            return len(self.raw)
        return self.line_starts[number]

    def region(self, token: Token) -> None:
        """Search the raw text from the first line of ``token`` to its last."""
        if token.map is None or not self.lines_usable:
            self.limit = len(self.raw)
            return
        self.cursor = self.line(token.map[0])
        self.limit = self.line(token.map[1])

    def added(self, text: str) -> None:
        for ch in text:
            self.text.append(ch)
            self.starts.append(-1)
            self.ends.append(-1)

    def whole(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.text.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def located(self, text: str) -> None:
        """``text`` as found in the raw source from the cursor: verbatim where it is,
        else character by character (escapes and entities skipped)."""
        raw = self.raw
        found = raw.find(text, self.cursor, self.limit) if text else -1
        if found >= 0 and "\n" not in text:
            for k, ch in enumerate(text):
                self.text.append(ch)
                self.starts.append(found + k)
                self.ends.append(found + k + 1)
            self.cursor = found + len(text)
            return
        for ch in text:
            at = raw.find(ch, self.cursor, self.limit)
            self.text.append(ch)
            if at < 0:
                self.starts.append(-1)
                self.ends.append(-1)
            else:
                self.starts.append(at)
                self.ends.append(at + 1)
                self.cursor = at + 1

    def formula(self, token: Token, shown: str) -> None:
        """Every character of a formula stands for all of its source."""
        raw = self.raw
        content = token.content
        if token.block and token.map is not None and self.lines_usable:
            start = self.line(token.map[0])
            end = self.line(token.map[1])
            while start < end and raw[start] in " \t":
                start += 1
            while end > start and raw[end - 1] in " \t\n\r":
                end -= 1
            self.whole(shown, start, end)
            self.cursor = max(self.cursor, end)
            return
        at = raw.find(content, self.cursor, self.limit)
        if at < 0:
            self.added(shown)
            return
        start, end = at, at + len(content)
        markup = token.markup
        if markup and raw.startswith(markup, start - len(markup)):
            start -= len(markup)
        for closer in _CLOSERS:
            if raw.startswith(closer, end):
                end += len(closer)
                break
        self.whole(shown, start, end)
        self.cursor = end

    def after_link(self) -> None:
        """Past a link's destination: ``](url "title")`` or ``][ref]``."""
        raw, at = self.raw, self.cursor
        if not raw.startswith("]", at):
            return
        at += 1
        if raw.startswith("(", at):
            depth = 0
            while at < self.limit:
                if raw[at] == "\\":
                    at += 2
                    continue
                if raw[at] == "(":
                    depth += 1
                elif raw[at] == ")":
                    depth -= 1
                    if depth == 0:
                        self.cursor = at + 1
                        return
                at += 1
        elif raw.startswith("[", at):
            close = raw.find("]", at, self.limit)
            if close >= 0:
                self.cursor = close + 1


def _render_one(
    renderer: QtRenderer, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    rule = renderer.rules.get(tokens[idx].type)
    if rule is not None:
        return str(rule(tokens, idx, options, env))
    return str(renderer.renderToken(tokens, idx, options, env))


def _inline(
    b: _Builder,
    renderer: QtRenderer,
    children: Sequence[Token],
    options: Any,
    env: dict[str, Any],
) -> None:
    for idx, child in enumerate(children):
        kind = child.type
        shown = _text_of(_render_one(renderer, children, idx, options, env))
        if kind in ("text", "text_special", "code_inline"):
            b.located(shown)
        elif kind in MATH_RULES:
            b.formula(child, shown)
        elif kind == "softbreak":
            b.located("\n")
        elif kind == "html_inline" and not child.content.startswith(
            '<input class="task-list-item-checkbox"'
        ):
            b.located(shown)
        elif kind == "link_close":
            b.after_link()
            b.added(shown)
        else:
            b.added(shown)


def _code(b: _Builder, token: Token, shown: str) -> None:
    code = token.content.rstrip("\n")
    at = shown.find(code) if code else -1
    if at < 0:
        b.added(shown)
        return
    b.added(shown[:at])
    if token.map is not None and b.lines_usable:
        b.cursor = b.line(token.map[0] + (1 if token.type == "fence" else 0))
    for line_no, line in enumerate(code.split("\n")):
        if line_no:
            b.located("\n")
        b.located(line)
    b.added(shown[at + len(code) :])


def rendered_text(
    markdown: str,
    *,
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
    citing: Citing | None = None,
) -> Rendered:
    """The text :func:`~docket.render.markdown_to_html` renders ``markdown`` to, with
    the raw range of every character (see the module)."""
    md = parser()
    renderer = md.renderer
    assert isinstance(renderer, QtRenderer)
    renderer.theme = renderer.theme or LIGHT
    env: dict[str, Any] = {}
    if citing is not None:
        env[CITATION_ENV] = citing
    if formulas is not None:
        env[FORMULAS_ENV] = formulas
        from docket.render.formula_images import DEFAULT_METRICS

        env[METRICS_ENV] = DEFAULT_METRICS
    source = _cut_long_tables(markdown[:MAX_INPUT_CHARS], env)
    tokens = md.parse(source, env)
    # Lines of the parsed text are lines of the raw one unless table rows were cut.
    b = _Builder(markdown, lines_usable=source == markdown[: len(source)])
    options = md.options
    for idx, token in enumerate(tokens):
        if token.type == "inline":
            b.region(token)
            _inline(b, renderer, token.children or [], options, env)
            continue
        shown = _text_of(_render_one(renderer, tokens, idx, options, env))
        if token.type in ("fence", "code_block"):
            b.region(token)
            _code(b, token, shown)
        elif token.type in MATH_RULES:
            b.region(token)
            b.formula(token, shown)
        elif token.type == "html_block":
            b.region(token)
            b.located(shown)
        else:
            b.added(shown)
    return Rendered("".join(b.text), tuple(b.starts), tuple(b.ends))


class SourceMap:
    """Shown characters (positions in the document's text) to raw ranges and back."""

    def __init__(self, raw: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        self.raw = raw
        self.starts = list(starts)
        self.ends = list(ends)
        order = sorted((s, i) for i, s in enumerate(self.starts) if s >= 0)
        self._by_start = [s for s, _ in order]
        self._positions = [i for _, i in order]
        self._longest = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)

    def __len__(self) -> int:
        return len(self.starts)

    def to_raw(self, first: int, last: int) -> tuple[int, int] | None:
        """The smallest raw range covering the shown characters ``first:last`` (None:
        they are all added by the renderer)."""
        first, last = max(0, first), min(last, len(self.starts))
        starts = [s for s in self.starts[first:last] if s >= 0]
        if not starts:
            return None
        ends = [e for e in self.ends[first:last] if e >= 0]
        return min(starts), max(ends)

    def to_shown(self, start: int, end: int) -> list[tuple[int, int]]:
        """The shown characters standing for any of the raw range ``start:end``, as
        runs ``(first, last)`` in document order."""
        low = bisect.bisect_left(self._by_start, start - self._longest)
        high = bisect.bisect_left(self._by_start, end)
        found = sorted(
            self._positions[k] for k in range(low, high) if self.ends[self._positions[k]] > start
        )
        runs: list[tuple[int, int]] = []
        for p in found:
            if runs and runs[-1][1] == p:
                runs[-1] = (runs[-1][0], p + 1)
            else:
                runs.append((p, p + 1))
        return runs


def align(raw: str, model: Rendered, shown: str) -> SourceMap:
    """Line the renderer's text up with ``shown`` (the document's own text): equal
    characters match in order; white space the document collapsed or added, and
    characters it shows instead of hidden ones, stand for nothing."""
    text, m_starts, m_ends = model.text, model.starts, model.ends
    starts = [-1] * len(shown)
    ends = [-1] * len(shown)
    i = j = 0
    n, m = len(text), len(shown)
    while i < n and j < m:
        a, c = text[i], shown[j]
        if c == OBJECT and a != OBJECT and m_ends[i] - m_starts[i] > 1:
            # A formula the model has as text that the document shows typeset.
            span = (m_starts[i], m_ends[i])
            starts[j], ends[j] = span
            while i < n and (m_starts[i], m_ends[i]) == span:
                i += 1
            j += 1
        elif a == c or (a in _WHITE and c in _WHITE):
            starts[j], ends[j] = m_starts[i], m_ends[i]
            i += 1
            j += 1
        elif a in _WHITE:
            i += 1
        elif c in _WHITE:
            j += 1
        else:
            probe = text[i : i + 4]
            cut = next((k for k, ch in enumerate(probe) if ch in _WHITE), len(probe))
            probe = probe[: max(cut, 1)]
            found = shown.find(probe, j, j + _LOOKAHEAD)
            if found >= 0:
                j = found
            else:
                i += 1
    return SourceMap(raw, starts, ends)


def source_map(
    raw: str,
    shown: str,
    *,
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
    citing: Citing | None = None,
) -> SourceMap:
    """The map between ``shown`` (the text of ``raw`` rendered, as the document holds
    it) and ``raw``."""
    return align(raw, rendered_text(raw, formulas=formulas, citing=citing), shown)


class TurnsMap:
    """Like :class:`SourceMap`, for a pane that shows several raw texts one after the
    other (a conversation's turns, each under its label): positions map to a turn and
    offsets into that turn's raw text, and back."""

    def __init__(
        self, turns: Sequence[int], bases: Sequence[int], lengths: Sequence[int], smap: SourceMap
    ) -> None:
        self.turns = list(turns)
        self.bases = list(bases)
        self.lengths = list(lengths)
        self.smap = smap

    def to_shown(self, turn: int, start: int, end: int) -> list[tuple[int, int]]:
        """The shown characters standing for ``start:end`` of turn ``turn`` (none when
        the turn is not shown, folded say)."""
        if turn not in self.turns:
            return []
        k = self.turns.index(turn)
        end = min(end, self.lengths[k])
        if start >= end:
            return []
        return self.smap.to_shown(self.bases[k] + start, self.bases[k] + end)

    def to_raw(self, first: int, last: int) -> tuple[int, int, int] | None:
        """The turn and the smallest range of its raw text covering the shown characters
        ``first:last`` (of the first turn they touch); None when they hold no text of any
        turn."""
        found = self.smap.to_raw(first, last)
        if found is None:
            return None
        start, end = found
        k = bisect.bisect_right(self.bases, start) - 1
        if k < 0:
            return None
        base, length = self.bases[k], self.lengths[k]
        if start >= base + length:
            return None
        return self.turns[k], start - base, min(end, base + length) - base


def turns_map(
    turns: Sequence[tuple[int, str, str]],
    shown: str,
    *,
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
) -> TurnsMap:
    """The map of a pane showing ``turns`` (index, label the pane shows above it, raw
    markdown) in order, as ``shown`` (the document's text). The turns' raw texts are
    laid end to end, a separator between them that stands for nothing."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    raw_parts: list[str] = []
    bases: list[int] = []
    base = 0
    for _index, label, raw in turns:
        if label:
            text.append(f"{label}\n")
            starts += [-1] * (len(label) + 1)
            ends += [-1] * (len(label) + 1)
        model = rendered_text(raw, formulas=formulas)
        text.append(model.text)
        starts += [s + base if s >= 0 else -1 for s in model.starts]
        ends += [e + base if e >= 0 else -1 for e in model.ends]
        bases.append(base)
        raw_parts.append(raw + "\n")
        base += len(raw) + 1
    combined = Rendered("".join(text), tuple(starts), tuple(ends))
    smap = align("".join(raw_parts), combined, shown)
    return TurnsMap([t[0] for t in turns], bases, [len(t[2]) for t in turns], smap)
