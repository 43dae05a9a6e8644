"""The safety net under the main window: autosave and recovery, locks, versions, the final mark.

One Safekeeping object watches a MainWindow through its hooks (`document`, `issueChanged`,
`closing`, `open_issue`, `is_modified`) so that the window itself only has to:
create it, save through `save()` and offer recovery at start (`offer_recovery()`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QLineEdit, QPlainTextEdit

from ..errors import BulletinError
from ..model import Issue
from ..storage.atomic import check_file_name
from ..storage.locks import IssueLock, IssueLocked, LockUnavailable, acquire, held_here, read_lock
from ..storage.recovery import RecoverySlot, list_recoverable
from ..storage.versions import FinalMark, clear_final, final_mark, mark_final, save_with_version
from . import dialogs
from .document import IssueDocument
from .fields import DateEdit

# The archive (sqlite3) and archive_window are imported where used, not here: start-up seldom needs them.

AUTOSAVE_MS = 45_000  # every 45 s while there are unsaved changes
LOCK_CHECK_MS = 3_000  # a colleague taking the issue over is noticed within seconds


class Safekeeping(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.document: IssueDocument | None = None  # the window's document being watched
        self.slot: RecoverySlot | None = None
        self.lock: IssueLock | None = None
        self.read_only_reason = ""  # why the open file may only be read (shown, and on save)
        self.final: FinalMark | None = None  # the open file's mark, read when it opens
        self.change_agreed = False  # the user agreed to change a final issue
        self._asking = False
        self._next_slot: RecoverySlot | None = None  # a recovered autosave to keep writing

        self.timer = QTimer(self, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        self.lock_timer = QTimer(self, interval=LOCK_CHECK_MS)
        self.lock_timer.timeout.connect(self.check_lock)
        self.lock_timer.start()
        window.issueChanged.connect(self._follow_document)
        window.closing.connect(self.close)

        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet("color: #b00020")
        window.statusBar().addPermanentWidget(self.read_only_label)
        self.final_action = QAction("标记为定稿", window, checkable=True)
        self.final_action.toggled.connect(self._final_toggled)
        self.versions_action = QAction("历史版本…", window)
        self.versions_action.triggered.connect(self.show_versions)
        archive_action = window.actions_by_name.get("archive")
        for menu in (a.menu() for a in window.menuBar().actions() if a.menu()):
            if archive_action in menu.actions():
                menu.insertActions(archive_action, [self.versions_action, self.final_action])

    # ----- following the open document -----
    def _follow_document(self) -> None:
        document = self.window.document
        if document is self.document:
            return
        path = document.path if document is not None else None
        if self.slot is not None:
            self.slot.discard()
        self.slot = self._next_slot or RecoverySlot(path)
        self._next_slot = None
        if self.lock is not None and not _same(self.lock.path, path):
            self.lock.release()
            self.lock = None
        self.document = document
        self.read_only_reason = ""
        if path is not None and self.lock is None:
            self._take_lock(path)
        self._read_final(path)
        if document is not None:
            document.undo_stack.indexChanged.connect(self._before_change)
        self._show_state()

    def _take_lock(self, path: Path) -> None:
        try:
            self.lock = acquire(path)
            if self.lock.taken_from is not None:  # stale: its editor is gone
                self.window.statusBar().showMessage(
                    f"已接管{self.lock.taken_from.holder}留下的锁：打开它的编辑器已不在运行", 10000
                )
        except IssueLocked as exc:
            self.read_only_reason = f"{exc.info.describe()}打开了此文件"
            if exc.here:
                dialogs.show_read_only(self.window, str(exc))
            # Never silently: the user is asked, told who holds it (that editor learns of it).
            elif dialogs.ask_take_over(self.window, str(exc)):
                self.lock = acquire(path, take_over=True)
                self.read_only_reason = ""
        except LockUnavailable as exc:
            self.read_only_reason = "无法在该文件夹中建立锁文件"
            dialogs.show_read_only(self.window, str(exc))

    def check_lock(self) -> None:
        """Every few seconds: has another editor taken the open issue over? Then say so, and
        offer to take it back."""
        lock = self.lock
        if lock is None or self._asking:
            return
        holder = read_lock(lock.path)
        if holder is not None and holder.token == lock.info.token:
            return
        lock.lost()
        self.lock = None
        taker = holder.holder if holder is not None else "他人"
        self.read_only_reason = f"已被{taker}接管"
        self._show_state()
        self._asking = True
        try:
            take_back = dialogs.ask_take_back(
                self.window, f"“{lock.path.name}”已被{taker}接管编辑。本窗口现为只读。"
            )
        finally:
            self._asking = False
        if take_back:
            self.lock = acquire(lock.path, take_over=True)
            self.read_only_reason = ""
            self._show_state()

    def _read_final(self, path: Path | None) -> None:
        self.final = final_mark(path) if path is not None else None
        self.change_agreed = False
        self._show_state()
        self._watch_keys()

    def _show_state(self) -> None:
        self.read_only_label.setText(
            f"只读：{self.read_only_reason}" if self.read_only_reason else "定稿" if self.final else ""
        )
        self.final_action.blockSignals(True)
        self.final_action.setChecked(self.final is not None)
        self.final_action.blockSignals(False)
        has_path = self.document is not None and self.document.path is not None
        self.final_action.setEnabled(has_path)
        self.versions_action.setEnabled(has_path)

    # ----- the final mark: ask before the first change -----
    def _watch_keys(self) -> None:
        """While a final issue is open and its change not agreed, keystrokes in the editor are
        seen before they arrive (an application event filter, only then: it sees every event)."""
        app = QApplication.instance()
        if app is None:
            return
        app.removeEventFilter(self)
        if self.final is not None and not self.change_agreed:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """The first keystroke that would edit a final issue asks first; on yes it goes on
        into its field, so what the user typed is not lost."""
        if self._asking or not _edits(watched, event) or not self.window.editor_area.isAncestorOf(watched):
            return False
        return not self._agree_to_change()

    def _agree_to_change(self) -> bool:
        assert self.final is not None  # asked only while a final issue is open
        self._asking = True
        try:
            self.change_agreed = dialogs.confirm_change_final(self.window, self.final.describe())
        finally:
            self._asking = False
        self._watch_keys()
        return self.change_agreed

    def _before_change(self) -> None:
        """An edit not typed (a button, a menu, a drop) is undone when the user says no."""
        if self.document is None or self.final is None or self.change_agreed or self._asking:
            return
        if not self._agree_to_change():
            self._asking = True  # the undo is no change to ask about
            try:
                self.document.undo_stack.undo()
            finally:
                self._asking = False

    def _final_toggled(self, checked: bool) -> None:
        path = self.document.path if self.document is not None else None
        if path is None:
            return
        try:
            if checked:
                mark_final(path, "手动标记")
            else:
                clear_final(path)
        except BulletinError as exc:
            dialogs.show_error(self.window, str(exc))
        self._read_final(path)

    # ----- saving -----
    def suggested_path(self) -> Path:
        """Save As: beside the open file, else in the archive under its year and number."""
        document = self.document
        assert document is not None  # saving needs an open issue
        path = document.path
        if path is not None:
            return path
        from ..storage.archive import Archive

        archive = Archive()
        archive.folder.mkdir(parents=True, exist_ok=True)
        return archive.path_for(document.issue)

    def save(self, issue: Issue, path: Path) -> None:
        """Save with the previous version kept; raises BulletinError with the reason."""
        assert self.document is not None  # saving needs an open issue
        check_file_name(path)  # before the lock beside it is read: a name too long has none
        current = self.document.path
        same = _same(current, path)
        if same and self.read_only_reason:
            raise BulletinError(
                f"“{path.name}”以只读方式打开（{self.read_only_reason}），请用“另存为”保存到别处"
            )
        holder = read_lock(path)
        if same and self.lock is not None and (holder is None or holder.token != self.lock.info.token):
            # A colleague took the lock over (ours had gone stale): their work must not be overwritten.
            taker = holder.describe() if holder is not None else "他人"
            self.read_only_reason = f"已被{taker}接管"
            self.lock.lost()
            self.lock = None
            self._show_state()
            raise BulletinError(f"“{path.name}”{self.read_only_reason}，请用“另存为”保存到别处")
        if not same and holder is not None and (not holder.mine or held_here(path)):
            raise BulletinError(f"无法保存到“{path.name}”：{holder.describe()}打开了它")
        save_with_version(issue, path)
        if same and self.change_agreed:
            clear_final(path)  # changed after sign-off: no longer final
        if not same:
            try:
                new_lock = acquire(path)
            except BulletinError:
                new_lock = None  # saved; without a lock only colleagues' warning is lost
            if self.lock is not None:
                self.lock.release()
            self.lock = new_lock
            self.read_only_reason = ""
        if self.slot is not None:
            self.slot.discard()
            self.slot.original = path
        self._read_final(path)

    # ----- autosave and recovery -----
    def autosave(self) -> None:
        if self.document is None or self.slot is None:
            return
        if not self.window.is_modified():
            self.slot.discard()
            return
        try:
            self.slot.save(self.document.issue)
        except BulletinError as exc:
            self.window.statusBar().showMessage(f"自动保存失败：{exc}", 10000)

    def rescue(self) -> Path | None:
        """For the crash handler: autosave now; where it went, or None when nothing was unsaved."""
        if self.document is None or self.slot is None or not self.window.is_modified():
            return None
        self.slot.save(self.document.issue)
        return self.slot.path

    def offer_recovery(self) -> bool:
        """At start: offer what a crash left behind; True when a recovered issue was opened."""
        if not list_recoverable():
            return False  # the usual start: no need to load the archive window
        from . import archive_window

        chosen = archive_window.offer_recovery(self.window)
        if not chosen:
            return False
        entry = chosen[0]  # one issue per window; the others are offered again next time
        try:
            issue = entry.load()
        except BulletinError as exc:
            dialogs.show_error(self.window, str(exc))
            return False
        self._next_slot = entry.adopt()
        self.window.open_issue(issue, entry.original, modified=True)
        if len(chosen) > 1:
            dialogs.show_report(
                self.window, "恢复", f"已恢复“{entry.label}”。其余 {len(chosen) - 1} 份下次启动时再提示。"
            )
        return True

    def show_versions(self) -> None:
        path = self.document.path if self.document is not None else None
        if path is None or not self.window.maybe_save():
            return
        from . import archive_window

        restored = archive_window.show_versions(self.window, path)
        if restored is not None:
            self.window.open_issue(restored, path)

    def close(self) -> None:
        """A clean close: nothing to recover, nothing locked."""
        self.timer.stop()
        self.lock_timer.stop()
        self.final = None
        self._watch_keys()
        if self.slot is not None:
            self.slot.discard()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _edits(watched: QObject, event: QEvent) -> bool:
    """Whether `event` would change the text or value of the field it goes to."""
    if not isinstance(watched, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
        return False
    if isinstance(watched, (QLineEdit, QPlainTextEdit)) and watched.isReadOnly():
        return False
    if isinstance(event, QInputMethodEvent):
        return bool(event.commitString())
    if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
        return False
    if any(event.matches(k) for k in (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut)):
        return True
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        return True
    if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and isinstance(watched, (QAbstractSpinBox, DateEdit)):
        return True  # steps a number or a date
    control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return event.text().isprintable() and bool(event.text()) and not event.modifiers() & control


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return a is b
    return Path(a).resolve() == Path(b).resolve()
