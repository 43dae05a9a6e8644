"""Resolve run and paragraph properties the way Word does: direct formatting, then the run's
character style, then the paragraph style and its basedOn chain, then the document defaults."""

from docx.oxml.ns import qn


def body_paragraphs(document):
    """Every paragraph in body order, table cells included (python-docx's .paragraphs skips them)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _style_chain(document, style_id):
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if style is None:
            return
        yield style
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def _defaults(document, kind):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    holder = defaults.find(qn(f"w:{kind}PrDefault")) if defaults is not None else None
    return holder.find(qn(f"w:{kind}Pr")) if holder is not None else None


def _paragraph_style_id(document, paragraph):
    p_style = paragraph._p.pPr.find(qn("w:pStyle")) if paragraph._p.pPr is not None else None
    if p_style is not None:
        return p_style.get(qn("w:val"))
    default = document.styles.element.find(
        f"{qn('w:style')}[@{qn('w:default')}='1'][@{qn('w:type')}='paragraph']"
    )
    return default.get(qn("w:styleId"))


def run_property(document, paragraph, run, tag, attribute):
    """First value of <tag attribute=…> on the way from the run to the document defaults."""
    sources = [run._r.rPr]
    r_style = run._r.rPr.find(qn("w:rStyle")) if run._r.rPr is not None else None
    if r_style is not None:
        sources += [s.find(qn("w:rPr")) for s in _style_chain(document, r_style.get(qn("w:val")))]
    sources += [s.find(qn("w:rPr")) for s in _style_chain(document, _paragraph_style_id(document, paragraph))]
    sources.append(_defaults(document, "r"))
    return _first(sources, tag, attribute)


def paragraph_property(document, paragraph, tag, attribute):
    sources = [paragraph._p.pPr]
    sources += [s.find(qn("w:pPr")) for s in _style_chain(document, _paragraph_style_id(document, paragraph))]
    sources.append(_defaults(document, "p"))
    return _first(sources, tag, attribute)


def _first(sources, tag, attribute):
    for properties in sources:
        if properties is None:
            continue
        element = properties.find(qn(tag))
        if element is not None and element.get(qn(attribute)) is not None:
            return element.get(qn(attribute))
    return None


def east_asian_font(document, paragraph, run):
    return run_property(document, paragraph, run, "w:rFonts", "w:eastAsia")


def size_pt(document, paragraph, run):
    half_points = run_property(document, paragraph, run, "w:sz", "w:val")
    return int(half_points) / 2 if half_points else None
