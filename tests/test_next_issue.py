import datetime as dt

from bulletin_editor.model import SectionKind
from bulletin_editor.model.checks import check_issue
from bulletin_editor.model.next_issue import blank_issue, next_issue, working_week_after


def _sections(issue):
    for part in issue.parts:
        for section in part.sections:
            yield section
            yield from section.subsections


def test_numbers_dates_and_period_move_on(sample_issue):
    new = next_issue(sample_issue, dt.date(2022, 10, 4))
    m = new.masthead
    assert (m.year, m.number, m.total_number, m.issue_date) == (2022, 29, 404, dt.date(2022, 10, 4))
    assert (new.parts[0].period_start, new.parts[0].period_end) == (dt.date(2022, 8, 29), dt.date(2022, 9, 2))
    assert new.parts[0].period_start.weekday() == 0 and new.parts[0].period_end.weekday() == 4


def test_a_new_year_restarts_the_issue_number(sample_issue):
    sample_issue.masthead.number = 52
    new = next_issue(sample_issue, dt.date(2023, 1, 3))
    assert (new.masthead.year, new.masthead.number, new.masthead.total_number) == (2023, 1, 404)


def test_news_emptied_checklist_and_distribution_carried(sample_issue):
    new = next_issue(sample_issue, dt.date(2022, 10, 4))
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


def test_the_previous_issue_is_left_alone(sample_issue):
    from bulletin_editor.formats.bulletin import load_sample

    next_issue(sample_issue, dt.date(2022, 10, 4))
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
