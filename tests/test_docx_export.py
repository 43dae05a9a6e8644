"""The .docx export, read back with python-docx and checked through Word's style chain."""

import datetime as dt
import re

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from word_styles import body_paragraphs, east_asian_font, paragraph_property, run_property, size_pt

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.model import Issue, Item, Masthead, Part, Section, SectionKind


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from bulletin_editor.formats.bulletin import load_sample

    path = tmp_path_factory.mktemp("export") / "sample.docx"
    export_docx(load_sample(), path)
    return docx.Document(str(path))


def _texts(document):
    return [p.text.strip() for p in body_paragraphs(document) if p.text.strip()]


def test_sample_export_equals_the_canonical_text(exported, canonical_lines):
    assert _texts(exported) == canonical_lines


def test_page_geometry(exported):
    section = exported.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
    assert (section.left_margin.twips, section.right_margin.twips) == (1588, 1474)


def _paragraph(document, startswith):
    return next(p for p in body_paragraphs(document) if p.text.startswith(startswith))


# element: (first words, East Asian font, size in pt) per resources/layout.toml
ELEMENTS = [
    ("窗口工作周报", "方正小标宋简体", 42),
    ("2022年第28期", "仿宋_GB2312", 16),
    ("四川省政府政务服务和公共资源交易服务中心", "仿宋_GB2312", 14),
    ("政务服务工作", "方正小标宋简体", 22),
    ("（8月22日—8月26日）", "楷体_GB2312", 16),
    ("一、省级", "黑体", 16),
    ("（一）优化营商环境", "楷体_GB2312", 16),
    ("（1）近日，应急厅", "仿宋_GB2312", 16),
    ("据四川一体化", "仿宋_GB2312", 16),
    ("报：", "仿宋_GB2312", 14),
    ("（共印80份）", "仿宋_GB2312", 14),
]


@pytest.mark.parametrize("start, font, size", ELEMENTS)
def test_font_and_size_of_each_element(exported, start, font, size):
    paragraph = _paragraph(exported, start)
    for run in paragraph.runs:
        assert east_asian_font(exported, paragraph, run) == font
        assert size_pt(exported, paragraph, run) == size


def test_run_in_item_heading_in_kaiti_result_in_fangsong(exported):
    paragraph = _paragraph(exported, "（一）按时到岗情况")
    heading, result = [r for r in paragraph.runs if r.text]
    assert heading.text == "（一）按时到岗情况。" and result.text == "总体情况良好。"
    assert east_asian_font(exported, paragraph, heading) == "楷体_GB2312"
    assert east_asian_font(exported, paragraph, result) == "仿宋_GB2312"


def test_part_title_is_not_bold_and_title_is_red(exported):
    part = _paragraph(exported, "政务服务工作")
    assert run_property(exported, part, part.runs[0], "w:b", "w:val") in ("0", "false")
    title = _paragraph(exported, "窗口工作周报")
    assert run_property(exported, title, title.runs[0], "w:color", "w:val") == "FF0000"


def test_red_rule_under_the_unit_line(exported):
    unit = _paragraph(exported, "四川省政府")
    bottom = unit._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000" and int(bottom.get(qn("w:sz"))) >= 8


def test_unit_and_date_share_one_line_by_a_right_tab(exported):
    unit = _paragraph(exported, "四川省政府")
    assert unit.text == "四川省政府政务服务和公共资源交易服务中心\t2022年9月27日"
    stop = unit.paragraph_format.tab_stops[0]
    section = exported.sections[0]
    assert stop.position == section.page_width - section.left_margin - section.right_margin


def test_exact_line_spacing_and_no_space_between_paragraphs(exported):
    for paragraph in body_paragraphs(exported):
        if not paragraph.text.strip():
            continue
        assert paragraph_property(exported, paragraph, "w:spacing", "w:lineRule") == "exact"
        assert paragraph_property(exported, paragraph, "w:widowControl", "w:val") == "0"
    body = _paragraph(exported, "据四川一体化")
    # 24 lines in the 225 mm type area (12756 twips)
    assert int(paragraph_property(exported, body, "w:spacing", "w:line")) == 12756 // 24
    assert paragraph_property(exported, body, "w:spacing", "w:after") == "0"


@pytest.mark.parametrize(
    "start", ["一、省级", "（一）优化营商环境", "（1）近日，应急厅", "据四川一体化", "（一）按时到岗情况"]
)
def test_two_character_first_line_indent(exported, start):
    paragraph = _paragraph(exported, start)
    assert paragraph_property(exported, paragraph, "w:ind", "w:firstLineChars") == "200"
    assert int(paragraph_property(exported, paragraph, "w:ind", "w:firstLine")) == 2 * 16 * 20


def test_twenty_eight_characters_fit_a_line(exported):
    body = _paragraph(exported, "据四川一体化")
    spacing = int(run_property(exported, body, body.runs[0], "w:spacing", "w:val"))
    type_width = 11906 - 1588 - 1474
    assert 28 * (16 * 20 + spacing) <= type_width < 29 * (16 * 20 + spacing)


def test_page_numbers_in_odd_and_even_footers(exported):
    assert exported.settings.odd_and_even_pages_header_footer
    section = exported.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        assert paragraph.text.replace("1", "N") == "— N —"
        assert paragraph.alignment.name.lower() == alignment
        assert east_asian_font(exported, paragraph, paragraph.runs[0]) == "宋体"
        assert size_pt(exported, paragraph, paragraph.runs[0]) == 14


def test_no_theme_fonts_and_chinese_east_asian_language(exported):
    styles_xml = exported.styles.element.xml
    assert "Theme=" not in styles_xml and "theme=" not in styles_xml
    assert "ja-JP" not in styles_xml
    lang = exported.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    defaults = exported.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"


def test_styles_are_named_for_the_elements(exported):
    names = {
        exported.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{p.style.style_id}']")
        .find(qn("w:name"))
        .get(qn("w:val"))
        for p in body_paragraphs(exported)
        if p.text
    }
    assert {
        "周报标题",
        "周报期号",
        "周报单位日期",
        "周报部分标题",
        "周报时间段",
        "周报一级标题",
        "周报二级标题",
        "周报正文",
        "周报分送",
        "周报印数",
    } <= names


def _imprint(document):
    """The paragraphs of the 版记's frame, in order."""
    return [
        p
        for p in body_paragraphs(document)
        if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None
    ]


def test_imprint_is_one_frame_at_the_foot_of_the_type_area(exported):
    frames = {tuple(sorted(p._p.pPr.find(qn("w:framePr")).attrib.items())) for p in _imprint(exported)}
    (frame,) = frames  # identical frame properties: one frame
    frame = {key.split("}")[1]: value for key, value in frame}
    assert frame["vAnchor"] == "margin" and frame["yAlign"] == "bottom"
    assert frame["hAnchor"] == "margin" and frame["w"] == str(11906 - 1588 - 1474)
    texts = [p.text for p in _imprint(exported) if p.text]
    assert texts[0] == "报：中心领导。" and texts[-1] == "（共印80份）"
    copies = _imprint(exported)[-2]
    assert copies.text == "（共印80份）"
    assert paragraph_property(exported, copies, "w:jc", "w:val") == "right"


def test_imprint_rules_outer_and_inner(exported):
    rules = [p for p in _imprint(exported) if not p.text]
    heights = [int(p._p.pPr.find(qn("w:spacing")).get(qn("w:line"))) for p in rules]
    # 0.35 mm outside, 0.25 mm between (GB/T 9704 7.4.1), one rule above and below each line
    assert heights == [20] + [15] * (len(rules) - 2) + [20]
    assert len(rules) == len([p for p in _imprint(exported) if p.text]) + 1
    for rule in rules:
        assert rule._p.pPr.find(qn("w:shd")).get(qn("w:fill")) == "000000"


def test_wrapped_distribution_lines_hang_after_the_colon(exported):
    line = next(p for p in _imprint(exported) if p.text.startswith("送："))
    indent = line._p.pPr.find(qn("w:ind"))
    size = 14 * 20
    assert int(indent.get(qn("w:hanging"))) == 2 * size  # "送："
    assert int(indent.get(qn("w:left"))) == 3 * size  # one character in, then the label


def _keeps_with_next(document, paragraph):
    style = document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{paragraph.style.style_id}']")
    keep = style.find(qn("w:pPr")).find(qn("w:keepNext"))
    return keep is not None and keep.get(qn("w:val"), "1") in ("1", "true", "on")


def test_headings_and_masthead_keep_with_next(exported):
    for start in [
        "窗口工作周报",
        "2022年第28期",
        "四川省政府",
        "政务服务工作",
        "（8月22日",
        "一、省级",
        "（一）优化营商环境",
    ]:
        assert _keeps_with_next(exported, _paragraph(exported, start)), start
    for start in ["据四川一体化", "（1）近日，应急厅"]:
        assert not _keeps_with_next(exported, _paragraph(exported, start)), start


# Every code point, lone surrogates and XML-forbidden controls included.
_ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_ANY_TEXT, item=_ANY_TEXT, heading=_ANY_TEXT)
def test_any_text_exports(tmp_path, title, item, heading):
    issue = Issue(
        masthead=Masthead(2024, 1, 500, dt.date(2024, 1, 8), title=title),
        parts=[
            Part(
                title,
                dt.date(2024, 1, 1),
                dt.date(2024, 1, 5),
                sections=[
                    Section(title, SectionKind.NEWS, items=[Item(item), Item(item)]),
                    Section(title, SectionKind.INSPECTION, items=[Item(item, heading=heading)]),
                ],
            )
        ],
    )
    export_docx(issue, tmp_path / "any.docx")
    texts = [p.text for p in body_paragraphs(docx.Document(str(tmp_path / "any.docx")))]
    assert f"（1）{issue.parts[0].sections[0].items[0].text}" in texts


def test_target_that_is_a_folder_is_refused(sample_issue, tmp_path):
    with pytest.raises(BulletinError, match="文件夹"):
        export_docx(sample_issue, tmp_path)


@pytest.mark.parametrize("lock_name", ["~$sample.docx", "~$mple.docx"])
def test_target_open_in_word_is_refused_and_left_alone(sample_issue, tmp_path, lock_name):
    target = tmp_path / "sample.docx"
    target.write_bytes(b"the signed-off version")
    (tmp_path / lock_name).write_bytes(b"owner")
    with pytest.raises(BulletinError, match="Word") as error:
        export_docx(sample_issue, target)
    assert str(target) in str(error.value)
    assert target.read_bytes() == b"the signed-off version"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([lock_name, "sample.docx"])


def test_locked_target_leaves_no_half_written_file(sample_issue, tmp_path, monkeypatch):
    import os

    target = tmp_path / "sample.docx"
    target.write_bytes(b"old")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(BulletinError, match=r"占用|打开"):
        export_docx(sample_issue, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["sample.docx"]


# Child order of the property elements per ECMA-376 part 1 (17.3.1.26, 17.3.2.28, 17.4.60).
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
}


def test_property_children_are_in_schema_order_so_word_opens_the_file(exported):
    parts = [exported.element, exported.styles.element]
    section = exported.sections[0]
    parts += [section.footer._element, section.even_page_footer._element]
    for part in parts:
        for name, order in SCHEMA_ORDER.items():
            rank = {tag: i for i, tag in enumerate(order.split())}
            for properties in part.iter(qn(f"w:{name}")):
                children = [child.tag.split("}")[1] for child in properties]
                assert children == sorted(children, key=rank.__getitem__), (name, children)


def test_every_layout_value_has_its_basis():
    import tomllib

    from bulletin_editor.paths import resource_path

    table = tomllib.loads(resource_path("layout.toml").read_text(encoding="utf-8"))
    entries = [*table["page"].items()] + [
        item for group in table["elements"].values() for item in group.items()
    ]
    assert len(entries) > 40
    for key, entry in entries:
        assert set(entry) == {"value", "basis"} and entry["basis"].strip(), key
