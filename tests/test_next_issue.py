import copy
import datetime as dt

from bulletin_editor.model import SectionKind, printed_paragraphs
from bulletin_editor.model.checks import check_issue, comparison_note
from bulletin_editor.model.next_issue import blank_issue, next_issue, working_week_after
from bulletin_editor.model.statistics import statistics_period


def _sections(issue):
    for part in issue.parts:
        for section in part.sections:
            yield section
            yield from section.subsections


def test_numbers_dates_and_period_follow_the_series(sample_issue):
    new = next_issue(sample_issue)
    m = new.masthead
    assert (m.year, m.number, m.total_number, m.issue_date) == (2022, 29, 404, dt.date(2022, 10, 4))
    assert (new.parts[0].period_start, new.parts[0].period_end) == (dt.date(2022, 8, 29), dt.date(2022, 9, 2))
    assert new.parts[0].period_start.weekday() == 0 and new.parts[0].period_end.weekday() == 4
    stats = new.parts[0].sections[0].statistics
    assert statistics_period(stats, new.parts[0]) == (dt.date(2022, 1, 1), dt.date(2022, 9, 2))
    assert "2022年1月1日至2022年9月2日" in printed_paragraphs(new)[6].text


def test_a_new_year_restarts_the_issue_number(sample_issue):
    m = sample_issue.masthead
    m.number, m.issue_date = 52, dt.date(2022, 12, 27)
    part = sample_issue.parts[0]
    part.period_start, part.period_end = dt.date(2022, 12, 19), dt.date(2022, 12, 23)
    new = next_issue(sample_issue)
    m = new.masthead
    assert (m.year, m.number, m.total_number, m.issue_date) == (2023, 1, 404, dt.date(2023, 1, 3))
    assert (new.parts[0].period_start, new.parts[0].period_end) == (
        dt.date(2022, 12, 26),
        dt.date(2022, 12, 30),
    )
    # The statistics restart from 1 January of the period's year: 2022 is still being reported.
    stats = new.parts[0].sections[0].statistics
    assert statistics_period(stats, new.parts[0]) == (dt.date(2022, 1, 1), dt.date(2022, 12, 30))


def test_a_dated_statistics_period_starts_again_from_1_january(sample_issue):
    stats = sample_issue.parts[0].sections[0].statistics
    stats.period_start, stats.period_end = dt.date(2022, 1, 1), dt.date(2022, 8, 26)
    stats.sentence_override = "手改的句子。"
    new = next_issue(sample_issue).parts[0].sections[0].statistics
    assert (new.period_start, new.period_end, new.sentence_override) == (None, None, None)


def test_last_weeks_figures_are_kept_for_the_checks(sample_issue):
    new = next_issue(sample_issue)
    stats = new.parts[0].sections[0].statistics
    assert stats.previous == sample_issue.parts[0].sections[0].statistics.figures
    stats.figures = copy.deepcopy(stats.previous)
    stats.figures.licensing.completed -= 1
    (finding,) = [f for f in check_issue(new) if f.code == "figures-decreased"]
    assert "少于上期的" in finding.message and finding.place.field == "figures.licensing.completed"
    assert "上期" in comparison_note(new, None, searched=False)


def test_news_emptied_checklist_and_distribution_carried(sample_issue):
    new = next_issue(sample_issue)
    for old, section in zip(_sections(sample_issue), _sections(new)):
        assert section.title == old.title and section.kind == old.kind
        if section.kind in (SectionKind.NEWS, SectionKind.VISITS):
            assert section.items == []
        else:
            assert section.items == old.items
    assert new.distribution == sample_issue.distribution
    stats = new.parts[0].sections[0].statistics
    assert stats.template == sample_issue.parts[0].sections[0].statistics.template
    assert stats.sentence_override is None and stats.figures.licensing.accepted == 0
    assert new.parts[0].sections[2].items == sample_issue.parts[0].sections[2].items


def test_the_previous_issue_is_left_alone(sample_issue):
    from bulletin_editor.formats.bulletin import load_sample

    next_issue(sample_issue)
    assert sample_issue == load_sample()


def test_the_week_after_any_day_is_monday_to_friday():
    for offset in range(14):
        day = dt.date(2022, 8, 22) + dt.timedelta(days=offset)
        start, end = working_week_after(day)
        assert start > day and start.weekday() == 0 and (end - start).days == 4
        assert (start - day).days <= 7


def test_blank_issue_reports_on_the_last_full_week_and_checks_say_what_is_missing():
    issue = blank_issue(dt.date(2026, 11, 28))  # a Saturday
    part = issue.parts[0]
    assert (part.period_start, part.period_end) == (dt.date(2026, 11, 23), dt.date(2026, 11, 27))
    assert blank_issue(dt.date(2026, 11, 27)).parts[0].period_end == dt.date(2026, 11, 20)  # a Friday
    messages = [f.message for f in check_issue(issue)]
    assert any("统计数字尚未填写" in m for m in messages)
    assert sum("下没有内容" in m for m in messages) == 4
