"""An archive folder holding hostile files among good ones: it lists, searches and opens
normally, in the command line and in the window, and names every bad file (issue 11)."""

import copy
import io
import json
import re

import pytest
from PySide6.QtCore import Qt

from bulletin_editor.cli import main
from bulletin_editor.formats.bulletin import issue_to_json, load_issue
from bulletin_editor.formats.docx.embed import remove_embedded
from bulletin_editor.formats.docx.writer import build_document, export_docx
from bulletin_editor.storage import archive as archive_module
from bulletin_editor.storage.archive import Archive
from bulletin_editor.ui import dialogs
from bulletin_editor.ui.archive_window import ArchiveWindow

GOOD = ["2022-027.bulletin", "2022-028.bulletin"]


def _document(sample_issue) -> dict:
    return json.loads(issue_to_json(sample_issue))


def _hostile_files(sample_issue) -> dict[str, str]:
    """File name -> content: each would raise inside the index without the archive's guards."""
    huge_number = _document(sample_issue)
    huge_number["issue"]["masthead"]["number"] = 10**30
    huge_year = _document(sample_issue)
    huge_year["issue"]["masthead"]["year"] = -(10**30)
    digits = json.dumps(_document(sample_issue)).replace('"number": 28', '"number": ' + "9" * 5000)
    deep = '{"format": "bulletin-editor", "version": 1, "issue": ' + "[" * 100_000 + "]" * 100_000 + "}"
    return {
        "2022-029.bulletin": json.dumps(huge_number),
        "2022-030.bulletin": json.dumps(huge_year),
        "2022-031.bulletin": digits,  # past Python's 4,300-digit limit: json raises ValueError
        "2022-032.bulletin": deep,
        "2022-033.bulletin": "\x00\xff garbage",
    }


@pytest.fixture
def folder(tmp_path, sample_issue):
    folder = tmp_path / "共享归档"
    archive = Archive(folder)
    earlier = copy.deepcopy(sample_issue)
    earlier.masthead.number, earlier.masthead.total_number = 27, 402
    archive.save(earlier)
    archive.save(sample_issue)
    archive.close()
    for name, content in _hostile_files(sample_issue).items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_the_archive_lists_searches_and_finds_around_hostile_files(folder):
    archive = Archive(folder)
    entries = archive.entries()
    assert [e.path.name for e in entries if not e.error] == ["2022-028.bulletin", "2022-027.bulletin"]
    bad = {e.path.name: e.error for e in entries if e.error}
    assert set(bad) == {f"2022-0{n}.bulletin" for n in range(29, 34)}
    assert all(reason for reason in bad.values())
    assert "期号" in bad["2022-029.bulletin"] and "年份" in bad["2022-030.bulletin"]
    assert [h.number for h in archive.search("林草")] == [28, 28, 27, 27]
    assert archive.find(2022, 28).path.name == "2022-028.bulletin"
    assert archive.find(2022, 10**30) is None
    archive.close()


def test_a_file_made_hostile_later_is_replaced_in_the_index_and_the_rest_stays(folder, sample_issue):
    archive = Archive(folder)
    assert len(archive.search("谢安军")) == 2
    huge = _document(sample_issue)
    huge["issue"]["masthead"]["total_number"] = 10**40
    (folder / "2022-028.bulletin").write_text(json.dumps(huge), encoding="utf-8")
    entries = {e.path.name: e for e in archive.entries()}
    assert "总期号" in entries["2022-028.bulletin"].error
    assert [h.number for h in archive.search("谢安军")] == [27]  # its items left the index
    archive.close()


def test_the_command_line_lists_and_searches_and_names_the_bad_files(folder, capsys):
    assert main(["archive", "--dir", str(folder), "list"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split("\t")[:3] == ["2022", "28", "403"] and lines[0].endswith("2022-028.bulletin")
    assert lines[1].split("\t")[:3] == ["2022", "27", "402"]
    for n in range(29, 34):
        assert any(line.startswith(f"2022-0{n}.bulletin\t无法读取：") for line in lines[2:])
    assert err == ""

    assert main(["archive", "--dir", str(folder), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(e["file"], e["number"]) for e in listed[:2]] == [
        ("2022-028.bulletin", 28),
        ("2022-027.bulletin", 27),
    ]
    assert all(e["error"] and e["number"] is None for e in listed[2:]) and len(listed) == 7

    assert main(["archive", "--dir", str(folder), "search", "林草", "培训会", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["file"], h["source"]) for h in hits] == [
        ("2022-028.bulletin", [0, 1, 1, 1]),
        ("2022-027.bulletin", [0, 1, 1, 1]),
    ]
    assert main(["archive", "--dir", str(folder), "search", "谢安军"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "2022年第28期\t2022-08-23\t政务服务工作 › 二、窗口工作动态 › （三）厅（局）长进大厅\t（1）"
    )


def test_the_window_lists_searches_and_opens_around_hostile_files(qtbot, folder, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: shown.append(message))
    window = ArchiveWindow(Archive(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.refreshing)
    model = window.issues
    assert model.rowCount() == 7 and "5 个文件无法读取" in window.search_status.text()
    names = [model.data(model.index(row, 0)) for row in range(2, 7)]
    assert sorted(names) == [f"2022-0{n}.bulletin" for n in range(29, 34)]
    assert all(model.data(model.index(row, 4)) for row in range(2, 7))  # each with its reason
    assert model.data(model.index(2, 0), Qt.ForegroundRole) is not None  # in red

    window.search_box.setText("谢安军")
    qtbot.waitUntil(lambda: window.hits.rowCount() == 2)
    window.issue_view.selectRow(0)
    with qtbot.waitSignal(window.open_requested) as opened:
        qtbot.mouseClick(window.open_button, Qt.LeftButton)
    assert opened.args == [folder / "2022-028.bulletin", None]
    assert shown == []


def _docx_with_issue_line(path, issue, line: str) -> None:
    """An export with its embedded issue removed and the issue line retyped: read by its text."""
    document = build_document(issue)
    remove_embedded(document)
    for paragraph in document.paragraphs + [
        p for t in document.tables for c in t._cells for p in c.paragraphs
    ]:
        if re.search(r"\d{4}年第\d+期", paragraph.text):
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = line
            break
    else:
        raise AssertionError("no issue line in the export")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_importing_a_word_issue_numbered_beyond_any_integer_keeps_the_archive_up(
    tmp_path, sample_issue, capsys
):
    words = tmp_path / "往期"
    words.mkdir()
    later = copy.deepcopy(sample_issue)
    later.masthead.number, later.masthead.total_number = 29, 404
    export_docx(later, words / "第29期.docx")
    _docx_with_issue_line(words / "坏期号.docx", sample_issue, "2022年第99999999999999999999期（总第403期）")
    archive = tmp_path / "归档"

    assert main(["archive", "--dir", str(archive), "import", str(words)]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("共处理 2 个文件：导入 1 个，未导入 1 个。")
    assert re.search(r"✗ 坏期号\.docx：.*期号", summary)
    assert load_issue(archive / "2022-029.bulletin").masthead.number == 29
    assert sorted(p.name for p in archive.iterdir()) == ["2022-029.bulletin"]

    assert main(["archive", "--dir", str(archive), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("2022\t29\t404\t")
    assert main(["archive", "--dir", str(archive), "search", "林草"]) == 0
    assert capsys.readouterr().out.count("2022年第29期") == 2


def test_command_line_usage_and_errors(tmp_path, capsys):
    assert main(["archive", "--dir", str(tmp_path / "没有"), "list"]) == 1
    assert capsys.readouterr().err.strip() == f"bulletin-editor: 归档文件夹“{tmp_path / '没有'}”不存在"
    with pytest.raises(SystemExit) as exit_:
        main(["archive", "search"])
    assert exit_.value.code == 2 and "命令行参数有误" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["archive", "--dir", str(tmp_path), "search", "林草", "--limit", "0"])
    assert exit_.value.code == 2
    assert main(["archive", "--dir", str(tmp_path), "import", str(tmp_path / "没有")]) == 1
    assert "不存在" in capsys.readouterr().err


def test_reindex_reads_every_file_again(folder, capsys, monkeypatch):
    assert main(["archive", "--dir", str(folder), "list"]) == 0
    capsys.readouterr()
    reads = []
    real_load = archive_module.load_issue
    monkeypatch.setattr(archive_module, "load_issue", lambda p: reads.append(p.name) or real_load(p))
    assert main(["archive", "--dir", str(folder), "list"]) == 0 and reads == []
    assert main(["archive", "--dir", str(folder), "reindex"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "已重建归档索引：共 2 期，5 个文件无法读取"
    assert len(reads) == 7
