"""`bulletin-editor stats` and `stats-template`, run as the user runs them: a separate process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from excel_workbooks import (
    BAD_CELLS,
    BAD_FILES,
    LAYOUTS,
    ORDER,
    VALUES,
    rows_plain,
)

from bulletin_editor.cli import main


@pytest.fixture(autouse=True)
def _private_config(user_config):
    return user_config


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bulletin_editor", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _expected_json(layout: str) -> dict:
    sources = LAYOUTS[layout]()[1]
    document = {
        c: {m: VALUES[c, m] for m in ("accepted", "completed")}
        for c in ("licensing", "public_service", "other_powers")
    }
    document["source"] = {
        c: {m: sources[c, m] for m in ("accepted", "completed")}
        for c in ("licensing", "public_service", "other_powers")
    }
    return document


@pytest.mark.parametrize(
    "producer, layout",
    [("openpyxl", "rows_merged_header"), ("libreoffice", "columns_nested"), ("libreoffice", "formulas")],
)
def test_json_is_exactly_the_figures_and_their_cells(stats_files, producer, layout):
    result = run("stats", getattr(stats_files, producer)[layout], "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == _expected_json(layout)
    assert list(json.loads(result.stdout)) == ["licensing", "public_service", "other_powers", "source"]


def test_plain_output_lists_each_figure_with_its_cell(stats_files):
    result = run("stats", stats_files.openpyxl["rows_plain"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "行政许可事项受理\t588,929\t数据!C5"
    assert lines[5] == "其它九类行权事项办结\t49,103\t数据!D7"
    assert len(lines) == 6


def _assert_one_line_error(result: subprocess.CompletedProcess, *parts: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("bulletin-editor: ")
    for part in parts:
        assert part in result.stderr


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_fail_with_one_clear_line(stats_files, name):
    _assert_one_line_error(run("stats", stats_files.bad[name], "--json"), BAD_FILES[name])


@pytest.mark.parametrize("name", ["fraction", "negative", "division", "formulas"])
def test_a_bad_figure_cell_fails_naming_it(stats_files, name):
    _assert_one_line_error(run("stats", stats_files.openpyxl[name]), *BAD_CELLS[name][1]["openpyxl"])


def test_two_tables_fail_listing_the_candidates(tmp_path):
    wb, _ = rows_plain()
    copy = wb.copy_worksheet(wb["数据"])
    copy.title = "数据 (2)"
    wb.save(tmp_path / "two.xlsx")
    _assert_one_line_error(run("stats", tmp_path / "two.xlsx"), "2 个表格", "数据!C5:D7", "数据 (2)!C5:D7")


def test_a_locked_file_fails_with_one_line(stats_files, monkeypatch, capsys):
    def locked(self):
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "read_bytes", locked)
    assert main(["stats", str(stats_files.openpyxl["rows_plain"]), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "占用" in captured.err


def test_a_missing_file_fails(tmp_path):
    _assert_one_line_error(run("stats", tmp_path / "无.xlsx"), "找不到文件")


def test_stats_template_writes_a_workbook_that_reads_back(tmp_path):
    target = tmp_path / "模板.xlsx"
    assert run("stats-template", "-o", target).returncode == 0
    _assert_one_line_error(run("stats", target), "统计!B4", "是空的")
    wb = openpyxl.load_workbook(target)
    for row, key in zip((4, 4, 5, 5, 6, 6), ORDER):
        wb["统计"][f"{'B' if key[1] == 'accepted' else 'C'}{row}"] = VALUES[key]
    wb.save(target)
    result = run("stats", target, "--json")
    assert json.loads(result.stdout)["public_service"] == {"accepted": 19317532, "completed": 7089617}


def test_stats_template_into_a_missing_folder_fails_cleanly(tmp_path):
    _assert_one_line_error(run("stats-template", "-o", tmp_path / "无此文件夹" / "t.xlsx"), "不存在")
