"""Blinded display order: which response a reviewer sees as A, B, C ...

What matters: the order is a pure function of (reviewer, task, set of response ids) so it
is the same every time and can be recomputed by the server; it differs between reviewers;
it does not follow the packing order (a TRL row always lists ``chosen`` first); each
response is equally likely to land in each position; labels are A..Z, AA.. and never carry
anything about the response (model names); and the stored form round-trips exactly.
"""

from __future__ import annotations

import itertools
import string
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.display_order import DisplayOrder, blinded_label, display_order
from docket.core.tasks import Response, Role, Task, Turn

IDS3 = ["r-a", "r-b", "r-c"]


# --- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "label"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (703, "AAB"),
        (18277, "ZZZ"),
        (18278, "AAAA"),
    ],
)
def test_blinded_label(index: int, label: str) -> None:
    assert blinded_label(index) == label


def test_blinded_labels_are_distinct_and_ordered_by_length_then_alpha() -> None:
    labels = [blinded_label(i) for i in range(2000)]
    assert len(set(labels)) == len(labels)
    assert labels == sorted(labels, key=lambda lab: (len(lab), lab))
    assert all(set(lab) <= set(string.ascii_uppercase) for lab in labels)
    # Every one- and two-letter label appears, in spreadsheet order.
    two = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    assert labels[:702] == list(string.ascii_uppercase) + two


def test_blinded_label_rejects_negative() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        blinded_label(-1)


# --- determinism -----------------------------------------------------------------------------


def test_same_reviewer_and_task_give_the_same_order() -> None:
    first = display_order("alice", "task-1", IDS3)
    for _ in range(5):
        assert display_order("alice", "task-1", IDS3) == first
    assert display_order("alice", "task-1", iter(IDS3)) == first  # any iterable


def test_order_does_not_depend_on_input_order() -> None:
    for task in range(50):
        ids = [f"r-{i}" for i in range(5)]
        orders = {
            display_order("bob", f"t{task}", list(perm)).order
            for perm in itertools.permutations(ids)
        }
        assert len(orders) == 1


def test_recorded_order_never_changes() -> None:
    """Recorded once: the server recomputes orders, so they must not change across releases,
    processes or Python hash seeds."""
    assert display_order("alice", "t1", ["x", "y", "z", "w"]).order == ("w", "x", "z", "y")


def test_packing_order_does_not_reach_position_a() -> None:
    """Whatever id is listed first (TRL puts ``chosen`` first) is at A only about 1/n of
    the time."""
    at_a = sum(
        display_order("carol", f"task-{t}", [f"first-{t}", f"second-{t}"]).order[0] == f"first-{t}"
        for t in range(1000)
    )
    assert 400 <= at_a <= 600


# --- reviewers differ --------------------------------------------------------------------------


def test_different_reviewers_get_different_orders() -> None:
    tasks = [f"task-{i}" for i in range(200)]
    ids = [f"r-{i}" for i in range(4)]
    differ = sum(
        display_order("alice", t, ids).order != display_order("bob", t, ids).order for t in tasks
    )
    # With 4 responses two independent shuffles agree 1/24 of the time.
    assert differ >= 170

    pair = ["r-x", "r-y"]
    differ_pairs = sum(
        display_order("alice", t, pair).order != display_order("bob", t, pair).order for t in tasks
    )
    # For pairs they differ half of the time.
    assert 70 <= differ_pairs <= 130


def test_reviewer_and_task_are_not_concatenated_ambiguously() -> None:
    """("ab", "c") and ("a", "bc") are different (reviewer, task) pairs."""
    ids = [f"r-{i}" for i in range(8)]
    same = sum(
        display_order(f"ab{i}", "c", ids) == display_order("a", f"b{i}c", ids) for i in range(50)
    )
    assert same < 5


def test_different_tasks_get_different_orders() -> None:
    ids = [f"r-{i}" for i in range(4)]
    orders = Counter(display_order("alice", f"task-{i}", ids).order for i in range(480))
    assert len(orders) == 24  # all 24 permutations occur
    assert max(orders.values()) < 50  # none dominates (expected 20 each)


# --- permutations and uniformity ----------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 26, 27, 60])
def test_every_order_is_a_permutation(n: int) -> None:
    ids = [f"resp-{i}" for i in range(n)]
    for task in range(20):
        order = display_order("rev", f"t{task}", ids)
        assert sorted(order.order) == sorted(ids)
        assert len(order.labels) == n


def test_position_is_roughly_uniform_for_pairs() -> None:
    positions = Counter(
        display_order("dana", f"task-{t}", ["r-1", "r-2"]).order.index("r-1") for t in range(1000)
    )
    assert set(positions) == {0, 1}
    for count in positions.values():
        assert 400 <= count <= 600


def test_position_is_roughly_uniform_for_three() -> None:
    positions = Counter(
        display_order("erin", f"task-{t}", IDS3).label_of("r-a") for t in range(3000)
    )
    assert set(positions) == {"A", "B", "C"}
    for count in positions.values():
        assert 850 <= count <= 1150  # expected 1000


def test_duplicate_ids_rejected() -> None:
    with pytest.raises(ValueError, match="unique"):
        display_order("alice", "t", ["x", "y", "x"])
    with pytest.raises(ValueError, match="unique"):
        DisplayOrder(("x", "x"))


# --- labels, lookups and the stored form ----------------------------------------------------------


def test_label_of_and_id_of() -> None:
    order = DisplayOrder(("r-c", "r-a", "r-b"))
    assert order.labels == ("A", "B", "C")
    assert [order.label_of(r) for r in ("r-c", "r-a", "r-b")] == ["A", "B", "C"]
    assert [order.id_of(lab) for lab in "ABC"] == ["r-c", "r-a", "r-b"]
    with pytest.raises(ValueError, match="not in"):
        order.label_of("r-zzz")
    with pytest.raises(ValueError, match="not in"):
        order.id_of("D")


def test_label_of_and_id_of_are_inverse_beyond_26() -> None:
    ids = [f"r-{i:03d}" for i in range(60)]
    order = display_order("frank", "big", ids)
    assert order.label_of(order.order[26]) == "AA"
    assert order.id_of("AA") == order.order[26]
    for rid in ids:
        assert order.id_of(order.label_of(rid)) == rid


def test_to_json() -> None:
    order = DisplayOrder(("r-c", "r-a"))
    assert order.to_json() == {"A": "r-c", "B": "r-a"}


@pytest.mark.parametrize("n", [0, 1, 2, 26, 27, 30, 53, 104, 703])
def test_json_round_trip(n: int) -> None:
    ids = [f"r-{i}" for i in range(n)]
    order = display_order("gina", f"task-{n}", ids)
    data = order.to_json()
    assert list(data) == [blinded_label(i) for i in range(n)]
    assert DisplayOrder.from_json(data) == order
    # Stored JSON objects come back with keys in any order (e.g. sorted by a JSON canonicaliser:
    # "AA" < "B" alphabetically); the round trip must still be exact.
    assert DisplayOrder.from_json(dict(sorted(data.items()))) == order
    assert DisplayOrder.from_json(dict(reversed(list(data.items())))) == order


def test_from_json_rejects_gaps_and_foreign_labels() -> None:
    with pytest.raises(ValueError, match="labels must be"):
        DisplayOrder.from_json({"A": "x", "C": "y"})  # B is missing
    with pytest.raises(ValueError, match="labels must be"):
        DisplayOrder.from_json({"B": "x", "C": "y"})
    with pytest.raises(ValueError, match="labels must be"):
        DisplayOrder.from_json({"A": "x", "b": "y"})
    with pytest.raises(ValueError, match="unique"):
        DisplayOrder.from_json({"A": "x", "B": "x"})  # one response shown twice


# --- blinding ----------------------------------------------------------------------------------


def test_labels_never_carry_model_names() -> None:
    models = ["gpt-4o", "claude-3-5-sonnet", "llama-3.1-405b", "A", "B"]
    task = Task(
        "t",
        (Turn(Role.USER, "hi"),),
        tuple(Response(f"r-{i}", f"text {i}", model) for i, model in enumerate(models)),
    )
    order = display_order("hank", task.id, task.response_ids)
    data = order.to_json()
    assert list(data) == ["A", "B", "C", "D", "E"]
    for label, rid in data.items():
        assert rid in task.response_ids
        for model in models[:3]:
            assert model not in label and model not in rid

    # The order depends on ids only: the same ids with other (or no) models give the same order.
    renamed = Task(
        "t",
        task.conversation,
        tuple(Response(r.id, r.text, "secret-model") for r in task.responses),
    )
    assert display_order("hank", renamed.id, renamed.response_ids) == order
    # Labels are pure position: the same label sequence whatever the responses are.
    other = display_order("hank", "t", ["m-1", "m-2", "m-3", "m-4", "m-5"])
    assert other.labels == order.labels == ("A", "B", "C", "D", "E")


# --- properties ----------------------------------------------------------------------------------

ids_strategy = st.lists(st.text(min_size=1, max_size=12), unique=True, max_size=60)


@given(reviewer=st.text(max_size=20), task=st.text(max_size=20), ids=ids_strategy)
def test_property_permutation_and_round_trip(reviewer: str, task: str, ids: list[str]) -> None:
    order = display_order(reviewer, task, ids)
    assert sorted(order.order) == sorted(ids)
    assert DisplayOrder.from_json(order.to_json()) == order
    for rid in ids:
        assert order.id_of(order.label_of(rid)) == rid
    assert display_order(reviewer, task, list(reversed(ids))) == order


@given(index=st.integers(min_value=0, max_value=10**6))
def test_property_blinded_label_is_bijective_base_26(index: int) -> None:
    label = blinded_label(index)
    value = 0
    for ch in label:
        value = value * 26 + (ord(ch) - ord("A") + 1)
    assert value - 1 == index


@given(
    st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=30, unique=True), st.randoms()
)
def test_a_display_order_reads_the_same_whatever_order_its_labels_were_written_in(
    ids: list[str], rng: Any
) -> None:
    written = DisplayOrder(tuple(ids)).to_json()
    shuffled = list(written.items())
    rng.shuffle(shuffled)
    assert DisplayOrder.from_json(dict(shuffled)) == DisplayOrder.from_json(written)
    assert DisplayOrder.from_json(written).order == tuple(ids)
