"""The one definition of the rendered look: colours for light and dark, and the pygments
style each uses for code. Everything :mod:`docket.render` emits takes its colours from
here, so the two themes cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    text: str
    background: str
    muted: str
    link: str
    code_background: str
    code_border: str
    code_text: str
    inline_code_background: str
    table_border: str
    table_header_background: str
    quote_bar: str
    quote_text: str
    math_background: str
    notice_background: str
    inserted_background: str
    deleted_background: str
    hidden_text: str
    hidden_background: str
    """A hidden character's mark (docket.render.hidden): a colour no other text uses."""
    turn_background: str
    pygments_style: str
    roles: tuple[tuple[str, str], ...]
    """Label colour per conversation role."""

    def role_colour(self, role: str) -> str:
        return dict(self.roles).get(role, self.muted)


LIGHT = Theme(
    name="light",
    text="#1f2328",
    background="#ffffff",
    muted="#59636e",
    link="#0550ae",
    code_background="#f6f8fa",
    code_border="#d1d9e0",
    code_text="#1f2328",
    inline_code_background="#eff1f3",
    table_border="#d1d9e0",
    table_header_background="#f0f3f6",
    quote_bar="#d1d9e0",
    quote_text="#59636e",
    math_background="#f3f0fa",
    notice_background="#fff8c5",
    inserted_background="#d1f5d3",
    deleted_background="#ffd7d5",
    hidden_text="#953800",
    hidden_background="#ffd8b5",
    turn_background="#f6f8fa",
    pygments_style="default",
    roles=(
        ("user", "#0550ae"),
        ("assistant", "#1a7f37"),
        ("system", "#8250df"),
        ("tool", "#9a6700"),
    ),
)

DARK = Theme(
    name="dark",
    text="#e6edf3",
    background="#0d1117",
    muted="#9198a1",
    link="#4493f8",
    code_background="#161b22",
    code_border="#3d444d",
    code_text="#e6edf3",
    inline_code_background="#262c36",
    table_border="#3d444d",
    table_header_background="#1c2128",
    quote_bar="#3d444d",
    quote_text="#9198a1",
    math_background="#1f1a2e",
    notice_background="#3b2e00",
    inserted_background="#1b4721",
    deleted_background="#5c1f1f",
    hidden_text="#ffa657",
    hidden_background="#4d2600",
    turn_background="#161b22",
    pygments_style="github-dark",
    roles=(
        ("user", "#4493f8"),
        ("assistant", "#3fb950"),
        ("system", "#ab7df8"),
        ("tool", "#d29922"),
    ),
)

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK)}


def theme_named(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; choose one of {sorted(THEMES)}") from None
