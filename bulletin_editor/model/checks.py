"""Checks before export: mistakes a reader of the printed bulletin would notice.

Each finding names its place so the editor can take the user there. 办结 above 受理 is
legitimate (cumulative completions include earlier cases) and never a finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .dates import chinese_date
from .issue import Issue, Section, SectionKind
from .numbering import item_label, level1_label, level2_label
from .statistics import CATEGORIES, MEASURES
from .tree import Place, section_at, walk_items, walk_sections

CATEGORY_NAMES = {
    "licensing": "行政许可事项",
    "public_service": "公共服务事项",
    "other_powers": "其它九类行权事项",
}
MEASURE_NAMES = {"accepted": "受理", "completed": "办结"}


@dataclass(frozen=True)
class Finding:
    message: str
    place: Place


def check_issue(issue: Issue, previous: Issue | None = None) -> list[Finding]:
    """All findings, in the order the issue prints. `previous` is the issue before this one."""
    findings: list[Finding] = []
    m = issue.masthead
    for p, part in enumerate(issue.parts):
        here = Place(p, field="period")
        if part.period_end < part.period_start:
            findings.append(
                Finding(
                    f"{part.title}：时间段结束日 {chinese_date(part.period_end)} 早于开始日 "
                    f"{chinese_date(part.period_start)}",
                    here,
                )
            )
        if m.issue_date < part.period_end:
            findings.append(
                Finding(
                    f"出刊日期 {chinese_date(m.issue_date)} 早于{part.title}时间段的结束日 "
                    f"{chinese_date(part.period_end)}",
                    Place(field="masthead"),
                )
            )
        for name, section, place in _sections(issue, p):
            findings.extend(_check_section(name, section, place))
    findings.extend(_check_figures(issue, previous))
    findings.extend(_check_repeats(issue, previous))
    return findings


def _sections(issue: Issue, p: int) -> Iterator[tuple[str, Section, Place]]:
    for place, section in walk_sections(issue):
        if place.part == p:
            yield _section_name(place, section), section, place


def _section_name(place: Place, section: Section) -> str:
    assert place.section is not None
    u = place.subsection
    return (level1_label(place.section) if u is None else level2_label(u)) + section.title


def _check_section(name: str, section: Section, place: Place) -> Iterator[Finding]:
    if section.kind is SectionKind.GROUP:
        if not section.subsections:
            yield Finding(f"“{name}”下没有任何二级标题", place)
        return
    if section.kind is SectionKind.STATISTICS:
        stats = section.statistics
        if stats is None or (stats.sentence_override is None and _all_zero(stats.figures)):
            yield Finding(
                f"“{name}”的统计数字尚未填写",
                Place(place.part, place.section, place.subsection, field="figures"),
            )
        if stats and stats.period_start and stats.period_end and stats.period_end < stats.period_start:
            yield Finding(f"“{name}”的统计时间段结束日早于开始日", place)
        return
    if not section.items:
        yield Finding(f"“{name}”下没有内容", place)
    for i, item in enumerate(section.items):
        if not item.text:
            label = item.heading or item_label(i)
            yield Finding(
                f"“{name}”中的{label}内容为空", Place(place.part, place.section, place.subsection, i)
            )


def _all_zero(figures) -> bool:
    return all(getattr(getattr(figures, c), m) == 0 for c in CATEGORIES for m in MEASURES)


def _statistics(issue: Issue) -> list[tuple[Place, Section]]:
    return [
        (place, section)
        for p in range(len(issue.parts))
        for _, section, place in _sections(issue, p)
        if section.statistics is not None
    ]


def _check_figures(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    """The figures are cumulative from 1 January: within a year they never go down."""
    if previous is None or previous.masthead.year != issue.masthead.year:
        return
    before = [s.statistics.figures for _, s in _statistics(previous)]
    for (place, section), old in zip(_statistics(issue), before):
        new = section.statistics.figures
        if _all_zero(new):
            continue  # reported as not filled in
        for category in CATEGORIES:
            for measure in MEASURES:
                value = getattr(getattr(new, category), measure)
                last = getattr(getattr(old, category), measure)
                if value < last:
                    yield Finding(
                        f"{CATEGORY_NAMES[category]}{MEASURE_NAMES[measure]} {value:,} 件，"
                        f"少于上一期（第{previous.masthead.number}期）的 {last:,} 件；"
                        "统计数字是全年累计，不应减少",
                        Place(
                            place.part, place.section, place.subsection, field=f"figures.{category}.{measure}"
                        ),
                    )


def _item_places(issue: Issue) -> Iterator[tuple[str, str, Place]]:
    """Every item's printed identity (heading and text) with its section's name and its place."""
    for place, section, item in walk_items(issue):
        if item.text:
            yield f"{item.heading}\x00{item.text}", _section_name(place.section_place(), section), place


def _check_repeats(issue: Issue, previous: Issue | None) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for key, name, place in _item_places(issue):
        if key in seen:
            yield Finding(f"“{name}”中有一条与“{seen[key]}”中的重复：{_excerpt(key)}", place)
        else:
            seen[key] = name
    if previous is None:
        return
    # Last week's news printed again is a common slip; a checklist result may well repeat.
    old = {key for key, _, _ in _item_places(previous)}
    for key, name, place in _item_places(issue):
        if key in old and _is_news(issue, place):
            yield Finding(f"“{name}”中有一条与上一期相同：{_excerpt(key)}", place)


def _is_news(issue: Issue, place: Place) -> bool:
    return section_at(issue, place).kind in (SectionKind.NEWS, SectionKind.VISITS)


def _excerpt(key: str) -> str:
    text = key.replace("\x00", "")
    return text if len(text) <= 20 else text[:20] + "…"
