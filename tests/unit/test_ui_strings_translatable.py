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


# --- the strict check: every literal with words in docket.ui -----------------------------
#
# Beyond the setters above, a text may reach the screen through a return value, an HTML
# fragment or a format string. Every string literal of docket.ui that reads as language
# (two letters in a row, outside HTML tags and style rules) must therefore be inside a
# translate() / tr() / QT_TRANSLATE_NOOP call, or be one of the kinds that never show:
# docstrings, dictionary keys and comparisons, object names, settings keys, key
# sequences, style sheets, and the identifiers listed below.

_TRANSLATING = {"translate", "tr", "QT_TRANSLATE_NOOP"}
# Calls whose string arguments are never shown (names, keys, styles, logs, errors for
# developers, Qt's own identifiers).
_SILENT_CALLS = {
    "setObjectName",
    "setProperty",
    "property",
    "setStyleSheet",
    "QKeySequence",
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "findall",
    "getattr",
    "setattr",
    "hasattr",
    "get",
    "pop",
    "setdefault",
    "startswith",
    "endswith",
    "split",
    "replace",
    "join",
    "value",
    "setValue",
    "contains",
    "remove",
    "debug",
    "info",
    "warning_log",
    "connect",
    "QDBusInterface",
    "QDBusConnection",
    "call",
    "SIGNAL",
    "SLOT",
    "encode",
    "decode",
    "files",
    "joinpath",
    "Path",
    "QColor",
    "setApplicationName",
    "setOrganizationName",
    "setDesktopFileName",
    "setStyle",
    "QSettings",
    "load",
    "isinstance",
    "TypeError",
    "ValueError",
    "IndexError",
    "KeyError",
    "AssertionError",
    "RuntimeError",
    "QLocale",
    "format_map",
    "strip",
    "lstrip",
    "rstrip",
    "index",
    "count",
    "QMimeData",
    "setData",
    "hasFormat",
    "QRegularExpression",
    "QUrl",
    "startDetached",
    "QFont",
    "setFamily",
    "addApplicationFont",
    "save",
    "QTemporaryFile",
    "mkstemp",
    "NamedTemporaryFile",
    "role_colour",
    "setHeaderLabelsKeys",
    "QIcon",
    "fromTheme",
    "Signal",
    "Property",
    "Slot",
    "setFormat",
    "format_style",
    "__import__",
    "import_module",
    "TypeVar",
    "cast",  # a type named as a string: typing.cast("RewriteEditor", editor)
    "mark_hidden_html",
}
# Whole literals that are identifiers, values or symbols rather than language.
_NOT_LANGUAGE = re.compile(
    r"^(?:[a-z_][a-z0-9_]*|[\w.-]+\.(?:otf|woff2|png|svg|qm)|/[\w/]+|[a-z]+(?:\.[A-Za-z]+)+"
    r"|rgba?\([\d., ]+\)|[A-Z][A-Z0-9_]+|[a-z]+(?:[-.:/][a-z0-9_]+)+|#[0-9a-fA-F]{3,8}"
    r"|(?:Ctrl|Shift|Alt|Meta|F\d+|Pg\w+|Page\w*|Enter|Return|Esc|Tab|Del\w*|Home|End"
    r"|Up|Down|Left|Right|Space|Backspace|[A-Z0-9+=\-/ ]|[+,.;:!?()\[\]{}<>=|/\\ ])+)$"
)
_TAG_OR_STYLE = re.compile(r"<[^>]*>|&\w+;|\b[\w-]+\s*:\s*[^;\"'<>]*;?|\{[^{}]*\}")
# Literals checked by hand and kept: not shown, or not language.
_KEPT = {
    "Docket",
    "Fusion",
    "PNG",
    "English",
    "Deutsch",
    "Français",
    "Español",
    "العربية",
    "עברית",
    "简体中文",
    "日本語",
    "no reason given",
    "Xy\nXy",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"',
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"',
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"',
    "org.nspasteboard.ConcealedType",
    "x-kde-passwordManagerHint",
    # identifiers, file names, D-Bus names and the formula filter's markup probes
    "docketAnsweredBlock",
    "zh_CN",
    "docket-.png",
    "pii-scan-",
    "-results",
    "<image",
    "href=",
    "url(",
    "<style",
    "@import",
    ' style="background-color: "',
}


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _literal_text(call: ast.Call) -> bool:
    """Is the text a translation call translates a literal (``tr(text)``,
    ``translate(context, text)``)?"""
    at = 0 if _call_name(call) == "tr" else 1
    text = call.args[at] if len(call.args) > at else None
    return isinstance(text, ast.Constant) and isinstance(text.value, str)


def _ancestors(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> list[ast.AST]:
    out = []
    while node in parents:
        node = parents[node]
        out.append(node)
    return out


def _silent_place(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Is the literal in a place that never reaches the screen?"""
    child, up = node, parents.get(node)
    while up is not None:
        if isinstance(up, ast.Call):
            name = _call_name(up)
            if name in _TRANSLATING or name in _SILENT_CALLS:
                return True
        if isinstance(up, ast.Expr):  # docstrings and attribute docstrings
            return isinstance(child, ast.Constant)
        if isinstance(up, ast.Compare) or (isinstance(up, ast.Subscript) and child is up.slice):
            return True
        if isinstance(up, ast.Dict) and child in up.keys:
            return True
        if isinstance(up, ast.keyword) and up.arg in ("objectName", "key", "encoding"):
            return True
        if isinstance(up, (ast.Assert, ast.Raise)):
            return True
        if isinstance(up, ast.Assign) and any(
            isinstance(t, ast.Name) and ((t.id.isupper() and "STYLE" in t.id) or t.id == "__all__")
            for t in up.targets
        ):
            return True
        if isinstance(up, (ast.FunctionDef, ast.ClassDef, ast.Module)):
            return False
        child, up = up, parents.get(up)
    return False


def _reads_as_language(text: str) -> bool:
    if text in _KEPT or _NOT_LANGUAGE.match(text.strip()):
        return False
    words = _TAG_OR_STYLE.sub(" ", text)
    return bool(re.search(r"[^\W\d_]{2,}", words)) and not _NOT_LANGUAGE.match(words.strip())


def language_literals(source: str, filename: str = "<ui>") -> list[str]:
    """``file:line: text`` for every literal of ``source`` that reads as language outside
    a translation call (an f-string's literal parts count together), and every translation
    call written inside an f-string (``pyside6-lupdate`` does not see those: the text would
    stay English)."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _call_name(node) in _TRANSLATING
            and _literal_text(node)
            and any(isinstance(up, ast.JoinedStr) for up in _ancestors(node, parents))
        ):
            found.append(f"{filename}:{node.lineno}: a translation inside an f-string")
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), ast.JoinedStr):
                continue
            text = node.value
        else:
            continue
        if _reads_as_language(text) and not _silent_place(node, parents):
            found.append(f"{filename}:{node.lineno}: {text[:80]!r}")
    return found


def test_every_text_of_the_ui_is_translatable() -> None:
    modules = sorted(UI.glob("*.py"))
    found = [hit for path in modules for hit in language_literals(path.read_text(), path.name)]
    assert found == [], "untranslated texts in docket.ui:\n" + "\n".join(found)


def test_the_strict_check_finds_texts_anywhere() -> None:
    sample = '''
def words(n):
    """A docstring is no text on screen."""
    if n == "done":
        return f"{n} criteria still open"
    return "<p style='margin: 0'><b>Why</b></p>"
HTML = f"<span style='color: {c}'>(no rationale)</span>"
MARK_STYLE = "QWidget#x { border-left: 4px solid palette(mid); }"
key = "Ctrl+Shift+A"
label.setObjectName("suggestion-mark")
ok = translate("ctx", "Translated text")
'''
    found = language_literals(sample)
    assert len(found) == 3, found
    hidden = language_literals("x = f\"{translate('ctx', 'Yours')}: {n}\"\n")
    assert hidden == ["<ui>:1: a translation inside an f-string"], hidden
    for text in ("criteria still open", "Why", "(no rationale)"):
        assert any(text in hit for hit in found), text
