"""Autosave to the recovery folder, and recovery at the next start."""

import copy
import os

import pytest

from bulletin_editor.errors import BulletinError
from bulletin_editor.storage.recovery import RecoverySlot, list_recoverable, recovery_folder


def test_recovery_folder_is_in_the_user_data_dir(user_dirs):
    assert recovery_folder() == user_dirs / "data" / "recovery"


def test_round_trip(user_dirs, tmp_path, sample_issue):
    original = tmp_path / "2022-028.bulletin"
    edited = copy.deepcopy(sample_issue)
    edited.distribution.copies = 81
    slot = RecoverySlot(original)
    slot.save(edited)

    (found,) = list_recoverable()
    assert found.original == original and found.label == "2022年第28期（总第403期）"
    assert found.load() == edited
    assert found.original_saved() is None  # the original was never saved
    found.discard()
    assert list_recoverable() == []


def test_a_new_unsaved_issue_is_recoverable_too(user_dirs, sample_issue):
    RecoverySlot().save(sample_issue)
    (found,) = list_recoverable()
    assert found.original is None and found.load() == sample_issue


def test_later_autosaves_replace_earlier_ones_and_a_clean_close_removes_them(user_dirs, sample_issue):
    slot = RecoverySlot()
    for copies in (1, 2, 3):
        edited = copy.deepcopy(sample_issue)
        edited.distribution.copies = copies
        slot.save(edited)
    (found,) = list_recoverable()
    assert found.load().distribution.copies == 3
    slot.discard()
    slot.discard()  # twice is harmless (save, then close)
    assert list_recoverable() == []


def test_adopted_slot_keeps_writing_the_same_file(user_dirs, sample_issue, tmp_path):
    RecoverySlot(tmp_path / "x.bulletin").save(sample_issue)
    (found,) = list_recoverable()
    slot = found.adopt()
    slot.save(sample_issue)
    assert [r.path for r in list_recoverable()] == [found.path]
    assert slot.original == tmp_path / "x.bulletin"
    slot.discard()
    assert list_recoverable() == []


def test_original_saved_time_is_shown_beside_the_autosave(user_dirs, tmp_path, sample_issue):
    from bulletin_editor.formats.bulletin import save_issue

    original = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, original)
    os.utime(original, (1_600_000_000, 1_600_000_000))
    RecoverySlot(original).save(sample_issue)
    (found,) = list_recoverable()
    assert found.original_saved().timestamp() == 1_600_000_000


def test_damaged_autosaves_are_skipped_not_fatal(user_dirs, sample_issue):
    RecoverySlot().save(sample_issue)
    recovery_folder().joinpath("broken.json").write_text("{", encoding="utf-8")
    recovery_folder().joinpath("wrong.json").write_text(
        '{"autosaved": "2026-01-01T00:00:00", "document": {"format": "x"}}', encoding="utf-8"
    )
    assert len(list_recoverable()) == 1


def test_autosave_failure_is_a_clear_message(user_dirs, sample_issue, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BulletinError, match="磁盘空间不足"):
        RecoverySlot().save(sample_issue)
    assert list_recoverable() == []


def test_a_running_editors_autosave_is_not_offered(user_dirs, sample_issue):
    """Only an autosave whose editor is gone (checked by process id and start time) is offered."""
    import json
    import subprocess
    import sys

    from bulletin_editor.storage import processes

    slot = RecoverySlot()
    slot.save(sample_issue)
    document = json.loads(slot.path.read_text(encoding="utf-8"))
    assert (document["pid"], document["started"]) == processes.this_process()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        document["pid"], document["started"] = child.pid, processes.started(child.pid)
        slot.path.write_text(json.dumps(document), encoding="utf-8")
        assert list_recoverable() == []  # that editor still runs
    finally:
        child.kill()
        child.wait()
    assert [r.path for r in list_recoverable()] == [slot.path]  # now it is gone
