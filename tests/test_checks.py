import copy
import datetime as dt

from bulletin_editor.model import Item, Section, SectionKind
from bulletin_editor.model.checks import check_issue
from bulletin_editor.model.tree import Place


def test_the_printed_issue_passes(sample_issue):
    assert check_issue(sample_issue) == []


def test_empty_sections_are_named(sample_issue):
    dynamics = sample_issue.parts[0].sections[1]
    dynamics.subsections[0].items = []
    sample_issue.parts[0].sections.append(Section("其他工作", SectionKind.GROUP))
    (first, second) = check_issue(sample_issue)
    assert first.message == "“（一）优化营商环境工作开展情况”下没有内容"
    assert first.place == Place(0, 1, 0)
    assert second.message == "“四、其他工作”下没有任何二级标题" and second.place == Place(0, 3)


def test_an_empty_item_is_named_with_its_number(sample_issue):
    sample_issue.parts[0].sections[1].subsections[1].items[2].text = "  "
    (finding,) = check_issue(sample_issue)
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


def test_a_period_that_ends_before_it_starts(sample_issue):
    part = sample_issue.parts[0]
    part.period_start, part.period_end = part.period_end, part.period_start
    (finding,) = check_issue(sample_issue)
    assert finding.message == "政务服务工作：时间段结束日 2022年8月22日 早于开始日 2022年8月26日"
    assert finding.place == Place(0, field="period")


def test_an_issue_date_before_the_period_ends(sample_issue):
    sample_issue.masthead.issue_date = dt.date(2022, 8, 25)
    (finding,) = check_issue(sample_issue)
    assert finding.message == "出刊日期 2022年8月25日 早于政务服务工作时间段的结束日 2022年8月26日"
    assert finding.place == Place(field="masthead")


def _last_week(issue):
    previous = copy.deepcopy(issue)
    previous.masthead.number -= 1
    for section in previous.parts[0].sections[1].subsections:
        section.items = [Item("上周的另一条动态。")]
    return previous


def test_figures_lower_than_the_previous_issue_of_the_same_year(sample_issue):
    previous = _last_week(sample_issue)
    assert check_issue(sample_issue, previous) == []
    figures = sample_issue.parts[0].sections[0].statistics.figures
    figures.public_service.accepted = 19_000_000
    (finding,) = check_issue(sample_issue, previous)
    assert finding.message == (
        "公共服务事项受理 19,000,000 件，少于上一期（第27期）的 19,317,532 件；统计数字是全年累计，不应减少"
    )
    assert finding.place == Place(0, 0, field="figures.public_service.accepted")
    previous.masthead.year = 2021  # a new year starts from zero again
    assert check_issue(sample_issue, previous) == []


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
    assert finding.place == Place(0, 1, 1, 0)


def test_the_same_checklist_result_under_different_headings_is_fine(sample_issue):
    results = [i.text for i in sample_issue.parts[0].sections[2].items]
    assert results.count("总体情况良好。") == 5
    assert check_issue(sample_issue) == []


def test_last_weeks_news_printed_again(sample_issue):
    previous = copy.deepcopy(sample_issue)
    previous.masthead.number = 27
    findings = check_issue(sample_issue, previous)
    assert len(findings) == 9  # every news and visit item; the checklist may repeat
    assert all("与上一期相同" in f.message for f in findings)
