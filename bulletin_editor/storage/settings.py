"""The application's identity and every per-user setting, in one place.

Per-user folders are platformdirs' folders named after APP_ID (Windows: %LOCALAPPDATA%\\BulletinEditor,
with Logs\\ and Cache\\ inside). Each setting file is a small JSON object in the config folder,
named by its job: `archive.json` (the archive folder), `stats-cells.json` (statistics cells
picked by hand), `editor.json` (recent files and their issue labels, the last folder of each
kind of file dialog, window layout, the page limit). A missing or damaged file reads
as no setting; writes are atomic.
"""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import BulletinError
from .atomic import atomic_write

APP_ID = "BulletinEditor"  # folder names, the single-instance socket, Qt's organisation name
MAX_RECENT = 8

_log = logging.getLogger(__name__)


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def setting_path(name: str) -> Path:
    return config_dir() / f"{name}.json"


def read_setting(name: str) -> dict[str, Any]:
    """The setting file `name` as a dict; empty when it was never saved or cannot be read."""
    try:
        document = json.loads(setting_path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def write_setting(name: str, document: dict[str, Any]) -> None:
    path = setting_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))


def update_setting(name: str, **values: Any) -> None:
    """Change some keys of a setting file, keeping the others."""
    write_setting(name, read_setting(name) | values)


def _remember(name: str, **values: Any) -> None:
    """The editor's own bookkeeping (recent files, window layout), kept as Qt's settings were:
    a full disk or a read-only profile must not stop opening a file or closing the window."""
    try:
        update_setting(name, **values)
    except BulletinError as exc:
        _log.warning("setting %s not saved: %s", name, exc)


# --- Recent files ------------------------------------------------------------------------


def recent_files() -> list[Path]:
    paths = read_setting("editor").get("recent_files")
    return [Path(p) for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def recent_labels() -> dict[Path, str]:
    """What each recent file holds (2022年第29期（总第404期）), as it was when opened or saved:
    the menu shows it without reading the files."""
    labels = read_setting("editor").get("recent_labels")
    if not isinstance(labels, dict):
        return {}
    return {Path(p): label for p, label in labels.items() if isinstance(label, str) and label}


def add_recent_file(path: Path, label: str = "") -> list[Path]:
    path = path.resolve()
    paths = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    labels = recent_labels() | ({path: label} if label else {})
    _remember(
        "editor",
        recent_files=[str(p) for p in paths],
        recent_labels={str(p): labels[p] for p in paths if p in labels},
    )
    return paths


def remove_recent_file(path: Path) -> None:
    _remember("editor", recent_files=[str(p) for p in recent_files() if p != path])


# --- Where each kind of file dialog starts -------------------------------------------------

FOLDER_KINDS = ("issues", "exports", "workbooks", "submissions")


def last_folder(kind: str) -> Path | None:
    """The folder the last file dialog of this kind ended in, while it still exists."""
    assert kind in FOLDER_KINDS
    folders = read_setting("editor").get("folders")
    folder = folders.get(kind) if isinstance(folders, dict) else None
    return Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else None


def remember_folder(kind: str, chosen: Path) -> None:
    """Remember the folder of a file chosen in a file dialog of this kind."""
    assert kind in FOLDER_KINDS
    folders = read_setting("editor").get("folders")
    kept = {k: v for k, v in folders.items() if k in FOLDER_KINDS} if isinstance(folders, dict) else {}
    _remember("editor", folders=kept | {kind: str(chosen.parent.resolve())})


# --- The window's layout -----------------------------------------------------------------


def window_layout() -> dict[str, bytes]:
    """What Qt saved of the window (geometry, docks, splitter), by name: bytes only Qt reads."""
    saved = read_setting("editor").get("window")
    layout = {}
    for name, text in saved.items() if isinstance(saved, dict) else ():
        try:
            layout[name] = base64.b64decode(text, validate=True)
        except (TypeError, ValueError):  # damaged by hand: that part is not restored
            continue
    return layout


def save_window_layout(layout: dict[str, bytes]) -> None:
    _remember(
        "editor", window={name: base64.b64encode(data).decode("ascii") for name, data in layout.items()}
    )


# --- The page limit of the checks ------------------------------------------------------

MAX_PAGE_LIMIT = 99


def page_limit() -> int | None:
    """The most pages an issue should fill (the checks say when it grows past it); None: no limit."""
    limit = read_setting("editor").get("page_limit")
    valid = isinstance(limit, int) and not isinstance(limit, bool) and 1 <= limit <= MAX_PAGE_LIMIT
    return limit if valid else None


def set_page_limit(limit: int | None) -> None:
    assert limit is None or 1 <= limit <= MAX_PAGE_LIMIT
    _remember("editor", page_limit=limit)
