"""Lock files beside issues in shared folders."""

import datetime as dt
import json

import pytest

from bulletin_editor.storage import locks
from bulletin_editor.storage.locks import IssueLocked, LockUnavailable, acquire, lock_path, read_lock


@pytest.fixture
def issue_path(tmp_path, sample_issue, lock_clock):
    from bulletin_editor.formats.bulletin import save_issue

    path = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, path)
    return path


def written_by(path, user, computer, hours_ago):
    """A lock file as another user's editor writes it."""
    time = locks.now() - dt.timedelta(hours=hours_ago)
    lock_path(path).write_text(
        json.dumps({"user": user, "computer": computer, "time": time.isoformat(), "token": "theirs"}),
        encoding="utf-8",
    )


def test_lock_records_user_computer_and_time_and_is_released(issue_path, lock_clock):
    lock = acquire(issue_path)
    data = json.loads(lock_path(issue_path).read_text(encoding="utf-8"))
    assert data["user"] == locks.current_user() and data["computer"] == locks.current_computer()
    assert dt.datetime.fromisoformat(data["time"]) == lock_clock
    assert lock_path(issue_path).name == "2022-028.bulletin.lock"
    lock.release()
    assert not lock_path(issue_path).exists()
    acquire(issue_path).release()  # free again


def test_someone_elses_lock_says_who_and_offers_read_only(issue_path):
    written_by(issue_path, "zhangsan", "PC-ZHANG", hours_ago=1)
    with pytest.raises(IssueLocked) as caught:
        acquire(issue_path)
    info = caught.value.info
    assert (info.user, info.computer, info.stale) == ("zhangsan", "PC-ZHANG", False)
    assert "zhangsan" in str(caught.value) and "PC-ZHANG" in str(caught.value)
    assert "只读" in str(caught.value) and "接管" in str(caught.value)
    assert read_lock(issue_path).user == "zhangsan"  # asking never takes it
    lock = acquire(issue_path, take_over=True)  # the user chose to, after the question
    assert read_lock(issue_path).token == lock.info.token and lock.taken_from.user == "zhangsan"
    lock.release()


def test_a_lock_older_than_a_working_day_can_be_taken_over(issue_path):
    written_by(issue_path, "zhangsan", "PC-ZHANG", hours_ago=30)
    with pytest.raises(IssueLocked) as caught:
        acquire(issue_path)
    assert caught.value.info.stale and "接管" in str(caught.value)
    lock = acquire(issue_path, take_over=True)
    assert read_lock(issue_path).token == lock.info.token
    lock.release()
    assert not lock_path(issue_path).exists()


def test_own_lock_left_by_a_crash_is_taken_without_asking(issue_path):
    written_by(issue_path, locks.current_user(), locks.current_computer(), hours_ago=0)
    lock = acquire(issue_path)
    assert read_lock(issue_path).token == lock.info.token
    lock.release()


def test_second_window_in_this_program_is_refused(issue_path):
    lock = acquire(issue_path)
    with pytest.raises(IssueLocked, match="另一个窗口"):
        acquire(issue_path)
    lock.release()
    acquire(issue_path).release()


def test_release_leaves_a_lock_someone_took_over(issue_path):
    lock = acquire(issue_path)
    written_by(issue_path, "lisi", "PC-LI", hours_ago=0)  # taken over while we were away
    lock.release()
    assert read_lock(issue_path).user == "lisi"


def test_damaged_lock_can_be_taken_over(issue_path):
    lock_path(issue_path).write_bytes(b"\x00\x01half")
    info = read_lock(issue_path)
    assert info.stale
    acquire(issue_path, take_over=True).release()


def test_read_only_folder_means_read_only_opening(issue_path, monkeypatch):
    import builtins

    real_open = builtins.open

    def read_only(file, mode="r", *args, **kwargs):
        if "x" in mode or "w" in mode:
            raise PermissionError(13, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only)
    with pytest.raises(LockUnavailable, match="只读"):
        acquire(issue_path)


def test_missing_folder_means_read_only_opening(tmp_path):
    with pytest.raises(LockUnavailable, match="不存在"):
        acquire(tmp_path / "moved away" / "2022-028.bulletin")


def _process_lock(path, pid, started, user=None, name=""):
    """A lock as an editor on this computer writes it, naming its process."""
    lock_path(path).write_text(
        json.dumps(
            {
                "user": user or locks.current_user(),
                "name": name,
                "computer": locks.current_computer(),
                "pid": pid,
                "started": started,
                "time": locks.now().isoformat(),  # the stopped clock of issue_path
                "token": "theirs",
            }
        ),
        encoding="utf-8",
    )


@pytest.fixture
def other_process():
    """A live process other than this one: its pid and start time."""
    import subprocess
    import sys

    from bulletin_editor.storage import processes

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield child.pid, processes.started(child.pid)
    finally:
        child.kill()
        child.wait()


def test_a_live_editors_lock_is_never_taken_silently_even_the_same_users(issue_path, other_process):
    pid, started = other_process
    _process_lock(issue_path, pid, started, name="张三")
    with pytest.raises(IssueLocked) as caught:
        acquire(issue_path)
    info = caught.value.info
    assert info.running is True and not info.stale
    assert info.holder == f"张三（{locks.current_user()}，计算机 {locks.current_computer()}）"
    assert "张三" in str(caught.value) and "收到通知" in str(caught.value)


def test_a_lock_whose_editor_is_gone_is_taken_over_with_a_note(issue_path, other_process):
    pid, started = other_process
    _process_lock(issue_path, pid, started + 5, user="lisi")  # the pid now names another process
    lock = acquire(issue_path)
    assert lock.taken_from.user == "lisi" and lock.taken_from.stale
    lock.release()


def test_a_new_lock_names_its_process_and_display_name(issue_path):
    import os

    lock = acquire(issue_path)
    data = json.loads(lock_path(issue_path).read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["name"] == locks.current_display_name()
    assert read_lock(issue_path).running is True
    lock.release()
