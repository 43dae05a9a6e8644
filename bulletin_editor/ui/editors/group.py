"""A level-1 section that only holds subsections (二、窗口工作动态)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...model.numbering import level2_label
from .base import SectionEditor


class GroupEditor(SectionEditor):
    def __init__(self, document, section, parent=None):
        super().__init__(document, section, parent)
        self.contents = QLabel()
        self.contents.setWordWrap(True)
        self.layout_.addWidget(self.contents)
        hint = QLabel("用“结构”菜单或大纲上方的按钮添加、删除、移动二级标题。")
        hint.setStyleSheet("color: gray;")
        self.layout_.addWidget(hint)
        self.layout_.addStretch(1)

    def sync(self) -> None:
        super().sync()
        subs = self.section.subsections
        lines = [level2_label(u) + sub.title for u, sub in enumerate(subs)]
        self.contents.setText("下设：<br/>" + "<br/>".join(lines) if lines else "尚无二级标题。")
