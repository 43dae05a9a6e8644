"""Issues of many lengths and masthead widths rendered by LibreOffice: what the printed page
must hold for any content (GB/T 9704 7.4, 7.5): the 版记 whole at the foot of the last page,
no heading at a page foot, the unit and date on one line, the page number 7 mm under the type
area."""

import copy

import pytest
from rendering import Word, horizontal_rules, ink_bottom, page_words, raster, render_pdfs

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.model import Role, printed_paragraphs, statistics_sentence
from bulletin_editor.model.layout import load_layout

LAYOUT = load_layout()
TWIPS_MM = 25.4 / 1440
TYPE_TOP = LAYOUT.page.margin_top_twips * TWIPS_MM
TYPE_BOTTOM = (LAYOUT.page.height_twips - LAYOUT.page.margin_bottom_twips) * TWIPS_MM
HEADINGS = (
    Role.TITLE,
    Role.ISSUE_LINE,
    Role.UNIT_DATE,
    Role.PART_TITLE,
    Role.PERIOD,
    Role.LEVEL1,
    Role.LEVEL2,
)


def _short():
    issue = load_sample()
    part = issue.parts[0]
    part.sections = part.sections[:2]
    part.sections[1].subsections = part.sections[1].subsections[:1]
    return issue


def _longer(times, unit=None):
    """The sample with every section's items repeated `times` times (and 1.5: half again)."""
    issue = load_sample()
    for section in issue.parts[0].sections:
        for holder in [section, *section.subsections]:
            items = holder.items
            holder.items = [copy.deepcopy(i) for i in (items * 3)[: round(len(items) * times)]]
    if unit:
        issue.masthead.unit = unit
    return issue


def _wide_send_line():
    issue = _longer(1.5)
    issue.distribution.lines[
        1
    ].recipients = "各相关省级部门（单位），中心各处（室）、直属单位，各市（州）政务服务中心，各县（市、区）政务服务中心。"
    return issue


def _long_statistics():
    """Without keep-with-next, page 1 of this one ends on （一）优化营商环境工作开展情况."""
    issue = load_sample()
    part = issue.parts[0]
    statistics = part.sections[0].statistics
    statistics.sentence_override = statistics_sentence(statistics, part) + "统计口径说明" * 5
    return issue


ISSUES = {
    "short": _short,
    "sample": load_sample,
    "half-again": lambda: _longer(1.5),
    "twice": lambda: _longer(2),
    "thrice": lambda: _longer(3),
    "unit-24": lambda: _longer(1, unit="四川省政府政务服务和公共资源交易服务中心办公室综"),
    "unit-28": lambda: _longer(2, unit="四川省人民政府政务服务和公共资源交易服务中心办公室综合"),
    # The longest the check before export passes (tests/test_unit_date_room.py): at the
    # layout table's limits, 12 pt and 1 pt condensed.
    "unit-31": lambda: _longer(1, unit="四川省人民政府政务服务和公共资源交易服务中心办公室综合处信息科"),
    "wide-send-line": _wide_send_line,
    "long-statistics": _long_statistics,
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sweep")
    issues = {name: build() for name, build in ISSUES.items()}
    for name, issue in issues.items():
        export_docx(issue, folder / f"{name}.docx")
    pdfs = render_pdfs([folder / f"{name}.docx" for name in issues], tmp_path_factory.mktemp("lo-profile"))
    return {name: (issues[name], pdf, page_words(pdf)) for name, pdf in zip(issues, pdfs)}


def _rows(words: list[Word]) -> list[str]:
    """The page's lines of text inside the type area, top to bottom."""
    rows: dict[float, list[Word]] = {}
    for word in words:
        if TYPE_TOP - 1 < word.top and word.bottom < TYPE_BOTTOM + 1:
            rows.setdefault(round(word.bottom, 1), []).append(word)
    return ["".join(w.text for w in sorted(row, key=lambda w: w.x0)) for _, row in sorted(rows.items())]


def _imprint_lines(issue):
    return [p.text for p in printed_paragraphs(issue) if p.role in (Role.DISTRIBUTION, Role.COPIES)]


@pytest.mark.parametrize("name", ISSUES)
def test_imprint_whole_on_the_last_page_its_last_rule_on_the_type_area_bottom(rendered, name):
    issue, pdf, pages = rendered[name]
    for number, words in enumerate(pages, 1):
        text = "".join(_rows(words))
        for line in _imprint_lines(issue):
            head = line[:4]
            assert (head in text) == (number == len(pages)), (number, head)
    rules = horizontal_rules(raster(pdf, len(pages)))
    imprint_rules = [y for y in rules if y > TYPE_TOP + 20]
    assert len(imprint_rules) == len(_imprint_lines(issue)) + 1
    assert abs(imprint_rules[-1] - TYPE_BOTTOM) < 2


@pytest.mark.parametrize("name", ISSUES)
def test_no_page_but_the_last_ends_on_a_heading(rendered, name):
    issue, _, pages = rendered[name]
    headings = ["".join(p.text.split()) for p in printed_paragraphs(issue) if p.role in HEADINGS]
    assert len(pages) > 1 or name == "short"
    for number, words in enumerate(pages[:-1], 1):
        last = _rows(words)[-1]
        assert not any(h.endswith(last) for h in headings), (number, last)


@pytest.mark.parametrize("name", ISSUES)
def test_unit_and_date_on_one_line(rendered, name):
    issue, _, pages = rendered[name]
    unit = issue.masthead.unit
    row = next(r for r in _rows(pages[0]) if r.startswith(unit[:6]))
    assert row.startswith(unit) and row.endswith("2022年9月27日"), row


@pytest.mark.parametrize("name", ["short", "twice", "unit-28"])
def test_page_number_baseline_7_mm_under_the_type_area(rendered, name):
    _, pdf, pages = rendered[name]
    for number, words in enumerate(pages, 1):
        (digits,) = [w for w in words if w.top > TYPE_BOTTOM and w.text == str(number)]
        assert ink_bottom(raster(pdf, number), digits) - TYPE_BOTTOM == pytest.approx(7, abs=1)
