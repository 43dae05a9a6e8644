"""The statistics reader on real workbooks from two producers: openpyxl and LibreOffice Calc."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from excel_workbooks import (
    BAD_CELLS,
    BAD_FILES,
    FIGURES,
    LAYOUTS,
    ORDER,
    VALUES,
    rows_plain,
)

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.excel.reader import (
    AmbiguousFigures,
    CellRef,
    FiguresNotFound,
    StatsWorkbook,
    describe,
    read_figures,
    remember_cells,
    remembered_cells,
)
from bulletin_editor.formats.excel.template import write_template
from bulletin_editor.storage.settings import setting_path

PRODUCERS = ("openpyxl", "libreoffice")


@pytest.fixture(autouse=True)
def _private_config(user_config):
    return user_config


def _sources(reading) -> dict:
    return {key: str(ref) for key, ref in reading.sources.items()}


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name != "formulas"])
def test_each_layout_yields_the_six_figures_and_their_cells(stats_files, producer, layout):
    reading = read_figures(getattr(stats_files, producer)[layout])
    assert reading.figures == FIGURES
    assert _sources(reading) == LAYOUTS[layout]()[1]
    assert not reading.remembered


def test_cached_formula_values_are_read(stats_files):
    reading = read_figures(stats_files.libreoffice["formulas"])
    assert reading.figures == FIGURES
    assert _sources(reading) == LAYOUTS["formulas"]()[1]


@pytest.mark.parametrize(
    "name, producer",
    [
        (name, producer)
        for name, (_, expected) in BAD_CELLS.items()
        for producer in PRODUCERS
        if expected[producer] is not None
    ],
)  # LibreOffice caches formula results: those read fine
def test_a_bad_figure_cell_is_an_error_naming_sheet_and_cell(stats_files, producer, name):
    expected = BAD_CELLS[name][1][producer]
    with pytest.raises(BulletinError) as raised:
        read_figures(getattr(stats_files, producer)[name])
    for part in expected:
        assert part in str(raised.value)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_raise_a_clear_chinese_error(stats_files, name):
    with pytest.raises(BulletinError, match=BAD_FILES[name]):
        read_figures(stats_files.bad[name])


def test_no_figures_is_its_own_error_so_the_dialog_offers_picking(stats_files):
    with pytest.raises(FiguresNotFound):
        read_figures(stats_files.bad["no-figures.xlsx"])


def test_a_locked_file_says_so(stats_files, monkeypatch):
    def locked(self):
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "read_bytes", locked)
    with pytest.raises(BulletinError, match="占用"):
        read_figures(stats_files.openpyxl["rows_plain"])


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(BulletinError, match="找不到文件"):
        read_figures(tmp_path / "没有这个文件.xlsx")


def _table(ws, labels, values, top=1):
    """Categories down column A with the given header labels."""
    category, accepted, completed = labels
    ws.cell(top, 1, category)
    ws.cell(top, 2, accepted)
    ws.cell(top, 3, completed)
    for row, (name, (a, c)) in enumerate(values, start=top + 1):
        ws.cell(row, 1, name)
        ws.cell(row, 2, a)
        ws.cell(row, 3, c)


LABEL_VARIANTS = [
    (("类别", "受理", "办结"), ("行政许可", "公共服务", "其它九类行权事项")),
    (("类别", "受理量", "办结量"), ("行政许可事项", "公共服务事项", "其他九类行权事项")),
    (("类别", "受理件数", "办结件数"), ("省本级行政许可事项", "公共服务类", "其它九类行政权力事项")),
    (
        ("类别", "累计受理（件）", "累计办结（件）"),
        ("（一）行政许可", "（二）公共服务", "（三）其他行政权力事项"),
    ),
    (("类别", " 受 理 数 ", "已办结"), ("一、行政许可事项", "二、公共服务事项", "三、其它九类")),
]


@pytest.mark.parametrize("headers, categories", LABEL_VARIANTS)
def test_label_variants(tmp_path, headers, categories):
    wb = openpyxl.Workbook()
    _table(wb.active, headers, zip(categories, [(1, 2), (3, 4), (5, 6)]))
    wb.save(tmp_path / "v.xlsx")
    reading = read_figures(tmp_path / "v.xlsx")
    assert reading.to_json()["licensing"] == {"accepted": 1, "completed": 2}
    assert reading.to_json()["other_powers"] == {"accepted": 5, "completed": 6}


@pytest.mark.parametrize("text", ["未办结", "办结率", "受理办结情况", "其它", "其他事项", "按时办结率"])
def test_lookalike_labels_are_not_measures(tmp_path, text):
    wb = openpyxl.Workbook()
    _table(wb.active, ("类别", "受理", text), zip(("行政许可", "公共服务", "其它九类"), [(1, 2)] * 3))
    wb.save(tmp_path / "v.xlsx")
    with pytest.raises(FiguresNotFound):
        read_figures(tmp_path / "v.xlsx")


@pytest.mark.parametrize(
    "text, number",
    [
        ("601,284", 601284),
        ("601 284", 601284),
        ("６０１２８４", 601284),
        ("６０１，２８４", 601284),
        (" 601284 ", 601284),
        ("601284件", 601284),
        (601284.0, 601284),
    ],
)
def test_numbers_written_as_text(tmp_path, text, number):
    wb = openpyxl.Workbook()
    _table(wb.active, ("类别", "受理", "办结"), zip(("行政许可", "公共服务", "其它九类"), [(text, 0)] * 3))
    wb.save(tmp_path / "n.xlsx")
    assert read_figures(tmp_path / "n.xlsx").figures.public_service.accepted == number


@pytest.mark.parametrize("value, message", [("六十", "不是数字"), (True, "不是数字"), (None, "是空的")])
def test_other_cell_content_is_named(tmp_path, value, message):
    wb = openpyxl.Workbook()
    _table(wb.active, ("类别", "受理", "办结"), zip(("行政许可", "公共服务", "其它九类"), [(1, 2)] * 3))
    wb.active["C3"] = value
    wb.save(tmp_path / "n.xlsx")
    with pytest.raises(BulletinError, match=f"公共服务事项办结（Sheet!C3）.*{message}"):
        read_figures(tmp_path / "n.xlsx")


def _two_tables(path: Path, second_values=(7, 8)):
    wb, _ = rows_plain()
    other = wb.create_sheet("上周")
    _table(
        other, ("类别", "受理", "办结"), zip(("行政许可", "公共服务", "其它九类"), [second_values] * 3), top=3
    )
    wb.save(path)


def test_two_tables_are_ambiguous_and_listed(tmp_path):
    _two_tables(tmp_path / "two.xlsx")
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(tmp_path / "two.xlsx")
    # The first table has no heading of its own: the line above its header names it.
    assert "1) “统计时间：2022年1月1日至8月26日” 数据!C5:D7；2) 上周!B4:C6。" in str(raised.value)
    assert len(raised.value.candidates) == 2
    workbook = StatsWorkbook(tmp_path / "two.xlsx")
    assert workbook.read(raised.value.candidates[0]).figures == FIGURES


def test_a_blank_copy_of_the_table_is_no_rival(tmp_path):
    _two_tables(tmp_path / "blank.xlsx", second_values=(None, None))
    assert read_figures(tmp_path / "blank.xlsx").figures == FIGURES


def test_the_template_reads_back_once_filled(tmp_path):
    write_template(tmp_path / "t.xlsx")
    with pytest.raises(BulletinError, match=r"统计!B4）是空的"):
        read_figures(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for row, category in enumerate(("licensing", "public_service", "other_powers"), start=4):
        wb["统计"][f"B{row}"] = VALUES[category, "accepted"]
        wb["统计"][f"C{row}"] = VALUES[category, "completed"]
    wb.save(tmp_path / "filled.xlsx")
    reading = read_figures(tmp_path / "filled.xlsx")
    assert reading.figures == FIGURES
    assert [str(reading.sources[key]) for key in ORDER] == [
        "统计!B4",
        "统计!C4",
        "统计!B5",
        "统计!C5",
        "统计!B6",
        "统计!C6",
    ]


def test_cells_picked_by_hand_are_remembered_and_tried_first(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自定义"
    for row, key in enumerate(ORDER, start=2):
        ws.cell(row, 1, f"第{row}项")
        ws.cell(row, 2, VALUES[key])
    wb.save(tmp_path / "own.xlsx")
    with pytest.raises(FiguresNotFound):
        read_figures(tmp_path / "own.xlsx")
    picked = {key: CellRef("自定义", f"B{row}") for row, key in enumerate(ORDER, start=2)}
    assert StatsWorkbook(tmp_path / "own.xlsx").read(picked).figures == FIGURES
    remember_cells(picked)
    assert remembered_cells() == picked
    assert setting_path("stats-cells").exists() and setting_path("stats-cells").is_relative_to(tmp_path)
    reading = read_figures(tmp_path / "own.xlsx")
    assert reading.figures == FIGURES and reading.remembered
    assert str(reading.sources["other_powers", "completed"]) == "自定义!B7"


def test_remembered_cells_that_do_not_fit_fall_back_to_labels(stats_files):
    remember_cells({key: CellRef("数据", "A1") for key in ORDER})  # text, not numbers
    reading = read_figures(stats_files.openpyxl["rows_plain"])
    assert reading.figures == FIGURES and not reading.remembered


def test_remembered_cells_never_silently_beat_a_labelled_table(stats_files):
    picked = {
        key: CellRef("数据", cell) for key, cell in zip(ORDER, ["A5", "A6", "A7", "C8", "D8", "C5"])
    }  # other numbers
    remember_cells(picked)
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(stats_files.openpyxl["rows_plain"])
    assert raised.value.candidates[0] == picked
    assert describe(raised.value.candidates[1]) == "数据!C5:D7"


def test_a_far_off_remembered_cell_does_not_slow_the_label_search(stats_files):
    remember_cells({key: CellRef("数据", "XFD1048576") for key in ORDER})
    reading = read_figures(stats_files.openpyxl["rows_plain"])
    assert reading.figures == FIGURES and not reading.remembered


def test_an_unknown_sheet_or_cell_address_is_named(stats_files):
    workbook = StatsWorkbook(stats_files.openpyxl["rows_plain"])
    with pytest.raises(BulletinError, match="没有名为“别处”的工作表"):
        workbook.read({key: CellRef("别处", "B2") for key in ORDER})
    with pytest.raises(BulletinError, match="不是有效的单元格地址"):
        workbook.read({key: CellRef("数据", "第二行") for key in ORDER})
    with pytest.raises(BulletinError, match="“B”不是有效的单元格地址"):
        workbook.read({key: CellRef("数据", "B") for key in ORDER})


def test_xlsm_is_read(tmp_path, stats_files):
    macro = tmp_path / "统计.xlsm"
    macro.write_bytes(stats_files.libreoffice["rows_plain"].read_bytes())
    assert read_figures(macro).figures == FIGURES


@pytest.mark.parametrize("sort_by_kind", [False, True])
def test_a_detail_list_with_a_kind_column_is_no_table(tmp_path, sort_by_kind):
    kinds = ["行政许可", "公共服务", "其它九类行权事项"] * 20
    wb, _ = rows_plain()
    detail = wb.create_sheet("明细")
    detail.append(["事项名称", "事项类型", "受理", "办结"])
    for n, kind in enumerate(sorted(kinds) if sort_by_kind else kinds):
        detail.append([f"事项{n}", kind, n, n])
    wb.save(tmp_path / "detail.xlsx")
    reading = read_figures(tmp_path / "detail.xlsx")
    assert reading.figures == FIGURES and str(reading.sources["licensing", "accepted"]) == "数据!C5"
    del wb["数据"]
    wb.save(tmp_path / "detail-only.xlsx")
    with pytest.raises(FiguresNotFound):
        read_figures(tmp_path / "detail-only.xlsx")


def test_weekly_and_cumulative_side_by_side_are_ambiguous(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.merge_cells("A1:A2")
    ws["A1"] = "事项类别"
    for cells, text in (("B1:C1", "本周"), ("D1:E1", "累计")):
        ws.merge_cells(cells)
        ws[cells[:2]] = text
    for column, text in zip("BCDE", ("受理", "办结") * 2):
        ws[f"{column}2"] = text
    for row, name in enumerate(("行政许可", "公共服务", "其它九类"), start=3):
        for column, value in zip("ABCDE", (name, 10, 9, 1000, 900)):
            ws[f"{column}{row}"] = value
    wb.save(tmp_path / "side.xlsx")
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(tmp_path / "side.xlsx")
    assert "Sheet!B3:C5" in str(raised.value) and "Sheet!D3:E5" in str(raised.value)


def test_one_row_per_department_under_nested_headers_makes_each_row_a_candidate(tmp_path):
    wb, _ = LAYOUTS["columns_nested"]()
    ws = wb["汇总"]
    ws.insert_rows(5, 2)  # two departments above the 省本级 total row
    for row, name in ((5, "甲厅"), (6, "乙厅")):
        ws.cell(row, 1, name)
        for column in range(2, 10):
            ws.cell(row, column, row * 100 + column)
    wb.save(tmp_path / "departments.xlsx")
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(tmp_path / "departments.xlsx")
    assert [describe(c) for c in raised.value.candidates] == ["汇总!B5:G5", "汇总!B6:G6", "汇总!B7:G7"]
    assert StatsWorkbook(tmp_path / "departments.xlsx").read(raised.value.candidates[2]).figures == FIGURES


def test_a_rate_column_beside_the_figures_is_no_candidate(tmp_path):
    wb, _ = LAYOUTS["rows_beside"]()
    ws = wb["统计"]
    ws["D1"] = "办结率"
    for row in range(2, 8):
        ws.cell(row, 4, 0.99)
    wb.save(tmp_path / "rates.xlsx")
    assert read_figures(tmp_path / "rates.xlsx").figures == FIGURES


def test_flat_headers_over_several_rows_are_ambiguous(tmp_path):
    wb, _ = LAYOUTS["flat_row"]()
    wb["导出"].append(["市州", 1, 2, 3, 4, 5, 6, 21])
    wb.save(tmp_path / "flat.xlsx")
    with pytest.raises(AmbiguousFigures) as raised:
        read_figures(tmp_path / "flat.xlsx")
    assert [describe(c) for c in raised.value.candidates] == ["导出!B2:G2", "导出!B3:G3"]


@pytest.mark.parametrize("extension", ["xls", "ods"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_xls_and_ods_twins_give_the_figures_and_cells_of_the_xlsx(stats_files, extension, layout):
    twin = read_figures(stats_files.twins[extension][layout])
    xlsx = read_figures(stats_files.libreoffice[layout])
    assert twin.figures == xlsx.figures == FIGURES
    assert _sources(twin) == _sources(xlsx) == LAYOUTS[layout]()[1]


@pytest.mark.parametrize("extension", ["xls", "ods"])
@pytest.mark.parametrize("name", ["fraction", "negative"])
def test_a_bad_figure_cell_in_xls_and_ods_is_named_as_in_xlsx(stats_files, extension, name):
    with pytest.raises(BulletinError) as raised:
        read_figures(stats_files.twins[extension][name])
    with pytest.raises(BulletinError) as in_xlsx:
        read_figures(stats_files.libreoffice[name])
    assert str(raised.value).replace(stats_files.twins[extension][name].name, "") == str(
        in_xlsx.value
    ).replace(stats_files.libreoffice[name].name, "")


def test_a_wps_et_file_is_read_as_the_xls_it_is(tmp_path, stats_files):
    et = tmp_path / "统计.et"
    et.write_bytes(stats_files.twins["xls"]["rows_plain"].read_bytes())
    assert read_figures(et).figures == FIGURES
