"""PDF and printing: LibreOffice for real; Word and WPS with a stand-in COM object."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rendering import FONTS_CONF, page_texts

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats import office
from bulletin_editor.formats.office import (
    Installed,
    LibreOfficeRoute,
    export_pdf,
    print_issue,
    routes,
)

PRINTED_PAGE_ENDS = ["压减批", "安全防", "窗口工作人", "政务平台服"]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    """`bulletin-editor export --sample -o s.pdf`, LibreOffice using the test fonts."""
    folder = tmp_path_factory.mktemp("pdf")
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), TMPDIR=str(folder))
    subprocess.run(
        [sys.executable, "-m", "bulletin_editor", "export", "--sample", "-o", str(folder / "s.pdf")],
        check=True,
        env=env,
        timeout=300,
    )
    return folder / "s.pdf"


def test_the_sample_pdf_has_five_pages_ending_as_the_print(sample_pdf):
    pages = page_texts(sample_pdf)
    assert len(pages) == 5
    for page, end in zip(pages, PRINTED_PAGE_ENDS):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert "".join(lines[-2].split()).endswith(end)


def test_the_sample_pdf_reads_as_the_canonical_text(sample_pdf, canonical_lines):
    text = subprocess.run(
        ["pdftotext", str(sample_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = re.sub(r"—\s*\d+\s*—", "", text)  # page numbers
    assert "".join(text.split()) == "".join("".join(canonical_lines).split())


def test_the_pdf_carries_title_and_author(sample_pdf):
    info = subprocess.run(["pdfinfo", str(sample_pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+窗口工作周报 2022年第28期（总第403期）$", info, re.M)
    assert re.search(r"^Author:\s+四川省政府政务服务和公共资源交易服务中心$", info, re.M)


def test_only_the_pdf_is_left_beside_it(sample_pdf):
    assert sorted(p.name for p in sample_pdf.parent.iterdir()) == ["s.pdf"]


# --- route selection -------------------------------------------------------------------------


def test_routes_are_tried_word_then_wps_then_libreoffice():
    everything = routes(Installed(word=True, wps=True, soffice=Path("/lo/soffice")))
    assert [r.name for r in everything] == ["Microsoft Word", "WPS Office", "LibreOffice"]
    assert [r.prog_id for r in everything[:2]] == ["Word.Application", "KWPS.Application"]
    assert [r.name for r in routes(Installed(word=False, wps=True, soffice=None))] == ["WPS Office"]


def test_without_any_office_program_the_message_names_what_to_install(sample_issue, tmp_path):
    with pytest.raises(BulletinError) as error:
        export_pdf(sample_issue, tmp_path / "a.pdf", available=routes(Installed(False, False, None)))
    assert all(name in str(error.value) for name in ("Word", "WPS", "LibreOffice"))
    assert list(tmp_path.iterdir()) == []


def test_soffice_is_found_on_path_or_in_its_install_folder(tmp_path):
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert office.soffice_path({"PATH": str(program.parent)}) == program
    standard = office.soffice_path({"PATH": str(tmp_path / "empty")})
    assert standard is None or standard in office._standard_soffice_places({})


# --- Word and WPS through a stand-in COM object ---------------------------------------------


class StandInDocument:
    def __init__(self, calls):
        self.calls = calls

    def ExportAsFixedFormat(self, **kwargs):
        self.calls.append(("ExportAsFixedFormat", kwargs))
        Path(kwargs["OutputFileName"]).write_bytes(b"%PDF-1.7 stand-in")

    def PrintOut(self, **kwargs):
        self.calls.append(("PrintOut", kwargs))

    def SaveAs2(self, **kwargs):
        self.calls.append(("SaveAs2", kwargs))
        Path(kwargs["FileName"]).write_bytes(self.source)

    def Close(self, **kwargs):
        self.calls.append(("Close", kwargs))


class StandInDocuments:
    def __init__(self, calls):
        self.calls = calls

    def Open(self, **kwargs):
        self.calls.append(("Open", kwargs))
        assert Path(kwargs["FileName"]).read_bytes().startswith(b"PK")  # the .docx is there
        document = StandInDocument(self.calls)
        document.source = Path(kwargs["FileName"]).read_bytes()
        return document


class StandInApplication:
    def __init__(self, prog_id, calls):
        self.prog_id = prog_id
        self.calls = calls
        self.Documents = StandInDocuments(calls)

    def __setattr__(self, name, value):
        if name[0].isupper() and name != "Documents":
            self.calls.append(("set " + name, value))
        object.__setattr__(self, name, value)

    def Quit(self, **kwargs):
        self.calls.append(("Quit", kwargs))


@pytest.fixture
def com():
    calls = []
    started = []

    def dispatch(prog_id):
        started.append(prog_id)
        return StandInApplication(prog_id, calls)

    return dispatch, calls, started


@pytest.mark.parametrize(
    "have, prog_id", [((True, True), "Word.Application"), ((False, True), "KWPS.Application")]
)
def test_pdf_through_com_exports_as_fixed_format(sample_issue, tmp_path, com, have, prog_id):
    dispatch, calls, started = com
    available = routes(Installed(*have, soffice=Path("/lo/soffice")), dispatch=dispatch)
    export_pdf(sample_issue, tmp_path / "周报.pdf", available=available)
    assert started == [prog_id]
    assert (tmp_path / "周报.pdf").read_bytes() == b"%PDF-1.7 stand-in"
    names = [name for name, _ in calls]
    assert names == ["set Visible", "set DisplayAlerts", "Open", "ExportAsFixedFormat", "Close", "Quit"]
    opened = dict(calls)["Open"]
    assert opened["ReadOnly"] is True and opened["AddToRecentFiles"] is False
    exported = dict(calls)["ExportAsFixedFormat"]
    assert exported["ExportFormat"] == 17  # wdExportFormatPDF
    assert exported["IncludeDocProps"] is True and exported["OpenAfterExport"] is False
    assert dict(calls)["Close"] == {"SaveChanges": 0}
    assert list(tmp_path.iterdir()) == [tmp_path / "周报.pdf"]


def test_print_through_com_sets_the_printer_and_copies(sample_issue, com):
    dispatch, calls, _ = com
    available = routes(Installed(True, False, None), dispatch=dispatch)
    assert print_issue(sample_issue, "HP LaserJet", 80, available=available) == "Microsoft Word"
    assert ("set ActivePrinter", "HP LaserJet") in calls
    assert dict(calls)["PrintOut"] == {"Background": False, "Copies": 80, "Collate": True}


def test_a_com_program_that_will_not_start_says_so(sample_issue, tmp_path):
    def broken(prog_id):
        raise OSError("服务器运行失败")

    with pytest.raises(BulletinError, match="无法启动 Microsoft Word"):
        export_pdf(
            sample_issue, tmp_path / "a.pdf", available=routes(Installed(True, False, None), dispatch=broken)
        )
    assert list(tmp_path.iterdir()) == []


# --- LibreOffice's command lines ---------------------------------------------------------------


def test_libreoffice_prints_with_a_private_profile_to_the_chosen_printer(sample_issue):
    commands = []
    route = LibreOfficeRoute(Path("/lo/soffice"), run=lambda command, cancelled: commands.append(command))
    print_issue(sample_issue, "办公室打印机", 3, available=[route])
    (command,) = commands
    assert command[0] == "/lo/soffice" and "--headless" in command
    profile = next(arg for arg in command if arg.startswith("-env:UserInstallation=file://"))
    assert "bulletin-lo-" in profile
    at = command.index("--pt")
    assert command[at + 1] == "办公室打印机"
    assert len(command[at + 2 :]) == 3 and all(arg.endswith(".docx") for arg in command[at + 2 :])


def test_a_cancelled_conversion_stops_libreoffice(sample_issue, tmp_path):
    sleeper = tmp_path / "soffice"
    sleeper.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    sleeper.chmod(0o755)
    with pytest.raises(BulletinError, match="已取消"):
        export_pdf(
            sample_issue, tmp_path / "a.pdf", available=[LibreOfficeRoute(sleeper)], cancelled=lambda: True
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["soffice"]


@pytest.mark.parametrize(
    "have, prog_id", [((True, False), "Word.Application"), ((False, True), "KWPS.Application")]
)
def test_an_old_word_submission_is_saved_as_docx_through_com(tmp_path, com, have, prog_id):
    from docx import Document

    from bulletin_editor.formats.submissions import _converted

    dispatch, calls, started = com
    source = tmp_path / "应急厅.doc"
    document = Document()
    document.add_paragraph("近日，应急厅窗口组织培训。")
    document.save(source)  # the stand-in opens anything; Word would open the real .doc
    lines = _converted(source, routes(Installed(*have, soffice=None), dispatch=dispatch))
    assert started == [prog_id] and lines == ["近日，应急厅窗口组织培训。"]
    saved = dict(calls)["SaveAs2"]
    assert saved["FileFormat"] == 16 and saved["FileName"].endswith("应急厅.docx")  # wdFormatXMLDocument
    assert dict(calls)["Open"]["ReadOnly"] is True and dict(calls)["Close"] == {"SaveChanges": 0}


def test_an_old_word_submission_without_any_office_program_says_what_to_do(tmp_path):
    from bulletin_editor.formats.submissions import _converted

    (tmp_path / "a.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(BulletinError, match=r"另存为 \.docx"):
        _converted(tmp_path / "a.wps", [])
