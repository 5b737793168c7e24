"""A conversation (``[{role, content}]``) as labelled, separated turns."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from docket.render.markdown import markdown_to_html
from docket.render.theme import Theme

ROLE_LABELS = {"user": "User", "assistant": "Assistant", "system": "System", "tool": "Tool"}


def _role_and_content(turn: Any) -> tuple[str, str]:
    if isinstance(turn, Mapping):
        role, content = turn.get("role", ""), turn.get("content", "")
    else:  # docket.core.Turn or anything with .role/.content
        role, content = getattr(turn, "role", ""), getattr(turn, "content", "")
    return str(getattr(role, "value", role)), str(content)


def conversation_to_html(turns: Sequence[Any], theme: Theme) -> str:
    parts = []
    for turn in turns:
        role, content = _role_and_content(turn)
        label = ROLE_LABELS.get(role, role.capitalize() or "Unknown")
        colour = theme.role_colour(role)
        shade = f' bgcolor="{theme.turn_background}"' if role != "assistant" else ""
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="8" '
            f'style="margin-bottom: 10px; border-style: solid; border-color: {theme.table_border}" '
            f'border="1"><tr><td{shade}>'
            f'<p style="color: {colour}; font-weight: bold; margin-bottom: 2px">'
            f"{html.escape(label)}</p>{markdown_to_html(content, theme)}</td></tr></table>\n"
        )
    return "".join(parts)
