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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from excel_workbooks import FIGURES, detail_workbook

from bulletin_editor.formats.excel.reader import read_figures

OURS = "from bulletin_editor.formats.excel.reader import read_figures; read_figures({path!r})"
CALAMINE = (
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path({path!r})\n"
    "data = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]"
)


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
            detail_workbook(path, detail_rows)
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
