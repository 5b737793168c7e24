"""The safety property of rendered HTML, checked structurally (shared by several tests).

Every tag and attribute must be on an allow-list of what docket.render emits; no
attribute may load anything (no ``background``, and a ``src`` only on an ``<img>`` of a
typeset formula, a ``docket-math:`` address the window draws itself from the formulas it
looked up); every ``href`` is an absolute http(s)/mailto URL, an in-document anchor, or a
citation of a task's document (``docket-citation:``, which the window handles itself and
never opens).
"""

from __future__ import annotations

from html.parser import HTMLParser

from docket.render.citations import read_citation_href
from docket.render.formula_images import read_math_url
from docket.render.markdown import safe_href

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "span",
    "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "hr",
    "section", "img",
}  # fmt: skip
ALLOWED_ATTRS = {
    "style", "href", "title", "bgcolor", "align", "width", "height", "border", "cellspacing",
    "cellpadding", "class", "id", "start", "src", "alt", "dir",
}  # fmt: skip


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "img" and read_math_url(dict(attrs).get("src") or "") is None:
            self.problems.append(f"an image that is no typeset formula: {attrs!r}")
        for name, value in attrs:
            if name == "src" and tag != "img":
                self.problems.append(f"src= on <{tag}>")
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"attribute {name}= on <{tag}>")
            if (
                name == "href"
                and value is not None
                and not value.startswith("#")
                and safe_href(value) is None
                and read_citation_href(value) is None
            ):
                self.problems.append(f"unsafe href {value!r}")
            if name == "dir" and value not in {"ltr", "rtl"}:
                self.problems.append(f"dir={value!r} on <{tag}>")
            if name == "style" and value and ("url(" in value or "image" in value):
                self.problems.append(f"style loads something: {value!r}")

    handle_startendtag = handle_starttag


def unsafe_parts(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems
