"""The crash path: log, rescue the open issue to the recovery folder, then a Chinese dialog."""

import logging
import logging.handlers
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bulletin_editor.app import crash, logging_setup
from bulletin_editor.formats.bulletin import load_issue, save_issue


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setattr(logging_setup, "log_dir", lambda: folder)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    yield folder
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()


class Dialogs:
    """Stands in for the modal exec(): records each box and clicks the button named `answer`."""

    def __init__(self):
        self.shown: list[QMessageBox] = []
        self.answer: str | None = None

    def exec(self, box):
        self.shown.append(box)
        if self.answer:
            next(b for b in box.buttons() if b.text() == self.answer).click()
        return 0


@pytest.fixture
def dialogs(monkeypatch):
    fake = Dialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: fake.exec(box))
    return fake


def _raise_in_slot():
    raise ZeroDivisionError("boom in a slot")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_rescues_the_issue_before_the_dialog(
    qtbot, log_dir, dialogs, sample_issue, tmp_path
):
    recovery = tmp_path / "recovery"
    recovery.mkdir()
    on_disk_when_dialog_shown = []

    def rescue():
        target = recovery / "open-issue.bulletin"
        save_issue(sample_issue, target)
        return target

    original_exec = QMessageBox.exec

    def exec_checking_recovery(box):
        on_disk_when_dialog_shown.append((recovery / "open-issue.bulletin").exists())
        return original_exec(box)

    QMessageBox.exec = exec_checking_recovery
    try:
        log = logging_setup.setup_logging()
        crash.install(rescue)
        QTimer.singleShot(0, _raise_in_slot)
        qtbot.waitUntil(lambda: len(dialogs.shown) == 1)
    finally:
        QMessageBox.exec = original_exec

    assert on_disk_when_dialog_shown == [True]
    assert load_issue(recovery / "open-issue.bulletin") == sample_issue
    box = dialogs.shown[0]
    assert "意外错误" in box.text()
    assert str(recovery / "open-issue.bulletin") in box.text()
    assert str(log) in box.text()
    assert "ZeroDivisionError: boom in a slot" in box.detailedText()
    text = log.read_text(encoding="utf-8")
    assert "unhandled exception" in text and "ZeroDivisionError: boom in a slot" in text
    assert f"open issue saved to {recovery / 'open-issue.bulletin'}" in text


@pytest.mark.qt_no_exception_capture
def test_a_failing_rescue_is_logged_and_the_user_told_to_save(qtbot, log_dir, dialogs):
    def rescue():
        raise OSError("disk gone")

    log = logging_setup.setup_logging()
    crash.install(rescue)
    QTimer.singleShot(0, _raise_in_slot)
    qtbot.waitUntil(lambda: len(dialogs.shown) == 1)
    assert "未能把正在编辑的周报保存到恢复文件夹" in dialogs.shown[0].text()
    assert "OSError: disk gone" in log.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_choosing_quit_ends_the_event_loop_with_status_1(qtbot, log_dir, dialogs):
    logging_setup.setup_logging()
    crash.install(lambda: None)
    dialogs.answer = "退出程序"
    QTimer.singleShot(0, _raise_in_slot)
    # A safety net, never the answer; stopped afterwards, or its exit() would end every event
    # loop of the tests that follow.
    safety = QTimer(singleShot=True, interval=5000)
    safety.timeout.connect(lambda: QApplication.exit(99))
    safety.start()
    try:
        assert QApplication.instance().exec() == 1
    finally:
        safety.stop()
    assert "没有未保存的内容需要恢复" in dialogs.shown[0].text()


@pytest.mark.qt_no_exception_capture
def test_an_error_while_the_dialog_is_up_is_only_logged(qtbot, log_dir, monkeypatch):
    shown = []

    def exec_raising_again(box):
        shown.append(box.text())
        crash.handle_exception(ValueError, ValueError("second"), None)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_raising_again)
    log = logging_setup.setup_logging()
    crash.install(None)
    crash.handle_exception(RuntimeError, RuntimeError("first"), None)
    assert len(shown) == 1
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: first" in text and "ValueError: second" in text


def test_log_rotates_and_an_unwritable_folder_does_not_stop_the_program(tmp_path, log_dir, monkeypatch):
    log = logging_setup.setup_logging()
    assert log == log_dir / "bulletin-editor.log"
    assert logging_setup.setup_logging() == log  # idempotent: one handler, not two
    handlers = [
        h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert len(handlers) == 1 and handlers[0].maxBytes > 0 and handlers[0].backupCount > 0
    for _ in range(logging_setup.MAX_BYTES // 1000 + 50):
        logging.getLogger("test").info("x" * 1000)
    assert (log_dir / "bulletin-editor.log.1").exists()

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(logging_setup, "log_dir", lambda: blocker / "logs")
    assert logging_setup.setup_logging() is None


@pytest.mark.qt_no_exception_capture
def test_a_crash_in_the_editor_puts_its_unsaved_issue_in_the_recovery_folder(
    editor_window, qtbot, log_dir, dialogs, sample_issue, tmp_path
):
    from bulletin_editor.app.startup import rescue_open_issue
    from bulletin_editor.storage.recovery import list_recoverable

    opened_from = tmp_path / "2022-028.bulletin"
    editor_window.open_issue(sample_issue, opened_from, modified=True)
    logging_setup.setup_logging()
    crash.install(rescue=lambda: rescue_open_issue(editor_window))  # as run_editor does
    QTimer.singleShot(0, _raise_in_slot)
    qtbot.waitUntil(lambda: len(dialogs.shown) == 1)

    [recovered] = list_recoverable()  # what the next start offers
    assert recovered.load() == sample_issue
    assert recovered.original == opened_from
    assert str(recovered.path) in dialogs.shown[0].text()
    assert editor_window.is_modified()  # the dialog left the window as it was
    editor_window.document.undo_stack.setClean()  # closing at teardown must not ask


@pytest.mark.qt_no_exception_capture
def test_a_crash_with_nothing_unsaved_leaves_the_recovery_folder_empty(
    editor_window, qtbot, log_dir, dialogs, sample_issue
):
    from bulletin_editor.app.startup import rescue_open_issue
    from bulletin_editor.storage.recovery import list_recoverable

    editor_window.open_issue(sample_issue)
    crash.install(rescue=lambda: rescue_open_issue(editor_window))
    QTimer.singleShot(0, _raise_in_slot)
    qtbot.waitUntil(lambda: len(dialogs.shown) == 1)
    assert list_recoverable() == []
    assert "没有未保存的内容需要恢复" in dialogs.shown[0].text()


def test_an_error_in_a_worker_thread_is_logged_without_a_dialog(qapp, log_dir, dialogs):
    import threading

    log = logging_setup.setup_logging()
    crash.install(None)
    worker = threading.Thread(target=lambda: crash.handle_exception(OSError, OSError("in a worker"), None))
    worker.start()
    worker.join()
    assert dialogs.shown == []
    assert "OSError: in a worker" in log.read_text(encoding="utf-8")


def test_a_hard_crash_inside_qt_leaves_its_traceback_in_fatal_log(tmp_path):
    """No Python exception, the process just dies (a segfault in Qt, say)."""
    import os
    import subprocess

    code = (
        "from bulletin_editor.app.startup import start_logging_and_crash_handler\n"
        "start_logging_and_crash_handler()\n"
        "import ctypes\n"
        "def die():\n"
        "    ctypes.string_at(0)\n"
        "die()\n"
    )
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    [fatal] = (tmp_path / "state").rglob("fatal.log")
    text = fatal.read_text(encoding="utf-8")
    assert "in die" in text
    assert "Segmentation fault" in text or "access violation" in text  # Linux, Windows
