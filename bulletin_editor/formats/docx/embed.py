"""The issue itself, embedded in its exported .docx as a custom XML part.

Word keeps custom XML parts (the data store behind content controls) when it saves a
document, so an exported .docx stays a complete issue file even after it was renamed,
emailed or corrected in Word. The part is found by its root element, not by its name:
Word renumbers customXml/itemN.xml when it saves.

    /customXml/itemN.xml       <bulletin xmlns="urn:bulletin-editor:issue">{.bulletin JSON}</bulletin>
    /customXml/itemPropsN.xml  Word's datastore item properties (ID and schema reference)
"""

from __future__ import annotations

import uuid

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from ...model import Issue
from ..bulletin import issue_to_json

NAMESPACE = "urn:bulletin-editor:issue"
_ROOT_TAG = f"{{{NAMESPACE}}}bulletin"
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# Custom XML parts come from any file: no entities, no network, no huge trees.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def embed_issue(document: Document, issue: Issue) -> None:
    """Store `issue` in `document`, replacing an issue embedded before."""
    remove_embedded(document)
    main = document.part
    package = main.package
    root = etree.Element(_ROOT_TAG, nsmap={None: NAMESPACE})
    root.text = issue_to_json(issue)
    item = Part(package.next_partname("/customXml/item%d.xml"), CT.XML, _xml_bytes(root), package)
    main.relate_to(item, RT.CUSTOM_XML)
    props = Part(
        package.next_partname("/customXml/itemProps%d.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        _item_props(),
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)


def remove_embedded(document: Document) -> None:
    """Drop every embedded issue, leaving only the visible text."""
    for rId, _ in _embedded(document):
        document.part.drop_rel(rId)


def extract_embedded(document: Document) -> str | None:
    """The .bulletin JSON embedded in `document`, or None if it carries none."""
    for _, text in _embedded(document):
        return text
    return None


def _embedded(document: Document) -> list[tuple[str, str]]:
    """(rId, JSON text) of every embedded issue related from the main document part."""
    found = []
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, _PARSER)
        except (etree.XMLSyntaxError, ValueError):
            continue  # a damaged or foreign custom XML part is simply not ours
        if root.tag == _ROOT_TAG:
            found.append((rId, root.text or ""))
    return found


def _item_props() -> bytes:
    """Word's properties of a data store item: a unique ID and the schema it follows."""
    ds = f"{{{_DATASTORE}}}"
    root = etree.Element(
        ds + "datastoreItem", {ds + "itemID": "{" + str(uuid.uuid4()).upper() + "}"}, nsmap={"ds": _DATASTORE}
    )
    refs = etree.SubElement(root, ds + "schemaRefs")
    etree.SubElement(refs, ds + "schemaRef", {ds + "uri": NAMESPACE})
    return _xml_bytes(root)


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
