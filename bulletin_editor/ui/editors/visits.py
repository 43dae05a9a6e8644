"""Director visits (厅（局）长进大厅): the printed text, plus date, department and leader.

The fields do not print; they make visits findable ("when did 自然资源厅 last come?").
"""

import datetime as dt

from ...model import Item
from ...model.tree import find_section
from ..fields import DateField, LineField
from .items import ItemsEditor


class VisitsEditor(ItemsEditor):
    ADD_TEXT = "新增来访"

    def build_detail(self) -> None:
        current = lambda: self.current  # noqa: E731
        self.date = self.add_detail(
            "日期",
            DateField(
                self.document, current, "date", "来访日期", optional="填写", automatic=self.proposed_date
            ),
            "date",
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

    def proposed_date(self) -> dt.date:
        """The date shown, and taken when 填写 is ticked, for a visit without one: the date of
        the visit before it (visits are listed by date), else the first day of the period."""
        row = self._row()
        earlier = self.section.items[:row] if row >= 0 else self.section.items
        dated = [item.date for item in earlier if item.date is not None]
        if dated:
            return dated[-1]
        where = find_section(self.document.issue, self.section)
        if where is not None and where.part is not None:
            return self.document.issue.parts[where.part].period_start
        return dt.date.today()

    def item_label(self, number: str, item: Item) -> str:
        label = super().item_label(number, item)
        who = "".join(x for x in (item.department, item.leader) if x)
        return f"{label}　〔{who}〕" if who else label
