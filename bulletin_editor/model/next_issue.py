"""Issues to start from: a blank one, and the next issue from this one."""

from __future__ import annotations

import copy
import datetime as dt

from .issue import (
    Distribution,
    DistributionLine,
    Issue,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
)

# The structure of every 窗口工作周报 since 2022; a blank issue starts from it.
_STANDARD_SECTIONS = (
    ("省级政务服务事项受理办理情况", SectionKind.STATISTICS, ()),
    (
        "窗口工作动态",
        SectionKind.GROUP,
        (
            ("优化营商环境工作开展情况", SectionKind.NEWS),
            ("窗口服务效能提升工作情况", SectionKind.NEWS),
            ("厅（局）长进大厅", SectionKind.VISITS),
        ),
    ),
    ("大厅巡查情况", SectionKind.INSPECTION, ()),
)
_EMPTIED = (SectionKind.NEWS, SectionKind.VISITS)


def working_week_after(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Friday of the first week that starts after `day`."""
    monday = day + dt.timedelta(days=7 - day.weekday())
    return monday, monday + dt.timedelta(days=4)


def blank_issue(today: dt.date) -> Issue:
    """A new issue: the standard sections, empty, reporting on the last full working week."""
    end = today - dt.timedelta(days=(today.weekday() - 4) % 7 or 7)  # the last Friday before today
    start = end - dt.timedelta(days=4)
    sections = []
    for title, kind, subsections in _STANDARD_SECTIONS:
        section = Section(title, kind, subsections=[Section(t, k) for t, k in subsections])
        if kind is SectionKind.STATISTICS:
            section.statistics = Statistics()
        sections.append(section)
    return Issue(
        masthead=Masthead(year=today.year, number=1, total_number=1, issue_date=today),
        parts=[Part("政务服务工作", start, end, sections)],
        distribution=Distribution(
            [DistributionLine("报", ""), DistributionLine("送", ""), DistributionLine("发", "")], copies=0
        ),
    )


WEEK = dt.timedelta(days=7)


def next_issue(issue: Issue) -> Issue:
    """The issue after `issue`: the series goes on, whatever today's date.

    Dated a week after `issue`; the year follows the new date, the issue number goes up by
    one (restarting at 1 in a new year), the total number always by one. Every part reports
    on the working week after its previous period; the statistics run from 1 January of the
    period's year to its end and keep last week's figures as 上期 for the checks. News and
    visits are emptied; the structure, the inspection checklist, free text and the
    distribution carry over.
    """
    new = copy.deepcopy(issue)
    m = new.masthead
    m.issue_date += WEEK
    m.number = m.number + 1 if m.issue_date.year == m.year else 1
    m.year = m.issue_date.year
    m.total_number += 1
    for part in new.parts:
        part.period_start, part.period_end = working_week_after(part.period_end)
        for section in part.sections:
            for s in (section, *section.subsections):
                _carry_over(s)
    return new


def _carry_over(section: Section) -> None:
    if section.kind in _EMPTIED:
        section.items = []
    if section.statistics is not None:
        stats = section.statistics
        section.statistics = Statistics(template=stats.template, previous=stats.figures)
