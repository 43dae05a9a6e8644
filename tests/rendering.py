"""Render .docx through LibreOffice to PDF and read the pages back (poppler's pdftotext)."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

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


MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # millimetres from the page's left and top edges
    top: float
    x1: float
    bottom: float


def page_words(pdf: Path) -> list[list[Word]]:
    """Every word of every page with its box (pdftotext -bbox)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ElementTree.fromstring(xhtml)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        pages.append(
            [
                Word(
                    w.text or "",
                    *(float(w.get(k)) * MM_PER_PT for k in ("xMin", "yMin", "xMax", "yMax")),
                )
                for w in page.iter("{http://www.w3.org/1999/xhtml}word")
            ]
        )
    return pages


@dataclass(frozen=True)
class Raster:
    """One page in grey levels at `dpi`, to find what text boxes do not tell: rules, baselines."""

    width: int
    height: int
    pixels: bytes
    dpi: int

    def dark(self, x: int, y: int) -> bool:
        return self.pixels[y * self.width + x] < 128

    def px(self, mm: float) -> int:
        return round(mm / 25.4 * self.dpi)

    def mm(self, px: int) -> float:
        return px * 25.4 / self.dpi


def raster(pdf: Path, page: int, dpi: int = 144) -> Raster:
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    magic, size, _, pixels = pgm.split(b"\n", 3)
    assert magic == b"P5"
    width, height = map(int, size.split())
    return Raster(width, height, pixels[: width * height], dpi)


def horizontal_rules(image: Raster, min_mm: float = 100) -> list[float]:
    """Heights (mm from the top) of dark lines at least `min_mm` long; a thick rule once."""
    rules: list[float] = []
    previous = -2
    for y in range(image.height):
        run = longest = 0
        for x in range(image.width):
            run = run + 1 if image.dark(x, y) else 0
            longest = max(longest, run)
        if image.mm(longest) >= min_mm:
            if y != previous + 1:
                rules.append(image.mm(y))
            previous = y
    return rules


def ink_bottom(image: Raster, word: Word) -> float:
    """The lowest dark pixel inside a word's box, in mm: the baseline of digits."""
    for y in range(min(image.px(word.bottom), image.height - 1), image.px(word.top), -1):
        if any(image.dark(x, y) for x in range(image.px(word.x0), min(image.px(word.x1), image.width))):
            return image.mm(y + 1)
    raise AssertionError(f"no ink in {word}")
