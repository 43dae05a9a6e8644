"""Ctrl+E exports from anywhere in the window, a text field with the cursor in it too."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.ui import dialogs


@pytest.fixture
def window(editor_window, qtbot, monkeypatch):
    editor_window.open_issue(load_sample())
    editor_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor_window)
    exports = editor_window.exports = []  # the export asks where to write: it has started
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda *args: True)
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: exports.append(True))
    return editor_window


def press_ctrl_e(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_e_exports_from_a_line_field(window, qtbot):
    field = window.editor.title  # the masthead's 周报名称
    assert isinstance(field, QLineEdit)
    text = field.text()
    field.setCursorPosition(0)
    press_ctrl_e(qtbot, field)
    assert window.exports == [True]
    assert field.text() == text and field.cursorPosition() == 0  # not taken as "end of line"


def test_ctrl_e_exports_from_an_items_text(window, qtbot):
    issue = window.document.issue
    efficiency = issue.parts[0].sections[1].subsections[1]
    assert window.outline.select_key(("item", efficiency, efficiency.items[0]))
    (text,) = [w for w in window.editor.findChildren(QPlainTextEdit) if w.isVisible()]
    before = text.toPlainText()
    press_ctrl_e(qtbot, text)
    assert window.exports == [True]
    assert text.toPlainText() == before


def test_ctrl_e_exports_from_a_date_field(window, qtbot):
    date = window.editor.issue_date
    press_ctrl_e(qtbot, date.findChild(QLineEdit))
    assert window.exports == [True]


def test_ctrl_e_exports_from_the_outline(window, qtbot):
    press_ctrl_e(qtbot, window.outline)
    assert window.exports == [True]
