"""Director visits (厅（局）长进大厅): the printed text, plus date, department and leader.

The fields do not print; they make visits findable ("when did 自然资源厅 last come?").
"""

from ...model import Item
from ..fields import DateField, LineField
from .items import ItemsEditor


class VisitsEditor(ItemsEditor):
    ADD_TEXT = "新增来访"

    def build_detail(self) -> None:
        current = lambda: self.current  # noqa: E731
        self.date = self.add_detail(
            "日期", DateField(self.document, current, "date", "来访日期", optional="填写"), "date"
        )
        self.department = self.add_detail(
            "部门", LineField(self.document, current, "department", "部门"), "department"
        )
        self.department.setPlaceholderText("如：自然资源厅")
        self.leader = self.add_detail(
            "领导职务姓名", LineField(self.document, current, "leader", "领导"), "leader"
        )
        self.leader.setPlaceholderText("如：党组成员、机关党委书记谢安军")
        self.text = self.add_detail("正文（印出的内容）", self.text_field("正文"), "text")

    def new_item(self) -> Item:
        """A new visit defaults to the date of the previous one (visits are listed by date)."""
        item = Item()
        if self.current is not None:
            item.date = self.current.date
        return item

    def item_label(self, index: int, item: Item) -> str:
        label = super().item_label(index, item)
        who = "".join(x for x in (item.department, item.leader) if x)
        return f"{label}　〔{who}〕" if who else label
