"""文件 ▸ 导出 PDF… and 文件 ▸ 打印…: the official .docx converted or printed by the office
program this PC has (formats/office.py: Word, else WPS, else LibreOffice), off the GUI thread.

Both run the checks first: with findings, the checks panel is shown and the user asked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from ..errors import BulletinError, Cancelled
from ..storage import settings
from . import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from ..formats.office import Route
    from ..model.checks import Finding
    from .background import Report
    from .checks_panel import ChecksPanel
    from .document import IssueDocument


class PrintActions:
    """Mixed into MainWindow."""

    if TYPE_CHECKING:
        document: IssueDocument | None
        checks_dock: ChecksPanel

        def refresh_checks(self) -> list[Finding]: ...
        def export_checked(self) -> bool: ...
        def statusBar(self) -> QStatusBar: ...
        def _folder(self, kind: str) -> Path: ...
        def _suggested_name(self, document: IssueDocument, suffix: str) -> str: ...

    def _window(self) -> QWidget:
        return cast(QWidget, self)

    def _office_routes(self) -> list[Route] | None:
        """The routes this PC has; None (and the user told what to install) when it has none."""
        from ..formats import office

        available = office.routes()
        if not available:
            dialogs.show_error(self._window(), office.NONE_INSTALLED)
            return None
        return available

    def export_pdf(self) -> Path | None:
        if self.document is None or not self.export_checked():
            return None
        available = self._office_routes()
        if available is None:
            return None
        path = dialogs.ask_pdf_path(
            self._window(),
            str(self._folder("exports") / self._suggested_name(self.document, ".pdf")),
        )
        if path is None:
            return None
        settings.remember_folder("exports", path)
        from ..formats.office import export_pdf

        issue = copy.deepcopy(self.document.issue)  # the editor may change its own meanwhile
        route = self._off_thread(
            f"正在生成 PDF（{available[0].name}）…",
            lambda cancelled: export_pdf(issue, path, available, cancelled),
        )
        if route is None:
            return None
        self.statusBar().showMessage(f"已通过 {route} 导出 PDF 到“{path}”", 5000)
        from .file_actions import offer_to_open

        offer_to_open(self._window(), path)
        return path

    def print_issue(self) -> bool:
        if self.document is None:
            return False
        findings = self.refresh_checks()
        if findings:
            self.checks_dock.show()
            if not dialogs.confirm_print_with_findings(self._window(), len(findings)):
                return False
        available = self._office_routes()
        if available is None:
            return False
        from PySide6.QtPrintSupport import QPrinterInfo

        issue = copy.deepcopy(self.document.issue)
        asked = dialogs.ask_print(
            self._window(),
            QPrinterInfo.availablePrinterNames(),
            QPrinterInfo.defaultPrinterName() or None,
            issue.distribution.copies or 1,
        )
        if asked is None:
            return False
        printer, copies = asked
        from ..formats.office import print_issue

        route = self._off_thread(
            f"正在通过 {available[0].name} 打印 {copies} 份…",
            lambda cancelled: print_issue(issue, printer, copies, available, cancelled),
        )
        if route is None:
            return False
        self.statusBar().showMessage(f"已通过 {route} 送往{printer or '默认打印机'}（{copies} 份）", 8000)
        return True

    def _off_thread(self, text: str, work: Callable[[Callable[[], bool]], str]) -> str | None:
        """Run office work in the background, `work(cancelled)`; its result, or None when it
        failed (the user is told why) or was cancelled."""
        from .background import run_with_progress

        stopped = False

        def run(report: Report) -> str:
            def cancelled() -> bool:
                nonlocal stopped
                try:
                    report(0.5)
                except Cancelled:  # office.py then stops the office program and raises
                    stopped = True
                return stopped

            report(0.05)
            return work(cancelled)

        try:
            return run_with_progress(self._window(), text, run)
        except Cancelled:
            return None
        except BulletinError as exc:
            if not stopped:
                dialogs.show_error(self._window(), str(exc))
            return None
