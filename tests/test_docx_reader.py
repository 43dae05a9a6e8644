"""Reading exported .docx files back: exactly, after Word edits, without the embedded copy."""

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from bulletin_editor.cli import main
from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import load_issue
from bulletin_editor.formats.docx.annotations import VERSION
from bulletin_editor.formats.docx.embed import NAMESPACE, remove_embedded
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import build_document, export_docx
from bulletin_editor.model import Item, Section, SectionKind, Statistics


def _embedded_rels(document):
    return [
        rId
        for rId, rel in document.part.rels.items()
        if rel.reltype == RT.CUSTOM_XML and NAMESPACE.encode() in rel.target_part.blob
    ]


def _without_embedded(issue, path):
    document = build_document(issue)
    remove_embedded(document)
    document.save(path)


def _visits(issue):
    return issue.parts[0].sections[1].subsections[2].items


def _edit_in_word(path, old, new):
    """Change visible text the way a Word user does, keeping everything else of the file."""
    document = docx.Document(path)
    paragraphs = list(document.paragraphs) + [
        p for t in document.tables for c in t._cells for p in c.paragraphs
    ]
    hits = 0
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                hits += 1
    assert hits == 1
    document.save(path)


def test_sample_exported_and_read_back_is_the_same_issue(tmp_path, sample_issue):
    export_docx(sample_issue, tmp_path / "2022-028.docx")

    result = read_docx(tmp_path / "2022-028.docx")

    assert result.origin == "embedded"
    assert result.issue == sample_issue


def test_without_embedded_copy_the_visible_text_gives_the_same_issue(tmp_path, sample_issue):
    _without_embedded(sample_issue, tmp_path / "stripped.docx")

    result = read_docx(tmp_path / "stripped.docx")

    assert result.origin == "text"
    assert result.report == []  # nothing needed a guess
    # Leaders are read heuristically (see the next test); everything else is read reliably.
    imported = result.issue
    expected = copy.deepcopy(sample_issue)
    for item in _visits(imported) + _visits(expected):
        item.leader = ""
    assert imported == expected
    assert [(v.date, v.department) for v in _visits(result.issue)] == [
        (dt.date(2022, 8, 23), "自然资源厅"),
        (dt.date(2022, 8, 26), "商务厅"),
        (dt.date(2022, 8, 26), "司法厅"),
    ]


def test_visit_leaders_are_read_from_the_text_heuristically(tmp_path, sample_issue):
    _without_embedded(sample_issue, tmp_path / "stripped.docx")

    leaders = [v.leader for v in _visits(read_docx(tmp_path / "stripped.docx").issue)]

    # The printed text says 钟宾同志: the title before the first verb (到/来到/开展/同志…) is the leader.
    assert leaders == ["党组成员、机关党委书记谢安军", "二级巡视员钟宾", "党委委员、政治部主任任立新"]


def test_word_edits_win_and_keep_what_the_text_cannot_say(tmp_path, sample_issue):
    issue = copy.deepcopy(sample_issue)
    _visits(issue)[1].leader = ""  # none recorded, though the text alone would read one
    issue.parts[0].sections[1].subsections[0].kind = SectionKind.TEXT  # prints like a one-item news section
    stats = issue.parts[0].sections[0].statistics
    stats.template = stats.template.replace("据四川一体化政务服务平台数据统计", "据省一体化平台统计")
    export_docx(issue, tmp_path / "signed.docx")
    _edit_in_word(tmp_path / "signed.docx", "省林草局窗口召开", "省林草局窗口组织召开")
    _edit_in_word(tmp_path / "signed.docx", "（共印80份）", "（共印60份）")

    result = read_docx(tmp_path / "signed.docx")

    assert result.origin == "word_edits"
    expected = copy.deepcopy(issue)
    efficiency = expected.parts[0].sections[1].subsections[1]
    efficiency.items[1].text = efficiency.items[1].text.replace("窗口召开", "窗口组织召开")
    expected.distribution.copies = 60
    assert result.issue == expected  # custom template, kinds and visit metadata kept
    assert "在 Word 中被修改过（2 处）" in result.report[0]
    assert any("窗口组织召开" in line for line in result.report)


@pytest.mark.parametrize("template", ["default", "custom"])
def test_figures_corrected_in_word_are_read_with_the_issues_template(tmp_path, sample_issue, template):
    issue = copy.deepcopy(sample_issue)
    stats = issue.parts[0].sections[0].statistics
    if template == "custom":
        stats.template = "截至{end}，行政许可受理{licensing_accepted}件、办结{licensing_completed}件。"
    export_docx(issue, tmp_path / "signed.docx")
    _edit_in_word(tmp_path / "signed.docx", "583751", "583 752")

    result = read_docx(tmp_path / "signed.docx")

    assert result.origin == "word_edits"
    stats.figures.licensing.completed = 583752
    assert result.issue == issue  # figures, not a hand-edited sentence


def test_edited_visit_keeps_reading_its_metadata_from_the_text(tmp_path, sample_issue):
    export_docx(sample_issue, tmp_path / "signed.docx")
    _edit_in_word(tmp_path / "signed.docx", "8月26日，商务厅", "8月25日，商务厅")

    visits = _visits(read_docx(tmp_path / "signed.docx").issue)

    assert [v.date for v in visits] == [dt.date(2022, 8, 23), dt.date(2022, 8, 25), dt.date(2022, 8, 26)]
    assert visits[0].leader == _visits(sample_issue)[0].leader


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (f'version="{VERSION}"', 'version="99"', "更新版本"),
        ('"role":"level1"', '"role":"chapter"', "已损坏"),
        (',"paragraphs":[', ',"paragraphs":[[', "已损坏"),
    ],
)
def test_damaged_embedded_copy_falls_back_to_the_text(tmp_path, sample_issue, old, new, words):
    document = build_document(sample_issue)
    (rId,) = _embedded_rels(document)
    part = document.part.rels[rId].target_part
    assert old.encode() in part.blob
    part._blob = part.blob.replace(old.encode(), new.encode(), 1)
    document.save(tmp_path / "newer.docx")

    result = read_docx(tmp_path / "newer.docx")

    assert result.origin == "text"
    assert words in result.report[0] and "已按文档中的文字导入" in result.report[0]
    assert result.issue.parts == sample_issue.parts


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "旧版 Word 文档（.doc）"),
        ("窗口工作周报\n2022年第28期".encode("gb18030"), "看起来是文本文件"),
        (b"", "是一个空文件"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "其他格式的文件"),
        (b"PK\x03\x04" + bytes(100), "已损坏"),
        (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "Excel"),
        (_zip({"hello.txt": b"hi"}), "已损坏或不是 Word 文档"),
    ],
)
def test_files_that_are_not_docx_get_a_clear_message(tmp_path, content, words):
    path = tmp_path / "往期.docx"
    path.write_bytes(content)

    with pytest.raises(BulletinError) as caught:
        read_docx(path)

    assert words in str(caught.value) and "往期.docx" in str(caught.value)


def test_truncated_docx_gets_a_clear_message(tmp_path, sample_issue):
    export_docx(sample_issue, tmp_path / "whole.docx")
    data = (tmp_path / "whole.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])

    with pytest.raises(BulletinError, match="已损坏"):
        read_docx(tmp_path / "cut.docx")


def test_document_without_any_text_gets_a_clear_message(tmp_path):
    docx.Document().save(tmp_path / "blank.docx")

    with pytest.raises(BulletinError, match="没有找到任何文字"):
        read_docx(tmp_path / "blank.docx")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(BulletinError, match="找不到文件"):
        read_docx(tmp_path / "nothing.docx")
    with pytest.raises(BulletinError, match="是一个文件夹"):
        read_docx(tmp_path)


def test_import_command_writes_the_issue_and_prints_the_report(tmp_path, sample_issue, capsys):
    _without_embedded(sample_issue, tmp_path / "old.docx")
    _edit_in_word(tmp_path / "old.docx", "2022年第28期（总第403期）", "2022年第28期")

    assert main(["import", str(tmp_path / "old.docx"), "-o", str(tmp_path / "old.bulletin")]) == 0

    imported = load_issue(tmp_path / "old.bulletin")
    assert imported.masthead.number == 28 and imported.masthead.total_number == 1
    assert "总期号已暂记为1" in capsys.readouterr().out


def test_import_command_refuses_a_doc_file_in_one_line(tmp_path, capsys):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))

    assert main(["import", str(tmp_path / "old.doc"), "-o", str(tmp_path / "old.bulletin")]) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "旧版 Word 文档" in err and "Traceback" not in err
    assert not (tmp_path / "old.bulletin").exists()


def test_statistics_figures_come_back_from_the_sentence(tmp_path, sample_issue):
    issue = copy.deepcopy(sample_issue)
    issue.parts[0].sections[0].statistics.period_start = dt.date(2022, 3, 1)
    _without_embedded(issue, tmp_path / "stats.docx")

    statistics = read_docx(tmp_path / "stats.docx").issue.parts[0].sections[0].statistics

    assert statistics == issue.parts[0].sections[0].statistics
    assert isinstance(statistics, Statistics) and statistics.sentence_override is None


def test_unreadable_file_gets_a_chinese_message(tmp_path, monkeypatch, sample_issue):
    export_docx(sample_issue, tmp_path / "locked.docx")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(BulletinError, match="没有权限"):
        read_docx(tmp_path / "locked.docx")


def test_word_edits_keep_section_kinds_that_print_alike(tmp_path, sample_issue):
    issue = copy.deepcopy(sample_issue)
    part = issue.parts[0]
    part.sections.append(Section("情况说明", SectionKind.INSPECTION, [Item("本周无异常情况。")]))
    part.sections.append(Section("其他事项", SectionKind.VISITS, [Item("本周无其他事项。")]))
    export_docx(issue, tmp_path / "kinds.docx")
    _edit_in_word(tmp_path / "kinds.docx", "（共印80份）", "（共印90份）")

    result = read_docx(tmp_path / "kinds.docx")

    assert result.origin == "word_edits"
    assert [s.kind for s in result.issue.parts[0].sections[-2:]] == [
        SectionKind.INSPECTION,
        SectionKind.VISITS,
    ]
