"""A real headless browser for tests: Chromium through chromedriver (Selenium).

``browser`` (a fixture, module-scoped: one Chromium per test module) opens a local HTML file
and reports what a reader's browser would have done with it:

- ``requests``: every network request the page made, from the DevTools performance log
  (``Network.requestWillBeSent``, and WebSockets). The page's own file is not counted;
  everything else is, ``data:`` resources and other ``file:`` URLs included (a
  self-contained page fetches nothing at all);
- ``console_errors``: every console message of level SEVERE (script errors, failed loads,
  ``console.error``);
- ``screenshot(png, width=1200, scale=1)``: the whole page, not only the viewport, at a
  CSS width (and a device scale: 2 for a 200 % display).

Chromium cannot reach the network from here whatever a page asks for: every host name
resolves to nothing (``--host-resolver-rules``) and no proxy is used, but the attempt is
still logged, so a page that references ``https://…`` is caught and nothing leaves the
machine. Selenium Manager is kept offline (``SE_OFFLINE``); the browser and driver are the
system's (``/usr/bin/chromium``, ``/usr/bin/chromedriver``; ``DOCKET_CHROMIUM`` and
``DOCKET_CHROMEDRIVER`` name others). Where they or Selenium are missing, the tests using
the fixture skip, saying so.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NETWORK_EVENTS = frozenset({"Network.requestWillBeSent", "Network.webSocketCreated"})
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


class BrowserMissing(RuntimeError):
    """Chromium, chromedriver or Selenium is not installed here."""


def find_binaries() -> tuple[str, str]:
    """The Chromium and chromedriver executables, or :class:`BrowserMissing` saying which
    is missing."""
    chromium = os.environ.get("DOCKET_CHROMIUM") or next(
        (p for p in map(shutil.which, CHROMIUM_NAMES) if p), None
    )
    driver = os.environ.get("DOCKET_CHROMEDRIVER") or shutil.which("chromedriver")
    if not chromium:
        raise BrowserMissing("Chromium is not installed (.ci/run installs it with apt-get)")
    if not driver:
        raise BrowserMissing(
            "chromedriver is not installed (.ci/run installs chromium-driver with apt-get)"
        )
    try:
        import selenium  # noqa: F401
    except ImportError as error:
        raise BrowserMissing(
            f"Selenium is not installed ({error}): the test extra has it"
        ) from error
    return chromium, driver


@dataclass
class PageLoad:
    """What loading one page did."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    title: str = ""


class Browser:
    """One headless Chromium session (see the module's docstring)."""

    def __init__(self, *, width: int = 1200, height: int = 900) -> None:
        chromium, driver_path = find_binaries()
        os.environ.setdefault("SE_OFFLINE", "true")
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service

        options = Options()
        options.binary_location = chromium
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver: Any = webdriver.Chrome(
            service=Service(executable_path=driver_path), options=options
        )
        self.driver.set_page_load_timeout(60)
        self.driver.execute_cdp_cmd("Network.enable", {})

    def close(self) -> None:
        self.driver.quit()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self, path: Path | str) -> PageLoad:
        """Load a local HTML file (waiting for its load event and the next two frames) and
        say which requests and console errors it caused."""
        url = Path(path).resolve().as_uri()
        self.driver.get("about:blank")
        self._drain()
        self.driver.get(url)
        # Two animation frames after the load event: late requests and errors are in.
        self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
        )
        load = PageLoad(url=url, title=self.driver.title)
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") not in NETWORK_EVENTS:
                continue
            params = message.get("params", {})
            requested = params.get("request", {}).get("url") or params.get("url", "")
            if requested != url and requested not in load.requests:
                load.requests.append(requested)
        load.console_errors = [
            entry["message"] for entry in self.driver.get_log("browser")
            if entry.get("level") == "SEVERE"
        ]  # fmt: skip
        return load

    def screenshot(
        self, png: Path | str, *, width: int = 1200, scale: float = 1.0
    ) -> tuple[int, int]:
        """Save the whole page currently open as a PNG, laid out at ``width`` CSS pixels,
        ``scale`` device pixels to the CSS pixel (2: a 200 % display); returns the page's
        size in CSS pixels."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": scale, "mobile": False},
        )
        try:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            height = max(1, int(size["height"] + 0.999))
            shot = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot",
                {
                    "format": "png",
                    "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
                },
            )
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        Path(png).write_bytes(base64.b64decode(shot["data"]))
        return width, height

    def _drain(self) -> None:
        for kind in ("performance", "browser"):
            self.driver.get_log(kind)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless Chromium for the test module; skips where it cannot be started."""
    try:
        session = Browser()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    with session:
        yield session
