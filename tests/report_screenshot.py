"""A full-page screenshot of a local HTML file in headless Chromium, as a reader sees it.

    .venv/bin/python tests/report_screenshot.py report.html docs/report.png [--width 1200]
        [--scale 2]

It also says what the page fetched and which console errors it had (tests/browser.py):
the exit status is 1 when there was any, 2 when Chromium or chromedriver is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import Browser, BrowserMissing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="the HTML file to open")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=1200, help="CSS pixels (default 1200)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="device pixels per CSS pixel (2: a 200 %% display)"
    )
    args = parser.parse_args(argv)
    if not args.html.is_file():
        parser.error(f"{args.html} is not a file")
    try:
        browser = Browser(width=args.width)
    except BrowserMissing as missing:
        print(f"report_screenshot: {missing}", file=sys.stderr)
        return 2
    with browser:
        load = browser.open(args.html)
        width, height = browser.screenshot(args.png, width=args.width, scale=args.scale)
    print(f"{args.png}: {width} x {height} CSS px at scale {args.scale:g}")
    for url in load.requests:
        print(f"request: {url}", file=sys.stderr)
    for error in load.console_errors:
        print(f"console error: {error}", file=sys.stderr)
    return 1 if load.requests or load.console_errors else 0


if __name__ == "__main__":
    sys.exit(main())
