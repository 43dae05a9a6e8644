"""The blank statistics workbook for colleagues who fill the figures in by hand.

Its layout is the one the reader finds most plainly: categories down column A, 受理 and
办结 as column headers, the six figures in B4:C6.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ...model.statistics import CATEGORIES, CATEGORY_NAMES
from ...storage.atomic import atomic_write

SHEET = "统计"
FIGURE_RANGE = "B4:C6"


def template_bytes() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.merge_cells("A1:D1")
    ws["A1"] = "省级政务服务事项受理办理情况统计表"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A2:D2")
    ws["A2"] = "统计时段：自当年1月1日起累计至本期截止日"
    for column, header in zip("ABCD", ("事项类别", "受理（件）", "办结（件）", "办结率")):
        ws[f"{column}3"] = header
        ws[f"{column}3"].font = Font(bold=True)
        ws[f"{column}3"].alignment = Alignment(horizontal="center")
    for row, category in enumerate(CATEGORIES, start=4):
        ws[f"A{row}"] = CATEGORY_NAMES[category]
        for column in "BC":
            ws[f"{column}{row}"].number_format = "#,##0"
        ws[f"D{row}"] = f'=IF(B{row}>0,C{row}/B{row},"")'
        ws[f"D{row}"].number_format = "0.00%"
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="件数有误",
        error="请填写不小于 0 的整数件数",
    )
    whole.add(FIGURE_RANGE)
    ws.add_data_validation(whole)
    ws["A8"] = "填写说明：在 B4:C6 填入自当年1月1日起的累计件数（整数）；请勿改动标题文字。"
    ws.column_dimensions["A"].width = 22
    for column in "BCD":
        ws.column_dimensions[column].width = 14
    stream = io.BytesIO()
    wb.save(stream)
    return stream.getvalue()


def write_template(path: str | Path) -> None:
    atomic_write(path, template_bytes())
