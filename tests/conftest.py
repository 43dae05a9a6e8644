import os

# Qt must never try to open a display in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from bulletin_editor.issue_file import load_sample  # noqa: E402

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


@pytest.fixture
def sample_issue():
    return load_sample()


@pytest.fixture(scope="session")
def canonical_lines() -> list[str]:
    """The printed 2022 No. 28 issue, one paragraph a line, as an export must read."""
    text = (REFERENCE / "2022-28.canonical.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    """Point platformdirs' per-user folders (documents, config, data, cache) into tmp_path."""
    import platformdirs

    for kind in ("documents", "config", "data", "cache"):
        folder = tmp_path / "user" / kind
        monkeypatch.setattr(platformdirs, f"user_{kind}_dir", lambda *a, _f=folder, **k: str(_f))
    return tmp_path / "user"
