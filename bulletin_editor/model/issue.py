"""The issue model: plain dataclasses, no Qt, no python-docx, no openpyxl.

Numbering (一、 （一） （1）) is never stored: it is derived from position by `numbering`.
Every string assigned to a model object is cleaned on assignment, so text is clean
however it arrives (constructor, the editor, an importer).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .text import clean_text

DEFAULT_TITLE = "窗口工作周报"
DEFAULT_UNIT = "四川省政府政务服务和公共资源交易服务中心"
# Reproduces the printed 2022 No. 28 sentence word for word; placeholders in `statistics`.
DEFAULT_STATISTICS_TEMPLATE = (
    "据四川一体化政务服务平台数据统计，{start}至{end}，"
    "省本级行政许可事项受理{licensing_accepted}件，办结{licensing_completed}件；"
    "公共服务事项受理{public_service_accepted}件，办结{public_service_completed}件，"
    "其它九类行权事项受理{other_powers_accepted}件，累计办结{other_powers_completed}件。"
)


class _Clean:
    """Mixin: clean every str on assignment (dataclass __init__ assigns through this too)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            value = clean_text(value)
        object.__setattr__(self, name, value)


class SectionKind(enum.StrEnum):
    """What a section holds; decides its editor and how its items print."""

    GROUP = "group"  # only subsections (二、窗口工作动态)
    STATISTICS = "statistics"  # the generated statistics sentence
    NEWS = "news"  # news items, numbered （1） when two or more
    VISITS = "visits"  # director visits: news items with date, department, leader
    INSPECTION = "inspection"  # intro paragraph, then run-in items （一）heading。result
    TEXT = "text"  # free paragraphs, unnumbered


@dataclass
class Masthead(_Clean):
    year: int
    number: int
    total_number: int
    issue_date: dt.date
    title: str = DEFAULT_TITLE
    unit: str = DEFAULT_UNIT


@dataclass
class Counts(_Clean):
    accepted: int = 0
    completed: int = 0


@dataclass
class Figures(_Clean):
    """The six figures of the statistics sentence, cumulative from 1 January."""

    licensing: Counts = field(default_factory=Counts)  # 行政许可事项
    public_service: Counts = field(default_factory=Counts)  # 公共服务事项
    other_powers: Counts = field(default_factory=Counts)  # 其它九类行权事项


@dataclass
class Statistics(_Clean):
    figures: Figures = field(default_factory=Figures)
    # None: 1 January of the period's year up to the end of the part's reporting period.
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    template: str = DEFAULT_STATISTICS_TEMPLATE
    # The sentence as edited by hand; None means the generated sentence prints.
    sentence_override: str | None = None
    # 上期: last week's figures, kept by the next issue for the checks (never printed).
    previous: Figures | None = None


@dataclass
class Item(_Clean):
    """One printed paragraph of a section.

    News: `text`. Director visit: `text` plus `date`, `department`, `leader`, which make
    visits findable but do not print. Inspection: run-in `heading` (printed in 楷体)
    followed by `text`, its result; an inspection item without a heading is an
    unnumbered paragraph (the intro). Free text: unnumbered paragraphs.
    """

    text: str = ""
    heading: str = ""
    date: dt.date | None = None
    department: str = ""
    leader: str = ""


@dataclass
class Section(_Clean):
    title: str
    kind: SectionKind = SectionKind.TEXT
    items: list[Item] = field(default_factory=list)
    statistics: Statistics | None = None
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Part(_Clean):
    title: str
    period_start: dt.date
    period_end: dt.date
    sections: list[Section] = field(default_factory=list)


@dataclass
class DistributionLine(_Clean):
    label: str  # 报 / 送 / 发
    recipients: str  # 中心领导。


@dataclass
class Distribution(_Clean):
    lines: list[DistributionLine] = field(default_factory=list)
    copies: int = 0


@dataclass(frozen=True)
class IgnoredFinding:
    """A check's finding the user meant as it is, kept with the issue: its code and excerpt.

    Not cleaned like the rest: the excerpt must stay exactly as the check wrote it to match.
    """

    code: str
    excerpt: str


@dataclass
class Issue(_Clean):
    masthead: Masthead
    parts: list[Part] = field(default_factory=list)
    distribution: Distribution = field(default_factory=Distribution)
    ignored: list[IgnoredFinding] = field(default_factory=list)
