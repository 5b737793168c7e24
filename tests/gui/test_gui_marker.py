"""The conftest hook marks Qt tests as `gui`, so `pytest -m "not gui"` runs without Qt."""

from __future__ import annotations

import pytest

pytest.importorskip(
    "PySide6", reason="PySide6 is not installed (run the headless suite: -m 'not gui')"
)


def test_tests_using_qapp_are_marked_gui(qapp: object, request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is not None


def test_tests_using_qtbot_are_marked_gui_and_offscreen(
    qtbot: object, request: pytest.FixtureRequest
) -> None:
    from PySide6.QtGui import QGuiApplication

    assert request.node.get_closest_marker("gui") is not None
    assert QGuiApplication.platformName() == "offscreen"
