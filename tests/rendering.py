"""Render .docx through LibreOffice to PDF and read the pages back (poppler's pdftotext)."""

import os
import shutil
import subprocess
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")


def render_pdf(docx: Path, profile: Path) -> Path:
    """Convert with a private LibreOffice profile; a missing LibreOffice fails, never skips."""
    return render_pdfs([docx], profile)[0]


def render_pdfs(docxs: list[Path], profile: Path) -> list[Path]:
    """Convert several documents of one folder in one LibreOffice run."""
    folder = docxs[0].parent
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required for rendering tests"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docxs),
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=180 * len(docxs),
    )
    pdfs = [docx.with_suffix(".pdf") for docx in docxs]
    for pdf in pdfs:
        assert pdf.exists(), f"LibreOffice wrote no PDF for {pdf.with_suffix('.docx')}"
    return pdfs


def page_texts(pdf: Path, layout: bool = True) -> list[str]:
    """The text of each page; form feeds separate pages in pdftotext's output."""
    args = ["pdftotext", "-layout", str(pdf), "-"] if layout else ["pdftotext", str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]
