"""Read a .docx back into an issue: our own exports exactly, past issues typed by hand by their text.

An export carries the issue itself (docx_embed). If its visible text still reads as that
issue prints, the embedded issue is returned as it is. If the text was corrected in Word
after export, the text wins: it is read like a typed issue, and what the text cannot say
(visit dates, departments, leaders; a custom statistics template; section kinds) is taken
from the embedded issue wherever the items still match.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn

from .docx_embed import extract_embedded
from .errors import BulletinError
from .issue_file import IssueFileError, issue_from_json
from .model import Issue, Section, SectionKind, clean_text, printed_paragraphs, statistics_sentence
from .text_import import Line, fill_visit, import_lines

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNPACKED = 512 * 1024 * 1024   # refuse zip bombs before python-docx unpacks everything
_RUN_IN_STYLE_NAMES = {"周报小标题"}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass
class ImportResult:
    issue: Issue
    report: list[str] = field(default_factory=list)   # one line each, for the user
    origin: str = "text"    # "embedded": exact copy; "word_edits": export edited in Word; "text": typed


def read_docx(path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    document = open_docx(path)
    lines = visible_lines(document)
    embedded, report = _embedded_issue(document)
    if embedded is not None and _text_key(lines) == _printed_key(embedded):
        return ImportResult(embedded, report + ["文档由周报编辑器导出，已原样恢复其中保存的周报"], "embedded")
    issue, notes = import_lines(lines)
    if embedded is None:
        return ImportResult(issue, report + notes, "text")
    _keep_metadata(issue, embedded)
    changes = _changed_lines(_printed_key(embedded), _text_key(lines))
    summary = [f"文档导出后在 Word 中被修改过（{len(changes)} 处），已采用文档中的文字："]
    return ImportResult(issue, report + summary + changes + notes, "word_edits")


# --- opening ---------------------------------------------------------------------------------

def open_docx(path: Path):
    """python-docx's Document, or a BulletinError that says in Chinese what the file is instead."""
    name = f"“{path.name}”"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BulletinError(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise BulletinError(f"“{path}”是一个文件夹，不是 Word 文档") from None
    except OSError as exc:
        raise BulletinError(f"无法读取“{path}”：{exc.strerror or exc}") from None
    if data.startswith(_OLE_MAGIC):
        raise BulletinError(f"{name}是旧版 Word 文档（.doc）或加密的文档，无法直接读取："
                            "请在 Word 或 WPS 中打开，另存为 .docx（并去掉密码）后再导入")
    if not data.startswith(b"PK"):
        kind = "文本文件" if _looks_like_text(data) else "其他格式的文件"
        raise BulletinError(f"{name}不是 Word 文档（.docx），看起来是{kind}：请用 Word 或 WPS 另存为 .docx 后再导入")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if sum(i.file_size for i in archive.infolist()) > _MAX_UNPACKED:
                raise BulletinError(f"{name}解压后过大，不像是周报文档，已拒绝读取")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise BulletinError(f"{name}已损坏（压缩包无法读取），不能导入：请用 Word 打开修复并另存后再试") from None
    if "word/document.xml" not in names and "[Content_Types].xml" in names:
        raise BulletinError(f"{name}不是 Word 文档（可能是 Excel 或 PowerPoint 文件），不能导入")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — python-docx fails on damaged files in many ways; all mean the same
        raise BulletinError(f"{name}已损坏或不是 Word 文档（.docx），无法读取：请用 Word 打开修复并另存后再试") from None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _embedded_issue(document) -> tuple[Issue | None, list[str]]:
    text = extract_embedded(document)
    if text is None:
        return None, []
    try:
        return issue_from_json(text, "文档中保存的周报数据"), []
    except IssueFileError as exc:
        return None, [f"{exc}；已按文档中的文字导入"]


# --- visible text ----------------------------------------------------------------------------

def visible_lines(document) -> list[Line]:
    """Every paragraph with text, in reading order: body paragraphs, table cells, text boxes."""
    styles = _styles(document)
    out: list[Line] = []
    _walk_blocks(document.element.body, styles, out, "")
    return out


def _styles(document) -> dict[str, tuple[str, str]]:
    """style id -> (name, paragraph alignment)."""
    found = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        jc = style.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        found[style.get(qn("w:styleId"))] = (name.get(qn("w:val")) if name is not None else "",
                                             jc.get(qn("w:val")) if jc is not None else "")
    return found


def _walk_blocks(container, styles, out: list[Line], table_where: str) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            _paragraph(child, styles, out, f"第{len(out) + 1}段{table_where}")
        elif child.tag == qn("w:tbl"):
            for r, row in enumerate(child.iterchildren(qn("w:tr")), 1):
                for cell in row.iterchildren(qn("w:tc")):
                    _walk_blocks(cell, styles, out, table_where or f"（表格第{r}行）")
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"),
                           qn("w:moveTo"), qn("w:smartTag")):
            _walk_blocks(child, styles, out, table_where)


def _paragraph(p, styles, out: list[Line], where: str) -> None:
    state = {"text": [], "lead": [], "lead_open": True, "boxes": []}
    _inline(p, styles, state)
    for box in state["boxes"]:  # text boxes anchored here read before the paragraph
        _walk_blocks(box, styles, out, where)
    text = "".join(state["text"])
    if not clean_text(text):
        return
    style_id = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    _, style_jc = styles.get(style_id.get(qn("w:val")) if style_id is not None else "", ("", ""))
    jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    alignment = jc.get(qn("w:val")) if jc is not None else style_jc
    out.append(Line(text, where, "".join(state["lead"]), alignment == "center"))


_SKIPPED = {qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), qn("w:instrText"),
            qn("w:delText"), qn("w:fldData"), f"{{{_MC}}}Fallback"}
_CHARACTERS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
               qn("w:noBreakHyphen"): "-"}


def _inline(element, styles, state) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == qn("w:r"):
            _run(child, styles, state)
        elif tag == qn("w:txbxContent"):
            state["boxes"].append(child)
        else:  # hyperlinks, insertions, fields, content controls, drawings, ...
            _inline(child, styles, state)


def _run(r, styles, state) -> None:
    r_pr = r.find(qn("w:rPr"))
    if r_pr is not None:
        vanish = r_pr.find(qn("w:vanish"))
        if vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off"):
            return  # hidden text is not visible text
    style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
    is_lead = style is not None and styles.get(style.get(qn("w:val")), ("",))[0] in _RUN_IN_STYLE_NAMES
    text = []
    for child in r.iterchildren():
        if child.tag == qn("w:t"):
            text.append(child.text or "")
        elif child.tag in _CHARACTERS:
            text.append(_CHARACTERS[child.tag])
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
            _inline(child, styles, state)  # drawings and pictures may hold text boxes
    text = "".join(text)
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


def _changed_lines(before: list[str], after: list[str], limit: int = 10) -> list[str]:
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        old = "／".join(_short(t) for t in before[i1:i2])
        new = "／".join(_short(t) for t in after[j1:j2])
        changes.append({"replace": f"  改动：“{old}” → “{new}”", "delete": f"  删除：“{old}”",
                        "insert": f"  新增：“{new}”"}[tag])
    if len(changes) > limit:
        changes = changes[:limit] + [f"  ……另有 {len(changes) - limit} 处改动"]
    return changes


def _short(text: str, width: int = 20) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


def _keep_metadata(issue: Issue, embedded: Issue) -> None:
    """Carry over what the text does not show, wherever a section or an item still matches."""
    old_sections = {(s.title, depth): s for s, depth in _sections(embedded)}
    old_items = {}
    for section, _ in _sections(embedded):
        for item in section.items:
            old_items.setdefault(item.text, item)
    old_sentences = {}
    for part in embedded.parts:
        for section, _ in _sections_of(part.sections):
            if section.statistics is not None:
                old_sentences[statistics_sentence(section.statistics, part)] = section.statistics
    for part in issue.parts:
        for section, depth in _sections_of(part.sections):
            old = old_sections.get((section.title, depth))
            if old is not None and _prints_alike(section, old.kind):
                section.kind = old.kind
            if section.statistics is not None:
                sentence = statistics_sentence(section.statistics, part)
                if sentence in old_sentences:
                    section.statistics = copy.deepcopy(old_sentences[sentence])
            for item in section.items:
                if (match := old_items.get(item.text)) is not None and match.heading == item.heading:
                    item.date, item.department, item.leader = match.date, match.department, match.leader
            if section.kind is SectionKind.VISITS:
                for item in section.items:
                    fill_visit(item, part)


_INTERCHANGEABLE = {SectionKind.NEWS, SectionKind.VISITS, SectionKind.TEXT}


def _prints_alike(section: Section, kind: SectionKind) -> bool:
    """Whether the section prints the same with `kind`: same family, same numbering."""
    if section.kind is kind:
        return True
    if section.kind not in _INTERCHANGEABLE or kind not in _INTERCHANGEABLE:
        return False
    numbered = {k: k is not SectionKind.TEXT and len(section.items) > 1 for k in _INTERCHANGEABLE}
    return numbered[section.kind] == numbered[kind]


def _sections(issue: Issue):
    for part in issue.parts:
        yield from _sections_of(part.sections)


def _sections_of(sections: list[Section], depth: int = 1):
    for section in sections:
        yield section, depth
        yield from _sections_of(section.subsections, depth + 1)
