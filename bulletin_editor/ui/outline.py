"""The outline: masthead, parts, sections, subsections and items, numbered as they print."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ..model import Issue, Item, Masthead, Part, Section, SectionKind
from ..model.dates import period_line
from ..model.numbering import item_labels, item_number, level1_label, level2_label
from ..model.printed import issue_line
from ..model.tree import Place, find_section, index_of

EXCERPT = 18


@dataclass
class Node:
    key: tuple  # ("masthead",) ("part", part) ("section", section) ("item", section, item) ("distribution",)
    label: str
    children: list[Node] = field(default_factory=list)


def _excerpt(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _item_label(section: Section, number: str, item: Item) -> str:
    if section.kind is SectionKind.INSPECTION and item.heading:
        return number + item.heading
    return number + (_excerpt(item.text) or "（空）")


def _item_nodes(section: Section) -> list[Node]:
    return [
        Node(("item", section, item), _item_label(section, number, item))
        for number, item in zip(item_labels(section), section.items)
    ]


def _part_label(part: Part) -> str:
    return f"{part.title}{period_line(part.period_start, part.period_end)}"


def _section_label(place: Place, section: Section) -> str:
    assert place.section is not None
    if place.subsection is None:
        return level1_label(place.section) + section.title
    return level2_label(place.subsection) + section.title


def outline_nodes(issue: Issue) -> list[Node]:
    nodes = [Node(("masthead",), f"报头　{issue_line(issue)}")]
    for p, part in enumerate(issue.parts):
        part_node = Node(("part", part), _part_label(part))
        for s, section in enumerate(part.sections):
            node = Node(("section", section), _section_label(Place(p, s), section), _item_nodes(section))
            for u, sub in enumerate(section.subsections):
                node.children.append(
                    Node(("section", sub), _section_label(Place(p, s, u), sub), _item_nodes(sub))
                )
            part_node.children.append(node)
        nodes.append(part_node)
    nodes.append(Node(("distribution",), "分送（报／送／发）"))
    return nodes


def _identity(key: tuple) -> tuple:
    """A key by what it names: the model objects themselves (by identity), strings by value."""
    return tuple(x if isinstance(x, str) else id(x) for x in key)


def _shape(nodes: list[Node]) -> list:
    return [(_identity(n.key), _shape(n.children)) for n in nodes]


def _set_label(widget: QTreeWidgetItem, label: str) -> None:
    if widget.text(0) != label:
        widget.setText(0, label)
        widget.setToolTip(0, label)


class Outline(QTreeWidget):
    nodeSelected = Signal(object)  # the node's key

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self._shape: list = []
        self._widgets: dict[tuple, QTreeWidgetItem] = {}  # _identity(key) -> its entry
        self._sections: dict[int, Section] = {}  # id(item) -> its section
        self.currentItemChanged.connect(self._current_changed)

    def show_issue(self, issue: Issue) -> None:
        """Another issue: rebuild, with every part and section expanded and nothing selected."""
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self._shape = []
        self.refresh(issue)

    def refresh(self, issue: Issue, changed: object = None) -> None:
        """After a value edit of `changed`, relabel only the entries it labels; else relabel in
        place when the structure is unchanged, or rebuild."""
        if changed is not None and self._relabel_changed(issue, changed):
            return
        nodes = outline_nodes(issue)
        shape = _shape(nodes)
        if shape == self._shape:
            self._relabel(self.invisibleRootItem(), nodes)
            return
        current = self.current_key()
        expanded = {
            tuple(id(x) for x in w.data(0, Qt.ItemDataRole.UserRole))
            for w in self.entries()
            if w.isExpanded()
        }
        self.blockSignals(True)
        self.clear()
        self._widgets.clear()
        self._sections.clear()
        self._add(self.invisibleRootItem(), nodes, expanded, first=not self._shape)
        self._shape = shape
        self.blockSignals(False)
        self.select_key(current, emit=False)

    def _add(self, parent: QTreeWidgetItem, nodes: list[Node], expanded: set, first: bool) -> None:
        for node in nodes:
            widget = QTreeWidgetItem(parent, [node.label])
            widget.setData(0, Qt.ItemDataRole.UserRole, node.key)
            widget.setToolTip(0, node.label)
            self._widgets[_identity(node.key)] = widget
            if node.key[0] == "item":
                self._sections[id(node.key[2])] = node.key[1]
            self._add(widget, node.children, expanded, first)
            is_item = node.key[0] == "item"
            if (first and not is_item) or tuple(id(x) for x in node.key) in expanded:
                widget.setExpanded(True)

    def _relabel(self, parent: QTreeWidgetItem, nodes: list[Node]) -> None:
        for i, node in enumerate(nodes):
            widget = parent.child(i)
            assert widget is not None  # the tree was built from the same nodes
            # The same shape means the same key objects: only labels can differ.
            _set_label(widget, node.label)
            self._relabel(widget, node.children)

    def _relabel_changed(self, issue: Issue, changed: object) -> bool:
        """Relabel what a value edit of `changed` can relabel (typing costs the same at any
        size); False when `changed` is not one of the outline's objects."""
        if isinstance(changed, Masthead) and changed is issue.masthead:
            self._set_label(("masthead",), f"报头　{issue_line(issue)}")
        elif isinstance(changed, Part) and _identity(("part", changed)) in self._widgets:
            self._set_label(("part", changed), _part_label(changed))
        elif isinstance(changed, Section) and (place := find_section(issue, changed)) is not None:
            self._set_label(("section", changed), _section_label(place, changed))
            for node in _item_nodes(changed):
                self._set_label(node.key, node.label)
        elif isinstance(changed, Item) and (section := self._sections.get(id(changed))) is not None:
            if section.kind is SectionKind.INSPECTION:  # a heading numbers the checks after it
                for number, item in zip(item_labels(section), section.items):
                    self._set_label(("item", section, item), _item_label(section, number, item))
            else:
                number = item_number(section, index_of(section.items, changed))
                self._set_label(("item", section, changed), _item_label(section, number, changed))
        else:
            return False
        return True

    def _set_label(self, key: tuple, label: str) -> None:
        widget = self._widgets.get(_identity(key))
        if widget is not None:
            _set_label(widget, label)

    def entries(self, parent: QTreeWidgetItem | None = None):
        parent = parent or self.invisibleRootItem()
        for i in range(parent.childCount()):
            yield parent.child(i)
            yield from self.entries(parent.child(i))

    def current_key(self) -> tuple | None:
        item = self.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def select_key(self, key: tuple | None, emit: bool = True) -> bool:
        widget = None if key is None else self._widgets.get(_identity(key))
        if widget is None:
            return False
        self.blockSignals(not emit)
        self.setCurrentItem(widget)
        self.blockSignals(False)
        return True

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.nodeSelected.emit(current.data(0, Qt.ItemDataRole.UserRole))
