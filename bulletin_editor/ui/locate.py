"""Find model objects in the open issue by identity (two empty items are equal, not the same)."""

from __future__ import annotations

from ..model import Issue, Part, Section, SectionKind

KIND_NAMES = {
    SectionKind.NEWS: "新闻条目",
    SectionKind.VISITS: "厅（局）长进大厅",
    SectionKind.INSPECTION: "大厅巡查",
    SectionKind.STATISTICS: "统计数字",
    SectionKind.TEXT: "自由文本",
    SectionKind.GROUP: "分组（只含二级标题）",
}
ITEM_KINDS = (SectionKind.NEWS, SectionKind.VISITS, SectionKind.INSPECTION, SectionKind.TEXT)


def index_of(items: list, obj: object) -> int:
    return next((i for i, x in enumerate(items) if x is obj), -1)


def locate_section(issue: Issue, section: Section) -> tuple[int, int, int | None] | None:
    """(part, section, subsection) of `section`, or None when it is no longer in the issue."""
    for p, part in enumerate(issue.parts):
        for s, top in enumerate(part.sections):
            if top is section:
                return p, s, None
            u = index_of(top.subsections, section)
            if u >= 0:
                return p, s, u
    return None


def owner_list(issue: Issue, obj: Part | Section) -> list | None:
    """The list that holds a part or section."""
    if index_of(issue.parts, obj) >= 0:
        return issue.parts
    where = locate_section(issue, obj)
    if where is None:
        return None
    p, s, u = where
    part = issue.parts[p]
    return part.sections if u is None else part.sections[s].subsections


def part_of(issue: Issue, section: Section) -> Part | None:
    where = locate_section(issue, section)
    return None if where is None else issue.parts[where[0]]


def all_sections(issue: Issue):
    """(part, section, subsection index, section object) for every section, in print order."""
    for p, part in enumerate(issue.parts):
        for s, top in enumerate(part.sections):
            yield p, s, None, top
            for u, sub in enumerate(top.subsections):
                yield p, s, u, sub
