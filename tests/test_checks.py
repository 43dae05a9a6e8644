import copy
import datetime as dt

import pytest

from bulletin_editor.model import Item, Section, SectionKind
from bulletin_editor.model.checks import EXCERPT_CHARS, check_issue, excerpt, paragraph_number
from bulletin_editor.model.tree import Place


def test_the_printed_issue_passes(sample_issue):
    assert check_issue(sample_issue) == []


def test_empty_sections_are_named(sample_issue):
    dynamics = sample_issue.parts[0].sections[1]
    dynamics.subsections[0].items = []
    sample_issue.parts[0].sections.append(Section("其他工作", SectionKind.GROUP))
    (first, second) = check_issue(sample_issue)
    assert first.code == second.code == "empty-section"
    assert first.message == "“（一）优化营商环境工作开展情况”下没有内容"
    assert first.place == Place(0, 1, 0)
    assert second.message == "“四、其他工作”下没有任何二级标题" and second.place == Place(0, 3)


def test_an_empty_item_is_named_with_its_number(sample_issue):
    sample_issue.parts[0].sections[1].subsections[1].items[2].text = "  "
    (finding,) = check_issue(sample_issue)
    assert finding.code == "empty-item"
    assert finding.message == "“（二）窗口服务效能提升工作情况”中的（3）内容为空"
    assert finding.place == Place(0, 1, 1, 2)


def test_figures_not_filled_in(sample_issue):
    sample_issue.parts[0].sections[0].statistics.figures.licensing.accepted = 0
    assert check_issue(sample_issue) == []  # one zero is possible; all six are not
    blank = copy.deepcopy(sample_issue)
    from bulletin_editor.model import Figures

    blank.parts[0].sections[0].statistics.figures = Figures()
    (finding,) = check_issue(blank)
    assert "统计数字尚未填写" in finding.message and finding.place.field == "figures"
    assert finding.code == "figures-missing"


def test_a_period_that_ends_before_it_starts(sample_issue):
    part = sample_issue.parts[0]
    part.period_start, part.period_end = part.period_end, part.period_start
    (finding,) = check_issue(sample_issue)
    assert finding.code == "period-reversed"
    assert finding.message == "政务服务工作：时间段结束日 2022年8月22日 早于开始日 2022年8月26日"
    assert finding.place == Place(0, field="period")
    assert finding.excerpt == "（8月26日—8月22日）"


def test_an_issue_date_before_the_period_ends(sample_issue):
    sample_issue.masthead.issue_date = dt.date(2022, 8, 25)
    (finding,) = check_issue(sample_issue)
    assert finding.code == "issue-date-before-period"
    assert finding.message == "出刊日期 2022年8月25日 早于政务服务工作时间段的结束日 2022年8月26日"
    assert finding.place == Place(field="masthead.issue_date")


def _last_week(issue):
    previous = copy.deepcopy(issue)
    previous.masthead.number -= 1
    previous.masthead.total_number -= 1
    for section in previous.parts[0].sections[1].subsections:
        section.items = [Item("上周的另一条动态。")]
    return previous


def test_figures_lower_than_the_previous_issue_of_the_same_year(sample_issue):
    previous = _last_week(sample_issue)
    assert check_issue(sample_issue, previous) == []
    figures = sample_issue.parts[0].sections[0].statistics.figures
    figures.public_service.accepted = 19_000_000
    (finding,) = check_issue(sample_issue, previous)
    assert finding.code == "figures-decreased"
    assert finding.excerpt.count("19000000") == 1 and len(finding.excerpt) <= 40
    assert finding.message == (
        "公共服务事项受理 19,000,000 件，少于上一期（第27期）的 19,317,532 件；统计数字是全年累计，不应减少"
    )
    assert finding.place == Place(0, 0, field="figures.public_service.accepted")
    previous.masthead.year = 2021  # a new year starts from zero again
    assert [f.code for f in check_issue(sample_issue, previous)] == ["number-not-consecutive"]


def test_completed_above_accepted_is_not_a_finding(sample_issue):
    figures = sample_issue.parts[0].sections[0].statistics.figures
    assert figures.other_powers.completed > figures.other_powers.accepted
    figures.licensing.completed = figures.licensing.accepted + 10_000
    assert check_issue(sample_issue) == []


def test_an_item_that_appears_twice(sample_issue):
    dynamics = sample_issue.parts[0].sections[1]
    repeated = dynamics.subsections[1].items[0].text
    dynamics.subsections[0].items.append(Item(repeated))
    (finding,) = check_issue(sample_issue)
    assert finding.message.startswith(
        "“（二）窗口服务效能提升工作情况”中有一条与“（一）优化营商环境工作开展情况”中的重复：近日，应急厅窗口"
    )
    assert finding.place == Place(0, 1, 1, 0) and finding.code == "duplicate-item"


def test_the_same_checklist_result_under_different_headings_is_fine(sample_issue):
    results = [i.text for i in sample_issue.parts[0].sections[2].items]
    assert results.count("总体情况良好。") == 5
    assert check_issue(sample_issue) == []


def test_last_weeks_news_printed_again(sample_issue):
    previous = copy.deepcopy(sample_issue)
    previous.masthead.number, previous.masthead.total_number = 27, 402
    findings = check_issue(sample_issue, previous)
    assert len(findings) == 9  # every news and visit item; the checklist may repeat
    assert all("与上一期相同" in f.message and f.code == "repeated-from-previous" for f in findings)


def test_an_issue_date_far_from_the_period(sample_issue):
    sample_issue.masthead.issue_date = dt.date(2022, 10, 11)  # 46 days after 8月26日
    (finding,) = check_issue(sample_issue)
    assert finding.code == "date-far-from-period" and "晚 46 天" in finding.message
    assert finding.place == Place(field="masthead.issue_date")
    assert finding.excerpt.endswith("2022年10月11日")
    sample_issue.masthead.issue_date = dt.date(2022, 10, 10)  # 45 days: a late issue, not a slip
    assert check_issue(sample_issue) == []
    sample_issue.masthead.issue_date = dt.date(2022, 7, 1)
    (finding,) = check_issue(sample_issue)
    assert finding.code == "date-far-from-period" and "早 56 天" in finding.message


def test_the_masthead_year_differs_from_the_issue_date(sample_issue):
    sample_issue.masthead.year = 2021
    (finding,) = check_issue(sample_issue)
    assert finding.code == "year-mismatch" and "2021" in finding.message
    assert finding.place == Place(field="masthead.year")
    assert finding.excerpt == "2021年第28期（总第403期）"


def test_a_period_in_another_year_than_the_statistics(sample_issue):
    stats = sample_issue.parts[0].sections[0].statistics
    stats.period_start, stats.period_end = dt.date(2021, 1, 1), dt.date(2021, 8, 26)
    (finding,) = check_issue(sample_issue)
    assert finding.code == "statistics-year-mismatch"
    assert finding.place == Place(0, 0, field="figures")
    assert "2021年1月1日" in finding.excerpt


@pytest.mark.parametrize(
    ("number", "total", "expected"),
    [
        (29, 404, []),
        (30, 404, ["期号第30期与上一期（2022年第28期（总第403期））不相接，应为第29期"]),
        (29, 405, ["总期号第405期与上一期（2022年第28期（总第403期））不相接，应为总第404期"]),
        (28, 403, ["期号第28期与", "总期号第403期与"]),
    ],
)
def test_numbers_follow_last_week(sample_issue, number, total, expected):
    previous = _last_week(sample_issue)
    previous.masthead.number, previous.masthead.total_number = 28, 403
    sample_issue.masthead.number, sample_issue.masthead.total_number = number, total
    findings = [f for f in check_issue(sample_issue, previous) if f.code == "number-not-consecutive"]
    assert len(findings) == len(expected)
    for finding, start in zip(findings, expected):
        assert finding.message.startswith(start)
        assert finding.place.field in ("masthead.number", "masthead.total_number")


def test_the_first_issue_of_a_year_follows_the_last_of_the_one_before(sample_issue):
    previous = _last_week(sample_issue)
    previous.masthead.year, previous.masthead.number = 2021, 52
    sample_issue.masthead.number = 1
    assert [f.code for f in check_issue(sample_issue, previous)] == []


def test_an_item_dated_outside_the_period(sample_issue):
    visits = sample_issue.parts[0].sections[1].subsections[2]
    visits.items[1].text = "8月29日，" + visits.items[1].text.split("，", 1)[1]
    (finding,) = check_issue(sample_issue)
    assert finding.code == "date-outside-period"
    assert (
        finding.message
        == "“（三）厅（局）长进大厅”中的（2）所写日期 8月29日 不在本期时间段（8月22日—8月26日）内"
    )
    assert finding.place == Place(0, 1, 2, 1) and finding.excerpt.startswith("（2）8月29日，")


def test_an_item_date_in_a_period_across_the_new_year(sample_issue):
    part = sample_issue.parts[0]
    part.period_start, part.period_end = dt.date(2022, 12, 26), dt.date(2023, 1, 1)
    sample_issue.masthead.issue_date = dt.date(2023, 1, 5)
    sample_issue.masthead.year = 2023
    news = part.sections[1].subsections[1]
    for i, text in enumerate(
        ("12月27日，甲。", "1月1日，乙。", "12月25日，丙。", "2月30日，丁。", "近日，戊。")
    ):
        news.items[i].text = text
    findings = [f for f in check_issue(sample_issue) if f.place.subsection == 1]
    assert [(f.code, f.place.item) for f in findings] == [
        ("date-outside-period", 2),
        ("date-outside-period", 3),
    ]


def test_findings_come_in_printed_order(sample_issue):
    sample_issue.distribution.copies = 80
    sample_issue.parts[0].sections[2].items[3].text = ""
    sample_issue.masthead.year = 2021
    sample_issue.parts[0].sections[1].subsections[0].items = []
    findings = check_issue(sample_issue)
    numbers = [paragraph_number(sample_issue, f.place) for f in findings]
    assert numbers == sorted(numbers) and len(numbers) == 3


def test_every_finding_names_its_printed_paragraph(sample_issue):
    from bulletin_editor.model import printed_paragraphs

    texts = [p.text for p in printed_paragraphs(sample_issue)]
    cases = {
        Place(field="masthead.title"): "窗口工作周报",
        Place(field="masthead.number"): "2022年第28期（总第403期）",
        Place(field="masthead.issue_date"): texts[2],
        Place(0): "政务服务工作",
        Place(0, field="period"): "（8月22日—8月26日）",
        Place(0, 0): "一、省级政务服务事项受理办理情况",
        Place(0, 0, field="figures.licensing.accepted"): texts[6],
        Place(0, 1, 0): "（一）优化营商环境工作开展情况",
        Place(0, 1, 2, 2): texts[19],
        Place(0, 2, None, 0): texts[21],
        Place(field="distribution", item=1): "送：各相关省级部门（单位），中心各处（室）、直属单位。",
        Place(field="distribution.copies"): "（共印80份）",
    }
    for place, text in cases.items():
        assert texts[paragraph_number(sample_issue, place) - 1] == text, place
    assert texts[19].startswith("（3）8月26日，司法厅")
    assert texts[21].startswith("大厅窗口规范化")
    assert paragraph_number(sample_issue, Place(field="masthead")) is None
    assert paragraph_number(sample_issue, Place(field="distribution", item=3)) is None
    assert paragraph_number(sample_issue, Place(5, 0)) is None


def test_an_excerpt_is_at_most_forty_characters_around_the_words():
    text = "甲" * 50 + "错误" + "乙" * 50
    around = excerpt(text, "错误")
    assert len(around) == EXCERPT_CHARS and around.index("错误") == 19
    assert excerpt("短句。", "短") == "短句。"
    assert excerpt(text, "没有的词") == text[:EXCERPT_CHARS]
    assert excerpt("甲" * 10 + "尾", "尾") == "甲" * 10 + "尾"
