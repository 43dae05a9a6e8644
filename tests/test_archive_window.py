"""The archive window, the versions dialog and the recovery prompt, driven as a user would."""

import copy
import datetime as dt
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bulletin_editor.formats.bulletin import load_issue
from bulletin_editor.model.tree import Place
from bulletin_editor.storage import archive as archive_module
from bulletin_editor.storage.archive import Archive
from bulletin_editor.storage.recovery import RecoverySlot, list_recoverable
from bulletin_editor.storage.versions import list_versions, save_with_version
from bulletin_editor.ui import archive_window, dialogs
from bulletin_editor.ui.archive_window import ArchiveWindow, RecoveryDialog, VersionsDialog, offer_recovery


def numbered(issue, number, total):
    issue = copy.deepcopy(issue)
    issue.masthead.number, issue.masthead.total_number = number, total
    issue.masthead.issue_date = dt.date(2022, 1, 1) + dt.timedelta(days=7 * number)
    return issue


@pytest.fixture
def archive(user_dirs, tmp_path, sample_issue):
    a = Archive(tmp_path / "archive")
    a.save(numbered(sample_issue, 27, 402))
    a.save(sample_issue)
    yield a
    a.close()


def refreshed(qtbot, window):
    """Wait for the window's background update of the index to end."""
    qtbot.waitUntil(lambda: not window.refreshing)
    return window


@pytest.fixture
def window(qtbot, archive):
    w = ArchiveWindow(archive)
    qtbot.addWidget(w)
    w.show()
    return refreshed(qtbot, w)


def cell(view, row, column):
    model = view.model()
    return model.data(model.index(row, column))


def test_lists_every_issue_by_year_number_total_date_and_period(window):
    view = window.issue_view
    assert view.model().rowCount() == 2
    assert [cell(view, 0, c) for c in range(5)] == ["2022", "28", "403", "2022年9月27日", "8月22日—8月26日"]
    assert [cell(view, 1, c) for c in range(3)] == ["2022", "27", "402"]
    assert "共 2 期" in window.search_status.text()


def test_search_shows_matching_items_with_their_place(qtbot, window, archive):
    assert not window.hit_view.isVisible()
    window.search_box.setText("自然资源厅")
    qtbot.waitUntil(lambda: window.hits.rowCount() == 2)
    assert window.hit_view.isVisible()
    view = window.hit_view
    assert cell(view, 0, 0) == "2022年第28期" and cell(view, 1, 0) == "2022年第27期"
    assert cell(view, 0, 1) == "2022年8月23日"  # the visit's own date
    assert cell(view, 0, 2) == "政务服务工作 › 二、窗口工作动态 › （三）厅（局）长进大厅"
    assert "谢安军" in cell(view, 0, 3)
    assert "找到 2 条" in window.search_status.text()

    with qtbot.waitSignal(window.open_requested) as opened:
        view.doubleClicked.emit(view.model().index(1, 3))
    assert opened.args == [archive.folder / "2022-027.bulletin", Place(0, 1, 2, 0)]

    window.search_box.setText("没有这样的内容")
    qtbot.waitUntil(lambda: "没有找到" in window.search_status.text())
    assert window.issues.rowCount() == 0 and window.selected_entry() is None  # the list follows
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.hit_view.isHidden())
    assert window.issues.rowCount() == 2


def test_the_issue_list_shows_the_issues_with_hits(qtbot, window, archive, sample_issue):
    only_29 = numbered(sample_issue, 29, 404)
    only_29.parts[0].sections[1].subsections[0].items[0].text = "仅第29期有的独特内容。"
    archive.save(only_29)
    window.reload()
    refreshed(qtbot, window)
    assert window.issues.rowCount() == 3
    window.issue_view.selectRow(2)
    window.search_box.setText("独特内容")
    qtbot.waitUntil(lambda: window.hits.rowCount() == 1)
    assert [cell(window.issue_view, r, 1) for r in range(window.issues.rowCount())] == ["29"]
    assert window.selected_entry().path.name == "2022-029.bulletin"
    with qtbot.waitSignal(window.next_issue_requested) as started:
        qtbot.mouseClick(window.next_button, Qt.LeftButton)
    assert started.args == [archive.folder / "2022-029.bulletin"]


def test_open_and_next_issue_from_the_selected_issue(qtbot, window, archive):
    window.issue_view.selectRow(1)
    with qtbot.waitSignal(window.open_requested) as opened:
        qtbot.mouseClick(window.open_button, Qt.LeftButton)
    assert opened.args == [archive.folder / "2022-027.bulletin", None]

    window.show()
    window.issue_view.selectRow(0)
    with qtbot.waitSignal(window.next_issue_requested) as started:
        qtbot.mouseClick(window.next_button, Qt.LeftButton)
    assert started.args == [archive.folder / "2022-028.bulletin"]


def test_unreadable_file_is_shown_and_explained(qtbot, user_dirs, archive, monkeypatch):
    (archive.folder / "0000-broken.bulletin").write_text("not json", encoding="utf-8")
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: shown.append(message))
    w = ArchiveWindow(archive)
    qtbot.addWidget(w)
    refreshed(qtbot, w)
    assert w.issues.rowCount() == 3 and "1 个文件无法读取" in w.search_status.text()
    w.issue_view.selectRow(2)
    assert cell(w.issue_view, 2, 0) == "0000-broken.bulletin"
    assert w.issues.data(w.issues.index(2, 0), Qt.ForegroundRole) is not None
    qtbot.mouseClick(w.open_button, Qt.LeftButton)
    assert shown and "不是有效的 JSON" in shown[0]


def test_changing_the_archive_folder(qtbot, window, tmp_path, sample_issue, monkeypatch):
    other = tmp_path / "共享文件夹"
    Archive(other).save(numbered(sample_issue, 5, 380))
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: other)
    change = next(b for b in window.findChildren(QPushButton) if b.text() == "更改归档文件夹…")
    qtbot.mouseClick(change, Qt.LeftButton)
    refreshed(qtbot, window)
    assert archive_module.archive_folder() == other
    assert window.issues.rowCount() == 1 and cell(window.issue_view, 0, 1) == "5"
    assert str(other) in window.folder_label.text()


def test_show_archive_wires_the_main_window(qtbot, archive, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    class Editor(QMainWindow):
        def __init__(self):
            super().__init__()
            self.calls = []

        def open_archived(self, path, source):
            self.calls.append(("open", path, source))

        def start_next_from(self, path):
            self.calls.append(("next", path))

    archive_module.set_archive_folder(archive.folder)
    editor = Editor()
    qtbot.addWidget(editor)
    w = archive_window.show_archive(editor)
    assert archive_window.show_archive(editor) is w  # asked again: the same window comes forward
    refreshed(qtbot, w)
    w.issue_view.selectRow(0)
    qtbot.mouseClick(w.next_button, Qt.LeftButton)
    assert editor.calls == [("next", archive.folder / "2022-028.bulletin")]


def test_versions_dialog_previews_and_restores(qtbot, tmp_path, sample_issue, monkeypatch):
    path = tmp_path / "2022-028.bulletin"
    for copies in (70, 75, 80):
        issue = copy.deepcopy(sample_issue)
        issue.distribution.copies = copies
        save_with_version(issue, path)
    dialog = VersionsDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.versions.rowCount() == 2
    dialog.view.selectRow(1)
    assert "（共印70份）" in dialog.preview.toPlainText()
    assert dialog.preview.toPlainText().splitlines()[0] == "窗口工作周报"

    monkeypatch.setattr(dialogs, "confirm", lambda *a: False)
    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert load_issue(path).distribution.copies == 80 and dialog.restored is None

    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert load_issue(path).distribution.copies == 70
    assert dialog.restored.distribution.copies == 70
    assert len(list_versions(path)) == 3


def test_recovery_prompt_recovers_discards_or_waits(qtbot, user_dirs, tmp_path, sample_issue, monkeypatch):
    assert offer_recovery() == []  # nothing left: no dialog at all
    RecoverySlot(tmp_path / "2022-028.bulletin").save(sample_issue)
    RecoverySlot().save(numbered(sample_issue, 29, 404))

    def answer(button_name):
        def exec_(dialog):
            qtbot.addWidget(dialog)
            assert dialog.view.model().rowCount() == len(list_recoverable())
            getattr(dialog, button_name).click()
            return 0

        monkeypatch.setattr(RecoveryDialog, "exec", exec_)

    answer("later_button")
    assert offer_recovery() == [] and len(list_recoverable()) == 2

    answer("recover_button")
    chosen = offer_recovery()
    assert sorted(r.label for r in chosen) == ["2022年第28期（总第403期）", "2022年第29期（总第404期）"]
    assert len(list_recoverable()) == 2  # kept until the recovered issue is saved or closed

    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    answer("discard_button")
    assert offer_recovery() == [] and list_recoverable() == []


def test_recovery_dialog_shows_the_autosave_beside_the_saved_file(qtbot, user_dirs, tmp_path, sample_issue):
    from bulletin_editor.formats.bulletin import save_issue

    original = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, original)
    RecoverySlot(original).save(sample_issue)
    dialog = RecoveryDialog(list_recoverable())
    qtbot.addWidget(dialog)
    texts = [cell(dialog.view, 0, c) for c in range(4)]
    assert texts[0] == "2022年第28期（总第403期）" and texts[2] == str(original)
    assert texts[1] and texts[3]  # both times shown


def test_import_a_folder_of_word_issues_with_progress_and_report(
    qtbot, window, tmp_path, sample_issue, monkeypatch
):
    from bulletin_editor.formats.docx.writer import export_docx

    words = tmp_path / "往期"
    words.mkdir()
    older = numbered(sample_issue, 5, 380)
    export_docx(older, words / "第5期.docx")
    (words / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: words)
    reports = []
    monkeypatch.setattr(dialogs, "show_report", lambda parent, title, text: reports.append(text))
    button = next(b for b in window.findChildren(QPushButton) if b.text() == "导入 Word 文件夹…")
    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.search_box.isEnabled()  # the import runs off the GUI thread
    qtbot.waitUntil(lambda: len(reports) == 1)

    assert reports[0].startswith("共处理 2 个文件：导入 1 个，未导入 1 个。")
    assert "损坏.docx" in reports[0]
    refreshed(qtbot, window)
    assert [cell(window.issue_view, r, 1) for r in range(3)] == ["28", "27", "5"]
    assert load_issue(window.archive.folder / "2022-005.bulletin") == older


def test_too_many_hits_ask_for_a_narrower_search(qtbot, window, monkeypatch):
    monkeypatch.setattr(archive_window, "SEARCH_LIMIT", 3)
    window.search_box.setText("窗口")
    qtbot.waitUntil(lambda: window.hits.rowCount() == 3)
    assert "只显示最新的 3 条" in window.search_status.text()


def test_enter_in_the_search_box_searches_and_keeps_the_window_open(qtbot, window):
    window.search_box.setText("谢安军")
    qtbot.keyClick(window.search_box, Qt.Key_Return)
    assert window.isVisible() and window.hits.rowCount() == 2


def test_the_list_shows_at_once_and_the_window_stays_usable_while_the_index_updates(
    qtbot, archive, sample_issue, monkeypatch
):
    archive.refresh()  # the index holds Nos. 27 and 28
    archive.save(numbered(sample_issue, 29, 404))  # a colleague adds No. 29 to the shared folder
    gate = threading.Event()
    real_load = archive_module.load_issue
    monkeypatch.setattr(archive_module, "load_issue", lambda path: gate.wait(10) and real_load(path))

    w = ArchiveWindow(archive)
    qtbot.addWidget(w)
    w.show()
    assert w.refreshing and w.issues.rowCount() == 2  # what the index holds, without waiting
    assert "正在" in w.search_status.text()
    w.search_box.setText("谢安军")
    w.run_search()
    assert w.hits.rowCount() == 2 and "正在更新索引" in w.search_status.text()
    w.issue_view.selectRow(1)

    gate.set()
    qtbot.waitUntil(lambda: not w.refreshing)
    assert [cell(w.issue_view, r, 1) for r in range(3)] == ["29", "28", "27"]
    assert w.hits.rowCount() == 3  # the search is run again on the updated index
    assert w.selected_entry().number == 27  # the selection stays on the same issue


def test_closing_the_window_stops_the_update_and_keeps_what_was_read(
    qtbot, archive, sample_issue, monkeypatch
):
    for number in range(1, 6):
        archive.save(numbered(sample_issue, number, 375 + number))
    reads = []
    real_load = archive_module.load_issue

    def slow_load(path):
        reads.append(path.name)
        time.sleep(0.2)
        return real_load(path)

    monkeypatch.setattr(archive_module, "load_issue", slow_load)
    w = ArchiveWindow(archive)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: len(reads) >= 2)
    w.reject()  # the user closes the window during the update: it waits for the file being read
    assert not w.refreshing
    assert len(reads) < 7  # stopped before reading every file
    assert 0 < len(Archive(archive.folder).rows(refresh=False)) < 7  # what was read is kept
