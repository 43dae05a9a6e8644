import os

# Qt must never try to open a display in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest

from bulletin_editor.formats.bulletin import load_sample

DATA = Path(__file__).resolve().parent / "data"

# The workbook fixtures, registered once so the session-scoped stats_files is built once.
pytest_plugins = ["excel_workbooks"]


def pytest_configure(config):
    """Hypothesis' examples and caches (it fills them while collecting) in a temporary folder
    removed at the end, not in .hypothesis/ in the checkout."""
    from hypothesis.configuration import set_hypothesis_home_dir

    home = tempfile.mkdtemp(prefix="bulletin-editor-hypothesis-")
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))
    set_hypothesis_home_dir(home)


@pytest.fixture
def sample_issue():
    return load_sample()


@pytest.fixture(scope="session")
def canonical_lines() -> list[str]:
    """The printed 2022 No. 28 issue, one paragraph a line, as an export must read."""
    text = (DATA / "canonical-2022-28.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Point platformdirs' per-user folders (documents, config, data, cache) into tmp_path.

    Autouse: no test reads or writes the real archive, recovery folder or index."""
    import platformdirs

    for kind in ("documents", "config", "data", "cache"):
        folder = tmp_path / "user" / kind
        monkeypatch.setattr(platformdirs, f"user_{kind}_dir", lambda *a, _f=folder, **k: str(_f))
    # A command run as a process (the check command reads the user's word lists) looks there too.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "config"))
    return tmp_path / "user"


@pytest.fixture
def lock_clock(monkeypatch) -> dt.datetime:
    """The locks' clock stopped at a fixed moment, so lock ages never depend on the real time."""
    from bulletin_editor.storage import locks

    moment = dt.datetime(2022, 7, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    monkeypatch.setattr(locks, "now", lambda: moment)
    return moment


@pytest.fixture
def editor_window(qtbot, user_dirs, monkeypatch):
    """The real main window with a blank issue; any modal dialog a test did not expect fails it."""
    from bulletin_editor.app.startup import main_window
    from bulletin_editor.ui import dialogs

    for name in (
        "ask_unsaved",
        "ask_next_from_unsaved",
        "ask_open_path",
        "ask_save_path",
        "ask_export_path",
        "ask_release_path",
        "ask_pdf_path",
        "ask_print",
        "confirm_print_with_findings",
        "confirm_export_with_findings",
        "confirm_export_wrapping_unit_date",
        "ask_page_limit",
        "confirm_delete",
        "offer_open_export",
        "show_error",
        "show_info",
        "ask_word",
    ):

        def unexpected(*args, _name=name, **kwargs):
            raise AssertionError(f"unexpected dialog {_name}{args[1:]}")

        monkeypatch.setattr(dialogs, name, unexpected)
    window = main_window()
    yield window
    if window.document is not None:
        window.document.undo_stack.setClean()  # closing must not ask
    window.close()
    window.deleteLater()


@pytest.fixture
def window(editor_window):
    """The main window with the built-in sample open (a test file may define its own)."""
    editor_window.open_issue(load_sample())
    return editor_window


@pytest.fixture
def paged_window(editor_window, qtbot):
    """The main window shown at 1500×950 with the sample open, its preview refreshed and paged."""
    editor_window.resize(1500, 950)
    editor_window.show()
    qtbot.waitExposed(editor_window)
    editor_window.open_issue(load_sample())
    editor_window.release_preview()
    editor_window.preview_pane.set_paged(True)
    return editor_window
