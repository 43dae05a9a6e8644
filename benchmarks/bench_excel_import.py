"""Importing the statistics figures against python-calamine reading the whole workbook.

The workbook is the summary table plus a per-department detail sheet as the platform
exports it, at 0, 100,000 and 1,000,000 detail rows. Each measurement is a fresh process
(time and peak memory), ours and the baseline alternating, so the machine's load affects
both alike; the ratios of the medians are printed (aim: at most 2.0 in time and memory).

    python benchmarks/bench_excel_import.py [--rounds N] [--rows 0,100000,1000000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from excel_workbooks import FIGURES, rows_merged_header

from bulletin_editor.formats.excel.reader import read_figures

OURS = "from bulletin_editor.formats.excel.reader import read_figures; read_figures({path!r})"
CALAMINE = (
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path({path!r})\n"
    "data = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]"
)
_KINDS = ("行政许可", "公共服务", "其它九类行权事项")


def _workbook(path: Path, detail_rows: int) -> None:
    """openpyxl saves the summary and an empty detail sheet; the detail rows are then
    streamed into that sheet's part (openpyxl would take minutes for a million rows)."""
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


def _detail_sheet(part, rows: int) -> None:
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    part.write(
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
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


def _measure(code: str) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one fresh process running `code`."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"benchmark child failed: {code}")
    return elapsed, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rows", default="0,100000,1000000")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for detail_rows in map(int, arguments.rows.split(",")):
            path = Path(folder) / f"stats-{detail_rows}.xlsx"
            _workbook(path, detail_rows)
            assert read_figures(path).figures == FIGURES  # the import really finds them
            ours, theirs = [], []
            for _ in range(arguments.rounds):
                ours.append(_measure(OURS.format(path=str(path))))
                theirs.append(_measure(CALAMINE.format(path=str(path))))
            time_ratio = statistics.median(t for t, _ in ours) / statistics.median(t for t, _ in theirs)
            memory_ratio = statistics.median(m for _, m in ours) / statistics.median(m for _, m in theirs)
            print(
                f"{detail_rows:8,d} detail rows ({path.stat().st_size / 2**20:5.1f} MiB): "
                f"import {statistics.median(t for t, _ in ours):6.2f} s "
                f"{statistics.median(m for _, m in ours) / 2**20:6.0f} MiB; "
                f"calamine full read {statistics.median(t for t, _ in theirs):6.2f} s "
                f"{statistics.median(m for _, m in theirs) / 2**20:6.0f} MiB; "
                f"ratio time {time_ratio:.2f}x, memory {memory_ratio:.2f}x (aim: within 2x)",
                flush=True,
            )


if __name__ == "__main__":
    main()
