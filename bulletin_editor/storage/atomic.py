"""The one way files are written: a temporary file in the same folder, fsync, os.replace.

An interrupted write leaves the previous file whole, and no half-written file is left behind.
What a killed process leaves (`.NAME.xxxx.bulletin-editor.tmp`, hidden on Windows) is removed
before the next save in that folder and at start: a temporary file no live writer holds (POSIX:
the writer's flock; Windows: its open handle, and two minutes' age) is abandoned.
"""

import errno
import logging
import os
import re
import stat
import sys
import time
from pathlib import Path

from ..errors import BulletinError

TEMP_SUFFIX = ".bulletin-editor.tmp"
# On Windows a writer closes its temporary file just before os.replace: younger ones may be live.
LEFTOVER_AGE = 120  # seconds
# Bytes of a name (Linux, macOS) or UTF-16 code units (Windows): 255, less room for ".lock".
MAX_NAME = 255 - len(".lock")
_RESERVED = re.compile(r"CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

log = logging.getLogger(__name__)

if sys.platform == "win32":
    import ctypes

    _FILE_ATTRIBUTE_HIDDEN, _FILE_ATTRIBUTE_NORMAL = 0x2, 0x80
else:
    import fcntl


def check_file_name(path: str | os.PathLike) -> None:
    """A BulletinError, before anything is written, for a name Windows or this system refuses."""
    path = Path(path)
    name = path.name
    for folder in path.parent.parts:
        if _width(folder) > 255:
            raise BulletinError(f"文件夹名“{folder[:20]}…”过长，该路径无法使用，请另选位置")
    if _width(name) > MAX_NAME:
        raise BulletinError(f"文件名“{name[:20]}…”过长，请换一个短一些的文件名（最多约 80 个汉字）")
    if _FORBIDDEN.search(name):
        raise BulletinError(f'文件名“{name}”含有 Windows 不允许的字符（< > : " / \\ | ? *），请换一个文件名')
    if name.endswith((".", " ")):
        raise BulletinError(f"文件名“{name}”以句点或空格结尾，Windows 不允许，请换一个文件名")
    if _RESERVED.fullmatch(name.split(".")[0].rstrip(" ")):  # NUL, nul.bulletin, CON .docx
        raise BulletinError(f"“{name}”是 Windows 保留的设备名，不能用作文件名，请换一个文件名")


def _width(name: str) -> int:
    return len(name.encode("utf-16-le")) // 2 if sys.platform == "win32" else len(os.fsencode(name))


def remove_leftovers(folder: str, *, age: float = LEFTOVER_AGE) -> int:
    """Remove temporary files of ours in `folder` that no writer holds; how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if sys.platform == "win32":
                if now - entry.stat().st_mtime < age:
                    continue
                os.unlink(entry.path)  # refused while a writer has it open
            else:
                with open(entry.path, "rb") as held:
                    fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # refused while a writer has it
                    os.unlink(entry.path)
        except OSError:
            continue  # a live writer's, or gone already
        removed += 1
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted save in %s", removed, folder)
    return removed


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    check_file_name(path)
    if path.is_symlink():  # written through: the link stays, the file it points to is replaced
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise BulletinError(f"“{path}”是一个文件夹，不能保存为文件，请换一个文件名")
    mode = _kept_mode(path)
    folder = path.parent
    remove_leftovers(str(folder))
    try:
        fd, temporary = _temporary(path)
    except OSError as exc:
        raise _explain(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if mode is not None and sys.platform != "win32":  # Windows: the folder's permissions
                os.fchmod(stream.fileno(), mode)
            if sys.platform != "win32":  # replaced while still locked: never taken for a leftover
                os.replace(temporary, path)
        if sys.platform == "win32":  # an open file cannot be renamed there
            ctypes.windll.kernel32.SetFileAttributesW(temporary, _FILE_ATTRIBUTE_NORMAL)
            os.replace(temporary, path)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _explain(exc, path) from None
        raise


def _kept_mode(path: Path) -> int | None:
    """The mode a replaced file keeps (None for a new file); a read-only file is refused."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None  # a new file; or an unreadable status, which the replace reports
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise BulletinError(f"“{path}”是只读文件，未被覆盖：请另选文件名，或先取消该文件的“只读”属性")
    return mode


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, held (locked, or hidden and open on Windows)."""
    while True:
        fd, temporary = _create(path)
        if sys.platform == "win32":
            ctypes.windll.kernel32.SetFileAttributesW(temporary, _FILE_ATTRIBUTE_HIDDEN)
            return fd, temporary
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: unlocked, and so never taken for a leftover
            return fd, temporary
        try:  # a cleanup elsewhere may have removed it before the lock was taken: start again
            if os.path.samestat(os.fstat(fd), os.stat(temporary)):
                return fd, temporary
        except FileNotFoundError:
            pass
        os.close(fd)


def _create(path: Path) -> tuple[int, str]:
    """A new file of a random name beside `path`, its mode 0666 less the umask as any new file's
    (tempfile.mkstemp makes it 0600; reading the umask with os.umask would change it for a moment
    for every thread)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = str(path.parent / f".{path.name[:40]}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def _explain(exc: OSError, path: Path) -> BulletinError:
    if isinstance(exc, FileNotFoundError):
        return BulletinError(f"无法保存“{path}”：文件夹“{path.parent}”不存在")
    if isinstance(exc, PermissionError):
        return BulletinError(
            f"无法保存“{path}”：文件可能正被其他程序（如 Word、WPS）打开，"
            "或者没有写入该文件夹的权限。请关闭该文件后重试，或另选位置保存"
        )
    if exc.errno == errno.ENOSPC:
        return BulletinError(f"无法保存“{path}”：磁盘空间不足，原文件未被改动")
    if exc.errno == errno.ENAMETOOLONG:
        return BulletinError(f"无法保存“{path.name}”：文件名或所在路径过长，请换一个短一些的名称或位置")
    if exc.errno == errno.EROFS:
        return BulletinError(f"无法保存“{path}”：该位置是只读的，请另选位置保存")
    return BulletinError(f"无法保存“{path}”：{exc.strerror or exc}")
