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
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from ..formats.bulletin import MAX_BYTES, issue_from_document, issue_to_document
from ..formats.json_input import parse_json
from ..model import Issue
from ..model.printed import issue_line
from . import processes
from .atomic import atomic_write
from .settings import data_dir

FOLDER = "recovery"

log = logging.getLogger(__name__)


def recovery_folder() -> Path:
    return data_dir() / FOLDER


class RecoverySlot:
    """The autosave of one open issue; `original` is the file it was opened from, if any."""

    def __init__(self, original: str | os.PathLike | None = None) -> None:
        self.original = Path(original) if original is not None else None
        self.path = recovery_folder() / f"{os.urandom(16).hex()}.json"

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
        except BulletinError as exc:
            log.warning("autosave %s ignored: %s", file, exc)
            continue
        if _writer_runs(document):
            continue
        original = document.get("original")
        found.append(
            Recoverable(
                file,
                Path(original) if original else None,
                _autosaved(document),
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
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError("过大")
        document = parse_json(raw.decode("utf-8"))
        _autosaved(document)
        if not isinstance(document.get("original"), str | None) or not isinstance(
            document.get("label", ""), str
        ):
            raise ValueError("original 或 label 不是文本")
        issue = issue_from_document(document["document"], f"自动保存“{file.name}”")
    except (BulletinError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BulletinError(f"自动保存的文件“{file.name}”已损坏，无法恢复：{exc}") from None
    return document, issue


def _autosaved(document: dict) -> dt.datetime:
    """When the autosave was written: a time with its zone, not in the future."""
    autosaved = dt.datetime.fromisoformat(document["autosaved"])
    if autosaved.tzinfo is None or autosaved > dt.datetime.now().astimezone() + dt.timedelta(days=1):
        raise ValueError(f"autosaved 时间无效：{document['autosaved']}")
    return autosaved
