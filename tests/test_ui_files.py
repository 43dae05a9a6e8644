"""Files, the unsaved-changes prompt, next issue, the checks panel, settings and start-up."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bulletin_editor.app.startup import main_window as start_window
from bulletin_editor.formats.bulletin import load_issue, load_sample, save_issue
from bulletin_editor.model.tree import Place
from bulletin_editor.storage import settings
from bulletin_editor.ui import dialogs, file_actions
from bulletin_editor.ui.fonts import font_statuses


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "2022-028.bulletin"
    save_issue(load_sample(), path)
    return path


def edit_something(window):
    window.outline.select_key(("masthead",))
    window.editor.number.setValue(99)
    assert window.isWindowModified() and window.windowTitle().endswith("[*] - 周报编辑器")


def answer_unsaved(monkeypatch, answer):
    asked = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: asked.append(name) or answer)
    return asked


def test_open_edit_save(editor_window, sample_file, monkeypatch):
    window = editor_window
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: sample_file)
    window.actions_by_name["open"].trigger()
    assert window.current_path() == sample_file and not window.isWindowModified()
    assert window.windowTitle() == "2022-028.bulletin[*] - 周报编辑器"
    edit_something(window)
    window.actions_by_name["save"].trigger()  # saves in place: no dialog
    assert load_issue(sample_file).masthead.number == 99 and not window.isWindowModified()
    assert settings.recent_files() == [sample_file.resolve()]


def test_save_as_and_recent_files(editor_window, sample_file, tmp_path, monkeypatch):
    window = editor_window
    window.open_file(sample_file)
    copy_path = tmp_path / "副本.bulletin"
    suggestions = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, s: suggestions.append(s) or copy_path)
    window.actions_by_name["save_as"].trigger()
    assert suggestions == [str(tmp_path / "2022-028.bulletin")]
    assert window.current_path() == copy_path and load_issue(copy_path) == load_sample()
    assert settings.recent_files() == [copy_path.resolve(), sample_file.resolve()]
    window.recent_menu.aboutToShow.emit()
    # One issue in two files: its label, told apart by the file's name; the path as the tooltip.
    assert [a.text() for a in window.recent_menu.actions()] == [
        "2022年第28期（总第403期）\u3000副本.bulletin",
        "2022年第28期（总第403期）\u30002022-028.bulletin",
    ]
    assert [a.toolTip() for a in window.recent_menu.actions()] == [
        str(copy_path.resolve()),
        str(sample_file.resolve()),
    ]
    window.recent_menu.actions()[1].trigger()
    assert window.current_path() == sample_file.resolve()


def test_a_file_that_cannot_be_opened(editor_window, tmp_path, monkeypatch):
    window = editor_window
    bad = tmp_path / "坏文件.bulletin"
    bad.write_text("{不是 JSON", encoding="utf-8")
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    before = window.current_issue()
    assert not window.open_file(bad)
    assert "不是有效的 JSON" in errors[0] and window.current_issue() is before
    gone = tmp_path / "已删除.bulletin"
    settings.add_recent_file(gone)
    assert not window.open_file(gone)
    assert "找不到文件" in errors[1] and gone.resolve() not in settings.recent_files()


def test_a_failed_save_keeps_the_changes(editor_window, tmp_path, monkeypatch):
    window = editor_window
    edit_something(window)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda parent, s: tmp_path / "没有这个文件夹" / "x.bulletin"
    )
    assert not window.save()
    assert "不存在" in errors[0] and window.isWindowModified() and window.current_path() is None


@pytest.mark.parametrize(
    "answer, closes",
    [(dialogs.Unsaved.CANCEL, False), (dialogs.Unsaved.DISCARD, True), (dialogs.Unsaved.SAVE, True)],
)
def test_closing_with_unsaved_changes_asks(editor_window, tmp_path, monkeypatch, answer, closes):
    window = editor_window
    edit_something(window)
    asked = answer_unsaved(monkeypatch, answer)
    target = tmp_path / "第99期.bulletin"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, s: target)
    assert window.close() == closes
    assert asked == ["未命名周报"] and window.isVisible() != closes
    assert target.exists() == (answer is dialogs.Unsaved.SAVE)
    if target.exists():
        assert load_issue(target).masthead.number == 99


def test_cancelling_the_save_dialog_cancels_the_close(editor_window, monkeypatch):
    window = editor_window
    edit_something(window)
    answer_unsaved(monkeypatch, dialogs.Unsaved.SAVE)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, s: None)
    assert not window.close() and window.isVisible()


def test_new_and_open_ask_too(editor_window, sample_file, monkeypatch):
    window = editor_window
    edit_something(window)
    asked = answer_unsaved(monkeypatch, dialogs.Unsaved.CANCEL)
    issue = window.current_issue()
    window.actions_by_name["new"].trigger()
    window.actions_by_name["open"].trigger()  # cancelled before the file dialog
    monkeypatch.setattr(
        dialogs, "ask_next_from_unsaved", lambda parent, name: asked.append(name) or dialogs.NextFrom.CANCEL
    )
    window.actions_by_name["next_issue"].trigger()
    assert len(asked) == 3 and window.current_issue() is issue
    answer_unsaved(monkeypatch, dialogs.Unsaved.DISCARD)
    window.actions_by_name["new"].trigger()
    assert window.current_issue() is not issue and not window.isWindowModified()


def test_an_unchanged_issue_closes_without_asking(editor_window):
    assert editor_window.close()


def test_next_issue_from_this_one(editor_window, sample_file, monkeypatch):
    window = editor_window
    monkeypatch.setattr(file_actions, "today", lambda: dt.date(2022, 10, 4))
    window.open_file(sample_file)
    window.actions_by_name["next_issue"].trigger()
    issue = window.current_issue()
    assert (issue.masthead.number, issue.masthead.total_number) == (29, 404)
    assert issue.masthead.issue_date == dt.date(2022, 10, 4)
    assert window.current_path() is None and window.isWindowModified()  # new, unsaved work
    assert window.windowTitle() == "未命名[*] - 周报编辑器"
    assert window.outline.topLevelItem(1).text(0) == "政务服务工作（8月29日—9月2日）"
    messages = [f.message for f in window.findings]
    assert "“一、省级政务服务事项受理办理情况”的统计数字尚未填写" in messages
    # The window knows last week's issue: this week's figures below it are caught.
    window.outline.select_key(("section", issue.parts[0].sections[0]))
    window.editor.figures["licensing.accepted"].setValue(500_000)
    window.refresh_preview()
    messages = [f.message for f in window.findings]
    assert (
        "行政许可事项受理 500,000 件，少于上一期（第28期）的 588,929 件；统计数字是全年累计，不应减少"
        in messages
    )


def test_checks_panel_takes_you_to_the_place(editor_window, sample_file, qtbot):
    window = editor_window
    window.open_file(sample_file)
    part = window.current_issue().parts[0]
    efficiency = part.sections[1].subsections[1]
    window.outline.select_key(("item", efficiency, efficiency.items[2]))
    window.editor.text.selectAll()
    window.editor.text.insertPlainText(" ")  # an empty item
    window.outline.select_key(("masthead",))
    window.editor.issue_date.set_date(dt.date(2022, 8, 1))
    window.refresh_preview()
    titles = [window.checks_list.item(i).text() for i in range(window.checks_list.count())]
    assert titles == [
        "出刊日期 2022年8月1日 早于政务服务工作时间段的结束日 2022年8月26日",
        "“（二）窗口服务效能提升工作情况”中的（3）内容为空",
    ]
    assert window.checks_dock.windowTitle() == "导出前检查（2）"

    list_widget = window.checks_list
    window.outline.select_key(("distribution",))
    qtbot.mouseClick(
        list_widget.viewport(), Qt.LeftButton, pos=list_widget.visualItemRect(list_widget.item(1)).center()
    )
    assert window.editor.section is efficiency and window.editor.current is efficiency.items[2]
    assert window.outline.currentItem().text(0) == "（3）（空）"
    qtbot.mouseClick(
        list_widget.viewport(), Qt.LeftButton, pos=list_widget.visualItemRect(list_widget.item(0)).center()
    )
    assert type(window.editor).__name__ == "MastheadEditor"


def test_every_kind_of_place_can_be_shown(editor_window):
    window = editor_window
    window.open_issue(load_sample())
    for place, shown in (
        (Place(field="masthead"), "MastheadEditor"),
        (Place(field="distribution"), "DistributionEditor"),
        (Place(0, field="period"), "PartEditor"),
        (Place(0, 0, field="figures.licensing.completed"), "StatisticsEditor"),
        (Place(0, 1), "GroupEditor"),
        (Place(0, 1, 2, 1), "VisitsEditor"),
        (Place(0, 2, None, 3), "InspectionEditor"),
    ):
        window.navigate(place)
        assert type(window.editor).__name__ == shown


def test_export_with_findings_asks_first(editor_window, tmp_path, monkeypatch):
    window = editor_window  # a blank issue: nothing filled in
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda parent, count: False)
    assert window.export_word() is None and window.checks_dock.isVisible()
    target = tmp_path / "空.docx"
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda parent, count: True)
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: target)
    monkeypatch.setattr(dialogs, "offer_open_export", lambda parent, path: dialogs.AfterExport.OPEN_DOCUMENT)
    opened = []
    monkeypatch.setattr(file_actions, "open_path", opened.append)
    assert window.export_word() == target and target.stat().st_size > 0 and opened == [target]


def test_an_export_that_fails_says_why(editor_window, tmp_path, monkeypatch):
    window = editor_window
    window.open_issue(load_sample())
    folder = tmp_path / "是文件夹.docx"
    folder.mkdir()
    errors = []
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: folder)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    assert window.export_word() is None
    assert "文件夹" in errors[0]


def test_window_layout_is_remembered(qtbot, user_dirs):
    first = start_window()
    first.resize(700, 500)  # within the offscreen screen, which restoreGeometry respects
    first.checks_dock.hide()
    first.close()
    second = start_window()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    assert not second.checks_dock.isVisible()


def test_start_with_a_file_the_sample_or_a_bad_file(qtbot, user_dirs, sample_file, tmp_path, monkeypatch):
    window = start_window(sample=True)
    qtbot.addWidget(window)
    assert window.current_issue() == load_sample() and window.current_path() is None
    window = start_window(sample_file)
    qtbot.addWidget(window)
    assert window.current_path() == sample_file and settings.recent_files() == [sample_file.resolve()]
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    window = start_window(tmp_path / "无.bulletin")
    qtbot.addWidget(window)
    assert "找不到文件" in errors[0] and window.current_issue().masthead.number == 1


def test_font_report_names_the_fallback_word_will_use():
    statuses = {s.official: s for s in font_statuses({"SimSun", "FangSong", "SimHei", "华文中宋"})}
    assert statuses["宋体"].installed and statuses["黑体"].installed
    assert statuses["仿宋_GB2312"].describe() == "仿宋_GB2312：未安装，Word 将改用“仿宋”显示"
    assert statuses["方正小标宋简体"].substitute == "华文中宋"
    assert (
        statuses["楷体_GB2312"].describe() == "楷体_GB2312：未安装，且没有可用的替代字体，Word 将使用默认字体"
    )
    assert all(
        s.installed for s in font_statuses({"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"})
    )


def test_font_dialog_lists_every_official_font(editor_window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append(text))
    editor_window.actions_by_name["fonts"].trigger()
    for name in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"):
        assert name in shown[0]


def test_shortcuts(editor_window):
    shortcuts = {
        name: [k.toString() for k in a.shortcuts()] for name, a in editor_window.actions_by_name.items()
    }
    assert (
        shortcuts["new"][0] == "Ctrl+N"
        and shortcuts["open"][0] == "Ctrl+O"
        and shortcuts["save"][0] == "Ctrl+S"
    )
    assert shortcuts["save_as"] == ["Ctrl+Shift+S"] and shortcuts["export"] == ["Ctrl+E"]
    assert shortcuts["undo"] == ["Ctrl+Z"] and shortcuts["redo"][0] == "Ctrl+Y"


def test_ctrl_z_in_a_field_undoes_through_the_window(editor_window, qtbot):
    window = editor_window
    window.outline.select_key(("masthead",))
    field = window.editor.unit
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, "abc")
    assert window.current_issue().masthead.unit.endswith("abc")
    qtbot.keyClick(field, Qt.Key_Z, Qt.ControlModifier)
    assert window.current_issue().masthead.unit == "四川省政府政务服务和公共资源交易服务中心"
    assert field.text() == "四川省政府政务服务和公共资源交易服务中心"
    qtbot.keyClick(field, Qt.Key_Y, Qt.ControlModifier)
    assert field.text().endswith("abc")


def test_a_click_in_the_preview_opens_that_paragraph(editor_window, qtbot):
    window = editor_window
    window.open_issue(load_sample())
    preview = window.preview
    efficiency = window.current_issue().parts[0].sections[1].subsections[1]

    def click(text):
        cursor = preview.document().find(text)
        assert not cursor.isNull()
        preview.setTextCursor(cursor)
        preview.ensureCursorVisible()
        cursor.clearSelection()
        preview.setTextCursor(cursor)
        qtbot.mouseClick(preview.viewport(), Qt.LeftButton, pos=preview.cursorRect(cursor).center())

    click("近日，省林草局窗口召开林地占用")
    assert window.editor.section is efficiency and window.editor.current is efficiency.items[1]
    assert window.outline.currentItem().text(0).startswith("（2）近日，省林草局窗口")
    click("着装情况")
    assert type(window.editor).__name__ == "InspectionEditor" and window.editor.current.heading == "着装情况"
    click("政务服务工作")
    assert type(window.editor).__name__ == "PartEditor"


def test_the_preview_shows_what_prints_and_follows_typing(editor_window, qtbot):
    from bulletin_editor.model import printed_paragraphs

    window = editor_window
    window.open_issue(load_sample())
    shown = window.preview.toPlainText()
    for printed in printed_paragraphs(window.current_issue()):
        for run in printed.runs:
            assert run in shown
    business = window.current_issue().parts[0].sections[1].subsections[0]
    window.outline.select_key(("item", business, business.items[0]))
    window.editor.text.moveCursor(window.editor.text.textCursor().MoveOperation.End)
    window.editor.text.insertPlainText("新增一句。")
    assert "行政许可。新增一句。" not in window.preview.toPlainText()  # not yet: typing is not held up
    qtbot.waitUntil(lambda: "行政许可。新增一句。" in window.preview.toPlainText())


def test_about_shows_the_version_from_pyproject(editor_window, monkeypatch):
    import tomllib
    from pathlib import Path

    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: shown.append(message))
    editor_window.actions_by_name["about"].trigger()
    pyproject = tomllib.loads(
        (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert shown == [
        f"周报编辑器 {pyproject['project']['version']}\n\n编辑、归档并按公文格式导出《窗口工作周报》"
    ]


def test_next_issue_is_made_from_the_saved_file_or_the_edits_when_chosen(
    editor_window, sample_file, monkeypatch
):
    window = editor_window
    window.open_file(sample_file)
    document = window.document
    document.set_value(document.issue.distribution, "copies", 95, "修改印数")
    monkeypatch.setattr(dialogs, "ask_next_from_unsaved", lambda parent, name: dialogs.NextFrom.EDITOR)
    window.actions_by_name["next_issue"].trigger()
    assert window.current_issue().distribution.copies == 95 and window.current_issue().masthead.number == 29
    window.open_issue(window.load_file(sample_file), sample_file)  # unchanged: from the file as saved
    window.actions_by_name["next_issue"].trigger()
    assert window.current_issue().distribution.copies == 80
    window.document.undo_stack.setClean()
