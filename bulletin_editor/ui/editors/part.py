"""A part: its title (政务服务工作) and its reporting period."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...model import Part
from ...model.dates import period_line
from ...model.tree import Place, index_of
from ..document import IssueDocument
from ..fields import DateField, LineField
from .base import Editor


class PartEditor(Editor):
    def __init__(self, document: IssueDocument, part: Part, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.part = part
        target = lambda: self.part  # noqa: E731
        self.title = self.add_field("部分标题", LineField(document, target, "title", "部分标题"), "title")
        self.period_start = self.add_field(
            "时间段开始", DateField(document, target, "period_start", "时间段开始"), "period_start"
        )
        self.period_end = self.add_field(
            "时间段结束", DateField(document, target, "period_end", "时间段结束"), "period_end"
        )
        self.layout_.addStretch(1)

    def still_valid(self) -> bool:
        return index_of(self.document.issue.parts, self.part) >= 0

    def heading_text(self) -> str:
        return f"{self.part.title}　{period_line(self.part.period_start, self.part.period_end)}"

    def focus_place(self, place: Place) -> None:
        self.period_end.edit.setFocus()
