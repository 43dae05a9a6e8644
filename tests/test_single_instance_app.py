"""Double-clicking a .bulletin while the editor runs: the new process hands the file over and
exits; the running editor's window opens it."""

import os
import subprocess
import sys
import uuid

import pytest
from launches import finish_while_serving

from bulletin_editor.app import single_instance
from bulletin_editor.app.startup import listen_for_other_launches
from bulletin_editor.formats.bulletin import save_issue
from bulletin_editor.ui import dialogs


@pytest.fixture
def launch_env(monkeypatch, tmp_path):
    """A unique server name, and per-user folders (log, settings) of the launched process in tmp."""
    monkeypatch.setenv(single_instance.NAME_ENV, f"bulletin-editor-test-{uuid.uuid4().hex[:12]}")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        LOCALAPPDATA=str(tmp_path / "localappdata"),
        APPDATA=str(tmp_path / "appdata"),
    )
    return env


def _double_click(path, env, qtbot):
    """What Explorer does: `bulletin-editor FILE` in a new process; its exit status.
    This process's event loop keeps running meanwhile, so the editor can answer."""
    launch = subprocess.Popen(
        [sys.executable, "-m", "bulletin_editor", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, err = finish_while_serving(launch, qtbot)
    assert launch.returncode == 0, err
    return launch.returncode


def test_the_running_editor_opens_the_file_and_the_new_process_exits(
    editor_window, qtbot, launch_env, sample_issue, tmp_path
):
    listen_for_other_launches(editor_window)
    target = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, target)
    assert _double_click(target, launch_env, qtbot) == 0
    qtbot.waitUntil(lambda: editor_window.current_path() == target, timeout=10000)
    assert editor_window.current_issue() == sample_issue
    assert not editor_window.is_modified()


def test_unsaved_changes_are_asked_about_before_the_handed_file_replaces_them(
    editor_window, qtbot, launch_env, sample_issue, tmp_path, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_unsaved", lambda parent, name: asked.append(name) or dialogs.Unsaved.CANCEL
    )
    editor_window.open_issue(sample_issue, tmp_path / "open.bulletin", modified=True)
    listen_for_other_launches(editor_window)
    other = tmp_path / "other.bulletin"
    save_issue(sample_issue, other)
    assert _double_click(other, launch_env, qtbot) == 0
    qtbot.waitUntil(lambda: asked == ["open.bulletin"], timeout=10000)
    assert editor_window.current_path() == tmp_path / "open.bulletin"  # the user cancelled
    editor_window.document.undo_stack.setClean()  # closing at teardown must not ask


def test_the_file_already_open_is_not_reloaded(editor_window, qtbot, launch_env, sample_issue, tmp_path):
    target = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, target)
    editor_window.open_issue(sample_issue, target)
    document = editor_window.document
    server = listen_for_other_launches(editor_window)
    with qtbot.waitSignal(server.file_received, timeout=10000):
        assert _double_click(target, launch_env, qtbot) == 0
    # The window's handler was connected before waitSignal's, so it has run by now.
    assert editor_window.document is document
