"""Archive speed with 1,000 issues: listing (the archive window's table) and full-text search.

Builds an archive of 1,000 issues in a temporary folder, builds the index once, then
measures, alternately in one run, each operation against its baseline:
- listing: a fresh Archive's entries() (directory scan + index query) and the archive
  window opened on it, against a bare directory scan with stat (the least any listing costs);
- search: an indexed search, against reading every file and searching its text.
Aim: listing and search each under 200 ms once the index exists.

    python benchmarks/bench_archive.py
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import platformdirs

from bulletin_editor.formats.bulletin import load_sample, save_issue
from bulletin_editor.storage.archive import Archive

ISSUES = 1000
ROUNDS = 15
DEPARTMENTS = ["自然资源厅", "应急厅", "省林草局", "住房城乡建设厅", "交通运输厅", "生态环境厅", "水利厅"]


def build_archive(folder: Path, count: int = ISSUES) -> None:
    sample = load_sample()
    for i in range(count):
        issue = copy.deepcopy(sample)
        m = issue.masthead
        m.year, m.number, m.total_number = 2005 + i // 50, i % 50 + 1, i + 1
        m.issue_date = dt.date(m.year, 1, 5) + dt.timedelta(days=7 * (m.number - 1))
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        for part in issue.parts:
            part.period_start = m.issue_date - dt.timedelta(days=10)
            part.period_end = m.issue_date - dt.timedelta(days=6)
            for section in part.sections:
                for sub in [section, *section.subsections]:
                    for item in sub.items:
                        item.text = item.text.replace("自然资源", department[:-1]) + f"（第{i}号记录）"
                        if item.department:
                            item.department = department
        save_issue(issue, folder / f"{m.year}-{m.number:03d}.bulletin")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def brute_force_search(folder: Path, term: str) -> int:
    return sum(path.read_text(encoding="utf-8").count(term) for path in folder.glob("*.bulletin"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        platformdirs.user_cache_dir = lambda *a, **k: str(tmp / "cache")  # keep the real home clean
        folder = tmp / "archive"
        folder.mkdir()
        print(f"building {ISSUES} issues ...", end=" ", flush=True)
        print(f"{timed(lambda: build_archive(folder)):.0f} ms")
        print(f"first index build: {timed(lambda: Archive(folder).refresh()):.0f} ms")

        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from bulletin_editor.ui.archive_window import ArchiveWindow

        app = QApplication.instance() or QApplication([])
        qInstallMessageHandler(lambda *args: None)  # the offscreen platform's warnings are noise here
        figures: dict[str, list[float]] = {
            k: []
            for k in (
                "bare scan",
                "list",
                "window",
                "window search",
                "search 自然资源厅",
                "search 林草",
                "brute 自然资源厅",
                "brute 林草",
            )
        }
        hits = {}
        for _ in range(ROUNDS):
            figures["bare scan"].append(timed(lambda: [e.stat() for e in os.scandir(folder)]))

            def listing():
                archive = Archive(folder)
                assert len(archive.entries()) == ISSUES
                archive.close()

            figures["list"].append(timed(listing))

            opened = []

            def window(opened=opened):
                opened.append(ArchiveWindow(Archive(folder)))
                opened[0].show()
                app.processEvents()

            figures["window"].append(timed(window))

            def window_search(opened=opened):
                opened[0].search_box.setText("自然资源厅")
                opened[0].run_search()
                app.processEvents()

            figures["window search"].append(timed(window_search))
            opened[0].close()
            opened[0].deleteLater()
            app.processEvents()

            archive = Archive(folder)
            for term in ("自然资源厅", "林草"):  # alternately: the index, then every file read
                figures[f"search {term}"].append(
                    timed(lambda term=term, archive=archive: hits.__setitem__(term, archive.search(term)))
                )
                figures[f"brute {term}"].append(timed(lambda term=term: brute_force_search(folder, term)))
            archive.close()

        median = {k: statistics.median(v) for k, v in figures.items()}
        print(f"median of {ROUNDS} rounds, {ISSUES} issues, index built:")
        print(
            f"  list entries (fresh Archive)  {median['list']:7.1f} ms  "
            f"({median['list'] / median['bare scan']:.1f}x a bare directory scan, {median['bare scan']:.1f} ms)"
        )
        print(f"  archive window opened         {median['window']:7.1f} ms")
        print(f"  search typed in the window    {median['window search']:7.1f} ms  (results table filled)")
        for term in ("自然资源厅", "林草"):
            m = median[f"search {term}"]
            brute = median[f"brute {term}"]
            print(
                f"  search {term:<8}  {len(hits[term]):4d} hits {m:7.1f} ms  "
                f"({brute / m:.1f}x faster than reading every file for it, {brute:.0f} ms)"
            )
        worst = max(
            median["list"],
            median["window"],
            median["window search"],
            *(median[f"search {t}"] for t in ("自然资源厅", "林草")),
        )
        print(f"aim under 200 ms each: {'met' if worst < 200 else 'NOT met'} (worst {worst:.1f} ms)")


if __name__ == "__main__":
    main()
