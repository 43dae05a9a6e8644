"""Qt's standard texts in Chinese under an English system locale, shortcuts with arrow glyphs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QDialogButtonBox, QLineEdit, QPlainTextEdit

from bulletin_editor.app.startup import load_qt_chinese


@pytest.fixture
def chinese_qt(qapp):
    """As the editor starts on an English Windows: the default locale English, then Qt's Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert load_qt_chinese(qapp)
    yield qapp
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(QLocale.system())


def test_standard_buttons_are_chinese(chinese_qt, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == sorted(["确定", "取消"])


@pytest.mark.parametrize("kind", [QLineEdit, QPlainTextEdit])
def test_a_text_fields_context_menu_is_chinese(chinese_qt, qtbot, kind):
    field = kind("一段文字")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    assert "复制(&C)" in texts and "粘贴(&P)" in texts and "撤销(&U)" in texts
    assert not any("Copy" in text or "Paste" in text for text in texts)


def test_the_calendar_names_months_in_chinese(chinese_qt, qtbot):
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    assert calendar.locale().language() == QLocale.Language.Chinese
    assert calendar.locale().monthName(8) == "八月"


def test_undo_texts_are_chinese(chinese_qt, qtbot):
    from PySide6.QtGui import QUndoCommand, QUndoStack

    stack = QUndoStack()
    stack.push(QUndoCommand("添加条目"))
    assert stack.createUndoAction(stack).text() == "撤销 添加条目"  # not qtbase_zh_CN's 撤消
    assert stack.createRedoAction(stack).text() == "重做"


def test_shortcuts_show_arrows_as_glyphs(chinese_qt):
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+Up").toString(native) == "Ctrl+↑"
    assert QKeySequence("Ctrl+Shift+Down").toString(native) == "Ctrl+Shift+↓"
    assert QKeySequence("Alt+Left").toString(native) == "Alt+←"
    assert QKeySequence("Return").toString(native) == "回车"  # the other key names still Chinese
    assert QKeySequence("Ctrl+Up").toString(QKeySequence.SequenceFormat.PortableText) == "Ctrl+Up"


def test_the_move_actions_read_ctrl_arrow(chinese_qt, editor_window):
    """A menu writes an action's shortcut as its native text: what this reads is what the menu shows."""
    native = QKeySequence.SequenceFormat.NativeText
    actions = editor_window.actions_by_name
    assert actions["node_up"].shortcut().toString(native) == "Ctrl+↑"
    assert actions["node_down"].shortcut().toString(native) == "Ctrl+↓"
    assert actions["node_up"].toolTip() == "上移（Ctrl+↑）"  # the structure bar's button
    assert actions["rename"].toolTip() == "重命名（F2）"


def test_a_file_dialog_is_chinese(chinese_qt, qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "打开", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on a bare Linux
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert {button.text() for button in box.buttons()} == {"打开(&O)", "取消"}
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："}
