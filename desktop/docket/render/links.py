"""What the reviewer is told about a link before it opens: the address as it really is.

A link's text and its address can say different things, and an address can look like
another: ``https://pаypal.com`` has a Cyrillic "а"; percent-escapes (``%2F``,
``%E2%80%AE``) can hide what a path says; ``https://paypal.com@evil.example`` opens
evil.example. :func:`check_link` gives the address in its encoded form (host in its
ASCII, punycode form; percent-escapes kept as written; anything outside printable ASCII
percent-encoded) and says, in words, what deserves a second look: an internationalised
host, letters of several scripts in one part of the host, a part made only of letters
that imitate Latin ones, a user name before ``@``, and hidden characters (named as
marks, :mod:`docket.render.hidden`).

Scripts are approximated from character names (``CYRILLIC SMALL LETTER A`` is Cyrillic),
which is enough to tell Latin from Cyrillic, Greek, Armenian and the rest. Latin mixed
with Han, Hiragana, Katakana, Hangul or Bopomofo, as Japanese, Chinese and Korean names
are written, is not flagged (Unicode's "highly restrictive" profile, UTS #39).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, unquote

from docket.reasons import Listed, Reason
from docket.render.hidden import describe, find_hidden, mark_hidden_text

_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))
"""Kept as they are in the shown address (``%`` too: escapes are never decoded)."""

_CJK_SETS = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)
_NAME_SCRIPTS = {"CJK": "Han", "FULLWIDTH": "", "HALFWIDTH": ""}
"""First words of character names that are not the script's name (FULLWIDTH LATIN ...:
the script is the next word)."""

LATIN_LOOKALIKES = frozenset(
    "аеорсухіјѕһԁԛԝӏ"  # Cyrillic
    "αοινκρυχ"  # Greek
)
"""Non-Latin letters that look like Latin ones in common fonts (lower case: hosts are)."""


@dataclass(frozen=True)
class LinkCheck:
    """An address as the reviewer should see it, and what to point out about it."""

    shown: str
    """The whole address, ASCII only: host in punycode, percent-escapes as written."""
    host: str
    """The host as shown (ASCII, punycode where internationalised); "" if none."""
    unicode_host: str
    """The host with its punycode decoded, hidden characters as marks (for the warnings)."""
    warnings: tuple[str, ...]


def script_of(ch: str) -> str | None:
    """The script of a letter, from its name (``CYRILLIC SMALL LETTER A`` -> "Cyrillic");
    None for what is not a letter (digits, hyphens, marks)."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    words = unicodedata.name(ch, "").split()
    if not words:
        return None
    first = _NAME_SCRIPTS.get(words[0], words[0])
    if not first and len(words) > 1:
        first = words[1]
    return first.capitalize() if first != "Han" else "Han"


def scripts_of(label: str) -> list[str]:
    """The scripts of a label's letters, in order of first appearance."""
    seen: list[str] = []
    for ch in label:
        script = script_of(ch)
        if script and script not in seen:
            seen.append(script)
    return seen


def mixed_scripts(label: str) -> bool:
    """Letters of more than one script, other than the combinations CJK names use."""
    scripts = set(scripts_of(label))
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _CJK_SETS)


def _ascii_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return label.encode("idna").decode("ascii")
    except UnicodeError:  # not valid IDNA (a bidi control, say): plain punycode
        return "xn--" + label.encode("punycode").decode("ascii")


def _unicode_label(label: str) -> tuple[str, bool]:
    """The label with its punycode decoded, and whether that worked."""
    if not label.lower().startswith("xn--"):
        return label, True
    try:
        return label.encode("ascii").decode("idna"), True
    except UnicodeError:
        try:
            return label[4:].encode("ascii").decode("punycode"), True
        except UnicodeError:
            return label, False


def _split_netloc(netloc: str) -> tuple[str, str, str]:
    """``(userinfo, host, port)``: ``user@host:port`` (brackets kept on an IPv6 host)."""
    userinfo, _, hostport = netloc.rpartition("@")
    if hostport.startswith("["):
        host, _, rest = hostport.partition("]")
        return userinfo, host + "]", rest
    host, colon, port = hostport.partition(":")
    return userinfo, host, colon + port


def _encode(part: str) -> str:
    return quote(part, safe=_PRINTABLE)


def _letter(ch: str) -> str:
    return f"“{ch}” ({describe(ch)})"


def _pre_encode(url: str) -> str:
    """Spaces, controls and backslashes percent-encoded, as Qt and browsers send them, so
    that splitting the address cannot drop or reinterpret them."""
    return "".join(f"%{ord(c):02X}" if ord(c) <= 0x20 or c in "\\\x7f" else c for c in url)


def check_link(url: str) -> LinkCheck:
    """The address to show for ``url`` (an encoded form, such as Qt's
    ``QUrl.toString(QUrl.FullyEncoded)``, or as written) and the warnings about it."""
    encoded = _pre_encode(url)
    scheme, sep, rest = encoded.partition("://")
    if not sep or not scheme.isascii() or not scheme.replace("+", "").isalnum():
        return LinkCheck(_encode(encoded), "", "", tuple(_hidden_warnings(url)))
    ends = [i for i in (rest.find(c) for c in "/?#") if i >= 0]
    netloc, tail = rest[: min(ends, default=len(rest))], rest[min(ends, default=len(rest)) :]
    userinfo, host, port = _split_netloc(netloc)
    ascii_host = ".".join(_ascii_label(label) for label in host.split("."))
    decoded = [_unicode_label(label) for label in ascii_host.split(".")]
    unicode_host = mark_hidden_text(".".join(label for label, _ in decoded))
    warnings: list[str] = []
    if userinfo:
        warnings.append(
            Reason(
                "The part before “@” ({user}) is a user name, not the site: this link opens "
                "{host}.",
                user=_encode(userinfo),
                host=ascii_host,
            )
        )
    if not all(ok for _, ok in decoded):
        warnings.append(Reason("The site's name has a part that is not valid punycode."))
    elif host.lower() != ascii_host.lower() or unicode_host.lower() != ascii_host.lower():
        warnings.append(
            Reason(
                "The site's name has letters beyond plain ASCII; it is shown in its ASCII "
                "(punycode) form, {host}, which stands for “{name}”.",
                host=ascii_host,
                name=unicode_host,
            )
        )
    for label, _ in decoded:
        warnings.extend(_label_warnings(label))
    warnings.extend(_hidden_warnings(url))
    shown_netloc = (f"{_encode(userinfo)}@" if userinfo else "") + ascii_host + _encode(port)
    shown = f"{_encode(scheme)}://{shown_netloc}{_encode(tail)}"
    return LinkCheck(shown, ascii_host, unicode_host, tuple(warnings))


def _label_warnings(label: str) -> list[str]:
    scripts = scripts_of(label)
    if mixed_scripts(label):
        counts = Counter(script for script in map(script_of, label) if script)
        main = max(scripts, key=lambda script: (counts[script], script == "Latin"))
        others = sorted({ch for ch in label if script_of(ch) not in (None, main)})
        shown = ", ".join(_letter(ch) for ch in others[:4]) + (", …" if len(others) > 4 else "")
        return [
            Reason(
                "Mixed scripts in the site's name: “{label}” mixes {scripts} letters "
                "({letters}); it may imitate another site's name.",
                label=mark_hidden_text(label),
                scripts=Listed(scripts, " and "),
                letters=shown,
            )
        ]
    letters = [ch for ch in label if script_of(ch)]
    if scripts and scripts != ["Latin"] and letters and set(letters) <= LATIN_LOOKALIKES:
        return [
            Reason(
                "The site's name part “{label}” is written only in {script} letters that "
                "look like Latin ones; it may imitate another site's name.",
                label=mark_hidden_text(label),
                script=scripts[0],
            )
        ]
    return []


def _hidden_warnings(url: str) -> list[str]:
    """Hidden characters in the address, written raw or percent-encoded."""
    found = find_hidden(unquote(url, errors="replace"))
    if not found:
        return []
    names = []
    for hidden in found:
        text = f"⟨{hidden.short}⟩ {describe(hidden.text[0])}"
        if text not in names:
            names.append(text)
    return [
        Reason(
            "The address contains {n} hidden character (encoded in the address shown): {names}."
            if len(found) == 1
            else "The address contains {n} hidden characters (encoded in the address shown): "
            "{names}.",
            n=len(found),
            names=", ".join(names[:6]) + (", …" if len(names) > 6 else ""),
        )
    ]
