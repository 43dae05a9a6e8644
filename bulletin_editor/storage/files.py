"""Reading a file the user chose, with a Chinese message for each way it can fail."""

from pathlib import Path

from ..errors import BulletinError


def read_user_file(path: Path, kind: str) -> bytes:
    """The file's bytes; `kind` names what was expected (周报文件, Word 文档, Excel 工作簿)."""
    if path.is_dir():  # Windows reports reading a folder as PermissionError: say what it is
        raise BulletinError(f"“{path}”是一个文件夹，不是{kind}，请选择{kind}")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BulletinError(f"找不到文件“{path}”") from None
    except PermissionError:
        raise BulletinError(
            f"无法读取“{path.name}”：没有权限，或文件正被其他程序（如 Word、Excel、WPS）占用。"
            "请关闭该文件后重试"
        ) from None
    except OSError as exc:
        raise BulletinError(f"无法读取“{path.name}”：{exc.strerror or exc}") from None
