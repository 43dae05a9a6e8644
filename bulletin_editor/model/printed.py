"""The issue as it prints: a flat list of paragraphs, each with its role and numbering.

The .docx writer maps roles to paragraph styles, the editor's preview maps them to CSS, and
both number the same way because the numbering is derived here and nowhere else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .dates import chinese_date, period_line
from .issue import Issue, Section, SectionKind
from .numbering import item_labels, level1_label, level2_label
from .statistics import statistics_sentence
from .tree import NOWHERE, Place


class Role(enum.StrEnum):
    TITLE = "title"  # 窗口工作周报
    ISSUE_LINE = "issue_line"  # 2022年第28期（总第403期）
    UNIT_DATE = "unit_date"  # unit ⇥ date, one line
    PART_TITLE = "part_title"  # 政务服务工作
    PERIOD = "period"  # （8月22日—8月26日）
    LEVEL1 = "level1"  # 一、…
    LEVEL2 = "level2"  # （一）…
    BODY = "body"  # items and free paragraphs
    RUN_IN = "run_in"  # （一）heading。result: first run in 楷体
    DISTRIBUTION = "distribution"  # 报：… 送：… 发：…
    COPIES = "copies"  # （共印80份）


@dataclass(frozen=True)
class Printed:
    role: Role
    runs: tuple[str, ...]  # RUN_IN: (heading, result); UNIT_DATE: (unit, date); else one run
    source: Place = NOWHERE  # where it comes from; the masthead and distribution have no part

    @property
    def text(self) -> str:
        return "\t".join(self.runs) if self.role is Role.UNIT_DATE else "".join(self.runs)


_RUN_IN_STOPS = ("。", "：", "；", "！", "？")


def issue_line(issue: Issue) -> str:
    m = issue.masthead
    return f"{m.year}年第{m.number}期（总第{m.total_number}期）"


def unit_date_runs(issue: Issue) -> tuple[str, str]:
    """The unit and the date as the unit/date line prints them."""
    return issue.masthead.unit, chinese_date(issue.masthead.issue_date)


def printed_paragraphs(issue: Issue) -> list[Printed]:
    m = issue.masthead
    out = [
        Printed(Role.TITLE, (m.title,)),
        Printed(Role.ISSUE_LINE, (issue_line(issue),)),
        Printed(Role.UNIT_DATE, unit_date_runs(issue)),
    ]
    for p, part in enumerate(issue.parts):
        out.append(Printed(Role.PART_TITLE, (part.title,), Place(p)))
        out.append(Printed(Role.PERIOD, (period_line(part.period_start, part.period_end),), Place(p)))
        for s, section in enumerate(part.sections):
            out.append(Printed(Role.LEVEL1, (level1_label(s) + section.title,), Place(p, s)))
            out.extend(_section_body(section, part, Place(p, s)))
            for u, sub in enumerate(section.subsections):
                out.append(Printed(Role.LEVEL2, (level2_label(u) + sub.title,), Place(p, s, u)))
                out.extend(_section_body(sub, part, Place(p, s, u)))
    for line in issue.distribution.lines:
        out.append(Printed(Role.DISTRIBUTION, (f"{line.label}：{line.recipients}",)))
    if issue.distribution.copies:
        out.append(Printed(Role.COPIES, (f"（共印{issue.distribution.copies}份）",)))
    return out


def _section_body(section: Section, part, where: Place) -> list[Printed]:
    out = []
    if section.statistics is not None:
        out.append(Printed(Role.BODY, (statistics_sentence(section.statistics, part),), where))
    labels = item_labels(section)
    for i, item in enumerate(section.items):
        here = Place(where.part, where.section, where.subsection, i)
        if section.kind is SectionKind.INSPECTION and item.heading:
            heading = labels[i] + item.heading
            if not heading.endswith(_RUN_IN_STOPS):
                heading += "。"
            out.append(Printed(Role.RUN_IN, (heading, item.text), here))
        else:
            out.append(Printed(Role.BODY, (labels[i] + item.text,), here))
    return out
