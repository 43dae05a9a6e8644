"""The inspection checklist (大厅巡查情况): an intro paragraph, then run-in items
（一）heading。result, with one-click common results."""

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ...model import Item
from ..fields import LineField
from .items import EXCERPT, ItemsEditor

COMMON_RESULTS = ("总体情况良好。", "情况良好，未发现问题。", "个别窗口存在问题，已当场提醒整改。")


class InspectionEditor(ItemsEditor):
    ADD_TEXT = "新增检查项"

    def __init__(self, document, section, parent=None):
        super().__init__(document, section, parent)
        self.add_button("add_paragraph", "新增说明段落", self.add_paragraph, at=1)

    def add_paragraph(self) -> Item:
        """An unnumbered paragraph (the intro before the checklist)."""
        row = self._row()
        item = self.current = Item()
        self.document.insert(self.section.items, row + 1 if row >= 0 else 0, item, "新增说明段落")
        self.text.setFocus()
        return item

    def build_detail(self) -> None:
        current = lambda: self.current  # noqa: E731
        self.item_heading = self.add_detail(
            "检查项", LineField(self.document, current, "heading", "检查项"), "heading"
        )
        self.item_heading.setPlaceholderText("如：按时到岗情况（留空则为不编号的说明段落）")
        self.text = self.add_detail("结果", self.text_field("检查结果"), "text")
        self.text.setMaximumHeight(120)
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.result_buttons = []
        for result in COMMON_RESULTS:
            button = QPushButton(result)
            button.clicked.connect(lambda _=False, r=result: self.set_result(r))
            layout.addWidget(button)
            self.result_buttons.append(button)
        layout.addStretch(1)
        self.detail_form.addRow("常用结果", row)

    def set_result(self, result: str) -> None:
        if self.current is not None:
            self.document.set_value(self.current, "text", result, "填写检查结果")

    def item_label(self, number: str, item: Item) -> str:
        if not item.heading:
            text = item.text.replace("\n", " ")
            return "说明：" + (text[:EXCERPT] + "…" if len(text) > EXCERPT else text)
        result = item.text if len(item.text) <= 12 else item.text[:12] + "…"
        return f"{number}{item.heading}　{result}"

    def new_item(self) -> Item:
        return Item(heading="检查项", text=COMMON_RESULTS[0])
