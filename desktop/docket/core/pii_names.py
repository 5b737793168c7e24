"""Person names, street addresses and places, by context and capitalisation.

No statistical model: none that fits the package budget can be installed offline (see
"Finding PII" in the README for what was measured). The rules, from surest to least sure:

- a name after a cue: a title (``Dr.``, ``Mrs.``), ``my name is``, ``Dear``, ``patient``,
  ``Name:``, ``signed``, or before ``lives at``, or a name that opens a letter line;
- two to four capitalised words in a row that are not common capitalised words (days,
  months, headings, places named by :data:`COMMON_CAPITALISED`): a likely name, lower
  confidence (these are what reviewers dismiss most);
- a street address: a house number with street words ending in a street type (``Main
  Street``, ``Baker St.``), a European street (``Koskikatu 25``, ``Rua do Arenque 1634``),
  a PO box or military address, and the text after ``address:`` or ``lives at`` to the
  end of its line;
- a place: the words after ``from``, ``in``, ``to`` … when capitalised and not common, and
  the town line of an address block.

Every pattern is linear: bounded repetition, no nested unbounded quantifiers.
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
_NAME = rf"{_CAP_WORD}(?:[ ]{_NAME_PART}){{0,3}}"
"""One to four name words; an initial (``J.``) only after the first."""

_COMMON_WORDS = """
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

_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Miss|Sir|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Rev|Capt|Sgt)"
_TITLED = re.compile(rf"(?<![\w]){_TITLE}\.?[ ]+(?P<name>{_NAME})")
_CUED = re.compile(
    rf"(?<![\w])(?i:my name is|my name's|i am|i'm|this is|call me|name:|name is|named|called|dear|"
    rf"hi|hello|signed|sincerely,|regards,|patient|patient:|pt\.?|mother|father|"
    rf"wife|husband|son|daughter|contact|attn:?|attention:?|client|member|by|with|"
    rf"user:|surname|last name\??|first name\??|full name:?|name on the account\??)"
    rf"(?:[ ]*[:,][ \n]*|[ \n]{{1,4}})(?P<name>{_NAME})"
)
_BEFORE_CUE = re.compile(
    rf"(?P<name>{_NAME})(?='s?\b|[ ](?:lives|lived|was born|is a patient|said|says|wrote|"
    rf"called|emailed|listed|visited|died|married|told|asked|is my|has been|will be))"
)
_RUN = re.compile(rf"(?<![\w'’.-]){_CAP_WORD}(?:[ ]{_NAME_PART}){{1,3}}(?![\w'’-])")
_LINE_NAME = re.compile(rf"(?m)^[ \t]*(?P<name>{_CAP_WORD}(?:[ ]{_NAME_PART}){{1,3}})[ \t]*$")
_SPEAKER = re.compile(rf"(?m)^[ \t]*(?P<name>{_CAP_WORD}):[ ]")

_CUE_WEAK = frozenset({"by", "with", "this is", "i am", "i'm", "member", "client", "contact"})


def _words(span: str) -> list[str]:
    return [w.rstrip(".") for w in span.split(" ") if w]


def _common(word: str) -> bool:
    return word in COMMON_CAPITALISED or word.capitalize() in COMMON_CAPITALISED


def _strip_common(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading and trailing common words; None when nothing is left."""
    span = text[start:end]
    words = span.split(" ")
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


def find_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Person names as ``(start, end, confidence)``."""
    for m in _TITLED.finditer(text):
        span = _strip_common(text, *m.span("name"))
        if span:
            yield (*span, 0.85)
    for m in _CUED.finditer(text):
        cue = m.group(0)[: m.start("name") - m.start()].strip(" :,\n").lower()
        span = _strip_common(text, *m.span("name"))
        if not span:
            continue
        several = " " in text[span[0] : span[1]]
        if cue in _CUE_WEAK and not several:
            continue
        yield (*span, 0.8 if cue not in _CUE_WEAK else 0.6)
    for m in _BEFORE_CUE.finditer(text):
        span = _strip_common(text, *m.span("name"))
        if span and not _common(text[span[0] : span[1]]):
            yield (*span, 0.6)
    for m in _SPEAKER.finditer(text):
        if not _common(m.group("name")):
            yield (*m.span("name"), 0.55)
    for m in _LINE_NAME.finditer(text):
        words = _words(m.group("name"))
        if not any(_common(w) for w in words):
            yield (*m.span("name"), 0.6)
    for m in _RUN.finditer(text):
        span = _strip_common(text, m.start(), m.end())
        if not span:
            continue
        words = _words(text[span[0] : span[1]])
        if len(words) < 2 or any(_common(w) for w in words):
            continue
        if all(w.isupper() for w in words):  # headings and acronyms
            continue
        yield (*span, 0.45)


# --- addresses ------------------------------------------------------------------------------

_STREET_TYPE = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Crescent|Close|"
    r"Row|Walk|Alley|Plaza|Loop|Pike|Route|Rte|Expressway|Freeway|Mews|Grove|Gardens|Hill|"
    r"Streets|Squares|Roads|Avenues|Lanes|Ways|Str|str)"
)
_STREET_WORD = rf"[{LETTER}][{LETTER}'’.-]{{0,30}}"
_UNIT = r"(?:,?[ ]+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#)[ ]*[\w-]{1,6})"
_US_STREET = re.compile(
    rf"(?<![\w])\d{{1,6}}[A-Za-z]?(?:[ ]\d{{1,6}})?[ ]+(?:{_STREET_WORD}[ ]+){{0,4}}"
    rf"(?i:{_STREET_TYPE})\b\.?(?:[ ]+{_STREET_WORD}){{0,2}}{_UNIT}?"
)
_EU_STREET_SUFFIX = (
    r"(?:katu|kuja|tie|polku|gata|gatan|gade|vej|vænget|veien|vegen|vei|väg|vägen|weg|straße|"
    r"strasse|str\.|gasse|platz|allee|ring|laan|straat|plein|gracht|utca|út|tér|u\.|ul\.|"
    r"ulica|aleja|náměstí|ulice|calle|avenida|rua|via|viale|piazza|corso|rue|chemin|"
    r"boulevard|odos|οδός)"
)
_EU_STREET = re.compile(
    rf"(?<![\w])(?:\d{{1,6}}[ ]+)?(?:(?i:rua|via|calle|rue|avenida|viale|piazza|corso|"
    rf"chemin)[ ]+(?:{_STREET_WORD}[ ]+){{0,4}}|(?:{_STREET_WORD}[ ]+){{0,2}}"
    rf"[{LETTER}]{{0,30}}(?i:{_EU_STREET_SUFFIX})[ ]+)\d{{1,5}}[A-Za-z]?\.?{_UNIT}?"
)
_POBOX = re.compile(
    r"(?<![\w])(?:(?:PSC|Unit|CMR)[ ]\d{3,5},?[ ]Box[ ]\d{3,5}(?:\n[ ]*(?:APO|FPO|DPO)[ ]"
    r"(?:AA|AE|AP)[ ]\d{5})?|(?i:P\.?[ ]?O\.?[ ]Box)[ ]\d{1,6})"
)
_ADDRESS_CUE = re.compile(
    r"(?i:address(?:[ ]of[ ][^\n:]{1,60}?)?[ ]is|address:|addr:|lives[ ]at|live[ ]at|"
    r"located[ ]at|reside[s]?[ ]at|send[ ](?:it|them|a[ ]new[ ]one)?[ ]?to|ship[ ]to|"
    r"mail[ ]to|office[ ]is[ ]at|is[ ]at|moved[ ]to|drops[ ]you[ ]off[ ]at|meet[ ]you[ ]at|"
    r"return[ ]to|address[ ]with|address[ ]to)[ ]*\n?[ ]*"
    r"(?P<addr>\d{1,6}[^\n?!]{2,80}|(?i:PSC|Unit|the[ ]corner[ ]of)[^\n?!]{2,80})"
)


def find_addresses(text: str) -> Iterator[tuple[int, int, float]]:
    """Street addresses as ``(start, end, confidence)``."""
    for m in _US_STREET.finditer(text):
        yield (m.start(), m.end(), 0.75)
    for m in _EU_STREET.finditer(text):
        yield (m.start(), m.end(), 0.65)
    for m in _POBOX.finditer(text):
        yield (m.start(), m.end(), 0.8)
    for m in _ADDRESS_CUE.finditer(text):
        start, end = m.span("addr")
        while end > start and text[end - 1] in " ,.;:":
            end -= 1
        if end - start >= 5:
            yield (start, end, 0.7)


# --- places -----------------------------------------------------------------------------------

_PLACE_CUE = re.compile(
    rf"(?<![\w])(?:(?i:from|in|to|near|at|visit|visiting|travelling to|traveling to|"
    rf"moved here from|originally from|live in|lives in|born in|based in|city of|town of|"
    rf"where:|city:|town:))[ ]+(?P<place>[{UP}][{LETTER}'’-]+(?:[ ][{UP}][{LETTER}'’-]+){{0,2}})"
)
_ADDRESS_TOWN = re.compile(
    rf"(?m)(?<=\n)[ \t]*(?P<place>[{UP}][{LETTER}'’.-]+(?:[ ][{UP}][{LETTER}'’.-]+){{0,2}})"
    rf"(?=,?[ ]*(?:[A-Z]{{2}}|nan)?[ ]*(?:\d{{3,5}})?[ \t]*$)"
)


def find_places(text: str) -> Iterator[tuple[int, int, float]]:
    """Places (towns, regions, countries) as ``(start, end, confidence)``."""
    for m in _PLACE_CUE.finditer(text):
        span = _strip_common(text, *m.span("place"))
        if span and not any(_common(w) for w in _words(text[span[0] : span[1]])):
            yield (*span, 0.5)
    for m in _ADDRESS_TOWN.finditer(text):
        place = m.group("place")
        if (
            not any(_common(w) for w in _words(place))
            and "\n" in text[max(0, m.start() - 80) : m.start()]
        ):
            yield (*m.span("place"), 0.45)
