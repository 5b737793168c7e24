"""Citations in grounded answers (docket.render.citations): what counts, where it is in
the raw text, which document it names, and that the rendered links are exactly those."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from docket.core.documents import Document
from docket.render import find_citations, to_html
from docket.render.citations import (
    Citation,
    citation_href,
    read_citation_href,
    resolve,
)

IDS = ("1", "2", "3", "4", "5")
LINK = re.compile(r'<a href="docket-citation:([^"]*)"')


def cited(text: str, ids: tuple[str, ...] = IDS) -> list[tuple[str, str | None]]:
    return [(c.label, c.document) for c in find_citations(text, ids)]


def links(text: str, ids: tuple[str, ...] = IDS) -> list[str]:
    return LINK.findall(to_html(text, documents=[Document(i, "x") for i in ids]))


# --- what counts -----------------------------------------------------------------------------


def test_the_forms_models_write() -> None:
    text = (
        "Void under § 16600 [1]. Employers must notify [2][3], see also [1, 4] and [2; 5]. "
        "As held in 【4】 and 【1†source】, with【3:0†source】."
    )
    assert cited(text) == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("1", "1"),
        ("4", "4"),
        ("2", "2"),
        ("5", "5"),
        ("4", "4"),
        ("1†source", "1"),
        ("3:0†source", None),
    ]


def test_document_ids_of_the_task_are_citations_other_words_are_not() -> None:
    ids = ("edwards-2008", "bpc-16600", "Smith, 2019")
    text = "Held in [edwards-2008] and [bpc-16600, edwards-2008]; [Smith, 2019]; [note] [see 3]."
    assert cited(text, ids) == [
        ("edwards-2008", "edwards-2008"),
        ("bpc-16600", "bpc-16600"),
        ("edwards-2008", "edwards-2008"),
        ("Smith, 2019", "Smith, 2019"),
    ]


def test_a_number_that_names_no_document_is_a_citation_of_nothing() -> None:
    assert cited("Trade secrets stay protected [7]. Also [05] and [0].") == [
        ("7", None),
        ("05", "5"),
        ("0", None),
    ]
    assert cited("[2, 9]") == [("2", "2"), ("9", None)]


def test_years_and_neutral_citations_are_not_citations() -> None:
    assert cited("R v Jogee [2016] UKSC 8; Donoghue v Stevenson [1932] AC 562.") == []


@pytest.mark.parametrize(
    "text",
    [
        "`[1]` is a list in Python",
        "``a [1] b``",
        "```\nprint([1])\n```",
        "~~~\n[2]\n~~~",
        "    indented [1] code",
        "[1](https://example.org) is a link",
        "[see [1]](https://example.org)",
        "[1]: https://example.org",
        "[1]: Cal. Bus. & Prof. Code § 16600",
        "Text[^1].\n\n[^1]: A footnote.",
        "- [ ] open\n- [x] done",
        r"escaped \[1\] brackets",
        "![1](http://example.org/a.png)",
        "<https://example.org/[1]>",
        "[]",
        "[ ]",
        "[1,]",
        "[,1]",
        "[1,,2]",
        "[1 2]",
        "[1-3]",
        "[a]",
        "【】",
        "[1\n]",
    ],
)
def test_not_citations(text: str) -> None:
    assert find_citations(text, IDS) == ()
    assert links(text) == []


def test_inside_markdown_structures() -> None:
    text = (
        "# Findings [1]\n\n"
        "> Quoted [2]\n\n"
        "1. First [3]\n"
        "   - nested [4]\n\n"
        "| Claim | Source |\n|---|---|\n| void | [1] |\n| notice | [1] |\n\n"
        "**Bold [5]** and *[2]*\n"
        "Setext [3]\n---\n"
        "- [x] done [4]\n"
    )
    found = find_citations(text, IDS)
    assert [c.label for c in found] == ["1", "2", "3", "4", "1", "1", "5", "2", "3", "4"]
    for c in found:
        assert text[c.start : c.end] == c.label
        assert text[c.group[0]] == "[" and text[c.group[1] - 1] == "]"
    # Both table cells citing [1] are found where they are, not twice at the first.
    assert len({c.start for c in found}) == len(found)


def test_offsets_count_code_points_in_the_raw_text() -> None:
    text = "Ünïcödé 👩‍⚖️ text\r\nwith CRLF [2] and\ttab [3]\rold Mac [4]"
    found = find_citations(text, IDS)
    assert [(text[c.start : c.end], c.document) for c in found] == [
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
    ]


def test_a_table_cell_with_an_escaped_pipe() -> None:
    text = "| a | b |\n|---|---|\n| x \\| y [2] | [2] |\n"
    found = find_citations(text, IDS)
    assert [c.label for c in found] == ["2", "2"]
    assert found[0].start < found[1].start
    assert all(text[c.start : c.end] == "2" for c in found)


def test_legal_research_answer() -> None:
    """An answer as a retrieval-augmented model writes one about California
    non-competes, with a list of the sources at the end."""
    answer = (
        "## Short answer\n\n"
        "No. California voids non-compete clauses in employment **regardless of where "
        "they were signed** [1][2], and the courts reject a 'narrow restraint' "
        "exception (*Edwards v. Arthur Andersen LLP*, 2008) [4].\n\n"
        "## Details\n\n"
        "1. **Void:** § 16600 applies to every employment non-compete [1, 4].\n"
        "2. **Notice:** employers had to tell affected employees by 14 February 2024 [3].\n"
        "3. **Exception:** the sale-of-business exception does not apply here [5].\n"
        "4. **Trade secrets** remain protected [6].\n\n"
        "Sources:\n\n"
        "[1]: Cal. Bus. & Prof. Code § 16600\n"
        "[4]: Edwards v. Arthur Andersen LLP (2008) 44 Cal.4th 937\n"
    )
    found = find_citations(answer, IDS)
    assert [(c.label, c.document) for c in found] == [
        ("1", "1"),
        ("2", "2"),
        ("4", "4"),
        ("1", "1"),
        ("4", "4"),
        ("3", "3"),
        ("5", "5"),
        ("6", None),
    ]
    assert all(answer[c.start : c.end] == c.label for c in found)


def test_clinical_guideline_answer_with_file_search_marks() -> None:
    answer = (
        "For a first febrile UTI in a child aged 2-24 months, obtain a urinalysis and a "
        "culture from a catheterised specimen【1†source】. Treat orally for 7-14 days"
        "【2†source】; a renal and bladder ultrasound is recommended【3:0†source】.\n\n"
        "```text\nDose table [1]\n```\n"
    )
    found = find_citations(answer, ("1", "2", "3"))
    assert [(c.label, c.document) for c in found] == [
        ("1†source", "1"),
        ("2†source", "2"),
        ("3:0†source", None),
    ]


def test_documents_or_ids() -> None:
    docs = [Document("1", "a", "Title one"), Document("two", "b")]
    assert find_citations("[1] [two]", docs) == find_citations("[1] [two]", ["1", "two"])


def test_resolve() -> None:
    ids = frozenset({"1", "12", "doc"})
    assert resolve("1", ids) == "1"
    assert resolve("01", ids) == "1"
    assert resolve("012", ids) == "12"
    assert resolve("1†source", ids) == "1"
    assert resolve("doc†Doc title", ids) == "doc"
    assert resolve("7", ids) is None
    assert resolve("١", ids) is None  # an Arabic-Indic digit is not a number here


# --- rendering ---------------------------------------------------------------------------


def test_rendered_citations_are_links_unknown_ones_marked_in_words() -> None:
    out = to_html(
        "Void [1]; notice [2, 7]; 【9】.",
        documents=[Document("1", "x", "Cal. Bus. & Prof. Code § 16600"), Document("2", "y")],
    )
    assert 'href="docket-citation:doc/1/1"' in out
    assert "Document 1: Cal. Bus. &amp; Prof. Code § 16600" in out
    assert ">[1]</a>" in out
    assert ">7?</a>]" in out  # a member of a group: the mark after its label
    assert ">【9?】</a>" in out
    assert out.count("No document “7” in this task") == 1
    assert out.count("No document “9” in this task") == 1


def test_without_documents_nothing_is_a_citation() -> None:
    assert "docket-citation" not in to_html("See [1] and 【1】.")


def test_href_round_trip() -> None:
    for document, label in (("1", "1"), ("a/b c%", "a/b c%"), (None, "7"), ("x", "1†source")):
        assert read_citation_href(citation_href(document, label)) == (document, label)
    assert read_citation_href("https://example.org") is None
    assert read_citation_href("docket-citation:what") is None


# --- properties --------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "[", "]", "【", "】", "†", "source", "1", "2", "7", "12", "2019", ",", ";", " ", "\t",
        "\n", "\r\n", "\r", "`", "```", "~~~", "(", ")", "http://a.b", "!", "^", ":", "\\",
        "|", "---", "- ", "> ", "1. ", "    ", "#", "*", "_", "x", "doc-a", "a b", "\0", "é",
        "😀", "<", ">", "$", "&",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=80)
IDSETS = st.sets(st.sampled_from(["1", "2", "3", "12", "doc-a", "a b", "x", "source"]))


@given(TEXTS, IDSETS)
@example("| [1] | [1] |\n|---|---|\n| [1] | [1] |", {"1"})
@example("- [x] [x]", {"x"})
@example("[a b] [1, a b]", {"a b", "1"})
@example("【\0】", {"1"})
def test_citation_properties(text: str, ids: set[str]) -> None:
    found = find_citations(text, ids)
    for c in found:
        assert isinstance(c, Citation)
        assert 0 <= c.group[0] <= c.start < c.end <= c.group[1] <= len(text)
        assert text[c.start : c.end] == c.label
        assert c.document is None or c.document in ids
        assert c.document == resolve(c.label, frozenset(ids))
    starts = [c.start for c in found]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    # The links on screen are exactly the citations found, in the same order (a task
    # without documents has no citation links).
    rendered = links(text, tuple(sorted(ids)))
    if not ids:
        assert rendered == []
        return
    assert [read_citation_href("docket-citation:" + h) for h in rendered] == [
        (c.document, c.label.replace("\0", "\ufffd"))
        for c in found  # as markdown-it reads NUL
    ]


@given(st.text(max_size=60), st.text(max_size=20))
def test_href_round_trip_property(label: str, document: str) -> None:
    assert read_citation_href(citation_href(document, label)) == (document, label)
    assert read_citation_href(citation_href(None, label)) == (None, label)
