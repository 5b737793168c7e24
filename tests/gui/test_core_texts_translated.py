"""The texts that used to stay English in a translated window: the core's reasons (a
validation problem, a refused span, a link's warning) shown through
``docket.ui.core_texts.shown``, the judge's verdict and the answers in words, the
adjudication summaries, spoken durations, and plural forms through Qt's numerus rules
(Arabic's six included)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("PySide6", reason="the Qt tests need PySide6")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from docket.core.display_order import DisplayOrder
from docket.core.schema import Schema
from docket.core.suggestions import Suggestion
from docket.core.validation import check_answers
from docket.render.links import check_link
from docket.ui.core_texts import TEMPLATES, shown
from docket.ui.i18n import LANGUAGES, Plural, english_plural, install_language
from docket.ui.quality_views import seconds_text, verdict_text
from docket.ui.reviews_panel import describe
from docket.ui.suggestion_views import judge_html
from docket.ui.task_list import _spoken_duration

SCHEMA = Schema.from_json(
    {
        "version": 1,
        "questions": [
            {"type": "preference", "id": "preference"},
            {"type": "text", "id": "rationale", "min_length": 20, "required": True},
        ],
    }
)
ORDER = DisplayOrder(("r1", "r2"))


@pytest.fixture
def interface(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    locale, direction = QLocale(), qapp.layoutDirection()
    yield install_language
    install_language("en")
    QLocale.setDefault(locale)
    qapp.setLayoutDirection(direction)


def _problem(answers: dict) -> str:
    return shown(dict(check_answers(SCHEMA, list(ORDER.order), answers))["rationale"])


def test_english_shows_the_core_text_unchanged(interface: Callable[[str], str]) -> None:
    interface("en")
    assert _problem({"rationale": "short"}) == "at least 20 characters required (5 given)"
    for message in ("required", "not graded yet"):
        assert shown(message) == message  # a plain str passes as it is


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "mindestens 20 Zeichen erforderlich (5 angegeben)"),
        ("fr", "au moins 20 caractères requis (5 donnés)"),
        ("ja", "20 文字以上必要です（現在 5）"),
        ("ar", "مطلوب 20 محرفًا على الأقل (أُعطي 5)"),
    ],
)
def test_a_validation_problem_speaks_the_interface_language(
    interface: Callable[[str], str], code: str, expected: str
) -> None:
    interface(code)
    assert _problem({"rationale": "short"}) == expected


def test_nested_reasons_and_lists_translate(interface: Callable[[str], str]) -> None:
    interface("de")
    schema = Schema.from_json(
        {
            "version": 1,
            "questions": [
                {"type": "flags", "id": "flags", "response_flags": ["unsafe"]},
                {
                    "type": "text",
                    "id": "why",
                    "required": False,
                    "required_when": [{"question": "flags", "condition": "any_flag"}],
                },
            ],
        }
    )
    issues = dict(check_answers(schema, ["r1", "r2"], {"flags": {"r1": ["unsafe"]}}))
    assert shown(issues["why"]) == "erforderlich, wenn eine beliebige Markierung"


def test_a_link_warning_is_translated(interface: Callable[[str], str]) -> None:
    interface("fr")
    (warning,) = check_link("https://user@example.com/").warnings
    assert shown(warning) == (
        "La partie avant « @ » (user) est un nom d'utilisateur, pas le site : ce lien "
        "ouvre example.com."
    )


def test_the_judges_verdict_and_answers_in_words(interface: Callable[[str], str]) -> None:
    interface("de")
    suggestion = Suggestion("t", "gpt-4", {"preference": {"better": "r2", "strength": "strong"}})
    page = judge_html(SCHEMA, {"preference": {"better": "r1"}}, suggestion, ORDER)
    assert (
        "Der KI-Gutachter (gpt-4) bevorzugt Antwort B (strong); Sie haben Antwort A gewählt."
        in page
    )
    assert "Antwort B ist besser (strong)" in page and "Weicht ab" in page
    assert "The judge" not in page and "is better" not in page


def test_adjudication_summaries_and_durations(interface: Callable[[str], str]) -> None:
    interface("fr")
    assert describe("preference", {"better": "r2", "strength": "strong"}, ORDER) == (
        "B bien meilleure"
    )
    rubric = {"r1": {"c1": {"met": True}, "c2": {"met": False}}}
    assert describe("rubric", rubric, ORDER) == "A: 1 satisfait, 1 non satisfait"
    assert _spoken_duration(75) == "1 minute 15 secondes passées"
    assert seconds_text(65) == "1 min 5 s"
    assert verdict_text(None) == "– non noté"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "استُورد 0 مهمة."),
        (1, "استُوردت مهمة واحدة."),
        (2, "استُوردت مهمتان."),
        (3, "استُوردت 3 مهام."),
        (11, "استُوردت 11 مهمة."),
        (100, "استُوردت 100 مهمة."),
    ],
)
def test_arabic_plurals_take_each_of_the_six_forms(
    interface: Callable[[str], str], n: int, expected: str
) -> None:
    interface("ar")
    assert english_plural(Plural.tr("Imported %n task(s).", "", n), n) == expected


def test_english_plurals(interface: Callable[[str], str]) -> None:
    interface("en")
    said = [english_plural(Plural.tr("Imported %n task(s).", "", n), n) for n in (1, 2)]
    assert said == ["Imported 1 task.", "Imported 2 tasks."]
    assert english_plural(Plural.tr("%n criterion(s) written", "", 3), 3) == "3 criteria written"


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_core_template_has_a_translation(interface: Callable[[str], str], code: str) -> None:
    interface(code)
    from docket.ui.i18n import translate

    cognates = {"de": {"System"}, "fr": {"Assistant"}}  # spelled alike in both languages
    same = [t for t in TEMPLATES if translate("core_texts", t) == t]
    same = [t for t in same if t not in cognates.get(code, set())]
    # Only templates of names, numbers and punctuation may read the same.
    assert all(not any(ch.isalpha() for ch in t.replace("{", " {").split("{")[0]) for t in same), (
        same
    )


def test_the_hidden_characters_notice_is_translated(interface: Callable[[str], str]) -> None:
    from docket.render.hidden import HIDDEN_EXPLANATION, hidden_notice
    from docket.ui.i18n import translate

    interface("de")
    places = [("der Aufforderung", "a\u202eb"), ("Antwort B", "x\u200by\u200bz")]
    notice = hidden_notice(places)
    assert notice is not None and notice.startswith("⚠ 3 hidden characters in ")
    assert shown(notice) == (
        "⚠ 3 verborgene Zeichen in der Aufforderung und Antwort B (1 Richtungssteuerzeichen, "
        "2 Zeichen ohne Breite), angezeigt als Markierungen wie ⟨RLO⟩."
    )
    assert translate("core_texts", HIDDEN_EXPLANATION).startswith("Verborgene Zeichen")


def test_errors_read_in_the_interface_language(interface: Callable[[str], str]) -> None:
    from docket.errors import DocketError, ExpiredBundleError, WrongPassphraseError
    from docket.ui.error_texts import SUMMARIES, error_text, short_text

    expired = ExpiredBundleError("The bundle expired on 2026-01-01.")
    interface("en")
    assert error_text(expired) == str(expired)  # English: as the command line says it
    assert short_text(WrongPassphraseError("Wrong passphrase.")) == "Wrong passphrase."
    interface("es")
    assert error_text(expired) == (
        "Este paquete ha caducado. Pida un paquete nuevo al responsable del proyecto.\n\n"
        "Detalles: The bundle expired on 2026-01-01."
    )
    assert short_text(WrongPassphraseError("x")) == "La frase de contraseña no es correcta."
    # Every kind of error has a sentence, the most specific first.
    kinds = [kind for kind, _ in SUMMARIES]
    assert kinds[-1] is DocketError
    for i, kind in enumerate(kinds):
        assert not any(issubclass(kind, earlier) for earlier in kinds[:i]), kind


def test_conversation_labels_and_fold_line_are_translated(
    interface: Callable[[str], str],
) -> None:
    from docket.core import Role, Turn
    from docket.render.conversation import conversation_to_html
    from docket.render.theme import LIGHT
    from docket.ui.i18n import translate

    interface("de")
    turns = [Turn(Role.USER if i % 2 == 0 else Role.ASSISTANT, f"turn {i}") for i in range(9)]
    page = conversation_to_html(
        turns, LIGHT, folded=True, key_hint="", words=lambda t: translate("core_texts", t)
    )
    assert "Nutzer" in page and "die Antworten beziehen sich auf diesen Beitrag" in page
    assert "6 frühere Beiträge (einblenden)" in page
    english = conversation_to_html(turns, LIGHT, folded=True)
    assert "User" in english and "6 earlier turns (show)" in english


def _server_reason_samples() -> list[str]:
    """Each reason ``docket.server.verdicts`` writes, its values filled in (read with ast)."""
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "desktop/docket/server/verdicts.py"
    samples = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and getattr(node.func.value, "attr", "") == "reasons"
        ):
            for n in (1, 2):
                values = iter(["r1", "r2"])
                text = ""
                written = node.args[0]
                assert isinstance(written, ast.JoinedStr)
                for piece in written.values:
                    if isinstance(piece, ast.Constant):
                        text += str(piece.value)
                    elif not isinstance(piece, ast.FormattedValue):
                        continue
                    elif isinstance(piece.value, ast.Name) and piece.value.id in ("n", "unshared"):
                        text += str(n)
                    elif isinstance(piece.value, ast.IfExp):  # 'criterion' if n == 1 else ...
                        branch = piece.value.body if n == 1 else piece.value.orelse
                        assert isinstance(branch, ast.Constant)
                        text += str(branch.value)
                    elif piece.conversion == ord("r"):
                        text += "'unsafe'"
                    else:
                        text += next(values, "task")
                samples.append(text)
    return samples


def test_every_server_reason_is_translated(interface: Callable[[str], str]) -> None:
    from docket.ui.reviews_panel import server_reason

    samples = _server_reason_samples()
    assert len(samples) >= 12  # six kinds of reason, each with one and with two
    interface("de")
    for text in samples:
        said = server_reason(text, ORDER)
        assert said != text and "reviewers only" not in said and " vs " not in said, said
    assert server_reason("opposite preferences on r1 vs r2", ORDER) == (
        "gegensätzliche Präferenzen bei Antwort A und Antwort B"
    )
    assert server_reason("2 rubric criteria graded differently", ORDER) == (
        "2 Rubrik-Kriterien unterschiedlich bewertet"
    )
