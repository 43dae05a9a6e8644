"""The archive folder: naming, listing, incremental index, full-text search, safe saving."""

import copy
import datetime as dt
import errno
import os
import sqlite3

import pytest

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.model import Item
from bulletin_editor.model.tree import Place
from bulletin_editor.storage import archive as archive_module
from bulletin_editor.storage.archive import Archive, archive_folder, archive_name, set_archive_folder


def numbered(issue, year, number, total):
    issue = copy.deepcopy(issue)
    issue.masthead.year, issue.masthead.number, issue.masthead.total_number = year, number, total
    issue.masthead.issue_date = dt.date(year, 1, 1) + dt.timedelta(days=7 * number)
    for part in issue.parts:
        part.period_start = issue.masthead.issue_date - dt.timedelta(days=10)
        part.period_end = issue.masthead.issue_date - dt.timedelta(days=6)
    return issue


def visits(issue):
    """The 厅（局）长进大厅 subsection of the sample."""
    return issue.parts[0].sections[1].subsections[2]


@pytest.fixture
def archive(user_dirs, tmp_path):
    a = Archive(tmp_path / "archive")
    yield a
    a.close()


def test_default_folder_is_under_documents_and_can_be_changed(user_dirs, tmp_path):
    assert archive_folder() == user_dirs / "documents" / "窗口工作周报"
    shared = tmp_path / "共享盘" / "周报"
    set_archive_folder(shared)
    assert archive_folder() == shared
    assert Archive().folder == shared
    set_archive_folder(None)
    assert archive_folder() == user_dirs / "documents" / "窗口工作周报"


def test_issues_are_named_by_year_and_number(archive, sample_issue):
    assert archive_name(sample_issue) == "2022-028.bulletin"
    path = archive.save(sample_issue)
    assert path == archive.folder / "2022-028.bulletin"
    assert load_issue(path) == sample_issue


def test_entries_list_every_issue_newest_first(archive, sample_issue):
    for year, number, total in [(2021, 50, 375), (2022, 28, 403), (2022, 3, 378)]:
        archive.save(numbered(sample_issue, year, number, total))
    entries = archive.entries()
    assert [(e.year, e.number, e.total_number) for e in entries] == [
        (2022, 28, 403),
        (2022, 3, 378),
        (2021, 50, 375),
    ]
    first = entries[0]
    assert first.path == archive.folder / "2022-028.bulletin"
    assert first.issue_date == dt.date(2022, 7, 16)
    assert first.period == "7月6日—7月10日"
    assert first.error == ""


def test_unreadable_file_is_listed_with_its_error(archive, sample_issue):
    archive.save(sample_issue)
    (archive.folder / "broken.bulletin").write_text("{not json", encoding="utf-8")
    entries = archive.entries()
    assert len(entries) == 2
    broken = entries[-1]
    assert broken.path.name == "broken.bulletin" and broken.year is None
    assert "不是有效的 JSON" in broken.error


def test_missing_folder_lists_nothing(user_dirs, tmp_path):
    assert Archive(tmp_path / "nowhere").entries() == []


def test_refresh_rereads_only_changed_files(archive, sample_issue, monkeypatch):
    for number in range(1, 6):
        archive.save(numbered(sample_issue, 2022, number, 370 + number))
    reads = []
    real_load = archive_module.load_issue
    monkeypatch.setattr(archive_module, "load_issue", lambda p: reads.append(p.name) or real_load(p))

    assert archive.refresh().read == 5 and len(reads) == 5
    reads.clear()
    stats = archive.refresh()
    assert (stats.read, stats.removed, stats.unchanged) == (0, 0, 5) and reads == []

    # A colleague edits one issue on the shared drive and deletes another.
    changed = numbered(sample_issue, 2022, 2, 999)
    save_issue(changed, archive.folder / "2022-002.bulletin")
    os.utime(archive.folder / "2022-002.bulletin", ns=(1, 1))  # a new mtime even on coarse clocks
    (archive.folder / "2022-004.bulletin").unlink()
    stats = archive.refresh()
    assert reads == ["2022-002.bulletin"]
    assert (stats.read, stats.removed, stats.unchanged) == (1, 1, 3)
    assert [e.total_number for e in archive.entries()] == [375, 373, 999, 371]


def test_a_refresh_after_copies_edits_and_damage_holds_what_a_full_reindex_holds(archive, sample_issue):
    for number in (1, 2, 3):
        archive.save(numbered(sample_issue, 2022, number, 370 + number))
    archive.refresh()
    folder = archive.folder

    def held():
        searches = [[(h.number, h.text) for h in archive.search(w)] for w in ("大数据", "自然资源厅", "林草")]
        return searches, [(e.name, e.total_number, bool(e.error)) for e in archive.entries()]

    copied = (folder / "2022-001.bulletin").read_bytes()
    (folder / "2022-001.bulletin").write_bytes(copied)  # restored from a copy: the same items
    edited = numbered(sample_issue, 2022, 2, 999)
    edited.parts[0].sections[1].subsections[0].items[0].text = "省大数据中心来中心调研。"
    save_issue(edited, folder / "2022-002.bulletin")
    (folder / "2022-003.bulletin").write_text("{", encoding="utf-8")  # damaged
    for n, name in enumerate(("2022-001.bulletin", "2022-002.bulletin", "2022-003.bulletin"), 1):
        os.utime(folder / name, ns=(n, n))
    assert archive.refresh().read == 3
    after_refresh = held()
    archive.reindex()
    assert after_refresh == held()
    assert [n for n, _ in after_refresh[0][0]] == [2] and ("2022-002.bulletin", 999, False) in after_refresh[
        1
    ]

    save_issue(numbered(sample_issue, 2022, 3, 373), folder / "2022-003.bulletin")  # repaired
    os.utime(folder / "2022-003.bulletin", ns=(9, 9))
    archive.refresh()
    after_refresh = held()
    archive.reindex()
    assert after_refresh == held()
    assert not any(error for *_, error in after_refresh[1])


def test_index_survives_a_new_session_and_is_not_reread(user_dirs, tmp_path, sample_issue, monkeypatch):
    first = Archive(tmp_path / "archive")
    first.save(sample_issue)
    first.refresh()
    first.close()
    monkeypatch.setattr(archive_module, "load_issue", lambda p: pytest.fail("re-read an unchanged file"))
    second = Archive(tmp_path / "archive")
    assert [e.number for e in second.entries()] == [28]
    assert second.search("自然资源厅")
    second.close()


def test_damaged_index_is_rebuilt(user_dirs, tmp_path, sample_issue):
    folder = tmp_path / "archive"
    a = Archive(folder)
    a.save(sample_issue)
    a.refresh()
    a.close()
    index = archive_module._index_path(folder)
    index.write_bytes(b"this is not a database" * 100)
    b = Archive(folder)
    assert [e.number for e in b.entries()] == [28]
    b.close()


def test_search_finds_every_director_visit_of_a_department(archive, sample_issue):
    for number, total in [(27, 402), (28, 403)]:
        archive.save(numbered(sample_issue, 2022, number, total))
    hits = archive.search("自然资源厅")
    assert [(h.number, h.source) for h in hits] == [(28, Place(0, 1, 2, 0)), (27, Place(0, 1, 2, 0))]
    hit = hits[0]
    assert hit.place == "政务服务工作 › 二、窗口工作动态 › （三）厅（局）长进大厅"
    assert hit.text.startswith("（1）8月23日，自然资源厅党组成员")
    assert hit.department == "自然资源厅" and hit.date == dt.date(2022, 8, 23)
    assert hit.leader == "党组成员、机关党委书记谢安军"
    assert hit.path == archive.folder / "2022-028.bulletin" and hit.label == "2022年第28期"


def test_search_finds_a_visit_by_its_fields_even_when_the_text_does_not_name_them(archive, sample_issue):
    issue = copy.deepcopy(sample_issue)
    visits(issue).items.append(
        Item(
            text="9月1日，厅领导到窗口检查工作。",
            date=dt.date(2022, 9, 1),
            department="文化和旅游厅",
            leader="副厅长王某",
        )
    )
    archive.save(issue)
    hits = archive.search("文化和旅游厅")
    assert [h.text for h in hits] == ["（4）9月1日，厅领导到窗口检查工作。"]
    assert archive.search("王某")[0].date == dt.date(2022, 9, 1)


def test_search_terms_all_required_short_terms_and_odd_characters(archive, sample_issue):
    archive.save(sample_issue)
    assert len(archive.search("林草")) == 2  # two characters: below the trigram size
    assert len(archive.search("省林草局 培训会")) == 1  # both terms in one item
    assert archive.search("省林草局 地质灾害") == []  # terms in different items
    assert archive.search("   ") == []
    for odd in ['"', "%", "_", 'a"b c', "(", "NOT", "*", "林草 AND"]:
        archive.search(odd)  # FTS syntax and LIKE wildcards are taken literally, never an error
    assert archive.search("%") == []


def test_search_sees_changes_on_disk(archive, sample_issue):
    archive.save(sample_issue)
    assert archive.search("自然资源厅")
    issue = copy.deepcopy(sample_issue)
    visits(issue).items.clear()
    save_issue(issue, archive.folder / "2022-028.bulletin")
    os.utime(archive.folder / "2022-028.bulletin", ns=(2, 2))
    assert archive.search("自然资源厅") == []


def test_save_killed_half_way_leaves_the_archived_file_whole(archive, sample_issue, monkeypatch):
    path = archive.save(sample_issue)
    before = path.read_bytes()
    changed = numbered(sample_issue, 2022, 28, 999)

    def killed(*args):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(BulletinError, match="无法保存"):
        archive.save(changed)
    assert path.read_bytes() == before
    assert not [p for p in archive.folder.rglob("*.tmp")]


@pytest.mark.parametrize(
    "failure, message",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有写入该文件夹的权限"),
    ],
)
def test_full_disk_or_read_only_folder_gives_a_clear_message(
    archive, sample_issue, monkeypatch, failure, message
):
    path = archive.save(sample_issue)
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(BulletinError, match=message):
        archive.save(numbered(sample_issue, 2022, 28, 999))
    assert path.read_bytes() == before


def test_unreachable_archive_folder_gives_a_clear_message(user_dirs, tmp_path, sample_issue):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    a = Archive(blocker / "archive")
    with pytest.raises(BulletinError, match="无法创建归档文件夹"):
        a.save(sample_issue)


def test_unwritable_index_folder_gives_a_clear_message(user_dirs, tmp_path, sample_issue):
    folder = tmp_path / "archive"
    Archive(folder).save(sample_issue)
    (user_dirs / "cache").mkdir(parents=True)
    (user_dirs / "cache" / "archive-index").write_text("a file where the folder should be")
    with pytest.raises(BulletinError, match="无法打开归档索引"):
        Archive(folder).entries()


def test_find_an_issue_by_year_and_number_or_by_total(archive, sample_issue):
    for year, number, total in [(2021, 52, 377), (2022, 1, 378), (2022, 2, 379)]:
        archive.save(numbered(sample_issue, year, number, total))
    (archive.folder / "2022-003.bulletin").write_text("{broken", encoding="utf-8")
    assert archive.find(2022, 2).total_number == 379
    assert archive.find(2022, 3) is None  # unreadable files are never found
    assert archive.find(2022, 10**30) is None
    assert archive.find_total(377).path == archive.folder / "2021-052.bulletin"
    assert archive.find_total(400) is None

    later = numbered(sample_issue, 2022, 3, 380)
    assert archive.previous_of(later) == archive.folder / "2022-002.bulletin"
    first_of_year = numbered(sample_issue, 2022, 1, 378)
    assert archive.previous_of(first_of_year) == archive.folder / "2021-052.bulletin"  # by total
    assert archive.previous_of(numbered(sample_issue, 2023, 1, 500)) is None


def test_a_busy_index_is_waited_for_read_as_it_is_and_never_deleted(
    user_dirs, tmp_path, sample_issue, monkeypatch, capsys
):
    from bulletin_editor.cli import main

    folder = tmp_path / "archive"
    first = Archive(folder)
    first.save(sample_issue)
    first.refresh()
    first.close()
    index = archive_module._index_path(folder)
    inode = index.stat().st_ino
    other = sqlite3.connect(index, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is updating the index
    monkeypatch.setattr(archive_module, "BUSY_WAIT_S", 0.2)
    Archive(folder).save(numbered(sample_issue, 2022, 29, 404))

    archive = Archive(folder)
    assert archive.refresh().busy
    assert [e.number for e in archive.entries(refresh=False)] == [28]  # read while it is written
    assert [h.number for h in archive.search("谢安军", refresh=False)] == [28]
    assert main(["archive", "--dir", str(folder), "list"]) == 0
    assert "正被另一个程序更新" in capsys.readouterr().err
    assert index.stat().st_ino == inode

    other.execute("COMMIT")
    other.close()
    assert archive.refresh().read == 1
    assert [e.number for e in archive.entries()] == [29, 28]
    assert index.stat().st_ino == inode
    archive.close()


def test_a_file_leaves_the_word_index_whatever_order_its_tokens_come_in(archive, sample_issue, monkeypatch):
    path = archive.save(sample_issue)
    assert archive.search("谢安军")
    real_tokens = archive_module._tokens
    # Another process: another string hash seed, so another set order.
    monkeypatch.setattr(
        archive_module, "_tokens", lambda items: "\x1f".join(reversed(real_tokens(items).split("\x1f")))
    )
    issue = copy.deepcopy(sample_issue)
    visits(issue).items.clear()
    save_issue(issue, path)
    os.utime(path, ns=(3, 3))
    assert archive.search("谢安军") == []
    db = archive._connection()
    assert db.execute("SELECT count(*) FROM grams WHERE grams MATCH '\"谢安\"'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM grams WHERE grams MATCH '\"林草\"'").fetchone() == (1,)


def test_an_index_of_the_old_schema_is_replaced_in_place(user_dirs, tmp_path, sample_issue):
    folder = tmp_path / "archive"
    Archive(folder).save(sample_issue)
    index = archive_module._index_path(folder)
    index.parent.mkdir(parents=True)
    old = sqlite3.connect(index)
    old.execute("CREATE TABLE files (name TEXT PRIMARY KEY, year INTEGER)")
    old.execute("CREATE VIRTUAL TABLE items USING fts5(name UNINDEXED, text, tokenize = 'trigram')")
    old.execute("INSERT INTO items VALUES ('2022-028.bulletin', '旧索引的内容')")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    archive = Archive(folder)
    assert [e.number for e in archive.entries()] == [28]
    assert archive.search("旧索引") == [] and len(archive.search("林草")) == 2
    archive.close()
