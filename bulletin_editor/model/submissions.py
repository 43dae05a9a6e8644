"""Departments' submissions: news paragraphs proposed for a subsection, then added in one step.

The department windows send their news as Word files, text files and WeChat messages. The
lines that are not news (a title, the sender and phone, a signature, the date sent) are
dropped, the rest become paragraphs as pasted text does, and each paragraph gets a proposed
subsection by the readable rules of resources/submission-rules.toml. A director visit gets its
date, department and leader from its text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import BulletinError
from ..paths import resource_path
from .departments import Departments, shipped_departments
from .issue import Issue, Item, Section, SectionKind
from .paste import paste_paragraphs
from .tree import walk_sections

RULES = "submission-rules.toml"

# Sender, phone, author and reviewer lines: 报送人：张三 电话：028-…
_SENDER = re.compile(
    r"^(?:报送|投稿|联系|撰稿|供稿|审核|审稿|签发|编辑|来稿|责任)[人单位]*[:：]|^(?:联系)?电话[:：]"
)
_PHONE = re.compile(r"(?:电话|手机|联系方式)[:：]?\s*[0-9０-９(（]")
# The date the file was sent, alone on its line: 2022年8月26日 / 2022-08-26 / 8月26日
_DATE_LINE = re.compile(r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")
# A title or a signature: a short line that is no sentence.
_SHORT_LINE = 30
_SENTENCE_END = ("。", "！", "？", "；", "…", "”")
_CJK = r"\u3400-\u9fff"
_DIGIT_CJK_SPACE = re.compile(rf"(?<=[0-9])[ \u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \u3000]+(?=[0-9])")
# 8月23日，自然资源厅党组成员、机关党委书记谢安军到自然资源窗口调研值守
_VISIT_DATE = re.compile(r"^\s*(\d{1,2})月(\d{1,2})日[，,]?")
_LEADER_END = re.compile(r"(?:同志)?(?:一行)?(?:来到|走进|深入|到|开展|带队|莅临)")


class RulesError(BulletinError):
    pass


@dataclass(frozen=True)
class Rule:
    section: str  # a piece of the subsection's title
    words: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    default: str
    visit_words: tuple[str, ...]

    def section_title_for(self, text: str) -> str:
        return next((r.section for r in self.rules if any(w in text for w in r.words)), self.default)


def parse_rules(text: str, source: str = "投稿分类规则") -> Rules:
    try:
        table = tomllib.loads(text)
        rules = tuple(Rule(r["section"], tuple(r["words"])) for r in table.get("rule", []))
        return Rules(rules, table["default"], tuple(table["visit"]["words"]))
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise RulesError(f"{source}有误：{exc}") from None


@functools.cache
def shipped_rules() -> Rules:
    return parse_rules(resource_path(RULES).read_text(encoding="utf-8"))


def news_paragraphs(lines: Iterable[str]) -> list[str]:
    """The news in a submission's lines: titles, sender and phone lines, signatures and the date
    sent dropped; typed numbering removed and broken lines joined as in a paste."""
    kept = [line.strip(" \t\u3000") for line in lines]
    kept = [line for line in kept if line and not _is_sender(line) and not _DATE_LINE.match(line)]
    while kept and _is_heading_like(kept[0]):  # the title (应急厅窗口工作动态)
        kept.pop(0)
    while kept and _is_heading_like(kept[-1]):  # the signature (应急厅窗口)
        kept.pop()
    return [_DIGIT_CJK_SPACE.sub("", p) for p in paste_paragraphs("\n".join(kept))]


def _is_sender(line: str) -> bool:
    return bool(_SENDER.match(line) or _PHONE.search(line))


def _is_heading_like(line: str) -> bool:
    return len(line) <= _SHORT_LINE and not line.endswith(_SENTENCE_END) and "，" not in line


@dataclass(frozen=True)
class Visit:
    date: dt.date | None
    department: str  # as written in the text
    leader: str  # title and name: 党组成员、机关党委书记谢安军


def parse_visit(
    text: str,
    year: int,
    rules: Rules | None = None,
    departments: Departments | None = None,
    known_visit: bool = False,
) -> Visit | None:
    """The visit in `text` (a leader at the window), or None when it reads as other news.
    `known_visit`: the text is a visit (it is in the visits section) whatever its words."""
    rules = rules or shipped_rules()
    departments = departments or shipped_departments()
    visit_words = any(word in text for word in rules.visit_words) or "厅长进大厅" in text
    if not (known_visit or visit_words):
        return None
    date = None
    rest = text
    if found := _VISIT_DATE.match(text):
        try:
            date = dt.date(year, int(found.group(1)), int(found.group(2)))
        except ValueError:
            date = None
        rest = text[found.end() :]
    mention = next(departments.mentions(rest[:40]), None)
    if mention is None or mention.start > 2:
        return None  # no department at the start: not a leader of a department's visit
    after = rest[mention.end :]
    end = _LEADER_END.search(after[:40])
    if end is None or end.start() < 2:
        return None
    return Visit(date, mention.written, after[: end.start()])


@dataclass
class Proposal:
    """One paragraph of a submission and where it is proposed to go."""

    file: str
    text: str
    section: Section
    department: str = ""  # as written in the text
    visit: Visit | None = None
    duplicate: str = ""  # why it is not added: 与本期已有条目相同 / 与上一期相同
    include: bool = True

    def item(self) -> Item:
        if self.visit is None:
            return Item(self.text)
        v = self.visit
        return Item(self.text, date=v.date, department=v.department, leader=v.leader)


@dataclass
class Collection:
    proposals: list[Proposal] = field(default_factory=list)
    report: list[str] = field(default_factory=list)  # what was guessed or left out, for the user


def target_sections(issue: Issue) -> list[Section]:
    """The sections a submission may go to: news and visits, in print order."""
    return [s for _, s in walk_sections(issue) if s.kind in (SectionKind.NEWS, SectionKind.VISITS)]


def propose(
    issue: Issue,
    submissions: Sequence[tuple[str, list[str]]],
    previous: Issue | None = None,
    rules: Rules | None = None,
    departments: Departments | None = None,
) -> Collection:
    """A proposal for each paragraph of each (file name, paragraphs) submission; departments
    are recognised by `departments` (the user's own list where there is one)."""
    rules = rules or shipped_rules()
    departments = departments or shipped_departments()
    targets = target_sections(issue)
    if not targets:
        raise BulletinError("本期没有可放入投稿的二级标题（新闻条目或厅（局）长进大厅），请先添加")
    visits = next((s for s in targets if s.kind is SectionKind.VISITS), None)
    here = {_key(item.text) for s in targets for item in s.items}
    before = {_key(item.text) for s in target_sections(previous) for item in s.items} if previous else set()
    year = issue.parts[0].period_end.year if issue.parts else issue.masthead.year
    collection = Collection()
    for file, paragraphs in submissions:
        if not paragraphs:
            collection.report.append(f"{file}：没有找到正文段落")
        for text in paragraphs:
            visit = parse_visit(text, year, rules, departments) if visits is not None else None
            mention = next(departments.mentions(text), None)
            proposal = Proposal(
                file,
                text,
                visits
                if visit is not None and visits is not None
                else _section_titled(targets, rules.section_title_for(text)),
                department=mention.written if mention else "",
                visit=visit,
            )
            key = _key(text)
            if key in here:
                proposal.duplicate, proposal.include = "与本期已有条目相同", False
            elif key in before:
                proposal.duplicate, proposal.include = "与上一期相同", False
            here.add(key)
            if visit is not None and visit.date is None:
                collection.report.append(f"{file}：“{text[:12]}…”是厅（局）长进大厅，但没有找到日期")
            if not proposal.department:
                collection.report.append(f"{file}：“{text[:12]}…”没有认出部门名称")
            collection.proposals.append(proposal)
    return collection


def _section_titled(targets: list[Section], piece: str) -> Section:
    news = [s for s in targets if s.kind is SectionKind.NEWS] or targets
    return next((s for s in news if piece in s.title), news[0])


def _key(text: str) -> str:
    """Texts that print alike compare alike: no spaces, no typed numbering."""
    return re.sub(r"\s+", "", text)


def added_items(collection: Collection) -> list[tuple[Section, Item]]:
    """(section, item) for each included proposal, in order: what applying adds."""
    return [(p.section, p.item()) for p in collection.proposals if p.include]


def apply(collection: Collection) -> list[tuple[Section, Item]]:
    """Add the included proposals to their sections (the command line; the editor undoably)."""
    added = added_items(collection)
    for section, item in added:
        section.items.append(item)
    return added
