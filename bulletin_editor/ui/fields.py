"""Widgets bound to one attribute of a model object; each user edit is one undoable command.

A field finds its object through `target()` each time (the selected item changes), and
`sync()` copies the model into the widget only where they differ, so typing never loses
the cursor and undo shows up in the widget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..model import clean_text
from ..model.dates import chinese_date, parse_date
from ..model.limits import YEAR, Range
from ..model.paste import paste_paragraphs
from .document import IssueDocument

Target = Callable[[], Any]
if TYPE_CHECKING:
    _Widget = QWidget  # _Bound is mixed into Qt widgets; the type checker sees it as one
else:
    _Widget = object
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


# Ctrl+Y is redo on Windows only; Ctrl+E (export) is also "end of line" on Linux desktops.
_WINDOW_CTRL_KEYS = (Qt.Key.Key_Y, Qt.Key.Key_E)


def _is_window_key(event) -> bool:
    return any(event.matches(k) for k in _UNDO_KEYS) or (
        event.key() in _WINDOW_CTRL_KEYS and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )


class _Bound(_Widget):
    """Leave Ctrl+Z/Ctrl+Y to the window's undo stack instead of the widget's own undo, and
    Ctrl+E to the window's export."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _is_window_key(e):
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
    this field, one line each. With a handler and nothing to edit (an empty section), the
    field stays open: what is pasted or typed there goes to the handler, making the first item."""

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
        first_item = value is None and self.paragraph_handler is not None
        self.setEnabled(value is not None or first_item)
        self.setPlaceholderText("在此粘贴或输入第一条" if first_item else "")
        shown = "" if first_item else value
        if shown is not None and clean_text(self.toPlainText()) != shown:
            self.blockSignals(True)
            self.setPlainText(shown)
            self.blockSignals(False)

    def push(self, value: Any) -> None:
        if self.target() is None and self.paragraph_handler is not None:
            if value:
                self.paragraph_handler([value])
            return
        super().push(value)

    def insertFromMimeData(self, source) -> None:  # Qt override: paste and drop
        paragraphs = paste_paragraphs(source.text())
        if self.paragraph_handler is not None and (len(paragraphs) > 1 or self.target() is None):
            if paragraphs:
                self.paragraph_handler(paragraphs)
                self.moveCursor(self.textCursor().MoveOperation.End)
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


class DateEdit(QLineEdit):
    """A date to type (2022-10-04, 20221004, 2022年10月4日: model/dates.py reads them), to step
    with the arrow keys (the year, month or day the cursor is in) or to pick from a calendar.
    A QDateEdit takes neither of the first two: its sections swallow typed separators.
    dateChanged is emitted as soon as the text is a whole date (2022-1-1 on the way to
    2022-1-15 too); finishing (Enter, leaving the field) shows it as 2022年1月15日, or, when what
    was typed is no date (2022-02-30), the date from before the typing began."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.low, self.high = dt.date(YEAR.low, 1, 1), dt.date(YEAR.high, 12, 31)
        self._date = dt.date(2000, 1, 1)
        self._before_typing: dt.date | None = None
        self.setText(chinese_date(self._date))
        self.setPlaceholderText("如 2022-10-04")
        self.setToolTip("可直接输入，如 2022-10-04、20221004、2022年10月4日；↑↓ 改光标处的年、月、日")
        self.calendar: QCalendarWidget | None = None  # made when first shown: a window has several
        menu = QMenu(self)
        menu.aboutToShow.connect(self._show_calendar)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("从日历中选")
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.calendar_button.setStyleSheet(
            "QToolButton { border: none; } QToolButton::menu-indicator { image: none; }"
        )
        self.setTextMargins(0, 0, self.calendar_button.sizeHint().width(), 0)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._show_date)

    def resizeEvent(self, event) -> None:  # Qt override: the calendar button sits at the right end
        super().resizeEvent(event)
        hint = self.calendar_button.sizeHint()
        self.calendar_button.setGeometry(self.width() - hint.width() - 2, 0, hint.width(), self.height())

    def date(self) -> QDate:
        return to_qdate(self._date)

    def setDate(self, day: QDate) -> None:
        self._set(dt.date(day.year(), day.month(), day.day()), show=True)

    def _set(self, day: dt.date, show: bool) -> None:
        day = min(max(day, self.low), self.high)
        if show and self.text() != chinese_date(day):
            self.setText(chinese_date(day))
        if day != self._date:
            self._date = day
            self.dateChanged.emit(to_qdate(day))

    def _typed(self, text: str) -> None:
        if self._before_typing is None:
            self._before_typing = self._date
        day = self._typed_date(text)
        if day is not None:
            self._set(day, show=False)

    def _typed_date(self, text: str) -> dt.date | None:
        day = parse_date(text)
        return day if day is not None and self.low <= day <= self.high else None

    def _show_date(self) -> None:
        before, self._before_typing = self._before_typing, None
        if before is not None and self._typed_date(self.text()) is None:
            self._set(before, show=False)
        if self.text() != chinese_date(self._date):
            self.setText(chinese_date(self._date))

    def _show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget()
            self.calendar.setDateRange(to_qdate(self.low), to_qdate(self.high))
            self.calendar.clicked.connect(self._picked)
            menu = self.calendar_button.menu()
            shown = QWidgetAction(menu)
            shown.setDefaultWidget(self.calendar)
            menu.addAction(shown)
        self.calendar.setSelectedDate(to_qdate(self._date))

    def _picked(self, day: QDate) -> None:
        self.calendar_button.menu().hide()
        self._before_typing = None
        self._set(dt.date(day.year(), day.month(), day.day()), show=True)

    def keyPressEvent(self, event) -> None:  # Qt override: ↑↓ step the part under the cursor
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(event.key())
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        self._show_date()
        cursor, text = self.cursorPosition(), self.text()
        if cursor <= text.index("年"):
            self._set(_shifted(self._date, years=step), show=True)
        elif cursor <= text.index("月"):
            self._set(_shifted(self._date, months=step), show=True)
        else:
            self._set(self._date + dt.timedelta(days=step), show=True)
        self.setCursorPosition(min(cursor, len(self.text())))


def _shifted(day: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """`day` some years or months on, kept inside its month (1月31日 + 1 month = 2月28日)."""
    month0 = day.year * 12 + day.month - 1 + years * 12 + months
    year, month = divmod(month0, 12)
    import calendar  # not at start-up: stepping a date is rarer than showing one

    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


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
        self.edit = DateEdit()
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
        if shown is not None and self.edit.date() != to_qdate(shown):  # not while typing a date
            self.edit.setDate(to_qdate(shown))
        self.edit.setEnabled(self.check is None or value is not None)
        for widget in (self.check, self.edit):
            if widget is not None:
                widget.blockSignals(False)
