"""Typed text into tokens: each line classified as a period, a heading, an item, distribution or
plain text, its typed numbering read and taken off; the patterns and dates they rest on."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...model import clean_text
from ...model.text import match_key


@dataclass(frozen=True)
class Line:
    """One paragraph as the reader found it."""

    text: str  # may hold "\n" (manual line breaks) and "\t"
    where: str = ""  # for the report: 第12段, 第5段（表格第3行）
    lead: str = ""  # the run-in heading run, when the paragraph marks one (our export)
    centered: bool = False


_SPACE = "[ \t\u3000\u00a0]*"
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uffef"
_DIGIT_GAP = re.compile(rf"(?<=[0-9０-９])[ \u00a0]+(?=[{_CJK}])|(?<=[{_CJK}])[ \u00a0]+(?=[0-9０-９])")
_CN_NUMERAL = "[一二三四五六七八九十〇零两]+"
_LEVEL1 = re.compile(rf"^{_SPACE}({_CN_NUMERAL}){_SPACE}[、，,．.]{_SPACE}")
LEVEL2 = re.compile(rf"^{_SPACE}[（(]{_SPACE}({_CN_NUMERAL}){_SPACE}[）)]{_SPACE}")
_ITEM = re.compile(
    rf"^{_SPACE}(?:[（(]{_SPACE}([0-9０-９]{{1,3}}){_SPACE}[）)]"
    rf"|([0-9０-９]{{1,2}}){_SPACE}(?:[.．、](?![0-9０-９])|[）)])|([①-⑳]))(?!{_SPACE}$){_SPACE}"
)
ISSUE_LINE = re.compile(r"(?:(\d{4})年)?第(\d+)期(?:（总第(\d+)期）)?")
CHINESE_DATE = re.compile(
    "([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# （8月22日—8月26日）, also with years, 至, or the month left out at the end: 8月22日至26日.
_PERIOD = re.compile(
    r"^（?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?[—－\-–~～至到]+"
    r"(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日）?$"
)
DISTRIBUTION = re.compile(rf"^{_SPACE}(报|送|发|抄送|抄报|报送|分送|印发|发送){_SPACE}[:：]{_SPACE}")
COPIES = re.compile(
    rf"[（(]{_SPACE}共印{_SPACE}([0-9０-９]+){_SPACE}份{_SPACE}[）)]"
    rf"|^{_SPACE}共印{_SPACE}([0-9０-９]+){_SPACE}份{_SPACE}$"
)
_RULE = re.compile(r"^[—―─━═_\-－=＝*~～]{3,}$")  # a typed red rule
_PAGE_NUMBER = re.compile(r"^[—\-－–]\d+[—\-－–]$")
SENTENCE_STOP = re.compile("[。；，：！？]")
RUN_IN_STOP = re.compile("[。：；！？]")
# A paragraph ending otherwise stops mid-sentence.
CLOSING = tuple("。！？；：…”’」』）)!?;:.")
UNIT_WORDS = ("中心", "厅", "局", "办公室", "委员会", "政府", "公司", "院")


def _cn_number(numeral: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return digits.get(tens, 1) * 10 + (digits.get(ones, 0) if ones else 0)
    value = 0
    for c in numeral:
        value = value * 10 + digits.get(c, 0)
    return value


def arabic_number(digits: str) -> int:
    return int(match_key(digits))


def tidy(text: str) -> str:
    """Clean text as the model does, without the gap people type between digits and Chinese."""
    return clean_text(_DIGIT_GAP.sub("", text))


def short(text: str, width: int = 24) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


@dataclass
class Token:
    kind: str  # period, level1, level2, item, distribution or plain
    text: str  # content without the typed label
    where: str
    number: int | None = None
    continued: bool = False  # after a manual line break inside the same paragraph
    lead: str = ""
    centered: bool = False
    period: tuple | None = None
    label: str = ""  # the typed numbering, e.g. "（1）"


def tokenize(lines: list[Line]) -> list[Token]:
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


def _classify(text: str, where: str) -> Token | None:
    key = match_key(text)
    if _RULE.match(key) or _PAGE_NUMBER.match(key):
        return None  # a typed rule or page number is layout, not content
    if m := _PERIOD.match(key):
        return Token("period", text, where, period=m.groups())
    if m := _LEVEL1.match(text):
        return Token("level1", text[m.end() :], where, _cn_number(m.group(1)))
    if m := LEVEL2.match(text):
        return Token("level2", text[m.end() :], where, _cn_number(m.group(1)))
    if m := _ITEM.match(text):
        number = (
            arabic_number(m.group(1) or m.group(2))
            if (m.group(1) or m.group(2))
            else ord(m.group(3)) - 0x245F
        )
        return Token("item", text[m.end() :], where, number)
    if DISTRIBUTION.match(text) or COPIES.search(text):
        return Token("distribution", text, where)
    return Token("plain", text, where)


def arabic_date(m: re.Match) -> str:
    """二〇二二年九月二十七日 -> 2022年9月27日."""
    year = "".join(
        str("〇一二三四五六七八九".find(c)) if c in "一二三四五六七八九" else "0" for c in m.group(1)
    )
    return f"{year}年{_cn_number(m.group(2))}月{_cn_number(m.group(3))}日"


def calendar_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def period_dates(groups: tuple, issue_date: dt.date | None, issue: tuple | None) -> tuple[dt.date, dt.date]:
    """Dates of a period line; missing years come from the issue date (a period precedes it)."""
    y1, m1, d1, y2, m2, d2 = groups
    m2 = m2 or m1
    reference = issue_date or dt.date((issue and issue[0]) or dt.date.today().year, 12, 31)
    end_year = int(y2) if y2 else (int(y1) if y1 else reference.year)
    end = calendar_date(end_year, m2, d2) or reference
    if not (y1 or y2) and end > reference + dt.timedelta(days=62):
        end = calendar_date(end_year - 1, m2, d2) or end
    start_year = int(y1) if y1 else end.year
    start = calendar_date(start_year, m1, d1) or end
    if not y1 and start > end:
        start = calendar_date(start_year - 1, m1, d1) or start
    return start, end
