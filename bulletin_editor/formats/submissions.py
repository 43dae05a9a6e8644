"""Reading a department's submission: its lines from a Word file, a text file or pasted text.

Text files saved by Notepad or WeChat on a Chinese PC are often GB18030 (GBK), not UTF-8;
UTF-8 is tried strictly first, since GB18030 bytes of Chinese text are almost never valid
UTF-8. .doc and .wps are converted to .docx by Word, WPS or LibreOffice, whichever the PC has.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import BulletinError
from ..model.submissions import news_paragraphs
from ..storage.files import read_user_file

SUFFIXES = (".docx", ".txt", ".doc", ".wps")
_LEGACY = (".doc", ".wps")


def decode_text(data: bytes) -> str:
    """Text file bytes as str: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise BulletinError("无法识别文本文件的编码（既不是 UTF-8，也不是 GB18030/GBK）") from None


def submission_lines(path: Path) -> list[str]:
    """The lines of a submission file, one paragraph of the document a line."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise BulletinError(f"“{path.name}”不是可以收集的投稿：请用 Word 文档（.docx）或文本文件（.txt）")
    if suffix == ".txt":
        try:
            return decode_text(read_user_file(path, "文本文件")).splitlines()
        except BulletinError as exc:
            raise BulletinError(f"“{path.name}”：{exc}") from None
    if suffix in _LEGACY:
        return _converted(path)
    return _docx_lines(path)


def read_submission(path: Path) -> tuple[str, list[str]]:
    """(file name, news paragraphs) of a submission file."""
    return path.name, news_paragraphs(submission_lines(path))


def read_submissions(paths: list[Path]) -> list[tuple[str, list[str]]]:
    return [read_submission(path) for path in paths]


def _docx_lines(path: Path) -> list[str]:
    """Every line of text a reader sees: body, table cells (some windows send their news in a
    one-cell table) and text boxes, through the importer's bounded reader."""
    from .docx.reader import open_docx, visible_lines  # python-docx loads when a Word file is read

    return [part for line in visible_lines(open_docx(path)) for part in line.text.split("\n")]


def _converted(path: Path, available: list | None = None) -> list[str]:
    """The lines of an older Word or WPS file, converted to .docx by Word, WPS or LibreOffice."""
    from .office import routes

    available = routes() if available is None else available
    if not available:
        raise BulletinError(
            f"“{path.name}”是旧版 Word/WPS 文件：请在 Word 或 WPS 中另存为 .docx 后再收集（或安装 LibreOffice）"
        )
    with tempfile.TemporaryDirectory(prefix="bulletin-collect-") as scratch:
        docx = Path(scratch) / (path.stem + ".docx")
        try:
            available[0].to_docx(path, docx)
        except (BulletinError, OSError):
            raise BulletinError(f"无法转换“{path.name}”：请在 Word 或 WPS 中另存为 .docx 后再收集") from None
        return _docx_lines(docx)
