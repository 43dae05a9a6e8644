"""The main window's structure actions: add, move, rename and delete parts, sections, items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Part, Section, SectionKind, Statistics
from ..model.tree import find_section, index_of, owner_list, part_of
from . import dialogs, file_actions

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from .document import IssueDocument
    from .editors.base import Editor
    from .outline import Outline

    _Window = QMainWindow
else:
    _Window = object  # mixed into MainWindow, which is the QMainWindow


class StructureActions(_Window):
    """Mixed into MainWindow: works on its `document`, `outline` and `editor`."""

    document: IssueDocument | None
    outline: Outline
    editor: Editor | None

    @property
    def open_document(self) -> IssueDocument:
        """The open issue's document, for what acts only while one is open (the window always
        has one once it is shown)."""
        assert self.document is not None
        return self.document

    def _selected_section(self) -> Section | None:
        key = self.outline.current_key()
        return key[1] if key and key[0] in ("section", "item") else None

    def _selected_part(self) -> Part | None:
        key = self.outline.current_key()
        issue = self.open_document.issue
        if key and key[0] == "part":
            return key[1]
        section = self._selected_section()
        if section is not None:
            return part_of(issue, section)
        return issue.parts[-1] if issue.parts else None

    def add_part(self) -> None:
        issue = self.open_document.issue
        last = issue.parts[-1] if issue.parts else None
        start, end = (
            (last.period_start, last.period_end) if last else (file_actions.today(), file_actions.today())
        )
        part = Part("新部分（如：公共资源交易工作）", start, end)
        self.open_document.insert(issue.parts, len(issue.parts), part, "添加部分")
        self.outline.select_key(("part", part))
        self.rename_node()

    def add_section(self, kind: SectionKind, sub: bool) -> Section | None:
        """A new level-1 section after the selected one, or a subsection in the selected level-1 section."""
        issue = self.open_document.issue
        section = Section("新标题", kind)
        if kind is SectionKind.STATISTICS:
            section.statistics = Statistics()
        selected = self._selected_section()
        if sub:
            if selected is None:
                return None
            where = find_section(issue, selected)
            if where is None or where.part is None or where.section is None:
                return None
            parent = issue.parts[where.part].sections[where.section]
            at = where.subsection + 1 if where.subsection is not None else len(parent.subsections)
            self.open_document.insert(parent.subsections, at, section, "添加二级标题")
        else:
            part = self._selected_part()
            if part is None:
                return None
            at = len(part.sections)
            where = None if selected is None else find_section(issue, selected)
            if where is not None and where.part == index_of(issue.parts, part) and where.section is not None:
                at = where.section + 1
            self.open_document.insert(part.sections, at, section, "添加一级标题")
        self.outline.select_key(("section", section))
        self.rename_node()
        return section

    def _selected_in_list(self):
        """(list, index, key) of the selected part, section or item."""
        key = self.outline.current_key()
        issue = self.open_document.issue
        if not key or key[0] in ("masthead", "distribution"):
            return None
        if key[0] == "item":
            return key[1].items, index_of(key[1].items, key[2]), key
        items = owner_list(issue, key[1])
        return (items, index_of(items, key[1]), key) if items is not None else None

    def move_node(self, step: int) -> None:
        found = self._selected_in_list()
        if found is None:
            return
        items, index, key = found
        if 0 <= index + step < len(items):
            self.open_document.move(items, index, items, index + step, "移动")
            self.outline.select_key(key)

    def delete_node(self) -> None:
        found = self._selected_in_list()
        if found is None:
            return
        items, index, key = found
        if key[0] != "item":
            held = _items_in(key[1])
            if held and not dialogs.confirm_delete(self, key[1].title, held):
                return
        names = {"part": "删除部分", "section": "删除标题", "item": "删除条目"}
        self.open_document.remove(items, index, names[key[0]])

    def rename_node(self) -> None:
        title = getattr(self.editor, "title", None)
        if title is not None:
            title.setFocus()
            title.selectAll()


def _items_in(node: Part | Section) -> int:
    """The items a part or section holds, its subsections' included."""
    sections = node.sections if isinstance(node, Part) else [node]
    return sum(len(s.items) + sum(len(sub.items) for sub in s.subsections) for s in sections)
