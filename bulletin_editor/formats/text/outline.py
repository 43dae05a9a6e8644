"""The tokens read into a raw outline: the masthead found at the top, then parts, sections,
subsections and their paragraphs, and the distribution block, before sections get their kinds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...model import Distribution, DistributionLine
from ...model.limits import COPIES as COPIES_RANGE
from ...model.limits import NUMBER, TOTAL_NUMBER, YEAR
from ...model.text import match_key
from .tokens import (
    CHINESE_DATE,
    CLOSING,
    COPIES,
    DISTRIBUTION,
    FULL_DATE,
    ISSUE_LINE,
    SENTENCE_STOP,
    UNIT_WORDS,
    Line,
    Token,
    arabic_date,
    calendar_date,
    short,
    tidy,
    tokenize,
)


@dataclass
class Entry:
    text: str
    where: str
    number: int | None = None  # typed item number
    lead: str = ""
    label: str = ""  # typed numbering, kept as text where no numbers print


@dataclass
class RawSection:
    title: str
    where: str
    lead: str = ""
    entries: list[Entry] = field(default_factory=list)
    subs: list[RawSection] = field(default_factory=list)


@dataclass
class RawPart:
    title: str
    where: str
    period: tuple | None = None
    sections: list[RawSection] = field(default_factory=list)


@dataclass
class MastheadFound:
    title: str | None = None
    issue: tuple | None = None  # (year, number, total)
    date: dt.date | None = None
    unit: str | None = None


class OutlineReader:
    """The typed text read into a raw outline: masthead, parts, sections, entries."""

    def __init__(self, lines: list[Line]):
        self.tokens = tokenize(lines)
        self.report: list[str] = []
        self.masthead = MastheadFound()
        self.parts: list[RawPart] = []
        self.pending: list[Entry] = []  # text before any section: goes to the first one
        self.distribution = Distribution()
        self.placed_elsewhere: list[Entry] = []  # text after the distribution
        self.last: tuple | None = None  # what a continued line extends: (object, attribute)

    # masthead ---------------------------------------------------------------------------

    def read_masthead(self) -> int:
        """Consume the masthead lines at the top; return the index of the first body token.

        Title, issue line, unit and date, in paragraphs or table cells: lines before the
        issue line are title candidates; after it come at most the unit and the date.
        """
        m = self.masthead
        before_issue: list[Token] = []
        extra: list[Token] = []
        end = 0
        for end, token in enumerate(self.tokens[:12] + [None]):  # noqa: B007  (read after the loop)
            if token is None or token.kind != "plain" or (m.issue and m.date):
                break
            key = CHINESE_DATE.sub(arabic_date, match_key(token.text))
            if not m.issue and (found := ISSUE_LINE.search(key)) and (found.group(1) or found.start() == 0):
                year, number, total = found.groups()
                m.issue = (
                    YEAR.parse(year) if year else None,
                    NUMBER.parse(number),
                    TOTAL_NUMBER.parse(total) if total else None,
                )
                rest = key[: found.start()] + key[found.end() :]
                if date := FULL_DATE.search(rest):
                    m.date = calendar_date(*date.groups())
                    rest = rest[: date.start()] + rest[date.end() :]
                if rest:  # more than the issue line in this line: keep it
                    extra.append(Token("plain", rest, token.where))
            elif not m.date and len(key) <= 60 and (date := FULL_DATE.search(key)) and date.end() == len(key):
                m.date = calendar_date(*date.groups())
                if key[: date.start()]:
                    m.unit = key[: date.start()]
            elif not m.issue:
                before_issue.append(token)
            elif m.unit is None and any(w in token.text for w in UNIT_WORDS):
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
                self.pending.append(Entry(token.text, token.where))
                self._unplaced(token.where, token.text)
        return end

    @staticmethod
    def _title_like(token: Token) -> bool:
        return len(token.text) <= 30 and not SENTENCE_STOP.search(token.text) and "\n" not in token.text

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
                self.parts.append(RawPart(token.text, token.where))
                self.last = (self.parts[-1], "title")
            elif token.kind == "plain" and in_distribution:
                self._distribution(token)
            elif token.kind == "period":
                self._period(token)
            elif token.kind == "level1":
                part = self._part(token)
                part.sections.append(RawSection(token.text, token.where, token.lead))
                self._check_number(token, len(part.sections), "一级标题")
                self.last = (part.sections[-1], "title")
            elif token.kind == "level2":
                parent = self._level1(token)
                parent.subs.append(RawSection(token.text, token.where, token.lead))
                self._check_number(token, len(parent.subs), "二级标题")
                self.last = (parent.subs[-1], "title")
            elif token.kind == "plain" and (previous := self._open_entry()) is not None:
                previous.text += token.text
                self.report.append(
                    f"{token.where}：“{short(token.text, 12)}”接在上一段末尾"
                    "（上一段没有结束标点，像是分页处或误按回车断开的）"
                )
            else:  # a numbered item or a plain paragraph
                entry = Entry(token.text, token.where, token.number, token.lead, token.label)
                leaf = self._leaf()
                if leaf is None:
                    self.pending.append(entry)
                    self._unplaced(token.where, token.text)
                else:
                    leaf.entries.append(entry)
                self.last = (entry, "text")
            if token.kind in ("period", "level1", "level2", "item"):
                in_distribution = False  # distribution lines stood somewhere else than at the end

    def _part_titles(self, tokens: list[Token]) -> set[int]:
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

    def _open_entry(self) -> Entry | None:
        """The paragraph just read, if it stops mid-sentence (print extracts break at page ends)."""
        leaf = self._leaf()
        if leaf is None or not leaf.entries or self.last is None or self.last[0] is not leaf.entries[-1]:
            return None
        entry = leaf.entries[-1]
        return entry if not entry.text.endswith(CLOSING) else None

    def _part(self, token: Token) -> RawPart:
        if not self.parts:
            self.parts.append(RawPart("", token.where))
            self.report.append(f"{token.where}：之前没有找到部分标题（如“政务服务工作”），已留空")
        return self.parts[-1]

    def _period(self, token: Token) -> None:
        part = self.parts[-1] if self.parts else None
        if part is None or part.period is not None or part.sections:
            part = RawPart("", token.where)
            self.parts.append(part)
            self.report.append(f"{token.where}：时间段“{token.text}”前没有部分标题，已新建一个无标题的部分")
        part.period = token.period

    def _level1(self, token: Token) -> RawSection:
        part = self._part(token)
        if not part.sections:
            part.sections.append(RawSection("", token.where))
            self.report.append(f"{token.where}：二级标题之前没有一级标题，已新建一个无标题的一级标题")
        return part.sections[-1]

    def _leaf(self) -> RawSection | None:
        if not self.parts or not self.parts[-1].sections:
            return None
        section = self.parts[-1].sections[-1]
        return section.subs[-1] if section.subs else section

    def _distribution(self, token: Token) -> None:
        text = token.text
        if copies := COPIES.search(text):
            self.distribution.copies = COPIES_RANGE.parse(match_key(copies.group(1) or copies.group(2)))
            text = tidy(text[: copies.start()] + text[copies.end() :])
            if not text:
                return
        lines = self.distribution.lines
        if label := DISTRIBUTION.match(text):
            lines.append(DistributionLine(label.group(1), text[label.end() :]))
            self.last = (lines[-1], "recipients")
        elif lines and not lines[-1].recipients:  # label and recipients in two table cells
            lines[-1].recipients = text
        else:  # text after the distribution: keep it in the last section
            entry = Entry(text, token.where)
            self.placed_elsewhere.append(entry)
            self._unplaced(token.where, text)
            self.last = (entry, "text")

    def _check_number(self, token: Token, position: int, what: str) -> None:
        if token.number is not None and token.number != position:
            self.report.append(
                f"{token.where}：{what}“{token.label.strip()}{short(token.text, 12)}”的编号与位置不符"
                f"（是第{position}个），已按位置重新编号"
            )

    def _unplaced(self, where: str, text: str) -> None:
        self.report.append(f"{where}：未能归类的文字“{short(text)}”已作为正文保留，请核对")

    # building the issue -----------------------------------------------------------------
