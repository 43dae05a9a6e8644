"""Rebuild an issue from its visible text: past issues typed by hand, or an export edited in Word.

Input is the document's paragraphs in reading order (table cells included). Typed numbering
is recognised and dropped, since the model derives numbering from position; duplicated or
skipped numbers are therefore harmless and only noted. Nothing is dropped: a paragraph that
fits nowhere is kept as free text in the nearest section and named in the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import (
    DEFAULT_TITLE,
    DEFAULT_UNIT,
    Distribution,
    DistributionLine,
    Issue,
    Item,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
    clean_text,
)
from ..model.limits import COPIES, NUMBER, TOTAL_NUMBER, YEAR
from ..model.statistics import parse_statistics
from ..model.text import match_key


@dataclass(frozen=True)
class Line:
    """One paragraph as the reader found it."""

    text: str  # may hold "\n" (manual line breaks) and "\t"
    where: str = ""  # for the report: 第12段, 第5段（表格第3行）
    lead: str = ""  # the run-in heading run, when the paragraph marks one (our export)
    centered: bool = False


# --- recognising typed text ----------------------------------------------------------------

_SPACE = "[ \t\u3000\u00a0]*"
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uffef"
_DIGIT_GAP = re.compile(rf"(?<=[0-9０-９])[ \u00a0]+(?=[{_CJK}])|(?<=[{_CJK}])[ \u00a0]+(?=[0-9０-９])")
_CN_NUMERAL = "[一二三四五六七八九十〇零两]+"
_LEVEL1 = re.compile(rf"^{_SPACE}({_CN_NUMERAL}){_SPACE}[、，,．.]{_SPACE}")
_LEVEL2 = re.compile(rf"^{_SPACE}[（(]{_SPACE}({_CN_NUMERAL}){_SPACE}[）)]{_SPACE}")
_ITEM = re.compile(
    rf"^{_SPACE}(?:[（(]{_SPACE}([0-9０-９]{{1,3}}){_SPACE}[）)]"
    rf"|([0-9０-９]{{1,2}}){_SPACE}(?:[.．、](?![0-9０-９])|[）)])|([①-⑳]))(?!{_SPACE}$){_SPACE}"
)
_ISSUE_LINE = re.compile(r"(?:(\d{4})年)?第(\d+)期(?:（总第(\d+)期）)?")
_CHINESE_DATE = re.compile(
    "([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# （8月22日—8月26日）, also with years, 至, or the month left out at the end: 8月22日至26日.
_PERIOD = re.compile(
    r"^（?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?[—－\-–~～至到]+"
    r"(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日）?$"
)
_DISTRIBUTION = re.compile(rf"^{_SPACE}(报|送|发|抄送|抄报|报送|分送|印发|发送){_SPACE}[:：]{_SPACE}")
_COPIES = re.compile(
    rf"[（(]{_SPACE}共印{_SPACE}([0-9０-９]+){_SPACE}份{_SPACE}[）)]"
    rf"|^{_SPACE}共印{_SPACE}([0-9０-９]+){_SPACE}份{_SPACE}$"
)
_RULE = re.compile(r"^[—―─━═_\-－=＝*~～]{3,}$")  # a typed red rule
_PAGE_NUMBER = re.compile(r"^[—\-－–]\d+[—\-－–]$")
_SENTENCE_STOP = re.compile("[。；，：！？]")
_RUN_IN_STOP = re.compile("[。：；！？]")
# A paragraph ending otherwise stops mid-sentence.
_CLOSING = tuple("。！？；：…”’」』）)!?;:.")
_UNIT_WORDS = ("中心", "厅", "局", "办公室", "委员会", "政府", "公司", "院")


def _cn_number(numeral: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return digits.get(tens, 1) * 10 + (digits.get(ones, 0) if ones else 0)
    value = 0
    for c in numeral:
        value = value * 10 + digits.get(c, 0)
    return value


def _arabic(digits: str) -> int:
    return int(match_key(digits))


def tidy(text: str) -> str:
    """Clean text as the model does, without the gap people type between digits and Chinese."""
    return clean_text(_DIGIT_GAP.sub("", text))


def _short(text: str, width: int = 24) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


# --- tokens ----------------------------------------------------------------------------------


@dataclass
class _Token:
    kind: str  # period, level1, level2, item, distribution or plain
    text: str  # content without the typed label
    where: str
    number: int | None = None
    continued: bool = False  # after a manual line break inside the same paragraph
    lead: str = ""
    centered: bool = False
    period: tuple | None = None
    label: str = ""  # the typed numbering, e.g. "（1）"


def _tokenize(lines: list[Line]) -> list[_Token]:
    tokens = []
    for line in lines:
        for n, piece in enumerate(line.text.replace("\r", "\n").replace("\x0b", "\n").split("\n")):
            text = tidy(piece)
            if not text:
                continue
            token = _classify(text, line.where)
            if token is None:
                continue
            token.label = text[: len(text) - len(token.text)]
            token.continued = n > 0
            token.lead = line.lead if n == 0 else ""
            token.centered = line.centered
            tokens.append(token)
    return tokens


def _classify(text: str, where: str) -> _Token | None:
    key = match_key(text)
    if _RULE.match(key) or _PAGE_NUMBER.match(key):
        return None  # a typed rule or page number is layout, not content
    if m := _PERIOD.match(key):
        return _Token("period", text, where, period=m.groups())
    if m := _LEVEL1.match(text):
        return _Token("level1", text[m.end() :], where, _cn_number(m.group(1)))
    if m := _LEVEL2.match(text):
        return _Token("level2", text[m.end() :], where, _cn_number(m.group(1)))
    if m := _ITEM.match(text):
        number = _arabic(m.group(1) or m.group(2)) if (m.group(1) or m.group(2)) else ord(m.group(3)) - 0x245F
        return _Token("item", text[m.end() :], where, number)
    if _DISTRIBUTION.match(text) or _COPIES.search(text):
        return _Token("distribution", text, where)
    return _Token("plain", text, where)


# --- the raw outline, before sections get their kinds ----------------------------------------


@dataclass
class _Entry:
    text: str
    where: str
    number: int | None = None  # typed item number
    lead: str = ""
    label: str = ""  # typed numbering, kept as text where no numbers print


@dataclass
class _RawSection:
    title: str
    where: str
    lead: str = ""
    entries: list[_Entry] = field(default_factory=list)
    subs: list[_RawSection] = field(default_factory=list)


@dataclass
class _RawPart:
    title: str
    where: str
    period: tuple | None = None
    sections: list[_RawSection] = field(default_factory=list)


@dataclass
class _MastheadFound:
    title: str | None = None
    issue: tuple | None = None  # (year, number, total)
    date: dt.date | None = None
    unit: str | None = None


class _Importer:
    def __init__(self, lines: list[Line]):
        self.tokens = _tokenize(lines)
        self.report: list[str] = []
        self.masthead = _MastheadFound()
        self.parts: list[_RawPart] = []
        self.pending: list[_Entry] = []  # text before any section: goes to the first one
        self.distribution = Distribution()
        self.placed_elsewhere: list[_Entry] = []  # text after the distribution
        self.last: tuple | None = None  # what a continued line extends: (object, attribute)

    # masthead ---------------------------------------------------------------------------

    def read_masthead(self) -> int:
        """Consume the masthead lines at the top; return the index of the first body token.

        Title, issue line, unit and date, in paragraphs or table cells: lines before the
        issue line are title candidates; after it come at most the unit and the date.
        """
        m = self.masthead
        before_issue: list[_Token] = []
        extra: list[_Token] = []
        end = 0
        for end, token in enumerate(self.tokens[:12] + [None]):  # noqa: B007  (read after the loop)
            if token is None or token.kind != "plain" or (m.issue and m.date):
                break
            key = _CHINESE_DATE.sub(_arabic_date, match_key(token.text))
            if not m.issue and (found := _ISSUE_LINE.search(key)) and (found.group(1) or found.start() == 0):
                year, number, total = found.groups()
                m.issue = (
                    YEAR.parse(year) if year else None,
                    NUMBER.parse(number),
                    TOTAL_NUMBER.parse(total) if total else None,
                )
                rest = key[: found.start()] + key[found.end() :]
                if date := _FULL_DATE.search(rest):
                    m.date = _date(*date.groups())
                    rest = rest[: date.start()] + rest[date.end() :]
                if rest:  # more than the issue line in this line: keep it
                    extra.append(_Token("plain", rest, token.where))
            elif (
                not m.date and len(key) <= 60 and (date := _FULL_DATE.search(key)) and date.end() == len(key)
            ):
                m.date = _date(*date.groups())
                if key[: date.start()]:
                    m.unit = key[: date.start()]
            elif not m.issue:
                before_issue.append(token)
            elif m.unit is None and any(w in token.text for w in _UNIT_WORDS):
                m.unit = token.text
            else:
                break
        if not m.issue and not m.date:  # no masthead at all: everything is body
            m.unit = None
            return 0
        titles = [t for t in before_issue if self._title_like(t)]
        chosen = None
        if titles:
            chosen = next((t for t in titles if "报" in t.text), titles[-1])
            m.title = re.sub(r"\s+", "", chosen.text)
        for token in before_issue + extra:
            if token is not chosen:
                self.pending.append(_Entry(token.text, token.where))
                self._unplaced(token.where, token.text)
        return end

    @staticmethod
    def _title_like(token: _Token) -> bool:
        return len(token.text) <= 30 and not _SENTENCE_STOP.search(token.text) and "\n" not in token.text

    # body -------------------------------------------------------------------------------

    def read_body(self, start: int) -> None:
        tokens = self.tokens[start:]
        part_titles = self._part_titles(tokens)
        in_distribution = False
        for n, token in enumerate(tokens):
            if token.kind == "distribution":
                in_distribution = True
                self._distribution(token)
            elif token.continued and token.kind == "plain" and self.last is not None:
                obj, attribute = self.last  # after a manual line break inside one paragraph
                setattr(obj, attribute, getattr(obj, attribute) + "\n" + token.text)
            elif n in part_titles:
                self.parts.append(_RawPart(token.text, token.where))
                self.last = (self.parts[-1], "title")
            elif token.kind == "plain" and in_distribution:
                self._distribution(token)
            elif token.kind == "period":
                self._period(token)
            elif token.kind == "level1":
                part = self._part(token)
                part.sections.append(_RawSection(token.text, token.where, token.lead))
                self._check_number(token, len(part.sections), "一级标题")
                self.last = (part.sections[-1], "title")
            elif token.kind == "level2":
                parent = self._level1(token)
                parent.subs.append(_RawSection(token.text, token.where, token.lead))
                self._check_number(token, len(parent.subs), "二级标题")
                self.last = (parent.subs[-1], "title")
            elif token.kind == "plain" and (previous := self._open_entry()) is not None:
                previous.text += token.text
                self.report.append(
                    f"{token.where}：“{_short(token.text, 12)}”接在上一段末尾"
                    "（上一段没有结束标点，像是分页处或误按回车断开的）"
                )
            else:  # a numbered item or a plain paragraph
                entry = _Entry(token.text, token.where, token.number, token.lead, token.label)
                leaf = self._leaf()
                if leaf is None:
                    self.pending.append(entry)
                    self._unplaced(token.where, token.text)
                else:
                    leaf.entries.append(entry)
                self.last = (entry, "text")
            if token.kind in ("period", "level1", "level2", "item"):
                in_distribution = False  # distribution lines stood somewhere else than at the end

    def _part_titles(self, tokens: list[_Token]) -> set[int]:
        """Short unnumbered lines that head a part: before a period line, or before 一、 restarting."""
        titles = set()
        for n, token in enumerate(tokens[:-1]):
            after = tokens[n + 1]
            if (
                token.kind == "plain"
                and not token.continued
                and self._title_like(token)
                and (after.kind == "period" or (after.kind == "level1" and after.number == 1))
            ):
                titles.add(n)
        return titles

    def _open_entry(self) -> _Entry | None:
        """The paragraph just read, if it stops mid-sentence (print extracts break at page ends)."""
        leaf = self._leaf()
        if leaf is None or not leaf.entries or self.last is None or self.last[0] is not leaf.entries[-1]:
            return None
        entry = leaf.entries[-1]
        return entry if not entry.text.endswith(_CLOSING) else None

    def _part(self, token: _Token) -> _RawPart:
        if not self.parts:
            self.parts.append(_RawPart("", token.where))
            self.report.append(f"{token.where}：之前没有找到部分标题（如“政务服务工作”），已留空")
        return self.parts[-1]

    def _period(self, token: _Token) -> None:
        part = self.parts[-1] if self.parts else None
        if part is None or part.period is not None or part.sections:
            part = _RawPart("", token.where)
            self.parts.append(part)
            self.report.append(f"{token.where}：时间段“{token.text}”前没有部分标题，已新建一个无标题的部分")
        part.period = token.period

    def _level1(self, token: _Token) -> _RawSection:
        part = self._part(token)
        if not part.sections:
            part.sections.append(_RawSection("", token.where))
            self.report.append(f"{token.where}：二级标题之前没有一级标题，已新建一个无标题的一级标题")
        return part.sections[-1]

    def _leaf(self) -> _RawSection | None:
        if not self.parts or not self.parts[-1].sections:
            return None
        section = self.parts[-1].sections[-1]
        return section.subs[-1] if section.subs else section

    def _distribution(self, token: _Token) -> None:
        text = token.text
        if copies := _COPIES.search(text):
            self.distribution.copies = COPIES.parse(match_key(copies.group(1) or copies.group(2)))
            text = tidy(text[: copies.start()] + text[copies.end() :])
            if not text:
                return
        lines = self.distribution.lines
        if label := _DISTRIBUTION.match(text):
            lines.append(DistributionLine(label.group(1), text[label.end() :]))
            self.last = (lines[-1], "recipients")
        elif lines and not lines[-1].recipients:  # label and recipients in two table cells
            lines[-1].recipients = text
        else:  # text after the distribution: keep it in the last section
            entry = _Entry(text, token.where)
            self.placed_elsewhere.append(entry)
            self._unplaced(token.where, text)
            self.last = (entry, "text")

    def _check_number(self, token: _Token, position: int, what: str) -> None:
        if token.number is not None and token.number != position:
            self.report.append(
                f"{token.where}：{what}“{token.label.strip()}{_short(token.text, 12)}”的编号与位置不符"
                f"（是第{position}个），已按位置重新编号"
            )

    def _unplaced(self, where: str, text: str) -> None:
        self.report.append(f"{where}：未能归类的文字“{_short(text)}”已作为正文保留，请核对")

    # building the issue -----------------------------------------------------------------

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
            periods = [_period_dates(p.period, None, found.issue) for p in self.parts if p.period]
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

    def _build_part(self, raw: _RawPart, issue_date: dt.date, n: int) -> Part:
        if raw.period:
            start, end = _period_dates(raw.period, issue_date, None)
        else:
            start = end = issue_date
            self.report.append(f"第{n + 1}部分“{raw.title}”没有时间段行，已暂用印发日期，请核对")
        part = Part(raw.title, start, end)
        for section in raw.sections:
            part.sections.append(self._build_section(section, part, nested=False))
        return part

    def _build_section(self, raw: _RawSection, part: Part, nested: bool) -> Section:
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
    def _free_items(entries: list[_Entry]) -> list[Item]:
        """Paragraphs of a section that prints no numbers keep a typed label as text."""
        return [Item(e.label + e.text) for e in entries]

    def _numbered_items(self, entries: list[_Entry], title: str) -> list[Item]:
        items: list[Item] = []
        for entry in entries:
            if entry.number is None and items:
                items[-1].text += "\n" + entry.text
                self.report.append(
                    f"{entry.where}：没有编号的段落“{_short(entry.text)}”已并入“{title}”的上一条"
                )
            else:
                if entry.number is None:
                    self.report.append(
                        f"{entry.where}：“{title}”中第一条前没有编号的段落“{_short(entry.text)}”已作为单独一条"
                    )
                elif entry.number != len(items) + 1:
                    self.report.append(
                        f"{entry.where}：条目编号（{entry.number}）与位置不符（第{len(items) + 1}条），已按位置重新编号"
                    )
                items.append(Item(entry.text))
        return items

    def _inspection_items(self, raw: _RawSection) -> list[Item]:
        items = self._free_items(raw.entries)
        for sub in raw.subs:
            heading, text = _split_run_in(sub.title, sub.lead)
            rest = list(sub.entries)
            if not text and rest:  # heading on its own line, the result below it
                text = rest.pop(0).text
            for more in rest:
                text += more.text if text and not text.endswith(_CLOSING) else "\n" + more.text
                self.report.append(f"{more.where}：“{_short(more.text)}”已并入巡查项“{heading}”")
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


def _all_run_in(subs: list[_RawSection]) -> bool:
    """Subsections that are all short headings run into one result sentence: inspection items."""
    return bool(subs) and all(not s.entries and _split_run_in(s.title, s.lead)[1] for s in subs)


def _split_run_in(title: str, lead: str) -> tuple[str, str]:
    """（一）按时到岗情况。总体情况良好。 -> (按时到岗情况, 总体情况良好。); label already gone."""
    if lead:
        heading = _LEVEL2.sub("", tidy(lead), count=1)
        if title.startswith(heading):
            return _strip_stop(heading), title[len(heading) :].strip()
    stop = _RUN_IN_STOP.search(title)
    if stop is None or stop.start() > 30:
        return title, ""
    return _strip_stop(title[: stop.end()]), title[stop.end() :].strip()


def _strip_stop(heading: str) -> str:
    """The printer adds 。 after a heading without its own stop: take that one away again."""
    return heading[:-1] if heading.endswith("。") else heading


def _arabic_date(m: re.Match) -> str:
    """二〇二二年九月二十七日 -> 2022年9月27日."""
    year = "".join(
        str("〇一二三四五六七八九".find(c)) if c in "一二三四五六七八九" else "0" for c in m.group(1)
    )
    return f"{year}年{_cn_number(m.group(2))}月{_cn_number(m.group(3))}日"


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _period_dates(groups: tuple, issue_date: dt.date | None, issue: tuple | None) -> tuple[dt.date, dt.date]:
    """Dates of a period line; missing years come from the issue date (a period precedes it)."""
    y1, m1, d1, y2, m2, d2 = groups
    m2 = m2 or m1
    reference = issue_date or dt.date((issue and issue[0]) or dt.date.today().year, 12, 31)
    end_year = int(y2) if y2 else (int(y1) if y1 else reference.year)
    end = _date(end_year, m2, d2) or reference
    if not (y1 or y2) and end > reference + dt.timedelta(days=62):
        end = _date(end_year - 1, m2, d2) or end
    start_year = int(y1) if y1 else end.year
    start = _date(start_year, m1, d1) or end
    if not y1 and start > end:
        start = _date(start_year - 1, m1, d1) or start
    return start, end


# --- statistics and visits ---------------------------------------------------------------------


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
            day = _date(year, m.group(2), m.group(3))
            if day is not None and not m.group(1) and day > part.period_end + dt.timedelta(days=62):
                day = _date(year - 1, m.group(2), m.group(3))
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
        and not _SENTENCE_STOP.search(leader[: end.start()].replace("、", ""))
    ):
        item.leader = leader[: end.start()]


def import_lines(lines: list[Line]) -> tuple[Issue, list[str]]:
    """The issue the visible text describes, and the report of what needed a guess."""
    importer = _Importer(lines)
    issue = importer.build()
    return issue, importer.report
