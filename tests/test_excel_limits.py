"""Hostile workbooks are refused with a Chinese message in bounded time and memory, before the
reader builds anything; the import reports progress and can be cancelled."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from excel_workbooks import FIGURES, detail_workbook, rows_plain

from bulletin_editor.errors import BulletinError, Cancelled
from bulletin_editor.formats.excel import package
from bulletin_editor.formats.excel.reader import StatsWorkbook, read_figures

_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_END = b"</sheetData></worksheet>"


@pytest.fixture(autouse=True)
def _private_config(user_config):
    return user_config


def _with_sheet(path: Path, write_sheet) -> Path:
    """rows_plain's workbook with its first sheet (说明) replaced by what `write_sheet` streams."""
    wb, _ = rows_plain()
    draft = path.with_suffix(".draft.xlsx")
    wb.save(draft)
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w", force_zip64=True) as part:
                    write_sheet(part)
            else:
                target.writestr(item, source.read(item))
    return path


def _cell_bomb(part) -> None:
    """Six million cells without references (calamine places them one after another) in 90 KB."""
    part.write(_SHEET)
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    for _ in range(6):
        part.write(row * 1000)
    part.write(_SHEET_END)


def _far_cell(part) -> None:
    """Two cells, at A1 and at the last cell Excel addresses: one dense block of 17 billion."""
    part.write(_SHEET + b'<row r="1"><c r="A1"><v>1</v></c></row>')
    part.write(b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>' + _SHEET_END)


def _far_cell_without_row(part) -> None:
    """The far cell inside the first row element, where only its own reference says where it is."""
    part.write(_SHEET + b'<row r="1"><c r="A1"><v>1</v></c><c r="A1048576"><v>2</v></c>')
    part.write(b'<c r="ZZ1"><v>3</v></c></row>' + _SHEET_END)


def _read_figures_limited(path: Path) -> str:
    """What reading the figures of `path` prints (the refusal, or nothing) in a child process
    capped at 2 GiB of address space beyond the interpreter."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    code = (
        "from bulletin_editor.errors import BulletinError\n"
        "from bulletin_editor.formats.excel.reader import read_figures\n"
        "try:\n"
        f"    read_figures({str(path)!r})\n"
        "except BulletinError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, preexec_fn=cap
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def cell_bomb(tmp_path_factory) -> Path:
    return _with_sheet(tmp_path_factory.mktemp("bomb") / "炸弹.xlsx", _cell_bomb)


@pytest.mark.parametrize("sheet", [_cell_bomb, _far_cell, _far_cell_without_row])
def test_a_workbook_that_would_exhaust_memory_is_refused(tmp_path, sheet, cell_bomb):
    path = cell_bomb if sheet is _cell_bomb else _with_sheet(tmp_path / "炸弹.xlsx", sheet)
    assert path.stat().st_size < 1_000_000
    assert "“炸弹.xlsx”中的数据量超出了本程序能读取的范围" in _read_figures_limited(path)


def test_the_stats_command_refuses_a_cell_bomb_with_one_line(cell_bomb):
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_editor", "stats", str(cell_bomb)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "超出了本程序能读取的范围" in done.stderr
    assert "Traceback" not in done.stderr


def test_more_cells_than_the_limit_are_refused_however_well_they_compress(tmp_path, monkeypatch):
    monkeypatch.setattr(package, "MAX_SHEET_CELLS", 5_000)

    def cells(part) -> None:
        part.write(_SHEET)
        for row in range(1, 1001):
            part.write(
                b'<row r="%d">' % row
                + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c.encode(), row) for c in "ABCDEF")
            )
            part.write(b"</row>")
        part.write(_SHEET_END)

    with pytest.raises(BulletinError, match="超出了本程序能读取的范围"):
        read_figures(_with_sheet(tmp_path / "cells.xlsx", cells))
    monkeypatch.setattr(package, "MAX_SHEET_CELLS", 6_001)
    assert read_figures(tmp_path / "cells.xlsx").figures == FIGURES


def test_a_wide_but_real_sheet_is_still_read(tmp_path):
    """Columns beyond Z in a sheet of 100,000 rows: over the quick bound, within the exact one."""

    def wide(part) -> None:
        part.write(_SHEET + b'<row r="1"><c r="A1"><v>1</v></c><c r="AZ1"><v>2</v></c></row>')
        part.write(b'<row r="100000"><c r="B100000"><v>3</v></c></row>' + _SHEET_END)

    assert read_figures(_with_sheet(tmp_path / "wide.xlsx", wide)).figures == FIGURES


def _with_cached_value(path: Path, cell: str, cached: str) -> Path:
    wb, _ = rows_plain()
    wb.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    sheet = parts["xl/worksheets/sheet2.xml"].decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start) + len("</c>")
    parts["xl/worksheets/sheet2.xml"] = (
        sheet[:start] + f'<c r="{cell}"><v>{cached}</v></c>' + sheet[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("cached", ["1e400", "-1e400", "NaN"])
def test_a_cached_value_beyond_floating_point_is_a_clear_error(tmp_path, cached):
    path = _with_cached_value(tmp_path / "inf.xlsx", "D6", cached)
    with pytest.raises(BulletinError, match=r"公共服务事项办结（数据!D6）的数值超出范围"):
        read_figures(path)


def test_the_stats_command_names_the_cell_of_1e400(tmp_path):
    path = _with_cached_value(tmp_path / "inf.xlsx", "C5", "1e400")
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_editor", "stats", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "行政许可事项受理（数据!C5）的数值超出范围" in done.stderr


def _ods(path: Path, table: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
            ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/"'
            ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        package.writestr(
            "content.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
            b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
            b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            b"<office:body><office:spreadsheet>" + table + b"</office:spreadsheet></office:body>"
            b"</office:document-content>",
        )
    return path


def test_an_ods_repeating_a_value_over_every_cell_is_refused(tmp_path):
    path = _ods(
        tmp_path / "repeat.ods",
        b'<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1048576">'
        b'<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
        b"<text:p>1</text:p></table:table-cell></table:table-row></table:table>",
    )
    assert "超出了本程序能读取的范围" in _read_figures_limited(path)


def test_an_ods_with_the_empty_rest_of_a_sheet_repeated_is_read(tmp_path):
    """LibreOffice writes the unused rest of every sheet as one repeated empty row: no bomb."""
    cells = b"".join(
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
        b'<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p></table:table-cell>'
        b'<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p></table:table-cell>'
        b"</table:table-row>" % (label.encode(), a, a, c, c)
        for label, a, c in (
            ("行政许可", 588929, 583751),
            ("公共服务", 19317532, 7089617),
            ("其它九类行权事项", 48374, 49103),
        )
    )
    header = (
        '<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>受理</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>办结</text:p>'
        "</table:table-cell></table:table-row>"
    ).encode()
    rest = (
        b'<table:table-row table:number-rows-repeated="1048572">'
        b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    path = _ods(
        tmp_path / "plain.ods",
        '<table:table table:name="表">'.encode() + header + cells + rest + b"</table:table>",
    )
    assert read_figures(path).figures == FIGURES


def test_progress_is_reported_and_cancelling_stops_the_read(tmp_path):
    path = tmp_path / "detail.xlsx"
    detail_workbook(path, 20_000)
    reported: list[float] = []
    StatsWorkbook(path, reported.append)
    assert reported == sorted(reported) and reported[-1] == 1.0 and len(reported) > 3

    def cancel_midway(fraction: float) -> None:
        if fraction > 0.3:
            raise Cancelled

    with pytest.raises(Cancelled):
        StatsWorkbook(path, cancel_midway)


def test_damaged_compressed_bytes_are_a_clear_error(tmp_path):
    """A byte changed inside a sheet's deflate stream (found by the fuzz suite)."""
    good = tmp_path / "good.xlsx"
    rows_plain()[0].save(good)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as package:
        sheet = package.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra)
    for offset in range(start + 4, start + sheet.compress_size - 4, 7):
        broken = bytearray(data)
        broken[offset] ^= 0xFF
        path = tmp_path / "broken.xlsx"
        path.write_bytes(bytes(broken))
        try:
            read_figures(path)
        except BulletinError:
            pass  # refused with a message, or read: never another exception
