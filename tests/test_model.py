import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_editor.errors import BulletinError
from bulletin_editor.model import (
    Counts,
    Figures,
    Issue,
    Item,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
    clean_text,
    generated_sentence,
    printed_paragraphs,
    statistics_sentence,
)
from bulletin_editor.model.dates import period_line
from bulletin_editor.model.numbering import chinese_numeral, item_labels, item_number


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("  近日\x0b省林草局  ", "近日\n省林草局"),  # Word's manual line break
        ("a\x00b\x1fc\ufffed\uffff", "abcd"),
        ("孤\ud800立\udfff", "孤立"),
        ("第一段\r\n\r\n\u3000\u3000第二段", "第一段\n第二段"),
        ("分页\x0c之后", "分页\n之后"),
        ("\u3000\u3000缩进", "缩进"),
    ],
)
def test_text_is_cleaned_where_it_enters_the_model(raw, clean):
    assert clean_text(raw) == clean
    assert Item(raw).text == clean
    item = Item()
    item.heading = raw
    assert item.heading == clean


@given(st.text())
def test_text_with_nothing_to_clean_comes_back_trimmed_as_the_full_cleaning_gives_it(text):
    """The shortcut for printable text gives what the full cleaning gives (a NUL, which the
    full cleaning drops, forces that way)."""
    assert clean_text(text) == clean_text(text + "\x00")
    if text.isprintable():
        assert clean_text(text) == text.strip()


@pytest.mark.parametrize(
    "n, numeral",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_chinese_numerals(n, numeral):
    assert chinese_numeral(n) == numeral


def test_period_line_shows_years_only_across_a_year_end():
    assert period_line(dt.date(2022, 8, 22), dt.date(2022, 8, 26)) == "（8月22日—8月26日）"
    assert period_line(dt.date(2022, 12, 26), dt.date(2023, 1, 1)) == "（2022年12月26日—2023年1月1日）"


def test_sample_statistics_sentence_is_the_printed_one(sample_issue, canonical_lines):
    part = sample_issue.parts[0]
    assert generated_sentence(part.sections[0].statistics, part) == canonical_lines[6]


def _issue_with(sections):
    return Issue(
        Masthead(2023, 5, 420, dt.date(2023, 2, 6)),
        [Part("政务服务工作", dt.date(2023, 1, 30), dt.date(2023, 2, 3), sections)],
    )


def test_completed_above_accepted_is_legitimate():
    stats = Statistics(Figures(Counts(10, 20), Counts(0, 5), Counts(3, 4)))
    issue = _issue_with([Section("统计", SectionKind.STATISTICS, statistics=stats)])
    sentence = statistics_sentence(stats, issue.parts[0])
    assert "2023年1月1日至2023年2月3日" in sentence and "受理10件，办结20件" in sentence


def test_hand_edited_sentence_prints_until_reset():
    stats = Statistics(sentence_override="手工修改的句子。")
    part = _issue_with([]).parts[0]
    assert statistics_sentence(stats, part) == "手工修改的句子。"
    stats.sentence_override = None
    assert statistics_sentence(stats, part).startswith("据四川一体化政务服务平台数据统计")


@pytest.mark.parametrize("template, message", [("{nonsense}件", "nonsense"), ("{start", "模板")])
def test_bad_template_is_a_clear_error(template, message):
    stats = Statistics(template=template)
    with pytest.raises(BulletinError, match=message):
        generated_sentence(stats, _issue_with([]).parts[0])


def test_numbering_is_derived_from_position():
    news = Section("动态", SectionKind.NEWS, items=[Item("甲"), Item("乙")])
    single = Section("单条", SectionKind.NEWS, items=[Item("丙")])
    checks = Section(
        "巡查",
        SectionKind.INSPECTION,
        items=[Item("引言。"), Item("良好。", heading="着装情况"), Item("良好。", heading="纪律秩序：")],
    )
    issue = _issue_with([Section("工作", SectionKind.GROUP, subsections=[news, single]), checks])
    texts = [p.text for p in printed_paragraphs(issue)][5:]
    assert texts == [
        "一、工作",
        "（一）动态",
        "（1）甲",
        "（2）乙",
        "（二）单条",
        "丙",
        "二、巡查",
        "引言。",
        "（一）着装情况。良好。",
        "（二）纪律秩序：良好。",
    ]
    issue.parts[0].sections.reverse()
    assert [p.text for p in printed_paragraphs(issue)][5] == "一、巡查"
    for section in (news, single, checks, Section("说明", SectionKind.TEXT, items=[Item("甲"), Item("乙")])):
        # One item's number, as typing asks for it, is that item's number in the whole list.
        assert [item_number(section, i) for i in range(len(section.items))] == item_labels(section)
