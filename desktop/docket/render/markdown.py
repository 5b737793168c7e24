"""Markdown -> HTML for Qt's rich-text engine (QTextDocument's HTML subset).

markdown-it-py in CommonMark mode, raw HTML *off* (it becomes text), with tables,
strikethrough, task lists, footnotes, GFM autolinks and math in the four delimiters
models use. Render rules are overridden where Qt needs something other than browser
HTML: code blocks and block quotes are one-cell tables (Qt has no block padding or
left borders), task-list checkboxes are characters (Qt has no ``<input>``), images are
a visible placeholder (nothing is ever loaded), and only absolute http(s) and mailto
links stay links. Currency such as ``$5 and $10`` is not math (no digit next to a
``$``, no space inside it). Hidden characters (bidi controls, zero-width characters,
tags: :mod:`docket.render.hidden`) become visible marks everywhere, code and math
included; a formula containing any is shown as its source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from mdit_py_plugins.texmath import texmath_plugin

from docket.render.citations import (
    CITATION_ENV,
    INLINE_SOURCE_ENV,
    TOKEN_TYPE,
    Citing,
    citation_html,
    citation_rule,
)
from docket.render.code import highlight_code
from docket.render.direction import set_directions
from docket.render.formula_images import (
    AS_TEXT,
    DEFAULT_METRICS,
    TextMetrics,
    as_text_mark,
    as_text_notice,
    as_text_tooltip,
    image_html,
)
from docket.render.hidden import contains_hidden, mark_hidden_html, mark_hidden_text
from docket.render.math import MAX_MATH_CHARS, SHOWN_CHARS, latex_to_html
from docket.render.theme import Theme
from docket.render.typeset import Formula, NotTypeset, formula_key

MAX_INPUT_CHARS = 200_000
"""Longer input is cut (with a visible notice): no response needs more on screen, and
it bounds the time and memory any input can cost."""
MAX_NESTING = 50
MAX_INLINE_CHARS = 50_000
MAX_TABLE_ROWS = 1_000
_SPECIALS = "*_[]()<>`~!\\|$&"
SAFE_SCHEMES = ("http", "https", "mailto")
FORMULAS_ENV = "_formulas"
METRICS_ENV = "_metrics"
AS_TEXT_ENV = "_as_text"
MONO = "font-family: 'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"
Rule = Any


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _dir(token: Token) -> str:
    """The ``dir`` attribute the direction rule decided for a block, if any."""
    found = token.attrGet("dir")
    return f' dir="{found}"' if found in {"ltr", "rtl"} else ""


def safe_href(url: str) -> str | None:
    """The URL if it may be a link (absolute http/https, or mailto), else None."""
    url = url.strip()
    if any(ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


class QtRenderer(RendererHTML):
    """markdown-it's HTML renderer with rules for Qt's HTML subset and for safety."""

    def __init__(self, parser: Any = None) -> None:
        super().__init__(parser)
        self.theme: Theme | None = None

    # -- code ------------------------------------------------------------------------------

    def _code_block(self, code: str, language: str) -> str:
        t = self._t()
        caption = ""
        if language:
            caption = (
                f'<tr><td style="color: {t.muted}; font-size: small; {MONO}">'
                f"{_esc(language)}</td></tr>"
            )
        body = highlight_code(code.rstrip("\n"), language, t)
        return (
            f'<table width="100%" cellspacing="0" cellpadding="8" border="1" '
            f'style="border-style: solid; border-color: {t.code_border}; '
            f"background-color: {t.code_background}; border-collapse: collapse; "
            f'margin-top: 4px; margin-bottom: 8px">{caption}'
            f'<tr><td dir="ltr"><pre dir="ltr" style="{MONO}; color: {t.code_text}">{body}</pre>'
            "</td></tr></table>\n"
        )

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        return self._code_block(token.content, language)

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._code_block(tokens[idx].content, "")

    def code_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        t = self._t()
        return (
            f'<code style="{MONO}; background-color: {t.inline_code_background}">'
            f"{_esc(tokens[idx].content)}</code>"
        )

    # -- blocks ----------------------------------------------------------------------------

    def blockquote_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        t = self._t()
        return (
            f'<table cellspacing="0" cellpadding="0" style="margin-top: 4px; margin-bottom: 8px">'
            f'<tr><td width="4" bgcolor="{t.quote_bar}"></td>'
            f'<td style="padding-left: 10px; color: {t.quote_text}">'
        )

    def blockquote_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</td></tr></table>\n"

    def table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        t = self._t()
        return (
            f'<table border="1" cellspacing="0" cellpadding="6" style="border-collapse: collapse; '
            f"border-style: solid; border-color: {t.table_border}; margin-top: 4px; "
            f'margin-bottom: 8px">\n'
        )

    def th_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        t = self._t()
        align = self._align(tokens[idx])
        return f'<th bgcolor="{t.table_header_background}"{align}{_dir(tokens[idx])}>'

    def td_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<td{self._align(tokens[idx])}{_dir(tokens[idx])}>"

    @staticmethod
    def _align(token: Token) -> str:
        style = str(token.attrs.get("style", ""))
        for side in ("left", "center", "right"):
            if f"text-align:{side}" in style.replace(" ", ""):
                return f' align="{side}"'
        return ""

    def heading_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        # Qt's default heading sizes (h1 = xx-large) shout in a side-by-side column.
        size = {"h1": "x-large", "h2": "large", "h3": "medium"}.get(tokens[idx].tag, "medium")
        return f'<{tokens[idx].tag} style="font-size: {size}"{_dir(tokens[idx])}>'

    def hr(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        # Qt draws <hr> in a fixed dark colour; a one-pixel table row follows the theme.
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 6px; '
            f'margin-bottom: 6px"><tr><td height="1" bgcolor="{self._t().table_border}" '
            f'style="font-size: 1px">&nbsp;</td></tr></table>\n'
        )

    # -- inline ----------------------------------------------------------------------------

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        t = self._t()
        alt = self.renderInlineAsText(token.children or [], options, env)
        src = str(token.attrs.get("src", ""))
        return (
            f'<span style="color: {t.muted}; background-color: {t.inline_code_background}">'
            f"[image: {_esc(alt) or 'no description'} · {_esc(src)} · not loaded]</span>"
        )

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        href = safe_href(str(token.attrs.get("href", "")))
        stack = env.setdefault("_links", [])
        stack.append(None if href else str(token.attrs.get("href", "")))
        if href is None:
            return '<span style="text-decoration: underline">'
        return f'<a href="{_attr(href)}" style="color: {self._t().link}">'

    def link_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        blocked = env.get("_links", [None]).pop() if env.get("_links") else None
        if blocked is None:
            return "</a>"
        return (
            f'</span><span style="color: {self._t().muted}"> '
            f"[link not followed: {_esc(blocked[:200])}]</span>"
        )

    def html_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        content = tokens[idx].content
        if content.startswith('<input class="task-list-item-checkbox"'):
            return "☑" if 'checked="checked"' in content else "☐"
        return _esc(content)

    def html_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return f"<p>{_esc(tokens[idx].content)}</p>"

    def citation(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return citation_html(tokens[idx], env[CITATION_ENV], self._t())

    # -- math ------------------------------------------------------------------------------

    @staticmethod
    def _formula(latex: str) -> tuple[str, str]:
        """The formula's HTML and its tooltip (the source). With hidden characters in it,
        the source is shown instead (they are marked there), and named in the tooltip."""
        if contains_hidden(latex):
            return _esc(latex), _attr(mark_hidden_text(latex))
        return latex_to_html(latex), _attr(_tip(latex))

    def _typeset(self, latex: str, display: bool, env: EnvType) -> Formula | NotTypeset | None:
        """The formula as typeset ahead of time (None: not looked up yet, or not to be
        typeset because it holds hidden characters, which its source shows)."""
        formulas = env.get(FORMULAS_ENV)
        if formulas is None or contains_hidden(latex):
            return None
        found = formulas.get(formula_key(latex, display))
        if isinstance(found, NotTypeset):
            env[AS_TEXT_ENV] = env.get(AS_TEXT_ENV, 0) + 1
        return found if isinstance(found, Formula | NotTypeset) else None

    def _math_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        latex = tokens[idx].content
        typeset = self._typeset(latex, False, env)
        if isinstance(typeset, Formula):
            key = formula_key(latex, False)
            return image_html(key, latex, typeset, False, env.get(METRICS_ENV, DEFAULT_METRICS))
        body, title = self._formula(latex)
        mark = ""
        if isinstance(typeset, NotTypeset):
            tooltip = as_text_tooltip(_tip(latex), typeset)
            title, mark = _attr(tooltip), as_text_mark(self._t(), tooltip)
        return (
            f'<span style="background-color: {self._t().math_background}" title="{title}">'
            f"{body}</span>{mark}"
        )

    def _math_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        latex = tokens[idx].content
        typeset = self._typeset(latex, True, env)
        table = (
            '<table width="100%" cellpadding="6" cellspacing="0" '
            'style="margin-top: 4px; margin-bottom: 8px">'
        )
        if isinstance(typeset, Formula):
            key = formula_key(latex, True)
            img = image_html(key, latex, typeset, True, env.get(METRICS_ENV, DEFAULT_METRICS))
            return f'{table}<tr><td align="center">{img}</td></tr></table>\n'
        body, title = self._formula(latex)
        if isinstance(typeset, NotTypeset):
            tooltip = as_text_tooltip(_tip(latex), typeset)
            title = _attr(tooltip)
            body += (
                f'<br><span style="color: {self._t().muted}; font-size: small">'
                f"({AS_TEXT}: {_esc(typeset.reason)})</span>"
            )
        return (
            f'{table}<tr><td align="center" bgcolor="{self._t().math_background}" '
            f'title="{title}">{body}</td></tr></table>\n'
        )

    def _t(self) -> Theme:
        assert self.theme is not None
        return self.theme


def _tip(latex: str) -> str:
    """A formula's source for its tooltip (cut like its text when too long to show)."""
    if len(latex) <= MAX_MATH_CHARS:
        return latex
    return f"{latex[:SHOWN_CHARS]} … ({len(latex):,} characters)"


MATH_RULES = {
    "math_inline": QtRenderer._math_inline,
    "math_inline_double": QtRenderer._math_inline,
    "math_single": QtRenderer._math_inline,
    "math_block": QtRenderer._math_block,
    "math_block_label": QtRenderer._math_block,
    "math_block_eqno": QtRenderer._math_block,
}


def _too_costly(text: str) -> bool:
    """Inline parsing of a long run dense with markup characters is superlinear in
    markdown-it; such a paragraph (never seen in real responses) is shown as plain text."""
    n = len(text)
    if n > MAX_INLINE_CHARS:
        return True
    if n < 2_000:
        return False
    return sum(text.count(c) for c in _SPECIALS) > 0.15 * n


def _guarded_inline(state: StateCore) -> None:
    """markdown-it's ``inline`` core rule, with :func:`_too_costly` paragraphs kept plain."""
    citing = CITATION_ENV in state.env
    for token in state.tokens:
        if token.type != "inline":
            continue
        if citing:  # citations are found in this content only, not in nested parses
            state.env[INLINE_SOURCE_ENV] = token.content
        if token.children is None:
            token.children = []
        if _too_costly(token.content):
            plain = Token("text", "", 0)
            plain.content = token.content
            token.children.append(plain)
            _notice(
                state.env, "A paragraph too dense with markup to format is shown as plain text."
            )
        else:
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _limit_nesting(state: StateCore) -> None:
    """markdown-it stops parsing at ``maxNesting`` and the rest would vanish silently:
    say so."""
    if max((t.level for t in state.tokens), default=0) >= MAX_NESTING - 2:
        _notice(state.env, "Parts nested too deeply to show are left out.")


def _cut_long_tables(markdown: str, env: EnvType) -> str:
    """Keep the first :data:`MAX_TABLE_ROWS` rows of any table (a run of lines with
    ``|`` outside code fences): table parsing costs about 30 µs a row."""
    if markdown.count("|") < MAX_TABLE_ROWS:
        return markdown
    out: list[str] = []
    run = 0
    fence = ""
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        if not fence and "|" in line and line.strip():
            run += 1
            if run == MAX_TABLE_ROWS + 3:  # header, delimiter, then the rows
                _notice(env, f"A table was cut after {MAX_TABLE_ROWS:,} rows.")
            if run > MAX_TABLE_ROWS + 2:
                continue
        else:
            run = 0
        out.append(line)
    return "\n".join(out)


_DISPLAY_DELIMITERS = (("\\[", "\\]"), ("$$", "$$"))


def _display_math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Display math opened by ``\\[`` or ``$$`` at the start of a line, closed by ``\\]`` or
    ``$$`` on the same or a later line, even in the middle of a paragraph (models write
    "is given by:" and the formula on the next line, with no blank line between)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    pair = next(((o, c) for o, c in _DISPLAY_DELIMITERS if line.startswith(o)), None)
    if pair is None:
        return False
    opener, closer = pair
    parts: list[str] = []
    rest = line[len(opener) :]
    number = start
    while True:
        found = rest.find(closer)
        if found >= 0:
            parts.append(rest[:found])
            if rest[found + len(closer) :].strip(" \t.,;:"):
                return False  # text after the formula on its line: leave it inline
            break
        parts.append(rest)
        number += 1
        if number >= end:
            return False
        begin = state.bMarks[number] + state.tShift[number]
        rest = state.src[begin : state.eMarks[number]]
        if not rest.strip():
            return False  # a blank line: not a formula
    latex = "\n".join(parts).strip()
    if not latex:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = latex
    token.markup = opener
    token.map = [start, number + 1]
    state.line = number + 1
    return True


_INLINE_DISPLAY = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)


def _display_math_inline(state: StateInline, silent: bool) -> bool:
    """``\\[ ... \\]`` in the middle of a line: shown as (shaded) inline math rather
    than as the escaped brackets CommonMark would make of it."""
    if not state.src.startswith("\\[", state.pos):
        return False
    match = _INLINE_DISPLAY.match(state.src, state.pos)
    if match is None or not match[1].strip():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = match[1]
        token.markup = "\\["
    state.pos = match.end()
    return True


def _notice(env: EnvType, text: str) -> None:
    notices = env.setdefault("_notices", [])
    if text not in notices:
        notices.append(text)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = (
        MarkdownIt(
            "commonmark", {"html": False, "maxNesting": MAX_NESTING}, renderer_cls=QtRenderer
        )
        .enable(["table", "strikethrough"])
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
        .use(texmath_plugin, delimiters="brackets")
        .use(footnote_plugin)
        .use(tasklists_plugin)
        .use(gfm_autolink_plugin)
    )
    # The math plugins register render rules of their own; ours replace them.
    for name, rule in MATH_RULES.items():
        md.add_render_rule(name, rule)
    md.block.ruler.before(
        "fence",
        "display_math",
        _display_math_block,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.inline.ruler.before("escape", "display_math_inline", _display_math_inline)
    # Citations (docket.render.citations), active when rendering with a task's documents.
    md.inline.ruler.before("link", "docket_citation", citation_rule)
    md.inline.add_terminator_char("【")
    md.add_render_rule(TOKEN_TYPE, QtRenderer.citation)
    md.core.ruler.at("inline", _guarded_inline)
    md.core.ruler.after("block", "docket_nesting", _limit_nesting)
    # Each block reads the way its own first strong character says (dir="auto").
    md.core.ruler.push("docket_direction", set_directions)
    # Every link reaches the renderer, which decides (safe_href) what stays a link;
    # markdown-it's own check would print unsafe links as raw markdown instead.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


DISPLAY_MATH = frozenset({"math_block", "math_block_label", "math_block_eqno"})
"""Token types of displayed math (a block of its own); the other math tokens are inline."""


def formulas_in(markdown: str) -> list[tuple[str, bool]]:
    """Every formula the renderer would show in ``markdown``, as ``(latex, display)``, in
    order: what :mod:`docket.render.typeset` typesets ahead of the reviewer."""
    out: list[tuple[str, bool]] = []

    def walk(tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.type in MATH_RULES:
                out.append((token.content, token.type in DISPLAY_MATH))
            if token.children:
                walk(token.children)

    walk(parser().parse(markdown[:MAX_INPUT_CHARS], {}))
    return out


def markdown_to_html(
    markdown: str,
    theme: Theme,
    citing: Citing | None = None,
    *,
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
    metrics: TextMetrics = DEFAULT_METRICS,
) -> str:
    """``citing``: the task's documents, when ``markdown`` is a response that may cite
    them (its citations become links: :mod:`docket.render.citations`).

    ``formulas``: typeset formulas by :func:`~docket.render.typeset.formula_key`; each
    found is an image (:mod:`docket.render.formula_images`) sized for text of
    ``metrics``, each that could not be typeset is text marked as such, and the others
    are text (None: every formula is text, as before anything is typeset)."""
    md = parser()
    env: dict[str, Any] = {}
    if citing is not None:
        env[CITATION_ENV] = citing
    if formulas is not None:
        env[FORMULAS_ENV] = formulas
        env[METRICS_ENV] = metrics
    if len(markdown) > MAX_INPUT_CHARS:
        _notice(
            env,
            f"Shown: the first {MAX_INPUT_CHARS:,} of {len(markdown):,} characters. "
            "The raw view shows the rest.",
        )
        markdown = markdown[:MAX_INPUT_CHARS]
    markdown = _cut_long_tables(markdown, env)
    renderer = md.renderer
    assert isinstance(renderer, QtRenderer)
    renderer.theme = theme
    body = mark_hidden_html(str(md.render(markdown, env)), theme)
    if env.get(AS_TEXT_ENV):
        _notice(env, as_text_notice(env[AS_TEXT_ENV]))
    notices = "".join(
        f'<p style="background-color: {theme.notice_background}; color: {theme.text}">'
        f"⚠ {_esc(text)}</p>"
        for text in env.get("_notices", [])
    )
    return body + notices
