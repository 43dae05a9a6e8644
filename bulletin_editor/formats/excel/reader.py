"""Read the six statistics figures from a workbook (.xlsx .xlsm .xlsb .xls .et .ods), found by their labels.

The table may sit on any sheet, under title rows, with merged two-level headers, with the
categories (行政许可 / 公共服务 / 其它九类行权) down the rows or across the columns and the
measures (受理 / 办结) the other way, among other rows and columns (办结率, 合计). A figure is
the cell where a category's line meets a measure's line. Values are the cached results
the spreadsheet program saved; python-calamine reads them. Nothing is ever guessed: two possible tables raise
AmbiguousFigures, no table raises FiguresNotFound, a bad figure cell names sheet and cell.

Cells picked by hand are remembered in the user's config folder and tried first next time.
"""

from __future__ import annotations

import bisect
import collections
import functools
import io
import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    ZipError,
)

from ...errors import BulletinError
from ...model import Counts, Figures
from ...model.statistics import CATEGORIES, CATEGORY_NAMES, MEASURE_NAMES, MEASURES
from ...storage.files import read_user_file
from ...storage.settings import read_setting, write_setting
from .package import SAVE_AS, Progress, check_workbook, damaged, encrypted

Key = tuple[str, str]  # (category, measure), e.g. ("licensing", "accepted")
KEYS: tuple[Key, ...] = tuple(itertools.product(CATEGORIES, MEASURES))

_ADDRESS = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")
CELLS_SETTING = "stats-cells"  # stats-cells.json: the cells picked by hand last time
_MAX_CANDIDATES = 12
_HEADING_CHARS = 24  # of a table's heading shown with it


def column_letter(column: int) -> str:
    """3 -> C, 28 -> AB."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def coordinates(cell: str) -> tuple[int, int]:
    """B4 -> (4, 2); `cell` matches _ADDRESS."""
    letters = cell.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(cell[len(letters) :]), column


def figure_name(key: Key) -> str:
    return CATEGORY_NAMES[key[0]] + MEASURE_NAMES[key[1]]


@dataclass(frozen=True)
class CellRef:
    sheet: str
    cell: str  # "B4"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


Cells = dict[Key, CellRef]


@dataclass
class Reading:
    figures: Figures
    sources: Cells
    remembered: bool = False  # read from the cells the user picked by hand before

    def to_json(self) -> dict:
        """{"licensing": {"accepted": N, ...}, ..., "source": {"licensing": {"accepted": "表!B4"}}}"""
        document: dict = {c: {m: getattr(getattr(self.figures, c), m) for m in MEASURES} for c in CATEGORIES}
        document["source"] = {c: {m: str(self.sources[c, m]) for m in MEASURES} for c in CATEGORIES}
        return document


class FiguresNotFound(BulletinError):
    """No table with the six labels: the user can pick the cells by hand."""


class AmbiguousFigures(BulletinError):
    """Several tables could be meant; `candidates` lists each one's six cells."""

    def __init__(self, message: str, candidates: list[Cells]):
        super().__init__(message)
        self.candidates = candidates


def describe(cells: Cells) -> str:
    """Where a table sits, e.g. 累计!B4:C6."""
    sheets = list(dict.fromkeys(ref.sheet for ref in cells.values()))
    points = [coordinates(ref.cell) for ref in cells.values()]
    if len(sheets) > 1:
        return "、".join(str(ref) for ref in cells.values())
    top_left = f"{column_letter(min(c for _, c in points))}{min(r for r, _ in points)}"
    bottom_right = f"{column_letter(max(c for _, c in points))}{max(r for r, _ in points)}"
    return f"{sheets[0]}!{top_left}:{bottom_right}"


def read_figures(path: str | Path, progress: Progress | None = None) -> Reading:
    return StatsWorkbook(path, progress).find()


class StatsWorkbook:
    """One workbook, read once with calamine; `find` locates the figures, `read` reads given cells.

    Each sheet is scanned once for labels and dropped; only the rows near a label (and the
    top of each sheet, for picking cells by hand) stay in memory.
    """

    def __init__(self, path: str | Path, progress: Progress | None = None):
        self.path = Path(path)
        name = self.path.name
        self._data = read_user_file(self.path, "Excel 工作簿")
        report = progress or (lambda fraction: None)
        self._kind = check_workbook(self._data, name, lambda f: report(0.2 * f))
        self._book = _open(self._data, name)
        self.sheet_names = [
            sheet.name for sheet in self._book.sheets_metadata if sheet.typ == SheetTypeEnum.WorkSheet
        ]
        wanted = remembered_cells() or {}
        self._sheets: dict[str, _Sheet] = {}
        share = 0.8 / max(len(self.sheet_names), 1)
        for number, sheet_name in enumerate(self.sheet_names):
            rows = {_row_of(ref.cell) for ref in wanted.values() if ref.sheet == sheet_name}

            def sheet_progress(fraction: float, start: float = 0.2 + share * number) -> None:
                report(start + share * fraction)

            self._sheets[sheet_name] = self._scan(sheet_name, rows, sheet_progress)
        report(1.0)

    def _scan(self, sheet_name: str, wanted_rows: set[int], progress: Progress) -> _Sheet:
        try:
            data = self._book.get_sheet_by_name(sheet_name)
        except CalamineError as exc:
            raise _unreadable(self.path.name, exc) from None
        reread = lambda rows: self._scan(sheet_name, rows, lambda f: None)  # noqa: E731
        return _scan(_Sheet(sheet_name, reread), data, wanted_rows, progress)

    def find(self) -> Reading:
        candidates, has_data = self._candidates()
        name = self.path.name
        if not has_data:
            raise BulletinError(f"“{name}”是空的工作簿，没有任何数据。请检查是否选错了文件")
        remembered = self._remembered()
        if remembered is not None:
            elsewhere = [c for c in candidates if c != remembered.sources]
            if not elsewhere:
                return remembered
            # The labels point elsewhere too: a wrong number must not slip in by position.
            candidates = [remembered.sources, *elsewhere]
        if len(candidates) > _MAX_CANDIDATES:
            raise FiguresNotFound(
                f"“{name}”中像统计表的表格太多，无法确定用哪一个。请手动选择六个数字所在的单元格"
            )
        if len(candidates) > 1:  # a blank copy of the table next to a filled one is no rival
            candidates = [c for c in candidates if not self._all_empty(c)] or candidates[:1]
        if not candidates:
            raise FiguresNotFound(
                f"在“{name}”中没有找到统计表：需要“行政许可事项”“公共服务事项”“其它九类行权事项”"
                "和“受理”“办结”这些标题。请手动选择六个数字所在的单元格，或使用空白统计模板"
            )
        if len(candidates) > 1:
            listing = "；".join(f"{n}) {self.describe(c)}" for n, c in enumerate(candidates, 1))
            raise AmbiguousFigures(
                f"“{name}”中有 {len(candidates)} 个表格都像统计表，无法确定用哪一个：{listing}。"
                "请在导入对话框中选择，或删去多余的表格后重试",
                candidates,
            )
        return self.read(candidates[0])

    def heading(self, cells: Cells) -> str:
        """The words above and before a table's figures that tell it from another table (本周,
        本年累计, a department's name), else the title line above its header (本年累计办件情况);
        "" where only labels, numbers and blanks stand there."""
        sheets = {ref.sheet for ref in cells.values()}
        if len(sheets) != 1:
            return ""
        sheet = self._sheets[sheets.pop()]
        places = [coordinates(ref.cell) for ref in cells.values()]
        row, column = min(places)  # the top-left figure
        found = []
        for down, right in ((-1, 0), (0, -1)):  # up its column, then left along its row
            r, c = row + down, column + right
            while r >= 1 and c >= 1 and row - r + column - c <= _NEAR:
                text = _heading_text(sheet.value(r, c))
                if text:
                    found.append(text)
                    break
                r, c = r + down, c + right
        if not found:
            return _title_above(sheet, row, max(c for _, c in places))
        return " ".join(dict.fromkeys(found))

    def describe(self, cells: Cells) -> str:
        """A table's heading and place, e.g. “本年累计” 统计!D3:E5."""
        heading = self.heading(cells)
        return f"“{heading}” {describe(cells)}" if heading else describe(cells)

    def _remembered(self) -> Reading | None:
        """The figures in the cells picked by hand last time, if this file has them."""
        cells = remembered_cells()
        if cells is None or any(ref.sheet not in self.sheet_names for ref in cells.values()):
            return None
        try:
            return Reading(self.read(cells).figures, cells, remembered=True)
        except BulletinError:
            return None  # this file is laid out differently: go by the labels

    def read(self, cells: Cells) -> Reading:
        counts = {c: Counts() for c in CATEGORIES}
        for key in KEYS:
            ref = cells[key]
            if ref.sheet not in self.sheet_names:
                raise BulletinError(f"{figure_name(key)}：工作簿中没有名为“{ref.sheet}”的工作表")
            if not _ADDRESS.fullmatch(ref.cell) or not _within_excel(*coordinates(ref.cell)):
                raise BulletinError(f"{figure_name(key)}：“{ref.cell}”不是有效的单元格地址（如 B4）")
            setattr(counts[key[0]], key[1], self._number(self._value(ref), key, ref))
        return Reading(Figures(**counts), dict(cells))

    def _value(self, ref: CellRef) -> object:
        return self._sheets[ref.sheet].value(*coordinates(ref.cell))

    def preview(self, sheet: str, rows: int = 200, columns: int = 40) -> list[list[str]]:
        """The top-left of a sheet as text, for picking cells by hand."""
        return self._sheets[sheet].preview(rows, columns)

    def _number(self, value: object, key: Key, ref: CellRef) -> int:
        where = f"{figure_name(key)}（{ref}）"
        if value is None and self._kind.has_xml_formulas:
            # calamine reads an error value (#DIV/0!) as empty, and cannot tell a formula
            # never calculated from an empty cell: openpyxl reads that one cell's row.
            value, formula = _cell_in_package(self._data, ref)
            if value is None and formula:
                raise BulletinError(
                    f"{where}是公式，但文件中没有保存计算结果（文件可能由其他程序生成、从未在 Excel 中"
                    "打开过）。请在 Excel 中打开并保存该文件后再导入"
                )
        if value is None:
            raise BulletinError(f"{where}是空的，请填写该数字")
        number = _parse_number(value)
        if number is None:
            shown = str(value)
            if shown.startswith("#"):
                raise BulletinError(f"{where}是错误值 {shown}，请在 Excel 中修正公式后再导入")
            raise BulletinError(f"{where}的内容“{shown}”不是数字")
        if not math.isfinite(number):
            raise BulletinError(f"{where}的数值超出范围，不是有效的件数，请核对")
        if number < 0:
            raise BulletinError(f"{where}是负数 {number}，件数不能为负，请核对")
        if number != int(number):
            raise BulletinError(f"{where}是小数 {number}，件数应为整数，请核对")
        return int(number)

    def _all_empty(self, cells: Cells) -> bool:
        return all(self._value(ref) is None for ref in cells.values())

    def _candidates(self) -> tuple[list[Cells], bool]:
        found: list[Cells] = []
        has_data = False
        for sheet in self._sheets.values():
            has_data = has_data or sheet.has_data
            for table in _sheet_tables(sheet, sheet.labels):
                cells = {key: CellRef(sheet.name, f"{column_letter(c)}{r}") for key, (r, c) in table.items()}
                if cells not in found:
                    found.append(cells)
        return found, has_data


# --- Loading -------------------------------------------------------------------------

_NEAR = 16  # rows below a label the table search may look at (figures, and lines beyond)
_KEPT_ROWS = 5_000  # beyond this many, a sheet is a detail list: keep no more rows of it
_PREVIEW_ROWS = 200
_PROGRESS_EVERY = 8192  # rows


def _open(data: bytes, name: str) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise encrypted(name) from None
    except (CalamineError, ValueError) as exc:
        raise _unreadable(name, exc) from None


def _unreadable(name: str, exc: Exception) -> BulletinError:
    if isinstance(exc, PasswordError):
        return encrypted(name)
    if isinstance(exc, ZipError):
        return damaged(name)
    return BulletinError(f"“{name}”不是 Excel 工作簿，或已损坏，无法读取。{SAVE_AS}")


def _row_of(cell: str) -> int:
    return coordinates(cell)[0] if _ADDRESS.fullmatch(cell) else 0


def _within_excel(row: int, column: int) -> bool:
    return 1 <= row <= 1_048_576 and 1 <= column <= 16_384


class _Sheet:
    """One sheet's labels, whether it holds anything, and the rows kept of it (1-based).

    A row asked for that was not kept is read again from the workbook (`reread`): slow, and
    only for cells picked by hand far from every label, or beside labels of a detail list.
    """

    def __init__(self, name: str, reread: Callable[[set[int]], _Sheet]):
        self.name = name
        self.labels: list[_Label] = []
        self.has_data = False
        self.rows: dict[int, list] = {}  # row -> its values from `first_column` on; "" is empty
        self.first_column = 1
        self.first_row = 1  # rows above it and below `last_row` are empty
        self.last_row = 0
        self._reread = reread

    def value(self, row: int, column: int) -> object:
        line = self.rows.get(row)
        if line is None and self.first_row <= row <= self.last_row:
            self.rows.update(self._reread(set(range(row, row + _NEAR))).rows)
            line = self.rows.get(row)
        at = column - self.first_column
        if line is None or not 0 <= at < len(line):
            return None
        value = line[at]
        return None if value == "" else value

    def preview(self, rows: int, columns: int) -> list[list[str]]:
        width = max((len(line) for line in self.rows.values()), default=0) + self.first_column - 1
        return [
            [
                "" if (value := self.value(row, column)) is None else str(value)
                for column in range(1, min(width, columns) + 1)
            ]
            for row in range(1, min(self.last_row, rows) + 1)
        ]


def _scan(sheet: _Sheet, data: CalamineSheet, wanted_rows: set[int], progress: Progress) -> _Sheet:
    """Find the labels of a sheet, keeping the rows near them, its top rows and `wanted_rows`."""
    start, end = data.start, data.end
    if start is None or end is None:
        return sheet
    # calamine yields rows from the sheet's first row, or from its first row with data (the
    # count tells which, at the end), and columns from the first with data: the index of
    # a kept row is its row number less one, or less `start[0]` + 1.
    wanted = {row - 1 for row in wanted_rows} | {row - 1 - start[0] for row in wanted_rows}
    kept: dict[int, list] = {}
    keep_until = -1
    kept_near_labels = 0
    found: list[tuple[str, int, int]] = []
    height = data.height or 1
    count = 0
    width = 0
    rows = data.iter_rows()
    # Rows a block at a time and each block a column at a time: a column's distinct texts are
    # few (a detail list repeats its departments and kinds), so each is judged once, not per cell.
    while block := list(itertools.islice(rows, _PROGRESS_EVERY)):
        progress(count / height)
        if not sheet.has_data:
            sheet.has_data = any(line.count("") != len(line) for line in block)
        labelled: list[tuple[str, int, int]] = []
        for at in range(len(block[0])):
            column = list(map(operator.itemgetter(at), block))  # faster than zip(*block)
            texts = (v for v in set(column) if v.__class__ is str and len(v) < 30 and _HINT.search(v))
            keys = {v: key for v in texts if (key := _label_key(v))}  # the hint first: no cache churn
            if keys:
                labelled += [(keys[v], count + n, at) for n, v in enumerate(column) if v in keys]
        labelled.sort(key=_ROW_COLUMN)  # in reading order, as the tables are searched
        found += labelled
        if count < _PREVIEW_ROWS or kept_near_labels < _KEPT_ROWS:
            label_rows = {index for _, index, _ in labelled}
            for index, line in enumerate(block, count):
                if index in label_rows:
                    keep_until = index + _NEAR
                if index < _PREVIEW_ROWS or index in wanted:
                    kept[index] = line
                elif index <= keep_until and kept_near_labels < _KEPT_ROWS:
                    kept_near_labels += 1
                    kept[index] = line
        else:  # past the top rows, with as many rows near labels as are kept: only those asked for
            kept.update(
                (index, block[index - count]) for index in wanted if count <= index < count + len(block)
            )
        count += len(block)
        width = len(block[-1])
    first_row = end[0] + 2 - count
    sheet.first_column = end[1] + 2 - width
    sheet.first_row, sheet.last_row = first_row, end[0] + 1
    sheet.rows = {index + first_row: line for index, line in kept.items()}
    merged = {
        (top + 1, left + 1): (bottom + 1, right + 1)
        for (top, left), (bottom, right) in data.merged_cell_ranges or ()
    }
    for key, index, at in found:
        top, left = index + first_row, at + sheet.first_column
        bottom, right = merged.get((top, left), (top, left))
        sheet.labels.append(_new_label((key, top, left, bottom, right)))
    return sheet


def _cell_in_package(data: bytes, ref: CellRef) -> tuple[object, bool]:
    """One cell's cached value and whether it holds a formula, read by streaming its sheet."""
    import openpyxl  # only here: its import alone takes longer than most workbooks' reading

    row, column = coordinates(ref.cell)
    values = []
    for data_only in (True, False):
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
            )
            try:
                cells = book[ref.sheet].iter_rows(
                    min_row=row, max_row=row, min_col=column, max_col=column, values_only=True
                )
                values.append(next(iter(cells), (None,))[0])
            finally:
                book.close()
        except Exception:  # openpyxl reports malformed parts with many exception types
            values.append(None)
    value, formula = values
    return value, isinstance(formula, str) and formula.startswith("=")


_SPACES = re.compile(r"[\s,\u00a0\u2009\u202f\u3000']+")
_DIGITS = re.compile(r"[+-]?\d{1,30}(\.\d+)?")  # no figure has 30 digits; int() refuses 4300


def _heading_text(value: object) -> str:
    """A cell's text that could name a table: not a figure, not a label the search knows."""
    if not isinstance(value, str) or _figure_like(value):
        return ""
    text = re.sub(r"\s+", "", value)
    return text[:_HEADING_CHARS] if text and _label_key(text) is None else ""


def _title_above(sheet: _Sheet, row: int, last_column: int) -> str:
    """The first text up from a table's top row that is neither in its header rows (those
    holding labels) nor beyond the figures of a table above; each row read from the table's
    last column leftwards, so that a title over this table wins over one beside it."""
    for r in range(row - 1, max(row - _NEAR, 0), -1):
        values = [sheet.value(r, c) for c in range(last_column, 0, -1)]
        if any(_figure_like(value) for value in values):
            return ""  # another table's figures
        if any(isinstance(value, str) and _label_key(value) for value in values):  # it ignores spaces
            continue  # this table's header
        for value in values:
            if text := _heading_text(value):
                return text
    return ""


def _figure_like(value: object) -> bool:
    number = _parse_number(value)
    return number is not None and math.isfinite(number) and number >= 0 and number == int(number)


def _parse_number(value: object) -> float | int | None:
    """A numeric cell, or text like 601,284 / 601 284 / ６０１２８４ / 601284件; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):  # calamine reads every .xlsx number as a float
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = _SPACES.sub("", unicodedata.normalize("NFKC", value)).removesuffix("件")
        if _DIGITS.fullmatch(text):
            return float(text) if "." in text else int(text)
    return None


# --- Labels ----------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(?:[0-9一二三四五六七八九十]+[、.]|\([0-9一二三四五六七八九十]+\))")
_UNIT = re.compile(r"\([^()]*\)")  # （件） (项) （万件）
_LABELS = {
    "licensing": re.compile(r"(省本级)?行政许可(类)?(事项)?"),
    "public_service": re.compile(r"(省本级)?公共服务(类)?(事项)?"),
    "other_powers": re.compile(r"(省本级)?其[它他](?=九类|行权|行政权力)(九类)?(行权|行政权力)?(类)?(事项)?"),
    "accepted": re.compile(r"(累计|本年|年度|本年累计)?受理(量|数|数量|件数|件|总量)?"),
    "completed": re.compile(r"(累计|本年|年度|本年累计|已)?办结(量|数|数量|件数|件|总量)?"),
}


_HINT = re.compile(r"许\s*可|服\s*务|其\s*[它他]|受\s*理|办\s*结")
# One cell naming both, as in a flat list: 行政许可事项受理量 | 588929.
_COMBINED = {
    f"{c}|{m}": re.compile(_LABELS[c].pattern + _LABELS[m].pattern) for c in CATEGORIES for m in MEASURES
}


@functools.lru_cache(maxsize=4096)
def _label_key(text: str) -> str | None:
    """licensing, accepted, ... for a plain label; licensing|accepted for a combined one."""
    if not _HINT.search(text):  # most text in a sheet: settle it with one search
        return None
    text = re.sub(r"\s+", "", text)  # 受 理 spaced out to fill a header cell
    text = unicodedata.normalize("NFKC", text)  # full-width brackets, digits, colons
    text = _UNIT.sub("", _NUMBERING.sub("", text)).rstrip(":")
    for key, pattern in (*_LABELS.items(), *_COMBINED.items()):
        if pattern.fullmatch(text):
            return key
    return None


class _Label(NamedTuple):  # a tuple: a detail list makes a million of them
    key: str
    top: int
    left: int
    bottom: int
    right: int

    def transposed(self) -> _Label:
        return _Label(self.key, self.left, self.top, self.right, self.bottom)


# A _Label from a tuple without _Label's Python-level __new__ (a detail list has many).
_new_label = functools.partial(tuple.__new__, _Label)
_TOP, _LEFT, _LEFT_TOP = operator.itemgetter(1), operator.itemgetter(2), operator.itemgetter(2, 1)
_ROW_COLUMN = operator.itemgetter(1, 2)


def _transposed(labels: list[_Label]) -> list[_Label]:
    """Every label transposed, without a Python call per label (a detail list has many)."""
    return list(map(_new_label, map(operator.itemgetter(0, 2, 1, 4, 3), labels)))


Table = dict[Key, tuple[int, int]]  # (row, column) of each figure


def _sheet_tables(sheet: _Sheet, labels: list[_Label]) -> list[Table]:
    """Tables with categories down a column, then (by transposing) across a row."""
    down = _tables_down(labels, sheet.value)
    # Across the columns, a trio stands in one row: category labels alone in their row need
    # no transposing (a detail list has a million of them).
    per_row = collections.Counter(label.top for label in labels if label.key in CATEGORIES)
    crossing = [
        label for label in labels if label.key not in CATEGORIES or per_row[label.top] >= len(CATEGORIES)
    ]
    across = _tables_down(_transposed(crossing), lambda row, col: sheet.value(col, row))
    label_cells = set(zip(map(_TOP, labels), map(_LEFT, labels)))
    tables = down + [{key: (c, r) for key, (r, c) in t.items()} for t in across]
    tables += _flat_tables(sheet, [label for label in labels if "|" in label.key])
    # A figure is never a label, and six figures are six cells.
    return [t for t in tables if len(set(t.values())) == len(KEYS) and not label_cells & set(t.values())]


def _onward(first: Table, step: tuple[int, int], value: Callable[[int, int], object]) -> list[Table]:
    """The figures next to their labels, and every further line of numbers beyond them.

    Under a header of 受理/办结 there may be one row of figures or one per department and a
    合计: each line is a candidate, so several lines are never settled silently.
    """
    tables = [first]
    while len(tables) <= _MAX_CANDIDATES:
        following = {
            key: (r + step[0] * len(tables), c + step[1] * len(tables)) for key, (r, c) in first.items()
        }
        if not all(_figure_like(value(*cell)) for cell in following.values()):
            break  # a rate column (0.99) or text ends the run
        tables.append(following)
    return tables


def _flat_tables(sheet: _Sheet, combined: list[_Label]) -> list[Table]:
    """Six labels each naming category and measure, the figure beside (or else under) each."""
    by_key: dict[tuple[str, str], _Label] = {}
    for label in combined:  # "category|measure"
        category, measure = label.key.split("|")
        by_key[category, measure] = label
    if len(by_key) < len(KEYS) or len(combined) > len(KEYS):  # missing or repeated: not this
        return []
    value = sheet.value
    beside = {key: (label.top, label.right + 1) for key, label in by_key.items()}
    under = {key: (label.bottom + 1, label.left) for key, label in by_key.items()}
    numeric = lambda table: all(_figure_like(value(*cell)) for cell in table.values())  # noqa: E731
    if numeric(under) and not numeric(beside):
        return _onward(under, (1, 0), value)
    return _onward(beside, (0, 1), value)


def _tables_down(labels: list[_Label], value: Callable[[int, int], object]) -> list[Table]:
    """Tables whose three category labels stand in one column (rows run down the page).

    A: measures are column headers above the categories: figure = (category row, measure column).
    D: measures stand beside each category, inside its row span: figure = right of the measure
       (and each further column of numbers is a candidate too).
    Across-the-columns tables (C, and B with 办件量-style nested headers) are these transposed.
    """
    measures = [label for label in labels if label.key in MEASURES]
    tables: list[Table] = []
    for trio in _trios(labels):
        top = min(label.top for label in trio)
        right = max(label.right for label in trio)
        if all(label.top == label.bottom for label in trio):  # A
            heads = [m for m in measures if m.bottom < top and m.left > right and m.left == m.right]
            if heads:
                header_row = max(m.bottom for m in heads)
                for pair in _pairs([m for m in heads if m.bottom == header_row], lambda m: m.left):
                    tables.append({(c.key, m.key): (c.top, m.left) for c in trio for m in pair})
        beside = {
            c: [
                m
                for m in measures
                if m.top == m.bottom and m.left > c.right and c.top <= m.top <= _span_bottom(c, value)
            ]
            for c in trio
        }
        if all(beside.values()):  # D
            column = min(m.left for found in beside.values() for m in found)
            table: Table = {}
            for c, found in beside.items():
                here = [m for m in found if m.left == column]
                if sorted(m.key for m in here) == sorted(MEASURES):
                    table.update({(c.key, m.key): (m.top, m.right + 1) for m in here})
            if len(table) == len(KEYS):
                tables += _onward(table, (0, 1), value)
    return tables


def _trios(labels: list[_Label]) -> list[tuple[_Label, ...]]:
    """One label per category in one column: each 行政许可 with the nearest other two.

    A column where category names repeat row after row is a detail list (事项类型 per
    item), not the summary table: a trio must have no other category label in or beside it.
    """
    categories = [label for label in labels if label.key in CATEGORIES]
    per_column = collections.Counter(map(_LEFT, categories))  # most columns hold one or two
    categories = [label for label in categories if per_column[label.left] >= len(CATEGORIES)]
    categories.sort(key=_LEFT_TOP)
    trios = []
    for _, group in itertools.groupby(categories, key=_LEFT):
        column = list(group)
        tops = [label.top for label in column]
        # Labels less than two rows apart are never on either side of a trio's bounds: a run of
        # more than three such labels (a detail list's 事项类型 column) holds no trio member.
        breaks = [0, *(at for at in range(1, len(tops)) if tops[at] - tops[at - 1] > 1), len(tops)]
        run_length = list(
            itertools.chain.from_iterable(
                itertools.repeat(b - a, b - a) for a, b in itertools.pairwise(breaks)
            )
        )
        by_key = {key: [label for label in column if label.key == key] for key in CATEGORIES}
        if not all(by_key.values()):
            continue
        key_tops = {key: [label.top for label in found] for key, found in by_key.items()}
        for at, first in enumerate(column):
            if run_length[at] > len(CATEGORIES) or first.key != CATEGORIES[0]:
                continue
            if not _may_stand_apart(column, tops, at):
                continue
            trio = [first] + [_nearest(by_key[key], key_tops[key], first.top) for key in CATEGORIES[1:]]
            low = min(label.top for label in trio) - 1
            high = max(label.bottom for label in trio) + 1
            if bisect.bisect_right(tops, high) - bisect.bisect_left(tops, low) == len(CATEGORIES):
                trios.append(tuple(trio))
    return trios


def _may_stand_apart(column: list[_Label], tops: list[int], at: int) -> bool:
    """Whether the label at `at` can be in a trio at all: one of the three runs of three
    labels around it must hold the three categories with no other label beside it. Settles
    each label of a long detail list in a few comparisons."""
    for start in range(max(at - 2, 0), min(at, len(column) - 3) + 1):
        a, b, c = column[start : start + 3]
        if a.key == b.key or b.key == c.key or a.key == c.key:
            continue
        if (start == 0 or tops[start - 1] < a.top - 1) and (
            start + 3 >= len(column) or tops[start + 3] > max(a.bottom, b.bottom, c.bottom) + 1
        ):
            return True
    return False


def _nearest(column: list[_Label], tops: list[int], top: int) -> _Label:
    """The label nearest to row `top` in a column sorted by row (`tops` their rows)."""
    at = bisect.bisect_left(tops, top)
    return min(column[max(at - 1, 0) : at + 1], key=lambda label: abs(label.top - top))


def _pairs(heads: list[_Label], position: Callable[[_Label], int]) -> list[tuple[_Label, _Label]]:
    accepted = sorted((m for m in heads if m.key == "accepted"), key=position)
    completed = sorted((m for m in heads if m.key == "completed"), key=position)
    if len(accepted) == len(completed):
        return list(zip(accepted, completed))
    return list(itertools.product(accepted, completed))


def _span_bottom(label: _Label, value: Callable[[int, int], object]) -> int:
    """A category label owns the empty (or merged) rows below it, a few at most."""
    bottom = label.bottom
    while bottom < label.top + 4 and value(bottom + 1, label.left) is None:
        bottom += 1
    return bottom


# --- Cells picked by hand --------------------------------------------------------------


def remembered_cells() -> Cells | None:
    """The cells picked by hand last time, or None (never saved, or unreadable)."""
    document = read_setting(CELLS_SETTING)
    try:
        return {(c, m): CellRef(*document[c][m]) for c, m in KEYS}
    except (ValueError, KeyError, TypeError):
        return None


def remember_cells(cells: Cells) -> None:
    document = {c: {m: [cells[c, m].sheet, cells[c, m].cell] for m in MEASURES} for c in CATEGORIES}
    write_setting(CELLS_SETTING, document)
