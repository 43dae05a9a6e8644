"""Importing a whole folder of .docx into the archive, with the real Word reader."""

import copy

import pytest

from bulletin_editor.formats.bulletin import load_issue
from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.storage.archive import Archive, import_docx_folder


@pytest.fixture
def word_folder(tmp_path, sample_issue):
    folder = tmp_path / "往期周报"
    folder.mkdir()
    export_docx(sample_issue, folder / "第28期.docx")
    later = copy.deepcopy(sample_issue)
    later.masthead.number, later.masthead.total_number = 29, 404
    export_docx(later, folder / "第29期（定稿）.docx")
    (folder / "旧格式.docx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    )  # an old .doc renamed
    (folder / "~$第28期.docx").write_bytes(b"Word's owner file, not a document")
    (folder / "说明.txt").write_text("not a Word file", encoding="utf-8")
    return folder


def test_folder_import_with_progress_and_report(user_dirs, tmp_path, word_folder, sample_issue):
    archive = Archive(tmp_path / "archive")
    steps = []
    result = import_docx_folder(
        archive, word_folder, lambda done, total, name: steps.append((done, total, name)) or True
    )

    assert steps == [(0, 3, "旧格式.docx"), (1, 3, "第28期.docx"), (2, 3, "第29期（定稿）.docx"), (3, 3, "")]
    by_name = {o.source.name: o for o in result.outcomes}
    assert set(by_name) == {"旧格式.docx", "第28期.docx", "第29期（定稿）.docx"}
    assert not by_name["旧格式.docx"].imported and by_name["旧格式.docx"].error
    assert by_name["第28期.docx"].target == archive.folder / "2022-028.bulletin"
    assert load_issue(archive.folder / "2022-028.bulletin") == sample_issue
    assert load_issue(archive.folder / "2022-029.bulletin").masthead.total_number == 404
    assert [e.number for e in archive.entries()] == [29, 28]
    summary = result.summary()
    assert summary.startswith("共处理 3 个文件：导入 2 个，未导入 1 个。")
    assert "旧格式.docx" in summary
    archive.close()


def test_an_issue_already_archived_is_not_overwritten(user_dirs, tmp_path, word_folder, sample_issue):
    archive = Archive(tmp_path / "archive")
    kept = copy.deepcopy(sample_issue)
    kept.distribution.copies = 99  # edited since: must survive the import
    archive.save(kept)
    result = import_docx_folder(archive, word_folder)
    (outcome,) = [o for o in result.outcomes if o.source.name == "第28期.docx"]
    assert not outcome.imported and "2022-028.bulletin" in outcome.error
    assert load_issue(archive.folder / "2022-028.bulletin").distribution.copies == 99
    archive.close()


def test_import_can_be_cancelled(user_dirs, tmp_path, word_folder):
    archive = Archive(tmp_path / "archive")
    result = import_docx_folder(archive, word_folder, lambda done, total, name: done < 2)
    assert result.cancelled and len(result.outcomes) == 2
    assert "已取消" in result.summary()
    archive.close()
