"""The pagination model (`pages --json`) against LibreOffice's rendering of the same issues.

Both measure with the stand-in fonts of tests/fonts.conf: LibreOffice through fontconfig,
the model through Qt, which reads the same configuration."""

import json
import os
import subprocess
import sys

import pytest
from rendering import FONTS_CONF, page_texts, render_pdfs
from sweep_issues import SWEEP

from bulletin_editor.formats.bulletin import save_issue
from bulletin_editor.formats.docx.writer import export_docx

# The last words on each page of the printed 2022 No. 28 issue (tests/data/print-2022-28.txt).
PRINTED_PAGE_ENDS = ["压减批", "安全防", "窗口工作人", "政务平台服"]
DISTRIBUTION_STARTS = ("报：", "送：", "发：", "（共印")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    """name -> (the model's answer, the text lines of each rendered page)."""
    folder = tmp_path_factory.mktemp("sweep")
    for name, build in SWEEP.items():
        issue = build()
        save_issue(issue, folder / f"{name}.bulletin")
        export_docx(issue, folder / f"{name}.docx")
    pdfs = render_pdfs([folder / f"{name}.docx" for name in SWEEP], tmp_path_factory.mktemp("lo-profile"))
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), QT_QPA_PLATFORM="offscreen")
    results = {}
    for name, pdf in zip(SWEEP, pdfs):
        answer = subprocess.run(
            [sys.executable, "-m", "bulletin_editor", "pages", str(folder / f"{name}.bulletin"), "--json"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        results[name] = (json.loads(answer.stdout), [_text_lines(page) for page in page_texts(pdf)])
    return results


def _text_lines(page: str) -> list[str]:
    """A page's lines without whitespace, its page number and the 版记 (which never splits in the model)."""
    lines = ["".join(line.split()) for line in page.splitlines() if line.strip()]
    return [line for line in lines[:-1] if not line.startswith(DISTRIBUTION_STARTS)]


def test_the_sweep_has_eight_issues_of_different_lengths(sweep):
    assert len(sweep) >= 8
    assert len({model["pages"] for model, _ in sweep.values()}) >= 4


@pytest.mark.parametrize("name", list(SWEEP))
def test_page_count_equals_libreoffice(sweep, name):
    model, rendered = sweep[name]
    assert model["pages"] == len(rendered)


def test_nine_tenths_of_page_ends_equal_libreoffice(sweep):
    equal = total = 0
    for model, rendered in sweep.values():
        ends = [lines[-1] for lines in rendered[:-1]]
        assert len(model["ends"]) == len(ends)
        equal += sum(mine == theirs for mine, theirs in zip(model["ends"], ends))
        total += len(ends)
    print(f"page ends equal to LibreOffice's: {equal}/{total}")
    assert equal >= 0.9 * total


def test_the_sample_ends_its_pages_as_the_print(sweep):
    model, rendered = sweep["sample"]
    assert model["pages"] == 5
    for end, printed, lines in zip(model["ends"], PRINTED_PAGE_ENDS, rendered):
        assert len(end) >= 6 and end.endswith(printed) and lines[-1].endswith(printed)
