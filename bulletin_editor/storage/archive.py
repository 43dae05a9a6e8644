"""The archive: one folder of issues named by year and number, with an index for listing and search.

Issues are saved as `2022-028.bulletin`; the editor suggests exports beside them
(`2022-028.docx`). The folder
is `窗口工作周报` under the user's documents by default and can be set to any folder,
a shared network folder included.

The index is a per-user SQLite cache (never in the shared folder, where several people
would write it at once). Each file's mtime and size are stored; a refresh re-reads only
files that changed and touches only their rows, so its cost follows the number of changed
files, not the size of the archive. Items are searched through an index of character
pairs (see "the index" below), which finds Chinese words of any length without a scan.
A file that cannot be read is listed with the reason and never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import sys
import zlib
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

_log = logging.getLogger(__name__)


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
    folder: Path
    name: str
    year: int | None
    number: int | None
    total_number: int | None
    issue_date: dt.date | None
    period: str  # 8月22日—8月26日 (every part's period, joined)
    error: str = ""  # why the file could not be read; the other fields are then empty

    @property
    def path(self) -> Path:
        return self.folder / self.name  # made when asked: a path per entry costs more than the rest


# One file as the index lists it: (name, year, number, total, issue_date ISO, period, error).
IndexRow = tuple[str, int | None, int | None, int | None, str | None, str | None, str | None]


def entry_of(folder: Path, row: IndexRow) -> ArchiveEntry:
    name, year, number, total, date, period, error = row
    return ArchiveEntry(
        folder,
        name,
        year,
        number,
        total,
        dt.date.fromisoformat(date) if date else None,
        period or "",
        error or "",
    )


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
    cancelled: bool = False  # stopped by the progress callback; what was read is kept
    busy: bool = False  # another program was updating the index: it was left as it is


Progress = Callable[[int, int, str], bool]  # (done, total, file name) -> keep going?


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
        try:
            _check_numbers(issue)  # never save what the archive could not list
        except BulletinError as exc:
            raise BulletinError(f"无法存入归档：{exc}") from None
        target = self.path_for(issue)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BulletinError(f"无法创建归档文件夹“{self.folder}”：{exc.strerror or exc}") from None
        save_with_version(issue, target)
        return target

    # Listing and search

    def entries(self, refresh: bool = True) -> list[ArchiveEntry]:
        """Every issue in the folder, newest first, unreadable files last."""
        return [entry_of(self.folder, row) for row in self.rows(refresh)]

    def rows(self, refresh: bool = True) -> list[IndexRow]:
        """What `entries` lists, as the index holds it (cheap: no object per file)."""
        if refresh:
            self.refresh()
        return self._query(f"SELECT {_ROW} FROM files ORDER BY year IS NULL, year DESC, number DESC, name")

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
        rows = self._query(
            f"SELECT {_ROW} FROM files WHERE error IS NULL AND {condition} ORDER BY name LIMIT 1", parameters
        )
        return entry_of(self.folder, rows[0]) if rows else None

    def search(self, query: str, limit: int = 500, refresh: bool = True) -> list[SearchHit]:
        """Items containing every whitespace-separated term of `query`, newest issue first.

        The index gives the issues holding every character pair of every term (exactly the
        issues holding a one- or two-character term); only their items are then read."""
        terms = [t.lower() for t in query.replace(_SEPARATOR, " ").split()]
        if not terms:
            return []
        if refresh:
            self.refresh()
        tokens = sorted({token for term in terms for token in (_pairs(term) or [term])})
        candidates = self._query(
            "SELECT f.id, f.name, f.year, f.number, f.issue_date FROM grams JOIN files AS f "
            "ON f.id = grams.rowid WHERE grams MATCH ? ORDER BY f.year DESC, f.number DESC",
            (" AND ".join('"' + token.replace('"', '""') + '"' for token in tokens),),
        )
        hits: list[SearchHit] = []
        for file_id, name, year, number, issue_date in candidates:
            (blob,) = self._query("SELECT items FROM contents WHERE file = ?", (file_id,))[0]
            for place, text, source, date, department, leader in _unpack(blob):
                found_in = (text.lower(), f"{department} {leader}".lower())
                if not all(any(term in where for where in found_in) for term in terms):
                    continue
                hits.append(
                    SearchHit(
                        self.folder / name,
                        year,
                        number,
                        dt.date.fromisoformat(issue_date),
                        place,
                        text,
                        Place.from_indexes(source),
                        dt.date.fromisoformat(date) if date else None,
                        department,
                        leader,
                    )
                )
                if len(hits) >= limit:
                    return hits
        return hits

    # Keeping the index up to date

    def refresh(self, progress: Progress | None = None) -> RefreshStats:
        """Bring the index up to date with the folder, re-reading only changed files.

        Each change touches only that file's rows. When another program holds the index
        for longer than BUSY_WAIT_S, nothing is changed and `busy` is set."""
        on_disk = self._scan()
        db = self._connection()
        known = {
            name: (file_id, (mtime, size))
            for file_id, name, mtime, size in self._query("SELECT id, name, mtime_ns, size FROM files")
        }
        changed = [name for name, signature in on_disk.items() if known.get(name, (0, None))[1] != signature]
        gone = [name for name in known if name not in on_disk]
        stats = RefreshStats(unchanged=len(on_disk) - len(changed))
        if not changed and not gone:
            return stats
        try:
            _begin(db)
        except _IndexBusy:
            stats.busy = True
            return stats
        try:
            for name in gone:
                _forget(db, known[name][0])
            stats.removed = len(gone)
            for done, name in enumerate(changed):
                if progress is not None and not progress(done, len(changed), name):
                    stats.cancelled = True
                    break
                self._index_file(db, name, on_disk[name], known[name][0] if name in known else None)
                stats.read += 1
                if stats.read % _BATCH == 0:  # let readers see progress; a kill keeps what is done
                    db.execute("COMMIT")
                    _begin(db)
            db.execute("COMMIT")
        except (sqlite3.Error, _IndexBusy) as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise BulletinError(f"无法更新归档索引“{_index_path(self.folder)}”：{exc}") from None
        if progress is not None and not stats.cancelled:
            progress(len(changed), len(changed), "")
        return stats

    def reindex(self, progress: Progress | None = None) -> RefreshStats:
        """Forget what the index holds and read every file again."""
        db = self._connection()
        try:
            _create_schema(db)
        except _IndexBusy:
            raise BulletinError("归档索引正被另一个程序更新，请稍后再试") from None
        return self.refresh(progress)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _scan(self) -> dict[str, tuple[int, int]]:
        found = {}
        try:
            with os.scandir(self.folder) as listing:
                for e in listing:
                    if not e.name.endswith(SUFFIX) or e.name.startswith(".") or not _storable(e.name):
                        continue
                    try:
                        if not e.is_file():
                            continue
                        # DirEntry.stat() comes with the listing on Windows: no extra round trip.
                        status = e.stat()
                    except OSError:
                        continue  # removed while we listed
                    found[e.name] = (status.st_mtime_ns, status.st_size)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise BulletinError(f"无法打开归档文件夹“{self.folder}”：{exc.strerror or exc}") from None
        return found

    def _index_file(
        self, db: sqlite3.Connection, name: str, signature: tuple[int, int], file_id: int | None = None
    ) -> None:
        """Index one file (`file_id`: its rows from before, if any); a file that cannot be read or
        stored is indexed with the reason. A file whose searchable items are as indexed (copied,
        restored, saved unchanged) keeps its word index: only its row is brought up to date."""
        try:
            issue = load_issue(self.folder / name)
            masthead = _masthead_row(issue)
            items = list(_searchable(issue))
            blob = _pack(items)
        except BulletinError as exc:
            _insert_unreadable(db, name, signature, str(exc), file_id)
            return
        except Exception:  # one file, whatever is wrong with it, must never stop the listing
            _log.warning("archive: cannot read %s", name, exc_info=True)
            reason = "含有无法识别的字符" if sys.exc_info()[0] is UnicodeEncodeError else "内容有误"
            _insert_unreadable(db, name, signature, f"“{name}”{reason}，无法读取", file_id)
            return
        if file_id is not None:
            indexed = db.execute("SELECT items FROM contents WHERE file = ?", (file_id,)).fetchone()
            if indexed is not None and indexed[0] == blob:
                db.execute(
                    "UPDATE files SET mtime_ns = ?, size = ?, year = ?, number = ?, total = ?, "
                    "issue_date = ?, period = ? WHERE id = ?",
                    (*signature, *masthead, file_id),
                )
                return
            _forget(db, file_id)
        file_id = db.execute(
            "INSERT INTO files (name, mtime_ns, size, year, number, total, issue_date, period) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, *signature, *masthead),
        ).lastrowid
        db.execute("INSERT INTO contents (file, items) VALUES (?, ?)", (file_id, blob))
        db.execute("INSERT INTO grams (rowid, tokens) VALUES (?, ?)", (file_id, _tokens(items)))

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            index = _index_path(self.folder)
            try:
                self._db = _open_index(index)
            except _IndexBusy:
                raise BulletinError(f"归档索引“{index}”正被另一个程序使用，请稍后再试") from None
            except (OSError, sqlite3.Error) as exc:
                raise BulletinError(f"无法打开归档索引“{index}”：{exc}") from None
        return self._db

    def _query(self, sql: str, parameters: tuple = ()) -> list:
        try:
            return self._connection().execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise BulletinError(
                f"归档索引出错（{exc}），可运行“bulletin-editor archive reindex”重建索引"
            ) from None


_ROW = "name, year, number, total, issue_date, period, error"
_BATCH = 500  # files indexed per transaction


def _check_numbers(issue: Issue) -> None:
    """The masthead's numbers must fit the index (the model's own ranges are narrower)."""
    m = issue.masthead
    for label, value in (("年份", m.year), ("期号", m.number), ("总期号", m.total_number)):
        if not isinstance(value, int):
            raise BulletinError(f"{label}不是整数")
        if not _fits_sqlite(value):
            # Never str(value): an int of over 4,300 digits cannot even be printed.
            raise BulletinError(
                f"{label}数值过大（{value.bit_length()} 位二进制数），超出归档索引能保存的范围"
            )


def _masthead_row(issue: Issue) -> tuple:
    """(year, number, total, issue_date, period) for the files table, numbers checked to fit."""
    _check_numbers(issue)
    m = issue.masthead
    period = "；".join(period_line(p.period_start, p.period_end).strip("（）") for p in issue.parts)
    return (m.year, m.number, m.total_number, m.issue_date.isoformat(), period)


def _insert_unreadable(
    db: sqlite3.Connection, name: str, signature: tuple[int, int], error: str, file_id: int | None
) -> None:
    if file_id is not None:
        _forget(db, file_id)
    db.execute(
        "INSERT INTO files (name, mtime_ns, size, error) VALUES (?, ?, ?, ?)", (name, *signature, error)
    )


def _forget(db: sqlite3.Connection, file_id: int) -> None:
    """Remove one file's rows. Its tokens leave the word index by being named again, as a
    table without content requires; they are computed from its stored items."""
    for (blob,) in db.execute("SELECT items FROM contents WHERE file = ?", (file_id,)).fetchall():
        db.execute(
            "INSERT INTO grams (grams, rowid, tokens) VALUES ('delete', ?, ?)",
            (file_id, _tokens(_unpack(blob))),
        )
    db.execute("DELETE FROM contents WHERE file = ?", (file_id,))
    db.execute("DELETE FROM files WHERE id = ?", (file_id,))


_SQLITE_INTEGER = range(-(2**63), 2**63)


def _fits_sqlite(value: object) -> bool:
    return isinstance(value, int) and value in _SQLITE_INTEGER


def _storable(name: str) -> bool:
    """A file name SQLite can hold (Windows allows lone surrogates in names; SQLite does not)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        _log.warning("archive: skipping a file whose name is not valid Unicode: %r", name)
        return False
    return True


def _searchable(issue: Issue):
    """[place, text, source indexes, date, department, leader] for each printed item."""
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
            yield [
                place,
                printed.text,
                list(printed.source.indexes),
                item.date.isoformat() if item and item.date else None,
                item.department if item else "",
                item.leader if item else "",
            ]


def _pack(items: list[list]) -> bytes:
    return zlib.compress(json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _unpack(blob: bytes) -> list[list]:
    return json.loads(zlib.decompress(blob))


# --- the index --------------------------------------------------------------------------
#
# files: one row per file, keyed by name, with its mtime and size to see it changed.
# contents: the file's searchable items, compressed JSON (place, text, source, date,
#        department, leader), read only for the issues a search finds.
# grams: an FTS5 table without content or positions (detail=none) holding, per file
#        (rowid = files.id), the distinct characters and pairs of neighbouring characters
#        of its items. A term's issues are those holding all its pairs, so a Chinese word
#        of any length, two characters included, is found without a scan; the items of
#        those issues are then checked for the term itself.
# A changed file touches only its own rows: the cost of a refresh follows the changes.

_SCHEMA = 2
_SEPARATOR = "\x1f"  # between tokens; the tokenizer treats every other character as a letter
BUSY_WAIT_S = 10.0  # how long to wait for another program's update of the index

_TABLES = (
    "CREATE TABLE files (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, mtime_ns INTEGER, "
    "size INTEGER, year INTEGER, number INTEGER, total INTEGER, issue_date TEXT, period TEXT, error TEXT)",
    "CREATE INDEX files_by_number ON files (year, number)",
    "CREATE INDEX files_by_total ON files (total)",
    "CREATE TABLE contents (file INTEGER PRIMARY KEY, items BLOB NOT NULL)",
    "CREATE VIRTUAL TABLE grams USING fts5(tokens, content='', detail=none, "
    "tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Z* C*' "
    f"separators '{_SEPARATOR}'\")",
)


def _pairs(text: str) -> list[str]:
    return list(map(str.__add__, text, text[1:]))


def _tokens(items: list[list]) -> str:
    """What `grams` holds for one file: its characters and character pairs, each once.

    Order does not matter: without positions the index keeps, per token, only the files."""
    searched = [
        f"{text}{_SEPARATOR}{department} {leader}"
        for _place, text, _source, _date, department, leader in items
    ]
    joined = _SEPARATOR.join(searched).lower()
    tokens = set(joined)
    tokens.update(map(str.__add__, joined, joined[1:]))  # a pair across a separator is two singles
    return _SEPARATOR.join(tokens)


class _IndexBusy(Exception):
    pass


def _error_name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "")


def _begin(db: sqlite3.Connection) -> None:
    """Start writing, waiting up to BUSY_WAIT_S for another program's update to end."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _error_name(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise _IndexBusy from None
        raise


def _index_path(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "archive-index" / f"{key}.sqlite"


def _open_index(path: Path) -> sqlite3.Connection:
    """Open the index; rebuilt only when it is damaged (it is a cache), never when busy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _prepare(path)
    except sqlite3.DatabaseError as exc:
        if not _error_name(exc).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise
    _log.warning("archive index %s is damaged: rebuilding it", path)
    for damaged in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        damaged.unlink(missing_ok=True)
    return _prepare(path)


def _prepare(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended explicitly, as BEGIN IMMEDIATE needs.
    db = sqlite3.connect(path, timeout=BUSY_WAIT_S, isolation_level=None)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:
            _create_schema(db)
        # WAL: the window reads while a refresh writes. Already set unless the index is new.
        db.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        db.close()
        raise
    return db


def _create_schema(db: sqlite3.Connection) -> None:
    """Drop whatever the index holds (an older schema or a reindex) and create the tables."""
    _begin(db)
    try:
        held_data = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        for name in ("grams", "contents", "items", "files"):  # schema 1 had files and items
            db.execute(f"DROP TABLE IF EXISTS {name}")
        for statement in _TABLES:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {_SCHEMA}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    if held_data:
        db.execute("VACUUM")  # give back the space the old tables held


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
            if o.target is None:  # not imported
                lines.append(f"✗ {o.source.name}：{o.error}")
            elif o.notes:
                lines.append(f"△ {o.source.name} → {o.target.name}：")
                lines.extend(f"    {note}" for note in o.notes)
        return "\n".join(lines)


def import_docx_folder(
    archive: Archive, folder: str | os.PathLike, progress: Progress | None = None
) -> FolderImport:
    """Import every .docx in `folder` into the archive. An issue already in the archive is
    left alone (reported, not overwritten); a file that cannot be read is reported."""
    from ..formats.docx.reader import read_docx  # the Word importer is only needed here

    if not Path(folder).is_dir():
        raise BulletinError(f"文件夹“{folder}”不存在")
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
