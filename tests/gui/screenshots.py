"""What the screenshot tests share: a manual run (``DOCKET_SCREENSHOT=out.png``) takes
the app's own style and font, so the README's images look as the app does."""

from __future__ import annotations

import os
from pathlib import Path


def screenshot_target() -> Path | None:
    """The file a manual screenshot run asks for (and the app's style and font set for
    it), or None in an ordinary test run."""
    from PySide6.QtWidgets import QApplication

    shot = os.environ.get("DOCKET_SCREENSHOT")
    if not shot:
        return None
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    font = app.font()
    font.setPointSizeF(max(10.0, font.pointSizeF()))
    app.setFont(font)
    return Path(shot)
