"""报头: title, year, issue and total numbers, unit, issue date."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QWidget

from ...model import Issue, Role
from ...model.layout import fit_unit_date, load_layout, unit_chars_over
from ...model.limits import NUMBER, TOTAL_NUMBER, YEAR
from ...model.printed import issue_line, unit_date_runs
from ...model.tree import Place
from ..document import IssueDocument
from ..fields import DateField, IntField, LineField
from .base import Editor


class MastheadEditor(Editor):
    def __init__(self, document: IssueDocument, parent: QWidget | None = None):
        super().__init__(document, parent)
        m = lambda: self.document.issue.masthead  # noqa: E731
        self.title = self.add_field("周报名称", LineField(document, m, "title", "周报名称"), "title")
        self.year = self.add_field("年份", IntField(document, m, "year", "年份", YEAR), "year")
        self.year.setGroupSeparatorShown(False)
        self.number = self.add_field(
            "期号（第N期）", IntField(document, m, "number", "期号", NUMBER), "number"
        )
        self.total = self.add_field(
            "总期号（总第N期）",
            IntField(document, m, "total_number", "总期号", TOTAL_NUMBER),
            "total",
        )
        self.total.setGroupSeparatorShown(False)
        self.unit = self.add_field("编印单位", LineField(document, m, "unit", "编印单位"), "unit")
        self.unit_room = QLabel()
        self.unit_room.setObjectName("unitRoom")
        self.unit_room.setWordWrap(True)
        self.form.addRow("", self.unit_room)
        self.issue_date = self.add_field(
            "出刊日期", DateField(document, m, "issue_date", "出刊日期"), "issue_date"
        )
        # The first part's title and period, as the masthead's readers see them; later parts
        # have their own editor.
        part = lambda: self.document.issue.parts[0] if self.document.issue.parts else None  # noqa: E731
        self.part_title = self.add_field(
            "部分标题", LineField(document, part, "title", "部分标题"), "part_title"
        )
        self.period_start = self.add_field(
            "时间段开始", DateField(document, part, "period_start", "时间段开始"), "period_start"
        )
        self.period_end = self.add_field(
            "时间段结束", DateField(document, part, "period_end", "时间段结束"), "period_end"
        )
        self.layout_.addStretch(1)

    def heading_text(self) -> str:
        return f"报头　·　{issue_line(self.document.issue)}"

    def sync(self) -> None:
        super().sync()
        text, too_long = unit_room_text(self.document.issue)
        self.unit_room.setText(text)
        self.unit_room.setStyleSheet("color: #c00000;" if too_long else "color: palette(mid);")

    def focus_place(self, place: Place) -> None:
        if place.field == "masthead.unit":
            self.unit.setFocus()
        else:
            self.issue_date.edit.setFocus()


def unit_room_text(issue: Issue) -> tuple[str, bool]:
    """What room the unit/date line has left at the official size, and whether it is past the
    layout table's limits (then the export wraps it)."""
    layout = load_layout()
    unit, date = unit_date_runs(issue)
    fit = fit_unit_date(layout, unit, date)
    if fit.room_chars >= 0:
        return f"单位与日期行还可容纳 {math.floor(fit.room_chars)} 字", False
    over = math.ceil(-fit.room_chars)
    if not fit.fits:
        cut = unit_chars_over(layout, unit, date)
        return f"超出 {over} 字，缩到 {fit.size_pt:g} 磅仍排不下，导出后将折成两行：请缩短至少 {cut} 字", True
    if fit.size_pt == layout.element(Role.UNIT_DATE).size_pt:
        return f"超出 {over} 字，将缩小字距", False
    return f"超出 {over} 字，将缩小字距和字号（{fit.size_pt:g} 磅）", False
