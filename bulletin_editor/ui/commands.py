"""Every edit of the open issue is a QUndoCommand on the document's QUndoStack.

The commands hold the model objects themselves: an object removed from a list is kept by
its command and put back on undo, so references stay valid (the pattern of Orange's
canvas document/commands.py). Each command tells the document what it changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from .document import IssueDocument

_MERGE_ID = 1


class SetValue(QUndoCommand):
    """obj.attr = value; successive typing into the same field merges into one step."""

    def __init__(
        self,
        document: IssueDocument,
        obj: Any,
        attr: str,
        value: Any,
        text: str,
        mergeable: bool = False,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(text, parent)
        self.document, self.obj, self.attr = document, obj, attr
        self.old, self.new = getattr(obj, attr), value
        self.mergeable = mergeable

    def redo(self) -> None:
        setattr(self.obj, self.attr, self.new)
        self.document.notify(structure=False, edited=self.obj)

    def undo(self) -> None:
        setattr(self.obj, self.attr, self.old)
        self.document.notify(structure=False, edited=self.obj)

    def id(self) -> int:
        return _MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetValue)
            and other.mergeable
            and other.obj is self.obj
            and other.attr == self.attr
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and typed back: no step at all
        return True


class Insert(QUndoCommand):
    def __init__(
        self,
        document: IssueDocument,
        items: list,
        index: int,
        obj: Any,
        text: str,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(text, parent)
        self.document, self.items, self.index, self.obj = document, items, index, obj

    def redo(self) -> None:
        self.items.insert(self.index, self.obj)
        self.document.notify(structure=True)

    def undo(self) -> None:
        del self.items[self.index]
        self.document.notify(structure=True)


class Remove(QUndoCommand):
    def __init__(
        self, document: IssueDocument, items: list, index: int, text: str, parent: QUndoCommand | None = None
    ):
        super().__init__(text, parent)
        self.document, self.items, self.index = document, items, index
        self.obj = items[index]

    def redo(self) -> None:
        del self.items[self.index]
        self.document.notify(structure=True)

    def undo(self) -> None:
        self.items.insert(self.index, self.obj)
        self.document.notify(structure=True)


class Move(QUndoCommand):
    """Move one element within a list or to another list (an item to another subsection)."""

    def __init__(
        self,
        document: IssueDocument,
        source: list,
        source_index: int,
        target: list,
        target_index: int,
        text: str,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(text, parent)
        self.document = document
        self.source, self.source_index = source, source_index
        self.target, self.target_index = target, target_index

    def redo(self) -> None:
        self.target.insert(self.target_index, self.source.pop(self.source_index))
        self.document.notify(structure=True)

    def undo(self) -> None:
        self.source.insert(self.source_index, self.target.pop(self.target_index))
        self.document.notify(structure=True)
