"""docket.render.links: the address shown before a link opens, and what is said about it
(punycode hosts, mixed scripts, look-alike letters, user names, hidden characters)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.render.links import check_link, mixed_scripts, script_of, scripts_of


def test_scripts_come_from_character_names() -> None:
    assert [script_of(c) for c in "aаαա漢あア한ㄅ1-"] == [
        "Latin", "Cyrillic", "Greek", "Armenian", "Han", "Hiragana", "Katakana", "Hangul",
        "Bopomofo", None, None,
    ]  # fmt: skip
    assert script_of("Ａ") == "Latin" and script_of("ｱ") == "Katakana"  # full and half width
    assert scripts_of("pаypal") == ["Latin", "Cyrillic"]
    assert mixed_scripts("pаypal") and mixed_scripts("gοogle") and mixed_scripts("abcשלום")
    for label in (
        "paypal",
        "пример",
        "例え",
        "例えtest",
        "中文abc",
        "한국abc",
        "xn--80ak6aa92e",
        "123",
    ):
        assert not mixed_scripts(label), label


@pytest.mark.parametrize("url", ["https://pаypal.com", "https://xn--pypal-4ve.com"])
def test_a_look_alike_host_is_punycode_and_its_scripts_are_named(url: str) -> None:
    check = check_link(url)
    assert check.shown == "https://xn--pypal-4ve.com"
    assert check.host == "xn--pypal-4ve.com" and check.unicode_host == "pаypal.com"
    assert check.warnings == (
        "The site's name has letters beyond plain ASCII; it is shown in its ASCII (punycode) "
        "form, xn--pypal-4ve.com, which stands for “pаypal.com”.",
        "Mixed scripts in the site's name: “pаypal” mixes Latin and Cyrillic letters "
        "(“а” (U+0430 CYRILLIC SMALL LETTER A)); it may imitate another site's name.",
    )


def test_the_fewer_letters_are_the_ones_named() -> None:
    (_, mixed) = check_link("https://аpple.com/").warnings
    assert "mixes Cyrillic and Latin letters (“а” (U+0430 CYRILLIC SMALL LETTER A))" in mixed


def test_a_name_only_of_look_alike_letters_is_flagged() -> None:
    (_, lookalike) = check_link("https://раура.com").warnings
    assert lookalike == (
        "The site's name part “раура” is written only in Cyrillic letters that look like "
        "Latin ones; it may imitate another site's name."
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://пример.рф/", "xn--e1afmkfd.xn--p1ai"),
        ("https://例え.テスト/", "xn--r8jz45g.xn--zckzah"),
        ("https://münchen.de", "xn--mnchen-3ya.de"),
    ],
)
def test_an_internationalised_name_in_one_script_is_only_shown_as_punycode(
    url: str, host: str
) -> None:
    check = check_link(url)
    assert check.host == host and check.shown.startswith(f"https://{host}")
    assert len(check.warnings) == 1 and "punycode" in check.warnings[0]


def test_percent_escapes_are_never_decoded() -> None:
    check = check_link("https://example.org/a%2Fb/%E2%80%AEfdp.exe?next=%2F%2Fevil.example#%41")
    assert check.shown == "https://example.org/a%2Fb/%E2%80%AEfdp.exe?next=%2F%2Fevil.example#%41"
    assert check.warnings == (
        "The address contains 1 hidden character (encoded in the address shown): "
        "⟨RLO⟩ U+202E RIGHT-TO-LEFT OVERRIDE.",
    )


def test_characters_outside_printable_ascii_are_encoded() -> None:
    check = check_link("https://example.org/Ü a\u202eb\u200b?q=é\t")
    assert check.shown == "https://example.org/%C3%9C%20a%E2%80%AEb%E2%80%8B?q=%C3%A9%09"
    assert check.shown.isascii()
    (hidden,) = check.warnings
    assert "⟨RLO⟩ U+202E RIGHT-TO-LEFT OVERRIDE" in hidden and "⟨ZWSP⟩" in hidden
    assert "2 hidden characters" in hidden  # a tab is not one


def test_a_user_name_before_the_host_is_pointed_out() -> None:
    check = check_link("https://paypal.com@evil.example/login")
    assert check.host == "evil.example"
    assert check.warnings == (
        "The part before “@” (paypal.com) is a user name, not the site: this link opens "
        "evil.example.",
    )
    # A backslash is encoded as browsers send it: the host is what follows the @.
    assert check_link("https://evil.example\\@paypal.com/").shown == (
        "https://evil.example%5C@paypal.com/"
    )


def test_ordinary_addresses_have_no_warnings() -> None:
    for url in (
        "https://example.org",
        "https://example.org:8443/path?q=1#frag",
        "http://[::1]:8080/a",
        "mailto:someone@example.org",
        "https://sub.example.co.uk/a-b_c~d",
    ):
        check = check_link(url)
        assert check.shown == url and check.warnings == (), url


def test_invalid_punycode_is_said() -> None:
    assert check_link("https://xn--zz.com").warnings == (
        "The site's name has a part that is not valid punycode.",
    )


def test_hidden_characters_in_a_host_are_marks() -> None:
    check = check_link("https://pa\u202eypal.com/")
    assert check.shown.isascii() and check.host.startswith("xn--")
    assert check.unicode_host == "pa⟨RLO⟩ypal.com"
    assert any("⟨RLO⟩ U+202E RIGHT-TO-LEFT OVERRIDE" in w for w in check.warnings)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("abc.:/@?#%[]-_~\\ 09")),
            st.sampled_from(["а", "ο", "\u202e", "\u200b", "é", "例", "\x00", "\U000e0041"]),
        ),
        max_size=60,
    )
)
def test_any_address_is_shown_in_printable_ascii(tail: str) -> None:
    for url in (f"https://{tail}", tail):
        check = check_link(url)
        assert check.shown.isascii() and check.shown.isprintable()
        for warning in check.warnings:
            assert "\u202e" not in warning and "\u200b" not in warning
