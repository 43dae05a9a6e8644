"""Widgets bound to one attribute of a model object; each user edit is one undoable command.

A field finds its object through `target()` each time (the selected item changes), and
`sync()` copies the model into the widget only where they differ, so typing never loses
the cursor and undo shows up in the widget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..model import clean_text
from ..model.limits import YEAR, Range
from ..model.paste import paste_paragraphs
from .document import IssueDocument

Target = Callable[[], Any]
if TYPE_CHECKING:
    _Widget = QWidget  # _Bound is mixed into Qt widgets; the type checker sees it as one
else:
    _Widget = object
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_undo_key(event) -> bool:
    return any(event.matches(k) for k in _UNDO_KEYS) or (
        event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )


class _Bound(_Widget):
    """Leave Ctrl+Z/Ctrl+Y to the window's undo stack instead of the widget's own undo."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _is_undo_key(e):
            e.ignore()
            return True
        return super().event(e)

    def bind(self, document: IssueDocument, target: Target, attr: str, label: str) -> None:
        # Not `document`: QPlainTextEdit.document() is the widget's own text document.
        self.issue_document, self.target, self.attr, self.label = document, target, attr, label

    def push(self, value: Any) -> None:
        obj = self.target()
        if obj is not None:
            self.issue_document.set_value(obj, self.attr, value, f"修改{self.label}", mergeable=True)

    def model_value(self) -> Any:
        obj = self.target()
        return None if obj is None else getattr(obj, self.attr)


class LineField(_Bound, QLineEdit):
    def __init__(
        self, document: IssueDocument, target: Target, attr: str, label: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.bind(document, target, attr, label)
        self.textChanged.connect(lambda text: self.push(clean_text(text)))

    def sync(self) -> None:
        value = self.model_value()
        self.setEnabled(value is not None)
        if value is not None and clean_text(self.text()) != value:
            self.blockSignals(True)
            self.setText(value)
            self.blockSignals(False)


class TextField(_Bound, QPlainTextEdit):
    """Multi-line text; pasted text is cleaned (paste.py). Several pasted paragraphs go to
    `paragraph_handler` when one is set (an item list makes them items), else they stay in
    this field, one line each."""

    paragraph_handler: Callable[[list[str]], None] | None = None

    def __init__(
        self, document: IssueDocument, target: Target, attr: str, label: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.bind(document, target, attr, label)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.textChanged.connect(lambda: self.push(clean_text(self.toPlainText())))

    def sync(self) -> None:
        value = self.model_value()
        self.setEnabled(value is not None)
        if value is not None and clean_text(self.toPlainText()) != value:
            self.blockSignals(True)
            self.setPlainText(value)
            self.blockSignals(False)

    def insertFromMimeData(self, source) -> None:  # Qt override: paste and drop
        paragraphs = paste_paragraphs(source.text())
        if len(paragraphs) > 1 and self.paragraph_handler is not None:
            self.paragraph_handler(paragraphs)
        elif paragraphs:
            self.insertPlainText("\n".join(paragraphs))


class IntField(_Bound, QDoubleSpinBox):
    """A whole number in the model's range for it (model/limits.py), shown with thousands
    grouping (588,929). A double spin box without decimals: a QSpinBox stops at 2³¹−1, below
    the figures' range; a double holds every integer up to 2⁵³ exactly."""

    def __init__(
        self,
        document: IssueDocument,
        target: Target,
        attr: str,
        label: str,
        limit: Range,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.bind(document, target, attr, label)
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.setDecimals(0)
        self.setGroupSeparatorShown(True)
        self.setRange(limit.low, limit.high)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.valueChanged.connect(lambda value: self.push(round(value)))

    def sync(self) -> None:
        value = self.model_value()
        self.setEnabled(value is not None)
        if value is not None and self.value() != value:
            self.blockSignals(True)
            self.setValue(value)
            self.blockSignals(False)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(_Bound, QWidget):
    """A date picker; `optional` adds a check box, unchecked meaning None (no date / automatic).
    `automatic` gives the date shown, greyed, while unchecked."""

    def __init__(
        self,
        document: IssueDocument,
        target: Target,
        attr: str,
        label: str,
        parent: QWidget | None = None,
        optional: str = "",
        automatic: Callable[[], dt.date] | None = None,
    ):
        super().__init__(parent)
        self.bind(document, target, attr, label)
        self.automatic = automatic
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(optional) if optional else None
        self.edit = QDateEdit()
        self.edit.setDateRange(QDate(YEAR.low, 1, 1), QDate(YEAR.high, 12, 31))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        if self.check is not None:
            layout.addWidget(self.check)
            self.check.toggled.connect(self._edited)
        layout.addWidget(self.edit, 1)
        self.edit.dateChanged.connect(self._edited)

    def _edited(self) -> None:
        if self.check is not None and not self.check.isChecked():
            self.push(None)
        else:
            self.push(self.edit.date().toPython())
        self.edit.setEnabled(self.check is None or self.check.isChecked())

    def set_date(self, day: dt.date | None) -> None:
        """As a person would: tick the box when needed and pick the date."""
        if self.check is not None:
            self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))

    def sync(self) -> None:
        obj = self.target()
        self.setEnabled(obj is not None)
        if obj is None:
            return
        value = getattr(obj, self.attr)
        for widget in (self.check, self.edit):
            if widget is not None:
                widget.blockSignals(True)
        if self.check is not None:
            self.check.setChecked(value is not None)
        shown = value if value is not None else self.automatic() if self.automatic else None
        if shown is not None:
            self.edit.setDate(to_qdate(shown))
        self.edit.setEnabled(self.check is None or value is not None)
        for widget in (self.check, self.edit):
            if widget is not None:
                widget.blockSignals(False)
