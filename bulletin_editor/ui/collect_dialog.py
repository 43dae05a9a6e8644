"""收集投稿: the review table of the departments' submissions, applied as one undoable step.

Each row is one paragraph: its file, the department recognised, the subsection proposed (a
click changes it), the text (editable) and whether it repeats an item of this issue or of
last week's. Unticked rows are left out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model.numbering import level1_label, level2_label
from ..model.submissions import Collection, added_items, target_sections
from ..model.tree import walk_sections
from .document import IssueDocument
from .screen import fit_to_screen

COLUMNS = ("加入", "文件", "部门", "放入", "内容", "重复")
INCLUDE, FILE, DEPARTMENT, SECTION, TEXT, DUPLICATE = range(len(COLUMNS))


class CollectDialog(QDialog):
    def __init__(self, document: IssueDocument, collection: Collection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("收集投稿")
        self.document, self.collection = document, collection
        self.targets = target_sections(document.issue)
        names = _section_names(document)
        self.table = QTableWidget(len(collection.proposals), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for row, proposal in enumerate(collection.proposals):
            include = QTableWidgetItem()
            include.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            include.setCheckState(Qt.CheckState.Checked if proposal.include else Qt.CheckState.Unchecked)
            self.table.setItem(row, INCLUDE, include)
            for column, text in ((FILE, proposal.file), (DEPARTMENT, proposal.department or "（未认出）"),
                                 (DUPLICATE, proposal.duplicate)):  # fmt: skip
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
            choice = QComboBox()
            choice.addItems([names[id(s)] for s in self.targets])
            choice.setCurrentIndex(next(i for i, s in enumerate(self.targets) if s is proposal.section))
            self.table.setCellWidget(row, SECTION, choice)
            self.table.setItem(row, TEXT, QTableWidgetItem(proposal.text))
        self.report = QPlainTextEdit("\n".join(collection.report) or "全部段落都已认出部门和栏目。")
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(90)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("加入本期", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("请核对每一段放入的栏目（点击可改）和内容；取消勾选的段落不会加入。"))
        layout.addWidget(self.table)
        layout.addWidget(QLabel("需要核对的推断："))
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 560)

    def cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def section_choice(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, SECTION)
        assert isinstance(widget, QComboBox)
        return widget

    def accept(self) -> None:
        """Take the table's choices into the proposals and add them as one undo step."""
        for row, proposal in enumerate(self.collection.proposals):
            proposal.include = self.cell(row, INCLUDE).checkState() == Qt.CheckState.Checked
            proposal.section = self.targets[self.section_choice(row).currentIndex()]
            proposal.text = self.cell(row, TEXT).text()
        added = added_items(self.collection)
        if added:
            with self.document.macro(f"收集投稿（{len(added)} 条）"):
                for section, item in added:
                    self.document.insert(section.items, len(section.items), item, "加入投稿")
        super().accept()


def _section_names(document: IssueDocument) -> dict[int, str]:
    """Each section's numbered title (（三）厅（局）长进大厅), by the section's identity."""
    names: dict[int, str] = {}
    for place, section in walk_sections(document.issue):
        assert place.section is not None
        u = place.subsection
        names[id(section)] = (level1_label(place.section) if u is None else level2_label(u)) + section.title
    return names


def submission_paths(paths: list[Path]) -> list[Path]:
    """The dropped or chosen files that can be submissions."""
    from ..formats.submissions import SUFFIXES

    return [p for p in paths if p.suffix.lower() in SUFFIXES]
