"""Proofreading in the window: each fix is one undo step, fix all of a kind is one step,
ignores are saved with the issue, accepted words are kept for the user."""

from PySide6.QtCore import Qt

from bulletin_editor.formats.bulletin import load_issue, load_sample, save_issue
from bulletin_editor.model.proofread import CODES
from bulletin_editor.storage import word_lists
from bulletin_editor.ui import dialogs


def _open(window, edit):
    issue = load_sample()
    edit(issue)
    window.open_issue(issue)
    return issue


def _efficiency(issue):
    return issue.parts[0].sections[1].subsections[1]


def _entries(window):
    panel = window.checks_dock
    return [panel.findings_list.item(i) for i in range(panel.findings_list.count())]


def _select(window, code, n=0):
    entries = [e for e in _entries(window) if getattr(e.data(Qt.ItemDataRole.UserRole), "code", "") == code]
    window.checks_dock.findings_list.setCurrentItem(entries[n])
    return entries[n].data(Qt.ItemDataRole.UserRole)


def test_a_fix_is_one_undo_step(editor_window, qtbot):
    window = editor_window
    issue = _open(window, lambda i: setattr(_efficiency(i).items[0], "text", "近日,应急厅窗口组织培训。。"))
    item = _efficiency(issue).items[0]
    assert {f.code for f in window.findings} == {"punct-halfwidth", "punct-repeat"}
    _select(window, "punct-halfwidth")
    assert window.checks_dock.fix_button.isEnabled()
    qtbot.mouseClick(window.checks_dock.fix_button, Qt.LeftButton)
    assert item.text == "近日，应急厅窗口组织培训。。"
    assert [f.code for f in window.findings] == ["punct-repeat"]
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "校对：改为“，”"
    stack.undo()
    assert item.text == "近日,应急厅窗口组织培训。。"
    stack.redo()
    assert item.text == "近日，应急厅窗口组织培训。。"


def test_fix_all_of_a_kind_is_one_undo_step(editor_window, qtbot):
    window = editor_window

    def edit(issue):
        items = _efficiency(issue).items
        items[0].text = "近日,应急厅窗口组织培训,效果好。"
        items[1].text = "近日,省林草局召开会议 。"

    issue = _open(window, edit)
    items = _efficiency(issue).items
    _select(window, "punct-halfwidth", 1)
    qtbot.mouseClick(window.checks_dock.fix_all_button, Qt.LeftButton)
    assert items[0].text == "近日，应急厅窗口组织培训，效果好。"
    assert items[1].text == "近日，省林草局召开会议 。"  # another kind stays
    # Proofreading's only: two items this short leave the 版记 a page of its own (imprint-own-page).
    assert [f.code for f in window.findings if f.code in CODES] == ["space-in-cjk"]
    stack = window.document.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert items[0].text == "近日,应急厅窗口组织培训,效果好。" and items[1].text == "近日,省林草局召开会议 。"


def test_the_editor_shows_the_fixed_text(editor_window, qtbot):
    window = editor_window
    issue = _open(
        window, lambda i: setattr(_efficiency(i).items[2], "text", "（3）8月23日，省市场监管局召开会议。")
    )
    efficiency = _efficiency(issue)
    window.outline.select_key(("item", efficiency, efficiency.items[2]))
    _select(window, "numbering-typed")
    qtbot.mouseClick(window.checks_dock.fix_button, Qt.LeftButton)
    assert window.editor.text.toPlainText() == "8月23日，省市场监管局召开会议。"


def test_an_ignored_finding_is_saved_with_the_issue_and_listed(editor_window, qtbot, tmp_path):
    window = editor_window
    path = tmp_path / "本期.bulletin"
    issue = load_sample()
    _efficiency(issue).items[0].text = "近日，王喆到应急厅窗口调研。"
    save_issue(issue, path)
    window.open_file(path)
    _select(window, "char-not-gb2312")
    assert not window.checks_dock.fix_button.isEnabled()  # needs judgment: no fix
    qtbot.mouseClick(window.checks_dock.ignore_button, Qt.LeftButton)
    assert window.findings == [] and window.checks_dock.ignored_findings[0].code == "char-not-gb2312"
    texts = [e.text() for e in _entries(window)]
    assert texts[0] == "未发现问题。" and texts[1].startswith("（已忽略）“喆”不在 GB2312 字符集内")
    window.save()
    saved = load_issue(path)
    assert [(i.code, "王喆" in i.excerpt) for i in saved.ignored] == [("char-not-gb2312", True)]

    window.open_file(path)  # the next time, and for a colleague: still ignored
    assert window.findings == []
    window.checks_dock.findings_list.setCurrentRow(1)
    assert window.checks_dock.ignore_button.text() == "取消忽略"
    qtbot.mouseClick(window.checks_dock.ignore_button, Qt.LeftButton)
    assert [f.code for f in window.findings] == ["char-not-gb2312"]
    window.document.undo_stack.undo()
    window.refresh_checks()
    assert window.findings == []


def test_an_accepted_word_is_kept_for_the_user(editor_window, qtbot, monkeypatch):
    window = editor_window
    _open(window, lambda i: setattr(_efficiency(i).items[0], "text", "近日，王喆到应急厅窗口调研。"))
    finding = _select(window, "char-not-gb2312")
    offered = []
    monkeypatch.setattr(dialogs, "ask_word", lambda parent, word: offered.append(word) or "王喆")
    qtbot.mouseClick(window.checks_dock.accept_button, Qt.LeftButton)
    assert offered == ["王喆"] and finding.code == "char-not-gb2312"
    assert word_lists.accepted_words() == {"王喆"}
    assert window.findings == []
    assert window.document.undo_stack.count() == 0  # the user's list, not the issue


def test_the_word_lists_open_in_the_systems_editor(editor_window, monkeypatch):
    from bulletin_editor.ui import file_actions

    opened = []
    monkeypatch.setattr(file_actions, "open_path", opened.append)
    editor_window.actions_by_name["accepted_words"].trigger()
    editor_window.actions_by_name["departments"].trigger()
    assert [path.name for path in opened] == [
        word_lists.words_path().name,
        word_lists.departments_path().name,
    ]
    assert all(path.is_file() for path in opened)
