"""What replacing a file keeps: its mode, a link to it; and what it refuses: a read-only file."""

import os
import stat
import sys

import pytest
from hostile import refused, run_cli

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.storage.atomic import atomic_write

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and symlinks")


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_only
def test_a_new_file_gets_the_umask_mode(tmp_path, umask_027):
    atomic_write(tmp_path / "new.docx", b"data")
    assert _mode(tmp_path / "new.docx") == 0o640


@posix_only
def test_replacing_a_file_keeps_its_mode(tmp_path, umask_027):
    target = tmp_path / "shared.docx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o664


@pytest.fixture
def signed_off(tmp_path):
    """An export someone made read-only after sign-off."""
    target = tmp_path / "定稿.docx"
    target.write_bytes(b"signed off")
    target.chmod(stat.S_IREAD)
    yield target
    target.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_read_only_file_is_refused_and_left_alone(signed_off):
    with pytest.raises(BulletinError, match="只读"):
        atomic_write(signed_off, b"new")
    assert signed_off.read_bytes() == b"signed off"
    assert [p.name for p in signed_off.parent.iterdir()] == ["定稿.docx"]


def test_the_command_line_refuses_a_read_only_target(signed_off):
    refused(run_cli("export", "--sample", "-o", signed_off), "只读", "定稿.docx")
    assert signed_off.read_bytes() == b"signed off"


def test_the_editor_refuses_a_read_only_target(editor_window, signed_off, monkeypatch):
    from bulletin_editor.ui import dialogs

    editor_window.open_issue(load_sample())
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion: signed_off)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    assert editor_window.export_word() is None
    assert len(errors) == 1 and "只读" in errors[0]
    assert signed_off.read_bytes() == b"signed off"


@posix_only
def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "archive" / "2022-028.docx"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o644)
    link = tmp_path / "latest.docx"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new" and _mode(real) == 0o644
    assert sorted(p.name for p in real.parent.iterdir()) == ["2022-028.docx"]


@posix_only
def test_the_umask_is_applied_by_creating_not_read_by_setting_it(tmp_path, umask_027, monkeypatch):
    """os.umask would change the umask for a moment for every thread, an autosave's included."""
    with monkeypatch.context() as patched:
        patched.setattr(os, "umask", lambda mask: pytest.fail("os.umask called"))
        atomic_write(tmp_path / "new.docx", b"data")
    assert _mode(tmp_path / "new.docx") == 0o640
