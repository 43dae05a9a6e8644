"""Versions: every save keeps the previous file, the last 20 are kept, any can be restored;
the final (定稿) mark."""

import copy
import errno
import os

import pytest

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.storage.versions import (
    KEEP,
    clear_final,
    final_mark,
    is_final,
    list_versions,
    mark_final,
    restore_version,
    save_with_version,
    versions_dir,
)


def with_copies(issue, copies):
    issue = copy.deepcopy(issue)
    issue.distribution.copies = copies
    return issue


def test_first_save_has_no_version(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    save_with_version(sample_issue, path)
    assert load_issue(path) == sample_issue
    assert list_versions(path) == []


def test_each_save_keeps_the_previous_content(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    for copies in (1, 2, 3):
        save_with_version(with_copies(sample_issue, copies), path)
    kept = list_versions(path)
    assert [v.load().distribution.copies for v in kept] == [2, 1]  # newest first
    assert load_issue(path).distribution.copies == 3
    assert all(v.path.parent == versions_dir(path) for v in kept)


def test_saving_unchanged_content_adds_no_version(tmp_path, sample_issue):
    path = tmp_path / "a.bulletin"
    save_with_version(sample_issue, path)
    save_with_version(sample_issue, path)
    assert list_versions(path) == []


def test_only_the_last_twenty_are_kept(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    for copies in range(1, KEEP + 6):
        save_with_version(with_copies(sample_issue, copies), path)
    kept = list_versions(path)
    assert KEEP == 20 and len(kept) == 20
    assert [v.load().distribution.copies for v in kept] == list(range(KEEP + 4, 4, -1))
    assert len(list(versions_dir(path).glob("*.bulletin"))) == 20


def test_versions_of_two_issues_in_one_folder_are_separate(tmp_path, sample_issue):
    a, b = tmp_path / "2022-027.bulletin", tmp_path / "2022-028.bulletin"
    for copies in (1, 2):
        save_with_version(with_copies(sample_issue, copies), a)
    for copies in (5, 6, 7):
        save_with_version(with_copies(sample_issue, copies), b)
    assert len(list_versions(a)) == 1 and len(list_versions(b)) == 2


def test_restore_puts_a_version_back_and_keeps_what_it_replaces(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    for copies in (1, 2, 3):
        save_with_version(with_copies(sample_issue, copies), path)
    oldest = list_versions(path)[-1]
    restored = restore_version(path, oldest)
    assert restored.distribution.copies == 1
    assert load_issue(path).distribution.copies == 1
    assert sorted(v.load().distribution.copies for v in list_versions(path)) == [1, 2, 3]


def test_a_damaged_version_is_not_restored(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    save_with_version(with_copies(sample_issue, 1), path)
    save_with_version(with_copies(sample_issue, 2), path)
    (version,) = list_versions(path)
    version.path.write_text("garbage", encoding="utf-8")
    with pytest.raises(BulletinError, match="不是有效的 JSON"):
        restore_version(path, version)
    assert load_issue(path).distribution.copies == 2


def test_save_killed_half_way_leaves_the_old_file_intact(tmp_path, sample_issue, monkeypatch):
    path = tmp_path / "2022-028.bulletin"
    save_issue(with_copies(sample_issue, 1), path)
    before = path.read_bytes()
    real_replace = os.replace

    def killed(source, target):
        if os.fspath(target) == os.fspath(path):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(BulletinError, match=r"2022-028\.bulletin"):
        save_with_version(with_copies(sample_issue, 2), path)
    assert path.read_bytes() == before
    assert not list(tmp_path.rglob("*.tmp"))
    # The version taken before the failed replace holds the same, intact content.
    assert [v.path.read_bytes() for v in list_versions(path)] == [before]


@pytest.mark.parametrize(
    "failure, message",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限"),
        (OSError(errno.EROFS, "Read-only file system"), "只读"),
    ],
)
def test_full_disk_or_read_only_folder_gives_a_clear_message(
    tmp_path, sample_issue, monkeypatch, failure, message
):
    path = tmp_path / "2022-028.bulletin"
    save_issue(with_copies(sample_issue, 1), path)
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr("bulletin_editor.storage.atomic._create", fail)  # the temporary file
    with pytest.raises(BulletinError, match=message):
        save_with_version(with_copies(sample_issue, 2), path)
    assert path.read_bytes() == before


def test_versions_folder_that_cannot_be_made_gives_a_clear_message(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    save_issue(with_copies(sample_issue, 1), path)
    (tmp_path / ".versions").write_text("in the way")  # a file where the folder should be
    with pytest.raises(BulletinError, match="原文件未被改动"):
        save_with_version(with_copies(sample_issue, 2), path)
    assert load_issue(path).distribution.copies == 1


def test_final_mark(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    save_with_version(sample_issue, path)
    assert not is_final(path) and final_mark(path) is None
    mark = mark_final(path, "导出送审")
    assert is_final(path)
    again = final_mark(path)
    assert again == mark and again.reason == "导出送审" and again.user
    assert "定稿" in again.describe()
    # Saving keeps the mark (the editor asks before the change) and pruning never touches it.
    for copies in range(1, KEEP + 3):
        save_with_version(with_copies(sample_issue, copies), path)
    assert is_final(path) and len(list_versions(path)) == KEEP
    clear_final(path)
    assert not is_final(path)
    clear_final(path)  # clearing twice is harmless


def test_damaged_final_mark_still_counts_as_final(tmp_path, sample_issue):
    path = tmp_path / "2022-028.bulletin"
    save_with_version(sample_issue, path)
    mark_final(path)
    (versions_dir(path) / "final.json").write_text("{", encoding="utf-8")
    assert is_final(path)
    assert final_mark(path).reason == "标记已损坏"
