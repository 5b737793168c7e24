"""The installed PySide6 must not leak references to ``None``.

PySide6 6.12.0 under Python 3.11 drops one reference to ``None`` on every Qt method that
returns nothing (``setText``, ``setChecked`` ...): after a few thousand calls the
interpreter aborts ("deallocating None"). pyproject excludes that version; this test
fails if any installed version has the same bug, before it can crash a reviewer's app.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        label.setVisible(False)
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references in 1,000 Qt calls"
