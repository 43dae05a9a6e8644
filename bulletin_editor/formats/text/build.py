"""Rebuild an issue from its visible text: past issues typed by hand, or an export edited in Word.

Input is the document's paragraphs in reading order (table cells included). Typed numbering
is recognised and dropped, since the model derives numbering from position; duplicated or
skipped numbers are therefore harmless and only noted. Nothing is dropped: a paragraph that
fits nowhere is kept as free text in the nearest section and named in the report.

tokens.py classifies the lines, outline.py reads them into a raw outline, and this module gives
each section its kind and builds the issue.
"""

from __future__ import annotations

import datetime as dt
import re

from ...model import (
    DEFAULT_TITLE,
    DEFAULT_UNIT,
    Issue,
    Item,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
)
from ...model.statistics import parse_statistics
from ...model.text import match_key
from .outline import Entry, OutlineReader, RawPart, RawSection
from .tokens import (
    CLOSING,
    LEVEL2,
    RUN_IN_STOP,
    SENTENCE_STOP,
    Line,
    calendar_date,
    period_dates,
    short,
    tidy,
)


class _Importer(OutlineReader):
    """The raw outline made an issue: each section given its kind, its paragraphs their items."""

    def build(self) -> Issue:
        start = self.read_masthead()
        self.read_body(start)
        masthead = self._build_masthead()
        parts = [self._build_part(raw, masthead.issue_date, n) for n, raw in enumerate(self.parts)]
        self._place_leftovers(parts)
        return Issue(masthead, parts, self.distribution)

    def _build_masthead(self) -> Masthead:
        found = self.masthead
        date = found.date
        if date is None:
            periods = [period_dates(p.period, None, found.issue) for p in self.parts if p.period]
            date = periods[-1][1] if periods else dt.date.today()
            self.report.append(f"没有找到印发日期，已暂用{date.year}年{date.month}月{date.day}日，请核对")
        if found.issue:
            year, number, total = found.issue
            year = year or date.year
            if total is None:
                total = 1
                self.report.append("期号行没有“（总第N期）”，总期号已暂记为1，请补上")
        else:
            year, number, total = date.year, 1, 1
            self.report.append("没有找到期号行（如“2022年第28期（总第403期）”），期号已暂记为1，请补上")
        if found.title is None:
            self.report.append(f"没有找到报头标题，已使用“{DEFAULT_TITLE}”")
        if found.unit is None:
            self.report.append(f"没有找到编印单位，已使用“{DEFAULT_UNIT}”")
        return Masthead(year, number, total, date, found.title or DEFAULT_TITLE, found.unit or DEFAULT_UNIT)

    def _build_part(self, raw: RawPart, issue_date: dt.date, n: int) -> Part:
        if raw.period:
            start, end = period_dates(raw.period, issue_date, None)
        else:
            start = end = issue_date
            self.report.append(f"第{n + 1}部分“{raw.title}”没有时间段行，已暂用印发日期，请核对")
        part = Part(raw.title, start, end)
        for section in raw.sections:
            part.sections.append(self._build_section(section, part, nested=False))
        return part

    def _build_section(self, raw: RawSection, part: Part, nested: bool) -> Section:
        title, entries = raw.title, list(raw.entries)
        if not nested and (_INSPECTION_TITLE.search(title) or _all_run_in(raw.subs)):
            return Section(title, SectionKind.INSPECTION, self._inspection_items(raw))
        if raw.subs:
            section = Section(title, SectionKind.GROUP, self._free_items(entries))
            section.subsections = [self._build_section(sub, part, nested=True) for sub in raw.subs]
            return section
        statistics = (
            parse_statistics(entries[0].text, part) if entries and entries[0].number is None else None
        )
        if statistics is None and entries and entries[0].number is None and _STATISTICS_TITLE.search(title):
            statistics = Statistics(sentence_override=entries[0].text)  # not the template's words: as typed
        if statistics is not None:
            return Section(
                title, SectionKind.STATISTICS, self._free_items(entries[1:]), statistics=statistics
            )
        visits = bool(_VISITS_TITLE.search(title))
        if not any(e.number is not None for e in entries):
            kind = (
                SectionKind.VISITS if visits else (SectionKind.TEXT if len(entries) > 1 else SectionKind.NEWS)
            )
            items = [Item(e.text) for e in entries]
        else:
            kind = SectionKind.VISITS if visits else SectionKind.NEWS
            items = self._numbered_items(entries, title)
        if kind is SectionKind.VISITS:
            for item in items:
                fill_visit(item, part)
        return Section(title, kind, items)

    @staticmethod
    def _free_items(entries: list[Entry]) -> list[Item]:
        """Paragraphs of a section that prints no numbers keep a typed label as text."""
        return [Item(e.label + e.text) for e in entries]

    def _numbered_items(self, entries: list[Entry], title: str) -> list[Item]:
        items: list[Item] = []
        for entry in entries:
            if entry.number is None and items:
                items[-1].text += "\n" + entry.text
                self.report.append(
                    f"{entry.where}：没有编号的段落“{short(entry.text)}”已并入“{title}”的上一条"
                )
            else:
                if entry.number is None:
                    self.report.append(
                        f"{entry.where}：“{title}”中第一条前没有编号的段落“{short(entry.text)}”已作为单独一条"
                    )
                elif entry.number != len(items) + 1:
                    self.report.append(
                        f"{entry.where}：条目编号（{entry.number}）与位置不符（第{len(items) + 1}条），已按位置重新编号"
                    )
                items.append(Item(entry.text))
        return items

    def _inspection_items(self, raw: RawSection) -> list[Item]:
        items = self._free_items(raw.entries)
        for sub in raw.subs:
            heading, text = _split_run_in(sub.title, sub.lead)
            rest = list(sub.entries)
            if not text and rest:  # heading on its own line, the result below it
                text = rest.pop(0).text
            for more in rest:
                text += more.text if text and not text.endswith(CLOSING) else "\n" + more.text
                self.report.append(f"{more.where}：“{short(more.text)}”已并入巡查项“{heading}”")
            items.append(Item(text, heading=heading))
        return items

    def _place_leftovers(self, parts: list[Part]) -> None:
        """Pending text goes to the first section, text after the distribution to the last one."""
        sections = [s for p in parts for s in p.sections]
        if not sections and (self.pending or self.placed_elsewhere):
            if not parts:
                d = self.masthead.date or dt.date.today()
                parts.append(Part("", d, d))
            parts[0].sections.append(Section("未归类内容", SectionKind.TEXT))
            sections = parts[0].sections
        if self.pending:
            target = _leaf_of(sections[0], last=False)
            target.items[:0] = self._free_items(self.pending)
        if self.placed_elsewhere:
            _leaf_of(sections[-1], last=True).items.extend(self._free_items(self.placed_elsewhere))


_INSPECTION_TITLE = re.compile("巡查")
_STATISTICS_TITLE = re.compile("统计|受理办理")
_VISITS_TITLE = re.compile("进大厅")


def _leaf_of(section: Section, last: bool) -> Section:
    while section.subsections:
        section = section.subsections[-1 if last else 0]
    return section


def _all_run_in(subs: list[RawSection]) -> bool:
    """Subsections that are all short headings run into one result sentence: inspection items."""
    return bool(subs) and all(not s.entries and _split_run_in(s.title, s.lead)[1] for s in subs)


def _split_run_in(title: str, lead: str) -> tuple[str, str]:
    """（一）按时到岗情况。总体情况良好。 -> (按时到岗情况, 总体情况良好。); label already gone."""
    if lead:
        heading = LEVEL2.sub("", tidy(lead), count=1)
        if title.startswith(heading):
            return _strip_stop(heading), title[len(heading) :].strip()
    stop = RUN_IN_STOP.search(title)
    if stop is None or stop.start() > 30:
        return title, ""
    return _strip_stop(title[: stop.end()]), title[stop.end() :].strip()


def _strip_stop(heading: str) -> str:
    """The printer adds 。 after a heading without its own stop: take that one away again."""
    return heading[:-1] if heading.endswith("。") else heading


_VISIT_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_DEPARTMENT = re.compile(r"^[^，。、；：]{1,12}?(?:委员会|办公室|办公厅|厅|局|委|办|院|署|中心)")
_LEADER_END = re.compile("同志|来到|到|开展|深入|前往|走进|莅临|一行|带队|赴|在")


def fill_visit(item: Item, part: Part) -> None:
    """Fill a director visit's date, department and leader from its text where they are blank.

    8月23日，自然资源厅党组成员、机关党委书记谢安军到… gives 2022-08-23 (the year from the
    part's period), 自然资源厅, 党组成员、机关党委书记谢安军. Department and leader are read
    heuristically: the department ends at its first 厅/局/委…, the leader before the first verb.
    """
    key = match_key(item.text)
    rest = key
    if m := _VISIT_DATE.match(key):
        if item.date is None:
            year = int(m.group(1)) if m.group(1) else part.period_end.year
            day = calendar_date(year, m.group(2), m.group(3))
            if day is not None and not m.group(1) and day > part.period_end + dt.timedelta(days=62):
                day = calendar_date(year - 1, m.group(2), m.group(3))
            item.date = day
        rest = key[m.end() :]
    rest = re.sub("^(?:上午|下午|晚上|近日|日前|本周)?[，,]?", "", rest)
    department = _DEPARTMENT.match(rest)
    if department is None:
        return
    if not item.department:
        item.department = department.group(0)
    leader = rest[department.end() :]
    end = _LEADER_END.search(leader)
    if (
        not item.leader
        and end is not None
        and 2 <= end.start() <= 30
        and not SENTENCE_STOP.search(leader[: end.start()].replace("、", ""))
    ):
        item.leader = leader[: end.start()]


def import_lines(lines: list[Line]) -> tuple[Issue, list[str]]:
    """The issue the visible text describes, and the report of what needed a guess."""
    importer = _Importer(lines)
    issue = importer.build()
    return issue, importer.report
