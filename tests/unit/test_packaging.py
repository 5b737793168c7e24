"""The packaging files agree with the code: one version, the bundle file names the code
writes, and icons that are what they claim. (The build itself: `make package-test`.)"""

from __future__ import annotations

import configparser
import os
import struct
import tomllib
import xml.etree.ElementTree as ET
from importlib import resources

import docket
from docket.server.adjudication import ADJUDICATION_SUFFIX
from docket.server.pack import BUNDLE_SUFFIX
from docket.workspace import RESULT_SUFFIX
from tests.helpers import ROOT

PACKAGING = ROOT / "packaging"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_one_version_and_the_package_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == docket.__version__
    package = project["optional-dependencies"]["package"]
    assert [d.split(">=")[0].lower() for d in package] == ["pyinstaller"]
    assert all(">=" in d for d in package)


def test_make_targets_and_scripts_exist() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "\npackage:" in makefile and "\npackage-test: package" in makefile
    assert "packaging/smoke_test.sh" in makefile
    for script in ("smoke_test.sh", "linux/install.sh"):
        assert os.access(PACKAGING / script, os.X_OK), script
    gitignore = (ROOT / ".gitignore").read_text().split()
    assert {"build/", "dist/"} <= set(gitignore)


def test_linux_file_types_match_the_names_the_code_writes() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "docket.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "docket %f"  # `docket FILE`: the window, importing the bundle
    assert desktop["Icon"] == "docket"
    claimed = {m for m in desktop["MimeType"].split(";") if m}

    tree = ET.parse(PACKAGING / "linux" / "docket-mime.xml")
    globs = {
        t.get("type"): {g.get("pattern") for g in t.iter(f"{MIME_NS}glob")}
        for t in tree.getroot().iter(f"{MIME_NS}mime-type")
    }
    assert globs["application/x-docket-bundle"] == {f"*{BUNDLE_SUFFIX}"}
    assert ADJUDICATION_SUFFIX.endswith(BUNDLE_SUFFIX)  # adjudication bundles match too
    assert globs["application/x-docket-result"] == {f"*{RESULT_SUFFIX}"}
    # Only task and adjudication bundles open in the review window; results go back.
    assert claimed == {"application/x-docket-bundle"}
    ui_export = (ROOT / "desktop" / "docket" / "ui" / "transfer.py").read_text()
    assert "results{RESULT_SUFFIX}" in ui_export  # the name the window proposes


def test_windows_and_macos_associate_the_same_suffix() -> None:
    iss = (PACKAGING / "windows" / "docket.iss").read_text()
    assert f'Subkey: "Software\\Classes\\{BUNDLE_SUFFIX}"' in iss
    assert '"""{app}\\docketw.exe"" ""%1"""' in iss
    spec = (PACKAGING / "docket.spec").read_text()
    assert f'"public.filename-extension": ["{BUNDLE_SUFFIX.lstrip(".")}"]' in spec


def test_icons_are_the_sizes_they_claim() -> None:
    icons = resources.files("docket.resources") / "icons"
    assert (icons / "docket.svg").read_text().lstrip().startswith("<?xml")
    for size in (32, 256):
        assert png_size((icons / f"docket-{size}.png").read_bytes()) == (size, size)
    for path in (PACKAGING / "icons" / "hicolor").glob("*x*/apps/docket.png"):
        size = int(path.parts[-3].split("x")[0])
        assert png_size(path.read_bytes()) == (size, size), path
    ico = (PACKAGING / "icons" / "docket.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    icns = (PACKAGING / "icons" / "docket.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
