"""The package around an export: properties, settings, fonts and theme as Word and WPS read them."""

import datetime as dt
import re
import zipfile

import docx
import pytest
from lxml import etree
from word_styles import body_paragraphs, run_property

import bulletin_editor
from bulletin_editor.formats.docx.writer import export_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from bulletin_editor.formats.bulletin import load_sample

    path = tmp_path_factory.mktemp("package") / "sample.docx"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    export_docx(load_sample(), path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return path, parts, before


def test_core_properties_come_from_the_issue(export):
    path, parts, before = export
    core = docx.Document(str(path)).core_properties
    assert core.title == "窗口工作周报 2022年第28期（总第403期）"
    assert core.author == "四川省政府政务服务和公共资源交易服务中心"
    created = core.created.replace(tzinfo=dt.UTC) if core.created.tzinfo is None else core.created
    assert before <= created <= dt.datetime.now(dt.UTC)
    assert core.modified == core.created
    assert b"python-docx" not in parts["docProps/core.xml"]
    assert b"2013-12-23" not in parts["docProps/core.xml"]


def test_app_properties_name_this_program(export):
    _, parts, _ = export
    app = etree.fromstring(parts["docProps/app.xml"])
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.find(f"{ns}Application").text == f"周报编辑器 {bulletin_editor.__version__}"
    assert b"Macintosh" not in parts["docProps/app.xml"] and b"Microsoft" not in parts["docProps/app.xml"]


def test_no_thumbnail_and_no_styles_with_effects(export):
    _, parts, _ = export
    assert not [name for name in parts if "thumbnail" in name or "stylesWithEffects" in name]
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert b"savePreviewPicture" not in parts["word/settings.xml"]


def test_no_template_bibliography_nor_its_session_ids(export):
    _, parts, _ = export
    # The template's item ID, the same in every python-docx file:
    assert not [name for name, data in parts.items() if b"bibliography" in data or b"EF278816" in data]
    settings = parts["word/settings.xml"]
    assert b"proofState" not in settings and b"rsid" not in settings and b"docId" not in settings


def test_compatibility_mode_15(export):
    _, parts, _ = export
    settings = etree.fromstring(parts["word/settings.xml"])
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_font_table_lists_the_official_fonts_with_charset_and_fallbacks(export):
    _, parts, _ = export
    fonts = {f.get(f"{W}name"): f for f in etree.fromstring(parts["word/fontTable.xml"])}
    assert set(fonts) == {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"}
    for font in fonts.values():
        assert font.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312
        assert re.fullmatch(r"[0-9A-F]{20}", font.find(f"{W}panose1").get(f"{W}val"))
        assert font.find(f"{W}family").get(f"{W}val") in ("auto", "modern", "roman", "swiss")
    assert fonts["仿宋_GB2312"].find(f"{W}altName").get(f"{W}val") == "仿宋"
    assert fonts["楷体_GB2312"].find(f"{W}altName").get(f"{W}val") == "楷体"


def test_no_japanese_fonts_in_theme_or_styles(export):
    _, parts, _ = export
    theme = etree.fromstring(parts["word/theme/theme1.xml"])
    assert not [f for f in theme.iter(f"{A}font") if f.get("script") == "Jpan"]
    assert {ea.get("typeface") for ea in theme.iter(f"{A}ea")} == {"黑体", "宋体"}
    for name, data in parts.items():
        if name.endswith(".xml"):
            text = data.decode("utf-8")
            assert "ＭＳ" not in text and "Mincho" not in text and "ja-JP" not in text, name


def test_east_asian_punctuation_is_set_in_the_east_asian_font(export):
    path, _, _ = export
    document = docx.Document(str(path))
    checked = 0
    for paragraph in body_paragraphs(document):
        for run in paragraph.runs:
            if not re.search("[“”—…‘’]", run.text):
                continue
            checked += 1
            east_asian = run_property(document, paragraph, run, "w:rFonts", "w:eastAsia")
            for slot in ("w:ascii", "w:hAnsi"):
                assert run_property(document, paragraph, run, "w:rFonts", slot) == east_asian
            assert run_property(document, paragraph, run, "w:rFonts", "w:hint") == "eastAsia"
    assert checked
    footer = document.sections[0].footer.paragraphs[0]
    dash = footer.runs[0]
    assert run_property(document, footer, dash, "w:rFonts", "w:ascii") == "宋体"
