"""Importing the statistics figures against openpyxl merely loading the same workbook.

The two are timed alternately in one run, so the machine's load affects both alike; the
ratio of their medians is printed (aim: at most 1.2). Run: python benchmarks/bench_excel_import.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from excel_workbooks import FIGURES, rows_merged_header

from bulletin_editor.formats.excel.reader import read_figures

ROUNDS = 15


def _workbook(path: Path, detail_rows: int) -> None:
    """The summary table, plus a per-department detail sheet as the platform exports it."""
    wb, _ = rows_merged_header()
    detail = wb.create_sheet("明细")
    detail.append(["序号", "部门", "事项名称", "事项类型", "受理", "办结", "办结率", "备注"])
    kinds = ("行政许可", "公共服务", "其它九类行权事项")
    for n in range(1, detail_rows + 1):
        detail.append([n, f"部门{n % 40}", f"事项{n}", kinds[n % 3], n * 7, n * 6, 6 / 7, ""])
    wb.save(path)


def _time(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for detail_rows in (0, 2000):
            path = Path(folder) / f"stats-{detail_rows}.xlsx"
            _workbook(path, detail_rows)
            assert read_figures(path).figures == FIGURES  # the import really finds them
            imports, loads = [], []
            for _ in range(ROUNDS):
                loads.append(_time(lambda path=path: openpyxl.load_workbook(path, data_only=True)))
                imports.append(_time(lambda path=path: read_figures(path)))
            ratio = statistics.median(imports) / statistics.median(loads)
            print(
                f"{detail_rows:5d} detail rows: import {statistics.median(imports) * 1000:7.1f} ms, "
                f"openpyxl load {statistics.median(loads) * 1000:7.1f} ms, ratio {ratio:.2f}x "
                f"({'within' if ratio <= 1.2 else 'OVER'} 1.2x)"
            )


if __name__ == "__main__":
    main()
