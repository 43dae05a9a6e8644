"""The distribution block: 报/送/发 lines and the number of copies."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from ...model import DistributionLine
from ...model.limits import COPIES
from ...model.tree import Place
from ..document import IssueDocument
from ..fields import IntField, LineField
from .base import Editor


class DistributionEditor(Editor):
    def __init__(self, document: IssueDocument, parent: QWidget | None = None):
        super().__init__(document, parent)
        d = lambda: self.document.issue.distribution  # noqa: E731
        self.copies = self.add_field("印数（份）", IntField(document, d, "copies", "印数", COPIES), "copies")
        self.grid = QGridLayout()
        self.layout_.addLayout(self.grid)
        self.rows: list[tuple[LineField, LineField, QPushButton]] = []
        buttons = QHBoxLayout()
        self.add_button = QPushButton("新增一行")
        self.add_button.clicked.connect(self.add_line)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)

    def heading_text(self) -> str:
        return "分送（报／送／发）"

    def _line(self, row: int):
        lines = self.document.issue.distribution.lines
        return lines[row] if row < len(lines) else None

    def sync(self) -> None:
        lines = self.document.issue.distribution.lines
        while len(self.rows) < len(lines):
            row = len(self.rows)
            label = LineField(self.document, functools.partial(self._line, row), "label", "分送类别")
            label.setMaximumWidth(60)
            recipients = LineField(
                self.document, functools.partial(self._line, row), "recipients", "分送对象"
            )
            remove = QPushButton("删除")
            remove.clicked.connect(lambda _=False, r=row: self.remove_line(r))
            for column, widget in enumerate((label, recipients, remove)):
                self.grid.addWidget(widget, row, column)
            self.rows.append((label, recipients, remove))
        while len(self.rows) > len(lines):
            for widget in self.rows.pop():
                widget.deleteLater()
        super().sync()
        for label, recipients, _ in self.rows:
            label.sync()
            recipients.sync()

    def add_line(self) -> None:
        lines = self.document.issue.distribution.lines
        self.document.insert(lines, len(lines), DistributionLine("", ""), "新增分送行")

    def remove_line(self, row: int) -> None:
        self.document.remove(self.document.issue.distribution.lines, row, "删除分送行")

    def focus_place(self, place: Place) -> None:
        if self.rows:
            self.rows[0][1].setFocus()
