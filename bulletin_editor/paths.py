"""Find the shipped resources the same way from a source tree, a wheel and a PyInstaller bundle.

A wheel (and the PyInstaller spec) puts resources/ inside the package as
bulletin_editor/resources; in a source tree or an editable install it is the top-level
resources/ beside the package.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found beside {_PACKAGE}")


def resource_path(name: str) -> Path:
    return resources_dir() / name
