"""The headless-browser harness (tests/browser.py) sees what a page fetches and what goes
wrong in it, so that "the report loads with no request and no console error" can fail."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser import Browser

pytest.importorskip("selenium", reason="the test extra (selenium) drives the browser")


def page(tmp_path: Path, name: str, body: str, head: str = "") -> Path:
    path = tmp_path / name
    path.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{name}</title>{head}</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_page_of_inline_plots_fetches_nothing(browser: Browser, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the report extra (matplotlib) draws the plots")
    from docket.server.report_html import CSP
    from tests.unit.test_report_plots import sample_charts

    plots = "".join(f"<figure>{draw()}</figure>" for draw in sample_charts().values())
    # Under the report's Content-Security-Policy: anything it blocks is a console error.
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    load = browser.open(page(tmp_path, "plots.html", f"<h1>Plots</h1>{plots}", csp))
    assert load.title == "plots.html"
    assert load.requests == []
    assert load.console_errors == []
    # Each plot is laid out by its viewBox: as wide as the page allows, never collapsed.
    sizes = browser.driver.execute_script(
        "return [...document.querySelectorAll('svg.docket-plot')]"
        ".map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])"
    )
    assert len(sizes) == 5
    assert all(500 < w <= 672.5 and h > 60 for w, h in sizes), sizes


@pytest.mark.parametrize(
    ("body", "head", "fetched"),
    [
        ('<img src="https://example.invalid/x.png" alt="x">', "", "https://example.invalid/x.png"),
        ('<script src="http://example.invalid/a.js"></script>', "", "http://example.invalid/a.js"),
        ("", '<link rel="stylesheet" href="other.css">', "other.css"),
        ("", "<style>@import url('https://example.invalid/f.css');</style>", "f.css"),
        ('<svg><image href="pic.png" width="9" height="9"/></svg>', "", "pic.png"),
        (
            '<img alt="d" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">',
            "",
            "data:image/gif",
        ),
    ],
)
def test_an_external_reference_is_caught(
    browser: Browser, tmp_path: Path, body: str, head: str, fetched: str
) -> None:
    load = browser.open(page(tmp_path, "external.html", f"<p>text</p>{body}", head))
    assert any(fetched in url for url in load.requests), load.requests
    assert not any(url == load.url for url in load.requests)  # the page itself is allowed


def test_a_console_error_is_caught(browser: Browser, tmp_path: Path) -> None:
    load = browser.open(
        page(tmp_path, "broken.html", "<script>console.error('bad thing'); missing();</script>")
    )
    assert load.requests == []
    assert any("bad thing" in e for e in load.console_errors), load.console_errors
    assert any("missing is not defined" in e for e in load.console_errors)
    # The next page starts clean: nothing carried over from this one.
    assert browser.open(page(tmp_path, "fine.html", "<p>fine</p>")).console_errors == []


def test_a_full_page_screenshot_at_a_css_width(browser: Browser, tmp_path: Path) -> None:
    tall = "".join(f"<p style='height: 100px; margin: 0'>row {i}</p>" for i in range(30))
    browser.open(page(tmp_path, "tall.html", tall, "<style>body{margin:0}</style>"))
    shot = tmp_path / "tall.png"
    assert browser.screenshot(shot, width=640) == (640, 3000)
    assert png_size(shot) == (640, 3000)  # beyond the 900-pixel window
    assert browser.screenshot(shot, width=300, scale=2) == (300, 3000)
    assert png_size(shot) == (600, 6000)  # a 200 % display


def test_missing_chromium_skips_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import browser as harness

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("DOCKET_CHROMIUM", raising=False)
    with pytest.raises(harness.BrowserMissing, match="Chromium is not installed"):
        harness.find_binaries()


def test_the_screenshot_script(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/report_screenshot.py (docs/report.png): a PNG at the width asked, and exit
    status 1 when the page fetched something."""
    from tests.report_screenshot import main

    clean = page(tmp_path, "clean.html", "<p>clean</p>")
    assert main([str(clean), str(tmp_path / "clean.png"), "--width", "500"]) == 0
    assert png_size(tmp_path / "clean.png")[0] == 500
    fetching = page(tmp_path, "fetching.html", '<img alt="" src="https://example.invalid/i.png">')
    assert main([str(fetching), str(tmp_path / "fetching.png")]) == 1
    assert "request: https://example.invalid/i.png" in capsys.readouterr().err
