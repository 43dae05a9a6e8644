"""What kind of workbook a file is, and whether it is safe to hand to the reader.

calamine builds each sheet as one dense block from its first to its last cell and aborts the
process when that allocation fails, so a small file naming a far-off cell (or a zip of
millions of cells) must be refused before calamine sees it. Zip packages are decompressed
here as a stream, part by part, counting what they really hold, whatever their headers say.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from ...errors import BulletinError

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# An encrypted .xlsx is an OLE container holding this stream; directory names are UTF-16LE.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SAVE_AS = "请在 Excel 中另存为 .xlsx 格式后再导入"

# Bounds far above any statistics workbook or platform export (a million rows of ten columns),
# and below what fits in memory: calamine holds 32 bytes per cell of a sheet's dense block.
MAX_PART_BYTES = 1 << 30
MAX_PACKAGE_BYTES = 2 << 30
MAX_PARTS = 10_000
MAX_SHEET_CELLS = 12_000_000
MAX_SHEET_AREA = 1 << 25
_CHUNK = 1 << 22
# Real sheets shrink about tenfold in a zip, a sheet of repeated rows some fifty-fold; a
# part that grows two hundredfold past 64 MiB is a bomb (stopped before it is all unpacked).
_MAX_RATIO = 200
_RATIO_FROM = 64 << 20
_EXACT_WALK_CELLS = 2_000_000  # a sheet's cells walked one by one when its quick bound is over

# Cells as Excel, WPS, LibreOffice and openpyxl write them: the reference first.
_CELL_WITH_REFERENCE = b'<c r="'
# Only references beyond column Z or row 999999 are looked at one by one; the rest are
# bounded all at once (26 x 999999 cells fits under MAX_SHEET_AREA).
_FAR_REFERENCE = re.compile(rb'<c r="(?:([A-Z]{2,})([0-9]+)|([A-Z])([0-9]{7,}))"')
_ROW_OR_CELL = re.compile(rb"<(row|c)\b([^>]*?)(/?)>")
_REFERENCE_ATTRIBUTE = re.compile(rb'\br="([A-Z]*)([0-9]*)"')
_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Kind:
    name: str  # xlsx (also .xlsm), xlsb, ods, xls (also WPS .et)

    @property
    def has_xml_formulas(self) -> bool:
        return self.name == "xlsx"


def check_workbook(data: bytes, name: str, progress: Progress | None = None) -> Kind:
    """The workbook's kind, once it is known to be one and to fit in memory; else BulletinError."""
    if not data:
        raise BulletinError(f"“{name}”是空文件（0 字节），不是 Excel 工作簿。{SAVE_AS}")
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise encrypted(name)
        # BIFF (.xls, WPS .et) addresses at most 65536 rows of 256 columns: bounded by format.
        return Kind("xls")
    if not data.startswith(b"PK"):
        raise not_a_workbook(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > MAX_PARTS:
                raise too_large(name)
            names = {member.filename for member in members}
            if "xl/workbook.xml" in names:
                kind = Kind("xlsx")
            elif "xl/workbook.bin" in names:
                kind = Kind("xlsb")
            elif "content.xml" in names and package.read("mimetype")[:64].startswith(_ODS_MIMETYPE):
                kind = Kind("ods")
            else:
                raise not_a_workbook(name)
            _check_parts(package, members, kind, name, progress)
            return kind
    # zlib.error: a part's compressed bytes are damaged (the fuzz suite found it).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, OSError, ValueError, zlib.error):
        raise damaged(name) from None
    except NotImplementedError:  # a compression method zipfile (and so calamine) cannot read
        raise damaged(name) from None


def _check_parts(
    package: zipfile.ZipFile, members: list[zipfile.ZipInfo], kind: Kind, name: str, progress: Progress | None
) -> None:
    total_declared = sum(member.compress_size for member in members) or 1
    done = 0
    total = 0
    for member in members:
        sheet = kind.name == "xlsx" and member.filename.startswith("xl/worksheets/")
        ods_content = kind.name == "ods" and member.filename == "content.xml"
        counter = _SheetBounds() if sheet else _OdsBounds() if ods_content else None
        total += _read_part(package, member, counter, name, MAX_PACKAGE_BYTES - total)
        if (
            isinstance(counter, _SheetBounds)
            and not counter.fits()
            and not counter.exact
            and counter.cells <= _EXACT_WALK_CELLS
        ):
            # The quick bound counts every column up to Z and every row up to 999999: a
            # wide sheet of fewer rows may fit, which only walking its cells can tell.
            counter = _SheetBounds(exact=True)
            _read_part(package, member, counter, name, MAX_PACKAGE_BYTES)
        if counter is not None and not counter.fits():
            raise too_large(name)
        done += member.compress_size
        if progress is not None:
            progress(done / total_declared)


def _read_part(
    package: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    counter: _SheetBounds | _OdsBounds | None,
    name: str,
    room: int,
) -> int:
    """Decompress one part as a stream, feeding `counter`; its size, refused beyond the caps."""
    size = 0
    carry = b""
    with package.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART_BYTES or size > room:
                raise too_large(name)
            if size > _RATIO_FROM and size > _MAX_RATIO * member.compress_size:
                raise too_large(name)  # a zip bomb: stop now, not after gigabytes
            if counter is not None:
                # Split at the last tag start: no pattern spans two pieces then.
                text = carry + chunk
                cut = text.rfind(b"<")
                cut = len(text) if cut <= 0 else cut
                counter.feed(text[:cut])
                carry = text[cut:]
    if counter is not None:
        counter.feed(carry)
    return size


class _SheetBounds:
    """How many cells an .xlsx worksheet holds and how far they reach, as calamine will place them."""

    def __init__(self, exact: bool = False) -> None:
        self.cells = 0
        self.max_row = 0  # 1-based bounds of every reference seen
        self.max_column = 0
        self.exact = exact  # walk every cell, as for cells without a leading reference
        self._row = 0  # for the exact walk: the current row and column
        self._column = 0

    def feed(self, text: bytes) -> None:
        cells = text.count(b"<c ") + text.count(b"<c>")
        self.cells += cells
        if self.exact or text.count(_CELL_WITH_REFERENCE) != cells:
            self.exact = True
            self._walk(text)
            return
        if cells:
            self.max_column = max(self.max_column, 26)
            self.max_row = max(self.max_row, 999_999)
        for wide_column, wide_row, column, deep_row in _FAR_REFERENCE.findall(text):
            self.max_column = max(self.max_column, _column_number(wide_column or column))
            self.max_row = max(self.max_row, int(wide_row or deep_row))

    def _walk(self, text: bytes) -> None:
        for tag, attributes, _ in _ROW_OR_CELL.findall(text):
            reference = _REFERENCE_ATTRIBUTE.search(attributes)
            if tag == b"row":
                self._row = int(reference[2]) if reference and reference[2] else self._row + 1
                self._column = 0
                continue
            if reference and reference[1] and reference[2]:
                self._column = _column_number(reference[1])
                self._row = int(reference[2])
            else:
                self._column += 1
            self.max_row = max(self.max_row, self._row)
            self.max_column = max(self.max_column, self._column)

    def fits(self) -> bool:
        return self.cells <= MAX_SHEET_CELLS and self.max_row * self.max_column <= MAX_SHEET_AREA


class _OdsBounds:
    """An OpenDocument sheet repeats rows and cells by count; calamine expands every repeat
    of a cell with content (LibreOffice writes the empty rest of a sheet as one repeated
    empty row, which calamine keeps no cell of). Bounds each sheet's dense block the same way."""

    def __init__(self) -> None:
        self.fits_so_far = True
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.row = 0  # rows before the current one
        self.rows_repeated = 1
        self.column = 0
        self.max_row = 0
        self.max_column = 0

    def feed(self, text: bytes) -> None:
        for closing, tag, attributes, empty in _ODS_TAG.findall(text):
            if tag == b"table":
                if not closing:
                    self._new_sheet()
            elif tag == b"table-row":
                if closing:
                    self.row += self.rows_repeated
                else:
                    self.rows_repeated = _repeat(attributes, b"rows")
                    self.column = 0
                    if empty:
                        self.row += self.rows_repeated
            elif not closing:  # a cell or covered cell
                columns = _repeat(attributes, b"columns")
                self.column += columns
                if b"value-type" in attributes or not empty:
                    self.max_row = max(self.max_row, self.row + self.rows_repeated)
                    self.max_column = max(self.max_column, self.column)
                    if self.max_row * self.max_column > MAX_SHEET_AREA:
                        self.fits_so_far = False

    def fits(self) -> bool:
        return self.fits_so_far


def _repeat(attributes: bytes, axis: bytes) -> int:
    found = re.search(rb"number-" + axis + rb'-repeated="([0-9]{1,9})"', attributes)
    return int(found[1]) if found else 1


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters[:8]:
        number = number * 26 + letter - 64
    return number


def not_a_workbook(name: str) -> BulletinError:
    return BulletinError(f"“{name}”不是 Excel 工作簿（可能是改了扩展名的其他文件）。{SAVE_AS}")


def damaged(name: str) -> BulletinError:
    return BulletinError(
        f"“{name}”已损坏，无法打开（压缩包不完整）。请重新获取该文件，或在 Excel 中打开修复后另存为 .xlsx"
    )


def encrypted(name: str) -> BulletinError:
    return BulletinError(
        f"“{name}”工作簿已加密，请先取消密码：在 Excel 中打开它，"
        "选择“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码并保存，然后再导入"
    )


def too_large(name: str) -> BulletinError:
    return BulletinError(
        f"“{name}”中的数据量超出了本程序能读取的范围（单个工作表最多约一千二百万个单元格），"
        "文件可能已损坏或并非统计表。请只保留统计表所在的工作表后另存再导入"
    )
