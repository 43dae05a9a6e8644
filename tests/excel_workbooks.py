"""Statistics workbooks in the layouts met in practice, built with openpyxl, and LibreOffice re-saving.

Every layout holds the figures of the printed 2022 No. 28 issue (FIGURES) and knows the
cell each figure must be read from.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bulletin_editor.model import Counts, Figures

FIGURES = Figures(Counts(588929, 583751), Counts(19317532, 7089617), Counts(48374, 49103))
VALUES = {
    ("licensing", "accepted"): 588929,
    ("licensing", "completed"): 583751,
    ("public_service", "accepted"): 19317532,
    ("public_service", "completed"): 7089617,
    ("other_powers", "accepted"): 48374,
    ("other_powers", "completed"): 49103,
}
ORDER = list(VALUES)


def _sources(sheet: str, cells: list[str]) -> dict:
    return {key: f"{sheet}!{cell}" for key, cell in zip(ORDER, cells)}


def rows_plain():
    """Categories down the rows on the second sheet, under a title, with 合计 and 办结率."""
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本表由政务服务平台导出"
    ws = wb.create_sheet("数据")
    ws["A1"] = "2022年省本级政务服务事项办件统计表"
    ws["A2"] = "统计时间：2022年1月1日至8月26日"
    ws.append([])
    ws.append(["序号", "事项类别", "受理量", "办结量", "办结率"])
    ws.append([1, "行政许可事项", 588929, 583751, 0.99])
    ws.append([2, "公共服务事项", 19317532, 7089617, 0.37])
    ws.append([3, "其它九类行权事项", 48374, 49103, 1.01])
    ws.append(["", "合计", 19954835, 7722471, 0.39])
    return wb, _sources("数据", ["C5", "D5", "C6", "D6", "C7", "D7"])


def rows_merged_header():
    """办件量 merged over 受理/办结; figures as text with commas, spaces, full-width digits."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.merge_cells("A1:E1")
    ws["A1"] = "省级政务服务事项受理办理情况"
    ws.merge_cells("A3:A4")
    ws["A3"] = "事项类别"
    ws.merge_cells("B3:C3")
    ws["B3"] = "办件量"
    ws["B4"], ws["C4"] = "受理件数", "办结件数（件）"
    ws.merge_cells("D3:D4")
    ws["D3"] = "办结率"
    rows = [
        ("1.行政许可", "588,929", "583 751"),
        ("2.公共服务", "１９３１７５３２", "7,089,617"),
        ("3.其他九类行政权力事项", 48374, 49103),
    ]
    for row, (label, accepted, completed) in enumerate(rows, start=5):
        ws[f"A{row}"], ws[f"B{row}"], ws[f"C{row}"] = label, accepted, completed
        ws[f"D{row}"] = f"=IFERROR(C{row}/B{row},0)"  # a rate formula: never a figure
    ws["A8"], ws["B8"], ws["C8"] = "合计", "=SUM(B5:B7)", "=SUM(C5:C7)"
    return wb, _sources("Sheet1", ["B5", "C5", "B6", "C6", "B7", "C7"])


def columns_nested():
    """Categories across the columns, each merged over its 受理/办结 columns, data in one row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = "办件情况汇总"
    ws.merge_cells("A3:A4")
    ws["A3"] = "统计范围"
    heads = [
        ("B3:C3", "行政许可类"),
        ("D3:E3", "公共服务事项"),
        ("F3:G3", "其它九类行权事项"),
        ("H3:I3", "合计"),
    ]
    for cells, text in heads:
        ws.merge_cells(cells)
        ws[cells.split(":")[0]] = text
    for column in "BDFH":
        ws[f"{column}4"] = "受理量"
    for column in "CEGI":
        ws[f"{column}4"] = "办结量"
    ws.append(["省本级", 588929, 583751, 19317532, 7089617, 48374, 49103, 19954835, 7722471])
    return wb, _sources("汇总", ["B5", "C5", "D5", "E5", "F5", "G5"])


def columns_measures_down():
    """Categories across the columns, 受理/办结 down the rows, with a 办结率 row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "周报"
    ws.append(["省本级办件统计"])
    ws.append(["指标", "行政许可事项", "公共服务事项", "其它九类行权事项", "合计"])
    ws.append(["累计受理", 588929, 19317532, 48374, 19954835])
    ws.append(["累计办结", 583751, 7089617, 49103, 7722471])
    ws.append(["办结率", 0.99, 0.37, 1.01, 0.39])
    return wb, _sources("周报", ["B3", "B4", "C3", "C4", "D3", "D4"])


def rows_beside():
    """Each category merged over two rows, 受理 and 办结 beside it, the figure to their right."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "统计"
    ws.append(["事项", "指标", "件数"])
    for row, (label, accepted, completed) in zip(
        (2, 4, 6),
        (
            ("行政许可事项", 588929, 583751),
            ("公共服务事项", 19317532, 7089617),
            ("其它行权事项", 48374, 49103),
        ),
    ):
        ws.merge_cells(f"A{row}:A{row + 1}")
        ws[f"A{row}"] = label
        ws[f"B{row}"], ws[f"C{row}"] = "受理", accepted
        ws[f"B{row + 1}"], ws[f"C{row + 1}"] = "办结", completed
    return wb, _sources("统计", ["C2", "C3", "C4", "C5", "C6", "C7"])


def formulas():
    """Every figure is a formula over a detail sheet: cached only once a spreadsheet program saved it."""
    wb = openpyxl.Workbook()
    detail = wb.active
    detail.title = "明细"
    detail.append(["部门", "许可受理", "许可办结", "服务受理", "服务办结", "其它受理", "其它办结"])
    detail.append(["甲厅", 500000, 500000, 19000000, 7000000, 40000, 40000])
    detail.append(["乙厅", 88929, 83751, 317532, 89617, 8374, 9103])
    ws = wb.create_sheet("汇总")
    ws.append(["类别", "受理", "办结"])
    for _row, (label, first) in enumerate((("行政许可", "B"), ("公共服务", "D"), ("其它九类", "F")), start=2):
        second = chr(ord(first) + 1)
        ws.append([label, f"=SUM(明细!{first}2:{first}3)", f"=SUM(明细!{second}2:{second}3)"])
    return wb, _sources("汇总", ["B2", "C2", "B3", "C3", "B4", "C4"])


def flat_list():
    """Each label names category and measure; the figure stands beside it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "本周"
    ws.append(["省本级办件数据（截至8月26日）"])
    labels = [
        "行政许可事项受理量",
        "行政许可事项办结量",
        "公共服务受理件数",
        "公共服务办结件数",
        "其它九类行权事项受理",
        "其它九类行权事项累计办结",
    ]
    for label, key in zip(labels, ORDER):
        ws.append([label, VALUES[key], "件"])
    return wb, _sources("本周", ["B2", "B3", "B4", "B5", "B6", "B7"])


def flat_row():
    """Combined labels as column headers over a single row of figures, with a 合计 column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "导出"
    ws.append(
        [
            "单位",
            "行政许可受理",
            "行政许可办结",
            "公共服务受理",
            "公共服务办结",
            "其他九类行政权力受理",
            "其他九类行政权力办结",
            "合计",
        ]
    )
    ws.append(["省本级", *VALUES.values(), sum(VALUES.values())])
    return wb, _sources("导出", ["B2", "C2", "D2", "E2", "F2", "G2"])


WEEK = (4321, 4100, 120000, 98000, 300, 310)  # this week's figures, beside the year's


def week_and_year(across: bool = False):
    """Two tables side by side under merged headings 本周 and 本年累计 (an ambiguous workbook: the
    user must choose); `across` puts the categories across the columns and the headings down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "办件"
    grid = [
        ["2022年第35周办件统计"],
        ["事项类别", "本周", None, "本年累计", None],
        [None, "受理", "办结", "受理", "办结"],
    ]
    labels = ["行政许可事项", "公共服务事项", "其它九类行权事项"]
    for n, label in enumerate(labels):
        grid.append([label, *WEEK[2 * n : 2 * n + 2], *(VALUES[key] for key in ORDER[2 * n : 2 * n + 2])])
    if across:
        grid = [grid[0]] + [list(line) for line in zip(*[row + [None] * (5 - len(row)) for row in grid[1:]])]
    for row in grid:
        ws.append(row)
    first, second = ("B2:C2", "D2:E2") if not across else ("A3:A4", "A5:A6")
    ws.merge_cells(first)
    ws.merge_cells(second)
    return wb


def week_over_year():
    """The same two tables one above the other, each under a title line merged across it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "办件"
    titles = ("本周办件情况（8月22日—8月26日）", "本年累计办件情况（1月1日—8月26日）")
    tables = (WEEK, tuple(VALUES[key] for key in ORDER))
    for title, figures in zip(titles, tables):
        ws.append([title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        ws.append(["事项类别", "受理", "办结"])
        for n, label in enumerate(["行政许可事项", "公共服务事项", "其它九类行权事项"]):
            ws.append([label, *figures[2 * n : 2 * n + 2]])
        ws.append([])
    return wb


LAYOUTS = {
    f.__name__: f
    for f in (
        rows_plain,
        rows_merged_header,
        columns_nested,
        columns_measures_down,
        rows_beside,
        formulas,
        flat_list,
        flat_row,
    )
}


def detail_workbook(path: Path, detail_rows: int) -> None:
    """rows_merged_header's table plus a per-department detail sheet as the platform exports it.

    openpyxl saves the summary and an empty detail sheet; the detail rows are then streamed
    into that sheet's part (openpyxl would take minutes for a million rows).
    """
    wb, _ = rows_merged_header()
    wb.create_sheet("明细")
    draft = path.with_suffix(".draft.xlsx")
    wb.save(draft)
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet2.xml":
                with target.open(item.filename, "w", force_zip64=True) as part:
                    _detail_sheet(part, detail_rows)
            else:
                target.writestr(item, source.read(item))
    draft.unlink()


_KINDS = ("行政许可", "公共服务", "其它九类行权事项")


def _detail_sheet(part, rows: int) -> None:
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    header = ("序号", "部门", "事项名称", "事项类型", "受理", "办结", "办结率", "备注")
    part.write(
        ('<row r="1">' + "".join(text(f"{c}1", h) for c, h in zip("ABCDEFGH", header)) + "</row>").encode()
    )
    lines = []
    for n in range(1, rows + 1):
        r = n + 1
        lines.append(
            f'<row r="{r}"><c r="A{r}"><v>{n}</v></c>{text(f"B{r}", f"部门{n % 40}")}'
            f"{text(f'C{r}', f'事项{n}')}{text(f'D{r}', _KINDS[n % 3])}"
            f'<c r="E{r}"><v>{n * 7}</v></c><c r="F{r}"><v>{n * 6}</v></c>'
            f'<c r="G{r}"><v>{6 / 7}</v></c></row>'
        )
        if len(lines) == 10_000:
            part.write("".join(lines).encode())
            lines.clear()
    part.write("".join(lines).encode())
    part.write(b"</sheetData></worksheet>")


def resave_with_libreoffice(
    files: list[Path], outdir: Path, profile: Path, extension: str = "xlsx"
) -> list[Path]:
    """Have LibreOffice Calc open and save each file (as .xlsx, .xls or .ods), as a second real producer."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is required to test workbooks from a second producer")
    outdir.mkdir(parents=True, exist_ok=True)
    # A private profile: other soffice processes on the machine must not lock ours.
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            extension,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = [outdir / f.with_suffix(f".{extension}").name for f in files]
    missing = [f.name for f in converted if not f.exists()]
    if missing:
        pytest.fail(f"LibreOffice did not convert {missing}")
    return converted


def _with(layout, sheet: str, cell: str, value):
    wb, _ = layout()
    wb[sheet][cell] = value
    return wb


# A figure's own cell holding what no figure may be; (workbook, message parts per producer).
BAD_CELLS = {
    "fraction": (
        lambda: _with(rows_plain, "数据", "D6", 7089617.5),
        {"openpyxl": ["数据!D6", "小数"], "libreoffice": ["数据!D6", "小数"]},
    ),
    "negative": (
        lambda: _with(rows_plain, "数据", "C7", -48374),
        {"openpyxl": ["数据!C7", "负数"], "libreoffice": ["数据!C7", "负数"]},
    ),
    "division": (
        lambda: _with(rows_plain, "数据", "C5", "=1/0"),
        {"openpyxl": ["数据!C5", "没有保存计算结果"], "libreoffice": ["数据!C5", "#DIV/0!"]},
    ),
    "formulas": (
        lambda: formulas()[0],
        {"openpyxl": ["汇总!B2", "没有保存计算结果"], "libreoffice": None},
    ),  # None: reads
}

# Files that are no statistics workbook, and what the message must say.
BAD_FILES = {
    "text.xlsx": "不是 Excel 工作簿",
    "zero.xlsx": "空文件",
    "not-a-sheet.xls": "不是 Excel 工作簿",
    "encrypted.xlsx": "工作簿已加密，请先取消密码",
    "damaged.xlsx": "已损坏",
    "document.xlsx": "不是 Excel 工作簿",
    "empty.xlsx": "空的工作簿",
    "no-figures.xlsx": "没有找到统计表",
}


class StatsFiles:
    def __init__(self, root: Path):
        self.root = root
        self.openpyxl: dict[str, Path] = {}
        self.libreoffice: dict[str, Path] = {}
        self.twins: dict[str, dict[str, Path]] = {}  # "xls"/"ods" -> the layouts LibreOffice saved so
        self.bad: dict[str, Path] = {}


def build_stats_files(root: Path) -> StatsFiles:
    files = StatsFiles(root)
    built = root / "openpyxl"
    built.mkdir()
    builders = {name: lambda f=f: f()[0] for name, f in LAYOUTS.items()}
    builders.update({name: make for name, (make, _) in BAD_CELLS.items()})
    for name, make in builders.items():
        files.openpyxl[name] = built / f"{name}.xlsx"
        make().save(files.openpyxl[name])
    profile = root / "lo-profile"
    for path in resave_with_libreoffice(list(files.openpyxl.values()), root / "libreoffice", profile):
        files.libreoffice[path.stem] = path
    for extension in ("xls", "ods"):
        saved = resave_with_libreoffice(list(files.openpyxl.values()), root / extension, profile, extension)
        files.twins[extension] = {path.stem: path for path in saved}
    files.bad.update(_bad_files(root / "bad", files.openpyxl["rows_plain"]))
    return files


def _bad_files(folder: Path, good: Path) -> dict[str, Path]:
    import io
    import zipfile

    from msoffcrypto.format.ooxml import OOXMLFile

    folder.mkdir()
    bad = {name: folder / name for name in BAD_FILES}
    bad["text.xlsx"].write_text("行政许可事项,588929,583751\n", encoding="utf-8")
    bad["zero.xlsx"].write_bytes(b"")
    # The header of an OLE container (what .xls files are) and nothing in it.
    bad["not-a-sheet.xls"].write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with good.open("rb") as plain, bad["encrypted.xlsx"].open("wb") as encrypted:
        OOXMLFile(plain).encrypt("密码123", encrypted)
    bad["damaged.xlsx"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    document = io.BytesIO()
    with zipfile.ZipFile(document, "w") as archive:  # a zip, but no workbook inside
        archive.writestr("word/document.xml", "<w:document/>")
    bad["document.xlsx"].write_bytes(document.getvalue())
    openpyxl.Workbook().save(bad["empty.xlsx"])
    wb = openpyxl.Workbook()
    wb.active.append(["部门", "人数"])
    wb.active.append(["办公室", 12])
    wb.save(bad["no-figures.xlsx"])
    return bad


@pytest.fixture(scope="session")
def stats_files(tmp_path_factory) -> StatsFiles:
    return build_stats_files(tmp_path_factory.mktemp("stats"))


@pytest.fixture
def user_config(tmp_path, monkeypatch) -> Path:
    """A command-line subprocess's config folder inside tmp_path (conftest's user_dirs covers
    this process; a subprocess goes by XDG_CONFIG_HOME)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder
