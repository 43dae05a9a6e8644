"""The open issue, its file and its undo stack; every change goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..model import Issue
from . import commands


class IssueDocument(QObject):
    # structure: True when lists changed (sections, items), False for a value edit of the
    # object given with it (None when not known).
    changed = Signal(bool, object)

    def __init__(self, issue: Issue, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.issue = issue
        self.path = path
        self.undo_stack = QUndoStack(self)
        # The issue before this one (for the checks and the Excel import); the window decides.
        self.previous_issue: Callable[[], Issue | None] = lambda: None

    def notify(self, structure: bool, edited: object = None) -> None:
        self.changed.emit(structure, edited)

    # Edits: each pushes one undoable command.
    def set_value(self, obj: Any, attr: str, value: Any, text: str, mergeable: bool = False) -> None:
        if getattr(obj, attr) == value:
            return
        self.undo_stack.push(commands.SetValue(self, obj, attr, value, text, mergeable))

    def insert(self, items: list, index: int, obj: Any, text: str) -> None:
        self.undo_stack.push(commands.Insert(self, items, index, obj, text))

    def remove(self, items: list, index: int, text: str) -> None:
        self.undo_stack.push(commands.Remove(self, items, index, text))

    def move(self, source: list, source_index: int, target: list, target_index: int, text: str) -> None:
        if source is target and source_index == target_index:
            return
        self.undo_stack.push(commands.Move(self, source, source_index, target, target_index, text))

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several edits that undo as one step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()
