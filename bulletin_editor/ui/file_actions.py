"""The main window's file actions: new, open, save, export, next issue, archive, recent files."""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from ..errors import BulletinError, Cancelled
from ..formats.bulletin import load_issue, load_sample
from ..model import Issue
from ..model.next_issue import blank_issue, next_issue
from ..model.printed import issue_line
from ..model.tree import Place
from ..storage import settings
from . import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

    from ..model.checks import Finding
    from .background import Report
    from .checks_panel import ChecksPanel
    from .document import IssueDocument
    from .last_week import LastWeek
    from .safekeeping import Safekeeping

    _Window = QMainWindow
else:
    _Window = object  # mixed into MainWindow, which is the QMainWindow

APP_NAME = "周报编辑器"


def today() -> dt.date:
    """The date a new issue is dated (tests fix it)."""
    return dt.date.today()


def _is_word(path: Path) -> bool:
    return path.suffix.lower() == ".docx"


def open_path(path: Path) -> None:
    """Open a document or folder with the system's program (tests replace this)."""
    QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))  # named when first used


def offer_to_open(parent: QWidget, path: Path) -> None:
    """After an export: open the file or its folder, as the user chooses."""
    choice = dialogs.offer_open_export(parent, path)
    if choice is dialogs.AfterExport.OPEN_DOCUMENT:
        open_path(path)
    elif choice is dialogs.AfterExport.OPEN_FOLDER:
        open_path(path.parent)


class FileActions(_Window):
    """Mixed into MainWindow: works on its `document`, `safekeeping` and `checks_dock`."""

    document: IssueDocument | None
    safekeeping: Safekeeping
    checks_dock: ChecksPanel
    recent_menu: QMenu
    last_week: LastWeek

    if TYPE_CHECKING:  # MainWindow's

        def current_path(self) -> Path | None: ...
        def is_modified(self) -> bool: ...
        def open_issue(self, issue: Issue, path: Path | None = None, modified: bool = False) -> None: ...
        def refresh_checks(self) -> list[Finding]: ...
        def navigate(self, place: Place) -> None: ...

    def _update_title(self) -> None:
        path = self.current_path()
        name = path.name if path else "未命名"
        self.setWindowTitle(f"{name}[*] - {APP_NAME}")
        self.setWindowModified(self.is_modified())

    def maybe_save(self) -> bool:
        """True when the open issue may be replaced: saved, discarded, or never changed."""
        if not self.is_modified():
            return True
        path = self.current_path()
        answer = dialogs.ask_unsaved(self, path.name if path else "未命名周报")
        if answer is dialogs.Unsaved.SAVE:
            return self.save()
        return answer is dialogs.Unsaved.DISCARD

    def new_issue(self) -> None:
        if self.maybe_save():
            self.last_week.made_from = None
            self.open_issue(blank_issue(today()))

    def open_sample(self) -> bool:
        """The built-in 2022 No. 28 issue, without a path: Save asks where, the shipped one stays."""
        if not self.maybe_save():
            return False
        self.last_week.made_from = None
        self.open_issue(load_sample())
        return True

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = dialogs.ask_open_path(self, str(self._folder("issues")))
            if path is None:
                return False
            settings.remember_folder("issues", path)
        try:
            issue = self.load_file(path)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            if not path.exists():
                settings.remove_recent_file(path)
            return False
        self.last_week.made_from = None
        # An issue read from Word has no issue file yet: Save asks where, the .docx stays as it is.
        self.open_issue(issue, None if _is_word(path) else path)
        settings.add_recent_file(path, issue_line(issue))
        return True

    def load_file(self, path: Path) -> Issue:
        """Read an issue file or a Word document (raises BulletinError with the reason)."""
        if not _is_word(path):
            return load_issue(path)
        from ..formats.docx.reader import read_docx

        result = read_docx(path)
        if result.report:
            dialogs.show_info(self, "从 Word 文档读入", "\n".join(result.report))
        return result.issue

    def open_archived(self, path: Path, source: Place | None = None) -> None:
        """Open an issue from the archive, at the found item's printed source when given."""
        if self.open_file(path) and source:
            self.navigate(source)

    def start_next_from(self, path: Path) -> None:
        """Start the next issue from the issue in `path` (the archive's 'next issue')."""
        if not self.maybe_save():
            return
        try:
            previous = self.load_file(path)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return
        self._start_next(previous)

    def save(self) -> bool:
        if self.document is None:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if self.document is None:
            return False
        path = dialogs.ask_save_path(self, str(self.safekeeping.suggested_path()))
        if path is None:
            return False
        settings.remember_folder("issues", path)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        document = self.document
        assert document is not None  # save and save_as asked
        try:
            self.safekeeping.save(document.issue, path)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return False
        document.path = path
        document.undo_stack.setClean()
        self._update_title()
        settings.add_recent_file(path, issue_line(document.issue))
        self.statusBar().showMessage(f"已保存到“{path}”", 5000)
        return True

    def _folder(self, kind: str) -> Path:
        """Where a file dialog of this kind starts: where the last one ended, else beside the
        open issue, else beside the last file opened."""
        remembered = settings.last_folder(kind)
        if remembered is not None:
            return remembered
        path = self.current_path()
        if path is not None:
            return path.parent
        recent = settings.recent_files()
        return recent[0].parent if recent else Path.home()

    def _suggested_name(self, document: IssueDocument, suffix: str) -> str:
        path = self.current_path()
        if path is not None:
            return path.stem + suffix
        m = document.issue.masthead
        return f"{m.year}年第{m.number}期{suffix}"

    def export_release(self) -> Path | None:
        """The distribution copy (发布稿): the visible document with no embedded data at all."""
        return self.export_word(release=True)

    def export_word(self, *, release: bool = False) -> Path | None:
        if self.document is None or not self.export_checked():
            return None
        ask = dialogs.ask_release_path if release else dialogs.ask_export_path
        suffix = "（发布稿）.docx" if release else ".docx"
        path = ask(self, str(self._folder("exports") / self._suggested_name(self.document, suffix)))
        if path is None:
            return None
        settings.remember_folder("exports", path)
        from ..formats.docx.writer import export_docx  # python-docx loads on first export, not at start

        try:
            export_docx(self.document.issue, path, embed=not release)
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return None
        self.statusBar().showMessage(f"已导出{'发布稿' if release else ''}到“{path}”", 5000)
        offer_to_open(self, path)
        return path

    def export_checked(self) -> bool:
        """The checks run and, with findings, shown in their panel and the export confirmed."""
        findings = self.refresh_checks()
        if not findings:
            return True
        from ..model.checks import UNIT_DATE_TOO_LONG  # imported by the checks just run

        self.checks_dock.show()
        wrapping = [f for f in findings if f.code == UNIT_DATE_TOO_LONG]
        if wrapping:
            return dialogs.confirm_export_wrapping_unit_date(self, wrapping[0].message, len(findings) - 1)
        return dialogs.confirm_export_with_findings(self, len(findings))

    def make_next_issue(self) -> None:
        """Replace the open issue by the next one, made from this one as saved; with unsaved
        edits, the user chooses: save them first, or make it from the editor's state."""
        if self.document is None:
            return
        previous = None
        if self.is_modified():
            path = self.current_path()
            answer = dialogs.ask_next_from_unsaved(self, path.name if path else "未命名周报")
            if answer is dialogs.NextFrom.CANCEL or (answer is dialogs.NextFrom.SAVE and not self.save()):
                return
            if answer is dialogs.NextFrom.EDITOR:
                previous = copy.deepcopy(self.document.issue)
        if previous is None:
            path = self.current_path()
            try:
                previous = load_issue(path) if path is not None else copy.deepcopy(self.document.issue)
            except BulletinError as exc:
                dialogs.show_error(self, str(exc))
                return
        self._start_next(previous)

    def _start_next(self, previous: Issue) -> None:
        issue = next_issue(previous)
        self.open_issue(issue, modified=True)
        self.last_week.made_from = previous
        self.refresh_checks()
        self.statusBar().showMessage(f"已生成第{issue.masthead.number}期：请填写统计数字和本周动态", 8000)

    def collect_submissions(self, paths: list[Path] | None = None) -> None:
        """Read submission files off the GUI thread, then show them for review (收集投稿)."""
        from .collect_dialog import submission_paths  # loaded on first use, not at start-up

        if self.document is None:
            return
        if paths is None:
            paths = dialogs.ask_submission_paths(self, str(self._folder("submissions")))
            if not paths:
                return
            settings.remember_folder("submissions", paths[0])
        paths = submission_paths(paths)
        if not paths:
            dialogs.show_error(self, "没有可以收集的投稿：请选择 Word 文档（.docx）或文本文件（.txt）")
            return
        from ..formats.submissions import read_submission
        from .background import run_with_progress

        def read_all(report: Report) -> list[tuple[str, list[str]]]:
            read = []
            for done, path in enumerate(paths):
                report(done / len(paths))
                read.append(read_submission(path))
            return read

        try:
            submissions = run_with_progress(self, f"正在读取 {len(paths)} 份投稿…", read_all)
        except Cancelled:
            return
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return
        self._review_submissions(submissions)

    def _review_submissions(self, submissions: list[tuple[str, list[str]]]) -> None:
        from ..model.submissions import propose
        from ..storage.word_lists import user_departments
        from .collect_dialog import CollectDialog

        if self.document is None:
            return
        try:
            collection = propose(
                self.document.issue,
                submissions,
                self.document.previous_issue(),
                departments=user_departments(),
            )
        except BulletinError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.collect_report = collection.report
        self.collect_dialog = CollectDialog(self.document, collection, self)
        self.collect_dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                f"已收集 {sum(p.include for p in collection.proposals)} 条投稿（可撤销）", 8000
            )
        )
        self.collect_dialog.open()

    def show_collect_report(self) -> None:
        report = getattr(self, "collect_report", None)
        dialogs.show_info(
            self, "上次收集投稿的推断", "\n".join(report) if report else "本次运行还没有收集过投稿。"
        )

    def show_archive(self) -> None:
        from .archive_window import show_archive  # written in the archive issue; loaded on demand

        show_archive(self)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        self.recent_menu.setToolTipsVisible(True)
        paths = settings.recent_files()
        labels = settings.recent_labels()
        shown = [labels.get(path, str(path)) for path in paths]
        for path, text in zip(paths, shown, strict=True):
            if shown.count(text) > 1:  # two files of one issue (a copy): tell them apart
                text = f"{text}　{path.name}"
            action = self.recent_menu.addAction(text, functools.partial(self.open_file, path))
            action.setToolTip(str(path))
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)
