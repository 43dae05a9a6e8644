"""The package around the document: what Word and a careful reader see besides the text.

python-docx's default template says it was made by python-docx in 2013 on a Macintosh Word,
opens in compatibility mode, carries a blank thumbnail, an empty bibliography and the template's
edit-session ids, says its spelling was checked, and lists Japanese fonts but none of the
official ones. Here every export says what it is: the issue's title and unit, made now by
周报编辑器, in Word 2013+ mode, with the five official fonts described so that Word and WPS
substitute a missing one sensibly.
"""

from __future__ import annotations

import datetime as dt

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ...model import Issue
from ...model.printed import issue_line
from .oxml import element

APPLICATION = "周报编辑器"
# name: (panose, family, pitch, Windows' fallback when the font is missing)
# Charset 86 is GB2312. Panose and classes as the Windows fonts of these names declare them.
OFFICIAL_FONTS = {
    "方正小标宋简体": ("02000000000000000000", "auto", "variable", None),
    "仿宋_GB2312": ("02010609030101010101", "modern", "fixed", "仿宋"),
    "楷体_GB2312": ("02010609030101010101", "modern", "fixed", "楷体"),
    "黑体": ("02010609060101010101", "modern", "fixed", "SimHei"),
    "宋体": ("02010600030101010101", "auto", "variable", "SimSun"),
}
_GB2312 = "86"
_JAPANESE = {"ＭＳ 明朝", "ＭＳ ゴシック", "MS Mincho", "MS Gothic"}
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def clean_package(document, issue: Issue, now: dt.datetime | None = None) -> None:
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0, tzinfo=None)
    _core_properties(document, issue, now)
    _app_properties(document, issue)
    _drop_thumbnail(document)
    _drop_template_custom_xml(document)
    _settings(document)
    _font_table(document)
    _theme(document)
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:  # Word 2010's copy of the styles, with MS Mincho
            document.part.drop_rel(rId)


def _core_properties(document, issue: Issue, now: dt.datetime) -> None:
    core = document.core_properties
    core.title = f"{issue.masthead.title} {issue_line(issue)}"  # PDF exports carry it on
    core.author = core.last_modified_by = issue.masthead.unit
    core.comments = ""
    core.created = core.modified = now
    core.revision = 1
    core.language = "zh-CN"


def _app_properties(document, issue: Issue) -> None:
    """docProps/app.xml: the program that made the file; no counts Word would have to redo."""
    from ... import __version__  # looked up when first asked

    part = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED})
    for tag, text in (
        ("Application", f"{APPLICATION} {__version__}"),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", issue.masthead.unit),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{_EXTENDED}}}{tag}").text = text
    part._blob = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _drop_thumbnail(document) -> None:
    rels = document.part.package.rels
    for rId, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rId)
    preview = document.settings.element.find(qn("w:savePreviewPicture"))
    if preview is not None:
        document.settings.element.remove(preview)


def _drop_template_custom_xml(document) -> None:
    # The template's only custom XML is an empty bibliography with a fixed item ID, the same
    # in every python-docx file; the embedded issue is added after this.
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            document.part.drop_rel(rId)


def _settings(document) -> None:
    settings = document.settings.element
    # "Spelling checked" would stop Word marking typos; the rsids and docId are the template's.
    for name in ("w:proofState", "w:rsids", "w14:docId"):
        for found in settings.findall(qn(name)):
            settings.remove(found)
    compat = settings.find(qn("w:compat"))
    for setting in compat.iterchildren(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later: no 兼容模式


def _font_table(document) -> None:
    """fontTable.xml: the official fonts with charset, family, pitch, panose and fallback."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for font in list(root):
        root.remove(font)
    for name, (panose, family, pitch, alternative) in OFFICIAL_FONTS.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        if alternative:
            font.append(element("w:altName", val=alternative))
        font.append(element("w:panose1", val=panose))
        font.append(element("w:charset", val=_GB2312))
        font.append(element("w:family", val=family))
        font.append(element("w:pitch", val=pitch))
    part._blob = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _theme(document) -> None:
    """The theme's fonts: Chinese for East Asian text, no Japanese script entries."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.THEME)
    root = etree.fromstring(part.blob)
    for font in root.iter(f"{{{_A}}}font"):
        if font.get("script") == "Jpan" or font.get("typeface") in _JAPANESE:
            font.getparent().remove(font)
    for major_or_minor, typeface in (("majorFont", "黑体"), ("minorFont", "宋体")):
        for holder in root.iter(f"{{{_A}}}{major_or_minor}"):
            holder.find(f"{{{_A}}}ea").set("typeface", typeface)
    part._blob = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
