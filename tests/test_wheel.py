"""A non-editable install (what `pip install .` gives) carries resources/ and exports the sample."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        check=True,
        timeout=300,
        cwd=tmp_path_factory.mktemp("build"),
    )
    return target


def test_installed_package_finds_its_resources_and_exports(installed, tmp_path, canonical_lines):
    code = (
        "import bulletin_editor, bulletin_editor.ui.main_window\n"
        "from bulletin_editor.cli import main\n"
        "print(bulletin_editor.__file__)\n"
        "raise SystemExit(main(['export', '--sample', '-o', 'out.docx']))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(installed))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed)  # not the source tree
    assert (installed / "bulletin_editor" / "resources" / "layout.toml").is_file()
    import docx
    from word_styles import body_paragraphs

    texts = [p.text for p in body_paragraphs(docx.Document(str(tmp_path / "out.docx"))) if p.text]
    assert texts == canonical_lines
