"""User settings: typed, versioned, stored as JSON in the platform's config directory.

Only preferences and paths live here (never task text, keys or passphrases). Window
geometry and dock layout are Qt's business (QSettings), kept out of this file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

SETTINGS_VERSION = 1
THEME_CHOICES = ("system", "light", "dark")
DEFAULT_LOCK_MINUTES, MAX_LOCK_MINUTES = 10, 240
DEFAULT_CLIPBOARD_SECONDS, MAX_CLIPBOARD_SECONDS = 30, 3600


@dataclass(slots=True)
class Settings:
    version: int = SETTINGS_VERSION
    last_workspace: str | None = None
    last_key: str | None = None
    server_card: str | None = None
    theme: str = "system"
    language: str = "system"  # "system" follows the system locale; else "de", "ar", ...
    zoom: int = 0
    sync_scroll: bool = True
    lock_after_minutes: int = DEFAULT_LOCK_MINUTES  # 0: never lock when idle
    clipboard_clear_seconds: int = DEFAULT_CLIPBOARD_SECONDS  # 0: never clear it

    @classmethod
    def path(cls) -> Path:
        return Path(platformdirs.user_config_dir("docket", appauthor=False)) / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings; defaults for anything missing, unknown or malformed."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != SETTINGS_VERSION:
            return cls()
        out = cls()
        for f in fields(cls):
            if f.name in data and _fits(getattr(out, f.name), data[f.name]):
                setattr(out, f.name, data[f.name])
        if out.theme not in THEME_CHOICES:
            out.theme = "system"
        if not 0 <= out.lock_after_minutes <= MAX_LOCK_MINUTES:
            out.lock_after_minutes = DEFAULT_LOCK_MINUTES
        if not 0 <= out.clipboard_clear_seconds <= MAX_CLIPBOARD_SECONDS:
            out.clipboard_clear_seconds = DEFAULT_CLIPBOARD_SECONDS
        return out

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)


def _fits(default: Any, value: Any) -> bool:
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, bool):
        return isinstance(value, bool)
    return isinstance(value, type(default)) and not isinstance(value, bool)
