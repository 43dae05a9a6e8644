"""Checks before export: mistakes a reader of the printed bulletin would notice.

Each finding has a stable `code` (for scripts: `bulletin-editor check --json`), a Chinese
message, its place (so the editor can take the user there) and an excerpt of the printed
paragraph it is about. 办结 above 受理 is legitimate (cumulative completions include
earlier cases) and never a finding.

To add a check: write a function `(issue, previous) -> Iterable[Finding]` and append it to
CHECKS. A check may set `excerpt` to the words at fault; check_issue widens it to at most
EXCERPT_CHARS characters of the printed paragraph around them.

A finding's Place.field narrows its place: "masthead.year" (or .number, .total_number,
.issue_date, .title, .unit), "period", "figures" or "figures.licensing.accepted",
"distribution" (with `item` the line's index), "distribution.copies".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from ..errors import BulletinError
from .dates import chinese_date
from .issue import Figures, IgnoredFinding, Issue, Section, SectionKind
from .layout import fit_unit_date, load_layout, unit_chars_over
from .numbering import item_label, level1_label, level2_label
from .pagination import Pagination
from .printed import Printed, Role, issue_line, printed_paragraphs, unit_date_runs
from .proofread import TextFix, Words, proofreading_findings
from .statistics import CATEGORIES, CATEGORY_NAMES, MEASURE_NAMES, MEASURES, statistics_period
from .tree import Place, section_at, walk_items, walk_sections

EXCERPT_CHARS = 40
# An issue usually appears within a month of its period; further off is a typing slip.
FAR_FROM_PERIOD = dt.timedelta(days=45)
UNIT_DATE_TOO_LONG = "unit-date-too-long"
UNIT_DATE_WRAPS = "unit-date-wraps"  # measured on the page (model.pagination)
# A news or visit item opens with its date: 8月23日，…
_ITEM_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Finding:
    code: str  # stable identifier: figures-decreased, empty-section, …
    message: str
    place: Place
    excerpt: str = ""  # a piece of the printed paragraph around the problem
    fix: TextFix | None = None  # the one-click fix, where no judgment is needed (proofreading)


Check = Callable[[Issue, "Issue | None"], Iterable[Finding]]


def check_issue(
    issue: Issue,
    previous: Issue | None = None,
    words: Words | None = None,
    pages: Pagination | None = None,
) -> list[Finding]:
    """All findings, in the order the issue prints. `previous` is the issue before this one;
    `words` the proofreader's lists (the shipped ones when None); `pages` the issue's
    pagination, for what only the pages show (none when None)."""
    findings = [finding for check in CHECKS for finding in check(issue, previous)]
    try:
        printed = list(pages.paragraphs) if pages is not None else printed_paragraphs(issue)
    except BulletinError:  # a broken statistics template is reported by its editor
        return findings
    findings += proofreading_findings(issue, words, printed)
    if pages is not None:
        findings += page_findings(pages, wrapping_known=any(f.code == UNIT_DATE_TOO_LONG for f in findings))
    numbered = []
    number_of = paragraph_numbers(printed)
    for finding in findings:
        number = number_of(finding.place)
        if number is not None:
            finding = replace(finding, excerpt=excerpt(printed[number - 1].text, finding.excerpt))
        numbered.append((number if number is not None else len(printed) + 1, finding))
    return [finding for _, finding in sorted(numbered, key=lambda pair: pair[0])]


def page_findings(pages: Pagination, wrapping_known: bool = False) -> list[Finding]:
    """What the pagination sees: a heading at a page foot, a 版记 that moves to a page of its
    own, a unit/date line that wraps, more pages than the limit. `wrapping_known`: the unit
    line's check already says it wraps, so the pages do not say it twice."""
    findings = []
    for found in pages.findings:
        if found.code == UNIT_DATE_WRAPS and wrapping_known:
            continue
        place = Place() if found.paragraph is None else pages.place_of(found.paragraph)
        findings.append(Finding(found.code, found.message, place))
    return findings


def split_ignored(issue: Issue, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(the findings to report, the findings the issue's ignore list holds)."""
    ignored = set(issue.ignored)
    active: list[Finding] = []
    kept: list[Finding] = []
    for finding in findings:
        (kept if IgnoredFinding(finding.code, finding.excerpt) in ignored else active).append(finding)
    return active, kept


def comparison_note(issue: Issue, previous: Issue | None, searched: bool = True) -> str:
    """Which issue the checks compared this one with (the panel and `check` say so)."""
    if previous is not None:
        return f"已与上一期（{issue_line(previous)}）对照检查"
    m = issue.masthead
    wanted = f"{m.year}年第{m.number - 1}期或总第{m.total_number - 1}期"
    why = f"归档中没有找到上一期（{wanted}）" if searched else "未指定归档文件夹，没有查找上一期"
    stored = any(s.statistics and s.statistics.previous for _, s in _statistics(issue))
    return why + ("；统计数字与本期保存的上期数字对照" if stored else "，未与上一期对照")


# --- where a finding prints ----------------------------------------------------------

_MASTHEAD_ROLES = {
    "title": Role.TITLE,
    "year": Role.ISSUE_LINE,
    "number": Role.ISSUE_LINE,
    "total_number": Role.ISSUE_LINE,
    "unit": Role.UNIT_DATE,
    "issue_date": Role.UNIT_DATE,
}


def paragraph_number(issue: Issue, place: Place, printed: list[Printed] | None = None) -> int | None:
    """The 1-based number of the printed paragraph at `place`, counted from the masthead title
    as the export writes them (the distribution lines and the copies line count too); None
    when the place is about no one paragraph."""
    return paragraph_numbers(printed_paragraphs(issue) if printed is None else printed)(place)


def paragraph_numbers(printed: list[Printed]) -> Callable[[Place], int | None]:
    """paragraph_number for the places of one printed issue: the paragraphs are indexed once,
    so numbering every finding is a lookup each, not a walk of the whole issue each."""
    first: dict[tuple, int] = {}  # (role, source or None for any) -> the first such paragraph
    lines = 0
    for number, paragraph in enumerate(printed, 1):
        first.setdefault((paragraph.role, paragraph.source), number)
        first.setdefault((paragraph.role, None), number)
        if paragraph.role is Role.DISTRIBUTION:
            first.setdefault(("distribution", lines), number)
            lines += 1
    return lambda place: min((first[key] for key in _keys(place) if key in first), default=None)


def _keys(place: Place) -> list[tuple]:
    """What a paragraph at `place` is indexed by in paragraph_numbers."""
    area, _, detail = place.field.partition(".")
    if area == "masthead":
        return [(_MASTHEAD_ROLES.get(detail), None)]
    if area == "distribution":
        if detail == "copies":
            return [(Role.COPIES, None)]
        return [] if place.item is None else [("distribution", place.item)]
    if place.part is None:
        return []
    if place.section is None:
        return [(Role.PERIOD if area == "period" else Role.PART_TITLE, Place(place.part))]
    if place.item is not None:
        source = replace(place, field="")
        return [(Role.BODY, source), (Role.RUN_IN, source)]
    if area in ("figures", "statistics"):
        return [(Role.BODY, place.section_place())]
    return [(Role.LEVEL1 if place.subsection is None else Role.LEVEL2, place.section_place())]


def excerpt(text: str, words: str = "") -> str:
    """At most EXCERPT_CHARS characters of `text`, around `words` when they are in it."""
    at = text.find(words) if words else -1
    if at < 0:
        return text[:EXCERPT_CHARS]
    start = max(0, min(at - (EXCERPT_CHARS - len(words)) // 2, len(text) - EXCERPT_CHARS))
    return text[start : start + EXCERPT_CHARS]


# --- the checks ----------------------------------------------------------------------


def _check_dates(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    m = issue.masthead
    date_place = Place(field="masthead.issue_date")
    if m.year != m.issue_date.year:
        yield Finding(
            "year-mismatch",
            f"报头年份 {m.year} 年与出刊日期 {chinese_date(m.issue_date)} 的年份不一致",
            Place(field="masthead.year"),
            f"{m.year}年",
        )
    for p, part in enumerate(issue.parts):
        if part.period_end < part.period_start:
            yield Finding(
                "period-reversed",
                f"{part.title}：时间段结束日 {chinese_date(part.period_end)} 早于开始日 "
                f"{chinese_date(part.period_start)}",
                Place(p, field="period"),
            )
        gap = m.issue_date - part.period_end
        if abs(gap) > FAR_FROM_PERIOD:
            relation = "晚" if gap > dt.timedelta(0) else "早"
            yield Finding(
                "date-far-from-period",
                f"出刊日期 {chinese_date(m.issue_date)} 比{part.title}时间段的结束日 "
                f"{chinese_date(part.period_end)} {relation} {abs(gap.days)} 天，请核对日期",
                date_place,
            )
        elif gap < dt.timedelta(0):
            yield Finding(
                "issue-date-before-period",
                f"出刊日期 {chinese_date(m.issue_date)} 早于{part.title}时间段的结束日 "
                f"{chinese_date(part.period_end)}",
                date_place,
            )


def _check_unit_date(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    """The unit/date line past the layout table's shrink limits: the export wraps it."""
    layout = load_layout()
    unit, date = unit_date_runs(issue)
    fit = fit_unit_date(layout, unit, date)
    if not fit.fits:
        yield Finding(
            UNIT_DATE_TOO_LONG,
            f"编印单位与出刊日期一行排不下（字距、字号已缩到版式表的下限 {fit.size_pt:g} 磅），"
            f"导出后将折成两行：请将单位名称缩短至少 {unit_chars_over(layout, unit, date)} 字",
            Place(field="masthead.unit"),
        )


def _check_numbers(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    """Issue and total numbers follow last week's: + 1, the issue number restarting in a new year."""
    if previous is None:
        return
    m, last = issue.masthead, previous.masthead
    expected = last.number + 1 if m.year == last.year else 1
    label = f"上一期（{issue_line(previous)}）"
    if m.number != expected:
        yield Finding(
            "number-not-consecutive",
            f"期号第{m.number}期与{label}不相接，应为第{expected}期",
            Place(field="masthead.number"),
            f"第{m.number}期",
        )
    if m.total_number != last.total_number + 1:
        yield Finding(
            "number-not-consecutive",
            f"总期号第{m.total_number}期与{label}不相接，应为总第{last.total_number + 1}期",
            Place(field="masthead.total_number"),
            f"总第{m.total_number}期",
        )


def _all_sections(issue: Issue) -> Iterator[tuple[str, Section, Place]]:
    """Every section and subsection with its printed name (一、… or （一）…) and place."""
    for place, section in walk_sections(issue):
        yield _section_name(place, section), section, place


def _section_name(place: Place, section: Section) -> str:
    assert place.section is not None
    u = place.subsection
    return (level1_label(place.section) if u is None else level2_label(u)) + section.title


def _check_sections(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    for name, section, place in _all_sections(issue):
        yield from _check_section(issue, name, section, place)


def _check_section(issue: Issue, name: str, section: Section, place: Place) -> Iterator[Finding]:
    if section.kind is SectionKind.GROUP:
        if not section.subsections:
            yield Finding("empty-section", f"“{name}”下没有任何二级标题", place)
        return
    if section.kind is SectionKind.STATISTICS:
        yield from _check_statistics(issue, name, section, place)
        return
    if not section.items:
        yield Finding("empty-section", f"“{name}”下没有内容", place)
    for i, item in enumerate(section.items):
        if not item.text:
            label = item.heading or item_label(i)
            yield Finding(
                "empty-item",
                f"“{name}”中的{label}内容为空",
                replace(place, item=i),
            )


def _check_statistics(issue: Issue, name: str, section: Section, place: Place) -> Iterator[Finding]:
    stats = section.statistics
    figures_place = replace(place, field="figures")
    if stats is None or (stats.sentence_override is None and _all_zero(stats.figures)):
        yield Finding("figures-missing", f"“{name}”的统计数字尚未填写", figures_place)
    if stats is None:
        return
    if stats.period_start and stats.period_end and stats.period_end < stats.period_start:
        yield Finding("period-reversed", f"“{name}”的统计时间段结束日早于开始日", figures_place)
    part = issue.parts[place.part or 0]
    start, end = statistics_period(stats, part)
    if start.year != part.period_end.year or end.year != part.period_end.year:
        yield Finding(
            "statistics-year-mismatch",
            f"“{name}”的统计时间段（{chinese_date(start)}至{chinese_date(end)}）与{part.title}"
            f"的时间段不在同一年",
            figures_place,
            chinese_date(start),
        )


def _all_zero(figures: Figures) -> bool:
    return all(getattr(getattr(figures, c), m) == 0 for c in CATEGORIES for m in MEASURES)


def _statistics(issue: Issue) -> list[tuple[Place, Section]]:
    return [(place, section) for _, section, place in _all_sections(issue) if section.statistics is not None]


def _check_figures(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    """The figures are cumulative from 1 January: within a year they never go down.

    Compared with the previous issue when it is known, else with the 上期 figures the
    issue kept when it was made from last week's."""
    if previous is not None and previous.masthead.year != issue.masthead.year:
        return
    before: list[Figures | None]
    if previous is not None:
        before = [s.statistics.figures for _, s in _statistics(previous) if s.statistics]
        label = f"上一期（第{previous.masthead.number}期）"
    else:
        before = [s.statistics.previous for _, s in _statistics(issue) if s.statistics]
        label = "上期"
    for (place, section), old in zip(_statistics(issue), before):
        new = section.statistics.figures if section.statistics else None
        if old is None or new is None or _all_zero(new):
            continue  # nothing to compare, or reported as not filled in
        for category in CATEGORIES:
            for measure in MEASURES:
                value = getattr(getattr(new, category), measure)
                last = getattr(getattr(old, category), measure)
                if value < last:
                    yield Finding(
                        "figures-decreased",
                        f"{CATEGORY_NAMES[category]}{MEASURE_NAMES[measure]} {value:,} 件，"
                        f"少于{label}的 {last:,} 件；统计数字是全年累计，不应减少",
                        replace(place, field=f"figures.{category}.{measure}"),
                        f"{MEASURE_NAMES[measure]}{value}件",
                    )


def _check_item_dates(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    """A news or visit item that opens with its date (8月23日，…) reports on the period."""
    for name, section, place in _all_sections(issue):
        if section.kind not in (SectionKind.NEWS, SectionKind.VISITS):
            continue
        part = issue.parts[place.part or 0]
        if part.period_end < part.period_start:
            continue  # reported as reversed; any date would be outside
        for i, item in enumerate(section.items):
            found = _ITEM_DATE.match(item.text)
            if found is None:
                continue
            years = {int(found[1])} if found[1] else {part.period_start.year, part.period_end.year}
            day = _date_in_period(years, int(found[2]), int(found[3]), part.period_start, part.period_end)
            if day is None:
                yield Finding(
                    "date-outside-period",
                    f"“{name}”中的{item_label(i)}所写日期 {found[0]} 不在本期时间段"
                    f"（{chinese_date(part.period_start, False)}—{chinese_date(part.period_end, False)}）内",
                    replace(place, item=i),
                    found[0],
                )


def _date_in_period(years: set[int], month: int, day: int, start: dt.date, end: dt.date) -> dt.date | None:
    """The date month/day of one of `years` within start..end, else None (without a year typed,
    the period's years: a period may cross the new year)."""
    for year in years:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if start <= date <= end:
            return date
    return None


def _item_places(issue: Issue) -> Iterator[tuple[str, str, Place]]:
    """Every item's printed identity (heading and text) with its section's name and its place."""
    for place, section, item in walk_items(issue):
        if item.text:
            yield f"{item.heading}\x00{item.text}", _section_name(place.section_place(), section), place


def _check_repeats(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for key, name, place in _item_places(issue):
        if key in seen:
            yield Finding("duplicate-item", f"“{name}”中有一条与“{seen[key]}”中的重复：{_short(key)}", place)
        else:
            seen[key] = name
    if previous is None:
        return
    # Last week's news printed again is a common slip; a checklist result may well repeat.
    old = {key for key, _, _ in _item_places(previous)}
    for key, name, place in _item_places(issue):
        if key in old and _is_news(issue, place):
            yield Finding("repeated-from-previous", f"“{name}”中有一条与上一期相同：{_short(key)}", place)


def _is_news(issue: Issue, place: Place) -> bool:
    return section_at(issue, place).kind in (SectionKind.NEWS, SectionKind.VISITS)


def _short(key: str) -> str:
    text = key.replace("\x00", "")
    return text if len(text) <= 20 else text[:20] + "…"


CHECKS: list[Check] = [
    _check_dates,
    _check_unit_date,
    _check_numbers,
    _check_sections,
    _check_figures,
    _check_item_dates,
    _check_repeats,
]
