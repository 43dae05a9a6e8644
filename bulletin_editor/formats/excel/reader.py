"""Read the six statistics figures from an .xlsx/.xlsm workbook, found by their labels.

The table may sit on any sheet, under title rows, with merged two-level headers, with the
categories (行政许可 / 公共服务 / 其它九类行权) down the rows or across the columns and the
measures (受理 / 办结) the other way, among other rows and columns (办结率, 合计). A figure is
the cell where a category's line meets a measure's line. Values are the cached results
Excel saved (data_only). Nothing is ever guessed: two possible tables raise
AmbiguousFigures, no table raises FiguresNotFound, a bad figure cell names sheet and cell.

Cells picked by hand are remembered in the user's config folder and tried first next time.
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter

from ...errors import BulletinError
from ...model import Counts, Figures
from ...model.statistics import CATEGORIES, CATEGORY_NAMES, MEASURE_NAMES, MEASURES
from ...storage.files import read_user_file
from ...storage.settings import read_setting, write_setting

Key = tuple[str, str]  # (category, measure), e.g. ("licensing", "accepted")
KEYS: tuple[Key, ...] = tuple(itertools.product(CATEGORIES, MEASURES))

_ADDRESS = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# An encrypted .xlsx is an OLE container holding this stream; directory names are UTF-16LE.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
CELLS_SETTING = "stats-cells"  # stats-cells.json: the cells picked by hand last time
_MAX_CANDIDATES = 12


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
    points = [coordinate_to_tuple(ref.cell) for ref in cells.values()]
    if len(sheets) > 1:
        return "、".join(str(ref) for ref in cells.values())
    top_left = f"{get_column_letter(min(c for _, c in points))}{min(r for r, _ in points)}"
    bottom_right = f"{get_column_letter(max(c for _, c in points))}{max(r for r, _ in points)}"
    return f"{sheets[0]}!{top_left}:{bottom_right}"


def read_figures(path: str | Path) -> Reading:
    return StatsWorkbook(path).find()


class StatsWorkbook:
    """One workbook, loaded once; `find` locates the figures, `read` reads given cells."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._data = read_user_file(self.path, "Excel 工作簿")
        self._book = _load(self._data, self.path.name, data_only=True)
        self._formulas: openpyxl.Workbook | None = None  # loaded only to explain an empty cell
        self.sheet_names = [ws.title for ws in self._book.worksheets]

    def find(self) -> Reading:
        # Scan before reading any remembered cell: openpyxl creates the cells it is asked
        # for, and a far-off one would make the scan walk an enormous empty range.
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
            listing = "；".join(f"{n}) {describe(c)}" for n, c in enumerate(candidates, 1))
            raise AmbiguousFigures(
                f"“{name}”中有 {len(candidates)} 个表格都像统计表，无法确定用哪一个：{listing}。"
                "请在导入对话框中选择，或删去多余的表格后重试",
                candidates,
            )
        return self.read(candidates[0])

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
            try:
                if not _ADDRESS.fullmatch(ref.cell):
                    raise ValueError(ref.cell)
                value = self._book[ref.sheet][ref.cell].value
            except ValueError:  # openpyxl rejects addresses beyond XFD1048576
                raise BulletinError(
                    f"{figure_name(key)}：“{ref.cell}”不是有效的单元格地址（如 B4）"
                ) from None
            setattr(counts[key[0]], key[1], self._number(value, key, ref))
        return Reading(Figures(**counts), dict(cells))

    def preview(self, sheet: str, rows: int = 200, columns: int = 40) -> list[list[str]]:
        """The top-left of a sheet as text, for picking cells by hand."""
        ws = self._book[sheet]
        return [
            ["" if value is None else str(value) for value in row]
            for row in ws.iter_rows(
                max_row=min(ws.max_row, rows), max_col=min(ws.max_column, columns), values_only=True
            )
        ]

    def _number(self, value: object, key: Key, ref: CellRef) -> int:
        where = f"{figure_name(key)}（{ref}）"
        if value is None:
            if self._has_formula(ref):
                raise BulletinError(
                    f"{where}是公式，但文件中没有保存计算结果（文件可能由其他程序生成、从未在 Excel 中"
                    "打开过）。请在 Excel 中打开并保存该文件后再导入"
                )
            raise BulletinError(f"{where}是空的，请填写该数字")
        number = _parse_number(value)
        if number is None:
            shown = str(value)
            if shown.startswith("#"):
                raise BulletinError(f"{where}是错误值 {shown}，请在 Excel 中修正公式后再导入")
            raise BulletinError(f"{where}的内容“{shown}”不是数字")
        if number < 0:
            raise BulletinError(f"{where}是负数 {number}，件数不能为负，请核对")
        if number != int(number):
            raise BulletinError(f"{where}是小数 {number}，件数应为整数，请核对")
        return int(number)

    def _has_formula(self, ref: CellRef) -> bool:
        if self._formulas is None:
            self._formulas = _load(self._data, self.path.name, data_only=False)
        value = self._formulas[ref.sheet][ref.cell].value
        return value is not None and (not isinstance(value, str) or value.startswith("="))

    def _all_empty(self, cells: Cells) -> bool:
        return all(self._book[ref.sheet][ref.cell].value is None for ref in cells.values())

    def _candidates(self) -> tuple[list[Cells], bool]:
        found: list[Cells] = []
        has_data = False
        for ws in self._book.worksheets:
            labels, sheet_has_data = _labels(ws)
            has_data = has_data or sheet_has_data
            for table in _sheet_tables(ws, labels):
                cells = {
                    key: CellRef(ws.title, f"{get_column_letter(c)}{r}") for key, (r, c) in table.items()
                }
                if cells not in found:
                    found.append(cells)
        return found, has_data


# --- Loading -------------------------------------------------------------------------


def _load(data: bytes, name: str, data_only: bool) -> openpyxl.Workbook:
    save_as = "请在 Excel 中另存为 .xlsx 格式后再导入"
    if not data:
        raise BulletinError(f"“{name}”是空文件（0 字节），不是 Excel 工作簿。{save_as}")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise BulletinError(
                f"“{name}”工作簿已加密，请先取消密码：在 Excel 中打开它，"
                "选择“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码并保存，然后再导入"
            )
        raise BulletinError(f"“{name}”是旧版 Excel 97-2003 格式（.xls），无法直接读取。{save_as}")
    if not data.startswith(b"PK"):
        raise BulletinError(f"“{name}”不是 Excel 工作簿（可能是改了扩展名的其他文件）。{save_as}")
    try:
        # A stream, not the path: openpyxl then does not judge the file by its extension.
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False)
    except zipfile.BadZipFile:
        raise BulletinError(
            f"“{name}”已损坏，无法打开（压缩包不完整）。请重新获取该文件，或在 Excel 中打开修复后另存为 .xlsx"
        ) from None
    except KeyError:  # a zip without workbook parts: .docx, .zip renamed .xlsx
        raise BulletinError(f"“{name}”不是 Excel 工作簿（可能是改了扩展名的其他文件）。{save_as}") from None
    except Exception as exc:  # openpyxl reports malformed parts with many exception types
        raise BulletinError(f"“{name}”已损坏，无法读取（{type(exc).__name__}）。{save_as}") from None


_SPACES = re.compile(r"[\s,\u00a0\u2009\u202f\u3000']+")
_DIGITS = re.compile(r"[+-]?\d+(\.\d+)?")


def _figure_like(value: object) -> bool:
    number = _parse_number(value)
    return number is not None and number >= 0 and number == int(number)


def _parse_number(value: object) -> float | int | None:
    """A numeric cell, or text like 601,284 / 601 284 / ６０１２８４ / 601284件; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
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


_HINT = re.compile("许可|服务|其[它他]|受理|办结")
# One cell naming both, as in a flat list: 行政许可事项受理量 | 588929.
_COMBINED = {
    f"{c}|{m}": re.compile(_LABELS[c].pattern + _LABELS[m].pattern) for c in CATEGORIES for m in MEASURES
}


@functools.lru_cache(maxsize=4096)
def _label_key(text: str) -> str | None:
    """licensing, accepted, ... for a plain label; licensing|accepted for a combined one."""
    text = re.sub(r"\s+", "", text)  # 受 理 spaced out to fill a header cell
    if not _HINT.search(text):  # most text in a sheet: settle it with one search
        return None
    text = unicodedata.normalize("NFKC", text)  # full-width brackets, digits, colons
    text = _UNIT.sub("", _NUMBERING.sub("", text)).rstrip(":")
    for key, pattern in (*_LABELS.items(), *_COMBINED.items()):
        if pattern.fullmatch(text):
            return key
    return None


@dataclass(frozen=True)
class _Label:
    key: str
    top: int
    left: int
    bottom: int
    right: int

    def transposed(self) -> _Label:
        return _Label(self.key, self.left, self.top, self.right, self.bottom)


def _labels(ws) -> tuple[list[_Label], bool]:
    merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    labels: list[_Label] = []
    has_data = False
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if value is None:
                continue
            has_data = True
            if isinstance(value, str) and len(value) < 30 and (key := _label_key(value)):
                span = merged.get((cell.row, cell.column))
                labels.append(
                    _Label(key, cell.row, cell.column, span.max_row, span.max_col)
                    if span
                    else _Label(key, cell.row, cell.column, cell.row, cell.column)
                )
    return labels, has_data


Table = dict[Key, tuple[int, int]]  # (row, column) of each figure


def _sheet_tables(ws, labels: list[_Label]) -> list[Table]:
    """Tables with categories down a column, then (by transposing) across a row."""
    down = _tables_down(labels, lambda row, col: ws.cell(row, col).value)
    across = _tables_down([label.transposed() for label in labels], lambda row, col: ws.cell(col, row).value)
    label_cells = {(label.top, label.left) for label in labels}
    tables = down + [{key: (c, r) for key, (r, c) in t.items()} for t in across]
    tables += _flat_tables(ws, [label for label in labels if "|" in label.key])
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


def _flat_tables(ws, combined: list[_Label]) -> list[Table]:
    """Six labels each naming category and measure, the figure beside (or else under) each."""
    by_key = {tuple(label.key.split("|")): label for label in combined}
    if len(by_key) < len(KEYS) or len(combined) > len(KEYS):  # missing or repeated: not this
        return []
    value = lambda row, col: ws.cell(row, col).value  # noqa: E731
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
    by_column: dict[int, list[_Label]] = {}
    for label in sorted(labels, key=lambda label: label.top):
        if label.key in CATEGORIES:
            by_column.setdefault(label.left, []).append(label)
    trios = []
    for column in by_column.values():
        tops = [label.top for label in column]
        by_key = {key: [label for label in column if label.key == key] for key in CATEGORIES}
        if not all(by_key.values()):
            continue
        key_tops = {key: [label.top for label in found] for key, found in by_key.items()}
        for first in by_key[CATEGORIES[0]]:
            trio = [first] + [_nearest(by_key[key], key_tops[key], first.top) for key in CATEGORIES[1:]]
            low = min(label.top for label in trio) - 1
            high = max(label.bottom for label in trio) + 1
            if bisect.bisect_right(tops, high) - bisect.bisect_left(tops, low) == len(CATEGORIES):
                trios.append(tuple(trio))
    return trios


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
