"""Hostile markdown: nothing interpreted, nothing loaded, nothing unbounded.

Each case asserts the safety property (see tests/render_safety.py: only allow-listed
tags and attributes, no resource references, only safe hrefs) and what the reader sees,
not merely that no exception was raised. Time is not asserted here (benchmarks do
that); memory is, with tracemalloc.
"""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core.documents import Document
from docket.render import diff_html, find_citations, to_html
from tests.reference_data import alpaca_eval
from tests.render_safety import unsafe_parts

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("source", "visible"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("hi <script>alert(1)</script> there", "&lt;script&gt;"),
        ('<img src="http://evil.example/x.png" onerror="alert(1)">', "&lt;img src="),
        ('<iframe src="https://evil.example"></iframe>', "&lt;iframe"),
        ('<a href="https://ok.example" onclick="steal()">x</a>', "onclick"),
        (
            '<div style="background-image: url(http://evil.example/t.png)">x</div>',
            "background-image",
        ),
        ("<style>body { display: none }</style>", "&lt;style&gt;"),
        ('<svg onload="alert(1)"></svg>', "&lt;svg onload"),
        # an entity is decoded to the character, which is escaped again: text, not a tag
        ("&lt;script&gt; stays text", "&lt;script&gt; stays text"),
    ],
)
def test_raw_html_is_shown_as_text(source: str, visible: str) -> None:
    for theme in ("light", "dark"):
        out = to_html(source, theme=theme)
        assert unsafe_parts(out) == []
        assert visible in out


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](  javascript:alert(1) )",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x](vbscript:msgbox)",
        "[x](ftp://files.example/x)",
        "[x](relative/page.html)",
        "[x](//evil.example/x)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        '[x](https://ok.example "title" onmouseover=alert(1))',
    ],
)
def test_unsafe_links_are_shown_but_not_links(source: str) -> None:
    out = to_html(source)
    assert unsafe_parts(out) == []
    lowered = out.lower()
    for scheme in ("javascript:", "data:", "file:", "vbscript:", "ftp:"):
        assert f'href="{scheme}' not in lowered and f"href='{scheme}" not in lowered


@pytest.mark.parametrize(
    "source",
    [
        "![alt text](http://evil.example/track.png)",
        "![alt](data:image/png;base64,iVBORw0KGgo=)",
        "![alt](file:///home/user/secret.png)",
        "![alt][r]\n\n[r]: https://evil.example/r.png",
        "[![inner](http://evil.example/i.png)](https://ok.example)",
    ],
)
def test_images_are_placeholders_never_loaded(source: str) -> None:
    out = to_html(source)
    assert unsafe_parts(out) == []
    assert "<img" not in out and "src=" not in out
    assert "[image:" in out and "not loaded]" in out


def _peak_mb(fn: object, *args: object) -> tuple[str, float]:
    tracemalloc.start()
    try:
        out = fn(*args)  # type: ignore[operator]
        peak = tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()
    return out, peak


@pytest.mark.parametrize(
    ("name", "source", "notice"),
    [
        ("1 MB single line", "word " * 210_000, "first 200,000 of 1,050,000 characters"),
        ("100,000 table rows", "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 100_000, "characters"),
        ("10,000-level quote nesting", ">" * 10_000 + " deep", "nested too deeply"),
        (
            "10,000-level list nesting",
            "".join("  " * i + "- x\n" for i in range(10_000)),
            "nested too deeply",
        ),
        ("unclosed fence around 5 MB", "```python\n" + "x = 1\n" * 900_000, "first 200,000"),
        ("pathological emphasis", "*a **b " * 30_000, "plain text"),
        ("pathological links", "[a](" * 40_000, "plain text"),
        ("pathological brackets", "[" * 10_000 + "x" + "]" * 10_000, ""),
        ("raw html flood", "<div>" * 50_000, "plain text"),
    ],
)
def test_size_and_nesting_bombs_are_bounded_and_say_so(name: str, source: str, notice: str) -> None:
    out, peak = _peak_mb(to_html, source)
    assert peak < 200, f"{name}: {peak:.0f} MB"
    assert unsafe_parts(out) == []
    assert notice in out, name
    assert len(out) < 4 * MB


def test_table_rows_are_cut_with_a_notice() -> None:
    out = to_html("| a |\n|---|\n" + "| 1 |\n" * 5_000)
    assert out.count("<tr>") == 1_001 and "A table was cut after 1,000 rows" in out


def test_math_cannot_inject_markup() -> None:
    out = to_html('$x<script>"$ and $$</td></tr></table><img src=x>$$ and \\(\\text{<b>}\\)')
    assert unsafe_parts(out) == []
    assert "<img" not in out and "<script" not in out and "<b>" not in out


def test_code_cannot_inject_markup() -> None:
    out = to_html('```html\n<script>alert(1)</script><img src="x">\n```\n\n```<script>\nx\n```')
    assert unsafe_parts(out) == []


def test_diff_escapes_everything() -> None:
    left, right = diff_html("<script>a</script>", '<img src="x" onerror=y>')
    assert unsafe_parts(left) == [] and unsafe_parts(right) == []


def test_conversation_roles_cannot_inject_markup() -> None:
    out = to_html(
        [{"role": "<script>", "content": "<img src=x>"}, {"role": 'x" onload="y', "content": "ok"}]
    )
    assert unsafe_parts(out) == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>[]()!*_`$\\|#-\n :/\"'=&;ajvscriptdhfmlg0123")),
        max_size=400,
    )
)
def test_any_markdown_soup_renders_safely(source: str) -> None:
    for theme in ("light", "dark"):
        assert unsafe_parts(to_html(source, theme=theme)) == []


DOCUMENT_IDS = st.text(
    alphabet=st.sampled_from(list("<>\"'&;= /%#:?1a-†")), min_size=1, max_size=12
).filter(lambda s: s.strip() and "[" not in s and "]" not in s)


@settings(max_examples=200, deadline=None)
@given(
    source=st.text(
        alphabet=st.sampled_from(list("<>[]【】†()!*`\\|\n :/\"'=&;1237a,-")), max_size=300
    ),
    ids=st.lists(DOCUMENT_IDS, max_size=4, unique=True),
    title=st.text(max_size=40),
)
def test_citations_cannot_inject_markup(source: str, ids: list[str], title: str) -> None:
    """Citations of documents whose ids and titles are hostile stay links to those
    documents, with ids and titles escaped."""
    documents = [Document(i, "text", title) for i in ids] or [Document("1", "text", title)]
    cited = [Document(i, "x") for i in ids]
    for theme in ("light", "dark"):
        out = to_html(
            source + " " + " ".join(f"[{i}]" for i in ids), theme=theme, documents=documents
        )
        assert unsafe_parts(out) == []
        assert len(find_citations(source, cited or documents)) <= out.count("docket-citation:")


def test_every_real_response_is_safe_and_whitelisted() -> None:
    for row in alpaca_eval("gpt4_1106_preview"):
        assert unsafe_parts(to_html(row["output"])) == [], row["instruction"][:60]
