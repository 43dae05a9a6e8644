"""The Excel import dialog, driven as a user drives it (offscreen, pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from excel_workbooks import (
    BAD_FILES,
    FIGURES,
    ORDER,
    VALUES,
    detail_workbook,
    rows_plain,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from bulletin_editor.model import Counts, Figures, SectionKind
from bulletin_editor.ui import stats_import_dialog
from bulletin_editor.ui.stats_import_dialog import StatsImportDialog, ask_figures

PREVIOUS = Figures(Counts(580000, 575000), Counts(19000000, 7100000), Counts(48000, 49000))


@pytest.fixture(autouse=True)
def _private_config(user_config):
    return user_config


@pytest.fixture
def part(sample_issue):
    return sample_issue.parts[0]


@pytest.fixture
def dialog(qtbot, part):
    dialog = StatsImportDialog(None, PREVIOUS, part)
    qtbot.addWidget(dialog)
    return dialog


def _column(dialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_shows_figures_sources_previous_change_and_sentence(dialog, stats_files):
    dialog.load_file(stats_files.libreoffice["rows_merged_header"])
    assert dialog.reading.figures == FIGURES
    assert _column(dialog, 1) == ["588,929", "583,751", "19,317,532", "7,089,617", "48,374", "49,103"]
    assert _column(dialog, 2) == [
        "Sheet1!B5",
        "Sheet1!C5",
        "Sheet1!B6",
        "Sheet1!C6",
        "Sheet1!B7",
        "Sheet1!C7",
    ]
    assert _column(dialog, 3) == ["580,000", "575,000", "19,000,000", "7,100,000", "48,000", "49,000"]
    assert _column(dialog, 4) == ["+8,929", "+8,751", "+317,532", "-10,383", "+374", "+103"]
    assert dialog.table.item(3, 4).foreground().color().name() == "#ff0000"
    assert "公共服务事项办结比上期少" in dialog.message.text()
    assert dialog.sentence.text() == (
        "据四川一体化政务服务平台数据统计，2022年1月1日至2022年8月26日，"
        "省本级行政许可事项受理588929件，办结583751件；公共服务事项受理19317532件，办结7089617件，"
        "其它九类行权事项受理48374件，累计办结49103件。"
    )
    assert dialog.apply_button.isEnabled()


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_show_the_message_and_cannot_be_applied(dialog, stats_files, name):
    dialog.load_file(stats_files.bad[name])
    assert BAD_FILES[name] in dialog.message.text()
    assert dialog.reading is None
    assert not dialog.apply_button.isEnabled()
    assert _column(dialog, 1) == [""] * 6


def test_a_bad_figure_cell_is_shown(dialog, stats_files):
    dialog.load_file(stats_files.openpyxl["formulas"])
    assert "汇总!B2" in dialog.message.text() and "没有保存计算结果" in dialog.message.text()
    assert not dialog.apply_button.isEnabled()


def test_a_locked_file_is_shown(dialog, stats_files, monkeypatch):
    def locked(self):
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "read_bytes", locked)
    dialog.load_file(stats_files.openpyxl["rows_plain"])
    assert "占用" in dialog.message.text() and not dialog.apply_button.isEnabled()


def test_two_tables_make_the_user_choose(dialog, tmp_path):
    wb, _ = rows_plain()
    copy = wb.copy_worksheet(wb["数据"])
    copy.title = "上周"
    copy["C5"] = 500000
    wb.save(tmp_path / "two.xlsx")
    dialog.load_file(tmp_path / "two.xlsx")
    assert dialog.candidate_row.isVisibleTo(dialog)
    assert not dialog.apply_button.isEnabled()
    assert [dialog.candidate_box.itemText(i) for i in range(3)] == [
        "（请选择）",
        "“统计时间：2022年1月1日至8月26日” 数据!C5:D7（行政许可事项受理 588,929 件）",
        "“统计时间：2022年1月1日至8月26日” 上周!C5:D7（行政许可事项受理 500,000 件）",
    ]
    dialog.candidate_box.setCurrentIndex(2)
    assert dialog.reading.figures.licensing.accepted == 500000
    assert dialog.table.item(0, 2).text() == "上周!C5"
    dialog.candidate_box.setCurrentIndex(1)
    assert dialog.reading.figures == FIGURES and dialog.apply_button.isEnabled()


def _unlabelled(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "我的表"
    for row, key in enumerate(ORDER, start=2):
        wb.active.cell(row, 4, VALUES[key])
    wb.save(path)


def test_picking_cells_by_hand_reads_and_remembers_them(qtbot, dialog, tmp_path, part):
    _unlabelled(tmp_path / "own.xlsx")
    dialog.load_file(tmp_path / "own.xlsx")
    assert "没有找到统计表" in dialog.message.text()
    assert dialog.pick_box.isVisibleTo(dialog) and not dialog.apply_button.isEnabled()
    for row, key in enumerate(ORDER, start=2):
        assert dialog.pick_sheets[key].currentText() == "我的表"
        dialog.pick_cells[key].setText(f"$d{row}")
    dialog.pick_cells[ORDER[0]].setText("A1")  # an empty cell first: named, nothing applied
    qtbot.mouseClick(dialog.findChild(type(dialog.apply_button), "read_picked"), Qt.LeftButton)
    assert "我的表!A1" in dialog.message.text() and dialog.reading is None
    dialog.pick_cells[ORDER[0]].setText("D2")
    qtbot.mouseClick(dialog.findChild(type(dialog.apply_button), "read_picked"), Qt.LeftButton)
    assert dialog.reading.figures == FIGURES and dialog.apply_button.isEnabled()
    assert "下次导入时将优先使用" in dialog.message.text()

    assert dialog.table.item(5, 2).text() == "我的表!D7"

    again = StatsImportDialog(None, None, part)  # next time: the remembered cells first
    qtbot.addWidget(again)
    _unlabelled(tmp_path / "next.xlsx")
    again.load_file(tmp_path / "next.xlsx")
    assert again.reading.figures == FIGURES and again.reading.remembered
    assert "按上次手动选择的单元格读取" in again.message.text()
    assert _column(again, 4) == [""] * 6  # no previous issue: no change shown


def test_save_template_from_the_dialog(dialog, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(stats_import_dialog, "ask_template_path", lambda parent: target)
    dialog.save_template()
    assert target.exists() and "已保存" in dialog.message.text()
    dialog.load_file(target)
    assert "统计!B4）是空的" in dialog.message.text()


def _run_dialog(monkeypatch, path: Path | None, press_apply: bool):
    shown = []

    def exec_(self):
        shown.append(self.message.text())
        if press_apply and self.apply_button.isEnabled():
            self.apply_button.click()
        else:
            self.reject()
        return self.result()

    monkeypatch.setattr(stats_import_dialog, "ask_open_workbook", lambda parent: path)
    monkeypatch.setattr(StatsImportDialog, "exec", exec_)
    return shown


def test_ask_figures_returns_the_figures_on_apply(qtbot, monkeypatch, stats_files, part):
    _run_dialog(monkeypatch, stats_files.libreoffice["columns_measures_down"], press_apply=True)
    assert ask_figures(None, PREVIOUS, part) == FIGURES


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_ask_figures_with_a_bad_file_shows_why_and_returns_none(qtbot, monkeypatch, stats_files, part, name):
    shown = _run_dialog(monkeypatch, stats_files.bad[name], press_apply=True)
    assert ask_figures(None, PREVIOUS, part) is None
    assert BAD_FILES[name] in shown[0]


def test_ask_figures_cancelled_file_choice_returns_none(qtbot, monkeypatch, part):
    shown = _run_dialog(monkeypatch, None, press_apply=True)
    assert ask_figures(None, PREVIOUS, part) is None and shown == []


def test_hand_edited_sentence_is_pointed_out(qtbot, sample_issue, stats_files):
    part = sample_issue.parts[0]
    section = next(s for s in part.sections if s.kind == SectionKind.STATISTICS)
    section.statistics.sentence_override = "手工写的统计句。"
    dialog = StatsImportDialog(None, None, part)
    qtbot.addWidget(dialog)
    dialog.load_file(stats_files.openpyxl["rows_plain"])
    assert "588929" in dialog.sentence.text() and "已手工修改" in dialog.sentence.text()
    assert dialog.message.text() == ""


def test_in_the_editor_apply_is_one_undoable_edit_and_bad_files_change_nothing(
    editor_window, monkeypatch, stats_files, tmp_path
):
    import copy

    from bulletin_editor.formats.bulletin import load_sample

    window = editor_window
    window.open_issue(load_sample())
    stats_section = window.current_issue().parts[0].sections[0]
    assert window.outline.select_key(("section", stats_section))
    editor = window.editor
    undo_stack = window.document.undo_stack
    before = copy.deepcopy(window.current_issue())
    for name in ("not-a-sheet.xls", "encrypted.xlsx", "damaged.xlsx", "no-figures.xlsx"):
        shown = _run_dialog(monkeypatch, stats_files.bad[name], press_apply=True)
        editor.import_button.click()
        assert BAD_FILES[name] in shown[0]
        assert window.current_issue() == before and undo_stack.index() == 0

    wb, _ = rows_plain()
    wb["数据"]["C5"] = 600000
    wb.save(tmp_path / "next-week.xlsx")
    _run_dialog(monkeypatch, tmp_path / "next-week.xlsx", press_apply=True)
    editor.import_button.click()
    assert stats_section.statistics.figures.licensing == Counts(600000, 583751)
    assert undo_stack.index() == 1
    assert "省本级行政许可事项受理600000件" in editor.sentence.toPlainText()
    undo_stack.undo()
    assert window.current_issue() == before


def test_picking_cells_by_clicking_them_in_the_sheet(qtbot, dialog, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    ws = wb.create_sheet("数字")
    for row, key in enumerate(ORDER, start=3):
        ws.cell(row, 2, f"第{row}行")
        ws.cell(row, 3, VALUES[key])
    wb.save(tmp_path / "click.xlsx")
    dialog.load_file(tmp_path / "click.xlsx")
    assert dialog.pick_box.isVisibleTo(dialog)
    dialog.preview_sheet.setCurrentText("数字")
    assert dialog.preview.item(2, 1).text() == "第3行"
    assert dialog.preview.horizontalHeaderItem(2).text() == "C"
    for row in range(2, 8):  # each click fills the checked figure and moves to the next
        item = dialog.preview.item(row, 2)
        qtbot.mouseClick(
            dialog.preview.viewport(), Qt.LeftButton, pos=dialog.preview.visualItemRect(item).center()
        )
    assert [dialog.pick_cells[key].text() for key in ORDER] == ["C3", "C4", "C5", "C6", "C7", "C8"]
    assert {dialog.pick_sheets[key].currentText() for key in ORDER} == {"数字"}
    dialog.read_picked()
    assert dialog.reading.figures == FIGURES
    assert dialog.table.item(0, 2).text() == "数字!C3"


def test_remembered_cells_that_disagree_with_the_labels_are_offered_not_used(dialog, stats_files):
    from bulletin_editor.formats.excel.reader import CellRef, remember_cells

    remember_cells(
        {key: CellRef("数据", cell) for key, cell in zip(ORDER, ["A5", "A6", "A7", "C8", "D8", "C5"])}
    )
    dialog.load_file(stats_files.openpyxl["rows_plain"])
    assert dialog.reading is None and not dialog.apply_button.isEnabled()
    assert dialog.candidate_box.itemText(1) == "上次手动选择的单元格 数据!A5:D8（行政许可事项受理 1 件）"
    dialog.candidate_box.setCurrentIndex(2)
    assert dialog.reading.figures == FIGURES


def test_reading_runs_off_the_gui_thread_and_can_be_cancelled(dialog, tmp_path):
    path = tmp_path / "detail.xlsx"
    detail_workbook(path, 30_000)
    ticks = []

    def press_cancel() -> None:
        ticks.append(1)
        for progress in dialog.findChildren(QProgressDialog):
            progress.findChild(QPushButton).click()  # 取消, as the user presses it

    timer = QTimer(dialog)
    timer.timeout.connect(press_cancel)
    timer.start(20)
    dialog.load_file(path)
    timer.stop()
    assert ticks  # the GUI thread ran its timers while the workbook was being read
    assert dialog.message.text() == "已取消读取。"
    assert dialog.reading is None and dialog.workbook is None and not dialog.apply_button.isEnabled()
    dialog.load_file(path)  # and a read left alone finishes
    assert dialog.reading.figures == FIGURES


@pytest.mark.parametrize("across", [False, True], ids=["headings-above", "headings-before"])
def test_the_choice_between_tables_shows_each_tables_heading_and_place(qtbot, dialog, tmp_path, across):
    from excel_workbooks import WEEK, week_and_year

    week_and_year(across).save(tmp_path / "本周和累计.xlsx")
    dialog.show()
    dialog.load_file(tmp_path / "本周和累计.xlsx")
    places = ("办件!C3:E4", "办件!C5:E6") if across else ("办件!B4:C6", "办件!D4:E6")
    assert [dialog.candidate_box.itemText(i) for i in range(3)] == [
        "（请选择）",
        f"“本周” {places[0]}（行政许可事项受理 {WEEK[0]:,} 件）",
        f"“本年累计” {places[1]}（行政许可事项受理 588,929 件）",
    ]
    # The hint names the box and the box is below it, where the hint says.
    assert "下面的“要用的表格”" in dialog.message.text()
    label = dialog.candidate_row.findChild(QLabel)
    assert label.text() == "要用的表格："
    assert dialog.candidate_row.y() > dialog.message.y() and dialog.candidate_row.isVisible()
    assert dialog.focusWidget() is dialog.candidate_box
    dialog.candidate_box.setCurrentIndex(2)
    assert dialog.reading.figures == FIGURES


def test_the_command_lines_ambiguity_message_names_the_headings(tmp_path):
    from excel_workbooks import week_and_year

    from bulletin_editor.formats.excel.reader import AmbiguousFigures, read_figures

    week_and_year().save(tmp_path / "本周和累计.xlsx")
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(tmp_path / "本周和累计.xlsx")
    assert "1) “本周” 办件!B4:C6；2) “本年累计” 办件!D4:E6" in str(raised.value)


def test_tables_one_above_the_other_are_told_apart_by_their_title_lines(dialog, tmp_path):
    from excel_workbooks import WEEK, week_over_year

    week_over_year().save(tmp_path / "上下两表.xlsx")
    dialog.load_file(tmp_path / "上下两表.xlsx")
    assert [dialog.candidate_box.itemText(i) for i in (1, 2)] == [
        f"“本周办件情况（8月22日—8月26日）” 办件!B3:C5（行政许可事项受理 {WEEK[0]:,} 件）",
        "“本年累计办件情况（1月1日—8月26日）” 办件!B9:C11（行政许可事项受理 588,929 件）",
    ]
