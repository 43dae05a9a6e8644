"""The small things a weekly user trips on (issue 16, point 4), each through the real widgets."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import SectionKind
from bulletin_editor.model.dates import parse_date
from bulletin_editor.ui import dialogs


def open_node(window, key):
    assert window.outline.select_key(key)
    return window.editor


def type_text(qtbot, widget, text):
    """Type as a person does: ASCII key by key, Chinese committed by the input method."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QApplication.sendEvent(widget, QInputMethodEvent("", []))
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def visits_section(issue):
    (visits,) = [s for s in issue.parts[0].sections[1].subsections if s.kind == SectionKind.VISITS]
    return visits


def emptied(window, pick):
    """The sample open with the section `pick` finds in it emptied, and that section's editor."""
    issue = load_sample()
    section = pick(issue)
    section.items.clear()
    window.open_issue(issue)
    return section, open_node(window, ("section", section))


def empty_news_section(window):
    return emptied(window, lambda issue: issue.parts[0].sections[1].subsections[1])


VISIT = "8月23日，自然资源厅党组成员、机关党委书记谢安军到自然资源窗口调研值守。"


def empty_visits(window):
    return emptied(window, visits_section)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2022-10-04", dt.date(2022, 10, 4)),
        ("20221004", dt.date(2022, 10, 4)),
        ("2022年10月4日", dt.date(2022, 10, 4)),
        ("2022/9/30", dt.date(2022, 9, 30)),
        ("２０２２年９月３０日", dt.date(2022, 9, 30)),
    ],
)
def test_a_date_is_typed(qtbot, window, typed, day):
    editor = open_node(window, ("masthead",))
    field = editor.issue_date.edit
    field.setFocus()
    field.selectAll()
    depth = window.document.undo_stack.index()
    type_text(qtbot, field, typed)
    assert window.current_issue().masthead.issue_date == day
    assert window.document.undo_stack.index() == depth + 1  # typing a date is one step
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == f"{day.year}年{day.month}月{day.day}日"
    window.actions_by_name["undo"].trigger()
    assert window.current_issue().masthead.issue_date == dt.date(2022, 9, 27)
    assert field.text() == "2022年9月27日"


def test_a_date_that_is_none_is_not_taken(qtbot, window):
    editor = open_node(window, ("masthead",))
    field = editor.issue_date.edit
    field.setFocus()
    field.selectAll()
    depth = window.document.undo_stack.index()
    type_text(qtbot, field, "2022-02-30")  # 2022-02-3 on the way is a date, taken for a moment
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_issue().masthead.issue_date == dt.date(2022, 9, 27)
    assert field.text() == "2022年9月27日"  # the date from before the typing comes back
    assert window.document.undo_stack.index() == depth and not window.isWindowModified()
    field.selectAll()
    type_text(qtbot, field, "1900-01-01")  # outside the years an issue may hold
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_issue().masthead.issue_date == dt.date(2022, 9, 27)


def test_the_arrows_step_the_part_under_the_cursor(qtbot, window):
    editor = open_node(window, ("masthead",))
    field = editor.issue_date.edit
    field.setFocus()
    field.setCursorPosition(len(field.text()))  # in the day
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert window.current_issue().masthead.issue_date == dt.date(2022, 9, 28)
    field.setCursorPosition(field.text().index("月"))  # in the month
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert window.current_issue().masthead.issue_date == dt.date(2022, 10, 28)
    field.setCursorPosition(1)  # in the year
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert window.current_issue().masthead.issue_date == dt.date(2021, 10, 28)


def test_the_calendar_picks_a_date(window, qtbot):
    editor = open_node(window, ("masthead",))
    field = editor.issue_date.edit
    assert field.calendar is None  # made when first opened, not with the window
    shown = []

    def pick() -> None:
        shown.append((field.calendar.isVisible(), field.calendar.selectedDate().toPython()))
        field.calendar.clicked.emit(field.calendar.selectedDate().addDays(7))

    QTimer.singleShot(0, pick)  # runs once the menu is up (inside its own event loop)
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [(True, dt.date(2022, 9, 27))]
    assert window.current_issue().masthead.issue_date == dt.date(2022, 10, 4)
    assert field.text() == "2022年10月4日"


def test_typed_dates_are_read_in_the_model():
    assert (
        parse_date("2022-10-04")
        == parse_date("20221004")
        == parse_date("2022年10月4日")
        == dt.date(2022, 10, 4)
    )
    for wrong in ("2022-13-01", "2022-10", "20221", "十月四日", "2022-10-04x"):
        assert parse_date(wrong) is None


def test_a_new_visit_starts_inside_the_period(qtbot, editor_window):
    visits, editor = empty_visits(editor_window)
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    period_start = editor_window.current_issue().parts[0].period_start
    assert editor.date.edit.text() == "2022年8月22日" and period_start == dt.date(2022, 8, 22)
    assert not editor.date.edit.isEnabled() and visits.items[0].date is None  # shown, not yet taken
    editor.date.check.click()  # 填写
    assert visits.items[0].date == period_start
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert visits.items[1].date is None and editor.date.edit.text() == "2022年8月22日"


def test_a_new_visit_after_others_starts_at_the_last_date(qtbot, window):
    visits = visits_section(window.current_issue())
    editor = open_node(window, ("item", visits, visits.items[-1]))
    last = visits.items[-1].date
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert editor.current is visits.items[-1] and editor.current.date is None
    assert editor.date.edit.date().toPython() == last


def test_deleting_a_section_with_items_asks_first(window, monkeypatch):
    part = window.current_issue().parts[0]
    group = part.sections[1]
    business = group.subsections[0]
    held = len(business.items)
    asked = []
    monkeypatch.setattr(
        dialogs, "confirm_delete", lambda p, title, items: asked.append((title, items)) or False
    )
    open_node(window, ("section", business))
    window.actions_by_name["delete_node"].trigger()
    assert asked == [(business.title, held)] and group.subsections[0] is business  # no: kept
    open_node(window, ("section", group))
    window.actions_by_name["delete_node"].trigger()
    assert asked[1] == (group.title, sum(len(s.items) for s in group.subsections))
    assert part.sections[1] is group

    monkeypatch.setattr(
        dialogs, "confirm_delete", lambda p, title, items: asked.append((title, items)) or True
    )
    open_node(window, ("section", business))
    depth = window.document.undo_stack.index()
    window.actions_by_name["delete_node"].trigger()
    assert business not in group.subsections and window.document.undo_stack.index() == depth + 1
    window.actions_by_name["undo"].trigger()
    assert group.subsections[0] is business


def test_deleting_an_empty_section_does_not_ask(editor_window):
    empty, _ = emptied(editor_window, lambda issue: issue.parts[0].sections[1].subsections[0])
    editor_window.actions_by_name["delete_node"].trigger()  # the fixture fails any question
    assert empty not in editor_window.current_issue().parts[0].sections[1].subsections


def test_recent_files_show_the_issue_with_the_path_as_tooltip(editor_window, tmp_path, monkeypatch):
    from bulletin_editor.formats import bulletin
    from bulletin_editor.model.next_issue import next_issue
    from bulletin_editor.storage import settings
    from bulletin_editor.ui import file_actions

    window = editor_window
    old_file, new_file = tmp_path / "2022-028.bulletin", tmp_path / "下一期.bulletin"
    bulletin.save_issue(load_sample(), old_file)
    window.open_file(old_file)
    window.open_issue(next_issue(load_sample()))
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: new_file)
    window.actions_by_name["save_as"].trigger()
    monkeypatch.setattr(bulletin, "load_issue", lambda *a: pytest.fail("the menu reads no file"))
    monkeypatch.setattr(file_actions, "load_issue", lambda *a: pytest.fail("the menu reads no file"))
    window.recent_menu.aboutToShow.emit()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == ["2022年第29期（总第404期）", "2022年第28期（总第403期）"]
    assert [a.toolTip() for a in actions] == [str(new_file.resolve()), str(old_file.resolve())]
    assert window.recent_menu.toolTipsVisible()
    settings.write_setting("editor", {"recent_files": [str(old_file)]})  # kept by an older version
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [str(old_file)]


def test_file_dialogs_start_where_the_last_of_their_kind_ended(editor_window, tmp_path, monkeypatch):
    from bulletin_editor.formats.bulletin import save_issue

    window = editor_window
    issues, exports = tmp_path / "各期", tmp_path / "送审"
    issues.mkdir()
    exports.mkdir()
    save_issue(load_sample(), issues / "2022-028.bulletin")
    started = []
    monkeypatch.setattr(
        dialogs, "ask_open_path", lambda p, folder: started.append(folder) or issues / "2022-028.bulletin"
    )
    window.actions_by_name["open"].trigger()
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda *a: True)
    monkeypatch.setattr(dialogs, "offer_open_export", lambda *a: dialogs.AfterExport.NOTHING)
    monkeypatch.setattr(dialogs, "ask_export_path", lambda p, s: started.append(s) or exports / "送审.docx")
    window.export_word()
    assert started[1] == str(issues / "2022-028.docx")  # the first export: beside the issue
    window.actions_by_name["new"].trigger()
    window.actions_by_name["open"].trigger()
    window.export_word()
    assert started[2] == str(issues) and started[3] == str(exports / "2022-028.docx")


def test_the_workbook_dialog_remembers_its_folder(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from bulletin_editor.ui import stats_import_dialog

    chosen = tmp_path / "统计" / "9月.xlsx"
    chosen.parent.mkdir()
    started = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda p, title, folder, f: started.append(folder) or (str(chosen), f)
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, title, start, f: started.append(start) or ("", f)
    )
    assert stats_import_dialog.ask_open_workbook(None) == chosen
    stats_import_dialog.ask_open_workbook(None)
    stats_import_dialog.ask_template_path(None)
    assert started == ["", str(chosen.parent), str(chosen.parent / "统计模板.xlsx")]


def test_pasting_into_an_empty_section_makes_its_first_item(qtbot, editor_window):
    window = editor_window
    news, editor = empty_news_section(window)
    assert editor.text.isEnabled() and editor.text.placeholderText()
    depth = window.document.undo_stack.index()
    QApplication.clipboard().setText("（1）第一条动态，\r\n换行接续。")
    editor.text.setFocus()
    editor.text.paste()
    assert [i.text for i in news.items] == ["第一条动态，换行接续。"]
    assert editor.list.count() == 1 and editor.current is news.items[0]
    assert window.document.undo_stack.index() == depth + 1  # one step
    qtbot.keyClicks(editor.text, "!")  # the cursor is after the pasted text, in the new item
    assert news.items[0].text == "第一条动态，换行接续。!"
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert news.items == [] and editor.text.toPlainText() == ""


def test_typing_into_an_empty_section_makes_its_first_item(qtbot, editor_window):
    window = editor_window
    news, editor = empty_news_section(window)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "abc")
    assert [i.text for i in news.items] == ["abc"] and editor.text.toPlainText() == "abc"


def test_pasting_onto_an_empty_list_makes_items(qtbot, editor_window):
    window = editor_window
    news, editor = empty_news_section(window)
    QApplication.clipboard().setText("第一条。\n第二条。")
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [i.text for i in news.items] == ["第一条。", "第二条。"]


def test_a_typed_visit_proposes_its_date_department_and_leader(qtbot, editor_window):
    window = editor_window
    visits, editor = empty_visits(window)
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    editor.text.setFocus()
    depth = window.document.undo_stack.index()
    type_text(qtbot, editor.text, VISIT)
    item = visits.items[0]
    assert (item.date, item.department, item.leader) == (
        dt.date(2022, 8, 23),
        "自然资源厅",
        "党组成员、机关党委书记谢安军",
    )
    assert editor.date.check.isChecked() and editor.department.text() == "自然资源厅"
    assert editor.leader.text() == "党组成员、机关党委书记谢安军" and item.text == VISIT
    # The typing and the proposal undo apart: the proposal is one step of its own.
    stack = window.document.undo_stack
    steps = [stack.text(i) for i in range(depth, stack.count())]
    assert steps.count("按正文填写来访日期、部门和领导") == 1
    proposal = depth + steps.index("按正文填写来访日期、部门和领导")
    while stack.index() > proposal:
        window.actions_by_name["undo"].trigger()
    assert (item.date, item.department, item.leader) == (None, "", "")
    assert item.text == VISIT[: VISIT.index("到") + 1]  # proposed as soon as the leader was whole
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, "a")  # undone, it is not proposed again
    assert (item.date, item.department, item.leader) == (None, "", "")


def test_a_proposal_never_overwrites_what_the_user_filled(qtbot, editor_window):
    window = editor_window
    visits, editor = empty_visits(window)
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    editor.department.setFocus()
    type_text(qtbot, editor.department, "省自然资源厅")
    editor.text.setFocus()
    type_text(qtbot, editor.text, VISIT)
    item = visits.items[0]
    assert item.department == "省自然资源厅" and item.leader == "党组成员、机关党委书记谢安军"
    assert item.date == dt.date(2022, 8, 23)


def test_pasted_visits_propose_in_the_paste_step(qtbot, editor_window):
    window = editor_window
    visits, editor = empty_visits(window)
    QApplication.clipboard().setText(VISIT + "\n8月25日，商务厅副厅长钟宾到商务窗口检查指导工作。")
    depth = window.document.undo_stack.index()
    editor.text.setFocus()
    editor.text.paste()
    assert [(i.date, i.department, i.leader) for i in visits.items] == [
        (dt.date(2022, 8, 23), "自然资源厅", "党组成员、机关党委书记谢安军"),
        (dt.date(2022, 8, 25), "商务厅", "副厅长钟宾"),
    ]
    assert window.document.undo_stack.index() == depth + 1
    window.actions_by_name["undo"].trigger()
    assert visits.items == []
