"""Packaging: the icon renders, the installer script and the release workflow agree with the spec
and with each other, and the frozen bundle built from the spec runs (packaging/check_bundle.sh)."""

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from PySide6.QtGui import QColor, QImage, QImageReader

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
from build_icons import ICO_SIZES, build_icons  # noqa: E402

from bulletin_editor.storage.settings import APP_ID  # noqa: E402

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _iss() -> str:
    """The installer script without its comment lines."""
    raw = (PACKAGING / "installer.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "without a BOM Inno Setup reads the Chinese as ANSI"
    lines = raw.decode("utf-8-sig").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(";")) + "\n"


def _section(text: str, name: str) -> list[str]:
    lines = text.split(f"[{name}]\n", 1)[1].split("\n[", 1)[0].splitlines()
    return [line for line in lines if line.strip()]


def test_the_icon_renders_at_every_size_with_its_red_masthead(tmp_path):
    ico, png = build_icons(tmp_path)
    reader = QImageReader(str(ico))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
        assert image.width() == image.height()
    assert sorted(sizes) == sorted(ICO_SIZES)

    image = QImage(str(png))
    assert image.size().width() == image.size().height() == 256
    assert image.pixelColor(0, 255).alpha() == 0  # transparent around the page
    band = QColor(image.pixel(60, 40))  # the masthead band
    assert band.red() > 180 and band.green() < 80 and band.blue() < 80
    page = QColor(image.pixel(100, 168))  # white paper between the text lines
    assert min(page.red(), page.green(), page.blue()) > 200


def test_the_installer_is_per_user_and_takes_its_version_from_the_build():
    text = _iss()
    setup = dict(
        line.split("=", 1) for line in _section(text, "Setup") if "=" in line and not line.startswith("#")
    )
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never asks for administrator
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["AppVersion"] == "{#AppVersion}"  # no version written into the script
    assert VERSION not in text
    assert "#error" in text.split("#ifndef AppVersion", 1)[1].split("#endif", 1)[0]
    assert setup["ChangesAssociations"] == "yes"
    assert any(line.startswith('Name: "{autoprograms}\\') for line in _section(text, "Icons"))


def test_the_file_type_is_registered_for_this_user_only_and_opens_in_the_program():
    text = _iss()
    registry = _section(text, "Registry")
    assert registry and all(line.startswith("Root: HKCU; ") for line in registry)
    command = next(line for line in registry if "shell\\open\\command" in line)
    assert '"""{app}\\{#AppExe}"" ""%1"""' in command
    icon = next(line for line in registry if "DefaultIcon" in line)
    assert "{app}\\{#AppExe},0" in icon
    extension = next(line for line in registry if 'Subkey: "Software\\Classes\\.bulletin"' in line)
    assert 'ValueData: "{#FileClass}"' in extension and "uninsdelete" in extension


def test_the_uninstaller_leaves_the_users_data_alone():
    text = _iss()
    assert "[UninstallDelete]" not in text and "[InstallDelete]" not in text
    for user_folder in ("{userdocs}", "{localappdata}", "{userappdata}", "{%USERPROFILE"):
        assert user_folder not in text


def test_the_installer_packs_what_the_spec_builds():
    text = _iss()
    spec = (PACKAGING / "bulletin_editor.spec").read_text(encoding="utf-8")
    app_name = re.search(r'^APP_NAME = "(\w+)"', spec, re.M).group(1)
    assert app_name == APP_ID  # the program's folders (%LOCALAPPDATA%\BulletinEditor) carry the same name
    assert f'#define AppExe "{app_name}.exe"' in text
    assert f'#define BundleDir "..\\dist\\{app_name}"' in text
    # The spec renders the icon into <workpath>/icons; the workflow's workpath is build/pyinstaller.
    assert 'build_icons(Path(workpath) / "icons")' in spec
    assert '#define IconFile "..\\build\\pyinstaller\\icons\\icon.ico"' in text


def test_the_release_workflow_builds_the_installer_on_windows_for_version_tags():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["tags"] == ["v*"]
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "windows-latest"
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "--workpath build/pyinstaller packaging/bulletin_editor.spec" in script
    assert "packaging\\installer.iss" in script
    assert "/DAppVersion=${{ steps.version.outputs.version }}" in script
    assert "pyproject.toml" in script and "does not match pyproject.toml version" in script


def test_the_frozen_bundle_runs_and_stays_small(capsys, tmp_path):
    """Builds the PyInstaller bundle from the spec with this interpreter and runs it: --version,
    export --sample (canonical text), the editor with a second launch handing a file over; ~20 s."""
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PyInstaller is missing on CI: it is a test dependency")
        pytest.skip('PyInstaller is not installed (pip install -e ".[test]")')
    env = dict(
        os.environ,
        PYTHON=sys.executable,
        BUNDLE_DIR=str(tmp_path / "bundle"),
        PYINSTALLER_CONFIG_DIR=str(tmp_path / "pyinstaller-cache"),  # not the user's cache
    )
    result = subprocess.run(
        ["bash", str(PACKAGING / "check_bundle.sh")], capture_output=True, text=True, timeout=1200, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    size = re.search(r"bundle size (\d+) MB", result.stdout)
    with capsys.disabled():
        print(f"\n{size.group(0)} (aim: under 150 MB)")
    assert int(size.group(1)) <= 150


def test_the_windows_version_resource_carries_the_pyproject_version(monkeypatch):
    import types

    from version_info import version_numbers, windows_version_info

    assert version_numbers("1.2.0rc1") == (1, 2, 0, 1)
    assert version_numbers("0.1") == (0, 1, 0, 0)
    # PyInstaller's versioninfo imports pefile and win32api at the top, for writing the resource
    # into an .exe on Windows; building the structure needs neither.
    from PyInstaller import compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    info = windows_version_info(VERSION, "BulletinEditor")
    raw = info.toRaw()
    assert VERSION.encode("utf-16-le") in raw
    assert "周报编辑器".encode("utf-16-le") in raw
    major, minor, patch, build = version_numbers(VERSION)
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == (patch << 16) | build
