"""One editor per issue, one window per user: second launches, live autosaves, live locks.

The other editors here are real processes of the program; they share this test's per-user
folders (recovery, archive) by pointing platformdirs at them the way the `user_dirs` fixture
does in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from launches import finish_while_serving

from bulletin_editor.app import single_instance
from bulletin_editor.app.startup import listen_for_other_launches
from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.storage import locks
from bulletin_editor.storage.locks import lock_path, read_lock
from bulletin_editor.storage.recovery import list_recoverable
from bulletin_editor.ui import dialogs

# Runs the program's command line with platformdirs pointed at the given per-user folders.
# RecoveryDialog.exec prints instead of waiting for a click: the decision to offer is the real one.
PROGRAM = """
import json, sys
import platformdirs
folders = json.loads(sys.argv[1])
for kind, folder in folders.items():
    setattr(platformdirs, f"user_{kind}_dir", lambda *a, _f=folder, **k: _f)
from bulletin_editor.ui.archive_window import RecoveryDialog
RecoveryDialog.exec = lambda self: print("RECOVERY OFFERED", flush=True) or 0
if "--quit-after-start" in sys.argv:  # once the window is up, with recovery offered or not
    sys.argv.remove("--quit-after-start")
    import os
    from bulletin_editor.app import startup
    built = startup.main_window
    startup.main_window = lambda *a, **k: (built(*a, **k), print("STARTED", flush=True), os._exit(0))
from bulletin_editor.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def launch(monkeypatch, tmp_path, user_dirs):
    """Start the program in another process: same user folders, a unique instance name."""
    monkeypatch.setenv(single_instance.NAME_ENV, f"bulletin-editor-test-{uuid.uuid4().hex[:12]}")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    folders = json.dumps({kind: str(user_dirs / kind) for kind in ("documents", "config", "data", "cache")})
    started = []

    def start(*args: str, env_update: dict | None = None) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", PROGRAM, folders, *args],
            env={**env, **(env_update or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.fixture
def open_file(editor_window, tmp_path, sample_issue):
    """The editor in this process with an issue file open and unsaved edits autosaved."""
    path = tmp_path / "shared" / "2022-028.bulletin"
    path.parent.mkdir()
    save_issue(sample_issue, path)
    assert editor_window.open_file(path)
    document = editor_window.document
    document.set_value(document.issue.distribution, "copies", 95, "修改印数")
    editor_window.safekeeping.autosave()
    assert len(list_recoverable()) == 1  # this process may see it: the test plays a crash elsewhere
    return path


def test_a_second_launch_with_sample_hands_over_and_the_first_keeps_its_file(
    editor_window, open_file, launch, qtbot, monkeypatch
):
    asked = []
    # The running editor is asked about its unsaved edits before the sample replaces them: keep them.
    monkeypatch.setattr(
        dialogs, "ask_unsaved", lambda parent, name: asked.append(name) or dialogs.Unsaved.CANCEL
    )
    listen_for_other_launches(editor_window)
    token = read_lock(open_file).token
    second = launch("--sample")
    out, err = finish_while_serving(second, qtbot)
    assert second.returncode == 0, err
    assert "RECOVERY OFFERED" not in out  # it handed over before building any window
    qtbot.waitUntil(lambda: asked == ["2022-028.bulletin"], timeout=10000)
    assert read_lock(open_file).token == token  # nobody took the lock
    assert editor_window.current_path() == open_file and editor_window.save()
    assert load_issue(open_file).distribution.copies == 95


def test_with_nothing_to_keep_the_handed_over_sample_opens(editor_window, launch, qtbot):
    listen_for_other_launches(editor_window)
    second = launch("--sample")
    _, err = finish_while_serving(second, qtbot)
    assert second.returncode == 0, err
    qtbot.waitUntil(lambda: editor_window.current_issue().masthead.number == 28, timeout=10000)
    assert editor_window.current_path() is None


def test_a_running_editors_autosave_is_not_offered_as_recovery(open_file, launch, qtbot):
    """Another editor starting meanwhile (one that could not hand over) leaves the live autosave
    alone; once the writer is gone, the autosave is offered."""
    other = launch("--quit-after-start", env_update={single_instance.NAME_ENV: "another-session"})
    out, err = finish_while_serving(other, qtbot)
    assert "STARTED" in out, err
    assert "RECOVERY OFFERED" not in out
    (autosave,) = list_recoverable()
    document = json.loads(autosave.path.read_text(encoding="utf-8"))
    assert document["pid"] == os.getpid()
    document["pid"] = other.pid  # as if the autosave had been written by the editor now gone
    autosave.path.write_text(json.dumps(document), encoding="utf-8")
    again = launch("--quit-after-start", env_update={single_instance.NAME_ENV: "another-session"})
    out, err = finish_while_serving(again, qtbot)
    assert "RECOVERY OFFERED" in out, err


def test_a_live_editors_lock_asks_and_names_the_holder(
    editor_window, launch, tmp_path, sample_issue, qtbot, monkeypatch
):
    path = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, path)
    holder = launch(str(path), env_update={single_instance.NAME_ENV: "another-session"})
    qtbot.waitUntil(lambda: read_lock(path) is not None, timeout=30000)
    info = read_lock(path)
    assert info.pid == holder.pid and info.running is True
    asked = []
    monkeypatch.setattr(dialogs, "ask_take_over", lambda parent, message: asked.append(message) or False)
    assert editor_window.open_file(path)
    (question,) = asked
    assert f"{locks.current_display_name()}（" in question and locks.current_computer() in question
    assert "收到通知" in question
    assert read_lock(path).pid == holder.pid  # declined: the other editor keeps it
    assert "只读" in editor_window.safekeeping.read_only_label.text()


def test_taking_over_is_noticed_by_the_other_editor_which_can_take_it_back(
    editor_window, open_file, qtbot, monkeypatch
):
    told = []
    monkeypatch.setattr(dialogs, "ask_take_back", lambda parent, message: told.append(message) or True)
    editor_window.safekeeping.lock_timer.setInterval(20)
    ours = read_lock(open_file).token
    lock_path(open_file).write_text(
        json.dumps(
            {
                "user": "lisi",
                "name": "李四",
                "computer": "PC-LI",
                "time": "2026-12-02T08:00:00+08:00",
                "token": "theirs",
            }
        ),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert "李四（lisi，计算机 PC-LI）" in told[0] and "接管" in told[0]
    assert read_lock(open_file).token not in (ours, "theirs")  # taken back, with a new lock
    assert editor_window.safekeeping.read_only_reason == "" and editor_window.save()


def test_declining_to_take_back_leaves_the_window_read_only(editor_window, open_file, qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_take_back", lambda parent, message: False)
    editor_window.safekeeping.lock_timer.setInterval(20)
    lock_path(open_file).write_text(
        json.dumps({"user": "lisi", "computer": "PC-LI", "time": "2026-12-02T08:00:00+08:00", "token": "t"}),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: editor_window.safekeeping.read_only_reason != "", timeout=5000)
    assert "lisi" in editor_window.safekeeping.read_only_label.text()
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    assert not editor_window.save() and "只读" in errors[0]
    assert read_lock(open_file).user == "lisi"
