"""Proofreading speed: the sample and an issue ten times its size, against building the
printed paragraphs of the same issue (what the preview does on every refresh), alternately
in one run. Aim: the sample in a few milliseconds, so the checks panel can follow typing.

    python benchmarks/bench_proofread.py [--runs N]
"""

import argparse
import copy
import statistics
import time

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import printed_paragraphs
from bulletin_editor.model.proofread import Words, proofread


def ten_times(issue):
    """Every section's items ten times over: about 300 paragraphs instead of 32."""
    big = copy.deepcopy(issue)
    for part in big.parts:
        for section in part.sections:
            for sub in [section, *section.subsections]:
                sub.items = [copy.deepcopy(item) for _ in range(10) for item in sub.items]
    return big


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(issue, words, runs: int) -> tuple[float, float, int]:
    proofread(issue, words)  # warm: the lists and tables load once per program
    ours, baseline = [], []
    for _ in range(runs):
        ours.append(timed(lambda: proofread(issue, words)))
        baseline.append(timed(lambda: printed_paragraphs(issue)))
    return statistics.median(ours), statistics.median(baseline), len(printed_paragraphs(issue))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    sample = load_sample()
    words = Words()
    for name, issue in (("sample", sample), ("10x sample", ten_times(sample))):
        ours, baseline, paragraphs = measure(issue, words, runs)
        print(
            f"proofread {name} ({paragraphs} paragraphs): median {ours * 1000:.2f} ms; "
            f"printed paragraphs alone {baseline * 1000:.2f} ms; ratio {ours / baseline:.1f}x"
        )


if __name__ == "__main__":
    main()
