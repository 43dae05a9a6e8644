"""Export an issue to .docx in the official layout (resources/layout.toml).

Every paragraph gets a named style that carries its fonts explicitly (East Asian slot included),
so the document looks the same on any Word and restyles in one place. No theme fonts are left:
python-docx's default template maps East Asian text to a Japanese theme font.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import cast

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.styles.style import CharacterStyle, StyleFactory

from ...errors import BulletinError
from ...model import Issue, Printed, Role, printed_paragraphs
from ...model.layout import Element, Layout, fit_unit_date, load_layout, width_em
from ...storage.atomic import atomic_write, check_file_name
from .embed import embed_issue
from .oxml import element, insert_child, set_child
from .package import clean_package

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_IMPRINT = (Role.DISTRIBUTION, Role.COPIES)


def export_docx(issue: Issue, path: str | os.PathLike, *, embed: bool = True) -> None:
    """Write the issue as .docx atomically; refuse while the target is open in Word.

    embed=False writes the distribution copy (发布稿): the visible document and nothing else."""
    path = Path(path)
    check_file_name(path)
    _refuse_if_open_in_word(path)
    buffer = io.BytesIO()
    build_document(issue, embed=embed).save(buffer)
    atomic_write(path, buffer.getvalue())


def build_document(issue: Issue, *, embed: bool = True):
    layout = load_layout()
    document = Document()
    _set_defaults(document, layout)
    _set_page(document.sections[0], layout)
    _add_styles(document, layout)
    imprint = []  # set apart: it stands at the foot of the last page
    for paragraph in printed_paragraphs(issue):
        if paragraph.role in _IMPRINT:
            imprint.append(paragraph)
        else:
            _add_paragraph(document, paragraph, layout)
    if imprint:
        _add_imprint(document, imprint, layout)
    _add_page_numbers(document, layout)
    clean_package(document, issue)
    if embed:
        embed_issue(document, issue)  # so that opening the .docx again restores the issue exactly
    return document


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
    _set_fonts(r_pr, layout.element(Role.BODY).font)
    # Latin stays en-US as in Chinese Word: a zh-CN Latin language lets LibreOffice break
    # inside numbers such as 2022.
    r_pr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    p_pr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    set_child(p_pr, "w:widowControl", val="0")  # the print lets one line stand at a page foot
    set_child(p_pr, "w:spacing", before="0", after="0", line=str(layout.line_pitch_twips), lineRule="exact")

    normal = document.styles["Normal"]
    normal.font.size = Pt(layout.page.body_size_pt)
    set_child(normal.element.get_or_add_rPr(), "w:spacing", val=str(layout.char_spacing_twips))

    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    document.settings.odd_and_even_pages_header_footer = True


def _set_page(section, layout: Layout) -> None:
    page = layout.page
    section.page_width = Twips(page.width_twips)
    section.page_height = Twips(page.height_twips)
    section.top_margin = Twips(page.margin_top_twips)
    section.bottom_margin = Twips(page.margin_bottom_twips)
    section.left_margin = Twips(page.margin_left_twips)
    section.right_margin = Twips(page.margin_right_twips)
    section.footer_distance = Twips(layout.footer_distance_twips)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))


# --- styles --------------------------------------------------------------------------------


def _add_styles(document, layout: Layout) -> None:
    for name, spec in layout.elements.items():
        kind = WD_STYLE_TYPE.CHARACTER if spec.paragraph else WD_STYLE_TYPE.PARAGRAPH
        # Not styles.add_style(): its duplicate check scans every style of the template.
        style = cast(
            CharacterStyle, StyleFactory(document.styles.element.add_style_of_type(spec.style, kind, False))
        )
        style.style_id = layout.style_id(name)
        style.quick_style = True
        _set_fonts(style.element.get_or_add_rPr(), spec.font)
        if spec.size_pt is not None:
            style.font.size = Pt(spec.size_pt)
            style.font.bold = False
        if spec.color is not None:
            style.font.color.rgb = RGBColor.from_string(spec.color)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = document.styles["Normal"]
            _set_paragraph_format(style, spec, layout)


def _set_paragraph_format(style, spec: Element, layout: Layout) -> None:
    size_pt = spec.size_pt
    assert size_pt is not None
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.align or "justify"]
    fmt.keep_with_next = spec.keep_with_next or None
    if spec.line_pt is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.line_pt)
    fmt.space_before = Pt(spec.before_pt)
    fmt.space_after = Pt(spec.after_pt)
    p_pr = style.element.get_or_add_pPr()
    if spec.first_line_chars is not None:
        fmt.first_line_indent = Pt(spec.first_line_chars * size_pt)
        set_child(p_pr, "w:ind", firstLineChars=str(spec.first_line_chars * 100))
    if spec.indent_chars is not None:
        fmt.left_indent = fmt.right_indent = Pt(spec.indent_chars * size_pt)
        chars = str(spec.indent_chars * 100)
        set_child(p_pr, "w:ind", leftChars=chars, rightChars=chars)
    if spec.outline_level is not None:
        set_child(p_pr, "w:outlineLvl", val=str(spec.outline_level - 1))
    if size_pt != layout.page.body_size_pt:
        # The body's condensing would misplace text set in other sizes.
        set_child(style.element.get_or_add_rPr(), "w:spacing", val="0")


def _set_fonts(r_pr, font: str) -> None:
    fonts = set_child(r_pr, "w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    fonts.set(qn("w:hint"), "eastAsia")


# --- content -------------------------------------------------------------------------------


def _add_paragraph(document, printed: Printed, layout: Layout):
    paragraph = document.add_paragraph()
    _set_style(paragraph, layout, printed.role)
    if printed.role is Role.RUN_IN:
        heading, result = printed.runs
        paragraph.add_run(heading)._r.get_or_add_rPr().style = layout.style_id(Role.RUN_IN.value)
        paragraph.add_run(result)
    elif printed.role is Role.UNIT_DATE:
        _add_unit_date(paragraph, printed, layout)
    else:
        paragraph.add_run(printed.text)
    return paragraph


def _set_style(paragraph, layout: Layout, role: Role) -> None:
    # By id: python-docx's lookup by name scans every style of the template each time.
    paragraph._p.get_or_add_pPr().style = layout.style_id(layout.paragraph_element(role))


def _add_unit_date(paragraph, printed: Printed, layout: Layout) -> None:
    """Unit flush left, date on a right tab; condensed, then smaller, to stay one line."""
    spec = layout.element(Role.UNIT_DATE)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(layout.type_width_twips), WD_TAB_ALIGNMENT.RIGHT)
    fit = fit_unit_date(layout, *printed.runs)
    run = paragraph.add_run(printed.text)  # unit ⇥ date
    if fit.size_pt != spec.size_pt:
        run.font.size = Pt(fit.size_pt)
    if fit.spacing_twips:
        set_child(run._r.get_or_add_rPr(), "w:spacing", val=str(fit.spacing_twips))
    assert spec.rule_width_pt is not None and spec.rule_color is not None
    borders = set_child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    insert_child(borders, _border("w:bottom", spec.rule_width_pt, spec.rule_color))


def _add_imprint(document, lines: list[Printed], layout: Layout) -> None:
    """The 版记: 报/送/发 lines and the copies between black rules, as one paragraph frame at
    the foot of the type area (layout.toml [imprint]). A frame is never split and moves whole
    to the next page when the text leaves it no room. The rules are shaded paragraphs one
    rule high: LibreOffice merges a frame's paragraph borders into one box and drops the frame
    for w:between, so borders cannot draw the rules between the lines."""
    spec = layout.element(Role.DISTRIBUTION)
    assert spec.outer_rule_pt is not None and spec.inner_rule_pt is not None
    _add_rule(document, spec.outer_rule_pt, layout)
    for n, printed in enumerate(lines):
        paragraph = document.add_paragraph()
        _set_style(paragraph, layout, printed.role)
        _frame(paragraph, layout)
        if printed.role is Role.DISTRIBUTION:
            _hang_after_label(paragraph, printed.text, spec)
        paragraph.add_run(printed.text)
        _add_rule(document, spec.outer_rule_pt if n == len(lines) - 1 else spec.inner_rule_pt, layout)
    # The frame anchors to the paragraph after it; keep that paragraph 1 pt high so it can
    # never spill onto a page of its own.
    anchor = document.add_paragraph()
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(1)


def _frame(paragraph, layout: Layout) -> None:
    # Identical framePr on consecutive paragraphs makes them one frame (ECMA-376 17.3.1.11).
    set_child(
        paragraph._p.get_or_add_pPr(),
        "w:framePr",
        w=str(layout.type_width_twips),
        wrap="around",
        hAnchor="margin",
        xAlign="center",
        vAnchor="margin",
        yAlign="bottom",
    )


def _add_rule(document, height_pt: float, layout: Layout) -> None:
    paragraph = document.add_paragraph()
    _frame(paragraph, layout)
    p_pr = paragraph._p.get_or_add_pPr()
    set_child(p_pr, "w:shd", val="clear", color="auto", fill="000000")
    set_child(p_pr, "w:spacing", before="0", after="0", line=str(round(height_pt * 20)), lineRule="exact")
    set_child(p_pr, "w:ind", left="0", right="0", firstLine="0")
    # The paragraph mark's size bounds the line from below in Word: keep it under the rule.
    set_child(set_child(p_pr, "w:rPr"), "w:sz", val="2")


def _hang_after_label(paragraph, text: str, spec: Element) -> None:
    """Wrapped lines start under the first character after the label's colon (GB/T 9704 7.4.2)."""
    assert spec.size_pt is not None and spec.indent_chars is not None and spec.hang_after
    colon = text.find(spec.hang_after)
    if colon < 0:
        return
    label_chars = width_em(text[: colon + 1])
    left = spec.indent_chars + label_chars
    set_child(
        paragraph._p.get_or_add_pPr(),
        "w:ind",
        left=str(round(left * spec.size_pt * 20)),
        leftChars=str(round(left * 100)),
        hanging=str(round(label_chars * spec.size_pt * 20)),
        hangingChars=str(round(label_chars * 100)),
    )


def _add_page_numbers(document, layout: Layout) -> None:
    """— N — in 宋体: odd pages on the right, even pages on the left, one character in."""
    section = document.sections[0]
    spec = layout.elements["page_number"]
    assert spec.indent_chars is not None and spec.size_pt is not None
    indent = Pt(spec.indent_chars * spec.size_pt)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = layout.style_id("page_number")
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        paragraph.add_run(f"{spec.dash} ")
        _add_page_field(paragraph)
        paragraph.add_run(f" {spec.dash}")


def _add_page_field(paragraph) -> None:
    # python-docx has no field API: a complex field is runs of begin, instruction, separate,
    # the last computed result, end.
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType="begin"))
    instruction = element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType="end"))


def _border(edge: str, width_pt: float, color: str):
    # w:sz is in eighths of a point.
    return element(edge, val="single", sz=str(round(width_pt * 8)), space="1", color=color)
