"""What an export's reader needs besides its visible text, embedded as a custom XML part.

Word keeps custom XML parts (the data store behind content controls) when it saves a
document, so an exported .docx reopens as its issue even after it was renamed, emailed or
corrected in Word. The part holds no word of the issue (see annotations). It is found by its
root element, not by its name: Word renumbers customXml/itemN.xml when it saves.

    /customXml/itemN.xml       <annotations xmlns="urn:bulletin-editor:issue" version="2">{JSON}</annotations>
    /customXml/itemPropsN.xml  Word's datastore item properties (ID and schema reference)

Version 1 exports carry the whole issue instead, <bulletin ...>{.bulletin JSON}</bulletin>; they
are still read.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from ...model import Issue
from .annotations import VERSION, annotate

NAMESPACE = "urn:bulletin-editor:issue"
_ROOT_TAG = f"{{{NAMESPACE}}}annotations"
_ISSUE_TAG = f"{{{NAMESPACE}}}bulletin"  # version 1: the whole issue
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# Custom XML parts come from any file: no entities, no network, no huge trees.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def embed_issue(document: Document, issue: Issue) -> None:
    """Describe `issue` in `document`, replacing a description embedded before."""
    remove_embedded(document)
    main = document.part
    package = main.package
    root = etree.Element(_ROOT_TAG, {"version": str(VERSION)}, nsmap={None: NAMESPACE})
    root.text = json.dumps(annotate(issue), ensure_ascii=True, separators=(",", ":"))
    item = Part(package.next_partname("/customXml/item%d.xml"), CT.XML, _xml_bytes(root), package)
    main.relate_to(item, RT.CUSTOM_XML)
    props = Part(
        package.next_partname("/customXml/itemProps%d.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        _item_props(),
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)


@dataclass(frozen=True)
class Embedded:
    version: int  # 1: `text` is the issue's .bulletin JSON; 2 and later: its annotations as JSON
    text: str


def remove_embedded(document: Document) -> None:
    """Drop everything embedded, leaving only the visible document."""
    for rId, _ in _embedded(document):
        document.part.drop_rel(rId)


def extract_embedded(document: Document) -> Embedded | None:
    """What `document` carries embedded, or None if it carries nothing of ours."""
    for _, embedded in _embedded(document):
        return embedded
    return None


def _embedded(document: Document) -> list[tuple[str, Embedded]]:
    """(rId, content) of every part of ours related from the main document part."""
    found = []
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, _PARSER)
        except (etree.XMLSyntaxError, ValueError):
            continue  # a damaged or foreign custom XML part is simply not ours
        if root.tag == _ISSUE_TAG:
            found.append((rId, Embedded(1, root.text or "")))
        elif root.tag == _ROOT_TAG:
            version = root.get("version", "")
            found.append(
                (
                    rId,
                    Embedded(int(version) if version.isdigit() and len(version) < 6 else 0, root.text or ""),
                )
            )
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
