"""Archive speed at 1,000 and 10,000 issues, each figure against a baseline in the same run.

Builds an archive of 10,000 issues (and one of its first 1,000, hard links to the same
files), indexes both, then measures alternately, round by round, each operation and its
baseline:
- listing: a fresh Archive's entries() (directory scan + index query), against a bare
  directory scan with stat (the least any listing costs);
- the archive window opened (shown, the list filled from the index), against a QDialog
  with a QTableView over a plain model of the same rows, already in memory;
- a search for a two-character word (林草) and a longer one (自然资源厅), against the
  same search looking at every item of every issue (what the word index spares);
- a refresh after 1,000 changed files, against reading the same 1,000 files
  (load_issue, which any refresh must do): once copied (a colleague's copy or restore: new
  times, the same items) and once edited (every item's text changed).
Then the growth from 1,000 to 10,000 issues of each, and the index size.
Aims (issue 15): at 10,000 issues listing, two-character search and the window each
under 200 ms, refresh after 1,000 changed files under 5 s, growth linear (listing, search
and window at most 10x for 10x the issues, the refresh of 1,000 changed files about the
same at both sizes).

    python benchmarks/bench_archive.py [--rounds N]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import platformdirs

from bulletin_editor.formats.bulletin import issue_to_json, load_issue, load_sample
from bulletin_editor.storage import archive as archive_module
from bulletin_editor.storage.archive import Archive

SIZES = (1000, 10000)
CHANGED = 1000
DEPARTMENTS = ["自然资源厅", "应急厅", "省林草局", "住房城乡建设厅", "交通运输厅", "生态环境厅", "水利厅"]
OLD_INDEX_MB_AT_10000 = 228  # issue 15, measured on the same generated archive before this index


def build_archive(folder: Path, count: int) -> None:
    """`count` issues, 100 a year from 2000, each item text made unique to its issue."""
    sample = load_sample()
    for i in range(count):
        issue = copy.deepcopy(sample)
        m = issue.masthead
        m.year, m.number, m.total_number = 2000 + i // 100, i % 100 + 1, i + 1
        m.issue_date = dt.date(m.year, 1, 5) + dt.timedelta(days=3 * (m.number - 1))
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
        # Written plainly (no fsync, no versions): building is not what is measured.
        (folder / f"{m.year}-{m.number:03d}.bulletin").write_text(issue_to_json(issue), encoding="utf-8")


def scan_search(db: sqlite3.Connection, term: str) -> int:
    """The same search without the word index: every item of every issue looked at."""
    return sum(
        term in text
        for (blob,) in db.execute("SELECT items FROM contents")
        for _place, text, *_ in archive_module._unpack(blob)
    )


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def index_size(folder: Path) -> int:
    db = sqlite3.connect(archive_module._index_path(folder))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return archive_module._index_path(folder).stat().st_size


def measure(folder: Path, count: int, rounds: int, app) -> dict[str, float]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    from bulletin_editor.ui.archive_window import ArchiveWindow

    class PlainModel(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 5

        def data(self, index, role=Qt.DisplayRole):
            if role == Qt.DisplayRole:
                return str(self.rows[index.row()][index.column() + 1])
            return None

    names = sorted(p.name for p in folder.glob("*.bulletin"))
    figures: dict[str, list[float]] = {}
    for round_ in range(rounds):
        for key, ms in one_round(folder, count, names, round_, app, PlainModel, ArchiveWindow):
            figures.setdefault(key, []).append(ms)
    return {key: statistics.median(values) for key, values in figures.items()}


def one_round(folder, count, names, round_, app, PlainModel, ArchiveWindow):
    """(figure, ms) pairs, each operation timed right after its baseline."""
    from PySide6.QtWidgets import QDialog, QTableView, QVBoxLayout

    yield "bare scan", timed(lambda: [e.stat() for e in os.scandir(folder)])

    def listing():
        archive = Archive(folder)
        assert len(archive.entries()) == count
        archive.close()

    yield "list", timed(listing)

    archive = Archive(folder)
    same_rows = archive.rows(refresh=False)  # in memory already: the baseline reads nothing
    archive.close()
    opened: list = []

    def plain_dialog():
        dialog = QDialog()
        view = QTableView()
        view.setModel(PlainModel(same_rows))
        QVBoxLayout(dialog).addWidget(view)
        dialog.resize(1000, 640)
        dialog.show()
        app.processEvents()
        opened.append(dialog)

    def window():
        w = ArchiveWindow(Archive(folder))
        w.show()
        app.processEvents()
        assert w.issues.rowCount() == count
        opened.append(w)

    yield "plain dialog", timed(plain_dialog)
    yield "window", timed(window)
    while opened[-1].refreshing:  # the window's background check of the folder
        app.processEvents()
        time.sleep(0.005)
    for w in opened:
        w.close()
        w.deleteLater()
    app.processEvents()

    archive = Archive(folder)
    db = archive._connection()
    for term in ("林草", "自然资源厅"):
        yield f"search {term}", timed(lambda term=term: archive.search(term, refresh=False))
        yield f"scan {term}", timed(lambda term=term: scan_search(db, term))

    changed = names[(round_ * CHANGED) % count :][:CHANGED]
    for name in changed:  # a colleague's copy or restore: every file new to the index
        os.utime(folder / name, ns=(round_ + 1, round_ + 1))
    yield "refresh", timed(archive.refresh)
    yield "read changed", timed(lambda: [load_issue(folder / n) for n in changed])
    for name in changed:  # the same files edited: every item's text changes
        edited = folder / f".{name}"
        edited.write_bytes(
            (folder / name).read_bytes().replace("号记录".encode(), f"号记录{round_}".encode())
        )
        os.replace(edited, folder / name)  # a new file: the other archive's hard link keeps the old
    yield "refresh edited", timed(archive.refresh)
    yield "read edited", timed(lambda: [load_issue(folder / n) for n in changed])
    archive.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        platformdirs.user_cache_dir = lambda *a, **k: str(root / "cache")  # keep the real home clean
        folders = {size: root / f"archive-{size}" for size in SIZES}
        for folder in folders.values():
            folder.mkdir()
        print(f"building {SIZES[-1]} issues ...", end=" ", flush=True)
        print(f"{timed(lambda: build_archive(folders[SIZES[-1]], SIZES[-1])) / 1000:.1f} s")
        for source in sorted(folders[SIZES[-1]].iterdir())[: SIZES[0]]:
            os.link(source, folders[SIZES[0]] / source.name)
        for size, folder in folders.items():
            built = timed(lambda folder=folder: Archive(folder).refresh())
            print(f"first index build at {size}: {built / 1000:.1f} s")

        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        qInstallMessageHandler(lambda *args: None)  # the offscreen platform's warnings are noise here

        medians = {size: measure(folder, size, rounds, app) for size, folder in folders.items()}
        print(f"\nmedian of {rounds} rounds; each figure / its baseline measured alternately:")
        rows = [
            ("list entries", "list", "bare scan", "a bare directory scan"),
            ("archive window opened", "window", "plain dialog", "a QDialog + QTableView, same rows"),
            ("search 林草", "search 林草", "scan 林草", "a scan of every item"),
            ("search 自然资源厅", "search 自然资源厅", "scan 自然资源厅", "a scan of every item"),
            (f"refresh, {CHANGED} copied", "refresh", "read changed", f"reading the {CHANGED} files"),
            (f"refresh, {CHANGED} edited", "refresh edited", "read edited", f"reading the {CHANGED} files"),
        ]
        for size in SIZES:
            m = medians[size]
            print(f"  {size} issues:")
            for label, key, base, base_label in rows:
                print(
                    f"    {label:<24} {m[key]:8.1f} ms = {m[key] / m[base]:5.2f}x {base_label} ({m[base]:.1f} ms)"
                )
        small, large = medians[SIZES[0]], medians[SIZES[-1]]
        print(f"  growth {SIZES[0]} -> {SIZES[-1]} issues (10x the issues):")
        for label, key, base, _ in rows:
            print(
                f"    {label:<24} {large[key] / small[key]:5.2f}x "
                f"(its baseline {large[base] / small[base]:5.2f}x)"
            )
        size = index_size(folders[SIZES[-1]])
        folder_size = sum(p.stat().st_size for p in folders[SIZES[-1]].iterdir())
        print(
            f"  index at {SIZES[-1]} issues: {size / 2**20:.1f} MB = {size / folder_size:.2f}x the issue files "
            f"({folder_size / 2**20:.0f} MB), {size / 2**20 / OLD_INDEX_MB_AT_10000:.2f}x the "
            f"{OLD_INDEX_MB_AT_10000} MB of the old index"
        )
        checks = {
            "listing < 200 ms": large["list"] < 200,
            "window < 200 ms": large["window"] < 200,
            "search 林草 < 200 ms": large["search 林草"] < 200,
            f"refresh of {CHANGED} copied < 5 s": large["refresh"] < 5000,
            f"refresh of {CHANGED} edited < 5 s": large["refresh edited"] < 5000,
            "listing, window, search growth <= 10x": all(
                large[k] / small[k] <= 10 for k in ("list", "window", "search 林草", "search 自然资源厅")
            ),
            f"refresh of {CHANGED} copied growth <= 1.5x": large["refresh"] / small["refresh"] <= 1.5,
            f"refresh of {CHANGED} edited growth <= 1.5x": large["refresh edited"] / small["refresh edited"]
            <= 1.5,
        }
        for check, met in checks.items():
            print(f"  aim {check}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
