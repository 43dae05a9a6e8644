"""What every editor shares: a heading, a form, and sync from the model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...model import Section
from ...model.numbering import level1_label, level2_label
from ...model.tree import Place, find_section
from ..document import IssueDocument
from ..fields import LineField
from ..locate import KIND_NAMES


class Editor(QWidget):
    def __init__(self, document: IssueDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.fields: list = []
        self.layout_ = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setStyleSheet("QLabel#editorHeading { font-size: 16px; font-weight: bold; }")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)

    def add_field(self, label: str, field, name: str):
        field.setObjectName(name)
        self.fields.append(field)
        self.form.addRow(label, field)
        return field

    def heading_text(self) -> str:
        return ""

    def sync(self) -> None:
        """Copy the model into the widgets (after any change, including undo)."""
        self.heading.setText(self.heading_text())
        for field in self.fields:
            field.sync()

    def still_valid(self) -> bool:
        """False once the edited object left the issue (removed, or another issue opened)."""
        return True

    def focus_place(self, place: Place) -> None:
        """Put the cursor where a check finding points."""


class SectionEditor(Editor):
    def __init__(self, document: IssueDocument, section: Section, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.section = section
        self.title = self.add_field(
            "标题", LineField(document, lambda: self.section, "title", "标题"), "title"
        )

    def still_valid(self) -> bool:
        return find_section(self.document.issue, self.section) is not None

    def heading_text(self) -> str:
        where = find_section(self.document.issue, self.section)
        if where is None or where.section is None:
            return ""
        u = where.subsection
        label = level1_label(where.section) if u is None else level2_label(u)
        level = "一级标题" if u is None else "二级标题"
        return f"{label}{self.section.title}　·　{level}，{KIND_NAMES[self.section.kind]}"
