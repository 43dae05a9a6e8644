"""The unit/date line past the layout table's shrink limits: the check before export says so,
the command line and the checks panel list it, export asks, and the masthead editor shows the
room left as the unit is typed."""

import json
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from bulletin_editor.formats.bulletin import load_sample, save_issue
from bulletin_editor.model.checks import UNIT_DATE_TOO_LONG, check_issue
from bulletin_editor.model.tree import Place
from bulletin_editor.ui import dialogs

UNIT = "四川省政府政务服务和公共资源交易服务中心"  # 20 characters, the print's
# The longest unit the table's limits (−1 pt a character, 12 pt) keep on one line beside
# 2022年9月27日; tests/test_page_sweep.py renders it ("unit-31").
LONGEST = "四川省人民政府政务服务和公共资源交易服务中心办公室综合处信息科"


def _codes(issue):
    return [f.code for f in check_issue(issue)]


def _with_unit(unit):
    issue = load_sample()
    issue.masthead.unit = unit
    return issue


def test_the_check_passes_the_longest_unit_and_names_one_character_more():
    assert len(LONGEST) == 31 and UNIT_DATE_TOO_LONG not in _codes(_with_unit(LONGEST))
    (finding,) = [f for f in check_issue(_with_unit(LONGEST + "科")) if f.code == UNIT_DATE_TOO_LONG]
    assert finding.place == Place(field="masthead.unit")
    assert "折成两行" in finding.message and "缩短至少 1 字" in finding.message
    (finding,) = [f for f in check_issue(_with_unit(LONGEST + "一二三")) if f.code == UNIT_DATE_TOO_LONG]
    assert "缩短至少 3 字" in finding.message


def test_the_command_line_check_lists_it(tmp_path):
    save_issue(_with_unit(LONGEST + "科"), tmp_path / "long.bulletin")
    result = subprocess.run(
        [sys.executable, "-m", "bulletin_editor", "check", tmp_path / "long.bulletin", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == [UNIT_DATE_TOO_LONG] and rows[0]["paragraph"] == 3


def _type(field, text):
    """Chinese is typed through an input method, which commits the characters to the field."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def _room(window):
    return window.editor.unit_room.text()


def test_the_masthead_editor_shows_the_room_as_the_unit_is_typed(editor_window, qtbot):
    window = editor_window
    window.open_issue(load_sample())
    window.outline.select_key(("masthead",))
    assert _room(window) == "单位与日期行还可容纳 3 字"
    _type(window.editor.unit, "办公室")
    assert _room(window) == "单位与日期行还可容纳 0 字"
    _type(window.editor.unit, "综")
    assert _room(window) == "超出 1 字，将缩小字距"
    _type(window.editor.unit, "合处信息科")
    assert _room(window) == "超出 6 字，将缩小字距和字号（12.5 磅）"
    _type(window.editor.unit, "一二")
    assert _room(window) == "超出 8 字，将缩小字距和字号（12 磅）"
    _type(window.editor.unit, "三")
    assert _room(window).startswith("超出 9 字，缩到 12 磅仍排不下") and "缩短至少 1 字" in _room(window)
    assert window.document.issue.masthead.unit == UNIT + "办公室综合处信息科一二三"
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert window.document.issue.masthead.unit == UNIT
    assert _room(window) == "单位与日期行还可容纳 3 字"


def test_the_panel_lists_it_and_takes_the_user_to_the_unit(editor_window, qtbot):
    window = editor_window
    window.open_issue(_with_unit(LONGEST + "科"))
    window.refresh_checks()
    panel = window.checks_dock
    entries = [panel.findings_list.item(i) for i in range(panel.findings_list.count())]
    (entry,) = [e for e in entries if e.data(Qt.ItemDataRole.UserRole).code == UNIT_DATE_TOO_LONG]
    assert "折成两行" in entry.text()
    panel.findings_list.itemClicked.emit(entry)
    assert type(window.editor).__name__ == "MastheadEditor"
    assert window.editor.unit.hasFocus() or window.focusWidget() is window.editor.unit


def test_export_asks_about_the_wrapping_line_first(editor_window, tmp_path, monkeypatch):
    window = editor_window
    window.open_issue(_with_unit(LONGEST + "科"))
    asked = []

    def answer(parent, message, others):
        asked.append((message, others))
        return False

    monkeypatch.setattr(dialogs, "confirm_export_wrapping_unit_date", answer)
    assert window.export_word() is None
    assert len(asked) == 1 and "折成两行" in asked[0][0] and asked[0][1] == 0
    target = tmp_path / "长单位.docx"
    monkeypatch.setattr(dialogs, "confirm_export_wrapping_unit_date", lambda parent, message, others: True)
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: target)
    monkeypatch.setattr(dialogs, "offer_open_export", lambda parent, path: dialogs.AfterExport.NOTHING)
    assert window.export_word() == target and target.stat().st_size > 0
