"""The description of an issue's paragraphs embedded in its exported .docx as a custom XML part."""

import io
import json
import shutil
import subprocess
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from bulletin_editor.formats.bulletin import issue_from_json, issue_to_json
from bulletin_editor.formats.docx.annotations import annotate
from bulletin_editor.formats.docx.embed import NAMESPACE, embed_issue, extract_embedded
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import build_document, export_docx


def _reopen(document):
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer), buffer.getvalue()


def _our_items(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            n
            for n in archive.namelist()
            if n.startswith("customXml/item")
            and not n.startswith("customXml/itemProps")
            and NAMESPACE.encode() in archive.read(n)
        ]


def test_embedded_issue_survives_save_and_reopen(sample_issue):
    document = docx.Document()
    embed_issue(document, sample_issue)

    reopened, data = _reopen(document)

    embedded = extract_embedded(reopened)
    assert embedded.version == 2 and json.loads(embedded.text) == annotate(sample_issue)
    (item,) = _our_items(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document_rels = archive.read("word/_rels/document.xml.rels").decode()
        item_rels = archive.read(item.replace("customXml/", "customXml/_rels/") + ".rels").decode()
        props_name = "customXml/" + etree.fromstring(item_rels.encode())[0].get("Target")
        props = etree.fromstring(archive.read(props_name))
        content_types = archive.read("[Content_Types].xml").decode()
    assert f'Target="../{item}"' in document_rels  # related from the main document part
    assert RT.CUSTOM_XML_PROPS in item_rels
    ds = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
    assert props.tag == ds + "datastoreItem" and props.get(ds + "itemID").startswith("{")
    assert props.find(f"{ds}schemaRefs/{ds}schemaRef").get(ds + "uri") == NAMESPACE
    assert f'PartName="/{props_name}"' in content_types


def test_embedding_again_replaces_the_copy(sample_issue):
    document = docx.Document()
    embed_issue(document, sample_issue)
    changed = issue_from_json(issue_to_json(sample_issue))
    changed.masthead.number = 29
    embed_issue(document, changed)

    reopened, data = _reopen(document)

    assert len(_our_items(data)) == 1
    assert json.loads(extract_embedded(reopened).text)["paragraphs"][1]["number"] == 29


def test_foreign_and_damaged_custom_xml_is_not_an_issue():
    document = docx.Document()  # the default template carries a bibliography custom XML part
    assert any(rel.reltype == RT.CUSTOM_XML for rel in document.part.rels.values())
    assert extract_embedded(document) is None
    for rel in document.part.rels.values():
        if rel.reltype == RT.CUSTOM_XML:
            rel.target_part._blob = b"<not xml"
    assert extract_embedded(document) is None


def test_exported_docx_reopens_exactly_after_rename(tmp_path, sample_issue):
    export_docx(sample_issue, tmp_path / "周报.docx")
    renamed = tmp_path / "发给领导审阅-最终版.docx"
    (tmp_path / "周报.docx").rename(renamed)

    result = read_docx(renamed)

    assert result.origin == "embedded"
    assert result.issue == sample_issue


def test_embedded_issue_survives_a_save_in_libreoffice(tmp_path, sample_issue):
    export_docx(sample_issue, tmp_path / "in.docx")
    assert shutil.which("soffice"), "LibreOffice is required"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "in.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    result = read_docx(tmp_path / "out" / "in.docx")

    assert result.origin == "embedded"  # the part is kept and the text still reads the same
    assert result.issue == sample_issue


def test_version_1_export_with_the_whole_issue_still_reopens_exactly(tmp_path, sample_issue):
    document = build_document(sample_issue)
    (part,) = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RT.CUSTOM_XML and NAMESPACE.encode() in rel.target_part.blob
    ]
    old = etree.Element(f"{{{NAMESPACE}}}bulletin", nsmap={None: NAMESPACE})
    old.text = issue_to_json(sample_issue)
    part._blob = etree.tostring(old, encoding="UTF-8", xml_declaration=True)
    document.save(tmp_path / "2022-028.docx")

    result = read_docx(tmp_path / "2022-028.docx")

    assert extract_embedded(docx.Document(tmp_path / "2022-028.docx")).version == 1
    assert result.origin == "embedded" and result.issue == sample_issue
