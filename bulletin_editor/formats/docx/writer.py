"""Export an issue to .docx in the official layout (resources/layout.toml).

Every paragraph gets a named style that carries its fonts explicitly (East Asian slot included),
so the document looks the same on any Word and restyles in one place. No theme fonts are left:
python-docx's default template maps East Asian text to a Japanese theme font.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.styles.style import StyleFactory

from ...errors import BulletinError
from ...model import Issue, Printed, Role, printed_paragraphs
from ...model.layout import Layout, load_layout
from ...model.printed import issue_line
from ...storage.atomic import atomic_write
from .embed import embed_issue

_ELEMENT_OF_ROLE = {
    Role.TITLE: "title",
    Role.ISSUE_LINE: "issue_line",
    Role.UNIT_DATE: "unit_date",
    Role.PART_TITLE: "part_title",
    Role.PERIOD: "period",
    Role.LEVEL1: "level1",
    Role.LEVEL2: "level2",
    Role.BODY: "body",
    Role.RUN_IN: "body",
    Role.DISTRIBUTION: "distribution",
    Role.COPIES: "copies",
}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Style ids stay ASCII; the names Word shows are the Chinese ones from the layout table.
_STYLE_IDS = {
    "title": "BulletinTitle",
    "issue_line": "BulletinIssueLine",
    "unit_date": "BulletinUnitDate",
    "part_title": "BulletinPartTitle",
    "period": "BulletinPeriod",
    "level1": "BulletinLevel1",
    "level2": "BulletinLevel2",
    "body": "BulletinBody",
    "run_in": "BulletinRunIn",
    "distribution": "BulletinDistribution",
    "copies": "BulletinCopies",
    "page_number": "BulletinPageNumber",
}


def export_docx(issue: Issue, path: str | os.PathLike) -> None:
    """Write the issue as .docx atomically; refuse while the target is open in Word."""
    path = Path(path)
    _refuse_if_open_in_word(path)
    buffer = io.BytesIO()
    build_document(issue).save(buffer)
    atomic_write(path, buffer.getvalue())


def build_document(issue: Issue):
    layout = load_layout()
    document = Document()
    _set_defaults(document, layout)
    _set_page(document.sections[0], layout)
    _add_styles(document, layout)
    distribution = []  # set apart: it floats at the foot of the last page
    for paragraph in printed_paragraphs(issue):
        if paragraph.role in (Role.DISTRIBUTION, Role.COPIES):
            distribution.append(paragraph)
        else:
            _add_paragraph(document, paragraph, layout)
    if distribution:
        _add_distribution(document, distribution, layout)
    _add_page_numbers(document, layout)
    _set_properties(document, issue)
    embed_issue(document, issue)  # so that opening the .docx again restores the issue exactly
    return document


def _set_properties(document, issue: Issue) -> None:
    """Title and author, which Word's and LibreOffice's PDF export carry into the PDF."""
    properties = document.core_properties
    properties.title = f"{issue.masthead.title} {issue_line(issue)}"
    properties.author = issue.masthead.unit
    properties.last_modified_by = issue.masthead.unit


def _refuse_if_open_in_word(path: Path) -> None:
    # Word keeps "~$" + the name (its first two characters dropped when the name is long)
    # beside a document it has open; replacing the file under it would fail or be lost.
    for lock in {f"~${path.name}", f"~${path.name[1:]}", f"~${path.name[2:]}"}:
        if (path.parent / lock).exists():
            raise BulletinError(f"“{path}”正在 Word 中打开，请先在 Word 中关闭它，再导出")


# --- document-wide settings -------------------------------------------------------------


def _set_defaults(document, layout: Layout) -> None:
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):  # no theme fonts anywhere, explicit ones instead
        for attribute in [a for a in fonts.attrib if "theme" in a.lower()]:
            del fonts.attrib[attribute]
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(r_pr, layout.elements["body"]["font"])
    # Latin stays en-US as in Chinese Word: a zh-CN Latin language lets LibreOffice break
    # inside numbers such as 2022.
    r_pr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    p_pr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    p_pr.append(_element("w:widowControl", val="0"))  # the print lets one line stand at a page foot
    p_pr.append(
        _element("w:spacing", before="0", after="0", line=str(layout.line_pitch_twips), lineRule="exact")
    )

    normal = document.styles["Normal"]
    normal.font.size = Pt(layout.page["body_size_pt"])
    _set_char_spacing(normal.element.get_or_add_rPr(), layout.char_spacing_twips)

    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    document.settings.odd_and_even_pages_header_footer = True
    document.core_properties.language = "zh-CN"


def _set_page(section, layout: Layout) -> None:
    page = layout.page
    section.page_width = Twips(page["width_twips"])
    section.page_height = Twips(page["height_twips"])
    section.top_margin = Twips(page["margin_top_twips"])
    section.bottom_margin = Twips(page["margin_bottom_twips"])
    section.left_margin = Twips(page["margin_left_twips"])
    section.right_margin = Twips(page["margin_right_twips"])
    section.footer_distance = Twips(page["footer_distance_twips"])
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))


# --- styles --------------------------------------------------------------------------------


def _add_styles(document, layout: Layout) -> None:
    for name, spec in layout.elements.items():
        kind = WD_STYLE_TYPE.CHARACTER if name == "run_in" else WD_STYLE_TYPE.PARAGRAPH
        # Not styles.add_style(): its duplicate check scans every style of the template.
        style = StyleFactory(document.styles.element.add_style_of_type(spec["style"], kind, False))
        style.style_id = _STYLE_IDS[name]
        style.quick_style = True
        _set_fonts(style.element.get_or_add_rPr(), spec["font"])
        if "size_pt" in spec:
            style.font.size = Pt(spec["size_pt"])
            style.font.bold = False
        if "color" in spec:
            style.font.color.rgb = RGBColor.from_string(spec["color"])
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = document.styles["Normal"]
            _set_paragraph_format(style, spec, layout)


def _set_paragraph_format(style, spec: dict, layout: Layout) -> None:
    size_pt = spec["size_pt"]
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.get("align", "justify")]
    if "line_pt" in spec:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec["line_pt"])
    fmt.space_before = Pt(spec.get("before_pt", 0))
    fmt.space_after = Pt(spec.get("after_pt", 0))
    p_pr = style.element.get_or_add_pPr()
    if "first_line_chars" in spec:
        chars = spec["first_line_chars"]
        fmt.first_line_indent = Pt(chars * size_pt)
        p_pr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(chars * 100))
    if "indent_chars" in spec:
        chars = spec["indent_chars"]
        fmt.left_indent = fmt.right_indent = Pt(chars * size_pt)
        p_pr.find(qn("w:ind")).set(qn("w:leftChars"), str(chars * 100))
        p_pr.find(qn("w:ind")).set(qn("w:rightChars"), str(chars * 100))
    if "outline_level" in spec:
        _insert(p_pr, _element("w:outlineLvl", val=str(spec["outline_level"] - 1)))
    if size_pt != layout.page["body_size_pt"]:
        # The body's condensing would misplace text set in other sizes.
        _set_char_spacing(style.element.get_or_add_rPr(), 0)


def _set_fonts(r_pr, font: str) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_char_spacing(r_pr, twips: int) -> None:
    spacing = r_pr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        _insert(r_pr, spacing)
    spacing.set(qn("w:val"), str(twips))


# --- content -------------------------------------------------------------------------------


def _add_paragraph(document, printed: Printed, layout: Layout):
    paragraph = document.add_paragraph()
    _set_style(paragraph, _ELEMENT_OF_ROLE[printed.role])
    if printed.role is Role.RUN_IN:
        heading, result = printed.runs
        paragraph.add_run(heading)._r.get_or_add_rPr().style = _STYLE_IDS["run_in"]
        paragraph.add_run(result)
    elif printed.role is Role.UNIT_DATE:
        _add_unit_date(paragraph, printed, layout)
    else:
        paragraph.add_run(printed.text)
    return paragraph


def _set_style(paragraph, element: str) -> None:
    # By id: python-docx's lookup by name scans every style of the template each time.
    paragraph._p.get_or_add_pPr().style = _STYLE_IDS[element]


def _add_unit_date(paragraph, printed: Printed, layout: Layout) -> None:
    spec = layout.elements["unit_date"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(layout.type_width_twips), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(printed.text)  # unit ⇥ date
    borders = OxmlElement("w:pBdr")
    borders.append(_border("w:bottom", spec["rule_width_pt"], spec["rule_color"]))
    _insert(paragraph._p.get_or_add_pPr(), borders)


def _add_distribution(document, lines: list[Printed], layout: Layout) -> None:
    """报/送/发 lines and the copies, one table row each, between black rules, floating at the
    foot of the last page (Word honours that; LibreOffice sets it after the text)."""
    spec = layout.elements["distribution"]
    table = document.add_table(rows=len(lines), cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row, printed in zip(table.rows, lines):
        cell = row.cells[0]
        cell.width = Twips(layout.type_width_twips)
        paragraph = cell.paragraphs[0]
        _set_style(paragraph, _ELEMENT_OF_ROLE[printed.role])
        paragraph.add_run(printed.text)
    borders = OxmlElement("w:tblBorders")
    for edge, width in (
        ("w:top", spec["outer_rule_pt"]),
        ("w:left", 0),
        ("w:bottom", spec["outer_rule_pt"]),
        ("w:right", 0),
        ("w:insideH", spec["inner_rule_pt"]),
        ("w:insideV", 0),
    ):
        borders.append(_border(edge, width, "000000"))
    margins = OxmlElement("w:tblCellMar")
    for edge in ("w:left", "w:right"):
        margins.append(_element(edge, w="0", type="dxa"))
    position = _element(
        "w:tblpPr", vertAnchor="margin", tblpYSpec="bottom", horzAnchor="margin", tblpXSpec="center"
    )
    for child in (position, borders, margins):
        _insert(table._tbl.tblPr, child)
    # A floating table anchors to the paragraph after it; keep that paragraph 1 pt high so it
    # can never spill onto a page of its own.
    anchor = document.add_paragraph()
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(1)


# Children that must follow an element, per the schema (ECMA-376 part 1, 17.3 and 17.4):
# Word refuses a document whose property children are out of order.
_FOLLOWERS = {
    "w:tblpPr": (
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
    ),
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    "w:tblCellMar": ("w:tblLook",),
    "w:pBdr": (
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "w:outlineLvl": ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:spacing": (
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ),
}


def _insert(parent, child) -> None:
    """Insert `child` (one of _FOLLOWERS' keys) where the schema puts it."""
    tag = "w:" + child.tag.split("}", 1)[1]
    parent.insert_element_before(child, *_FOLLOWERS[tag])


def _add_page_numbers(document, layout: Layout) -> None:
    """— N — in 宋体: odd pages on the right, even pages on the left, one character in."""
    section = document.sections[0]
    spec = layout.elements["page_number"]
    indent = Pt(spec["indent_chars"] * spec["size_pt"])
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        _set_style(paragraph, "page_number")
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        paragraph.add_run(f"{spec['dash']} ")
        _add_page_field(paragraph)
        paragraph.add_run(f" {spec['dash']}")


def _add_page_field(paragraph) -> None:
    # python-docx has no field API: a complex field is runs of begin, instruction, separate,
    # the last computed result, end.
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def _border(edge: str, width_pt: float, color: str):
    if not width_pt:
        return _element(edge, val="nil")
    # w:sz is in eighths of a point.
    return _element(edge, val="single", sz=str(round(width_pt * 8)), space="1", color=color)


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element
