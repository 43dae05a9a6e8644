"""The sample rendered by LibreOffice to PDF: what a reader of the printed page sees."""

import re

import pytest
from rendering import page_texts, render_pdf

from bulletin_editor.formats.docx.writer import export_docx

# The last words on each page of the printed 2022 No. 28 issue (tests/data/print-2022-28.txt).
PRINTED_PAGE_ENDS = ["压减批", "安全防", "窗口工作人", "政务平台服"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory, request):
    from bulletin_editor.formats.bulletin import load_sample

    folder = tmp_path_factory.mktemp("render")
    export_docx(load_sample(), folder / "sample.docx")
    pdf = render_pdf(folder / "sample.docx", tmp_path_factory.mktemp("lo-profile"))
    return page_texts(pdf)


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_five_pages_like_the_print(pages):
    assert len(pages) == 5


def test_unit_and_date_stand_on_one_line(pages):
    first = _lines(pages[0])
    line = next(line for line in first if line.startswith("四川省政府政务服务和公共资源交易服务中心"))
    assert re.search(r"2022\s*年\s*9\s*月\s*27\s*日$", line)


def test_pages_are_numbered_with_dashes(pages):
    for number, page in enumerate(pages, start=1):
        assert re.fullmatch(rf"—\s*{number}\s*—", _lines(page)[-1])


def test_odd_page_numbers_right_even_left(pages):
    for number, page in enumerate(pages, start=1):
        footer = [line for line in page.splitlines() if line.strip()][-1]
        indent = len(footer) - len(footer.lstrip())
        assert (indent > 20) == (number % 2 == 1), footer


@pytest.mark.parametrize("page, end", list(enumerate(PRINTED_PAGE_ENDS)))
def test_page_ends_as_in_the_print(pages, page, end):
    assert _lines(pages[page])[-2].endswith(end)


def test_distribution_block_on_the_last_page(pages):
    last = "".join(_lines(pages[-1]))
    assert "报：中心领导。" in last and re.search(r"（共印\s*80\s*份）", last)
