"""Earlier versions of an issue, and its final (定稿) mark.

Saving over `2022-028.bulletin` first copies the file as it was into
`.versions/2022-028.bulletin/<time>.bulletin` beside it; the last KEEP copies are kept.
The final mark is `.versions/2022-028.bulletin/final.json`. Both live beside the issue,
so in a shared folder everyone sees the same history and the same mark.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from ..formats.bulletin import SUFFIX, issue_to_json, load_issue
from ..formats.json_input import parse_json
from ..model import Issue
from .atomic import atomic_write
from .locks import current_computer, current_user, now

KEEP = 20
VERSIONS_FOLDER = ".versions"
FINAL_FILE = "final.json"
_STAMP = "%Y-%m-%dT%H-%M-%S.%f"  # sorts by time; no ":" so Windows accepts it
MAX_MARK_BYTES = 64 * 1024

log = logging.getLogger(__name__)


def versions_dir(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.parent / VERSIONS_FOLDER / path.name


@dataclass(frozen=True)
class Version:
    path: Path
    saved_at: dt.datetime  # when this content was saved (the replaced file's mtime)

    def load(self) -> Issue:
        return load_issue(self.path)


def save_with_version(issue: Issue, path: str | os.PathLike) -> bool:
    """Save `issue` to `path` atomically, keeping what was there as a version; whether one was kept."""
    path = Path(path)
    data = issue_to_json(issue).encode("utf-8")
    kept = _keep_current(path, data)
    atomic_write(path, data)
    return kept


def list_versions(path: str | os.PathLike) -> list[Version]:
    """The kept versions of the issue at `path`, newest first."""
    folder = versions_dir(path)
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob("*" + SUFFIX):
        try:
            saved_at = dt.datetime.strptime(file.stem, _STAMP)
        except ValueError:
            continue  # not one of ours
        found.append(Version(file, saved_at))
    return sorted(found, key=lambda v: v.saved_at, reverse=True)


def restore_version(path: str | os.PathLike, version: Version) -> Issue:
    """Put `version` back as the issue at `path`; the replaced content becomes a version too."""
    issue = version.load()  # validates before anything is replaced
    save_with_version(issue, path)
    return issue


def _keep_current(path: Path, new_data: bytes) -> bool:
    try:
        old = path.read_bytes()
        saved_at = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise BulletinError(f"无法读取“{path}”以保留上一版本：{exc.strerror or exc}") from None
    if old == new_data:
        return False
    folder = versions_dir(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BulletinError(
            f"无法保存“{path}”：不能在“{path.parent}”中保留上一版本"
            f"（{exc.strerror or exc}），文件夹可能是只读的或磁盘已满，原文件未被改动"
        ) from None
    stamp = saved_at
    target = folder / (stamp.strftime(_STAMP) + SUFFIX)
    while target.exists():  # two saves within the same microsecond
        stamp += dt.timedelta(microseconds=1)
        target = folder / (stamp.strftime(_STAMP) + SUFFIX)
    atomic_write(target, old)
    for stale in list_versions(path)[KEEP:]:
        try:
            stale.path.unlink()
        except OSError:
            pass  # pruning is housekeeping; a leftover old version harms nobody
    return True


@dataclass(frozen=True)
class FinalMark:
    user: str
    computer: str
    time: dt.datetime
    reason: str  # 导出送审 / 手动标记

    def describe(self) -> str:
        return f"{self.user}于 {self.time:%Y年%m月%d日 %H:%M} 标记为定稿（{self.reason}）"


def mark_final(path: str | os.PathLike, reason: str = "手动标记") -> FinalMark:
    mark = FinalMark(current_user(), current_computer(), now().replace(microsecond=0), reason)
    folder = versions_dir(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BulletinError(f"无法标记定稿：不能写入“{folder.parent}”（{exc.strerror or exc}）") from None
    data = {
        "user": mark.user,
        "computer": mark.computer,
        "time": mark.time.isoformat(),
        "reason": mark.reason,
    }
    atomic_write(folder / FINAL_FILE, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    return mark


def final_mark(path: str | os.PathLike) -> FinalMark | None:
    """The final mark of the issue at `path`, or None when it is not final."""
    file = versions_dir(path) / FINAL_FILE
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_MARK_BYTES + 1)
        if len(raw) > MAX_MARK_BYTES:
            raise ValueError("too large")
        data = parse_json(raw.decode("utf-8"))
        if not all(isinstance(data[key], str) for key in ("user", "computer", "time", "reason")):
            raise ValueError("a field is not text")
        time = dt.datetime.fromisoformat(data["time"])
        if time.tzinfo is None:
            time = time.astimezone()  # written by hand: read as local time
        return FinalMark(data["user"], data["computer"], time, data["reason"])
    except FileNotFoundError:
        return None
    except (BulletinError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # A damaged mark still means someone marked it: err on the side of asking.
        log.warning("damaged final mark %s: %s", file, exc)
        return FinalMark("未知用户", "未知计算机", now().replace(microsecond=0), "标记已损坏")


def is_final(path: str | os.PathLike) -> bool:
    return final_mark(path) is not None


def clear_final(path: str | os.PathLike) -> None:
    try:
        (versions_dir(path) / FINAL_FILE).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BulletinError(f"无法取消“{Path(path).name}”的定稿标记：{exc.strerror or exc}") from None
