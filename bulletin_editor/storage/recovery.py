"""Autosave and recovery: what was being edited survives a crash.

Each open issue has a slot in the recovery folder (user data directory): one JSON file
holding the issue, the file it came from and when it was autosaved. The editor writes it
every half minute or so while there are unsaved changes and removes it on save and on
a clean close. Each autosave names the editor process that wrote it (id and start time):
one whose process is gone was left by a crash and is offered back; a running editor's is not.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from ..formats.bulletin import issue_from_document, issue_to_document
from ..model import Issue
from ..model.printed import issue_line
from . import processes
from .atomic import atomic_write
from .settings import data_dir

FOLDER = "recovery"


def recovery_folder() -> Path:
    return data_dir() / FOLDER


class RecoverySlot:
    """The autosave of one open issue; `original` is the file it was opened from, if any."""

    def __init__(self, original: str | os.PathLike | None = None) -> None:
        self.original = Path(original) if original is not None else None
        self.path = recovery_folder() / f"{uuid.uuid4().hex}.json"

    def save(self, issue: Issue) -> None:
        pid, started = processes.this_process()
        document = {
            "original": str(self.original) if self.original else None,
            "pid": pid,
            "started": started,
            "autosaved": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "label": issue_line(issue),
            "document": issue_to_document(issue),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(document, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        """Saved or closed cleanly: nothing left to recover."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


@dataclass(frozen=True)
class Recoverable:
    """An autosave left behind by a session that did not close cleanly."""

    path: Path
    original: Path | None
    autosaved: dt.datetime
    label: str  # 2022年第28期（总第403期）

    def load(self) -> Issue:
        return _read(self.path)[1]

    def original_saved(self) -> dt.datetime | None:
        """When the original file was last saved, to show beside the autosave."""
        if self.original is None:
            return None
        try:
            return dt.datetime.fromtimestamp(self.original.stat().st_mtime).astimezone()
        except OSError:
            return None

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def adopt(self) -> RecoverySlot:
        """Continue autosaving into this file once the recovered issue is open again."""
        slot = RecoverySlot(self.original)
        slot.path = self.path
        return slot


def list_recoverable() -> list[Recoverable]:
    """Autosaves left by editors that are gone, newest first; unreadable ones are skipped."""
    folder = recovery_folder()
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob("*.json"):
        try:
            document, _ = _read(file)
        except BulletinError:
            continue
        if _writer_runs(document):
            continue
        original = document.get("original")
        found.append(
            Recoverable(
                file,
                Path(original) if original else None,
                dt.datetime.fromisoformat(document["autosaved"]),
                str(document.get("label", "")),
            )
        )
    return sorted(found, key=lambda r: r.autosaved, reverse=True)


def _writer_runs(document: dict) -> bool:
    """Whether the editor that wrote this autosave still runs (another one, on this computer)."""
    pid, started = document.get("pid"), document.get("started")
    if type(pid) is not int or not isinstance(started, int | float) or isinstance(started, bool):
        return False  # written before autosaves named their process
    return pid != os.getpid() and processes.is_running(pid, float(started))


def _read(file: Path) -> tuple[dict, Issue]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        dt.datetime.fromisoformat(document["autosaved"])
        issue = issue_from_document(document["document"], f"自动保存“{file.name}”")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BulletinError(f"自动保存的文件“{file.name}”已损坏，无法恢复：{exc}") from None
    return document, issue
