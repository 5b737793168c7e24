"""A conversation (``[{role, content}]``) as labelled, separated turns.

The turn the responses answer (the last user turn) says so in its label and carries the
id :data:`ANSWERED_TURN_ID`, so a view can open scrolled to it. In a long conversation
the earlier turns, all but the exchange just before the answered turn, can be folded
into one line; that line links to the in-document anchor :data:`EARLIER_TURNS_HREF`,
which the window handles itself (it is never an external link).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from docket.reasons import template
from docket.render.formula_images import DEFAULT_METRICS, TextMetrics
from docket.render.hidden import mark_hidden_html
from docket.render.markdown import markdown_to_html
from docket.render.theme import Theme
from docket.render.typeset import Formula, NotTypeset

ROLE_LABELS = {
    "user": template("User"),
    "assistant": template("Assistant"),
    "system": template("System"),
    "tool": template("Tool"),
}
UNKNOWN_ROLE = template("Unknown")

FOLD_OVER = 4
"""A conversation with more turns than this before the answered one can fold them."""
KEEP_SHOWN = 2
"""Turns just before the answered one that stay shown when folded (the last exchange)."""
EARLIER_TURNS_HREF = "#docket-earlier-turns"
"""The link of the fold line: shows or hides the earlier turns."""
ANSWERED_TURN_ID = "docket-answered-turn"
"""The id on the label of the turn the responses answer."""
ANSWERED_NOTE = template("the responses answer this turn")


def _same(text: str) -> str:
    return text


def role_label(role: str, words: Callable[[str], str] = _same) -> str:
    """A turn's label: its role's name (in the interface's language through ``words``), or
    the role as written when it is not one Docket knows."""
    known = ROLE_LABELS.get(role)
    if known is not None:
        return words(known)
    return role.capitalize() or words(UNKNOWN_ROLE)


def _role_and_content(turn: Any) -> tuple[str, str]:
    if isinstance(turn, Mapping):
        role, content = turn.get("role", ""), turn.get("content", "")
    else:  # docket.core.Turn or anything with .role/.content
        role, content = getattr(turn, "role", ""), getattr(turn, "content", "")
    return str(getattr(role, "value", role)), str(content)


def turn_content(turn: Any) -> str:
    """The markdown of a turn (a ``{role, content}`` mapping or a Turn)."""
    return _role_and_content(turn)[1]


def answered_turn(turns: Sequence[Any]) -> int | None:
    """The index of the turn the responses answer: the last user turn (None if none)."""
    for index in range(len(turns) - 1, -1, -1):
        if _role_and_content(turns[index])[0] == "user":
            return index
    return None


def foldable_turns(turns: Sequence[Any]) -> int:
    """How many turns a fold hides: 0 when at most :data:`FOLD_OVER` turns come before
    the answered one, else all of those but the last :data:`KEEP_SHOWN`."""
    answered = answered_turn(turns)
    if answered is None or answered <= FOLD_OVER:
        return 0
    return answered - KEEP_SHOWN


def _fold_line(
    hidden: int, folded: bool, theme: Theme, key_hint: str, words: Callable[[str], str]
) -> str:
    arrow, verb = ("▸", words(template("show"))) if folded else ("▾", words(template("hide")))
    action = f"{verb}, {key_hint}" if key_hint else verb
    said = words(template("{n} earlier turns ({action})")).format(n=hidden, action=action)
    return (
        f'<p><a href="{EARLIER_TURNS_HREF}" '
        f'style="color: {theme.link}">{arrow} {html.escape(said)}'
        "</a></p>\n"
    )


def conversation_to_html(
    turns: Sequence[Any],
    theme: Theme,
    *,
    folded: bool = False,
    key_hint: str = "",
    formulas: Mapping[str, Formula | NotTypeset] | None = None,
    metrics: TextMetrics = DEFAULT_METRICS,
    words: Callable[[str], str] = _same,
) -> str:
    """The turns as boxes, the answered one marked. ``folded`` replaces the turns that
    :func:`foldable_turns` counts by one "▸ N earlier turns (show)" line; shown, they are
    headed by "▾ N earlier turns (hide)". ``key_hint`` names a key for it in that line.
    ``formulas`` and ``metrics``: as for :func:`~docket.render.markdown.markdown_to_html`.
    ``words`` gives the role labels, the answered turn's note and the fold line in the
    interface's language (they are marked templates; English by default)."""
    answered = answered_turn(turns)
    hidden = foldable_turns(turns)
    parts = [_fold_line(hidden, folded, theme, key_hint, words)] if hidden else []
    for index, turn in enumerate(turns):
        if folded and index < hidden:
            continue
        # Qt drops a paragraph's bottom margin before a table: the box keeps the space.
        space = "margin-top: 8px; " if hidden and len(parts) == 1 else ""
        role, content = _role_and_content(turn)
        label = mark_hidden_html(html.escape(role_label(role, words)), theme)
        anchor = ""
        if index == answered and len(turns) > 1:
            anchor = f' id="{ANSWERED_TURN_ID}"'
            label += (
                f'<span style="color: {theme.muted}; font-weight: normal"> — '
                f"{html.escape(words(ANSWERED_NOTE))}</span>"
            )
        colour = theme.role_colour(role)
        shade = f' bgcolor="{theme.turn_background}"' if role != "assistant" else ""
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="8" '
            f'style="{space}margin-bottom: 10px; border-style: solid; '
            f'border-color: {theme.table_border}" '
            f'border="1"><tr><td{shade}>'
            f'<p{anchor} style="color: {colour}; font-weight: bold; margin-bottom: 2px">'
            f"{label}</p>{markdown_to_html(content, theme, formulas=formulas, metrics=metrics)}"
            "</td></tr></table>\n"
        )
    return "".join(parts)
