"""Proofreading speed, and that of all the checks the panel runs (check_issue, proofreading
included): the sample and an issue ten times its size, each against building the printed
paragraphs of the same issue (what the preview does on every refresh), alternately in one
run. Aim: the sample in a few milliseconds, so the checks panel can follow typing.

    python benchmarks/bench_proofread.py [--runs N]
"""

import argparse
import copy
import statistics
import time

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import printed_paragraphs
from bulletin_editor.model.checks import check_issue
from bulletin_editor.model.proofread import Words, proofread


def ten_times(issue):
    """Every section's items ten times over, each copy told apart (a repeated item would be a
    finding): ten times the sample's text."""
    big = copy.deepcopy(issue)
    for part in big.parts:
        for section in part.sections:
            for sub in [section, *section.subsections]:
                sub.items = [_copy(item, n) for n in range(10) for item in sub.items]
    return big


def _copy(item, n: int):
    item = copy.deepcopy(item)
    if n:
        item.text += f"此为第{n + 1}份。"
    return item


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(work, issue, runs: int) -> tuple[float, float, float]:
    """(median, fastest, the baseline's median); the fastest run shows the cost on a quiet
    machine, the median what a busy one gives."""
    work()  # warm: the lists and tables load once per program
    ours, baseline = [], []
    for _ in range(runs):
        ours.append(timed(work))
        baseline.append(timed(lambda: printed_paragraphs(issue)))
    return statistics.median(ours), min(ours), statistics.median(baseline)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    sample = load_sample()
    words = Words()
    for name, issue in (("sample", sample), ("10x sample", ten_times(sample))):
        paragraphs = len(printed_paragraphs(issue))
        for what, work in (
            ("proofread", lambda issue=issue: proofread(issue, words)),
            ("check_issue", lambda issue=issue: check_issue(issue, None, words)),
        ):
            ours, fastest, baseline = measure(work, issue, runs)
            print(
                f"{what} {name} ({paragraphs} paragraphs): median {ours * 1000:.2f} ms "
                f"(fastest {fastest * 1000:.2f} ms); printed paragraphs alone {baseline * 1000:.2f} ms; "
                f"ratio {ours / baseline:.1f}x"
            )


if __name__ == "__main__":
    main()
