"""The archive: one folder of issues named by year and number, with an index for listing and search.

Issues are saved as `2022-028.bulletin`; the editor suggests exports beside them
(`2022-028.docx`). The folder
is `窗口工作周报` under the user's documents by default and can be set to any folder,
a shared network folder included.

The index is a per-user SQLite cache (never in the shared folder, where several people
would write it at once). Each file's mtime and size are stored; a refresh re-reads only
files that changed, so listing 1,000 issues costs one directory scan. Items are held in
an FTS5 table with the trigram tokenizer, which finds any Chinese substring of three or
more characters through the index; shorter terms fall back to a scan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from ..errors import BulletinError
from ..formats.bulletin import SUFFIX, load_issue
from ..model import Issue, Role, printed_paragraphs
from ..model.dates import period_line
from ..model.tree import Place, item_at
from .settings import cache_dir, read_setting, write_setting
from .versions import save_with_version

DEFAULT_FOLDER_NAME = "窗口工作周报"
SETTING = "archive"  # archive.json: {"folder": the folder chosen, or null for the default}
_SCHEMA = 1


# --- where the archive is --------------------------------------------------------------


def default_folder() -> Path:
    return Path(platformdirs.user_documents_dir()) / DEFAULT_FOLDER_NAME


def archive_folder() -> Path:
    """The folder chosen in the settings, else 窗口工作周报 under the user's documents."""
    chosen = read_setting(SETTING).get("folder")
    return Path(chosen) if isinstance(chosen, str) and chosen else default_folder()


def set_archive_folder(folder: str | os.PathLike | None) -> None:
    """Choose the archive folder; None goes back to the default."""
    write_setting(SETTING, {"folder": str(Path(folder)) if folder is not None else None})


def archive_name(issue: Issue) -> str:
    m = issue.masthead
    return f"{m.year}-{m.number:03d}{SUFFIX}"


# --- what the index returns ------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveEntry:
    path: Path
    year: int | None
    number: int | None
    total_number: int | None
    issue_date: dt.date | None
    period: str  # 8月22日—8月26日 (every part's period, joined)
    error: str = ""  # why the file could not be read; the other fields are then empty


@dataclass(frozen=True)
class SearchHit:
    path: Path
    year: int
    number: int
    issue_date: dt.date
    place: str  # 政务服务工作 › 二、窗口工作动态 › （三）厅（局）长进大厅
    text: str  # the paragraph as printed, numbering included
    source: Place  # where the paragraph comes from, as in Printed.source
    date: dt.date | None = None  # a director visit's date
    department: str = ""
    leader: str = ""

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"


@dataclass
class RefreshStats:
    read: int = 0  # files (re)read because they were new or changed
    removed: int = 0  # files gone from the folder
    unchanged: int = 0


# --- the archive ----------------------------------------------------------------------


class Archive:
    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder) if folder is not None else archive_folder()
        self._db: sqlite3.Connection | None = None

    # Saving

    def path_for(self, issue: Issue) -> Path:
        return self.folder / archive_name(issue)

    def save(self, issue: Issue) -> Path:
        """Save into the archive under its year and number, keeping the previous version."""
        target = self.path_for(issue)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BulletinError(f"无法创建归档文件夹“{self.folder}”：{exc.strerror or exc}") from None
        save_with_version(issue, target)
        return target

    # Listing and search

    def entries(self) -> list[ArchiveEntry]:
        """Every issue in the folder, newest first (refreshes the index first)."""
        self.refresh()
        rows = self._connection().execute(
            "SELECT name, year, number, total, issue_date, period, error FROM files "
            "ORDER BY year IS NULL, year DESC, number DESC, name"
        )
        return [_entry(self.folder, row) for row in rows]

    def find(self, year: int, number: int) -> ArchiveEntry | None:
        """The readable archived issue with this year and number, or None."""
        return self._find_one("year = ? AND number = ?", (year, number))

    def find_total(self, total_number: int) -> ArchiveEntry | None:
        """The readable archived issue with this total number, or None."""
        return self._find_one("total = ?", (total_number,))

    def previous_of(self, issue: Issue) -> Path | None:
        """The archived issue before `issue`: the same year's number − 1, else total number − 1."""
        m = issue.masthead
        found = self.find(m.year, m.number - 1) or self.find_total(m.total_number - 1)
        return found.path if found else None

    def _find_one(self, condition: str, parameters: tuple) -> ArchiveEntry | None:
        if any(not _fits_sqlite(value) for value in parameters):
            return None  # no archived issue has a number SQLite cannot even hold
        self.refresh()
        row = (
            self._connection()
            .execute(
                "SELECT name, year, number, total, issue_date, period, error FROM files "
                f"WHERE error IS NULL AND {condition} ORDER BY name LIMIT 1",
                parameters,
            )
            .fetchone()
        )
        return _entry(self.folder, row) if row else None

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        """Items containing every whitespace-separated term of `query`, newest issue first."""
        terms = query.split()
        if not terms:
            return []
        self.refresh()
        where, parameters = [], []
        long_terms = [t for t in terms if len(t) >= 3]
        if long_terms:
            # Trigram FTS: each term a quoted phrase, all required.
            where.append("items MATCH ?")
            parameters.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        for term in terms:
            if len(term) < 3:
                where.append("(items.text LIKE ? ESCAPE '\\' OR items.extra LIKE ? ESCAPE '\\')")
                pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                parameters += [pattern, pattern]
        rows = self._connection().execute(
            "SELECT items.name, f.year, f.number, f.issue_date, items.place, items.text, "
            "items.source, items.date, items.department, items.leader "
            "FROM items JOIN files AS f ON f.name = items.name "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY f.year DESC, f.number DESC, items.position LIMIT ?",
            (*parameters, limit),
        )
        return [
            SearchHit(
                self.folder / name,
                year,
                number,
                dt.date.fromisoformat(issue_date),
                place,
                text,
                Place.from_indexes(json.loads(source)),
                dt.date.fromisoformat(date) if date else None,
                department,
                leader,
            )
            for name, year, number, issue_date, place, text, source, date, department, leader in rows
        ]

    def refresh(self) -> RefreshStats:
        """Bring the index up to date with the folder, re-reading only changed files."""
        on_disk = self._scan()
        db = self._connection()
        known = {
            name: (mtime, size) for name, mtime, size in db.execute("SELECT name, mtime_ns, size FROM files")
        }
        stats = RefreshStats()
        changed = [name for name, signature in on_disk.items() if known.get(name) != signature]
        gone = [name for name in known if name not in on_disk]
        stats.unchanged = len(on_disk) - len(changed)
        if not changed and not gone:
            return stats
        with db:
            for name in gone + changed:
                db.execute("DELETE FROM files WHERE name = ?", (name,))
                db.execute("DELETE FROM items WHERE name = ?", (name,))
            for name in changed:
                self._index_file(db, name, on_disk[name])
        stats.read, stats.removed = len(changed), len(gone)
        return stats

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _scan(self) -> dict[str, tuple[int, int]]:
        try:
            with os.scandir(self.folder) as listing:
                # DirEntry.stat() comes with the listing on Windows: no extra round trip per file.
                return {
                    e.name: (e.stat().st_mtime_ns, e.stat().st_size)
                    for e in listing
                    if e.name.endswith(SUFFIX) and not e.name.startswith(".") and e.is_file()
                }
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise BulletinError(f"无法打开归档文件夹“{self.folder}”：{exc.strerror or exc}") from None

    def _index_file(self, db: sqlite3.Connection, name: str, signature: tuple[int, int]) -> None:
        try:
            issue = load_issue(self.folder / name)
        except BulletinError as exc:
            db.execute(
                "INSERT INTO files (name, mtime_ns, size, error) VALUES (?, ?, ?, ?)",
                (name, *signature, str(exc)),
            )
            return
        m = issue.masthead
        period = "；".join(period_line(p.period_start, p.period_end).strip("（）") for p in issue.parts)
        db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (name, *signature, m.year, m.number, m.total_number, m.issue_date.isoformat(), period),
        )
        db.executemany(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(name, position, *row) for position, row in enumerate(_searchable(issue))],
        )

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            index = _index_path(self.folder)
            try:
                self._db = _open_index(index)
            except (OSError, sqlite3.Error) as exc:
                raise BulletinError(f"无法打开归档索引“{index}”：{exc}") from None
        return self._db


def _entry(folder: Path, row: tuple) -> ArchiveEntry:
    name, year, number, total, date, period, error = row
    return ArchiveEntry(
        folder / name,
        year,
        number,
        total,
        dt.date.fromisoformat(date) if date else None,
        period or "",
        error or "",
    )


_SQLITE_INTEGER = range(-(2**63), 2**63)


def _fits_sqlite(value: int) -> bool:
    return value in _SQLITE_INTEGER


def _searchable(issue: Issue):
    """(place, text, extra, source, date, department, leader) for each printed item."""
    part_title = level1 = level2 = ""
    for printed in printed_paragraphs(issue):
        if printed.role is Role.PART_TITLE:
            part_title, level1, level2 = printed.text, "", ""
        elif printed.role is Role.LEVEL1:
            level1, level2 = printed.text, ""
        elif printed.role is Role.LEVEL2:
            level2 = printed.text
        elif printed.role in (Role.BODY, Role.RUN_IN):
            place = " › ".join(t for t in (part_title, level1, level2) if t)
            item = item_at(issue, printed.source)
            date = item.date.isoformat() if item and item.date else None
            department = item.department if item else ""
            leader = item.leader if item else ""
            yield (
                place,
                printed.text,
                f"{department} {leader}".strip(),
                json.dumps(printed.source.indexes),
                date,
                department,
                leader,
            )


def _index_path(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "archive-index" / f"{key}.sqlite"


def _open_index(path: Path) -> sqlite3.Connection:
    """Open the index, rebuilding it when it is damaged or from another schema: it is a cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] == _SCHEMA:
                return db
            with db:
                db.execute("DROP TABLE IF EXISTS files")
                db.execute("DROP TABLE IF EXISTS items")
                db.execute(
                    "CREATE TABLE files (name TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, "
                    "year INTEGER, number INTEGER, total INTEGER, issue_date TEXT, period TEXT, "
                    "error TEXT)"
                )
                db.execute(
                    "CREATE VIRTUAL TABLE items USING fts5(name UNINDEXED, position UNINDEXED, "
                    "place UNINDEXED, text, extra, source UNINDEXED, date UNINDEXED, "
                    "department UNINDEXED, leader UNINDEXED, tokenize = 'trigram')"
                )
                db.execute(f"PRAGMA user_version = {_SCHEMA}")
            return db
        except sqlite3.DatabaseError:
            db.close()
            if attempt:
                raise
            path.unlink(missing_ok=True)
    raise AssertionError("unreachable")


# --- importing a folder of hand-typed .docx ---------------------------------------------


@dataclass
class ImportOutcome:
    source: Path
    target: Path | None = None
    error: str = ""  # why it was not imported
    notes: list[str] = field(default_factory=list)  # what the reader could not place

    @property
    def imported(self) -> bool:
        return self.target is not None


@dataclass
class FolderImport:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        done = sum(o.imported for o in self.outcomes)
        failed = len(self.outcomes) - done
        lines = [
            f"共处理 {len(self.outcomes)} 个文件：导入 {done} 个，未导入 {failed} 个"
            + ("（已取消）" if self.cancelled else "")
            + "。"
        ]
        for o in self.outcomes:
            if not o.imported:
                lines.append(f"✗ {o.source.name}：{o.error}")
            elif o.notes:
                lines.append(f"△ {o.source.name} → {o.target.name}：")
                lines.extend(f"    {note}" for note in o.notes)
        return "\n".join(lines)


Progress = Callable[[int, int, str], bool]  # (done, total, file name) -> keep going?


def import_docx_folder(
    archive: Archive, folder: str | os.PathLike, progress: Progress | None = None
) -> FolderImport:
    """Import every .docx in `folder` into the archive. An issue already in the archive is
    left alone (reported, not overwritten); a file that cannot be read is reported."""
    from ..formats.docx.reader import read_docx  # the Word importer is only needed here

    sources = sorted(p for p in Path(folder).glob("*.docx") if not p.name.startswith("~$"))
    result = FolderImport()
    for done, source in enumerate(sources):
        if progress is not None and not progress(done, len(sources), source.name):
            result.cancelled = True
            break
        outcome = ImportOutcome(source)
        try:
            imported = read_docx(source)
            target = archive.path_for(imported.issue)
            if target.exists():
                outcome.error = f"归档中已有{target.name}，未覆盖"
            else:
                outcome.target = archive.save(imported.issue)
                outcome.notes = list(imported.report)
        except BulletinError as exc:
            outcome.error = str(exc)
        result.outcomes.append(outcome)
    if progress is not None and not result.cancelled:
        progress(len(sources), len(sources), "")
    return result
