"""The command line, run as a real process: `python -m bulletin_editor` and `bulletin-editor`."""

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from word_styles import body_paragraphs

from bulletin_editor import __version__

ENTRY_POINTS = [[sys.executable, "-m", "bulletin_editor"], ["bulletin-editor"]]


def run(entry, *args, cwd=None):
    if entry == ["bulletin-editor"]:
        entry = [shutil.which("bulletin-editor") or "bulletin-editor is not installed"]
    return subprocess.run([*entry, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def _one_line_error(result, code):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_version(entry):
    result = run(entry, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"bulletin-editor {__version__}"


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_export_sample_from_another_folder(entry, tmp_path, canonical_lines):
    result = run(entry, "export", "--sample", "-o", "sample.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(tmp_path / "sample.docx"))
    assert [p.text for p in body_paragraphs(document) if p.text] == canonical_lines


def test_sample_then_export_the_file(tmp_path, canonical_lines):
    entry = ENTRY_POINTS[0]
    assert run(entry, "sample", "-o", tmp_path / "s.bulletin").returncode == 0
    assert run(entry, "export", tmp_path / "s.bulletin", "-o", tmp_path / "s.docx").returncode == 0
    document = docx.Document(str(tmp_path / "s.docx"))
    assert [p.text for p in body_paragraphs(document) if p.text] == canonical_lines


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--sample"],
        ["export", "-o", "x.docx"],
        ["export", "a.bulletin", "--sample", "-o", "x.docx"],
        ["frobnicate", "-x"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path):
    message = _one_line_error(run(ENTRY_POINTS[0], *args, cwd=tmp_path), 2)
    assert "命令行参数有误" in message
    assert not (tmp_path / "x.docx").exists()


def test_missing_file_exits_1(tmp_path):
    message = _one_line_error(
        run(ENTRY_POINTS[0], "export", tmp_path / "none.bulletin", "-o", tmp_path / "x.docx"), 1
    )
    assert "找不到文件" in message and not (tmp_path / "x.docx").exists()


def test_non_json_file_exits_1(tmp_path):
    bad = tmp_path / "bad.bulletin"
    bad.write_text("这不是 JSON", encoding="utf-8")
    message = _one_line_error(run(ENTRY_POINTS[0], "export", bad, "-o", tmp_path / "x.docx"), 1)
    assert "JSON" in message and not (tmp_path / "x.docx").exists()


def test_newer_version_exits_1(tmp_path):
    newer = tmp_path / "newer.bulletin"
    newer.write_text('{"format": "bulletin-editor", "version": 99, "issue": {}}', encoding="utf-8")
    message = _one_line_error(run(ENTRY_POINTS[0], "export", newer, "-o", tmp_path / "x.docx"), 1)
    assert "99" in message and "升级" in message


def test_target_is_a_folder_exits_1(tmp_path):
    message = _one_line_error(run(ENTRY_POINTS[0], "export", "--sample", "-o", tmp_path), 1)
    assert "文件夹" in message
    assert list(tmp_path.iterdir()) == []


def test_target_open_in_word_exits_1_and_keeps_the_file(tmp_path):
    target = tmp_path / "周报.docx"
    target.write_bytes(b"signed off")
    Path(tmp_path / "~$周报.docx").write_bytes(b"owner")
    message = _one_line_error(run(ENTRY_POINTS[0], "export", "--sample", "-o", target), 1)
    assert "Word" in message and "周报.docx" in message
    assert target.read_bytes() == b"signed off"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["~$周报.docx", "周报.docx"]
