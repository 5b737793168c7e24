"""Person names, street addresses and places, by context and capitalisation.

No statistical model: none that fits the package budget can be installed offline (the
README's "Finding PII" says what was measured). The rules, from surest to least sure:

- a name after a title (``Dr.``, ``Mrs.``) or a cue (``my name is``, ``Dear``,
  ``patient``, ``says``, ``directed by``), before one (``'s``, ``lives``, ``said``), or a
  dialogue's speaker (``Nicole: ...``);
- two to four capitalised words in a row, none of them a common capitalised word
  (:data:`COMMON_CAPITALISED`) nor written in lower case elsewhere in the text, not a
  heading, not followed by a street type or a number: a likely name, lower confidence
  (these are what reviewers dismiss most). A single capitalised word that opens a sentence
  is a name only when what follows says so;
- a street address: a house number and street words ending in a street type (``742
  Evergreen Terrace``), a European street and its number (``Koskikatu 25``, ``Rua do
  Arenque 1634``), apartment and suite lines, PO and military boxes, and the rest of the
  line after ``address:`` or ``lives at``; every address rule starts from a number;
- a place: a capitalised word (or one in capitals) after ``from``, ``in``, ``to``..., and
  the town line of an address block.

Every pattern opens with a character class or a plain character (no look-behind, which
makes the regex engine try every position), repetition is bounded, and what comes before
a match is looked at a bounded distance back: the rules are linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

UP = "A-ZÀ-ÖØ-ÞĀ-ŽΆ-ΏΑ-ΩА-ЯЁ"
LOW = "a-zß-öø-ÿā-žά-ώα-ωа-яё"
LETTER = UP + LOW
_CAP_WORD = rf"[{UP}][{LOW}'’]*(?:-[{UP}][{LOW}]+)?[{LOW}]"
"""A capitalised word of two or more letters (``O'Neil``, ``Jean-Luc``, ``Szöllösy``)."""
_NAME_PART = rf"(?:{_CAP_WORD}|[{UP}]\.)"

_COMMON_WORDS = """
    I'm I'll I've I'd Now Then User Bot Assistant Human System Customer Agent Speaker
    Corporation Incorporated Technologies Technology Solutions Partners Agency Holdings
    Investments Associates Services Industries Enterprises Foundation Labs Group Ltd.
    I A An The This That These Those There Here It Its We You He She They My Your His Her
    Our Their Me Us Them Who What When Where Why How Which If Then So But And Or Not No Yes
    Of In On At To For From By With As Is Are Was Were Be Been Do Does Did Have Has Had Will
    Would Can Could Should May Might Must Shall All Any Some Each Every Both Many Most More
    Less One Two Three Four Five Six Seven Eight Nine Ten First Second Third Next Last Final
    New Old Good Great Best Other Another Such Same Also Just Only Even Still Very Please
    Thank Thanks Hello Hi Dear Hey Yours Sincerely Regards Best Kind Warm Cheers Welcome
    Sorry Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April June July August September October November December Today Tomorrow Yesterday Mr
    Mrs Ms Dr Prof Miss Sir Madam St Street Road Avenue Lane Drive Suite Apt Unit Box Step
    Steps Note Notes Example Examples Answer Question Questions Summary Conclusion
    Introduction Overview Background Introduction Ingredients Instructions Title Chapter
    Section Part Table Figure Appendix Item List Option Options Tip Tips Benefit Benefits
    Pros Cons Advantages Disadvantages Key Points Point Use Using Make Create Add Remove
    Start End Keep Take Get Set Let Try Ask Check Consider Remember Avoid Choose Find Look
    Read Write Learn Plan Practice Research Review Identify Develop Define Determine Explain
    Provide Include Increase Reduce Improve Maintain Understand Focus Build Share Stay Work
    Time Day Week Month Year Morning Evening Night Home Work Life World Health Care Data
    Team Company Business Customer Service Product Market Marketing Sales Management Project
    Public Private Social Media Online Internet Email Phone Website Web App Apps Software
    System Systems Computer Science Technology Engineering Research Education School
    University College Institute Department Center Centre Office Hospital Clinic Medical
    Patient Doctor Nurse Treatment Therapy Disease Cancer Heart Blood Brain Pain Diet
    Exercise Sleep Stress Mental Physical Emotional Human Natural National International
    Global Local Federal State States United Kingdom Republic Union European American
    English French German Spanish Italian Chinese Japanese Russian Indian African Asian
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Python Java JavaScript SQL HTML CSS API JSON Linux Windows Google Microsoft Apple Amazon
    Facebook Twitter Instagram YouTube Netflix Excel Word PowerPoint Wikipedia ChatGPT AI
    God Christmas Easter Halloween Thanksgiving Earth Sun Moon Mars Water Fire Air Food Film
    Movie Music Song Songs Book Books Story Game Games Art Love War Peace Power King Queen
    President Minister Senator Governor Mayor General Captain Lord Lady Saint Holy Black
    White Red Blue Green Yellow Orange Purple Pink Brown Gray Grey Gold Silver Happy Merry
    Birthday Anniversary Congratulations Goodbye Okay Ok Yes Oh Well Wow Instead Overall
    However Therefore Finally Additionally Furthermore Moreover Meanwhile Because Although
    Though While After Before During Since Until Unless Whether Without Within About Above
    Across Against Along Among Around Behind Below Beneath Beside Between Beyond Inside Into
    Near Outside Over Through Throughout Toward Towards Under Upon Like Unlike Per Via Vs
    Etc Ie Eg Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Ltd Inc Corp Co LLC PLC GmbH Orchestra Band Club Church Park River Lake Mountain Island
    Bay Beach Hotel Restaurant Cafe Bank Museum Library Airport Station Bridge Tower Castle
    Hall Court Square Building Mall Store Shop Market Hills Valley Forest Ocean Sea Desert
    Festival Award Awards Prize Cup League Championship Olympic Olympics Times Post Journal
    News Magazine Review Weekly Daily Press Radio TV Male Female Man Woman Men Women Boy
    Girl Child Children Baby Family Mother Father Mom Dad Sister Brother Son Daughter Wife
    Husband Friend Friends Person People Name Names Address Number Account Card Code
    Password Information Info Details Contact Personal Fax Mobile Desk Tel Phone Date Birth
    Born Age Gender Email Website Location City Country Zip Postal Region Province County
    District Town Village Directed Written Produced Starring Genre Drama Comedy Action
    Horror Thriller Mystery Suspense Romance Documentary Animation Fantasy Adventure Western
    Crime Fiction Nonfiction Poetry Novel Entertainment Billing Shipping
"""
COMMON_CAPITALISED = frozenset(_COMMON_WORDS.split())
"""Capitalised words that are seldom names: a word of these makes a capitalised run
not a name by itself (chosen by hand from English; never from the evaluation data's
generator)."""

_RUN = re.compile(rf"{_CAP_WORD}(?:[ ]{_NAME_PART}){{0,3}}")
"""One to four capitalised words (or initials) in a row: every name candidate. The
pattern starts with a character class and has no look-behind, so the regex engine skips
quickly to the next capital; the word boundary before it is checked in Python."""

_TITLES = tuple(
    f" {title}{dot}"
    for title in (
        "dr", "mr", "mrs", "ms", "mx", "prof", "miss", "sir", "madam", "mme", "mlle", "herr",
        "frau", "sr", "sra", "rev", "capt", "sgt",
    )
    for dot in ("", ".")
)  # fmt: skip
_CUES = tuple(
    f" {c}"
    for c in (
        "my name is", "my name's", "call me", "name", "name is", "named", "called", "dear",
        "hi", "hello", "signed", "sincerely", "regards", "patient", "pt", "pt.", "mother",
        "father", "wife", "husband", "son", "daughter", "attn", "attention", "user",
        "surname", "last name", "last name?", "first name", "first name?", "full name",
        "name on the account?", "i am", "i'm", "this is", "mom", "dad", "uncle", "aunt",
        "nephew", "niece", "grandson", "granddaughter", "friend", "colleague", "doctor",
        "says", "said", "asked", "according to", "directed by", "starring", "written by",
        "shouted at", "calls me", "my kid", "my child", "my son", "my daughter", "speak to",
        "talk to", "follow up with", "under",
    )
)  # fmt: skip
_PLACE_CUES = tuple(
    f" {c}"
    for c in (
        "from", "in", "to", "near", "visit", "visiting", "travelling to", "traveling to",
        "based in", "city of", "town of", "where", "city", "town", "moved to",
    )
)  # fmt: skip


def _tail(text: str, start: int) -> str:
    """What stands before ``start``, lower case, trailing spaces, ``:`` and ``,``
    dropped, with a leading space (so that ``endswith(" cue")`` is a whole-word
    test done in C)."""
    return " " + text[max(0, start - 40) : start].lower().rstrip(" \t\n:,")


_STREET_AFTER_RUN = re.compile(
    r"[ ](?i:street|st|road|rd|avenue|ave|lane|drive|boulevard|way|square|place|court)\b|[ ]\d"
)
"""What follows a capitalised run that names a street or a thing, not a person (``Marina
Fort Street``, ``Rua João Pessoa 1636``)."""
_AFTER = re.compile(
    r"(?:'s?\b|’s?\b|[ ](?:lives|lived|was born|is a patient|said|says|wrote|emailed|"
    r"shouted|replied|answered|whispered|smiled|laughed|nodded|"
    r"listed|visited|died|married|told|asked|is my|has been|will be|and i|and his|"
    r"and her|was admitted|was diagnosed|presented|reports|reported|complains))"
)
_HEADING_LINE = re.compile(r"[ \t]*(?:#{1,6}[ ]|\*\*|__|\d+\.[ ]|[-*+][ ]\*\*)")
_LOWER_WORDS = re.compile(rf"(?<![{LETTER}])[{LOW}]{{2,}}")


def _common(word: str) -> bool:
    return word in COMMON_CAPITALISED or word.capitalize() in COMMON_CAPITALISED


def _strip_common(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading and trailing common words; None when nothing is left."""
    words = text[start:end].split(" ")
    lead = 0
    while lead < len(words) and _common(words[lead].rstrip(".")):
        start += len(words[lead]) + 1
        lead += 1
    words = words[lead:]
    while words and (_common(words[-1].rstrip(".")) or len(words[-1].rstrip(".")) < 2):
        end -= len(words[-1]) + 1
        words.pop()
    if not words or start >= end:
        return None
    return start, end


LINE_LOOK = 120
"""How far :func:`_line_of` looks along a line (bounded, so that a text of one long line
costs no more than one of many)."""


def _line_of(text: str, start: int, end: int) -> tuple[str, str]:
    """What stands before ``start`` and after ``end`` on their line, at most
    :data:`LINE_LOOK` characters each way (then prefixed or followed by ``…``)."""
    floor = max(0, start - LINE_LOOK)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    before = text[line_start:start]
    if line_start == floor and floor > 0 and text[floor - 1] != "\n":
        before = "…" + before
    ceiling = min(len(text), end + LINE_LOOK)
    line_end = text.find("\n", end, ceiling)
    after = text[end : ceiling if line_end == -1 else line_end]
    if line_end == -1 and ceiling < len(text):
        after += "…"
    return before, after


_CAPITALS_RUN = re.compile(rf"[{UP}]{{3,}}(?:[ -][{UP}]{{2,}}){{0,2}}")
"""A place written in capitals (``STAVANGER``, ``UPTON SCUDAMORE``): a place only after
a place cue, since most such runs are acronyms."""


def find_places_in_capitals(text: str) -> Iterator[tuple[int, int, float]]:
    """Places written in capitals after ``in``, ``from``, ``to``..., as ``(start, end,
    confidence)``."""
    for m in _CAPITALS_RUN.finditer(text):
        start, end = m.span()
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        if m.group() in COMMON_CAPITALISED or not _tail(text, start).endswith(_PLACE_CUES):
            continue
        yield (start, end, 0.5)


_CONTRACTION = re.compile(r"['’](?:s|re|ll|ve|d|m|t)$")
_SENTENCE_END = frozenset(".!?:;\n*-#>|")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a list item (and is not
    after a title: ``Dr. Watson``)."""
    if start == 0:
        return True
    before = text[start - 1]
    if before in "\n\t#*>|":
        return True
    if before != " " or start < 2 or text[start - 2] not in _SENTENCE_END:
        return False
    return text[start - 2] != "." or not _tail(text, start).endswith(_TITLES)


def _is_speaker(text: str, start: int, end: int) -> bool:
    """``Nicole: Remember me?`` at the start of a line: a speaker in a dialogue."""
    if text[end : end + 2] != ": ":
        return False
    line_before, _ = _line_of(text, start, end)
    return not line_before.strip(" \t>")


def find_names_and_places(
    text: str,
) -> Iterator[tuple[str, int, int, float]]:
    """Person names and places as ``(type, start, end, confidence)``, from one pass over
    the capitalised runs of ``text``."""
    lowercase: set[str] | None = None
    common = COMMON_CAPITALISED  # locals: this loop runs for every capitalised word
    after = _AFTER.match
    size = len(text)
    for m in _RUN.finditer(text):
        run = m.group()
        if run in common:
            continue  # the most frequent run by far: "The", "This", "However"
        start, end = m.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "'’-_.@/"):
            continue
        if end < size and (text[end].isalnum() or text[end] in "_@"):
            continue
        if " " in run:
            span = _strip_common(text, start, end)
            if span is None:
                continue
            start, end = span
            words = [w.rstrip(".") for w in text[start:end].split(" ")]
        else:
            if ("'" in run or "’" in run) and _CONTRACTION.sub("", run) in common:
                continue  # "Here's", "It's", "Let's"
            words = [run]
            if _opens_sentence(text, start):
                # a single capitalised word opening a sentence is a name only if what
                # follows says so (most are verbs and nouns: "Preheat", "Install")
                if after(text, end):
                    yield ("PERSON", start, end, 0.6)
                elif _is_speaker(text, start, end):
                    yield ("PERSON", start, end, 0.55)
                continue
        tail = _tail(text, start)
        if tail.endswith(_TITLES):
            yield ("PERSON", start, end, 0.85)
            continue
        if tail.endswith(_CUES):
            yield ("PERSON", start, end, 0.8)
            continue
        if after(text, end):
            yield ("PERSON", start, end, 0.6)
            continue
        if len(words) == 1:
            if tail.endswith(_PLACE_CUES):
                yield ("LOCATION", start, end, 0.5)
            elif _is_speaker(text, start, end):
                yield ("PERSON", start, end, 0.55)
            continue
        if any(_common(w) for w in words) or all(w.isupper() for w in words):
            continue
        if _STREET_AFTER_RUN.match(text, end):
            continue
        line_before, line_after = _line_of(text, start, end)
        if _HEADING_LINE.match(line_before):
            continue
        if lowercase is None:
            lowercase = set(_LOWER_WORDS.findall(text))
        if any(w.lower() in lowercase for w in words if len(w) > 1):
            continue  # "Basic Rules" where the text also says "rules": words, not a name
        alone = not line_before.strip(" \t>") and not line_after.strip()
        yield ("PERSON", start, end, 0.6 if alone else 0.45)


# --- addresses ------------------------------------------------------------------------------

_STREET_TYPE = (
    r"(?:(?i:street|st|avenue|ave|road|rd|boulevard|blvd|highway|hwy|parkway|pkwy|str|streets|"
    r"avenues|roads)|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Square|Sq|"
    r"Trail|Trl|Crescent|Close|Row|Walk|Alley|Plaza|Loop|Pike|Route|Rte|Expressway|Freeway|"
    r"Mews|Grove|Gardens|Hill|Squares|Lanes|Ways)"
)
"""Street types: the unambiguous ones in any case (``fourth avenue``), those that are
also common words (way, walk, square, place, drive) only capitalised."""
_STREET_WORD = rf"[{LETTER}][{LETTER}'’.-]{{0,30}}"
_UNIT = r"(?:,?[ ]+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#)[ ]*[\w-]{1,6})"
_US_STREET = re.compile(
    rf"\d{{1,6}}[A-Za-z]?(?:[ ]\d{{1,6}})?[ ]+(?:{_STREET_WORD}[ ]+){{0,4}}"
    rf"{_STREET_TYPE}\b\.?(?:[ ]+[{UP}][{LETTER}'’.-]{{1,30}}){{0,2}}{_UNIT}?"
)
"""An English-style street from its house number (``1234 Main Street Apt. 5``); only
tried where a number stands after a space or a line break."""
_EU_SUFFIXES = (
    "katu", "kuja", "tie", "polku", "gata", "gatan", "gade", "vej", "vænget", "veien",
    "vegen", "vei", "väg", "vägen", "weg", "straße", "strasse", "str.", "gasse", "platz",
    "allee", "laan", "straat", "plein", "gracht", "utca", "út", "tér", "u.", "ul.", "ulica",
    "aleja", "náměstí", "ulice", "odos", "οδός",
)  # fmt: skip
"""How a European street name ends (``Koskikatu 25``, ``Bundesstrasse 31``)."""
_EU_PREFIXES = frozenset(
    {"rua", "via", "calle", "rue", "avenida", "viale", "piazza", "corso", "chemin", "avenue"}
)
"""How a Romance-language street name starts (``Rua do Arenque 1634``)."""
_EU_LINKS = frozenset({"da", "de", "do", "das", "dos", "du", "del", "della", "di", "la", "le"})
_NUMBER_AFTER_SPACE = re.compile(r"[ \n\t]\d{1,6}[A-Za-z]?\b\.?")
"""A number after a space or line break: the one anchor of every address rule (a house
number before an English street or after a European one, the first number after
``lives at``). A pattern that opens with so few characters is scanned fast."""
_HOUSE_BEFORE = re.compile(r"\d{1,6}[ ]+$")
_ADDRESS_CUES = (
    "address is", "address:", "addr:", "lives at", "live at", "located at", "resides at",
    "reside at", "send to", "send it to", "send them to", "a new one to", "ship to",
    "mail to", "office is at", " is at", "moved to", "off at", "meet you at", "return to",
    "address with", "address to", "arrived at",
)  # fmt: skip
_ADDRESS_OF_IS = re.compile(r"address of [^\n:]{1,60} is$")
_CUED_ADDRESS = re.compile(r"[^\n?!]{2,80}")
_UNIT_ALONE = re.compile(r"(?:Apt\.?|Apartment|Suite)[ ]?#?\d{1,5}[A-Za-z]?\b")
"""An apartment or suite number, an address line of its own (``Apt. 297``)."""
_POBOX = re.compile(
    r"(?:(?:PSC|Unit|CMR)[ ]\d{3,5},?[ ]Box[ ]\d{3,5}(?:\n[ ]*(?:APO|FPO|DPO)[ ]"
    r"(?:AA|AE|AP)[ ]\d{5})?|(?i:P\.?[ ]?O\.?[ ]Box)[ ]\d{1,6})"
)


def _european_street(text: str, start: int) -> int | None:
    """Where the European street that ends with the house number at ``start`` begins."""
    words = text[max(0, start - 64) : start].split(" ")
    if len(words) < 2:
        return None
    last = words[-1]
    if last and last[0].isalpha() and last.lower().endswith(_EU_SUFFIXES):
        used = 1
        if len(words) > 2 and words[-2][:1].isupper() and words[-2].isalpha():
            used = 2  # "Brucker Bundesstrasse 31"
        return start - sum(len(w) + 1 for w in words[-used:])
    for back in range(2, min(6, len(words))):
        following = words[-back + 1]
        if words[-back].lower() in _EU_PREFIXES and (
            following[:1].isupper() or following in _EU_LINKS
        ):
            if all(w[:1].isalpha() for w in words[-back:]):
                return start - sum(len(w) + 1 for w in words[-back:])
            return None
    return None


def _without_full_stop(text: str, end: int) -> int:
    """``end`` before a sentence's full stop (``Evergreen Terrace.``), not before an
    abbreviation's (``Baker St.``)."""
    if text[end - 1] == "." and end >= 2:
        word_start = text.rfind(" ", max(0, end - 40), end - 1) + 1
        if end - 1 - word_start > 4:
            return end - 1
    return end


def find_addresses(text: str) -> Iterator[tuple[int, int, float]]:
    """Street addresses as ``(start, end, confidence)``."""
    for m in _NUMBER_AFTER_SPACE.finditer(text):
        number = m.start() + 1
        end = m.end()
        if (
            end + 1 < len(text)
            and text[end - 1] != "."
            and text[end] in ",.:-/"
            and text[end + 1].isdigit()
        ):
            continue  # 3,5 or 12:30 or 1-2: not a house number
        street = _US_STREET.match(text, number)
        if street:
            yield (number, _without_full_stop(text, street.end()), 0.75)
            continue
        if text[m.start()] == " ":
            start = _european_street(text, m.start())
            if start is not None:
                before = text[max(0, start - 8) : start]
                house = _HOUSE_BEFORE.search(before)
                if house:
                    start -= len(before) - house.start()
                yield (start, end, 0.65)
                continue
        tail = text[max(0, number - 80) : number].lower().rstrip(" \n")
        if text[end - 1] != "." and (tail.endswith(_ADDRESS_CUES) or _ADDRESS_OF_IS.search(tail)):
            cued = _CUED_ADDRESS.match(text, number)
            if cued:
                stop = cued.end()
                while stop > number and text[stop - 1] in " ,.;:":
                    stop -= 1
                if stop - number >= 5:
                    yield (number, stop, 0.7)
    if text.startswith(tuple("0123456789")):
        street = _US_STREET.match(text)
        if street:
            yield (0, _without_full_stop(text, street.end()), 0.75)
    if "Apt" in text or "Suite" in text or "Apartment" in text:
        for m in _UNIT_ALONE.finditer(text):
            if not m.start() or not text[m.start() - 1].isalnum():
                yield (m.start(), m.end(), 0.6)
    if "Box" in text or "BOX" in text or "box" in text:
        for m in _POBOX.finditer(text):
            yield (m.start(), m.end(), 0.8)


_ADDRESS_TOWN = re.compile(
    rf"(?m)(?<=\n)[ \t>]*(?P<place>[{UP}][{LETTER}'’.-]+(?:[ ][{UP}][{LETTER}'’.-]+){{0,2}})"
    rf"(?=,?[ ]*(?:[A-Z]{{2}}|nan)?[ ]*(?:\d{{3,5}})?[ \t]*$)"
)


def find_towns(
    text: str, addresses: list[tuple[int, int, float]]
) -> Iterator[tuple[int, int, float]]:
    """The town line of an address block: a line of capitalised words (and maybe a region
    and postal code) within three lines after a street address."""
    for _start, end, _confidence in addresses:
        window_end = end
        ceiling = min(len(text), end + 3 * LINE_LOOK)
        for _ in range(3):
            nxt = text.find("\n", window_end + 1, ceiling)
            window_end = ceiling if nxt == -1 else nxt
        for m in _ADDRESS_TOWN.finditer(text, end, window_end):
            place = m.group("place")
            if not any(_common(w.rstrip(".")) for w in place.split(" ")):
                yield (*m.span("place"), 0.5)
