"""Reading a file the user chose, with a Chinese message for each way it can fail."""

import errno
from pathlib import Path

from ..errors import BulletinError


def read_user_file(path: Path, kind: str, max_bytes: int | None = None) -> bytes:
    """The file's bytes; `kind` names what was expected (周报文件, Word 文档, Excel 工作簿).
    A file over `max_bytes` is refused before it is read."""
    try:
        if path.is_dir():  # Windows reports reading a folder as PermissionError: say what it is
            raise BulletinError(f"“{path}”是一个文件夹，不是{kind}，请选择{kind}")
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise BulletinError(
                f"“{path.name}”过大（超过 {max_bytes // 1024 // 1024} MB），不像是{kind}，已拒绝读取"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BulletinError(f"找不到文件“{path}”") from None
    except PermissionError:
        raise BulletinError(
            f"无法读取“{path.name}”：没有权限，或文件正被其他程序（如 Word、Excel、WPS）占用。"
            "请关闭该文件后重试"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise BulletinError(f"找不到文件“{path.name[:20]}…”：文件名或路径过长") from None
        raise BulletinError(f"无法读取“{path.name}”：{exc.strerror or exc}") from None
