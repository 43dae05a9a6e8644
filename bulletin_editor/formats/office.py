"""PDF and printing through the office program this PC has: Word, else WPS, else LibreOffice.

The official .docx is written first; the office program converts or prints it, so the PDF and
the paper are what Word (or WPS, or LibreOffice) makes of the export, never a second layout.
Word and WPS are driven through COM automation (WPS's server `KWPS.Application` has Word's
object model); LibreOffice through its command line, with a private profile folder so that it
does not collide with a LibreOffice the user has open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BulletinError
from ..model import Issue
from ..storage.atomic import atomic_write
from .docx.writer import export_docx

# Word's enumerations (Word VBA reference: WdExportFormat, WdExportOptimizeFor, WdExportRange,
# WdExportItem, WdExportCreateBookmarks, WdSaveOptions); WPS uses the same values.
WD_EXPORT_FORMAT_PDF = 17
WD_EXPORT_OPTIMIZE_FOR_PRINT = 0
WD_EXPORT_ALL_DOCUMENT = 0
WD_EXPORT_DOCUMENT_CONTENT = 0
WD_EXPORT_CREATE_HEADING_BOOKMARKS = 1
WD_DO_NOT_SAVE_CHANGES = 0
WD_FORMAT_XML_DOCUMENT = 16  # wdFormatXMLDocument: .docx

NONE_INSTALLED = "这台电脑上没有找到 Microsoft Word、WPS Office 或 LibreOffice，无法生成 PDF 或打印。请安装其中之一（LibreOffice 免费）后再试"
_TIMEOUT_S = 300

Cancelled = Callable[[], bool]


class Route:
    """One office program that turns the .docx into a PDF or paper."""

    name: str

    def to_pdf(self, docx: Path, pdf: Path, cancelled: Cancelled | None = None) -> None:
        raise NotImplementedError

    def print(self, docx: Path, printer: str | None, copies: int, cancelled: Cancelled | None = None) -> None:
        raise NotImplementedError

    def to_docx(self, source: Path, docx: Path) -> None:
        """An older Word or WPS file (.doc, .wps) saved as .docx."""
        raise NotImplementedError


class ComRoute(Route):
    """Word (`Word.Application`) or WPS (`KWPS.Application`) through COM automation.

    `dispatch(prog_id)` starts the program's automation object: pywin32's DispatchEx, a
    separate instance, so the user's open documents and windows are left alone."""

    def __init__(self, name: str, prog_id: str, dispatch: Callable[[str], Any] | None = None) -> None:
        self.name = name
        self.prog_id = prog_id
        self._dispatch = dispatch or _pywin32_dispatch

    def _with_document(self, docx: Path, work: Callable[[Any, Any], None]) -> None:
        try:
            application = self._dispatch(self.prog_id)
        except Exception as exc:  # COM raises pywintypes.com_error; its text is the program's
            raise BulletinError(f"无法启动 {self.name}：{exc}") from exc
        try:
            application.Visible = False
            application.DisplayAlerts = 0  # wdAlertsNone: no dialog may block a program no one sees
            document = application.Documents.Open(
                FileName=str(docx),
                ConfirmConversions=False,
                ReadOnly=True,
                AddToRecentFiles=False,
                Visible=False,
            )
            try:
                work(application, document)
            finally:
                document.Close(SaveChanges=WD_DO_NOT_SAVE_CHANGES)
        except BulletinError:
            raise
        except Exception as exc:
            raise BulletinError(f"{self.name} 处理文档时出错：{exc}") from exc
        finally:
            application.Quit(SaveChanges=WD_DO_NOT_SAVE_CHANGES)

    def to_pdf(self, docx: Path, pdf: Path, cancelled: Cancelled | None = None) -> None:
        def export(application, document) -> None:
            document.ExportAsFixedFormat(
                OutputFileName=str(pdf),
                ExportFormat=WD_EXPORT_FORMAT_PDF,
                OpenAfterExport=False,
                OptimizeFor=WD_EXPORT_OPTIMIZE_FOR_PRINT,
                Range=WD_EXPORT_ALL_DOCUMENT,
                Item=WD_EXPORT_DOCUMENT_CONTENT,
                IncludeDocProps=True,  # the title and author of the .docx travel into the PDF
                KeepIRM=True,
                CreateBookmarks=WD_EXPORT_CREATE_HEADING_BOOKMARKS,
                DocStructureTags=True,
                BitmapMissingFonts=True,
                UseISO19005_1=False,
            )

        self._with_document(docx, export)

    def print(self, docx: Path, printer: str | None, copies: int, cancelled: Cancelled | None = None) -> None:
        def print_out(application, document) -> None:
            if printer:
                # Setting ActivePrinter on our own instance leaves the user's Word as it was.
                application.ActivePrinter = printer
            document.PrintOut(Background=False, Copies=copies, Collate=True)

        self._with_document(docx, print_out)

    def to_docx(self, source: Path, docx: Path) -> None:
        def save_as(application, document) -> None:
            document.SaveAs2(FileName=str(docx), FileFormat=WD_FORMAT_XML_DOCUMENT, AddToRecentFiles=False)

        self._with_document(source, save_as)


def _pywin32_dispatch(prog_id: str) -> Any:
    import win32com.client  # pywin32, Windows only

    return win32com.client.DispatchEx(prog_id)


class LibreOfficeRoute(Route):
    name = "LibreOffice"

    def __init__(self, soffice: Path, run: Callable[..., None] | None = None) -> None:
        self.soffice = soffice
        self._run = run or _run_cancellable

    def _command(self, profile: Path, *arguments: str) -> list[str]:
        return [
            str(self.soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            *arguments,
        ]

    def to_pdf(self, docx: Path, pdf: Path, cancelled: Cancelled | None = None) -> None:
        with tempfile.TemporaryDirectory(prefix="bulletin-lo-") as scratch:
            out = Path(scratch) / "out"
            self._run(
                self._command(
                    Path(scratch) / "profile", "--convert-to", "pdf", "--outdir", str(out), str(docx)
                ),
                cancelled,
            )
            made = out / (docx.stem + ".pdf")
            if not made.exists():
                raise BulletinError("LibreOffice 没有生成 PDF，请用 LibreOffice 打开导出的 Word 文档查看")
            shutil.move(made, pdf)

    def to_docx(self, source: Path, docx: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="bulletin-lo-") as scratch:
            out = Path(scratch) / "out"
            command = ["--convert-to", "docx", "--outdir", str(out), str(source)]
            self._run(self._command(Path(scratch) / "profile", *command), None)
            made = out / (source.stem + ".docx")
            if not made.exists():
                raise BulletinError(f"LibreOffice 没能转换“{source.name}”")
            shutil.move(made, docx)

    def print(self, docx: Path, printer: str | None, copies: int, cancelled: Cancelled | None = None) -> None:
        # soffice's command line has no copies option: each copy is the document once more.
        target = ["--pt", printer] if printer else ["-p"]
        with tempfile.TemporaryDirectory(prefix="bulletin-lo-") as scratch:
            self._run(self._command(Path(scratch) / "profile", *target, *[str(docx)] * copies), cancelled)


def _run_cancellable(command: list[str], cancelled: Cancelled | None) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + _TIMEOUT_S
    while process.poll() is None:
        if (cancelled and cancelled()) or time.monotonic() > deadline:
            process.kill()
            process.wait()
            if cancelled and cancelled():
                raise BulletinError("已取消")
            raise BulletinError(f"LibreOffice 超过 {_TIMEOUT_S} 秒仍未完成，已停止")
        time.sleep(0.1)
    if process.returncode:
        error = (process.stderr.read() if process.stderr else b"").decode(errors="replace").strip()
        raise BulletinError(f"LibreOffice 出错（退出码 {process.returncode}）：{error[-200:] or '无输出'}")


# --- which programs this PC has ------------------------------------------------------------


def soffice_path(environ: dict[str, str] | None = None) -> Path | None:
    """LibreOffice's soffice: on PATH, else in its standard install folders."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return Path(found)
    for candidate in _standard_soffice_places(environ):
        if candidate.is_file():
            return candidate
    return None


def _standard_soffice_places(environ: dict[str, str]) -> list[Path]:
    if sys.platform == "win32":
        roots = [
            environ.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")
        ]
        return [
            Path(root) / folder / "program" / "soffice.exe"
            for root in roots
            if root
            for folder in ("LibreOffice", "LibreOffice 7", "Programs/LibreOffice")
        ]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    places = [Path("/usr/lib/libreoffice/program/soffice"), Path("/usr/local/bin/soffice")]
    places += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return places


def com_server_registered(prog_id: str) -> bool:
    """Is an automation server registered under this ProgID (HKEY_CLASSES_ROOT\\ProgID\\CLSID)?"""
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, rf"{prog_id}\CLSID"):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Installed:
    """What this PC has, found once: the inputs of `routes`."""

    word: bool
    wps: bool
    soffice: Path | None


def installed() -> Installed:
    return Installed(
        com_server_registered("Word.Application"), com_server_registered("KWPS.Application"), soffice_path()
    )


def routes(have: Installed | None = None, dispatch: Callable[[str], Any] | None = None) -> list[Route]:
    """The routes in the order they are tried: Word, WPS, LibreOffice."""
    have = have or installed()
    found: list[Route] = []
    if have.word:
        found.append(ComRoute("Microsoft Word", "Word.Application", dispatch))
    if have.wps:
        found.append(ComRoute("WPS Office", "KWPS.Application", dispatch))
    if have.soffice:
        found.append(LibreOfficeRoute(have.soffice))
    return found


def _first_route(available: list[Route] | None) -> Route:
    available = routes() if available is None else available
    if not available:
        raise BulletinError(NONE_INSTALLED)
    return available[0]


def export_pdf(
    issue: Issue,
    path: str | os.PathLike,
    available: list[Route] | None = None,
    cancelled: Cancelled | None = None,
) -> str:
    """Write the issue as PDF atomically, through the first route; returns the route's name."""
    route = _first_route(available)
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="bulletin-pdf-") as scratch:
        docx = Path(scratch) / (path.stem + ".docx")
        export_docx(issue, docx)
        pdf = Path(scratch) / "converted.pdf"
        route.to_pdf(docx, pdf, cancelled)
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF"):
            raise BulletinError(f"{route.name} 生成的文件不是 PDF")
        atomic_write(path, data)
    return route.name


def print_issue(
    issue: Issue,
    printer: str | None = None,
    copies: int = 1,
    available: list[Route] | None = None,
    cancelled: Cancelled | None = None,
) -> str:
    """Print the official .docx through the first route; returns the route's name."""
    route = _first_route(available)
    with tempfile.TemporaryDirectory(prefix="bulletin-print-") as scratch:
        docx = Path(scratch) / "周报.docx"
        export_docx(issue, docx)
        route.print(docx, printer, copies, cancelled)
    return route.name
