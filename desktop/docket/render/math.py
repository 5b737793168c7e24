"""LaTeX from model output, as readable Unicode with real super- and subscripts.

pylatexenc turns macros into Unicode (``\\alpha`` -> α, ``\\sqrt{x}`` -> √(x),
``\\leq`` -> ≤). Before it runs, ``^`` and ``_`` arguments are wrapped in private macros
so they come out as ``<sup>``/``<sub>`` rather than as literal carets; fractions become
``(a)/(b)`` where parentheses are needed. The original LaTeX stays with the result (the
caller puts it in a tooltip and the raw view shows it verbatim).
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pylatexenc import macrospec
    from pylatexenc.latex2text import LatexNodes2Text

MAX_MATH_CHARS = 4_000
MAX_GROUPS = 40
MAX_CELLS = 400
"""Deeper nesting or more matrix cells is shown as its source: converting them takes
pylatexenc a tenth of a second and more (and no real formula comes near)."""
SHOWN_CHARS = 1_000
"""Of a formula too long to convert, this much of its source is shown (the raw view
shows all of it): laying out a formula of megabytes as one line would take seconds."""
_SUP_OPEN, _SUP_CLOSE, _SUB_OPEN, _SUB_CLOSE = "\x01", "\x02", "\x03", "\x04"
_RELATIONS = re.compile(r"\s*([=≤≥≠≈≡∼→←↔⇒⇔∈∉⊂⊆⊃⊇∪∩±×·])\s*")
_SCRIPT = re.compile(r"([\^_])(\\[A-Za-z]+|[^\s{\\])")


@cache
def _walker_context() -> macrospec.LatexContextDb:
    # pylatexenc and its tables are loaded with the first formula shown as text.
    from pylatexenc import macrospec
    from pylatexenc.latexwalker import get_default_latex_context_db as walker_context_db

    db = walker_context_db()
    db.add_context_category(
        "docket",
        prepend=True,
        macros=[
            macrospec.std_macro("dktsup", False, 1),
            macrospec.std_macro("dktsub", False, 1),
            macrospec.std_macro("dfrac", False, 2),
            macrospec.std_macro("tfrac", False, 2),
        ],
    )
    return db


def _frac(node: object, l2tobj: LatexNodes2Text) -> str:
    args = getattr(node, "nodeargd", None)
    parts = [
        l2tobj.nodelist_to_text([a]) if a is not None else ""
        for a in (args.argnlist if args else [])
    ]
    if len(parts) < 2:
        return "/".join(parts)
    num, den = (p.strip() for p in parts[-2:])
    return f"{_group(num)}/{_group(den)}"


def _sqrt(node: object, l2tobj: LatexNodes2Text) -> str:
    args = getattr(node, "nodeargd", None)
    nodes = list(args.argnlist) if args else []
    index = l2tobj.nodelist_to_text([nodes[0]]).strip() if len(nodes) > 1 and nodes[0] else ""
    body = l2tobj.nodelist_to_text([nodes[-1]]).strip() if nodes and nodes[-1] else ""
    root = {"2": "√", "3": "∛", "4": "∜"}.get(index or "2")
    prefix = root if root else f"{_SUP_OPEN}{index}{_SUP_CLOSE}√"
    return prefix + (body if body.isalnum() else f"({body})")


def _group(text: str) -> str:
    """Parenthesise a fraction part only if it has a top-level sum, difference or space."""
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in "+-−±= /":
            return f"({text})"
    return text


@cache
def _converter() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    extra = [
        MacroTextSpec("dktsup", simplify_repl=_SUP_OPEN + "%s" + _SUP_CLOSE),
        MacroTextSpec("dktsub", simplify_repl=_SUB_OPEN + "%s" + _SUB_CLOSE),
        MacroTextSpec("frac", simplify_repl=_frac),
        MacroTextSpec("sqrt", simplify_repl=_sqrt),
        MacroTextSpec("dfrac", simplify_repl=_frac),
        MacroTextSpec("tfrac", simplify_repl=_frac),
        MacroTextSpec("text", simplify_repl="%s"),
        MacroTextSpec("mathrm", simplify_repl="%s"),
        MacroTextSpec("operatorname", simplify_repl="%s"),
        MacroTextSpec("left", simplify_repl=""),
        MacroTextSpec("right", simplify_repl=""),
        MacroTextSpec("quad", simplify_repl="  "),
        MacroTextSpec("qquad", simplify_repl="    "),
        MacroTextSpec(",", simplify_repl=" "),
        MacroTextSpec(";", simplify_repl=" "),
        MacroTextSpec("cdot", simplify_repl="·"),
        MacroTextSpec("|", simplify_repl="‖"),
        MacroTextSpec("times", simplify_repl="×"),
    ]
    db.add_context_category("docket", prepend=True, macros=extra)
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=False)


def _mark_scripts(latex: str) -> str:
    """``x^2`` -> ``x\\dktsup{2}``, ``x_{ij}`` -> ``x\\dktsub{ij}``."""
    out = latex.replace("^{", "\\dktsup{").replace("_{", "\\dktsub{")
    return _SCRIPT.sub(lambda m: ("\\dktsup{" if m[1] == "^" else "\\dktsub{") + m[2] + "}", out)


def _space_relations(text: str) -> str:
    """``a≤b`` -> ``a ≤ b`` at the top level; scripts (``x_{i=1}``) stay tight."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in (_SUP_OPEN, _SUB_OPEN):
            if depth == 0:
                out.append(_RELATIONS.sub(r" \1 ", text[start:i]))
                start = i
            depth += 1
        elif ch in (_SUP_CLOSE, _SUB_CLOSE):
            depth -= 1
            if depth == 0:
                out.append(text[start : i + 1])
                start = i + 1
    out.append(_RELATIONS.sub(r" \1 ", text[start:]) if depth == 0 else text[start:])
    return "".join(out)


def _too_costly(source: str) -> bool:
    if source.count("&") + source.count("\\\\") > MAX_CELLS:
        return True
    depth = 0
    for ch in source:
        if ch == "{":
            depth += 1
            if depth > MAX_GROUPS:
                return True
        elif ch == "}":
            depth -= 1
    return False


@lru_cache(maxsize=4096)
def latex_to_html(latex: str) -> str:
    """Readable HTML for a LaTeX formula (escaped; only ``<sup>``/``<sub>`` tags). A
    formula too long or too deep to convert is its source, cut past
    :data:`SHOWN_CHARS` (saying so)."""
    source = latex.strip()
    if len(source) > MAX_MATH_CHARS:
        return (
            html.escape(source[:SHOWN_CHARS], quote=False)
            + f" … (cut: a formula of {len(source):,} characters; the raw view shows it all)"
        )
    if _too_costly(source):
        return html.escape(source, quote=False)
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    try:
        nodes = LatexWalker(
            _mark_scripts(source), latex_context=_walker_context(), tolerant_parsing=True
        ).get_latex_nodes()[0]
        text = _converter().nodelist_to_text(nodes)
    except (LatexWalkerError, RecursionError, ValueError, IndexError, TypeError):
        return html.escape(source, quote=False)
    text = _space_relations(text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    escaped = html.escape(text, quote=False)
    for marker, tag in (
        (_SUP_OPEN, "<sup>"),
        (_SUP_CLOSE, "</sup>"),
        (_SUB_OPEN, "<sub>"),
        (_SUB_CLOSE, "</sub>"),
    ):
        escaped = escaped.replace(marker, tag)
    return escaped
