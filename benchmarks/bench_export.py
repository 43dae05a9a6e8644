"""Export speed: the sample in-process, and the whole `export --sample` process against a
process that only imports python-docx and saves an empty document (alternately, one run).

    python benchmarks/bench_export.py [--runs N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = "import docx, sys; docx.Document().save(sys.argv[1])"


def in_process(runs: int, folder: Path) -> float:
    from bulletin_editor.formats.bulletin import load_sample
    from bulletin_editor.formats.docx.writer import export_docx

    issue = load_sample()
    export_docx(issue, folder / "warm.docx")
    times = []
    for i in range(runs):
        start = time.perf_counter()
        export_docx(issue, folder / f"run{i % 2}.docx")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# An installed program runs from compiled bytecode (pip compiles on install); a machine that
# forbids writing it would time the compiler instead.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_ENV)
    return time.perf_counter() - start


def whole_process(runs: int, folder: Path) -> tuple[float, float]:
    ours = [sys.executable, "-m", "bulletin_editor", "export", "--sample", "-o", str(folder / "p.docx")]
    baseline = [sys.executable, "-c", BASELINE, str(folder / "b.docx")]
    timed(ours), timed(baseline)  # warm the file cache
    ours_times, baseline_times = [], []
    for _ in range(runs):
        ours_times.append(timed(ours))
        baseline_times.append(timed(baseline))
    return statistics.median(ours_times), statistics.median(baseline_times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        median = in_process(args.runs, folder)
        print(
            f"in-process export of the sample: median {median * 1000:.1f} ms over {args.runs} runs (aim < 50 ms)"
        )
        ours, baseline = whole_process(max(5, args.runs // 5), folder)
        print(
            f"export --sample process: {ours * 1000:.0f} ms; python-docx baseline process: "
            f"{baseline * 1000:.0f} ms; ratio {ours / baseline:.2f}x (aim <= 1.5x)"
        )


if __name__ == "__main__":
    main()
