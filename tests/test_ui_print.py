"""文件 ▸ 导出 PDF… and 文件 ▸ 打印… in the real window: LibreOffice for real, printing with
a stand-in route (the test machine has no printer), the checks first, cancel, no route."""

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from rendering import FONTS_CONF, page_texts

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats import office
from bulletin_editor.ui import dialogs

PRINTED_PAGE_ENDS = ["压减批", "安全防", "窗口工作人", "政务平台服"]  # tests/data/print-2022-28.txt


class StandInRoute(office.Route):
    name = "测试打印程序"

    def __init__(self, wait_for_cancel: bool = False):
        self.printed: list[tuple[str, str | None, int]] = []
        self.wait_for_cancel = wait_for_cancel

    def print(self, docx, printer, copies, cancelled=None):
        deadline = time.monotonic() + 10
        while self.wait_for_cancel:
            if cancelled():
                raise BulletinError("已取消")
            if time.monotonic() > deadline:
                raise BulletinError("never cancelled")  # the fixture fails on the error shown
            time.sleep(0.05)
        assert docx.read_bytes().startswith(b"PK")  # the official .docx, written first
        self.printed.append((docx.suffix, printer, copies))


def test_export_pdf_through_libreoffice(window, monkeypatch, tmp_path):
    """From the menu, LibreOffice (with the test fonts) writes the five pages of the print."""
    target = tmp_path / "周报.pdf"
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda parent, suggestion: target)
    offered = []
    monkeypatch.setattr(
        dialogs, "offer_open_export", lambda parent, path: offered.append(path) or dialogs.AfterExport.NOTHING
    )
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))  # for LibreOffice; Qt has read its fonts
    window.actions_by_name["export_pdf"].trigger()
    assert offered == [target]
    assert target.read_bytes().startswith(b"%PDF")
    pages = page_texts(target)
    assert len(pages) == 5
    for page, end in zip(pages, PRINTED_PAGE_ENDS):
        lines = [line for line in page.splitlines() if line.strip()]
        assert "".join(lines[-2].split()).endswith(end)  # the last line above the page number
    assert "（共印80份）" in "".join(pages[-1].split())


def test_without_an_office_program_the_user_is_told_what_to_install(window, monkeypatch):
    monkeypatch.setattr(office, "routes", lambda: [])
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    window.actions_by_name["export_pdf"].trigger()
    window.actions_by_name["print"].trigger()
    assert errors == [office.NONE_INSTALLED] * 2
    assert "LibreOffice" in office.NONE_INSTALLED


def test_print_with_printer_and_copies(window, monkeypatch):
    route = StandInRoute()
    monkeypatch.setattr(office, "routes", lambda: [route])
    asked = []

    def ask_print(parent, printers, default, copies):
        asked.append(copies)
        return "二楼打印机", 3

    monkeypatch.setattr(dialogs, "ask_print", ask_print)
    assert window.actions_by_name["print"].shortcut().toString() == "Ctrl+P"
    window.actions_by_name["print"].trigger()
    assert asked == [80]  # the issue's own （共印80份） is offered
    assert route.printed == [(".docx", "二楼打印机", 3)]
    assert "3 份" in window.statusBar().currentMessage()


def test_print_with_findings_shows_the_checks_first(window, monkeypatch):
    route = StandInRoute()
    monkeypatch.setattr(office, "routes", lambda: [route])
    window.checks_dock.hide()
    section = window.document.issue.parts[0].sections[2]
    window.document.set_value(section.items[0], "text", "", "清空")
    shown = []

    def confirm(parent, count):
        shown.append((window.checks_dock.isVisible(), count))
        return False

    monkeypatch.setattr(dialogs, "confirm_print_with_findings", confirm)
    assert window.print_issue() is False
    assert shown and shown[0][0] and shown[0][1] >= 1
    assert route.printed == []


def test_cancel_stops_printing_quietly(window, monkeypatch):
    route = StandInRoute(wait_for_cancel=True)
    monkeypatch.setattr(office, "routes", lambda: [route])
    monkeypatch.setattr(dialogs, "ask_print", lambda parent, printers, default, copies: (None, 1))

    def cancel():
        (progress,) = window.findChildren(QProgressDialog)
        (button,) = [b for b in progress.findChildren(QPushButton) if b.text() == "取消"]
        button.click()

    QTimer.singleShot(600, cancel)  # the dialog shows after 400 ms
    assert window.print_issue() is False  # no error shown: the fixture fails on show_error
    assert route.printed == []
