"""Span agreement between reviewers (exact and character-overlap F1), checked against
figures computed by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.server.span_agreement import ALL, compare, pair_agreement

A = [("t1", "r1", 0, 10, "irrelevant"), ("t1", "r1", 20, 30, "redundant")]
B = [
    ("t1", "r1", 0, 10, "irrelevant"),
    ("t1", "r1", 25, 35, "redundant"),
    ("t1", "r1", 40, 45, "unverifiable"),
]


def test_exact_and_overlap_f1_against_a_hand_computation() -> None:
    got = compare(A, B)
    # irrelevant: the same span on both sides.
    assert got["irrelevant"].exact_f1 == 1.0
    assert got["irrelevant"].overlap_f1 == 1.0
    # redundant: 20-30 against 25-35: no exact match; 5 of A's 10 characters are B's,
    # 5 of B's 10 are A's: precision 0.5, recall 0.5, F1 0.5.
    r = got["redundant"]
    assert (r.exact_matches, r.exact_f1) == (0, 0.0)
    assert (r.chars_a, r.chars_b, r.chars_shared) == (10, 10, 5)
    assert (r.overlap_precision, r.overlap_recall, r.overlap_f1) == (0.5, 0.5, 0.5)
    # unverifiable: only B marked it: precision has nothing to divide by, F1 is 0.
    u = got["unverifiable"]
    assert u.exact_precision is None and u.exact_recall == 0.0 and u.exact_f1 == 0.0
    assert u.overlap_precision is None and u.overlap_f1 == 0.0
    # all labels: 1 exact match of 2 and 3 spans: F1 = 2 * 1 / 5; characters 20 and 25,
    # shared 10 + 5 = 15: precision 15/20, recall 15/25, F1 = 30 / 45.
    t = got[ALL]
    assert t.exact_f1 == pytest.approx(2 / 5)
    assert (t.exact_precision, t.exact_recall) == (pytest.approx(1 / 2), pytest.approx(1 / 3))
    assert (t.chars_a, t.chars_b, t.chars_shared) == (20, 25, 15)
    assert t.overlap_precision == pytest.approx(0.75)
    assert t.overlap_recall == pytest.approx(0.6)
    assert t.overlap_f1 == pytest.approx(2 * 0.75 * 0.6 / (0.75 + 0.6))


def test_same_characters_under_different_labels_are_not_shared() -> None:
    got = compare([("t", "r", 0, 10, "irrelevant")], [("t", "r", 0, 10, "redundant")])
    assert got[ALL].chars_shared == 0 and got[ALL].overlap_f1 == 0.0


def test_a_reviewer_own_overlapping_spans_count_their_characters_once() -> None:
    got = compare(
        [("t", "r", 0, 10, "irrelevant"), ("t", "r", 5, 15, "irrelevant")],
        [("t", "r", 0, 15, "irrelevant")],
    )
    assert (got[ALL].chars_a, got[ALL].chars_shared, got[ALL].overlap_f1) == (15, 15, 1.0)


def test_pairs_compare_only_the_tasks_both_answered_and_pool_their_counts() -> None:
    marked = {
        "t1": {"alice": A, "bob": B},
        "t2": {"alice": [], "bob": [("t2", "r9", 0, 4, "irrelevant")], "carol": []},
        "t3": {"carol": [("t3", "r1", 0, 4, "pii")]},  # nobody else: no pair
    }
    got = pair_agreement("spans", marked)
    assert [(p.reviewers, p.tasks) for p in got.pairs] == [
        (("alice", "bob"), 2),
        (("alice", "carol"), 1),
        (("bob", "carol"), 1),
    ]
    alice_bob = got.pairs[0]
    # t2 adds one span (4 characters) of bob's that alice did not mark.
    assert alice_bob.overall.exact_f1 == pytest.approx(2 * 1 / (2 + 4))
    assert alice_bob.overall.overlap_f1 == pytest.approx(2 * 15 / (20 + 29))
    # alice and carol both marked nothing on t2: nothing to divide by.
    assert got.pairs[1].overall.exact_f1 is None
    pooled = got.pooled[ALL]
    assert (pooled.spans_a, pooled.spans_b, pooled.exact_matches) == (2 + 0 + 1, 4 + 0 + 0, 1)
    assert list(got.pooled)[-1] == ALL
    as_json = got.to_json()
    assert as_json["overall"]["exact_matches"] == 1  # type: ignore[index]


keys = st.lists(
    st.tuples(
        st.sampled_from(["t1", "t2"]),
        st.sampled_from(["r1", "r2"]),
        st.integers(0, 30),
        st.integers(1, 10),
        st.sampled_from(["irrelevant", "redundant"]),
    ).map(lambda k: (k[0], k[1], k[2], k[2] + k[3], k[4])),
    max_size=8,
)


@given(keys, keys)
def test_f1_is_symmetric_and_bounded(a: list, b: list) -> None:
    ab, ba = compare(a, b), compare(b, a)
    assert ab.keys() == ba.keys()
    for label in ab:
        assert ab[label].exact_f1 == ba[label].exact_f1
        assert ab[label].overlap_f1 == ba[label].overlap_f1
        assert ab[label].overlap_precision == ba[label].overlap_recall
        for f in (ab[label].exact_f1, ab[label].overlap_f1):
            assert f is None or 0.0 <= f <= 1.0
        # an exact match is a full overlap, never the other way round
        assert (ab[label].exact_f1 or 0.0) <= 1.0
    if a:
        same = compare(a, a)[ALL]
        assert same.exact_f1 == 1.0 and same.overlap_f1 == 1.0


def test_the_text_report_shows_all_pairs_together_then_each_pair(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from docket.cli.server import _print_spans

    marked = {
        "t1": {"alice": A, "bob": B},
        "t2": {"alice": [], "bob": [("t2", "r9", 0, 4, "irrelevant")], "carol": []},
    }
    _print_spans(pair_agreement("spans", marked), lambda x: "–" if x is None else f"{x:.3f}")
    out = capsys.readouterr().out
    assert "spans (spans): 3 reviewer pairs" in out
    assert out.index("all pairs together") < out.index("alice (A) & bob (B) over 2 tasks")
    assert "alice (A) & carol (B) over 1 task: exact F1 –, overlap F1 –" in out
    together = out[out.index("all pairs together") : out.index("alice (A) & bob (B)")]
    assert [line.split()[0] for line in together.splitlines()[2:] if line.strip()] == [
        "irrelevant",
        "redundant",
        "unverifiable",
        "all",
    ]
