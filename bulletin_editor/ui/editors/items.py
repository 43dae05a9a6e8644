"""An editor for a section of items: a list (drag to reorder) and the selected item's fields.

Add, delete, duplicate, move up/down, move to another section; several paragraphs pasted
into the text (or onto the list) become several items; in an empty section, what is pasted or
typed into the text becomes its first item.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QMenu,
    QToolButton,
    QWidget,
)

from ...model import Item, Section, SectionKind, paste
from ...model.numbering import item_labels, item_number, level1_label, level2_label
from ...model.tree import Place, index_of, walk_sections
from ..document import IssueDocument
from ..fields import TextField
from ..locate import ITEM_KINDS
from .base import SectionEditor

EXCERPT = 36


class ItemList(QListWidget):
    """Items in print order; dragging one emits moveRequested(from, to) instead of moving it,
    so the move goes through the undo stack and the list is redrawn from the model. Ctrl+V
    emits pasteRequested: pasted paragraphs become items after the selected one."""

    moveRequested = Signal(int, int)
    pasteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit()
        else:
            super().keyPressEvent(event)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentRow()
        position = event.position().toPoint()
        index = self.indexAt(position)
        if index.isValid():
            below = position.y() > self.visualRect(index).center().y()
            target = index.row() + below
        else:
            target = self.count()
        if target > source:
            target -= 1  # the dragged item leaves its old place first
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if source >= 0 and target != source:
            self.moveRequested.emit(source, target)


class ItemsEditor(SectionEditor):
    ADD_TEXT = "新增条目"
    itemSelected = Signal(object)  # the selected Item, or None

    def __init__(self, document: IssueDocument, section: Section, parent: QWidget | None = None):
        super().__init__(document, section, parent)
        self.current: Item | None = None
        self._lines: list[str] = []  # the list's lines, as shown
        self.list = ItemList()
        self.list.setObjectName("items")
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.pasteRequested.connect(self._paste_into_list)
        self.list.moveRequested.connect(self.move_item)
        self.layout_.addWidget(self.list, 2)

        # One row of buttons of one kind; tool buttons, being as wide as their text (push buttons
        # are at least 75 px on Windows), keep the row inside the editor at 1280 px wide screens.
        self.button_row = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for name, text, slot in (
            ("add", self.ADD_TEXT, self.add_item),
            ("duplicate", "复制", self.duplicate_item),
            ("delete", "删除", self.delete_item),
            ("up", "上移", lambda: self.shift(-1)),
            ("down", "下移", lambda: self.shift(1)),
        ):
            self.buttons[name] = self.add_button(name, text, slot)
        self.move_button = self.add_button("move", "移到…", None)
        self.move_button.setToolTip("把选中的条目移到另一个标题下")
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self.move_button)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_button.setMenu(self.move_menu)
        self.button_row.addStretch(1)
        self.layout_.addLayout(self.button_row)

        self.detail = QWidget()
        self.detail_form = QFormLayout(self.detail)
        self.detail_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.detail_fields: list = []
        self.build_detail()
        self.layout_.addWidget(self.detail, 3)

    def add_button(
        self, name: str, text: str, slot: Callable[[], object] | None, at: int = -1
    ) -> QToolButton:
        """A button in the row (at index `at`, or after the others)."""
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if slot is not None:
            button.clicked.connect(lambda _=False: slot())
        self.button_row.insertWidget(at if at >= 0 else self.button_row.count(), button)
        return button

    # Subclasses add their fields for the selected item.
    def build_detail(self) -> None:
        self.text = self.add_detail("正文", self.text_field("正文"), "text")

    def add_detail(self, label: str, field, name: str):
        field.setObjectName(name)
        self.detail_fields.append(field)
        self.detail_form.addRow(label, field)
        return field

    def text_field(self, label: str, attr: str = "text") -> TextField:
        field = TextField(self.document, lambda: self.current, attr, label)
        field.paragraph_handler = self.paste_paragraphs
        return field

    def item_label(self, number: str, item: Item) -> str:
        """The list's line for `item`, whose printed number is `number`."""
        text = item.text.replace("\n", " ")
        excerpt = text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
        return number + (excerpt or "（空）")

    # Model → widgets.
    def sync(self, edited: object = None) -> None:
        """`edited`: the item a value edit changed, whose line alone is remade (typing costs the
        same at any size); None after other changes."""
        super().sync()
        self._sync_lines(edited)
        items = self.section.items
        row = self.list.currentRow()
        if not (0 <= row < len(items) and items[row] is self.current):
            row = index_of(items, self.current)
        if row < 0 and items:
            row = min(max(self.list.currentRow(), 0), len(items) - 1)
        self.current = items[row] if row >= 0 else None
        if self.list.currentRow() != row:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        for field in self.detail_fields:
            field.sync()
        for name in ("delete", "duplicate", "up", "down"):
            self.buttons[name].setEnabled(self.current is not None)
        self.move_button.setEnabled(self.current is not None)

    def _sync_lines(self, edited: object) -> None:
        items = self.section.items
        self.list.blockSignals(True)
        if len(self._lines) != len(items):
            self._lines = [self.item_label(n, item) for n, item in zip(item_labels(self.section), items)]
            self.list.clear()
            self.list.addItems(self._lines)
        else:
            # An inspection's heading numbers the checks after it: all its lines then.
            one = isinstance(edited, Item) and self.section.kind is not SectionKind.INSPECTION
            row = index_of(items, edited) if one else -1
            numbered = (
                [(row, item_number(self.section, row))] if row >= 0 else enumerate(item_labels(self.section))
            )
            for row, number in numbered:
                line = self.item_label(number, items[row])
                if line != self._lines[row]:
                    self._lines[row] = line
                    self.list.item(row).setText(line)
        self.list.blockSignals(False)

    def _row_changed(self, row: int) -> None:
        items = self.section.items
        self.current = items[row] if 0 <= row < len(items) else None
        for field in self.detail_fields:
            field.sync()
        self.itemSelected.emit(self.current)

    def select_item(self, item: Item) -> None:
        self.current = item
        self.sync()

    def focus_place(self, place: Place) -> None:
        if place.item is not None and place.item < len(self.section.items):
            self.select_item(self.section.items[place.item])
            self.detail_fields[-1].setFocus()
        else:
            self.title.setFocus()

    # Edits.
    def _row(self) -> int:
        return index_of(self.section.items, self.current)

    def new_item(self) -> Item:
        return Item()

    def add_item(self) -> Item:
        """A new item after the selected one (or at the end)."""
        row = self._row()
        at = row + 1 if row >= 0 else len(self.section.items)
        item = self.current = self.new_item()
        self.document.insert(self.section.items, at, item, self.ADD_TEXT)
        self.detail_fields[0].setFocus()
        return item

    def delete_item(self) -> None:
        row = self._row()
        if row >= 0:
            self.document.remove(self.section.items, row, "删除条目")

    def duplicate_item(self) -> None:
        row = self._row()
        if row >= 0:
            twin = copy.deepcopy(self.current)
            self.current = twin
            self.document.insert(self.section.items, row + 1, twin, "复制条目")

    def shift(self, step: int) -> None:
        row = self._row()
        if row >= 0 and 0 <= row + step < len(self.section.items):
            self.move_item(row, row + step)

    def move_item(self, source: int, target: int) -> None:
        self.current = self.section.items[source]
        self.document.move(self.section.items, source, self.section.items, target, "移动条目")

    def move_targets(self) -> list[tuple[str, Section]]:
        """Other sections whose items are of the same sort (news and visits mix; checklists do not)."""
        mine = self.section.kind
        compatible = {mine} if mine not in (ITEM_KINDS[0], ITEM_KINDS[1]) else set(ITEM_KINDS[:2])
        out = []
        for place, section in walk_sections(self.document.issue):
            if section is not self.section and section.kind in compatible:
                s, u = place.section or 0, place.subsection  # a section's place has its section
                label = level1_label(s) if u is None else level2_label(u)
                out.append((label + section.title, section))
        return out

    def _fill_move_menu(self) -> None:
        self.move_menu.clear()
        for label, section in self.move_targets():
            self.move_menu.addAction(label, functools.partial(self.move_to, section))

    def move_to(self, target: Section) -> None:
        row = self._row()
        if row >= 0:
            self.document.move(
                self.section.items, row, target.items, len(target.items), f"移到“{target.title}”"
            )

    def _paste_into_list(self) -> None:
        paragraphs = paste.paste_paragraphs(QApplication.clipboard().text())
        if paragraphs:
            self.paste_paragraphs(paragraphs)

    def paste_paragraphs(self, paragraphs: list[str]) -> None:
        """Pasted paragraphs: the first fills an empty current item, the rest follow it as new items."""
        with self.document.macro("粘贴多段"):
            row = self._row() if self.current is not None else len(self.section.items) - 1
            if self.current is not None and not self.current.text:
                self.document.set_value(self.current, "text", paragraphs[0], "粘贴")
                paragraphs = paragraphs[1:]
            for paragraph in paragraphs:
                item = self.new_item()
                item.text = paragraph
                row += 1
                self.document.insert(self.section.items, row, item, "粘贴")
                self.current = item
