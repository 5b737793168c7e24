"""Every user-visible string of docket.ui goes through Qt's translation: no string literal
(plain, f-string, concatenation or "...".format) is passed to a Qt setter or constructor
that puts text on screen, nor to the window's own helpers that do (``_action``,
``notify``, ``operations.run``). Parsed with ast: runs without Qt."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desktop" / "docket" / "ui"

# Qt methods whose string arguments are shown to the user.
SETTERS = frozenset(
    [
        "setText",
        "setToolTip",
        "setWindowTitle",
        "setPlaceholderText",
        "addAction",
        "setStatusTip",
        "showMessage",
        "addTab",
        "insertTab",
        "setTabText",
        "setTabToolTip",
        "setTitle",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setWhatsThis",
        "addMenu",
        "addRow",
        "setInformativeText",
        "setDetailedText",
        "addItem",
        "addItems",
        "insertItem",
        "setItemText",
        "setLabelText",
        "setPrefix",
        "setSuffix",
        "setSpecialValueText",
        "setAccessibleName",
        "setAccessibleDescription",
        "addButton",
        "setButtonText",
        "setCancelButtonText",
        "setOkButtonText",
        "setNameFilter",
        "setNameFilters",
        "setHtml",
        "setMarkdown",
        "setWindowIconText",
        "setTextValue",
        "setHeaderData",
        "setIconText",
    ]
)
# Qt classes whose constructors take a text, and QMessageBox / QFileDialog / QInputDialog
# statics (title, text, caption, filter).
CONSTRUCTORS = frozenset(
    [
        "QLabel",
        "QPushButton",
        "QAction",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QToolButton",
        "QMenu",
        "QCommandLinkButton",
        "QStandardItem",
        "QListWidgetItem",
        "QTreeWidgetItem",
        "QTableWidgetItem",
        "QProgressDialog",
        "QMessageBox",
        "QDockWidget",
    ]
)
STATICS = frozenset(
    [
        "warning",
        "information",
        "question",
        "critical",
        "about",
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
        "getText",
        "getMultiLineText",
        "getInt",
        "getDouble",
        "getItem",
    ]
)
# Docket's own helpers that put a text on screen: name -> the positions of such texts.
HELPERS = {"_action": (2,), "notify": (0, 1), "_button": (0, 1)}
# Texts that are no language: the product's name, symbols, and the like.
ALLOWED = frozenset({"Docket", "…", "—", "·", "✓", "⚑", "#"})
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _is_language(text: str) -> bool:
    return text not in ALLOWED and bool(_LETTERS.search(text))


def literal_texts(node: ast.expr) -> list[str]:
    """The language a call argument spells out as a literal (nothing for a variable, a
    translate() call, or a symbol)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if _is_language(node.value) else []
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [parts] if _is_language(parts) else []
    if isinstance(node, ast.BinOp):
        return literal_texts(node.left) + literal_texts(node.right)
    if isinstance(node, ast.IfExp):
        return literal_texts(node.body) + literal_texts(node.orelse)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return literal_texts(node.func.value)
    return []


def untranslated(source: str, filename: str = "<ui>") -> list[str]:
    """``file:line: text`` for every literal shown to the user untranslated."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in SETTERS or name in CONSTRUCTORS or name in STATICS:
            args = [*node.args, *(k.value for k in node.keywords)]
        elif name in HELPERS:
            args = [node.args[i] for i in HELPERS[name] if i < len(node.args)]
        elif (  # super().__init__("Guidelines", parent) in a widget subclass
            name == "__init__"
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Call)
            and getattr(func.value.func, "id", None) == "super"
        ):
            args = node.args[:1]
        elif (
            name == "run"
            and isinstance(func, ast.Attribute)
            and getattr(func.value, "attr", "") == "operations"
        ):
            args = node.args[:2]
        else:
            continue
        for arg in args:
            found += [f"{filename}:{arg.lineno}: {text!r}" for text in literal_texts(arg)]
    return found


def test_no_untranslated_literal_in_the_ui() -> None:
    modules = sorted(UI.glob("*.py"))
    assert len(modules) > 30
    found = [hit for path in modules for hit in untranslated(path.read_text(), path.name)]
    assert found == [], "\n".join(found)


def test_the_check_finds_each_kind_of_literal() -> None:
    sample = """
label.setText("Saved")
self.setWindowTitle(f"Docket — {name}")
QMessageBox.warning(self, "Docket", "Could not " + "save")
button = QPushButton("&Show" if a else "Hide")
box.setToolTip("{n} tasks".format(n=n))
_action(w, menu, "&Quit", "Ctrl+Q", w.close)
window.notify("Import", message)
window.operations.run("Import bundle", label, work)
super().__init__("Guidelines", parent)
"""
    found = untranslated(sample)
    for text in (
        "Saved",
        "Docket — ",
        "Could not ",
        "save",
        "&Show",
        "Hide",
        "{n} tasks",
        "&Quit",
        "Import",
        "Import bundle",
        "Guidelines",
    ):
        assert any(repr(text) in hit for hit in found), text
    assert len(found) == 11  # "Docket" alone and "Ctrl+Q" (a key, not a text) pass


def test_translated_symbols_and_variables_pass() -> None:
    sample = """
label.setText(translate("ctx", "Saved"))
label.setText(self.tr("%n task(s)", "", n))
label.setText(translate("ctx", "Hello {name}").format(name=name))
label.setText(message)
label.setText("…")
QMessageBox.warning(self, "Docket", str(exc))
"""
    assert untranslated(sample) == []
