"""The archive window, the versions dialog and the recovery prompt.

The archive window lists every issue in the archive folder and searches all their items;
it does not open issues itself but asks the main window through two signals, so it works
with any editor window that offers `open_archived(path, source)` and
`start_next_from(path)`.

The list shows what the index holds at once; a thread then brings the index up to date
with the folder (new and changed files re-read) while the window stays usable, and the
list and any search are shown again when it is done.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import BulletinError
from ..model import Issue, printed_paragraphs
from ..storage import archive as archive_module
from ..storage.archive import (
    Archive,
    ArchiveEntry,
    IndexRow,
    Progress,
    RefreshStats,
    SearchHit,
    entry_of,
    import_docx_folder,
)
from ..storage.recovery import Recoverable, list_recoverable
from ..storage.versions import Version, list_versions, restore_version
from . import dialogs
from .screen import fit_to_screen

if TYPE_CHECKING:
    from .file_actions import FileActions

SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching
SEARCH_LIMIT = 500  # more hits than anyone reads: ask for a narrower search
REFRESH_DELAY_MS = 50  # after the window opens, before the folder is checked for changes

_log = logging.getLogger(__name__)


def _day(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


_DISPLAY, _TOOLTIP, _FOREGROUND = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
)
_UNREADABLE = QColor("#b00020")


class _Table(QAbstractTableModel):
    """A read-only table over a list of rows; `cells(row)` gives the column texts, computed
    only for the rows on screen; rows for which `unreadable(row)` is true show in red."""

    def __init__(self, headers: list[str], cells, parent=None, unreadable=lambda row: False) -> None:
        super().__init__(parent)
        self.headers, self.cells, self.unreadable = headers, cells, unreadable
        self.rows: list = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> its cells, for the rows Qt asked about

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows, self._texts = rows, {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        # Qt asks for a dozen roles per cell at each paint: answer the ones we use, quickly.
        if role == _DISPLAY or role == _TOOLTIP:
            number = index.row()
            texts = self._texts.get(number)
            if texts is None:
                texts = self._texts[number] = self.cells(self.rows[number])
            return texts[index.column()]
        if role == _FOREGROUND and self.unreadable(self.rows[index.row()]):
            return _UNREADABLE
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def _row_cells(row: IndexRow) -> tuple[str, ...]:
    name, year, number, total, issue_date, period, error = row
    if error:
        return (name, "", "", "", error)
    return (str(year), str(number), str(total), _day(dt.date.fromisoformat(issue_date or "")), period or "")


def _row_unreadable(row: IndexRow) -> bool:
    return bool(row[6])


def _hit_cells(hit: SearchHit) -> tuple[str, ...]:
    return (hit.label, _day(hit.date or hit.issue_date), hit.place, hit.text)


def _table_view(
    model: QAbstractTableModel, stretch_column: int, widest: tuple[str, ...] | None = None
) -> QTableView:
    """A read-only table. Columns fit their contents, or, given `widest` (the widest text
    of each column), are sized from it at once, without looking at any row."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    if widest is None:
        header.setResizeContentsPrecision(50)  # size columns from the first rows, not all of them
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:
        metrics = view.fontMetrics()
        for column, text in enumerate(widest):
            header.resizeSection(column, metrics.horizontalAdvance(text) + 3 * metrics.averageCharWidth())
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


class ArchiveWindow(QDialog):
    open_requested = Signal(Path, object)  # the issue's file, the found item's source or None
    next_issue_requested = Signal(Path)  # start the next issue from this one

    def __init__(self, archive: Archive | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("周报归档")
        fit_to_screen(self, 1000, 640)
        self.archive = archive or Archive()

        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change_folder = QPushButton("更改归档文件夹…")
        change_folder.clicked.connect(self._choose_folder)
        import_folder = QPushButton("导入 Word 文件夹…")
        import_folder.clicked.connect(self._import_folder)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(change_folder)
        top.addWidget(import_folder)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("全文搜索所有各期，例如：自然资源厅（多个词用空格分开）")
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_status = QLabel()

        self.issues = _Table(
            ["年份", "期号", "总期号", "出刊日期", "时间段"], _row_cells, self, _row_unreadable
        )
        self.issue_view = _table_view(
            self.issues, 4, ("0000-000.bulletin", "期号", "总期号", "2022年12月31日", "")
        )
        self.issue_view.doubleClicked.connect(self._open_selected_issue)
        self.hits = _Table(["期次", "日期", "位置", "内容"], _hit_cells, self)
        self.hit_view = _table_view(self.hits, 3)
        self.hit_view.doubleClicked.connect(self._open_hit)
        self.hit_view.hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.issue_view)
        splitter.addWidget(self.hit_view)

        self.open_button = QPushButton("打开")
        self.open_button.clicked.connect(self._open_current)
        self.next_button = QPushButton("以此期为基础开始下一期")
        self.next_button.clicked.connect(self._start_next)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search_box)
        layout.addWidget(self.search_status)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        # Enter in the search box searches at once; it must not press 打开 or 关闭.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.search_box.returnPressed.connect(self.run_search)
        self._refresh: _Job | None = None
        self._import: _Job | None = None  # a folder import under way
        self._refresh_again = False
        self._refresh_due = False  # a refresh is to start once the window has painted
        self._listing_note = ""  # the list's summary, or how the update is going
        self._all_rows: list[IndexRow] = []  # every issue in the index; the list shows the search's
        self.reload()

    def done(self, result: int) -> None:
        self._stop_refresh()
        if self._import is not None:
            self._import.stop()  # the file being imported is finished first: never half a file
            self._import = None
        self.archive.close()  # the index reopens by itself if the window is shown again
        super().done(result)

    # Listing and search

    refreshed = Signal()  # the index is up to date with the folder and the list shows it

    @property
    def refreshing(self) -> bool:
        return self._refresh is not None or self._refresh_due

    def reload(self) -> None:
        """Show what the index holds now, and bring it up to date in the background."""
        self.folder_label.setText(f"归档文件夹：{self.archive.folder}")
        self._show_index()
        self._set_note("正在检查归档文件夹中的新文件和改动…")
        if self._refresh is not None:
            self._refresh_again = True  # files may have changed after it looked: look again
        elif not self._refresh_due:
            self._refresh_due = True
            # Started once the window has painted: the thread's Python would slow the first paint.
            QTimer.singleShot(REFRESH_DELAY_MS, self, self._start_refresh)

    def _start_refresh(self) -> None:
        if not self._refresh_due:  # closed meanwhile
            return
        self._refresh_due = self._refresh_again = False
        self._refresh = _Job(self.archive.folder, lambda archive, progress: archive.refresh(progress))
        self._refresh.signals.progressed.connect(self._refresh_progressed)
        self._refresh.signals.finished.connect(self._refresh_finished)
        self._refresh.start()

    def _show_index(self) -> None:
        try:
            rows = self.archive.rows(refresh=False)
        except BulletinError as exc:
            rows = []
            dialogs.show_error(self, str(exc))
        self._all_rows = rows
        self._list(rows)
        unreadable = sum(1 for row in rows if row[6])
        self._set_note(
            f"共 {len(rows) - unreadable} 期"
            + (f"，{unreadable} 个文件无法读取（红色）" if unreadable else "")
        )
        if self.search_box.text().strip():
            self.run_search()

    def _list(self, rows: list[IndexRow]) -> None:
        """Show `rows` in the issue list, keeping the selected issue when it is among them."""
        selected = self.selected_entry()
        self.issues.set_rows(rows)
        names = [row[0] for row in rows]
        if selected is not None and selected.path.name in names:
            self.issue_view.selectRow(names.index(selected.path.name))
        elif rows:
            self.issue_view.selectRow(0)

    def _set_note(self, note: str) -> None:
        self._listing_note = note
        if not self.search_box.text().strip():
            self.search_status.setText(note)

    def _refresh_progressed(self, done: int, total: int, name: str) -> None:
        self._set_note(f"正在更新归档索引（{done}/{total}）…")

    def _refresh_finished(self, outcome: RefreshStats | str) -> None:
        self._refresh = None
        if isinstance(outcome, str):
            dialogs.show_error(self, outcome)
        if self._refresh_again:
            self.reload()
            return
        self._show_index()
        if isinstance(outcome, RefreshStats) and outcome.busy:
            self._set_note(self._listing_note + "（归档索引正被另一个程序更新，列表可能不是最新的）")
        self.refreshed.emit()

    def _stop_refresh(self) -> None:
        self._refresh_due = False
        if self._refresh is not None:
            self._refresh.stop()
            self._refresh = None

    def run_search(self) -> None:
        query = self.search_box.text().strip()
        self.hit_view.setVisible(bool(query))
        if not query:
            self.hits.set_rows([])
            self._list(self._all_rows)
            self.search_status.setText(self._listing_note)
            return
        try:
            found = self.archive.search(query, SEARCH_LIMIT, refresh=False)
        except BulletinError as exc:
            found = []
            dialogs.show_error(self, str(exc))
        self.hits.set_rows(found)
        found_in = {hit.path.name for hit in found}
        self._list([row for row in self._all_rows if row[0] in found_in])  # the list follows the search
        if len(found) >= SEARCH_LIMIT:
            self.search_status.setText(f"只显示最新的 {SEARCH_LIMIT} 条，请再加一个词缩小范围")
        else:
            self.search_status.setText(f"找到 {len(found)} 条" if found else "没有找到")
        if self.refreshing:
            self.search_status.setText(self.search_status.text() + "（正在更新索引，稍后自动重新搜索）")

    # Actions

    def selected_entry(self) -> ArchiveEntry | None:
        rows = self.issue_view.selectionModel().selectedRows()
        return entry_of(self.archive.folder, self.issues.rows[rows[0].row()]) if rows else None

    def _open_current(self) -> None:
        if self.hit_view.hasFocus() and self.hit_view.selectionModel().selectedRows():
            self._open_hit(self.hit_view.selectionModel().selectedRows()[0])
        else:
            self._open_selected_issue()

    def _open_selected_issue(self, *_) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.error:
            dialogs.show_error(self, entry.error)
            return
        self.open_requested.emit(entry.path, None)
        self.accept()

    def _open_hit(self, index: QModelIndex) -> None:
        hit = self.hits.rows[index.row()]
        self.open_requested.emit(hit.path, hit.source)
        self.accept()

    def _start_next(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.error:
            return
        self.next_issue_requested.emit(entry.path)
        self.accept()

    def _choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, "选择归档文件夹", str(self.archive.folder))
        if folder is None:
            return
        try:
            archive_module.set_archive_folder(folder)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return
        self._stop_refresh()
        self.archive.close()
        self.archive = Archive(folder)
        self.reload()

    def _import_folder(self) -> None:
        folder = dialogs.ask_folder(self, "选择存放往期 Word 周报的文件夹", str(Path.home()))
        if folder is None:
            return
        progress = QProgressDialog("正在导入往期周报…", "取消", 0, 0, self)
        progress.setWindowTitle("导入 Word 文件夹")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        job = _Job(self.archive.folder, lambda archive, report: import_docx_folder(archive, folder, report))

        def advanced(done: int, total: int, name: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"正在导入 {name}（{done + 1}/{total}）" if name else "完成")

        def finished(outcome) -> None:
            self._import = None
            progress.close()
            if isinstance(outcome, str):
                dialogs.show_error(self, outcome)
                return
            dialogs.show_report(self, "导入完成", outcome.summary())
            self.reload()

        job.signals.progressed.connect(advanced)
        job.signals.finished.connect(finished)
        progress.canceled.connect(job.cancel)
        self._import = job
        job.start()


class _JobSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, file name
    finished = Signal(object)  # what the work returned, or the message of a BulletinError


class _Job(threading.Thread):
    """Archive work (a refresh, a folder import) on a fresh Archive of `folder`, off the GUI
    thread, with progress and stop. Its Archive has its own index connection.

    A Python thread rather than a QThread parented to the window: the window may be
    destroyed while the work runs, and Qt drops the queued signals of a destroyed receiver."""

    def __init__(self, folder: Path, work: Callable[[Archive, Progress], object]) -> None:
        super().__init__(name="archive-job", daemon=True)
        self.folder, self.work = folder, work
        self.signals = _JobSignals()
        self._stopping = threading.Event()
        self._abandoned = False  # the window went away: nobody to tell

    def run(self) -> None:
        archive = Archive(self.folder)
        try:
            outcome = self.work(archive, self._progress)
        except BulletinError as exc:
            outcome = str(exc)
        except Exception:  # a thread's error would vanish: log it and say so
            _log.exception("archive work failed")
            outcome = "处理归档时出错，详情见日志"
        finally:
            archive.close()
        if not self._abandoned:
            self.signals.finished.emit(outcome)

    def cancel(self) -> None:
        """End after the current file; what is done is kept."""
        self._stopping.set()

    def stop(self) -> None:
        """Cancel without telling anyone, and wait for the current file to be done."""
        self._abandoned = True
        self.cancel()
        self.join()

    def _progress(self, done: int, total: int, name: str) -> bool:
        if not self._stopping.is_set():
            self.signals.progressed.emit(done, total, name)
        return not self._stopping.is_set()


def show_archive(main_window: FileActions) -> ArchiveWindow:
    """Open the archive window over `main_window`, wired to its open and next-issue actions."""
    for window in main_window.findChildren(ArchiveWindow):
        if window.isVisible():  # already open: bring it forward, up to date
            window.reload()
            window.raise_()
            window.activateWindow()
            return window
    window = ArchiveWindow(parent=main_window)
    window.open_requested.connect(main_window.open_archived)
    window.next_issue_requested.connect(main_window.start_next_from)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


# --- versions --------------------------------------------------------------------------


class VersionsDialog(QDialog):
    """The kept versions of one issue: look at any of them and restore it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.restored: Issue | None = None  # the issue put back, once restored
        self.setWindowTitle(f"历史版本 - {path.name}")
        fit_to_screen(self, 900, 560)
        self.versions = _Table(["保存时间"], lambda v: (f"{v.saved_at:%Y-%m-%d %H:%M:%S}",), self)
        self.versions.set_rows(list_versions(path))
        self.view = _table_view(self.versions, 0)
        self.view.selectionModel().selectionChanged.connect(self._preview)
        self.preview = QPlainTextEdit(readOnly=True)
        self.restore_button = QPushButton("恢复此版本")
        self.restore_button.clicked.connect(self._restore)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setSizes([250, 650])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        empty = "" if self.versions.rows else "（还没有历史版本：每次保存都会保留上一版本）"
        layout.addWidget(QLabel(f"每次保存时保留上一版本，最多保留 20 个。{empty}"))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if self.versions.rows:
            self.view.selectRow(0)

    def selected(self) -> Version | None:
        rows = self.view.selectionModel().selectedRows()
        return self.versions.rows[rows[0].row()] if rows else None

    def _preview(self) -> None:
        version = self.selected()
        if version is None:
            self.preview.clear()
            return
        try:
            text = "\n".join(p.text for p in printed_paragraphs(version.load()))
        except BulletinError as exc:
            text = str(exc)
        self.preview.setPlainText(text)

    def _restore(self) -> None:
        version = self.selected()
        if version is None or not dialogs.confirm(
            self,
            "恢复历史版本",
            f"用 {version.saved_at:%Y-%m-%d %H:%M:%S} 的版本替换当前的“{self.path.name}”？"
            "当前内容会作为一个历史版本保留。",
        ):
            return
        try:
            self.restored = restore_version(self.path, version)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.accept()


def show_versions(parent: QWidget, path: Path):
    """Show the versions of the issue at `path`; returns the restored Issue, or None."""
    dialog = VersionsDialog(path, parent)
    dialog.exec()
    return dialog.restored


# --- recovery ---------------------------------------------------------------------------


class RecoveryDialog(QDialog):
    """Offered at start when autosaves were left by a crash: recover, discard, or decide later."""

    def __init__(self, entries: list[Recoverable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.chosen: list[Recoverable] = []
        self.setWindowTitle("恢复未保存的周报")
        table = self.table = _Table(["期次", "自动保存于", "原文件", "原文件保存于"], self._cells, self)
        table.set_rows(entries)
        self.view = _table_view(table, 2)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectAll()
        self.recover_button = QPushButton("恢复所选")
        self.recover_button.clicked.connect(self._recover)
        self.discard_button = QPushButton("丢弃所选")
        self.discard_button.clicked.connect(self._discard)
        self.later_button = QPushButton("以后再说")
        self.later_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        for button in (self.recover_button, self.discard_button, self.later_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("上次周报编辑器没有正常关闭，以下周报有未保存的修改。恢复后请检查内容并保存。")
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 300)

    @staticmethod
    def _cells(entry: Recoverable) -> tuple[str, ...]:
        saved = entry.original_saved()
        return (
            entry.label,
            f"{entry.autosaved:%Y-%m-%d %H:%M:%S}",
            str(entry.original) if entry.original else "（未保存的新周报）",
            f"{saved:%Y-%m-%d %H:%M:%S}" if saved else "",
        )

    def _selected(self) -> list[Recoverable]:
        return [self.entries[i.row()] for i in self.view.selectionModel().selectedRows()]

    def _recover(self) -> None:
        self.chosen = self._selected()
        self.accept()

    def _discard(self) -> None:
        doomed = self._selected()
        if not doomed or not dialogs.confirm(
            self, "丢弃自动保存", f"丢弃 {len(doomed)} 份自动保存的内容？丢弃后无法找回。"
        ):
            return
        for entry in doomed:
            entry.discard()
        self.entries = [e for e in self.entries if e not in doomed]
        self.table.set_rows(self.entries)
        self.view.selectAll()
        if not self.entries:
            self.reject()


def offer_recovery(parent: QWidget | None = None) -> list[Recoverable]:
    """At start: the autosaves the user chose to recover (an empty list when none are left).
    The main window opens each with `entry.load()` and keeps autosaving into `entry.adopt()`."""
    entries = list_recoverable()
    if not entries:
        return []
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.chosen
