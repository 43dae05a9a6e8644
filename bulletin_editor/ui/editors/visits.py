"""Director visits (厅（局）长进大厅): the printed text, plus date, department and leader.

The fields do not print; they make visits findable ("when did 自然资源厅 last come?").
They are proposed from the text as it is typed or pasted (8月23日，自然资源厅党组成员、机关
党委书记谢安军到…), filling only the fields still empty.
"""

import datetime as dt

from ...model import Item
from ...model.submissions import Visit, parse_visit
from ...model.tree import part_of
from ...storage.word_lists import user_departments
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
        self.text.textChanged.connect(self._propose_for_current)  # after the field's own edit
        self._departments = user_departments()  # read once, not at every keystroke
        self._proposed: dict[int, tuple[Item, Visit]] = {}  # id(item) -> the visit last proposed

    def proposed_date(self) -> dt.date:
        """The date shown, and taken when 填写 is ticked, for a visit without one: the date of
        the visit before it (visits are listed by date), else the first day of the period."""
        row = self._row()
        earlier = self.section.items[:row] if row >= 0 else self.section.items
        dated = [item.date for item in earlier if item.date is not None]
        if dated:
            return dated[-1]
        part = part_of(self.document.issue, self.section)
        return part.period_start if part is not None else dt.date.today()

    def paste_paragraphs(self, paragraphs: list[str]) -> None:
        """Pasted visits get their fields proposed in the same undo step."""
        before = {id(item) for item in self.section.items if item.text}
        with self.document.macro("粘贴多段"):
            super().paste_paragraphs(paragraphs)
            for item in self.section.items:
                if id(item) not in before:
                    self.propose(item)

    def _propose_for_current(self) -> None:
        if self.current is not None:
            self.propose(self.current)

    def propose(self, item: Item) -> None:
        """Fill the visit's empty date, department and leader from its text, as one undo step;
        a field the user filled is kept, and a visit already proposed is not proposed again
        (undone, it stays undone)."""
        part = part_of(self.document.issue, self.section)
        year = part.period_end.year if part is not None else self.document.issue.masthead.year
        visit = parse_visit(item.text, year, departments=self._departments, known_visit=True)
        last = self._proposed.get(id(item))  # the item is kept with it: its id is not reused
        if visit is None or (last is not None and last[1] == visit):
            return
        self._proposed[id(item)] = (item, visit)
        proposed = (("date", visit.date), ("department", visit.department), ("leader", visit.leader))
        empty = [(attr, value) for attr, value in proposed if value and not getattr(item, attr)]
        if empty:
            with self.document.macro("按正文填写来访日期、部门和领导"):
                for attr, value in empty:
                    self.document.set_value(item, attr, value, "按正文填写")

    def item_label(self, number: str, item: Item) -> str:
        label = super().item_label(number, item)
        who = "".join(x for x in (item.department, item.leader) if x)
        return f"{label}　〔{who}〕" if who else label
