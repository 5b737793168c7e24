"""Token differences between a text and its rewrite, fast enough to follow typing.

One :class:`difflib.SequenceMatcher` over every word of two long texts is quadratic
where the edits are scattered (seconds for 20,000 characters edited here and there), so
the texts are compared line by line first (markdown paragraphs are lines), then word by
word inside the changed lines only: paired one to one where as many lines were replaced
as replaced them, else as one block. The result is the usual opcode list, over the
tokens of the whole texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]

MAX_BLOCK_TOKENS = 6_000
"""A changed block with more tokens than this (both sides) is one replacement, not
compared word by word."""

_WORDS_AND_SPACES = re.compile(r"\s+|\S+")


def words_and_spaces(text: str) -> list[str]:
    """Runs of non-space characters and runs of spaces, in order."""
    return _WORDS_AND_SPACES.findall(text)


def diff_tokens(
    base: str, text: str, tokenize: Callable[[str], list[str]] = words_and_spaces
) -> tuple[list[str], list[str], list[Opcode]]:
    """``(base tokens, text tokens, opcodes)``: ``tokenize`` applied to each line (line
    ends included), the opcodes as :meth:`SequenceMatcher.get_opcodes` gives them."""
    la, lb = base.splitlines(keepends=True), text.splitlines(keepends=True)
    ta: list[str] = []
    tb: list[str] = []
    sa, sb = [0], [0]
    for line in la:
        ta += tokenize(line)
        sa.append(len(ta))
    for line in lb:
        tb += tokenize(line)
        sb.append(len(tb))
    ops: list[Opcode] = []

    def add(op: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if op != "equal":
            op = "insert" if i1 == i2 else "delete" if j1 == j2 else "replace"
        if ops and ops[-1][0] == op == "equal":
            ops[-1] = (op, ops[-1][1], i2, ops[-1][3], j2)
        elif ops and ops[-1][0] != "equal" and op != "equal":
            first = ops.pop()
            add("replace", first[1], i2, first[3], j2)
        else:
            ops.append((op, i1, i2, j1, j2))

    def words(a1: int, a2: int, b1: int, b2: int) -> None:
        if (a2 - a1) + (b2 - b1) > MAX_BLOCK_TOKENS or a1 == a2 or b1 == b2:
            add("replace", a1, a2, b1, b2)
            return
        matcher = SequenceMatcher(None, ta[a1:a2], tb[b1:b2], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            add(op, a1 + i1, a1 + i2, b1 + j1, b1 + j2)

    for op, i1, i2, j1, j2 in SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if op == "equal":
            add("equal", sa[i1], sa[i2], sb[j1], sb[j2])
        elif i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                words(sa[i1 + k], sa[i1 + k + 1], sb[j1 + k], sb[j1 + k + 1])
        else:
            words(sa[i1], sa[i2], sb[j1], sb[j2])
    return ta, tb, ops


def changed_count(base: str, text: str) -> int:
    """Characters inserted plus characters deleted from ``base`` to ``text``: the common
    start and end set aside (so one character changed at either end counts as one), the
    rest compared by :func:`diff_tokens`."""
    if base == text:
        return 0
    head = 0
    limit = min(len(base), len(text))
    while head < limit and base[head] == text[head]:
        head += 1
    tail = 0
    while tail < limit - head and base[-1 - tail] == text[-1 - tail]:
        tail += 1
    ta, tb, ops = diff_tokens(base[head : len(base) - tail], text[head : len(text) - tail])
    return sum(
        sum(map(len, ta[i1:i2])) + sum(map(len, tb[j1:j2]))
        for op, i1, i2, j1, j2 in ops
        if op != "equal"
    )
