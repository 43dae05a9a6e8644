"""What an issue may hold: the range of every number and the size of every list, in one place.

Checked wherever an issue comes in (a .bulletin file, the issue embedded in an export, a
typed .docx, a workbook's figures, the editor's fields), so a number no bulletin can print
never reaches the archive index or a spin box. Each message names the field and its range.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import BulletinError
from .issue import Issue, Section


class LimitError(BulletinError):
    """A value outside what an issue may hold; the message names the field and the range."""


@dataclass(frozen=True)
class Range:
    label: str  # the field as the user knows it: 年份, 期号
    low: int
    high: int

    def check(self, value: int | float, where: str = "") -> int:
        """`value` as an int when within the range; else a LimitError naming `where` or the label."""
        if not self.low <= value <= self.high or value != int(value):
            raise LimitError(f"{where or self.label}为 {_shown(value)}，超出范围：{self.describe()}")
        return int(value)

    def parse(self, digits: str, where: str = "") -> int:
        """Digits as typed in a document; too many of them are out of range before any conversion
        (Python refuses to convert more than 4,300)."""
        if len(digits) > MAX_DIGITS:
            raise LimitError(f"{where or self.label}是一个 {len(digits)} 位的数，超出范围：{self.describe()}")
        return self.check(int(digits), where)

    def describe(self) -> str:
        return f"应在 {self.low:,} 至 {self.high:,} 之间"


YEAR = Range("年份", 1949, 2100)
NUMBER = Range("期号", 1, 999)
TOTAL_NUMBER = Range("总期号", 1, 99_999)
FIGURE = Range("统计数字", 0, 10**12)
COPIES = Range("印数", 0, 100_000)

# More digits than any range above has: such a number is refused before int() reads it.
MAX_DIGITS = 13
# Sizes far beyond any bulletin (a year's issues hold a few dozen items a section) that still
# keep a hostile file from costing minutes or gigabytes.
MAX_PARTS = 20
MAX_SECTIONS = 99  # sections of a part, subsections of a section: 一、 to 九十九、
MAX_ITEMS = 999
MAX_DISTRIBUTION_LINES = 50
MAX_TEXT = 100_000  # characters in one field
# JSON of any kind we read (.bulletin, lock, mark, autosave): nested no deeper than this.
MAX_JSON_DEPTH = 32

# The placeholders of the statistics sentence: nothing else may appear between braces.
PLACEHOLDERS = (
    "start",
    "end",
    "licensing_accepted",
    "licensing_completed",
    "public_service_accepted",
    "public_service_completed",
    "other_powers_accepted",
    "other_powers_completed",
)


def check_template(template: str) -> list[tuple[str, str | None]]:
    """The template as (literal text, placeholder or None) pieces; a LimitError for anything but
    {name} with a known name, so no attribute, index, conversion or format spec ever runs."""
    pieces: list[tuple[str, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise LimitError("统计句模板有误：花括号不成对（文字中的花括号请写成 {{ 或 }}）") from None
    for literal, name, spec, conversion in parsed:
        if name is None:
            pieces.append((literal, None))
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise LimitError(
                f"统计句模板中的占位符 {_short(shown)} 无法识别：只能使用 "
                + "、".join("{" + p + "}" for p in PLACEHOLDERS)
            )
        pieces.append((literal, name))
    return pieces


def check_issue(issue: Issue) -> None:
    """Every number in its range, every list within its size; the first violation raises."""
    m = issue.masthead
    YEAR.check(m.year)
    NUMBER.check(m.number)
    TOTAL_NUMBER.check(m.total_number)
    _check_date(m.issue_date, "出刊日期")
    _check_text(m.title, "报头标题")
    _check_text(m.unit, "编印单位")
    _check_count(len(issue.parts), MAX_PARTS, "部分")
    for p, part in enumerate(issue.parts):
        where = f"第{p + 1}部分"
        _check_text(part.title, f"{where}的标题")
        _check_date(part.period_start, f"{where}时间段的开始日")
        _check_date(part.period_end, f"{where}时间段的结束日")
        _check_count(len(part.sections), MAX_SECTIONS, f"{where}的栏目")
        for s, section in enumerate(part.sections):
            _check_section(section, f"{where}第{s + 1}栏")
            _check_count(len(section.subsections), MAX_SECTIONS, f"{where}第{s + 1}栏的小栏目")
            for u, sub in enumerate(section.subsections):
                if sub.subsections:
                    raise LimitError(f"{where}第{s + 1}栏第{u + 1}小栏目下还有栏目：小栏目不能再分栏目")
                _check_section(sub, f"{where}第{s + 1}栏第{u + 1}小栏目")
    d = issue.distribution
    _check_count(len(d.lines), MAX_DISTRIBUTION_LINES, "报送行")
    for line in d.lines:
        _check_text(line.label, "报送行")
        _check_text(line.recipients, "报送行")
    COPIES.check(d.copies)


def _check_section(section: Section, where: str) -> None:
    _check_text(section.title, f"{where}的标题")
    _check_count(len(section.items), MAX_ITEMS, f"{where}的条目")
    for i, item in enumerate(section.items):
        for text in (item.text, item.heading, item.department, item.leader):
            _check_text(text, f"{where}第{i + 1}条")
        if item.date is not None:
            _check_date(item.date, f"{where}第{i + 1}条的日期")
    stats = section.statistics
    if stats is None:
        return
    for name, value in _figures(stats.figures):
        FIGURE.check(value, f"{where}的{name}")
    for day, label in ((stats.period_start, "统计开始日"), (stats.period_end, "统计截止日")):
        if day is not None:
            _check_date(day, f"{where}的{label}")
    check_template(stats.template)
    _check_text(stats.template, f"{where}的统计句模板")
    if stats.sentence_override is not None:
        _check_text(stats.sentence_override, f"{where}的统计句")


_FIGURE_NAMES = {
    ("licensing", "accepted"): "行政许可事项受理数",
    ("licensing", "completed"): "行政许可事项办结数",
    ("public_service", "accepted"): "公共服务事项受理数",
    ("public_service", "completed"): "公共服务事项办结数",
    ("other_powers", "accepted"): "其它九类行权事项受理数",
    ("other_powers", "completed"): "其它九类行权事项办结数",
}


def _figures(figures) -> Iterator[tuple[str, int]]:
    for (category, measure), name in _FIGURE_NAMES.items():
        yield name, getattr(getattr(figures, category), measure)


def _check_date(day: dt.date, where: str) -> None:
    if not YEAR.low <= day.year <= YEAR.high:
        raise LimitError(f"{where}为 {day.isoformat()}，超出范围：年份{YEAR.describe()}")


def _check_count(count: int, limit: int, what: str) -> None:
    if count > limit:
        raise LimitError(f"{what}有 {count:,} 个，超出范围：最多 {limit:,} 个")


def _check_text(text: str, where: str) -> None:
    if len(text) > MAX_TEXT:
        raise LimitError(f"{where}的文字有 {len(text):,} 个字符，超出范围：最多 {MAX_TEXT:,} 个")


def _shown(value: int | float) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if abs(value) < 10**15:
        return f"{value:,}"
    digits = int(abs(value).bit_length() * 0.30103) + 1  # str() refuses beyond 4,300 digits
    return f"一个约 {digits:,} 位的数"


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"
