"""The safety net wired into the real main window: autosave and crash recovery, locks,
versions on save, the final (定稿) mark, archive naming and opening from the archive."""

import copy
import datetime as dt
import json

import pytest
import shiboken6
from PySide6.QtCore import Qt

from bulletin_editor.app.startup import main_window
from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.storage import archive as archive_module
from bulletin_editor.storage import locks
from bulletin_editor.storage.archive import Archive
from bulletin_editor.storage.locks import lock_path, read_lock
from bulletin_editor.storage.recovery import list_recoverable
from bulletin_editor.storage.versions import is_final, list_versions, mark_final
from bulletin_editor.ui import dialogs
from bulletin_editor.ui.archive_window import ArchiveWindow, RecoveryDialog, VersionsDialog


@pytest.fixture
def env(qtbot, user_dirs, monkeypatch):
    """Unexpected modal dialogs fail the test; `env.errors` collects error messages shown."""

    class Env:
        def __init__(self):
            self.errors, self.windows = [], []

        def window(self, file=None):
            w = main_window(file)
            self.windows.append(w)  # closed at teardown, after unsaved changes are dropped
            return w

    e = Env()
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: e.errors.append(message))
    for module, name in [
        (dialogs, "ask_unsaved"),
        (dialogs, "ask_take_over"),
        (dialogs, "show_read_only"),
        (dialogs, "confirm_change_final"),
    ]:

        def unexpected(*args, _name=name, **kwargs):
            raise AssertionError(f"unexpected dialog {_name}")

        monkeypatch.setattr(module, name, unexpected)
    yield e
    for w in e.windows:
        if shiboken6.isValid(w):
            if w.document is not None:
                w.document.undo_stack.setClean()  # closing must not ask
            w.close()
            w.deleteLater()


@pytest.fixture
def saved(tmp_path, sample_issue):
    path = tmp_path / "shared" / "2022-028.bulletin"
    path.parent.mkdir()
    save_issue(sample_issue, path)
    return path


def set_copies(window, copies):
    document = window.document
    document.set_value(document.issue.distribution, "copies", copies, "修改印数")


def crash(qtbot, window, monkeypatch):
    """The editor dies: no close event, no clean-up, and a new process has no locks in memory."""
    window.hide()
    with qtbot.waitSignal(window.destroyed):
        window.deleteLater()
    monkeypatch.setattr(locks, "_held", {})


def answer_recovery(monkeypatch, button):
    def exec_(dialog):
        getattr(dialog, button).click()
        return 0

    monkeypatch.setattr(RecoveryDialog, "exec", exec_)


def test_crash_with_unsaved_changes_is_recovered_at_the_next_start(qtbot, env, saved, monkeypatch):
    window = main_window(saved)
    window.safekeeping.timer.setInterval(20)
    set_copies(window, 95)
    qtbot.waitUntil(lambda: len(list_recoverable()) == 1)  # the autosave fired
    crash(qtbot, window, monkeypatch)
    assert load_issue(saved).distribution.copies == 80  # the change never reached the file

    answer_recovery(monkeypatch, "recover_button")
    again = env.window()
    assert again.current_issue().distribution.copies == 95
    assert again.current_path() == saved and again.is_modified()
    assert read_lock(saved).token == again.safekeeping.lock.info.token  # own stale lock taken back

    assert again.save()
    assert load_issue(saved).distribution.copies == 95
    assert list_recoverable() == []
    assert [v.load().distribution.copies for v in list_versions(saved)] == [80]
    again.close()
    assert not lock_path(saved).exists()


def test_later_keeps_the_autosave_and_a_new_blank_issue_is_recoverable_too(qtbot, env, monkeypatch):
    window = main_window()
    window.safekeeping.timer.setInterval(20)
    set_copies(window, 12)
    qtbot.waitUntil(lambda: len(list_recoverable()) == 1)
    crash(qtbot, window, monkeypatch)

    answer_recovery(monkeypatch, "later_button")
    env.window()
    (left,) = list_recoverable()
    assert left.original is None and left.load().distribution.copies == 12


def test_clean_close_removes_autosave_and_lock(qtbot, env, saved):
    window = env.window(saved)
    assert lock_path(saved).exists()
    set_copies(window, 95)
    window.safekeeping.autosave()
    assert len(list_recoverable()) == 1
    window.document.undo_stack.setClean()  # discarded at the prompt
    window.close()
    assert list_recoverable() == [] and not lock_path(saved).exists()


def test_no_autosave_without_changes_and_save_removes_it(qtbot, env, saved):
    window = env.window(saved)
    window.safekeeping.autosave()
    assert list_recoverable() == []
    set_copies(window, 95)
    window.safekeeping.autosave()
    assert len(list_recoverable()) == 1
    assert window.save()
    assert list_recoverable() == []


def test_autosave_failure_is_shown_in_the_status_bar(qtbot, env, saved, monkeypatch):
    import errno
    import os

    window = env.window(saved)
    set_copies(window, 95)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    window.safekeeping.autosave()
    assert "自动保存失败" in window.statusBar().currentMessage()
    assert "磁盘空间不足" in window.statusBar().currentMessage()


def test_issue_locked_by_a_colleague_opens_read_only(qtbot, env, saved, monkeypatch, tmp_path, lock_clock):
    taken = lock_clock - dt.timedelta(hours=1)
    lock_path(saved).write_text(
        json.dumps({"user": "zhangsan", "computer": "PC-ZHANG", "time": taken.isoformat(), "token": "t"}),
        encoding="utf-8",
    )
    told = []
    monkeypatch.setattr(dialogs, "ask_take_over", lambda parent, message: told.append(message) or False)
    window = env.window(saved)  # the user answers 只读打开
    assert "zhangsan" in told[0] and "PC-ZHANG" in told[0]
    assert "zhangsan" in window.safekeeping.read_only_label.text()

    set_copies(window, 95)
    assert not window.save()
    assert "只读" in env.errors[-1] and load_issue(saved).distribution.copies == 80
    assert read_lock(saved).user == "zhangsan"

    elsewhere = tmp_path / "mine.bulletin"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: elsewhere)
    assert window.save_as()
    assert load_issue(elsewhere).distribution.copies == 95
    assert read_lock(elsewhere).mine and window.safekeeping.read_only_label.text() == ""
    assert read_lock(saved).user == "zhangsan"  # the colleague's lock is untouched
    window.close()
    assert not lock_path(elsewhere).exists() and lock_path(saved).exists()


def test_stale_lock_can_be_taken_over(qtbot, env, saved, monkeypatch, lock_clock):
    taken = lock_clock - dt.timedelta(days=2)
    lock_path(saved).write_text(
        json.dumps({"user": "zhangsan", "computer": "PC-ZHANG", "time": taken.isoformat(), "token": "t"}),
        encoding="utf-8",
    )
    asked = []
    monkeypatch.setattr(dialogs, "ask_take_over", lambda parent, message: asked.append(message) or True)
    window = env.window(saved)
    assert "接管" in asked[0]
    assert read_lock(saved).mine
    set_copies(window, 95)
    assert window.save()


def test_versions_on_save_and_restore_from_the_menu(qtbot, env, saved, monkeypatch):
    window = env.window(saved)
    for copies in (81, 82):
        set_copies(window, copies)
        assert window.save()
    assert [v.load().distribution.copies for v in list_versions(saved)] == [81, 80]

    def restore_oldest(dialog):
        dialog.view.selectRow(dialog.versions.rowCount() - 1)
        dialog.restore_button.click()
        return 0

    monkeypatch.setattr(VersionsDialog, "exec", restore_oldest)
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    window.safekeeping.versions_action.trigger()
    assert window.current_issue().distribution.copies == 80
    assert load_issue(saved).distribution.copies == 80 and not window.is_modified()
    assert window.safekeeping.lock is not None and read_lock(saved).mine  # still ours


def test_export_does_not_mark_final_and_a_change_asks_first(qtbot, env, saved, monkeypatch, tmp_path):
    window = env.window(saved)
    monkeypatch.setattr(dialogs, "confirm_export_with_findings", lambda *a: True)
    suggested = []
    monkeypatch.setattr(
        dialogs, "ask_export_path", lambda parent, s: suggested.append(s) or tmp_path / "送审.docx"
    )
    monkeypatch.setattr(dialogs, "offer_open_export", lambda *a: dialogs.AfterExport.NOTHING)
    assert window.export_word() == tmp_path / "送审.docx"
    assert suggested == [str(saved.with_suffix(".docx"))]  # the export goes beside the issue
    assert not is_final(saved) and not window.safekeeping.final_action.isChecked()  # the user's choice
    window.safekeeping.final_action.trigger()
    assert is_final(saved) and window.safekeeping.read_only_label.text() == "定稿"

    questions = []
    monkeypatch.setattr(dialogs, "confirm_change_final", lambda parent, mark: questions.append(mark) or False)
    set_copies(window, 95)  # an edit not typed is undone on no
    assert "手动标记" in questions[0]
    assert window.current_issue().distribution.copies == 80 and not window.is_modified()  # undone

    monkeypatch.setattr(dialogs, "confirm_change_final", lambda parent, mark: questions.append(mark) or True)
    set_copies(window, 96)
    set_copies(window, 97)
    assert len(questions) == 2  # asked once, not at every change
    assert window.current_issue().distribution.copies == 97
    assert window.save()
    assert not is_final(saved) and not window.safekeeping.final_action.isChecked()


def test_typing_into_a_final_issue_asks_once_and_keeps_the_keystroke(qtbot, env, saved, monkeypatch):
    mark_final(saved)
    window = env.window(saved)
    window.outline.select_key(("masthead",))
    field = window.editor.unit
    field.setFocus()
    field.end(False)
    questions = []

    def answer(parent, mark, reply):
        questions.append((mark, field.text(), window.current_issue().masthead.unit))
        return reply

    monkeypatch.setattr(dialogs, "confirm_change_final", lambda p, m: answer(p, m, False))
    qtbot.keyClick(field, "x")
    unit = "四川省政府政务服务和公共资源交易服务中心"
    assert questions == [(questions[0][0], unit, unit)]  # asked before the key arrived
    assert field.text() == unit and window.current_issue().masthead.unit == unit  # no: nothing typed
    monkeypatch.setattr(dialogs, "confirm_change_final", lambda p, m: answer(p, m, True))
    qtbot.keyClick(field, "A")
    assert len(questions) == 2 and questions[1][1:] == (unit, unit)
    assert (
        field.text() == unit + "A" and window.current_issue().masthead.unit == unit + "A"
    )  # yes: it arrived
    qtbot.keyClick(field, "B")
    window.editor.number.setFocus()
    qtbot.keyClick(window.editor.number, Qt.Key.Key_Up)
    assert len(questions) == 2  # once per session
    assert field.text() == unit + "AB" and window.current_issue().masthead.number == 29


def test_final_by_hand_from_the_menu(qtbot, env, saved):
    window = env.window(saved)
    window.safekeeping.final_action.trigger()
    assert is_final(saved)
    window.safekeeping.final_action.trigger()
    assert not is_final(saved)
    mark_final(saved)
    window.close()
    assert env.window(saved).safekeeping.final_action.isChecked()  # read when the issue opens


def test_the_same_issue_in_a_second_window_is_read_only(qtbot, env, saved, monkeypatch):
    first = env.window(saved)
    told = []
    monkeypatch.setattr(dialogs, "show_read_only", lambda parent, message: told.append(message))
    second = env.window(saved)
    assert "另一个窗口" in told[0] and second.safekeeping.lock is None
    set_copies(second, 95)
    assert not second.save() and load_issue(saved).distribution.copies == 80
    second.document.undo_stack.setClean()
    second.close()
    assert read_lock(saved).token == first.safekeeping.lock.info.token  # the first keeps its lock


def test_a_new_issue_is_saved_into_the_archive_by_year_and_number(qtbot, env, monkeypatch):
    window = env.window()
    suggestions = []
    monkeypatch.setattr(
        dialogs,
        "ask_save_path",
        lambda parent, suggestion: suggestions.append(suggestion) or __import__("pathlib").Path(suggestion),
    )
    assert window.save()
    issue = window.current_issue()
    expected = Archive().folder / f"{issue.masthead.year}-{issue.masthead.number:03d}.bulletin"
    assert suggestions == [str(expected)] and load_issue(expected) == issue
    assert [e.path for e in Archive().entries()] == [expected]


def test_open_a_search_hit_from_the_archive_window(qtbot, env, sample_issue, tmp_path):
    archive_module.set_archive_folder(tmp_path / "archive")
    archive = Archive()
    earlier = copy.deepcopy(sample_issue)
    earlier.masthead.number, earlier.masthead.total_number = 27, 402
    archive.save(earlier)
    archive.save(sample_issue)
    window = env.window()
    window.show_archive()
    (found,) = window.findChildren(ArchiveWindow)
    found.search_box.setText("谢安军")
    qtbot.waitUntil(lambda: found.hits.rowCount() == 2)
    found.hit_view.doubleClicked.emit(found.hits.index(1, 0))
    assert window.current_path() == archive.folder / "2022-027.bulletin"
    assert window.current_issue().masthead.number == 27
    assert read_lock(window.current_path()).mine
    window.show_archive()
    second = next(w for w in window.findChildren(ArchiveWindow) if w.isVisible())
    second.issue_view.selectRow(0)
    qtbot.mouseClick(second.next_button, Qt.LeftButton)
    assert window.current_issue().masthead.total_number == 404  # after the newest, No. 28 (总第403期)
    assert window.current_path() is None and window.is_modified()
    assert not lock_path(archive.folder / "2022-027.bulletin").exists()  # released with the issue


def test_a_colleague_who_took_the_lock_over_is_not_overwritten(qtbot, env, saved, lock_clock):
    window = env.window(saved)
    taken = lock_clock
    lock_path(saved).write_text(
        json.dumps({"user": "lisi", "computer": "PC-LI", "time": taken.isoformat(), "token": "taken"}),
        encoding="utf-8",
    )
    set_copies(window, 95)
    assert not window.save()
    assert "lisi" in env.errors[-1] and "接管" in env.errors[-1] and "另存为" in env.errors[-1]
    assert load_issue(saved).distribution.copies == 80
    assert "lisi" in window.safekeeping.read_only_label.text()
    window.document.undo_stack.setClean()
    window.close()
    assert read_lock(saved).user == "lisi"  # closing leaves their lock alone


def test_save_as_onto_an_issue_open_in_another_window_is_refused(
    qtbot, env, saved, monkeypatch, sample_issue
):
    env.window(saved)
    other = env.window()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: saved)
    assert not other.save_as()
    assert "打开了它" in env.errors[-1]
    assert load_issue(saved) == sample_issue


def test_recovered_issue_whose_folder_is_gone_is_saved_elsewhere(
    qtbot, env, tmp_path, sample_issue, monkeypatch
):
    from bulletin_editor.storage.recovery import RecoverySlot

    gone = tmp_path / "U盘" / "2022-028.bulletin"
    edited = copy.deepcopy(sample_issue)
    edited.distribution.copies = 66
    RecoverySlot(gone).save(edited)
    answer_recovery(monkeypatch, "recover_button")
    told = []
    monkeypatch.setattr(dialogs, "show_read_only", lambda parent, message: told.append(message))
    window = env.window()
    assert window.current_issue() == edited and window.current_path() == gone
    assert "不存在" in told[0]

    rescued = tmp_path / "2022-028.bulletin"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: rescued)
    assert window.save_as()
    assert load_issue(rescued) == edited and list_recoverable() == []


@pytest.mark.parametrize(
    "failure, message",
    [
        (OSError(28, "No space left on device"), "磁盘空间不足"),
        (PermissionError(13, "Permission denied"), "权限"),
    ],
)
def test_save_on_a_full_disk_or_read_only_folder_says_so_and_keeps_the_file(
    qtbot, env, saved, monkeypatch, failure, message
):
    window = env.window(saved)
    before = saved.read_bytes()
    set_copies(window, 95)

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr("bulletin_editor.storage.atomic._create", fail)  # the temporary file
    assert not window.save()
    assert message in env.errors[-1]
    assert saved.read_bytes() == before and window.is_modified()


@pytest.mark.parametrize("field", ["number", "issue_date", "unit"])
def test_every_kind_of_field_asks_before_a_final_issue_changes(qtbot, env, saved, monkeypatch, field):
    mark_final(saved)
    window = env.window(saved)
    window.outline.select_key(("masthead",))
    widget = getattr(window.editor, field)
    widget = getattr(widget, "edit", widget)  # a date field types into its line
    before = copy.deepcopy(window.current_issue())
    questions = []
    monkeypatch.setattr(dialogs, "confirm_change_final", lambda p, m: questions.append(m) or False)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget, "7")
    assert len(questions) == 2 and window.current_issue() == before and not window.is_modified()
