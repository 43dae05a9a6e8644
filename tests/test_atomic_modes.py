"""What replacing a file keeps: its mode, a link to it; and what it refuses: a read-only file."""

import os
import stat
import sys

import pytest

from bulletin_editor.errors import BulletinError
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


def test_a_read_only_file_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "signed.docx"
    target.write_bytes(b"signed off")
    target.chmod(stat.S_IREAD)
    try:
        with pytest.raises(BulletinError, match="只读"):
            atomic_write(target, b"new")
        assert target.read_bytes() == b"signed off"
        assert [p.name for p in tmp_path.iterdir()] == ["signed.docx"]
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)


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
