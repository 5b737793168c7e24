"""The PII detector: structured identifiers, names and places in plain text.

Qt-free and offline. :func:`scan_text` reads at most :data:`MAX_SCAN_CHARS` characters
of a text (``Scan.truncated`` says when it stopped); :func:`scan_task` scans every text
of a task and never raises: a detector failure is reported in the result, never blocks
review. :func:`scan_json_value` scans every string of any JSON value (what ``docket
scan`` and ``dataset export`` print a summary of).

What is found, and how it is told from other text (README, "Finding PII"):

- validated identifiers: email; payment cards (Luhn and an issuer prefix); IBAN
  (country length and mod 97); US SSN (never-issued ranges excluded); IPv4 and IPv6
  (:mod:`ipaddress`); VIN (check digit); MAC addresses;
- phone and fax numbers of any country: a number-shaped candidate (7 to 15 digits, in
  three groups or more unless a ``+`` or a word such as ``phone``, ``call`` or ``fax``
  says it is a phone) is given to ``phonenumbers`` (the maintained port of Google's
  libphonenumber): valid for some region, or possible and written with ``+`` or next to
  such a word;
- URLs and bare domains of common top-level domains;
- identifiers in context: a date after ``DOB``/``born on``/``date of birth``; a code after
  ``MRN``/``record no.``, ``member ID``/``policy``, ``account``, ``licence no.``,
  ``serial``/``IMEI``; a ZIP after a state abbreviation or ``ZIP:``;
- person names, street addresses and places by cue and capitalisation
  (:mod:`docket.core.pii_names`).

Confidence is the rule's, and severity is the type's default
(:data:`docket.core.pii.PII_TYPES`) lowered one step for a finding under
:data:`LOW_CONFIDENCE` (a capitalised run taken for a name, a number that is phone-shaped
but valid nowhere): the release target "no high-severity finding" is about what the
detector is sure of; reviewers see every finding either way.

Every pattern is linear in the text: none opens with a look-behind (the word boundary
before a match is checked in Python), repetition is bounded, groups that could cut a run
two ways are possessive, and the email, bare-domain and context searches start from an
``@``, a dot or a keyword and look back a bounded distance. Patterns that cost a pass over
the text run only when a cheap test says they can match (seven digits close together,
a keyword, two groups of a MAC address).
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from docket.core import pii_names
from docket.core.pii import (
    MAX_SCAN_CHARS,
    SEVERITY_ORDER,
    Finding,
    Scan,
    Severity,
    TaskScan,
    default_severity,
    task_texts,
)
from docket.core.pii_numbers import (
    IBAN_LENGTHS,
    card_number_valid,
    digits_of,
    iban_valid,
    ssn_valid,
    vin_valid,
)
from docket.core.tasks import Task

LOW_CONFIDENCE = 0.5
"""Below this confidence a finding's severity is lowered one step (high to medium,
medium to low)."""

PRIORITY: tuple[str, ...] = (
    "EMAIL",
    "URL",
    "IBAN",
    "CREDIT_CARD",
    "SSN",
    "IP_ADDRESS",
    "DATE_OF_BIRTH",
    "MRN",
    "HEALTH_PLAN",
    "LICENCE",
    "ACCOUNT",
    "DEVICE",
    "VEHICLE",
    "ZIP",
    "PHONE",
    "ADDRESS",
    "LOCATION",
    "PERSON",
)
"""Which of two overlapping findings is kept: the earlier type here (a validated
identifier over a shape, a shape over a name). An address that overlaps a kept finding
is cut short before it instead."""
_RANK = {t: i for i, t in enumerate(PRIORITY)}


@dataclass(frozen=True, slots=True)
class _Hit:
    type: str
    start: int
    end: int
    confidence: float


# --- email, URLs, IP addresses ---------------------------------------------------------------

_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])")


def _emails(text: str) -> Iterator[_Hit]:
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < 64 and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        while start < at and text[start] in ".-'":
            start += 1
        m = _DOMAIN.match(text, at + 1)
        if m and start < at:
            yield _Hit("EMAIL", start, m.end(), 0.95)
        at = text.find("@", at + 1)


_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|ai|app|dev|me|tv|us|uk|ca|au|de|fr|it|es|"
    "nl|be|ch|at|se|no|dk|fi|pl|cz|pt|br|mx|ar|cl|uy|jp|cn|in|ru|ua|gr|cy|hu|ro|ie|nz|za|il|"
    "tr|kr|sg|hk|tw|health|online|site|shop|store|xyz|eu|is|ee|lv|lt|sk|si|hr|rs|bg|lu"
)
_URL = re.compile(r"(?i:https?://|ftp://|www\.)[^\s<>\"'`{}|\\^\[\]]{1,2000}")
_TLD_AFTER_DOT = re.compile(rf"\.(?:{_TLDS})(?=[/\s.,;:!?)\]'\"]|$)")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_PATH_AFTER = re.compile(r"/[^\s<>\"'`{}|\\^\[\]]{0,2000}")
_URL_TRAIL = ".,;:!?)]}'\"*"


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _URL_TRAIL:
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    return end


def _urls(text: str) -> Iterator[_Hit]:
    taken_until = -1
    if "://" in text or "www." in text or "WWW." in text:
        for m in _URL.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/"):
                continue
            end = _trim_url(text, m.start(), m.end())
            if end - m.start() >= 8:
                taken_until = max(taken_until, end)
                yield _Hit("URL", m.start(), end, 0.9)
    for m in _TLD_AFTER_DOT.finditer(text):
        if m.start() < taken_until:
            continue
        # the host name before the top-level domain, walked back at most 253 characters
        # and never into the previous finding (so the walk is linear in the text)
        start = m.start()
        floor = max(0, m.start() - 253, taken_until)
        while start > floor and text[start - 1] in _HOST_CHARS:
            start -= 1
        while start < m.start() and text[start] in ".-":
            start += 1
        if start == m.start() or (start and text[start - 1] in "@_/:"):
            continue
        end = m.end()
        path = _PATH_AFTER.match(text, end)
        if path:
            end = _trim_url(text, start, path.end())
        taken_until = end
        yield _Hit("URL", start, end, 0.6)


_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:|::")
_IPV4_HINT = re.compile(r"\.\d{1,3}\.\d{1,3}\.")
_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"[0-9A-Fa-f:]{2,39}(?![\w:])")


def _ips(text: str) -> Iterator[_Hit]:
    if _IPV4_HINT.search(text):
        for m in _IPV4.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"):
                continue
            try:
                ipaddress.IPv4Address(m.group())
            except ValueError:
                continue
            yield _Hit("IP_ADDRESS", m.start(), m.end(), 0.85)
    if _IPV6_HINT.search(text):
        for m in _IPV6.finditer(text):
            value = m.group()
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ":._"):
                continue
            if value.count(":") < 2 or sum(ch.isalnum() for ch in value) < 3:
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            yield _Hit("IP_ADDRESS", m.start(), m.end(), 0.8)


# --- numbers: cards, SSN, phones -------------------------------------------------------------

_SEVEN_DIGITS = re.compile(r"\d(?:[ ().-]{0,3}\d){6}")
"""Seven digits with at most short separators between: a text without them holds no
phone, card, SSN or IBAN, and the costlier patterns are not run on it."""
_NUMBER = re.compile(
    r"(?=[+(\d])(?:\+[ ]?\d{1,3}[ .-]?)?(?:\([ ]?\d{1,5}[ ]?\)[ .-]?)?\d{1,19}"
    r"(?:(?:[ .-]|[ ]?\([ ]?0[ ]?\)[ ]?)\d{1,19}){0,7}"
    r"(?:[ ]?(?i:x|ext\.?|extension)[ ]?\d{1,6})?(?![\w@:]|[.,/]\w|-\d)"
)
"""Anything number-shaped: digits, maybe a + country code and a (area) code, groups
separated by one space, dot or hyphen, maybe an extension."""
_DATE_LIKE = re.compile(
    r"(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\d\d"
    r"|(?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])[-./](?:19|20)?\d\d"
)
_YEAR_RANGE = re.compile(r"(?:1[5-9]|20)\d\d[ ]?[-–][ ]?(?:1[5-9]|20)?\d\d")
_GROUP_SEPARATORS = re.compile(r"[ .()-]+")
_TWO_GROUPS = re.compile(r"\d+ \d+")
_WORD_AFTER = re.compile(r"[ ]+(?!(?i:office|fax|mobile|cell|home|work|phone|tel)\b)[^\W\d_]")
_SSN_SHAPE = re.compile(r"\d{3}([- ])\d{2}\1\d{4}|\d{9}")
_PHONE_CUE = re.compile(
    r"(?i:phone|tel\b|telephone|mobile|cell|fax|call|calling|called|text me|sms|whatsapp|"
    r"reach me|contact|number|office|desk|home|work|answering|messages|ring|dial|"
    r"registered|on|at)\W{0,6}$"
)
_PHONE_AFTER = re.compile(r"[ -]{0,2}(?i:office|fax|mobile|cell|home|work|phone|tel)\b")
_HEX_GROUP_AFTER = re.compile(r" (?=[0-9a-f]{0,3}[a-f])[0-9a-f]{4}\b")
_HEX_GROUP_BEFORE = re.compile(r"\b(?=[0-9a-f]{0,3}[a-f])[0-9a-f]{4} $")
"""A group of four hex digits with a letter, next to a run of digit groups: the run is
part of a key fingerprint (``5123 0456 0789 a1b2 c3d4``, docket.bundles.keys), not a
phone number."""
_SSN_CUE = re.compile(r"(?i:ssn|social security|social sec|ss#|ss no)")
_DEVICE_CUE = re.compile(r"(?i:imei|serial|s/n|device)")
_CARD_CUE = re.compile(r"(?i:card|visa|mastercard|amex|credit|debit|cc)")
_REGIONS = ("US", "GB", "DE", "FR", "IN", "AU", "CA", "IT", "ES", "NL", "BR", "MX", "JP")


def _phone_validity(candidate: str) -> float:
    """1.0 valid for some region, 0.5 a possible number somewhere, 0 neither."""
    # imported here, not at the top: a broken install then fails a scan (which
    # scan_task reports), never the import of the detector
    import phonenumbers as pn

    number = candidate.split("x")[0].split("ext")[0]
    best = 0.0
    regions: Iterable[str | None] = (None,) if number.lstrip().startswith("+") else _REGIONS
    for region in regions:
        try:
            parsed = pn.parse(number, region)
        except pn.NumberParseException:
            continue
        if pn.is_valid_number(parsed):
            return 1.0
        if pn.is_possible_number(parsed):
            best = 0.5
    return best


def _numbers(text: str) -> Iterator[_Hit]:
    for m in _NUMBER.finditer(text):
        if m.start():
            prev = text[m.start() - 1]
            if (
                prev.isalnum()
                or prev in "_+(./-"
                or (prev == "," and text[m.start() - 2 : m.start() - 1].isdigit())
            ):
                continue
        value = m.group()
        digits = digits_of(value)
        n = len(digits)
        if n < 7:
            continue
        start, end = m.start(), m.end()
        before = text[max(0, start - 40) : start]
        grouped = any(ch in value for ch in " .-()")
        # a US social security number
        if n == 9 and _SSN_SHAPE.fullmatch(value) and ssn_valid(value):
            cue = _SSN_CUE.search(before) is not None
            if "-" in value or cue:
                yield _Hit("SSN", start, end, 0.9 if cue else 0.75)
                continue
        # a payment card
        if (
            12 <= n <= 19
            and not any(ch in value for ch in ".(+")
            and card_number_valid(digits)
            and _DEVICE_CUE.search(before) is None  # an IMEI passes the Luhn check too
        ):
            cue = _CARD_CUE.search(before) is not None
            yield _Hit("CREDIT_CARD", start, end, 0.95 if cue else 0.85)
            continue
        if n > 15 or (value.count(".") == 3 and "-" not in value and " " not in value):
            continue
        if _DATE_LIKE.match(value) or _YEAR_RANGE.fullmatch(value):
            continue
        if _TWO_GROUPS.fullmatch(value) and _WORD_AFTER.match(text, end):
            continue  # "17151 2450 Crown St": the numbers of an address
        if not grouped and not value.startswith("+") and n > 11:
            continue
        cue = _PHONE_CUE.search(before) is not None or _PHONE_AFTER.match(text, end) is not None
        plus = value.startswith("+")
        groups = _GROUP_SEPARATORS.split(value.strip("+() "))
        if all(len(g) == 4 for g in groups) and (
            _HEX_GROUP_AFTER.match(text, end) or _HEX_GROUP_BEFORE.search(before)
        ):
            continue  # digit groups of a hex fingerprint
        if not (cue or plus) and (not grouped or len(groups) <= 2):
            # 1162261467, 0.5901984, 800-1000: a phone only when the text says so
            continue
        if sum(len(g) == 1 for g in groups) >= 3:
            continue  # a row of single digits (a grid, a sequence), not a phone
        validity = _phone_validity(value)
        if validity == 1.0:
            confidence = 0.9 if cue or plus else 0.7
        elif validity == 0.5 and (cue or plus):
            confidence = 0.7
        elif cue and grouped:
            confidence = 0.55
        elif cue:
            confidence = 0.45
        else:
            continue
        yield _Hit("PHONE", start, end, confidence)


# --- IBAN, VIN ---------------------------------------------------------------------------------

_IBAN = re.compile(r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{1,4}+){3,8}")
"""Country, check digits, then up to eight groups of at most four letters or digits: the
IBAN and maybe more, cut to the country's length in Python. Possessive groups and no
look-ahead: a long run is cut into groups of four one way only, and never retried."""
_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])")


def _ibans(text: str) -> Iterator[_Hit]:
    pos = 0
    while (m := _IBAN.search(text, pos)) is not None:
        pos = m.start() + 1
        if m.start() and text[m.start() - 1].isalnum():
            continue
        value = m.group()
        expected = IBAN_LENGTHS.get(value[:2].upper())
        if expected is None:
            continue
        # the match may run on into the next word: cut it at the country's length
        kept = 0
        end = m.start()
        for i, ch in enumerate(value):
            if ch != " ":
                kept += 1
            if kept == expected:
                end = m.start() + i + 1
                break
        if (
            kept == expected
            and not text[end : end + 1].isalnum()
            and iban_valid(text[m.start() : end])
        ):
            pos = end
            yield _Hit("IBAN", m.start(), end, 0.95)


_MAC = re.compile(r"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f:-])")
"""A MAC address (``00:1A:2B:3C:4D:5E``): a device identifier."""
_MAC_HINT_COLON = re.compile(r":[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:")
_MAC_HINT_HYPHEN = re.compile(r"-[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-")
"""Two inner groups of a MAC address: patterns that open with a plain ``:`` or ``-``,
which the regex engine finds fast, before the full pattern is tried."""


def _macs(text: str) -> Iterator[_Hit]:
    if _MAC_HINT_COLON.search(text) is None and _MAC_HINT_HYPHEN.search(text) is None:
        return
    for m in _MAC.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ":-"):
            continue
        yield _Hit("DEVICE", m.start(), m.end(), 0.8)


def _vins(text: str) -> Iterator[_Hit]:
    for m in _VIN.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        value = m.group()
        if value.isdigit() or value.isalpha():
            continue
        if vin_valid(value):
            yield _Hit("VEHICLE", m.start(), m.end(), 0.85)


# --- identifiers in context --------------------------------------------------------------------

_MONTHS = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    rf"{_MONTHS}[ ]\d{{1,2}}(?:st|nd|rd|th)?,?[ ]\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?[ ](?:of[ ])?"
    rf"{_MONTHS},?[ ]\d{{4}})"
)
_DOB = re.compile(
    rf"(?<![\w])(?i:d\.?o\.?b\.?|date[ ]of[ ]birth|birth[ ]?date|birthday|born(?:[ ]on)?|"
    rf"geboren|né(?:e)?[ ]le)[ ]{{0,3}}(?:is[ ]|was[ ])?[:\-]?[ ]{{0,3}}(?P<date>{_DATE})"
)
_ID_TOKEN = r"(?P<id>[A-Za-z]{0,4}[-#]?\d[A-Za-z0-9-]{3,24})"
_ID_FILLER = (
    r"(?:[ ]{0,3}(?i:number|num|no\.?|nr\.?|#|id|code))?(?:[ ]{0,3}(?i:is|was))?"
    r"[ ]{0,3}[:#]?[ ]{0,3}"
)
_CONTEXT_IDS: tuple[tuple[str, tuple[str, ...], re.Pattern[str], float], ...] = (
    (
        "MRN",
        ("mrn", "record", "chart", "patient id", "hospital number"),
        re.compile(
            rf"(?i:mrn|medical[ ]record|record|chart|patient[ ]id|hospital[ ]number)"
            rf"{_ID_FILLER}{_ID_TOKEN}"
        ),
        0.85,
    ),
    (
        "HEALTH_PLAN",
        (
            "member",
            "health plan",
            "insurance",
            "policy",
            "beneficiary",
            "medicare",
            "medicaid",
            "subscriber",
            "group n",
            "group #",
            "group id",
        ),
        re.compile(
            rf"(?i:member[ ]id|member|health[ ]plan|insurance|policy|beneficiary|"
            rf"medicare|medicaid|subscriber|group(?=[ ]?(?i:number|no|\#|id)))"
            rf"{_ID_FILLER}{_ID_TOKEN}"
        ),
        0.8,
    ),
    (
        "LICENCE",
        ("licen", "driver", "passport", "dea", "npi", "certificate", "permit"),
        re.compile(
            rf"(?i:licen[cs]e|driver'?s[ ]licen[cs]e|passport|dea|npi|certificate|"
            rf"permit)"
            rf"{_ID_FILLER}{_ID_TOKEN}"
        ),
        0.8,
    ),
    (
        "ACCOUNT",
        ("account", "acct", "a/c", "routing", "customer id", "customer number"),
        re.compile(
            rf"(?i:account|acct\.?|a/c|routing|customer[ ]id|customer[ ]number)"
            rf"{_ID_FILLER}{_ID_TOKEN}"
        ),
        0.8,
    ),
    (
        "DEVICE",
        ("serial", "s/n", "imei", "device id", "udid", "pacemaker", "implant"),
        re.compile(
            rf"(?i:serial|s/n|imei|device[ ]id|udid|pacemaker|implant)"
            rf"{_ID_FILLER}{_ID_TOKEN}"
        ),
        0.75,
    ),
)
_ID_DIGITS = re.compile(r"\d(?:-?\d){3}")
"""Four digits (maybe hyphenated): every identifier in context has them, as has a ZIP."""
_US_ZIP = re.compile(r" \d{5}(?:-\d{4})?(?![\w-])")
"""A five-digit ZIP after a space (after a state: ``CA 94110``); the plain space first
lets the regex engine skip fast."""
_STATE_BEFORE = re.compile(
    r"(?:^|[ ,\n])(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
    r"O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),?[ ]{1,4}$"
)
_ZIP_CUE = re.compile(
    r"(?i:zip(?:[ ]code)?|postal[ ]code|postcode)(?:[ ]is|:)?[ ]{0,3}"
    r"(?P<zip>[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,4}(?:[ ][A-Z]{2})?)(?![\w])"
)


def _in_context(text: str) -> Iterator[_Hit]:
    low = text.lower()
    if "bir" in low or "dob" in low or "born" in low or "d.o.b" in low:
        for m in _DOB.finditer(text):
            yield _Hit("DATE_OF_BIRTH", *m.span("date"), 0.9)
    if _ID_DIGITS.search(text) is None:
        # no identifier (four digits at least) and no ZIP code: only the cue-led
        # postal codes below can be here
        kinds: tuple[tuple[str, tuple[str, ...], re.Pattern[str], float], ...] = ()
    else:
        kinds = _CONTEXT_IDS
    for kind, words, pattern, confidence in kinds:
        seen: set[int] = set()
        for word in words:
            at = low.find(word)
            while at != -1:
                hit = None if at and low[at - 1].isalnum() else pattern.match(text, at)
                at = low.find(word, at + 1)
                if hit is None or hit.start("id") in seen:
                    continue
                seen.add(hit.start("id"))
                value = hit.group("id").rstrip("-")
                if sum(ch.isdigit() for ch in value) >= 4:
                    yield _Hit(kind, hit.start("id"), hit.start("id") + len(value), confidence)
    for m in _US_ZIP.finditer(text) if kinds else ():
        if _STATE_BEFORE.search(text, max(0, m.start() - 6), m.start() + 1):
            yield _Hit("ZIP", m.start() + 1, m.end(), 0.7)
    if "zip" in low or "post" in low:
        for m in _ZIP_CUE.finditer(text):
            if any(ch.isdigit() for ch in m.group("zip")):
                yield _Hit("ZIP", *m.span("zip"), 0.7)


# --- names, addresses, places ------------------------------------------------------------------


def _language(text: str) -> Iterator[_Hit]:
    for kind, start, end, confidence in pii_names.find_names_and_places(text):
        yield _Hit(kind, start, end, confidence)
    addresses = list(pii_names.find_addresses(text))
    for start, end, confidence in addresses:
        yield _Hit("ADDRESS", start, end, confidence)
    for start, end, confidence in pii_names.find_towns(text, addresses):
        yield _Hit("LOCATION", start, end, confidence)
    for start, end, confidence in pii_names.find_places_in_capitals(text):
        yield _Hit("LOCATION", start, end, confidence)


# --- the scan ----------------------------------------------------------------------------------


def _severity(kind: str, confidence: float) -> Severity:
    severity = default_severity(kind)
    if confidence < LOW_CONFIDENCE and severity is not Severity.LOW:
        order = SEVERITY_ORDER[severity] - 1
        return next(s for s, o in SEVERITY_ORDER.items() if o == order)
    return severity


def _resolve(hits: Iterable[_Hit]) -> list[_Hit]:
    """No two kept hits overlap: the higher-priority type, then the longer, then the more
    confident wins; an address is cut short before a kept hit rather than dropped. The
    kept hits stay sorted, so each new one is checked against its neighbours only."""
    ordered = sorted(hits, key=lambda h: (_RANK[h.type], -(h.end - h.start), -h.confidence))
    starts: list[int] = []
    kept: list[_Hit] = []

    def first_clash(hit: _Hit) -> int | None:
        i = bisect_left(starts, hit.end)  # kept[:i] start before the hit ends
        if i and kept[i - 1].end > hit.start:
            # the clashing ones are a run ending at i - 1 (kept hits are disjoint)
            j = i - 1
            while j and kept[j - 1].end > hit.start:
                j -= 1
            return j
        return None

    for hit in ordered:
        clash = first_clash(hit)
        if clash is not None and hit.type == "ADDRESS":
            cut = kept[clash].start
            if cut - hit.start >= 8:
                hit = _Hit(hit.type, hit.start, cut, hit.confidence)
                clash = first_clash(hit)
        if clash is None:
            i = bisect_left(starts, hit.start)
            starts.insert(i, hit.start)
            kept.insert(i, hit)
    return kept


def _trim(text: str, hit: _Hit) -> _Hit | None:
    start, end = hit.start, hit.end
    while start < end and text[start] in " \t\r\n,;:":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:":
        end -= 1
    if end <= start:
        return None
    return _Hit(hit.type, start, end, hit.confidence)


_RECOGNISERS = (_emails, _urls, _ips, _macs, _vins, _in_context, _language)
_NUMBER_RECOGNISERS = (_ibans, _numbers)
"""Run only on a text with seven digits close together (:data:`_SEVEN_DIGITS`)."""


def scan_text(text: str, *, max_chars: int = MAX_SCAN_CHARS) -> Scan:
    """Every finding in ``text`` (target left empty), sorted by start, none overlapping."""
    head = text[:max_chars]
    hits: list[_Hit] = []
    recognisers: tuple[Callable[[str], Iterator[_Hit]], ...] = _RECOGNISERS
    if _SEVEN_DIGITS.search(head) is not None:
        recognisers += _NUMBER_RECOGNISERS
    for recognise in recognisers:
        for hit in recognise(head):
            trimmed = _trim(head, hit)
            if trimmed is not None:
                hits.append(trimmed)
    found = [
        Finding(h.type, h.start, h.end, h.confidence, _severity(h.type, h.confidence))
        for h in _resolve(hits)
    ]
    found.sort(key=lambda f: (f.start, f.end))
    return Scan(tuple(found), truncated=len(text) > max_chars, scanned_chars=len(head))


def scan_task(task: Task, *, documents: bool = True) -> TaskScan:
    """Every finding in every text of ``task``, each with its target."""
    findings: list[Finding] = []
    truncated: list[str] = []
    try:
        for target, text in task_texts(task, documents=documents).items():
            scan = scan_text(text)
            findings += [f.at(target) for f in scan.findings]
            if scan.truncated:
                truncated.append(target)
    except Exception as exc:
        return TaskScan(task.id, failed=f"{type(exc).__name__}: {exc}")
    return TaskScan(task.id, tuple(findings), tuple(truncated))


# --- any JSON value --------------------------------------------------------------------------


def json_strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a JSON value with its path (``messages[2].content``; ``""`` for a
    bare string), in document order; nested objects and lists too, without recursion."""
    stack: list[tuple[str, object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, sub in reversed(list(item.items())):
                stack.append((f"{where}.{key}" if where else str(key), sub))
        elif isinstance(item, list):
            for i in range(len(item) - 1, -1, -1):
                stack.append((f"{where}[{i}]", item[i]))


def scan_json_value(
    value: object,
    *,
    path: str = "",
    max_chars: int = MAX_SCAN_CHARS,
    truncated: list[str] | None = None,
) -> list[tuple[str, Finding]]:
    """Every finding in every string of a JSON value, as ``(path, finding)`` in document
    order; each finding's target is its path (see :func:`json_strings`). Paths of
    strings longer than ``max_chars`` (scanned only in part) are appended to
    ``truncated`` when given. Object keys are not scanned: they name fields."""
    out: list[tuple[str, Finding]] = []
    for where, text in json_strings(value, path):
        scan = scan_text(text, max_chars=max_chars)
        out += [(where, f.at(where)) for f in scan.findings]
        if scan.truncated and truncated is not None:
            truncated.append(where)
    return out


def masked_preview(text: str, *, limit: int = 24) -> str:
    """What a report may show of a finding's text: the first character of each word or
    number group kept, every other letter and digit starred (``J*** S****``,
    ``5**-***-****``), at most ``limit`` characters; never the value itself."""
    out: list[str] = []
    first = True
    for ch in text[:limit]:
        if ch.isalnum():
            out.append(ch if first else "*")
            first = False
        else:
            out.append(" " if ch in "\n\r\t" else ch)
            first = True
    return "".join(out) + ("…" if len(text) > limit else "")
