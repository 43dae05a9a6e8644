"""WordprocessingML elements the writer sets beyond python-docx's API, in python-docx's manner.

One child-order table per parent element (the schema's sequence, ECMA-376 part 1): a child is
inserted before the first sibling that the schema puts after it, so Word, which refuses a
document whose property children are out of order, opens every export.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn

CHILD_ORDER = {
    # 17.3.1.26
    "w:pPr": (
        "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
        "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
        "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
        "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
        "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr "
        "w:sectPr w:pPrChange"
    ).split(),
    # 17.3.2.28
    "w:rPr": (
        "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline "
        "w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color w:spacing "
        "w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText "
        "w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish w:oMath"
    ).split(),
    # 17.3.1.24
    "w:pBdr": "w:top w:left w:bottom w:right w:between w:bar".split(),
    # 17.15.1.78
    "w:settings": (
        "w:writeProtection w:view w:zoom w:removePersonalInformation w:removeDateAndTime "
        "w:doNotDisplayPageBoundaries w:displayBackgroundShape w:printPostScriptOverText "
        "w:printFractionalCharacterWidth w:printFormsData w:embedTrueTypeFonts "
        "w:embedSystemFonts w:saveSubsetFonts w:saveFormsData w:mirrorMargins "
        "w:alignBordersAndEdges w:bordersDoNotSurroundHeader w:bordersDoNotSurroundFooter "
        "w:gutterAtTop w:hideSpellingErrors w:hideGrammaticalErrors w:activeWritingStyle "
        "w:proofState w:formsDesign w:attachedTemplate w:linkStyles w:stylePaneFormatFilter "
        "w:stylePaneSortMethod w:documentType w:mailMerge w:revisionView w:trackRevisions "
        "w:doNotTrackMoves w:doNotTrackFormatting w:documentProtection w:autoFormatOverride "
        "w:styleLockTheme w:styleLockQFSet w:defaultTabStop w:autoHyphenation "
        "w:consecutiveHyphenLimit w:hyphenationZone w:doNotHyphenateCaps w:showEnvelope "
        "w:summaryLength w:clickAndTypeStyle w:defaultTableStyle w:evenAndOddHeaders "
        "w:bookFoldRevPrinting w:bookFoldPrinting w:bookFoldPrintingSheets "
        "w:drawingGridHorizontalSpacing w:drawingGridVerticalSpacing "
        "w:displayHorizontalDrawingGridEvery w:displayVerticalDrawingGridEvery "
        "w:doNotUseMarginsForDrawingGridOrigin w:drawingGridHorizontalOrigin "
        "w:drawingGridVerticalOrigin w:doNotShadeFormData w:noPunctuationKerning "
        "w:characterSpacingControl w:printTwoOnOne w:strictFirstAndLastChars w:noLineBreaksAfter "
        "w:noLineBreaksBefore w:savePreviewPicture w:doNotValidateAgainstSchema "
        "w:saveInvalidXml w:ignoreMixedContent w:alwaysShowPlaceholderText "
        "w:doNotDemarcateInvalidXml w:saveXmlDataOnly w:useXSLTWhenSaving w:saveThroughXslt "
        "w:showXMLTags w:alwaysMergeEmptyNamespace w:updateFields w:hdrShapeDefaults "
        "w:footnotePr w:endnotePr w:compat w:docVars w:rsids m:mathPr w:attachedSchema "
        "w:themeFontLang w:clrSchemeMapping w:doNotIncludeSubdocsInStats "
        "w:doNotAutoCompressPictures w:forceUpgrade w:captions w:readModeInkLockDown "
        "w:smartTagType sl:schemaLibrary w:shapeDefaults w:doNotEmbedSmartTags "
        "w:decimalSymbol w:listSeparator"
    ).split(),
}
_PREFIX_OF = {uri: prefix for prefix, uri in nsmap.items()}


def element(tag: str, **attributes: str):
    """A new `tag` element with w: attributes (`fill="000000"` -> w:fill)."""
    new = OxmlElement(tag)
    for name, value in attributes.items():
        new.set(qn(f"w:{name}"), value)
    return new


def set_child(parent, tag: str, **attributes: str):
    """The `tag` child of `parent`, added in schema order if absent, with `attributes` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = insert_child(parent, OxmlElement(tag))
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)
    return child


def insert_child(parent, child):
    """Insert `child` before the first sibling the schema puts after it, replacing one of its kind."""
    order = CHILD_ORDER[_prefixed(parent.tag)]
    tag = _prefixed(child.tag)
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
        return child
    followers = {qn(t) for t in order[order.index(tag) + 1 :]}
    for sibling in parent.iterchildren():
        if sibling.tag in followers:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _prefixed(clark: str) -> str:
    uri, local = clark[1:].split("}", 1)
    return f"{_PREFIX_OF[uri]}:{local}"
