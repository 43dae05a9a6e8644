"""The wheel (what `pip install .` installs) carries resources/ and exports the sample.

The wheel is built from a copy of the project without build isolation, so nothing is fetched
and the checkout gets no build/ or .egg-info; it is unpacked and run, not installed."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "bulletin_editor", "resources")


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--wheel-dir", str(dist), str(source)],
        check=True,
        timeout=300,
        cwd=source,
    )
    (wheel,) = dist.glob("bulletin_editor-*.whl")
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_the_wheel_finds_its_resources_and_exports(unpacked, tmp_path, canonical_lines):
    code = (
        "import bulletin_editor, bulletin_editor.ui.main_window\n"
        "from bulletin_editor.cli import main\n"
        "print(bulletin_editor.__file__)\n"
        "raise SystemExit(main(['export', '--sample', '-o', 'out.docx']))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(unpacked)  # not the source tree
    assert (unpacked / "bulletin_editor" / "resources" / "layout.toml").is_file()
    import docx
    from word_styles import body_paragraphs

    texts = [p.text for p in body_paragraphs(docx.Document(str(tmp_path / "out.docx"))) if p.text]
    assert texts == canonical_lines
