"""The outline: masthead, parts, sections, subsections and items, numbered as they print."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ..model import Issue, Section, SectionKind
from ..model.dates import period_line
from ..model.numbering import item_labels, level1_label, level2_label
from ..model.printed import issue_line

EXCERPT = 18


@dataclass
class Node:
    key: tuple  # ("masthead",) ("part", part) ("section", section) ("item", section, item) ("distribution",)
    label: str
    children: list[Node] = field(default_factory=list)


def same_key(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(x is y or (isinstance(x, str) and x == y) for x, y in zip(a, b))


def _excerpt(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _item_nodes(section: Section) -> list[Node]:
    nodes = []
    for label, item in zip(item_labels(section), section.items):
        if section.kind is SectionKind.INSPECTION and item.heading:
            label += item.heading
        else:
            label += _excerpt(item.text) or "（空）"
        nodes.append(Node(("item", section, item), label))
    return nodes


def outline_nodes(issue: Issue) -> list[Node]:
    nodes = [Node(("masthead",), f"报头　{issue_line(issue)}")]
    for part in issue.parts:
        part_node = Node(("part", part), f"{part.title}{period_line(part.period_start, part.period_end)}")
        for s, section in enumerate(part.sections):
            node = Node(("section", section), level1_label(s) + section.title, _item_nodes(section))
            for u, sub in enumerate(section.subsections):
                node.children.append(Node(("section", sub), level2_label(u) + sub.title, _item_nodes(sub)))
            part_node.children.append(node)
        nodes.append(part_node)
    nodes.append(Node(("distribution",), "分送（报／送／发）"))
    return nodes


def _shape(nodes: list[Node]) -> list:
    return [(tuple(id(x) for x in n.key), _shape(n.children)) for n in nodes]


class Outline(QTreeWidget):
    nodeSelected = Signal(object)  # the node's key

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self._shape: list = []
        self.currentItemChanged.connect(self._current_changed)

    def show_issue(self, issue: Issue) -> None:
        """Another issue: rebuild, with every part and section expanded and nothing selected."""
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self._shape = []
        self.refresh(issue)

    def refresh(self, issue: Issue) -> None:
        """Relabel in place when the structure is unchanged (typing), else rebuild."""
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
        self._add(self.invisibleRootItem(), nodes, expanded, first=not self._shape)
        self._shape = shape
        self.blockSignals(False)
        self.select_key(current, emit=False)

    def _add(self, parent: QTreeWidgetItem, nodes: list[Node], expanded: set, first: bool) -> None:
        for node in nodes:
            widget = QTreeWidgetItem(parent, [node.label])
            widget.setData(0, Qt.ItemDataRole.UserRole, node.key)
            widget.setToolTip(0, node.label)
            self._add(widget, node.children, expanded, first)
            is_item = node.key[0] == "item"
            if (first and not is_item) or tuple(id(x) for x in node.key) in expanded:
                widget.setExpanded(True)

    def _relabel(self, parent: QTreeWidgetItem, nodes: list[Node]) -> None:
        for i, node in enumerate(nodes):
            widget = parent.child(i)
            assert widget is not None  # the tree was built from the same nodes
            # The same shape means the same key objects: only labels can differ.
            if widget.text(0) != node.label:
                widget.setText(0, node.label)
                widget.setToolTip(0, node.label)
            self._relabel(widget, node.children)

    def entries(self, parent: QTreeWidgetItem | None = None):
        parent = parent or self.invisibleRootItem()
        for i in range(parent.childCount()):
            yield parent.child(i)
            yield from self.entries(parent.child(i))

    def current_key(self) -> tuple | None:
        item = self.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def select_key(self, key: tuple | None, emit: bool = True) -> bool:
        for widget in self.entries():
            if same_key(widget.data(0, Qt.ItemDataRole.UserRole), key):
                self.blockSignals(not emit)
                self.setCurrentItem(widget)
                self.blockSignals(False)
                return True
        return False

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.nodeSelected.emit(current.data(0, Qt.ItemDataRole.UserRole))
