"""Citations in a grounded answer: ``[1]``, ``[1, 3]``, ``[1][2]``, ``[doc-id]``, ``【1】``
and ``【1†source】``, found where a reader sees them.

A task's documents are numbered from 1 or carry their own ids
(:mod:`docket.core.documents`); a model cites them in square brackets, or in the lenticular
brackets OpenAI's file search writes. What counts as a citation:

- ``[…]`` holding one or more members separated by ``,`` or ``;``, each a number of at
  most three digits or the id of one of the task's documents (``[1]``, ``[2, 5]``,
  ``[smith-2019]``); a number that names no document is still a citation, of nothing
  (``[7]`` when there are five documents): the reviewer is shown that it names nothing.
  Years and neutral citations (``[2019] UKSC 5``) have four digits and are left alone.
- ``【…】`` whatever it holds; the part before ``†`` names the document
  (``【3†source】`` cites document 3).

Not citations: anything inside code (spans, fenced or indented blocks), the text of a
link, a markdown link ``[1](url)``, reference and footnote definitions (``[1]: …`` at
the start of a line, ``[^1]: …``), footnote references ``[^1]``, task-list boxes
``[ ]``/``[x]``, escaped brackets ``\\[1\\]``, and the alt text of an image.

There is one definition of this: an inline rule of the markdown parser
(:func:`citation_rule`), which :mod:`docket.render.markdown` runs when it renders a
response with the task's documents, so that every citation :func:`find_citations`
reports is a link on screen and nothing else is. :func:`find_citations` parses the text
with that same parser and maps each citation back to code point offsets in the raw text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from docket.render.theme import Theme

CITATION_ENV = "_docket_citations"
"""The key of the markdown-it ``env`` entry that turns citations on (a :class:`Citing`)."""
INLINE_SOURCE_ENV = "_docket_inline_source"
"""The content of the inline token being parsed: nested parses (image alt text, inline
footnotes) have another source and find no citations."""
TOKEN_TYPE = "docket_citation"
HREF_SCHEME = "docket-citation"
"""Citation links: never opened, handed to the window, which shows the document."""
OPENERS = {"[": "]", "【": "】"}
MAX_INNER_CHARS = 200
"""A bracket holding more is prose, not a citation."""
UNKNOWN_MARK = "?"
"""Appended to the label of a citation that names no document (``[7?]``)."""

_NUMBER = re.compile(r"[0-9]{1,3}")
_MEMBER = re.compile(r"[^,;]+")
_NEWLINES = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited document, as written in the raw text.

    ``start``/``end`` are code point offsets of the label (``raw[start:end] ==
    label``): ``3`` in ``[3]``, ``5`` in ``[2, 5]``, ``smith-2019`` in ``[smith-2019]``,
    ``3†source`` in ``【3†source】``. ``group`` is the span of the whole bracket
    (``[2, 5]``). ``document`` is the id of the document it names, or None when it names
    none of the task's documents.
    """

    start: int
    end: int
    label: str
    document: str | None
    group: tuple[int, int]

    @property
    def known(self) -> bool:
        return self.document is not None


@dataclass(frozen=True, slots=True)
class Citing:
    """What citations may name: the task's document ids (and titles, for tooltips)."""

    ids: frozenset[str]
    titles: Mapping[str, str]

    @classmethod
    def of(cls, documents: Iterable[Any]) -> Citing:
        """From :class:`~docket.core.documents.Document` objects or plain ids."""
        titles: dict[str, str] = {}
        for d in documents:
            if isinstance(d, str):
                titles[d] = ""
            else:
                titles[str(d.id)] = str(getattr(d, "title", "") or "")
        return cls(frozenset(titles), titles)


def resolve(label: str, ids: frozenset[str] | set[str]) -> str | None:
    """The document a citation label names: the label itself (before any ``†``) when it
    is an id, a number written with leading zeros (``03``) as the id it equals, else None."""
    key = label.split("†", 1)[0].strip()
    if key in ids:
        return key
    if _NUMBER.fullmatch(key) and str(int(key)) in ids:
        return str(int(key))
    return None


@dataclass(frozen=True, slots=True)
class _Member:
    start: int  # offsets into the inline source
    end: int
    label: str
    document: str | None


def match_citation(
    src: str, pos: int, ids: frozenset[str] | set[str]
) -> tuple[int, list[_Member]] | None:
    """The citation group opening at ``src[pos]``: its end and members, or None."""
    opener = src[pos : pos + 1]
    closer = OPENERS.get(opener)
    if closer is None:
        return None
    limit = min(len(src), pos + 2 + MAX_INNER_CHARS)
    close = src.find(closer, pos + 1, limit)
    if close < 0:
        return None
    inner = src[pos + 1 : close]
    if not inner.strip() or "\n" in inner or "\r" in inner:
        return None
    if opener == "【":
        if "【" in inner:
            return None
        start = pos + 1 + (len(inner) - len(inner.lstrip()))
        label = inner.strip()
        return close + 1, [_Member(start, start + len(label), label, resolve(label, ids))]
    if "[" in inner or "^" in inner[:1]:
        return None
    after = src[close + 1 : close + 2]
    if after == "(":
        return None  # a markdown link [1](url): left to the link rule
    if after == ":" and (pos == 0 or src[pos - 1] in "\r\n"):
        return None  # "[1]: ..." at the start of a line defines, does not cite
    whole = inner.strip()
    if whole in ids:
        start = pos + 1 + (len(inner) - len(inner.lstrip()))
        return close + 1, [_Member(start, start + len(whole), whole, whole)]
    members: list[_Member] = []
    for m in _MEMBER.finditer(inner):
        text = m.group()
        label = text.strip()
        if not label:
            return None  # "[1,,2]", "[1, ]"
        if label not in ids and not _NUMBER.fullmatch(label):
            return None
        start = pos + 1 + m.start() + (len(text) - len(text.lstrip()))
        members.append(_Member(start, start + len(label), label, resolve(label, ids)))
    if not members or len(members) != inner.count(",") + inner.count(";") + 1:
        return None
    return close + 1, members


def citation_rule(state: StateInline, silent: bool) -> bool:
    """The markdown-it inline rule (registered before ``link``)."""
    citing = state.env.get(CITATION_ENV)
    if citing is None or silent or state.linkLevel > 0:
        # Silent: markdown-it is measuring a link's text ("[see [1]](url)"), in which a
        # token opening with "[" would count as a nested link and unmake the link.
        return False
    src, pos = state.src, state.pos
    if src[pos] not in OPENERS or src is not state.env.get(INLINE_SOURCE_ENV):
        return False
    if pos == 0 and src.startswith(("[x] ", "[X] ", "[ ] ")):
        return False  # a task-list box, which the tasklists plugin turns into ☐/☑
    found = match_citation(src, pos, citing.ids)
    if found is None:
        return False
    end, members = found
    token = state.push(TOKEN_TYPE, "", 0)
    token.content = src[pos:end]
    token.meta = {"start": pos, "members": members, "source": src}
    state.pos = end
    return True


# --- links --------------------------------------------------------------------------------


def citation_href(document: str | None, label: str) -> str:
    """The link of a citation: ``docket-citation:doc/<id>/<label>`` for a document,
    ``docket-citation:none/<label>`` for a citation of nothing (percent-encoded)."""
    if document is None:
        return f"{HREF_SCHEME}:none/{quote(label, safe='')}"
    return f"{HREF_SCHEME}:doc/{quote(document, safe='')}/{quote(label, safe='')}"


def read_citation_href(href: str) -> tuple[str | None, str] | None:
    """``(document id or None, label)`` from a citation link; None for any other link."""
    prefix = f"{HREF_SCHEME}:"
    if not href.startswith(prefix):
        return None
    parts = href[len(prefix) :].split("/")
    if len(parts) == 2 and parts[0] == "none":
        return None, unquote(parts[1])
    if len(parts) == 3 and parts[0] == "doc":
        return unquote(parts[1]), unquote(parts[2])
    return None


def unknown_tooltip(label: str) -> str:
    key = label.split("†", 1)[0].strip()
    return f"No document “{key}” in this task: this citation names nothing the model was given"


def known_tooltip(document: str, title: str) -> str:
    name = f"Document {document}" + (f": {title}" if title else "")
    return f"{name} (click, or Enter when selected: show it in Sources)"


def citation_html(token: Token, citing: Citing, theme: Theme) -> str:
    """A citation group as HTML: each member a link; a member naming no document has a
    question mark after its label, another look and a tooltip saying so."""
    text: str = token.content
    start: int = token.meta["start"]
    members: Sequence[_Member] = token.meta["members"]
    single = len(members) == 1
    out: list[str] = []
    cursor = 0
    for m in members:
        a, b = m.start - start, m.end - start
        if single:
            a, b = 0, len(text)
        out.append(html.escape(text[cursor:a], quote=False))
        shown = text[a:b]
        href = html.escape(citation_href(m.document, m.label), quote=True)
        if m.document is None:
            if single:
                shown = shown[:-1] + UNKNOWN_MARK + shown[-1:]
            else:
                shown += UNKNOWN_MARK
            tip = html.escape(unknown_tooltip(m.label), quote=True)
            out.append(
                f'<a href="{href}" title="{tip}" style="color: {theme.text}; '
                f'background-color: {theme.notice_background}; text-decoration: none">'
                f"{html.escape(shown, quote=False)}</a>"
            )
        else:
            tip = html.escape(known_tooltip(m.document, citing.titles.get(m.document, "")), True)
            out.append(
                f'<a href="{href}" title="{tip}" style="color: {theme.link}; '
                f'text-decoration: underline">{html.escape(shown, quote=False)}</a>'
            )
        cursor = b
    out.append(html.escape(text[cursor:], quote=False))
    return "".join(out)


# --- finding citations in raw text --------------------------------------------------------


def find_citations(text: str, documents: Iterable[Any]) -> tuple[Citation, ...]:
    """Every citation in ``text`` (a response's raw markdown), in order, with code point
    offsets into ``text``. ``documents`` are the task's documents (or their ids).

    The text is parsed as :func:`docket.render.to_html` renders it, so these are the
    citations the reviewer sees as links (in the first
    :data:`~docket.render.markdown.MAX_INPUT_CHARS` characters, as rendered)."""
    from docket.render.markdown import MAX_INPUT_CHARS, parser  # imports this module

    citing = documents if isinstance(documents, Citing) else Citing.of(documents)
    source = text[:MAX_INPUT_CHARS]
    if not any(c in source for c in OPENERS):
        return ()
    env: dict[str, Any] = {CITATION_ENV: citing}
    tokens = parser().parse(source, env)
    lines = _Lines(source)
    out: list[Citation] = []
    for token in tokens:
        children = token.children or []
        if token.type != "inline" or token.map is None:
            continue
        marks = [child for child in children if child.type == TOKEN_TYPE]
        # The content as parsed: a plugin may have changed it since (a task-list box).
        where = lines.consume(token.map[0], marks[0].meta["source"] if marks else token.content)
        if not marks:
            continue
        for child in children:
            if child.type != TOKEN_TYPE:
                continue
            group_at = where(child.meta["start"], child.content)
            if group_at is None:
                continue
            shift = group_at - child.meta["start"]
            group = (group_at, group_at + len(child.content))
            for m in child.meta["members"]:
                a, b = m.start + shift, m.end + shift  # the label as written (NUL and all)
                out.append(Citation(a, b, source[a:b], m.document, group))
    return tuple(out)


class _Lines:
    """Maps positions in an inline token's content back to the raw text.

    markdown-it gives block tokens their line range only; an inline token's content is
    those lines without their container markers (``>``, list bullets, indentation,
    table pipes, heading ``#``). Each content line is found again in its raw line, left
    to right (table cells share a line), and a position maps through its line."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("\0", "\ufffd")  # as markdown-it normalises it
        starts, ends = [0], []
        for m in _NEWLINES.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts, self.ends = starts, ends
        self.cursor: dict[int, int] = {}

    def consume(self, first: int, content: str) -> Callable[[int, str], int | None]:
        """Place an inline token's ``content`` (starting at raw line ``first``); returns
        the raw offset of a text found at a position of the content."""
        content_starts: list[int] = []
        bases: list[int | None] = []
        offset = 0
        for i, line in enumerate(content.split("\n")):
            content_starts.append(offset)
            offset += len(line) + 1
            bases.append(self._place(first + i, line))

        def where(pos: int, group: str) -> int | None:
            i = bisect_right(content_starts, pos) - 1
            line_no = first + i
            base = bases[i] if i < len(bases) else None
            if base is not None:
                at = base + pos - content_starts[i]
                if self.text[at : at + len(group)] == group:
                    return at
            if line_no >= len(self.starts):
                return None
            # The line was not found whole (an escaped pipe in a table cell): the
            # group itself, searched from the left in its line.
            lo, hi = self.starts[line_no], self.ends[line_no]
            at = self.text.find(group, lo + self.cursor.get(line_no, 0), hi)
            if at < 0:
                return None
            self.cursor[line_no] = at + len(group) - lo
            return at

        return where

    def _place(self, line_no: int, line: str) -> int | None:
        """Where content ``line`` starts in raw line ``line_no`` (may be before the
        line when its leading whitespace came from an expanded tab)."""
        if line_no >= len(self.starts):
            return None
        body = line.lstrip(" \t")
        lead = len(line) - len(body)
        lo, hi = self.starts[line_no], self.ends[line_no]
        from_ = lo + self.cursor.get(line_no, 0)
        at = self.text.find(body, from_, hi) if body else from_
        if at < 0:
            return None
        self.cursor[line_no] = at + len(body) - lo
        return at - lead
