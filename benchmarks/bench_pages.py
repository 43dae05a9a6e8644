"""Pagination against the preview refresh: the sample and an issue ten times its size, in the
real window, alternately in one run.

Each round edits one item's text (as a keystroke does), then times
- the pagination after the edit (`model.pagination.paginate` with the window's Qt metrics; the
  unchanged paragraphs' lines come from the last pagination);
- the preview refresh the window runs after a typing pause (continuous preview, the pages for
  the status bar and the checks, the checks themselves): the baseline;
- the pagination from scratch (no lines kept from before);
- a repaint of the paged preview (the pages in view).
Printed as ratios to the refresh; the pagination should be a small part of it.

    python benchmarks/bench_pages.py [--runs N]
"""

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp()

    from bench_proofread import ten_times

    from bulletin_editor.app.startup import application
    from bulletin_editor.formats.bulletin import load_sample

    app = application()
    sample = load_sample()
    for name, issue in (("sample", sample), ("10x sample", ten_times(sample))):
        _measure(app, name, issue, runs)


def _measure(app, name: str, issue, runs: int) -> None:
    from bulletin_editor.app.startup import main_window
    from bulletin_editor.model import pagination
    from bulletin_editor.model.pagination import paginate

    window = main_window()
    window.resize(1500, 950)
    window.show()
    window.open_issue(issue)
    window.release_preview()
    pane = window.preview_pane
    item = window.current_issue().parts[0].sections[1].subsections[1].items[0]
    text = item.text

    def refresh() -> None:
        window.refresh_preview()
        app.processEvents()  # layout and paint

    def pages() -> None:
        paginate(window.current_issue(), pane.paged.metrics, pane.paged.layout_table)

    def repaint() -> None:
        pane.paged.canvas.repaint()

    refreshes, edited, scratch, repaints = [], [], [], []
    for i in range(runs):
        window.document.set_value(item, "text", text + "ab"[i % 2] * (i + 1), "编辑")
        window.preview_timer.stop()  # refresh now instead of after the typing pause
        edited.append(timed(pages))
        pane.set_paged(False)
        refreshes.append(timed(refresh))
        pagination._last_set = None  # forget the lines set before
        scratch.append(timed(pages))
        pane.set_paged(True)
        app.processEvents()
        repaints.append(timed(repaint))
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    count = len(pane.paged.pagination.pages)
    print(f"{name} ({count} pages):")
    print(f"  preview refresh (baseline): median {ms(refreshes):.1f} ms")
    for what, values in (("after an edit", edited), ("from scratch", scratch)):
        print(
            f"  pagination {what}: median {ms(values):.1f} ms = {ms(values) / ms(refreshes):.2f}x the refresh"
        )
    print(
        f"  paged preview repaint: median {ms(repaints):.1f} ms = "
        f"{ms(repaints) / ms(refreshes):.2f}x the refresh"
    )
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
