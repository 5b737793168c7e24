"""The rendered-to-raw model without Qt: the renderer's text and where each character
comes from (tests/gui/test_source_map_qt.py checks it against what Qt shows)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.render.source_map import OBJECT, align, rendered_text, source_map
from docket.render.typeset import formula_key


def _chars(raw: str) -> list[tuple[str, str | None]]:
    model = rendered_text(raw)
    return [
        (ch, raw[s:e] if s >= 0 else None)
        for ch, s, e in zip(model.text, model.starts, model.ends, strict=True)
    ]


def test_text_emphasis_and_escapes_map_to_their_raw_characters() -> None:
    raw = "a \\* &amp; **bold** `co de`"
    model = rendered_text(raw)
    assert model.text.strip() == "a * & bold co de"
    for ch, s, e in zip(model.text, model.starts, model.ends, strict=True):
        if s >= 0:
            assert raw[s:e] == ch


def test_added_text_maps_to_nothing() -> None:
    raw = "```python\nx = 1\n```\n\n- [ ] task\n\n![alt](pic.png)"
    chars = _chars(raw)
    text = "".join(c for c, _ in chars)
    assert text.index("python") < text.index("x = 1")
    assert all(r is None for c, r in chars[text.index("python") : text.index("python") + 6])
    assert dict(chars)["☐"] is None
    assert all(r is None for _, r in chars[text.index("[image") :][:6])


def test_a_formula_maps_to_its_whole_source() -> None:
    raw = "Energy $E=mc^2$ and\n\n$$\na+b\n$$\n"
    model = rendered_text(raw)
    sources = {raw[s:e] for s, e in zip(model.starts, model.ends, strict=True) if e - s > 1}
    assert sources == {"$E=mc^2$", "$$\na+b\n$$"}


def test_a_typeset_formula_is_one_object_character() -> None:
    from docket.render.typeset import Formula

    raw = "Energy $E=mc^2$."
    formula = Formula(svg="<svg/>", width=10.0, height=5.0, depth=1.0)
    model = rendered_text(raw, formulas={formula_key("E=mc^2", False): formula})
    at = model.text.index(OBJECT)
    assert raw[model.starts[at] : model.ends[at]] == "$E=mc^2$"


def test_collapsed_white_space_and_separators_align() -> None:
    raw = "one  two\nthree"
    shown = "one two three\u2029"
    smap = source_map(raw, shown)
    assert smap.to_raw(0, 7) == (0, 8)
    assert raw[slice(*smap.to_raw(8, 13) or (0, 0))] == "three"
    assert smap.to_raw(13, 14) is None
    assert smap.to_shown(5, 8) == [(4, 7)]


def test_shown_marks_for_hidden_characters_stand_for_nothing() -> None:
    raw = "a\u200bb"
    smap = align(raw, rendered_text(raw), "a⟨ZWSP⟩b")
    assert smap.to_raw(0, 8) == (0, 3)
    assert smap.to_raw(1, 7) is None


WORDS = st.lists(st.sampled_from(["alpha", "beta", "**gamma**", "`delta`", "*eps*"]), min_size=1)


@settings(max_examples=50, deadline=None)
@given(st.lists(WORDS.map(" ".join), min_size=1, max_size=4).map("\n\n- ".join))
def test_every_mapped_character_is_its_raw_character(raw: str) -> None:
    model = rendered_text(raw)
    for ch, s, e in zip(model.text, model.starts, model.ends, strict=True):
        if s >= 0:
            assert e - s == 1
            assert raw[s] == ch or (raw[s].isspace() and ch.isspace())


def test_a_formula_typeset_after_the_map_was_modelled_is_still_its_source() -> None:
    raw = "Energy $E=mc^2$ here."
    shown = f"Energy {OBJECT} here."
    smap = align(raw, rendered_text(raw), shown)
    at = shown.index(OBJECT)
    assert smap.to_raw(at, at + 1) == (7, 15)
    assert raw[slice(*(smap.to_raw(at + 2, at + 6) or (0, 0)))] == "here"


def test_long_tables_cut_like_the_renderer_keep_the_rest_in_place() -> None:
    rows = "".join(f"| {i} | x |\n" for i in range(1_100))
    raw = f"Before.\n\n| a | b |\n|---|---|\n{rows}\nAfter the table."
    model = rendered_text(raw)
    at = model.text.index("After the table")
    assert raw[model.starts[at] :].startswith("After the table")
