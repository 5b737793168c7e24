"""The review window in another language: German labels; Arabic and Hebrew mirror the
whole layout (the task list on the right); Arabic, Hebrew, Chinese and Japanese responses
(the CJK ones real model answers) read each paragraph in its own direction and draw every
character with a glyph; editors follow the direction of the text as typed, whichever way
the interface runs; names sort by the locale's collation.

``DOCKET_SCREENSHOT=docs/rtl.png`` (Arabic; ``docs/cjk.png``: Japanese; or
``i18n-de.png``, ``i18n-he.png``...; with ``DOCKET_THEME=dark``) saves the window in that
language on a response in its script: the README's images.
"""

from __future__ import annotations

import gzip
import html
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="the Qt tests need PySide6")

from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextLayout
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTextBrowser

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.render.direction import text_direction
from docket.settings import Settings
from docket.ui.fonts import register_fonts
from docket.ui.i18n import install_language, resolve_language, sorted_by_name, translate
from docket.ui.main_window import MainWindow
from docket.ui.text_edit import PlainTextEdit
from tests.gui.screenshots import screenshot_target
from tests.gui.test_cjk_glyphs import utf16_units

DATA = Path(__file__).resolve().parents[1] / "data" / "multilingual"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in gzip.decompress((DATA / name).read_bytes()).splitlines()]


def _sample(name: str) -> str:
    part = (DATA / "rtl_samples.md").read_text(encoding="utf-8").split(f"## {name}\n", 1)[1]
    return part.split("\n## ", 1)[0].strip()


def tasks() -> list[Task]:
    ja_q = {r["question_id"]: r["turns"][0] for r in _rows("ja_question.jsonl.gz")}
    ja_a = _rows("ja_answer_swallow-70b.jsonl.gz")[0]
    zh_q = {r["question_id"]: r["turns"][0] for r in _rows("zh_question.jsonl.gz")}
    zh_a = _rows("zh_answer_gpt-4.jsonl.gz")[0]
    english = "The patient should see a doctor.\n\nA second, English paragraph."
    return [
        Task(
            "arabic",
            (Turn(Role.USER, "ما علاج ارتفاع ضغط الدم؟"),),
            (Response("a1", _sample("arabic")), Response("a2", english)),
        ),
        Task(
            "hebrew",
            (Turn(Role.USER, "מה דינו של חוזה שנחתם תחת כפייה?"),),
            (Response("h1", _sample("hebrew")), Response("h2", english)),
        ),
        Task(
            "japanese",
            (Turn(Role.USER, ja_q[ja_a["question_id"]]),),
            (Response("j1", ja_a["choices"][0]["turns"][0]), Response("j2", english)),
        ),
        Task(
            "chinese",
            (Turn(Role.USER, zh_q[zh_a["question_id"]]),),
            (Response("c1", zh_a["choices"][0]["turns"][0]), Response("c2", english)),
        ),
    ]


@pytest.fixture
def interface(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """Switches the interface to a language for one test; English, the locale and the
    layout direction are back afterwards."""
    locale, direction = QLocale(), qapp.layoutDirection()
    register_fonts()  # as the app does at start: CJK, Arabic and Hebrew never as boxes
    yield install_language
    install_language("en")
    QLocale.setDefault(locale)
    qapp.setLayoutDirection(direction)


def open_window(qtbot: Any, tmp_path: Path, key_path: Path, theme: str = "light") -> MainWindow:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks(tasks())
    window = MainWindow(ws, key_path, Settings(theme=theme), restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.controller.task is not None)
    return window


def open_task(window: MainWindow, qtbot: Any, task_id: str) -> QTextBrowser:
    """Open the task; the response in its language (the display order is shuffled)."""
    window.open_task(task_id)
    browsers = [c.browser for c in window.comparison.columns[:2]]
    qtbot.waitUntil(lambda: all(b.document().characterCount() > 20 for b in browsers))
    english = [b for b in browsers if b.toPlainText().startswith("The patient")]
    assert len(english) == 1
    return next(b for b in browsers if b is not english[0])


def blocks(browser: QTextBrowser) -> dict[str, Qt.LayoutDirection]:
    """First characters of each non-empty paragraph -> its direction."""
    out = {}
    block = browser.document().begin()
    while block.isValid():
        if block.text().strip():
            out[block.text().strip()[:12]] = block.textDirection()
        block = block.next()
    return out


def missing_glyphs(browser: QTextBrowser) -> list[str]:
    """Characters drawn as the missing-glyph box (glyph 0): each run of the document laid
    out again in its own font (a document drops its glyphs once drawn)."""
    missing: list[str] = []
    checked = 0
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            text = fragment.text()
            if text.strip():
                layout = QTextLayout(text, fragment.charFormat().font())
                layout.beginLayout()
                while (line := layout.createLine()).isValid():
                    line.setLineWidth(100_000)
                layout.endLayout()
                flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveAll  # string indexes too
                for run in layout.glyphRuns(-1, -1, flags):
                    checked += len(run.glyphIndexes())
                    at = utf16_units(text)
                    pairs = zip(run.glyphIndexes(), run.stringIndexes(), strict=True)
                    missing += [at[i] for g, i in pairs if g == 0 and not at[i].isspace()]
            it += 1
        block = block.next()
    assert checked > 0
    return sorted(set(missing))[:10]


def left_of(window: MainWindow, widget: Any) -> int:
    return int(widget.mapTo(window, QPoint(0, 0)).x())


def test_german_interface_shows_german_labels(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    assert interface("de") == "de"
    window = open_window(qtbot, tmp_path, key_path)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Datei", "&Aufgabe", "&Ansicht", "&Hilfe"]
    assert window.layoutDirection() == LTR
    model = window.task_list.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["#", "Status", "Prompt", "Zeit"]
    assert window.task_list._count.text() == "4 Aufgaben"  # a plural form, from self.tr
    # Qt's own strings too (qtbase_de): a standard button.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"


def test_english_interface_reads_naturally(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    interface("en")
    window = open_window(qtbot, tmp_path, key_path)
    assert window.task_list._count.text() == "4 tasks"  # no "(s)" without a translation
    assert window.menuBar().actions()[0].text() == "&File"


@pytest.mark.parametrize(
    ("code", "badge", "tooltip", "label"),
    [
        (
            "en",
            "⚠ PII: phone",
            "Possible PII: phone or fax number (high severity)",
            "Phone or fax number",
        ),
        (
            "de",
            "⚠ Personenbezug: Telefon",
            "Mögliche personenbezogene Daten: Telefon- oder Faxnummer (Schweregrad hoch)",
            "Telefon- oder Faxnummer",
        ),
        (
            "ja",
            "⚠ 個人情報：電話",
            "個人情報の可能性：電話番号またはファックス番号（重大度 高）",
            None,
        ),
    ],
)
def test_pii_badges_and_tooltips_speak_the_interface_language(
    interface: Callable[[str], str], code: str, badge: str, tooltip: str, label: str | None
) -> None:
    """The PII badge, its tooltip and the type's label are whole translated sentences
    (German nouns keep their capital inside the sentence; English lowers it)."""
    from docket.core.pii import PII_TYPES, Finding, Severity
    from docket.ui import pii_labels
    from docket.ui.pii_marking import badge as pii_badge
    from docket.ui.pii_marking import finding_tooltip, mark_tooltip

    interface(code)
    phone = Finding("PHONE", 0, 5, 0.9, Severity.HIGH, "r1")
    assert pii_badge("PHONE") == badge
    assert finding_tooltip(phone) == tooltip
    if label is not None:
        assert pii_labels.type_label("PHONE") == label
    assert "{" not in mark_tooltip("EMAIL")
    # Every type has a label and a badge word; an unknown type shows as itself.
    assert set(pii_labels.LABELS) == set(PII_TYPES) == set(pii_labels.BADGES)
    assert pii_labels.type_label("NEW_KIND") == "NEW_KIND"
    if code == "en":  # the English source is core's label, one definition
        assert all(pii_labels.type_label(t) == PII_TYPES[t][0] for t in PII_TYPES)
    # A quote keeps its own direction inside a right-to-left row (isolated), and only there.
    from docket.ui.i18n import isolate

    assert isolate("555-010-2233") == "555-010-2233"
    interface("ar")
    assert isolate("555-010-2233") == "\u2068555-010-2233\u2069"


@pytest.mark.parametrize(
    ("code", "one", "tags"),
    [
        ("en", "U+202E RIGHT-TO-LEFT OVERRIDE (hidden character)", "spelling hidden text"),
        ("de", "U+202E RIGHT-TO-LEFT OVERRIDE (verborgenes Zeichen)", "verborgenen Text"),
        ("ja", "U+202E RIGHT-TO-LEFT OVERRIDE（隠し文字）", "隠されたテキスト"),
    ],
)
def test_hidden_character_tooltips_speak_the_interface_language(
    interface: Callable[[str], str], code: str, one: str, tags: str
) -> None:
    """A hidden character's mark names it by its code point and Unicode name (the
    standard's, in every language) and says in the interface's words that it is hidden."""
    from docket.render.hidden import find_hidden, mark_html
    from docket.render.theme import theme_named

    interface(code)
    rlo, run, spelled = (find_hidden(t)[0] for t in ("a\u202eb", "a\u200b\u200bb", TAG_TEXT))
    assert rlo.title == one
    assert run.title.startswith("2") and "U+200B ZERO WIDTH SPACE" in run.title
    assert tags in spelled.title and "U+E0068" in spelled.title
    assert html.escape(one) in mark_html(rlo, theme_named("light"))
    if code != "en":  # English is back with the English interface
        interface("en")
        assert rlo.title == "U+202E RIGHT-TO-LEFT OVERRIDE (hidden character)"


def test_a_hidden_character_title_translated_with_a_wrong_field_falls_back_to_english() -> None:
    from docket.render.hidden import TITLES, find_hidden, use_titles

    try:
        use_titles({"one": "{nom} (caché)", "run": "{count} × {name}", "tags": "{count} {start}"})
        assert TITLES["one"] == "{name} (hidden character)"
        assert find_hidden("a\u200b\u200bb")[0].title == "2 × U+200B ZERO WIDTH SPACE"
    finally:
        use_titles(None)


TAG_TEXT = "x" + "".join(chr(0xE0000 + ord(c)) for c in "hi") + "y"


@pytest.mark.parametrize(("code", "file_menu"), [("ar", "&ملف"), ("he", "&קובץ")])
def test_right_to_left_interface_mirrors(
    interface: Callable[[str], str],
    qtbot: Any,
    tmp_path: Path,
    key_path: Path,
    code: str,
    file_menu: str,
) -> None:
    interface(code)
    window = open_window(qtbot, tmp_path, key_path)
    assert QApplication.layoutDirection() == RTL and window.layoutDirection() == RTL
    bar = window.menuBar()
    actions = bar.actions()
    assert actions[0].text() == file_menu
    # The first menu is at the right edge, the task list on the right of the responses.
    assert bar.actionGeometry(actions[0]).x() > bar.actionGeometry(actions[-1]).x()
    assert left_of(window, window.tasks_dock) > left_of(window, window.comparison)
    assert left_of(window, window.tasks_dock) > window.width() // 2
    # The responses keep their reading order: response A (the first) on the right.
    first, second = window.comparison.columns[:2]
    assert left_of(window, first.browser) > left_of(window, second.browser)


def test_left_to_right_interface_keeps_the_task_list_left(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    interface("ja")
    window = open_window(qtbot, tmp_path, key_path)
    assert window.layoutDirection() == LTR
    assert left_of(window, window.tasks_dock) < left_of(window, window.comparison)
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"


@pytest.mark.parametrize("code", ["ar", "en"])
def test_responses_in_four_scripts_read_in_their_direction_without_tofu(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path, code: str
) -> None:
    interface(code)
    window = open_window(qtbot, tmp_path, key_path)

    arabic = blocks(open_task(window, qtbot, "arabic"))
    assert arabic["يعاني المريض"] == RTL and arabic["تناول دواء a"] == RTL
    assert arabic["Dosage check"] == LTR and arabic["def mean_pre"] == LTR  # English, code
    english = [c.browser for c in window.comparison.columns[:2]]
    assert {blocks(b).get("The patient ") for b in english} == {LTR, None}
    assert blocks(window.comparison.prompt)["ما علاج ارتف"] == RTL

    hebrew = blocks(open_task(window, qtbot, "hebrew"))
    assert hebrew["לפי סעיף 12("] == RTL and hebrew["יש להגיש את "] == RTL

    for task_id in ("arabic", "hebrew", "japanese", "chinese"):
        browser = open_task(window, qtbot, task_id)
        if task_id in ("japanese", "chinese"):  # CJK reads left to right, every paragraph
            assert set(blocks(browser).values()) == {LTR}, task_id
            assert len(browser.document().toPlainText()) > 200
        for view in (browser, window.comparison.prompt):
            assert missing_glyphs(view) == [], task_id


def type_text(editor: PlainTextEdit, text: str) -> None:
    """Key presses carrying each character (QTest's keyClicks takes ASCII only)."""
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "\r" if ch == "\n" else ch)
            QApplication.sendEvent(editor, event)


def editors(window: MainWindow) -> list[PlainTextEdit]:
    return [
        e
        for e in window.answer_panel.findChildren(PlainTextEdit)
        if e.isVisibleTo(window) and not e.isReadOnly()
    ]


@pytest.mark.parametrize("code", ["ar", "en"])
def test_editors_follow_the_typed_direction_per_paragraph(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path, code: str
) -> None:
    interface(code)
    window = open_window(qtbot, tmp_path, key_path)
    found = editors(window)
    assert found, "no text editor in the answer form"
    for editor in found:
        editor.setFocus()
        editor.clear()
        type_text(editor, "English rationale first.\nثم فقرة عربية عن الجرعة 5 mg.\n")
        type_text(editor, "2024 — שורה בעברית")
        doc = editor.document()
        lines = [doc.findBlockByNumber(i) for i in range(doc.blockCount())]
        assert [b.textDirection() for b in lines] == [LTR, RTL, RTL], editor.accessibleName()
        for b in lines:  # the renderer's rule, on the text as typed
            assert (b.textDirection() == RTL) == (text_direction(b.text()) == "rtl")
        # Laid out so: the English line starts at the left, the Arabic one at the right.
        layout = editor.document().documentLayout()
        english = layout.blockBoundingRect(lines[0])
        assert lines[0].layout().lineAt(0).naturalTextRect().left() < english.width() / 4
        assert lines[1].layout().lineAt(0).naturalTextRect().right() > english.width() * 3 / 4
        editor.clear()


def test_names_sort_by_the_locales_collation(interface: Callable[[str], str]) -> None:
    names = ["Zoë", "Ärztin", "arzt", "Öztürk", "Reviewer 10", "Reviewer 2", "Becker"]
    interface("de")
    assert sorted_by_name(names, str) == [
        "arzt",
        "Ärztin",
        "Becker",
        "Öztürk",
        "Reviewer 2",
        "Reviewer 10",
        "Zoë",
    ]
    assert sorted(names) != sorted_by_name(names, str)  # code points put Ä and Ö last


def test_reviewer_names_in_the_adjudication_text_sort_by_collation(
    interface: Callable[[str], str],
) -> None:
    from docket.ui.reviews_panel import describe

    interface("de")

    class Order:
        order = ("r1",)

        def label_of(self, rid: str) -> str:
            return "A"

    spans = {
        "spans": [
            {"response": "r1", "start": 0, "end": 1, "quote": "x", "label": name}
            for name in ("Zahl", "Ärger", "Dosis")
        ]
    }
    text = describe("spans", spans["spans"], Order())  # type: ignore[arg-type]
    assert text.index("Ärger") < text.index("Dosis") < text.index("Zahl"), text


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("de_AT", "de"),
        ("fr_CA", "fr"),
        ("es_MX", "es"),
        ("ar_EG", "ar"),
        ("he_IL", "he"),
        ("zh_CN", "zh_CN"),
        ("ja_JP", "ja"),
        ("en_GB", "en"),
        ("pt_BR", "en"),
    ],
)
def test_the_language_follows_the_system_locale(system: str, expected: str) -> None:
    assert resolve_language("system", QLocale(system)) == expected
    assert resolve_language("he", QLocale(system)) == "he"  # a choice wins


def test_settings_keep_the_chosen_language(tmp_path: Path) -> None:
    settings = Settings(language="ar")
    settings.save()
    assert Settings.load().language == "ar"
    assert Settings().language == "system"


def test_the_language_menu_stores_the_choice(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, key_path)
    view = window.menuBar().actions()[2].menu()
    language = next(a.menu() for a in view.actions() if a.text() == "&Language")
    choices = {a.text(): a for a in language.actions()}
    assert {"As the system", "Deutsch", "العربية", "עברית", "简体中文", "日本語"} <= set(choices)
    choices["日本語"].trigger()
    assert window.settings.language == "ja" and choices["日本語"].isChecked()
    assert translate("main_window", "Saved") == "Saved"  # applies at the next start


@pytest.mark.skipif(not os.environ.get("DOCKET_SCREENSHOT"), reason="a manual screenshot run")
def test_screenshot(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    target = screenshot_target()
    assert target is not None
    named = {"rtl": "ar", "cjk": "ja"}  # the README's images
    stem = target.stem.split("-")
    code = named.get(stem[0]) or stem[1]  # rtl, cjk-dark, i18n-de, i18n-zh_CN ...
    interface(code)
    window = open_window(qtbot, tmp_path, key_path, os.environ.get("DOCKET_THEME", "light"))
    window.resize(1600, 1000)  # the window's size on a first start
    tasks = {"ar": "arabic", "he": "hebrew", "ja": "japanese", "zh_CN": "chinese"}
    open_task(window, qtbot, tasks.get(code, "arabic"))
    qtbot.wait(300)
    window.grab().save(str(target))


def test_an_early_submit_names_the_problems_in_the_interface_language(
    interface: Callable[[str], str], qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    interface("de")
    window = open_window(qtbot, tmp_path, key_path)
    window.submit_and_next()
    label = window.answer_panel.issue_label("preference")
    assert label is not None
    qtbot.waitUntil(lambda: not label.isHidden())
    assert "Erforderlich" in label.text() and "required" not in label.text()
