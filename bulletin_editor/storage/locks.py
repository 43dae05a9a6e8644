"""Lock files for issues in shared folders: who has an issue open, and since when.

Opening `2022-028.bulletin` writes `2022-028.bulletin.lock` beside it, a small JSON file
with the user (login and display name), the computer, the editor's process (id and start
time) and the time. Someone else opening the issue meanwhile learns who has it and may open
it read-only, or take it over after being asked. A lock whose editor is gone (its process
no longer runs on this computer, or, on another computer, it is older than a working day)
is stale: taken over without asking. Closing releases it.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from ..formats.json_input import parse_json
from . import processes
from .atomic import atomic_write

LOCK_SUFFIX = ".lock"
# A lock older than this is taken to be left over, not in use.
WORKING_DAY = dt.timedelta(hours=8)

# A lock file is a line of JSON; anything larger is not one of ours.
MAX_LOCK_BYTES = 64 * 1024

log = logging.getLogger(__name__)

# Locks held by this process: a second window on the same issue must not take it over.
_held: dict[Path, str] = {}


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment (a service account)
        return "未知用户"


def current_display_name() -> str:
    """The name people know the user by: the Windows display name (张三), else the login."""
    if sys.platform == "win32":
        import ctypes

        size = ctypes.c_ulong(256)
        buffer = ctypes.create_unicode_buffer(size.value)
        name_display = 3  # EXTENDED_NAME_FORMAT NameDisplay
        if ctypes.windll.secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)) and buffer.value:
            return buffer.value
    return current_user()


def current_computer() -> str:
    import platform  # not imported at start-up: the window shows before any lock is taken

    return platform.node() or "未知计算机"


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class LockInfo:
    user: str
    computer: str
    time: dt.datetime
    token: str
    name: str = ""  # the display name; empty in locks of earlier versions
    pid: int | None = None
    started: float | None = None

    @property
    def running(self) -> bool | None:
        """Whether the editor that wrote the lock still runs; None when that cannot be known
        (another computer, or a lock without its process)."""
        if self.computer != current_computer() or self.pid is None or self.started is None:
            return None
        return processes.is_running(self.pid, self.started)

    @property
    def stale(self) -> bool:
        """Left behind: its editor is gone, or (not knowable) the lock is older than a working day."""
        running = self.running
        return not running if running is not None else now() - self.time > WORKING_DAY

    @property
    def mine(self) -> bool:
        """Written by this user on this computer (for instance before a crash)."""
        return self.user == current_user() and self.computer == current_computer()

    @property
    def holder(self) -> str:
        """张三（zhangsan，计算机 PC-ZHANG）: who, by the name people know them by."""
        login = f"{self.user}，" if self.name and self.name != self.user else ""
        return f"{self.name or self.user}（{login}计算机 {self.computer}）"

    def describe(self) -> str:
        return f"{self.holder}自 {self.time:%Y年%m月%d日 %H:%M} 起"


class IssueLocked(BulletinError):
    """Someone else has the issue open; `info` says who, `info.stale` whether it may be taken over."""

    def __init__(self, path: Path, info: LockInfo, here: bool = False) -> None:
        self.path = path
        self.info = info
        self.here = here  # in another window of this program: nothing to take over
        if here:
            text = f"“{path.name}”已在本程序的另一个窗口中打开。"
        else:
            text = f"“{path.name}”正由{info.describe()}打开，可以以只读方式打开，也可以接管编辑"
            text += "（对方的编辑器会收到通知，可以再取回）。" if info.running else "。"
            if info.stale:
                text += "该锁已超过一个工作日，对方可能已不在编辑。"
        super().__init__(text)


class LockUnavailable(BulletinError):
    """The lock file cannot be written (read-only folder): the issue can only be read."""


@dataclass
class IssueLock:
    path: Path
    info: LockInfo
    taken_from: LockInfo | None = None  # the stale lock this one replaced, to say so

    def lost(self) -> None:
        """Another editor took the issue over: stop holding it, leave their lock file alone."""
        _held.pop(self.path, None)

    def release(self) -> None:
        """Remove the lock file if it is still ours (not taken over meanwhile)."""
        _held.pop(self.path, None)
        current = read_lock(self.path)
        if current is not None and current.token == self.info.token:
            try:
                lock_path(self.path).unlink()
            except OSError:
                pass  # the folder went away or turned read-only: the lock goes stale


def read_lock(path: str | os.PathLike) -> LockInfo | None:
    """Who holds the issue at `path`; None when nobody. An unreadable lock counts as stale."""
    file = lock_path(Path(path))
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL):
            return None  # no lock can have such a name
        raw = b""
    try:
        if len(raw) > MAX_LOCK_BYTES:
            raise ValueError("too large")
        data = parse_json(raw.decode("utf-8"))
        if not all(isinstance(data[key], str) for key in ("user", "computer", "time", "token")):
            raise ValueError("a field is not text")
        time = dt.datetime.fromisoformat(data["time"])
        if time.tzinfo is None or time > now() + dt.timedelta(minutes=5):
            raise ValueError(f"time without a zone or in the future: {data['time']}")
        pid, started = data.get("pid"), data.get("started")
        return LockInfo(
            data["user"],
            data["computer"],
            time,
            data["token"],
            str(data.get("name") or ""),
            pid if type(pid) is int else None,
            float(started) if type(started) in (int, float) else None,
        )
    except (BulletinError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # Half-written or damaged: nobody can be named, so it may be taken over.
        log.warning("damaged lock file %s ignored: %s", file, exc)
        return LockInfo("未知用户", "未知计算机", dt.datetime.fromtimestamp(0).astimezone(), "")


def held_here(path: str | os.PathLike) -> bool:
    """Whether a window of this program has the issue at `path` open."""
    return Path(path).resolve() in _held


def acquire(path: str | os.PathLike, *, take_over: bool = False) -> IssueLock:
    """Lock the issue at `path` for this user.

    Raises IssueLocked when someone else holds it (pass take_over=True after asking the
    user), LockUnavailable when the folder cannot be written. A stale lock (its editor is
    gone) is taken over without asking; the new lock's `taken_from` says whose it was.
    """
    path = Path(path).resolve()
    if held_here(path):
        raise IssueLocked(path, read_lock(path) or _new_info(), here=True)
    info = _new_info()
    data = json.dumps(
        {
            "user": info.user,
            "name": info.name,
            "computer": info.computer,
            "pid": info.pid,
            "started": info.started,
            "time": info.time.isoformat(),
            "token": info.token,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    file = lock_path(path)
    taken_from = None
    try:
        # Exclusive creation, not atomic_write: two people opening at once must not both win.
        with open(file, "xb") as stream:
            stream.write(data)
    except FileExistsError:
        holder = read_lock(path)
        if holder is not None and not take_over and not _left_behind(holder):
            raise IssueLocked(path, holder) from None
        atomic_write(file, data)
        taken_from = holder
    except FileNotFoundError:
        raise LockUnavailable(
            f"文件夹“{path.parent}”不存在（可能已被移动或删除），只能以只读方式打开"
        ) from None
    except OSError as exc:
        raise LockUnavailable(
            f"无法在“{path.parent}”中建立锁文件（{exc.strerror or exc}）：文件夹可能是只读的，"
            "只能以只读方式打开"
        ) from None
    _held[path] = info.token
    return IssueLock(path, info, taken_from)


def _left_behind(holder: LockInfo) -> bool:
    """Taken over without asking: its editor is known to be gone (or is this process, whose
    window that held it is gone), or it is this user's own lock from an earlier version that
    did not record its process (a crash)."""
    if holder.mine and holder.pid == os.getpid():
        return True  # not held here (acquire checked): a window of this process left it
    running = holder.running
    return running is False or (running is None and holder.mine and holder.pid is None)


def _new_info() -> LockInfo:
    pid, started = processes.this_process()
    return LockInfo(
        current_user(),
        current_computer(),
        now().replace(microsecond=0),
        os.urandom(16).hex(),  # random, as uuid4 (whose module costs start-up time)
        current_display_name(),
        pid,
        started,
    )
