"""The token diff behind a rewrite's changes (counted for ``min_changed_chars``, shown in
the rewrite editor): exact opcodes on any texts, the same count as a word-by-word
comparison on one line, and fast on a long answer edited all over."""

from __future__ import annotations

import re
import time
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.core.spans import changed_chars
from docket.core.text_diff import changed_count, diff_tokens, words_and_spaces
from tests.reference_data import alpaca_eval

TEXTS = st.text(alphabet=st.sampled_from("ab c\n.*#"), max_size=120)


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS)
def test_the_opcodes_cover_both_texts_and_equal_parts_are_equal(a: str, b: str) -> None:
    ta, tb, ops = diff_tokens(a, b)
    assert "".join(ta) == a and "".join(tb) == b
    i = j = 0
    for op, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)  # contiguous, in order
        assert op in ("equal", "replace", "insert", "delete")
        if op == "equal":
            assert ta[i1:i2] == tb[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(ta), len(tb))
    assert (changed_count(a, b) == 0) == (a == b)
    assert changed_chars(a, b) == changed_count(a, b)


LINE = st.text(alphabet=st.sampled_from("ab c.,"), max_size=80)


@settings(max_examples=100, deadline=None)
@given(LINE, LINE)
def test_on_one_line_it_is_the_word_by_word_count_of_what_differs(a: str, b: str) -> None:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    whole = changed_count(a, b)
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    x, y = words_and_spaces(a), words_and_spaces(b)
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    same = sum(len("".join(x[m.a : m.a + m.size])) for m in matcher.get_matching_blocks())
    assert whole == len(a) + len(b) - 2 * same
    assert changed_chars("The tower is in Berlin.", "The tower is in Berlin!") == 2


def test_known_counts() -> None:
    assert changed_chars("the cat sat", "the dog sat") == 6
    assert changed_chars("one\ntwo\nthree\n", "one\n2\nthree\n") == len("two") + len("2")
    assert changed_chars("", "new") == 3 and changed_chars("old", "") == 3


def test_a_long_answer_edited_all_over_is_counted_quickly() -> None:
    rows = alpaca_eval("gpt-4o-2024-05-13")
    base = "\n\n".join(r["output"] for r in rows[:12])  # about 24,000 characters
    text = re.sub(r"\bthe\b", "a", base)  # hundreds of edits, on most lines
    start = time.perf_counter()
    changed = changed_chars(base, text)
    took = time.perf_counter() - start
    edits = len(re.findall(r"\bthe\b", base))
    assert 4 * edits <= changed <= 8 * edits  # "the" out, "a" in (with what sticks to them)
    assert took < 1.0  # a word-by-word comparison of the whole took seconds
