"""An export keeps no text of the issue anywhere but in its visible document."""

import copy
import html
import re
import zipfile

import pytest
from lxml import etree

from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.model import IgnoredFinding, SectionKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(path) -> dict[str, str]:
    """Every part of the package as text, with JSON and XML escapes undone."""
    with zipfile.ZipFile(path) as archive:
        raw = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
    return {
        name: html.unescape(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
        for name, text in raw.items()
    }


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def _delete_paragraph(path, words: str) -> str:
    """Delete from word/document.xml the one paragraph containing `words`, as Word would; its text."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    (paragraph,) = [p for p in root.iter(W + "p") if words in _paragraph_text(p)]
    text = _paragraph_text(paragraph)
    paragraph.getparent().remove(paragraph)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return text


def _visible(path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join(_paragraph_text(p) for p in root.iter(W + "p"))


def _visit(issue):
    return issue.parts[0].sections[1].subsections[2].items[2]


@pytest.fixture
def issue(sample_issue):
    issue = copy.deepcopy(sample_issue)
    visit = _visit(issue)
    assert visit.department == "司法厅" and visit.leader == "党委委员、政治部主任任立新"
    # A check finding ignored on that paragraph: its excerpt is words of the paragraph too.
    issue.ignored.append(IgnoredFinding("typo", visit.text[5:25]))
    return issue


def test_a_paragraph_deleted_in_word_leaves_none_of_its_words_in_the_file(tmp_path, issue):
    path = tmp_path / "送签稿.docx"
    export_docx(issue, path)
    deleted = _delete_paragraph(path, "司法厅党委委员")
    assert len(deleted) > 100

    visible = _visible(path)
    # Every two characters of the deleted paragraph that the rest of the page does not also show.
    gone = {deleted[i : i + 2] for i in range(len(deleted) - 1)} - {
        visible[i : i + 2] for i in range(len(visible) - 1)
    }
    assert len(gone) > 50 and {"政治", "任立"} <= gone
    parts = _parts(path)
    assert len(parts) >= 10 and any(
        name.startswith("customXml/") for name in parts
    )  # the description is there
    for name, text in parts.items():
        assert not [pair for pair in gone if pair in text], name
    # The unprinted fields of the other items are not in the file either, beyond what prints.
    for name, text in parts.items():
        if name != "word/document.xml":
            assert "司法厅" not in text and "谢安军" not in text, name

    result = read_docx(path)

    assert result.origin == "word_edits"
    assert any("删除" in line and "第" in line for line in result.report)
    expected = copy.deepcopy(issue)
    del expected.parts[0].sections[1].subsections[2].items[2]
    expected.ignored = []  # the finding was about the deleted paragraph
    assert result.issue == expected


@pytest.mark.parametrize("embed", [True, False])
def test_the_archive_round_trip_holds_with_and_without_the_embedded_part(tmp_path, issue, embed):
    path = tmp_path / "2022-028.docx"
    export_docx(issue, path, embed=embed)
    with zipfile.ZipFile(path) as archive:
        assert any(n.startswith("customXml/") for n in archive.namelist()) is embed

    result = read_docx(path)

    assert result.origin == ("embedded" if embed else "text")
    if not embed:
        issue.ignored = []  # which findings were ignored is not on the page
    assert result.issue == issue


def test_what_only_the_description_knows_comes_back_without_its_words(tmp_path, issue):
    section = issue.parts[0].sections[1].subsections[0]
    assert len(section.items) == 1
    section.kind = SectionKind.TEXT  # prints like a one-item news section
    stats = issue.parts[0].sections[0].statistics
    stats.template = stats.template.replace("据四川一体化政务服务平台数据统计", "据省一体化平台统计")
    path = tmp_path / "2022-028.docx"
    export_docx(issue, path)
    description = "".join(t for n, t in _parts(path).items() if n.startswith("customXml/"))
    assert "一体化" not in description and "统计" not in description

    result = read_docx(path)

    assert result.origin == "embedded" and result.issue == issue


def _has_embedded_data(path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(name.startswith("customXml/") for name in archive.namelist())


def test_release_export_through_the_command_line(tmp_path, sample_issue, capsys):
    from bulletin_editor.cli import main

    assert main(["export", "--sample", "-o", str(tmp_path / "审签.docx")]) == 0
    assert main(["export", "--sample", "--release", "-o", str(tmp_path / "发布稿.docx")]) == 0

    assert _has_embedded_data(tmp_path / "审签.docx")
    assert not _has_embedded_data(tmp_path / "发布稿.docx")
    result = read_docx(tmp_path / "发布稿.docx")
    assert result.origin == "text" and result.issue == sample_issue
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "导出发布稿：不含任何内嵌数据" in capsys.readouterr().out


def test_release_export_from_the_file_menu(editor_window, tmp_path, monkeypatch, sample_issue):
    from bulletin_editor.ui import dialogs

    window = editor_window
    window.open_issue(copy.deepcopy(sample_issue))
    target = tmp_path / "发布稿.docx"
    suggested = []
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda parent, count: True)
    monkeypatch.setattr(dialogs, "ask_release_path", lambda parent, s: suggested.append(s) or target)
    monkeypatch.setattr(dialogs, "offer_open_export", lambda parent, path: dialogs.AfterExport.NOTHING)
    (file_menu,) = [m.menu() for m in window.menuBar().actions() if m.text() == "文件(&F)"]
    (action,) = [a for a in file_menu.actions() if a.text() == "导出发布稿(&D)…"]

    action.trigger()

    assert suggested[0].endswith("（发布稿）.docx")
    assert target.stat().st_size > 0 and not _has_embedded_data(target)
    assert "已导出发布稿" in window.statusBar().currentMessage()
    assert read_docx(target).issue == sample_issue


@pytest.mark.parametrize(
    "template",
    [
        "截至{end}，行政许可受理{licensing_accepted}件、办结{licensing_completed}件。",
        "{{统计}}{start}至{end}：{public_service_accepted}{other_powers_completed}",
        "{licensing_accepted}",
    ],
)
def test_a_custom_template_comes_back_from_its_sentence(tmp_path, issue, template):
    issue.parts[0].sections[0].statistics.template = template
    export_docx(issue, tmp_path / "t.docx")

    assert read_docx(tmp_path / "t.docx").issue == issue
