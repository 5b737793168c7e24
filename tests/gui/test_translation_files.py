"""Each shipped language translates 100 % of the interface: its .ts (tracked as .ts.gz)
holds exactly the messages ``pyside6-lupdate`` extracts from docket.ui today (so a new string without
translations fails here), none unfinished or empty, every placeholder, accelerator and
plural form kept; and the .qm that ``make translations`` builds load."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="the translation tools come with PySide6")

from PySide6.QtCore import QLocale, QTranslator

from docket.ui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
SHIPPED = [code for code in LANGUAGES if code != "en"]
BIN = Path(sys.executable).parent
# Plural forms Qt expects per language (its numerus rules).
FORMS = {"de": 2, "fr": 2, "es": 2, "he": 2, "ar": 6, "zh_CN": 1, "ja": 1}

Message = tuple[str, str, bool]  # context, source, numerus


def tool(name: str) -> str:
    found = shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)
    if found is None:
        pytest.skip(f"{name} (PySide6's translation tools) is not installed")
    return found


def root_of(path: Path) -> ET.Element:
    data = path.read_bytes()
    return ET.fromstring(gzip.decompress(data) if path.suffix == ".gz" else data)


def messages(path: Path) -> dict[Message, list[str]]:
    """(context, source, numerus) -> the translation's forms (one unless numerus);
    an unfinished translation gives no forms."""
    out: dict[Message, list[str]] = {}
    for context in root_of(path).iter("context"):
        name = context.findtext("name", "")
        for m in context.iter("message"):
            numerus = m.get("numerus") == "yes"
            tr = m.find("translation")
            assert tr is not None
            if tr.get("type") in ("unfinished", "obsolete", "vanished"):
                forms: list[str] = []
            elif numerus:
                forms = [f.text or "" for f in tr.iter("numerusform")]
            else:
                forms = [tr.text or ""]
            out[(name, m.findtext("source", ""), numerus)] = forms
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[Message]:
    """What lupdate finds in docket.ui now (as `make translations-update` runs it)."""
    target = tmp_path_factory.mktemp("lupdate") / "docket_de.ts"
    target.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">'
        "</TS>\n",
        encoding="utf-8",
    )
    sources = sorted(str(p) for p in (ROOT / "desktop" / "docket" / "ui").glob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(target)],
        check=True,
        capture_output=True,
    )
    return set(messages(target))


def test_lupdate_finds_the_interface(extracted: set[Message]) -> None:
    sources = {source for _, source, _ in extracted}
    assert len(extracted) > 300
    assert {"&File", "Export results", "%Ln task(s)", "All tasks"} <= sources


@pytest.mark.parametrize("code", SHIPPED)
def test_language_covers_every_string(code: str, extracted: set[Message]) -> None:
    path = FOLDER / f"docket_{code}.ts.gz"
    table = messages(path)
    assert set(table) == extracted, (
        f"{path.name} differs from the interface: run `make translations-update` and "
        f"translate; missing {sorted(extracted - set(table))[:5]}, "
        f"stale {sorted(set(table) - extracted)[:5]}"
    )
    assert root_of(path).get("language") == code
    for (context, source, numerus), forms in table.items():
        where = f"{code} {context}: {source!r}"
        assert forms and all(f.strip() for f in forms), f"untranslated: {where}"
        if numerus:
            assert len(forms) == FORMS[code], where
        for form in forms:
            assert _fields(form) == _fields(source), f"placeholders differ: {where} -> {form!r}"
            if _accelerator(source):
                assert _accelerator(form), f"no & accelerator: {where} -> {form!r}"
            if numerus and code not in ("ar",):  # Arabic spells out one and two
                assert re.search(r"%L?n", form), f"no %n: {where} -> {form!r}"


@pytest.mark.parametrize("code", SHIPPED)
def test_compiled_translations_load(code: str) -> None:
    qm = FOLDER / f"docket_{code}.qm"
    ts = FOLDER / f"docket_{code}.ts.gz"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        pytest.fail(f"{qm.name} is missing or older than its .ts: run `make translations`")
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QLocale(translator.language()).name().startswith(code.split("_")[0])
    assert translator.translate("window_menus", "&File") not in ("", "&File")


def _fields(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}", text))


def _accelerator(text: str) -> bool:
    return bool(re.search(r"&[^&\s]", text.replace("&&", "")))
