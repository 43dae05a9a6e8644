"""Compile the printed 2022 No. 28 issue in the real window, from a new issue, through the
widgets a person uses; its export must equal the export of the built-in sample."""

import datetime as dt

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bulletin_editor.formats.bulletin import load_issue
from bulletin_editor.formats.docx.writer import build_document, export_docx
from bulletin_editor.model import printed_paragraphs
from bulletin_editor.model.next_issue import blank_issue
from bulletin_editor.ui import dialogs, file_actions


def click_node(qtbot, window, label_start: str):
    """Click the outline entry whose label starts with `label_start`."""
    outline = window.outline
    (item,) = [w for w in outline.entries() if w.text(0).startswith(label_start)]
    outline.scrollToItem(item)
    qtbot.mouseClick(outline.viewport(), Qt.LeftButton, pos=outline.visualItemRect(item).center())
    assert outline.currentItem() is item
    return window.editor


def type_number(qtbot, spin, value: int):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


def replace_text(field, text: str):
    field.setFocus()
    field.selectAll()
    field.insertPlainText(text)


def body_texts(document) -> list[str]:
    """Every paragraph of the body, tables included, in order."""
    return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def compile_sample(qtbot, window, sample):
    window.actions_by_name["new"].trigger()
    part = sample.parts[0]
    m = sample.masthead

    editor = click_node(qtbot, window, "报头")
    editor.year.setValue(m.year)
    editor.number.setValue(m.number)
    type_number(qtbot, editor.total, m.total_number)
    editor.issue_date.set_date(m.issue_date)

    editor = click_node(qtbot, window, "政务服务工作")
    editor.title.setText(part.title)
    editor.period_start.set_date(part.period_start)
    editor.period_end.set_date(part.period_end)

    editor = click_node(qtbot, window, "一、省级政务服务事项受理办理情况")
    figures = part.sections[0].statistics.figures
    for category in ("licensing", "public_service", "other_powers"):
        for measure in ("accepted", "completed"):
            type_number(
                qtbot, editor.figures[f"{category}.{measure}"], getattr(getattr(figures, category), measure)
            )

    business, efficiency, visits = part.sections[1].subsections
    editor = click_node(qtbot, window, "（一）优化营商环境工作开展情况")
    qtbot.mouseClick(editor.buttons["add"], Qt.LeftButton)
    editor.text.insertPlainText(business.items[0].text)

    # Five items pasted at once from Word, with the numbers someone typed: five items, no double numbers.
    editor = click_node(qtbot, window, "（二）窗口服务效能提升工作情况")
    qtbot.mouseClick(editor.buttons["add"], Qt.LeftButton)
    pasted = "\r\n".join(f"（{i}）{item.text}" for i, item in enumerate(efficiency.items, start=1))
    QApplication.clipboard().setText(pasted)
    editor.text.setFocus()
    editor.text.paste()
    assert editor.list.count() == 5

    editor = click_node(qtbot, window, "（三）厅（局）长进大厅")
    for item in visits.items:
        qtbot.mouseClick(editor.buttons["add"], Qt.LeftButton)
        editor.date.set_date(item.date)
        editor.department.setText(item.department)
        editor.leader.setText(item.leader)
        editor.text.insertPlainText(item.text)

    editor = click_node(qtbot, window, "三、大厅巡查情况")
    intro, *checklist = part.sections[2].items
    qtbot.mouseClick(editor.findChild(type(editor.buttons["add"]), "add_paragraph"), Qt.LeftButton)
    editor.text.insertPlainText(intro.text)
    for item in checklist:
        qtbot.mouseClick(editor.buttons["add"], Qt.LeftButton)
        editor.item_heading.selectAll()
        editor.item_heading.insert(item.heading)
        if item.text == "总体情况良好。":
            qtbot.mouseClick(editor.result_buttons[0], Qt.LeftButton)
        else:
            replace_text(editor.text, item.text)

    editor = click_node(qtbot, window, "分送")
    for (label, recipients, _), line in zip(editor.rows, sample.distribution.lines, strict=True):
        assert label.text() == line.label
        recipients.setText(line.recipients)
    type_number(qtbot, editor.copies, sample.distribution.copies)


def test_compile_the_printed_issue_from_a_new_issue(
    qtbot, editor_window, sample_issue, tmp_path, monkeypatch
):
    window = editor_window
    compile_sample(qtbot, window, sample_issue)

    assert [p.text for p in printed_paragraphs(window.current_issue())] == [
        p.text for p in printed_paragraphs(sample_issue)
    ]
    assert window.current_issue() == sample_issue  # the visit fields too, which do not print
    assert body_texts(build_document(window.current_issue())) == body_texts(build_document(sample_issue))
    assert window.isWindowModified()
    qtbot.waitUntil(lambda: not window.preview_timer.isActive())  # the debounced refresh ran
    assert window.findings == [] and window.checks_list.item(0).text() == "未发现问题。"

    # Export through the menu, then open the folder.
    target, reference = tmp_path / "第28期.docx", tmp_path / "sample.docx"
    opened = []
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: target)
    monkeypatch.setattr(dialogs, "offer_open_export", lambda parent, path: dialogs.AfterExport.OPEN_FOLDER)
    monkeypatch.setattr(file_actions, "open_path", opened.append)
    window.actions_by_name["export"].trigger()
    export_docx(sample_issue, reference)
    assert body_texts(Document(str(target))) == body_texts(Document(str(reference)))
    assert opened == [tmp_path]

    # Save: the title loses its modified mark and the file holds the issue.
    saved = tmp_path / "2022-028.bulletin"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: saved)
    window.actions_by_name["save"].trigger()
    assert not window.isWindowModified() and window.windowTitle().startswith("2022-028.bulletin")
    assert load_issue(saved) == sample_issue


def test_undo_all_the_way_back_gives_the_new_issue(qtbot, editor_window, sample_issue, monkeypatch):
    window = editor_window
    new_on = dt.date(2023, 1, 2)
    monkeypatch.setattr(file_actions, "today", lambda: new_on)
    compile_sample(qtbot, window, sample_issue)
    stack = window.document.undo_stack
    assert window.current_issue() == sample_issue
    while stack.canUndo():
        window.actions_by_name["undo"].trigger()
    assert window.current_issue() == blank_issue(new_on)
    assert not window.isWindowModified()
    while stack.canRedo():
        window.actions_by_name["redo"].trigger()
    assert window.current_issue() == sample_issue
