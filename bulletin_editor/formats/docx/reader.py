"""Read a .docx back into an issue: our own exports exactly, past issues typed by hand by their text.

An export carries a description of its paragraphs without their words (annotations). If every
described paragraph is still there as it was, the issue is rebuilt from the page and the
description exactly. If the text was corrected in Word after export, the text wins: it is read
like a typed issue, and what the text cannot say (visit dates; a custom statistics template;
section kinds) is taken from the description of the paragraphs that are still the same.
Exports of version 1 carry the whole issue instead; they are read the same way against it.
"""

from __future__ import annotations

import copy
import difflib
import functools
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn as _qn
from docx.parts.numbering import NumberingPart
from docx.parts.styles import StylesPart

from ...errors import BulletinError
from ...model import (
    Issue,
    Item,
    Section,
    SectionKind,
    Statistics,
    clean_text,
    printed_paragraphs,
    statistics_sentence,
)
from ...model.limits import LimitError, check_issue
from ...model.numbering import chinese_numeral
from ...model.statistics import parse_statistics
from ...storage.files import read_user_file
from ..bulletin import IssueFileError, issue_from_json
from ..json_input import JsonInputError, parse_json
from ..text import Line, import_lines
from .annotations import VERSION, align, described, rebuild
from .embed import Embedded, extract_embedded

qn = functools.cache(_qn)  # a tag's Clark name, asked for several times per paragraph

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNPACKED = 512 * 1024 * 1024  # refuse zip bombs before python-docx unpacks everything
# python-docx parses every XML part whole: bound what it parses by size and by markup, counted
# as "<" (at least one per element) at C speed before any parsing. A 5-page issue has ~20,000;
# a 300-page report a few hundred thousand.
_MAX_XML_PART = 32 * 1024 * 1024
_MAX_XML_TOTAL = 64 * 1024 * 1024
_MAX_MARKUP = 1_000_000
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
_SMALL_INT = re.compile(r"-?[0-9]{1,9}")
_RUN_IN_STYLE_NAMES = {"周报小标题"}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass
class ImportResult:
    issue: Issue
    report: list[str] = field(default_factory=list)  # one line each, for the user
    origin: str = "text"  # "embedded": exact copy; "word_edits": export edited in Word; "text": typed


def read_docx(path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    document = open_docx(path)
    lines = visible_lines(document)
    found = extract_embedded(document)
    if found is not None and found.version != 1:
        return _read_described(path, lines, found)
    embedded, report = _embedded_issue(found)
    if embedded is not None and _text_key(lines) == _printed_key(embedded):
        return ImportResult(embedded, report + ["文档由周报编辑器导出，已原样恢复其中保存的周报"], "embedded")
    if not lines:
        if embedded is not None:
            return ImportResult(
                embedded, report + ["文档中的文字已全部删去，已恢复导出时保存的周报"], "embedded"
            )
        _refuse_empty(path)
    issue, notes = _typed(path, lines)
    if embedded is None:
        return ImportResult(issue, report + notes, "text")
    _keep_metadata(issue, embedded)
    changes = _changes(_printed_key(embedded), _text_key(lines))
    return ImportResult(issue, report + _edited(changes) + notes, "word_edits")


def _read_described(path: Path, lines: list[Line], embedded: Embedded) -> ImportResult:
    """An export of version 2 or later: rebuilt from its page and the description it carries."""
    if not lines:
        _refuse_empty(path)  # the description holds no words to restore
    texts = [line.text for line in lines]
    try:
        if embedded.version > VERSION:
            raise _Newer()
        annotations = parse_json(embedded.text)
        records = described(annotations)
        found, opcodes, visible = align(records, texts)
        if all(tag == "equal" for tag, *_ in opcodes):
            issue = rebuild(records, found, annotations)
            check_issue(issue)
            return ImportResult(issue, ["文档由周报编辑器导出，已按其中保存的结构原样恢复"], "embedded")
        changed = {
            visible[i1 + k]: texts[j1 + k]
            for tag, i1, i2, j1, j2 in opcodes
            if tag == "replace" and i2 - i1 == j2 - j1
            for k in range(i2 - i1)
        }
        skeleton = rebuild(records, found, annotations, changed)
    except _Newer:
        report = [
            f"文档中保存的周报结构由更新版本的周报编辑器写入（版本 {embedded.version}，"
            f"本程序只支持到版本 {VERSION}）；已按文档中的文字导入"
        ]
        return ImportResult(_typed(path, lines)[0], report, "text")
    except (JsonInputError, LimitError, ValueError, RecursionError):
        issue, notes = _typed(path, lines)
        return ImportResult(issue, ["文档中保存的周报结构已损坏；已按文档中的文字导入", *notes], "text")
    issue, notes = _typed(path, lines)
    _keep_metadata(issue, skeleton)
    return ImportResult(issue, _edited(_paragraph_changes(opcodes, texts)) + notes, "word_edits")


class _Newer(Exception):
    pass


def _refuse_empty(path: Path):
    raise BulletinError(
        f"“{path.name}”中没有找到任何文字，无法导入"
        "（若是“严格 Open XML”格式，请在 Word 中另存为普通的 .docx）"
    )


def _typed(path: Path, lines: list[Line]) -> tuple[Issue, list[str]]:
    try:
        return import_lines(lines)
    except LimitError as exc:
        raise BulletinError(f"“{path.name}”无法导入：{exc}") from None


def _edited(changes: list[str], limit: int = 10) -> list[str]:
    """The report's summary line and a line for each of the first `limit` changes."""
    summary = f"文档导出后在 Word 中被修改过（{len(changes)} 处），已采用文档中的文字："
    if len(changes) > limit:
        return [summary, *changes[:limit], f"  ……另有 {len(changes) - limit} 处改动"]
    return [summary, *changes]


# --- opening ---------------------------------------------------------------------------------


def open_docx(path: Path):
    """python-docx's Document, or a BulletinError that says in Chinese what the file is instead."""
    name = f"“{path.name}”"
    data = read_user_file(path, "Word 文档")
    if data.startswith(_OLE_MAGIC):
        raise BulletinError(
            f"{name}是旧版 Word 文档（.doc）或加密的文档，无法直接读取："
            "请在 Word 或 WPS 中打开，另存为 .docx（并去掉密码）后再导入"
        )
    if not data:
        raise BulletinError(f"{name}是一个空文件，不是 Word 文档")
    if not data.startswith(b"PK"):
        kind = "文本文件" if _looks_like_text(data) else "其他格式的文件"
        raise BulletinError(
            f"{name}不是 Word 文档（.docx），看起来是{kind}：请用 Word 或 WPS 另存为 .docx 后再导入"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if sum(i.file_size for i in archive.infolist()) > _MAX_UNPACKED:
                raise BulletinError(f"{name}解压后过大，不像是周报文档，已拒绝读取")
            _check_markup(archive, name)
    # zlib.error: damaged deflate data; NotImplementedError: another compression; RuntimeError: encrypted.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        OSError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ):
        raise BulletinError(
            f"{name}已损坏（压缩包无法读取），不能导入：请用 Word 打开修复并另存后再试"
        ) from None
    if "word/document.xml" not in names and "[Content_Types].xml" in names:
        raise BulletinError(f"{name}不是 Word 文档（可能是 Excel 或 PowerPoint 文件），不能导入")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:
        raise BulletinError(
            f"{name}已损坏或不是 Word 文档（.docx），无法读取：请用 Word 打开修复并另存后再试"
        ) from None


def _check_markup(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse XML parts whose parsing would cost minutes or gigabytes (a zip of `<w:p/>`)."""
    parts = [info for info in archive.infolist() if _XML_PART.search(info.filename)]
    total = 0
    for info in parts:
        if info.file_size > _MAX_XML_PART:
            raise BulletinError(f"{name}中的“{info.filename}”解压后过大，不像是周报文档，已拒绝读取")
        total += info.file_size  # zipfile never yields more than the declared size
        if total > _MAX_XML_TOTAL:
            raise BulletinError(f"{name}中的内容解压后过大，不像是周报文档，已拒绝读取")
    if total <= _MAX_MARKUP:
        return  # every element takes a "<" at least: too few bytes to hold too many elements
    markup = 0
    for info in parts:
        with archive.open(info) as stream:
            while chunk := stream.read(1024 * 1024):
                markup += chunk.count(b"<")
                if markup > _MAX_MARKUP:
                    raise BulletinError(
                        f"{name}中的元素过多（超过 {_MAX_MARKUP:,} 个），不像是周报文档，已拒绝读取"
                    )


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _embedded_issue(embedded: Embedded | None) -> tuple[Issue | None, list[str]]:
    """The whole issue a version 1 export carries."""
    if embedded is None:
        return None, []
    try:
        return issue_from_json(embedded.text, "文档中保存的周报数据"), []
    except IssueFileError as exc:
        return None, [f"{exc}；已按文档中的文字导入"]


# --- visible text ----------------------------------------------------------------------------


def visible_lines(document) -> list[Line]:
    """Every paragraph with text, in reading order: body paragraphs, table cells, text boxes.

    Word's automatic list numbering is not in the text: its label is written out in front,
    so a list numbered 一、 by Word reads like one typed by hand.
    """
    ctx = _Context(_Styles(document), _ListNumbering(document))
    out: list[Line] = []
    body = document.element.body
    if body is not None:
        _walk_blocks(body, ctx, out, "")
    return out


def _related_element(document, reltype: str, kind: type[NumberingPart] | type[StylesPart]):
    """The XML of the part related to the main document by `reltype`, if it is of the `kind`
    python-docx reads; None when absent or of another content type (then it is a plain Part)."""
    try:
        part = document.part.part_related_by(reltype)
    except KeyError:
        return None
    return part.element if isinstance(part, kind) else None


@dataclass
class _Style:
    name: str
    alignment: str
    numbering: tuple[str, int] | None  # (numId, level) of a style that numbers its paragraphs


class _Styles:
    """Styles by id, read when first asked for: templates define hundreds, a document uses a few."""

    def __init__(self, document):
        styles = _related_element(document, RT.STYLES, StylesPart)
        self.elements = {
            e.get(qn("w:styleId")): e
            for e in (styles.iterchildren(qn("w:style")) if styles is not None else ())
        }
        self.read: dict[str, _Style] = {}

    def get(self, style_id: str | None) -> _Style | None:
        if style_id is None:
            return None
        if style_id not in self.read and style_id in self.elements:
            element = self.elements[style_id]
            p_pr = element.find(qn("w:pPr"))
            self.read[style_id] = _Style(
                _val(element.find(qn("w:name"))) or "",
                _val(p_pr.find(qn("w:jc")) if p_pr is not None else None) or "",
                _num_pr(p_pr),
            )
        return self.read.get(style_id)


def _val(element) -> str | None:
    return element.get(qn("w:val")) if element is not None else None


def _num_pr(p_pr) -> tuple[str, int] | None:
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    if num_pr is None:
        return None
    return _val(num_pr.find(qn("w:numId"))) or "0", _int(_val(num_pr.find(qn("w:ilvl"))))


class _ListNumbering:
    """Labels of Word's automatic list numbering: 一、 （一） 1. ① as Word would draw them."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}  # id -> level -> (format, text, start)
        self.nums: dict[
            str, tuple[str | None, dict[int, int]]
        ] = {}  # numId -> (abstract id, start overrides)
        self.counters: dict[str, list[int]] = {}
        numbering = _related_element(document, RT.NUMBERING, NumberingPart)
        if numbering is None:
            return
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                start = _val(lvl.find(qn("w:start")))
                levels[_int(lvl.get(qn("w:ilvl")))] = (
                    _val(lvl.find(qn("w:numFmt"))) or "decimal",
                    _val(lvl.find(qn("w:lvlText"))) or "",
                    _int(start, 1),
                )
            self.abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in numbering.iterchildren(qn("w:num")):
            overrides = {
                _int(o.get(qn("w:ilvl"))): _int(_val(o.find(qn("w:startOverride"))), 1)
                for o in num.iterchildren(qn("w:lvlOverride"))
                if o.find(qn("w:startOverride")) is not None
            }
            self.nums[num.get(qn("w:numId"))] = (_val(num.find(qn("w:abstractNumId"))), overrides)

    def label(self, num_id: str, level: int) -> str:
        if num_id not in self.nums or not 0 <= level < 9:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {}) if abstract_id is not None else {}
        counters = self.counters.setdefault(num_id, [0] * 9)
        start = overrides.get(level, levels.get(level, ("", "", 1))[2])
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (8 - level)  # a deeper level starts again
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt in ("bullet", "none"):
            return ""
        for n in range(9):
            if f"%{n + 1}" in text:
                value = counters[n] or overrides.get(n, levels.get(n, ("", "", 1))[2])
                text = text.replace(f"%{n + 1}", _format_number(value, levels.get(n, (fmt,))[0]))
        return text


def _int(value, default: int = 0) -> int:
    """A level or start number as Word writes it; anything else (4,000 digits, "²") is the default."""
    return int(value) if value is not None and _SMALL_INT.fullmatch(value) else default


def _format_number(value: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "taiwanese")) and 1 <= value <= 99:
        return chinese_numeral(value)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt.startswith("decimalFullWidth"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


@dataclass
class _Context:
    styles: _Styles
    numbering: _ListNumbering


def _walk_blocks(container, ctx: _Context, out: list[Line], table_where: str) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            _paragraph(child, ctx, out, f"第{len(out) + 1}段{table_where}")
        elif child.tag == qn("w:tbl"):
            for r, row in enumerate(child.iterchildren(qn("w:tr")), 1):
                for cell in row.iterchildren(qn("w:tc")):
                    _walk_blocks(cell, ctx, out, table_where or f"（表格第{r}行）")
        elif child.tag in (
            qn("w:sdt"),
            qn("w:sdtContent"),
            qn("w:customXml"),
            qn("w:ins"),
            qn("w:moveTo"),
            qn("w:smartTag"),
        ):
            _walk_blocks(child, ctx, out, table_where)


def _paragraph(p, ctx: _Context, out: list[Line], where: str) -> None:
    state: dict[str, Any] = {"text": [], "lead": [], "lead_open": True, "boxes": []}
    _inline(p, ctx, state)
    for box in state["boxes"]:  # text boxes anchored here read before the paragraph
        _walk_blocks(box, ctx, out, where)
    p_pr = p.find(qn("w:pPr"))
    style = ctx.styles.get(_val(p_pr.find(qn("w:pStyle"))) if p_pr is not None else None)
    numbering = _num_pr(p_pr) or (style.numbering if style else None)
    label = ctx.numbering.label(*numbering) if numbering and numbering[0] != "0" else ""
    text = "".join(state["text"])
    if not clean_text(text):
        return
    alignment = _val(p_pr.find(qn("w:jc")) if p_pr is not None else None) or (
        style.alignment if style else ""
    )
    out.append(Line(label + text, where, "".join(state["lead"]), alignment == "center"))


_SKIPPED = {
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:instrText"),
    qn("w:delText"),
    qn("w:fldData"),
    f"{{{_MC}}}Fallback",
}
_CHARACTERS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}


def _inline(element, ctx: _Context, state) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == qn("w:r"):
            _run(child, ctx, state)
        elif tag == qn("w:txbxContent"):
            state["boxes"].append(child)
        else:  # hyperlinks, insertions, fields, content controls, drawings, ...
            _inline(child, ctx, state)


def _run(r, ctx: _Context, state) -> None:
    r_pr = r.find(qn("w:rPr"))
    if r_pr is not None:
        vanish = r_pr.find(qn("w:vanish"))
        if vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off"):
            return  # hidden text is not visible text
    style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
    run_style = ctx.styles.get(_val(style)) if style is not None else None
    is_lead = run_style is not None and run_style.name in _RUN_IN_STYLE_NAMES
    pieces = []
    for child in r.iterchildren():
        if child.tag == qn("w:t"):
            pieces.append(child.text or "")
        elif child.tag in _CHARACTERS:
            pieces.append(_CHARACTERS[child.tag])
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
            _inline(child, ctx, state)  # drawings and pictures may hold text boxes
    text = "".join(pieces)
    if not text:
        return
    state["text"].append(text)
    if state["lead_open"] and is_lead:
        state["lead"].append(text)
    else:
        state["lead_open"] = False


# --- comparing the text with the embedded issue ----------------------------------------------


def _pieces(text: str) -> list[str]:
    return [piece for part in clean_text(text).split("\t") if (piece := part.strip())]


def _text_key(lines: list[Line]) -> list[str]:
    return [piece for line in lines for piece in _pieces(line.text)]


def _printed_key(issue: Issue) -> list[str]:
    return [piece for printed in printed_paragraphs(issue) for piece in _pieces(printed.text)]


def _changes(before: list[str], after: list[str]) -> list[str]:
    """A line for each place where the pieces of text differ from those before."""
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return _change_lines(
        opcodes, lambda i1, i2: "“" + "／".join(_short(t) for t in before[i1:i2]) + "”", after
    )


def _paragraph_changes(opcodes, texts: list[str]) -> list[str]:
    """A line for each place where the paragraphs differ from those exported; the old ones are
    named by their number, their words are not kept."""
    return _change_lines(
        opcodes, lambda i1, i2: f"原第{i1 + 1}段" if i2 - i1 == 1 else f"原第{i1 + 1}—{i2}段", texts
    )


def _change_lines(opcodes, old: Callable[[int, int], str], after: list[str]) -> list[str]:
    """A line for each opcode that is no match; `old(i1, i2)` names what was there before."""
    changes = []
    for tag, i1, i2, j1, j2 in opcodes:
        new = "／".join(_short(t) for t in after[j1:j2])
        if tag == "replace":
            changes.append(f"  改动：{old(i1, i2)} → “{new}”")
        elif tag == "delete":
            changes.append(f"  删除：{old(i1, i2)}")
        elif tag == "insert":
            changes.append(f"  新增：“{new}”")
    return changes


def _short(text: str, width: int = 20) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


def _keep_metadata(issue: Issue, embedded: Issue) -> None:
    """Carry over what the text does not show, wherever a section or an item still matches."""
    old = _Embedded(embedded)
    for p, part in enumerate(issue.parts):
        for path, section in _sections_of(part.sections, (p,)):
            before = old.section(path, section.title)
            if before is not None and _prints_alike(section, before.kind):
                section.kind = before.kind
            if section.statistics is not None:
                section.statistics = old.statistics(section.statistics, part, before)
            for n, item in enumerate(section.items):
                match = old.item(before, n, item.text)
                if match is not None and match.heading == item.heading:
                    item.date, item.department, item.leader = match.date, match.department, match.leader
                elif section.kind is not SectionKind.VISITS:  # only visits carry these
                    item.date, item.department, item.leader = None, "", ""


class _Embedded:
    """The embedded issue, looked up by place first and by text second: texts can repeat."""

    def __init__(self, issue: Issue):
        self.by_path = dict(_sections(issue))
        self.by_title: dict[tuple, Section] = {}
        self.items: dict[str, Item] = {}
        for path, section in self.by_path.items():
            self.by_title.setdefault((section.title, len(path)), section)
            for item in section.items:
                self.items.setdefault(item.text, item)
        self.sentences = {
            statistics_sentence(section.statistics, issue.parts[path[0]]): section.statistics
            for path, section in self.by_path.items()
            if section.statistics is not None
        }

    def section(self, path: tuple, title: str) -> Section | None:
        found = self.by_path.get(path)
        return found if found is not None and found.title == title else self.by_title.get((title, len(path)))

    def item(self, section: Section | None, n: int, text: str) -> Item | None:
        if section is not None:
            if n < len(section.items) and section.items[n].text == text:
                return section.items[n]
            for item in section.items:
                if item.text == text:
                    return item
        return self.items.get(text)

    def statistics(self, parsed: Statistics, part, section: Section | None) -> Statistics:
        """The embedded statistics if they print the same sentence; else the sentence read by
        the embedded template (figures corrected in Word); else what the text gave."""
        sentence = statistics_sentence(parsed, part)
        if sentence in self.sentences:
            return copy.deepcopy(self.sentences[sentence])
        if section is not None and section.statistics is not None:
            return parse_statistics(sentence, part, section.statistics) or parsed
        return parsed


def _prints_alike(section: Section, kind: SectionKind) -> bool:
    """Whether the section's items print the same under `kind`: numbered or not, alike."""
    if section.kind is kind:
        return True
    if (
        section.subsections
        or section.statistics is not None
        or SectionKind.GROUP in (kind, section.kind)
        or SectionKind.STATISTICS in (kind, section.kind)
    ):
        return False
    now, then = _unnumbered(section, section.kind), _unnumbered(section, kind)
    return now is not None and now == then


def _unnumbered(section: Section, kind: SectionKind) -> bool | None:
    """Whether the items print unnumbered; None: they print as run-in checks, like nothing else."""
    if kind is SectionKind.INSPECTION:
        return None if any(item.heading for item in section.items) else True
    return kind is SectionKind.TEXT or len(section.items) <= 1


def _sections(issue: Issue):
    """(path, section) of every section and subsection; path: (part, section[, subsection])."""
    for p, part in enumerate(issue.parts):
        yield from _sections_of(part.sections, (p,))


def _sections_of(sections: list[Section], path: tuple):
    for n, section in enumerate(sections):
        yield (*path, n), section
        yield from _sections_of(section.subsections, (*path, n))
