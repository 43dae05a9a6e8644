"""Proofreading: the slips a leader circles in red, each with a precise rule and, where no
judgment is needed, its fix.

Every text of the issue that the user typed is read as it prints, field by field (an item's
text, an inspection heading, a title, a distribution line). A finding names the field's
place, the span of the offending characters in that field and, when it is safe, the text
that replaces the span.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import BulletinError
from ..paths import resource_path
from .departments import Departments, Mention, shipped_departments
from .issue import Issue, Section, SectionKind
from .layout import load_layout
from .printed import Printed, Role, printed_paragraphs
from .tree import Place, object_at, section_at

if TYPE_CHECKING:
    from .checks import Finding

CODES = {
    "punct-halfwidth": "半角标点",
    "punct-pair": "标点不成对",
    "punct-repeat": "标点重复",
    "space-in-cjk": "多余空格",
    "digit-fullwidth": "全角数字字母",
    "char-not-gb2312": "字体打印不出的字",
    "word-typo": "错别字",
    "numbering-typed": "手工编号",
    "name-variant": "部门名称写法不一",
}
TYPOS_RESOURCE = "typos.txt"
EXCERPT_LENGTH = 40

_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Chinese text: ideographs and the full-width punctuation set among them.
_CHINESE = _IDEOGRAPH + "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"
_IS_CHINESE = re.compile(f"[{_CHINESE}]")
_SPACES = " \u00a0\u3000"
_URL = re.compile(r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALFWIDTH = re.compile(r"[,;:?!]")
_PARENTHESIS = re.compile(r"[()]")
_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_BRACKETS = re.compile("[“”《》（）【】‘’]")
_MARK_NAMES = {
    "“": "前引号",
    "”": "后引号",
    "‘": "前单引号",
    "’": "后单引号",
    "《": "前书名号",
    "》": "后书名号",
    "（": "前括号",
    "）": "后括号",
    "【": "前方括号",
    "】": "后方括号",
}
_STOPS = "，。、；：？！"
_REPEAT = re.compile(f"[{_STOPS}]{{2,}}")
_ALLOWED_REPEATS = {"？！", "！？"}  # GB/T 15834-2011 4.2.3.3: a question said with force
_SPACE_RUN = re.compile(f"[{_SPACES}]+")
_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
# （1） (1) 1. 1． 1、 （一） (一) 一、 ①, as typed; "1.5万" is a number, not a label.
_NUMBERING = re.compile(
    r"^[（(]\s*(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]\s*"
    r"|^[0-9０-９]{1,3}\s*(?:[.．](?![0-9０-９])|、)\s*"
    r"|^[一二三四五六七八九十]{1,3}、\s*"
    r"|^[①-⑳]\s*"
)
_SENTENCE_END = re.compile("[。！？；]")
_TIME_WORD = re.compile(
    r"[ \u3000]*(?:到|至)?[ \u3000]*(?:[0-9０-９]|[〇零一二三四五六七八九十两]{1,4}[年月日]"
    r"|目前|当前|今年|本年|本周|本月|今日|今天|昨日|上周|上月|发稿|年底|年末|月底)"
)


class ProofreadError(BulletinError):
    pass


@dataclass(frozen=True)
class TextFix:
    """Replace text[start:end] of the field `attr` of the object at the finding's place."""

    attr: str
    start: int
    end: int
    replacement: str
    description: str  # what the fix does, in Chinese: 改为“，”
    original: str = ""  # text[start:end] when the check ran

    def apply(self, text: str) -> str:
        """The fixed text; a text changed since the check is not touched (ProofreadError)."""
        if text[self.start : self.end] != self.original:
            raise ProofreadError("文字在检查后已改动，请重新检查后再修正")
        return text[: self.start] + self.replacement + text[self.end :]


@dataclass(frozen=True)
class Proof:
    code: str
    message: str
    excerpt: str
    paragraph: int  # 1-based printed paragraph, counted from the masthead title
    place: Place
    attr: str
    start: int
    end: int
    fix: TextFix | None = None


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    condition: str = ""  # "", "后接时间" or "同句无：X"

    def applies(self, text: str, start: int, end: int) -> bool:
        if not self.condition:
            return True
        if self.condition == "后接时间":
            return _TIME_WORD.match(text, end) is not None
        absent = self.condition.removeprefix("同句无：")
        stop = _SENTENCE_END.search(text, end)
        return absent not in text[end : stop.start() if stop else len(text)]


_CONDITIONS = re.compile(r"后接时间|同句无：\S+")


def parse_typos(text: str, source: str = "错别字表") -> tuple[Typo, ...]:
    typos = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        entry, _, condition = line.partition("\t") if "\t" in line else line.partition(" ")
        wrong, arrow, right = entry.strip().partition("→")
        condition = condition.strip()
        if not arrow or not wrong or not right:
            raise ProofreadError(f"{source}第 {number} 行应写成“错误写法→正确写法”：{line}")
        if condition and not _CONDITIONS.fullmatch(condition):
            raise ProofreadError(f"{source}第 {number} 行的条件“{condition}”无法识别")
        typos.append(Typo(wrong, right, condition))
    return tuple(typos)


@functools.cache
def shipped_typos() -> tuple[Typo, ...]:
    return parse_typos(resource_path(TYPOS_RESOURCE).read_text(encoding="utf-8"))


@functools.cache
def _gb2312_ideographs() -> frozenset[str]:
    """The 6763 汉字 of GB2312 (rows 16–87)."""
    chars = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the five unused cells at the end of row 55
    return frozenset(chars)


_IS_IDEOGRAPH = re.compile(f"[{_IDEOGRAPH}]")


@functools.cache
def _gb2312_roles() -> frozenset[Role]:
    """The roles printed in a font that has only GB2312's characters (仿宋_GB2312, 楷体_GB2312)."""
    elements = load_layout().elements
    return frozenset(role for role in Role if elements[role.value].font.endswith("_GB2312"))


@dataclass
class Words:
    """What the proofreader knows: the typo list, the departments, the user's accepted words."""

    typos: tuple[Typo, ...] = field(default_factory=shipped_typos)
    departments: Departments = field(default_factory=shipped_departments)
    accepted: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._typo_pattern = (
            re.compile("|".join(re.escape(t.wrong) for t in sorted(self.typos, key=lambda t: -len(t.wrong))))
            if self.typos
            else None
        )
        self._typos = {t.wrong: t for t in self.typos}
        # The last proofreading's results per field text: typing changes one field at a time,
        # so the next proofreading of the issue reads only that field again.
        self._last: dict[tuple, list] = {}

    def typo_matches(self, text: str) -> Iterator[tuple[int, int, Typo]]:
        if self._typo_pattern is None:
            return
        for match in self._typo_pattern.finditer(text):
            typo = self._typos[match.group()]
            if typo.applies(text, match.start(), match.end()):
                yield match.start(), match.end(), typo


@dataclass(frozen=True)
class _Field:
    """One typed text as it prints: where it is, what it is, in which paragraph."""

    place: Place
    attr: str
    text: str
    paragraph: int
    role: Role
    section: Section | None = None
    numbered: bool = False  # an item text or heading that gets a derived number before it


def proofread(
    issue: Issue, words: Words | None = None, printed: Sequence[Printed] | None = None
) -> list[Proof]:
    """Every proofreading finding, in the order the issue prints; `printed`: the issue's
    printed paragraphs, when the caller has them already."""
    words = words or Words()
    fields = list(_fields(issue, printed_paragraphs(issue) if printed is None else printed))
    proofs: list[Proof] = []
    # Judged over the whole issue at once: almost always no character is left to look for.
    characters = set("".join(f.text for f in fields if f.role in _gb2312_roles()))
    unprintable = frozenset(c for c in characters - _gb2312_ideographs() if _IS_IDEOGRAPH.match(c))
    seen, words._last = words._last, {}
    for f in fields:
        proofs.extend(_field_proofs(f, words, unprintable, seen))
    proofs.extend(_name_variants(fields, words, seen))
    if words.accepted:
        proofs = [p for p in proofs if not _accepted(p, fields, words.accepted)]
    proofs.sort(key=lambda p: (p.paragraph, p.start))
    return proofs


def proofreading_findings(
    issue: Issue, words: Words | None = None, printed: Sequence[Printed] | None = None
) -> list[Finding]:
    """The proofreading findings as the checks report them (check_issue adds them)."""
    from .checks import Finding

    try:
        proofs = proofread(issue, words, printed)
    except BulletinError:  # a broken statistics template is reported by its editor
        return []
    return [Finding(p.code, p.message, p.place, p.excerpt, p.fix) for p in proofs]


def _accepted(proof: Proof, fields: list[_Field], accepted: frozenset[str]) -> bool:
    """A finding inside a word the user accepted (a name, a term) is not a finding."""
    text = next(f.text for f in fields if f.place == proof.place and f.attr == proof.attr)
    for word in accepted:
        at = text.find(word, max(0, proof.end - len(word)))
        while at != -1 and at <= proof.start:
            if at + len(word) >= proof.end:
                return True
            at = text.find(word, at + 1)
    return False


def _fields(issue: Issue, paragraphs: Sequence[Printed]) -> Iterator[_Field]:
    """The typed texts, with their printed paragraph numbers."""
    lines = iter(enumerate(issue.distribution.lines))
    for number, printed in enumerate(paragraphs, 1):
        role, source = printed.role, printed.source
        if role is Role.TITLE:
            yield _Field(Place(field="masthead.title"), "title", issue.masthead.title, number, role)
        elif role is Role.UNIT_DATE:
            yield _Field(Place(field="masthead.unit"), "unit", issue.masthead.unit, number, role)
        elif role is Role.PART_TITLE and source.part is not None:
            yield _Field(source, "title", issue.parts[source.part].title, number, role)
        elif role in (Role.LEVEL1, Role.LEVEL2):
            section = section_at(issue, source)
            yield _Field(source, "title", section.title, number, role, section, numbered=True)
        elif role is Role.DISTRIBUTION:
            k, line = next(lines)
            yield _Field(Place(item=k, field="distribution"), "recipients", line.recipients, number, role)
        elif role in (Role.BODY, Role.RUN_IN) and source.item is not None:
            yield from _item_fields(issue, source, number, role)
        elif role is Role.BODY and source.section is not None:
            statistics = section_at(issue, source).statistics
            if statistics is not None and statistics.sentence_override is not None:
                place = replace(source, field="figures")
                yield _Field(place, "sentence_override", statistics.sentence_override, number, role)


def _item_fields(issue: Issue, place: Place, number: int, role: Role) -> Iterator[_Field]:
    section = section_at(issue, place)
    item = section.items[place.item or 0]
    news = section.kind in (SectionKind.NEWS, SectionKind.VISITS)
    if item.heading and section.kind is SectionKind.INSPECTION:
        yield _Field(place, "heading", item.heading, number, role, section, numbered=True)
    yield _Field(
        place,
        "text",
        item.text,
        number,
        # The result after a run-in heading prints in 仿宋_GB2312 like the body.
        Role.BODY,
        section,
        numbered=news,
    )


def _field_proofs(
    f: _Field, words: Words, unprintable: frozenset[str], seen: dict[tuple, list]
) -> list[Proof]:
    """_proofread_field's findings, taken from the last proofreading when the text was there."""
    key = (f.text, f.attr, f.role, f.numbered, unprintable)
    found = words._last[key] = seen[key] if key in seen else list(_proofread_field(f, words, unprintable))
    return [
        p
        if (p.place, p.paragraph) == (f.place, f.paragraph)
        else replace(p, place=f.place, paragraph=f.paragraph)
        for p in found
    ]


def _proof(f: _Field, code: str, start: int, end: int, message: str, fix: TextFix | None = None) -> Proof:
    if fix is not None:
        fix = replace(fix, original=f.text[fix.start : fix.end])
    return Proof(code, message, excerpt(f.text, start, end), f.paragraph, f.place, f.attr, start, end, fix)


def fixed_texts(issue: Issue, fixes: Iterable[tuple[Place, TextFix]]) -> list[tuple[object, str, str]]:
    """(object, attribute, new text) for each field the fixes change, several fixes of one field
    applied together from its end so that each span still holds."""
    by_field: dict[tuple[Place, str], list[TextFix]] = {}
    for place, fix in fixes:
        by_field.setdefault((place, fix.attr), []).append(fix)
    out = []
    for (place, attr), group in by_field.items():
        owner = object_at(issue, place)
        text = getattr(owner, attr)
        done = len(text) + 1
        for fix in sorted(group, key=lambda f: -f.start):
            if fix.end <= done:  # an overlapping second fix of the same characters waits
                text = fix.apply(text)
                done = fix.start
        out.append((owner, attr, text))
    return out


def excerpt(text: str, start: int, end: int) -> str:
    """At most 40 characters of `text` around text[start:end], the offending characters first."""
    if end - start >= EXCERPT_LENGTH:
        left, right = start, start + EXCERPT_LENGTH
    else:
        left = max(0, min(start - 10, len(text) - EXCERPT_LENGTH))
        right = min(len(text), left + EXCERPT_LENGTH)
    return text[left:right]


def _proofread_field(f: _Field, words: Words, unprintable: frozenset[str]) -> Iterator[Proof]:
    text = f.text
    if not text:
        return
    numbering = _NUMBERING.match(text) if f.numbered else None
    skip = numbering.end() if numbering else 0
    if numbering:
        typed = numbering.group().strip()
        yield _proof(
            f,
            "numbering-typed",
            0,
            numbering.end(),
            f"开头手工输入了编号“{typed}”，程序会自动编号，打印时会重复",
            TextFix(f.attr, 0, numbering.end(), "", f"删除“{typed}”"),
        )
    yield from _halfwidth(f, skip)
    yield from _pairs(f)
    yield from _repeats(f)
    yield from _spaces(f)
    for match in _FULLWIDTH.finditer(text):
        ascii_form = match.group().translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)})
        yield _proof(
            f,
            "digit-fullwidth",
            match.start(),
            match.end(),
            f"“{match.group()}”是全角数字或字母，应为半角“{ascii_form}”",
            TextFix(f.attr, match.start(), match.end(), ascii_form, f"改为“{ascii_form}”"),
        )
    if unprintable and f.role in _gb2312_roles():
        yield from _not_gb2312(f, unprintable)
    for start, end, typo in words.typo_matches(text):
        # 截止到8月26日 → 截至8月26日: 截至 already says "up to".
        swallowed = end + 1 if typo.condition == "后接时间" and text[end : end + 1] in ("到", "至") else end
        yield _proof(
            f,
            "word-typo",
            start,
            end,
            f"“{typo.wrong}”应为“{typo.right}”",
            TextFix(f.attr, start, swallowed, typo.right, f"改为“{typo.right}”"),
        )


def _is_chinese(char: str) -> bool:
    return bool(char) and _IS_CHINESE.match(char) is not None


def _neighbours(text: str, start: int, end: int) -> tuple[str, str, int, int]:
    """The nearest characters before and after text[start:end] that are not spaces, with the
    span widened over the spaces between."""
    left = start
    while left > 0 and text[left - 1] in _SPACES:
        left -= 1
    right = end
    while right < len(text) and text[right] in _SPACES:
        right += 1
    return (text[left - 1] if left else ""), (text[right] if right < len(text) else ""), left, right


def _halfwidth(f: _Field, skip: int) -> Iterator[Proof]:
    """, ; : ? ! ( ) next to Chinese; not between digits (1,000 9:30), in Latin text or URLs."""
    text = f.text
    urls = [m.span() for m in _URL.finditer(text)] if any(c in text for c in "/@") else []

    def in_url(i: int) -> bool:
        return any(a <= i < b for a, b in urls)

    for match in _HALFWIDTH.finditer(text, skip):
        i = match.start()
        if in_url(i):
            continue
        before, after, left, right = _neighbours(text, i, i + 1)
        if not (_is_chinese(before) or _is_chinese(after)):
            continue
        if text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        full = _HALF_TO_FULL[text[i]]
        yield _proof(
            f,
            "punct-halfwidth",
            i,
            i + 1,
            f"中文里用了半角标点“{text[i]}”，应为全角“{full}”",
            TextFix(f.attr, left, right, full, f"改为“{full}”"),
        )
    yield from _halfwidth_parentheses(f, skip, in_url)


def _halfwidth_parentheses(f: _Field, skip: int, in_url) -> Iterator[Proof]:
    """A pair ( ) is Chinese when it holds Chinese or stands next to it; its fix changes both."""
    text = f.text
    opened: list[int] = []
    for match in _PARENTHESIS.finditer(text, skip):
        i = match.start()
        if in_url(i):
            continue
        if text[i] == "(":
            opened.append(i)
            continue
        if not opened:
            yield from _lone_parenthesis(f, i)
            continue
        start = opened.pop()
        before, _, left, _ = _neighbours(text, start, start + 1)
        _, after, _, right = _neighbours(text, i, i + 1)
        inner = text[start + 1 : i]
        if not (_is_chinese(before) or _is_chinese(after) or _IS_CHINESE.search(inner)):
            continue
        replacement = "（" + inner.strip(_SPACES) + "）"
        yield _proof(
            f,
            "punct-halfwidth",
            start,
            i + 1,
            "中文里用了半角括号“( )”，应为全角“（ ）”",
            TextFix(f.attr, left, right, replacement, "改为全角括号“（ ）”"),
        )
    for start in opened:
        yield from _lone_parenthesis(f, start)


def _lone_parenthesis(f: _Field, i: int) -> Iterator[Proof]:
    before, after, left, right = _neighbours(f.text, i, i + 1)
    if _is_chinese(before) or _is_chinese(after):
        full = _HALF_TO_FULL[f.text[i]]
        yield _proof(
            f,
            "punct-halfwidth",
            i,
            i + 1,
            f"中文里用了半角括号“{f.text[i]}”，应为全角“{full}”",
            TextFix(f.attr, left, right, full, f"改为“{full}”"),
        )


def _pairs(f: _Field) -> Iterator[Proof]:
    """Each of “” 《》 （） 【】 ‘’ closes what it opened within the paragraph; ’ inside a Latin
    word (Xi’an) is an apostrophe."""
    text = f.text
    opened: dict[str, list[int]] = {open_: [] for open_ in _PAIRS}
    lone: list[int] = []
    for match in _BRACKETS.finditer(text):
        i, char = match.start(), match.group()
        if char in "‘’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha():
            if text[i + 1].isascii() and text[i + 1].isalpha():
                continue
        if char in _PAIRS:
            opened[char].append(i)
        elif opened[_CLOSERS[char]]:
            opened[_CLOSERS[char]].pop()
        else:
            lone.append(i)
    lone.extend(i for stack in opened.values() for i in stack)
    for i in sorted(lone):
        char = text[i]
        other = _PAIRS.get(char) or _CLOSERS[char]
        yield _proof(
            f, "punct-pair", i, i + 1, f"{_MARK_NAMES[char]} {char} 没有对应的{_MARK_NAMES[other]} {other}"
        )


def _repeats(f: _Field) -> Iterator[Proof]:
    """Two stops in a row (。。 ，。 、、); …… and —— are single marks and never found here."""
    for match in _REPEAT.finditer(f.text):
        marks = match.group()
        if marks in _ALLOWED_REPEATS:
            continue
        fix = None
        if len(set(marks)) == 1:  # a doubled mark: one of it was meant
            fix = TextFix(f.attr, match.start(), match.end(), marks[0], f"改为一个“{marks[0]}”")
        yield _proof(
            f, "punct-repeat", match.start(), match.end(), f"标点“{marks}”重复或连用，请删去多余的", fix
        )


def _spaces(f: _Field) -> Iterator[Proof]:
    """A space between two Chinese characters; beside a digit it is Word's own gap, not a slip."""
    text = f.text
    for match in _SPACE_RUN.finditer(text):
        start, end = match.span()
        if start == 0 or end == len(text):
            continue
        if _is_chinese(text[start - 1]) and _is_chinese(text[end]):
            yield _proof(
                f,
                "space-in-cjk",
                start,
                end,
                "两个汉字之间有多余的空格",
                TextFix(f.attr, start, end, "", "删除空格"),
            )


def _not_gb2312(f: _Field, unprintable: frozenset[str]) -> Iterator[Proof]:
    """Ideographs 仿宋_GB2312 / 楷体_GB2312 cannot print; punctuation is printed by every font."""
    text = f.text
    if unprintable.isdisjoint(text):
        return
    font = "楷体_GB2312" if f.role in (Role.LEVEL2, Role.RUN_IN, Role.PERIOD) else "仿宋_GB2312"
    other = "楷体" if font.startswith("楷体") else "仿宋"
    for i, char in enumerate(text):
        if char not in unprintable:
            continue
        yield _proof(
            f,
            "char-not-gb2312",
            i,
            i + 1,
            f"“{char}”不在 GB2312 字符集内，{font} 打印不出（会显示为空框或替代字形）："
            f"请把这个字所在的词设为{other}（不带 _GB2312），或确认打印用的字体有这个字",
        )


def _name_variants(fields: Iterable[_Field], words: Words, seen: dict[tuple, list]) -> Iterator[Proof]:
    """One department written two ways: each later way is found, with the issue's first as its fix."""
    first: dict[str, tuple[Mention, _Field]] = {}
    for f in fields:
        key = ("mentions", f.text)
        mentions = words._last[key] = seen[key] if key in seen else list(words.departments.mentions(f.text))
        for mention in mentions:
            key = mention.department.full_name
            if key not in first:
                first[key] = (mention, f)
                continue
            earlier, where = first[key]
            if mention.form == earlier.form:
                continue
            # Keep the province in front as this mention wrote it: 省林业和草原局 → 省林草局.
            unified = mention.written.removesuffix(mention.form) + earlier.form
            yield _proof(
                f,
                "name-variant",
                mention.start,
                mention.end,
                f"“{mention.written}”与第 {where.paragraph} 段的“{earlier.written}”是同一部门，"
                "本期应统一写法",
                TextFix(f.attr, mention.start, mention.end, unified, f"统一为“{unified}”"),
            )
