"""The per-user setting files: one JSON object each in the config folder, read forgivingly."""

from pathlib import Path

from bulletin_editor.storage import settings


def test_settings_live_in_the_users_config_folder(user_dirs):
    settings.write_setting("archive", {"folder": "D:/周报"})
    assert settings.setting_path("archive") == user_dirs / "config" / "archive.json"
    assert settings.read_setting("archive") == {"folder": "D:/周报"}


def test_a_missing_or_damaged_file_is_no_setting(user_dirs):
    assert settings.read_setting("editor") == {} and settings.recent_files() == []
    path = settings.setting_path("editor")
    path.parent.mkdir(parents=True)
    for damaged in (b"\xff\xfe{", b"[1, 2]", b'{"recent_files": "C:/a.bulletin", "window": [1]}'):
        path.write_bytes(damaged)
        assert settings.recent_files() == [] and settings.window_layout() == {}
    path.write_text('{"window": {"geometry": "not base64!", "state": "AAE="}}', encoding="utf-8")
    assert settings.window_layout() == {"state": b"\x00\x01"}


def test_changing_one_key_keeps_the_others(user_dirs, tmp_path):
    settings.save_window_layout({"geometry": b"\x01\x02", "splitter": b""})
    settings.add_recent_file(tmp_path / "a.bulletin")
    settings.add_recent_file(tmp_path / "b.bulletin")
    assert settings.window_layout() == {"geometry": b"\x01\x02", "splitter": b""}
    assert settings.recent_files() == [tmp_path / "b.bulletin", tmp_path / "a.bulletin"]
    settings.remove_recent_file(tmp_path / "b.bulletin")
    assert settings.recent_files() == [tmp_path / "a.bulletin"]


def test_recent_files_keep_the_last_few_without_repeats(user_dirs, tmp_path):
    for name in [*"abcdefghij", "c"]:
        settings.add_recent_file(tmp_path / f"{name}.bulletin")
    names = [Path(p).stem for p in settings.recent_files()]
    assert names == ["c", "j", "i", "h", "g", "f", "e", "d"]


def test_a_full_disk_does_not_stop_the_editors_bookkeeping(user_dirs, tmp_path, monkeypatch):
    import errno
    import os

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    settings.add_recent_file(tmp_path / "a.bulletin")  # nothing raised, nothing kept
    settings.save_window_layout({"geometry": b"\x01"})
    assert settings.recent_files() == [] and settings.window_layout() == {}
    assert list(settings.config_dir().iterdir()) == []  # no temporary file left behind


def test_recent_labels_and_dialog_folders(user_dirs, tmp_path):
    settings.add_recent_file(tmp_path / "a.bulletin", "2022年第28期（总第403期）")
    settings.add_recent_file(tmp_path / "b.bulletin")  # no label: a's is kept
    assert settings.recent_labels() == {tmp_path / "a.bulletin": "2022年第28期（总第403期）"}
    folder = tmp_path / "送审"
    folder.mkdir()
    settings.remember_folder("exports", folder / "x.docx")
    assert settings.last_folder("exports") == folder and settings.last_folder("issues") is None
    folder.rmdir()
    assert settings.last_folder("exports") is None  # a folder gone is no start
