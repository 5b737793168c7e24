"""The PII types and severities as the interface names them, in its language.

:data:`docket.core.pii.PII_TYPES` holds each type's English label (core is Qt-free); the
window shows them through this table, marked for ``pyside6-lupdate`` in the context
``pii_labels``. An unknown type shows as itself.
"""

from __future__ import annotations

from docket.core.pii import Severity
from docket.ui.i18n import QT_TRANSLATE_NOOP, translate

_CONTEXT = "pii_labels"

LABELS: dict[str, str] = {
    "PERSON": QT_TRANSLATE_NOOP("pii_labels", "Person name"),
    "ADDRESS": QT_TRANSLATE_NOOP("pii_labels", "Street address"),
    "LOCATION": QT_TRANSLATE_NOOP("pii_labels", "Place smaller than a state"),
    "ZIP": QT_TRANSLATE_NOOP("pii_labels", "Postal code"),
    "DATE_OF_BIRTH": QT_TRANSLATE_NOOP("pii_labels", "Date of birth or other personal date"),
    "PHONE": QT_TRANSLATE_NOOP("pii_labels", "Phone or fax number"),
    "EMAIL": QT_TRANSLATE_NOOP("pii_labels", "Email address"),
    "SSN": QT_TRANSLATE_NOOP("pii_labels", "Social security number"),
    "MRN": QT_TRANSLATE_NOOP("pii_labels", "Medical record number"),
    "HEALTH_PLAN": QT_TRANSLATE_NOOP("pii_labels", "Health plan number"),
    "ACCOUNT": QT_TRANSLATE_NOOP("pii_labels", "Account number"),
    "CREDIT_CARD": QT_TRANSLATE_NOOP("pii_labels", "Credit card number"),
    "IBAN": QT_TRANSLATE_NOOP("pii_labels", "IBAN"),
    "LICENCE": QT_TRANSLATE_NOOP("pii_labels", "Licence or certificate number"),
    "VEHICLE": QT_TRANSLATE_NOOP("pii_labels", "Vehicle identifier or plate"),
    "DEVICE": QT_TRANSLATE_NOOP("pii_labels", "Device identifier or serial number"),
    "URL": QT_TRANSLATE_NOOP("pii_labels", "Web address"),
    "IP_ADDRESS": QT_TRANSLATE_NOOP("pii_labels", "IP address"),
    "OTHER_ID": QT_TRANSLATE_NOOP("pii_labels", "Other unique identifier"),
}
"""Each type's label (the English source equals core's label)."""

BADGES: dict[str, str] = {
    "PERSON": QT_TRANSLATE_NOOP("pii_labels", "name"),
    "ADDRESS": QT_TRANSLATE_NOOP("pii_labels", "address"),
    "LOCATION": QT_TRANSLATE_NOOP("pii_labels", "place"),
    "ZIP": QT_TRANSLATE_NOOP("pii_labels", "postcode"),
    "DATE_OF_BIRTH": QT_TRANSLATE_NOOP("pii_labels", "date"),
    "PHONE": QT_TRANSLATE_NOOP("pii_labels", "phone"),
    "EMAIL": QT_TRANSLATE_NOOP("pii_labels", "email"),
    "SSN": QT_TRANSLATE_NOOP("pii_labels", "SSN"),
    "MRN": QT_TRANSLATE_NOOP("pii_labels", "MRN"),
    "HEALTH_PLAN": QT_TRANSLATE_NOOP("pii_labels", "plan no."),
    "ACCOUNT": QT_TRANSLATE_NOOP("pii_labels", "account"),
    "CREDIT_CARD": QT_TRANSLATE_NOOP("pii_labels", "card"),
    "IBAN": QT_TRANSLATE_NOOP("pii_labels", "IBAN"),
    "LICENCE": QT_TRANSLATE_NOOP("pii_labels", "licence"),
    "VEHICLE": QT_TRANSLATE_NOOP("pii_labels", "vehicle"),
    "DEVICE": QT_TRANSLATE_NOOP("pii_labels", "device"),
    "URL": QT_TRANSLATE_NOOP("pii_labels", "URL"),
    "IP_ADDRESS": QT_TRANSLATE_NOOP("pii_labels", "IP"),
    "OTHER_ID": QT_TRANSLATE_NOOP("pii_labels", "ID"),
}
"""The word on a finding's badge (the type's label is in its tooltip)."""

SEVERITIES: dict[Severity, str] = {
    Severity.LOW: QT_TRANSLATE_NOOP("pii_labels", "low"),
    Severity.MEDIUM: QT_TRANSLATE_NOOP("pii_labels", "medium"),
    Severity.HIGH: QT_TRANSLATE_NOOP("pii_labels", "high"),
}


def type_label(pii_type: str) -> str:
    """The type's label in the interface's language (the type itself when unknown)."""
    label = LABELS.get(pii_type)
    return translate(_CONTEXT, label) if label is not None else pii_type


def type_label_in_sentence(pii_type: str) -> str:
    """The label as it reads inside a sentence: the English source starts lower case
    ("phone or fax number"); a translation is used as its translator wrote it (German
    nouns keep their capital)."""
    label = LABELS.get(pii_type)
    if label is None:
        return pii_type
    shown = translate(_CONTEXT, label)
    if shown == label and label[1:2].islower():
        return label[:1].lower() + label[1:]
    return shown


def badge_word(pii_type: str) -> str:
    word = BADGES.get(pii_type)
    return translate(_CONTEXT, word) if word is not None else pii_type.lower()


def severity_label(severity: Severity) -> str:
    return translate(_CONTEXT, SEVERITIES.get(severity, str(severity.value)))
