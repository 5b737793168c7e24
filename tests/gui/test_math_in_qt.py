"""Typeset formulas as Qt shows them: the only images a document loads, on the text
baseline, in the theme's text colour, sharp at 200 %, text marked "as text" where they
could not be typeset, the LaTeX on Copy, and typeset in the background by the window.

``DOCKET_SCREENSHOT=docs/math.png pytest tests/gui/test_math_in_qt.py -k screenshot``
saves the README's picture (light and dark side by side).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from docket import Workspace
from docket.core import Response, Role, Task, Turn
from docket.core.display_order import DisplayOrder
from docket.core.documents import Document
from docket.render import DARK, LIGHT, THEMES, formulas_of, to_html
from docket.render.formula_images import AS_TEXT, image_box, read_math_url
from docket.render.typeset import Formula, NotTypeset, Result, formula_key, typeset
from docket.settings import Settings
from docket.ui.comparison_view import ComparisonView, SafeBrowser
from docket.ui.main_window import MainWindow
from docket.ui.math_images import (
    IMAGES,
    MAX_IMAGE_PIXELS,
    FormulaLookup,
    MathDocument,
    rasterise,
    text_metrics,
)
from tests.helpers import ROOT

MATH_SAMPLE = (ROOT / "tests" / "render" / "math_sample.md").read_text(encoding="utf-8")
QUADRATIC = r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}"
TEXT = rf"""The roots are ${QUADRATIC}$; it costs $5 and $10.

$$\begin{{pmatrix}} 2 & 1 \\ 1 & 3 \end{{pmatrix}}$$

An unknown command $\foo{{x}}$ stays text.
"""
HOSTILE = (
    '\n\n![x](http://evil.example/a.png) <img src="file:///etc/hosts"> '
    "![y](data:image/png;base64,iVBORw0KGgo=) ![z](docket-math:inline/0123abcd)\n"
)


def typeset_of(text: str) -> dict[str, Result]:
    return {formula_key(latex, d): typeset(latex, d) for latex, d in formulas_of(text)}


def source_of(formulas: dict[str, Result]) -> Any:
    return lambda keys: {k: formulas[k] for k in keys if k in formulas}


def browser_with(
    qtbot: Any, text: str, formulas: dict[str, Result], theme: Any = LIGHT
) -> SafeBrowser:
    view = SafeBrowser()
    qtbot.addWidget(view)
    view.resize(700, 500)
    lookup = FormulaLookup(source_of(formulas))
    html = to_html(text, theme=theme, formulas=lookup, metrics=text_metrics(view.font()))
    view.set_math_html(html, lookup, theme.text)
    return view


def image_names(doc: QTextDocument) -> list[str]:
    names = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def _names_in(block: Any) -> list[str]:
    names = []
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isImageFormat():
            names.append(fmt.toImageFormat().name())
        it += 1
    return names


def test_the_document_holds_images_for_its_formulas_and_loads_nothing_else(qtbot: Any) -> None:
    formulas = typeset_of(TEXT)
    view = browser_with(qtbot, TEXT + HOSTILE, formulas)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paint: every image in view is asked for
    doc = view.document()
    assert isinstance(doc, MathDocument)
    names = image_names(doc)
    typeset_keys = {k for k, v in formulas.items() if isinstance(v, Formula)}
    assert len(names) == len(typeset_keys) == 2
    assert {read_math_url(n)[0] for n in names if read_math_url(n)} == typeset_keys  # type: ignore[index]
    assert doc.refused == []  # nothing else was even asked for
    text = doc.toPlainText()
    assert text.count("not loaded") == 3 and "&lt;img" not in text and "<img" in text
    # Asked directly, the document refuses every other address, and a formula it was
    # not rendered with.
    for url in (
        "file:///etc/hosts",
        "http://evil.example/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "docket-math:inline/0123abcd",
    ):
        assert doc.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None
    assert len(doc.refused) == 4


def ink_rows(image: QImage, x0: int, x1: int, test: Any) -> list[int]:
    return [
        y for y in range(image.height()) if any(test(image.pixelColor(x, y)) for x in range(x0, x1))
    ]


def ink_columns(image: QImage, test: Any) -> list[int]:
    return [
        x
        for x in range(image.width())
        if any(test(image.pixelColor(x, y)) for y in range(image.height()))
    ]


def red(c: QColor) -> bool:
    return c.red() - c.green() > 80


def dark(c: QColor) -> bool:
    return c.red() < 90 and c.green() < 90 and c.blue() < 90


@pytest.mark.parametrize("latex", [r"\mathrm{H}", r"\mathrm{H}\frac{1}{2}", r"\mathrm{H}_{2}^{3}"])
@pytest.mark.parametrize("points", [10, 16])
def test_an_inline_formula_sits_on_the_text_baseline(qtbot: Any, latex: str, points: int) -> None:
    """The formula's first letter, an H, ends on the same pixel row as the text's H."""
    font = QFont("DejaVu Sans", points)
    doc = MathDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(4)
    formulas = {formula_key(latex, False): typeset(latex, False)}
    metrics = text_metrics(font)
    html = to_html(f"HH ${latex}$ HH", formulas=formulas, metrics=metrics)
    doc.use_formulas(formulas, metrics, "#ff0000", lambda: 1.0)
    doc.setHtml(html)
    doc.setTextWidth(600)
    image = QImage(600, int(doc.size().height()) + 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))  # whatever the theme
    doc.documentLayout().draw(painter, context)
    painter.end()
    columns = ink_columns(image, red)
    assert columns, "the formula was not drawn"
    h_columns = [x for x in columns if x < columns[0] + 6]  # the formula's H
    formula_bottom = ink_rows(image, h_columns[0], h_columns[-1] + 1, red)[-1]
    text_bottom = ink_rows(image, 0, 8, dark)[-1]  # the text's first H
    assert abs(formula_bottom - text_bottom) <= 1


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_formulas_are_drawn_in_the_theme_text_colour(theme: Any) -> None:
    formula = typeset(QUADRATIC, False)
    assert isinstance(formula, Formula)
    box = image_box(formula, text_metrics(QFont()), False)
    image = rasterise(formula, box, QColor(theme.text), 4)
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() >= 128
    ]
    assert sum(c.alpha() == 255 for c in inked) > 200
    want = QColor(theme.text)
    for c in inked:  # the edges' colour is the text colour too, only more transparent
        assert (
            max(
                abs(c.red() - want.red()),
                abs(c.green() - want.green()),
                abs(c.blue() - want.blue()),
            )
            <= 3
        )


def test_formulas_are_rasterised_at_the_device_pixel_ratio(qtbot: Any) -> None:
    formulas = typeset_of(TEXT)
    key = formula_key(QUADRATIC, False)
    formula = formulas[key]
    assert isinstance(formula, Formula)
    metrics = text_metrics(QFont())
    for ratio in (1.0, 2.0):
        doc = MathDocument()
        doc.use_formulas(formulas, metrics, LIGHT.text, lambda r=ratio: r)
        image = doc.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(f"docket-math:inline/{key}")
        )
        box = image_box(formula, metrics, False)
        assert image.devicePixelRatio() == ratio
        assert (image.width(), image.height()) == (box.width * ratio, box.height * ratio)
    # A formula larger than any screen is drawn at a lower ratio, never unbounded.
    huge = Formula(formula.svg, 40_000, 2_000, 0)
    image = rasterise(huge, image_box(huge, metrics, True), QColor("black"), 2.0)
    assert image.width() * image.height() <= MAX_IMAGE_PIXELS * 1.01


def test_a_formula_that_could_not_be_typeset_is_marked_in_words(qtbot: Any) -> None:
    view = browser_with(qtbot, TEXT, typeset_of(TEXT))
    text = view.document().toPlainText()
    assert f"x {AS_TEXT} stays text" in text.replace("\u202f", " ")
    assert "could not be typeset" in text  # the notice under the response
    cursor = view.document().find(AS_TEXT)
    assert "unknown command \\foo" in cursor.charFormat().toolTip()


def test_copy_puts_the_latex_of_each_formula_on_the_clipboard(qtbot: Any) -> None:
    view = browser_with(qtbot, TEXT, typeset_of(TEXT))
    view.selectAll()
    data = view.createMimeDataFromSelection()
    assert f"The roots are ${QUADRATIC}$; it costs $5 and $10." in data.text()
    assert "$$\\begin{pmatrix} 2 & 1 \\\\ 1 & 3 \\end{pmatrix}$$" in data.text()
    assert "\ufffc" not in data.text() and "<img" not in data.html()
    assert data.hasFormat("x-kde-passwordManagerHint")  # still marked sensitive
    alt = view.document().find("\ufffc").charFormat().toImageFormat()
    assert alt.property(alt.Property.ImageAltText) == QUADRATIC  # what a reader is given
    assert alt.toolTip() == QUADRATIC  # and what hovering shows


def task_with(text: str, task_id: str = "t") -> Task:
    return Task(
        task_id,
        (Turn(Role.USER, f"Solve $x^2 = 2$ ({task_id})"),),
        (Response("a", text), Response("b", "No math here.")),
    )


def test_the_comparison_view_shows_formulas_when_they_arrive(qtbot: Any) -> None:
    formulas: dict[str, Result] = {}
    view = ComparisonView(LIGHT)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.set_formula_source(source_of(formulas))
    view.show()
    qtbot.waitExposed(view)
    task, order = task_with(TEXT), DisplayOrder(("a", "b"))
    view.set_task(task, order)
    browser = view.columns[0].browser
    assert image_names(browser.document()) == [] and view.prompt.document() is not None
    formulas.update(typeset_of(TEXT) | typeset_of(task.conversation[0].content))
    view.formulas_arrived()
    assert len(image_names(browser.document())) == 2
    assert len(image_names(view.prompt.document())) == 1  # the prompt's formula too
    # The raw view still shows the source.
    view.columns[0].raw_button.setChecked(True)
    assert QUADRATIC in browser.toPlainText() and image_names(browser.document()) == []
    view.columns[0].raw_button.setChecked(False)
    # The next task's formulas are drawn ahead of time; locking forgets them all.
    IMAGES.clear()
    view.prefetch(task_with(TEXT, "next"), order)
    assert len(IMAGES) >= 2
    view.clear()
    assert len(IMAGES) == 0


def test_the_window_typesets_in_the_background_and_shows_the_task_again(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    source = Document("1", r"The dose is $15\,\mathrm{mg/kg}$ a day.", "Dosing")
    first = dataclasses.replace(task_with(TEXT, "one"), documents=(source,))
    ws.load_tasks(
        [first, task_with(r"And $\frac{\sqrt{\pi}}{2}$.", "two")],
        guidelines=r"Check units: \(\mathrm{mg/kg}\).",
    )
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.task is not None)
    index = window.controller.order.order.index("a")  # type: ignore[union-attr]
    browser = window.comparison.columns[index].browser
    qtbot.waitUntil(lambda: window.typesetting.runs == 1, timeout=60_000)
    assert ws.formulas_pending() == 0 and not window.operations.busy()
    assert len(image_names(browser.document())) == 2  # shown again, typeset
    assert len(image_names(window.comparison.prompt.document())) == 1
    assert len(image_names(window.guidelines.browser.document())) == 1
    assert len(image_names(window.sources.browser.document())) == 1
    assert not window.typesetting.label.isVisible()
    window.close()
    ws.close()


def test_locking_stops_background_typesetting_first(
    qtbot: Any, tmp_path: Path, key_path: Path
) -> None:
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task_with(rf"${i}x^{{{i}}}$", f"t{i}") for i in range(40)])
    window = MainWindow(ws, key_path, Settings(), restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.operations.background(), timeout=10_000)
    window.lock()  # at once: typesetting stops at its next stage, and the lock follows
    assert window.is_locked() and not window.operations.busy() and ws.locked
    assert len(IMAGES) == 0
    window.close()


def render_math_screenshot(path: Path) -> Path:
    """The README's picture: the sample answer in both themes, side by side (at the
    screen's pixel ratio: QT_SCALE_FACTOR=2 makes it at 200 %)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    formulas = typeset_of(MATH_SAMPLE)
    shots = []
    for theme in THEMES.values():
        view = SafeBrowser()
        view.setFont(QFont("DejaVu Sans", 10))
        palette = view.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(theme.background))
        palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
        view.setPalette(palette)
        view.resize(620, 400)
        lookup = FormulaLookup(source_of(formulas))
        html = to_html(MATH_SAMPLE, theme=theme, formulas=lookup, metrics=text_metrics(view.font()))
        view.set_math_html(html, lookup, theme.text)
        view.show()
        app.processEvents()
        view.document().setTextWidth(view.viewport().width())
        view.resize(620, int(view.document().size().height()) + 4)
        app.processEvents()
        shots.append(view.grab())
        view.close()
    ratio = shots[0].devicePixelRatio()
    image = QImage(
        sum(s.width() for s in shots), max(s.height() for s in shots), QImage.Format.Format_RGB32
    )
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    x = 0.0
    for shot in shots:
        painter.drawPixmap(round(x), 0, shot)
        x += shot.width() / ratio
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path))
    return path


def test_math_screenshot(qtbot: Any, tmp_path: Path) -> None:
    """Every construct of the sample typesets (none falls back) and the picture is made;
    DOCKET_SCREENSHOT writes it where asked (docs/math.png)."""
    formulas = typeset_of(MATH_SAMPLE)
    failed = {k: v for k, v in formulas.items() if isinstance(v, NotTypeset)}
    assert len(formulas) >= 12 and not failed, failed
    # Every formula an image, the displayed ones centred on lines of their own.
    doc = browser_with(qtbot, MATH_SAMPLE, formulas).document()
    assert len(image_names(doc)) == len(formulas_of(MATH_SAMPLE))
    block = doc.begin()
    displayed = 0
    while block.isValid():
        if any(name.startswith("docket-math:display/") for name in _names_in(block)):
            displayed += 1
            assert block.text() == "\ufffc"
            assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
        block = block.next()
    assert displayed == sum(d for _, d in formulas_of(MATH_SAMPLE))
    target = Path(os.environ.get("DOCKET_SCREENSHOT") or tmp_path / "math.png")
    written = render_math_screenshot(target)
    assert written.stat().st_size > 20_000


def test_an_import_waits_for_typesetting_to_stop_then_typesetting_resumes(
    qtbot: Any, tmp_path: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from docket.bundles import keys
    from docket.bundles.keys import PublicCard
    from docket.server.pack import pack
    from tests.helpers import pair_tasks

    server_key, server_card = keys.write_key_pair(
        keys.generate("server"), tmp_path / "server", passphrase=None
    )
    packed = pack(
        pair_tasks(tmp_path / "tasks.jsonl", 3),
        server=keys.load_secret_key(server_key),
        reviewers=[PublicCard.load(key_path.with_suffix(".pub"))],
        out_dir=tmp_path / "out",
        project="math",
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    ws = Workspace.open(tmp_path / "ws", key_path)
    ws.load_tasks([task_with(rf"${i}x^{{{i}}} + \frac{{{i}}}{{2}}$", f"t{i}") for i in range(60)])
    window = MainWindow(ws, key_path, Settings(), restore_layout=False, server_card=server_card)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.operations.background, timeout=10_000)
    window.import_bundle(packed.bundles[0].path)  # typesetting gives way
    qtbot.waitUntil(lambda: told == ["Imported 3 tasks."], timeout=30_000)
    qtbot.waitUntil(lambda: window.typesetting.runs == 1, timeout=60_000)  # and resumes
    assert ws.formulas_pending() == 0 and window.task_list.model.rowCount() == 63
    window.close()
    ws.close()
