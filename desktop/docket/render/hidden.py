"""Hidden and misleading characters: the one definition, and how they are made visible.

Text can display differently from what it is. Bidirectional controls reorder what
follows them (``"\\u202e01\\u202c mg"`` displays as "10 mg"; in code, a comment can
display where a string really is: "Trojan Source"), zero-width and other invisible
characters hide content or split words, and Unicode tag characters carry whole hidden
sentences. Every such character is shown as a visible mark instead: a short token
(``⟨RLO⟩``, ``⟨ZWSP⟩``, ``⟨U+2061⟩``; a run of tag characters as the text it spells,
``⟨tags: "…"⟩``) in its own colours, whose tooltip names the character. The character
itself is never emitted, so it has no effect on the display.

The set (:data:`HIDDEN_RANGES`, checked against ``unicodedata`` by the tests):

- every format character (general category Cf) except the prepended concatenation
  marks, which are visible signs (U+0600-0605, U+06DD, U+070F, U+0890-0891, U+08E2,
  U+110BD, U+110CD): bidi controls, zero-width characters, soft hyphen, invisible
  operators, tags, interlinear annotation, Egyptian, shorthand and musical format controls;
- control characters (Cc) other than tab, line feed and carriage return;
- the line and paragraph separators (U+2028, U+2029: Qt breaks the line, the text does not);
- other invisible characters: the combining grapheme joiner, the Hangul fillers, the
  Khmer inherent vowels, variation selectors (U+FE00-FE0F, U+E0100-E01EF and the
  Mongolian free variation selectors), the object replacement character (U+FFFC, Qt's
  placeholder for embedded objects), noncharacters (Qt uses U+FDD0/FDD1 inside its
  documents) and lone surrogates.

Some of these are part of ordinary text in the right place, and are left as they are
there (:func:`_in_place`): a zero-width joiner inside an emoji sequence (👩‍💻), a
zero-width (non-)joiner between two letters of a script whose letters join (Arabic,
Persian, the Indic scripts), one variation selector after a symbol, keycap base or CJK
ideograph (❤️, 1️⃣), and the tag sequences of the three subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
Anywhere else they are marked, like the rest.

No Qt here; checking a text that has none of these characters is one regular-expression
search.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from types import MappingProxyType

from docket.reasons import Listed, Reason, template
from docket.render.theme import Theme

BIDI_CONTROLS = frozenset((0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
ZERO_WIDTH = frozenset((0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))
VARIATION_SELECTORS = frozenset(
    (*range(0x180B, 0x180E), 0x180F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))
)
TAGS = range(0xE0000, 0xE0080)
SEPARATORS = frozenset((0x2028, 0x2029))

HIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    # control characters, but tab, line feed and carriage return
    (0x0000, 0x0008),
    (0x000B, 0x000C),
    (0x000E, 0x001F),
    (0x007F, 0x009F),
    # format characters (Cf), but the prepended concatenation marks
    (0x00AD, 0x00AD),
    (0x061C, 0x061C),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),
    # line and paragraph separators
    (0x2028, 0x2029),
    # invisible, though not Cf
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180D),  # Mongolian free variation selectors
    (0x180F, 0x180F),
    (0x3164, 0x3164),  # Hangul filler
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xE0100, 0xE01EF),
    (0xFFFC, 0xFFFC),  # object replacement character
    # noncharacters and surrogates
    (0xFDD0, 0xFDEF),
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
    (0xD800, 0xDFFF),
)

SHORT_NAMES: dict[int, str] = {
    0x00AD: "SHY",
    0x034F: "CGJ",
    0x061C: "ALM",
    0x180E: "MVS",
    0x200B: "ZWSP",
    0x200C: "ZWNJ",
    0x200D: "ZWJ",
    0x200E: "LRM",
    0x200F: "RLM",
    0x2028: "LSEP",
    0x2029: "PSEP",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2060: "WJ",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "BOM",
    0xFFFC: "OBJ",
}
_C0: tuple[tuple[str, str], ...] = (
    # (short name, name) of U+0000-001F, which have no name in unicodedata
    ("NUL", "NULL"),
    ("SOH", "START OF HEADING"),
    ("STX", "START OF TEXT"),
    ("ETX", "END OF TEXT"),
    ("EOT", "END OF TRANSMISSION"),
    ("ENQ", "ENQUIRY"),
    ("ACK", "ACKNOWLEDGE"),
    ("BEL", "BELL"),
    ("BS", "BACKSPACE"),
    ("HT", "CHARACTER TABULATION"),
    ("LF", "LINE FEED"),
    ("VT", "LINE TABULATION"),
    ("FF", "FORM FEED"),
    ("CR", "CARRIAGE RETURN"),
    ("SO", "SHIFT OUT"),
    ("SI", "SHIFT IN"),
    ("DLE", "DATA LINK ESCAPE"),
    ("DC1", "DEVICE CONTROL ONE"),
    ("DC2", "DEVICE CONTROL TWO"),
    ("DC3", "DEVICE CONTROL THREE"),
    ("DC4", "DEVICE CONTROL FOUR"),
    ("NAK", "NEGATIVE ACKNOWLEDGE"),
    ("SYN", "SYNCHRONOUS IDLE"),
    ("ETB", "END OF TRANSMISSION BLOCK"),
    ("CAN", "CANCEL"),
    ("EM", "END OF MEDIUM"),
    ("SUB", "SUBSTITUTE"),
    ("ESC", "ESCAPE"),
    ("FS", "INFORMATION SEPARATOR FOUR"),
    ("GS", "INFORMATION SEPARATOR THREE"),
    ("RS", "INFORMATION SEPARATOR TWO"),
    ("US", "INFORMATION SEPARATOR ONE"),
)

KINDS = (
    "bidirectional control",
    "zero-width character",
    "tag character",
    "variation selector",
    "control character",
    "line or paragraph separator",
    "invisible character",
)
"""The kinds a notice counts, in the order it names them."""

_FLAG_TAGS = frozenset(("gbeng", "gbsct", "gbwls"))
"""Tag sequences of the subdivision flags Unicode recommends (England, Scotland, Wales)."""
_JOINING = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Thaana, N'Ko and their supplements
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB50, 0xFDFF),  # Arabic presentation forms
    (0xFE70, 0xFEFE),
)


def _class(ranges: Sequence[tuple[int, int]]) -> str:
    parts = []
    for low, high in ranges:
        a, b = re.escape(chr(low)), re.escape(chr(high))
        parts.append(a if low == high else f"{a}-{b}")
    return "".join(parts)


_ASTRAL = frozenset(
    cp for low, high in HIDDEN_RANGES if low >= 0x10000 for cp in range(low, high + 1)
)
_CANDIDATE = re.compile(
    f"[{_class([r for r in HIDDEN_RANGES if r[1] < 0x10000])}{_class([(0x10000, 0x10FFFF)])}]"
)
"""A hidden character of the BMP, or any character beyond it (checked against
:data:`_ASTRAL`: a regular expression's test of many ranges beyond the BMP is slow)."""


def is_hidden(ch: str) -> bool:
    """Whether the character is in the set (wherever it stands)."""
    return ord(ch) in _ASTRAL if ord(ch) >= 0x10000 else _CANDIDATE.match(ch) is not None


_PRINTABLE_HIDDEN = tuple(
    chr(cp)
    for low, high in HIDDEN_RANGES
    if high < 0x10000
    for cp in range(low, high + 1)
    if chr(cp).isprintable()
)
"""The hidden characters of the BMP that ``str.isprintable`` accepts (marks, fillers)."""
_ASTRAL_PRINTABLE_HIDDEN = re.compile(
    "[" + _class([(a, b) for a, b in HIDDEN_RANGES if a >= 0x10000 and chr(a).isprintable()]) + "]"
)
"""Those beyond it (the variation selectors U+E0100-E01EF)."""


def _may_hide(text: str) -> bool:
    """False when ``text`` certainly holds no hidden character. String methods that run
    at C speed decide almost every text, so that a clean text costs microseconds: a
    hidden character is either not printable (control, format, separator, surrogate or
    noncharacter: ``str.isprintable`` finds it), or one of the few printable ones."""
    if not text.replace("\n", " ").replace("\t", " ").replace("\r", " ").isprintable():
        return True
    if text.isascii():
        return False
    if any(ch in text for ch in _PRINTABLE_HIDDEN):
        return True
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # nothing beyond the BMP
        return False
    return _ASTRAL_PRINTABLE_HIDDEN.search(text) is not None


@dataclass(frozen=True, slots=True)
class Hidden:
    """Hidden characters at ``text[start:end]``: one character, a run of the same one, or
    a run of tags spelling text."""

    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        return kind_of(self.text[0])

    @property
    def short(self) -> str:
        """The token shown in place of the characters, without the brackets."""
        spelled = _spelled_by_tags(self.text)
        if spelled is not None:
            return f'tags: "{spelled}"'
        name = short_name(self.text[0])
        return name if len(self.text) == 1 else f"{name}×{len(self.text)}"

    @property
    def title(self) -> str:
        """What the tooltip says: code point and name, and that it is hidden (in the
        words of :data:`TITLES`)."""
        if len(self.text) == 1:
            return TITLES["one"].format(name=describe(self.text))
        if _spelled_by_tags(self.text) is None:
            return TITLES["run"].format(count=len(self.text), name=describe(self.text[0]))
        return TITLES["tags"].format(count=len(self.text), start=f"U+{ord(self.text[0]):04X}")


ENGLISH_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "one": "{name} (hidden character)",
        "run": "{count} × {name} (hidden characters)",
        "tags": "{count} TAG characters from {start}, spelling hidden text (hidden characters)",
    }
)
"""The words of a mark's tooltip: ``name`` is the code point and Unicode name
(``U+202E RIGHT-TO-LEFT OVERRIDE``, the standard's own, in every language), ``count`` how
many, ``start`` the first code point."""

TITLES: dict[str, str] = dict(ENGLISH_TITLES)
"""The words in use: English, or the interface's language (:func:`use_titles`)."""


def use_titles(titles: Mapping[str, str] | None) -> None:
    """Word the marks' tooltips from now on with ``titles`` (the same keys and fields as
    :data:`ENGLISH_TITLES`), or in English with None. The interface calls it when it sets
    its language, before anything is rendered."""
    given = dict(titles or {})
    if given and given.keys() != ENGLISH_TITLES.keys():
        raise ValueError(f"hidden-character titles need the keys {sorted(ENGLISH_TITLES)}")
    TITLES.clear()
    for key, english in ENGLISH_TITLES.items():
        words = given.get(key, english)
        try:  # a translation that names a field the title does not have: English
            words.format(name="", count=0, start="")
        except (KeyError, IndexError, ValueError):
            words = english
        TITLES[key] = words


def char_name(ch: str) -> str:
    """The character's Unicode name, or what it is when it has none."""
    cp = ord(ch)
    name = unicodedata.name(ch, "")
    if name:
        return name
    if cp < 0x20:
        return _C0[cp][1]
    if cp == 0x7F:
        return "DELETE"
    if 0x80 <= cp <= 0x9F:
        return "CONTROL CHARACTER"
    if 0xD800 <= cp <= 0xDFFF:
        return "SURROGATE (not a character)"
    if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE:
        return "NONCHARACTER"
    return "UNASSIGNED"


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {char_name(ch)}"


def short_name(ch: str) -> str:
    """``RLO``, ``VS16``, ``ESC``, or ``U+2061`` for a character with no usual short name."""
    cp = ord(ch)
    if cp in SHORT_NAMES:
        return SHORT_NAMES[cp]
    if cp < 0x20:
        return _C0[cp][0]
    if cp == 0x7F:
        return "DEL"
    if 0xFE00 <= cp <= 0xFE0F:
        return f"VS{cp - 0xFE00 + 1}"
    if 0xE0100 <= cp <= 0xE01EF:
        return f"VS{cp - 0xE0100 + 17}"
    return f"U+{cp:04X}"


def kind_of(ch: str) -> str:
    cp = ord(ch)
    if cp in BIDI_CONTROLS:
        return "bidirectional control"
    if cp in ZERO_WIDTH:
        return "zero-width character"
    if cp in TAGS:
        return "tag character"
    if cp in VARIATION_SELECTORS:
        return "variation selector"
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return "control character"
    if cp in SEPARATORS:
        return "line or paragraph separator"
    return "invisible character"


def _spelled_by_tags(run: str) -> str | None:
    """The ASCII text a run of two or more tag characters spells (U+E0020-E007E map to
    U+0020-007E), else None."""
    if len(run) < 2 or not all(0xE0020 <= ord(c) <= 0xE007E for c in run):
        return None
    return "".join(chr(ord(c) - 0xE0000) for c in run)


def _joins(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch)[0] in "LM" and any(a <= cp <= b for a, b in _JOINING)


def _pictograph_before(text: str, i: int) -> bool:
    """An emoji ends at ``text[i - 1]`` (allowing one VS16 or skin-tone modifier after it)."""
    j = i - 1
    if j >= 0 and (text[j] == "\ufe0f" or 0x1F3FB <= ord(text[j]) <= 0x1F3FF):
        j -= 1
    return j >= 0 and unicodedata.category(text[j]) == "So"


def _in_place(text: str, i: int, end: int) -> bool:
    """Whether ``text[i:end]`` (one character, or a run of tags) is ordinary text where it
    stands (see the module docstring)."""
    cp = ord(text[i])
    before = text[i - 1] if i > 0 else ""
    after = text[end] if end < len(text) else ""
    if (
        cp == 0x200D
        and after
        and unicodedata.category(after) == "So"
        and _pictograph_before(text, i)
    ):
        return True
    if cp in (0x200C, 0x200D):
        return bool(before and after) and _joins(before) and _joins(after)
    if cp in TAGS:
        return (
            before == "\U0001f3f4"
            and text[end - 1] == "\U000e007f"
            and _spelled_by_tags(text[i : end - 1]) in _FLAG_TAGS
        )
    if cp in VARIATION_SELECTORS and before and not is_hidden(before):
        category = unicodedata.category(before)
        if 0xFE00 <= cp <= 0xFE0F and (
            (category[0] == "S" and not before.isascii())
            or before in "0123456789#*"
            or (category[0] == "P" and 0x2000 <= ord(before) <= 0x2BFF)
        ):
            return True
        if cp not in (0xFE0E, 0xFE0F) and unicodedata.name(before, "").startswith("CJK "):
            return True
        return 0x180B <= cp <= 0x180F and 0x1820 <= ord(before) <= 0x18AF and category == "Lo"
    return False


_RUN = re.compile(r"(.)\1*", re.DOTALL)
_TAG_RUN = re.compile(f"[{_class([(TAGS.start, TAGS.stop - 1)])}]+")


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the set's characters in ``text``, in or out of place: a run of tag
    characters, or a run of one other character repeated."""
    search = _CANDIDATE.search
    at = 0
    while (match := search(text, at)) is not None:
        i = match.start()
        cp = ord(text[i])
        if cp >= 0x10000 and cp not in _ASTRAL:
            at = i + 1
            continue
        run = _TAG_RUN if cp in TAGS else _RUN
        end = run.match(text, i).end()  # type: ignore[union-attr]
        yield i, end
        at = end


MAX_MARKS = 2_000
"""Marks made one by one in a text, each with its context checked, its colours and its
tooltip. A hostile text of hidden characters could hold a hundred times more: past this
many, the rest of the text has every character of the set replaced by its bare token in
one pass (``str.translate``), so that it costs what ordinary text costs."""


def find_hidden(text: str, limit: int | None = None) -> list[Hidden]:
    """Every hidden character that is not in its place, in order; a run of the same
    character is one, and so is a run of tag characters spelling text. With ``limit``,
    the first ``limit`` of them."""
    found: list[Hidden] = []
    if not _may_hide(text):
        return found
    for i, end in _candidates(text):
        if limit is not None and len(found) >= limit:
            break
        if ord(text[i]) in TAGS:
            if not _in_place(text, i, end):
                found.extend(islice(_split(text, i, end), limit and limit - len(found)))
            continue
        # In a run of one character, only the first can be in its place: none of the
        # set is in place after another of its kind.
        if _in_place(text, i, i + 1):
            i += 1
        if i < end:
            found.append(Hidden(i, end, text[i:end]))
    return found if limit is None else found[:limit]


def _split(text: str, i: int, end: int) -> Iterator[Hidden]:
    """A run of tags spelling text is one mark; other tags and characters one mark each."""
    run = text[i:end]
    if len(run) == 1 or _spelled_by_tags(run) is not None:
        yield Hidden(i, end, run)
        return
    for piece in re.finditer("[\U000e0020-\U000e007e]{2,}|.", run, re.DOTALL):
        yield Hidden(i + piece.start(), i + piece.end(), piece.group())


def contains_hidden(text: str) -> bool:
    """Whether :func:`find_hidden` would find anything (for nearly every text that has
    none, a few string methods tell)."""
    return _may_hide(text) and any(not _in_place(text, i, e) for i, e in _candidates(text))


def count_hidden(text: str) -> Counter[str]:
    """Hidden characters by kind (a run of tags counts each character)."""
    counts: Counter[str] = Counter()
    for hidden in find_hidden(text):
        counts[hidden.kind] += len(hidden.text)
    return counts


@cache
def _bare_tokens() -> dict[int, str]:
    """Every character of the set -> its bare token, for ``str.translate``."""
    return {
        cp: f"⟨{short_name(chr(cp))}⟩" for low, high in HIDDEN_RANGES for cp in range(low, high + 1)
    }


def _marked(text: str, mark: Callable[[Hidden], str]) -> str:
    """``text`` with each hidden character replaced by ``mark(hidden)``; past
    :data:`MAX_MARKS`, by its bare token."""
    found = find_hidden(text, MAX_MARKS)
    if not found:
        return text
    out: list[str] = []
    at = 0
    for hidden in found:
        out.append(text[at : hidden.start])
        out.append(mark(hidden))
        at = hidden.end
    rest = text[at:]
    out.append(rest.translate(_bare_tokens()) if len(found) == MAX_MARKS else rest)
    return "".join(out)


def mark_hidden_text(text: str) -> str:
    """Plain text with each hidden character replaced by its token, ``⟨RLO⟩``: for
    tooltips, dialogs and anywhere else that is not rich text."""
    return _marked(text, lambda h: f"⟨{h.short}⟩")


def mark_html(hidden: Hidden, theme: Theme) -> str:
    """The mark for rich text: the token in the theme's colours, named in its tooltip."""
    return (
        f'<span style="color: {theme.hidden_text}; background-color: {theme.hidden_background}"'
        f' title="{html.escape(hidden.title)}">⟨{html.escape(hidden.short)}⟩</span>'
    )


_TAG = re.compile(r"<[^>]*>")


def mark_hidden_html(markup: str, theme: Theme) -> str:
    """HTML that Docket generated, with every hidden character in its text made a mark,
    and any in a tag (a link's address) written as a character reference: the character
    itself is never left in the output. The HTML must have its text escaped (so ``<``
    only opens tags), which every renderer here ensures. (Past :data:`MAX_MARKS`, the
    bare tokens replace the characters in tags too.)"""
    tags = iter(_TAG.finditer(markup))
    tag = next(tags, None)

    def mark(hidden: Hidden) -> str:
        nonlocal tag
        while tag is not None and tag.end() <= hidden.start:
            tag = next(tags, None)
        if tag is not None and tag.start() < hidden.start:
            return "".join(f"&#x{ord(c):X};" for c in hidden.text)
        return mark_html(hidden, theme)

    return _marked(markup, mark) if _may_hide(markup) else markup


def plain_text_html(text: str, theme: Theme) -> str:
    """Text exactly as written (lines, spaces), as rich text with hidden characters
    marked: the raw view of a response that has any."""
    body = mark_hidden_html(html.escape(text, quote=False), theme)
    return (
        f'<p style="white-space: pre-wrap; margin-top: 0px; margin-bottom: 0px; '
        f'color: {theme.text}">{body}</p>'
    )


_KIND_WORDS = {
    # kind -> (one, more): the notice's words for a count of that kind
    "bidirectional control": (
        template("{n} bidirectional control"),
        template("{n:,} bidirectional controls"),
    ),
    "zero-width character": (
        template("{n} zero-width character"),
        template("{n:,} zero-width characters"),
    ),
    "tag character": (template("{n} tag character"), template("{n:,} tag characters")),
    "variation selector": (
        template("{n} variation selector"),
        template("{n:,} variation selectors"),
    ),
    "control character": (
        template("{n} control character"),
        template("{n:,} control characters"),
    ),
    "line or paragraph separator": (
        template("{n} line or paragraph separator"),
        template("{n:,} line or paragraph separators"),
    ),
    "invisible character": (
        template("{n} invisible character"),
        template("{n:,} invisible characters"),
    ),
}


def _plural(n: int, kind: str) -> Reason:
    one, more = _KIND_WORDS[kind]
    return Reason(one if n == 1 else more, n=n)


def hidden_notice(places: Sequence[tuple[str, str]]) -> str | None:
    """One sentence saying how many hidden characters the texts hold, of which kinds and
    where, or None when there are none. ``places`` pairs a place's name ("the prompt",
    "Response B") with its text; a name may come more than once (turns of a conversation).
    A :class:`~docket.reasons.Reason`, for an interface to translate."""
    total: Counter[str] = Counter()
    where: list[str] = []
    example = ""
    more = False
    for name, text in places:
        found = find_hidden(text, MAX_MARKS)
        if not found:
            continue
        more = more or len(found) == MAX_MARKS
        if name not in where:
            where.append(name)
        example = example or f"⟨{found[0].short}⟩"
        for hidden in found:
            total[hidden.kind] += len(hidden.text)
    if not total:
        return None
    n = sum(total.values())
    kinds = Listed((_plural(total[k], k) for k in KINDS if total[k]), ", ")
    places_text: str = (
        where[0]
        if len(where) == 1
        else Reason("{first} and {last}", first=Listed(where[:-1], ", "), last=where[-1])
    )
    if more:
        sentence = template(
            "⚠ At least {count} hidden characters in {places} ({kinds}), shown as marks such "
            "as {example}."
        )
    elif n == 1:
        sentence = template(
            "⚠ {count} hidden character in {places} ({kinds}), shown as marks such as {example}."
        )
    else:
        sentence = template(
            "⚠ {count} hidden characters in {places} ({kinds}), shown as marks such as {example}."
        )
    return Reason(sentence, count=f"{n:,}", places=places_text, kinds=kinds, example=example)


HIDDEN_EXPLANATION = template(
    "Hidden characters can make text display differently from what it is: bidirectional "
    "controls reorder it (“01” shown as “10”; in code, a comment where a string really "
    "is), zero-width and tag characters hide words or whole sentences. Docket shows each "
    "as a marked token in place of the character; hover over a mark for its name."
)
"""What a notice's tooltip says."""
