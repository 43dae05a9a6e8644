"""The one way files are written: a temporary file in the same folder, fsync, os.replace.

An interrupted write leaves the previous file whole, and no half-written file is left behind.
"""

import errno
import os
import tempfile
from pathlib import Path

from ..errors import BulletinError


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    if path.is_dir():
        raise BulletinError(f"“{path}”是一个文件夹，不能保存为文件，请换一个文件名")
    folder = path.parent
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _explain(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _explain(exc, path) from None
        raise


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
    if exc.errno == errno.EROFS:
        return BulletinError(f"无法保存“{path}”：该位置是只读的，请另选位置保存")
    return BulletinError(f"无法保存“{path}”：{exc.strerror or exc}")
