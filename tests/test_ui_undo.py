"""Every kind of edit in the real window is one undoable step, and undo shows in the widgets."""

import copy
import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from bulletin_editor.model import Counts, Figures, SectionKind
from bulletin_editor.ui import dialogs


def open_node(window, key):
    assert window.outline.select_key(key)
    return window.editor


def sections(window):
    part = window.current_issue().parts[0]
    return part, part.sections[0], *part.sections[1].subsections, part.sections[2]


def undo(window):
    window.actions_by_name["undo"].trigger()


def redo(window):
    window.actions_by_name["redo"].trigger()


def one_step(window, edit):
    """Run `edit`; it must change the issue, and one undo / redo must revert / repeat it."""
    before = copy.deepcopy(window.current_issue())
    depth = window.document.undo_stack.index()
    was_modified = window.isWindowModified()
    edit()
    after = copy.deepcopy(window.current_issue())
    assert after != before
    assert window.document.undo_stack.index() == depth + 1
    assert window.isWindowModified()
    undo(window)
    assert window.current_issue() == before
    assert window.isWindowModified() == was_modified
    redo(window)
    assert window.current_issue() == after
    undo(window)
    return before, after


def test_masthead_fields(qtbot, window):
    editor = open_node(window, ("masthead",))
    editor.number.setFocus()
    editor.number.selectAll()
    qtbot.keyClicks(editor.number, "29")  # two keystrokes, one step
    assert window.current_issue().masthead.number == 29
    undo(window)
    assert window.current_issue().masthead.number == 28 and editor.number.value() == 28
    one_step(window, lambda: editor.issue_date.set_date(dt.date(2022, 9, 30)))
    assert editor.issue_date.edit.date().toPython() == dt.date(2022, 9, 27)
    one_step(window, lambda: editor.unit.setText("四川省政务服务中心"))
    assert editor.unit.text() == "四川省政府政务服务和公共资源交易服务中心"
    # The first part's title and period are on the masthead too, and in step with the part's editor.
    part = window.current_issue().parts[0]
    _, after = one_step(window, lambda: editor.period_start.set_date(dt.date(2022, 8, 23)))
    assert after.parts[0].period_start == dt.date(2022, 8, 23)
    editor.part_title.setText("政务服务")
    assert open_node(window, ("part", part)).title.text() == "政务服务"


def test_part_title_and_period(window):
    part = window.current_issue().parts[0]
    editor = open_node(window, ("part", part))
    one_step(window, lambda: editor.title.setText("政务服务工作情况"))
    assert editor.title.text() == "政务服务工作"
    one_step(window, lambda: editor.period_end.set_date(dt.date(2022, 8, 27)))


def test_typing_into_an_item_is_one_step_and_undo_shows_in_the_editor(window):
    _, _, _, efficiency, _, _ = sections(window)
    item = efficiency.items[1]
    editor = open_node(window, ("item", efficiency, item))
    original = item.text

    def typing():
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        for piece in ("此次", "培训", "反响良好。"):
            editor.text.insertPlainText(piece)

    one_step(window, typing)
    assert editor.text.toPlainText() == original
    assert window.outline.currentItem().text(0).startswith("（2）近日，省林草局")


def test_statistics_figure_sentence_and_reset(window, monkeypatch):
    _, stats_section, *_ = sections(window)
    editor = open_node(window, ("section", stats_section))
    one_step(window, lambda: editor.figures["public_service.completed"].setValue(7_100_000))
    assert editor.figures["public_service.completed"].text() == "7,089,617"

    sentence = editor.sentence
    assert not editor.reset_button.isEnabled() and "7089617" in sentence.toPlainText()
    one_step(window, lambda: sentence.insertPlainText("（手工）"))
    sentence.insertPlainText("（手工）")
    stats = stats_section.statistics
    assert stats.sentence_override.startswith("（手工）") and editor.reset_button.isEnabled()
    editor.figures["licensing.accepted"].setValue(1)  # does not touch a hand-edited sentence
    assert stats.sentence_override.startswith("（手工）")
    one_step(window, editor.reset_button.click)
    editor.reset_button.click()
    assert stats.sentence_override is None and "省本级行政许可事项受理1件" in sentence.toPlainText()


def test_excel_import_is_one_step(window, monkeypatch):
    from bulletin_editor.ui import stats_import_dialog

    _, stats_section, *_ = sections(window)
    editor = open_node(window, ("section", stats_section))
    imported = Figures(Counts(600_000, 590_000), Counts(19_400_000, 7_200_000), Counts(49_000, 49_500))
    calls = []

    def ask_figures(parent, previous, part, statistics):
        calls.append((previous, part, statistics))
        return imported

    monkeypatch.setattr(stats_import_dialog, "ask_figures", ask_figures)
    _, after = one_step(window, editor.import_button.click)
    assert after.parts[0].sections[0].statistics.figures == imported
    part = window.current_issue().parts[0]
    assert calls == [(None, part, stats_section.statistics)]  # nothing came before this issue here
    monkeypatch.setattr(stats_import_dialog, "ask_figures", lambda *args: None)  # cancelled
    depth = window.document.undo_stack.index()
    editor.import_button.click()
    assert window.document.undo_stack.index() == depth


def test_excel_import_compares_with_the_issue_this_one_came_from(window, monkeypatch):
    from bulletin_editor.ui import stats_import_dialog

    last_week = copy.deepcopy(window.current_issue().parts[0].sections[0].statistics.figures)
    window.document.undo_stack.setClean()
    window.actions_by_name["next_issue"].trigger()
    stats_section = window.current_issue().parts[0].sections[0]
    editor = open_node(window, ("section", stats_section))
    calls = []
    monkeypatch.setattr(
        stats_import_dialog, "ask_figures", lambda parent, previous, *a: calls.append(previous)
    )
    editor.import_button.click()
    assert calls == [last_week]


def test_item_list_edits(window):
    _, _, _, efficiency, _, _ = sections(window)
    editor = open_node(window, ("item", efficiency, efficiency.items[1]))
    texts = [i.text for i in efficiency.items]
    _, after = one_step(window, lambda: editor.buttons["add"].click())
    assert after.parts[0].sections[1].subsections[1].items[2].text == ""
    for button in ("delete", "duplicate", "up", "down"):
        open_node(window, ("item", efficiency, efficiency.items[1]))
        _, after = one_step(window, editor.buttons[button].click)
        result = [i.text for i in after.parts[0].sections[1].subsections[1].items]
        assert (
            result
            == {
                "delete": texts[:1] + texts[2:],
                "duplicate": texts[:2] + texts[1:],
                "up": [texts[1], texts[0], *texts[2:]],
                "down": [texts[0], texts[2], texts[1], *texts[3:]],
            }[button]
        )
    assert [editor.list.item(i).text()[:3] for i in range(5)] == ["（1）", "（2）", "（3）", "（4）", "（5）"]


def drop(list_widget, source_row: int, onto_row: int, below: bool):
    """The drop at the end of a drag, as Qt hands it to the list (a synthetic drag has no
    source, which Qt's InternalMove refuses at drag enter, so the drop is handed over directly)."""
    list_widget.setCurrentRow(source_row)
    data = list_widget.model().mimeData([list_widget.model().index(source_row, 0)])
    rect = list_widget.visualItemRect(list_widget.item(onto_row))
    y = rect.bottom() - 2 if below else rect.top() + 2
    event = QDropEvent(
        QPointF(rect.center().x(), y), Qt.MoveAction, data, Qt.LeftButton, Qt.NoModifier, QEvent.Drop
    )
    list_widget.dropEvent(event)
    assert event.dropAction() == Qt.IgnoreAction  # Qt must not remove the dragged row itself


def test_drag_to_reorder(window):
    _, _, _, efficiency, _, _ = sections(window)
    editor = open_node(window, ("section", efficiency))
    texts = [i.text for i in efficiency.items]
    _, after = one_step(window, lambda: drop(editor.list, 0, 2, below=True))
    assert [i.text for i in after.parts[0].sections[1].subsections[1].items] == [
        texts[1],
        texts[2],
        texts[0],
        texts[3],
        texts[4],
    ]
    _, after = one_step(window, lambda: drop(editor.list, 4, 0, below=False))
    assert [i.text for i in after.parts[0].sections[1].subsections[1].items] == [texts[4], *texts[:4]]
    assert editor.list.item(0).text().startswith("（1）" + texts[0][:5])


def test_move_to_another_subsection(window):
    _, _, business, efficiency, _, _ = sections(window)
    editor = open_node(window, ("item", efficiency, efficiency.items[0]))
    targets = [label for label, _ in editor.move_targets()]
    assert targets == ["（一）优化营商环境工作开展情况", "（三）厅（局）长进大厅"]
    moved = efficiency.items[0]
    _, after = one_step(window, lambda: editor.move_to(business))
    assert after.parts[0].sections[1].subsections[0].items[1] == moved
    assert len(after.parts[0].sections[1].subsections[1].items) == 4


def test_paste_several_paragraphs_is_one_step(window):
    _, _, business, *_ = sections(window)
    editor = open_node(window, ("item", business, business.items[0]))
    QApplication.clipboard().setText("1．第一条新动态，\n换行接续。\n2．第二条新动态。\n")
    editor.text.setFocus()
    _, after = one_step(window, editor.text.paste)
    assert [i.text for i in after.parts[0].sections[1].subsections[0].items][1:] == [
        "第一条新动态，换行接续。",
        "第二条新动态。",
    ]
    QApplication.clipboard().setText("（1）只一段，编号去掉。")
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    _, after = one_step(window, editor.text.paste)
    assert after.parts[0].sections[1].subsections[0].items[0].text.endswith("行政许可。只一段，编号去掉。")


def test_visit_fields(window):
    *_, visits, _ = sections(window)
    editor = open_node(window, ("item", visits, visits.items[1]))
    one_step(window, lambda: editor.department.setText("商务厅窗口"))
    assert editor.department.text() == "商务厅"
    one_step(window, lambda: editor.date.set_date(None))
    assert editor.date.check.isChecked()
    one_step(window, lambda: editor.leader.setText("巡视员钟宾"))


def test_inspection_checklist(window):
    *_, inspection = sections(window)
    editor = open_node(window, ("item", inspection, inspection.items[1]))
    one_step(window, lambda: editor.result_buttons[1].click())
    one_step(window, lambda: editor.item_heading.setText("按时到岗"))
    _, after = one_step(
        window, lambda: editor.findChild(type(editor.buttons["add"]), "add_paragraph").click()
    )
    assert after.parts[0].sections[2].items[2].heading == ""
    open_node(window, ("item", inspection, inspection.items[1]))
    _, after = one_step(window, lambda: editor.buttons["add"].click())
    assert after.parts[0].sections[2].items[2].heading == "检查项"


def test_distribution(window):
    editor = open_node(window, ("distribution",))
    one_step(window, lambda: editor.rows[1][1].setText("各相关省级部门（单位）。"))
    one_step(window, lambda: editor.add_button.click())
    assert len(editor.rows) == 3
    one_step(window, lambda: editor.rows[0][2].click())
    assert editor.rows[0][1].text() == "中心领导。"
    one_step(window, lambda: editor.copies.setValue(100))


@pytest.mark.parametrize("kind", list(SectionKind))
def test_add_a_section_of_each_kind(window, kind):
    _, stats_section, *_ = sections(window)
    open_node(window, ("section", stats_section))
    _, after = one_step(window, lambda: window.actions_by_name[f"add_section_{kind}"].trigger())
    added = after.parts[0].sections[1]
    assert (added.title, added.kind) == ("新标题", kind)
    assert (added.statistics is not None) == (kind is SectionKind.STATISTICS)


def test_structure_edits(window, monkeypatch):
    _, stats_section, business, *_ = sections(window)
    open_node(window, ("section", business))
    _, after = one_step(window, lambda: window.actions_by_name["add_subsection_text"].trigger())
    assert [s.title for s in after.parts[0].sections[1].subsections][:2] == [
        "优化营商环境工作开展情况",
        "新标题",
    ]
    editor = open_node(window, ("section", business))
    one_step(window, lambda: editor.title.setText("优化营商环境"))
    labels = lambda: [w.text(0) for w in window.outline.entries()]  # noqa: E731
    assert "（一）优化营商环境工作开展情况" in labels()
    redo(window)
    assert "（一）优化营商环境" in labels() and editor.title.text() == "优化营商环境"
    undo(window)
    _, after = one_step(window, lambda: window.actions_by_name["node_down"].trigger())
    assert after.parts[0].sections[1].subsections[1].title == "优化营商环境工作开展情况"
    monkeypatch.setattr(dialogs, "confirm_delete", lambda *a: True)  # it holds items: asked first
    _, after = one_step(window, lambda: window.actions_by_name["delete_node"].trigger())
    assert len(after.parts[0].sections[1].subsections) == 2
    open_node(window, ("section", stats_section))
    _, after = one_step(window, lambda: window.actions_by_name["node_down"].trigger())
    assert after.parts[0].sections[1].title == "省级政务服务事项受理办理情况"


def test_a_second_part(window):
    _, after = one_step(window, lambda: window.actions_by_name["add_part"].trigger())
    assert len(after.parts) == 2 and after.parts[1].sections == []
    window.actions_by_name["redo"].trigger()
    part = window.current_issue().parts[1]
    open_node(window, ("part", part)).title.setText("公共资源交易工作")
    window.actions_by_name["add_section_news"].trigger()
    assert part.title == "公共资源交易工作" and part.sections[0].kind is SectionKind.NEWS
    labels = [window.outline.topLevelItem(i).text(0) for i in range(window.outline.topLevelItemCount())]
    assert labels[2] == "公共资源交易工作（8月22日—8月26日）"
    assert window.outline.topLevelItem(2).child(0).text(0) == "一、新标题"


def test_a_statistics_section_without_figures_gets_them_as_an_undoable_edit(window):
    _, stats_section, *_ = sections(window)
    stats_section.statistics = None  # as a hand-made file may have it
    window.document.notify(structure=True)
    editor = open_node(window, ("section", stats_section))
    assert stats_section.statistics is not None and editor.figures["licensing.accepted"].value() == 0
    undo(window)
    assert stats_section.statistics is None
