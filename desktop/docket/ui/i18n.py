"""The interface's language: Qt translators, the mirrored layout, and locale-aware sorting.

Every user-visible string in docket.ui goes through ``translate(context, text)`` (Qt's
``QCoreApplication.translate``; ``pyside6-lupdate`` extracts the calls into
``resources/translations/docket_<lang>.ts``; ``make`` compiles them into ``.qm`` files with
``pyside6-lrelease``). The context is the module's name, not the class's: ``self.tr``
would look its context up by the runtime class, which a subclass changes.

The language is the user's choice in the settings ("system" follows ``QLocale.system()``)
and applies at the next start. For Arabic and Hebrew the whole layout mirrors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import resources
from typing import TypeVar

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
)

from docket.render.hidden import use_titles

T = TypeVar("T")

# The shipped languages, each named in itself (the settings list them so).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "he": "עברית",
    "zh_CN": "简体中文",
    "ja": "日本語",
}
SYSTEM = "system"
_TRANSLATORS: list[QTranslator] = []
_ENGLISH_PLURAL = re.compile(r"\((e?s)\)")


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (``%n`` in it is ``n``, with its plural form)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def english_plural(text: str, n: int) -> str:
    """``text`` (a ``self.tr("%n task(s)", "", n)``) with the English source's "(s)" or
    "(es)" resolved for ``n``: what an untranslated, English interface shows."""
    text = text.replace("criterion(s)", "criterion" if n == 1 else "criteria")
    return _ENGLISH_PLURAL.sub(lambda m: "" if n == 1 else m.group(1), text)


class Plural(QObject):
    """The context of plural texts outside a widget class: ``Plural.tr("%n word(s)", "", n)``
    (with :func:`english_plural`). ``pyside6-lupdate`` marks a ``translate()`` call as
    plural only when its count is a literal number; a class's ``tr`` it marks always."""

    @classmethod
    def tr(cls, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("Plural", text, disambiguation, n)


def isolate(text: str) -> str:
    """``text`` (a quote, a name) set off as its own direction run inside a translated
    sentence (Unicode's first-strong isolate) when the interface runs right to left, so
    "555-010-2233" in an Arabic row is not reordered into "2233-010-555"."""
    if QCoreApplication.instance() is None:
        return text
    if QLocale().textDirection() != Qt.LayoutDirection.RightToLeft:
        return text
    return f"\u2068{text}\u2069"


def sentence_mark() -> str:
    """What starts a line the window writes (a summary, a list row in rich text) so that it
    reads in the interface's direction: the right-to-left mark in Arabic and Hebrew
    (a paragraph takes its direction from its first strong character, and such a line may
    start with a name in Latin letters), nothing otherwise. Quoted texts keep their own
    paragraphs and directions."""
    if QCoreApplication.instance() is None:
        return ""
    return "\u200f" if QLocale().textDirection() == Qt.LayoutDirection.RightToLeft else ""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for ``pyside6-lupdate`` (in ``context``) where it is defined, for a
    constant made before the translators are installed; ``translate(context, text)``
    shows it. Qt's own returns ``object`` in the type stubs."""
    return text


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The shipped language for a settings choice: itself, or for "system" (and anything
    unknown) the one matching the system locale, English when none does."""
    if choice in LANGUAGES:
        return choice
    locale = system or QLocale.system()
    for name in locale.uiLanguages():
        tag = name.replace("-", "_")
        if tag in LANGUAGES:
            return tag
        base = tag.split("_")[0]
        if base == "zh" and ("Hans" in tag or tag in ("zh", "zh_CN", "zh_SG")):
            return "zh_CN"
        if base in LANGUAGES:
            return base
    return "en"


def translations_folder() -> str:
    return str(resources.files("docket.resources") / "translations")


def install_language(choice: str) -> str:
    """Load Docket's and Qt's own translations for ``choice`` into the running application,
    set the default locale (dates, numbers, collation) and the layout direction; returns the
    language used. Calling it again replaces the previous language."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs a QApplication"
    language = resolve_language(choice)
    for old in _TRANSLATORS:
        app.removeTranslator(old)
    _TRANSLATORS.clear()
    locale = QLocale(language)
    if choice in LANGUAGES:  # "system" keeps the system's own formats (en_GB, de_AT...)
        QLocale.setDefault(locale)
    if language != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase", qt_folder), ("docket", translations_folder())):
            translator = QTranslator(app)
            if translator.load(f"{name}_{language}", folder):
                app.installTranslator(translator)
                _TRANSLATORS.append(translator)
    use_titles(
        None
        if language == "en"
        else {
            "one": translate("hidden_marks", "{name} (hidden character)"),
            "run": translate("hidden_marks", "{count} × {name} (hidden characters)"),
            "tags": translate(
                "hidden_marks",
                "{count} TAG characters from {start}, spelling hidden text (hidden characters)",
            ),
        }
    )
    set_direction = getattr(app, "setLayoutDirection", None)
    if set_direction is not None:
        set_direction(
            Qt.LayoutDirection.RightToLeft
            if locale.textDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.LayoutDirection.LeftToRight
        )
    return language


def collator() -> QCollator:
    """Compares strings as the interface's locale sorts them (case-insensitive, numbers by
    value: "Task 2" before "Task 10")."""
    c = QCollator(QLocale())
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setNumericMode(True)
    return c


def sorted_by_name(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """``items`` in the locale's order of ``key`` (a human-readable name)."""
    c = collator()
    return sorted(items, key=lambda item: c.sortKey(key(item)))
