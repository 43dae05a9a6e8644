"""Past issues typed by hand in Word, built with python-docx the way people type them."""

import copy
import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.model import SectionKind, printed_paragraphs


def _typed(document, text):
    """A paragraph as typed: a manual line break (Shift+Enter) wherever the text has "|"."""
    paragraph = document.add_paragraph()
    pieces = text.split("|")
    for n, piece in enumerate(pieces):
        paragraph.add_run(piece)
        if n < len(pieces) - 1:
            paragraph.add_run().add_break(WD_BREAK.LINE)
    return paragraph


def _masthead_table(
    document,
    title="窗口工作周报",
    issue_line="2022年第２８期（总第 403 期）",
    unit="四川省政府政务服务和公共资源交易服务中心",
    date="2022 年 9 月 27 日",
):
    table = document.add_table(rows=3, cols=2)
    title_cell = table.cell(0, 0).merge(table.cell(0, 1))
    title_cell.text = title
    issue_cell = table.cell(1, 0).merge(table.cell(1, 1))
    issue_cell.text = issue_line
    table.cell(2, 0).text = unit
    table.cell(2, 1).text = date


def _distribution_table(document):
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "报："
    table.cell(0, 1).text = "中心领导。"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "送：各相关省级部门（单位），中心各处（室）、直属单位。"
    table.cell(2, 0).text = "发: 各部门窗口。"
    table.cell(2, 1).text = "(共印80份)"


def _body(document, sample, extra_break=True):
    """The sample's body as a person types it, with the usual slips."""
    part = sample.parts[0]
    _stats, news, inspection = part.sections
    _typed(document, "政务服务工作").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _typed(document, "(8月22日-8月26日)").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _typed(document, "一、省级政务服务事项受理办理情况")
    sentence = printed_paragraphs(sample)[6].text
    _typed(
        document, "　　" + sentence.replace("588929", " 588929 ").replace("2022年1月1日", "2022 年 1 月 1 日")
    )
    _typed(document, "二、 窗口工作动态")
    business, efficiency, visits = news.subsections
    _typed(document, "（一）优化营商环境工作开展情况")
    _typed(document, "　　" + business.items[0].text)
    _typed(document, "(二)窗口服务效能提升工作情况")
    labels = ["1．", "2.", "（３）", "4、", "(5)"]
    for label, item in zip(labels, efficiency.items):
        _typed(document, "　　" + label + item.text.replace("8月23日", "8 月 23 日"))
    _typed(document, "（二）厅（局）长进大厅")  # the printed No. 28 has this slip too
    for n, item in enumerate(visits.items, 1):
        text = item.text
        if n == 1 and extra_break:
            text = text.replace("在听取了工作汇报后", "|在听取了工作汇报后")
        _typed(document, f"（{n}）{text}")
    _typed(document, "三、大厅巡查情况")
    _typed(document, inspection.items[0].text)
    for label, item in zip("一二三四五六", inspection.items[1:]):
        _typed(document, f"（{label}）{item.heading}。{item.text}")


def test_hand_typed_issue_lands_part_by_part(tmp_path, sample_issue):
    document = docx.Document()
    _masthead_table(document)
    _typed(document, "━━━━━━━━━━━━━━━━━━━━")  # the red rule, typed
    _body(document, sample_issue)
    _distribution_table(document)
    path = tmp_path / "2022年第28期.docx"
    document.save(path)

    result = read_docx(path)

    assert result.origin == "text"
    expected = copy.deepcopy(sample_issue)
    visit = expected.parts[0].sections[1].subsections[2].items[0]
    visit.text = visit.text.replace(
        "在听取了工作汇报后", "\n在听取了工作汇报后"
    )  # the manual line break stays
    assert result.issue == expected
    # The duplicated （二） is renumbered by position, and the report says so.
    assert any(
        "二级标题“（二）厅（局）长进大厅”的编号与位置不符（是第3个）" in line for line in result.report
    )
    assert not any("未能归类" in line for line in result.report)


def test_masthead_and_distribution_in_paragraphs_with_line_breaks(tmp_path, sample_issue):
    document = docx.Document()
    _typed(document, "窗口工作周报|2022年第28期(总第403期)")
    _typed(document, "四川省政府政务服务和公共资源交易服务中心　　　　2022年9月27日")
    _body(document, sample_issue, extra_break=False)
    _typed(document, "报：中心领导。|送：各相关省级部门（单位），中心各处（室）、直属单位。")
    _typed(document, "发：各部门窗口。　　　　　　　（共印 80 份）")
    path = tmp_path / "typed.docx"
    document.save(path)

    result = read_docx(path)

    assert result.issue == sample_issue


def test_what_fits_nowhere_is_kept_and_reported(tmp_path, sample_issue):
    document = docx.Document()
    _typed(document, "内部资料 注意保存")
    _masthead_table(document)
    _body(document, sample_issue, extra_break=False)
    _distribution_table(document)
    _typed(document, "编辑：张三　　审核：李四")
    path = tmp_path / "typed.docx"
    document.save(path)

    result = read_docx(path)

    issue = result.issue
    stats, _news, inspection = issue.parts[0].sections
    # Before the first section: kept at the top of the first section.
    assert stats.items[0].text == "内部资料 注意保存"
    # After the distribution: kept at the end of the last section.
    assert inspection.items[-1].text == "编辑：张三　　审核：李四"
    assert issue.masthead == sample_issue.masthead
    assert issue.distribution == sample_issue.distribution
    unplaced = [line for line in result.report if "未能归类" in line]
    assert len(unplaced) == 2 and "内部资料" in unplaced[0] and "编辑：张三" in unplaced[1]
    # Everything else is where it belongs.
    stats.items.pop(0)
    inspection.items.pop()
    assert issue == sample_issue


def test_every_typed_character_survives(tmp_path, sample_issue):
    """Whatever the parser decides, no visible character of the document is lost."""
    document = docx.Document()
    _typed(document, "内部资料")
    _masthead_table(document)
    _body(document, sample_issue)
    _typed(document, "这是一段放错位置的说明文字，没有编号。")
    _distribution_table(document)
    _typed(document, "（本期完）")
    path = tmp_path / "typed.docx"
    document.save(path)

    issue = read_docx(path).issue
    printed = "".join(p.text for p in printed_paragraphs(issue))
    for line in ("内部资料", "这是一段放错位置的说明文字，没有编号。", "（本期完）"):
        assert line in printed


def test_sections_get_their_kinds_from_titles_and_shape(tmp_path):
    document = docx.Document()
    _typed(document, "窗口工作周报")
    _typed(document, "2023年第1期（总第420期）")
    _typed(document, "四川省政府政务服务和公共资源交易服务中心\t2023年1月6日")
    _typed(document, "政务服务工作")
    _typed(document, "（12月26日—12月30日）")  # the period lies in the previous year
    _typed(document, "一、受理办理情况统计")
    _typed(document, "全年共受理各类事项一百余万件。")  # not the template: kept as typed
    _typed(document, "二、厅（局）长进大厅")
    _typed(document, "1. 12月28日，省发展改革委副主任王某某到窗口调研。")
    _typed(document, "2. 近日，省卫生健康委员会党组成员张某某同志开展“厅长进大厅”活动。")
    _typed(document, "三、其他工作")
    _typed(document, "第一段说明。")
    _typed(document, "第二段说明。")
    _typed(document, "四、督导检查")
    _typed(document, "（一）着装情况：总体良好。")
    _typed(document, "（二）纪律秩序。良好。")
    path = tmp_path / "2023-1.docx"
    document.save(path)

    issue = read_docx(path).issue

    part = issue.parts[0]
    assert (part.period_start, part.period_end) == (dt.date(2022, 12, 26), dt.date(2022, 12, 30))
    stats, visits, other, checks = part.sections
    assert stats.kind is SectionKind.STATISTICS
    assert stats.statistics.sentence_override == "全年共受理各类事项一百余万件。"
    assert visits.kind is SectionKind.VISITS
    assert [(i.date, i.department) for i in visits.items] == [
        (dt.date(2022, 12, 28), "省发展改革委"),
        (None, "省卫生健康委员会"),
    ]
    assert [i.leader for i in visits.items] == ["副主任王某某", "党组成员张某某"]
    assert other.kind is SectionKind.TEXT and [i.text for i in other.items] == [
        "第一段说明。",
        "第二段说明。",
    ]
    assert checks.kind is SectionKind.INSPECTION
    assert [(i.heading, i.text) for i in checks.items] == [
        ("着装情况：", "总体良好。"),
        ("纪律秩序", "良好。"),
    ]


def test_document_without_masthead_is_kept_as_free_text(tmp_path):
    document = docx.Document()
    _typed(document, "会议纪要")
    _typed(document, "今天开了一个会。")
    path = tmp_path / "other.docx"
    document.save(path)

    result = read_docx(path)

    texts = [p.text for p in printed_paragraphs(result.issue)]
    assert "会议纪要" in "".join(texts) and "今天开了一个会。" in "".join(texts)
    assert any("期号" in line for line in result.report)


@pytest.mark.parametrize("label", ["（1）", "(1)", "1.", "1．", "1、", "1）", "①", "（１）", "( 1 )"])
def test_item_labels_typed_every_way(tmp_path, label):
    document = docx.Document()
    _typed(document, "2022年第28期（总第403期）")
    _typed(document, "2022年9月27日")
    _typed(document, "政务服务工作")
    _typed(document, "一、窗口工作动态")
    _typed(document, f"{label}第一条。")
    _typed(document, f"{label.replace('1', '2').replace('１', '２').replace('①', '②')}第二条。")
    path = tmp_path / "labels.docx"
    document.save(path)

    section = read_docx(path).issue.parts[0].sections[0]

    assert section.kind is SectionKind.NEWS
    assert [i.text for i in section.items] == ["第一条。", "第二条。"]


def test_text_pasted_from_the_print_gives_the_sample(tmp_path, sample_issue):
    """The printed No. 28 as extracted from print, one paragraph per line, pasted into Word:
    spaces between digits and Chinese, half-width brackets, a duplicated （二）, and four
    paragraphs broken mid-word where the pages ended."""
    printed = Path(__file__).parent / "data" / "print-2022-28.txt"
    document = docx.Document()
    for line in printed.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(tmp_path / "print.docx")

    result = read_docx(tmp_path / "print.docx")

    assert result.issue == sample_issue
    joined = [line for line in result.report if "接在上一段末尾" in line]
    assert [line.split("：")[0] for line in joined] == ["第12段", "第17段", "第22段", "第27段"]


def _word_list(document, levels):
    """A list definition as Word stores it: abstract levels (format, label text) and a numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))


def _listed(document, text, level):
    num_pr = document.add_paragraph(text)._p.get_or_add_pPr()._add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = 91


def test_word_automatic_numbering_reads_like_typed_numbering(tmp_path, sample_issue):
    document = docx.Document()
    _word_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "（%3）")])
    for line in (
        "窗口工作周报",
        "2022年第28期（总第403期）",
        "四川省政府政务服务和公共资源交易服务中心\t2022年9月27日",
        "政务服务工作",
        "（8月22日—8月26日）",
    ):
        document.add_paragraph(line)
    part = sample_issue.parts[0]
    for section in part.sections:
        _listed(document, section.title, 0)
        if section.statistics:
            document.add_paragraph(printed_paragraphs(sample_issue)[6].text)
        for item in section.items:
            if item.heading:
                _listed(document, f"{item.heading}。{item.text}", 1)
            else:
                document.add_paragraph(item.text)
        for sub in section.subsections:
            _listed(document, sub.title, 1)
            for item in sub.items:
                if len(sub.items) > 1:
                    _listed(document, item.text, 2)
                else:
                    document.add_paragraph(item.text)
    for line in sample_issue.distribution.lines:
        document.add_paragraph(f"{line.label}：{line.recipients}")
    document.add_paragraph("（共印80份）")
    document.save(tmp_path / "auto.docx")

    result = read_docx(tmp_path / "auto.docx")

    assert result.issue == sample_issue
    assert result.report == []  # Word's numbers count right: nothing to renumber


def _xml_paragraph(document, inner):
    """A paragraph written as Word writes it, for what python-docx has no API for."""
    namespaces = (
        f'{nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    anchor = document.add_paragraph()._p  # in its place: before the section properties
    anchor.addnext(parse_xml(f"<w:p {namespaces}>{inner}</w:p>"))
    anchor.getparent().remove(anchor)


def test_tracked_changes_text_boxes_and_hidden_text(tmp_path):
    document = docx.Document()
    # WPS and Word templates often hold the masthead in a text box; Word writes it twice
    # (a DrawingML choice and a VML fallback), which must be read once.
    box = "<w:txbxContent><w:p><w:r><w:t>窗口工作周报</w:t></w:r></w:p></w:txbxContent>"
    _xml_paragraph(
        document,
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}'
        f"</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    )
    _typed(document, "2022年第28期（总第403期）")
    _typed(document, "四川省政府政务服务和公共资源交易服务中心\t2022年9月27日")
    _typed(document, "政务服务工作")
    _typed(document, "（8月22日—8月26日）")
    _typed(document, "一、窗口工作动态")
    # Corrections made with track changes on: the result reads as if all were accepted.
    _xml_paragraph(
        document,
        '<w:r><w:t>近日，</w:t></w:r><w:del w:id="1" w:author="审核"><w:r><w:delText>'
        '应急厅</w:delText></w:r></w:del><w:ins w:id="2" w:author="审核"><w:r><w:t>'
        "省应急厅</w:t></w:r></w:ins><w:r><w:t>窗口开展培训。</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注，不显示）</w:t></w:r>",
    )
    document.save(tmp_path / "tracked.docx")

    issue = read_docx(tmp_path / "tracked.docx").issue

    assert issue.masthead.title == "窗口工作周报"
    assert [i.text for i in issue.parts[0].sections[0].items] == ["近日，省应急厅窗口开展培训。"]


def test_older_conventions_and_two_parts(tmp_path):
    document = docx.Document()
    _typed(document, "窗 口 工 作 周 报")
    _typed(document, "第 5 期（总第 380 期）")  # no year in the issue line
    _typed(document, "四川省政府政务服务和公共资源交易服务中心")
    _typed(document, "二〇二二年三月四日")  # the date in Chinese numerals
    _typed(document, "政务服务工作")
    _typed(document, "（2月28日至3月4日）")
    _typed(document, "一、大厅巡查情况")
    _typed(document, "（一）着装情况")  # the heading on its own line, the result below
    _typed(document, "总体情况良好。")
    _typed(document, "（二）纪律秩序")
    _typed(document, "个别窗口人员离岗，")
    _typed(document, "已当场提醒。")
    _typed(document, "公共资源交易工作")
    _typed(document, "(3月1日-4日)")
    _typed(document, "一、交易情况")
    _typed(document, "本周完成交易项目12个。")
    _typed(document, "报：中心领导。")
    _typed(document, "共印 40 份")
    document.save(tmp_path / "old.docx")

    result = read_docx(tmp_path / "old.docx")

    issue = result.issue
    m = issue.masthead
    assert (m.title, m.year, m.number, m.total_number, m.issue_date) == (
        "窗口工作周报",
        2022,
        5,
        380,
        dt.date(2022, 3, 4),
    )
    services, trading = issue.parts
    assert (services.title, services.period_start, services.period_end) == (
        "政务服务工作",
        dt.date(2022, 2, 28),
        dt.date(2022, 3, 4),
    )
    (checks,) = services.sections
    assert checks.kind is SectionKind.INSPECTION
    assert [(i.heading, i.text) for i in checks.items] == [
        ("着装情况", "总体情况良好。"),
        ("纪律秩序", "个别窗口人员离岗，已当场提醒。"),
    ]
    assert trading.title == "公共资源交易工作" and [s.title for s in trading.sections] == ["交易情况"]
    assert (trading.period_start, trading.period_end) == (dt.date(2022, 3, 1), dt.date(2022, 3, 4))
    assert trading.sections[0].items[0].text == "本周完成交易项目12个。"
    assert issue.distribution.copies == 40 and len(issue.distribution.lines) == 1
