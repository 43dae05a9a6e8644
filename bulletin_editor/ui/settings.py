"""Per-user settings (recent files, window geometry) in QSettings.

Tests redirect them with QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "BulletinEditor", "BulletinEditor")


def recent_files() -> list[Path]:
    value = app_settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a one-element list as a plain string
        value = [value]
    return [Path(p) for p in value or []]


def add_recent_file(path: Path) -> list[Path]:
    paths = [path.resolve(), *(p for p in recent_files() if p != path.resolve())][:MAX_RECENT]
    app_settings().setValue("recent_files", [str(p) for p in paths])
    return paths


def remove_recent_file(path: Path) -> None:
    app_settings().setValue("recent_files", [str(p) for p in recent_files() if p != path])
