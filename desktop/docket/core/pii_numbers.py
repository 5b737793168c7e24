"""Check digits and ranges of structured identifiers: what tells a card number, an IBAN,
a US social security number or a vehicle identification number from a run of digits.

Each function takes the identifier as written (spaces and hyphens allowed where the
format has them) and returns whether it is well formed. They are small and exact; the
tests check them against published examples and against python-stdnum (a cross-check
only: the app does not ship it).
"""

from __future__ import annotations

import re

# --- payment cards ------------------------------------------------------------------------


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check of ISO/IEC 7812 over the digits of ``number``."""
    digits = digits_of(number)
    if not digits:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_CARD_PREFIX = re.compile(r"(?:1800|2131|2[2-7]|3[0-9]|4|5[0-9]|6[0-9])")
"""Issuer prefixes of the card schemes in use (JCB's 1800/2131, Mastercard 2-series,
Amex/Diners/JCB 3, Visa 4, Mastercard/Maestro 5, Discover/Maestro/UnionPay 6)."""


def card_number_valid(number: str) -> bool:
    """12 to 19 digits, a known issuer prefix and a valid Luhn check digit."""
    digits = digits_of(number)
    return (
        12 <= len(digits) <= 19
        and _CARD_PREFIX.match(digits) is not None
        and len(set(digits)) > 1
        and luhn_valid(digits)
    )


# --- IBAN ---------------------------------------------------------------------------------

IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip
"""IBAN length per country, from the SWIFT IBAN registry (release 99, 2025)."""


def iban_valid(iban: str) -> bool:
    """A registered country, its IBAN length and the ISO 7064 mod 97-10 check."""
    compact = "".join(iban.split()).upper()
    if len(compact) < 15 or not compact.isascii() or not compact.isalnum():
        return False
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


# --- US social security numbers -----------------------------------------------------------


def ssn_valid(ssn: str) -> bool:
    """Nine digits outside the ranges never issued: area 000, 666 or 900-999, group 00,
    serial 0000 (SSA, "Social Security Number Randomization", 2011)."""
    digits = digits_of(ssn)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


# --- vehicle identification numbers -------------------------------------------------------

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_valid(vin: str) -> bool:
    """17 characters without I, O or Q and a valid check digit in position 9 (the North
    American rule, 49 CFR 565)."""
    vin = vin.upper()
    if len(vin) != 17 or any(ch not in _VIN_VALUES for ch in vin):
        return False
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(vin, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))
