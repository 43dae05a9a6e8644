"""The proofreading rules: what each code flags, what it leaves alone, and what its fix gives."""

import datetime as dt
from pathlib import Path

import docx
import pytest

from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.model import Item, Section, SectionKind
from bulletin_editor.model.checks import check_issue
from bulletin_editor.model.departments import parse_departments
from bulletin_editor.model.proofread import (
    CODES,
    ProofreadError,
    Words,
    excerpt,
    fixed_texts,
    parse_typos,
    proofread,
    shipped_typos,
)
from bulletin_editor.model.tree import Place


def _item(issue):
    """（二）窗口服务效能提升工作情况, item (1): paragraph 12, numbered, in 8月22日—8月26日."""
    return issue.parts[0].sections[1].subsections[1].items[0]


def _found(issue, text, code, words=None):
    _item(issue).text = text
    here = Place(0, 1, 1, 0)
    proofs = [p for p in proofread(issue, words) if p.code == code and p.place == here and p.attr == "text"]
    return [_item(issue).text[p.start : p.end] for p in proofs], proofs


def _flags(issue, text, code, words=None):
    return _found(issue, text, code, words)[0]


def _fixed(issue, text, code):
    """The text after every fix of `code`, applied from the end so the spans stay right."""
    _, proofs = _found(issue, text, code)
    for proof in sorted(proofs, key=lambda p: -p.start):
        assert proof.fix is not None, proof
        text = proof.fix.apply(text)
    return text


def test_the_sample_is_clean(sample_issue):
    assert proofread(sample_issue) == []


def test_a_finding_names_code_paragraph_place_and_excerpt(sample_issue):
    (proof,) = _found(
        sample_issue, "近日，省林草局窗口组织培训，参会人员达到50人,效果良好。", "punct-halfwidth"
    )[1]
    assert proof.code in CODES
    assert proof.paragraph == 12  # counted from the masthead title, as the export prints
    assert proof.place == Place(0, 1, 1, 0) and proof.attr == "text"
    assert "," in proof.excerpt and len(proof.excerpt) <= 40
    assert proof.message == "中文里用了半角标点“,”，应为全角“，”"


def test_excerpt_is_at_most_40_characters_around_the_offence():
    text = "甲" * 100 + "。。" + "乙" * 100
    part = excerpt(text, 100, 102)
    assert len(part) == 40 and "。。" in part
    assert excerpt("短句，。", 2, 4) == "短句，。"
    assert excerpt("第一行\n第二行", 2, 4) == "第一行\n第二行"
    assert len(excerpt("长" * 50, 0, 50)) == 40


# punct-halfwidth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("会议强调:要提高认识,强化底线;搞好转化?是!", [":", ",", ";", "?", "!"]),
        ("8月23日,省林草局", [","]),
        ("使用WPS,并上传", [","]),
        ("项目(四川段)使用草地", ["(四川段)"]),
        ("提交材料(PDF)。", ["(PDF)"]),
        ("共有( 3 )家", ["( 3 )"]),
        ("只有半边(的括号", ["("]),
    ],
)
def test_halfwidth_punctuation_in_chinese_is_flagged(sample_issue, text, flagged):
    assert _flags(sample_issue, text, "punct-halfwidth") == flagged


@pytest.mark.parametrize(
    "text",
    [
        "累计办理1,234,567件，于9:30开始，10:00结束。",
        "参会单位有Alibaba Cloud, Tencent and Huawei等。",
        "网址为https://www.sczwfw.gov.cn/app/main?areaCode=510000&t=(1)，请登录。",
        "详见www.sc.gov.cn/a,b;c。",
        "邮箱为zwfw@sc.gov.cn。",
        "占比3.5%，同比增长1.2个百分点。",
        "英文名称为Sichuan (China) Service。",
    ],
)
def test_numbers_times_latin_and_urls_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "punct-halfwidth") == []


def test_halfwidth_fixes_give_fullwidth_and_drop_the_spaces_around(sample_issue):
    assert (
        _fixed(sample_issue, "会议强调: 要提高认识 , 强化底线", "punct-halfwidth")
        == "会议强调：要提高认识，强化底线"
    )
    assert _fixed(sample_issue, "项目 ( 四川段 ) 使用草地", "punct-halfwidth") == "项目（四川段）使用草地"
    assert _fixed(sample_issue, "提交材料(PDF)。", "punct-halfwidth") == "提交材料（PDF）。"


# punct-pair -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("达到“以评促学、以评促改，进一步提升。", ["“"]),
        ("达到以评促学”，进一步提升。", ["”"]),
        ("依托《四川省林草助力措施，已审核。", ["《"]),
        ("西宁至成都铁路（四川段项目。", ["（"]),
        ("【通知】】", ["】"]),
        ("他说：‘好。", ["‘"]),
        ("“前台”和“后台", ["“"]),
        ("”前台”", ["”", "”"]),  # typed the wrong way round: both are closers
    ],
)
def test_unpaired_marks_are_flagged(sample_issue, text, flagged):
    assert _flags(sample_issue, text, "punct-pair") == flagged


@pytest.mark.parametrize(
    "text",
    [
        "“容缺+承诺”、《四川省林草助力措施》、督（巡）查、【通知】、‘好’。",
        "他说：“第一行\n第二行。”",  # a quote across a line break inside one paragraph
        "“外层‘内层’外层”，（（嵌套））。",
        "去Xi’an和People’s Square。",
    ],
)
def test_paired_marks_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "punct-pair") == []


def test_an_unpaired_mark_has_no_fix(sample_issue):
    (proof,) = _found(sample_issue, "达到“以评促学。", "punct-pair")[1]
    assert proof.fix is None and proof.message == "前引号 “ 没有对应的后引号 ”"


# punct-repeat ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("受到好评。。", ["。。"]),
        ("受理，，办结", ["，，"]),
        ("受理，。", ["，。"]),
        ("律师类、、公证类", ["、、"]),
        ("强调：；要", ["：；"]),
    ],
)
def test_doubled_or_clashing_stops_are_flagged(sample_issue, text, flagged):
    assert _flags(sample_issue, text, "punct-repeat") == flagged


@pytest.mark.parametrize(
    "text", ["等等……，还有", "一网通办——政务服务", "真的吗？！", "“前台”。", "（四川段），"]
)
def test_ellipsis_dash_and_marks_beside_quotes_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "punct-repeat") == []


def test_a_doubled_stop_is_fixed_a_clash_needs_judgment(sample_issue):
    assert _fixed(sample_issue, "受到好评。。此次，，会议", "punct-repeat") == "受到好评。此次，会议"
    (proof,) = _found(sample_issue, "受理，。", "punct-repeat")[1]
    assert proof.fix is None


# space-in-cjk ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("省林草局 狠抓时间窗口", [" "]),
        ("省林草局\u3000\u3000狠抓", ["\u3000\u3000"]),
        ("会议强调： 要提高", [" "]),
        ("“ 前台”", [" "]),
    ],
)
def test_a_space_between_chinese_characters_is_flagged(sample_issue, text, flagged):
    assert _flags(sample_issue, text, "space-in-cjk") == flagged


@pytest.mark.parametrize(
    "text", ["8 月 23 日，抽取案卷 165 件", "使用 WPS 软件", "Alibaba Cloud", "第一行\n第二行"]
)
def test_spaces_beside_digits_and_latin_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "space-in-cjk") == []


def test_the_space_fix_removes_it(sample_issue):
    assert _fixed(sample_issue, "省林草局 狠抓 时间窗口", "space-in-cjk") == "省林草局狠抓时间窗口"


# digit-fullwidth ------------------------------------------------------------------------


def test_fullwidth_digits_and_letters_are_flagged_and_fixed(sample_issue):
    text = "２０２２年抽取ＡＢ类案卷１６５件"
    assert _flags(sample_issue, text, "digit-fullwidth") == ["２０２２", "ＡＢ", "１６５"]
    assert _fixed(sample_issue, text, "digit-fullwidth") == "2022年抽取AB类案卷165件"
    assert _flags(sample_issue, "2022年，（四川段）：ＸＸ", "digit-fullwidth") == ["ＸＸ"]


# date-outside-period (a check of model.checks, with the proofreading codes in the panel) -----


def _dates_outside(issue, text):
    _item(issue).text = text
    return [f.excerpt for f in check_issue(issue) if f.code == "date-outside-period"]


@pytest.mark.parametrize(
    "text",
    [
        "8月15日，省林草局召开会议。",
        "8月29日至30日，开展培训。",
        "2021年8月23日，召开会议。",
        "2月30日，召开会议。",
    ],
)
def test_a_leading_date_outside_the_period_is_flagged(sample_issue, text):
    (found,) = _dates_outside(sample_issue, text)
    assert text[:6] in found


@pytest.mark.parametrize(
    "text",
    [
        "8月22日，召开会议。",
        "8月26日，召开会议。",
        "2022年8月24日，召开会议。",
        "近日，8月15日的会议精神得到落实。",  # not at the start
    ],
)
def test_dates_inside_the_period_or_later_in_the_text_are_left_alone(sample_issue, text):
    assert _dates_outside(sample_issue, text) == []


def test_dates_are_judged_in_news_items_only_and_across_a_new_year(sample_issue):
    sample_issue.parts[0].sections[2].items[0].text = "8月15日，大厅巡查。"
    assert _dates_outside(sample_issue, "8月22日，召开会议。") == []
    part = sample_issue.parts[0]
    part.period_start, part.period_end = dt.date(2022, 12, 29), dt.date(2023, 1, 4)
    for item in part.sections[1].subsections[1].items[1:] + part.sections[1].subsections[2].items:
        item.text = "近日，召开会议。"
    sample_issue.masthead.issue_date = dt.date(2023, 1, 6)
    assert _dates_outside(sample_issue, "1月3日，召开会议。") == []
    assert _dates_outside(sample_issue, "12月30日，召开会议。") == []
    assert len(_dates_outside(sample_issue, "1月5日，召开会议。")) == 1


# char-not-gb2312 ------------------------------------------------------------------------


def test_names_gb2312_cannot_print_are_flagged(sample_issue):
    text = "王喆、李堃、朱镕基、张珺、刘昇到窗口调研。"
    assert _flags(sample_issue, text, "char-not-gb2312") == ["喆", "堃", "镕", "珺", "昇"]
    (proof, *_) = _found(sample_issue, text, "char-not-gb2312")[1]
    assert "仿宋_GB2312" in proof.message and "设为仿宋" in proof.message and proof.fix is None


def test_punctuation_and_gb2312_characters_are_not_judged(sample_issue):
    # — · … “ ” ～ are outside some codecs' GB2312 tables or mapped elsewhere; every font prints them.
    text = "8月22日—8月26日·省林草局……“前台”～〇①№"
    assert _flags(sample_issue, text, "char-not-gb2312") == []


def test_only_text_set_in_gb2312_fonts_is_judged(sample_issue):
    section = sample_issue.parts[0].sections[1]
    section.title = "窗口工作动态喆"  # 一、 heading: 黑体, which has GBK
    sample_issue.masthead.title = "窗口工作周报喆"  # 方正小标宋简体
    codes = [p for p in proofread(sample_issue) if p.code == "char-not-gb2312"]
    assert codes == []
    section.subsections[0].title = "优化营商环境喆"  # （一） heading: 楷体_GB2312
    sample_issue.distribution.lines[0].recipients = "中心领导喆。"  # 仿宋_GB2312
    inspection = sample_issue.parts[0].sections[2]
    inspection.items[1].heading = "按时到岗喆"  # run-in heading: 楷体_GB2312
    found = [(p.paragraph, p.attr, "楷体" in p.message) for p in proofread(sample_issue)]
    assert found == [(9, "title", True), (23, "heading", True), (29, "recipients", False)]


# word-typo ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged, fixed",
    [
        ("要再接再励，按步就班推进", ["再接再励", "按步就班"], "要再接再厉，按部就班推进"),
        ("截止8月26日，累计办结", ["截止"], "截至8月26日，累计办结"),
        ("截止目前，累计办结", ["截止"], "截至目前，累计办结"),
        ("截止到今年底", ["截止"], "截至今年底"),
        ("既使困难再大，也要完成", ["既使"], "即使困难再大，也要完成"),
        (
            "迫不急待、一愁莫展、默守成规、不径而走、谈笑风声",
            None,
            "迫不及待、一筹莫展、墨守成规、不胫而走、谈笑风生",
        ),
    ],
)
def test_misspelt_fixed_expressions_are_flagged_and_fixed(sample_issue, text, flagged, fixed):
    flags = _flags(sample_issue, text, "word-typo")
    assert flags == (flagged or flags) and flags
    assert _fixed(sample_issue, text, "word-typo") == fixed


@pytest.mark.parametrize(
    "text",
    [
        "报名截止日期为8月26日，于8月30日截止。",  # 截止 not followed by a time
        "这项政策既使企业减负，又使群众受益。",  # 既……又……
        "再接再厉，按部就班，截至8月26日。",
    ],
)
def test_correct_uses_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "word-typo") == []


def test_the_shipped_typo_list_parses_and_holds_the_classics():
    wrong = {t.wrong for t in shipped_typos()}
    assert {
        "再接再励",
        "按步就班",
        "既使",
        "迫不急待",
        "一愁莫展",
        "默守成规",
        "不径而走",
        "谈笑风声",
        "截止",
    } <= wrong
    assert len(wrong) == len(shipped_typos())  # each wrong form once


def test_a_typo_list_line_that_cannot_be_read_is_named():
    assert parse_typos("# 说明\n甲乙→甲丙\n截止→截至\t后接时间\n")[1].condition == "后接时间"
    with pytest.raises(ProofreadError, match="第 2 行应写成"):
        parse_typos("甲乙→甲丙\n甲乙甲丙\n")
    with pytest.raises(ProofreadError, match="第 1 行的条件“前接什么”无法识别"):
        parse_typos("甲乙→甲丙\t前接什么\n")


# numbering-typed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["（1）", "(1)", "1.", "1．", "1、", "(一)", "（一）", "一、", "①", "（３） "]
)
def test_typed_numbering_is_flagged_and_dropped(sample_issue, label):
    text = label + "近日，应急厅窗口组织培训。"
    (flag,) = _flags(sample_issue, text, "numbering-typed")
    assert flag.strip() == label.strip()
    assert _fixed(sample_issue, text, "numbering-typed") == "近日，应急厅窗口组织培训。"
    codes = {p.code for p in proofread(sample_issue)}
    assert codes == {"numbering-typed"} or label.startswith("（３）")  # (一) is not also half-width


@pytest.mark.parametrize(
    "text", ["1.5万件材料已办结。", "2022年8月23日，召开会议。", "一是提高认识。", "十分重要。"]
)
def test_numbers_that_are_not_labels_are_left_alone(sample_issue, text):
    assert _flags(sample_issue, text, "numbering-typed") == []


def test_typed_numbering_in_titles_and_headings_but_not_in_free_text(sample_issue):
    part = sample_issue.parts[0]
    part.sections[1].title = "二、窗口工作动态"
    part.sections[2].items[1].heading = "（一）按时到岗情况"
    part.sections.append(Section("其他", SectionKind.TEXT, [Item("1. 自由段落自己编号。")]))
    found = [(p.code, p.paragraph, p.attr) for p in proofread(sample_issue)]
    assert found == [("numbering-typed", 8, "title"), ("numbering-typed", 23, "heading")]


# name-variant ---------------------------------------------------------------------------


def test_one_department_written_two_ways_is_flagged_with_the_first_way_as_fix(sample_issue):
    # The sample writes 省林草局 in paragraph 10 (and 13).
    text = "近日，省林业和草原局窗口与省应急厅、应急管理厅会商。"
    assert _flags(sample_issue, text, "name-variant") == ["省林业和草原局", "应急管理厅"]
    (forestry, emergency) = _found(sample_issue, text, "name-variant")[1]
    assert forestry.message == "“省林业和草原局”与第 10 段的“省林草局”是同一部门，本期应统一写法"
    assert emergency.message == "“应急管理厅”与第 12 段的“省应急厅”是同一部门，本期应统一写法"
    assert _fixed(sample_issue, text, "name-variant") == "近日，省林草局窗口与省应急厅、应急厅会商。"


def test_the_province_in_front_is_not_a_second_way(sample_issue):
    # The printed sample has 省市场监管局 and 市场监管局, 省林草局 and 林草局 would be the same.
    assert _flags(sample_issue, "近日，林草局与四川省应急厅会商。", "name-variant") == []


def test_the_users_departments_list_is_used(sample_issue):
    words = Words(departments=parse_departments("四川省甲乙丙局|省甲局\n"))
    assert _flags(sample_issue, "省甲乙丙局和省甲局", "name-variant", words) == ["省甲局"]


# the user's accepted words --------------------------------------------------------------


def test_accepted_words_silence_what_lies_inside_them(sample_issue):
    text = "王喆到窗口调研，既使如此，使用了A,B方案"
    words = Words(accepted=frozenset({"王喆", "既使如此", "A,B"}))
    _item(sample_issue).text = text
    assert [p.code for p in proofread(sample_issue)] == ["char-not-gb2312", "word-typo"]
    assert proofread(sample_issue, words) == []


def test_an_issue_read_from_a_hand_typed_docx_is_clean(tmp_path):
    """The printed No. 28 typed paragraph by paragraph, with its page breaks, "(4)", "(二)",
    "8 月 24 日" and "（共印 80 份）" as the print has them."""

    document = docx.Document()
    for line in (
        (Path(__file__).parent / "data" / "print-2022-28.txt").read_text(encoding="utf-8").splitlines()
    ):
        if line.strip():
            document.add_paragraph(line.strip())
    path = tmp_path / "typed.docx"
    document.save(path)
    issue = read_docx(path).issue
    assert len(issue.parts[0].sections[1].subsections[1].items) == 5
    assert proofread(issue) == []


# applying fixes -------------------------------------------------------------------------


def test_fixes_of_one_field_apply_together_and_other_fields_apart(sample_issue):
    _item(sample_issue).text = "会议强调:要提高认识,截止8月26日。。"
    sample_issue.distribution.lines[0].recipients = "中心领导 。"
    fixes = [(p.place, p.fix) for p in proofread(sample_issue) if p.fix]
    assert len(fixes) == 5
    changed = [(owner, attr, text) for owner, attr, text in fixed_texts(sample_issue, fixes)]
    assert changed == [
        (_item(sample_issue), "text", "会议强调：要提高认识，截至8月26日。"),
        (sample_issue.distribution.lines[0], "recipients", "中心领导。"),
    ]
    assert changed[0][0] is _item(sample_issue)


def test_a_fix_refuses_a_text_changed_since_the_check(sample_issue):
    (proof,) = _found(sample_issue, "受到好评。。", "punct-repeat")[1]
    assert proof.fix.apply("受到好评。。") == "受到好评。"
    with pytest.raises(ProofreadError, match="已改动"):
        proof.fix.apply("受到好评。")


def test_every_place_of_a_finding_resolves_to_its_object(sample_issue):
    from bulletin_editor.model.tree import object_at

    sample_issue.masthead.title = "窗口工作周报 周报"
    sample_issue.parts[0].title = "政务服务 工作"
    sample_issue.parts[0].sections[1].title = "窗口 工作动态"
    sample_issue.parts[0].sections[1].subsections[0].title = "优化 营商环境"
    sample_issue.parts[0].sections[2].items[1].heading = "按时 到岗情况"
    sample_issue.distribution.lines[2].recipients = "各部门 窗口。"
    sample_issue.parts[0].sections[0].statistics.sentence_override = "据统计 ，受理1件。"
    proofs = proofread(sample_issue)
    assert len(proofs) == 7
    for proof in proofs:
        owner = object_at(sample_issue, proof.place)
        text = getattr(owner, proof.fix.attr)
        assert " " not in proof.fix.apply(text)


def test_proofreading_again_after_edits_finds_what_a_first_proofreading_finds(sample_issue):
    """The words keep the last proofreading's results per field text: edits, moves and repeated
    texts must still give exactly what proofreading from nothing gives."""
    words = Words()
    news = sample_issue.parts[0].sections[1].subsections[1]
    news.items[0].text = "近日,省林业和草原局（　）在大厅办理业务。。"
    news.items[1].text = "省林草局来办理业务,效果良好"
    assert proofread(sample_issue, words) == proofread(sample_issue, Words())
    news.items[1].text += "。。"  # typing in one field
    news.items.insert(0, news.items.pop(1))  # the same texts at other places and paragraphs
    news.items.append(Item(news.items[0].text))  # one text twice
    again = proofread(sample_issue, words)
    assert again == proofread(sample_issue, Words())
    assert {p.code for p in again} >= {"punct-halfwidth", "punct-repeat", "name-variant"}
